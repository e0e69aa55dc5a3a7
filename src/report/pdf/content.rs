//! What the PDF says, in order: cover, summary, gaps, MOU, action plan, every item, unanswered
//! items, method, sources. Figures come from the [`Assessment`] and are formatted by
//! [`view`], so the PDF prints the same numbers as every other format.

use crate::model::Priority;
use crate::report::RenderOptions;
use crate::report::view;
use crate::score::{Assessment, ItemResult, Outcome};

use super::layout::{
    Align, Bar, Cell, CellText, ChartStyle, Column, Footer, Geometry, Layout, Rgb, TableStyle,
    TextStyle, text_cell,
};
use super::metrics::Face;

pub(crate) const INK: Rgb = Rgb(0.11, 0.11, 0.13);
pub(crate) const MUTED: Rgb = Rgb(0.38, 0.39, 0.42);
pub(crate) const NAVY: Rgb = Rgb(0.10, 0.22, 0.40);
pub(crate) const GREEN: Rgb = Rgb(0.10, 0.45, 0.22);
pub(crate) const AMBER: Rgb = Rgb(0.66, 0.40, 0.0);
pub(crate) const RED: Rgb = Rgb(0.70, 0.10, 0.10);
pub(crate) const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);

pub(crate) const BODY: TextStyle = TextStyle::new(Face::Regular, 9.5, INK);
pub(crate) const SMALL: TextStyle = TextStyle::new(Face::Regular, 8.0, MUTED);
pub(crate) const H1: TextStyle = TextStyle::new(Face::Bold, 17.0, NAVY);
pub(crate) const H2: TextStyle = TextStyle::new(Face::Bold, 12.0, NAVY);
pub(crate) const CELL: TextStyle = TextStyle::new(Face::Regular, 8.0, INK);
pub(crate) const CELL_NOTE: TextStyle = TextStyle::new(Face::Regular, 7.0, MUTED);

pub(crate) const TABLE: TableStyle = TableStyle {
    header: TextStyle::new(Face::Bold, 8.0, NAVY),
    header_fill: Rgb(0.88, 0.91, 0.95),
    stripe: Rgb(0.965, 0.97, 0.98),
    rule: Rgb(0.82, 0.84, 0.87),
    padding: 3.0,
};

pub(crate) const CHART: ChartStyle = ChartStyle {
    label: TextStyle::new(Face::Regular, 8.5, INK),
    value: TextStyle::new(Face::Bold, 8.0, INK),
    on_bar: WHITE,
    bar: NAVY,
    track: Rgb(0.90, 0.91, 0.93),
    grid: TextStyle::new(Face::Regular, 7.0, MUTED),
};

/// Whether the report carries internal notes, and so must say CONFIDENTIAL (as the Markdown
/// report does: only when notes were asked for and there are some).
pub fn is_confidential(a: &Assessment, options: &RenderOptions) -> bool {
    options.include_internal_notes && a.has_internal_notes()
}

/// Lays out the whole report.
pub fn build(a: &Assessment, options: &RenderOptions) -> Layout {
    let geometry = Geometry::for_paper(options.paper);
    let confidential = is_confidential(a, options);
    let mut l = Layout::new(
        geometry,
        Footer {
            stamp: view::stamp(a),
            confidential,
            draft: view::draft_line(a),
        },
    );
    cover(&mut l, a, confidential);
    summary(&mut l, a);
    gaps(&mut l, a);
    mou(&mut l, a);
    action_plan(&mut l, a);
    every_item(&mut l, a, options.include_internal_notes);
    unanswered(&mut l, a);
    method(&mut l, a);
    sources(&mut l, a);
    l
}

pub(crate) fn h1(l: &mut Layout, text: &str) {
    l.heading(text, H1, 60.0);
    l.rule(NAVY, 1.0);
    l.advance(8.0);
}

pub(crate) fn h2(l: &mut Layout, text: &str) {
    l.space(10.0);
    l.heading_level(2, None, text, H2, 40.0);
    l.advance(3.0);
}

fn status_color(item: &ItemResult) -> Rgb {
    match item.outcome {
        Outcome::InPlace => GREEN,
        Outcome::Partial => AMBER,
        Outcome::NotInPlace => RED,
        Outcome::NotApplicable | Outcome::Unanswered => MUTED,
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn cover(l: &mut Layout, a: &Assessment, confidential: bool) {
    l.advance(90.0);
    l.paragraph(
        "SCHOOL RESOURCE OFFICER PROGRAM",
        TextStyle::new(Face::Bold, 10.0, MUTED),
        0.0,
    );
    l.advance(4.0);
    l.paragraph("Gap Report", TextStyle::new(Face::Bold, 30.0, NAVY), 0.0);
    l.advance(6.0);
    l.paragraph(
        &a.meta.district,
        TextStyle::new(Face::Regular, 17.0, INK),
        0.0,
    );
    l.advance(14.0);
    l.rule(NAVY, 1.5);
    l.advance(14.0);
    let m = &a.meta;
    let mut pairs = vec![
        ("Assessment".to_string(), m.label.clone()),
        ("Date".to_string(), m.date.to_string()),
    ];
    if let Some(by) = &m.prepared_by {
        pairs.push(("Prepared by".to_string(), by.clone()));
    }
    pairs.push(("Checklist".to_string(), view::checklist_line(a)));
    pairs.push(("Profile".to_string(), view::profile_line(a)));
    if let Some(line) = view::tailoring_line(a) {
        pairs.push(("Local checklist".to_string(), line));
    }
    l.key_values(&pairs, BODY.bold().colored(MUTED), BODY, 110.0);
    l.advance(18.0);
    l.paragraph("Overall score", SMALL.bold(), 0.0);
    l.paragraph(
        &view::headline(a),
        TextStyle::new(Face::Bold, 22.0, NAVY),
        0.0,
    );
    l.paragraph(&view::arithmetic(&a.overall), BODY.colored(MUTED), 0.0);
    l.paragraph(&view::coverage(a), BODY.colored(MUTED), 0.0);
    l.paragraph(
        &format!("Score over answered items: {}", view::answered_score(a)),
        BODY.colored(MUTED),
        0.0,
    );
    if let Some(note) = view::rating_note(a) {
        l.paragraph(&note, BODY.colored(AMBER), 0.0);
    }
    l.advance(24.0);
    if let Some(draft) = view::draft_line(a) {
        l.banner(&draft, TextStyle::new(Face::Bold, 11.0, WHITE), AMBER);
        l.advance(8.0);
    }
    if let Some(warning) = view::version_warning(a) {
        l.paragraph(&warning, BODY.colored(AMBER), 0.0);
        l.advance(8.0);
    }
    if confidential {
        l.banner(
            "CONFIDENTIAL: this report includes internal notes. Do not publish it.",
            TextStyle::new(Face::Bold, 11.0, WHITE),
            RED,
        );
    } else {
        l.paragraph(
            "Internal notes are not included: this report may be published.",
            SMALL,
            0.0,
        );
    }
}

fn summary(l: &mut Layout, a: &Assessment) {
    l.new_page();
    h1(l, "Summary");
    let headline = format!(
        "{} scores {} on this checklist: {}.",
        a.meta.district,
        view::headline(a),
        view::arithmetic(&a.overall)
    );
    l.paragraph(&headline, BODY.bold(), 0.0);
    l.advance(4.0);
    l.paragraph(&method_sentence(a), BODY, 0.0);
    l.advance(6.0);
    let pairs = vec![
        ("Coverage".to_string(), view::coverage(a)),
        ("Answered".to_string(), view::answered_score(a)),
        ("Statuses".to_string(), view::counts_line(a)),
        ("Strengths".to_string(), view::strengths_line(a)),
        (
            "Gaps".to_string(),
            format!(
                "{} answered, plus {} unanswered",
                a.gaps().count(),
                a.unanswered().count()
            ),
        ),
    ];
    l.key_values(&pairs, BODY.bold().colored(MUTED), BODY, 80.0);
    h2(l, "Section scores");
    let bars: Vec<Bar> = a
        .sections
        .iter()
        .map(|s| Bar {
            label: s.title.clone(),
            percent: s.score.percent,
            value: format!(
                "{} ({})",
                view::percent(s.score.percent),
                view::fraction(&s.score)
            ),
        })
        .collect();
    l.bar_chart(&bars, &CHART);
    critical_gaps(l, a);
    top_strengths(l, a);
}

/// The scoring rule in one plain sentence, from the checklist's own scale and weights.
pub(crate) fn method_sentence(a: &Assessment) -> String {
    let w = &a.method.weights;
    let credits: Vec<String> = a
        .method
        .scale
        .iter()
        .filter_map(|lvl| {
            lvl.credit
                .map(|c| format!("{} {}", lvl.label.to_lowercase(), view::weight(c)))
        })
        .collect();
    format!(
        "Each practice carries a weight by priority (critical {}, high {}, medium {}, low {}) and \
         earns that weight times its credit ({}). The score is the weight earned over the weight \
         possible.",
        view::weight(w.critical),
        view::weight(w.high),
        view::weight(w.medium),
        view::weight(w.low),
        credits.join(", ")
    )
}

fn critical_gaps(l: &mut Layout, a: &Assessment) {
    let lines = view::critical_gap_lines(a);
    h2(l, &format!("Critical gaps ({})", lines.len()));
    if lines.is_empty() {
        l.paragraph("No critical practice is answered as missing.", BODY, 0.0);
    }
    for line in &lines {
        l.bullet(line, BODY, 0.0);
    }
    let open = view::critical_unanswered_lines(a);
    if !open.is_empty() {
        h2(
            l,
            &format!("Critical items not yet answered ({})", open.len()),
        );
        for line in &open {
            l.bullet(line, BODY, 0.0);
        }
    }
}

fn top_strengths(l: &mut Layout, a: &Assessment) {
    const SHOWN: usize = view::STRENGTHS_SHOWN;
    let strengths: Vec<&ItemResult> = a.strengths().collect();
    h2(l, "Top strengths");
    if strengths.is_empty() {
        l.paragraph("No practice is fully in place yet.", BODY, 0.0);
        return;
    }
    for item in strengths.iter().take(SHOWN) {
        l.bullet(&item.title, BODY, 0.0);
    }
    if strengths.len() > SHOWN {
        let more = format!(
            "and {} more (see \"Every item, by section\").",
            plural(strengths.len() - SHOWN, "item", "items")
        );
        l.paragraph(&more, SMALL, 11.0);
    }
}

pub(crate) fn col(title: &str, share: f32) -> Column {
    Column {
        title: title.to_string(),
        share,
    }
}

fn item_cell(item: &ItemResult) -> Cell {
    vec![
        CellText {
            text: item.title.clone(),
            style: CELL,
        },
        CellText {
            text: view::id_and_basis(item),
            style: CELL_NOTE,
        },
    ]
}

fn owner_due(item: &ItemResult) -> String {
    let answer = item.answer.as_ref();
    let owner = answer.and_then(|a| a.owner.clone());
    let due = answer.and_then(|a| a.due).map(|d| format!("due {d}"));
    let parts: Vec<String> = [owner, due].into_iter().flatten().collect();
    if parts.is_empty() {
        "\u{2014}".to_string()
    } else {
        parts.join("\n")
    }
}

fn gaps(l: &mut Layout, a: &Assessment) {
    l.new_page();
    let gaps: Vec<&ItemResult> = a.gaps().collect();
    h1(l, &format!("Gaps in priority order ({})", gaps.len()));
    if gaps.is_empty() {
        l.paragraph("No gaps among the answered items.", BODY, 0.0);
        return;
    }
    l.paragraph(
        "Practices partly or not in place, most urgent first: by priority, then by the weight \
         lost, then in checklist order. Unanswered items are listed apart, further on.",
        BODY,
        0.0,
    );
    l.advance(6.0);
    let columns = [
        col("#", 0.04),
        col("Priority", 0.08),
        col("Item", 0.25),
        col("Status", 0.09),
        col("Responsible", 0.12),
        col("Next step", 0.28),
        col("Owner / due", 0.14),
    ];
    let rows: Vec<Vec<Cell>> = gaps
        .iter()
        .map(|item| {
            vec![
                text_cell(&item.gap_rank.unwrap_or(0).to_string(), CELL),
                text_cell(view::priority(item.priority), priority_style(item)),
                item_cell(item),
                text_cell(&item.status_label, CELL.bold().colored(status_color(item))),
                text_cell(item.responsible.label(), CELL),
                text_cell(&item.recommendation, CELL),
                text_cell(&owner_due(item), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn priority_style(item: &ItemResult) -> TextStyle {
    if item.priority == Priority::Critical {
        CELL.bold().colored(RED)
    } else {
        CELL
    }
}

fn mou(l: &mut Layout, a: &Assessment) {
    l.new_page();
    h1(l, "What the next MOU should say");
    let items = a.mou_gaps();
    if items.is_empty() {
        l.paragraph(
            "No gap concerns a practice that belongs in the memorandum of understanding (MOU).",
            BODY,
            0.0,
        );
        return;
    }
    l.paragraph(
        "These gaps concern practices that belong in the written memorandum of understanding \
         (MOU) between the district and the law enforcement agency. Take this list to the MOU \
         renewal.",
        BODY,
        0.0,
    );
    l.advance(6.0);
    for (n, item) in items.iter().enumerate() {
        l.ensure(3.0 * BODY.line_height());
        l.paragraph(&format!("{}. {}", n + 1, item.title), BODY.bold(), 0.0);
        let meta = format!(
            "{} \u{00B7} {} priority \u{00B7} responsible: {} \u{00B7} {}",
            item.status_label,
            view::priority(item.priority),
            item.responsible.label(),
            view::id_and_basis(item)
        );
        l.paragraph(&meta, SMALL, 14.0);
        l.paragraph(&item.recommendation, BODY, 14.0);
        l.advance(6.0);
    }
}

fn action_plan(l: &mut Layout, a: &Assessment) {
    l.space(16.0);
    h1(l, "Action plan");
    let planned = a.action_plan();
    let unplanned = a.gaps().count() - planned.len();
    if planned.is_empty() {
        l.paragraph(
            "No gap has both an owner and a due date yet. Add `owner` and `due` to the answers \
             to build the plan.",
            BODY,
            0.0,
        );
        return;
    }
    l.paragraph(
        &format!(
            "Gaps with an owner and a due date, soonest first. {} no owner or due date yet.",
            match unplanned {
                1 => "1 other gap has".to_string(),
                n => format!("{n} other gaps have"),
            }
        ),
        BODY,
        0.0,
    );
    l.advance(6.0);
    let columns = [
        col("Due", 0.11),
        col("Owner", 0.17),
        col("Item", 0.30),
        col("Priority", 0.09),
        col("Next step", 0.33),
    ];
    let rows: Vec<Vec<Cell>> = planned
        .iter()
        .map(|item| {
            let answer = item.answer.as_ref();
            let due = answer.and_then(|a| a.due).map(|d| d.to_string());
            let owner = answer.and_then(|a| a.owner.clone());
            vec![
                text_cell(&due.unwrap_or_default(), CELL.bold()),
                text_cell(&owner.unwrap_or_default(), CELL),
                item_cell(item),
                text_cell(view::priority(item.priority), priority_style(item)),
                text_cell(&item.recommendation, CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

fn every_item(l: &mut Layout, a: &Assessment, internal: bool) {
    l.new_page();
    h1(l, "Every item, by section");
    for section in &a.sections {
        h2(l, &section.title);
        let line = format!(
            "{} ({} weight) \u{00B7} {}",
            view::percent(section.score.percent),
            view::fraction(&section.score),
            plural(section.items, "item", "items")
        );
        l.paragraph(&line, SMALL, 0.0);
        l.advance(5.0);
        for item in a.section_items(&section.id) {
            item_block(l, item, internal);
        }
    }
}

fn item_block(l: &mut Layout, item: &ItemResult, internal: bool) {
    let note_style = TextStyle::new(Face::Regular, 8.5, INK);
    l.ensure(BODY.line_height() + 2.0 * SMALL.line_height());
    l.paragraph(&item.title, BODY.bold(), 0.0);
    l.runs(
        &[
            (
                item.status_label.clone(),
                SMALL.bold().colored(status_color(item)),
            ),
            (
                format!(
                    "  \u{00B7}  {} priority  \u{00B7}  {}  \u{00B7}  {}",
                    view::priority(item.priority),
                    item.responsible.label(),
                    view::id_and_basis(item)
                ),
                SMALL,
            ),
        ],
        10.0,
    );
    if let Some(answer) = &item.answer {
        if let Some(evidence) = &answer.evidence {
            l.paragraph(&format!("Evidence: {evidence}"), note_style, 10.0);
        }
        if let Some(note) = &answer.note {
            l.paragraph(&format!("Note: {note}"), note_style, 10.0);
        }
        if internal && let Some(secret) = &answer.internal_note {
            l.paragraph(
                &format!("Internal note (CONFIDENTIAL): {secret}"),
                note_style.colored(RED),
                10.0,
            );
        }
    }
    l.advance(6.0);
}

fn unanswered(l: &mut Layout, a: &Assessment) {
    let items: Vec<&ItemResult> = a.unanswered().collect();
    l.space(16.0);
    h1(l, &format!("Unanswered items ({})", items.len()));
    if items.is_empty() {
        l.paragraph("Every item of the profile is answered.", BODY, 0.0);
        return;
    }
    l.paragraph(
        "These items have no answer. Each scores 0 (its weight counts as possible, none as \
         earned) until it is answered; they are not counted among the gaps above.",
        BODY,
        0.0,
    );
    l.advance(6.0);
    let columns = [
        col("Priority", 0.12),
        col("Item", 0.58),
        col("Responsible", 0.15),
        col("Weight", 0.15),
    ];
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|item| {
            vec![
                text_cell(view::priority(item.priority), priority_style(item)),
                item_cell(item),
                text_cell(item.responsible.label(), CELL),
                text_cell(&view::weight(item.weight), CELL),
            ]
        })
        .collect();
    l.table(&columns, &rows, &TABLE);
}

/// What a local checklist changed from the one it extends, with each removal's reason, so the
/// board sees that the score is not on the standard checklist.
fn tailoring(l: &mut Layout, a: &Assessment) {
    let Some(t) = &a.meta.tailoring else {
        return;
    };
    h2(l, "Local changes to the checklist");
    l.paragraph(&format!("Scored against a {}.", t.summary()), BODY, 0.0);
    for removal in &t.removed {
        l.bullet(
            &format!(
                "Removed {} ({}): {}",
                removal.title, removal.item_id, removal.reason
            ),
            BODY,
            0.0,
        );
    }
    for added in &t.added {
        l.bullet(&format!("Added {added}"), BODY, 0.0);
    }
    for change in &t.overridden {
        l.bullet(
            &format!("Changed {}: {}", change.item_id, change.fields.join(", ")),
            BODY,
            0.0,
        );
    }
}

fn method(l: &mut Layout, a: &Assessment) {
    l.new_page();
    h1(l, "How this was scored");
    for line in view::method_limits(a) {
        l.paragraph(&line, BODY, 0.0);
        l.advance(4.0);
    }
    l.paragraph(&method_sentence(a), BODY, 0.0);
    l.advance(4.0);
    l.paragraph(
        "Formula: score = sum(weight \u{00D7} credit) / sum(weight) \u{00D7} 100, over the applicable items, \
         rounded to one decimal. The same formula gives each section's score and the overall \
         score.",
        BODY,
        0.0,
    );
    scale_table(l, a);
    weights_table(l, a);
    bands_table(l, a);
    tailoring(l, a);
    h2(l, "Not applicable and unanswered items");
    let na: Vec<String> = a
        .method
        .scale
        .iter()
        .filter(|lvl| lvl.credit.is_none())
        .map(|lvl| format!("\"{}\"", lvl.label))
        .collect();
    if !na.is_empty() {
        l.paragraph(
            &format!(
                "An item answered {} is left out of both the earned and the possible weight: it \
                 neither raises nor lowers a score.",
                na.join(" or ")
            ),
            BODY,
            0.0,
        );
        l.advance(4.0);
    }
    l.paragraph(
        "An item with no answer counts in the possible weight with no credit, so it lowers the \
         score until it is answered. Unanswered items are listed apart from the gaps, and the \
         coverage line shows how many items were answered.",
        BODY,
        0.0,
    );
    l.advance(4.0);
    l.paragraph(
        "Gaps (items partly or not in place) are ordered by priority, then by the weight they \
         lose, then in checklist order.",
        BODY,
        0.0,
    );
    section_arithmetic(l, a);
}

fn scale_table(l: &mut Layout, a: &Assessment) {
    h2(l, "Response scale");
    let rows: Vec<Vec<Cell>> = a
        .method
        .scale
        .iter()
        .map(|lvl| {
            let credit = lvl
                .credit
                .map_or_else(|| "left out (not applicable)".to_string(), view::weight);
            vec![
                text_cell(&lvl.label, CELL),
                text_cell(&lvl.value, CELL),
                text_cell(&credit, CELL),
            ]
        })
        .collect();
    let columns = [
        col("Status", 0.4),
        col("Written as", 0.3),
        col("Credit", 0.3),
    ];
    l.table(&columns, &rows, &TABLE);
}

fn weights_table(l: &mut Layout, a: &Assessment) {
    h2(l, "Weights");
    let rows: Vec<Vec<Cell>> = Priority::ALL
        .iter()
        .map(|&p| {
            vec![
                text_cell(view::priority(p), CELL),
                text_cell(&view::weight(a.method.weights.of(p)), CELL),
            ]
        })
        .collect();
    l.table(&[col("Priority", 0.4), col("Weight", 0.6)], &rows, &TABLE);
}

fn bands_table(l: &mut Layout, a: &Assessment) {
    h2(l, "Ratings");
    let rows: Vec<Vec<Cell>> = a
        .method
        .bands
        .iter()
        .map(|b| {
            vec![
                text_cell(&b.label, CELL),
                text_cell(&format!("{}% or more", view::weight(b.min)), CELL),
            ]
        })
        .collect();
    l.table(
        &[col("Rating", 0.4), col("Overall score", 0.6)],
        &rows,
        &TABLE,
    );
}

fn section_arithmetic(l: &mut Layout, a: &Assessment) {
    h2(l, "The arithmetic, section by section");
    let mut rows: Vec<Vec<Cell>> = a
        .sections
        .iter()
        .map(|s| {
            vec![
                text_cell(&s.title, CELL),
                text_cell(&s.items.to_string(), CELL),
                text_cell(&view::fraction(&s.score), CELL),
                text_cell(&view::percent(s.score.percent), CELL),
            ]
        })
        .collect();
    rows.push(vec![
        text_cell("Overall", CELL.bold()),
        text_cell(&a.coverage.items.to_string(), CELL.bold()),
        text_cell(&view::fraction(&a.overall), CELL.bold()),
        text_cell(&view::percent(a.overall.percent), CELL.bold()),
    ]);
    let columns = [
        col("Section", 0.52),
        col("Items", 0.12),
        col("Earned / possible", 0.2),
        col("Score", 0.16),
    ];
    l.table(&columns, &rows, &TABLE);
}

fn sources(l: &mut Layout, a: &Assessment) {
    l.space(16.0);
    h1(l, "Sources");
    l.paragraph(
        "Every source the checklist cites. Each item names the part of a source it rests on.",
        BODY,
        0.0,
    );
    l.advance(6.0);
    let url_style = TextStyle::new(Face::Regular, 8.5, NAVY);
    for source in &a.sources {
        // Title, publisher and a URL of up to three lines stay on one page: a URL split by a
        // page break is read back with the footer inside it.
        l.ensure(BODY.line_height() + SMALL.line_height() + 3.0 * url_style.line_height());
        l.paragraph(&source.title, BODY.bold(), 0.0);
        l.paragraph(
            &format!("{}, {}", source.publisher, source.year),
            SMALL,
            10.0,
        );
        l.aligned(&source.url, url_style, 10.0, Align::Left);
        if let Some(note) = &source.note {
            l.paragraph(note, SMALL, 10.0);
        }
        l.advance(6.0);
    }
}
