//! JSON: the whole assessment with stable, documented field names (see docs/reference.md).

use serde::Serialize;

use super::assessment_csv::is_confidential;
use super::envelope::{self, Kind};
use crate::error::Result;
use crate::model::Checklist;
use crate::report::{ChecklistItems, RenderOptions, view};
use crate::score::Assessment;

/// Renders the JSON report.
pub struct JsonRenderer;

/// The assessment's JSON (its version is bumped whenever a field is renamed or removed).
const ASSESSMENT: Kind = Kind {
    name: "sro-assess/assessment",
    format_version: 1,
};

/// The checklist listing's JSON.
const CHECKLIST: Kind = Kind {
    name: "sro-assess/checklist",
    format_version: 1,
};

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Document<'a> {
    /// The DRAFT line, `null` when the report is final.
    draft_notice: Option<String>,
    /// Answered gaps, most urgent first (item ids).
    gaps: Vec<&'a str>,
    /// Unanswered items, most urgent first (item ids).
    unanswered: Vec<&'a str>,
    /// Items answered "don't know", most urgent first (item ids); present only when there are
    /// some, as is their count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unverified: Vec<&'a str>,
    #[serde(skip_serializing_if = "is_zero")]
    unverified_count: usize,
    /// Items in place, most important first (item ids).
    strengths: Vec<&'a str>,
    /// Critical items answered partly or not in place, most urgent first (item ids).
    critical_gaps: Vec<&'a str>,
    /// Critical items not yet answered, most urgent first (item ids).
    critical_unanswered: Vec<&'a str>,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

impl JsonRenderer {
    pub(crate) fn render(
        &self,
        assessment: &Assessment,
        options: &RenderOptions,
    ) -> Result<Vec<u8>> {
        let document = Document {
            draft_notice: view::assessment::draft_line(assessment),
            gaps: assessment.gaps().map(|i| i.id.as_str()).collect(),
            unanswered: assessment.unanswered().map(|i| i.id.as_str()).collect(),
            unverified: assessment.unverified().map(|i| i.id.as_str()).collect(),
            unverified_count: assessment.unverified().count(),
            strengths: assessment.strengths().map(|i| i.id.as_str()).collect(),
            critical_gaps: assessment.critical_gaps().map(|i| i.id.as_str()).collect(),
            critical_unanswered: assessment
                .critical_unanswered()
                .map(|i| i.id.as_str())
                .collect(),
            assessment,
        };
        envelope::to_json(ASSESSMENT, is_confidential(assessment, options), &document)
    }
}

/// The JSON Schema of the assessment's JSON.
pub(crate) fn assessment_schema() -> Result<Vec<u8>> {
    envelope::schema_json::<Document<'static>>(ASSESSMENT)
}

/// The JSON Schema of the checklist listing's JSON.
pub(crate) fn checklist_schema() -> Result<Vec<u8>> {
    envelope::schema_json::<Checklist>(CHECKLIST)
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// The checklist, or the items of one profile, as JSON.
pub(crate) fn checklist(items: ChecklistItems<'_>) -> Result<Vec<u8>> {
    let mut copy = items.checklist.clone();
    if let Some(p) = items.profile {
        for section in &mut copy.sections {
            let id = section.id.clone();
            section.items.retain(|i| p.applies_to(&id, &i.id));
        }
        copy.sections.retain(|s| !s.items.is_empty());
    }
    // A checklist holds no answers, so nothing in it is confidential.
    envelope::to_json(CHECKLIST, false, &copy)
}
