//! Importing a folder of Markdown files: Rapport's own `export-all --markdown` folder (a round
//! trip: the same partners, entries, tags and dates) and plain notes as Obsidian-style vaults keep
//! them, with YAML front matter or a date in the file name.
//!
//! Reading and importing are apart: `read_markdown_folder` walks the folder (every `.md` file
//! below it, in path order; hidden folders such as `.obsidian` and `.trash`, and symbolic links,
//! are left out) within the import limits, and `Vault::import_markdown` writes what was read in
//! one transaction, or nothing.
//!
//! How a file maps onto Rapport:
//! - `partners/*.md` with `name` and `relationship` in its front matter (Rapport's export) is a
//!   partner: relationship, role, organisation, cadence, since and archived from the front
//!   matter, the notes from the text under its `# Name` heading. Their relationship and role
//!   histories are not in the Markdown export: they begin again from `since` (the JSON export
//!   keeps them). A partner of that name already in the vault is kept as it is.
//! - `meetings/*.md` with a `status` (Rapport's export) is left out: a meeting's Markdown is an
//!   agenda to read, not one to write back; the report counts them as skipped.
//! - Every other file is an entry. Its date: `created_at`, `date` or `created` in the front matter
//!   (a day is noon local time), else a `YYYY-MM-DD` in the file name, else the file's last
//!   change (the report counts those as undated). `kind`, `tags` (a list, or words), `shareable`
//!   and `support` ("given covered") are read when present; `partners` names partners, made when
//!   not known yet. A plain note (one without Rapport's `id` and `kind`) starts with its file
//!   name as a heading when its text has none, and its `[[Name]]` links link the partners they
//!   name. A file with no text is skipped.
//! - Errors name a file by its position in path order ("file 3 of 40"), never by its name or
//!   content, which may hold a name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};

use crate::entries::{insert_entry, CheckedEntry, EntryKind, NewEntry};
use crate::error::{Error, InputError, Result};
use crate::import::{ImportReport, MAX_IMPORT_BYTES};
use crate::partners::{insert_partner, partner_named, NewPartner, PartnerId, Relationship};
use crate::support::{Support, SupportAct, SupportDirection};
use crate::vault::Vault;

/// The most files a folder import reads.
pub const MAX_MARKDOWN_FILES: usize = 100_000;
/// How deep below the chosen folder files are looked for.
const MAX_DEPTH: usize = 12;

/// One Markdown file as read: its path below the folder, its text, its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownFile {
    pub path: PathBuf,
    pub text: String,
    pub modified: Option<DateTime<Utc>>,
}

/// A folder's Markdown files, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownFolder {
    pub files: Vec<MarkdownFile>,
}

/// Reads every `.md` file below `dir` (see the module comment), refusing a folder whose files
/// together are larger than the import limit or more than [`MAX_MARKDOWN_FILES`], and a file that
/// is not UTF-8 text.
pub fn read_markdown_folder(dir: &Path) -> Result<MarkdownFolder> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io("could not open that folder", e))?;
    if !meta.is_dir() {
        return Err(InputError::new("folder", "choose a folder, not a file").into());
    }
    let mut paths = Vec::new();
    collect(dir, Path::new(""), 0, &mut paths)?;
    paths.sort();
    let mut total = 0u64;
    let mut files = Vec::with_capacity(paths.len());
    let count = paths.len();
    for (index, relative) in paths.into_iter().enumerate() {
        let full = dir.join(&relative);
        let meta = std::fs::metadata(&full).map_err(|e| Error::io("could not read a file", e))?;
        total += meta.len();
        if total > MAX_IMPORT_BYTES {
            return Err(InputError::new(
                "folder",
                "its Markdown files are larger than any journal export (256 MB)",
            )
            .into());
        }
        let bytes = std::fs::read(&full).map_err(|e| Error::io("could not read a file", e))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            InputError::new(
                "folder",
                format!(
                    "file {} of {count} (in path order) is not UTF-8 text",
                    index + 1
                ),
            )
        })?;
        files.push(MarkdownFile {
            path: relative,
            text,
            modified: meta.modified().ok().map(DateTime::<Utc>::from),
        });
    }
    Ok(MarkdownFolder { files })
}

fn collect(root: &Path, relative: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    let read = std::fs::read_dir(root.join(relative))
        .map_err(|e| Error::io("could not read that folder", e))?;
    for item in read {
        let item = item.map_err(|e| Error::io("could not read that folder", e))?;
        let name = item.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // Not followed: a link could lead out of the folder, or round in a circle.
        let kind = item
            .file_type()
            .map_err(|e| Error::io("could not read that folder", e))?;
        let path = relative.join(&name);
        if kind.is_dir() && depth < MAX_DEPTH {
            collect(root, &path, depth + 1, out)?;
        } else if kind.is_file()
            && Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
            if out.len() > MAX_MARKDOWN_FILES {
                return Err(InputError::new(
                    "folder",
                    format!("it holds more than {MAX_MARKDOWN_FILES} Markdown files"),
                )
                .into());
            }
        }
    }
    Ok(())
}

/// A front-matter value: a word or text, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    fn text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            Value::List(_) => None,
        }
    }

    /// A list, or the words of a text ("a, b c").
    fn items(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.clone(),
            Value::Text(text) => text
                .split([',', ' '])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// A list as it is, or a text as one item: partner names hold spaces.
    fn items_keeping_spaces(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.clone(),
            Value::Text(text) => text
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// A note split into its front matter (the YAML subset notes use: `key: value`, `[a, b]` lists
/// and `- item` lists) and its text.
struct Note<'a> {
    fields: HashMap<String, Value>,
    body: &'a str,
}

fn unquote(text: &str) -> String {
    let text = text.trim();
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        // Rapport's export quotes as JSON does.
        return serde_json::from_str::<String>(text)
            .unwrap_or_else(|_| text[1..text.len() - 1].to_owned());
    }
    if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
        return text[1..text.len() - 1].replace("''", "'");
    }
    text.to_owned()
}

/// The items of a flow list's inside, split at commas outside quotes.
fn flow_items(inside: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in inside.chars() {
        match quote {
            Some(q) => {
                current.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                current.push(c);
            }
            None if c == ',' => items.push(std::mem::take(&mut current)),
            None => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|item| unquote(item))
        .filter(|item| !item.is_empty())
        .collect()
}

fn parse_note(text: &str) -> Note<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != "---" {
        return Note {
            fields: HashMap::new(),
            body: text,
        };
    }
    let mut offset = opening.len();
    let mut front = Vec::new();
    let mut closed = false;
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            closed = true;
            break;
        }
        front.push(trimmed);
    }
    if !closed {
        // A rule at the top of a note, not front matter.
        return Note {
            fields: HashMap::new(),
            body: text,
        };
    }
    let mut fields = HashMap::new();
    let mut pending: Option<String> = None;
    for line in front {
        let stripped = line.trim_start();
        if stripped.is_empty() || stripped.starts_with('#') {
            continue;
        }
        if let (Some(key), Some(item)) = (&pending, stripped.strip_prefix("- ")) {
            if let Some(Value::List(items)) = fields.get_mut(key) {
                items.push(unquote(item));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let key = key.trim().to_lowercase();
        let value = value.trim();
        pending = None;
        if value.is_empty() {
            fields.insert(key.clone(), Value::List(Vec::new()));
            pending = Some(key);
        } else if let Some(inside) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            fields.insert(key, Value::List(flow_items(inside)));
        } else {
            fields.insert(key, Value::Text(unquote(value)));
        }
    }
    Note {
        fields,
        body: &text[offset..],
    }
}

/// A day at noon local time, as the CLI's `--date DAY` reads it.
fn local_noon(day: NaiveDate) -> Option<DateTime<Utc>> {
    Local
        .from_local_datetime(&day.and_hms_opt(12, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A front-matter date: RFC 3339, `YYYY-MM-DD HH:MM` (local) or `YYYY-MM-DD` (noon local).
fn parse_when(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Local
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.with_timezone(&Utc));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(local_noon)
}

/// The first `YYYY-MM-DD` in a file name, and the name without it (the note's title).
fn date_in_name(stem: &str) -> (Option<NaiveDate>, String) {
    for (from, _) in stem.char_indices() {
        if from + 10 > stem.len() {
            break;
        }
        // Not a date where the ten bytes would cut a character.
        let Some(piece) = stem.get(from..from + 10) else {
            continue;
        };
        if let Ok(day) = NaiveDate::parse_from_str(piece, "%Y-%m-%d") {
            let rest = format!("{}{}", &stem[..from], &stem[from + 10..]);
            let title = rest
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '.'))
                .to_owned();
            return (Some(day), title);
        }
    }
    (None, stem.trim().to_owned())
}

/// The names that `[[Name]]` and `[[Name|shown]]` links in a text point at.
fn wiki_links(body: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        let target = after[..end].split(['|', '#']).next().unwrap_or("").trim();
        if !target.is_empty() && !target.contains('\n') {
            names.push(target);
        }
        rest = &after[end + 2..];
    }
    names
}

/// Partners by name as the import finds and makes them, inside its transaction.
struct Partners {
    known: HashMap<String, PartnerId>,
    made: u64,
}

impl Partners {
    fn find(&mut self, tx: &rusqlite::Transaction<'_>, name: &str) -> Result<Option<PartnerId>> {
        let key = name.trim().to_lowercase();
        if let Some(id) = self.known.get(&key) {
            return Ok(Some(*id));
        }
        let found = partner_named(tx, name.trim())?;
        if let Some(id) = found {
            self.known.insert(key, id);
        }
        Ok(found)
    }

    fn find_or_make(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        new: &NewPartner,
        now: DateTime<Utc>,
    ) -> Result<(PartnerId, bool)> {
        if let Some(id) = self.find(tx, &new.name)? {
            return Ok((id, false));
        }
        let id = insert_partner(tx, new, now)?;
        self.known.insert(new.name.trim().to_lowercase(), id);
        self.made += 1;
        Ok((id, true))
    }
}

fn is_partner_file(file: &MarkdownFile, note: &Note<'_>) -> bool {
    file.path
        .components()
        .next()
        .is_some_and(|c| c.as_os_str() == "partners")
        && note.fields.contains_key("name")
        && note.fields.contains_key("relationship")
}

fn is_meeting_file(file: &MarkdownFile, note: &Note<'_>) -> bool {
    file.path
        .components()
        .next()
        .is_some_and(|c| c.as_os_str() == "meetings")
        && note.fields.contains_key("status")
}

/// The first of `keys` the front matter gives a value; an empty one (`date:` left blank, as
/// note templates leave it) is as if absent.
fn field<'n>(note: &'n Note<'_>, keys: &[&str]) -> Option<&'n Value> {
    keys.iter().find_map(|key| {
        note.fields.get(*key).filter(|value| match value {
            Value::Text(text) => !text.trim().is_empty(),
            Value::List(items) => !items.is_empty(),
        })
    })
}

impl Vault {
    /// Imports a folder read by [`read_markdown_folder`]: partners first, then entries, in one
    /// transaction; on any error nothing is written.
    pub fn import_markdown(
        &mut self,
        folder: &MarkdownFolder,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let count = folder.files.len();
        let at = |index: usize, reason: String| {
            Error::from(InputError::new(
                "folder",
                format!("file {} of {count} (in path order): {reason}", index + 1),
            ))
        };
        let notes: Vec<Note<'_>> = folder.files.iter().map(|f| parse_note(&f.text)).collect();
        let mut report = ImportReport::default();
        let mut tags_seen = std::collections::HashSet::new();
        let total = count as u64;
        let tx = self.conn.transaction()?;
        let mut partners = Partners {
            known: HashMap::new(),
            made: 0,
        };

        // Partners first, so that entries find them by name.
        for (index, (file, note)) in folder.files.iter().zip(&notes).enumerate() {
            if !is_partner_file(file, note) {
                continue;
            }
            let text = |key: &str| field(note, &[key]).and_then(Value::text).map(str::to_owned);
            let name = text("name").unwrap_or_default();
            let relationship = text("relationship")
                .unwrap_or_default()
                .parse::<Relationship>()
                .map_err(|e| at(index, e.to_string()))?;
            let cadence_days = match text("cadence_days") {
                None => None,
                Some(days) => Some(
                    days.parse::<u32>()
                        .map_err(|_| at(index, "cadence_days is not a number of days".into()))?,
                ),
            };
            // The export writes the notes under a `# Name` heading.
            let heading = format!("# {name}");
            let body = note.body.trim_start_matches('\n');
            let notes_text = body
                .strip_prefix(heading.as_str())
                .unwrap_or(body)
                .trim()
                .to_owned();
            let since = match text("since") {
                None => None,
                Some(day) => Some(
                    NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                        .map_err(|_| at(index, "since is not a YYYY-MM-DD date".into()))?,
                ),
            };
            let new = NewPartner {
                role: text("role"),
                organisation: text("organisation"),
                relationship,
                cadence_days,
                since,
                notes: notes_text,
                ..NewPartner::named(name)
            };
            let (id, made) = partners
                .find_or_make(&tx, &new, now)
                .map_err(|e| at(index, e.to_string()))?;
            if made && text("archived").as_deref() == Some("true") {
                tx.execute("UPDATE partners SET archived = 1 WHERE id = ?1", [id.0])?;
            }
            progress(index as u64 + 1, total);
        }

        for (index, (file, note)) in folder.files.iter().zip(&notes).enumerate() {
            if is_partner_file(file, note) {
                continue;
            }
            if is_meeting_file(file, note) || note.body.trim().is_empty() {
                report.skipped += 1;
                continue;
            }
            let rapport_entry = note.fields.contains_key("id") && note.fields.contains_key("kind");
            let stem = file
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (named_day, title) = date_in_name(&stem);
            let created_at = match field(note, &["created_at", "date", "created"]) {
                Some(value) => Some(
                    value
                        .text()
                        .and_then(parse_when)
                        .ok_or_else(|| at(index, "its date is not a date".into()))?,
                ),
                None => named_day.and_then(local_noon),
            };
            let created_at = match created_at {
                Some(at) => at,
                None => {
                    report.undated += 1;
                    file.modified.unwrap_or(now)
                }
            };
            let kind = match field(note, &["kind"]).and_then(Value::text) {
                Some(kind) => kind
                    .parse::<EntryKind>()
                    .map_err(|e| at(index, e.to_string()))?,
                None => EntryKind::Note,
            };
            let tags: Vec<String> = field(note, &["tags", "tag"])
                .map(Value::items)
                .unwrap_or_default();
            let support = match field(note, &["support"]).and_then(Value::text) {
                None => None,
                Some(text) => {
                    let (direction, act) = text.split_once(' ').unwrap_or((text, ""));
                    let direction = direction
                        .parse::<SupportDirection>()
                        .map_err(|e| at(index, e.to_string()))?;
                    let act = act
                        .parse::<SupportAct>()
                        .map_err(|e| at(index, e.to_string()))?;
                    Some(Support { direction, act })
                }
            };
            let mut linked = Vec::new();
            for name in field(note, &["partners"])
                .map(Value::items_keeping_spaces)
                .unwrap_or_default()
            {
                let (id, _) = partners
                    .find_or_make(&tx, &NewPartner::named(name), now)
                    .map_err(|e| at(index, e.to_string()))?;
                linked.push(id);
            }
            let mut body = note.body.trim_start_matches(['\n', '\r']).to_owned();
            if !rapport_entry {
                for name in wiki_links(&body) {
                    if let Some(id) = partners.find(&tx, name)? {
                        linked.push(id);
                    }
                }
                if !title.is_empty() && !body.trim_start().starts_with('#') {
                    body = format!("# {title}\n\n{body}");
                }
            }
            let shareable = field(note, &["shareable"]).and_then(Value::text) == Some("true");
            let checked = CheckedEntry::check(
                NewEntry {
                    body,
                    kind,
                    tags,
                    partners: linked,
                    shareable,
                    support,
                    created_at: Some(created_at),
                },
                now,
            )
            .map_err(|e| at(index, e.to_string()))?;
            report.partner_links += checked.partners.len() as u64;
            tags_seen.extend(checked.tags.iter().cloned());
            insert_entry(&tx, &checked, now)?;
            report.entries += 1;
            progress(index as u64 + 1, total);
        }
        tx.commit()?;
        report.tags = tags_seen.len() as u64;
        report.partners = partners.made;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_the_subset_notes_use() {
        let note = parse_note(
            "---\nid: 12\nname: \"Mike \\\"MC\\\" Chen\"\ntags: [a, \"b c\", 'd''e']\npartners:\n  - Ana\n  - \"Bo\"\n# a comment\nempty:\n---\n\nThe text.\n",
        );
        assert_eq!(note.fields["id"], Value::Text("12".into()));
        assert_eq!(note.fields["name"], Value::Text("Mike \"MC\" Chen".into()));
        assert_eq!(
            note.fields["tags"],
            Value::List(vec!["a".into(), "b c".into(), "d'e".into()])
        );
        assert_eq!(
            note.fields["partners"],
            Value::List(vec!["Ana".into(), "Bo".into()])
        );
        assert_eq!(note.body, "\nThe text.\n");
        // A rule that never closes is not front matter.
        let plain = parse_note("---\nNot front matter\n");
        assert!(plain.fields.is_empty());
        assert_eq!(plain.body, "---\nNot front matter\n");
        assert!(parse_note("No front matter").fields.is_empty());
    }

    #[test]
    fn a_date_is_found_in_a_file_name_and_the_rest_is_its_title() {
        let day = NaiveDate::from_ymd_opt(2021, 3, 4);
        assert_eq!(
            date_in_name("2021-03-04 Offsite with Mike"),
            (day, "Offsite with Mike".into())
        );
        assert_eq!(date_in_name("Notes-2021-03-04"), (day, "Notes".into()));
        assert_eq!(date_in_name("2021-03-04-000012"), (day, "000012".into()));
        assert_eq!(date_in_name("Ideas"), (None, "Ideas".into()));
        assert_eq!(date_in_name("2021-13-40 x"), (None, "2021-13-40 x".into()));
        assert_eq!(date_in_name("día 2021-03-04"), (day, "día".into()));
    }

    #[test]
    fn wiki_links_name_their_targets() {
        assert_eq!(
            wiki_links("Met [[Mike Chen]] and [[Ana|A.]]; see [[Mike Chen#2021]]. [[ ]] [[open"),
            ["Mike Chen", "Ana", "Mike Chen"]
        );
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        let noon = parse_when("2021-03-04").unwrap();
        assert_eq!(
            noon.with_timezone(&Local).format("%H:%M").to_string(),
            "12:00"
        );
        assert!(parse_when("2021-03-04T09:30:00Z").is_some());
        assert!(parse_when("2021-03-04 09:30").is_some());
        assert!(parse_when("last tuesday").is_none());
    }
}
