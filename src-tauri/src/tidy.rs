//! Tidy checks: project rules a compiler cannot see, for the shell, its UI, and the import graph of the core and the CLI.

use std::fs;
use std::path::{Path, PathBuf};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_with_extension(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The part of a Rust file that ships: everything before its `#[cfg(test)]` module.
fn shipped_code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn every_file_opens_with_a_doc_comment() {
    for path in files_with_extension(&crate_dir().join("src"), "rs") {
        assert!(
            read(&path).starts_with("//!"),
            "{} must open with a `//!` line",
            path.display()
        );
    }
}

#[test]
fn the_shell_has_no_unwrap_or_expect_outside_tests() {
    let mut files = files_with_extension(&crate_dir().join("src"), "rs");
    files.push(crate_dir().join("build.rs"));
    for path in files {
        if path.ends_with("test_support.rs")
            || path.ends_with("tidy.rs")
            || path.ends_with("ipc_tests.rs")
        {
            continue;
        }
        let text = read(&path);
        for needle in [".unwrap()", ".expect("] {
            assert!(
                !shipped_code(&text).contains(needle),
                "{} uses {needle} outside tests; handle the error instead",
                path.display()
            );
        }
    }
}

#[test]
fn unsafe_code_is_allowed_in_webkit_rs_only() {
    // The workspace denies `unsafe_code`; one module may allow it, for the WebKitGTK calls its
    // Rust bindings lack. Every other crate and test keeps the deny (ARCHITECTURE.md).
    let root = crate_dir().parent().unwrap();
    let mut allowed = Vec::new();
    for dir in ["crates", "src-tauri/src", "tests"] {
        for path in files_with_extension(&root.join(dir), "rs") {
            if path.components().any(|part| part.as_os_str() == "target") {
                continue;
            }
            if read(&path).contains(concat!("allow(", "unsafe_code)")) {
                allowed.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    assert_eq!(allowed, [PathBuf::from("src-tauri/src/webkit.rs")]);
    let manifest = read(&root.join("Cargo.toml"));
    assert!(
        manifest.contains("unsafe_code = \"deny\""),
        "the workspace must deny unsafe code"
    );
}

#[test]
fn the_content_security_policy_is_strict() {
    let config: serde_json::Value =
        serde_json::from_str(&read(&crate_dir().join("tauri.conf.json"))).unwrap();
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .unwrap_or_default();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
    ] {
        assert!(csp.contains(directive), "the CSP lacks {directive}: {csp}");
    }
    assert!(
        !csp.contains("unsafe"),
        "the CSP must not allow unsafe-*: {csp}"
    );
}

#[test]
fn only_the_chosen_plugins_and_no_devtools_ship() {
    // No shell, fs, http, sql or opener plugin: the app opens no network connection and the page
    // reaches the disk only through the journal's own commands. The dialog plugin is used from
    // Rust only; the capability grants the page none of its commands.
    let manifest = read(&crate_dir().join("Cargo.toml"));
    let mut plugins: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.trim().strip_prefix("tauri-plugin-"))
        .filter_map(|rest| rest.split([' ', '=']).next())
        .collect();
    plugins.sort();
    assert_eq!(
        plugins,
        [
            "dialog",
            "global-shortcut",
            "notification",
            "single-instance",
            "window-state"
        ]
    );
    let tauri_line = manifest
        .lines()
        .find(|line| line.starts_with("tauri = "))
        .unwrap();
    assert!(
        !tauri_line.contains("devtools"),
        "devtools must stay off in release builds: {tauri_line}"
    );
}

#[test]
fn only_the_main_window_is_granted_only_the_journal() {
    let capabilities_dir = crate_dir().join("capabilities");
    let files = files_with_extension(&capabilities_dir, "json");
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let capability: serde_json::Value = serde_json::from_str(&read(&files[0])).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(capability["permissions"], serde_json::json!(["journal"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote origin may call the app"
    );
    let config: serde_json::Value =
        serde_json::from_str(&read(&crate_dir().join("tauri.conf.json"))).unwrap();
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .unwrap_or_default();
    for origin in ["http:", "https:", "ws:", "*"] {
        let allowed: Vec<&str> = csp
            .split(';')
            .flat_map(|directive| directive.split_whitespace().skip(1))
            .filter(|source| source.starts_with(origin) && *source != "http://ipc.localhost")
            .collect();
        assert!(
            allowed.is_empty(),
            "the CSP allows remote origins: {allowed:?}"
        );
    }
}

#[test]
fn the_command_list_agrees_in_build_rs_lib_rs_and_the_permission_set() {
    let build = read(&crate_dir().join("build.rs"));
    let lib = read(&crate_dir().join("src/lib.rs"));
    let permissions = read(&crate_dir().join("permissions/journal.toml"));
    let list = build
        .split("const COMMANDS")
        .nth(1)
        .and_then(|rest| rest.split("];").next())
        .unwrap();
    let commands: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
    assert!(!commands.is_empty());
    let handler = lib.split("generate_handler![").nth(1).unwrap();
    let handler = handler.split(']').next().unwrap();
    assert_eq!(
        handler.matches("::").count(),
        commands.len() * 2,
        "generate_handler! and build.rs list different numbers of commands"
    );
    for command in commands {
        assert!(
            handler.contains(&format!("::{command},")),
            "{command} is not registered"
        );
        let permission = format!("\"allow-{}\"", command.replace('_', "-"));
        assert!(
            permissions.contains(&permission),
            "permissions/journal.toml does not grant {permission}"
        );
    }
}

#[test]
fn only_api_js_talks_to_rust_and_no_script_builds_html() {
    let ui = crate_dir().join("../ui");
    for path in files_with_extension(&ui, "js") {
        let text = read(&path);
        let is_api = path.ends_with("api.js");
        assert_eq!(
            text.contains("__TAURI_INTERNALS__") || text.contains("invoke("),
            is_api,
            "{}: only ui/api.js may call invoke",
            path.display()
        );
        for needle in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            assert!(
                !text.contains(needle),
                "{}: text goes in with textContent, not {needle}",
                path.display()
            );
        }
    }
    let html = read(&ui.join("index.html"));
    assert!(!html.contains("style="), "index.html: no inline styles");
    assert!(!html.contains("<style"), "index.html: no inline styles");
    for script in html.split("<script").skip(1) {
        assert!(
            script
                .split('>')
                .next()
                .unwrap_or_default()
                .contains("src="),
            "index.html: no inline scripts"
        );
    }
}

#[test]
fn the_ui_mark_is_the_app_icon() {
    // ui/ is the only folder the window can load from, so it carries a copy of the icon source.
    assert_eq!(
        read(&crate_dir().join("../ui/mark.svg")),
        read(&crate_dir().join("../icons/icon.svg")),
        "ui/mark.svg differs from icons/icon.svg: copy the icon again"
    );
}

#[test]
fn every_platform_has_its_icon_named_in_the_bundle() {
    let config: serde_json::Value =
        serde_json::from_str(&read(&crate_dir().join("tauri.conf.json"))).unwrap();
    let icons: Vec<&str> = config["bundle"]["icon"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    // (file, the bytes it starts with): Linux's PNGs, Windows' ICO, macOS's ICNS.
    for (name, magic) in [
        ("../icons/icon.png", &b"\x89PNG"[..]),
        ("../icons/icon.ico", &[0, 0, 1, 0][..]),
        ("../icons/icon.icns", &b"icns"[..]),
    ] {
        assert!(
            icons.contains(&name),
            "tauri.conf.json does not name {name}"
        );
        let bytes = std::fs::read(crate_dir().join(name)).unwrap();
        assert!(bytes.starts_with(magic), "{name} is not what its name says");
    }
    let icns = std::fs::read(crate_dir().join("../icons/icon.icns")).unwrap();
    let declared = u32::from_be_bytes([icns[4], icns[5], icns[6], icns[7]]) as usize;
    assert_eq!(declared, icns.len(), "icon.icns says another length");
}

/// The modules of a crate's `src/` that `module` names as `crate::other` in its shipped code.
fn modules_named(text: &str) -> std::collections::BTreeSet<String> {
    let mut named = std::collections::BTreeSet::new();
    let code = shipped_code(text);
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        // `crate::Error` and friends are the root's re-exports, not a module.
        if !name.is_empty() && rest[name.len()..].starts_with("::") {
            named.insert(name);
        }
    }
    named
}

/// A module that imports one that imports it back, directly or around a longer loop. A folder
/// of modules (the CLI's `verbs/`) counts as one module: what its files name, together.
fn import_loop(src: &Path) -> Option<Vec<String>> {
    use std::collections::BTreeMap;
    let mut graph: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for path in files_with_extension(src, "rs") {
        let Ok(relative) = path.strip_prefix(src) else {
            continue;
        };
        let first = relative.components().next();
        let name = match (first, relative.components().count()) {
            (Some(folder), count) if count > 1 => folder.as_os_str().to_string_lossy().into_owned(),
            _ => relative
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        if name == "lib" || name == "main" {
            continue;
        }
        let mut named = modules_named(&read(&path));
        named.remove(&name);
        graph.entry(name).or_default().extend(named);
    }
    // Depth-first from every module; a module met again on the current path closes a loop.
    fn visit(
        graph: &BTreeMap<String, std::collections::BTreeSet<String>>,
        module: &str,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut found = path[start..].to_vec();
            found.push(module.to_owned());
            return Some(found);
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if graph.contains_key(next) && next != module {
                if let Some(found) = visit(graph, next, path) {
                    return Some(found);
                }
            }
        }
        path.pop();
        None
    }
    graph
        .keys()
        .find_map(|module| visit(&graph, module, &mut Vec::new()))
}

#[test]
fn no_module_of_the_core_or_the_cli_imports_one_that_imports_it_back() {
    let crates = crate_dir().join("../crates");
    for name in ["rapport-core", "rapport-cli"] {
        let src = crates.join(name).join("src");
        assert_eq!(import_loop(&src), None, "{name}: an import loop");
    }
    // The check sees a loop where there is one.
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("a.rs"), "use crate::b::B;").unwrap();
    std::fs::write(temp.path().join("b.rs"), "fn f() { crate::a::g(); }").unwrap();
    assert_eq!(
        import_loop(temp.path()),
        Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()])
    );
    // A folder of modules that names the module that dispatches to it.
    let temp = tempfile::tempdir().unwrap();
    std::fs::create_dir(temp.path().join("verbs")).unwrap();
    std::fs::write(temp.path().join("run.rs"), "use crate::verbs::x;").unwrap();
    std::fs::write(temp.path().join("verbs/x.rs"), "use crate::run::Output;").unwrap();
    assert!(import_loop(temp.path()).is_some());
}
