//! Any bytes as two or more answers files for the bundled checklist (split at lines of `---8<---`):
//! those that load are compared and summarized, and both are rendered in every format. Each
//! step must return a value or an error, never panic.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::compare(data));
