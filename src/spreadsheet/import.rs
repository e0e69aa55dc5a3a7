//! A filled sheet to answers YAML. Every bad cell is reported with its reference and the
//! nearest valid value; the YAML written is then checked by the ordinary loader.

use std::fmt::Write as _;

use super::{COLUMNS, Grid, META_KEYS, cell_name};
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
        for key in META_KEYS {
            let row = (0..layout.header_row).find(|&r| self.grid.cell(r, 0) == key);
            let value = row.map_or("", |r| self.grid.cell(r, 1));
            self.check_header(key, row, value, layout.header_row);
            if value.is_empty() && key == "prepared_by" {
                continue;
            }
            let _ = writeln!(out, "{key}: {}", yaml_text(value));
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
