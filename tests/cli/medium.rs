//! The four media on the sample document that holds every block kind, checked from outside:
//! the HTML page by axe-core in Chromium (WCAG 2.1 A and AA, and no sideways scrolling at
//! 320 px), the PDF by qpdf and read back in-process, the terminal text at a narrow width.

use sro_assess::report::document::{Block, Document};
use sro_assess::report::medium::{draw, sample_document};
use sro_assess::report::{Format, Paper, RenderOptions};
use unicode_width::UnicodeWidthStr;

use crate::external::{can_run, qpdf_check};
use crate::html::axe_runner;

fn drawn(format: Format, options: &RenderOptions) -> Vec<u8> {
    draw(sample_document(), format, options).unwrap().bytes
}

#[test]
fn axe_finds_no_violation_in_the_sample_and_the_long_page() {
    let runner = axe_runner();
    let check = "axe-core in Chromium on the HTML medium's sample page (WCAG 2.1 A and AA)";
    if !can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for (name, doc) in [
        ("every-block", sample_document()),
        ("long", long_document()),
    ] {
        let page = dir.path().join(format!("{name}.html"));
        let html = draw(doc.clone(), Format::Html, &RenderOptions::default()).unwrap();
        std::fs::write(&page, html.bytes).unwrap();
        pages.push(page);
    }
    crate::html::assert_axe_clean(&runner, &pages);
}

#[test]
fn the_pdf_of_every_block_kind_passes_qpdf_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for (paper, size) in [(Paper::Letter, (612.0, 792.0)), (Paper::A4, (595.3, 841.9))] {
        let options = RenderOptions {
            paper,
            ..RenderOptions::default()
        };
        let path = dir.path().join(format!("every-block-{paper:?}.pdf"));
        std::fs::write(&path, drawn(Format::Pdf, &options)).unwrap();
        qpdf_check(&path);
        let pdf = crate::pdf_read::read(&path);
        assert_eq!(pdf.pages.len(), 3, "cover, summary, method");
        for page in &pdf.pages {
            assert!((page.size.0 - size.0).abs() < 1.0 && (page.size.1 - size.1).abs() < 1.0);
        }
        assert!(pdf.pages[0].text.contains("Gap report"));
        assert!(pdf.pages[1].text.contains("Gaps, most urgent first"));
        assert!(pdf.pages[2].text.contains("How this was scored"));
        for (n, page) in pdf.pages.iter().enumerate() {
            assert!(
                page.text.contains(&format!("Page {} of 3", n + 1)),
                "{}",
                page.text
            );
            assert!(page.text.contains("CONFIDENTIAL"), "{}", page.text);
        }
        assert_eq!(
            pdf.info["Title"],
            "Gap report: Example Area School District"
        );
        assert_eq!(
            pdf.info["Subject"],
            "School Resource Officer program gap report"
        );
    }
}

#[test]
fn no_terminal_line_is_wider_than_forty_columns() {
    let options = RenderOptions {
        width: Some(40),
        ..RenderOptions::default()
    };
    let text = String::from_utf8(drawn(Format::Table, &options)).unwrap();
    for line in text.lines() {
        assert!(line.width() <= 40, "{line:?}");
    }
    assert!(
        text.contains("Column 9: 9999"),
        "the wide table, row by row:\n{text}"
    );
}

/// A long document: many sections of headings, paragraphs, tables of long rows with
/// characters the PDF's font lacks and tokens longer than a line.
fn long_document() -> Document {
    let mut doc = sample_document();
    let token = "governance.".repeat(15);
    let Some(Block::Table(gaps)) = doc
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table(_)))
        .cloned()
    else {
        unreachable!("the sample has a table")
    };
    for section in 1..=12 {
        doc.heading(2, format!("Section {section} \u{2192} review"), None);
        doc.paragraph(
            format!("Evidence \u{2713} {token} and a note in \u{65E5}\u{672C}\u{8A9E}. ").repeat(3),
        );
        let mut table = gaps.clone();
        for row in 0..25 {
            let mut cells = gaps.rows[0].clone();
            cells[0].text = format!("{}", section * 100 + row);
            cells[2].detail = Some(format!("{token}{row}"));
            cells[4].text =
                "Write the MOU section on data sharing, then ask the board. ".repeat(row % 4 + 1);
            table.rows.push(cells);
        }
        doc.push(Block::Table(table));
    }
    doc
}

#[test]
fn a_long_document_keeps_every_limit_in_every_medium() {
    let doc = long_document();
    for width in [100, 60, 40] {
        let options = RenderOptions {
            width: Some(width),
            ..RenderOptions::default()
        };
        let text =
            String::from_utf8(draw(doc.clone(), Format::Table, &options).unwrap().bytes).unwrap();
        let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        assert!(
            widest <= usize::from(width),
            "{width} columns: a line of {widest}"
        );
    }
    let markdown = String::from_utf8(
        draw(doc.clone(), Format::Markdown, &RenderOptions::default())
            .unwrap()
            .bytes,
    )
    .unwrap();
    assert!(markdown.contains("| 1224 |"), "every row is written");
    let rendered = draw(doc.clone(), Format::Pdf, &RenderOptions::default()).unwrap();
    assert!(
        rendered.warnings.iter().any(|w| w.contains("U+2713")),
        "the font's missing characters are named: {:?}",
        rendered.warnings
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.pdf");
    std::fs::write(&path, &rendered.bytes).unwrap();
    qpdf_check(&path);
    let pdf = crate::pdf_read::read(&path);
    let pages = pdf.pages.len();
    assert!(pages > 10, "{pages} pages");
    let all = pdf.text();
    for section in 1..=12 {
        assert!(
            all.contains(&format!("{}", section * 100 + 24)),
            "section {section}'s last row"
        );
    }
    for (n, page) in pdf.pages.iter().enumerate() {
        assert!(page.text.contains(&format!("Page {} of {pages}", n + 1)));
    }
}
