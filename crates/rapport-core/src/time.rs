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
