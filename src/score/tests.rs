//! Scoring tests: worked examples and property tests of the invariants.

use proptest::prelude::*;

use super::*;
use crate::model::{
    Answer, Answers, Band, Date, Item, Priority, Profile, Responsible, ScaleLevel, Section,
    SourceRef, Weights,
};

const STATUSES: [&str; 4] = ["not_met", "partial", "met", "na"];

fn item(id: &str, priority: Priority) -> Item {
    Item {
        id: id.into(),
        title: format!("Title of {id}"),
        guidance: String::new(),
        priority,
        basis: None,
        responsible: Responsible::Joint,
        in_mou: false,
        recommendation: "Do it".into(),
        recommendation_partial: None,
        evidence: String::new(),
        sources: vec![SourceRef {
            source: "s".into(),
            at: String::new(),
        }],
    }
}

fn checklist(sections: Vec<(&str, Vec<Priority>)>) -> Checklist {
    let level = |value: &str, label: &str, credit: Option<f64>| ScaleLevel {
        value: value.into(),
        label: label.into(),
        credit,
        aliases: Vec::new(),
    };
    Checklist {
        id: "test".into(),
        title: "Test".into(),
        version: "1".into(),
        description: String::new(),
        scale: vec![
            level("met", "In place", Some(1.0)),
            level("partial", "Partly in place", Some(0.5)),
            level("not_met", "Not in place", Some(0.0)),
            level("na", "Not applicable", None),
            level("unknown", "Don't know", None),
        ],
        weights: Weights {
            critical: 5.0,
            high: 3.0,
            medium: 2.0,
            low: 1.0,
        },
        coverage_threshold: crate::model::DEFAULT_COVERAGE_THRESHOLD,
        bands: vec![
            Band {
                min: 90.0,
                label: "Strong".into(),
            },
            Band {
                min: 50.0,
                label: "Developing".into(),
            },
            Band {
                min: 0.0,
                label: "Beginning".into(),
            },
        ],
        profiles: vec![
            Profile {
                labels: Vec::new(),
                id: "all".into(),
                title: "All".into(),
                description: String::new(),
                include: vec![],
                exclude: vec![],
                valid_from: None,
            },
            Profile {
                labels: Vec::new(),
                id: "first".into(),
                title: "First section".into(),
                description: String::new(),
                include: vec!["s0.*".into()],
                exclude: vec![],
                valid_from: None,
            },
        ],
        sources: vec![],
        sections: sections
            .into_iter()
            .map(|(id, priorities)| Section {
                id: id.into(),
                title: id.to_uppercase(),
                description: String::new(),
                items: priorities
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| item(&format!("{id}.i{i}"), p))
                    .collect(),
            })
            .collect(),
        tailoring: None,
        renamed: vec![],
        limits: None,
    }
}

fn answers(profile: &str, statuses: &[(String, &str)]) -> Answers {
    Answers {
        checklist: "test".into(),
        checklist_version: None,
        profile: profile.into(),
        district: "Example Area School District".into(),
        district_id: None,
        label: "Test".into(),
        date: Date::EPOCH,
        prepared_by: None,
        rater: None,
        rater_group: None,
        board: Default::default(),
        option: None,
        consensus: None,
        answers: statuses
            .iter()
            .map(|(id, status)| Answer::with_status(id.clone(), *status))
            .collect(),
    }
}

#[test]
fn worked_example_matches_hand_arithmetic() {
    // critical met (5 of 5), high partial (1.5 of 3), medium not met (0 of 2), low na (out).
    let c = checklist(vec![(
        "s0",
        vec![
            Priority::Critical,
            Priority::High,
            Priority::Medium,
            Priority::Low,
        ],
    )]);
    let a = answers(
        "all",
        &[
            ("s0.i0".into(), "met"),
            ("s0.i1".into(), "partial"),
            ("s0.i2".into(), "not_met"),
            ("s0.i3".into(), "na"),
        ],
    );
    let result = score(&c, &a, "hash");
    assert_eq!(result.overall.earned, 6.5);
    assert_eq!(result.overall.possible, 10.0);
    assert_eq!(result.overall.percent, Some(65.0));
    assert_eq!(result.band.as_deref(), Some("Developing"));
    assert_eq!(
        result.coverage,
        Coverage {
            answered: 4,
            items: 4
        }
    );
    let gaps: Vec<&str> = result.gaps().map(|i| i.id.as_str()).collect();
    // High partial loses 1.5, medium not met loses 2: priority first, then lost weight.
    assert_eq!(gaps, ["s0.i1", "s0.i2"]);
    assert_eq!(result.strengths().count(), 1);
}

#[test]
fn a_partial_item_gets_the_partial_next_step_and_a_missing_one_the_other() {
    let mut c = checklist(vec![(
        "s0",
        vec![Priority::High, Priority::High, Priority::High],
    )]);
    for item in &mut c.sections[0].items[..2] {
        item.recommendation_partial = Some("Finish it".into());
    }
    let a = answers(
        "all",
        &[
            ("s0.i0".into(), "partial"),
            ("s0.i1".into(), "not_met"),
            ("s0.i2".into(), "partial"),
        ],
    );
    let result = score(&c, &a, "hash");
    let next: Vec<&str> = result
        .items
        .iter()
        .map(|i| i.recommendation.as_str())
        .collect();
    // The third item has no partial text, so its one next step serves both statuses.
    assert_eq!(next, ["Finish it", "Do it", "Do it"]);
}

#[test]
fn unanswered_items_score_zero_and_are_listed_apart() {
    let c = checklist(vec![("s0", vec![Priority::High, Priority::Critical])]);
    let result = score(&c, &answers("all", &[("s0.i0".into(), "met")]), "h");
    assert_eq!(result.overall.possible, 8.0);
    assert_eq!(result.overall.earned, 3.0);
    assert_eq!(result.gaps().count(), 0);
    let unanswered: Vec<&str> = result.unanswered().map(|i| i.id.as_str()).collect();
    assert_eq!(unanswered, ["s0.i1"]);
    assert_eq!(result.counts.last().map(|c| c.count), Some(1));
}

#[test]
fn dont_know_scores_as_unanswered_is_never_a_gap_and_is_listed_apart() {
    let c = checklist(vec![(
        "s0",
        vec![Priority::High, Priority::Critical, Priority::Low],
    )]);
    let mut a = answers(
        "all",
        &[("s0.i0".into(), "met"), ("s0.i1".into(), "unknown")],
    );
    a.answers[1].note = Some("The FERPA agreement was not shared".into());
    let result = score(&c, &a, "h");
    assert_eq!(result.overall.possible, 9.0);
    assert_eq!(result.overall.earned, 3.0);
    assert_eq!(result.answered_score.possible, 3.0);
    assert_eq!(result.gaps().count(), 0);
    assert_eq!(result.coverage.answered, 1);
    let unverified: Vec<&ItemResult> = result.unverified().collect();
    assert_eq!(unverified.len(), 1);
    assert_eq!(unverified[0].outcome, Outcome::Unverified);
    assert_eq!(unverified[0].status_label, "Don't know");
    assert_eq!(
        unverified[0]
            .answer
            .as_ref()
            .and_then(|x| x.note.as_deref()),
        Some("The FERPA agreement was not shared")
    );
    let unanswered: Vec<&str> = result.unanswered().map(|i| i.id.as_str()).collect();
    assert_eq!(unanswered, ["s0.i2"]);
    let dont_know = result.counts.iter().find(|n| n.status == "unknown");
    assert_eq!(dont_know.map(|n| n.count), Some(1));
    assert_eq!(
        result.by_basis.iter().map(|b| b.unverified).sum::<usize>(),
        0
    );
}

#[test]
fn an_unused_dont_know_is_left_out_of_the_counts() {
    let c = checklist(vec![("s0", vec![Priority::High])]);
    let result = score(&c, &answers("all", &[("s0.i0".into(), "met")]), "h");
    assert!(result.counts.iter().all(|n| n.status != "unknown"));
}

#[test]
fn all_not_applicable_gives_no_percentage_and_no_band() {
    let c = checklist(vec![("s0", vec![Priority::High])]);
    let result = score(&c, &answers("all", &[("s0.i0".into(), "na")]), "h");
    assert_eq!(result.overall.percent, None);
    assert_eq!(result.band, None);
}

#[test]
fn gaps_order_by_priority_then_lost_weight_then_checklist_order() {
    let c = checklist(vec![(
        "s0",
        vec![
            Priority::Medium,
            Priority::Medium,
            Priority::Critical,
            Priority::Medium,
        ],
    )]);
    let a = answers(
        "all",
        &[
            ("s0.i0".into(), "partial"),
            ("s0.i1".into(), "not_met"),
            ("s0.i2".into(), "partial"),
            ("s0.i3".into(), "not_met"),
        ],
    );
    let result = score(&c, &a, "h");
    let order: Vec<&str> = result.gaps().map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["s0.i2", "s0.i1", "s0.i3", "s0.i0"]);
}

#[test]
fn action_plan_keeps_owned_dated_gaps_soonest_first() {
    let c = checklist(vec![(
        "s0",
        vec![
            Priority::Low,
            Priority::Critical,
            Priority::High,
            Priority::High,
        ],
    )]);
    let mut a = answers(
        "all",
        &[
            ("s0.i0".into(), "not_met"),
            ("s0.i1".into(), "partial"),
            ("s0.i2".into(), "not_met"),
            ("s0.i3".into(), "met"),
        ],
    );
    let plan = [
        ("s0.i0", "2026-09-01"),
        ("s0.i1", "2026-12-01"),
        ("s0.i3", "2026-01-01"),
    ];
    for (id, due) in plan {
        let answer = a.answers.iter_mut().find(|x| x.item_id == id).unwrap();
        answer.owner = Some("Principal".into());
        answer.due = Some(Date::parse(due).unwrap());
    }
    // s0.i2 has no owner or date; s0.i3 is met, so it is no gap.
    a.answers[2].due = Some(Date::parse("2026-02-01").unwrap());
    let result = score(&c, &a, "h");
    let order: Vec<&str> = result.action_plan().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(order, ["s0.i0", "s0.i1"]);
}

fn arbitrary_case() -> impl Strategy<Value = (Vec<Vec<Priority>>, Vec<Option<usize>>, bool)> {
    let priority = prop::sample::select(Priority::ALL.to_vec());
    let sections = prop::collection::vec(prop::collection::vec(priority, 1..6), 1..5);
    sections.prop_flat_map(|sections| {
        let n: usize = sections.iter().map(Vec::len).sum();
        let statuses = prop::collection::vec(prop::option::of(0..STATUSES.len()), n);
        (Just(sections), statuses, any::<bool>())
    })
}

fn build(
    sections: &[Vec<Priority>],
    statuses: &[Option<usize>],
    first_only: bool,
) -> (Checklist, Answers) {
    let names: Vec<String> = (0..sections.len()).map(|i| format!("s{i}")).collect();
    let c = checklist(
        names
            .iter()
            .map(String::as_str)
            .zip(sections.iter().cloned())
            .collect(),
    );
    let ids: Vec<String> = c.items().map(|(_, i)| i.id.clone()).collect();
    let pairs: Vec<(String, &str)> = ids
        .into_iter()
        .zip(statuses)
        .filter_map(|(id, s)| s.map(|s| (id, STATUSES[s])))
        .collect();
    (c, answers(if first_only { "first" } else { "all" }, &pairs))
}

proptest! {
    #[test]
    fn percentages_stay_between_0_and_100((sections, statuses, first) in arbitrary_case()) {
        let (c, a) = build(&sections, &statuses, first);
        let result = score(&c, &a, "h");
        for p in std::iter::once(result.overall.percent).chain(result.sections.iter().map(|s| s.score.percent)).flatten() {
            prop_assert!((0.0..=100.0).contains(&p));
        }
        prop_assert!(result.overall.earned <= result.overall.possible + 1e-9);
    }

    #[test]
    fn not_applicable_and_out_of_profile_items_leave_the_denominator((sections, statuses, first) in arbitrary_case()) {
        let (c, a) = build(&sections, &statuses, first);
        let result = score(&c, &a, "h");
        let profile = c.profile(&a.profile).unwrap();
        let expected: f64 = c.items_in_profile(profile)
            .filter(|(_, i)| a.answer(&i.id).is_none_or(|ans| ans.status() != Some("na")))
            .map(|(_, i)| c.weights.of(i.priority))
            .sum();
        prop_assert!((result.overall.possible - expected).abs() < 1e-9);
        prop_assert!(result.items.iter().all(|i| profile.applies_to(&i.section_id, &i.id)));
    }

    #[test]
    fn coverage_and_counts_add_up((sections, statuses, first) in arbitrary_case()) {
        let (c, a) = build(&sections, &statuses, first);
        let result = score(&c, &a, "h");
        let total: usize = result.counts.iter().map(|s| s.count).sum();
        prop_assert_eq!(total, result.coverage.items);
        prop_assert_eq!(result.coverage.items, result.items.len());
        let answered = result.items.iter().filter(|i| i.status.is_some()).count();
        prop_assert_eq!(result.coverage.answered, answered);
        let section_items: usize = result.sections.iter().map(|s| s.items).sum();
        prop_assert_eq!(section_items, result.items.len());
        let sum_earned: f64 = result.sections.iter().map(|s| s.score.earned).sum();
        prop_assert!((sum_earned - result.overall.earned).abs() < 1e-9);
        prop_assert_eq!(
            result.gaps().count() + result.unanswered().count() + result.strengths().count()
                + result.items.iter().filter(|i| i.outcome == Outcome::NotApplicable).count(),
            result.items.len()
        );
    }

    #[test]
    fn dont_know_scores_exactly_as_no_answer((sections, statuses, first) in arbitrary_case()) {
        let (c, a) = build(&sections, &statuses, first);
        let before = score(&c, &a, "h");
        let mut marked = a.clone();
        for item in before.unanswered() {
            marked.answers.push(Answer {
                note: Some("Could not see the clause".into()),
                ..Answer::with_status(item.id.clone(), "unknown")
            });
        }
        let after = score(&c, &marked, "h");
        let ids = |items: Vec<&ItemResult>| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(after.gaps().collect()), ids(before.gaps().collect()));
        prop_assert_eq!(ids(after.strengths().collect()), ids(before.strengths().collect()));
        prop_assert_eq!(ids(after.unverified().collect()), ids(before.unanswered().collect()));
        prop_assert_eq!(after.unanswered().count(), 0);
        prop_assert_eq!(after.coverage, before.coverage);
        prop_assert_eq!(&after.overall, &before.overall);
        prop_assert_eq!(&after.answered_score, &before.answered_score);
        prop_assert_eq!(after.band, before.band);
        for (x, y) in after.sections.iter().zip(&before.sections) {
            prop_assert_eq!(&x.score, &y.score);
            prop_assert_eq!(x.coverage, y.coverage);
            prop_assert_eq!(x.rated, y.rated);
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_any_score(
        (sections, statuses, first) in arbitrary_case(),
        pick in any::<prop::sample::Index>(),
    ) {
        let (c, a) = build(&sections, &statuses, first);
        let before = score(&c, &a, "h");
        // Raise one answered, scorable item one step: not_met -> partial -> met.
        let mut raised = a.clone();
        let candidates: Vec<usize> = raised.answers.iter().enumerate()
            .filter(|(_, ans)| ans.status() == Some("not_met") || ans.status() == Some("partial"))
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!candidates.is_empty());
        let target = candidates[pick.index(candidates.len())];
        let next = if raised.answers[target].status() == Some("not_met") { "partial" } else { "met" };
        raised.answers[target].status = Some(next.into());
        let after = score(&c, &raised, "h");
        prop_assert!(after.overall.percent >= before.overall.percent);
        for (b, a) in before.sections.iter().zip(&after.sections) {
            prop_assert!(a.score.percent >= b.score.percent, "section {} fell", b.id);
        }
    }
}

#[test]
fn a_thinly_answered_assessment_shows_its_answered_score_but_no_band() {
    // 1 of 10 answered (met, critical): 5 of 5 over the answered item, 5 of 23 overall.
    let c = checklist(vec![(
        "s0",
        std::iter::once(Priority::Critical)
            .chain(std::iter::repeat_n(Priority::Medium, 9))
            .collect(),
    )]);
    let result = score(&c, &answers("all", &[("s0.i0".into(), "met")]), "h");
    assert_eq!(result.overall.percent, Some(21.7));
    assert_eq!(result.answered_score.percent, Some(100.0));
    assert_eq!(result.answered_score.possible, 5.0);
    assert_eq!(result.band, None);
    assert!(!result.rating.rated);
    assert_eq!(
        result.rating.not_rated_reason,
        Some(NotRatedReason::CoverageBelowThreshold)
    );
    assert!(result.draft.is_draft);
    assert!(result.draft.below_coverage_threshold);
    assert_eq!(result.draft.carried_unconfirmed, 0);
}

#[test]
fn the_band_returns_at_the_coverage_threshold_exactly() {
    let c = checklist(vec![("s0", vec![Priority::Medium; 5])]);
    let four: Vec<(String, &str)> = (0..4).map(|i| (format!("s0.i{i}"), "met")).collect();
    let result = score(&c, &answers("all", &four), "h");
    assert_eq!(result.coverage.percent(), 80.0);
    assert!(result.rating.rated);
    assert_eq!(result.band.as_deref(), Some("Developing"));
    assert!(!result.draft.is_draft);
    let three = &four[..3];
    let result = score(&c, &answers("all", three), "h");
    assert!(!result.rating.rated);
    assert_eq!(result.band, None);
}

#[test]
fn the_checklist_sets_the_coverage_threshold() {
    let mut c = checklist(vec![("s0", vec![Priority::Medium; 4])]);
    c.coverage_threshold = 25.0;
    let result = score(&c, &answers("all", &[("s0.i0".into(), "met")]), "h");
    assert!(result.rating.rated);
    assert_eq!(result.rating.coverage_threshold, 25.0);
    assert_eq!(result.band.as_deref(), Some("Beginning"));
}

#[test]
fn critical_unanswered_items_are_not_critical_gaps() {
    let c = checklist(vec![(
        "s0",
        vec![Priority::Critical, Priority::Critical, Priority::Low],
    )]);
    let result = score(&c, &answers("all", &[("s0.i0".into(), "partial")]), "h");
    let gaps: Vec<&str> = result.critical_gaps().map(|i| i.id.as_str()).collect();
    let open: Vec<&str> = result
        .critical_unanswered()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(gaps, ["s0.i0"]);
    assert_eq!(open, ["s0.i1"]);
}

#[test]
fn unconfirmed_carried_answers_make_a_draft_with_their_count() {
    let c = checklist(vec![("s0", vec![Priority::High; 3])]);
    let mut a = answers(
        "all",
        &[
            ("s0.i0".into(), "met"),
            ("s0.i1".into(), "met"),
            ("s0.i2".into(), "partial"),
        ],
    );
    for answer in &mut a.answers[..2] {
        answer.carried_from = Some("2025 review (2025-04-20)".into());
    }
    let result = score(&c, &a, "h");
    assert!(
        result.rating.rated,
        "coverage is full; only the carry-over makes it a draft"
    );
    assert!(result.draft.is_draft);
    assert_eq!(result.draft.carried_unconfirmed, 2);
    assert_eq!(result.draft.carried_from, ["2025 review (2025-04-20)"]);
    assert!(!result.draft.below_coverage_threshold);
}

#[test]
fn settled_counts_the_flagged_items_no_longer_marked_and_never_goes_below_zero() {
    let list = checklist(vec![("s", vec![Priority::High, Priority::High])]);
    let mut file = answers(
        "all",
        &[("s.i0".to_string(), "met"), ("s.i1".to_string(), "met")],
    );
    file.answers[0].unsettled = Some("ratings 2 steps apart".into());
    let record = |flagged| crate::model::ConsensusRecord {
        members: 2,
        groups: Vec::new(),
        threshold: 1,
        percent_agreement: Some(50.0),
        krippendorff_alpha_ordinal: None,
        flagged,
    };
    file.consensus = Some(record(3));
    let meta = score(&list, &file, "h").meta.consensus.unwrap();
    assert_eq!((meta.settled, meta.remaining()), (2, 1));
    file.answers[1].unsettled = Some("added by hand".into());
    file.consensus = Some(record(1));
    let meta = score(&list, &file, "h").meta.consensus.unwrap();
    assert_eq!((meta.settled, meta.remaining()), (0, 1));
    file.consensus = None;
    assert!(score(&list, &file, "h").meta.consensus.is_none());
}
