//! The entry verbs: `note`, `list`, `show`, `edit`, `rm`, `purge` and `search` (`restore ID` is
//! dispatched in run.rs, beside `restore FILE`).

use std::io::IsTerminal;

use chrono::{DateTime, Utc};
use rapport_core::{
    EntryId, EntryKind, EntryUpdate, ListQuery, NewEntry, SearchQuery, Support, SupportAct, Vault,
};

use crate::args::{EditArgs, ListArgs, NoteArgs, PurgeArgs, SearchArgs, SupportArgs};
use crate::input::{self, partner_ids};
use crate::output::Output;
use crate::{render, Failure};

pub(crate) fn note(
    vault: &mut Vault,
    args: NoteArgs,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let text = input::text_from_args(&args.text)?;
    let new = NewEntry {
        body: text,
        kind: args.kind.parse::<EntryKind>()?,
        tags: args.tags,
        partners: partner_ids(vault, &args.partners)?,
        shareable: args.shareable,
        support: support(&args.support)?,
        created_at: args
            .date
            .as_deref()
            .map(input::parse_day_or_time)
            .transpose()?,
    };
    let entry = vault.add_entry(new, now)?;
    out.print(&entry, |w| writeln!(w, "Saved entry {}.", entry.id))
}

/// `--gave ACT` / `--received ACT` as the support they name (clap lets only one through).
fn support(args: &SupportArgs) -> Result<Option<Support>, Failure> {
    Ok(match (&args.gave, &args.received) {
        (Some(act), _) => Some(Support::given(act.parse::<SupportAct>()?)),
        (None, Some(act)) => Some(Support::received(act.parse::<SupportAct>()?)),
        (None, None) => None,
    })
}

pub(crate) fn list(vault: &mut Vault, args: ListArgs, out: Output) -> Result<(), Failure> {
    let partner = args
        .partner
        .as_deref()
        .map(|n| vault.find_partner(n))
        .transpose()?;
    let page = vault.list_entries(&ListQuery {
        limit: args.limit,
        before: args.before.map(EntryId),
        partner,
        trash: args.trash,
        tag: args.tag,
    })?;
    out.print(&page, |w| render::entry_page(w, &page, args.trash))
}

pub(crate) fn show(vault: &mut Vault, id: i64, out: Output) -> Result<(), Failure> {
    let entry = vault.entry(EntryId(id))?;
    out.print(&entry, |w| render::entry_full(w, &entry))
}

pub(crate) fn edit(
    vault: &mut Vault,
    args: EditArgs,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let text = if args.text.is_empty() {
        None
    } else {
        Some(input::text_from_args(&args.text)?)
    };
    let update = EntryUpdate {
        body: text,
        kind: args
            .kind
            .as_deref()
            .map(str::parse::<EntryKind>)
            .transpose()?,
        tags: if args.no_tags {
            Some(Vec::new())
        } else if args.tags.is_empty() {
            None
        } else {
            Some(args.tags)
        },
        partners: if args.no_partners {
            Some(Vec::new())
        } else if args.partners.is_empty() {
            None
        } else {
            Some(partner_ids(vault, &args.partners)?)
        },
        shareable: if args.shareable {
            Some(true)
        } else if args.private {
            Some(false)
        } else {
            None
        },
        support: if args.no_support {
            Some(None)
        } else {
            support(&args.support)?.map(Some)
        },
        created_at: args
            .date
            .as_deref()
            .map(input::parse_day_or_time)
            .transpose()?,
        // Read and written in one transaction: a change made elsewhere to the fields not named
        // here is kept, and there is no earlier reading of the entry to be out of date.
        expected_version: None,
    };
    if update == EntryUpdate::default() {
        return Err(Failure::Usage(
            "nothing to change: give new text, --date, --kind, --tag, --partner, --shareable, --private, --gave, --received or --no-support"
                .into(),
        ));
    }
    let entry = vault.update_entry(EntryId(args.id), update, now)?;
    out.print(&entry, |w| writeln!(w, "Updated entry {}.", entry.id))
}

/// `rapport restore ID`: an entry back from the trash.
pub(crate) fn restore(vault: &mut Vault, id: i64, out: Output) -> Result<(), Failure> {
    let entry = vault.restore_entry(EntryId(id))?;
    out.print(&entry, |w| writeln!(w, "Restored entry {}.", entry.id))
}

pub(crate) fn rm(
    vault: &mut Vault,
    id: i64,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let entry = vault.trash_entry(EntryId(id), now)?;
    out.print(&entry, |w| {
        writeln!(
            w,
            "Moved entry {} to the trash (undo with `rapport restore {}`).",
            entry.id, entry.id
        )
    })
}

pub(crate) fn purge(vault: &mut Vault, args: PurgeArgs, out: Output) -> Result<(), Failure> {
    let purged = match args.id {
        Some(id) => {
            vault.purge_entry(EntryId(id))?;
            1
        }
        None => vault.empty_trash()?,
    };
    out.print(&serde_json::json!({ "purged": purged }), |w| {
        writeln!(
            w,
            "Deleted {purged} {} for good.",
            if purged == 1 { "entry" } else { "entries" }
        )
    })
}

pub(crate) fn search(vault: &mut Vault, args: SearchArgs, out: Output) -> Result<(), Failure> {
    let query = SearchQuery {
        text: args.query,
        partners: partner_ids(vault, &args.partners)?,
        tags: args.tags,
        kind: args
            .kind
            .as_deref()
            .map(str::parse::<EntryKind>)
            .transpose()?,
        since: args.since.as_deref().map(input::parse_since).transpose()?,
        until: args.until.as_deref().map(input::parse_until).transpose()?,
        limit: args.limit,
    };
    let hits = vault.search(&query)?;
    let color = std::io::stdout().is_terminal();
    out.print(&serde_json::json!({ "hits": hits }), |w| {
        render::search_hits(w, &hits, color)
    })
}
