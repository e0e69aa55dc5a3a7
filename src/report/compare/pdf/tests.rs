//! Layout tests of the comparison and summary PDFs on made-up districts: every mark inside the
//! margins on both papers, headers repeated, the stamp shortened for many files.

use std::path::Path;

use super::*;
use crate::compare::{SummaryBuilder, compare, synthetic::synthetic_answers};
use crate::load::{self, AnswersFile};
use crate::model::Checklist;
use crate::report::Paper;
use crate::report::pdf::layout::Mark;
use crate::score::{self, Assessment};

fn checklist() -> Checklist {
    load::bundled_checklist("wi-sro-best-practices")
        .unwrap()
        .unwrap()
        .checklist
}

/// `count` made-up districts; their profiles rotate, so the columns differ in scope.
fn districts(checklist: &Checklist, count: u64) -> Vec<Assessment> {
    (0..count)
        .map(|seed| {
            let text = synthetic_answers(checklist, seed);
            let file = AnswersFile::from_text(&text, Path::new("synthetic.yaml")).unwrap();
            let (answers, _) = file.validate(checklist).unwrap();
            score::score(checklist, &answers, &file.hash)
        })
        .collect()
}

fn texts(page: &Page) -> impl Iterator<Item = &str> {
    page.marks.iter().filter_map(|m| match m {
        Mark::Text(t) => Some(t.text.as_str()),
        _ => None,
    })
}

fn assert_inside(pages: &[Page], geometry: Geometry) {
    for (n, page) in pages.iter().enumerate() {
        for mark in &page.marks {
            assert!(
                geometry.contains(mark.bounds()),
                "page {}: {mark:?} lies outside the margins",
                n + 1
            );
        }
    }
}

fn both_papers() -> [(RenderOptions, Geometry); 2] {
    [
        (RenderOptions::default(), Geometry::LETTER),
        (
            RenderOptions {
                paper: Paper::A4,
                ..RenderOptions::default()
            },
            Geometry::A4,
        ),
    ]
}

#[test]
fn comparison_of_many_columns_stays_inside_the_margins_and_repeats_its_headers() {
    let checklist = checklist();
    let comparison = compare(&checklist, &districts(&checklist, 7));
    for (options, geometry) in both_papers() {
        let pages = comparison_pages(&comparison, &options);
        assert_inside(&pages, geometry);
        // The item matrix runs over several pages, each under the header row.
        let matrix_pages = pages
            .iter()
            .filter(|p| texts(p).any(|t| t == "Priority") && texts(p).any(|t| t == "Item"))
            .count();
        assert!(matrix_pages >= 3, "{matrix_pages} pages with the header");
        let total = pages.len();
        for (n, page) in pages.iter().enumerate() {
            let label = format!("Page {} of {total}", n + 1);
            assert!(texts(page).any(|t| t == label), "{label}");
        }
    }
}

#[test]
fn summary_of_many_districts_stays_inside_the_margins() {
    let checklist = checklist();
    let mut builder = SummaryBuilder::new(&checklist);
    for (n, a) in districts(&checklist, 60).iter().enumerate() {
        builder.add(a, &format!("district-{n}.yaml"));
    }
    let summary = builder.finish();
    for (options, geometry) in both_papers() {
        let pages = summary_pages(&summary, &options);
        assert!(pages.len() > 4, "{} pages", pages.len());
        assert_inside(&pages, geometry);
        let header_pages = pages
            .iter()
            .filter(|p| texts(p).any(|t| t == "District"))
            .count();
        assert!(header_pages >= 2, "the districts table header repeats");
    }
    assert!(
        PdfRenderer
            .summary(&summary, &RenderOptions::default())
            .warnings
            .is_empty()
    );
}

#[test]
fn the_stamp_lists_a_few_hashes_and_counts_the_rest() {
    let few = stamp("wi", "2026.1", &["aa", "bb"], "see the cover");
    assert!(few.starts_with("Checklist wi 2026.1; sro-assess "), "{few}");
    assert!(few.ends_with("; answers files aa, bb"), "{few}");
    let one = stamp("wi", "2026.1", &["aa"], "see the cover");
    assert!(one.ends_with("; answers file aa"), "{one}");
    let hashes: Vec<String> = (0..1000).map(|n| format!("h{n}")).collect();
    let refs: Vec<&str> = hashes.iter().map(String::as_str).collect();
    let many = stamp("wi", "2026.1", &refs, "see the table");
    assert!(
        many.ends_with("answers files h0, h1, h2, h3 and 996 more (see the table)"),
        "{many}"
    );
}

/// Every text mark of the pages, in order, joined by spaces (wrapped lines rejoined).
fn all_text(pages: &[Page]) -> String {
    pages.iter().flat_map(texts).collect::<Vec<_>>().join(" ")
}

fn example(path: &str, checklist: &Checklist) -> Assessment {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = AnswersFile::read(&root.join(path)).unwrap();
    let (answers, _) = file.validate(checklist).unwrap();
    score::score(checklist, &answers, &file.hash)
}

#[test]
fn the_comparison_pdf_prints_the_common_items_ranking_and_what_each_option_leaves_open() {
    let list = checklist();
    let options = [
        example("examples/option-a-contract-sro.yaml", &list),
        example("examples/option-b-mental-health.yaml", &list),
    ];
    let text = all_text(&comparison_pages(
        &compare(&list, &options),
        &RenderOptions::default(),
    ));
    for expected in [
        "Common items",
        "Cost per point",
        "One-time cost",
        "Ranked on the",
        "Critical items left open",
        "governance.safety-plan",
        "not as years",
    ] {
        assert!(text.contains(expected), "missing `{expected}`");
    }
    let years = [
        example("examples/year-2025.yaml", &list),
        example("examples/year-2026.yaml", &list),
    ];
    let text = all_text(&comparison_pages(
        &compare(&list, &years),
        &RenderOptions::default(),
    ));
    assert!(text.contains("(2 newly unanswered)"));
    assert!(text.contains("over the items answered both times"));
}

#[test]
fn the_summary_pdf_counts_districts_and_lists_the_rest_apart() {
    let list = checklist();
    let mut builder = SummaryBuilder::new(&list);
    for name in [
        "existing-program",
        "option-a-contract-sro",
        "option-b-mental-health",
        "year-2025",
        "year-2026",
    ] {
        builder.add(&example(&format!("examples/{name}.yaml"), &list), name);
    }
    let text = all_text(&summary_pages(&builder.finish(), &RenderOptions::default()));
    for expected in [
        "3 districts, 5 assessments",
        "Latest assessment per district (2 of 3 districts)",
        "Earlier assessments and planning options, not averaged (3)",
        "planning option",
        "earlier assessment",
    ] {
        assert!(text.contains(expected), "missing `{expected}`");
    }
}
