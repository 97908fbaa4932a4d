//! Rapport's desktop shell: Tauri commands over `rapport_core`, and nothing else.
//!
//! The shell owns the window, the app state and the mapping of core errors to IPC errors. The
//! journal itself (storage, keys, validation) lives in `rapport_core`; commands only unpack
//! arguments, call the core and map the result.

mod commands;
mod error;
mod state;
#[cfg(test)]
mod tidy;

use tauri::{Builder, Manager, Runtime};

pub use error::{ErrorKind, IpcError};
pub use state::AppState;

/// Registers the app state and every command on `builder`.
///
/// Generic over the runtime so that tests can build the same app on Tauri's mock runtime.
pub fn app_builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .setup(|app| {
            let data_dir =
                rapport_core::paths::resolve_data_dir(None, |name| std::env::var_os(name))
                    .map_err(|error| IpcError::from(error).message)?;
            let state = AppState::shared(data_dir);
            state::open_keychain_vault_in_background(&state);
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault::vault_status,
            commands::vault::create_vault,
            commands::vault::unlock_vault,
            commands::entries::latest_entries,
        ])
}

/// Runs the app until its last window closes.
pub fn run() -> tauri::Result<()> {
    app_builder(Builder::default()).run(tauri::generate_context!())
}
