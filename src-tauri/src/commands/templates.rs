//! Commands about agenda templates.

use chrono::Utc;
use rapport_core::templates::{Template, TemplateId, TemplateSection};
use rapport_core::Relationship;
use tauri::State;

use crate::args::Arg;
use crate::error::IpcError;
use crate::state::{run_blocking, SharedState};

#[tauri::command(rename_all = "snake_case")]
pub async fn list_templates(state: State<'_, SharedState>) -> Result<Vec<Template>, IpcError> {
    run_blocking(&state, |state| {
        state.with_vault(|vault| Ok(vault.templates()?))
    })
    .await
}

/// Creates a template, or (with `copy_of`) duplicates one under `name`.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_template(
    state: State<'_, SharedState>,
    name: Arg<String>,
    sections: Arg<Vec<TemplateSection>>,
    copy_of: Arg<i64>,
) -> Result<Template, IpcError> {
    let name = name.required("name")?;
    let copy_of = copy_of.optional("copy_of")?.map(TemplateId);
    let sections = match copy_of {
        Some(_) => sections.optional("sections")?.unwrap_or_default(),
        None => sections.required("sections")?,
    };
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            Ok(match copy_of {
                Some(source) => vault.duplicate_template(source, &name, Utc::now())?,
                None => vault.add_template(&name, &sections, Utc::now())?,
            })
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_template(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    name: Arg<String>,
    sections: Arg<Vec<TemplateSection>>,
) -> Result<Template, IpcError> {
    let id = TemplateId(id.required("id")?);
    let name = name.required("name")?;
    let sections = sections.required("sections")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.update_template(id, &name, &sections, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_default_template(
    state: State<'_, SharedState>,
    relationship: Arg<Relationship>,
    id: Arg<i64>,
) -> Result<(), IpcError> {
    let relationship = relationship.required("relationship")?;
    let id = TemplateId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.set_default_template(relationship, id)?))
    })
    .await
}
