//! Launch time and idle memory of rapport-desktop against a hello-world Tauri app built the same
//! way, with an empty vault and with 100k entries: the budgets of issue 3. Prints Markdown tables
//! for docs/benchmarks.md and exits 1 when a budget is missed.
//!
//! Run it through `scripts/bench-desktop.sh`: it builds both apps in release and gives this
//! program an X display (Xvfb) and a private, unlocked keychain.

mod launch;
mod memory;
mod vaults;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use crate::launch::{Launch, Sample, HELLO_WORLD_PROBE, RAPPORT_PROBE};

type Error = Box<dyn std::error::Error + Send + Sync>;
type Result<T> = std::result::Result<T, Error>;

/// Rapport may take at most this many times the hello-world app's time to become interactive.
const LAUNCH_RATIO_BUDGET: f64 = 1.15;
/// Rapport's idle memory may exceed the hello-world app's by at most this much (40 MB).
const MEMORY_BUDGET_BYTES: i64 = 40_000_000;

#[derive(Debug, Parser)]
#[command(
    about = "Launch to interactive and idle memory of rapport-desktop against a hello-world \
Tauri app. Needs an X display, a Secret Service keychain and tauri-driver: run it through \
scripts/bench-desktop.sh."
)]
struct Options {
    /// The rapport-desktop binary to measure (a release build).
    #[arg(long)]
    app: PathBuf,
    /// The hello-world Tauri app to compare with, built the same way.
    #[arg(long)]
    hello_world: PathBuf,
    /// Measured launches of each app and vault, after one warm-up launch of each.
    #[arg(long, default_value_t = 7)]
    runs: usize,
    /// Seconds each app stays idle after it became interactive, before its memory is read.
    #[arg(long, default_value_t = 5)]
    idle_seconds: u64,
    /// Entries in the large vault.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// Another rapport-desktop build to measure in the same run, taking turns with the others
    /// (e.g. main's, to see what a change does): its rows are shown for comparison and are not
    /// held to the budgets.
    #[arg(long)]
    compare: Option<PathBuf>,
}

/// One thing launched and measured: an app, and for Rapport, a vault.
struct Case {
    label: String,
    launch: Launch,
    /// The first screen it must show; any other marker fails the run.
    expected_marker: &'static str,
    /// Held to the budgets (false for the build given with `--compare`).
    budgeted: bool,
    samples: Vec<Sample>,
}

fn main() -> ExitCode {
    let options = Options::parse();
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("bench-desktop: {error}");
            ExitCode::from(2)
        }
    }
}

/// Measures every case and prints the tables. `Ok(false)` when a budget is missed.
fn run(options: &Options) -> Result<bool> {
    if options.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let app = absolute_file(&options.app)?;
    let hello_world = absolute_file(&options.hello_world)?;
    let temp = tempfile::tempdir()?;
    // Window state and WebKit caches go here, not into the person's own configuration.
    let common_env = vec![
        (
            "XDG_CONFIG_HOME",
            temp.path().join("config").into_os_string(),
        ),
        ("XDG_CACHE_HOME", temp.path().join("cache").into_os_string()),
    ];

    let empty_vault = temp.path().join("empty-vault");
    let full_vault = temp.path().join("full-vault");
    eprintln!(
        "Creating an empty keychain vault and one with {} entries…",
        options.entries
    );
    vaults::create_empty(&empty_vault)?;
    let started = std::time::Instant::now();
    vaults::create_with_entries(&full_vault, options.entries, chrono::Utc::now())?;
    eprintln!("  done in {:.1} s", started.elapsed().as_secs_f64());

    let rapport_env = |vault: &Path| {
        let mut env = common_env.clone();
        env.push(("RAPPORT_DATA_DIR", vault.as_os_str().to_owned()));
        env
    };
    let mut cases = vec![
        Case {
            label: "hello world".to_owned(),
            launch: Launch {
                binary: hello_world,
                env: common_env.clone(),
                probe: HELLO_WORLD_PROBE,
            },
            expected_marker: "hello",
            budgeted: false,
            samples: Vec::new(),
        },
        Case {
            label: "Rapport, empty vault".to_owned(),
            launch: Launch {
                binary: app.clone(),
                env: rapport_env(&empty_vault),
                probe: RAPPORT_PROBE,
            },
            expected_marker: "journal: empty state",
            budgeted: true,
            samples: Vec::new(),
        },
        Case {
            label: format!("Rapport, {} entries", thousands(options.entries as u64)),
            launch: Launch {
                binary: app,
                env: rapport_env(&full_vault),
                probe: RAPPORT_PROBE,
            },
            expected_marker: "journal: entries",
            budgeted: true,
            samples: Vec::new(),
        },
    ];
    if let Some(compared) = &options.compare {
        let compared = absolute_file(compared)?;
        let compared_cases: Vec<Case> = cases[1..]
            .iter()
            .map(|case| Case {
                label: format!("{} (compared build)", case.label),
                launch: Launch {
                    binary: compared.clone(),
                    env: case.launch.env.clone(),
                    probe: case.launch.probe,
                },
                expected_marker: case.expected_marker,
                budgeted: false,
                samples: Vec::new(),
            })
            .collect();
        cases.extend(compared_cases);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let idle = Duration::from_secs(options.idle_seconds);
    // One warm-up launch of each (file cache, WebKit's caches), then the cases take turns so
    // that a slow moment of the machine does not land on one app only. Each round starts one
    // case further on, so that no case is always launched right after the same other one.
    let count = cases.len();
    for round in 0..=options.runs {
        for turn in 0..count {
            let case = &mut cases[(round + turn) % count];
            let sample = runtime.block_on(launch::measure(&case.launch, idle))?;
            let what = if round == 0 {
                "warm-up".to_owned()
            } else {
                format!("run {round}/{}", options.runs)
            };
            let phases = &sample.phases;
            eprintln!(
                "{what}, {}: interactive after {} ms ({}; navigation at {} ms, \
                 DOMContentLoaded +{} ms, first screen +{} ms; longest probe reply {} ms), \
                 {:.1} MB",
                case.label,
                sample.interactive.as_millis(),
                sample.marker,
                phases.until_navigation.as_millis(),
                phases.until_dom_content_loaded.as_millis(),
                phases.until_first_screen.as_millis(),
                sample.longest_silence.as_millis(),
                megabytes(sample.memory.total_bytes())
            );
            if round > 0 {
                case.samples.push(sample);
            }
        }
    }
    Ok(report(&cases, options))
}

/// Prints the tables; false when a budget is missed or a case showed the wrong screen.
fn report(cases: &[Case], options: &Options) -> bool {
    let (baseline, rapport) = cases
        .split_first()
        .expect("the hello-world case comes first");
    let base_launch = median_duration(&baseline.samples);
    let base_memory = median_u64(baseline.samples.iter().map(|s| s.memory.total_bytes()));
    let mut ok = true;

    println!(
        "| release build, median of {} launches | launch to interactive | vs hello world (≤ {LAUNCH_RATIO_BUDGET:.2}×) | idle memory, PSS | vs hello world (≤ +{} MB) | first screen |",
        options.runs,
        MEMORY_BUDGET_BYTES / 1_000_000
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| {} | {} ms | - | {:.1} MB | - | {} |",
        baseline.label,
        base_launch.as_millis(),
        megabytes(base_memory),
        markers(baseline)
    );
    ok &= markers_as_expected(baseline);
    for case in rapport {
        let launch = median_duration(&case.samples);
        let memory = median_u64(case.samples.iter().map(|s| s.memory.total_bytes()));
        let ratio = launch.as_secs_f64() / base_launch.as_secs_f64();
        let extra = memory as i64 - base_memory as i64;
        let launch_ok = ratio <= LAUNCH_RATIO_BUDGET;
        let memory_ok = extra <= MEMORY_BUDGET_BYTES;
        ok &= markers_as_expected(case);
        if case.budgeted {
            ok &= launch_ok && memory_ok;
        }
        println!(
            "| {} | {} ms | {ratio:.2}× {} | {:.1} MB | {:+.1} MB {} | {} |",
            case.label,
            launch.as_millis(),
            verdict(case.budgeted, launch_ok),
            megabytes(memory),
            extra as f64 / 1e6,
            verdict(case.budgeted, memory_ok),
            markers(case)
        );
    }

    println!();
    println!("| idle memory by process, PSS, median | app | WebKitWebProcess | WebKitNetworkProcess | other |");
    println!("|---|---|---|---|---|");
    for case in cases {
        let part = |kind: &str| {
            megabytes(median_u64(
                case.samples.iter().map(|s| s.memory.bytes_of(kind)),
            ))
        };
        println!(
            "| {} | {:.1} MB | {:.1} MB | {:.1} MB | {:.1} MB |",
            case.label,
            part(memory::APP),
            part("WebKitWebProcess"),
            part("WebKitNetworkProcess"),
            megabytes(median_u64(case.samples.iter().map(|s| {
                s.memory.total_bytes()
                    - s.memory.bytes_of(memory::APP)
                    - s.memory.bytes_of("WebKitWebProcess")
                    - s.memory.bytes_of("WebKitNetworkProcess")
            })))
        );
    }

    println!();
    println!("| where the launch time goes, median | session request → page navigation starts | → DOMContentLoaded | → first screen rendered |");
    println!("|---|---|---|---|");
    for case in cases {
        let phase = |of: fn(&Sample) -> Duration| {
            median_u64(case.samples.iter().map(|s| of(s).as_millis() as u64))
        };
        println!(
            "| {} | {} ms | +{} ms | +{} ms |",
            case.label,
            phase(|s| s.phases.until_navigation),
            phase(|s| s.phases.until_dom_content_loaded),
            phase(|s| s
                .phases
                .until_first_screen
                .saturating_sub(s.phases.until_dom_content_loaded)),
        );
    }

    println!();
    for case in cases {
        let launches: Vec<String> = case
            .samples
            .iter()
            .map(|s| s.interactive.as_millis().to_string())
            .collect();
        println!("- {}: launches {} ms", case.label, launches.join(", "));
    }
    let others: std::collections::BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| &c.samples)
        .flat_map(|s| s.memory.kinds())
        .filter(|k| ![memory::APP, "WebKitWebProcess", "WebKitNetworkProcess"].contains(k))
        .collect();
    if !others.is_empty() {
        let others: Vec<&str> = others.into_iter().collect();
        println!("- other processes under the app: {}", others.join(", "));
    }
    if !ok {
        eprintln!("bench-desktop: a budget was missed or an app showed an unexpected first screen");
    }
    ok
}

fn markers(case: &Case) -> String {
    let mut seen: Vec<&str> = case.samples.iter().map(|s| s.marker.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.join(", ")
}

fn markers_as_expected(case: &Case) -> bool {
    let ok = case
        .samples
        .iter()
        .all(|s| s.marker == case.expected_marker);
    if !ok {
        eprintln!(
            "bench-desktop: {} showed {} first, expected {}",
            case.label,
            markers(case),
            case.expected_marker
        );
    }
    ok
}

fn verdict(budgeted: bool, ok: bool) -> &'static str {
    match (budgeted, ok) {
        (false, _) => "(not held to it)",
        (true, true) => "ok",
        (true, false) => "**over budget**",
    }
}

fn median_duration(samples: &[Sample]) -> Duration {
    let mut values: Vec<Duration> = samples.iter().map(|s| s.interactive).collect();
    values.sort_unstable();
    values[values.len() / 2]
}

fn median_u64(values: impl Iterator<Item = u64>) -> u64 {
    let mut values: Vec<u64> = values.collect();
    values.sort_unstable();
    values[values.len() / 2]
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn absolute_file(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).map_err(|e| {
        format!(
            "{}: {e}; build it first (scripts/bench-desktop.sh does)",
            path.display()
        )
        .into()
    })
}
