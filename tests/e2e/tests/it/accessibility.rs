//! Every screen of the real window, light and dark, checked by axe-core (the pinned release
//! `scripts/fetch-axe.sh` fetches; `tests/e2e/run.sh` names it in `RAPPORT_AXE_JS`): no
//! violation of any rule it runs, at any impact. A screen is checked as a person reaches it, with
//! a journal in it: timelines, a partner, a meeting, a peer problem, the summary, the dialogs.

use chrono::Utc;
use fantoccini::Client;

use crate::driver::{
    click, js, press, wait_dialog_closed, wait_for, wait_for_dialog, wait_for_screen,
    wait_for_view, with_app, Launch,
};
use crate::seed::{self, peer};

/// A keychain vault with Priya's history, a few entries and a peer problem.
async fn journal(parent: std::path::PathBuf) -> std::path::PathBuf {
    tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        let now = Utc::now();
        seed::add_peer_history(&dir, now);
        seed::add_entries(
            &dir,
            rapport_core::Unlock::Keychain(&rapport_core::OsKeychain),
            &seed::three_entries(),
            now,
        );
        let mut vault = rapport_core::Vault::open(
            &dir,
            rapport_core::Unlock::Keychain(&rapport_core::OsKeychain),
        )
        .expect("open the vault");
        let priya = vault.find_partner(peer::PARTNER).expect("Priya");
        let problem = vault
            .add_problem("Too much work in progress", &[priya], now)
            .expect("a problem");
        vault
            .add_problem_option(problem.id, "A WIP limit of three", now)
            .expect("an option");
        dir
    })
    .await
    .unwrap()
}

/// Runs axe-core on the whole page; returns one line per violation and element.
async fn violations(client: &Client) -> Vec<String> {
    let path = std::env::var("RAPPORT_AXE_JS")
        .expect("RAPPORT_AXE_JS names axe.min.js (tests/e2e/run.sh sets it)");
    let source = std::fs::read_to_string(&path).expect("read axe.min.js");
    // A moment for transitions to end: contrast is judged on the colours shown.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    js(client, &format!("{source}\nreturn typeof axe;")).await;
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, {resultTypes: ['violations']})\
               .then((r) => done(r.violations.flatMap((v) => v.nodes.map((n) =>\
                 `${v.impact} ${v.id}: ${n.target.join(' ')} — ${(n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)}`))))\
               .catch((e) => done([`axe failed: ${e}`]));",
            Vec::new(),
        )
        .await
        .expect("run axe");
    serde_json::from_value(found).expect("a list of violations")
}

/// Presses Ctrl+`key`, a shortcut the page takes from anywhere. WebDriver types into the focused
/// element, which may be one a view just hid or a dialog still closing: the main area is focused
/// first, and the keys are sent again if WebDriver refused them.
async fn shortcut(client: &Client, key: &str) {
    let keys = crate::driver::ctrl(key);
    for attempt in 0..5 {
        js(
            client,
            "document.querySelector('[data-field=main]').focus(); return true;",
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(60)).await;
        let sent = match client.active_element().await {
            Ok(target) => target.send_keys(&keys).await,
            Err(e) => Err(e),
        };
        match sent {
            Ok(()) => return,
            Err(e) if attempt < 4 => {
                eprintln!("shortcut Ctrl+{key} refused ({e}); again");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => panic!("could not press Ctrl+{key}: {e}"),
        }
    }
}

/// Closes dialog `name` with Escape. Focus then goes back where it was, or to the page: WebDriver
/// types into the focused element, so the main area is focused for the keys that follow.
async fn close(client: &Client, name: &str) {
    press(client, &crate::driver::escape()).await;
    wait_dialog_closed(client, name).await;
    js(
        client,
        "if (document.activeElement === document.body) document.querySelector('[data-field=main]').focus(); return true;",
    )
    .await;
}

async fn check(client: &Client, screen: &str, found: &mut Vec<String>) {
    for line in violations(client).await {
        found.push(format!("[{screen}] {line}"));
    }
}

async fn every_screen(client: Client, theme: &'static str) -> Vec<String> {
    let mut found = Vec::new();
    wait_for_screen(&client, "journal").await;
    wait_for(&client, ".entry").await;
    check(&client, &format!("{theme} journal"), &mut found).await;
    js(
        &client,
        "document.querySelector('[data-field=timeline] .entry').click(); return true;",
    )
    .await;
    wait_for_dialog(&client, "reader").await;
    check(&client, &format!("{theme} reader"), &mut found).await;
    close(&client, "reader").await;
    click(&client, "[data-action='help']").await;
    wait_for_dialog(&client, "help").await;
    check(&client, &format!("{theme} help"), &mut found).await;
    close(&client, "help").await;

    shortcut(&client, "0").await;
    wait_for_view(&client, "home").await;
    wait_for(&client, ".home-row-open").await;
    check(&client, &format!("{theme} home"), &mut found).await;
    click(&client, "[data-action='open-followups']").await;
    wait_for_view(&client, "followups").await;
    wait_for(&client, ".followup").await;
    check(&client, &format!("{theme} follow-ups"), &mut found).await;

    shortcut(&client, "2").await;
    wait_for_view(&client, "partners").await;
    check(&client, &format!("{theme} partners"), &mut found).await;
    click(
        &client,
        "[data-view-name='partners'] [data-action='new-partner']",
    )
    .await;
    wait_for_dialog(&client, "partner-form").await;
    check(&client, &format!("{theme} partner form"), &mut found).await;
    close(&client, "partner-form").await;

    shortcut(&client, "0").await;
    wait_for_view(&client, "home").await;
    click(&client, ".home-row-open[data-type='partner']").await;
    wait_for_view(&client, "partner").await;
    wait_for(&client, ".meeting-row").await;
    check(&client, &format!("{theme} partner"), &mut found).await;

    click(&client, "[data-action='open-story']").await;
    wait_for_view(&client, "story").await;
    wait_for(&client, ".story-year").await;
    check(&client, &format!("{theme} story"), &mut found).await;
    click(&client, "[data-action='story-partner']").await;
    wait_for_view(&client, "partner").await;

    click(&client, "[data-action='edit-history']").await;
    wait_for_dialog(&client, "history").await;
    click(&client, "[data-action='history-add-role']").await;
    wait_for(&client, "[data-form='spell']:not([hidden])").await;
    check(&client, &format!("{theme} history dialog"), &mut found).await;
    close(&client, "history").await;

    click(&client, "[data-action='prepare-meeting']").await;
    wait_for_dialog(&client, "prepare").await;
    check(&client, &format!("{theme} prepare dialog"), &mut found).await;
    close(&client, "prepare").await;

    click(&client, "[data-action='new-problem']").await;
    wait_for_dialog(&client, "new-problem").await;
    check(&client, &format!("{theme} new problem dialog"), &mut found).await;
    close(&client, "new-problem").await;

    click(&client, "[data-field='partner-meetings'] .meeting-row").await;
    wait_for_view(&client, "meeting").await;
    check(&client, &format!("{theme} meeting"), &mut found).await;

    js(&client, "document.querySelector(\"[data-field='partner-problems'] [data-problem-id]\")?.click(); return true;").await;
    shortcut(&client, "0").await;
    wait_for_view(&client, "home").await;
    click(&client, ".home-row-open[data-type='partner']").await;
    wait_for_view(&client, "partner").await;
    wait_for(&client, "[data-field='partner-problems'] [data-problem-id]").await;
    click(&client, "[data-field='partner-problems'] [data-problem-id]").await;
    wait_for_view(&client, "problem").await;
    check(&client, &format!("{theme} problem"), &mut found).await;

    shortcut(&client, "3").await;
    wait_for_view(&client, "trash").await;
    check(&client, &format!("{theme} trash"), &mut found).await;

    shortcut(&client, "4").await;
    wait_for_view(&client, "summary").await;
    wait_for(&client, "[data-field='summary-body']").await;
    check(&client, &format!("{theme} summary"), &mut found).await;

    shortcut(&client, "1").await;
    wait_for_view(&client, "journal").await;
    shortcut(&client, "n").await;
    wait_for(&client, "#editor-body").await;
    check(&client, &format!("{theme} editor"), &mut found).await;
    press(&client, &crate::driver::escape()).await;

    shortcut(&client, "k").await;
    wait_for(&client, "[data-dialog='palette'][open]").await;
    check(&client, &format!("{theme} palette"), &mut found).await;
    press(&client, &crate::driver::escape()).await;

    click(&client, "[data-action='settings']").await;
    wait_for_dialog(&client, "settings").await;
    check(&client, &format!("{theme} settings"), &mut found).await;
    click(&client, "[data-security-action='recovery']").await;
    wait_for_dialog(&client, "security").await;
    check(&client, &format!("{theme} security dialog"), &mut found).await;
    close(&client, "security").await;
    click(&client, "[data-action='open-templates']").await;
    wait_for_view(&client, "templates").await;
    wait_for(&client, ".template-row").await;
    check(&client, &format!("{theme} templates"), &mut found).await;

    shortcut(&client, "l").await;
    wait_for_screen(&client, "locked").await;
    check(&client, &format!("{theme} locked"), &mut found).await;
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_light_and_dark() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = journal(temp.path().to_path_buf()).await;
    let mut found = Vec::new();
    let light = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = light.clone();
    with_app(Launch::new(&data_dir), |client| async move {
        *sink.lock().unwrap() = every_screen(client, "light").await;
    })
    .await;
    found.extend(light.lock().unwrap().drain(..));
    let dark = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = dark.clone();
    with_app(Launch::new(&data_dir).dark(), |client| async move {
        *sink.lock().unwrap() = every_screen(client, "dark").await;
    })
    .await;
    found.extend(dark.lock().unwrap().drain(..));

    // The first screen of all, before any vault exists.
    let fresh = temp.path().join("fresh");
    let welcome = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = welcome.clone();
    with_app(Launch::new(&fresh), |client| async move {
        wait_for_screen(&client, "welcome").await;
        let mut found = Vec::new();
        check(&client, "light welcome", &mut found).await;
        *sink.lock().unwrap() = found;
    })
    .await;
    found.extend(welcome.lock().unwrap().drain(..));
    assert!(
        found.is_empty(),
        "{} accessibility violations:\n{}",
        found.len(),
        found.join("\n")
    );
}
