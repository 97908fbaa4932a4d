//! Writing, editing, paging, trashing and restoring entries.

use rapport_core::{EntryId, EntryKind, EntryUpdate, Error, ListQuery, NewEntry, PartnerId};

use crate::support::{days_ago, entry, now, TestVault};

#[test]
fn an_entry_keeps_kind_tags_partners_and_is_private_by_default() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada Lovelace");
    let grace = t.partner("Grace Hopper");
    let written = t.add(
        entry("Ada stepped in for the *incident review*.")
            .kind(EntryKind::Win)
            .tag("#Has-My-Back")
            .tag("incidents")
            .tag("incidents")
            .with(grace.id)
            .with(ada.id)
            .with(ada.id),
    );
    assert!(!written.shareable);
    assert_eq!(written.kind, EntryKind::Win);
    assert_eq!(written.tags, vec!["has-my-back", "incidents"]);
    let names: Vec<_> = written.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ada Lovelace", "Grace Hopper"]);
    assert_eq!(t.vault.entry(written.id).unwrap(), written);
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let mut t = TestVault::new();
    for bad in [
        NewEntry::note("   "),
        NewEntry::note("x".repeat(300 * 1024)),
        NewEntry {
            tags: vec!["two words".into()],
            ..NewEntry::note("ok")
        },
        NewEntry {
            partners: vec![PartnerId(999)],
            ..NewEntry::note("ok")
        },
    ] {
        let err = t.vault.add_entry(bad, now()).unwrap_err();
        assert!(
            matches!(err, Error::Input(_) | Error::NotFound { .. }),
            "{err:?}"
        );
    }
    assert_eq!(t.vault.count_entries().unwrap(), 0);
}

#[test]
fn edits_replace_what_they_name_and_keep_the_rest() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let written = t.add(entry("first draft").tag("draft").with(ada.id));
    let edited = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                body: Some("second draft".into()),
                shareable: Some(true),
                tags: Some(vec!["final".into()]),
                ..EntryUpdate::default()
            },
            days_ago(-1),
        )
        .unwrap();
    assert_eq!(edited.body, "second draft");
    assert_eq!(edited.tags, vec!["final"]);
    assert_eq!(edited.partners, written.partners, "partners untouched");
    assert!(edited.shareable);
    assert_eq!(edited.created_at, written.created_at);
    assert!(edited.updated_at > written.updated_at);

    let err = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                body: Some(String::new()),
                ..EntryUpdate::default()
            },
            now(),
        )
        .unwrap_err();
    assert!(matches!(err, Error::Input(_)));
    assert_eq!(
        t.vault.entry(written.id).unwrap().body,
        "second draft",
        "failed edit changed nothing"
    );
}

#[test]
fn trash_hides_restore_brings_back_purge_deletes_for_good() {
    let mut t = TestVault::new();
    let keep = t.add(entry("keep me"));
    let gone = t.add(entry("throw me away"));
    t.vault.trash_entry(gone.id, now()).unwrap();
    let live = t.vault.list_entries(&ListQuery::default()).unwrap();
    assert_eq!(
        live.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![keep.id]
    );
    let trash = t
        .vault
        .list_entries(&ListQuery {
            trash: true,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(
        trash.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![gone.id]
    );
    assert!(
        t.vault.trash_entry(gone.id, now()).is_err(),
        "already in the trash"
    );
    assert!(
        t.vault.purge_entry(keep.id).is_err(),
        "only trashed entries can be purged"
    );

    t.vault.restore_entry(gone.id).unwrap();
    assert_eq!(t.vault.count_entries().unwrap(), 2);
    t.vault.trash_entry(gone.id, now()).unwrap();
    t.vault.purge_entry(gone.id).unwrap();
    assert!(matches!(
        t.vault.entry(gone.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        t.vault.restore_entry(EntryId(12345)),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn pages_walk_the_timeline_newest_first_without_gaps_or_repeats() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    // Several entries share a timestamp: the id breaks the tie.
    let mut expected = Vec::new();
    for i in 0..23 {
        let mut b = entry(&format!("entry {i}")).at(days_ago(i / 3));
        if i % 2 == 0 {
            b = b.with(ada.id);
        }
        expected.push(t.add(b));
    }
    expected.sort_by_key(|e| std::cmp::Reverse((e.created_at, e.id)));

    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = t
            .vault
            .list_entries(&ListQuery {
                limit: 5,
                before,
                ..ListQuery::default()
            })
            .unwrap();
        assert!(page.entries.len() <= 5);
        seen.extend(page.entries.iter().map(|e| e.id));
        match page.next_before {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, expected.iter().map(|e| e.id).collect::<Vec<_>>());

    let ada_only = t
        .vault
        .list_entries(&ListQuery {
            limit: 100,
            partner: Some(ada.id),
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(ada_only.entries.len(), 12);
    assert!(ada_only
        .entries
        .iter()
        .all(|e| e.partners.iter().any(|p| p.id == ada.id)));
    assert!(t
        .vault
        .list_entries(&ListQuery {
            limit: 0,
            ..ListQuery::default()
        })
        .is_err());
    assert!(t
        .vault
        .list_entries(&ListQuery {
            limit: 501,
            ..ListQuery::default()
        })
        .is_err());
}

#[test]
fn an_edit_started_from_an_older_version_is_refused_and_changes_nothing() {
    let mut t = TestVault::new();
    let opened = t.add(entry("first words").tag("draft"));
    assert_eq!(opened.version, 1);
    let elsewhere = t
        .vault
        .update_entry(
            opened.id,
            EntryUpdate {
                tags: Some(vec!["settled".into()]),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(elsewhere.version, 2);
    let stale = EntryUpdate {
        body: Some("typed in the editor".into()),
        expected_version: Some(opened.version),
        ..Default::default()
    };
    let refused = t.vault.update_entry(opened.id, stale, now()).unwrap_err();
    assert!(matches!(refused, Error::ChangedElsewhere { what: "entry" }));
    assert_eq!(
        t.vault.entry(opened.id).unwrap(),
        elsewhere,
        "nothing changed"
    );
    // A bad edit is refused before the version is looked at, and changes nothing either.
    let empty = EntryUpdate {
        body: Some("   ".into()),
        expected_version: Some(elsewhere.version),
        ..Default::default()
    };
    assert_eq!(
        t.vault
            .update_entry(opened.id, empty, now())
            .unwrap_err()
            .kind(),
        "invalid_input"
    );
    assert_eq!(t.vault.entry(opened.id).unwrap().version, 2);
}

/// A date corrected or a memory moved to when it happened: the entry takes its place in the
/// timeline, in its partner's timeline and as the partner's last entry; a date in the future is
/// refused and changes nothing.
#[test]
fn an_entry_moved_to_another_day_takes_its_place_everywhere() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let old = t.add(entry("older").with(ada.id).at(days_ago(10)));
    let moved = t.add(entry("written today about 2008").with(ada.id));
    let ids = |t: &TestVault, partner: Option<PartnerId>| -> Vec<EntryId> {
        let page = t
            .vault
            .list_entries(&ListQuery {
                partner,
                ..ListQuery::default()
            })
            .unwrap();
        page.entries.iter().map(|e| e.id).collect()
    };
    assert_eq!(ids(&t, None), vec![moved.id, old.id]);

    let long_ago = days_ago(365 * 18);
    let updated = t
        .vault
        .update_entry(
            moved.id,
            EntryUpdate {
                created_at: Some(long_ago),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(updated.created_at, long_ago);
    assert_eq!(updated.body, "written today about 2008");
    assert_eq!(ids(&t, None), vec![old.id, moved.id]);
    assert_eq!(ids(&t, Some(ada.id)), vec![old.id, moved.id]);
    let partner = t.vault.partner(ada.id).unwrap();
    assert_eq!(partner.last_entry_at, Some(old.created_at));

    // Relinked after the move, the link carries the new date too.
    t.vault
        .update_entry(
            moved.id,
            EntryUpdate {
                partners: Some(vec![ada.id]),
                created_at: Some(days_ago(1)),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(ids(&t, Some(ada.id)), vec![moved.id, old.id]);

    let before = t.vault.entry(moved.id).unwrap();
    let refused = t.vault.update_entry(
        moved.id,
        EntryUpdate {
            created_at: Some(now() + chrono::Duration::days(3)),
            body: Some("lost?".into()),
            ..Default::default()
        },
        now(),
    );
    assert!(
        matches!(refused, Err(Error::Input(ref e)) if e.to_string().contains("future")),
        "{refused:?}"
    );
    assert_eq!(t.vault.entry(moved.id).unwrap(), before);
}
