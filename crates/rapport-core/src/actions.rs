//! Action items and decisions: what came out of a meeting, with whom, and its state.
//!
//! Each lives in one row. An agenda that carries one shows that row, so completing an action
//! (or settling a decision) anywhere completes it everywhere.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::ids::MeetingId;
use crate::partners::{PartnerId, PartnerRef};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecisionId(pub i64);

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for DecisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Who does it: a partnership is a two-way street.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Me,
    Them,
    Both,
}

crate::words::word_enum!(Owner, field: "owner", hint: "use me, them or both", {
    Me => "me",
    Them => "them",
    Both => "both",
});

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: ActionId,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
    pub origin_meeting: MeetingId,
    /// When the meeting it came from took place.
    pub origin_at: DateTime<Utc>,
    /// The partners of that meeting.
    pub partners: Vec<PartnerRef>,
    pub created_at: DateTime<Utc>,
}

impl ActionItem {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_at.is_none() && self.due.is_some_and(|due| due < today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: DecisionId,
    pub text: String,
    /// Agreed, or still open between the two of you.
    pub agreed: bool,
    /// The date to decide again.
    pub revisit_on: Option<NaiveDate>,
    /// Set once the decision is settled and needs no more revisiting.
    pub closed_at: Option<DateTime<Utc>>,
    pub origin_meeting: MeetingId,
    pub origin_at: DateTime<Utc>,
    pub partners: Vec<PartnerRef>,
    pub created_at: DateTime<Utc>,
}

/// The fields of an action item to change; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionEdit {
    pub text: Option<String>,
    pub owner: Option<Owner>,
    /// `Some(None)` clears the due date.
    pub due: Option<Option<NaiveDate>>,
}

/// The fields of a decision to change; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionEdit {
    pub text: Option<String>,
    pub agreed: Option<bool>,
    /// `Some(None)` clears the date to decide again.
    pub revisit_on: Option<Option<NaiveDate>>,
}

/// Which action items to list. Filters combine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub open_only: bool,
    /// Only items whose text has every one of these words (any case).
    pub text: Option<String>,
    /// At most this many (and never more than `MAX_LISTED`).
    pub limit: Option<usize>,
    /// Only open items due before this day.
    pub overdue_on: Option<NaiveDate>,
    pub partner: Option<PartnerId>,
    /// `Me` lists mine (me or both), `Them` theirs (them or both).
    pub owner: Option<Owner>,
}

/// Which decisions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    /// Only decisions not settled yet.
    pub open_only: bool,
    /// Only decisions whose words include every one of these (any case).
    pub text: Option<String>,
    /// At most this many (and never more than `MAX_LISTED`).
    pub limit: Option<usize>,
    pub partner: Option<PartnerId>,
    /// Only open decisions to revisit on or before this day.
    pub revisit_by: Option<NaiveDate>,
}

const ACTION_COLUMNS: &str =
    "a.id, a.text, a.owner, a.due, a.done_at, a.origin_meeting_id, m.at, a.created_at";
const DECISION_COLUMNS: &str =
    "d.id, d.text, d.agreed, d.revisit_on, d.closed_at, d.origin_meeting_id, m.at, d.created_at";

fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let owner: String = row.get(2)?;
    let due: Option<String> = row.get(3)?;
    Ok(ActionItem {
        id: ActionId(row.get(0)?),
        text: row.get(1)?,
        owner: owner.parse().unwrap_or(Owner::Me),
        due: due.and_then(|d| d.parse().ok()),
        done_at: row.get::<_, Option<i64>>(4)?.map(from_millis),
        origin_meeting: MeetingId(row.get(5)?),
        origin_at: from_millis(row.get(6)?),
        partners: Vec::new(),
        created_at: from_millis(row.get(7)?),
    })
}

fn decision_from_row(row: &Row<'_>) -> rusqlite::Result<Decision> {
    let revisit: Option<String> = row.get(3)?;
    Ok(Decision {
        id: DecisionId(row.get(0)?),
        text: row.get(1)?,
        agreed: row.get(2)?,
        revisit_on: revisit.and_then(|d| d.parse().ok()),
        closed_at: row.get::<_, Option<i64>>(4)?.map(from_millis),
        origin_meeting: MeetingId(row.get(5)?),
        origin_at: from_millis(row.get(6)?),
        partners: Vec::new(),
        created_at: from_millis(row.get(7)?),
    })
}

pub(crate) fn load_action(conn: &Connection, id: ActionId) -> Result<ActionItem> {
    let mut action = conn
        .query_row(
            &format!(
                "SELECT {ACTION_COLUMNS} FROM action_items a JOIN meetings m ON m.id = a.origin_meeting_id
                 WHERE a.id = ?1"
            ),
            [id.0],
            action_from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "action item",
            by: "id",
        })?;
    action.partners = crate::partners::meeting_partners(conn, action.origin_meeting)?;
    Ok(action)
}

pub(crate) fn load_decision(conn: &Connection, id: DecisionId) -> Result<Decision> {
    let mut decision = conn
        .query_row(
            &format!(
                "SELECT {DECISION_COLUMNS} FROM decisions d JOIN meetings m ON m.id = d.origin_meeting_id
                 WHERE d.id = ?1"
            ),
            [id.0],
            decision_from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "decision",
            by: "id",
        })?;
    decision.partners = crate::partners::meeting_partners(conn, decision.origin_meeting)?;
    Ok(decision)
}

/// Largest number of action items or decisions one listing returns.
pub const MAX_LISTED: usize = 500;

fn check_text(field: &'static str, text: &str) -> Result<String, InputError> {
    let text = validate::body(text).map_err(|e| InputError::new(field, e.reason))?;
    if text.chars().count() > 2000 {
        return Err(InputError::new(field, "keep it under 2000 characters"));
    }
    Ok(text)
}

impl Vault {
    pub fn add_action(
        &mut self,
        meeting: MeetingId,
        owner: Owner,
        due: Option<NaiveDate>,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<ActionItem> {
        let text = check_text("action", text)?;
        self.meeting_exists(meeting)?;
        self.conn.execute(
            "INSERT INTO action_items (text, owner, due, origin_meeting_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![text, owner.as_str(), due.map(|d| d.to_string()), meeting.0, to_millis(now)],
        )?;
        load_action(&self.conn, ActionId(self.conn.last_insert_rowid()))
    }

    pub fn action(&self, id: ActionId) -> Result<ActionItem> {
        load_action(&self.conn, id)
    }

    /// Marks an action item done, wherever it is shown. Doing it twice keeps the first time.
    pub fn complete_action(&mut self, id: ActionId, now: DateTime<Utc>) -> Result<ActionItem> {
        self.conn.execute(
            "UPDATE action_items SET done_at = coalesce(done_at, ?2) WHERE id = ?1",
            params![id.0, to_millis(now)],
        )?;
        load_action(&self.conn, id)
    }

    pub fn reopen_action(&mut self, id: ActionId) -> Result<ActionItem> {
        self.conn.execute(
            "UPDATE action_items SET done_at = NULL WHERE id = ?1",
            [id.0],
        )?;
        load_action(&self.conn, id)
    }

    /// Changes an action's text, owner or due date (`due: Some(None)` clears it), wherever it is
    /// shown.
    pub fn update_action(&mut self, id: ActionId, edit: ActionEdit) -> Result<ActionItem> {
        let text = edit
            .text
            .as_deref()
            .map(|t| check_text("action", t))
            .transpose()?;
        load_action(&self.conn, id)?;
        self.conn.execute(
            "UPDATE action_items SET text = coalesce(?2, text), owner = coalesce(?3, owner),
                 due = CASE WHEN ?4 THEN ?5 ELSE due END
             WHERE id = ?1",
            params![
                id.0,
                text,
                edit.owner.map(Owner::as_str),
                edit.due.is_some(),
                edit.due.flatten().map(|d| d.to_string())
            ],
        )?;
        load_action(&self.conn, id)
    }

    /// Deletes an action item, and its place on every agenda it was carried to.
    pub fn delete_action(&mut self, id: ActionId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let removed = tx.execute("DELETE FROM action_items WHERE id = ?1", [id.0])?;
        if removed == 0 {
            return Err(Error::NotFound {
                what: "action",
                by: "id",
            });
        }
        tx.execute(
            "DELETE FROM agenda_items WHERE source_kind = 'action' AND source_id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_actions(&self, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
        let mut conditions = vec!["1"];
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if filter.open_only || filter.overdue_on.is_some() {
            conditions.push("a.done_at IS NULL");
        }
        if let Some(day) = filter.overdue_on {
            conditions.push("a.due IS NOT NULL AND a.due < ?");
            values.push(day.to_string().into());
        }
        if let Some(partner) = filter.partner {
            conditions.push(
                "EXISTS (SELECT 1 FROM meeting_partners mp WHERE mp.meeting_id = a.origin_meeting_id AND mp.partner_id = ?)",
            );
            values.push(partner.0.into());
        }
        for word in crate::matching::typed_words(filter.text.as_deref().unwrap_or_default()) {
            conditions.push("lower(a.text) LIKE ? ESCAPE '\\'");
            values.push(crate::matching::like_pattern(&word).into());
        }
        match filter.owner {
            Some(Owner::Me) => conditions.push("a.owner IN ('me', 'both')"),
            Some(Owner::Them) => conditions.push("a.owner IN ('them', 'both')"),
            Some(Owner::Both) => conditions.push("a.owner = 'both'"),
            None => {}
        }
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_items a JOIN meetings m ON m.id = a.origin_meeting_id
             WHERE {} ORDER BY a.done_at IS NOT NULL, a.due IS NULL, a.due, a.id LIMIT {}",
            conditions.join(" AND "),
            filter.limit.unwrap_or(MAX_LISTED).min(MAX_LISTED)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut actions: Vec<ActionItem> = stmt
            .query_map(rusqlite::params_from_iter(values), action_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for action in &mut actions {
            action.partners = crate::partners::meeting_partners(&self.conn, action.origin_meeting)?;
        }
        Ok(actions)
    }

    pub fn add_decision(
        &mut self,
        meeting: MeetingId,
        agreed: bool,
        revisit_on: Option<NaiveDate>,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Decision> {
        let text = check_text("decision", text)?;
        self.meeting_exists(meeting)?;
        self.conn.execute(
            "INSERT INTO decisions (text, agreed, revisit_on, origin_meeting_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![text, agreed, revisit_on.map(|d| d.to_string()), meeting.0, to_millis(now)],
        )?;
        load_decision(&self.conn, DecisionId(self.conn.last_insert_rowid()))
    }

    pub fn decision(&self, id: DecisionId) -> Result<Decision> {
        load_decision(&self.conn, id)
    }

    /// Records the outcome of revisiting a decision: agreed or not, and the next date to decide
    /// again (`None` settles it for good).
    pub fn revisit_decision(
        &mut self,
        id: DecisionId,
        agreed: bool,
        revisit_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Decision> {
        load_decision(&self.conn, id)?;
        let closed = revisit_on.is_none() && agreed;
        self.conn.execute(
            "UPDATE decisions SET agreed = ?2, revisit_on = ?3, closed_at = CASE WHEN ?4 THEN ?5 ELSE NULL END
             WHERE id = ?1",
            params![id.0, agreed, revisit_on.map(|d| d.to_string()), closed, to_millis(now)],
        )?;
        load_decision(&self.conn, id)
    }

    /// Changes a decision's words, whether it was agreed, or its decide-again date
    /// (`revisit_on: Some(None)` clears it), wherever it is shown.
    pub fn update_decision(&mut self, id: DecisionId, edit: DecisionEdit) -> Result<Decision> {
        let text = edit
            .text
            .as_deref()
            .map(|t| check_text("decision", t))
            .transpose()?;
        load_decision(&self.conn, id)?;
        self.conn.execute(
            "UPDATE decisions SET text = coalesce(?2, text), agreed = coalesce(?3, agreed),
                 revisit_on = CASE WHEN ?4 THEN ?5 ELSE revisit_on END
             WHERE id = ?1",
            params![
                id.0,
                text,
                edit.agreed,
                edit.revisit_on.is_some(),
                edit.revisit_on.flatten().map(|d| d.to_string())
            ],
        )?;
        load_decision(&self.conn, id)
    }

    /// Deletes a decision, and its place on every agenda it was carried to.
    pub fn delete_decision(&mut self, id: DecisionId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let removed = tx.execute("DELETE FROM decisions WHERE id = ?1", [id.0])?;
        if removed == 0 {
            return Err(Error::NotFound {
                what: "decision",
                by: "id",
            });
        }
        tx.execute(
            "DELETE FROM agenda_items WHERE source_kind = 'decision' AND source_id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_decisions(&self, filter: &DecisionFilter) -> Result<Vec<Decision>> {
        let mut conditions = vec!["1"];
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if filter.open_only || filter.revisit_by.is_some() {
            conditions.push("d.closed_at IS NULL");
        }
        if let Some(day) = filter.revisit_by {
            conditions.push("d.revisit_on IS NOT NULL AND d.revisit_on <= ?");
            values.push(day.to_string().into());
        }
        if let Some(partner) = filter.partner {
            conditions.push(
                "EXISTS (SELECT 1 FROM meeting_partners mp WHERE mp.meeting_id = d.origin_meeting_id AND mp.partner_id = ?)",
            );
            values.push(partner.0.into());
        }
        for word in crate::matching::typed_words(filter.text.as_deref().unwrap_or_default()) {
            conditions.push("lower(d.text) LIKE ? ESCAPE '\\'");
            values.push(crate::matching::like_pattern(&word).into());
        }
        let sql = format!(
            "SELECT {DECISION_COLUMNS} FROM decisions d JOIN meetings m ON m.id = d.origin_meeting_id
             WHERE {} ORDER BY d.closed_at IS NOT NULL, d.revisit_on IS NULL, d.revisit_on, d.id LIMIT {}",
            conditions.join(" AND "),
            filter.limit.unwrap_or(MAX_LISTED).min(MAX_LISTED)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut decisions: Vec<Decision> = stmt
            .query_map(rusqlite::params_from_iter(values), decision_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for decision in &mut decisions {
            decision.partners =
                crate::partners::meeting_partners(&self.conn, decision.origin_meeting)?;
        }
        Ok(decisions)
    }
}
