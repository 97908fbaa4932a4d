//! What a person does with the CLI, verb by verb, checked through `--json`.

use crate::support::Rapport;

#[test]
fn init_write_list_show_search_edit_trash_restore() {
    let r = Rapport::new();
    let recovery = r.init();
    assert_eq!(recovery.len(), 39);
    let status = r.run(&["status", "--json"]).ok().json();
    assert_eq!(status["protection"], "keychain");
    assert_eq!(status["entries"], 0);

    let partner = r
        .run(&[
            "partner",
            "add",
            "Priya Raman",
            "--role",
            "Quality Director",
            "--relationship",
            "cross-functional",
            "--org",
            "Acme",
            "--cadence-days",
            "14",
            "--since",
            "2019-04-01",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(partner["name"], "Priya Raman");
    assert_eq!(partner["relationship"], "cross_functional");
    assert!(partner["id"].as_i64().unwrap() > 0);

    let written = r
        .run(&[
            "note",
            "--partner",
            "priya",
            "--tag",
            "wip",
            "--kind",
            "win",
            "--json",
            "Priya",
            "backed",
            "the",
            "WIP",
            "limit",
            "proposal",
        ])
        .ok()
        .json();
    let id = written["id"].as_i64().unwrap();
    assert_eq!(written["body"], "Priya backed the WIP limit proposal");
    assert_eq!(written["shareable"], false);
    assert_eq!(written["partners"][0]["name"], "Priya Raman");

    let from_stdin = r
        .run_with_stdin(&["note", "--json", "-"], "# Heading\n\nMulti-line\nnote\n")
        .ok()
        .json();
    assert_eq!(from_stdin["body"], "# Heading\n\nMulti-line\nnote");

    let list = r.run(&["list", "--json", "--limit", "1"]).ok().json();
    assert_eq!(list["entries"].as_array().unwrap().len(), 1);
    assert_eq!(list["entries"][0]["id"], from_stdin["id"]);
    let next = list["next_before"].as_i64().unwrap();
    let page2 = r
        .run(&[
            "list",
            "--json",
            "--limit",
            "1",
            "--before",
            &next.to_string(),
        ])
        .ok()
        .json();
    assert_eq!(page2["entries"][0]["id"], id);
    assert!(page2["next_before"].is_null());

    let human = r.run(&["list"]).ok().stdout;
    assert!(human.contains("@Priya Raman #wip"), "{human}");

    let hits = r.run(&["search", "propos", "--json"]).ok().json();
    assert_eq!(hits["hits"][0]["type"], "entry");
    assert_eq!(hits["hits"][0]["entry"]["id"], id);
    let filtered = r
        .run(&[
            "search",
            "",
            "--partner",
            "Priya Raman",
            "--kind",
            "win",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(filtered["hits"].as_array().unwrap().len(), 1);
    let none = r
        .run(&[
            "search",
            "",
            "--tag",
            "wip",
            "--until",
            "2000-01-01",
            "--json",
        ])
        .ok()
        .json();
    assert!(none["hits"].as_array().unwrap().is_empty());

    let edited = r
        .run(&[
            "edit",
            &id.to_string(),
            "--shareable",
            "--tag",
            "org",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(edited["shareable"], true);
    assert_eq!(edited["tags"], serde_json::json!(["org"]));

    let trashed = r.run(&["rm", &id.to_string(), "--json"]).ok().json();
    assert!(trashed["deleted_at"].is_string());
    assert!(r.run(&["search", "propos", "--json"]).ok().json()["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    let restored = r.run(&["restore", &id.to_string(), "--json"]).ok().json();
    assert!(restored["deleted_at"].is_null());
    let shown = r.run(&["show", &id.to_string()]).ok().stdout;
    assert!(shown.contains("Priya backed the WIP limit proposal"));

    r.run(&["rm", &id.to_string()]).ok();
    let purged = r.run(&["purge", "--all", "--json"]).ok().json();
    assert_eq!(purged["purged"], 1);

    let shown = r.run(&["partner", "show", "Priya", "--json"]).ok().json();
    assert_eq!(shown["roles"][0]["role"], "Quality Director");
    assert_eq!(shown["roles"][0]["started"], "2019-04-01");
    let partners = r.run(&["partner", "list", "--json"]).ok().json();
    assert_eq!(partners["partners"].as_array().unwrap().len(), 1);
    let edited = r
        .run(&["partner", "edit", "Priya", "--role", "VP Quality", "--json"])
        .ok()
        .json();
    assert_eq!(edited["roles"].as_array().unwrap().len(), 2);
}

#[test]
fn passphrase_vault_from_stdin_and_wrong_passphrase() {
    let r = Rapport::new();
    let created = r
        .run_with_stdin(
            &["init", "--passphrase-stdin", "--json"],
            "a long passphrase\n",
        )
        .ok()
        .json();
    assert_eq!(created["protection"], "passphrase");
    // Passphrase on the first line, the entry text after it.
    let written = r
        .run_with_stdin(
            &["note", "--passphrase-stdin", "--json", "-"],
            "a long passphrase\nfrom a pipe\n",
        )
        .ok()
        .json();
    assert_eq!(written["body"], "from a pipe");

    let wrong = r.run_with_stdin(&["list", "--passphrase-stdin"], "not it\n");
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("wrong passphrase"));
    let no_tty = r.run(&["list"]);
    assert_eq!(no_tty.code, 2);
    assert!(
        no_tty.stderr.contains("--passphrase-stdin"),
        "{}",
        no_tty.stderr
    );
}

#[test]
fn recovery_key_restores_access_after_the_keychain_entry_is_lost() {
    let r = Rapport::new();
    let recovery = r.init();
    r.run(&["note", "before the loss"]).ok();
    use rapport_core::Keychain;
    rapport_core::OsKeychain.remove(&r.vault_id()).unwrap();

    let locked = r.run(&["list", "--json"]);
    assert_eq!(locked.code, 2);
    let error: serde_json::Value = serde_json::from_str(locked.stderr.trim()).unwrap();
    assert_eq!(error["error"]["kind"], "key_missing");
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("rapport recover --recovery-key-stdin"));

    let wrong = r.run_with_stdin(
        &["recover", "--recovery-key-stdin"],
        "0000-0000-0000-0000-0000-0000-0000-0000\n",
    );
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    let garbage = r.run_with_stdin(&["recover", "--recovery-key-stdin"], "not a key\n");
    assert_eq!(garbage.code, 1, "{}", garbage.stderr);

    r.run_with_stdin(
        &["recover", "--recovery-key-stdin"],
        &format!("{recovery}\n"),
    )
    .ok();
    let list = r.run(&["list", "--json"]).ok().json();
    assert_eq!(list["entries"][0]["body"], "before the loss");
}

#[test]
fn backup_and_restore_on_another_machine_with_the_recovery_key() {
    let r = Rapport::new();
    let recovery = r.init();
    r.run(&["partner", "add", "Ada"]).ok();
    r.run(&["note", "--partner", "Ada", "kept through the move"])
        .ok();
    let file = r.path().join("vault.backup");
    let info = r
        .run(&["backup", file.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(info["entries"], 1);
    r.run(&["check"]).ok();

    let elsewhere = Rapport::new();
    let wrong = elsewhere.run_with_stdin(
        &["restore", file.to_str().unwrap(), "--recovery-key-stdin"],
        "0000-0000-0000-0000-0000-0000-0000-0000\n",
    );
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let flipped = r.path().join("flipped.backup");
    std::fs::write(&flipped, &bytes).unwrap();
    let damaged = elsewhere.run_with_stdin(
        &["restore", flipped.to_str().unwrap(), "--recovery-key-stdin"],
        &format!("{recovery}\n"),
    );
    assert_eq!(damaged.code, 1, "{}", damaged.stderr);
    assert!(damaged.stderr.contains("damaged"), "{}", damaged.stderr);
    assert!(!elsewhere.data_dir.join("rapport.db").exists());

    elsewhere
        .run_with_stdin(
            &["restore", file.to_str().unwrap(), "--recovery-key-stdin"],
            &format!("{recovery}\n"),
        )
        .ok();
    let list = elsewhere.run(&["list", "--json"]).ok().json();
    assert_eq!(list["entries"][0]["body"], "kept through the move");
    let again = elsewhere.run_with_stdin(
        &["restore", file.to_str().unwrap(), "--recovery-key-stdin"],
        &format!("{recovery}\n"),
    );
    assert_eq!(
        again.code, 1,
        "never over an existing vault: {}",
        again.stderr
    );
}

#[test]
fn a_memory_written_down_later_takes_its_own_date_and_the_timeline_orders_by_it() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Mike"]).ok();
    r.run(&["note", "--partner", "Mike", "Written", "today"])
        .ok();
    let old = r
        .run(&[
            "note",
            "--partner",
            "Mike",
            "--date",
            "2008-03-14",
            "--json",
            "Mike",
            "hired",
            "me",
        ])
        .ok()
        .json();
    let day = chrono::DateTime::parse_from_rfc3339(old["created_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Local)
        .date_naive();
    assert_eq!(day.to_string(), "2008-03-14");
    let timed = r
        .run(&[
            "note",
            "--date",
            "2011-06-01 09:30",
            "--json",
            "Moved",
            "teams",
        ])
        .ok()
        .json();
    assert!(timed["created_at"]
        .as_str()
        .unwrap()
        .starts_with("2011-06-01"));
    // Newest first: today's note, then 2011, then 2008.
    let page = r.run(&["list", "--json"]).ok().json();
    let bodies: Vec<&str> = page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Written today", "Moved teams", "Mike hired me"]);
    let future = r.run(&["note", "--date", "2999-01-01", "Later"]);
    assert_eq!(future.code, 1, "{}", future.stderr);
    assert!(future.stderr.contains("future"), "{}", future.stderr);
    let bad = r.run(&["note", "--date", "last spring", "Oops"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(bad.stderr.contains("--date"), "{}", bad.stderr);
    assert_eq!(
        r.run(&["list", "--json"]).ok().json()["entries"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // A date corrected: `edit --date` moves the entry, in Mike's timeline too; nothing else
    // changes, and a date ahead is refused.
    let today_id = page["entries"][0]["id"].as_i64().unwrap().to_string();
    r.run(&["edit", &today_id, "--date", "2007-01-02"]).ok();
    let mikes = r.run(&["list", "--partner", "Mike", "--json"]).ok().json();
    let bodies: Vec<&str> = mikes["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Mike hired me", "Written today"]);
    let refused = r.run(&["edit", &today_id, "--date", "2999-01-01"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    let shown = r.run(&["show", &today_id, "--json"]).ok().json();
    assert!(shown["created_at"]
        .as_str()
        .unwrap()
        .starts_with("2007-01-02"));
    assert_eq!(shown["body"], "Written today");
}

#[test]
fn a_relationship_over_years_is_entered_from_memory_corrected_and_shown() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Mike", "--relationship", "mentor"])
        .ok();
    r.run(&[
        "partner",
        "relationship",
        "Mike",
        "report",
        "--from",
        "2013-03-01",
        "--to",
        "2016-07-01",
    ])
    .ok();
    r.run(&[
        "partner",
        "relationship",
        "Mike",
        "peer",
        "--from",
        "2016-07-01",
        "--to",
        "2020-01-01",
    ])
    .ok();
    let mike = r
        .run(&[
            "partner",
            "relationship",
            "Mike",
            "mentor",
            "--from",
            "2020-01-01",
            "--json",
        ])
        .ok()
        .json();
    let spells: Vec<(&str, &str)> = mike["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["relationship"].as_str().unwrap(),
                s["started"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spells,
        [
            ("report", "2013-03-01"),
            ("peer", "2016-07-01"),
            ("mentor", "2020-01-01")
        ]
    );
    assert_eq!(mike["relationship"], "mentor");

    // An overlap is refused with the spell it overlaps, and changes nothing.
    let refused = r.run(&[
        "partner",
        "relationship",
        "Mike",
        "manager",
        "--from",
        "2015-01-01",
        "--to",
        "2017-01-01",
    ]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("overlaps the spell from 2013-03-01 to 2016-07-01"),
        "{}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("Mike"), "no names in errors");

    // Corrected by id, as `partner show` lists them; the current one cannot be removed.
    let report = mike["relationships"][0]["id"].as_i64().unwrap().to_string();
    let current = mike["relationships"][2]["id"].as_i64().unwrap().to_string();
    r.run(&[
        "partner",
        "relationship",
        "Mike",
        "mentee",
        "--spell",
        &report,
        "--from",
        "2012-09-01",
        "--to",
        "2016-07-01",
    ])
    .ok();
    let kept = r.run(&["partner", "relationship", "Mike", "--remove", &current]);
    assert_eq!(kept.code, 1, "{}", kept.stderr);
    let shown = r.run(&["partner", "show", "Mike"]).ok();
    assert!(
        shown
            .stdout
            .contains(&format!("#{report:<4} 2012-09-01 – 2016-07-01  mentee")),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("2020-01-01 – now"),
        "{}",
        shown.stdout
    );

    // Roles the same way: a past one, then the current one from a day, which ends the last.
    r.run(&[
        "partner",
        "role",
        "Mike",
        "--role",
        "Director",
        "--org",
        "Initech",
        "--from",
        "2013-03-01",
        "--to",
        "2016-07-01",
    ])
    .ok();
    let mike = r
        .run(&[
            "partner",
            "role",
            "Mike",
            "--role",
            "VP",
            "--org",
            "Globex",
            "--from",
            "2021-05-01",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(mike["role"], "VP");
    assert_eq!(mike["organisation"], "Globex");
    let director = mike["roles"][0]["id"].as_i64().unwrap().to_string();
    r.run(&["partner", "role", "Mike", "--remove", &director])
        .ok();
    let mike = r.run(&["partner", "show", "Mike", "--json"]).ok().json();
    assert_eq!(mike["roles"].as_array().unwrap().len(), 1);
    // A verb with nothing to record is a usage error.
    let usage = r.run(&["partner", "relationship", "Mike"]);
    assert_eq!(usage.code, 1);
    assert!(usage.stderr.contains("<RELATIONSHIP>"), "{}", usage.stderr);
}

#[test]
fn a_leave_pauses_the_cadence_and_resume_counts_it_again() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Sam", "--cadence-days", "14"])
        .ok();
    let due = r.run(&["due", "--json"]).ok().json();
    assert_eq!(
        due["partners"].as_array().unwrap().len(),
        1,
        "never met: due"
    );

    let sam = r
        .run(&[
            "partner",
            "pause",
            "Sam",
            "--reason",
            "leave",
            "--from",
            "2020-01-01",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(sam["pauses"][0]["reason"], "leave");
    assert_eq!(sam["pauses"][0]["ended"], serde_json::Value::Null);
    let due = r.run(&["due", "--json"]).ok().json();
    assert!(
        due["partners"].as_array().unwrap().is_empty(),
        "paused: not due"
    );
    let shown = r.run(&["partner", "show", "Sam"]).ok();
    assert!(shown.stdout.contains("Cadence paused:"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("2020-01-01 – now"),
        "{}",
        shown.stdout
    );

    // An overlapping pause and an unknown reason are refused.
    let overlap = r.run(&["partner", "pause", "Sam", "--from", "2021-01-01"]);
    assert_eq!(overlap.code, 1, "{}", overlap.stderr);
    assert!(
        overlap
            .stderr
            .contains("overlaps the pause from 2020-01-01 on"),
        "{}",
        overlap.stderr
    );
    let reason = r.run(&[
        "partner",
        "pause",
        "Sam",
        "--reason",
        "holiday",
        "--from",
        "2010-01-01",
        "--to",
        "2010-02-01",
    ]);
    assert_eq!(reason.code, 1);
    assert!(
        reason.stderr.contains("leave, sabbatical, reorg or other"),
        "{}",
        reason.stderr
    );

    let resumed = r.run(&["partner", "resume", "Sam", "--json"]).ok().json();
    assert!(resumed["pauses"][0]["ended"].is_string());
    // Back today: due a cadence from today, so not yet.
    let due = r.run(&["due", "--json"]).ok().json();
    assert!(due["partners"].as_array().unwrap().is_empty());
    let again = r.run(&["partner", "resume", "Sam"]);
    assert_eq!(again.code, 1, "nothing to resume: {}", again.stderr);

    let id = resumed["pauses"][0]["id"].as_i64().unwrap().to_string();
    r.run(&["partner", "pause", "Sam", "--remove", &id]).ok();
    let due = r.run(&["due", "--json"]).ok().json();
    assert_eq!(
        due["partners"].as_array().unwrap().len(),
        1,
        "the pause is gone"
    );
}

#[test]
fn support_both_ways_is_noted_corrected_and_counted_per_year() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Mike", "--relationship", "mentor"])
        .ok();
    let taught = r
        .run(&[
            "note",
            "--partner",
            "Mike",
            "--received",
            "taught",
            "--date",
            "2013-06-21",
            "--json",
            "Mike taught me to run a calibration",
        ])
        .ok()
        .json();
    assert_eq!(taught["support"]["direction"], "received");
    assert_eq!(taught["support"]["act"], "taught");
    let covered = r
        .run(&[
            "note",
            "--partner",
            "Mike",
            "--gave",
            "covered",
            "--date",
            "2016-06-21",
            "--json",
            "Covered his on-call during the move",
        ])
        .ok()
        .json();
    let covered_id = covered["id"].as_i64().unwrap().to_string();

    // Shown in the entry and the list, and counted per year on the partner.
    let shown = r.run(&["show", &covered_id]).ok();
    assert!(
        shown.stdout.contains("Support: You covered for them"),
        "{}",
        shown.stdout
    );
    let listed = r.run(&["list"]).ok();
    assert!(
        listed.stdout.contains("[given covered]"),
        "{}",
        listed.stdout
    );
    let mike = r.run(&["partner", "show", "Mike"]).ok();
    assert!(
        mike.stdout
            .contains("Support both ways: 1 given, 1 received"),
        "{}",
        mike.stdout
    );
    assert!(
        mike.stdout.contains("  2013  given 0   received 1"),
        "{}",
        mike.stdout
    );
    let json = r.run(&["partner", "show", "Mike", "--json"]).ok().json();
    assert_eq!(json["support"]["given"], 1);

    // Refused: support with no partner, both directions, an unknown word; nothing is written.
    let alone = r.run(&["note", "--gave", "covered", "Covered for someone"]);
    assert_eq!(alone.code, 1, "{}", alone.stderr);
    assert!(
        alone.stderr.contains("link the partner too"),
        "{}",
        alone.stderr
    );
    let both = r.run(&[
        "note",
        "--partner",
        "Mike",
        "--gave",
        "covered",
        "--received",
        "taught",
        "x",
    ]);
    assert_ne!(both.code, 0);
    let unknown = r.run(&["note", "--partner", "Mike", "--gave", "bribed", "x"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("hard-feedback"),
        "{}",
        unknown.stderr
    );
    let status = r.run(&["status", "--json"]).ok().json();
    assert_eq!(status["entries"], 2);

    // Corrected: the other way round, then no longer support at all.
    let turned = r
        .run(&["edit", &covered_id, "--received", "covered", "--json"])
        .ok()
        .json();
    assert_eq!(turned["support"]["direction"], "received");
    let plain = r
        .run(&["edit", &covered_id, "--no-support", "--json"])
        .ok()
        .json();
    assert_eq!(plain["support"], serde_json::Value::Null);
    let mike = r.run(&["partner", "show", "Mike", "--json"]).ok().json();
    assert_eq!(mike["support"]["received"], 1);
    assert_eq!(mike["support"]["given"], 0);
}

#[test]
fn a_partnerships_story_is_printed_without_the_private_side_unless_asked() {
    let r = Rapport::new();
    r.init();
    r.run(&[
        "partner",
        "add",
        "Mike",
        "--relationship",
        "mentor",
        "--since",
        "2012-03-01",
    ])
    .ok();
    r.run(&[
        "note",
        "--partner",
        "Mike",
        "--kind",
        "win",
        "--shareable",
        "--date",
        "2014-06-21",
        "Shipped the platform together",
    ])
    .ok();
    r.run(&[
        "note",
        "--partner",
        "Mike",
        "--received",
        "sponsored",
        "--date",
        "2016-06-21",
        "privmarker991 put my name forward",
    ])
    .ok();

    let shared = r.run(&["partner", "story", "Mike"]).ok().stdout;
    assert!(shared.starts_with("# Mike: "), "{shared}");
    assert!(shared.contains("years working together"), "{shared}");
    assert!(shared.contains("### 2014"), "{shared}");
    assert!(shared.contains("Shipped the platform together"), "{shared}");
    assert!(shared.contains("They supported you once"), "{shared}");
    assert!(
        !shared.contains("privmarker991"),
        "private text stays out: {shared}"
    );
    let private = r
        .run(&["partner", "story", "Mike", "--private"])
        .ok()
        .stdout;
    assert!(
        private.contains("privmarker991 put my name forward"),
        "{private}"
    );

    let json = r.run(&["partner", "story", "Mike", "--json"]).ok().json();
    assert_eq!(json["first_day"], "2012-03-01");
    let years = json["years"].as_array().unwrap();
    assert_eq!(years[0]["year"], 2012);
    assert_eq!(years[4]["support_received"], 1);

    let file = r.tmp.path().join("mike.pdf");
    r.run(&[
        "partner",
        "story",
        "Mike",
        "--format",
        "pdf",
        "--out",
        file.to_str().unwrap(),
    ])
    .ok();
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
    let unknown = r.run(&["partner", "story", "Nobody"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
}

#[test]
fn a_prompts_answers_over_time_are_counted_and_listed_by_their_tag() {
    let r = Rapport::new();
    r.init();
    r.run(&["partner", "add", "Mike"]).ok();
    for (date, text) in [
        (
            "2024-01-10",
            "Who is my sounding board? Mike, for the org questions.",
        ),
        ("2025-01-10", "Who is my sounding board? Still Mike."),
    ] {
        r.run(&[
            "note",
            "--partner",
            "Mike",
            "--kind",
            "reflection",
            "--tag",
            "reflect-sounding-board",
            "--date",
            date,
            text,
        ])
        .ok();
    }
    let shown = r.run(&["partner", "show", "Mike"]).ok().stdout;
    assert!(
        shown.contains("#reflect-sounding-board") && shown.contains("2 answers"),
        "{shown}"
    );
    let listed = r
        .run(&[
            "list",
            "--partner",
            "Mike",
            "--tag",
            "reflect-sounding-board",
            "--json",
        ])
        .ok()
        .json();
    let bodies: Vec<&str> = listed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "Who is my sounding board? Still Mike.",
            "Who is my sounding board? Mike, for the org questions."
        ]
    );
    let bad = r.run(&["list", "--tag", "two words"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
}
