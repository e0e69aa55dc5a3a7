//! `compare` and `summary` as a district posts them: accessible HTML held to the single
//! report's checks (axe-core in Chromium, no sideways scrolling at 320 px), and the terminal
//! text kept within a narrow pipe's width.

use std::path::{Path, PathBuf};

use crate::common::{run_ok, tool};

const OPTIONS: [&str; 2] = [
    "examples/option-a-contract-sro.yaml",
    "examples/option-b-mental-health.yaml",
];
const YEARS: [&str; 2] = ["examples/year-2025.yaml", "examples/year-2026.yaml"];

fn compare_args<'a>(files: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    std::iter::once("compare")
        .chain(files.iter().copied())
        .chain(extra.iter().copied())
        .collect()
}

/// The comparison of options, of years and the summary of examples/ as HTML files in `dir`.
fn html_samples(dir: &Path) -> Vec<PathBuf> {
    let runs: [(&str, Vec<&str>); 3] = [
        ("compare-options.html", compare_args(&OPTIONS, &[])),
        ("compare-years.html", compare_args(&YEARS, &[])),
        ("summary-examples.html", vec!["summary", "examples"]),
    ];
    runs.into_iter()
        .map(|(name, args)| {
            let out = dir.join(name);
            let mut args: Vec<String> = args.into_iter().map(String::from).collect();
            args.extend(["-o".to_string(), out.display().to_string()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run_ok(&args);
            out
        })
        .collect()
}

#[test]
fn compare_and_summary_write_html_by_extension_or_flag() {
    let dir = tempfile::tempdir().unwrap();
    let files = html_samples(dir.path());
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.starts_with("<!DOCTYPE html>"), "{}", file.display());
        assert!(text.contains("<html lang=\"en"), "{}", file.display());
        assert!(!text.contains("<script"), "{}", file.display());
        assert!(!text.contains("src="), "{}: loads nothing", file.display());
    }
    let by_flag = run_ok(&compare_args(&YEARS, &["--format", "html"]));
    assert_eq!(by_flag, std::fs::read_to_string(&files[1]).unwrap());
    let summary = run_ok(&["summary", "examples", "--format", "html"]);
    assert_eq!(summary, std::fs::read_to_string(&files[2]).unwrap());
}

#[test]
fn the_year_comparison_page_leads_with_the_trend_and_links_its_sections() {
    let page = run_ok(&compare_args(&YEARS, &["--format", "html"]));
    let trend = page.find("id=\"trend\"").expect("a trend section");
    let side = page
        .find("id=\"side-by-side\"")
        .expect("a side-by-side section");
    assert!(trend < side, "the trend comes first");
    assert!(page.contains("id=\"method\""), "a method section");
    assert!(
        !page.contains("--only-differences"),
        "no command-line words"
    );
}

#[test]
fn axe_finds_no_violation_and_no_sideways_scrolling_in_comparisons_and_summaries() {
    let runner = crate::html::axe_runner();
    let check = "axe-core in Chromium on the comparison and summary HTML (WCAG 2.1 A and AA, \
                 320 px reflow)";
    if !crate::external::can_run(check, runner.as_ref().err().cloned()) {
        return;
    }
    let Ok(runner) = runner else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files = html_samples(dir.path());
    // Many columns make the widest tables: they must scroll inside their box, not the page.
    let many = dir.path().join("compare-many.html");
    let mut args = compare_args(&OPTIONS, &[]);
    args.extend(YEARS);
    args.push("examples/existing-program.yaml");
    let out = many.display().to_string();
    args.extend(["-o", out.as_str()]);
    run_ok(&args);
    files.push(many);
    crate::html::assert_axe_clean(&runner, &files);
}

fn widest_line(text: &str) -> (usize, String) {
    text.lines()
        .map(|line| (line.chars().count(), line.to_string()))
        .max_by_key(|(width, _)| *width)
        .unwrap_or_default()
}

#[test]
fn a_piped_comparison_and_summary_keep_to_the_terminal_width() {
    for args in [
        compare_args(&OPTIONS, &[]),
        compare_args(&YEARS, &[]),
        vec!["summary", "examples"],
    ] {
        let output = tool().env("COLUMNS", "60").args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        let (width, line) = widest_line(&text);
        assert!(width <= 60, "{args:?}: a line of {width} columns:\n{line}");
    }
}

#[test]
fn markup_in_a_label_or_district_shows_as_text_in_every_text_medium() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::common::repo_path(OPTIONS[0])).unwrap();
    let hostile = text
        .replacen(
            "label: \"Option A: contract an SRO\"",
            "label: \"<script>alert('x')</script> | *A* & [b](c)\"",
            1,
        )
        .replacen(
            "district: Lakeview Example School District",
            "district: \"<b>Lakeview</b>\"",
            1,
        );
    assert_ne!(hostile, text, "the sample still has its label and district");
    let path = dir.path().join("hostile.yaml");
    std::fs::write(&path, hostile).unwrap();
    let file = path.display().to_string();
    let page = run_ok(&["compare", &file, OPTIONS[1], "--format", "html"]);
    assert!(!page.contains("<script"), "the label is escaped");
    assert!(!page.contains("<b>Lakeview"), "the district is escaped");
    assert!(
        page.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
            || page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    );
    let markdown = run_ok(&["compare", &file, OPTIONS[1], "--format", "markdown"]);
    assert!(!markdown.contains("<script>"), "{markdown}");
    let table = run_ok(&["compare", &file, OPTIONS[1]]);
    assert!(
        table.contains("<script>alert('x')</script>"),
        "the terminal prints it as typed"
    );
}
