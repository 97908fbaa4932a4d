//! About the command line itself: shell completions and the manual pages, both made from the
//! clap definitions in `args.rs`, so they never disagree with what `rapport` accepts.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use serde::Serialize;

use crate::args::Cli;
use crate::output::Output;
use crate::Failure;

pub(crate) fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    // Made in memory first: clap_complete panics when its writer fails (a closed pipe), and a
    // failed write is an output error here like any other verb's.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapport", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&script)?;
    stdout.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct Written {
    dir: String,
    pages: Vec<String>,
}

/// Writes rapport.1 and a page per verb (`rapport-partner-add.1`, …) into `dir`.
pub(crate) fn manual(dir: &Path, out: Output) -> Result<(), Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a directory: name a directory for the manual pages",
            dir.display()
        )));
    }
    let failed = |e: std::io::Error| {
        Failure::Usage(format!(
            "could not write the manual pages into {}: {e}",
            dir.display()
        ))
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(failed)?;
    let mut pages = rapport_pages_in(dir);
    pages.sort();
    let written = Written {
        dir: dir.display().to_string(),
        pages,
    };
    out.print(&written, |w| {
        writeln!(
            w,
            "Wrote {} manual pages into {}. Read one with `man -l {}`.",
            written.pages.len(),
            written.dir,
            dir.join("rapport.1").display()
        )
    })
}

/// The names of Rapport's pages in `dir` (which may hold other commands' pages too).
fn rapport_pages_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            name.ends_with(".1") && (name == "rapport.1" || name.starts_with("rapport-"))
        })
        .collect()
}
