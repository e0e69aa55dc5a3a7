//! Shared by the fuzz targets and by the property tests that run the same bodies in CI
//! (tests/cli/fuzz_bodies.rs): the bundled checklist, loaded once, an answers text scored
//! against it, and each target's body.
#![allow(dead_code)] // each target uses some of these

use std::path::Path;
use std::sync::OnceLock;

use sro_assess::compare::{self, SummaryBuilder};
use sro_assess::load::{self, AnswersDocument, AnswersFile, LoadedChecklist};
use sro_assess::report::{self, Format, RenderOptions, Subject};
use sro_assess::score::{self, Assessment};
use sro_assess::spreadsheet::{self, SpreadsheetKind};

/// The bundled checklist, loaded once per fuzzing process.
pub fn bundled() -> &'static LoadedChecklist {
    static CHECKLIST: OnceLock<LoadedChecklist> = OnceLock::new();
    CHECKLIST.get_or_init(|| {
        load::bundled_checklist("wi-sro-best-practices")
            .expect("bundled checklist exists")
            .expect("bundled checklist is valid")
    })
}

/// The assessment of an answers text, or `None` when it does not load or validate.
pub fn assess(text: &str) -> Option<Assessment> {
    let file = AnswersFile::from_text(text, Path::new("fuzz.yaml")).ok()?;
    let checklist = &bundled().checklist;
    let (answers, _warnings) = file.validate(checklist).ok()?;
    Some(score::score(checklist, &answers, &file.hash))
}

/// Any bytes as an answers file: load, validate, score and render every format.
pub fn answers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(assessment) = assess(text) else {
        return;
    };
    let options = RenderOptions {
        include_internal_notes: data.len().is_multiple_of(2),
        ..RenderOptions::default()
    };
    for format in Format::all() {
        let _ = report::render(Subject::Assessment(&assessment), format, &options);
    }
}

/// Any bytes as a checklist file: a checklist or diagnostics; one that loads also lints.
pub fn checklist(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(loaded) = load::parse_checklist(text, Path::new("fuzz.yaml")) {
        let _ = sro_assess::lint::lint(&loaded.checklist);
    }
}

/// Any bytes as answers files split at `---8<---` lines: compared, summarized, rendered.
pub fn compare(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let assessments: Vec<Assessment> = text.split("\n---8<---\n").filter_map(assess).collect();
    if assessments.is_empty() {
        return;
    }
    let checklist = &bundled().checklist;
    let comparison = compare::compare(checklist, &assessments);
    let mut builder = SummaryBuilder::new(checklist);
    for (n, assessment) in assessments.iter().enumerate() {
        builder.add(assessment, &format!("district-{n}.yaml"));
    }
    let summary = builder.finish();
    let options = RenderOptions::default();
    for format in Format::all() {
        let _ = report::render(Subject::Comparison(&comparison), format, &options);
        let _ = report::render(Subject::Summary(&summary), format, &options);
    }
}

/// Any bytes as a spreadsheet (the first byte picks CSV or a workbook): read into cells,
/// then into sheet answers, checked against the bundled checklist like an answers file.
pub fn sheet(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = if pick.is_multiple_of(2) {
        SpreadsheetKind::Csv
    } else {
        SpreadsheetKind::Xlsx
    };
    let Ok(grid) = spreadsheet::grid_from_bytes(Path::new("fuzz.csv"), kind, bytes) else {
        return;
    };
    let checklist = &bundled().checklist;
    let _ = spreadsheet::unused_cells(&grid, checklist);
    let document = AnswersDocument::from_sheet(spreadsheet::sheet_answers(grid));
    let _ = document.validate(checklist);
}

/// `text` as a YAML double-quoted scalar, every character outside printable ASCII escaped, so
/// any control character reaches the value.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Whether `c` could act on a terminal (as `sro_assess::text` defines it).
fn acts_on_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// Any text in every free-text field of an answers file: the terminal and Markdown reports,
/// comparison and summary hold no control character that could act on a terminal, and
/// every other medium draws without a panic. Panics (a finding) when one does.
pub fn controls(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    // Led by a letter: a blank district would stop the file at validation.
    let value = double_quoted(&format!("x{text}"));
    let yaml = format!(
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: {value}\n\
         label: {value}\nprepared_by: {value}\ndate: 2026-03-15\nanswers:\n  \
         governance.written-mou:\n    status: partial\n    evidence: {value}\n    note: {value}\n    \
         internal_note: {value}\n    owner: {value}\n  governance.mou-goals:\n    status: na\n    \
         note: {value}\n"
    );
    let assessment = assess(&yaml).expect("any text in a double-quoted field loads");
    let options = RenderOptions {
        include_internal_notes: true,
        ..RenderOptions::default()
    };
    let checklist = &bundled().checklist;
    let comparison = compare::compare(checklist, &[assessment.clone(), assessment.clone()]);
    let mut builder = SummaryBuilder::new(checklist);
    builder.add(&assessment, &format!("{text}.yaml"));
    let summary = builder.finish();
    for format in Format::all() {
        let drawn = [
            Subject::Assessment(&assessment),
            Subject::Comparison(&comparison),
            Subject::Summary(&summary),
        ]
        .map(|subject| report::render(subject, format, &options).map(|r| r.bytes));
        if !matches!(format, Format::Table | Format::Markdown) {
            continue;
        }
        for bytes in drawn.into_iter().flatten() {
            let shown = String::from_utf8_lossy(&bytes);
            if let Some(c) = shown.chars().find(|&c| acts_on_a_terminal(c)) {
                panic!("{format:?} shows {c:?} raw for the text {text:?}");
            }
        }
    }
}
