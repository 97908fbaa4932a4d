//! The verbs about the vault itself: `init`, `recover`, `restore FILE` and `status`.

use std::path::Path;

use chrono::{DateTime, Utc};
use rand::rngs::OsRng;
use rapport_core::{Error, NewProtection, OsKeychain, Protection, RecoveryKey, Vault, VaultStatus};
use serde::Serialize;

use crate::input::{self, read_secret_line};
use crate::output::Output;
use crate::unlock::{new_passphrase, open};
use crate::{render, Failure};

#[derive(Serialize)]
struct Created<'a> {
    recovery_key: &'a str,
    data_dir: &'a Path,
    protection: Protection,
}

pub(crate) fn init(
    dir: &Path,
    with_passphrase: bool,
    passphrase_stdin: bool,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let passphrase = if with_passphrase {
        Some(new_passphrase(passphrase_stdin)?)
    } else {
        None
    };
    let protection = match &passphrase {
        Some(p) => NewProtection::Passphrase(p),
        None => NewProtection::Keychain(&OsKeychain),
    };
    set_aside_incomplete(dir, now)?;
    let (vault, recovery) = Vault::create(dir, protection, &mut OsRng)?;
    let shown = recovery.display();
    let created = Created {
        recovery_key: &shown,
        data_dir: vault.dir(),
        protection: vault.protection(),
    };
    out.print(&created, |w| {
        render::created(w, created.recovery_key, vault.dir(), vault.protection())
    })
}

#[derive(Serialize)]
struct Recovered<'a> {
    recovered: bool,
    data_dir: &'a Path,
    protection: Protection,
}

pub(crate) fn recover(dir: &Path, passphrase_stdin: bool, out: Output) -> Result<(), Failure> {
    let protection = match Vault::status(dir)? {
        VaultStatus::Absent => {
            return Err(Error::NoVault {
                dir: dir.to_path_buf(),
            }
            .into())
        }
        VaultStatus::Present(p) => p,
    };
    let recovery = RecoveryKey::parse(&read_secret_line("recovery key")?)?;
    let passphrase = match protection {
        Protection::Passphrase => Some(new_passphrase(passphrase_stdin)?),
        Protection::Keychain => None,
    };
    let new = match &passphrase {
        Some(p) => NewProtection::Passphrase(p),
        None => NewProtection::Keychain(&OsKeychain),
    };
    let vault = Vault::recover(dir, &recovery, new, &mut OsRng)?;
    let done = Recovered {
        recovered: true,
        data_dir: vault.dir(),
        protection: vault.protection(),
    };
    out.print(&done, |w| render::recovered(w, vault.protection()))
}

/// An interrupted `init` or restore (or a lost file) left half a vault here: it is moved aside,
/// kept byte for byte, so that a new one can be made; says so on standard error.
fn set_aside_incomplete(dir: &Path, now: DateTime<Utc>) -> Result<(), Failure> {
    let moved = rapport_core::vault::set_aside_incomplete(dir, now)?;
    if !moved.is_empty() {
        let names: Vec<String> = moved
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        eprintln!(
            "rapport: this directory held half a vault (an interrupted start, or a lost file); \
             it is kept aside as {}",
            names.join(", ")
        );
    }
    Ok(())
}

pub(crate) fn restore_backup(
    dir: &Path,
    args: crate::args::RestoreArgs,
    passphrase_stdin: bool,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::backup::BackupKey;
    let recovery;
    let old_passphrase;
    let new_passphrase;
    let (key, protection) = if args.recovery_key_stdin {
        recovery = RecoveryKey::parse(&read_secret_line("recovery key")?)?;
        let protection = if args.passphrase {
            new_passphrase = self::new_passphrase(passphrase_stdin)?;
            NewProtection::Passphrase(&new_passphrase)
        } else {
            NewProtection::Keychain(&OsKeychain)
        };
        (BackupKey::Recovery(&recovery), protection)
    } else {
        old_passphrase = if passphrase_stdin {
            read_secret_line("passphrase")?
        } else {
            input::prompt_secret("The backup's passphrase: ")?
        };
        (
            BackupKey::Passphrase(&old_passphrase),
            NewProtection::Passphrase(&old_passphrase),
        )
    };
    let file = std::path::PathBuf::from(&args.target);
    set_aside_incomplete(dir, now)?;
    let vault = Vault::restore(&file, dir, key, protection, &mut OsRng)?;
    let info = serde_json::json!({
        "restored": true,
        "data_dir": vault.dir(),
        "protection": vault.protection(),
        "entries": vault.count_entries()?,
    });
    out.print(&info, |w| {
        writeln!(
            w,
            "Restored into {} ({} entries).",
            vault.dir().display(),
            info["entries"]
        )
    })
}

#[derive(Serialize)]
struct Status<'a> {
    data_dir: &'a Path,
    vault: &'static str,
    protection: Option<Protection>,
    entries: Option<u64>,
    partners: Option<u64>,
    /// True when the last recovery key made was perhaps never shown: make a new one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    recovery_key_unseen: bool,
}

pub(crate) fn status(dir: &Path, passphrase_stdin: bool, out: Output) -> Result<(), Failure> {
    let status = match Vault::status(dir)? {
        VaultStatus::Absent => Status {
            data_dir: dir,
            vault: "absent",
            protection: None,
            entries: None,
            partners: None,
            recovery_key_unseen: false,
        },
        VaultStatus::Present(protection) => {
            let vault = open(dir, passphrase_stdin)?;
            Status {
                data_dir: dir,
                vault: "present",
                protection: Some(protection),
                entries: Some(vault.count_entries()?),
                partners: Some(vault.list_partners(true)?.len() as u64),
                recovery_key_unseen: vault.recovery_key_unseen()?,
            }
        }
    };
    out.print(&status, |w| {
        render::status(
            w,
            status.data_dir,
            status.protection,
            status.entries,
            status.partners,
        )?;
        if status.recovery_key_unseen {
            writeln!(
                w,
                "The last recovery key made may never have been shown (its re-key was interrupted, \
                 or the window closed before it was written down). Make a new one: \
                 rapport recovery-key new"
            )?;
        }
        Ok(())
    })
}
