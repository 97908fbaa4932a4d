//! Test doubles for command tests: an in-memory keychain and ready-made vaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rand::rngs::OsRng;
use rapport_core::keys::DataKey;
use rapport_core::{Keychain, KeychainError, NewProtection, Vault};

/// A keychain that forgets everything when dropped, like a fresh machine. It says it persists:
/// each test plays one run of the app, and the store's own persistence is the core's to test.
#[derive(Default)]
pub(crate) struct MemoryKeychain {
    keys: Mutex<HashMap<String, DataKey>>,
}

impl Keychain for MemoryKeychain {
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError> {
        self.keys
            .lock()
            .unwrap()
            .insert(vault_id.to_owned(), key.clone());
        Ok(())
    }

    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError> {
        Ok(self.keys.lock().unwrap().get(vault_id).cloned())
    }

    fn remove(&self, vault_id: &str) -> Result<(), KeychainError> {
        self.keys.lock().unwrap().remove(vault_id);
        Ok(())
    }

    fn persists(&self) -> bool {
        true
    }
}

/// A passphrase vault under `parent`, created and unlocked in a fresh app state.
pub(crate) fn open_passphrase_vault(parent: &Path) -> crate::state::SharedState {
    let state = crate::state::AppState::shared(passphrase_vault(parent, "correct horse battery"));
    crate::commands::vault::unlock(
        &state,
        &MemoryKeychain::default(),
        Some("correct horse battery"),
    )
    .unwrap();
    state
}

/// Creates a passphrase-protected vault under `parent` and returns its data directory, closed.
pub(crate) fn passphrase_vault(parent: &Path, passphrase: &str) -> PathBuf {
    let dir = parent.join("vault");
    Vault::create(&dir, NewProtection::Passphrase(passphrase), &mut OsRng).unwrap();
    dir
}
