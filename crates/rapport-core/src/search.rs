//! Full-text search over entries and partners (SQLite FTS5), ranked, filtered, with snippets.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::entries::{entries_by_ids, preview, Entry, EntryId, EntryKind};
use crate::error::{InputError, Result};
use crate::matching::{like_pattern, typed_words};
use crate::partners::{Partner, PartnerId};
use crate::search_rank::{averages_record, phrases, Corpus, Phrase, Tokens};
use crate::time::to_millis;
use crate::validate;
use crate::vault::Vault;

/// What to look for. Every filter narrows the result (they combine with AND).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find; the last word also matches as a prefix, for search-as-you-type.
    /// Empty text with filters lists the matching entries newest first.
    pub text: String,
    /// Entries linked to every one of these partners.
    pub partners: Vec<PartnerId>,
    /// Entries carrying every one of these tags.
    pub tags: Vec<String>,
    pub kind: Option<EntryKind>,
    /// Entries written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries written before this instant (exclusive).
    pub until: Option<DateTime<Utc>>,
    /// Most entries and partners returned; up to five problems, meetings, actions and decisions
    /// follow them.
    pub limit: u32,
}

impl SearchQuery {
    pub fn text(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            partners: Vec::new(),
            tags: Vec::new(),
            kind: None,
            since: None,
            until: None,
            limit: 20,
        }
    }

    fn filters_entries_only(&self) -> bool {
        !self.partners.is_empty()
            || !self.tags.is_empty()
            || self.kind.is_some()
            || self.since.is_some()
            || self.until.is_some()
    }
}

pub use crate::search_rank::SnippetPart;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SearchHit {
    Entry {
        entry: Entry,
        snippet: Vec<SnippetPart>,
    },
    Partner {
        partner: Partner,
        snippet: Vec<SnippetPart>,
    },
    /// A meeting whose agenda mentions the words.
    Meeting {
        meeting: crate::meetings::MeetingSummary,
        snippet: Vec<SnippetPart>,
    },
    /// A peer problem whose title has the words.
    Problem {
        problem: crate::problems::Problem,
        snippet: Vec<SnippetPart>,
    },
    /// An action item whose text has the words.
    Action {
        action: crate::actions::ActionItem,
        snippet: Vec<SnippetPart>,
    },
    /// A decision whose words include them.
    Decision {
        decision: crate::actions::Decision,
        snippet: Vec<SnippetPart>,
    },
}

pub const MAX_RESULTS: u32 = 200;

/// How many matches, newest written first, are ranked against each other. A search matching
/// fewer is ranked exactly; one matching more (a word in most entries, a letter typed) ranks
/// the newest this many, so its cost stays flat however big the journal grows.
pub const RANKED_WINDOW: u32 = 1000;

/// How many of a search's filters may be lists (search::plan costs every choice of them).
const PLANNED: usize = 6;

// What a scan costs, in microseconds, measured at a million entries (search::scan_cost).
/// Reading one id of a filter's list, and putting it in the list SQLite probes.
const LIST_ID: f64 = 0.4;
/// Walking one FTS5 match (probing the lists on the way).
const POSTING: f64 = 0.05;
/// Checking one match against a filter, its page already read.
const CHECK: f64 = 0.1;
/// Reading and decrypting one page of an index.
const PAGE: f64 = 12.0;
/// Rows of an index in a page (ids, trash, dates and kinds; links; tags).
const PAGE_ROWS: f64 = 150.0;

/// How filters are planned: by their cost, or (to test that plans agree) all or none listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Planning {
    Costed,
    #[cfg_attr(not(test), allow(dead_code))]
    AllListed,
    #[cfg_attr(not(test), allow(dead_code))]
    NoneListed,
}

/// What a search's scan is estimated to cost, in microseconds, with the filters whose bit is
/// set in `listed` as lists and the others checked per match. The scan stays within the ids
/// the counted filters pass; `holding` entries hold the words; filters are taken as
/// independent. It walks matches until RANKED_WINDOW pass every check (or none are left):
/// `reach` of them get past the lists to be checked, spread over `span` ids, and each check
/// reads about one page per PAGE_ROWS ids of that span, or one per match when they are sparser.
fn scan_cost(plans: &[Plan], listed: u32, holding: f64, highest: i64) -> f64 {
    let highest = highest.max(1) as f64;
    let low = plans.iter().filter_map(|p| p.ids).map(|ids| ids.0).max();
    let high = plans.iter().filter_map(|p| p.ids).map(|ids| ids.1).min();
    let ids = match low.zip(high) {
        Some((low, high)) => ((high - low + 1) as f64).clamp(1.0, highest),
        None => highest,
    };
    let matches = holding.min(highest) * ids / highest;
    let (mut cost, mut kept, mut passing, mut checked) = (0.0, 1.0, 1.0, 0.0);
    for (i, plan) in plans.iter().enumerate() {
        let share = (plan.count as f64 / ids).clamp(1.0 / ids, 1.0);
        if i < 32 && listed & (1 << i) != 0 {
            cost += plan.count as f64 * LIST_ID;
            kept *= share;
        } else {
            passing *= share;
            checked += 1.0;
        }
    }
    let reach = (matches * kept).min(f64::from(RANKED_WINDOW) / passing);
    let density = (matches / ids * kept).max(1.0 / ids);
    let span = (reach / density).min(ids);
    let pages = reach.min(span / PAGE_ROWS);
    cost + span * (matches / ids) * POSTING + checked * (pages * PAGE + reach * CHECK)
}

/// Matches of words that at most this many entries hold (together) are scored by FTS5.
const FTS5_RANKED: f64 = 200_000.0;

/// How many entries holding a word are counted for its weight; beyond, the number is estimated.
const HOLDING_COUNTED: i64 = 30_000;

/// The longest search text accepted; longer text is certainly not typed into a search box.
pub const MAX_QUERY_BYTES: usize = 1024;
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `AND`, `-`, `"` and `*` are just text) and the last one matches as a prefix
/// unless the text ends with a space.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let phrases = phrases(text);
    (!phrases.is_empty()).then(|| {
        phrases
            .iter()
            .map(|p| p.query.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut highlight = false;
    for c in marked.chars() {
        if c == HIT_START || c == HIT_END {
            if !current.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut current),
                    highlight,
                });
            }
            highlight = c == HIT_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart {
            text: current,
            highlight,
        });
    }
    parts
}

/// `text` split into parts, with the typed words (case-insensitively) highlighted.
fn highlight_words(text: &str, typed: &str) -> Vec<SnippetPart> {
    let words = typed_words(typed);
    let lower = text.to_lowercase();
    // Only ASCII-lowercase-stable text can be sliced by the positions found in `lower`.
    if lower.len() != text.len() {
        return vec![SnippetPart {
            text: text.to_owned(),
            highlight: false,
        }];
    }
    let mut marks = vec![false; text.len()];
    for word in &words {
        let mut from = 0;
        while let Some(at) = lower[from..].find(word.as_str()) {
            let start = from + at;
            marks[start..start + word.len()]
                .iter_mut()
                .for_each(|m| *m = true);
            from = start + word.len();
        }
    }
    let mut parts: Vec<SnippetPart> = Vec::new();
    for (i, c) in text.char_indices() {
        let highlight = marks[i];
        match parts.last_mut() {
            Some(last) if last.highlight == highlight => last.text.push(c),
            _ => parts.push(SnippetPart {
                text: c.to_string(),
                highlight,
            }),
        }
    }
    parts
}

/// One filter of a search in its two shapes: a condition on a match and a query listing the
/// ids of the entries that pass it, with the values both take. The condition reads the match's
/// row (`e`) or, for links, only its id (`{id}`), so it can be checked before the row is read.
struct Filter {
    condition: &'static str,
    on_row: bool,
    listing: &'static str,
    /// A query counting the live entries passing it without reading them, where there is one.
    counted: Option<&'static str>,
    values: Vec<Value>,
}

impl Filter {
    fn condition(&self, id: &str) -> String {
        self.condition.replace("{id}", id)
    }
}

/// How a filter is applied to one search: as a list of ids FTS5's matches are probed against,
/// or checked on each match. `ids` is the lowest and highest id passing it, when counted.
struct Plan {
    listed: bool,
    ids: Option<(i64, i64)>,
    count: i64,
}

fn filters(query: &SearchQuery, tags: &[String]) -> Vec<Filter> {
    let mut filters = Vec::new();
    if let Some(kind) = query.kind {
        filters.push(Filter {
            condition: "e.kind = ?",
            on_row: true,
            listing: "SELECT id FROM entries WHERE kind = ? AND deleted_at IS NULL",
            counted: None,
            values: vec![Value::Text(kind.as_str().to_owned())],
        });
    }
    if query.since.is_some() || query.until.is_some() {
        filters.push(Filter {
            condition: "e.created_at >= ? AND e.created_at < ?",
            on_row: true,
            listing: "SELECT id FROM entries WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?",
            counted: None,
            values: vec![
                Value::Integer(query.since.map_or(i64::MIN, to_millis)),
                Value::Integer(query.until.map_or(i64::MAX, to_millis)),
            ],
        });
    }
    for tag in tags {
        filters.push(Filter {
            condition: "EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = {id} AND t.tag = ?)",
            on_row: false,
            listing: "SELECT entry_id FROM entry_tags WHERE tag = ?",
            counted: None,
            values: vec![Value::Text(tag.clone())],
        });
    }
    for partner in &query.partners {
        filters.push(Filter {
            condition: "EXISTS (SELECT 1 FROM entry_partners p WHERE p.entry_id = {id} AND p.partner_id = ?)",
            on_row: false,
            listing: "SELECT entry_id FROM entry_partners WHERE partner_id = ?",
            counted: Some(
                "SELECT coalesce((SELECT live FROM partner_live_entries WHERE partner_id = ?), 0)",
            ),
            values: vec![Value::Integer(partner.0)],
        });
    }
    filters
}

impl Vault {
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        if query.text.len() > MAX_QUERY_BYTES {
            return Err(InputError::new("search text", "it is too long").into());
        }
        if !(1..=MAX_RESULTS).contains(&query.limit) {
            return Err(InputError::new(
                "limit",
                format!("give a number of results from 1 to {MAX_RESULTS}"),
            )
            .into());
        }
        if let (Some(since), Some(until)) = (query.since, query.until) {
            if until <= since {
                return Err(InputError::new("dates", "the range ends before it starts").into());
            }
        }
        let tags = query
            .tags
            .iter()
            .map(|t| validate::tag(t))
            .collect::<Result<Vec<_>, _>>()?;
        let matcher = fts_query(&query.text);
        if matcher.is_none() && !query.filters_entries_only() {
            return Ok(Vec::new());
        }

        let mut ranked: Vec<(f64, SearchHit)> = Vec::new();
        for (rank, entry, snippet) in self.search_entries(query, matcher.as_deref(), &tags)? {
            ranked.push((rank, SearchHit::Entry { entry, snippet }));
        }
        if let Some(matcher) = &matcher {
            if !query.filters_entries_only() {
                for (rank, partner, snippet) in self.search_partners(matcher, query.limit)? {
                    ranked.push((rank, SearchHit::Partner { partner, snippet }));
                }
                // bm25 scores are lower for better matches; a stable sort keeps recency order
                // among equals. Partners were pushed last, so on a tie entries come first
                // unless a partner scores strictly better.
                ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
            }
        }
        ranked.truncate(query.limit as usize);
        let mut hits: Vec<SearchHit> = ranked.into_iter().map(|(_, hit)| hit).collect();
        // Problems and meetings are few and matched by their words, not ranked by FTS: up to five
        // of each follow the ranked hits, beyond `limit`.
        if matcher.is_some() && !query.filters_entries_only() {
            for problem in self.search_problems(&query.text)? {
                let snippet = highlight_words(&problem.title, &query.text);
                hits.push(SearchHit::Problem { problem, snippet });
            }
            for (meeting, text) in self.search_meetings(&query.text)? {
                let snippet = highlight_words(&text, &query.text);
                hits.push(SearchHit::Meeting { meeting, snippet });
            }
            // Only when a word was typed (not only punctuation): else every item would match.
            if !typed_words(&query.text).is_empty() {
                let text = Some(query.text.clone());
                let actions = self.list_actions(&crate::actions::ActionFilter {
                    text: text.clone(),
                    limit: Some(5),
                    ..Default::default()
                })?;
                for action in actions {
                    let snippet = highlight_words(&action.text, &query.text);
                    hits.push(SearchHit::Action { action, snippet });
                }
                let decisions = self.list_decisions(&crate::actions::DecisionFilter {
                    text,
                    limit: Some(5),
                    ..Default::default()
                })?;
                for decision in decisions {
                    let snippet = highlight_words(&decision.text, &query.text);
                    hits.push(SearchHit::Decision { decision, snippet });
                }
            }
        }
        Ok(hits)
    }

    fn search_entries(
        &self,
        query: &SearchQuery,
        matcher: Option<&str>,
        tags: &[String],
    ) -> Result<Vec<(f64, Entry, Vec<SnippetPart>)>> {
        let filters = filters(query, tags);
        match matcher {
            Some(matcher) => self.matched_entries(query, matcher, &filters, Planning::Costed),
            None => self.filtered_entries(query, &filters),
        }
    }

    /// The entries passing the filters, newest first (a search without words).
    fn filtered_entries(
        &self,
        query: &SearchQuery,
        filters: &[Filter],
    ) -> Result<Vec<(f64, Entry, Vec<SnippetPart>)>> {
        let conditions = std::iter::once("e.deleted_at IS NULL".to_owned())
            .chain(filters.iter().map(|f| f.condition("e.id")))
            .collect::<Vec<_>>()
            .join(" AND ");
        let mut values: Vec<Value> = filters
            .iter()
            .flat_map(|f| f.values.iter().cloned())
            .collect();
        values.push(Value::Integer(i64::from(query.limit)));
        let ids: Vec<EntryId> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id FROM entries e WHERE {conditions}
                 ORDER BY e.created_at DESC, e.id DESC LIMIT ?"
            ))?
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(EntryId(row.get(0)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries_by_ids(&self.conn, &ids)?
            .into_iter()
            .map(|entry| {
                let snippet = vec![SnippetPart {
                    text: preview(&entry.body, 160),
                    highlight: false,
                }];
                (0.0, entry, snippet)
            })
            .collect())
    }

    /// The entries holding the words and passing the filters, best first. Matches are read
    /// newest written first (FTS5 walks its doclists backwards without scoring them) and only
    /// the first RANKED_WINDOW that pass the filters are ranked: a word in every entry costs
    /// as much as a word in a thousand.
    fn matched_entries(
        &self,
        query: &SearchQuery,
        matcher: &str,
        filters: &[Filter],
        planning: Planning,
    ) -> Result<Vec<(f64, Entry, Vec<SnippetPart>)>> {
        let highest: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM entries")?
            .query_row([], |row| row.get(0))?;
        let phrases = phrases(&query.text);
        let corpus = self.corpus(&phrases, highest)?;
        let holding = corpus.holding.iter().copied().fold(f64::INFINITY, f64::min);
        let plans = self.plan(filters, highest, holding, planning)?;
        if plans.iter().any(|p| p.count == 0) {
            return Ok(Vec::new());
        }
        // Rare words are scored by FTS5 (its bm25 counts the entries holding each word, cheap
        // for rare ones, and reads no note text); common ones here, from the window's texts,
        // which are then close together in the file.
        let by_fts5 = corpus.holding.iter().sum::<f64>() <= FTS5_RANKED;
        let mut scored = self.window(matcher, filters, &plans, by_fts5)?;
        if !by_fts5 {
            let texts = self.texts(scored.iter().map(|w| w.2))?;
            for (score, _, id) in &mut scored {
                let text = texts.get(id).map_or("", String::as_str);
                *score = Tokens::new(text).bm25(&phrases, &corpus);
            }
        }
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
        scored.truncate(query.limit as usize);
        let top: Vec<EntryId> = scored.iter().map(|&(_, _, id)| EntryId(id)).collect();
        let entries = entries_by_ids(&self.conn, &top)?;
        Ok(scored
            .into_iter()
            .zip(entries)
            .map(|((score, _, _), entry)| {
                let snippet = Tokens::new(&entry.body).snippet(&phrases);
                (score, entry, snippet)
            })
            .collect())
    }

    /// The newest RANKED_WINDOW matches passing the filters, as (FTS5's rank or 0, created,
    /// id). Listed filters are probed inside FTS5's scan, bounded by the range of their ids;
    /// links are checked on the match's id in the scan; the rest on the narrow
    /// `entries_search` index, never on the pages of note text.
    fn window(
        &self,
        matcher: &str,
        filters: &[Filter],
        plans: &[Plan],
        by_fts5: bool,
    ) -> Result<Vec<(f64, i64, i64)>> {
        let low = plans.iter().filter_map(|p| p.ids).map(|ids| ids.0).max();
        let high = plans.iter().filter_map(|p| p.ids).map(|ids| ids.1).min();
        let mut in_scan = String::new();
        let mut on_row = String::new();
        let mut scan_values = Vec::new();
        let mut row_values = Vec::new();
        for (filter, plan) in filters.iter().zip(plans) {
            let values = filter.values.iter().cloned();
            if plan.listed {
                in_scan.push_str(&format!(" AND +entries_fts.rowid IN ({})", filter.listing));
                scan_values.extend(values);
            } else if filter.on_row {
                on_row.push_str(&format!(" AND {}", filter.condition("e.id")));
                row_values.extend(values);
            } else {
                in_scan.push_str(&format!(" AND {}", filter.condition("entries_fts.rowid")));
                scan_values.extend(values);
            }
        }
        let mut values: Vec<Value> = vec![
            Value::Text(matcher.to_owned()),
            Value::Integer(low.unwrap_or(i64::MIN)),
            Value::Integer(high.unwrap_or(i64::MAX)),
        ];
        values.extend(scan_values);
        values.extend(row_values);
        let rank = if by_fts5 { "rank" } else { "0.0" };
        let window = self
            .conn
            .prepare_cached(&format!(
                "SELECT m.r, e.created_at, e.id FROM (
                     SELECT entries_fts.rowid AS id, {rank} AS r FROM entries_fts
                     WHERE entries_fts MATCH ? AND entries_fts.rowid BETWEEN ? AND ?{in_scan}
                     ORDER BY entries_fts.rowid DESC
                 ) m JOIN entries e INDEXED BY entries_search ON e.id = m.id
                 WHERE e.deleted_at IS NULL{on_row}
                 ORDER BY m.id DESC LIMIT {RANKED_WINDOW}"
            ))?
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(window)
    }

    /// The texts of the entries `ids`.
    fn texts(&self, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, String>> {
        let ids = ids.map(|id| id.to_string()).collect::<Vec<_>>().join(",");
        let texts = self
            .conn
            .prepare(&format!("SELECT id, body FROM entries WHERE id IN ({ids})"))?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(texts)
    }

    /// What bm25 needs of the whole journal: FTS5's own row count and average length (its
    /// averages record), and how many entries hold each phrase, counted up to HOLDING_COUNTED
    /// newest and estimated beyond from how far back those reach.
    fn corpus(&self, phrases: &[Phrase], highest: i64) -> Result<Corpus> {
        let block: Vec<u8> = self
            .conn
            .prepare_cached("SELECT block FROM entries_fts_data WHERE id = 1")?
            .query_row([], |row| row.get(0))
            .optional()?
            .unwrap_or_default();
        let (rows, tokens) = averages_record(&block).unwrap_or((0, 0));
        let rows = rows.max(1) as f64;
        let mut count = self.conn.prepare_cached(&format!(
            "SELECT count(*), coalesce(min(rowid), 0) FROM (
                 SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?
                 ORDER BY rowid DESC LIMIT {HOLDING_COUNTED}
             )"
        ))?;
        let mut holding = Vec::with_capacity(phrases.len());
        for phrase in phrases {
            let (counted, oldest): (i64, i64) =
                count.query_row([&phrase.query], |row| Ok((row.get(0)?, row.get(1)?)))?;
            let estimate = if counted < HOLDING_COUNTED {
                counted as f64
            } else {
                // As many again for every stretch of ids as long as the one counted.
                counted as f64 * highest as f64 / (highest - oldest + 1).max(1) as f64
            };
            holding.push(estimate.min(rows));
        }
        Ok(Corpus {
            rows,
            average_tokens: tokens as f64 / rows,
            holding,
        })
    }

    /// How each filter is applied: counted first (up to the most that could ever be worth
    /// listing, with the range of the ids passing it, which bounds the scan; a partner's by the
    /// live counts, without a range), then the filters listed are those for which
    /// `scan_cost` is least (every choice of up to PLANNED filters is costed; the others are
    /// checked per match).
    fn plan(
        &self,
        filters: &[Filter],
        highest: i64,
        holding: f64,
        planning: Planning,
    ) -> Result<Vec<Plan>> {
        let most = (f64::from(RANKED_WINDOW) * highest.max(1) as f64 / LIST_ID)
            .sqrt()
            .ceil() as i64;
        let mut plans = filters
            .iter()
            .map(|filter| {
                if let Some(counted) = filter.counted {
                    let count: i64 = self
                        .conn
                        .prepare_cached(counted)?
                        .query_row(rusqlite::params_from_iter(filter.values.iter()), |row| {
                            row.get(0)
                        })?;
                    return Ok(Plan {
                        listed: false,
                        ids: None,
                        count,
                    });
                }
                let values = filter
                    .values
                    .iter()
                    .cloned()
                    .chain([Value::Integer(most + 1)]);
                let (count, low, high): (i64, Option<i64>, Option<i64>) = self
                    .conn
                    .prepare_cached(&format!(
                        "WITH l(id) AS ({} LIMIT ?) SELECT count(*), min(id), max(id) FROM l",
                        filter.listing,
                    ))?
                    .query_row(rusqlite::params_from_iter(values), |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                    })?;
                Ok(Plan {
                    listed: false,
                    ids: if count <= most { low.zip(high) } else { None },
                    count,
                })
            })
            .collect::<Result<Vec<Plan>>>()?;
        let choices = plans.len().min(PLANNED);
        let chosen: u32 = match planning {
            Planning::NoneListed => 0,
            Planning::AllListed => (1 << choices) - 1,
            Planning::Costed => (0..1u32 << choices)
                .min_by(|a, b| {
                    let cost = |listed| scan_cost(&plans, listed, holding, highest);
                    cost(*a).total_cmp(&cost(*b))
                })
                .unwrap_or(0),
        };
        for (i, plan) in plans.iter_mut().enumerate().take(choices) {
            plan.listed = chosen & (1 << i) != 0;
        }
        Ok(plans)
    }

    /// Open and closed problems whose title contains every typed word, newest first.
    fn search_problems(&self, text: &str) -> Result<Vec<crate::problems::Problem>> {
        let words = typed_words(text);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let conditions = vec!["lower(title) LIKE ? ESCAPE '\\'"; words.len()].join(" AND ");
        let ids: Vec<i64> = self
            .conn
            .prepare(&format!(
                "SELECT id FROM problems WHERE {conditions} ORDER BY closed_at IS NOT NULL, updated_at DESC LIMIT 5"
            ))?
            .query_map(rusqlite::params_from_iter(words.iter().map(|w| like_pattern(w))), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| self.problem(crate::problems::ProblemId(id)))
            .collect()
    }

    /// Meetings with an agenda item containing every typed word, newest first, with that item.
    fn search_meetings(
        &self,
        text: &str,
    ) -> Result<Vec<(crate::meetings::MeetingSummary, String)>> {
        let words = typed_words(text);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let conditions = vec!["lower(ai.text) LIKE ? ESCAPE '\\'"; words.len()].join(" AND ");
        let rows: Vec<(i64, String)> = self
            .conn
            .prepare(&format!(
                "SELECT ai.meeting_id, min(ai.text) FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
                 WHERE {conditions} GROUP BY ai.meeting_id ORDER BY max(m.at) DESC LIMIT 5"
            ))?
            .query_map(rusqlite::params_from_iter(words.iter().map(|w| like_pattern(w))), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut found = Vec::with_capacity(rows.len());
        for (id, item) in rows {
            let meeting = self.meeting(crate::meetings::MeetingId(id))?;
            let open_items = meeting
                .agenda
                .iter()
                .filter(|i| i.state != crate::meetings::AgendaState::Discussed)
                .count() as u64;
            found.push((
                crate::meetings::MeetingSummary {
                    id: meeting.id,
                    at: meeting.at,
                    status: meeting.status,
                    partners: meeting.partners,
                    open_items,
                },
                preview(&item, 120),
            ));
        }
        Ok(found)
    }

    fn search_partners(
        &self,
        matcher: &str,
        limit: u32,
    ) -> Result<Vec<(f64, Partner, Vec<SnippetPart>)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT partners_fts.rowid, snippet(partners_fts, -1, '{HIT_START}', '{HIT_END}', '…', 12),
                    bm25(partners_fts, 4.0, 2.0, 1.0, 1.0)
             FROM partners_fts WHERE partners_fts MATCH ?1
             ORDER BY bm25(partners_fts, 4.0, 2.0, 1.0, 1.0) LIMIT ?2"
        ))?;
        let rows: Vec<(i64, String, f64)> = stmt
            .query_map(rusqlite::params![matcher, limit], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, marked, rank)| {
                // As lists show a partner: no histories, support or reflections to read.
                let partner = crate::partners::read_listed(&self.conn, PartnerId(id))?;
                Ok((rank, partner, snippet_parts(&marked)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(
            fts_query("budget review").unwrap(),
            "\"budget\" \"review\"*"
        );
        assert_eq!(
            fts_query("budget review ").unwrap(),
            "\"budget\" \"review\""
        );
        assert_eq!(
            fts_query("\"AND\" OR -x").unwrap(),
            "\"AND\" \"OR\" \"-x\"*"
        );
        assert_eq!(fts_query("  - * \" "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn snippets_split_into_highlighted_parts() {
        let marked = format!("a {HIT_START}hit{HIT_END} here");
        assert_eq!(
            snippet_parts(&marked),
            vec![
                SnippetPart {
                    text: "a ".into(),
                    highlight: false
                },
                SnippetPart {
                    text: "hit".into(),
                    highlight: true
                },
                SnippetPart {
                    text: " here".into(),
                    highlight: false
                },
            ]
        );
    }

    /// A new vault in a temporary directory, and a random generator seeded with `seed`.
    fn scratch_vault(seed: u64) -> (tempfile::TempDir, Vault, rand::rngs::StdRng) {
        use rand::SeedableRng;
        let dir = tempfile::tempdir().unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let (vault, _) = Vault::create(
            &dir.path().join("v"),
            crate::vault::NewProtection::Passphrase("correct horse battery"),
            &mut rng,
        )
        .unwrap();
        (dir, vault, rng)
    }

    /// The window is ranked here, not by FTS5: on text both tokenize alike, the score is FTS5's
    /// `bm25()` to the last few digits, for every match of any query, as the journal grows.
    #[test]
    fn ranking_scores_as_fts5_bm25_does() {
        use rand::Rng;

        let (_dir, mut vault, mut rng) = scratch_vault(22);
        let words = [
            "budget", "budgets", "review", "the", "then", "e-mail", "mail", "Offsite", "hiring",
            "roadmap", "a", "an", "incident", "don't", "plan",
        ];
        let now = chrono::Utc::now();
        let mut compared = 0;
        for _round in 0..12 {
            for _ in 0..rng.gen_range(1..8) {
                let body = (0..rng.gen_range(1..40))
                    .map(|_| words[rng.gen_range(0..words.len())])
                    .collect::<Vec<_>>()
                    .join(if rng.gen_bool(0.5) { " " } else { ", " });
                vault.add_entry(crate::NewEntry::note(body), now).unwrap();
            }
            for _ in 0..10 {
                let mut text = (0..rng.gen_range(1..4))
                    .map(|_| {
                        let word = words[rng.gen_range(0..words.len())];
                        &word[..rng.gen_range(1..=word.len())]
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                if rng.gen_bool(0.5) {
                    text.push(' ');
                }
                let phrases = phrases(&text);
                let corpus = vault.corpus(&phrases, i64::MAX).unwrap();
                let scores: Vec<(f64, String)> = vault
                    .conn
                    .prepare(
                        "SELECT bm25(entries_fts), body FROM entries_fts WHERE entries_fts MATCH ?",
                    )
                    .unwrap()
                    .query_map([fts_query(&text).unwrap()], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                for (theirs, body) in scores {
                    let ours = Tokens::new(&body).bm25(&phrases, &corpus);
                    assert!(
                        (ours - theirs).abs() <= 1e-9 * theirs.abs().max(1.0),
                        "{text:?} in {body:?}: {ours} here, {theirs} by FTS5"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 200, "only {compared} scores compared");
    }

    /// Whether a filter is listed or checked per match changes the cost of a search, never what
    /// it finds: every filter listed, none listed and the planned mix find the same entries as a
    /// plain query does, with trashed entries among them.
    #[test]
    fn every_plan_finds_the_same_entries() {
        use rand::Rng;

        let (_dir, mut vault, mut rng) = scratch_vault(7);
        let now = chrono::Utc::now();
        let partners: Vec<PartnerId> = ["Ada", "Grace", "Linus"]
            .iter()
            .map(|name| {
                vault
                    .add_partner(crate::partners::NewPartner::named(*name), now)
                    .unwrap()
                    .id
            })
            .collect();
        let words = ["budget", "hiring", "roadmap", "the", "incident"];
        let tags = ["wip", "org", "quality"];
        let kinds = [EntryKind::Note, EntryKind::Win, EntryKind::Concern];
        // About a third of `items`, picked at random.
        fn some<T: Copy>(rng: &mut rand::rngs::StdRng, items: &[T]) -> Vec<T> {
            items
                .iter()
                .copied()
                .filter(|_| rng.gen_bool(0.3))
                .collect()
        }
        for _ in 0..150 {
            let entry = vault
                .add_entry(
                    crate::NewEntry {
                        kind: kinds[rng.gen_range(0..kinds.len())],
                        partners: some(&mut rng, &partners),
                        tags: some(&mut rng, &tags)
                            .into_iter()
                            .map(str::to_owned)
                            .collect(),
                        created_at: Some(now - chrono::Duration::days(rng.gen_range(0..400))),
                        ..crate::NewEntry::note(
                            (0..rng.gen_range(1..6))
                                .map(|_| words[rng.gen_range(0..words.len())])
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    },
                    now,
                )
                .unwrap();
            if rng.gen_bool(0.1) {
                vault.trash_entry(entry.id, now).unwrap();
            }
        }
        for _ in 0..150 {
            let query = SearchQuery {
                partners: some(&mut rng, &partners),
                tags: some(&mut rng, &tags)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                kind: rng
                    .gen_bool(0.3)
                    .then(|| kinds[rng.gen_range(0..kinds.len())]),
                since: rng
                    .gen_bool(0.3)
                    .then(|| now - chrono::Duration::days(rng.gen_range(100..400))),
                until: rng
                    .gen_bool(0.3)
                    .then(|| now - chrono::Duration::days(rng.gen_range(0..100))),
                limit: MAX_RESULTS,
                ..SearchQuery::text(words[rng.gen_range(0..words.len())])
            };
            let matcher = fts_query(&query.text).unwrap();
            let filters = filters(&query, &query.tags);
            let conditions: String = filters
                .iter()
                .map(|f| format!(" AND {}", f.condition("e.id")))
                .collect();
            let mut values = vec![Value::Text(matcher.clone())];
            values.extend(filters.iter().flat_map(|f| f.values.iter().cloned()));
            let mut plain: Vec<i64> = vault
                .conn
                .prepare(&format!(
                    "SELECT e.id FROM entries e WHERE e.deleted_at IS NULL
                     AND e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?){conditions}"
                ))
                .unwrap()
                .query_map(rusqlite::params_from_iter(values), |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            plain.sort_unstable();
            for planning in [Planning::AllListed, Planning::Costed, Planning::NoneListed] {
                let mut found: Vec<i64> = vault
                    .matched_entries(&query, &matcher, &filters, planning)
                    .unwrap()
                    .iter()
                    .map(|(_, entry, _)| entry.id.0)
                    .collect();
                found.sort_unstable();
                assert_eq!(found, plain, "{query:?} planned {planning:?}");
            }
        }
    }

    /// The choices the costs make at a million entries, as measured there (docs/benchmarks.md).
    #[test]
    fn plans_list_the_filters_that_pay_for_their_reading() {
        let million = 1_000_000;
        let spread = |count| Plan {
            listed: false,
            ids: Some((1, million)),
            count,
        };
        let partner = |count| Plan {
            listed: false,
            ids: None,
            count,
        };
        let best = |plans: &[Plan], holding: f64| {
            (0..1u32 << plans.len())
                .min_by(|a, b| {
                    scan_cost(plans, *a, holding, million)
                        .total_cmp(&scan_cost(plans, *b, holding, million))
                })
                .unwrap()
        };
        // A topic word, a tag on 4% of the entries and a partner with 10%: the tag is listed.
        assert_eq!(best(&[spread(40_000), partner(100_000)], 64_000.0), 0b01);
        // A word in every entry and the partner: checked per match, the window fills at once.
        assert_eq!(best(&[partner(100_000)], 1e6), 0);
        // One win in 200, spread over the years: listed.
        assert_eq!(best(&[spread(5_000)], 1e6), 1);
        // The same wins written lately (their ids close together): the scan stays among them.
        let lately = Plan {
            listed: false,
            ids: Some((million - 5_000, million)),
            count: 5_000,
        };
        assert_eq!(best(&[lately], 1e6), 0);
        // A rare word: its few matches are checked, nothing is read to list.
        assert_eq!(best(&[spread(40_000), partner(100_000)], 300.0), 0);
    }

    #[test]
    fn previews_flatten_and_cut() {
        use crate::entries::preview;
        assert_eq!(preview("a\n\nb  c", 10), "a b c");
        assert_eq!(preview("abcdefghijkl", 5), "abcd…");
    }
}
