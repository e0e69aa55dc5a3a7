//! The printable worksheet (`checklist show ... -o worksheet.pdf`), read back in-process
//! (lopdf) and, when they are installed, with qpdf and poppler.

use std::path::Path;

use sro_assess::load::{BUNDLED, parse_checklist};
use sro_assess::model::{Checklist, Profile};
use sro_assess::report::medium::pdf::lay_out;
use sro_assess::report::{Paper, RenderOptions, subject};

use crate::common::tool;
use crate::external;
use crate::pdf_read::{self, page_count, texts};

fn bundled() -> Checklist {
    let first = &BUNDLED[0];
    parse_checklist(first.text, Path::new(first.id))
        .unwrap()
        .checklist
}

/// The worksheet's pages as the PDF medium lays them out.
fn page_total(checklist: &Checklist, profile: Option<&Profile>, paper: Paper) -> usize {
    let options = RenderOptions {
        paper,
        ..RenderOptions::default()
    };
    let document = subject::worksheet(checklist, profile);
    lay_out(&document, &options).finish().0.len()
}

fn write(args: &[&str], out: &Path) -> Vec<u8> {
    let output = tool()
        .args(["checklist", "show"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("warning"),
        "every character prints as written"
    );
    std::fs::read(out).unwrap()
}

#[test]
fn one_worksheet_per_profile_with_every_item_id_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let checklist = bundled();
    for profile in &checklist.profiles {
        let out = dir.path().join(format!("{}.pdf", profile.id));
        write(&[checklist.id.as_str(), "--profile", &profile.id], &out);
        external::qpdf_check(&out);
        let pages = page_total(&checklist, Some(profile), Paper::Letter);
        assert_eq!(page_count(&out), pages, "{}", profile.id);
        for (reader, text) in texts(&out) {
            let text = text.replace('\n', " ");
            for needle in [
                "Review Worksheet",
                "District",
                "Date of the meeting",
                "Present at the meeting",
                "Evidence and notes",
                &format!("Page 1 of {pages}"),
                &format!("Page {pages} of {pages}"),
            ] {
                assert!(text.contains(needle), "{} ({reader}): {needle}", profile.id);
            }
            for (section, items) in checklist.sections_in(Some(profile)) {
                assert!(text.contains(&section.id), "{reader}: {}", section.id);
                for item in items {
                    assert!(
                        text.contains(&item.id),
                        "{} ({reader}): {}",
                        profile.id,
                        item.id
                    );
                }
            }
        }
    }
}

#[test]
fn format_flag_and_pdf_name_give_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let by_name = write(&["--profile", "without-sro"], &dir.path().join("a.pdf"));
    let again = write(&["--profile", "without-sro"], &dir.path().join("b.pdf"));
    let by_flag = write(
        &["--profile", "without-sro", "--format", "pdf"],
        &dir.path().join("c.out"),
    );
    assert!(by_name.starts_with(b"%PDF-"));
    assert!(by_name == again, "two runs differ");
    assert!(
        by_name == by_flag,
        "--format pdf differs from the .pdf name"
    );
}

#[test]
fn other_formats_still_write_text_to_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("list.pdf");
    let bytes = write(&["--format", "markdown"], &out);
    assert!(
        bytes.starts_with(b"# "),
        "an explicit format wins over the name"
    );
}

#[test]
fn paper_a4_gives_a4_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a4.pdf");
    write(&["--profile", "without-sro", "--paper", "a4"], &out);
    pdf_read::assert_a4(&out);
    let checklist = bundled();
    let profile = checklist.profiles.iter().find(|p| p.id == "without-sro");
    let pages = page_total(&checklist, profile, Paper::A4);
    assert_eq!(page_count(&out), pages);
}
