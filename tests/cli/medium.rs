//! The four media on the sample document that holds every block kind, checked from outside:
//! the HTML page by axe-core in Chromium (WCAG 2.1 A and AA, and no sideways scrolling at
//! 320 px), the PDF by qpdf and read back in-process, the terminal text at a narrow width.

use std::process::Command;

use sro_assess::report::medium::{draw, sample_document};
use sro_assess::report::{Format, Paper, RenderOptions};

use crate::external::{can_run, qpdf_check};
use crate::html::axe_runner;

fn drawn(format: Format, options: &RenderOptions) -> Vec<u8> {
    draw(&sample_document(), format, options).unwrap().bytes
}

#[test]
fn axe_finds_no_violation_in_the_page_of_every_block_kind() {
    let runner = axe_runner();
    let check = "axe-core in Chromium on the HTML medium's sample page (WCAG 2.1 A and AA)";
    if !can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("every-block.html");
    std::fs::write(&page, drawn(Format::Html, &RenderOptions::default())).unwrap();
    let output = Command::new("node")
        .arg(&runner)
        .arg(&page)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "axe run failed:\n{report}");
    assert!(report.contains("axe: 1 of 1 files clean"), "{report}");
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
        assert!(line.chars().count() <= 40, "{line:?}");
    }
    assert!(
        text.contains("Column 9: 9999"),
        "the wide table, row by row:\n{text}"
    );
}
