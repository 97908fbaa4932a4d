//! The summary you choose to share with your manager: built from a date range and a set of
//! partners, it holds only shareable material (agreements and decisions, action items, entries
//! of any kind marked shareable, the cadence you kept, open peer problems) plus private entries
//! of the period the person included one by one, for this summary only. Every line keeps where
//! it came from.
//!
//! Building and printing are separate: `Vault::summary` makes a `Summary` value; the printers in
//! `summary_print` turn it into JSON, or into a `document::Document` for Markdown, HTML and PDF.

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::actions::{ActionFilter, DecisionFilter, Owner};
use crate::entries::preview;
use crate::entries::{EntryId, EntryKind};
use crate::error::{InputError, Result};
use crate::meetings::{MeetingId, MeetingStatus};
use crate::partners::{PartnerId, PartnerRef};
use crate::problems::ProblemId;
use crate::time::to_millis;
use crate::vault::Vault;

/// What to summarise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    /// First day, inclusive (local calendar).
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// The partners to cover; empty means every partner who is not archived.
    pub partners: Vec<PartnerId>,
    /// Extra peer problems to cover (open problems shared with the partners are always in).
    pub problems: Vec<ProblemId>,
    /// Private entries of the period the person chose to include in this summary, one by one.
    /// An entry outside the period is refused (`InputError` on "include").
    pub include_entries: Vec<EntryId>,
    /// Lines the person unticked, by `Line::key`.
    pub exclude: Vec<String>,
}

/// Where a line came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Provenance {
    Meeting {
        id: MeetingId,
        at: DateTime<Utc>,
    },
    Entry {
        id: EntryId,
        at: DateTime<Utc>,
    },
    Problem {
        id: ProblemId,
        at: DateTime<Utc>,
    },
    /// Written on a problem's worksheet (a view, an option, an ally, a presentation).
    Worksheet {
        id: ProblemId,
        at: DateTime<Utc>,
    },
}

impl Provenance {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Provenance::Meeting { at, .. }
            | Provenance::Entry { at, .. }
            | Provenance::Problem { at, .. }
            | Provenance::Worksheet { at, .. } => *at,
        }
    }
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// Stable identity for unticking, e.g. `decision:12`, `action:3`, `entry:40`.
    pub key: String,
    pub text: String,
    /// A short state: "agreed, decide again by 2025-04-30", "mine, overdue", ...
    pub detail: String,
    pub provenance: Provenance,
}

/// The cadence kept with one partner over the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceLine {
    pub intended_days: Option<u32>,
    pub held: u32,
    /// How many meetings the intended cadence asks for over the range.
    pub expected: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerSummary {
    pub partner: PartnerRef,
    pub role: Option<String>,
    pub cadence: CadenceLine,
    pub decisions: Vec<Line>,
    pub actions: Vec<Line>,
    /// Entries of kind win marked shareable.
    pub wins: Vec<Line>,
    /// Entries of support given or received marked shareable, whatever their kind.
    #[serde(default)]
    pub support: Vec<Line>,
    /// Entries of every other kind marked shareable (notes, concerns, reflections, feedback).
    #[serde(default)]
    pub notes: Vec<Line>,
}

impl PartnerSummary {
    /// The partner's lines by section, titled and ordered as every printer shows them.
    pub fn sections(&self) -> [(&'static str, &[Line]); 5] {
        [
            ("Agreements and decisions", &self.decisions),
            ("Action items", &self.actions),
            ("Wins", &self.wins),
            ("Support both ways", &self.support),
            ("Shared notes", &self.notes),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub partners: Vec<PartnerSummary>,
    pub problems: Vec<Line>,
    /// Private entries included by hand.
    pub included: Vec<Line>,
}

impl Summary {
    /// Every line, in the order the printers show them.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.partners
            .iter()
            .flat_map(|p| {
                p.decisions
                    .iter()
                    .chain(&p.actions)
                    .chain(&p.wins)
                    .chain(&p.support)
                    .chain(&p.notes)
            })
            .chain(&self.problems)
            .chain(&self.included)
    }

    /// The summary without the lines whose keys are listed (the ones the person unticked).
    pub fn without(mut self, keys: &[String]) -> Summary {
        if keys.is_empty() {
            return self;
        }
        let keep = |line: &Line| !keys.contains(&line.key);
        for partner in &mut self.partners {
            partner.decisions.retain(keep);
            partner.actions.retain(keep);
            partner.wins.retain(keep);
            partner.support.retain(keep);
            partner.notes.retain(keep);
        }
        self.problems.retain(keep);
        self.included.retain(keep);
        self
    }
}

/// A private entry the person may include in a summary by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub id: EntryId,
    pub at: DateTime<Utc>,
    pub kind: EntryKind,
    pub support: Option<crate::support::Support>,
    /// The start of the entry as plain text.
    pub preview: String,
    pub partners: Vec<PartnerRef>,
}

/// The day of an instant in the time zone the printers are given.
fn day<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.with_timezone(tz).format("%Y-%m-%d").to_string()
}

/// How a line says where it came from, in every printer: "Meeting of 2025-03-01" / "Note of
/// 2025-03-05" / "Problem recorded 2025-02-11".
pub fn provenance_text<Tz: TimeZone>(provenance: &Provenance, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match provenance {
        Provenance::Meeting { at, .. } => format!("Meeting of {}", day(*at, tz)),
        Provenance::Entry { at, .. } => format!("Note of {}", day(*at, tz)),
        Provenance::Problem { at, .. } => format!("Problem recorded {}", day(*at, tz)),
        Provenance::Worksheet { at, .. } => format!("Problem worksheet, written {}", day(*at, tz)),
    }
}

/// A line's text on one line, as every printer sets it.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cadence kept, in words, as every printer says it.
pub fn cadence_text(held: u32, expected: Option<u32>, intended: Option<u32>) -> String {
    let meetings = if held == 1 { "meeting" } else { "meetings" };
    match (expected, intended) {
        (Some(expected), Some(days)) => {
            format!("{held} {meetings} held (intended every {days} days: about {expected})")
        }
        _ => format!("{held} {meetings} held"),
    }
}

/// A peer problem as the manager reads it: its title, and in its detail the stage, the option
/// agreed on, the options considered and the date to decide again, or when it was closed.
fn problem_line(problem: &crate::problems::Problem) -> Line {
    let mut detail = vec![problem.stage.label().to_owned()];
    if let Some(agreed) = problem.agreement() {
        detail.push(format!("agreed: {}", one_line(&agreed.text)));
    }
    let considered: Vec<String> = problem
        .options
        .iter()
        .filter(|o| !o.chosen)
        .map(|o| one_line(&o.text))
        .collect();
    if !considered.is_empty() {
        let also = if problem.agreement().is_some() {
            "also considered"
        } else {
            "options considered"
        };
        detail.push(format!("{also}: {}", considered.join("; ")));
    }
    if let Some(closed) = problem.closed_at {
        detail.push(format!(
            "closed {}",
            closed.with_timezone(&Local).format("%Y-%m-%d")
        ));
    } else if let Some(day) = problem.decide_again_on {
        detail.push(format!("decide again on {day}"));
    }
    Line {
        key: format!("problem:{}", problem.id),
        text: problem.title.clone(),
        detail: detail.join(", "),
        provenance: Provenance::Problem {
            id: problem.id,
            at: problem.created_at,
        },
    }
}

/// A journal entry the person included by hand, as a summary or a brief prints it.
pub(crate) fn included_line(entry: crate::entries::Entry) -> Line {
    Line {
        key: format!("entry:{}", entry.id),
        text: entry.body,
        detail: match entry.support {
            Some(support) => format!("{support}, included by hand"),
            None => format!("{}, included by hand", entry.kind),
        },
        provenance: Provenance::Entry {
            id: entry.id,
            at: entry.created_at,
        },
    }
}

/// Longest range a summary covers.
const MAX_DAYS: i64 = 3 * 366;

fn check_range(request: &SummaryRequest) -> Result<()> {
    if request.to < request.from {
        return Err(InputError::new("dates", "the range ends before it starts").into());
    }
    if (request.to - request.from).num_days() > MAX_DAYS {
        return Err(InputError::new("dates", "summarise at most three years at a time").into());
    }
    Ok(())
}

fn local_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| Local.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

impl Vault {
    /// Builds the summary. Private entries appear only when listed in `include_entries`.
    pub fn summary(&self, request: &SummaryRequest, now: DateTime<Utc>) -> Result<Summary> {
        check_range(request)?;
        let start = local_start(request.from);
        let end = local_start(request.to + Duration::days(1));
        let today = now.with_timezone(&Local).date_naive();
        let partners = self.summary_partners(request)?;

        let mut sections = Vec::new();
        for partner_id in &partners {
            let partner = self.partner(*partner_id)?;
            let in_range = |at: DateTime<Utc>| at >= start && at < end;

            let decisions = self
                .list_decisions(&DecisionFilter {
                    partner: Some(partner.id),
                    ..DecisionFilter::default()
                })?
                .into_iter()
                .filter(|d| in_range(d.origin_at))
                .map(|d| {
                    let mut detail = vec![if d.agreed {
                        "agreed".to_owned()
                    } else {
                        "not agreed yet".to_owned()
                    }];
                    if d.closed_at.is_some() {
                        detail.push("settled".into());
                    } else if let Some(revisit) = d.revisit_on {
                        detail.push(format!("decide again by {revisit}"));
                    }
                    Line {
                        key: format!("decision:{}", d.id),
                        text: d.text,
                        detail: detail.join(", "),
                        provenance: Provenance::Meeting {
                            id: d.origin_meeting,
                            at: d.origin_at,
                        },
                    }
                })
                .collect();

            let actions = self
                .list_actions(&ActionFilter {
                    partner: Some(partner.id),
                    ..ActionFilter::default()
                })?
                .into_iter()
                .filter(|a| in_range(a.origin_at))
                .map(|a| {
                    let owner = match a.owner {
                        Owner::Me => "mine",
                        Owner::Them => "theirs",
                        Owner::Both => "shared",
                    };
                    let state = if a.done_at.is_some() {
                        "done".to_owned()
                    } else if a.is_overdue(today) {
                        format!(
                            "overdue since {}",
                            a.due.map(|d| d.to_string()).unwrap_or_default()
                        )
                    } else if let Some(due) = a.due {
                        format!("open, due {due}")
                    } else {
                        "open".to_owned()
                    };
                    Line {
                        key: format!("action:{}", a.id),
                        text: a.text,
                        detail: format!("{owner}, {state}"),
                        provenance: Provenance::Meeting {
                            id: a.origin_meeting,
                            at: a.origin_at,
                        },
                    }
                })
                .collect();

            let SharedEntries {
                wins,
                support,
                notes,
            } = self.shareable_entries(partner.id, start, end)?;

            let held = self
                .list_meetings(Some(partner.id), 500)?
                .into_iter()
                .filter(|m| m.status == MeetingStatus::Held && in_range(m.at))
                .count() as u32;
            let days = (request.to - request.from).num_days() + 1;
            let expected = partner
                .cadence_days
                .map(|c| ((days as f64) / f64::from(c)).floor().max(1.0) as u32);
            sections.push(PartnerSummary {
                partner: PartnerRef {
                    id: partner.id,
                    name: partner.name.clone(),
                },
                role: partner.role.clone(),
                cadence: CadenceLine {
                    intended_days: partner.cadence_days,
                    held,
                    expected,
                },
                decisions,
                actions,
                wins,
                support,
                notes,
            });
        }

        // Open problems shared with the partners, and those closed within the period: what was
        // settled reaches the manager too.
        let mut problem_ids: Vec<ProblemId> = request.problems.clone();
        for problem in self.list_problems(false)? {
            let in_period = problem.closed_at.is_none_or(|at| at >= start && at < end);
            if in_period
                && problem.shared_with.iter().any(|p| partners.contains(&p.id))
                && !problem_ids.contains(&problem.id)
            {
                problem_ids.push(problem.id);
            }
        }
        let mut problems = Vec::new();
        for id in problem_ids {
            let problem = self.problem(id)?;
            problems.push(problem_line(&problem));
        }

        let shared: Vec<&str> = sections
            .iter()
            .flat_map(|p: &PartnerSummary| p.wins.iter().chain(&p.support).chain(&p.notes))
            .map(|line| line.key.as_str())
            .collect();
        let mut included = Vec::new();
        for id in &request.include_entries {
            let entry = self.entry(*id)?;
            if entry.deleted_at.is_some() {
                return Err(InputError::new("include", "that entry is in the trash").into());
            }
            if !(start..end).contains(&entry.created_at) {
                return Err(InputError::new(
                    "include",
                    "that entry was written outside the summary's period; a private entry can be \
                     included only in a summary of its own period",
                )
                .into());
            }
            let key = format!("entry:{}", entry.id);
            if shared.contains(&key.as_str()) || included.iter().any(|l: &Line| l.key == key) {
                // Already in the summary, as a shareable entry or named twice.
                continue;
            }
            included.push(included_line(entry));
        }

        let summary = Summary {
            from: request.from,
            to: request.to,
            partners: sections,
            problems,
            included,
        };
        Ok(summary.without(&request.exclude))
    }

    /// Private entries in the range that the person could include by hand: linked to the
    /// request's partners (any partner when none is chosen), not in the trash, not shareable
    /// (those are in the summary already), not already included. Newest first; at most `limit`,
    /// and whether there are more.
    pub fn summary_candidates(
        &self,
        request: &SummaryRequest,
        limit: u32,
    ) -> Result<(Vec<Candidate>, bool)> {
        check_range(request)?;
        let limit = limit.clamp(1, 200);
        let start = local_start(request.from);
        let end = local_start(request.to + Duration::days(1));
        let partners = self.summary_partners(request)?;
        // Newest first per partner, through the (partner, time) index; merged below.
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, ep.entry_created_at FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
             WHERE ep.partner_id = ?1 AND e.deleted_at IS NULL
               AND ep.entry_created_at >= ?2 AND ep.entry_created_at < ?3
               AND e.shareable = 0
             ORDER BY ep.entry_created_at DESC, ep.entry_id DESC LIMIT ?4",
        )?;
        let mut found: Vec<(i64, i64)> = Vec::new();
        for partner in &partners {
            let rows = stmt
                .query_map(
                    rusqlite::params![
                        partner.0,
                        to_millis(start),
                        to_millis(end),
                        i64::from(limit) + 1
                    ],
                    |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            found.extend(rows);
        }
        found.retain(|(id, _)| !request.include_entries.contains(&EntryId(*id)));
        self.newest_candidates(found, limit)
    }

    /// Entries found per partner as (id, time): merged newest first, each once, the first
    /// `limit` loaded as candidates, and whether there were more. Shared by the summary's and the
    /// brief's "include by hand".
    pub(crate) fn newest_candidates(
        &self,
        mut found: Vec<(i64, i64)>,
        limit: u32,
    ) -> Result<(Vec<Candidate>, bool)> {
        found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        found.dedup_by_key(|(id, _)| *id);
        let more = found.len() > limit as usize;
        found.truncate(limit as usize);
        let candidates = found
            .into_iter()
            .map(|(id, _)| {
                let entry = self.entry(EntryId(id))?;
                Ok(Candidate {
                    id: entry.id,
                    at: entry.created_at,
                    kind: entry.kind,
                    support: entry.support,
                    preview: preview(&entry.body, 240),
                    partners: entry.partners,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((candidates, more))
    }

    /// The request's partners, or every partner who is not archived when it names none.
    fn summary_partners(&self, request: &SummaryRequest) -> Result<Vec<PartnerId>> {
        if !request.partners.is_empty() {
            return Ok(request.partners.clone());
        }
        Ok(self
            .list_partners(false)?
            .into_iter()
            .map(|p| p.id)
            .collect())
    }

    /// Entries linked to a partner in a range that the person marked shareable, of any kind:
    /// support both ways, the wins, and the rest (notes, concerns, reflections, feedback),
    /// oldest first.
    fn shareable_entries(
        &self,
        partner: PartnerId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<SharedEntries> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
             WHERE ep.partner_id = ?1 AND e.deleted_at IS NULL AND e.shareable = 1
               AND ep.entry_created_at >= ?2 AND ep.entry_created_at < ?3
             ORDER BY ep.entry_created_at, ep.entry_id LIMIT 400",
        )?;
        let ids: Vec<i64> = stmt
            .query_map(
                rusqlite::params![partner.0, to_millis(start), to_millis(end)],
                |row| row.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut shared = SharedEntries::default();
        for id in ids {
            let entry = self.entry(EntryId(id))?;
            let line = Line {
                key: format!("entry:{}", entry.id),
                text: preview(&entry.body, 400),
                detail: match entry.support {
                    Some(support) => support.sentence().to_owned(),
                    None => entry.kind.to_string(),
                },
                provenance: Provenance::Entry {
                    id: entry.id,
                    at: entry.created_at,
                },
            };
            if entry.support.is_some() {
                shared.support.push(line);
            } else if entry.kind == EntryKind::Win {
                shared.wins.push(line);
            } else {
                shared.notes.push(line);
            }
        }
        Ok(shared)
    }
}

/// A partner's shareable entries in a summary's period, by the section they go to.
#[derive(Default)]
struct SharedEntries {
    wins: Vec<Line>,
    support: Vec<Line>,
    notes: Vec<Line>,
}
