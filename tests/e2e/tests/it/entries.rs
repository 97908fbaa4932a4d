//! Entries: markup that stays text, edit, trash, undo, restore and purge, a long timeline.

use chrono::Utc;
use rapport_core::{OsKeychain, Unlock};

use crate::checks::{assert_no_injected_markup, texts};
use crate::driver::{
    click, count, ctrl, ctrl_shift, delete, dialog_open, enter, escape, find, js, press,
    screenshot, text, type_into, wait_dialog_closed, wait_for, wait_for_dialog, wait_for_screen,
    wait_for_text, wait_for_view, wait_gone, wait_until, with_app, Launch,
};
use crate::seed::{self, XSS_BODY, XSS_SCRIPT};

/// Text that looks like HTML stays text wherever a person can type it: an entry's body, a
/// partner's name, a tag. A tag with such characters is refused by the core, and the editor
/// says so and keeps everything typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_entries_names_and_tags_shows_as_text() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || seed::keychain_vault(&parent))
        .await
        .unwrap();
    let body = format!("{XSS_SCRIPT} and {XSS_BODY} in a note");

    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;

        // A partner named like markup.
        press(&client, &ctrl_shift("n")).await;
        wait_for_dialog(&client, "partner-form").await;
        type_into(&client, "#partner-name-input", XSS_BODY).await;
        press(&client, &ctrl(&enter())).await;
        wait_for_view(&client, "partner").await;
        assert_eq!(text(&client, "[data-field='partner-name']").await, XSS_BODY);

        // An entry about them with markup in the body and in a tag.
        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(
            texts(&client, "[data-field='editor-partner-tokens'] .token-label").await,
            [XSS_BODY],
            "Ctrl+N on a partner's page links the partner"
        );
        type_into(&client, "#editor-body", &body).await;
        type_into(&client, "#editor-tags", XSS_SCRIPT).await;
        press(&client, &ctrl(&enter())).await;
        wait_for(&client, "[data-field='editor-error']:not([hidden])").await;
        let error = text(&client, "[data-field='editor-error']").await;
        assert!(error.starts_with("Invalid tag"), "{error}");
        assert!(error.ends_with('.'), "said as a sentence: {error}");
        assert!(
            !error.contains("<script"),
            "the message never echoes the value"
        );
        assert!(dialog_open(&client, "editor").await, "the editor stays open");
        let kept = js(&client, "return document.querySelector('#editor-body').value;").await;
        assert_eq!(kept.as_str(), Some(body.as_str()), "nothing typed is lost");
        assert_no_injected_markup(&client).await;
        screenshot(&client, "30-tag-refused").await;

        // The preview is Rust's sanitized HTML: no script, no image.
        press(&client, &ctrl_shift("p")).await;
        wait_until(
            &client,
            "the preview is rendered",
            "return document.querySelector('[data-field=editor-preview]').textContent.includes('in a note');",
        )
        .await;
        assert_no_injected_markup(&client).await;
        press(&client, &ctrl_shift("p")).await;

        // Fix the tag and save.
        find(&client, "#editor-tags").await.clear().await.unwrap();
        type_into(&client, "#editor-tags", "security").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for(&client, "[data-timeline='partner'] .entry").await;
        assert_eq!(
            texts(&client, "[data-timeline='partner'] .entry-body").await,
            std::slice::from_ref(&body)
        );
        assert_eq!(
            texts(&client, "[data-timeline='partner'] .entry-partners").await,
            [format!("with {XSS_BODY}")]
        );
        assert_no_injected_markup(&client).await;
        screenshot(&client, "31-markup-as-text").await;

        // The journal and search show it as text too.
        press(&client, &ctrl("1")).await;
        wait_for_view(&client, "journal").await;
        wait_for_text(&client, "[data-field='timeline'] .entry-body", XSS_SCRIPT).await;
        press(&client, &ctrl("k")).await;
        wait_for_dialog(&client, "palette").await;
        type_into(&client, "#palette-input", "onerror").await;
        wait_for(&client, ".hit[data-type='partner']").await;
        wait_for(&client, ".hit[data-type='entry']").await;
        assert_eq!(
            text(&client, ".hit[data-type='partner'] .hit-title").await,
            XSS_BODY
        );
        let snippet = text(&client, ".hit[data-type='entry'] .hit-snippet").await;
        assert!(snippet.contains("<script>"), "{snippet}");
        assert_no_injected_markup(&client).await;
        screenshot(&client, "32-search-markup").await;

        // The reader renders the Markdown in Rust: whatever it keeps, no script and no image.
        press(&client, &enter()).await;
        wait_for_view(&client, "partner").await;
        press(&client, &ctrl("1")).await;
        wait_for_view(&client, "journal").await;
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').click(); return true;",
        )
        .await;
        wait_for_dialog(&client, "reader").await;
        assert_no_injected_markup(&client).await;
        press(&client, &escape()).await;
    })
    .await;
}

/// A keychain vault in `parent` with the first two of the seed's entries, written now.
async fn vault_with_two_entries(parent: &std::path::Path) -> std::path::PathBuf {
    let parent = parent.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        seed::add_entries(
            &dir,
            Unlock::Keychain(&OsKeychain),
            &seed::three_entries()[..2],
            Utc::now(),
        );
        dir
    })
    .await
    .unwrap()
}

/// Edit, delete with Undo, the trash, restore, and delete for good, all from the keyboard.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_trash_undo_restore_and_purge() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = vault_with_two_entries(temp.path()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        wait_until(
            &client,
            "two entries are shown",
            "return document.querySelectorAll('[data-field=timeline] .entry').length === 2;",
        )
        .await;

        // Tab reaches the timeline; E edits the focused entry.
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').focus(); return true;",
        )
        .await;
        press(&client, "e").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(
            text(&client, "[data-field='editor-title']").await,
            "Edit entry"
        );
        // The pill a person sees and clicks; the radio button under it is invisible.
        click(&client, ".kind-pill[data-kind='win']").await;
        wait_for(&client, ".kind-option input[value='win']:checked").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for_text(
            &client,
            "[data-field='timeline'] .entry:first-of-type .badge",
            "Win",
        )
        .await;

        // Delete moves to the trash, with Undo.
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').focus(); return true;",
        )
        .await;
        press(&client, &delete()).await;
        wait_for(&client, ".toast .toast-action:not([hidden])").await;
        assert_eq!(count(&client, "[data-field='timeline'] .entry").await, 1);
        screenshot(&client, "40-undo").await;
        click(&client, ".toast .toast-action").await;
        wait_until(
            &client,
            "the entry is back",
            "return document.querySelectorAll('[data-field=timeline] .entry').length === 2;",
        )
        .await;

        // Delete again, then find it in the trash and restore it.
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').focus(); return true;",
        )
        .await;
        press(&client, &delete()).await;
        wait_until(
            &client,
            "the entry left the journal",
            "return document.querySelectorAll('[data-field=timeline] .entry').length === 1;",
        )
        .await;
        press(&client, &ctrl("3")).await;
        wait_for_view(&client, "trash").await;
        wait_for(&client, "[data-timeline='trash'] .entry").await;
        let labels = texts(&client, "[data-timeline='trash'] .day-label").await;
        assert_eq!(labels, ["Deleted today"]);
        screenshot(&client, "41-trash").await;
        click(
            &client,
            "[data-timeline='trash'] .entry [data-entry-action='restore']",
        )
        .await;
        wait_for(&client, "[data-field='trash-empty']:not([hidden])").await;
        screenshot(&client, "42-trash-empty").await;
        press(&client, &ctrl("1")).await;
        wait_for_view(&client, "journal").await;
        wait_until(
            &client,
            "the restored entry is back in the journal",
            "return document.querySelectorAll('[data-field=timeline] .entry').length === 2;",
        )
        .await;

        // Delete for good asks first.
        js(
            &client,
            "document.querySelector('[data-field=timeline] .entry').focus(); return true;",
        )
        .await;
        press(&client, &delete()).await;
        wait_for(&client, ".toast").await;
        press(&client, &ctrl("3")).await;
        wait_for(&client, "[data-timeline='trash'] .entry").await;
        js(
            &client,
            "document.querySelector('[data-timeline=trash] .entry').focus(); return true;",
        )
        .await;
        press(&client, &delete()).await;
        wait_for_dialog(&client, "confirm").await;
        screenshot(&client, "43-purge-confirm").await;
        click(&client, "[data-action='confirm-yes']").await;
        wait_for(&client, "[data-field='trash-empty']:not([hidden])").await;

        // Settings: the auto-lock time.
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        assert_eq!(
            js(
                &client,
                "return document.querySelector('#auto-lock-select').value;"
            )
            .await
            .as_str(),
            Some("10"),
            "ten minutes by default"
        );
        // The desktop-wide shortcut is registered a moment after the first screen; Settings
        // then says whether it works (Xvfb lets it grab the keys).
        wait_for_text(
            &client,
            "[data-field='settings-shortcut']",
            "Ctrl+Alt+N opens a new entry",
        )
        .await;
        screenshot(&client, "44-settings").await;
        find(&client, "#auto-lock-select")
            .await
            .select_by_value("5")
            .await
            .unwrap();
        let saved = js(
            &client,
            "return localStorage.getItem('rapport.autoLockMinutes');",
        )
        .await;
        assert_eq!(saved.as_str(), Some("5"));
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "settings").await;
    })
    .await;
}

/// A long journal reads page by page as it scrolls, and the page keeps a bounded number of
/// entries however far it goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_timeline_pages_and_stays_bounded() {
    const ENTRIES: usize = 620;
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        seed::add_entries(
            &dir,
            Unlock::Keychain(&OsKeychain),
            &seed::many_entries(ENTRIES),
            Utc::now(),
        );
        dir
    })
    .await
    .unwrap();

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        wait_for(&client, "[data-field='timeline'] .entry").await;
        let first = count(&client, "[data-field='timeline'] .entry").await;
        assert!(first <= 100, "the first screen reads one or two pages, not {first}");
        // The first page is smaller than the others (ui/format.js): every later one holds 50.
        let first_page = count(&client, "[data-field='timeline'] .page[data-page='0'] .entry").await;
        assert!(first_page > 0 && first_page < 50, "the first page holds {first_page} entries");
        screenshot(&client, "50-long-timeline").await;

        let mut most = 0;
        for _ in 0..60 {
            js(
                &client,
                "const m = document.querySelector('[data-field=main]'); m.scrollTop = m.scrollHeight; return true;",
            )
            .await;
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            most = most.max(count(&client, "[data-field='timeline'] .entry").await);
            if text(&client, "[data-field='timeline-end']")
                .await
                .contains("first entry")
            {
                break;
            }
        }
        let state = js(
            &client,
            "const m = document.querySelector('[data-field=main]'); return { pages: document.querySelectorAll('[data-field=timeline] .page').length, dropped: document.querySelectorAll('[data-field=timeline] .page--dropped').length, entries: document.querySelectorAll('[data-field=timeline] .entry').length, end: document.querySelector('[data-field=timeline-end]').textContent, state: document.querySelector('[data-field=timeline-end]').dataset.state, top: m.scrollTop, height: m.scrollHeight, client: m.clientHeight };",
        )
        .await;
        eprintln!("timeline after scrolling: {state}");
        wait_for_text(&client, "[data-field='timeline-end']", "first entry").await;
        assert!(
            most <= 6 * 50,
            "at most six pages are in the page at once, not {most} entries"
        );
        let pages = count(&client, "[data-field='timeline'] .page").await;
        assert_eq!(
            pages,
            1 + (ENTRIES - first_page).div_ceil(50),
            "every page was read once"
        );
        assert!(count(&client, "[data-field='timeline'] .page--dropped").await >= 1);
        js(
            &client,
            "const m = document.querySelector('[data-field=main]'); m.scrollTop = m.scrollHeight; return true;",
        )
        .await;
        screenshot(&client, "51-long-timeline-end").await;

        // Back to the top: the first page is read again.
        js(
            &client,
            "document.querySelector('[data-field=main]').scrollTop = 0; return true;",
        )
        .await;
        wait_for(
            &client,
            "[data-field='timeline'] .page[data-page='0']:not(.page--dropped) .entry",
        )
        .await;
        wait_gone(
            &client,
            "[data-field='timeline'] .page[data-page='0'].page--dropped",
        )
        .await;
    })
    .await;
}

/// A memory written down later: the editor's date puts a new entry on the day it happened (in the
/// journal, below today's), and a date changed in an edit moves it there; a date in the future
/// is refused and what was typed stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_memory_written_later_takes_its_day() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = vault_with_two_entries(temp.path()).await;
    // Sets the editor's date as the picker would, with the event a person's choice sends.
    async fn set_when(client: &fantoccini::Client, value: &str) {
        js(
            client,
            &format!(
                "const input = document.querySelector('#editor-when'); input.value = {value:?};\
                 input.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;"
            ),
        )
        .await;
    }
    const LAST_CARD: &str = "[data-field=timeline] .entry:last-of-type";

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        wait_for(&client, "[data-field='timeline'] .entry").await;

        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        let empty = js(&client, "return document.querySelector('#editor-when').value;").await;
        assert_eq!(empty.as_str(), Some(""), "a new entry is dated when saved");
        type_into(&client, "#editor-body", "Mike joined the team: the 2008 hire.").await;

        // A day ahead is refused, and nothing typed is lost.
        set_when(&client, "2099-01-01T09:00").await;
        press(&client, &ctrl(&enter())).await;
        wait_for(&client, "[data-field='editor-error']:not([hidden])").await;
        let error = text(&client, "[data-field='editor-error']").await;
        assert!(error.contains("future"), "{error}");
        let kept = js(&client, "return document.querySelector('#editor-body').value;").await;
        assert_eq!(kept.as_str(), Some("Mike joined the team: the 2008 hire."));

        set_when(&client, "2008-03-14T09:30").await;
        screenshot(&client, "44-editor-dated").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_until(
            &client,
            "the memory is on its day, after today's entries",
            &format!(
                "const card = document.querySelector({LAST_CARD:?});\
                 return document.querySelectorAll('[data-field=timeline] .entry').length === 3\
                   && card?.textContent.includes('the 2008 hire')\
                   && [...document.querySelectorAll('[data-field=timeline] .day-label')].at(-1).textContent.includes('2008');"
            ),
        )
        .await;
        screenshot(&client, "45-journal-dated").await;

        // Edited, it shows its date, and a new one moves it.
        js(
            &client,
            &format!("document.querySelector({LAST_CARD:?}).focus(); return true;"),
        )
        .await;
        press(&client, "e").await;
        wait_for_dialog(&client, "editor").await;
        let shown = js(&client, "return document.querySelector('#editor-when').value;").await;
        assert_eq!(shown.as_str(), Some("2008-03-14T09:30"));
        set_when(&client, "2010-06-01T10:00").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_until(
            &client,
            "the entry moved to 2010",
            "const labels = [...document.querySelectorAll('[data-field=timeline] .day-label')];\
             return labels.at(-1)?.textContent.includes('2010') && !labels.some((l) => l.textContent.includes('2008'));",
        )
        .await;
    })
    .await;
}
