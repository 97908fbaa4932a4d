//! What a person does with the app, screen by screen, with a screenshot of each.

use chrono::Utc;
use fantoccini::Client;
use rapport_core::{OsKeychain, RecoveryKey, Unlock};

use crate::driver::{
    click, count, ctrl, ctrl_shift, delete, dialog_open, enter, escape, find, is_displayed, js,
    page_text, press, screenshot, text, type_into, wait_dialog_closed, wait_for, wait_for_dialog,
    wait_for_screen, wait_for_text, wait_for_view, wait_gone, wait_until, with_app, Launch,
};
use crate::seed::{self, XSS_BODY, XSS_SCRIPT};

/// The Crockford base-32 alphabet the recovery key is written in.
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn is_recovery_key_shape(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 8
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| CROCKFORD.contains(c)))
}

/// No markup from a note, a name or a tag became an element, and no script ran.
async fn assert_no_injected_markup(client: &Client) {
    let injected = count(
        client,
        "main img, main script, dialog img, dialog script, .toasts img, .toasts script",
    )
    .await;
    assert_eq!(injected, 0, "user text must never become markup");
    assert!(
        client.get_alert_text().await.is_err(),
        "no script from user text may run"
    );
}

/// The texts of every element matching `selector`, in order.
async fn texts(client: &Client, selector: &str) -> Vec<String> {
    let script =
        format!("return [...document.querySelectorAll({selector:?})].map((n) => n.textContent);");
    serde_json::from_value(js(client, &script).await).unwrap_or_default()
}

/// First run with the system keychain, as a new user would go: create the vault, save the
/// recovery key, add a partner, write an entry about them from a reflection prompt, find it
/// with search, lock, unlock with one button, and find everything still there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_partner_entry_search_lock_unlock() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = temp.path().join("vault");
    let dir_text = data_dir.display().to_string();

    with_app(Launch::new(&data_dir), move |client| async move {
        // Welcome.
        wait_for_screen(&client, "welcome").await;
        assert_eq!(text(&client, "#welcome-title").await, "Welcome to Rapport");
        assert_eq!(
            text(&client, "[data-screen='welcome'] [data-field='data-dir']").await,
            dir_text
        );
        assert!(is_displayed(&client, "[data-action='choose-passphrase']").await);
        screenshot(&client, "01-welcome").await;

        // The passphrase choice explains itself, and the keychain is one click back.
        click(&client, "[data-action='choose-passphrase']").await;
        wait_for(&client, "[data-form='create-passphrase']:not([hidden])").await;
        assert!(text(&client, "[data-field='passphrase-why']")
            .await
            .contains("no keychain"));
        screenshot(&client, "02-welcome-passphrase").await;
        click(&client, "[data-action='choose-keychain']").await;
        wait_for(&client, "[data-field='welcome-keychain']:not([hidden])").await;

        // Recovery key, shown once.
        click(&client, "[data-action='create']").await;
        wait_for_screen(&client, "recovery").await;
        let key = text(&client, "[data-field='recovery-key']").await;
        assert!(is_recovery_key_shape(&key), "not a recovery key: {key:?}");
        assert!(RecoveryKey::parse(&key).is_ok());
        let confirm = find(&client, "[data-action='confirm-saved']").await;
        assert!(
            !confirm.is_enabled().await.unwrap(),
            "the journal must wait until the key is confirmed as saved"
        );
        assert!(is_displayed(&client, "[data-action='print-key']").await);
        assert!(is_displayed(&client, "[data-action='copy-key']").await);
        screenshot(&client, "03-recovery-key").await;

        click(&client, "[data-field='saved-confirm']").await;
        click(&client, "[data-action='confirm-saved']").await;
        wait_for_screen(&client, "journal").await;
        wait_for(&client, "[data-field='empty']:not([hidden])").await;
        let facts = text(&client, "[data-field='vault-facts']").await;
        assert!(facts.contains("Encrypted"), "{facts}");
        assert!(facts.contains("Keychain"), "{facts}");
        assert_eq!(
            text(&client, "[data-field='recovery-key']").await,
            "",
            "the recovery key must not stay in the page"
        );
        assert!(!page_text(&client).await.contains(&key));
        // The text face comes with the app (ui/fonts/): both weights on this screen were read
        // from the bundle, and the page is set in it.
        let faces = js(
            &client,
            "return [...document.fonts].filter((face) => face.status === 'loaded')
               .map((face) => `${face.family} ${face.weight} ${face.style}`);",
        )
        .await;
        for face in ["Inter 400 normal", "Inter 600 normal"] {
            assert!(
                faces
                    .as_array()
                    .is_some_and(|loaded| loaded.contains(&face.into())),
                "{face} is not loaded: {faces}"
            );
        }
        // The other scripts' half of the face is read only when text needs it (style.css).
        let other_read = js(
            &client,
            "return [...document.fonts].some((face) =>
               face.family === 'Inter Other' && face.status !== 'unloaded');",
        )
        .await;
        assert_eq!(
            other_read, false,
            "the other scripts' faces were read for a page in English"
        );
        let family = js(
            &client,
            "return getComputedStyle(document.body).fontFamily;",
        )
        .await;
        assert!(
            family
                .as_str()
                .is_some_and(|family| family.starts_with("Inter")),
            "{family}"
        );
        screenshot(&client, "04-empty-journal").await;

        // The help sheet lists the shortcuts.
        press(&client, "?").await;
        wait_for_dialog(&client, "help").await;
        let help = text(&client, "[data-field='help-groups']").await;
        for shortcut in ["New entry", "Search", "Lock now", "Add a partner", "Save"] {
            assert!(help.contains(shortcut), "the help sheet lacks {shortcut}");
        }
        screenshot(&client, "05-help").await;
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "help").await;

        // Add a partner.
        press(&client, &ctrl("2")).await;
        wait_for_view(&client, "partners").await;
        wait_for(&client, "[data-field='partners-empty']:not([hidden])").await;
        screenshot(&client, "06-partners-empty").await;
        click(
            &client,
            "[data-field='partners-empty'] [data-action='new-partner']",
        )
        .await;
        wait_for_dialog(&client, "partner-form").await;
        type_into(&client, "#partner-name-input", "Priya Raman").await;
        type_into(&client, "#partner-role-input", "Quality Director").await;
        type_into(&client, "#partner-org-input", "Acme").await;
        find(&client, "#partner-relationship-input")
            .await
            .select_by_value("cross_functional")
            .await
            .unwrap();
        type_into(&client, "#partner-cadence-input", "14").await;
        screenshot(&client, "07-partner-form").await;
        press(&client, &ctrl(&enter())).await;
        wait_for_view(&client, "partner").await;
        wait_for_text(&client, "[data-field='partner-name']", "Priya Raman").await;
        assert_eq!(
            text(&client, "[data-field='partner-role']").await,
            "Quality Director at Acme"
        );
        let facts = text(&client, "[data-field='partner-facts']").await;
        assert!(facts.contains("Cross-functional"), "{facts}");
        assert!(facts.contains("Meets every 2 weeks"), "{facts}");
        let prompts = texts(&client, ".prompt-text").await;
        assert_eq!(prompts.len(), 4, "{prompts:?}");
        assert!(prompts[1].contains("Who has my back"), "{prompts:?}");
        wait_for(&client, "[data-field='partner-empty']:not([hidden])").await;
        screenshot(&client, "08-partner-page").await;

        // Write an entry from a prompt: a reflection, linked to Priya, private.
        click(&client, "[data-prompt='has-my-back']").await;
        wait_for_dialog(&client, "editor").await;
        let body = js(
            &client,
            "return document.querySelector('#editor-body').value;",
        )
        .await;
        assert_eq!(
            body.as_str(),
            Some("Who has my back in a meeting if I have to step away?\n\n")
        );
        assert_eq!(
            js(
                &client,
                "return document.querySelector('input[name=kind]:checked').value;"
            )
            .await
            .as_str(),
            Some("reflection")
        );
        assert_eq!(
            texts(&client, "[data-field='editor-partner-tokens'] .token-label").await,
            ["Priya Raman"]
        );
        let privacy = texts(&client, "[data-field='share-explainer']")
            .await
            .join("");
        assert!(privacy.contains("Private by default"), "{privacy:?}");
        type_into(
            &client,
            "#editor-body",
            "Priya took the steering meeting when I was called away, and **covered** my part.",
        )
        .await;
        type_into(&client, "#editor-tags", "had-my-back, wi").await;
        screenshot(&client, "09-capture").await;
        type_into(&client, "#editor-tags", "p").await;

        // The Markdown preview is rendered in Rust.
        press(&client, &ctrl_shift("p")).await;
        wait_for(&client, "[data-field='editor-preview'] strong").await;
        assert_eq!(
            text(&client, "[data-field='editor-preview'] strong").await,
            "covered"
        );
        screenshot(&client, "10-capture-preview").await;

        press(&client, &ctrl(&enter())).await;
        wait_dialog_closed(&client, "editor").await;
        wait_for(&client, "[data-timeline='partner'] .entry").await;
        let bodies = texts(&client, "[data-timeline='partner'] .entry-body").await;
        assert_eq!(bodies.len(), 1);
        assert!(bodies[0].contains("steering meeting"), "{bodies:?}");
        wait_for_text(&client, ".toast .toast-text", "Private to you").await;
        screenshot(&client, "11-partner-timeline").await;

        // The journal has it too, with its kind, partner and tags.
        press(&client, &ctrl("1")).await;
        wait_for_view(&client, "journal").await;
        wait_for(&client, "[data-field='timeline'] .entry").await;
        assert_eq!(
            texts(&client, "[data-field='timeline'] .badge").await,
            ["Reflection"]
        );
        assert_eq!(
            texts(&client, "[data-field='timeline'] .entry-partners").await,
            ["with Priya Raman"]
        );
        assert_eq!(
            texts(&client, "[data-field='timeline'] .tag").await,
            ["#had-my-back", "#wip"]
        );
        assert!(!is_displayed(&client, "[data-field='empty']").await);
        screenshot(&client, "12-journal").await;

        // Search finds it as you type, with the match highlighted.
        press(&client, &ctrl("k")).await;
        wait_for_dialog(&client, "palette").await;
        type_into(&client, "#palette-input", "steer").await;
        wait_for(&client, ".hit[data-type='entry']").await;
        assert_eq!(
            texts(&client, ".hit[data-type='entry'] mark").await,
            ["steering"]
        );
        type_into(&client, "#palette-input", "ing priya").await;
        wait_for_text(&client, ".hit[data-type='entry'] .hit-snippet", "steering").await;
        screenshot(&client, "13-search").await;
        press(&client, &enter()).await;
        wait_for_dialog(&client, "reader").await;
        assert_eq!(
            text(&client, "[data-field='reader-body'] strong").await,
            "covered"
        );
        screenshot(&client, "14-reader").await;
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "reader").await;

        // Lock: nothing of the journal stays in the page.
        press(&client, &ctrl("l")).await;
        wait_for_screen(&client, "locked").await;
        let visible = page_text(&client).await;
        assert!(!visible.contains("steering"), "{visible}");
        assert!(!visible.contains("Priya"), "{visible}");
        let html = js(&client, "return document.documentElement.outerHTML;").await;
        let html = html.as_str().unwrap_or_default();
        for secret in ["steering", "Priya"] {
            let at = html.find(secret);
            let context = at.map(|i| &html[i.saturating_sub(200)..(i + 60).min(html.len())]);
            assert!(at.is_none(), "{secret:?} left in the DOM: {context:?}");
        }
        screenshot(&client, "15-locked").await;

        // A keychain vault unlocks with a button, and everything is still there.
        click(&client, "[data-action='unlock-keychain']").await;
        wait_for_screen(&client, "journal").await;
        wait_for_text(&client, "[data-field='timeline'] .entry-body", "steering").await;
        assert_no_injected_markup(&client).await;
    })
    .await;
}

/// A passphrase vault: a wrong passphrase is an inline error, the right one opens the journal.
/// Runs with GTK's dark theme, so the screenshots show the dark palette.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passphrase_vault_unlocks_in_dark_mode() {
    const PASSPHRASE: &str = "correct horse battery staple";
    let temp = tempfile::tempdir().unwrap();
    let data_dir = seed::passphrase_vault(temp.path(), PASSPHRASE);
    seed::add_entries(
        &data_dir,
        Unlock::Passphrase(PASSPHRASE),
        &seed::three_entries(),
        Utc::now(),
    );

    with_app(Launch::new(&data_dir).dark(), |client| async move {
        wait_for_screen(&client, "unlock").await;
        screenshot(&client, "20-unlock-dark").await;

        let field = find(&client, "#passphrase").await;
        field.send_keys("not the passphrase").await.unwrap();
        click(&client, "[data-action='unlock']").await;
        wait_for(&client, "#passphrase[aria-invalid='true']").await;
        let error = text(&client, "[data-field='unlock-error']").await;
        assert!(error.contains("does not open this vault"), "{error}");
        assert_eq!(
            find(&client, "#app")
                .await
                .attr("data-current")
                .await
                .unwrap()
                .as_deref(),
            Some("unlock")
        );
        screenshot(&client, "21-wrong-passphrase-dark").await;

        field.clear().await.unwrap();
        field.send_keys(PASSPHRASE).await.unwrap();
        press(&client, &enter()).await;
        wait_for_screen(&client, "journal").await;
        // The unlock form that had the focus is gone: it moves to the journal's heading.
        wait_until(
            &client,
            "the journal's heading has the focus",
            "return document.activeElement?.id === 'journal-title';",
        )
        .await;
        let facts = text(&client, "[data-field='vault-facts']").await;
        assert!(facts.contains("Passphrase"), "{facts}");
        wait_until(
            &client,
            "three entries are shown",
            "return document.querySelectorAll('[data-field=timeline] .entry').length === 3;",
        )
        .await;
        assert_eq!(
            text(&client, "[data-field='entry-count']").await,
            "3",
            "the journal's count in the sidebar"
        );
        let bodies = texts(&client, "[data-field='timeline'] .entry-body").await;
        assert_eq!(bodies[0], XSS_BODY, "newest first, shown as text");
        assert_no_injected_markup(&client).await;
        // Cyrillic and Greek in a note bring in the other scripts' half of the shipped face.
        wait_until(
            &client,
            "the other scripts' face is loaded for the note in Cyrillic and Greek",
            "return [...document.fonts].some((face) =>
               face.family === 'Inter Other' && face.weight === '400' && face.status === 'loaded');",
        )
        .await;
        screenshot(&client, "22-journal-dark").await;

        // Search with a filter, in the dark.
        press(&client, &ctrl("k")).await;
        wait_for_dialog(&client, "palette").await;
        type_into(&client, "#palette-input", "work").await;
        wait_for(&client, ".hit[data-type='entry'] mark").await;
        screenshot(&client, "23-search-dark").await;
        find(&client, "[data-filter='kind']")
            .await
            .select_by_value("win")
            .await
            .unwrap();
        wait_for_text(&client, "[data-field='palette-message']", "Nothing found").await;
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "palette").await;

        // Capture, in the dark, with completion for partners and tags.
        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        type_into(&client, "#editor-partner-input", "gr").await;
        wait_for(
            &client,
            "#editor-partner-list .suggestion[aria-selected='true']",
        )
        .await;
        assert_eq!(
            texts(&client, "#editor-partner-list .suggestion-label").await,
            ["Grace", "Add “gr” as a new partner"]
        );
        press(&client, &enter()).await;
        wait_for_text(&client, "[data-field='editor-partner-tokens']", "Grace").await;
        type_into(&client, "#editor-tags", "p").await;
        wait_for(&client, "#editor-tag-list .suggestion").await;
        assert_eq!(
            texts(&client, "#editor-tag-list .suggestion-label").await,
            ["#peer-1on1", "#wip"],
            "tags starting with what is typed come first"
        );
        screenshot(&client, "24-capture-dark").await;
        press(
            &client,
            &format!("{}{}", char::from(fantoccini::key::Key::Down), enter()),
        )
        .await;
        let tags = js(
            &client,
            "return document.querySelector('#editor-tags').value;",
        )
        .await;
        assert_eq!(tags.as_str(), Some("peer-1on1, "));
        // Nothing written yet: Esc closes without a question.
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "editor").await;

        // With text, Esc asks first, and a second Esc keeps writing.
        press(&client, &ctrl("n")).await;
        wait_for_dialog(&client, "editor").await;
        type_into(&client, "#editor-body", "Half a thought").await;
        press(&client, &escape()).await;
        wait_for(&client, "[data-field='editor-discard']:not([hidden])").await;
        press(&client, &escape()).await;
        wait_for(&client, "[data-field='editor-discard'][hidden]").await;
        assert!(dialog_open(&client, "editor").await, "the text was kept");
        press(&client, &escape()).await;
        wait_for(&client, "[data-field='editor-discard']:not([hidden])").await;
        click(&client, "[data-action='editor-discard']").await;
        wait_dialog_closed(&client, "editor").await;

        // Partners and a partner page, in the dark.
        press(&client, &ctrl("2")).await;
        wait_for_view(&client, "partners").await;
        wait_for(&client, ".partner-card").await;
        assert_eq!(texts(&client, ".partner-name").await, ["Ada", "Grace"]);
        screenshot(&client, "25-partners-dark").await;
        click(&client, ".partner-card").await;
        wait_for_view(&client, "partner").await;
        wait_for(&client, "[data-timeline='partner'] .entry").await;
        assert_eq!(
            count(&client, "[data-timeline='partner'] .entry").await,
            2,
            "Ada is linked to two entries"
        );
        screenshot(&client, "26-partner-dark").await;

        // A narrow window keeps everything reachable: the sidebar folds to icons.
        client.set_window_size(600, 700).await.unwrap();
        press(&client, &ctrl("1")).await;
        wait_for_view(&client, "journal").await;
        wait_until(
            &client,
            "the window is narrow",
            "return window.innerWidth <= 620;",
        )
        .await;
        assert!(!is_displayed(&client, ".nav-label").await);
        screenshot(&client, "27-narrow-dark").await;
    })
    .await;
}

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

/// Edit, delete with Undo, the trash, restore, and delete for good, all from the keyboard.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_trash_undo_restore_and_purge() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || {
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
    .unwrap();

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

/// A keychain vault whose key is not in this keychain offers recovery with the recovery key;
/// a wrong key changes nothing, the right one opens the journal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_keychain_entry_recovers_with_the_recovery_key() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let (data_dir, recovery_key) =
        tokio::task::spawn_blocking(move || seed::vault_without_keychain_entry(&parent))
            .await
            .unwrap();

    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "recover").await;
        assert_eq!(
            text(&client, "[data-field='recover-title']").await,
            "Your keychain has no key for this vault"
        );
        assert!(
            !is_displayed(&client, "[data-field='recover-passphrase-fields']").await,
            "a keychain vault needs no new passphrase"
        );
        screenshot(&client, "60-key-missing").await;

        // Trying again without recovering changes nothing.
        click(&client, "[data-action='recover-back']").await;
        wait_for_screen(&client, "recover").await;

        // A key that is not this vault's is refused, and the form stays.
        type_into(
            &client,
            "#recovery-key-input",
            "0000-0000-0000-0000-0000-0000-0000-0000",
        )
        .await;
        click(&client, "[data-action='recover']").await;
        wait_for(&client, "[data-field='recover-error']:not([hidden])").await;
        screenshot(&client, "61-wrong-recovery-key").await;

        find(&client, "#recovery-key-input")
            .await
            .clear()
            .await
            .unwrap();
        type_into(&client, "#recovery-key-input", &recovery_key.to_lowercase()).await;
        click(&client, "[data-action='recover']").await;
        wait_for_screen(&client, "journal").await;
        wait_for(&client, "[data-field='empty']:not([hidden])").await;
    })
    .await;
}
