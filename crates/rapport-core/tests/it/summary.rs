//! The manager summary: only what was chosen, every line with its source, in every format.

use chrono::{NaiveDate, TimeZone, Utc};
use rapport_core::actions::Owner;
use rapport_core::meetings::{MeetingStatus, NewMeeting};
use rapport_core::summary::{Provenance, SummaryRequest};
use rapport_core::summary_print::{write_summary, SummaryFormat};
use rapport_core::{EntryKind, NewPartner};

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

fn render(f: &Fixture, request: &SummaryRequest, format: SummaryFormat) -> String {
    let now = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
    let summary = f.t.vault.summary(request, now).unwrap();
    let mut out = Vec::new();
    write_summary(&summary, format, &Utc, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const FORMATS: [SummaryFormat; 3] = [
    SummaryFormat::Markdown,
    SummaryFormat::Html,
    SummaryFormat::Json,
];

#[test]
fn the_markdown_summary_reads_as_expected() {
    let f = fixture();
    let expected = "\
# Partnership summary, 2025-02-01 to 2025-02-28

## Priya Raman (Quality Director)

Cadence: 1 meeting held (intended every 14 days: about 2).

### Agreements and decisions

- Cap WIP at 3 per team _(agreed, decide again by 2025-04-30)_[^1]

### Action items

- Draft the proposal _(theirs, overdue since 2025-02-10)_[^2]
- Send the WIP numbers _(mine, done)_[^3]

### Wins

- Priya presented our proposal to the directors _(win)_[^4]

[^1]: Meeting of 2025-02-03
[^2]: Meeting of 2025-02-03
[^3]: Meeting of 2025-02-03
[^4]: Note of 2025-02-12
";
    assert_eq!(render(&f, &f.request, SummaryFormat::Markdown), expected);
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
    let html = render(&f, &f.request, SummaryFormat::Html);
    assert!(
        html.contains("<li id=\"n4\">Note of 2025-02-12</li>"),
        "{html}"
    );
    assert!(!html.contains("<script"), "no scripts");
    assert!(!html.contains("http"), "no remote resources");
    let json: serde_json::Value =
        serde_json::from_str(&render(&f, &f.request, SummaryFormat::Json)).unwrap();
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
    let html = render(&f, &only_decisions, SummaryFormat::Html);
    let body = html.split("<body>").nth(1).unwrap();
    let expected_body = "
<h1>Partnership summary, 2025-02-01 to 2025-02-28</h1>
<h2>Priya Raman (Quality Director)</h2>
<p class=\"cadence\">Cadence: 1 meeting held (intended every 14 days: about 2).</p>
<h3>Agreements and decisions</h3>
<ul>
<li>Cap WIP at 3 per team <span class=\"detail\">(agreed, decide again by 2025-04-30)</span><sup><a href=\"#n1\">1</a></sup></li>
</ul>
<ol class=\"notes\">
<li id=\"n1\">Meeting of 2025-02-03</li>
</ol>
</body>
</html>
";
    assert_eq!(body, expected_body);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Partnership summary, 2025-02-01 to 2025-02-28</title>\n<style>"));

    let json = render(&f, &only_decisions, SummaryFormat::Json);
    let expected_json = r#"{
  "from": "2025-02-01",
  "to": "2025-02-28",
  "partners": [
    {
      "partner": {
        "id": 1,
        "name": "Priya Raman"
      },
      "role": "Quality Director",
      "cadence": {
        "intended_days": 14,
        "held": 1,
        "expected": 2
      },
      "decisions": [
        {
          "key": "decision:1",
          "text": "Cap WIP at 3 per team",
          "detail": "agreed, decide again by 2025-04-30",
          "provenance": {
            "kind": "meeting",
            "id": 1,
            "at": "2025-02-03T10:00:00Z"
          }
        }
      ],
      "actions": [],
      "wins": []
    }
  ],
  "problems": [],
  "included": []
}
"#;
    assert_eq!(json, expected_json);
}
