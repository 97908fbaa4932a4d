//! Commands about action items and decisions.

use chrono::{NaiveDate, Utc};
use rapport_core::actions::{
    ActionFilter, ActionId, ActionItem, Decision, DecisionFilter, DecisionId, Owner,
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
) -> Result<Vec<Decision>, IpcError> {
    let filter = DecisionFilter {
        open_only: open.optional("open")?.unwrap_or(false),
        partner: partner_id.optional("partner_id")?.map(PartnerId),
        revisit_by: None,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_decisions(&filter)?))
    })
    .await
}
