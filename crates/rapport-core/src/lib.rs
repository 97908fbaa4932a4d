//! Rapport's journal core: the encrypted vault and everything kept in it, with no Tauri in sight.
//!
//! The desktop shell and the `rapport` CLI are two faces of this one crate. Nothing outside it
//! sees SQL, key material or the layout of the data directory.

pub mod actions;
mod agenda;
mod agenda_items;
pub mod agenda_share;
pub mod backup;
pub mod brief;
pub mod cadence;
mod calendar;
mod carry;
mod crash;
pub mod document;
pub mod drafts;
pub mod entries;
mod error;
pub mod export;
mod export_rows;
mod export_stream;
mod guests;
mod ids;
pub mod import;
pub mod import_markdown;
pub mod keychain;
pub mod keys;
mod markdown;
mod matching;
pub mod meetings;
mod meta;
pub mod partner_history;
pub mod partners;
pub mod paths;
pub mod pauses;
pub mod pdf;
pub mod people;
pub mod preferences;
mod problem_worksheet;
pub mod problems;
pub mod reflections;
pub mod search;
mod search_rank;
pub mod security;
mod storage;
pub mod story;
pub mod story_print;
pub mod summary;
pub mod summary_preview;
pub mod summary_print;
pub mod support;
pub mod templates;
mod time;
mod validate;
pub mod vault;
mod words;

pub use agenda::agenda_markdown;
pub use crash::{disable_core_dumps, install_private_panic_hook};
pub use entries::{
    Entry, EntryId, EntryKind, EntryPage, EntryUpdate, ListQuery, NewEntry, TagCount,
};
pub use error::{Error, InputError, KeychainError, Result};
pub use keychain::{CredentialStore, Keychain, OsKeychain};
pub use keys::RecoveryKey;
pub use markdown::render_markdown;
pub use partner_history::{NewSpell, RelationshipSpell, RoleSpell, SpellId, SpellKind, SpellOf};
pub use partners::{NewPartner, Partner, PartnerId, PartnerRef, PartnerUpdate, Relationship};
pub use pauses::{NewPause, Pause, PauseId, PauseReason};
pub use reflections::{ReflectionCount, REFLECTION_TAG_PREFIX};
pub use search::{SearchHit, SearchQuery, SnippetPart};
pub use story::{Story, StoryHighlights, StoryYear};
pub use story_print::StoryRequest;
pub use support::{Support, SupportAct, SupportBalance, SupportDirection, SupportYear};
pub use validate::{MAX_BODY_BYTES, MAX_NOTES_BYTES};
pub use vault::{NewProtection, Protection, Unlock, Vault, VaultStatus};
