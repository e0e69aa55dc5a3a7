//! Any bytes as a checklist file: loading must return a checklist or diagnostics, never panic.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::checklist(data));
