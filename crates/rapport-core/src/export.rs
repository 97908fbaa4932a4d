//! Export-all and import: the whole vault as one documented JSON file (every row of every
//! table, ids kept, so references survive), and as a folder of Markdown files with front matter
//! for people who want plain files. Both are exports the person asked for: they are plaintext
//! by design, written readable only by the user.
//!
//! JSON layout (`docs/export-format.md`):
//! `{"format": "rapport-export", "version": 1, "schema": N, "tables": {"partners": [{column:
//! value, ...}, ...], ...}}`. Values are JSON numbers, strings or null, exactly as stored
//! (instants are UTC milliseconds, dates `YYYY-MM-DD`).

use std::path::Path;

use rusqlite::types::Value;
use serde_json::{Map, Value as Json};

use crate::error::{Error, InputError, Result};
use crate::export_rows;
use crate::export_stream;
use crate::meetings::MeetingId;
use crate::paths;
use crate::storage::SCHEMA_VERSION;
use crate::vault::Vault;

/// Tables in dependency order (a row's references come earlier). Full-text tables are derived
/// and rebuilt by triggers; `schema_migrations` belongs to the vault, not its data.
const TABLES: &[&str] = &[
    "partners",
    "partner_roles",
    "partner_relationships",
    "partner_pauses",
    "entries",
    "entry_tags",
    "entry_partners",
    "entry_support",
    "templates",
    "template_sections",
    "relationship_templates",
    "meetings",
    "meeting_partners",
    "action_items",
    "decisions",
    "agenda_items",
    "problems",
    "problem_options",
    "problem_peers",
    "problem_meetings",
    "people",
    "problem_allies",
    "problem_presentations",
    "meeting_guests",
];

/// The oldest schema whose exports this build imports: since then the exported tables have only
/// gained columns with defaults (migration 6's `version`, migration 8's worksheet), which a row
/// without them takes, and tables; the one move of rows (allies, migration 8) is repeated by
/// `export_rows::upgrade_imported`. Raise it with a migration that changes an exported table in
/// any other way.
const OLDEST_IMPORTABLE_SCHEMA: i64 = 2;

pub const EXPORT_FORMAT: &str = "rapport-export";
pub const EXPORT_VERSION: u64 = 1;

/// How many rows an import wrote, per table.
pub type ImportCounts = Vec<(String, u64)>;

fn to_json(value: Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => Json::from(f),
        Value::Text(t) => Json::from(t),
        Value::Blob(b) => Json::from(b),
    }
}

impl Vault {
    /// Every row of every table, as the documented JSON value.
    pub fn export_all(&self) -> Result<Json> {
        let mut tables = Map::new();
        for table in TABLES {
            let names: Vec<String> = export_rows::columns(&self.conn, table)?
                .into_iter()
                .map(|c| c.name)
                .collect();
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .or_else(|_| self.conn.prepare(&format!("SELECT * FROM {table}")))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut object = Map::new();
                for (i, name) in names.iter().enumerate() {
                    object.insert(name.clone(), to_json(row.get::<_, Value>(i)?));
                }
                out.push(Json::Object(object));
            }
            tables.insert((*table).to_owned(), Json::Array(out));
        }
        Ok(serde_json::json!({
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "schema": SCHEMA_VERSION,
            "tables": tables,
        }))
    }

    /// Imports an export given as a JSON value (see `import_all_from`).
    pub fn import_all(&mut self, export: &Json) -> Result<ImportCounts> {
        let text = serde_json::to_vec(export)
            .map_err(|_| Error::from(InputError::new("export file", "it could not be read")))?;
        self.import_all_from(text.as_slice())
    }

    /// Imports an export read from `reader` into this vault, which must hold no partners,
    /// entries or meetings. Rows are checked and written as they are read, never held as a tree
    /// of the whole file (`export_stream.rs`). One transaction: a failed import writes nothing.
    pub fn import_all_from(&mut self, reader: impl std::io::Read) -> Result<ImportCounts> {
        let bad = |reason: &str| Error::from(InputError::new("export file", reason.to_owned()));
        // Looked at inside the transaction, which holds the write lock: nothing can be written
        // between the look and the import.
        let tx = self.conn.transaction()?;
        let used: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM partners) + (SELECT count(*) FROM entries) + (SELECT count(*) FROM meetings)",
            [],
            |row| row.get(0),
        )?;
        if used > 0 {
            return Err(bad(
                "import into an empty vault: this one already holds a journal",
            ));
        }
        let header = export_stream::Header {
            format: EXPORT_FORMAT,
            version: EXPORT_VERSION,
            schemas: OLDEST_IMPORTABLE_SCHEMA..=SCHEMA_VERSION,
        };
        let written = export_stream::Import::new(&tx, TABLES, header).run(reader)?;
        let counts: ImportCounts = TABLES
            .iter()
            .map(|table| {
                (
                    (*table).to_owned(),
                    written.get(*table).copied().unwrap_or(0),
                )
            })
            .collect();
        export_rows::upgrade_imported(&tx)?;
        export_rows::check_links(&tx)?;
        tx.commit()?;
        Ok(counts)
    }

    /// Writes the journal as plain Markdown files into `dir` (which must not exist yet):
    /// `entries/`, `partners/` and `meetings/`, each file with YAML front matter.
    /// `today`: the day agendas are printed as of (what is overdue), passed in like every time.
    pub fn export_markdown(&self, target: &Path, today: chrono::NaiveDate) -> Result<u64> {
        if target.exists() {
            return Err(
                InputError::new("folder", "choose a folder that does not exist yet").into(),
            );
        }
        // Written under a name of its own and renamed when complete: an export cut short (a
        // kill, a full disk) never looks like a finished one, and the next export to the same
        // folder clears what an earlier one left.
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = target.parent().unwrap_or(Path::new("."));
        if let Ok(siblings) = std::fs::read_dir(parent) {
            let leftover = format!(".{name}.partial-");
            for sibling in siblings.flatten() {
                if sibling.file_name().to_string_lossy().starts_with(&leftover) {
                    let _ = std::fs::remove_dir_all(sibling.path());
                }
            }
        }
        let dir = parent.join(format!(".{name}.partial-{}", std::process::id()));
        let written = self.write_markdown(&dir, today).and_then(|written| {
            std::fs::rename(&dir, target)
                .map_err(|e| Error::io(format!("could not name {}", target.display()), e))?;
            paths::sync_dir(parent);
            Ok(written)
        });
        if written.is_err() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        written
    }

    /// The Markdown folder's files, written into `dir`.
    fn write_markdown(&self, dir: &Path, today: chrono::NaiveDate) -> Result<u64> {
        paths::prepare_private_dir(dir)?;
        let mut written = 0;
        let write = |relative: String, text: String| -> Result<()> {
            let path = dir.join(relative);
            if let Some(parent) = path.parent() {
                paths::prepare_private_dir(parent)?;
            }
            paths::write_private_atomically(&path, text.as_bytes())
        };
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        for partner in self.list_partners(true)? {
            let mut text = format!(
                "---\nid: {}\nname: {}\nrelationship: {}\n",
                partner.id,
                quote(&partner.name),
                partner.relationship.as_str()
            );
            for (key, value) in [
                ("role", &partner.role),
                ("organisation", &partner.organisation),
            ] {
                if let Some(v) = value {
                    text.push_str(&format!("{key}: {}\n", quote(v)));
                }
            }
            if let Some(days) = partner.cadence_days {
                text.push_str(&format!("cadence_days: {days}\n"));
            }
            if let Some(since) = partner.since {
                text.push_str(&format!("since: {since}\n"));
            }
            text.push_str(&format!(
                "archived: {}\n---\n\n# {}\n\n{}\n",
                partner.archived, partner.name, partner.notes
            ));
            write(format!("partners/{:05}.md", partner.id), text)?;
            written += 1;
        }
        let mut before = None;
        loop {
            let page = self.list_entries(&crate::ListQuery {
                limit: 500,
                before,
                ..crate::ListQuery::default()
            })?;
            for entry in &page.entries {
                let partners: Vec<String> = entry.partners.iter().map(|p| quote(&p.name)).collect();
                let tags: Vec<String> = entry.tags.iter().map(|t| quote(t)).collect();
                let support = entry
                    .support
                    .map(|s| format!("support: {} {}\n", s.direction.as_str(), s.act.as_str()))
                    .unwrap_or_default();
                let text = format!(
                    "---\nid: {}\ncreated_at: {}\nkind: {}\ntags: [{}]\npartners: [{}]\nshareable: {}\n{support}---\n\n{}\n",
                    entry.id,
                    entry.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    entry.kind,
                    tags.join(", "),
                    partners.join(", "),
                    entry.shareable,
                    entry.body
                );
                write(
                    format!(
                        "entries/{}-{:06}.md",
                        entry.created_at.format("%Y-%m-%d"),
                        entry.id
                    ),
                    text,
                )?;
                written += 1;
            }
            match page.next_before {
                Some(next) => before = Some(next),
                None => break,
            }
        }
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM meetings ORDER BY at, id")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let meeting = self.meeting(MeetingId(id))?;
            let text = format!(
                "---\nid: {}\nat: {}\nstatus: {}\n---\n\n{}",
                meeting.id,
                meeting
                    .at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                meeting.status.as_str(),
                crate::agenda_markdown(&meeting, today, &chrono::Utc)
            );
            write(
                format!(
                    "meetings/{}-{:05}.md",
                    meeting.at.format("%Y-%m-%d"),
                    meeting.id
                ),
                text,
            )?;
            written += 1;
        }
        Ok(written)
    }
}
