//! Commands for the editor's draft: what is typed, kept in the encrypted vault a few seconds
//! after the last keystroke and before any lock, found again after an unlock, a restart or a crash.

use chrono::Utc;
use rapport_core::drafts::{EntryDraft, SavedDraft};
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// Keeps `draft` in place of the one kept before.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_draft(
    state: State<'_, SharedState>,
    draft: Arg<EntryDraft>,
) -> Result<(), IpcError> {
    let draft = draft.required("draft")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.save_draft(&draft, Utc::now())?))
    })
    .await
}

/// The draft kept, or null.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_draft(state: State<'_, SharedState>) -> Result<Option<SavedDraft>, IpcError> {
    run_blocking(&state, |state| state.with_vault(|vault| Ok(vault.draft()?))).await
}

/// Forgets the draft: it was saved as an entry, or the person discarded it.
#[tauri::command(rename_all = "snake_case")]
pub async fn discard_draft(state: State<'_, SharedState>) -> Result<(), IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| Ok(vault.discard_draft()?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use rapport_core::EntryKind;

    #[test]
    fn a_draft_is_kept_read_and_discarded_through_the_open_vault() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let draft = EntryDraft {
            entry: None,
            base_version: None,
            body: "half a sentence".into(),
            kind: EntryKind::Concern,
            tags_text: "wip".into(),
            partners: vec![],
            shareable: false,
            created_at: None,
            support: None,
        };
        state
            .with_vault(|vault| Ok(vault.save_draft(&draft, Utc::now())?))
            .unwrap();
        let kept = state
            .with_vault(|vault| Ok(vault.draft()?))
            .unwrap()
            .unwrap();
        assert_eq!(kept.draft, draft);
        let json = serde_json::to_value(&kept).unwrap();
        assert_eq!(json["body"], "half a sentence");
        assert_eq!(json["kind"], "concern");
        assert!(json["saved_at"].is_string());
        state
            .with_vault(|vault| Ok(vault.discard_draft()?))
            .unwrap();
        assert!(state
            .with_vault(|vault| Ok(vault.draft()?))
            .unwrap()
            .is_none());
    }
}
