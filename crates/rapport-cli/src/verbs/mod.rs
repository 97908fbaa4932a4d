//! The verbs, one module per noun like the desktop app's `commands/`. Each function unpacks its
//! arguments, calls the core and prints; what they share is in `output.rs`, `unlock.rs`,
//! `input.rs` and `render.rs`, never in `run.rs` (which only dispatches).

pub(crate) mod actions;
pub(crate) mod cadence;
pub(crate) mod data;
pub(crate) mod entries;
pub(crate) mod manual;
pub(crate) mod meetings;
pub(crate) mod partners;
pub(crate) mod problems;
pub(crate) mod security;
pub(crate) mod summary;
pub(crate) mod templates;
pub(crate) mod vault;
