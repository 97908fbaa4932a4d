//! Commands about meetings and their agendas.

use chrono::{DateTime, Utc};
use rapport_core::meetings::{
    AgendaItemId, AgendaState, AgendaUpdate, Meeting, MeetingId, MeetingStatus, MeetingSummary,
    NewMeeting, PeerSignals,
};
use rapport_core::templates::TemplateId;
use rapport_core::PartnerId;
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// A meeting to prepare, as the page sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    pub partner_ids: Vec<PartnerId>,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub template_id: Option<TemplateId>,
    #[serde(default)]
    pub signals: Option<PeerSignals>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_meeting(
    state: State<'_, SharedState>,
    meeting: Arg<MeetingInput>,
) -> Result<Meeting, IpcError> {
    let input = meeting.required("meeting")?;
    let new = NewMeeting {
        partners: input.partner_ids,
        at: input.at,
        template: input.template_id,
        signals: input.signals,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.create_meeting(new, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_meeting(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.meeting(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_meetings(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    limit: Arg<u32>,
) -> Result<Vec<MeetingSummary>, IpcError> {
    let partner = partner_id.optional("partner_id")?.map(PartnerId);
    let limit = limit.optional("limit")?.unwrap_or(50);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_meetings(partner, limit)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_meeting_status(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    status: Arg<MeetingStatus>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    let status = status.required("status")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_meeting_status(id, status, Utc::now())?))
    })
    .await
}

/// Moves a planned meeting to another time (it did not happen when planned).
#[tauri::command(rename_all = "snake_case")]
pub async fn move_meeting(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    at: Arg<chrono::DateTime<Utc>>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    let at = at.required("at")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.move_meeting(id, at, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_check_in(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    text: Arg<String>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    let text = text.required("text")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_check_in(id, &text, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_agenda_item(
    state: State<'_, SharedState>,
    meeting_id: Arg<i64>,
    section: Arg<String>,
    text: Arg<String>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(meeting_id.required("meeting_id")?);
    let section = section.required("section")?;
    let text = text.required("text")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            vault.add_agenda_item(id, &section, &text)?;
            Ok(vault.meeting(id)?)
        })
    })
    .await
}

/// Changes an agenda item: its state, its notes, or its place (`shift`: "up" or "down").
#[tauri::command(rename_all = "snake_case")]
pub async fn update_agenda_item(
    app: State<'_, SharedState>,
    id: Arg<i64>,
    state: Arg<AgendaState>,
    notes: Arg<String>,
    shift: Arg<String>,
) -> Result<(), IpcError> {
    let id = AgendaItemId(id.required("id")?);
    let new_state = state.optional("state")?;
    let notes = notes.optional("notes")?;
    let up = match shift.optional("shift")?.as_deref() {
        None => None,
        Some("up") => Some(true),
        Some("down") => Some(false),
        Some(_) => return Err(IpcError::invalid_input("shift is \"up\" or \"down\"")),
    };
    let update = AgendaUpdate {
        state: new_state,
        notes,
        move_up: up,
    };
    run_blocking(&app, move |state| {
        state.with_vault(|vault| Ok(vault.update_agenda_item(id, &update)?))
    })
    .await
}
