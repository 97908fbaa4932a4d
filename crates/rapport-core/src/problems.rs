//! Peer problems: a problem two peers share, followed from "both views heard" to "decide again
//! on DATE", with its options, the meetings about it, and the other peers whose agreement is
//! needed and where they stand.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::meetings::{MeetingId, MeetingStatus, MeetingSummary};
use crate::partners::meeting_partners;
use crate::partners::{PartnerId, PartnerRef};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProblemId(pub i64);

impl fmt::Display for ProblemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The stages of the peer one-on-one agenda, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Both views of the problem heard.
    BothViews,
    /// Options generated together.
    Options,
    /// Agreed on an option.
    Agreement,
    /// Winning the other peers' agreement.
    Allies,
    /// Presented to the managers.
    Managers,
    /// Waiting to decide again on a date.
    DecideAgain,
}

crate::words::word_enum!(Stage, field: "stage", hint: "use both-views, options, agreement, allies, managers or decide-again", {
    BothViews => "both_views",
    Options => "options",
    Agreement => "agreement",
    Allies => "allies",
    Managers => "managers",
    DecideAgain => "decide_again",
});

impl Stage {
    /// How the stage reads to a person.
    pub fn label(self) -> &'static str {
        match self {
            Stage::BothViews => "both views heard",
            Stage::Options => "options",
            Stage::Agreement => "agreement",
            Stage::Allies => "winning allies",
            Stage::Managers => "presented to managers",
            Stage::DecideAgain => "decide again",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    For,
    Against,
    Unknown,
}

crate::words::word_enum!(Stance, field: "stance", hint: "use for, against or unknown", {
    For => "for",
    Against => "against",
    Unknown => "unknown",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemOption {
    pub id: i64,
    pub text: String,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ally {
    pub partner: PartnerRef,
    pub stance: Stance,
}

/// One change to a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemChange {
    /// To a stage; "decide again" needs the date.
    Stage {
        stage: Stage,
        decide_again_on: Option<NaiveDate>,
    },
    AddOption(String),
    /// The option agreed on (and no other), by id.
    ChooseOption(i64),
    /// A peer whose agreement is needed, and where they stand.
    Ally {
        partner: PartnerId,
        stance: Stance,
    },
    LinkMeeting(MeetingId),
    /// Closed (solved or dropped), or open again.
    Close(bool),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub id: ProblemId,
    pub title: String,
    pub stage: Stage,
    pub decide_again_on: Option<NaiveDate>,
    pub notes: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// The peers you share the problem with.
    pub shared_with: Vec<PartnerRef>,
    /// Other peers whose agreement is needed, and where they stand.
    pub allies: Vec<Ally>,
    pub options: Vec<ProblemOption>,
    pub meetings: Vec<MeetingSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Vault {
    pub fn add_problem(
        &mut self,
        title: &str,
        shared_with: &[PartnerId],
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let title = validate::short_text("title", title)?;
        if shared_with.is_empty() {
            return Err(
                InputError::new("partners", "name the peer you share the problem with").into(),
            );
        }
        for partner in shared_with {
            self.partner(*partner)?;
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO problems (title, created_at, updated_at) VALUES (?1, ?2, ?2)",
            params![title, to_millis(now)],
        )?;
        let id = ProblemId(tx.last_insert_rowid());
        for partner in shared_with {
            tx.execute(
                "INSERT OR IGNORE INTO problem_peers (problem_id, partner_id, role) VALUES (?1, ?2, 'shared_with')",
                params![id.0, partner.0],
            )?;
        }
        tx.commit()?;
        self.problem(id)
    }

    pub fn problem(&self, id: ProblemId) -> Result<Problem> {
        let row = self
            .conn
            .query_row(
                "SELECT title, stage, decide_again_on, notes, closed_at, created_at, updated_at
                 FROM problems WHERE id = ?1",
                [id.0],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, Option<i64>>(4)?,
                        row.get::<_, i64>(5)?,
                        row.get::<_, i64>(6)?,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "problem",
                by: "id",
            })?;
        let (title, stage, decide_again_on, notes, closed_at, created_at, updated_at) = row;
        let mut shared_with = Vec::new();
        let mut allies = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, pp.role, pp.stance FROM problem_peers pp JOIN partners p ON p.id = pp.partner_id
             WHERE pp.problem_id = ?1 ORDER BY p.name COLLATE NOCASE",
        )?;
        let peers = stmt
            .query_map([id.0], |row| {
                Ok((
                    PartnerRef {
                        id: PartnerId(row.get(0)?),
                        name: row.get(1)?,
                    },
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (partner, role, stance) in peers {
            if role == "ally" {
                allies.push(Ally {
                    partner,
                    stance: stance.parse().unwrap_or(Stance::Unknown),
                });
            } else {
                shared_with.push(partner);
            }
        }
        let options = self
            .conn
            .prepare_cached(
                "SELECT id, text, chosen FROM problem_options WHERE problem_id = ?1 ORDER BY id",
            )?
            .query_map([id.0], |row| {
                Ok(ProblemOption {
                    id: row.get(0)?,
                    text: row.get(1)?,
                    chosen: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut meetings: Vec<MeetingSummary> = self
            .conn
            .prepare_cached(
                "SELECT m.id, m.at, m.status FROM problem_meetings pm JOIN meetings m ON m.id = pm.meeting_id
                 WHERE pm.problem_id = ?1 ORDER BY m.at, m.id",
            )?
            .query_map([id.0], |row| {
                let status: String = row.get(2)?;
                Ok(MeetingSummary {
                    id: MeetingId(row.get(0)?),
                    at: from_millis(row.get(1)?),
                    status: status.parse().unwrap_or(MeetingStatus::Planned),
                    partners: Vec::new(),
                    open_items: 0,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for meeting in &mut meetings {
            meeting.partners = meeting_partners(&self.conn, meeting.id)?;
        }
        Ok(Problem {
            id,
            title,
            stage: stage.parse().unwrap_or(Stage::BothViews),
            decide_again_on: decide_again_on.and_then(|d| d.parse().ok()),
            notes,
            closed_at: closed_at.map(from_millis),
            shared_with,
            allies,
            options,
            meetings,
            created_at: from_millis(created_at),
            updated_at: from_millis(updated_at),
        })
    }

    /// Problems, open ones first, most recently changed first.
    pub fn list_problems(&self, open_only: bool) -> Result<Vec<Problem>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM problems WHERE ?1 = 0 OR closed_at IS NULL
                 ORDER BY closed_at IS NOT NULL, updated_at DESC, id DESC LIMIT 500",
            )?
            .query_map([open_only], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| self.problem(ProblemId(id)))
            .collect()
    }

    /// Makes one change to a problem (the app's `update_problem`; the CLI's `problem` verbs).
    pub fn update_problem(
        &mut self,
        id: ProblemId,
        change: ProblemChange,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        match change {
            ProblemChange::Stage {
                stage,
                decide_again_on,
            } => self.set_problem_stage(id, stage, decide_again_on, now),
            ProblemChange::AddOption(text) => self.add_problem_option(id, &text, now),
            ProblemChange::ChooseOption(option) => self.choose_problem_option(id, option, now),
            ProblemChange::Ally { partner, stance } => {
                self.set_problem_ally(id, partner, stance, now)
            }
            ProblemChange::LinkMeeting(meeting) => self.link_problem_meeting(id, meeting, now),
            ProblemChange::Close(closed) => self.close_problem(id, closed, now),
        }
    }

    /// Moves a problem to a stage. "Decide again" needs the date.
    pub fn set_problem_stage(
        &mut self,
        id: ProblemId,
        stage: Stage,
        decide_again_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        self.problem(id)?;
        if stage == Stage::DecideAgain && decide_again_on.is_none() {
            return Err(InputError::new("date", "say when you will decide again").into());
        }
        self.conn.execute(
            "UPDATE problems SET stage = ?2, decide_again_on = coalesce(?3, decide_again_on), updated_at = ?4
             WHERE id = ?1",
            params![id.0, stage.as_str(), decide_again_on.map(|d| d.to_string()), to_millis(now)],
        )?;
        self.problem(id)
    }

    pub fn add_problem_option(
        &mut self,
        id: ProblemId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let text = validate::short_text("option", text)?;
        self.problem(id)?;
        self.conn.execute(
            "INSERT INTO problem_options (problem_id, text) VALUES (?1, ?2)",
            params![id.0, text],
        )?;
        self.touch_problem(id, now)
    }

    /// Marks the option you agreed on (and no other).
    pub fn choose_problem_option(
        &mut self,
        id: ProblemId,
        option: i64,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let tx = self.conn.transaction()?;
        let found = tx.execute(
            "UPDATE problem_options SET chosen = (id = ?2) WHERE problem_id = ?1",
            params![id.0, option],
        )?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM problem_options WHERE problem_id = ?1 AND id = ?2",
                params![id.0, option],
                |row| row.get(0),
            )
            .optional()?;
        if found == 0 || exists.is_none() {
            return Err(Error::NotFound {
                what: "option",
                by: "id",
            });
        }
        tx.commit()?;
        self.touch_problem(id, now)
    }

    /// Adds a peer whose agreement is needed, or updates where they stand.
    pub fn set_problem_ally(
        &mut self,
        id: ProblemId,
        partner: PartnerId,
        stance: Stance,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        self.problem(id)?;
        self.partner(partner)?;
        self.conn.execute(
            "INSERT INTO problem_peers (problem_id, partner_id, role, stance) VALUES (?1, ?2, 'ally', ?3)
             ON CONFLICT (problem_id, partner_id) DO UPDATE SET stance = excluded.stance",
            params![id.0, partner.0, stance.as_str()],
        )?;
        self.touch_problem(id, now)
    }

    pub fn link_problem_meeting(
        &mut self,
        id: ProblemId,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        self.problem(id)?;
        self.meeting_exists(meeting)?;
        self.conn.execute(
            "INSERT OR IGNORE INTO problem_meetings (problem_id, meeting_id) VALUES (?1, ?2)",
            params![id.0, meeting.0],
        )?;
        self.touch_problem(id, now)
    }

    /// Closes a problem (solved or dropped); `reopen` brings it back.
    pub fn close_problem(
        &mut self,
        id: ProblemId,
        closed: bool,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        self.problem(id)?;
        self.conn.execute(
            "UPDATE problems SET closed_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, updated_at = ?3 WHERE id = ?1",
            params![id.0, closed, to_millis(now)],
        )?;
        self.problem(id)
    }

    /// Open problems whose decide-again date is on or before `day`.
    pub fn problems_to_revisit(&self, day: NaiveDate) -> Result<Vec<Problem>> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM problems WHERE closed_at IS NULL AND decide_again_on IS NOT NULL
                   AND decide_again_on <= ?1 ORDER BY decide_again_on, id LIMIT 100",
            )?
            .query_map([day.to_string()], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| self.problem(ProblemId(id)))
            .collect()
    }

    fn touch_problem(&mut self, id: ProblemId, now: DateTime<Utc>) -> Result<Problem> {
        self.conn.execute(
            "UPDATE problems SET updated_at = ?2 WHERE id = ?1",
            params![id.0, to_millis(now)],
        )?;
        self.problem(id)
    }
}
