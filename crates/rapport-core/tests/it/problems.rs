//! Peer problems: stages, options, allies, the decide-again date.

use chrono::Duration;
use rapport_core::problems::{Stage, Stance};

use crate::support::{meeting_at, now, TestVault};

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
        .set_problem_ally(problem.id, dana.id, Stance::Against, now())
        .unwrap();
    let problem = t
        .vault
        .set_problem_ally(problem.id, dana.id, Stance::For, now())
        .unwrap();
    assert_eq!(problem.allies.len(), 1);
    assert_eq!(problem.allies[0].stance, Stance::For);
    assert!(t
        .vault
        .set_problem_stage(problem.id, Stage::DecideAgain, None, now())
        .is_err());
    let revisit = now().date_naive() - Duration::days(1);
    let problem = t
        .vault
        .set_problem_stage(problem.id, Stage::DecideAgain, Some(revisit), now())
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
