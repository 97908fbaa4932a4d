//! Importing a real jrnl export (made by jrnl itself: tests/fixtures/jrnl/make-fixture.sh).

use chrono::Local;
use rapport_core::{Entry, Error, ListQuery, NewPartner, SearchQuery};

use crate::support::{now, TestVault};

const FIXTURE: &str = include_str!("../fixtures/jrnl/export.json");

fn all_entries(t: &TestVault) -> Vec<Entry> {
    let mut entries = t
        .vault
        .list_entries(&ListQuery {
            limit: 500,
            ..ListQuery::default()
        })
        .unwrap()
        .entries;
    entries.reverse();
    entries
}

fn local(entry: &Entry) -> String {
    entry
        .created_at
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn a_real_jrnl_export_is_imported_faithfully() {
    let mut t = TestVault::new();
    let alice = t.partner("Alice Chen");
    let bob = t.partner("Bob Smith");
    let mut progress = Vec::new();
    let report = t
        .vault
        .import_jrnl(FIXTURE, now(), &mut |done, total| {
            progress.push((done, total))
        })
        .unwrap();
    assert_eq!(report.entries, 12);
    assert_eq!(progress.last(), Some(&(12, 12)));

    let entries = all_entries(&t);
    assert_eq!(entries.len(), 12);
    // Times are jrnl's local wall-clock times, oldest first.
    assert_eq!(local(&entries[0]), "2024-01-01 00:00");
    assert_eq!(local(&entries[11]), "2024-02-29 23:59");

    // Title and body are joined as jrnl stores them.
    let lunch = entries
        .iter()
        .find(|e| e.body.starts_with("Lunch with"))
        .unwrap();
    assert!(
        lunch
            .body
            .starts_with("Lunch with @alice and @bob_smith.\nWe sketched the plan"),
        "{:?}",
        lunch.body
    );
    // @alice → first name of Alice Chen; @bob_smith → Bob Smith; @project-x → a tag.
    let linked: Vec<_> = lunch.partners.iter().map(|p| p.id).collect();
    assert_eq!(linked, vec![alice.id, bob.id]);
    assert_eq!(lunch.tags, vec!["project-x"]);
    assert!(
        entries.iter().all(|e| !e.shareable),
        "imported entries are private"
    );

    let starred = entries
        .iter()
        .find(|e| e.body.starts_with("Decided to ship"))
        .unwrap();
    assert!(starred.tags.contains(&"starred".to_owned()));

    let unicode = entries.iter().find(|e| e.body.contains("東京")).unwrap();
    assert!(unicode.body.contains("🎉"));
    assert!(unicode.tags.contains(&"旅行".to_owned()));
    assert!(
        unicode.tags.contains(&"josé".to_owned()),
        "unmatched @tags become tags"
    );

    let leap = entries
        .iter()
        .find(|e| e.body.starts_with("Leap day"))
        .unwrap();
    assert_eq!(leap.tags, vec!["hashtag"], "a bare '##' is not a tag");

    let title_only = entries
        .iter()
        .find(|e| e.body.starts_with("Title only"))
        .unwrap();
    assert_eq!(title_only.body, "Title only entry without any punctuation");

    assert_eq!(
        t.vault.search(&SearchQuery::text("noodles")).unwrap().len(),
        1
    );
    assert_eq!(t.vault.partner(alice.id).unwrap().entry_count, 3);
}

#[test]
fn a_broken_export_is_refused_whole() {
    let mut t = TestVault::new();
    t.vault
        .add_partner(NewPartner::named("Alice"), now())
        .unwrap();
    let truncated = &FIXTURE[..FIXTURE.len() / 2];
    let bad_date = FIXTURE.replacen("\"2024-01-05\"", "\"2024-99-05\"", 1);
    for bad in [truncated, bad_date.as_str(), "{}", "[]", "not json"] {
        let err = t.vault.import_jrnl(bad, now(), &mut |_, _| {}).unwrap_err();
        assert!(matches!(err, Error::Input(_)), "{err:?}");
        assert!(
            !err.to_string().contains("Lunch"),
            "no entry text in errors: {err}"
        );
    }
    assert_eq!(t.vault.count_entries().unwrap(), 0, "nothing was written");
}

const DAY_ONE: &str = include_str!("../fixtures/dayone/Journal.json");

#[test]
fn a_day_one_export_is_imported_with_tags_partners_and_stars() {
    let mut t = TestVault::new();
    let alice = t.partner("Alice Chen");
    let report = t
        .vault
        .import_day_one(DAY_ONE, now(), &mut |_, _| {})
        .unwrap();
    assert_eq!(
        (report.entries, report.skipped, report.partner_links),
        (2, 1, 1)
    );
    let entries = all_entries(&t);
    assert_eq!(entries.len(), 2);
    let offsite = &entries[0];
    assert!(offsite.body.starts_with("# Offsite planning"));
    assert_eq!(offsite.partners[0].id, alice.id);
    assert_eq!(offsite.tags, vec!["offsite-planning", "starred"]);
    assert_eq!(offsite.created_at.to_rfc3339(), "2024-03-04T09:15:00+00:00");
    assert!(entries[1].body.contains("Café"));
    assert!(matches!(
        t.vault
            .import_day_one("{\"entries\": 3}", now(), &mut |_, _| {}),
        Err(Error::Input(_))
    ));
}
