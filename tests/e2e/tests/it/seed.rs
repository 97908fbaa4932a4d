//! Test data written straight through the core, as the CLI would: typed builders, fixed content.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rapport_core::{
    EntryKind, Keychain, NewEntry, NewPartner, NewProtection, OsKeychain, Unlock, Vault,
};

/// The note body that must show up as text, never as markup.
pub const XSS_BODY: &str = "<img src=x onerror=alert(1)>";
/// A second payload: a script element.
pub const XSS_SCRIPT: &str = "<script>alert(1)</script>";

/// One entry to seed, relative to now.
#[derive(Debug, Clone)]
pub struct SeedEntry {
    pub body: &'static str,
    pub kind: EntryKind,
    pub partners: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub ago: Duration,
}

impl SeedEntry {
    pub fn note(body: &'static str) -> SeedEntry {
        SeedEntry {
            body,
            kind: EntryKind::Note,
            partners: Vec::new(),
            tags: Vec::new(),
            ago: Duration::zero(),
        }
    }

    pub fn kind(mut self, kind: EntryKind) -> SeedEntry {
        self.kind = kind;
        self
    }

    pub fn with(mut self, partner: &'static str) -> SeedEntry {
        self.partners.push(partner);
        self
    }

    pub fn tag(mut self, tag: &'static str) -> SeedEntry {
        self.tags.push(tag);
        self
    }

    pub fn ago(mut self, ago: Duration) -> SeedEntry {
        self.ago = ago;
        self
    }
}

/// The three entries of the smoke test, the last one an XSS payload.
pub fn three_entries() -> Vec<SeedEntry> {
    vec![
        // With a word in Cyrillic and one in Greek: they are set in the shipped face too (style.css).
        SeedEntry::note(
            "Ada took over the incident review while I was out. Thank her on Monday: спасибо, ευχαριστώ.",
        )
            .kind(EntryKind::Win)
            .with("Ada")
            .tag("had-my-back")
            .ago(Duration::days(2)),
        SeedEntry::note(
            "Too much work in progress across both teams.\nAsk Grace for her side before we meet the directors.",
        )
        .kind(EntryKind::Concern)
        .with("Grace")
        .with("Ada")
        .tag("peer-1on1")
        .tag("wip")
        .ago(Duration::hours(3)),
        SeedEntry::note(XSS_BODY).tag("security").ago(Duration::minutes(5)),
    ]
}

/// Opens an existing vault with `unlock` and adds the partners and entries, as of `now`.
pub fn add_entries(dir: &Path, unlock: Unlock<'_>, entries: &[SeedEntry], now: DateTime<Utc>) {
    let mut vault = Vault::open(dir, unlock).expect("open the vault to seed it");
    let mut names: Vec<&str> = entries.iter().flat_map(|e| e.partners.clone()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        vault
            .add_partner(NewPartner::named(name), now - Duration::days(30))
            .expect("add a partner");
    }
    for entry in entries {
        let partners = entry
            .partners
            .iter()
            .map(|name| vault.find_partner(name).expect("find a partner"))
            .collect();
        let at = now - entry.ago;
        let new = NewEntry {
            kind: entry.kind,
            partners,
            tags: entry.tags.iter().map(|t| t.to_string()).collect(),
            created_at: Some(at),
            ..NewEntry::note(entry.body)
        };
        vault.add_entry(new, at).expect("add an entry");
    }
}

/// Creates a passphrase vault in `parent/vault` and returns its directory.
pub fn passphrase_vault(parent: &Path, passphrase: &str) -> PathBuf {
    let dir = parent.join("vault");
    Vault::create(&dir, NewProtection::Passphrase(passphrase), &mut rand_rng())
        .expect("create a passphrase vault");
    dir
}

/// `count` notes, one an hour back from now, for a long timeline.
pub fn many_entries(count: usize) -> Vec<SeedEntry> {
    (0..count)
        .map(|i| {
            let kind = EntryKind::ALL[i % EntryKind::ALL.len()];
            SeedEntry::note(LONG_BODIES[i % LONG_BODIES.len()])
                .kind(kind)
                .ago(Duration::hours(i as i64))
        })
        .collect()
}

const LONG_BODIES: [&str; 3] = [
    "Weekly sync: agreed to cut the work in progress before adding anything new.",
    "Asked for feedback on the migration plan; two good questions about rollback.",
    "Covered the on-call handover so the team could leave early on Friday.",
];

/// Creates a keychain vault in `parent/vault` and returns its directory, closed.
pub fn keychain_vault(parent: &Path) -> PathBuf {
    let dir = parent.join("vault");
    Vault::create(&dir, NewProtection::Keychain(&OsKeychain), &mut rand_rng())
        .expect("create a keychain vault");
    dir
}

/// Creates a keychain vault in `parent/vault` and returns its directory (closed) and its
/// recovery key.
pub fn keychain_vault_with_recovery_key(parent: &Path) -> (PathBuf, String) {
    let dir = parent.join("vault");
    let (_vault, recovery) =
        Vault::create(&dir, NewProtection::Keychain(&OsKeychain), &mut rand_rng())
            .expect("create a keychain vault");
    (dir, recovery.display().to_string())
}

/// Creates a keychain vault in `parent/vault`, then removes its key from the keychain, as on
/// a new machine. Returns its directory and its recovery key.
pub fn vault_without_keychain_entry(parent: &Path) -> (PathBuf, String) {
    let (dir, recovery) = keychain_vault_with_recovery_key(parent);
    let key_file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(rapport_core::paths::KEY_FILE)).unwrap(),
    )
    .unwrap();
    let vault_id = key_file["vault_id"]
        .as_str()
        .expect("the key file names its vault");
    OsKeychain
        .remove(vault_id)
        .expect("remove the keychain entry");
    (dir, recovery)
}

fn rand_rng() -> rand::rngs::OsRng {
    rand::rngs::OsRng
}

/// What the peer one-on-one journeys start from: Priya, a peer met fortnightly, whose last
/// one-on-one (15 days ago, held) left an overdue action of hers, a decision not yet agreed whose
/// decide-again date was yesterday, and a parked topic.
pub mod peer {
    pub const PARTNER: &str = "Priya Raman";
    pub const ACTION: &str = "Send the WIP numbers from the quality side";
    pub const DECISION: &str = "Cap work in progress at three items per team";
    pub const PARKED: &str = "Who presents the WIP limits to the directors";
}

/// Adds Priya and her last held one-on-one (see [`peer`]) to an existing keychain vault.
pub fn add_peer_history(dir: &Path, now: DateTime<Utc>) {
    use rapport_core::actions::Owner;
    use rapport_core::meetings::{AgendaState, MeetingStatus, NewMeeting, PeerSignals};
    use rapport_core::Relationship;

    let mut vault = Vault::open(dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
    let partner = vault
        .add_partner(
            NewPartner {
                role: Some("Quality Director".into()),
                relationship: Relationship::Peer,
                cadence_days: Some(14),
                ..NewPartner::named(peer::PARTNER)
            },
            now - Duration::days(120),
        )
        .expect("add Priya");
    let held_at = now - Duration::days(15);
    let meeting = vault
        .create_meeting(
            NewMeeting {
                partners: vec![partner.id],
                at: held_at,
                template: None,
                signals: Some(PeerSignals {
                    shared_problem: true,
                    need_cooperation: true,
                    benefits_everyone: false,
                }),
                purpose: String::new(),
                minutes: None,
            },
            held_at - Duration::days(1),
        )
        .expect("create the earlier meeting");
    let item = vault
        .add_agenda_item(meeting.id, "Allies", peer::PARKED)
        .expect("add an agenda item");
    vault
        .set_agenda_state(item, AgendaState::Parked)
        .expect("park it");
    let today = now.date_naive();
    vault
        .add_action(
            meeting.id,
            Owner::Them,
            Some(today - Duration::days(5)),
            peer::ACTION,
            held_at,
        )
        .expect("add an action");
    vault
        .add_decision(
            meeting.id,
            false,
            Some(today - Duration::days(1)),
            peer::DECISION,
            held_at,
        )
        .expect("add a decision");
    vault
        .set_meeting_status(meeting.id, MeetingStatus::Held, held_at)
        .expect("hold the meeting");
}

/// The partner of the support journey.
pub const SUPPORT_PARTNER: &str = "Ana Silva";

/// Ana, a peer of years: she taught you the budget process three years ago, you covered her
/// launch last year, and you met ten days ago.
pub fn add_support_history(dir: &Path, now: DateTime<Utc>) {
    use rapport_core::meetings::{MeetingStatus, NewMeeting};
    use rapport_core::{Relationship, Support, SupportAct};

    let mut vault = Vault::open(dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
    let ana = vault
        .add_partner(
            NewPartner {
                role: Some("Engineering Director".into()),
                relationship: Relationship::Peer,
                cadence_days: Some(14),
                ..NewPartner::named(SUPPORT_PARTNER)
            },
            now - Duration::days(4 * 365),
        )
        .expect("add Ana");
    for (body, support, ago) in [
        (
            "Ana walked me through the budget process, line by line",
            Support::received(SupportAct::Taught),
            Duration::days(3 * 365),
        ),
        (
            "Covered Ana's launch review while she was on leave",
            Support::given(SupportAct::Covered),
            Duration::days(400),
        ),
    ] {
        let at = now - ago;
        let new = NewEntry {
            partners: vec![ana.id],
            support: Some(support),
            created_at: Some(at),
            ..NewEntry::note(body)
        };
        vault.add_entry(new, at).expect("add a support entry");
    }
    let held_at = now - Duration::days(10);
    let meeting = vault
        .create_meeting(
            NewMeeting {
                partners: vec![ana.id],
                at: held_at,
                template: None,
                signals: None,
                purpose: String::new(),
                minutes: None,
            },
            held_at,
        )
        .expect("create a meeting");
    vault
        .set_meeting_status(meeting.id, MeetingStatus::Held, held_at)
        .expect("hold the meeting");
}

/// The mentor of the story journey, and a private note that no saved story may hold unless the
/// private side is included.
pub const STORY_PARTNER: &str = "Mike Chen";
pub const STORY_PRIVATE: &str = "privmarker-story-3141";

/// Mike, a mentor of thirteen years: your report, then a peer, then your mentor; a year of
/// leave; each year two meetings, a shared win and support one way or the other; one private
/// note of support.
pub fn add_mentor_story(dir: &Path, now: DateTime<Utc>) {
    use chrono::{Datelike, NaiveDate, TimeZone};
    use rapport_core::meetings::{MeetingStatus, NewMeeting};
    use rapport_core::{
        NewPause, NewSpell, PauseReason, Relationship, SpellOf, Support, SupportAct,
    };

    let mut vault = Vault::open(dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
    let first = now.year() - 13;
    let day = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).expect("a date");
    let mike = vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Mentor,
                role: Some("VP Engineering".into()),
                organisation: Some("Northwind".into()),
                since: Some(day(first, 3)),
                cadence_days: Some(30),
                ..NewPartner::named(STORY_PARTNER)
            },
            now,
        )
        .expect("add Mike");
    for (kind, started, ended) in [
        (Relationship::Mentor, day(first + 8, 1), None),
        (Relationship::Report, day(first, 3), Some(day(first + 4, 7))),
        (
            Relationship::Peer,
            day(first + 4, 7),
            Some(day(first + 8, 1)),
        ),
    ] {
        vault
            .add_spell(
                mike.id,
                NewSpell {
                    of: SpellOf::Relationship(kind),
                    started: Some(started),
                    ended,
                },
                now,
            )
            .expect("a spell");
    }
    vault
        .add_pause(
            mike.id,
            NewPause {
                reason: PauseReason::Leave,
                started: day(first + 9, 3),
                ended: Some(day(first + 10, 3)),
            },
            now,
        )
        .expect("a leave");
    for year in first..now.year() {
        for month in [4, 10] {
            let at = Utc.with_ymd_and_hms(year, month, 15, 12, 0, 0).unwrap();
            let meeting = vault
                .create_meeting(
                    NewMeeting {
                        partners: vec![mike.id],
                        at,
                        template: None,
                        signals: None,
                        purpose: String::new(),
                        minutes: None,
                    },
                    at,
                )
                .expect("a meeting");
            vault
                .set_meeting_status(meeting.id, MeetingStatus::Held, at)
                .expect("held");
        }
        let at = Utc.with_ymd_and_hms(year, 6, 21, 12, 0, 0).unwrap();
        let support = if year % 2 == 0 {
            Support::received(SupportAct::Advocated)
        } else {
            Support::given(SupportAct::Covered)
        };
        for (body, support, shareable) in [
            (
                format!("Shipped the {year} platform milestone together"),
                None,
                true,
            ),
            (
                format!("Support in {year}, told as it happened"),
                Some(support),
                true,
            ),
        ] {
            let new = NewEntry {
                kind: if support.is_none() {
                    EntryKind::Win
                } else {
                    EntryKind::Note
                },
                partners: vec![mike.id],
                support,
                shareable,
                created_at: Some(at),
                ..NewEntry::note(body)
            };
            vault.add_entry(new, at).expect("an entry");
        }
    }
    let at = Utc.with_ymd_and_hms(first + 9, 5, 2, 12, 0, 0).unwrap();
    let new = NewEntry {
        partners: vec![mike.id],
        support: Some(Support::given(SupportAct::Covered)),
        created_at: Some(at),
        ..NewEntry::note(format!(
            "{STORY_PRIVATE} covered his whole org during the leave"
        ))
    };
    vault.add_entry(new, at).expect("a private entry");
}

/// The partner of the reflections journey.
pub const REFLECT_PARTNER: &str = "Grace Lee";

/// Grace, and two answers to "Who is my sounding board?" about her, a year apart.
pub fn add_reflections(dir: &Path, now: DateTime<Utc>) {
    let mut vault = Vault::open(dir, Unlock::Keychain(&OsKeychain)).expect("open the vault");
    let grace = vault
        .add_partner(
            NewPartner::named(REFLECT_PARTNER),
            now - Duration::days(800),
        )
        .expect("add Grace");
    for (body, ago) in [
        (
            "Who is my sounding board?\n\nGrace, for anything about the org; I still go to my manager first.",
            Duration::days(400),
        ),
        (
            "Who is my sounding board?\n\nGrace first now. She tells me what I would rather not hear.",
            Duration::days(35),
        ),
    ] {
        let at = now - ago;
        let new = NewEntry {
            kind: EntryKind::Reflection,
            partners: vec![grace.id],
            tags: vec!["reflect-sounding-board".into()],
            created_at: Some(at),
            ..NewEntry::note(body)
        };
        vault.add_entry(new, at).expect("an answer");
    }
}
