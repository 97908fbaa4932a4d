//! Build script: embeds the Tauri configuration and the access-control list for the app's commands.

/// Every command the UI may call. Listing them here makes Tauri generate `allow-*` permissions
/// for them and refuse them to any window whose capability does not grant those permissions.
/// Keep in step with `tauri::generate_handler!` in `src/lib.rs` and `permissions/journal.toml`.
const COMMANDS: &[&str] = &[
    "vault_status",
    "create_vault",
    "unlock_vault",
    "recover_vault",
    "lock_vault",
    "security_status",
    "set_passphrase",
    "use_keychain",
    "new_recovery_key",
    "recovery_key_shown",
    "rekey_vault",
    "get_preference",
    "set_preference",
    "save_draft",
    "get_draft",
    "discard_draft",
    "list_entries",
    "get_entry",
    "add_entry",
    "update_entry",
    "trash_entry",
    "restore_entry",
    "purge_entry",
    "render_markdown",
    "list_tags",
    "list_partners",
    "get_partner",
    "add_partner",
    "update_partner",
    "search",
    "shortcut_status",
    "take_capture_request",
    "set_reminders",
    "create_meeting",
    "get_meeting",
    "list_meetings",
    "set_meeting_status",
    "move_meeting",
    "set_check_in",
    "add_agenda_item",
    "update_agenda_item",
    "add_action",
    "set_action_done",
    "list_actions",
    "add_decision",
    "revisit_decision",
    "list_decisions",
    "list_templates",
    "add_template",
    "update_template",
    "set_default_template",
    "list_problems",
    "get_problem",
    "add_problem",
    "update_problem",
    "list_people",
    "save_brief",
    "get_cadence",
    "get_due",
    "preview_summary",
    "save_summary",
    "backup_vault",
    "check_vault",
    "choose_backup",
    "restore_backup",
    "export_vault",
    "import_file",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
