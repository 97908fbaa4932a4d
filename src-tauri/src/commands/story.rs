//! Commands for the story of a partnership: its years, a year's highlights, and saving it as
//! Markdown, HTML or PDF through the native dialog (the private side only when included).

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use rapport_core::summary_print::PrintFormat;
use rapport_core::{PartnerId, Story, StoryHighlights, StoryRequest, StoryYear};
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

#[tauri::command(rename_all = "snake_case")]
pub async fn get_story(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
) -> Result<Story, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.story(partner, Utc::now())?))
    })
    .await
}

/// Earlier years of a story, `from` to `to` (oldest first), as it scrolls back.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_story_years(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    from: Arg<i32>,
    to: Arg<i32>,
) -> Result<Vec<StoryYear>, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let from = from.required("from")?;
    let to = to.required("to")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.story_years(partner, from, to)?))
    })
    .await
}

/// A year's highlights for the person's own reading: private ones too.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_story_highlights(
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    year: Arg<i32>,
    limit: Arg<u32>,
) -> Result<StoryHighlights, IpcError> {
    let partner = PartnerId(partner_id.required("partner_id")?);
    let year = year.required("year")?;
    let limit = limit.required("limit")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.story_highlights(partner, year, limit, false)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_story<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    partner_id: Arg<i64>,
    format: Arg<String>,
    include_private: Arg<bool>,
    directory: Arg<String>,
) -> Result<Option<SavedFile>, IpcError> {
    let request = StoryRequest {
        partner: PartnerId(partner_id.required("partner_id")?),
        include_private: include_private
            .optional("include_private")?
            .unwrap_or(false),
    };
    let format = format.required("format")?;
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        save(
            state,
            &NativeDialogs(app),
            &request,
            &format,
            directory,
            Utc::now(),
        )
    })
    .await
}

pub(crate) fn save(
    state: &AppState,
    chooser: &dyn FileChooser,
    request: &StoryRequest,
    format: &str,
    directory: Option<PathBuf>,
    now: DateTime<Utc>,
) -> Result<Option<SavedFile>, IpcError> {
    let format: PrintFormat = format.parse().map_err(rapport_core::Error::from)?;
    if format == PrintFormat::Json {
        return Err(IpcError::from(rapport_core::Error::from(
            rapport_core::InputError::new("format", "a story is saved as md, html or pdf"),
        )));
    }
    // Built and printed before the dialog opens, like the summary: a bad request is refused at
    // once, and the vault is not held while the person picks a place.
    let document = state.with_vault(|vault| Ok(vault.story_document(request, now)?))?;
    let mut bytes = Vec::new();
    rapport_core::summary_print::write_document(&document, format, &Local, &mut bytes)
        .map_err(|_| IpcError::internal("could not print the story"))?;
    let (extension, filter_name, extensions) = super::summary::file_kind(format);
    let dialog = FileDialog {
        file_name: Some(format!("story.{extension}")),
        directory,
        filter: Some((filter_name, extensions)),
        ..FileDialog::new("Save the story")
    };
    super::save_printed(state, chooser, dialog, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use crate::error::ErrorKind;
    use crate::files::testing::FixedChooser;
    use rapport_core::{NewEntry, NewPartner, Support, SupportAct};

    #[test]
    fn the_story_is_saved_without_the_private_side_unless_included() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let now = Utc::now();
        let partner = state
            .with_vault(|vault| {
                let mike = vault.add_partner(NewPartner::named("Mike"), now)?;
                vault.add_entry(
                    NewEntry {
                        partners: vec![mike.id],
                        support: Some(Support::received(SupportAct::Covered)),
                        ..NewEntry::note("privmarker404 covered my week")
                    },
                    now,
                )?;
                Ok(mike.id)
            })
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        for (include_private, shown) in [(false, false), (true, true)] {
            let path = out.path().join(format!("story-{include_private}.md"));
            let chooser = FixedChooser::answering(&path);
            let request = StoryRequest {
                partner,
                include_private,
            };
            save(&state, &chooser, &request, "md", None, now)
                .unwrap()
                .unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with("# Mike: "), "{text}");
            assert_eq!(text.contains("privmarker404"), shown, "{text}");
            assert_eq!(
                chooser.asked.lock().unwrap()[0].file_name.as_deref(),
                Some("story.md")
            );
        }
        let request = StoryRequest {
            partner,
            include_private: false,
        };
        let none = FixedChooser::default();
        for bad in ["json", "docx"] {
            let error = save(&state, &none, &request, bad, None, now).unwrap_err();
            assert_eq!(error.kind, ErrorKind::InvalidInput, "{bad}");
        }
        assert!(
            none.asked.lock().unwrap().is_empty(),
            "refused before any dialog"
        );
        let gone = StoryRequest {
            partner: PartnerId(999),
            include_private: false,
        };
        assert_eq!(
            save(&state, &none, &gone, "md", None, now)
                .unwrap_err()
                .kind,
            ErrorKind::NotFound
        );
    }
}
