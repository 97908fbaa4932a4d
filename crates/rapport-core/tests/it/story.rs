//! The story of a partnership: every year from the first day to today, with what each held.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport_core::meetings::MeetingStatus;
use rapport_core::{
    EntryKind, NewPartner, NewSpell, PartnerId, Relationship, SpellOf, StoryYear, SupportAct,
};

use crate::support::{entry, meeting_at, now, TestVault};

/// Midsummer noon of `year`: the same year in every time zone.
fn in_year(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, 6, 21, 12, 0, 0).unwrap()
}

fn held(t: &mut TestVault, partner: PartnerId, year: i32, pulse: Option<u8>) {
    let meeting = meeting_at(t, partner, in_year(year));
    t.vault
        .set_meeting_status(meeting.id, MeetingStatus::Held, in_year(year))
        .unwrap();
    if pulse.is_some() {
        t.vault
            .set_meeting_pulse(meeting.id, pulse, in_year(year))
            .unwrap();
    }
}

#[test]
fn a_thirteen_year_mentor_reads_year_by_year_from_the_first_day() {
    let mut t = TestVault::new();
    let since = NaiveDate::from_ymd_opt(2012, 3, 1).unwrap();
    let mike = t
        .vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Mentor,
                since: Some(since),
                ..NewPartner::named("Mike Chen")
            },
            now(),
        )
        .unwrap();
    // A mentor since 2016; a report before.
    t.vault
        .add_spell(
            mike.id,
            NewSpell {
                of: SpellOf::Relationship(Relationship::Mentor),
                started: NaiveDate::from_ymd_opt(2016, 7, 1),
                ended: None,
            },
            now(),
        )
        .unwrap();
    t.vault
        .add_spell(
            mike.id,
            NewSpell {
                of: SpellOf::Relationship(Relationship::Report),
                started: Some(since),
                ended: NaiveDate::from_ymd_opt(2016, 7, 1),
            },
            now(),
        )
        .unwrap();
    t.add(
        entry("Mike hired me")
            .kind(EntryKind::Win)
            .with(mike.id)
            .at(in_year(2012)),
    );
    t.add(
        entry("Covered Mike's team during the reorg")
            .gave(SupportAct::Covered)
            .with(mike.id)
            .at(in_year(2016)),
    );
    t.add(
        entry("Worried he will leave")
            .kind(EntryKind::Concern)
            .with(mike.id)
            .at(in_year(2016)),
    );
    let trashed = t.add(entry("A slip").with(mike.id).at(in_year(2019)));
    t.vault.trash_entry(trashed.id, now()).unwrap();
    held(&mut t, mike.id, 2014, Some(4));
    held(&mut t, mike.id, 2014, Some(2));
    held(&mut t, mike.id, 2014, None);
    let cancelled = meeting_at(&mut t, mike.id, in_year(2014));
    t.vault
        .set_meeting_status(cancelled.id, MeetingStatus::Cancelled, in_year(2014))
        .unwrap();
    held(&mut t, mike.id, 2024, Some(5));
    let problem = t
        .vault
        .add_problem("Two teams, one on-call", &[mike.id], in_year(2023))
        .unwrap();
    t.vault
        .close_problem(problem.id, true, in_year(2024))
        .unwrap();
    // Someone else's year is not Mike's.
    let other = t.partner("Someone else");
    held(&mut t, other.id, 2013, None);

    let story = t.vault.story(mike.id, now()).unwrap();
    assert_eq!(story.first_day, Some(since));
    assert_eq!(story.partner.relationships.len(), 2);
    let years: Vec<i32> = story.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2012..=2025).collect::<Vec<_>>(), "quiet years too");
    let of = |year: i32| story.years.iter().find(|y| y.year == year).unwrap().clone();
    assert_eq!(
        of(2012),
        StoryYear {
            year: 2012,
            entries: 1,
            wins: 1,
            ..StoryYear::default()
        }
    );
    assert_eq!(
        (of(2014).meetings_held, of(2014).pulse),
        (3, Some(3.0)),
        "the cancelled one is not held; the pulse averages those that have one"
    );
    assert_eq!(
        (of(2016).entries, of(2016).concerns, of(2016).support_given),
        (2, 1, 1)
    );
    assert_eq!(
        of(2019),
        StoryYear {
            year: 2019,
            ..StoryYear::default()
        },
        "the trash is not the story"
    );
    assert_eq!((of(2024).meetings_held, of(2024).problems_closed), (1, 1));
    assert_eq!(of(2013).meetings_held, 0);

    // A memory from before "since" moves the first day back.
    t.add(
        entry("Met Mike at a meetup")
            .with(mike.id)
            .at(in_year(2010)),
    );
    let story = t.vault.story(mike.id, now()).unwrap();
    assert_eq!(
        story.first_day,
        Some(NaiveDate::from_ymd_opt(2010, 6, 21).unwrap())
    );
    assert_eq!(story.years.first().map(|y| y.year), Some(2010));

    // A partner with nothing yet starts the day they were added: one quiet year.
    let new = t.partner("New");
    let story = t.vault.story(new.id, now()).unwrap();
    assert_eq!(story.first_day, Some(now().date_naive()));
    assert_eq!(
        story.years,
        [StoryYear {
            year: 2025,
            ..StoryYear::default()
        }]
    );
    assert!(t.vault.story(PartnerId(999), now()).is_err());
}
