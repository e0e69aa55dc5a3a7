//! Any bytes as two or more answers files for the bundled checklist (split at lines of `---8<---`):
//! those that load are compared and summarised, and both are rendered in every format. Each
//! step must return a value or an error, never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sro_assess::compare::{self, SummaryBuilder};
use sro_assess::load::{self, AnswersFile, LoadedChecklist};
use sro_assess::report::compare::{render_comparison, render_summary};
use sro_assess::report::{Format, RenderOptions};
use sro_assess::score::{self, Assessment};

fn bundled() -> &'static LoadedChecklist {
    static CHECKLIST: OnceLock<LoadedChecklist> = OnceLock::new();
    CHECKLIST.get_or_init(|| {
        load::bundled_checklist("wi-sro-best-practices")
            .expect("bundled checklist exists")
            .expect("bundled checklist is valid")
    })
}

fn assess(text: &str) -> Option<Assessment> {
    let file = AnswersFile::from_text(text, std::path::Path::new("fuzz.yaml")).ok()?;
    let checklist = &bundled().checklist;
    let (answers, _warnings) = file.validate(checklist).ok()?;
    Some(score::score(checklist, &answers, &file.hash))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
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
    for format in Format::ALL {
        let _ = render_comparison(&comparison, format, &options);
        let _ = render_summary(&summary, format, &options);
    }
});
