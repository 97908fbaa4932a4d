//! The verbs about the vault's data as a whole: `backup`, `check`, `import` and `export-all`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rapport_core::Vault;

use crate::args::ImportCommand;
use crate::output::Output;
use crate::Failure;

pub(crate) fn backup(vault: &mut Vault, file: PathBuf, out: Output) -> Result<(), Failure> {
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

pub(crate) fn check(vault: &mut Vault, out: Output) -> Result<(), Failure> {
    vault.check()?;
    out.print(&serde_json::json!({ "ok": true }), |w| {
        writeln!(w, "Every page of the vault reads back intact.")
    })
}

pub(crate) fn import(
    vault: &mut Vault,
    command: ImportCommand,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let (file, day_one) = match command {
        ImportCommand::Jrnl { file } => (file, false),
        ImportCommand::Dayone { file } => (file, true),
        ImportCommand::Rapport { file } => return import_rapport(vault, &file, out),
        ImportCommand::Markdown { dir } => return import_markdown(vault, &dir, now, out),
    };
    let text = read_file(&file)?;
    let bar = progress_bar(&out);
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

/// `rapport import markdown DIR`: the folder read first, then written in one transaction.
fn import_markdown(
    vault: &mut Vault,
    dir: &std::path::Path,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    let folder = rapport_core::import_markdown::read_markdown_folder(dir)?;
    let files = folder.files.len();
    let bar = progress_bar(&out);
    let mut progress = |done, total| {
        if let Some(bar) = &bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let report = vault.import_markdown(&folder, now, &mut progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    out.print(&report, |w| {
        writeln!(
            w,
            "Imported {} entries from {files} Markdown files ({} partners added, {} partner links, {} tags).",
            report.entries, report.partners, report.partner_links, report.tags
        )?;
        if report.skipped > 0 {
            writeln!(
                w,
                "Left out {} files without text, or meetings (a meeting's Markdown is for reading).",
                report.skipped
            )?;
        }
        if report.undated > 0 {
            writeln!(
                w,
                "{} notes had no date in their front matter or file name: they are dated by the file's last change.",
                report.undated
            )?;
        }
        writeln!(w, "They are private; mark any with `rapport edit ID --shareable`.")
    })
}

/// A progress bar on a terminal, none for JSON or a pipe.
fn progress_bar(out: &Output) -> Option<indicatif::ProgressBar> {
    (!out.json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("Importing {bar:40} {pos}/{len} entries")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

pub(crate) fn export_all(
    vault: &mut Vault,
    file: Option<PathBuf>,
    markdown: Option<PathBuf>,
    out: Output,
) -> Result<(), Failure> {
    match (file, markdown) {
        (_, Some(dir)) => {
            let written = vault.export_markdown(&dir, chrono::Local::now().date_naive())?;
            out.print(&serde_json::json!({ "files": written }), |w| {
                writeln!(
                    w,
                    "Wrote {written} Markdown files into {} (plaintext, readable only by you).",
                    dir.display()
                )
            })
        }
        (Some(file), None) => {
            let export = vault.export_all()?;
            let text =
                serde_json::to_vec_pretty(&export).map_err(|e| Failure::Usage(e.to_string()))?;
            vault.write_export(&file, &text)?;
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

fn import_rapport(vault: &mut Vault, file: &Path, out: Output) -> Result<(), Failure> {
    // Read as a stream, row by row: never the whole file as a tree.
    let counts = vault.import_all_from(rapport_core::import::open_import_file(file)?)?;
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
