//! The PDF report for school boards: cover, plain-language summary with a bar chart, gaps table,
//! MOU list, action plan, every item, unanswered items, method and sources.
//!
//! `content` decides what goes on the pages, [`layout`] where (a model tested without a PDF)
//! and what each mark is ([`tags`]), `draw` writes the model as content streams into a
//! printpdf document and `tagged` makes it a tagged PDF/UA-1 file. Text is set in Liberation
//! Sans ([`font`]), embedded and subset; [`encode`] replaces characters it lacks readably and
//! names them in the warnings of [`super::Rendered`].

pub(crate) mod content;
pub(crate) mod draw;
pub mod encode;
pub mod font;
pub mod layout;
pub mod metrics;
#[doc(hidden)]
pub mod synthetic;
pub(crate) mod tagged;
pub mod tags;
pub mod worksheet;
mod write;

use super::{RenderOptions, Rendered, public_view};
use crate::score::Assessment;

/// The PDF of the assessment as given (the backend passes its public view) and one warning
/// per character the fonts could not show, from one layout pass.
pub(crate) fn render(assessment: &Assessment, options: &RenderOptions) -> Rendered {
    let layout = content::build(assessment, options);
    let meta = draw::Meta {
        title: format!("SRO program gap report: {}", assessment.meta.district),
        author: assessment.meta.prepared_by.clone().unwrap_or_default(),
        date: (
            assessment.meta.date.year(),
            assessment.meta.date.month(),
            assessment.meta.date.day(),
        ),
        language: String::new(),
    };
    let (bytes, warnings) = layout.into_pdf(&meta);
    Rendered { bytes, warnings }
}

/// The laid-out pages of the report, footers included: what the PDF draws, mark for mark.
pub fn pages(assessment: &Assessment, options: &RenderOptions) -> Vec<layout::Page> {
    content::build(&public_view(assessment, options), options)
        .finish()
        .0
}

/// How many pages the PDF of this assessment has.
pub fn page_count(assessment: &Assessment, options: &RenderOptions) -> usize {
    pages(assessment, options).len()
}

#[cfg(test)]
mod tests;
