//! Nothing identifying outside the vault: after the other journeys (run.sh runs this one last)
//! and a journey of its own that puts a marker in a partner's name, an entry, a search, the
//! summary's choices and the folders of a saved summary and a backup, WebKit's data and cache
//! directories hold none of them, in UTF-8 or UTF-16. They do hold the app's plain preferences
//! (the auto-lock time), which shows the scan reads where WebKit really keeps its storage.

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use rapport_core::{EntryKind, NewEntry, OsKeychain, Unlock, Vault};

use crate::driver::{
    answer_file_dialog, click, ctrl, escape, find, js, press, type_into, wait_dialog_closed,
    wait_for, wait_for_dialog, wait_for_screen, wait_for_text, wait_for_view, with_app,
    FileDialogKind, Launch,
};
use crate::seed::{self, peer};

/// Written into the journal, typed into the search and used as a folder name.
const NOTE_MARKER: &str = "quillmarker7731";
const FOLDER_MARKER: &str = "folderquill5521";

/// WebKit's data and cache directories for the app (Tauri's identifier under the XDG homes).
fn webkit_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".local/share"));
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".cache"));
    [data, cache]
        .into_iter()
        .map(|base| base.join("dev.rapport.desktop"))
        .filter(|dir| dir.is_dir())
        .collect()
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for item in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = item.path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    [needle.as_bytes().to_vec(), utf16]
        .iter()
        .any(|n| haystack.windows(n.len()).any(|w| w == n.as_slice()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_all_journeys_webkit_storage_holds_nothing_identifying() {
    let temp = tempfile::tempdir().unwrap();
    let parent = temp.path().to_path_buf();
    let data_dir = tokio::task::spawn_blocking(move || {
        let dir = seed::keychain_vault(&parent);
        let now = Utc::now();
        seed::add_peer_history(&dir, now);
        let mut vault = Vault::open(&dir, Unlock::Keychain(&OsKeychain)).expect("open");
        let priya = vault.find_partner(peer::PARTNER).expect("Priya");
        let at = now - Duration::days(2);
        vault
            .add_entry(
                NewEntry {
                    kind: EntryKind::Concern,
                    partners: vec![priya],
                    created_at: Some(at),
                    ..NewEntry::note(format!("{NOTE_MARKER} she may leave the team"))
                },
                at,
            )
            .expect("add the marked entry");
        dir
    })
    .await
    .unwrap();
    let folder = temp.path().join(FOLDER_MARKER);
    std::fs::create_dir(&folder).unwrap();
    let summary_file = folder.join("summary.md");
    let backup_file = folder.join("vault.rapport-backup");

    with_app(Launch::new(&data_dir), move |client| async move {
        wait_for_screen(&client, "journal").await;

        // A search for the marker.
        press(&client, &ctrl("k")).await;
        wait_for_dialog(&client, "palette").await;
        type_into(&client, "#palette-input", NOTE_MARKER).await;
        wait_for(&client, ".hit[data-type='entry'] mark").await;
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "palette").await;

        // The summary: the marked note included, a line unticked, saved into the marked folder.
        press(&client, &ctrl("4")).await;
        wait_for_view(&client, "summary").await;
        click(&client, "input[name='preset'][value='last-30-days']").await;
        wait_for_text(&client, "[data-field='summary-body']", peer::DECISION).await;
        js(&client, "document.querySelector(\"[data-field='summary-candidates']\").open = true;").await;
        js(
            &client,
            &format!(
                "const row = [...document.querySelectorAll('.summary-candidate')].find((r) => r.textContent.includes({NOTE_MARKER:?}));\
                 row.querySelector('[data-summary-include]').click(); return true;"
            ),
        )
        .await;
        wait_for_text(&client, "[data-field='summary-body']", NOTE_MARKER).await;
        click(&client, "[data-action='summary-save']").await;
        answer_file_dialog("Save the summary", FileDialogKind::Save, &summary_file).await;
        wait_for_text(&client, "[data-field='summary-status']", "Saved to").await;

        // Settings: a plain preference (kept in WebKit's storage), and a backup into the folder.
        press(&client, &ctrl(",")).await;
        wait_for_dialog(&client, "settings").await;
        find(&client, "#auto-lock-select")
            .await
            .select_by_value("15")
            .await
            .unwrap();
        click(&client, "[data-data-action='backup']").await;
        answer_file_dialog("Back up the vault", FileDialogKind::Save, &backup_file).await;
        wait_for_text(&client, "[data-field='data-status']", "Backed up").await;
        press(&client, &escape()).await;
        wait_dialog_closed(&client, "settings").await;
    })
    .await;

    let mut files = Vec::new();
    for dir in webkit_dirs() {
        files_under(&dir, &mut files);
    }
    let mut plain_preference_seen = false;
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        plain_preference_seen |= contains(&bytes, "rapport.autoLockMinutes");
        for marker in [NOTE_MARKER, FOLDER_MARKER, peer::PARTNER, peer::DECISION] {
            assert!(
                !contains(&bytes, marker),
                "{} holds {marker:?}: WebKit's storage must hold nothing that names a person, an entry or a path",
                file.display()
            );
        }
        let dir_text = temp.path().to_string_lossy().into_owned();
        assert!(
            !contains(&bytes, &dir_text),
            "{} holds a folder path",
            file.display()
        );
    }
    assert!(
        plain_preference_seen,
        "the scan found WebKit's localStorage ({} files under {:?})",
        files.len(),
        webkit_dirs()
    );
}
