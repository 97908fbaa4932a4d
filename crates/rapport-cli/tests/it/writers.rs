//! Two writers and killed writers: the CLI and the app's core writing one vault at once lose
//! nothing and fail nothing; an edit started from an older version is refused, not applied; a
//! writer killed with SIGKILL at random moments never loses a write it acknowledged.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::Utc;
use rand::{Rng, SeedableRng};
use rapport_core::{EntryId, EntryUpdate, NewEntry, OsKeychain, Unlock, Vault};

use crate::support::{Rapport, Run};

/// Every body in the journal (the CLI's JSON list, page after page).
fn bodies(r: &Rapport) -> BTreeSet<String> {
    let mut bodies = BTreeSet::new();
    let mut before: Option<String> = None;
    loop {
        let mut args = vec!["list", "--json", "--limit", "500"];
        if let Some(b) = &before {
            args.extend(["--before", b.as_str()]);
        }
        let page = r.run(&args).ok().json();
        for entry in page["entries"].as_array().unwrap() {
            bodies.insert(entry["body"].as_str().unwrap().to_owned());
        }
        match page["next_before"].as_i64() {
            Some(next) => before = Some(next.to_string()),
            None => return bodies,
        }
    }
}

#[test]
fn two_cli_loops_and_the_apps_core_write_at_once_without_an_error_or_a_lost_row() {
    const EACH: usize = 60;
    let r = Rapport::new();
    r.init();
    let mut vault = Vault::open(&r.data_dir, Unlock::Keychain(&OsKeychain)).unwrap();
    let edited = vault
        .add_entry(NewEntry::note("edited by the app"), Utc::now())
        .unwrap();

    let failures: Vec<Run> = std::thread::scope(|scope| {
        let loops: Vec<_> = ["left", "right"]
            .into_iter()
            .map(|side| {
                let r = &r;
                scope.spawn(move || {
                    (0..EACH)
                        .map(|i| r.run(&["note", &format!("{side} {i}")]))
                        .filter(|run| run.code != 0)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // The app's side: the core in this process, adding and editing while the CLI writes.
        for i in 0..EACH {
            vault
                .add_entry(NewEntry::note(format!("app {i}")), Utc::now())
                .unwrap_or_else(|e| panic!("the app's write {i} failed: {e}"));
            vault
                .update_entry(
                    edited.id,
                    EntryUpdate {
                        tags: Some(vec![format!("round-{i}")]),
                        ..Default::default()
                    },
                    Utc::now(),
                )
                .unwrap_or_else(|e| panic!("the app's edit {i} failed: {e}"));
        }
        loops.into_iter().flat_map(|l| l.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} CLI writes failed, the first: {}",
        failures.len(),
        2 * EACH,
        failures[0].stderr
    );
    drop(vault);

    let bodies = bodies(&r);
    for side in ["left", "right", "app"] {
        for i in 0..EACH {
            assert!(
                bodies.contains(&format!("{side} {i}")),
                "{side} {i} is missing"
            );
        }
    }
    assert_eq!(bodies.len(), 3 * EACH + 1);
    r.run(&["check"]).ok();
}

#[test]
fn an_edit_started_before_a_change_made_elsewhere_is_refused_and_changes_nothing() {
    let r = Rapport::new();
    r.init();
    let saved = r.run(&["note", "--json", "first words"]).ok().json();
    let id = EntryId(saved["id"].as_i64().unwrap());
    let mut app = Vault::open(&r.data_dir, Unlock::Keychain(&OsKeychain)).unwrap();
    // The app's editor opens the entry...
    let opened = app.entry(id).unwrap();
    // ...the CLI changes it meanwhile...
    r.run(&["edit", &id.0.to_string(), "changed from the terminal"])
        .ok();
    // ...and the app's save, made on the version it opened, is refused.
    let refused = app
        .update_entry(
            id,
            EntryUpdate {
                body: Some("typed in the app".into()),
                expected_version: Some(opened.version),
                ..Default::default()
            },
            Utc::now(),
        )
        .unwrap_err();
    assert_eq!(refused.kind(), "changed_elsewhere");
    let now = app.entry(id).unwrap();
    assert_eq!(now.body, "changed from the terminal");
    assert_eq!(now.version, opened.version + 1);
    // Made on the version it now shows, the app's change goes in.
    let saved = app
        .update_entry(
            id,
            EntryUpdate {
                body: Some("typed in the app".into()),
                expected_version: Some(now.version),
                ..Default::default()
            },
            Utc::now(),
        )
        .unwrap();
    assert_eq!(saved.version, now.version + 1);
}

/// Trials of the kill test: at least 200 in the suite, `RAPPORT_KILL_TRIALS` for more.
fn kill_trials() -> usize {
    std::env::var("RAPPORT_KILL_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
        .max(200)
}

/// Starts `rapport note TEXT` and kills it with SIGKILL after `delay`: true when it had
/// finished by then and said the entry was saved (the write was acknowledged).
fn note_killed_after(r: &Rapport, text: &str, delay: Duration) -> bool {
    let mut child = r.command(&["note", text]).spawn().unwrap();
    drop(child.stdin.take());
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap();
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    finished.is_some_and(|status| status.success())
        && String::from_utf8_lossy(&output.stdout).starts_with("Saved entry")
}

#[test]
fn writers_killed_at_random_moments_never_lose_an_acknowledged_write() {
    let trials = kill_trials();
    let r = Rapport::new();
    r.init();
    // The slowest of three whole runs: the kills spread over 0 to 1.5 times that, so some land
    // before the commit, some during it and some after.
    let mut one_run = Duration::ZERO;
    for i in 0..3 {
        let started = Instant::now();
        r.run(&["note", &format!("warm-up {i}")]).ok();
        one_run = one_run.max(started.elapsed());
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(29);
    let mut acknowledged = Vec::new();
    for trial in 0..trials {
        let text = format!("trial {trial}");
        let delay = one_run.mul_f64(rng.gen_range(0.0..1.5));
        if note_killed_after(&r, &text, delay) {
            acknowledged.push(text);
        }
        if trial % 50 == 49 {
            r.run(&["check"]).ok();
        }
    }
    let bodies = bodies(&r);
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|text| !bodies.contains(*text))
        .collect();
    assert!(lost.is_empty(), "acknowledged and lost: {lost:?}");
    let killed = trials - acknowledged.len();
    let kept_unacknowledged = bodies.len() - 3 - acknowledged.len();
    assert!(killed > 0, "no kill landed before a write finished");
    assert!(
        !acknowledged.is_empty(),
        "no write finished before its kill"
    );
    r.run(&["check"]).ok();
    eprintln!(
        "{trials} trials: {} acknowledged and all present, {killed} killed first \
         ({kept_unacknowledged} of those had committed), vault checked",
        acknowledged.len()
    );
}

/// `rapport init` killed at random moments never blocks the next `init`: half a vault is set
/// aside (kept, byte for byte, under a new name) and a whole one is refused as it always was.
#[test]
fn an_init_killed_at_random_moments_never_blocks_the_next_one() {
    const TRIALS: usize = 24;
    let mut one_run = Duration::ZERO;
    for _ in 0..2 {
        let r = Rapport::new();
        let started = Instant::now();
        r.init();
        one_run = one_run.max(started.elapsed());
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(31);
    let (mut half, mut whole, mut none) = (0, 0, 0);
    for trial in 0..TRIALS {
        let r = Rapport::new();
        let delay = one_run.mul_f64(rng.gen_range(0.0..1.2));
        let mut child = r.command(&["init"]).spawn().unwrap();
        drop(child.stdin.take());
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let names = |r: &Rapport| -> Vec<String> {
            std::fs::read_dir(&r.data_dir)
                .map(|d| {
                    d.flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let left = names(&r);
        let has = |name: &str| left.iter().any(|n| n == name);
        match (has("rapport.keys.json"), has("rapport.db")) {
            (true, true) => {
                whole += 1;
                // A whole vault stays: a second init is refused and changes nothing.
                assert_eq!(r.run(&["init"]).code, 1, "trial {trial}");
                continue;
            }
            (false, false) => none += 1,
            _ => half += 1,
        }
        let again = r.run(&["init", "--json"]);
        assert_eq!(
            again.code, 0,
            "trial {trial} after {delay:?}: {}",
            again.stderr
        );
        let after = names(&r);
        for name in &left {
            if name.starts_with("rapport.") && !name.contains(".incomplete-") {
                assert!(
                    after
                        .iter()
                        .any(|n| n.starts_with(name.as_str()) && n.contains(".incomplete-")),
                    "trial {trial}: {name} was not kept aside: {after:?}"
                );
            }
        }
        r.run(&["status"]).ok();
    }
    assert!(half + none > 0, "no kill landed before the vault was whole");
    eprintln!(
        "{TRIALS} killed inits: {half} left half a vault, {none} nothing, {whole} a whole one"
    );
}
