//! Any bytes as two or more answers files for the bundled checklist (split at lines of `---8<---`):
//! those that load are compared and summarized, and both are rendered in every format. Each
//! step must return a value or an error, never panic.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use sro_assess::compare::{self, SummaryBuilder};
use sro_assess::report::{Format, RenderOptions, backend};
use sro_assess::score::Assessment;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let assessments: Vec<Assessment> = text.split("\n---8<---\n").filter_map(common::assess).collect();
    if assessments.is_empty() {
        return;
    }
    let checklist = &common::bundled().checklist;
    let comparison = compare::compare(checklist, &assessments);
    let mut builder = SummaryBuilder::new(checklist);
    for (n, assessment) in assessments.iter().enumerate() {
        builder.add(assessment, &format!("district-{n}.yaml"));
    }
    let summary = builder.finish();
    let options = RenderOptions::default();
    for format in Format::ALL {
        let _ = backend(format).comparison(&comparison, &options);
        let _ = backend(format).summary(&summary, &options);
    }
});
