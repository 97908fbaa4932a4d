//! Settings → Security in the real window: the lock screen of a keychain vault says that
//! unlocking takes no secret and offers a passphrase; a passphrase is required, changed and given
//! up again; a new recovery key and a re-encryption each show a key once. Read back afterwards
//! with the core: the vault opens as the window left it, and an old key file opens nothing.

use chrono::Utc;
use rapport_core::{Keychain, NewProtection, OsKeychain, RecoveryKey, Unlock, Vault};

use crate::driver::{
    click, ctrl, dialog_open, escape, press, screenshot, text, type_into, wait_dialog_closed,
    wait_for_dialog, wait_for_screen, wait_for_text, wait_until, with_app, Launch,
};
use crate::seed;

const FIRST: &str = "first passphrase of mine";
const SECOND: &str = "second passphrase, longer";

/// Fills the Security dialog's fields that are shown and sends it.
async fn send_security(client: &fantoccini::Client, current: Option<&str>, new: Option<&str>) {
    if let Some(current) = current {
        type_into(client, "#security-current", current).await;
    }
    if let Some(new) = new {
        type_into(client, "#security-new", new).await;
        type_into(client, "#security-confirm", new).await;
    }
    click(client, "[data-action='security-submit']").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passphrase_is_required_changed_and_given_up_from_settings() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        seed::add_entries(
            &dir,
            Unlock::Keychain(&OsKeychain),
            &seed::three_entries(),
            Utc::now(),
        );
        dir
    })
    .await
    .unwrap();
    let old_key_file = std::fs::read(data_dir.join("rapport.keys.json")).unwrap();
    let first_id = vault_id(&data_dir);

    let shown = std::sync::Arc::new(std::sync::Mutex::new((String::new(), String::new())));
    let keys = shown.clone();
    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;

        // The keychain lock screen says what unlocking takes, and offers a passphrase.
        press(&client, &ctrl("l")).await;
        wait_for_screen(&client, "locked").await;
        wait_for_text(&client, "[data-screen='locked']", "Unlocking needs no passphrase").await;
        screenshot(&client, "90-locked-keychain").await;
        click(&client, "[data-action='require-passphrase']").await;
        wait_for_screen(&client, "journal").await;
        wait_for_dialog(&client, "security").await;
        wait_for_text(&client, "[data-field='security-title']", "Require a passphrase").await;
        screenshot(&client, "91-require-passphrase").await;
        // Two different passphrases are refused in the dialog.
        type_into(&client, "#security-new", FIRST).await;
        type_into(&client, "#security-confirm", "something else").await;
        click(&client, "[data-action='security-submit']").await;
        wait_for_text(&client, "[data-field='security-error']", "differ").await;
        js_clear(&client).await;
        send_security(&client, None, Some(FIRST)).await;
        wait_dialog_closed(&client, "security").await;
        wait_for_text(&client, "[data-field='vault-facts']", "Passphrase").await;

        // Locked now, it asks for the passphrase.
        press(&client, &ctrl("l")).await;
        wait_for_screen(&client, "unlock").await;
        type_into(&client, "#passphrase", FIRST).await;
        click(&client, "[data-action='unlock']").await;
        wait_for_screen(&client, "journal").await;

        // Settings → Security: change it; a wrong current passphrase is said on its field.
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        wait_for_text(&client, "[data-field='security-lead']", "asks for your passphrase").await;
        screenshot(&client, "92-settings-security").await;
        click(&client, "[data-security-action='change']").await;
        wait_for_dialog(&client, "security").await;
        send_security(&client, Some("not the passphrase"), Some(SECOND)).await;
        wait_for_text(&client, "[data-field='security-error']", "not the current passphrase").await;
        screenshot(&client, "93-wrong-current-passphrase").await;
        js_clear(&client).await;
        send_security(&client, Some(FIRST), Some(SECOND)).await;
        wait_dialog_closed(&client, "security").await;
        wait_for_text(&client, "[data-field='security-status']", "Passphrase changed").await;

        // Give it up: back to the keychain.
        click(&client, "[data-security-action='keychain']").await;
        wait_for_dialog(&client, "security").await;
        send_security(&client, Some(SECOND), None).await;
        wait_dialog_closed(&client, "security").await;
        wait_for_text(&client, "[data-field='security-lead']", "needs no passphrase").await;

        // A new recovery key, shown once.
        click(&client, "[data-security-action='recovery']").await;
        wait_for_dialog(&client, "security").await;
        click(&client, "[data-action='security-submit']").await;
        wait_until(
            &client,
            "the new recovery key is shown",
            "return document.querySelector(\"[data-field='security-key']\").textContent.length === 39;",
        )
        .await;
        screenshot(&client, "94-new-recovery-key").await;
        // Esc does not take the key off the screen unseen.
        press(&client, &escape()).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(dialog_open(&client, "security").await, "the key stays until written down");
        let recovery = text(&client, "[data-field='security-key']").await;
        click(&client, "[data-action='security-submit']").await;
        wait_dialog_closed(&client, "security").await;

        // Re-encrypted with a new key: another recovery key, shown once.
        click(&client, "[data-security-action='rekey']").await;
        wait_for_dialog(&client, "security").await;
        click(&client, "[data-action='security-submit']").await;
        wait_until(
            &client,
            "the re-key's recovery key is shown",
            "return document.querySelector(\"[data-field='security-key']\").textContent.length === 39;",
        )
        .await;
        let rekeyed = text(&client, "[data-field='security-key']").await;
        click(&client, "[data-action='security-submit']").await;
        wait_dialog_closed(&client, "security").await;
        // The journal still reads, under the new key.
        press(&client, &ctrl("l")).await;
        wait_for_screen(&client, "locked").await;
        click(&client, "[data-action='unlock-keychain']").await;
        wait_for_screen(&client, "journal").await;
        *keys.lock().unwrap() = (recovery, rekeyed);
    })
    .await;
    let (recovery, rekeyed) = shown.lock().unwrap().clone();

    tokio::task::spawn_blocking(move || {
        let new_id = vault_id(&data_dir);
        assert_ne!(
            new_id, first_id,
            "a re-keyed vault has a new keychain entry"
        );
        assert!(
            OsKeychain.load(&first_id).unwrap().is_none(),
            "the old key is gone"
        );
        let vault = Vault::open(&data_dir, Unlock::Keychain(&OsKeychain)).expect("opens");
        assert_eq!(vault.count_entries().unwrap(), 3);
        assert!(
            !vault.recovery_key_unseen().unwrap(),
            "\"I have written it down\" told the vault"
        );
        drop(vault);
        // The recovery key made before the re-key opens nothing; the re-key's does.
        let before = RecoveryKey::parse(&recovery).unwrap();
        assert!(Vault::recover(
            &data_dir,
            &before,
            NewProtection::Keychain(&OsKeychain),
            &mut rand::rngs::OsRng
        )
        .is_err());
        let after = RecoveryKey::parse(&rekeyed).unwrap();
        drop(
            Vault::recover(
                &data_dir,
                &after,
                NewProtection::Keychain(&OsKeychain),
                &mut rand::rngs::OsRng,
            )
            .expect("the new recovery key opens it"),
        );
        // A copy of the key file from before opens nothing either.
        let current = std::fs::read(data_dir.join("rapport.keys.json")).unwrap();
        std::fs::write(data_dir.join("rapport.keys.json"), &old_key_file).unwrap();
        assert!(Vault::open(&data_dir, Unlock::Keychain(&OsKeychain)).is_err());
        std::fs::write(data_dir.join("rapport.keys.json"), current).unwrap();
        OsKeychain.remove(&new_id).unwrap();
    })
    .await
    .unwrap();
}

/// Empties the Security dialog's fields (after a refusal, to type again).
async fn js_clear(client: &fantoccini::Client) {
    crate::driver::js(
        client,
        "for (const i of document.querySelectorAll('[data-form=security] input')) i.value = ''; return true;",
    )
    .await;
}

fn vault_id(dir: &std::path::Path) -> String {
    let key_file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("rapport.keys.json")).unwrap())
            .unwrap();
    key_file["vault_id"].as_str().unwrap().to_owned()
}
