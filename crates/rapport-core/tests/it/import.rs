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

/// What a journal holds of partners and entries, as a round trip must keep it.
fn journal_as_text(t: &TestVault) -> (Vec<String>, Vec<String>) {
    let partners = t
        .vault
        .list_partners(true)
        .unwrap()
        .into_iter()
        .map(|p| {
            format!(
                "{} {} {:?} {:?} {:?} since={:?} archived={} notes={:?}",
                p.name,
                p.relationship,
                p.role,
                p.organisation,
                p.cadence_days,
                p.since,
                p.archived,
                p.notes
            )
        })
        .collect();
    let entries = all_entries(t)
        .into_iter()
        .map(|e| {
            let names: Vec<&str> = e.partners.iter().map(|p| p.name.as_str()).collect();
            format!(
                "{} {} {:?} {:?} {:?} shareable={} {:?}",
                e.created_at.timestamp(),
                e.kind,
                e.body,
                e.tags,
                names,
                e.shareable,
                e.support
            )
        })
        .collect();
    (partners, entries)
}

#[test]
fn rapport_s_markdown_folder_comes_back_with_the_same_partners_entries_tags_and_dates() {
    use rapport_core::{EntryKind, Relationship, Support, SupportAct};

    use crate::support::{days_ago, entry};

    let mut t = TestVault::new();
    let mike = t
        .vault
        .add_partner(
            NewPartner {
                role: Some("VP Engineering".into()),
                organisation: Some("Northwind".into()),
                relationship: Relationship::Mentor,
                cadence_days: Some(30),
                since: chrono::NaiveDate::from_ymd_opt(2008, 3, 1),
                notes: "Met at the 2008 offsite.\n\nPrefers mornings.".into(),
                ..NewPartner::named("Mike \"MC\" Chen")
            },
            now(),
        )
        .unwrap();
    let old = t
        .vault
        .add_partner(NewPartner::named("Ana Old"), now())
        .unwrap();
    t.vault
        .update_partner(
            old.id,
            rapport_core::PartnerUpdate {
                archived: Some(true),
                ..rapport_core::PartnerUpdate::default()
            },
            now(),
        )
        .unwrap();
    t.add(
        entry("Mike hired me.\n\n- a list\n- of things")
            .kind(EntryKind::Win)
            .tag("career")
            .tag("hired")
            .with(mike.id)
            .shareable()
            .at(days_ago(6000)),
    );
    t.add(
        entry("Covered Ana's review: \"quotes\" and ---")
            .with(old.id)
            .with(mike.id)
            .received(SupportAct::Advocated)
            .at(days_ago(30)),
    );
    t.add(entry("Just a thought").kind(EntryKind::Reflection));
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("export");
    t.vault
        .export_markdown(&folder, now().date_naive())
        .unwrap();

    let read = rapport_core::import_markdown::read_markdown_folder(&folder).unwrap();
    let mut copy = TestVault::new();
    let report = copy
        .vault
        .import_markdown(&read, now(), &mut |_, _| {})
        .unwrap();
    assert_eq!((report.entries, report.partners, report.undated), (3, 2, 0));
    assert_eq!(journal_as_text(&copy), journal_as_text(&t));
    assert_eq!(
        copy.vault.entry(all_entries(&copy)[1].id).unwrap().support,
        Some(Support::received(SupportAct::Advocated))
    );
}

#[test]
fn plain_notes_come_in_with_their_dates_tags_and_linked_partners() {
    use chrono::Datelike;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("Work/2021")).unwrap();
    std::fs::create_dir_all(root.join(".obsidian")).unwrap();
    std::fs::write(root.join(".obsidian/workspace.md"), "settings, not a note").unwrap();
    std::fs::write(
        root.join("Work/2021/2021-03-04 Offsite with Mike.md"),
        "Talked about the reorg with [[Mike Chen]] and [[Nobody Known]].\n",
    )
    .unwrap();
    std::fs::write(
        root.join("Work/Hallway.md"),
        "---\ndate: 2022-06-01 09:30\ntags: [wip, project/alpha]\nkind: concern\n---\n# Hallway\n\nWIP is growing.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("Undated idea.md"),
        "---\ndate:\ntags:\n---\nAn idea with no date (its template left date: blank).\n",
    )
    .unwrap();
    std::fs::write(root.join("Empty.md"), "---\ntags: [x]\n---\n\n").unwrap();
    std::fs::write(root.join("not-markdown.txt"), "left alone").unwrap();
    // A link is not followed: it could lead out of the folder, or round in a circle.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("elsewhere.md"), "Not in this folder").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path().join("elsewhere.md"), root.join("link.md"))
            .unwrap();
        std::os::unix::fs::symlink(root, root.join("Work/loop")).unwrap();
    }

    let mut t = TestVault::new();
    let mike = t.partner("Mike Chen");
    let read = rapport_core::import_markdown::read_markdown_folder(root).unwrap();
    assert_eq!(
        read.files.len(),
        4,
        "the hidden folder, the .txt and the links are left out"
    );
    let report = t
        .vault
        .import_markdown(&read, chrono::Utc::now(), &mut |_, _| {})
        .unwrap();
    assert_eq!(
        (
            report.entries,
            report.skipped,
            report.undated,
            report.partners
        ),
        (3, 1, 1, 0)
    );
    let entries = all_entries(&t);
    let offsite = entries.iter().find(|e| e.body.contains("reorg")).unwrap();
    assert_eq!(
        offsite.body,
        "# Offsite with Mike\n\nTalked about the reorg with [[Mike Chen]] and [[Nobody Known]]."
    );
    let day = offsite.created_at.with_timezone(&Local);
    assert_eq!((day.year(), day.month(), day.day()), (2021, 3, 4));
    assert_eq!(
        offsite.partners.len(),
        1,
        "a link names a known partner only"
    );
    assert_eq!(offsite.partners[0].id, mike.id);
    let hallway = entries.iter().find(|e| e.body.contains("WIP")).unwrap();
    assert_eq!(hallway.tags, ["project/alpha", "wip"]);
    assert_eq!(hallway.kind, rapport_core::EntryKind::Concern);
    assert_eq!(
        hallway
            .created_at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        "2022-06-01 09:30"
    );
    assert!(
        hallway.body.starts_with("# Hallway"),
        "its own heading is kept, not doubled"
    );
}

#[test]
fn a_folder_with_a_bad_note_is_refused_by_position_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.md"), "A fine note\n").unwrap();
    std::fs::write(
        root.join("b Secretname.md"),
        "---\ndate: someday\n---\nprivmarker88 text\n",
    )
    .unwrap();
    let mut t = TestVault::new();
    let before = t.vault.export_all().unwrap();
    let read = rapport_core::import_markdown::read_markdown_folder(root).unwrap();
    let error = t
        .vault
        .import_markdown(&read, chrono::Utc::now(), &mut |_, _| {})
        .unwrap_err();
    let said = error.to_string();
    assert!(said.contains("file 2 of 2 (in path order)"), "{said}");
    assert!(
        !said.contains("Secretname") && !said.contains("privmarker88"),
        "{said}"
    );
    assert_eq!(t.vault.export_all().unwrap(), before, "nothing written");

    // A note from the future, a kind the core does not know: refused the same way.
    std::fs::write(root.join("b Secretname.md"), "---\nkind: rant\n---\ntext\n").unwrap();
    let read = rapport_core::import_markdown::read_markdown_folder(root).unwrap();
    assert!(t
        .vault
        .import_markdown(&read, chrono::Utc::now(), &mut |_, _| {})
        .is_err());

    // Not text, or not a folder: refused before anything is read into the vault.
    std::fs::write(root.join("c.md"), [0xff, 0xfe, 0x00]).unwrap();
    let error = rapport_core::import_markdown::read_markdown_folder(root).unwrap_err();
    assert!(error.to_string().contains("file 3 of 3"), "{error}");
    assert!(rapport_core::import_markdown::read_markdown_folder(&root.join("a.md")).is_err());
    assert_eq!(t.vault.export_all().unwrap(), before);
}
