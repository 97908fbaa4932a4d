//! Commands about the vault itself: what state it is in, creating it, unlocking it.

use rand::rngs::OsRng;
use rapport_core::{Keychain, NewProtection, OsKeychain, Protection, Unlock, Vault, VaultStatus};
use serde::Serialize;
use tauri::State;

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
}

/// A vault just created: its state, and the recovery key to show exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatedVault {
    pub recovery_key: String,
    pub status: VaultStatusView,
}

#[tauri::command]
pub async fn vault_status(state: State<'_, SharedState>) -> Result<VaultStatusView, IpcError> {
    run_blocking(&state, |state| status(state, &state.vault())).await
}

#[tauri::command]
pub async fn create_vault(state: State<'_, SharedState>) -> Result<CreatedVault, IpcError> {
    run_blocking(&state, |state| create(state, &OsKeychain)).await
}

/// Unlocks the vault: from the keychain when it is keychain-protected (the passphrase is then
/// ignored), else with the passphrase. Unlocking an open vault changes nothing.
#[tauri::command]
pub async fn unlock_vault(
    state: State<'_, SharedState>,
    passphrase: Option<String>,
) -> Result<VaultStatusView, IpcError> {
    run_blocking(&state, move |state| {
        unlock(state, &OsKeychain, passphrase.as_deref())
    })
    .await
}

pub(crate) fn status(state: &AppState, slot: &Option<Vault>) -> Result<VaultStatusView, IpcError> {
    let data_dir = state.data_dir.display().to_string();
    if let Some(vault) = slot {
        return Ok(VaultStatusView {
            state: VaultState::Open,
            protection: Some(vault.protection()),
            data_dir,
            entry_count: Some(vault.count_entries()?),
            partner_count: Some(vault.list_partners(false)?.len() as u64),
        });
    }
    let (state, protection) = match Vault::status(&state.data_dir)? {
        VaultStatus::Absent => (VaultState::Absent, None),
        VaultStatus::Present(protection) => (VaultState::Locked, Some(protection)),
    };
    Ok(VaultStatusView {
        state,
        protection,
        data_dir,
        entry_count: None,
        partner_count: None,
    })
}

pub(crate) fn create(state: &AppState, keychain: &dyn Keychain) -> Result<CreatedVault, IpcError> {
    let mut slot = state.vault();
    let (vault, recovery_key) = Vault::create(
        &state.data_dir,
        NewProtection::Keychain(keychain),
        &mut OsRng,
    )?;
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
        let created = create(&state, &keychain).unwrap();
        assert!(rapport_core::RecoveryKey::parse(&created.recovery_key).is_ok());
        assert_eq!(created.status.state, VaultState::Open);
        assert_eq!(created.status.protection, Some(Protection::Keychain));
        assert_eq!(created.status.entry_count, Some(0));
        assert_eq!(created.status.partner_count, Some(0));

        let again = create(&state, &keychain).unwrap_err();
        assert_eq!(again.kind, ErrorKind::VaultExists);
    }

    #[test]
    fn a_keychain_vault_unlocks_from_the_keychain_and_reports_a_missing_key() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("vault");
        let keychain = MemoryKeychain::default();
        create(&AppState::shared(data_dir.clone()), &keychain).unwrap();

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
}
