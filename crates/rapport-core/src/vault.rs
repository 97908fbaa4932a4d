//! The vault: one encrypted database and its key file in one data directory.
//!
//! Creating, opening and recovering a vault are the only operations that touch key material.
//! Every failure before the database is open leaves the data directory exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};

use rand::{CryptoRng, RngCore};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::keys::{DataKey, KeyFile, Keychain, NewSecret, RecoveryKey};
use crate::paths::{self, VaultPaths};
use crate::storage::{self, OpenMode};

pub use crate::keys::Protection;

/// What is in a data directory, found without any key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultStatus {
    /// No vault here yet.
    Absent,
    /// A vault, unlocked with the given protection.
    Present(Protection),
}

/// How a new or recovered vault will be unlocked from now on.
#[derive(Clone, Copy)]
pub enum NewProtection<'a> {
    /// The data key goes into the OS keychain.
    Keychain(&'a dyn Keychain),
    /// The data key is wrapped with a key derived from this passphrase.
    Passphrase(&'a str),
}

/// How to unlock an existing vault.
#[derive(Clone, Copy)]
pub enum Unlock<'a> {
    Keychain(&'a dyn Keychain),
    Passphrase(&'a str),
}

/// An open, unlocked vault. Dropping it closes the database and forgets the key.
pub struct Vault {
    pub(crate) conn: Connection,
    paths: VaultPaths,
    protection: Protection,
    id: String,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.paths.dir)
            .field("protection", &self.protection)
            .finish_non_exhaustive()
    }
}

/// The smallest passphrase accepted for a new vault, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

impl Vault {
    /// Looks at the data directory without unlocking anything.
    pub fn status(dir: &Path) -> Result<VaultStatus> {
        let paths = VaultPaths::new(dir);
        let has_keys = paths.key_file().exists();
        let has_db = paths.database().exists();
        match (has_keys, has_db) {
            (false, false) => Ok(VaultStatus::Absent),
            (true, true) => Ok(VaultStatus::Present(read_key_file(&paths)?.protection)),
            _ => Err(Error::VaultIncomplete {
                dir: dir.to_path_buf(),
            }),
        }
    }

    /// Creates a new vault in `dir` and returns it open, with the recovery key to show once.
    ///
    /// The key file is written last: until it exists there is no vault, so an interrupted
    /// creation never leaves something that looks like a vault but cannot be opened.
    pub fn create(
        dir: &Path,
        protection: NewProtection<'_>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<(Vault, RecoveryKey)> {
        if let NewProtection::Passphrase(passphrase) = protection {
            check_new_passphrase(passphrase)?;
        }
        let paths = VaultPaths::new(dir);
        ensure_no_vault(dir)?;
        paths::prepare_private_dir(dir)?;

        let key = DataKey::generate(rng);
        let recovery = RecoveryKey::generate(rng);
        let secret = match protection {
            NewProtection::Keychain(_) => NewSecret::Keychain,
            NewProtection::Passphrase(p) => NewSecret::Passphrase(p),
        };
        let key_file = KeyFile::new(&key, &secret, &recovery, rng)?;
        let key_file_text =
            serde_json::to_string_pretty(&key_file).map_err(|e| Error::KeyFile(e.to_string()))?;

        let database = paths.database();
        let result = (|| {
            if let NewProtection::Keychain(keychain) = protection {
                keychain.store(&key_file.vault_id, &key)?;
            }
            // Created empty with owner-only permissions first: SQLite gives the WAL and shared
            // memory files the same mode as the database.
            drop(paths::create_private_file(&database)?);
            let conn = storage::open(&database, &key, OpenMode::New)?;
            paths::write_private_atomically(&paths.key_file(), key_file_text.as_bytes())?;
            Ok(conn)
        })();
        match result {
            Ok(conn) => Ok((
                Vault {
                    conn,
                    paths,
                    protection: key_file.protection,
                    id: key_file.vault_id,
                },
                recovery,
            )),
            Err(e) => {
                // Undo a half-made vault; nothing else was in this directory's vault files.
                for suffix in ["", "-wal", "-shm"] {
                    let _ = fs::remove_file(format!("{}{suffix}", database.display()));
                }
                if let NewProtection::Keychain(keychain) = protection {
                    let _ = keychain.remove(&key_file.vault_id);
                }
                Err(e)
            }
        }
    }

    /// Opens an existing vault. Never creates anything, never writes a key anywhere.
    pub fn open(dir: &Path, unlock: Unlock<'_>) -> Result<Vault> {
        let paths = existing_vault(dir)?;
        let key_file = read_key_file(&paths)?;
        let key = match (unlock, key_file.protection) {
            (Unlock::Keychain(keychain), Protection::Keychain) => {
                let key = keychain
                    .load(&key_file.vault_id)?
                    .ok_or(Error::KeychainEntryMissing)?;
                key_file.check(key)?
            }
            (Unlock::Passphrase(passphrase), Protection::Passphrase) => {
                key_file.unlock_with_passphrase(passphrase)?
            }
            (Unlock::Keychain(_), Protection::Passphrase) => return Err(Error::PassphraseRequired),
            (Unlock::Passphrase(_), Protection::Keychain) => return Err(Error::KeychainRequired),
        };
        let conn = storage::open(&paths.database(), &key, OpenMode::Existing)?;
        Ok(Vault {
            conn,
            paths,
            protection: key_file.protection,
            id: key_file.vault_id,
        })
    }

    /// Restores access with the recovery key and sets how the vault is unlocked from now on:
    /// re-stores the key in the keychain, or wraps it under a new passphrase.
    ///
    /// The data key and the recovery key stay the same; only the key file (and the keychain
    /// entry) change, and only after the database has been opened with the recovered key.
    pub fn recover(
        dir: &Path,
        recovery: &RecoveryKey,
        protection: NewProtection<'_>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<Vault> {
        if let NewProtection::Passphrase(passphrase) = protection {
            check_new_passphrase(passphrase)?;
        }
        let paths = existing_vault(dir)?;
        let old = read_key_file(&paths)?;
        let key = old.unlock_with_recovery_key(recovery)?;
        let conn = storage::open(&paths.database(), &key, OpenMode::Existing)?;
        let secret = match protection {
            NewProtection::Keychain(_) => NewSecret::Keychain,
            NewProtection::Passphrase(p) => NewSecret::Passphrase(p),
        };
        let new = KeyFile::for_vault(old.vault_id.clone(), &key, &secret, recovery, rng)?;
        if let NewProtection::Keychain(keychain) = protection {
            keychain.store(&new.vault_id, &key)?;
        }
        let text = serde_json::to_string_pretty(&new).map_err(|e| Error::KeyFile(e.to_string()))?;
        paths::write_private_atomically(&paths.key_file(), text.as_bytes())?;
        Ok(Vault {
            conn,
            paths,
            protection: new.protection,
            id: new.vault_id,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.paths.dir
    }

    /// The vault's random id: names its keychain entry. Not secret, not personal.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn protection(&self) -> Protection {
        self.protection
    }

    /// The files that make up this vault (database, its WAL and shared memory, key file).
    pub fn files(&self) -> Vec<PathBuf> {
        let db = self.paths.database();
        vec![
            db.clone(),
            PathBuf::from(format!("{}-wal", db.display())),
            PathBuf::from(format!("{}-shm", db.display())),
            self.paths.key_file(),
        ]
    }
}

fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(crate::InputError::new(
            "passphrase",
            format!("use at least {MIN_PASSPHRASE_CHARS} characters"),
        )
        .into());
    }
    Ok(())
}

/// Refuses to go on where a vault (even a half-made one) already is: nothing is ever created
/// over existing data.
pub fn ensure_no_vault(dir: &Path) -> Result<()> {
    match Vault::status(dir) {
        Ok(VaultStatus::Absent) => Ok(()),
        Ok(VaultStatus::Present(_)) | Err(Error::VaultIncomplete { .. }) => {
            Err(Error::VaultExists {
                dir: dir.to_path_buf(),
            })
        }
        Err(e) => Err(e),
    }
}

fn existing_vault(dir: &Path) -> Result<VaultPaths> {
    match Vault::status(dir)? {
        VaultStatus::Absent => Err(Error::NoVault {
            dir: dir.to_path_buf(),
        }),
        VaultStatus::Present(_) => Ok(VaultPaths::new(dir)),
    }
}

fn read_key_file(paths: &VaultPaths) -> Result<KeyFile> {
    let text = fs::read_to_string(paths.key_file())
        .map_err(|e| Error::io("could not read the vault's key file", e))?;
    KeyFile::parse(&text)
}
