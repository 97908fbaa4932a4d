//! Commands about journal entries: the timeline, writing, editing, the trash, Markdown preview.

use chrono::{DateTime, Utc};
use rapport_core::{
    Entry, EntryId, EntryKind, EntryPage, EntryUpdate, ListQuery, NewEntry, PartnerId, Support,
    TagCount,
};
use serde::{Deserialize, Deserializer};
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, AppState, SharedState};

/// A new entry as the capture panel sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    pub body: String,
    #[serde(default)]
    pub kind: Option<EntryKind>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub partner_ids: Vec<PartnerId>,
    #[serde(default)]
    pub shareable: bool,
    /// `{direction: "given" | "received", act}`; the entry must link a partner.
    #[serde(default)]
    pub support: Option<Support>,
    /// When it happened (RFC 3339), for a memory written down later; absent: now.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// Changes to an entry; absent fields stay as they are, lists replace the whole list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryChanges {
    pub body: Option<String>,
    pub kind: Option<EntryKind>,
    pub tags: Option<Vec<String>>,
    pub partner_ids: Option<Vec<PartnerId>>,
    pub shareable: Option<bool>,
    /// Absent: unchanged; `null`: no longer a support moment; `{direction, act}`: set.
    #[serde(default, deserialize_with = "present")]
    pub support: Option<Option<Support>>,
    pub created_at: Option<DateTime<Utc>>,
}

/// A field that is there, even as `null`, is a change (`Some`); one that is absent takes the
/// default (`None`, no change).
fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<Support>>, D::Error> {
    Option::<Support>::deserialize(deserializer).map(Some)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_entries(
    state: State<'_, SharedState>,
    limit: Arg<u32>,
    before: Arg<i64>,
    partner_id: Arg<i64>,
    trash: Arg<bool>,
    tag: Arg<String>,
) -> Result<EntryPage, IpcError> {
    let query = ListQuery {
        limit: limit.required("limit")?,
        before: before.optional("before")?.map(EntryId),
        partner: partner_id.optional("partner_id")?.map(PartnerId),
        trash: trash.optional("trash")?.unwrap_or(false),
        tag: tag.optional("tag")?,
    };
    run_blocking(&state, move |state| list(state, &query)).await
}

pub(crate) fn list(state: &AppState, query: &ListQuery) -> Result<EntryPage, IpcError> {
    // The page size's rule is the core's (`entries::MAX_PAGE`), as for the CLI.
    state.with_vault(|vault| Ok(vault.list_entries(query)?))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_entry(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Entry, IpcError> {
    let id = EntryId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.entry(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_entry(
    state: State<'_, SharedState>,
    entry: Arg<EntryInput>,
) -> Result<Entry, IpcError> {
    let entry = entry.required("entry")?;
    run_blocking(&state, move |state| add(state, entry)).await
}

pub(crate) fn add(state: &AppState, entry: EntryInput) -> Result<Entry, IpcError> {
    let new = NewEntry {
        body: entry.body,
        kind: entry.kind.unwrap_or_default(),
        tags: entry.tags,
        partners: entry.partner_ids,
        shareable: entry.shareable,
        support: entry.support,
        created_at: entry.created_at,
    };
    state.with_vault(|vault| Ok(vault.add_entry(new, Utc::now())?))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_entry(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    changes: Arg<EntryChanges>,
    version: Arg<u32>,
) -> Result<Entry, IpcError> {
    let id = EntryId(id.required("id")?);
    let changes = changes.required("changes")?;
    let update = EntryUpdate {
        body: changes.body,
        kind: changes.kind,
        tags: changes.tags,
        partners: changes.partner_ids,
        shareable: changes.shareable,
        support: changes.support,
        created_at: changes.created_at,
        // The editor always says which version it started from: a change made meanwhile in
        // another window or by the CLI is refused, not overwritten.
        expected_version: Some(version.required("version")?),
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_entry(id, update, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn trash_entry(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Entry, IpcError> {
    let id = EntryId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.trash_entry(id, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_entry(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Entry, IpcError> {
    let id = EntryId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.restore_entry(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn purge_entry(state: State<'_, SharedState>, id: Arg<i64>) -> Result<(), IpcError> {
    let id = EntryId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.purge_entry(id)?))
    })
    .await
}

/// Markdown to sanitized HTML, rendered in Rust so the page never interprets note text.
#[tauri::command(rename_all = "snake_case")]
pub async fn render_markdown(text: Arg<String>) -> Result<String, IpcError> {
    let text = text.required("text")?;
    if text.len() > rapport_core::MAX_BODY_BYTES {
        return Err(IpcError::invalid_input("the text is too long to preview"));
    }
    tauri::async_runtime::spawn_blocking(move || rapport_core::render_markdown(&text))
        .await
        .map_err(|_| IpcError::internal("the preview stopped unexpectedly"))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_tags(state: State<'_, SharedState>) -> Result<Vec<TagCount>, IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| Ok(vault.list_tags()?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::{open_passphrase_vault, passphrase_vault};
    use crate::error::ErrorKind;

    fn input(body: &str) -> EntryInput {
        EntryInput {
            body: body.into(),
            kind: None,
            tags: vec![],
            partner_ids: vec![],
            shareable: false,
            support: None,
            created_at: None,
        }
    }

    #[test]
    fn support_is_sent_as_direction_and_act_and_a_null_clears_it() {
        let input: EntryInput = serde_json::from_value(serde_json::json!({
            "body": "Ana covered the review",
            "support": { "direction": "received", "act": "hard_feedback" }
        }))
        .unwrap();
        assert_eq!(
            input.support,
            Some(Support::received(rapport_core::SupportAct::HardFeedback))
        );
        let changes = |json| {
            serde_json::from_value::<EntryChanges>(json)
                .unwrap()
                .support
        };
        assert_eq!(changes(serde_json::json!({})), None, "absent: unchanged");
        assert_eq!(
            changes(serde_json::json!({ "support": null })),
            Some(None),
            "null: cleared"
        );
        assert_eq!(
            changes(serde_json::json!({ "support": { "direction": "given", "act": "taught" } })),
            Some(Some(Support::given(rapport_core::SupportAct::Taught)))
        );
        assert!(serde_json::from_value::<EntryChanges>(
            serde_json::json!({ "support": { "direction": "sideways", "act": "taught" } })
        )
        .is_err());
    }

    #[test]
    fn the_page_size_follows_the_cores_rule() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(dir.path().join("vault"));
        assert_eq!(
            list(&state, &ListQuery::default()).unwrap_err().kind,
            ErrorKind::NoVault
        );
        let state = crate::commands::test_support::open_passphrase_vault(dir.path());
        for limit in [0, rapport_core::entries::MAX_PAGE + 1] {
            let query = ListQuery {
                limit,
                ..ListQuery::default()
            };
            let error = list(&state, &query).unwrap_err();
            assert_eq!(error.kind, ErrorKind::InvalidInput);
            assert!(
                error.message.starts_with("invalid limit"),
                "{}",
                error.message
            );
        }
        let query = ListQuery {
            limit: rapport_core::entries::MAX_PAGE,
            ..ListQuery::default()
        };
        assert!(list(&state, &query).is_ok());
    }

    #[test]
    fn a_locked_vault_reads_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::shared(passphrase_vault(dir.path(), "correct horse battery"));
        assert_eq!(
            list(&state, &ListQuery::default()).unwrap_err().kind,
            ErrorKind::Locked
        );
        assert_eq!(
            add(&state, input("hello")).unwrap_err().kind,
            ErrorKind::Locked
        );
    }

    #[test]
    fn entries_are_written_and_paged_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let first = add(&state, input("older")).unwrap();
        let second = add(
            &state,
            EntryInput {
                kind: Some(EntryKind::Win),
                tags: vec!["#One-on-One".into()],
                ..input("newer")
            },
        )
        .unwrap();
        assert_eq!(second.tags, ["one-on-one"]);
        assert!(!second.shareable, "private by default");
        let page = list(
            &state,
            &ListQuery {
                limit: 1,
                ..ListQuery::default()
            },
        )
        .unwrap();
        assert_eq!(page.entries[0].id, second.id);
        assert_eq!(page.next_before, Some(second.id));
        let rest = list(
            &state,
            &ListQuery {
                limit: 1,
                before: page.next_before,
                ..ListQuery::default()
            },
        )
        .unwrap();
        assert_eq!(rest.entries[0].id, first.id);
    }

    #[test]
    fn ten_megabyte_text_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let huge = "x".repeat(10 * 1024 * 1024);
        let error = add(&state, input(&huge)).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(
            error.message.len() < 200,
            "the message does not echo the text"
        );
        assert_eq!(
            list(&state, &ListQuery::default()).unwrap().entries.len(),
            0
        );
    }
}
