//! The PDF report for school boards: cover, plain-language summary with a bar chart, gaps table,
//! MOU list, action plan, every item, unanswered items, method and sources.
//!
//! `content` decides what goes on the pages, [`layout`] where (a model tested without a PDF),
//! `draw` writes the model as content streams into a printpdf document. Text is set in the
//! built-in Helvetica, which covers WinAnsi only; [`encode`] replaces other characters readably
//! and [`character_warnings`] names them.

pub(crate) mod content;
pub(crate) mod draw;
pub mod encode;
pub mod layout;
pub mod metrics;
#[doc(hidden)]
pub mod synthetic;
pub mod worksheet;

use super::{RenderOptions, Renderer};
use crate::error::Result;
use crate::score::Assessment;

/// Renders the PDF report.
pub struct PdfRenderer;

impl Renderer for PdfRenderer {
    fn render(&self, assessment: &Assessment, options: &RenderOptions) -> Result<Vec<u8>> {
        Ok(draw_with_warnings(assessment, options).0)
    }
}

/// The PDF of the public view (internal notes removed unless asked for) and the warnings of
/// [`character_warnings`], from one layout pass.
pub fn render_with_warnings(
    assessment: &Assessment,
    options: &RenderOptions,
) -> Result<(Vec<u8>, Vec<String>)> {
    Ok(draw_with_warnings(&printed(assessment, options), options))
}

fn draw_with_warnings(assessment: &Assessment, options: &RenderOptions) -> (Vec<u8>, Vec<String>) {
    let layout = content::build(assessment, options);
    let geometry = layout.geometry();
    let (pages, encoder) = layout.finish();
    let meta = draw::Meta {
        title: format!("SRO program gap report: {}", assessment.meta.district),
        author: assessment.meta.prepared_by.clone().unwrap_or_default(),
        date: (
            assessment.meta.date.year(),
            assessment.meta.date.month(),
            assessment.meta.date.day(),
        ),
    };
    let bytes = draw::to_pdf(pages, geometry, &meta);
    (bytes, encoder.warnings())
}

/// The public view of the assessment for these options: internal notes removed unless asked
/// for, exactly as [`super::render_to_vec`] does before rendering.
fn printed(assessment: &Assessment, options: &RenderOptions) -> Assessment {
    if options.include_internal_notes {
        assessment.clone()
    } else {
        assessment.without_internal_notes()
    }
}

/// The laid-out pages of the report, footers included: what the PDF draws, mark for mark.
pub fn pages(assessment: &Assessment, options: &RenderOptions) -> Vec<layout::Page> {
    content::build(&printed(assessment, options), options)
        .finish()
        .0
}

/// How many pages the PDF of this assessment has.
pub fn page_count(assessment: &Assessment, options: &RenderOptions) -> usize {
    pages(assessment, options).len()
}

/// One warning per character the built-in font cannot show, naming it and what was printed
/// instead. Empty when every character of the report prints as written.
pub fn character_warnings(assessment: &Assessment, options: &RenderOptions) -> Vec<String> {
    content::build(&printed(assessment, options), options)
        .finish()
        .1
        .warnings()
}

#[cfg(test)]
mod tests;
