//! Cadence: how often you meet, the balance of open items, what is due, and reminders.

use chrono::Duration;
use rapport_core::actions::{ActionFilter, Owner};
use rapport_core::cadence::CadenceState;
use rapport_core::meetings::MeetingStatus;
use rapport_core::PartnerUpdate;

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
