//! Reading a filled sheet into a [`Grid`]: XLSX through calamine, CSV through the csv crate.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::{Grid, SHEET};
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
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| {
            invalid(
                path,
                format!("the CSV file cannot be read: {err}"),
                "save the sheet again as CSV (UTF-8, comma-separated)",
            )
        })?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    let sheet = path
        .file_stem()
        .map_or_else(|| "sheet".into(), |s| s.to_string_lossy().into_owned());
    Ok(Grid { sheet, rows })
}

fn read_xlsx(path: &Path) -> Result<Grid> {
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
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    // So that no output of this command replaces it.
    crate::fsio::note_input(path);
    let hint = "save it again from the spreadsheet program as an Excel workbook (.xlsx)";
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).map_err(|err| {
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
    let range = workbook.worksheet_range(&sheet).map_err(|err| {
        invalid(
            path,
            format!("the sheet `{sheet}` cannot be read: {err}"),
            hint,
        )
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut grid = Grid {
        sheet,
        rows: Vec::new(),
    };
    for (r, row) in range.rows().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let text = cell_text(value);
            if !text.is_empty() {
                grid.set(top as usize + r, left as usize + c, &text);
            }
        }
    }
    Ok(grid)
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
