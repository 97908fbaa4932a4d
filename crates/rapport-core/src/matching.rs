//! The words a person typed, matched in SQL with LIKE (problems, agendas, actions, decisions):
//! each word on its own, any case, with LIKE's own signs taken as text.

/// The words a person typed (at most eight, lower case, without the punctuation around them).
pub(crate) fn typed_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// `%word%` for `LIKE ... ESCAPE '\'`, with `\`, `%` and `_` taken as text.
pub(crate) fn like_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
