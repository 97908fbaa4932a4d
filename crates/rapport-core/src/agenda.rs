//! Prints a prepared agenda as Markdown: the sections in order with their guiding questions,
//! carried items marked with where they came from.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::meetings::{AgendaItem, AgendaState, Carried, Meeting, MeetingStatus};

fn day<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.with_timezone(tz).format("%Y-%m-%d").to_string()
}

fn item_line<Tz: TimeZone>(item: &AgendaItem, today: NaiveDate, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let mut done = item.state == AgendaState::Discussed;
    let mut text = item.text.replace('\n', " ");
    let mut details: Vec<String> = Vec::new();
    match &item.carried {
        Some(Carried::Action { action }) => {
            done = action.done_at.is_some();
            text = action.text.replace('\n', " ");
            details.push(format!("action, {}", action.owner));
            if let Some(due) = action.due {
                details.push(if action.is_overdue(today) {
                    format!("due {due}, overdue")
                } else {
                    format!("due {due}")
                });
            }
        }
        Some(Carried::Decision { decision }) => {
            done = decision.closed_at.is_some();
            text = decision.text.replace('\n', " ");
            details.push(if decision.agreed {
                "agreed".into()
            } else {
                "not agreed yet".into()
            });
            if let Some(revisit) = decision.revisit_on {
                details.push(format!("decide again by {revisit}"));
            }
        }
        Some(Carried::Entry { .. }) => details.push("note".into()),
        Some(Carried::Agenda { .. }) | None => {}
    }
    if item.state == AgendaState::Parked {
        details.push("parked".into());
    }
    if let Some(carried) = &item.carried {
        details.push(format!("carried from {}", day(carried.from(), tz)));
    }
    let mut line = format!("- [{}] {text}", if done { "x" } else { " " });
    if !details.is_empty() {
        let _ = write!(line, " _({})_", details.join("; "));
    }
    if !item.notes.is_empty() {
        let _ = write!(line, "\n  {}", item.notes.replace('\n', "\n  "));
    }
    line
}

/// The agenda of `meeting` as Markdown; times in `tz`, overdue judged against `today`.
pub fn agenda_markdown<Tz: TimeZone>(meeting: &Meeting, today: NaiveDate, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let names: Vec<&str> = meeting
        .partners
        .iter()
        .map(|p| p.name.as_str())
        .chain(meeting.guests.iter().map(|g| g.name.as_str()))
        .collect();
    let status = match meeting.status {
        MeetingStatus::Planned => "planned",
        MeetingStatus::Held => "held",
        MeetingStatus::Cancelled => "cancelled",
    };
    let mut out = format!(
        "# Meeting {} with {} — {} ({status})\n",
        meeting.id,
        names.join(", "),
        meeting.at.with_timezone(tz).format("%Y-%m-%d %H:%M")
    );
    if !meeting.purpose.is_empty() || meeting.minutes.is_some() {
        let about = match (meeting.purpose.as_str(), meeting.minutes) {
            ("", Some(m)) => format!("{m} minutes"),
            (purpose, Some(m)) => format!("{purpose} ({m} minutes)"),
            (purpose, None) => purpose.to_owned(),
        };
        let _ = write!(out, "\nAbout: {about}\n");
    }
    if let Some(signals) = meeting.signals {
        let mark = |on: bool| if on { "x" } else { " " };
        let _ = write!(
            out,
            "\nWhy meet: [{}] we share a specific problem · [{}] I need cooperation from others · \
             [{}] changing how we work would benefit everyone\n",
            mark(signals.shared_problem),
            mark(signals.need_cooperation),
            mark(signals.benefits_everyone)
        );
    }
    if !meeting.check_in.is_empty() {
        let _ = write!(out, "\nCheck-in note: {}\n", meeting.check_in);
    }
    if let Some(pulse) = meeting.pulse {
        let _ = writeln!(out, "\nHow we are doing: {pulse} of 5");
    }
    for section in &meeting.sections {
        let items: Vec<&AgendaItem> = meeting
            .agenda
            .iter()
            .filter(|item| item.section == section.title)
            .collect();
        let _ = write!(out, "\n## {}\n", section.title);
        if !section.prompt.is_empty() {
            let _ = writeln!(out, "_{}_", section.prompt);
        }
        if !items.is_empty() {
            out.push('\n');
            for item in items {
                let _ = writeln!(out, "{}", item_line(item, today, tz));
            }
        }
    }
    // Items whose section is not on the agenda any more still show, at the end.
    let known: Vec<&str> = meeting.sections.iter().map(|s| s.title.as_str()).collect();
    let strays: Vec<&AgendaItem> = meeting
        .agenda
        .iter()
        .filter(|item| !known.contains(&item.section.as_str()))
        .collect();
    if !strays.is_empty() {
        out.push_str("\n## Other\n\n");
        for item in strays {
            let _ = writeln!(out, "{}", item_line(item, today, tz));
        }
    }
    if !meeting.actions.is_empty() || !meeting.decisions.is_empty() {
        out.push_str("\n## Captured in this meeting\n\n");
        for action in &meeting.actions {
            let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- [{}] Action ({}{due}): {}",
                if action.done_at.is_some() { "x" } else { " " },
                action.owner,
                action.text.replace('\n', " ")
            );
        }
        for decision in &meeting.decisions {
            let revisit = decision
                .revisit_on
                .map(|d| format!(", decide again by {d}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- Decision ({}{revisit}): {}",
                if decision.agreed {
                    "agreed"
                } else {
                    "not agreed yet"
                },
                decision.text.replace('\n', " ")
            );
        }
    }
    out
}
