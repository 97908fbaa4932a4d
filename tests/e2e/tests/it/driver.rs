//! The harness: one tauri-driver per app launch, a WebDriver session on it, and helpers to wait,
//! read and take screenshots.
//!
//! Every launch gets its own driver because the data directory reaches the app through the
//! environment (`RAPPORT_DATA_DIR`), which the app inherits from tauri-driver.

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long a screen may take to appear.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the app may take to start and accept a WebDriver session.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);

/// A launch of the app: its environment, beyond what the test process has.
#[derive(Debug, Default)]
pub struct Launch {
    pub data_dir: PathBuf,
    pub env: Vec<(&'static str, String)>,
}

impl Launch {
    pub fn new(data_dir: &Path) -> Launch {
        Launch {
            data_dir: data_dir.to_path_buf(),
            env: Vec::new(),
        }
    }

    /// Asks GTK, and with it WebKit's `prefers-color-scheme`, for the dark variant.
    pub fn dark(mut self) -> Launch {
        self.env.push(("GTK_THEME", "Adwaita:dark".to_owned()));
        self
    }
}

/// Starts the app, runs `journey` against it, then always ends the session and the driver,
/// also when the journey fails. The journey runs on its own task so that a failed assertion
/// comes back here as a value instead of unwinding past the cleanup.
pub async fn with_app<F, Fut>(launch: Launch, journey: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    check_environment();
    let driver = TauriDriver::start(&launch);
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".to_owned(),
        serde_json::json!({ "application": app_binary() }),
    );
    // The app is single-instance: if an earlier Rapport is still running on this display, a new
    // launch hands over to it and exits, and the session would wait for a window forever.
    let mut builder = ClientBuilder::native();
    builder.capabilities(capabilities);
    let url = driver.url();
    let Ok(connected) = tokio::time::timeout(SESSION_TIMEOUT, builder.connect(&url)).await else {
        panic!(
            "the app did not start a WebDriver session in time: \
             is another Rapport running on this display?"
        )
    };
    let client =
        connected.unwrap_or_else(|e| panic!("could not start a WebDriver session on the app: {e}"));

    APP_KILLED.store(false, Ordering::SeqCst);
    let outcome = tokio::spawn(journey(client.clone())).await;
    let closed = client.close().await;
    let killed = APP_KILLED.swap(false, Ordering::SeqCst);
    drop(driver);
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("the journey did not finish: {error}"),
        }
    }
    // A journey that killed the app has no session left to close.
    match closed {
        Err(error) if !killed => panic!("could not close the WebDriver session: {error}"),
        _ => {}
    }
}

/// Set by `kill_app`: the journey ended the app itself, so its session cannot be closed.
static APP_KILLED: AtomicBool = AtomicBool::new(false);

/// The running app's PID. The journeys run one at a time, so the app is the one process
/// running `app_binary()`.
pub fn app_pid() -> u32 {
    let binary = app_binary().canonicalize().expect("the app binary");
    let pids: Vec<u32> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .collect();
    assert_eq!(pids.len(), 1, "one app running, found {pids:?}");
    pids[0]
}

/// Kills the running app with SIGKILL, as a crash would end it: no page unload, no Rust drop.
pub fn kill_app() {
    let pid = app_pid();
    assert!(
        single_instance_name_held(),
        "the running app holds its single-instance name on the bus (what the wait below reads)"
    );
    APP_KILLED.store(true, Ordering::SeqCst);
    signal("-KILL", pid);
    let deadline = Instant::now() + Duration::from_secs(5);
    while is_running(pid) {
        assert!(Instant::now() < deadline, "the app outlived SIGKILL");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The single-instance plugin holds a name on the session bus; the bus lets go of it a moment
    // after the process is gone. A launch before that would hand over to the dead app and exit.
    let deadline = Instant::now() + Duration::from_secs(10);
    while single_instance_name_held() {
        assert!(
            Instant::now() < deadline,
            "the bus kept the killed app's name"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether an app holds its single-instance name on the session bus (`dbus-send`, dbus-bin).
fn single_instance_name_held() -> bool {
    let output = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ])
        .output()
        .expect("dbus-send (package dbus-bin)");
    String::from_utf8_lossy(&output.stdout).contains("dev.rapport.desktop.SingleInstance")
}

/// Waits until the app shows `screen` (the `data-current` of `#app`).
pub async fn wait_for_screen(client: &Client, screen: &str) {
    let selector = format!("#app[data-current='{screen}']");
    if let Err(error) = client
        .wait()
        .at_most(SCREEN_TIMEOUT)
        .for_element(Locator::Css(&selector))
        .await
    {
        let current = match client.find(Locator::Css("#app")).await {
            Ok(app) => app.attr("data-current").await.ok().flatten(),
            Err(_) => None,
        };
        panic!("the app did not show the {screen} screen (it shows {current:?}): {error}");
    }
}

/// Waits until an element matches `selector` and returns it.
pub async fn wait_for(client: &Client, selector: &str) -> Element {
    client
        .wait()
        .at_most(SCREEN_TIMEOUT)
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("nothing matched {selector} in time: {e}"))
}

/// Waits until `script` (the body of a function) returns true.
pub async fn wait_until(client: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    loop {
        if js(client, script).await.as_bool() == Some(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until no element matches `selector`.
pub async fn wait_gone(client: &Client, selector: &str) {
    let script = format!("return document.querySelector({selector:?}) === null;");
    wait_until(client, &format!("{selector} is gone"), &script).await;
}

/// Waits until the text of `selector` contains `needle`.
pub async fn wait_for_text(client: &Client, selector: &str, needle: &str) {
    let script = format!(
        "const n = document.querySelector({selector:?}); return !!n && n.textContent.includes({needle:?});"
    );
    wait_until(client, &format!("{selector} says {needle:?}"), &script).await;
}

/// Runs `script` (the body of a function) in the page and returns its value.
pub async fn js(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("could not run a script in the page: {e}"))
}

/// How many elements match `selector`.
pub async fn count(client: &Client, selector: &str) -> usize {
    let script = format!("return document.querySelectorAll({selector:?}).length;");
    js(client, &script).await.as_u64().unwrap_or_default() as usize
}

/// Types `keys` into whatever has focus, as a person would. Modifiers (`Key::Control + "n"`)
/// stay pressed until the end of `keys`.
///
/// The page may replace the focused element between the moment it is looked up and the moment
/// the keys arrive (a list re-rendering after a change); then focus is looked up again, a few
/// times, instead of failing on a node that no longer exists.
pub async fn press(client: &Client, keys: &str) {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let typed = match client.active_element().await {
            Ok(target) => target.send_keys(keys).await,
            Err(e) => Err(e),
        };
        match typed {
            Ok(()) => return,
            Err(e) if attempt < 5 && replaced_under_us(&e) => {
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            Err(e) => panic!("could not type {keys:?} into what has focus: {e}"),
        }
    }
}

/// Whether `e` says the element went away between being looked up and being used: the page
/// re-rendered it. WebKitWebDriver words this differently depending on the moment it noticed.
fn replaced_under_us(e: &CmdError) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("was not found") || text.contains("stale")
}

/// Ctrl plus `key`.
pub fn ctrl(key: &str) -> String {
    Key::Control + key
}

/// Ctrl+Shift plus `key`.
pub fn ctrl_shift(key: &str) -> String {
    format!(
        "{}{}{key}",
        char::from(Key::Control),
        char::from(Key::Shift)
    )
}

pub fn escape() -> String {
    char::from(Key::Escape).to_string()
}

pub fn delete() -> String {
    char::from(Key::Delete).to_string()
}

pub fn enter() -> String {
    char::from(Key::Enter).to_string()
}

/// Types `text` into the element matching `selector` (after the text already there).
pub async fn type_into(client: &Client, selector: &str, text: &str) {
    find(client, selector)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("could not type into {selector}: {e}"));
}

/// Whether a `<dialog data-dialog=name>` is open.
pub async fn dialog_open(client: &Client, name: &str) -> bool {
    count(client, &format!("dialog[data-dialog='{name}'][open]")).await == 1
}

pub async fn wait_for_dialog(client: &Client, name: &str) {
    wait_for(client, &format!("dialog[data-dialog='{name}'][open]")).await;
}

pub async fn wait_dialog_closed(client: &Client, name: &str) {
    wait_gone(client, &format!("dialog[data-dialog='{name}'][open]")).await;
}

/// Waits until the open journal shows `view` (journal, partners, partner, trash).
pub async fn wait_for_view(client: &Client, view: &str) {
    wait_for(
        client,
        &format!("#app[data-current='journal'] [data-screen='journal'][data-view='{view}']"),
    )
    .await;
}

/// The visible text of the whole window (what a person could read).
pub async fn page_text(client: &Client) -> String {
    js(client, "return document.body.innerText;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub async fn find(client: &Client, selector: &str) -> Element {
    client
        .find(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("no element matches {selector}: {e}"))
}

/// The rendered text of the element matching `selector` (its `innerText`).
///
/// Not WebDriver's element text: WebKitWebDriver reports an empty string for some elements in
/// an open `<dialog>` (the top layer) that are plainly on screen.
pub async fn text(client: &Client, selector: &str) -> String {
    find(client, selector)
        .await
        .prop("innerText")
        .await
        .unwrap_or_else(|e| panic!("could not read the text of {selector}: {e}"))
        .unwrap_or_default()
}

pub async fn click(client: &Client, selector: &str) {
    find(client, selector)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("could not click {selector}: {e}"));
}

pub async fn is_displayed(client: &Client, selector: &str) -> bool {
    find(client, selector)
        .await
        .is_displayed()
        .await
        .unwrap_or_else(|e| panic!("could not tell whether {selector} is shown: {e}"))
}

/// Saves a screenshot of the window as `tests/artifacts/<name>.png`.
///
/// Waits a moment first: a screenshot taken right after a DOM change can show the last frame.
pub async fn screenshot(client: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = client
        .screenshot()
        .await
        .unwrap_or_else(|e| panic!("could not take the {name} screenshot: {e}"));
    let dir = artifacts_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Which native file dialog is open: a save dialog has a name field; an open dialog takes a
/// path in its location bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileDialogKind {
    Save,
    Open,
    /// A folder chooser: it leaves Recent for the home folder (Alt+Home), goes to the folder
    /// typed, and its Open button (Alt+O) chooses that folder.
    Folder,
}

/// Answers the native file dialog titled `title` with `path`, as a person would: focuses it, types
/// the path and presses Enter. WebDriver cannot reach a GTK dialog, so this goes through the X
/// server with xdotool (`apt-get install xdotool`).
pub async fn answer_file_dialog(title: &'static str, kind: FileDialogKind, path: &Path) {
    let path = path.display().to_string();
    tokio::task::spawn_blocking(move || {
        let xdotool = |args: &[&str]| -> String {
            let output = Command::new("timeout")
                .arg("30")
                .arg("xdotool")
                .args(args)
                .output()
                .unwrap_or_else(|e| panic!("could not run xdotool (apt-get install xdotool): {e}"));
            assert!(
                output.status.success(),
                "xdotool {args:?} failed: is the dialog \"{title}\" open? {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let pattern = format!("^{title}$");
        let found = xdotool(&["search", "--sync", "--onlyvisible", "--name", &pattern]);
        let window = found
            .lines()
            .next()
            .unwrap_or_else(|| panic!("no window called \"{title}\""))
            .to_owned();
        xdotool(&["windowfocus", "--sync", &window]);
        // GTK fills the dialog in after it maps; give it a moment before typing.
        std::thread::sleep(Duration::from_millis(700));
        let select = match kind {
            FileDialogKind::Save => "ctrl+a",
            FileDialogKind::Open | FileDialogKind::Folder => "ctrl+l",
        };
        if kind == FileDialogKind::Folder {
            // Typed into Recent, a folder's path goes nowhere: start from the home folder.
            xdotool(&["key", "--clearmodifiers", "alt+Home"]);
            std::thread::sleep(Duration::from_millis(700));
            xdotool(&["key", "--clearmodifiers", select]);
            xdotool(&["type", "--delay", "15", &format!("{path}/")]);
            std::thread::sleep(Duration::from_millis(1000));
            // GTK completes the name of a folder inside it, selected: Delete takes it away.
            xdotool(&["key", "--clearmodifiers", "Delete"]);
            xdotool(&["key", "--clearmodifiers", "Return"]);
            std::thread::sleep(Duration::from_millis(1000));
            xdotool(&["key", "--clearmodifiers", "alt+o"]);
            return;
        }
        xdotool(&["key", "--clearmodifiers", select]);
        xdotool(&["type", "--delay", "15", &path]);
        std::thread::sleep(Duration::from_millis(300));
        xdotool(&["key", "--clearmodifiers", "Return"]);
    })
    .await
    .expect("answer the file dialog");
}

pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts")
}

/// The app binary: `$RAPPORT_DESKTOP_BIN`, else `rapport-desktop` in the debug target directory
/// (`$CARGO_TARGET_DIR`, else the workspace's `target/`). `run.sh` builds it first.
pub fn app_binary() -> PathBuf {
    let path = match std::env::var_os("RAPPORT_DESKTOP_BIN") {
        Some(path) => PathBuf::from(path),
        None => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("debug/rapport-desktop")
        }
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    assert!(
        path.is_file(),
        "the app binary {} does not exist: build it with `cargo build -p rapport-desktop` \
         (tests/e2e/run.sh does) or point RAPPORT_DESKTOP_BIN at it",
        path.display()
    );
    path
}

/// Fails early, with the way out, when the test is run outside the display and keychain it needs.
fn check_environment() {
    for (variable, what) in [
        ("DISPLAY", "an X display"),
        ("DBUS_SESSION_BUS_ADDRESS", "a D-Bus session with a keyring"),
    ] {
        assert!(
            std::env::var_os(variable).is_some_and(|v| !v.is_empty()),
            "{variable} is not set: these tests need {what}. Run them with tests/e2e/run.sh"
        );
    }
}

/// A running tauri-driver, stopped with SIGTERM when dropped so that it also stops its
/// WebKitWebDriver child (SIGKILL would leave that behind, holding the native port).
struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    fn start(launch: &Launch) -> TauriDriver {
        let [port, native_port] = free_ports();
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let mut command = Command::new(&program);
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("RAPPORT_DATA_DIR", &launch.data_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        for (name, value) in &launch.env {
            command.env(name, value);
        }
        let child = command.spawn().unwrap_or_else(|e| {
            panic!(
                "could not start {}: {e}. Install it with `cargo install tauri-driver --locked`",
                Path::new(&program).display()
            )
        });
        let driver = TauriDriver { child, port };
        driver.wait_until_listening();
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn wait_until_listening(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {} in time",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        // Noted first: once the driver is gone, the app it launched is nobody's child.
        let launched = descendants(self.child.id());
        signal("-TERM", self.child.id());
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        // The app should have quit with its session. If it did not, it would keep the single
        // instance and every later launch would hand over to it: end it, by its own PID.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let alive: Vec<u32> = launched
                .iter()
                .copied()
                .filter(|&pid| is_running(pid))
                .collect();
            if alive.is_empty() {
                return;
            }
            let last_try = Instant::now() >= deadline;
            for &pid in &alive {
                signal(if last_try { "-KILL" } else { "-TERM" }, pid);
            }
            if last_try {
                // A killed app keeps its D-Bus name until it is gone: a launch before that
                // would hand over to it and fail with "no reply".
                let gone_by = Instant::now() + Duration::from_secs(5);
                while alive.iter().any(|&pid| is_running(pid)) && Instant::now() < gone_by {
                    std::thread::sleep(Duration::from_millis(50));
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn signal(signal: &str, pid: u32) {
    let _ = Command::new("kill")
        .args([signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// The processes below `root` (children, grandchildren, ...), read from /proc.
fn descendants(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if let Some(ppid) = parent_of(pid) {
                parents.push((pid, ppid));
            }
        }
    }
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    found.remove(0);
    found
}

/// The parent PID from /proc/PID/stat ("pid (comm) state ppid ..."; comm may hold spaces).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

/// Running, not a zombie waiting to be reaped.
fn is_running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rfind(')')
            .and_then(|i| stat[i + 1..].split_whitespace().next())
            .is_some_and(|state| state != "Z"),
        Err(_) => false,
    }
}

/// Two distinct free ports on the loopback interface, held together so they differ.
fn free_ports() -> [u16; 2] {
    let first = TcpListener::bind("127.0.0.1:0").unwrap();
    let second = TcpListener::bind("127.0.0.1:0").unwrap();
    [
        first.local_addr().unwrap().port(),
        second.local_addr().unwrap().port(),
    ]
}
