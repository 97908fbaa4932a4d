//! Input rules shared by every way in (app, CLI, import): checked before anything is written.

use crate::error::InputError;

/// Largest entry body accepted, in bytes (a long reflection is a few kilobytes).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Longest name, role or organisation, in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// Longest partner notes, in bytes.
pub const MAX_NOTES_BYTES: usize = 64 * 1024;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 64;
/// Most tags or partner links on one entry.
pub const MAX_LINKS: usize = 64;

pub(crate) fn body(text: &str) -> Result<String, InputError> {
    let trimmed = text.trim_end();
    if trimmed.trim_start().is_empty() {
        return Err(InputError::new("text", "it is empty"));
    }
    if trimmed.len() > MAX_BODY_BYTES {
        return Err(InputError::new(
            "text",
            format!("it is longer than {} KiB", MAX_BODY_BYTES / 1024),
        ));
    }
    if trimmed.contains('\0') {
        return Err(InputError::new("text", "it contains a NUL character"));
    }
    Ok(trimmed.to_owned())
}

/// A one-line field (name, role, organisation): trimmed, no control characters.
pub(crate) fn short_text(field: &'static str, text: &str) -> Result<String, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::new(field, "it is empty"));
    }
    if trimmed.chars().count() > MAX_SHORT_TEXT_CHARS {
        return Err(InputError::new(
            field,
            format!("it is longer than {MAX_SHORT_TEXT_CHARS} characters"),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(InputError::new(
            field,
            "it contains a line break or control character",
        ));
    }
    Ok(trimmed.to_owned())
}

pub(crate) fn optional_short_text(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<String>, InputError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => short_text(field, t).map(Some),
    }
}

pub(crate) fn notes(text: &str) -> Result<String, InputError> {
    if text.len() > MAX_NOTES_BYTES {
        return Err(InputError::new(
            "notes",
            format!("they are longer than {} KiB", MAX_NOTES_BYTES / 1024),
        ));
    }
    if text.contains('\0') {
        return Err(InputError::new("notes", "they contain a NUL character"));
    }
    Ok(text.trim_end().to_owned())
}

/// A few paragraphs written on a form (a view of a problem, why it matters, what a manager
/// said): up to the length of partner notes, no NUL; may be empty.
pub(crate) fn long_text(field: &'static str, text: &str) -> Result<String, InputError> {
    if text.len() > MAX_NOTES_BYTES {
        return Err(InputError::new(
            field,
            format!("it is longer than {} KiB", MAX_NOTES_BYTES / 1024),
        ));
    }
    if text.contains('\0') {
        return Err(InputError::new(field, "it contains a NUL character"));
    }
    Ok(text.trim().to_owned())
}

/// Who a problem matters to ("the organisation", "customers", "Dana"): each one a short text,
/// duplicates (ignoring case) dropped, first-seen order kept, at most `MAX_LINKS`.
pub(crate) fn matters_to(list: &[String]) -> Result<Vec<String>, InputError> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for raw in list {
        let who = short_text("to whom", raw)?;
        if !out.iter().any(|o| o.to_lowercase() == who.to_lowercase()) {
            out.push(who);
        }
    }
    if out.len() > MAX_LINKS {
        return Err(InputError::new(
            "to whom",
            format!("name at most {MAX_LINKS}"),
        ));
    }
    Ok(out)
}

/// Normalises a tag: a leading `#` or `@` is dropped, letters are lower-cased; letters, digits,
/// `-`, `_`, `/` and `.` are allowed.
pub fn tag(text: &str) -> Result<String, InputError> {
    let stripped = text.trim().trim_start_matches(['#', '@']);
    let tag: String = stripped.to_lowercase();
    if tag.is_empty() {
        return Err(InputError::new("tag", "it is empty"));
    }
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(InputError::new(
            "tag",
            format!("it is longer than {MAX_TAG_CHARS} characters"),
        ));
    }
    if !tag
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    {
        return Err(InputError::new(
            "tag",
            "use letters, digits, '-', '_', '/' or '.' only",
        ));
    }
    Ok(tag)
}

/// Normalises a list of tags, dropping duplicates and keeping first-seen order.
pub(crate) fn tags(list: &[String]) -> Result<Vec<String>, InputError> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for raw in list {
        let t = tag(raw)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > MAX_LINKS {
        return Err(InputError::new(
            "tags",
            format!("at most {MAX_LINKS} per entry"),
        ));
    }
    Ok(out)
}

/// A meeting's planned length: 5 minutes to 8 hours.
pub(crate) fn meeting_minutes(minutes: Option<u32>) -> Result<Option<u32>, InputError> {
    match minutes {
        Some(m) if !(5..=480).contains(&m) => Err(InputError::new(
            "length",
            "give a length from 5 to 480 minutes",
        )),
        other => Ok(other),
    }
}

pub(crate) fn cadence_days(days: Option<u32>) -> Result<Option<u32>, InputError> {
    match days {
        Some(d) if !(1..=366).contains(&d) => Err(InputError::new(
            "cadence",
            "give a number of days from 1 to 366",
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(tag("#Planning-2024").unwrap(), "planning-2024");
        assert_eq!(tag("@José").unwrap(), "josé");
        assert_eq!(tag(" team/infra ").unwrap(), "team/infra");
        assert!(tag("#").is_err());
        assert!(tag("two words").is_err());
        assert!(tag("<script>").is_err());
        assert_eq!(
            tags(&["A".into(), "a".into(), "#b".into()]).unwrap(),
            vec!["a", "b"]
        );
    }

    #[test]
    fn bodies_are_checked_without_echoing_them() {
        assert!(body("   \n ").is_err());
        assert_eq!(body("hello  \n").unwrap(), "hello");
        let huge = "x".repeat(MAX_BODY_BYTES + 1);
        let err = body(&huge).unwrap_err();
        assert!(!err.to_string().contains("xxx"));
    }

    #[test]
    fn short_text_refuses_line_breaks() {
        assert!(short_text("name", "a\nb").is_err());
        assert_eq!(short_text("name", "  Ada  ").unwrap(), "Ada");
        assert_eq!(optional_short_text("role", Some("  ")).unwrap(), None);
    }

    #[test]
    fn who_it_matters_to_is_a_clean_list() {
        let list = vec![" customers ".into(), "Customers".into(), "Dana".into()];
        assert_eq!(matters_to(&list).unwrap(), vec!["customers", "Dana"]);
        assert!(matters_to(&["a\nb".into()]).is_err());
        assert!(matters_to(&vec!["x".to_owned(); 1]).is_ok());
        let many: Vec<String> = (0..=MAX_LINKS).map(|i| format!("team {i}")).collect();
        assert!(matters_to(&many).is_err());
        assert_eq!(long_text("view", "  two\nlines \n").unwrap(), "two\nlines");
        assert!(long_text("view", "a\0b").is_err());
    }

    #[test]
    fn cadence_is_bounded() {
        assert!(cadence_days(Some(0)).is_err());
        assert!(cadence_days(Some(400)).is_err());
        assert_eq!(cadence_days(Some(14)).unwrap(), Some(14));
    }
}
