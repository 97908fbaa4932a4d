//! Security settings of an open vault: a passphrase set, changed and taken off, a new recovery
//! key, a new data key; old secrets refused afterwards, wrong secrets changing nothing.

use std::path::{Path, PathBuf};

use rapport_core::{
    Error, Keychain, NewProtection, OsKeychain, Protection, RecoveryKey, Unlock, Vault, VaultStatus,
};

use crate::support::{entry, now, rng, rng_for, snapshot, PASSPHRASE};

const NEW_PASSPHRASE: &str = "a much better passphrase";

fn keychain_vault(dir: &Path, test: &str) -> (Vault, RecoveryKey) {
    let (mut vault, recovery) = Vault::create(
        dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for(test),
    )
    .unwrap();
    vault
        .add_entry(entry("kept through it all").new, now())
        .unwrap();
    (vault, recovery)
}

fn passphrase_vault(dir: &Path) -> (Vault, RecoveryKey) {
    let (mut vault, recovery) =
        Vault::create(dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    vault
        .add_entry(entry("kept through it all").new, now())
        .unwrap();
    (vault, recovery)
}

fn entries(vault: &Vault) -> u64 {
    vault.count_entries().unwrap()
}

fn new_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    (tmp, dir)
}

#[test]
fn a_passphrase_is_added_changed_and_taken_off_again() {
    let (_tmp, dir) = new_dir();
    let (mut vault, recovery) =
        keychain_vault(&dir, "a_passphrase_is_added_changed_and_taken_off_again");
    let first_id = vault.id().to_owned();

    // Added: the key leaves the keychain.
    let set = vault
        .set_passphrase(None, PASSPHRASE, &OsKeychain, &mut rng())
        .unwrap();
    assert!(!set.keychain_entry_left);
    assert_eq!(vault.protection(), Protection::Passphrase);
    assert!(
        OsKeychain.load(&first_id).unwrap().is_none(),
        "no key left in the keychain"
    );
    drop(vault);
    assert_eq!(
        Vault::status(&dir).unwrap(),
        VaultStatus::Present(Protection::Passphrase)
    );
    assert!(matches!(
        Vault::open(&dir, Unlock::Keychain(&OsKeychain)),
        Err(Error::PassphraseRequired)
    ));

    // Changed: a wrong current passphrase changes nothing; the right one replaces it.
    let mut vault = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
    let before = snapshot(&dir);
    for wrong in [None, Some("not the passphrase")] {
        let err = vault
            .set_passphrase(wrong, NEW_PASSPHRASE, &OsKeychain, &mut rng())
            .unwrap_err();
        assert!(
            matches!(err, Error::WrongPassphrase | Error::PassphraseRequired),
            "{err:?}"
        );
    }
    let err = vault
        .set_passphrase(Some(PASSPHRASE), "short", &OsKeychain, &mut rng())
        .unwrap_err();
    assert!(matches!(err, Error::Input(_)), "{err:?}");
    assert_eq!(snapshot(&dir), before, "wrong secrets change nothing");
    vault
        .set_passphrase(Some(PASSPHRASE), NEW_PASSPHRASE, &OsKeychain, &mut rng())
        .unwrap();
    drop(vault);
    assert!(matches!(
        Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));

    // Taken off: back in the keychain, and the passphrase no longer opens it.
    let mut vault = Vault::open(&dir, Unlock::Passphrase(NEW_PASSPHRASE)).unwrap();
    let before = snapshot(&dir);
    assert!(matches!(
        vault.use_keychain(Some(PASSPHRASE), &OsKeychain, &mut rng()),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(snapshot(&dir), before);
    vault
        .use_keychain(Some(NEW_PASSPHRASE), &OsKeychain, &mut rng())
        .unwrap();
    assert_eq!(vault.protection(), Protection::Keychain);
    drop(vault);
    assert!(matches!(
        Vault::open(&dir, Unlock::Passphrase(NEW_PASSPHRASE)),
        Err(Error::KeychainRequired)
    ));
    let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap();
    assert_eq!(entries(&vault), 1);
    drop(vault);

    // The recovery key made at the start still works through all of it.
    drop(
        Vault::recover(
            &dir,
            &recovery,
            NewProtection::Keychain(&OsKeychain),
            &mut rng(),
        )
        .unwrap(),
    );
    OsKeychain.remove(&first_id).unwrap();
}

#[test]
fn a_new_recovery_key_replaces_the_old_one() {
    let (_tmp, dir) = new_dir();
    let (mut vault, old) = passphrase_vault(&dir);
    let before = snapshot(&dir);
    assert!(matches!(
        vault.new_recovery_key(Some("wrong wrong"), &mut rng()),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(snapshot(&dir), before);
    let new = vault
        .new_recovery_key(Some(PASSPHRASE), &mut rng())
        .unwrap();
    assert_ne!(*new.display(), *old.display());
    drop(vault);
    assert!(matches!(
        Vault::recover(
            &dir,
            &old,
            NewProtection::Passphrase(NEW_PASSPHRASE),
            &mut rng()
        ),
        Err(Error::WrongRecoveryKey)
    ));
    let vault = Vault::recover(
        &dir,
        &new,
        NewProtection::Passphrase(NEW_PASSPHRASE),
        &mut rng(),
    )
    .unwrap();
    assert_eq!(entries(&vault), 1);
}

#[test]
fn after_a_rekey_no_older_key_file_passphrase_or_recovery_key_opens_the_database() {
    let (tmp, dir) = new_dir();
    let (mut vault, old_recovery) = passphrase_vault(&dir);
    let old_key_file = tmp.path().join("old.keys.json");
    std::fs::copy(dir.join("rapport.keys.json"), &old_key_file).unwrap();
    let before = snapshot(&dir);
    assert!(matches!(
        vault.rekey(Some("wrong wrong"), &OsKeychain, &mut rng()),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(snapshot(&dir), before);

    // A fresh RNG: the fixed test seed would make the very key the vault was created with.
    let new_recovery = vault
        .rekey(Some(PASSPHRASE), &OsKeychain, &mut rand::rngs::OsRng)
        .unwrap();
    vault.add_entry(entry("written after").new, now()).unwrap();
    assert_eq!(entries(&vault), 2);
    assert!(
        vault.recovery_key_unseen().unwrap(),
        "until the face has shown it"
    );
    vault.recovery_key_shown().unwrap();
    assert!(!vault.recovery_key_unseen().unwrap());
    drop(vault);
    assert!(!dir.join("rapport.keys.next.json").exists());

    // The same passphrase opens the re-keyed vault.
    assert_eq!(
        entries(&Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap()),
        2
    );
    // The old key file, with the old passphrase or recovery key, opens nothing.
    let current = std::fs::read(dir.join("rapport.keys.json")).unwrap();
    std::fs::copy(&old_key_file, dir.join("rapport.keys.json")).unwrap();
    let err = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::KeyMismatch), "{err:?}");
    assert!(Vault::recover(
        &dir,
        &old_recovery,
        NewProtection::Passphrase(NEW_PASSPHRASE),
        &mut rng()
    )
    .is_err());
    std::fs::write(dir.join("rapport.keys.json"), &current).unwrap();
    // The old recovery key does not open the new key file; the new one does.
    assert!(matches!(
        Vault::recover(
            &dir,
            &old_recovery,
            NewProtection::Passphrase(NEW_PASSPHRASE),
            &mut rng()
        ),
        Err(Error::WrongRecoveryKey)
    ));
    let vault = Vault::recover(
        &dir,
        &new_recovery,
        NewProtection::Passphrase(NEW_PASSPHRASE),
        &mut rng(),
    )
    .unwrap();
    assert_eq!(entries(&vault), 2);
    vault.check().unwrap();
}

#[test]
fn a_rekeyed_keychain_vault_moves_to_a_new_entry_and_forgets_the_old() {
    let (_tmp, dir) = new_dir();
    let (mut vault, _) = keychain_vault(
        &dir,
        "a_rekeyed_keychain_vault_moves_to_a_new_entry_and_forgets_the_old",
    );
    let old_id = vault.id().to_owned();
    let new_recovery = vault
        .rekey(None, &OsKeychain, &mut rand::rngs::OsRng)
        .unwrap();
    let new_id = vault.id().to_owned();
    assert_ne!(new_id, old_id);
    assert!(
        OsKeychain.load(&old_id).unwrap().is_none(),
        "the old key is forgotten"
    );
    drop(vault);
    let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap();
    assert_eq!(vault.id(), new_id);
    assert_eq!(entries(&vault), 1);
    drop(vault);
    OsKeychain.remove(&new_id).unwrap();
    drop(
        Vault::recover(
            &dir,
            &new_recovery,
            NewProtection::Keychain(&OsKeychain),
            &mut rng(),
        )
        .unwrap(),
    );
    OsKeychain.remove(&new_id).unwrap();
}

#[test]
fn a_rekey_is_refused_while_another_connection_has_the_vault_open() {
    let (_tmp, dir) = new_dir();
    let (mut vault, _) = passphrase_vault(&dir);
    let other = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
    let err = vault
        .rekey(Some(PASSPHRASE), &OsKeychain, &mut rng())
        .unwrap_err();
    assert!(matches!(err, Error::VaultBusy), "{err:?}");
    assert_eq!(err.kind(), "vault_busy");
    assert!(!dir.join("rapport.keys.next.json").exists());
    // Both connections still work with the old key, and so does a new one.
    assert_eq!(entries(&other), 1);
    vault.add_entry(entry("still writable").new, now()).unwrap();
    drop((vault, other));
    assert_eq!(
        entries(&Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap()),
        2
    );
}
