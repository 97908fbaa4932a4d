//! The story of a partnership as a document to print (Markdown, HTML, PDF), for the times one has
//! to make the case for keeping a duo together: how you related over the years, roles and
//! organisations, leaves, and year by year the meetings kept, the wins, the support both ways and
//! the problems solved together, with a few highlights each.
//!
//! Private unless included: the pulse ("how are we doing?"), the count of concerns, and the text
//! of every entry not marked shareable. With `include_private` false, none of them is read into
//! the document, so none can be printed.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::document::{Block, Document, Item};
use crate::error::Result;
use crate::ids::PartnerId;
use crate::story::{Story, StoryYear};
use crate::time::local_day;
use crate::vault::Vault;

/// What to print of a partnership's story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryRequest {
    pub partner: PartnerId,
    /// Also the private side: the pulse, the concerns, and the highlights not marked shareable.
    pub include_private: bool,
}

/// Highlights printed per year; the rest are counted ("and 3 more").
const HIGHLIGHTS_PER_YEAR: u32 = 4;

/// "March 2012".
fn month(date: NaiveDate) -> String {
    date.format("%B %Y").to_string()
}

/// "March 2012 – July 2016", "since January 2020", "until July 2016".
fn span(started: Option<NaiveDate>, ended: Option<NaiveDate>) -> String {
    match (started, ended) {
        (Some(from), Some(to)) => format!("{} – {}", month(from), month(to)),
        (Some(from), None) => format!("since {}", month(from)),
        (None, Some(to)) => format!("until {}", month(to)),
        (None, None) => String::new(),
    }
}

/// "1 time", "3 times" and the like.
fn times(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "once", "twice", "3 times".
fn how_often(n: u32) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// How long the partnership has lasted, in words.
fn how_long(first: NaiveDate, today: NaiveDate) -> String {
    let years = today.years_since(first).unwrap_or(0);
    match years {
        0 => "less than a year".to_owned(),
        1 => "a year".to_owned(),
        n => format!("{n} years"),
    }
}

/// A year's facts on one line: what was kept and given, and with `private` what was felt.
fn year_facts(year: &StoryYear, private: bool) -> String {
    let mut facts = Vec::new();
    if year.meetings_held > 0 {
        facts.push(times(year.meetings_held, "meeting held", "meetings held"));
    }
    if year.wins > 0 {
        facts.push(times(year.wins, "win", "wins"));
    }
    if year.support_given > 0 {
        facts.push(format!(
            "you supported them {}",
            how_often(year.support_given)
        ));
    }
    if year.support_received > 0 {
        facts.push(format!(
            "they supported you {}",
            how_often(year.support_received)
        ));
    }
    if year.problems_closed > 0 {
        facts.push(times(
            year.problems_closed,
            "problem solved together",
            "problems solved together",
        ));
    }
    if private {
        if let Some(pulse) = year.pulse {
            facts.push(format!("how we were doing: {pulse:.1} of 5"));
        }
        if year.concerns > 0 {
            facts.push(times(year.concerns, "concern", "concerns"));
        }
    }
    let mut text = facts.join(" · ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

impl Vault {
    /// The story of a partnership as a document to print.
    pub fn story_document(&self, request: &StoryRequest, now: DateTime<Utc>) -> Result<Document> {
        let mut story = self.full_story(request.partner, now)?;
        let private = request.include_private;
        if !private {
            // Not in the document at all, so no printer can show them.
            for year in &mut story.years {
                year.pulse = None;
                year.concerns = 0;
            }
        }
        let today = local_day(now);
        let partner = &story.partner;
        let mut blocks = Vec::new();

        blocks.push(Block::Heading("The partnership".into()));
        let related: Vec<String> = partner
            .relationships
            .iter()
            .map(|s| format!("{} ({})", s.relationship.label(), span(s.started, s.ended)))
            .collect();
        blocks.push(Block::Text(format!(
            "How we related: {}.",
            related.join("; ")
        )));
        let roles: Vec<String> = partner
            .roles
            .iter()
            .map(|s| {
                let what = [s.role.as_deref(), s.organisation.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let when = span(s.started, s.ended);
                match (what.is_empty(), when.is_empty()) {
                    (true, _) => String::new(),
                    (false, true) => what,
                    (false, false) => format!("{what} ({when})"),
                }
            })
            .filter(|s| !s.is_empty())
            .collect();
        if !roles.is_empty() {
            blocks.push(Block::Text(format!("Their roles: {}.", roles.join("; "))));
        }
        if !partner.pauses.is_empty() {
            let pauses: Vec<String> = partner
                .pauses
                .iter()
                .map(|p| {
                    let back = p
                        .ended
                        .map_or_else(String::new, |d| format!(", back {}", month(d)));
                    format!("{} from {}{back}", p.reason.label(), month(p.started))
                })
                .collect();
            blocks.push(Block::Text(format!(
                "Leaves and pauses: {}.",
                pauses.join("; ")
            )));
        }
        let all = story.years.iter().fold(StoryYear::default(), |mut all, y| {
            all.meetings_held += y.meetings_held;
            all.wins += y.wins;
            all.support_given += y.support_given;
            all.support_received += y.support_received;
            all.problems_closed += y.problems_closed;
            all.concerns += y.concerns;
            all
        });
        let in_all = year_facts(&all, false);
        if !in_all.is_empty() {
            blocks.push(Block::Text(format!("In all: {}.", in_all.to_lowercase())));
        }

        blocks.push(Block::Heading("Year by year".into()));
        let mut quiet = Vec::new();
        for year in &story.years {
            let facts = year_facts(year, private);
            let milestones = milestones(&story, year.year);
            let highlights = if year.wins + year.support_given + year.support_received > 0 {
                Some(self.story_highlights(partner.id, year.year, HIGHLIGHTS_PER_YEAR, !private)?)
            } else {
                None
            };
            let has_highlights = highlights.as_ref().is_some_and(|h| !h.entries.is_empty());
            if facts.is_empty() && milestones.is_empty() && !has_highlights {
                // This year is not over: the subtitle's "as of" says so.
                if year.year != today.year() {
                    quiet.push(year.year.to_string());
                }
                continue;
            }
            blocks.push(Block::Section(year.year.to_string()));
            for milestone in milestones {
                blocks.push(Block::Text(milestone));
            }
            if !facts.is_empty() {
                blocks.push(Block::Text(format!("{facts}.")));
            }
            if let Some(highlights) = highlights.filter(|h| !h.entries.is_empty()) {
                // Under its year, a highlight's place says where it comes from: its day is in
                // its detail, not in a numbered note.
                let items = highlights
                    .entries
                    .into_iter()
                    .map(|entry| Item {
                        text: crate::entries::preview(&entry.body, 300),
                        detail: format!(
                            "{}, {}",
                            match entry.support {
                                Some(support) => support.sentence().to_owned(),
                                None => entry.kind.to_string(),
                            },
                            local_day(entry.created_at).format("%-d %B")
                        ),
                    })
                    .collect();
                blocks.push(Block::Items(items));
                if highlights.more {
                    blocks.push(Block::Text("And more that year.".into()));
                }
            }
        }
        if !quiet.is_empty() {
            blocks.push(Block::Text(format!(
                "No meetings, wins or support recorded in {}.",
                quiet.join(", ")
            )));
        }

        let kinds: Vec<&str> = partner
            .relationships
            .iter()
            .map(|s| s.relationship.label())
            .collect();
        let subtitle = match story.first_day {
            Some(first) => format!(
                "Since {} · {} · as of {today}",
                month(first),
                kinds.join(", then ")
            ),
            None => format!("As of {today}"),
        };
        Ok(Document {
            title: match story.first_day {
                Some(first) => format!(
                    "{}: {} working together",
                    partner.name,
                    how_long(first, today)
                ),
                None => format!("{}: working together", partner.name),
            },
            subtitle,
            blocks,
        })
    }
}

/// What changed in `year`: a relationship or a role that began, a pause that began.
fn milestones(story: &Story, year: i32) -> Vec<String> {
    let in_year = |date: Option<NaiveDate>| date.is_some_and(|d| d.year() == year);
    let mut said = Vec::new();
    let relationships = &story.partner.relationships;
    for (i, spell) in relationships.iter().enumerate() {
        if in_year(spell.started) {
            let line = match i {
                0 => format!("Began: {}.", spell.relationship.label()),
                _ => format!(
                    "From {}: {} (was {}).",
                    spell.started.map(month).unwrap_or_default(),
                    spell.relationship.label(),
                    relationships[i - 1].relationship.label()
                ),
            };
            said.push(line);
        }
    }
    for spell in &story.partner.roles {
        if in_year(spell.started) {
            let what = [spell.role.as_deref(), spell.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if !what.is_empty() {
                said.push(format!("Their role: {what}."));
            }
        }
    }
    for pause in &story.partner.pauses {
        if pause.started.year() == year {
            said.push(format!(
                "{} from {}.",
                pause.reason.label(),
                month(pause.started)
            ));
        }
    }
    said
}
