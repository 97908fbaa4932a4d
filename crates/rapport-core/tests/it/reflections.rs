//! Reflections over time: a prompt's answers about a partner, counted and read newest first.

use rapport_core::{EntryKind, ListQuery};

use crate::support::{days_ago, entry, now, TestVault};

#[test]
fn a_prompts_answers_are_counted_per_partner_and_read_newest_first() {
    let mut t = TestVault::new();
    let mike = t.partner("Mike");
    let ana = t.partner("Ana");
    let answer = |body: &str, ago: i64| {
        entry(body)
            .kind(EntryKind::Reflection)
            .tag("reflect-sounding-board")
            .at(days_ago(ago))
    };
    let old = t.add(
        answer(
            "Who is my sounding board? Mike, for the org questions.",
            400,
        )
        .with(mike.id),
    );
    let newer = t.add(answer("Who is my sounding board? Still Mike.", 30).with(mike.id));
    let trashed = t.add(answer("Who is my sounding board? A slip.", 10).with(mike.id));
    t.vault.trash_entry(trashed.id, now()).unwrap();
    t.add(answer("Who is my sounding board? Ana.", 5).with(ana.id));
    t.add(
        entry("What kind of partner am I?")
            .kind(EntryKind::Reflection)
            .tag("reflect-what-kind")
            .with(mike.id)
            .at(days_ago(2)),
    );
    // A tag that only looks like one is not a prompt's.
    t.add(
        entry("Reflections on the offsite")
            .tag("reflections")
            .with(mike.id),
    );

    let counts = t.vault.partner(mike.id).unwrap().reflections;
    let said: Vec<(&str, u32)> = counts.iter().map(|c| (c.tag.as_str(), c.answers)).collect();
    assert_eq!(
        said,
        [("reflect-sounding-board", 2), ("reflect-what-kind", 1)]
    );
    assert_eq!(counts[0].last_at, newer.created_at);

    let page = |before| {
        t.vault
            .list_entries(&ListQuery {
                limit: 1,
                before,
                partner: Some(mike.id),
                tag: Some("#Reflect-Sounding-Board".into()),
                ..ListQuery::default()
            })
            .unwrap()
    };
    let first = page(None);
    assert_eq!(
        first.entries[0].id, newer.id,
        "newest first, the trash left out"
    );
    let second = page(first.next_before);
    assert_eq!(second.entries[0].id, old.id);
    assert_eq!(second.next_before, None);

    // Every partner's answers, and the trash's.
    let all = t
        .vault
        .list_entries(&ListQuery {
            tag: Some("reflect-sounding-board".into()),
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(all.entries.len(), 3);
    let trash = t
        .vault
        .list_entries(&ListQuery {
            tag: Some("reflect-sounding-board".into()),
            trash: true,
            ..ListQuery::default()
        })
        .unwrap();
    assert_eq!(
        trash.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        [trashed.id]
    );
    assert!(t
        .vault
        .list_entries(&ListQuery {
            tag: Some("two words".into()),
            ..ListQuery::default()
        })
        .is_err());
}
