//! What the CLI reads besides its arguments: secrets from the terminal or standard input,
//! entry text from standard input, and dates.

use std::io::{BufRead, IsTerminal, Read};

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};
use rapport_core::{PartnerId, Vault};
use zeroize::Zeroizing;

use crate::Failure;

/// The next line of standard input without its line ending (for secrets). Standard input is
/// buffered process-wide, so a later [`read_rest`] continues after this line.
pub fn read_secret_line(what: &str) -> Result<Zeroizing<String>, Failure> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        Failure::Usage(format!(
            "could not read the {what} from standard input: {e}"
        ))
    })?;
    let trimmed = line.trim_end_matches(['\n', '\r']);
    if trimmed.is_empty() {
        return Err(Failure::Usage(format!("no {what} on standard input")));
    }
    Ok(Zeroizing::new(trimmed.to_owned()))
}

/// Everything left on standard input (for entry text given as "-").
pub fn read_rest() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .read_to_string(&mut text)
        .map_err(|e| Failure::Usage(format!("could not read the text from standard input: {e}")))?;
    Ok(text)
}

/// Asks for a secret on the terminal without echoing it.
pub fn prompt_secret(prompt: &str) -> Result<Zeroizing<String>, Failure> {
    if !std::io::stdin().is_terminal() && !std::io::stderr().is_terminal() {
        return Err(Failure::Locked(
            "this needs a passphrase: run it in a terminal or pass --passphrase-stdin".into(),
        ));
    }
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|e| {
            Failure::Locked(format!(
                "could not read the passphrase from the terminal: {e}"
            ))
        })
}

/// Entry text from the arguments: the words joined by spaces, or standard input for "-".
pub fn text_from_args(words: &[String]) -> Result<String, Failure> {
    if words.len() == 1 && words[0] == "-" {
        read_rest()
    } else {
        Ok(words.join(" "))
    }
}

pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::Usage(format!("invalid {field}: expected a date like 2025-03-31")))
}

/// The first instant of a local day, or an RFC 3339 instant.
pub fn parse_since(text: &str) -> Result<DateTime<Utc>, Failure> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let day = parse_date("--since", text)?;
    start_of_local_day(day)
}

/// The first instant after a local day (so the day is included), or an RFC 3339 instant.
pub fn parse_until(text: &str) -> Result<DateTime<Utc>, Failure> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let day = parse_date("--until", text)?;
    start_of_local_day(day + Duration::days(1))
}

fn start_of_local_day(day: NaiveDate) -> Result<DateTime<Utc>, Failure> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(midnight + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Failure::Usage("that date does not exist in the local time zone".into()))
}

/// A meeting time: RFC 3339, or "YYYY-MM-DD HH:MM" / "YYYY-MM-DDTHH:MM" in local time.
pub fn parse_datetime(text: &str) -> Result<DateTime<Utc>, Failure> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            Failure::Usage("invalid --at: expected a time like \"2025-03-31 14:30\"".into())
        })?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Failure::Usage("that time does not exist in the local time zone".into()))
}

/// `--date` of a note: a day ("2008-03-14", at noon local time, so that the day stays the same
/// in any nearby time zone) or a time as `parse_datetime` reads it.
pub fn parse_day_or_time(text: &str) -> Result<DateTime<Utc>, Failure> {
    let trimmed = text.trim();
    if let Ok(day) = chrono::NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Local
            .from_local_datetime(&day.and_hms_opt(12, 0, 0).unwrap_or_default())
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| Failure::Usage("that day has no noon in the local time zone".into()));
    }
    parse_datetime(trimmed).map_err(|_| {
        Failure::Usage(
            "invalid --date: expected a day like \"2008-03-14\" or a time like \"2008-03-14 09:30\""
                .into(),
        )
    })
}

pub(crate) fn partner_ids(vault: &Vault, names: &[String]) -> Result<Vec<PartnerId>, Failure> {
    names
        .iter()
        .map(|n| vault.find_partner(n).map_err(Failure::from))
        .collect()
}

pub(crate) fn parse_optional_date(
    field: &str,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    text.map(|t| parse_date(field, t)).transpose()
}

/// Today in the local time zone: what is overdue is counted from it.
pub(crate) fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}
