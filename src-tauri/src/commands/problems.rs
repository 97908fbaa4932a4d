//! Commands about peer problems.

use chrono::{NaiveDate, Utc};
use rapport_core::meetings::MeetingId;
use rapport_core::problems::{Problem, ProblemId, Stage, Stance};
use rapport_core::PartnerId;
use serde::Deserialize;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

/// One change to a problem; exactly one field is expected.
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
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            let now = Utc::now();
            let problem = if let Some(stage) = change.stage {
                vault.set_problem_stage(id, stage, change.decide_again_on, now)?
            } else if let Some(text) = &change.add_option {
                vault.add_problem_option(id, text, now)?
            } else if let Some(option) = change.choose_option {
                vault.choose_problem_option(id, option, now)?
            } else if let Some(ally) = &change.ally {
                vault.set_problem_ally(id, ally.partner_id, ally.stance, now)?
            } else if let Some(meeting) = change.link_meeting {
                vault.link_problem_meeting(id, meeting, now)?
            } else if let Some(closed) = change.closed {
                vault.close_problem(id, closed, now)?
            } else {
                return Err(IpcError::invalid_input("say what to change"));
            };
            Ok(problem)
        })
    })
    .await
}
