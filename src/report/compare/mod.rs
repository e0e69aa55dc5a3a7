//! The comparison and the summary: each stated once as a document ([`subject`]) that every
//! medium draws, and exported directly as CSV and JSON. Nothing here scores, compares, prints
//! or probes the terminal.

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod markdown;
pub mod pdf;
pub mod subject;
pub(crate) mod table;
pub mod view;
