//! The key file and the keychain as an attacker or another platform would try them: every field
//! of the key file altered, a store that forgets, the dependency graph of macOS and Windows.

use std::path::{Path, PathBuf};

use rapport_core::backup::BackupKey;
use rapport_core::{
    CredentialStore, Error, Keychain, NewProtection, OsKeychain, RecoveryKey, Unlock, Vault,
    VaultStatus,
};
use serde_json::Value;

use crate::support::{entry, now, rng, rng_for, snapshot, PASSPHRASE};

fn key_file(dir: &Path) -> PathBuf {
    dir.join("rapport.keys.json")
}

fn edit_key_file(dir: &Path, edit: &dyn Fn(&mut Value)) {
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(key_file(dir)).unwrap()).unwrap();
    edit(&mut json);
    std::fs::write(key_file(dir), serde_json::to_string_pretty(&json).unwrap()).unwrap();
}

/// A hex string of the same length with its first digit changed.
fn flip_hex(value: &mut Value) {
    let text = value.as_str().unwrap().to_owned();
    let first = if text.starts_with('0') { "1" } else { "0" };
    *value = Value::from(format!("{first}{}", &text[1..]));
}

type Edit = fn(&mut Value);

/// One change an attacker with write access to the data directory could make.
struct Tamper {
    name: &'static str,
    edit: Edit,
    /// Whether the recovery key can still unwrap the data key, so that the change must be found
    /// by the MAC (`KeyFileAltered`). Changing the vault id breaks both wrapped copies instead.
    data_key_known: bool,
}

const TAMPERS: &[Tamper] = &[
    Tamper {
        name: "protection passphrase -> keychain",
        edit: |f| f["protection"] = Value::from("keychain"),
        data_key_known: true,
    },
    Tamper {
        name: "vault id",
        edit: |f| flip_hex(&mut f["vault_id"]),
        data_key_known: false,
    },
    Tamper {
        name: "key check",
        edit: |f| flip_hex(&mut f["key_check"]),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase KDF memory",
        edit: |f| f["passphrase"]["kdf"]["memory_kib"] = Value::from(19 * 1024 + 8),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase KDF memory made huge",
        edit: |f| f["passphrase"]["kdf"]["memory_kib"] = Value::from(u32::MAX),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase KDF passes made huge",
        edit: |f| f["passphrase"]["kdf"]["iterations"] = Value::from(1_000_000),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase salt",
        edit: |f| flip_hex(&mut f["passphrase"]["kdf"]["salt"]),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase wrapped key",
        edit: |f| flip_hex(&mut f["passphrase"]["ciphertext"]),
        data_key_known: true,
    },
    Tamper {
        name: "passphrase copy removed",
        edit: |f| f["passphrase"] = Value::Null,
        // Refused as unreadable before any key is tried.
        data_key_known: false,
    },
    Tamper {
        name: "recovery KDF passes",
        edit: |f| f["recovery"]["kdf"]["iterations"] = Value::from(3),
        data_key_known: true,
    },
    Tamper {
        name: "recovery nonce",
        edit: |f| flip_hex(&mut f["recovery"]["nonce"]),
        data_key_known: true,
    },
    Tamper {
        name: "format lowered, MAC kept",
        edit: |f| f["format"] = Value::from(1),
        data_key_known: true,
    },
    Tamper {
        name: "MAC removed",
        edit: |f| {
            f.as_object_mut().unwrap().remove("mac");
        },
        data_key_known: true,
    },
    Tamper {
        name: "MAC removed and format lowered (a downgrade to the unauthenticated format)",
        edit: |f| {
            f.as_object_mut().unwrap().remove("mac");
            f["format"] = Value::from(1);
        },
        data_key_known: true,
    },
    Tamper {
        name: "downgrade and protection passphrase -> keychain",
        edit: |f| {
            f.as_object_mut().unwrap().remove("mac");
            f["format"] = Value::from(1);
            f["protection"] = Value::from("keychain");
        },
        data_key_known: true,
    },
    Tamper {
        name: "MAC changed",
        edit: |f| flip_hex(&mut f["mac"]),
        data_key_known: true,
    },
];

/// Tries everything a person (or the app) would do next with the vault: unlock with the
/// passphrase, unlock from the keychain, recover with the recovery key into either protection.
fn every_way_in(dir: &Path, recovery: &RecoveryKey) -> Vec<Result<(), Error>> {
    vec![
        Vault::open(dir, Unlock::Passphrase(PASSPHRASE)).map(drop),
        Vault::open(dir, Unlock::Keychain(&OsKeychain)).map(drop),
        Vault::recover(
            dir,
            recovery,
            NewProtection::Passphrase("another passphrase"),
            &mut rng(),
        )
        .map(drop),
        Vault::recover(
            dir,
            recovery,
            NewProtection::Keychain(&OsKeychain),
            &mut rng(),
        )
        .map(drop),
    ]
}

#[test]
fn every_change_to_a_passphrase_vaults_key_file_is_refused_and_changes_nothing() {
    for tamper in TAMPERS {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let (vault, recovery) =
            Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
        let vault_id = vault.id().to_owned();
        drop(vault);
        edit_key_file(&dir, &|f| (tamper.edit)(f));
        let before = snapshot(&dir);

        let results = every_way_in(&dir, &recovery);
        for result in &results {
            assert!(result.is_err(), "{}: a way in was let through", tamper.name);
        }
        if tamper.data_key_known {
            assert!(
                results
                    .iter()
                    .any(|r| matches!(r, Err(Error::KeyFileAltered))),
                "{}: the recovered key must expose the change: {results:?}",
                tamper.name
            );
        }
        assert_eq!(snapshot(&dir), before, "{}: files changed", tamper.name);
        assert!(
            OsKeychain.load(&vault_id).unwrap().is_none(),
            "{}: a key went into the keychain",
            tamper.name
        );
    }
}

#[test]
fn an_altered_key_file_says_so_and_how_to_mend_it() {
    let message = Error::KeyFileAltered.to_string();
    assert!(message.contains("changed outside Rapport"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert_eq!(Error::KeyFileAltered.kind(), "key_file_altered");
    assert!(Error::KeyFileAltered.is_locked());
}

#[test]
fn every_change_to_a_keychain_vaults_key_file_is_refused_and_leaves_its_entry_alone() {
    let tampers: &[(&str, Edit)] = &[
        ("recovery wrapped key", |f| {
            flip_hex(&mut f["recovery"]["ciphertext"])
        }),
        ("recovery copy said to be sealed for another id", |f| {
            f["recovery"]["sealed_for"] = Value::from("00112233445566778899aabbccddeeff");
        }),
        ("key check", |f| flip_hex(&mut f["key_check"])),
        ("recovery salt", |f| {
            flip_hex(&mut f["recovery"]["kdf"]["salt"])
        }),
        ("MAC removed and format lowered", |f| {
            f.as_object_mut().unwrap().remove("mac");
            f["format"] = Value::from(1);
        }),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (vault, recovery) = Vault::create(
        &dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("every_change_to_a_keychain_vaults_key_file_is_refused"),
    )
    .unwrap();
    let vault_id = vault.id().to_owned();
    drop(vault);
    let key = OsKeychain.load(&vault_id).unwrap().unwrap();
    let genuine = std::fs::read(key_file(&dir)).unwrap();
    for (name, edit) in tampers {
        std::fs::write(key_file(&dir), &genuine).unwrap();
        edit_key_file(&dir, &|f| edit(f));
        let before = snapshot(&dir);
        let results = every_way_in(&dir, &recovery);
        for result in &results {
            assert!(result.is_err(), "{name}: a way in was let through");
        }
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(Error::KeyFileAltered))),
            "{name}: {results:?}"
        );
        assert_eq!(snapshot(&dir), before, "{name}: files changed");
        assert_eq!(
            OsKeychain.load(&vault_id).unwrap().unwrap().as_bytes(),
            key.as_bytes(),
            "{name}: the keychain entry changed"
        );
    }
    // The genuine file still opens the vault.
    std::fs::write(key_file(&dir), &genuine).unwrap();
    drop(Vault::open(&dir, Unlock::Keychain(&OsKeychain)).unwrap());
    OsKeychain.remove(&vault_id).unwrap();
}

#[test]
fn a_huge_key_file_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    drop(Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap());
    let mut huge = std::fs::read(key_file(&dir)).unwrap();
    huge.extend(std::iter::repeat_n(b' ', 200 * 1024));
    std::fs::write(key_file(&dir), &huge).unwrap();
    let err = Vault::open(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::KeyFile(_)), "{err:?}");
}

#[test]
fn recovering_a_passphrase_vault_keeps_it_behind_a_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (vault, recovery) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    let vault_id = vault.id().to_owned();
    drop(vault);
    let before = snapshot(&dir);
    let err = Vault::recover(
        &dir,
        &recovery,
        NewProtection::Keychain(&OsKeychain),
        &mut rng(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::NewPassphraseRequired), "{err:?}");
    assert_eq!(snapshot(&dir), before);
    assert!(OsKeychain.load(&vault_id).unwrap().is_none());
}

#[test]
fn a_store_that_forgets_is_refused_for_keychain_vaults() {
    // keyring's in-memory mock: what macOS and Windows builds without their native store got.
    let forgetful = CredentialStore(keyring::mock::default_credential_builder());
    assert!(!forgetful.persists());
    assert!(OsKeychain.persists(), "this platform's store persists");

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let err = Vault::create(&dir, NewProtection::Keychain(&forgetful), &mut rng()).unwrap_err();
    assert!(matches!(err, Error::KeychainNotPersistent), "{err:?}");
    assert!(
        err.to_string().contains("passphrase"),
        "offers a passphrase: {err}"
    );
    assert_eq!(Vault::status(&dir).unwrap(), VaultStatus::Absent);
    assert!(!dir.exists(), "nothing was created");

    // An existing keychain vault is not opened, recovered or restored through it either.
    let (mut vault, recovery) = Vault::create(
        &dir,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("a_store_that_forgets_is_refused_for_keychain_vaults"),
    )
    .unwrap();
    vault.add_entry(entry("kept").new, now()).unwrap();
    let vault_id = vault.id().to_owned();
    let backup = tmp.path().join("b");
    vault.backup(&backup).unwrap();
    drop(vault);
    let before = snapshot(&dir);
    assert!(matches!(
        Vault::open(&dir, Unlock::Keychain(&forgetful)),
        Err(Error::KeychainNotPersistent)
    ));
    assert!(matches!(
        Vault::recover(
            &dir,
            &recovery,
            NewProtection::Keychain(&forgetful),
            &mut rng()
        ),
        Err(Error::KeychainNotPersistent)
    ));
    let elsewhere = tmp.path().join("elsewhere");
    assert!(matches!(
        Vault::restore(
            &backup,
            &elsewhere,
            BackupKey::Recovery(&recovery),
            NewProtection::Keychain(&forgetful),
            &mut rng()
        ),
        Err(Error::KeychainNotPersistent)
    ));
    assert!(!elsewhere.exists());
    assert_eq!(snapshot(&dir), before);
    OsKeychain.remove(&vault_id).unwrap();
}

#[test]
fn restoring_a_backup_never_touches_another_vaults_keychain_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let dir_a = tmp.path().join("a");
    let (mut a, recovery) = Vault::create(
        &dir_a,
        NewProtection::Keychain(&OsKeychain),
        &mut rng_for("restoring_a_backup_never_touches_another_vaults_keychain_entry"),
    )
    .unwrap();
    a.add_entry(entry("in a").new, now()).unwrap();
    let id_a = a.id().to_owned();
    let backup = tmp.path().join("a.backup");
    a.backup(&backup).unwrap();
    drop(a);
    let key_a = OsKeychain.load(&id_a).unwrap().unwrap();

    // A's own backup carries A's id: restored beside A, it gets an id of its own.
    let dir_b = tmp.path().join("b");
    let b = Vault::restore(
        &backup,
        &dir_b,
        BackupKey::Recovery(&recovery),
        NewProtection::Keychain(&OsKeychain),
        &mut rand::rngs::OsRng,
    )
    .unwrap();
    let id_b = b.id().to_owned();
    assert_ne!(id_b, id_a);
    drop(b);
    assert_eq!(
        OsKeychain.load(&id_a).unwrap().unwrap().as_bytes(),
        key_a.as_bytes()
    );
    drop(Vault::open(&dir_a, Unlock::Keychain(&OsKeychain)).unwrap());
    drop(Vault::open(&dir_b, Unlock::Keychain(&OsKeychain)).unwrap());
    // The restored copy's recovery key is the backup's, under its new id too.
    OsKeychain.remove(&id_b).unwrap();
    drop(
        Vault::recover(
            &dir_b,
            &recovery,
            NewProtection::Keychain(&OsKeychain),
            &mut rng(),
        )
        .unwrap(),
    );
    OsKeychain.remove(&id_a).unwrap();
    OsKeychain.remove(&id_b).unwrap();
}

/// Which `keyring` features a target gets, from cargo's own resolution of this workspace.
fn keyring_features_for(target: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "tree",
            "--quiet",
            "--package",
            "rapport-core",
            "--edges",
            "features",
            "--invert",
            "keyring",
            "--target",
            target,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree for {target}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_platform_gets_its_native_persistent_keychain_store() {
    for (target, store) in [
        ("aarch64-apple-darwin", "apple-native"),
        ("x86_64-apple-darwin", "apple-native"),
        ("x86_64-pc-windows-msvc", "windows-native"),
        ("x86_64-unknown-linux-gnu", "sync-secret-service"),
    ] {
        let tree = keyring_features_for(target);
        assert!(
            tree.contains(&format!("keyring feature \"{store}\"")),
            "{target} lacks keyring's {store} store; without it keyring falls back to an in-memory mock:\n{tree}"
        );
    }
}
