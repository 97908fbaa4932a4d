//! Export-all and import: every row round-trips into an empty vault.

use chrono::Duration;
use proptest::prelude::*;
use rapport_core::actions::Owner;
use rapport_core::meetings::{AgendaState, MeetingStatus, NewMeeting};
use rapport_core::problems::{AllyInput, AllyWho, NewPresentation, Stance, ViewsUpdate};
use rapport_core::templates::TemplateSection;
use rapport_core::{EntryKind, NewPartner, Relationship};

use crate::support::{days_ago, entry, now, TestVault};

#[derive(Debug, Clone)]
struct Gen {
    partners: u8,
    entries: Vec<(u8, u8, bool, bool)>,
    meetings: Vec<(u8, bool, u8)>,
    problem: bool,
    template: bool,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        1u8..4,
        prop::collection::vec((0u8..5, 0u8..4, any::<bool>(), any::<bool>()), 0..12),
        prop::collection::vec((0u8..4, any::<bool>(), 0u8..3), 0..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(partners, entries, meetings, problem, template)| Gen {
            partners,
            entries,
            meetings,
            problem,
            template,
        })
}

fn build(g: &Gen) -> TestVault {
    let mut t = TestVault::new();
    let partners: Vec<_> = (0..g.partners)
        .map(|i| {
            t.vault
                .add_partner(
                    NewPartner {
                        role: Some(format!("Role {i}")),
                        relationship: Relationship::ALL[i as usize % 6],
                        cadence_days: Some(7 + u32::from(i)),
                        notes: format!("notes ü {i}"),
                        ..NewPartner::named(format!("Partner {i}"))
                    },
                    now(),
                )
                .unwrap()
        })
        .collect();
    if let Some(first) = partners.first() {
        let leave = rapport_core::NewPause {
            reason: rapport_core::PauseReason::Leave,
            started: "2024-01-08".parse().unwrap(),
            ended: Some("2024-07-01".parse().unwrap()),
        };
        t.vault.add_pause(first.id, leave, now()).unwrap();
    }
    for (i, (kind, partner, shareable, trash)) in g.entries.iter().enumerate() {
        let mut b = entry(&format!("Entry {i} with \"quotes\" and\nlines"))
            .kind(EntryKind::ALL[*kind as usize])
            .tag("t1")
            .at(days_ago(i as i64));
        if let Some(p) = partners.get(*partner as usize) {
            b = b.with(p.id);
            if i % 3 == 0 {
                b = b.received(rapport_core::SupportAct::Covered);
            }
        }
        if *shareable {
            b = b.shareable();
        }
        let e = t.add(b);
        if *trash {
            t.vault.trash_entry(e.id, now()).unwrap();
        }
    }
    for (i, (partner, held, actions)) in g.meetings.iter().enumerate() {
        let partner = &partners[*partner as usize % partners.len()];
        let m = t
            .vault
            .create_meeting(
                NewMeeting {
                    partners: vec![partner.id],
                    at: days_ago(10 - i as i64),
                    template: None,
                    signals: None,
                    purpose: String::new(),
                    minutes: None,
                },
                now(),
            )
            .unwrap();
        let item = t
            .vault
            .add_agenda_item(m.id, "Agenda", &format!("item {i}"))
            .unwrap();
        t.vault.set_agenda_state(item, AgendaState::Parked).unwrap();
        for a in 0..*actions {
            let action = t
                .vault
                .add_action(
                    m.id,
                    Owner::Both,
                    Some(days_ago(1).date_naive()),
                    &format!("action {a}"),
                    now(),
                )
                .unwrap();
            if a == 0 {
                t.vault.complete_action(action.id, now()).unwrap();
            }
        }
        t.vault
            .add_decision(m.id, *held, None, "decide", now())
            .unwrap();
        t.vault.add_meeting_guest(m.id, "A Guest", now()).unwrap();
        if *held {
            t.vault
                .set_meeting_status(m.id, MeetingStatus::Held, now())
                .unwrap();
        }
    }
    if g.problem {
        let p = t
            .vault
            .add_problem("A shared problem", &[partners[0].id], now())
            .unwrap();
        let p = t.vault.add_problem_option(p.id, "Option", now()).unwrap();
        t.vault
            .choose_problem_option(p.id, p.options[0].id, now())
            .unwrap();
        // The peer the problem is shared with cannot be their own ally.
        if partners.len() > 1 {
            t.vault
                .set_problem_ally(
                    p.id,
                    AllyInput {
                        who: AllyWho::Partner(partners[partners.len() - 1].id),
                        stance: Some(Stance::For),
                        next_step: Some("Ask".into()),
                        owner: None,
                    },
                    now() + Duration::seconds(1),
                )
                .unwrap();
        }
        let person = t.vault.add_person("Not A Partner", "VP", now()).unwrap();
        t.vault
            .set_problem_ally(
                p.id,
                AllyInput {
                    who: AllyWho::Person(person.id),
                    stance: None,
                    next_step: None,
                    owner: None,
                },
                now(),
            )
            .unwrap();
        t.vault
            .set_problem_views(
                p.id,
                ViewsUpdate {
                    my_view: Some("Mine".into()),
                    their_view: Some("Theirs".into()),
                    why_it_matters: None,
                    matters_to: Some(vec!["customers".into()]),
                },
                now(),
            )
            .unwrap();
        t.vault
            .record_presentation(
                p.id,
                NewPresentation {
                    on: now().date_naive() - Duration::days(1),
                    to_whom: "Directors".into(),
                    response: String::new(),
                    decide_again_on: None,
                },
                now(),
            )
            .unwrap();
    }
    if g.template {
        let template = t
            .vault
            .add_template(
                "Mine",
                &[TemplateSection {
                    title: "One".into(),
                    prompt: "Why?".into(),
                }],
                now(),
            )
            .unwrap();
        t.vault
            .set_default_template(Relationship::Peer, template.id)
            .unwrap();
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_into_an_empty_vault_reproduces_every_row(g in gen()) {
        let original = build(&g);
        let exported = original.vault.export_all().unwrap();
        let mut copy = TestVault::new();
        copy.vault.import_all(&exported).unwrap();
        prop_assert_eq!(copy.vault.export_all().unwrap(), exported);
        // The counts kept by triggers are rebuilt too, trash included.
        let counts = |t: &TestVault| {
            let partners = t.vault.list_partners(true).unwrap();
            (t.vault.count_entries().unwrap(), partners.into_iter().map(|p| (p.id, p.entry_count)).collect::<Vec<_>>())
        };
        prop_assert_eq!(counts(&copy), counts(&original));
        // The copy is a working vault: search is rebuilt.
        if !g.entries.is_empty() {
            prop_assert!(!copy.vault.search(&rapport_core::SearchQuery::text("quotes")).unwrap().is_empty() || g.entries.iter().all(|e| e.3));
        }
    }
}

#[test]
fn import_refuses_a_non_empty_vault_and_bad_files_writing_nothing() {
    let g = Gen {
        partners: 2,
        entries: vec![(0, 0, false, false)],
        meetings: vec![(0, true, 1)],
        problem: true,
        template: true,
    };
    let original = build(&g);
    let exported = original.vault.export_all().unwrap();
    let mut used = build(&g);
    assert!(used.vault.import_all(&exported).is_err());

    let mut empty = TestVault::new();
    for bad in [
        serde_json::json!({}),
        serde_json::json!({"format": "rapport-export", "version": 99, "schema": 2, "tables": {}}),
        {
            let mut broken = exported.clone();
            broken["tables"]["entries"][0]["kind"] = serde_json::json!("rant");
            broken
        },
        {
            let mut broken = exported.clone();
            broken["tables"]["entries"][0]["unknown_column"] = serde_json::json!(1);
            broken
        },
    ] {
        assert!(empty.vault.import_all(&bad).is_err());
    }
    assert_eq!(empty.vault.count_entries().unwrap(), 0);
    assert!(
        empty.vault.list_partners(true).unwrap().is_empty(),
        "failed imports write nothing"
    );
}

#[test]
fn exports_from_schema_2_on_are_imported_and_others_refused() {
    let g = Gen {
        partners: 1,
        entries: vec![(1, 0, true, false)],
        meetings: vec![],
        problem: false,
        template: false,
    };
    let exported = build(&g).vault.export_all().unwrap();
    let current = exported["schema"].as_i64().unwrap();
    assert!(current >= 3);
    for (schema, accepted) in [(1, false), (2, true), (current, true), (current + 1, false)] {
        let mut document = exported.clone();
        document["schema"] = serde_json::json!(schema);
        let mut empty = TestVault::new();
        assert_eq!(
            empty.vault.import_all(&document).is_ok(),
            accepted,
            "schema {schema}"
        );
        assert_eq!(empty.vault.count_entries().unwrap(), u64::from(accepted));
    }
}

#[test]
fn an_export_made_before_versions_imports_with_every_row_at_version_1() {
    let g = Gen {
        partners: 2,
        entries: vec![(1, 0, true, false), (2, 1, false, true)],
        meetings: vec![],
        problem: false,
        template: false,
    };
    let mut exported = build(&g).vault.export_all().unwrap();
    // As schema 5 wrote it: no `version` column in entries or partners, no relationship history.
    exported["schema"] = serde_json::json!(5);
    let tables = exported["tables"].as_object_mut().unwrap();
    assert!(tables.shift_remove("partner_relationships").is_some());
    for table in ["entries", "partners"] {
        for row in exported["tables"][table].as_array_mut().unwrap() {
            assert!(row.as_object_mut().unwrap().remove("version").is_some());
        }
    }
    let mut empty = TestVault::new();
    empty.vault.import_all(&exported).unwrap();
    let versions: Vec<u32> = [false, true]
        .into_iter()
        .flat_map(|trash| {
            let query = rapport_core::ListQuery {
                limit: 10,
                trash,
                ..rapport_core::ListQuery::default()
            };
            empty.vault.list_entries(&query).unwrap().entries
        })
        .map(|e| e.version)
        .collect();
    assert_eq!(versions, [1, 1]);
    let partners = empty.vault.list_partners(true).unwrap();
    assert!(partners.len() == 2 && partners.iter().all(|p| p.version == 1));
    // Each partner relates as they did, from when they were added: their history's one spell.
    for partner in &partners {
        let history = empty.vault.partner(partner.id).unwrap().relationships;
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].relationship, partner.relationship);
        assert_eq!(history[0].ended, None);
    }
    let mut bad = exported.clone();
    bad["tables"]["entries"][0] = serde_json::json!({});
    let err = TestVault::new().vault.import_all(&bad).unwrap_err();
    assert!(err.to_string().contains("a row is empty"), "{err}");
}

#[test]
fn a_row_that_breaks_the_cores_rules_is_refused_by_its_position_and_nothing_is_written() {
    let g = Gen {
        partners: 2,
        // The third entry links no partner.
        entries: vec![
            (1, 0, true, false),
            (2, 1, false, true),
            (0, 9, false, false),
        ],
        meetings: vec![(0, true, 2)],
        problem: true,
        template: false,
    };
    let exported = build(&g).vault.export_all().unwrap();
    let cases: &[(&str, &str, serde_json::Value, &str)] = &[
        (
            "entries",
            "created_at",
            serde_json::json!("x"),
            "row 1 of entries: created_at is not a whole number",
        ),
        (
            "entries",
            "created_at",
            serde_json::json!(i64::MAX),
            "row 1 of entries: created_at is not a time",
        ),
        (
            "entries",
            "body",
            serde_json::json!("   "),
            "row 1 of entries: body is empty",
        ),
        (
            "entries",
            "body",
            serde_json::json!(7),
            "row 1 of entries: body is not text",
        ),
        (
            "entries",
            "kind",
            serde_json::json!(null),
            "row 1 of entries: kind is missing",
        ),
        (
            "entries",
            "id",
            serde_json::json!(-4),
            "row 1 of entries: id is not a positive number",
        ),
        (
            "partners",
            "name",
            serde_json::json!("x".repeat(201)),
            "row 1 of partners: name is empty or longer",
        ),
        (
            "partners",
            "since",
            serde_json::json!("yesterday"),
            "row 1 of partners: since is not a YYYY-MM-DD date",
        ),
        (
            "partners",
            "relationship",
            serde_json::json!("boss"),
            "row 1 of partners: relationship is not one of the relationships",
        ),
        (
            "partner_relationships",
            "relationship",
            serde_json::json!("friend"),
            "row 1 of partner_relationships: relationship is not one of",
        ),
        (
            "partner_relationships",
            "ended",
            serde_json::json!("2020-01-01"),
            "a partner's current relationship is not their one open spell",
        ),
        (
            "partner_pauses",
            "reason",
            serde_json::json!("holiday"),
            "row 1 of partner_pauses: reason is not one of the reasons",
        ),
        (
            "partner_pauses",
            "started",
            serde_json::json!(null),
            "row 1 of partner_pauses: started is missing",
        ),
        (
            "entry_support",
            "direction",
            serde_json::json!("sideways"),
            "row 1 of entry_support: direction is neither given nor received",
        ),
        (
            "entry_support",
            "act",
            serde_json::json!("bribed"),
            "row 1 of entry_support: act is not one of the kinds of support",
        ),
        (
            "entry_support",
            "entry_id",
            serde_json::json!(3),
            "entry_support: an entry records support but links no partner",
        ),
        (
            "entry_tags",
            "tag",
            serde_json::json!("Has Space"),
            "row 1 of entry_tags: tag is not a tag",
        ),
        (
            "meetings",
            "sections",
            serde_json::json!("{not json"),
            "row 1 of meetings: sections is not a list",
        ),
        (
            "entry_partners",
            "entry_created_at",
            serde_json::json!(1),
            "entry_partners: a link's time differs",
        ),
    ];
    for (table, column, value, said) in cases {
        let mut document = exported.clone();
        let rows = document["tables"][*table].as_array_mut().unwrap();
        assert!(!rows.is_empty(), "the generated journal has {table}");
        rows[0][*column] = value.clone();
        let mut empty = TestVault::new();
        let before = empty.vault.export_all().unwrap();
        let error = empty.vault.import_all(&document).unwrap_err();
        assert_eq!(error.kind(), "invalid_input", "{table}.{column}");
        assert!(
            error.to_string().contains(said),
            "{table}.{column}: {error}"
        );
        assert_eq!(
            empty.vault.export_all().unwrap(),
            before,
            "{table}.{column}: nothing written"
        );
    }
    // The untouched export still imports, and the journal reads afterwards.
    let mut empty = TestVault::new();
    empty.vault.import_all(&exported).unwrap();
    empty.vault.check().unwrap();
}

#[test]
fn the_markdown_folder_has_one_file_per_thing_with_front_matter() {
    let g = Gen {
        partners: 1,
        entries: vec![(1, 0, true, false)],
        meetings: vec![(0, true, 0)],
        problem: false,
        template: false,
    };
    let t = build(&g);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("export");
    assert_eq!(
        t.vault.export_markdown(&dir, now().date_naive()).unwrap(),
        3
    );
    let entries: Vec<_> = std::fs::read_dir(dir.join("entries"))
        .unwrap()
        .flatten()
        .collect();
    let text = std::fs::read_to_string(entries[0].path()).unwrap();
    assert!(text.starts_with("---\nid: 1\n"), "{text}");
    assert!(
        text.contains("kind: win\n") && text.contains("partners: [\"Partner 0\"]"),
        "{text}"
    );
    assert!(
        t.vault.export_markdown(&dir, now().date_naive()).is_err(),
        "never over an existing folder"
    );
}

#[test]
fn a_markdown_export_appears_only_complete_and_clears_what_a_cut_short_one_left() {
    let g = Gen {
        partners: 1,
        entries: vec![(1, 0, true, false)],
        meetings: vec![],
        problem: false,
        template: false,
    };
    let t = build(&g);
    let tmp = tempfile::tempdir().unwrap();
    // What an export killed half-way left: files under the temporary name.
    let leftover = tmp.path().join(".export.partial-999999");
    std::fs::create_dir_all(leftover.join("entries")).unwrap();
    std::fs::write(leftover.join("entries/half.md"), "half an entry").unwrap();
    let dir = tmp.path().join("export");
    t.vault.export_markdown(&dir, now().date_naive()).unwrap();
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["export"], "only the finished folder is left");
    // A failed export (the target's parent is a file) leaves nothing behind either.
    let blocked = tmp.path().join("file");
    std::fs::write(&blocked, "not a folder").unwrap();
    assert!(t
        .vault
        .export_markdown(&blocked.join("export"), now().date_naive())
        .is_err());
    assert!(!blocked.join("export").exists());
}

#[test]
fn an_export_is_read_as_a_stream_and_a_malformed_one_is_refused_without_quoting_it() {
    let g = Gen {
        partners: 1,
        entries: vec![(1, 0, true, false)],
        meetings: vec![],
        problem: false,
        template: false,
    };
    let exported = build(&g).vault.export_all().unwrap();
    let text = serde_json::to_string(&exported).unwrap();
    // The export as written imports from its text.
    let mut empty = TestVault::new();
    let counts = empty.vault.import_all_from(text.as_bytes()).unwrap();
    assert!(counts.iter().any(|(t, n)| t == "entries" && *n == 1));

    let tables = exported["tables"].to_string();
    let reordered = format!(
        r#"{{"tables": {tables}, "format": "rapport-export", "version": 1, "schema": {}}}"#,
        exported["schema"]
    );
    let mut out_of_order = exported.clone();
    let entries = out_of_order["tables"]
        .as_object_mut()
        .unwrap()
        .remove("entries")
        .unwrap();
    let mut moved = serde_json::Map::new();
    moved.insert("entries".into(), entries);
    for (k, v) in out_of_order["tables"].as_object().unwrap() {
        moved.insert(k.clone(), v.clone());
    }
    out_of_order["tables"] = serde_json::Value::Object(moved);
    let mut unknown = exported.clone();
    unknown["tables"]["secrets"] = serde_json::json!([]);
    let mut stringy = exported.clone();
    stringy["tables"]["entries"][0] = serde_json::json!("secret words in place of a row");
    let cases: Vec<(String, &str)> = vec![
        (
            reordered,
            "header (format, version, schema) must come before its tables",
        ),
        (out_of_order.to_string(), "tables are out of order"),
        (unknown.to_string(), "a table this vault does not know"),
        (
            stringy.to_string(),
            "a value has the wrong shape (line 1, column",
        ),
        (text[..text.len() / 2].to_owned(), "it is cut short"),
        (
            "{\"format\": secret}".to_owned(),
            "it is not valid JSON (line 1, column",
        ),
    ];
    for (document, said) in cases {
        let mut empty = TestVault::new();
        let before = empty.vault.export_all().unwrap();
        let error = empty
            .vault
            .import_all_from(document.as_bytes())
            .unwrap_err();
        assert_eq!(error.kind(), "invalid_input", "{said}: {error}");
        assert!(error.to_string().contains(said), "{said}: {error}");
        assert!(!error.to_string().contains("secret"), "quoted: {error}");
        assert_eq!(
            empty.vault.export_all().unwrap(),
            before,
            "{said}: nothing written"
        );
    }
}

#[test]
fn an_export_cut_short_leaves_no_plaintext_after_the_next_open() {
    use rapport_core::{NewProtection, Unlock, Vault};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (vault, _) = Vault::create(
        &dir,
        NewProtection::Passphrase(crate::support::PASSPHRASE),
        &mut crate::support::rng(),
    )
    .unwrap();
    // A finished export leaves only the file asked for.
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    vault
        .write_export(&out.join("summary.md"), b"# Summary")
        .unwrap();
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
    // As a crash mid-write leaves it: the plaintext temporary file, named in the vault.
    let temp = out.join(".summary.md.tmp-424242");
    std::fs::write(&temp, "a private note, half written").unwrap();
    vault
        .set_preference("export.pending", &serde_json::json!(temp.to_string_lossy()))
        .unwrap();
    drop(vault);
    let vault = Vault::open(&dir, Unlock::Passphrase(crate::support::PASSPHRASE)).unwrap();
    assert!(!temp.exists(), "removed at the next open");
    assert_eq!(vault.preference("export.pending").unwrap(), None);
}

#[test]
fn an_export_made_before_the_worksheet_imports_with_its_allies_in_place() {
    let g = Gen {
        partners: 2,
        entries: vec![],
        meetings: vec![],
        problem: false,
        template: false,
    };
    let mut source = build(&g);
    let partners = source.vault.list_partners(true).unwrap();
    let problem = source
        .vault
        .add_problem("WIP", &[partners[0].id], now())
        .unwrap();
    let mut exported = source.vault.export_all().unwrap();
    // As schema 7 wrote it: the ally a row of problem_peers, no worksheet tables or columns.
    exported["schema"] = serde_json::json!(7);
    for table in ["people", "problem_allies", "problem_presentations"] {
        exported["tables"].as_object_mut().unwrap().remove(table);
    }
    for row in exported["tables"]["problems"].as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        for column in [
            "my_view",
            "their_view",
            "why_it_matters",
            "matters_to",
            "worksheet_at",
        ] {
            assert!(row.remove(column).is_some(), "{column}");
        }
    }
    exported["tables"]["problem_peers"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "problem_id": problem.id, "partner_id": partners[1].id,
            "role": "ally", "stance": "for"
        }));
    let mut empty = TestVault::new();
    empty.vault.import_all(&exported).unwrap();
    let imported = empty.vault.problem(problem.id).unwrap();
    assert_eq!(imported.shared_with.len(), 1);
    assert_eq!(imported.allies.len(), 1);
    assert_eq!(
        imported.allies[0].partner.as_ref().unwrap().id,
        partners[1].id
    );
    assert_eq!(imported.allies[0].stance, Stance::For);
    assert!(imported.matters_to.is_empty() && imported.my_view.is_empty());
    // And a worksheet list that is not one is refused.
    let mut bad = empty.vault.export_all().unwrap();
    bad["tables"]["problems"][0]["matters_to"] = serde_json::json!("{\"not\": \"a list\"}");
    assert!(TestVault::new().vault.import_all(&bad).is_err());
}
