//! The library, called the way the binary calls it: golden checks of text outputs run here,
//! without starting a process per check. Every in-process rendering of these tests goes through
//! [`render_report`], so a change of the render API is adapted in one place.

use std::path::Path;

use sro_assess::compare::{self, SummaryBuilder};
use sro_assess::load::AnswersFile;
use sro_assess::model::Checklist;
use sro_assess::report::{self, Format, RenderOptions};
use sro_assess::score::{self, Assessment};

/// The checklist an answers file names, and its assessment, as `report` makes them.
fn assess(answers: &Path) -> (Checklist, Assessment) {
    let file = AnswersFile::read(answers).unwrap();
    let loaded = file.checklist(None).unwrap();
    let (validated, _warnings) = file.validate(&loaded.checklist).unwrap();
    let assessment = score::score(&loaded.checklist, &validated, &file.hash);
    (loaded.checklist, assessment)
}

/// The text `subject` renders to: what the binary prints on standard output when it is not a
/// terminal and `COLUMNS` is unset, or with `--width WIDTH`.
fn render(subject: report::Subject<'_>, format: Format, width: Option<u16>) -> String {
    let options = RenderOptions {
        width,
        ..RenderOptions::default()
    };
    String::from_utf8(report::render(subject, format, &options).unwrap().bytes).unwrap()
}

/// What `sro-assess report ANSWERS --format FORMAT --width WIDTH` prints on standard output.
pub fn render_report(answers: &Path, format: Format, width: u16) -> String {
    let (_, assessment) = assess(answers);
    render(
        report::Subject::Assessment(&assessment),
        format,
        Some(width),
    )
}

/// What `sro-assess compare ANSWERS... --format FORMAT [--only-differences] [--width WIDTH]`
/// prints on standard output.
pub fn render_comparison(
    answers: &[&str],
    only_differences: bool,
    format: Format,
    width: Option<u16>,
) -> String {
    let scored: Vec<(Checklist, Assessment)> =
        answers.iter().map(|a| assess(Path::new(a))).collect();
    let assessments: Vec<Assessment> = scored.iter().map(|(_, a)| a.clone()).collect();
    let mut comparison = compare::compare(&scored[0].0, &assessments);
    if only_differences {
        comparison = comparison.only_differences();
    }
    render(report::Subject::Comparison(&comparison), format, width)
}

/// What `sro-assess summary FOLDER --format FORMAT` prints on standard output for a folder of
/// answers files on one checklist: each file named as the binary names it, `FOLDER/NAME`, in
/// name order.
pub fn render_summary(folder: &str, format: Format) -> String {
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    files.sort();
    let mut builder: Option<SummaryBuilder> = None;
    for file in &files {
        let (checklist, assessment) = assess(Path::new(file));
        builder
            .get_or_insert_with(|| SummaryBuilder::new(&checklist))
            .add(&assessment, file);
    }
    let summary = builder.expect("answers files in the folder").finish();
    render(report::Subject::Summary(&summary), format, None)
}
