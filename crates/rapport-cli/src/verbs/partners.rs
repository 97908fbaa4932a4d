//! The partner verbs: `partner add`, `list`, `show`, `edit` and `role`.

use chrono::{DateTime, Utc};
use rapport_core::{ListQuery, NewPartner, PartnerUpdate, Relationship, RoleSpell, Vault};
use serde::Serialize;

use crate::args::PartnerCommand;
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
            let id = vault.find_partner(&args.name)?;
            let spell = RoleSpell {
                role: args.role,
                organisation: args.organisation,
                started: parse_optional_date("--from", args.from.as_deref())?,
                ended: parse_optional_date("--to", args.to.as_deref())?,
            };
            let partner = vault.add_role_spell(id, spell)?;
            out.print(&partner, |w| {
                writeln!(w, "Added a role to {}'s history.", partner.name)
            })
        }
    }
}
