//! A partner's history: how you relate to them (`Relationship`: a report, then a peer, then a
//! mentor) and the roles they held, each a spell from a start to an end. Spells are added,
//! corrected and removed here, inside the transactions of `partners.rs`, which reads them with
//! the partner and calls [`change_current`] when its form changes the relationship or the role.
//!
//! The rules, the same for both histories:
//! - No date is ahead of today, and no spell ends before it starts. A start may be unknown.
//! - Spells do not overlap, though one may end on the day the next starts. An unknown start
//!   reaches back to the beginning, an open end (`ended` unset) up to today.
//! - At most one spell is open, the latest: the current relationship or role, which the partner's
//!   own columns repeat (`partners.relationship`, `.role`, `.organisation`). A relationship
//!   history always has one (migration 12 gave every partner theirs); a role history may have
//!   none, when no role is known now.
//! - A spell added without an end is the current one from its start: if the current one has the
//!   same relationship or role, its start is corrected; if it started earlier, it ends that day;
//!   if it started that very day, it is replaced. One that started later is not moved: a past
//!   spell needs its end.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::ids::PartnerId;
use crate::time::{local_day, to_millis};
use crate::validate;

/// How you relate to a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Peer,
    Manager,
    Mentor,
    Mentee,
    Report,
    CrossFunctional,
}

crate::words::word_enum!(Relationship, field: "relationship", hint: "use peer, manager, mentor, mentee, report or cross-functional", {
    Peer => "peer",
    Manager => "manager",
    Mentor => "mentor",
    Mentee => "mentee",
    Report => "report",
    CrossFunctional => "cross_functional",
});

impl Relationship {
    /// As a printed page names it: "Peer", "Cross-functional".
    pub fn label(self) -> &'static str {
        match self {
            Relationship::Peer => "Peer",
            Relationship::Manager => "Manager",
            Relationship::Mentor => "Mentor",
            Relationship::Mentee => "Mentee",
            Relationship::Report => "Report",
            Relationship::CrossFunctional => "Cross-functional",
        }
    }
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relationship::CrossFunctional => "cross-functional",
            other => other.as_str(),
        })
    }
}

/// A spell's id, within its history (relationships and roles count apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpellId(pub i64);

/// How you related to a partner from `started` to `ended` (open: the current relationship).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipSpell {
    pub id: SpellId,
    pub relationship: Relationship,
    pub started: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
}

/// One of a partner's roles, from `started` to `ended` (open: their current role).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSpell {
    pub id: SpellId,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub started: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
}

/// Which history a spell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpellKind {
    Relationship,
    Role,
}

/// What a spell records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpellOf {
    Relationship(Relationship),
    /// A role, an organisation or both.
    Role {
        role: Option<String>,
        organisation: Option<String>,
    },
}

impl SpellOf {
    pub fn kind(&self) -> SpellKind {
        match self {
            SpellOf::Relationship(_) => SpellKind::Relationship,
            SpellOf::Role { .. } => SpellKind::Role,
        }
    }
}

/// A spell to add, or what a spell is corrected to (every field is replaced).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSpell {
    pub of: SpellOf,
    pub started: Option<NaiveDate>,
    /// Unset: the current one, from `started` (today if that is unset too) on.
    pub ended: Option<NaiveDate>,
}

/// A spell as held here while a change is worked out: `id` is unset for one not written yet.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Held {
    id: Option<SpellId>,
    of: SpellOf,
    started: Option<NaiveDate>,
    ended: Option<NaiveDate>,
}

impl Held {
    fn overlaps(&self, other: &Held) -> bool {
        spans_overlap((self.started, self.ended), (other.started, other.ended))
    }
}

/// Whether two spans of days overlap, each `(start, end)` with an unknown start reaching back to
/// the beginning and an open end on and on. Strictly: one may end on the day the next starts.
/// Pauses of a cadence (`pauses.rs`) follow the same rule.
pub(crate) fn spans_overlap(
    a: (Option<NaiveDate>, Option<NaiveDate>),
    b: (Option<NaiveDate>, Option<NaiveDate>),
) -> bool {
    let starts_before_end = |start: Option<NaiveDate>, end: Option<NaiveDate>| match (start, end) {
        (Some(start), Some(end)) => start < end,
        _ => true,
    };
    starts_before_end(a.0, b.1) && starts_before_end(b.0, a.1)
}

/// A change to a partner's history or pauses is a change to the partner: their version counts
/// up, so a form opened on the older version is refused rather than overwriting it.
pub(crate) fn partner_changed(
    conn: &Connection,
    partner: PartnerId,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE partners SET updated_at = ?2, version = version + 1 WHERE id = ?1",
        params![partner.0, to_millis(now)],
    )?;
    Ok(())
}

/// Adds a spell to one of the partner's histories, inside the caller's transaction.
pub(crate) fn add_spell(
    conn: &Connection,
    partner: PartnerId,
    spell: NewSpell,
    now: DateTime<Utc>,
) -> Result<()> {
    let spell = checked(spell, local_day(now))?;
    change_history(conn, partner, spell.of.kind(), now, |spells| {
        add(spells, spell, local_day(now))
    })
}

/// Replaces spell `id` (see `Vault::correct_spell`), inside the caller's transaction.
pub(crate) fn correct_spell(
    conn: &Connection,
    partner: PartnerId,
    id: SpellId,
    spell: NewSpell,
    now: DateTime<Utc>,
) -> Result<()> {
    let spell = checked(spell, local_day(now))?;
    let kind = spell.of.kind();
    change_history(conn, partner, kind, now, |spells| {
        let at = position(spells, id, kind)?;
        // A relationship history keeps exactly one open spell; a role history may end its
        // current role, or open its last one again, as long as nothing overlaps.
        let was_open = spells[at].ended.is_none();
        if kind == SpellKind::Relationship && was_open && spell.ended.is_some() {
            return Err(InputError::new(
                "ended",
                "the current relationship has no end: add the one that follows it instead",
            )
            .into());
        }
        if kind == SpellKind::Relationship && !was_open && spell.ended.is_none() {
            return Err(InputError::new(
                "ended",
                "a past relationship needs its end; add a new one for how you relate now",
            )
            .into());
        }
        spells[at] = Held {
            id: Some(id),
            ..spell
        };
        no_overlap(spells, at)
    })
}

/// Removes spell `id` (see `Vault::remove_spell`), inside the caller's transaction.
pub(crate) fn remove_spell(
    conn: &Connection,
    partner: PartnerId,
    kind: SpellKind,
    id: SpellId,
    now: DateTime<Utc>,
) -> Result<()> {
    change_history(conn, partner, kind, now, |spells| {
        let at = position(spells, id, kind)?;
        if kind == SpellKind::Relationship && spells[at].ended.is_none() {
            return Err(InputError::new(
                "spell",
                "the current relationship cannot be removed: correct it, or add the one that follows it",
            )
            .into());
        }
        spells.remove(at);
        Ok(())
    })
}

/// Reads one history, lets `change` work on it, writes what changed, brings the partner's
/// current relationship or role in line, and counts the partner's version up.
fn change_history(
    conn: &Connection,
    partner: PartnerId,
    kind: SpellKind,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut Vec<Held>) -> Result<()>,
) -> Result<()> {
    ensure_partner(conn, partner)?;
    let before = read(conn, partner, kind)?;
    let mut spells = before.clone();
    change(&mut spells)?;
    write(conn, partner, kind, &before, &spells)?;
    partner_changed(conn, partner, now)
}

/// The partner's form changed the current relationship or role to `of` (for a role, both parts
/// unset: no role now): the current spell ends today and `of` holds from today, or, if the
/// current one started today, it is replaced. Called inside the form's transaction, which also
/// writes the partner's own columns.
pub(crate) fn change_current(
    conn: &Connection,
    partner: PartnerId,
    of: SpellOf,
    now: DateTime<Utc>,
) -> Result<()> {
    let kind = of.kind();
    let before = read(conn, partner, kind)?;
    let mut spells = before.clone();
    let today = local_day(now);
    let none = matches!(
        &of,
        SpellOf::Role {
            role: None,
            organisation: None
        }
    );
    if none {
        if let Some(current) = spells.iter_mut().find(|spell| spell.ended.is_none()) {
            current.ended = Some(today.max(current.started.unwrap_or(today)));
        }
    } else {
        let spell = Held {
            id: None,
            of,
            started: Some(today),
            ended: None,
        };
        // A current spell dated ahead (from before the rules) is ended anyway rather than
        // refusing the form.
        if add(&mut spells, spell.clone(), today).is_err() {
            for current in spells.iter_mut().filter(|s| s.ended.is_none()) {
                current.ended = Some(today);
            }
            spells.push(spell);
        }
    }
    write_spells(conn, partner, kind, &before, &spells)
}

/// The first spell of a new partner: how they relate, from `since` or today.
pub(crate) fn insert_first(
    conn: &Connection,
    partner: PartnerId,
    of: SpellOf,
    started: NaiveDate,
) -> Result<()> {
    insert(
        conn,
        partner,
        &Held {
            id: None,
            of,
            started: Some(started),
            ended: None,
        },
    )?;
    Ok(())
}

/// The relationship history, oldest first.
pub(crate) fn relationships(
    conn: &Connection,
    partner: PartnerId,
) -> Result<Vec<RelationshipSpell>> {
    Ok(read(conn, partner, SpellKind::Relationship)?
        .into_iter()
        .filter_map(|spell| match spell.of {
            SpellOf::Relationship(relationship) => Some(RelationshipSpell {
                id: spell.id?,
                relationship,
                started: spell.started,
                ended: spell.ended,
            }),
            SpellOf::Role { .. } => None,
        })
        .collect())
}

/// The role history, oldest first.
pub(crate) fn roles(conn: &Connection, partner: PartnerId) -> Result<Vec<RoleSpell>> {
    Ok(read(conn, partner, SpellKind::Role)?
        .into_iter()
        .filter_map(|spell| match spell.of {
            SpellOf::Role { role, organisation } => Some(RoleSpell {
                id: spell.id?,
                role,
                organisation,
                started: spell.started,
                ended: spell.ended,
            }),
            SpellOf::Relationship(_) => None,
        })
        .collect())
}

/// Checks a spell on its own: its text, and dates in order and not ahead of today.
fn checked(spell: NewSpell, today: NaiveDate) -> Result<Held> {
    let of = match spell.of {
        SpellOf::Relationship(relationship) => SpellOf::Relationship(relationship),
        SpellOf::Role { role, organisation } => {
            let role = validate::optional_short_text("role", role.as_deref())?;
            let organisation =
                validate::optional_short_text("organisation", organisation.as_deref())?;
            if role.is_none() && organisation.is_none() {
                return Err(InputError::new("role", "give a role, an organisation or both").into());
            }
            SpellOf::Role { role, organisation }
        }
    };
    for (field, date) in [("started", spell.started), ("ended", spell.ended)] {
        if date.is_some_and(|date| date > today) {
            return Err(InputError::new(
                field,
                "is after today: a spell is recorded once it has begun",
            )
            .into());
        }
    }
    if let (Some(started), Some(ended)) = (spell.started, spell.ended) {
        if ended < started {
            return Err(InputError::new("dates", "the spell ends before it starts").into());
        }
    }
    Ok(Held {
        id: None,
        of,
        started: spell.started,
        ended: spell.ended,
    })
}

/// Adds `spell` to `spells` by the module's rules.
fn add(spells: &mut Vec<Held>, mut spell: Held, today: NaiveDate) -> Result<()> {
    if spell.ended.is_some() {
        spells.push(spell);
        return no_overlap(spells, spells.len() - 1);
    }
    let from = *spell.started.get_or_insert(today);
    let Some(at) = spells.iter().position(|held| held.ended.is_none()) else {
        spells.push(spell);
        return no_overlap(spells, spells.len() - 1);
    };
    let current = &mut spells[at];
    if current.of == spell.of {
        current.started = Some(from);
        return no_overlap(spells, at);
    }
    match current.started {
        Some(started) if started == from => {
            current.of = spell.of;
            Ok(())
        }
        Some(started) if started > from => Err(InputError::new(
            "started",
            format!(
                "the current one started on {started}, after that: give a past spell its end, or correct the current one's start first"
            ),
        )
        .into()),
        _ => {
            current.ended = Some(from);
            spells.push(spell);
            no_overlap(spells, spells.len() - 1)
        }
    }
}

/// Refuses a history in which spell `at` overlaps another.
fn no_overlap(spells: &[Held], at: usize) -> Result<()> {
    let spell = &spells[at];
    match spells
        .iter()
        .enumerate()
        .find(|(index, other)| *index != at && other.overlaps(spell))
    {
        None => Ok(()),
        Some((_, other)) => Err(InputError::new(
            "dates",
            format!(
                "overlaps the spell {}: correct or remove that one first",
                span(other.started, other.ended)
            ),
        )
        .into()),
    }
}

/// "from 2016-07-01 to 2019-12-31", "until 2016-07-01", "from 2020-01-01 on".
fn span(started: Option<NaiveDate>, ended: Option<NaiveDate>) -> String {
    match (started, ended) {
        (Some(started), Some(ended)) => format!("from {started} to {ended}"),
        (None, Some(ended)) => format!("until {ended}"),
        (Some(started), None) => format!("from {started} on"),
        (None, None) => "with no dates".to_owned(),
    }
}

fn position(spells: &[Held], id: SpellId, kind: SpellKind) -> Result<usize> {
    spells
        .iter()
        .position(|spell| spell.id == Some(id))
        .ok_or(Error::NotFound {
            what: match kind {
                SpellKind::Relationship => "relationship spell",
                SpellKind::Role => "role spell",
            },
            by: "id",
        })
}

/// Refuses a partner that is not in the vault (as not found).
pub(crate) fn ensure_partner(conn: &Connection, partner: PartnerId) -> Result<()> {
    conn.query_row("SELECT 1 FROM partners WHERE id = ?1", [partner.0], |_| {
        Ok(())
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "partner",
        by: "id",
    })
}

/// One history, oldest first: by start (unknown first), then by when it was written.
fn read(conn: &Connection, partner: PartnerId, kind: SpellKind) -> Result<Vec<Held>> {
    let date = |text: Option<String>| text.and_then(|text| text.parse().ok());
    let spells = match kind {
        SpellKind::Relationship => {
            let mut stmt = conn.prepare_cached(
                "SELECT id, relationship, started, ended FROM partner_relationships
                 WHERE partner_id = ?1 ORDER BY coalesce(started, '0000'), id",
            )?;
            let rows = stmt.query_map([partner.0], |row| {
                let relationship: String = row.get(1)?;
                Ok(Held {
                    id: Some(SpellId(row.get(0)?)),
                    of: SpellOf::Relationship(relationship.parse().unwrap_or(Relationship::Peer)),
                    started: date(row.get(2)?),
                    ended: date(row.get(3)?),
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        }
        SpellKind::Role => {
            let mut stmt = conn.prepare_cached(
                "SELECT id, role, organisation, started, ended FROM partner_roles
                 WHERE partner_id = ?1 ORDER BY coalesce(started, '0000'), id",
            )?;
            let rows = stmt.query_map([partner.0], |row| {
                Ok(Held {
                    id: Some(SpellId(row.get(0)?)),
                    of: SpellOf::Role {
                        role: row.get(1)?,
                        organisation: row.get(2)?,
                    },
                    started: date(row.get(3)?),
                    ended: date(row.get(4)?),
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        }
    };
    Ok(spells)
}

/// Writes the difference between `before` and `after`, then the partner's current relationship
/// or role from the open spell.
fn write(
    conn: &Connection,
    partner: PartnerId,
    kind: SpellKind,
    before: &[Held],
    after: &[Held],
) -> Result<()> {
    write_spells(conn, partner, kind, before, after)?;
    let current = after.iter().find(|spell| spell.ended.is_none());
    match (kind, current.map(|spell| &spell.of)) {
        (SpellKind::Relationship, Some(SpellOf::Relationship(relationship))) => {
            conn.execute(
                "UPDATE partners SET relationship = ?2 WHERE id = ?1",
                params![partner.0, relationship.as_str()],
            )?;
        }
        (SpellKind::Role, Some(SpellOf::Role { role, organisation })) => {
            conn.execute(
                "UPDATE partners SET role = ?2, organisation = ?3 WHERE id = ?1",
                params![partner.0, role, organisation],
            )?;
        }
        (SpellKind::Role, None) => {
            conn.execute(
                "UPDATE partners SET role = NULL, organisation = NULL WHERE id = ?1",
                [partner.0],
            )?;
        }
        // A relationship history always keeps its open spell (the callers refuse otherwise).
        _ => {}
    }
    Ok(())
}

fn write_spells(
    conn: &Connection,
    partner: PartnerId,
    kind: SpellKind,
    before: &[Held],
    after: &[Held],
) -> Result<()> {
    let table = table(kind);
    for gone in before
        .iter()
        .filter_map(|old| old.id)
        .filter(|id| !after.iter().any(|spell| spell.id == Some(*id)))
    {
        conn.execute(
            &format!("DELETE FROM {table} WHERE id = ?1 AND partner_id = ?2"),
            params![gone.0, partner.0],
        )?;
    }
    for spell in after.iter().filter(|spell| !before.contains(spell)) {
        let started = spell.started.map(|d| d.to_string());
        let ended = spell.ended.map(|d| d.to_string());
        match (spell.id, &spell.of) {
            (None, _) => {
                insert(conn, partner, spell)?;
            }
            (Some(id), SpellOf::Relationship(relationship)) => {
                conn.execute(
                    "UPDATE partner_relationships SET relationship = ?3, started = ?4, ended = ?5
                     WHERE id = ?1 AND partner_id = ?2",
                    params![id.0, partner.0, relationship.as_str(), started, ended],
                )?;
            }
            (Some(id), SpellOf::Role { role, organisation }) => {
                conn.execute(
                    "UPDATE partner_roles SET role = ?3, organisation = ?4, started = ?5, ended = ?6
                     WHERE id = ?1 AND partner_id = ?2",
                    params![id.0, partner.0, role, organisation, started, ended],
                )?;
            }
        }
    }
    Ok(())
}

fn table(kind: SpellKind) -> &'static str {
    match kind {
        SpellKind::Relationship => "partner_relationships",
        SpellKind::Role => "partner_roles",
    }
}

fn insert(conn: &Connection, partner: PartnerId, spell: &Held) -> Result<SpellId> {
    let started = spell.started.map(|d| d.to_string());
    let ended = spell.ended.map(|d| d.to_string());
    match &spell.of {
        SpellOf::Relationship(relationship) => conn.execute(
            "INSERT INTO partner_relationships (partner_id, relationship, started, ended)
             VALUES (?1, ?2, ?3, ?4)",
            params![partner.0, relationship.as_str(), started, ended],
        )?,
        SpellOf::Role { role, organisation } => conn.execute(
            "INSERT INTO partner_roles (partner_id, role, organisation, started, ended)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![partner.0, role, organisation, started, ended],
        )?,
    };
    Ok(SpellId(conn.last_insert_rowid()))
}
