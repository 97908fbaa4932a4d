//! Meeting templates: the built-in ones (peer one-on-one, manager one-on-one, mentor check-in),
//! the user's own, and which one a relationship starts from.

use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, Result};
use crate::partners::Relationship;
use crate::time::to_millis;
use crate::validate;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TemplateId(pub i64);

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One section of an agenda, with the question that guides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSection {
    pub title: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    /// Built-in templates cannot be edited; duplicate them instead.
    pub builtin: bool,
    /// Which built-in template it is ("peer", "manager", "mentor"); `None` for the user's own.
    pub key: Option<String>,
    /// The relationships whose new meetings start from it.
    pub default_for: Vec<Relationship>,
    pub sections: Vec<TemplateSection>,
}

impl Template {
    /// It follows the peer one-on-one: the built-in one, or the one a peer or cross-functional
    /// relationship starts from. Meetings from it ask why a peer one-on-one is needed.
    pub fn is_peer(&self) -> bool {
        self.key.as_deref() == Some("peer")
            || self
                .default_for
                .iter()
                .any(|r| matches!(r, Relationship::Peer | Relationship::CrossFunctional))
    }
}

/// Most sections a template may have.
const MAX_SECTIONS: usize = 20;

/// Longest guiding question, in characters.
const MAX_PROMPT_CHARS: usize = 500;

fn check_sections(sections: &[TemplateSection]) -> Result<Vec<TemplateSection>, InputError> {
    if sections.is_empty() || sections.len() > MAX_SECTIONS {
        return Err(InputError::new(
            "sections",
            format!("give 1 to {MAX_SECTIONS} sections"),
        ));
    }
    sections
        .iter()
        .map(|section| {
            let prompt = section.prompt.trim();
            if prompt.chars().count() > MAX_PROMPT_CHARS || prompt.chars().any(char::is_control) {
                return Err(InputError::new(
                    "section prompt",
                    format!("keep it to one line of at most {MAX_PROMPT_CHARS} characters"),
                ));
            }
            Ok(TemplateSection {
                title: validate::short_text("section title", &section.title)?,
                prompt: prompt.to_owned(),
            })
        })
        .collect()
}

impl Vault {
    /// Every template, built-in ones first.
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM templates ORDER BY builtin IS NULL, name COLLATE NOCASE",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| self.template(TemplateId(id)))
            .collect()
    }

    pub fn template(&self, id: TemplateId) -> Result<Template> {
        let (name, builtin): (String, Option<String>) = self
            .conn
            .query_row(
                "SELECT name, builtin FROM templates WHERE id = ?1",
                [id.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .ok_or(Error::NotFound {
                what: "template",
                by: "id",
            })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT title, prompt FROM template_sections WHERE template_id = ?1 ORDER BY position",
        )?;
        let sections = stmt
            .query_map([id.0], |row| {
                Ok(TemplateSection {
                    title: row.get(0)?,
                    prompt: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let default_for = self
            .conn
            .prepare_cached(
                "SELECT relationship FROM relationship_templates WHERE template_id = ?1 ORDER BY relationship",
            )?
            .query_map([id.0], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|r| r.parse().ok())
            .collect();
        Ok(Template {
            id,
            name,
            builtin: builtin.is_some(),
            key: builtin,
            default_for,
            sections,
        })
    }

    /// A template by name (any case).
    pub fn find_template(&self, name: &str) -> Result<TemplateId> {
        self.conn
            .query_row(
                "SELECT id FROM templates WHERE name = ?1 COLLATE NOCASE",
                [name.trim()],
                |row| row.get(0),
            )
            .optional()?
            .map(TemplateId)
            .ok_or(Error::NotFound {
                what: "template",
                by: "name",
            })
    }

    pub fn add_template(
        &mut self,
        name: &str,
        sections: &[TemplateSection],
        now: DateTime<Utc>,
    ) -> Result<Template> {
        let name = validate::short_text("template name", name)?;
        let sections = check_sections(sections)?;
        let tx = self.conn.transaction()?;
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM templates WHERE name = ?1 COLLATE NOCASE",
                [&name],
                |row| row.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::Duplicate { what: "template" });
        }
        tx.execute(
            "INSERT INTO templates (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
            params![name, to_millis(now)],
        )?;
        let id = TemplateId(tx.last_insert_rowid());
        write_sections(&tx, id, &sections)?;
        tx.commit()?;
        self.template(id)
    }

    /// Replaces a user template's name and sections. Built-in templates are refused.
    pub fn update_template(
        &mut self,
        id: TemplateId,
        name: &str,
        sections: &[TemplateSection],
        now: DateTime<Utc>,
    ) -> Result<Template> {
        if self.template(id)?.builtin {
            return Err(InputError::new(
                "template",
                "built-in templates cannot be changed; duplicate it first",
            )
            .into());
        }
        let name = validate::short_text("template name", name)?;
        let sections = check_sections(sections)?;
        let tx = self.conn.transaction()?;
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM templates WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
                params![name, id.0],
                |row| row.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::Duplicate { what: "template" });
        }
        tx.execute(
            "UPDATE templates SET name = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, name, to_millis(now)],
        )?;
        tx.execute(
            "DELETE FROM template_sections WHERE template_id = ?1",
            [id.0],
        )?;
        write_sections(&tx, id, &sections)?;
        tx.commit()?;
        self.template(id)
    }

    /// Copies a template under a new name, as a user template.
    pub fn duplicate_template(
        &mut self,
        id: TemplateId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Template> {
        let source = self.template(id)?;
        self.add_template(name, &source.sections, now)
    }

    /// The template a new meeting with a partner of this relationship starts from.
    pub fn default_template(&self, relationship: Relationship) -> Result<Option<TemplateId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT template_id FROM relationship_templates WHERE relationship = ?1",
                [relationship.as_str()],
                |row| row.get(0),
            )
            .optional()?
            .map(TemplateId))
    }

    pub fn set_default_template(
        &mut self,
        relationship: Relationship,
        id: TemplateId,
    ) -> Result<()> {
        self.template(id)?;
        self.conn.execute(
            "INSERT INTO relationship_templates (relationship, template_id) VALUES (?1, ?2)
             ON CONFLICT (relationship) DO UPDATE SET template_id = excluded.template_id",
            params![relationship.as_str(), id.0],
        )?;
        Ok(())
    }
}

fn write_sections(
    conn: &rusqlite::Connection,
    id: TemplateId,
    sections: &[TemplateSection],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO template_sections (template_id, position, title, prompt) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, section) in sections.iter().enumerate() {
        stmt.execute(params![
            id.0,
            position as i64 + 1,
            section.title,
            section.prompt
        ])?;
    }
    Ok(())
}
