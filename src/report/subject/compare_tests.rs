//! The comparison and summary documents built from the samples in examples/: what leads, what
//! a board never reads, and the anchors and charts every medium relies on.

use std::collections::HashSet;
use std::path::Path;

use super::{comparison, summary};
use crate::compare::{Comparison, Summary, SummaryBuilder, compare};
use crate::load::{self, AnswersFile};
use crate::model::Checklist;
use crate::report::RenderOptions;
use crate::report::document::{Block, Document, Link};
use crate::score::{self, Assessment};

fn checklist() -> Checklist {
    load::bundled_checklist("wi-sro-best-practices")
        .unwrap()
        .unwrap()
        .checklist
}

fn example(checklist: &Checklist, name: &str) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let file = AnswersFile::from_text(&text, &path).unwrap();
    let (answers, _) = file.validate(checklist).unwrap();
    score::score(checklist, &answers, &file.hash)
}

fn years() -> Comparison {
    let checklist = checklist();
    let files = ["year-2025.yaml", "year-2026.yaml"];
    let assessments: Vec<_> = files.iter().map(|f| example(&checklist, f)).collect();
    compare(&checklist, &assessments)
}

fn options() -> Comparison {
    let checklist = checklist();
    let files = ["option-a-contract-sro.yaml", "option-b-mental-health.yaml"];
    let assessments: Vec<_> = files.iter().map(|f| example(&checklist, f)).collect();
    compare(&checklist, &assessments)
}

fn examples_summary() -> Summary {
    let checklist = checklist();
    let mut builder = SummaryBuilder::new(&checklist);
    for name in [
        "existing-program.yaml",
        "option-a-contract-sro.yaml",
        "option-b-mental-health.yaml",
        "year-2025.yaml",
        "year-2026.yaml",
    ] {
        builder.add(&example(&checklist, name), &format!("examples/{name}"));
    }
    builder.finish()
}

/// The headings' ids, in order.
fn heading_ids(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => h.id.clone(),
            _ => None,
        })
        .collect()
}

fn position(ids: &[String], id: &str) -> usize {
    ids.iter()
        .position(|i| i == id)
        .unwrap_or_else(|| panic!("no heading `{id}` in {ids:?}"))
}

/// Every heading has an id, and no two share one.
fn assert_stable_anchors(doc: &Document) {
    let headings = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(_)))
        .count();
    let ids = heading_ids(doc);
    assert_eq!(ids.len(), headings, "a heading without an id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
}

/// The text a board reads: everything before the method section.
fn board_text(doc: &Document) -> String {
    let mut before = doc.clone();
    let method = before
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("method")))
        .expect("a method section");
    before.blocks.truncate(method);
    before.plain_text()
}

#[test]
fn a_year_comparison_leads_with_the_trend_and_ranks_nothing() {
    let c = years();
    let doc = comparison(&c, &RenderOptions::default());
    let ids = heading_ids(&doc);
    assert_eq!(
        ids.first().map(String::as_str),
        Some("for-the-board"),
        "{ids:?}"
    );
    // After the board's page and the contents, the trend comes first.
    assert_eq!(
        ids.get(position(&ids, "contents") + 1).map(String::as_str),
        Some("trend"),
        "{ids:?}"
    );
    assert!(position(&ids, "board-trend") < position(&ids, "board-critical-gaps"));
    assert!(position(&ids, "trend") < position(&ids, "side-by-side"));
    assert!(position(&ids, "trend-improved") < position(&ids, "trend-slipped"));
    assert!(
        !ids.contains(&"weight-check".to_string()),
        "years are not ranked"
    );
    let text = doc.plain_text();
    assert!(
        text.contains("2025 to 2026: 75.9% to 85.5% (+9.6 pts)"),
        "{text}"
    );
    assert!(!text.contains("Ranked on"), "{text}");
    assert!(!text.contains("(1st)"), "{text}");
    assert_stable_anchors(&doc);
}

#[test]
fn an_options_comparison_ranks_the_options_and_checks_the_weights() {
    let c = options();
    let doc = comparison(&c, &RenderOptions::default());
    let ids = heading_ids(&doc);
    assert!(!ids.contains(&"trend".to_string()), "{ids:?}");
    assert!(position(&ids, "side-by-side") < position(&ids, "weight-check"));
    let text = doc.plain_text();
    assert!(text.contains("Ranked on the"), "{text}");
    // 88.1% against 86.9%, and the weight check reverses them: about the same, not 1st and 2nd.
    assert!(text.contains("(about the same)"), "{text}");
    assert!(!text.contains("(1st)") && !text.contains("(2nd)"), "{text}");
    assert_stable_anchors(&doc);
}

#[test]
fn the_board_reads_no_tool_words_hashes_or_counts_of_nothing() {
    for c in [years(), options(), years().only_differences()] {
        let doc = comparison(&c, &RenderOptions::default());
        let text = board_text(&doc);
        assert!(!text.contains("--"), "a command-line option in: {text}");
        for column in &c.columns {
            assert!(
                !text.contains(&column.answers_hash),
                "the hash {} before the method section",
                column.answers_hash
            );
        }
        for nothing in [" 0 newly answered", "(0)", " 0 improved", " 0 regressed"] {
            assert!(!text.contains(nothing), "`{nothing}` in: {text}");
        }
        // The hashes are kept where they belong: the method section lists every file.
        let all = doc.plain_text();
        assert!(c.columns.iter().all(|col| all.contains(&col.answers_hash)));
    }
}

#[test]
fn section_charts_have_one_series_per_column() {
    for c in [years(), options()] {
        let doc = comparison(&c, &RenderOptions::default());
        let chart = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Chart(chart) => Some(chart),
                _ => None,
            })
            .expect("a chart");
        let labels: Vec<&str> = c.columns.iter().map(|col| col.label.as_str()).collect();
        assert_eq!(chart.series, labels);
        assert_eq!(chart.groups.len(), c.sections.len());
        let marks: Vec<f64> = chart.thresholds.iter().map(|t| t.percent).collect();
        let bands: Vec<f64> = c.bands.iter().map(|b| b.min).filter(|m| *m > 0.0).collect();
        assert!(!marks.is_empty(), "the band thresholds are marked");
        assert_eq!(marks, bands);
        for group in &chart.groups {
            assert_eq!(group.bars.len(), c.columns.len(), "{}", group.label);
            assert!(
                chart.alt.contains(&group.label),
                "the alt text names each section"
            );
        }
    }
}

#[test]
fn every_figure_the_terminal_printed_is_in_the_document() {
    let c = years();
    let text = comparison(&c, &RenderOptions::default()).plain_text();
    for column in &c.columns {
        assert!(text.contains(&crate::report::view::percent(column.overall.percent)));
        assert!(
            text.contains(&crate::report::view::comparison::coverage(column)),
            "{text}"
        );
    }
    assert!(
        text.contains("Gaps open in every assessment (22)"),
        "{text}"
    );
    assert!(text.contains("Critical gaps over time (2)"), "{text}");
    assert!(text.contains("27 of 118 items differ."), "{text}");
}

#[test]
fn the_summary_states_the_average_and_lists_every_file_in_its_method() {
    let s = examples_summary();
    let doc = summary(&s, &RenderOptions::default());
    assert_stable_anchors(&doc);
    let ids = heading_ids(&doc);
    assert!(position(&ids, "districts") < position(&ids, "method"));
    let text = doc.plain_text();
    let average = crate::report::view::percent(s.overall_average);
    assert!(text.contains(&format!("{average} on average")), "{text}");
    let board = board_text(&doc);
    for row in s.districts.iter().chain(&s.other_assessments) {
        assert!(text.contains(&row.answers_hash), "{}", row.source);
        assert!(!board.contains(&row.answers_hash), "{}", row.source);
    }
}

/// `year-2026.yaml` as if answered again a year later, unchanged.
fn a_year_later(checklist: &Checklist) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/year-2026.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("date: 2026-04-18", "date: 2027-04-20", 1)
        .replacen("label: \"2026\"", "label: \"2027\"", 1);
    assert!(text.contains("2027-04-20") && text.contains("\"2027\""));
    let file = AnswersFile::from_text(&text, &path).unwrap();
    let (answers, _) = file.validate(checklist).unwrap();
    score::score(checklist, &answers, &file.hash)
}

#[test]
fn three_years_lead_with_the_whole_span_and_list_each_step() {
    let checklist = checklist();
    let assessments = vec![
        example(&checklist, "year-2025.yaml"),
        example(&checklist, "year-2026.yaml"),
        a_year_later(&checklist),
    ];
    let doc = comparison(
        &compare(&checklist, &assessments),
        &RenderOptions::default(),
    );
    assert_stable_anchors(&doc);
    let text = doc.plain_text();
    let span = text.find("2025 to 2027: ").expect("the whole span");
    let first = text.find("2025 to 2026: ").expect("the first step");
    let second = text.find("2026 to 2027: ").expect("the second step");
    assert!(span < first && first < second, "{text}");
    assert!(
        text.contains("2026 to 2027: 85.5% to 85.5% (0.0 pts)"),
        "{text}"
    );
}

#[test]
fn the_footer_carries_no_hash_and_says_draft_only_for_a_draft() {
    let c = years();
    let doc = comparison(&c, &RenderOptions::default());
    assert_eq!(
        doc.running_footer, "",
        "a finished comparison's footer is empty"
    );
    let checklist = checklist();
    let draft = compare(
        &checklist,
        &[
            example(&checklist, "existing-program.yaml"),
            example(&checklist, "draft-carried-over.yaml"),
        ],
    );
    let doc = comparison(&draft, &RenderOptions::default());
    assert!(
        doc.running_footer.starts_with("DRAFT: 1 of 2"),
        "{}",
        doc.running_footer
    );
    for column in &draft.columns {
        assert!(!doc.running_footer.contains(&column.answers_hash));
    }
    let summary = summary(&examples_summary(), &RenderOptions::default());
    assert!(!summary.running_footer.contains("sro-assess"));
}

#[test]
fn the_contents_link_every_chapter_and_every_link_has_a_target() {
    let docs = [
        comparison(&years(), &RenderOptions::default()),
        comparison(&options(), &RenderOptions::default()),
        summary(&examples_summary(), &RenderOptions::default()),
    ];
    for doc in &docs {
        let ids: HashSet<String> = heading_ids(doc).into_iter().collect();
        // The contents list the chapters after them; the lead before them is read first.
        let contents = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some("contents")))
            .expect("contents");
        let chapters = doc.blocks[contents + 1..]
            .iter()
            .filter(|b| matches!(b, Block::Heading(h) if h.level == 1))
            .count();
        let links: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::List(list) => Some(list.items.iter()),
                _ => None,
            })
            .flatten()
            .flat_map(|item| &item.spans)
            .filter_map(|span| match &span.link {
                Some(Link::Section(id)) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(links.len(), chapters, "{}: one link per chapter", doc.title);
        for id in links {
            assert!(
                ids.contains(id),
                "{}: a link to no heading `{id}`",
                doc.title
            );
        }
    }
}

#[test]
fn a_summary_leads_with_at_a_glance_and_has_no_board_page() {
    let doc = summary(&examples_summary(), &RenderOptions::default());
    let ids = heading_ids(&doc);
    assert_eq!(
        ids.first().map(String::as_str),
        Some("at-a-glance"),
        "{ids:?}"
    );
    assert!(position(&ids, "at-a-glance") < position(&ids, "contents"));
    assert!(position(&ids, "glossary") < position(&ids, "method"));
    for board in ["for-the-board", "sign-off", "board-recommendation"] {
        assert!(!ids.contains(&board.to_string()), "{board} in {ids:?}");
    }
    let text = doc.plain_text();
    assert!(
        text.contains("Weakest section, over answered items:"),
        "{text}"
    );
    assert!(text.contains("Most often unanswered"), "{text}");
    assert!(text.contains("Most common gap:"), "{text}");
}
