//! Full-text search over entries and partners (SQLite FTS5), ranked, filtered, with snippets.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::entries::{entries_by_ids, preview, Entry, EntryId, EntryKind};
use crate::error::{InputError, Result};
use crate::matching::{like_pattern, typed_words};
use crate::partners::{Partner, PartnerId};
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

/// A piece of a snippet; `highlight` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

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

/// A filter that at most this many entries pass is applied first, as a list of their ids.
const FEW_FILTERED: i64 = 5000;

/// The longest search text accepted; longer text is certainly not typed into a search box.
pub const MAX_QUERY_BYTES: usize = 1024;
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: every word is
/// quoted (so `AND`, `-`, `"` and `*` are just text) and the last one matches as a prefix
/// unless the text ends with a space.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let last = words.len().checked_sub(1)?;
    let prefix_last = !text.ends_with(char::is_whitespace);
    let parts: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last && prefix_last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(parts.join(" "))
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

/// One filter of a search in its two shapes: a condition on a match (`e`, its row) and a query
/// listing the ids of the entries that pass it, with the values both take.
struct Filter {
    condition: &'static str,
    listing: &'static str,
    values: Vec<Value>,
}

fn filters(query: &SearchQuery, tags: &[String]) -> Vec<Filter> {
    let mut filters = Vec::new();
    if let Some(kind) = query.kind {
        filters.push(Filter {
            condition: "e.kind = ?",
            listing: "SELECT id FROM entries WHERE kind = ? AND deleted_at IS NULL",
            values: vec![Value::Text(kind.as_str().to_owned())],
        });
    }
    if query.since.is_some() || query.until.is_some() {
        filters.push(Filter {
            condition: "e.created_at >= ? AND e.created_at < ?",
            listing: "SELECT id FROM entries WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?",
            values: vec![
                Value::Integer(query.since.map_or(i64::MIN, to_millis)),
                Value::Integer(query.until.map_or(i64::MAX, to_millis)),
            ],
        });
    }
    for tag in tags {
        filters.push(Filter {
            condition: "EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?)",
            listing: "SELECT entry_id FROM entry_tags WHERE tag = ?",
            values: vec![Value::Text(tag.clone())],
        });
    }
    for partner in &query.partners {
        filters.push(Filter {
            condition: "EXISTS (SELECT 1 FROM entry_partners p WHERE p.entry_id = e.id AND p.partner_id = ?)",
            listing: "SELECT entry_id FROM entry_partners WHERE partner_id = ?",
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
        let conditions = std::iter::once("e.deleted_at IS NULL")
            .chain(filters.iter().map(|f| f.condition))
            .collect::<Vec<_>>()
            .join(" AND ");
        let filter_values = filters.iter().flat_map(|f| f.values.iter().cloned());
        let mut values: Vec<Value> = Vec::new();
        // Snippets are made only for the page of results, not for every match: SQLite would
        // otherwise build one per matching row before sorting.
        let sql = match matcher {
            None => {
                values.extend(filter_values);
                format!(
                    "SELECT e.id, 0.0 FROM entries e WHERE {conditions}
                     ORDER BY e.created_at DESC, e.id DESC LIMIT ?"
                )
            }
            Some(m) => {
                values.push(Value::Text(m.to_owned()));
                // Matches are read newest written first (FTS5 walks its doclists backwards
                // without scoring them) and only the first RANKED_WINDOW that pass the filters
                // are scored and ranked: a word in every entry costs as much as a word in a
                // thousand. What filters and orders them comes from the narrow
                // `entries_search` index, not from the pages of note text.
                let (matches, newest) = match self.fewest_filtered(&filters)? {
                    // Few entries pass one of the filters: only the matches among them are
                    // read (a probe in a list SQLite builds once), so a filter that keeps a
                    // handful of old entries does not walk every newer match.
                    Some(listed) => {
                        values.extend(listed.values.iter().cloned());
                        (
                            format!(
                                "WITH m AS MATERIALIZED (
                                     SELECT rowid AS id, rank AS r FROM entries_fts
                                     WHERE entries_fts MATCH ? AND +rowid IN ({})
                                 )
                                 SELECT e.id AS id, m.r AS r, e.created_at AS c
                                 FROM m JOIN entries e INDEXED BY entries_search ON e.id = m.id
                                 WHERE {conditions}",
                                listed.listing
                            ),
                            "m.id",
                        )
                    }
                    None => (
                        format!(
                            "SELECT e.id AS id, entries_fts.rank AS r, e.created_at AS c
                             FROM entries_fts JOIN entries e INDEXED BY entries_search ON e.id = entries_fts.rowid
                             WHERE entries_fts MATCH ? AND {conditions}"
                        ),
                        "entries_fts.rowid",
                    ),
                };
                values.extend(filter_values);
                format!(
                    "SELECT id, r FROM ({matches} ORDER BY {newest} DESC LIMIT {RANKED_WINDOW})
                     ORDER BY r, c DESC, id DESC LIMIT ?"
                )
            }
        };
        values.push(Value::Integer(i64::from(query.limit)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<(EntryId, f64)> = stmt
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok((EntryId(row.get(0)?), row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let ids: Vec<EntryId> = rows.iter().map(|r| r.0).collect();
        let entries = entries_by_ids(&self.conn, &ids)?;
        let mut snippet_stmt = self.conn.prepare_cached(&format!(
            "SELECT snippet(entries_fts, 0, '{HIT_START}', '{HIT_END}', '…', 16)
             FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid = ?2"
        ))?;
        let mut hits = Vec::with_capacity(rows.len());
        for ((id, rank), entry) in rows.into_iter().zip(entries) {
            let marked: Option<String> = match matcher {
                Some(m) => snippet_stmt
                    .query_row(rusqlite::params![m, id.0], |row| row.get(0))
                    .optional()?,
                None => None,
            };
            let snippet = match marked {
                Some(marked) => snippet_parts(&marked),
                None => vec![SnippetPart {
                    text: preview(&entry.body, 160),
                    highlight: false,
                }],
            };
            hits.push((rank, entry, snippet));
        }
        Ok(hits)
    }

    /// The filter that the fewest entries pass, when at most FEW_FILTERED pass it; None without
    /// filters or when every filter lets many through (then matches are read newest first and
    /// the window fills quickly).
    fn fewest_filtered<'f>(&self, filters: &'f [Filter]) -> Result<Option<&'f Filter>> {
        let mut fewest: Option<(i64, &Filter)> = None;
        for filter in filters {
            let counted: i64 = self
                .conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM ({} LIMIT {})",
                    filter.listing,
                    FEW_FILTERED + 1
                ))?
                .query_row(rusqlite::params_from_iter(filter.values.iter()), |row| {
                    row.get(0)
                })?;
            if counted <= FEW_FILTERED && fewest.is_none_or(|(n, _)| counted < n) {
                fewest = Some((counted, filter));
            }
        }
        Ok(fewest.map(|(_, filter)| filter))
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
                let mut partner = self.partner(PartnerId(id))?;
                partner.roles.clear();
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

    #[test]
    fn previews_flatten_and_cut() {
        use crate::entries::preview;
        assert_eq!(preview("a\n\nb  c", 10), "a b c");
        assert_eq!(preview("abcdefghijkl", 5), "abcd…");
    }
}
