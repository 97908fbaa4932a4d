//! The peer problem verbs: `problem new`, `show`, `list`, `option`, `choose`, `ally`, `stage`,
//! `link` and `close`.

use chrono::{DateTime, Utc};
use rapport_core::meetings::MeetingId;
use rapport_core::Vault;

use crate::args::ProblemCommand;
use crate::input::{parse_optional_date, partner_ids};
use crate::output::Output;
use crate::{render, Failure};

pub(crate) fn run_problem(
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
