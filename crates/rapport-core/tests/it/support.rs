//! Typed test-data builders and a throwaway vault.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::SeedableRng;
use rapport_core::meetings::{Meeting, NewMeeting};
use rapport_core::{
    Entry, EntryKind, NewEntry, NewPartner, NewProtection, Partner, PartnerId, Relationship,
    Support, SupportAct, Vault,
};

pub const PASSPHRASE: &str = "correct horse battery";

/// Every file directly in `dir` with its bytes, to prove that a failure changed nothing.
pub fn snapshot(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    if let Ok(read) = std::fs::read_dir(dir) {
        for item in read.flatten() {
            files.insert(item.path(), std::fs::read(item.path()).unwrap());
        }
    }
    files
}

/// A fixed "now" so that tests are deterministic.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap()
}

pub fn days_ago(days: i64) -> DateTime<Utc> {
    now() - Duration::days(days)
}

pub fn rng() -> StdRng {
    StdRng::seed_from_u64(42)
}

/// A fixed RNG of its own for a test that puts a vault in the real keychain. Those tests run in
/// parallel against one keychain, and a vault's id (its keychain entry's name) comes from the
/// RNG that created it: with the shared seed of `rng()`, one test's clean-up removed another's
/// key between its create and its open.
pub fn rng_for(test: &str) -> StdRng {
    // FNV-1a of the name: the same seed on every run, a different one for every test.
    let seed = test.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    StdRng::seed_from_u64(seed)
}

/// A passphrase vault in a temporary directory (needs no keychain).
pub struct TestVault {
    pub vault: Vault,
    _dir: tempfile::TempDir,
}

impl TestVault {
    pub fn new() -> TestVault {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(
            &dir.path().join("vault"),
            NewProtection::Passphrase(PASSPHRASE),
            &mut rng(),
        )
        .unwrap();
        TestVault { vault, _dir: dir }
    }

    pub fn partner(&mut self, name: &str) -> Partner {
        self.vault
            .add_partner(NewPartner::named(name), now())
            .unwrap()
    }

    pub fn add(&mut self, entry: EntryBuilder) -> Entry {
        self.vault.add_entry(entry.new, now()).unwrap()
    }
}

/// Builds a [`NewEntry`]: `entry("text").kind(EntryKind::Win).tag("x").with(partner)`.
pub struct EntryBuilder {
    pub new: NewEntry,
}

pub fn entry(body: &str) -> EntryBuilder {
    EntryBuilder {
        new: NewEntry::note(body),
    }
}

impl EntryBuilder {
    pub fn kind(mut self, kind: EntryKind) -> Self {
        self.new.kind = kind;
        self
    }

    pub fn tag(mut self, tag: &str) -> Self {
        self.new.tags.push(tag.to_owned());
        self
    }

    pub fn with(mut self, partner: PartnerId) -> Self {
        self.new.partners.push(partner);
        self
    }

    pub fn shareable(mut self) -> Self {
        self.new.shareable = true;
        self
    }

    pub fn at(mut self, at: DateTime<Utc>) -> Self {
        self.new.created_at = Some(at);
        self
    }

    /// Support you gave the linked partner.
    pub fn gave(mut self, act: SupportAct) -> Self {
        self.new.support = Some(Support::given(act));
        self
    }

    /// Support you received from the linked partner.
    pub fn received(mut self, act: SupportAct) -> Self {
        self.new.support = Some(Support::received(act));
        self
    }
}

pub fn peer(name: &str) -> NewPartner {
    NewPartner {
        relationship: Relationship::Peer,
        ..NewPartner::named(name)
    }
}

/// A meeting with `partner` alone at `at`, from the default template, prepared at `at`.
pub fn meeting_at(t: &mut TestVault, partner: PartnerId, at: DateTime<Utc>) -> Meeting {
    t.vault
        .create_meeting(
            NewMeeting {
                partners: vec![partner],
                at,
                template: None,
                signals: None,
                purpose: String::new(),
                minutes: None,
            },
            at,
        )
        .unwrap()
}
