//! The assessment report, the worksheet and the checklist listing, each one document drawn by
//! every medium: a piped terminal report fits `COLUMNS`, the listing names every item in every
//! medium, the worksheet names every item and its boxes.

use std::path::Path;

use sro_assess::load::{BUNDLED, parse_checklist};
use sro_assess::model::Checklist;

use crate::common::{example_files, tool};
use crate::pdf_read;

fn bundled() -> Checklist {
    let first = &BUNDLED[0];
    parse_checklist(first.text, Path::new(first.id))
        .unwrap()
        .checklist
}

fn stdout_at(columns: u16, args: &[&str]) -> String {
    let output = tool()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn assert_fits(text: &str, columns: usize, context: &str) {
    for (n, line) in text.lines().enumerate() {
        let width = line.chars().count();
        assert!(
            width <= columns,
            "{context}: line {} is {width} columns wide: {line}",
            n + 1
        );
    }
}

#[test]
fn a_piped_report_at_sixty_columns_has_no_longer_line() {
    for example in example_files() {
        let path = example.display().to_string();
        let text = stdout_at(60, &["report", &path]);
        assert_fits(&text, 60, &path);
        assert!(
            text.to_lowercase().contains("gaps in priority order"),
            "{path}"
        );
    }
}

#[test]
fn a_piped_listing_at_sixty_columns_has_no_longer_line() {
    let text = stdout_at(60, &["checklist", "show", "wi-sro-best-practices"]);
    assert_fits(&text, 60, "checklist show");
}

/// Words broken across lines by a medium read as one when whitespace is collapsed.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_listing_names_every_item_of_the_profile_in_every_medium() {
    let checklist = bundled();
    let dir = tempfile::tempdir().unwrap();
    for profile in &checklist.profiles {
        for (format, name) in [("table", "list.txt"), ("markdown", "list.md")] {
            let out = dir.path().join(name);
            let output = tool()
                .args(["checklist", "show", &checklist.id, "--profile", &profile.id])
                .args(["--format", format, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", profile.id);
            let text = collapsed(&std::fs::read_to_string(&out).unwrap().replace('\\', ""));
            for (section, items) in checklist.sections_in(Some(profile)) {
                assert!(text.contains(&section.id), "{format}: {}", section.id);
                for item in items {
                    assert!(
                        text.contains(&item.id),
                        "{format} {}: {}",
                        profile.id,
                        item.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_worksheet_pdf_names_every_item_and_a_box_per_scale_value() {
    let checklist = bundled();
    let dir = tempfile::tempdir().unwrap();
    let profile = &checklist.profiles[0];
    let out = dir.path().join("worksheet.pdf");
    let output = tool()
        .args([
            "checklist",
            "show",
            &checklist.id,
            "--profile",
            &profile.id,
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = pdf_read::read(&out).text();
    let items: Vec<_> = checklist
        .sections_in(Some(profile))
        .into_iter()
        .flat_map(|(_, i)| i)
        .collect();
    for item in &items {
        assert!(text.contains(&item.id), "{}", item.id);
    }
    for level in &checklist.scale {
        // A text reader may collapse the box's two spaces.
        let boxes = text.matches(&format!("] {}", level.label)).count();
        assert!(
            boxes >= items.len(),
            "{}: {boxes} boxes for {} items",
            level.label,
            items.len()
        );
    }
}

#[test]
fn text_from_the_answers_that_markup_would_read_is_drawn_safely_in_every_medium() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(crate::common::repo_path(
        "examples/existing-program.yaml",
    ))
    .unwrap()
    .replace(
        "district: Example Area School District",
        "district: \"\u{2014}\u{141}\u{f3}d\u{17a} | <script>alert(1)</script> *District*\"",
    );
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, example).unwrap();
    for format in ["table", "markdown", "html", "pdf"] {
        let out = dir.path().join(format!("report.{format}"));
        let output = tool()
            .arg("report")
            .arg(&answers)
            .args(["--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if format == "html" {
            let html = std::fs::read_to_string(&out).unwrap();
            assert!(!html.contains("<script>"), "the district is escaped");
            assert!(html.contains("&lt;script&gt;"));
        }
    }
}
