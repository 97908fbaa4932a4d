//! The OS keychain, where a keychain vault's data key is kept: the `Keychain` trait, this
//! platform's store (`OsKeychain`) and any keyring store (`CredentialStore`, for tests). Entries
//! are named after the vault's random id; failures are described without any secret.

use zeroize::Zeroizing;

use crate::error::KeychainError;
use crate::keys::DataKey;

/// Where the data key is kept when the vault is protected by the OS keychain.
///
/// The real implementation is [`OsKeychain`]; tests substitute failing ones to check that every
/// keychain failure leaves the vault untouched.
pub trait Keychain {
    /// Stores the data key for the vault `vault_id`, replacing any earlier one for that id.
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError>;
    /// Loads the data key for `vault_id`; `Ok(None)` when there is no entry for it.
    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError>;
    /// Removes the entry for `vault_id`, if there is one.
    fn remove(&self, vault_id: &str) -> Result<(), KeychainError>;
    /// Whether what is stored survives the end of this process and a restart of the computer.
    /// A keychain vault is refused on a store that does not (its key would be gone).
    fn persists(&self) -> bool;
}

/// The operating system's keychain, through the `keyring` crate's store for this platform:
/// Secret Service (GNOME Keyring, KWallet) on Linux and the BSDs, Keychain on macOS, Credential
/// Manager on Windows (`crates/rapport-core/Cargo.toml` names each store per target). On any
/// other system keyring has only its in-memory mock, which [`Keychain::persists`] reports, so
/// keychain vaults are refused there rather than silently forgotten at exit.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeychain;

impl OsKeychain {
    fn store_of_this_platform() -> CredentialStore {
        CredentialStore(keyring::default::default_credential_builder())
    }
}

impl Keychain for OsKeychain {
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError> {
        Self::store_of_this_platform().store(vault_id, key)
    }

    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError> {
        Self::store_of_this_platform().load(vault_id)
    }

    fn remove(&self, vault_id: &str) -> Result<(), KeychainError> {
        Self::store_of_this_platform().remove(vault_id)
    }

    fn persists(&self) -> bool {
        Self::store_of_this_platform().persists()
    }
}

/// A keychain on any `keyring` credential store: [`OsKeychain`] uses the platform's; tests pass
/// another (e.g. keyring's in-memory mock, to see a store that does not persist refused).
pub struct CredentialStore(pub Box<keyring::CredentialBuilder>);

impl std::fmt::Debug for CredentialStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CredentialStore(..)")
    }
}

const KEYCHAIN_SERVICE: &str = "rapport";

impl CredentialStore {
    fn entry(&self, vault_id: &str) -> Result<keyring::Entry, KeychainError> {
        let credential = self
            .0
            .build(None, KEYCHAIN_SERVICE, &format!("vault-{vault_id}"))
            .map_err(describe)?;
        Ok(keyring::Entry::new_with_credential(credential))
    }
}

impl Keychain for CredentialStore {
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError> {
        self.entry(vault_id)?
            .set_secret(key.as_bytes())
            .map_err(describe)
    }

    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError> {
        match self.entry(vault_id)?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                DataKey::from_slice(&secret).map(Some).ok_or_else(|| {
                    KeychainError("the keychain entry for this vault is not a Rapport key".into())
                })
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(e)),
        }
    }

    fn remove(&self, vault_id: &str) -> Result<(), KeychainError> {
        match self.entry(vault_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(e)),
        }
    }

    fn persists(&self) -> bool {
        matches!(
            self.0.persistence(),
            keyring::credential::CredentialPersistence::UntilDelete
        )
    }
}

fn describe(error: keyring::Error) -> KeychainError {
    const INSTEAD: &str = "or protect the vault with a passphrase instead";
    let text = match &error {
        keyring::Error::NoStorageAccess(_) => {
            "the keychain is locked or refused access; unlock it and try again".to_owned()
        }
        keyring::Error::PlatformFailure(inner) => {
            let detail = inner.to_string();
            if detail.contains("ServiceUnknown") || detail.contains("org.freedesktop.secrets") {
                format!(
                    "no keychain service is running (on Linux: start GNOME Keyring or KWallet, {INSTEAD})"
                )
            } else if detail.contains("autolaunch")
                || detail.contains("Failed to connect")
                || detail.contains("DBUS_SESSION_BUS_ADDRESS")
            {
                format!("there is no desktop session bus to reach the keychain (log in to a desktop session, {INSTEAD})")
            } else if detail.contains("IsLocked") || detail.contains("locked") {
                "the keychain is locked; unlock it and try again".to_owned()
            } else {
                format!("keychain failure ({detail}); try again, {INSTEAD}")
            }
        }
        other => format!("keychain failure ({other}); try again, {INSTEAD}"),
    };
    KeychainError(text)
}
