//! Integration tests of the journal core, one module per area, against real SQLCipher files
//! (and, in `vault`, the real OS keychain: run them inside the README's test command, which
//! starts a private gnome-keyring).

mod backup;
mod cadence;
mod entries;
mod export;
mod import;
mod keys;
mod meetings;
mod partner_history;
mod partners;
mod privacy;
mod problems;
mod reflections;
mod search;
mod security;
mod story;
mod summary;
mod support;
mod support_moments;
mod vault;
