//! Desktop integration outside the page: one instance, the global quick-capture shortcut,
//! reminders as desktop notifications.

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutEvent, ShortcutState};
use tauri_plugin_notification::NotificationExt;

use crate::state::SharedState;
use crate::CAPTURE_SHORTCUT;

/// Shows, un-minimizes and focuses the main window.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Registers the quick-capture shortcut. The desktop may refuse it (another app owns it, or a
/// Wayland session forbids global grabs): then quick capture stays in the window (Ctrl+N) and
/// the page shows why, through `shortcut_status`.
pub fn register_capture_shortcut<R: Runtime>(app: &AppHandle<R>) {
    let result = app.global_shortcut().register(CAPTURE_SHORTCUT);
    let state = app.state::<SharedState>();
    let mut status = state.shortcut();
    status.accelerator = CAPTURE_SHORTCUT.to_owned();
    match result {
        Ok(()) => status.registered = true,
        Err(error) => {
            status.registered = false;
            status.message = Some(format!(
                "the desktop refused the global shortcut {CAPTURE_SHORTCUT} ({error}); use Ctrl+N inside Rapport"
            ));
        }
    }
}

/// On the capture shortcut: bring the window forward and leave a request the page picks up
/// when it gains focus (`take_capture_request`).
pub fn on_global_shortcut<R: Runtime>(
    app: &AppHandle<R>,
    _shortcut: &Shortcut,
    event: ShortcutEvent,
) {
    if event.state() == ShortcutState::Pressed {
        app.state::<SharedState>().request_capture();
        bring_forward(app);
    }
}

/// How often the reminder loop looks for something to remind of.
const REMINDER_PERIOD: std::time::Duration = std::time::Duration::from_secs(30);

/// Shows reminders while the app runs: before a meeting (lead time set by the page) and when a
/// decision or problem is up to decide again. Nothing leaves the machine; the text names no one.
pub fn start_reminders<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<SharedState>().inner().clone();
            let due = tauri::async_runtime::spawn_blocking(move || {
                state.take_due_reminders(chrono::Utc::now())
            })
            .await;
            if let Ok(Ok(reminders)) = due {
                for reminder in reminders {
                    // No notification service (a bare session) is not worth an error.
                    let _ = app
                        .notification()
                        .builder()
                        .title("Rapport")
                        .body(reminder.text)
                        .show();
                }
            }
            tokio::time::sleep(REMINDER_PERIOD).await;
        }
    });
}
