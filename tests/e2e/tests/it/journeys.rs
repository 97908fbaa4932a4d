//! What a person does with the app, screen by screen, with a screenshot of each.

use chrono::Utc;
use rapport_core::{OsKeychain, RecoveryKey, Unlock};

use crate::driver::{
    click, find, find_all, is_displayed, screenshot, text, wait_for_screen, with_app, Launch,
};
use crate::seed::{self, XSS_BODY};

/// The Crockford base-32 alphabet the recovery key is written in.
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn is_recovery_key_shape(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 8
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| CROCKFORD.contains(c)))
}

/// First run: welcome, create, recovery key, empty journal. Then entries written outside the
/// app (one of them an XSS payload) show up on the next launch, as text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_then_timeline() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = temp.path().join("vault");

    let dir_text = data_dir.display().to_string();
    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "welcome").await;
        assert_eq!(text(&client, "#welcome-title").await, "Welcome to Rapport");
        assert_eq!(
            text(&client, "[data-screen='welcome'] [data-field='data-dir']").await,
            dir_text
        );
        screenshot(&client, "01-welcome").await;

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
        screenshot(&client, "02-recovery-key").await;

        click(&client, "[data-field='saved-confirm']").await;
        click(&client, "[data-action='confirm-saved']").await;
        wait_for_screen(&client, "journal").await;
        let facts = text(&client, "[data-field='vault-facts']").await;
        assert!(facts.contains("Encrypted"), "{facts}");
        assert!(facts.contains("Keychain"), "{facts}");
        assert!(facts.contains("0 entries"), "{facts}");
        assert!(is_displayed(&client, "[data-field='empty']").await);
        assert!(text(&client, "[data-field='empty']")
            .await
            .contains("rapport note --partner \"Ada\""));
        assert!(find_all(&client, ".entry").await.is_empty());
        assert_eq!(
            text(&client, "[data-field='recovery-key']").await,
            "",
            "the recovery key must not stay in the page"
        );
        screenshot(&client, "03-empty-journal").await;
    })
    .await;

    // The app has quit. Write entries the way the CLI would, through the keychain.
    let seed_dir = data_dir.clone();
    tokio::task::spawn_blocking(move || {
        seed::add_entries(
            &seed_dir,
            Unlock::Keychain(&OsKeychain),
            &seed::three_entries(),
            Utc::now(),
        )
    })
    .await
    .unwrap();

    with_app(Launch::new(&data_dir), |client| async move {
        // A keychain vault opens by itself on launch.
        wait_for_screen(&client, "journal").await;
        let facts = text(&client, "[data-field='vault-facts']").await;
        assert!(facts.contains("3 entries"), "{facts}");
        assert!(facts.contains("2 partners"), "{facts}");
        assert!(!is_displayed(&client, "[data-field='empty']").await);

        let bodies = find_all(&client, "[data-field='timeline'] .entry-body").await;
        let mut texts = Vec::new();
        for body in bodies {
            texts.push(body.text().await.unwrap());
        }
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], XSS_BODY, "newest first, shown as text");
        assert!(texts[1].starts_with("Too much work in progress"));
        assert!(texts[2].starts_with("Ada took over the incident review"));

        assert!(
            find_all(&client, "[data-field='timeline'] img")
                .await
                .is_empty(),
            "note text must never become markup"
        );
        assert!(
            client.get_alert_text().await.is_err(),
            "no script from a note may run"
        );

        let badges = find_all(&client, "[data-field='timeline'] .badge").await;
        let mut kinds = Vec::new();
        for badge in badges {
            kinds.push(badge.text().await.unwrap());
        }
        assert_eq!(kinds, ["Note", "Concern", "Win"]);
        let partners = find_all(&client, "[data-field='timeline'] .entry-partners").await;
        assert_eq!(partners[1].text().await.unwrap(), "with Ada, Grace");
        assert!(text(&client, "[data-field='timeline']")
            .await
            .contains("#wip"));
        screenshot(&client, "04-timeline").await;
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
        screenshot(&client, "05-unlock-dark").await;

        let field = find(&client, "#passphrase").await;
        field.send_keys("not the passphrase").await.unwrap();
        click(&client, "[data-action='unlock']").await;
        client
            .wait()
            .for_element(fantoccini::Locator::Css("#passphrase[aria-invalid='true']"))
            .await
            .unwrap();
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
        screenshot(&client, "06-wrong-passphrase-dark").await;

        field.clear().await.unwrap();
        field.send_keys(PASSPHRASE).await.unwrap();
        click(&client, "[data-action='unlock']").await;
        wait_for_screen(&client, "journal").await;
        let facts = text(&client, "[data-field='vault-facts']").await;
        assert!(facts.contains("Passphrase"), "{facts}");
        assert!(facts.contains("3 entries"), "{facts}");
        assert_eq!(find_all(&client, ".entry").await.len(), 3);
        screenshot(&client, "07-timeline-dark").await;
    })
    .await;
}

/// A keychain vault whose key is not in this keychain shows how to recover, and stays closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_keychain_entry_explains_recovery() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || seed::vault_without_keychain_entry(&parent))
        .await
        .unwrap();

    with_app(Launch::new(&data_dir), |client| async move {
        wait_for_screen(&client, "key-missing").await;
        assert_eq!(
            text(&client, "[data-field='recover-command']").await,
            "rapport recover --recovery-key-stdin"
        );
        screenshot(&client, "08-key-missing").await;

        // Trying again without recovering changes nothing.
        click(&client, "[data-screen='key-missing'] [data-action='retry']").await;
        wait_for_screen(&client, "key-missing").await;
    })
    .await;
}
