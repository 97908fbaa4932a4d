//! Commands about action items and decisions.

use chrono::{NaiveDate, Utc};
use rapport_core::actions::{
    ActionEdit, ActionFilter, ActionId, ActionItem, Decision, DecisionEdit, DecisionFilter,
    DecisionId, Owner,
};
use rapport_core::meetings::MeetingId;
use rapport_core::PartnerId;
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    pub meeting_id: MeetingId,
    pub owner: Owner,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub meeting_id: MeetingId,
    pub agreed: bool,
    #[serde(default)]
    pub revisit_on: Option<NaiveDate>,
    pub text: String,
}

/// Which action items to list: `open`, `overdue_on` (a date), `partner_id`, `owner` ("me" lists
/// mine: me or both; "them" theirs: them or both).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFilterInput {
    #[serde(default)]
    pub open: bool,
    #[serde(default)]
    pub overdue_on: Option<NaiveDate>,
    #[serde(default)]
    pub partner_id: Option<PartnerId>,
    #[serde(default)]
    pub owner: Option<Owner>,
    /// Only items whose text has every one of these words.
    #[serde(default)]
    pub text: Option<String>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_action(
    state: State<'_, SharedState>,
    action: Arg<ActionInput>,
) -> Result<ActionItem, IpcError> {
    let a = action.required("action")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            Ok(vault.add_action(a.meeting_id, a.owner, a.due, &a.text, Utc::now())?)
        })
    })
    .await
}

/// Marks an action item done (`done: true`) or open again, everywhere it appears.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_action_done(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    done: Arg<bool>,
) -> Result<ActionItem, IpcError> {
    let id = ActionId(id.required("id")?);
    let done = done.required("done")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            Ok(if done {
                vault.complete_action(id, Utc::now())?
            } else {
                vault.reopen_action(id)?
            })
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_actions(
    state: State<'_, SharedState>,
    filter: Arg<ActionFilterInput>,
) -> Result<Vec<ActionItem>, IpcError> {
    let f = filter.optional("filter")?.unwrap_or_default();
    let filter = ActionFilter {
        open_only: f.open,
        text: f.text,
        limit: None,
        overdue_on: f.overdue_on,
        partner: f.partner_id,
        owner: f.owner,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_actions(&filter)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_decision(
    state: State<'_, SharedState>,
    decision: Arg<DecisionInput>,
) -> Result<Decision, IpcError> {
    let d = decision.required("decision")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            Ok(vault.add_decision(d.meeting_id, d.agreed, d.revisit_on, &d.text, Utc::now())?)
        })
    })
    .await
}

/// The outcome of deciding again: agreed or not, and the next date (none with agreed settles it).
#[tauri::command(rename_all = "snake_case")]
pub async fn revisit_decision(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    agreed: Arg<bool>,
    revisit_on: Arg<NaiveDate>,
) -> Result<Decision, IpcError> {
    let id = DecisionId(id.required("id")?);
    let agreed = agreed.required("agreed")?;
    let revisit_on = revisit_on.optional("revisit_on")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.revisit_decision(id, agreed, revisit_on, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_decisions(
    state: State<'_, SharedState>,
    open: Arg<bool>,
    partner_id: Arg<i64>,
    text: Arg<String>,
) -> Result<Vec<Decision>, IpcError> {
    let filter = DecisionFilter {
        open_only: open.optional("open")?.unwrap_or(false),
        text: text.optional("text")?,
        limit: None,
        partner: partner_id.optional("partner_id")?.map(PartnerId),
        revisit_by: None,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_decisions(&filter)?))
    })
    .await
}

/// An action item's fields to change; those left out stay. `clear_due` removes the due date.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionEditInput {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub owner: Option<Owner>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub clear_due: bool,
}

impl ActionEditInput {
    fn into_edit(self) -> Result<ActionEdit, IpcError> {
        let due = match (self.due, self.clear_due) {
            (Some(_), true) => {
                return Err(IpcError::invalid_input(
                    "give a due date or clear it, not both",
                ))
            }
            (Some(day), false) => Some(Some(day)),
            (None, true) => Some(None),
            (None, false) => None,
        };
        Ok(ActionEdit {
            text: self.text,
            owner: self.owner,
            due,
        })
    }
}

/// A decision's fields to change; those left out stay. `clear_revisit` removes the date to
/// decide again.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionEditInput {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub agreed: Option<bool>,
    #[serde(default)]
    pub revisit_on: Option<NaiveDate>,
    #[serde(default)]
    pub clear_revisit: bool,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_action(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    edit: Arg<ActionEditInput>,
) -> Result<ActionItem, IpcError> {
    let id = ActionId(id.required("id")?);
    let edit = edit.required("edit")?.into_edit()?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_action(id, edit)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_action(state: State<'_, SharedState>, id: Arg<i64>) -> Result<(), IpcError> {
    let id = ActionId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.delete_action(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_decision(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    edit: Arg<DecisionEditInput>,
) -> Result<Decision, IpcError> {
    let id = DecisionId(id.required("id")?);
    let e = edit.required("edit")?;
    let revisit_on = match (e.revisit_on, e.clear_revisit) {
        (Some(_), true) => {
            return Err(IpcError::invalid_input(
                "give a date to decide again or clear it, not both",
            ))
        }
        (Some(day), false) => Some(Some(day)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    let edit = DecisionEdit {
        text: e.text,
        agreed: e.agreed,
        revisit_on,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_decision(id, edit)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_decision(state: State<'_, SharedState>, id: Arg<i64>) -> Result<(), IpcError> {
    let id = DecisionId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.delete_decision(id)?))
    })
    .await
}
