//! The search command behind the Ctrl+K palette.

use chrono::{DateTime, Utc};
use rapport_core::{EntryKind, PartnerId, SearchHit, SearchQuery};
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// A query as the palette sends it. Filters combine with AND.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub partner_ids: Vec<PartnerId>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub kind: Option<EntryKind>,
    #[serde(default)]
    pub since: Option<DateTime<Utc>>,
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search(
    state: State<'_, SharedState>,
    query: Arg<QueryInput>,
) -> Result<Vec<SearchHit>, IpcError> {
    let query = query.required("query")?;
    let query = SearchQuery {
        text: query.text,
        partners: query.partner_ids,
        tags: query.tags,
        kind: query.kind,
        since: query.since,
        until: query.until,
        limit: query.limit.unwrap_or(20),
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.search(&query)?))
    })
    .await
}
