//! Peer problems: a problem two peers share, followed from "both views heard" to "decide again
//! on DATE", with its worksheet (both views, why it matters and to whom), options, allies, the
//! meetings about it and the times it was presented. Writing the worksheet, options, allies and
//! presentations is in `problem_worksheet`.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::actions::Owner;
use crate::error::{Error, InputError, Result};
use crate::meetings::{MeetingId, MeetingStatus, MeetingSummary};
use crate::partners::meeting_partners;
use crate::partners::{PartnerId, PartnerRef};
use crate::people::{PersonId, PersonRef};
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
    /// What I stand to gain or lose with this option, in my words.
    pub my_stake: String,
    /// What my peer stands to gain or lose, as I heard it.
    pub their_stake: String,
    /// `None` for options recorded before their time was kept.
    pub created_at: Option<DateTime<Utc>>,
}

/// A peer whose agreement the problem needs: a partner, or a person who is not one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ally {
    pub id: i64,
    /// Exactly one of `partner` and `person` is set.
    pub partner: Option<PartnerRef>,
    pub person: Option<PersonRef>,
    /// The partner's or the person's name.
    pub name: String,
    pub stance: Stance,
    /// The next step towards their agreement; empty when none is planned.
    pub next_step: String,
    /// Whose step it is: mine, my peer's, or both of ours.
    pub owner: Owner,
    pub created_at: DateTime<Utc>,
}

/// Who an ally is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllyWho {
    Partner(PartnerId),
    Person(PersonId),
}

/// An ally to add, or the fields of one to change (`None`: as it was, or the default for a new
/// one: unknown stance, no next step, mine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllyInput {
    pub who: AllyWho,
    pub stance: Option<Stance>,
    pub next_step: Option<String>,
    pub owner: Option<Owner>,
}

/// A time the agreement was presented to the managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub id: i64,
    pub on: NaiveDate,
    /// "Both our directors", "Sam's VP".
    pub to_whom: String,
    /// What they said.
    pub response: String,
    pub created_at: DateTime<Utc>,
}

/// Recording a presentation: moves the problem to "presented to managers", or to "decide again"
/// when a date is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPresentation {
    pub on: NaiveDate,
    pub to_whom: String,
    pub response: String,
    pub decide_again_on: Option<NaiveDate>,
}

/// The worksheet's fields to write; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewsUpdate {
    pub my_view: Option<String>,
    pub their_view: Option<String>,
    pub why_it_matters: Option<String>,
    pub matters_to: Option<Vec<String>>,
}

/// An option's fields to change; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionEdit {
    pub text: Option<String>,
    pub my_stake: Option<String>,
    pub their_stake: Option<String>,
}

/// One change to a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemChange {
    /// To a stage; "decide again" needs the date. Leaving "both views" before both views are
    /// written needs `anyway`: the person said so.
    Stage {
        stage: Stage,
        decide_again_on: Option<NaiveDate>,
        anyway: bool,
    },
    /// Both views, why it matters and to whom.
    Views(ViewsUpdate),
    AddOption(String),
    EditOption {
        option: i64,
        edit: OptionEdit,
    },
    RemoveOption(i64),
    /// The option agreed on (and no other), by id.
    ChooseOption(i64),
    /// A peer whose agreement is needed: added, or changed.
    Ally(AllyInput),
    RemoveAlly(i64),
    Presented(NewPresentation),
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
    /// Private notes: never on a brief or a summary.
    pub notes: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// The peers you share the problem with.
    pub shared_with: Vec<PartnerRef>,
    /// The problem from my side.
    pub my_view: String,
    /// The problem from my peer's side, as I heard it.
    pub their_view: String,
    pub why_it_matters: String,
    /// To whom it matters: the organisation, teams, customers, named people.
    pub matters_to: Vec<String>,
    /// When the views were last written.
    pub worksheet_at: Option<DateTime<Utc>>,
    /// Other peers whose agreement is needed, and where they stand.
    pub allies: Vec<Ally>,
    pub options: Vec<ProblemOption>,
    pub presentations: Vec<Presentation>,
    pub meetings: Vec<MeetingSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Problem {
    /// Both views are written down.
    pub fn views_written(&self) -> bool {
        !self.my_view.is_empty() && !self.their_view.is_empty()
    }

    /// The option agreed on, if any.
    pub fn agreement(&self) -> Option<&ProblemOption> {
        self.options.iter().find(|o| o.chosen)
    }
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
                "SELECT title, stage, decide_again_on, notes, closed_at, created_at, updated_at,
                        my_view, their_view, why_it_matters, matters_to, worksheet_at
                 FROM problems WHERE id = ?1",
                [id.0],
                |row| {
                    Ok(ProblemRow {
                        title: row.get(0)?,
                        stage: row.get(1)?,
                        decide_again_on: row.get(2)?,
                        notes: row.get(3)?,
                        closed_at: row.get(4)?,
                        created_at: row.get(5)?,
                        updated_at: row.get(6)?,
                        my_view: row.get(7)?,
                        their_view: row.get(8)?,
                        why_it_matters: row.get(9)?,
                        matters_to: row.get(10)?,
                        worksheet_at: row.get(11)?,
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "problem",
                by: "id",
            })?;
        let shared_with = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.name FROM problem_peers pp JOIN partners p ON p.id = pp.partner_id
                 WHERE pp.problem_id = ?1 AND pp.role = 'shared_with' ORDER BY p.name COLLATE NOCASE",
            )?
            .query_map([id.0], |row| {
                Ok(PartnerRef {
                    id: PartnerId(row.get(0)?),
                    name: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let options = self
            .conn
            .prepare_cached(
                "SELECT id, text, chosen, my_stake, their_stake, created_at
                 FROM problem_options WHERE problem_id = ?1 ORDER BY id",
            )?
            .query_map([id.0], |row| {
                Ok(ProblemOption {
                    id: row.get(0)?,
                    text: row.get(1)?,
                    chosen: row.get(2)?,
                    my_stake: row.get(3)?,
                    their_stake: row.get(4)?,
                    created_at: row.get::<_, Option<i64>>(5)?.map(from_millis),
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
            title: row.title,
            stage: row.stage.parse().unwrap_or(Stage::BothViews),
            decide_again_on: row.decide_again_on.and_then(|d| d.parse().ok()),
            notes: row.notes,
            closed_at: row.closed_at.map(from_millis),
            shared_with,
            my_view: row.my_view,
            their_view: row.their_view,
            why_it_matters: row.why_it_matters,
            matters_to: serde_json::from_str(&row.matters_to).unwrap_or_default(),
            worksheet_at: row.worksheet_at.map(from_millis),
            allies: self.problem_allies(id)?,
            options,
            presentations: self.problem_presentations(id)?,
            meetings,
            created_at: from_millis(row.created_at),
            updated_at: from_millis(row.updated_at),
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
                anyway,
            } => self.set_problem_stage(id, stage, decide_again_on, anyway, now),
            ProblemChange::Views(views) => self.set_problem_views(id, views, now),
            ProblemChange::AddOption(text) => self.add_problem_option(id, &text, now),
            ProblemChange::EditOption { option, edit } => {
                self.edit_problem_option(id, option, edit, now)
            }
            ProblemChange::RemoveOption(option) => self.remove_problem_option(id, option, now),
            ProblemChange::ChooseOption(option) => self.choose_problem_option(id, option, now),
            ProblemChange::Ally(ally) => self.set_problem_ally(id, ally, now),
            ProblemChange::RemoveAlly(ally) => self.remove_problem_ally(id, ally, now),
            ProblemChange::Presented(presentation) => {
                self.record_presentation(id, presentation, now)
            }
            ProblemChange::LinkMeeting(meeting) => self.link_problem_meeting(id, meeting, now),
            ProblemChange::Close(closed) => self.close_problem(id, closed, now),
        }
    }

    /// Moves a problem to a stage. "Decide again" needs the date. Leaving "both views" before
    /// both views are written needs `anyway`: the worksheet is the point of the first step.
    pub fn set_problem_stage(
        &mut self,
        id: ProblemId,
        stage: Stage,
        decide_again_on: Option<NaiveDate>,
        anyway: bool,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let problem = self.problem(id)?;
        if stage == Stage::DecideAgain && decide_again_on.is_none() {
            return Err(InputError::new("date", "say when you will decide again").into());
        }
        if problem.stage == Stage::BothViews
            && stage > Stage::BothViews
            && !problem.views_written()
            && !anyway
        {
            return Err(InputError::new(
                "views",
                "write both views first (yours and theirs), or move on anyway",
            )
            .into());
        }
        self.conn.execute(
            "UPDATE problems SET stage = ?2, decide_again_on = coalesce(?3, decide_again_on), updated_at = ?4
             WHERE id = ?1",
            params![id.0, stage.as_str(), decide_again_on.map(|d| d.to_string()), to_millis(now)],
        )?;
        self.problem(id)
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

    pub(crate) fn touch_problem(&mut self, id: ProblemId, now: DateTime<Utc>) -> Result<Problem> {
        self.conn.execute(
            "UPDATE problems SET updated_at = ?2 WHERE id = ?1",
            params![id.0, to_millis(now)],
        )?;
        self.problem(id)
    }
}

/// A `problems` row as read, before its words and dates are parsed.
struct ProblemRow {
    title: String,
    stage: String,
    decide_again_on: Option<String>,
    notes: String,
    closed_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    my_view: String,
    their_view: String,
    why_it_matters: String,
    matters_to: String,
    worksheet_at: Option<i64>,
}
