//! Answers files: parsed as a YAML tree, read into its serde mirror ([`raw`]) and checked
//! field by field, so that every problem is reported at once with its position, and statuses
//! can be written forgivingly.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_yaml::Value;

mod board;
mod consensus;
mod raw;
mod recover;
mod sheet;

use super::positions::{PositionIndex, child};
use super::renamed::{OldAnswer, Written, carry_renamed};
use super::status::{resolve_status, status_key};
use super::suggest::{NearestIndex, nearest, quotable};
use crate::error::{Diagnostic, Location};
use crate::model::{
    ANSWER_KEYS, Answer, AnswerField, Answers, Checklist, Date, FieldKind, FieldSlot, MemberRating,
    OptionFigures, Profile, ScaleLevel,
};
use raw::{
    MappingOr, RawAnswer, RawAnswerFields, RawAnswers, RawOption, Root, Shaped, option_keys,
    top_keys,
};

/// A syntactically valid answers file, not yet checked against its checklist.
pub struct AnswersDocument {
    root: Root,
    positions: LazyPositions,
    /// Problems found while parsing that spoiled only part of the file: that part was set
    /// aside so the rest could be checked too, and validation fails with these first.
    parse_problems: Vec<Diagnostic>,
    /// For answers read from a spreadsheet: each value's cell, which every diagnostic names.
    sheet: Option<sheet::SheetPlaces>,
}

/// The position of every key, indexed on first use: a second pass over the text that only a
/// file with something to report needs (it was a third of loading a 10,000-item file).
struct LazyPositions {
    text: String,
    index: OnceLock<PositionIndex>,
}

impl LazyPositions {
    fn get(&self) -> &PositionIndex {
        self.index.get_or_init(|| PositionIndex::build(&self.text))
    }

    /// The plain scalar at `at` as typed, when it is the number `value` (`2.10` for 2.1,
    /// `0x10` for 16): a text field keeps what the file says.
    fn number_as_typed(&self, at: Location, value: &Value) -> Option<String> {
        let line = self.text.split('\n').nth(at.line.checked_sub(1)?)?;
        let start = line.char_indices().nth(at.column.checked_sub(1)?)?.0;
        let rest = &line[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        (super::tree::resolve_plain(token.to_string()).as_ref() == Some(value))
            .then(|| token.to_string())
    }
}

impl AnswersDocument {
    /// Parses the text; syntax errors, tabs and an empty file are reported here.
    /// After a problem confined to one answer (a syntax error in it, an item answered twice)
    /// the rest of the file is still parsed, so one run reports every problem it can find.
    pub fn parse(text: &str) -> Result<Self, Vec<Diagnostic>> {
        // Both parsers end the file at a NUL: refuse what they would not read whole.
        let forbidden = crate::text::forbidden_characters(text);
        if !forbidden.is_empty() {
            return Err(forbidden);
        }
        if let Some(second) = super::yaml::second_document(text) {
            return Err(vec![second]);
        }
        // One pass reads most files whole, with their positions; the rest take serde_yaml's
        // path, which explains every problem and recovers from those confined to one answer.
        if let Some(tree) = super::tree::read(text) {
            let mut parse_problems = Vec::new();
            return Ok(Self {
                root: Root::read(tree.root, &mut parse_problems),
                positions: LazyPositions {
                    // Kept to quote a number in a text field as typed (`2.10`, `0x10`).
                    text: text.to_string(),
                    index: OnceLock::from(tree.positions),
                },
                parse_problems,
                sheet: None,
            });
        }
        let mut recovered = recover::parse(text)?;
        Ok(Self {
            root: Root::read(recovered.root, &mut recovered.problems),
            positions: LazyPositions {
                text: recovered.text,
                index: OnceLock::new(),
            },
            parse_problems: recovered.problems,
            sheet: None,
        })
    }

    /// The answers a spreadsheet holds, checked like an answers file's; every problem then
    /// names its cell and says what to fill in where.
    pub fn from_sheet(sheet: crate::spreadsheet::SheetAnswers) -> Self {
        let (root, places) = sheet::SheetPlaces::read(sheet);
        let mut parse_problems = places.problems();
        Self {
            root: Root::read(root, &mut parse_problems),
            positions: LazyPositions {
                text: String::new(),
                index: OnceLock::new(),
            },
            parse_problems,
            sheet: Some(places),
        }
    }

    /// The raw answers of a spreadsheet, as read.
    pub fn sheet(&self) -> Option<&crate::spreadsheet::SheetAnswers> {
        self.sheet.as_ref().map(sheet::SheetPlaces::sheet)
    }

    /// Places a diagnostic about the checklist reference where the file names it (its line,
    /// or a sheet's cell).
    pub fn at_checklist(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        match &self.sheet {
            Some(places) => diagnostic.cell = places.checklist_cell(),
            None => diagnostic.location = self.checklist_location(),
        }
        diagnostic
    }

    /// For a sheet that names no checklist: every problem of its layout and the missing
    /// checklist, worded for the sheet. `None` for an answers file.
    pub fn missing_checklist(&self) -> Option<Vec<Diagnostic>> {
        let places = self.sheet.as_ref()?;
        let (location, message, hint) = places.missing_field("checklist");
        let mut found = self.parse_problems.clone();
        found.push(Diagnostic::error(location, message).with_hint(hint));
        found.sort_by_key(|d| d.location);
        Some(found.into_iter().map(|d| places.to_cell(d)).collect())
    }

    /// The error for a file that is not a mapping of keys (a list, a bare value).
    pub fn shape_error(&self) -> Option<Diagnostic> {
        match &self.root {
            Root::File(_) => None,
            Root::NotAMapping(root) => Some(not_a_mapping(root)),
        }
    }

    /// The `checklist:` value (a bundled id or a path).
    pub fn checklist_reference(&self) -> Option<String> {
        scalar_text(self.root.file()?.checklist.as_ref()?)
    }

    /// Where the file names its checklist, for an error about it (`None` for a sheet: see
    /// [`Self::at_checklist`]).
    pub fn checklist_location(&self) -> Option<Location> {
        if self.sheet.is_some() {
            return None;
        }
        self.positions.get().nearest("checklist")
    }

    /// The answers copied from an earlier assessment by `init --from` and not yet re-checked:
    /// (item id, where from), in file order.
    pub fn carried_items(&self) -> Vec<(String, String)> {
        let Some(MappingOr::Mapping(by_item)) = self.root.file().and_then(|f| f.answers.as_ref())
        else {
            return Vec::new();
        };
        by_item
            .entries
            .iter()
            .filter_map(|(key, answer)| {
                let MappingOr::Mapping(fields) = answer else {
                    return None;
                };
                let from = scalar_text(fields.known.get(AnswerField::CarriedFrom)?)?;
                Some((scalar_text(key)?, from))
            })
            .collect()
    }

    /// Checks every key against `checklist`. Returns the answers and the warnings, or every
    /// problem (errors and warnings) found.
    pub fn validate(
        &self,
        checklist: &Checklist,
    ) -> Result<(Answers, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut check = Check {
            positions: &self.positions,
            diagnostics: self.parse_problems.clone(),
            set_aside: &self.parse_problems,
            sheet: self.sheet.as_ref(),
            profile_labels: Vec::new(),
        };
        let answers = check.document(&self.root, checklist);
        if let Some(places) = &self.sheet {
            check.diagnostics.extend(places.unused(checklist));
        }
        check.diagnostics.sort_by_key(|d| d.location);
        if let Some(places) = &self.sheet {
            check.diagnostics = check
                .diagnostics
                .into_iter()
                .map(|d| places.to_cell(d))
                .collect();
        }
        match answers {
            Some(answers) if !check.diagnostics.iter().any(Diagnostic::is_error) => {
                Ok((answers, check.diagnostics))
            }
            _ => Err(check.diagnostics),
        }
    }
}

/// The error for a file that is not a mapping of keys (a list, a bare value).
fn not_a_mapping(root: &Value) -> Diagnostic {
    let hint = if root.is_sequence() {
        "remove the leading `- ` so the top-level keys start at column 1"
    } else {
        "start from a template: `sro-assess init -o answers.yaml`"
    };
    Diagnostic::error(
        Some(Location { line: 1, column: 1 }),
        format!(
            "the answers file is {}, but it must be a mapping of keys (`district: ...`)",
            type_name(root)
        ),
    )
    .with_hint(hint)
}

/// Text of a scalar: strings as written, numbers and booleans as YAML prints them.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

struct Check<'a> {
    positions: &'a LazyPositions,
    /// Problems found while parsing (their answers were set aside).
    set_aside: &'a [Diagnostic],
    diagnostics: Vec<Diagnostic>,
    /// For a sheet: the cells, and hints worded for a sheet.
    sheet: Option<&'a sheet::SheetPlaces>,
    /// The labels the profile prints instead of the scale's (`Provided for in the plan`), by
    /// scale value: a status written as one reads as its value.
    profile_labels: Vec<(String, String)>,
}

impl Check<'_> {
    fn at(&self, path: &str) -> Option<Location> {
        if let Some(places) = self.sheet {
            return places.nearest(path);
        }
        self.positions.get().nearest(path)
    }

    fn key_at(&self, path: &str) -> Option<Location> {
        if let Some(places) = self.sheet {
            return places.key(path).or_else(|| places.nearest(path));
        }
        self.positions.get().key(path).or_else(|| self.at(path))
    }

    fn error(&mut self, location: Option<Location>, message: String, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(location, message).with_hint(hint));
    }

    fn warn(&mut self, location: Option<Location>, message: String, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(location, message).with_hint(hint));
    }

    fn document(&mut self, root: &Root, checklist: &Checklist) -> Option<Answers> {
        let file = match root {
            Root::File(file) => file,
            Root::NotAMapping(root) => {
                self.diagnostics.push(not_a_mapping(root));
                return None;
            }
        };
        let misplaced_answers = self.unknown_top_keys(&file.unknown, checklist);
        let file = &file.known;
        let checklist_ref = self.required_text(
            file.checklist.as_ref(),
            "checklist",
            "checklist: wi-sro-best-practices",
        );
        let checklist_version =
            self.optional_text(file.checklist_version.as_ref(), "checklist_version");
        if let Some(version) = &checklist_version
            && *version != checklist.version
        {
            self.warn(
                self.at("checklist_version"),
                format!(
                    "the answers were written for checklist version {version}; this is version {}",
                    checklist.version
                ),
                match self.sheet {
                    Some(places) => places.rewrite_field("checklist_version", &checklist.version),
                    None => "check items that changed, then set `checklist_version` to the \
                             current version"
                        .into(),
                },
            );
        }
        let profile_id = self.required_text(
            file.profile.as_ref(),
            "profile",
            "profile: existing-program",
        );
        let profile = profile_id
            .as_deref()
            .and_then(|id| self.profile(id, checklist));
        if let Some(profile) = profile {
            self.profile_labels.clone_from(&profile.labels);
        }
        let district = self.required_text(
            file.district.as_ref(),
            "district",
            "district: Example Area School District",
        );
        if district.as_deref() == Some(crate::template::DISTRICT_PLACEHOLDER) {
            self.warn(
                self.at("district"),
                format!(
                    "the district's name is still the template's placeholder `{}`",
                    crate::template::DISTRICT_PLACEHOLDER
                ),
                match self.sheet {
                    Some(places) => places.placeholder_hint("district"),
                    None => "write the district's name, e.g. \
                             `district: Example Area School District`"
                        .into(),
                },
            );
        }
        let date = match &file.date {
            None if self.sheet.is_some() => {
                self.missing_sheet_field("date");
                None
            }
            None => {
                self.error(
                    self.at(""),
                    "the assessment has no `date`".into(),
                    "add `date: YYYY-MM-DD`, the day the committee completed it",
                );
                None
            }
            Some(value) => self.date(value, "date"),
        };
        let district_id = file.district_id.as_ref().and_then(|v| self.district_id(v));
        if let (Some(profile), Some(date)) = (profile, date) {
            self.warn_before_profile(profile, date);
        }
        let label = self.optional_text(file.label.as_ref(), "label");
        let prepared_by = self.optional_text(file.prepared_by.as_ref(), "prepared_by");
        let rater = self.optional_text(file.rater.as_ref(), "rater");
        let rater_group = self.optional_text(file.rater_group.as_ref(), "rater_group");
        let board = self.board_fields(file, date);
        let option = file.option.as_ref().and_then(|v| self.option(v));
        let consensus = file.consensus.as_ref().and_then(|v| self.consensus(v));
        let answers = match &file.answers {
            // Answers set aside for a syntax error, or written outside `answers:`, are not
            // missing: their errors say it.
            None if misplaced_answers || !self.set_aside.is_empty() => Vec::new(),
            None => {
                self.warn(
                    self.at("answers"),
                    "there are no answers yet".into(),
                    match self.sheet {
                        Some(places) => places.no_answers_hint(),
                        None => "answer items under `answers:` (see `sro-assess init`)".into(),
                    },
                );
                Vec::new()
            }
            Some(value) => self.answers(value, checklist, profile, checklist_version.as_deref()),
        };
        let date = date?;
        Some(Answers {
            checklist: checklist_ref?,
            checklist_version,
            profile: profile?.id.clone(),
            district: district?,
            district_id,
            label: label.unwrap_or_else(|| date.to_string()),
            date,
            prepared_by,
            rater,
            rater_group,
            board,
            option,
            consensus,
            answers,
        })
    }

    /// Reports the top-level keys the file should not have; returns whether one of them is
    /// an answer written outside `answers:`.
    fn unknown_top_keys(&mut self, unknown: &[Option<String>], checklist: &Checklist) -> bool {
        let mut misplaced_answers = false;
        let mut folded = None;
        for key in unknown {
            let Some(name) = key.as_deref() else {
                self.error(
                    self.at(""),
                    "a top-level key is not text".into(),
                    "use the keys of the template",
                );
                continue;
            };
            if names_an_item(name, checklist, &mut folded) {
                misplaced_answers = true;
                self.error(
                    self.key_at(name),
                    format!(
                        "the answer to `{}` is not indented under `answers:`",
                        quotable(name)
                    ),
                    "indent it under `answers:` with two spaces, like the other answers",
                );
            } else {
                let hint = match nearest(name, top_keys().iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the top-level keys are: {}", top_keys().join(", ")),
                };
                let message = format!("unknown key `{}`", quotable(name));
                self.error(self.key_at(name), message, hint);
            }
        }
        misplaced_answers
    }

    /// A profile written for a law in force from a date does not fit an earlier assessment.
    fn warn_before_profile(&mut self, profile: &Profile, date: Date) {
        let Some(from) = profile.valid_from.filter(|from| date < *from) else {
            return;
        };
        self.warn(
            self.at("date"),
            format!(
                "profile `{}` applies from {from}, but this assessment is dated {date}",
                profile.id
            ),
            "score an assessment from before then with another profile (such as \
             `existing-program`), or correct the `date`",
        );
    }

    /// A required field of a sheet is missing or empty: the cell to fill in, or the row to keep.
    fn missing_sheet_field(&mut self, key: &str) {
        if let Some(places) = self.sheet {
            let (location, message, hint) = places.missing_field(key);
            self.error(location, message, hint);
        }
    }

    fn required_text(&mut self, value: Option<&Value>, key: &str, example: &str) -> Option<String> {
        if value.is_none() && self.sheet.is_some() {
            self.missing_sheet_field(key);
            return None;
        }
        let Some(value) = value else {
            self.error(
                self.at(""),
                format!("the required key `{key}` is missing or empty"),
                format!("add `{example}`"),
            );
            return None;
        };
        if scalar_text(value).is_some_and(|t| t.trim().is_empty()) {
            self.error(
                self.at(key),
                format!("`{key}` is empty"),
                format!("write it, e.g. `{example}`"),
            );
            return None;
        }
        self.optional_text(Some(value), key)
    }

    /// Text of a scalar, a number as the file has it (`2.10`, not 2.1).
    fn text_as_typed(&self, value: &Value, path: &str) -> Option<String> {
        if let Value::Number(_) = value
            && self.sheet.is_none()
            && let Some(at) = self.at(path)
            && let Some(typed) = self.positions.number_as_typed(at, value)
        {
            return Some(typed);
        }
        scalar_text(value)
    }

    fn optional_text(&mut self, value: Option<&Value>, path: &str) -> Option<String> {
        let value = value?;
        match self.text_as_typed(value, path) {
            Some(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
            None => {
                self.error(
                    self.at(path),
                    format!(
                        "`{}` should be text, but it is {}",
                        path.rsplit('/').next().unwrap_or(path),
                        type_name(value)
                    ),
                    "write it on one line after the colon; put quotes around text with `: ` or `#`",
                );
                None
            }
        }
    }

    fn date(&mut self, value: &Value, path: &str) -> Option<Date> {
        let text = self.optional_text(Some(value), path)?;
        let strict = Date::parse(&text);
        match strict.or_else(|message| Date::parse_us(&text).unwrap_or(Err(message))) {
            Ok(date) if date.to_string() != text => {
                self.warn(
                    self.at(path),
                    format!("read the date `{text}` as {date} (month/day/year)"),
                    format!("write it as `{date}` to remove this warning"),
                );
                Some(date)
            }
            Ok(date) => Some(date),
            Err(message) => {
                let hint = if text.split('/').count() == 3 {
                    "write dates as YYYY-MM-DD, e.g. 2026-03-15 (a date with slashes is read as \
                     month/day/year)"
                } else {
                    "write dates as YYYY-MM-DD, e.g. 2026-03-15"
                };
                self.error(self.at(path), message, hint);
                None
            }
        }
    }

    fn profile<'c>(&mut self, id: &str, checklist: &'c Checklist) -> Option<&'c Profile> {
        if let Some(profile) = checklist.profile(id) {
            return Some(profile);
        }
        let ids: Vec<&str> = checklist.profiles.iter().map(|p| p.id.as_str()).collect();
        let hint = match nearest(id, ids.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the profiles of `{}` are: {}", checklist.id, ids.join(", ")),
        };
        self.error(self.at("profile"), format!("unknown profile `{id}`"), hint);
        None
    }

    /// A district code is text. A whole number (`9901`) reads back exactly, and a leading zero
    /// keeps the value as text, but a decimal (`12.50` reads as 12.5) would change the code, so
    /// files of one district would no longer match.
    fn district_id(&mut self, value: &Value) -> Option<String> {
        if let Value::Number(n) = value
            && !(n.is_u64() || n.is_i64())
        {
            self.error(
                self.at("district_id"),
                format!("`district_id` reads as the number {n}, which is not the code as written"),
                "put the code in quotes, exactly as the state writes it: `district_id: \"12.50\"`",
            );
            return None;
        }
        self.optional_text(Some(value), "district_id")
    }

    fn option(&mut self, option: &Shaped<RawOption>) -> Option<OptionFigures> {
        let option = match option {
            MappingOr::Mapping(option) => option,
            MappingOr::Other(value) => {
                self.error(
                    self.at("option"),
                    format!(
                        "`option` should be a mapping, but it is {}",
                        type_name(value)
                    ),
                    "write `option: { annual_cost: 98000, staff_fte: 1.0 }`",
                );
                return None;
            }
        };
        for key in &option.unknown {
            let name = key.as_deref().unwrap_or("?");
            let hint = nearest(name, option_keys().iter().copied()).map_or_else(
                || format!("the keys are {}", listed(option_keys())),
                |b| format!("did you mean `{b}`?"),
            );
            self.error(
                self.key_at(&child("option", name)),
                format!("unknown key `{name}` in `option`"),
                hint,
            );
        }
        let option = &option.known;
        let mut figure = |value: &Option<Value>, key: &str| {
            let value = value.as_ref()?;
            match value.as_f64() {
                Some(n) if n.is_finite() && n >= 0.0 => Some(n),
                _ => {
                    self.error(
                        self.at(&child("option", key)),
                        format!("`{key}` should be a number of zero or more"),
                        format!(
                            "write digits only, without `$` or commas: `{key}: {}`",
                            match key {
                                "staff_fte" => "1.5",
                                "years" => "5",
                                _ => "98000",
                            }
                        ),
                    );
                    None
                }
            }
        };
        let figures = OptionFigures {
            annual_cost: figure(&option.annual_cost, "annual_cost"),
            one_time_cost: figure(&option.one_time_cost, "one_time_cost"),
            staff_fte: figure(&option.staff_fte, "staff_fte"),
            years: figure(&option.years, "years"),
        };
        if let Some(years) = figures.years
            && (years < 1.0 || years.fract() != 0.0)
        {
            self.error(
                self.at(&child("option", "years")),
                format!("`years` should be a whole number of 1 or more, but it is {years}"),
                "write how many years the committee plans over, e.g. `years: 5`",
            );
            return None;
        }
        Some(figures)
    }

    fn answers(
        &mut self,
        answers: &RawAnswers,
        checklist: &Checklist,
        profile: Option<&Profile>,
        written_for: Option<&str>,
    ) -> Vec<Answer> {
        let map = match answers {
            MappingOr::Mapping(by_item) => &by_item.entries,
            MappingOr::Other(value) => {
                self.not_answers(value);
                return Vec::new();
            }
        };
        let sections: HashMap<&str, &str> = checklist
            .items()
            .map(|(s, i)| (i.id.as_str(), s.id.as_str()))
            .collect();
        let mut answers = Vec::with_capacity(map.len());
        let mut old_answers = Vec::new();
        let mut folded = None;
        // Ids read case-insensitively can name one item twice.
        let mut seen: HashMap<&str, Option<Location>> = HashMap::new();
        // Built on the first unknown id only: valid files never pay for it.
        let mut suggestions = None;
        for (key, entry) in map {
            let Some(item_id) = scalar_text(key) else {
                self.error(
                    self.at("answers"),
                    "an answer's key is not an item id".into(),
                    "write `item.id: status`",
                );
                continue;
            };
            let path = child("answers", &item_id);
            let Some((item_id, section_id)) =
                self.item_section(&item_id, &path, &sections, checklist, &mut folded)
            else {
                if let Some(new_id) = checklist.renamed_to(&item_id) {
                    if let Some(mut answer) = self.answer(&item_id, entry, &path, checklist) {
                        answer.item_id = new_id.to_string();
                        old_answers.push(OldAnswer {
                            old_id: item_id.clone(),
                            answer,
                            location: self.key_at(&path),
                        });
                    }
                } else {
                    self.unknown_item(&item_id, &path, checklist, &mut suggestions);
                }
                continue;
            };
            if let Some(profile) = profile
                && !profile.applies_to(section_id, item_id)
            {
                self.warn(
                    self.key_at(&path),
                    format!(
                        "item `{item_id}` is not in profile `{}`; its answer is not scored",
                        profile.id
                    ),
                    "remove the answer, or use a profile that includes the item",
                );
            }
            if let Some(first) = seen.insert(item_id, self.key_at(&path)) {
                self.answered_twice(item_id, &path, first);
                continue;
            }
            if let Some(answer) = self.answer(item_id, entry, &path, checklist) {
                answers.push(answer);
            }
        }
        if !old_answers.is_empty() {
            let carried_from = answers.len();
            let written = if written_for == Some(checklist.version.as_str()) {
                Written::ForThisVersion
            } else {
                Written::ForEarlierVersion
            };
            let located = |id: &str| self.key_at(&child("answers", id));
            let warnings = carry_renamed(&mut answers, old_answers, checklist, written, located);
            self.diagnostics.extend(warnings);
            for answer in &answers[carried_from..] {
                self.warn_outside_profile(&answer.item_id, &sections, profile);
            }
        }
        answers
    }

    /// `answers:` holds something other than a mapping of item ids.
    fn not_answers(&mut self, value: &Value) {
        if let Some(text) = value.as_str()
            && self.missing_space(text, "answers")
        {
            return;
        }
        self.error(
            self.at("answers"),
            format!(
                "`answers` should be a mapping of item ids, but it is {}",
                type_name(value)
            ),
            "write one `item.id: status` per line, indented under `answers:`",
        );
    }

    /// The checklist's id for `written` and its section: as written, else matched without
    /// regard to case (a certain fix, with a warning naming the id it was read as).
    fn item_section<'c>(
        &mut self,
        written: &str,
        path: &str,
        sections: &HashMap<&'c str, &'c str>,
        checklist: &'c Checklist,
        folded: &mut Option<FoldedIds<'c>>,
    ) -> Option<(&'c str, &'c str)> {
        if let Some((&id, section)) = sections.get_key_value(written) {
            return Some((id, section));
        }
        let id = FoldedIds::get(folded, checklist).find(written)?;
        let section = sections.get(id)?;
        self.warn(
            self.key_at(path),
            format!("read the item `{}` as `{id}`", quotable(written)),
            format!("write `{id}` in lowercase, as the checklist does, to remove this warning"),
        );
        Some((id, section))
    }

    fn answered_twice(&mut self, item_id: &str, path: &str, first: Option<Location>) {
        let first = first.map_or_else(String::new, |at| format!(" (first at line {})", at.line));
        self.error(
            self.key_at(path),
            format!("the item `{item_id}` is answered twice{first}"),
            "keep one answer and delete the other; otherwise one would be lost",
        );
    }

    /// A value that reads `key:value` (`status:met`) is a key without the space after its
    /// colon, which YAML then reads as text: say so, with the fix.
    fn missing_space(&mut self, text: &str, path: &str) -> bool {
        // A sheet's cell holds text as typed: no YAML reads it.
        if self.sheet.is_some() {
            return false;
        }
        let Some(colon) = recover::missing_space_at(text) else {
            return false;
        };
        let fixed = format!("{}: {}", &text[..colon], &text[colon + 1..]);
        self.error(
            self.at(path),
            format!("a space is missing after the colon in `{}`", quotable(text)),
            format!(
                "write `{}`: YAML needs a space after the colon of a key",
                quotable(&fixed)
            ),
        );
        true
    }

    fn warn_outside_profile(
        &mut self,
        item_id: &str,
        sections: &HashMap<&str, &str>,
        profile: Option<&Profile>,
    ) {
        let (Some(profile), Some(section_id)) = (profile, sections.get(item_id)) else {
            return;
        };
        if !profile.applies_to(section_id, item_id) {
            self.warn(
                self.at("answers"),
                format!(
                    "item `{item_id}` is not in profile `{}`; the answer carried to it is not scored",
                    profile.id
                ),
                "remove the answer, or use a profile that includes the item",
            );
        }
    }

    fn unknown_item<'c>(
        &mut self,
        item_id: &str,
        path: &str,
        checklist: &'c Checklist,
        index: &mut Option<NearestIndex<'c>>,
    ) {
        let hint = match suggest_item(item_id, checklist, index) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "list the item ids with `sro-assess checklist show {}`",
                checklist.id
            ),
        };
        self.error(
            self.key_at(path),
            format!(
                "unknown item `{}` in checklist `{}`",
                quotable(item_id),
                checklist.id
            ),
            hint,
        );
    }

    fn answer(
        &mut self,
        item_id: &str,
        entry: &RawAnswer,
        path: &str,
        checklist: &Checklist,
    ) -> Option<Answer> {
        let mut answer = Answer::empty(item_id);
        let status_path;
        let status = match entry {
            MappingOr::Other(Value::Null) => return None,
            MappingOr::Other(status) => {
                status_path = path.to_string();
                status
            }
            MappingOr::Mapping(fields) => {
                self.unknown_answer_keys(&fields.unknown, item_id, path);
                self.answer_fields(&mut answer, &fields.known, path, checklist);
                status_path = child(path, "status");
                match fields.known.get(AnswerField::Status) {
                    Some(value) => value,
                    None => {
                        self.warn_no_status(item_id, path, checklist);
                        // Its note ("the clause exists but its text was not visible") still
                        // reaches the reports, beside the item in the unanswered list.
                        return answer.has_text().then_some(answer);
                    }
                }
            }
        };
        let status = self.status(status, &status_path, item_id, checklist)?;
        let not_applicable = checklist
            .scale_level(&status)
            .is_some_and(ScaleLevel::is_not_applicable);
        answer.status = Some(status);
        if not_applicable && answer.note.as_deref().is_none_or(str::is_empty) {
            let hint = match self.sheet {
                Some(places) => places.note_hint(path),
                None => {
                    "add `note:` with the reason, so the board can see why it does not apply".into()
                }
            };
            self.warn(
                self.key_at(path),
                format!("`{item_id}` is marked not applicable without a note saying why"),
                hint,
            );
        }
        Some(answer)
    }

    fn unknown_answer_keys(&mut self, unknown: &[Option<String>], item_id: &str, path: &str) {
        for key in unknown {
            let name = key.as_deref().unwrap_or("?");
            let hint = nearest(name, ANSWER_KEYS).map_or_else(
                || format!("an answer's keys are: {}", ANSWER_KEYS.join(", ")),
                |b| format!("did you mean `{b}`?"),
            );
            self.error(
                self.key_at(&child(path, name)),
                format!("unknown key `{name}` in the answer to `{item_id}`"),
                hint,
            );
        }
    }

    /// Reads every field of the long form but the status, which [`Self::status`] reads.
    fn answer_fields(
        &mut self,
        answer: &mut Answer,
        fields: &RawAnswerFields,
        path: &str,
        checklist: &Checklist,
    ) {
        let item_id = answer.item_id.clone();
        for field in AnswerField::ALL {
            if field.kind() == FieldKind::Status {
                continue;
            }
            let (value, at) = (fields.get(field), child(path, field.key()));
            match answer.slot(field) {
                FieldSlot::Text(slot) => *slot = self.optional_text(value, &at),
                FieldSlot::Date(slot) => *slot = value.and_then(|v| self.date(v, &at)),
                FieldSlot::Ratings(slot) => {
                    *slot =
                        value.map_or_else(Vec::new, |v| self.ratings(v, &at, &item_id, checklist));
                }
            }
        }
    }

    /// Reads a consensus file's `ratings:`, each member's name with their status (empty when
    /// they left the item unanswered), statuses read as forgivingly as an answer's.
    fn ratings(
        &mut self,
        value: &Value,
        path: &str,
        item_id: &str,
        checklist: &Checklist,
    ) -> Vec<MemberRating> {
        let Value::Mapping(members) = value else {
            if !value.is_null() {
                self.error(
                    self.at(path),
                    format!("the `ratings` of `{item_id}` should list each member with their status, but they are {}", type_name(value)),
                    "write one line per member under `ratings:`, such as `Parent: partial` (`sro-assess consensus --answers-out` writes them)",
                );
            }
            return Vec::new();
        };
        let mut ratings = Vec::with_capacity(members.len());
        for (name, status) in members {
            let Some(rater) = scalar_text(name).filter(|n| !n.trim().is_empty()) else {
                self.error(
                    self.at(path),
                    format!("a member's name under the `ratings` of `{item_id}` should be text"),
                    "write the member's name or role before the colon, such as `Parent: partial`",
                );
                continue;
            };
            let status = match status {
                Value::Null => None,
                given => self.status(given, &child(path, &rater), item_id, checklist),
            };
            ratings.push(MemberRating { rater, status });
        }
        ratings
    }

    fn warn_no_status(&mut self, item_id: &str, path: &str, checklist: &Checklist) {
        let hint = match self.sheet {
            Some(places) => {
                places.status_hint(path, &sheet::scale_labels(checklist, &self.profile_labels))
            }
            None => "add `status: met`, `partial`, `not_met` or `na`".into(),
        };
        self.warn(
            self.key_at(path),
            format!("the answer to `{item_id}` has no `status` yet; it counts as unanswered"),
            hint,
        );
    }

    /// Matches a status forgivingly: case, spaces, hyphens, the scale's labels and aliases.
    fn status(
        &mut self,
        value: &Value,
        path: &str,
        item_id: &str,
        checklist: &Checklist,
    ) -> Option<String> {
        let Some(text) = self.text_as_typed(value, path) else {
            let values: Vec<&str> = checklist.scale.iter().map(|l| l.value.as_str()).collect();
            self.error(
                self.at(path),
                format!(
                    "the status of `{item_id}` should be one word, but it is {}",
                    type_name(value)
                ),
                format!("use one of: {}", values.join(", ")),
            );
            return None;
        };
        if self.missing_space(&text, path) {
            return None;
        }
        let problem = match resolve_status(&text, checklist) {
            Ok(level) => return Some(level.value.clone()),
            Err(problem) => problem,
        };
        if let Some(value) = self.profile_label_value(&text) {
            return Some(value);
        }
        let hint = match self.sheet {
            Some(_) => sheet::status_hint(&problem, checklist, &self.profile_labels),
            None => problem.hint(|best| format!("did you mean `{best}`?")),
        };
        self.error(self.at(path), problem.message(Some(item_id)), hint);
        None
    }
}

impl Check<'_> {
    /// The scale value whose profile label `text` is, compared as statuses are.
    fn profile_label_value(&self, text: &str) -> Option<String> {
        let key = status_key(text);
        self.profile_labels
            .iter()
            .find(|(_, label)| status_key(label) == key)
            .map(|(value, _)| value.clone())
    }
}

/// The scale value a status names, as [`resolve_status`] finds it or as `profile` labels it
/// (`Provided for in the plan` is `met` in a plan); `None` when it names none.
pub fn status_value(
    text: &str,
    checklist: &Checklist,
    profile: Option<&Profile>,
) -> Option<String> {
    if let Ok(level) = resolve_status(text, checklist) {
        return Some(level.value.clone());
    }
    let key = status_key(text);
    profile?
        .labels
        .iter()
        .find(|(_, label)| status_key(label) == key)
        .map(|(value, _)| value.clone())
}

/// `a, b and c`.
fn listed(keys: &[&str]) -> String {
    match keys.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Whether a top-level key is an item id (in any case, or renamed): an answer that lost its
/// indentation under `answers:`.
fn names_an_item<'c>(
    key: &str,
    checklist: &'c Checklist,
    folded: &mut Option<FoldedIds<'c>>,
) -> bool {
    checklist.renamed_to(key).is_some() || FoldedIds::get(folded, checklist).find(key).is_some()
}

/// Item ids by their lowercase form, built on first use; `None` where two ids differ only in
/// case, since the fix is then not certain. One lookup per id keeps a large file linear.
struct FoldedIds<'c>(HashMap<String, Option<&'c str>>);

impl<'c> FoldedIds<'c> {
    fn get<'f>(slot: &'f mut Option<Self>, checklist: &'c Checklist) -> &'f Self {
        slot.get_or_insert_with(|| {
            let mut ids = HashMap::new();
            for (_, item) in checklist.items() {
                ids.entry(item.id.to_ascii_lowercase())
                    .and_modify(|id| *id = None)
                    .or_insert(Some(item.id.as_str()));
            }
            Self(ids)
        })
    }

    fn find(&self, written: &str) -> Option<&'c str> {
        self.0.get(&written.to_ascii_lowercase()).copied().flatten()
    }
}

/// The nearest item id: through an index of every id when the typo is within two edits,
/// else within the section the id names when that section is small. Never a scan of every
/// id per typo, so a file full of typos stays linear in its size.
fn suggest_item<'c>(
    item_id: &str,
    checklist: &'c Checklist,
    index: &mut Option<NearestIndex<'c>>,
) -> Option<&'c str> {
    let index = index.get_or_insert_with(|| {
        NearestIndex::new(checklist.items().map(|(_, item)| item.id.as_str()))
    });
    if let Some(best) = index.nearest(item_id) {
        return Some(best);
    }
    const SMALL_SECTION: usize = 200;
    let (section_part, _) = item_id.split_once('.').unwrap_or((item_id, ""));
    let section = checklist
        .sections
        .iter()
        .find(|s| s.id == section_part)
        .or_else(|| {
            let best = nearest(
                section_part,
                checklist.sections.iter().map(|s| s.id.as_str()),
            )?;
            checklist.sections.iter().find(|s| s.id == best)
        })
        .filter(|s| s.items.len() <= SMALL_SECTION)?;
    nearest(item_id, section.items.iter().map(|i| i.id.as_str()))
}
