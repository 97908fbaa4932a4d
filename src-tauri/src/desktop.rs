//! Desktop integration outside the page: one instance, the global quick-capture shortcut.

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutEvent, ShortcutState};

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
