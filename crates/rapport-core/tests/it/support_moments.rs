//! Support given and received: recorded on entries, counted per year on the partner, kept to
//! partners, and shared only when the entry is.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport_core::summary::SummaryRequest;
use rapport_core::{
    EntryUpdate, Error, ListQuery, NewEntry, Support, SupportAct, SupportDirection, SupportYear,
};

use crate::support::{entry, now, TestVault};

/// Midsummer noon of `year`: the same year in every time zone.
fn in_year(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, 6, 21, 12, 0, 0).unwrap()
}

#[test]
fn support_both_ways_is_counted_per_year_from_live_entries() {
    let mut t = TestVault::new();
    let mike = t.partner("Mike");
    let other = t.partner("Someone else");
    t.add(
        entry("Mike taught me how to run a calibration")
            .received(SupportAct::Taught)
            .with(mike.id)
            .at(in_year(2013)),
    );
    t.add(
        entry("Covered Mike's on-call during his move")
            .gave(SupportAct::Covered)
            .with(mike.id)
            .at(in_year(2016)),
    );
    t.add(
        entry("Mike argued for my promotion")
            .received(SupportAct::Advocated)
            .with(mike.id)
            .at(in_year(2016)),
    );
    let trashed = t.add(
        entry("Sponsored Mike for the platform lead role")
            .gave(SupportAct::Sponsored)
            .with(mike.id)
            .at(in_year(2019)),
    );
    t.vault.trash_entry(trashed.id, now()).unwrap();
    // Neither a plain note about Mike nor support to someone else counts for Mike.
    t.add(entry("Lunch with Mike").with(mike.id).at(in_year(2019)));
    t.add(
        entry("Shielded them from the reorg")
            .gave(SupportAct::Shielded)
            .with(other.id)
            .at(in_year(2019)),
    );

    let balance = t.vault.support_balance(mike.id).unwrap();
    let year = |year, given, received| SupportYear {
        year,
        given,
        received,
    };
    assert_eq!(balance.years, vec![year(2013, 0, 1), year(2016, 1, 1)]);
    assert_eq!((balance.given, balance.received), (1, 2));
    assert_eq!(t.vault.partner(mike.id).unwrap().support, balance);
    assert!(
        t.vault.list_partners(false).unwrap()[0]
            .support
            .years
            .is_empty(),
        "lists do not count support"
    );

    // Back from the trash, it counts again.
    t.vault.restore_entry(trashed.id).unwrap();
    let balance = t.vault.support_balance(mike.id).unwrap();
    assert_eq!(balance.years.last(), Some(&year(2019, 1, 0)));

    // Every reading of an entry carries its support.
    let page = t
        .vault
        .list_entries(&ListQuery {
            partner: Some(mike.id),
            ..ListQuery::default()
        })
        .unwrap();
    let supports: Vec<_> = page.entries.iter().map(|e| e.support).collect();
    assert_eq!(
        supports,
        vec![
            // Same instant: newest id first.
            None,
            Some(Support::given(SupportAct::Sponsored)),
            Some(Support::received(SupportAct::Advocated)),
            Some(Support::given(SupportAct::Covered)),
            Some(Support::received(SupportAct::Taught)),
        ]
    );
    assert_eq!(
        t.vault
            .entry(trashed.id)
            .unwrap()
            .support
            .unwrap()
            .sentence(),
        "You sponsored them"
    );
}

#[test]
fn support_is_always_with_a_partner_and_a_refused_edit_changes_nothing() {
    let mut t = TestVault::new();
    let ana = t.partner("Ana");
    let alone = NewEntry {
        support: Some(Support::received(SupportAct::Covered)),
        ..NewEntry::note("Someone covered for me")
    };
    let error = t.vault.add_entry(alone, now()).unwrap_err();
    assert!(
        matches!(error, Error::Input(ref e) if e.field == "support"),
        "{error:?}"
    );
    assert_eq!(t.vault.count_entries().unwrap(), 0);

    let written = t.add(
        entry("Ana covered the incident review")
            .received(SupportAct::Covered)
            .with(ana.id),
    );
    let unlink = EntryUpdate {
        partners: Some(vec![]),
        body: Some("changed".into()),
        ..EntryUpdate::default()
    };
    let error = t.vault.update_entry(written.id, unlink, now()).unwrap_err();
    assert!(
        matches!(error, Error::Input(ref e) if e.field == "support"),
        "{error:?}"
    );
    assert_eq!(
        t.vault.entry(written.id).unwrap(),
        written,
        "nothing changed"
    );

    // Unlinking and clearing the support in one edit is fine; so is setting it again later.
    let plain = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                partners: Some(vec![]),
                support: Some(None),
                ..EntryUpdate::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!((plain.support, plain.partners.len()), (None, 0));
    let error = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                support: Some(Some(Support::given(SupportAct::HardFeedback))),
                ..EntryUpdate::default()
            },
            now(),
        )
        .unwrap_err();
    assert!(matches!(error, Error::Input(_)), "{error:?}");
    let again = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                partners: Some(vec![ana.id]),
                support: Some(Some(Support::given(SupportAct::HardFeedback))),
                ..EntryUpdate::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        again.support.map(|s| (s.direction, s.sentence())),
        Some((SupportDirection::Given, "You gave them hard feedback"))
    );
    // An edit that does not name the support keeps it.
    let kept = t
        .vault
        .update_entry(
            written.id,
            EntryUpdate {
                body: Some("Told Ana the launch plan would not hold".into()),
                ..EntryUpdate::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(kept.support, again.support);
}

#[test]
fn words_for_support_parse_as_people_type_them() {
    assert_eq!(
        "hard-feedback".parse::<SupportAct>().unwrap(),
        SupportAct::HardFeedback
    );
    assert_eq!(
        " Covered ".parse::<SupportAct>().unwrap(),
        SupportAct::Covered
    );
    assert_eq!(
        "RECEIVED".parse::<SupportDirection>().unwrap(),
        SupportDirection::Received
    );
    let error = "bribed".parse::<SupportAct>().unwrap_err();
    assert!(error.to_string().contains("hard-feedback"), "{error}");
}

#[test]
fn only_shareable_support_reaches_a_summary_and_reads_as_support() {
    let mut t = TestVault::new();
    let ana = t.partner("Ana");
    let at = Utc.with_ymd_and_hms(2025, 2, 10, 12, 0, 0).unwrap();
    let shared = t.add(
        entry("Ana ran the release review while I was out")
            .received(SupportAct::Covered)
            .with(ana.id)
            .shareable()
            .at(at),
    );
    let private = t.add(
        entry("Kept Ana out of the reorg meetings")
            .gave(SupportAct::Shielded)
            .with(ana.id)
            .at(at),
    );
    let mut request = SummaryRequest {
        from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
        partners: vec![ana.id],
        problems: vec![],
        include_entries: vec![],
        exclude: vec![],
    };
    let summary = t.vault.summary(&request, now()).unwrap();
    let section = &summary.partners[0];
    assert_eq!(section.support.len(), 1);
    assert_eq!(section.support[0].key, format!("entry:{}", shared.id));
    assert_eq!(section.support[0].detail, "They covered for you");
    assert!(section.wins.is_empty() && section.notes.is_empty());

    request.include_entries = vec![private.id];
    let summary = t.vault.summary(&request, now()).unwrap();
    assert_eq!(
        summary.included[0].detail,
        "You shielded them, included by hand"
    );
}
