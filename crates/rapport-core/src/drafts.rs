//! The editor's draft (`drafts`, migration 7): what is being typed and not saved yet, kept in the
//! encrypted vault a few seconds after the last keystroke and before any lock, so that a lock, a
//! restart or a crash loses nothing. One at a time, as the editor holds one entry. Not journal
//! data: not exported, not in a summary; `secure_delete` erases it when it goes.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::entries::{EntryId, EntryKind};
use crate::error::{InputError, Result};
use crate::partners::PartnerId;
use crate::support::Support;
use crate::time::{from_millis, to_millis};
use crate::validate::{MAX_BODY_BYTES, MAX_LINKS};
use crate::vault::Vault;

/// The most text kept for the tags field as typed (tags are checked when the entry is saved).
pub const MAX_DRAFT_TAGS_BYTES: usize = 4 * 1024;

/// An entry as typed in the editor, unfinished: nothing in it has been checked as an entry yet
/// (an empty body, a tag still being typed), only bounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    /// The entry being edited, or `None` for a new one.
    pub entry: Option<EntryId>,
    /// The version the edit started from (`Entry::version`), so that saving the draft later is
    /// refused if the entry changed meanwhile.
    pub base_version: Option<u32>,
    pub body: String,
    pub kind: EntryKind,
    /// The tags field as typed.
    pub tags_text: String,
    pub partners: Vec<PartnerId>,
    pub shareable: bool,
    /// The date given in the editor for when it happened; `None`: not changed (now for a new
    /// entry). Drafts kept before there was a date field have none.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Support given or received, as chosen. Drafts kept before there was support have none.
    #[serde(default)]
    pub support: Option<Support>,
}

/// A draft as kept, with when it was last kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedDraft {
    #[serde(flatten)]
    pub draft: EntryDraft,
    pub saved_at: DateTime<Utc>,
}

impl EntryDraft {
    fn check(&self) -> Result<(), InputError> {
        if self.body.len() > MAX_BODY_BYTES {
            return Err(InputError::new(
                "draft",
                format!("its text is longer than {} KiB", MAX_BODY_BYTES / 1024),
            ));
        }
        if self.tags_text.len() > MAX_DRAFT_TAGS_BYTES {
            return Err(InputError::new("draft", "its tags are too long"));
        }
        if self.partners.len() > MAX_LINKS {
            return Err(InputError::new(
                "draft",
                format!("it links more than {MAX_LINKS} partners"),
            ));
        }
        if self.base_version.is_some() != self.entry.is_some() {
            return Err(InputError::new(
                "draft",
                "an edit names its entry and the version it started from; a new entry neither",
            ));
        }
        Ok(())
    }
}

impl Vault {
    /// Keeps `draft` in place of the one kept before.
    pub fn save_draft(&self, draft: &EntryDraft, now: DateTime<Utc>) -> Result<()> {
        draft.check()?;
        let value = serde_json::to_string(draft)
            .map_err(|_| InputError::new("draft", "it could not be written down"))?;
        self.conn.execute(
            "INSERT INTO drafts (slot, value, saved_at) VALUES ('editor', ?1, ?2)
             ON CONFLICT (slot) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
            params![value, to_millis(now)],
        )?;
        Ok(())
    }

    /// The draft kept, if any. One that no longer reads (written by a later Rapport) is none.
    pub fn draft(&self) -> Result<Option<SavedDraft>> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT value, saved_at FROM drafts WHERE slot = 'editor'",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(value, saved_at)| {
            let draft = serde_json::from_str(&value).ok()?;
            Some(SavedDraft {
                draft,
                saved_at: from_millis(saved_at),
            })
        }))
    }

    /// Forgets the draft (it was saved as an entry, or discarded). Nothing kept is no error.
    pub fn discard_draft(&self) -> Result<()> {
        self.conn
            .execute("DELETE FROM drafts WHERE slot = 'editor'", [])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::NewProtection;
    use chrono::TimeZone;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn vault(dir: &std::path::Path) -> Vault {
        Vault::create(
            &dir.join("v"),
            NewProtection::Passphrase("correct horse battery"),
            &mut StdRng::seed_from_u64(1),
        )
        .unwrap()
        .0
    }

    fn new_entry(body: &str) -> EntryDraft {
        EntryDraft {
            entry: None,
            base_version: None,
            body: body.into(),
            kind: EntryKind::Reflection,
            tags_text: "half-typed #ta".into(),
            partners: vec![PartnerId(3)],
            shareable: false,
            created_at: Some(Utc.with_ymd_and_hms(2008, 3, 14, 9, 30, 0).unwrap()),
            support: Some(crate::support::Support::received(
                crate::support::SupportAct::Covered,
            )),
        }
    }

    #[test]
    fn one_draft_is_kept_replaced_and_discarded() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = vault(tmp.path());
        assert_eq!(vault.draft().unwrap(), None);
        let at = Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap();
        vault.save_draft(&new_entry("first words"), at).unwrap();
        let later = at + chrono::Duration::seconds(3);
        vault
            .save_draft(&new_entry("first words and more"), later)
            .unwrap();
        let kept = vault.draft().unwrap().unwrap();
        assert_eq!(kept.draft, new_entry("first words and more"));
        assert_eq!(kept.saved_at, later);
        vault.discard_draft().unwrap();
        assert_eq!(vault.draft().unwrap(), None);
        vault.discard_draft().unwrap();
    }

    #[test]
    fn a_draft_kept_before_the_date_field_reads_without_a_date() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = vault(tmp.path());
        vault
            .conn
            .execute(
                "INSERT INTO drafts (slot, value, saved_at) VALUES ('editor', ?1, 0)",
                [r#"{"entry":null,"base_version":null,"body":"older","kind":"note","tags_text":"","partners":[],"shareable":false}"#],
            )
            .unwrap();
        let kept = vault.draft().unwrap().unwrap();
        assert_eq!(kept.draft.body, "older");
        assert_eq!(kept.draft.created_at, None);
    }

    #[test]
    fn an_oversized_or_inconsistent_draft_is_refused_and_the_kept_one_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = vault(tmp.path());
        let at = Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap();
        vault.save_draft(&new_entry("kept"), at).unwrap();
        let too_long = new_entry(&"x".repeat(MAX_BODY_BYTES + 1));
        let half_edit = EntryDraft {
            entry: Some(EntryId(1)),
            ..new_entry("an edit without its version")
        };
        let many = EntryDraft {
            partners: (0..=MAX_LINKS as i64).map(PartnerId).collect(),
            ..new_entry("crowded")
        };
        for bad in [too_long, half_edit, many] {
            let error = vault.save_draft(&bad, at).unwrap_err();
            assert_eq!(error.kind(), "invalid_input");
            assert!(!error.to_string().contains("xxxx"), "no text echoed");
        }
        assert_eq!(vault.draft().unwrap().unwrap().draft.body, "kept");
    }
}
