//! The verbs about what meetings decide: `action` and `decision`.

use chrono::{DateTime, Utc};
use rapport_core::actions::{
    ActionEdit, ActionFilter, ActionId, DecisionEdit, DecisionFilter, DecisionId, Owner,
};
use rapport_core::meetings::MeetingId;
use rapport_core::Vault;

use crate::args::{ActionCommand, DecisionCommand};
use crate::input::{parse_optional_date, today};
use crate::output::Output;
use crate::{render, Failure};

pub(crate) fn run_action(
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
        ActionCommand::Edit {
            id,
            text,
            owner,
            due,
            no_due,
        } => {
            let due = match (parse_optional_date("--due", due.as_deref())?, no_due) {
                (Some(day), _) => Some(Some(day)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            let action = vault.update_action(
                ActionId(id),
                ActionEdit {
                    text,
                    owner: owner.map(|o| o.parse::<Owner>()).transpose()?,
                    due,
                },
            )?;
            out.print(&action, |w| writeln!(w, "Action {} changed.", action.id))
        }
        ActionCommand::Rm { id } => {
            vault.delete_action(ActionId(id))?;
            out.print(&serde_json::json!({ "deleted": id }), |w| {
                writeln!(w, "Action {id} deleted.")
            })
        }
        ActionCommand::List {
            open,
            overdue,
            partner,
            mine,
            theirs,
            text,
        } => {
            let filter = ActionFilter {
                open_only: open,
                text,
                limit: None,
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

pub(crate) fn run_decision(
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
        DecisionCommand::Edit {
            id,
            text,
            agreed,
            open,
            revisit,
            no_revisit,
        } => {
            let revisit_on = match (
                parse_optional_date("--revisit", revisit.as_deref())?,
                no_revisit,
            ) {
                (Some(day), _) => Some(Some(day)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            let decision = vault.update_decision(
                DecisionId(id),
                DecisionEdit {
                    text,
                    agreed: (agreed || open).then_some(agreed),
                    revisit_on,
                },
            )?;
            out.print(&decision, |w| {
                writeln!(w, "Decision {} changed.", decision.id)
            })
        }
        DecisionCommand::Rm { id } => {
            vault.delete_decision(DecisionId(id))?;
            out.print(&serde_json::json!({ "deleted": id }), |w| {
                writeln!(w, "Decision {id} deleted.")
            })
        }
        DecisionCommand::List {
            open,
            partner,
            text,
        } => {
            let filter = DecisionFilter {
                open_only: open,
                text,
                limit: None,
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
