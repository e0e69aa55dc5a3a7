//! Rendering: an [`Assessment`] in, bytes out. One module per format; none of them scores,
//! prints, reads the clock or probes the terminal.

mod csv;
mod json;
mod markdown;
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
}

impl Format {
    /// Every format, in the order help text lists them.
    pub const ALL: [Format; 4] = [Self::Table, Self::Markdown, Self::Csv, Self::Json];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Markdown => "markdown",
            Self::Csv => "csv",
            Self::Json => "json",
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
