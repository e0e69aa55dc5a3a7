//! Reading a filled sheet into a [`Grid`]: workbooks (XLSX, ODS, XLS, XLSB) through calamine,
//! CSV through the csv crate after its encoding and separator are found.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{
    Cell, Data, DataRef, Dimensions, Reader, Sheets, Xlsb, Xlsx, open_workbook_auto_from_rs,
};

use super::bounds::{
    MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_BYTES, SHEET_HINT, check_ods_content,
    check_workbook_parts, check_xls_records, refuse, thousands,
};
use super::csv_cell::restore;
use super::{GUIDANCE_SHEET, Grid, INSTRUCTIONS_SHEET, SHEET, cell_name};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Date;

/// The spreadsheet formats read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpreadsheetKind {
    /// Office Open XML workbook (Excel's, and what `init` writes).
    Xlsx,
    /// OpenDocument spreadsheet (LibreOffice Calc's default).
    Ods,
    /// Excel 97-2003 workbook; read, never written.
    Xls,
    /// Comma-, semicolon- or tab-separated values, in any common encoding.
    Csv,
}

/// Reads the answers sheet of a workbook (the sheet named `Answers`, else the first one that
/// is not the instructions), or a CSV file, as text cells.
pub fn read_grid(path: &Path, kind: SpreadsheetKind) -> Result<Grid> {
    read_grid_and_bytes(path, kind).map(|(grid, _)| grid)
}

/// Like [`read_grid`], with the file's bytes as read (one read: the cells and the bytes hashed
/// for the report are of the same file).
pub fn read_grid_and_bytes(path: &Path, kind: SpreadsheetKind) -> Result<(Grid, Vec<u8>)> {
    let bytes = read_workbook_bytes(path)?;
    // So that no output of this command replaces it.
    crate::fsio::note_input(path);
    let grid = grid_from_bytes(path, kind, &bytes)?;
    Ok((grid, bytes))
}

/// A sheet's bytes as cells, as [`read_grid`] reads a file's; `path` names it in errors.
pub fn grid_from_bytes(path: &Path, kind: SpreadsheetKind, bytes: &[u8]) -> Result<Grid> {
    let grid = match kind {
        SpreadsheetKind::Csv => read_csv(path, bytes)?,
        SpreadsheetKind::Xlsx | SpreadsheetKind::Ods | SpreadsheetKind::Xls => {
            read_workbook(path, bytes.to_vec())?
        }
    };
    refuse_control_characters(path, &grid)?;
    Ok(grid)
}

/// Refuses a sheet whose cells hold a control character an answers file may not hold (a NUL
/// from a zero-filled tail, an escape sequence), each named by its cell, as YAML is refused.
fn refuse_control_characters(path: &Path, grid: &Grid) -> Result<()> {
    let mut diagnostics = Vec::new();
    for (row, cells) in grid.rows.iter().enumerate() {
        for (col, text) in cells.iter().enumerate() {
            let Some(c) = text.chars().find(|&c| crate::text::forbidden_in_yaml(c)) else {
                continue;
            };
            let cell = cell_name(row, col);
            let cell = if grid.one_of_several {
                format!("{}!{cell}", grid.sheet)
            } else {
                cell
            };
            diagnostics.push(
                Diagnostic::error(
                    None,
                    format!(
                        "the cell holds the control character {}, which an answers file may \
                         not hold",
                        crate::text::describe(c)
                    ),
                )
                .at_cell(cell)
                .with_hint(crate::text::hint(c)),
            );
        }
    }
    if diagnostics.is_empty() {
        return Ok(());
    }
    diagnostics.truncate(20);
    Err(Error::Invalid {
        path: path.to_path_buf(),
        diagnostics,
    })
}

fn invalid(path: &Path, message: String, hint: &str) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    }
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid> {
    let (text, encoding) = decode_text(bytes);
    let sheet = path
        .file_stem()
        .map_or_else(|| "sheet".into(), |s| s.to_string_lossy().into_owned());
    let rows = csv_rows(&text, sniff_delimiter(&text), |row, columns, cells| {
        check_extent(path, &sheet, row, columns, cells)
    })
    .map_err(|err| match err {
        CsvProblem::Bound(err) => err,
        CsvProblem::Syntax(err) => invalid(
            path,
            format!("the CSV file cannot be read: {err}"),
            "save the sheet again as CSV (UTF-8, comma-separated)",
        ),
    })?;
    Ok(Grid {
        sheet,
        one_of_several: false,
        rows,
        encoding,
        formulas_without_values: Vec::new(),
    })
}

enum CsvProblem {
    Bound(Error),
    Syntax(csv::Error),
}

/// The rows of CSV text as a spreadsheet program shows them: the csv crate skips blank lines,
/// but a spreadsheet shows each as an empty row, and cell names must match what it shows.
fn csv_rows(
    text: &str,
    delimiter: u8,
    mut check: impl FnMut(usize, usize, usize) -> Result<()>,
) -> std::result::Result<Vec<Vec<String>>, CsvProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        if !reader
            .read_record(&mut record)
            .map_err(CsvProblem::Syntax)?
        {
            break;
        }
        // A record's position is where the last one ended: the blank lines the csv crate
        // skipped lead it.
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        // After a `\r\n` terminator the position can fall between its two bytes.
        let bytes = text.as_bytes();
        let start = if start > 0 && bytes.get(start - 1..=start) == Some(b"\r\n".as_slice()) {
            start + 1
        } else {
            start
        };
        let skipped = bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .filter(|&&b| b == b'\n')
            .count();
        for _ in 0..skipped {
            check(rows.len(), 0, cells).map_err(CsvProblem::Bound)?;
            rows.push(Vec::new());
        }
        cells += record.len();
        check(rows.len(), record.len(), cells).map_err(CsvProblem::Bound)?;
        rows.push(
            record
                .iter()
                .map(|cell| restore(cell).to_string())
                .collect(),
        );
    }
    Ok(rows)
}

/// The text of a CSV file in whatever encoding a spreadsheet program saved it, and the
/// encoding's name when it is not UTF-8: a byte-order mark decides (UTF-8, UTF-16LE/BE); else
/// UTF-8 when the bytes are valid UTF-8; else UTF-16 without a mark when every other byte is
/// zero; else whichever of the 8-bit encodings docs/spreadsheets.md names (Windows-1252 for Excel on
/// Windows, MacRoman for Excel on older Macs) reads as more plausible text.
pub(super) fn decode_text(bytes: &[u8]) -> (String, Option<&'static str>) {
    let decode = |encoding: &'static encoding_rs::Encoding, bytes: &[u8]| {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding_name(encoding));
        return (decode(encoding, &bytes[bom..]), name);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // A NUL in every other byte is UTF-16 saved without its mark, not UTF-8.
        if let Some(encoding) = utf16_without_bom(bytes) {
            return (decode(encoding, bytes), Some(encoding_name(encoding)));
        }
        return (text.to_string(), None);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (decode(encoding, bytes), Some(encoding_name(encoding)));
    }
    let windows = decode(encoding_rs::WINDOWS_1252, bytes);
    let mac = decode(encoding_rs::MACINTOSH, bytes);
    if plausibility(&mac) > plausibility(&windows) {
        (mac, Some(encoding_name(encoding_rs::MACINTOSH)))
    } else {
        (windows, Some(encoding_name(encoding_rs::WINDOWS_1252)))
    }
}

/// An encoding as a user knows it.
fn encoding_name(encoding: &'static encoding_rs::Encoding) -> &'static str {
    match encoding.name() {
        "macintosh" => "MacRoman",
        "windows-1252" => "Windows-1252",
        "UTF-16LE" => "UTF-16 LE",
        "UTF-16BE" => "UTF-16 BE",
        other => other,
    }
}

/// UTF-16 saved without a byte-order mark: an even length and, for text that is mostly ASCII
/// as a sheet's is, a zero in nearly every high byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_at = |offset: usize| {
        bytes
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// How much a decoding reads like Western text: typographic punctuation (dashes, curly
/// quotes) and lowercase accented letters are common there; a wrong 8-bit decoding turns
/// them into capitals inside or beside words, symbols and controls.
fn plausibility(text: &str) -> i64 {
    let chars: Vec<char> = text.chars().collect();
    let mut score = 0i64;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        score += match c {
            '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201d}' | '\u{2026}' => 2,
            'a'..='z' | 'A'..='Z' | '\u{0}'..='\u{7f}' => 0,
            // A capital starts a word (`École`); one after a letter or standing alone is a
            // misread byte (`boardŐs`, ` Ń `).
            c if c.is_uppercase()
                && before.is_none_or(|b| !b.is_alphabetic())
                && after.is_some_and(char::is_lowercase) =>
            {
                0
            }
            c if c.is_uppercase() => -2,
            c if c.is_lowercase() => 1,
            '\u{a0}' | '\u{b0}' | '\u{a9}' | '\u{ae}' | '\u{a7}' | '\u{a3}' | '\u{a2}'
            | '\u{ab}' | '\u{bb}' | '\u{b7}' | '\u{2022}' | '\u{20ac}' => 0,
            _ => -2,
        };
    }
    score
}

/// The separator of a CSV file: of comma, semicolon (Excel in European locales) and tab, the
/// one under which a row names the most template columns; comma when none does.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let score = |delimiter: u8| -> usize {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        reader
            .records()
            .take(MAX_ROWS)
            .map_while(std::result::Result::ok)
            .map(|record| {
                record
                    .iter()
                    .filter(|cell| super::column_key(cell).is_some())
                    .count()
            })
            .max()
            .unwrap_or(0)
    };
    let mut best = (b',', score(b','));
    for delimiter in [b';', b'\t'] {
        let found = score(delimiter);
        if found > best.1 {
            best = (delimiter, found);
        }
    }
    best.0
}

/// Refuses a sheet once row `row` (from 0) with `columns` cells, or `cells` cells in all, is
/// past the bounds.
fn check_extent(path: &Path, sheet: &str, row: usize, columns: usize, cells: usize) -> Result<()> {
    if row >= MAX_ROWS {
        return Err(refuse(
            path,
            format!(
                "the sheet `{sheet}` has more than {} rows, the most sro-assess reads",
                thousands(MAX_ROWS as u64)
            ),
            SHEET_HINT,
        ));
    }
    if columns > MAX_COLUMNS {
        return Err(refuse(
            path,
            format!(
                "row {} of the sheet `{sheet}` has {} columns; sro-assess reads at most {}",
                row + 1,
                thousands(columns as u64),
                MAX_COLUMNS
            ),
            SHEET_HINT,
        ));
    }
    if cells > MAX_CELLS {
        return Err(too_many_cells(path, sheet));
    }
    Ok(())
}

fn too_many_cells(path: &Path, sheet: &str) -> Error {
    refuse(
        path,
        format!(
            "the sheet `{sheet}` has more than {} cells, the most sro-assess reads",
            thousands(MAX_CELLS as u64)
        ),
        SHEET_HINT,
    )
}

fn read_workbook(path: &Path, bytes: Vec<u8>) -> Result<Grid> {
    check_workbook_parts(path, &bytes)?;
    check_ods_content(path, &bytes)?;
    check_xls_records(path, &bytes)?;
    let hint = "save it again from the spreadsheet program as an Excel workbook (.xlsx) or an \
                OpenDocument spreadsheet (.ods)";
    // The format is told by the bytes, not the name: a workbook saved under the wrong
    // extension still reads.
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|err| {
        invalid(
            path,
            format!("the file is not a readable XLSX, ODS or XLS workbook: {err}"),
            hint,
        )
    })?;
    let several = workbook.sheet_names().len() > 1;
    let grid = match workbook {
        Sheets::Xlsx(workbook) => read_xlsx(path, workbook, hint),
        Sheets::Xlsb(workbook) => read_xlsb(path, workbook, hint),
        mut other => read_whole_sheet(path, &mut other, hint),
    }?;
    Ok(Grid {
        one_of_several: several,
        ..grid
    })
}

/// The sheet that holds the answers: `Answers` (in any case), else the first one that is not
/// the template's instructions or guidance.
fn answers_sheet(names: &[String]) -> Option<String> {
    let named = |name: &str| names.iter().find(|n| n.trim().eq_ignore_ascii_case(name));
    named(SHEET)
        .or_else(|| {
            names.iter().find(|n| {
                ![INSTRUCTIONS_SHEET, GUIDANCE_SHEET]
                    .iter()
                    .any(|other| n.trim().eq_ignore_ascii_case(other))
            })
        })
        .or_else(|| names.first())
        .cloned()
}

/// ODS and XLS: calamine reads their sheets whole (their size and, for ODS, the cells
/// their repeat counts stand for, are bounded before), then the range is checked.
fn read_whole_sheet(
    path: &Path,
    workbook: &mut Sheets<Cursor<Vec<u8>>>,
    hint: &str,
) -> Result<Grid> {
    let Some(sheet) = answers_sheet(&workbook.sheet_names()) else {
        return Err(invalid(path, "the workbook has no sheets".into(), hint));
    };
    let range = workbook.worksheet_range(&sheet).map_err(|err| {
        invalid(
            path,
            format!("the sheet `{sheet}` cannot be read: {err}"),
            hint,
        )
    })?;
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok(Grid {
            sheet,
            ..Grid::default()
        });
    };
    check_used_range(
        path,
        &sheet,
        Dimensions {
            start: (start.0, start.1),
            end: (end.0, end.1),
        },
    )?;
    let mut grid = Grid {
        sheet,
        ..Grid::default()
    };
    for (row, col, value) in range.used_cells() {
        let text = cell_text(value);
        if !text.is_empty() {
            grid.set(row + start.0 as usize, col + start.1 as usize, &text);
        }
    }
    Ok(grid)
}

fn read_xlsx(path: &Path, mut workbook: Xlsx<Cursor<Vec<u8>>>, hint: &str) -> Result<Grid> {
    let Some(sheet) = answers_sheet(&workbook.sheet_names()) else {
        return Err(invalid(path, "the workbook has no sheets".into(), hint));
    };
    let unreadable = |err: &dyn std::fmt::Display| {
        invalid(
            path,
            format!("the sheet `{sheet}` cannot be read: {err}"),
            hint,
        )
    };
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|err| unreadable(&err))?;
    check_used_range(path, &sheet, cells.dimensions())?;
    let mut grid = stream_cells(path, &sheet, || {
        cells.next_cell().map_err(|err| unreadable(&err))
    })?;
    drop(cells);
    // A formula saved without its value (a file written by a program that does not compute
    // formulas) reads as an empty cell: say so, cell by cell.
    if let Ok(formulas) = workbook.worksheet_formula(&sheet)
        && let Some((top, left)) = formulas.start()
    {
        for (row, col, formula) in formulas.used_cells() {
            let (row, col) = (row + top as usize, col + left as usize);
            if !formula.is_empty() && grid.cell(row, col).is_empty() {
                grid.formulas_without_values
                    .push((row, col, formula.clone()));
            }
        }
    }
    Ok(grid)
}

/// XLSB (a workbook saved under another name: `kind_of` does not claim `.xlsb`), read cell by
/// cell like XLSX rather than whole, so its declared range is checked before any cell.
fn read_xlsb(path: &Path, mut workbook: Xlsb<Cursor<Vec<u8>>>, hint: &str) -> Result<Grid> {
    let Some(sheet) = answers_sheet(&workbook.sheet_names()) else {
        return Err(invalid(path, "the workbook has no sheets".into(), hint));
    };
    let unreadable = |err: &dyn std::fmt::Display| {
        invalid(
            path,
            format!("the sheet `{sheet}` cannot be read: {err}"),
            hint,
        )
    };
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|err| unreadable(&err))?;
    check_used_range(path, &sheet, cells.dimensions())?;
    stream_cells(path, &sheet, || {
        cells.next_cell().map_err(|err| unreadable(&err))
    })
}

/// The cells `next` yields, one at a time, into a grid, refused past the bounds.
fn stream_cells<'a>(
    path: &Path,
    sheet: &str,
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>>,
) -> Result<Grid> {
    let mut grid = Grid {
        sheet: sheet.to_string(),
        ..Grid::default()
    };
    let mut count = 0usize;
    while let Some(cell) = next()? {
        count += 1;
        if count > MAX_CELLS {
            return Err(too_many_cells(path, sheet));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(beyond_bounds(path, sheet, &cell_name(row, col)));
        }
        grid.set(row, col, &text);
    }
    Ok(grid)
}

/// The workbook's bytes, read once (so the checks and the reader see the same file).
fn read_workbook_bytes(path: &Path) -> Result<Vec<u8>> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind: "it is not a plain file",
        });
    }
    let too_large = |size: u64| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_SHEET_BYTES,
    };
    if metadata.len() > MAX_SHEET_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_SHEET_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_SHEET_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses a sheet whose declared used range (its `dimension`) is past the bounds, before a
/// single cell is read.
fn check_used_range(path: &Path, sheet: &str, used: Dimensions) -> Result<()> {
    let (last_row, last_col) = (used.end.0 as usize, used.end.1 as usize);
    if last_row < MAX_ROWS && last_col < MAX_COLUMNS {
        return Ok(());
    }
    let range = format!(
        "{}:{}",
        cell_name(used.start.0 as usize, used.start.1 as usize),
        cell_name(last_row, last_col)
    );
    Err(refuse(
        path,
        format!(
            "the sheet `{sheet}` uses the range {range} ({} rows, {} columns); sro-assess reads \
             at most {} rows and {} columns",
            thousands(u64::from(used.end.0.saturating_sub(used.start.0)) + 1),
            thousands(u64::from(used.end.1.saturating_sub(used.start.1)) + 1),
            thousands(MAX_ROWS as u64),
            MAX_COLUMNS
        ),
        SHEET_HINT,
    ))
}

fn beyond_bounds(path: &Path, sheet: &str, cell: &str) -> Error {
    refuse(
        path,
        format!(
            "the sheet `{sheet}` has a value in cell {cell}, beyond the {} rows and {} columns \
             sro-assess reads",
            thousands(MAX_ROWS as u64),
            MAX_COLUMNS
        ),
        SHEET_HINT,
    )
}

/// A cell as text: numbers without needless decimals, dates as YYYY-MM-DD (a committee member
/// typing a due date gets a date cell in most spreadsheet programs).
fn cell_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64()).unwrap_or_else(|| dt.as_f64().to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial day (1900 system) as a date: day 25569 is 1970-01-01.
fn serial_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569;
    Date::from_days_since_epoch(days).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_encodings_spreadsheet_programs_save_csv_in() {
        let text = "checklist,caf\u{e9} \u{2019}quoted\u{2019}";
        let (windows, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!lossy);
        assert!(std::str::from_utf8(&windows).is_err());
        let decoded = |bytes: &[u8]| decode_text(bytes).0;
        assert_eq!(decoded(&windows), text, "Windows-1252 without a BOM");
        let (mac, _, lossy) = encoding_rs::MACINTOSH.encode(text);
        assert!(!lossy);
        assert_eq!(decoded(&mac), text, "MacRoman without a BOM");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decoded(&utf16), text, "UTF-16LE with a BOM");
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decoded(&utf16be), text, "UTF-16BE with a BOM");
        let bom_utf8 = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(
            decode_text(&bom_utf8),
            (text.to_string(), None),
            "UTF-8 with a BOM"
        );
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            decode_text(&le),
            (text.to_string(), Some("UTF-16 LE")),
            "no BOM"
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode_text(&be),
            (text.to_string(), Some("UTF-16 BE")),
            "no BOM"
        );
    }

    /// Realistic evidence text in each 8-bit encoding docs/spreadsheets.md names reads back as typed,
    /// and the encoding is named (a detector once read MacRoman as a Central European page).
    #[test]
    fn macroman_and_windows_1252_read_as_typed_and_are_named() {
        for text in [
            "Signed 2025-08-01 \u{2014} on file with the board\u{2019}s clerk",
            "checklist,wi\nevidence,\u{201c}MOU\u{201d} sign\u{e9}e \u{2013} r\u{e9}vis\u{e9} 2026\n",
            "Caf\u{e9} na\u{ef}ve \u{e0} la fa\u{e7}on, \u{c9}cole, \u{2018}quoted\u{2019}",
            "Superintendent\u{2019}s office \u{2026} 50\u{b0} \u{a9} 2026",
        ] {
            for (encoding, name) in [
                (encoding_rs::MACINTOSH, "MacRoman"),
                (encoding_rs::WINDOWS_1252, "Windows-1252"),
            ] {
                let (bytes, _, lossy) = encoding.encode(text);
                assert!(!lossy, "{text}");
                assert_eq!(
                    decode_text(&bytes),
                    (text.to_string(), Some(name)),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn blank_lines_are_empty_rows_as_a_spreadsheet_shows_them() {
        let rows = |text: &str| csv_rows(text, b',', |_, _, _| Ok(())).ok().unwrap();
        let expected = vec![vec!["a".to_string()], vec![], vec![], vec!["b".to_string()]];
        assert_eq!(rows("a\n\n\nb\n"), expected);
        assert_eq!(rows("a\r\n\r\n\r\nb\r\n"), expected);
        assert_eq!(rows("\na,\"x\n\ny\"\nb")[1], vec!["a", "x\n\ny"]);
        assert_eq!(rows("\na,\"x\n\ny\"\nb")[2], vec!["b"]);
    }

    #[test]
    fn finds_the_separator_by_the_column_names() {
        let semicolon = "checklist;wi-sro-best-practices\n\nid;section;title;status\n\
                         a;b;\"Plan, review, sign\";met\n";
        assert_eq!(sniff_delimiter(semicolon), b';');
        let tab = "checklist\twi\nid\tStatus\tnote\n";
        assert_eq!(sniff_delimiter(tab), b'\t');
        let comma = "checklist,wi\nid,status,note\nx,met,\"a; b; c; d\"\n";
        assert_eq!(sniff_delimiter(comma), b',');
        assert_eq!(sniff_delimiter("no sheet here"), b',');
    }

    #[test]
    fn converts_serial_days_to_dates() {
        assert_eq!(serial_date(25_569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(serial_date(46_203.0).as_deref(), Some("2026-06-30"));
        assert_eq!(serial_date(f64::NAN), None);
    }
}
