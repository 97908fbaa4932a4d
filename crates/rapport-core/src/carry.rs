//! What a new meeting's agenda carries forward, rule by rule. Preparing a meeting
//! (`Vault::create_meeting`) carries, each labelled with where it came from, everything still
//! open with its partners:
//! - open action items from their earlier meetings, whoever owns them (`open_actions`);
//! - open decisions whose decide-again date is on or before the meeting's day, and open
//!   decisions with no date that are not agreed yet: they are still being decided
//!   (`decisions_due`);
//! - agenda items left open or parked, judged by their latest appearance: discussed there, they
//!   are done; sitting in a planned meeting, they wait there (it has not happened yet); open or
//!   parked in a held or cancelled one, or in a planned one whose time has passed (lapsed,
//!   `calendar.rs`), they carry on (`unfinished_agenda_items`);
//! - entries linked to a partner written since the last meeting held with them, up to the new
//!   meeting's time (`entries_since_last_held`).
//!
//! Nothing is carried twice: a source appears at most once per agenda (a unique index), and a
//! source already waiting in another planned meeting is left there, unless that meeting has
//! lapsed (`waiting_elsewhere`).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::entries::preview;
use crate::error::Result;
use crate::ids::MeetingId;
use crate::partners::PartnerId;
use crate::templates::TemplateSection;
use crate::time::{from_millis, local_day, to_millis};

/// The section carried items go into, first on every agenda.
pub const CARRIED_SECTION: &str = "Carried forward";

/// A thing that could be carried: its kind and id in `agenda_items.source_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    Agenda(i64),
    Action(i64),
    Decision(i64),
    Entry(i64),
}

impl Source {
    pub(crate) fn kind(self) -> &'static str {
        match self {
            Source::Agenda(_) => "agenda",
            Source::Action(_) => "action",
            Source::Decision(_) => "decision",
            Source::Entry(_) => "entry",
        }
    }

    pub(crate) fn id(self) -> i64 {
        match self {
            Source::Agenda(id) | Source::Action(id) | Source::Decision(id) | Source::Entry(id) => {
                id
            }
        }
    }
}

/// One item to carry into a new agenda.
pub(crate) struct CarryCandidate {
    pub source: Source,
    pub section: String,
    pub text: String,
    pub from: DateTime<Utc>,
}

/// Sources already waiting in a planned meeting other than `except` whose time has not passed
/// by `now` (a lapsed one holds nothing back: `calendar.rs`).
pub(crate) fn waiting_elsewhere(
    conn: &Connection,
    except: i64,
    now: DateTime<Utc>,
) -> Result<HashSet<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ai.source_kind, ai.source_id FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
         WHERE m.status = 'planned' AND m.at >= ?2 AND m.id <> ?1 AND ai.source_kind <> 'own'",
    )?;
    let waiting = stmt
        .query_map(params![except, to_millis(now)], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(waiting)
}

/// Everything still open with `partners`, as of a meeting at `at` (the new meeting `new`), rule
/// by rule in the order an agenda shows them.
pub(crate) fn carry_candidates(
    conn: &Connection,
    new: MeetingId,
    partners: &[PartnerId],
    at: DateTime<Utc>,
    sections: &[TemplateSection],
    now: DateTime<Utc>,
) -> Result<Vec<CarryCandidate>> {
    let earlier = meetings_with(partners, new);
    let mut candidates = open_actions(conn, &earlier)?;
    candidates.extend(decisions_due(conn, &earlier, local_day(at))?);
    candidates.extend(unfinished_agenda_items(conn, &earlier, sections, now)?);
    candidates.extend(entries_since_last_held(conn, new, partners, at)?);
    Ok(candidates)
}

/// SQL for the ids of every other meeting any of `partners` was in.
fn meetings_with(partners: &[PartnerId], new: MeetingId) -> String {
    let ids: Vec<String> = partners.iter().map(|p| p.0.to_string()).collect();
    // Partner ids are integers we looked up ourselves, so they are safe to inline.
    format!(
        "SELECT DISTINCT meeting_id FROM meeting_partners WHERE partner_id IN ({}) AND meeting_id <> {}",
        ids.join(","),
        new.0
    )
}

/// Rows of (id, text, instant in UTC milliseconds).
fn id_text_at(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, i64)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
}

/// Open action items from the meetings in `earlier`, whoever owns them.
fn open_actions(conn: &Connection, earlier: &str) -> Result<Vec<CarryCandidate>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.text, m.at FROM action_items a JOIN meetings m ON m.id = a.origin_meeting_id
         WHERE a.done_at IS NULL AND a.origin_meeting_id IN ({earlier})
         ORDER BY m.at, a.id"
    ))?;
    let rows = stmt.query_map([], id_text_at)?;
    rows.map(|row| {
        let (id, text, from) = row?;
        Ok(CarryCandidate {
            source: Source::Action(id),
            section: CARRIED_SECTION.into(),
            text,
            from: from_millis(from),
        })
    })
    .collect()
}

/// Open decisions to decide again by `day`, and those not agreed yet that have no date.
fn decisions_due(
    conn: &Connection,
    earlier: &str,
    day: chrono::NaiveDate,
) -> Result<Vec<CarryCandidate>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT d.id, d.text, m.at FROM decisions d JOIN meetings m ON m.id = d.origin_meeting_id
         WHERE d.closed_at IS NULL AND d.origin_meeting_id IN ({earlier})
           AND ((d.revisit_on IS NOT NULL AND d.revisit_on <= ?1) OR (d.revisit_on IS NULL AND d.agreed = 0))
         ORDER BY m.at, d.id"
    ))?;
    let rows = stmt.query_map([day.to_string()], id_text_at)?;
    rows.map(|row| {
        let (id, text, from) = row?;
        Ok(CarryCandidate {
            source: Source::Decision(id),
            section: CARRIED_SECTION.into(),
            text,
            from: from_millis(from),
        })
    })
    .collect()
}

/// Agenda items judged by their latest appearance: carried unless discussed there or waiting in
/// a planned meeting whose time has not passed by `now`. Carried copies of actions,
/// decisions and entries are views of those, not agenda items of their own. An item keeps its
/// section when the new agenda has one of that name.
fn unfinished_agenda_items(
    conn: &Connection,
    earlier: &str,
    sections: &[TemplateSection],
    now: DateTime<Utc>,
) -> Result<Vec<CarryCandidate>> {
    let now = to_millis(now);
    let mut stmt = conn.prepare(&format!(
        "SELECT CASE ai.source_kind WHEN 'own' THEN ai.id ELSE ai.source_id END AS root,
                ai.state, ai.section, ai.text, m.at, m.status, ai.id
         FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
         WHERE ai.source_kind IN ('own', 'agenda') AND ai.meeting_id IN ({earlier})
         ORDER BY m.at, ai.id"
    ))?;
    let mut latest: BTreeMap<i64, (String, String, String, i64, String)> = BTreeMap::new();
    for row in stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, i64>(4)?,
            row.get::<_, String>(5)?,
        ))
    })? {
        let (root, state, section, text, meeting_at, status) = row?;
        // Rows come oldest first, so the last one written for a root is its latest appearance.
        latest.insert(root, (state, section, text, meeting_at, status));
    }
    let titles: HashSet<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    Ok(latest
        .into_iter()
        .filter(|(_, (state, _, _, meeting_at, status))| {
            state != "discussed" && !(status == "planned" && *meeting_at >= now)
        })
        .map(|(root, (_, section, text, meeting_at, _))| CarryCandidate {
            source: Source::Agenda(root),
            section: if titles.contains(section.as_str()) {
                section
            } else {
                CARRIED_SECTION.into()
            },
            text,
            from: from_millis(meeting_at),
        })
        .collect())
}

/// Entries linked to each partner, out of the trash, written after the last meeting held with
/// that partner and not after `at` (at most 100 a partner).
fn entries_since_last_held(
    conn: &Connection,
    new: MeetingId,
    partners: &[PartnerId],
    at: DateTime<Utc>,
) -> Result<Vec<CarryCandidate>> {
    let mut candidates = Vec::new();
    for partner in partners {
        let last_held: Option<i64> = conn.query_row(
            "SELECT max(m.at) FROM meeting_partners mp JOIN meetings m ON m.id = mp.meeting_id
                 WHERE mp.partner_id = ?1 AND m.status = 'held' AND m.id <> ?2",
            params![partner.0, new.0],
            |row| row.get(0),
        )?;
        let mut stmt = conn.prepare_cached(
            "SELECT e.id, e.body, e.created_at FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
             WHERE ep.partner_id = ?1 AND e.deleted_at IS NULL
               AND ep.entry_created_at > ?2 AND ep.entry_created_at <= ?3
             ORDER BY ep.entry_created_at, ep.entry_id LIMIT 100",
        )?;
        let rows = stmt.query_map(
            params![partner.0, last_held.unwrap_or(i64::MIN), to_millis(at)],
            id_text_at,
        )?;
        for row in rows {
            let (id, body, created) = row?;
            candidates.push(CarryCandidate {
                source: Source::Entry(id),
                section: CARRIED_SECTION.into(),
                text: preview(&body, 200),
                from: from_millis(created),
            });
        }
    }
    Ok(candidates)
}

#[cfg(test)]
mod tests {
    //! One test per rule, on a real vault: what each carries, and what it leaves.

    use chrono::{NaiveDate, TimeZone};
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::*;
    use crate::actions::Owner;
    use crate::meetings::{AgendaState, MeetingStatus, NewMeeting};
    use crate::partners::NewPartner;
    use crate::vault::{NewProtection, Vault};
    use crate::NewEntry;

    struct Setup {
        _dir: tempfile::TempDir,
        vault: Vault,
        ada: PartnerId,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, _) = Vault::create(
            &dir.path().join("v"),
            NewProtection::Passphrase("correct horse battery"),
            &mut StdRng::seed_from_u64(9),
        )
        .unwrap();
        let ada = vault
            .add_partner(NewPartner::named("Ada"), day(1))
            .unwrap()
            .id;
        Setup {
            _dir: dir,
            vault,
            ada,
        }
    }

    /// 10:00 UTC on a day of March 2025: far enough apart that the local day is that day too.
    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, d, 10, 0, 0).unwrap()
    }

    fn meeting(s: &mut Setup, d: u32, status: MeetingStatus) -> MeetingId {
        let id = s
            .vault
            .create_meeting(
                NewMeeting {
                    partners: vec![s.ada],
                    at: day(d),
                    template: None,
                    signals: None,
                    purpose: String::new(),
                    minutes: None,
                },
                day(d),
            )
            .unwrap()
            .id;
        s.vault.set_meeting_status(id, status, day(d)).unwrap();
        id
    }

    /// What the rules would carry into a meeting on day `d` that is not there yet.
    fn earlier(s: &Setup) -> String {
        meetings_with(&[s.ada], MeetingId(i64::MAX))
    }

    fn texts(candidates: &[CarryCandidate]) -> Vec<&str> {
        candidates.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn open_actions_are_carried_whoever_owns_them_done_ones_are_not() {
        let mut s = setup();
        let m = meeting(&mut s, 1, MeetingStatus::Held);
        for (owner, text) in [
            (Owner::Me, "mine"),
            (Owner::Them, "theirs"),
            (Owner::Both, "ours"),
        ] {
            s.vault.add_action(m, owner, None, text, day(1)).unwrap();
        }
        let done = s
            .vault
            .add_action(m, Owner::Me, None, "done", day(1))
            .unwrap();
        s.vault.complete_action(done.id, day(2)).unwrap();
        let carried = open_actions(&s.vault.conn, &earlier(&s)).unwrap();
        assert_eq!(texts(&carried), ["mine", "theirs", "ours"]);
        assert!(carried
            .iter()
            .all(|c| c.section == CARRIED_SECTION && c.from == day(1)));
    }

    #[test]
    fn decisions_due_by_the_day_or_still_undecided_are_carried() {
        let mut s = setup();
        let m = meeting(&mut s, 1, MeetingStatus::Held);
        let date = |d| NaiveDate::from_ymd_opt(2025, 3, d);
        s.vault
            .add_decision(m, true, date(10), "due on the day", day(1))
            .unwrap();
        s.vault
            .add_decision(m, true, date(5), "overdue", day(1))
            .unwrap();
        s.vault
            .add_decision(m, true, date(20), "due later", day(1))
            .unwrap();
        s.vault
            .add_decision(m, false, None, "undecided, no date", day(1))
            .unwrap();
        s.vault
            .add_decision(m, true, None, "agreed, no date", day(1))
            .unwrap();
        let settled = s
            .vault
            .add_decision(m, false, date(5), "settled", day(1))
            .unwrap();
        s.vault
            .revisit_decision(settled.id, true, None, day(3))
            .unwrap();
        let carried = decisions_due(&s.vault.conn, &earlier(&s), date(10).unwrap()).unwrap();
        assert_eq!(
            texts(&carried),
            ["due on the day", "overdue", "undecided, no date"]
        );
    }

    #[test]
    fn agenda_items_are_judged_by_their_latest_appearance() {
        let mut s = setup();
        let first = meeting(&mut s, 1, MeetingStatus::Planned);
        let parked = s.vault.add_agenda_item(first, "Options", "parked").unwrap();
        s.vault
            .add_agenda_item(first, "Odd section", "left open")
            .unwrap();
        let discussed = s
            .vault
            .add_agenda_item(first, "Options", "discussed")
            .unwrap();
        s.vault
            .set_agenda_state(parked, AgendaState::Parked)
            .unwrap();
        s.vault
            .set_agenda_state(discussed, AgendaState::Discussed)
            .unwrap();
        let sections = [TemplateSection {
            title: "Options".into(),
            prompt: String::new(),
        }];
        // As of day 1: no meeting's time has passed yet.
        let carried_on = |s: &Setup, d: u32| {
            unfinished_agenda_items(&s.vault.conn, &earlier(s), &sections, day(d)).unwrap()
        };
        let carried = |s: &Setup| carried_on(s, 1);
        // Not judged while its meeting is only planned.
        assert!(carried(&s).is_empty());
        s.vault
            .set_meeting_status(first, MeetingStatus::Held, day(1))
            .unwrap();
        let now = carried(&s);
        assert_eq!(texts(&now), ["parked", "left open"]);
        // A section the new agenda has is kept; another goes under "Carried forward".
        assert_eq!(now[0].section, "Options");
        assert_eq!(now[1].section, CARRIED_SECTION);

        // Carried into a planned meeting, they wait there...
        let second = meeting(&mut s, 3, MeetingStatus::Planned);
        assert!(carried(&s).is_empty());
        // ...until its time has passed without it being marked held: it lapsed, they carry on.
        assert_eq!(texts(&carried_on(&s, 4)), ["parked", "left open"]);
        // Discussed there once it is held, "parked" is done; "left open" goes on.
        let agenda = s.vault.meeting(second).unwrap().agenda;
        let copy = agenda.iter().find(|i| i.text == "parked").unwrap().id;
        s.vault
            .set_agenda_state(copy, AgendaState::Discussed)
            .unwrap();
        s.vault
            .set_meeting_status(second, MeetingStatus::Held, day(3))
            .unwrap();
        assert_eq!(texts(&carried(&s)), ["left open"]);
    }

    #[test]
    fn entries_since_the_last_held_meeting_are_carried_up_to_the_new_ones_time() {
        let mut s = setup();
        let note = |s: &mut Setup, d: u32, text: &str| {
            s.vault
                .add_entry(
                    NewEntry {
                        partners: vec![s.ada],
                        created_at: Some(day(d)),
                        ..NewEntry::note(text)
                    },
                    day(d),
                )
                .unwrap()
        };
        note(&mut s, 1, "before the last meeting");
        meeting(&mut s, 2, MeetingStatus::Held);
        meeting(&mut s, 3, MeetingStatus::Cancelled);
        note(&mut s, 4, "since then");
        let trashed = note(&mut s, 5, "in the trash");
        s.vault.trash_entry(trashed.id, day(5)).unwrap();
        note(&mut s, 20, "after the new meeting");
        let carried =
            entries_since_last_held(&s.vault.conn, MeetingId(i64::MAX), &[s.ada], day(10)).unwrap();
        assert_eq!(texts(&carried), ["since then"]);
    }

    #[test]
    fn what_waits_in_another_planned_meeting_is_left_there_until_that_meeting_lapses() {
        let mut s = setup();
        let held = meeting(&mut s, 1, MeetingStatus::Held);
        let action = s
            .vault
            .add_action(held, Owner::Me, None, "send it", day(1))
            .unwrap();
        let planned = meeting(&mut s, 2, MeetingStatus::Planned);
        let waiting = waiting_elsewhere(&s.vault.conn, i64::MAX, day(1)).unwrap();
        assert!(waiting.contains(&("action".to_owned(), action.id.0)));
        assert!(waiting_elsewhere(&s.vault.conn, planned.0, day(1))
            .unwrap()
            .is_empty());
        // Once its time has passed, the planned meeting holds nothing back.
        assert!(waiting_elsewhere(&s.vault.conn, i64::MAX, day(3))
            .unwrap()
            .is_empty());
    }
}
