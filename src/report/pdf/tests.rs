//! Report-level layout tests on synthetic assessments built through the public loading API.

use super::synthetic::{self, Spec};
use super::*;
use crate::report::{Format, Paper, RenderOptions, Subject, render};

fn stress() -> Assessment {
    synthetic::assessment(Spec {
        items: 300,
        sections: 7,
        title_chars: 200,
        note_chars: 2000,
    })
    .expect("the synthetic inputs are valid")
}

fn texts(page: &layout::Page) -> impl Iterator<Item = &layout::TextBox> {
    page.marks.iter().filter_map(|m| match m {
        layout::Mark::Text(t) => Some(t),
        _ => None,
    })
}

fn assert_inside(pages: &[layout::Page], geometry: layout::Geometry) {
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

#[test]
fn stress_case_stays_inside_the_margins_on_both_papers() {
    let assessment = stress();
    for (paper, geometry) in [
        (Paper::Letter, layout::Geometry::LETTER),
        (Paper::A4, layout::Geometry::A4),
    ] {
        let options = RenderOptions {
            paper,
            include_internal_notes: true,
            ..RenderOptions::default()
        };
        let pages = pages(&assessment, &options);
        assert!(pages.len() > 50, "{} pages", pages.len());
        assert_inside(&pages, geometry);
    }
}

#[test]
fn stress_case_prints_every_gap_and_repeats_the_gap_table_header() {
    let assessment = stress();
    let pages = pages(&assessment, &RenderOptions::default());
    let gap_pages: Vec<&layout::Page> = pages
        .iter()
        .filter(|p| texts(p).any(|t| t.text == "Next step and evidence"))
        .collect();
    assert!(gap_pages.len() > 3);
    let title = format!("Gaps in priority order ({})", assessment.gaps().count());
    for page in &gap_pages {
        // The gap list follows on from the summary, so its first page may start with the
        // summary's end; every later page starts with the repeated header.
        let first = texts(page).next().map(|t| t.text.as_str());
        let opens_the_list = texts(page).any(|t| t.text == title);
        assert!(
            first == Some("#") || opens_the_list,
            "a gap-table page starts with the header: {first:?}"
        );
    }
    // Every gap id is printed (ids are short enough never to wrap in the item column).
    let all: Vec<&str> = pages
        .iter()
        .flat_map(texts)
        .map(|t| t.text.as_str())
        .collect();
    for gap in assessment.gaps() {
        assert!(all.contains(&gap.id.as_str()), "{} missing", gap.id);
    }
}

#[test]
fn renders_a_pdf_with_the_pages_of_the_model() {
    let assessment = synthetic::assessment(Spec {
        items: 40,
        sections: 4,
        title_chars: 80,
        note_chars: 300,
    })
    .expect("valid");
    let options = RenderOptions::default();
    let bytes = render(Subject::Assessment(&assessment), Format::Pdf, &options)
        .expect("renders")
        .bytes;
    assert!(bytes.starts_with(b"%PDF-"));
    // The CLI tests compare this figure with pdfinfo's count of the written file.
    assert!(page_count(&assessment, &options) > 3);
}

#[test]
fn internal_notes_and_confidential_only_when_asked() {
    let assessment = stress();
    let public = pages(&assessment, &RenderOptions::default());
    let public_text: Vec<&str> = public
        .iter()
        .flat_map(texts)
        .map(|t| t.text.as_str())
        .collect();
    assert!(!public_text.iter().any(|t| t.contains("CONFIDENTIAL")));
    let options = RenderOptions {
        include_internal_notes: true,
        ..RenderOptions::default()
    };
    let private = pages(&assessment, &options);
    for page in &private {
        assert!(texts(page).any(|t| t.text.starts_with("CONFIDENTIAL")));
    }
}

#[test]
fn characters_the_fonts_have_print_without_a_warning() {
    // The filler has curly quotes, an em dash, "ñ" and an arrow: all in Liberation Sans.
    let warnings = render(
        Subject::Assessment(&stress()),
        Format::Pdf,
        &RenderOptions::default(),
    )
    .expect("renders")
    .warnings;
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn every_text_is_covered_by_both_fonts() {
    let pages = pages(&stress(), &RenderOptions::default());
    for t in pages.iter().flat_map(texts) {
        assert!(t.text.chars().all(font::covers), "{}", t.text);
    }
}
