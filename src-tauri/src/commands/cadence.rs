//! Commands about cadence and what needs attention: the home view and the partner page, and the
//! pauses of a partner's cadence (a leave, a sabbatical, a re-org).

use chrono::{NaiveDate, Utc};
use rapport_core::cadence::{Cadence, Due};
use rapport_core::{NewPause, Partner, PartnerId, PauseId, PauseReason};
use serde::Deserialize;
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

/// A pause as the history dialog sends it: `{"reason": "leave", "started": "2026-01-05",
/// "ended": null}` (no end: until the cadence is resumed).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseInput {
    pub reason: PauseReason,
    pub started: NaiveDate,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
}

impl From<PauseInput> for NewPause {
    fn from(input: PauseInput) -> NewPause {
        NewPause {
            reason: input.reason,
            started: input.started,
            ended: input.ended,
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_pause(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    pause: Arg<PauseInput>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let pause = NewPause::from(pause.required("pause")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            vault.add_pause(partner, pause, Utc::now())?;
            Ok(vault.partner(partner)?)
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn correct_pause(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    pause_id: Arg<i64>,
    pause: Arg<PauseInput>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let id = PauseId(pause_id.required("pause_id")?);
    let pause = NewPause::from(pause.required("pause")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            vault.correct_pause(partner, id, pause, Utc::now())?;
            Ok(vault.partner(partner)?)
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_pause(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    pause_id: Arg<i64>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let id = PauseId(pause_id.required("pause_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            vault.remove_pause(partner, id, Utc::now())?;
            Ok(vault.partner(partner)?)
        })
    })
    .await
}

/// Ends the pause that holds today: the cadence counts again from today.
#[tauri::command(rename_all = "snake_case")]
pub async fn resume_cadence(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            vault.resume_cadence(partner, Utc::now())?;
            Ok(vault.partner(partner)?)
        })
    })
    .await
}
