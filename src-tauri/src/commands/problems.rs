//! Commands about peer problems.

use chrono::{NaiveDate, Utc};
use rapport_core::meetings::MeetingId;
use rapport_core::problems::{Problem, ProblemChange as Change, ProblemId, Stage, Stance};
use rapport_core::PartnerId;
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// One change to a problem as the page sends it: exactly one field (`decide_again_on` goes with
/// `stage`); several, or none, are refused rather than one of them picked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemChange {
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub decide_again_on: Option<NaiveDate>,
    #[serde(default)]
    pub add_option: Option<String>,
    #[serde(default)]
    pub choose_option: Option<i64>,
    #[serde(default)]
    pub ally: Option<AllyInput>,
    #[serde(default)]
    pub link_meeting: Option<MeetingId>,
    #[serde(default)]
    pub closed: Option<bool>,
}

impl ProblemChange {
    /// The one change it names, or `invalid_input` when it names none or several.
    pub fn into_change(self) -> Result<Change, IpcError> {
        if self.decide_again_on.is_some() && self.stage.is_none() {
            return Err(IpcError::invalid_input(
                "decide_again_on goes with stage: give both",
            ));
        }
        let mut changes = Vec::new();
        if let Some(stage) = self.stage {
            changes.push(Change::Stage {
                stage,
                decide_again_on: self.decide_again_on,
            });
        }
        if let Some(text) = self.add_option {
            changes.push(Change::AddOption(text));
        }
        if let Some(option) = self.choose_option {
            changes.push(Change::ChooseOption(option));
        }
        if let Some(ally) = self.ally {
            changes.push(Change::Ally {
                partner: ally.partner_id,
                stance: ally.stance,
            });
        }
        if let Some(meeting) = self.link_meeting {
            changes.push(Change::LinkMeeting(meeting));
        }
        if let Some(closed) = self.closed {
            changes.push(Change::Close(closed));
        }
        match changes.len() {
            1 => Ok(changes.remove(0)),
            0 => Err(IpcError::invalid_input("say what to change")),
            _ => Err(IpcError::invalid_input(
                "give one change at a time (stage, add_option, choose_option, ally, link_meeting or closed)",
            )),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllyInput {
    pub partner_id: PartnerId,
    pub stance: Stance,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_problems(
    state: State<'_, SharedState>,
    open: Arg<bool>,
) -> Result<Vec<Problem>, IpcError> {
    let open = open.optional("open")?.unwrap_or(false);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_problems(open)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_problem(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Problem, IpcError> {
    let id = ProblemId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.problem(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_problem(
    state: State<'_, SharedState>,
    title: Arg<String>,
    partner_ids: Arg<Vec<PartnerId>>,
) -> Result<Problem, IpcError> {
    let title = title.required("title")?;
    let partners = partner_ids.required("partner_ids")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.add_problem(&title, &partners, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_problem(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    change: Arg<ProblemChange>,
) -> Result<Problem, IpcError> {
    let id = ProblemId(id.required("id")?);
    let change = change.required("change")?;
    let change = change.into_change()?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_problem(id, change, Utc::now())?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_change_names_exactly_one_thing() {
        let none = ProblemChange::default().into_change().unwrap_err();
        assert_eq!(none.kind, ErrorKind::InvalidInput);
        let two = ProblemChange {
            closed: Some(true),
            add_option: Some("WIP limit".into()),
            ..ProblemChange::default()
        };
        let error = two.into_change().unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(
            error.message.contains("one change at a time"),
            "{}",
            error.message
        );
        let date_alone = ProblemChange {
            decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
            ..ProblemChange::default()
        };
        assert_eq!(
            date_alone.into_change().unwrap_err().kind,
            ErrorKind::InvalidInput
        );
        let stage = ProblemChange {
            stage: Some(Stage::DecideAgain),
            decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
            ..ProblemChange::default()
        };
        assert_eq!(
            stage.into_change().unwrap(),
            Change::Stage {
                stage: Stage::DecideAgain,
                decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
            }
        );
    }
}
