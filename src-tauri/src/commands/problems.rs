//! Commands about peer problems: the problem and its worksheet, the people who are not partners,
//! and saving a problem's brief through the native dialog.

use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate, Utc};
use rapport_core::actions::Owner;
use rapport_core::brief::{write_brief, BriefRequest};
use rapport_core::meetings::MeetingId;
use rapport_core::people::{Person, PersonId};
use rapport_core::problems::{
    AllyInput as CoreAlly, AllyWho, NewPresentation, OptionEdit, Problem, ProblemChange as Change,
    ProblemId, Stage, Stance, ViewsUpdate,
};
use rapport_core::summary::Candidate;
use rapport_core::summary_print::PrintFormat;
use rapport_core::{EntryId, PartnerId};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use crate::args::Arg;
use crate::commands::summary::file_kind;
use crate::error::IpcError;
use crate::files::{FileChooser, FileDialog, NativeDialogs, SavedFile};
use crate::state::{run_blocking, AppState, SharedState};

/// One change to a problem as the page sends it: exactly one field (`decide_again_on` and
/// `anyway` go with `stage`); several, or none, are refused rather than one of them picked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemChange {
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub decide_again_on: Option<NaiveDate>,
    /// Leave "both views" before both views are written: the person said so.
    #[serde(default)]
    pub anyway: Option<bool>,
    #[serde(default)]
    pub views: Option<ViewsInput>,
    #[serde(default)]
    pub add_option: Option<String>,
    #[serde(default)]
    pub edit_option: Option<OptionInput>,
    #[serde(default)]
    pub remove_option: Option<i64>,
    #[serde(default)]
    pub choose_option: Option<i64>,
    #[serde(default)]
    pub ally: Option<AllyInput>,
    #[serde(default)]
    pub remove_ally: Option<i64>,
    #[serde(default)]
    pub presented: Option<PresentedInput>,
    #[serde(default)]
    pub link_meeting: Option<MeetingId>,
    #[serde(default)]
    pub closed: Option<bool>,
}

/// The worksheet's fields to write; those left out stay.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewsInput {
    #[serde(default)]
    pub my_view: Option<String>,
    #[serde(default)]
    pub their_view: Option<String>,
    #[serde(default)]
    pub why_it_matters: Option<String>,
    #[serde(default)]
    pub matters_to: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    pub id: i64,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub my_stake: Option<String>,
    #[serde(default)]
    pub their_stake: Option<String>,
}

/// An ally by partner id, person id, or a typed name (`Vault::ally_named`: a partner of that
/// name, else a person, else a new person): exactly one of the three.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllyInput {
    #[serde(default)]
    pub partner_id: Option<PartnerId>,
    #[serde(default)]
    pub person_id: Option<PersonId>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub stance: Option<Stance>,
    #[serde(default)]
    pub next_step: Option<String>,
    #[serde(default)]
    pub owner: Option<Owner>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresentedInput {
    pub on: NaiveDate,
    pub to_whom: String,
    #[serde(default)]
    pub response: String,
    #[serde(default)]
    pub decide_again_on: Option<NaiveDate>,
}

/// An ally change whose name, if typed, is resolved inside the vault's lock.
enum Pending {
    Ready(Change),
    AllyNamed(String, AllyInput),
}

impl ProblemChange {
    /// The one change it names, or `invalid_input` when it names none or several.
    fn into_pending(self) -> Result<Pending, IpcError> {
        if (self.decide_again_on.is_some() || self.anyway.is_some()) && self.stage.is_none() {
            return Err(IpcError::invalid_input(
                "decide_again_on and anyway go with stage: give both",
            ));
        }
        let mut changes = Vec::new();
        if let Some(stage) = self.stage {
            changes.push(Pending::Ready(Change::Stage {
                stage,
                decide_again_on: self.decide_again_on,
                anyway: self.anyway.unwrap_or(false),
            }));
        }
        if let Some(v) = self.views {
            changes.push(Pending::Ready(Change::Views(ViewsUpdate {
                my_view: v.my_view,
                their_view: v.their_view,
                why_it_matters: v.why_it_matters,
                matters_to: v.matters_to,
            })));
        }
        if let Some(text) = self.add_option {
            changes.push(Pending::Ready(Change::AddOption(text)));
        }
        if let Some(o) = self.edit_option {
            changes.push(Pending::Ready(Change::EditOption {
                option: o.id,
                edit: OptionEdit {
                    text: o.text,
                    my_stake: o.my_stake,
                    their_stake: o.their_stake,
                },
            }));
        }
        if let Some(option) = self.remove_option {
            changes.push(Pending::Ready(Change::RemoveOption(option)));
        }
        if let Some(option) = self.choose_option {
            changes.push(Pending::Ready(Change::ChooseOption(option)));
        }
        if let Some(ally) = self.ally {
            let who = match (ally.partner_id, ally.person_id, ally.name.clone()) {
                (Some(partner), None, None) => Some(AllyWho::Partner(partner)),
                (None, Some(person), None) => Some(AllyWho::Person(person)),
                (None, None, Some(_)) => None,
                _ => {
                    return Err(IpcError::invalid_input(
                        "name the ally by one of partner_id, person_id or name",
                    ))
                }
            };
            changes.push(match who {
                Some(who) => Pending::Ready(Change::Ally(CoreAlly {
                    who,
                    stance: ally.stance,
                    next_step: ally.next_step,
                    owner: ally.owner,
                })),
                None => Pending::AllyNamed(ally.name.clone().unwrap_or_default(), ally),
            });
        }
        if let Some(ally) = self.remove_ally {
            changes.push(Pending::Ready(Change::RemoveAlly(ally)));
        }
        if let Some(p) = self.presented {
            changes.push(Pending::Ready(Change::Presented(NewPresentation {
                on: p.on,
                to_whom: p.to_whom,
                response: p.response,
                decide_again_on: p.decide_again_on,
            })));
        }
        if let Some(meeting) = self.link_meeting {
            changes.push(Pending::Ready(Change::LinkMeeting(meeting)));
        }
        if let Some(closed) = self.closed {
            changes.push(Pending::Ready(Change::Close(closed)));
        }
        match changes.len() {
            1 => Ok(changes.remove(0)),
            0 => Err(IpcError::invalid_input("say what to change")),
            _ => Err(IpcError::invalid_input(
                "give one change at a time (stage, views, add_option, edit_option, remove_option, \
                 choose_option, ally, remove_ally, presented, link_meeting or closed)",
            )),
        }
    }

    /// The one change it names (an ally named by a typed name is not resolved here).
    #[cfg(test)]
    pub fn into_change(self) -> Result<Change, IpcError> {
        match self.into_pending()? {
            Pending::Ready(change) => Ok(change),
            Pending::AllyNamed(..) => Err(IpcError::invalid_input("an ally by name")),
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_problems(
    state: State<'_, SharedState>,
    open: Arg<bool>,
) -> Result<Vec<Problem>, IpcError> {
    let open = open.optional("open")?.unwrap_or(false);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.list_problems(open)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_problem(state: State<'_, SharedState>, id: Arg<i64>) -> Result<Problem, IpcError> {
    let id = ProblemId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.problem(id)?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_problem(
    state: State<'_, SharedState>,
    title: Arg<String>,
    partner_ids: Arg<Vec<PartnerId>>,
) -> Result<Problem, IpcError> {
    let title = title.required("title")?;
    let partners = partner_ids.required("partner_ids")?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.add_problem(&title, &partners, Utc::now())?))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_problem(
    state: State<'_, SharedState>,
    id: Arg<i64>,
    change: Arg<ProblemChange>,
) -> Result<Problem, IpcError> {
    let id = ProblemId(id.required("id")?);
    let change = change.required("change")?;
    let pending = change.into_pending()?;
    run_blocking(&state, move |state| {
        state.with_vault(|vault| {
            let now = Utc::now();
            match pending {
                Pending::Ready(change) => Ok(vault.update_problem(id, change, now)?),
                Pending::AllyNamed(name, ally) => Ok(vault
                    .set_problem_ally_named(
                        id,
                        &name,
                        ally.stance,
                        ally.next_step,
                        ally.owner,
                        now,
                    )?
                    .0),
            }
        })
    })
    .await
}

/// Journal entries that may be included in a problem's brief by hand (newest first).
#[tauri::command(rename_all = "snake_case")]
pub async fn brief_candidates(
    state: State<'_, SharedState>,
    id: Arg<i64>,
) -> Result<Vec<Candidate>, IpcError> {
    let id = ProblemId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.brief_candidates(id, BRIEF_CANDIDATES)?))
    })
    .await
}

/// How many entries the problem screen offers to include in a brief.
const BRIEF_CANDIDATES: u32 = 30;

/// Makes a person a partner (their places as an ally and as a guest go with them).
#[tauri::command(rename_all = "snake_case")]
pub async fn promote_person(
    state: State<'_, SharedState>,
    id: Arg<i64>,
) -> Result<rapport_core::Partner, IpcError> {
    let id = PersonId(id.required("id")?);
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.promote_person(id, Utc::now())?))
    })
    .await
}

/// Everyone recorded who is not a partner (the allies the page can suggest).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_people(state: State<'_, SharedState>) -> Result<Vec<Person>, IpcError> {
    run_blocking(&state, move |state| {
        state.with_vault(|vault| Ok(vault.people()?))
    })
    .await
}

/// Shows the save dialog and writes the problem's brief where the person chose (atomically,
/// readable only by them). `None` when they cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_brief<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, SharedState>,
    id: Arg<i64>,
    format: Arg<String>,
    include_entries: Arg<Vec<EntryId>>,
    directory: Arg<String>,
) -> Result<Option<SavedFile>, IpcError> {
    let request = BriefRequest {
        problem: ProblemId(id.required("id")?),
        include_entries: include_entries
            .optional("include_entries")?
            .unwrap_or_default(),
    };
    let format = format.required("format")?;
    let directory = directory.optional("directory")?.map(PathBuf::from);
    run_blocking(&state, move |state| {
        save(
            state,
            &NativeDialogs(app),
            &request,
            &format,
            directory,
            Utc::now(),
        )
    })
    .await
}

pub(crate) fn save(
    state: &AppState,
    chooser: &dyn FileChooser,
    request: &BriefRequest,
    format: &str,
    directory: Option<PathBuf>,
    now: DateTime<Utc>,
) -> Result<Option<SavedFile>, IpcError> {
    let format: PrintFormat = format.parse().map_err(rapport_core::Error::from)?;
    // Built and printed before the dialog opens, like the summary.
    let brief = state.with_vault(|vault| Ok(vault.brief(request, now)?))?;
    let mut bytes = Vec::new();
    write_brief(&brief, format, &Local, &mut bytes)
        .map_err(|_| IpcError::internal("could not print the brief"))?;
    let (extension, filter_name, extensions) = file_kind(format);
    let dialog = FileDialog {
        file_name: Some(format!("brief-{}.{extension}", brief.problem)),
        directory,
        filter: Some((filter_name, extensions)),
        ..FileDialog::new("Save the brief")
    };
    super::save_printed(state, chooser, dialog, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_change_names_exactly_one_thing() {
        let none = ProblemChange::default().into_change().unwrap_err();
        assert_eq!(none.kind, ErrorKind::InvalidInput);
        let two = ProblemChange {
            closed: Some(true),
            add_option: Some("WIP limit".into()),
            ..ProblemChange::default()
        };
        let error = two.into_change().unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidInput);
        assert!(
            error.message.contains("one change at a time"),
            "{}",
            error.message
        );
        let date_alone = ProblemChange {
            decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
            ..ProblemChange::default()
        };
        assert_eq!(
            date_alone.into_change().unwrap_err().kind,
            ErrorKind::InvalidInput
        );
        let stage = ProblemChange {
            stage: Some(Stage::DecideAgain),
            decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
            ..ProblemChange::default()
        };
        assert_eq!(
            stage.into_change().unwrap(),
            Change::Stage {
                stage: Stage::DecideAgain,
                decide_again_on: NaiveDate::from_ymd_opt(2025, 4, 30),
                anyway: false,
            }
        );
        let anyway_alone = ProblemChange {
            anyway: Some(true),
            ..ProblemChange::default()
        };
        assert!(anyway_alone.into_change().is_err());
        let two_names = ProblemChange {
            ally: Some(AllyInput {
                partner_id: Some(PartnerId(1)),
                name: Some("Dana".into()),
                ..AllyInput::default()
            }),
            ..ProblemChange::default()
        };
        let error = two_names.into_change().unwrap_err();
        assert!(
            error.message.contains("one of partner_id"),
            "{}",
            error.message
        );
    }

    #[test]
    fn the_brief_is_saved_where_chosen_without_the_private_notes() {
        use crate::commands::test_support::open_passphrase_vault;
        use crate::files::testing::FixedChooser;
        use rapport_core::{EntryKind, NewEntry, NewPartner};
        let dir = tempfile::tempdir().unwrap();
        let state = open_passphrase_vault(dir.path());
        let now = Utc::now();
        let (problem, private) = state
            .with_vault(|vault| {
                let sam = vault.add_partner(NewPartner::named("Sam"), now)?;
                let problem = vault.add_problem("Too much WIP", &[sam.id], now)?;
                let (who, new_person) = vault.ally_named("Dana", now)?;
                assert!(new_person);
                vault.update_problem(
                    problem.id,
                    Change::Ally(CoreAlly {
                        who,
                        stance: Some(Stance::For),
                        next_step: None,
                        owner: None,
                    }),
                    now,
                )?;
                vault.add_problem_option(problem.id, "WIP limit of 3", now)?;
                let private = vault.add_entry(
                    NewEntry {
                        body: "privmarker91 tired".into(),
                        kind: EntryKind::Concern,
                        partners: vec![sam.id],
                        ..NewEntry::default()
                    },
                    now,
                )?;
                Ok((problem.id, private.id))
            })
            .unwrap();
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("brief.md");
        let chooser = FixedChooser::answering(&path);
        let request = BriefRequest {
            problem,
            include_entries: vec![],
        };
        let saved = save(&state, &chooser, &request, "md", None, now)
            .unwrap()
            .unwrap();
        assert_eq!(saved.path, path.display().to_string());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("WIP limit of 3") && text.contains("Dana"),
            "{text}"
        );
        assert!(!text.contains("privmarker91"), "{text}");
        assert_eq!(
            chooser.asked.lock().unwrap()[0].file_name.as_deref(),
            Some(format!("brief-{problem}.md").as_str())
        );
        let with_note = BriefRequest {
            problem,
            include_entries: vec![private],
        };
        let path = out.path().join("brief.pdf");
        save(
            &state,
            &FixedChooser::answering(&path),
            &with_note,
            "pdf",
            None,
            now,
        )
        .unwrap();
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
        // A wrong format is refused before any dialog opens.
        let never = FixedChooser::default();
        assert!(save(&state, &never, &request, "docx", None, now).is_err());
        assert!(never.asked.lock().unwrap().is_empty());
    }
}
