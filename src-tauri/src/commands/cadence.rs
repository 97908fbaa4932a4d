//! Commands about cadence and what needs attention: the home view and the partner page.

use chrono::Utc;
use rapport_core::cadence::{Cadence, Due};
use rapport_core::PartnerId;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

#[tauri::command(rename_all = "snake_case")]
pub async fn get_cadence(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
) -> Result<Cadence, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.cadence(partner, Utc::now())?))
    })
    .await
}

/// Who you owe a conversation, overdue actions, decisions and problems to revisit, next meetings.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_due(state: State<'_, SharedState>) -> Result<Due, IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| Ok(vault.due(Utc::now())?))
    })
    .await
}
