//! The comparison PDF, in the order a board reads it: cover, side by side with the weight check,
//! one chart per section, critical gaps, gaps under every option, the trend, every item.

use super::{item_cell, plural, priority_style, status_style};
use crate::compare::{Comparison, ComparisonKind, ItemChange, ItemFilter, TrendStep};
use crate::report::RenderOptions;
use crate::report::compare::view;
use crate::report::pdf::content::{
    AMBER, BODY, CELL, CHART, MUTED, NAVY, SMALL, TABLE, col, h1, h2,
};
use crate::report::pdf::layout::{Bar, Cell, Column, Layout, TextStyle, text_cell};
use crate::report::pdf::metrics::Face;
use crate::report::view::{percent, priority};
use crate::score::Score;

/// A section's heading over its chart: smaller than the report's H2, since there are many.
const H3: TextStyle = TextStyle::new(Face::Bold, 10.0, NAVY);
/// Past this many columns the item matrix prints short statuses (`met`, `-`) with a legend:
/// full labels would wrap to three lines in columns that narrow.
const FULL_STATUS_UP_TO: usize = 4;

/// Lays out the whole comparison.
pub(super) fn build(c: &Comparison, options: &RenderOptions) -> Layout {
    let hashes: Vec<&str> = c
        .columns
        .iter()
        .map(|col| col.answers_hash.as_str())
        .collect();
    let stamp = super::stamp(
        &c.checklist.id,
        &c.checklist.version,
        &hashes,
        "the cover lists every file",
    );
    let mut l = super::new_layout(options, stamp, view::comparison_draft_footer(c));
    cover(&mut l, c);
    side_by_side(&mut l, c);
    sections(&mut l, c);
    critical_gaps(&mut l, c);
    gaps_everywhere(&mut l, c);
    if let Some(step) = view::whole_trend(c) {
        trend(&mut l, c, step);
    }
    item_matrix(&mut l, c);
    l
}

/// What a column is called in running text: options are weighed, assessments follow a district.
fn noun(c: &Comparison) -> (&'static str, &'static str) {
    match c.kind {
        ComparisonKind::Options => ("option", "options"),
        ComparisonKind::Trend => ("assessment", "assessments"),
    }
}

fn title(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "Comparison of options",
        ComparisonKind::Trend => "Progress over time",
    }
}

/// The district, or every district named (options may come from neighbouring districts).
fn districts(c: &Comparison) -> String {
    let mut names: Vec<&str> = Vec::new();
    for column in &c.columns {
        if !names.contains(&column.district.as_str()) {
            names.push(&column.district);
        }
    }
    names.join("; ")
}

fn cover(l: &mut Layout, c: &Comparison) {
    super::cover_title(l, title(c), &districts(c));
    super::draft_banner(l, view::comparison_draft_line(c));
    let pairs = vec![
        ("Checklist".to_string(), view::checklist_line(c)),
        ("Comparing".to_string(), view::comparison_kind_line(c)),
    ];
    l.key_values(&pairs, BODY.bold().colored(MUTED), BODY, 110.0);
    l.advance(10.0);
    cover_files(l, c);
    l.advance(14.0);
    cover_scores(l, c);
    l.advance(18.0);
    l.paragraph(
        "Comparisons carry no internal notes: this document may be published.",
        SMALL,
        0.0,
    );
}

/// Every column with its date, profile and answers file hash: the stamp's long form.
fn cover_files(l: &mut Layout, c: &Comparison) {
    let (one, _) = noun(c);
    let columns = [
        col(&capitalised(one), 0.44),
        col("Date", 0.14),
        col("Profile", 0.24),
        col("Answers file", 0.18),
    ];
    let rows: Vec<Vec<Cell>> = c
        .columns
        .iter()
        .map(|column| {
            vec![
                text_cell(&view::column_heading(column), CELL.bold()),
                text_cell(&column.date.to_string(), CELL),
                text_cell(&column.profile.id, CELL),
                text_cell(&column.answers_hash, CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Past this many columns the cover lists overall scores in a table: large type for each would
/// push the cover onto a second page.
const LARGE_SCORES_UP_TO: usize = 3;

/// Each column's overall score in large type (a table for many), with the items it rests on.
fn cover_scores(l: &mut Layout, c: &Comparison) {
    l.paragraph("Overall score", SMALL.bold(), 0.0);
    l.advance(2.0);
    if c.columns.len() > LARGE_SCORES_UP_TO {
        cover_score_table(l, c);
    } else {
        cover_score_lines(l, c);
    }
    if let Some(step) = view::whole_trend(c) {
        l.paragraph(&step_line(step), BODY.bold(), 0.0);
    }
}

fn cover_score_table(l: &mut Layout, c: &Comparison) {
    let (one, _) = noun(c);
    let columns = [
        col(&capitalised(one), 0.44),
        col("Overall", 0.14),
        col("Band", 0.20),
        col("Items scored", 0.22),
    ];
    let rows: Vec<Vec<Cell>> = c
        .columns
        .iter()
        .map(|column| {
            vec![
                text_cell(&view::column_heading(column), CELL.bold()),
                text_cell(&percent(column.overall.percent), CELL.bold()),
                text_cell(&view::column_band(column), CELL),
                text_cell(&view::scored_line(column), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
    l.advance(8.0);
}

fn cover_score_lines(l: &mut Layout, c: &Comparison) {
    for column in &c.columns {
        l.ensure(50.0);
        l.paragraph(&view::column_heading(column), BODY.bold(), 0.0);
        let headline = format!(
            "{} ({})",
            percent(column.overall.percent),
            view::column_band(column)
        );
        l.paragraph(&headline, TextStyle::new(Face::Bold, 18.0, NAVY), 0.0);
        let basis = format!(
            "{} earned of {} possible weight; items scored: {}",
            crate::report::view::weight(column.overall.earned),
            crate::report::view::weight(column.overall.possible),
            view::scored_line(column)
        );
        l.paragraph(&basis, BODY.colored(MUTED), 0.0);
        l.advance(8.0);
    }
}

/// A table with a label column and one column per option, sharing the rest of the width.
fn per_column_table(c: &Comparison, first: &[(&str, f32)]) -> Vec<Column> {
    let used: f32 = first.iter().map(|(_, share)| share).sum();
    let share = (1.0 - used) / c.columns.len().max(1) as f32;
    first
        .iter()
        .map(|(title, share)| col(title, *share))
        .chain(
            c.columns
                .iter()
                .map(|column| col(&view::column_heading(column), share)),
        )
        .collect()
}

fn side_by_side(l: &mut Layout, c: &Comparison) {
    l.new_page();
    h1(l, "Side by side");
    let columns = per_column_table(c, &[("", 0.22)]);
    let rows: Vec<Vec<Cell>> = view::figure_rows(c)
        .into_iter()
        .map(|(label, values)| {
            // The overall score is the figure a reader looks for first.
            let style = if label == "Overall" {
                CELL.bold()
            } else {
                CELL
            };
            std::iter::once(text_cell(label, CELL.bold().colored(MUTED)))
                .chain(values.iter().map(|v| text_cell(v, style)))
                .collect()
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
    notes(l, c);
    l.advance(8.0);
    l.paragraph(&view::ranking_line(c), BODY, 0.0);
    // Beside the figures it ranks, as the Markdown puts it under the side-by-side table.
    weight_check(l, c);
    critical_open(l, c);
}

fn critical_open(l: &mut Layout, c: &Comparison) {
    h2(l, view::CRITICAL_OPEN_HEADING);
    l.paragraph(view::CRITICAL_OPEN_LINE, BODY, 0.0);
    l.advance(6.0);
    let (one, _) = noun(c);
    let columns = [
        col(&capitalised(one), 0.34),
        col("Critical items left open", 0.66),
    ];
    let rows: Vec<Vec<Cell>> = view::critical_open_lines(c)
        .into_iter()
        .map(|(label, items)| {
            vec![
                text_cell(&label, CELL.bold()),
                text_cell(&items.replace("; ", "\n"), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

/// The scope and version notes: a reader must see them before comparing percentages.
fn notes(l: &mut Layout, c: &Comparison) {
    for note in &c.notes {
        l.advance(8.0);
        l.paragraph(&format!("Note: {note}"), BODY.colored(AMBER), 0.0);
    }
}

fn sections(l: &mut Layout, c: &Comparison) {
    l.new_page();
    h1(l, "Section scores");
    let (one, many) = noun(c);
    l.paragraph(
        &format!(
            "One bar per {one}, on a scale of 0 to 100%. A section outside an {one}'s profile \
             shows \"not in scope\": it is not scored for that {one}. The {many} appear in the \
             order of the side-by-side table."
        ),
        BODY,
        0.0,
    );
    l.advance(6.0);
    let whole = view::whole_trend(c);
    if let Some(step) = whole {
        l.paragraph(&view::change_note(step), BODY, 0.0);
        l.advance(6.0);
    }
    let overall: Vec<Option<Score>> = c.columns.iter().map(|col| Some(col.overall)).collect();
    let overall_change = whole.map(view::overall_change);
    section_chart(l, c, "Overall", &overall, overall_change);
    for section in &c.sections {
        let change = whole.map(|step| view::section_change(step, &section.id));
        section_chart(l, c, &section.title, &section.scores, change);
    }
}

/// The height of a chart of the columns, as `Layout::bar_chart` sets it (a row is the taller of
/// its wrapped label and the bar, plus 5 points; then the scale), so that a section's heading
/// and chart are kept on one page.
fn chart_height(l: &mut Layout, c: &Comparison) -> f32 {
    const BAR: f32 = 13.0;
    const ROW_GAP: f32 = 5.0;
    let label_width = (l.geometry().text_width() * 0.36).round();
    let rows: f32 = c
        .columns
        .iter()
        .map(|column| {
            let lines = l.wrap_text(&column.label, CHART.label, label_width).len();
            (lines as f32 * CHART.label.line_height()).max(BAR) + ROW_GAP
        })
        .sum();
    rows + CHART.grid.line_height() + SMALL.line_height() + 2.0
}

/// One section: its title, the change over time when there is one, and a bar per column.
fn section_chart(
    l: &mut Layout,
    c: &Comparison,
    title: &str,
    scores: &[Option<Score>],
    change: Option<String>,
) {
    let follow = chart_height(l, c);
    l.space(6.0);
    l.heading_level(2, None, title, H3, follow);
    if let Some(change) = change {
        l.paragraph(&format!("Change, first to last: {change}"), SMALL, 0.0);
    }
    l.advance(2.0);
    let bars: Vec<Bar> = c
        .columns
        .iter()
        .zip(scores)
        .map(|(column, score)| Bar {
            label: column.label.clone(),
            percent: score.and_then(|s| s.percent),
            value: view::section_cell(score.as_ref()),
        })
        .collect();
    l.bar_chart(&bars, &CHART);
}

fn critical_gaps(l: &mut Layout, c: &Comparison) {
    l.space(16.0);
    h1(
        l,
        &format!("{} ({})", view::critical_heading(c), c.critical_gaps.len()),
    );
    if c.critical_gaps.is_empty() {
        l.paragraph(
            "Every critical item is in place wherever it is scored.",
            BODY,
            0.0,
        );
        return;
    }
    l.paragraph(&format!("{}.", view::closes_line(c)), BODY, 0.0);
    l.advance(6.0);
    let columns = [
        col("Critical item", 0.40),
        col("Closed by", 0.20),
        col("Open under", 0.20),
        col("Not scored by", 0.20),
    ];
    let list = |labels: &[String]| {
        if labels.is_empty() {
            "\u{2014}".to_string()
        } else {
            labels.join("\n")
        }
    };
    let rows: Vec<Vec<Cell>> = c
        .critical_gaps
        .iter()
        .map(|gap| {
            vec![
                item_cell(&gap.title, &gap.id),
                text_cell(&list(&gap.closed_by), CELL),
                text_cell(&list(&gap.open_under), CELL),
                text_cell(&list(&gap.not_scored_by), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn gaps_everywhere(l: &mut Layout, c: &Comparison) {
    l.space(16.0);
    h1(
        l,
        &format!(
            "{} ({})",
            view::everywhere_heading(c),
            c.gaps_everywhere.len()
        ),
    );
    if c.gaps_everywhere.is_empty() {
        l.paragraph("None.", BODY, 0.0);
        return;
    }
    l.paragraph(view::everywhere_line(c), BODY, 0.0);
    l.advance(6.0);
    let rows: Vec<Vec<Cell>> = c
        .gaps_everywhere
        .iter()
        .map(|gap| {
            vec![
                text_cell(priority(gap.priority), priority_style(gap.priority)),
                item_cell(&gap.title, &gap.id),
            ]
        })
        .collect();
    l.table(&[col("Priority", 0.14), col("Item", 0.86)], &rows, &TABLE);
}

fn weight_check(l: &mut Layout, c: &Comparison) {
    h2(l, "Weight check");
    l.paragraph(&c.weight_check.statement, BODY.bold(), 0.0);
    l.advance(4.0);
    let (_, many) = noun(c);
    l.paragraph(
        &format!(
            "The checklist weighs items by priority. This check ranks the {many} again with \
             every scored item weighing the same, so the board can see whether the ranking \
             rests on the weighting. Rank 1 is the highest score; tied scores share a rank."
        ),
        BODY,
        0.0,
    );
    l.advance(6.0);
    let (one, _) = noun(c);
    let columns = [
        col(&capitalised(one), 0.44),
        col("Weighted", 0.16),
        col("Rank", 0.09),
        col("Equal weights", 0.18),
        col("Rank", 0.13),
    ];
    let rows: Vec<Vec<Cell>> = c
        .weight_check
        .ranks
        .iter()
        .map(|rank| {
            vec![
                text_cell(&rank.label, CELL.bold()),
                text_cell(&percent(rank.weighted_percent), CELL),
                text_cell(&rank.weighted.to_string(), CELL),
                text_cell(&percent(rank.equal_percent), CELL),
                text_cell(&rank.equal.to_string(), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn trend(l: &mut Layout, c: &Comparison, whole: &TrendStep) {
    l.new_page();
    h1(l, "Trend");
    if let Some(trend) = &c.trend
        && trend.span.is_some()
    {
        for step in &trend.steps {
            l.bullet(&step_line(step), BODY, 0.0);
        }
        l.advance(4.0);
    }
    l.paragraph(&step_line(whole), BODY.bold(), 0.0);
    l.paragraph(&format!("Items: {}.", view::step_counts(whole)), BODY, 0.0);
    for (heading, list) in view::step_lists(whole) {
        l.space(10.0);
        l.heading_level(2, None, &format!("{heading} ({})", list.len()), H3, 40.0);
        l.advance(3.0);
        changes(l, list);
    }
}

/// `2025 to 2026: 80.9% to 88.3% (+7.4 pts)`: the other formats' headline, with "to" for the
/// arrow, which the built-in font lacks (it would print as `->` with a warning on every run).
fn step_line(step: &TrendStep) -> String {
    format!(
        "{} to {}: {} to {} ({})",
        step.from,
        step.to,
        percent(step.overall.from),
        percent(step.overall.to),
        view::points(step.overall.points)
    )
}

fn changes(l: &mut Layout, list: &[ItemChange]) {
    let columns = [
        col("Priority", 0.12),
        col("Item", 0.52),
        col("From", 0.18),
        col("To", 0.18),
    ];
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|change| {
            vec![
                text_cell(priority(change.priority), priority_style(change.priority)),
                item_cell(&change.title, &change.id),
                text_cell(&change.from, CELL),
                text_cell(&change.to, CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn item_matrix(l: &mut Layout, c: &Comparison) {
    l.new_page();
    let differing = c.items.iter().filter(|row| row.differs).count();
    match c.item_filter {
        ItemFilter::All => {
            h1(l, &format!("Items ({})", c.items.len()));
            l.paragraph(
                &format!(
                    "{differing} of {} differ; --only-differences keeps only those.",
                    plural(c.item_total, "item", "items")
                ),
                BODY,
                0.0,
            );
        }
        ItemFilter::Differences => {
            h1(
                l,
                &format!("Items that differ ({} of {})", c.items.len(), c.item_total),
            );
        }
    }
    if c.items.is_empty() {
        l.paragraph("No item differs.", BODY, 0.0);
        return;
    }
    let short = c.columns.len() > FULL_STATUS_UP_TO;
    if short {
        let cells = c.items.iter().flat_map(|row| row.cells.iter());
        l.paragraph(
            &format!("Statuses: {}", view::short_status_legend(cells)),
            SMALL,
            0.0,
        );
    }
    l.advance(6.0);
    let columns = per_column_table(c, &[("Item", 0.38), ("Priority", 0.10)]);
    let rows: Vec<Vec<Cell>> = c
        .items
        .iter()
        .map(|row| {
            let statuses = row.cells.iter().map(|cell| {
                let text = if short {
                    view::short_status(cell)
                } else {
                    cell.label.clone()
                };
                text_cell(&text, status_style(cell))
            });
            [
                item_cell(&row.title, &row.id),
                text_cell(priority(row.priority), priority_style(row.priority)),
            ]
            .into_iter()
            .chain(statuses)
            .collect()
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}
