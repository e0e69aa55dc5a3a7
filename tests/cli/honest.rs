//! Figures that must not mislead: status hints that never raise a score, no band for a mostly
//! unanswered assessment, and DRAFT on every report made from unconfirmed carried answers.

use std::fs;
use std::path::{Path, PathBuf};

use sro_assess::spreadsheet::{self, SpreadsheetKind};

use crate::common::{repo_path, tool};
use crate::pdf_read;

const DRAFT_EXAMPLE: &str = "examples/draft-carried-over.yaml";
const DRAFT_LINE: &str = "DRAFT: 6 answers carried over from 2025-26 annual review (2026-03-15) \
                          not yet confirmed; 13 of 118 items answered (11.0%), below the 80% \
                          needed for a rating";

fn answers_with(dir: &Path, statuses: &[(&str, &str)]) -> PathBuf {
    let mut text = String::from(
        "checklist: wi-sro-best-practices\nprofile: existing-program\n\
         district: Example Area School District\ndate: 2026-03-15\nanswers:\n",
    );
    for (id, status) in statuses {
        text.push_str(&format!("  {id}: {status}\n"));
    }
    let path = dir.join("answers.yaml");
    fs::write(&path, text).unwrap();
    path
}

fn validate(path: &Path) -> (Option<i32>, String) {
    let out = tool().arg("validate").arg(path).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// What a reader sees, whitespace collapsed: a wrapped line reads as one, and the terminal's
/// note marker (`> `) is not part of the words.
fn readable(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_start().trim_start_matches("> "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn stdout(args: &[&str]) -> String {
    let out = tool().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_bundled_aliases_are_accepted_quietly_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = answers_with(
        dir.path(),
        &[
            ("governance.written-mou", "No"),
            ("governance.mou-goals", "YES"),
            ("governance.broad-partners", "in progress"),
            ("governance.mou-public", "Not In Place"),
        ],
    );
    let (code, stderr) = validate(&path);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["report", path.to_str().unwrap(), "-f", "json"])).unwrap();
    let status = |id: &str| {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["status"].clone())
            .unwrap()
    };
    assert_eq!(status("governance.written-mou"), "not_met");
    assert_eq!(status("governance.mou-goals"), "met");
    assert_eq!(status("governance.broad-partners"), "partial");
    assert_eq!(status("governance.mou-public"), "not_met");
}

#[test]
fn a_word_that_says_no_is_never_offered_na_or_met() {
    let dir = tempfile::tempdir().unwrap();
    let path = answers_with(
        dir.path(),
        &[
            ("governance.written-mou", "not"),
            ("governance.mou-goals", "\"0\""),
            ("governance.broad-partners", "nope"),
        ],
    );
    let (code, stderr) = validate(&path);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.matches("did you mean `not_met`?").count(),
        3,
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean `na`"), "{stderr}");
    assert!(!stderr.contains("did you mean `met`"), "{stderr}");
}

#[test]
fn without_aliases_no_is_still_not_met() {
    // A local checklist whose scale declares no aliases: the hint follows the meaning.
    let dir = tempfile::tempdir().unwrap();
    let bundled = fs::read_to_string(repo_path("checklists/wi-sro-best-practices.yaml")).unwrap();
    let plain: String = bundled
        .lines()
        .map(|line| match line.find(", aliases:") {
            Some(at) if line.trim_start().starts_with("- { value:") => {
                format!("{} }}", &line[..at])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!plain.contains("aliases"));
    fs::write(dir.path().join("plain.yaml"), plain).unwrap();
    let text = "checklist: plain.yaml\nprofile: existing-program\n\
                district: Example Area School District\ndate: 2026-03-15\nanswers:\n  \
                governance.written-mou: No\n";
    let path = dir.path().join("answers.yaml");
    fs::write(&path, text).unwrap();
    let (code, stderr) = validate(&path);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown status `No`"), "{stderr}");
    assert!(stderr.contains("did you mean `not_met`?"), "{stderr}");
}

#[test]
fn ambiguous_marks_are_errors_that_list_the_choices() {
    for mark in ["x", "\"✓\"", "\"?\""] {
        let dir = tempfile::tempdir().unwrap();
        let path = answers_with(dir.path(), &[("governance.written-mou", mark)]);
        let (code, stderr) = validate(&path);
        assert_eq!(code, Some(2), "{mark}");
        assert!(stderr.contains("is ambiguous"), "{mark}: {stderr}");
        assert!(
            stderr.contains(
                "met (In place), partial (Partly in place), not_met (Not in place), na (Not applicable)"
            ),
            "{mark}: {stderr}"
        );
        assert!(!stderr.contains("did you mean"), "{mark}: {stderr}");
    }
}

#[test]
fn spreadsheet_import_resolves_statuses_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("t.csv");
    tool()
        .args([
            "init",
            "--date",
            "2026-03-15",
            "--district",
            "Example Area School District",
            "-o",
        ])
        .arg(&template)
        .assert()
        .success();
    let status_col = spreadsheet::COLUMNS
        .iter()
        .position(|c| *c == "status")
        .unwrap();
    // Rows counted from the first item row, wherever the metadata block ends.
    let first_item = {
        let grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
        (0..)
            .find(|&r| grid.cell(r, 0).starts_with("governance."))
            .unwrap()
    };
    let import = |cells: &[(usize, &str)]| {
        let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
        for &(row, text) in cells {
            grid.set(first_item + row, status_col, text);
        }
        let filled = dir.path().join("answers.csv");
        fs::write(&filled, spreadsheet::template_csv(&grid).unwrap()).unwrap();
        let _ = fs::remove_file(dir.path().join("a.yaml"));
        tool()
            .current_dir(dir.path())
            .args(["import", "answers.csv", "-o", "a.yaml"])
            .output()
            .unwrap()
    };
    let ok = import(&[(0, "No"), (1, "Partly")]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let yaml = fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    assert!(yaml.contains("    status: not_met\n"), "{yaml}");
    assert!(yaml.contains("    status: partial\n"), "{yaml}");

    let bad = import(&[(0, "x"), (1, "not")]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "answers.csv: cell C{}: error: the mark `x` for `governance.written-mou` is ambiguous",
            first_item + 1
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "answers.csv: cell C{}: error: unknown status `not`",
            first_item + 2
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `Not in place`?"), "{stderr}");
    assert!(!stderr.contains("`na`;"), "{stderr}");
}

#[test]
fn a_thin_assessment_is_not_rated_in_any_format() {
    let table = readable(&stdout(&["report", DRAFT_EXAMPLE]));
    assert!(
        table.contains("Overall score 10.8% (not rated: 13 of 118 answered)"),
        "{table}"
    );
    assert!(
        table.contains("Answered: 83.8% over the 13 answered items (33.5 / 40)"),
        "{table}"
    );
    assert!(!table.contains("(Beginning)"), "{table}");
    let markdown = stdout(&["report", DRAFT_EXAMPLE, "-f", "markdown"]);
    assert!(
        markdown.contains("**10.8% (not rated: 13 of 118 answered)**"),
        "{markdown}"
    );
    assert!(markdown.contains("*Score over answered items: 83.8%"));
    let html = stdout(&["report", DRAFT_EXAMPLE, "-f", "html"]);
    assert!(html.contains("10.8% (not rated: 13 of 118 answered)"));
    assert!(html.contains("Score over answered items: 83.8% over the 13 answered items"));

    let csv = stdout(&["report", DRAFT_EXAMPLE, "-f", "csv"]);
    // The header is the first line; the draft column says DRAFT.
    assert!(csv.starts_with("district,"), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let overall = reader.records().next().unwrap().unwrap();
    let field = |name: &str| {
        let at = header.iter().position(|h| h == name).unwrap();
        overall.get(at).unwrap().to_string()
    };
    assert_eq!(field("row_type"), "overall");
    assert_eq!(field("percent"), "10.8");
    assert_eq!(field("band"), "");
    assert_eq!(field("answered_percent"), "83.8");
    assert_eq!(field("rated"), "false");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["report", DRAFT_EXAMPLE, "-f", "json"])).unwrap();
    assert_eq!(json["band"], serde_json::Value::Null);
    assert_eq!(json["answered_score"]["percent"], 83.8);
    assert_eq!(json["rating"]["rated"], false);
    assert_eq!(
        json["rating"]["not_rated_reason"],
        "coverage_below_threshold"
    );
    assert_eq!(json["rating"]["coverage_threshold"], 80.0);
}

#[test]
fn critical_items_not_yet_answered_are_listed_apart_from_critical_gaps() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["report", DRAFT_EXAMPLE, "-f", "json"])).unwrap();
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("critical_gaps"), ["governance.safety-plan"]);
    let open = ids("critical_unanswered");
    assert_eq!(open.len(), 6);
    assert!(open.contains(&"records.school-official-conditions".to_string()));
    let html = stdout(&["report", DRAFT_EXAMPLE, "-f", "html"]);
    let gaps_at = html.find("Critical gaps (1)").unwrap();
    let open_at = html.find("Critical items not yet answered (6)").unwrap();
    let between = &html[gaps_at..open_at];
    assert!(
        !between.contains("unanswered"),
        "an unanswered item sits among the critical gaps: {between}"
    );
}

#[test]
fn every_format_says_draft_at_the_top_with_the_counts() {
    // At the top: right under the title block, before any figure.
    let table = stdout(&["report", DRAFT_EXAMPLE]);
    let top = readable(&table.lines().take(10).collect::<Vec<_>>().join("\n"));
    assert!(top.contains(DRAFT_LINE), "{table}");
    let markdown = stdout(&["report", DRAFT_EXAMPLE, "-f", "markdown"]);
    let first_quote = markdown.lines().find(|l| l.starts_with('>')).unwrap();
    assert_eq!(first_quote, format!("> **{DRAFT_LINE}**"));
    let csv = stdout(&["report", DRAFT_EXAMPLE, "-f", "csv"]);
    // In a CSV the mark is a column, on every row, so files stack under one header.
    assert!(csv.starts_with("district,"), "{csv}");
    assert!(csv.lines().skip(1).all(|l| l.contains(DRAFT_LINE)), "{csv}");
    let json = stdout(&["report", DRAFT_EXAMPLE, "-f", "json"]);
    let draft_at = json.find("\"draft_notice\"").unwrap();
    assert!(draft_at < json.find("\"gaps\"").unwrap());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["draft_notice"], DRAFT_LINE);
    assert_eq!(value["draft"]["is_draft"], true);
    assert_eq!(value["draft"]["carried_unconfirmed"], 6);
    assert_eq!(value["draft"]["below_coverage_threshold"], true);
    let html = stdout(&["report", DRAFT_EXAMPLE, "-f", "html"]);
    let draft_at = html.find(DRAFT_LINE).unwrap();
    assert!(draft_at < html.find("Overall score").unwrap());
    assert!(
        html.contains("<title>DRAFT: SRO program gap report: Example Area School District</title>")
    );
}

#[test]
fn the_pdf_says_draft_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.pdf");
    crate::common::report_to(&repo_path(DRAFT_EXAMPLE), &out, &[]);
    let pdf = pdf_read::read(&out);
    assert!(pdf.pages.len() > 3);
    for (number, page) in pdf.pages.iter().enumerate() {
        let flat = page.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("DRAFT: 6 answers carried over"),
            "page {}: {flat}",
            number + 1
        );
    }
}

#[test]
fn a_final_report_has_no_draft_mark() {
    for format in ["table", "markdown", "csv", "json", "html"] {
        let text = stdout(&["report", "examples/year-2026.yaml", "-f", format]);
        assert!(!text.contains("DRAFT"), "{format}");
    }
}

#[test]
fn init_from_keeps_markers_and_not_applicable_reasons_and_the_report_is_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("2026.yaml");
    tool()
        .args([
            "init",
            "--from",
            "examples/year-2025.yaml",
            "--label",
            "2026",
        ])
        .args(["--date", "2026-04-20", "-o"])
        .arg(&new)
        .assert()
        .success();
    let (code, stderr) = validate(&new);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !stderr.contains("marked not applicable without a note"),
        "{stderr}"
    );
    let text = fs::read_to_string(&new).unwrap();
    let earlier = fs::read_to_string(repo_path("examples/year-2025.yaml")).unwrap();
    let na_notes = earlier.matches("status: na").count();
    assert!(na_notes > 0);
    assert_eq!(text.matches("status: na\n    note: ").count(), na_notes);

    let report = stdout(&["report", new.to_str().unwrap()]);
    assert!(
        report.contains("DRAFT: 112 answers carried over from 2025 (2025-04-20) not yet confirmed"),
        "{report}"
    );
    assert!(
        report.contains("(Established)"),
        "full coverage keeps its band"
    );

    // Confirming every answer (deleting the markers) makes it a final report.
    let confirmed: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("carried_from:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&new, confirmed).unwrap();
    let report = stdout(&["report", new.to_str().unwrap()]);
    assert!(!report.contains("DRAFT"), "{report}");
}

#[test]
fn the_checklist_sets_the_coverage_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = fs::read_to_string(repo_path("checklists/wi-sro-best-practices.yaml")).unwrap();
    let lenient = bundled.replace("coverage_threshold: 80", "coverage_threshold: 10");
    assert_ne!(lenient, bundled);
    fs::write(dir.path().join("lenient.yaml"), lenient).unwrap();
    let example = fs::read_to_string(repo_path(DRAFT_EXAMPLE))
        .unwrap()
        .replace(
            "checklist: wi-sro-best-practices",
            "checklist: lenient.yaml",
        );
    let path = dir.path().join("answers.yaml");
    fs::write(&path, example).unwrap();
    let report = readable(&stdout(&["report", path.to_str().unwrap()]));
    assert!(
        report.contains("Overall score 10.8% (Beginning)"),
        "{report}"
    );
    assert!(
        report.contains("DRAFT: 6 answers carried over") && !report.contains("below the"),
        "{report}"
    );
}

#[test]
fn comparisons_and_summaries_say_why_an_assessment_is_not_rated() {
    let compare = stdout(&[
        "compare",
        "examples/existing-program.yaml",
        DRAFT_EXAMPLE,
        "-f",
        "markdown",
    ]);
    assert!(
        compare.contains("not rated: 13 of 118 answered"),
        "{compare}"
    );
    let summary = stdout(&["summary", "examples", "-f", "markdown"]);
    assert!(
        summary.contains("10.8% (not rated: 13 of 118 answered)"),
        "{summary}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["summary", "examples", "-f", "json"])).unwrap();
    let row = json["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-10-05")
        .unwrap();
    assert_eq!(row["band"], serde_json::Value::Null);
    assert_eq!(
        row["rating"]["not_rated_reason"],
        "coverage_below_threshold"
    );
}

#[test]
fn a_spreadsheet_made_by_init_from_keeps_the_carried_marker() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("2026.csv");
    tool()
        .args([
            "init",
            "--from",
            "examples/year-2025.yaml",
            "--label",
            "2026",
        ])
        .args(["--date", "2026-04-20", "-o"])
        .arg(&sheet)
        .assert()
        .success();
    let report = stdout(&["report", sheet.to_str().unwrap()]);
    assert!(
        report.contains("DRAFT: 112 answers carried over from 2025 (2025-04-20) not yet confirmed"),
        "{report}"
    );
    // Clearing one row's marker confirms that answer.
    let mut grid = spreadsheet::read_grid(&sheet, SpreadsheetKind::Csv).unwrap();
    let header = (0..grid.rows.len())
        .find(|&r| grid.cell(r, 0) == spreadsheet::HEADERS[0])
        .unwrap();
    let column = grid.rows[header]
        .iter()
        .position(|c| c == spreadsheet::CARRIED_COLUMN.1)
        .unwrap();
    grid.set(header + 1, column, "");
    fs::write(&sheet, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let report = stdout(&["report", sheet.to_str().unwrap()]);
    assert!(
        report.contains("DRAFT: 111 answers carried over"),
        "{report}"
    );
}
