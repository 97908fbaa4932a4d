//! A hello-world Tauri 2 app: one window, one static page, no commands and no plugins.
//!
//! `scripts/bench-desktop.sh` builds it next to rapport-desktop (same Tauri, same release
//! profile) and compares launch time and memory against it.

// Keeps a console window from opening next to the app on Windows release builds, as in src-tauri.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("hello-world-bench: could not start: {error}");
        std::process::exit(1);
    }
}
