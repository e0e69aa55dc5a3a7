//! Any bytes as an answers file for the bundled checklist: load, validate, score and render
//! every format. Each step must return a value or an error, never panic.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::answers(data));
