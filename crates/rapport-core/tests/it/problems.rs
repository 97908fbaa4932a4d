//! Peer problems: stages, the worksheet (both views, options and stakes), allies who may not be
//! partners, presentations, the brief, the decide-again date.

use chrono::Duration;
use rapport_core::actions::Owner;
use rapport_core::problems::{
    AllyInput, AllyWho, NewPresentation, OptionEdit, Stage, Stance, ViewsUpdate,
};
use rapport_core::{Error, PartnerId};

use crate::support::{entry, meeting_at, now, TestVault};

fn ally(partner: PartnerId, stance: Stance) -> AllyInput {
    AllyInput {
        who: AllyWho::Partner(partner),
        stance: Some(stance),
        next_step: None,
        owner: None,
    }
}

#[test]
fn a_peer_problem_moves_through_its_stages() {
    let mut t = TestVault::new();
    let priya = t.partner("Priya");
    let dana = t.partner("Dana");
    let problem = t
        .vault
        .add_problem("Too much work in progress", &[priya.id], now())
        .unwrap();
    assert_eq!(problem.stage, Stage::BothViews);
    assert_eq!(problem.shared_with[0].name, "Priya");
    let problem = t
        .vault
        .add_problem_option(problem.id, "WIP limit of 3 per team", now())
        .unwrap();
    let problem = t
        .vault
        .add_problem_option(problem.id, "Stop starting, start finishing week", now())
        .unwrap();
    let first = problem.options[0].id;
    let problem = t
        .vault
        .choose_problem_option(problem.id, first, now())
        .unwrap();
    assert_eq!(problem.options.iter().filter(|o| o.chosen).count(), 1);
    assert!(t
        .vault
        .choose_problem_option(problem.id, 9999, now())
        .is_err());
    let problem = t
        .vault
        .set_problem_ally(problem.id, ally(dana.id, Stance::Against), now())
        .unwrap();
    let problem = t
        .vault
        .set_problem_ally(problem.id, ally(dana.id, Stance::For), now())
        .unwrap();
    assert_eq!(problem.allies.len(), 1);
    assert_eq!(problem.allies[0].stance, Stance::For);
    assert!(t
        .vault
        .set_problem_stage(problem.id, Stage::DecideAgain, None, true, now())
        .is_err());
    let revisit = now().date_naive() - Duration::days(1);
    let problem = t
        .vault
        .set_problem_stage(problem.id, Stage::DecideAgain, Some(revisit), true, now())
        .unwrap();
    let meeting = meeting_at(&mut t, priya.id, now());
    let problem = t
        .vault
        .link_problem_meeting(problem.id, meeting.id, now())
        .unwrap();
    assert_eq!(problem.meetings.len(), 1);
    assert_eq!(t.vault.due(now()).unwrap().problems_to_revisit.len(), 1);
    t.vault.close_problem(problem.id, true, now()).unwrap();
    assert!(t.vault.list_problems(true).unwrap().is_empty());
    assert!(t.vault.due(now()).unwrap().problems_to_revisit.is_empty());
    assert!(t.vault.add_problem("Nobody", &[], now()).is_err());
    assert!("sideways".parse::<Stage>().is_err());
}

#[test]
fn both_views_come_before_the_options_unless_the_person_says_so() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t.vault.add_problem("WIP", &[sam.id], now()).unwrap();
    let refused = t
        .vault
        .set_problem_stage(problem.id, Stage::Options, None, false, now())
        .unwrap_err();
    assert!(
        matches!(&refused, Error::Input(e) if e.field == "views"),
        "{refused:?}"
    );
    let problem = t
        .vault
        .set_problem_views(
            problem.id,
            ViewsUpdate {
                my_view: Some("  Too many projects at once: nothing ships.\n".into()),
                why_it_matters: Some("Customers wait months.".into()),
                matters_to: Some(vec![
                    "customers".into(),
                    "Customers".into(),
                    "the QA team".into(),
                ]),
                ..ViewsUpdate::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(problem.my_view, "Too many projects at once: nothing ships.");
    assert_eq!(problem.matters_to, ["customers", "the QA team"]);
    assert!(!problem.views_written());
    assert!(t
        .vault
        .set_problem_stage(problem.id, Stage::Options, None, false, now())
        .is_err());
    let problem = t
        .vault
        .set_problem_views(
            problem.id,
            ViewsUpdate {
                their_view: Some("QA gets everything in the last week.".into()),
                ..ViewsUpdate::default()
            },
            now(),
        )
        .unwrap();
    // The fields not given stay as they were.
    assert_eq!(problem.why_it_matters, "Customers wait months.");
    assert!(problem.views_written());
    let problem = t
        .vault
        .set_problem_stage(problem.id, Stage::Options, None, false, now())
        .unwrap();
    assert_eq!(problem.stage, Stage::Options);

    // Another problem moves on without its views when the person says so.
    let other = t.vault.add_problem("Hiring", &[sam.id], now()).unwrap();
    let other = t
        .vault
        .set_problem_stage(other.id, Stage::Agreement, None, true, now())
        .unwrap();
    assert_eq!(other.stage, Stage::Agreement);
    assert!(t
        .vault
        .set_problem_views(other.id, ViewsUpdate::default(), now())
        .is_err());
    assert!(t
        .vault
        .set_problem_views(
            other.id,
            ViewsUpdate {
                matters_to: Some(vec!["two\nlines".into()]),
                ..ViewsUpdate::default()
            },
            now()
        )
        .is_err());
}

#[test]
fn options_are_edited_with_each_sides_stake_and_removed() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t.vault.add_problem("WIP", &[sam.id], now()).unwrap();
    let problem = t
        .vault
        .add_problem_option(problem.id, "WIP limit", now())
        .unwrap();
    let option = problem.options[0].id;
    let problem = t
        .vault
        .edit_problem_option(
            problem.id,
            option,
            OptionEdit {
                text: Some("WIP limit of 3 per team".into()),
                my_stake: Some("Fewer context switches".into()),
                their_stake: Some("QA load spread over the sprint".into()),
            },
            now(),
        )
        .unwrap();
    let edited = &problem.options[0];
    assert_eq!(edited.text, "WIP limit of 3 per team");
    assert_eq!(edited.their_stake, "QA load spread over the sprint");
    assert!(edited.created_at.is_some());
    assert!(t
        .vault
        .edit_problem_option(problem.id, option, OptionEdit::default(), now())
        .is_err());
    let elsewhere = t.vault.add_problem("Other", &[sam.id], now()).unwrap();
    // An option is reached only through its own problem.
    assert!(matches!(
        t.vault.remove_problem_option(elsewhere.id, option, now()),
        Err(Error::NotFound { what: "option", .. })
    ));
    let problem = t
        .vault
        .remove_problem_option(problem.id, option, now())
        .unwrap();
    assert!(problem.options.is_empty());
}

#[test]
fn allies_can_be_people_who_are_not_partners_and_can_be_removed() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t.vault.add_problem("WIP", &[sam.id], now()).unwrap();
    let dana = t
        .vault
        .add_person("Dana", "Director of Support", now())
        .unwrap();
    assert!(matches!(
        t.vault.add_person("dana", "", now()),
        Err(Error::Duplicate { .. })
    ));
    assert!(matches!(
        t.vault.add_person("Sam", "", now()),
        Err(Error::Duplicate { .. })
    ));
    let problem = t
        .vault
        .set_problem_ally(
            problem.id,
            AllyInput {
                who: AllyWho::Person(dana.id),
                stance: None,
                next_step: Some("Lunch on Thursday".into()),
                owner: Some(Owner::Them),
            },
            now(),
        )
        .unwrap();
    let first = &problem.allies[0];
    assert_eq!(first.name, "Dana");
    assert!(first.partner.is_none());
    assert_eq!(first.stance, Stance::Unknown);
    assert_eq!(first.owner, Owner::Them);
    // Changing the stance keeps the next step.
    let problem = t
        .vault
        .set_problem_ally(
            problem.id,
            AllyInput {
                who: AllyWho::Person(dana.id),
                stance: Some(Stance::For),
                next_step: None,
                owner: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(problem.allies.len(), 1);
    assert_eq!(problem.allies[0].next_step, "Lunch on Thursday");
    assert_eq!(problem.allies[0].stance, Stance::For);
    // People stay out of Partners.
    assert_eq!(t.vault.list_partners(true).unwrap().len(), 1);
    assert_eq!(t.vault.people().unwrap()[0].ally_on, 1);
    // The peer the problem is shared with is not their own ally.
    assert!(t
        .vault
        .set_problem_ally(problem.id, ally(sam.id, Stance::For), now())
        .is_err());

    // Promoted, Dana becomes a partner and stays an ally.
    let partner = t.vault.promote_person(dana.id, now()).unwrap();
    assert_eq!(partner.name, "Dana");
    assert_eq!(partner.role.as_deref(), Some("Director of Support"));
    let problem = t.vault.problem(problem.id).unwrap();
    assert_eq!(problem.allies[0].partner.as_ref().unwrap().id, partner.id);
    assert!(t.vault.people().unwrap().is_empty());

    let ally_id = problem.allies[0].id;
    let problem = t
        .vault
        .remove_problem_ally(problem.id, ally_id, now())
        .unwrap();
    assert!(problem.allies.is_empty());
    assert!(t
        .vault
        .remove_problem_ally(problem.id, ally_id, now())
        .is_err());

    // Forgetting a person takes them off every problem.
    let kim = t.vault.add_person("Kim", "", now()).unwrap();
    t.vault
        .set_problem_ally(
            problem.id,
            AllyInput {
                who: AllyWho::Person(kim.id),
                stance: Some(Stance::Against),
                next_step: None,
                owner: None,
            },
            now(),
        )
        .unwrap();
    t.vault.remove_person(kim.id).unwrap();
    assert!(t.vault.problem(problem.id).unwrap().allies.is_empty());
}

#[test]
fn a_presentation_moves_the_stage_and_is_kept() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t.vault.add_problem("WIP", &[sam.id], now()).unwrap();
    let today = now().date_naive();
    let presented = |decide_again_on| NewPresentation {
        on: today,
        to_whom: "both our directors".into(),
        response: "Try it for a quarter.".into(),
        decide_again_on,
    };
    let problem = t
        .vault
        .record_presentation(problem.id, presented(None), now())
        .unwrap();
    assert_eq!(problem.stage, Stage::Managers);
    assert_eq!(problem.presentations[0].to_whom, "both our directors");
    let again = today + Duration::days(90);
    let problem = t
        .vault
        .record_presentation(problem.id, presented(Some(again)), now())
        .unwrap();
    assert_eq!(problem.stage, Stage::DecideAgain);
    assert_eq!(problem.decide_again_on, Some(again));
    assert_eq!(problem.presentations.len(), 2);
    let future = NewPresentation {
        on: today + Duration::days(3),
        ..presented(None)
    };
    assert!(t
        .vault
        .record_presentation(problem.id, future, now())
        .is_err());
    let nobody = NewPresentation {
        to_whom: " ".into(),
        ..presented(None)
    };
    assert!(t
        .vault
        .record_presentation(problem.id, nobody, now())
        .is_err());
    assert_eq!(t.vault.problem(problem.id).unwrap().presentations.len(), 2);
}

#[test]
fn the_brief_holds_the_worksheet_and_never_a_private_note_unless_included() {
    use rapport_core::brief::{write_brief, BriefRequest};
    use rapport_core::summary_print::PrintFormat;
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t
        .vault
        .add_problem("Too much WIP", &[sam.id], now())
        .unwrap();
    let id = problem.id;
    t.vault
        .set_problem_views(
            id,
            ViewsUpdate {
                my_view: Some("Nothing ships.".into()),
                their_view: Some("QA is flooded at the end.".into()),
                why_it_matters: Some("Customers wait.".into()),
                matters_to: Some(vec!["customers".into(), "the org".into()]),
            },
            now(),
        )
        .unwrap();
    let p = t
        .vault
        .add_problem_option(id, "WIP limit of 3", now())
        .unwrap();
    let chosen = p.options[0].id;
    t.vault
        .add_problem_option(id, "Freeze a month", now())
        .unwrap();
    t.vault
        .edit_problem_option(
            id,
            chosen,
            OptionEdit {
                my_stake: Some("Focus".into()),
                ..OptionEdit::default()
            },
            now(),
        )
        .unwrap();
    t.vault.choose_problem_option(id, chosen, now()).unwrap();
    let dana = t.vault.add_person("Dana", "", now()).unwrap();
    t.vault
        .set_problem_ally(
            id,
            AllyInput {
                who: AllyWho::Person(dana.id),
                stance: Some(Stance::For),
                next_step: Some("Ask at staff meeting".into()),
                owner: Some(Owner::Me),
            },
            now(),
        )
        .unwrap();
    // Private material: the problem's notes and a private entry about Sam.
    let private = t.add(entry("PRIVATE-WORRY Sam seemed tired").with(sam.id));
    let brief = |t: &TestVault, include: Vec<rapport_core::EntryId>, format| {
        let brief = t
            .vault
            .brief(
                &BriefRequest {
                    problem: id,
                    include_entries: include,
                },
                now(),
            )
            .unwrap();
        let mut out = Vec::new();
        write_brief(&brief, format, &chrono::Utc, &mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    };
    let md = brief(&t, vec![], PrintFormat::Markdown);
    for expected in [
        "# Brief: Too much WIP",
        "Nothing ships.",
        "QA is flooded at the end.",
        "It matters to: customers, the org",
        "## Agreement",
        "WIP limit of 3 _(for me: Focus)_",
        "## Other options considered",
        "Freeze a month",
        "Dana _(for it, next: Ask at staff meeting (mine))_",
        "Problem worksheet, written",
    ] {
        assert!(md.contains(expected), "{expected:?} missing from\n{md}");
    }
    assert!(!md.contains("PRIVATE-WORRY"), "{md}");
    let html = brief(&t, vec![], PrintFormat::Html);
    assert!(!html.contains("PRIVATE-WORRY") && html.contains("WIP limit of 3"));
    let with_note = brief(&t, vec![private.id], PrintFormat::Markdown);
    assert!(with_note.contains("PRIVATE-WORRY"), "{with_note}");
    assert!(with_note.contains("included by hand"));
    // The notes offered for including by hand are those about the peers, newest first.
    let offered = t.vault.brief_candidates(id, 10).unwrap();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].id, private.id);
    let pdf = brief(&t, vec![], PrintFormat::Pdf);
    assert!(pdf.starts_with("%PDF-"));
    let trashed = t.add(entry("gone").with(sam.id));
    t.vault.trash_entry(trashed.id, now()).unwrap();
    assert!(t
        .vault
        .brief(
            &BriefRequest {
                problem: id,
                include_entries: vec![trashed.id]
            },
            now()
        )
        .is_err());
}

#[test]
fn the_manager_summary_shows_the_agreement_the_options_and_problems_closed_in_its_period() {
    use rapport_core::summary::SummaryRequest;
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let open = t
        .vault
        .add_problem("Too much WIP", &[sam.id], now())
        .unwrap();
    let p = t
        .vault
        .add_problem_option(open.id, "WIP limit", now())
        .unwrap();
    t.vault
        .add_problem_option(open.id, "Freeze", now())
        .unwrap();
    t.vault
        .choose_problem_option(open.id, p.options[0].id, now())
        .unwrap();
    let settled = t
        .vault
        .add_problem("On-call rota", &[sam.id], now())
        .unwrap();
    t.vault.close_problem(settled.id, true, now()).unwrap();
    let old = t
        .vault
        .add_problem("Old problem", &[sam.id], now() - Duration::days(90))
        .unwrap();
    t.vault
        .close_problem(old.id, true, now() - Duration::days(60))
        .unwrap();
    let today = now().date_naive();
    let request = SummaryRequest {
        from: today - Duration::days(30),
        to: today,
        partners: vec![sam.id],
        problems: vec![],
        include_entries: vec![],
        exclude: vec![],
    };
    let summary = t.vault.summary(&request, now()).unwrap();
    let titles: Vec<&str> = summary.problems.iter().map(|l| l.text.as_str()).collect();
    assert!(titles.contains(&"Too much WIP"), "{titles:?}");
    assert!(titles.contains(&"On-call rota"), "{titles:?}");
    assert!(!titles.contains(&"Old problem"), "{titles:?}");
    let wip = &summary.problems[titles.iter().position(|t| *t == "Too much WIP").unwrap()];
    assert!(wip.detail.contains("agreed: WIP limit"), "{}", wip.detail);
    assert!(
        wip.detail.contains("also considered: Freeze"),
        "{}",
        wip.detail
    );
    let rota = &summary.problems[titles.iter().position(|t| *t == "On-call rota").unwrap()];
    assert!(rota.detail.contains("closed "), "{}", rota.detail);
}

#[test]
fn an_ally_typed_by_name_that_is_refused_records_nobody() {
    let mut t = TestVault::new();
    let sam = t.partner("Sam");
    let problem = t.vault.add_problem("WIP", &[sam.id], now()).unwrap();
    // A next step on two lines is refused before "Dana" may become a person.
    let refused = t.vault.set_problem_ally_named(
        problem.id,
        "Dana",
        None,
        Some("call\nher".into()),
        None,
        now(),
    );
    assert!(refused.is_err());
    assert!(t.vault.people().unwrap().is_empty());
    let (problem, new_person) = t
        .vault
        .set_problem_ally_named(problem.id, "Dana", Some(Stance::For), None, None, now())
        .unwrap();
    assert!(new_person);
    assert_eq!(problem.allies[0].name, "Dana");
    // The same name again is the same person; a partner's name is the partner.
    let (_, again) = t
        .vault
        .set_problem_ally_named(problem.id, "dana", None, None, Some(Owner::Both), now())
        .unwrap();
    assert!(!again);
    assert_eq!(t.vault.people().unwrap().len(), 1);
}
