//! A document to print: a title, a subtitle and blocks of headings, paragraphs and sourced lines.
//! The summary for a manager and a problem's brief are both built into one, and the printers here
//! (Markdown, self-contained HTML) and in `pdf` (A4 pages) set every document the same way: each
//! line with a numbered note saying where it came from.
//! Dates are printed in the time zone the caller passes (the person's local one).

use std::io::{self, Write};

use chrono::TimeZone;

use crate::summary::{one_line, provenance_text, Line};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Under the title: the period, the people.
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A part of the document: a partner, "Options".
    Heading(String),
    /// A section within a part: "Action items".
    Section(String),
    /// A paragraph without a source (the cadence kept, written from the meetings counted).
    Text(String),
    /// A list of lines, each with its detail and its source.
    Lines(Vec<Line>),
    /// A list of items whose place already says where they come from (a story's highlights,
    /// under their year): each with its detail, no numbered note.
    Items(Vec<Item>),
}

/// An item of a [`Block::Items`] list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    /// Said after the text in parentheses; empty for none.
    pub detail: String,
}

impl Item {
    /// The text on one line, and the detail in parentheses (none when it is empty).
    fn parts(&self) -> (String, Option<String>) {
        let detail = (!self.detail.is_empty()).then(|| format!("({})", self.detail));
        (one_line(&self.text), detail)
    }
}

impl Document {
    /// The title as one line: the HTML page's and the PDF's title.
    pub fn full_title(&self) -> String {
        if self.subtitle.is_empty() {
            self.title.clone()
        } else {
            format!("{}, {}", self.title, self.subtitle)
        }
    }
}

/// A line's text and its detail in parentheses (none when the detail is empty).
fn line_text(line: &Line) -> (String, Option<String>) {
    let detail = (!line.detail.is_empty()).then(|| format!("({})", line.detail));
    (one_line(&line.text), detail)
}

pub fn write_markdown<Tz: TimeZone>(
    document: &Document,
    tz: &Tz,
    out: &mut dyn Write,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let mut notes: Vec<String> = Vec::new();
    writeln!(out, "# {}", document.title)?;
    if !document.subtitle.is_empty() {
        writeln!(out, "\n{}", document.subtitle)?;
    }
    for block in &document.blocks {
        match block {
            Block::Heading(text) => writeln!(out, "\n## {text}")?,
            Block::Section(text) => writeln!(out, "\n### {text}")?,
            Block::Text(text) => writeln!(out, "\n{text}")?,
            Block::Lines(lines) => {
                writeln!(out)?;
                for line in lines {
                    notes.push(provenance_text(&line.provenance, tz));
                    let note = notes.len();
                    match line_text(line) {
                        (text, Some(detail)) => writeln!(out, "- {text} _{detail}_[^{note}]")?,
                        (text, None) => writeln!(out, "- {text}[^{note}]")?,
                    }
                }
            }
            Block::Items(items) => {
                writeln!(out)?;
                for item in items {
                    match item.parts() {
                        (text, Some(detail)) => writeln!(out, "- {text} _{detail}_")?,
                        (text, None) => writeln!(out, "- {text}")?,
                    }
                }
            }
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
        for (index, note) in notes.iter().enumerate() {
            writeln!(out, "[^{}]: {note}", index + 1)?;
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
h1{font-size:1.6rem;margin-bottom:.2rem}.subtitle{color:#5b6470;margin-top:0}\
h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9d5cc;\
padding-bottom:.3rem}h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:#5b6470}\
ul{padding-left:1.2rem}li{margin:.35rem 0}.detail{color:#5b6470}\
sup a{color:#11807a;text-decoration:none}.notes{margin-top:2.5rem;font-size:.85rem;color:#5b6470}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// One HTML file with its style inside: no script, no link, nothing fetched.
pub fn write_html<Tz: TimeZone>(document: &Document, tz: &Tz, out: &mut dyn Write) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&document.full_title())
    )?;
    writeln!(out, "<h1>{}</h1>", escape(&document.title))?;
    if !document.subtitle.is_empty() {
        writeln!(
            out,
            "<p class=\"subtitle\">{}</p>",
            escape(&document.subtitle)
        )?;
    }
    let mut notes: Vec<String> = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading(text) => writeln!(out, "<h2>{}</h2>", escape(text))?,
            Block::Section(text) => writeln!(out, "<h3>{}</h3>", escape(text))?,
            Block::Text(text) => writeln!(out, "<p>{}</p>", escape(text))?,
            Block::Lines(lines) => {
                writeln!(out, "<ul>")?;
                for line in lines {
                    notes.push(provenance_text(&line.provenance, tz));
                    let note = notes.len();
                    let (text, detail) = line_text(line);
                    let detail = detail
                        .map(|d| format!(" <span class=\"detail\">{}</span>", escape(&d)))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "<li>{}{detail}<sup><a href=\"#n{note}\">{note}</a></sup></li>",
                        escape(&text)
                    )?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Items(items) => {
                writeln!(out, "<ul>")?;
                for item in items {
                    let (text, detail) = item.parts();
                    let detail = detail
                        .map(|d| format!(" <span class=\"detail\">{}</span>", escape(&d)))
                        .unwrap_or_default();
                    writeln!(out, "<li>{}{detail}</li>", escape(&text))?;
                }
                writeln!(out, "</ul>")?;
            }
        }
    }
    if !notes.is_empty() {
        writeln!(out, "<ol class=\"notes\">")?;
        for (index, note) in notes.iter().enumerate() {
            writeln!(out, "<li id=\"n{}\">{}</li>", index + 1, escape(note))?;
        }
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</body>\n</html>")
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
