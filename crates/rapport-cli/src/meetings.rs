//! The meeting verbs: `meeting`, `action`, `decision`, `template` and `due`.

use chrono::{DateTime, Local, Utc};
use rapport_core::actions::{ActionFilter, ActionId, DecisionFilter, DecisionId, Owner};
use rapport_core::meetings::{
    AgendaItemId, AgendaState, MeetingId, MeetingStatus, NewMeeting, PeerSignals, CARRIED_SECTION,
};
use rapport_core::templates::TemplateSection;
use rapport_core::{agenda_markdown, InputError, Relationship, Vault};

use crate::args::{
    ActionCommand, DecisionCommand, MeetingCommand, ProblemCommand, SummaryArgs, TemplateCommand,
};
use crate::input;
use crate::input::{parse_optional_date, partner_ids};
use crate::output::Output;
use crate::render;
use crate::Failure;

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

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

/// "Title: guiding question" → a section.
fn sections(specs: &[String]) -> Vec<TemplateSection> {
    specs
        .iter()
        .map(|spec| match spec.split_once(':') {
            Some((title, prompt)) => TemplateSection {
                title: title.trim().to_owned(),
                prompt: prompt.trim().to_owned(),
            },
            None => TemplateSection {
                title: spec.trim().to_owned(),
                prompt: String::new(),
            },
        })
        .collect()
}

fn print_meeting(vault: &Vault, id: MeetingId, out: Output) -> Result<(), Failure> {
    let meeting = vault.meeting(id)?;
    let printed = agenda_markdown(&meeting, today(), &Local);
    out.print(&meeting, |w| write!(w, "{printed}"))
}

pub fn run_meeting(
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
            };
            let meeting = vault.create_meeting(new, now)?;
            print_meeting(vault, meeting.id, out)
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
        MeetingCommand::Mark { item, state } => {
            let state = state.parse::<AgendaState>()?;
            vault.set_agenda_state(AgendaItemId(item), state)?;
            out.print(&serde_json::json!({ "item": item, "state": state }), |w| {
                writeln!(w, "Agenda item {item} is {}.", state.as_str())
            })
        }
    }
}

pub fn run_action(
    vault: &mut Vault,
    command: ActionCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        ActionCommand::Add {
            meeting,
            owner,
            due,
            text,
        } => {
            let action = vault.add_action(
                MeetingId(meeting),
                owner.parse::<Owner>()?,
                parse_optional_date("--due", due.as_deref())?,
                &text.join(" "),
                now,
            )?;
            out.print(&action, |w| writeln!(w, "Added action {}.", action.id))
        }
        ActionCommand::Done { id } => {
            let action = vault.complete_action(ActionId(id), now)?;
            out.print(&action, |w| writeln!(w, "Action {} is done.", action.id))
        }
        ActionCommand::Reopen { id } => {
            let action = vault.reopen_action(ActionId(id))?;
            out.print(&action, |w| {
                writeln!(w, "Action {} is open again.", action.id)
            })
        }
        ActionCommand::List {
            open,
            overdue,
            partner,
            mine,
            theirs,
        } => {
            let filter = ActionFilter {
                open_only: open,
                overdue_on: overdue.then(today),
                partner: partner
                    .as_deref()
                    .map(|n| vault.find_partner(n))
                    .transpose()?,
                owner: if mine {
                    Some(Owner::Me)
                } else if theirs {
                    Some(Owner::Them)
                } else {
                    None
                },
            };
            let actions = vault.list_actions(&filter)?;
            out.print(&serde_json::json!({ "actions": actions }), |w| {
                render::action_list(w, &actions, today())
            })
        }
    }
}

pub fn run_decision(
    vault: &mut Vault,
    command: DecisionCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        DecisionCommand::Add {
            meeting,
            agreed,
            open: _,
            revisit,
            text,
        } => {
            let decision = vault.add_decision(
                MeetingId(meeting),
                agreed,
                parse_optional_date("--revisit", revisit.as_deref())?,
                &text.join(" "),
                now,
            )?;
            out.print(&decision, |w| {
                writeln!(w, "Added decision {}.", decision.id)
            })
        }
        DecisionCommand::Revisit {
            id,
            agreed,
            open: _,
            revisit,
        } => {
            let decision = vault.revisit_decision(
                DecisionId(id),
                agreed,
                parse_optional_date("--revisit", revisit.as_deref())?,
                now,
            )?;
            out.print(&decision, |w| {
                if decision.closed_at.is_some() {
                    writeln!(w, "Decision {} is settled.", decision.id)
                } else {
                    writeln!(w, "Decision {} updated.", decision.id)
                }
            })
        }
        DecisionCommand::List { open, partner } => {
            let filter = DecisionFilter {
                open_only: open,
                partner: partner
                    .as_deref()
                    .map(|n| vault.find_partner(n))
                    .transpose()?,
                revisit_by: None,
            };
            let decisions = vault.list_decisions(&filter)?;
            out.print(&serde_json::json!({ "decisions": decisions }), |w| {
                render::decision_list(w, &decisions, today())
            })
        }
    }
}

pub fn run_template(
    vault: &mut Vault,
    command: TemplateCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        TemplateCommand::List => {
            let templates = vault.templates()?;
            out.print(&serde_json::json!({ "templates": templates }), |w| {
                for t in &templates {
                    let kind = if t.builtin { "  (built in)" } else { "" };
                    writeln!(w, "{}{kind}", t.name)?;
                }
                Ok(())
            })
        }
        TemplateCommand::Show { name } => {
            let template = vault.template(vault.find_template(&name)?)?;
            out.print(&template, |w| render::template(w, &template))
        }
        TemplateCommand::Add {
            name,
            sections: specs,
        } => {
            let template = vault.add_template(&name, &sections(&specs), now)?;
            out.print(&template, |w| {
                writeln!(w, "Added template {}.", template.name)
            })
        }
        TemplateCommand::Duplicate { name, new_name } => {
            let source = vault.find_template(&name)?;
            let template = vault.duplicate_template(source, &new_name, now)?;
            out.print(&template, |w| {
                writeln!(w, "Added template {}.", template.name)
            })
        }
        TemplateCommand::Edit {
            name,
            sections: specs,
        } => {
            let id = vault.find_template(&name)?;
            let current = vault.template(id)?;
            let template = vault.update_template(id, &current.name, &sections(&specs), now)?;
            out.print(&template, |w| {
                writeln!(w, "Updated template {}.", template.name)
            })
        }
        TemplateCommand::Default { relationship, name } => {
            let relationship = relationship.parse::<Relationship>()?;
            let id = vault.find_template(&name)?;
            vault.set_default_template(relationship, id)?;
            out.print(
                &serde_json::json!({ "relationship": relationship, "template": id }),
                |w| {
                    writeln!(
                        w,
                        "New meetings with a {relationship} start from that template."
                    )
                },
            )
        }
    }
}

pub fn run_problem(
    vault: &mut Vault,
    command: ProblemCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::problems::{ProblemId, Stage, Stance};
    let problem = match command {
        ProblemCommand::New { with, title } => {
            let partners = partner_ids(vault, &with)?;
            vault.add_problem(&title.join(" "), &partners, now)?
        }
        ProblemCommand::List { open } => {
            let problems = vault.list_problems(open)?;
            return out.print(&serde_json::json!({ "problems": problems }), |w| {
                render::problem_list(w, &problems)
            });
        }
        ProblemCommand::Show { id } => vault.problem(ProblemId(id))?,
        ProblemCommand::Stage {
            id,
            stage,
            decide_again,
        } => vault.set_problem_stage(
            ProblemId(id),
            stage.parse::<Stage>()?,
            parse_optional_date("--decide-again", decide_again.as_deref())?,
            now,
        )?,
        ProblemCommand::Option { id, text } => {
            vault.add_problem_option(ProblemId(id), &text.join(" "), now)?
        }
        ProblemCommand::Choose { id, option } => {
            vault.choose_problem_option(ProblemId(id), option, now)?
        }
        ProblemCommand::Ally { id, name, stance } => {
            let partner = vault.find_partner(&name)?;
            vault.set_problem_ally(ProblemId(id), partner, stance.parse::<Stance>()?, now)?
        }
        ProblemCommand::Link { id, meeting } => {
            vault.link_problem_meeting(ProblemId(id), MeetingId(meeting), now)?
        }
        ProblemCommand::Close { id } => vault.close_problem(ProblemId(id), true, now)?,
        ProblemCommand::Reopen { id } => vault.close_problem(ProblemId(id), false, now)?,
    };
    out.print(&problem, |w| render::problem(w, &problem))
}

pub fn run_due(vault: &mut Vault, now: DateTime<Utc>, out: Output) -> Result<(), Failure> {
    let due = vault.due(now)?;
    out.print(&due, |w| render::due(w, &due, today()))
}

pub fn run_summary(
    vault: &mut Vault,
    args: SummaryArgs,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::summary::SummaryRequest;
    use rapport_core::summary_print::{write_summary, SummaryFormat};
    let format = if out.is_json() {
        SummaryFormat::Json
    } else {
        args.format.parse::<SummaryFormat>()?
    };
    refuse_pdf_on_a_terminal(
        format,
        args.out.is_some(),
        std::io::IsTerminal::is_terminal(&std::io::stdout()),
    )?;
    let request = SummaryRequest {
        from: input::parse_date("--from", &args.from)?,
        to: input::parse_date("--to", &args.to)?,
        partners: partner_ids(vault, &args.partners)?,
        problems: Vec::new(),
        include_entries: args
            .include
            .into_iter()
            .map(rapport_core::EntryId)
            .collect(),
        exclude: args.exclude,
    };
    let summary = vault.summary(&request, now)?;
    let mut bytes = Vec::new();
    write_summary(&summary, format, &Local, &mut bytes)?;
    match args.out {
        None => {
            let mut stdout = std::io::stdout().lock();
            std::io::Write::write_all(&mut stdout, &bytes)?;
            Ok(())
        }
        Some(path) => {
            rapport_core::paths::write_private_atomically(&path, &bytes)?;
            eprintln!("Wrote {} (readable only by you).", path.display());
            Ok(())
        }
    }
}

/// A PDF printed on a terminal is a screenful of binary that can upset the terminal; piped or
/// redirected standard output is fine (`> summary.pdf`).
fn refuse_pdf_on_a_terminal(
    format: rapport_core::summary_print::SummaryFormat,
    to_file: bool,
    stdout_is_terminal: bool,
) -> Result<(), Failure> {
    if format == rapport_core::summary_print::SummaryFormat::Pdf && !to_file && stdout_is_terminal {
        return Err(Failure::Usage(
            "a PDF goes to a file: add --out FILE".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rapport_core::summary_print::SummaryFormat;

    use super::*;

    #[test]
    fn a_pdf_goes_to_a_file_or_a_pipe_never_to_a_terminal() {
        let refused = refuse_pdf_on_a_terminal(SummaryFormat::Pdf, false, true);
        assert!(
            matches!(&refused, Err(Failure::Usage(m)) if m == "a PDF goes to a file: add --out FILE")
        );
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Pdf, true, true).is_ok());
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Pdf, false, false).is_ok());
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Markdown, false, true).is_ok());
    }
}
