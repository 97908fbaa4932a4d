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
    use rapport_core::summary_print::{write_summary, SummaryFormat};
    let format = if out.is_json() {
        SummaryFormat::Json
    } else {
        args.format.parse::<SummaryFormat>()?
    };
    refuse_pdf_on_a_terminal(
        format,
        args.out.is_some(),
        std::io::IsTerminal::is_terminal(&std::io::stdout()),
    )?;
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
    match args.out {
        None => {
            let mut stdout = std::io::stdout().lock();
            std::io::Write::write_all(&mut stdout, &bytes)?;
            Ok(())
        }
        Some(path) => {
            vault.write_export(&path, &bytes)?;
            eprintln!("Wrote {} (readable only by you).", path.display());
            Ok(())
        }
    }
}

/// A PDF printed on a terminal is a screenful of binary that can upset the terminal; piped or
/// redirected standard output is fine (`> summary.pdf`).
fn refuse_pdf_on_a_terminal(
    format: rapport_core::summary_print::SummaryFormat,
    to_file: bool,
    stdout_is_terminal: bool,
) -> Result<(), Failure> {
    if format == rapport_core::summary_print::SummaryFormat::Pdf && !to_file && stdout_is_terminal {
        return Err(Failure::Usage(
            "a PDF goes to a file: add --out FILE".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rapport_core::summary_print::SummaryFormat;

    use super::*;

    #[test]
    fn a_pdf_goes_to_a_file_or_a_pipe_never_to_a_terminal() {
        let refused = refuse_pdf_on_a_terminal(SummaryFormat::Pdf, false, true);
        assert!(
            matches!(&refused, Err(Failure::Usage(m)) if m == "a PDF goes to a file: add --out FILE")
        );
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Pdf, true, true).is_ok());
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Pdf, false, false).is_ok());
        assert!(refuse_pdf_on_a_terminal(SummaryFormat::Markdown, false, true).is_ok());
    }
}
