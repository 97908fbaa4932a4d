//! Peer one-on-ones in the real window: the home view, a partner's cadence, preparing an agenda
//! that carries what is still open, capturing actions and decisions, and the next agenda.

use chrono::Utc;
use fantoccini::Client;

use crate::driver::{
    answer_file_dialog, click, count, js, page_text, press, screenshot, text, type_into, wait_for,
    wait_for_dialog, wait_for_screen, wait_for_text, wait_for_view, wait_until, with_app,
    FileDialogKind, Launch,
};
use crate::seed::{self, peer};

/// A keychain vault with Priya's last one-on-one in it (see `seed::add_peer_history`).
async fn peer_vault(parent: std::path::PathBuf) -> std::path::PathBuf {
    tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        seed::add_peer_history(&dir, Utc::now());
        dir
    })
    .await
    .unwrap()
}

/// Priya's vault plus Marco, a second peer who can be an ally.
async fn peer_vault_with_ally(parent: std::path::PathBuf) -> std::path::PathBuf {
    let dir = peer_vault(parent).await;
    tokio::task::spawn_blocking(move || {
        use rapport_core::{NewPartner, OsKeychain, Relationship, Unlock, Vault};
        let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
        vault
            .add_partner(
                NewPartner {
                    relationship: Relationship::Peer,
                    ..NewPartner::named(ALLY)
                },
                Utc::now(),
            )
            .expect("add Marco");
        let priya = vault.find_partner(peer::PARTNER).expect("Priya");
        vault
            .add_entry(
                rapport_core::NewEntry {
                    body: PRIVATE.into(),
                    partners: vec![priya],
                    ..rapport_core::NewEntry::default()
                },
                Utc::now(),
            )
            .expect("a private note");
        dir
    })
    .await
    .unwrap()
}

const ALLY: &str = "Marco Bellini";
const PRIVATE: &str = "Privately: Priya looked worn out after the reorg";
const NEW_ALLY: &str = "Dana Ortiz";
const PROBLEM: &str = "Too much work in progress between our teams";

/// Today in the page's time zone as `YYYY-MM-DD`, put into the date input `selector`.
async fn set_date_today(client: &Client, selector: &str) {
    let script = format!(
        "const d = new Date(); const p = (n) => String(n).padStart(2, '0');\
         document.querySelector({selector:?}).value = `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}`;"
    );
    js(client, &script).await;
}

/// Focuses the agenda item whose text contains `needle`.
async fn focus_item(client: &Client, needle: &str) {
    let script = format!(
        "const item = [...document.querySelectorAll('.agenda-item')].find((n) => n.querySelector('.agenda-text').textContent.includes({needle:?}));\
         item.focus(); return item !== undefined;"
    );
    assert_eq!(
        js(client, &script).await,
        serde_json::json!(true),
        "no agenda item says {needle}"
    );
}

async fn active_id(client: &Client) -> String {
    js(client, "return document.activeElement.id;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Home → Priya's page → prepare → the agenda carries → prepare the meeting from the partner page.
async fn prepare_from_home(client: &Client, shot_prefix: &str) {
    wait_for_screen(client, "journal").await;
    press(client, &crate::driver::ctrl("0")).await;
    wait_for_view(client, "home").await;
    wait_for_text(client, "[data-field='home-groups']", peer::ACTION).await;
    // Section titles are shown in capitals: compare without case.
    let home = text(client, "[data-field='home-groups']")
        .await
        .to_lowercase();
    for needle in [
        peer::PARTNER,
        peer::DECISION,
        "Due for a conversation",
        "Overdue actions",
    ] {
        assert!(
            home.contains(&needle.to_lowercase()),
            "the home view lacks {needle}: {home}"
        );
    }
    screenshot(client, &format!("{shot_prefix}-home")).await;

    click(client, ".home-row-open[data-type='partner']").await;
    wait_for_view(client, "partner").await;
    wait_for(client, ".meeting-row").await;
    assert_eq!(
        count(client, ".month-bar").await,
        12,
        "twelve months of bars"
    );
    let facts = text(client, "[data-field='cadence-facts']").await;
    assert!(facts.contains("0 mine · 1 theirs"), "balance: {facts}");
    screenshot(client, &format!("{shot_prefix}-partner")).await;

    click(client, "[data-action='prepare-meeting']").await;
    wait_for_dialog(client, "prepare").await;
    wait_for(client, "[data-field='prepare-signals']:not([hidden])").await;
    click(
        client,
        "[data-field='prepare-signals'] input[name='shared_problem']",
    )
    .await;
    screenshot(client, &format!("{shot_prefix}-prepare")).await;
    click(client, "[data-action='prepare-submit']").await;
    wait_for_view(client, "meeting").await;
    wait_for(client, ".agenda-item[data-carried]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_one_on_one_carries_what_is_open_into_the_next() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        prepare_from_home(&client, "70").await;

        // The agenda arrived half written: the open action, the decision due, the parked topic.
        let agenda = text(&client, "[data-field='agenda-sections']")
            .await
            .to_lowercase();
        for needle in [
            peer::ACTION,
            peer::DECISION,
            peer::PARKED,
            "carried from",
            "Carried forward",
        ] {
            assert!(
                agenda.contains(&needle.to_lowercase()),
                "the agenda lacks {needle}: {agenda}"
            );
        }
        assert_eq!(
            count(&client, ".agenda-item[data-carried='action']").await,
            1
        );
        assert_eq!(
            count(&client, ".agenda-item[data-carried='decision']").await,
            1
        );
        assert_eq!(
            count(&client, ".agenda-item[data-carried='agenda']").await,
            1
        );
        assert_eq!(
            count(&client, ".carried-badge--overdue").await,
            2,
            "overdue action and decision"
        );
        assert!(text(&client, "[data-field='signal-list']")
            .await
            .contains("We share a specific problem"));

        // D marks the focused item discussed.
        focus_item(&client, peer::PARKED).await;
        press(&client, "d").await;
        wait_for(
            &client,
            ".agenda-item[data-carried='agenda'][data-state='discussed']",
        )
        .await;

        // A captures an action from the focused item; the text is selected, typing replaces it.
        focus_item(&client, peer::PARKED).await;
        press(&client, "a").await;
        assert_eq!(active_id(&client).await, "action-text");
        press(&client, "Draft the WIP proposal for the directors").await;
        js(
            &client,
            "document.querySelector('#action-owner').value = 'me';",
        )
        .await;
        set_date_today(&client, "#action-due").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(
            &client,
            "[data-field='action-list']",
            "Draft the WIP proposal",
        )
        .await;

        // Shift+D captures a decision, still open, to decide again today.
        focus_item(&client, peer::DECISION).await;
        press(&client, "D").await;
        assert_eq!(active_id(&client).await, "decision-text");
        press(&client, "Pilot the WIP limit with two teams").await;
        js(
            &client,
            "document.querySelector('#decision-agreed').value = 'false';",
        )
        .await;
        set_date_today(&client, "#decision-revisit").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(
            &client,
            "[data-field='decision-list']",
            "Pilot the WIP limit",
        )
        .await;

        // A note on an item, and a check-in.
        type_into(
            &client,
            "[data-field='check-in']",
            "Priya is back from leave; the team is calmer.",
        )
        .await;
        focus_item(&client, peer::ACTION).await;
        press(&client, "n").await;
        press(&client, "Numbers promised for Friday").await;
        press(&client, &crate::driver::escape()).await;
        focus_item(&client, peer::ACTION).await;
        js(
            &client,
            "document.querySelector('[data-field=main]').scrollTop = 0;",
        )
        .await;
        screenshot(&client, "73-meeting").await;

        // The carried decision is decided again here: agreed, so it is settled. (Scrolled to the
        // middle first: a toast sits at the bottom of the window.)
        js(
            &client,
            "document.querySelector(\".agenda-item[data-carried='decision'] [data-revisit='settle']\").scrollIntoView({block: 'center'});",
        )
        .await;
        click(
            &client,
            ".agenda-item[data-carried='decision'] [data-revisit='settle']",
        )
        .await;
        crate::driver::wait_gone(&client, ".agenda-item[data-carried='decision'] .revisit").await;
        assert_eq!(
            count(&client, ".carried-badge--overdue").await,
            1,
            "a settled decision is no longer overdue"
        );

        // Hold it.
        click(&client, "[data-action='meeting-held']").await;
        wait_for(&client, "[data-field='meeting-status'][data-status='held']").await;
        assert!(page_text(&client).await.contains("Held"));

        // The next one-on-one carries what was captured, and what is still open.
        click(&client, "[data-field='meeting-crumbs'] [data-partner-id]").await;
        wait_for_view(&client, "partner").await;
        wait_for(&client, ".meeting-row").await;
        click(&client, "[data-action='prepare-meeting']").await;
        wait_for_dialog(&client, "prepare").await;
        click(&client, "[data-action='prepare-submit']").await;
        wait_for_view(&client, "meeting").await;
        wait_for(&client, ".agenda-item[data-carried]").await;
        let next = text(&client, "[data-field='agenda-sections']").await;
        for needle in [
            "Draft the WIP proposal for the directors",
            "Pilot the WIP limit with two teams",
            peer::ACTION,
        ] {
            assert!(
                next.contains(needle),
                "the next agenda lacks {needle}: {next}"
            );
        }
        assert!(
            !next.contains(peer::PARKED),
            "a discussed topic is not carried again: {next}"
        );
        assert!(
            !next.contains(peer::DECISION),
            "a settled decision is not carried again: {next}"
        );
        screenshot(&client, "74-next-meeting").await;
    })
    .await;
}

/// The same screens with GTK's dark theme.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peer_one_on_one_screens_in_dark_mode() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir).dark(), |client| async move {
        prepare_from_home(&client, "75-dark").await;
        focus_item(&client, peer::ACTION).await;
        js(
            &client,
            "document.querySelector('[data-field=main]').scrollTop = 0;",
        )
        .await;
        screenshot(&client, "75-dark-meeting").await;
    })
    .await;
}

/// A peer problem from the partner page, as the essay runs it: both views written before the
/// options, options with each side's stake, one chosen, a partner against and a person who is not
/// a partner for it, a brief saved as PDF and Markdown through the native dialog (nothing
/// private in it), the presentation recorded with the date to decide again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_problem_goes_from_both_views_to_a_presented_brief() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault_with_ally(temp.path().to_path_buf()).await;
    let pdf = temp.path().join("brief.pdf");
    let markdown = temp.path().join("brief.md");
    let html = temp.path().join("brief.html");
    let (pdf_path, md_path, html_path) = (pdf.clone(), markdown.clone(), html.clone());

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        click(&client, ".home-row-open[data-type='partner']").await;
        wait_for_view(&client, "partner").await;
        wait_for_text(
            &client,
            "[data-field='partner-problems']",
            "No open problems",
        )
        .await;

        // Created from the partner page: it asks for the title, then opens the problem.
        click(&client, "[data-action='new-problem']").await;
        wait_for_dialog(&client, "new-problem").await;
        type_into(&client, "#new-problem-input", PROBLEM).await;
        click(&client, "[data-action='new-problem-submit']").await;
        wait_for_view(&client, "problem").await;
        wait_for_text(&client, "[data-field='problem-view-title']", PROBLEM).await;
        assert!(text(&client, "[data-field='problem-shared']")
            .await
            .contains(peer::PARTNER));
        wait_for(
            &client,
            ".step--current [data-stage='both_views'][aria-current='step']",
        )
        .await;

        // Options before both views are written: the page asks first.
        click(&client, "[data-stage='options']").await;
        wait_for(&client, "[data-field='problem-gate']:not([hidden])").await;
        assert!(
            count(&client, ".step--current [data-stage='both_views']").await == 1,
            "the stage did not move"
        );
        let label = text(&client, "[data-field='view-theirs-label']").await;
        assert!(label.contains(peer::PARTNER), "{label}");
        type_into(&client, "#view-mine", "Nothing ships: every team starts more than it finishes.").await;
        type_into(&client, "#view-theirs", "Quality gets every change in the last week of the release.").await;
        type_into(&client, "#view-why", "Customers wait months for fixes.").await;
        type_into(&client, "#view-to", "customers, the QA team, the directors").await;
        click(&client, "[data-form='problem-views'] button[type='submit']").await;
        wait_for_text(&client, "[data-field='views-status']", "Saved").await;
        click(&client, "[data-stage='options']").await;
        wait_for(&client, ".step--current [data-stage='options']").await;

        // Two options; Enter adds each and leaves the cursor there for the next.
        type_into(&client, "#option-text", "A WIP limit of three per team").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(
            &client,
            "[data-field='problem-options']",
            "A WIP limit of three",
        )
        .await;
        assert_eq!(active_id(&client).await, "option-text");
        press(&client, "A shared weekly triage").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(
            &client,
            "[data-field='problem-options']",
            "A shared weekly triage",
        )
        .await;
        assert_eq!(count(&client, ".option-item").await, 2);

        // Each side's stake in the second, then choose it.
        click(&client, ".option-item:nth-child(2) [data-edit-option]").await;
        wait_for(&client, "[data-option-form] textarea[name='my_stake']").await;
        type_into(&client, "[data-option-form] textarea[name='my_stake']", "Fewer surprises").await;
        type_into(&client, "[data-option-form] textarea[name='their_stake']", "A steady QA load").await;
        click(&client, "[data-option-form] button[type='submit']").await;
        wait_for_text(&client, "[data-field='problem-options']", "For me: Fewer surprises").await;
        click(&client, ".option-item:nth-child(2) [data-choose-option]").await;
        wait_for(&client, ".option-item[data-chosen='true']").await;
        let chosen = text(&client, ".option-item[data-chosen='true']").await;
        assert!(chosen.contains("weekly triage"), "chosen: {chosen}");
        // The first is dropped.
        click(&client, ".option-item:nth-child(1) [data-remove-option]").await;
        wait_until(&client, "one option left", "return document.querySelectorAll('.option-item').length === 1;").await;

        // An ally against, through the partner completion.
        js(
            &client,
            "document.querySelector('#ally-stance').value = 'against';",
        )
        .await;
        type_into(&client, "#ally-input", "Marc").await;
        wait_for(&client, "#ally-list:not([hidden]) .suggestion").await;
        press(&client, &crate::driver::enter()).await;
        wait_for(&client, ".ally-item[data-stance='against']").await;
        assert!(text(&client, "[data-field='problem-allies']")
            .await
            .contains(ALLY));
        // And someone who is not a partner: typed, offered to be recorded as a person.
        js(&client, "document.querySelector('#ally-stance').value = 'for';").await;
        type_into(&client, "#ally-input", NEW_ALLY).await;
        wait_for_text(&client, "#ally-list:not([hidden]) .suggestion--create", NEW_ALLY).await;
        press(&client, &crate::driver::enter()).await;
        wait_for(&client, ".ally-item[data-stance='for'] .ally-tag").await;
        let next = format!(
            "const row = [...document.querySelectorAll('.ally-item')].find((r) => r.textContent.includes({NEW_ALLY:?}));\
             const input = row.querySelector('[data-ally-next]'); input.value = 'Ask her at the staff meeting';\
             input.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
        );
        js(&client, &next).await;
        wait_until(
            &client,
            "the next step kept",
            "return [...document.querySelectorAll('[data-ally-next]')].some((i) => i.value === 'Ask her at the staff meeting') && !document.activeElement?.matches?.('[data-ally-next]');",
        )
        .await;

        js(
            &client,
            "document.querySelector(\"[data-field='problem-options']\").scrollIntoView({block: 'start'}); document.scrollingElement.scrollTop = 0;",
        )
        .await;
        screenshot(&client, "76-problem-options").await;

        // Agreement: the views are written, so the stage moves without asking.
        click(&client, "[data-stage='agreement']").await;
        wait_for(&client, ".step--current [data-stage='agreement']").await;

        // The brief, saved as PDF and as Markdown through the native dialog.
        js(&client, "document.querySelector('#brief-format').value = 'pdf';").await;
        click(&client, "[data-action='brief-save']").await;
        answer_file_dialog("Save the brief", FileDialogKind::Save, &pdf_path).await;
        wait_for_text(&client, "[data-field='brief-status']", "Saved to").await;
        js(&client, "document.querySelector('#brief-format').value = 'md';").await;
        click(&client, "[data-action='brief-save']").await;
        answer_file_dialog("Save the brief", FileDialogKind::Save, &md_path).await;
        wait_until(
            &client,
            "the Markdown brief saved",
            &format!(
                "return document.querySelector(\"[data-field='brief-status']\").textContent.includes({:?});",
                md_path.display().to_string()
            ),
        )
        .await;

        // A private note goes in only when ticked, for that brief.
        js(&client, "document.querySelector(\"[data-field='brief-include']\").open = true;").await;
        let tick = format!(
            "const row = [...document.querySelectorAll(\"[data-field='brief-candidates'] label\")].find((l) => l.textContent.includes({PRIVATE:?}));\
             row.querySelector('input').click(); return true;"
        );
        js(&client, &tick).await;
        js(&client, "document.querySelector('#brief-format').value = 'html';").await;
        click(&client, "[data-action='brief-save']").await;
        answer_file_dialog("Save the brief", FileDialogKind::Save, &html_path).await;
        wait_until(
            &client,
            "the HTML brief saved",
            &format!(
                "return document.querySelector(\"[data-field='brief-status']\").textContent.includes({:?});",
                html_path.display().to_string()
            ),
        )
        .await;

        // Presented to the managers, with the date to decide again.
        js(&client, "document.querySelector(\"[data-field='present-record']\").open = true;").await;
        type_into(&client, "#presented-to", "both our directors").await;
        type_into(&client, "#presented-said", "Try it for a quarter").await;
        set_date_today(&client, "#presented-again").await;
        click(&client, "[data-form='presented'] button[type='submit']").await;
        wait_for_text(&client, "[data-field='problem-presentations']", "both our directors").await;
        wait_for(&client, ".step--current [data-stage='decide_again']").await;
        assert!(text(&client, ".step--current")
            .await
            .contains("Decide again on"));
        js(
            &client,
            "document.querySelector('[data-field=main]').scrollTop = 0;",
        )
        .await;
        screenshot(&client, "76-problem").await;
        js(
            &client,
            "document.querySelector('.present-block').scrollIntoView({block: 'start'}); document.scrollingElement.scrollTop = 0;",
        )
        .await;
        screenshot(&client, "76-problem-presented").await;

        // Dana becomes a partner from the problem screen, and stays the ally.
        click(&client, "[data-field='problem-allies'] [data-promote-person]").await;
        wait_for_dialog(&client, "confirm").await;
        click(&client, "[data-dialog='confirm'] [data-action='confirm-yes']").await;
        wait_until(
            &client,
            "Dana a partner",
            "return document.querySelector(\"[data-field='problem-allies']\").textContent.includes('Dana Ortiz')\
               && !document.querySelector(\"[data-field='problem-allies'] .ally-tag\");",
        )
        .await;

        // It is listed on the partner page, and Home opens it when its date comes.
        click(&client, "[data-field='problem-crumbs'] [data-partner-id]").await;
        wait_for_view(&client, "partner").await;
        wait_for_text(&client, "[data-field='partner-problems']", PROBLEM).await;
        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        wait_for(&client, ".home-row-open[data-type='problem']").await;
        click(&client, ".home-row-open[data-type='problem']").await;
        wait_for_view(&client, "problem").await;
        wait_for_text(&client, "[data-field='problem-view-title']", PROBLEM).await;
        assert_eq!(count(&client, ".option-item").await, 1);
        // The worksheet is there when the problem opens again.
        let mine = js(&client, "return document.querySelector('#view-mine').value;").await;
        assert!(mine.to_string().contains("Nothing ships"), "{mine}");
    })
    .await;

    let brief = std::fs::read_to_string(&markdown).expect("the Markdown brief");
    for expected in [
        PROBLEM,
        "Nothing ships",
        "Quality gets every change",
        "It matters to: customers, the QA team, the directors",
        "A shared weekly triage",
        "for me: Fewer surprises",
        ALLY,
        NEW_ALLY,
        "Ask her at the staff meeting",
    ] {
        assert!(
            brief.contains(expected),
            "{expected:?} missing from the brief:\n{brief}"
        );
    }
    assert!(
        !brief.contains(PRIVATE),
        "a private note reached the brief:\n{brief}"
    );
    let bytes = std::fs::read(&pdf).expect("the PDF brief");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
}

/// From the meeting screen, a new problem is linked to the meeting (dark mode).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_problem_from_the_meeting_is_linked_to_it_in_dark_mode() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir).dark(), |client| async move {
        prepare_from_home(&client, "76-dark").await;
        click(&client, "[data-action='meeting-new-problem']").await;
        wait_for_dialog(&client, "new-problem").await;
        type_into(&client, "#new-problem-input", PROBLEM).await;
        press(&client, &crate::driver::enter()).await;
        wait_for_view(&client, "problem").await;
        wait_for(&client, "[data-field='problem-meetings'] [data-meeting-id]").await;
        // Moving on without the views, because the person says so.
        click(&client, "[data-stage='options']").await;
        wait_for(&client, "[data-field='problem-gate']:not([hidden])").await;
        click(&client, "[data-action='problem-anyway']").await;
        wait_for(&client, ".step--current [data-stage='options']").await;
        type_into(&client, "#option-text", "A WIP limit of three per team").await;
        press(&client, &crate::driver::enter()).await;
        wait_for(&client, ".option-item").await;
        screenshot(&client, "76-dark-problem").await;

        // The linked meeting opens from the problem, and its "both views" step opens the
        // problem's worksheet again.
        click(&client, "[data-field='problem-meetings'] [data-meeting-id]").await;
        wait_for_view(&client, "meeting").await;
        wait_for_text(
            &client,
            ".agenda-section[data-section='The problem'] .worksheet-links",
            PROBLEM,
        )
        .await;
        click(
            &client,
            ".agenda-section[data-section='The problem'] [data-open-problem]",
        )
        .await;
        wait_for_view(&client, "problem").await;
        wait_for_text(&client, "[data-field='problem-view-title']", PROBLEM).await;
    })
    .await;
}

/// A check-in and an item's notes typed and not yet saved (still focused) are kept when the vault
/// locks, and are on the meeting screen after unlocking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_notes_typed_and_not_saved_survive_a_lock() {
    const CHECK_IN: &str = "Priya is tired; the release slipped again.";
    const NOTES: &str = "She will bring the numbers.";
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        prepare_from_home(&client, "76").await;
        focus_item(&client, peer::ACTION).await;
        press(&client, "n").await;
        press(&client, NOTES).await;
        type_into(&client, "[data-field='check-in']", CHECK_IN).await;
        // Locked at once: neither field has lost focus or waited its moment.
        press(&client, &crate::driver::ctrl("l")).await;
        wait_for_screen(&client, "locked").await;
        click(&client, "[data-action='unlock-keychain']").await;
        wait_for_screen(&client, "journal").await;

        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        // The meeting prepared above is the last row, under "Next meetings".
        wait_for(&client, ".home-row-open[data-type='meeting']").await;
        js(
            &client,
            "const rows = document.querySelectorAll(\".home-row-open[data-type='meeting']\"); \
             rows[rows.length - 1].click();",
        )
        .await;
        wait_for_view(&client, "meeting").await;
        let check_in = js(
            &client,
            "return document.querySelector('[data-field=check-in]').value;",
        )
        .await;
        assert_eq!(check_in, serde_json::json!(CHECK_IN));
        let notes = js(
            &client,
            "return [...document.querySelectorAll('.agenda-notes')].map((n) => n.value).join('|');",
        )
        .await;
        assert!(
            notes.as_str().unwrap_or_default().contains(NOTES),
            "the item's notes: {notes}"
        );
    })
    .await;
}

/// A planned meeting whose time passed without being marked held is asked about on Home: moved
/// to another time it goes to "Next meetings"; marked held it is no longer asked about.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_asks_whether_a_lapsed_meeting_happened() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;
    let dir = data_dir.clone();
    tokio::task::spawn_blocking(move || {
        use rapport_core::meetings::NewMeeting;
        use rapport_core::{OsKeychain, Unlock, Vault};
        let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open");
        let priya = vault.find_partner(peer::PARTNER).expect("Priya");
        for days in [2, 5] {
            let at = Utc::now() - chrono::Duration::days(days);
            vault
                .create_meeting(
                    NewMeeting {
                        partners: vec![priya],
                        at,
                        template: None,
                        signals: None,
                        purpose: String::new(),
                        minutes: None,
                    },
                    at - chrono::Duration::days(1),
                )
                .expect("plan a meeting that then lapses");
        }
    })
    .await
    .unwrap();

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        wait_for(&client, ".home-row-answers").await;
        assert_eq!(count(&client, ".home-row-answers").await, 2);
        screenshot(&client, "77-home-lapsed").await;

        // The newest: moved to tomorrow.
        click(&client, ".home-row-answers [data-lapsed-answer='move']").await;
        js(
            &client,
            "const d = new Date(Date.now() + 86400000); d.setMinutes(0, 0, 0); \
             const p = (n) => String(n).padStart(2, '0'); \
             document.querySelector('.home-row-move input').value = \
             `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:00`;",
        )
        .await;
        click(&client, ".home-row-answers [data-lapsed-answer='move-to']").await;
        wait_until(
            &client,
            "one meeting left to ask about",
            "return document.querySelectorAll('.home-row-answers').length === 1;",
        )
        .await;
        let home = text(&client, "[data-field='home-groups']")
            .await
            .to_lowercase();
        assert!(home.contains("next meetings"), "{home}");

        // The older one: it was held.
        click(&client, ".home-row-answers [data-lapsed-answer='held']").await;
        wait_until(
            &client,
            "nothing left to ask about",
            "return document.querySelectorAll('.home-row-answers').length === 0;",
        )
        .await;
    })
    .await;
}

/// The agenda shared with the peer from the meeting screen: a purpose and a length, the
/// invitation saved through the native dialog (a calendar file without the check-in), the
/// Markdown copied; a meeting marked held by mistake is reopened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agenda_is_shared_with_the_peer_and_a_held_meeting_reopened() {
    const CHECK_IN: &str = "Priya sounded exhausted on the phone";
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;
    let invite = temp.path().join("invite.ics");
    let invite_path = invite.clone();

    with_app(Launch::new(&data_dir), |client| async move {
        prepare_from_home(&client, "77").await;
        type_into(&client, "[data-field='check-in']", CHECK_IN).await;
        type_into(&client, "#meeting-purpose", "WIP across our teams").await;
        js(
            &client,
            "const s = document.querySelector('#meeting-minutes'); s.value = '30'; s.dispatchEvent(new Event('change', {bubbles: true}));",
        )
        .await;
        wait_until(
            &client,
            "the purpose and length kept",
            "return document.querySelector('#meeting-minutes').value === '30' && !document.activeElement?.matches?.('#meeting-purpose') || true;",
        )
        .await;
        type_into(&client, "#meeting-guest", "Dana Ortiz").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(&client, "[data-field='guest-list']", "Dana Ortiz").await;
        // How are we doing: kept with the meeting, never in what is shared.
        js(
            &client,
            "document.querySelector('.pulse-option input[value=\"2\"]').click(); return true;",
        )
        .await;
        wait_for(&client, "[data-action='pulse-clear']:not([hidden])").await;
        js(
            &client,
            "document.querySelector('.pulse-option input[value=\"4\"]').click(); return true;",
        )
        .await;
        wait_until(
            &client,
            "the pulse is 4",
            "return document.querySelector('.pulse-option input[value=\"4\"]').checked;",
        )
        .await;
        js(
            &client,
            "document.querySelector('[data-field=pulse-block]').scrollIntoView({ block: 'center' }); return true;",
        )
        .await;
        screenshot(&client, "77-meeting-pulse").await;
        click(&client, "[data-action='share-ics']").await;
        answer_file_dialog("Save the agenda", FileDialogKind::Save, &invite_path).await;
        wait_for_text(&client, "[data-field='share-status']", "Saved to").await;
        click(&client, "[data-action='share-copy']").await;
        wait_until(
            &client,
            "the agenda copied, or the reason it could not be",
            "const s = document.querySelector(\"[data-field='share-status']\").textContent;\
             const e = document.querySelector(\"[data-field='meeting-error']\");\
             return s.includes('Copied') || (e && !e.hidden && e.textContent.length > 0);",
        )
        .await;
        let copied = text(&client, "[data-field='share-status']").await;
        let error = text(&client, "[data-field='meeting-error']").await;
        assert!(copied.contains("Copied"), "the copy failed: {copied} {error}");
        js(
            &client,
            "document.querySelector('[data-field=main]').scrollTop = 0;",
        )
        .await;
        screenshot(&client, "77-meeting-share").await;

        // Held by mistake: reopened.
        click(&client, "[data-action='meeting-held']").await;
        wait_for(&client, "[data-action='meeting-reopen']:not([hidden])").await;
        click(&client, "[data-action='meeting-reopen']").await;
        wait_for(&client, "[data-action='meeting-held']:not([hidden])").await;
        assert_eq!(text(&client, "[data-field='meeting-status']").await, "Planned");
        let kept = js(
            &client,
            "return document.querySelector('.pulse-option input:checked')?.value;",
        )
        .await;
        assert_eq!(kept.as_str(), Some("4"), "the pulse survives a reopen");

        // The partner's page shows the trend.
        click(&client, "[data-field='meeting-crumbs'] [data-partner-id]").await;
        wait_for_view(&client, "partner").await;
        wait_until(
            &client,
            "the pulse trend on the partner page",
            "const t = document.querySelector('.pulse-trend'); return t && t.textContent.includes('4 of 5');",
        )
        .await;
        screenshot(&client, "77-partner-pulse").await;
    })
    .await;

    let ics = std::fs::read_to_string(&invite).expect("the invitation");
    assert!(!ics.contains("of 5"), "the pulse was shared: {ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("SUMMARY:WIP across our teams"), "{ics}");
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("30 minutes"), "{unfolded}");
    assert!(
        unfolded.contains("Dana Ortiz"),
        "the guest is not named: {unfolded}"
    );
    assert!(
        !unfolded.contains(CHECK_IN),
        "the check-in was shared: {unfolded}"
    );
}

/// On the meeting screen an agenda item is retyped and deleted, and an action and a decision
/// are changed and deleted, each after being asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agenda_items_actions_and_decisions_are_edited_and_deleted_in_the_window() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        prepare_from_home(&client, "78").await;
        // An item of this meeting's own, retyped, then deleted.
        type_into(&client, ".agenda-section[data-section='Options'] .add-item input", "Test environments").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(&client, ".agenda-section[data-section='Options']", "Test environments").await;
        js(
            &client,
            "const item = [...document.querySelectorAll('.agenda-item')].find((n) => n.textContent.includes('Test environments'));\
             item.querySelector(\"[data-item-action='edit']\").click(); return true;",
        )
        .await;
        wait_for(&client, "[data-edit-item] input[name='text']").await;
        js(&client, "document.querySelector(\"[data-edit-item] input[name='text']\").value = ''; return true;").await;
        type_into(&client, "[data-edit-item] input[name='text']", "Shared test environments").await;
        press(&client, &crate::driver::enter()).await;
        wait_for_text(&client, ".agenda-section[data-section='Options']", "Shared test environments").await;
        // A carried item offers no Delete: it is settled where it came from.
        let carried_delete = js(
            &client,
            "return [...document.querySelectorAll('.agenda-item[data-carried] [data-item-action=delete]')].every((b) => b.hidden);",
        )
        .await;
        assert_eq!(carried_delete, serde_json::json!(true));
        js(
            &client,
            "const item = [...document.querySelectorAll('.agenda-item')].find((n) => n.textContent.includes('Shared test environments'));\
             item.querySelector(\"[data-item-action='delete']\").click(); return true;",
        )
        .await;
        wait_for_dialog(&client, "confirm").await;
        click(&client, "[data-dialog='confirm'] [data-action='confirm-yes']").await;
        wait_until(
            &client,
            "the item gone",
            "return !document.querySelector('.agenda-sections, [data-field=agenda-sections]').textContent.includes('Shared test environments');",
        )
        .await;

        // An action captured, changed, then deleted.
        type_into(&client, "#action-text", "Book a room").await;
        click(&client, "[data-form='action'] button[type='submit']").await;
        wait_for_text(&client, "[data-field='action-list']", "Book a room").await;
        click(&client, "[data-field='action-list'] [data-capture-edit]").await;
        wait_for(&client, "[data-edit-action] input[name='text']").await;
        js(&client, "document.querySelector(\"[data-edit-action] select[name='owner']\").value = 'them'; return true;").await;
        click(&client, "[data-edit-action] button[type='submit']").await;
        wait_for_text(&client, "[data-field='action-list']", "Theirs").await;
        screenshot(&client, "78-meeting-edited").await;
        click(&client, "[data-field='action-list'] [data-capture-delete]").await;
        wait_for_dialog(&client, "confirm").await;
        click(&client, "[data-dialog='confirm'] [data-action='confirm-yes']").await;
        wait_for_text(&client, "[data-field='action-list']", "None yet").await;

        // A decision recorded open, then agreed.
        type_into(&client, "#decision-text", "Meet weekly until the release").await;
        js(&client, "document.querySelector('#decision-agreed').value = 'false'; return true;").await;
        click(&client, "[data-form='decision'] button[type='submit']").await;
        wait_for_text(&client, "[data-field='decision-list']", "Still open").await;
        click(&client, "[data-field='decision-list'] [data-capture-edit]").await;
        wait_for(&client, "[data-edit-decision] select[name='agreed']").await;
        js(&client, "document.querySelector(\"[data-edit-decision] select[name='agreed']\").value = 'true'; return true;").await;
        click(&client, "[data-edit-decision] button[type='submit']").await;
        wait_for_text(&client, "[data-field='decision-list']", "Agreed").await;
    })
    .await;
}

/// The template editor: a built-in template duplicated, renamed, its sections changed, made the
/// one peer meetings start from; the prepare dialog then preselects it, asks the peer signals,
/// and makes a cohort meeting with a second peer, which shows on both partners' pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_template_is_edited_and_a_cohort_meeting_starts_from_it() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault_with_ally(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        click(&client, "[data-action='settings']").await;
        wait_for_dialog(&client, "settings").await;
        click(&client, "[data-action='open-templates']").await;
        wait_for_view(&client, "templates").await;
        wait_for(&client, ".template-row").await;
        // Built-in: read only, until duplicated.
        js(&client, "[...document.querySelectorAll('.template-row')].find((b) => b.textContent.includes('Peer one-on-one')).click(); return true;").await;
        wait_for(&client, "[data-field='template-builtin']:not([hidden])").await;
        screenshot(&client, "79-templates-builtin").await;
        click(&client, "[data-action='template-duplicate']").await;
        wait_for_text(&client, "[data-field='template-status']", "Copied").await;
        js(&client, "document.querySelector('#template-name').value = ''; return true;").await;
        type_into(&client, "#template-name", "Peer sync").await;
        // Drop "Allies", add "Numbers".
        js(
            &client,
            "const row = [...document.querySelectorAll('.template-section')].find((r) => r.querySelector('[name=title]').value === 'Allies');\
             row.querySelector(\"[data-section-action='remove']\").click(); return true;",
        )
        .await;
        click(&client, "[data-action='template-add-section']").await;
        press(&client, "Numbers").await;
        click(&client, "[data-action='template-save']").await;
        wait_for_text(&client, "[data-field='template-status']", "Saved").await;
        wait_for_text(&client, "[data-field='template-list']", "Peer sync").await;
        // Peer meetings start from it now.
        click(&client, "[data-field='template-defaults'] [data-relationship='peer']").await;
        wait_for_text(&client, "[data-field='template-status']", "Peer meetings start from it").await;
        screenshot(&client, "79-templates").await;

        // Preparing with Priya preselects it and asks the signals; Marco joins.
        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        click(&client, ".home-row-open[data-type='partner']").await;
        wait_for_view(&client, "partner").await;
        click(&client, "[data-action='prepare-meeting']").await;
        wait_for_dialog(&client, "prepare").await;
        let chosen = js(&client, "const s = document.querySelector('#prepare-template'); return s.options[s.selectedIndex].textContent;").await;
        assert_eq!(chosen, serde_json::json!("Peer sync"));
        wait_for(&client, "[data-field='prepare-signals']:not([hidden])").await;
        js(&client, "document.querySelector(\"[data-field='prepare-others-block']\").open = true; return true;").await;
        let marco = format!(
            "const box = [...document.querySelectorAll(\"[data-field='prepare-others'] label\")].find((l) => l.textContent.includes({ALLY:?})).querySelector('input'); box.click(); return box.checked;"
        );
        assert_eq!(js(&client, &marco).await, serde_json::json!(true));
        screenshot(&client, "79-prepare-cohort").await;
        click(&client, "[data-action='prepare-submit']").await;
        wait_for_view(&client, "meeting").await;
        let title = text(&client, "[data-field='meeting-title']").await;
        assert!(title.contains(peer::PARTNER) && title.contains(ALLY), "{title}");
        wait_for(&client, ".agenda-section[data-section='Numbers']").await;
        assert_eq!(count(&client, ".agenda-section[data-section='Allies']").await, 0);

        // The cohort meeting shows on Marco's page too.
        click(&client, "[data-field='meeting-crumbs'] [data-partner-id]:last-of-type").await;
        wait_for_view(&client, "partner").await;
        wait_for(&client, "[data-field='partner-meetings'] .meeting-row").await;
    })
    .await;
}

/// Home → every open action (mine, theirs, overdue), the decision log found by words, and the
/// problems; the decision is also found by the search palette, and opens its meeting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_actions_the_decision_log_and_problems_are_listed_and_found() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = peer_vault(temp.path().to_path_buf()).await;

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &crate::driver::ctrl("0")).await;
        wait_for_view(&client, "home").await;
        click(&client, "[data-action='open-followups']").await;
        wait_for_view(&client, "followups").await;
        wait_for_text(&client, "[data-field='followups-list']", peer::ACTION).await;
        assert!(text(&client, "[data-field='followups-list']").await.contains("overdue"));
        let choose = |which: &'static str| {
            format!("const s = document.querySelector('#followups-which'); s.value = '{which}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;")
        };
        js(&client, &choose("mine")).await;
        wait_for_text(&client, "[data-field='followups-list']", "Nothing here").await;
        js(&client, &choose("theirs")).await;
        wait_for_text(&client, "[data-field='followups-list']", peer::ACTION).await;
        screenshot(&client, "80-followups-actions").await;

        click(&client, "[data-followups-tab='decisions']").await;
        wait_for_text(&client, "[data-field='followups-list']", peer::DECISION).await;
        type_into(&client, "#followups-text", "nothing like this").await;
        wait_for_text(&client, "[data-field='followups-list']", "Nothing here").await;
        js(&client, "const i = document.querySelector('#followups-text'); i.value = 'work in progress'; i.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
        wait_for_text(&client, "[data-field='followups-list']", peer::DECISION).await;
        click(&client, "[data-field='followups-list'] [data-open-kind='meeting']").await;
        wait_for_view(&client, "meeting").await;

        // The palette finds the decision by its words, and opens the meeting it was made in.
        press(&client, &crate::driver::ctrl("k")).await;
        wait_for(&client, "[data-dialog='palette'][open]").await;
        press(&client, "three items per team").await;
        wait_for(&client, ".hit[data-type='decision']").await;
        screenshot(&client, "80-palette-decision").await;
    })
    .await;
}
