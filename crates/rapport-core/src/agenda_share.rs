//! The agenda as it goes to the peer: what the meeting is about, when and for how long, with
//! whom, and the items in their sections. Nothing private: no check-in, no notes typed on an
//! item, no journal entry carried in unless it was marked shareable. As Markdown (to paste into a
//! message) or as an iCalendar file for that one meeting (RFC 5545, written here, no network).

use std::fmt::Write as _;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::meetings::{AgendaItem, AgendaState, Carried, MeetingId};
use crate::vault::Vault;

/// How long a meeting without a length is put in the calendar for.
const DEFAULT_MINUTES: u32 = 30;

/// How a shared agenda is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareFormat {
    Markdown,
    /// An iCalendar file with the one event.
    Ics,
}

impl std::str::FromStr for ShareFormat {
    type Err = crate::InputError;

    fn from_str(text: &str) -> std::result::Result<Self, crate::InputError> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(ShareFormat::Markdown),
            "ics" | "ical" | "icalendar" => Ok(ShareFormat::Ics),
            _ => Err(crate::InputError::new("format", "use md or ics")),
        }
    }
}

/// One section of a shared agenda and its items, as the peer reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedSection {
    pub title: String,
    pub prompt: String,
    pub items: Vec<String>,
}

/// A meeting's agenda with nothing private in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedAgenda {
    pub meeting: MeetingId,
    pub at: DateTime<Utc>,
    pub minutes: Option<u32>,
    pub purpose: String,
    pub with: Vec<String>,
    pub sections: Vec<SharedSection>,
}

impl SharedAgenda {
    /// "WIP across our teams", or "One-on-one with Sam" when no purpose was given.
    pub fn title(&self) -> String {
        if self.purpose.is_empty() {
            format!("One-on-one with {}", self.with.join(", "))
        } else {
            self.purpose.clone()
        }
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.at + Duration::minutes(i64::from(self.minutes.unwrap_or(DEFAULT_MINUTES)))
    }
}

impl Vault {
    /// The agenda of a meeting to share with the peer: private things left out (see the module).
    pub fn shared_agenda(&self, id: MeetingId) -> Result<SharedAgenda> {
        let meeting = self.meeting(id)?;
        let mut sections = Vec::new();
        for section in &meeting.sections {
            let mut items = Vec::new();
            for item in meeting.agenda.iter().filter(|i| i.section == section.title) {
                if let Some(text) = self.shareable_item(item)? {
                    items.push(text);
                }
            }
            // The empty check-in section of a template says nothing to the peer.
            if items.is_empty() && is_check_in(&section.title) {
                continue;
            }
            sections.push(SharedSection {
                title: section.title.clone(),
                prompt: section.prompt.clone(),
                items,
            });
        }
        // Items whose section is not on the agenda any more still go, at the end.
        let known: Vec<&str> = meeting.sections.iter().map(|s| s.title.as_str()).collect();
        let mut other = Vec::new();
        for item in meeting
            .agenda
            .iter()
            .filter(|i| !known.contains(&i.section.as_str()))
        {
            if let Some(text) = self.shareable_item(item)? {
                other.push(text);
            }
        }
        if !other.is_empty() {
            sections.push(SharedSection {
                title: "Other".into(),
                prompt: String::new(),
                items: other,
            });
        }
        sections.retain(|s| !s.items.is_empty() || !s.prompt.is_empty());
        Ok(SharedAgenda {
            meeting: meeting.id,
            at: meeting.at,
            minutes: meeting.minutes,
            purpose: meeting.purpose.clone(),
            with: meeting
                .partners
                .iter()
                .map(|p| p.name.clone())
                .chain(meeting.guests.iter().map(|g| g.name.clone()))
                .collect(),
            sections,
        })
    }

    /// The shared agenda of a meeting written out in `format` (times in `tz`; `now` stamps a
    /// calendar file). The event's id names this vault and meeting, so sharing it again updates
    /// the same event in the peer's calendar.
    pub fn share_agenda<Tz: TimeZone>(
        &self,
        id: MeetingId,
        format: ShareFormat,
        tz: &Tz,
        now: DateTime<Utc>,
    ) -> Result<String>
    where
        Tz::Offset: std::fmt::Display,
    {
        let agenda = self.shared_agenda(id)?;
        Ok(match format {
            ShareFormat::Markdown => shared_markdown(&agenda, tz),
            ShareFormat::Ics => {
                let uid = format!("meeting-{}-{}@rapport.invalid", id, self.id());
                shared_ics(&agenda, &uid, now)
            }
        })
    }

    /// An item's text as the peer may read it, or `None` when it must stay private (a private
    /// journal entry carried in). Done and settled items are left out: the agenda is what is
    /// still to talk about.
    fn shareable_item(&self, item: &AgendaItem) -> Result<Option<String>> {
        let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(match &item.carried {
            Some(Carried::Entry { entry, .. }) => {
                let entry = self.entry(*entry)?;
                (entry.shareable && item.state != AgendaState::Discussed)
                    .then(|| one_line(&item.text))
            }
            Some(Carried::Action { action }) => action.done_at.is_none().then(|| {
                let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
                format!("{} (action, {}{due})", one_line(&action.text), action.owner)
            }),
            Some(Carried::Decision { decision }) => decision.closed_at.is_none().then(|| {
                let again = decision
                    .revisit_on
                    .map(|d| format!(", decide again by {d}"))
                    .unwrap_or_default();
                format!("{} (decision{again})", one_line(&decision.text))
            }),
            Some(Carried::Agenda { .. }) | None => {
                (item.state != AgendaState::Discussed).then(|| one_line(&item.text))
            }
        })
    }
}

fn is_check_in(title: &str) -> bool {
    title.trim().eq_ignore_ascii_case("check-in") || title.trim().eq_ignore_ascii_case("check in")
}

/// The shared agenda as Markdown; times in `tz`.
pub fn shared_markdown<Tz: TimeZone>(agenda: &SharedAgenda, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let mut out = format!("# {}\n\n", agenda.title());
    let start = agenda.at.with_timezone(tz);
    let length = agenda
        .minutes
        .map(|m| format!(", {m} minutes"))
        .unwrap_or_default();
    let _ = writeln!(out, "When: {}{length}", start.format("%A %-d %B %Y, %H:%M"));
    let _ = writeln!(out, "With: {}", agenda.with.join(", "));
    for section in &agenda.sections {
        let _ = write!(out, "\n## {}\n", section.title);
        if !section.prompt.is_empty() {
            let _ = writeln!(out, "_{}_", section.prompt);
        }
        if !section.items.is_empty() {
            out.push('\n');
            for item in &section.items {
                let _ = writeln!(out, "- {item}");
            }
        }
    }
    out
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character (RFC 5545 3.1), and ends it
/// with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The shared agenda as an iCalendar file with one event: its time and length in UTC, its
/// purpose as the summary and the agenda's Markdown as the description. `now` stamps it; `uid`
/// names the event so that a second share of the same meeting updates it in the calendar.
pub fn shared_ics(agenda: &SharedAgenda, uid: &str, now: DateTime<Utc>) -> String {
    let stamp = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Rapport//Shared agenda//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", ics_text(uid)),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(agenda.at)),
        format!("DTEND:{}", stamp(agenda.end())),
        format!("SUMMARY:{}", ics_text(&agenda.title())),
        format!("DESCRIPTION:{}", ics_text(&shared_markdown(agenda, &Utc))),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ] {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(80));
        fold(&line, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(ics_text("a, b; c\\d\nnext\r"), "a\\, b\\; c\\\\d\\nnext");
    }
}
