//! The core's error type: one enum a person can act on, never carrying note text or key material.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
///
/// Messages are written for the person at the keyboard and say what to do next. They never
/// contain note text, partner names or key material: inputs are described by field, not quoted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no vault in {dir}; create one with `rapport init`")]
    NoVault { dir: PathBuf },
    #[error("a vault already exists in {dir}; nothing was changed")]
    VaultExists { dir: PathBuf },
    #[error(
        "the vault in {dir} is incomplete (its key file or its database is missing); nothing was changed. \
         If a start was interrupted, `rapport init` (or restoring a backup) begins afresh and keeps \
         what is there aside; if a file was lost, put it back from a backup of this directory"
    )]
    VaultIncomplete { dir: PathBuf },
    #[error(
        "this vault's key is not in the system keychain (new machine, or a reset keyring?). \
         Nothing was changed. Restore access with your recovery key: `rapport recover --recovery-key-stdin`"
    )]
    KeychainEntryMissing,
    #[error("the system keychain could not be used: {0}. Nothing was changed")]
    Keychain(#[from] KeychainError),
    #[error("this vault is protected by a passphrase; unlock it with the passphrase")]
    PassphraseRequired,
    #[error("this vault keeps its key in the system keychain, not behind a passphrase")]
    KeychainRequired,
    #[error("wrong passphrase; nothing was changed")]
    WrongPassphrase,
    #[error("that recovery key does not open this vault; nothing was changed")]
    WrongRecoveryKey,
    #[error(
        "the key found for this vault does not open its database (an older copy of its key file, or \
         a keychain entry that was overwritten); nothing was changed. Put back the current key \
         file, or restore access with `rapport recover --recovery-key-stdin`"
    )]
    KeyMismatch,
    #[error(
        "the vault's database is damaged or is not a Rapport vault ({0}); nothing was changed"
    )]
    Damaged(String),
    #[error("the vault's key file is damaged or unreadable ({0}); nothing was changed")]
    KeyFile(String),
    #[error(
        "the vault's key file (rapport.keys.json) was changed outside Rapport: it no longer matches \
         the vault's key. Nothing was changed and nothing was trusted from it. Put back the key file \
         from a backup of this data directory, or restore a Rapport backup into a new data directory"
    )]
    KeyFileAltered,
    #[error(
        "this system's keychain would forget the vault's key when Rapport quits (this build has no \
         keychain store that persists here); nothing was changed. Protect the vault with a passphrase \
         instead (`rapport init --passphrase`, or choose a passphrase in the app)"
    )]
    KeychainNotPersistent,
    #[error(
        "this vault is protected by a passphrase, and recovery keeps it so: choose a new passphrase \
         (`rapport recover` asks for one); nothing was changed"
    )]
    NewPassphraseRequired,
    #[error(
        "another Rapport window or command has this vault open; close it (or lock it) and try \
         again. Nothing was changed"
    )]
    VaultBusy,
    #[error(
        "the vault is busy: another Rapport window or command kept it for more than a few seconds. \
         Nothing was changed; try again"
    )]
    Busy,
    #[error(
        "this {what} was changed elsewhere (another Rapport window or command) since you opened it; \
         nothing was changed. Open it again to see that change, then make yours"
    )]
    ChangedElsewhere { what: &'static str },
    #[error(
        "this vault was written by a newer Rapport (schema {found}, this build knows up to {supported}); \
         upgrade Rapport to open it. Nothing was changed"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error(
        "this build's SQLite has no SQLCipher encryption; refusing to open a vault unencrypted"
    )]
    NoEncryption,
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("no {what} with that {by}")]
    NotFound {
        what: &'static str,
        by: &'static str,
    },
    #[error("more than one {what} matches that name; use more of the name")]
    Ambiguous { what: &'static str },
    #[error("a {what} with that name already exists")]
    Duplicate { what: &'static str },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Storage(rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            // SQLCipher checks every page it reads against its HMAC: a flipped byte lands here.
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => Error::Damaged(
                "a page failed its integrity check; restore from a backup (the file was left as it is)".into(),
            ),
            // Still locked by another connection after `storage::BUSY_TIMEOUT`.
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            _ => Error::Storage(error),
        }
    }
}

/// A keychain failure, described without any secret (`keychain.rs` words it for people).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeychainError(pub String);

/// Input that was refused before anything was written. Names the field, never echoes the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: {reason}")]
pub struct InputError {
    pub field: &'static str,
    pub reason: String,
}

impl InputError {
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        InputError {
            field,
            reason: reason.into(),
        }
    }
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A stable, machine-readable name for the kind of failure, for `--json` output and the
    /// desktop app's IPC errors. Callers branch on this, never on the message.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NoVault { .. } => "no_vault",
            Error::VaultExists { .. } => "vault_exists",
            Error::VaultIncomplete { .. } => "vault_incomplete",
            Error::KeychainEntryMissing => "key_missing",
            Error::Keychain(_) => "keychain_unavailable",
            Error::PassphraseRequired => "passphrase_required",
            Error::KeychainRequired => "keychain_required",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::WrongRecoveryKey => "wrong_recovery_key",
            Error::KeyMismatch => "key_mismatch",
            Error::Damaged(_) => "damaged",
            Error::KeyFile(_) => "key_file_damaged",
            Error::KeyFileAltered => "key_file_altered",
            Error::KeychainNotPersistent => "keychain_not_persistent",
            Error::NewPassphraseRequired => "new_passphrase_required",
            Error::VaultBusy => "vault_busy",
            Error::Busy => "busy",
            Error::ChangedElsewhere { .. } => "changed_elsewhere",
            Error::NewerSchema { .. } => "newer_schema",
            Error::NoEncryption => "no_encryption",
            Error::Input(_) => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Ambiguous { .. } => "ambiguous",
            Error::Duplicate { .. } => "duplicate",
            Error::Io { .. } => "io",
            Error::Storage(_) => "storage",
        }
    }

    /// True when the vault could not be unlocked: no vault, no key, or the wrong key.
    /// The CLI exits with status 2 for these.
    pub fn is_locked(&self) -> bool {
        matches!(
            self,
            Error::NoVault { .. }
                | Error::KeychainEntryMissing
                | Error::Keychain(_)
                | Error::PassphraseRequired
                | Error::KeychainRequired
                | Error::WrongPassphrase
                | Error::WrongRecoveryKey
                | Error::KeyMismatch
                | Error::KeyFileAltered
                | Error::KeychainNotPersistent
        )
    }
}
