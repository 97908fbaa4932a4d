//! A problem's brief: what two peers take to their managers together. Both views, why it matters
//! and to whom, the options considered and the one chosen, the allies and where they stand, the
//! decisions of the meetings about it, the times it was presented, and the date to decide again;
//! every line with its source. The problem's private notes never; a journal entry only when the
//! person includes it by hand.
//!
//! Like the summary, building and printing are separate: `Vault::brief` makes a `Brief`, and
//! `Brief::document` turns it into a `Document` for the Markdown, HTML and PDF printers.

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::Serialize;

use crate::actions::Owner;
use crate::document::{Block, Document};
use crate::entries::EntryId;
use crate::error::{InputError, Result};
use crate::partners::PartnerRef;
use crate::problems::{Problem, ProblemId, Stage, Stance};
use crate::summary::{included_line, one_line, Candidate, Line, Provenance};
use crate::summary_print::PrintFormat;
use crate::vault::Vault;

/// What to put in a brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefRequest {
    pub problem: ProblemId,
    /// Journal entries the person chose to include, one by one.
    pub include_entries: Vec<EntryId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Brief {
    pub problem: ProblemId,
    pub title: String,
    pub shared_with: Vec<PartnerRef>,
    pub stage: Stage,
    pub prepared_on: NaiveDate,
    pub my_view: Option<Line>,
    pub their_view: Option<Line>,
    pub why_it_matters: Option<Line>,
    pub matters_to: Option<Line>,
    pub agreement: Option<Line>,
    /// The options not chosen.
    pub options: Vec<Line>,
    pub allies: Vec<Line>,
    /// Decisions recorded in the meetings linked to the problem.
    pub decisions: Vec<Line>,
    pub presentations: Vec<Line>,
    pub decide_again: Option<Line>,
    /// Journal entries included by hand.
    pub included: Vec<Line>,
}

/// "Sam" / "Sam and Alex" / "Sam, Alex and Kim".
fn names(partners: &[PartnerRef]) -> String {
    let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
    match names.as_slice() {
        [] => "my peer".into(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn stance_word(stance: Stance) -> &'static str {
    match stance {
        Stance::For => "for it",
        Stance::Against => "against it",
        Stance::Unknown => "stance not known yet",
    }
}

fn owner_word(owner: Owner, peers: &str) -> String {
    match owner {
        Owner::Me => "mine".into(),
        Owner::Them => format!("{peers}'s"),
        Owner::Both => "ours".into(),
    }
}

impl Vault {
    /// Builds the brief of a problem. Included entries must exist and not be in the trash.
    pub fn brief(&self, request: &BriefRequest, now: DateTime<Utc>) -> Result<Brief> {
        let problem = self.problem(request.problem)?;
        let peers = names(&problem.shared_with);
        let worksheet = |at: Option<DateTime<Utc>>| Provenance::Worksheet {
            id: problem.id,
            at: at.unwrap_or(problem.created_at),
        };
        let written = |key: &str, text: &str, detail: String| {
            (!text.is_empty()).then(|| Line {
                key: key.to_owned(),
                text: text.to_owned(),
                detail,
                provenance: worksheet(problem.worksheet_at),
            })
        };
        let option_line = |o: &crate::problems::ProblemOption| {
            let mut detail = Vec::new();
            if !o.my_stake.is_empty() {
                detail.push(format!("for me: {}", one_line(&o.my_stake)));
            }
            if !o.their_stake.is_empty() {
                detail.push(format!("for {peers}: {}", one_line(&o.their_stake)));
            }
            Line {
                key: format!("option:{}", o.id),
                text: o.text.clone(),
                detail: detail.join("; "),
                provenance: worksheet(o.created_at),
            }
        };
        let allies = problem
            .allies
            .iter()
            .map(|a| {
                let mut detail = vec![stance_word(a.stance).to_owned()];
                if !a.next_step.is_empty() {
                    detail.push(format!(
                        "next: {} ({})",
                        a.next_step,
                        owner_word(a.owner, &peers)
                    ));
                }
                Line {
                    key: format!("ally:{}", a.id),
                    text: a.name.clone(),
                    detail: detail.join(", "),
                    provenance: worksheet(Some(a.created_at)),
                }
            })
            .collect();
        let presentations = problem
            .presentations
            .iter()
            .map(|p| Line {
                key: format!("presentation:{}", p.id),
                text: if p.response.is_empty() {
                    format!("Presented to {}", p.to_whom)
                } else {
                    format!("Presented to {}: {}", p.to_whom, p.response)
                },
                detail: p.on.to_string(),
                provenance: worksheet(Some(p.created_at)),
            })
            .collect();
        Ok(Brief {
            problem: problem.id,
            title: problem.title.clone(),
            shared_with: problem.shared_with.clone(),
            stage: problem.stage,
            prepared_on: now.with_timezone(&Local).date_naive(),
            my_view: written("view:mine", &problem.my_view, String::new()),
            their_view: written("view:theirs", &problem.their_view, "as I heard it".into()),
            why_it_matters: written("why", &problem.why_it_matters, String::new()),
            matters_to: written("to-whom", &problem.matters_to.join(", "), String::new()),
            agreement: problem.agreement().map(option_line),
            options: problem
                .options
                .iter()
                .filter(|o| !o.chosen)
                .map(option_line)
                .collect(),
            allies,
            decisions: self.problem_decisions(&problem)?,
            presentations,
            decide_again: problem.decide_again_on.map(|day| Line {
                key: "decide-again".into(),
                text: format!("We will decide again by {day}."),
                detail: String::new(),
                provenance: worksheet(Some(problem.updated_at)),
            }),
            included: self.brief_entries(&request.include_entries)?,
        })
    }

    /// Journal entries the person may include in the brief by hand: those linked to the peers
    /// the problem is shared with, newest first, not in the trash; at most `limit`.
    pub fn brief_candidates(&self, id: ProblemId, limit: u32) -> Result<Vec<Candidate>> {
        let problem = self.problem(id)?;
        let limit = limit.clamp(1, 200);
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, ep.entry_created_at FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
             WHERE ep.partner_id = ?1 AND e.deleted_at IS NULL
             ORDER BY ep.entry_created_at DESC, ep.entry_id DESC LIMIT ?2",
        )?;
        let mut found: Vec<(i64, i64)> = Vec::new();
        for partner in &problem.shared_with {
            let rows = stmt
                .query_map(rusqlite::params![partner.id.0, i64::from(limit)], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            found.extend(rows);
        }
        Ok(self.newest_candidates(found, limit)?.0)
    }

    /// Decisions recorded in the meetings linked to the problem, oldest first.
    fn problem_decisions(&self, problem: &Problem) -> Result<Vec<Line>> {
        let mut lines = Vec::new();
        for meeting in &problem.meetings {
            let decisions = self.meeting(meeting.id)?.decisions;
            for d in decisions {
                let mut detail =
                    vec![if d.agreed { "agreed" } else { "not agreed yet" }.to_owned()];
                if let Some(revisit) = d.revisit_on {
                    detail.push(format!("decide again by {revisit}"));
                }
                lines.push(Line {
                    key: format!("decision:{}", d.id),
                    text: d.text,
                    detail: detail.join(", "),
                    provenance: Provenance::Meeting {
                        id: meeting.id,
                        at: meeting.at,
                    },
                });
            }
        }
        Ok(lines)
    }

    fn brief_entries(&self, ids: &[EntryId]) -> Result<Vec<Line>> {
        let mut lines: Vec<Line> = Vec::new();
        for id in ids {
            let entry = self.entry(*id)?;
            if entry.deleted_at.is_some() {
                return Err(InputError::new("include", "that entry is in the trash").into());
            }
            if !lines.iter().any(|l| {
                l.provenance
                    == Provenance::Entry {
                        id: entry.id,
                        at: entry.created_at,
                    }
            }) {
                lines.push(included_line(entry));
            }
        }
        Ok(lines)
    }
}

impl Brief {
    /// The brief as a document to print, in the order of the peer one-on-one.
    pub fn document(&self) -> Document {
        let peers = names(&self.shared_with);
        let mut blocks = Vec::new();
        let mut part = |heading: &str, lines: Vec<Line>, empty: &str| {
            blocks.push(Block::Heading(heading.to_owned()));
            if lines.is_empty() {
                if !empty.is_empty() {
                    blocks.push(Block::Text(empty.to_owned()));
                }
            } else {
                blocks.push(Block::Lines(lines));
            }
        };
        part(
            "My view",
            self.my_view.iter().cloned().collect(),
            "Not written yet.",
        );
        part(
            &format!("{peers}'s view"),
            self.their_view.iter().cloned().collect(),
            "Not written yet.",
        );
        let why: Vec<Line> = self
            .why_it_matters
            .iter()
            .cloned()
            .chain(self.matters_to.iter().map(|l| Line {
                text: format!("It matters to: {}", l.text),
                ..l.clone()
            }))
            .collect();
        part("Why it matters, and to whom", why, "Not written yet.");
        part(
            "Agreement",
            self.agreement.iter().cloned().collect(),
            "No option agreed yet.",
        );
        let considered = if self.agreement.is_some() {
            "Other options considered"
        } else {
            "Options considered"
        };
        part(considered, self.options.clone(), "");
        part("Allies", self.allies.clone(), "No other peers named yet.");
        part("Decisions from our meetings", self.decisions.clone(), "");
        part("Presented", self.presentations.clone(), "");
        part(
            "Decide again",
            self.decide_again.iter().cloned().collect(),
            "No date set yet.",
        );
        part("Notes included", self.included.clone(), "");
        // Parts with nothing to say and no "not yet" line are left out.
        let mut kept = Vec::new();
        let mut blocks = blocks.into_iter().peekable();
        while let Some(block) = blocks.next() {
            if matches!(block, Block::Heading(_))
                && matches!(blocks.peek(), None | Some(Block::Heading(_)))
            {
                continue;
            }
            kept.push(block);
        }
        Document {
            title: format!("Brief: {}", self.title),
            subtitle: format!(
                "With {peers}, prepared {} ({})",
                self.prepared_on,
                self.stage.label()
            ),
            blocks: kept,
        }
    }
}

/// Prints `brief` in `format` (JSON is the `Brief` value itself).
pub fn write_brief<Tz: chrono::TimeZone>(
    brief: &Brief,
    format: PrintFormat,
    tz: &Tz,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        PrintFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, brief).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        other => crate::summary_print::write_document(&brief.document(), other, tz, out),
    }
}
