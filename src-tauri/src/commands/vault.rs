//! Commands about the vault itself: its state, creating, unlocking, recovering and locking it.

use chrono::Utc;
use rand::rngs::OsRng;
use rapport_core::{
    Keychain, NewProtection, OsKeychain, Protection, RecoveryKey, Unlock, Vault, VaultStatus,
};
use serde::Serialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, AppState, SharedState};

/// Whether the journal can be read right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    /// No vault in the data directory yet.
    Absent,
    /// A vault is there but not unlocked.
    Locked,
    /// Unlocked and ready.
    Open,
}

/// What the UI needs to choose a screen and draw the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaultStatusView {
    pub state: VaultState,
    /// How the vault is unlocked; `None` when there is no vault.
    pub protection: Option<Protection>,
    /// Where the vault lives, for the person to see.
    pub data_dir: String,
    /// Live entries; only known when the vault is open.
    pub entry_count: Option<u64>,
    /// Active partners; only known when the vault is open.
    pub partner_count: Option<u64>,
    /// No vault, but half of one (an interrupted start, or a lost file): creating or restoring a
    /// vault keeps it aside, byte for byte.
    pub incomplete: bool,
}

/// A vault just created: its state, and the recovery key to show exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatedVault {
    pub recovery_key: String,
    pub status: VaultStatusView,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn vault_status(state: State<'_, SharedState>) -> Result<VaultStatusView, IpcError> {
    run_blocking(&state, |state| status(state, &state.vault())).await
}

/// Creates the vault: in the keychain, or behind `passphrase` when one is given.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_vault(
    state: State<'_, SharedState>,
    passphrase: Arg<String>,
) -> Result<CreatedVault, IpcError> {
    let passphrase = passphrase.optional("passphrase")?;
    run_blocking(&state, move |state| {
        create(state, &OsKeychain, passphrase.as_deref())
    })
    .await
}

/// Unlocks the vault: from the keychain when it is keychain-protected (the passphrase is then
/// ignored), else with the passphrase. Unlocking an open vault changes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_vault(
    state: State<'_, SharedState>,
    passphrase: Arg<String>,
) -> Result<VaultStatusView, IpcError> {
    let passphrase = passphrase.optional("passphrase")?;
    run_blocking(&state, move |state| {
        unlock(state, &OsKeychain, passphrase.as_deref())
    })
    .await
}

/// Restores access with the recovery key: re-stores the key in the keychain, or (for a
/// passphrase vault) protects it with the new `passphrase`.
#[tauri::command(rename_all = "snake_case")]
pub async fn recover_vault(
    state: State<'_, SharedState>,
    recovery_key: Arg<String>,
    passphrase: Arg<String>,
) -> Result<VaultStatusView, IpcError> {
    let recovery_key = recovery_key.required("recovery_key")?;
    let passphrase = passphrase.optional("passphrase")?;
    run_blocking(&state, move |state| {
        recover(state, &OsKeychain, &recovery_key, passphrase.as_deref())
    })
    .await
}

/// Closes the vault: the connection and the key are dropped.
#[tauri::command(rename_all = "snake_case")]
pub async fn lock_vault(state: State<'_, SharedState>) -> Result<VaultStatusView, IpcError> {
    run_blocking(&state, lock).await
}

pub(crate) fn status(state: &AppState, slot: &Option<Vault>) -> Result<VaultStatusView, IpcError> {
    let data_dir = state.data_dir.display().to_string();
    if let Some(vault) = slot {
        return Ok(VaultStatusView {
            state: VaultState::Open,
            protection: Some(vault.protection()),
            data_dir,
            entry_count: Some(vault.count_entries()?),
            partner_count: Some(vault.count_partners(false)?),
            incomplete: false,
        });
    }
    let (state, protection, incomplete) = match Vault::status(&state.data_dir) {
        Ok(VaultStatus::Absent) => (VaultState::Absent, None, false),
        Ok(VaultStatus::Present(protection)) => (VaultState::Locked, Some(protection), false),
        Err(rapport_core::Error::VaultIncomplete { .. }) => (VaultState::Absent, None, true),
        Err(error) => return Err(error.into()),
    };
    Ok(VaultStatusView {
        state,
        protection,
        data_dir,
        entry_count: None,
        partner_count: None,
        incomplete,
    })
}

pub(crate) fn create(
    state: &AppState,
    keychain: &dyn Keychain,
    passphrase: Option<&str>,
) -> Result<CreatedVault, IpcError> {
    let mut slot = state.vault();
    let protection = match passphrase {
        Some(passphrase) => NewProtection::Passphrase(passphrase),
        None => NewProtection::Keychain(keychain),
    };
    // Half a vault left by an interrupted start is kept aside, byte for byte (the welcome screen
    // said so: `VaultStatusView::incomplete`).
    rapport_core::vault::set_aside_incomplete(&state.data_dir, Utc::now())?;
    let (vault, recovery_key) = Vault::create(&state.data_dir, protection, &mut OsRng)?;
    *slot = Some(vault);
    Ok(CreatedVault {
        recovery_key: recovery_key.display().as_str().to_owned(),
        status: status(state, &slot)?,
    })
}

pub(crate) fn unlock(
    state: &AppState,
    keychain: &dyn Keychain,
    passphrase: Option<&str>,
) -> Result<VaultStatusView, IpcError> {
    let mut slot = state.vault();
    if slot.is_none() {
        match Vault::status(&state.data_dir)? {
            VaultStatus::Absent => {
                return Err(rapport_core::Error::NoVault {
                    dir: state.data_dir.clone(),
                }
                .into())
            }
            VaultStatus::Present(Protection::Keychain) => {
                state.open_with_keychain(&mut slot, keychain)?;
            }
            VaultStatus::Present(Protection::Passphrase) => {
                let passphrase = passphrase
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| IpcError::invalid_input("enter the vault's passphrase"))?;
                *slot = Some(Vault::open(
                    &state.data_dir,
                    Unlock::Passphrase(passphrase),
                )?);
            }
        }
    }
    status(state, &slot)
}

pub(crate) fn recover(
    state: &AppState,
    keychain: &dyn Keychain,
    recovery_key: &str,
    passphrase: Option<&str>,
) -> Result<VaultStatusView, IpcError> {
    let recovery_key = RecoveryKey::parse(recovery_key).map_err(rapport_core::Error::from)?;
    let mut slot = state.vault();
    let protection = match Vault::status(&state.data_dir)? {
        VaultStatus::Absent => {
            return Err(rapport_core::Error::NoVault {
                dir: state.data_dir.clone(),
            }
            .into())
        }
        VaultStatus::Present(Protection::Keychain) => NewProtection::Keychain(keychain),
        VaultStatus::Present(Protection::Passphrase) => NewProtection::Passphrase(
            passphrase
                .filter(|p| !p.is_empty())
                .ok_or_else(|| IpcError::invalid_input("choose a new passphrase"))?,
        ),
    };
    // Close any open connection first: recovery rewrites the key file.
    *slot = None;
    *slot = Some(Vault::recover(
        &state.data_dir,
        &recovery_key,
        protection,
        &mut OsRng,
    )?);
    status(state, &slot)
}

pub(crate) fn lock(state: &AppState) -> Result<VaultStatusView, IpcError> {
    let mut slot = state.vault();
    // The coming reminders stay in memory, naming no one, so that they come while locked.
    if let Some(vault) = slot.as_ref() {
        state.keep_reminder_schedule(vault, Utc::now());
    }
    *slot = None;
    status(state, &slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::{passphrase_vault, MemoryKeychain};
    use crate::error::ErrorKind;

    #[test]
    fn an_empty_directory_has_no_vault() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let view = status(&state, &state.vault()).unwrap();
        assert_eq!(view.state, VaultState::Absent);
        assert_eq!(view.protection, None);
        assert_eq!(view.entry_count, None);
        let error = unlock(&state, &MemoryKeychain::default(), None).unwrap_err();
        assert_eq!(error.kind, ErrorKind::NoVault);
    }

    #[test]
    fn create_opens_the_vault_and_returns_a_recovery_key_once() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let keychain = MemoryKeychain::default();
        let created = create(&state, &keychain, None).unwrap();
        assert!(rapport_core::RecoveryKey::parse(&created.recovery_key).is_ok());
        assert_eq!(created.status.state, VaultState::Open);
        assert_eq!(created.status.protection, Some(Protection::Keychain));
        assert_eq!(created.status.entry_count, Some(0));
        assert_eq!(created.status.partner_count, Some(0));

        let again = create(&state, &keychain, None).unwrap_err();
        assert_eq!(again.kind, ErrorKind::VaultExists);
    }

    #[test]
    fn a_keychain_vault_unlocks_from_the_keychain_and_reports_a_missing_key() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("vault");
        let keychain = MemoryKeychain::default();
        create(&AppState::shared(data_dir.clone()), &keychain, None).unwrap();

        let relaunched = AppState::shared(data_dir.clone());
        assert_eq!(
            status(&relaunched, &relaunched.vault()).unwrap().state,
            VaultState::Locked
        );
        let view = unlock(&relaunched, &keychain, None).unwrap();
        assert_eq!(view.state, VaultState::Open);

        let on_a_new_machine = AppState::shared(data_dir);
        let error = unlock(&on_a_new_machine, &MemoryKeychain::default(), None).unwrap_err();
        assert_eq!(error.kind, ErrorKind::KeyMissing);
        assert!(error
            .message
            .contains("rapport recover --recovery-key-stdin"));
    }

    #[test]
    fn a_passphrase_vault_needs_the_right_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = passphrase_vault(dir.path(), "correct horse battery");
        let state = AppState::shared(data_dir);
        let keychain = MemoryKeychain::default();

        let view = status(&state, &state.vault()).unwrap();
        assert_eq!(view.state, VaultState::Locked);
        assert_eq!(view.protection, Some(Protection::Passphrase));

        let missing = unlock(&state, &keychain, None).unwrap_err();
        assert_eq!(missing.kind, ErrorKind::InvalidInput);
        let wrong = unlock(&state, &keychain, Some("not the passphrase")).unwrap_err();
        assert_eq!(wrong.kind, ErrorKind::WrongPassphrase);
        let open = unlock(&state, &keychain, Some("correct horse battery")).unwrap();
        assert_eq!(open.state, VaultState::Open);
        assert_eq!(open.entry_count, Some(0));
    }

    #[test]
    fn lock_forgets_the_vault_and_recovery_restores_a_lost_keychain_entry() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let keychain = MemoryKeychain::default();
        let created = create(&state, &keychain, None).unwrap();
        assert_eq!(lock(&state).unwrap().state, VaultState::Locked);
        assert!(state.vault().is_none());

        let new_machine = MemoryKeychain::default();
        assert_eq!(
            unlock(&state, &new_machine, None).unwrap_err().kind,
            ErrorKind::KeyMissing
        );
        let wrong = recover(
            &state,
            &new_machine,
            "0000-0000-0000-0000-0000-0000-0000-0000",
            None,
        )
        .unwrap_err();
        assert_eq!(wrong.kind, ErrorKind::WrongRecoveryKey);
        let garbage = recover(&state, &new_machine, "not a key", None).unwrap_err();
        assert_eq!(garbage.kind, ErrorKind::InvalidInput);
        let view = recover(&state, &new_machine, &created.recovery_key, None).unwrap();
        assert_eq!(view.state, VaultState::Open);
        lock(&state).unwrap();
        assert_eq!(
            unlock(&state, &new_machine, None).unwrap().state,
            VaultState::Open
        );
    }

    #[test]
    fn a_passphrase_vault_can_be_created_and_recovered_with_a_new_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let keychain = MemoryKeychain::default();
        let short = create(&state, &keychain, Some("short")).unwrap_err();
        assert_eq!(short.kind, ErrorKind::InvalidInput);
        let created = create(&state, &keychain, Some("correct horse battery")).unwrap();
        assert_eq!(created.status.protection, Some(Protection::Passphrase));
        lock(&state).unwrap();
        let needs_new = recover(&state, &keychain, &created.recovery_key, None).unwrap_err();
        assert_eq!(needs_new.kind, ErrorKind::InvalidInput);
        recover(
            &state,
            &keychain,
            &created.recovery_key,
            Some("a new passphrase"),
        )
        .unwrap();
        lock(&state).unwrap();
        assert_eq!(
            unlock(&state, &keychain, Some("correct horse battery"))
                .unwrap_err()
                .kind,
            ErrorKind::WrongPassphrase
        );
        unlock(&state, &keychain, Some("a new passphrase")).unwrap();
    }
}
