//! Commands about the desktop around the page: the global quick-capture shortcut.

use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{SharedState, ShortcutStatus};

/// Whether the global shortcut works, so the page can show it or explain why not. The first call
/// registers it (`desktop::capture_shortcut_status`), off the UI thread.
#[tauri::command(rename_all = "snake_case")]
pub async fn shortcut_status<R: Runtime>(app: AppHandle<R>) -> Result<ShortcutStatus, IpcError> {
    tauri::async_runtime::spawn_blocking(move || crate::desktop::capture_shortcut_status(&app))
        .await
        .map_err(|_| IpcError::internal("the desktop shortcut could not be checked"))
}

/// True once after the global shortcut was pressed: the page then opens quick capture.
#[tauri::command(rename_all = "snake_case")]
pub async fn take_capture_request(state: State<'_, SharedState>) -> Result<bool, IpcError> {
    Ok(state.take_capture_request())
}

/// The page's reminder preferences: on or off, minutes before a meeting (0 to 1440), and the
/// quarterly reminder to reflect (absent: off).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_reminders(
    state: State<'_, SharedState>,
    enabled: Arg<bool>,
    lead_minutes: Arg<u32>,
    reflect_quarterly: Arg<bool>,
) -> Result<(), IpcError> {
    let enabled = enabled.required("enabled")?;
    let lead = lead_minutes.required("lead_minutes")?;
    let reflect = reflect_quarterly
        .optional("reflect_quarterly")?
        .unwrap_or(false);
    if lead > 24 * 60 {
        return Err(IpcError::invalid_input(
            "remind at most a day (1440 minutes) ahead",
        ));
    }
    let mut settings = state.reminders();
    settings.enabled = enabled;
    settings.lead_minutes = lead;
    settings.reflect_quarterly = reflect;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::state::AppState;

    #[test]
    fn reminders_are_taken_once_and_the_coming_weeks_come_while_locked_naming_no_one() {
        let dir = tempfile::tempdir().unwrap();
        let state = crate::commands::test_support::open_passphrase_vault(dir.path());
        let now = chrono::Utc::now();
        state
            .with_vault(|vault| {
                let ada =
                    vault.add_partner(rapport_core::NewPartner::named("Ada Secretname"), now)?;
                for at in [
                    now + chrono::Duration::minutes(5),
                    now + chrono::Duration::days(2),
                ] {
                    let meeting = rapport_core::meetings::NewMeeting {
                        partners: vec![ada.id],
                        at,
                        template: None,
                        signals: None,
                        purpose: String::new(),
                        minutes: None,
                    };
                    let meeting = vault.create_meeting(meeting, now)?;
                    let tomorrow = (now + chrono::Duration::days(1)).date_naive();
                    vault.add_decision(
                        meeting.id,
                        false,
                        Some(tomorrow),
                        "Secret decision",
                        now,
                    )?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(state.take_due_reminders(now).unwrap().len(), 1);
        assert!(
            state.take_due_reminders(now).unwrap().is_empty(),
            "shown once"
        );
        state.reminders().enabled = false;
        assert!(state.take_due_reminders(now).unwrap().is_empty(), "off");
        state.reminders().enabled = true;

        // Locked: what the open vault had coming still comes, at its time, once.
        crate::commands::vault::lock(&state).unwrap();
        assert!(state.vault().is_none());
        assert!(
            state.take_due_reminders(now).unwrap().is_empty(),
            "nothing new yet"
        );
        let later = now + chrono::Duration::days(2) - chrono::Duration::minutes(5);
        let due = state.take_due_reminders(later).unwrap();
        let texts: Vec<&str> = due.iter().map(|r| r.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("A meeting starts at ")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("decisions are up to decide again")),
            "{texts:?}"
        );
        assert!(
            due.iter()
                .all(|r| !r.text.contains("Secret") && !r.key.contains("Secret")),
            "{due:?}"
        );
        assert!(
            state.take_due_reminders(later).unwrap().is_empty(),
            "shown once"
        );

        // Quitting forgets them: a new run of the app has none until the vault is open.
        let next_run = AppState::shared(dir.path().join("vault"));
        assert!(next_run.take_due_reminders(later).unwrap().is_empty());
    }

    #[test]
    fn a_capture_request_is_taken_once() {
        let state = AppState::shared("/nonexistent".into());
        assert!(!state.take_capture_request());
        state.request_capture();
        assert!(state.take_capture_request());
        assert!(!state.take_capture_request());
    }

    #[test]
    fn the_quarterly_reminder_to_reflect_comes_only_when_asked_for_even_with_meetings_off() {
        use chrono::TimeZone;
        let dir = tempfile::tempdir().unwrap();
        let state = crate::commands::test_support::open_passphrase_vault(dir.path());
        let early_october = chrono::Utc.with_ymd_and_hms(2024, 10, 3, 11, 0, 0).unwrap();
        state.reminders().enabled = false;
        assert!(
            state.take_due_reminders(early_october).unwrap().is_empty(),
            "off by default"
        );
        state.reminders().reflect_quarterly = true;
        let due = state.take_due_reminders(early_october).unwrap();
        let keys: Vec<&str> = due.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["reflect:2024-Q4"]);
        assert!(
            state.take_due_reminders(early_october).unwrap().is_empty(),
            "once a quarter"
        );
    }
}
