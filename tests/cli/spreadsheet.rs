//! The spreadsheet round trip: `init -o answers.xlsx|csv`, fill in, `import`, and every
//! import error with its cell reference.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use sro_assess::spreadsheet::{self, SpreadsheetKind};

use crate::common::tool;

const STATUS: usize = crate::common::template_column("status");
const EVIDENCE: usize = crate::common::template_column("evidence");
const DUE: usize = crate::common::template_column("due");

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
checklist_version: \"2026.3\"
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
    grid.set(r, crate::common::template_column("owner"), "Superintendent");
    grid.set(r, DUE, "2026-06-30");
}

#[test]
fn xlsx_template_filled_and_imported_reports_like_the_same_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.xlsx");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap();
    assert_eq!(grid.sheet, "Answers");
    assert_eq!(grid.cell(14, STATUS), "Status");
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
    assert_eq!(grid.cell(15, 0), "governance.written-mou");
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

#[test]
fn dont_know_in_the_sheet_imports_as_unknown_and_is_not_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.xlsx");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap();
    fill(&mut grid);
    let row = |grid: &spreadsheet::Grid, id: &str| {
        (0..grid.rows.len())
            .find(|&r| grid.cell(r, 0) == id)
            .unwrap()
    };
    let r = row(&grid, "governance.mou-signed-by-leaders");
    grid.set(r, STATUS, "Don't know");
    let r = row(&grid, "governance.mou-before-assignment");
    grid.set(r, STATUS, "DK");
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
    let yaml = fs::read_to_string(&imported).unwrap();
    assert!(
        yaml.contains("  governance.mou-signed-by-leaders:\n    status: unknown\n"),
        "{yaml}"
    );
    assert_eq!(yaml.matches("status: unknown\n").count(), 2, "{yaml}");
    let text = report(&imported);
    assert!(text.contains("Could not be verified (2)"), "{text}");
    assert!(text.contains("Gaps in priority order (0)"), "{text}");
}

/// Writes the template with one cell changed and returns the import's stderr.
fn import_error(row: usize, col: usize, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "t.csv");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
    grid.set(15, STATUS, "met");
    grid.set(16, STATUS, "partial");
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
            16,
            STATUS,
            "mett",
            "answers.csv: cell C17: error: unknown status `mett`",
            "did you mean `In place`?",
        ),
        (
            16,
            0,
            "governance.writen-mou",
            "answers.csv: cell A17: error: unknown item `governance.writen-mou`",
            "did you mean `governance.written-mou`?",
        ),
        (
            15,
            DUE,
            "2026-02-30",
            "answers.csv: cell F16: error: ",
            "YYYY-MM-DD",
        ),
        (
            5,
            1,
            "15/03/2026",
            "answers.csv: cell B6: error: ",
            "YYYY-MM-DD",
        ),
        (
            2,
            1,
            "existing-programme",
            "answers.csv: cell B3: error: unknown profile `existing-programme`",
            "did you mean `existing-program`?",
        ),
        (
            0,
            1,
            "wi-sro-best-practice",
            "answers.csv: cell B1: error: unknown checklist `wi-sro-best-practice`",
            "did you mean `wi-sro-best-practices`?",
        ),
        (
            3,
            1,
            "",
            "answers.csv: cell B4: error: District is empty",
            "fill in B4, right of District",
        ),
        (
            14,
            0,
            "item",
            "answers.csv: cell A1: error: no header row",
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
        .stderr(predicate::str::contains(
            "import reads .xlsx, .ods, .xls and .csv",
        ));
    let bogus = dir.path().join("bogus.xlsx");
    fs::write(&bogus, "not a zip").unwrap();
    tool()
        .arg("import")
        .arg(&bogus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not a readable XLSX, ODS or XLS workbook",
        ));
}

// Hostile workbooks: each is refused (exit 2) with the bound it broke, quickly, and under a
// 512 MiB address-space limit where `prlimit` is available (the unbounded reader needed 512 GiB).

const MEMORY_LIMIT: &str = "--as=536870912";

/// Runs `sro-assess ARGS FILE` under the memory limit when `prlimit` is installed.
fn run_bounded(args: &[&str], file: &Path) -> std::process::Output {
    let binary = assert_cmd::cargo::cargo_bin("sro-assess");
    let has_prlimit = std::process::Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut command = if has_prlimit {
        let mut c = std::process::Command::new("prlimit");
        c.arg(MEMORY_LIMIT).arg("--").arg(binary);
        c
    } else {
        std::process::Command::new(binary)
    };
    command
        .current_dir(crate::common::root())
        .env("NO_COLOR", "1")
        .args(args)
        .arg(file)
        .output()
        .unwrap()
}

/// Every command that reads an answers sheet refuses `file` with exit 2 and `fragment`, in
/// under 20 seconds each (a debug build). Without `CI` only `validate` runs: the commands share
/// one reader, and each run of a hostile sheet costs seconds in a debug build.
fn assert_sheet_refused(file: &Path, fragment: &str) {
    let every_command = crate::external::full(
        "hostile sheets through report, compare and import (validate runs here)",
    );
    let commands: &[&[&str]] = if every_command {
        &[
            &["validate"][..],
            &["report", "-f", "csv"],
            &["compare", "examples/year-2025.yaml"],
        ]
    } else {
        &[&["validate"]]
    };
    for &args in commands {
        let started = std::time::Instant::now();
        let output = run_bounded(args, file);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(fragment),
            "{args:?}: missing `{fragment}` in:\n{stderr}"
        );
        assert!(stderr.contains("hint:"), "{args:?}: no hint in:\n{stderr}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
    if !every_command {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let output = run_bounded(
        &["import", "-o", dir.path().join("a.yaml").to_str().unwrap()],
        file,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "import: {stderr}");
    assert!(
        stderr.contains(fragment),
        "import: missing `{fragment}` in:\n{stderr}"
    );
}

/// The template's workbook with the parts named in `replace` swapped for new contents.
fn rezip(template: &Path, replace: &[(&str, Vec<u8>)], out: &Path) {
    use std::io::{Read, Write};
    let bytes = fs::read(template).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let name = part.name().to_string();
        let mut contents = Vec::new();
        part.read_to_end(&mut contents).unwrap();
        if let Some((_, new)) = replace.iter().find(|(n, _)| *n == name) {
            contents.clone_from(new);
        }
        writer.start_file(name, options).unwrap();
        writer.write_all(&contents).unwrap();
    }
    fs::write(out, writer.finish().unwrap().into_inner()).unwrap();
}

fn template_grid(dir: &Path) -> spreadsheet::Grid {
    let template = init(dir, "template.xlsx");
    spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap()
}

#[test]
fn a_cell_at_the_last_row_and_column_is_refused_by_the_used_range() {
    let dir = tempfile::tempdir().unwrap();
    let mut grid = template_grid(dir.path());
    grid.set(1_048_575, 16_383, "x");
    let hostile = dir.path().join("far.xlsx");
    fs::write(&hostile, spreadsheet::xlsx_from_grid(&grid).unwrap()).unwrap();
    assert!(fs::metadata(&hostile).unwrap().len() < 100_000);
    assert_sheet_refused(
        &hostile,
        "uses the range A1:XFD1048576 (1,048,576 rows, 16,384 columns); sro-assess reads at most 10,000 rows and 100 columns",
    );
}

#[test]
fn a_cell_past_a_small_declared_range_is_refused_by_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<dimension ref=\"A1\"/><sheetData>\
<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>checklist</t></is></c></row>\
<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>\
</sheetData></worksheet>";
    let hostile = dir.path().join("lying-range.xlsx");
    rezip(
        &template,
        &[("xl/worksheets/sheet1.xml", sheet.as_bytes().to_vec())],
        &hostile,
    );
    assert_sheet_refused(
        &hostile,
        "has a value in cell XFD1048576, beyond the 10,000 rows and 100 columns",
    );
}

#[test]
fn a_sheet_with_too_many_cells_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">",
    );
    // Empty cells, all in A1: no position or range bound applies, only the count.
    sheet.push_str(&"<c r=\"A1\"/>".repeat(250_001));
    sheet.push_str("</row></sheetData></worksheet>");
    let hostile = dir.path().join("many-cells.xlsx");
    rezip(
        &template,
        &[("xl/worksheets/sheet1.xml", sheet.into_bytes())],
        &hostile,
    );
    assert_sheet_refused(
        &hostile,
        "has more than 250,000 cells, the most sro-assess reads",
    );
}

#[test]
fn a_zip_bomb_part_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let hostile = dir.path().join("bomb.xlsx");
    let huge = vec![b' '; 40 * 1024 * 1024];
    rezip(&template, &[("xl/sharedStrings.xml", huge)], &hostile);
    assert!(fs::metadata(&hostile).unwrap().len() < 1_000_000);
    assert_sheet_refused(
        &hostile,
        "the workbook part `xl/sharedStrings.xml` unpacks to 41,943,040 bytes; sro-assess reads at most 32 MiB from one part",
    );
}

/// Overwrites the uncompressed size of `name` in its local header and the central directory.
fn lie_about_size(zip_bytes: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let mut patched = 0;
    for at in 0..zip_bytes.len().saturating_sub(46 + name.len()) {
        let signature = &zip_bytes[at..at + 4];
        let (size_at, name_at) = match signature {
            [0x50, 0x4b, 0x03, 0x04] => (at + 22, at + 30),
            [0x50, 0x4b, 0x01, 0x02] => (at + 24, at + 46),
            _ => continue,
        };
        if zip_bytes[name_at..].starts_with(name) {
            zip_bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the part's two headers were found");
}

#[test]
fn a_part_that_unpacks_past_its_declared_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let bomb = dir.path().join("bomb.xlsx");
    let mut huge =
        b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec();
    huge.extend(std::iter::repeat_n(b"<si><t/></si>", 3_000_000).flatten());
    huge.extend(b"</sst>");
    rezip(&template, &[("xl/sharedStrings.xml", huge)], &bomb);
    let mut bytes = fs::read(&bomb).unwrap();
    lie_about_size(&mut bytes, "xl/sharedStrings.xml", 1_000);
    let hostile = dir.path().join("lying-size.xlsx");
    fs::write(&hostile, bytes).unwrap();
    assert_sheet_refused(
        &hostile,
        "the workbook part `xl/sharedStrings.xml` unpacks to more than 32 MiB",
    );
}

#[test]
fn a_csv_past_the_row_or_column_bound_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rows = dir.path().join("rows.csv");
    fs::write(&rows, "checklist,wi-sro-best-practices\n".repeat(10_001)).unwrap();
    assert_sheet_refused(
        &rows,
        "has more than 10,000 rows, the most sro-assess reads",
    );
    let columns = dir.path().join("columns.csv");
    fs::write(
        &columns,
        format!("checklist,wi-sro-best-practices{}\n", ",".repeat(200)),
    )
    .unwrap();
    assert_sheet_refused(
        &columns,
        "row 1 of the sheet `columns` has 202 columns; sro-assess reads at most 100",
    );
}

#[test]
fn the_ordinary_template_still_imports_under_the_memory_limit() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let output = run_bounded(&["validate"], &template);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("valid"),
        "{stderr}"
    );
}

#[test]
fn a_workbook_part_with_a_dtd_is_refused_for_safety_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let bytes = fs::read(&template).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/workbook.xml").unwrap(),
        &mut workbook,
    )
    .unwrap();
    let at = workbook.find("?>").map_or(0, |i| i + 2);
    let with_dtd = format!(
        "{}<!DOCTYPE workbook [<!ENTITY a \"aaaa\">]>{}",
        &workbook[..at],
        &workbook[at..]
    );
    let hostile = dir.path().join("dtd.xlsx");
    rezip(
        &template,
        &[("xl/workbook.xml", with_dtd.into_bytes())],
        &hostile,
    );
    assert_sheet_refused(
        &hostile,
        "the workbook part `xl/workbook.xml` declares a DTD (`<!DOCTYPE`); sro-assess refuses it for safety",
    );
}

#[test]
fn a_formula_without_a_saved_value_is_named_with_why_it_reads_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let template = init(dir.path(), "template.xlsx");
    let bytes = fs::read(&template).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    // The Note cell of the first item row, as a program that writes formulas but does not
    // compute them saves it: the formula and no value.
    let end_of_row = sheet.find("<row r=\"17\"").unwrap();
    let row_end = sheet[..end_of_row].rfind("</row>").unwrap();
    let with_formula = format!(
        "{}<c r=\"G16\" t=\"str\"><f>IF(TRUE,\"met\",\"\")</f></c>{}",
        &sheet[..row_end],
        &sheet[row_end..]
    );
    let filled = dir.path().join("formula.xlsx");
    rezip(
        &template,
        &[("xl/worksheets/sheet1.xml", with_formula.into_bytes())],
        &filled,
    );
    let output = tool().arg("validate").arg(&filled).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "cell G16: warning: the cell holds the formula `=IF(TRUE,\"met\",\"\")` with no saved value, so it reads as empty"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("save it again"), "{stderr}");
}

#[test]
fn dates_calc_saves_in_a_us_locale_import_with_a_warning_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = init(dir.path(), "answers.csv");
    let text = fs::read_to_string(&sheet).unwrap();
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Item ID"))
        .unwrap();
    let column = |name: &str| rows[header].iter().position(|c| c == name).unwrap();
    let (status, due) = (column("Status"), column("Due date"));
    // Calc in a US locale saves a typed date as M/D/YY: the header's date and a due date.
    for row in &mut rows {
        match row.first().map(String::as_str) {
            Some("Date") => row[1] = "12/07/26".into(),
            Some("governance.written-mou") => {
                row.resize(due + 1, String::new());
                row[status] = "Partly in place".into();
                row[due] = "06/30/27".into();
            }
            _ => {}
        }
    }
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    fs::write(&sheet, writer.into_inner().unwrap()).unwrap();
    let out = dir.path().join("answers.yaml");
    let output = tool()
        .arg("import")
        .arg(&sheet)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("cell B6: warning: read the date `12/07/26` as 2026-12-07"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: read the date `06/30/27` as 2027-06-30"),
        "{stderr}"
    );
    // The answers file keeps what was typed; every reader reads it as the same day.
    let yaml = fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("date: \"12/07/26\""), "{yaml}");
    let json: serde_json::Value = serde_json::from_str(&crate::common::run_ok(&[
        "report",
        out.to_str().unwrap(),
        "-f",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["meta"]["date"], "2026-12-07");
}
