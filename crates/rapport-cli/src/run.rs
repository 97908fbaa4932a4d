//! One function per verb: unpack the arguments, call the core, print the result.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{DateTime, Utc};
use rand::rngs::OsRng;
use rapport_core::paths::resolve_data_dir;
use rapport_core::{
    EntryId, EntryKind, EntryUpdate, Error, ListQuery, NewEntry, NewPartner, NewProtection,
    OsKeychain, PartnerUpdate, Protection, RecoveryKey, Relationship, RoleSpell, SearchQuery,
    Vault, VaultStatus,
};
use serde::Serialize;

use crate::args::{Cli, Command, ImportCommand, JournalCommand, PartnerCommand};
use crate::input::{self, parse_optional_date, partner_ids, read_secret_line};
use crate::output::Output;
use crate::unlock::{new_passphrase, open};
use crate::{render, Failure};

pub fn run(cli: Cli) -> Result<(), Failure> {
    let dir = resolve_data_dir(cli.data_dir.clone(), |name| std::env::var_os(name))?;
    let out = Output { json: cli.json };
    let now = Utc::now();
    let passphrase_stdin = cli.passphrase_stdin;
    match cli.command {
        Command::Init(args) => init(
            &dir,
            args.passphrase || passphrase_stdin,
            passphrase_stdin,
            out,
        ),
        Command::Recover(_) => recover(&dir, passphrase_stdin, out),
        Command::Status => status(&dir, passphrase_stdin, out),
        Command::Restore(args) => match args.target.parse::<i64>() {
            Ok(id) if !args.recovery_key_stdin && !args.passphrase => {
                let mut vault = open(&dir, passphrase_stdin)?;
                let entry = vault.restore_entry(EntryId(id))?;
                out.print(&entry, |w| writeln!(w, "Restored entry {}.", entry.id))
            }
            _ => restore_backup(&dir, args, passphrase_stdin, out),
        },
        Command::Protect(args) => crate::security::protect(&dir, &args, passphrase_stdin, out),
        Command::RecoveryKey(crate::args::RecoveryKeyCommand::New) => {
            crate::security::new_recovery_key(&dir, passphrase_stdin, out)
        }
        Command::Rekey => crate::security::rekey(&dir, passphrase_stdin, out),
        Command::Journal(command) => {
            let mut vault = open(&dir, passphrase_stdin)?;
            run_on_vault(&mut vault, command, now, out)
        }
    }
}

#[derive(Serialize)]
struct Created<'a> {
    recovery_key: &'a str,
    data_dir: &'a Path,
    protection: Protection,
}

fn init(
    dir: &Path,
    with_passphrase: bool,
    passphrase_stdin: bool,
    out: Output,
) -> Result<(), Failure> {
    let passphrase = if with_passphrase {
        Some(new_passphrase(passphrase_stdin)?)
    } else {
        None
    };
    let protection = match &passphrase {
        Some(p) => NewProtection::Passphrase(p),
        None => NewProtection::Keychain(&OsKeychain),
    };
    let (vault, recovery) = Vault::create(dir, protection, &mut OsRng)?;
    let shown = recovery.display();
    let created = Created {
        recovery_key: &shown,
        data_dir: vault.dir(),
        protection: vault.protection(),
    };
    out.print(&created, |w| {
        render::created(w, created.recovery_key, vault.dir(), vault.protection())
    })
}

#[derive(Serialize)]
struct Recovered<'a> {
    recovered: bool,
    data_dir: &'a Path,
    protection: Protection,
}

fn recover(dir: &Path, passphrase_stdin: bool, out: Output) -> Result<(), Failure> {
    let protection = match Vault::status(dir)? {
        VaultStatus::Absent => {
            return Err(Error::NoVault {
                dir: dir.to_path_buf(),
            }
            .into())
        }
        VaultStatus::Present(p) => p,
    };
    let recovery = RecoveryKey::parse(&read_secret_line("recovery key")?)?;
    let passphrase = match protection {
        Protection::Passphrase => Some(new_passphrase(passphrase_stdin)?),
        Protection::Keychain => None,
    };
    let new = match &passphrase {
        Some(p) => NewProtection::Passphrase(p),
        None => NewProtection::Keychain(&OsKeychain),
    };
    let vault = Vault::recover(dir, &recovery, new, &mut OsRng)?;
    let done = Recovered {
        recovered: true,
        data_dir: vault.dir(),
        protection: vault.protection(),
    };
    out.print(&done, |w| render::recovered(w, vault.protection()))
}

fn restore_backup(
    dir: &Path,
    args: crate::args::RestoreArgs,
    passphrase_stdin: bool,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::backup::BackupKey;
    let recovery;
    let old_passphrase;
    let new_passphrase;
    let (key, protection) = if args.recovery_key_stdin {
        recovery = RecoveryKey::parse(&read_secret_line("recovery key")?)?;
        let protection = if args.passphrase {
            new_passphrase = self::new_passphrase(passphrase_stdin)?;
            NewProtection::Passphrase(&new_passphrase)
        } else {
            NewProtection::Keychain(&OsKeychain)
        };
        (BackupKey::Recovery(&recovery), protection)
    } else {
        old_passphrase = if passphrase_stdin {
            read_secret_line("passphrase")?
        } else {
            input::prompt_secret("The backup's passphrase: ")?
        };
        (
            BackupKey::Passphrase(&old_passphrase),
            NewProtection::Passphrase(&old_passphrase),
        )
    };
    let file = std::path::PathBuf::from(&args.target);
    let vault = Vault::restore(&file, dir, key, protection, &mut OsRng)?;
    let info = serde_json::json!({
        "restored": true,
        "data_dir": vault.dir(),
        "protection": vault.protection(),
        "entries": vault.count_entries()?,
    });
    out.print(&info, |w| {
        writeln!(
            w,
            "Restored into {} ({} entries).",
            vault.dir().display(),
            info["entries"]
        )
    })
}

#[derive(Serialize)]
struct Status<'a> {
    data_dir: &'a Path,
    vault: &'static str,
    protection: Option<Protection>,
    entries: Option<u64>,
    partners: Option<u64>,
    /// True when the last recovery key made was perhaps never shown: make a new one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    recovery_key_unseen: bool,
}

fn status(dir: &Path, passphrase_stdin: bool, out: Output) -> Result<(), Failure> {
    let status = match Vault::status(dir)? {
        VaultStatus::Absent => Status {
            data_dir: dir,
            vault: "absent",
            protection: None,
            entries: None,
            partners: None,
            recovery_key_unseen: false,
        },
        VaultStatus::Present(protection) => {
            let vault = open(dir, passphrase_stdin)?;
            Status {
                data_dir: dir,
                vault: "present",
                protection: Some(protection),
                entries: Some(vault.count_entries()?),
                partners: Some(vault.list_partners(true)?.len() as u64),
                recovery_key_unseen: vault.recovery_key_unseen()?,
            }
        }
    };
    out.print(&status, |w| {
        render::status(
            w,
            status.data_dir,
            status.protection,
            status.entries,
            status.partners,
        )?;
        if status.recovery_key_unseen {
            writeln!(
                w,
                "The last recovery key made may never have been shown (its re-key was interrupted, \
                 or the window closed before it was written down). Make a new one: \
                 rapport recovery-key new"
            )?;
        }
        Ok(())
    })
}

fn run_on_vault(
    vault: &mut Vault,
    command: JournalCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        JournalCommand::Partner(partner) => run_partner(vault, partner, now, out),
        JournalCommand::Note(args) => {
            let text = input::text_from_args(&args.text)?;
            let new = NewEntry {
                body: text,
                kind: args.kind.parse::<EntryKind>()?,
                tags: args.tags,
                partners: partner_ids(vault, &args.partners)?,
                shareable: args.shareable,
                created_at: None,
            };
            let entry = vault.add_entry(new, now)?;
            out.print(&entry, |w| writeln!(w, "Saved entry {}.", entry.id))
        }
        JournalCommand::List(args) => {
            let partner = args
                .partner
                .as_deref()
                .map(|n| vault.find_partner(n))
                .transpose()?;
            let page = vault.list_entries(&ListQuery {
                limit: args.limit,
                before: args.before.map(EntryId),
                partner,
                trash: args.trash,
            })?;
            out.print(&page, |w| render::entry_page(w, &page, args.trash))
        }
        JournalCommand::Show { id } => {
            let entry = vault.entry(EntryId(id))?;
            out.print(&entry, |w| render::entry_full(w, &entry))
        }
        JournalCommand::Edit(args) => {
            let text = if args.text.is_empty() {
                None
            } else {
                Some(input::text_from_args(&args.text)?)
            };
            let update = EntryUpdate {
                body: text,
                kind: args
                    .kind
                    .as_deref()
                    .map(str::parse::<EntryKind>)
                    .transpose()?,
                tags: if args.no_tags {
                    Some(Vec::new())
                } else if args.tags.is_empty() {
                    None
                } else {
                    Some(args.tags)
                },
                partners: if args.no_partners {
                    Some(Vec::new())
                } else if args.partners.is_empty() {
                    None
                } else {
                    Some(partner_ids(vault, &args.partners)?)
                },
                shareable: if args.shareable {
                    Some(true)
                } else if args.private {
                    Some(false)
                } else {
                    None
                },
            };
            if update == EntryUpdate::default() {
                return Err(Failure::Usage(
                    "nothing to change: give new text, --kind, --tag, --partner, --shareable or --private".into(),
                ));
            }
            let entry = vault.update_entry(EntryId(args.id), update, now)?;
            out.print(&entry, |w| writeln!(w, "Updated entry {}.", entry.id))
        }
        JournalCommand::Rm { id } => {
            let entry = vault.trash_entry(EntryId(id), now)?;
            out.print(&entry, |w| {
                writeln!(
                    w,
                    "Moved entry {} to the trash (undo with `rapport restore {}`).",
                    entry.id, entry.id
                )
            })
        }
        JournalCommand::Purge(args) => {
            let purged = match args.id {
                Some(id) => {
                    vault.purge_entry(EntryId(id))?;
                    1
                }
                None => vault.empty_trash()?,
            };
            out.print(&serde_json::json!({ "purged": purged }), |w| {
                writeln!(
                    w,
                    "Deleted {purged} {} for good.",
                    if purged == 1 { "entry" } else { "entries" }
                )
            })
        }
        JournalCommand::Search(args) => {
            let query = SearchQuery {
                text: args.query,
                partners: partner_ids(vault, &args.partners)?,
                tags: args.tags,
                kind: args
                    .kind
                    .as_deref()
                    .map(str::parse::<EntryKind>)
                    .transpose()?,
                since: args.since.as_deref().map(input::parse_since).transpose()?,
                until: args.until.as_deref().map(input::parse_until).transpose()?,
                limit: args.limit,
            };
            let hits = vault.search(&query)?;
            let color = std::io::stdout().is_terminal();
            out.print(&serde_json::json!({ "hits": hits }), |w| {
                render::search_hits(w, &hits, color)
            })
        }
        JournalCommand::Meeting(command) => crate::meetings::run_meeting(vault, command, now, out),
        JournalCommand::Action(command) => crate::meetings::run_action(vault, command, now, out),
        JournalCommand::Decision(command) => {
            crate::meetings::run_decision(vault, command, now, out)
        }
        JournalCommand::Template(command) => {
            crate::meetings::run_template(vault, command, now, out)
        }
        JournalCommand::Problem(command) => crate::meetings::run_problem(vault, command, now, out),
        JournalCommand::Due => crate::meetings::run_due(vault, now, out),
        JournalCommand::Backup { file } => {
            let info = vault.backup(&file)?;
            out.print(&info, |w| {
                writeln!(
                    w,
                    "Wrote {} ({} entries, {} partners, {} bytes), encrypted and readable only by you. \
                     Restore it with the recovery key or the passphrase: `rapport restore FILE`.",
                    file.display(),
                    info.entries,
                    info.partners,
                    info.bytes
                )
            })
        }
        JournalCommand::Check => {
            vault.check()?;
            out.print(&serde_json::json!({ "ok": true }), |w| {
                writeln!(w, "Every page of the vault reads back intact.")
            })
        }
        JournalCommand::Summary(args) => crate::meetings::run_summary(vault, args, now, out),
        JournalCommand::Import(command) => {
            let (file, day_one) = match command {
                ImportCommand::Jrnl { file } => (file, false),
                ImportCommand::Dayone { file } => (file, true),
                ImportCommand::Rapport { file } => return import_rapport(vault, &file, out),
            };
            let text = read_file(&file)?;
            let bar = (!out.json && std::io::stderr().is_terminal()).then(|| {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "Importing {bar:40} {pos}/{len} entries",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            let mut progress = |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total);
                    bar.set_position(done);
                }
            };
            let report = if day_one {
                vault.import_day_one(&text, now, &mut progress)?
            } else {
                vault.import_jrnl(&text, now, &mut progress)?
            };
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            out.print(&report, |w| {
                writeln!(
                    w,
                    "Imported {} entries ({} partner links, {} tags). They are private; mark any with `rapport edit ID --shareable`.",
                    report.entries, report.partner_links, report.tags
                )
            })
        }
        JournalCommand::ExportAll { file, markdown } => {
            match (file, markdown) {
                (_, Some(dir)) => {
                    let written = vault.export_markdown(&dir, chrono::Local::now().date_naive())?;
                    out.print(&serde_json::json!({ "files": written }), |w| {
                    writeln!(w, "Wrote {written} Markdown files into {} (plaintext, readable only by you).", dir.display())
                })
                }
                (Some(file), None) => {
                    let export = vault.export_all()?;
                    let text = serde_json::to_vec_pretty(&export)
                        .map_err(|e| Failure::Usage(e.to_string()))?;
                    rapport_core::paths::write_private_atomically(&file, &text)?;
                    out.print(&serde_json::json!({ "bytes": text.len() }), |w| {
                        writeln!(
                            w,
                            "Wrote {} (plaintext JSON, readable only by you).",
                            file.display()
                        )
                    })
                }
                (None, None) => Err(Failure::Usage("give a FILE or --markdown DIR".into())),
            }
        }
    }
}

fn import_rapport(vault: &mut Vault, file: &Path, out: Output) -> Result<(), Failure> {
    let text = read_file(file)?;
    let export: serde_json::Value = serde_json::from_str(&text).map_err(|_| {
        Failure::Usage("that file is not JSON; give a file written by `rapport export-all`".into())
    })?;
    let counts = vault.import_all(&export)?;
    let rows: u64 = counts.iter().map(|(_, n)| n).sum();
    let shown: serde_json::Map<String, serde_json::Value> = counts
        .iter()
        .map(|(table, n)| (table.clone(), serde_json::Value::from(*n)))
        .collect();
    out.print(&shown, |w| writeln!(w, "Imported {rows} rows."))
}

fn read_file(file: &Path) -> Result<String, Failure> {
    Ok(rapport_core::import::read_import_file(file)?)
}

fn run_partner(
    vault: &mut Vault,
    command: PartnerCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        PartnerCommand::Add(args) => {
            let new = NewPartner {
                name: args.name,
                role: args.role,
                relationship: args.relationship.parse::<Relationship>()?,
                organisation: args.organisation,
                since: parse_optional_date("--since", args.since.as_deref())?,
                cadence_days: args.cadence_days,
                notes: args.notes.unwrap_or_default(),
            };
            let partner = vault.add_partner(new, now)?;
            out.print(&partner, |w| {
                writeln!(w, "Added partner {} (id {}).", partner.name, partner.id)
            })
        }
        PartnerCommand::List { archived } => {
            let partners = vault.list_partners(archived)?;
            out.print(&serde_json::json!({ "partners": partners }), |w| {
                render::partner_list(w, &partners)
            })
        }
        PartnerCommand::Show { name } => {
            let id = vault.find_partner(&name)?;
            let partner = vault.partner(id)?;
            let recent = vault.list_entries(&ListQuery {
                limit: 5,
                partner: Some(id),
                ..ListQuery::default()
            })?;
            #[derive(Serialize)]
            struct Shown<'a> {
                #[serde(flatten)]
                partner: &'a rapport_core::Partner,
                recent_entries: &'a [rapport_core::Entry],
            }
            let shown = Shown {
                partner: &partner,
                recent_entries: &recent.entries,
            };
            out.print(&shown, |w| {
                render::partner_full(w, &partner, &recent.entries)
            })
        }
        PartnerCommand::Edit(args) => {
            let id = vault.find_partner(&args.name)?;
            let update = PartnerUpdate {
                name: args.new_name,
                role: args.role,
                relationship: args
                    .relationship
                    .as_deref()
                    .map(str::parse::<Relationship>)
                    .transpose()?,
                organisation: args.organisation,
                since: parse_optional_date("--since", args.since.as_deref())?,
                cadence_days: args.cadence_days.map(|d| (d != 0).then_some(d)),
                notes: args.notes,
                archived: if args.archive {
                    Some(true)
                } else if args.unarchive {
                    Some(false)
                } else {
                    None
                },
            };
            if update == PartnerUpdate::default() {
                return Err(Failure::Usage(
                    "nothing to change: give at least one option (see --help)".into(),
                ));
            }
            let partner = vault.update_partner(id, update, now)?;
            out.print(&partner, |w| {
                writeln!(w, "Updated partner {}.", partner.name)
            })
        }
        PartnerCommand::Role(args) => {
            let id = vault.find_partner(&args.name)?;
            let spell = RoleSpell {
                role: args.role,
                organisation: args.organisation,
                started: parse_optional_date("--from", args.from.as_deref())?,
                ended: parse_optional_date("--to", args.to.as_deref())?,
            };
            let partner = vault.add_role_spell(id, spell)?;
            out.print(&partner, |w| {
                writeln!(w, "Added a role to {}'s history.", partner.name)
            })
        }
    }
}
