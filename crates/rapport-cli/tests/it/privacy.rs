//! Private text never lands outside the encrypted vault: not in the data directory, not in
//! TMPDIR, not after a clean exit and not after `kill -9` in the middle of a write.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::Rapport;

const MARKER: &str = "qzvmarker4417";

fn encodings(marker: &str) -> Vec<Vec<u8>> {
    vec![
        marker.as_bytes().to_vec(),
        marker
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect(),
        marker
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect(),
    ]
}

fn files_containing(dir: &Path) -> Vec<String> {
    let needles = encodings(MARKER);
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path()),
            );
        } else if let Ok(bytes) = std::fs::read(&path) {
            if needles
                .iter()
                .any(|n| bytes.windows(n.len()).any(|w| w == n.as_slice()))
            {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

fn assert_clean(r: &Rapport) {
    assert_eq!(
        files_containing(&r.data_dir),
        Vec::<String>::new(),
        "data dir"
    );
    assert_eq!(files_containing(&r.tmpdir), Vec::<String>::new(), "TMPDIR");
    let header = std::fs::read(r.data_dir.join("rapport.db")).unwrap();
    assert!(!header.starts_with(b"SQLite format 3"));
}

#[test]
fn marker_through_every_cli_field_stays_encrypted() {
    let r = Rapport::new();
    r.init();
    let name = format!("{MARKER} Name");
    r.run(&[
        "partner",
        "add",
        &name,
        "--role",
        &format!("{MARKER} role"),
        "--org",
        &format!("{MARKER} org"),
        "--notes",
        &format!("{MARKER} notes"),
    ])
    .ok();
    r.run(&[
        "partner",
        "role",
        &name,
        "--role",
        &format!("{MARKER} old role"),
        "--from",
        "2010-01-01",
        "--to",
        "2012-01-01",
    ])
    .ok();
    r.run(&[
        "note",
        "--partner",
        &name,
        "--tag",
        &format!("{MARKER}tag"),
        &format!("{MARKER} text ü"),
    ])
    .ok();
    r.run_with_stdin(&["note", "-"], &format!("{MARKER} from stdin\n"))
        .ok();
    r.run(&["edit", "1", &format!("{MARKER} edited")]).ok();
    r.run(&["search", MARKER]).ok();
    // A peer problem's worksheet, an option's stakes, an ally who is not a partner, a
    // presentation, and the brief printed on standard output.
    r.run(&[
        "problem",
        "new",
        "--with",
        &name,
        &format!("{MARKER} problem"),
    ])
    .ok();
    r.run(&[
        "problem",
        "views",
        "1",
        "--mine",
        &format!("{MARKER} mine"),
        "--theirs",
        &format!("{MARKER} theirs"),
        "--matters",
        &format!("{MARKER} why"),
        "--to",
        &format!("{MARKER} whom"),
    ])
    .ok();
    r.run(&["problem", "option", "1", &format!("{MARKER} option")])
        .ok();
    r.run(&[
        "problem",
        "edit-option",
        "1",
        "1",
        "--mine",
        &format!("{MARKER} stake"),
    ])
    .ok();
    r.run(&[
        "problem",
        "ally",
        "1",
        &format!("{MARKER} Person"),
        "--next",
        &format!("{MARKER} step"),
    ])
    .ok();
    r.run(&[
        "problem",
        "presented",
        "1",
        "--to",
        &format!("{MARKER} directors"),
        "--said",
        &format!("{MARKER} said"),
    ])
    .ok();
    assert!(r
        .run(&["problem", "brief", "1"])
        .ok()
        .stdout
        .contains(MARKER));
    assert_clean(&r);
}

fn big_jrnl_export(path: &Path, entries: usize) {
    let mut text = String::from("{\"tags\": {}, \"entries\": [");
    for i in 0..entries {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "{{\"title\": \"{MARKER} entry {i}.\", \"body\": \"Some longer body text about the weekly sync, \
             the roadmap and the hiring plan, number {i}.\", \"date\": \"2020-01-01\", \"time\": \"09:00\", \
             \"tags\": [\"@{MARKER}\"], \"starred\": false}}"
        ));
    }
    text.push_str("]}");
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_killed_import_leaves_the_vault_consistent_and_nothing_in_the_clear() {
    let r = Rapport::new();
    r.init();
    r.run(&["note", "written before the import"]).ok();
    let export = r.path().join("big.json");
    big_jrnl_export(&export, 100_000);

    let mut child = r
        .command(&["import", "jrnl", export.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Wait until the import is writing (the WAL grows), then kill -9 it mid-transaction.
    let wal = r.data_dir.join("rapport.db-wal");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if std::fs::metadata(&wal)
            .map(|m| m.len() > 2 * 1024 * 1024)
            .unwrap_or(false)
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import was killed before it finished"
    );
    std::fs::remove_file(&export).unwrap();

    assert_clean(&r);
    let status = r.run(&["status", "--json"]).ok().json();
    assert_eq!(
        status["entries"], 1,
        "all or nothing: the import left no partial rows"
    );
    r.run(&["note", "the vault still takes writes"]).ok();
    assert_eq!(r.run(&["status", "--json"]).ok().json()["entries"], 2);
}

/// A crash of `rapport` never writes a core dump (its memory holds decrypted pages and keys):
/// the running process's core size limit is 0, read from /proc while it waits for a passphrase.
#[cfg(target_os = "linux")]
#[test]
fn the_cli_runs_with_core_dumps_off() {
    let r = Rapport::new();
    r.run_with_stdin(&["init", "--passphrase-stdin"], "correct horse battery\n")
        .ok();
    let mut child = r
        .command(&["status", "--passphrase-stdin"])
        .spawn()
        .unwrap();
    // Waiting on its standard input, which stays open until the limits are read.
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut core = String::new();
    while Instant::now() < deadline {
        let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id()))
            .unwrap_or_else(|_| limits.clone());
        core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap_or_default()
            .to_owned();
        // Soft and hard limits both 0 (the soft one may be 0 already where the tests run).
        if core.split_whitespace().skip(4).take(2).all(|v| v == "0") {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(child.stdin.take());
    let _ = child.wait();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(fields.get(4..6), Some(&["0", "0"][..]), "{core}");
}
