//! The commands as the page calls them, through Tauri's IPC on the mock runtime: bad arguments
//! come back as typed `{kind, message}` errors, nothing panics, and the vault is unchanged.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::commands::test_support::passphrase_vault;

struct App {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
}

/// The real app (its real context, so the real capabilities) on the mock runtime, over an
/// unlocked passphrase vault.
fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = passphrase_vault(dir.path(), "correct horse battery");
    let app = crate::app_builder(mock_builder(), data_dir)
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let app = App {
        _app: app,
        window,
        _dir: dir,
    };
    call(
        &app,
        "unlock_vault",
        json!({"passphrase": "correct horse battery"}),
    )
    .unwrap();
    app
}

fn call(app: &App, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[track_caller]
fn assert_kind(result: Result<Value, Value>, kind: &str) {
    let error = result.expect_err("the call should fail");
    assert_eq!(error["kind"], kind, "{error}");
    assert!(error["message"].is_string(), "{error}");
}

fn entry_count(app: &App) -> u64 {
    call(app, "vault_status", json!({})).unwrap()["entry_count"]
        .as_u64()
        .unwrap()
}

#[test]
fn missing_and_mistyped_arguments_are_typed_errors() {
    let app = app();
    assert_kind(call(&app, "get_entry", json!({})), "invalid_input");
    assert_kind(
        call(&app, "get_entry", json!({"id": "abc"})),
        "invalid_input",
    );
    assert_kind(call(&app, "list_entries", json!({})), "invalid_input");
    assert_kind(
        call(&app, "list_entries", json!({"limit": -1})),
        "invalid_input",
    );
    assert_kind(
        call(&app, "add_entry", json!({"entry": "just text"})),
        "invalid_input",
    );
    assert_kind(
        call(
            &app,
            "add_entry",
            json!({"entry": {"body": "x", "kind": "rant"}}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(
            &app,
            "add_entry",
            json!({"entry": {"body": "x", "extra": 1}}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(&app, "update_entry", json!({"id": 1})),
        "invalid_input",
    );
    assert_kind(
        call(&app, "add_partner", json!({"partner": {"name": 5}})),
        "invalid_input",
    );
    assert_kind(
        call(&app, "search", json!({"query": {"text": ["a"]}})),
        "invalid_input",
    );
    assert_kind(call(&app, "recover_vault", json!({})), "invalid_input");
    assert_kind(call(&app, "preview_summary", json!({})), "invalid_input");
    assert_kind(
        call(
            &app,
            "preview_summary",
            json!({"choice": {"from": "last quarter", "to": "2025-03-31"}}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(
            &app,
            "save_summary",
            json!({"choice": {"from": "2025-01-01", "to": "2025-03-31"}, "format": "docx"}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(&app, "export_vault", json!({"kind": "csv"})),
        "invalid_input",
    );
    assert_kind(
        call(&app, "import_file", json!({"source": "evernote"})),
        "invalid_input",
    );
    assert_kind(call(&app, "restore_backup", json!({})), "invalid_input");
    assert_eq!(entry_count(&app), 0, "nothing was written");
}

#[test]
fn without_the_dialog_plugin_saving_is_a_typed_error_not_a_panic() {
    // The mock runtime has no dialog plugin: the command must say so, never panic.
    let app = app();
    assert_kind(
        call(
            &app,
            "save_summary",
            json!({"choice": {"from": "2025-01-01", "to": "2025-03-31"}, "format": "md"}),
        ),
        "internal",
    );
    assert_kind(call(&app, "backup_vault", json!({})), "internal");
}

#[test]
fn without_the_shortcut_plugin_no_shortcut_is_tried() {
    // The first `shortcut_status` registers the global shortcut; the mock app has no plugin, so
    // it answers that none was tried, twice alike, instead of panicking.
    let app = app();
    for _ in 0..2 {
        assert_eq!(
            call(&app, "shortcut_status", json!({})),
            Ok(json!({"accelerator": "", "registered": false, "message": null}))
        );
    }
}

#[test]
fn unknown_ids_are_not_found() {
    let app = app();
    assert_kind(call(&app, "get_entry", json!({"id": 999})), "not_found");
    assert_kind(call(&app, "trash_entry", json!({"id": 999})), "not_found");
    assert_kind(call(&app, "get_partner", json!({"id": 999})), "not_found");
    assert_kind(
        call(
            &app,
            "add_entry",
            json!({"entry": {"body": "x", "partner_ids": [999]}}),
        ),
        "not_found",
    );
    assert_eq!(entry_count(&app), 0);
}

#[test]
fn ten_megabyte_strings_are_refused_without_echo() {
    let app = app();
    let huge = "secret ".repeat(10 * 1024 * 1024 / 7);
    for (command, args) in [
        ("add_entry", json!({"entry": {"body": huge}})),
        ("add_partner", json!({"partner": {"name": huge}})),
        ("search", json!({"query": {"text": huge}})),
        ("render_markdown", json!({"text": huge})),
    ] {
        let error = call(&app, command, args).expect_err(command);
        assert!(
            matches!(
                error["kind"].as_str(),
                Some("invalid_input") | Some("wrong_passphrase")
            ),
            "{command}: {error}"
        );
        assert!(
            !error["message"].as_str().unwrap().contains("secret"),
            "{command}"
        );
    }
    assert_eq!(entry_count(&app), 0);
    call(&app, "lock_vault", json!({})).unwrap();
    assert_kind(
        call(&app, "unlock_vault", json!({"passphrase": huge})),
        "wrong_passphrase",
    );
}

#[test]
fn windows_other_than_main_are_refused() {
    let app = app();
    let other = WebviewWindowBuilder::new(&app._app, "other", Default::default())
        .build()
        .unwrap();
    let request = InvokeRequest {
        cmd: "vault_status".into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(json!({})),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    assert!(get_ipc_response(&other, request).is_err());
}

#[test]
fn a_round_trip_through_ipc() {
    let app = app();
    let partner = call(
        &app,
        "add_partner",
        json!({"partner": {"name": "Ada", "relationship": "peer"}}),
    )
    .unwrap();
    let entry = call(
        &app,
        "add_entry",
        json!({"entry": {"body": "Ada had my back", "kind": "win", "tags": ["trust"], "partner_ids": [partner["id"]]}}),
    )
    .unwrap();
    assert_eq!(entry["partners"][0]["name"], "Ada");
    let hits = call(&app, "search", json!({"query": {"text": "back"}})).unwrap();
    assert_eq!(hits[0]["entry"]["id"], entry["id"]);
    let html = call(
        &app,
        "render_markdown",
        json!({"text": "**bold** <script>x</script>"}),
    )
    .unwrap();
    assert_eq!(
        html,
        "<p><strong>bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
    );
    call(&app, "lock_vault", json!({})).unwrap();
    assert_kind(call(&app, "list_entries", json!({"limit": 10})), "locked");
}

#[test]
fn a_meeting_round_trip_through_ipc() {
    let app = app();
    let partner = call(
        &app,
        "add_partner",
        json!({"partner": {"name": "Priya", "relationship": "peer"}}),
    )
    .unwrap();
    let meeting = call(
        &app,
        "create_meeting",
        json!({"meeting": {"partner_ids": [partner["id"]], "at": "2025-03-01T10:00:00Z", "signals": {"shared_problem": true, "need_cooperation": false, "benefits_everyone": false}}}),
    )
    .unwrap();
    assert_eq!(meeting["sections"][2]["title"], "The problem");
    let with_item = call(
        &app,
        "add_agenda_item",
        json!({"meeting_id": meeting["id"], "section": "Options", "text": "Ask QA"}),
    )
    .unwrap();
    let item = &with_item["agenda"][0]["id"];
    call(
        &app,
        "update_agenda_item",
        json!({"id": item, "state": "parked", "notes": "later"}),
    )
    .unwrap();
    assert_kind(
        call(
            &app,
            "update_agenda_item",
            json!({"id": item, "shift": "sideways"}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(
            &app,
            "update_agenda_item",
            json!({"id": item, "state": "done"}),
        ),
        "invalid_input",
    );
    let action = call(
        &app,
        "add_action",
        json!({"action": {"meeting_id": meeting["id"], "owner": "them", "text": "Draft it"}}),
    )
    .unwrap();
    call(
        &app,
        "add_decision",
        json!({"decision": {"meeting_id": meeting["id"], "agreed": false, "text": "Cap WIP"}}),
    )
    .unwrap();
    call(
        &app,
        "set_meeting_status",
        json!({"id": meeting["id"], "status": "held"}),
    )
    .unwrap();
    let next = call(
        &app,
        "create_meeting",
        json!({"meeting": {"partner_ids": [partner["id"]], "at": "2025-03-15T10:00:00Z"}}),
    )
    .unwrap();
    assert_eq!(next["agenda"].as_array().unwrap().len(), 3, "{next}");
    call(
        &app,
        "set_action_done",
        json!({"id": action["id"], "done": true}),
    )
    .unwrap();
    let next = call(&app, "get_meeting", json!({"id": next["id"]})).unwrap();
    assert!(
        next["agenda"][0]["carried"]["action"]["done_at"].is_string(),
        "{next}"
    );
    let due = call(&app, "get_due", json!({})).unwrap();
    assert!(due["next_meetings"].is_array());
    let problem = call(
        &app,
        "add_problem",
        json!({"title": "Too much WIP", "partner_ids": [partner["id"]]}),
    )
    .unwrap();
    let problem = call(
        &app,
        "update_problem",
        json!({"id": problem["id"], "change": {"add_option": "WIP limit"}}),
    )
    .unwrap();
    assert_eq!(problem["options"][0]["text"], "WIP limit");
    // An ally typed by a name nobody has is recorded as a person, not a partner.
    let problem = call(
        &app,
        "update_problem",
        json!({"id": problem["id"], "change": {"ally": {"name": "Dana", "stance": "for"}}}),
    )
    .unwrap();
    assert_eq!(problem["allies"][0]["name"], "Dana");
    assert!(problem["allies"][0]["partner"].is_null());
    let people = call(&app, "list_people", json!({})).unwrap();
    assert_eq!(people[0]["name"], "Dana");
    let partners = call(&app, "list_partners", json!({})).unwrap();
    assert!(!partners.to_string().contains("Dana"));
    assert_kind(
        call(
            &app,
            "update_problem",
            json!({"id": problem["id"], "change": {}}),
        ),
        "invalid_input",
    );
    assert_kind(
        call(
            &app,
            "create_meeting",
            json!({"meeting": {"partner_ids": [], "at": "2025-03-15T10:00:00Z"}}),
        ),
        "invalid_input",
    );
}

// ---- every command, generated arguments ----

/// The error kinds a command may answer with (`ErrorKind`, error.rs).
const KINDS: &[&str] = &[
    "no_vault",
    "vault_exists",
    "key_missing",
    "keychain_unavailable",
    "locked",
    "wrong_passphrase",
    "wrong_recovery_key",
    "invalid_input",
    "not_found",
    "changed_elsewhere",
    "internal",
];

/// Every registered command, read from build.rs (the list the permissions are made from), but
/// `lock_vault`, whose success is to close the vault the test looks into.
fn commands() -> Vec<String> {
    let build = include_str!("../build.rs");
    let list = build
        .split("const COMMANDS")
        .nth(1)
        .and_then(|rest| rest.split("];").next())
        .unwrap();
    list.split('"')
        .skip(1)
        .step_by(2)
        .filter(|c| *c != "lock_vault")
        .map(str::to_owned)
        .collect()
}

/// The argument names the commands take (docs/ipc.md), and one no command knows.
const ARGUMENT_NAMES: &[&str] = &[
    "id",
    "limit",
    "before",
    "partner_id",
    "trash",
    "entry",
    "changes",
    "version",
    "partner",
    "include_archived",
    "query",
    "meeting",
    "status",
    "text",
    "meeting_id",
    "section",
    "state",
    "notes",
    "shift",
    "action",
    "owner",
    "due",
    "done",
    "decision",
    "agreed",
    "revisit_on",
    "title",
    "partner_ids",
    "change",
    "open",
    "choice",
    "format",
    "directory",
    "name",
    "value",
    "draft",
    "current",
    "new_passphrase",
    "passphrase",
    "recovery_key",
    "enabled",
    "lead_minutes",
    "kind",
    "source",
    "template",
    "sections",
    "copy_of",
    "relationship",
    "body",
    "tags",
    "at",
    "unknown_argument",
];

fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let number = prop_oneof![
        Just(0i64),
        Just(1),
        Just(2),
        Just(-1),
        Just(i64::MAX),
        Just(i64::MIN),
        any::<i64>()
    ]
    .prop_map(Value::from);
    let text = prop_oneof![
        Just(String::new()),
        "[a-z ]{1,12}",
        Just("2025-03-01".to_owned()),
        Just("2025-03-15T10:00:00Z".to_owned()),
        Just("peer".to_owned()),
        Just("x".repeat(300 * 1024)),
        "\\PC{0,24}",
    ]
    .prop_map(Value::from);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number,
        (-1e12f64..1e12).prop_map(Value::from),
        text,
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(ARGUMENT_NAMES), inner, 0..6)
                .prop_map(|map| Value::Object(
                    map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
        ]
    })
}

/// What the vault holds, to compare before and after a refused command.
fn fingerprint(app: &App) -> Value {
    use tauri::Manager;
    let state = app._app.state::<crate::state::SharedState>();
    state
        .with_vault(|vault| {
            Ok(json!({
                "rows": vault.export_all()?,
                "draft": vault.draft()?.map(|d| d.draft.body),
            }))
        })
        .unwrap()
}

/// A value nested `depth` arrays deep (what the page's JSON parser lets through is bounded).
fn nested(depth: usize) -> Value {
    (0..depth).fold(json!("bottom"), |inner, _| json!([inner]))
}

#[test]
fn every_command_answers_generated_arguments_with_a_value_or_a_typed_error_and_a_refusal_changes_nothing(
) {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let app = app();
    // A little journal for the ids to find: a partner, two entries, a meeting.
    let partner = call(&app, "add_partner", json!({"partner": {"name": "Priya"}})).unwrap();
    for body in ["first", "second"] {
        call(
            &app,
            "add_entry",
            json!({"entry": {"body": body, "partner_ids": [partner["id"]]}}),
        )
        .unwrap();
    }
    call(
        &app,
        "create_meeting",
        json!({"meeting": {"partner_ids": [partner["id"]], "at": "2025-03-15T10:00:00Z"}}),
    )
    .unwrap();

    let commands = commands();
    assert!(commands.len() > 50, "{commands:?}");
    let args =
        prop::collection::btree_map(prop::sample::select(ARGUMENT_NAMES), json_value(), 0..5)
            .prop_map(|map| {
                Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            });
    let cases = (prop::sample::select(commands.clone()), args);
    // 1000 calls here; RAPPORT_FUZZ_CASES for more.
    let cases_to_run = std::env::var("RAPPORT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let mut runner = TestRunner::new(Config {
        cases: cases_to_run,
        failure_persistence: None,
        ..Config::default()
    });
    let answered = std::cell::RefCell::new(std::collections::BTreeMap::<String, (u32, u32)>::new());
    runner
        .run(&cases, |(command, args)| {
            let before = fingerprint(&app);
            let outcome = call(&app, &command, args.clone());
            let mut answered = answered.borrow_mut();
            let tally = answered.entry(command.clone()).or_default();
            match outcome {
                Ok(_) => tally.0 += 1,
                Err(error) => {
                    tally.1 += 1;
                    let kind = error["kind"].as_str().unwrap_or_default();
                    prop_assert!(KINDS.contains(&kind), "{command} {args}: {error}");
                    prop_assert!(error["message"].is_string(), "{command}: {error}");
                    prop_assert_eq!(
                        fingerprint(&app),
                        before,
                        "{} refused but changed the vault",
                        command
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    // Deep JSON where an object is expected: refused, not a crash.
    for command in ["add_entry", "search", "update_problem", "preview_summary"] {
        let deep = json!({"entry": nested(100), "query": nested(100), "change": nested(100), "choice": nested(100), "id": 1});
        let result = call(&app, command, deep);
        if let Err(error) = result {
            assert!(
                KINDS.contains(&error["kind"].as_str().unwrap_or_default()),
                "{error}"
            );
        }
    }
    let answered = answered.into_inner();
    eprintln!(
        "{} commands sent generated arguments: {}",
        answered.len(),
        answered
            .iter()
            .map(|(c, (ok, err))| format!("{c} {ok}/{err}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}
