//! The meeting verbs: `meeting new`, `show`, `list`, `item`, `mark`, `check-in`, `held`,
//! `cancel`, `reopen`, `plan`, `share`, `move`, `guest`, `unguest`, `edit-item` and `rm-item`.

use chrono::{DateTime, Local, Utc};
use rapport_core::meetings::{
    AgendaItemId, AgendaState, Meeting, MeetingId, MeetingStatus, NewMeeting, PeerSignals,
    CARRIED_SECTION,
};
use rapport_core::{agenda_markdown, InputError, Vault};

use crate::args::MeetingCommand;
use crate::input::{self, partner_ids, today};
use crate::output::Output;
use crate::{render, Failure};

fn signals(names: &[String]) -> Result<Option<PeerSignals>, Failure> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut signals = PeerSignals::default();
    for name in names {
        match name.trim().to_lowercase().as_str() {
            "shared-problem" => signals.shared_problem = true,
            "need-cooperation" => signals.need_cooperation = true,
            "benefits-everyone" => signals.benefits_everyone = true,
            _ => {
                return Err(InputError::new(
                    "signal",
                    "use shared-problem, need-cooperation or benefits-everyone",
                )
                .into())
            }
        }
    }
    Ok(Some(signals))
}

fn print_meeting(vault: &Vault, id: MeetingId, out: Output) -> Result<(), Failure> {
    print(&vault.meeting(id)?, out)
}

fn print(meeting: &Meeting, out: Output) -> Result<(), Failure> {
    let printed = agenda_markdown(meeting, today(), &Local);
    out.print(meeting, |w| write!(w, "{printed}"))
}

pub(crate) fn run_meeting(
    vault: &mut Vault,
    command: MeetingCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        MeetingCommand::New(args) => {
            let new = NewMeeting {
                partners: partner_ids(vault, &args.partners)?,
                at: args
                    .at
                    .as_deref()
                    .map(input::parse_datetime)
                    .transpose()?
                    .unwrap_or(now),
                template: args
                    .template
                    .as_deref()
                    .map(|t| vault.find_template(t))
                    .transpose()?,
                signals: signals(&args.signals)?,
                purpose: args.purpose.unwrap_or_default(),
                minutes: args.minutes,
            };
            let meeting = vault.create_meeting(new, now)?;
            // Said on standard error, so the agenda printed stays the agenda.
            for lapsed in &meeting.took_over {
                eprintln!(
                    "rapport: this agenda took over the open items of meeting {} ({}), whose \
                     time passed without it being marked held or cancelled: mark it with \
                     `rapport meeting held {}` or `rapport meeting cancel {}`",
                    lapsed.id,
                    lapsed.at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                    lapsed.id,
                    lapsed.id
                );
            }
            // As made, so that the JSON names what it took over (`took_over`).
            print(&meeting, out)
        }
        MeetingCommand::List { partner, limit } => {
            let partner = partner
                .as_deref()
                .map(|n| vault.find_partner(n))
                .transpose()?;
            let meetings = vault.list_meetings(partner, limit)?;
            out.print(&serde_json::json!({ "meetings": meetings }), |w| {
                render::meeting_list(w, &meetings)
            })
        }
        MeetingCommand::Show { id } => print_meeting(vault, MeetingId(id), out),
        MeetingCommand::Held { id } => {
            vault.set_meeting_status(MeetingId(id), MeetingStatus::Held, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Cancel { id } => {
            vault.set_meeting_status(MeetingId(id), MeetingStatus::Cancelled, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Guest { id, name } => {
            vault.add_meeting_guest(MeetingId(id), &name, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Unguest { id, name } => {
            let person = vault
                .find_person(&name)?
                .ok_or(rapport_core::Error::NotFound {
                    what: "guest",
                    by: "name",
                })?;
            vault.remove_meeting_guest(MeetingId(id), person)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::CheckIn { id, text } => {
            vault.set_check_in(MeetingId(id), &text.join(" "), now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Reopen { id } => {
            vault.set_meeting_status(MeetingId(id), MeetingStatus::Planned, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Plan {
            id,
            purpose,
            minutes,
        } => {
            let meeting = vault.meeting(MeetingId(id))?;
            vault.set_meeting_plan(
                meeting.id,
                purpose.as_deref().unwrap_or(&meeting.purpose),
                minutes.or(meeting.minutes),
                now,
            )?;
            print_meeting(vault, meeting.id, out)
        }
        MeetingCommand::Pulse { id, pulse, clear } => {
            let pulse = if clear { None } else { pulse };
            vault.set_meeting_pulse(MeetingId(id), pulse, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Share {
            id,
            format,
            out: file,
        } => {
            let format = format.parse::<rapport_core::agenda_share::ShareFormat>()?;
            let text = vault.share_agenda(MeetingId(id), format, &Local, now)?;
            crate::verbs::summary::deliver(vault, file, text.as_bytes())
        }
        MeetingCommand::Move { id, at } => {
            let at = input::parse_datetime(&at)?;
            vault.move_meeting(MeetingId(id), at, now)?;
            print_meeting(vault, MeetingId(id), out)
        }
        MeetingCommand::Item { id, section, text } => {
            let meeting = vault.meeting(MeetingId(id))?;
            let section = match section {
                Some(section) => section,
                None => meeting
                    .sections
                    .iter()
                    .map(|s| s.title.clone())
                    .find(|t| t != CARRIED_SECTION)
                    .unwrap_or_else(|| "Agenda".into()),
            };
            vault.add_agenda_item(meeting.id, &section, &text.join(" "))?;
            print_meeting(vault, meeting.id, out)
        }
        MeetingCommand::EditItem { item, text } => {
            vault.update_agenda_item(
                AgendaItemId(item),
                &rapport_core::meetings::AgendaUpdate {
                    text: Some(text.join(" ")),
                    ..Default::default()
                },
            )?;
            out.print(&serde_json::json!({ "item": item }), |w| {
                writeln!(w, "Agenda item {item} changed.")
            })
        }
        MeetingCommand::RmItem { item } => {
            vault.delete_agenda_item(AgendaItemId(item))?;
            out.print(&serde_json::json!({ "deleted": item }), |w| {
                writeln!(w, "Agenda item {item} deleted.")
            })
        }
        MeetingCommand::Mark { item, state } => {
            let state = state.parse::<AgendaState>()?;
            vault.set_agenda_state(AgendaItemId(item), state)?;
            out.print(&serde_json::json!({ "item": item, "state": state }), |w| {
                writeln!(w, "Agenda item {item} is {}.", state.as_str())
            })
        }
    }
}
