//! Commands for the app's remembered choices (the summary's, the last folders used): kept in the
//! encrypted vault, because they name people, entries or folders, instead of WebKit's storage.

use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// The value remembered under `name`, or null.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_preference(
    state: State<'_, SharedState>,
    name: Arg<String>,
) -> Result<Option<serde_json::Value>, IpcError> {
    let name = name.required("name")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.preference(&name)?))
    })
    .await
}

/// Remembers `value` under `name`; null forgets it.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_preference(
    state: State<'_, SharedState>,
    name: Arg<String>,
    value: Arg<serde_json::Value>,
) -> Result<(), IpcError> {
    let name = name.required("name")?;
    let value = value.optional("value")?.unwrap_or(serde_json::Value::Null);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_preference(&name, &value)?))
    })
    .await
}
