//! Any bytes as a spreadsheet (CSV or a workbook): read into cells and into sheet answers,
//! checked against the bundled checklist. Each step must return a value or an error.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::sheet(data));
