//! Desktop integration outside the page: one instance, the global quick-capture shortcut,
//! reminders as desktop notifications.

use std::ffi::OsString;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcut, Shortcut, ShortcutEvent, ShortcutState};
use tauri_plugin_notification::NotificationExt;

use crate::state::{SharedState, ShortcutStatus};
use crate::CAPTURE_SHORTCUT;

/// Sets, for the web process that WebKitGTK starts, how it paints the page and runs its scripts
/// (see [`web_process_settings`]). A value already in the environment is kept, so a person can
/// still set WebKit's variables themselves. Call before any thread starts: it changes the process
/// environment, which the web process inherits.
pub fn configure_web_process() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for (name, value) in web_process_settings(|name| std::env::var_os(name), cores) {
        std::env::set_var(name, value);
    }
}

const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
const CPU_PAINTING_THREADS: &str = "WEBKIT_SKIA_CPU_PAINTING_THREADS";
const SCRIPT_COMPILERS: &str = "JSC_useJIT";

/// The variables to set, given the environment and the number of cores. Linux only: macOS's
/// WKWebView and Windows' WebView2 take no such settings from the environment, and keep their
/// engines' defaults (painting on the GPU, scripts compiled just in time).
///
/// - **Painting with Skia on the CPU** rather than through OpenGL, which on a machine without a
///   usable GPU means Mesa's software rasterizer. Rapport's pages are text and flat boxes: CPU
///   painting keeps launch time and scrolling as they were and holds ~20 MB less in the web
///   process. WebKit paints on the CPU with half the cores, so with one thread below four; on
///   two cores the page's main thread was seen waiting ~20 ms for that one thread to finish
///   painting the first screen while the other core was idle, and with two threads the first
///   screen came 5–10 ms sooner. So two painting threads on two or three cores.
/// - **Scripts in JavaScriptCore's interpreter**, without its just-in-time compilers: the page's
///   scripts are small and wait on Rust, not on the CPU, and the compilers' code and the code
///   they write held ~9 MB more in the web process. It also takes away the part of the engine
///   that browsers' hardened modes turn off first, in the process that shows every note.
///
/// Figures in docs/benchmarks.md.
fn web_process_settings(
    env: impl Fn(&str) -> Option<OsString>,
    cores: usize,
) -> Vec<(&'static str, &'static str)> {
    let mut settings = Vec::new();
    if !cfg!(target_os = "linux") {
        return settings;
    }
    let rendering = env(CPU_RENDERING);
    if rendering.is_none() {
        settings.push((CPU_RENDERING, "1"));
    }
    let cpu_painting = rendering.is_none_or(|value| value == "1");
    if cpu_painting && (2..4).contains(&cores) && env(CPU_PAINTING_THREADS).is_none() {
        settings.push((CPU_PAINTING_THREADS, "2"));
    }
    if env(SCRIPT_COMPILERS).is_none() {
        settings.push((SCRIPT_COMPILERS, "0"));
    }
    settings
}

/// Has WebKit paint the main window's scrolling elements with the page instead of in layers of
/// their own, which keep painted tiles far beyond what is visible (webkit.rs). Called in `setup`,
/// before the page has laid anything out. Only a note on stderr if this WebKit cannot.
pub fn paint_scrolling_in_page(app: &AppHandle<tauri::Wry>) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let asked = window.with_webview(|platform| {
            if !crate::webkit::paint_scrolling_in_page(&platform.inner()) {
                eprintln!(
                    "rapport-desktop: this WebKitGTK has no AsyncOverflowScrolling feature; \
                     scrolling keeps its own layers"
                );
            }
        });
        if asked.is_err() {
            eprintln!("rapport-desktop: could not reach the web view to set how it scrolls");
        }
    }
    // macOS (WKWebView) and Windows (WebView2) have no such setting: nothing to do there.
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Shows, un-minimizes and focuses the main window.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Whether the quick-capture shortcut works; registers it the first time it is asked for. The
/// desktop may refuse it (another app owns it, or a Wayland session forbids global grabs): then
/// quick capture stays in the window (Ctrl+N) and the page shows why.
///
/// Registering holds the app's UI thread until the plugin's X11 thread answers, and that thread
/// looks for work every 50 ms. Done at start, it delayed the page's first screen by 20–40 ms, so
/// the page asks once its first screen is up (`shortcut_status`). Blocking: call it off the UI
/// thread. Without the plugin (the command tests' mock app) nothing is tried.
pub fn capture_shortcut_status<R: Runtime>(app: &AppHandle<R>) -> ShortcutStatus {
    let state = app.state::<SharedState>();
    // Held while registering, so a second caller waits for the answer instead of racing it.
    let mut status = state.shortcut();
    if status.accelerator.is_empty() {
        if let Some(shortcuts) = app.try_state::<GlobalShortcut<R>>() {
            status.accelerator = CAPTURE_SHORTCUT.to_owned();
            match shortcuts.register(CAPTURE_SHORTCUT) {
                Ok(()) => status.registered = true,
                Err(error) => {
                    status.registered = false;
                    status.message = Some(format!(
                        "the desktop refused the global shortcut {CAPTURE_SHORTCUT} ({error}); use Ctrl+N inside Rapport"
                    ));
                }
            }
        }
    }
    status.clone()
}

/// On the capture shortcut: bring the window forward and leave a request the page picks up
/// when it gains focus (`take_capture_request`).
pub fn on_global_shortcut<R: Runtime>(
    app: &AppHandle<R>,
    _shortcut: &Shortcut,
    event: ShortcutEvent,
) {
    if event.state() == ShortcutState::Pressed {
        app.state::<SharedState>().request_capture();
        bring_forward(app);
    }
}

/// How often the reminder loop looks for something to remind of.
const REMINDER_PERIOD: std::time::Duration = std::time::Duration::from_secs(30);

/// Shows reminders while the app runs: before a meeting (lead time set by the page) and when a
/// decision or problem is up to decide again. Nothing leaves the machine; the text names no one.
pub fn start_reminders<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let state = app.state::<SharedState>().inner().clone();
            let due = tauri::async_runtime::spawn_blocking(move || {
                state.take_due_reminders(chrono::Utc::now())
            })
            .await;
            if let Ok(Ok(reminders)) = due {
                for reminder in reminders {
                    // No notification service (a bare session) is not worth an error.
                    let _ = app
                        .notification()
                        .builder()
                        .title("Rapport")
                        .body(reminder.text)
                        .show();
                }
            }
            tokio::time::sleep(REMINDER_PERIOD).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_web_process_is_configured_unless_the_person_chose() {
        let unset = |_: &str| None;
        let only = |name: &'static str, value: &'static str| {
            move |asked: &str| (asked == name).then(|| OsString::from(value))
        };
        if !cfg!(target_os = "linux") {
            assert!(web_process_settings(unset, 2).is_empty());
            return;
        }
        let rendering = (CPU_RENDERING, "1");
        let two_threads = (CPU_PAINTING_THREADS, "2");
        let interpreter = (SCRIPT_COMPILERS, "0");
        assert_eq!(
            web_process_settings(unset, 2),
            [rendering, two_threads, interpreter]
        );
        assert_eq!(
            web_process_settings(unset, 3),
            [rendering, two_threads, interpreter]
        );
        // WebKit's own count: one thread on one core, two or more from four cores.
        assert_eq!(web_process_settings(unset, 1), [rendering, interpreter]);
        assert_eq!(web_process_settings(unset, 4), [rendering, interpreter]);
        // What the person set is kept; no threads are asked for if they turned CPU painting off.
        assert_eq!(
            web_process_settings(only(CPU_RENDERING, "0"), 2),
            [interpreter]
        );
        assert_eq!(
            web_process_settings(only(CPU_RENDERING, ""), 2),
            [interpreter]
        );
        assert_eq!(
            web_process_settings(only(CPU_RENDERING, "1"), 2),
            [two_threads, interpreter]
        );
        assert_eq!(
            web_process_settings(only(CPU_PAINTING_THREADS, "1"), 2),
            [rendering, interpreter]
        );
        assert_eq!(
            web_process_settings(only(SCRIPT_COMPILERS, "1"), 2),
            [rendering, two_threads]
        );
    }
}
