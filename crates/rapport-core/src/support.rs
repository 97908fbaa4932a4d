//! Support given and received: a time you had a partner's back or they had yours (covered,
//! advocated, shielded, sponsored, opened an opportunity, gave hard feedback, taught). It is a
//! facet of an entry (`entry_support`, migration 15), so a support moment is written, dated,
//! searched, trashed and shared like any entry; this module reads and writes the facet and counts
//! the balance per year for a partner's page.
//!
//! Rule: support is between you and a partner, so an entry with support links at least one
//! partner (`entries.rs` checks it on every write).

use std::collections::HashMap;
use std::fmt;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::PartnerId;
use crate::time::{from_millis, local_day, local_year_sql, new_year_millis};
use crate::vault::Vault;

/// Who had whose back: you had theirs (given) or they had yours (received).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportDirection {
    Given,
    Received,
}

crate::words::word_enum!(SupportDirection, field: "direction", hint: "use given or received", {
    Given => "given",
    Received => "received",
});

/// What the support was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportAct {
    /// Stepped in during a crisis or a leave, took over a meeting.
    Covered,
    /// Spoke up for them with management.
    Advocated,
    /// Kept meetings and noise away.
    Shielded,
    /// Put their name forward for a role or a project.
    Sponsored,
    /// Opened an opportunity.
    Opportunity,
    /// Said the hard thing that needed saying.
    HardFeedback,
    Taught,
}

crate::words::word_enum!(SupportAct, field: "support", hint: "use covered, advocated, shielded, sponsored, opportunity, hard-feedback or taught", {
    Covered => "covered",
    Advocated => "advocated",
    Shielded => "shielded",
    Sponsored => "sponsored",
    Opportunity => "opportunity",
    HardFeedback => "hard_feedback",
    Taught => "taught",
});

/// The support an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Support {
    pub direction: SupportDirection,
    pub act: SupportAct,
}

impl Support {
    pub fn given(act: SupportAct) -> Support {
        Support {
            direction: SupportDirection::Given,
            act,
        }
    }

    pub fn received(act: SupportAct) -> Support {
        Support {
            direction: SupportDirection::Received,
            act,
        }
    }

    /// As every printer says it, of the partner the entry is about: "You covered for them",
    /// "They covered for you".
    pub fn sentence(self) -> &'static str {
        use SupportAct::*;
        use SupportDirection::*;
        match (self.direction, self.act) {
            (Given, Covered) => "You covered for them",
            (Received, Covered) => "They covered for you",
            (Given, Advocated) => "You advocated for them",
            (Received, Advocated) => "They advocated for you",
            (Given, Shielded) => "You shielded them",
            (Received, Shielded) => "They shielded you",
            (Given, Sponsored) => "You sponsored them",
            (Received, Sponsored) => "They sponsored you",
            (Given, Opportunity) => "You opened an opportunity for them",
            (Received, Opportunity) => "They opened an opportunity for you",
            (Given, HardFeedback) => "You gave them hard feedback",
            (Received, HardFeedback) => "They gave you hard feedback",
            (Given, Taught) => "You taught them",
            (Received, Taught) => "They taught you",
        }
    }
}

impl fmt::Display for Support {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sentence())
    }
}

/// Support both ways in one calendar year (local time), by the entries' dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportYear {
    pub year: i32,
    pub given: u32,
    pub received: u32,
}

/// A partner's support both ways: in all, and per year with any, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportBalance {
    pub given: u32,
    pub received: u32,
    pub years: Vec<SupportYear>,
}

/// Sets (or, with `None`, clears) an entry's support inside the caller's transaction.
pub(crate) fn write(conn: &Connection, entry_id: i64, support: Option<Support>) -> Result<()> {
    conn.prepare_cached("DELETE FROM entry_support WHERE entry_id = ?1")?
        .execute([entry_id])?;
    if let Some(support) = support {
        conn.prepare_cached(
            "INSERT INTO entry_support (entry_id, direction, act) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            entry_id,
            support.direction.as_str(),
            support.act.as_str()
        ])?;
    }
    Ok(())
}

/// The support of the entries listed (`id_list`: comma-separated ids from our own rows), by id.
pub(crate) fn read_for(conn: &Connection, id_list: &str) -> Result<HashMap<i64, Support>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT entry_id, direction, act FROM entry_support WHERE entry_id IN ({id_list})"
    ))?;
    let mut found = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        // The table's CHECK constraints keep both words among the known ones.
        let (Ok(direction), Ok(act)) = (
            row.get::<_, String>(1)?.parse(),
            row.get::<_, String>(2)?.parse(),
        ) else {
            continue;
        };
        found.insert(row.get(0)?, Support { direction, act });
    }
    Ok(found)
}

/// A partner's support both ways, per year of the entries' dates, from the entries not in the
/// trash, read through `conn`. One grouped query: a partnership of decades is a row per year, not
/// per entry.
pub(crate) fn balance(conn: &Connection, partner: PartnerId) -> Result<SupportBalance> {
    balance_between(conn, partner, None)
}

/// [`balance`] of the entries dated within the local years `years` (first and last) when given.
pub(crate) fn balance_between(
    conn: &Connection,
    partner: PartnerId,
    years: Option<(i32, i32)>,
) -> Result<SupportBalance> {
    let (from, to) = match years {
        Some(years) => years,
        None => {
            // The partner's first and last linked days, from their links' index.
            let (first, last): (Option<i64>, Option<i64>) = conn
                .prepare_cached(
                    "SELECT min(entry_created_at), max(entry_created_at) FROM entry_partners
                     WHERE partner_id = ?1",
                )?
                .query_row([partner.0], |row| Ok((row.get(0)?, row.get(1)?)))?;
            let (Some(first), Some(last)) = (first, last) else {
                return Ok(SupportBalance::default());
            };
            let year = |at: i64| chrono::Datelike::year(&local_day(from_millis(at)));
            // Years beyond two centuries back are grouped by their UTC day (local_year_sql).
            (year(first).max(year(last) - 199), year(last))
        }
    };
    // A range of years reads only their links; the whole balance reads every link.
    let (start, end) = match years {
        Some(_) => (
            new_year_millis(from).unwrap_or(i64::MIN),
            new_year_millis(to + 1).unwrap_or(i64::MAX),
        ),
        None => (i64::MIN, i64::MAX),
    };
    // In this order: the partner's links (a covering index), the small support table by its
    // key, and the entry's trash mark from the narrow index; never the entry's row and its text,
    // each page of which SQLCipher would decrypt.
    let mut stmt = conn.prepare(&format!(
        "SELECT {} AS year, sum(s.direction = 'given'), sum(s.direction = 'received')
         FROM entry_partners ep
         CROSS JOIN entry_support s ON s.entry_id = ep.entry_id
         CROSS JOIN entries e INDEXED BY entries_search ON e.id = ep.entry_id AND e.deleted_at IS NULL
         WHERE ep.partner_id = ?1 AND ep.entry_created_at >= ?2 AND ep.entry_created_at < ?3
         GROUP BY year ORDER BY year",
        local_year_sql("ep.entry_created_at", from, to)
    ))?;
    let years: Vec<SupportYear> = stmt
        .query_map(rusqlite::params![partner.0, start, end], |row| {
            Ok(SupportYear {
                year: row.get(0)?,
                given: row.get(1)?,
                received: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SupportBalance {
        given: years.iter().map(|y| y.given).sum(),
        received: years.iter().map(|y| y.received).sum(),
        years,
    })
}

impl Vault {
    /// A partner's support both ways, per year (also on [`crate::Partner::support`]).
    pub fn support_balance(&self, partner: PartnerId) -> Result<SupportBalance> {
        balance(&self.conn, partner)
    }
}
