//! `compare` and `summary` with a draft assessment among their files (answers carried over by
//! `init --from` and not confirmed, too few items answered) say DRAFT in every format, name the
//! draft, and mark its column; without a draft they say nothing of the kind.

use std::fs;
use std::path::Path;

use crate::common::{repo_path, run_ok};
use crate::pdf_read::{page_count, texts};

const PROGRAM: &str = "examples/existing-program.yaml";
const DRAFT: &str = "examples/draft-carried-over.yaml";
const DRAFT_LABEL: &str = "2026-27 annual review (in progress)";
const YEAR_2025: &str = "examples/year-2025.yaml";
const YEAR_2026: &str = "examples/year-2026.yaml";

fn compare_draft(format: &str) -> String {
    run_ok(&["compare", PROGRAM, DRAFT, "--format", format])
}

/// The terminal's text with its call-out bars and line breaks taken out, so that a wrapped
/// sentence reads whole.
fn unwrapped(text: &str) -> String {
    text.lines()
        .map(|line| line.trim_start_matches(['|', '>']).trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `first` comes before `then` in `text`: the DRAFT line above the first facts.
fn comes_before(text: &str, first: &str, then: &str) -> bool {
    match (text.find(first), text.find(then)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

/// A folder with one district's finished latest assessment and another district's draft.
fn summary_folder(dir: &Path) -> String {
    fs::copy(repo_path(YEAR_2026), dir.join("year-2026.yaml")).unwrap();
    fs::copy(repo_path(DRAFT), dir.join("draft.yaml")).unwrap();
    dir.to_str().unwrap().to_string()
}

/// The reasons every DRAFT line gives for the draft example: its carried answers with their
/// count, and its coverage under the threshold.
fn assert_names_the_draft(text: &str, what: &str) {
    assert!(
        text.contains("1 of 2 assessments is a draft")
            || text.contains("1 of 2 latest assessments is a draft"),
        "{what}: the count\n{text}"
    );
    assert!(
        text.contains(
            "6 answers carried over from 2025-26 annual review (2026-03-15) not yet confirmed"
        ),
        "{what}: the carried answers\n{text}"
    );
    assert!(
        text.contains("13 of 118 items answered (11.0%), below the 80% needed for a rating"),
        "{what}: the coverage\n{text}"
    );
}

#[test]
fn the_comparison_table_says_draft_under_its_title_and_marks_the_column() {
    let out = compare_draft("table");
    assert!(comes_before(&out, "DRAFT: ", "Checklist:"), "{out}");
    assert_names_the_draft(&unwrapped(&out), "table");
    assert!(out.contains("(draft)"), "the draft column is marked\n{out}");
}

#[test]
fn the_comparison_markdown_says_draft_under_its_title_and_marks_the_column() {
    let out = compare_draft("markdown");
    assert!(comes_before(&out, "> **DRAFT: ", "**Checklist**"), "{out}");
    assert_names_the_draft(&out, "markdown");
    assert!(
        out.contains(&format!("| {DRAFT_LABEL} (draft) |")),
        "the column header is marked\n{out}"
    );
}

#[test]
fn the_comparison_csv_starts_with_its_header_and_marks_the_draft_in_its_column() {
    let out = compare_draft("csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[0][0], "row_type",
        "the header is the first row: {out}"
    );
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has the header's width"
    );
    let draft = rows.iter().find(|r| &r[1] == "draft").unwrap();
    assert_eq!(&draft[4], "", "the finished assessment is not a draft");
    assert!(draft[5].contains("6 answers carried over"), "{draft:?}");
}

#[test]
fn the_comparison_json_carries_the_notice_and_the_drafts() {
    let json: serde_json::Value = serde_json::from_str(&compare_draft("json")).unwrap();
    let notice = json["draft_notice"].as_str().unwrap();
    assert!(notice.starts_with("DRAFT: "));
    assert_names_the_draft(notice, "json");
    let drafts = json["draft"]["assessments"].as_array().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0]["label"], DRAFT_LABEL);
    assert_eq!(drafts[0]["carried_unconfirmed"], 6);
    assert_eq!(drafts[0]["below_coverage_threshold"], true);
    assert_eq!(json["draft"]["out_of"], 2);
    assert_eq!(json["columns"][0]["draft"]["is_draft"], false);
    assert_eq!(json["columns"][1]["draft"]["is_draft"], true);
}

#[test]
fn every_page_of_the_comparison_pdf_says_draft() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("comparison.pdf");
    run_ok(&["compare", PROGRAM, DRAFT, "-o", pdf.to_str().unwrap()]);
    let count = page_count(&pdf);
    assert!(count > 1);
    for (reader, text) in texts(&pdf) {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), count, "{reader}");
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains("DRAFT"),
                "{reader}: page {} says DRAFT",
                n + 1
            );
        }
        let cover = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
        assert_names_the_draft(&cover, reader);
    }
}

#[test]
fn a_comparison_without_drafts_says_nothing_of_drafts_in_any_format() {
    for format in ["table", "markdown", "csv"] {
        let out = run_ok(&["compare", YEAR_2025, YEAR_2026, "--format", format]);
        assert!(!out.contains("DRAFT"), "{format}\n{out}");
        assert!(!out.contains("(draft)"), "{format}\n{out}");
    }
    let out = run_ok(&["compare", YEAR_2025, YEAR_2026, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json["draft_notice"].is_null());
    assert!(json["draft"].is_null());
}

#[test]
fn a_summary_with_a_draft_latest_assessment_says_draft_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let folder = summary_folder(dir.path());
    let table = run_ok(&["summary", &folder]);
    assert!(comes_before(&table, "DRAFT: ", "Checklist:"), "{table}");
    assert_names_the_draft(&unwrapped(&table), "summary table");
    assert!(table.contains("(draft)"), "the district is marked\n{table}");

    let markdown = run_ok(&["summary", &folder, "--format", "markdown"]);
    assert!(
        comes_before(&markdown, "> **DRAFT: ", "**Checklist**"),
        "{markdown}"
    );
    assert_names_the_draft(&markdown, "summary markdown");
    assert!(markdown.contains("Example Area School District (draft)"));

    let csv_text = run_ok(&["summary", &folder, "--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "row_type", "the header is the first row");
    let draft_column = rows[0].iter().position(|h| h == "draft").unwrap();
    let draft_row = rows
        .iter()
        .find(|r| &r[0] == "district" && &r[1] == "Example Area School District")
        .unwrap();
    assert!(draft_row[draft_column].contains("not yet confirmed"));

    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["summary", &folder, "--format", "json"])).unwrap();
    assert_names_the_draft(json["draft_notice"].as_str().unwrap(), "summary json");
    assert_eq!(json["draft"]["out_of"], 2);
    assert_eq!(
        json["draft"]["assessments"][0]["label"],
        format!("Example Area School District, {DRAFT_LABEL}")
    );

    let pdf = dir.path().join("summary.pdf");
    run_ok(&["summary", &folder, "-o", pdf.to_str().unwrap()]);
    let count = page_count(&pdf);
    for (reader, text) in texts(&pdf) {
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), count, "{reader}");
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains("DRAFT"),
                "{reader}: page {} says DRAFT",
                n + 1
            );
        }
    }
}
