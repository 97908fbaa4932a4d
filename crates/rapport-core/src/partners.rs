//! Partners: the people you work with closely, with how you relate and their roles over time.
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
pub use crate::ids::PartnerId;
pub use crate::partner_history::Relationship;
use crate::partner_history::{
    self, NewSpell, RelationshipSpell, RoleSpell, SpellId, SpellKind, SpellOf,
};
use crate::pauses::{self, Pause};
use crate::reflections::{self, ReflectionCount};
use crate::support::{self, SupportBalance};
use crate::time::{from_millis, local_day, to_millis};
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub organisation: Option<String>,
    pub since: Option<NaiveDate>,
    pub cadence_days: Option<u32>,
    pub notes: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the newest live entry linked to this partner was written.
    pub last_entry_at: Option<DateTime<Utc>>,
    /// Live entries linked to this partner.
    pub entry_count: u64,
    /// Role history, oldest first. Empty in lists; filled by [`Vault::partner`].
    pub roles: Vec<RoleSpell>,
    /// How you related over time, oldest first; the open spell is `relationship`. Empty in
    /// lists; filled by [`Vault::partner`].
    pub relationships: Vec<RelationshipSpell>,
    /// When their cadence was or will be paused (leave, sabbatical, re-org), oldest first.
    /// Empty in lists; filled by [`Vault::partner`].
    pub pauses: Vec<Pause>,
    /// Support given and received, per year. Empty in lists; filled by [`Vault::partner`].
    #[serde(default)]
    pub support: SupportBalance,
    /// How often each partnership prompt was answered about them, and when last. Empty in
    /// lists; filled by [`Vault::partner`].
    #[serde(default)]
    pub reflections: Vec<ReflectionCount>,
    /// Counts up with every change through [`Vault::update_partner`], which may name the
    /// version it started from (`PartnerUpdate::expected_version`).
    pub version: u32,
}

/// A partner as named on an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRef {
    pub id: PartnerId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPartner {
    pub name: String,
    pub role: Option<String>,
    pub relationship: Relationship,
    pub organisation: Option<String>,
    pub since: Option<NaiveDate>,
    pub cadence_days: Option<u32>,
    pub notes: String,
}

impl NewPartner {
    pub fn named(name: impl Into<String>) -> NewPartner {
        NewPartner {
            name: name.into(),
            role: None,
            relationship: Relationship::Peer,
            organisation: None,
            since: None,
            cadence_days: None,
            notes: String::new(),
        }
    }
}

/// Changes to a partner; `None` leaves a field as it is. For role and organisation, an empty
/// string clears the field. A change of role or organisation closes the current role spell and
/// opens a new one, so the history keeps itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerUpdate {
    pub name: Option<String>,
    pub role: Option<String>,
    pub relationship: Option<Relationship>,
    pub organisation: Option<String>,
    pub since: Option<NaiveDate>,
    pub cadence_days: Option<Option<u32>>,
    pub notes: Option<String>,
    pub archived: Option<bool>,
    /// The version the change started from (`Partner::version`, as the form read it): a partner
    /// changed since is refused (`Error::ChangedElsewhere`). `None`: changed as it is now.
    pub expected_version: Option<u32>,
}

/// A partner's columns, then their last live entry's time and their live entry count.
///
/// Neither visits the partner's entries one by one, which at 100k entries decrypted most of the
/// database (1.6 s; docs/benchmarks.md). The last entry walks the partner's links newest first
/// and stops at the first one not in the trash; `CROSS JOIN` fixes which side drives the join
/// (SQLite keeps the written order), so a plan through every entry cannot be chosen. The count
/// is kept by triggers as entries and links change (`partner_live_entries`, migration 3).
const PARTNER_COLUMNS: &str = "p.id, p.name, p.role, p.relationship, p.organisation, p.since, \
     p.cadence_days, p.notes, p.archived, p.created_at, p.updated_at, \
     (SELECT ep.entry_created_at FROM entry_partners ep CROSS JOIN entries e ON e.id = ep.entry_id \
       WHERE ep.partner_id = p.id AND e.deleted_at IS NULL \
       ORDER BY ep.entry_created_at DESC LIMIT 1), \
     coalesce((SELECT c.live FROM partner_live_entries c WHERE c.partner_id = p.id), 0), \
     p.version";

fn partner_from_row(row: &Row<'_>) -> rusqlite::Result<Partner> {
    let relationship: String = row.get(3)?;
    let since: Option<String> = row.get(5)?;
    Ok(Partner {
        id: PartnerId(row.get(0)?),
        name: row.get(1)?,
        role: row.get(2)?,
        relationship: relationship.parse().unwrap_or(Relationship::Peer),
        organisation: row.get(4)?,
        since: since.and_then(|s| s.parse().ok()),
        cadence_days: row.get(6)?,
        notes: row.get(7)?,
        archived: row.get(8)?,
        created_at: from_millis(row.get(9)?),
        updated_at: from_millis(row.get(10)?),
        last_entry_at: row.get::<_, Option<i64>>(11)?.map(from_millis),
        entry_count: row.get::<_, i64>(12)? as u64,
        roles: Vec::new(),
        relationships: Vec::new(),
        pauses: Vec::new(),
        support: SupportBalance::default(),
        reflections: Vec::new(),
        version: row.get(13)?,
    })
}

/// One partner as lists show them: the row and its counts, without histories, support or
/// reflections (a search hit).
pub(crate) fn read_listed(conn: &Connection, id: PartnerId) -> Result<Partner> {
    conn.query_row(
        &format!("SELECT {PARTNER_COLUMNS} FROM partners p WHERE p.id = ?1"),
        [id.0],
        partner_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "partner",
        by: "id",
    })
}

/// One partner with their relationship and role histories and pauses (a story's), without the
/// support balance and reflections their page counts.
pub(crate) fn read_with_histories(conn: &Connection, id: PartnerId) -> Result<Partner> {
    let mut partner = read_listed(conn, id)?;
    partner.roles = partner_history::roles(conn, id)?;
    partner.relationships = partner_history::relationships(conn, id)?;
    partner.pauses = pauses::read_known(conn, id)?;
    Ok(partner)
}

/// One partner as their page shows them, read through `conn` (a transaction's, or the vault's).
fn read_partner(conn: &Connection, id: PartnerId) -> Result<Partner> {
    let mut partner = read_with_histories(conn, id)?;
    partner.support = support::balance(conn, id)?;
    partner.reflections = reflections::counts(conn, id)?;
    Ok(partner)
}

impl Vault {
    pub fn add_partner(&mut self, new: NewPartner, now: DateTime<Utc>) -> Result<Partner> {
        let tx = self.conn.transaction()?;
        let id = insert_partner(&tx, &new, now)?;
        tx.commit()?;
        self.partner(id)
    }

    /// Changes a partner. They are read again inside the transaction (which holds the write
    /// lock from its start), so a change made meanwhile elsewhere is refused or kept.
    pub fn update_partner(
        &mut self,
        id: PartnerId,
        update: PartnerUpdate,
        now: DateTime<Utc>,
    ) -> Result<Partner> {
        let name = update
            .name
            .as_deref()
            .map(|n| validate::short_text("name", n))
            .transpose()?;
        let role = update
            .role
            .as_deref()
            .map(|r| validate::optional_short_text("role", Some(r)))
            .transpose()?;
        let organisation = update
            .organisation
            .as_deref()
            .map(|o| validate::optional_short_text("organisation", Some(o)))
            .transpose()?;
        let cadence = update
            .cadence_days
            .map(validate::cadence_days)
            .transpose()?;
        let notes = update.notes.as_deref().map(validate::notes).transpose()?;
        let tx = self.conn.transaction()?;
        // The fields it changes are the row's; the histories follow through change_current.
        let current = read_listed(&tx, id)?;
        if update
            .expected_version
            .is_some_and(|version| version != current.version)
        {
            return Err(Error::ChangedElsewhere { what: "partner" });
        }
        let name = name.unwrap_or(current.name);
        let role = role.unwrap_or_else(|| current.role.clone());
        let organisation = organisation.unwrap_or_else(|| current.organisation.clone());
        let cadence = cadence.unwrap_or(current.cadence_days);
        let notes = notes.unwrap_or(current.notes);
        if name_taken(&tx, &name, Some(id))? {
            return Err(Error::Duplicate { what: "partner" });
        }
        tx.execute(
            "UPDATE partners SET name = ?2, role = ?3, relationship = ?4, organisation = ?5,
                    since = ?6, cadence_days = ?7, notes = ?8, archived = ?9, updated_at = ?10,
                    version = version + 1
             WHERE id = ?1",
            params![
                id.0,
                name,
                role,
                update.relationship.unwrap_or(current.relationship).as_str(),
                organisation,
                update.since.or(current.since).map(|d| d.to_string()),
                cadence,
                notes,
                update.archived.unwrap_or(current.archived),
                to_millis(now)
            ],
        )?;
        if role != current.role || organisation != current.organisation {
            let of = SpellOf::Role { role, organisation };
            partner_history::change_current(&tx, id, of, now)?;
        }
        if let Some(relationship) = update.relationship {
            if relationship != current.relationship {
                let of = SpellOf::Relationship(relationship);
                partner_history::change_current(&tx, id, of, now)?;
            }
        }
        tx.commit()?;
        self.partner(id)
    }

    /// Adds a spell to a partner's relationship or role history (rules in `partner_history.rs`).
    pub fn add_spell(
        &mut self,
        id: PartnerId,
        spell: NewSpell,
        now: DateTime<Utc>,
    ) -> Result<Partner> {
        let tx = self.conn.transaction()?;
        partner_history::add_spell(&tx, id, spell, now)?;
        tx.commit()?;
        self.partner(id)
    }

    /// Replaces what spell `spell_id` records and its dates. The current relationship stays open
    /// (it ends when another is added after it), and a past one cannot become the current one.
    pub fn correct_spell(
        &mut self,
        id: PartnerId,
        spell_id: SpellId,
        spell: NewSpell,
        now: DateTime<Utc>,
    ) -> Result<Partner> {
        let tx = self.conn.transaction()?;
        partner_history::correct_spell(&tx, id, spell_id, spell, now)?;
        tx.commit()?;
        self.partner(id)
    }

    /// Removes spell `spell_id`. The current relationship stays: add the one that follows it,
    /// or correct it.
    pub fn remove_spell(
        &mut self,
        id: PartnerId,
        kind: SpellKind,
        spell_id: SpellId,
        now: DateTime<Utc>,
    ) -> Result<Partner> {
        let tx = self.conn.transaction()?;
        partner_history::remove_spell(&tx, id, kind, spell_id, now)?;
        tx.commit()?;
        self.partner(id)
    }

    /// One partner with their role and relationship histories.
    pub fn partner(&self, id: PartnerId) -> Result<Partner> {
        read_partner(&self.conn, id)
    }

    /// Partners by name; archived ones only when asked.
    pub fn list_partners(&self, include_archived: bool) -> Result<Vec<Partner>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PARTNER_COLUMNS} FROM partners p
             WHERE ?1 OR p.archived = 0 ORDER BY p.name COLLATE NOCASE"
        ))?;
        let partners = stmt
            .query_map([include_archived], partner_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(partners)
    }

    /// How many partners there are (archived ones only when asked).
    pub fn count_partners(&self, include_archived: bool) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM partners WHERE ?1 OR archived = 0",
            [include_archived],
            |row| row.get(0),
        )?;
        Ok(n as u64)
    }

    /// Finds a partner by what a person typed: the full name (any case), else the one partner
    /// whose name starts with it, else the one whose first name it is.
    pub fn find_partner(&self, name: &str) -> Result<PartnerId> {
        let name = name.trim();
        if name.is_empty() {
            return Err(InputError::new("partner", "the name is empty").into());
        }
        if let Some(id) = partner_named(&self.conn, name)? {
            return Ok(id);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM partners
             WHERE substr(lower(name), 1, length(?1)) = lower(?1)
             ORDER BY archived, id LIMIT 2",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([name], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [id] => Ok(PartnerId(*id)),
            [] => Err(Error::NotFound {
                what: "partner",
                by: "name",
            }),
            _ => Err(Error::Ambiguous { what: "partner" }),
        }
    }
}

/// Checks `new` and writes it as a partner inside the caller's transaction (`add_partner`, and
/// `promote_person`, which must make the partner and retire the person in one step).
pub(crate) fn insert_partner(
    tx: &rusqlite::Transaction<'_>,
    new: &NewPartner,
    now: DateTime<Utc>,
) -> Result<PartnerId> {
    let name = validate::short_text("name", &new.name)?;
    let role = validate::optional_short_text("role", new.role.as_deref())?;
    let organisation = validate::optional_short_text("organisation", new.organisation.as_deref())?;
    let cadence = validate::cadence_days(new.cadence_days)?;
    let notes = validate::notes(&new.notes)?;
    if name_taken(tx, &name, None)? {
        return Err(Error::Duplicate { what: "partner" });
    }
    tx.execute(
        "INSERT INTO partners (name, role, relationship, organisation, since, cadence_days, notes,
                                   created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            name,
            role,
            new.relationship.as_str(),
            organisation,
            new.since.map(|d| d.to_string()),
            cadence,
            notes,
            to_millis(now)
        ],
    )?;
    let id = PartnerId(tx.last_insert_rowid());
    let started = new.since.unwrap_or_else(|| local_day(now));
    if role.is_some() || organisation.is_some() {
        let of = SpellOf::Role { role, organisation };
        partner_history::insert_first(tx, id, of, started)?;
    }
    let of = SpellOf::Relationship(new.relationship);
    partner_history::insert_first(tx, id, of, started)?;
    Ok(id)
}

fn name_taken(conn: &rusqlite::Connection, name: &str, except: Option<PartnerId>) -> Result<bool> {
    Ok(matches!(partner_named(conn, name)?, Some(id) if Some(id) != except))
}

/// The partner with exactly this name, ignoring case (names are unique that way).
pub(crate) fn partner_named(conn: &rusqlite::Connection, name: &str) -> Result<Option<PartnerId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM partners WHERE name = ?1 COLLATE NOCASE",
            [name],
            |row| row.get(0).map(PartnerId),
        )
        .optional()?)
}

/// The partners of a meeting, by name.
pub(crate) fn meeting_partners(
    conn: &rusqlite::Connection,
    meeting: crate::ids::MeetingId,
) -> Result<Vec<PartnerRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name FROM meeting_partners mp JOIN partners p ON p.id = mp.partner_id
         WHERE mp.meeting_id = ?1 ORDER BY p.name COLLATE NOCASE",
    )?;
    let partners = stmt
        .query_map([meeting.0], |row| {
            Ok(PartnerRef {
                id: PartnerId(row.get(0)?),
                name: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(partners)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_parse_in_the_forms_people_type() {
        assert_eq!(
            "Cross-Functional".parse::<Relationship>().unwrap(),
            Relationship::CrossFunctional
        );
        assert_eq!(
            "cross functional".parse::<Relationship>().unwrap(),
            Relationship::CrossFunctional
        );
        assert_eq!("peer".parse::<Relationship>().unwrap(), Relationship::Peer);
        assert!("boss".parse::<Relationship>().is_err());
        for r in Relationship::ALL {
            assert_eq!(r.as_str().parse::<Relationship>().unwrap(), r);
            assert_eq!(r.to_string().parse::<Relationship>().unwrap(), r);
        }
    }
}
