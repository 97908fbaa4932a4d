//! Writing a peer problem's worksheet: both views, why it matters and to whom; the options with
//! each side's stake; the allies (partners or people) with their stance and next step; and the
//! times the agreement was presented to the managers.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::actions::Owner;
use crate::error::{Error, InputError, Result};
use crate::partners::{PartnerId, PartnerRef};
use crate::people::{PersonId, PersonRef};
use crate::problems::{
    Ally, AllyInput, AllyWho, NewPresentation, OptionEdit, Presentation, Problem, ProblemId, Stage,
    Stance, ViewsUpdate,
};
use crate::time::{from_millis, to_millis};
use crate::validate;
use crate::vault::Vault;

/// Most options, allies or presentations on one problem: a worksheet, not a database.
const MAX_PER_PROBLEM: i64 = 100;

impl Vault {
    /// Writes both views, why the problem matters and to whom. Fields left `None` stay.
    pub fn set_problem_views(
        &mut self,
        id: ProblemId,
        views: ViewsUpdate,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let my_view = views
            .my_view
            .map(|t| validate::long_text("my view", &t))
            .transpose()?;
        let their_view = views
            .their_view
            .map(|t| validate::long_text("their view", &t))
            .transpose()?;
        let why = views
            .why_it_matters
            .map(|t| validate::long_text("why it matters", &t))
            .transpose()?;
        let matters_to = views
            .matters_to
            .map(|list| validate::matters_to(&list))
            .transpose()?
            .map(|list| serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()));
        if my_view.is_none() && their_view.is_none() && why.is_none() && matters_to.is_none() {
            return Err(InputError::new("views", "say what to write").into());
        }
        self.problem(id)?;
        self.conn.execute(
            "UPDATE problems SET my_view = coalesce(?2, my_view), their_view = coalesce(?3, their_view),
                 why_it_matters = coalesce(?4, why_it_matters), matters_to = coalesce(?5, matters_to),
                 worksheet_at = ?6, updated_at = ?6
             WHERE id = ?1",
            params![id.0, my_view, their_view, why, matters_to, to_millis(now)],
        )?;
        self.problem(id)
    }

    pub fn add_problem_option(
        &mut self,
        id: ProblemId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let text = validate::short_text("option", text)?;
        self.problem(id)?;
        let tx = self.conn.transaction()?;
        let count: i64 = tx.query_row(
            "SELECT count(*) FROM problem_options WHERE problem_id = ?1",
            [id.0],
            |row| row.get(0),
        )?;
        if count >= MAX_PER_PROBLEM {
            return Err(InputError::new(
                "option",
                format!("a problem holds at most {MAX_PER_PROBLEM} options"),
            )
            .into());
        }
        tx.execute(
            "INSERT INTO problem_options (problem_id, text, created_at) VALUES (?1, ?2, ?3)",
            params![id.0, text, to_millis(now)],
        )?;
        tx.commit()?;
        self.touch_problem(id, now)
    }

    /// Changes an option's text or either side's stake.
    pub fn edit_problem_option(
        &mut self,
        id: ProblemId,
        option: i64,
        edit: OptionEdit,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let text = edit
            .text
            .map(|t| validate::short_text("option", &t))
            .transpose()?;
        let mine = edit
            .my_stake
            .map(|t| validate::long_text("my stake", &t))
            .transpose()?;
        let theirs = edit
            .their_stake
            .map(|t| validate::long_text("their stake", &t))
            .transpose()?;
        if text.is_none() && mine.is_none() && theirs.is_none() {
            return Err(InputError::new("option", "say what to change").into());
        }
        let changed = self.conn.execute(
            "UPDATE problem_options SET text = coalesce(?3, text), my_stake = coalesce(?4, my_stake),
                 their_stake = coalesce(?5, their_stake)
             WHERE problem_id = ?1 AND id = ?2",
            params![id.0, option, text, mine, theirs],
        )?;
        if changed == 0 {
            return Err(option_not_found());
        }
        self.touch_problem(id, now)
    }

    pub fn remove_problem_option(
        &mut self,
        id: ProblemId,
        option: i64,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let removed = self.conn.execute(
            "DELETE FROM problem_options WHERE problem_id = ?1 AND id = ?2",
            params![id.0, option],
        )?;
        if removed == 0 {
            return Err(option_not_found());
        }
        self.touch_problem(id, now)
    }

    /// Marks the option you agreed on (and no other).
    pub fn choose_problem_option(
        &mut self,
        id: ProblemId,
        option: i64,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let tx = self.conn.transaction()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM problem_options WHERE problem_id = ?1 AND id = ?2",
                params![id.0, option],
                |row| row.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(option_not_found());
        }
        tx.execute(
            "UPDATE problem_options SET chosen = (id = ?2) WHERE problem_id = ?1",
            params![id.0, option],
        )?;
        tx.commit()?;
        self.touch_problem(id, now)
    }

    /// Adds a peer whose agreement is needed, or changes where they stand, their next step or
    /// whose step it is. A partner you share the problem with is not their own ally.
    pub fn set_problem_ally(
        &mut self,
        id: ProblemId,
        ally: AllyInput,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let next_step = ally
            .next_step
            .map(|t| validate::optional_short_text("next step", Some(&t)))
            .transpose()?
            .map(Option::unwrap_or_default);
        let problem = self.problem(id)?;
        let (partner, person) = match ally.who {
            AllyWho::Partner(partner) => {
                self.partner(partner)?;
                if problem.shared_with.iter().any(|p| p.id == partner) {
                    return Err(InputError::new(
                        "ally",
                        "you share this problem with them: an ally is someone else",
                    )
                    .into());
                }
                (Some(partner.0), None)
            }
            AllyWho::Person(person) => {
                self.person(person)?;
                (None, Some(person.0))
            }
        };
        let tx = self.conn.transaction()?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM problem_allies WHERE problem_id = ?1
                   AND (partner_id = ?2 OR person_id = ?3)",
                params![id.0, partner, person],
                |row| row.get(0),
            )
            .optional()?;
        let stance = ally.stance.map(Stance::as_str);
        let owner = ally.owner.map(Owner::as_str);
        match existing {
            Some(ally_id) => {
                tx.execute(
                    "UPDATE problem_allies SET stance = coalesce(?2, stance),
                         next_step = coalesce(?3, next_step), owner = coalesce(?4, owner)
                     WHERE id = ?1",
                    params![ally_id, stance, next_step, owner],
                )?;
            }
            None => {
                if problem.allies.len() as i64 >= MAX_PER_PROBLEM {
                    return Err(InputError::new(
                        "ally",
                        format!("a problem holds at most {MAX_PER_PROBLEM} allies"),
                    )
                    .into());
                }
                tx.execute(
                    "INSERT INTO problem_allies
                         (problem_id, partner_id, person_id, stance, next_step, owner, created_at)
                     VALUES (?1, ?2, ?3, coalesce(?4, 'unknown'), coalesce(?5, ''), coalesce(?6, 'me'), ?7)",
                    params![id.0, partner, person, stance, next_step, owner, to_millis(now)],
                )?;
            }
        }
        tx.commit()?;
        self.touch_problem(id, now)
    }

    /// Who a typed name means as an ally: the partner of that name (ignoring case), else the
    /// person of that name, else a new person, recorded now. The flag says a person was made,
    /// so the caller can say so (a typo should not pass unnoticed).
    pub fn ally_named(&mut self, name: &str, now: DateTime<Utc>) -> Result<(AllyWho, bool)> {
        let name = validate::short_text("name", name)?;
        if let Some(partner) = crate::partners::partner_named(&self.conn, &name)? {
            return Ok((AllyWho::Partner(partner), false));
        }
        if let Some(person) = self.find_person(&name)? {
            return Ok((AllyWho::Person(person), false));
        }
        let person = self.add_person(&name, "", now)?;
        Ok((AllyWho::Person(person.id), true))
    }

    /// Adds or changes an ally named by what the person typed (`ally_named`). Everything that
    /// could refuse the ally is checked before a new person may be recorded for the name, so a
    /// refusal records nobody. The flag says a person was made.
    pub fn set_problem_ally_named(
        &mut self,
        id: ProblemId,
        name: &str,
        stance: Option<Stance>,
        next_step: Option<String>,
        owner: Option<Owner>,
        now: DateTime<Utc>,
    ) -> Result<(Problem, bool)> {
        if let Some(step) = &next_step {
            validate::optional_short_text("next step", Some(step))?;
        }
        let problem = self.problem(id)?;
        if problem.allies.len() as i64 >= MAX_PER_PROBLEM {
            return Err(InputError::new(
                "ally",
                format!("a problem holds at most {MAX_PER_PROBLEM} allies"),
            )
            .into());
        }
        let (who, new_person) = self.ally_named(name, now)?;
        let ally = AllyInput {
            who,
            stance,
            next_step,
            owner,
        };
        let problem = self.set_problem_ally(id, ally, now)?;
        Ok((problem, new_person))
    }

    /// Takes an ally off a problem (the partner or person stays recorded).
    pub fn remove_problem_ally(
        &mut self,
        id: ProblemId,
        ally: i64,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let removed = self.conn.execute(
            "DELETE FROM problem_allies WHERE problem_id = ?1 AND id = ?2",
            params![id.0, ally],
        )?;
        if removed == 0 {
            return Err(Error::NotFound {
                what: "ally",
                by: "id",
            });
        }
        self.touch_problem(id, now)
    }

    /// Records that the agreement was presented to the managers, and moves the problem on: to
    /// "decide again" when a date was set, else to "presented to managers" (never backwards).
    pub fn record_presentation(
        &mut self,
        id: ProblemId,
        presented: NewPresentation,
        now: DateTime<Utc>,
    ) -> Result<Problem> {
        let to_whom = validate::short_text("to whom", &presented.to_whom)?;
        let response = validate::long_text("what they said", &presented.response)?;
        let problem = self.problem(id)?;
        if presented.on > crate::time::local_day(now) {
            return Err(InputError::new("date", "record a presentation once it happened").into());
        }
        if problem.presentations.len() as i64 >= MAX_PER_PROBLEM {
            return Err(InputError::new(
                "presentation",
                format!("a problem holds at most {MAX_PER_PROBLEM} presentations"),
            )
            .into());
        }
        let stage = match presented.decide_again_on {
            Some(_) => Stage::DecideAgain,
            None => problem.stage.max(Stage::Managers),
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO problem_presentations (problem_id, presented_on, to_whom, response, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.0, presented.on.to_string(), to_whom, response, to_millis(now)],
        )?;
        tx.execute(
            "UPDATE problems SET stage = ?2, decide_again_on = coalesce(?3, decide_again_on), updated_at = ?4
             WHERE id = ?1",
            params![
                id.0,
                stage.as_str(),
                presented.decide_again_on.map(|d| d.to_string()),
                to_millis(now)
            ],
        )?;
        tx.commit()?;
        self.problem(id)
    }

    pub(crate) fn problem_allies(&self, id: ProblemId) -> Result<Vec<Ally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.partner_id, p.name, a.person_id, pe.name, a.stance, a.next_step, a.owner,
                    a.created_at
             FROM problem_allies a
             LEFT JOIN partners p ON p.id = a.partner_id
             LEFT JOIN people pe ON pe.id = a.person_id
             WHERE a.problem_id = ?1
             ORDER BY coalesce(p.name, pe.name) COLLATE NOCASE, a.id",
        )?;
        let allies = stmt
            .query_map([id.0], |row| {
                let partner = match (
                    row.get::<_, Option<i64>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                ) {
                    (Some(id), Some(name)) => Some(PartnerRef {
                        id: PartnerId(id),
                        name,
                    }),
                    _ => None,
                };
                let person = match (
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                ) {
                    (Some(id), Some(name)) => Some(PersonRef {
                        id: PersonId(id),
                        name,
                    }),
                    _ => None,
                };
                let name = partner
                    .as_ref()
                    .map(|p| p.name.clone())
                    .or_else(|| person.as_ref().map(|p| p.name.clone()))
                    .unwrap_or_default();
                Ok(Ally {
                    id: row.get(0)?,
                    partner,
                    person,
                    name,
                    stance: row.get::<_, String>(5)?.parse().unwrap_or(Stance::Unknown),
                    next_step: row.get(6)?,
                    owner: row.get::<_, String>(7)?.parse().unwrap_or(Owner::Me),
                    created_at: from_millis(row.get(8)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(allies)
    }

    pub(crate) fn problem_presentations(&self, id: ProblemId) -> Result<Vec<Presentation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, presented_on, to_whom, response, created_at FROM problem_presentations
             WHERE problem_id = ?1 ORDER BY presented_on, id",
        )?;
        let presentations = stmt
            .query_map([id.0], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(id, on, to_whom, response, created_at)| {
                Some(Presentation {
                    id,
                    on: on.parse().ok()?,
                    to_whom,
                    response,
                    created_at: from_millis(created_at),
                })
            })
            .collect();
        Ok(presentations)
    }
}

fn option_not_found() -> Error {
    Error::NotFound {
        what: "option",
        by: "id",
    }
}
