//! The vault's speed budgets, measured on a release build with 100k entries:
//! `cargo bench -p rapport-core --bench vault`. Prints a Markdown table for
//! docs/benchmarks.md and exits non-zero when a budget is missed.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_core::{
    EntryId, ListQuery, NewEntry, NewPartner, NewProtection, SearchQuery, Unlock, Vault,
};

const ENTRIES: usize = 100_000;
/// Entries moved to the trash before the reads are measured.
const TRASHED: u32 = 200;
const WORDS: &[&str] = &[
    "roadmap",
    "hiring",
    "incident",
    "budget",
    "offsite",
    "review",
    "quality",
    "release",
    "planning",
    "feedback",
    "escalation",
    "customer",
    "migration",
    "architecture",
    "onboarding",
    "retro",
    "metrics",
    "priorities",
    "staffing",
    "deadline",
    "dependency",
    "alignment",
    "proposal",
    "risk",
    "launch",
];
const PARTNERS: &[&str] = &[
    "Priya Raman",
    "Alice Chen",
    "Bob Smith",
    "Dana Kim",
    "Eve Moreau",
    "Farid Haddad",
    "Grace Ho",
    "Hiro Tanaka",
    "Ines Costa",
    "Jon Berg",
];

const STOPWORDS: &[&str] = &[
    "the", "and", "to", "of", "a", "we", "in", "that", "is", "for", "on", "with", "it", "about",
    "was", "be", "as", "at", "this", "our", "they", "but", "not", "have", "so", "from", "will",
    "she", "he", "next",
];

/// A vocabulary with a natural (Zipf) word frequency: stop words first, then made-up words.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(rng: &mut StdRng) -> Vocabulary {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mi", "ter", "pra", "nis", "vo", "sel", "dun", "ri", "bel", "gor", "ta",
            "men", "su", "pol", "xa", "qui", "ven", "dra",
        ];
        let mut words: Vec<String> = STOPWORDS.iter().map(|w| (*w).to_owned()).collect();
        while words.len() < 5000 {
            let n = rng.gen_range(2..5);
            words.push(
                (0..n)
                    .map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())])
                    .collect(),
            );
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn pick(&self, rng: &mut StdRng) -> &str {
        let target = rng.gen_range(0.0..*self.cumulative.last().unwrap_or(&1.0));
        let index = self.cumulative.partition_point(|&c| c < target);
        &self.words[index.min(self.words.len() - 1)]
    }
}

/// A jrnl export of `n` entries of about 500 bytes, each about one or two topics and a partner.
fn jrnl_export(n: usize, rng: &mut StdRng) -> String {
    let vocabulary = Vocabulary::new(rng);
    let mut out = String::with_capacity(n * 700);
    out.push_str("{\"tags\": {}, \"entries\": [");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let mut words: Vec<&str> = (0..75).map(|_| vocabulary.pick(rng)).collect();
        for _ in 0..rng.gen_range(1..3) {
            let at = rng.gen_range(0..words.len());
            words[at] = WORDS[rng.gen_range(0..WORDS.len())];
        }
        let partner = PARTNERS[rng.gen_range(0..PARTNERS.len())]
            .replace(' ', "_")
            .to_lowercase();
        let day = i / 20;
        out.push_str(&format!(
            "{{\"title\": \"Sync with @{partner} number {i}.\", \"body\": \"{}\", \"date\": \"{}\", \
             \"time\": \"{:02}:{:02}\", \"tags\": [\"@{partner}\", \"#{}\"], \"starred\": {}}}",
            words.join(" "),
            (chrono::NaiveDate::from_ymd_opt(2012, 1, 1).unwrap() + chrono::Duration::days(day as i64 / 4)),
            8 + (i % 10),
            i % 60,
            WORDS[i % WORDS.len()],
            i % 50 == 0
        ));
    }
    out.push_str("]}");
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

struct Row {
    what: &'static str,
    measured: Duration,
    budget: Option<Duration>,
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let mut rng = StdRng::seed_from_u64(2026);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir = tmp.path().join("vault");
    let passphrase = "benchmark passphrase";
    let (mut vault, _) =
        Vault::create(&dir, NewProtection::Passphrase(passphrase), &mut rng).expect("create vault");
    for (i, name) in PARTNERS.iter().enumerate() {
        // Half of them with a cadence, so that "what is due" has cadences to work out.
        let partner = NewPartner {
            cadence_days: (i % 2 == 0).then_some(14),
            ..NewPartner::named(*name)
        };
        vault.add_partner(partner, now).expect("partner");
    }
    let export = jrnl_export(ENTRIES, &mut rng);
    let mut rows = Vec::new();

    let start = Instant::now();
    let report = vault
        .import_jrnl(&export, now, &mut |_, _| {})
        .expect("import");
    rows.push(Row {
        what: "import jrnl, 100k entries (one transaction)",
        measured: start.elapsed(),
        budget: Some(Duration::from_secs(10)),
    });
    assert_eq!(report.entries as usize, ENTRIES);
    drop(vault);

    let start = Instant::now();
    let mut vault = Vault::open(&dir, Unlock::Passphrase(passphrase)).expect("open");
    rows.push(Row {
        what: "open vault (Argon2id unwrap + SQLCipher key + migrations check)",
        measured: start.elapsed(),
        budget: Some(Duration::from_millis(500)),
    });

    let priya = vault.find_partner("Priya Raman").expect("partner");
    // Some of the newest entries in the trash, as in a journal in use: the counts and "last
    // entry" below must skip them.
    let newest = vault
        .list_entries(&ListQuery {
            limit: TRASHED,
            ..ListQuery::default()
        })
        .expect("list");
    for entry in &newest.entries {
        vault.trash_entry(entry.id, now).expect("trash");
    }
    rows.push(Row {
        what: "live entries and partners counted (the status line)",
        measured: time(20, || {
            (
                vault.count_entries().expect("count"),
                vault.count_partners(false).expect("count"),
            )
        }),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "partners, each with their last entry and entry count",
        measured: time(20, || vault.list_partners(false).expect("partners")),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "what is due now (Home)",
        measured: time(20, || vault.due(now).expect("due")),
        budget: Some(Duration::from_millis(20)),
    });
    let word_query = SearchQuery::text("escalation migration ");
    rows.push(Row {
        what: "search two words, top 20 of 100k",
        measured: time(20, || vault.search(&word_query).expect("search")),
        budget: Some(Duration::from_millis(100)),
    });
    let common_query = SearchQuery::text("the ");
    rows.push(Row {
        what: "search a word in nearly every entry (\"the\"), top 20",
        measured: time(10, || vault.search(&common_query).expect("search")),
        budget: Some(Duration::from_millis(300)),
    });
    let prefix_query = SearchQuery::text("onboa");
    rows.push(Row {
        what: "search as you type (prefix), top 20",
        measured: time(20, || vault.search(&prefix_query).expect("search")),
        budget: Some(Duration::from_millis(100)),
    });
    let filtered = SearchQuery {
        partners: vec![priya],
        tags: vec!["risk".into()],
        ..SearchQuery::text("launch ")
    };
    rows.push(Row {
        what: "search with partner + tag filters",
        measured: time(20, || vault.search(&filtered).expect("search")),
        budget: Some(Duration::from_millis(100)),
    });
    rows.push(Row {
        what: "timeline, first page of 50",
        measured: time(20, || {
            vault
                .list_entries(&ListQuery {
                    limit: 50,
                    ..ListQuery::default()
                })
                .expect("list")
        }),
        budget: Some(Duration::from_millis(20)),
    });
    let deep = EntryId(1000);
    rows.push(Row {
        what: "timeline, page of 50 deep in the past",
        measured: time(20, || {
            vault
                .list_entries(&ListQuery {
                    limit: 50,
                    before: Some(deep),
                    ..ListQuery::default()
                })
                .expect("list")
        }),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "partner's timeline, first page of 50",
        measured: time(20, || {
            vault
                .list_entries(&ListQuery {
                    limit: 50,
                    partner: Some(priya),
                    ..ListQuery::default()
                })
                .expect("list")
        }),
        budget: Some(Duration::from_millis(20)),
    });
    let mut i = 0;
    rows.push(Row {
        what: "add one entry (durable commit, synchronous=FULL)",
        measured: time(30, || {
            i += 1;
            vault
                .add_entry(
                    NewEntry {
                        partners: vec![priya],
                        tags: vec!["bench".into()],
                        ..NewEntry::note(format!("Entry {i} about the roadmap"))
                    },
                    now,
                )
                .expect("add")
        }),
        budget: Some(Duration::from_millis(50)),
    });
    drop(vault);
    let size = std::fs::metadata(dir.join(rapport_core::paths::DATABASE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);

    println!("| measurement (100k entries, release) | median | budget |");
    println!("|---|---|---|");
    let mut missed = Vec::new();
    for row in &rows {
        let budget = row.budget.map(ms).unwrap_or_else(|| "-".into());
        let over = row.budget.is_some_and(|b| row.measured > b);
        println!(
            "| {} | {} | {}{} |",
            row.what,
            ms(row.measured),
            budget,
            if over { " **MISSED**" } else { "" }
        );
        if over {
            missed.push(row.what);
        }
    }
    println!(
        "| database file size | {:.1} MiB | - |",
        size as f64 / (1024.0 * 1024.0)
    );
    if !missed.is_empty() {
        eprintln!("budgets missed: {}", missed.join("; "));
        std::process::exit(1);
    }
}
