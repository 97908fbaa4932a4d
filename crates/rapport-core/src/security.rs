//! Changing how an open vault is protected: a passphrase set, changed or taken off (the key back
//! in the keychain), a new recovery key, a new data key (re-key).
//!
//! Every change is authorised against the key file as it is on disk (its MAC checked with the
//! open vault's key) and, for a passphrase vault, by the current passphrase: a wrong one changes
//! nothing. The key file is replaced atomically, after whatever it points to (a keychain entry)
//! is in place, so an interruption leaves the old or the new protection, never neither.
//!
//! A re-key replaces the data key in this order, so that a kill at any moment leaves a vault
//! that opens with the old secrets or the new ones:
//! 1. the new key, new recovery key and new vault id are made; in keychain mode the new key is
//!    stored under the new id (the old entry stays);
//! 2. the next key file (`rapport.keys.next.json`) is written;
//! 3. the database is re-encrypted with the new key in one SQLite transaction (`PRAGMA rekey`, in
//!    rollback-journal mode so that no other connection can hold it meanwhile): the commit point;
//! 4. the next key file is renamed over the key file; the database goes back to WAL; the old
//!    keychain entry is removed.
//!
//! Before 3 commits the old key file opens the database and the next one is ignored (it is
//! overwritten by the next re-key). After it, the old key no longer opens the database, and
//! every unlock (`vault::unlock_any`) tries the next key file, which then finishes step 4.

use rand::{CryptoRng, RngCore};

use crate::error::{Error, Result};
use crate::keychain::Keychain;
use crate::keys::{DataKey, KeyFile, NewSecret, RecoveryKey};
use crate::meta;
use crate::paths;
use crate::storage::{self, OpenMode};
use crate::vault::{
    check_new_passphrase, ensure_persists, promote_pending_key_file, read_key_file, write_key_file,
    Protection, Vault,
};

/// What setting a passphrase did besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PassphraseSet {
    /// True when the vault was in the keychain and its entry could not be removed: the key is
    /// still there, so the person is told to remove it (or try again) for the passphrase to be
    /// the only way in.
    pub keychain_entry_left: bool,
}

impl Vault {
    /// Protects the vault with `new_passphrase` from now on: sets one on a keychain vault (its
    /// keychain entry is then removed) or changes it on a passphrase vault, which needs its
    /// `current` passphrase. The recovery key stays as it is.
    pub fn set_passphrase(
        &mut self,
        current: Option<&str>,
        new_passphrase: &str,
        keychain: &dyn Keychain,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<PassphraseSet> {
        check_new_passphrase(new_passphrase)?;
        let on_disk = self.authorise(current)?;
        let next =
            on_disk.with_protection(&self.key, &NewSecret::Passphrase(new_passphrase), rng)?;
        write_key_file(&self.paths, &next)?;
        // From the file, not from this process's memory: another process may have changed it.
        let was_keychain = on_disk.protection == Protection::Keychain;
        self.protection = Protection::Passphrase;
        // After the key file: an interruption before this leaves a passphrase vault whose old
        // keychain entry is still there, never a vault without a way in.
        let keychain_entry_left = was_keychain && keychain.remove(&self.id).is_err();
        Ok(PassphraseSet {
            keychain_entry_left,
        })
    }

    /// Moves the key back into the keychain: the passphrase (`current`) is no longer needed to
    /// unlock the vault. A keychain vault is left as it is.
    pub fn use_keychain(
        &mut self,
        current: Option<&str>,
        keychain: &dyn Keychain,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<()> {
        ensure_persists(keychain)?;
        let on_disk = self.authorise(current)?;
        if on_disk.protection == Protection::Keychain {
            self.protection = Protection::Keychain;
            return Ok(());
        }
        keychain.store(&self.id, &self.key)?;
        let next = on_disk.with_protection(&self.key, &NewSecret::Keychain, rng)?;
        write_key_file(&self.paths, &next)?;
        self.protection = Protection::Keychain;
        Ok(())
    }

    /// Makes a new recovery key, to be shown once; the old one no longer opens this key file.
    /// (A copy of the old key file still opens with the old recovery key: after a leak, re-key.)
    /// Until the face says it was shown (`recovery_key_shown`), the vault says it may not have been.
    pub fn new_recovery_key(
        &mut self,
        current: Option<&str>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<RecoveryKey> {
        let on_disk = self.authorise(current)?;
        let recovery = RecoveryKey::generate(rng);
        let next = on_disk.with_recovery(&self.key, &recovery, rng)?;
        meta::set(&self.conn, meta::RECOVERY_KEY_UNSEEN)?;
        write_key_file(&self.paths, &next)?;
        Ok(recovery)
    }

    /// The person has the recovery key made last (the CLI printed it; the app's "I have written
    /// it down"): the vault stops asking for a new one.
    pub fn recovery_key_shown(&self) -> Result<()> {
        meta::clear(&self.conn, meta::RECOVERY_KEY_UNSEEN)
    }

    /// Replaces the data key: re-encrypts the database with a new one, wraps it for the same
    /// protection (the same passphrase, or the keychain under a new entry) and a new recovery
    /// key, returned to be shown once. Afterwards no older key file, passphrase copy or recovery
    /// key opens the database. Refused while another process has the vault open.
    pub fn rekey(
        &mut self,
        current: Option<&str>,
        keychain: &dyn Keychain,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<RecoveryKey> {
        let on_disk = self.authorise(current)?;
        let secret = match (self.protection, current) {
            (Protection::Passphrase, Some(passphrase)) => NewSecret::Passphrase(passphrase),
            (Protection::Passphrase, None) => return Err(Error::PassphraseRequired),
            (Protection::Keychain, _) => {
                ensure_persists(keychain)?;
                NewSecret::Keychain
            }
        };
        let key = DataKey::generate(rng);
        let recovery = RecoveryKey::generate(rng);
        let mut next = KeyFile::new(&key, &secret, &recovery, rng)?;
        // Under the MAC: the one keychain entry an unlock that finishes this re-key may remove.
        next.replaces = Some(self.id.clone());
        let next = next.sealed(&key);

        // 1 and 2: the new key where the next unlock will look for it.
        if matches!(secret, NewSecret::Keychain) {
            keychain.store(&next.vault_id, &key)?;
        }
        let forget_new_entry = |vault: &Vault| {
            if matches!(secret, NewSecret::Keychain) {
                let _ = keychain.remove(&next.vault_id);
            }
            let _ = std::fs::remove_file(vault.paths.pending_key_file());
        };
        let text =
            serde_json::to_string_pretty(&next).map_err(|e| Error::KeyFile(e.to_string()))?;
        if let Err(e) =
            paths::write_private_atomically(&self.paths.pending_key_file(), text.as_bytes())
        {
            forget_new_entry(self);
            return Err(e);
        }

        // 3: the commit point. The recovery key counts as unseen until the face shows it.
        meta::set(&self.conn, meta::RECOVERY_KEY_UNSEEN)?;
        if let Err(e) = self.reencrypt(&key) {
            forget_new_entry(self);
            let _ = meta::clear(&self.conn, meta::RECOVERY_KEY_UNSEEN);
            return Err(e);
        }
        // SQLCipher reports success even when the re-key's commit failed (an I/O error, a busy
        // timeout): check the file as the next unlock will, before anything points at the new key.
        if let Err(e) = storage::open(&self.paths.database(), &key, OpenMode::Existing) {
            // Still under the old key: this connection is reopened with it, the rest left as it was.
            if let Ok(conn) = storage::open(&self.paths.database(), &self.key, OpenMode::Existing) {
                self.conn = conn;
                let _ = meta::clear(&self.conn, meta::RECOVERY_KEY_UNSEEN);
            }
            forget_new_entry(self);
            return Err(e);
        }

        // 4: the database opens only with the new key from here on (the pending key file is
        // found by the next unlock if the rename below fails).
        let old_id = std::mem::replace(&mut self.id, next.vault_id.clone());
        self.key = key;
        promote_pending_key_file(&self.paths, &next)?;
        if on_disk.protection == Protection::Keychain {
            let _ = keychain.remove(&old_id);
        }
        Ok(recovery)
    }

    /// True when the last recovery key made (by `new_recovery_key`, `rekey`, or a re-key an unlock
    /// finished) was perhaps never shown: the person should make a new one.
    pub fn recovery_key_unseen(&self) -> Result<bool> {
        meta::is_set(&self.conn, meta::RECOVERY_KEY_UNSEEN)
    }

    /// The key file on disk, authenticated with this vault's key, after checking `current`
    /// against it when the vault is protected by a passphrase.
    fn authorise(&self, current: Option<&str>) -> Result<KeyFile> {
        let on_disk = read_key_file(&self.paths)?;
        let on_disk_key = on_disk.check(self.key.clone())?;
        if on_disk.vault_id != self.id {
            // Changed by another process (a re-key there) since this one opened the vault.
            return Err(Error::KeyMismatch);
        }
        if on_disk.protection == Protection::Passphrase {
            let passphrase = current.ok_or(Error::PassphraseRequired)?;
            let key = on_disk.unlock_with_passphrase(passphrase)?;
            if key.as_bytes() != on_disk_key.as_bytes() {
                return Err(Error::WrongPassphrase);
            }
        }
        Ok(on_disk)
    }

    /// Re-encrypts the database with `key` in one transaction. The journal mode goes to DELETE
    /// first: SQLite allows that only when no other connection has the database open, and a
    /// rollback journal makes the re-key atomic against a kill. An error means the database is
    /// still under the old key.
    fn reencrypt(&mut self, key: &DataKey) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
            .map_err(|_| Error::VaultBusy)?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(Error::VaultBusy);
        }
        let rekeyed = self
            .conn
            .pragma_update(None, "rekey", &*key.sqlcipher_pragma_value());
        // Back to WAL either way; should that fail, the next open sets it (`storage::open`).
        let _ = self.conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        });
        Ok(rekeyed?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{NewProtection, Unlock};
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const PASSPHRASE: &str = "correct horse battery";

    /// A re-key stopped after writing its next key file, and, with `committed`, after
    /// re-encrypting the database too: what a kill at those moments leaves behind.
    fn interrupted_rekey(committed: bool) -> (tempfile::TempDir, std::path::PathBuf, RecoveryKey) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let mut rng = StdRng::seed_from_u64(if committed { 11 } else { 12 });
        let (mut vault, old_recovery) =
            Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng).unwrap();
        vault
            .add_entry(crate::NewEntry::note("survives"), chrono::Utc::now())
            .unwrap();
        let key = DataKey::generate(&mut rng);
        let recovery = RecoveryKey::generate(&mut rng);
        let mut next = KeyFile::new(
            &key,
            &NewSecret::Passphrase(PASSPHRASE),
            &recovery,
            &mut rng,
        )
        .unwrap();
        next.replaces = Some(vault.id.clone());
        let next = next.sealed(&key);
        let text = serde_json::to_string_pretty(&next).unwrap();
        paths::write_private_atomically(&vault.paths.pending_key_file(), text.as_bytes()).unwrap();
        if committed {
            vault.reencrypt(&key).unwrap();
        }
        drop(vault);
        let shown = if committed { recovery } else { old_recovery };
        (tmp, dir, shown)
    }

    #[test]
    fn a_rekey_killed_before_its_commit_leaves_the_old_keys_working() {
        let (_tmp, dir, old_recovery) = interrupted_rekey(false);
        let vault = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
        assert_eq!(vault.count_entries().unwrap(), 1);
        assert!(!vault.recovery_key_unseen().unwrap());
        drop(vault);
        let vault = Vault::recover(
            &dir,
            &old_recovery,
            NewProtection::Passphrase(PASSPHRASE),
            &mut StdRng::seed_from_u64(3),
        )
        .unwrap();
        assert_eq!(vault.count_entries().unwrap(), 1);
    }

    #[test]
    fn a_rekey_killed_after_its_commit_is_finished_by_the_next_unlock() {
        let (_tmp, dir, new_recovery) = interrupted_rekey(true);
        let paths = crate::paths::VaultPaths::new(&dir);
        let vault = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
        assert_eq!(vault.count_entries().unwrap(), 1);
        assert!(
            !paths.pending_key_file().exists(),
            "the next key file is the key file now"
        );
        assert!(
            vault.recovery_key_unseen().unwrap(),
            "the person is told to make a new one"
        );
        drop(vault);
        // From then on it is an ordinary vault under the new key.
        drop(Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap());
        let mut vault = Vault::recover(
            &dir,
            &new_recovery,
            NewProtection::Passphrase(PASSPHRASE),
            &mut StdRng::seed_from_u64(4),
        )
        .unwrap();
        vault
            .new_recovery_key(Some(PASSPHRASE), &mut StdRng::seed_from_u64(5))
            .unwrap();
        assert!(
            vault.recovery_key_unseen().unwrap(),
            "unseen until the face shows it"
        );
        vault.recovery_key_shown().unwrap();
        assert!(!vault.recovery_key_unseen().unwrap());
    }

    #[test]
    fn finishing_a_rekey_forgets_only_the_entry_its_authenticated_next_key_file_names() {
        use crate::keychain::OsKeychain;
        let mut rng = rand::rngs::OsRng;
        let tmp = tempfile::tempdir().unwrap();
        // Another vault, whose keychain entry an attacker would like gone.
        let (other, _) = Vault::create(
            &tmp.path().join("other"),
            NewProtection::Keychain(&OsKeychain),
            &mut rng,
        )
        .unwrap();
        let other_id = other.id().to_owned();
        drop(other);
        // A keychain vault whose re-key committed and was then killed.
        let dir = tmp.path().join("vault");
        let (mut vault, _) =
            Vault::create(&dir, NewProtection::Keychain(&OsKeychain), &mut rng).unwrap();
        let old_id = vault.id().to_owned();
        let key = DataKey::generate(&mut rng);
        let mut next = KeyFile::new(
            &key,
            &NewSecret::Keychain,
            &RecoveryKey::generate(&mut rng),
            &mut rng,
        )
        .unwrap();
        next.replaces = Some(old_id.clone());
        let next = next.sealed(&key);
        OsKeychain.store(&next.vault_id, &key).unwrap();
        let text = serde_json::to_string_pretty(&next).unwrap();
        paths::write_private_atomically(&vault.paths.pending_key_file(), text.as_bytes()).unwrap();
        vault.reencrypt(&key).unwrap();
        drop(vault);
        // The attacker points the (now useless) key file at the other vault's id.
        let key_file = dir.join(crate::paths::KEY_FILE);
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&key_file).unwrap()).unwrap();
        json["vault_id"] = serde_json::Value::from(other_id.clone());
        std::fs::write(&key_file, json.to_string()).unwrap();

        let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap();
        assert_eq!(vault.id(), next.vault_id);
        drop(vault);
        assert!(
            OsKeychain.load(&other_id).unwrap().is_some(),
            "the other vault's key is untouched"
        );
        assert!(
            OsKeychain.load(&old_id).unwrap().is_none(),
            "the replaced key is forgotten"
        );
        OsKeychain.remove(&other_id).unwrap();
        OsKeychain.remove(&next.vault_id).unwrap();
    }

    #[test]
    fn a_next_key_file_without_a_mac_is_never_put_in_place() {
        let (_tmp, dir, _) = interrupted_rekey(true);
        let pending = crate::paths::VaultPaths::new(&dir).pending_key_file();
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&pending).unwrap()).unwrap();
        json.as_object_mut().unwrap().remove("mac");
        json["format"] = serde_json::Value::from(1);
        json.as_object_mut().unwrap().remove("replaces");
        std::fs::write(&pending, json.to_string()).unwrap();
        let key_file = dir.join(crate::paths::KEY_FILE);
        let before = std::fs::read(&key_file).unwrap();
        assert!(Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).is_err());
        assert_eq!(
            std::fs::read(&key_file).unwrap(),
            before,
            "nothing was promoted"
        );
        assert!(pending.exists());
    }
}
