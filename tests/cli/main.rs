//! CLI end-to-end tests: one test binary, one module per area.

mod common;
mod pdf;
