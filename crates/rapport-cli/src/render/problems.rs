//! Peer problems and the people on them, as `rapport problem` and `rapport person` print them.

use std::io::{self, Write};

use rapport_core::people::Person;
use rapport_core::problems::{Problem, Stage};

use super::{local, meeting_list};

pub fn problem_list(w: &mut dyn Write, problems: &[Problem]) -> io::Result<()> {
    if problems.is_empty() {
        return writeln!(
            w,
            "No problems recorded. Start one with `rapport problem new --with NAME TITLE`."
        );
    }
    for p in problems {
        let names: Vec<&str> = p.shared_with.iter().map(|r| r.name.as_str()).collect();
        let state = if p.closed_at.is_some() {
            "closed".to_owned()
        } else {
            p.stage.label().to_owned()
        };
        let again = p
            .decide_again_on
            .map(|d| format!(", decide again {d}"))
            .unwrap_or_default();
        writeln!(
            w,
            "{:>6}  {}  ({state}{again}; with {})",
            p.id,
            p.title,
            names.join(", ")
        )?;
    }
    Ok(())
}

pub fn problem(w: &mut dyn Write, p: &Problem) -> io::Result<()> {
    let names: Vec<&str> = p.shared_with.iter().map(|r| r.name.as_str()).collect();
    writeln!(w, "Problem {}: {}", p.id, p.title)?;
    writeln!(w, "Shared with {}", names.join(", "))?;
    let stages: Vec<String> = Stage::ALL
        .iter()
        .map(|s| {
            if *s == p.stage {
                format!("[{}]", s.label())
            } else {
                s.label().to_owned()
            }
        })
        .collect();
    writeln!(w, "Stage: {}", stages.join(" → "))?;
    if let Some(day) = p.decide_again_on {
        writeln!(w, "Decide again on {day}")?;
    }
    if let Some(closed) = p.closed_at {
        writeln!(w, "Closed {}", local(closed))?;
    }
    let paragraph = |w: &mut dyn Write, title: &str, text: &str| -> io::Result<()> {
        if text.is_empty() {
            return writeln!(w, "{title}: (not written yet)");
        }
        writeln!(w, "{title}:")?;
        for line in text.lines() {
            writeln!(w, "  {line}")?;
        }
        Ok(())
    };
    paragraph(w, "My view", &p.my_view)?;
    paragraph(w, "Their view, as I heard it", &p.their_view)?;
    paragraph(w, "Why it matters", &p.why_it_matters)?;
    if !p.matters_to.is_empty() {
        writeln!(w, "It matters to: {}", p.matters_to.join(", "))?;
    }
    if !p.options.is_empty() {
        writeln!(w, "Options:")?;
        for o in &p.options {
            writeln!(
                w,
                "  {} {}  (option {})",
                if o.chosen { "✔" } else { "·" },
                o.text,
                o.id
            )?;
            if !o.my_stake.is_empty() {
                writeln!(w, "      for me: {}", o.my_stake)?;
            }
            if !o.their_stake.is_empty() {
                writeln!(w, "      for them: {}", o.their_stake)?;
            }
        }
    }
    if !p.allies.is_empty() {
        writeln!(w, "Peers whose agreement we need:")?;
        for a in &p.allies {
            let who = if a.person.is_some() {
                " (not a partner)"
            } else {
                ""
            };
            write!(w, "  {}{who}: {}", a.name, a.stance.as_str())?;
            if !a.next_step.is_empty() {
                write!(w, "; next: {} ({})", a.next_step, a.owner)?;
            }
            writeln!(w, "  (ally {})", a.id)?;
        }
    }
    if !p.presentations.is_empty() {
        writeln!(w, "Presented:")?;
        for pr in &p.presentations {
            write!(w, "  {} to {}", pr.on, pr.to_whom)?;
            if !pr.response.is_empty() {
                write!(w, ": {}", pr.response)?;
            }
            writeln!(w)?;
        }
    }
    if !p.meetings.is_empty() {
        writeln!(w, "Meetings:")?;
        meeting_list(w, &p.meetings)?;
    }
    Ok(())
}

pub fn people(w: &mut dyn Write, people: &[Person]) -> io::Result<()> {
    if people.is_empty() {
        return writeln!(
            w,
            "Nobody recorded outside your partners. `rapport problem ally ID NAME` records one."
        );
    }
    for p in people {
        let role = if p.role.is_empty() {
            String::new()
        } else {
            format!(", {}", p.role)
        };
        let allies = match p.ally_on {
            0 => String::new(),
            1 => "; an ally on 1 problem".into(),
            n => format!("; an ally on {n} problems"),
        };
        writeln!(w, "{}{role}{allies}", p.name)?;
    }
    Ok(())
}
