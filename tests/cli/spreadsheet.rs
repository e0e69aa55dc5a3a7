//! The spreadsheet round trip: `init -o answers.xlsx|csv`, fill in, `import`, and every
//! import error with its cell reference.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use sro_assess::spreadsheet::{self, SpreadsheetKind};

use crate::common::tool;

const STATUS: usize = 6;
const EVIDENCE: usize = 7;
const DUE: usize = 11;

fn init(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    tool()
        .args([
            "init",
            "--date",
            "2026-03-15",
            "--district",
            "Example Area School District",
            "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    path
}

/// The markdown report without its last line (the stamp names the answers file's hash).
fn report(path: &Path) -> String {
    let out = tool()
        .args(["report", "-f", "markdown"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .filter(|l| !l.contains("answers file"))
        .collect::<Vec<_>>()
        .join("\n")
}

const SAME_AS_YAML: &str = "\
checklist: wi-sro-best-practices
checklist_version: \"2026.2\"
profile: existing-program
district: Example Area School District
label: 2026 assessment
date: 2026-03-15
answers:
  governance.written-mou:
    status: met
    evidence: Signed MOU, 2025-08-01
  governance.mou-signed-by-leaders: partial
  governance.mou-before-assignment:
    status: not_met
    owner: Superintendent
    due: 2026-06-30
";

fn fill(grid: &mut spreadsheet::Grid) {
    let row = |grid: &spreadsheet::Grid, id: &str| {
        (0..grid.rows.len())
            .find(|&r| grid.cell(r, 0) == id)
            .unwrap()
    };
    let r = row(grid, "governance.written-mou");
    grid.set(r, STATUS, "In place");
    grid.set(r, EVIDENCE, "Signed MOU, 2025-08-01");
    let r = row(grid, "governance.mou-signed-by-leaders");
    grid.set(r, STATUS, "partial");
    let r = row(grid, "governance.mou-before-assignment");
    grid.set(r, STATUS, "Not met");
    grid.set(r, 10, "Superintendent");
    grid.set(r, DUE, "2026-06-30");
}

#[test]
fn xlsx_template_filled_and_imported_reports_like_the_same_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.xlsx");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap();
    assert_eq!(grid.sheet, "Answers");
    assert_eq!(grid.cell(8, STATUS), "status");
    fill(&mut grid);
    let filled = dir.path().join("filled.xlsx");
    fs::write(&filled, spreadsheet::xlsx_from_grid(&grid).unwrap()).unwrap();
    let imported = dir.path().join("imported.yaml");
    tool()
        .arg("import")
        .arg(&filled)
        .arg("-o")
        .arg(&imported)
        .assert()
        .success();
    let yaml = dir.path().join("same.yaml");
    fs::write(&yaml, SAME_AS_YAML).unwrap();
    assert_eq!(report(&imported), report(&yaml));
    // report, validate and compare read the sheet directly too.
    assert_eq!(report(&filled), report(&yaml));
    tool()
        .arg("validate")
        .arg(&filled)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (3 of"));
}

#[test]
fn xlsx_template_limits_the_status_column_to_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.xlsx");
    let bytes = fs::read(&template).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
    // The sheet XML is compressed; read it back through calamine's zip dependency instead of
    // parsing by hand: the data validation must name the four statuses.
    let grid = spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap();
    assert_eq!(grid.cell(0, 1), "wi-sro-best-practices");
    assert_eq!(grid.cell(9, 0), "governance.written-mou");
}

#[test]
fn csv_template_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.csv");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
    fill(&mut grid);
    let filled = dir.path().join("filled.csv");
    fs::write(&filled, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let yaml = dir.path().join("same.yaml");
    fs::write(&yaml, SAME_AS_YAML).unwrap();
    assert_eq!(report(&filled), report(&yaml));
}

/// Writes the template with one cell changed and returns the import's stderr.
fn import_error(row: usize, col: usize, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.csv");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
    grid.set(9, STATUS, "met");
    grid.set(10, STATUS, "partial");
    grid.set(row, col, text);
    let filled = dir.path().join("answers.csv");
    fs::write(&filled, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let out = tool()
        .current_dir(dir.path())
        .args(["import", "answers.csv", "-o", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("a.yaml").exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    // `report` reads the sheet directly and names the same cells the same way.
    let direct = tool()
        .current_dir(dir.path())
        .args(["report", "answers.csv"])
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(2));
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&direct.stderr).contains(first),
        "{first}"
    );
    stderr
}

#[test]
fn every_import_error_names_its_cell_and_the_nearest_value() {
    let cases = [
        (
            10,
            STATUS,
            "mett",
            "answers.csv:answers!G11: error: unknown status `mett`",
            "the nearest valid value is `met`",
        ),
        (
            10,
            0,
            "governance.writen-mou",
            "answers.csv:answers!A11: error: unknown item `governance.writen-mou`",
            "the nearest valid id is `governance.written-mou`",
        ),
        (
            9,
            DUE,
            "2026-02-30",
            "answers.csv:answers!L10: error: ",
            "YYYY-MM-DD",
        ),
        (
            5,
            1,
            "15/03/2026",
            "answers.csv:answers!B6: error: ",
            "YYYY-MM-DD",
        ),
        (
            2,
            1,
            "existing-programme",
            "answers.csv:answers!B3: error: unknown profile `existing-programme`",
            "the nearest valid value is `existing-program`",
        ),
        (
            0,
            1,
            "wi-sro-best-practice",
            "answers.csv:answers!B1: error: unknown checklist `wi-sro-best-practice`",
            "the nearest valid value is `wi-sro-best-practices`",
        ),
        (
            3,
            1,
            "",
            "answers.csv:answers!B4: error: `district` is empty",
            "fill in its value",
        ),
        (
            8,
            0,
            "item",
            "answers.csv:answers!A1: error: no header row",
            "keep the template's header row",
        ),
    ];
    for (row, col, text, message, hint) in cases {
        let stderr = import_error(row, col, text);
        assert!(stderr.contains(message), "{text}: {stderr}");
        assert!(stderr.contains(hint), "{text}: {stderr}");
    }
}

#[test]
fn import_refuses_to_overwrite_and_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.csv");
    let out = dir.path().join("a.yaml");
    fs::write(&out, "committee work").unwrap();
    tool()
        .arg("import")
        .arg(&template)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --force"));
    tool()
        .args(["import", "examples/year-2025.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("import reads .xlsx and .csv"));
    let bogus = dir.path().join("bogus.xlsx");
    fs::write(&bogus, "not a zip").unwrap();
    tool()
        .arg("import")
        .arg(&bogus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a readable XLSX workbook"));
}
