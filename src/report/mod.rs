//! Rendering: an [`Assessment`], a [`Comparison`] or a [`Summary`] in, bytes and warnings out.
//! One [`Backend`] per format draws every subject; none of them scores, prints, reads the clock
//! or probes the terminal.

pub mod board;
pub mod document;
mod export;
pub mod glossary;
pub mod medium;
pub mod pdf;
pub mod subject;
pub mod view;

use std::borrow::Cow;
use std::path::Path;

use crate::compare::{Comparison, Summary};
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
    /// Use color (terminal table only).
    pub color: bool,
    /// Wrap the terminal table to this many columns (`None`: 100).
    pub width: Option<u16>,
    /// Print internal notes (never on by default: they may name students).
    pub include_internal_notes: bool,
    /// Paper size of PDF output.
    pub paper: Paper,
    /// The board's brief for a consent agenda: the first page and the gap list only
    /// (assessment report; other subjects ignore it).
    pub brief: bool,
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

    /// The format's name in a sentence (`JSON`, `PDF`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Markdown => "Markdown",
            Self::Csv => "CSV",
            Self::Json => "JSON",
            Self::Pdf => "PDF",
            Self::Html => "HTML",
        }
    }
}

/// What a backend drew: the bytes, and the warnings to print beside them (the PDF's built-in
/// font names each character it had to replace; the other media have none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The document.
    pub bytes: Vec<u8>,
    /// One line per warning, without the file name.
    pub warnings: Vec<String>,
}

impl Rendered {
    /// Bytes with nothing to warn about.
    pub fn plain(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// One medium: draws every subject it supports. An assessment is drawn in its public view
/// (internal notes removed) unless the options ask for the notes; a subject the medium does
/// not support is [`Error::FormatNotAvailable`].
pub trait Backend {
    /// Draws one assessment's gap report.
    fn assessment(&self, assessment: &Assessment, options: &RenderOptions) -> Result<Rendered>;
    /// Draws a comparison of several assessments.
    fn comparison(&self, comparison: &Comparison, options: &RenderOptions) -> Result<Rendered>;
    /// Draws a summary of many districts.
    fn summary(&self, summary: &Summary, options: &RenderOptions) -> Result<Rendered>;
}

/// The backend of a format.
pub fn backend(format: Format) -> &'static dyn Backend {
    match format {
        Format::Table => &Table,
        Format::Markdown => &Markdown,
        Format::Csv => &Csv,
        Format::Json => &Json,
        Format::Pdf => &Pdf,
        Format::Html => &Html,
    }
}

/// Renders an assessment in `format` (internal notes removed unless the options ask for them).
pub fn render_assessment(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<Rendered> {
    backend(format).assessment(assessment, options)
}

/// The bytes of [`render_assessment`], for callers that have no use for the warnings.
pub fn render_to_vec(
    assessment: &Assessment,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>> {
    Ok(render_assessment(assessment, format, options)?.bytes)
}

/// The assessment as these options may print it: internal notes only when asked for.
pub(crate) fn public_view<'a>(
    assessment: &'a Assessment,
    options: &RenderOptions,
) -> Cow<'a, Assessment> {
    if options.include_internal_notes {
        Cow::Borrowed(assessment)
    } else {
        Cow::Owned(assessment.without_internal_notes())
    }
}

/// The gap report as a document, drawn in `format` (a medium: table, Markdown, HTML or PDF).
fn draw_assessment(a: &Assessment, format: Format, o: &RenderOptions) -> Result<Rendered> {
    // The public copy is dropped once the document is made: a long report's copy is megabytes
    // the drawing does not need.
    let document = subject::assessment(&public_view(a, o), o);
    medium::draw(document, format, o)
}

pub(crate) fn encode_error(format: Format, err: impl std::fmt::Display) -> Error {
    Error::Encode {
        format: format.label(),
        message: err.to_string(),
    }
}

struct Table;
struct Markdown;
struct Csv;
struct Json;
struct Pdf;
struct Html;

impl Backend for Table {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        draw_assessment(a, Format::Table, o)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        draw_comparison(c, Format::Table, o)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        draw_summary(s, Format::Table, o)
    }
}

impl Backend for Markdown {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        draw_assessment(a, Format::Markdown, o)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        draw_comparison(c, Format::Markdown, o)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        draw_summary(s, Format::Markdown, o)
    }
}

impl Backend for Csv {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        export::assessment_csv::CsvRenderer
            .render(&public_view(a, o), o)
            .map(Rendered::plain)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        export::comparison_csv::CsvRenderer
            .comparison(c, o)
            .map(Rendered::plain)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        export::comparison_csv::CsvRenderer
            .summary(s, o)
            .map(Rendered::plain)
    }
}

impl Backend for Json {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        export::json::JsonRenderer
            .render(&public_view(a, o), o)
            .map(Rendered::plain)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        export::comparison_json::JsonRenderer
            .comparison(c, o)
            .map(Rendered::plain)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        export::comparison_json::JsonRenderer
            .summary(s, o)
            .map(Rendered::plain)
    }
}

impl Backend for Pdf {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        draw_assessment(a, Format::Pdf, o)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        draw_comparison(c, Format::Pdf, o)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        draw_summary(s, Format::Pdf, o)
    }
}

impl Backend for Html {
    fn assessment(&self, a: &Assessment, o: &RenderOptions) -> Result<Rendered> {
        draw_assessment(a, Format::Html, o)
    }
    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> Result<Rendered> {
        draw_comparison(c, Format::Html, o)
    }
    fn summary(&self, s: &Summary, o: &RenderOptions) -> Result<Rendered> {
        draw_summary(s, Format::Html, o)
    }
}

/// The comparison's one document, drawn in a medium.
fn draw_comparison(c: &Comparison, format: Format, o: &RenderOptions) -> Result<Rendered> {
    medium::draw(subject::comparison(c, o), format, o)
}

/// The summary's one document, drawn in a medium.
fn draw_summary(s: &Summary, format: Format, o: &RenderOptions) -> Result<Rendered> {
    medium::draw(subject::summary(s, o), format, o)
}

#[cfg(test)]
mod tests;
