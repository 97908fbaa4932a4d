//! `rapport meeting`, `action`, `decision`, `template` and `due`, end to end.

use crate::support::Rapport;

#[test]
fn a_peer_problem_followed_across_meetings() {
    let r = Rapport::new();
    r.init();
    r.run(&[
        "partner",
        "add",
        "Priya Raman",
        "--relationship",
        "peer",
        "--cadence-days",
        "14",
    ])
    .ok();

    let first = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "priya",
            "--at",
            "2025-03-01 10:00",
            "--signal",
            "shared-problem",
            "--json",
        ])
        .ok()
        .json();
    let first_id = first["id"].as_i64().unwrap().to_string();
    assert_eq!(first["status"], "planned");
    assert_eq!(first["signals"]["shared_problem"], true);
    let titles: Vec<&str> = first["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Carried forward",
            "Check-in",
            "The problem",
            "Options",
            "Agreement",
            "Allies",
            "Managers"
        ]
    );

    let with_item = r
        .run(&[
            "meeting",
            "item",
            &first_id,
            "--section",
            "Options",
            "--json",
            "Ask",
            "QA",
            "for",
            "environments",
        ])
        .ok()
        .json();
    let item = with_item["agenda"][0]["id"].as_i64().unwrap().to_string();
    r.run(&["meeting", "mark", &item, "parked"]).ok();
    let action = r
        .run(&[
            "action",
            "add",
            "--meeting",
            &first_id,
            "--owner",
            "me",
            "--due",
            "2025-03-05",
            "--json",
            "Send",
            "numbers",
        ])
        .ok()
        .json();
    assert_eq!(action["owner"], "me");
    let decision = r
        .run(&[
            "decision",
            "add",
            "--meeting",
            &first_id,
            "--open",
            "--revisit",
            "2025-03-10",
            "--json",
            "Cap",
            "WIP",
        ])
        .ok()
        .json();
    assert_eq!(decision["agreed"], false);
    r.run(&["meeting", "held", &first_id]).ok();

    let second = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Priya Raman",
            "--at",
            "2025-03-15 10:00",
        ])
        .ok()
        .stdout;
    assert!(
        second.contains(
            "- [ ] Send numbers _(action, me; due 2025-03-05, overdue; carried from 2025-03-01)_"
        ),
        "{second}"
    );
    assert!(
        second.contains(
            "- [ ] Cap WIP _(not agreed yet; decide again by 2025-03-10; carried from 2025-03-01)_"
        ),
        "{second}"
    );
    assert!(
        second.contains("- [ ] Ask QA for environments _(parked; carried from 2025-03-01)_")
            || second.contains("Ask QA for environments _(carried from 2025-03-01)_"),
        "{second}"
    );

    let action_id = action["id"].as_i64().unwrap().to_string();
    r.run(&["action", "done", &action_id]).ok();
    let open = r
        .run(&["action", "list", "--open", "--mine", "--json"])
        .ok()
        .json();
    assert!(
        open["actions"].as_array().unwrap().is_empty(),
        "done everywhere"
    );
    let shown = r.run(&["meeting", "show", "2"]).ok().stdout;
    assert!(shown.contains("- [x] Send numbers"), "{shown}");

    let due = r.run(&["due", "--json"]).ok().json();
    assert_eq!(due["decisions_to_revisit"][0]["text"], "Cap WIP");
    let listed = r
        .run(&["meeting", "list", "--partner", "priya", "--json"])
        .ok()
        .json();
    assert_eq!(listed["meetings"].as_array().unwrap().len(), 2);
}

#[test]
fn templates_from_the_command_line() {
    let r = Rapport::new();
    r.init();
    let added = r
        .run(&[
            "template",
            "add",
            "Quick sync",
            "--section",
            "Blockers: What is stuck?",
            "--section",
            "Next",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(added["sections"][0]["prompt"], "What is stuck?");
    r.run(&["template", "default", "mentor", "Quick sync"]).ok();
    r.run(&["partner", "add", "Sam", "--relationship", "mentor"])
        .ok();
    let meeting = r
        .run(&["meeting", "new", "--partner", "Sam", "--json"])
        .ok()
        .json();
    assert_eq!(meeting["sections"][1]["title"], "Blockers");
    let refused = r.run(&["template", "edit", "Peer one-on-one", "--section", "X"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(r
        .run(&["template", "show", "peer one-on-one"])
        .ok()
        .stdout
        .contains("6. Managers"));
}

#[test]
fn meeting_input_errors_are_one_line() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Ada"]).ok();
    for args in [
        vec!["meeting", "new"],
        vec!["meeting", "new", "--partner", "nobody"],
        vec!["meeting", "new", "--partner", "Ada", "--at", "tomorrow"],
        vec!["meeting", "new", "--partner", "Ada", "--signal", "vibes"],
        vec!["meeting", "new", "--partner", "Ada", "--template", "nope"],
        vec!["meeting", "show", "9"],
        vec!["meeting", "mark", "9", "parked"],
        vec!["action", "add", "--meeting", "9", "--owner", "me", "x"],
        vec!["action", "add", "--meeting", "1", "--owner", "boss", "x"],
        vec!["decision", "add", "--meeting", "1", "x"],
        vec!["action", "done", "9"],
    ] {
        let run = r.run(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim_end().lines().count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_peer_problem_from_the_command_line() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Priya"]).ok();
    r.run(&["partner", "add", "Dana"]).ok();
    let problem = r
        .run(&[
            "problem", "new", "--with", "Priya", "--json", "Too", "much", "WIP",
        ])
        .ok()
        .json();
    let id = problem["id"].as_i64().unwrap().to_string();
    assert_eq!(problem["stage"], "both_views");
    let with_option = r
        .run(&["problem", "option", &id, "--json", "WIP", "limit"])
        .ok()
        .json();
    let option = with_option["options"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    r.run(&["problem", "choose", &id, &option]).ok();
    r.run(&["problem", "ally", &id, "Dana", "--stance", "against"])
        .ok();
    let refused = r.run(&["problem", "stage", &id, "decide-again"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    r.run(&[
        "problem",
        "stage",
        &id,
        "decide-again",
        "--decide-again",
        "2000-01-01",
        "--anyway",
    ])
    .ok();
    let meeting = r
        .run(&["meeting", "new", "--partner", "Priya", "--json"])
        .ok()
        .json();
    let meeting_id = meeting["id"].as_i64().unwrap().to_string();
    r.run(&["problem", "link", &id, "--meeting", &meeting_id])
        .ok();
    let shown = r.run(&["problem", "show", &id]).ok().stdout;
    assert!(shown.contains("[decide again]"), "{shown}");
    assert!(shown.contains("Dana: against"), "{shown}");
    assert!(shown.contains("My view: (not written yet)"), "{shown}");
    assert!(shown.contains("✔ WIP limit"), "{shown}");
    let due = r.run(&["due"]).ok().stdout;
    assert!(due.contains("Problems to decide again:"), "{due}");
    r.run(&["problem", "close", &id]).ok();
    assert!(
        r.run(&["problem", "list", "--open", "--json"]).ok().json()["problems"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_summary_file_is_private_and_holds_only_what_was_chosen() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Priya", "--cadence-days", "14"])
        .ok();
    let today = chrono::Local::now().date_naive();
    let (from, to) = (
        (today - chrono::Duration::days(30)).to_string(),
        today.to_string(),
    );
    let at = format!("{} 10:00", today - chrono::Duration::days(3));
    let meeting = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Priya",
            "--at",
            &at,
            "--json",
        ])
        .ok()
        .json();
    let id = meeting["id"].as_i64().unwrap().to_string();
    r.run(&[
        "decision",
        "add",
        "--meeting",
        &id,
        "--agreed",
        "Cap WIP at 3",
    ])
    .ok();
    r.run(&["meeting", "held", &id]).ok();
    r.run(&[
        "note",
        "--partner",
        "Priya",
        "--kind",
        "win",
        "--shareable",
        "Shipped the pilot",
    ])
    .ok();
    let private = r
        .run(&["note", "--partner", "Priya", "--json", "qvxprivate77 worry"])
        .ok()
        .json();

    let out = r.path().join("summary.html");
    let run = r.run(&[
        "summary",
        "--from",
        &from,
        "--to",
        &to,
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("Cap WIP at 3") && html.contains("Shipped the pilot"),
        "{html}"
    );
    assert!(!html.contains("qvxprivate77"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(r.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");

    let included = r
        .run(&[
            "summary",
            "--from",
            &from,
            "--to",
            &to,
            "--include",
            &private["id"].to_string(),
        ])
        .ok()
        .stdout;
    assert!(included.contains("qvxprivate77 worry"), "{included}");
    // Included by hand for that summary only: a summary of another period refuses it.
    let last_year = (today - chrono::Duration::days(400)).to_string();
    let before = (today - chrono::Duration::days(200)).to_string();
    let elsewhere = r.run(&[
        "summary",
        "--from",
        &last_year,
        "--to",
        &before,
        "--include",
        &private["id"].to_string(),
        "--json",
    ]);
    assert_eq!(elsewhere.code, 1, "{}", elsewhere.stderr);
    assert!(elsewhere.stdout.is_empty() || !elsewhere.stdout.contains("qvxprivate77"));
    assert!(
        elsewhere.stderr.contains("invalid_input") && elsewhere.stderr.contains("period"),
        "{}",
        elsewhere.stderr
    );
    assert!(!elsewhere.stderr.contains("qvxprivate77"));
    let bad = r.run(&["summary", "--from", "2025-02-01", "--to", "2025-01-01"]);
    assert_eq!(bad.code, 1);
    let bad = r.run(&[
        "summary",
        "--from",
        "2025-01-01",
        "--to",
        "2025-02-01",
        "--format",
        "docx",
    ]);
    assert_eq!(bad.code, 1);
}

/// The text `pdftotext -layout` reads from a PDF file, white space collapsed. A missing
/// pdftotext fails the test rather than skipping it.
fn pdf_text(path: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext could not run ({e}): install poppler-utils (scripts/install-deps.sh does)")
        });
    assert!(output.status.success(), "pdftotext failed: {output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_pdf_summary_is_a_private_file_with_the_chosen_lines() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Zoë Ørsted"]).ok();
    let today = chrono::Local::now().date_naive();
    let (from, to) = (
        (today - chrono::Duration::days(30)).to_string(),
        today.to_string(),
    );
    let at = format!("{} 10:00", today - chrono::Duration::days(3));
    let meeting = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Zoë Ørsted",
            "--at",
            &at,
            "--json",
        ])
        .ok()
        .json();
    let id = meeting["id"].as_i64().unwrap().to_string();
    r.run(&[
        "decision",
        "add",
        "--meeting",
        &id,
        "--agreed",
        "Release trains every second Tuesday",
    ])
    .ok();
    r.run(&["note", "--partner", "Zoë Ørsted", "qvxprivate78 worry"])
        .ok();

    let out = r.path().join("summary.pdf");
    let run = r.run(&[
        "summary",
        "--from",
        &from,
        "--to",
        &to,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let text = pdf_text(&out);
    assert!(
        text.contains("Release trains every second Tuesday"),
        "{text}"
    );
    assert!(text.contains("Zoë Ørsted"), "{text}");
    assert!(!text.contains("qvxprivate78"), "{text}");

    // Standard output that is not a terminal (a pipe, `> file`) takes the PDF as it is.
    let piped = r.run(&["summary", "--from", &from, "--to", &to, "--format", "pdf"]);
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    assert!(piped.stdout.starts_with("%PDF-"));

    let bad = r.run(&["summary", "--from", &from, "--to", &to, "--format", "docx"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("use md, html, json or pdf"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_lapsed_meeting_is_asked_about_taken_over_and_moved() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Sam"]).ok();
    let lapsed = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Sam",
            "--at",
            "2025-03-01 10:00",
            "--json",
        ])
        .ok()
        .json();
    let id = lapsed["id"].as_i64().unwrap().to_string();
    r.run(&["meeting", "item", &id, "Ask about the budget"])
        .ok();
    let due = r.run(&["due"]).ok();
    assert!(due.stdout.contains("Did these happen?"), "{}", due.stdout);
    // Preparing the next one takes over what the lapsed one held, and says so.
    let next = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Sam",
            "--at",
            "2029-12-01 10:00",
            "--json",
        ])
        .ok();
    assert!(
        next.stderr
            .contains(&format!("took over the open items of meeting {id}")),
        "{}",
        next.stderr
    );
    let next = next.json();
    assert_eq!(next["took_over"][0]["id"].as_i64().unwrap().to_string(), id);
    assert!(next["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["text"] == "Ask about the budget"));
    // Moved to later, it is no longer asked about.
    let moved = r
        .run(&["meeting", "move", &id, "--at", "2030-01-05 09:30", "--json"])
        .ok()
        .json();
    assert!(moved["at"].as_str().unwrap().starts_with("2030-01-05"));
    assert!(!r.run(&["due"]).ok().stdout.contains("Did these happen?"));
    r.run(&["meeting", "held", &id]).ok();
    let refused = r.run(&["meeting", "move", &id, "--at", "2030-02-01 09:30"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("reopen it"), "{}", refused.stderr);
}

#[test]
fn a_problem_from_both_views_to_a_presented_brief() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Sam Lee"]).ok();
    let problem = r
        .run(&[
            "problem", "new", "--with", "Sam Lee", "--json", "Too", "much", "WIP",
        ])
        .ok()
        .json();
    let id = problem["id"].as_i64().unwrap().to_string();
    // Options before both views are written: refused, with the way forward named.
    let early = r.run(&["problem", "stage", &id, "options"]);
    assert_eq!(early.code, 1);
    assert!(
        early.stderr.contains("write both views first"),
        "{}",
        early.stderr
    );
    let views = r
        .run(&[
            "problem",
            "views",
            &id,
            "--json",
            "--mine",
            "Nothing ships: too many projects at once.",
            "--theirs",
            "QA gets everything in the last week.",
            "--matters",
            "Customers wait months for fixes.",
            "--to",
            "customers",
            "--to",
            "the QA team",
            "--to",
            "Dana",
        ])
        .ok()
        .json();
    assert_eq!(
        views["matters_to"],
        serde_json::json!(["customers", "the QA team", "Dana"])
    );
    r.run(&["problem", "stage", &id, "options"]).ok();
    let with = r
        .run(&[
            "problem", "option", &id, "--json", "WIP", "limit", "of", "3",
        ])
        .ok()
        .json();
    let option = with["options"][0]["id"].as_i64().unwrap().to_string();
    r.run(&["problem", "option", &id, "Freeze", "new", "work"])
        .ok();
    r.run(&[
        "problem",
        "edit-option",
        &id,
        &option,
        "--mine",
        "Fewer context switches",
        "--theirs",
        "A steady QA load",
    ])
    .ok();
    r.run(&["problem", "choose", &id, &option]).ok();
    // Dana is not a partner: she is recorded as a person and stays out of Partners.
    let ally = r.run(&[
        "problem",
        "ally",
        &id,
        "Dana Ortiz",
        "--stance",
        "for",
        "--next",
        "Ask at staff meeting",
        "--owner",
        "them",
    ]);
    assert_eq!(ally.code, 0, "{}", ally.stderr);
    assert!(
        ally.stderr.contains("as a person, not a partner"),
        "{}",
        ally.stderr
    );
    assert!(
        ally.stdout
            .contains("Dana Ortiz (not a partner): for; next: Ask at staff meeting (them)"),
        "{}",
        ally.stdout
    );
    let partners = r.run(&["partner", "list", "--json"]).ok().stdout;
    assert!(!partners.contains("Dana Ortiz"), "{partners}");
    let people = r.run(&["person", "list"]).ok().stdout;
    assert!(
        people.contains("Dana Ortiz; an ally on 1 problem"),
        "{people}"
    );
    // A private note about Sam never reaches the brief unless included.
    let note = r
        .run(&[
            "note",
            "--partner",
            "Sam Lee",
            "--json",
            "PRIVATE-WORRY",
            "Sam",
            "looked",
            "tired",
        ])
        .ok()
        .json();
    let note_id = note["id"].as_i64().unwrap().to_string();
    let md = r.run(&["problem", "brief", &id]).ok().stdout;
    for expected in [
        "# Brief: Too much WIP",
        "## My view",
        "## Sam Lee's view",
        "It matters to: customers, the QA team, Dana",
        "WIP limit of 3 _(for me: Fewer context switches; for Sam Lee: A steady QA load)_",
        "Freeze new work",
        "Dana Ortiz _(for it, next: Ask at staff meeting (Sam Lee's))_",
    ] {
        assert!(md.contains(expected), "{expected:?} missing from\n{md}");
    }
    assert!(!md.contains("PRIVATE-WORRY"), "{md}");
    let included = r
        .run(&[
            "problem",
            "brief",
            &id,
            "--format",
            "html",
            "--include",
            &note_id,
        ])
        .ok()
        .stdout;
    assert!(included.contains("PRIVATE-WORRY"), "{included}");
    let pdf = r.path().join("brief.pdf");
    let wrote = r.run(&[
        "problem",
        "brief",
        &id,
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // Presented with a date to decide again: the stage moves.
    let presented = r
        .run(&[
            "problem",
            "presented",
            &id,
            "--json",
            "--to",
            "both our directors",
            "--said",
            "Try it for a quarter",
            "--decide-again",
            "2099-03-01",
        ])
        .ok()
        .json();
    assert_eq!(presented["stage"], "decide_again");
    assert_eq!(
        presented["presentations"][0]["to_whom"],
        "both our directors"
    );
    let md = r.run(&["problem", "brief", &id]).ok().stdout;
    assert!(
        md.contains("Presented to both our directors: Try it for a quarter"),
        "{md}"
    );
    assert!(md.contains("We will decide again by 2099-03-01."), "{md}");
    // Promoted, Dana becomes a partner and stays the ally.
    r.run(&["person", "promote", "dana ortiz"]).ok();
    let shown = r.run(&["problem", "show", &id]).ok().stdout;
    assert!(shown.contains("Dana Ortiz: for"), "{shown}");
    let ally_id = r.run(&["problem", "show", &id, "--json"]).ok().json()["allies"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    r.run(&["problem", "remove-ally", &id, &ally_id]).ok();
    r.run(&["problem", "remove-option", &id, &option]).ok();
    let last = r.run(&["problem", "show", &id, "--json"]).ok().json();
    assert!(last["allies"].as_array().unwrap().is_empty());
    assert_eq!(last["options"].as_array().unwrap().len(), 1);
    let missing = r.run(&["person", "remove", "Nobody"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
}

#[test]
fn an_agenda_shared_with_the_peer_has_its_purpose_and_length_and_nothing_private() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Sam Lee"]).ok();
    let meeting = r
        .run(&[
            "meeting",
            "new",
            "--partner",
            "Sam Lee",
            "--json",
            "--at",
            "2031-05-06 14:00",
            "--purpose",
            "WIP across our teams",
            "--minutes",
            "30",
        ])
        .ok()
        .json();
    assert_eq!(meeting["purpose"], "WIP across our teams");
    assert_eq!(meeting["minutes"], 30);
    let id = meeting["id"].as_i64().unwrap().to_string();
    r.run(&[
        "meeting",
        "item",
        &id,
        "Who",
        "presents",
        "to",
        "the",
        "directors",
    ])
    .ok();
    r.run(&["meeting", "check-in", &id, "PRIVATE-CHECKIN", "tired"])
        .ok();
    r.run(&["meeting", "guest", &id, "Dana Ortiz"]).ok();
    let md = r.run(&["meeting", "share", &id]).ok().stdout;
    assert!(md.contains("With: Sam Lee, Dana Ortiz"), "{md}");
    assert!(!r.run(&["partner", "list"]).ok().stdout.contains("Dana"));
    r.run(&["meeting", "unguest", &id, "dana ortiz"]).ok();
    assert!(r.run(&["meeting", "guest", &id, "Sam Lee"]).code == 1);
    let md = r.run(&["meeting", "share", &id]).ok().stdout;
    assert!(md.contains("# WIP across our teams"), "{md}");
    assert!(md.contains("With: Sam Lee\n"), "{md}");
    assert!(md.contains("14:00, 30 minutes"), "{md}");
    assert!(md.contains("Who presents to the directors"), "{md}");
    assert!(!md.contains("PRIVATE-CHECKIN"), "{md}");
    let ics = r.path().join("invite.ics");
    r.run(&[
        "meeting",
        "share",
        &id,
        "--format",
        "ics",
        "--out",
        ics.to_str().unwrap(),
    ])
    .ok();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("SUMMARY:WIP across our teams"), "{text}");
    assert!(!text.contains("PRIVATE-CHECKIN"), "{text}");
    // Purpose and length change; a held meeting is reopened.
    let planned = r
        .run(&["meeting", "plan", &id, "--minutes", "45", "--json"])
        .ok()
        .json();
    assert_eq!(planned["minutes"], 45);
    assert_eq!(planned["purpose"], "WIP across our teams");
    let shown = r.run(&["meeting", "show", &id]).ok().stdout;
    assert!(
        shown.contains("About: WIP across our teams (45 minutes)"),
        "{shown}"
    );
    r.run(&["meeting", "held", &id]).ok();
    let reopened = r.run(&["meeting", "reopen", &id, "--json"]).ok().json();
    assert_eq!(reopened["status"], "planned");
    let bad = r.run(&["meeting", "plan", &id, "--minutes", "2"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    let bad = r.run(&["meeting", "share", &id, "--format", "pdf"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);

    // How are we doing: private, shown with the meeting, taken back; 1 to 5 only.
    let pulsed = r.run(&["meeting", "pulse", &id, "4", "--json"]).ok().json();
    assert_eq!(pulsed["pulse"], 4);
    let shown = r.run(&["meeting", "show", &id]).ok().stdout;
    assert!(shown.contains("How we are doing: 4 of 5"), "{shown}");
    let md = r.run(&["meeting", "share", &id]).ok().stdout;
    assert!(!md.contains("of 5"), "the pulse is private: {md}");
    for bad in ["0", "6", "x"] {
        assert_eq!(r.run(&["meeting", "pulse", &id, bad]).code, 1, "{bad}");
    }
    let cleared = r
        .run(&["meeting", "pulse", &id, "--clear", "--json"])
        .ok()
        .json();
    assert!(cleared["pulse"].is_null());
}

#[test]
fn actions_decisions_and_agenda_items_are_edited_and_deleted_from_the_command_line() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Sam"]).ok();
    let meeting = r
        .run(&["meeting", "new", "--partner", "Sam", "--json"])
        .ok()
        .json();
    let id = meeting["id"].as_i64().unwrap().to_string();
    let action = r
        .run(&[
            "action",
            "add",
            "--meeting",
            &id,
            "--owner",
            "me",
            "--json",
            "Send",
            "numbers",
        ])
        .ok()
        .json();
    let action_id = action["id"].as_i64().unwrap().to_string();
    let edited = r
        .run(&[
            "action",
            "edit",
            &action_id,
            "--owner",
            "them",
            "--due",
            "2031-01-02",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (edited["owner"].as_str(), edited["due"].as_str()),
        (Some("them"), Some("2031-01-02"))
    );
    let cleared = r
        .run(&["action", "edit", &action_id, "--no-due", "--json"])
        .ok()
        .json();
    assert!(cleared["due"].is_null());
    let decision = r
        .run(&[
            "decision",
            "add",
            "--meeting",
            &id,
            "--open",
            "--json",
            "Cap",
            "WIP",
        ])
        .ok()
        .json();
    let decision_id = decision["id"].as_i64().unwrap().to_string();
    let agreed = r
        .run(&[
            "decision",
            "edit",
            &decision_id,
            "--agreed",
            "--text",
            "Cap WIP at 3",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        (agreed["agreed"].as_bool(), agreed["text"].as_str()),
        (Some(true), Some("Cap WIP at 3"))
    );
    let with_item = r
        .run(&["meeting", "item", &id, "--json", "Test", "environments"])
        .ok()
        .json();
    let item = with_item["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["text"] == "Test environments")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    r.run(&[
        "meeting",
        "edit-item",
        &item,
        "Shared",
        "test",
        "environments",
    ])
    .ok();
    assert!(r
        .run(&["meeting", "show", &id])
        .ok()
        .stdout
        .contains("Shared test environments"));
    r.run(&["meeting", "rm-item", &item]).ok();
    r.run(&["action", "rm", &action_id]).ok();
    r.run(&["decision", "rm", &decision_id]).ok();
    let shown = r.run(&["meeting", "show", &id, "--json"]).ok().json();
    assert!(shown["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["text"] != "Shared test environments"));
    assert!(shown["actions"].as_array().unwrap().is_empty());
    assert!(shown["decisions"].as_array().unwrap().is_empty());
    let gone = r.run(&["action", "rm", &action_id]);
    assert_eq!(gone.code, 1, "{}", gone.stderr);
}
