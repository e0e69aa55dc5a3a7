//! A filled sheet to answers YAML. Every bad cell is reported with its reference and the
//! nearest valid value; the YAML written is then checked by the ordinary loader.

use std::fmt::Write as _;

use super::{COLUMNS, Grid, META_KEYS, META_NOTES, OPTION_KEYS, cell_name};
use crate::load::{nearest, resolve_status};
use crate::model::{Checklist, Date};
use crate::template::yaml_text;

/// A problem in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The sheet's name.
    pub sheet: String,
    /// The cell, `G14`.
    pub cell: String,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: Option<String>,
}

impl CellError {
    /// `file:sheet!G14: error: message` and the hint on the next line.
    pub fn render(&self, file: &str) -> String {
        let mut out = format!(
            "{file}:{}!{}: error: {}",
            self.sheet, self.cell, self.message
        );
        if let Some(hint) = &self.hint {
            out.push_str("\n  hint: ");
            out.push_str(hint);
        }
        out
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
    let name = column_name(grid.cell(row, col));
    META_KEYS
        .iter()
        .find(|key| **key == name)
        .map(|key| (*key, col))
}

fn names_in_row(grid: &Grid, row: usize) -> Vec<(String, usize)> {
    grid.rows[row]
        .iter()
        .enumerate()
        .map(|(c, name)| (column_name(name), c))
        .filter(|(name, _)| !name.is_empty())
        .collect()
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
            let known = names
                .iter()
                .filter(|(n, _)| COLUMNS.contains(&n.as_str()))
                .count();
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

    /// The row and value column of a header field.
    fn field(&self, key: &str) -> Option<(usize, usize)> {
        self.fields
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|&(_, row, col)| (row, col + 1))
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

struct Importer<'a> {
    grid: &'a Grid,
    checklist: &'a Checklist,
    errors: Vec<CellError>,
    /// The row each item was first answered in.
    answered: std::collections::BTreeMap<&'a str, usize>,
}

/// The `checklist` header value of a sheet and its cell, so the caller can load the checklist
/// first. The field is found by name wherever it is.
pub fn checklist_reference(grid: &Grid) -> Option<(String, String)> {
    let (row, col) = (0..grid.rows.len())
        .filter_map(|r| field_of_row(grid, r).map(|(key, col)| (key, r, col)))
        .find(|(key, _, _)| *key == "checklist")
        .map(|(_, row, col)| (row, col + 1))?;
    Some((grid.cell(row, col).to_string(), cell_name(row, col)))
}

/// Turns a filled sheet into answers YAML, or every bad cell.
pub fn import_grid(grid: &Grid, checklist: &Checklist) -> Result<String, Vec<CellError>> {
    let mut importer = Importer {
        grid,
        checklist,
        errors: Vec::new(),
        answered: std::collections::BTreeMap::new(),
    };
    let text = importer.run();
    match text {
        Some(text) if importer.errors.is_empty() => Ok(text),
        _ => Err(importer.errors),
    }
}

impl Importer<'_> {
    fn error(&mut self, row: usize, col: usize, message: String, hint: Option<String>) {
        self.errors.push(CellError {
            sheet: self.grid.sheet.clone(),
            cell: cell_name(row, col),
            message,
            hint,
        });
    }

    fn run(&mut self) -> Option<String> {
        let layout = self.layout()?;
        let mut out = String::from("# Imported from a spreadsheet by sro-assess import.\n");
        self.header(&layout, &mut out);
        out.push_str("answers:\n");
        for row in layout.item_rows(self.grid) {
            self.item_row(&layout, row, &mut out);
        }
        Some(out)
    }

    fn layout(&mut self) -> Option<Layout> {
        match Layout::find(self.grid) {
            Ok(layout) => Some(layout),
            Err(NoLayout::NoHeaderRow) => {
                self.error(
                    0,
                    0,
                    "no header row: no row names both an `id` and a `status` column".into(),
                    Some(format!(
                        "keep the template's header row: {}",
                        COLUMNS.join(", ")
                    )),
                );
                None
            }
            Err(NoLayout::NoStatusColumn(row)) => {
                self.error(
                    row,
                    self.grid.rows[row].len(),
                    "the header row has no `status` column".into(),
                    Some("keep the template's columns; add `status` back".into()),
                );
                None
            }
        }
    }

    fn header(&mut self, layout: &Layout, out: &mut String) {
        let mut option = Vec::new();
        for key in META_KEYS {
            let place = layout.field(key);
            let value = place.map_or("", |(r, c)| self.grid.cell(r, c));
            if OPTION_KEYS.contains(&key) {
                if let (Some(place), false) = (place, value.is_empty()) {
                    option.extend(self.option_figure(key, place, value));
                }
                continue;
            }
            self.check_header(key, place, value, layout);
            if value.is_empty() && ["prepared_by", "district_id"].contains(&key) {
                continue;
            }
            let _ = writeln!(out, "{key}: {}", yaml_text(value));
        }
        if !option.is_empty() {
            let _ = writeln!(out, "option:");
            for (key, figure) in option {
                let _ = writeln!(out, "  {key}: {figure}");
            }
        }
    }

    /// A cost or staffing figure: digits, with the `$` and thousands commas a spreadsheet
    /// user is likely to type accepted.
    fn option_figure(
        &mut self,
        key: &'static str,
        (row, col): (usize, usize),
        text: &str,
    ) -> Option<(&'static str, f64)> {
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, '$' | ',' | ' '))
            .collect();
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Some((key, n)),
            _ => {
                self.error(
                    row,
                    col,
                    format!("`{key}` should be a number of zero or more, but it is `{text}`"),
                    Some(format!(
                        "write the amount in digits, e.g. {}",
                        example_figure(key)
                    )),
                );
                None
            }
        }
    }

    fn check_header(
        &mut self,
        key: &str,
        place: Option<(usize, usize)>,
        value: &str,
        layout: &Layout,
    ) {
        let required = ["checklist", "profile", "district", "date"].contains(&key);
        let (r, c) = place.unwrap_or((layout.header_row, 0));
        if value.is_empty() && required {
            let message = match place {
                Some(_) => format!("`{key}` is empty"),
                None => format!("the sheet has no `{key}` row"),
            };
            let hint = match place {
                Some(_) => format!(
                    "fill in its value in {}, right of `{key}`; deleting a column deletes the \
                     header values in it too: undo the deletion or type them again",
                    cell_name(r, c)
                ),
                None => format!(
                    "keep the template's `{key}` row and fill in its value in the cell right \
                     of `{key}`"
                ),
            };
            self.error(r, c, message, Some(hint));
            return;
        }
        if key == "date"
            && let Err(message) = Date::parse(value)
        {
            self.error(r, c, message, Some("write the date as YYYY-MM-DD".into()));
        }
        if key == "profile" && self.checklist.profile(value).is_none() {
            let ids: Vec<&str> = self
                .checklist
                .profiles
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            let hint = nearest(value, ids.iter().copied()).map_or_else(
                || format!("the profiles are: {}", ids.join(", ")),
                |b| format!("the nearest valid value is `{b}`"),
            );
            self.error(r, c, format!("unknown profile `{value}`"), Some(hint));
        }
    }

    fn item_row(&mut self, layout: &Layout, row: usize, out: &mut String) {
        let grid = self.grid;
        let id_col = layout.col("id").unwrap_or(0);
        let id = grid.cell(row, id_col);
        let field = |name: &str| layout.col(name).map_or("", |c| grid.cell(row, c));
        let filled: Vec<(&str, &str)> = [
            "evidence",
            "note",
            "internal_note",
            "owner",
            "due",
            "carried_from",
        ]
        .into_iter()
        .map(|name| (name, field(name)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
        let status_text = field("status");
        if status_text.is_empty() && filled.is_empty() {
            return;
        }
        if id.is_empty() {
            self.error(
                row,
                id_col,
                "an answered row has no item id".into(),
                Some("copy the id from the template".into()),
            );
            return;
        }
        if !self.checklist.items().any(|(_, i)| i.id == id) {
            let hint = nearest(id, self.checklist.items().map(|(_, i)| i.id.as_str()))
                .map(|b| format!("the nearest valid id is `{b}`"));
            self.error(
                row,
                id_col,
                format!("unknown item `{id}` in checklist `{}`", self.checklist.id),
                hint,
            );
            return;
        }
        if let Some(&first) = self.answered.get(id) {
            self.error(
                row,
                id_col,
                format!(
                    "the item `{id}` is answered twice (first in row {})",
                    first + 1
                ),
                Some(
                    "keep one row and delete the other; otherwise one answer would be lost".into(),
                ),
            );
            return;
        }
        self.answered.insert(id, row);
        let status = self.status(layout, row, status_text);
        if let Some(due_col) = layout.col("due") {
            let due = grid.cell(row, due_col);
            if !due.is_empty()
                && let Err(message) = Date::parse(due)
            {
                self.error(
                    row,
                    due_col,
                    message,
                    Some("write the due date as YYYY-MM-DD, e.g. 2026-06-30".into()),
                );
            }
        }
        let _ = writeln!(out, "  {id}:");
        if let Some(status) = status {
            let _ = writeln!(out, "    status: {status}");
        }
        for (name, value) in filled {
            let _ = writeln!(out, "    {name}: {}", yaml_text(value));
        }
    }

    /// The scale value a status cell names, resolved as in an answers file.
    fn status(&mut self, layout: &Layout, row: usize, text: &str) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let problem = match resolve_status(text, self.checklist) {
            Ok(level) => return Some(level.value.clone()),
            Err(problem) => problem,
        };
        let hint = problem.hint(|best| format!("the nearest valid value is `{best}`;"));
        let col = layout.col("status").unwrap_or(0);
        self.error(row, col, problem.message(None), Some(hint));
        None
    }
}

fn example_figure(key: &str) -> &'static str {
    match key {
        "staff_fte" => "1.5",
        "one_time_cost" => "15000",
        _ => "98000",
    }
}

/// Every filled cell the import does not read: text beside the header fields, columns it
/// does not know, cells past the named columns, and rows that are neither a header field nor
/// an item (a total line, a remark). Template text (titles, guidance) is not reported.
pub fn unused_cells(grid: &Grid, checklist: &Checklist) -> Vec<CellError> {
    let mut unused = Vec::new();
    let mut note = |row: usize, col: usize, message: String, hint: String| {
        unused.push((row, col, message, hint));
    };
    // Without a layout the import fails, and says why.
    let Ok(layout) = Layout::find(grid) else {
        return Vec::new();
    };
    let filled_cols = |r: usize| -> Vec<usize> {
        (0..grid.rows[r].len())
            .filter(|&c| !grid.cell(r, c).is_empty())
            .collect()
    };
    for &(key, r, key_col) in &layout.fields {
        for c in filled_cols(r) {
            let text = grid.cell(r, c);
            let template_note = META_NOTES.iter().any(|(k, n)| *k == key && *n == text);
            if c == key_col || c == key_col + 1 || (c == key_col + 2 && template_note) {
                continue;
            }
            note(
                r,
                c,
                format!("`{text}` beside the `{key}` field is not imported"),
                "keep one value per field, in the cell right of its name".into(),
            );
        }
    }
    let header_row = layout.header_row;
    for &(ref name, c) in &layout.columns {
        if COLUMNS.contains(&name.as_str()) {
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
            format!("the columns are: {}", COLUMNS.join(", ")),
        );
    }
    let answer_cols: Vec<usize> = [
        "status",
        "evidence",
        "note",
        "internal_note",
        "owner",
        "due",
    ]
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
        if !answered && !checklist.items().any(|(_, i)| i.id == id) {
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
                    "the header fields are: {}; put costs and staffing in the annual_cost, \
                     one_time_cost and staff_fte fields and remarks in an item's note",
                    META_KEYS.join(", ")
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
                "write it in the note or evidence column of its item".into(),
            );
        }
    }
    // In reading order, as the sheet shows them.
    unused.sort_by_key(|&(row, col, _, _)| (row, col));
    unused
        .into_iter()
        .map(|(row, col, message, hint)| CellError {
            sheet: grid.sheet.clone(),
            cell: cell_name(row, col),
            message,
            hint: Some(hint),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn checklist() -> Checklist {
        load::bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist
    }

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: "Answers".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    fn cells(errors: &[CellError]) -> Vec<&str> {
        errors.iter().map(|e| e.cell.as_str()).collect()
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
        };
        let template = super::super::template_grid(&list, profile, &header);
        assert!(unused_cells(&template, &list).is_empty());
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
        let text = import_grid(&sheet, &checklist()).unwrap();
        assert!(
            text.contains("  governance.mou-goals:\n    status: partial\n"),
            "{text}"
        );
        assert!(
            text.contains("  governance.written-mou:\n    status: met\n"),
            "{text}"
        );
        assert!(text.contains("profile: considering-sro\n"), "{text}");
        assert!(unused_cells(&sheet, &checklist()).is_empty());
    }

    #[test]
    fn a_row_above_the_header_that_cannot_be_placed_is_an_error_at_its_cell() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["governance.no-such-item", "", "met"]);
        rows.push(&["id", "section", "status"]);
        rows.push(&["", "Governance", "met"]);
        let errors = import_grid(&grid(&rows), &checklist()).unwrap_err();
        assert_eq!(cells(&errors), vec!["A5", "A7"]);
        assert!(
            errors[0]
                .message
                .contains("unknown item `governance.no-such-item`")
        );
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
        assert_eq!(
            checklist_reference(&sheet),
            Some(("wi-sro-best-practices".into(), "C1".into()))
        );
        let text = import_grid(&sheet, &checklist()).unwrap();
        assert!(
            text.contains("district: Example Area School District\n"),
            "{text}"
        );
        assert!(text.contains("  annual_cost: 98000\n"), "{text}");
        assert!(
            text.contains("    status: met\n    internal_note: ask the chief\n"),
            "{text}"
        );
        let unused = unused_cells(&sheet, &checklist());
        assert_eq!(
            cells(&unused),
            vec!["A7"],
            "the `#` column is named as not read"
        );
    }

    #[test]
    fn an_item_answered_in_two_rows_is_an_error_at_the_second() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["id", "status"]);
        rows.push(&["governance.written-mou", "met"]);
        rows.push(&["governance.written-mou", "not_met"]);
        let errors = import_grid(&grid(&rows), &checklist()).unwrap_err();
        assert_eq!(cells(&errors), vec!["A7"]);
        assert!(
            errors[0]
                .message
                .contains("answered twice (first in row 6)")
        );
    }

    #[test]
    fn a_header_row_without_status_is_named() {
        let mut rows: Vec<&[&str]> = HEADER.to_vec();
        rows.push(&["id", "section", "state"]);
        let errors = import_grid(&grid(&rows), &checklist()).unwrap_err();
        assert_eq!(cells(&errors), vec!["D5"]);
        assert_eq!(column_name("  Item -  ID "), "item_id");
    }

    #[test]
    fn costs_accept_dollar_signs_and_commas() {
        let list = checklist();
        let sheet = grid(&[
            &["checklist", "wi-sro-best-practices"],
            &["profile", "considering-sro"],
            &["district", "Example Area School District"],
            &["date", "2026-03-15"],
            &["annual_cost", "$98,000"],
            &["one_time_cost", "12000"],
            &[],
            &["id", "status"],
        ]);
        let text = import_grid(&sheet, &list).unwrap();
        assert!(text.contains("option:\n  annual_cost: 98000\n  one_time_cost: 12000\n"));
        let bad = grid(&[
            &["checklist", "wi-sro-best-practices"],
            &["profile", "considering-sro"],
            &["district", "Example Area School District"],
            &["date", "2026-03-15"],
            &["staff_fte", "one and a half"],
            &[],
            &["id", "status"],
        ]);
        let errors = import_grid(&bad, &list).unwrap_err();
        assert_eq!(cells(&errors), vec!["B5"]);
    }
}
