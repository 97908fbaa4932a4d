//! A partner's cadence paused for a period: a leave, a sabbatical, a re-org. While a pause holds
//! the partner is neither due nor overdue (`cadence.rs`); once it ends, the next meeting is due
//! a cadence after its end, not after the last meeting before it.
//!
//! Rules: a pause starts on a day and ends on the day the partner is back (the first day the
//! cadence counts again, so a pause resumed the day it began holds on no day), or is open (until
//! resumed); it may lie ahead (a leave already announced); the pauses of one partner do not
//! overlap, though one may end the day the next starts.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::ids::PartnerId;
use crate::partner_history;
use crate::time::local_day;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PauseId(pub i64);

/// Why a cadence is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    Leave,
    Sabbatical,
    Reorg,
    Other,
}

crate::words::word_enum!(PauseReason, field: "reason", hint: "use leave, sabbatical, reorg or other", {
    Leave => "leave",
    Sabbatical => "sabbatical",
    Reorg => "reorg",
    Other => "other",
});

impl PauseReason {
    /// As a printed page names it: "Leave", "Re-org".
    pub fn label(self) -> &'static str {
        match self {
            PauseReason::Leave => "Leave",
            PauseReason::Sabbatical => "Sabbatical",
            PauseReason::Reorg => "Re-org",
            PauseReason::Other => "Pause",
        }
    }
}

/// A pause of a partner's cadence from `started` until `ended`, the day they are back (open:
/// until resumed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub id: PauseId,
    pub reason: PauseReason,
    pub started: NaiveDate,
    pub ended: Option<NaiveDate>,
}

impl Pause {
    /// Whether the pause holds on `day`: from its start, up to the day before they are back.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.started <= day && self.ended.is_none_or(|ended| day < ended)
    }
}

/// A pause to add, or what a pause is corrected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPause {
    pub reason: PauseReason,
    pub started: NaiveDate,
    pub ended: Option<NaiveDate>,
}

impl Vault {
    /// Pauses `partner`'s cadence (see the module's rules).
    pub fn add_pause(
        &mut self,
        partner: PartnerId,
        pause: NewPause,
        now: DateTime<Utc>,
    ) -> Result<Pause> {
        self.change_pauses(partner, now, |pauses| {
            pauses.push(checked(None, pause)?);
            Ok(pauses.len() - 1)
        })
    }

    /// Replaces pause `id`'s reason and dates.
    pub fn correct_pause(
        &mut self,
        partner: PartnerId,
        id: PauseId,
        pause: NewPause,
        now: DateTime<Utc>,
    ) -> Result<Pause> {
        self.change_pauses(partner, now, |pauses| {
            let at = position(pauses, id)?;
            pauses[at] = checked(Some(id), pause)?;
            Ok(at)
        })
    }

    /// Ends the pause that holds today: they are back today, and the cadence counts from today.
    pub fn resume_cadence(&mut self, partner: PartnerId, now: DateTime<Utc>) -> Result<Pause> {
        let today = local_day(now);
        self.change_pauses(partner, now, |pauses| {
            let at = pauses
                .iter()
                .position(|pause| pause.holds_on(today))
                .ok_or(Error::NotFound {
                    what: "pause holding today",
                    by: "partner",
                })?;
            pauses[at].ended = Some(today);
            Ok(at)
        })
    }

    /// Removes pause `id`.
    pub fn remove_pause(
        &mut self,
        partner: PartnerId,
        id: PauseId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let pauses = read(&tx, partner)?;
        position(&pauses, id)?;
        tx.execute(
            "DELETE FROM partner_pauses WHERE id = ?1 AND partner_id = ?2",
            params![id.0, partner.0],
        )?;
        partner_history::partner_changed(&tx, partner, now)?;
        tx.commit()?;
        Ok(())
    }

    /// `partner`'s pauses, oldest first.
    pub fn pauses(&self, partner: PartnerId) -> Result<Vec<Pause>> {
        read(&self.conn, partner)
    }

    /// Reads the partner's pauses in a transaction, lets `change` change one of them (it says
    /// which), refuses an overlap, and writes that one.
    fn change_pauses(
        &mut self,
        partner: PartnerId,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Vec<Pause>) -> Result<usize>,
    ) -> Result<Pause> {
        let tx = self.conn.transaction()?;
        let mut pauses = read(&tx, partner)?;
        let at = change(&mut pauses)?;
        let pause = pauses[at].clone();
        if let Some(other) = pauses
            .iter()
            .enumerate()
            .find(|(index, other)| *index != at && overlap(other, &pause))
            .map(|(_, other)| other)
        {
            let until = other
                .ended
                .map_or_else(|| "on".to_owned(), |ended| format!("to {ended}"));
            return Err(InputError::new(
                "dates",
                format!(
                    "overlaps the pause from {} {until}: correct or remove that one first",
                    other.started
                ),
            )
            .into());
        }
        let ended = pause.ended.map(|d| d.to_string());
        let id = if pause.id.0 == 0 {
            tx.execute(
                "INSERT INTO partner_pauses (partner_id, reason, started, ended) VALUES (?1, ?2, ?3, ?4)",
                params![partner.0, pause.reason.as_str(), pause.started.to_string(), ended],
            )?;
            PauseId(tx.last_insert_rowid())
        } else {
            tx.execute(
                "UPDATE partner_pauses SET reason = ?3, started = ?4, ended = ?5
                 WHERE id = ?1 AND partner_id = ?2",
                params![
                    pause.id.0,
                    partner.0,
                    pause.reason.as_str(),
                    pause.started.to_string(),
                    ended
                ],
            )?;
            pause.id
        };
        partner_history::partner_changed(&tx, partner, now)?;
        tx.commit()?;
        Ok(Pause { id, ..pause })
    }
}

/// A pause checked on its own; id 0 stands for one not written yet.
fn checked(id: Option<PauseId>, pause: NewPause) -> Result<Pause> {
    if pause.ended.is_some_and(|ended| ended < pause.started) {
        return Err(InputError::new("dates", "the pause ends before it starts").into());
    }
    Ok(Pause {
        id: id.unwrap_or(PauseId(0)),
        reason: pause.reason,
        started: pause.started,
        ended: pause.ended,
    })
}

/// Strictly: a pause may end the day the next starts.
fn overlap(a: &Pause, b: &Pause) -> bool {
    partner_history::spans_overlap((Some(a.started), a.ended), (Some(b.started), b.ended))
}

fn position(pauses: &[Pause], id: PauseId) -> Result<usize> {
    pauses
        .iter()
        .position(|pause| pause.id == id)
        .ok_or(Error::NotFound {
            what: "pause",
            by: "id",
        })
}

/// The partner's pauses, oldest first; a partner that does not exist is not found.
fn read(conn: &Connection, partner: PartnerId) -> Result<Vec<Pause>> {
    partner_history::ensure_partner(conn, partner)?;
    read_known(conn, partner)
}

/// The pauses of a partner the caller has already read (their page, their cadence), oldest
/// first.
pub(crate) fn read_known(conn: &Connection, partner: PartnerId) -> Result<Vec<Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reason, started, ended FROM partner_pauses
         WHERE partner_id = ?1 ORDER BY started, id",
    )?;
    let rows = stmt
        .query_map([partner.0], |row| {
            Ok((
                PauseId(row.get(0)?),
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // A row this build cannot read (a date edited by hand) is left out rather than failing every
    // page that shows the partner.
    let pauses = rows
        .into_iter()
        .filter_map(|(id, reason, started, ended)| {
            Some(Pause {
                id,
                reason: reason.parse().unwrap_or(PauseReason::Other),
                started: started.parse().ok()?,
                ended: ended.and_then(|d| d.parse().ok()),
            })
        })
        .collect();
    Ok(pauses)
}
