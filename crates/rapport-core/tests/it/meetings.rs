//! Meetings: prepared agendas, carry-forward (as properties), templates, bad input.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport_core::actions::Owner;
use rapport_core::meetings::{AgendaState, Carried, MeetingStatus, NewMeeting, PeerSignals};
use rapport_core::templates::TemplateSection;
use rapport_core::{agenda_markdown, NewPartner, Relationship};

use crate::support::{days_ago, entry, meeting_at, now, TestVault};

#[test]
fn a_peer_one_on_one_is_prepared_from_the_six_steps_and_prints_as_markdown() {
    let mut t = TestVault::new();
    let priya = t
        .vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Peer,
                ..NewPartner::named("Priya Raman")
            },
            now(),
        )
        .unwrap();
    let at = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();
    let meeting = t
        .vault
        .create_meeting(
            NewMeeting {
                partners: vec![priya.id],
                at,
                template: None,
                signals: Some(PeerSignals {
                    shared_problem: true,
                    need_cooperation: false,
                    benefits_everyone: true,
                }),
                purpose: String::new(),
                minutes: None,
            },
            now(),
        )
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
    insta::assert_snapshot!(
        "agenda_new_peer_meeting",
        agenda_markdown(&meeting, today, &Utc)
    );
}

#[test]
fn the_next_meeting_carries_every_open_thread_and_prints_where_it_came_from() {
    let mut t = TestVault::new();
    let priya = t.partner("Priya");
    let first_at = Utc.with_ymd_and_hms(2025, 3, 1, 10, 0, 0).unwrap();
    let first = meeting_at(&mut t, priya.id, first_at);
    let problem = t
        .vault
        .add_agenda_item(first.id, "The problem", "Too much work in progress")
        .unwrap();
    let parked = t
        .vault
        .add_agenda_item(first.id, "Options", "Ask QA for test environments")
        .unwrap();
    t.vault
        .set_agenda_state(problem, AgendaState::Discussed)
        .unwrap();
    t.vault
        .set_agenda_state(parked, AgendaState::Parked)
        .unwrap();
    let mine = t
        .vault
        .add_action(
            first.id,
            Owner::Me,
            NaiveDate::from_ymd_opt(2025, 3, 10),
            "Send WIP numbers",
            first_at,
        )
        .unwrap();
    let theirs = t
        .vault
        .add_action(first.id, Owner::Them, None, "Draft the proposal", first_at)
        .unwrap();
    t.vault.complete_action(theirs.id, first_at).unwrap();
    let revisit = t
        .vault
        .add_decision(
            first.id,
            false,
            NaiveDate::from_ymd_opt(2025, 3, 14),
            "Cap WIP at 3 per team",
            first_at,
        )
        .unwrap();
    t.vault
        .add_decision(
            first.id,
            true,
            NaiveDate::from_ymd_opt(2025, 6, 1),
            "Meet weekly",
            first_at,
        )
        .unwrap();
    t.vault
        .set_meeting_status(first.id, MeetingStatus::Held, first_at)
        .unwrap();
    t.add(
        entry("Priya backed the proposal in staff")
            .with(priya.id)
            .at(first_at + Duration::days(3)),
    );
    t.add(
        entry("Before the first meeting")
            .with(priya.id)
            .at(first_at - Duration::days(3)),
    );

    let second_at = Utc.with_ymd_and_hms(2025, 3, 15, 10, 0, 0).unwrap();
    let second = meeting_at(&mut t, priya.id, second_at);
    let carried: Vec<&str> = second.agenda.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        carried,
        [
            "Send WIP numbers",
            "Cap WIP at 3 per team",
            "Ask QA for test environments",
            "Priya backed the proposal in staff"
        ]
    );
    assert!(second.agenda.iter().all(|i| i.carried.is_some()));
    assert_eq!(
        second.agenda[2].section, "Options",
        "a carried agenda item keeps its section"
    );

    let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let printed = agenda_markdown(&second, today, &Utc);
    insta::assert_snapshot!("agenda_with_carried_items", printed);
    assert!(printed.contains("- [ ] Send WIP numbers _(action, me; due 2025-03-10, overdue; carried from 2025-03-01)_"), "{printed}");
    assert!(printed.contains("- [ ] Cap WIP at 3 per team _(not agreed yet; decide again by 2025-03-14; carried from 2025-03-01)_"), "{printed}");
    assert!(
        printed.contains("- [ ] Ask QA for test environments _(carried from 2025-03-01)_"),
        "{printed}"
    );
    assert!(
        printed
            .contains("- [ ] Priya backed the proposal in staff _(note; carried from 2025-03-04)_"),
        "{printed}"
    );

    // Completing the action in the second meeting completes it in the first as well.
    t.vault.complete_action(mine.id, second_at).unwrap();
    let first_again = t.vault.meeting(first.id).unwrap();
    assert!(first_again
        .actions
        .iter()
        .find(|a| a.id == mine.id)
        .unwrap()
        .done_at
        .is_some());
    let second_again = t.vault.meeting(second.id).unwrap();
    assert!(
        matches!(&second_again.agenda[0].carried, Some(Carried::Action { action }) if action.done_at.is_some())
    );

    // The decision is revisited and settled: it does not come back.
    t.vault
        .revisit_decision(revisit.id, true, None, second_at)
        .unwrap();
    t.vault
        .set_meeting_status(second.id, MeetingStatus::Held, second_at)
        .unwrap();
    let third = meeting_at(&mut t, priya.id, second_at + Duration::days(14));
    let texts: Vec<&str> = third.agenda.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Ask QA for test environments"],
        "only the still-parked item is left"
    );
}

#[test]
fn a_cancelled_meetings_items_carry_on_and_a_planned_one_keeps_its_own_until_it_lapses() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let first = meeting_at(&mut t, ada.id, days_ago(20));
    t.vault
        .add_action(first.id, Owner::Both, None, "Write the memo", days_ago(20))
        .unwrap();
    t.vault
        .set_meeting_status(first.id, MeetingStatus::Cancelled, days_ago(20))
        .unwrap();
    let second = meeting_at(&mut t, ada.id, days_ago(10));
    assert_eq!(
        second.agenda.len(),
        1,
        "carried out of the cancelled meeting"
    );
    // The second meeting is still planned and its time has not come: a third one prepared
    // meanwhile does not carry the same action again.
    let prepare = |t: &mut TestVault, at, now| {
        t.vault
            .create_meeting(
                NewMeeting {
                    partners: vec![ada.id],
                    at,
                    template: None,
                    signals: None,
                    purpose: String::new(),
                    minutes: None,
                },
                now,
            )
            .unwrap()
    };
    let third = prepare(&mut t, days_ago(5), days_ago(11));
    assert!(third.agenda.is_empty(), "{:?}", third.agenda);
    assert!(third.took_over.is_empty());
    // Its time passes and it is never marked held or cancelled: it lapsed. Home asks about it,
    // and the next meeting prepared takes over what it held, and says from which meeting.
    let lapsed = t.vault.due(days_ago(7)).unwrap().lapsed_meetings;
    assert_eq!(
        lapsed.iter().map(|m| m.id).collect::<Vec<_>>(),
        [second.id],
        "the third is planned for later"
    );
    let fourth = prepare(&mut t, days_ago(1), days_ago(7));
    assert_eq!(fourth.agenda.len(), 1, "the memo, taken over");
    assert_eq!(
        fourth.took_over.iter().map(|m| m.id).collect::<Vec<_>>(),
        [second.id]
    );
    assert!(
        t.vault.meeting(fourth.id).unwrap().took_over.is_empty(),
        "said when prepared, not kept"
    );
    // Marked cancelled, it is no longer asked about.
    t.vault
        .set_meeting_status(second.id, MeetingStatus::Cancelled, days_ago(7))
        .unwrap();
    assert!(t.vault.lapsed_meetings(days_ago(7), 10).unwrap().is_empty());
    // A meeting recorded from memory, long after it happened, takes over nothing: not itself
    // (its time has passed the moment it is written), nor the meetings after it.
    let remembered = prepare(&mut t, days_ago(400), days_ago(1));
    assert!(
        remembered.took_over.is_empty(),
        "{:?}",
        remembered.took_over
    );
}

#[test]
fn a_lapsed_meeting_moves_to_another_time_and_only_a_planned_one_does() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let lapsed = meeting_at(&mut t, ada.id, days_ago(3));
    let later = now() + Duration::days(2);
    let moved = t.vault.move_meeting(lapsed.id, later, now()).unwrap();
    assert_eq!(moved.at, later);
    assert!(t.vault.lapsed_meetings(now(), 10).unwrap().is_empty());
    assert_eq!(t.vault.due(now()).unwrap().next_meetings[0].id, lapsed.id);
    // Each partner's meeting list reads the moved time.
    let listed = t.vault.list_meetings(Some(ada.id), 10).unwrap();
    assert_eq!(listed[0].at, later);
    t.vault
        .set_meeting_status(lapsed.id, MeetingStatus::Held, now())
        .unwrap();
    let refused = t.vault.move_meeting(lapsed.id, later, now()).unwrap_err();
    assert_eq!(refused.kind(), "invalid_input");
    assert!(t
        .vault
        .move_meeting(lapsed.id, now() + Duration::days(4000), now())
        .is_err());
    assert_eq!(
        t.vault
            .move_meeting(rapport_core::meetings::MeetingId(999), later, now())
            .unwrap_err()
            .kind(),
        "not_found"
    );
}

#[test]
fn agenda_items_move_within_their_section_and_keep_notes() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let meeting = meeting_at(&mut t, ada.id, now());
    let a = t
        .vault
        .add_agenda_item(meeting.id, "Options", "first")
        .unwrap();
    let b = t
        .vault
        .add_agenda_item(meeting.id, "Options", "second")
        .unwrap();
    t.vault
        .add_agenda_item(meeting.id, "Agreement", "elsewhere")
        .unwrap();
    t.vault.move_agenda_item(b, true).unwrap();
    t.vault.move_agenda_item(b, true).unwrap(); // already first: stays
    t.vault
        .set_agenda_notes(a, "Priya will check with QA")
        .unwrap();
    let texts: Vec<String> = t
        .vault
        .meeting(meeting.id)
        .unwrap()
        .agenda
        .iter()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(texts, ["second", "first", "elsewhere"]);
    let notes = t.vault.meeting(meeting.id).unwrap().agenda[1].notes.clone();
    assert_eq!(notes, "Priya will check with QA");
    assert!(t
        .vault
        .move_agenda_item(rapport_core::meetings::AgendaItemId(999), true)
        .is_err());
}

#[test]
fn an_agenda_update_is_all_or_nothing() {
    use rapport_core::meetings::{AgendaState, AgendaUpdate};
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let meeting = meeting_at(&mut t, ada.id, now());
    let a = t
        .vault
        .add_agenda_item(meeting.id, "Options", "first")
        .unwrap();
    let b = t
        .vault
        .add_agenda_item(meeting.id, "Options", "second")
        .unwrap();
    let item = |t: &TestVault, id| {
        t.vault
            .meeting(meeting.id)
            .unwrap()
            .agenda
            .into_iter()
            .position(|i| i.id == id)
            .map(|at| t.vault.meeting(meeting.id).unwrap().agenda[at].clone())
            .unwrap()
    };
    let before = (item(&t, b), item(&t, a));
    // Notes too long: neither the state nor the move happens either.
    let refused = AgendaUpdate {
        state: Some(AgendaState::Discussed),
        notes: Some("x".repeat(rapport_core::MAX_NOTES_BYTES + 1)),
        move_up: Some(true),
        text: None,
    };
    assert!(t.vault.update_agenda_item(b, &refused).is_err());
    assert_eq!((item(&t, b), item(&t, a)), before);
    // All three together.
    let update = AgendaUpdate {
        notes: Some("agreed in principle".into()),
        ..refused
    };
    t.vault.update_agenda_item(b, &update).unwrap();
    let moved = item(&t, b);
    assert_eq!(moved.state, AgendaState::Discussed);
    assert_eq!(moved.notes, "agreed in principle");
    assert_eq!(t.vault.meeting(meeting.id).unwrap().agenda[0].id, b);
}

#[test]
fn user_templates_and_relationship_defaults() {
    let mut t = TestVault::new();
    let builtins: Vec<String> = t
        .vault
        .templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        builtins,
        ["Manager one-on-one", "Mentor check-in", "Peer one-on-one"]
    );
    let peer = t.vault.find_template("peer ONE-on-one").unwrap();
    let mine = t
        .vault
        .duplicate_template(peer, "Short peer sync", now())
        .unwrap();
    assert!(!mine.builtin);
    assert!(t
        .vault
        .update_template(
            peer,
            "x",
            &[TemplateSection {
                title: "A".into(),
                prompt: String::new()
            }],
            now()
        )
        .is_err());
    let mine = t
        .vault
        .update_template(
            mine.id,
            "Short peer sync",
            &[
                TemplateSection {
                    title: "Check-in".into(),
                    prompt: String::new(),
                },
                TemplateSection {
                    title: "Blockers".into(),
                    prompt: "What is stuck?".into(),
                },
            ],
            now(),
        )
        .unwrap();
    t.vault
        .set_default_template(Relationship::Mentor, mine.id)
        .unwrap();
    let mentor = t
        .vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Mentor,
                ..NewPartner::named("Sam")
            },
            now(),
        )
        .unwrap();
    let meeting = meeting_at(&mut t, mentor.id, now());
    let titles: Vec<&str> = meeting.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Carried forward", "Check-in", "Blockers"]);
    // Each template says which relationships start from it; one that a cross-functional
    // relationship starts from asks the peer one-on-one's signals.
    let mine_now = t.vault.template(mine.id).unwrap();
    assert_eq!(mine_now.default_for, [Relationship::Mentor]);
    assert!(!mine_now.is_peer() && mine_now.key.is_none());
    let builtin = t.vault.templates().unwrap();
    let peer = builtin
        .iter()
        .find(|t| t.key.as_deref() == Some("peer"))
        .unwrap();
    assert!(peer.is_peer());
    assert_eq!(
        peer.default_for,
        [Relationship::CrossFunctional, Relationship::Peer]
    );
    t.vault
        .set_default_template(Relationship::CrossFunctional, mine.id)
        .unwrap();
    assert!(t.vault.template(mine.id).unwrap().is_peer());
    assert!(
        t.vault
            .add_template("short PEER sync", &mine.sections, now())
            .is_err(),
        "names are unique"
    );
    assert!(t.vault.add_template("Empty", &[], now()).is_err());
}

#[test]
fn bad_meeting_input_is_refused() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let none = NewMeeting {
        partners: vec![],
        at: now(),
        template: None,
        signals: None,
        purpose: String::new(),
        minutes: None,
    };
    assert!(t.vault.create_meeting(none, now()).is_err());
    let unknown = NewMeeting {
        partners: vec![rapport_core::PartnerId(99)],
        at: now(),
        template: None,
        signals: None,
        purpose: String::new(),
        minutes: None,
    };
    assert!(t.vault.create_meeting(unknown, now()).is_err());
    let meeting = meeting_at(&mut t, ada.id, now());
    assert!(t
        .vault
        .add_action(meeting.id, Owner::Me, None, "  ", now())
        .is_err());
    assert!(t
        .vault
        .add_action(
            rapport_core::meetings::MeetingId(99),
            Owner::Me,
            None,
            "x",
            now()
        )
        .is_err());
    assert!("boss".parse::<Owner>().is_err());
    assert_eq!(t.vault.list_meetings(None, 10).unwrap().len(), 1);
}

// ---- Carry-forward as a property -------------------------------------------------------------

#[derive(Debug, Clone)]
struct GenMeeting {
    cancelled: bool,
    own_items: Vec<u8>,
    /// A state for each item carried in (by order), cycled.
    carried_states: Vec<u8>,
    actions: Vec<(u8, bool)>,
    decisions: Vec<(bool, u8)>,
}

fn gen_meeting() -> impl Strategy<Value = GenMeeting> {
    (
        any::<bool>(),
        prop::collection::vec(0u8..3, 0..3),
        prop::collection::vec(0u8..3, 1..4),
        prop::collection::vec((0u8..3, any::<bool>()), 0..3),
        prop::collection::vec((any::<bool>(), 0u8..3), 0..2),
    )
        .prop_map(
            |(cancelled, own_items, carried_states, actions, decisions)| GenMeeting {
                cancelled,
                own_items,
                carried_states,
                actions,
                decisions,
            },
        )
}

fn state(n: u8) -> AgendaState {
    [
        AgendaState::Open,
        AgendaState::Discussed,
        AgendaState::Parked,
    ][n as usize % 3]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn carry_forward_brings_exactly_what_is_open_and_never_twice(history in prop::collection::vec(gen_meeting(), 1..5)) {
        let mut t = TestVault::new();
        let priya = t.partner("Priya");
        let other = t.partner("Other");
        let start = Utc.with_ymd_and_hms(2025, 1, 6, 10, 0, 0).unwrap();
        let final_at = start + Duration::days(7 * (history.len() as i64 + 1));
        let final_day = final_at.date_naive();

        // Something open with another partner must never show up.
        let elsewhere = meeting_at(&mut t, other.id, start);
        t.vault.add_action(elsewhere.id, Owner::Me, None, "not for Priya", start).unwrap();
        t.vault.set_meeting_status(elsewhere.id, MeetingStatus::Held, start).unwrap();

        let mut open_actions = BTreeSet::new();
        let mut carried_decisions = BTreeSet::new();
        // Agenda roots and the state of their latest appearance.
        let mut latest_state: HashMap<i64, AgendaState> = HashMap::new();

        for (k, g) in history.iter().enumerate() {
            let at = start + Duration::days(7 * (k as i64 + 1));
            let meeting = meeting_at(&mut t, priya.id, at);
            let mut sources = BTreeSet::new();
            for (i, item) in meeting.agenda.iter().enumerate() {
                let key = match &item.carried {
                    Some(Carried::Agenda { root, .. }) => ("agenda", root.0),
                    Some(Carried::Action { action }) => ("action", action.id.0),
                    Some(Carried::Decision { decision }) => ("decision", decision.id.0),
                    Some(Carried::Entry { entry, .. }) => ("entry", entry.0),
                    None => ("own", item.id.0),
                };
                prop_assert!(sources.insert(key), "carried twice: {:?}", key);
                if let Some(Carried::Agenda { root, .. }) = &item.carried {
                    let s = state(g.carried_states[i % g.carried_states.len()]);
                    t.vault.set_agenda_state(item.id, s).unwrap();
                    latest_state.insert(root.0, s);
                }
            }
            for (i, n) in g.own_items.iter().enumerate() {
                let id = t.vault.add_agenda_item(meeting.id, "Agenda", &format!("item {k}.{i}")).unwrap();
                t.vault.set_agenda_state(id, state(*n)).unwrap();
                latest_state.insert(id.0, state(*n));
            }
            for (i, (owner, done)) in g.actions.iter().enumerate() {
                let owner = [Owner::Me, Owner::Them, Owner::Both][*owner as usize];
                let action = t.vault.add_action(meeting.id, owner, None, &format!("action {k}.{i}"), at).unwrap();
                if *done {
                    t.vault.complete_action(action.id, at).unwrap();
                } else {
                    open_actions.insert(action.id.0);
                }
            }
            for (i, (agreed, revisit)) in g.decisions.iter().enumerate() {
                let revisit_on = match revisit {
                    0 => None,
                    1 => Some(final_day - Duration::days(1)),
                    _ => Some(final_day + Duration::days(1)),
                };
                let decision = t.vault.add_decision(meeting.id, *agreed, revisit_on, &format!("decision {k}.{i}"), at).unwrap();
                let due = revisit_on.is_some_and(|d| d <= final_day) || (revisit_on.is_none() && !agreed);
                if due {
                    carried_decisions.insert(decision.id.0);
                }
            }
            let status = if g.cancelled { MeetingStatus::Cancelled } else { MeetingStatus::Held };
            t.vault.set_meeting_status(meeting.id, status, at).unwrap();
        }

        let last = meeting_at(&mut t, priya.id, final_at);
        let mut actions = BTreeSet::new();
        let mut decisions = BTreeSet::new();
        let mut roots = BTreeSet::new();
        for item in &last.agenda {
            match &item.carried {
                Some(Carried::Action { action }) => prop_assert!(actions.insert(action.id.0)),
                Some(Carried::Decision { decision }) => prop_assert!(decisions.insert(decision.id.0)),
                Some(Carried::Agenda { root, .. }) => prop_assert!(roots.insert(root.0)),
                Some(Carried::Entry { .. }) => {}
                None => prop_assert!(false, "a fresh agenda has only carried items"),
            }
        }
        let open_roots: BTreeSet<i64> = latest_state
            .iter()
            .filter(|(_, s)| **s != AgendaState::Discussed)
            .map(|(root, _)| *root)
            .collect();
        prop_assert_eq!(actions, open_actions);
        prop_assert_eq!(decisions, carried_decisions);
        prop_assert_eq!(roots, open_roots);
    }
}

#[test]
fn the_agenda_shared_with_the_peer_holds_nothing_private() {
    use rapport_core::agenda_share::ShareFormat;

    let mut t = TestVault::new();
    let sam = t.partner("Sam Lee");
    let first_at = now() - chrono::Duration::days(14);
    let first = meeting_at(&mut t, sam.id, first_at);
    t.vault
        .add_action(
            first.id,
            Owner::Them,
            None,
            "Send the WIP numbers",
            first_at,
        )
        .unwrap();
    t.vault
        .set_meeting_status(first.id, MeetingStatus::Held, first_at)
        .unwrap();
    // Written since: a private worry and a note marked shareable, both carried in.
    let written = now() - chrono::Duration::days(2);
    t.add(
        entry("PRIVATE-WORRY Sam looked tired")
            .with(sam.id)
            .at(written),
    );
    t.add(
        entry("SHARED-TOPIC the release calendar")
            .with(sam.id)
            .shareable()
            .at(written),
    );
    let at = Utc.with_ymd_and_hms(2030, 3, 14, 9, 30, 0).unwrap();
    let meeting = t
        .vault
        .create_meeting(
            NewMeeting {
                partners: vec![sam.id],
                at,
                template: None,
                signals: None,
                purpose: "WIP across our teams".into(),
                minutes: Some(45),
            },
            now(),
        )
        .unwrap();
    assert_eq!(meeting.purpose, "WIP across our teams");
    assert_eq!(meeting.minutes, Some(45));
    let carried: Vec<&str> = meeting.agenda.iter().map(|i| i.text.as_str()).collect();
    assert!(
        carried.iter().any(|t| t.contains("PRIVATE-WORRY")),
        "{carried:?}"
    );
    t.vault
        .set_check_in(meeting.id, "CHECKIN-SECRET tired of reorgs", now())
        .unwrap();
    let item = t
        .vault
        .add_agenda_item(meeting.id, "Agenda", "Who presents to the directors")
        .unwrap();
    t.vault
        .set_agenda_notes(item, "NOTES-SECRET I would rather not")
        .unwrap();

    let md = t
        .vault
        .share_agenda(meeting.id, ShareFormat::Markdown, &Utc, now())
        .unwrap();
    let ics = t
        .vault
        .share_agenda(meeting.id, ShareFormat::Ics, &Utc, now())
        .unwrap();
    for shared in [&md, &ics] {
        for secret in ["PRIVATE-WORRY", "CHECKIN-SECRET", "NOTES-SECRET"] {
            assert!(!shared.contains(secret), "{secret} shared:\n{shared}");
        }
    }
    for expected in [
        "# WIP across our teams",
        "When: Thursday 14 March 2030, 09:30, 45 minutes",
        "With: Sam Lee",
        "Who presents to the directors",
        "SHARED-TOPIC the release calendar",
        "Send the WIP numbers (action, them)",
    ] {
        assert!(md.contains(expected), "{expected:?} missing from\n{md}");
    }

    // The calendar file parses, with the meeting's time and length.
    use icalendar::{Calendar, CalendarComponent, Component};
    let calendar: Calendar = ics.parse().expect("a calendar file");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    assert_eq!(event.get_summary(), Some("WIP across our teams"));
    let start = event.get_start().expect("a start");
    let end = event.get_end().expect("an end");
    let as_utc = |d: icalendar::DatePerhapsTime| match d {
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at)) => at,
        other => panic!("not a UTC time: {other:?}"),
    };
    assert_eq!(as_utc(start), at);
    assert_eq!(as_utc(end), at + chrono::Duration::minutes(45));
    let description = event.get_description().unwrap_or_default();
    assert!(
        description.contains("Who presents to the directors"),
        "{description}"
    );
    assert!(!description.contains("PRIVATE-WORRY"));
    assert!(event
        .get_uid()
        .is_some_and(|u| u.starts_with(&format!("meeting-{}-", meeting.id))));

    // Purpose and length are checked and can be changed.
    let changed = t
        .vault
        .set_meeting_plan(meeting.id, "Options for WIP", Some(30), now())
        .unwrap();
    assert_eq!(
        (changed.purpose.as_str(), changed.minutes),
        ("Options for WIP", Some(30))
    );
    assert!(t
        .vault
        .set_meeting_plan(meeting.id, "x", Some(1), now())
        .is_err());
    assert!(t
        .vault
        .set_meeting_plan(meeting.id, "two\nlines", None, now())
        .is_err());
    assert!("docx".parse::<ShareFormat>().is_err());
}

#[test]
fn agenda_items_actions_and_decisions_are_edited_and_deleted_everywhere_they_show() {
    use rapport_core::actions::{ActionEdit, DecisionEdit};
    use rapport_core::meetings::AgendaUpdate;
    use rapport_core::Error;
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let first_at = now() - Duration::days(14);
    let first = meeting_at(&mut t, sam.id, first_at);
    let topic = t
        .vault
        .add_agenda_item(first.id, "Agenda", "Test environments")
        .unwrap();
    t.vault
        .set_agenda_state(topic, AgendaState::Parked)
        .unwrap();
    let action = t
        .vault
        .add_action(first.id, Owner::Me, None, "Send numbers", first_at)
        .unwrap();
    let decision = t
        .vault
        .add_decision(first.id, false, None, "Cap WIP", first_at)
        .unwrap();
    t.vault
        .set_meeting_status(first.id, MeetingStatus::Held, first_at)
        .unwrap();
    let second = meeting_at(&mut t, sam.id, now());
    assert_eq!(second.agenda.len(), 3, "{:?}", second.agenda);

    // An action edited: text, owner, due; then the due date cleared.
    let due = now().date_naive() + Duration::days(3);
    let edited = t
        .vault
        .update_action(
            action.id,
            ActionEdit {
                text: Some("Send the WIP numbers".into()),
                owner: Some(Owner::Them),
                due: Some(Some(due)),
            },
        )
        .unwrap();
    assert_eq!(
        (edited.text.as_str(), edited.owner, edited.due),
        ("Send the WIP numbers", Owner::Them, Some(due))
    );
    let cleared = t
        .vault
        .update_action(
            action.id,
            ActionEdit {
                due: Some(None),
                ..ActionEdit::default()
            },
        )
        .unwrap();
    assert_eq!((cleared.due, cleared.owner), (None, Owner::Them));
    assert!(t
        .vault
        .update_action(
            action.id,
            ActionEdit {
                text: Some(" ".into()),
                ..ActionEdit::default()
            }
        )
        .is_err());
    // A decision edited.
    let agreed = t
        .vault
        .update_decision(
            decision.id,
            DecisionEdit {
                agreed: Some(true),
                revisit_on: Some(Some(due)),
                ..DecisionEdit::default()
            },
        )
        .unwrap();
    assert!(agreed.agreed && agreed.revisit_on == Some(due));

    // A carried item is neither retyped nor deleted where it is carried: it is settled at home.
    let carried = t.vault.meeting(second.id).unwrap();
    let carried_action = carried
        .agenda
        .iter()
        .find(|i| matches!(i.carried, Some(Carried::Action { .. })))
        .unwrap()
        .id;
    assert!(t.vault.delete_agenda_item(carried_action).is_err());
    assert!(t
        .vault
        .update_agenda_item(
            carried_action,
            &AgendaUpdate {
                text: Some("x".into()),
                ..AgendaUpdate::default()
            }
        )
        .is_err());
    // The carried topic (an earlier agenda item) takes new words here.
    let carried_topic = carried
        .agenda
        .iter()
        .find(|i| matches!(i.carried, Some(Carried::Agenda { .. })))
        .unwrap()
        .id;
    t.vault
        .update_agenda_item(
            carried_topic,
            &AgendaUpdate {
                text: Some("Shared test environments".into()),
                ..AgendaUpdate::default()
            },
        )
        .unwrap();

    // Deleting the action and the decision takes them off every agenda.
    t.vault.delete_action(action.id).unwrap();
    t.vault.delete_decision(decision.id).unwrap();
    assert!(matches!(
        t.vault.action(action.id),
        Err(Error::NotFound { .. })
    ));
    assert!(t.vault.delete_decision(decision.id).is_err());
    let after = t.vault.meeting(second.id).unwrap();
    let texts: Vec<&str> = after.agenda.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Shared test environments"]);
    // Deleting the topic where it was first raised deletes where it was carried too.
    t.vault.delete_agenda_item(topic).unwrap();
    assert!(t.vault.meeting(second.id).unwrap().agenda.is_empty());
    assert!(t.vault.meeting(first.id).unwrap().agenda.is_empty());
    assert!(t.vault.delete_agenda_item(topic).is_err());
}

#[test]
fn a_cohort_meeting_carries_forward_for_each_peer_and_counts_for_each_cadence() {
    let mut t = TestVault::new();
    let priya = t.partner("Priya");
    let marco = t.partner("Marco");
    let held_at = now() - Duration::days(3);
    let cohort = t
        .vault
        .create_meeting(
            NewMeeting {
                partners: vec![priya.id, marco.id],
                at: held_at,
                template: None,
                signals: None,
                purpose: "WIP with the whole peer group".into(),
                minutes: Some(60),
            },
            held_at,
        )
        .unwrap();
    t.vault
        .add_action(cohort.id, Owner::Them, None, "Bring the numbers", held_at)
        .unwrap();
    t.vault
        .set_meeting_status(cohort.id, MeetingStatus::Held, held_at)
        .unwrap();
    for partner in [priya.id, marco.id] {
        let cadence = t.vault.cadence(partner, now()).unwrap();
        assert_eq!(cadence.last_held, Some(held_at), "{partner:?}");
        assert_eq!(cadence.open_theirs, 1);
        // A one-on-one with either one carries the cohort's open action in.
        let next = meeting_at(&mut t, partner, now());
        assert!(
            next.agenda
                .iter()
                .any(|i| matches!(&i.carried, Some(Carried::Action { action }) if action.text == "Bring the numbers")),
            "{:?}",
            next.agenda
        );
        t.vault
            .set_meeting_status(next.id, MeetingStatus::Cancelled, now())
            .unwrap();
    }
}

#[test]
fn guests_who_are_not_partners_are_named_on_the_agenda_and_become_partners_when_promoted() {
    use rapport_core::agenda_share::ShareFormat;
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let meeting = meeting_at(&mut t, sam.id, now());
    let with_guest = t
        .vault
        .add_meeting_guest(meeting.id, "Dana Ortiz", now())
        .unwrap();
    assert_eq!(with_guest.guests[0].name, "Dana Ortiz");
    // Twice is once; a partner's name is refused; people stay out of Partners.
    assert_eq!(
        t.vault
            .add_meeting_guest(meeting.id, "dana ortiz", now())
            .unwrap()
            .guests
            .len(),
        1
    );
    assert!(t.vault.add_meeting_guest(meeting.id, "Sam", now()).is_err());
    assert_eq!(t.vault.list_partners(true).unwrap().len(), 1);
    let md = t
        .vault
        .share_agenda(meeting.id, ShareFormat::Markdown, &Utc, now())
        .unwrap();
    assert!(md.contains("With: Sam, Dana Ortiz"), "{md}");
    // Promoted, Dana was in the meeting as a partner.
    let dana = with_guest.guests[0].id;
    let partner = t.vault.promote_person(dana, now()).unwrap();
    let after = t.vault.meeting(meeting.id).unwrap();
    assert!(after.guests.is_empty());
    assert!(after.partners.iter().any(|p| p.id == partner.id));
    // Removing a guest who is not there is an error that changes nothing.
    assert!(t.vault.remove_meeting_guest(meeting.id, dana).is_err());
    let kim = t
        .vault
        .add_meeting_guest(meeting.id, "Kim", now())
        .unwrap()
        .guests[0]
        .id;
    assert!(t
        .vault
        .remove_meeting_guest(meeting.id, kim)
        .unwrap()
        .guests
        .is_empty());
}
