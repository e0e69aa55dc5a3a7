//! Answers read from a spreadsheet: the sheet's raw answers as the tree the checks walk, each
//! value's cell in place of a line and column, and hints worded for a sheet.
//!
//! A cell travels through the checks as a [`Location`] of its row and column (both from 1),
//! and leaves them as a cell reference (`G14`): no diagnostic of a sheet names a line.

use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use super::super::positions::child;
use crate::error::{Diagnostic, Location};
use crate::load::{StatusProblem, StatusProblemKind};
use crate::model::Checklist;
use crate::spreadsheet::{CellAt, SheetAnswers, field_name_of, unused_cells};

/// Where each value of a sheet's answers is, by the path the checks ask for.
pub(super) struct SheetPlaces {
    sheet: SheetAnswers,
    keys: HashMap<String, CellAt>,
    values: HashMap<String, CellAt>,
}

fn location(at: CellAt) -> Location {
    Location {
        line: at.row + 1,
        column: at.col + 1,
    }
}

fn cell_of(location: Location) -> CellAt {
    CellAt {
        row: location.line.saturating_sub(1),
        col: location.column.saturating_sub(1),
    }
}

impl SheetPlaces {
    /// The tree of the sheet's answers and where each value is. Empty fields are left out, as
    /// a missing key is in an answers file; the checks then say which cell to fill.
    pub(super) fn read(sheet: SheetAnswers) -> (Value, Self) {
        let mut keys = HashMap::new();
        let mut values = HashMap::new();
        let mut root = Mapping::new();
        for field in &sheet.fields {
            let key = field.value.key;
            keys.insert(key.to_string(), field.name_at);
            values.insert(key.to_string(), field.value.at);
            if !field.value.text.is_empty() {
                root.insert(key.into(), field.value.text.clone().into());
            }
        }
        if !sheet.option.is_empty() {
            let mut option = Mapping::new();
            for &(key, figure, at) in &sheet.option {
                values.insert(child("option", key), at);
                option.insert(key.into(), figure.into());
            }
            root.insert("option".into(), Value::Mapping(option));
        }
        if let (Some(row), Some(id)) = (sheet.header_row, sheet.column("id")) {
            keys.insert("answers".into(), CellAt { row, col: id.col });
        }
        if !sheet.items.is_empty() {
            let mut answers = Mapping::new();
            for item in &sheet.items {
                let path = child("answers", &item.id);
                keys.insert(path.clone(), item.id_at);
                let mut entry = Mapping::new();
                for value in &item.values {
                    values.insert(child(&path, value.key), value.at);
                    entry.insert(value.key.into(), value.text.clone().into());
                }
                answers.insert(item.id.clone().into(), Value::Mapping(entry));
            }
            root.insert("answers".into(), Value::Mapping(answers));
        }
        let places = Self {
            sheet,
            keys,
            values,
        };
        (Value::Mapping(root), places)
    }

    /// The raw answers as read from the sheet.
    pub(super) fn sheet(&self) -> &SheetAnswers {
        &self.sheet
    }

    /// Where the key at `path` is: a field's name, an item's id.
    pub(super) fn key(&self, path: &str) -> Option<Location> {
        self.keys.get(path).copied().map(location)
    }

    /// The value's cell, else the key's, else the nearest enclosing path's.
    pub(super) fn nearest(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some(at) = self.values.get(path).or_else(|| self.keys.get(path)) {
                return Some(location(*at));
            }
            path = &path[..path.rfind('/')?];
        }
    }

    /// What the layout of the sheet got wrong, found while reading it.
    pub(super) fn problems(&self) -> Vec<Diagnostic> {
        self.sheet
            .problems
            .iter()
            .map(|p| {
                let d = Diagnostic::error(Some(location(p.at)), p.message.clone());
                match &p.hint {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                }
            })
            .collect()
    }

    /// Every filled cell the answers leave out, as warnings (nothing typed is dropped
    /// without a word).
    pub(super) fn unused(&self, checklist: &Checklist) -> Vec<Diagnostic> {
        unused_cells(&self.sheet.grid, checklist)
            .into_iter()
            .map(|e| {
                let d = Diagnostic::warning(Some(location(e.at)), e.message);
                match e.hint {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                }
            })
            .collect()
    }

    /// Moves a diagnostic from its row-and-column location to its cell reference.
    pub(super) fn to_cell(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if let Some(at) = diagnostic.location.take() {
            diagnostic.cell = Some(self.sheet.grid.reference(cell_of(at)));
        }
        diagnostic
    }

    /// The cell of the checklist's name, for an error about it.
    pub(super) fn checklist_cell(&self) -> Option<String> {
        let field = self.sheet.field("checklist")?;
        Some(self.sheet.grid.reference(field.value.at))
    }

    /// A required field that is empty or has no row: where, what and what to do.
    pub(super) fn missing_field(&self, key: &str) -> (Option<Location>, String, String) {
        let name = field_name_of(key);
        match self.sheet.field(key) {
            Some(field) => (
                Some(location(field.value.at)),
                format!("{name} is empty"),
                format!(
                    "fill in {}, right of {name}; deleting a column deletes the header values \
                     in it too: undo the deletion or type them again",
                    field.value.at.name()
                ),
            ),
            None => (
                None,
                format!("the sheet has no {name} row"),
                format!(
                    "keep the template's {name} row: {name} in one cell, its value in the cell \
                     to its right"
                ),
            ),
        }
    }

    /// The hint for a field that still holds the template's placeholder (`district`).
    pub(super) fn placeholder_hint(&self, key: &str) -> String {
        let name = field_name_of(key);
        self.sheet.field(key).map_or_else(
            || format!("type the district's name right of {name}"),
            |f| {
                format!(
                    "fill in {} with the district's name, right of {name}",
                    f.value.at.name()
                )
            },
        )
    }

    /// The hint for a field whose value the checklist changed (`checklist_version`).
    pub(super) fn rewrite_field(&self, key: &str, value: &str) -> String {
        let place = self.sheet.field(key).map_or_else(
            || format!("right of {}", field_name_of(key)),
            |f| f.value.at.name(),
        );
        format!("check the items that changed, then write {value} in {place}")
    }

    /// The hint for an item answered without a status.
    pub(super) fn status_hint(&self, path: &str, choices: &str) -> String {
        match self.answer_cell(path, "status") {
            Some(at) => format!("choose a status in {} ({choices})", at.name()),
            None => format!("add a Status column and choose a status ({choices})"),
        }
    }

    /// The hint for a not-applicable answer without the reason.
    pub(super) fn note_hint(&self, path: &str) -> String {
        let column = self.sheet.column_header("note");
        match self.answer_cell(path, "note") {
            Some(at) => format!(
                "fill the {column} column in row {} ({}) with the reason, so the board can see \
                 why it does not apply",
                at.row + 1,
                at.name()
            ),
            None => format!(
                "add a {column} column and write the reason in it, so the board can see why it \
                 does not apply"
            ),
        }
    }

    /// The hint for a sheet that answers no item yet.
    pub(super) fn no_answers_hint(&self) -> String {
        format!(
            "choose a status in the {} column of each item's row",
            self.sheet.column_header("status")
        )
    }

    /// The cell of an item's answer column (`status`, `note`), filled or not.
    fn answer_cell(&self, path: &str, column: &str) -> Option<CellAt> {
        let row = self.keys.get(path)?.row;
        let col = self.sheet.column(column)?.col;
        Some(CellAt { row, col })
    }
}

/// The statuses as the sheet's drop-down offers them: the profile's labels where it sets
/// them, else the scale's (`In place, Partly in place, ...`).
pub(super) fn labels(checklist: &Checklist, profile_labels: &[(String, String)]) -> Vec<String> {
    checklist
        .scale
        .iter()
        .map(|level| {
            profile_labels
                .iter()
                .find(|(value, _)| *value == level.value)
                .map_or_else(|| level.label.clone(), |(_, label)| label.clone())
        })
        .collect()
}

/// [`labels`] as a list in a sentence.
pub(super) fn scale_labels(checklist: &Checklist, profile_labels: &[(String, String)]) -> String {
    labels(checklist, profile_labels).join(", ")
}

/// What to choose instead of a status the scale does not know, in the drop-down's words.
pub(super) fn status_hint(
    problem: &StatusProblem,
    checklist: &Checklist,
    profile_labels: &[(String, String)],
) -> String {
    let labels = labels(checklist, profile_labels);
    let list = labels.join(", ");
    match (&problem.suggestion, problem.kind) {
        (Some(best), _) => {
            let label = checklist
                .scale
                .iter()
                .position(|l| l.value == *best)
                .and_then(|i| labels.get(i))
                .map_or(best.as_str(), String::as_str);
            format!("did you mean `{label}`? choose one from the cell's list: {list}")
        }
        (None, StatusProblemKind::AmbiguousMark) => {
            format!("choose the status it stands for from the cell's list: {list}")
        }
        (None, _) => format!("choose one from the cell's list: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{AnswersFile, bundled_checklist};

    fn checklist() -> Checklist {
        bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist
    }

    #[test]
    fn a_plan_offers_its_own_labels_and_the_scale_s_where_it_sets_none() {
        let list = checklist();
        let plan = list.profile("considering-sro").unwrap();
        assert_eq!(
            scale_labels(&list, &plan.labels),
            "Provided for in the plan, Partly provided for in the plan, Not provided for in \
             the plan, Not applicable, Don't know"
        );
        assert_eq!(
            scale_labels(&list, &[]),
            "In place, Partly in place, Not in place, Not applicable, Don't know"
        );
    }

    #[test]
    fn a_status_written_as_the_profile_s_label_reads_as_its_value_in_a_file_too() {
        let text = "checklist: wi-sro-best-practices\nprofile: considering-sro\ndistrict: X\n\
                    date: 2026-03-15\nanswers:\n  governance.written-mou: Provided for in the plan\n  \
                    governance.mou-goals: partly provided for in the plan\n";
        let file = AnswersFile::from_text(text, std::path::Path::new("a.yaml")).unwrap();
        let (answers, _) = file.validate(&checklist()).unwrap();
        let statuses: Vec<&str> = answers.answers.iter().filter_map(|a| a.status()).collect();
        assert_eq!(statuses, vec!["met", "partial"]);
        // Another profile's labels are not this one's.
        let other = text.replace("considering-sro", "existing-program");
        let file = AnswersFile::from_text(&other, std::path::Path::new("a.yaml")).unwrap();
        assert!(file.validate(&checklist()).is_err());
    }
}
