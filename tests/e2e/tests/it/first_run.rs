//! The first run, as a new user would go, screen by screen, with a screenshot of each.

use rapport_core::RecoveryKey;

use crate::checks::{assert_no_injected_markup, is_recovery_key_shape, texts};
use crate::driver::{
    click, ctrl, ctrl_shift, enter, escape, find, is_displayed, js, page_text, press, screenshot,
    text, type_into, wait_dialog_closed, wait_for, wait_for_dialog, wait_for_screen, wait_for_text,
    wait_for_view, with_app, Launch,
};

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
            ["#had-my-back", "#reflect-has-my-back", "#wip"],
            "the prompt's own tag, and the two typed after it"
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
