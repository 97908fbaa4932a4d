//! Backup and restore: a consistent encrypted copy with its wrapped keys; restored on "another
//! machine" with the recovery key or passphrase; damage detected before anything is written.

use std::path::Path;

use rapport_core::backup::BackupKey;
use rapport_core::meetings::NewMeeting;
use rapport_core::{
    Error, Keychain, ListQuery, NewProtection, OsKeychain, RecoveryKey, Unlock, Vault,
};

use crate::support::{entry, now, rng, rng_for, PASSPHRASE};

fn filled_vault(dir: &Path, protection: NewProtection<'_>) -> (Vault, RecoveryKey) {
    // Its own id: one test restores it into the real keychain (see `rng_for`).
    let (mut vault, recovery) = Vault::create(dir, protection, &mut rng_for("backup")).unwrap();
    let ada = vault
        .add_partner(rapport_core::NewPartner::named("Ada"), now())
        .unwrap();
    for i in 0..30 {
        vault
            .add_entry(entry(&format!("entry {i}")).with(ada.id).new, now())
            .unwrap();
    }
    vault
        .create_meeting(
            NewMeeting {
                partners: vec![ada.id],
                at: now(),
                template: None,
                signals: None,
                purpose: String::new(),
                minutes: None,
            },
            now(),
        )
        .unwrap();
    (vault, recovery)
}

fn everything(vault: &Vault) -> (Vec<rapport_core::Entry>, Vec<rapport_core::Partner>, usize) {
    let entries = vault
        .list_entries(&ListQuery {
            limit: 500,
            ..ListQuery::default()
        })
        .unwrap()
        .entries;
    let partners = vault.list_partners(true).unwrap();
    let meetings = vault.list_meetings(None, 500).unwrap().len();
    (entries, partners, meetings)
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn backup_wipe_restore_with_the_recovery_key_into_the_keychain() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, recovery) = filled_vault(
        &tmp.path().join("vault"),
        NewProtection::Passphrase(PASSPHRASE),
    );
    let before = everything(&vault);
    let file = tmp.path().join("rapport.backup");
    let info = vault.backup(&file).unwrap();
    assert_eq!(info.entries, 30);
    drop(vault);
    std::fs::remove_dir_all(tmp.path().join("vault")).unwrap();
    let header = std::fs::read(&file).unwrap();
    assert!(
        !header.windows(8).any(|w| w == b"entry 1 "),
        "the backup is encrypted"
    );

    let restored_dir = tmp.path().join("new-machine");
    let restored = Vault::restore(
        &file,
        &restored_dir,
        BackupKey::Recovery(&recovery),
        NewProtection::Keychain(&OsKeychain),
        &mut rng(),
    )
    .unwrap();
    assert_eq!(everything(&restored), before);
    let id = restored.id().to_owned();
    drop(restored);
    let reopened = Vault::open(&restored_dir, Unlock::Keychain(&OsKeychain)).unwrap();
    assert_eq!(everything(&reopened), before);
    // The recovery key still opens the restored vault.
    drop(
        Vault::recover(
            &restored_dir,
            &recovery,
            NewProtection::Keychain(&OsKeychain),
            &mut rng(),
        )
        .unwrap(),
    );
    OsKeychain.remove(&id).unwrap();
}

#[test]
fn a_passphrase_backup_restores_with_the_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(
        &tmp.path().join("vault"),
        NewProtection::Passphrase(PASSPHRASE),
    );
    let before = everything(&vault);
    let file = tmp.path().join("b");
    vault.backup(&file).unwrap();
    let restored = Vault::restore(
        &file,
        &tmp.path().join("other"),
        BackupKey::Passphrase(PASSPHRASE),
        NewProtection::Passphrase("a new passphrase"),
        &mut rng(),
    )
    .unwrap();
    assert_eq!(everything(&restored), before);
}

#[test]
fn wrong_keys_and_damaged_backups_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(
        &tmp.path().join("vault"),
        NewProtection::Passphrase(PASSPHRASE),
    );
    let file = tmp.path().join("b");
    vault.backup(&file).unwrap();
    let target = tmp.path().join("target");

    let wrong = RecoveryKey::parse("0000-0000-0000-0000-0000-0000-0000-0000").unwrap();
    let err = Vault::restore(
        &file,
        &target,
        BackupKey::Recovery(&wrong),
        NewProtection::Passphrase(PASSPHRASE),
        &mut rng(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongRecoveryKey), "{err:?}");
    let err = Vault::restore(
        &file,
        &target,
        BackupKey::Passphrase("nope nope"),
        NewProtection::Passphrase(PASSPHRASE),
        &mut rng(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert_eq!(files_in(&target), 0);

    let bytes = std::fs::read(&file).unwrap();
    for at in [20, bytes.len() / 2, bytes.len() - 40, bytes.len() - 1] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        std::fs::write(tmp.path().join("flipped"), &flipped).unwrap();
        let err = Vault::restore(
            &tmp.path().join("flipped"),
            &target,
            BackupKey::Passphrase(PASSPHRASE),
            NewProtection::Passphrase(PASSPHRASE),
            &mut rng(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Damaged(_)), "byte {at}: {err:?}");
        assert!(err.to_string().contains("damaged"), "{err}");
    }
    std::fs::write(tmp.path().join("cut"), &bytes[..bytes.len() / 3]).unwrap();
    assert!(matches!(
        Vault::restore(
            &tmp.path().join("cut"),
            &target,
            BackupKey::Passphrase(PASSPHRASE),
            NewProtection::Passphrase(PASSPHRASE),
            &mut rng()
        ),
        Err(Error::Damaged(_))
    ));
    assert_eq!(files_in(&target), 0, "nothing written");

    let err = Vault::restore(
        &file,
        &tmp.path().join("vault"),
        BackupKey::Passphrase(PASSPHRASE),
        NewProtection::Passphrase(PASSPHRASE),
        &mut rng(),
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::VaultExists { .. }),
        "never over an existing vault: {err:?}"
    );
}

#[test]
fn a_byte_flipped_vault_is_reported_damaged_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (vault, _) = filled_vault(&dir, NewProtection::Passphrase(PASSPHRASE));
    vault.check().unwrap();
    drop(vault);
    let db = dir.join(rapport_core::paths::DATABASE_FILE);
    let mut bytes = std::fs::read(&db).unwrap();
    let at = bytes.len() - 2000;
    bytes[at] ^= 0x40;
    std::fs::write(&db, &bytes).unwrap();
    let outcome = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).and_then(|v| v.check());
    let err = outcome.unwrap_err();
    assert!(matches!(err, Error::Damaged(_)), "{err:?}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is left as it is"
    );
}
