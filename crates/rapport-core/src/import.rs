//! Imports from other journals: jrnl's JSON export (`jrnl --format json`) and Day One's JSON
//! export (below, `Vault::import_day_one`).
//!
//! How a jrnl entry maps onto Rapport:
//! - text: jrnl splits an entry into `title` (first sentence or line) and `body`; they are joined
//!   back as jrnl itself stores them, `title` + newline + `body`.
//! - time: jrnl's `date` and `time` are local wall-clock time; they are read in the local time
//!   zone (a time skipped by a daylight-saving change moves forward by an hour).
//! - `@name` tags link the entry to a partner when they name one: the full name written without
//!   spaces or punctuation (`@bob_smith`, `@BobSmith` → "Bob Smith") or, when only one partner
//!   has it, the first name (`@alice` → "Alice Chen"). Other `@` tags and all `#` tags become
//!   tags, without their symbol. Symbols alone (a Markdown `##` heading) are dropped.
//! - `starred` becomes the tag `starred`. Every entry is of kind note and private.
//! - The whole import is one transaction: an import that fails or is killed leaves the vault
//!   as it was.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::entries::{insert_entry, CheckedEntry, EntryKind, NewEntry};
use crate::error::{InputError, Result};
use crate::partners::PartnerId;
use crate::validate;
use crate::vault::Vault;

/// The largest file an import reads (a jrnl, Day One or Rapport export): larger than any journal
/// export (a decade of daily notes is well under 100 MB), small enough that what is read is held
/// in memory without trouble.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Opens a file to import, refusing one larger than [`MAX_IMPORT_BYTES`] before reading it. A
/// Rapport export is read from it as a stream (`Vault::import_all_from`); the CLI and the desktop
/// app both open imports through this.
pub fn open_import_file(path: &std::path::Path) -> Result<std::fs::File> {
    let file =
        std::fs::File::open(path).map_err(|e| crate::Error::io("could not open that file", e))?;
    let size = file
        .metadata()
        .map_err(|e| crate::Error::io("could not read that file", e))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(InputError::new(
            "import file",
            "it is larger than any journal export (256 MB)",
        )
        .into());
    }
    Ok(file)
}

/// Reads a jrnl or Day One export as text (see `open_import_file`).
pub fn read_import_file(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let file = open_import_file(path)?;
    let mut text = String::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| crate::Error::io("could not read that file as text", e))?;
    Ok(text)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Entries written.
    pub entries: u64,
    /// Links made from `@name` tags to partners.
    pub partner_links: u64,
    /// Distinct tags used by the imported entries.
    pub tags: u64,
    /// Entries left out (Day One entries without text; Markdown files without text, and a
    /// Rapport export's meetings).
    pub skipped: u64,
    /// Partners made (a Markdown folder's `partners/` files and the names entries list).
    #[serde(default)]
    pub partners: u64,
    /// Markdown notes with no date in their front matter or file name, dated by the file's
    /// last change.
    #[serde(default)]
    pub undated: u64,
}

#[derive(Deserialize)]
struct DayOneExport {
    entries: Vec<DayOneEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    #[serde(default)]
    text: String,
    creation_date: DateTime<Utc>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

#[derive(Deserialize)]
struct JrnlExport {
    entries: Vec<JrnlEntry>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// How often the progress callback is called, in entries.
const PROGRESS_EVERY: u64 = 1000;

fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Maps `@` tags to partners by the rules in the module comment.
struct PartnerMatcher {
    by_squashed_name: HashMap<String, PartnerId>,
    by_first_name: HashMap<String, Option<PartnerId>>,
}

impl PartnerMatcher {
    fn new(vault: &Vault) -> Result<PartnerMatcher> {
        let mut by_squashed_name = HashMap::new();
        let mut by_first_name: HashMap<String, Option<PartnerId>> = HashMap::new();
        for partner in vault.list_partners(true)? {
            by_squashed_name.insert(squash(&partner.name), partner.id);
            if let Some(first) = partner.name.split_whitespace().next() {
                by_first_name
                    .entry(squash(first))
                    .and_modify(|seen| *seen = None)
                    .or_insert(Some(partner.id));
            }
        }
        Ok(PartnerMatcher {
            by_squashed_name,
            by_first_name,
        })
    }

    fn find(&self, tag: &str) -> Option<PartnerId> {
        let key = squash(tag);
        self.by_squashed_name
            .get(&key)
            .copied()
            .or_else(|| self.by_first_name.get(&key).copied().flatten())
    }
}

fn local_instant(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .ok()?;
    let naive = NaiveDateTime::new(date, time);
    Local
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

impl Vault {
    /// Imports a jrnl JSON export. All or nothing: on any error nothing is written.
    pub fn import_jrnl(
        &mut self,
        json: &str,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let export: JrnlExport = serde_json::from_str(json).map_err(|e| {
            // serde's message names the position and the expected shape, never the content.
            InputError::new(
                "jrnl file",
                format!("not a jrnl JSON export ({})", describe_json_error(&e)),
            )
        })?;
        let matcher = PartnerMatcher::new(self)?;
        let mut checked = Vec::with_capacity(export.entries.len());
        for (index, jrnl) in export.entries.into_iter().enumerate() {
            let at = |reason: String| {
                InputError::new("jrnl file", format!("entry {}: {reason}", index + 1))
            };
            let created_at = local_instant(&jrnl.date, &jrnl.time)
                .ok_or_else(|| at("its date or time is not in jrnl's format".into()))?;
            let body = if jrnl.body.trim().is_empty() {
                jrnl.title
            } else {
                format!("{}\n{}", jrnl.title, jrnl.body)
            };
            let mut tags = Vec::new();
            let mut partners = Vec::new();
            for raw in &jrnl.tags {
                let partner = raw.strip_prefix('@').and_then(|name| matcher.find(name));
                match partner {
                    Some(id) => partners.push(id),
                    None => {
                        if let Ok(tag) = validate::tag(raw) {
                            tags.push(tag);
                        }
                    }
                }
            }
            if jrnl.starred {
                tags.push("starred".to_owned());
            }
            let entry = CheckedEntry::check(
                NewEntry {
                    body,
                    kind: EntryKind::Note,
                    tags,
                    partners,
                    shareable: false,
                    support: None,
                    created_at: Some(created_at),
                },
                now,
            )
            .map_err(|e| at(e.to_string()))?;
            checked.push(entry);
        }
        self.write_imported(checked, now, progress, 0)
    }

    /// Imports Day One's JSON export (the `Journal.json` inside its export zip). Each entry's
    /// `text` becomes the body, `creationDate` its time, `starred` the tag `starred`; a tag that
    /// names a partner (as for jrnl's `@tags`) links the entry, other tags become tags (spaces
    /// turned into dashes). Entries without text (a photo alone) are skipped and counted.
    pub fn import_day_one(
        &mut self,
        json: &str,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let export: DayOneExport = serde_json::from_str(json).map_err(|e| {
            InputError::new(
                "Day One file",
                format!("not a Day One JSON export ({})", describe_json_error(&e)),
            )
        })?;
        let matcher = PartnerMatcher::new(self)?;
        let mut checked = Vec::with_capacity(export.entries.len());
        let mut skipped = 0;
        for (index, day_one) in export.entries.into_iter().enumerate() {
            if day_one.text.trim().is_empty() {
                skipped += 1;
                continue;
            }
            let mut tags = Vec::new();
            let mut partners = Vec::new();
            for raw in &day_one.tags {
                match matcher.find(raw) {
                    Some(id) => partners.push(id),
                    None => {
                        if let Ok(tag) = validate::tag(&raw.trim().replace(' ', "-")) {
                            tags.push(tag);
                        }
                    }
                }
            }
            if day_one.starred {
                tags.push("starred".to_owned());
            }
            let entry = CheckedEntry::check(
                NewEntry {
                    body: day_one.text,
                    kind: EntryKind::Note,
                    tags,
                    partners,
                    shareable: false,
                    support: None,
                    created_at: Some(day_one.creation_date),
                },
                now,
            )
            .map_err(|e| InputError::new("Day One file", format!("entry {}: {e}", index + 1)))?;
            checked.push(entry);
        }
        self.write_imported(checked, now, progress, skipped)
    }

    fn write_imported(
        &mut self,
        checked: Vec<CheckedEntry>,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
        skipped: u64,
    ) -> Result<ImportReport> {
        let total = checked.len() as u64;
        let mut report = ImportReport {
            skipped,
            ..ImportReport::default()
        };
        let mut all_tags = std::collections::HashSet::new();
        for entry in &checked {
            report.partner_links += entry.partners.len() as u64;
            all_tags.extend(entry.tags.iter().cloned());
        }
        report.tags = all_tags.len() as u64;

        // A large page cache for the bulk write keeps FTS segment merges in memory; the usual
        // size is restored afterwards, whatever happened.
        let usual_cache: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |row| row.get(0))?;
        self.conn.pragma_update(None, "cache_size", -256 * 1024)?;
        let result = self.insert_imported(&checked, now, total, progress);
        self.conn.pragma_update(None, "cache_size", usual_cache)?;
        result?;
        report.entries = total;
        Ok(report)
    }

    fn insert_imported(
        &mut self,
        checked: &[CheckedEntry],
        now: DateTime<Utc>,
        total: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // The search index is filled once at the end, from the rows written, instead of entry by
        // entry through its trigger: FTS5 then builds one large segment per 64 MiB of terms
        // (migration 11) instead of merging small ones (docs/benchmarks.md). The trigger is
        // taken out and put back, from its own stored text, inside this transaction: whatever
        // fails, the rollback brings it back with everything else.
        let trigger: String = tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'entries_fts_insert'",
            [],
            |row| row.get(0),
        )?;
        let before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM entries", [], |row| {
            row.get(0)
        })?;
        tx.execute_batch("DROP TRIGGER entries_fts_insert")?;
        for (done, entry) in checked.iter().enumerate() {
            insert_entry(&tx, entry, now)?;
            let done = done as u64 + 1;
            if done.is_multiple_of(PROGRESS_EVERY) || done == total {
                progress(done, total);
            }
        }
        tx.execute(
            "INSERT INTO entries_fts (rowid, body) SELECT id, body FROM entries WHERE id > ?1",
            [before],
        )?;
        tx.execute_batch(&trigger)?;
        tx.commit()?;
        Ok(())
    }
}

fn describe_json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "invalid JSON",
        Category::Data => "unexpected shape",
        Category::Eof => "the file ends early",
    };
    format!("{what} at line {}, column {}", error.line(), error.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squashing_ignores_case_spaces_and_punctuation() {
        assert_eq!(squash("Bob Smith"), "bobsmith");
        assert_eq!(squash("bob_smith"), "bobsmith");
        assert_eq!(squash("José-María"), "josémaría");
    }

    #[test]
    fn jrnl_times_are_local_wall_clock() {
        let t = local_instant("2024-01-05", "10:00").unwrap();
        assert_eq!(
            t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
            "2024-01-05 10:00"
        );
        assert!(local_instant("2024-13-05", "10:00").is_none());
        assert!(local_instant("2024-01-05", "25:00").is_none());
    }
}
