//! The rules a row of a Rapport export follows before `Vault::import_all` writes it: the type
//! each column is declared with, and the core's input rules for the columns that have one
//! (lengths, words, dates, instants, tags). A row that breaks one is refused by its position
//! ("row 3 of entries: created_at ..."), never by its value, and the import writes nothing.
//!
//! SQLite alone would take `"created_at": "x"` into an INTEGER column, and every later read of
//! that entry would fail: the journal would break after the import, not at it.

use chrono::{DateTime, NaiveDate};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde_json::{Map, Value as Json};

use crate::error::{Error, InputError, Result};
use crate::meetings::PeerSignals;
use crate::partners::Relationship;
use crate::pauses::PauseReason;
use crate::support::{SupportAct, SupportDirection};
use crate::templates::TemplateSection;
use crate::validate::{self, MAX_BODY_BYTES, MAX_SHORT_TEXT_CHARS};

/// A column of a journal table, as the vault declares it.
pub(crate) struct Column {
    pub name: String,
    integer: bool,
    not_null: bool,
}

/// The columns of `table`, in order.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name, upper(type), \"notnull\" OR pk FROM pragma_table_info('{table}') ORDER BY cid"
    ))?;
    let columns = stmt
        .query_map([], |row| {
            Ok(Column {
                name: row.get(0)?,
                integer: row.get::<_, String>(1)? == "INTEGER",
                not_null: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(columns)
}

/// Instants: UTC milliseconds, within years 1 to 9999.
const INSTANTS: &[&str] = &[
    "created_at",
    "updated_at",
    "deleted_at",
    "done_at",
    "closed_at",
    "at",
    "carried_from",
    "meeting_at",
    "entry_created_at",
    "worksheet_at",
];

/// Calendar dates, `YYYY-MM-DD`.
const DATES: &[&str] = &[
    "since",
    "started",
    "ended",
    "due",
    "revisit_on",
    "decide_again_on",
    "presented_on",
];

/// Checks row `index` (0-based) of `table` against its `columns` and the core's rules.
pub(crate) fn check_row(
    table: &str,
    index: usize,
    row: &Map<String, Json>,
    columns: &[Column],
) -> Result<(), InputError> {
    let refuse = |column: &str, reason: &str| {
        InputError::new(
            "export file",
            format!("row {} of {table}: {column} {reason}", index + 1),
        )
    };
    for column in columns {
        let Some(value) = row.get(&column.name) else {
            continue;
        };
        let name = column.name.as_str();
        if value.is_null() {
            if column.not_null {
                return Err(refuse(name, "is missing"));
            }
            continue;
        }
        if column.integer {
            let Some(number) = value.as_i64().or_else(|| value.as_bool().map(i64::from)) else {
                return Err(refuse(name, "is not a whole number"));
            };
            if name == "id" && number < 1 {
                return Err(refuse(name, "is not a positive number"));
            }
            if INSTANTS.contains(&name) && !is_instant(number) {
                return Err(refuse(name, "is not a time between the years 1 and 9999"));
            }
            continue;
        }
        let Some(text) = value.as_str() else {
            return Err(refuse(name, "is not text"));
        };
        check_text(table, name, text).map_err(|reason| refuse(name, reason))?;
    }
    Ok(())
}

fn check_text(table: &str, column: &str, text: &str) -> Result<(), &'static str> {
    if DATES.contains(&column) {
        let date =
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "is not a YYYY-MM-DD date")?;
        return if (1..=9999).contains(&chrono::Datelike::year(&date)) {
            Ok(())
        } else {
            Err("is not a date between the years 1 and 9999")
        };
    }
    match (table, column) {
        ("entries", "body") => {
            validate::body(text).map_err(|_| "is empty or longer than the core allows")?;
        }
        ("partners", "name")
        | ("templates", "name")
        | ("problems", "title")
        | ("people", "name")
        | ("problem_presentations", "to_whom") => {
            let trimmed = text.trim();
            if trimmed.is_empty() || trimmed.chars().count() > MAX_SHORT_TEXT_CHARS {
                return Err("is empty or longer than the core allows");
            }
        }
        ("partners", "relationship") | ("partner_relationships", "relationship")
            if text.parse::<Relationship>().is_err() =>
        {
            return Err("is not one of the relationships the core knows");
        }
        ("partner_pauses", "reason") if text.parse::<PauseReason>().is_err() => {
            return Err("is not one of the reasons for a pause the core knows");
        }
        ("entry_support", "direction") if text.parse::<SupportDirection>().is_err() => {
            return Err("is neither given nor received");
        }
        ("entry_support", "act") if text.parse::<SupportAct>().is_err() => {
            return Err("is not one of the kinds of support the core knows");
        }
        ("entry_tags", "tag") if validate::tag(text).ok().as_deref() != Some(text) => {
            return Err("is not a tag as the core writes them");
        }
        ("meetings", "sections") => {
            serde_json::from_str::<Vec<TemplateSection>>(text)
                .map_err(|_| "is not a list of agenda sections")?;
        }
        ("problems", "matters_to") => {
            let whom =
                serde_json::from_str::<Vec<String>>(text).map_err(|_| "is not a list of names")?;
            if validate::matters_to(&whom).ok().as_ref() != Some(&whom) {
                return Err("is not a list of names as the core writes them");
            }
        }
        ("meetings", "signals") => {
            serde_json::from_str::<PeerSignals>(text)
                .map_err(|_| "is not the signals checklist")?;
        }
        _ => {}
    }
    if text.len() > MAX_BODY_BYTES {
        return Err("is longer than the core allows");
    }
    Ok(())
}

fn is_instant(millis: i64) -> bool {
    DateTime::from_timestamp_millis(millis)
        .is_some_and(|at| (1..=9999).contains(&chrono::Datelike::year(&at)))
}

/// After every row is in (inside the import's transaction): the copies of a time that links
/// keep for their indexes match the time they copy, and every reference leads somewhere.
pub(crate) fn check_links(conn: &Connection) -> Result<(), InputError> {
    let refuse = |reason: &str| InputError::new("export file", reason.to_owned());
    let mismatched = |sql: &str| -> bool {
        conn.query_row(sql, [], |row| row.get::<_, i64>(0))
            .map_or(true, |n| n > 0)
    };
    if mismatched(
        "SELECT count(*) FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
         WHERE ep.entry_created_at <> e.created_at",
    ) {
        return Err(refuse(
            "entry_partners: a link's time differs from its entry's",
        ));
    }
    if mismatched(
        "SELECT count(*) FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
         WHERE mp.meeting_at <> m.at",
    ) {
        return Err(refuse(
            "meeting_partners: a link's time differs from its meeting's",
        ));
    }
    if mismatched(
        "SELECT count(*) FROM meetings WHERE pulse IS NOT NULL AND pulse NOT BETWEEN 1 AND 5",
    ) {
        return Err(refuse("meetings: a pulse is not 1 to 5"));
    }
    // Run after `upgrade_imported`, which gives partners from older exports their first spell.
    if mismatched(
        "SELECT count(*) FROM partners p
         WHERE (SELECT count(*) FROM partner_relationships r
                WHERE r.partner_id = p.id AND r.ended IS NULL) <> 1
            OR NOT EXISTS (SELECT 1 FROM partner_relationships r
                WHERE r.partner_id = p.id AND r.ended IS NULL AND r.relationship = p.relationship)",
    ) {
        return Err(refuse(
            "partner_relationships: a partner's current relationship is not their one open spell",
        ));
    }
    if mismatched(
        "SELECT count(*) FROM entry_support s
         WHERE NOT EXISTS (SELECT 1 FROM entry_partners ep WHERE ep.entry_id = s.entry_id)",
    ) {
        return Err(refuse(
            "entry_support: an entry records support but links no partner",
        ));
    }
    if mismatched("SELECT count(*) FROM pragma_foreign_key_check") {
        return Err(refuse("a row refers to a row that is not there"));
    }
    Ok(())
}

/// After every row is in: rows of an export made before migration 8 take the shape it gave them
/// (allies move from `problem_peers` to `problem_allies`), as the migration moved them in vaults.
pub(crate) fn upgrade_imported(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT INTO problem_allies (problem_id, partner_id, stance, created_at)
             SELECT pp.problem_id, pp.partner_id, pp.stance, p.created_at
             FROM problem_peers pp JOIN problems p ON p.id = pp.problem_id
             WHERE pp.role = 'ally';
         DELETE FROM problem_peers WHERE role = 'ally';
         INSERT INTO partner_relationships (partner_id, relationship, started)
             SELECT p.id, p.relationship,
                    coalesce(p.since, date(p.created_at / 1000, 'unixepoch', 'localtime'))
             FROM partners p
             WHERE NOT EXISTS (SELECT 1 FROM partner_relationships r WHERE r.partner_id = p.id);",
    )?;
    // Answers to the partnership prompts written before their tag (migration 16, which only
    // adds tags that are missing, so an export that has them is left as it is).
    conn.execute_batch(include_str!("../migrations/0016_reflection_tags.sql"))?;
    Ok(())
}

/// Checks row `index` of `table` and writes it. A column the row does not have takes its default:
/// an export made before a migration added a column (`version`, migration 6) imports as it was.
pub(crate) fn write_row(
    conn: &Connection,
    table: &str,
    index: usize,
    row: &Map<String, Json>,
    declared: &[Column],
) -> Result<()> {
    let refuse = |reason: &str| Error::from(InputError::new("export file", reason.to_owned()));
    if row.keys().any(|k| !declared.iter().any(|c| &c.name == k)) {
        return Err(refuse("a row has a column this vault does not know"));
    }
    check_row(table, index, row, declared)?;
    let present: Vec<&str> = declared
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| row.contains_key(*n))
        .collect();
    if present.is_empty() {
        return Err(refuse("a row is empty"));
    }
    // The built-in templates are already in every vault; their rows are replaced so that an
    // export of the import equals the original.
    let verb = if matches!(
        table,
        "templates" | "template_sections" | "relationship_templates"
    ) {
        "INSERT OR REPLACE"
    } else {
        "INSERT"
    };
    let sql = format!(
        "{verb} INTO {table} ({}) VALUES ({})",
        present.join(", "),
        vec!["?"; present.len()].join(", ")
    );
    let values = present
        .iter()
        .map(|name| from_json(&row[*name]))
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.execute(rusqlite::params_from_iter(values))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => refuse(
                "a row breaks the vault's rules (a duplicate, a missing reference or a bad value)",
            ),
            _ => e.into(),
        })?;
    Ok(())
}

fn from_json(value: &Json) -> Result<Value> {
    Ok(match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        Json::String(s) => Value::Text(s.clone()),
        _ => {
            return Err(
                InputError::new("export file", "a value is not a number, text or null").into(),
            )
        }
    })
}
