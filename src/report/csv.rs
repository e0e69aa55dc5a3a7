//! CSV: one row for the overall score, one per section, one per item, with the assessment's
//! identity repeated on every row so that files from many districts can be stacked.

use super::{Format, RenderOptions, Renderer, render_error, view};
use crate::error::Result;
use crate::score::{Assessment, ItemResult, Score, StatusCount};

/// Renders the CSV report.
pub struct CsvRenderer;

const HEADER: [&str; 30] = [
    "district",
    "label",
    "date",
    "checklist",
    "checklist_version",
    "profile",
    "answers_hash",
    "row_type",
    "section_id",
    "item_id",
    "title",
    "priority",
    "weight",
    "status",
    "status_label",
    "credit",
    "earned",
    "possible",
    "percent",
    "band",
    "gap_rank",
    "responsible",
    "in_mou",
    "next_step",
    "owner",
    "due",
    "evidence",
    "note",
    "internal_note",
    // Last, so readers that take columns by position keep working.
    "basis",
];

impl Renderer for CsvRenderer {
    fn render(&self, assessment: &Assessment, _options: &RenderOptions) -> Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let error = |e: csv::Error| render_error(Format::Csv, e);
        writer.write_record(HEADER).map_err(error)?;
        let identity = identity(assessment);
        let overall = summary_row(
            &identity,
            "overall",
            "",
            "Overall",
            &assessment.overall,
            assessment.band.as_deref(),
            &assessment.counts,
        );
        writer.write_record(overall).map_err(error)?;
        for s in &assessment.sections {
            let row = summary_row(
                &identity, "section", &s.id, &s.title, &s.score, None, &s.counts,
            );
            writer.write_record(row).map_err(error)?;
        }
        for item in &assessment.items {
            writer
                .write_record(item_row(&identity, item))
                .map_err(error)?;
        }
        writer
            .into_inner()
            .map_err(|e| render_error(Format::Csv, e.error()))
    }
}

fn identity(a: &Assessment) -> Vec<String> {
    let m = &a.meta;
    vec![
        m.district.clone(),
        m.label.clone(),
        m.date.to_string(),
        m.checklist.id.clone(),
        m.checklist.version.clone(),
        m.profile.id.clone(),
        m.answers_hash.clone(),
    ]
}

fn summary_row(
    identity: &[String],
    row_type: &str,
    id: &str,
    title: &str,
    score: &Score,
    band: Option<&str>,
    _counts: &[StatusCount],
) -> Vec<String> {
    let mut row = identity.to_vec();
    row.extend([row_type.into(), id.into(), String::new(), title.into()]);
    row.extend(["", "", "", "", ""].map(String::from));
    row.push(view::weight(score.earned));
    row.push(view::weight(score.possible));
    row.push(score.percent.map_or(String::new(), |p| format!("{p:.1}")));
    row.push(band.unwrap_or_default().to_string());
    row.extend(std::iter::repeat_n(String::new(), HEADER.len() - row.len()));
    row
}

fn item_row(identity: &[String], item: &ItemResult) -> Vec<String> {
    let answer = item.answer.as_ref();
    let text = |f: fn(&crate::score::AnswerDetail) -> Option<&String>| {
        answer.and_then(f).cloned().unwrap_or_default()
    };
    let mut row = identity.to_vec();
    row.extend([
        "item".to_string(),
        item.section_id.clone(),
        item.id.clone(),
        item.title.clone(),
        item.priority.as_str().to_string(),
        view::weight(item.weight),
        item.status.clone().unwrap_or_default(),
        item.status_label.clone(),
        item.credit.map_or(String::new(), |c| c.to_string()),
        view::weight(item.earned),
        view::weight(item.possible),
        String::new(),
        String::new(),
        item.gap_rank.map_or(String::new(), |r| r.to_string()),
        item.responsible.as_str().to_string(),
        item.in_mou.to_string(),
        item.recommendation.clone(),
        text(|a| a.owner.as_ref()),
        answer
            .and_then(|a| a.due)
            .map_or(String::new(), |d| d.to_string()),
        text(|a| a.evidence.as_ref()),
        text(|a| a.note.as_ref()),
        text(|a| a.internal_note.as_ref()),
        item.basis.map_or("", |b| b.as_str()).to_string(),
    ]);
    row
}
