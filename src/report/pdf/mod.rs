//! The PDF engine: [`layout`] places text, tables and charts on pages (a model tested without
//! a PDF) and records what each mark is ([`tags`]); `draw` writes the model as content streams
//! and `tagged` makes it a tagged PDF/UA-1 file. Text is set in Liberation Sans ([`font`]),
//! embedded and subset; [`encode`] replaces characters it lacks readably and names them in the
//! warnings of [`super::Rendered`]. What a report says is its document (`report::subject`),
//! drawn through this engine by `report::medium::pdf`.

pub(crate) mod draw;
pub mod encode;
pub mod font;
pub mod layout;
pub mod metrics;
#[doc(hidden)]
pub mod synthetic;
pub(crate) mod tagged;
pub mod tags;
mod truetype;
mod write;

use super::{RenderOptions, public_view};
use crate::score::Assessment;

/// The laid-out pages of the report, footers included: what the PDF draws, mark for mark.
pub fn pages(assessment: &Assessment, options: &RenderOptions) -> Vec<layout::Page> {
    let document = crate::report::subject::assessment(&public_view(assessment, options), options);
    crate::report::medium::pdf::lay_out(&document, options)
        .finish()
        .0
}

/// How many pages the PDF of this assessment has.
pub fn page_count(assessment: &Assessment, options: &RenderOptions) -> usize {
    pages(assessment, options).len()
}

#[cfg(test)]
mod tests;
