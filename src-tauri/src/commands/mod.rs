//! Tauri commands, one module per noun. Each unpacks its arguments, calls the core on the
//! blocking pool and maps the error; the work itself is a plain function that tests call directly.

pub mod actions;
pub mod backup;
pub mod cadence;
pub mod desktop;
pub mod drafts;
pub mod entries;
pub mod export;
pub mod meetings;
pub mod partners;
pub mod preferences;
pub mod problems;
pub mod search;
pub mod security;
pub mod summary;
pub mod templates;
pub mod vault;

#[cfg(test)]
pub(crate) mod test_support;
