//! Markdown for comparisons and summaries: the terminal tables' content as headings and tables.

use std::fmt::Write as _;

use super::view;
use crate::compare::{Comparison, DistrictRow, ItemChange, ItemFilter, Summary, TrendStep};
use crate::error::Result;
use crate::report::RenderOptions;
use crate::report::view::{percent, priority};

/// Renders comparisons and summaries as Markdown.
pub struct MarkdownRenderer;

impl MarkdownRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, _options: &RenderOptions) -> Result<Vec<u8>> {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", cell(&view::comparison_title(c)));
        draft_quote(&mut out, view::comparison_draft_line(c));
        let _ = writeln!(out, "- Checklist: {}", cell(&view::checklist_line(c)));
        let _ = writeln!(
            out,
            "- Comparing: {}\n",
            cell(&view::comparison_kind_line(c))
        );
        for note in &c.notes {
            let _ = writeln!(out, "> {}\n", cell(note));
        }
        side_by_side(&mut out, c);
        critical_open(&mut out, c);
        sections(&mut out, c);
        critical_gaps(&mut out, c);
        gaps_everywhere(&mut out, c);
        if let Some(step) = view::whole_trend(c) {
            trend(&mut out, c, step);
        }
        item_matrix(&mut out, c);
        let _ = writeln!(
            out,
            "---\n\nChecklist {} {}; sro-assess {}",
            c.checklist.id,
            c.checklist.version,
            env!("CARGO_PKG_VERSION")
        );
        Ok(out.into_bytes())
    }

    pub(crate) fn summary(&self, s: &Summary, _options: &RenderOptions) -> Result<Vec<u8>> {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", cell(&view::summary_title(s)));
        draft_quote(&mut out, view::summary_draft_line(s));
        let _ = writeln!(
            out,
            "- Checklist: {}",
            cell(&view::summary_checklist_line(s))
        );
        let _ = writeln!(out, "- Files: {}", cell(&view::files_line(s)));
        let _ = writeln!(out, "- Overall: {}\n", cell(&view::average_line(s)));
        let _ = writeln!(out, "{}\n", cell(view::GROUPING_NOTE));
        let _ = writeln!(out, "## {}\n", cell(&view::districts_heading(s)));
        if s.districts.is_empty() {
            let _ = writeln!(out, "{}\n", cell(view::NO_LATEST));
        } else {
            districts(&mut out, &s.districts);
            let _ = writeln!(out, "{}\n", cell(view::CRITICAL_GAPS_NOTE));
        }
        if !s.other_assessments.is_empty() {
            let _ = writeln!(out, "## {}\n", cell(&view::others_heading(s)));
            districts(&mut out, &s.other_assessments);
        }
        section_averages(&mut out, s);
        common_gaps(&mut out, s);
        let _ = writeln!(
            out,
            "---\n\nChecklist {} {}; sro-assess {}",
            s.checklist.id,
            s.checklist.version,
            env!("CARGO_PKG_VERSION")
        );
        Ok(out.into_bytes())
    }
}

/// The DRAFT line as a quote under the title, as the single report sets it.
fn draft_quote(out: &mut String, draft: Option<String>) {
    if let Some(draft) = draft {
        let text = draft.strip_prefix("DRAFT: ").unwrap_or(&draft);
        let _ = writeln!(out, "> **DRAFT**: {}\n", cell(text));
    }
}

/// Escapes text for a table cell: pipes, line breaks and characters Markdown would read.
fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

fn table_header(out: &mut String, header: &[String], right_from: usize) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let align: Vec<&str> = (0..header.len())
        .map(|i| if i >= right_from { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", align.join("|"));
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn label_header(c: &Comparison, first: &[&str]) -> Vec<String> {
    first
        .iter()
        .map(|h| h.to_string())
        .chain(c.columns.iter().map(|col| cell(&view::column_heading(col))))
        .collect()
}

fn side_by_side(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "## Side by side\n");
    table_header(out, &label_header(c, &[" "]), usize::MAX);
    for (label, values) in view::figure_rows(c) {
        let mut cells = vec![label.to_string()];
        cells.extend(values.iter().map(|v| cell(v)));
        row(out, &cells);
    }
    let _ = writeln!(out, "\n**Ranking:** {}\n", cell(&view::ranking_line(c)));
    let _ = writeln!(
        out,
        "**Weight check:** {}\n",
        cell(&c.weight_check.statement)
    );
}

fn critical_open(out: &mut String, c: &Comparison) {
    let _ = writeln!(out, "## {}\n", view::CRITICAL_OPEN_HEADING);
    let _ = writeln!(out, "{}\n", view::CRITICAL_OPEN_LINE);
    table_header(
        out,
        &[" ", "Critical items left open"].map(String::from),
        usize::MAX,
    );
    for (label, items) in view::critical_open_lines(c) {
        row(out, &[cell(&label), cell(&items)]);
    }
    out.push('\n');
}

fn sections(out: &mut String, c: &Comparison) {
    let whole = view::whole_trend(c);
    let _ = writeln!(out, "## Sections\n");
    let mut header = label_header(c, &["Section"]);
    if whole.is_some() {
        header.push("Change".into());
    }
    table_header(out, &header, 1);
    for section in &c.sections {
        let mut cells = vec![cell(&section.title)];
        cells.extend(
            section
                .scores
                .iter()
                .map(|s| view::section_cell(s.as_ref())),
        );
        if let Some(step) = whole {
            cells.push(view::section_change(step, &section.id));
        }
        row(out, &cells);
    }
    let mut total = vec!["**Overall**".to_string()];
    total.extend(
        c.columns
            .iter()
            .map(|col| format!("**{}**", percent(col.overall.percent))),
    );
    if let Some(step) = whole {
        total.push(format!("**{}**", view::overall_change(step)));
    }
    row(out, &total);
    out.push('\n');
    if let Some(step) = whole {
        let _ = writeln!(out, "{}\n", cell(&view::change_note(step)));
    }
}

fn critical_gaps(out: &mut String, c: &Comparison) {
    let _ = writeln!(
        out,
        "## {} ({})\n",
        view::critical_heading(c),
        c.critical_gaps.len()
    );
    if c.critical_gaps.is_empty() {
        let _ = writeln!(
            out,
            "Every critical item is in place wherever it is scored.\n"
        );
        return;
    }
    let _ = writeln!(out, "{}.\n", cell(&view::closes_line(c)));
    let header = ["Critical item", "Closed by", "Open under", "Not scored by"].map(String::from);
    table_header(out, &header, usize::MAX);
    let list = |labels: &[String]| {
        if labels.is_empty() {
            "-".to_string()
        } else {
            cell(&labels.join(", "))
        }
    };
    for gap in &c.critical_gaps {
        row(
            out,
            &[
                format!("{} (`{}`)", cell(&gap.title), gap.id),
                list(&gap.closed_by),
                list(&gap.open_under),
                list(&gap.not_scored_by),
            ],
        );
    }
    out.push('\n');
}

fn gaps_everywhere(out: &mut String, c: &Comparison) {
    let _ = writeln!(
        out,
        "## {} ({})\n",
        view::everywhere_heading(c),
        c.gaps_everywhere.len()
    );
    if c.gaps_everywhere.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let _ = writeln!(out, "{}\n", view::everywhere_line(c));
    table_header(
        out,
        &["Priority", "Item", "Title"].map(String::from),
        usize::MAX,
    );
    for gap in &c.gaps_everywhere {
        row(
            out,
            &[
                priority(gap.priority).to_string(),
                format!("`{}`", gap.id),
                cell(&gap.title),
            ],
        );
    }
    out.push('\n');
}

fn trend(out: &mut String, c: &Comparison, whole: &TrendStep) {
    let _ = writeln!(out, "## Trend\n");
    if let Some(trend) = &c.trend
        && trend.span.is_some()
    {
        for step in &trend.steps {
            let _ = writeln!(out, "- {}", cell(&view::step_headline(step)));
        }
    }
    let _ = writeln!(out, "- **{}**", cell(&view::step_headline(whole)));
    let _ = writeln!(out, "- Items: {}\n", view::step_counts(whole));
    for (heading, list) in view::step_lists(whole) {
        let _ = writeln!(out, "### {heading} ({})\n", list.len());
        changes(out, list);
    }
}

fn changes(out: &mut String, list: &[ItemChange]) {
    table_header(
        out,
        &["Priority", "Item", "From", "To"].map(String::from),
        usize::MAX,
    );
    for change in list {
        row(
            out,
            &[
                priority(change.priority).to_string(),
                format!("{} (`{}`)", cell(&change.title), change.id),
                cell(&change.from),
                cell(&change.to),
            ],
        );
    }
    out.push('\n');
}

fn item_matrix(out: &mut String, c: &Comparison) {
    let differing = c.items.iter().filter(|row| row.differs).count();
    match c.item_filter {
        ItemFilter::All => {
            let _ = writeln!(out, "## Items ({})\n", c.items.len());
            let _ = writeln!(
                out,
                "{differing} of {} items differ; `--only-differences` keeps only those.\n",
                c.item_total
            );
        }
        ItemFilter::Differences => {
            let _ = writeln!(
                out,
                "## Items that differ ({} of {})\n",
                c.items.len(),
                c.item_total
            );
        }
    }
    if c.items.is_empty() {
        let _ = writeln!(out, "No item differs.\n");
        return;
    }
    table_header(out, &label_header(c, &["Item", "Priority"]), usize::MAX);
    for item in &c.items {
        let mut cells = vec![
            format!("{} (`{}`)", cell(&item.title), item.id),
            priority(item.priority).to_string(),
        ];
        cells.extend(item.cells.iter().map(|c| cell(&c.label)));
        row(out, &cells);
    }
    out.push('\n');
}

fn districts(out: &mut String, rows: &[DistrictRow]) {
    let header = [
        "District",
        "Counted",
        "Date",
        "Profile",
        "Overall",
        "Coverage",
        "Critical gaps",
    ]
    .map(String::from);
    table_header(out, &header, 6);
    for d in rows {
        row(
            out,
            &[
                cell(&view::district_name(d)),
                cell(&view::role_cell(d)),
                d.date.to_string(),
                cell(&d.profile),
                cell(&view::district_headline(d)),
                view::district_coverage(d),
                view::critical_cell(d),
            ],
        );
    }
    out.push('\n');
}

fn section_averages(out: &mut String, s: &Summary) {
    let _ = writeln!(out, "## Average per section\n");
    table_header(
        out,
        &["Section", "Average", "Districts"].map(String::from),
        1,
    );
    for section in &s.sections {
        row(
            out,
            &[
                cell(&section.title),
                percent(section.average),
                section.districts.to_string(),
            ],
        );
    }
    let scored = s.districts.iter().filter(|d| d.averaged).count();
    row(
        out,
        &[
            "**Overall**".into(),
            format!("**{}**", percent(s.overall_average)),
            scored.to_string(),
        ],
    );
    out.push('\n');
}

fn common_gaps(out: &mut String, s: &Summary) {
    let shown = s.common_gaps.len().min(view::COMMON_GAPS_SHOWN);
    let _ = writeln!(
        out,
        "## Most common gaps ({shown} of {} items that are a gap somewhere)\n",
        s.common_gaps.len()
    );
    if shown == 0 {
        let _ = writeln!(out, "No item is a gap in any district.\n");
        return;
    }
    let header = ["Priority", "Item", "Districts with the gap", "Unanswered"].map(String::from);
    table_header(out, &header, 2);
    for gap in s.common_gaps.iter().take(shown) {
        row(
            out,
            &[
                priority(gap.priority).to_string(),
                format!("{} (`{}`)", cell(&gap.title), gap.id),
                view::share(gap.districts, gap.applies, gap.share),
                gap.unanswered.to_string(),
            ],
        );
    }
    out.push('\n');
}
