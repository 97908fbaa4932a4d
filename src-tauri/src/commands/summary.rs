//! Commands for the summary you share with your manager: the live preview (built and worded by
//! the core, `summary_preview`), and saving it through the native dialog.

use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate, Utc};
use rapport_core::summary::SummaryRequest;
use rapport_core::summary_preview::SummaryPreview;
use rapport_core::summary_print::{self, PrintFormat};
use rapport_core::{EntryId, PartnerId};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

/// How many private entries the preview offers for including by hand.
const CANDIDATES: u32 = 60;

/// What the person chose on the export screen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryChoice {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty means every active partner.
    #[serde(default)]
    pub partners: Vec<PartnerId>,
    /// Private entries included one by one.
    #[serde(default)]
    pub include_entries: Vec<EntryId>,
    /// Keys of the lines unticked.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl SummaryChoice {
    fn request(&self) -> SummaryRequest {
        SummaryRequest {
            from: self.from,
            to: self.to,
            partners: self.partners.clone(),
            problems: Vec::new(),
            include_entries: self.include_entries.clone(),
            exclude: self.exclude.clone(),
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn preview_summary(
    state: State<'_, SharedState>,
    choice: Arg<SummaryChoice>,
) -> Result<SummaryPreview, IpcError> {
    let choice = choice.required("choice")?;
    run_blocking(&state, move |state| preview(state, &choice, Utc::now())).await
}

/// Shows the save dialog and writes the summary where the person chose (atomically, readable
/// only by them). `None` when they cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_summary<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    choice: Arg<SummaryChoice>,
    format: Arg<String>,
    directory: Arg<String>,
) -> Result<Option<SavedFile>, IpcError> {
    let choice = choice.required("choice")?;
    let format = format.required("format")?;
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        save(
            state,
            &NativeDialogs(app),
            &choice,
            &format,
            directory,
            Utc::now(),
        )
    })
    .await
}

pub(crate) fn preview(
    state: &AppState,
    choice: &SummaryChoice,
    now: DateTime<Utc>,
) -> Result<SummaryPreview, IpcError> {
    state.with_vault(|vault| {
        Ok(vault.summary_preview(&choice.request(), CANDIDATES, &Local, now)?)
    })
}

/// The file name extension and the dialog's filter for a format.
pub(crate) fn file_kind(
    format: PrintFormat,
) -> (&'static str, &'static str, &'static [&'static str]) {
    match format {
        PrintFormat::Markdown => ("md", "Markdown", &["md"]),
        PrintFormat::Html => ("html", "Web page", &["html"]),
        PrintFormat::Json => ("json", "JSON", &["json"]),
        PrintFormat::Pdf => ("pdf", "PDF", &["pdf"]),
    }
}

pub(crate) fn save(
    state: &AppState,
    chooser: &dyn FileChooser,
    choice: &SummaryChoice,
    format: &str,
    directory: Option<PathBuf>,
    now: DateTime<Utc>,
) -> Result<Option<SavedFile>, IpcError> {
    let format: PrintFormat = format.parse().map_err(rapport_core::Error::from)?;
    // Built and printed before the dialog opens: a bad choice is refused at once, and the vault
    // is not held while the person picks a place.
    let summary = state.with_vault(|vault| Ok(vault.summary(&choice.request(), now)?))?;
    let mut bytes = Vec::new();
    summary_print::write_summary(&summary, format, &Local, &mut bytes)
        .map_err(|_| IpcError::internal("could not print the summary"))?;
    let (extension, filter_name, extensions) = file_kind(format);
    let dialog = FileDialog {
        file_name: Some(format!(
            "summary-{}-to-{}.{extension}",
            choice.from, choice.to
        )),
        directory,
        filter: Some((filter_name, extensions)),
        ..FileDialog::new("Save the summary")
    };
    super::save_printed(state, chooser, dialog, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use crate::error::ErrorKind;
    use crate::files::testing::FixedChooser;
    use chrono::TimeZone;
    use rapport_core::actions::Owner;
    use rapport_core::meetings::{MeetingStatus, NewMeeting};
    use rapport_core::{EntryKind, NewEntry, NewPartner};

    struct Setup {
        _dir: tempfile::TempDir,
        state: SharedState,
        choice: SummaryChoice,
        private: EntryId,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let at = Utc.with_ymd_and_hms(2025, 2, 3, 10, 0, 0).unwrap();
        let (partner, private) = state
            .with_vault(|vault| {
                let partner = vault.add_partner(NewPartner::named("Priya Raman"), at)?;
                let meeting = vault.create_meeting(
                    NewMeeting {
                        partners: vec![partner.id],
                        at,
                        template: None,
                        signals: None,
                        purpose: String::new(),
                        minutes: None,
                    },
                    at,
                )?;
                vault.add_decision(meeting.id, true, None, "Cap WIP at 3", at)?;
                vault.add_action(meeting.id, Owner::Me, None, "Send the numbers", at)?;
                vault.set_meeting_status(meeting.id, MeetingStatus::Held, at)?;
                let private = vault.add_entry(
                    NewEntry {
                        body: "privmarker77 a worry".into(),
                        kind: EntryKind::Concern,
                        partners: vec![partner.id],
                        ..NewEntry::default()
                    },
                    at,
                )?;
                Ok((partner.id, private.id))
            })
            .unwrap();
        Setup {
            _dir: dir,
            state,
            choice: SummaryChoice {
                from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
                partners: vec![partner],
                include_entries: vec![],
                exclude: vec![],
            },
            private,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn the_preview_keeps_unticked_lines_but_the_markdown_leaves_them_out() {
        let mut s = setup();
        let full = preview(&s.state, &s.choice, now()).unwrap();
        assert_eq!(full.chosen_lines, 2);
        let decision = full.summary.partners[0].decisions[0].key.clone();
        assert!(full.sources[&decision].starts_with("Meeting of 2025-02-0"));
        assert!(full.markdown.contains("Cap WIP at 3"));
        assert_eq!(full.candidates.len(), 1);
        assert!(!full.markdown.contains("privmarker77"));

        s.choice.exclude = vec![decision];
        s.choice.include_entries = vec![s.private];
        let trimmed = preview(&s.state, &s.choice, now()).unwrap();
        assert_eq!(
            trimmed.summary.partners[0].decisions.len(),
            1,
            "still shown"
        );
        assert_eq!(trimmed.chosen_lines, 2);
        assert!(!trimmed.markdown.contains("Cap WIP at 3"));
        assert!(
            trimmed.markdown.contains("privmarker77"),
            "included by hand"
        );
        assert!(trimmed.candidates.is_empty());
    }

    #[test]
    fn saving_writes_the_chosen_file_privately_and_cancel_writes_nothing() {
        let s = setup();
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("q1.md");
        let chooser = FixedChooser::answering(&path);
        let saved = save(&s.state, &chooser, &s.choice, "md", None, now())
            .unwrap()
            .unwrap();
        assert_eq!(saved.path, path.display().to_string());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Cap WIP at 3"));
        assert!(!text.contains("privmarker77"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let asked = chooser.asked.lock().unwrap();
        assert_eq!(
            asked[0].file_name.as_deref(),
            Some("summary-2025-02-01-to-2025-02-28.md")
        );
        drop(asked);

        let cancel = FixedChooser::default();
        assert_eq!(
            save(&s.state, &cancel, &s.choice, "html", None, now()).unwrap(),
            None
        );
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_bad_format_or_range_is_refused_before_any_dialog() {
        let mut s = setup();
        let chooser = FixedChooser::answering("/nonexistent/x.md");
        let error = save(&s.state, &chooser, &s.choice, "docx", None, now()).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        s.choice.to = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let error = save(&s.state, &chooser, &s.choice, "md", None, now()).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(chooser.asked.lock().unwrap().is_empty());
    }
}
