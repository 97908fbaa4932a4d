//! Commands that take the whole journal out (export-all JSON, a folder of Markdown files) or
//! bring one in (a Rapport export into an empty vault, Day One's JSON, jrnl's JSON). Files are
//! chosen in the native dialog; plaintext exports are written readable only by the person.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Every row as the documented JSON (docs/export-format.md).
    Json,
    /// A new folder of Markdown files with front matter.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// A Rapport export-all file, into an empty vault.
    Rapport,
    DayOne,
    Jrnl,
    /// A folder of Markdown notes (Rapport's Markdown export, or notes with front matter).
    Markdown,
}

/// The sources read from one JSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonSource {
    Rapport,
    DayOne,
    Jrnl,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub file: SavedFile,
    /// For a Markdown folder: how many files it holds.
    pub files: Option<u64>,
}

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub file_name: String,
    pub entries: u64,
    /// Every row (a Rapport export), or the entries (Day One, jrnl).
    pub rows: u64,
    pub partner_links: u64,
    /// Day One entries without text; Markdown files without text, and meetings.
    pub skipped: u64,
    /// Partners made (a Markdown folder).
    pub partners: u64,
    /// Markdown notes dated by their file's last change, having no date of their own.
    pub undated: u64,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_vault<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    kind: Arg<ExportKind>,
    directory: Arg<String>,
) -> Result<Option<Exported>, IpcError> {
    let kind = kind.required("kind")?;
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        export(
            state,
            &NativeDialogs(app),
            kind,
            directory,
            Local::now().date_naive(),
        )
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    source: Arg<ImportSource>,
    directory: Arg<String>,
) -> Result<Option<Imported>, IpcError> {
    let source = source.required("source")?;
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        import(state, &NativeDialogs(app), source, directory)
    })
    .await
}

/// A folder of Markdown notes: read whole (within the import limits) before the vault is taken,
/// then written in one transaction.
fn import_markdown(
    state: &AppState,
    chooser: &dyn FileChooser,
    directory: Option<PathBuf>,
) -> Result<Option<Imported>, IpcError> {
    let Some(folder_path) = chooser.folder(FileDialog {
        directory,
        ..FileDialog::new("Import a folder of Markdown notes")
    })?
    else {
        return Ok(None);
    };
    let folder = rapport_core::import_markdown::read_markdown_folder(&folder_path)?;
    let file_name = folder_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.with_vault(|vault| {
        let report = vault.import_markdown(&folder, Utc::now(), &mut |_, _| {})?;
        Ok(Some(Imported::from_report(file_name, &report)))
    })
}

impl Imported {
    /// What an import of entries (Day One, jrnl, a Markdown folder) brought in: its rows are
    /// its entries.
    fn from_report(file_name: String, report: &rapport_core::import::ImportReport) -> Imported {
        Imported {
            file_name,
            entries: report.entries,
            rows: report.entries,
            partner_links: report.partner_links,
            skipped: report.skipped,
            partners: report.partners,
            undated: report.undated,
        }
    }
}

/// `base`, or `base-2`, `base-3`, ... whichever does not exist yet in `parent`.
fn new_folder(parent: &Path, base: &str) -> PathBuf {
    let mut candidate = parent.join(base);
    let mut n = 2;
    while candidate.exists() {
        candidate = parent.join(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

pub(crate) fn export(
    state: &AppState,
    chooser: &dyn FileChooser,
    kind: ExportKind,
    directory: Option<PathBuf>,
    today: NaiveDate,
) -> Result<Option<Exported>, IpcError> {
    state.with_vault(|_| Ok(()))?;
    match kind {
        ExportKind::Json => {
            let Some(path) = chooser.save(FileDialog {
                file_name: Some(format!("rapport-export-{today}.json")),
                directory,
                filter: Some(("JSON", &["json"])),
                ..FileDialog::new("Export everything as JSON")
            })?
            else {
                return Ok(None);
            };
            let bytes = state.with_vault(|vault| {
                let export = vault.export_all()?;
                let bytes = serde_json::to_vec_pretty(&export)
                    .map_err(|_| IpcError::internal("could not print the export"))?;
                vault.write_export(&path, &bytes)?;
                Ok(bytes)
            })?;
            Ok(Some(Exported {
                file: SavedFile::new(&path, bytes.len() as u64),
                files: None,
            }))
        }
        ExportKind::Markdown => {
            let Some(parent) = chooser.folder(FileDialog {
                directory,
                ..FileDialog::new("Choose where to put the Markdown folder")
            })?
            else {
                return Ok(None);
            };
            let folder = new_folder(&parent, &format!("rapport-notes-{today}"));
            let files = state.with_vault(|vault| {
                Ok(vault.export_markdown(&folder, chrono::Local::now().date_naive())?)
            })?;
            Ok(Some(Exported {
                file: SavedFile::new(&folder, 0),
                files: Some(files),
            }))
        }
    }
}

pub(crate) fn import(
    state: &AppState,
    chooser: &dyn FileChooser,
    source: ImportSource,
    directory: Option<PathBuf>,
) -> Result<Option<Imported>, IpcError> {
    state.with_vault(|_| Ok(()))?;
    let (title, source) = match source {
        ImportSource::Markdown => return import_markdown(state, chooser, directory),
        ImportSource::Rapport => ("Import a Rapport export", JsonSource::Rapport),
        ImportSource::DayOne => ("Import Day One's Journal.json", JsonSource::DayOne),
        ImportSource::Jrnl => ("Import a jrnl JSON export", JsonSource::Jrnl),
    };
    let Some(path) = chooser.open(FileDialog {
        directory,
        filter: Some(("JSON", &["json"])),
        ..FileDialog::new(title)
    })?
    else {
        return Ok(None);
    };
    // jrnl and Day One are read whole, before the vault is taken; a Rapport export is read as a
    // stream inside the import's transaction.
    let text = match source {
        JsonSource::Rapport => String::new(),
        JsonSource::DayOne | JsonSource::Jrnl => rapport_core::import::read_import_file(&path)?,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state
        .with_vault(|vault| {
            let imported = match source {
                JsonSource::Rapport => {
                    // Read as a stream, row by row: never the whole file as a tree.
                    let file = rapport_core::import::open_import_file(&path)?;
                    let counts = vault.import_all_from(file)?;
                    let count = |table: &str| {
                        counts
                            .iter()
                            .find(|(name, _)| name == table)
                            .map_or(0, |(_, n)| *n)
                    };
                    Imported {
                        file_name,
                        entries: count("entries"),
                        rows: counts.iter().map(|(_, n)| n).sum(),
                        partner_links: count("entry_partners"),
                        skipped: 0,
                        partners: count("partners"),
                        undated: 0,
                    }
                }
                JsonSource::DayOne | JsonSource::Jrnl => {
                    let mut progress = |_, _| {};
                    let report = if source == JsonSource::DayOne {
                        vault.import_day_one(&text, Utc::now(), &mut progress)?
                    } else {
                        vault.import_jrnl(&text, Utc::now(), &mut progress)?
                    };
                    Imported::from_report(file_name, &report)
                }
            };
            Ok(imported)
        })
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_support::open_passphrase_vault;
    use crate::error::ErrorKind;
    use crate::files::testing::FixedChooser;
    use rapport_core::{NewEntry, NewPartner};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn export_all_then_import_into_an_empty_vault_brings_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(&dir.path().join("a"));
        state
            .with_vault(|vault| {
                let p = vault.add_partner(NewPartner::named("Priya Raman"), Utc::now())?;
                vault.add_entry(
                    NewEntry {
                        body: "a note".into(),
                        partners: vec![p.id],
                        ..NewEntry::default()
                    },
                    Utc::now(),
                )?;
                Ok(())
            })
            .unwrap();
        let file = dir.path().join("export.json");
        let exported = export(
            &state,
            &FixedChooser::answering(&file),
            ExportKind::Json,
            None,
            today(),
        )
        .unwrap()
        .unwrap();
        assert!(exported.file.bytes > 0);

        let other = open_passphrase_vault(&dir.path().join("b"));
        let imported = import(
            &other,
            &FixedChooser::answering(&file),
            ImportSource::Rapport,
            None,
        )
        .unwrap()
        .unwrap();
        assert_eq!((imported.entries, imported.partner_links), (1, 1));
        assert_eq!(imported.file_name, "export.json");
        // Not twice: the vault is no longer empty.
        let again = import(
            &other,
            &FixedChooser::answering(&file),
            ImportSource::Rapport,
            None,
        )
        .unwrap_err();
        assert_eq!(again.kind, ErrorKind::InvalidInput);
    }

    #[test]
    fn the_markdown_export_makes_a_new_folder_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(&dir.path().join("a"));
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let chooser = FixedChooser::answering(&out);
        let first = export(&state, &chooser, ExportKind::Markdown, None, today())
            .unwrap()
            .unwrap();
        let second = export(&state, &chooser, ExportKind::Markdown, None, today())
            .unwrap()
            .unwrap();
        assert!(first.file.path.ends_with("rapport-notes-2026-11-21"));
        assert!(second.file.path.ends_with("rapport-notes-2026-11-21-2"));
    }

    #[test]
    fn a_file_that_is_not_an_export_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(&dir.path().join("a"));
        let file = dir.path().join("notes.json");
        std::fs::write(&file, "{\"entries\": 3}").unwrap();
        for source in [
            ImportSource::Rapport,
            ImportSource::DayOne,
            ImportSource::Jrnl,
        ] {
            let error = import(&state, &FixedChooser::answering(&file), source, None).unwrap_err();
            assert_eq!(error.kind, ErrorKind::InvalidInput, "{source:?}");
        }
        let count = state.with_vault(|v| Ok(v.count_entries()?)).unwrap();
        assert_eq!(count, 0);
        assert_eq!(
            import(&state, &FixedChooser::default(), ImportSource::DayOne, None).unwrap(),
            None
        );
    }

    #[test]
    fn a_markdown_folder_is_imported_from_the_folder_chosen_and_a_cancel_imports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes");
        std::fs::create_dir_all(&notes).unwrap();
        std::fs::write(
            notes.join("2021-03-04 Offsite.md"),
            "We agreed on WIP limits.\n",
        )
        .unwrap();
        std::fs::write(notes.join("Undated.md"), "An idea.\n").unwrap();
        let state = open_passphrase_vault(&dir.path().join("vault"));
        let chooser = FixedChooser::answering(&notes);
        let imported = import(&state, &chooser, ImportSource::Markdown, None)
            .unwrap()
            .unwrap();
        assert_eq!(imported.file_name, "notes");
        assert_eq!((imported.entries, imported.undated), (2, 1));
        assert_eq!(
            chooser.asked.lock().unwrap()[0].title,
            "Import a folder of Markdown notes"
        );
        let cancel = FixedChooser::default();
        assert_eq!(
            import(&state, &cancel, ImportSource::Markdown, None).unwrap(),
            None
        );
        let count = state
            .with_vault(|vault| Ok(vault.count_entries()?))
            .unwrap();
        assert_eq!(count, 2);
        // A file, not a folder: refused as input, nothing written.
        let file = FixedChooser::answering(notes.join("Undated.md"));
        let error = import(&state, &file, ImportSource::Markdown, None).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
    }
}
