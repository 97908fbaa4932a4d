//! Build script: embeds the Tauri configuration and the page, as for rapport-desktop.

fn main() {
    tauri_build::build();
}
