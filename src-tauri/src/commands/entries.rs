//! Commands about journal entries. For now: the latest page of the timeline.

use chrono::{DateTime, Utc};
use rapport_core::{Entry, EntryKind, ListQuery, Vault, VaultStatus};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::{run_blocking, AppState, SharedState};

/// The most entries one call may ask for.
pub const MAX_LATEST: u32 = 200;

/// An entry as the timeline shows it. Its own type, so the IPC contract does not change
/// whenever the core's `Entry` grows a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView {
    pub id: i64,
    /// UTC; the page shows it in local time.
    pub created_at: DateTime<Utc>,
    pub kind: EntryKind,
    /// Markdown, shown as plain text for now.
    pub body: String,
    pub tags: Vec<String>,
    /// Names of the linked partners.
    pub partners: Vec<String>,
    pub shareable: bool,
}

impl From<Entry> for EntryView {
    fn from(entry: Entry) -> EntryView {
        EntryView {
            id: entry.id.0,
            created_at: entry.created_at,
            kind: entry.kind,
            body: entry.body,
            tags: entry.tags,
            partners: entry.partners.into_iter().map(|p| p.name).collect(),
            shareable: entry.shareable,
        }
    }
}

/// The newest `limit` entries of the timeline, newest first.
#[tauri::command]
pub async fn latest_entries(
    state: State<'_, SharedState>,
    limit: u32,
) -> Result<Vec<EntryView>, IpcError> {
    run_blocking(&state, move |state| latest(state, limit)).await
}

pub(crate) fn latest(state: &AppState, limit: u32) -> Result<Vec<EntryView>, IpcError> {
    if !(1..=MAX_LATEST).contains(&limit) {
        return Err(IpcError::invalid_input(format!(
            "give a limit from 1 to {MAX_LATEST}"
        )));
    }
    let slot = state.vault();
    let vault = open_vault(state, &slot)?;
    let page = vault.list_entries(&ListQuery {
        limit,
        ..ListQuery::default()
    })?;
    Ok(page.entries.into_iter().map(EntryView::from).collect())
}

/// The open vault, or the error that tells the UI which screen to show instead.
fn open_vault<'a>(state: &AppState, slot: &'a Option<Vault>) -> Result<&'a Vault, IpcError> {
    match slot {
        Some(vault) => Ok(vault),
        None => match Vault::status(&state.data_dir)? {
            VaultStatus::Absent => Err(rapport_core::Error::NoVault {
                dir: state.data_dir.clone(),
            }
            .into()),
            VaultStatus::Present(_) => {
                Err(IpcError::locked("the vault is locked; unlock it first"))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::passphrase_vault;
    use crate::commands::test_support::MemoryKeychain;
    use crate::commands::vault::unlock;
    use crate::error::ErrorKind;
    use chrono::TimeZone;
    use rapport_core::{NewEntry, NewPartner};

    #[test]
    fn the_limit_is_checked_before_the_vault_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        for limit in [0, MAX_LATEST + 1] {
            let error = latest(&state, limit).unwrap_err();
            assert_eq!(error.kind, ErrorKind::InvalidInput, "{limit}");
        }
        assert_eq!(latest(&state, 1).unwrap_err().kind, ErrorKind::NoVault);
    }

    #[test]
    fn a_locked_vault_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(passphrase_vault(dir.path(), "correct horse battery"));
        assert_eq!(latest(&state, 50).unwrap_err().kind, ErrorKind::Locked);
    }

    #[test]
    fn entries_come_newest_first_with_partner_names() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = passphrase_vault(dir.path(), "correct horse battery");
        {
            let mut vault = Vault::open(
                &data_dir,
                rapport_core::Unlock::Passphrase("correct horse battery"),
            )
            .unwrap();
            let at = |day| Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap();
            let ada = vault.add_partner(NewPartner::named("Ada"), at(1)).unwrap();
            for (day, body) in [(2, "older"), (3, "newer")] {
                let entry = NewEntry {
                    partners: vec![ada.id],
                    tags: vec!["one-on-one".into()],
                    created_at: Some(at(day)),
                    ..NewEntry::note(body)
                };
                vault.add_entry(entry, at(day)).unwrap();
            }
        }
        let state = AppState::shared(data_dir);
        unlock(
            &state,
            &MemoryKeychain::default(),
            Some("correct horse battery"),
        )
        .unwrap();

        let entries = latest(&state, 50).unwrap();
        let bodies: Vec<&str> = entries.iter().map(|e| e.body.as_str()).collect();
        assert_eq!(bodies, ["newer", "older"]);
        assert_eq!(entries[0].partners, ["Ada"]);
        assert_eq!(entries[0].tags, ["one-on-one"]);
        assert_eq!(latest(&state, 1).unwrap().len(), 1);

        let json = serde_json::to_value(&entries[0]).unwrap();
        assert_eq!(json["kind"], "note");
        assert_eq!(json["created_at"], "2026-11-03T09:00:00Z");
    }
}
