//! Starts the Rapport desktop app; everything else is in the library so it can be tested.

// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // On Linux, `rapport-desktop --cli ARGS` is the `rapport` command line: the .deb and .rpm
    // install /usr/bin/rapport as a script that runs it (scripts/package.sh), so the package
    // holds one copy of the core. macOS and Windows have no `--cli`: there the app is a GUI
    // program (no console on Windows), and `rapport` is its own binary (`cargo install --path
    // crates/rapport-cli`); their bundles do not carry it.
    #[cfg(target_os = "linux")]
    {
        let mut args = std::env::args_os();
        if args.nth(1).is_some_and(|first| first == "--cli") {
            return rapport_cli::main_from(std::iter::once("rapport".into()).chain(args));
        }
    }
    rapport_core::install_private_panic_hook("rapport-desktop");
    if let Err(error) = rapport_core::disable_core_dumps() {
        eprintln!("rapport-desktop: could not turn core dumps off ({error}); a crash could leave memory on disk");
    }
    rapport_desktop::configure_web_process();
    if let Err(error) = rapport_desktop::run() {
        eprintln!("rapport-desktop: could not start: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
