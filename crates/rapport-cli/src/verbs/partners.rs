//! The partner verbs: `partner add`, `list`, `show`, `edit`, `role`, `relationship`, `pause`
//! and `resume`.

use chrono::{DateTime, Utc};
use rapport_core::{
    ListQuery, NewPartner, NewPause, NewSpell, PartnerUpdate, PauseId, PauseReason, Relationship,
    SpellId, SpellKind, SpellOf, Vault,
};
use serde::Serialize;

use crate::args::{PartnerCommand, SpellArgs};
use crate::input::parse_optional_date;
use crate::output::Output;
use crate::{render, Failure};

pub(crate) fn run(
    vault: &mut Vault,
    command: PartnerCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        PartnerCommand::Add(args) => {
            let new = NewPartner {
                name: args.name,
                role: args.role,
                relationship: args.relationship.parse::<Relationship>()?,
                organisation: args.organisation,
                since: parse_optional_date("--since", args.since.as_deref())?,
                cadence_days: args.cadence_days,
                notes: args.notes.unwrap_or_default(),
            };
            let partner = vault.add_partner(new, now)?;
            out.print(&partner, |w| {
                writeln!(w, "Added partner {} (id {}).", partner.name, partner.id)
            })
        }
        PartnerCommand::List { archived } => {
            let partners = vault.list_partners(archived)?;
            out.print(&serde_json::json!({ "partners": partners }), |w| {
                render::partner_list(w, &partners)
            })
        }
        PartnerCommand::Show { name } => {
            let id = vault.find_partner(&name)?;
            let partner = vault.partner(id)?;
            let recent = vault.list_entries(&ListQuery {
                limit: 5,
                partner: Some(id),
                ..ListQuery::default()
            })?;
            #[derive(Serialize)]
            struct Shown<'a> {
                #[serde(flatten)]
                partner: &'a rapport_core::Partner,
                recent_entries: &'a [rapport_core::Entry],
            }
            let shown = Shown {
                partner: &partner,
                recent_entries: &recent.entries,
            };
            out.print(&shown, |w| {
                render::partner_full(w, &partner, &recent.entries)
            })
        }
        PartnerCommand::Edit(args) => {
            let id = vault.find_partner(&args.name)?;
            let update = PartnerUpdate {
                name: args.new_name,
                role: args.role,
                relationship: args
                    .relationship
                    .as_deref()
                    .map(str::parse::<Relationship>)
                    .transpose()?,
                organisation: args.organisation,
                since: parse_optional_date("--since", args.since.as_deref())?,
                cadence_days: args.cadence_days.map(|d| (d != 0).then_some(d)),
                notes: args.notes,
                archived: if args.archive {
                    Some(true)
                } else if args.unarchive {
                    Some(false)
                } else {
                    None
                },
                // Read and written in one transaction: a change made elsewhere to the fields not named
                // here is kept, and there is no earlier reading of the partner to be out of date.
                expected_version: None,
            };
            if update == PartnerUpdate::default() {
                return Err(Failure::Usage(
                    "nothing to change: give at least one option (see --help)".into(),
                ));
            }
            let partner = vault.update_partner(id, update, now)?;
            out.print(&partner, |w| {
                writeln!(w, "Updated partner {}.", partner.name)
            })
        }
        PartnerCommand::Role(args) => {
            let of = SpellOf::Role {
                role: args.role,
                organisation: args.organisation,
            };
            change_history(vault, &args.name, of, args.spell, now, out)
        }
        PartnerCommand::Pause(args) => {
            let id = vault.find_partner(&args.name)?;
            if let Some(pause) = args.remove {
                vault.remove_pause(id, PauseId(pause), now)?;
                let partner = vault.partner(id)?;
                return out.print(&partner, |w| {
                    writeln!(w, "Removed pause {pause} of {}'s cadence.", partner.name)
                });
            }
            let pause = NewPause {
                reason: args.reason.parse::<PauseReason>()?,
                started: parse_optional_date("--from", args.from.as_deref())?
                    .unwrap_or_else(crate::input::today),
                ended: parse_optional_date("--to", args.to.as_deref())?,
            };
            let pause = match args.correct {
                Some(correct) => vault.correct_pause(id, PauseId(correct), pause, now)?,
                None => vault.add_pause(id, pause, now)?,
            };
            let partner = vault.partner(id)?;
            out.print(&partner, |w| {
                writeln!(
                    w,
                    "{}'s cadence is paused {}.",
                    partner.name,
                    render::pause_span(&pause)
                )
            })
        }
        PartnerCommand::Story(args) => {
            use rapport_core::summary_print::PrintFormat;
            let id = vault.find_partner(&args.name)?;
            let format =
                crate::verbs::summary::print_format(&out, &args.format, args.out.is_some())?;
            let mut bytes = Vec::new();
            if format == PrintFormat::Json {
                // The years themselves, every count in them (the pulse and concerns too): a
                // document to print is where the private side is left out.
                serde_json::to_writer_pretty(&mut bytes, &vault.full_story(id, now)?)
                    .map_err(std::io::Error::other)?;
                bytes.push(b'\n');
            } else {
                let request = rapport_core::StoryRequest {
                    partner: id,
                    include_private: args.private,
                };
                let document = vault.story_document(&request, now)?;
                rapport_core::summary_print::write_document(
                    &document,
                    format,
                    &chrono::Local,
                    &mut bytes,
                )?;
            }
            crate::verbs::summary::deliver(vault, args.out, &bytes)
        }
        PartnerCommand::Resume { name } => {
            let id = vault.find_partner(&name)?;
            vault.resume_cadence(id, now)?;
            let partner = vault.partner(id)?;
            out.print(&partner, |w| {
                writeln!(w, "{}'s cadence counts again from today.", partner.name)
            })
        }
        PartnerCommand::Relationship(args) => {
            let of = match args.relationship {
                Some(relationship) => SpellOf::Relationship(relationship.parse()?),
                // Only with --remove (clap asks for the relationship otherwise), where it is not used.
                None => SpellOf::Relationship(Relationship::Peer),
            };
            change_history(vault, &args.name, of, args.spell, now, out)
        }
    }
}

/// `partner role` and `partner relationship`: adds, corrects or removes a spell.
fn change_history(
    vault: &mut Vault,
    name: &str,
    of: SpellOf,
    args: SpellArgs,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let id = vault.find_partner(name)?;
    let kind = of.kind();
    let history = match kind {
        SpellKind::Relationship => "relationship history",
        SpellKind::Role => "role history",
    };
    let (partner, done) = if let Some(spell) = args.remove {
        let partner = vault.remove_spell(id, kind, SpellId(spell), now)?;
        (partner, format!("Removed spell {spell} from"))
    } else {
        let spell = NewSpell {
            of,
            started: parse_optional_date("--from", args.from.as_deref())?,
            ended: parse_optional_date("--to", args.to.as_deref())?,
        };
        match args.spell {
            Some(correct) => {
                let partner = vault.correct_spell(id, SpellId(correct), spell, now)?;
                (partner, format!("Corrected spell {correct} in"))
            }
            None => (
                vault.add_spell(id, spell, now)?,
                "Added a spell to".to_owned(),
            ),
        }
    };
    out.print(&partner, |w| {
        writeln!(w, "{done} {}'s {history}.", partner.name)
    })
}
