//! Search: ranking, snippets, prefixes, and (as a property) that every filter combination
//! returns exactly the entries a plain scan would.

use std::collections::BTreeSet;

use chrono::Duration;
use proptest::prelude::*;
use rapport_core::{EntryId, EntryKind, PartnerId, SearchHit, SearchQuery};

use crate::support::{days_ago, entry, now, TestVault};

fn entry_ids(hits: &[SearchHit]) -> Vec<EntryId> {
    hits.iter()
        .filter_map(|h| match h {
            SearchHit::Entry { entry, .. } => Some(entry.id),
            _ => None,
        })
        .collect()
}

#[test]
fn finds_entries_and_partners_with_highlighted_snippets() {
    let mut t = TestVault::new();
    let priya = t.partner("Priya Raman");
    let e =
        t.add(entry("We agreed to cap work in progress across the organisation.").with(priya.id));
    t.add(entry("Unrelated lunch note."));

    let hits = t.vault.search(&SearchQuery::text("progress")).unwrap();
    assert_eq!(entry_ids(&hits), vec![e.id]);
    let SearchHit::Entry { snippet, .. } = &hits[0] else {
        panic!("entry hit expected")
    };
    let highlighted: Vec<_> = snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(highlighted, vec!["progress"]);

    let hits = t.vault.search(&SearchQuery::text("pri")).unwrap();
    assert!(matches!(&hits[0], SearchHit::Partner { partner, .. } if partner.id == priya.id));

    // As-you-type: the last word matches as a prefix; diacritics and case do not matter.
    assert_eq!(
        entry_ids(&t.vault.search(&SearchQuery::text("ORGANIS")).unwrap()),
        vec![e.id]
    );
    assert!(t
        .vault
        .search(&SearchQuery::text("organis "))
        .unwrap()
        .is_empty());
}

#[test]
fn problems_and_meetings_are_found_by_their_words() {
    let mut t = TestVault::new();
    let priya = t.partner("Priya");
    let problem = t
        .vault
        .add_problem("Too much work in progress", &[priya.id], days_ago(0))
        .unwrap();
    let meeting = t
        .vault
        .create_meeting(
            rapport_core::meetings::NewMeeting {
                partners: vec![priya.id],
                at: days_ago(0),
                template: None,
                signals: None,
                purpose: String::new(),
                minutes: None,
            },
            days_ago(0),
        )
        .unwrap();
    t.vault
        .add_agenda_item(
            meeting.id,
            "Options",
            "Ask QA for a staging environment 50% off",
        )
        .unwrap();
    let hits = t.vault.search(&SearchQuery::text("work progress")).unwrap();
    assert!(
        matches!(&hits[..], [SearchHit::Problem { problem: p, snippet }] if p.id == problem.id
        && snippet.iter().any(|s| s.highlight && s.text == "work"))
    );
    let hits = t.vault.search(&SearchQuery::text("staging")).unwrap();
    assert!(matches!(&hits[..], [SearchHit::Meeting { meeting: m, .. }] if m.id == meeting.id));
    // LIKE wildcards in typed text are just text.
    assert_eq!(t.vault.search(&SearchQuery::text("50%")).unwrap().len(), 1);
    assert!(
        t.vault
            .search(&SearchQuery::text("QA_for"))
            .unwrap()
            .is_empty(),
        "_ matches only _"
    );
}

#[test]
fn query_syntax_in_user_text_is_just_text() {
    let mut t = TestVault::new();
    t.add(entry("NEAR the AND gate, \"quoted\" text * star"));
    for q in ["\"", "AND", "NEAR(", "*", "-", "a OR", "col:umn", "\u{0}"] {
        t.vault.search(&SearchQuery::text(q)).unwrap();
    }
    assert_eq!(
        t.vault.search(&SearchQuery::text("quoted")).unwrap().len(),
        1
    );
}

#[test]
fn one_or_two_letters_find_the_words_they_begin() {
    let mut t = TestVault::new();
    let cap = t.add(entry("We agreed to cap work in progress."));
    let calm = t.add(entry("A calm retro."));
    t.add(entry("Unrelated lunch note."));

    let found = |text: &str| -> BTreeSet<EntryId> {
        entry_ids(&t.vault.search(&SearchQuery::text(text)).unwrap())
            .into_iter()
            .collect()
    };
    assert_eq!(found("c"), BTreeSet::from([cap.id, calm.id]));
    assert_eq!(found("ca"), BTreeSet::from([cap.id, calm.id]));
    assert_eq!(found("cal"), BTreeSet::from([calm.id]));
    assert_eq!(found("Ca"), found("ca"), "prefixes ignore case");
    assert!(found("c ").is_empty(), "a letter and a space is a word");
}

/// A jrnl export of `bodies`, one entry per day from 2020-01-01 on, in that order.
fn jrnl(bodies: &[String]) -> String {
    let entries: Vec<serde_json::Value> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let day =
                chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(i as i64);
            serde_json::json!({
                "title": format!("Entry {i}."), "body": body, "date": day.to_string(),
                "time": "09:00", "tags": [], "starred": false,
            })
        })
        .collect();
    serde_json::json!({ "tags": {}, "entries": entries }).to_string()
}

#[test]
fn a_word_in_more_entries_than_the_window_ranks_the_newest_written() {
    use rapport_core::search::RANKED_WINDOW;
    let window = RANKED_WINDOW as usize;
    let mut t = TestVault::new();
    // The first written says "alpha" most often, but more than a window of newer entries also
    // say it: it is not ranked. The best of the newer ones comes first.
    let mut bodies = vec!["alpha alpha alpha alpha alpha unique".to_owned()];
    bodies.extend((0..window).map(|i| {
        if i == window / 2 {
            "alpha alpha alpha among the newest".to_owned()
        } else {
            format!("alpha and some other words, number {i}")
        }
    }));
    t.vault
        .import_jrnl(&jrnl(&bodies), now(), &mut |_, _| {})
        .unwrap();

    let hits = t.vault.search(&SearchQuery::text("alpha ")).unwrap();
    let bodies_found: Vec<String> = hits
        .iter()
        .filter_map(|h| match h {
            SearchHit::Entry { entry, .. } => Some(entry.body.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(bodies_found.len(), 20);
    assert!(
        bodies_found[0].contains("alpha alpha alpha among the newest"),
        "the best of the window first: {:?}",
        &bodies_found[..3]
    );
    assert!(
        !bodies_found.iter().any(|b| b.contains("unique")),
        "the oldest written is outside the window"
    );
    // Narrowed to fewer matches than the window, the search ranks all of them again.
    let narrowed = t.vault.search(&SearchQuery::text("alpha unique")).unwrap();
    assert_eq!(entry_ids(&narrowed).len(), 1);
    // The import filled the index in one go and put its trigger back: a new entry is found.
    let written = t.add(entry("zebra crossing"));
    assert_eq!(
        entry_ids(&t.vault.search(&SearchQuery::text("zeb")).unwrap()),
        vec![written.id]
    );
}

#[test]
fn trashed_entries_are_not_found() {
    let mut t = TestVault::new();
    let e = t.add(entry("findable secret plan"));
    t.vault.trash_entry(e.id, days_ago(0)).unwrap();
    assert!(t
        .vault
        .search(&SearchQuery::text("plan"))
        .unwrap()
        .is_empty());
    t.vault.restore_entry(e.id).unwrap();
    assert_eq!(t.vault.search(&SearchQuery::text("plan")).unwrap().len(), 1);
}

#[test]
fn edited_text_is_found_by_its_new_words_only() {
    let mut t = TestVault::new();
    let e = t.add(entry("alpha words"));
    t.vault
        .update_entry(
            e.id,
            rapport_core::EntryUpdate {
                body: Some("omega words".into()),
                ..Default::default()
            },
            days_ago(0),
        )
        .unwrap();
    assert!(t
        .vault
        .search(&SearchQuery::text("alpha "))
        .unwrap()
        .is_empty());
    assert_eq!(
        t.vault.search(&SearchQuery::text("omega ")).unwrap().len(),
        1
    );
}

const WORDS: [&str; 5] = ["budget", "hiring", "roadmap", "incident", "offsite"];
const TAGS: [&str; 3] = ["wip", "org", "quality"];
const KINDS: [EntryKind; 3] = [EntryKind::Note, EntryKind::Win, EntryKind::Concern];

#[derive(Debug, Clone)]
struct GenEntry {
    words: Vec<usize>,
    tags: Vec<usize>,
    partners: Vec<usize>,
    kind: usize,
    days_ago: i64,
}

fn gen_entry() -> impl Strategy<Value = GenEntry> {
    (
        prop::collection::vec(0..WORDS.len(), 1..4),
        prop::collection::vec(0..TAGS.len(), 0..3),
        prop::collection::vec(0..3usize, 0..3),
        0..KINDS.len(),
        0..30i64,
    )
        .prop_map(|(words, tags, partners, kind, days_ago)| GenEntry {
            words,
            tags,
            partners,
            kind,
            days_ago,
        })
}

#[derive(Debug, Clone)]
struct GenQuery {
    word: Option<usize>,
    tag: Option<usize>,
    partner: Option<usize>,
    kind: Option<usize>,
    since: Option<i64>,
    until: Option<i64>,
}

fn gen_query() -> impl Strategy<Value = GenQuery> {
    (
        prop::option::of(0..WORDS.len()),
        prop::option::of(0..TAGS.len()),
        prop::option::of(0..3usize),
        prop::option::of(0..KINDS.len()),
        prop::option::of(0..30i64),
        prop::option::of(0..30i64),
    )
        .prop_map(|(word, tag, partner, kind, since, until)| GenQuery {
            word,
            tag,
            partner,
            kind,
            since,
            until,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn filters_return_exactly_the_matching_entries(
        entries in prop::collection::vec(gen_entry(), 0..25),
        queries in prop::collection::vec(gen_query(), 1..6),
    ) {
        let mut t = TestVault::new();
        let partners: Vec<PartnerId> = ["P0", "P1", "P2"].iter().map(|n| t.partner(n).id).collect();
        let mut written = Vec::new();
        for g in &entries {
            let body: Vec<&str> = g.words.iter().map(|&w| WORDS[w]).collect();
            let mut b = entry(&body.join(" ")).kind(KINDS[g.kind]).at(days_ago(g.days_ago) - Duration::minutes(7));
            for &tag in &g.tags { b = b.tag(TAGS[tag]); }
            for &p in &g.partners { b = b.with(partners[p]); }
            written.push((t.add(b).id, g.clone()));
        }
        for q in &queries {
            let since = q.since.map(days_ago);
            let until = q.until.map(days_ago);
            if let (Some(s), Some(u)) = (since, until) {
                if u <= s { continue; }
            }
            let query = SearchQuery {
                // A trailing space turns off prefix matching, so the scan below is exact.
                text: q.word.map(|w| format!("{} ", WORDS[w])).unwrap_or_default(),
                partners: q.partner.map(|p| vec![partners[p]]).unwrap_or_default(),
                tags: q.tag.map(|tag| vec![TAGS[tag].to_owned()]).unwrap_or_default(),
                kind: q.kind.map(|k| KINDS[k]),
                since,
                until,
                limit: 200,
            };
            let found: BTreeSet<EntryId> = entry_ids(&t.vault.search(&query).unwrap()).into_iter().collect();
            let no_criteria = q.word.is_none() && q.tag.is_none() && q.partner.is_none()
                && q.kind.is_none() && q.since.is_none() && q.until.is_none();
            let expected: BTreeSet<EntryId> = if no_criteria {
                BTreeSet::new()
            } else {
                written.iter().filter(|(_, g)| {
                    let at = days_ago(g.days_ago) - Duration::minutes(7);
                    q.word.is_none_or(|w| g.words.contains(&w))
                        && q.tag.is_none_or(|tag| g.tags.contains(&tag))
                        && q.partner.is_none_or(|p| g.partners.contains(&p))
                        && q.kind.is_none_or(|k| g.kind == k)
                        && since.is_none_or(|s| at >= s)
                        && until.is_none_or(|u| at < u)
                }).map(|(id, _)| *id).collect()
            };
            prop_assert_eq!(found, expected, "query {:?}", q);
        }
    }
}

#[test]
fn actions_and_decisions_are_found_by_their_words() {
    use rapport_core::actions::{ActionFilter, DecisionFilter, Owner};
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let meeting = crate::support::meeting_at(&mut t, sam.id, now());
    t.vault
        .add_action(
            meeting.id,
            Owner::Me,
            None,
            "Book the quarterly offsite",
            now(),
        )
        .unwrap();
    t.vault
        .add_decision(
            meeting.id,
            true,
            None,
            "Offsite in Lisbon, 100% remote-friendly",
            now(),
        )
        .unwrap();
    let hits = t.vault.search(&SearchQuery::text("offsite")).unwrap();
    let kinds: Vec<&str> = hits
        .iter()
        .map(|h| match h {
            SearchHit::Action { .. } => "action",
            SearchHit::Decision { .. } => "decision",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["action", "decision"]);
    // The decision log and the open actions filter by words too; LIKE's own signs are text.
    let found = t
        .vault
        .list_decisions(&DecisionFilter {
            text: Some("100%".into()),
            ..DecisionFilter::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    let none = t
        .vault
        .list_actions(&ActionFilter {
            text: Some("lisbon".into()),
            ..ActionFilter::default()
        })
        .unwrap();
    assert!(none.is_empty());
}
