//! Changing a meeting's agenda items: state, notes, place, text, and deleting them. A carried
//! item is the appearance here of something kept elsewhere (an action, a decision, an entry, an
//! earlier agenda item): its text is edited and it is settled where it came from; an item of the
//! meeting's own is edited or deleted here, and deleting it deletes where it was carried too.

use rusqlite::{params, OptionalExtension};

use crate::error::{Error, InputError, Result};
use crate::meetings::{AgendaItemId, AgendaState, AgendaUpdate};
use crate::validate;
use crate::vault::Vault;

impl Vault {
    pub fn set_agenda_state(&mut self, item: AgendaItemId, state: AgendaState) -> Result<()> {
        self.update_agenda_item(
            item,
            &AgendaUpdate {
                state: Some(state),
                ..AgendaUpdate::default()
            },
        )
    }

    /// Moves an agenda item one place up or down within its section.
    pub fn move_agenda_item(&mut self, item: AgendaItemId, up: bool) -> Result<()> {
        self.update_agenda_item(
            item,
            &AgendaUpdate {
                move_up: Some(up),
                ..AgendaUpdate::default()
            },
        )
    }

    pub fn set_agenda_notes(&mut self, item: AgendaItemId, notes: &str) -> Result<()> {
        self.update_agenda_item(
            item,
            &AgendaUpdate {
                notes: Some(notes.to_owned()),
                ..AgendaUpdate::default()
            },
        )
    }

    /// Applies every change of `update` to an agenda item in one transaction: all of them, or
    /// (on any error, a missing item included) none.
    pub fn update_agenda_item(&mut self, item: AgendaItemId, update: &AgendaUpdate) -> Result<()> {
        let notes = update.notes.as_deref().map(validate::notes).transpose()?;
        let text = update
            .text
            .as_deref()
            .map(|t| validate::body(t).map_err(|e| InputError::new("agenda item", e.reason)))
            .transpose()?;
        let tx = self.conn.transaction()?;
        let (meeting, section, position, kind): (i64, String, i64, String) = tx
            .query_row(
                "SELECT meeting_id, section, position, source_kind FROM agenda_items WHERE id = ?1",
                [item.0],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "agenda item",
                by: "id",
            })?;
        if let Some(text) = text {
            if !matches!(kind.as_str(), "own" | "agenda") {
                return Err(InputError::new(
                    "agenda item",
                    "it shows an action, a decision or a note: edit that instead",
                )
                .into());
            }
            tx.execute(
                "UPDATE agenda_items SET text = ?2 WHERE id = ?1",
                params![item.0, text],
            )?;
        }
        if let Some(state) = update.state {
            tx.execute(
                "UPDATE agenda_items SET state = ?2 WHERE id = ?1",
                params![item.0, state.as_str()],
            )?;
        }
        if let Some(notes) = notes {
            tx.execute(
                "UPDATE agenda_items SET notes = ?2 WHERE id = ?1",
                params![item.0, notes],
            )?;
        }
        if let Some(up) = update.move_up {
            let neighbour_sql = if up {
                "SELECT id, position FROM agenda_items WHERE meeting_id = ?1 AND section = ?2 AND position < ?3
                 ORDER BY position DESC LIMIT 1"
            } else {
                "SELECT id, position FROM agenda_items WHERE meeting_id = ?1 AND section = ?2 AND position > ?3
                 ORDER BY position LIMIT 1"
            };
            let neighbour: Option<(i64, i64)> = tx
                .query_row(neighbour_sql, params![meeting, section, position], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            // At the top (or bottom) of its section it stays where it is.
            if let Some((other, other_position)) = neighbour {
                tx.execute(
                    "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                    params![item.0, other_position],
                )?;
                tx.execute(
                    "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                    params![other, position],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes an item of the meeting's own, and every later appearance it was carried to. A
    /// carried item is refused: it is settled where it came from (marked discussed, an action
    /// done, a decision settled), and would otherwise come back with the next agenda.
    pub fn delete_agenda_item(&mut self, item: AgendaItemId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let kind: String = tx
            .query_row(
                "SELECT source_kind FROM agenda_items WHERE id = ?1",
                [item.0],
                |row| row.get(0),
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "agenda item",
                by: "id",
            })?;
        if kind != "own" {
            return Err(InputError::new(
                "agenda item",
                "it was carried in: mark it discussed to stop carrying it",
            )
            .into());
        }
        tx.execute(
            "DELETE FROM agenda_items WHERE id = ?1 OR (source_kind = 'agenda' AND source_id = ?1)",
            [item.0],
        )?;
        tx.commit()?;
        Ok(())
    }
}
