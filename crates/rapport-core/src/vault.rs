//! The vault: one encrypted database and its key file in one data directory.
//!
//! Creating, opening and recovering a vault (with `security.rs` and the restore in `backup.rs`)
//! are the only operations that touch key material.
//! Every failure before the database is open leaves the data directory exactly as it was.
//!
//! The key file is trusted only once it is authenticated under the data key (`KeyFile::check`);
//! the database remembers that its key file was authenticated (`meta::KEY_FILE_AUTHENTICATED`), so
//! a key file whose MAC was stripped is refused too. A format 1 key file, from before the MAC,
//! is authenticated (rewritten) the first time it is opened.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rand::{CryptoRng, RngCore};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::keys::{DataKey, KeyFile, NewSecret, RecoveryKey, MAX_KEY_FILE_BYTES};
use crate::meta;
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
    pub(crate) paths: VaultPaths,
    pub(crate) protection: Protection,
    pub(crate) id: String,
    /// The data key, kept while the vault is open so that its protection can be changed
    /// (`security.rs`) without asking SQLCipher for it. Zeroed when the vault is dropped.
    pub(crate) key: DataKey,
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
        if let NewProtection::Keychain(keychain) = protection {
            ensure_persists(keychain)?;
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

        let database = paths.database();
        let result = (|| {
            if let NewProtection::Keychain(keychain) = protection {
                keychain.store(&key_file.vault_id, &key)?;
            }
            // Created empty with owner-only permissions first: SQLite gives the WAL and shared
            // memory files the same mode as the database.
            drop(paths::create_private_file(&database)?);
            let conn = storage::open(&database, &key, OpenMode::New)?;
            meta::set(&conn, meta::KEY_FILE_AUTHENTICATED)?;
            write_key_file(&paths, &key_file)?;
            Ok(conn)
        })();
        match result {
            Ok(conn) => Ok((
                Vault {
                    conn,
                    paths,
                    protection: key_file.protection,
                    id: key_file.vault_id,
                    key,
                },
                recovery,
            )),
            Err(e) => {
                // Undo a half-made vault; nothing else was in this directory's vault files.
                for file in std::iter::once(database.clone()).chain(paths.database_sidecars()) {
                    let _ = fs::remove_file(file);
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
        // What a cut-short backup, restore or key-file write left goes at the next start.
        if let Some(before) = std::time::SystemTime::now().checked_sub(paths::LEFTOVER_AGE) {
            paths::sweep_leftovers(dir, before);
        }
        let unlocked = unlock_any(&paths, |key_file| match (unlock, key_file.protection) {
            (Unlock::Keychain(keychain), Protection::Keychain) => {
                ensure_persists(keychain)?;
                let key = keychain
                    .load(&key_file.vault_id)?
                    .ok_or(Error::KeychainEntryMissing)?;
                key_file.check(key)
            }
            (Unlock::Passphrase(passphrase), Protection::Passphrase) => {
                key_file.unlock_with_passphrase(passphrase)
            }
            (Unlock::Keychain(_), Protection::Passphrase) => Err(Error::PassphraseRequired),
            (Unlock::Passphrase(_), Protection::Keychain) => Err(Error::KeychainRequired),
        })?;
        if let (Unlock::Keychain(keychain), Some(old_id)) = (unlock, &unlocked.replaced_id) {
            // Its entry held the key the database had before the re-key; it opens nothing now.
            let _ = keychain.remove(old_id);
        }
        let vault = Vault {
            conn: unlocked.conn,
            paths,
            protection: unlocked.key_file.protection,
            id: unlocked.key_file.vault_id,
            key: unlocked.key,
        };
        vault.remove_cut_short_export();
        Ok(vault)
    }

    /// Restores access with the recovery key and sets how the vault is unlocked from now on:
    /// re-stores the key in the keychain, or wraps it under a new passphrase. A passphrase vault
    /// stays one: recovering it into the keychain is refused (the protection the person chose is
    /// read from the authenticated key file, so an altered file cannot drop the passphrase).
    ///
    /// The data key and the recovery key stay the same; only the key file (and the keychain
    /// entry) change, and only after the database has been opened with the recovered key.
    pub fn recover(
        dir: &Path,
        recovery: &RecoveryKey,
        protection: NewProtection<'_>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<Vault> {
        match protection {
            NewProtection::Passphrase(passphrase) => check_new_passphrase(passphrase)?,
            NewProtection::Keychain(keychain) => ensure_persists(keychain)?,
        }
        let paths = existing_vault(dir)?;
        let unlocked = unlock_any(&paths, |key_file| {
            let key = key_file.unlock_with_recovery_key(recovery)?;
            if key_file.protection == Protection::Passphrase
                && matches!(protection, NewProtection::Keychain(_))
            {
                return Err(Error::NewPassphraseRequired);
            }
            Ok(key)
        })?;
        let (old, key, conn) = (unlocked.key_file, unlocked.key, unlocked.conn);
        if let (NewProtection::Keychain(keychain), Some(old_id)) =
            (protection, &unlocked.replaced_id)
        {
            let _ = keychain.remove(old_id);
        }
        let secret = match protection {
            NewProtection::Keychain(_) => NewSecret::Keychain,
            NewProtection::Passphrase(p) => NewSecret::Passphrase(p),
        };
        let new = KeyFile::for_vault(old.vault_id.clone(), &key, &secret, recovery, rng)?;
        if let NewProtection::Keychain(keychain) = protection {
            keychain.store(&new.vault_id, &key)?;
        }
        // (The database already notes an authenticated key file: `unlock_any` settled it.)
        write_key_file(&paths, &new)?;
        Ok(Vault {
            conn,
            paths,
            protection: new.protection,
            id: new.vault_id,
            key,
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

pub(crate) fn check_new_passphrase(passphrase: &str) -> Result<()> {
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
/// Moves a half-made vault out of the way: when `dir` holds a database without its key file, or
/// a key file without its database (an `init` or a restore was interrupted, or a file was lost),
/// each file of it is renamed to `NAME.incomplete-YYYYMMDDTHHMMSS`, kept byte for byte, so that a
/// new vault can be made here. Nothing is deleted. Returns the new names (empty when there was
/// nothing to move: no vault, or a whole one).
pub fn set_aside_incomplete(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let paths = VaultPaths::new(dir);
    let half = match Vault::status(dir) {
        Err(Error::VaultIncomplete { .. }) => true,
        // No vault, but SQLite files of one: a journal left there would be played back into
        // the next database of that name.
        Ok(VaultStatus::Absent) => has_database_sidecars(dir),
        _ => false,
    };
    if !half {
        return Ok(Vec::new());
    }
    let suffix = format!(".incomplete-{}", now.format("%Y%m%dT%H%M%S"));
    let mut moved = Vec::new();
    // The sidecars go with their database (`VaultPaths::database_sidecars`).
    let files = [paths.key_file(), paths.pending_key_file(), paths.database()];
    for path in files.into_iter().chain(paths.database_sidecars()) {
        if !path.exists() {
            continue;
        }
        let aside = PathBuf::from(format!("{}{suffix}", path.display()));
        fs::rename(&path, &aside)
            .map_err(|e| Error::io(format!("could not move {} aside", path.display()), e))?;
        moved.push(aside);
    }
    paths::sync_dir(dir);
    Ok(moved)
}

/// SQLite's files beside the database (a rollback journal, a WAL and its index) are there.
fn has_database_sidecars(dir: &Path) -> bool {
    VaultPaths::new(dir)
        .database_sidecars()
        .iter()
        .any(|file| file.exists())
}

pub fn ensure_no_vault(dir: &Path) -> Result<()> {
    match Vault::status(dir) {
        // SQLite files of an earlier database would be played back into the new one.
        Ok(VaultStatus::Absent) if has_database_sidecars(dir) => Err(Error::VaultIncomplete {
            dir: dir.to_path_buf(),
        }),
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

pub(crate) fn read_key_file(paths: &VaultPaths) -> Result<KeyFile> {
    read_key_file_at(&paths.key_file())
}

fn read_key_file_at(path: &Path) -> Result<KeyFile> {
    use std::io::Read;
    let file =
        fs::File::open(path).map_err(|e| Error::io("could not read the vault's key file", e))?;
    // Read at most one byte more than a key file may hold, so a huge file is refused unread.
    let mut text = String::new();
    file.take(MAX_KEY_FILE_BYTES as u64 + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::io("could not read the vault's key file", e))?;
    KeyFile::parse(&text)
}

pub(crate) fn write_key_file(paths: &VaultPaths, key_file: &KeyFile) -> Result<()> {
    let text = serde_json::to_string_pretty(key_file).map_err(|e| Error::KeyFile(e.to_string()))?;
    paths::write_private_atomically(&paths.key_file(), text.as_bytes())
}

/// Refuses a keychain that would forget the key (keyring's in-memory mock, on a system this
/// build has no store for): a vault made there could not be opened after a restart.
pub(crate) fn ensure_persists(keychain: &dyn Keychain) -> Result<()> {
    if keychain.persists() {
        Ok(())
    } else {
        Err(Error::KeychainNotPersistent)
    }
}

/// A key file without a MAC, for a database that says its key file had one, was stripped of it.
pub(crate) fn refuse_stripped_key_file(conn: &Connection, key_file: &KeyFile) -> Result<()> {
    if !key_file.is_authenticated() && meta::is_set(conn, meta::KEY_FILE_AUTHENTICATED)? {
        return Err(Error::KeyFileAltered);
    }
    Ok(())
}

/// A vault unlocked by `unlock_any`.
pub(crate) struct Unlocked {
    /// The key file that opened it.
    pub key_file: KeyFile,
    pub key: DataKey,
    pub conn: Connection,
    /// When this unlock finished an interrupted re-key: the vault id (keychain entry) of the key
    /// the database had before, as the authenticated next key file names it.
    pub replaced_id: Option<String>,
}

/// Unlocks the vault with `unlock` (a function from a key file to its data key) and opens its
/// database: with the key file, or, when that key does not open the database and a re-key left
/// its next key file behind (`security.rs`: the database was re-keyed, the key file not yet
/// replaced), with that one, which then becomes the key file. The first error when neither
/// opens it.
pub(crate) fn unlock_any(
    paths: &VaultPaths,
    unlock: impl Fn(&KeyFile) -> Result<DataKey>,
) -> Result<Unlocked> {
    let key_file = read_key_file(paths)?;
    let first = unlock(&key_file).and_then(|key| {
        let conn = storage::open(&paths.database(), &key, OpenMode::Existing)?;
        Ok((key, conn))
    });
    let first_error = match first {
        Ok((key, conn)) => {
            settle_key_file(&conn, paths, &key_file, &key)?;
            return Ok(Unlocked {
                key_file,
                key,
                conn,
                replaced_id: None,
            });
        }
        Err(error) => error,
    };
    // Only a pending file that is authenticated is tried; nothing in it is acted on before its
    // MAC has been checked (by `unlock`) and its key has opened the database.
    let Some(next) = read_pending_key_file(paths).filter(KeyFile::is_authenticated) else {
        return Err(first_error);
    };
    let Ok(key) = unlock(&next) else {
        return Err(first_error);
    };
    let Ok(conn) = storage::open(&paths.database(), &key, OpenMode::Existing) else {
        return Err(first_error);
    };
    // The re-key had committed its database: finish it by putting its key file in place.
    promote_pending_key_file(paths, &next)?;
    meta::set(&conn, meta::RECOVERY_KEY_UNSEEN)?;
    settle_key_file(&conn, paths, &next, &key)?;
    Ok(Unlocked {
        replaced_id: next.replaces.clone(),
        key_file: next,
        key,
        conn,
    })
}

/// The key file a re-key wrote before re-keying the database, if one is there and readable.
pub(crate) fn read_pending_key_file(paths: &VaultPaths) -> Option<KeyFile> {
    let path = paths.pending_key_file();
    if !path.exists() {
        return None;
    }
    read_key_file_at(&path).ok()
}

/// Makes the pending key file the key file (an atomic rename). Another process that finished
/// the same re-key first is not an error.
pub(crate) fn promote_pending_key_file(paths: &VaultPaths, next: &KeyFile) -> Result<()> {
    match fs::rename(paths.pending_key_file(), paths.key_file()) {
        Ok(()) => {
            paths::sync_dir(&paths.dir);
            Ok(())
        }
        Err(error) => match read_key_file(paths) {
            Ok(current) if current.vault_id == next.vault_id => Ok(()),
            _ => Err(Error::io("could not put the new key file in place", error)),
        },
    }
}

/// After a successful open: refuses a stripped key file, authenticates a format 1 one (the key
/// file first, then the database's note that it is authenticated, so an interruption between
/// the two only repeats the upgrade).
fn settle_key_file(
    conn: &Connection,
    paths: &VaultPaths,
    key_file: &KeyFile,
    key: &DataKey,
) -> Result<()> {
    let remembered = meta::is_set(conn, meta::KEY_FILE_AUTHENTICATED)?;
    if !key_file.is_authenticated() {
        if remembered {
            return Err(Error::KeyFileAltered);
        }
        write_key_file(paths, &key_file.clone().sealed(key))?;
    }
    if !remembered {
        meta::set(conn, meta::KEY_FILE_AUTHENTICATED)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const PASSPHRASE: &str = "correct horse battery";

    /// Turns the vault in `dir` into one as a release before the key file's MAC left it: a
    /// format 1 key file, and a database that has never seen an authenticated one.
    fn make_format_1(vault: Vault) {
        vault.conn.execute("DELETE FROM vault_meta", []).unwrap();
        let paths = VaultPaths::new(vault.dir());
        drop(vault);
        let mut old = read_key_file(&paths).unwrap();
        old.format = 1;
        old.mac = None;
        write_key_file(&paths, &old).unwrap();
    }

    #[test]
    fn a_format_1_key_file_is_authenticated_when_first_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let paths = VaultPaths::new(&dir);
        let (vault, _) = Vault::create(
            &dir,
            NewProtection::Passphrase(PASSPHRASE),
            &mut StdRng::seed_from_u64(1),
        )
        .unwrap();
        make_format_1(vault);
        assert!(!read_key_file(&paths).unwrap().is_authenticated());

        let vault = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
        assert!(meta::is_set(&vault.conn, meta::KEY_FILE_AUTHENTICATED).unwrap());
        drop(vault);
        let upgraded = read_key_file(&paths).unwrap();
        assert!(upgraded.is_authenticated());
        assert_eq!(upgraded.format, crate::keys::KEY_FILE_FORMAT);

        // From now on the MAC cannot be stripped again.
        let mut stripped = upgraded.clone();
        stripped.format = 1;
        stripped.mac = None;
        write_key_file(&paths, &stripped).unwrap();
        let before = fs::read(paths.key_file()).unwrap();
        assert!(matches!(
            Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)),
            Err(Error::KeyFileAltered)
        ));
        assert_eq!(fs::read(paths.key_file()).unwrap(), before);
    }

    #[test]
    fn a_format_1_key_file_is_authenticated_by_recovery_too() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let paths = VaultPaths::new(&dir);
        let mut rng = StdRng::seed_from_u64(2);
        let (vault, recovery) =
            Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng).unwrap();
        make_format_1(vault);
        drop(
            Vault::recover(
                &dir,
                &recovery,
                NewProtection::Passphrase("a new passphrase"),
                &mut rng,
            )
            .unwrap(),
        );
        assert!(read_key_file(&paths).unwrap().is_authenticated());
        drop(Vault::open(&dir, Unlock::Passphrase("a new passphrase")).unwrap());
    }
}
