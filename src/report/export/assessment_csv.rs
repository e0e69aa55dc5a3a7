//! CSV: one row for the overall score, one per section, one per item, with the assessment's
//! identity repeated on every row so that files from many districts can be stacked.

use crate::error::Result;
use crate::report::{RenderOptions, view};
use crate::score::{Assessment, ItemResult, Score, StatusCount};
use crate::spreadsheet::csv_cell;

/// Renders the CSV report.
pub struct CsvRenderer;

const HEADER: [&str; 36] = [
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
    "answered_percent",
    "rated",
    "draft",
    "carried_from",
    // Last, so readers that take columns by position keep working.
    "basis",
    "overdue_since",
    "confidential",
];

impl CsvRenderer {
    pub(crate) fn render(
        &self,
        assessment: &Assessment,
        options: &RenderOptions,
    ) -> Result<Vec<u8>> {
        // The header is always the first row, so files of many districts stack; whether a file
        // is a draft or confidential is on every row, where a filter finds it.
        let mut rows: Vec<Vec<String>> = vec![HEADER.map(String::from).to_vec()];
        let identity = identity(assessment);
        let mut overall = summary_row(
            &identity,
            "overall",
            "",
            "Overall",
            &assessment.overall,
            assessment.band.as_deref(),
            &assessment.counts,
        );
        overall_extras(&mut overall, assessment);
        rows.push(overall);
        for s in &assessment.sections {
            let mut row = summary_row(
                &identity, "section", &s.id, &s.title, &s.score, None, &s.counts,
            );
            set_columns(
                &mut row,
                [
                    ("answered_percent", percent_cell(s.answered_score.percent)),
                    ("rated", s.rated.to_string()),
                ],
            );
            rows.push(row);
        }
        rows.extend(
            assessment
                .items
                .iter()
                .map(|item| item_row(&identity, item)),
        );
        let marks = [
            (
                "draft",
                view::assessment::draft_line(assessment).unwrap_or_default(),
            ),
            (
                "confidential",
                is_confidential(assessment, options).to_string(),
            ),
        ];
        for row in rows.iter_mut().skip(1) {
            set_columns(row, marks.clone());
        }
        Ok(csv_cell::write_rows(rows))
    }
}

/// Whether a CSV or JSON export carries internal notes and so must say it is confidential.
pub fn is_confidential(assessment: &Assessment, options: &RenderOptions) -> bool {
    options.include_internal_notes && assessment.has_internal_notes()
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

/// The overall row's figures on answered items and rating, in their own columns.
fn overall_extras(row: &mut [String], a: &Assessment) {
    set_columns(
        row,
        [
            ("answered_percent", percent_cell(a.answered_score.percent)),
            ("rated", a.rating.rated.to_string()),
        ],
    );
}

fn percent_cell(percent: Option<f64>) -> String {
    percent.map_or(String::new(), |p| format!("{p:.1}"))
}

/// Fills the named columns of a row.
fn set_columns<const N: usize>(row: &mut [String], values: [(&str, String); N]) {
    for (name, value) in values {
        if let Some(cell) = HEADER
            .iter()
            .position(|h| *h == name)
            .and_then(|i| row.get_mut(i))
        {
            *cell = value;
        }
    }
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
        String::new(),
        String::new(),
        String::new(),
        text(|a| a.carried_from.as_ref()),
        item.basis.map_or("", |b| b.as_str()).to_string(),
        item.overdue_since.map_or(String::new(), |d| d.to_string()),
    ]);
    // The marks every row carries (draft, confidential) are filled in afterwards.
    row.resize(HEADER.len(), String::new());
    row
}
