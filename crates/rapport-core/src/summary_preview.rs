//! The summary before it is shared: every line (unticked ones too, so they can be ticked again)
//! with where it came from, the cadence in words, the private entries that could be included by
//! hand, and exactly the Markdown that "Copy as Markdown" takes. Built here so that every face
//! shows the same thing; the desktop app's Summary screen is one.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::summary::{cadence_text, provenance_text, Candidate, Summary, SummaryRequest};
use crate::summary_print::{write_summary, PrintFormat};
use crate::vault::Vault;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryPreview {
    /// Every line of the range and partners, the unticked ones included.
    pub summary: Summary,
    /// "Meeting of 2025-03-01", by line key, in the time zone asked for.
    pub sources: BTreeMap<String, String>,
    /// "3 meetings held (intended every 14 days: about 6)", by partner id.
    pub cadence: BTreeMap<i64, String>,
    /// How many lines the shared summary will hold.
    pub chosen_lines: usize,
    pub candidates: Vec<Candidate>,
    /// More private entries than `candidates` exist in the range.
    pub more_candidates: bool,
    /// The summary without the unticked lines, as Markdown.
    pub markdown: String,
}

impl Vault {
    /// The preview of `request`, offering at most `candidates` private entries to include.
    pub fn summary_preview<Tz: TimeZone>(
        &self,
        request: &SummaryRequest,
        candidates: u32,
        tz: &Tz,
        now: DateTime<Utc>,
    ) -> Result<SummaryPreview>
    where
        Tz::Offset: std::fmt::Display,
    {
        let everything = SummaryRequest {
            exclude: Vec::new(),
            ..request.clone()
        };
        let summary = self.summary(&everything, now)?;
        let (candidates, more_candidates) = self.summary_candidates(&everything, candidates)?;
        let sources = summary
            .lines()
            .map(|line| (line.key.clone(), provenance_text(&line.provenance, tz)))
            .collect();
        let cadence = summary
            .partners
            .iter()
            .map(|p| {
                let c = &p.cadence;
                (
                    p.partner.id.0,
                    cadence_text(c.held, c.expected, c.intended_days),
                )
            })
            .collect();
        let chosen = summary.clone().without(&request.exclude);
        let mut markdown = Vec::new();
        write_summary(&chosen, PrintFormat::Markdown, tz, &mut markdown)
            .map_err(|e| Error::io("could not print the summary", e))?;
        Ok(SummaryPreview {
            chosen_lines: chosen.lines().count(),
            summary,
            sources,
            cadence,
            candidates,
            more_candidates,
            markdown: String::from_utf8_lossy(&markdown).into_owned(),
        })
    }
}
