//! Native file dialogs. Where a file goes to or comes from is chosen by the person in the
//! desktop's own dialog (tauri-plugin-dialog, from Rust), never named by the page: the page asks
//! for "save the summary" and learns only where it went.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder};

use crate::error::IpcError;

/// One file dialog: its title, what it suggests, which files it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDialog {
    pub title: &'static str,
    /// The file name suggested in a save dialog.
    pub file_name: Option<String>,
    /// Where the dialog starts (the folder used last time, if the page remembers one).
    pub directory: Option<PathBuf>,
    /// A filter's name and extensions, e.g. ("Markdown", ["md"]).
    pub filter: Option<(&'static str, &'static [&'static str])>,
}

impl FileDialog {
    pub fn new(title: &'static str) -> FileDialog {
        FileDialog {
            title,
            file_name: None,
            directory: None,
            filter: None,
        }
    }
}

/// What the person picked in a dialog; `None` when they cancelled.
pub trait FileChooser: Send + Sync {
    /// A new file to write.
    fn save(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError>;
    /// An existing file to read.
    fn open(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError>;
    /// An existing folder.
    fn folder(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError>;
}

/// The desktop's dialogs, modal over the main window.
pub struct NativeDialogs<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> NativeDialogs<R> {
    fn builder(&self, dialog: FileDialog) -> Result<FileDialogBuilder<R>, IpcError> {
        // The plugin is added in `run()`; without it (the mock runtime) there is no dialog.
        let plugin = self
            .0
            .try_state::<Dialog<R>>()
            .ok_or_else(|| IpcError::internal("file dialogs are not available here"))?;
        let mut builder = plugin.file().set_title(dialog.title);
        if let Some(window) = self.0.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        if let Some(name) = dialog.file_name {
            builder = builder.set_file_name(name);
        }
        if let Some(directory) = dialog.directory.filter(|d| d.is_dir()) {
            builder = builder.set_directory(directory);
        }
        if let Some((name, extensions)) = dialog.filter {
            builder = builder.add_filter(name, extensions);
        }
        Ok(builder)
    }
}

fn local_path(path: tauri_plugin_dialog::FilePath) -> Result<PathBuf, IpcError> {
    path.into_path()
        .map_err(|_| IpcError::invalid_input("choose a file on this computer"))
}

impl<R: Runtime> FileChooser for NativeDialogs<R> {
    fn save(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
        self.builder(dialog)?
            .blocking_save_file()
            .map(local_path)
            .transpose()
    }

    fn open(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
        self.builder(dialog)?
            .blocking_pick_file()
            .map(local_path)
            .transpose()
    }

    fn folder(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
        self.builder(dialog)?
            .set_can_create_directories(true)
            .blocking_pick_folder()
            .map(local_path)
            .transpose()
    }
}

/// A file the app wrote, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SavedFile {
    pub path: String,
    /// The folder, for the next dialog to start in.
    pub directory: String,
    pub bytes: u64,
}

impl SavedFile {
    pub fn new(path: &std::path::Path, bytes: u64) -> SavedFile {
        SavedFile {
            path: path.display().to_string(),
            directory: path
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            bytes,
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A chooser that answers every dialog with a fixed path, and remembers what it was asked.

    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    pub(crate) struct FixedChooser {
        pub answer: Option<PathBuf>,
        pub asked: Mutex<Vec<FileDialog>>,
    }

    impl FixedChooser {
        pub(crate) fn answering(path: impl Into<PathBuf>) -> FixedChooser {
            FixedChooser {
                answer: Some(path.into()),
                asked: Mutex::default(),
            }
        }

        fn answer(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
            self.asked.lock().unwrap().push(dialog);
            Ok(self.answer.clone())
        }
    }

    impl FileChooser for FixedChooser {
        fn save(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
            self.answer(dialog)
        }
        fn open(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
            self.answer(dialog)
        }
        fn folder(&self, dialog: FileDialog) -> Result<Option<PathBuf>, IpcError> {
            self.answer(dialog)
        }
    }
}
