//! The person's data in the real window: a backup made from Settings, restored on a "new
//! computer" (an empty data directory) with the recovery key, through the native file dialogs.

use chrono::Utc;
use rapport_core::{OsKeychain, Unlock};

use crate::driver::{
    answer_file_dialog, click, ctrl, page_text, press, screenshot, text, type_into,
    wait_for_dialog, wait_for_screen, wait_for_text, with_app, FileDialogKind, Launch,
};
use crate::seed;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_in_the_app_restores_on_a_new_computer_with_the_recovery_key() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().join("old-computer");
    let (data_dir, recovery_key) = tokio::task::spawn_blocking(move || {
        let (dir, key) = seed::keychain_vault_with_recovery_key(&parent);
        seed::add_entries(
            &dir,
            Unlock::Keychain(&OsKeychain),
            &seed::three_entries(),
            Utc::now(),
        );
        (dir, key)
    })
    .await
    .unwrap();
    let backups = temp.path().join("usb stick");
    std::fs::create_dir(&backups).unwrap();
    let backup = backups.join("rapport.rapport-backup");

    // Back up from Settings.
    let file = backup.clone();
    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        screenshot(&client, "settings-your-data").await;
        click(&client, "[data-data-action='backup']").await;
        answer_file_dialog("Back up the vault", FileDialogKind::Save, &file).await;
        wait_for_text(&client, "[data-field='data-status']", "Backed up 3 entries").await;
        let said = text(&client, "[data-field='data-status']").await;
        assert!(said.contains(&file.display().to_string()), "{said}");
        screenshot(&client, "settings-backed-up").await;
    })
    .await;
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the backup is readable only by its owner"
        );
    }

    // A new computer: no vault, and (in this keyring) no key for the restored vault yet.
    let new_dir = temp.path().join("new-computer").join("vault");
    let file = backup.clone();
    with_app(Launch::new(&new_dir), move |client| async move {
        wait_for_screen(&client, "welcome").await;
        click(&client, "[data-action='restore-start']").await;
        answer_file_dialog("Restore a backup", FileDialogKind::Open, &file).await;
        wait_for_screen(&client, "restore").await;
        assert_eq!(
            text(&client, "[data-field='restore-file']").await,
            "rapport.rapport-backup"
        );
        // A wrong key is said on the form and writes nothing.
        type_into(
            &client,
            "#restore-key",
            "0000-0000-0000-0000-0000-0000-0000-0000",
        )
        .await;
        click(&client, "[data-action='restore']").await;
        wait_for_text(
            &client,
            "[data-field='restore-error']",
            "does not open this backup",
        )
        .await;
        screenshot(&client, "restore-wrong-key").await;

        let clear = "document.querySelector('#restore-key').value = '';";
        crate::driver::js(&client, clear).await;
        type_into(&client, "#restore-key", &recovery_key).await;
        click(&client, "[data-action='restore']").await;
        wait_for_screen(&client, "journal").await;
        let page = page_text(&client).await;
        for entry in seed::three_entries() {
            assert!(
                page.contains(entry.body),
                "the restored journal shows its entries"
            );
        }
        screenshot(&client, "restore-done").await;
    })
    .await;
    assert!(new_dir.join("rapport.db").exists());
}
