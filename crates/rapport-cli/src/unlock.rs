//! Opening the vault from the command line: from the keychain, or with a passphrase asked on the
//! terminal or read from standard input; and asking for a new passphrase.

use std::path::Path;

use rapport_core::{Error, OsKeychain, Protection, Unlock, Vault, VaultStatus};
use zeroize::Zeroizing;

use crate::input::{self, read_secret_line};
use crate::Failure;

pub(crate) fn open(dir: &Path, passphrase_stdin: bool) -> Result<Vault, Failure> {
    Ok(open_keeping_secret(dir, passphrase_stdin)?.0)
}

/// Opens the vault, asking for its passphrase when it has one, and keeps that passphrase for a
/// change that needs it again (the security verbs).
pub(crate) fn open_keeping_secret(
    dir: &Path,
    passphrase_stdin: bool,
) -> Result<(Vault, Option<Zeroizing<String>>), Failure> {
    match Vault::status(dir)? {
        VaultStatus::Absent => Err(Error::NoVault {
            dir: dir.to_path_buf(),
        }
        .into()),
        VaultStatus::Present(Protection::Keychain) => {
            Ok((Vault::open(dir, Unlock::Keychain(&OsKeychain))?, None))
        }
        VaultStatus::Present(Protection::Passphrase) => {
            let passphrase = if passphrase_stdin {
                read_secret_line("passphrase")?
            } else {
                input::prompt_secret("Passphrase: ")?
            };
            let vault = Vault::open(dir, Unlock::Passphrase(&passphrase))?;
            Ok((vault, Some(passphrase)))
        }
    }
}

/// A new passphrase: one line of standard input, or asked twice on the terminal.
pub(crate) fn new_passphrase(from_stdin: bool) -> Result<Zeroizing<String>, Failure> {
    if from_stdin {
        return read_secret_line("passphrase");
    }
    let first = input::prompt_secret("New passphrase: ")?;
    let second = input::prompt_secret("Repeat it: ")?;
    if first != second {
        return Err(Failure::Usage(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}
