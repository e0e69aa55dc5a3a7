//! The comparison and the summary: each stated once as a document ([`subject`]) that every
//! medium draws, and exported directly as CSV and JSON. Nothing here scores, compares, prints
//! or probes the terminal.

pub(crate) mod csv;
pub(crate) mod json;
pub mod subject;
pub mod view;
