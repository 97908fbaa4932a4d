//! The vault screens: a passphrase vault unlocked in dark mode, a missing keychain entry recovered.

use chrono::Utc;
use rapport_core::Unlock;

use crate::checks::{assert_no_injected_markup, texts};
use crate::driver::{
    click, count, ctrl, dialog_open, enter, escape, find, is_displayed, js, press, screenshot,
    text, type_into, wait_dialog_closed, wait_for, wait_for_dialog, wait_for_screen, wait_for_text,
    wait_for_view, wait_until, with_app, Launch,
};
use crate::seed::{self, XSS_BODY};

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

/// Half a vault (its database without its key file, as an interrupted start leaves it) does not
/// block the app: the welcome screen says so, and creating a vault keeps the half aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_a_vault_is_set_aside_when_a_new_one_is_created() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || seed::keychain_vault(&parent))
        .await
        .unwrap();
    let half = std::fs::read(data_dir.join("rapport.db")).unwrap();
    std::fs::remove_file(data_dir.join("rapport.keys.json")).unwrap();

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "welcome").await;
        assert!(is_displayed(&client, "[data-field='welcome-incomplete']").await);
        screenshot(&client, "09-welcome-half-a-vault").await;
        click(&client, "[data-action='create']").await;
        wait_for_screen(&client, "recovery").await;
        click(&client, "[data-field='saved-confirm']").await;
        click(&client, "[data-action='confirm-saved']").await;
        wait_for_screen(&client, "journal").await;
    })
    .await;
    let aside: Vec<_> = std::fs::read_dir(&data_dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("rapport.db.incomplete-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the half vault is kept aside");
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        half,
        "byte for byte"
    );
}
