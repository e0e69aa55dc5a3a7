//! Any bytes as an answers file for the bundled checklist: load, validate, score and render
//! every format. Each step must return a value or an error, never panic.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use sro_assess::report::{self, Format, RenderOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(assessment) = common::assess(text) else { return };
    let options = RenderOptions { include_internal_notes: data.len() % 2 == 0, ..RenderOptions::default() };
    for format in Format::ALL {
        let _ = report::render_to_vec(&assessment, format, &options);
    }
});
