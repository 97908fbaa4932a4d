//! Commands for Settings → Security: how the vault is unlocked (a passphrase set, changed or
//! taken off), a new recovery key, a new data key. A passphrase vault's current passphrase is
//! asked for every change; the core checks it again before anything is written.

use rand::rngs::OsRng;
use rapport_core::{Keychain, OsKeychain, Protection, Vault};
use serde::Serialize;
use tauri::State;

use crate::args::Arg;
use crate::commands::vault::{status, VaultStatusView};
use crate::error::IpcError;
use crate::state::{run_blocking, AppState, SharedState};

/// What Settings → Security shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityStatus {
    pub protection: Protection,
    /// An interrupted re-key was finished at unlock: its recovery key may never have been shown.
    pub recovery_key_unseen: bool,
}

/// A change of protection: the vault's new status, and whether the keychain kept the old entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtectionChanged {
    pub status: VaultStatusView,
    pub keychain_entry_left: bool,
}

/// A new recovery key, to show once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewRecoveryKey {
    pub recovery_key: String,
    pub status: VaultStatusView,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn security_status(state: State<'_, SharedState>) -> Result<SecurityStatus, IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| {
            Ok(SecurityStatus {
                protection: vault.protection(),
                recovery_key_unseen: vault.recovery_key_unseen()?,
            })
        })
    })
    .await
}

/// Sets a passphrase on a keychain vault, or changes a passphrase vault's (with `current`).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_passphrase(
    state: State<'_, SharedState>,
    current: Arg<String>,
    new_passphrase: Arg<String>,
) -> Result<ProtectionChanged, IpcError> {
    let current = current.optional("current")?;
    let new_passphrase = new_passphrase.required("new_passphrase")?;
    run_blocking(&state, move |state| {
        protect_with_passphrase(state, &OsKeychain, current.as_deref(), &new_passphrase)
    })
    .await
}

/// Puts a passphrase vault's key back in the keychain (with `current`).
#[tauri::command(rename_all = "snake_case")]
pub async fn use_keychain(
    state: State<'_, SharedState>,
    current: Arg<String>,
) -> Result<ProtectionChanged, IpcError> {
    let current = current.optional("current")?;
    run_blocking(&state, move |state| {
        protect_with_keychain(state, &OsKeychain, current.as_deref())
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn new_recovery_key(
    state: State<'_, SharedState>,
    current: Arg<String>,
) -> Result<NewRecoveryKey, IpcError> {
    let current = current.optional("current")?;
    run_blocking(&state, move |state| {
        with_current(state, current.as_deref(), |vault, current| {
            Ok(vault.new_recovery_key(current, &mut OsRng)?)
        })
    })
    .await
}

/// The page showed the last recovery key made and the person said they have it.
#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_key_shown(state: State<'_, SharedState>) -> Result<(), IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| Ok(vault.recovery_key_shown()?))
    })
    .await
}

/// Re-encrypts the vault with a new data key; returns the new recovery key.
#[tauri::command(rename_all = "snake_case")]
pub async fn rekey_vault(
    state: State<'_, SharedState>,
    current: Arg<String>,
) -> Result<NewRecoveryKey, IpcError> {
    let current = current.optional("current")?;
    run_blocking(&state, move |state| {
        with_current(state, current.as_deref(), |vault, current| {
            Ok(vault.rekey(current, &OsKeychain, &mut OsRng)?)
        })
    })
    .await
}

/// The open vault and its current passphrase, which a passphrase vault must be given (as
/// `invalid_input`: a missing field, not a locked vault).
fn current_for<'a>(vault: &Vault, current: Option<&'a str>) -> Result<Option<&'a str>, IpcError> {
    let current = current.filter(|c| !c.is_empty());
    if vault.protection() == Protection::Passphrase && current.is_none() {
        return Err(IpcError::invalid_input("enter your current passphrase"));
    }
    Ok(current)
}

fn with_current(
    state: &AppState,
    current: Option<&str>,
    make: impl FnOnce(&mut Vault, Option<&str>) -> Result<rapport_core::RecoveryKey, IpcError>,
) -> Result<NewRecoveryKey, IpcError> {
    // The status first: once the key is made, nothing may fail before it reaches the page.
    // (Neither change alters what the status shows: protection and counts stay.)
    let before = status(state, &state.vault())?;
    let recovery_key = state.with_vault(|vault| {
        let current = current_for(vault, current)?;
        make(vault, current)
    })?;
    Ok(NewRecoveryKey {
        recovery_key: recovery_key.display().as_str().to_owned(),
        status: before,
    })
}

pub(crate) fn protect_with_passphrase(
    state: &AppState,
    keychain: &dyn Keychain,
    current: Option<&str>,
    new_passphrase: &str,
) -> Result<ProtectionChanged, IpcError> {
    let set = state.with_vault(|vault| {
        let current = current_for(vault, current)?;
        Ok(vault.set_passphrase(current, new_passphrase, keychain, &mut OsRng)?)
    })?;
    Ok(ProtectionChanged {
        status: status(state, &state.vault())?,
        keychain_entry_left: set.keychain_entry_left,
    })
}

pub(crate) fn protect_with_keychain(
    state: &AppState,
    keychain: &dyn Keychain,
    current: Option<&str>,
) -> Result<ProtectionChanged, IpcError> {
    state.with_vault(|vault| {
        let current = current_for(vault, current)?;
        Ok(vault.use_keychain(current, keychain, &mut OsRng)?)
    })?;
    Ok(ProtectionChanged {
        status: status(state, &state.vault())?,
        keychain_entry_left: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::MemoryKeychain;
    use crate::commands::vault::{create, lock, unlock};
    use crate::error::ErrorKind;

    #[test]
    fn a_passphrase_is_required_changed_and_given_up_from_settings() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let keychain = MemoryKeychain::default();
        create(&state, &keychain, None).unwrap();

        let changed =
            protect_with_passphrase(&state, &keychain, None, "correct horse battery").unwrap();
        assert_eq!(changed.status.protection, Some(Protection::Passphrase));
        assert!(!changed.keychain_entry_left);
        lock(&state).unwrap();
        assert_eq!(
            unlock(&state, &keychain, None).unwrap_err().kind,
            ErrorKind::InvalidInput,
            "a passphrase is asked for"
        );
        unlock(&state, &keychain, Some("correct horse battery")).unwrap();

        // Without the current passphrase: a field to fill, not a locked vault.
        let missing =
            protect_with_passphrase(&state, &keychain, None, "another one entirely").unwrap_err();
        assert_eq!(missing.kind, ErrorKind::InvalidInput);
        let wrong =
            protect_with_keychain(&state, &keychain, Some("not the passphrase")).unwrap_err();
        assert_eq!(wrong.kind, ErrorKind::WrongPassphrase);
        let back = protect_with_keychain(&state, &keychain, Some("correct horse battery")).unwrap();
        assert_eq!(back.status.protection, Some(Protection::Keychain));
        lock(&state).unwrap();
        unlock(&state, &keychain, None).unwrap();
    }

    #[test]
    fn a_rekey_returns_a_new_recovery_key_and_keeps_the_vault_open() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        let keychain = MemoryKeychain::default();
        let created = create(&state, &keychain, None).unwrap();
        // The command uses the real keychain; this test goes through the core with its double.
        let rekeyed = with_current(&state, None, |vault, current| {
            Ok(vault.rekey(current, &keychain, &mut OsRng)?)
        })
        .unwrap();
        assert_ne!(rekeyed.recovery_key, created.recovery_key);
        assert_eq!(rekeyed.status.entry_count, Some(0));
        lock(&state).unwrap();
        unlock(&state, &keychain, None).unwrap();
    }
}
