//! A partner's relationship and role histories: spells added from memory, corrected, removed,
//! and changed by the partner's form.

use chrono::{Duration, Local, NaiveDate};
use rapport_core::{
    Error, NewPartner, NewSpell, Partner, PartnerUpdate, Relationship, SpellKind, SpellOf,
};

use crate::support::{now, TestVault};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    now().with_timezone(&Local).date_naive()
}

fn relationship(kind: Relationship, from: Option<&str>, to: Option<&str>) -> NewSpell {
    NewSpell {
        of: SpellOf::Relationship(kind),
        started: from.map(date),
        ended: to.map(date),
    }
}

fn role(name: &str, organisation: &str, from: Option<&str>, to: Option<&str>) -> NewSpell {
    NewSpell {
        of: SpellOf::Role {
            role: Some(name.into()),
            organisation: Some(organisation.into()),
        },
        started: from.map(date),
        ended: to.map(date),
    }
}

/// Each relationship spell as (kind, started, ended), oldest first.
fn relationships(p: &Partner) -> Vec<(Relationship, Option<NaiveDate>, Option<NaiveDate>)> {
    p.relationships
        .iter()
        .map(|s| (s.relationship, s.started, s.ended))
        .collect()
}

fn refused_for(result: rapport_core::Result<Partner>, field: &str) {
    match result {
        Err(Error::Input(error)) => assert_eq!(error.field, field, "{error}"),
        other => panic!("expected invalid input for {field}, got {other:?}"),
    }
}

#[test]
fn a_mentor_of_thirteen_years_is_entered_from_memory() {
    let mut t = TestVault::new();
    let mike = t
        .vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Mentor,
                ..NewPartner::named("Mike")
            },
            now(),
        )
        .unwrap();
    // A new partner relates as they were added, from today.
    assert_eq!(
        relationships(&mike),
        [(Relationship::Mentor, Some(today()), None)]
    );

    let add = |t: &mut TestVault, spell| t.vault.add_spell(mike.id, spell, now());
    add(
        &mut t,
        relationship(Relationship::Report, Some("2013-03-01"), Some("2016-07-01")),
    )
    .unwrap();
    add(
        &mut t,
        relationship(Relationship::Peer, Some("2016-07-01"), Some("2020-01-01")),
    )
    .unwrap();
    // The current relationship again, from when it really began: its start is corrected.
    let mike_now = add(
        &mut t,
        relationship(Relationship::Mentor, Some("2020-01-01"), None),
    )
    .unwrap();
    assert_eq!(
        relationships(&mike_now),
        [
            (
                Relationship::Report,
                Some(date("2013-03-01")),
                Some(date("2016-07-01"))
            ),
            (
                Relationship::Peer,
                Some(date("2016-07-01")),
                Some(date("2020-01-01"))
            ),
            (Relationship::Mentor, Some(date("2020-01-01")), None),
        ]
    );
    assert_eq!(mike_now.relationship, Relationship::Mentor);

    // A spell that overlaps another is refused, and nothing changes.
    refused_for(
        add(
            &mut t,
            relationship(
                Relationship::Manager,
                Some("2015-01-01"),
                Some("2017-01-01"),
            ),
        ),
        "dates",
    );
    refused_for(
        add(
            &mut t,
            relationship(Relationship::Manager, None, Some("2014-01-01")),
        ),
        "dates",
    );
    // Open, but earlier than the current one's start: it would need its end.
    refused_for(
        add(
            &mut t,
            relationship(Relationship::Manager, Some("2019-01-01"), None),
        ),
        "started",
    );
    // Ahead of today, or ending before it starts.
    let tomorrow = (today() + Duration::days(1)).to_string();
    refused_for(
        add(
            &mut t,
            relationship(Relationship::Peer, Some(tomorrow.as_str()), None),
        ),
        "started",
    );
    refused_for(
        add(
            &mut t,
            relationship(Relationship::Peer, Some("2012-01-01"), Some("2011-01-01")),
        ),
        "dates",
    );
    let unchanged = t.vault.partner(mike.id).unwrap();
    assert_eq!(relationships(&unchanged), relationships(&mike_now));
    assert_eq!(unchanged.version, mike_now.version);

    // A new relationship from a later day ends the current one that day.
    let peers_again = add(
        &mut t,
        relationship(Relationship::Peer, Some("2024-05-01"), None),
    )
    .unwrap();
    assert_eq!(peers_again.relationship, Relationship::Peer);
    assert_eq!(
        relationships(&peers_again)[2..],
        [
            (
                Relationship::Mentor,
                Some(date("2020-01-01")),
                Some(date("2024-05-01"))
            ),
            (Relationship::Peer, Some(date("2024-05-01")), None),
        ]
    );
    // The same relationship from the same day replaces nothing: the start stays.
    let same = add(
        &mut t,
        relationship(Relationship::Peer, Some("2024-05-01"), None),
    )
    .unwrap();
    assert_eq!(relationships(&same), relationships(&peers_again));
    // Another relationship from the very day the current one began replaces it.
    let replaced = add(
        &mut t,
        relationship(Relationship::CrossFunctional, Some("2024-05-01"), None),
    )
    .unwrap();
    assert_eq!(replaced.relationships.len(), 4);
    assert_eq!(replaced.relationship, Relationship::CrossFunctional);
}

#[test]
fn spells_are_corrected_and_removed_but_the_current_relationship_stays() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let sam = t
        .vault
        .add_spell(
            sam.id,
            relationship(Relationship::Report, Some("2010-01-01"), Some("2014-01-01")),
            now(),
        )
        .unwrap();
    let (past, current) = (sam.relationships[0].id, sam.relationships[1].id);

    let corrected = t
        .vault
        .correct_spell(
            sam.id,
            past,
            relationship(Relationship::Mentee, Some("2009-06-01"), Some("2013-01-01")),
            now(),
        )
        .unwrap();
    assert_eq!(
        relationships(&corrected)[0],
        (
            Relationship::Mentee,
            Some(date("2009-06-01")),
            Some(date("2013-01-01"))
        )
    );
    assert!(
        corrected.version > sam.version,
        "a history change is a change"
    );

    // The current one's kind and start can be corrected, and the partner follows.
    let corrected = t
        .vault
        .correct_spell(
            sam.id,
            current,
            relationship(Relationship::Manager, Some("2013-01-01"), None),
            now(),
        )
        .unwrap();
    assert_eq!(corrected.relationship, Relationship::Manager);
    // But it keeps no end, a past one does not become current, and none may overlap another.
    let refused = [
        relationship(
            Relationship::Manager,
            Some("2013-01-01"),
            Some("2020-01-01"),
        ),
        relationship(Relationship::Manager, Some("2012-01-01"), None),
    ];
    for (spell, field) in refused.into_iter().zip(["ended", "dates"]) {
        refused_for(t.vault.correct_spell(sam.id, current, spell, now()), field);
    }
    refused_for(
        t.vault.correct_spell(
            sam.id,
            past,
            relationship(Relationship::Mentee, Some("2009-06-01"), None),
            now(),
        ),
        "ended",
    );
    refused_for(
        t.vault
            .remove_spell(sam.id, SpellKind::Relationship, current, now()),
        "spell",
    );
    assert_eq!(
        relationships(&t.vault.partner(sam.id).unwrap()),
        relationships(&corrected)
    );

    let removed = t
        .vault
        .remove_spell(sam.id, SpellKind::Relationship, past, now())
        .unwrap();
    assert_eq!(
        relationships(&removed),
        [(Relationship::Manager, Some(date("2013-01-01")), None)]
    );
    // A spell of another partner, or of the other history, is not found.
    let other = t.partner("Other");
    assert!(matches!(
        t.vault
            .remove_spell(other.id, SpellKind::Relationship, current, now()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        t.vault
            .remove_spell(sam.id, SpellKind::Role, current, now()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_form_changes_the_current_spell_from_today() {
    let mut t = TestVault::new();
    let long_ago = now() - Duration::days(800);
    let dana = t
        .vault
        .add_partner(
            NewPartner {
                role: Some("Engineer".into()),
                relationship: Relationship::Report,
                ..NewPartner::named("Dana")
            },
            long_ago,
        )
        .unwrap();
    let change = |t: &mut TestVault, update: PartnerUpdate| {
        t.vault.update_partner(dana.id, update, now()).unwrap()
    };
    let peer = change(
        &mut t,
        PartnerUpdate {
            relationship: Some(Relationship::Peer),
            ..PartnerUpdate::default()
        },
    );
    let began = long_ago.with_timezone(&Local).date_naive();
    assert_eq!(
        relationships(&peer),
        [
            (Relationship::Report, Some(began), Some(today())),
            (Relationship::Peer, Some(today()), None),
        ]
    );
    // Changed again the same day (a slip in the form): the day's spell is replaced, not ended
    // on the day it began.
    let mentor = change(
        &mut t,
        PartnerUpdate {
            relationship: Some(Relationship::Mentor),
            role: Some("Staff engineer".into()),
            ..PartnerUpdate::default()
        },
    );
    assert_eq!(
        relationships(&mentor)[1..],
        [(Relationship::Mentor, Some(today()), None)]
    );
    let roles: Vec<_> = mentor
        .roles
        .iter()
        .map(|s| (s.role.as_deref(), s.ended))
        .collect();
    assert_eq!(
        roles,
        [
            (Some("Engineer"), Some(today())),
            (Some("Staff engineer"), None)
        ]
    );

    // The same day again: the role is replaced too; cleared, it ends.
    let cleared = change(
        &mut t,
        PartnerUpdate {
            role: Some(String::new()),
            ..PartnerUpdate::default()
        },
    );
    assert_eq!(cleared.role, None);
    assert!(cleared.roles.iter().all(|s| s.ended.is_some()));
}

#[test]
fn past_roles_are_corrected_and_the_current_role_follows_its_spell() {
    let mut t = TestVault::new();
    let lee = t
        .vault
        .add_partner(
            NewPartner {
                role: Some("Director".into()),
                organisation: Some("Initech".into()),
                since: Some(date("2021-02-01")),
                ..NewPartner::named("Lee")
            },
            now(),
        )
        .unwrap();
    let current = lee.roles[0].id;
    let lee = t
        .vault
        .add_spell(
            lee.id,
            role("Team lead", "Acme", Some("2015-01-01"), Some("2021-02-01")),
            now(),
        )
        .unwrap();
    assert_eq!(
        lee.roles[0].organisation.as_deref(),
        Some("Acme"),
        "oldest first"
    );
    refused_for(
        t.vault.add_spell(
            lee.id,
            role("Manager", "Acme", Some("2018-01-01"), Some("2019-01-01")),
            now(),
        ),
        "dates",
    );
    refused_for(
        t.vault.add_spell(
            lee.id,
            NewSpell {
                of: SpellOf::Role {
                    role: Some("  ".into()),
                    organisation: None,
                },
                started: None,
                ended: Some(date("2010-01-01")),
            },
            now(),
        ),
        "role",
    );

    let corrected = t
        .vault
        .correct_spell(
            lee.id,
            current,
            role("VP Engineering", "Initech", Some("2021-02-01"), None),
            now(),
        )
        .unwrap();
    assert_eq!(corrected.role.as_deref(), Some("VP Engineering"));
    // A new role from a later day ends the current one and becomes the partner's role.
    let moved = t
        .vault
        .add_spell(
            lee.id,
            role("CTO", "Globex", Some("2024-09-01"), None),
            now(),
        )
        .unwrap();
    assert_eq!(moved.role.as_deref(), Some("CTO"));
    assert_eq!(moved.organisation.as_deref(), Some("Globex"));
    assert_eq!(moved.roles[1].ended, Some(date("2024-09-01")));
    // Removing the current role leaves none: the partner has no role now.
    let cto = moved.roles[2].id;
    let gone = t
        .vault
        .remove_spell(lee.id, SpellKind::Role, cto, now())
        .unwrap();
    assert_eq!((gone.role, gone.organisation), (None, None));
    assert_eq!(gone.roles.len(), 2);
}
