//! JSON for comparisons and summaries: the whole model, with stable field names and a format tag.

use serde::Serialize;

use crate::compare::{Comparison, Summary};
use crate::error::Result;
use crate::report::view;
use crate::report::{Format, RenderOptions, encode_error};

/// Renders comparisons and summaries as JSON.
pub struct JsonRenderer;

/// Bumped whenever a field of the comparison or summary documents is renamed or removed.
pub const JSON_FORMAT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a, T: Serialize> {
    format: &'static str,
    format_version: u32,
    tool_version: &'static str,
    /// Always false: comparisons and summaries never carry internal notes. Present so that
    /// every JSON document of the tool can be checked the same way before it is shared.
    confidential: bool,
    /// The DRAFT line the other formats print at the top, `null` when no assessment behind
    /// the document is a draft (the reasons per assessment are in `draft`).
    draft_notice: Option<String>,
    #[serde(flatten)]
    body: &'a T,
}

fn to_json<T: Serialize>(
    format: &'static str,
    draft_notice: Option<String>,
    body: &T,
) -> Result<Vec<u8>> {
    let document = Document {
        format,
        format_version: JSON_FORMAT_VERSION,
        tool_version: env!("CARGO_PKG_VERSION"),
        confidential: false,
        draft_notice,
        body,
    };
    let mut bytes =
        serde_json::to_vec_pretty(&document).map_err(|e| encode_error(Format::Json, e))?;
    bytes.push(b'\n');
    Ok(bytes)
}

impl JsonRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, _options: &RenderOptions) -> Result<Vec<u8>> {
        to_json(
            "sro-assess/comparison",
            view::comparison::comparison_draft_line(c),
            c,
        )
    }

    pub(crate) fn summary(&self, s: &Summary, _options: &RenderOptions) -> Result<Vec<u8>> {
        to_json(
            "sro-assess/summary",
            view::summary::summary_draft_line(s),
            s,
        )
    }
}
