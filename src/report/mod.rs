//! Rendering: an [`Assessment`] in, bytes out. One module per format; none of them scores,
//! prints, reads the clock or probes the terminal.

pub mod compare;
mod csv;
pub mod html;
mod json;
mod markdown;
pub mod pdf;
mod table;
pub mod view;

use std::path::Path;

use crate::error::{Error, Result};
use crate::score::Assessment;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Terminal tables.
    Table,
    /// Markdown document.
    Markdown,
    /// One CSV row per item (plus overall and section rows).
    Csv,
    /// The whole assessment as JSON.
    Json,
    /// A PDF for the school board (needs an output file).
    Pdf,
    /// One self-contained, accessible HTML page (WCAG 2.1 AA) for a district website.
    Html,
}

impl Format {
    /// Every format, in the order help text lists them.
    pub const ALL: [Format; 6] = [
        Self::Table,
        Self::Markdown,
        Self::Csv,
        Self::Json,
        Self::Pdf,
        Self::Html,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Markdown => "markdown",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Pdf => "pdf",
            Self::Html => "html",
        }
    }

    /// The format a file name's extension implies (`.md`, `.csv`, `.json`, `.txt`).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "txt" => Some(Self::Table),
            "pdf" => Some(Self::Pdf),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// Choices that change how a report looks, decided once by the caller.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Use colour (terminal table only).
    pub color: bool,
    /// Wrap the terminal table to this many columns (`None`: 100).
    pub width: Option<u16>,
    /// Print internal notes (never on by default: they may name students).
    pub include_internal_notes: bool,
    /// Paper size of PDF output.
    pub paper: Paper,
}

/// Paper size of PDF output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in (the default: US school boards print on it).
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

impl Format {
    /// Whether the format is binary and so cannot go to a terminal.
    pub fn is_binary(self) -> bool {
        self == Self::Pdf
    }
}

/// Turns an assessment into bytes in one format.
pub trait Renderer {
    /// Renders the assessment.
    fn render(&self, assessment: &Assessment, options: &RenderOptions) -> Result<Vec<u8>>;
}

/// The renderer for a format.
pub fn renderer_for(format: Format) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(table::TableRenderer),
        Format::Markdown => Box::new(markdown::MarkdownRenderer),
        Format::Csv => Box::new(csv::CsvRenderer),
        Format::Json => Box::new(json::JsonRenderer),
        Format::Pdf => Box::new(pdf::PdfRenderer),
        Format::Html => Box::new(html::HtmlRenderer),
    }
}

/// Renders in `format`, removing internal notes first unless the options ask for them.
pub fn render_to_vec(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    let renderer = renderer_for(format);
    if options.include_internal_notes {
        renderer.render(assessment, options)
    } else {
        renderer.render(&assessment.without_internal_notes(), options)
    }
}

pub(crate) fn render_error(format: Format, err: impl std::fmt::Display) -> Error {
    Error::Render {
        format: format.name(),
        message: err.to_string(),
    }
}

#[cfg(test)]
mod tests;
