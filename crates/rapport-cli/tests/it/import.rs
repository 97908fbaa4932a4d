//! `rapport import jrnl` on a real jrnl export.

use crate::support::Rapport;

pub fn fixture() -> String {
    format!(
        "{}/../rapport-core/tests/fixtures/jrnl/export.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn imports_a_jrnl_export_and_links_partners() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Alice Chen"]).ok();
    let report = r.run(&["import", "jrnl", &fixture(), "--json"]).ok().json();
    assert_eq!(report["entries"], 12);
    assert_eq!(report["partner_links"], 3);
    let alice = r
        .run(&["search", "", "--partner", "Alice", "--json"])
        .ok()
        .json();
    assert_eq!(alice["hits"].as_array().unwrap().len(), 3);
    let human = r.run(&["import", "jrnl", &fixture()]).ok().stdout;
    assert!(human.starts_with("Imported 12 entries"), "{human}");
}

#[test]
fn a_file_that_is_not_a_jrnl_export_changes_nothing() {
    let r = Rapport::new();
    r.init();
    let bad = r.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"entries": [{"title": "x", "date": "yesterday", "time": "10:00"}]}"#,
    )
    .unwrap();
    let run = r.run(&["import", "jrnl", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("entry 1"), "{}", run.stderr);
    assert_eq!(r.run(&["status", "--json"]).ok().json()["entries"], 0);
}

#[test]
fn export_all_then_import_into_an_empty_vault_and_markdown_files() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Alice Chen"]).ok();
    r.run(&["import", "jrnl", &fixture()]).ok();
    let day_one = format!(
        "{}/../rapport-core/tests/fixtures/dayone/Journal.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let report = r.run(&["import", "dayone", &day_one, "--json"]).ok().json();
    assert_eq!(report["skipped"], 1);
    let file = r.path().join("all.json");
    r.run(&["export-all", file.to_str().unwrap()]).ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let copy = Rapport::new();
    copy.init();
    copy.run(&["import", "rapport", file.to_str().unwrap()])
        .ok();
    let again = copy.path().join("again.json");
    copy.run(&["export-all", again.to_str().unwrap()]).ok();
    let a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(a, b, "every row round-trips");
    let refused = copy.run(&["import", "rapport", file.to_str().unwrap()]);
    assert_eq!(
        refused.code, 1,
        "only into an empty vault: {}",
        refused.stderr
    );

    let folder = r.path().join("markdown");
    let files = r
        .run(&[
            "export-all",
            "--markdown",
            folder.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(files["files"], 15);
}
