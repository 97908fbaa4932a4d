//! Shell completions and the manual pages: made from the clap definitions, with no vault.

use std::process::Command;

use crate::support::Rapport;

#[test]
fn completions_cover_every_verb_and_need_no_vault() {
    // No vault and a data directory that could not be made: neither is needed.
    let r = Rapport::new()
        .env("HOME", "/nonexistent")
        .env("XDG_DATA_HOME", "/nonexistent");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = r.run(&["completions", shell]).ok().stdout;
        for word in ["meeting", "problem", "partner", "kind", "completions"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    assert!(!r.data_dir.exists(), "no vault was made");

    // The bash script is valid bash, and completes a verb.
    let script = r.tmp.path().join("rapport.bash");
    std::fs::write(&script, r.run(&["completions", "bash"]).ok().stdout).unwrap();
    let completed = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(rapport mee); COMP_CWORD=1; _rapport rapport mee rapport; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(completed.status.success(), "{completed:?}");
    assert_eq!(String::from_utf8_lossy(&completed.stdout).trim(), "meeting");

    let refused = r.run(&["completions", "tcsh"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("tcsh"), "{}", refused.stderr);
}

#[test]
fn the_manual_has_a_page_per_verb() {
    let r = Rapport::new();
    let dir = r.tmp.path().join("share/man/man1");
    let run = r
        .run(&["--json", "manual", dir.to_str().unwrap()])
        .ok()
        .json();
    let pages: Vec<String> = serde_json::from_value(run["pages"].clone()).unwrap();
    for page in [
        "rapport.1",
        "rapport-note.1",
        "rapport-meeting-share.1",
        "rapport-completions.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "no {page} in {pages:?}");
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH"), "{page} is not roff");
    }
    let note = std::fs::read_to_string(dir.join("rapport-note.1")).unwrap();
    assert!(
        note.contains("\\-\\-date"),
        "the note page documents --date"
    );
    assert!(!r.data_dir.exists(), "no vault was made");

    // A file where the directory should be: one clear line, the file untouched.
    let file = r.tmp.path().join("not-a-dir");
    std::fs::write(&file, "mine").unwrap();
    let refused = r.run(&["manual", file.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("is not a directory"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
