//! The comparison, in the order a board reads it. A comparison of years leads with what
//! changed; a comparison of options leads with the figures side by side and the ranking.

use super::several::{
    KICKER, date_parts, draft_note, figure_column, item_cell, muted, shared_columns, stamp_line,
    status_cell, strong_cell, thresholds,
};
use super::{comparison_packet, priority_cell};
use crate::compare::{Comparison, ComparisonKind, ItemChange, ItemFilter, TrendStep};
use crate::report::RenderOptions;
use crate::report::document::{
    Bar, BarGroup, Block, Cell, Chart, Column, Document, List, Note, Paragraph, Table, Title, Tone,
};
use crate::report::medium::slug;
use crate::report::view;
use crate::report::view::{percent, priority};

/// The whole comparison. Comparisons carry no internal notes, so the options change nothing
/// of what it says.
pub fn comparison(c: &Comparison, _options: &RenderOptions) -> Document {
    let mut doc = Document::new(view::comparison::comparison_title(c));
    doc.subject = Some(view::comparison::comparison_kind_line(c));
    doc.date = date_parts(c.columns.iter().map(|col| col.date).max());
    doc.running_footer = view::comparison::comparison_draft_footer(c).unwrap_or_default();
    doc.push(Block::Title(Title {
        kicker: Some(KICKER.to_string()),
        title: view::comparison::document_heading(c).to_string(),
        subtitle: Some(view::comparison::districts_line(c)),
    }));
    draft_note(&mut doc, c.draft.as_ref(), view::comparison::DRAFTS_AMONG);
    doc.push(Block::key_values([
        ("Checklist", view::comparison::checklist_line(c)),
        ("Comparing", view::comparison::comparison_kind_line(c)),
    ]));
    for note in &c.notes {
        doc.push(Block::Note(Note {
            tone: Tone::Caution,
            text: format!("Note: {note}"),
        }));
    }
    doc.push(Block::PageBreak);
    comparison_packet::first_page(&mut doc, c);
    doc.push(Block::PageBreak);
    let contents_at = doc.blocks.len();
    if let Some(step) = view::comparison::whole_trend(c) {
        trend(&mut doc, c, step);
    }
    side_by_side(&mut doc, c);
    if c.kind == ComparisonKind::Options {
        weight_check(&mut doc, c);
        cost(&mut doc, c);
    }
    critical_open(&mut doc, c);
    sections(&mut doc, c);
    critical_gaps(&mut doc, c);
    gaps_everywhere(&mut doc, c);
    item_matrix(&mut doc, c);
    method(&mut doc, c);
    comparison_packet::contents_and_glossary(&mut doc, contents_at, "method");
    doc
}

/// What changed, first: the headline, the counts, then each list of items that moved.
fn trend(doc: &mut Document, c: &Comparison, whole: &TrendStep) {
    doc.heading(1, "What changed", Some("trend"));
    doc.push(Block::Paragraph(Paragraph {
        lead: true,
        ..Paragraph::plain(view::comparison::step_headline(whole))
    }));
    if let Some(trend) = &c.trend
        && trend.span.is_some()
    {
        doc.push(Block::List(List {
            ordered: false,
            items: trend
                .steps
                .iter()
                .map(|step| Paragraph::plain(view::comparison::step_headline(step)))
                .collect(),
        }));
    }
    doc.paragraph(view::comparison::step_counts(whole));
    for (heading, list) in view::comparison::step_lists(whole) {
        doc.heading(
            2,
            format!("{heading} ({})", list.len()),
            Some(&format!("trend-{}", slug(heading))),
        );
        let caption = format!("{heading}, {} to {}", whole.from, whole.to);
        doc.push(Block::Table(changes_table(caption, list)));
    }
}

fn changes_table(caption: String, list: &[ItemChange]) -> Table {
    Table {
        caption,
        columns: vec![
            Column::new("Priority", 0.12),
            Column::new("Item", 0.52),
            Column::new("From", 0.18),
            Column::new("To", 0.18),
        ],
        rows: list
            .iter()
            .map(|change| {
                vec![
                    priority_cell(change.priority),
                    item_cell(&change.title, &change.id),
                    Cell::plain(&change.from),
                    Cell::plain(&change.to),
                ]
            })
            .collect(),
    }
}

/// The columns' labels, as table headers print them.
fn labels(c: &Comparison) -> impl ExactSizeIterator<Item = String> + '_ {
    c.columns.iter().map(view::comparison::column_heading)
}

fn side_by_side(doc: &mut Document, c: &Comparison) {
    doc.heading(1, "Side by side", Some("side-by-side"));
    let rows = view::comparison::figure_rows(c)
        .into_iter()
        .map(|(label, values)| {
            // The overall score is the figure a reader looks for first.
            let strong = label == "Overall";
            std::iter::once(strong_cell(label))
                .chain(values.into_iter().map(|text| Cell {
                    strong,
                    ..Cell::plain(text)
                }))
                .collect()
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: format!(
            "Each {}'s figures",
            view::comparison::column_noun(c).to_lowercase()
        ),
        columns: shared_columns(vec![Column::new("Figure", 0.22)], labels(c)),
        rows,
    }));
    doc.paragraph(view::comparison::ranking_line(c));
}

/// Whether the ranking rests on the weighting: options only, since years are not ranked.
fn weight_check(doc: &mut Document, c: &Comparison) {
    doc.heading(2, "Weight check", Some("weight-check"));
    doc.push(Block::Paragraph(Paragraph {
        lead: true,
        ..Paragraph::plain(&c.weight_check.statement)
    }));
    doc.paragraph(view::comparison::WEIGHT_CHECK_LINE);
    let rows = c
        .weight_check
        .ranks
        .iter()
        .map(|rank| {
            vec![
                strong_cell(&rank.label),
                Cell::plain(percent(rank.weighted_percent)),
                Cell::plain(rank.weighted.to_string()),
                Cell::plain(percent(rank.equal_percent)),
                Cell::plain(rank.equal.to_string()),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Rank of each option, weighted by priority and with equal weights".into(),
        columns: vec![
            Column::new("Option", 0.40),
            figure_column("Weighted", 0.16),
            figure_column("Rank", 0.10),
            figure_column("Equal weights", 0.18),
            figure_column("Rank", 0.16),
        ],
        rows,
    }));
}

/// The statutory duties each column leaves partly or not in place, apart from guidance.
fn statutory_open(doc: &mut Document, c: &Comparison) {
    let rows: Vec<Vec<Cell>> = view::comparison::statutory_open_lines(c)
        .into_iter()
        .map(|(label, items)| vec![strong_cell(label), Cell::plain(items)])
        .collect();
    if rows.is_empty() {
        return;
    }
    doc.heading(
        2,
        "Statutory duties not fully in place",
        Some("statutory-open"),
    );
    doc.push(Block::Table(Table {
        caption: "Statutory duties partly or not in place".into(),
        columns: vec![
            Column::new(view::comparison::column_noun(c), 0.34),
            Column::new("Statutory duties partly or not in place", 0.66),
        ],
        rows,
    }));
    doc.heading(2, "Critical items", Some("critical-open-items"));
}

/// Cost the way budgets compare it: by annual cost, each option against the next less costly
/// one that is not dominated, by what the extra cost buys in practices in place.
fn cost(doc: &mut Document, c: &Comparison) {
    let Some(cost) = &c.cost else {
        return;
    };
    doc.heading(2, "Cost and what it buys", Some("cost"));
    for line in view::comparison::cost_lines(c) {
        doc.paragraph(line);
    }
    if cost.options.is_empty() {
        return;
    }
    let rows = cost
        .options
        .iter()
        .map(|option| {
            vec![
                strong_cell(&option.label),
                Cell::plain(view::comparison::option_cost(option)),
                Cell::plain(view::comparison::in_place_text(option)),
                Cell::plain(view::comparison::increment_text(option)),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Options by annual cost, least first".into(),
        columns: vec![
            Column::new("Option", 0.24),
            Column::new("Cost", 0.26),
            Column::new("Practices in place on the common items", 0.20),
            Column::new("Against the next less costly option", 0.30),
        ],
        rows,
    }));
    muted(doc, view::comparison::COST_METHOD);
}

fn critical_open(doc: &mut Document, c: &Comparison) {
    doc.heading(
        1,
        view::comparison::CRITICAL_OPEN_HEADING,
        Some("critical-open"),
    );
    statutory_open(doc, c);
    doc.paragraph(view::comparison::critical_open_line(c));
    let rows = view::comparison::critical_open_lines(c)
        .into_iter()
        .map(|(label, items)| vec![strong_cell(label), Cell::plain(items.replace("; ", "\n"))])
        .collect();
    doc.push(Block::Table(Table {
        caption: view::comparison::CRITICAL_OPEN_HEADING.into(),
        columns: vec![
            Column::new(view::comparison::column_noun(c), 0.34),
            Column::new("Critical items left open", 0.66),
        ],
        rows,
    }));
}

fn sections(doc: &mut Document, c: &Comparison) {
    doc.heading(1, "Sections", Some("sections"));
    doc.push(Block::Chart(section_chart(c)));
    let whole = view::comparison::whole_trend(c);
    // Figures share what the titles leave; a trend's change takes a share like a column's.
    let figures: Vec<String> = labels(c)
        .chain(whole.map(|_| "Change".to_string()))
        .collect();
    let share = 0.60 / figures.len().max(1) as f32;
    let columns: Vec<Column> = std::iter::once(Column::new("Section", 0.40))
        .chain(figures.into_iter().map(|title| figure_column(title, share)))
        .collect();
    let mut rows: Vec<Vec<Cell>> = c
        .sections
        .iter()
        .map(|section| {
            let mut row = vec![Cell::plain(&section.title)];
            row.extend(
                section
                    .scores
                    .iter()
                    .map(|s| Cell::plain(view::comparison::section_cell(s.as_ref()))),
            );
            if let Some(step) = whole {
                row.push(Cell::plain(view::comparison::section_change(
                    step,
                    &section.id,
                )));
            }
            row
        })
        .collect();
    let mut total = vec![strong_cell("Overall")];
    total.extend(
        c.columns
            .iter()
            .map(|col| strong_cell(percent(col.overall.percent))),
    );
    if let Some(step) = whole {
        total.push(strong_cell(view::comparison::overall_change(step)));
    }
    rows.push(total);
    doc.push(Block::Table(Table {
        caption: "Score per section".into(),
        columns,
        rows,
    }));
    if let Some(step) = whole {
        muted(doc, view::comparison::change_note(step));
    }
}

/// One group of bars per section, one bar (series) per column; a section too thinly answered
/// has no bar, only its "not rated" label. A trend's bars are the first and the last
/// assessment over the items answered both times, the basis of its change column.
fn section_chart(c: &Comparison) -> Chart {
    if let Some(step) = view::comparison::whole_trend(c) {
        return trend_chart(c, step);
    }
    let series: Vec<String> = c.columns.iter().map(|col| col.label.clone()).collect();
    let groups: Vec<BarGroup> = c
        .sections
        .iter()
        .map(|section| BarGroup {
            label: section.title.clone(),
            bars: section
                .scores
                .iter()
                .map(|cell| Bar {
                    percent: cell.filter(|s| s.rated).and_then(|s| s.score.percent),
                    value: view::comparison::section_cell(cell.as_ref()),
                })
                .collect(),
        })
        .collect();
    chart(
        c,
        format!("Score per section, {}", view::comparison::series_line(c)),
        series,
        groups,
    )
}

/// A trend's chart, on the like-for-like basis of its table's change column.
fn trend_chart(c: &Comparison, step: &TrendStep) -> Chart {
    let series = vec![step.from.clone(), step.to.clone()];
    let groups: Vec<BarGroup> = step
        .sections
        .iter()
        .map(|section| {
            let bar = |percent: Option<f64>| Bar {
                percent,
                value: if section.items_compared == 0 {
                    "not compared".to_string()
                } else {
                    // Short, to fit a phone's width; the title says what the items are.
                    format!(
                        "{} ({} items)",
                        crate::report::view::percent(percent),
                        section.items_compared
                    )
                },
            };
            BarGroup {
                label: section.title.clone(),
                bars: vec![
                    bar(section.like_for_like.from),
                    bar(section.like_for_like.to),
                ],
            }
        })
        .collect();
    chart(
        c,
        format!(
            "Score per section over the items answered both times, {} and {}",
            step.from, step.to
        ),
        series,
        groups,
    )
}

fn chart(c: &Comparison, title: String, series: Vec<String>, groups: Vec<BarGroup>) -> Chart {
    let alt = groups
        .iter()
        .map(|group| {
            let values: Vec<String> = series
                .iter()
                .zip(&group.bars)
                .map(|(name, bar)| format!("{name} {}", bar.value))
                .collect();
            format!("{}: {}.", group.label, values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" ");
    Chart {
        title,
        series,
        groups,
        thresholds: thresholds(&c.bands),
        alt,
    }
}

fn critical_gaps(doc: &mut Document, c: &Comparison) {
    if c.critical_gaps.is_empty() {
        doc.heading(
            1,
            view::comparison::critical_heading(c),
            Some("critical-gaps"),
        );
        doc.paragraph("Every critical item is in place wherever it is scored.");
        return;
    }
    doc.heading(
        1,
        format!(
            "{} ({})",
            view::comparison::critical_heading(c),
            c.critical_gaps.len()
        ),
        Some("critical-gaps"),
    );
    doc.paragraph(format!("{}.", view::comparison::closes_line(c)));
    let rows = c
        .critical_gaps
        .iter()
        .map(|gap| {
            std::iter::once(item_cell(&gap.title, &gap.id))
                .chain(gap.cells.iter().map(status_cell))
                .collect()
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: view::comparison::critical_heading(c).into(),
        columns: shared_columns(vec![Column::new("Critical item", 0.46)], labels(c)),
        rows,
    }));
}

fn gaps_everywhere(doc: &mut Document, c: &Comparison) {
    if c.gaps_everywhere.is_empty() {
        doc.heading(
            1,
            view::comparison::everywhere_heading(c),
            Some("gaps-everywhere"),
        );
        doc.paragraph(view::comparison::nothing_everywhere_line(c));
        return;
    }
    doc.heading(
        1,
        format!(
            "{} ({})",
            view::comparison::everywhere_heading(c),
            c.gaps_everywhere.len()
        ),
        Some("gaps-everywhere"),
    );
    doc.paragraph(view::comparison::everywhere_line(c));
    let rows = c
        .gaps_everywhere
        .iter()
        .map(|gap| vec![priority_cell(gap.priority), item_cell(&gap.title, &gap.id)])
        .collect();
    doc.push(Block::Table(Table {
        caption: view::comparison::everywhere_heading(c).into(),
        columns: vec![Column::new("Priority", 0.14), Column::new("Item", 0.86)],
        rows,
    }));
}

fn item_matrix(doc: &mut Document, c: &Comparison) {
    let differing = c.items.iter().filter(|row| row.differs).count();
    match c.item_filter {
        ItemFilter::All => {
            doc.heading(1, format!("Items ({})", c.items.len()), Some("items"));
            if differing == 0 {
                doc.paragraph("No item differs.");
            } else {
                doc.paragraph(format!("{differing} of {} items differ.", c.item_total));
            }
        }
        ItemFilter::Differences => {
            doc.heading(
                1,
                format!("Items that differ ({} of {})", c.items.len(), c.item_total),
                Some("items"),
            );
        }
    }
    if c.items.is_empty() {
        if c.item_filter == ItemFilter::Differences {
            doc.paragraph("No item differs.");
        }
        return;
    }
    let rows = c
        .items
        .iter()
        .map(|row| {
            [
                item_cell(&row.title, &row.id),
                Cell::plain(priority(row.priority)),
            ]
            .into_iter()
            .chain(row.cells.iter().map(status_cell))
            .collect()
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Each item's status".into(),
        columns: shared_columns(
            vec![Column::new("Item", 0.38), Column::new("Priority", 0.10)],
            labels(c),
        ),
        rows,
    }));
}

/// How the comparison was made, and what a reader needs to make it again.
fn method(doc: &mut Document, c: &Comparison) {
    doc.heading(1, "About this comparison", Some("method"));
    doc.paragraph(
        "Comparisons carry no internal notes: this document may be published. Each answers \
         file is named by a short hash of its contents, so that anyone can check which file a \
         figure comes from.",
    );
    let rows = c
        .columns
        .iter()
        .map(|col| {
            vec![
                strong_cell(view::comparison::column_heading(col)),
                Cell::plain(col.date.to_string()),
                Cell::plain(&col.profile.id),
                Cell::plain(&col.answers_hash),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "The answers files compared".into(),
        columns: vec![
            Column::new(view::comparison::column_noun(c), 0.40),
            Column::new("Date", 0.16),
            Column::new("Profile", 0.24),
            Column::new("Answers file", 0.20),
        ],
        rows,
    }));
    muted(doc, stamp_line(&c.checklist.id, &c.checklist.version));
}
