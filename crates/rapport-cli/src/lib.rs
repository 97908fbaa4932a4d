//! `rapport`: the journal from the terminal. Parses the command line, runs one verb, maps
//! failures to exit codes (0 ok, 1 usage or input error, 2 vault locked or key unavailable).
//! A library with one entry point, [`main_from`], so that the `rapport` binary (`main.rs`) and
//! the desktop binary's `--cli` (the Linux packages' `rapport`) run the same command line.

mod args;
mod input;
mod output;
mod render;
mod run;
mod unlock;
mod verbs;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Why a verb failed. Messages never contain note text, partner names or key material.
#[derive(Debug)]
pub enum Failure {
    Core(rapport_core::Error),
    /// The command line or its input is wrong.
    Usage(String),
    /// The vault cannot be unlocked from here (no terminal to ask for a passphrase, say).
    Locked(String),
    /// Writing the output failed (e.g. a closed pipe).
    Output(std::io::Error),
}

impl From<rapport_core::Error> for Failure {
    fn from(e: rapport_core::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<rapport_core::InputError> for Failure {
    fn from(e: rapport_core::InputError) -> Self {
        Failure::Core(e.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e)
    }
}

impl Failure {
    fn kind(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.kind(),
            Failure::Usage(_) => "usage",
            Failure::Locked(_) => "locked",
            Failure::Output(_) => "io",
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            Failure::Core(e) if e.is_locked() => 2,
            Failure::Locked(_) => 2,
            _ => 1,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::Usage(m) | Failure::Locked(m) => m.clone(),
            Failure::Output(e) => format!("could not write the output: {e}"),
        }
    }
}

/// Runs the command line `args` (the first is the program's name, as in `std::env::args_os`).
pub fn main_from<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    rapport_core::install_private_panic_hook("rapport");
    if let Err(error) = rapport_core::disable_core_dumps() {
        eprintln!(
            "rapport: could not turn core dumps off ({error}); a crash could leave memory on disk"
        );
    }
    let cli = match args::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return ExitCode::from(1);
            }
            // One clear line instead of clap's multi-line report.
            let rendered = e.render().to_string();
            let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines
                .next()
                .unwrap_or("invalid command line")
                .trim_start_matches("error: ")
                .to_owned();
            // "the following required arguments were not provided:" names them on the next line.
            if first.ends_with(':') {
                if let Some(next) = lines.next() {
                    first = format!("{first} {next}");
                }
            }
            if e.kind() == ErrorKind::UnknownArgument {
                // Before, words after the text were taken as text: a mistyped option was saved
                // in the note. Now it is refused, and this says how to write such text.
                first.push_str(
                    ": that is not an option of this command; text that starts with a dash goes \
                     after `--`, as in `rapport note -- -5 points`",
                );
            }
            eprintln!("rapport: {first} (see `rapport --help`)");
            return ExitCode::from(1);
        }
    };
    let json = cli.json;
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            let mut stderr = std::io::stderr().lock();
            if json {
                let value = serde_json::json!({
                    "error": { "kind": failure.kind(), "message": failure.message() }
                });
                let _ = writeln!(stderr, "{value}");
            } else {
                let _ = writeln!(stderr, "rapport: {}", failure.message());
            }
            ExitCode::from(failure.exit_code())
        }
    }
}
