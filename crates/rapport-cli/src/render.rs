//! Human-readable output. Times are shown in the local time zone.

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Local, Utc};
use rapport_core::search::preview;
use rapport_core::{Entry, EntryPage, Partner, Protection, SearchHit, SnippetPart};

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
    writeln!(
        w,
        "Your recovery key, the only way back in if the keychain entry or passphrase is lost:"
    )?;
    writeln!(w)?;
    writeln!(w, "    {recovery_key}")?;
    writeln!(w)?;
    writeln!(
        w,
        "Write it down and keep it away from this computer. It will not be shown again."
    )?;
    writeln!(w, "To use it: rapport recover --recovery-key-stdin")
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
    if !p.roles.is_empty() {
        writeln!(w, "\nRole history:")?;
        for spell in &p.roles {
            let what = [spell.role.as_deref(), spell.organisation.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let from = spell
                .started
                .map(|d| d.to_string())
                .unwrap_or_else(|| "?".into());
            let to = spell
                .ended
                .map(|d| d.to_string())
                .unwrap_or_else(|| "now".into());
            writeln!(w, "  {from} – {to}  {what}")?;
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
        }
    }
    Ok(())
}
