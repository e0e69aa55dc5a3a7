//! CSV and JSON: direct exports of the score and comparison models, not drawn from a document.

pub(crate) mod assessment_csv;
pub(crate) mod comparison_csv;
pub(crate) mod comparison_json;
pub(crate) mod json;
