//! Human-readable output. Times are shown in the local time zone.

use std::io::{self, Write};
use std::path::Path;

mod problems;
pub use problems::{people, problem, problem_list};

use chrono::{DateTime, Local, NaiveDate, Utc};
use rapport_core::entries::preview;
use rapport_core::{Entry, EntryPage, Partner, Pause, Protection, SearchHit, SnippetPart};

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn protection_words(protection: Protection) -> &'static str {
    match protection {
        Protection::Keychain => "key in the system keychain",
        Protection::Passphrase => "key behind your passphrase",
    }
}

pub fn created(
    w: &mut dyn Write,
    recovery_key: &str,
    dir: &Path,
    protection: Protection,
) -> io::Result<()> {
    writeln!(
        w,
        "Created an encrypted vault in {} ({}).",
        dir.display(),
        protection_words(protection)
    )?;
    writeln!(w)?;
    shown_once(
        w,
        "Your recovery key, the only way back in if the keychain entry or passphrase is lost:",
        recovery_key,
    )?;
    writeln!(w, "To use it: rapport recover --recovery-key-stdin")
}

pub fn protected(
    w: &mut dyn Write,
    protection: Protection,
    keychain_entry_left: Option<&str>,
) -> io::Result<()> {
    match protection {
        Protection::Passphrase => writeln!(
            w,
            "The vault is now protected by your passphrase: it is asked for to unlock it. \
             Your recovery key stays the same."
        )?,
        Protection::Keychain => writeln!(
            w,
            "The vault's key is in the system keychain again: it unlocks without a passphrase on \
             this account. Your recovery key stays the same."
        )?,
    }
    if let Some(vault_id) = keychain_entry_left {
        writeln!(
            w,
            "The keychain refused to delete the vault's old entry (service \"rapport\", account \
             \"vault-{vault_id}\"): remove it in your keychain app, or the vault still unlocks \
             without the passphrase."
        )?;
    }
    Ok(())
}

pub fn new_recovery_key(w: &mut dyn Write, recovery_key: &str, rekeyed: bool) -> io::Result<()> {
    if rekeyed {
        writeln!(
            w,
            "The vault is re-encrypted with a new key. Older key files, backups of them and the \
             old recovery key no longer open it (older backups still open with their own keys)."
        )?;
        writeln!(w)?;
    }
    shown_once(
        w,
        "Your new recovery key (the old one no longer opens this vault):",
        recovery_key,
    )
}

/// A recovery key under its heading, with the advice that goes with it.
fn shown_once(w: &mut dyn Write, heading: &str, recovery_key: &str) -> io::Result<()> {
    writeln!(w, "{heading}")?;
    writeln!(w)?;
    writeln!(w, "    {recovery_key}")?;
    writeln!(w)?;
    writeln!(
        w,
        "Write it down and keep it away from this computer. It will not be shown again."
    )
}

pub fn recovered(w: &mut dyn Write, protection: Protection) -> io::Result<()> {
    writeln!(
        w,
        "Access restored ({}). Your recovery key stays the same.",
        protection_words(protection)
    )
}

pub fn status(
    w: &mut dyn Write,
    dir: &Path,
    protection: Option<Protection>,
    entries: Option<u64>,
    partners: Option<u64>,
) -> io::Result<()> {
    match protection {
        None => writeln!(
            w,
            "No vault in {} yet. Create one with `rapport init`.",
            dir.display()
        ),
        Some(p) => {
            writeln!(
                w,
                "Vault: {} (encrypted, {})",
                dir.display(),
                protection_words(p)
            )?;
            writeln!(w, "Entries: {}", entries.unwrap_or(0))?;
            writeln!(w, "Partners: {}", partners.unwrap_or(0))
        }
    }
}

fn labels(entry: &Entry) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(entry.partners.iter().map(|p| format!("@{}", p.name)));
    parts.extend(entry.tags.iter().map(|t| format!("#{t}")));
    if let Some(support) = entry.support {
        parts.push(format!(
            "[{} {}]",
            support.direction.as_str(),
            support.act.as_str().replace('_', "-")
        ));
    }
    if entry.shareable {
        parts.push("(shareable)".into());
    }
    parts.join(" ")
}

pub fn entry_line(w: &mut dyn Write, entry: &Entry) -> io::Result<()> {
    let labels = labels(entry);
    let separator = if labels.is_empty() { "" } else { "  " };
    writeln!(
        w,
        "{:>6}  {}  {:<10}  {}{}{}",
        entry.id,
        local(entry.created_at),
        entry.kind.as_str(),
        labels,
        separator,
        preview(&entry.body, 72)
    )
}

pub fn entry_page(w: &mut dyn Write, page: &EntryPage, trash: bool) -> io::Result<()> {
    if page.entries.is_empty() {
        return writeln!(
            w,
            "{}",
            if trash {
                "The trash is empty."
            } else {
                "No entries yet. Write one with `rapport note TEXT`."
            }
        );
    }
    for entry in &page.entries {
        entry_line(w, entry)?;
    }
    if let Some(next) = page.next_before {
        writeln!(w, "… more with --before {next}")?;
    }
    Ok(())
}

pub fn entry_full(w: &mut dyn Write, entry: &Entry) -> io::Result<()> {
    writeln!(
        w,
        "Entry {} · {} · {}",
        entry.id,
        entry.kind,
        local(entry.created_at)
    )?;
    if entry.updated_at > entry.created_at {
        writeln!(w, "Edited {}", local(entry.updated_at))?;
    }
    let labels = labels(entry);
    if !labels.is_empty() {
        writeln!(w, "{labels}")?;
    }
    if let Some(support) = entry.support {
        writeln!(w, "Support: {support}")?;
    }
    if let Some(deleted) = entry.deleted_at {
        writeln!(w, "In the trash since {}", local(deleted))?;
    }
    writeln!(w)?;
    writeln!(w, "{}", entry.body)
}

pub fn partner_list(w: &mut dyn Write, partners: &[Partner]) -> io::Result<()> {
    if partners.is_empty() {
        return writeln!(
            w,
            "No partners yet. Add one with `rapport partner add NAME --relationship peer`."
        );
    }
    for p in partners {
        let role = match (&p.role, &p.organisation) {
            (Some(r), Some(o)) => format!("{r}, {o}"),
            (Some(r), None) => r.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) => String::new(),
        };
        let last = p
            .last_entry_at
            .map(local)
            .unwrap_or_else(|| "no entries".into());
        let archived = if p.archived { "  (archived)" } else { "" };
        writeln!(
            w,
            "{:<24}  {:<16}  {:<28}  {}{}",
            p.name,
            p.relationship.to_string(),
            role,
            last,
            archived
        )?;
    }
    Ok(())
}

pub fn partner_full(w: &mut dyn Write, p: &Partner, recent: &[Entry]) -> io::Result<()> {
    writeln!(w, "{} · {}", p.name, p.relationship)?;
    if let Some(role) = &p.role {
        writeln!(w, "Role: {role}")?;
    }
    if let Some(org) = &p.organisation {
        writeln!(w, "Organisation: {org}")?;
    }
    if let Some(since) = p.since {
        writeln!(w, "Working together since {since}")?;
    }
    if let Some(days) = p.cadence_days {
        writeln!(w, "Intended cadence: every {days} days")?;
    }
    if p.archived {
        writeln!(w, "Archived")?;
    }
    if !p.notes.is_empty() {
        writeln!(w, "\n{}", p.notes)?;
    }
    if !p.relationships.is_empty() {
        writeln!(w, "\nRelationship history:")?;
        for spell in &p.relationships {
            let span = spell_span(spell.started, spell.ended);
            writeln!(w, "  #{:<4} {span}  {}", spell.id.0, spell.relationship)?;
        }
    }
    if !p.pauses.is_empty() {
        writeln!(w, "\nCadence paused:")?;
        for pause in &p.pauses {
            writeln!(
                w,
                "  #{:<4} {}  {}",
                pause.id.0,
                spell_span(Some(pause.started), pause.ended),
                pause.reason.as_str()
            )?;
        }
    }
    if !p.support.years.is_empty() {
        writeln!(
            w,
            "\nSupport both ways: {} given, {} received",
            p.support.given, p.support.received
        )?;
        for year in &p.support.years {
            writeln!(
                w,
                "  {}  given {:<3} received {}",
                year.year, year.given, year.received
            )?;
        }
    }
    if !p.reflections.is_empty() {
        writeln!(
            w,
            "\nReflections (see them with `rapport list --partner NAME --tag TAG`):"
        )?;
        for reflection in &p.reflections {
            writeln!(
                w,
                "  #{:<24} {} answer{}, last {}",
                reflection.tag,
                reflection.answers,
                if reflection.answers == 1 { "" } else { "s" },
                local(reflection.last_at)
            )?;
        }
    }
    if !p.roles.is_empty() {
        writeln!(w, "\nRole history:")?;
        for spell in &p.roles {
            let what = [spell.role.as_deref(), spell.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let span = spell_span(spell.started, spell.ended);
            writeln!(w, "  #{:<4} {span}  {what}", spell.id.0)?;
        }
    }
    writeln!(
        w,
        "\n{} entries{}",
        p.entry_count,
        p.last_entry_at
            .map(|t| format!(", last {}", local(t)))
            .unwrap_or_default()
    )?;
    for entry in recent {
        entry_line(w, entry)?;
    }
    Ok(())
}

/// "from 2026-01-05, back on 2026-12-31", "from 2026-01-05 until you resume it".
pub fn pause_span(pause: &Pause) -> String {
    match pause.ended {
        Some(ended) => format!("from {}, back on {ended}", pause.started),
        None => format!("from {} until you resume it", pause.started),
    }
}

/// "2016-07-01 – 2019-12-31", "? – 2016-07-01", "2020-01-01 – now": of equal width.
fn spell_span(started: Option<NaiveDate>, ended: Option<NaiveDate>) -> String {
    let from = started.map_or_else(|| "?".to_owned(), |d| d.to_string());
    let to = ended.map_or_else(|| "now".to_owned(), |d| d.to_string());
    format!("{from:<10} – {to:<10}")
}

fn snippet(parts: &[SnippetPart], color: bool) -> String {
    parts
        .iter()
        .map(|part| {
            if part.highlight && color {
                format!("\x1b[1m{}\x1b[0m", part.text)
            } else {
                part.text.clone()
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn search_hits(w: &mut dyn Write, hits: &[SearchHit], color: bool) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(w, "Nothing found.");
    }
    for hit in hits {
        match hit {
            SearchHit::Entry {
                entry,
                snippet: parts,
            } => {
                let labels = labels(entry);
                writeln!(
                    w,
                    "entry {:>6}  {}  {}  {}",
                    entry.id,
                    local(entry.created_at),
                    entry.kind,
                    labels
                )?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
            SearchHit::Partner {
                partner,
                snippet: parts,
            } => {
                writeln!(
                    w,
                    "partner       {} · {}",
                    partner.name, partner.relationship
                )?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
            SearchHit::Problem {
                problem,
                snippet: parts,
            } => {
                writeln!(w, "problem {:>5}  {}", problem.id, problem.stage.label())?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
            SearchHit::Action {
                action,
                snippet: parts,
            } => {
                let state = if action.done_at.is_some() {
                    "done"
                } else {
                    "open"
                };
                writeln!(
                    w,
                    "action  {:>5}  {}, {state}, meeting {}",
                    action.id, action.owner, action.origin_meeting
                )?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
            SearchHit::Decision {
                decision,
                snippet: parts,
            } => {
                let state = if decision.agreed {
                    "agreed"
                } else {
                    "not agreed yet"
                };
                writeln!(
                    w,
                    "decision {:>4}  {state}, meeting {}",
                    decision.id, decision.origin_meeting
                )?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
            SearchHit::Meeting {
                meeting,
                snippet: parts,
            } => {
                let names: Vec<&str> = meeting.partners.iter().map(|p| p.name.as_str()).collect();
                writeln!(
                    w,
                    "meeting {:>5}  {}  with {}",
                    meeting.id,
                    local(meeting.at),
                    names.join(", ")
                )?;
                writeln!(w, "              {}", snippet(parts, color))?;
            }
        }
    }
    Ok(())
}

pub fn meeting_list(
    w: &mut dyn Write,
    meetings: &[rapport_core::meetings::MeetingSummary],
) -> io::Result<()> {
    if meetings.is_empty() {
        return writeln!(
            w,
            "No meetings yet. Prepare one with `rapport meeting new --partner NAME`."
        );
    }
    for m in meetings {
        let names: Vec<&str> = m.partners.iter().map(|p| p.name.as_str()).collect();
        let status = match m.status {
            rapport_core::meetings::MeetingStatus::Planned => "planned",
            rapport_core::meetings::MeetingStatus::Held => "held",
            rapport_core::meetings::MeetingStatus::Cancelled => "cancelled",
        };
        let items = if m.open_items == 1 { "item" } else { "items" };
        writeln!(
            w,
            "{:>6}  {}  {:<9}  {}  ({} open {items})",
            m.id,
            local(m.at),
            status,
            names.join(", "),
            m.open_items
        )?;
    }
    Ok(())
}

pub fn action_list(
    w: &mut dyn Write,
    actions: &[rapport_core::actions::ActionItem],
    today: chrono::NaiveDate,
) -> io::Result<()> {
    if actions.is_empty() {
        return writeln!(w, "No action items.");
    }
    for a in actions {
        let names: Vec<&str> = a.partners.iter().map(|p| p.name.as_str()).collect();
        let state = if a.done_at.is_some() {
            "done".to_owned()
        } else if a.is_overdue(today) {
            "OVERDUE".to_owned()
        } else {
            "open".to_owned()
        };
        let due = a.due.map(|d| format!(" due {d}")).unwrap_or_default();
        writeln!(
            w,
            "{:>6}  {:<7}  {:<4}  {}{due}  (with {})",
            a.id,
            state,
            a.owner.as_str(),
            preview(&a.text, 60),
            names.join(", ")
        )?;
    }
    Ok(())
}

pub fn decision_list(
    w: &mut dyn Write,
    decisions: &[rapport_core::actions::Decision],
    today: chrono::NaiveDate,
) -> io::Result<()> {
    if decisions.is_empty() {
        return writeln!(w, "No decisions.");
    }
    for d in decisions {
        let state = if d.closed_at.is_some() {
            "settled"
        } else if d.revisit_on.is_some_and(|r| r <= today) {
            "REVISIT"
        } else if d.agreed {
            "agreed"
        } else {
            "open"
        };
        let revisit = d
            .revisit_on
            .map(|r| format!(" decide again by {r}"))
            .unwrap_or_default();
        writeln!(
            w,
            "{:>6}  {:<7}  {}{revisit}",
            d.id,
            state,
            preview(&d.text, 70)
        )?;
    }
    Ok(())
}

pub fn template(w: &mut dyn Write, t: &rapport_core::templates::Template) -> io::Result<()> {
    writeln!(
        w,
        "{}{}",
        t.name,
        if t.builtin { " (built in)" } else { "" }
    )?;
    for (i, s) in t.sections.iter().enumerate() {
        if s.prompt.is_empty() {
            writeln!(w, "  {}. {}", i + 1, s.title)?;
        } else {
            writeln!(w, "  {}. {} — {}", i + 1, s.title, s.prompt)?;
        }
    }
    Ok(())
}

pub fn due(
    w: &mut dyn Write,
    due: &rapport_core::cadence::Due,
    today: chrono::NaiveDate,
) -> io::Result<()> {
    use rapport_core::cadence::CadenceState;
    let nothing = due.partners.is_empty()
        && due.overdue_actions.is_empty()
        && due.decisions_to_revisit.is_empty()
        && due.problems_to_revisit.is_empty()
        && due.next_meetings.is_empty()
        && due.lapsed_meetings.is_empty();
    if nothing {
        return writeln!(w, "Nothing needs attention. Set a cadence with `rapport partner edit NAME --cadence-days 14`.");
    }
    if !due.lapsed_meetings.is_empty() {
        writeln!(
            w,
            "Did these happen? (`rapport meeting held ID`, `cancel ID`, or `move ID --at WHEN`)"
        )?;
        meeting_list(w, &due.lapsed_meetings)?;
    }
    if !due.partners.is_empty() {
        writeln!(w, "You owe a conversation:")?;
        for c in &due.partners {
            let when = match (c.state, c.last_held) {
                (_, None) => "never met".to_owned(),
                (CadenceState::Overdue, Some(last)) => format!("overdue, last met {}", local(last)),
                (_, Some(last)) => format!("due, last met {}", local(last)),
            };
            writeln!(
                w,
                "  {}  ({when}; open actions: {} mine, {} theirs)",
                c.partner.name, c.open_mine, c.open_theirs
            )?;
        }
    }
    if !due.overdue_actions.is_empty() {
        writeln!(w, "Overdue actions:")?;
        action_list(w, &due.overdue_actions, today)?;
    }
    if !due.decisions_to_revisit.is_empty() {
        writeln!(w, "Decisions to decide again:")?;
        decision_list(w, &due.decisions_to_revisit, today)?;
    }
    if !due.problems_to_revisit.is_empty() {
        writeln!(w, "Problems to decide again:")?;
        problem_list(w, &due.problems_to_revisit)?;
    }
    if !due.next_meetings.is_empty() {
        writeln!(w, "Next meetings:")?;
        meeting_list(w, &due.next_meetings)?;
    }
    Ok(())
}
