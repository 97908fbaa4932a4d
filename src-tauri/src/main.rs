//! Starts the Rapport desktop app; everything else is in the library so it can be tested.

// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    rapport_core::install_private_panic_hook("rapport-desktop");
    if let Err(error) = rapport_core::disable_core_dumps() {
        eprintln!("rapport-desktop: could not turn core dumps off ({error}); a crash could leave memory on disk");
    }
    rapport_desktop::prefer_cpu_rendering();
    if let Err(error) = rapport_desktop::run() {
        eprintln!("rapport-desktop: could not start: {error}");
        std::process::exit(1);
    }
}
