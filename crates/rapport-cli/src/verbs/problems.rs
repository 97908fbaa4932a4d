//! The peer problem verbs (`problem new`, `show`, `list`, `views`, `option`, `edit-option`,
//! `remove-option`, `choose`, `ally`, `remove-ally`, `stage`, `presented`, `brief`, `link`,
//! `close`, `reopen`) and the `person` verbs for allies who are not partners.

use chrono::{DateTime, Local, Utc};
use rapport_core::meetings::MeetingId;
use rapport_core::Vault;

use crate::args::{PersonCommand, ProblemCommand};
use crate::input::{parse_date, parse_optional_date, partner_ids};
use crate::output::Output;
use crate::verbs::summary::{deliver, print_format};
use crate::{render, Failure};

pub(crate) fn run_problem(
    vault: &mut Vault,
    command: ProblemCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::problems::{NewPresentation, OptionEdit, ProblemId, Stage, ViewsUpdate};
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
            anyway,
        } => vault.set_problem_stage(
            ProblemId(id),
            stage.parse::<Stage>()?,
            parse_optional_date("--decide-again", decide_again.as_deref())?,
            anyway,
            now,
        )?,
        ProblemCommand::Views {
            id,
            mine,
            theirs,
            matters,
            to,
        } => vault.set_problem_views(
            ProblemId(id),
            ViewsUpdate {
                my_view: mine,
                their_view: theirs,
                why_it_matters: matters,
                matters_to: (!to.is_empty()).then_some(to),
            },
            now,
        )?,
        ProblemCommand::Option { id, text } => {
            vault.add_problem_option(ProblemId(id), &text.join(" "), now)?
        }
        ProblemCommand::EditOption {
            id,
            option,
            text,
            mine,
            theirs,
        } => vault.edit_problem_option(
            ProblemId(id),
            option,
            OptionEdit {
                text,
                my_stake: mine,
                their_stake: theirs,
            },
            now,
        )?,
        ProblemCommand::RemoveOption { id, option } => {
            vault.remove_problem_option(ProblemId(id), option, now)?
        }
        ProblemCommand::Choose { id, option } => {
            vault.choose_problem_option(ProblemId(id), option, now)?
        }
        ProblemCommand::Ally {
            id,
            name,
            stance,
            next,
            owner,
        } => {
            let (problem, new_person) = vault.set_problem_ally_named(
                ProblemId(id),
                &name,
                stance.map(|s| s.parse()).transpose()?,
                next,
                owner.map(|o| o.parse()).transpose()?,
                now,
            )?;
            if new_person {
                eprintln!(
                    "Recorded {} as a person, not a partner (`rapport person promote` makes them one).",
                    name.trim()
                );
            }
            problem
        }
        ProblemCommand::RemoveAlly { id, ally } => {
            vault.remove_problem_ally(ProblemId(id), ally, now)?
        }
        ProblemCommand::Presented {
            id,
            to,
            on,
            said,
            decide_again,
        } => vault.record_presentation(
            ProblemId(id),
            NewPresentation {
                on: match on {
                    Some(day) => parse_date("--on", &day)?,
                    None => now.with_timezone(&Local).date_naive(),
                },
                to_whom: to,
                response: said.unwrap_or_default(),
                decide_again_on: parse_optional_date("--decide-again", decide_again.as_deref())?,
            },
            now,
        )?,
        ProblemCommand::Brief {
            id,
            format,
            out: file,
            include,
        } => return run_brief(vault, ProblemId(id), &format, file, include, now, out),
        ProblemCommand::Link { id, meeting } => {
            vault.link_problem_meeting(ProblemId(id), MeetingId(meeting), now)?
        }
        ProblemCommand::Close { id } => vault.close_problem(ProblemId(id), true, now)?,
        ProblemCommand::Reopen { id } => vault.close_problem(ProblemId(id), false, now)?,
    };
    out.print(&problem, |w| render::problem(w, &problem))
}

fn run_brief(
    vault: &mut Vault,
    problem: rapport_core::problems::ProblemId,
    format: &str,
    file: Option<std::path::PathBuf>,
    include: Vec<i64>,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::brief::{write_brief, BriefRequest};
    let format = print_format(&out, format, file.is_some())?;
    let brief = vault.brief(
        &BriefRequest {
            problem,
            include_entries: include.into_iter().map(rapport_core::EntryId).collect(),
        },
        now,
    )?;
    let mut bytes = Vec::new();
    write_brief(&brief, format, &Local, &mut bytes)?;
    deliver(vault, file, &bytes)
}

pub(crate) fn run_person(
    vault: &mut Vault,
    command: PersonCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let person_named = |vault: &Vault, name: &str| -> Result<_, Failure> {
        vault.find_person(name)?.ok_or_else(|| {
            Failure::from(rapport_core::Error::NotFound {
                what: "person",
                by: "name",
            })
        })
    };
    match command {
        PersonCommand::List => {
            let people = vault.people()?;
            out.print(&serde_json::json!({ "people": people }), |w| {
                render::people(w, &people)
            })
        }
        PersonCommand::Add { name, role } => {
            let person = vault.add_person(&name, role.as_deref().unwrap_or(""), now)?;
            out.print(&person, |w| {
                render::people(w, std::slice::from_ref(&person))
            })
        }
        PersonCommand::Promote { name } => {
            let id = person_named(vault, &name)?;
            let partner = vault.promote_person(id, now)?;
            out.print(&partner, |w| {
                writeln!(
                    w,
                    "{} is a partner now (a peer; `rapport partner edit` changes that).",
                    partner.name
                )
            })
        }
        PersonCommand::Remove { name } => {
            let id = person_named(vault, &name)?;
            vault.remove_person(id)?;
            out.print(&serde_json::json!({ "removed": id }), |w| {
                writeln!(w, "Forgot {}.", name.trim())
            })
        }
    }
}
