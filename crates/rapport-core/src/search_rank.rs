//! Ranking and snippets of a search's matches, worked out here from their text rather than by
//! FTS5's `bm25()` and `snippet()`: those find each word's document frequency by walking every
//! entry that holds it, on every search, which at a million entries costs more than the search
//! itself (search.rs reads a bounded window of matches; this ranks that window).
//!
//! The score is FTS5's bm25 (k1 = 1.2, b = 0.75, the same idf floor), over the same tokens:
//! runs of letters and digits, lower-cased, with the accents of Latin letters removed, as the
//! `unicode61 remove_diacritics 2` tokenizer of `entries_fts` makes them. Where the two
//! tokenizers differ (letters outside Latin with marks of their own), a match FTS5 found still
//! comes back; it only counts less in the ranking and its snippet may lack a highlight.

use serde::{Deserialize, Serialize};

/// A piece of a snippet; `highlight` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Tokens in a snippet, as FTS5's `snippet(…, 16)` gave before.
const SNIPPET_TOKENS: usize = 16;
/// Tokens shown before the first match of a snippet, when the text has them.
const SNIPPET_LEAD: usize = 3;

/// One typed word as its tokens; the last word of a search matches as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// The phrase as FTS5 query text: the word quoted (so `AND`, `-`, `*` are just text),
    /// followed by `*` when it is a prefix.
    pub query: String,
    tokens: Vec<String>,
    prefix: bool,
}

/// What a search's score needs of the whole journal: the number of indexed entries, their
/// average length in tokens, and per phrase the number of entries holding it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Corpus {
    pub rows: f64,
    pub average_tokens: f64,
    pub holding: Vec<f64>,
}

/// The phrases of what a person typed: each word with a letter or a digit, and the last one
/// a prefix unless the text ends with a space (search as you type).
pub(crate) fn phrases(text: &str) -> Vec<Phrase> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let prefix_last = !text.ends_with(char::is_whitespace);
    let count = words.len();
    words
        .into_iter()
        .enumerate()
        .map(|(i, word)| {
            let prefix = prefix_last && i + 1 == count;
            Phrase {
                query: format!("\"{word}\"{}", if prefix { "*" } else { "" }),
                tokens: token_spans(&word).map(|(s, e)| fold(&word[s..e])).collect(),
                prefix,
            }
        })
        .collect()
}

/// The byte ranges of the tokens of `text`: runs of letters and digits.
fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Latin-1 Supplement and Latin Extended-A letters (U+00C0 to U+017F) as the plain letter of
/// their canonical decomposition, lower case; `*` where there is none (the letter is kept,
/// lower-cased: Æ, Ø, ß, Đ, Ł, Œ, …).
const LATIN_BASE: &str = concat!(
    "aaaaaa*ceeeeiiii*nooooo**uuuuy**",
    "aaaaaa*ceeeeiiii*nooooo**uuuuy*y",
    "aaaaaaccccccccdd**eeeeeeeeeegggg",
    "gggghh**iiiiiiiii***jjkk*llllll*",
    "***nnnnnn***oooooo**rrrrrrssssss",
    "sstttt**uuuuuuuuuuuuwwyyyzzzzzz*",
);

/// A token as FTS5 indexes it: lower case, Latin letters without accents.
fn fold(token: &str) -> String {
    let base = LATIN_BASE.as_bytes();
    let mut folded = String::with_capacity(token.len());
    for c in token.chars() {
        let at = (c as usize).wrapping_sub(0xC0);
        match base.get(at) {
            Some(&b) if b != b'*' => folded.push(char::from(b)),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// A match's text, read once: its tokens and where each starts and ends.
pub(crate) struct Tokens<'t> {
    text: &'t str,
    spans: Vec<(usize, usize)>,
    folded: Vec<String>,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Tokens<'t> {
        let spans: Vec<(usize, usize)> = token_spans(text).collect();
        let folded = spans.iter().map(|&(s, e)| fold(&text[s..e])).collect();
        Tokens {
            text,
            spans,
            folded,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The positions where `phrase` starts.
    fn instances<'p>(&'p self, phrase: &'p Phrase) -> impl Iterator<Item = usize> + 'p {
        let n = phrase.tokens.len();
        (0..(self.folded.len() + 1).saturating_sub(n)).filter(move |&at| {
            phrase.tokens.iter().enumerate().all(|(i, want)| {
                let have = &self.folded[at + i];
                if phrase.prefix && i + 1 == n {
                    have.starts_with(want.as_str())
                } else {
                    have == want
                }
            })
        })
    }

    /// FTS5's bm25 of this text for `phrases` (lower is better, as FTS5 gives it).
    pub fn bm25(&self, phrases: &[Phrase], corpus: &Corpus) -> f64 {
        let length = self.len() as f64;
        let average = if corpus.average_tokens > 0.0 {
            corpus.average_tokens
        } else {
            1.0
        };
        let mut score = 0.0;
        for (phrase, &holding) in phrases.iter().zip(&corpus.holding) {
            let idf = ((corpus.rows - holding + 0.5) / (holding + 0.5)).ln();
            let idf = if idf <= 0.0 { 1e-6 } else { idf };
            let frequency = self.instances(phrase).count() as f64;
            score += idf * (frequency * (K1 + 1.0))
                / (frequency + K1 * (1.0 - B + B * length / average));
        }
        -score
    }

    /// A snippet of about SNIPPET_TOKENS tokens around the matches: the stretch holding the most
    /// different phrases (then the most matches, then the earliest), with `…` where the text
    /// goes on, and the matched tokens highlighted.
    pub fn snippet(&self, phrases: &[Phrase]) -> Vec<SnippetPart> {
        let mut hit = vec![None; self.len()];
        for (p, phrase) in phrases.iter().enumerate() {
            for at in self.instances(phrase) {
                for slot in &mut hit[at..at + phrase.tokens.len()] {
                    *slot = Some(p);
                }
            }
        }
        let total = self.len();
        let start = (0..total)
            .filter(|&at| hit[at].is_some())
            .map(|at| {
                at.saturating_sub(SNIPPET_LEAD)
                    .min(total.saturating_sub(SNIPPET_TOKENS))
            })
            .max_by_key(|&start| {
                let stretch = &hit[start..(start + SNIPPET_TOKENS).min(total)];
                let mut distinct: Vec<usize> = stretch.iter().flatten().copied().collect();
                let matched = distinct.len();
                distinct.sort_unstable();
                distinct.dedup();
                (distinct.len(), matched, std::cmp::Reverse(start))
            })
            .unwrap_or(0);
        let end = (start + SNIPPET_TOKENS).min(total);
        let from = if start == 0 { 0 } else { self.spans[start].0 };
        let to = if end == total {
            self.text.len()
        } else {
            self.spans[end - 1].1
        };
        let mut parts: Vec<SnippetPart> = Vec::new();
        let mut push = |text: &str, highlight: bool| match parts.last_mut() {
            Some(last) if last.highlight == highlight => last.text.push_str(text),
            _ if text.is_empty() => {}
            _ => parts.push(SnippetPart {
                text: text.to_owned(),
                highlight,
            }),
        };
        if start > 0 {
            push("…", false);
        }
        let mut at = from;
        for i in start..end {
            let (s, e) = self.spans[i];
            // The text between two tokens of one phrase's match is highlighted with them.
            let joined = i > start && hit[i].is_some() && hit[i] == hit[i - 1];
            push(&self.text[at..s], joined);
            push(&self.text[s..e], hit[i].is_some());
            at = e;
        }
        push(&self.text[at..to], false);
        if end < total {
            push("…", false);
        }
        parts
    }
}

/// FTS5's averages record (`entries_fts_data` row 1): the number of rows, then the number of
/// tokens in each column, as SQLite varints. Returns (rows, tokens of the first column).
pub(crate) fn averages_record(block: &[u8]) -> Option<(u64, u64)> {
    let (rows, used) = varint(block)?;
    let (tokens, _) = varint(&block[used..])?;
    Some((rows, tokens))
}

/// An SQLite varint: big-endian groups of seven bits, the ninth byte taking all eight.
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((value << 8) | u64::from(byte), 9));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(parts: &[SnippetPart]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.highlight {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn words_are_split_and_folded_as_fts5_indexes_them() {
        let tokens = Tokens::new("Café-crème, don't  ÉTÉ 2026_q3!");
        assert_eq!(
            tokens.folded,
            vec!["cafe", "creme", "don", "t", "ete", "2026", "q3"]
        );
        assert_eq!(fold("Œuvre Straße Ærø"), "Œuvre straße ærø".to_lowercase());
        assert_eq!(
            phrases("e-mail budg"),
            vec![
                Phrase {
                    query: "\"e-mail\"".into(),
                    tokens: vec!["e".into(), "mail".into()],
                    prefix: false
                },
                Phrase {
                    query: "\"budg\"*".into(),
                    tokens: vec!["budg".into()],
                    prefix: true
                },
            ]
        );
        assert!(!phrases("budget ")[0].prefix);
        assert!(phrases(" - * ").is_empty());
    }

    #[test]
    fn phrases_match_whole_tokens_and_the_last_as_a_prefix() {
        let tokens = Tokens::new("e-mail the email, then e mail");
        let count = |text: &str| {
            let p = phrases(text);
            tokens.instances(&p[p.len() - 1]).count()
        };
        assert_eq!(count("e-mail "), 2);
        assert_eq!(count("the "), 1);
        assert_eq!(count("the"), 2);
        assert_eq!(count("em"), 1);
    }

    #[test]
    fn snippets_centre_on_the_matches_and_mark_where_the_text_goes_on() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut text = words.join(" ");
        text.push_str(" budget review, then more words.");
        let tokens = Tokens::new(&text);
        let snippet = text_of(&tokens.snippet(&phrases("budget review")));
        // Sixteen tokens when the text has them, ending where the text ends.
        let lead: Vec<String> = (29..40).map(|i| format!("w{i}")).collect();
        assert_eq!(
            snippet,
            format!("…{} [budget] [review], then more words.", lead.join(" "))
        );
        let short = Tokens::new("A short note on the budget.");
        assert_eq!(
            text_of(&short.snippet(&phrases("budget "))),
            "A short note on the [budget]."
        );
        let phrase = Tokens::new("Send the e-mail today");
        assert_eq!(
            text_of(&phrase.snippet(&phrases("e-mail"))),
            "Send the [e-mail] today"
        );
        let none = Tokens::new("nothing here");
        assert_eq!(text_of(&none.snippet(&phrases("absent"))), "nothing here");
    }

    #[test]
    fn varints_read_as_sqlite_writes_them() {
        assert_eq!(varint(&[0x05]), Some((5, 1)));
        assert_eq!(varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(varint(&[0xff; 9]), Some((u64::MAX, 9)));
        assert_eq!(varint(&[0x80]), None);
        assert_eq!(averages_record(&[0x83, 0x01, 0x07]), Some((385, 7)));
    }
}
