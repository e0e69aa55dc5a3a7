//! Rendering comparisons and summaries: a [`Comparison`] or [`Summary`] in, bytes out. One
//! module per format; none of them scores, compares, prints or probes the terminal.
//!
//! PDF is not here yet: it comes with the PDF module (see issue 4), and until then
//! [`renderer_for`] refuses it with a message that names the formats that work.

mod csv;
mod json;
mod markdown;
mod table;
pub mod view;

use crate::compare::{Comparison, Summary};
use crate::error::{Error, Result};
use crate::report::{Format, RenderOptions};

/// Turns comparisons and summaries into bytes in one format.
pub trait ComparisonRenderer {
    /// Renders a comparison.
    fn comparison(&self, comparison: &Comparison, options: &RenderOptions) -> Result<Vec<u8>>;
    /// Renders a summary.
    fn summary(&self, summary: &Summary, options: &RenderOptions) -> Result<Vec<u8>>;
}

/// The formats `compare` and `summary` can write.
pub const FORMATS: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

/// The renderer for a format, or an error for a format comparisons cannot use yet.
pub fn renderer_for(format: Format) -> Result<Box<dyn ComparisonRenderer>> {
    match format {
        Format::Table => Ok(Box::new(table::TableRenderer)),
        Format::Markdown => Ok(Box::new(markdown::MarkdownRenderer)),
        Format::Csv => Ok(Box::new(csv::CsvRenderer)),
        Format::Json => Ok(Box::new(json::JsonRenderer)),
        Format::Pdf => Err(Error::Render {
            format: format.name(),
            message: "comparisons and summaries cannot be written as PDF yet; use table, \
                      markdown, csv or json"
                .into(),
        }),
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
