//! Sheets as real clients leave them: sorted with the header row, saved by LibreOffice Calc
//! (ODS, XLS, CSV), by Excel on Windows (Windows-1252), in UTF-16, `;`-separated, with a
//! column inserted or deleted; and `summary` of a folder of workbooks. Each must import to
//! the same answers as the template filled in place, or fail naming the cell.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;
use sro_assess::spreadsheet::{self, Grid, SpreadsheetKind};

use crate::common::tool;
use crate::external::{Program, have};

pub const SOFFICE: Program = Program {
    name: "soffice",
    package: "libreoffice-calc-nogui",
};

const STATUS: usize = crate::common::template_column("status");
const EVIDENCE: usize = crate::common::template_column("evidence");
/// Text that Windows-1252, MacRoman and UTF-16 all hold, and that a wrong decoding mangles.
const ACCENTED: &str = "Café’s signed MOU";

/// The template as `init` writes it, filled in as a committee would.
fn filled_grid(dir: &Path) -> Grid {
    let template = dir.join("template.xlsx");
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
    let mut grid = spreadsheet::read_grid(&template, SpreadsheetKind::Xlsx).unwrap();
    let row = |grid: &Grid, id: &str| (0..grid.rows.len()).find(|&r| grid.cell(r, 0) == id);
    let first = row(&grid, "governance.written-mou").unwrap();
    // The drop-down's labels, and a code name the import accepts too.
    grid.set(first, STATUS, "In place");
    grid.set(first, EVIDENCE, ACCENTED);
    let second = row(&grid, "governance.mou-signed-by-leaders").unwrap();
    grid.set(second, STATUS, "Partly in place");
    // The last item: a sort or a lost row would lose it first.
    let last = grid.rows.len() - 1;
    grid.set(last, STATUS, "not_met");
    grid
}

fn write_xlsx(path: &Path, grid: &Grid) -> PathBuf {
    fs::write(path, spreadsheet::xlsx_from_grid(grid).unwrap()).unwrap();
    path.to_path_buf()
}

/// The CSV text of a grid with a separator of one's choice (no formula guard: a real
/// client's CSV has none).
fn csv_text(grid: &Grid, delimiter: u8) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    for row in &grid.rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// The answers part of the imported YAML (the part a report depends on), which must be the
/// same whatever the client did to the sheet.
fn imported(sheet: &Path) -> String {
    let out = sheet.with_extension("imported.yaml");
    let output = tool()
        .arg("import")
        .arg(sheet)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        sheet.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = fs::read_to_string(&out).unwrap();
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    // Item order follows the sheet's row order, which a sort changes; the answers do not.
    let answers = lines.iter().position(|l| *l == "answers:").unwrap();
    let mut items: Vec<String> = Vec::new();
    for line in lines.split_off(answers + 1) {
        if line.starts_with("    ") {
            items.last_mut().unwrap().push_str(line);
        } else {
            items.push(line.to_string());
        }
    }
    items.sort();
    format!("{}\n{}", lines.join("\n"), items.join("\n"))
}

fn baseline(dir: &Path, grid: &Grid) -> String {
    let text = imported(&write_xlsx(&dir.join("filled.xlsx"), grid));
    assert!(text.contains(ACCENTED), "{text}");
    assert_eq!(text.matches("status:").count(), 3, "{text}");
    text
}

#[test]
fn a_sheet_sorted_with_its_header_row_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let expected = baseline(dir.path(), &grid);
    let mut sorted = grid.clone();
    // Without regard to case, as spreadsheet programs sort.
    sorted.rows.sort_by(|a, b| {
        let key = |r: &Vec<String>| r.first().cloned().unwrap_or_default().to_lowercase();
        key(a).cmp(&key(b))
    });
    let header = sorted
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == spreadsheet::HEADERS[0]))
        .unwrap();
    assert!(header > 20, "the sort put items above the header row");
    let path = write_xlsx(&dir.path().join("sorted.xlsx"), &sorted);
    assert_eq!(imported(&path), expected);
    tool()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid (3 of"));
}

#[test]
fn csv_in_the_encodings_and_separators_clients_save() {
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let expected = baseline(dir.path(), &grid);
    let comma = csv_text(&grid, b',');
    let (windows, _, lossy) = encoding_rs::WINDOWS_1252.encode(&comma);
    assert!(!lossy);
    let (mac, _, lossy) = encoding_rs::MACINTOSH.encode(&comma);
    assert!(!lossy);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(comma.encode_utf16().flat_map(u16::to_le_bytes));
    let semicolon = csv_text(&grid, b';');
    let (semicolon_windows, _, _) = encoding_rs::WINDOWS_1252.encode(&semicolon);
    let cases: [(&str, Vec<u8>); 5] = [
        ("windows-1252.csv", windows.into_owned()),
        ("macroman.csv", mac.into_owned()),
        ("utf-16le.csv", utf16),
        ("semicolon.csv", semicolon_windows.into_owned()),
        ("tab.tsv", csv_text(&grid, b'\t').into_bytes()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        assert_eq!(imported(&path), expected, "{name}");
    }
}

/// The grid with a column inserted before A and column `col` (counted before the insertion)
/// deleted, in every row, as a spreadsheet program does it; `id` and `status` written as a
/// person might.
fn moved_columns(grid: &Grid, col: usize) -> Grid {
    let mut moved = grid.clone();
    for row in &mut moved.rows {
        row.insert(0, String::new());
        if row.len() > col + 1 {
            row.remove(col + 1);
        }
    }
    let header = moved
        .rows
        .iter()
        .position(|r| r.get(1).is_some_and(|c| c == spreadsheet::HEADERS[0]))
        .unwrap();
    moved.rows[header][0] = "Row".into();
    moved.rows[header][1] = "ID".into();
    let status = moved.rows[header]
        .iter()
        .position(|c| c == "Status")
        .unwrap();
    moved.rows[header][status] = " Status ".into();
    moved
}

#[test]
fn columns_and_fields_are_found_by_name_wherever_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let expected = baseline(dir.path(), &grid);
    // A column inserted before A, `section` deleted, `ID` and ` Status ` headers.
    let section = crate::common::template_column("section");
    let path = write_xlsx(
        &dir.path().join("moved.xlsx"),
        &moved_columns(&grid, section),
    );
    assert_eq!(imported(&path), expected);
}

#[test]
fn a_sheet_without_column_b_imports_or_names_the_values_it_lost() {
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let expected = baseline(dir.path(), &grid);
    // Deleting column B (`title`, the practice) deletes the header values in B too: the import
    // names the empty cell and why, never a misleading "B1".
    let mut no_section = moved_columns(&grid, crate::common::template_column("title"));
    let path = write_xlsx(&dir.path().join("no-section.xlsx"), &no_section);
    tool()
        .arg("import")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-section.xlsx: cell C1: error: Checklist is empty",
        ))
        .stderr(predicate::str::contains(
            "deleting a column deletes the header values",
        ));
    // Typed again beside their names, the sheet imports whole.
    for r in 0..11 {
        let value = grid.cell(r, 1).to_string();
        no_section.set(r, 2, &value);
    }
    let path = write_xlsx(&dir.path().join("retyped.xlsx"), &no_section);
    assert_eq!(imported(&path), expected);
}

#[test]
fn a_row_the_import_cannot_place_is_an_error_naming_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut grid = filled_grid(dir.path());
    // Above the header row (row 13), an answered row whose id is no item.
    grid.set(11, 0, "governance.writen-mou");
    grid.set(11, STATUS, "met");
    let path = write_xlsx(&dir.path().join("bad.xlsx"), &grid);
    tool()
        .arg("import")
        .arg(&path)
        .arg("-o")
        .arg(dir.path().join("out.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.xlsx: cell A12: error: unknown item `governance.writen-mou`",
        ))
        .stderr(predicate::str::contains("governance.written-mou"));
    assert!(!dir.path().join("out.yaml").exists());
}

#[test]
fn summary_reads_a_folder_of_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let folder = dir.path().join("districts");
    fs::create_dir(&folder).unwrap();
    let one = write_xlsx(&folder.join("one.xlsx"), &grid);
    let mut other = grid.clone();
    let r = other
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "District"))
        .unwrap();
    other.set(r, 1, "Other Area School District");
    let two = write_xlsx(&folder.join("two.xlsx"), &other);
    // Excel's lock file beside an open workbook is not an answers file.
    fs::write(folder.join("~$one.xlsx"), b"lock").unwrap();
    let run = |args: &[&Path]| {
        let output = tool().arg("summary").args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let by_folder = run(&[&folder]);
    assert!(
        by_folder.contains("Other Area School District"),
        "{by_folder}"
    );
    assert_eq!(by_folder, run(&[&one, &two]));
}

#[test]
fn an_ods_whose_repeats_stand_for_too_many_cells_is_refused() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.ods");
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(
        b"<office:document-content><office:body><office:spreadsheet>\
          <table:table table:name=\"Answers\"><table:table-row table:number-rows-repeated=\"9000\">\
          <table:table-cell table:number-columns-repeated=\"90\" office:value-type=\"float\" \
          office:value=\"1\"/></table:table-row></table:table>\
          </office:spreadsheet></office:body></office:document-content>",
    )
    .unwrap();
    zip.finish().unwrap();
    tool()
        .arg("import")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "span 9,000 rows of 90 columns (at most 250,000 cells)",
        ));
}

#[test]
fn init_refuses_to_write_a_format_it_only_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.ods");
    tool()
        .args(["init", "--district", "X", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "writes templates as .xlsx or .csv",
        ));
    assert!(!path.exists());
}

/// Converts `file` with LibreOffice, headless, into `dir`; returns the converted file.
pub fn soffice_convert(
    profile: &Path,
    file: &Path,
    filter: &str,
    dir: &Path,
    ext: &str,
) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap();
    let converted = dir.join(file.file_stem().unwrap()).with_extension(ext);
    assert!(
        output.status.success() && converted.exists(),
        "soffice --convert-to {filter}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

#[test]
fn libreoffice_calc_round_trips_the_template_in_every_format() {
    if !have("LibreOffice Calc round trip of the template", &[SOFFICE]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let grid = filled_grid(dir.path());
    let expected = baseline(dir.path(), &grid);
    let source = dir.path().join("filled.xlsx");
    let profile = dir.path().join("lo-profile");
    let conversions = [
        ("ods", "ods", "ods"),
        ("xlsx", "xlsx", "xlsx"),
        ("xls", "xls", "xls"),
        // Comma, double quote, UTF-8.
        (
            "csv-utf8",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "csv",
        ),
        // Semicolon, double quote, Windows-1252: Excel's CSV in European locales.
        (
            "csv-semicolon",
            "csv:Text - txt - csv (StarCalc):59,34,1",
            "csv",
        ),
        // Tab, double quote, UTF-16 with its byte-order mark: Excel's "Unicode Text".
        (
            "csv-utf16-tab",
            "csv:Text - txt - csv (StarCalc):9,34,65535",
            "csv",
        ),
    ];
    for (name, filter, ext) in conversions {
        let out = dir.path().join(name);
        let converted = soffice_convert(&profile, &source, filter, &out, ext);
        assert_eq!(imported(&converted), expected, "{name}");
    }
    // And back: Calc's ODS opened again and saved as XLSX.
    let ods = dir.path().join("ods").join("filled.ods");
    let again = soffice_convert(&profile, &ods, "xlsx", &dir.path().join("again"), "xlsx");
    assert_eq!(imported(&again), expected);
}

#[test]
fn an_xls_whose_declared_range_is_too_large_is_refused() {
    use std::io::Write as _;
    let record = |kind: u16, data: &[u8]| {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    };
    let mut bof = 0x0600u16.to_le_bytes().to_vec();
    bof.extend(0x0005u16.to_le_bytes());
    bof.extend([0; 12]);
    let mut sheet_bof = 0x0600u16.to_le_bytes().to_vec();
    sheet_bof.extend(0x0010u16.to_le_bytes());
    sheet_bof.extend([0; 12]);
    let boundsheet = |offset: u32| {
        let mut data = offset.to_le_bytes().to_vec();
        data.extend([0, 0, 1, 0, b'A']);
        record(0x0085, &data)
    };
    let globals_len = record(0x0809, &bof).len() + boundsheet(0).len() + 4;
    let mut dimensions = 0u32.to_le_bytes().to_vec();
    dimensions.extend(65_536u32.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    dimensions.extend(256u16.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    let stream = [
        record(0x0809, &bof),
        boundsheet(globals_len as u32),
        record(0x000A, &[]),
        record(0x0809, &sheet_bof),
        record(0x0200, &dimensions),
        record(0x000A, &[]),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("declared.xls");
    let mut file = cfb::create(&path).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    drop(file);
    tool()
        .arg("import")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a sheet of the workbook spans 65,536 rows and 256 columns",
        ));
}

/// The text of one part of a zipped workbook (XLSX, ODS).
fn zipped_part(file: &Path, name: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn libreoffice_calc_keeps_the_template_s_plain_headers_labels_and_protection() {
    if !have("LibreOffice Calc keeps the template's setup", &[SOFFICE]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    tool()
        .args([
            "init",
            "--date",
            "2026-03-15",
            "--district",
            "Example",
            "-o",
        ])
        .arg(&template)
        .assert()
        .success();
    let profile = dir.path().join("lo-profile");
    for (filter, ext) in [
        ("ods", "ods"),
        ("xlsx", "xlsx"),
        ("csv:Text - txt - csv (StarCalc):44,34,76", "csv"),
    ] {
        let converted = soffice_convert(&profile, &template, filter, &dir.path().join(ext), ext);
        let kind = spreadsheet::kind_of(&converted).unwrap();
        let grid = spreadsheet::read_grid(&converted, kind).unwrap();
        let header = (0..grid.rows.len())
            .find(|&r| grid.cell(r, 0) == spreadsheet::HEADERS[0])
            .unwrap();
        // Calc saves the sheet it opens on as CSV: the answers sheet.
        assert_eq!(
            grid.rows[header],
            crate::common::workbook_headers(),
            "{ext}"
        );
        tool()
            .arg("validate")
            .arg(&converted)
            .assert()
            .success()
            .stderr(predicate::str::contains("there are no answers yet"));
    }
    // The drop-down's labels and the protection without a password survive in Calc's files.
    let labels = [
        "In place",
        "Partly in place",
        "Not in place",
        "Not applicable",
        "Don't know",
    ];
    let ods = zipped_part(&dir.path().join("ods/template.ods"), "content.xml");
    // Calc escapes the apostrophe of "Don't know" in its XML.
    let escaped = labels.map(|l| l.replace('\'', "&apos;"));
    let list = escaped
        .iter()
        .map(|l| format!("&quot;{l}&quot;"))
        .collect::<Vec<_>>()
        .join(";");
    assert!(
        ods.contains(&format!("cell-content-is-in-list({list})")),
        "ODS: no drop-down of the labels"
    );
    assert!(
        ods.contains("table:name=\"Answers\" table:style-name=\"ta1\" table:protected=\"true\""),
        "ODS: the answers sheet is not protected"
    );
    assert!(!ods.contains("table:protection-key"), "ODS: a password");
    // Calc may type in the answer columns (C to H, and K for `init --from`'s carried-over
    // column) and nowhere in the template's (the id, the practice, the section, the priority).
    let open = open_columns(&ods);
    assert_eq!(
        open,
        vec![2, 3, 4, 5, 6, 7, 10],
        "ODS: the columns open to typing"
    );
    let xlsx = zipped_part(
        &dir.path().join("xlsx/template.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(
        xlsx.contains(&format!(
            "<formula1>&quot;{}&quot;</formula1>",
            escaped.join(",")
        )),
        "XLSX: no drop-down of the labels"
    );
    assert!(xlsx.contains("<sheetProtection"), "XLSX: not protected");
    assert!(!xlsx.contains("password"), "XLSX: a password");
}

/// The columns of the ODS `Answers` sheet whose cells are open to typing on the protected
/// sheet: their default cell style has `style:cell-protect="none"`.
fn open_columns(content: &str) -> Vec<usize> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let from = tag.find(&key)? + key.len();
        Some(tag[from..from + tag[from..].find('"')?].to_string())
    };
    let unlocked: Vec<String> = content
        .split("<style:style ")
        .skip(1)
        .filter(|style| {
            let end = style.find("</style:style>").unwrap_or(style.len());
            style[..end].contains("style:cell-protect=\"none\"")
        })
        .filter_map(|style| attribute(style, "style:name"))
        .collect();
    let sheet = &content[content.find("table:name=\"Answers\"").unwrap()..];
    let sheet = &sheet[..sheet.find("</table:table>").unwrap()];
    let mut open = Vec::new();
    let mut col = 0;
    for tag in sheet.split("<table:table-column ").skip(1) {
        let tag = &tag[..tag.find("/>").unwrap()];
        let repeated: usize =
            attribute(tag, "table:number-columns-repeated").map_or(1, |n| n.parse().unwrap());
        let style = attribute(tag, "table:default-cell-style-name").unwrap_or_default();
        // The columns Calc adds to the sheet's end repeat thousands of times; the template's
        // columns come first.
        if unlocked.contains(&style) && repeated < 100 {
            open.extend(col..col + repeated);
        }
        col += repeated;
    }
    open
}

/// The font sizes a PDF's pages set (`Tf`, times the text matrix's scale where one is set), page
/// by page.
fn font_sizes(pdf: &Path) -> Vec<Vec<f32>> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let number = |o: &lopdf::Object| o.as_float().unwrap_or(1.0);
    doc.get_pages()
        .values()
        .map(|&page| {
            let content = doc.get_and_decode_page_content(page).unwrap();
            let mut scale = 1.0f32;
            let mut sizes = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "BT" => scale = 1.0,
                    "Tm" if op.operands.len() == 6 => scale = number(&op.operands[3]).abs(),
                    "Tf" if op.operands.len() == 2 => sizes.push(number(&op.operands[1]) * scale),
                    _ => {}
                }
            }
            sizes
        })
        .collect()
}

#[test]
fn calc_prints_the_committee_s_columns_at_nine_points_or_more_and_the_guidance_apart() {
    if !have("the template printed by LibreOffice Calc", &[SOFFICE]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    tool()
        .args(["init", "--district", "Example Area School District", "-o"])
        .arg(&template)
        .assert()
        .success();
    let profile = dir.path().join("lo-profile");
    let pdf = soffice_convert(&profile, &template, "pdf", &dir.path().join("pdf"), "pdf");
    let sizes = font_sizes(&pdf);
    assert!(sizes.len() > 2, "{} pages", sizes.len());
    for (page, sizes) in sizes.iter().enumerate() {
        let smallest = sizes.iter().copied().fold(f32::INFINITY, f32::min);
        assert!(
            smallest >= 9.0,
            "page {} prints text at {smallest:.2} points",
            page + 1
        );
    }
    let text = crate::external::poppler_text(&pdf).unwrap_or_default();
    if !text.is_empty() {
        for printed in ["Item ID", "Practice", "Status", "Evidence", "Due date"] {
            assert!(text.contains(printed), "{printed} is not printed");
        }
        assert!(
            text.contains("Guidance, and what to look for"),
            "no guidance sheet"
        );
        // The section is a column of the answers sheet that is not printed.
        assert!(
            !text.contains("Program purpose, governance and the MOU"),
            "a column outside the printed ones was printed"
        );
    }
}

#[test]
fn the_font_size_check_sees_small_print() {
    use lopdf::dictionary;
    // A page at 3.5 points, as the template printed when every column was fitted to the page.
    let mut doc = lopdf::Document::with_version("1.5");
    let content = lopdf::content::Content {
        operations: vec![
            lopdf::content::Operation::new("BT", vec![]),
            lopdf::content::Operation::new("Tf", vec!["F1".into(), 11.into()]),
            lopdf::content::Operation::new(
                "Tm",
                vec![
                    0.32.into(),
                    0.into(),
                    0.into(),
                    0.32.into(),
                    0.into(),
                    0.into(),
                ],
            ),
            lopdf::content::Operation::new("Tf", vec!["F1".into(), 11.into()]),
            lopdf::content::Operation::new("ET", vec![]),
        ],
    };
    let stream = lopdf::Stream::new(lopdf::Dictionary::new(), content.encode().unwrap());
    let contents = doc.add_object(stream);
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages,
        lopdf::Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.pdf");
    doc.save(&path).unwrap();
    let sizes = font_sizes(&path);
    assert_eq!(sizes.len(), 1);
    assert!(
        (sizes[0][0] - 11.0).abs() < 0.01 && (sizes[0][1] - 3.52).abs() < 0.01,
        "{sizes:?}"
    );
}
