//! Commands about partners: the list, one partner with their role history, adding, editing.

use chrono::{NaiveDate, Utc};
use rapport_core::{NewPartner, Partner, PartnerId, PartnerUpdate, Relationship};
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, AppState, SharedState};

/// A new partner as the form sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub relationship: Option<Relationship>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub since: Option<NaiveDate>,
    #[serde(default)]
    pub cadence_days: Option<u32>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Changes to a partner; absent fields stay as they are. An empty role or organisation clears
/// it; `cadence_days: 0` clears the cadence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerChanges {
    pub name: Option<String>,
    pub role: Option<String>,
    pub relationship: Option<Relationship>,
    pub organisation: Option<String>,
    pub since: Option<NaiveDate>,
    pub cadence_days: Option<u32>,
    pub notes: Option<String>,
    pub archived: Option<bool>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_partners(
    state: State<'_, SharedState>,
    include_archived: Arg<bool>,
) -> Result<Vec<Partner>, IpcError> {
    let include_archived = include_archived
        .optional("include_archived")?
        .unwrap_or(false);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_partners(include_archived)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_partner(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Partner, IpcError> {
    let id = PartnerId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.partner(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_partner(
    state: State<'_, SharedState>,
    partner: Arg<PartnerInput>,
) -> Result<Partner, IpcError> {
    let partner = partner.required("partner")?;
    run_blocking(&state, move |state| add(state, partner)).await
}

pub(crate) fn add(state: &AppState, partner: PartnerInput) -> Result<Partner, IpcError> {
    let new = NewPartner {
        name: partner.name,
        role: partner.role,
        relationship: partner.relationship.unwrap_or(Relationship::Peer),
        organisation: partner.organisation,
        since: partner.since,
        cadence_days: partner.cadence_days,
        notes: partner.notes.unwrap_or_default(),
    };
    state.with_vault(|vault| Ok(vault.add_partner(new, Utc::now())?))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_partner(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    changes: Arg<PartnerChanges>,
    version: Arg<u32>,
) -> Result<Partner, IpcError> {
    let id = PartnerId(id.required("id")?);
    let changes = changes.required("changes")?;
    let update = PartnerUpdate {
        name: changes.name,
        role: changes.role,
        relationship: changes.relationship,
        organisation: changes.organisation,
        since: changes.since,
        cadence_days: changes.cadence_days.map(|days| (days != 0).then_some(days)),
        notes: changes.notes,
        archived: changes.archived,
        // The form always says which version it started from: a change made meanwhile in
        // another window or by the CLI is refused, not overwritten.
        expected_version: Some(version.required("version")?),
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_partner(id, update, Utc::now())?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use crate::error::ErrorKind;

    #[test]
    fn partners_are_added_and_duplicates_refused() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let input = PartnerInput {
            name: "Priya Raman".into(),
            role: Some("Quality Director".into()),
            relationship: Some(Relationship::CrossFunctional),
            organisation: None,
            since: None,
            cadence_days: Some(14),
            notes: None,
        };
        let added = add(&state, input.clone()).unwrap();
        assert_eq!(added.roles.len(), 1);
        let again = add(&state, input).unwrap_err();
        assert_eq!(again.kind, ErrorKind::InvalidInput);
        assert!(!again.message.contains("Priya"), "no names in errors");
    }
}
