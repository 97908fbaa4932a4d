//! Nothing typed is lost: an entry typed and not saved comes back after a lock and after the app
//! is killed mid-sentence; an entry changed by another process while it is edited here is
//! neither overwritten nor lost.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use fantoccini::Client;
use rapport_core::{EntryUpdate, OsKeychain, Unlock, Vault};

use crate::driver::{
    app_pid, click, ctrl, enter, is_displayed, js, kill_app, page_text, press, screenshot, text,
    type_into, wait_dialog_closed, wait_for_dialog, wait_for_screen, wait_for_text, with_app,
    Launch,
};
use crate::seed;

const FIRST: &str = "Priya covered the steering meeting for me while I was out, and she";
const REST: &str = " argued for the WIP limit as if it were her own idea.";

/// The text in the editor now.
async fn editor_text(client: &Client) -> String {
    js(
        client,
        "return document.querySelector('#editor-body').value;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// The vault's draft, read by a second process as the CLI would (the app may be gone).
fn kept_draft(dir: PathBuf) -> Option<String> {
    let vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
    vault.draft().expect("read the draft").map(|d| d.draft.body)
}

async fn keychain_vault(parent: &Path) -> PathBuf {
    let parent = parent.to_path_buf();
    tokio::task::spawn_blocking(move || seed::keychain_vault(&parent))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_typed_and_not_saved_survives_a_lock_and_a_crash() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = keychain_vault(temp.path()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        type_into(&client, "#editor-body", FIRST).await;
        // Locked at once, before the draft's moment has passed: the lock keeps it first.
        press(&client, &ctrl("l")).await;
        wait_for_screen(&client, "locked").await;
        assert!(
            !page_text(&client).await.contains("steering"),
            "nothing of the text stays on the lock screen"
        );
        click(&client, "[data-action='unlock-keychain']").await;
        wait_for_screen(&client, "journal").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(editor_text(&client).await, FIRST, "the text is back");
        assert!(is_displayed(&client, "[data-field='editor-restored']").await);
        let said = text(&client, "[data-field='editor-restored']").await;
        assert!(said.starts_with("Kept from"), "{said}");
        screenshot(&client, "26-draft-after-lock").await;

        // More words, a moment for the draft, then the app is killed mid-sentence.
        js(
            &client,
            "const body = document.querySelector('#editor-body'); body.focus(); \
             body.setSelectionRange(body.value.length, body.value.length);",
        )
        .await;
        press(&client, REST).await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
        // A crash of the app leaves no core dump with its decrypted memory.
        let limits = std::fs::read_to_string(format!("/proc/{}/limits", app_pid())).unwrap();
        let core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap_or_default();
        assert_eq!(
            core.split_whitespace().skip(4).take(2).collect::<Vec<_>>(),
            ["0", "0"],
            "{core}"
        );
        kill_app();
    })
    .await;

    let dir = data_dir.clone();
    let kept = tokio::task::spawn_blocking(move || kept_draft(dir))
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some(format!("{FIRST}{REST}").as_str()));

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(editor_text(&client).await, format!("{FIRST}{REST}"));
        screenshot(&client, "27-draft-after-crash").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for_text(
            &client,
            "[data-field='timeline'] .entry-body",
            "her own idea",
        )
        .await;
    })
    .await;
    let dir = data_dir.clone();
    let kept = tokio::task::spawn_blocking(move || kept_draft(dir))
        .await
        .unwrap();
    assert_eq!(kept, None, "saved: the draft is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_changed_elsewhere_while_edited_is_neither_overwritten_nor_lost() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = keychain_vault(temp.path()).await;
    let dir = data_dir.clone();
    let id = tokio::task::spawn_blocking(move || {
        let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open");
        vault
            .add_entry(
                rapport_core::NewEntry::note("Lunch with Priya."),
                Utc::now(),
            )
            .expect("add")
            .id
    })
    .await
    .unwrap();

    let dir = data_dir.clone();
    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        wait_for_text(&client, "[data-field='timeline'] .entry-body", "Lunch").await;
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').focus(); return true;",
        )
        .await;
        press(&client, "e").await;
        wait_for_dialog(&client, "editor").await;
        type_into(&client, "#editor-body", " She asked about the reorg.").await;

        // Meanwhile the terminal changes the same entry (another process, the CLI's way).
        tokio::task::spawn_blocking(move || {
            let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open");
            vault
                .update_entry(
                    id,
                    EntryUpdate {
                        body: Some("Lunch with Priya and Marco.".into()),
                        ..Default::default()
                    },
                    Utc::now(),
                )
                .expect("edit from the terminal");
        })
        .await
        .unwrap();

        press(&client, &ctrl(&enter())).await;
        wait_for_text(&client, "[data-field='editor-error']", "changed in another").await;
        assert_eq!(
            editor_text(&client).await,
            "Lunch with Priya. She asked about the reorg.",
            "what was typed stays"
        );
        wait_for_text(&client, "[data-field='timeline'] .entry-body", "and Marco").await;
        screenshot(&client, "28-changed-elsewhere").await;

        // Saved again, on purpose, on top of the other change.
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for_text(&client, "[data-field='timeline'] .entry-body", "the reorg").await;
    })
    .await;
}

/// As a person would: a long entry typed, then they walk away until auto-lock (set to its
/// shortest, one minute); after unlocking the entry is there, every word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_entry_survives_walking_away_until_auto_lock() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = keychain_vault(temp.path()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        crate::driver::find(&client, "#auto-lock-select")
            .await
            .select_by_value("1")
            .await
            .unwrap();
        press(&client, &crate::driver::escape()).await;
        wait_dialog_closed(&client, "settings").await;

        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        let long = format!("{FIRST}{REST} ").repeat(12);
        type_into(&client, "#editor-body", &long).await;
        // Nothing more is touched: the idle lock comes after a minute.
        let deadline = std::time::Instant::now() + Duration::from_secs(100);
        loop {
            let locked = js(
                &client,
                "return document.querySelector('#app').dataset.current;",
            )
            .await
            .as_str()
                == Some("locked");
            if locked {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "auto-lock never came");
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        assert!(!page_text(&client).await.contains("steering"));
        click(&client, "[data-action='unlock-keychain']").await;
        wait_for_screen(&client, "journal").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(editor_text(&client).await, long, "every word is back");
    })
    .await;
}
