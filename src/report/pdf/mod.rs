//! The PDF report for school boards. (Being written: see issue 3.)

use super::{Format, RenderOptions, Renderer};
use crate::error::{Error, Result};
use crate::score::Assessment;

/// Renders the PDF report.
pub struct PdfRenderer;

impl Renderer for PdfRenderer {
    fn render(&self, _assessment: &Assessment, _options: &RenderOptions) -> Result<Vec<u8>> {
        Err(Error::Render { format: Format::Pdf.name(), message: "not built yet".into() })
    }
}
