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
pub mod story;
pub mod summary;
pub mod templates;
pub mod vault;

#[cfg(test)]
pub(crate) mod test_support;

use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, SavedFile};
use crate::state::AppState;

/// Asks where `bytes` (a summary, a brief, an agenda, already printed) go, and writes them there
/// atomically, readable only by the person. `None` when they cancelled. The vault is not held
/// while the dialog is open.
pub(crate) fn save_printed(
    state: &AppState,
    chooser: &dyn FileChooser,
    dialog: FileDialog,
    bytes: &[u8],
) -> Result<Option<SavedFile>, IpcError> {
    let Some(path) = chooser.save(dialog)? else {
        return Ok(None);
    };
    state.with_vault(|vault| Ok(vault.write_export(&path, bytes)?))?;
    Ok(Some(SavedFile::new(&path, bytes.len() as u64)))
}
