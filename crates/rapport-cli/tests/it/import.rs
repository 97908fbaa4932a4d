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
