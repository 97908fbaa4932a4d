//! End-to-end tests of the `rapport` binary: spawned on a temporary data directory with the
//! real keychain (the README's test command runs them inside a private gnome-keyring).

mod errors;
mod flows;
mod import;
mod manual;
mod meetings;
mod privacy;
mod security;
mod support;
mod writers;
