//! The story of a partnership: from the first day to today, year by year — meetings held and
//! how they felt, what was written (wins, concerns), support both ways, problems solved together
//! — beside the partner's relationship and role histories and pauses. Built from grouped queries
//! (a row per year, never a row per entry or meeting), so twenty years of history cost what a
//! page does.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::entries::{entries_by_ids, Entry, EntryId};
use crate::error::{InputError, Result};
use crate::ids::PartnerId;
use crate::partners::Partner;
use crate::support;
use crate::time::{from_millis, local_day, local_year_sql, new_year_millis};
use crate::vault::Vault;

/// One calendar year of a partnership (local time), every count from what is not in the trash.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryYear {
    pub year: i32,
    /// Meetings with the partner marked held.
    pub meetings_held: u32,
    /// The average "how are we doing?" (1 to 5) of the year's meetings that have one.
    pub pulse: Option<f64>,
    /// Entries linked to the partner, of every kind.
    pub entries: u32,
    pub wins: u32,
    pub concerns: u32,
    pub support_given: u32,
    pub support_received: u32,
    /// Peer problems shared with the partner that were closed that year.
    pub problems_closed: u32,
}

/// A partnership from its first day: the partner with their histories and pauses, and every
/// year from the first to today's, oldest first (quiet years too, so a gap shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub partner: Partner,
    /// The earliest of: when you started working together (`since`), the first relationship or
    /// role spell, the first entry, the first meeting. `None` for a partner with none of them.
    pub first_day: Option<NaiveDate>,
    /// The years given, oldest first, up to this one.
    pub years: Vec<StoryYear>,
    /// The last year before those given, when the story goes further back (read them with
    /// `Vault::story_years`); `None` when `years` starts at the first day.
    pub earlier: Option<i32>,
}

/// A year's highlights: wins and support, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryHighlights {
    pub year: i32,
    pub entries: Vec<Entry>,
    /// More highlights than the limit asked for.
    pub more: bool,
}

/// The most highlights one call returns.
pub const MAX_HIGHLIGHTS: u32 = 100;

/// The most years a story spans (a date typed in the wrong century is not a century of rows).
const MAX_YEARS: i32 = 100;

/// Rows of one grouped query over a partner and a range of instants (`?1` the partner, `?2`..`?3`
/// the range), each folded in by `fold` with its year.
fn per_year(
    conn: &Connection,
    sql: &str,
    partner: PartnerId,
    (start, end): (i64, i64),
    mut fold: impl FnMut(i32, &rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params![partner.0, start, end])?;
    while let Some(row) = rows.next()? {
        fold(row.get(0)?, row)?;
    }
    Ok(())
}

fn year_of(found: &mut std::collections::BTreeMap<i32, StoryYear>, year: i32) -> &mut StoryYear {
    found.entry(year).or_insert_with(|| StoryYear {
        year,
        ..StoryYear::default()
    })
}

/// The years a story's first screen holds: the latest ones; earlier years are read a page at a
/// time (`Vault::story_years`) as the story scrolls back.
pub const STORY_FIRST_YEARS: i32 = 6;
/// The most years one page of a story holds.
pub const MAX_STORY_PAGE: i32 = 100;

impl Vault {
    /// A story's first screen: the partner with their histories, the first day, and the latest
    /// [`STORY_FIRST_YEARS`] years up to `now`'s; `earlier` says where the years before them
    /// end. Reads only those years' rows. The partner's `support` and `reflections` are left
    /// empty (the years carry the support).
    pub fn story(&self, partner: PartnerId, now: DateTime<Utc>) -> Result<Story> {
        self.story_from(partner, now, STORY_FIRST_YEARS)
    }

    /// The whole story, every year (for printing it).
    pub fn full_story(&self, partner: PartnerId, now: DateTime<Utc>) -> Result<Story> {
        self.story_from(partner, now, MAX_YEARS)
    }

    fn story_from(&self, partner: PartnerId, now: DateTime<Utc>, years: i32) -> Result<Story> {
        // The years carry the support; the page's balance and reflections are not read here.
        let partner = crate::partners::read_with_histories(&self.conn, partner)?;
        let first_day = self.first_day(&partner)?;
        let this_year = local_day(now).year();
        let Some(first_day) = first_day else {
            return Ok(Story {
                partner,
                first_day: None,
                years: Vec::new(),
                earlier: None,
            });
        };
        let first_year = first_day
            .year()
            .max(this_year - MAX_YEARS + 1)
            .min(this_year);
        let from = first_year.max(this_year - years + 1);
        let years = self.years_between(partner.id, from, this_year)?;
        Ok(Story {
            partner,
            first_day: Some(first_day),
            years,
            earlier: (from > first_year).then_some(from - 1),
        })
    }

    /// Years `from` to `to` of a partnership, oldest first, every year in the range (quiet ones
    /// too): a page of its story as it scrolls back.
    pub fn story_years(&self, partner: PartnerId, from: i32, to: i32) -> Result<Vec<StoryYear>> {
        if from > to || to - from >= MAX_STORY_PAGE || !(1..=9998).contains(&from) || to > 9998 {
            return Err(InputError::new(
                "years",
                format!("give a range of at most {MAX_STORY_PAGE} years, oldest first"),
            )
            .into());
        }
        crate::partner_history::ensure_partner(&self.conn, partner)?;
        self.years_between(partner, from, to)
    }

    /// The first day of a partnership: the earliest of `since`, a spell's start, the first live
    /// entry and the first meeting (each the first row of an index read oldest first).
    fn first_day(&self, partner: &Partner) -> Result<Option<NaiveDate>> {
        let mut first: Vec<NaiveDate> = Vec::new();
        first.extend(partner.since);
        first.extend(partner.relationships.iter().filter_map(|s| s.started));
        first.extend(partner.roles.iter().filter_map(|s| s.started));
        let entry: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT ep.entry_created_at FROM entry_partners ep
                 JOIN entries e INDEXED BY entries_search ON e.id = ep.entry_id AND e.deleted_at IS NULL
                 WHERE ep.partner_id = ?1 ORDER BY ep.entry_created_at, ep.entry_id LIMIT 1",
            )?
            .query_row([partner.id.0], |row| row.get(0))
            .optional()?;
        let meeting: Option<i64> = self
            .conn
            .prepare_cached("SELECT min(meeting_at) FROM meeting_partners WHERE partner_id = ?1")?
            .query_row([partner.id.0], |row| row.get(0))?;
        first.extend(
            entry
                .into_iter()
                .chain(meeting)
                .map(|at| local_day(from_millis(at))),
        );
        Ok(first.into_iter().min())
    }

    /// Every year from `from` to `to`, from grouped queries over that range only.
    fn years_between(&self, id: PartnerId, from: i32, to: i32) -> Result<Vec<StoryYear>> {
        let (Some(start), Some(end)) = (new_year_millis(from), new_year_millis(to + 1)) else {
            return Ok(Vec::new());
        };
        let range = (start, end);
        let mut found: std::collections::BTreeMap<i32, StoryYear> = Default::default();
        // The narrow index (id, trash, date, kind) answers for each entry without its text.
        per_year(
            &self.conn,
            &format!(
                "SELECT {} AS year, count(*), sum(e.kind = 'win'), sum(e.kind = 'concern')
                 FROM entry_partners ep
                 JOIN entries e INDEXED BY entries_search ON e.id = ep.entry_id AND e.deleted_at IS NULL
                 WHERE ep.partner_id = ?1 AND ep.entry_created_at >= ?2 AND ep.entry_created_at < ?3
                 GROUP BY year",
                local_year_sql("ep.entry_created_at", from, to)
            ),
            id,
            range,
            |y, row| {
                let entry = year_of(&mut found, y);
                entry.entries = row.get(1)?;
                entry.wins = row.get(2)?;
                entry.concerns = row.get(3)?;
                Ok(())
            },
        )?;
        per_year(
            &self.conn,
            &format!(
                "SELECT {} AS year, sum(m.status = 'held'), avg(m.pulse)
                 FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
                 WHERE mp.partner_id = ?1 AND mp.meeting_at >= ?2 AND mp.meeting_at < ?3
                 GROUP BY year",
                local_year_sql("mp.meeting_at", from, to)
            ),
            id,
            range,
            |y, row| {
                let meetings = year_of(&mut found, y);
                meetings.meetings_held = row.get(1)?;
                meetings.pulse = row.get(2)?;
                Ok(())
            },
        )?;
        per_year(
            &self.conn,
            &format!(
                "SELECT {} AS year, count(*)
                 FROM problem_peers pp JOIN problems p ON p.id = pp.problem_id
                 WHERE pp.partner_id = ?1 AND pp.role = 'shared_with'
                   AND p.closed_at >= ?2 AND p.closed_at < ?3
                 GROUP BY year",
                local_year_sql("p.closed_at", from, to)
            ),
            id,
            range,
            |y, row| {
                year_of(&mut found, y).problems_closed = row.get(1)?;
                Ok(())
            },
        )?;
        for support_year in support::balance_between(&self.conn, id, Some((from, to)))?.years {
            let entry = year_of(&mut found, support_year.year);
            entry.support_given = support_year.given;
            entry.support_received = support_year.received;
        }
        Ok((from..=to)
            .map(|y| {
                found.remove(&y).unwrap_or(StoryYear {
                    year: y,
                    ..StoryYear::default()
                })
            })
            .collect())
    }

    /// The highlights of one year of a partnership: entries that are wins or support, oldest
    /// first, at most `limit`; with `shareable_only`, only those marked shareable (an export that
    /// includes nothing private). Read from the partner's links within the year, so a year costs
    /// its own entries, not the partnership's.
    pub fn story_highlights(
        &self,
        partner: PartnerId,
        year: i32,
        limit: u32,
        shareable_only: bool,
    ) -> Result<StoryHighlights> {
        if !(1..=MAX_HIGHLIGHTS).contains(&limit) {
            return Err(InputError::new(
                "limit",
                format!("give a number from 1 to {MAX_HIGHLIGHTS}"),
            )
            .into());
        }
        let (Some(start), Some(end)) = (new_year_millis(year), new_year_millis(year + 1)) else {
            return Err(InputError::new("year", "give a year from 1 to 9998").into());
        };
        crate::partner_history::ensure_partner(&self.conn, partner)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT ep.entry_id FROM entry_partners ep
             JOIN entries e ON e.id = ep.entry_id AND e.deleted_at IS NULL
             WHERE ep.partner_id = ?1 AND ep.entry_created_at >= ?2 AND ep.entry_created_at < ?3
               AND (e.kind = 'win' OR EXISTS (SELECT 1 FROM entry_support s WHERE s.entry_id = ep.entry_id))
               AND (?4 = 0 OR e.shareable = 1)
             ORDER BY ep.entry_created_at, ep.entry_id LIMIT ?5",
        )?;
        let mut ids: Vec<EntryId> = stmt
            .query_map(
                params![partner.0, start, end, shareable_only, i64::from(limit) + 1],
                |row| row.get(0).map(EntryId),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let more = ids.len() > limit as usize;
        ids.truncate(limit as usize);
        Ok(StoryHighlights {
            year,
            entries: entries_by_ids(&self.conn, &ids)?,
            more,
        })
    }
}
