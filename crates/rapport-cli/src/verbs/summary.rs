//! `summary`: the summary for a manager, printed or written to a file.

use chrono::{DateTime, Local, Utc};
use rapport_core::Vault;

use crate::args::SummaryArgs;
use crate::input::{self, partner_ids};
use crate::output::Output;
use crate::Failure;

pub(crate) fn run_summary(
    vault: &mut Vault,
    args: SummaryArgs,
    now: DateTime<Utc>,
    out: Output,
) -> Result<(), Failure> {
    use rapport_core::summary::SummaryRequest;
    use rapport_core::summary_print::write_summary;
    let format = print_format(&out, &args.format, args.out.is_some())?;
    let request = SummaryRequest {
        from: input::parse_date("--from", &args.from)?,
        to: input::parse_date("--to", &args.to)?,
        partners: partner_ids(vault, &args.partners)?,
        problems: Vec::new(),
        include_entries: args
            .include
            .into_iter()
            .map(rapport_core::EntryId)
            .collect(),
        exclude: args.exclude,
    };
    let summary = vault.summary(&request, now)?;
    let mut bytes = Vec::new();
    write_summary(&summary, format, &Local, &mut bytes)?;
    deliver(vault, args.out, &bytes)
}

/// The format asked for (JSON with `--json`), refused early when it is a PDF bound for a terminal.
pub(crate) fn print_format(
    out: &Output,
    format: &str,
    to_file: bool,
) -> Result<rapport_core::summary_print::PrintFormat, Failure> {
    use rapport_core::summary_print::PrintFormat;
    let format = if out.is_json() {
        PrintFormat::Json
    } else {
        format.parse::<PrintFormat>()?
    };
    refuse_pdf_on_a_terminal(
        format,
        to_file,
        std::io::IsTerminal::is_terminal(&std::io::stdout()),
    )?;
    Ok(format)
}

/// Prints `bytes` on standard output, or writes them to `file` through the vault's export path
/// (atomically, readable only by the person).
pub(crate) fn deliver(
    vault: &mut Vault,
    file: Option<std::path::PathBuf>,
    bytes: &[u8],
) -> Result<(), Failure> {
    match file {
        None => {
            let mut stdout = std::io::stdout().lock();
            std::io::Write::write_all(&mut stdout, bytes)?;
            Ok(())
        }
        Some(path) => {
            vault.write_export(&path, bytes)?;
            eprintln!("Wrote {} (readable only by you).", path.display());
            Ok(())
        }
    }
}

/// A PDF printed on a terminal is a screenful of binary that can upset the terminal; piped or
/// redirected standard output is fine (`> summary.pdf`).
fn refuse_pdf_on_a_terminal(
    format: rapport_core::summary_print::PrintFormat,
    to_file: bool,
    stdout_is_terminal: bool,
) -> Result<(), Failure> {
    if format == rapport_core::summary_print::PrintFormat::Pdf && !to_file && stdout_is_terminal {
        return Err(Failure::Usage(
            "a PDF goes to a file: add --out FILE".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rapport_core::summary_print::PrintFormat;

    use super::*;

    #[test]
    fn a_pdf_goes_to_a_file_or_a_pipe_never_to_a_terminal() {
        let refused = refuse_pdf_on_a_terminal(PrintFormat::Pdf, false, true);
        assert!(
            matches!(&refused, Err(Failure::Usage(m)) if m == "a PDF goes to a file: add --out FILE")
        );
        assert!(refuse_pdf_on_a_terminal(PrintFormat::Pdf, true, true).is_ok());
        assert!(refuse_pdf_on_a_terminal(PrintFormat::Pdf, false, false).is_ok());
        assert!(refuse_pdf_on_a_terminal(PrintFormat::Markdown, false, true).is_ok());
    }
}
