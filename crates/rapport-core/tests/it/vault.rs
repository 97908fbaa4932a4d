//! Creating, opening, locking out and recovering vaults, with the real keychain and with
//! keychains that fail on purpose.

use std::path::{Path, PathBuf};

use rapport_core::keys::DataKey;
use rapport_core::{
    Error, Keychain, KeychainError, NewProtection, OsKeychain, Protection, RecoveryKey, Unlock,
    Vault, VaultStatus,
};

use crate::support::{entry, now, rng, rng_for, snapshot, PASSPHRASE};

/// A keychain that is there but refuses everything (locked, no provider...).
struct BrokenKeychain;

impl Keychain for BrokenKeychain {
    fn store(&self, _: &str, _: &DataKey) -> Result<(), KeychainError> {
        Err(KeychainError("the keychain is locked".into()))
    }
    fn load(&self, _: &str) -> Result<Option<DataKey>, KeychainError> {
        Err(KeychainError("the keychain is locked".into()))
    }
    fn remove(&self, _: &str) -> Result<(), KeychainError> {
        Err(KeychainError("the keychain is locked".into()))
    }
    fn persists(&self) -> bool {
        true
    }
}

/// A keychain whose entry holds some other key (overwritten by hand, another vault's...).
struct WrongKeyKeychain;

impl Keychain for WrongKeyKeychain {
    fn store(&self, _: &str, _: &DataKey) -> Result<(), KeychainError> {
        Ok(())
    }
    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError> {
        // Any 32 bytes that are not this vault's key.
        let mut other = [0u8; 32];
        other[..vault_id.len().min(32)]
            .copy_from_slice(&vault_id.as_bytes()[..vault_id.len().min(32)]);
        Ok(Some(DataKey::from_bytes(other)))
    }
    fn remove(&self, _: &str) -> Result<(), KeychainError> {
        Ok(())
    }
    fn persists(&self) -> bool {
        true
    }
}

fn new_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    (tmp, dir)
}

#[test]
fn keychain_vault_is_created_and_reopened_with_the_real_keychain() {
    let (_tmp, dir) = new_dir();
    assert_eq!(Vault::status(&dir).unwrap(), VaultStatus::Absent);
    let (mut vault, _) = Vault::create(
        &dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("keychain_vault_is_created_and_reopened_with_the_real_keychain"),
    )
    .unwrap();
    let written = vault
        .add_entry(entry("kept across opens").new, now())
        .unwrap();
    let id = vault.id().to_owned();
    drop(vault);

    assert_eq!(
        Vault::status(&dir).unwrap(),
        VaultStatus::Present(Protection::Keychain)
    );
    let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap();
    assert_eq!(vault.entry(written.id).unwrap().body, "kept across opens");
    drop(vault);
    OsKeychain.remove(&id).unwrap();
}

#[test]
fn missing_keychain_entry_is_a_clear_error_that_changes_nothing() {
    let (_tmp, dir) = new_dir();
    let (vault, _) = Vault::create(
        &dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("missing_keychain_entry_is_a_clear_error_that_changes_nothing"),
    )
    .unwrap();
    let id = vault.id().to_owned();
    drop(vault);
    OsKeychain.remove(&id).unwrap();

    let before = snapshot(&dir);
    let err = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap_err();
    assert!(matches!(err, Error::KeychainEntryMissing), "{err:?}");
    assert!(
        err.to_string().contains("recover"),
        "says how to recover: {err}"
    );
    assert!(err.is_locked());
    assert_eq!(snapshot(&dir), before);
    assert!(
        OsKeychain.load(&id).unwrap().is_none(),
        "no new key was stored"
    );
}

#[test]
fn recovery_key_restores_a_lost_keychain_entry_and_the_data() {
    let (_tmp, dir) = new_dir();
    let (mut vault, recovery) = Vault::create(
        &dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("recovery_key_restores_a_lost_keychain_entry_and_the_data"),
    )
    .unwrap();
    let written = vault
        .add_entry(entry("survives recovery").new, now())
        .unwrap();
    let id = vault.id().to_owned();
    drop(vault);
    OsKeychain.remove(&id).unwrap();

    let typed = RecoveryKey::parse(&recovery.display().to_lowercase()).unwrap();
    let vault = Vault::recover(
        &dir,
        &typed,
        NewProtection::Keychain(&OsKeychain),
        &mut rng(),
    )
    .unwrap();
    assert_eq!(vault.id(), id, "same vault, same keychain entry name");
    drop(vault);
    let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap();
    assert_eq!(vault.entry(written.id).unwrap().body, "survives recovery");
    drop(vault);
    OsKeychain.remove(&id).unwrap();
}

#[test]
fn wrong_recovery_key_is_refused_and_changes_nothing() {
    let (_tmp, dir) = new_dir();
    let (vault, _) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    drop(vault);
    let before = snapshot(&dir);
    let wrong = RecoveryKey::parse("0000-0000-0000-0000-0000-0000-0000-0000").unwrap();
    let err = Vault::recover(
        &dir,
        &wrong,
        NewProtection::Passphrase("another passphrase"),
        &mut rng(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongRecoveryKey), "{err:?}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn passphrase_vault_refuses_a_wrong_passphrase_and_changes_nothing() {
    let (_tmp, dir) = new_dir();
    let (vault, _) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    drop(vault);
    assert_eq!(
        Vault::status(&dir).unwrap(),
        VaultStatus::Present(Protection::Passphrase)
    );
    let before = snapshot(&dir);

    let err = Vault::open(&dir, Unlock::Passphrase("not the passphrase")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert!(!err.to_string().contains("not the passphrase"));
    let err = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap_err();
    assert!(matches!(err, Error::PassphraseRequired), "{err:?}");
    assert_eq!(snapshot(&dir), before);

    Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
}

#[test]
fn recovery_of_a_passphrase_vault_sets_a_new_passphrase() {
    let (_tmp, dir) = new_dir();
    let (mut vault, recovery) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    let written = vault
        .add_entry(entry("behind a passphrase").new, now())
        .unwrap();
    drop(vault);
    drop(
        Vault::recover(
            &dir,
            &recovery,
            NewProtection::Passphrase("a brand new passphrase"),
            &mut rng(),
        )
        .unwrap(),
    );
    assert!(matches!(
        Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::open(&dir, Unlock::Passphrase("a brand new passphrase")).unwrap();
    assert_eq!(vault.entry(written.id).unwrap().body, "behind a passphrase");
}

#[test]
fn two_data_directories_never_share_a_keychain_entry() {
    let (_tmp_a, dir_a) = new_dir();
    let (_tmp_b, dir_b) = new_dir();
    let (a, _) = Vault::create(
        &dir_a,
        NewProtection::Keychain(&OsKeychain),
        &mut rand::rngs::OsRng,
    )
    .unwrap();
    let (b, _) = Vault::create(
        &dir_b,
        NewProtection::Keychain(&OsKeychain),
        &mut rand::rngs::OsRng,
    )
    .unwrap();
    let (id_a, id_b) = (a.id().to_owned(), b.id().to_owned());
    assert_ne!(id_a, id_b);
    drop((a, b));
    OsKeychain.remove(&id_a).unwrap();
    assert!(matches!(
        Vault::open(&dir_a, Unlock::Keychain(&OsKeychain)),
        Err(Error::KeychainEntryMissing)
    ));
    drop(Vault::open(&dir_b, Unlock::Keychain(&OsKeychain)).unwrap());
    OsKeychain.remove(&id_b).unwrap();
}

#[test]
fn a_failing_keychain_at_creation_leaves_no_vault_behind() {
    let (_tmp, dir) = new_dir();
    let err =
        Vault::create(&dir, NewProtection::Keychain(&BrokenKeychain), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::Keychain(_)), "{err:?}");
    assert_eq!(Vault::status(&dir).unwrap(), VaultStatus::Absent);
    assert!(
        snapshot(&dir).is_empty(),
        "no files left: {:?}",
        snapshot(&dir).keys()
    );
}

#[test]
fn a_failing_keychain_at_open_changes_nothing() {
    let (_tmp, dir) = new_dir();
    let (vault, _) =
        Vault::create(&dir, NewProtection::Keychain(&WrongKeyKeychain), &mut rng()).unwrap();
    drop(vault);
    let before = snapshot(&dir);
    let err = Vault::open(&dir, Unlock::Keychain(&BrokenKeychain)).unwrap_err();
    assert!(
        matches!(err, Error::Keychain(_)) && err.is_locked(),
        "{err:?}"
    );
    let err = Vault::open(&dir, Unlock::Keychain(&WrongKeyKeychain)).unwrap_err();
    assert!(matches!(err, Error::KeyMismatch), "{err:?}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let (_tmp, dir) = new_dir();
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
    let before = snapshot(&dir);
    let err = Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::VaultExists { .. }), "{err:?}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_short_passphrase_is_refused_before_anything_is_written() {
    let (_tmp, dir) = new_dir();
    let err = Vault::create(&dir, NewProtection::Passphrase("short"), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::Input(_)), "{err:?}");
    assert!(!dir.exists());
}

#[test]
fn a_database_without_its_key_file_is_reported_then_set_aside_byte_for_byte() {
    let (_tmp, dir) = new_dir();
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
    std::fs::remove_file(dir.join(rapport_core::paths::KEY_FILE)).unwrap();
    let before = snapshot(&dir);
    assert!(matches!(
        Vault::status(&dir),
        Err(Error::VaultIncomplete { .. })
    ));
    // Creating never replaces it by itself...
    assert!(matches!(
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()),
        Err(Error::VaultExists { .. })
    ));
    assert_eq!(snapshot(&dir), before);
    // ...the faces set it aside first: every file kept under a new name, nothing deleted.
    let moved = rapport_core::vault::set_aside_incomplete(&dir, now()).unwrap();
    assert!(!moved.is_empty());
    let after = snapshot(&dir);
    assert_eq!(after.len(), before.len());
    for (path, bytes) in &before {
        let name = path.file_name().unwrap().to_string_lossy();
        let aside = after
            .iter()
            .find(|(p, _)| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.starts_with(&*name) && n.contains(".incomplete-")
            })
            .unwrap_or_else(|| panic!("{name} was not kept"));
        assert_eq!(aside.1, bytes, "{name} kept byte for byte");
    }
    assert!(matches!(Vault::status(&dir), Ok(VaultStatus::Absent)));
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
    // A whole vault is never set aside.
    assert!(rapport_core::vault::set_aside_incomplete(&dir, now())
        .unwrap()
        .is_empty());
}

#[test]
fn a_journal_left_without_its_database_is_never_played_into_a_new_one() {
    let (_tmp, dir) = new_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join(format!("{}-journal", rapport_core::paths::DATABASE_FILE));
    std::fs::write(
        &journal,
        [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7, 1, 2, 3],
    )
    .unwrap();
    assert!(matches!(
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()),
        Err(Error::VaultIncomplete { .. })
    ));
    let moved = rapport_core::vault::set_aside_incomplete(&dir, now()).unwrap();
    assert_eq!(moved.len(), 1);
    assert!(!journal.exists());
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
}

#[test]
fn a_damaged_key_file_is_reported() {
    let (_tmp, dir) = new_dir();
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
    std::fs::write(dir.join(rapport_core::paths::KEY_FILE), b"{ not json").unwrap();
    let err = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::KeyFile(_)), "{err:?}");
}

#[cfg(unix)]
#[test]
fn vault_directory_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = new_dir();
    let (mut vault, _) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    vault
        .add_entry(entry("wal has pages now").new, now())
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for file in vault.files().iter().filter(|f| f.exists()) {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    assert!(
        vault.files().iter().filter(|f| f.exists()).count() >= 3,
        "db, wal and key file at least"
    );
}
