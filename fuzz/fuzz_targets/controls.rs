//! Any text in every free-text field of an answers file, through every medium: terminal and
//! Markdown output never hold a control character that could act on a terminal.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::controls(data));
