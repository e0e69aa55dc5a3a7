//! A filled sheet to raw answers: each header field and answer as typed, with the cell it
//! came from. What only a sheet can get wrong (no header row, an item in two rows, a cost in
//! words) is found here; the loader checks the rest as it checks an answers file, and names
//! the cells.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{
    CARRIED_COLUMN, COLUMNS, Grid, HEADERS, META_KEYS, META_NOTES, OPTION_KEYS, cell_name,
    column_key, field_key, field_name_of, header_of,
};
// The answer columns an item row may fill are an answer's keys, in the answers file's order.
use crate::model::ANSWER_KEYS as ANSWER_COLUMNS;
use crate::model::Checklist;
use crate::template::yaml_text;

/// A cell of a sheet, row and column from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellAt {
    /// The row, from 0 (row 1 is 0).
    pub row: usize,
    /// The column, from 0 (column A is 0).
    pub col: usize,
}

impl CellAt {
    /// The cell as spreadsheets name it: `G14`.
    pub fn name(self) -> String {
        cell_name(self.row, self.col)
    }
}

/// A problem in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The cell.
    pub at: CellAt,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// A value as typed in a cell, with the field or column it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetValue {
    /// The field or column, by its code name (`district`, `status`).
    pub key: &'static str,
    /// The text, trimmed.
    pub text: String,
    /// Its cell.
    pub at: CellAt,
}

/// A header field row: its name's cell and its value (empty when the cell is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetField {
    /// The value, in the cell right of the name.
    pub value: SheetValue,
    /// The cell of the field's name.
    pub name_at: CellAt,
}

/// A row that answers an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetItem {
    /// The item id as typed.
    pub id: String,
    /// Its cell.
    pub id_at: CellAt,
    /// The filled answer cells (status, evidence, note, ...), left to right.
    pub values: Vec<SheetValue>,
}

/// A column the header row names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetColumn {
    /// Its code name when it is a column the import knows, else its name as [`column_name`]
    /// writes it.
    pub key: String,
    /// Its header as written.
    pub header: String,
    /// Its index.
    pub col: usize,
}

/// A filled sheet as raw answers: what each cell says, before any check against the
/// checklist.
#[derive(Debug, Clone, Default)]
pub struct SheetAnswers {
    /// The sheet as read (for the cells the import does not read).
    pub grid: Grid,
    /// The header fields found, in the order of [`META_KEYS`]; option figures not among them.
    pub fields: Vec<SheetField>,
    /// The planning figures (`annual_cost`, ...), read as numbers.
    pub option: Vec<(&'static str, f64, CellAt)>,
    /// The rows that answer an item, in sheet order.
    pub items: Vec<SheetItem>,
    /// The columns of the header row.
    pub columns: Vec<SheetColumn>,
    /// The header row, when there is one.
    pub header_row: Option<usize>,
    /// What is wrong in the sheet's layout or in a cell only a sheet has.
    pub problems: Vec<CellError>,
}

impl SheetAnswers {
    /// A column of the header row, by its code name.
    pub fn column(&self, key: &str) -> Option<&SheetColumn> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// A header field, by its code name.
    pub fn field(&self, key: &str) -> Option<&SheetField> {
        self.fields.iter().find(|f| f.value.key == key)
    }

    /// How a column is named in hints: its header as written, else the template's, without
    /// the words in parentheses (`Note`).
    pub fn column_header(&self, key: &str) -> String {
        let header = self
            .column(key)
            .map_or(header_of(key), |c| c.header.as_str());
        super::without_parentheses(header).trim().to_string()
    }
}

/// Where things are in a sheet, found by name (ignoring case and spacing) wherever they are:
/// a committee inserts columns, deletes the ones it does not use and sorts rows, header
/// row included.
pub(super) struct Layout {
    /// The row of column names (`id`, `status`, ...).
    pub(super) header_row: usize,
    /// Each named column: its name as [`column_name`] writes it, and its index.
    pub(super) columns: Vec<(String, usize)>,
    /// Each header field row: the field, its row and the column of its name (the value is in
    /// the next column).
    pub(super) fields: Vec<(&'static str, usize, usize)>,
}

/// Why a sheet has no layout.
pub(super) enum NoLayout {
    /// No row names both an `id` and a `status` column.
    NoHeaderRow,
    /// A row names `id` (this row) but no `status` column.
    NoStatusColumn(usize),
}

/// A column or field name as written in a sheet, compared without case or spacing: ` Item
/// ID ` and `item-id` are `item_id`, `ID` is `id`.
pub(super) fn column_name(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// The header field a row names: its leftmost filled cell is a field name.
fn field_of_row(grid: &Grid, row: usize) -> Option<(&'static str, usize)> {
    let cells = grid.rows.get(row)?;
    let col = (0..cells.len()).find(|&c| !grid.cell(row, c).is_empty())?;
    field_key(grid.cell(row, col)).map(|key| (key, col))
}

/// The names of a row's filled cells: a known column's code name, else the text as
/// [`column_name`] writes it.
fn names_in_row(grid: &Grid, row: usize) -> Vec<(String, usize)> {
    grid.rows[row]
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let key = column_key(name).map_or_else(|| column_name(name), str::to_string);
            (key, c)
        })
        .filter(|(name, _)| !name.is_empty())
        .collect()
}

/// Whether a column name is one the import reads.
fn is_known_column(name: &str) -> bool {
    COLUMNS.contains(&name) || name == CARRIED_COLUMN.0
}

impl Layout {
    /// The layout of `grid`: the header row is the row naming the most template columns
    /// among those that name both `id` and `status`.
    pub(super) fn find(grid: &Grid) -> Result<Self, NoLayout> {
        let mut best: Option<(usize, usize)> = None;
        let mut id_only = None;
        for row in 0..grid.rows.len() {
            let names = names_in_row(grid, row);
            let has = |n: &str| names.iter().any(|(name, _)| name == n);
            if !has("id") {
                continue;
            }
            if !has("status") {
                id_only.get_or_insert(row);
                continue;
            }
            let known = names.iter().filter(|(n, _)| is_known_column(n)).count();
            if best.is_none_or(|(_, most)| known > most) {
                best = Some((row, known));
            }
        }
        let Some((header_row, _)) = best else {
            return Err(id_only.map_or(NoLayout::NoHeaderRow, NoLayout::NoStatusColumn));
        };
        let fields = (0..grid.rows.len())
            .filter(|&r| r != header_row)
            .filter_map(|r| field_of_row(grid, r).map(|(key, col)| (key, r, col)))
            .collect();
        Ok(Layout {
            header_row,
            columns: names_in_row(grid, header_row),
            fields,
        })
    }

    pub(super) fn col(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, c)| c)
    }

    fn is_field_row(&self, row: usize) -> bool {
        self.fields.iter().any(|&(_, r, _)| r == row)
    }

    /// The rows that may hold items: all but the header row and the field rows, above the
    /// header row too (a sort that took the header row along leaves items above it).
    pub(super) fn item_rows(&self, grid: &Grid) -> Vec<usize> {
        (0..grid.rows.len())
            .filter(|&r| r != self.header_row && !self.is_field_row(r))
            .collect()
    }
}

/// Reads a sheet as raw answers. Nothing is checked against a checklist here: the loader does
/// that, as for an answers file.
pub fn sheet_answers(grid: Grid) -> SheetAnswers {
    let mut sheet = SheetAnswers::default();
    match Layout::find(&grid) {
        Ok(layout) => read_layout(&grid, &layout, &mut sheet),
        Err(NoLayout::NoHeaderRow) => sheet.problems.push(CellError {
            at: CellAt { row: 0, col: 0 },
            message: "no header row: no row names both an item ID and a status column".into(),
            hint: Some(format!(
                "keep the template's header row: {}",
                HEADERS.join(", ")
            )),
        }),
        Err(NoLayout::NoStatusColumn(row)) => sheet.problems.push(CellError {
            at: CellAt {
                row,
                col: grid.rows[row].len(),
            },
            message: "the header row has no Status column".into(),
            hint: Some("keep the template's columns; add the Status column back".into()),
        }),
    }
    if sheet.header_row.is_none() {
        // The fields are still read, so the loader can name the checklist.
        read_fields(&grid, &mut sheet);
    }
    sheet.grid = grid;
    sheet
}

fn read_layout(grid: &Grid, layout: &Layout, sheet: &mut SheetAnswers) {
    sheet.header_row = Some(layout.header_row);
    sheet.columns = layout
        .columns
        .iter()
        .map(|(key, col)| SheetColumn {
            key: key.clone(),
            header: grid.cell(layout.header_row, *col).to_string(),
            col: *col,
        })
        .collect();
    // A column the import reads, named twice: reading one would drop the other's values.
    for (i, (key, col)) in layout.columns.iter().enumerate() {
        if !is_known_column(key) {
            continue;
        }
        if let Some((_, first)) = layout.columns[..i].iter().find(|(k, _)| k == key) {
            let row = layout.header_row;
            let first = CellAt { row, col: *first };
            let second = CellAt { row, col: *col };
            sheet.problems.push(CellError {
                at: second,
                message: format!(
                    "the header row has two `{}` columns, {} and {}",
                    grid.cell(row, second.col),
                    first.name(),
                    second.name()
                ),
                hint: Some(
                    "keep one column of each name: move the values into one and delete or \
                     rename the other"
                        .into(),
                ),
            });
        }
    }
    read_fields(grid, sheet);
    sheet.fields.retain(|f| f.name_at.row != layout.header_row);
    let id_col = layout.col("id").unwrap_or(0);
    let columns: Vec<(&'static str, usize)> = ANSWER_COLUMNS
        .iter()
        .filter_map(|key| layout.col(key).map(|c| (*key, c)))
        .collect();
    // The first row of each item, by its id compared without case.
    let mut first: HashMap<String, CellAt> = HashMap::new();
    for row in layout.item_rows(grid) {
        let values: Vec<SheetValue> = columns
            .iter()
            .map(|&(key, col)| SheetValue {
                key,
                text: grid.cell(row, col).to_string(),
                at: CellAt { row, col },
            })
            .filter(|v| !v.text.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let id_at = CellAt { row, col: id_col };
        let id = grid.cell(row, id_col).to_string();
        if id.is_empty() {
            sheet.problems.push(CellError {
                at: id_at,
                message: format!("row {} is answered but has no item ID", row + 1),
                hint: Some(format!(
                    "copy the item's ID into {} from the template",
                    id_at.name()
                )),
            });
            continue;
        }
        if let Some(earlier) = first.get(&id.to_lowercase()) {
            sheet.problems.push(CellError {
                at: id_at,
                message: format!(
                    "the item `{id}` is answered twice (first in {})",
                    earlier.name()
                ),
                hint: Some(format!(
                    "keep one of rows {} and {} and delete the other; otherwise one answer would \
                     be lost",
                    earlier.row + 1,
                    row + 1
                )),
            });
            continue;
        }
        first.insert(id.to_lowercase(), id_at);
        sheet.items.push(SheetItem { id, id_at, values });
    }
}

/// The header fields, wherever their rows are; the planning figures read as numbers.
fn read_fields(grid: &Grid, sheet: &mut SheetAnswers) {
    let mut rows: Vec<(&'static str, usize, usize)> = (0..grid.rows.len())
        .filter_map(|r| field_of_row(grid, r).map(|(key, col)| (key, r, col)))
        .collect();
    // In the order of the template's fields; of a field written twice, the first row counts.
    rows.sort_by_key(|&(key, row, _)| (META_KEYS.iter().position(|k| *k == key), row));
    repeated_fields(grid, &rows, sheet);
    rows.dedup_by_key(|(key, _, _)| *key);
    for (key, row, col) in rows {
        let at = CellAt { row, col: col + 1 };
        let mut text = grid.cell(row, col + 1).to_string();
        // A deleted column moves the template's note into the value's place: the value is
        // then missing, not the note.
        if is_template_note(key, &text) {
            text.clear();
        }
        if OPTION_KEYS.contains(&key) {
            if !text.is_empty() {
                match option_figure(&text) {
                    Some(figure) => sheet.option.push((key, figure, at)),
                    None => sheet.problems.push(CellError {
                        at,
                        message: format!(
                            "{} should be a number of zero or more, but it is `{text}`",
                            field_name_of(key)
                        ),
                        hint: Some(format!(
                            "write the amount in digits in {}, e.g. {}",
                            at.name(),
                            example_figure(key)
                        )),
                    }),
                }
            }
            continue;
        }
        sheet.fields.push(SheetField {
            value: SheetValue { key, text, at },
            name_at: CellAt { row, col },
        });
    }
}

/// A field given twice with two values: one of them would be lost, so it is an error at the
/// later one. The same value twice loses nothing.
fn repeated_fields(grid: &Grid, rows: &[(&'static str, usize, usize)], sheet: &mut SheetAnswers) {
    let mut first: HashMap<&str, CellAt> = HashMap::new();
    for &(key, row, col) in rows {
        let at = CellAt { row, col: col + 1 };
        let Some(&first_at) = first.get(key) else {
            first.insert(key, at);
            continue;
        };
        let (counted, again) = (
            grid.cell(first_at.row, first_at.col),
            grid.cell(row, col + 1),
        );
        if again.is_empty() || again == counted {
            continue;
        }
        sheet.problems.push(CellError {
            at,
            message: format!(
                "{} is given twice: `{counted}` in {} and `{again}` in {}",
                field_name_of(key),
                first_at.name(),
                at.name()
            ),
            hint: Some(format!(
                "keep one of rows {} and {} and delete the other",
                first_at.row + 1,
                row + 1
            )),
        });
    }
}

/// Whether `text` is the note the template writes beside a field.
fn is_template_note(key: &str, text: &str) -> bool {
    META_NOTES
        .iter()
        .any(|(k, note)| *k == key && *note == text)
}

/// A cost or staffing figure: digits, with the `$` and thousands commas a spreadsheet user is
/// likely to type accepted.
fn option_figure(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | ' '))
        .collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
}

fn example_figure(key: &str) -> &'static str {
    match key {
        "staff_fte" => "1.5",
        "one_time_cost" => "15000",
        _ => "98000",
    }
}

/// The sheet's answers as an answers file (YAML), every value as typed but for the item ids
/// and statuses, written as the checklist names them when `canonical_id` and `status_value`
/// know them (a sheet says `In place`, an answers file `met`). `source_hash` names the sheet
/// the text came from.
pub fn answers_yaml(
    sheet: &SheetAnswers,
    canonical_id: impl Fn(&str) -> Option<String>,
    status_value: impl Fn(&str) -> Option<String>,
    source_hash: &str,
) -> String {
    let mut out =
        format!("# Imported by sro-assess import from a spreadsheet (SHA-256 {source_hash}...).\n");
    for field in &sheet.fields {
        let SheetValue { key, text, .. } = &field.value;
        if !text.is_empty() {
            let _ = writeln!(out, "{key}: {}", yaml_text(text));
        }
    }
    if !sheet.option.is_empty() {
        out.push_str("option:\n");
        for (key, figure, _) in &sheet.option {
            let _ = writeln!(out, "  {key}: {figure}");
        }
    }
    out.push_str("answers:\n");
    for item in &sheet.items {
        let id = canonical_id(&item.id).unwrap_or_else(|| item.id.clone());
        let _ = writeln!(out, "  {}:", yaml_text(&id));
        for SheetValue { key, text, .. } in &item.values {
            let text = match *key {
                "status" => status_value(text).unwrap_or_else(|| text.clone()),
                _ => text.clone(),
            };
            let _ = writeln!(out, "    {key}: {}", yaml_text(&text));
        }
    }
    out
}

/// Every filled cell the import does not read: text beside the header fields, columns it
/// does not know, cells past the named columns, and rows that are neither a header field nor
/// an item (a total line, a remark). Template text (titles, guidance) is not reported.
pub fn unused_cells(grid: &Grid, checklist: &Checklist) -> Vec<CellError> {
    let mut unused = Vec::new();
    let mut note = |row: usize, col: usize, message: String, hint: String| {
        unused.push((row, col, message, hint));
    };
    if let Some(encoding) = grid.encoding {
        note(
            0,
            0,
            format!("the CSV file is not UTF-8 text; it was read as {encoding}"),
            "check that accented letters, dashes and quotes read as typed; if not, save the \
             sheet again as CSV UTF-8"
                .into(),
        );
    }
    for (row, col, formula) in &grid.formulas_without_values {
        note(
            *row,
            *col,
            format!(
                "the cell holds the formula `={formula}` with no saved value, so it reads as \
                 empty"
            ),
            "open the file in a spreadsheet program and save it again (the program saves each \
             formula's value), or type the value itself in the cell"
                .into(),
        );
    }
    // Without a layout the import fails, and says why.
    let Ok(layout) = Layout::find(grid) else {
        return unused
            .into_iter()
            .map(|(row, col, message, hint)| CellError {
                at: CellAt { row, col },
                message,
                hint: Some(hint),
            })
            .collect();
    };
    let filled_cols = |r: usize| -> Vec<usize> {
        (0..grid.rows[r].len())
            .filter(|&c| !grid.cell(r, c).is_empty())
            .collect()
    };
    for &(key, r, key_col) in &layout.fields {
        for c in filled_cols(r) {
            let text = grid.cell(r, c);
            let template_note = is_template_note(key, text);
            if c == key_col || c == key_col + 1 || (c == key_col + 2 && template_note) {
                continue;
            }
            note(
                r,
                c,
                format!(
                    "`{text}` beside the {} field is not imported",
                    field_name_of(key)
                ),
                "keep one value per field, in the cell right of its name".into(),
            );
        }
    }
    let header_row = layout.header_row;
    for &(ref name, c) in &layout.columns {
        if is_known_column(name) {
            continue;
        }
        let filled = layout
            .item_rows(grid)
            .into_iter()
            .filter(|&r| !grid.cell(r, c).is_empty())
            .count();
        note(
            header_row,
            c,
            format!(
                "the column `{}` is not one import reads; its {filled} filled {} not imported",
                grid.cell(header_row, c),
                if filled == 1 { "cell is" } else { "cells are" }
            ),
            format!("the columns are: {}", HEADERS.join(", ")),
        );
    }
    let answer_cols: Vec<usize> = ANSWER_COLUMNS
        .iter()
        .filter_map(|name| layout.col(name))
        .collect();
    let named_width = layout
        .columns
        .iter()
        .map(|&(_, c)| c + 1)
        .max()
        .unwrap_or(0);
    let id_col = layout.col("id").unwrap_or(0);
    for r in layout.item_rows(grid) {
        let filled = filled_cols(r);
        let Some(&first) = filled.first() else {
            continue;
        };
        let answered = answer_cols.iter().any(|&c| !grid.cell(r, c).is_empty());
        let id = grid.cell(r, id_col);
        // An answered row with an unknown id is an error already; a row that answers nothing
        // and is not an item (a total, a remark) would otherwise vanish.
        if !answered
            && !checklist
                .items()
                .any(|(_, i)| i.id.eq_ignore_ascii_case(id))
        {
            let text = grid.cell(r, first);
            // Above the header row such a row reads as a header field of the committee's own
            // (a cost); below it, as a line among the items (a total, a remark).
            let message = if r < header_row {
                format!("the row `{text}` is not a field import reads; the row is not imported")
            } else {
                format!(
                    "row {} is not an item of the checklist (`{text}`); it is not imported",
                    r + 1
                )
            };
            note(
                r,
                first,
                message,
                format!(
                    "the header fields are: {}; put costs and staffing in the Annual cost, \
                     One-time cost and Staff FTE fields and remarks in an item's note",
                    super::FIELD_NAMES.join(", ")
                ),
            );
            continue;
        }
        for c in filled.into_iter().filter(|&c| c >= named_width) {
            note(
                r,
                c,
                format!(
                    "`{}` is in a column with no name; it is not imported",
                    grid.cell(r, c)
                ),
                "write it in the Note or Evidence column of its item".into(),
            );
        }
    }
    // In reading order, as the sheet shows them.
    unused.sort_by_key(|&(row, col, _, _)| (row, col));
    unused
        .into_iter()
        .map(|(row, col, message, hint)| CellError {
            at: CellAt { row, col },
            message,
            hint: Some(hint),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;
    use crate::load::{self, AnswersDocument};
    use crate::model::Date;

    #[test]
    fn every_answer_key_is_a_column_the_sheet_can_have() {
        // A consensus file's marks are only ever YAML: `consensus --answers-out` writes them.
        let consensus_only = [
            crate::model::AnswerField::Unsettled.key(),
            crate::model::AnswerField::Ratings.key(),
        ];
        for key in ANSWER_COLUMNS {
            assert!(
                COLUMNS.contains(&key) || key == CARRIED_COLUMN.0 || consensus_only.contains(&key),
                "{key}"
            );
        }
    }

    fn checklist() -> Checklist {
        static LOADED: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
        LOADED
            .get_or_init(|| {
                load::bundled_checklist("wi-sro-best-practices")
                    .unwrap()
                    .unwrap()
                    .checklist
            })
            .clone()
    }

    /// What cells of a sheet hold, good and bad.
    const WORDS: [&str; 26] = [
        "",
        "Checklist",
        "wi-sro-best-practices",
        "Profile",
        "existing-program",
        "District",
        "Example",
        "Date",
        "2026-03-15",
        "3/15/2026",
        "Item ID",
        "Status",
        "Note",
        "In place",
        "na",
        "mett",
        "governance.written-mou",
        "GOVERNANCE.MOU-GOALS",
        "Annual cost",
        "$98,000",
        "ninety",
        "Due date",
        "2026-02-30",
        "Look for",
        "Carried from",
        "x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        #[test]
        fn any_sheet_gives_answers_or_problems_at_cells_and_never_panics(
            cells in proptest::collection::vec(
                proptest::collection::vec(0..WORDS.len(), 0..8),
                0..24,
            )
        ) {
            let rows = cells
                .iter()
                .map(|r| r.iter().map(|&i| WORDS[i].to_string()).collect())
                .collect();
            let grid = Grid { sheet: "Answers".into(), rows, ..Grid::default() };
            let document = AnswersDocument::from_sheet(sheet_answers(grid));
            let found = match document.validate(&checklist()) {
                Ok((_, warnings)) => warnings,
                Err(found) => {
                    proptest::prop_assert!(found.iter().any(Diagnostic::is_error));
                    found
                }
            };
            for d in &found {
                proptest::prop_assert!(d.location.is_none(), "a line and column: {:?}", d);
                proptest::prop_assert!(!d.message.contains("line "), "{:?}", d);
            }
        }
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: "Answers".into(),
            one_of_several: false,
            encoding: None,
            formulas_without_values: Vec::new(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    fn cells(errors: &[CellError]) -> Vec<String> {
        errors.iter().map(|e| e.at.name()).collect()
    }

    /// Every problem the loader finds in a sheet, by cell.
    fn problems(rows: &[&[&str]]) -> Vec<Diagnostic> {
        let document = AnswersDocument::from_sheet(sheet_answers(grid(rows)));
        match document.validate(&checklist()) {
            Ok((_, warnings)) => warnings,
            Err(found) => found,
        }
    }

    fn answer<'s>(sheet: &'s SheetAnswers, id: &str) -> Vec<(&'static str, &'s str)> {
        let item = sheet.items.iter().find(|i| i.id == id).unwrap();
        item.values
            .iter()
            .map(|v| (v.key, v.text.as_str()))
            .collect()
    }

    #[test]
    fn every_cell_the_import_does_not_read_is_named() {
        let sheet = grid(&[
            &["checklist", "wi-sro-best-practices"],
            &["annual_cost", "98000", "our estimate"],
            &["vehicle cost", "4000"],
            &["", "stray"],
            &[],
            &["id", "section", "title", "status", "comments"],
            &["governance.written-mou", "", "", "met", "ask the chief"],
            &["Total", "", "", "", ""],
            &["governance.mou-goals", "", "", "", "", "past the columns"],
        ]);
        let unused = unused_cells(&sheet, &checklist());
        assert_eq!(cells(&unused), vec!["C2", "A3", "B4", "E6", "A8", "F9"]);
        assert!(
            unused[3]
                .message
                .contains("its 1 filled cell is not imported")
        );
    }

    #[test]
    fn an_untouched_template_reports_nothing() {
        let list = checklist();
        let profile = list.profile("considering-sro").unwrap();
        let header = crate::template::TemplateHeader {
            checklist_reference: "wi-sro-best-practices",
            district: "Example Area School District",
            label: "Option A",
            date: Date::parse("2026-03-15").unwrap(),
            prepared_by: None,
            rater: None,
            rater_group: None,
        };
        let template = super::super::template_grid(&list, profile, &header);
        assert!(unused_cells(&template, &list).is_empty());
        let sheet = sheet_answers(template);
        assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);
        assert!(sheet.items.is_empty());
        assert_eq!(sheet.column("internal_note").unwrap().col, 7);
    }

    const HEADER: [&[&str]; 4] = [
        &["checklist", "wi-sro-best-practices"],
        &["profile", "considering-sro"],
        &["district", "Example Area School District"],
        &["date", "2026-03-15"],
    ];

    #[test]
    fn reads_items_above_a_header_row_a_sort_moved_down() {
        // Sorted by id without "range contains column labels": the header row and the fields
        // end up among the items.
        let sheet = grid(&[
            &["checklist", "wi-sro-best-practices"],
            &["date", "2026-03-15"],
            &["district", "Example Area School District"],
            &["governance.mou-goals", "", "", "", "", "", "partial"],
            &["governance.written-mou", "", "", "", "", "", "met"],
            &[
                "id", "section", "title", "priority", "guidance", "look_for", "status",
            ],
            &["profile", "considering-sro"],
        ]);
        assert!(unused_cells(&sheet, &checklist()).is_empty());
        let sheet = sheet_answers(sheet);
        assert_eq!(
            answer(&sheet, "governance.mou-goals"),
            vec![("status", "partial")]
        );
        assert_eq!(
            answer(&sheet, "governance.written-mou"),
            vec![("status", "met")]
        );
        let profile = sheet.field("profile").unwrap();
        assert_eq!(profile.value.at.name(), "B7");
        assert!(sheet.problems.is_empty());
    }

    #[test]
    fn a_row_above_the_header_that_cannot_be_placed_is_an_error_at_its_cell() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["governance.no-such-item", "", "met"]);
        rows.push(&["id", "section", "status"]);
        rows.push(&["", "Governance", "met"]);
        let found = problems(&rows);
        let places: Vec<_> = found.iter().map(|d| d.cell.as_deref().unwrap()).collect();
        assert_eq!(places, vec!["A5", "A7"]);
        assert!(
            found[0]
                .message
                .contains("unknown item `governance.no-such-item`")
        );
        assert!(found.iter().all(|d| d.location.is_none()));
    }

    #[test]
    fn finds_columns_and_fields_by_name_wherever_they_are() {
        // A column inserted before A, no section column, `ID` and ` Status ` headers, the
        // fields written with capitals and spaces.
        let sheet = grid(&[
            &["", " Checklist ", "wi-sro-best-practices"],
            &["", "Profile", "considering-sro"],
            &["", "DISTRICT", "Example Area School District"],
            &["", "date", "2026-03-15"],
            &["", "Annual Cost", "$98,000"],
            &[],
            &["#", "ID", "Title", " Status ", "Internal Note"],
            &[
                "1",
                "governance.written-mou",
                "Written MOU",
                "met",
                "ask the chief",
            ],
        ]);
        let unused = unused_cells(&sheet, &checklist());
        assert_eq!(
            cells(&unused),
            vec!["A7"],
            "the `#` column is named as not read"
        );
        let sheet = sheet_answers(sheet);
        assert_eq!(sheet.field("checklist").unwrap().value.at.name(), "C1");
        assert_eq!(
            sheet.field("district").unwrap().value.text,
            "Example Area School District"
        );
        assert_eq!(
            sheet.option,
            vec![("annual_cost", 98000.0, CellAt { row: 4, col: 2 })]
        );
        assert_eq!(
            answer(&sheet, "governance.written-mou"),
            vec![("status", "met"), ("internal_note", "ask the chief")]
        );
    }

    #[test]
    fn plain_and_code_names_name_the_same_columns_and_fields() {
        for (header, key) in [
            ("Internal note (never published)", "internal_note"),
            ("internal_note", "internal_note"),
            ("INTERNAL NOTE", "internal_note"),
            ("Look for", "look_for"),
            ("look_for", "look_for"),
            ("Item ID", "id"),
            ("id", "id"),
            ("Practice", "title"),
            ("Due date", "due"),
            ("Note (printed in reports)", "note"),
            ("Carried from (clear once checked)", "carried_from"),
        ] {
            assert_eq!(super::super::column_key(header), Some(key), "{header}");
        }
        assert_eq!(super::super::column_key("Comments"), None);
        for (name, key) in [
            ("Checklist version", "checklist_version"),
            ("checklist_version", "checklist_version"),
            ("One-time cost", "one_time_cost"),
            ("Staff FTE", "staff_fte"),
            ("Prepared by", "prepared_by"),
            ("Rater", "rater"),
            ("Rater group", "rater_group"),
            ("rater_group", "rater_group"),
        ] {
            assert_eq!(super::super::field_key(name), Some(key), "{name}");
        }
    }

    #[test]
    fn an_item_answered_in_two_rows_is_an_error_at_the_second_naming_the_first() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["id", "status"]);
        rows.push(&["governance.written-mou", "met"]);
        rows.push(&["Governance.Written-MOU", "not_met"]);
        let sheet = sheet_answers(grid(&rows));
        assert_eq!(cells(&sheet.problems), vec!["A7"]);
        assert!(
            sheet.problems[0]
                .message
                .contains("answered twice (first in A6)"),
            "{:?}",
            sheet.problems
        );
    }

    #[test]
    fn a_field_given_twice_with_two_values_is_an_error_at_the_second() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["District", "Example Area School District"]);
        rows.push(&["District", "Other Area School District"]);
        rows.push(&["id", "status"]);
        let sheet = sheet_answers(grid(&rows));
        assert_eq!(cells(&sheet.problems), vec!["B6"]);
        assert_eq!(
            sheet.problems[0].message,
            "District is given twice: `Example Area School District` in B3 and `Other Area \
             School District` in B6"
        );
        // The first value counts; the same value again loses nothing and is no error.
        assert_eq!(
            sheet.field("district").unwrap().value.text,
            "Example Area School District"
        );
        rows.remove(5);
        assert!(sheet_answers(grid(&rows)).problems.is_empty());
    }

    #[test]
    fn a_header_row_without_status_is_named() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["id", "section", "state"]);
        let sheet = sheet_answers(grid(&rows));
        assert_eq!(cells(&sheet.problems), vec!["D5"]);
        assert_eq!(column_name("  Item -  ID "), "item_id");
    }

    #[test]
    fn costs_accept_dollar_signs_and_commas() {
        let sheet = sheet_answers(grid(&[
            &["checklist", "wi-sro-best-practices"],
            &["annual_cost", "$98,000"],
            &["one_time_cost", "12000"],
            &[],
            &["id", "status"],
        ]));
        let figures: Vec<_> = sheet.option.iter().map(|(k, n, _)| (*k, *n)).collect();
        assert_eq!(
            figures,
            vec![("annual_cost", 98000.0), ("one_time_cost", 12000.0)]
        );
        let bad = sheet_answers(grid(&[
            &["staff_fte", "one and a half"],
            &[],
            &["id", "status"],
        ]));
        assert_eq!(cells(&bad.problems), vec!["B1"]);
        assert!(
            bad.problems[0]
                .message
                .starts_with("Staff FTE should be a number")
        );
    }

    #[test]
    fn every_problem_of_a_sheet_names_its_cell_with_a_hint_for_the_sheet() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["id", "status", "note"]);
        rows.push(&["governance.written-mou", "Not applicable"]);
        rows.push(&["governance.mou-goals", "mett"]);
        rows.push(&["GOVERNANCE.MOU-SIGNED-BY-LEADERS", "", "a note"]);
        let found = problems(&rows);
        let rendered: Vec<String> = found.iter().map(|d| d.render("a.csv")).collect();
        let all = rendered.join("\n");
        assert!(
            all.contains(
                "a.csv: cell A6: warning: `governance.written-mou` is marked not applicable"
            ) && all.contains("hint: fill the note column in row 6 (C6) with the reason"),
            "{all}"
        );
        assert!(
            all.contains("a.csv: cell B7: error: unknown status `mett`")
                && all.contains("did you mean `Provided for in the plan`?"),
            "{all}"
        );
        assert!(
            all.contains("a.csv: cell A8: warning: read the item")
                && all.contains("hint: choose a status in B8"),
            "{all}"
        );
        assert!(!all.contains("line"), "no line of YAML is named: {all}");
        assert!(!all.contains("`note:`"), "no YAML hint: {all}");
    }

    #[test]
    fn a_missing_or_empty_field_names_its_cell_or_its_row() {
        let found = problems(&[
            &["checklist", "wi-sro-best-practices"],
            &["profile", "considering-sro"],
            &["district", ""],
            &[],
            &["id", "status"],
        ]);
        let rendered: Vec<String> = found.iter().map(|d| d.render("a.csv")).collect();
        let all = rendered.join("\n");
        assert!(
            all.contains("a.csv: cell B3: error: District is empty"),
            "{all}"
        );
        assert!(
            all.contains("a.csv: error: the sheet has no Date row"),
            "{all}"
        );
        assert!(
            all.contains("warning: there are no answers yet")
                && all.contains("choose a status in the status column"),
            "{all}"
        );
    }

    #[test]
    fn the_answers_file_keeps_every_value_with_statuses_and_ids_as_the_checklist_names_them() {
        let list = checklist();
        let sheet = sheet_answers(grid(&[
            &["Checklist", "wi-sro-best-practices"],
            &["Profile", "considering-sro"],
            &["District", "Example: Area"],
            &["Date", "2026-03-15"],
            &["Staff FTE", "1.5"],
            &[],
            &[
                "Item ID",
                "Status",
                "Evidence",
                "Internal note (never published)",
            ],
            &["Governance.Written-MOU", "In place", "Signed # 2025", ""],
            &["governance.mou-goals", "", "draft only", "ask J. Doe"],
        ]));
        let text = answers_yaml(
            &sheet,
            |id| {
                list.items()
                    .find(|(_, i)| i.id.eq_ignore_ascii_case(id))
                    .map(|(_, i)| i.id.clone())
            },
            |status| {
                load::resolve_status(status, &list)
                    .ok()
                    .map(|l| l.value.clone())
            },
            "0123456789ab",
        );
        assert!(
            text.starts_with("# Imported by sro-assess import"),
            "{text}"
        );
        assert!(text.contains("SHA-256 0123456789ab"), "{text}");
        assert!(text.contains("option:\n  staff_fte: 1.5\n"), "{text}");
        assert!(
            text.contains("  governance.written-mou:\n    status: met\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "  governance.mou-goals:\n    evidence: draft only\n    internal_note: ask J. Doe\n"
            ),
            "an answer without a status keeps what was typed: {text}"
        );
        let file = load::AnswersFile::from_text(&text, std::path::Path::new("a.yaml")).unwrap();
        let (answers, _) = file.validate(&list).unwrap();
        assert_eq!(answers.district, "Example: Area");
        // The row without a status stays an unanswered answer that keeps its text.
        assert_eq!(answers.answers.len(), 2);
        let kept = answers.answer("governance.mou-goals").unwrap();
        assert_eq!(kept.status(), None);
        assert_eq!(kept.evidence.as_deref(), Some("draft only"));
    }
}
