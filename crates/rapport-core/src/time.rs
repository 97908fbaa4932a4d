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

/// What to add to a stored instant (UTC milliseconds) so that SQLite's `strftime('%Y', …)`
/// without `'localtime'` gives the local year: the local zone's offset at a new year's midnight.
/// It is the same for every year of a zone (no zone moves its clocks on 1 January), and reading
/// it once spares SQLite a call into the C library's `localtime` per row, which grouped reads of
/// thousands of rows feel.
pub(crate) fn new_year_offset_millis() -> i64 {
    use chrono::{NaiveDateTime, Offset, TimeZone};
    let midnight = NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MIN);
    Local
        .offset_from_local_datetime(&midnight)
        .earliest()
        .map_or(0, |offset| i64::from(offset.fix().local_minus_utc()) * 1000)
}
