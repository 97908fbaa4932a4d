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
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
