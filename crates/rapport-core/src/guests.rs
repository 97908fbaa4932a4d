//! The guests of a meeting: people who are not partners (`people.rs`), named on its agenda and on
//! what is shared, never counted for a cadence or carried forward for.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::error::{Error, InputError, Result};
use crate::ids::MeetingId;
use crate::meetings::Meeting;
use crate::people::{PersonId, PersonRef};
use crate::validate;
use crate::vault::Vault;

/// Most guests at one meeting.
const MAX_GUESTS: i64 = 20;

impl Vault {
    /// The guests of a meeting, by name.
    pub(crate) fn meeting_guests(&self, meeting: MeetingId) -> Result<Vec<PersonRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name FROM meeting_guests g JOIN people p ON p.id = g.person_id
             WHERE g.meeting_id = ?1 ORDER BY p.name COLLATE NOCASE",
        )?;
        let guests = stmt
            .query_map([meeting.0], |row| {
                Ok(PersonRef {
                    id: PersonId(row.get(0)?),
                    name: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(guests)
    }

    /// Invites someone who is not a partner to a meeting, by name: the person of that name, or a
    /// new one. A partner's name is refused (a partner is in a meeting as a partner).
    pub fn add_meeting_guest(
        &mut self,
        meeting: MeetingId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        let name = validate::short_text("guest", name)?;
        self.meeting_exists(meeting)?;
        if crate::partners::partner_named(&self.conn, &name)?.is_some() {
            return Err(InputError::new(
                "guest",
                "that is one of your partners: prepare a meeting with them instead",
            )
            .into());
        }
        // Checked before a new person may be recorded for the name: a refusal records nobody.
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM meeting_guests WHERE meeting_id = ?1",
            [meeting.0],
            |row| row.get(0),
        )?;
        if count >= MAX_GUESTS {
            return Err(
                InputError::new("guest", format!("at most {MAX_GUESTS} guests a meeting")).into(),
            );
        }
        let person = match self.find_person(&name)? {
            Some(person) => person,
            None => self.add_person(&name, "", now)?.id,
        };
        self.conn.execute(
            "INSERT OR IGNORE INTO meeting_guests (meeting_id, person_id) VALUES (?1, ?2)",
            params![meeting.0, person.0],
        )?;
        self.meeting(meeting)
    }

    /// Takes a guest off a meeting (the person stays recorded).
    pub fn remove_meeting_guest(
        &mut self,
        meeting: MeetingId,
        person: PersonId,
    ) -> Result<Meeting> {
        let removed = self.conn.execute(
            "DELETE FROM meeting_guests WHERE meeting_id = ?1 AND person_id = ?2",
            params![meeting.0, person.0],
        )?;
        if removed == 0 {
            return Err(Error::NotFound {
                what: "guest",
                by: "id",
            });
        }
        self.meeting(meeting)
    }
}
