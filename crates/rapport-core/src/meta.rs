//! Facts the vault keeps about itself in `vault_meta` (migration 4): not journal data, never
//! exported, read and written only by the vault's own key handling.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// Set once the key file has been written with a MAC: from then on a key file without one is a
/// downgrade (someone stripped the MAC to change the file) and is refused.
pub(crate) const KEY_FILE_AUTHENTICATED: &str = "key_file_authenticated";

/// Set while the last recovery key made may not have been shown (made, and the face has not said
/// it showed it; or made by a re-key that a later unlock finished), so the person is told to make
/// a new one. Cleared by `Vault::recovery_key_shown`.
pub(crate) const RECOVERY_KEY_UNSEEN: &str = "recovery_key_unseen";

pub(crate) fn is_set(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM vault_meta WHERE name = ?1", [name], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

pub(crate) fn set(conn: &Connection, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault_meta (name, value) VALUES (?1, '1')
         ON CONFLICT (name) DO NOTHING",
        [name],
    )?;
    Ok(())
}

pub(crate) fn clear(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM vault_meta WHERE name = ?1", [name])?;
    Ok(())
}
