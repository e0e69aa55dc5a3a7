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

/// The header fields and the column of each item field, found by name.
struct Layout {
    header_row: usize,
    columns: Vec<(String, usize)>,
}

impl Layout {
    fn col(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, c)| c)
    }
}

struct Importer<'a> {
    grid: &'a Grid,
    checklist: &'a Checklist,
    errors: Vec<CellError>,
}

/// The `checklist` header value of a sheet, so the caller can load the checklist first.
pub fn checklist_reference(grid: &Grid) -> Option<(String, String)> {
    let row = (0..grid.rows.len()).find(|&r| grid.cell(r, 0) == "checklist")?;
    Some((grid.cell(row, 1).to_string(), cell_name(row, 1)))
}

/// Turns a filled sheet into answers YAML, or every bad cell.
pub fn import_grid(grid: &Grid, checklist: &Checklist) -> Result<String, Vec<CellError>> {
    let mut importer = Importer {
        grid,
        checklist,
        errors: Vec::new(),
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
        for row in layout.header_row + 1..self.grid.rows.len() {
            self.item_row(&layout, row, &mut out);
        }
        Some(out)
    }

    fn layout(&mut self) -> Option<Layout> {
        let grid = self.grid;
        let Some(header_row) = (0..grid.rows.len()).find(|&r| grid.cell(r, 0) == "id") else {
            self.error(
                0,
                0,
                "no header row: no row starts with `id`".into(),
                Some(format!(
                    "keep the template's header row: {}",
                    COLUMNS.join(", ")
                )),
            );
            return None;
        };
        let columns: Vec<(String, usize)> = grid.rows[header_row]
            .iter()
            .enumerate()
            .map(|(c, name)| (name.trim().to_ascii_lowercase().replace(' ', "_"), c))
            .collect();
        let layout = Layout {
            header_row,
            columns,
        };
        if layout.col("status").is_none() {
            self.error(
                header_row,
                grid.rows[header_row].len(),
                "the header row has no `status` column".into(),
                Some("keep the template's columns; add `status` back".into()),
            );
            return None;
        }
        Some(layout)
    }

    fn header(&mut self, layout: &Layout, out: &mut String) {
        let mut option = Vec::new();
        for key in META_KEYS {
            let row = (0..layout.header_row).find(|&r| self.grid.cell(r, 0) == key);
            let value = row.map_or("", |r| self.grid.cell(r, 1));
            if OPTION_KEYS.contains(&key) {
                if let (Some(row), false) = (row, value.is_empty()) {
                    option.extend(self.option_figure(key, row, value));
                }
                continue;
            }
            self.check_header(key, row, value, layout.header_row);
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
        row: usize,
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
                    1,
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

    fn check_header(&mut self, key: &str, row: Option<usize>, value: &str, header_row: usize) {
        let required = ["checklist", "profile", "district", "date"].contains(&key);
        let (r, c) = row.map_or((header_row, 0), |r| (r, 1));
        if value.is_empty() && required {
            let message = match row {
                Some(_) => format!("`{key}` is empty"),
                None => format!("the `{key}` row is missing above the header row"),
            };
            let hint = format!("keep the template's `{key}` row and fill in its value in column B");
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
        let id = grid.cell(row, 0);
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
                0,
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
                0,
                format!("unknown item `{id}` in checklist `{}`", self.checklist.id),
                hint,
            );
            return;
        }
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

/// Every filled cell the import does not read: header rows it does not know, text beside the
/// header fields, columns it does not know, cells past the named columns, and rows whose id is
/// not an item (a total line, a note). Template text (titles, guidance) is not reported.
pub fn unused_cells(grid: &Grid, checklist: &Checklist) -> Vec<CellError> {
    let mut unused = Vec::new();
    let mut note = |row: usize, col: usize, message: String, hint: &str| {
        unused.push(CellError {
            sheet: grid.sheet.clone(),
            cell: cell_name(row, col),
            message,
            hint: Some(hint.to_string()),
        });
    };
    let header_row = (0..grid.rows.len()).find(|&r| grid.cell(r, 0) == "id");
    let meta_end = header_row.unwrap_or(grid.rows.len());
    for r in 0..meta_end {
        let key = grid.cell(r, 0);
        let known = META_KEYS.contains(&key);
        let width = grid.rows[r].len();
        for c in 0..width {
            let text = grid.cell(r, c);
            if text.is_empty() {
                continue;
            }
            let template_note = META_NOTES.iter().any(|(k, n)| *k == key && *n == text);
            let used = if known {
                c <= 1 || (c == 2 && template_note)
            } else {
                false
            };
            if used {
                continue;
            }
            if !known && c == 0 {
                note(
                    r,
                    c,
                    format!(
                        "the row `{text}` is not a field import reads; the row is not imported"
                    ),
                    &format!("the header fields are: {}", META_KEYS.join(", ")),
                );
            } else if known {
                note(
                    r,
                    c,
                    format!("`{text}` beside the `{key}` field is not imported"),
                    "keep one value per field, in column B",
                );
            } else if grid.cell(r, 0).is_empty() {
                note(
                    r,
                    c,
                    format!("`{text}` is in a row with no field name; it is not imported"),
                    &format!("put it in a field row ({}) or a note", META_KEYS.join(", ")),
                );
            }
        }
    }
    let Some(header_row) = header_row else {
        return unused;
    };
    let names: Vec<String> = grid.rows[header_row]
        .iter()
        .map(|n| n.trim().to_ascii_lowercase().replace(' ', "_"))
        .collect();
    let item_ids: Vec<&str> = (header_row + 1..grid.rows.len())
        .map(|r| grid.cell(r, 0))
        .collect();
    for (c, name) in names.iter().enumerate() {
        if name.is_empty() || COLUMNS.contains(&name.as_str()) {
            continue;
        }
        let filled = (header_row + 1..grid.rows.len())
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
            &format!("the columns are: {}", COLUMNS.join(", ")),
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
    .filter_map(|name| names.iter().position(|n| n == name))
    .collect();
    for (offset, id) in item_ids.iter().enumerate() {
        let r = header_row + 1 + offset;
        let answered = answer_cols.iter().any(|&c| !grid.cell(r, c).is_empty());
        let filled = (0..grid.rows[r].len())
            .filter(|&c| !grid.cell(r, c).is_empty())
            .count();
        // An answered row with an unknown id is an error already; a row that answers nothing
        // and is not an item (a total, a remark) would otherwise vanish.
        if !answered && filled > 0 && !checklist.items().any(|(_, i)| i.id == *id) {
            let first = (0..grid.rows[r].len())
                .find(|&c| !grid.cell(r, c).is_empty())
                .unwrap_or(0);
            note(
                r,
                first,
                format!(
                    "row {} is not an item of the checklist (`{}`); it is not imported",
                    r + 1,
                    grid.cell(r, first)
                ),
                "put costs and staffing in the annual_cost, one_time_cost and staff_fte rows \
                 above the header; put remarks in an item's note",
            );
            continue;
        }
        for c in names.len()..grid.rows[r].len() {
            let text = grid.cell(r, c);
            if !text.is_empty() {
                note(
                    r,
                    c,
                    format!("`{text}` is in a column with no name; it is not imported"),
                    "write it in the note or evidence column of its item",
                );
            }
        }
    }
    unused
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
