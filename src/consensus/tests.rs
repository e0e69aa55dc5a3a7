use proptest::prelude::*;

use super::*;
use crate::model::{Date, Profile};

/// Two sections, six items; the scale declares "don't know".
const CHECKLIST: &str = r#"
id: committee
title: Committee checklist
version: "1"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
  - { value: unknown, label: "Don't know", credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 0, label: Any }
profiles:
  - { id: all, title: Everything }
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org" }
sections:
  - id: mou
    title: MOU
    items:
      - { id: mou.a, title: A, guidance: g, priority: medium, responsible: joint, recommendation: r, sources: [{ source: src }] }
      - { id: mou.b, title: B, guidance: g, priority: high, responsible: joint, recommendation: r, sources: [{ source: src }] }
      - { id: mou.c, title: C, guidance: g, priority: low, responsible: joint, recommendation: r, sources: [{ source: src }] }
  - id: records
    title: Records
    items:
      - { id: records.d, title: D, guidance: g, priority: critical, responsible: joint, recommendation: r, sources: [{ source: src }] }
      - { id: records.e, title: E, guidance: g, priority: medium, responsible: joint, recommendation: r, sources: [{ source: src }] }
      - { id: records.f, title: F, guidance: g, priority: medium, responsible: joint, recommendation: r, sources: [{ source: src }] }
"#;

fn checklist() -> Checklist {
    crate::load::parse_checklist(CHECKLIST, std::path::Path::new("committee.yaml"))
        .unwrap()
        .checklist
}

fn profile(checklist: &Checklist) -> &Profile {
    checklist.profile("all").unwrap()
}

fn answers(statuses: &[(&str, &str)]) -> Answers {
    Answers {
        checklist: "committee".into(),
        checklist_version: None,
        profile: "all".into(),
        district: "Example Area School District".into(),
        district_id: None,
        label: "Member".into(),
        date: Date::parse("2026-11-02").unwrap(),
        prepared_by: None,
        rater: None,
        rater_group: None,
        board: Default::default(),
        option: None,
        consensus: None,
        answers: statuses
            .iter()
            .map(|(id, status)| answer(id, Some(status)))
            .collect(),
    }
}

fn answer(id: &str, status: Option<&str>) -> Answer {
    Answer {
        status: status.map(str::to_string),
        ..Answer::empty(id)
    }
}

/// Four members with known disagreements: b spans the scale, d mixes "not applicable" with a
/// rating, e is mostly "don't know", f nobody answered.
fn four_members() -> Vec<Answers> {
    let rows: [[&str; 5]; 4] = [
        ["met", "met", "met", "na", "unknown"],
        ["met", "not_met", "partial", "na", "unknown"],
        ["met", "partial", "met", "met", "unknown"],
        ["met", "met", "partial", "na", "met"],
    ];
    let ids = ["mou.a", "mou.b", "mou.c", "records.d", "records.e"];
    rows.iter()
        .map(|row| {
            answers(
                &ids.iter()
                    .copied()
                    .zip(row.iter().copied())
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

fn members<'a>(all: &'a [Answers], groups: &[&'a str]) -> Vec<Member<'a>> {
    const NAMES: [&str; 4] = ["Principal", "Officer", "Parent", "Student"];
    all.iter()
        .enumerate()
        .map(|(n, answers)| Member {
            rater: NAMES[n % 4],
            group: groups.get(n).copied(),
            file: "member.yaml",
            answers,
        })
        .collect()
}

fn item<'c>(consensus: &'c Consensus, id: &str) -> &'c ConsensusItem {
    consensus.items.iter().find(|i| i.id == id).unwrap()
}

#[test]
fn proposes_the_lower_median_and_flags_wide_spreads_and_mixed_not_applicable() {
    let c = checklist();
    let all = four_members();
    let result = consensus(&c, profile(&c), &members(&all, &[]), DEFAULT_THRESHOLD);
    let proposed = |id| item(&result, id).proposed.as_deref();
    assert_eq!(proposed("mou.a"), Some("met"));
    // not_met, partial, met, met: the lower of the two middle ratings.
    assert_eq!(proposed("mou.b"), Some("partial"));
    assert_eq!(proposed("mou.c"), Some("partial"));
    // Three of four chose "not applicable".
    assert_eq!(proposed("records.d"), Some("na"));
    assert_eq!(proposed("records.e"), Some("met"));
    assert_eq!(proposed("records.f"), None);
    assert_eq!(item(&result, "mou.b").flag, Some(Flag::Spread { steps: 2 }));
    assert_eq!(item(&result, "mou.c").flag, None);
    assert_eq!(
        item(&result, "records.d").flag,
        Some(Flag::NotApplicableMixed)
    );
    assert_eq!(item(&result, "records.e").flag, None);
}

#[test]
fn the_agenda_puts_critical_items_first_then_the_items_nobody_could_judge() {
    let c = checklist();
    let all = four_members();
    let result = consensus(&c, profile(&c), &members(&all, &[]), DEFAULT_THRESHOLD);
    let ids = |items: Vec<&ConsensusItem>| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(result.agenda()), ["records.d", "mou.b"]);
    assert_eq!(ids(result.mostly_dont_know()), ["records.e"]);
    assert_eq!(item(&result, "records.e").dont_know, 3);
    // a and c: neither flagged nor mostly "don't know"; nobody answered f.
    assert_eq!(ids(result.settled()), ["mou.a", "mou.c"]);
    assert_eq!(result.nobody_answered(), 1);
}

#[test]
fn a_wider_threshold_flags_fewer_items() {
    let c = checklist();
    let all = four_members();
    let result = consensus(&c, profile(&c), &members(&all, &[]), 2);
    assert_eq!(item(&result, "mou.b").flag, None);
    assert_eq!(
        item(&result, "records.d").flag,
        Some(Flag::NotApplicableMixed)
    );
}

#[test]
fn agreement_counts_items_answered_by_two_and_reads_alpha() {
    let c = checklist();
    let all = four_members();
    let result = consensus(&c, profile(&c), &members(&all, &[]), DEFAULT_THRESHOLD);
    let agreement = &result.agreement;
    assert_eq!(
        (agreement.raters, agreement.items, agreement.items_answered),
        (4, 6, 5)
    );
    // a, b, c and d were answered by two or more; only a by all alike. e was answered once.
    assert_eq!(agreement.items_answered_by_two, 4);
    assert_eq!(agreement.items_all_agree, 1);
    assert_eq!(agreement.percent_agreement, Some(25.0));
    let alpha = agreement.krippendorff_alpha_ordinal.unwrap();
    // The ratings on the scale, as ranks: a [2,2,2,2], b [2,0,1,2], c [2,1,2,1], d [2].
    let expected = ordinal_alpha(
        &[
            vec![2, 2, 2, 2],
            vec![2, 0, 1, 2],
            vec![2, 1, 2, 1],
            vec![2],
            vec![2],
            vec![],
        ],
        3,
    );
    assert_eq!(Ok(alpha), expected.map(|a| (a * 1000.0).round() / 1000.0));
    assert_eq!(agreement.reliability, Some(Reliability::of(alpha)));
}

#[test]
fn alpha_is_null_with_its_reason_when_members_rated_nothing_in_common() {
    let c = checklist();
    let all = vec![
        answers(&[("mou.a", "met")]),
        answers(&[("mou.b", "unknown")]),
    ];
    let result = consensus(&c, profile(&c), &members(&all, &[]), DEFAULT_THRESHOLD);
    assert_eq!(result.agreement.krippendorff_alpha_ordinal, None);
    assert_eq!(
        result.agreement.alpha_unavailable,
        Some(AlphaUnavailable::NoItemRatedTwice)
    );
    assert_eq!(result.agreement.percent_agreement, None);
}

#[test]
fn reliability_follows_krippendorffs_cut_offs() {
    assert_eq!(Reliability::of(0.800), Reliability::Reliable);
    assert_eq!(Reliability::of(0.7999), Reliability::Tentative);
    assert_eq!(Reliability::of(0.667), Reliability::Tentative);
    assert_eq!(Reliability::of(0.6669), Reliability::Low);
}

#[test]
fn groups_score_their_own_ratings_and_wide_differences_come_first() {
    let c = checklist();
    let all = four_members();
    let groups = ["law enforcement", "law enforcement", "family", "family"];
    let result = consensus(&c, profile(&c), &members(&all, &groups), DEFAULT_THRESHOLD);
    let view = result.groups.unwrap();
    assert_eq!(view.groups, ["law enforcement", "family"]);
    // MOU, law enforcement: a met,met (2+2), b met,not_met (3+0), c met,partial (1+0.5) of
    // 2*(2+3+1) = 12: 8.5/12. Family: a met,met, b partial,met (1.5+3), c met,partial: 10/12.
    let mou = view
        .sections
        .iter()
        .find(|s| s.section_id == "mou")
        .unwrap();
    assert_eq!(mou.ratings, [6, 6]);
    let percents: Vec<f64> = mou.percents.iter().map(|p| p.unwrap()).collect();
    assert!((percents[0] - 100.0 * 8.5 / 12.0).abs() < 1e-9);
    assert!((percents[1] - 100.0 * 10.0 / 12.0).abs() < 1e-9);
    assert!(!mou.differs);
    // Records: law enforcement rated nothing on the scale; family d met, e met: 100.
    let records = view
        .sections
        .iter()
        .find(|s| s.section_id == "records")
        .unwrap();
    assert_eq!(records.percents, [None, Some(100.0)]);
    assert_eq!(records.difference, None);
}

#[test]
fn sections_where_groups_differ_by_25_points_come_first() {
    let c = checklist();
    let all = vec![
        answers(&[("mou.a", "met"), ("records.d", "met"), ("records.e", "met")]),
        answers(&[
            ("mou.a", "met"),
            ("records.d", "not_met"),
            ("records.e", "partial"),
        ]),
    ];
    let result = consensus(
        &c,
        profile(&c),
        &members(&all, &["district staff", "family"]),
        1,
    );
    let view = result.groups.unwrap();
    let order: Vec<&str> = view
        .sections
        .iter()
        .map(|s| s.section_id.as_str())
        .collect();
    assert_eq!(order, ["records", "mou"]);
    assert!(view.sections[0].differs && !view.sections[1].differs);
    assert_eq!(view.sections[0].difference, Some(100.0 - 100.0 * 1.0 / 7.0));
}

#[test]
fn a_name_given_twice_gets_its_file_and_labels_come_from_the_scale() {
    let c = checklist();
    let all = four_members();
    let mut given = members(&all, &[]);
    given[1].rater = "Principal";
    given[1].file = "principal-2.yaml";
    let result = consensus(&c, profile(&c), &given, 1);
    let names: Vec<&str> = result.raters.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Principal (member.yaml)",
            "Principal (principal-2.yaml)",
            "Parent",
            "Student"
        ]
    );
    assert_eq!(result.label_of("partial"), "Partly in place");
    assert_eq!(result.label_of("unknown"), "Don't know");
    assert_eq!(result.district, "Example Area School District");
}

#[test]
fn one_group_gives_no_group_view() {
    let c = checklist();
    let all = four_members();
    let result = consensus(&c, profile(&c), &members(&all, &["family", "family"]), 1);
    assert!(result.groups.is_none());
}

#[test]
fn internal_notes_are_removed_for_public_documents() {
    let c = checklist();
    let mut all = four_members();
    all[1].answers[1].internal_note = Some("Student J.D. was referred".into());
    let result = consensus(&c, profile(&c), &members(&all, &[]), DEFAULT_THRESHOLD);
    assert!(result.has_internal_notes());
    let public = result.without_internal_notes();
    assert!(!public.has_internal_notes());
    assert!(!format!("{public:?}").contains("J.D."));
}

const STATUSES: [Option<&str>; 6] = [
    Some("met"),
    Some("partial"),
    Some("not_met"),
    Some("na"),
    Some("unknown"),
    None,
];

fn member_files(rows: &[Vec<usize>]) -> Vec<Answers> {
    let ids = [
        "mou.a",
        "mou.b",
        "mou.c",
        "records.d",
        "records.e",
        "records.f",
    ];
    rows.iter()
        .map(|row| {
            let mut file = answers(&[]);
            file.answers = ids
                .iter()
                .zip(row)
                .map(|(id, &status)| answer(id, STATUSES[status]))
                .collect();
            file
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_proposal_is_always_one_of_the_members_answers_and_alpha_stays_in_range(
        rows in prop::collection::vec(prop::collection::vec(0..STATUSES.len(), 6), 2..13),
        threshold in 0usize..3,
    ) {
        let c = checklist();
        let all = member_files(&rows);
        let result = consensus(&c, profile(&c), &members(&all, &[]), threshold);
        for item in &result.items {
            let given: Vec<&str> = item
                .ratings
                .iter()
                .flatten()
                .filter_map(|a| a.status())
                .filter(|s| *s != DONT_KNOW)
                .collect();
            match &item.proposed {
                Some(proposed) => prop_assert!(given.contains(&proposed.as_str())),
                None => prop_assert!(given.is_empty()),
            }
        }
        if let Some(alpha) = result.agreement.krippendorff_alpha_ordinal {
            prop_assert!((-1.0..=1.0).contains(&alpha), "alpha {alpha}");
        }
        if let Some(percent) = result.agreement.percent_agreement {
            prop_assert!((0.0..=100.0).contains(&percent));
        }
    }
}
