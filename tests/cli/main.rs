//! CLI end-to-end tests: one test binary, one module per area.

mod bad_inputs;
mod commands;
mod common;
mod mutation;
mod pdf;
