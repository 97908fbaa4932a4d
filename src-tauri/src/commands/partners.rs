//! Commands about partners: the list, one partner with their histories, adding, editing, and
//! the spells of their relationship and role histories.

use chrono::{NaiveDate, Utc};
use rapport_core::{
    NewPartner, NewSpell, Partner, PartnerId, PartnerUpdate, Relationship, SpellId, SpellKind,
    SpellOf,
};
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

/// A spell of a partner's history as the history dialog sends it: `{"history": "relationship",
/// "relationship": "peer", "started": "2016-07-01", "ended": null}` or `{"history": "role",
/// "role": "Director", "organisation": "Acme", ...}`. No end: the current one from its start.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "history", rename_all = "snake_case", deny_unknown_fields)]
pub enum SpellInput {
    Relationship {
        relationship: Relationship,
        #[serde(default)]
        started: Option<NaiveDate>,
        #[serde(default)]
        ended: Option<NaiveDate>,
    },
    Role {
        #[serde(default)]
        role: Option<String>,
        #[serde(default)]
        organisation: Option<String>,
        #[serde(default)]
        started: Option<NaiveDate>,
        #[serde(default)]
        ended: Option<NaiveDate>,
    },
}

impl From<SpellInput> for NewSpell {
    fn from(input: SpellInput) -> NewSpell {
        match input {
            SpellInput::Relationship {
                relationship,
                started,
                ended,
            } => NewSpell {
                of: SpellOf::Relationship(relationship),
                started,
                ended,
            },
            SpellInput::Role {
                role,
                organisation,
                started,
                ended,
            } => NewSpell {
                of: SpellOf::Role { role, organisation },
                started,
                ended,
            },
        }
    }
}

/// Which history `remove_partner_spell` removes from.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum History {
    Relationship,
    Role,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_partner_spell(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    spell: Arg<SpellInput>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let spell = NewSpell::from(spell.required("spell")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.add_spell(partner, spell, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn correct_partner_spell(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    spell_id: Arg<i64>,
    spell: Arg<SpellInput>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let id = SpellId(spell_id.required("spell_id")?);
    let spell = NewSpell::from(spell.required("spell")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.correct_spell(partner, id, spell, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn remove_partner_spell(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    history: Arg<History>,
    spell_id: Arg<i64>,
) -> Result<Partner, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let kind = match history.required("history")? {
        History::Relationship => SpellKind::Relationship,
        History::Role => SpellKind::Role,
    };
    let id = SpellId(spell_id.required("spell_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.remove_spell(partner, kind, id, Utc::now())?))
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

    #[test]
    fn a_spell_is_read_by_its_history_and_an_unknown_field_is_refused() {
        let relationship: SpellInput = serde_json::from_value(serde_json::json!({
            "history": "relationship", "relationship": "report",
            "started": "2013-03-01", "ended": "2016-07-01"
        }))
        .unwrap();
        let spell = NewSpell::from(relationship);
        assert_eq!(spell.of, SpellOf::Relationship(Relationship::Report));
        assert_eq!(spell.ended, NaiveDate::from_ymd_opt(2016, 7, 1));
        let role: SpellInput = serde_json::from_value(serde_json::json!({
            "history": "role", "role": "Director", "organisation": null
        }))
        .unwrap();
        assert_eq!(
            NewSpell::from(role).of,
            SpellOf::Role {
                role: Some("Director".into()),
                organisation: None
            }
        );
        for refused in [
            serde_json::json!({ "history": "role", "relationship": "peer" }),
            serde_json::json!({ "history": "relationship" }),
            serde_json::json!({ "history": "mood", "relationship": "peer" }),
        ] {
            assert!(serde_json::from_value::<SpellInput>(refused).is_err());
        }
    }
}
