//! Partners: adding, finding by name, editing, role history.

use chrono::NaiveDate;
use rapport_core::{Error, NewPartner, NewSpell, PartnerUpdate, Relationship, SpellOf};

use crate::support::{days_ago, entry, now, peer, TestVault};

#[test]
fn a_partner_keeps_every_field_and_starts_a_role_history() {
    let mut t = TestVault::new();
    let since = NaiveDate::from_ymd_opt(2013, 6, 1).unwrap();
    let added = t
        .vault
        .add_partner(
            NewPartner {
                name: "  Priya Raman ".into(),
                role: Some("Quality Director".into()),
                relationship: Relationship::CrossFunctional,
                organisation: Some("Acme".into()),
                since: Some(since),
                cadence_days: Some(14),
                notes: "Sounding board on WIP limits.".into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(added.name, "Priya Raman");
    assert_eq!(added.relationship, Relationship::CrossFunctional);
    assert_eq!(added.cadence_days, Some(14));
    assert_eq!(added.roles.len(), 1);
    assert_eq!(added.roles[0].started, Some(since));
    assert_eq!(added.roles[0].ended, None);
}

#[test]
fn names_are_unique_ignoring_case_and_found_by_unique_prefix() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada Lovelace");
    t.partner("Adam Smith");
    t.partner("Grace Hopper");
    assert!(matches!(
        t.vault.add_partner(peer("ada lovelace"), now()),
        Err(Error::Duplicate { .. })
    ));
    assert_eq!(t.vault.find_partner("ADA LOVELACE").unwrap(), ada.id);
    assert_eq!(t.vault.find_partner("ada l").unwrap(), ada.id);
    assert!(matches!(
        t.vault.find_partner("ada"),
        Err(Error::Ambiguous { .. })
    ));
    assert!(matches!(
        t.vault.find_partner("nobody"),
        Err(Error::NotFound { .. })
    ));
    let err = t.vault.find_partner("nobody").unwrap_err().to_string();
    assert!(!err.contains("nobody"), "errors do not echo names: {err}");
}

#[test]
fn a_new_role_closes_the_old_spell_and_opens_a_new_one() {
    let mut t = TestVault::new();
    let p = t
        .vault
        .add_partner(
            NewPartner {
                role: Some("Manager".into()),
                ..NewPartner::named("Sam")
            },
            days_ago(400),
        )
        .unwrap();
    let p = t
        .vault
        .update_partner(
            p.id,
            PartnerUpdate {
                role: Some("Peer director".into()),
                relationship: Some(Relationship::Peer),
                ..PartnerUpdate::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(p.role.as_deref(), Some("Peer director"));
    assert_eq!(p.relationship, Relationship::Peer);
    assert_eq!(p.roles.len(), 2);
    assert_eq!(p.roles[0].role.as_deref(), Some("Manager"));
    assert!(p.roles[0].ended.is_some());
    assert_eq!(p.roles[1].ended, None);

    let p = t
        .vault
        .add_spell(
            p.id,
            NewSpell {
                of: SpellOf::Role {
                    role: Some("Team lead".into()),
                    organisation: Some("Initech".into()),
                },
                started: NaiveDate::from_ymd_opt(2010, 1, 1),
                ended: NaiveDate::from_ymd_opt(2012, 1, 1),
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        p.roles.first().unwrap().organisation.as_deref(),
        Some("Initech"),
        "oldest first"
    );
    let backwards = NewSpell {
        of: SpellOf::Role {
            role: Some("x".into()),
            organisation: None,
        },
        started: NaiveDate::from_ymd_opt(2012, 1, 1),
        ended: NaiveDate::from_ymd_opt(2010, 1, 1),
    };
    assert!(t.vault.add_spell(p.id, backwards, now()).is_err());
}

#[test]
fn list_shows_last_entry_and_hides_archived() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let bob = t.partner("Bob");
    t.add(entry("old").with(ada.id).at(days_ago(10)));
    let newest = t.add(entry("new").with(ada.id).at(days_ago(1)));
    t.vault
        .update_partner(
            bob.id,
            PartnerUpdate {
                archived: Some(true),
                ..PartnerUpdate::default()
            },
            now(),
        )
        .unwrap();
    let listed = t.vault.list_partners(false).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_entry_at, Some(newest.created_at));
    assert_eq!(listed[0].entry_count, 2);
    assert_eq!(t.vault.list_partners(true).unwrap().len(), 2);
}

#[test]
fn entries_in_the_trash_are_neither_counted_nor_the_last_entry() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let bob = t.partner("Bob");
    let oldest = t.add(entry("oldest").with(ada.id).at(days_ago(30)));
    let shared = t.add(entry("both").with(ada.id).with(bob.id).at(days_ago(20)));
    let newest = t.add(entry("newest").with(ada.id).at(days_ago(1)));
    let listed = |t: &TestVault| {
        t.vault
            .list_partners(false)
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.entry_count, p.last_entry_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        listed(&t),
        [
            ("Ada".to_owned(), 3, Some(newest.created_at)),
            ("Bob".to_owned(), 1, Some(shared.created_at)),
        ]
    );

    t.vault.trash_entry(newest.id, now()).unwrap();
    t.vault.trash_entry(shared.id, now()).unwrap();
    assert_eq!(
        listed(&t),
        [
            ("Ada".to_owned(), 1, Some(oldest.created_at)),
            ("Bob".to_owned(), 0, None),
        ]
    );
    assert_eq!(t.vault.partner(ada.id).unwrap().entry_count, 1);

    t.vault.restore_entry(shared.id).unwrap();
    t.vault.purge_entry(newest.id).unwrap();
    assert_eq!(
        listed(&t),
        [
            ("Ada".to_owned(), 2, Some(shared.created_at)),
            ("Bob".to_owned(), 1, Some(shared.created_at)),
        ]
    );
}

#[test]
fn invalid_partner_input_is_refused() {
    let mut t = TestVault::new();
    for bad in [
        NewPartner::named(""),
        NewPartner::named("two\nlines"),
        NewPartner::named("x".repeat(201)),
        NewPartner {
            cadence_days: Some(0),
            ..NewPartner::named("ok")
        },
    ] {
        assert!(matches!(
            t.vault.add_partner(bad, now()),
            Err(Error::Input(_))
        ));
    }
    assert!(t.vault.list_partners(true).unwrap().is_empty());
}

/// One step of the model-based test of the kept counts below.
#[derive(Debug, Clone)]
enum Step {
    AddPartner,
    /// Add an entry linked to the partners whose bits are set in the mask.
    Add(u8),
    Trash(usize),
    Restore(usize),
    Purge(usize),
    /// Replace an entry's partners by those in the mask.
    Relink(usize, u8),
    EmptyTrash,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(Step::AddPartner),
        4 => any::<u8>().prop_map(Step::Add),
        3 => any::<usize>().prop_map(Step::Trash),
        2 => any::<usize>().prop_map(Step::Restore),
        1 => any::<usize>().prop_map(Step::Purge),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, mask)| Step::Relink(i, mask)),
        1 => Just(Step::EmptyTrash),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    // The live entry count and each partner's count are kept by triggers (migration 3). Whatever
    // happens to entries and links, they must equal a count of a plain model of the journal.
    #[test]
    fn kept_counts_follow_every_change_to_entries_and_links(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let mut t = TestVault::new();
        let mut partners = vec![t.partner("P0").id, t.partner("P1").id];
        // The model: each entry that still exists, whether it is live, and its partners.
        let mut model: Vec<(rapport_core::EntryId, bool, Vec<rapport_core::PartnerId>)> = Vec::new();
        let linked = |partners: &[rapport_core::PartnerId], mask: u8| {
            partners.iter().enumerate().filter(|(i, _)| mask & (1 << (i % 8)) != 0).map(|(_, p)| *p).collect::<Vec<_>>()
        };
        for (n, step) in steps.into_iter().enumerate() {
            match step {
                Step::AddPartner => partners.push(t.partner(&format!("P{}", partners.len())).id),
                Step::Add(mask) => {
                    let with = linked(&partners, mask);
                    let mut b = entry(&format!("entry {n}")).at(days_ago(n as i64 % 9));
                    for p in &with {
                        b = b.with(*p);
                    }
                    model.push((t.add(b).id, true, with));
                }
                Step::Trash(_) | Step::Restore(_) | Step::Purge(_) | Step::Relink(..) if model.is_empty() => {}
                Step::Trash(i) => {
                    let index = i % model.len();
                    let (id, live, _) = &mut model[index];
                    proptest::prop_assert_eq!(t.vault.trash_entry(*id, now()).is_ok(), *live);
                    *live = false;
                }
                Step::Restore(i) => {
                    let index = i % model.len();
                    let (id, live, _) = &mut model[index];
                    proptest::prop_assert_eq!(t.vault.restore_entry(*id).is_ok(), !*live);
                    *live = true;
                }
                Step::Purge(i) => {
                    let index = i % model.len();
                    let (id, live, _) = model[index].clone();
                    proptest::prop_assert_eq!(t.vault.purge_entry(id).is_ok(), !live);
                    if !live {
                        model.remove(index);
                    }
                }
                Step::Relink(i, mask) => {
                    let with = linked(&partners, mask);
                    let index = i % model.len();
                    let (id, live, links) = &mut model[index];
                    let update = rapport_core::EntryUpdate { partners: Some(with.clone()), ..Default::default() };
                    proptest::prop_assert_eq!(t.vault.update_entry(*id, update, now()).is_ok(), *live);
                    if *live {
                        *links = with;
                    }
                }
                Step::EmptyTrash => {
                    let trashed = model.iter().filter(|(_, live, _)| !live).count();
                    proptest::prop_assert_eq!(t.vault.empty_trash().unwrap(), trashed);
                    model.retain(|(_, live, _)| *live);
                }
            }
            let live = model.iter().filter(|(_, live, _)| *live).count() as u64;
            proptest::prop_assert_eq!(t.vault.count_entries().unwrap(), live);
            let mut expected: Vec<_> = partners
                .iter()
                .map(|p| (*p, model.iter().filter(|(_, live, links)| *live && links.contains(p)).count() as u64))
                .collect();
            expected.sort();
            let mut counted: Vec<_> = t.vault.list_partners(true).unwrap().into_iter().map(|p| (p.id, p.entry_count)).collect();
            counted.sort();
            proptest::prop_assert_eq!(counted, expected);
        }
    }
}

#[test]
fn a_change_started_from_an_older_version_is_refused_and_changes_nothing() {
    let mut t = TestVault::new();
    let opened = t.partner("Priya");
    assert_eq!(opened.version, 1);
    // Changed elsewhere (another window, the CLI) while the form was open here.
    let elsewhere = t
        .vault
        .update_partner(
            opened.id,
            PartnerUpdate {
                role: Some("Quality Director".into()),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(elsewhere.version, 2);
    let refused = t
        .vault
        .update_partner(
            opened.id,
            PartnerUpdate {
                notes: Some("typed in the form".into()),
                expected_version: Some(opened.version),
                ..Default::default()
            },
            now(),
        )
        .unwrap_err();
    assert!(matches!(
        refused,
        Error::ChangedElsewhere { what: "partner" }
    ));
    assert_eq!(
        t.vault.partner(opened.id).unwrap(),
        elsewhere,
        "nothing changed"
    );
    let saved = t
        .vault
        .update_partner(
            opened.id,
            PartnerUpdate {
                notes: Some("typed in the form".into()),
                expected_version: Some(elsewhere.version),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        (saved.version, saved.role.as_deref(), saved.notes.as_str()),
        (3, Some("Quality Director"), "typed in the form"),
        "the change made elsewhere is kept beside this one"
    );
}
