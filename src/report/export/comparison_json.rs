//! JSON for comparisons and summaries: the whole model, with stable field names and a format tag.

use serde::Serialize;

use super::envelope::{self, Kind};
use crate::compare::{Comparison, Summary};
use crate::error::Result;
use crate::report::RenderOptions;
use crate::report::view;

/// Renders comparisons and summaries as JSON.
pub struct JsonRenderer;

/// Bumped whenever a field of the comparison or summary documents is renamed or removed.
pub const JSON_FORMAT_VERSION: u32 = 2;

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Document<'a, T: Serialize> {
    /// The DRAFT line the other formats print at the top, `null` when no assessment behind
    /// the document is a draft (the reasons per assessment are in `draft`).
    draft_notice: Option<String>,
    #[serde(flatten)]
    body: &'a T,
}

const COMPARISON: Kind = Kind {
    name: "sro-assess/comparison",
    format_version: JSON_FORMAT_VERSION,
};

const SUMMARY: Kind = Kind {
    name: "sro-assess/summary",
    format_version: JSON_FORMAT_VERSION,
};

/// The JSON Schema of the comparison's JSON.
pub(crate) fn comparison_schema() -> Result<Vec<u8>> {
    envelope::schema_json::<Document<'static, Comparison>>(COMPARISON)
}

/// The JSON Schema of the summary's JSON.
pub(crate) fn summary_schema() -> Result<Vec<u8>> {
    envelope::schema_json::<Document<'static, Summary>>(SUMMARY)
}

fn to_json<T: Serialize>(kind: Kind, draft_notice: Option<String>, body: &T) -> Result<Vec<u8>> {
    // Comparisons and summaries never carry internal notes.
    envelope::to_json(kind, false, &Document { draft_notice, body })
}

impl JsonRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, _options: &RenderOptions) -> Result<Vec<u8>> {
        to_json(COMPARISON, view::comparison::comparison_draft_line(c), c)
    }

    pub(crate) fn summary(&self, s: &Summary, _options: &RenderOptions) -> Result<Vec<u8>> {
        to_json(SUMMARY, view::summary::summary_draft_line(s), s)
    }
}
