//! The vault's speed budgets, measured on a release build with 100k entries:
//! `cargo bench -p rapport-core --bench vault`. Another size (10k, the opt-in 1M) with
//! `-- --entries N` or `RAPPORT_BENCH_ENTRIES=N`. Prints a Markdown table for
//! docs/benchmarks.md and exits non-zero when a budget is missed.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rapport_core::{
    EntryId, EntryKind, ListQuery, NewEntry, NewPartner, NewProtection, SearchQuery, Unlock, Vault,
};

const DEFAULT_ENTRIES: usize = 100_000;
/// The most entries one jrnl file holds here: a file must stay under the importer's 256 MB.
const ENTRIES_PER_FILE: usize = 250_000;
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

/// A jrnl export of entries `first..first + n` out of `total`, each about 500 bytes about one or
/// two topics and a partner.
fn jrnl_export(
    vocabulary: &Vocabulary,
    first: usize,
    n: usize,
    total: usize,
    rng: &mut StdRng,
) -> String {
    let mut out = String::with_capacity(n * 700);
    out.push_str("{\"tags\": {}, \"entries\": [");
    for k in 0..n {
        if k > 0 {
            out.push(',');
        }
        let i = first + k;
        let mut words: Vec<&str> = (0..75).map(|_| vocabulary.pick(rng)).collect();
        for _ in 0..rng.gen_range(1..3) {
            let at = rng.gen_range(0..words.len());
            words[at] = WORDS[rng.gen_range(0..WORDS.len())];
        }
        let partner = PARTNERS[rng.gen_range(0..PARTNERS.len())]
            .replace(' ', "_")
            .to_lowercase();
        // Twenty years of entries, whatever their number, ending before `now`.
        let day = i as i64 * 7300 / total as i64;
        out.push_str(&format!(
            "{{\"title\": \"Sync with @{partner} number {i}.\", \"body\": \"{}\", \"date\": \"{}\", \
             \"time\": \"{:02}:{:02}\", \"tags\": [\"@{partner}\", \"#{}\"], \"starred\": {}}}",
            words.join(" "),
            (chrono::NaiveDate::from_ymd_opt(2006, 6, 1).unwrap() + chrono::Duration::days(day)),
            8 + (i % 10),
            i % 60,
            WORDS[i % WORDS.len()],
            i.is_multiple_of(50)
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
    what: String,
    measured: Duration,
    budget: Option<Duration>,
}

/// The number of entries: `--entries N`, else `RAPPORT_BENCH_ENTRIES`, else 100k. (`cargo bench`
/// also passes `--bench`, which is ignored.)
fn entries_wanted() -> usize {
    let args: Vec<String> = std::env::args().collect();
    let given = args
        .iter()
        .position(|a| a == "--entries")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var("RAPPORT_BENCH_ENTRIES").ok());
    match given {
        None => DEFAULT_ENTRIES,
        Some(text) => match text.replace('_', "").parse::<usize>() {
            Ok(n) if n >= 1000 => n,
            _ => {
                eprintln!("--entries wants a number of at least 1000, not {text:?}");
                std::process::exit(2);
            }
        },
    }
}

/// "10k", "100k", "1M".
fn size_label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn main() {
    let entries = entries_wanted();
    let scale = size_label(entries);
    // Searches keep to 20 ms up to 100k entries and to 50 ms at a million.
    let search_budget = Duration::from_millis(if entries > DEFAULT_ENTRIES { 50 } else { 20 });
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
    let vocabulary = Vocabulary::new(&mut rng);
    let mut rows = Vec::new();

    // One transaction per file; a file holds at most ENTRIES_PER_FILE (the importer refuses
    // files over 256 MB). The time is the sum of the imports, without making the files.
    let mut imported = 0;
    let mut import_time = Duration::ZERO;
    let mut files = 0;
    while imported < entries {
        let n = ENTRIES_PER_FILE.min(entries - imported);
        let export = jrnl_export(&vocabulary, imported, n, entries, &mut rng);
        let start = Instant::now();
        let report = vault
            .import_jrnl(&export, now, &mut |_, _| {})
            .expect("import");
        import_time += start.elapsed();
        assert_eq!(report.entries as usize, n);
        imported += n;
        files += 1;
    }
    rows.push(Row {
        what: format!(
            "import jrnl, {scale} entries ({files} file{}, one transaction each)",
            if files == 1 { "" } else { "s" }
        ),
        measured: import_time,
        // 10 s per 100k (issue 2; 100 s for a million, issue 22).
        budget: Some(Duration::from_millis((entries as u64).div_ceil(10))),
    });
    drop(vault);

    let start = Instant::now();
    let mut vault = Vault::open(&dir, Unlock::Passphrase(passphrase)).expect("open");
    rows.push(Row {
        what: "open vault (Argon2id unwrap + SQLCipher key + migrations check)".into(),
        measured: start.elapsed(),
        budget: Some(Duration::from_millis(50)),
    });

    let priya = vault.find_partner("Priya Raman").expect("partner");
    // One win in 200, written one by one after the import as a journal in use gets them, dated
    // across the twenty years.
    let wins = entries / 200;
    for w in 0..wins {
        let at =
            now - chrono::Duration::days(7300) + chrono::Duration::days((w * 7300 / wins) as i64);
        vault
            .add_entry(
                NewEntry {
                    kind: EntryKind::Win,
                    partners: vec![priya],
                    created_at: Some(at),
                    ..NewEntry::note(format!("Win {w}: the launch went out on time"))
                },
                now,
            )
            .expect("add a win");
    }
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
        what: "live entries and partners counted (the status line)".into(),
        measured: time(20, || {
            (
                vault.count_entries().expect("count"),
                vault.count_partners(false).expect("count"),
            )
        }),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "partners, each with their last entry and entry count".into(),
        measured: time(20, || vault.list_partners(false).expect("partners")),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "what is due now (Home)".into(),
        measured: time(20, || vault.due(now).expect("due")),
        budget: Some(Duration::from_millis(20)),
    });
    let last_year = now - chrono::Duration::days(365);
    let searches: Vec<(String, SearchQuery)> = vec![
        (
            format!("search two words, top 20 of {scale}"),
            SearchQuery::text("escalation migration "),
        ),
        (
            "search a word in nearly every entry (\"the\"), top 20".into(),
            SearchQuery::text("the "),
        ),
        (
            "search as you type, one letter (\"t\")".into(),
            SearchQuery::text("t"),
        ),
        (
            "search as you type, two letters (\"th\")".into(),
            SearchQuery::text("th"),
        ),
        (
            "search as you type, a word begun (\"onboa\")".into(),
            SearchQuery::text("onboa"),
        ),
        (
            "search with partner + tag filters".into(),
            SearchQuery {
                partners: vec![priya],
                tags: vec!["risk".into()],
                ..SearchQuery::text("launch ")
            },
        ),
        (
            "search \"the\" with a partner filter".into(),
            SearchQuery {
                partners: vec![priya],
                ..SearchQuery::text("the ")
            },
        ),
        (
            "search \"the\" among wins (kind filter)".into(),
            SearchQuery {
                kind: Some(EntryKind::Win),
                ..SearchQuery::text("the ")
            },
        ),
        (
            "search \"the\" written in the last year (date filter)".into(),
            SearchQuery {
                since: Some(last_year),
                ..SearchQuery::text("the ")
            },
        ),
    ];
    for (what, query) in searches {
        let hits = vault.search(&query).expect("search");
        assert!(!hits.is_empty(), "{what}: nothing found");
        rows.push(Row {
            what,
            measured: time(20, || vault.search(&query).expect("search")),
            budget: Some(search_budget),
        });
    }
    rows.push(Row {
        what: "timeline, first page of 50".into(),
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
        what: "timeline, page of 50 deep in the past".into(),
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
        what: "partner's timeline, first page of 50".into(),
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
    // Priya's twenty years (issue 21): beside her share of the entries and the wins, a held
    // meeting every two weeks with its pulse, support both ways, a relationship that changed
    // kind twice and a year of leave. The story's first screen is her years, from grouped queries.
    for week in (0..20 * 52).step_by(2) {
        let at = now - chrono::Duration::weeks(20 * 52) + chrono::Duration::weeks(week);
        let meeting = vault
            .create_meeting(
                rapport_core::meetings::NewMeeting {
                    partners: vec![priya],
                    at,
                    template: None,
                    signals: None,
                    purpose: String::new(),
                    minutes: None,
                },
                at,
            )
            .expect("meeting");
        vault
            .set_meeting_status(meeting.id, rapport_core::meetings::MeetingStatus::Held, at)
            .expect("held");
        vault
            .set_meeting_pulse(meeting.id, Some(1 + (week % 5) as u8), at)
            .expect("pulse");
    }
    for s in 0..entries / 500 {
        let at = now - chrono::Duration::days(7300)
            + chrono::Duration::days((s * 7300 / (entries / 500)) as i64);
        let act = rapport_core::SupportAct::ALL[s % rapport_core::SupportAct::ALL.len()];
        vault
            .add_entry(
                NewEntry {
                    partners: vec![priya],
                    created_at: Some(at),
                    support: Some(if s % 2 == 0 {
                        rapport_core::Support::given(act)
                    } else {
                        rapport_core::Support::received(act)
                    }),
                    ..NewEntry::note(format!("Support {s}: covered the release review"))
                },
                now,
            )
            .expect("add support");
    }
    let day = |y: i32, m: u32| chrono::NaiveDate::from_ymd_opt(y, m, 1);
    for (kind, started, ended) in [
        (
            rapport_core::Relationship::Report,
            day(2006, 11),
            day(2012, 1),
        ),
        (rapport_core::Relationship::Peer, day(2012, 1), day(2019, 1)),
    ] {
        vault
            .add_spell(
                priya,
                rapport_core::NewSpell {
                    of: rapport_core::SpellOf::Relationship(kind),
                    started,
                    ended,
                },
                now,
            )
            .expect("spell");
    }
    vault
        .add_pause(
            priya,
            rapport_core::NewPause {
                reason: rapport_core::PauseReason::Leave,
                started: day(2021, 3).expect("date"),
                ended: day(2022, 3),
            },
            now,
        )
        .expect("pause");
    rows.push(Row {
        what: "a partner's page: histories, support per year, reflections".into(),
        measured: time(20, || vault.partner(priya).expect("partner")),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "a partnership's story, first screen: its latest six years of twenty".into(),
        measured: time(20, || vault.story(priya, now).expect("story")),
        budget: Some(Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "a partnership's whole story, twenty years (to print it)".into(),
        measured: time(10, || vault.full_story(priya, now).expect("story")),
        budget: None,
    });

    let mut i = 0;
    rows.push(Row {
        what: "add one entry (durable commit, synchronous=FULL)".into(),
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
        budget: Some(Duration::from_millis(5)),
    });
    drop(vault);
    let size = std::fs::metadata(dir.join(rapport_core::paths::DATABASE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);

    println!("| measurement ({scale} entries, release) | median | budget |");
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
            missed.push(row.what.as_str());
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
