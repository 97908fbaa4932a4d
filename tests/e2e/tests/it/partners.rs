//! Partners over years: a relationship's history entered from memory, corrected and removed in
//! the partner's history dialog; support both ways; the story of a partnership.

use crate::checks::texts;
use crate::driver::{
    answer_file_dialog, click, ctrl, ctrl_shift, enter, escape, js, press, screenshot, text,
    type_into, wait_dialog_closed, wait_for, wait_for_dialog, wait_for_screen, wait_for_text,
    wait_for_view, wait_until, with_app, FileDialogKind, Launch,
};
use crate::seed;

/// Sets a field of the history form as a person's choice would, with the event it sends.
async fn set(client: &fantoccini::Client, name: &str, value: &str) {
    js(
        client,
        &format!(
            "const input = document.querySelector('[data-form=spell]').elements.namedItem({name:?});\
             input.value = {value:?}; input.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             input.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
        ),
    )
    .await;
}

/// A keychain vault in `parent`, filled by `fill` as of now.
async fn seeded(
    parent: &std::path::Path,
    fill: fn(&std::path::Path, chrono::DateTime<chrono::Utc>),
) -> std::path::PathBuf {
    let parent = parent.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        fill(&dir, chrono::Utc::now());
        dir
    })
    .await
    .unwrap()
}

/// From the first screen to the page of the vault's one partner.
async fn open_the_partner(client: &fantoccini::Client) {
    wait_for_screen(client, "journal").await;
    press(client, &ctrl("2")).await;
    wait_for_view(client, "partners").await;
    click(client, ".partner-card").await;
    wait_for_view(client, "partner").await;
}

/// Fills the open history form and saves it with Ctrl+Enter.
async fn save_spell(client: &fantoccini::Client, fields: &[(&str, &str)]) {
    for (name, value) in fields {
        set(client, name, value).await;
    }
    js(
        client,
        "document.querySelector('[data-form=spell]').elements.namedItem('started').focus(); return true;",
    )
    .await;
    press(client, &ctrl(&enter())).await;
}

/// A mentor of thirteen years, entered from memory: they were a report, then a peer, then a
/// mentor; a spell that overlaps another is refused with what was typed kept; the current
/// relationship's start is corrected; a role is added and removed after a question. The
/// partner's page shows the history, newest first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relationship_over_years_is_entered_from_memory() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || seed::keychain_vault(&parent))
        .await
        .unwrap();
    const RELATIONSHIPS: &str = "[data-field='history-relationships'] .history-spell-what";

    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;
        press(&client, &ctrl_shift("n")).await;
        wait_for_dialog(&client, "partner-form").await;
        type_into(&client, "#partner-name-input", "Mike Chen").await;
        type_into(&client, "#partner-cadence-input", "14").await;
        js(
            &client,
            "document.querySelector('#partner-relationship-input').value = 'mentor'; return true;",
        )
        .await;
        press(&client, &ctrl(&enter())).await;
        wait_for_view(&client, "partner").await;

        click(&client, "[data-action='edit-history']").await;
        wait_for_dialog(&client, "history").await;
        assert_eq!(texts(&client, RELATIONSHIPS).await, ["Mentor"]);

        click(&client, "[data-action='history-add-relationship']").await;
        wait_for(&client, "[data-form='spell']:not([hidden])").await;
        save_spell(
            &client,
            &[
                ("relationship", "report"),
                ("started", "2013-03-01"),
                ("ended", "2016-07-01"),
            ],
        )
        .await;
        wait_until(
            &client,
            "the report spell is listed, oldest last",
            &format!("return [...document.querySelectorAll({RELATIONSHIPS:?})].map((n) => n.textContent).join() === 'Mentor,Report';"),
        )
        .await;
        assert!(
            js(&client, "return document.querySelector('[data-form=spell]').hidden;")
                .await
                .as_bool()
                .unwrap(),
            "the form closes once the spell is in"
        );

        click(&client, "[data-action='history-add-relationship']").await;
        save_spell(
            &client,
            &[
                ("relationship", "peer"),
                ("started", "2016-07-01"),
                ("ended", "2020-01-01"),
            ],
        )
        .await;
        wait_until(
            &client,
            "three spells",
            &format!("return document.querySelectorAll({RELATIONSHIPS:?}).length === 3;"),
        )
        .await;

        // An overlap is refused: the form says which spell it overlaps and keeps its values.
        click(&client, "[data-action='history-add-relationship']").await;
        save_spell(
            &client,
            &[
                ("relationship", "manager"),
                ("started", "2015-01-01"),
                ("ended", "2017-01-01"),
            ],
        )
        .await;
        wait_for(&client, "[data-field='spell-error']:not([hidden])").await;
        let error = text(&client, "[data-field='spell-error']").await;
        assert!(
            error.contains("overlaps the spell from 2013-03-01 to 2016-07-01"),
            "{error}"
        );
        let kept = js(
            &client,
            "return document.querySelector('[data-form=spell]').elements.namedItem('started').value;",
        )
        .await;
        assert_eq!(kept.as_str(), Some("2015-01-01"));
        screenshot(&client, "46-history-refused").await;
        click(&client, "[data-action='spell-cancel']").await;

        // The current relationship began in 2020: its start is corrected; its end stays open.
        click(
            &client,
            "[data-field='history-relationships'] .history-spell--current [data-action='spell-correct']",
        )
        .await;
        wait_for(&client, "[data-form='spell']:not([hidden])").await;
        let end_locked = js(
            &client,
            "return document.querySelector('[data-form=spell]').elements.namedItem('ended').disabled;",
        )
        .await;
        assert_eq!(end_locked.as_bool(), Some(true));
        save_spell(&client, &[("started", "2020-01-01")]).await;
        wait_until(
            &client,
            "the current spell since 2020",
            "return document.querySelector('[data-field=history-relationships] .history-spell--current .history-spell-span').textContent.includes('2020');",
        )
        .await;

        // A past role, added and then removed after a question.
        click(&client, "[data-action='history-add-role']").await;
        save_spell(
            &client,
            &[
                ("role", "Director"),
                ("organisation", "Initech"),
                ("started", "2013-03-01"),
                ("ended", "2016-07-01"),
            ],
        )
        .await;
        wait_for(&client, "[data-field='history-roles'] [data-spell-id]").await;
        screenshot(&client, "47-history-dialog").await;
        click(
            &client,
            "[data-field='history-roles'] [data-action='spell-remove']",
        )
        .await;
        wait_for_dialog(&client, "confirm").await;
        let question = text(&client, "[data-dialog='confirm']").await;
        assert!(question.contains("Director at Initech"), "{question}");
        click(&client, "[data-action='confirm-yes']").await;
        wait_dialog_closed(&client, "confirm").await;
        wait_until(
            &client,
            "the role is gone",
            "return !document.querySelector('[data-field=history-roles] [data-spell-id]');",
        )
        .await;

        // A year of leave pauses the cadence: the card says so until it is ended today.
        click(&client, "[data-action='history-add-pause']").await;
        wait_for(&client, "[data-form='spell']:not([hidden])").await;
        assert_eq!(text(&client, "[data-field='spell-ended-label']").await, "Back on");
        save_spell(&client, &[("reason", "leave"), ("started", "2026-01-05")]).await;
        wait_for(&client, "[data-field='history-pauses'] [data-action='pause-resume']").await;
        wait_until(
            &client,
            "the cadence card says paused",
            "return document.querySelector('[data-field=cadence-facts]').textContent.includes('Paused · leave');",
        )
        .await;
        screenshot(&client, "49-history-pause").await;
        click(&client, "[data-field='history-pauses'] [data-action='pause-resume']").await;
        wait_until(
            &client,
            "the pause ended today and the cadence counts again",
            "return !document.querySelector('[data-field=history-pauses] [data-action=pause-resume]')\
               && document.querySelector('[data-field=history-pauses] .history-spell-span').textContent.includes('back on')\
               && !document.querySelector('[data-field=cadence-facts]').textContent.includes('Paused');",
        )
        .await;

        click(&client, "[data-action='history-done']").await;
        wait_dialog_closed(&client, "history").await;
        let shown = js(
            &client,
            "return getComputedStyle(document.querySelector('[data-dialog=history]')).display;",
        )
        .await;
        assert_eq!(shown.as_str(), Some("none"), "a closed dialog takes no room on the page");
        // The partner's page shows the history, newest first.
        assert_eq!(
            texts(&client, "[data-field='partner-relationships'] .role-title").await,
            ["Mentor", "Peer", "Report"]
        );
        js(
            &client,
            "document.querySelector('[data-field=partner-relationships]').scrollIntoView({ block: 'center' }); return true;",
        )
        .await;
        screenshot(&client, "48-partner-history").await;
    })
    .await;
}

/// Support both ways: Ana's page shows what was noted per year; support received is noted from
/// her page, support given from a meeting with her; support with no partner linked is refused
/// with the text kept. The timeline says which way each went.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_both_ways_is_noted_from_the_partner_page_and_a_meeting() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = seeded(temp.path(), seed::add_support_history).await;
    const TOTALS: &str = "[data-field='support-totals']";

    with_app(Launch::new(&data_dir), move |client| async move {
        open_the_partner(&client).await;
        wait_for_text(
            &client,
            TOTALS,
            "You supported them 1 time · they supported you 1 time",
        )
        .await;
        assert_eq!(
            crate::driver::count(&client, "[data-field='support-years'] .support-year").await,
            2,
            "two years with support, one row each"
        );

        // Noted from her page: the editor opens linked to her, as support received.
        click(&client, "[data-action='support-received']").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(
            texts(&client, "[data-field='editor-partner-tokens'] .token-label").await,
            [seed::SUPPORT_PARTNER]
        );
        let chosen = js(&client, "return document.querySelector('#editor-support').value;").await;
        assert_eq!(chosen.as_str(), Some("received:covered"));
        type_into(
            &client,
            "#editor-body",
            "Ana took the incident call so I could leave for the hospital",
        )
        .await;
        screenshot(&client, "95-editor-support").await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for_text(&client, TOTALS, "they supported you 2 times").await;
        wait_for_text(
            &client,
            "[data-timeline='partner'] .entry-support",
            "They covered for you",
        )
        .await;

        // Support with nobody linked is refused; what was typed stays.
        click(&client, "[data-action='support-given']").await;
        wait_for_dialog(&client, "editor").await;
        click(&client, "[data-field='editor-partner-tokens'] .token-remove").await;
        type_into(&client, "#editor-body", "Spoke up for her at the review").await;
        press(&client, &ctrl(&enter())).await;
        wait_for(&client, "[data-field='editor-error']:not([hidden])").await;
        let error = text(&client, "[data-field='editor-error']").await;
        assert!(error.contains("link the partner too"), "{error}");
        let kept = js(&client, "return document.querySelector('#editor-body').value;").await;
        assert_eq!(kept.as_str(), Some("Spoke up for her at the review"));
        press(&client, &escape()).await;
        wait_for(&client, "[data-field='editor-discard']:not([hidden])").await;
        click(&client, "[data-action='editor-discard']").await;
        wait_dialog_closed(&client, "editor").await;

        // Noted from the meeting: linked to the meeting's partner, as support given.
        js(
            &client,
            "document.querySelector('[aria-labelledby=support-title]').scrollIntoView({ block: 'center' }); return true;",
        )
        .await;
        screenshot(&client, "95-partner-support").await;
        click(&client, "[data-field='partner-meetings'] .meeting-row").await;
        wait_for_view(&client, "meeting").await;
        click(&client, "[data-action='meeting-support-given']").await;
        wait_for_dialog(&client, "editor").await;
        assert_eq!(
            texts(&client, "[data-field='editor-partner-tokens'] .token-label").await,
            [seed::SUPPORT_PARTNER]
        );
        js(
            &client,
            "const select = document.querySelector('#editor-support'); select.value = 'given:advocated';\
             select.dispatchEvent(new Event('change', { bubbles: true })); return true;",
        )
        .await;
        type_into(
            &client,
            "#editor-body",
            "Made the case for Ana's team to keep the platform work",
        )
        .await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        js(
            &client,
            "document.querySelector('[aria-labelledby=meeting-support-label]').scrollIntoView({ block: 'center' }); return true;",
        )
        .await;
        screenshot(&client, "95-meeting-support").await;

        click(&client, "[data-field='meeting-crumbs'] [data-partner-id]").await;
        wait_for_view(&client, "partner").await;
        wait_for_text(&client, TOTALS, "You supported them 2 times").await;
        wait_for_text(
            &client,
            "[data-timeline='partner'] .entry-support",
            "You advocated for them",
        )
        .await;
        js(
            &client,
            "document.querySelector('[data-timeline=partner]').scrollIntoView({ block: 'start' }); return true;",
        )
        .await;
        screenshot(&client, "95-partner-timeline").await;
    })
    .await;
}

/// A mentor of thirteen years reads as one story: every year newest first, what changed, the
/// meetings and the support, highlights read as the years scroll into view; saved as PDF and as
/// Markdown, the private side only when it is included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partnerships_story_reads_year_by_year_and_is_saved() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = seeded(temp.path(), seed::add_mentor_story).await;
    let out = temp.path().join("saved");
    std::fs::create_dir_all(&out).unwrap();
    let (pdf, shared, private) = (
        out.join("mike.pdf"),
        out.join("mike.md"),
        out.join("mike-private.md"),
    );
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let saved = (pdf.clone(), shared.clone(), private.clone());

    with_app(Launch::new(&data_dir), move |client| async move {
        let (pdf, shared, private) = saved;
        open_the_partner(&client).await;
        click(&client, "[data-action='open-story']").await;
        wait_for_view(&client, "story").await;
        wait_for_text(
            &client,
            "[data-field='story-title']",
            "Mike Chen: 13 years working together",
        )
        .await;
        assert_eq!(
            crate::driver::count(&client, ".story-year").await,
            6,
            "the first screen: the latest six years"
        );
        let newest = texts(&client, ".story-year-label").await;
        assert_eq!(newest.first(), Some(&this_year.to_string()), "newest first");
        // The latest year with highlights has them once it is in view.
        let last_full = this_year - 1;
        wait_for(
            &client,
            &format!(".story-year[data-year='{last_full}'] .story-highlight"),
        )
        .await;
        screenshot(&client, "96-story").await;

        // Scrolled back, the earlier years are read, down to the first, and the oldest year's
        // highlights when it comes into view.
        let first = this_year - 13;
        js(
            &client,
            "document.querySelector('.story-earlier').scrollIntoView({ block: 'end' }); return true;",
        )
        .await;
        wait_until(
            &client,
            "every year from the first to this one",
            "return document.querySelectorAll('.story-year').length === 14 && !document.querySelector('.story-earlier');",
        )
        .await;
        js(
            &client,
            "document.querySelector('.story-year:last-child').scrollIntoView({ block: 'end' }); return true;",
        )
        .await;
        wait_for(
            &client,
            &format!(".story-year[data-year='{first}'] .story-highlight"),
        )
        .await;
        wait_for_text(
            &client,
            &format!(".story-year[data-year='{}'] .story-milestones", first + 4),
            "Peer (was Report)",
        )
        .await;
        js(
            &client,
            &format!("document.querySelector(\".story-year[data-year='{}']\").scrollIntoView({{ block: 'start' }}); return true;", first + 4),
        )
        .await;
        screenshot(&client, "96-story-end").await;

        // Saved: as PDF, as Markdown without the private side, and with it when ticked.
        click(&client, "[data-action='story-save-pdf']").await;
        answer_file_dialog("Save the story", FileDialogKind::Save, &pdf).await;
        wait_for_text(&client, "[data-field='story-status']", "Saved to").await;
        click(&client, "[data-action='story-save-md']").await;
        answer_file_dialog("Save the story", FileDialogKind::Save, &shared).await;
        wait_for_text(&client, "[data-field='story-status']", "mike.md").await;
        click(&client, "[data-field='story-private']").await;
        click(&client, "[data-action='story-save-md']").await;
        answer_file_dialog("Save the story", FileDialogKind::Save, &private).await;
        wait_for_text(&client, "[data-field='story-status']", "with the private side").await;

        click(&client, "[data-action='story-partner']").await;
        wait_for_view(&client, "partner").await;
    })
    .await;

    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // Kept to be looked at, as the screenshots are.
    std::fs::copy(&pdf, crate::driver::artifacts_dir().join("96-story.pdf")).unwrap();
    // Thirteen years on two pages, with nothing private (poppler-utils, scripts/install-deps.sh).
    let poppler = |tool: &str, to_stdout: &[&str]| {
        let output = std::process::Command::new(tool)
            .arg(&pdf)
            .args(to_stdout)
            .output()
            .unwrap_or_else(|e| {
                panic!("could not run {tool} (apt-get install poppler-utils): {e}")
            });
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let info = poppler("pdfinfo", &[]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 2")),
        "{info}"
    );
    let text = poppler("pdftotext", &["-"]);
    assert!(text.contains("Mike Chen: 13 years working"), "{text}");
    assert!(!text.contains(seed::STORY_PRIVATE), "{text}");
    let shared = std::fs::read_to_string(&shared).unwrap();
    assert!(
        shared.starts_with("# Mike Chen: 13 years working together"),
        "{shared}"
    );
    assert!(shared.contains("## Year by year"), "{shared}");
    assert!(!shared.contains(seed::STORY_PRIVATE), "{shared}");
    let private = std::fs::read_to_string(&private).unwrap();
    assert!(private.contains(seed::STORY_PRIVATE), "{private}");
}

/// Reflections over time: a prompt's card says how often it was answered about Grace; its
/// answers read side by side, newest first; "Answer again" writes one tagged as its answer, and
/// the card counts it. The quarterly reminder to reflect is a setting, off until turned on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prompts_answers_are_read_side_by_side_and_answered_again() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = seeded(temp.path(), seed::add_reflections).await;
    const BOARD: &str = "[data-prompt-answers='sounding-board']";

    with_app(Launch::new(&data_dir), move |client| async move {
        open_the_partner(&client).await;
        wait_for_text(&client, BOARD, "Your 2 answers, last").await;
        assert!(
            !crate::driver::is_displayed(&client, "[data-prompt-answers='equals']").await,
            "a prompt never answered says nothing"
        );
        click(&client, BOARD).await;
        wait_for_dialog(&client, "answers").await;
        let answers = texts(&client, ".answers-text").await;
        assert_eq!(
            answers,
            [
                "Grace first now. She tells me what I would rather not hear.",
                "Grace, for anything about the org; I still go to my manager first."
            ],
            "newest first, without the prompt"
        );
        screenshot(&client, "97-answers").await;

        click(&client, "[data-action='answers-again']").await;
        wait_for_dialog(&client, "editor").await;
        let tags = js(
            &client,
            "return document.querySelector('#editor-tags').value;",
        )
        .await;
        assert_eq!(tags.as_str(), Some("reflect-sounding-board, "));
        type_into(
            &client,
            "#editor-body",
            "Grace and Sam now: two views are better than one.",
        )
        .await;
        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for_text(&client, BOARD, "Your 3 answers").await;

        // The quarterly reminder to reflect: off until turned on, and kept.
        click(&client, "[data-action='settings']").await;
        wait_for_dialog(&client, "settings").await;
        let on = js(
            &client,
            "return document.querySelector('#reminders-reflect').checked;",
        )
        .await;
        assert_eq!(on.as_bool(), Some(false));
        click(&client, "#reminders-reflect").await;
        let kept = js(
            &client,
            "return JSON.parse(localStorage.getItem('rapport.reminders')).reflect_quarterly;",
        )
        .await;
        assert_eq!(kept.as_bool(), Some(true));
        screenshot(&client, "97-settings-reflect").await;
    })
    .await;
}
