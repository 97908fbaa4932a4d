//! Meetings and their agendas. Preparing a meeting (`Vault::create_meeting`) fills its agenda
//! with what is still open between the people in it; the rules for what is carried forward are
//! in `carry.rs`. Actions and decisions are shown live from their own rows, so completing one
//! anywhere completes it everywhere.

use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::actions::{load_action, load_decision, ActionId, ActionItem, Decision, DecisionId};
use crate::entries::EntryId;
use crate::error::{Error, InputError, Result};
pub use crate::ids::MeetingId;
use crate::partners::{meeting_partners, PartnerId, PartnerRef};
use crate::templates::{TemplateId, TemplateSection};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgendaItemId(pub i64);

impl fmt::Display for AgendaItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    Held,
    Cancelled,
}

crate::words::word_enum!(MeetingStatus, field: "status", hint: "use planned, held or cancelled", {
    Planned => "planned",
    Held => "held",
    Cancelled => "cancelled",
});

/// One update of an agenda item, as the meeting screen sends it: any of a new state, new notes
/// and a move one place up (`true`) or down within its section, applied together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaUpdate {
    pub state: Option<AgendaState>,
    pub notes: Option<String>,
    /// New text (an item of the meeting's own, or an earlier agenda item carried in).
    pub text: Option<String>,
    pub move_up: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaState {
    Open,
    Discussed,
    Parked,
}

crate::words::word_enum!(AgendaState, field: "state", hint: "use open, discussed or parked", {
    Open => "open",
    Discussed => "discussed",
    Parked => "parked",
});

/// What a carried agenda item stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Carried {
    /// An agenda item from an earlier meeting (by the id of its first appearance).
    Agenda {
        root: AgendaItemId,
        from: DateTime<Utc>,
    },
    Action {
        action: ActionItem,
    },
    Decision {
        decision: Decision,
    },
    Entry {
        entry: EntryId,
        from: DateTime<Utc>,
    },
}

impl Carried {
    /// When the carried thing came from: "carried from DATE".
    pub fn from(&self) -> DateTime<Utc> {
        match self {
            Carried::Agenda { from, .. } | Carried::Entry { from, .. } => *from,
            Carried::Action { action } => action.origin_at,
            Carried::Decision { decision } => decision.origin_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub section: String,
    pub position: i64,
    pub text: String,
    pub notes: String,
    pub state: AgendaState,
    /// Set when the item was carried into this meeting; actions and decisions come live.
    pub carried: Option<Carried>,
}

/// The three signals that a peer one-on-one is needed, kept with the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerSignals {
    /// You and this peer share a specific problem.
    pub shared_problem: bool,
    /// You need cooperation from others to solve yours.
    pub need_cooperation: bool,
    /// Changing how the organisation works would benefit everyone.
    pub benefits_everyone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub at: DateTime<Utc>,
    pub status: MeetingStatus,
    pub template: Option<TemplateId>,
    pub partners: Vec<PartnerRef>,
    /// People who are not partners, invited to this meeting.
    pub guests: Vec<crate::people::PersonRef>,
    pub check_in: String,
    pub signals: Option<PeerSignals>,
    /// What the meeting is about; empty when not said.
    pub purpose: String,
    /// Its planned length in minutes.
    pub minutes: Option<u32>,
    /// "How are we doing?", 1 (strained) to 5 (working well), given after the meeting; private.
    #[serde(default)]
    pub pulse: Option<u8>,
    /// The agenda's sections in order, with their guiding questions.
    pub sections: Vec<TemplateSection>,
    pub agenda: Vec<AgendaItem>,
    /// Action items and decisions captured in this meeting.
    pub actions: Vec<ActionItem>,
    pub decisions: Vec<Decision>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set by `create_meeting` only: the lapsed meetings with these partners (planned, their
    /// time passed) whose open items this agenda took over (`calendar.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub took_over: Vec<MeetingSummary>,
}

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub at: DateTime<Utc>,
    pub status: MeetingStatus,
    pub partners: Vec<PartnerRef>,
    pub open_items: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub partners: Vec<PartnerId>,
    pub at: DateTime<Utc>,
    /// `None` uses the default template of the first partner's relationship.
    pub template: Option<TemplateId>,
    pub signals: Option<PeerSignals>,
    /// What the meeting is about, as the invitation says it ("WIP across our teams").
    pub purpose: String,
    /// How long it is planned to last, in minutes.
    pub minutes: Option<u32>,
}

pub use crate::carry::CARRIED_SECTION;
use crate::carry::{carry_candidates, waiting_elsewhere, Source};
const CARRIED_PROMPT: &str = "Still open between you since last time.";
/// The section of an agenda without a template.
const PLAIN_SECTION: &str = "Agenda";
/// Most partners in one meeting.
const MAX_PARTNERS: usize = 20;
/// Most items on one agenda.
const MAX_AGENDA_ITEMS: i64 = 500;

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<MeetingSummary> {
    let status: String = row.get(2)?;
    Ok(MeetingSummary {
        id: MeetingId(row.get(0)?),
        at: from_millis(row.get(1)?),
        status: status.parse().unwrap_or(MeetingStatus::Planned),
        partners: Vec::new(),
        open_items: row.get::<_, i64>(3)? as u64,
    })
}

/// Lapsed meetings (planned, their time before `now`), newest first; with `partners`, only
/// those any of them was in. Home asks about them (`calendar.rs`); a new agenda takes over what
/// they held (`carry.rs`).
pub(crate) fn lapsed_with(
    conn: &Connection,
    now: DateTime<Utc>,
    partners: Option<&[PartnerId]>,
    limit: u32,
) -> Result<Vec<MeetingSummary>> {
    let among = partners.map(|ids| {
        let ids: Vec<String> = ids.iter().map(|p| p.0.to_string()).collect();
        // Partner ids are integers, so they are safe to inline.
        format!(
            " AND m.id IN (SELECT meeting_id FROM meeting_partners WHERE partner_id IN ({}))",
            ids.join(",")
        )
    });
    let mut meetings: Vec<MeetingSummary> = conn
        .prepare(&format!(
            "SELECT m.id, m.at, m.status, {OPEN_ITEMS} FROM meetings m
             WHERE m.status = 'planned' AND m.at < ?1{} ORDER BY m.at DESC, m.id DESC LIMIT ?2",
            among.unwrap_or_default()
        ))?
        .query_map(params![to_millis(now), limit.min(500)], summary_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for meeting in &mut meetings {
        meeting.partners = meeting_partners(conn, meeting.id)?;
    }
    Ok(meetings)
}

/// A meeting's agenda items not discussed yet, as SQL over `meetings m`.
pub(crate) const OPEN_ITEMS: &str =
    "(SELECT count(*) FROM agenda_items ai WHERE ai.meeting_id = m.id AND ai.state <> 'discussed')";

/// An `agenda_items` row as read back.
struct AgendaRow {
    id: i64,
    section: String,
    position: i64,
    text: String,
    notes: String,
    state: String,
    source_kind: String,
    source_id: Option<i64>,
    carried_from: Option<i64>,
}

fn insert_agenda_item(
    conn: &Connection,
    meeting: MeetingId,
    section: &str,
    text: &str,
    source: Option<(Source, DateTime<Utc>)>,
) -> Result<bool> {
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?1",
        [meeting.0],
        |row| row.get(0),
    )?;
    if position > MAX_AGENDA_ITEMS {
        return Err(InputError::new(
            "agenda",
            format!("at most {MAX_AGENDA_ITEMS} items per meeting"),
        )
        .into());
    }
    let (kind, id, from) = match source {
        Some((source, from)) => (source.kind(), Some(source.id()), Some(to_millis(from))),
        None => ("own", None, None),
    };
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO agenda_items (meeting_id, section, position, text, source_kind, source_id, carried_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![meeting.0, section, position, text, kind, id, from],
    )?;
    Ok(inserted == 1)
}

impl Vault {
    pub(crate) fn meeting_exists(&self, id: MeetingId) -> Result<()> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT id FROM meetings WHERE id = ?1", [id.0], |row| {
                row.get(0)
            })
            .optional()?;
        found.map(|_| ()).ok_or(Error::NotFound {
            what: "meeting",
            by: "id",
        })
    }

    /// Creates a planned meeting and prepares its agenda: the template's sections, with
    /// everything still open with its partners carried forward.
    pub fn create_meeting(&mut self, new: NewMeeting, now: DateTime<Utc>) -> Result<Meeting> {
        let mut partners = new.partners.clone();
        partners.sort();
        partners.dedup();
        if partners.is_empty() || partners.len() > MAX_PARTNERS {
            return Err(
                InputError::new("partners", format!("give 1 to {MAX_PARTNERS} partners")).into(),
            );
        }
        let mut relationships = Vec::new();
        for partner in &partners {
            relationships.push(self.partner(*partner)?.relationship);
        }
        let template = match new.template {
            Some(id) => Some(self.template(id)?),
            None => match self.default_template(relationships[0])? {
                Some(id) => Some(self.template(id)?),
                None => None,
            },
        };
        let mut sections = vec![TemplateSection {
            title: CARRIED_SECTION.into(),
            prompt: CARRIED_PROMPT.into(),
        }];
        match &template {
            Some(t) => sections.extend(t.sections.iter().cloned()),
            None => sections.push(TemplateSection {
                title: PLAIN_SECTION.into(),
                prompt: String::new(),
            }),
        }
        let purpose =
            validate::optional_short_text("purpose", Some(&new.purpose))?.unwrap_or_default();
        let minutes = validate::meeting_minutes(new.minutes)?;
        let sections_json =
            serde_json::to_string(&sections).map_err(|e| Error::Damaged(e.to_string()))?;
        let signals_json = new
            .signals
            .map(|s| serde_json::to_string(&s))
            .transpose()
            .map_err(|e| Error::Damaged(e.to_string()))?;

        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meetings (at, status, template_id, sections, signals, purpose, minutes,
                                   created_at, updated_at)
             VALUES (?1, 'planned', ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                to_millis(new.at),
                template.as_ref().map(|t| t.id.0),
                sections_json,
                signals_json,
                purpose,
                minutes,
                to_millis(now)
            ],
        )?;
        let id = MeetingId(tx.last_insert_rowid());
        for partner in &partners {
            tx.execute(
                "INSERT INTO meeting_partners (meeting_id, partner_id, meeting_at) VALUES (?1, ?2, ?3)",
                params![id.0, partner.0, to_millis(new.at)],
            )?;
        }
        // A meeting takes over the lapsed ones before it: not itself (a meeting recorded after
        // it happened is "lapsed" the moment it is written), nor a later one.
        let took_over: Vec<MeetingSummary> = lapsed_with(&tx, now, Some(&partners), 20)?
            .into_iter()
            .filter(|lapsed| lapsed.id != id && lapsed.at < new.at)
            .collect();
        let waiting = waiting_elsewhere(&tx, id.0, now)?;
        for candidate in carry_candidates(&tx, id, &partners, new.at, &sections, now)? {
            let key = (candidate.source.kind().to_owned(), candidate.source.id());
            if waiting.contains(&key) {
                continue;
            }
            insert_agenda_item(
                &tx,
                id,
                &candidate.section,
                &candidate.text,
                Some((candidate.source, candidate.from)),
            )?;
        }
        tx.commit()?;
        let mut meeting = self.meeting(id)?;
        meeting.took_over = took_over;
        Ok(meeting)
    }

    pub fn meeting(&self, id: MeetingId) -> Result<Meeting> {
        let row = self
            .conn
            .query_row(
                "SELECT at, status, template_id, sections, check_in, signals, created_at, updated_at,
                        purpose, minutes, pulse
                 FROM meetings WHERE id = ?1",
                [id.0],
                |row| {
                    Ok((
                        (
                            row.get::<_, i64>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, Option<i64>>(2)?,
                            row.get::<_, String>(3)?,
                            row.get::<_, String>(4)?,
                            row.get::<_, Option<String>>(5)?,
                            row.get::<_, i64>(6)?,
                            row.get::<_, i64>(7)?,
                        ),
                        (
                            row.get::<_, String>(8)?,
                            row.get::<_, Option<u32>>(9)?,
                            row.get::<_, Option<u8>>(10)?,
                        ),
                    ))
                },
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "meeting",
                by: "id",
            })?;
        let (
            (at, status, template, sections, check_in, signals, created_at, updated_at),
            (purpose, minutes, pulse),
        ) = row;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, section, position, text, notes, state, source_kind, source_id, carried_from
             FROM agenda_items WHERE meeting_id = ?1 ORDER BY position, id",
        )?;
        let rows: Vec<AgendaRow> = stmt
            .query_map([id.0], |row| {
                Ok(AgendaRow {
                    id: row.get(0)?,
                    section: row.get(1)?,
                    position: row.get(2)?,
                    text: row.get(3)?,
                    notes: row.get(4)?,
                    state: row.get(5)?,
                    source_kind: row.get(6)?,
                    source_id: row.get(7)?,
                    carried_from: row.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut agenda = Vec::with_capacity(rows.len());
        for row in rows {
            let from = row.carried_from.map(from_millis).unwrap_or_default();
            let carried = match (row.source_kind.as_str(), row.source_id) {
                ("agenda", Some(root)) => Some(Carried::Agenda {
                    root: AgendaItemId(root),
                    from,
                }),
                ("action", Some(action)) => Some(Carried::Action {
                    action: load_action(&self.conn, ActionId(action))?,
                }),
                ("decision", Some(decision)) => Some(Carried::Decision {
                    decision: load_decision(&self.conn, DecisionId(decision))?,
                }),
                ("entry", Some(entry)) => Some(Carried::Entry {
                    entry: EntryId(entry),
                    from,
                }),
                _ => None,
            };
            agenda.push(AgendaItem {
                id: AgendaItemId(row.id),
                section: row.section,
                position: row.position,
                text: row.text,
                notes: row.notes,
                state: row.state.parse().unwrap_or(AgendaState::Open),
                carried,
            });
        }
        let actions = self
            .conn
            .prepare_cached("SELECT id FROM action_items WHERE origin_meeting_id = ?1 ORDER BY id")?
            .query_map([id.0], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|a| load_action(&self.conn, ActionId(a)))
            .collect::<Result<_>>()?;
        let decisions = self
            .conn
            .prepare_cached("SELECT id FROM decisions WHERE origin_meeting_id = ?1 ORDER BY id")?
            .query_map([id.0], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|d| load_decision(&self.conn, DecisionId(d)))
            .collect::<Result<_>>()?;
        Ok(Meeting {
            id,
            at: from_millis(at),
            status: status.parse().unwrap_or(MeetingStatus::Planned),
            template: template.map(TemplateId),
            partners: meeting_partners(&self.conn, id)?,
            guests: self.meeting_guests(id)?,
            check_in,
            signals: signals.and_then(|s| serde_json::from_str(&s).ok()),
            purpose,
            minutes,
            pulse,
            sections: serde_json::from_str(&sections).unwrap_or_default(),
            agenda,
            actions,
            decisions,
            created_at: from_millis(created_at),
            updated_at: from_millis(updated_at),
            took_over: Vec::new(),
        })
    }

    /// Marks a meeting held, cancelled or planned again.
    pub fn set_meeting_status(
        &mut self,
        id: MeetingId,
        status: MeetingStatus,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        self.meeting_exists(id)?;
        self.conn.execute(
            "UPDATE meetings SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, status.as_str(), to_millis(now)],
        )?;
        self.meeting(id)
    }

    pub fn set_check_in(
        &mut self,
        id: MeetingId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        let text = validate::notes(text)?;
        self.meeting_exists(id)?;
        self.conn.execute(
            "UPDATE meetings SET check_in = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, text, to_millis(now)],
        )?;
        self.meeting(id)
    }

    /// Adds an item of your own to a section of the agenda.
    pub fn add_agenda_item(
        &mut self,
        meeting: MeetingId,
        section: &str,
        text: &str,
    ) -> Result<AgendaItemId> {
        let section = validate::short_text("section", section)?;
        let text = validate::body(text).map_err(|e| InputError::new("agenda item", e.reason))?;
        self.meeting_exists(meeting)?;
        insert_agenda_item(&self.conn, meeting, &section, &text, None)?;
        Ok(AgendaItemId(self.conn.last_insert_rowid()))
    }
}
