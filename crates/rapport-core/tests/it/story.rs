//! The story of a partnership: every year from the first day to today, with what each held.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport_core::meetings::MeetingStatus;
use rapport_core::summary_print::PrintFormat;
use rapport_core::{
    EntryKind, NewPartner, NewSpell, PartnerId, Relationship, SpellOf, StoryRequest, StoryYear,
    SupportAct,
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

    let story = t.vault.full_story(mike.id, now()).unwrap();
    assert_eq!(story.first_day, Some(since));
    assert_eq!(story.earlier, None);
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
    let story = t.vault.full_story(mike.id, now()).unwrap();
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

/// A thirteen-year mentor as the done-when of issue 21 describes them: entered from memory, a
/// report who became a peer and then a mentor, a year of leave, support both ways.
fn thirteen_years(t: &mut TestVault) -> PartnerId {
    let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1);
    let mike = t
        .vault
        .add_partner(
            NewPartner {
                relationship: Relationship::Mentor,
                role: Some("VP Engineering".into()),
                organisation: Some("Northwind".into()),
                since: day(2012, 3),
                cadence_days: Some(30),
                ..NewPartner::named("Mike Chen")
            },
            now(),
        )
        .unwrap();
    for (kind, started, ended) in [
        (Relationship::Mentor, day(2020, 1), None),
        (Relationship::Report, day(2012, 3), day(2016, 7)),
        (Relationship::Peer, day(2016, 7), day(2020, 1)),
    ] {
        t.vault
            .add_spell(
                mike.id,
                NewSpell {
                    of: SpellOf::Relationship(kind),
                    started,
                    ended,
                },
                now(),
            )
            .unwrap();
    }
    t.vault
        .add_pause(
            mike.id,
            rapport_core::NewPause {
                reason: rapport_core::PauseReason::Leave,
                started: day(2021, 3).unwrap(),
                ended: day(2022, 3),
            },
            now(),
        )
        .unwrap();
    for year in 2012..=2024 {
        for _ in 0..6 {
            held(t, mike.id, year, Some(4));
        }
        t.add(
            entry(&format!("Shipped the {year} platform milestone together"))
                .kind(EntryKind::Win)
                .with(mike.id)
                .shareable()
                .at(in_year(year)),
        );
        t.add(
            entry(&format!("{PRIVATE} worried about the {year} reorg"))
                .kind(EntryKind::Concern)
                .with(mike.id)
                .at(in_year(year)),
        );
        if year % 3 == 0 {
            t.add(
                entry(&format!("{PRIVATE} covered his team in {year}"))
                    .gave(SupportAct::Covered)
                    .with(mike.id)
                    .at(in_year(year)),
            );
        }
        if year % 4 == 0 {
            t.add(
                entry(&format!("Mike put my name forward in {year}"))
                    .received(SupportAct::Sponsored)
                    .with(mike.id)
                    .shareable()
                    .at(in_year(year)),
            );
        }
    }
    mike.id
}

const PRIVATE: &str = "privmarker7734";

fn print(t: &TestVault, request: &StoryRequest, format: PrintFormat) -> String {
    let document = t.vault.story_document(request, now()).unwrap();
    let mut out = Vec::new();
    match format {
        PrintFormat::Markdown => {
            rapport_core::document::write_markdown(&document, &Utc, &mut out).unwrap()
        }
        PrintFormat::Html => rapport_core::document::write_html(&document, &Utc, &mut out).unwrap(),
        _ => {
            let layout = rapport_core::pdf::layout(&document, &Utc).unwrap();
            return format!(
                "{} page(s)\n{}",
                layout.pages,
                layout
                    .runs
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_printed_story_holds_nothing_private_unless_included_and_fits_two_pages() {
    let mut t = TestVault::new();
    let mike = thirteen_years(&mut t);
    let shared = StoryRequest {
        partner: mike,
        include_private: false,
    };
    for format in [PrintFormat::Markdown, PrintFormat::Html, PrintFormat::Pdf] {
        let text = print(&t, &shared, format);
        assert!(!text.contains(PRIVATE), "{format:?}: {text}");
        assert!(
            !text.contains("how we were doing"),
            "{format:?}: the pulse is private"
        );
        assert!(
            !text.contains("concern"),
            "{format:?}: concerns are private"
        );
        assert!(
            text.contains("Mike put my name forward in 2016"),
            "{format:?}"
        );
    }
    let markdown = print(&t, &shared, PrintFormat::Markdown);
    assert!(
        markdown.starts_with("# Mike Chen: 13 years working together"),
        "{markdown}"
    );
    for said in [
        "Since March 2012 · Report, then Peer, then Mentor",
        "How we related: Report (March 2012 – July 2016); Peer (July 2016 – January 2020); Mentor (since January 2020).",
        "Leaves and pauses: Leave from March 2021, back March 2022.",
        "From July 2016: Peer (was Report).",
        "6 meetings held · 1 win · they supported you once",
        "They sponsored you",
    ] {
        assert!(markdown.contains(said), "{said}\n{markdown}");
    }
    assert!(
        markdown.contains("- Mike put my name forward in 2016 _(They sponsored you, 21 June)_\n"),
        "a highlight says its day under its year, with no numbered note: {markdown}"
    );
    assert!(!markdown.contains("[^"), "{markdown}");
    let html = print(&t, &shared, PrintFormat::Html);
    assert!(
        html.contains("<li>Mike put my name forward in 2016 <span class=\"detail\">(They sponsored you, 21 June)</span></li>"),
        "{html}"
    );
    let pdf = print(&t, &shared, PrintFormat::Pdf);
    assert!(
        pdf.starts_with("1 page(s)") || pdf.starts_with("2 page(s)"),
        "{pdf}"
    );

    let private = StoryRequest {
        include_private: true,
        ..shared
    };
    let markdown = print(&t, &private, PrintFormat::Markdown);
    assert!(
        markdown.contains(&format!("{PRIVATE} covered his team in 2013")),
        "{markdown}"
    );
    assert!(
        markdown.contains("how we were doing: 4.0 of 5"),
        "{markdown}"
    );
    assert!(markdown.contains("1 concern"), "{markdown}");
}

#[test]
fn a_years_highlights_are_its_wins_and_support_oldest_first_and_paged() {
    let mut t = TestVault::new();
    let mike = thirteen_years(&mut t);
    let all = t.vault.story_highlights(mike, 2020, 10, false).unwrap();
    let bodies: Vec<&str> = all.entries.iter().map(|e| e.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Shipped the 2020 platform milestone together",
            "Mike put my name forward in 2020"
        ]
    );
    assert!(!all.more);
    let first = t.vault.story_highlights(mike, 2020, 1, false).unwrap();
    assert_eq!((first.entries.len(), first.more), (1, true));
    let private = t.vault.story_highlights(mike, 2019, 10, false).unwrap();
    assert_eq!(private.entries.len(), 2, "a win and private support");
    let shared = t.vault.story_highlights(mike, 2019, 10, true).unwrap();
    assert_eq!(shared.entries.len(), 1, "only the shareable win");
    assert!(t.vault.story_highlights(mike, 2016, 0, false).is_err());
    assert!(t
        .vault
        .story_highlights(PartnerId(999), 2016, 5, false)
        .is_err());
}

#[test]
fn a_year_begins_at_local_midnight_on_new_year_s_day() {
    use chrono::{Local, TimeZone};
    let mut t = TestVault::new();
    let ana = t.partner("Ana");
    let new_year = Local
        .with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc);
    for (body, at) in [
        ("Last win of 2019", new_year - chrono::Duration::seconds(1)),
        ("First win of 2020", new_year),
    ] {
        t.add(entry(body).kind(EntryKind::Win).with(ana.id).at(at));
    }
    let years = t.vault.story_years(ana.id, 2019, 2020).unwrap();
    assert_eq!(
        years.iter().map(|y| (y.year, y.wins)).collect::<Vec<_>>(),
        [(2019, 1), (2020, 1)]
    );
    let last = t.vault.story_highlights(ana.id, 2019, 5, false).unwrap();
    assert_eq!(last.entries[0].body, "Last win of 2019");
}
