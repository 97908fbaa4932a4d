//! The vaults the app is launched on, made through rapport-core as the CLI would: keychain
//! vaults (they open by themselves at launch), one empty and one filled through the jrnl importer.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::{OsRng, StdRng};
use rand::{Rng, SeedableRng};
use rapport_core::{NewPartner, NewProtection, OsKeychain, Vault};

use crate::Result;

const PARTNERS: &[&str] = &[
    "Priya Raman",
    "Alice Chen",
    "Bob Smith",
    "Dana Kim",
    "Eve Moreau",
    "Farid Haddad",
    "Grace Ho",
    "Hiro Tanaka",
    "Ines Costa",
    "Jon Berg",
];
const TOPICS: &[&str] = &[
    "roadmap",
    "hiring",
    "incident",
    "budget",
    "offsite",
    "review",
    "quality",
    "release",
    "planning",
    "feedback",
    "escalation",
    "customer",
    "migration",
    "onboarding",
    "retro",
];
const WORDS: &[&str] = &[
    "the", "and", "to", "of", "a", "we", "in", "that", "is", "for", "on", "with", "it", "about",
    "team", "week", "plan", "asked", "agreed", "worried", "shared", "next", "step", "meeting",
    "support", "priority", "decision", "risk", "scope", "director", "peer", "helped", "proposal",
    "timeline", "numbers", "owner", "follow", "up", "clear", "late", "early", "good", "hard",
];

/// A keychain vault with nothing in it.
pub fn create_empty(dir: &Path) -> Result<()> {
    Vault::create(dir, NewProtection::Keychain(&OsKeychain), &mut OsRng)?;
    Ok(())
}

/// A keychain vault with ten partners and `entries` entries of about 500 bytes, each linked to a
/// partner and tagged with a topic, the newest about now, ten a day (more when there are over
/// 100k, so that a million span the same 27 years). They come in jrnl files of at most
/// PER_FILE entries: the importer refuses files over 256 MB.
pub fn create_with_entries(dir: &Path, entries: usize, now: DateTime<Utc>) -> Result<()> {
    const PER_FILE: usize = 200_000;
    let (mut vault, _recovery) =
        Vault::create(dir, NewProtection::Keychain(&OsKeychain), &mut OsRng)?;
    for &name in PARTNERS {
        vault.add_partner(NewPartner::named(name), now)?;
    }
    let per_day = (entries / 10_000).max(10);
    let mut rng = StdRng::seed_from_u64(3);
    // The oldest first, as a journal is written.
    let mut newest_left = entries;
    while newest_left > 0 {
        let n = PER_FILE.min(newest_left);
        let export = jrnl_export(newest_left - n..newest_left, per_day, now, &mut rng);
        let report = vault.import_jrnl(&export, now, &mut |_, _| {})?;
        if report.entries != n as u64 {
            return Err(format!("imported {} entries, not {n}", report.entries).into());
        }
        newest_left -= n;
    }
    Ok(())
}

/// A jrnl JSON export of the entries `ages` (0 is the newest), `per_day` a day going back from
/// today.
fn jrnl_export(
    ages: std::ops::Range<usize>,
    per_day: usize,
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> String {
    let today: NaiveDate = now.date_naive();
    let list: Vec<serde_json::Value> = ages
        .rev()
        .map(|i| {
            let partner = PARTNERS[rng.gen_range(0..PARTNERS.len())];
            let topic = TOPICS[rng.gen_range(0..TOPICS.len())];
            let body: Vec<&str> = (0..80).map(|_| WORDS[rng.gen_range(0..WORDS.len())]).collect();
            let day = today - Duration::days((i / per_day) as i64);
            let minute = i % per_day * 600 / per_day;
            serde_json::json!({
                "title": format!("{topic} with {partner}."),
                "body": body.join(" "),
                "date": day.format("%Y-%m-%d").to_string(),
                "time": format!("{:02}:{:02}", 17 - minute / 60, 59 - minute % 60),
                "tags": [format!("@{}", partner.replace(' ', "_").to_lowercase()), format!("#{topic}")],
                "starred": i % 50 == 0,
            })
        })
        .collect();
    serde_json::json!({ "tags": {}, "entries": list }).to_string()
}
