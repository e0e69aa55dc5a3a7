//! Renderer tests on a small assessment built in code.

use super::*;
use crate::load::{AnswersFile, parse_checklist};
use crate::score::score;

const CHECKLIST: &str = r#"
id: tiny
title: Tiny checklist
version: "1"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 75, label: Good }
  - { min: 0, label: Weak }
coverage_threshold: 50
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org" }
sections:
  - id: mou
    title: MOU | governance
    items:
      - { id: mou.signed, title: "A signed MOU", guidance: g, priority: critical, responsible: joint, in_mou: true, recommendation: "Sign it", sources: [{ source: src }] }
      - { id: mou.review, title: "Reviewed *yearly*", guidance: g, priority: medium, responsible: district, recommendation: "Review it", sources: [{ source: src }] }
      - { id: mou.costs, title: "Costs written", guidance: g, priority: low, responsible: joint, recommendation: "Write them", sources: [{ source: src }] }
"#;

const ANSWERS: &str = r#"
checklist: tiny
profile: all
district: Example Area School District
label: Test run
date: 2026-03-15
answers:
  mou.signed:
    status: partial
    evidence: Draft only
    note: Public note
    internal_note: Names a student
    owner: Superintendent
    due: 2026-06-30
  mou.review: met
"#;

fn assessment() -> crate::score::Assessment {
    assessment_of(ANSWERS)
}

fn assessment_of(answers: &str) -> crate::score::Assessment {
    let loaded = parse_checklist(CHECKLIST, std::path::Path::new("tiny.yaml")).unwrap();
    let file = AnswersFile::from_text(answers, std::path::Path::new("a.yaml")).unwrap();
    let (answers, _) = file.validate(&loaded.checklist).unwrap();
    score(&loaded.checklist, &answers, &file.hash)
}

fn render(format: Format, include_internal_notes: bool) -> String {
    let options = RenderOptions {
        include_internal_notes,
        width: Some(100),
        ..RenderOptions::default()
    };
    String::from_utf8(
        super::render(Subject::Assessment(&assessment()), format, &options)
            .unwrap()
            .bytes,
    )
    .unwrap()
}

#[test]
fn internal_notes_stay_out_unless_asked_for() {
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
        assert!(
            !render(format, false).contains("Names a student"),
            "{format:?} leaked a note"
        );
    }
    for format in [Format::Markdown, Format::Csv, Format::Json] {
        assert!(
            render(format, true).contains("Names a student"),
            "{format:?} lost the note"
        );
    }
    assert!(render(Format::Markdown, true).contains("CONFIDENTIAL"));
}

#[test]
fn every_text_format_shows_the_same_figures() {
    // 2.5 (partial critical) + 2 (medium met) of 5 + 2 + 1 (unanswered low) = 4.5 / 8 = 56.3%
    for format in [Format::Table, Format::Markdown] {
        let text = render(format, false);
        assert!(text.contains("56.3% (Weak)"), "{format:?}:\n{text}");
        assert!(
            text.contains("4.5 earned of 8 possible weight"),
            "{format:?}"
        );
        assert!(text.contains("2 of 3 items answered"), "{format:?}");
    }
    assert!(
        render(Format::Csv, false)
            .lines()
            .nth(1)
            .unwrap()
            .contains(",4.5,8,56.3,Weak,")
    );
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json, false)).unwrap();
    assert_eq!(json["overall"]["percent"], 56.3);
    assert_eq!(json["gaps"][0], "mou.signed");
    assert_eq!(json["unanswered"][0], "mou.costs");
}

#[test]
fn markdown_escapes_table_cells() {
    let text = render(Format::Markdown, false);
    assert!(text.contains("MOU \\| governance"), "{text}");
    // The item with emphasis marks in its title must be a gap to reach a table cell.
    let gap = assessment_of(&ANSWERS.replace("mou.review: met", "mou.review: partial"));
    let bytes = super::render(
        Subject::Assessment(&gap),
        Format::Markdown,
        &RenderOptions::default(),
    )
    .unwrap()
    .bytes;
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("| Reviewed \\*yearly\\*<br>"), "{text}");
    assert!(!text.contains("Reviewed *yearly*"), "{text}");
}

#[test]
fn csv_has_one_row_per_item_plus_overall_and_sections() {
    let text = render(Format::Csv, false);
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1 + 1 + 3);
    assert!(rows.iter().all(|r| r.len() == 36));
}

#[test]
fn a_confidential_csv_starts_with_its_header_and_says_so_on_every_row() {
    let text = render(Format::Csv, true);
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "district", "the header is the first row");
    let at = header.iter().position(|h| h == "confidential").unwrap();
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| &r[at] == "true"), "{text}");
    let public = render(Format::Csv, false);
    assert!(
        public.lines().skip(1).all(|l| l.contains(",false")),
        "{public}"
    );
}

#[test]
fn a_bom_is_written_only_when_asked_and_only_before_a_csv() {
    let with = |format, bom| {
        let options = RenderOptions {
            bom,
            ..RenderOptions::default()
        };
        super::render(Subject::Assessment(&assessment()), format, &options)
            .unwrap()
            .bytes
    };
    assert!(with(Format::Csv, true).starts_with(&[0xEF, 0xBB, 0xBF, b'd']));
    assert!(with(Format::Csv, false).starts_with(b"district,"));
    assert!(with(Format::Json, true).starts_with(b"{"));
}

#[test]
fn plain_table_has_no_box_drawing_or_escape_codes() {
    let text = render(Format::Table, false);
    // Without color the table is drawn in ASCII; the words may hold `·` and quotes.
    let boxes = ('\u{2500}'..='\u{257F}').collect::<Vec<char>>();
    assert!(!text.contains(boxes.as_slice()), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn every_format_keeps_internal_notes_out_unless_asked() {
    let options = RenderOptions::default();
    for format in Format::all() {
        let rendered = super::render(Subject::Assessment(&assessment()), format, &options).unwrap();
        let text = String::from_utf8_lossy(&rendered.bytes);
        assert!(!text.contains("Names a student"), "{}", format.name());
    }
}

#[test]
fn every_medium_draws_a_comparison() {
    let loaded = parse_checklist(CHECKLIST, std::path::Path::new("tiny.yaml")).unwrap();
    let comparison = crate::compare::compare(&loaded.checklist, &[assessment(), assessment()]);
    let html = super::render(
        Subject::Comparison(&comparison),
        Format::Html,
        &RenderOptions::default(),
    )
    .unwrap();
    assert!(html.bytes.starts_with(b"<!DOCTYPE html>") && html.warnings.is_empty());
    let rendered = super::render(
        Subject::Comparison(&comparison),
        Format::Markdown,
        &RenderOptions::default(),
    )
    .unwrap();
    let markdown = String::from_utf8(rendered.bytes).unwrap();
    assert!(
        markdown.contains("\n# ") && rendered.warnings.is_empty(),
        "{markdown}"
    );
}
