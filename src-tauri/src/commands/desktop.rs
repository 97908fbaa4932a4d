//! Commands about the desktop around the page: the global quick-capture shortcut.

use tauri::State;

use crate::error::IpcError;
use crate::state::{SharedState, ShortcutStatus};

/// Whether the global shortcut works, so the page can show it or explain why not.
#[tauri::command(rename_all = "snake_case")]
pub async fn shortcut_status(state: State<'_, SharedState>) -> Result<ShortcutStatus, IpcError> {
    Ok(state.shortcut().clone())
}

/// True once after the global shortcut was pressed: the page then opens quick capture.
#[tauri::command(rename_all = "snake_case")]
pub async fn take_capture_request(state: State<'_, SharedState>) -> Result<bool, IpcError> {
    Ok(state.take_capture_request())
}

#[cfg(test)]
mod tests {
    use crate::state::AppState;

    #[test]
    fn a_capture_request_is_taken_once() {
        let state = AppState::shared("/nonexistent".into());
        assert!(!state.take_capture_request());
        state.request_capture();
        assert!(state.take_capture_request());
        assert!(!state.take_capture_request());
    }
}
