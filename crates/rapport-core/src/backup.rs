//! Backups: one file holding a consistent, still-encrypted snapshot of the database and the key
//! file (wrapped keys only), so it restores on another machine with the recovery key or the
//! passphrase. A checksum over the whole file catches damage before anything is written.
//!
//! Layout: `RAPPORT BACKUP 1\n`, then the key file (u64 little-endian length + JSON), then the
//! database (u64 length + bytes: SQLCipher pages under the same data key), then SHA-256 of all
//! that precedes it.

use std::fs;
use std::io::Read;
use std::path::Path;

use rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::{KeyFile, NewSecret, RecoveryKey, MAX_KEY_FILE_BYTES};
use crate::meta;
use crate::paths::{self, VaultPaths};
use crate::storage::{self, OpenMode};
use crate::vault::{NewProtection, Vault};

const MAGIC: &[u8] = b"RAPPORT BACKUP 1\n";
/// Largest backup read back (a vault of a million long entries is well under this).
const MAX_BACKUP_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// What a backup holds, for the person to see.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupInfo {
    pub bytes: u64,
    pub entries: u64,
    pub partners: u64,
}

/// The secret that opens a backup.
#[derive(Clone, Copy)]
pub enum BackupKey<'a> {
    Recovery(&'a RecoveryKey),
    Passphrase(&'a str),
}

fn damaged(reason: &str) -> Error {
    Error::Damaged(format!(
        "the backup is damaged or not a Rapport backup: {reason}"
    ))
}

/// The smallest backup: magic, two lengths, the checksum.
const MIN_BACKUP_BYTES: u64 = MAGIC.len() as u64 + 8 + 8 + 32;

/// Reads exactly `n` bytes, or says the backup is cut short.
fn read_exact(reader: &mut impl Read, n: usize, what: &str) -> Result<Vec<u8>> {
    let mut bytes = vec![0; n];
    reader.read_exact(&mut bytes).map_err(|_| damaged(what))?;
    Ok(bytes)
}

fn read_length(reader: &mut impl Read, what: &str) -> Result<u64> {
    let bytes = read_exact(reader, 8, what)?;
    Ok(u64::from_le_bytes(
        bytes.try_into().map_err(|_| damaged(what))?,
    ))
}

/// Checks a backup's checksum by reading it once as a stream: nothing of it is held in memory.
fn check_checksum(path: &Path, len: u64) -> Result<()> {
    let file = fs::File::open(path).map_err(|e| Error::io("could not open the backup", e))?;
    let mut reader = std::io::BufReader::new(file);
    let mut hasher = Sha256::new();
    let mut body = (&mut reader).take(len - 32);
    std::io::copy(&mut body, &mut hasher).map_err(|e| Error::io("could not read the backup", e))?;
    let checksum = read_exact(&mut reader, 32, "it is cut short")?;
    if hasher.finalize().as_slice() != checksum {
        return Err(damaged(
            "its checksum does not match (it was changed or cut short)",
        ));
    }
    Ok(())
}

/// A backup opened for restoring: its key file read, the reader at the start of its database,
/// whose length was checked against the file's before anything was allocated.
struct OpenedBackup {
    key_file: Vec<u8>,
    database: std::io::Take<std::io::BufReader<fs::File>>,
}

fn open_backup(path: &Path) -> Result<OpenedBackup> {
    let file = fs::File::open(path).map_err(|e| Error::io("could not open the backup", e))?;
    let len = file
        .metadata()
        .map_err(|e| Error::io("could not read the backup", e))?
        .len();
    if len > MAX_BACKUP_BYTES {
        return Err(damaged("it is larger than any vault"));
    }
    if len < MIN_BACKUP_BYTES {
        return Err(damaged("it does not start like one"));
    }
    let mut reader = std::io::BufReader::new(file);
    if read_exact(&mut reader, MAGIC.len(), "it does not start like one")? != MAGIC {
        return Err(damaged("it does not start like one"));
    }
    check_checksum(path, len)?;
    let key_len = read_length(&mut reader, "no key file")?;
    if key_len > MAX_KEY_FILE_BYTES as u64 {
        return Err(damaged("its key file is larger than any key file"));
    }
    let key_file = read_exact(&mut reader, key_len as usize, "no key file")?;
    let database_len = read_length(&mut reader, "no database")?;
    // Every size must add up to the file's: a length that does not is refused before it is used.
    if MAGIC.len() as u64 + 8 + key_len + 8 + database_len + 32 != len {
        return Err(damaged("its sizes do not add up"));
    }
    Ok(OpenedBackup {
        key_file,
        database: reader.take(database_len),
    })
}

/// The backup file's bytes: magic, key file, database, checksum (see the module's layout).
fn encode(key_file: &[u8], database: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(database.len() + key_file.len() + 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(key_file.len() as u64).to_le_bytes());
    out.extend_from_slice(key_file);
    out.extend_from_slice(&(database.len() as u64).to_le_bytes());
    out.extend_from_slice(database);
    let checksum = Sha256::digest(&out);
    out.extend_from_slice(&checksum);
    out
}

impl Vault {
    /// Reads every page and checks it (SQLCipher's HMACs, then SQLite's structure). Slow on a
    /// large vault; for `rapport check` and before a backup is trusted.
    pub fn check(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
        let problems: Vec<String> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !problems.is_empty() {
            return Err(Error::Damaged(format!(
                "{} page(s) failed their integrity check; restore from a backup",
                problems.len()
            )));
        }
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if verdict != "ok" {
            return Err(Error::Damaged(
                "the database structure is inconsistent; restore from a backup".into(),
            ));
        }
        Ok(())
    }

    /// Writes a backup of this vault to `path` (atomically, readable only by the user).
    pub fn backup(&self, path: &Path) -> Result<BackupInfo> {
        let paths = VaultPaths::new(self.dir());
        let key_file = fs::read(paths.key_file())
            .map_err(|e| Error::io("could not read the vault's key file", e))?;
        // A consistent snapshot, encrypted with the same key, written beside the vault (private
        // directory) and read back; never a copy of the live file.
        let snapshot = self
            .dir()
            .join(format!(".backup-{}.db", std::process::id()));
        let _ = fs::remove_file(&snapshot);
        let result = (|| {
            // Created empty and owner-only first (VACUUM INTO fills an empty file): SQLite would
            // create it with the default mode.
            drop(paths::create_private_file(&snapshot)?);
            self.conn
                .execute("VACUUM INTO ?1", [snapshot.to_string_lossy().as_ref()])?;
            fs::read(&snapshot).map_err(|e| Error::io("could not read the snapshot", e))
        })();
        let _ = fs::remove_file(&snapshot);
        let database = result?;

        let out = encode(&key_file, &database);
        paths::write_private_atomically(path, &out)?;
        Ok(BackupInfo {
            bytes: out.len() as u64,
            entries: self.count_entries()?,
            partners: self.count_partners(true)?,
        })
    }

    /// Restores a backup into `dir`, which must hold no vault. The backup is opened with `key`
    /// and checked before anything is written; from then on the vault is unlocked with
    /// `protection` (the keychain of this machine, or a passphrase).
    ///
    /// The restored vault gets a vault id of its own, so its keychain entry never replaces
    /// another vault's (a backup of a vault still on this machine, or a crafted backup carrying
    /// another vault's id).
    pub fn restore(
        backup: &Path,
        dir: &Path,
        key: BackupKey<'_>,
        protection: NewProtection<'_>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<Vault> {
        if let NewProtection::Keychain(keychain) = protection {
            crate::vault::ensure_persists(keychain)?;
        }
        crate::vault::ensure_no_vault(dir)?;
        let OpenedBackup {
            key_file: key_file_bytes,
            mut database,
        } = open_backup(backup)?;
        let old = KeyFile::parse(
            std::str::from_utf8(&key_file_bytes).map_err(|_| damaged("bad key file"))?,
        )?;
        let data_key = match key {
            BackupKey::Recovery(recovery) => old.unlock_with_recovery_key(recovery)?,
            BackupKey::Passphrase(passphrase) => old.unlock_with_passphrase(passphrase)?,
        };

        paths::prepare_private_dir(dir)?;
        let paths = VaultPaths::new(dir);
        let staged = dir.join(format!(".restore-{}.db", std::process::id()));
        let _ = fs::remove_file(&staged);
        let result = (|| {
            let mut out = paths::create_private_file(&staged)?;
            // Streamed from the backup: the database is never held in memory whole.
            std::io::copy(&mut database, &mut out)
                .and_then(|_| out.sync_all())
                .map_err(|e| Error::io("could not write the restored database", e))?;
            drop(out);
            // Opening checks the key against every page it reads; the integrity check reads them all.
            let conn = storage::open(&staged, &data_key, OpenMode::Existing)?;
            let verdict: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
            if verdict != "ok" {
                return Err(damaged("its database fails the integrity check"));
            }
            crate::vault::refuse_stripped_key_file(&conn, &old)?;
            meta::set(&conn, meta::KEY_FILE_AUTHENTICATED)?;
            drop(conn);
            let secret = match protection {
                NewProtection::Keychain(_) => NewSecret::Keychain,
                NewProtection::Passphrase(p) => NewSecret::Passphrase(p),
            };
            let new = old
                .with_new_id(&data_key, rng)
                .with_protection(&data_key, &secret, rng)?;
            if let NewProtection::Keychain(keychain) = protection {
                keychain.store(&new.vault_id, &data_key)?;
            }
            fs::rename(&staged, paths.database())
                .map_err(|e| Error::io("could not put the restored database in place", e))?;
            crate::vault::write_key_file(&paths, &new)
        })();
        let _ = fs::remove_file(&staged);
        if let Err(e) = result {
            let _ = fs::remove_file(paths.database());
            return Err(e);
        }
        match protection {
            NewProtection::Keychain(keychain) => {
                Vault::open(dir, crate::vault::Unlock::Keychain(keychain))
            }
            NewProtection::Passphrase(p) => Vault::open(dir, crate::vault::Unlock::Passphrase(p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::{Keychain, OsKeychain};
    use crate::keys::DataKey;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    /// A backup made by someone else, with a key of their own, that claims `vault_id`.
    fn crafted_backup(path: &Path, vault_id: &str, rng: &mut StdRng) -> RecoveryKey {
        let key = DataKey::generate(rng);
        let recovery = RecoveryKey::generate(rng);
        let key_file = KeyFile::for_vault(
            vault_id.to_owned(),
            &key,
            &NewSecret::Keychain,
            &recovery,
            rng,
        )
        .unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let database = tmp.path().join("crafted.db");
        drop(paths::create_private_file(&database).unwrap());
        drop(storage::open(&database, &key, OpenMode::New).unwrap());
        let bytes = encode(
            serde_json::to_string(&key_file).unwrap().as_bytes(),
            &fs::read(&database).unwrap(),
        );
        fs::write(path, bytes).unwrap();
        recovery
    }

    /// The backup's sections: key file and database.
    fn sections(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let mut rest = &bytes[MAGIC.len()..bytes.len() - 32];
        let mut section = || {
            let len = u64::from_le_bytes(rest[..8].try_into().unwrap()) as usize;
            let bytes = rest[8..8 + len].to_vec();
            rest = &rest[8 + len..];
            bytes
        };
        let key_file = section();
        let database = section();
        (key_file, database)
    }

    /// `body` (magic, sections) with its checksum, as a crafted file would carry it.
    fn with_checksum(body: &[u8]) -> Vec<u8> {
        let mut out = body.to_vec();
        out.extend_from_slice(&Sha256::digest(body));
        out
    }

    #[test]
    fn a_crafted_backup_with_absurd_sizes_is_refused_before_anything_is_allocated() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("target");
        let recovery = RecoveryKey::generate(&mut StdRng::seed_from_u64(7));
        let cases: [(Vec<u8>, &str); 3] = [
            // A key file "of" 2^64 - 1 bytes.
            (
                [MAGIC, &u64::MAX.to_le_bytes(), b"{}", &[0; 16]].concat(),
                "larger than any key file",
            ),
            // A database longer than the file.
            (
                [
                    MAGIC,
                    &2u64.to_le_bytes(),
                    b"{}",
                    &(1u64 << 40).to_le_bytes(),
                    b"pages",
                ]
                .concat(),
                "sizes do not add up",
            ),
            // Shorter than any backup.
            (MAGIC.to_vec(), "does not start like one"),
        ];
        for (body, said) in cases {
            let file = tmp.path().join("crafted");
            fs::write(&file, with_checksum(&body)).unwrap();
            let err = Vault::restore(
                &file,
                &target,
                BackupKey::Recovery(&recovery),
                NewProtection::Passphrase("a new passphrase"),
                &mut StdRng::seed_from_u64(8),
            )
            .unwrap_err();
            assert!(err.to_string().contains(said), "{said}: {err}");
            assert!(
                !target.exists() || fs::read_dir(&target).unwrap().next().is_none(),
                "nothing written"
            );
        }
    }

    #[test]
    fn a_backup_whose_key_file_was_altered_is_refused_and_writes_nothing() {
        let mut rng = StdRng::seed_from_u64(0xa17e);
        let tmp = tempfile::tempdir().unwrap();
        let (vault, recovery) = Vault::create(
            &tmp.path().join("v"),
            NewProtection::Passphrase("correct horse battery"),
            &mut rng,
        )
        .unwrap();
        let file = tmp.path().join("b");
        vault.backup(&file).unwrap();
        let (key_file, database) = sections(&fs::read(&file).unwrap());
        let mut json: serde_json::Value = serde_json::from_slice(&key_file).unwrap();
        // What an attacker would want: the passphrase dropped on restore.
        json["protection"] = serde_json::Value::from("keychain");
        let crafted = tmp.path().join("crafted");
        // A consistent file: the checksum is recomputed, so only the MAC can tell.
        fs::write(&crafted, encode(json.to_string().as_bytes(), &database)).unwrap();
        let target = tmp.path().join("target");
        for key in [
            BackupKey::Recovery(&recovery),
            BackupKey::Passphrase("correct horse battery"),
        ] {
            let err = Vault::restore(
                &crafted,
                &target,
                key,
                NewProtection::Passphrase("a new passphrase"),
                &mut rng,
            )
            .unwrap_err();
            assert!(
                matches!(err, Error::KeyFileAltered | Error::KeychainRequired),
                "{err:?}"
            );
            assert!(!target.exists() || fs::read_dir(&target).unwrap().next().is_none());
        }
    }

    #[test]
    fn a_crafted_backup_carrying_another_vaults_id_does_not_replace_its_key() {
        let mut rng = StdRng::seed_from_u64(0x5eed_bac0);
        let tmp = tempfile::tempdir().unwrap();
        let dir_a = tmp.path().join("a");
        let (a, _) = Vault::create(&dir_a, NewProtection::Keychain(&OsKeychain), &mut rng).unwrap();
        let id_a = a.id().to_owned();
        drop(a);
        let key_a = OsKeychain.load(&id_a).unwrap().unwrap();

        let file = tmp.path().join("crafted.backup");
        let recovery = crafted_backup(&file, &id_a, &mut rng);
        let dir_c = tmp.path().join("c");
        let c = Vault::restore(
            &file,
            &dir_c,
            BackupKey::Recovery(&recovery),
            NewProtection::Keychain(&OsKeychain),
            &mut rng,
        )
        .unwrap();
        let id_c = c.id().to_owned();
        assert_ne!(id_c, id_a, "the restored vault got an id of its own");
        drop(c);

        assert_eq!(
            OsKeychain.load(&id_a).unwrap().unwrap().as_bytes(),
            key_a.as_bytes(),
            "A's keychain entry is untouched"
        );
        drop(Vault::open(&dir_a, crate::vault::Unlock::Keychain(&OsKeychain)).unwrap());
        drop(Vault::open(&dir_c, crate::vault::Unlock::Keychain(&OsKeychain)).unwrap());
        OsKeychain.remove(&id_a).unwrap();
        OsKeychain.remove(&id_c).unwrap();
    }
}
