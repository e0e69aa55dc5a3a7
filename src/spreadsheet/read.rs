//! Reading a filled sheet into a [`Grid`]: XLSX through calamine, CSV through the csv crate.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Xlsx};

use super::bounds::{
    MAX_CELLS, MAX_COLUMNS, MAX_ROWS, SHEET_HINT, check_workbook_parts, refuse, thousands,
};
use super::csv_cell::restore;
use super::{Grid, SHEET, cell_name};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{MAX_INPUT_BYTES, read_input};
use crate::model::Date;

/// The spreadsheet formats read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpreadsheetKind {
    /// Office Open XML workbook.
    Xlsx,
    /// Comma-separated values.
    Csv,
}

/// Reads the answers sheet of a workbook (the sheet named `Answers`, else the first one), or a
/// CSV file, as text cells.
pub fn read_grid(path: &Path, kind: SpreadsheetKind) -> Result<Grid> {
    match kind {
        SpreadsheetKind::Csv => read_csv(path),
        SpreadsheetKind::Xlsx => read_xlsx(path),
    }
}

fn invalid(path: &Path, message: String, hint: &str) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    }
}

fn read_csv(path: &Path) -> Result<Grid> {
    let text = read_input(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let sheet = path
        .file_stem()
        .map_or_else(|| "sheet".into(), |s| s.to_string_lossy().into_owned());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|err| {
            invalid(
                path,
                format!("the CSV file cannot be read: {err}"),
                "save the sheet again as CSV (UTF-8, comma-separated)",
            )
        })?;
        if !more {
            break;
        }
        cells += record.len();
        check_extent(path, &sheet, rows.len(), record.len(), cells)?;
        rows.push(
            record
                .iter()
                .map(|cell| restore(cell).to_string())
                .collect(),
        );
    }
    Ok(Grid { sheet, rows })
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

fn read_xlsx(path: &Path) -> Result<Grid> {
    let bytes = read_workbook_bytes(path)?;
    // So that no output of this command replaces it.
    crate::fsio::note_input(path);
    check_workbook_parts(path, &bytes)?;
    let hint = "save it again from the spreadsheet program as an Excel workbook (.xlsx)";
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|err| {
        invalid(
            path,
            format!("the file is not a readable XLSX workbook: {err}"),
            hint,
        )
    })?;
    let names = workbook.sheet_names();
    let Some(sheet) = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or_else(|| names.first())
        .cloned()
    else {
        return Err(invalid(path, "the workbook has no sheets".into(), hint));
    };
    let unreadable = |err: calamine::XlsxError| {
        invalid(
            path,
            format!("the sheet `{sheet}` cannot be read: {err}"),
            hint,
        )
    };
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(unreadable)?;
    check_used_range(path, &sheet, cells.dimensions())?;
    let mut grid = Grid {
        sheet: sheet.clone(),
        rows: Vec::new(),
    };
    let mut count = 0usize;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        count += 1;
        if count > MAX_CELLS {
            return Err(too_many_cells(path, &sheet));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(beyond_bounds(path, &sheet, &cell_name(row, col)));
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
        limit: MAX_INPUT_BYTES,
    };
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
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
    fn converts_serial_days_to_dates() {
        assert_eq!(serial_date(25_569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(serial_date(46_203.0).as_deref(), Some("2026-06-30"));
        assert_eq!(serial_date(f64::NAN), None);
    }
}
