//! One launch of an app through tauri-driver and WebKitWebDriver: the time from asking for the
//! app to its first screen being rendered, then its memory after a rest.
//!
//! "Interactive" is defined the same way for every app: the page has finished loading
//! (`document.readyState` is `complete`) and the app's first-screen marker is laid out on screen
//! (it has client rects, so it is not `hidden` or `display: none`). A probe script run through
//! WebDriver every 10 ms reports it. The clock starts just before the WebDriver session is
//! requested, which is when WebKitWebDriver spawns the app; the WebDriver round trips cost both
//! apps the same.

use std::ffi::OsString;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

use crate::memory::{self, Usage};
use crate::Result;

/// How long an app may take to show its first screen before the run counts as failed.
const FIRST_SCREEN_TIMEOUT: Duration = Duration::from_secs(60);
const POLL_EVERY: Duration = Duration::from_millis(10);

/// The hello-world app's one element (`tests/bench/hello-world/ui/index.html`).
pub const HELLO_WORLD_PROBE: &str = r#"
const hello = document.getElementById('hello');
return document.readyState === 'complete' && hello && hello.getClientRects().length > 0
  ? 'hello' : null;
"#;

/// Rapport's first screen: `#app[data-current]` names it (`ui/view.js`). For the journal, the
/// timeline's first entry or the empty state must be on screen, not just the frame around them.
/// Any other screen but "loading" (welcome, unlock, key not found, a problem) counts as rendered
/// and is reported by name, so a run against a vault that did not open is visible as such.
/// Rapport ships its own text face (`ui/fonts/`), and text stays invisible until it is loaded
/// (`font-display: block`), so the fonts must have loaded too.
pub const RAPPORT_PROBE: &str = r#"
if (document.readyState !== 'complete') return null;
if (document.fonts.status !== 'loaded') return null;
const app = document.getElementById('app');
const screen = app && app.dataset.current;
if (!screen || screen === 'loading') return null;
const shown = (selector) => {
  const element = document.querySelector(selector);
  return element !== null && element.getClientRects().length > 0;
};
if (screen === 'journal') {
  if (shown("[data-timeline='journal'] .entry")) return 'journal: entries';
  if (shown("[data-field='empty']")) return 'journal: empty state';
  return null;
}
return shown(`[data-screen='${screen}']`) ? screen : null;
"#;

/// What to launch and how to tell that its first screen is there.
pub struct Launch {
    pub binary: PathBuf,
    /// Added to this program's environment; the app inherits it from tauri-driver.
    pub env: Vec<(&'static str, OsString)>,
    /// A script for WebDriver's "execute script": the first screen's name once it is rendered,
    /// else null.
    pub probe: &'static str,
}

/// One measured launch.
pub struct Sample {
    pub interactive: Duration,
    /// What the probe reported.
    pub marker: String,
    /// Where the time went, from the page's own clock.
    pub phases: Phases,
    /// The longest wait for one probe reply, once the page has answered one. A probe answers
    /// within a few milliseconds unless the page's main thread is busy: a long silence means the
    /// page was blocked, and a slow launch without one means the page was waiting (on Rust).
    pub longest_silence: Duration,
    pub memory: Usage,
}

/// The launch split at the page's navigation start (`performance.timeOrigin`): before it, the
/// app and WebKit start; after it, the page loads and shows its first screen.
#[derive(Debug, Clone, Copy)]
pub struct Phases {
    /// From the session request to the page's navigation start.
    pub until_navigation: Duration,
    /// From navigation start to `DOMContentLoaded` (HTML parsed, module scripts run).
    pub until_dom_content_loaded: Duration,
    /// From navigation start to the probe seeing the first screen.
    pub until_first_screen: Duration,
}

/// Runs `probe`; when it names a screen, also returns the page's clock at that moment.
const PROBE_WRAPPER: &str = r#"
const marker = (() => { PROBE })();
return marker === null ? null : [marker, performance.now()];
"#;

const NAVIGATION_TIMING: &str = r#"
const navigation = performance.getEntriesByType('navigation')[0];
return navigation ? navigation.domContentLoadedEventEnd : null;
"#;

/// Launches the app, waits for its first screen, lets it idle, reads its memory, and closes it.
/// Returns only once the app and its WebKit processes have exited, so the next launch neither
/// meets a running instance nor shares the cores with one shutting down.
pub async fn measure(launch: &Launch, idle: Duration) -> Result<Sample> {
    let driver = TauriDriver::start(launch)?;
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".to_owned(),
        serde_json::json!({ "application": launch.binary }),
    );
    let started = Instant::now();
    let client = ClientBuilder::native()
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .map_err(|e| format!("no WebDriver session on {}: {e}", launch.binary.display()))?;

    let app = memory::find_process(driver.pid(), &launch.binary);
    let observed = observe(&client, launch, started, idle, app).await;
    // WebKit's processes outlive the app by a moment while they tear down; the next launch
    // must not share the cores with them.
    let tree = app.map(memory::process_tree).unwrap_or_default();
    let closed = client.close().await;
    drop(driver);
    for pid in tree {
        memory::wait_for_exit(pid, Duration::from_secs(15))?;
    }
    let sample = observed?;
    closed.map_err(|e| format!("could not close the WebDriver session: {e}"))?;
    Ok(sample)
}

async fn observe(
    client: &Client,
    launch: &Launch,
    started: Instant,
    idle: Duration,
    app: Option<u32>,
) -> Result<Sample> {
    let probe = PROBE_WRAPPER.replace("PROBE", launch.probe);
    let mut longest_silence = Duration::ZERO;
    let mut answered = false;
    let (marker, page_clock) = loop {
        let asked = Instant::now();
        let reply = client.execute(&probe, vec![]).await;
        // Until the page first answers, WebDriver waits for it to load: not a silence.
        if answered {
            longest_silence = longest_silence.max(asked.elapsed());
        }
        answered |= reply.is_ok();
        // Errors while the page is still loading only mean "not yet".
        if let Ok(serde_json::Value::Array(seen)) = reply {
            if let [serde_json::Value::String(marker), serde_json::Value::Number(ms)] = &seen[..] {
                break (marker.clone(), milliseconds(ms.as_f64().unwrap_or(0.0)));
            }
        }
        if started.elapsed() > FIRST_SCREEN_TIMEOUT {
            return Err(format!(
                "{} showed no first screen within {} s; if the page changed, the probes in \
                 tests/bench/desktop/src/launch.rs must follow",
                launch.binary.display(),
                FIRST_SCREEN_TIMEOUT.as_secs()
            )
            .into());
        }
        tokio::time::sleep(POLL_EVERY).await;
    };
    let interactive = started.elapsed();
    // The page clock was read a little before `interactive` (one WebDriver reply earlier).
    let until_navigation = interactive.saturating_sub(page_clock);
    let dom_content_loaded = client
        .execute(NAVIGATION_TIMING, vec![])
        .await
        .ok()
        .and_then(|value| value.as_f64())
        .map(milliseconds)
        .unwrap_or_default();
    let phases = Phases {
        until_navigation,
        until_dom_content_loaded: dom_content_loaded,
        until_first_screen: page_clock,
    };
    tokio::time::sleep(idle).await;
    let app = app.ok_or_else(|| {
        format!(
            "found no process running {} under tauri-driver",
            launch.binary.display()
        )
    })?;
    Ok(Sample {
        interactive,
        marker,
        phases,
        longest_silence,
        memory: memory::usage_of_tree(app)?,
    })
}

fn milliseconds(ms: f64) -> Duration {
    Duration::from_secs_f64(ms.max(0.0) / 1000.0)
}

/// A running tauri-driver on free ports, stopped with SIGTERM when dropped so that it also
/// stops its WebKitWebDriver (SIGKILL would leave that behind; see tests/e2e).
struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    fn start(launch: &Launch) -> Result<TauriDriver> {
        let [port, native_port] = free_ports()?;
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let child = Command::new(&program)
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(launch.env.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("could not start tauri-driver: {e} (cargo install tauri-driver --locked)")
            })?;
        let driver = TauriDriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not listen on port {port}").into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(driver)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Two distinct free ports on the loopback interface.
fn free_ports() -> Result<[u16; 2]> {
    let first = TcpListener::bind("127.0.0.1:0")?;
    let second = TcpListener::bind("127.0.0.1:0")?;
    Ok([first.local_addr()?.port(), second.local_addr()?.port()])
}
