//! The manager summary: only what was chosen, every line with its source, in every format.

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::actions::Owner;
use rapport_core::meetings::{MeetingStatus, NewMeeting};
use rapport_core::summary::{Provenance, SummaryRequest};
use rapport_core::summary_print::{write_summary, PrintFormat};
use rapport_core::{EntryKind, NewPartner, SupportAct};

use crate::support::{entry, TestVault};

const PRIVATE_MARKER: &str = "privmarker5521";

struct Fixture {
    t: TestVault,
    request: SummaryRequest,
    private_entry: rapport_core::EntryId,
}

fn fixture() -> Fixture {
    let mut t = TestVault::new();
    let at = |d: u32| Utc.with_ymd_and_hms(2025, 2, d, 10, 0, 0).unwrap();
    let priya = t
        .vault
        .add_partner(
            NewPartner {
                role: Some("Quality Director".into()),
                cadence_days: Some(14),
                ..NewPartner::named("Priya Raman")
            },
            at(1),
        )
        .unwrap();
    let meeting = t
        .vault
        .create_meeting(
            NewMeeting {
                partners: vec![priya.id],
                at: at(3),
                template: None,
                signals: None,
                purpose: String::new(),
                minutes: None,
            },
            at(3),
        )
        .unwrap();
    t.vault
        .add_decision(
            meeting.id,
            true,
            NaiveDate::from_ymd_opt(2025, 4, 30),
            "Cap WIP at 3 per team",
            at(3),
        )
        .unwrap();
    let done = t
        .vault
        .add_action(meeting.id, Owner::Me, None, "Send the WIP numbers", at(3))
        .unwrap();
    t.vault.complete_action(done.id, at(5)).unwrap();
    t.vault
        .add_action(
            meeting.id,
            Owner::Them,
            NaiveDate::from_ymd_opt(2025, 2, 10),
            "Draft the proposal",
            at(3),
        )
        .unwrap();
    t.vault
        .set_meeting_status(meeting.id, MeetingStatus::Held, at(3))
        .unwrap();
    t.add(
        entry("Priya presented our proposal to the directors")
            .kind(EntryKind::Win)
            .with(priya.id)
            .at(at(12))
            .shareable(),
    );
    t.add(
        entry(&format!("{PRIVATE_MARKER} a private worry"))
            .kind(EntryKind::Concern)
            .with(priya.id)
            .at(at(13)),
    );
    t.add(
        entry(&format!("{PRIVATE_MARKER} a private win"))
            .kind(EntryKind::Win)
            .with(priya.id)
            .at(at(14)),
    );
    t.add(
        entry("Priya ran the release review while I was out")
            .received(SupportAct::Covered)
            .with(priya.id)
            .at(at(16))
            .shareable(),
    );
    t.add(
        entry(&format!(
            "{PRIVATE_MARKER} kept Priya out of the reorg meetings"
        ))
        .gave(SupportAct::Shielded)
        .with(priya.id)
        .at(at(11)),
    );
    let private_entry = t
        .add(
            entry("I was wrong about the test environments; Priya was right")
                .kind(EntryKind::Reflection)
                .with(priya.id)
                .at(at(15)),
        )
        .id;
    let request = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
        partners: vec![priya.id],
        problems: vec![],
        include_entries: vec![],
        exclude: vec![],
    };
    Fixture {
        t,
        request,
        private_entry,
    }
}

/// The printed summary; a PDF as the text `pdftotext` reads from it, with runs of white space
/// made one space (a line may wrap anywhere).
fn render(f: &Fixture, request: &SummaryRequest, format: PrintFormat) -> String {
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let summary = f.t.vault.summary(request, now).unwrap();
    let mut out = Vec::new();
    write_summary(&summary, format, &Utc, &mut out).unwrap();
    if format == PrintFormat::Pdf {
        return pdf_text(&out);
    }
    String::from_utf8(out).unwrap()
}

/// The text of a PDF as poppler's `pdftotext -layout` reads it, white space collapsed. A missing
/// pdftotext fails the test: a skipped privacy check would pass without checking anything.
fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = match std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(e) => panic!(
            "pdftotext could not run ({e}): install poppler-utils (scripts/install-deps.sh does)"
        ),
    };
    assert!(output.status.success(), "pdftotext failed: {output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const FORMATS: [PrintFormat; 4] = [
    PrintFormat::Markdown,
    PrintFormat::Html,
    PrintFormat::Json,
    PrintFormat::Pdf,
];

#[test]
fn the_markdown_summary_reads_as_expected() {
    let f = fixture();
    insta::assert_snapshot!(
        "summary_markdown",
        render(&f, &f.request, PrintFormat::Markdown)
    );
}

#[test]
fn private_entries_are_in_no_format_unless_included_one_by_one() {
    let f = fixture();
    for format in FORMATS {
        let out = render(&f, &f.request, format);
        assert!(!out.contains(PRIVATE_MARKER), "{format:?}: {out}");
        assert!(!out.contains("test environments"), "{format:?}");
    }
    let with_one = SummaryRequest {
        include_entries: vec![f.private_entry],
        ..f.request.clone()
    };
    for format in FORMATS {
        let out = render(&f, &with_one, format);
        assert!(
            out.contains("I was wrong about the test environments"),
            "{format:?}: {out}"
        );
        assert!(
            !out.contains(PRIVATE_MARKER),
            "{format:?}: only the chosen entry"
        );
    }
}

#[test]
fn unticked_lines_are_gone_from_every_format() {
    let f = fixture();
    let summary = f.t.vault.summary(&f.request, Utc::now()).unwrap();
    let key = summary.partners[0]
        .actions
        .iter()
        .find(|l| l.text == "Draft the proposal")
        .unwrap()
        .key
        .clone();
    let trimmed = SummaryRequest {
        exclude: vec![key],
        ..f.request.clone()
    };
    for format in FORMATS {
        let out = render(&f, &trimmed, format);
        assert!(!out.contains("Draft the proposal"), "{format:?}: {out}");
        assert!(out.contains("Send the WIP numbers"), "{format:?}");
    }
}

#[test]
fn every_line_knows_where_it_came_from() {
    let f = fixture();
    let summary = f.t.vault.summary(&f.request, Utc::now()).unwrap();
    let priya = &summary.partners[0];
    assert!(
        matches!(priya.decisions[0].provenance, Provenance::Meeting { at, .. } if at.date_naive() == NaiveDate::from_ymd_opt(2025, 2, 3).unwrap())
    );
    assert!(matches!(priya.wins[0].provenance, Provenance::Entry { .. }));
    let html = render(&f, &f.request, PrintFormat::Html);
    assert!(
        html.contains("<li id=\"n4\">Note of 2025-02-12</li>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("http"), "no remote resources");
    let json: serde_json::Value =
        serde_json::from_str(&render(&f, &f.request, PrintFormat::Json)).unwrap();
    assert_eq!(
        json["partners"][0]["decisions"][0]["provenance"]["kind"],
        "meeting"
    );
}

#[test]
fn bad_ranges_are_refused() {
    let f = fixture();
    let backwards = SummaryRequest {
        from: f.request.to,
        to: f.request.from,
        ..f.request.clone()
    };
    assert!(f.t.vault.summary(&backwards, Utc::now()).is_err());
    let huge = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        ..f.request.clone()
    };
    assert!(f.t.vault.summary(&huge, Utc::now()).is_err());
}

#[test]
fn the_html_and_json_summaries_read_as_expected() {
    let f = fixture();
    let only_decisions = SummaryRequest {
        exclude: vec!["action:1".into(), "action:2".into(), "entry:1".into()],
        ..f.request.clone()
    };
    let html = render(&f, &only_decisions, PrintFormat::Html);
    insta::assert_snapshot!("summary_html_decisions_only", html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Partnership summary, 2025-02-01 to 2025-02-28</title>\n<style>"));

    let json = render(&f, &only_decisions, PrintFormat::Json);
    insta::assert_snapshot!("summary_json_decisions_only", json);
}

#[test]
fn candidates_are_the_private_entries_of_the_range_newest_first() {
    let f = fixture();
    let (candidates, more) = f.t.vault.summary_candidates(&f.request, 10).unwrap();
    assert!(!more);
    // The shareable win and support are already lines; the four private entries are candidates,
    // the support with what it was.
    let previews: Vec<&str> = candidates.iter().map(|c| c.preview.as_str()).collect();
    assert_eq!(candidates.len(), 4, "{previews:?}");
    assert_eq!(candidates[0].id, f.private_entry);
    assert_eq!(
        candidates[3].support.map(|s| s.sentence()),
        Some("You shielded them")
    );
    assert!(candidates.windows(2).all(|w| w[0].at >= w[1].at));
    assert!(previews
        .iter()
        .all(|p| !p.contains("presented our proposal")));

    // One included is no longer a candidate; a limit reports that there are more.
    let mut request = f.request.clone();
    request.include_entries = vec![f.private_entry];
    let (candidates, _) = f.t.vault.summary_candidates(&request, 10).unwrap();
    assert_eq!(candidates.len(), 3);
    assert!(candidates.iter().all(|c| c.id != f.private_entry));
    let (candidates, more) = f.t.vault.summary_candidates(&f.request, 1).unwrap();
    assert_eq!((candidates.len(), more), (1, true));

    // Outside the range there are none.
    request.from = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    request.to = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    assert!(f
        .t
        .vault
        .summary_candidates(&request, 10)
        .unwrap()
        .0
        .is_empty());
}

#[test]
fn without_drops_exactly_the_unticked_lines() {
    let f = fixture();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let full = f.t.vault.summary(&f.request, now).unwrap();
    let decision = full.partners[0].decisions[0].key.clone();
    let trimmed = full.clone().without(std::slice::from_ref(&decision));
    assert!(trimmed.partners[0].decisions.is_empty());
    assert_eq!(trimmed.partners[0].actions, full.partners[0].actions);
    assert_eq!(trimmed.partners[0].wins, full.partners[0].wins);
    let mut request = f.request.clone();
    request.exclude = vec![decision];
    assert_eq!(f.t.vault.summary(&request, now).unwrap(), trimmed);
}

/// The PDF layout of the fixture, one run a line: page, x, baseline, size, weight and colour
/// (r regular, b bold; g grey), text. Positions are rounded to a tenth of a point.
fn runs_text(layout: &rapport_core::pdf::Layout) -> String {
    let mut out = format!("{} page(s)\n", layout.pages);
    for r in &layout.runs {
        out.push_str(&format!(
            "p{} {:.1} {:.1} {} {}{} {}\n",
            r.page,
            r.x,
            r.y,
            r.size,
            if r.bold { "b" } else { "r" },
            if r.grey { "g" } else { " " },
            r.text
        ));
    }
    out
}

#[test]
fn the_pdf_summary_is_laid_out_as_expected() {
    let f = fixture();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let summary = f.t.vault.summary(&f.request, now).unwrap();
    let layout = rapport_core::pdf::layout(&summary.document(), &Utc).unwrap();
    insta::assert_snapshot!("summary_pdf_layout", runs_text(&layout));
    insta::assert_snapshot!("summary_pdf_text", render(&f, &f.request, PrintFormat::Pdf));
}

#[test]
fn names_in_other_scripts_come_out_of_the_pdf_intact() {
    let mut t = TestVault::new();
    let at = Utc.with_ymd_and_hms(2025, 2, 1, 10, 0, 0).unwrap();
    let mut ids = Vec::new();
    for (name, role) in [("Zoë Ørsted", "Čeština"), ("Дмитрий", "Ελληνικά")] {
        let partner = t
            .vault
            .add_partner(
                NewPartner {
                    role: Some(role.into()),
                    ..NewPartner::named(name)
                },
                at,
            )
            .unwrap();
        ids.push(partner.id);
    }
    let request = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
        partners: ids,
        problems: vec![],
        include_entries: vec![],
        exclude: vec![],
    };
    let summary = t.vault.summary(&request, at).unwrap();
    let mut pdf = Vec::new();
    write_summary(&summary, PrintFormat::Pdf, &Utc, &mut pdf).unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("Zoë Ørsted (Čeština)"), "{text}");
    assert!(text.contains("Дмитрий (Ελληνικά)"), "{text}");
}

#[test]
fn a_private_entry_is_included_only_in_a_summary_of_its_own_period() {
    let f = fixture();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    // The entry is from 15 February: a March summary refuses it, naming the field.
    let march = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        include_entries: vec![f.private_entry],
        ..f.request.clone()
    };
    let err = f.t.vault.summary(&march, now).unwrap_err();
    assert_eq!(err.kind(), "invalid_input");
    assert!(err.to_string().starts_with("invalid include:"), "{err}");
    assert!(err.to_string().contains("period"), "{err}");
    assert!(
        !err.to_string().contains("test environments"),
        "no note text"
    );
    // A range that ends the day before, or starts the day after, refuses it too.
    for (from, to) in [(1, 14), (16, 28)] {
        let request = SummaryRequest {
            from: NaiveDate::from_ymd_opt(2025, 2, from).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 2, to).unwrap(),
            include_entries: vec![f.private_entry],
            ..f.request.clone()
        };
        assert!(f.t.vault.summary(&request, now).is_err(), "{from}..{to}");
    }
    // Its own day is enough.
    let that_day = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 2, 15).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 2, 15).unwrap(),
        include_entries: vec![f.private_entry, f.private_entry],
        ..f.request.clone()
    };
    let summary = f.t.vault.summary(&that_day, now).unwrap();
    assert_eq!(summary.included.len(), 1, "named twice, included once");
}

#[test]
fn an_entry_of_any_kind_marked_shareable_is_offered_in_its_period() {
    let mut f = fixture();
    let priya = f.request.partners[0];
    let at = |d: u32| Utc.with_ymd_and_hms(2025, 2, d, 10, 0, 0).unwrap();
    let concern = f.t.add(
        entry("The release train is overloaded")
            .kind(EntryKind::Concern)
            .with(priya)
            .at(at(20))
            .shareable(),
    );
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let summary = f.t.vault.summary(&f.request, now).unwrap();
    let notes = &summary.partners[0].notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].key, format!("entry:{}", concern.id));
    assert_eq!(notes[0].detail, "concern");
    assert!(matches!(notes[0].provenance, Provenance::Entry { id, .. } if id == concern.id));
    assert_eq!(summary.partners[0].wins.len(), 1, "the win stays a win");
    for format in FORMATS {
        let out = render(&f, &f.request, format);
        assert!(
            out.contains("release train is overloaded"),
            "{format:?}: {out}"
        );
    }
    // It is a line, not a candidate; including it by hand does not repeat it.
    let (candidates, _) = f.t.vault.summary_candidates(&f.request, 50).unwrap();
    assert!(candidates.iter().all(|c| c.id != concern.id));
    let twice = SummaryRequest {
        include_entries: vec![concern.id],
        ..f.request.clone()
    };
    let summary = f.t.vault.summary(&twice, now).unwrap();
    assert!(summary.included.is_empty());
    // Outside its period it is not offered.
    let march = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        ..f.request.clone()
    };
    assert!(f.t.vault.summary(&march, now).unwrap().partners[0]
        .notes
        .is_empty());
}

#[test]
fn the_preview_shows_every_line_with_its_source_and_copies_only_the_ticked_ones() {
    let f = fixture();
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let request = SummaryRequest {
        exclude: vec!["action:1".into()],
        ..f.request.clone()
    };
    let preview = f.t.vault.summary_preview(&request, 2, &Utc, now).unwrap();
    // Every line, the unticked one too, each with where it came from.
    let keys: Vec<&str> = preview.summary.lines().map(|l| l.key.as_str()).collect();
    assert!(keys.contains(&"action:1"), "{keys:?}");
    for key in &keys {
        assert!(preview.sources.contains_key(*key), "{key} has a source");
    }
    assert_eq!(preview.sources["decision:1"], "Meeting of 2025-02-03");
    assert_eq!(preview.chosen_lines, keys.len() - 1);
    let priya = f.request.partners[0].0;
    assert_eq!(
        preview.cadence[&priya],
        "1 meeting held (intended every 14 days: about 2)"
    );
    // The Markdown is the summary without the unticked line.
    assert!(
        !preview.markdown.contains("Send the WIP numbers"),
        "{}",
        preview.markdown
    );
    assert!(preview.markdown.contains("Draft the proposal"));
    // At most two candidates offered, and the rest said to exist.
    assert_eq!(preview.candidates.len(), 2);
    assert!(preview.more_candidates);
}
