//! Commands about meetings and their agendas, and sharing an agenda with the peer.

use chrono::{DateTime, Local, Utc};
use rapport_core::agenda_share::ShareFormat;
use rapport_core::meetings::{
    AgendaItemId, AgendaState, AgendaUpdate, Meeting, MeetingId, MeetingStatus, MeetingSummary,
    NewMeeting, PeerSignals,
};
use rapport_core::templates::TemplateId;
use rapport_core::PartnerId;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

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
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub minutes: Option<u32>,
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
        purpose: input.purpose,
        minutes: input.minutes,
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

/// Invites someone who is not a partner to a meeting, by name (a new name records a person).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_meeting_guest(
    state: State<'_, SharedState>,
    meeting_id: Arg<i64>,
    name: Arg<String>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(meeting_id.required("meeting_id")?);
    let name = name.required("name")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.add_meeting_guest(id, &name, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_meeting_guest(
    state: State<'_, SharedState>,
    meeting_id: Arg<i64>,
    person_id: Arg<i64>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(meeting_id.required("meeting_id")?);
    let person = rapport_core::people::PersonId(person_id.required("person_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.remove_meeting_guest(id, person)?))
    })
    .await
}

/// Says what a meeting is about and how long it is (`minutes` left out: not said).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_meeting_plan(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    purpose: Arg<String>,
    minutes: Arg<u32>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    let purpose = purpose.optional("purpose")?.unwrap_or_default();
    let minutes = minutes.optional("minutes")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_meeting_plan(id, &purpose, minutes, Utc::now())?))
    })
    .await
}

/// "How are we doing?" after the meeting, 1 to 5; `pulse` left out takes it back.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_meeting_pulse(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    pulse: Arg<u8>,
) -> Result<Meeting, IpcError> {
    let id = MeetingId(id.required("id")?);
    let pulse = pulse.optional("pulse")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_meeting_pulse(id, pulse, Utc::now())?))
    })
    .await
}

/// The agenda to send the peer, as Markdown (the page copies it): nothing private in it.
#[tauri::command(rename_all = "snake_case")]
pub async fn share_agenda(state: State<'_, SharedState>, id: Arg<i64>) -> Result<String, IpcError> {
    let id = MeetingId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            Ok(vault.share_agenda(id, ShareFormat::Markdown, &Local, Utc::now())?)
        })
    })
    .await
}

/// Shows the save dialog and writes the shared agenda (`md`) or its calendar file (`ics`) where
/// the person chose. `None` when they cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_shared_agenda<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    id: Arg<i64>,
    format: Arg<String>,
    directory: Arg<String>,
) -> Result<Option<SavedFile>, IpcError> {
    let id = MeetingId(id.required("id")?);
    let format = format.required("format")?;
    let directory = directory
        .optional("directory")?
        .map(std::path::PathBuf::from);
    run_blocking(&state, move |state| {
        save_shared(
            state,
            &NativeDialogs(app),
            id,
            &format,
            directory,
            Utc::now(),
        )
    })
    .await
}

pub(crate) fn save_shared(
    state: &AppState,
    chooser: &dyn FileChooser,
    id: MeetingId,
    format: &str,
    directory: Option<std::path::PathBuf>,
    now: DateTime<Utc>,
) -> Result<Option<SavedFile>, IpcError> {
    let format: ShareFormat = format.parse().map_err(rapport_core::Error::from)?;
    let text = state.with_vault(|vault| Ok(vault.share_agenda(id, format, &Local, now)?))?;
    let (extension, filter_name, extensions): (_, _, &'static [&'static str]) = match format {
        ShareFormat::Markdown => ("md", "Markdown", &["md"]),
        ShareFormat::Ics => ("ics", "Calendar", &["ics"]),
    };
    let dialog = FileDialog {
        file_name: Some(format!("agenda-{id}.{extension}")),
        directory,
        filter: Some((filter_name, extensions)),
        ..FileDialog::new("Save the agenda")
    };
    super::save_printed(state, chooser, dialog, text.as_bytes())
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

/// Deletes an item of the meeting's own (a carried one is refused: it is settled where it came
/// from).
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_agenda_item(
    state: State<'_, SharedState>,
    id: Arg<i64>,
) -> Result<(), IpcError> {
    let id = AgendaItemId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.delete_agenda_item(id)?))
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

/// Changes an agenda item: its state, its notes, its text, or its place (`shift`: "up" or
/// "down").
#[tauri::command(rename_all = "snake_case")]
pub async fn update_agenda_item(
    app: State<'_, SharedState>,
    id: Arg<i64>,
    state: Arg<AgendaState>,
    notes: Arg<String>,
    text: Arg<String>,
    shift: Arg<String>,
) -> Result<(), IpcError> {
    let id = AgendaItemId(id.required("id")?);
    let new_state = state.optional("state")?;
    let notes = notes.optional("notes")?;
    let text = text.optional("text")?;
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
        text,
    };
    run_blocking(&app, move |state| {
        state.with_vault(|vault| Ok(vault.update_agenda_item(id, &update)?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use crate::files::testing::FixedChooser;
    use rapport_core::NewPartner;

    #[test]
    fn the_shared_agenda_is_saved_as_a_calendar_file_without_the_check_in() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let now = Utc::now();
        let meeting = state
            .with_vault(|vault| {
                let sam = vault.add_partner(NewPartner::named("Sam"), now)?;
                let meeting = vault.create_meeting(
                    NewMeeting {
                        partners: vec![sam.id],
                        at: now + chrono::Duration::days(1),
                        template: None,
                        signals: None,
                        purpose: "WIP across our teams".into(),
                        minutes: Some(30),
                    },
                    now,
                )?;
                vault.set_check_in(meeting.id, "privmarker53 tired", now)?;
                Ok(meeting.id)
            })
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("invite.ics");
        let chooser = FixedChooser::answering(&path);
        save_shared(&state, &chooser, meeting, "ics", None, now)
            .unwrap()
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.contains("SUMMARY:WIP across our teams"), "{text}");
        assert!(!text.contains("privmarker53"), "{text}");
        assert_eq!(
            chooser.asked.lock().unwrap()[0].file_name.as_deref(),
            Some(format!("agenda-{meeting}.ics").as_str())
        );
        let never = FixedChooser::default();
        assert!(save_shared(&state, &never, meeting, "pdf", None, now).is_err());
        assert!(never.asked.lock().unwrap().is_empty());
    }
}
