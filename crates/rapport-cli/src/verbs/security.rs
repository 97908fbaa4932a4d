//! The security verbs: `protect`, `recovery-key new` and `rekey`. Each opens the vault (asking
//! for a passphrase vault's passphrase, which the core checks again before changing anything)
//! and prints what changed; a new recovery key is printed once.

use std::path::Path;

use rand::rngs::OsRng;
use rapport_core::{OsKeychain, Protection, RecoveryKey, Vault};
use serde::Serialize;

use crate::args::ProtectArgs;
use crate::output::Output;
use crate::unlock::{new_passphrase, open_keeping_secret};
use crate::{render, Failure};

#[derive(Serialize)]
struct Protected {
    protection: Protection,
    /// True when the key could not be removed from the keychain after a passphrase was set.
    keychain_entry_left: bool,
}

pub(crate) fn protect(
    dir: &Path,
    args: &ProtectArgs,
    passphrase_stdin: bool,
    out: Output,
) -> Result<(), Failure> {
    let (mut vault, current) = open_keeping_secret(dir, passphrase_stdin)?;
    let mut keychain_entry_left = false;
    if args.passphrase {
        let new = new_passphrase(passphrase_stdin)?;
        let set = vault.set_passphrase(
            current.as_deref().map(String::as_str),
            &new,
            &OsKeychain,
            &mut OsRng,
        )?;
        keychain_entry_left = set.keychain_entry_left;
    } else {
        vault.use_keychain(
            current.as_deref().map(String::as_str),
            &OsKeychain,
            &mut OsRng,
        )?;
    }
    let done = Protected {
        protection: vault.protection(),
        keychain_entry_left,
    };
    let left = done.keychain_entry_left.then(|| vault.id());
    out.print(&done, |w| render::protected(w, done.protection, left))
}

#[derive(Serialize)]
struct NewRecoveryKey<'a> {
    recovery_key: &'a str,
    protection: Protection,
}

pub(crate) fn new_recovery_key(
    dir: &Path,
    passphrase_stdin: bool,
    out: Output,
) -> Result<(), Failure> {
    let (mut vault, current) = open_keeping_secret(dir, passphrase_stdin)?;
    let recovery = vault.new_recovery_key(current.as_deref().map(String::as_str), &mut OsRng)?;
    show_once(&vault, &recovery, false, out)
}

pub(crate) fn rekey(dir: &Path, passphrase_stdin: bool, out: Output) -> Result<(), Failure> {
    let (mut vault, current) = open_keeping_secret(dir, passphrase_stdin)?;
    let recovery = vault.rekey(
        current.as_deref().map(String::as_str),
        &OsKeychain,
        &mut OsRng,
    )?;
    show_once(&vault, &recovery, true, out)
}

/// Prints a new recovery key (once), then tells the vault it was shown.
fn show_once(
    vault: &Vault,
    recovery: &RecoveryKey,
    rekeyed: bool,
    out: Output,
) -> Result<(), Failure> {
    let shown = recovery.display();
    let done = NewRecoveryKey {
        recovery_key: &shown,
        protection: vault.protection(),
    };
    out.print(&done, |w| {
        render::new_recovery_key(w, done.recovery_key, rekeyed)
    })?;
    Ok(vault.recovery_key_shown()?)
}
