//! The summary PDF for a state office or consortium: cover, one row per district, the most
//! common gaps, and the average per section (chart and table).

use super::{plural, priority_style};
use crate::compare::{DistrictRow, Summary};
use crate::report::RenderOptions;
use crate::report::compare::view;
use crate::report::pdf::content::{
    BODY, CELL, CELL_NOTE, CHART, MUTED, NAVY, SMALL, TABLE, col, h1,
};
use crate::report::pdf::layout::{Bar, Cell, CellText, Layout, TextStyle, text_cell};
use crate::report::pdf::metrics::Face;
use crate::report::view::{percent, priority};

/// Lays out the whole summary.
pub(super) fn build(s: &Summary, options: &RenderOptions) -> Layout {
    let hashes: Vec<&str> = s
        .districts
        .iter()
        .chain(&s.other_assessments)
        .map(|d| d.answers_hash.as_str())
        .collect();
    let stamp = super::stamp(
        &s.checklist.id,
        &s.checklist.version,
        &hashes,
        "the districts table lists every file",
    );
    let mut l = super::new_layout(options, stamp, view::summary_draft_footer(s));
    cover(&mut l, s);
    districts(&mut l, s);
    common_gaps(&mut l, s);
    section_averages(&mut l, s);
    l
}

fn cover(l: &mut Layout, s: &Summary) {
    let subtitle = format!(
        "{}, {}",
        plural(s.district_count, "district", "districts"),
        plural(s.files, "assessment", "assessments")
    );
    super::cover_title(l, "Summary of districts", &subtitle);
    super::draft_banner(l, view::summary_draft_line(s));
    let mut pairs = vec![
        ("Checklist".to_string(), view::summary_checklist_line(s)),
        ("Files".to_string(), view::files_line(s)),
    ];
    let all = || s.districts.iter().chain(&s.other_assessments);
    let dates = (all().map(|d| d.date).min(), all().map(|d| d.date).max());
    if let (Some(first), Some(last)) = dates {
        let span = if first == last {
            first.to_string()
        } else {
            format!("{first} to {last}")
        };
        pairs.push(("Assessed".to_string(), span));
    }
    l.key_values(&pairs, BODY.bold().colored(MUTED), BODY, 110.0);
    l.advance(18.0);
    l.paragraph("Overall score, on average", SMALL.bold(), 0.0);
    l.paragraph(
        &percent(s.overall_average),
        TextStyle::new(Face::Bold, 22.0, NAVY),
        0.0,
    );
    l.paragraph(&view::average_line(s), BODY.colored(MUTED), 0.0);
    l.advance(6.0);
    l.paragraph(view::GROUPING_NOTE, SMALL, 0.0);
    l.advance(18.0);
    l.paragraph(
        "Summaries carry no internal notes: this document may be published.",
        SMALL,
        0.0,
    );
}

/// The district, then the assessment's label and its answers file hash in small type.
fn district_cell(row: &DistrictRow) -> Cell {
    let mut cell = vec![CellText {
        text: view::district_name(row),
        style: CELL.bold(),
    }];
    if !row.label.trim().is_empty() {
        cell.push(CellText {
            text: row.label.clone(),
            style: CELL,
        });
    }
    cell.push(CellText {
        text: format!(
            "{}; answers file {}",
            view::role_cell(row),
            row.answers_hash
        ),
        style: CELL_NOTE,
    });
    cell
}

fn districts(l: &mut Layout, s: &Summary) {
    l.new_page();
    h1(l, &view::districts_heading(s));
    if s.districts.is_empty() {
        l.paragraph(view::NO_LATEST, BODY, 0.0);
    } else {
        district_table(l, &s.districts);
        l.advance(4.0);
        l.paragraph(view::CRITICAL_GAPS_NOTE, SMALL, 0.0);
    }
    if !s.other_assessments.is_empty() {
        l.space(16.0);
        h1(l, &view::others_heading(s));
        district_table(l, &s.other_assessments);
    }
}

fn district_table(l: &mut Layout, district_rows: &[DistrictRow]) {
    let columns = [
        col("District", 0.31),
        col("Date", 0.11),
        col("Profile", 0.14),
        col("Overall", 0.15),
        col("Coverage", 0.18),
        col("Critical gaps", 0.11),
    ];
    let rows: Vec<Vec<Cell>> = district_rows
        .iter()
        .map(|d| {
            vec![
                district_cell(d),
                text_cell(&d.date.to_string(), CELL),
                text_cell(&d.profile, CELL),
                text_cell(&view::district_headline(d), CELL.bold()),
                text_cell(&view::district_coverage(d), CELL),
                text_cell(&view::critical_cell(d), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn common_gaps(l: &mut Layout, s: &Summary) {
    let shown = s.common_gaps.len().min(view::COMMON_GAPS_SHOWN);
    l.space(16.0);
    h1(l, "Most common gaps");
    if shown == 0 {
        l.paragraph("No item is a gap in any district.", BODY, 0.0);
        return;
    }
    l.paragraph(
        &format!(
            "The {shown} items that are a gap in the most districts, of {} that are a gap \
             somewhere. A gap is an item partly or not in place, or unanswered; the share is \
             out of the districts whose profile includes the item.",
            plural(s.common_gaps.len(), "item", "items")
        ),
        BODY,
        0.0,
    );
    l.advance(6.0);
    let columns = [
        col("Priority", 0.12),
        col("Item", 0.50),
        col("Districts with the gap", 0.24),
        col("Unanswered", 0.14),
    ];
    let rows: Vec<Vec<Cell>> = s
        .common_gaps
        .iter()
        .take(shown)
        .map(|gap| {
            vec![
                text_cell(priority(gap.priority), priority_style(gap.priority)),
                super::item_cell(&gap.title, &gap.id),
                text_cell(&view::share(gap.districts, gap.applies, gap.share), CELL),
                text_cell(&gap.unanswered.to_string(), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn section_averages(l: &mut Layout, s: &Summary) {
    l.new_page();
    h1(l, "Average per section");
    l.paragraph(
        "The mean of the districts' section percentages, over the districts whose profile \
         scores the section.",
        BODY,
        0.0,
    );
    l.advance(6.0);
    let bars: Vec<Bar> = s
        .sections
        .iter()
        .map(|section| Bar {
            label: section.title.clone(),
            percent: section.average,
            value: percent(section.average),
        })
        .collect();
    l.bar_chart(&bars, &CHART);
    l.advance(12.0);
    section_table(l, s);
}

fn section_table(l: &mut Layout, s: &Summary) {
    let mut rows: Vec<Vec<Cell>> = s
        .sections
        .iter()
        .map(|section| {
            vec![
                text_cell(&section.title, CELL),
                text_cell(&percent(section.average), CELL),
                text_cell(&section.districts.to_string(), CELL),
            ]
        })
        .collect();
    let scored = s.districts.iter().filter(|d| d.averaged).count();
    rows.push(vec![
        text_cell("Overall", CELL.bold()),
        text_cell(&percent(s.overall_average), CELL.bold()),
        text_cell(&scored.to_string(), CELL.bold()),
    ]);
    let columns = [
        col("Section", 0.64),
        col("Average", 0.18),
        col("Districts", 0.18),
    ];
    l.table(&columns, &rows, &TABLE);
}
