//! The harness: one tauri-driver per app launch, a WebDriver session on it, and helpers to wait,
//! read and take screenshots.
//!
//! Every launch gets its own driver because the data directory reaches the app through the
//! environment (`RAPPORT_DATA_DIR`), which the app inherits from tauri-driver.

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long a screen may take to appear.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(30);

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
    let client = ClientBuilder::native()
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .unwrap_or_else(|e| panic!("could not start a WebDriver session on the app: {e}"));

    let outcome = tokio::spawn(journey(client.clone())).await;
    let closed = client.close().await;
    drop(driver);
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("the journey did not finish: {error}"),
        }
    }
    if let Err(error) = closed {
        panic!("could not close the WebDriver session: {error}");
    }
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

pub async fn find(client: &Client, selector: &str) -> Element {
    client
        .find(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("no element matches {selector}: {e}"))
}

pub async fn find_all(client: &Client, selector: &str) -> Vec<Element> {
    client
        .find_all(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("could not look for {selector}: {e}"))
}

pub async fn text(client: &Client, selector: &str) -> String {
    find(client, selector)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("could not read the text of {selector}: {e}"))
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
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if Instant::now() >= deadline => break,
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
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
