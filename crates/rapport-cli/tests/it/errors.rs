//! Bad input: one clear line, the right exit code, and the vault as it was.

use crate::support::Rapport;

fn snapshot(r: &Rapport) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(&r.data_dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn usage_and_input_errors_exit_1_with_one_line() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Ada"]).ok();
    let before = snapshot(&r);
    for args in [
        vec!["bogus"],
        vec!["note"],
        vec!["note", "--kind", "rant", "text"],
        vec!["note", "--partner", "nobody", "text"],
        vec!["note", "   "],
        vec!["note", "--tag", "two words", "text"],
        vec!["show", "999"],
        vec!["show", "abc"],
        vec!["rm", "999"],
        vec!["list", "--limit", "0"],
        vec!["search", "x", "--since", "yesterday-ish"],
        vec![
            "search",
            "x",
            "--since",
            "2025-02-01",
            "--until",
            "2025-01-01",
        ],
        vec!["partner", "add", "ada"],
        vec!["partner", "add", "Bo", "--relationship", "boss"],
        vec!["partner", "add", "Bo", "--cadence-days", "0"],
        vec!["partner", "show", "nobody"],
        vec!["edit", "1"],
        vec!["purge"],
        vec!["import", "jrnl", "/nonexistent/file.json"],
    ] {
        let run = r.run(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim_end().lines().count(),
            1,
            "{args:?}: one line: {}",
            run.stderr
        );
        assert!(
            run.stderr.starts_with("rapport: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{args:?}");
        assert!(!run.stderr.contains("nobody"), "{args:?}: no names echoed");
    }
    assert_eq!(snapshot(&r), before, "nothing changed");
}

#[test]
fn json_errors_are_typed() {
    let r = Rapport::new();
    r.init();
    let run = r.run(&["show", "999", "--json"]);
    assert_eq!(run.code, 1);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["error"]["kind"], "not_found");
}

#[test]
fn no_vault_and_existing_vault() {
    let r = Rapport::new();
    let run = r.run(&["list"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("rapport init"), "{}", run.stderr);
    r.init();
    let again = r.run(&["init"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn without_a_keychain_init_fails_clearly_and_leaves_nothing() {
    let r = Rapport::new().env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = r.run(&["init"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("keychain"), "{}", run.stderr);
    assert!(
        run.stderr.contains("passphrase"),
        "suggests a passphrase vault: {}",
        run.stderr
    );
    let left: Vec<_> = std::fs::read_dir(&r.data_dir)
        .map(|d| d.flatten().count())
        .into_iter()
        .collect();
    assert!(
        left.is_empty() || left == vec![0],
        "no vault files left behind"
    );
}

#[test]
fn data_dir_comes_from_the_environment_when_not_given() {
    let r = Rapport::new();
    let other = r.path().join("from-env");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"));
    let out = command
        .args(["status", "--json"])
        .env("RAPPORT_DATA_DIR", &other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["data_dir"], other.display().to_string());
    assert_eq!(status["vault"], "absent");
}

#[test]
fn a_mistyped_option_is_refused_not_saved_as_text_and_dashed_text_goes_after_two_dashes() {
    let r = Rapport::new();
    r.init();
    let before = snapshot(&r);
    for args in [
        &[
            "note",
            "--date",
            "2013-05-01",
            "--kind",
            "win",
            "Hired Mike",
        ][..],
        &["note", "Hired Mike", "--knd", "win"],
        &["note", "-x", "Hired Mike"],
        &["edit", "1", "--txt", "new words"],
    ] {
        let run = r.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("not an option of this command")
                && run.stderr.contains("after `--`"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("Hired Mike"), "the text is not echoed");
    }
    assert_eq!(snapshot(&r), before, "nothing was written");

    // An option after the text is an option; text starting with a dash goes after `--`.
    let won = r
        .run(&["note", "--json", "Hired Mike", "--kind", "win"])
        .ok()
        .json();
    assert_eq!(
        (won["body"].as_str(), won["kind"].as_str()),
        (Some("Hired Mike"), Some("win"))
    );
    let dashed = r
        .run(&["note", "--json", "--", "-5 points", "--kind"])
        .ok()
        .json();
    assert_eq!(dashed["body"], "-5 points --kind");
    assert_eq!(dashed["kind"], "note");
}
