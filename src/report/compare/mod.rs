//! Rendering comparisons and summaries: a [`Comparison`] or [`Summary`] in, bytes out. One
//! module per format; none of them scores, compares, prints or probes the terminal.
//!
//! The PDF ([`pdf`]) shares the single-assessment report's cover style, footer and stamp.

mod csv;
mod json;
mod markdown;
pub mod pdf;
mod table;
pub mod view;

use crate::compare::{Comparison, Summary};
use crate::error::Result;
use crate::report::{Format, RenderOptions};

/// Turns comparisons and summaries into bytes in one format.
pub trait ComparisonRenderer {
    /// Renders a comparison.
    fn comparison(&self, comparison: &Comparison, options: &RenderOptions) -> Result<Vec<u8>>;
    /// Renders a summary.
    fn summary(&self, summary: &Summary, options: &RenderOptions) -> Result<Vec<u8>>;
}

/// The formats `compare` and `summary` can write.
pub const FORMATS: [Format; 5] = [
    Format::Table,
    Format::Markdown,
    Format::Csv,
    Format::Json,
    Format::Pdf,
];

/// The renderer for a format. Every format has one; the `Result` stays so that callers need
/// not change if a format is ever refused again.
pub fn renderer_for(format: Format) -> Result<Box<dyn ComparisonRenderer>> {
    match format {
        Format::Table => Ok(Box::new(table::TableRenderer)),
        Format::Markdown => Ok(Box::new(markdown::MarkdownRenderer)),
        Format::Csv => Ok(Box::new(csv::CsvRenderer)),
        Format::Json => Ok(Box::new(json::JsonRenderer)),
        Format::Pdf => Ok(Box::new(pdf::PdfRenderer)),
        // Issue 7 made HTML for single reports only.
        Format::Html => Err(crate::report::render_error(
            format,
            "comparisons and summaries are written as table, markdown, csv, json or pdf",
        )),
    }
}

/// Renders a comparison in `format`.
pub fn render_comparison(
    comparison: &Comparison,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    renderer_for(format)?.comparison(comparison, options)
}

/// Renders a summary in `format`.
pub fn render_summary(
    summary: &Summary,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    renderer_for(format)?.summary(summary, options)
}
