//! Remembered choices of the app (`preferences`, migration 5): small JSON values by name, kept
//! in the encrypted vault because they name people, entries or folders. Not journal data: not
//! exported, not in a summary.

use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::error::{InputError, Result};
use crate::vault::Vault;

/// The largest value kept, as JSON text: choices, not documents.
pub const MAX_PREFERENCE_BYTES: usize = 64 * 1024;

fn check_name(name: &str) -> Result<(), InputError> {
    let fits = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if fits {
        Ok(())
    } else {
        Err(InputError::new(
            "preference name",
            "use 1 to 64 lower-case letters, digits, dots or underscores",
        ))
    }
}

/// Where an export being written has its temporary file (plaintext), while it exists.
const PENDING_EXPORT: &str = "export.pending";

impl Vault {
    /// Writes an export the person asked for (a summary, the JSON export) to `path`: atomically,
    /// readable only by them. Its temporary file, plaintext, is named in the vault while it
    /// exists, so that one a crash left is removed at the next open.
    pub fn write_export(&self, path: &std::path::Path, contents: &[u8]) -> Result<()> {
        let temp = crate::paths::temporary_path(path);
        self.set_preference(
            PENDING_EXPORT,
            &Value::from(temp.to_string_lossy().into_owned()),
        )?;
        let written = crate::paths::write_private_atomically(path, contents);
        let _ = self.set_preference(PENDING_EXPORT, &Value::Null);
        written
    }

    /// Removes the temporary file of an export a crash cut short (`write_export`). Best effort.
    pub(crate) fn remove_cut_short_export(&self) {
        if let Ok(Some(Value::String(temp))) = self.preference(PENDING_EXPORT) {
            let _ = std::fs::remove_file(temp);
            let _ = self.set_preference(PENDING_EXPORT, &Value::Null);
        }
    }

    /// The value remembered under `name`, or `None`.
    pub fn preference(&self, name: &str) -> Result<Option<Value>> {
        check_name(name)?;
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM preferences WHERE name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()?;
        // A value that no longer parses is as good as none: it is only a remembered choice.
        Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Remembers `value` under `name`; `null` forgets it.
    pub fn set_preference(&self, name: &str, value: &Value) -> Result<()> {
        check_name(name)?;
        if value.is_null() {
            self.conn
                .execute("DELETE FROM preferences WHERE name = ?1", [name])?;
            return Ok(());
        }
        let text = value.to_string();
        if text.len() > MAX_PREFERENCE_BYTES {
            return Err(InputError::new("preference", "it is too large to remember").into());
        }
        self.conn.execute(
            "INSERT INTO preferences (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [name, text.as_str()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::NewProtection;
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use serde_json::json;

    #[test]
    fn choices_are_remembered_replaced_and_forgotten() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(
            &tmp.path().join("v"),
            NewProtection::Passphrase("correct horse battery"),
            &mut StdRng::seed_from_u64(1),
        )
        .unwrap();
        assert_eq!(vault.preference("summary").unwrap(), None);
        let choices = json!({"partners": [2, 5], "directory": "/home/me/Documents"});
        vault.set_preference("summary", &choices).unwrap();
        assert_eq!(vault.preference("summary").unwrap(), Some(choices));
        vault
            .set_preference("summary", &json!({"partners": []}))
            .unwrap();
        assert_eq!(
            vault.preference("summary").unwrap(),
            Some(json!({"partners": []}))
        );
        vault.set_preference("summary", &Value::Null).unwrap();
        assert_eq!(vault.preference("summary").unwrap(), None);
    }

    #[test]
    fn bad_names_and_huge_values_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(
            &tmp.path().join("v"),
            NewProtection::Passphrase("correct horse battery"),
            &mut StdRng::seed_from_u64(2),
        )
        .unwrap();
        for name in ["", "Summary", "a b", "../x", &"x".repeat(65)] {
            let err = vault.set_preference(name, &json!(1)).unwrap_err();
            assert_eq!(err.kind(), "invalid_input", "{name}");
        }
        let huge = json!("x".repeat(MAX_PREFERENCE_BYTES));
        assert_eq!(
            vault.set_preference("big", &huge).unwrap_err().kind(),
            "invalid_input"
        );
        assert_eq!(vault.preference("big").unwrap(), None);
    }
}
