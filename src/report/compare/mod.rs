//! Drawing comparisons and summaries, one module per format, for the backends of
//! [`crate::report::Backend`]; none of them scores, compares, prints or probes the terminal.
//!
//! The PDF ([`pdf`]) shares the single-assessment report's cover style, footer and stamp.

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod markdown;
pub mod pdf;
pub(crate) mod table;
pub mod view;
