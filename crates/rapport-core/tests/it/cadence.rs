//! Cadence: how often you meet, the balance of open items, what is due, and reminders.

use chrono::{Duration, Local};
use rapport_core::actions::{ActionFilter, Owner};
use rapport_core::cadence::CadenceState;
use rapport_core::meetings::MeetingStatus;
use rapport_core::{Error, NewPause, PartnerUpdate, PauseReason};

use crate::support::{days_ago, meeting_at, now, TestVault};

#[test]
fn cadence_balance_and_what_is_due() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    t.vault
        .update_partner(
            ada.id,
            PartnerUpdate {
                cadence_days: Some(Some(14)),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let never_met = t.vault.cadence(ada.id, now()).unwrap();
    assert_eq!(never_met.state, CadenceState::Due);

    let held = meeting_at(&mut t, ada.id, days_ago(20));
    t.vault
        .add_action(
            held.id,
            Owner::Me,
            Some(days_ago(3).date_naive()),
            "Mine",
            days_ago(20),
        )
        .unwrap();
    t.vault
        .add_action(held.id, Owner::Them, None, "Theirs", days_ago(20))
        .unwrap();
    t.vault
        .add_action(held.id, Owner::Both, None, "Ours", days_ago(20))
        .unwrap();
    t.vault
        .add_decision(
            held.id,
            true,
            Some(days_ago(1).date_naive()),
            "Revisit the cap",
            days_ago(20),
        )
        .unwrap();
    t.vault
        .set_meeting_status(held.id, MeetingStatus::Held, days_ago(20))
        .unwrap();

    let cadence = t.vault.cadence(ada.id, now()).unwrap();
    assert_eq!(cadence.state, CadenceState::Overdue);
    assert_eq!((cadence.open_mine, cadence.open_theirs), (2, 2));
    assert_eq!(cadence.per_month.iter().map(|m| m.held).sum::<u32>(), 1);
    assert_eq!(cadence.per_month.len(), 13);

    let due = t.vault.due(now()).unwrap();
    assert_eq!(due.partners.len(), 1);
    assert_eq!(due.overdue_actions.len(), 1);
    assert_eq!(due.decisions_to_revisit.len(), 1);

    let mine = t
        .vault
        .list_actions(&ActionFilter {
            open_only: true,
            owner: Some(Owner::Me),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(mine.len(), 2);
    let next = meeting_at(&mut t, ada.id, now() + Duration::days(2));
    assert_eq!(
        t.vault.cadence(ada.id, now()).unwrap().state,
        CadenceState::Scheduled
    );
    assert_eq!(t.vault.due(now()).unwrap().next_meetings[0].id, next.id);
}

#[test]
fn reminders_name_no_one_and_come_once_per_key() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada Secretname");
    let soon = meeting_at(&mut t, ada.id, now() + Duration::minutes(10));
    meeting_at(&mut t, ada.id, now() + Duration::days(3));
    t.vault
        .add_decision(
            soon.id,
            false,
            Some(now().date_naive()),
            "Secret decision text",
            now(),
        )
        .unwrap();
    let reminders = t.vault.reminders(now(), Duration::minutes(15)).unwrap();
    let texts: Vec<&str> = reminders.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "A meeting starts in 10 min. Its agenda is ready in Rapport.",
            "A decision is up to decide again today."
        ]
    );
    assert!(reminders
        .iter()
        .all(|r| !r.text.contains("Secret") && !r.key.contains("Secret")));
    assert_eq!(
        t.vault.reminders(now(), Duration::minutes(15)).unwrap(),
        reminders,
        "stable keys"
    );
    assert_eq!(
        t.vault
            .reminders(now(), Duration::minutes(5))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_reminder_schedule_times_each_reminder_and_keys_it_as_the_day_would() {
    let mut t = TestVault::new();
    let ada = t.partner("Ada Secretname");
    let soon = meeting_at(&mut t, ada.id, now() + Duration::hours(3));
    let in_two_days = now().date_naive() + Duration::days(2);
    t.vault
        .add_decision(soon.id, false, Some(in_two_days), "Secret decision", now())
        .unwrap();
    let schedule = t
        .vault
        .reminder_schedule(now(), Duration::minutes(15), Duration::days(7))
        .unwrap();
    let meeting = schedule
        .iter()
        .find(|r| r.key.starts_with("meeting:"))
        .unwrap();
    assert_eq!(meeting.at, soon.at - Duration::minutes(15));
    assert!(meeting.text.starts_with("A meeting starts at "));
    let decision = schedule
        .iter()
        .find(|r| r.key.starts_with("decisions:"))
        .unwrap();
    // On that day, the open vault's reminders give the same key: shown once either way.
    let that_day = decision.at + Duration::hours(1);
    let keys: Vec<String> = t
        .vault
        .reminders(that_day, Duration::minutes(15))
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert!(keys.contains(&decision.key), "{keys:?} vs {}", decision.key);
    assert!(schedule
        .iter()
        .all(|r| !r.text.contains("Secret") && !r.key.contains("Secret")));
    assert!(
        schedule.windows(2).all(|w| w[0].at <= w[1].at),
        "in time order"
    );
}

/// A year of leave: while the pause holds the partner is neither due nor overdue, and not in
/// what is due; once it ends, the next meeting is due a cadence after its end. Pauses do not
/// overlap, may lie ahead, and are corrected, resumed and removed.
#[test]
fn a_paused_cadence_is_neither_due_nor_overdue_and_counts_again_from_its_end() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    t.vault
        .update_partner(
            sam.id,
            PartnerUpdate {
                cadence_days: Some(Some(14)),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let met = meeting_at(&mut t, sam.id, days_ago(400));
    t.vault
        .set_meeting_status(met.id, MeetingStatus::Held, days_ago(400))
        .unwrap();
    assert_eq!(
        t.vault.cadence(sam.id, now()).unwrap().state,
        CadenceState::Overdue
    );

    let today = now().with_timezone(&Local).date_naive();
    let leave = t
        .vault
        .add_pause(
            sam.id,
            NewPause {
                reason: PauseReason::Leave,
                started: today - Duration::days(380),
                ended: None,
            },
            now(),
        )
        .unwrap();
    let paused = t.vault.cadence(sam.id, now()).unwrap();
    assert_eq!(paused.state, CadenceState::Paused);
    assert_eq!(paused.paused.as_ref().map(|p| p.id), Some(leave.id));
    assert!(t.vault.due(now()).unwrap().partners.is_empty());
    assert_eq!(
        t.vault.partner(sam.id).unwrap().pauses,
        std::slice::from_ref(&leave)
    );

    // Another pause overlapping this one is refused; one that ends before it is not.
    let overlapping = NewPause {
        reason: PauseReason::Reorg,
        started: today - Duration::days(30),
        ended: Some(today + Duration::days(30)),
    };
    assert!(matches!(
        t.vault.add_pause(sam.id, overlapping, now()),
        Err(Error::Input(ref e)) if e.field == "dates"
    ));
    let before = NewPause {
        reason: PauseReason::Sabbatical,
        started: today - Duration::days(420),
        ended: Some(today - Duration::days(380)),
    };
    let sabbatical = t.vault.add_pause(sam.id, before, now()).unwrap();
    let backwards = NewPause {
        ended: Some(today - Duration::days(500)),
        ..before
    };
    assert!(t
        .vault
        .correct_pause(sam.id, sabbatical.id, backwards, now())
        .is_err());

    // Back from leave ten days ago: due four days from now, not overdue for a year.
    let back = t
        .vault
        .correct_pause(
            sam.id,
            leave.id,
            NewPause {
                reason: PauseReason::Leave,
                started: leave.started,
                ended: Some(today - Duration::days(10)),
            },
            now(),
        )
        .unwrap();
    let cadence = t.vault.cadence(sam.id, now()).unwrap();
    assert_eq!(cadence.due_on, Some(today + Duration::days(4)));
    assert_eq!(cadence.state, CadenceState::Fine);
    assert_eq!(cadence.paused, None);

    // A leave announced for next month does not pause today; resuming needs a pause today.
    let ahead = NewPause {
        reason: PauseReason::Leave,
        started: today + Duration::days(30),
        ended: None,
    };
    let planned = t.vault.add_pause(sam.id, ahead, now()).unwrap();
    assert_eq!(
        t.vault.cadence(sam.id, now()).unwrap().state,
        CadenceState::Fine
    );
    assert!(matches!(
        t.vault.resume_cadence(sam.id, now()),
        Err(Error::NotFound { .. })
    ));
    t.vault.remove_pause(sam.id, planned.id, now()).unwrap();

    // A pause that holds today ends today when resumed.
    t.vault.remove_pause(sam.id, back.id, now()).unwrap();
    let again = NewPause {
        reason: PauseReason::Other,
        started: today - Duration::days(3),
        ended: None,
    };
    t.vault.add_pause(sam.id, again, now()).unwrap();
    let resumed = t.vault.resume_cadence(sam.id, now()).unwrap();
    assert_eq!(resumed.ended, Some(today), "back today");
    let cadence = t.vault.cadence(sam.id, now()).unwrap();
    assert_eq!(cadence.state, CadenceState::Fine);
    assert_eq!(cadence.due_on, Some(today + Duration::days(14)));
    assert!(matches!(
        t.vault.resume_cadence(sam.id, now()),
        Err(Error::NotFound { .. })
    ));
    // A pause of someone else is not found.
    let other = t.partner("Other");
    assert!(matches!(
        t.vault.remove_pause(other.id, resumed.id, now()),
        Err(Error::NotFound { .. })
    ));
}

/// "How are we doing?" after each meeting: 1 to 5, kept private (never in what is shared with
/// the peer), taken back, refused out of range or on a cancelled meeting, and shown on the
/// partner's cadence as a trend, oldest first, of their latest twelve.
#[test]
fn a_pulse_per_meeting_becomes_the_partners_trend() {
    use rapport_core::agenda_share::ShareFormat;
    let mut t = TestVault::new();
    let ada = t.partner("Ada");
    let mut pulses = Vec::new();
    for (i, pulse) in [2u8, 3, 3, 4, 5, 4, 4, 5, 5, 3, 4, 5, 5, 4]
        .iter()
        .enumerate()
    {
        let days = 30 * (14 - i as i64);
        let meeting = meeting_at(&mut t, ada.id, days_ago(days));
        t.vault
            .set_meeting_status(meeting.id, MeetingStatus::Held, days_ago(days))
            .unwrap();
        let set = t
            .vault
            .set_meeting_pulse(meeting.id, Some(*pulse), days_ago(days))
            .unwrap();
        assert_eq!(set.pulse, Some(*pulse));
        pulses.push((meeting.id, *pulse));
    }
    let trend: Vec<u8> = t
        .vault
        .cadence(ada.id, now())
        .unwrap()
        .pulse
        .iter()
        .map(|p| p.pulse)
        .collect();
    assert_eq!(
        trend,
        [3, 4, 5, 4, 4, 5, 5, 3, 4, 5, 5, 4],
        "the latest 12, oldest first"
    );

    let (last, _) = *pulses.last().unwrap();
    for refused in [0u8, 6] {
        assert!(matches!(
            t.vault.set_meeting_pulse(last, Some(refused), now()),
            Err(Error::Input(ref e)) if e.field == "pulse"
        ));
    }
    let shared = t
        .vault
        .share_agenda(last, ShareFormat::Markdown, &chrono::Utc, now())
        .unwrap();
    assert!(!shared.contains("of 5"), "the pulse is private: {shared}");
    let cleared = t.vault.set_meeting_pulse(last, None, now()).unwrap();
    assert_eq!(cleared.pulse, None);
    assert_eq!(t.vault.cadence(ada.id, now()).unwrap().pulse.len(), 12);

    let cancelled = meeting_at(&mut t, ada.id, days_ago(1));
    t.vault
        .set_meeting_status(cancelled.id, MeetingStatus::Cancelled, now())
        .unwrap();
    assert!(t
        .vault
        .set_meeting_pulse(cancelled.id, Some(3), now())
        .is_err());
    assert!(matches!(
        t.vault
            .set_meeting_pulse(rapport_core::meetings::MeetingId(9999), Some(3), now()),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_quarterly_reminder_to_reflect_comes_in_a_quarters_first_weeks_until_one_reflects() {
    use chrono::{Datelike, TimeZone, Utc};
    use rapport_core::EntryKind;

    use crate::support::entry;

    let mut t = TestVault::new();
    let at = |m: u32, d: u32| Utc.with_ymd_and_hms(2024, m, d, 11, 0, 0).unwrap();
    // Early in April, nothing reflected since the quarter began: once per quarter, no names.
    let ada = t.partner("Ada Secretname");
    t.add(
        entry("A reflection from March")
            .kind(EntryKind::Reflection)
            .with(ada.id)
            .at(at(3, 20)),
    );
    let reminder = t.vault.reflection_reminder(at(4, 3)).unwrap().unwrap();
    assert_eq!(reminder.key, "reflect:2024-Q2");
    assert!(!reminder.text.contains("Ada") && !reminder.text.contains("March"));
    assert!(
        t.vault.reflection_reminder(at(4, 20)).unwrap().is_none(),
        "past the first two weeks"
    );
    // Once there is a reflection this quarter, no reminder.
    t.add(
        entry("What kind of partner am I?")
            .kind(EntryKind::Reflection)
            .with(ada.id)
            .at(at(4, 2)),
    );
    assert!(t.vault.reflection_reminder(at(4, 3)).unwrap().is_none());

    // While locked: the next quarter's first day, when it falls within the horizon.
    let scheduled = t
        .vault
        .reflection_reminder_schedule(at(6, 28), Duration::days(7))
        .unwrap()
        .unwrap();
    assert_eq!(scheduled.key, "reflect:2024-Q3");
    let local = scheduled.at.with_timezone(&Local);
    assert_eq!((local.month(), local.day()), (7, 1));
    assert!(t
        .vault
        .reflection_reminder_schedule(at(6, 10), Duration::days(7))
        .unwrap()
        .is_none());
}
