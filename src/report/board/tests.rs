use std::path::{Path, PathBuf};

use super::*;
use crate::compare::compare;
use crate::compare::{Comparison, ComparisonKind};
use crate::load::{AnswersFile, parse_checklist};
use crate::report::view;
use crate::score::Assessment;
use crate::score::score;

const CHECKLIST: &str = r#"
id: small
title: Small Best Practices Checklist
version: "1"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 75, label: Established }
  - { min: 50, label: Developing }
  - { min: 0, label: Beginning }
coverage_threshold: 50
profiles:
  - { id: all, title: Assessing an existing SRO program }
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org" }
sections:
  - id: mou
    title: Agreement and governance
    items:
      - { id: mou.signed, title: "A signed MOU", guidance: g, priority: critical, responsible: joint, in_mou: true, recommendation: "Sign it", sources: [{ source: src }] }
      - { id: mou.roles, title: "Roles written down", guidance: g, priority: critical, responsible: joint, in_mou: true, recommendation: "Write them", sources: [{ source: src }] }
      - { id: mou.review, title: "Reviewed yearly", guidance: g, priority: medium, responsible: district, in_mou: true, recommendation: "Review it", sources: [{ source: src }] }
  - id: training
    title: Training
    items:
      - { id: training.basic, title: "Basic SRO training", guidance: g, priority: critical, responsible: law_enforcement, recommendation: "Train", sources: [{ source: src }] }
      - { id: training.yearly, title: "Yearly refresher", guidance: g, priority: low, responsible: law_enforcement, recommendation: "Refresh", sources: [{ source: src }] }
"#;

const HEAD: &str = "checklist: small\nprofile: all\ndistrict: Example Area School District\n\
                    label: 2025-26 annual review\ndate: 2026-03-15\n";

fn assessment_of(rest: &str) -> Assessment {
    let loaded = parse_checklist(CHECKLIST, Path::new("small.yaml")).unwrap();
    let text = format!("{HEAD}{rest}");
    let file = AnswersFile::from_text(&text, Path::new("a.yaml")).unwrap();
    let (answers, _) = file.validate(&loaded.checklist).unwrap();
    score(&loaded.checklist, &answers, &file.hash)
}

const MOSTLY: &str = "answers:\n  mou.signed: partial\n  mou.roles: met\n  mou.review: not_met\n  \
                      training.basic: met\n  training.yearly: met\n";

#[test]
fn says_what_was_assessed_by_whom_and_when_in_plain_words() {
    let page = first_page(&assessment_of(&format!(
        "prepared_by: SRO review committee\nreviewed_by: Superintendent's cabinet\n{MOSTLY}"
    )));
    assert_eq!(
        page.assessed,
        "Example Area School District assessed \u{201c}2025-26 annual review\u{201d} on March \
         15, 2026 against 5 practices of the Small Best Practices Checklist, version 1 (the set \
         for \u{201c}Assessing an existing SRO program\u{201d}). Prepared by: SRO review \
         committee. Reviewed by: Superintendent's cabinet."
    );
}

#[test]
fn states_the_result_in_words_and_numbers() {
    let page = first_page(&assessment_of(MOSTLY));
    // 2.5 + 5 + 0 + 5 + 1 earned of 5 + 5 + 2 + 5 + 1 possible.
    assert_eq!(
        page.result,
        "Overall score: 75.0%, rated Established, from 13.5 of 18 possible points. The \
         ratings, from lowest to highest, are Beginning, Developing and Established."
    );
    assert!(page.caveats.is_empty(), "{:?}", page.caveats);
}

#[test]
fn a_withheld_rating_says_why_with_the_tools_own_note() {
    let a = assessment_of("answers:\n  mou.signed: met\n");
    let page = first_page(&a);
    assert!(
        page.result.starts_with(
            "No rating yet: 1 of 5 practices is answered (20.0%), and a rating needs at least \
             50%."
        ),
        "{}",
        page.result
    );
    assert!(
        page.result.contains("the score is 27.8%"),
        "{}",
        page.result
    );
    assert!(
        page.result
            .contains("over the answered practices alone it is 100.0%"),
        "{}",
        page.result
    );
    // The result says why in its own words; the caveats do not say it again.
    assert!(
        page.result
            .contains("Counting every unanswered practice as not in place"),
        "{}",
        page.result
    );
    assert!(page.caveats.is_empty(), "{:?}", page.caveats);
}

#[test]
fn unanswered_practices_are_a_caveat_even_when_rated() {
    let page = first_page(&assessment_of(
        "answers:\n  mou.signed: met\n  mou.roles: met\n  training.basic: met\n",
    ));
    assert_eq!(
        page.caveats,
        [
            "2 of the 5 practices have no answer yet; each counts as not in place, so the score \
          may rise when they are answered."
        ]
    );
}

#[test]
fn findings_follow_the_rule_critical_first_then_mou_then_areas() {
    let page = first_page(&assessment_of(
        "answers:\n  mou.signed: partial\n  mou.review: met\n  training.basic: met\n  \
         training.yearly: met\n",
    ));
    let kinds: Vec<FindingKind> = page.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FindingKind::Critical,
            FindingKind::CriticalUnanswered,
            FindingKind::Mou,
            FindingKind::WeakestArea,
            FindingKind::StrongestArea,
        ]
    );
    let texts: Vec<&str> = page.findings.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "1 of the 3 critical practices is not fully in place: \u{201c}A signed MOU\u{201d}.",
            "1 critical practice has no answer yet, so whether it is in place is not known: \
             \u{201c}Roles written down\u{201d}.",
            "Of the 3 practices that belong in the written agreement between the district and \
             the law enforcement agency (the MOU), 1 is in place, 1 is partly in place and 1 \
             has no answer yet.",
            "The weakest area is \u{201c}Agreement and governance\u{201d}: 37.5%, 4.5 of 12 \
             possible points (1 of its 3 practices has no answer yet).",
            "The strongest area is \u{201c}Training\u{201d}: 100.0%, 6 of 6 possible points.",
        ]
    );
    assert_eq!(page.critical_gaps, ["A signed MOU (partly in place)"]);
    assert_eq!(page.critical_unanswered, ["Roles written down"]);
}

#[test]
fn every_critical_practice_in_place_is_said_so() {
    let page = first_page(&assessment_of(
        "answers:\n  mou.signed: met\n  mou.roles: met\n  mou.review: met\n  training.basic: \
         met\n  training.yearly: met\n",
    ));
    assert_eq!(
        page.findings[0].text,
        "All 3 critical practices are in place."
    );
    assert_eq!(page.findings[0].kind, FindingKind::Critical);
    // Every area at 100%: neither weakest nor strongest.
    assert_eq!(page.findings.len(), 2);
    assert!(page.critical_gaps.is_empty());
}

#[test]
fn many_critical_gaps_are_named_three_then_counted() {
    let titles: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
    assert_eq!(named_titles(&titles), "“A”, “B”, “C” and 2 more");
    assert_eq!(named_titles(&titles[..2]), "“A” and “B”");
    assert_eq!(named_titles(&titles[..1]), "“A”");
    let with_commas = ["Sign, then file".to_string(), "Train".into()];
    assert_eq!(named_titles(&with_commas), "“Sign, then file”; and “Train”");
    // Quoted, each title keeps its capital mid-sentence.
    let two = ["An SRO reads records".to_string(), "Each report".into()];
    assert_eq!(
        named_titles(&two),
        "“An SRO reads records” and “Each report”"
    );
}

#[test]
fn recommendation_board_action_and_sign_off_are_options_with_placeholders() {
    let empty = first_page(&assessment_of(MOSTLY));
    assert_eq!(empty.committee.recommendation, None);
    assert_eq!(
        empty.committee.recommendation_text(),
        RECOMMENDATION_PLACEHOLDER
    );
    assert_eq!(
        empty.committee.board_action_text(),
        BOARD_ACTION_PLACEHOLDER
    );
    assert!(empty.committee.sign_off.is_blank());
    for line in empty.committee.sign_off.lines() {
        assert_eq!(line.text(), BLANK, "{}", line.label);
    }

    let given = first_page(&assessment_of(&format!(
        "prepared_by: SRO review committee\npresented_on: 2026-04-20\nrecommendation: Renew \
         the MOU.\nboard_action: Approve the revised MOU.\n{MOSTLY}"
    )));
    assert_eq!(given.committee.recommendation_text(), "Renew the MOU.");
    assert_eq!(
        given.committee.board_action_text(),
        "Approve the revised MOU."
    );
    let lines = given.committee.sign_off.lines();
    let shown: Vec<(&str, &str)> = lines.iter().map(|l| (l.label, l.text())).collect();
    assert_eq!(
        shown,
        [
            ("Prepared by", "SRO review committee"),
            ("Reviewed by", BLANK),
            ("Presented to the board on", "April 20, 2026"),
        ]
    );
}

#[test]
fn dates_are_written_out_for_a_board() {
    let date = |t: &str| long_date(Date::parse(t).unwrap());
    assert_eq!(date("2026-03-15"), "March 15, 2026");
    assert_eq!(date("2025-12-01"), "December 1, 2025");
    assert_eq!(date("2024-01-31"), "January 31, 2024");
}

// ----- On the sample files -----

fn example(name: &str) -> Assessment {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let file = AnswersFile::read(&path).unwrap();
    let loaded = file.checklist(None).unwrap();
    let (answers, _) = file.validate(&loaded.checklist).unwrap();
    score(&loaded.checklist, &answers, &file.hash)
}

fn compared(names: &[&str]) -> Comparison {
    let assessments: Vec<Assessment> = names.iter().map(|n| example(n)).collect();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(names[0]);
    let file = AnswersFile::read(&path).unwrap();
    let loaded = file.checklist(None).unwrap();
    compare(&loaded.checklist, &assessments)
}

/// Words a board must never read: ids, hashes, option names, counts of nothing.
fn assert_board_words(texts: &[&str], a_hash: &str) {
    for text in texts {
        assert!(!text.contains(a_hash), "a hash in {text}");
        assert!(!text.contains("--"), "an option name in {text}");
        assert!(!text.contains('`'), "code in {text}");
        assert!(!text.contains("governance."), "an item id in {text}");
        assert!(!text.contains(" 0 "), "a count of nothing in {text}");
        assert!(!text.starts_with("0 "), "a count of nothing in {text}");
    }
}

fn page_texts(page: &FirstPage) -> Vec<String> {
    let mut texts = vec![page.assessed.clone(), page.result.clone()];
    texts.extend(page.caveats.iter().cloned());
    texts.extend(page.findings.iter().map(|f| f.text.clone()));
    texts
}

#[test]
fn every_sample_assessment_has_three_to_five_findings_in_board_words() {
    for name in [
        "existing-program.yaml",
        "draft-carried-over.yaml",
        "option-a-contract-sro.yaml",
        "option-b-mental-health.yaml",
        "year-2025.yaml",
        "year-2026.yaml",
    ] {
        let a = example(name);
        let page = first_page(&a);
        assert!(
            (3..=5).contains(&page.findings.len()),
            "{name}: {:?}",
            page.findings
        );
        let texts = page_texts(&page);
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_board_words(&texts, &a.meta.answers_hash);
        assert_eq!(
            page.critical_gaps.len(),
            a.critical_gaps().count(),
            "{name}"
        );
    }
}

#[test]
fn a_draft_sample_carries_its_caveats() {
    let a = example("draft-carried-over.yaml");
    let page = first_page(&a);
    if a.draft.carried_unconfirmed > 0 {
        assert!(
            page.caveats
                .iter()
                .any(|c| c.contains("not yet been confirmed by the committee")),
            "{:?}",
            page.caveats
        );
    }
    if !a.rating.rated {
        let note = view::assessment::rating_note(&a);
        assert!(!page.caveats.iter().any(|c| Some(c) == note.as_ref()));
        assert!(page.result.starts_with("No rating yet"), "{}", page.result);
    }
    assert!(!page.caveats.is_empty());
}

#[test]
fn options_show_coverage_beside_cost() {
    let c = compared(&["option-a-contract-sro.yaml", "option-b-mental-health.yaml"]);
    let page = comparison_first_page(&c);
    assert_eq!(page.kind, ComparisonKind::Options);
    assert_eq!(page.options.len(), 2);
    let a = &page.options[0];
    assert_eq!(a.cost.as_deref(), Some("$98,000 a year and $12,000 once"));
    assert_eq!(a.staff.as_deref(), Some("1.0 full-time equivalent staff"));
    assert!(
        a.sentence
            .starts_with("\u{201c}Option A: contract an SRO\u{201d}: "),
        "{}",
        a.sentence
    );
    assert!(a.sentence.contains(&a.coverage), "{}", a.sentence);
    assert!(a.sentence.contains("$98,000 a year"), "{}", a.sentence);
    assert_eq!(a.coverage, "all 108 practices answered");
    assert!(
        page.compared.contains("compared 2 options"),
        "{}",
        page.compared
    );
    assert!(
        page.findings[0].starts_with("The options are about the same on the 47 practices")
            && page.findings[0].contains("order changes when every practice weighs the same"),
        "{:?}",
        page.findings
    );
    for text in page.findings.iter().chain([&page.compared]) {
        assert!(!text.contains('`') && !text.contains("--"), "{text}");
    }
}

#[test]
fn a_trend_leads_with_the_change() {
    let c = compared(&["year-2025.yaml", "year-2026.yaml"]);
    let page = comparison_first_page(&c);
    assert_eq!(page.kind, ComparisonKind::Trend);
    assert!(
        page.findings[0].starts_with("The overall score went from "),
        "{:?}",
        page.findings
    );
    assert!(
        page.findings[1].starts_with("Since "),
        "{:?}",
        page.findings
    );
    assert!(
        page.compared.contains("assessed its program twice"),
        "{}",
        page.compared
    );
    assert!(page.options.iter().all(|o| o.cost.is_none()));
}

#[test]
fn the_comparisons_recommendation_follows_its_rule() {
    let mut c = compared(&["option-a-contract-sro.yaml", "option-b-mental-health.yaml"]);
    assert_eq!(comparison_first_page(&c).committee.recommendation, None);
    c.columns[1].board.recommendation = Some("Choose B.".into());
    assert_eq!(
        comparison_first_page(&c)
            .committee
            .recommendation
            .as_deref(),
        Some("Choose B.")
    );
    c.columns[0].board.recommendation = Some("Choose B.".into());
    assert_eq!(
        comparison_first_page(&c)
            .committee
            .recommendation
            .as_deref(),
        Some("Choose B.")
    );
    c.columns[0].board.recommendation = Some("Choose A.".into());
    let labeled = comparison_first_page(&c).committee.recommendation.unwrap();
    assert_eq!(
        labeled,
        format!(
            "{}: Choose A.\n\n{}: Choose B.",
            c.columns[0].label, c.columns[1].label
        )
    );
    c.columns[0].board.presented_on = Date::parse("2026-04-20").ok();
    c.columns[1].board.presented_on = Date::parse("2026-05-18").ok();
    assert_eq!(
        comparison_first_page(&c).committee.sign_off.presented_on,
        Date::parse("2026-05-18").ok()
    );

    c.columns[0].prepared_by = Some("Planning committee".into());
    c.columns[1].prepared_by = Some("Planning committee".into());
    c.columns[1].board.reviewed_by = Some("Superintendent".into());
    c.columns[0].board.reviewed_by = Some("Board chair".into());
    let sign_off = comparison_first_page(&c).committee.sign_off;
    assert_eq!(sign_off.prepared_by.as_deref(), Some("Planning committee"));
    assert_eq!(
        sign_off.reviewed_by.as_deref(),
        Some("Board chair; Superintendent")
    );

    let mut years = compared(&["year-2025.yaml", "year-2026.yaml"]);
    years.columns[0].board.recommendation = Some("Last year's.".into());
    assert_eq!(comparison_first_page(&years).committee.recommendation, None);
    years.columns[1].board.recommendation = Some("This year's.".into());
    assert_eq!(
        comparison_first_page(&years)
            .committee
            .recommendation
            .as_deref(),
        Some("This year's.")
    );
}

#[test]
fn internal_notes_never_reach_the_first_page() {
    let page = first_page(&assessment_of(
        "answers:\n  mou.signed:\n    status: partial\n    internal_note: Student J. Doe was \
         searched\n    note: Public note\n  mou.roles: met\n  mou.review: met\n  \
         training.basic: met\n  training.yearly: met\n",
    ));
    let mut texts: Vec<String> = page.texts().into_iter().map(String::from).collect();
    texts.extend(
        page.committee
            .sign_off
            .lines()
            .iter()
            .map(|l| l.text().to_string()),
    );
    assert!(texts.iter().any(|t| t.contains("A signed MOU")));
    for text in &texts {
        assert!(!text.contains("J. Doe"), "{text}");
    }
}

#[test]
fn the_glossary_of_a_first_page_holds_the_terms_it_uses() {
    let page = first_page(&example("existing-program.yaml"));
    let terms: Vec<&str> = crate::report::glossary::used_in(page.texts())
        .iter()
        .map(|t| t.term)
        .collect();
    // "FERPA" and "DPI" are in the critical gaps, "MOU" in a finding.
    for term in ["DPI", "FERPA", "MOU", "SRO"] {
        assert!(terms.contains(&term), "{term} not in {terms:?}");
    }
    let options = compared(&["option-a-contract-sro.yaml", "option-b-mental-health.yaml"]);
    let page = comparison_first_page(&options);
    let terms: Vec<&str> = crate::report::glossary::used_in(page.texts())
        .iter()
        .map(|t| t.term)
        .collect();
    assert!(terms.contains(&"restorative practices"), "{terms:?}");
}

#[test]
fn nothing_scorable_is_said_plainly() {
    let na = "\n    status: na\n    note: No SRO in this district";
    let page = first_page(&assessment_of(&format!(
        "answers:\n  mou.signed:{na}\n  mou.roles:{na}\n  mou.review:{na}\n  \
         training.basic:{na}\n  training.yearly:{na}\n"
    )));
    assert_eq!(
        page.result,
        "No rating: every practice was marked not applicable, so none could be scored."
    );
    assert!(page.findings.is_empty(), "{:?}", page.findings);
}
