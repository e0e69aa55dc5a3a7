//! Spreadsheets for people who do not program: every problem of a sheet names its cell and
//! says what to fill in where (never a line of YAML nobody sees), the answers hash is of the
//! file as given on every route, and the template is one a committee can fill in, print and
//! import.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};
use sro_assess::spreadsheet::{self, Grid, SpreadsheetKind};

use crate::common::tool;
use crate::external::{PDFINFO, PDFTOTEXT, have};
use crate::spreadsheet_clients::SOFFICE;

const STATUS: usize = crate::common::template_column("status");
const EVIDENCE: usize = crate::common::template_column("evidence");
/// The template's header row (row 15), from 0.
const HEADER_ROW: usize = 14;
/// The first item's row (row 16), from 0.
const FIRST_ITEM: usize = 15;

fn init(dir: &Path, name: &str, profile: &str) -> PathBuf {
    let path = dir.join(name);
    tool()
        .args(["init", "--date", "2026-03-15", "--profile", profile])
        .args(["--district", "Example Area School District", "-o"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// The CSV template with `edit` applied, written as `answers.csv`.
fn sheet(dir: &Path, edit: impl FnOnce(&mut Grid)) -> PathBuf {
    let template = init(dir, "template.csv", "existing-program");
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Csv).unwrap();
    edit(&mut grid);
    let path = dir.join("answers.csv");
    fs::write(&path, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    path
}

/// Runs the tool in `dir`; exit code and stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = tool().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_item_in_two_rows_is_named_by_both_cells_on_every_route() {
    let dir = tempfile::tempdir().unwrap();
    sheet(dir.path(), |grid| {
        grid.set(FIRST_ITEM, STATUS, "In place");
        // The same item again in row 40, as a paste from another copy leaves it.
        let copy = grid.rows[FIRST_ITEM].clone();
        grid.rows.insert(39, copy);
        grid.set(39, STATUS, "Not in place");
    });
    let expected = "answers.csv: cell A40: error: the item `governance.written-mou` is answered \
                    twice (first in A16)";
    for args in [
        &["validate", "answers.csv"][..],
        &["report", "answers.csv"],
        &["import", "answers.csv", "-o", "a.yaml"],
    ] {
        let (code, _, stderr) = run(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            stderr.contains("keep one of rows 16 and 40 and delete the other"),
            "{args:?}: {stderr}"
        );
    }
    assert!(!dir.path().join("a.yaml").exists());
}

#[test]
fn every_hint_says_what_to_fill_in_where_and_never_names_yaml() {
    let dir = tempfile::tempdir().unwrap();
    sheet(dir.path(), |grid| {
        grid.set(FIRST_ITEM, STATUS, "Not applicable");
        grid.set(FIRST_ITEM + 1, EVIDENCE, "Signed MOU on file");
        grid.set(FIRST_ITEM + 2, STATUS, "Partialy");
        grid.set(5, 1, "3/15/2026");
    });
    let (code, _, stderr) = run(dir.path(), &["validate", "answers.csv"]);
    assert_eq!(code, Some(2), "{stderr}");
    for expected in [
        "answers.csv: cell B6: warning: read the date `3/15/2026` as 2026-03-15 (month/day/year)",
        "answers.csv: cell A16: warning: `governance.written-mou` is marked not applicable \
         without a note saying why",
        "hint: fill the Note column in row 16 (G16) with the reason",
        "answers.csv: cell A17: warning: the answer to `governance.mou-signed-by-leaders` has \
         no `status` yet",
        "hint: choose a status in C17 (In place, Partly in place, Not in place, Not applicable, Don't know)",
        "answers.csv: cell C18: error: unknown status `Partialy`",
        "hint: did you mean `Partly in place`? choose one from the cell's list",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    for yaml in ["line ", "`note:`", "status:", "answers:", "indent"] {
        assert!(!stderr.contains(yaml), "`{yaml}` in:\n{stderr}");
    }
}

#[test]
fn a_required_field_names_its_cell_or_the_row_to_keep() {
    let dir = tempfile::tempdir().unwrap();
    sheet(dir.path(), |grid| {
        grid.set(3, 1, "");
        // The Date row deleted.
        grid.rows.remove(5);
    });
    let (code, _, stderr) = run(dir.path(), &["import", "answers.csv"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "answers.csv: cell B4: error: District is empty\n  hint: fill in B4, right of District"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "answers.csv: error: the sheet has no Date row\n  hint: keep the template's Date row"
        ),
        "{stderr}"
    );
}

fn sha256_prefix(path: &Path) -> String {
    let digest = Sha256::digest(fs::read(path).unwrap());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn report_hash(dir: &Path, file: &str) -> String {
    let (code, stdout, stderr) = run(dir, &["report", "-f", "json", file]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    json["meta"]["answers_hash"].as_str().unwrap().to_string()
}

#[test]
fn the_answers_hash_is_of_the_file_as_given_on_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let csv = sheet(dir.path(), |grid| grid.set(FIRST_ITEM, STATUS, "In place"));
    let grid = spreadsheet::read_grid(&csv, SpreadsheetKind::Csv).unwrap();
    let xlsx = dir.path().join("answers.xlsx");
    fs::write(&xlsx, spreadsheet::xlsx_from_grid(&grid).unwrap()).unwrap();
    for (name, path) in [("answers.csv", &csv), ("answers.xlsx", &xlsx)] {
        let hash = sha256_prefix(path);
        assert_eq!(report_hash(dir.path(), name), hash, "report {name}");
        let (code, stdout, stderr) = run(dir.path(), &["compare", "-f", "json", name, name]);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(
            stdout.matches(&format!("\"{hash}\"")).count(),
            2,
            "{stdout}"
        );
        let (code, stdout, stderr) = run(dir.path(), &["import", name]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(
            stdout.starts_with(&format!(
                "# Imported by sro-assess import from a spreadsheet (SHA-256 {hash}...)."
            )),
            "{stdout}"
        );
        let (code, _, stderr) = run(dir.path(), &["validate", name]);
        assert_eq!(code, Some(0), "{stderr}");
        let (code, stdout, stderr) = run(dir.path(), &["summary", "-f", "json", name]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stdout.contains("\"files\": 1"), "{stdout}");
    }
    // One byte more (a line end the sheet program added) is another file, so another hash.
    let mut bytes = fs::read(&csv).unwrap();
    bytes.extend(b"\n");
    fs::write(&csv, bytes).unwrap();
    assert_eq!(report_hash(dir.path(), "answers.csv"), sha256_prefix(&csv));
}

#[test]
fn plain_headers_and_code_names_import_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let fill = |grid: &mut Grid| {
        grid.set(FIRST_ITEM, STATUS, "In place");
        grid.set(
            FIRST_ITEM,
            crate::common::template_column("internal_note"),
            "Referred by the principal",
        );
        grid.set(FIRST_ITEM + 1, STATUS, "partial");
    };
    let plain = sheet(dir.path(), fill);
    let plain_text = fs::read_to_string(&plain).unwrap();
    assert!(
        plain_text.contains(
            "Item ID,Practice,Status,Evidence,Owner (who will close the gap),Due date,\
             Note (printed in reports),Internal note (never published)"
        ),
        "{plain_text}"
    );
    let (_, plain_yaml, stderr) = run(dir.path(), &["import", "answers.csv"]);
    assert!(
        plain_yaml.contains("    internal_note: Referred by the principal\n"),
        "{stderr}"
    );
    // The same sheet with every header and field written by its code name.
    let mut grid = spreadsheet::read_grid(&plain, SpreadsheetKind::Csv).unwrap();
    for (col, key) in spreadsheet::COLUMNS.iter().enumerate() {
        grid.set(HEADER_ROW, col, key);
    }
    for (row, key) in spreadsheet::META_KEYS.iter().enumerate() {
        grid.set(row, 0, key);
    }
    fs::write(&plain, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let (code, code_yaml, stderr) = run(dir.path(), &["import", "answers.csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    let body = |yaml: &str| yaml.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&code_yaml), body(&plain_yaml));
}

#[test]
fn a_workbook_with_other_sheets_names_the_sheet_of_each_cell() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "t.xlsx", "existing-program");
    let (code, _, stderr) = run(dir.path(), &["validate", "t.xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("t.xlsx: sheet Answers, cell A15: warning: there are no answers yet\n  hint: choose a status in the Status column"),
        "{stderr}"
    );
}

/// The text of one part of an XLSX file.
fn part(xlsx: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(xlsx).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Whether a written cell of the sheet is unlocked: its format (`s`, an index into the
/// `cellXfs` of styles.xml) has `<protection locked="0"/>`.
fn unlocked(sheet: &str, styles: &str, cell: &str) -> bool {
    let index: usize = attribute(sheet, &format!("<c r=\"{cell}\""), "s")
        .unwrap_or("0")
        .parse()
        .unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xfs = &xfs[..xfs.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(index + 1).unwrap();
    let xf = &xf[..xf.find("</xf>").or_else(|| xf.find("/>")).unwrap()];
    xf.contains("<protection locked=\"0\"/>")
}

/// The value of `attribute` in the first element that starts with `element`.
fn attribute<'t>(xml: &'t str, element: &str, attribute: &str) -> Option<&'t str> {
    let start = xml.find(element)?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let key = format!(" {attribute}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

#[test]
fn the_template_workbook_is_made_to_be_filled_in_printed_and_protected() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = init(dir.path(), "t.xlsx", "existing-program");
    let workbook = part(&xlsx, "xl/workbook.xml");
    assert!(
        workbook.find("name=\"Answers\"") < workbook.find("name=\"Instructions\""),
        "the answers sheet comes first"
    );
    // The header row repeats on every printed page.
    assert!(
        workbook.contains("Answers!$15:$15"),
        "no repeated header row"
    );
    let answers = part(&xlsx, "xl/worksheets/sheet1.xml");
    // Protected, without a password, so anyone can turn it off.
    assert!(answers.contains("<sheetProtection"), "not protected");
    assert!(!answers.contains("password"), "a password");
    // The drop-down offers the scale's labels and only warns on another spelling.
    assert!(
        answers.contains(
            "<formula1>\"In place,Partly in place,Not in place,Not applicable,Don't know\"</formula1>"
        ),
        "no drop-down of the labels"
    );
    assert_eq!(
        attribute(&answers, "<dataValidation ", "errorStyle"),
        Some("warning")
    );
    assert_eq!(
        attribute(&answers, "<dataValidation ", "sqref").map(|r| r.starts_with("C16:C")),
        Some(true)
    );
    // Landscape, one page wide, as tall as it needs.
    assert_eq!(
        attribute(&answers, "<pageSetup", "orientation"),
        Some("landscape")
    );
    assert_eq!(attribute(&answers, "<pageSetup", "fitToHeight"), Some("0"));
    assert!(
        answers.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "not fit to the page"
    );
    // Only the columns a committee fills in at the table print (Item ID to Due date).
    assert!(
        workbook.contains("Answers!$A$1:$F$"),
        "the print area is not the six printed columns: {workbook}"
    );
    // The guidance has its own sheet, where each item's row is tall enough for its guidance
    // (LibreOffice does not fit rows on opening): the first item's is about 580 characters in a
    // column 58 wide.
    assert!(
        !answers.contains(">Guidance<") && workbook.contains("name=\"Guidance\""),
        "the guidance is not on a sheet of its own"
    );
    let guidance = part(&xlsx, "xl/worksheets/sheet2.xml");
    let row = guidance.find("<row r=\"2\"").unwrap();
    let height: f64 = attribute(&guidance[row..], "<row", "ht")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        attribute(&guidance[row..], "<row", "customHeight"),
        Some("1")
    );
    assert!(height >= 8.0 * 15.0, "{height}");
    // Cells are locked unless their format unlocks them: the header values a committee
    // fills in (District) are open, the ones that tie the sheet to its checklist are not.
    let styles = part(&xlsx, "xl/styles.xml");
    let open = |cell: &str| unlocked(&answers, &styles, cell);
    assert!(
        open("B4") && open("B5") && open("B6"),
        "District, Label, Date"
    );
    assert!(open("B12") && open("B13"), "Rater, Rater group");
    assert!(
        !open("B1") && !open("B2") && !open("B3"),
        "Checklist, version, profile"
    );
    assert!(!open("A16") && !open("B16"), "the item's id and practice");
    assert!(open("C16") && open("F16"), "the status and the due date");
    let instructions = part(&xlsx, "xl/sharedStrings.xml");
    for words in [
        "What to fill in",
        "What not to change",
        "turn the protection off first (no password",
        "sro-assess import answers.xlsx -o answers.yaml",
    ] {
        assert!(instructions.contains(words), "{words}");
    }
    // The cost fields of a planning option are in the template.
    let grid = spreadsheet::read_grid(&xlsx, SpreadsheetKind::Xlsx).unwrap();
    let names: Vec<&str> = (0..13).map(|r| grid.cell(r, 0)).collect();
    assert!(names.contains(&"Annual cost") && names.contains(&"One-time cost"));
    // Every column but the guidance sheet's.
    assert_eq!(grid.rows[HEADER_ROW], crate::common::workbook_headers());
}

#[test]
fn libreoffice_prints_the_template_landscape_one_page_wide_with_the_header_on_every_page() {
    if !have(
        "LibreOffice Calc prints the template",
        &[SOFFICE, PDFTOTEXT, PDFINFO],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = init(dir.path(), "t.xlsx", "existing-program");
    let profile = dir.path().join("lo-profile");
    let pdf =
        crate::spreadsheet_clients::soffice_convert(&profile, &xlsx, "pdf", dir.path(), "pdf");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Page size:       792 x 612 pts"),
        "landscape Letter: {info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let page = |n: usize| {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // The answers sheet's pages end with its name in the footer; 118 items, six columns.
    let answers_pages = (1..=pages)
        .filter(|&n| {
            page(n)
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with("Answers"))
        })
        .count();
    assert!(
        (4..=12).contains(&answers_pages),
        "{answers_pages} pages of answers"
    );
    assert!(
        (1..=pages).any(|n| page(n).contains("Guidance, and what to look for")),
        "no page of guidance"
    );
    for n in [1, 2] {
        let text = page(n);
        // The first and the last column on each page: fit to one page wide, header repeated.
        assert!(
            text.contains("Item ID") && text.contains("Due date"),
            "page {n}: {text}"
        );
    }
    // The instructions, on a page of their own.
    assert!(page(pages).contains("When the answers are in"));
}

#[test]
fn answers_carried_into_a_sheet_are_marked_with_the_label_and_cleared_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let last_year = crate::common::repo_path("examples/year-2025.yaml");
    let sheet = dir.path().join("this-year.csv");
    tool()
        .arg("init")
        .arg("--from")
        .arg(&last_year)
        .args(["--label", "2026", "--date", "2026-04-20", "-o"])
        .arg(&sheet)
        .assert()
        .success();
    let grid = spreadsheet::read_grid(&sheet, SpreadsheetKind::Csv).unwrap();
    assert_eq!(
        grid.cell(HEADER_ROW, 12),
        spreadsheet::CARRIED_COLUMN.1,
        "the marker column has a plain header"
    );
    let labels = [
        "In place",
        "Partly in place",
        "Not in place",
        "Not applicable",
    ];
    let carried: Vec<&str> = (FIRST_ITEM..grid.rows.len())
        .map(|r| grid.cell(r, STATUS))
        .filter(|s| !s.is_empty())
        .collect();
    assert!(!carried.is_empty());
    assert!(
        carried.iter().all(|s| labels.contains(s)),
        "statuses as the drop-down offers them: {carried:?}"
    );
    let (code, stdout, stderr) = run(dir.path(), &["validate", "this-year.csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("clear each one's Carried from cell once checked"),
        "{stdout}"
    );
    assert!(!stdout.contains("`carried_from` line"), "{stdout}");
}

#[test]
fn a_plan_s_sheet_offers_and_reads_the_profile_s_labels() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = init(dir.path(), "plan.xlsx", "considering-sro");
    let answers = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        answers.contains(
            "<formula1>\"Provided for in the plan,Partly provided for in the plan,Not provided \
             for in the plan,Not applicable,Don't know\"</formula1>"
        ),
        "the drop-down offers the plan's labels"
    );
    let csv = init(dir.path(), "plan.csv", "considering-sro");
    let mut grid = spreadsheet::read_grid(&csv, SpreadsheetKind::Csv).unwrap();
    grid.set(FIRST_ITEM, STATUS, "Provided for in the plan");
    grid.set(FIRST_ITEM + 1, STATUS, "not provided for in the plan");
    grid.set(FIRST_ITEM + 2, STATUS, "Provided in plan");
    fs::write(&csv, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let (code, _, stderr) = run(dir.path(), &["validate", "plan.csv"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("plan.csv: cell C18: error: unknown status `Provided in plan`")
            && stderr.contains("choose one from the cell's list: Provided for in the plan, Partly provided for in the plan"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("cell C16") && !stderr.contains("cell C17"),
        "{stderr}"
    );
    grid.set(FIRST_ITEM + 2, STATUS, "");
    fs::write(&csv, spreadsheet::template_csv(&grid).unwrap()).unwrap();
    let (code, yaml, stderr) = run(dir.path(), &["import", "plan.csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(yaml.contains("    status: met\n"), "{yaml}");
    assert!(yaml.contains("    status: not_met\n"), "{yaml}");
}
