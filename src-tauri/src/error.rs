//! The one error type that crosses the IPC boundary, serialised as `{"kind": ..., "message": ...}`.
//!
//! The UI branches on `kind` only; `message` is for the person and is shown as it is. Neither
//! ever carries note text, partner names or key material: core errors describe inputs by field.

use serde::Serialize;

/// What the UI can do something about. Add a kind only when the UI branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// There is no vault in the data directory yet: show the welcome screen.
    NoVault,
    /// Creating a vault where one already exists: look at the directory again.
    VaultExists,
    /// The keychain holds no key (or the wrong key) for this vault: only the recovery key helps.
    KeyMissing,
    /// The keychain itself could not be used (no service, locked, refused).
    KeychainUnavailable,
    /// The vault is not unlocked yet, or needs another way of unlocking.
    Locked,
    /// The passphrase did not open the vault.
    WrongPassphrase,
    /// The recovery key did not open the vault.
    WrongRecoveryKey,
    /// An argument was refused before anything was read or written.
    InvalidInput,
    /// The thing asked for does not exist.
    NotFound,
    /// An edit started from a version that was changed since, elsewhere (another window, the
    /// CLI): nothing was written; the page reads the thing again and shows it.
    ChangedElsewhere,
    /// Anything else: a damaged vault, a disk error, a bug. The message says which.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NoVault => "no_vault",
            ErrorKind::VaultExists => "vault_exists",
            ErrorKind::KeyMissing => "key_missing",
            ErrorKind::KeychainUnavailable => "keychain_unavailable",
            ErrorKind::Locked => "locked",
            ErrorKind::WrongPassphrase => "wrong_passphrase",
            ErrorKind::WrongRecoveryKey => "wrong_recovery_key",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::ChangedElsewhere => "changed_elsewhere",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> IpcError {
        IpcError {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> IpcError {
        IpcError::new(ErrorKind::InvalidInput, message)
    }

    pub fn locked(message: impl Into<String>) -> IpcError {
        IpcError::new(ErrorKind::Locked, message)
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError::new(ErrorKind::Internal, message)
    }
}

impl From<rapport_core::Error> for IpcError {
    fn from(error: rapport_core::Error) -> IpcError {
        use rapport_core::Error as E;
        let kind = match &error {
            E::NoVault { .. } => ErrorKind::NoVault,
            E::VaultExists { .. } => ErrorKind::VaultExists,
            // Both are mended the same way, with the recovery key.
            E::KeychainEntryMissing | E::KeyMismatch => ErrorKind::KeyMissing,
            // Both are answered the same way: a passphrase instead of the keychain.
            E::Keychain(_) | E::KeychainNotPersistent => ErrorKind::KeychainUnavailable,
            E::PassphraseRequired | E::KeychainRequired => ErrorKind::Locked,
            E::WrongPassphrase => ErrorKind::WrongPassphrase,
            E::WrongRecoveryKey => ErrorKind::WrongRecoveryKey,
            E::Input(_) | E::Ambiguous { .. } | E::Duplicate { .. } | E::NewPassphraseRequired => {
                ErrorKind::InvalidInput
            }
            E::NotFound { .. } => ErrorKind::NotFound,
            E::ChangedElsewhere { .. } => ErrorKind::ChangedElsewhere,
            E::VaultIncomplete { .. }
            | E::Damaged(_)
            | E::KeyFile(_)
            | E::KeyFileAltered
            | E::VaultBusy
            | E::Busy
            | E::NewerSchema { .. }
            | E::NoEncryption
            | E::Io { .. }
            | E::Storage(_) => ErrorKind::Internal,
        };
        // The core's messages are written for people and never quote note text or keys.
        IpcError::new(kind, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::InputError;

    fn json(error: &IpcError) -> String {
        serde_json::to_string(error).unwrap()
    }

    #[test]
    fn serialises_as_kind_and_message() {
        let error = IpcError::invalid_input("give a limit from 1 to 200");
        assert_eq!(
            json(&error),
            r#"{"kind":"invalid_input","message":"give a limit from 1 to 200"}"#
        );
    }

    #[test]
    fn every_kind_serialises_as_its_name() {
        let kinds = [
            ErrorKind::NoVault,
            ErrorKind::VaultExists,
            ErrorKind::KeyMissing,
            ErrorKind::KeychainUnavailable,
            ErrorKind::Locked,
            ErrorKind::WrongPassphrase,
            ErrorKind::WrongRecoveryKey,
            ErrorKind::InvalidInput,
            ErrorKind::NotFound,
            ErrorKind::ChangedElsewhere,
            ErrorKind::Internal,
        ];
        for kind in kinds {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }

    #[test]
    fn missing_keychain_entry_points_to_the_recover_command() {
        let error = IpcError::from(rapport_core::Error::KeychainEntryMissing);
        assert_eq!(error.kind, ErrorKind::KeyMissing);
        assert!(
            error
                .message
                .contains("rapport recover --recovery-key-stdin"),
            "{}",
            error.message
        );
        let value: serde_json::Value = serde_json::from_str(&json(&error)).unwrap();
        assert_eq!(value["kind"], "key_missing");
    }

    #[test]
    fn core_errors_map_to_the_kinds_the_ui_branches_on() {
        let cases = [
            (
                rapport_core::Error::NoVault {
                    dir: "/tmp/nowhere".into(),
                },
                r#"{"kind":"no_vault","message":"no vault in /tmp/nowhere; create one with `rapport init`"}"#,
            ),
            (
                rapport_core::Error::WrongPassphrase,
                r#"{"kind":"wrong_passphrase","message":"wrong passphrase; nothing was changed"}"#,
            ),
            (
                rapport_core::Error::PassphraseRequired,
                r#"{"kind":"locked","message":"this vault is protected by a passphrase; unlock it with the passphrase"}"#,
            ),
            (
                rapport_core::Error::NotFound {
                    what: "entry",
                    by: "id",
                },
                r#"{"kind":"not_found","message":"no entry with that id"}"#,
            ),
            (
                InputError::new("limit", "too big").into(),
                r#"{"kind":"invalid_input","message":"invalid limit: too big"}"#,
            ),
        ];
        for (core, expected) in cases {
            assert_eq!(json(&IpcError::from(core)), expected);
        }
    }
}
