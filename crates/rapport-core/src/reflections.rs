//! Reflections over time: the partnership prompts ("Who is my sounding board?", "What kind of
//! partner am I?") are answered again and again, and each answer is an entry tagged
//! `reflect-<prompt>` (the prompts themselves are the app's, `ui/prompts.js`; migration 16 tagged
//! the answers written before the tag). A partner carries how often each was answered and when
//! last; the answers themselves are a tag's page of their timeline (`ListQuery::tag`).

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::PartnerId;
use crate::time::from_millis;

/// The tag of an answer to a prompt begins with this; the prompt's id follows.
pub const REFLECTION_TAG_PREFIX: &str = "reflect-";

/// How often a partner's prompt was answered (entries not in the trash), and when last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectionCount {
    /// The answers' tag, `reflect-<prompt>`.
    pub tag: String,
    pub answers: u32,
    pub last_at: DateTime<Utc>,
}

/// Every prompt answered about `partner`, by tag: one grouped query that walks only the
/// `reflect-` tags in the tag index (the answers, however long the partner's timeline), then
/// each one's link and trash mark.
pub(crate) fn counts(conn: &Connection, partner: PartnerId) -> Result<Vec<ReflectionCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.tag, count(*), max(e.created_at)
         FROM entry_tags t INDEXED BY entry_tags_by_tag
         CROSS JOIN entry_partners ep ON ep.entry_id = t.entry_id AND ep.partner_id = ?1
         CROSS JOIN entries e INDEXED BY entries_search ON e.id = t.entry_id AND e.deleted_at IS NULL
         WHERE t.tag >= ?2 AND t.tag < ?3
         GROUP BY t.tag ORDER BY t.tag",
    )?;
    // '.' follows '-' in ASCII: the range holds exactly the tags that begin with the prefix.
    let end = format!("{}.", REFLECTION_TAG_PREFIX.trim_end_matches('-'));
    let counts = stmt
        .query_map(
            rusqlite::params![partner.0, REFLECTION_TAG_PREFIX, end],
            |row| {
                Ok(ReflectionCount {
                    tag: row.get(0)?,
                    answers: row.get(1)?,
                    last_at: from_millis(row.get(2)?),
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(counts)
}
