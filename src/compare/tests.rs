//! Comparison and summary tests on the bundled checklist: worked examples and properties.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::load;
use crate::model::{Answer, Answers};
use crate::score::score;

/// What an answer can be in these tests: a scale value, or no answer.
const CHOICES: [Option<&str>; 5] = [
    Some("met"),
    Some("partial"),
    Some("not_met"),
    Some("na"),
    None,
];
const PROFILES: [&str; 3] = ["existing-program", "considering-sro", "without-sro"];

fn checklist() -> &'static Checklist {
    static CHECKLIST: OnceLock<Checklist> = OnceLock::new();
    CHECKLIST.get_or_init(|| {
        load::bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist
    })
}

fn item_count() -> usize {
    checklist().item_count()
}

/// An assessment with `choices[i]` (an index into `CHOICES`) answering the checklist's item i.
fn assessment(
    profile: &str,
    district: &str,
    date: &str,
    label: &str,
    choices: &[usize],
) -> Assessment {
    let answers = checklist()
        .items()
        .zip(choices)
        .filter_map(|((_, item), &choice)| {
            CHOICES[choice % CHOICES.len()].map(|status| Answer {
                note: Some("why".into()),
                ..Answer::with_status(item.id.clone(), status)
            })
        })
        .collect();
    let answers = Answers {
        checklist: checklist().id.clone(),
        checklist_version: Some(checklist().version.clone()),
        profile: profile.into(),
        district: district.into(),
        district_id: None,
        label: label.into(),
        date: Date::parse(date).unwrap(),
        prepared_by: None,
        rater: None,
        rater_group: None,
        board: Default::default(),
        option: None,
        consensus: None,
        answers,
    };
    score(checklist(), &answers, "0123456789ab")
}

fn choices() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..CHOICES.len(), item_count())
}

fn ids(changes: &[ItemChange]) -> Vec<&str> {
    let mut ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn options_on_different_profiles_show_items_outside_a_profile_as_not_in_scope() {
    let all_met = vec![0; item_count()];
    let sro = assessment("considering-sro", "D", "2026-03-15", "Option A", &all_met);
    let alternative = assessment("without-sro", "D", "2026-03-15", "Option B", &all_met);
    let comparison = compare(checklist(), &[sro, alternative]);
    assert_eq!(comparison.kind, ComparisonKind::Options);
    assert!(comparison.has_mixed_profiles());
    let mou = comparison
        .items
        .iter()
        .find(|row| row.id == "governance.written-mou")
        .unwrap();
    assert_eq!(mou.cells[1].state, CellState::NotInScope);
    assert_eq!(mou.cells[1].label, NOT_IN_SCOPE);
    assert!(comparison.notes[0].contains("Option A on"));
    assert!(comparison.notes[0].contains("Option B on"));
}

#[test]
fn one_district_at_two_dates_is_a_trend_in_date_order() {
    let before = vec![2; item_count()];
    let after = vec![0; item_count()];
    let later = assessment("existing-program", "D", "2026-03-15", "2026", &after);
    let earlier = assessment("existing-program", "D", "2025-03-15", "2025", &before);
    let comparison = compare(checklist(), &[later, earlier]);
    assert_eq!(comparison.kind, ComparisonKind::Trend);
    assert_eq!(comparison.columns[0].label, "2025");
    let step = &comparison.trend.as_ref().unwrap().steps[0];
    assert_eq!(step.overall.points, Some(100.0));
    assert!(step.regressed.is_empty());
    assert_eq!(step.improved.len(), comparison.columns[1].scored_items);
}

#[test]
fn a_critical_gap_names_the_options_that_close_it() {
    let a = vec![0; item_count()];
    let b = vec![2; item_count()];
    let comparison = compare(
        checklist(),
        &[
            assessment("existing-program", "D", "2026-03-15", "A", &a),
            assessment("existing-program", "E", "2026-03-15", "B", &b),
        ],
    );
    let gap = comparison
        .critical_gaps
        .iter()
        .find(|g| g.id == "governance.written-mou")
        .unwrap();
    assert_eq!(gap.closed_by, vec!["A"]);
    assert_eq!(gap.open_under, vec!["B"]);
    assert!(comparison.gaps_everywhere.is_empty());
}

#[test]
fn repeated_labels_are_told_apart() {
    let all = vec![0; item_count()];
    let a = assessment("existing-program", "D", "2026-03-15", "Same", &all);
    let b = assessment("existing-program", "E", "2026-03-15", "Same", &all);
    let comparison = compare(checklist(), &[a.clone(), b]);
    assert_eq!(comparison.columns[0].label, "Same (2026-03-15) #1");
    assert_eq!(comparison.columns[1].label, "Same (2026-03-15) #2");
}

#[test]
fn the_weight_check_reports_a_ranking_that_rests_on_the_weights() {
    // A: the critical items and 25 high ones in place (few heavy items).
    // B: every medium and low item in place (many light items).
    use crate::model::Priority::{Critical, High, Low, Medium};
    let mut high_seen = 0;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (_, item) in checklist().items() {
        let heavy = match item.priority {
            Critical => true,
            High => {
                high_seen += 1;
                high_seen <= 25
            }
            Medium | Low => false,
        };
        a.push(if heavy { 0 } else { 2 });
        b.push(if matches!(item.priority, Medium | Low) {
            0
        } else {
            2
        });
    }
    let comparison = compare(
        checklist(),
        &[
            assessment("existing-program", "D", "2026-03-15", "A", &a),
            assessment("existing-program", "E", "2026-03-15", "B", &b),
        ],
    );
    let check = &comparison.weight_check;
    assert!(!check.holds);
    assert_eq!(
        check.statement,
        "With equal weights the ranking changes: A moves from 1st to 2nd; B moves from 2nd to 1st."
    );
    let same = compare(
        checklist(),
        &[
            assessment("existing-program", "D", "2026-03-15", "A", &a),
            assessment(
                "existing-program",
                "E",
                "2026-03-15",
                "C",
                &vec![2; item_count()],
            ),
        ],
    );
    assert_eq!(
        same.weight_check.statement,
        "The ranking holds with equal weights."
    );
}

#[test]
fn equal_weights_count_every_scored_item_once() {
    let mut choices = vec![2; item_count()];
    choices[0] = 0; // met
    choices[1] = 1; // partial
    choices[2] = 3; // na: out of the denominator
    choices[3] = 4; // unanswered: counts 0
    let a = assessment("existing-program", "D", "2026-03-15", "A", &choices);
    let score = equal_weight_score(&a);
    let scored = a
        .items
        .iter()
        .filter(|i| i.outcome != Outcome::NotApplicable)
        .count();
    assert_eq!(score.possible, scored as f64);
    assert_eq!(score.earned, 1.5);
}

#[test]
fn a_plan_reads_provided_for_in_the_plan_and_names_its_open_critical_items() {
    let mut choices = vec![0; item_count()];
    let written_mou = checklist()
        .items()
        .position(|(_, i)| i.id == "governance.written-mou")
        .unwrap();
    choices[written_mou] = 1; // partial
    let plan = assessment("considering-sro", "D", "2026-03-15", "A", &choices);
    assert!(plan.meta.describes_plan);
    let comparison = compare(checklist(), &[plan.clone(), plan]);
    let column = &comparison.columns[0];
    let open: Vec<&str> = column.critical_open.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(open, vec!["governance.written-mou"]);
    assert_eq!(
        column.critical_open[0].label,
        "Partly provided for in the plan"
    );
    let row = comparison
        .items
        .iter()
        .find(|r| r.id == "governance.mou-goals")
        .unwrap();
    assert_eq!(row.cells[0].label, "Provided for in the plan");
}

#[test]
fn options_rank_on_the_items_both_score_not_on_their_own_counts() {
    // A: every item of the large profile in place but the alternatives section.
    // B: the small profile, everything in place. On its own items B scores 100%; on the items
    // both score, A and B tie unless A misses some of them.
    let a_choices: Vec<usize> = checklist()
        .items()
        .map(|(s, _)| if s.id == "alternatives" { 2 } else { 0 })
        .collect();
    let a = assessment("considering-sro", "D", "2026-03-15", "A", &a_choices);
    let b = assessment(
        "without-sro",
        "D",
        "2026-03-15",
        "B",
        &vec![0; item_count()],
    );
    let comparison = compare(checklist(), &[a, b]);
    let (a, b) = (&comparison.columns[0], &comparison.columns[1]);
    assert!(comparison.common_items.items < a.scored_items.min(b.scored_items) + 1);
    assert_eq!(b.common.percent, Some(100.0));
    assert!(a.common.percent < b.common.percent);
    assert_eq!((a.rank, b.rank), (Some(2), Some(1)));
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("taken as options side by side, not as years"))
    );
}

#[test]
fn files_of_different_districts_carry_a_warning() {
    let all = vec![0; item_count()];
    let a = assessment("existing-program", "D", "2026-03-15", "A", &all);
    let b = assessment("existing-program", "E", "2026-03-15", "B", &all);
    let comparison = compare(checklist(), &[a, b]);
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("2 different districts (D; E)"))
    );
}

#[test]
fn a_section_left_unanswered_the_second_year_does_not_regress() {
    let first = vec![0; item_count()];
    // The second year leaves the whole equity section unanswered and one equity-free item
    // changes nothing else.
    let second: Vec<usize> = checklist()
        .items()
        .map(|(s, _)| if s.id == "equity" { 4 } else { 0 })
        .collect();
    let a = assessment("existing-program", "D", "2025-03-15", "2025", &first);
    let b = assessment("existing-program", "D", "2026-03-15", "2026", &second);
    let step = trend_step(checklist(), &a, &b);
    let equity = step.sections.iter().find(|s| s.id == "equity").unwrap();
    assert_eq!(equity.change.points, Some(-100.0));
    assert_eq!(equity.like_for_like.points, None);
    assert!(equity.newly_unanswered > 0);
    assert_eq!(step.overall_like_for_like.points, Some(0.0));
    assert!(step.overall.points.unwrap() < 0.0);
    assert_eq!(step.newly_unanswered, equity.newly_unanswered);
    assert!(step.regressed.is_empty());
}

#[test]
fn a_summary_counts_each_district_once_by_its_latest_assessment() {
    let all_met = vec![0; item_count()];
    let none_met = vec![2; item_count()];
    let mut builder = SummaryBuilder::new(checklist());
    let older = assessment(
        "existing-program",
        "Riverside",
        "2025-04-20",
        "2025",
        &none_met,
    );
    let newer = assessment(
        "existing-program",
        "Riverside",
        "2026-04-18",
        "2026",
        &all_met,
    );
    let other = assessment(
        "existing-program",
        "Example Area",
        "2026-03-15",
        "x",
        &none_met,
    );
    let plan = assessment("considering-sro", "Lakeview", "2026-02-10", "A", &all_met);
    let coded = assessment(
        "existing-program",
        "Riverside SD",
        "2024-01-10",
        "2024",
        &none_met,
    );
    for (a, source) in [
        (&older, "a"),
        (&newer, "b"),
        (&other, "c"),
        (&plan, "d"),
        (&coded, "e"),
    ] {
        builder.add(a, source);
    }
    let summary = builder.finish();
    assert_eq!(summary.files, 5);
    // "Riverside SD" is another name, so another district without a shared district_id.
    assert_eq!(summary.district_count, 4);
    let latest: Vec<(&str, &str)> = summary
        .districts
        .iter()
        .map(|d| (d.district.as_str(), d.label.as_str()))
        .collect();
    assert_eq!(
        latest,
        vec![
            ("Example Area", "x"),
            ("Riverside", "2026"),
            ("Riverside SD", "2024")
        ]
    );
    let roles: Vec<(&str, Role)> = summary
        .other_assessments
        .iter()
        .map(|d| (d.label.as_str(), d.role))
        .collect();
    assert_eq!(roles, vec![("A", Role::Option), ("2025", Role::Earlier)]);
    // (0 + 100 + 0) / 3: the earlier year and the plan are not averaged in.
    assert_eq!(summary.overall_average, Some(33.3));
    let basis = summary.average_basis.unwrap();
    assert_eq!(basis.profile, "existing-program");
    assert_eq!(basis.assessments, 3);
}

#[test]
fn a_district_id_joins_files_whose_names_differ() {
    let all = vec![0; item_count()];
    let mut a = assessment("existing-program", "Riverside", "2025-04-20", "2025", &all);
    let mut b = assessment(
        "existing-program",
        "Riverside SD",
        "2026-04-18",
        "2026",
        &all,
    );
    a.meta.district_id = Some("9901".into());
    b.meta.district_id = Some("9901".into());
    let mut builder = SummaryBuilder::new(checklist());
    builder.add(&a, "a");
    builder.add(&b, "b");
    let summary = builder.finish();
    assert_eq!(summary.district_count, 1);
    assert_eq!(summary.districts[0].label, "2026");
    assert_eq!(compare(checklist(), &[a, b]).kind, ComparisonKind::Trend);
}

#[test]
fn a_file_without_a_code_joins_the_code_its_name_carries_elsewhere() {
    let keys = district_keys(
        [
            ("Riverside", None),
            ("riverside ", Some("9902")),
            ("Lakeview", None),
            ("Twin", Some("1")),
            ("Twin", Some("2")),
            ("Twin", None),
        ]
        .into_iter(),
    );
    assert_eq!(
        keys,
        [
            "id:9902",
            "id:9902",
            "name:lakeview",
            "id:1",
            "id:2",
            "name:twin"
        ]
    );
}

#[test]
fn the_average_keeps_to_one_profile() {
    let all = vec![0; item_count()];
    let none = vec![2; item_count()];
    let mut builder = SummaryBuilder::new(checklist());
    builder.add(
        &assessment("existing-program", "A", "2026-01-01", "a", &all),
        "a",
    );
    builder.add(
        &assessment("existing-program", "B", "2026-01-01", "b", &all),
        "b",
    );
    builder.add(
        &assessment("without-sro", "C", "2026-01-01", "c", &none),
        "c",
    );
    let summary = builder.finish();
    assert_eq!(summary.overall_average, Some(100.0));
    let basis = summary.average_basis.unwrap();
    assert_eq!((basis.assessments, basis.left_out), (2, 1));
    assert!(!summary.districts[2].averaged);
}

#[test]
fn synthetic_districts_validate_against_the_bundled_checklist() {
    for seed in 0..6 {
        let text = synthetic::synthetic_answers(checklist(), seed);
        let file = load::AnswersFile::from_text(&text, std::path::Path::new("s.yaml")).unwrap();
        file.validate(checklist()).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn comparing_an_assessment_with_itself_shows_no_differences(
        choices in choices(),
        profile in 0..PROFILES.len(),
    ) {
        let a = assessment(PROFILES[profile], "D", "2026-03-15", "A", &choices);
        let comparison = compare(checklist(), &[a.clone(), a]);
        prop_assert!(comparison.items.iter().all(|row| !row.differs));
        prop_assert!(comparison.clone().only_differences().items.is_empty());
        prop_assert!(comparison.weight_check.holds);
        prop_assert!(comparison.critical_gaps.iter().all(|g| g.closed_by.is_empty()));
    }

    #[test]
    fn a_trend_from_an_assessment_to_itself_changes_nothing(choices in choices()) {
        let a = assessment("existing-program", "D", "2025-03-15", "2025", &choices);
        let mut b = a.clone();
        b.meta.date = Date::parse("2026-03-15").unwrap();
        let step = trend_step(checklist(), &a, &b);
        prop_assert!(step.improved.is_empty() && step.regressed.is_empty());
        prop_assert!(step.new.is_empty() && step.dropped.is_empty());
        prop_assert!(step.reclassified.is_empty());
        prop_assert_eq!(step.unchanged, a.items.len());
        prop_assert_eq!(step.overall.points, Some(0.0).filter(|_| a.overall.percent.is_some()));
    }

    #[test]
    fn the_trend_from_a_to_b_is_the_reverse_of_b_to_a(
        first in choices(),
        second in choices(),
        profiles in (0..PROFILES.len(), 0..PROFILES.len()),
    ) {
        let a = assessment(PROFILES[profiles.0], "D", "2025-03-15", "2025", &first);
        let b = assessment(PROFILES[profiles.1], "D", "2026-03-15", "2026", &second);
        let forward = trend_step(checklist(), &a, &b);
        let backward = trend_step(checklist(), &b, &a);
        prop_assert_eq!(ids(&forward.improved), ids(&backward.regressed));
        prop_assert_eq!(ids(&forward.regressed), ids(&backward.improved));
        prop_assert_eq!(ids(&forward.new), ids(&backward.dropped));
        prop_assert_eq!(ids(&forward.dropped), ids(&backward.new));
        prop_assert_eq!(ids(&forward.reclassified), ids(&backward.reclassified));
        prop_assert_eq!(forward.unchanged, backward.unchanged);
        prop_assert_eq!(forward.overall.points, backward.overall.points.map(|p| -p));
        prop_assert_eq!(forward.sections.len(), backward.sections.len());
        for (f, b) in forward.sections.iter().zip(&backward.sections) {
            prop_assert_eq!(f.change.points, b.change.points.map(|p| -p));
        }
    }

    #[test]
    fn summary_counts_add_up_to_the_files_and_items(
        districts in prop::collection::vec((choices(), 0..PROFILES.len()), 1..6),
    ) {
        let mut builder = SummaryBuilder::new(checklist());
        let mut assessments = Vec::new();
        for (n, (choices, profile)) in districts.iter().enumerate() {
            let a = assessment(PROFILES[*profile], &format!("D{n}"), "2026-03-15", "L", choices);
            builder.add(&a, &format!("d{n}.yaml"));
            assessments.push(a);
        }
        let summary = builder.finish();
        // Each district has one file: plans are listed apart, the rest are latest assessments.
        let latest: Vec<&Assessment> =
            assessments.iter().filter(|a| !a.meta.describes_plan).collect();
        prop_assert_eq!(summary.files, districts.len());
        prop_assert_eq!(summary.district_count, districts.len());
        prop_assert_eq!(summary.districts.len(), latest.len());
        prop_assert_eq!(
            summary.districts.len() + summary.other_assessments.len(),
            districts.len()
        );
        for tally in &summary.items {
            let statuses = tally.in_place + tally.partial + tally.not_in_place
                + tally.not_applicable + tally.unanswered;
            prop_assert_eq!(tally.applies, statuses);
            prop_assert!(tally.applies <= latest.len());
        }
        let applies: usize = summary.items.iter().map(|t| t.applies).sum();
        let profile_items: usize = latest.iter().map(|a| a.coverage.items).sum();
        prop_assert_eq!(applies, profile_items);
        let unanswered: usize = summary.items.iter().map(|t| t.unanswered).sum();
        prop_assert_eq!(unanswered, summary.districts.iter().map(|d| d.unanswered).sum::<usize>());
        let gaps: usize = summary.items.iter().map(|t| t.partial + t.not_in_place).sum();
        prop_assert_eq!(gaps, summary.districts.iter().map(|d| d.gaps).sum::<usize>());
        for gap in &summary.common_gaps {
            prop_assert!(gap.districts <= gap.applies && gap.share <= 100.0);
        }
        // The average is over one profile and version, and says over how many.
        let averaged: Vec<&DistrictRow> = summary.districts.iter().filter(|d| d.averaged).collect();
        if let Some(basis) = &summary.average_basis {
            prop_assert_eq!(basis.assessments, averaged.len());
            prop_assert!(averaged.iter().all(|d| d.profile == basis.profile));
        }
    }

    #[test]
    fn the_common_items_score_ranks_like_with_like(
        first in choices(),
        second in choices(),
        profiles in (0..PROFILES.len(), 0..PROFILES.len()),
    ) {
        let a = assessment(PROFILES[profiles.0], "D", "2026-03-15", "A", &first);
        let b = assessment(PROFILES[profiles.1], "D", "2026-03-15", "B", &second);
        let comparison = compare(checklist(), &[a, b]);
        let [x, y] = [&comparison.columns[0], &comparison.columns[1]];
        // Both columns are scored on the same items, so on the same possible weight.
        prop_assert_eq!(x.common.possible, y.common.possible);
        prop_assert_eq!(x.common.possible, comparison.common_items.possible);
        prop_assert!(x.common.possible <= x.overall.possible);
        let key = |c: &Column| c.common.percent.map_or(-1, |p| (p * 10.0).round() as i64);
        let margin = (crate::compare::TIE_MARGIN_POINTS * 10.0).round() as i64;
        // A column without a rating is listed, never ranked.
        prop_assert_eq!(x.rank.is_none(), !x.rating.rated || x.common.percent.is_none());
        if let (Some(rx), Some(ry)) = (x.rank, y.rank) {
            // A higher rank is a higher score by at least the margin ...
            if rx < ry {
                prop_assert!(key(x) - key(y) >= margin, "{} against {}", key(x), key(y));
            }
            // ... and scores closer than the margin share a rank.
            if (key(x) - key(y)).abs() < margin {
                prop_assert_eq!(rx, ry);
            }
            let reversed = comparison.weight_check.ranks[0].equal != comparison.weight_check.ranks[1].equal
                && (key(x) > key(y)) == (comparison.weight_check.ranks[0].equal > comparison.weight_check.ranks[1].equal);
            if reversed {
                prop_assert_eq!(rx, ry, "the weight check reverses the order");
            }
        }
    }

    #[test]
    fn like_for_like_deltas_reverse_and_ignore_unanswered_items(
        first in choices(),
        second in choices(),
    ) {
        let a = assessment("existing-program", "D", "2025-03-15", "2025", &first);
        let b = assessment("existing-program", "D", "2026-03-15", "2026", &second);
        let forward = trend_step(checklist(), &a, &b);
        let backward = trend_step(checklist(), &b, &a);
        prop_assert_eq!(
            forward.overall_like_for_like.points,
            backward.overall_like_for_like.points.map(|p| -p)
        );
        prop_assert_eq!(forward.items_compared, backward.items_compared);
        for (f, b) in forward.sections.iter().zip(&backward.sections) {
            prop_assert_eq!(f.like_for_like.points, b.like_for_like.points.map(|p| -p));
        }
        let newly: usize = forward.sections.iter().map(|s| s.newly_unanswered).sum();
        prop_assert_eq!(newly, forward.newly_unanswered);
        // Clearing answers from the later file moves items to "newly unanswered", never
        // lowers the like-for-like change of a section.
        let mut cleared = second.clone();
        for choice in cleared.iter_mut().step_by(3) {
            *choice = 4;
        }
        let c = assessment("existing-program", "D", "2026-03-15", "2026", &cleared);
        let step = trend_step(checklist(), &a, &c);
        prop_assert!(step.regressed.len() <= forward.regressed.len());
    }
}

/// `a` with `n` answers marked as carried over from "2025 review" and not confirmed.
fn with_carried(mut a: Assessment, n: usize) -> Assessment {
    a.draft = crate::score::Draft {
        is_draft: true,
        carried_unconfirmed: n,
        carried_from: vec!["2025 review".into()],
        below_coverage_threshold: a.draft.below_coverage_threshold,
        unsettled: 0,
    };
    a
}

#[test]
fn a_comparison_with_a_draft_column_is_a_draft_naming_it() {
    let all_met = vec![0; item_count()];
    let thin = vec![4; item_count()];
    let a = assessment("existing-program", "D", "2026-03-15", "A", &all_met);
    let b = with_carried(
        assessment("existing-program", "D", "2026-03-15", "B", &all_met),
        12,
    );
    let c = assessment("existing-program", "D", "2026-03-15", "C", &thin);
    let comparison = compare(checklist(), &[a, b, c]);
    let notice = comparison.draft.expect("columns B and C are drafts");
    assert_eq!(notice.out_of, 3);
    let labels: Vec<&str> = notice
        .assessments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["B", "C"]);
    assert_eq!(notice.assessments[0].carried_unconfirmed, 12);
    assert!(notice.assessments[1].below_coverage_threshold);
    let drafts: Vec<bool> = comparison
        .columns
        .iter()
        .map(|c| c.draft.is_draft)
        .collect();
    assert_eq!(drafts, [false, true, true]);
}

#[test]
fn a_comparison_without_drafts_has_no_notice() {
    let all_met = vec![0; item_count()];
    let a = assessment("existing-program", "D", "2026-03-15", "A", &all_met);
    let b = assessment("existing-program", "D", "2025-03-15", "B", &all_met);
    assert_eq!(compare(checklist(), &[a, b]).draft, None);
}

#[test]
fn a_summary_is_a_draft_when_a_latest_assessment_is_even_if_not_averaged() {
    let all_met = vec![0; item_count()];
    let thin = vec![4; item_count()];
    let mut builder = SummaryBuilder::new(checklist());
    builder.add(
        &assessment("existing-program", "North", "2026-03-15", "2026", &all_met),
        "north.yaml",
    );
    builder.add(
        &assessment("existing-program", "South", "2026-03-15", "2026", &thin),
        "south.yaml",
    );
    let summary = builder.finish();
    let south = summary
        .districts
        .iter()
        .find(|d| d.district == "South")
        .unwrap();
    assert!(!south.averaged, "not rated, so out of the averages");
    let notice = summary.draft.expect("South's latest assessment is a draft");
    assert_eq!(notice.out_of, 2);
    assert_eq!(notice.assessments.len(), 1);
    assert_eq!(notice.assessments[0].label, "South, 2026");
}

#[test]
fn a_draft_earlier_assessment_is_marked_but_does_not_make_the_summary_a_draft() {
    let all_met = vec![0; item_count()];
    let mut builder = SummaryBuilder::new(checklist());
    builder.add(
        &assessment("existing-program", "North", "2026-03-15", "2026", &all_met),
        "2026.yaml",
    );
    builder.add(
        &with_carried(
            assessment("existing-program", "North", "2025-03-15", "2025", &all_met),
            3,
        ),
        "2025.yaml",
    );
    let summary = builder.finish();
    assert_eq!(summary.draft, None);
    assert_eq!(summary.other_assessments.len(), 1);
    assert!(summary.other_assessments[0].draft.is_draft);
}
