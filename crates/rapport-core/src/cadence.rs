//! Cadence and balance: when you last met each partner, whether you owe them a conversation,
//! how often you really meet, and whose open actions outnumber whose.

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::actions::{ActionFilter, ActionItem, Decision, DecisionFilter};
use crate::error::Result;
use crate::meetings::MeetingSummary;
use crate::partners::{Partner, PartnerId, PartnerRef};
use crate::pauses::{self, Pause};
use crate::time::{from_millis, local_day, to_millis};
use crate::vault::Vault;

/// Where a partnership stands against its intended cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceState {
    /// No intended cadence.
    Untracked,
    /// A meeting is planned.
    Scheduled,
    /// Met recently enough.
    Fine,
    /// Due within two days, or never met.
    Due,
    /// Past the intended cadence.
    Overdue,
    /// Paused today (a leave, a sabbatical, a re-org): neither due nor overdue.
    Paused,
}

/// Held meetings in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`, local.
    pub month: String,
    pub held: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    pub partner: PartnerRef,
    pub intended_days: Option<u32>,
    pub last_held: Option<DateTime<Utc>>,
    pub next_planned: Option<DateTime<Utc>>,
    /// The day the next meeting is due by the intended cadence: a cadence after the last
    /// meeting, or after the end of a pause since, whichever is later.
    pub due_on: Option<NaiveDate>,
    pub state: CadenceState,
    /// The pause that holds today, if any.
    pub paused: Option<Pause>,
    /// Held meetings per month over the last twelve months, oldest first.
    pub per_month: Vec<MonthCount>,
    /// Open action items that are mine (owner me or both).
    pub open_mine: u64,
    /// Open action items that are theirs (owner them or both).
    pub open_theirs: u64,
    /// The pulses of their latest meetings that have one, oldest first (at most 12).
    pub pulse: Vec<PulsePoint>,
}

/// The pulse of one meeting ("how are we doing?", 1 to 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulsePoint {
    pub at: DateTime<Utc>,
    pub pulse: u8,
}

/// How many of a partner's latest pulses the cadence carries.
const PULSE_POINTS: u32 = 12;

/// What needs attention now: the home view and `rapport due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// Partners due or overdue for a conversation, most overdue first.
    pub partners: Vec<Cadence>,
    pub overdue_actions: Vec<ActionItem>,
    pub decisions_to_revisit: Vec<Decision>,
    /// Open peer problems whose decide-again date has come.
    pub problems_to_revisit: Vec<crate::problems::Problem>,
    /// Planned meetings from now on, soonest first.
    pub next_meetings: Vec<MeetingSummary>,
    /// Planned meetings whose time has passed, never marked held or cancelled: did they happen?
    /// Newest first (`calendar.rs`).
    pub lapsed_meetings: Vec<MeetingSummary>,
}

/// Days before the due date from which a partnership counts as due.
const DUE_WINDOW_DAYS: i64 = 2;

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

impl Vault {
    pub fn cadence(&self, partner: PartnerId, now: DateTime<Utc>) -> Result<Cadence> {
        self.cadence_of(self.partner(partner)?, now)
    }

    /// [`Vault::cadence`] for a partner already read (`due` has the whole list at hand).
    fn cadence_of(&self, details: Partner, now: DateTime<Utc>) -> Result<Cadence> {
        let partner = details.id;
        let today = now.with_timezone(&Local).date_naive();
        let last_held: Option<i64> = self.conn.query_row(
            "SELECT max(mp.meeting_at) FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
             WHERE mp.partner_id = ?1 AND m.status = 'held'",
            [partner.0],
            |row| row.get(0),
        )?;
        let next_planned: Option<i64> = self.conn.query_row(
            "SELECT min(mp.meeting_at) FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
             WHERE mp.partner_id = ?1 AND m.status = 'planned' AND mp.meeting_at >= ?2",
            params![partner.0, to_millis(now)],
            |row| row.get(0),
        )?;
        let last_held = last_held.map(from_millis);
        let next_planned = next_planned.map(from_millis);
        // Read here: a partner from a list carries no pauses.
        let pauses = pauses::read_known(&self.conn, partner)?;
        let paused = pauses.iter().find(|pause| pause.holds_on(today)).cloned();
        // The cadence counts from the last meeting, or from the end of a pause since.
        let last_met = last_held.map(local_day);
        let resumed = pauses
            .iter()
            .filter_map(|pause| pause.ended)
            .filter(|ended| *ended <= today && last_met.is_none_or(|met| *ended > met))
            .max();
        let due_on = match (details.cadence_days, last_met.max(resumed)) {
            (Some(days), Some(from)) => Some(from + Duration::days(i64::from(days))),
            (Some(_), None) => Some(today),
            _ => None,
        };
        let state = match (details.cadence_days, due_on) {
            (None, _) | (_, None) => CadenceState::Untracked,
            _ if next_planned.is_some() => CadenceState::Scheduled,
            _ if paused.is_some() => CadenceState::Paused,
            (Some(_), Some(due)) if today > due => CadenceState::Overdue,
            (Some(_), Some(due)) if today + Duration::days(DUE_WINDOW_DAYS) >= due => {
                CadenceState::Due
            }
            _ => CadenceState::Fine,
        };

        let first_month = {
            let start = today - Duration::days(365);
            NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start)
        };
        let mut per_month: Vec<MonthCount> = Vec::new();
        let mut month = first_month;
        while month <= today {
            per_month.push(MonthCount {
                month: month_key(month),
                held: 0,
            });
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(today + Duration::days(1));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT mp.meeting_at FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
             WHERE mp.partner_id = ?1 AND m.status = 'held' AND mp.meeting_at >= ?2",
        )?;
        let since = first_month
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(Local).earliest())
            .map(|t| to_millis(t.with_timezone(&Utc)))
            .unwrap_or(0);
        for at in stmt.query_map(params![partner.0, since], |row| row.get::<_, i64>(0))? {
            let key = month_key(from_millis(at?).with_timezone(&Local).date_naive());
            if let Some(slot) = per_month.iter_mut().find(|m| m.month == key) {
                slot.held += 1;
            }
        }

        let count = |owners: &str| -> Result<u64> {
            let n: i64 = self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM action_items a JOIN meeting_partners mp ON mp.meeting_id = a.origin_meeting_id
                     WHERE mp.partner_id = ?1 AND a.done_at IS NULL AND a.owner IN ({owners})"
                ),
                [partner.0],
                |row| row.get(0),
            )?;
            Ok(n as u64)
        };
        Ok(Cadence {
            partner: PartnerRef {
                id: details.id,
                name: details.name,
            },
            intended_days: details.cadence_days,
            last_held,
            next_planned,
            due_on,
            state,
            paused,
            per_month,
            open_mine: count("'me', 'both'")?,
            open_theirs: count("'them', 'both'")?,
            pulse: self.pulse_points(partner)?,
        })
    }

    /// The pulses of `partner`'s latest meetings that have one, oldest first.
    fn pulse_points(&self, partner: PartnerId) -> Result<Vec<PulsePoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mp.meeting_at, m.pulse FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
             WHERE mp.partner_id = ?1 AND m.pulse IS NOT NULL
             ORDER BY mp.meeting_at DESC LIMIT ?2",
        )?;
        let mut points = stmt
            .query_map(params![partner.0, PULSE_POINTS], |row| {
                Ok(PulsePoint {
                    at: from_millis(row.get(0)?),
                    pulse: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        points.reverse();
        Ok(points)
    }

    /// What needs attention now.
    pub fn due(&self, now: DateTime<Utc>) -> Result<Due> {
        let today = now.with_timezone(&Local).date_naive();
        let mut partners = Vec::new();
        for partner in self.list_partners(false)? {
            if partner.cadence_days.is_none() {
                continue;
            }
            let cadence = self.cadence_of(partner, now)?;
            if matches!(cadence.state, CadenceState::Due | CadenceState::Overdue) {
                partners.push(cadence);
            }
        }
        partners.sort_by_key(|c| (c.due_on, c.partner.name.to_lowercase()));
        let next_meetings = self.upcoming_meetings(now, 10)?;
        Ok(Due {
            partners,
            overdue_actions: self.list_actions(&ActionFilter {
                overdue_on: Some(today),
                ..ActionFilter::default()
            })?,
            decisions_to_revisit: self.list_decisions(&DecisionFilter {
                revisit_by: Some(today),
                ..DecisionFilter::default()
            })?,
            problems_to_revisit: self.problems_to_revisit(today)?,
            next_meetings,
            lapsed_meetings: self.lapsed_meetings(now, 20)?,
        })
    }
}

/// A desktop reminder to show. Its text names no person and quotes nothing: notifications leave
/// the encrypted vault (the desktop may log them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Stable across calls, so a reminder is shown once.
    pub key: String,
    pub text: String,
}

/// A reminder to show at a time to come, kept by the app in memory while the vault is locked.
/// Like every reminder, its text names no person and quotes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledReminder {
    /// The same key `Vault::reminders` gives it on the day, so it is shown once either way.
    pub key: String,
    pub text: String,
    /// When to show it.
    pub at: DateTime<Utc>,
}

/// The key of a meeting's reminder: the meeting and its time (a moved meeting reminds again).
fn meeting_key(meeting: &MeetingSummary) -> String {
    format!("meeting:{}:{}", meeting.id, to_millis(meeting.at))
}

/// The reminder of `day` for `count` decisions up to decide again by then.
fn decisions_reminder(day: NaiveDate, count: usize) -> Reminder {
    Reminder {
        key: format!("decisions:{day}:{count}"),
        text: match count {
            1 => "A decision is up to decide again today.".into(),
            n => format!("{n} decisions are up to decide again."),
        },
    }
}

/// The reminder of `day` for `count` peer problems up to decide again by then.
fn problems_reminder(day: NaiveDate, count: usize) -> Reminder {
    Reminder {
        key: format!("problems:{day}:{count}"),
        text: match count {
            1 => "A peer problem is up to decide again today.".into(),
            n => format!("{n} peer problems are up to decide again."),
        },
    }
}

/// The local hour at which a day's "decide again" reminder is shown while the vault is locked.
const DAY_REMINDER_HOUR: u32 = 9;

/// `day` at `DAY_REMINDER_HOUR`, local time, in UTC (a day whose hour is skipped by a daylight
/// saving change falls back to the day's start as UTC).
fn day_reminder_at(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_hms_opt(DAY_REMINDER_HOUR, 0, 0).unwrap_or_default();
    local
        .and_local_timezone(Local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

impl Vault {
    /// The reminders of the coming `horizon` with the time to show each: meetings `lead` before
    /// they start, decisions and problems on their decide-again day. The app keeps them in memory
    /// when the vault locks, so that they still come; none names anyone.
    pub fn reminder_schedule(
        &self,
        now: DateTime<Utc>,
        lead: Duration,
        horizon: Duration,
    ) -> Result<Vec<ScheduledReminder>> {
        let today = now.with_timezone(&Local).date_naive();
        let last_day = (now + horizon).with_timezone(&Local).date_naive();
        let mut schedule = Vec::new();
        for meeting in self.upcoming_meetings(now, 100)? {
            if meeting.at > now + horizon {
                break;
            }
            let starts = meeting.at.with_timezone(&Local).format("%H:%M");
            schedule.push(ScheduledReminder {
                key: meeting_key(&meeting),
                text: format!("A meeting starts at {starts}. Its agenda is ready in Rapport."),
                at: (meeting.at - lead).max(now),
            });
        }
        // Per day: how many are up to decide again by then, as `reminders` counts them that day.
        let decisions: Vec<NaiveDate> = self
            .list_decisions(&DecisionFilter {
                revisit_by: Some(last_day),
                ..DecisionFilter::default()
            })?
            .into_iter()
            .filter_map(|d| d.revisit_on)
            .collect();
        let problems: Vec<NaiveDate> = self
            .problems_to_revisit(last_day)?
            .into_iter()
            .filter_map(|p| p.decide_again_on)
            .collect();
        let mut day = today;
        while day <= last_day {
            let at = day_reminder_at(day).max(now);
            let decided = decisions.iter().filter(|d| **d <= day).count();
            if decided > 0 && (day == today || decisions.contains(&day)) {
                let Reminder { key, text } = decisions_reminder(day, decided);
                schedule.push(ScheduledReminder { key, text, at });
            }
            let revisited = problems.iter().filter(|d| **d <= day).count();
            if revisited > 0 && (day == today || problems.contains(&day)) {
                let Reminder { key, text } = problems_reminder(day, revisited);
                schedule.push(ScheduledReminder { key, text, at });
            }
            day = day.succ_opt().unwrap_or(last_day + Duration::days(1));
        }
        schedule.sort_by_key(|r| r.at);
        Ok(schedule)
    }

    /// Reminders due at `now`: meetings starting within `lead`, and decisions and problems whose
    /// decide-again date is today or past.
    pub fn reminders(&self, now: DateTime<Utc>, lead: Duration) -> Result<Vec<Reminder>> {
        let today = now.with_timezone(&Local).date_naive();
        let mut reminders = Vec::new();
        for meeting in self.upcoming_meetings(now, 20)? {
            if meeting.at <= now + lead {
                let minutes = (meeting.at - now).num_minutes().max(0);
                reminders.push(Reminder {
                    key: meeting_key(&meeting),
                    text: if minutes == 0 {
                        "A meeting is starting now. Its agenda is ready in Rapport.".into()
                    } else {
                        format!(
                            "A meeting starts in {minutes} min. Its agenda is ready in Rapport."
                        )
                    },
                });
            }
        }
        let decisions = self.list_decisions(&DecisionFilter {
            revisit_by: Some(today),
            ..DecisionFilter::default()
        })?;
        if !decisions.is_empty() {
            reminders.push(decisions_reminder(today, decisions.len()));
        }
        let problems = self.problems_to_revisit(today)?;
        if !problems.is_empty() {
            reminders.push(problems_reminder(today, problems.len()));
        }
        Ok(reminders)
    }
}

/// The keys of the quarterly reminders to reflect begin with this (the app keeps them apart from
/// meeting reminders while locked).
pub const REFLECT_KEY: &str = "reflect:";

/// How long into a quarter the reminder to reflect is offered.
const REFLECT_DAYS: i64 = 14;

/// The first day of the quarter `day` falls in.
fn quarter_start(day: NaiveDate) -> NaiveDate {
    let month = (day.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}

/// The reminder to reflect in the quarter beginning `start`: keyed by the quarter, so it comes
/// once; it names no one.
fn reflect_reminder(start: NaiveDate) -> Reminder {
    Reminder {
        key: format!("{REFLECT_KEY}{}-Q{}", start.year(), start.month0() / 3 + 1),
        text: "A new quarter: a good moment to reflect on your working partnerships in Rapport."
            .into(),
    }
}

impl Vault {
    /// The quarterly reminder to reflect, when `now` is in the first two weeks of a quarter and
    /// no reflection has been written since it began; `None` otherwise. Optional: the app asks
    /// only when the person turned it on.
    pub fn reflection_reminder(&self, now: DateTime<Utc>) -> Result<Option<Reminder>> {
        let today = local_day(now);
        let start = quarter_start(today);
        if today - start >= Duration::days(REFLECT_DAYS) {
            return Ok(None);
        }
        let since = start
            .and_hms_opt(0, 0, 0)
            .and_then(|midnight| midnight.and_local_timezone(Local).earliest())
            .map_or(now, |at| at.with_timezone(&Utc));
        // This quarter's entries only, newest first from the timeline's index.
        let reflected: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM entries e INDEXED BY entries_timeline
                            WHERE e.deleted_at IS NULL AND e.created_at >= ?1 AND e.kind = 'reflection')",
            [to_millis(since)],
            |row| row.get(0),
        )?;
        Ok((!reflected).then(|| reflect_reminder(start)))
    }

    /// The next quarterly reminder to reflect within `horizon`, for the app to keep while the
    /// vault is locked: the first day of the next quarter, at the hour of the day's reminders.
    pub fn reflection_reminder_schedule(
        &self,
        now: DateTime<Utc>,
        horizon: Duration,
    ) -> Result<Option<ScheduledReminder>> {
        if let Some(Reminder { key, text }) = self.reflection_reminder(now)? {
            return Ok(Some(ScheduledReminder { key, text, at: now }));
        }
        let start = quarter_start(local_day(now));
        let next = start
            .checked_add_months(chrono::Months::new(3))
            .unwrap_or(start);
        let at = day_reminder_at(next);
        Ok((at > now && at <= now + horizon).then(|| {
            let Reminder { key, text } = reflect_reminder(next);
            ScheduledReminder { key, text, at }
        }))
    }
}
