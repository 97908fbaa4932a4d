//! Printing a `Summary`: as JSON, or as a `Document` that the document printers set in Markdown,
//! self-contained HTML or PDF, into any writer.

use std::io::{self, Write};

use chrono::TimeZone;

use crate::document::{self, Block, Document};
use crate::pdf;
use crate::summary::Summary;
pub use crate::summary::{cadence_text, provenance_text};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    Markdown,
    Html,
    Json,
    /// A4 pages with the fonts embedded (`pdf`).
    Pdf,
}

impl std::str::FromStr for PrintFormat {
    type Err = crate::InputError;

    fn from_str(text: &str) -> Result<Self, crate::InputError> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(PrintFormat::Markdown),
            "html" => Ok(PrintFormat::Html),
            "json" => Ok(PrintFormat::Json),
            "pdf" => Ok(PrintFormat::Pdf),
            _ => Err(crate::InputError::new(
                "format",
                "use md, html, json or pdf",
            )),
        }
    }
}

impl Summary {
    /// The summary as a document to print: a part per partner (cadence, then each section),
    /// then the peer problems and the notes included by hand.
    pub fn document(&self) -> Document {
        let mut blocks = Vec::new();
        for partner in &self.partners {
            blocks.push(Block::Heading(match &partner.role {
                Some(role) => format!("{} ({role})", partner.partner.name),
                None => partner.partner.name.clone(),
            }));
            blocks.push(Block::Text(format!(
                "Cadence: {}.",
                cadence_text(
                    partner.cadence.held,
                    partner.cadence.expected,
                    partner.cadence.intended_days
                )
            )));
            for (title, group) in partner.sections() {
                if !group.is_empty() {
                    blocks.push(Block::Section(title.to_owned()));
                    blocks.push(Block::Lines(group.to_vec()));
                }
            }
        }
        for (title, group) in [
            ("Peer problems", &self.problems),
            ("Notes included", &self.included),
        ] {
            if !group.is_empty() {
                blocks.push(Block::Heading(title.to_owned()));
                blocks.push(Block::Lines(group.clone()));
            }
        }
        Document {
            title: "Partnership summary".into(),
            subtitle: format!("{} to {}", self.from, self.to),
            blocks,
        }
    }
}

pub fn write_json(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, summary).map_err(io::Error::other)?;
    writeln!(out)
}

/// Prints `summary` in `format`.
pub fn write_summary<Tz: TimeZone>(
    summary: &Summary,
    format: PrintFormat,
    tz: &Tz,
    out: &mut dyn Write,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        PrintFormat::Json => write_json(summary, out),
        other => write_document(&summary.document(), other, tz, out),
    }
}

/// Prints a document (a summary's, a brief's, a story's) as Markdown, HTML or PDF. JSON is each
/// one's own value, which its caller prints; asked for here, it is refused.
pub fn write_document<Tz: TimeZone>(
    document: &Document,
    format: PrintFormat,
    tz: &Tz,
    out: &mut dyn Write,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        PrintFormat::Markdown => document::write_markdown(document, tz, out),
        PrintFormat::Html => document::write_html(document, tz, out),
        PrintFormat::Pdf => pdf::write_pdf(document, tz, out),
        PrintFormat::Json => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a document prints as md, html or pdf",
        )),
    }
}
