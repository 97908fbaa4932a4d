//! Journal entries: Markdown notes with a kind, tags and linked partners; trash and restore.

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::partners::{PartnerId, PartnerRef};
use crate::support::{self, Support};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub i64);

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    #[default]
    Note,
    Win,
    Concern,
    Reflection,
    Feedback,
}

crate::words::word_enum!(EntryKind, field: "kind", hint: "use note, win, concern, reflection or feedback", {
    Note => "note",
    Win => "win",
    Concern => "concern",
    Reflection => "reflection",
    Feedback => "feedback",
});

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub kind: EntryKind,
    /// Markdown.
    pub body: String,
    /// Normalised tags (lower case, no leading `#`), sorted.
    pub tags: Vec<String>,
    /// Linked partners, by name.
    pub partners: Vec<PartnerRef>,
    /// Private is the default: only entries marked shareable may reach a summary by themselves.
    pub shareable: bool,
    /// A time you had a linked partner's back or they had yours (`support.rs`).
    #[serde(default)]
    pub support: Option<Support>,
    /// Set while the entry is in the trash.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Counts up with every edit; an edit names the version it started from
    /// (`EntryUpdate::expected_version`).
    pub version: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEntry {
    pub body: String,
    pub kind: EntryKind,
    pub tags: Vec<String>,
    pub partners: Vec<PartnerId>,
    pub shareable: bool,
    /// Support given or received; the entry must then link a partner.
    pub support: Option<Support>,
    /// When the entry was written; `None` means now. Set by imports.
    pub created_at: Option<DateTime<Utc>>,
}

impl NewEntry {
    pub fn note(body: impl Into<String>) -> NewEntry {
        NewEntry {
            body: body.into(),
            ..NewEntry::default()
        }
    }
}

/// Changes to an entry; `None` leaves a field as it is. Lists replace the whole list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryUpdate {
    pub body: Option<String>,
    pub kind: Option<EntryKind>,
    pub tags: Option<Vec<String>>,
    pub partners: Option<Vec<PartnerId>>,
    pub shareable: Option<bool>,
    /// `Some(None)` clears the support; `Some(Some(..))` sets it (a partner must stay linked).
    pub support: Option<Option<Support>>,
    /// When it happened: a memory written down later, or a date corrected. Timelines (the
    /// partners' too) order by it.
    pub created_at: Option<DateTime<Utc>>,
    /// The version the edit started from (`Entry::version`, as the editor read it). When it is
    /// given and the entry has changed since, the edit is refused (`Error::ChangedElsewhere`)
    /// rather than overwrite that change. `None`: the edit is made on the entry as it is now.
    pub expected_version: Option<u32>,
}

/// Which page of the timeline to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Page size, 1 to [`MAX_PAGE`].
    pub limit: u32,
    /// Continue after this entry (the previous page's `next_before`).
    pub before: Option<EntryId>,
    /// Only entries linked to this partner.
    pub partner: Option<PartnerId>,
    /// The trash instead of the timeline (newest deletion first).
    pub trash: bool,
    /// Only entries with this tag (as typed: `#Wip` is `wip`). Read from the tag's index, so a
    /// page costs what the tag holds, not the journal.
    pub tag: Option<String>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            limit: 20,
            before: None,
            partner: None,
            trash: false,
            tag: None,
        }
    }
}

pub const MAX_PAGE: u32 = 500;

/// A tag and how many live entries carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    pub tag: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPage {
    pub entries: Vec<Entry>,
    /// Pass as `before` to read the next page; `None` on the last page.
    pub next_before: Option<EntryId>,
}

const ENTRY_COLUMNS: &str =
    "e.id, e.created_at, e.updated_at, e.kind, e.body, e.shareable, e.deleted_at, e.version";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: String = row.get(3)?;
    Ok(Entry {
        id: EntryId(row.get(0)?),
        created_at: from_millis(row.get(1)?),
        updated_at: from_millis(row.get(2)?),
        kind: kind.parse().unwrap_or_default(),
        body: row.get(4)?,
        shareable: row.get(5)?,
        deleted_at: row.get::<_, Option<i64>>(6)?.map(from_millis),
        version: row.get(7)?,
        tags: Vec::new(),
        partners: Vec::new(),
        support: None,
    })
}

/// A memory is written down later, never earlier: a date more than a day ahead (a clock or time
/// zone off by hours is fine) is a mistake, not a journal entry.
fn check_date(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), InputError> {
    if at > now + chrono::Duration::days(1) {
        return Err(InputError::new(
            "date",
            "an entry cannot be dated in the future",
        ));
    }
    Ok(())
}

/// Support is between you and a partner: an entry that records it links one.
fn check_support(support: Option<Support>, partners: &[PartnerId]) -> Result<(), InputError> {
    if support.is_some() && partners.is_empty() {
        return Err(InputError::new(
            "support",
            "support is given to or received from a partner: link the partner too",
        ));
    }
    Ok(())
}

/// Validated, normalised entry content ready to be written.
pub(crate) struct CheckedEntry {
    pub body: String,
    pub kind: EntryKind,
    pub tags: Vec<String>,
    pub partners: Vec<PartnerId>,
    pub shareable: bool,
    pub support: Option<Support>,
    pub created_at: DateTime<Utc>,
}

impl CheckedEntry {
    pub(crate) fn check(new: NewEntry, now: DateTime<Utc>) -> Result<CheckedEntry, InputError> {
        let mut partners = new.partners;
        partners.sort();
        partners.dedup();
        if partners.len() > validate::MAX_LINKS {
            return Err(InputError::new(
                "partners",
                format!("at most {} per entry", validate::MAX_LINKS),
            ));
        }
        if let Some(at) = new.created_at {
            check_date(at, now)?;
        }
        check_support(new.support, &partners)?;
        Ok(CheckedEntry {
            body: validate::body(&new.body)?,
            kind: new.kind,
            tags: validate::tags(&new.tags)?,
            partners,
            shareable: new.shareable,
            support: new.support,
            created_at: new.created_at.unwrap_or(now),
        })
    }
}

/// Writes one checked entry inside the caller's transaction. Partners must exist.
pub(crate) fn insert_entry(
    conn: &Connection,
    entry: &CheckedEntry,
    now: DateTime<Utc>,
) -> Result<EntryId> {
    conn.prepare_cached(
        "INSERT INTO entries (created_at, updated_at, kind, body, shareable) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        to_millis(entry.created_at),
        to_millis(now),
        entry.kind.as_str(),
        entry.body,
        entry.shareable
    ])?;
    let id = EntryId(conn.last_insert_rowid());
    write_links(conn, id, entry.created_at, &entry.tags, &entry.partners)?;
    support::write(conn, id.0, entry.support)?;
    Ok(id)
}

fn write_links(
    conn: &Connection,
    id: EntryId,
    created_at: DateTime<Utc>,
    tags: &[String],
    partners: &[PartnerId],
) -> Result<()> {
    let mut tag_stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        tag_stmt.execute(params![id.0, tag])?;
    }
    let mut partner_stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO entry_partners (entry_id, partner_id, entry_created_at) VALUES (?1, ?2, ?3)",
    )?;
    for partner in partners {
        match partner_stmt.execute(params![id.0, partner.0, to_millis(created_at)]) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
            {
                return Err(Error::NotFound {
                    what: "partner",
                    by: "id",
                })
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Fills `tags`, `partners` and `support` for a page of entries with three queries, however long
/// the page.
pub(crate) fn load_links(conn: &Connection, entries: &mut [Entry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = entries.iter().map(|e| e.id.0.to_string()).collect();
    let id_list = ids.join(",");
    let position: HashMap<i64, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.0, i))
        .collect();
    // The ids are integers from our own rows, so inlining them is safe and keeps one statement.
    let mut stmt = conn.prepare(&format!(
        "SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({id_list}) ORDER BY tag"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if let Some(&i) = position.get(&id) {
            entries[i].tags.push(row.get(1)?);
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT ep.entry_id, p.id, p.name FROM entry_partners ep JOIN partners p ON p.id = ep.partner_id
         WHERE ep.entry_id IN ({id_list}) ORDER BY p.name COLLATE NOCASE"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if let Some(&i) = position.get(&id) {
            entries[i].partners.push(PartnerRef {
                id: PartnerId(row.get(1)?),
                name: row.get(2)?,
            });
        }
    }
    for (id, found) in support::read_for(conn, &id_list)? {
        if let Some(&i) = position.get(&id) {
            entries[i].support = Some(found);
        }
    }
    Ok(())
}

pub(crate) fn entries_by_ids(conn: &Connection, ids: &[EntryId]) -> Result<Vec<Entry>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let id_list: Vec<String> = ids.iter().map(|id| id.0.to_string()).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id IN ({})",
        id_list.join(",")
    ))?;
    let mut found: HashMap<i64, Entry> = stmt
        .query_map([], entry_from_row)?
        .map(|r| r.map(|e| (e.id.0, e)))
        .collect::<rusqlite::Result<_>>()?;
    let mut ordered: Vec<Entry> = ids.iter().filter_map(|id| found.remove(&id.0)).collect();
    load_links(conn, &mut ordered)?;
    Ok(ordered)
}

/// One entry, also when it is in the trash, read through `conn` (a transaction's, or the vault's).
fn read_entry(conn: &Connection, id: EntryId) -> Result<Entry> {
    let mut entry = conn
        .query_row(
            &format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?1"),
            [id.0],
            entry_from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "entry",
            by: "id",
        })?;
    load_links(conn, std::slice::from_mut(&mut entry))?;
    Ok(entry)
}

impl Vault {
    pub fn add_entry(&mut self, new: NewEntry, now: DateTime<Utc>) -> Result<Entry> {
        let checked = CheckedEntry::check(new, now)?;
        let tx = self.conn.transaction()?;
        let id = insert_entry(&tx, &checked, now)?;
        tx.commit()?;
        self.entry(id)
    }

    /// One entry, also when it is in the trash.
    pub fn entry(&self, id: EntryId) -> Result<Entry> {
        read_entry(&self.conn, id)
    }

    /// Changes an entry. It is read again inside the transaction, which holds the write lock
    /// from its start, so a change made meanwhile by another process is either refused (the
    /// edit names an older version) or kept in the fields the edit leaves alone.
    pub fn update_entry(
        &mut self,
        id: EntryId,
        update: EntryUpdate,
        now: DateTime<Utc>,
    ) -> Result<Entry> {
        let body = update.body.as_deref().map(validate::body).transpose()?;
        let tags = update.tags.as_deref().map(validate::tags).transpose()?;
        if let Some(at) = update.created_at {
            check_date(at, now)?;
        }
        let partners = update.partners.map(|mut p| {
            p.sort();
            p.dedup();
            p
        });
        let tx = self.conn.transaction()?;
        let current = read_entry(&tx, id)?;
        if current.deleted_at.is_some() {
            return Err(InputError::new("entry", "it is in the trash; restore it first").into());
        }
        if update
            .expected_version
            .is_some_and(|version| version != current.version)
        {
            return Err(Error::ChangedElsewhere { what: "entry" });
        }
        let created_at = update.created_at.unwrap_or(current.created_at);
        let support = update.support.unwrap_or(current.support);
        let linked: Vec<PartnerId> = match &partners {
            Some(partners) => partners.clone(),
            None => current.partners.iter().map(|p| p.id).collect(),
        };
        check_support(support, &linked)?;
        tx.execute(
            "UPDATE entries SET body = ?2, kind = ?3, shareable = ?4, updated_at = ?5,
                    created_at = ?6, version = version + 1
             WHERE id = ?1",
            params![
                id.0,
                body.unwrap_or(current.body),
                update.kind.unwrap_or(current.kind).as_str(),
                update.shareable.unwrap_or(current.shareable),
                to_millis(now),
                to_millis(created_at)
            ],
        )?;
        // A partner's timeline reads the entry's date from its link (entry_partners_timeline).
        tx.execute(
            "UPDATE entry_partners SET entry_created_at = ?2 WHERE entry_id = ?1",
            params![id.0, to_millis(created_at)],
        )?;
        if let Some(tags) = &tags {
            tx.execute("DELETE FROM entry_tags WHERE entry_id = ?1", [id.0])?;
            write_links(&tx, id, created_at, tags, &[])?;
        }
        if let Some(partners) = &partners {
            tx.execute("DELETE FROM entry_partners WHERE entry_id = ?1", [id.0])?;
            write_links(&tx, id, created_at, &[], partners)?;
        }
        if update.support.is_some() {
            support::write(&tx, id.0, support)?;
        }
        tx.commit()?;
        self.entry(id)
    }

    /// Moves an entry to the trash. It disappears from the timeline and from search.
    pub fn trash_entry(&mut self, id: EntryId, now: DateTime<Utc>) -> Result<Entry> {
        let changed = self.conn.execute(
            "UPDATE entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id.0, to_millis(now)],
        )?;
        let entry = self.entry(id)?;
        if changed == 0 {
            return Err(InputError::new("entry", "it is already in the trash").into());
        }
        Ok(entry)
    }

    pub fn restore_entry(&mut self, id: EntryId) -> Result<Entry> {
        let changed = self.conn.execute(
            "UPDATE entries SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id.0],
        )?;
        let entry = self.entry(id)?;
        if changed == 0 {
            return Err(InputError::new("entry", "it is not in the trash").into());
        }
        Ok(entry)
    }

    /// Deletes an entry from the trash for good (its pages are overwritten: `secure_delete`).
    pub fn purge_entry(&mut self, id: EntryId) -> Result<()> {
        let entry = self.entry(id)?;
        if entry.deleted_at.is_none() {
            return Err(InputError::new("entry", "only entries in the trash can be purged").into());
        }
        self.conn
            .execute("DELETE FROM entries WHERE id = ?1", [id.0])?;
        Ok(())
    }

    /// Deletes every entry in the trash for good; returns how many.
    pub fn empty_trash(&mut self) -> Result<usize> {
        Ok(self
            .conn
            .execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?)
    }

    /// A page of the timeline (or of the trash), newest first, read by key so that a page
    /// costs the same at the start and at the end of a long journal.
    pub fn list_entries(&self, query: &ListQuery) -> Result<EntryPage> {
        if !(1..=MAX_PAGE).contains(&query.limit) {
            return Err(
                InputError::new("limit", format!("give a page size from 1 to {MAX_PAGE}")).into(),
            );
        }
        let order_column = if query.trash {
            "e.deleted_at"
        } else {
            "e.created_at"
        };
        let cursor: Option<(i64, i64)> = match query.before {
            None => None,
            Some(id) => Some(
                self.conn
                    .query_row(
                        &format!("SELECT {order_column}, e.id FROM entries e WHERE e.id = ?1"),
                        [id.0],
                        |row| {
                            Ok((
                                row.get::<_, Option<i64>>(0)?.unwrap_or(i64::MAX),
                                row.get(1)?,
                            ))
                        },
                    )
                    .optional()?
                    .ok_or(Error::NotFound {
                        what: "entry",
                        by: "id",
                    })?,
            ),
        };
        let tag = query.tag.as_deref().map(validate::tag).transpose()?;
        use rusqlite::types::Value;
        let mut conditions = vec![if query.trash {
            "e.deleted_at IS NOT NULL"
        } else {
            "e.deleted_at IS NULL"
        }];
        let mut values: Vec<Value> = Vec::new();
        // Each shape reads one index in order: the timeline, the trash, or a partner's timeline;
        // a tag's entries are read from the tag's index and sorted (a tag holds few).
        let (from, order, keys) = match (query.partner, query.trash) {
            _ if tag.is_some() && !query.trash => {
                conditions.push("t.tag = ?");
                values.push(Value::Text(tag.clone().unwrap_or_default()));
                if let Some(partner) = query.partner {
                    conditions.push(
                        "EXISTS (SELECT 1 FROM entry_partners ep WHERE ep.entry_id = e.id AND ep.partner_id = ?)",
                    );
                    values.push(Value::Integer(partner.0));
                }
                (
                    "entry_tags t CROSS JOIN entries e ON e.id = t.entry_id",
                    "e.created_at DESC, e.id DESC",
                    "(e.created_at, e.id) < (?, ?)",
                )
            }
            (Some(partner), false) => {
                conditions.push("ep.partner_id = ?");
                values.push(Value::Integer(partner.0));
                (
                    "entry_partners ep JOIN entries e ON e.id = ep.entry_id",
                    "ep.entry_created_at DESC, ep.entry_id DESC",
                    "(ep.entry_created_at, ep.entry_id) < (?, ?)",
                )
            }
            (Some(partner), true) => {
                conditions
                    .push("e.id IN (SELECT entry_id FROM entry_partners WHERE partner_id = ?)");
                values.push(Value::Integer(partner.0));
                (
                    "entries e",
                    "e.deleted_at DESC, e.id DESC",
                    "(e.deleted_at, e.id) < (?, ?)",
                )
            }
            (None, true) => (
                "entries e",
                "e.deleted_at DESC, e.id DESC",
                "(e.deleted_at, e.id) < (?, ?)",
            ),
            (None, false) => (
                "entries e",
                "e.created_at DESC, e.id DESC",
                "(e.created_at, e.id) < (?, ?)",
            ),
        };
        if let (Some(tag), true) = (&tag, query.trash) {
            conditions.push("e.id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)");
            values.push(Value::Text(tag.clone()));
        }
        if let Some((at, id)) = cursor {
            // A row-value comparison lets SQLite seek straight into the index.
            conditions.push(keys);
            values.push(Value::Integer(at));
            values.push(Value::Integer(id));
        }
        values.push(Value::Integer(i64::from(query.limit) + 1));
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM {from} WHERE {} ORDER BY {order} LIMIT ?",
            conditions.join(" AND ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut entries: Vec<Entry> = stmt
            .query_map(rusqlite::params_from_iter(values), entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let next_before = if entries.len() > query.limit as usize {
            entries.truncate(query.limit as usize);
            entries.last().map(|e| e.id)
        } else {
            None
        };
        load_links(&self.conn, &mut entries)?;
        Ok(EntryPage {
            entries,
            next_before,
        })
    }

    /// Tags in use on live entries, most used first (for completion).
    pub fn list_tags(&self) -> Result<Vec<TagCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.tag, count(*) AS uses FROM entry_tags t JOIN entries e ON e.id = t.entry_id
             WHERE e.deleted_at IS NULL GROUP BY t.tag ORDER BY uses DESC, t.tag LIMIT 1000",
        )?;
        let tags = stmt
            .query_map([], |row| {
                Ok(TagCount {
                    tag: row.get(0)?,
                    count: row.get::<_, i64>(1)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// Live entries in the vault: one number kept by triggers (`live_entry_count`, migration
    /// 3), not a count of the timeline's index.
    pub fn count_entries(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT live FROM live_entry_count", [], |row| row.get(0))?;
        Ok(n as u64)
    }
}

/// The opening of a body, on one line, for listings without a match to show.
pub fn preview(body: &str, max_chars: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        flat
    } else {
        let cut: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}
