//! The spreadsheet round trip: the answers template as an XLSX or CSV sheet (one row per item),
//! and a filled sheet read back into an answers file.
//!
//! Layout, the same in every format so one reader serves all: `name | value` rows for the
//! header fields, a blank row, a header row naming the columns, then one row per item. The
//! reader finds the fields and columns by name (plain or code names) wherever they are, and
//! hands the loader raw answers that keep each value's cell, so every problem names a cell.

use std::path::Path;

use crate::error::Result;
use crate::model::AnswerField;

pub mod bounds;
pub mod csv_cell;
mod import;
mod read;
mod write;

pub use import::{
    CellAt, CellError, SheetAnswers, SheetItem, SheetValue, answers_yaml, sheet_answers,
    unused_cells,
};
pub use read::{SpreadsheetKind, grid_from_bytes, read_grid, read_grid_and_bytes};
pub use write::{
    prefill_carried, template_csv, template_grid, template_xlsx, unwritable_template,
    xlsx_from_grid,
};

/// The header fields, in the order the template writes them (fields added later go last, so
/// the rows of older sheets keep their places).
pub const META_KEYS: [&str; 13] = [
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
    "rater",
    "rater_group",
];

/// The header fields that go into the answers file's `option:` block (a planning option).
pub const OPTION_KEYS: [&str; 3] = ["annual_cost", "one_time_cost", "staff_fte"];

/// What each header field is for, written in column C of the template.
pub const META_NOTES: [(&str, &str); 11] = [
    (
        "checklist",
        "Do not change: the checklist these answers are for",
    ),
    (
        "checklist_version",
        "Do not change: the checklist's version when the sheet was made",
    ),
    (
        "profile",
        "Do not change: which of the checklist's items apply",
    ),
    (
        "label",
        "A name for this assessment in comparisons (2025-26 annual review, Option A)",
    ),
    ("date", "The day the committee completed it, as YYYY-MM-DD"),
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
    (
        "rater",
        "Optional: who rated, by name or role, when each committee member rates alone",
    ),
    (
        "rater_group",
        "Optional: the group the rater speaks for (district staff, law enforcement, family, \
         student, community, board)",
    ),
];

/// The columns only the template fills (the item as the checklist states it), by code name
/// and plain header; the answer's columns follow them.
const ITEM_COLUMNS: [(&str, &str); 6] = [
    ("id", "Item ID"),
    ("section", "Section"),
    ("title", "Practice"),
    ("priority", "Priority"),
    ("guidance", "Guidance"),
    ("look_for", "Look for"),
];

/// The answer fields a blank template has a column for, in the model's order.
const TEMPLATE_FIELDS: [AnswerField; template_field_count()] = {
    let mut fields = [AnswerField::Status; template_field_count()];
    let (mut i, mut n) = (0, 0);
    while i < AnswerField::ALL.len() {
        if !AnswerField::ALL[i].written_by_tool() {
            fields[n] = AnswerField::ALL[i];
            n += 1;
        }
        i += 1;
    }
    fields
};

const fn template_field_count() -> usize {
    let (mut i, mut n) = (0, 0);
    while i < AnswerField::ALL.len() {
        if !AnswerField::ALL[i].written_by_tool() {
            n += 1;
        }
        i += 1;
    }
    n
}

const COLUMN_COUNT: usize = ITEM_COLUMNS.len() + TEMPLATE_FIELDS.len();

/// The item columns, in the order the template writes them, by their code names (the names
/// of the answers file's keys; `id`, `section`, ... for the columns only the template fills).
pub const COLUMNS: [&str; COLUMN_COUNT] = item_columns(false);

/// The column headers the template writes, in plain words, in the order of [`COLUMNS`]. The
/// import reads a header written either way, and the words in parentheses are optional.
pub const HEADERS: [&str; COLUMN_COUNT] = item_columns(true);

/// The template's columns in the order it writes them, by code name: first the six a committee
/// fills in and reads at the table, which alone are printed (the item's id and practice, the
/// status, evidence, owner and due date), then the rest of the answer, then the rest of the item.
const ORDER: [&str; COLUMN_COUNT] = [
    "id",
    "title",
    "status",
    "evidence",
    "owner",
    "due",
    "note",
    "internal_note",
    "section",
    "priority",
    "guidance",
    "look_for",
];

/// How many of the template's first columns (of [`COLUMNS`]) it prints.
pub const PRINTED_COLUMNS: usize = 6;

/// The template's columns in [`ORDER`], by code name or plain header. Fails to compile when
/// [`ORDER`] names a column that is neither an item column nor a template field.
const fn item_columns(plain: bool) -> [&'static str; COLUMN_COUNT] {
    let mut out = [""; COLUMN_COUNT];
    let mut k = 0;
    while k < ORDER.len() {
        out[k] = column_named(ORDER[k], plain);
        k += 1;
    }
    out
}

/// An item column's or template field's code name or plain header, by its code name.
const fn column_named(key: &str, plain: bool) -> &'static str {
    let mut i = 0;
    while i < ITEM_COLUMNS.len() {
        if same(ITEM_COLUMNS[i].0, key) {
            return if plain {
                ITEM_COLUMNS[i].1
            } else {
                ITEM_COLUMNS[i].0
            };
        }
        i += 1;
    }
    let mut j = 0;
    while j < TEMPLATE_FIELDS.len() {
        let field = TEMPLATE_FIELDS[j];
        if same(field.key(), key) {
            return if plain {
                field.sheet_header()
            } else {
                field.key()
            };
        }
        j += 1;
    }
    panic!("ORDER names a column the template does not have")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The column `init --from` adds for answers copied from an earlier assessment, by its code
/// name and its plain header.
pub const CARRIED_COLUMN: (&str, &str) = (
    AnswerField::CarriedFrom.key(),
    AnswerField::CarriedFrom.sheet_header(),
);

/// The header fields as the template writes their names, in the order of [`META_KEYS`].
pub const FIELD_NAMES: [&str; 13] = [
    "Checklist",
    "Checklist version",
    "Profile",
    "District",
    "Label",
    "Date",
    "Prepared by",
    "District ID",
    "Annual cost",
    "One-time cost",
    "Staff FTE",
    "Rater",
    "Rater group",
];

/// The code name of the column a header names: its code name or its plain header, compared
/// without case, spacing or the words in parentheses (`Internal note (never published)`,
/// `internal_note` and `INTERNAL NOTE` all name `internal_note`).
pub fn column_key(header: &str) -> Option<&'static str> {
    let name = import::column_name(&without_parentheses(header));
    let plain = |text: &str| import::column_name(&without_parentheses(text));
    COLUMNS
        .iter()
        .zip(HEADERS)
        .chain([(&CARRIED_COLUMN.0, CARRIED_COLUMN.1)])
        .find(|(key, header)| **key == name || plain(header) == name)
        .map(|(key, _)| *key)
}

/// The header field a name in a sheet names: its code name or its plain name.
pub fn field_key(name: &str) -> Option<&'static str> {
    let name = import::column_name(&without_parentheses(name));
    META_KEYS
        .iter()
        .zip(FIELD_NAMES)
        .find(|(key, plain)| **key == name || import::column_name(plain) == name)
        .map(|(key, _)| *key)
}

/// The plain header of a column, by its code name.
pub fn header_of(key: &str) -> &'static str {
    COLUMNS
        .iter()
        .zip(HEADERS)
        .chain([(&CARRIED_COLUMN.0, CARRIED_COLUMN.1)])
        .find(|(k, _)| **k == key)
        .map_or("", |(_, header)| header)
}

/// The plain name of a header field, by its code name.
pub fn field_name_of(key: &str) -> &'static str {
    META_KEYS
        .iter()
        .zip(FIELD_NAMES)
        .find(|(k, _)| **k == key)
        .map_or("", |(_, name)| name)
}

/// `Note (printed in reports)` as `Note `.
pub(crate) fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The name of the answers sheet in a workbook.
pub const SHEET: &str = "Answers";

/// The name of the template's sheet of instructions, which the import does not read.
pub const INSTRUCTIONS_SHEET: &str = "Instructions";

/// The name of the template's sheet of each item's guidance, which the import does not read.
pub const GUIDANCE_SHEET: &str = "Guidance";

/// A sheet read into text cells, rows and columns from 0 (A1 is `rows[0][0]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// The sheet's name (the file's stem for CSV, as spreadsheet programs show it).
    pub sheet: String,
    /// Whether the file holds other sheets too, so that a cell is named with its sheet.
    pub one_of_several: bool,
    /// The cells as text; short rows mean empty cells.
    pub rows: Vec<Vec<String>>,
    /// The text encoding a CSV file was read in, when it is not UTF-8: named in a warning,
    /// since a wrong guess changes letters without a word.
    pub encoding: Option<&'static str>,
    /// Cells (row, column) that hold a formula with no saved value, and the formula: they
    /// read as empty, and a warning says why.
    pub formulas_without_values: Vec<(usize, usize, String)>,
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

    /// How a diagnostic names a cell of this sheet: `G14`, or `Answers!G14` when the file
    /// has other sheets.
    pub fn reference(&self, at: CellAt) -> String {
        if self.one_of_several {
            format!("{}!{}", self.sheet, at.name())
        } else {
            at.name()
        }
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

/// Reads a filled sheet into raw answers, each value with its cell, and the file's bytes (the
/// answers hash is of the file as given). The answers are checked by the loader, like an
/// answers file's.
pub fn read_answers(path: &Path, kind: SpreadsheetKind) -> Result<(SheetAnswers, Vec<u8>)> {
    let (grid, bytes) = read_grid_and_bytes(path, kind)?;
    Ok((sheet_answers(grid), bytes))
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
    fn the_template_writes_every_column_once() {
        let mut keys: Vec<&str> = ORDER.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            COLUMN_COUNT,
            "a column twice in ORDER: {ORDER:?}"
        );
        assert_eq!(
            &COLUMNS[..PRINTED_COLUMNS],
            ["id", "title", "status", "evidence", "owner", "due"]
        );
    }

    #[test]
    fn names_cells_like_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 2), "C14");
        assert_eq!(cell_name(0, 26), "AA1");
    }
}
