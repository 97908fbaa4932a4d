//! People recorded without becoming partners: the allies a peer problem needs, the guests of a
//! meeting. They have a name and perhaps a role, and nothing else: no cadence, no place in
//! Partners or in a summary, until the person promotes one to a partner.

use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::partners::{insert_partner, NewPartner, Partner, Relationship};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub i64);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A person as named on an ally or a guest list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// "Director of Support"; empty when not known.
    pub role: String,
    /// On how many problems they are an ally.
    pub ally_on: u32,
    pub created_at: DateTime<Utc>,
}

/// Most people listed at once; a journal names a few dozen.
const MAX_LISTED: u32 = 500;

impl Vault {
    /// Records a person who is not a partner. A name already used by a partner or a person is
    /// refused: one name, one somebody.
    pub fn add_person(&mut self, name: &str, role: &str, now: DateTime<Utc>) -> Result<Person> {
        let name = validate::short_text("name", name)?;
        let role = validate::optional_short_text("role", Some(role))?.unwrap_or_default();
        let tx = self.conn.transaction()?;
        if name_in_use(&tx, &name)? {
            return Err(Error::Duplicate { what: "person" });
        }
        tx.execute(
            "INSERT INTO people (name, role, created_at) VALUES (?1, ?2, ?3)",
            params![name, role, to_millis(now)],
        )?;
        let id = PersonId(tx.last_insert_rowid());
        tx.commit()?;
        self.person(id)
    }

    pub fn person(&self, id: PersonId) -> Result<Person> {
        self.conn
            .query_row(
                "SELECT id, name, role, created_at,
                        (SELECT count(*) FROM problem_allies a WHERE a.person_id = people.id)
                 FROM people WHERE id = ?1",
                [id.0],
                person_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "person",
                by: "id",
            })
    }

    /// Everyone recorded who is not a partner, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, role, created_at,
                    (SELECT count(*) FROM problem_allies a WHERE a.person_id = people.id)
             FROM people ORDER BY name COLLATE NOCASE, id LIMIT ?1",
        )?;
        let people = stmt
            .query_map([MAX_LISTED], person_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// The person with this name (ignoring case), if one is recorded.
    pub fn find_person(&self, name: &str) -> Result<Option<PersonId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM people WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                |row| row.get(0),
            )
            .optional()?
            .map(PersonId))
    }

    /// Makes a person a partner (a peer, until the person says otherwise): the partner takes
    /// their name and role, every place they were an ally, and the meetings they were a guest
    /// at; the person is gone. One
    /// transaction: either both happen or neither.
    pub fn promote_person(&mut self, id: PersonId, now: DateTime<Utc>) -> Result<Partner> {
        let person = self.person(id)?;
        let tx = self.conn.transaction()?;
        // The person's own name is theirs: it only has to be free among partners.
        let new = NewPartner {
            role: (!person.role.is_empty()).then(|| person.role.clone()),
            relationship: Relationship::Peer,
            ..NewPartner::named(person.name.clone())
        };
        let partner = insert_partner(&tx, &new, now)?;
        tx.execute(
            "UPDATE problem_allies SET partner_id = ?2, person_id = NULL WHERE person_id = ?1",
            params![id.0, partner.0],
        )?;
        // The meetings they were a guest at are meetings with them now.
        tx.execute(
            "INSERT OR IGNORE INTO meeting_partners (meeting_id, partner_id, meeting_at)
             SELECT g.meeting_id, ?2, m.at FROM meeting_guests g JOIN meetings m ON m.id = g.meeting_id
             WHERE g.person_id = ?1",
            params![id.0, partner.0],
        )?;
        tx.execute("DELETE FROM people WHERE id = ?1", [id.0])?;
        tx.commit()?;
        self.partner(partner)
    }

    /// Forgets a person, and with them every place they were an ally.
    pub fn remove_person(&mut self, id: PersonId) -> Result<()> {
        let removed = self
            .conn
            .execute("DELETE FROM people WHERE id = ?1", [id.0])?;
        if removed == 0 {
            return Err(Error::NotFound {
                what: "person",
                by: "id",
            });
        }
        Ok(())
    }
}

fn person_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: PersonId(row.get(0)?),
        name: row.get(1)?,
        role: row.get(2)?,
        created_at: from_millis(row.get(3)?),
        ally_on: row.get(4)?,
    })
}

/// Whether a partner or a person already has this name (ignoring case).
fn name_in_use(conn: &rusqlite::Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM partners WHERE name = ?1 COLLATE NOCASE)
                 OR EXISTS (SELECT 1 FROM people WHERE name = ?1 COLLATE NOCASE)",
        [name],
        |row| row.get(0),
    )?)
}
