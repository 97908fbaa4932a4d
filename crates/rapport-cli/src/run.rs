//! Dispatches a parsed command line to its verb (`verbs/`, one module per noun), opening the
//! vault first for the verbs that work on an open vault.

use chrono::{DateTime, Utc};
use rapport_core::paths::resolve_data_dir;
use rapport_core::Vault;

use crate::args::{Cli, Command, JournalCommand, RecoveryKeyCommand};
use crate::output::Output;
use crate::unlock::open;
use crate::verbs::{
    actions, cadence, data, entries, manual, meetings, partners, problems, security, summary,
    templates, vault,
};
use crate::Failure;

pub fn run(cli: Cli) -> Result<(), Failure> {
    // Resolved only by the verbs that use it: those about the command line itself need none.
    let data_dir = || resolve_data_dir(cli.data_dir.clone(), |name| std::env::var_os(name));
    let out = Output { json: cli.json };
    let now = Utc::now();
    let stdin = cli.passphrase_stdin;
    match cli.command {
        Command::Completions(args) => manual::completions(args.shell),
        Command::Manual(args) => manual::manual(&args.dir, out),
        Command::Init(args) => vault::init(&data_dir()?, args.passphrase || stdin, stdin, now, out),
        Command::Recover(_) => vault::recover(&data_dir()?, stdin, out),
        Command::Status => vault::status(&data_dir()?, stdin, out),
        Command::Restore(args) => {
            let dir = data_dir()?;
            match args.target.parse::<i64>() {
                // A number is an entry in the trash; anything else a backup file (`./42` for one
                // named 42).
                Ok(id) if !args.recovery_key_stdin && !args.passphrase => {
                    entries::restore(&mut open(&dir, stdin)?, id, out)
                }
                _ => vault::restore_backup(&dir, args, stdin, now, out),
            }
        }
        Command::Protect(args) => security::protect(&data_dir()?, &args, stdin, out),
        Command::RecoveryKey(RecoveryKeyCommand::New) => {
            security::new_recovery_key(&data_dir()?, stdin, out)
        }
        Command::Rekey => security::rekey(&data_dir()?, stdin, out),
        Command::Journal(command) => {
            let mut vault = open(&data_dir()?, stdin)?;
            run_on_vault(&mut vault, command, now, out)
        }
    }
}

fn run_on_vault(
    vault: &mut Vault,
    command: JournalCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        JournalCommand::Partner(command) => partners::run(vault, command, now, out),
        JournalCommand::Note(args) => entries::note(vault, args, now, out),
        JournalCommand::List(args) => entries::list(vault, args, out),
        JournalCommand::Show { id } => entries::show(vault, id, out),
        JournalCommand::Edit(args) => entries::edit(vault, args, now, out),
        JournalCommand::Rm { id } => entries::rm(vault, id, now, out),
        JournalCommand::Purge(args) => entries::purge(vault, args, out),
        JournalCommand::Search(args) => entries::search(vault, args, out),
        JournalCommand::Meeting(command) => meetings::run_meeting(vault, command, now, out),
        JournalCommand::Action(command) => actions::run_action(vault, command, now, out),
        JournalCommand::Decision(command) => actions::run_decision(vault, command, now, out),
        JournalCommand::Template(command) => templates::run_template(vault, command, now, out),
        JournalCommand::Problem(command) => problems::run_problem(vault, command, now, out),
        JournalCommand::Person(command) => problems::run_person(vault, command, now, out),
        JournalCommand::Due => cadence::run_due(vault, now, out),
        JournalCommand::Summary(args) => summary::run_summary(vault, args, now, out),
        JournalCommand::Backup { file } => data::backup(vault, file, out),
        JournalCommand::Check => data::check(vault, out),
        JournalCommand::Import(command) => data::import(vault, command, now, out),
        JournalCommand::ExportAll { file, markdown } => {
            data::export_all(vault, file, markdown, out)
        }
    }
}
