//! When meetings are: lists of them, the next ones, and the lapsed ones (planned, their time
//! passed, never marked held or cancelled). Home asks about a lapsed meeting ("did this
//! happen?": held, cancelled, or moved to another time); until then it counts for no cadence and
//! holds nothing back: the next meeting prepared with its partners takes over what it was
//! carrying (`carry.rs`) and says from which (`Meeting::took_over`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, InputError, Result};
use crate::ids::MeetingId;
use crate::meetings::{lapsed_with, summary_from_row, Meeting, MeetingSummary, OPEN_ITEMS};
use crate::partners::{meeting_partners, PartnerId};
use crate::time::to_millis;
use crate::validate;
use crate::vault::Vault;

/// The latest a meeting may be moved to: ten years on.
const MOVE_HORIZON_DAYS: i64 = 3653;

impl Vault {
    /// Meetings newest first, optionally with one partner; at most `limit`.
    pub fn list_meetings(
        &self,
        partner: Option<PartnerId>,
        limit: u32,
    ) -> Result<Vec<MeetingSummary>> {
        if !(1..=500).contains(&limit) {
            return Err(InputError::new("limit", "give a number from 1 to 500").into());
        }
        let open_items = OPEN_ITEMS;
        let mut meetings: Vec<MeetingSummary> = match partner {
            Some(partner) => self
                .conn
                .prepare_cached(&format!(
                    "SELECT m.id, m.at, m.status, {open_items} FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
                     WHERE mp.partner_id = ?1 ORDER BY mp.meeting_at DESC, mp.meeting_id DESC LIMIT ?2"
                ))?
                .query_map(params![partner.0, limit], summary_from_row)?
                .collect::<rusqlite::Result<_>>()?,
            None => self
                .conn
                .prepare_cached(&format!(
                    "SELECT m.id, m.at, m.status, {open_items} FROM meetings m ORDER BY m.at DESC, m.id DESC LIMIT ?1"
                ))?
                .query_map([limit], summary_from_row)?
                .collect::<rusqlite::Result<_>>()?,
        };
        for meeting in &mut meetings {
            meeting.partners = meeting_partners(&self.conn, meeting.id)?;
        }
        Ok(meetings)
    }

    /// Planned meetings from `now` on, soonest first.
    pub fn upcoming_meetings(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<MeetingSummary>> {
        let mut meetings: Vec<MeetingSummary> = self
            .conn
            .prepare_cached(&format!(
                "SELECT m.id, m.at, m.status, {OPEN_ITEMS}
                 FROM meetings m WHERE m.status = 'planned' AND m.at >= ?1 ORDER BY m.at, m.id LIMIT ?2"
            ))?
            .query_map(params![to_millis(now), limit.min(500)], summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for meeting in &mut meetings {
            meeting.partners = meeting_partners(&self.conn, meeting.id)?;
        }
        Ok(meetings)
    }

    /// Planned meetings whose time has passed, newest first: Home asks whether they happened.
    pub fn lapsed_meetings(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<MeetingSummary>> {
        lapsed_with(&self.conn, now, None, limit)
    }

    /// Says what a meeting is about and how long it is planned to last (empty purpose, no
    /// length: not said).
    pub fn set_meeting_plan(
        &mut self,
        id: MeetingId,
        purpose: &str,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        let purpose = validate::optional_short_text("purpose", Some(purpose))?.unwrap_or_default();
        let minutes = validate::meeting_minutes(minutes)?;
        let changed = self.conn.execute(
            "UPDATE meetings SET purpose = ?2, minutes = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.0, purpose, minutes, to_millis(now)],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "meeting",
                by: "id",
            });
        }
        self.meeting(id)
    }

    /// Says how the partnership felt in this meeting, 1 (strained) to 5 (working well), or takes
    /// it back (`None`). A cancelled meeting has none.
    pub fn set_meeting_pulse(
        &mut self,
        id: MeetingId,
        pulse: Option<u8>,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        if pulse.is_some_and(|pulse| !(1..=5).contains(&pulse)) {
            return Err(InputError::new("pulse", "give 1 (strained) to 5 (working well)").into());
        }
        let tx = self.conn.transaction()?;
        let status: Option<String> = tx
            .query_row("SELECT status FROM meetings WHERE id = ?1", [id.0], |row| {
                row.get(0)
            })
            .optional()?;
        match status.as_deref() {
            None => {
                return Err(Error::NotFound {
                    what: "meeting",
                    by: "id",
                })
            }
            Some("cancelled") if pulse.is_some() => {
                return Err(InputError::new("pulse", "a cancelled meeting has none").into())
            }
            Some(_) => {}
        }
        tx.execute(
            "UPDATE meetings SET pulse = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, pulse, to_millis(now)],
        )?;
        tx.commit()?;
        self.meeting(id)
    }

    /// Moves a planned meeting to `at` (it did not happen when planned, or will not).
    pub fn move_meeting(
        &mut self,
        id: MeetingId,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        if at > now + chrono::Duration::days(MOVE_HORIZON_DAYS) {
            return Err(InputError::new("time", "it is more than ten years away").into());
        }
        let tx = self.conn.transaction()?;
        let status: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT status FROM meetings WHERE id = ?1",
            [id.0],
            |row| row.get(0),
        ))?;
        match status.as_deref() {
            None => {
                return Err(Error::NotFound {
                    what: "meeting",
                    by: "id",
                })
            }
            Some("planned") => {}
            Some(_) => {
                return Err(InputError::new(
                    "meeting",
                    "it is marked held or cancelled; reopen it before moving it",
                )
                .into())
            }
        }
        tx.execute(
            "UPDATE meetings SET at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, to_millis(at), to_millis(now)],
        )?;
        // The copy of the time that each partner's meeting list is read by.
        tx.execute(
            "UPDATE meeting_partners SET meeting_at = ?2 WHERE meeting_id = ?1",
            params![id.0, to_millis(at)],
        )?;
        tx.commit()?;
        self.meeting(id)
    }
}
