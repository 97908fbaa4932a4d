//! Facts the vault keeps about itself in `vault_meta` (migration 4): not journal data, never
//! exported, read and written only by the vault's own key handling.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// Set once the key file has been written with a MAC: from then on a key file without one is a
/// downgrade (someone stripped the MAC to change the file) and is refused.
pub(crate) const KEY_FILE_AUTHENTICATED: &str = "key_file_authenticated";

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
