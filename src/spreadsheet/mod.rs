//! The spreadsheet round trip: the answers template as an XLSX or CSV sheet (one row per item),
//! and a filled sheet read back into an answers file.
//!
//! Layout, the same in every format so one reader serves all: `key | value` rows for the
//! header fields, a blank row, a header row naming the columns, then one row per item. The
//! reader finds the fields and columns by name wherever they are.

use std::path::Path;

use crate::error::{Diagnostic, Error, Result};
use crate::load;

pub mod bounds;
pub mod csv_cell;
mod import;
mod read;
mod write;

pub use import::{CellError, checklist_reference, import_grid, unused_cells};
pub use read::{SpreadsheetKind, read_grid};
pub use write::{template_csv, template_grid, template_xlsx, unwritable_template, xlsx_from_grid};

/// The header fields, in the order the template writes them (fields added later go last, so
/// the rows of older sheets keep their places).
pub const META_KEYS: [&str; 11] = [
    "checklist",
    "checklist_version",
    "profile",
    "district",
    "label",
    "date",
    "prepared_by",
    "district_id",
    "annual_cost",
    "one_time_cost",
    "staff_fte",
];

/// The header fields that go into the answers file's `option:` block (a planning option).
pub const OPTION_KEYS: [&str; 3] = ["annual_cost", "one_time_cost", "staff_fte"];

/// What each optional header field is for, written in column C of the template.
pub const META_NOTES: [(&str, &str); 4] = [
    (
        "district_id",
        "Optional: the state or NCES district code, so files of one district are joined",
    ),
    (
        "annual_cost",
        "Planning options only: the cost per year in dollars (digits, e.g. 98000)",
    ),
    (
        "one_time_cost",
        "Planning options only: start-up cost paid once (hiring, equipment, training)",
    ),
    (
        "staff_fte",
        "Planning options only: staff in full-time equivalents (e.g. 1.5)",
    ),
];

/// The item columns, in the order the template writes them.
pub const COLUMNS: [&str; 12] = [
    "id",
    "section",
    "title",
    "priority",
    "guidance",
    "look_for",
    "status",
    "evidence",
    "note",
    "internal_note",
    "owner",
    "due",
];

/// The name of the answers sheet in a workbook.
pub const SHEET: &str = "Answers";

/// A sheet read into text cells, rows and columns from 0 (A1 is `rows[0][0]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// The sheet's name (the file's stem for CSV, as spreadsheet programs show it).
    pub sheet: String,
    /// The cells as text; short rows mean empty cells.
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The text of a cell, empty when absent.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.trim())
    }

    /// Sets a cell, growing the grid as needed.
    pub fn set(&mut self, row: usize, col: usize, text: &str) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text.to_string();
    }
}

/// A cell reference as spreadsheets write it: row 13, column 2 → `C14`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Reads a filled sheet and turns it into answers YAML text; bad cells are listed as
/// `Sheet!G14: message` (the `import` command prints them as `file:Sheet!G14: ...`).
pub fn import_file(path: &Path, kind: SpreadsheetKind) -> Result<String> {
    import_file_and_grid(path, kind).map(|(text, _)| text)
}

/// Like [`import_file`], with the sheet as read, for [`unused_cell_warnings`].
pub fn import_file_and_grid(path: &Path, kind: SpreadsheetKind) -> Result<(String, Grid)> {
    let (grid, imported) = import_grid_cells(path, kind)?;
    let text = imported.map_err(|errors| cell_errors(path, &errors))?;
    Ok((text, grid))
}

/// Cells of a filled sheet that the import does not read, as warnings naming each cell
/// (`Answers!C9`), so that nothing typed into the sheet is dropped without a word.
pub fn unused_cell_warnings(grid: &Grid, checklist: &crate::model::Checklist) -> Vec<Diagnostic> {
    unused_cells(grid, checklist)
        .into_iter()
        .map(|e| {
            let d = Diagnostic::warning(None, e.message).at_cell(format!("{}!{}", e.sheet, e.cell));
            match e.hint {
                Some(hint) => d.with_hint(hint),
                None => d,
            }
        })
        .collect()
}

/// Like [`import_file`], with the bad cells kept apart so the caller can print them itself.
pub fn import_cells(
    path: &Path,
    kind: SpreadsheetKind,
) -> Result<std::result::Result<String, Vec<CellError>>> {
    import_grid_cells(path, kind).map(|(_, imported)| imported)
}

type Imported = std::result::Result<String, Vec<CellError>>;

fn import_grid_cells(path: &Path, kind: SpreadsheetKind) -> Result<(Grid, Imported)> {
    let grid = read_grid(path, kind)?;
    let imported = import_read_grid(path, &grid)?;
    Ok((grid, imported))
}

fn import_read_grid(path: &Path, grid: &Grid) -> Result<Imported> {
    let found = checklist_reference(grid);
    if let Some((_, cell)) = found.as_ref().filter(|(r, _)| r.is_empty()) {
        return Ok(Err(vec![CellError {
            sheet: grid.sheet.clone(),
            cell: cell.clone(),
            message: "`checklist` is empty: the sheet does not say which checklist it answers"
                .into(),
            hint: Some(format!(
                "write the checklist id (as `init` wrote it, e.g. wi-sro-best-practices) in \
                 {cell}; deleting a column deletes the header values in it too: undo the \
                 deletion or type them again"
            )),
        }]));
    }
    let Some((reference, cell)) = found else {
        return Ok(Err(vec![CellError {
            sheet: grid.sheet.clone(),
            cell: "A1".into(),
            message: "the sheet does not say which checklist it answers".into(),
            hint: Some(
                "keep the template's `checklist` row: `checklist` in one cell, the checklist id \
                 in the cell to its right"
                    .into(),
            ),
        }]));
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let loaded = match load::resolve_checklist(&reference, base) {
        Ok(loaded) => loaded,
        Err(Error::UnknownChecklist { id, suggestion }) => {
            return Ok(Err(vec![CellError {
                sheet: grid.sheet.clone(),
                cell,
                message: format!("unknown checklist `{id}`"),
                hint: suggestion.map(|s| format!("the nearest valid value is `{s}`")),
            }]));
        }
        Err(other) => return Err(other),
    };
    Ok(import_grid(grid, &loaded.checklist))
}

fn cell_errors(path: &Path, errors: &[CellError]) -> Error {
    let diagnostics = errors
        .iter()
        .map(|e| {
            let d = Diagnostic::error(None, e.message.clone())
                .at_cell(format!("{}!{}", e.sheet, e.cell));
            match &e.hint {
                Some(hint) => d.with_hint(hint),
                None => d,
            }
        })
        .collect();
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics,
    }
}

/// The kind of answers file a path names, by its extension.
pub fn kind_of(path: &Path) -> Option<SpreadsheetKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Some(SpreadsheetKind::Xlsx),
        "ods" => Some(SpreadsheetKind::Ods),
        "xls" => Some(SpreadsheetKind::Xls),
        "csv" | "tsv" => Some(SpreadsheetKind::Csv),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_like_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 2), "C14");
        assert_eq!(cell_name(0, 26), "AA1");
    }
}
