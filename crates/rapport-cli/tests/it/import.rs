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

#[test]
fn a_markdown_folder_round_trips_and_a_bad_one_changes_nothing() {
    let a = Rapport::new();
    a.init();
    a.run(&[
        "partner",
        "add",
        "Mike Chen",
        "--relationship",
        "mentor",
        "--role",
        "VP Engineering",
    ])
    .ok();
    a.run(&[
        "note",
        "--partner",
        "Mike Chen",
        "--kind",
        "win",
        "--tag",
        "career",
        "--date",
        "2008-03-14",
        "Mike hired me",
    ])
    .ok();
    a.run(&[
        "note",
        "--partner",
        "Mike Chen",
        "--received",
        "sponsored",
        "--date",
        "2016-07-01",
        "Mike put my name forward",
    ])
    .ok();
    let folder = a.tmp.path().join("markdown");
    a.run(&["export-all", "--markdown", folder.to_str().unwrap()])
        .ok();

    let b = Rapport::new();
    b.init();
    let report = b
        .run(&["import", "markdown", folder.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(report["entries"], 2);
    assert_eq!(report["partners"], 1);
    let listed = |r: &Rapport| {
        let page = r.run(&["list", "--json"]).ok().json();
        page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["body"].clone(),
                    e["created_at"].clone(),
                    e["kind"].clone(),
                    e["tags"].clone(),
                    e["partners"][0]["name"].clone(),
                    e["support"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&b), listed(&a));
    let mike = b
        .run(&["partner", "show", "Mike Chen", "--json"])
        .ok()
        .json();
    assert_eq!(mike["role"], "VP Engineering");
    assert_eq!(mike["relationship"], "mentor");

    // A folder with a note dated "someday" is refused whole: nothing more is written.
    std::fs::write(
        folder.join("entries/zz.md"),
        "---\ndate: someday\n---\ntext\n",
    )
    .unwrap();
    let refused = b.run(&["import", "markdown", folder.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("(in path order)"),
        "{}",
        refused.stderr
    );
    let status = b.run(&["status", "--json"]).ok().json();
    assert_eq!(status["entries"], 2);
    let missing = b.run(&["import", "markdown", "/nonexistent/folder"]);
    assert_ne!(missing.code, 0);
}
