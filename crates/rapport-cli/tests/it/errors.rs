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
            "--when",
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

/// Every verb sent generated arguments: an exit of 0, 1 or 2 with at most one line on standard
/// error (never a crash report), and when it is refused, the data directory byte for byte as it
/// was. 300 runs here; RAPPORT_FUZZ_CASES for more.
#[test]
fn every_verb_answers_generated_arguments_cleanly_and_a_refusal_changes_nothing() {
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    const VERBS: &[&str] = &[
        "init",
        "recover",
        "status",
        "restore",
        "protect",
        "recovery-key",
        "partner",
        "note",
        "list",
        "show",
        "edit",
        "rm",
        "purge",
        "search",
        "import",
        "meeting",
        "action",
        "decision",
        "template",
        "problem",
        "person",
        "due",
        "backup",
        "check",
        "export-all",
        "summary",
    ];
    const WORDS: &[&str] = &[
        "add",
        "list",
        "show",
        "edit",
        "new",
        "prepare",
        "done",
        "close",
        "views",
        "brief",
        "role",
        "relationship",
        "--remove",
        "1",
        "2",
        "999",
        "0",
        "-1",
        "18446744073709551616",
        "priya",
        "Priya Raman",
        "",
        "2025-03-01",
        "2025-02-30",
        "yesterday",
        "peer",
        "win",
        "rant",
        "-",
        "--",
        "md",
        "pdf",
        "--partner",
        "--tag",
        "--kind",
        "--limit",
        "--before",
        "--since",
        "--until",
        "--json",
        "--trash",
        "--at",
        "--from",
        "--to",
        "--format",
        "--out",
        "--relationship",
        "--role",
        "--cadence-days",
        "--all",
        "--shareable",
        "--private",
        "--no-tags",
        "--passphrase",
        "--keychain",
        "--recovery-key-stdin",
        "--include",
        "--markdown",
        "--open",
        "--mine",
        "#wip",
        "@bob",
        "<script>",
    ];
    let cases = std::env::var("RAPPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Priya Raman", "--relationship", "peer"])
        .ok();
    r.run(&["note", "--partner", "priya", "first words"]).ok();
    let mut rng = rand::rngs::StdRng::seed_from_u64(37);
    // As long as one argument may be (the kernel's limit is 128 KiB).
    let huge = "w".repeat(120 * 1024);
    let (mut refused, mut done) = (0, 0);
    for case in 0..cases {
        let mut args: Vec<String> = vec![VERBS.choose(&mut rng).unwrap().to_string()];
        for _ in 0..rng.gen_range(0..6) {
            args.push(if rng.gen_ratio(1, 40) {
                huge.clone()
            } else {
                WORDS.choose(&mut rng).unwrap().to_string()
            });
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let before = snapshot(&r);
        let run = r.run(&argv);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
        assert!(
            [0, 1, 2].contains(&run.code),
            "case {case} {shown:?}: exit {}: {}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("internal error") && !run.stderr.contains("panicked"),
            "case {case} {shown:?}: {}",
            run.stderr
        );
        if run.code == 0 {
            done += 1;
        } else {
            refused += 1;
            // One line, or a noun's help when its subcommand is missing.
            assert!(
                run.stderr.lines().count() <= 1 || run.stderr.contains("Usage: rapport"),
                "case {case} {shown:?}: {}",
                run.stderr
            );
            assert!(
                snapshot(&r) == before,
                "case {case} {shown:?} was refused but changed the data directory"
            );
        }
    }
    r.run(&["check"]).ok();
    eprintln!("{cases} generated command lines: {done} ran, {refused} refused cleanly");
}
