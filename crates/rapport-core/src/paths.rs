//! Where a vault lives: the data directory, its two files, and their permissions.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, Result};

/// The encrypted SQLCipher database.
pub const DATABASE_FILE: &str = "rapport.db";
/// The key file: wrapped copies of the data key, salts and parameters; no personal data.
pub const KEY_FILE: &str = "rapport.keys.json";
/// The next key file, written by a re-key before it re-keys the database and renamed over the
/// key file after; found beside it only when a re-key was interrupted.
pub const PENDING_KEY_FILE: &str = "rapport.keys.next.json";
/// The environment variable that overrides the default data directory.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The files of one vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultPaths {
    pub dir: PathBuf,
}

impl VaultPaths {
    pub fn new(dir: impl Into<PathBuf>) -> VaultPaths {
        VaultPaths { dir: dir.into() }
    }

    pub fn database(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    pub fn key_file(&self) -> PathBuf {
        self.dir.join(KEY_FILE)
    }

    pub fn pending_key_file(&self) -> PathBuf {
        self.dir.join(PENDING_KEY_FILE)
    }

    /// SQLite's files beside the database: its rollback journal, its WAL and the WAL's index.
    /// They belong to that database: one left beside a new database of its name would be
    /// played back into it.
    pub fn database_sidecars(&self) -> [PathBuf; 3] {
        let database = self.database();
        ["-journal", "-wal", "-shm"]
            .map(|suffix| PathBuf::from(format!("{}{suffix}", database.display())))
    }
}

/// Chooses the data directory: an explicit `--data-dir`, else `$RAPPORT_DATA_DIR`, else the
/// platform default (Linux: `$XDG_DATA_HOME/rapport`, falling back to `~/.local/share/rapport`).
///
/// The environment is passed in so that callers and tests decide what it contains.
pub fn resolve_data_dir(
    explicit: Option<PathBuf>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Result<PathBuf> {
    let non_empty = |name: &str| env(name).filter(|v| !v.is_empty());
    if let Some(dir) = explicit {
        return absolute(dir);
    }
    if let Some(dir) = non_empty(DATA_DIR_ENV) {
        return absolute(PathBuf::from(dir));
    }
    let base = if cfg!(target_os = "macos") {
        non_empty("HOME").map(|home| PathBuf::from(home).join("Library/Application Support"))
    } else if cfg!(windows) {
        non_empty("APPDATA").map(PathBuf::from)
    } else {
        non_empty("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| non_empty("HOME").map(|home| PathBuf::from(home).join(".local/share")))
    };
    let base = base.ok_or_else(|| {
        InputError::new(
            "data directory",
            "no home directory is known; pass --data-dir or set RAPPORT_DATA_DIR",
        )
    })?;
    let name = if cfg!(any(target_os = "macos", windows)) {
        "Rapport"
    } else {
        "rapport"
    };
    Ok(base.join(name))
}

fn absolute(dir: PathBuf) -> Result<PathBuf> {
    if dir.as_os_str().is_empty() {
        return Err(InputError::new("data directory", "it is empty").into());
    }
    std::path::absolute(&dir).map_err(|e| Error::io("could not resolve the data directory", e))
}

/// Creates the data directory if needed and makes it private to the user (0700 on Unix).
///
/// An existing directory that already holds other files (someone pointed `--data-dir` at a
/// folder of theirs) keeps its permissions: the vault's own files are private either way.
pub(crate) fn prepare_private_dir(dir: &Path) -> Result<()> {
    let holds_other_files = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if holds_other_files {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    // Unix: mode bits. Windows has none: a new folder inherits the ACL of the folder it is made
    // in, and the data folder lives in the user's own profile (%APPDATA%), which only that user
    // (and administrators) can read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io(format!("could not create {}", dir.display()), e))?;
    set_private(dir, 0o700)
}

/// Creates an empty file readable only by the user (0600), failing if it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Unix: 0600 from the start. Windows: the file inherits its private folder's ACL.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map_err(|e| Error::io(format!("could not create {}", path.display()), e))
}

/// Writes `contents` to `path` atomically: a private (0600) temporary file in the same
/// directory, flushed to disk, then renamed over the target, then the directory synced. Used for
/// the key file and for exports the person asked for.
pub fn write_private_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = temporary_path(path);
    let _ = fs::remove_file(&temp);
    let result = (|| {
        let mut file = create_private_file(&temp)?;
        file.write_all(contents)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(format!("could not write {}", temp.display()), e))?;
        fs::rename(&temp, path)
            .map_err(|e| Error::io(format!("could not replace {}", path.display()), e))?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// How old a temporary file of ours must be before a later start removes it: no backup, restore
/// or key-file write takes this long, so one that old was cut short.
pub(crate) const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes from the data directory `dir` the temporary files a cut-short backup, restore or
/// key-file write left (`.backup-PID.db`, `.restore-PID.db`, `.NAME.tmp-PID`; all encrypted or
/// wrapped keys, never plaintext) that were last written before `before`. Best effort.
pub(crate) fn sweep_leftovers(dir: &Path, before: std::time::SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = (name.starts_with(".backup-") || name.starts_with(".restore-"))
            && name.ends_with(".db")
            || name.starts_with('.') && name.contains(".tmp-");
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < before);
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The temporary file `write_private_atomically` writes `path` through, beside it.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{file_name}.tmp-{}", std::process::id()))
}

pub(crate) fn sync_dir(dir: &Path) {
    // Best effort: makes a rename durable on Unix; directories cannot be opened on Windows.
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

pub(crate) fn set_private(path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(format!("could not restrict {}", path.display()), e))?;
    }
    // Windows: no mode bits; what the file inherits from the user's profile folder keeps it
    // private (see `prepare_private_dir`). Nothing weaker is set in their place.
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn explicit_dir_wins_over_environment() {
        let dir = resolve_data_dir(
            Some(PathBuf::from("/tmp/explicit")),
            env(&[(DATA_DIR_ENV, "/tmp/env"), ("HOME", "/home/u")]),
        )
        .unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/explicit"));
    }

    #[test]
    fn environment_variable_wins_over_default() {
        let dir =
            resolve_data_dir(None, env(&[(DATA_DIR_ENV, "/tmp/env"), ("HOME", "/h")])).unwrap();
        assert_eq!(dir, PathBuf::from("/tmp/env"));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn linux_default_follows_xdg_data_home_then_home() {
        let xdg = resolve_data_dir(None, env(&[("XDG_DATA_HOME", "/x"), ("HOME", "/h")])).unwrap();
        assert_eq!(xdg, PathBuf::from("/x/rapport"));
        let relative_xdg_is_ignored =
            resolve_data_dir(None, env(&[("XDG_DATA_HOME", "rel"), ("HOME", "/h")])).unwrap();
        assert_eq!(
            relative_xdg_is_ignored,
            PathBuf::from("/h/.local/share/rapport")
        );
        let home = resolve_data_dir(None, env(&[("HOME", "/h")])).unwrap();
        assert_eq!(home, PathBuf::from("/h/.local/share/rapport"));
    }

    #[test]
    fn leftovers_of_ours_are_swept_once_stale_and_nothing_else_is() {
        let tmp = tempfile::tempdir().unwrap();
        let names = [
            ".backup-123.db",
            ".restore-456.db",
            ".rapport.keys.json.tmp-789",
            "rapport.db",
            "rapport.keys.json",
            "notes.tmp-1",
        ];
        for name in names {
            fs::write(tmp.path().join(name), "x").unwrap();
        }
        let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        sweep_leftovers(tmp.path(), earlier);
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            names.len(),
            "fresh: kept"
        );
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        sweep_leftovers(tmp.path(), later);
        let mut left: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["notes.tmp-1", "rapport.db", "rapport.keys.json"]);
    }

    #[test]
    fn no_home_is_a_clear_error() {
        let err = resolve_data_dir(None, env(&[])).unwrap_err();
        assert!(err.to_string().contains("--data-dir"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn private_dir_and_atomic_file_have_owner_only_modes() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        prepare_private_dir(&dir).unwrap();
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let file = dir.join("f.json");
        write_private_atomically(&file, b"one").unwrap();
        write_private_atomically(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }
}
