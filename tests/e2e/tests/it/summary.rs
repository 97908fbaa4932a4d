//! The summary for a manager, made in the real window: the last 30 days with Priya, one line
//! unticked, one private note included by hand, saved through the native dialog, and the file
//! read back: exactly what was chosen, readable only by its owner. The included note belongs to
//! that summary only: another period, or the next start of the app, does not carry it.

use chrono::{Duration, Utc};
use rapport_core::{EntryKind, NewEntry, OsKeychain, Unlock, Vault};

use crate::driver::{
    answer_file_dialog, click, ctrl, js, press, screenshot, text, wait_for, wait_for_screen,
    wait_for_text, wait_for_view, wait_until, with_app, FileDialogKind, Launch,
};
use crate::seed::{self, peer};

const WIN: &str = "Priya presented our WIP proposal to the directors";
const INCLUDED: &str = "I was wrong about the test environments; Priya was right";
const PRIVATE_MARKER: &str = "privmarker8841 worried she will leave";
const SHARED_NOTE: &str = "Priya asked to keep the WIP numbers visible to both orgs";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_summary_is_previewed_trimmed_and_saved_with_exactly_what_was_chosen() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        let now = Utc::now();
        seed::add_peer_history(&dir, now);
        let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open");
        let priya = vault.find_partner(peer::PARTNER).expect("Priya");
        for (body, kind, shareable, days) in [
            (WIN, EntryKind::Win, true, 3),
            (INCLUDED, EntryKind::Reflection, false, 2),
            (PRIVATE_MARKER, EntryKind::Concern, false, 1),
            (SHARED_NOTE, EntryKind::Note, true, 4),
        ] {
            let at = now - Duration::days(days);
            vault
                .add_entry(
                    NewEntry {
                        kind,
                        partners: vec![priya],
                        shareable,
                        created_at: Some(at),
                        ..NewEntry::note(body)
                    },
                    at,
                )
                .expect("add an entry");
        }
        dir
    })
    .await
    .unwrap();
    let out = temp.path().join("for my manager");
    std::fs::create_dir(&out).unwrap();
    let file = out.join("q4-summary.md");

    let saved = file.clone();
    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl("4")).await;
        wait_for_view(&client, "summary").await;
        click(&client, "input[name='preset'][value='last-30-days']").await;
        wait_for_text(&client, "[data-field='summary-body']", peer::DECISION).await;
        wait_for_text(&client, "[data-field='summary-body']", WIN).await;
        wait_for_text(&client, "[data-field='summary-body']", SHARED_NOTE).await;
        wait_for_text(&client, "[data-field='summary-body']", peer::ACTION).await;
        let preview = text(&client, "[data-field='summary-body']").await;
        assert!(
            preview.to_lowercase().contains("shared notes"),
            "a shareable note of any kind is offered under its own heading"
        );
        assert!(!preview.contains("privmarker8841"), "private notes stay out");
        assert!(preview.contains("Meeting of"), "every line shows its source");
        screenshot(&client, "80-summary").await;

        // Untick the overdue action. The preview may still be redrawn for the period just
        // chosen, so the line is looked up again until it is there.
        wait_until(
            &client,
            "the action's line is unticked by a click",
            &format!(
                "const line = [...document.querySelectorAll('.summary-line')].find((l) => l.textContent.includes({:?}));\
                 if (!line) return false; line.querySelector('input[type=checkbox]').click(); return true;",
                peer::ACTION
            ),
        )
        .await;
        wait_until(
            &client,
            "the action is unticked",
            &format!(
                "const line = [...document.querySelectorAll('.summary-line')].find((l) => l.textContent.includes({:?}));\
                 return !!line && !line.querySelector('input[type=checkbox]').checked;",
                peer::ACTION
            ),
        )
        .await;

        // Include one private note by hand.
        js(&client, "document.querySelector(\"[data-field='summary-candidates']\").open = true;").await;
        wait_until(
            &client,
            "the private note is included by a click",
            &format!(
                "const row = [...document.querySelectorAll('.summary-candidate')].find((r) => r.textContent.includes({INCLUDED:?}));\
                 if (!row) return false; row.querySelector('[data-summary-include]').click(); return true;"
            ),
        )
        .await;
        wait_for_text(&client, "[data-field='summary-body']", INCLUDED).await;
        js(
            &client,
            "[...document.querySelectorAll('.summary-group-title')].at(-1).scrollIntoView({block: 'start'});",
        )
        .await;
        screenshot(&client, "81-summary-trimmed").await;

        // Save as Markdown through the native dialog.
        js(&client, "const s = document.querySelector('#summary-format'); s.value = 'md'; s.dispatchEvent(new Event('change', {bubbles: true}));").await;
        click(&client, "[data-action='summary-save']").await;
        answer_file_dialog("Save the summary", FileDialogKind::Save, &saved).await;
        wait_for_text(&client, "[data-field='summary-status']", "Saved to").await;
        wait_for(&client, "[data-field='summary-status']").await;
        screenshot(&client, "82-summary-saved").await;

        // Another period is another summary: the note included by hand is not in it.
        click(&client, "input[name='preset'][value='this-quarter']").await;
        wait_until(
            &client,
            "the included note left with the period it was included in",
            &format!(
                "const body = document.querySelector(\"[data-field='summary-body']\").textContent;\
                 return body.includes({WIN:?}) && !body.includes({INCLUDED:?});"
            ),
        )
        .await;
        let remembered = js(&client, "return localStorage.getItem('rapport.summaryChoices');").await;
        assert!(
            !remembered.to_string().contains("include"),
            "included notes are never remembered: {remembered}"
        );
    })
    .await;

    // The next start of the app does not bring it back either.
    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl("4")).await;
        wait_for_view(&client, "summary").await;
        wait_for_text(&client, "[data-field='summary-body']", WIN).await;
        let preview = text(&client, "[data-field='summary-body']").await;
        assert!(!preview.contains(INCLUDED), "not included again by itself");
        screenshot(&client, "83-summary-next-start").await;
    })
    .await;

    let written = std::fs::read_to_string(&file).expect("the summary was written");
    for needle in [peer::DECISION, WIN, INCLUDED, SHARED_NOTE, "[^1]:"] {
        assert!(
            written.contains(needle),
            "the file lacks {needle}:\n{written}"
        );
    }
    for absent in [peer::ACTION, "privmarker8841"] {
        assert!(
            !written.contains(absent),
            "the file holds {absent}:\n{written}"
        );
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "readable only by its owner");
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left beside it");
}
