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

/// Years of notes kept elsewhere come in with their dates: a folder of Markdown notes (a date in
/// a file name, front matter) chosen in the native folder dialog, imported from Settings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_of_markdown_notes_is_imported_from_settings_with_its_dates() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || seed::keychain_vault(&parent))
        .await
        .unwrap();
    let notes = temp.path().join("old notes");
    std::fs::create_dir_all(notes.join("2014")).unwrap();
    std::fs::write(
        notes.join("2014/2014-05-02 Offsite.md"),
        "We agreed to share one on-call rota.\n",
    )
    .unwrap();
    std::fs::write(
        notes.join("Hallway.md"),
        "---\ndate: 2019-11-20\ntags: [wip]\n---\nWIP keeps growing across both teams.\n",
    )
    .unwrap();

    let folder = notes.clone();
    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        crate::driver::js(
            &client,
            "const s = document.querySelector('[data-field=import-source]'); s.value = 'markdown';\
             s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
        )
        .await;
        click(&client, "[data-data-action='import']").await;
        answer_file_dialog(
            "Import a folder of Markdown notes",
            FileDialogKind::Folder,
            &folder,
        )
        .await;
        wait_for_text(&client, "[data-field='data-status']", "Imported 2 entries").await;
        screenshot(&client, "98-markdown-imported").await;
        press(&client, &crate::driver::escape()).await;
        let page = page_text(&client).await;
        assert!(page.contains("WIP keeps growing"), "{page}");
        assert!(page.contains("Offsite"), "{page}");
    })
    .await;
}
