//! The terminal report: a header, the figures, and tables wrapped to the terminal width.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table,
};

use super::RenderOptions;
use super::view;
use crate::error::Result;
use crate::score::{Assessment, ItemResult, Outcome};

/// Renders the terminal report.
pub struct TableRenderer;

const DEFAULT_WIDTH: u16 = 100;

impl TableRenderer {
    pub(crate) fn render(
        &self,
        assessment: &Assessment,
        options: &RenderOptions,
    ) -> Result<Vec<u8>> {
        let mut out = String::new();
        let title = format!("SRO program gap report: {}", assessment.meta.district);
        out.push_str(&emphasis(&title, options));
        out.push('\n');
        if let Some(draft) = view::draft_line(assessment) {
            out.push_str(&emphasis(&draft, options));
            out.push('\n');
        }
        for (label, value) in header_rows(assessment) {
            out.push_str(&format!("{label:<12} {value}\n"));
        }
        if let Some(warning) = view::version_warning(assessment) {
            out.push_str(&format!("Note:        {warning}\n"));
        }
        if let Some(tailoring) = view::tailoring_line(assessment) {
            out.push_str(&format!("Tailoring:   {tailoring}\n"));
        }
        out.push('\n');
        out.push_str(&format!(
            "{:<12} {}\n",
            "Overall:",
            emphasis(&view::headline(assessment), options)
        ));
        out.push_str(&format!(
            "{:<12} {}\n",
            "",
            view::arithmetic(&assessment.overall)
        ));
        out.push_str(&format!(
            "{:<12} {}\n",
            "Coverage:",
            view::coverage(assessment)
        ));
        out.push_str(&format!(
            "{:<12} {}\n",
            "Answered:",
            view::answered_score(assessment)
        ));
        if let Some(note) = view::rating_note(assessment) {
            out.push_str(&format!("{:<12} {note}\n", "Rating:"));
        }
        out.push_str(&format!(
            "{:<12} {}\n",
            "Statuses:",
            view::counts_line(assessment)
        ));
        out.push_str(&format!(
            "{:<12} {}\n",
            "Strengths:",
            view::strengths_line(assessment)
        ));
        out.push_str(&format!(
            "{:<12} {}\n\n",
            "Critical:",
            view::critical_line(assessment)
        ));

        out.push_str(&emphasis("Sections", options));
        out.push('\n');
        out.push_str(&section_table(assessment, options).to_string());
        out.push_str("\n\n");

        let gaps: Vec<&ItemResult> = assessment.gaps().collect();
        out.push_str(&emphasis(
            &format!("Gaps in priority order ({})", gaps.len()),
            options,
        ));
        out.push('\n');
        if gaps.is_empty() {
            out.push_str("No gaps among the answered items.\n");
        } else {
            out.push_str(&gap_table(&gaps, options).to_string());
            out.push('\n');
        }
        out.push('\n');

        let unanswered: Vec<&ItemResult> = assessment.unanswered().collect();
        out.push_str(&emphasis(
            &format!("Unanswered items ({})", unanswered.len()),
            options,
        ));
        out.push('\n');
        if unanswered.is_empty() {
            out.push_str("Every item of the profile is answered.\n");
        } else {
            out.push_str("They score 0 until answered.\n");
            out.push_str(&unanswered_table(&unanswered, options).to_string());
            out.push('\n');
        }
        out.push_str(&format!("\n{}\n", view::stamp(assessment)));
        Ok(out.into_bytes())
    }
}

fn header_rows(assessment: &Assessment) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("District:", assessment.meta.district.clone()),
        ("Assessment:", view::assessment_line(assessment)),
    ];
    if let Some(by) = &assessment.meta.prepared_by {
        rows.push(("Prepared by:", by.clone()));
    }
    rows.push(("Checklist:", view::checklist_line(assessment)));
    rows.push(("Profile:", view::profile_line(assessment)));
    rows
}

fn emphasis(text: &str, options: &RenderOptions) -> String {
    if options.color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn new_table(options: &RenderOptions, header: &[&str]) -> Table {
    let mut table = Table::new();
    if options.color {
        table.load_style(UTF8_FULL_CONDENSED).enforce_styling();
    } else {
        table.load_style(ASCII_FULL_CONDENSED).force_no_tty();
    }
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(options.width.unwrap_or(DEFAULT_WIDTH))
        .set_header(header.iter().map(|h| {
            let cell = Cell::new(h);
            if options.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
    table
}

fn section_table(assessment: &Assessment, options: &RenderOptions) -> Table {
    // Short count headers (the scale's values) leave the width to the section titles.
    let short: Vec<String> = assessment
        .counts
        .iter()
        .map(|c| c.status.replace('_', " "))
        .collect();
    let mut header = vec!["Section", "Earned / possible", "Score"];
    header.extend(short.iter().map(String::as_str));
    let mut table = new_table(options, &header);
    for section in &assessment.sections {
        let mut row = vec![
            Cell::new(&section.title),
            Cell::new(view::fraction(&section.score)).set_alignment(CellAlignment::Right),
            Cell::new(view::percent(section.score.percent)).set_alignment(CellAlignment::Right),
        ];
        row.extend(
            section
                .counts
                .iter()
                .map(|c| Cell::new(c.count).set_alignment(CellAlignment::Right)),
        );
        table.add_row(row);
    }
    let mut total = vec![
        Cell::new("Overall"),
        Cell::new(view::fraction(&assessment.overall)).set_alignment(CellAlignment::Right),
        Cell::new(view::percent(assessment.overall.percent)).set_alignment(CellAlignment::Right),
    ];
    total.extend(
        assessment
            .counts
            .iter()
            .map(|c| Cell::new(c.count).set_alignment(CellAlignment::Right)),
    );
    table.add_row(total);
    table
}

fn status_cell(item: &ItemResult, options: &RenderOptions) -> Cell {
    let cell = Cell::new(&item.status_label);
    if !options.color {
        return cell;
    }
    match item.outcome {
        Outcome::NotInPlace => cell.fg(Color::Red),
        Outcome::Partial | Outcome::Unanswered => cell.fg(Color::Yellow),
        Outcome::InPlace => cell.fg(Color::Green),
        Outcome::NotApplicable => cell,
    }
}

fn gap_table(gaps: &[&ItemResult], options: &RenderOptions) -> Table {
    let header = [
        "#",
        "Priority",
        "Status",
        "Responsible",
        "Gap and next step",
    ];
    let mut table = new_table(options, &header);
    for item in gaps {
        table.add_row(vec![
            Cell::new(item.gap_rank.map_or(String::new(), |r| r.to_string())),
            Cell::new(view::priority(item.priority)),
            status_cell(item, options),
            Cell::new(item.responsible.label()),
            Cell::new(gap_text(item)),
        ]);
    }
    keep_narrow_columns_whole(&mut table, 4);
    table
}

fn gap_text(item: &ItemResult) -> String {
    let mut text = format!(
        "{}\n[{}] {}\nNext step: {}",
        item.title,
        item.id,
        view::basis(item),
        view::next_step(item)
    );
    if let Some(from) = item.answer.as_ref().and_then(|a| a.carried_from.as_ref()) {
        text.push('\n');
        text.push_str(&view::carried_note(from));
    }
    text
}

/// The first `count` columns hold short words: never wrap them, so the text column gets the rest.
fn keep_narrow_columns_whole(table: &mut Table, count: usize) {
    for index in 0..count {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

fn unanswered_table(items: &[&ItemResult], options: &RenderOptions) -> Table {
    let mut table = new_table(options, &["Priority", "Item", "Basis", "Title"]);
    for item in items {
        table.add_row(vec![
            Cell::new(view::priority(item.priority)),
            Cell::new(&item.id),
            Cell::new(view::basis(item)),
            Cell::new(&item.title),
        ]);
    }
    keep_narrow_columns_whole(&mut table, 3);
    table
}
