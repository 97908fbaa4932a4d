//! Printers for a `Summary`: Markdown, self-contained HTML and JSON, into any writer (PDF is in
//! `summary_pdf`).
//! Dates are printed in the time zone the caller passes (the person's local one).

use std::io::{self, Write};

use chrono::TimeZone;

pub use crate::summary::{cadence_text, provenance_text};
use crate::summary::{one_line, Line, Summary};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Markdown,
    Html,
    Json,
    /// A4 pages with the fonts embedded (`summary_pdf`).
    Pdf,
}

impl std::str::FromStr for SummaryFormat {
    type Err = crate::InputError;

    fn from_str(text: &str) -> Result<Self, crate::InputError> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(SummaryFormat::Markdown),
            "html" => Ok(SummaryFormat::Html),
            "json" => Ok(SummaryFormat::Json),
            "pdf" => Ok(SummaryFormat::Pdf),
            _ => Err(crate::InputError::new(
                "format",
                "use md, html, json or pdf",
            )),
        }
    }
}

pub fn write_markdown<Tz: TimeZone>(
    summary: &Summary,
    tz: &Tz,
    out: &mut dyn Write,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let mut note = 0;
    let mut notes: Vec<String> = Vec::new();
    let mut line = |out: &mut dyn Write, l: &Line| -> io::Result<()> {
        note += 1;
        notes.push(format!("[^{note}]: {}", provenance_text(&l.provenance, tz)));
        writeln!(out, "- {} _({})_[^{note}]", one_line(&l.text), l.detail)
    };
    writeln!(
        out,
        "# Partnership summary, {} to {}",
        summary.from, summary.to
    )?;
    for partner in &summary.partners {
        writeln!(out)?;
        match &partner.role {
            Some(role) => writeln!(out, "## {} ({role})", partner.partner.name)?,
            None => writeln!(out, "## {}", partner.partner.name)?,
        }
        writeln!(out)?;
        writeln!(
            out,
            "Cadence: {}.",
            cadence_text(
                partner.cadence.held,
                partner.cadence.expected,
                partner.cadence.intended_days
            )
        )?;
        for (title, group) in partner.sections() {
            if group.is_empty() {
                continue;
            }
            writeln!(out, "\n### {title}\n")?;
            for l in group {
                line(out, l)?;
            }
        }
    }
    for (title, group) in [
        ("Peer problems", &summary.problems),
        ("Notes included", &summary.included),
    ] {
        if group.is_empty() {
            continue;
        }
        writeln!(out, "\n## {title}\n")?;
        for l in group {
            line(out, l)?;
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
        for n in &notes {
            writeln!(out, "{n}")?;
        }
    }
    Ok(())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.5 -apple-system,'Segoe UI',Cantarell,'DejaVu Sans',sans-serif;\
color:#1d232b;max-width:46rem;margin:2.5rem auto;padding:0 1.5rem}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9d5cc;\
padding-bottom:.3rem}h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:#5b6470}\
ul{padding-left:1.2rem}li{margin:.35rem 0}.detail{color:#5b6470}.cadence{color:#333}\
sup a{color:#11807a;text-decoration:none}.notes{margin-top:2.5rem;font-size:.85rem;color:#5b6470}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

pub fn write_html<Tz: TimeZone>(summary: &Summary, tz: &Tz, out: &mut dyn Write) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let title = format!("Partnership summary, {} to {}", summary.from, summary.to);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&title)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    let mut note = 0;
    let mut notes: Vec<String> = Vec::new();
    let mut list = |out: &mut dyn Write, group: &[Line]| -> io::Result<()> {
        writeln!(out, "<ul>")?;
        for l in group {
            note += 1;
            notes.push(format!(
                "<li id=\"n{note}\">{}</li>",
                escape(&provenance_text(&l.provenance, tz))
            ));
            writeln!(
                out,
                "<li>{} <span class=\"detail\">({})</span><sup><a href=\"#n{note}\">{note}</a></sup></li>",
                escape(&one_line(&l.text)),
                escape(&l.detail)
            )?;
        }
        writeln!(out, "</ul>")
    };
    for partner in &summary.partners {
        let heading = match &partner.role {
            Some(role) => format!("{} ({role})", partner.partner.name),
            None => partner.partner.name.clone(),
        };
        writeln!(out, "<h2>{}</h2>", escape(&heading))?;
        writeln!(
            out,
            "<p class=\"cadence\">Cadence: {}.</p>",
            escape(&cadence_text(
                partner.cadence.held,
                partner.cadence.expected,
                partner.cadence.intended_days
            ))
        )?;
        for (title, group) in partner.sections() {
            if !group.is_empty() {
                writeln!(out, "<h3>{title}</h3>")?;
                list(out, group)?;
            }
        }
    }
    for (title, group) in [
        ("Peer problems", &summary.problems),
        ("Notes included", &summary.included),
    ] {
        if !group.is_empty() {
            writeln!(out, "<h2>{title}</h2>")?;
            list(out, group)?;
        }
    }
    if !notes.is_empty() {
        writeln!(out, "<ol class=\"notes\">")?;
        for n in &notes {
            writeln!(out, "{n}")?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</body>\n</html>")
}

pub fn write_json(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, summary).map_err(io::Error::other)?;
    writeln!(out)
}

/// Prints `summary` in `format`.
pub fn write_summary<Tz: TimeZone>(
    summary: &Summary,
    format: SummaryFormat,
    tz: &Tz,
    out: &mut dyn Write,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        SummaryFormat::Markdown => write_markdown(summary, tz, out),
        SummaryFormat::Html => write_html(summary, tz, out),
        SummaryFormat::Json => write_json(summary, out),
        SummaryFormat::Pdf => crate::summary_pdf::write_pdf(summary, tz, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_it_prints() {
        assert_eq!(
            escape("<script>\"a\" & 'b'"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
    }
}
