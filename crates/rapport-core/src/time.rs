//! Conversions between stored instants (UTC milliseconds) and chrono types.

use chrono::{DateTime, Local, NaiveDate, Utc};

pub(crate) fn to_millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub(crate) fn from_millis(millis: i64) -> DateTime<Utc> {
    // Stored values were written by `to_millis`, so they are always in chrono's range.
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// The day an instant falls on in the local time zone (what "due by" and "overdue" mean).
pub(crate) fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// The instant (UTC milliseconds) local midnight of 1 January `year` falls on, in the local time
/// zone's rules for that year (a zone's offset can change over the years).
pub(crate) fn new_year_millis(year: i32) -> Option<i64> {
    let midnight = NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?;
    midnight
        .and_local_timezone(Local)
        .earliest()
        // A midnight skipped by a change of clocks: the year begins at the first instant after.
        .or_else(|| {
            (midnight + chrono::Duration::hours(1))
                .and_local_timezone(Local)
                .earliest()
        })
        .map(|at| to_millis(at.with_timezone(&Utc)))
}

/// SQL for the local year of the instant column `column` (UTC milliseconds) for instants from
/// the start of `from` to the end of `to`: each year's own local new-year boundary, computed
/// here, so SQLite makes no call into the C library's `localtime` per row, which grouped reads of
/// thousands of rows feel. An instant outside the range gets the year of its UTC day.
pub(crate) fn local_year_sql(column: &str, from: i32, to: i32) -> String {
    let mut sql = String::from("CASE");
    for year in from..=to {
        if let Some(end) = new_year_millis(year + 1) {
            if year == from {
                if let Some(start) = new_year_millis(from) {
                    sql.push_str(&format!(
                        " WHEN {column} < {start} THEN CAST(strftime('%Y', {column} / 1000, 'unixepoch') AS INTEGER)"
                    ));
                }
            }
            sql.push_str(&format!(" WHEN {column} < {end} THEN {year}"));
        }
    }
    sql.push_str(&format!(
        " ELSE CAST(strftime('%Y', {column} / 1000, 'unixepoch') AS INTEGER) END"
    ));
    sql
}
