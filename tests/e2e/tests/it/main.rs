//! End-to-end tests of the desktop app in a real window, driven through tauri-driver.
//!
//! Run them with `tests/e2e/run.sh`: it builds `rapport-desktop`, starts an X display (Xvfb) and a
//! private D-Bus session with an unlocked gnome-keyring, and runs this binary inside them.
//! Screenshots of every screen land in `tests/artifacts/`.

mod accessibility;
mod checks;
mod data;
mod driver;
mod entries;
mod first_run;
mod meetings;
mod partners;
mod security;
mod seed;
mod summary;
mod typing;
mod vault;
mod webkit;
