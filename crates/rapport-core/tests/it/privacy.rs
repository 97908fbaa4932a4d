//! Private means private: text written through every field never appears in any file of the
//! data directory or the temporary directory, in UTF-8 or UTF-16. (The CLI tests repeat this
//! with a process killed mid-write.)

use std::path::Path;

use rapport_core::{NewPartner, NewProtection, PartnerUpdate, Relationship, Vault};

use crate::support::{entry, now, rng, PASSPHRASE};

pub const MARKER: &str = "zqxjmarker7731";

/// Every way the marker could be spelled on disk.
pub fn encodings(marker: &str) -> Vec<Vec<u8>> {
    let utf16le: Vec<u8> = marker
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let utf16be: Vec<u8> = marker
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    vec![
        marker.as_bytes().to_vec(),
        marker.to_uppercase().into_bytes(),
        utf16le,
        utf16be,
    ]
}

/// Files under `dir` (recursively) that contain the marker in any encoding.
pub fn files_containing(dir: &Path, marker: &str) -> Vec<String> {
    let needles = encodings(marker);
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(read) = std::fs::read_dir(&path) {
                stack.extend(read.flatten().map(|e| e.path()));
            }
        } else if meta.is_file() {
            if let Ok(bytes) = std::fs::read(&path) {
                if needles
                    .iter()
                    .any(|n| bytes.windows(n.len()).any(|w| w == n.as_slice()))
                {
                    hits.push(path.display().to_string());
                }
            }
        }
    }
    hits
}

#[test]
fn marker_in_every_text_field_never_reaches_the_disk_in_the_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (mut vault, _) =
        Vault::create(&dir, NewProtection::Passphrase(PASSPHRASE), &mut rng()).unwrap();
    let partner = vault
        .add_partner(
            NewPartner {
                name: format!("{MARKER} name"),
                role: Some(format!("{MARKER} role")),
                relationship: Relationship::Mentor,
                organisation: Some(format!("{MARKER} org")),
                since: None,
                cadence_days: Some(7),
                notes: format!("{MARKER} notes"),
            },
            now(),
        )
        .unwrap();
    vault
        .update_partner(
            partner.id,
            PartnerUpdate {
                role: Some(format!("{MARKER} new role")),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    for i in 0..200 {
        let e = vault
            .add_entry(
                entry(&format!("{MARKER} body {i} ü 日本"))
                    .tag(&format!("{MARKER}{i}"))
                    .with(partner.id)
                    .new,
                now(),
            )
            .unwrap();
        if i % 3 == 0 {
            vault.trash_entry(e.id, now()).unwrap();
        }
    }
    vault.empty_trash().unwrap();

    // While open (WAL and shared memory files present) and after a clean close.
    assert_eq!(files_containing(&dir, MARKER), Vec::<String>::new());
    drop(vault);
    assert_eq!(files_containing(&dir, MARKER), Vec::<String>::new());
    let header = std::fs::read(dir.join(rapport_core::paths::DATABASE_FILE)).unwrap();
    assert!(
        !header.starts_with(b"SQLite format 3"),
        "the database header is encrypted"
    );
    let key_file = std::fs::read_to_string(dir.join(rapport_core::paths::KEY_FILE)).unwrap();
    assert!(!key_file.contains(PASSPHRASE));
}
