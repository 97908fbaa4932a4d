//! Commands for backups: writing one, checking the vault, and restoring one into an empty data
//! directory (a new machine) with the recovery key or the backup's passphrase.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use rand::rngs::OsRng;
use rapport_core::backup::{BackupInfo, BackupKey};
use rapport_core::{Keychain, NewProtection, OsKeychain, RecoveryKey, Vault};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::commands::vault::{status, VaultStatusView};
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

const BACKUP_FILTER: (&str, &[&str]) = ("Rapport backup", &["rapport-backup"]);

/// A backup just written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupDone {
    pub file: SavedFile,
    pub entries: u64,
    pub partners: u64,
}

/// A backup chosen for restoring: only its name goes to the page; the path stays here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChosenBackup {
    pub file_name: String,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_vault<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    directory: Arg<String>,
) -> Result<Option<BackupDone>, IpcError> {
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        backup(
            state,
            &NativeDialogs(app),
            directory,
            Local::now().date_naive(),
        )
    })
    .await
}

/// Reads every page of the vault and checks it.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_vault(state: State<'_, SharedState>) -> Result<(), IpcError> {
    run_blocking(&state, |state| state.with_vault(|vault| Ok(vault.check()?))).await
}

/// Asks which backup to restore. Only where there is no vault yet.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
) -> Result<Option<ChosenBackup>, IpcError> {
    run_blocking(&state, move |state| choose(state, &NativeDialogs(app))).await
}

/// Restores the chosen backup, opened with its recovery key or its passphrase. With the recovery
/// key the vault goes into this machine's keychain, or behind `new_passphrase` when one is given;
/// with the passphrase it stays behind that passphrase.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, SharedState>,
    recovery_key: Arg<String>,
    passphrase: Arg<String>,
    new_passphrase: Arg<String>,
) -> Result<VaultStatusView, IpcError> {
    let recovery_key = recovery_key.optional("recovery_key")?;
    let passphrase = passphrase.optional("passphrase")?;
    let new_passphrase = new_passphrase.optional("new_passphrase")?;
    run_blocking(&state, move |state| {
        restore(
            state,
            &OsKeychain,
            recovery_key.as_deref(),
            passphrase.as_deref(),
            new_passphrase.as_deref(),
        )
    })
    .await
}

pub(crate) fn backup(
    state: &AppState,
    chooser: &dyn FileChooser,
    directory: Option<PathBuf>,
    today: NaiveDate,
) -> Result<Option<BackupDone>, IpcError> {
    // Refuse a locked vault before the dialog; the vault is not held while the person chooses.
    state.with_vault(|_| Ok(()))?;
    let dialog = FileDialog {
        file_name: Some(format!("rapport-{today}.rapport-backup")),
        directory,
        filter: Some(BACKUP_FILTER),
        ..FileDialog::new("Back up the vault")
    };
    let Some(path) = chooser.save(dialog)? else {
        return Ok(None);
    };
    let BackupInfo {
        bytes,
        entries,
        partners,
    } = state.with_vault(|vault| Ok(vault.backup(&path)?))?;
    Ok(Some(BackupDone {
        file: SavedFile::new(&path, bytes),
        entries,
        partners,
    }))
}

pub(crate) fn choose(
    state: &AppState,
    chooser: &dyn FileChooser,
) -> Result<Option<ChosenBackup>, IpcError> {
    // Half a vault (an interrupted start) does not stand in the way: the restore keeps it aside.
    if !matches!(
        Vault::status(&state.data_dir),
        Err(rapport_core::Error::VaultIncomplete { .. })
    ) {
        rapport_core::vault::ensure_no_vault(&state.data_dir)?;
    }
    let Some(path) = chooser.open(FileDialog {
        filter: Some(BACKUP_FILTER),
        ..FileDialog::new("Restore a backup")
    })?
    else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    *state.pending_backup() = Some(path);
    Ok(Some(ChosenBackup { file_name }))
}

pub(crate) fn restore(
    state: &AppState,
    keychain: &dyn Keychain,
    recovery_key: Option<&str>,
    passphrase: Option<&str>,
    new_passphrase: Option<&str>,
) -> Result<VaultStatusView, IpcError> {
    let backup = state
        .pending_backup()
        .clone()
        .ok_or_else(|| IpcError::invalid_input("choose the backup to restore first"))?;
    let recovery = recovery_key
        .filter(|k| !k.trim().is_empty())
        .map(RecoveryKey::parse)
        .transpose()
        .map_err(rapport_core::Error::from)?;
    let passphrase = passphrase.filter(|p| !p.is_empty());
    let new_passphrase = new_passphrase.filter(|p| !p.is_empty());
    let (key, protection) = match (&recovery, passphrase) {
        (Some(recovery), None) => (
            BackupKey::Recovery(recovery),
            match new_passphrase {
                Some(p) => NewProtection::Passphrase(p),
                None => NewProtection::Keychain(keychain),
            },
        ),
        (None, Some(p)) => (BackupKey::Passphrase(p), NewProtection::Passphrase(p)),
        _ => {
            return Err(IpcError::invalid_input(
                "enter the recovery key or the backup's passphrase",
            ))
        }
    };
    let mut slot = state.vault();
    rapport_core::vault::set_aside_incomplete(&state.data_dir, chrono::Utc::now())?;
    let vault = Vault::restore(&backup, &state.data_dir, key, protection, &mut OsRng)?;
    *slot = Some(vault);
    *state.pending_backup() = None;
    status(state, &slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::{open_passphrase_vault, MemoryKeychain};
    use crate::commands::vault::VaultState;
    use crate::error::ErrorKind;
    use crate::files::testing::FixedChooser;
    use rapport_core::{NewEntry, Protection};

    #[test]
    fn a_backup_restores_into_an_empty_directory_with_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        state
            .with_vault(|vault| {
                vault.add_entry(
                    NewEntry {
                        body: "kept across machines".into(),
                        ..NewEntry::default()
                    },
                    chrono::Utc::now(),
                )?;
                Ok(())
            })
            .unwrap();
        let file = dir.path().join("b.rapport-backup");
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let done = backup(&state, &FixedChooser::answering(&file), None, today)
            .unwrap()
            .unwrap();
        assert_eq!(done.entries, 1);
        assert!(file.exists());

        // A new machine: no vault yet.
        let fresh = AppState::shared(dir.path().join("new-machine"));
        let keychain = MemoryKeychain::default();
        let nothing = restore(&fresh, &keychain, None, Some("x"), None).unwrap_err();
        assert_eq!(nothing.kind, ErrorKind::InvalidInput, "no backup chosen");
        let chosen = choose(&fresh, &FixedChooser::answering(&file))
            .unwrap()
            .unwrap();
        assert_eq!(chosen.file_name, "b.rapport-backup");
        let wrong = restore(&fresh, &keychain, None, Some("wrong"), None).unwrap_err();
        assert_eq!(wrong.kind, ErrorKind::WrongPassphrase);
        assert!(!fresh.data_dir.join("rapport.db").exists());
        let view = restore(&fresh, &keychain, None, Some("correct horse battery"), None).unwrap();
        assert_eq!(view.state, VaultState::Open);
        assert_eq!(view.protection, Some(Protection::Passphrase));
        assert_eq!(view.entry_count, Some(1));

        // Never over an existing vault.
        let again = choose(&fresh, &FixedChooser::answering(&file)).unwrap_err();
        assert_eq!(again.kind, ErrorKind::VaultExists);
    }

    #[test]
    fn a_locked_vault_shows_no_dialog_and_cancel_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let cancel = FixedChooser::default();
        assert_eq!(backup(&state, &cancel, None, today).unwrap(), None);
        assert_eq!(
            cancel.asked.lock().unwrap()[0].file_name.as_deref(),
            Some("rapport-2026-11-21.rapport-backup")
        );
        *state.vault() = None;
        let chooser = FixedChooser::answering(dir.path().join("x"));
        let locked = backup(&state, &chooser, None, today).unwrap_err();
        assert_eq!(locked.kind, ErrorKind::Locked);
        assert!(chooser.asked.lock().unwrap().is_empty());
    }
}
