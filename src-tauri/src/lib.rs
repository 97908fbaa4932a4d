//! Rapport's desktop shell: Tauri commands over `rapport_core`, and nothing else.
//!
//! The shell owns the window, the app state and the mapping of core errors to IPC errors. The
//! journal itself (storage, keys, validation) lives in `rapport_core`; commands only unpack
//! arguments, call the core and map the result.

mod args;
mod commands;
mod desktop;
mod error;
mod files;
#[cfg(test)]
mod ipc_tests;
mod state;
#[cfg(test)]
mod tidy;
// WebKitGTK's settings, on Linux only: macOS (WKWebView) and Windows (WebView2) have no such
// setting to change and paint scrolling in the page already.
#[cfg(target_os = "linux")]
mod webkit;

use std::path::PathBuf;

use tauri::{Builder, Runtime};

pub use desktop::configure_web_process;
pub use error::{ErrorKind, IpcError};
pub use state::AppState;

/// Registers the app state for the vault in `data_dir` and every command on `builder`.
///
/// Generic over the runtime so that tests can build the same app on Tauri's mock runtime.
pub fn app_builder<R: Runtime>(builder: Builder<R>, data_dir: PathBuf) -> Builder<R> {
    let state = AppState::shared(data_dir);
    state::open_keychain_vault_in_background(&state);
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::vault::vault_status,
            commands::vault::create_vault,
            commands::vault::unlock_vault,
            commands::vault::recover_vault,
            commands::vault::lock_vault,
            commands::security::security_status,
            commands::security::set_passphrase,
            commands::security::use_keychain,
            commands::security::new_recovery_key,
            commands::security::recovery_key_shown,
            commands::security::rekey_vault,
            commands::preferences::get_preference,
            commands::preferences::set_preference,
            commands::drafts::save_draft,
            commands::drafts::get_draft,
            commands::drafts::discard_draft,
            commands::entries::list_entries,
            commands::entries::get_entry,
            commands::entries::add_entry,
            commands::entries::update_entry,
            commands::entries::trash_entry,
            commands::entries::restore_entry,
            commands::entries::purge_entry,
            commands::entries::render_markdown,
            commands::entries::list_tags,
            commands::partners::list_partners,
            commands::partners::get_partner,
            commands::partners::add_partner,
            commands::partners::update_partner,
            commands::partners::add_partner_spell,
            commands::partners::correct_partner_spell,
            commands::partners::remove_partner_spell,
            commands::search::search,
            commands::desktop::shortcut_status,
            commands::desktop::take_capture_request,
            commands::desktop::set_reminders,
            commands::meetings::create_meeting,
            commands::meetings::get_meeting,
            commands::meetings::list_meetings,
            commands::meetings::set_meeting_status,
            commands::meetings::move_meeting,
            commands::meetings::set_meeting_plan,
            commands::meetings::set_meeting_pulse,
            commands::meetings::add_meeting_guest,
            commands::meetings::remove_meeting_guest,
            commands::meetings::share_agenda,
            commands::meetings::save_shared_agenda,
            commands::meetings::set_check_in,
            commands::meetings::add_agenda_item,
            commands::meetings::update_agenda_item,
            commands::actions::add_action,
            commands::actions::set_action_done,
            commands::actions::list_actions,
            commands::actions::add_decision,
            commands::actions::revisit_decision,
            commands::actions::list_decisions,
            commands::actions::update_action,
            commands::actions::delete_action,
            commands::actions::update_decision,
            commands::actions::delete_decision,
            commands::meetings::delete_agenda_item,
            commands::templates::list_templates,
            commands::templates::add_template,
            commands::templates::update_template,
            commands::templates::set_default_template,
            commands::problems::list_problems,
            commands::problems::get_problem,
            commands::problems::add_problem,
            commands::problems::update_problem,
            commands::problems::list_people,
            commands::problems::promote_person,
            commands::problems::save_brief,
            commands::problems::brief_candidates,
            commands::cadence::get_cadence,
            commands::cadence::add_pause,
            commands::cadence::correct_pause,
            commands::cadence::remove_pause,
            commands::cadence::resume_cadence,
            commands::cadence::get_due,
            commands::summary::preview_summary,
            commands::summary::save_summary,
            commands::story::get_story,
            commands::story::get_story_years,
            commands::story::get_story_highlights,
            commands::story::save_story,
            commands::backup::backup_vault,
            commands::backup::check_vault,
            commands::backup::choose_backup,
            commands::backup::restore_backup,
            commands::export::export_vault,
            commands::export::import_file,
        ])
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    DataDir(IpcError),
    #[error("{0}")]
    Tauri(#[from] tauri::Error),
}

/// The shortcut that brings up quick capture from anywhere on the desktop.
pub const CAPTURE_SHORTCUT: &str = "Ctrl+Alt+N";

/// Runs the app on the default vault (`$RAPPORT_DATA_DIR`, else the platform's data directory)
/// until its last window closes.
pub fn run() -> Result<(), StartError> {
    let data_dir = rapport_core::paths::resolve_data_dir(None, |name| std::env::var_os(name))
        .map_err(|error| StartError::DataDir(error.into()))?;
    let builder = Builder::default()
        // First, so that a second launch only brings the running window forward.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            desktop::bring_forward(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        // Used from Rust only (files.rs): the page is granted none of its commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_global_shortcut::Builder::new()
                .with_handler(desktop::on_global_shortcut)
                .build(),
        )
        .setup(|app| {
            // The global shortcut is registered when the page first asks for it
            // (`shortcut_status`), once its first screen is up: see desktop.rs.
            desktop::start_reminders(app.handle());
            desktop::paint_scrolling_in_page(app.handle());
            Ok(())
        });
    app_builder(builder, data_dir).run(tauri::generate_context!())?;
    Ok(())
}
