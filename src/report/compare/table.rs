//! Terminal tables for comparisons and summaries, wrapped to the width in the options.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table,
};

use super::view;
use crate::compare::{
    CellState, Comparison, ComparisonKind, DistrictRow, ItemCell, ItemChange, ItemFilter, Summary,
};
use crate::error::Result;
use crate::report::RenderOptions;
use crate::report::view::{percent, priority};

/// Renders comparisons and summaries as terminal tables.
pub struct TableRenderer;

const DEFAULT_WIDTH: u16 = 100;
/// Width of the labels before header lines (`Checklist:`).
const LABEL_WIDTH: usize = 11;

impl TableRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, options: &RenderOptions) -> Result<Vec<u8>> {
        let mut out = Out::new(options);
        out.heading(&view::comparison_title(c));
        if let Some(draft) = view::comparison_draft_line(c) {
            out.emphasized(&draft);
        }
        out.labelled("Checklist:", &view::checklist_line(c));
        out.labelled("Comparing:", &view::comparison_kind_line(c));
        for note in &c.notes {
            out.labelled("Note:", note);
        }
        out.blank();
        out.heading("Side by side");
        out.table(figures_table(c, options));
        out.labelled(view::ranking_label(c), &view::ranking_line(c));
        out.labelled("Weights:", &c.weight_check.statement);
        out.blank();
        critical_open(&mut out, c, options);
        out.heading("Sections");
        out.table(sections_table(c, options));
        if let Some(step) = view::whole_trend(c) {
            out.paragraph(&view::change_note(step));
        }
        out.blank();
        critical_gaps(&mut out, c, options);
        gaps_everywhere(&mut out, c, options);
        if let Some(step) = view::whole_trend(c) {
            trend(&mut out, c, step, options);
        }
        item_matrix(&mut out, c, options);
        Ok(out.finish())
    }

    pub(crate) fn summary(&self, s: &Summary, options: &RenderOptions) -> Result<Vec<u8>> {
        let mut out = Out::new(options);
        out.heading(&view::summary_title(s));
        if let Some(draft) = view::summary_draft_line(s) {
            out.emphasized(&draft);
        }
        out.labelled("Checklist:", &view::summary_checklist_line(s));
        out.labelled("Files:", &view::files_line(s));
        out.labelled("Overall:", &view::average_line(s));
        out.paragraph(view::GROUPING_NOTE);
        out.blank();
        out.heading(&view::districts_heading(s));
        if s.districts.is_empty() {
            out.paragraph(view::NO_LATEST);
        } else {
            out.table(districts_table(&s.districts, options));
            out.paragraph(view::CRITICAL_GAPS_NOTE);
        }
        out.blank();
        if !s.other_assessments.is_empty() {
            out.heading(&view::others_heading(s));
            out.table(districts_table(&s.other_assessments, options));
            out.blank();
        }
        out.heading("Average per section");
        out.table(section_averages_table(s, options));
        out.blank();
        common_gaps(&mut out, s, options);
        Ok(out.finish())
    }
}

/// The text being built, with the options that style it.
struct Out<'a> {
    text: String,
    options: &'a RenderOptions,
}

impl<'a> Out<'a> {
    fn new(options: &'a RenderOptions) -> Self {
        Self {
            text: String::new(),
            options,
        }
    }

    fn heading(&mut self, text: &str) {
        if self.options.color {
            self.text.push_str(&format!("\x1b[1m{text}\x1b[0m\n"));
        } else {
            self.text.push_str(text);
            self.text.push('\n');
        }
    }

    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// `Label:     text`, the text wrapped under itself.
    fn labelled(&mut self, label: &str, text: &str) {
        let width = usize::from(self.options.width.unwrap_or(DEFAULT_WIDTH));
        let body = view::wrap(text, width, LABEL_WIDTH + 1);
        self.line(&format!("{label:<LABEL_WIDTH$} {body}"));
    }

    /// Plain text wrapped to the width.
    fn paragraph(&mut self, text: &str) {
        let width = usize::from(self.options.width.unwrap_or(DEFAULT_WIDTH));
        self.line(&view::wrap(text, width, 0));
    }

    /// Text wrapped to the width, in bold on a color terminal (the DRAFT line).
    fn emphasized(&mut self, text: &str) {
        let width = usize::from(self.options.width.unwrap_or(DEFAULT_WIDTH));
        let wrapped = view::wrap(text, width, 0);
        if self.options.color {
            self.line(&format!("\x1b[1m{wrapped}\x1b[0m"));
        } else {
            self.line(&wrapped);
        }
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn table(&mut self, table: Table) {
        self.text.push_str(&table.to_string());
        self.text.push('\n');
    }

    fn finish(self) -> Vec<u8> {
        self.text.into_bytes()
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

/// Columns that hold short words: never wrap them, so the text columns get the rest.
fn keep_whole(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

fn right(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

/// The columns' labels, wrapped like every short column header: a label can be a sentence.
fn labels(c: &Comparison) -> Vec<String> {
    c.columns
        .iter()
        .map(|col| view::fit(&view::column_heading(col), MAX_HEADER))
        .collect()
}

fn figures_table(c: &Comparison, options: &RenderOptions) -> Table {
    let labels = labels(c);
    let mut header = vec![""];
    header.extend(labels.iter().map(String::as_str));
    let mut table = new_table(options, &header);
    for (label, values) in view::figure_rows(c) {
        let mut row = vec![Cell::new(label)];
        row.extend(values.into_iter().map(Cell::new));
        table.add_row(row);
    }
    keep_whole(&mut table, &[0]);
    table
}

fn sections_table(c: &Comparison, options: &RenderOptions) -> Table {
    let whole = view::whole_trend(c);
    let labels = labels(c);
    let mut header = vec!["Section"];
    header.extend(labels.iter().map(String::as_str));
    if whole.is_some() {
        header.push("Change");
    }
    let mut table = new_table(options, &header);
    for section in &c.sections {
        let mut row = vec![Cell::new(&section.title)];
        row.extend(
            section
                .scores
                .iter()
                .map(|s| right(view::section_cell(s.as_ref()))),
        );
        if let Some(step) = whole {
            row.push(right(view::section_change(step, &section.id)));
        }
        table.add_row(row);
    }
    let mut total = vec![Cell::new("Overall")];
    total.extend(
        c.columns
            .iter()
            .map(|col| right(percent(col.overall.percent))),
    );
    if let Some(step) = whole {
        total.push(right(view::overall_change(step)));
    }
    table.add_row(total);
    table
}

fn critical_open(out: &mut Out<'_>, c: &Comparison, options: &RenderOptions) {
    out.heading(view::CRITICAL_OPEN_HEADING);
    out.paragraph(view::CRITICAL_OPEN_LINE);
    let header = vec![String::new(), "Critical items left open".to_string()];
    let mut table = FlexTable::new(header, 1);
    for (label, items) in view::critical_open_lines(c) {
        table.push(vec![
            Text::plain(view::fit(&label, MAX_HEADER)),
            Text::plain(items.replace("; ", "\n")),
        ]);
    }
    out.table(table.into_table(options));
    out.blank();
}

fn critical_gaps(out: &mut Out<'_>, c: &Comparison, options: &RenderOptions) {
    out.heading(&format!(
        "{} ({})",
        view::critical_heading(c),
        c.critical_gaps.len()
    ));
    if c.critical_gaps.is_empty() {
        out.line("Every critical item is in place wherever it is scored.");
        out.blank();
        return;
    }
    let label = match c.kind {
        ComparisonKind::Options => "Closed:",
        ComparisonKind::Trend => "In place:",
    };
    out.labelled(label, &format!("{}.", view::closes_line(c)));
    let full = critical_table(c, false);
    let table = if full.room(options) >= MIN_TITLE_ROOM {
        full
    } else {
        let cells = c.critical_gaps.iter().flat_map(|g| &g.cells);
        out.labelled("Statuses:", &view::short_status_legend(cells));
        critical_table(c, true)
    };
    out.table(table.into_table(options));
    out.blank();
}

/// Below this many columns for the titles, the critical table switches to short statuses.
const MIN_TITLE_ROOM: usize = 24;

fn critical_table(c: &Comparison, short: bool) -> FlexTable {
    let mut table = FlexTable::new(header_with_labels(c, &["Critical item"]), 0);
    for gap in &c.critical_gaps {
        let mut row = vec![Text::plain(titled(&gap.title, &gap.id))];
        row.extend(gap.cells.iter().map(|cell| status_text(cell, short)));
        table.push(row);
    }
    table
}

fn header_with_labels(c: &Comparison, first: &[&str]) -> Vec<String> {
    first
        .iter()
        .map(|h| h.to_string())
        .chain(c.columns.iter().map(view::column_heading))
        .collect()
}

/// A title with its item id on the next line.
fn titled(title: &str, id: &str) -> String {
    format!("{title}\n[{id}]")
}

/// One cell of a [`FlexTable`]: text, and the colour of a status.
struct Text {
    text: String,
    color: Option<Color>,
}

impl Text {
    fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            color: None,
        }
    }
}

/// A table whose short columns stay whole and whose one flexible column (an item's title and
/// id) is wrapped here to the room left: words at spaces, long ids after `.` or `-`, so an id
/// never breaks mid-word (comfy-table would cut it anywhere).
struct FlexTable {
    header: Vec<String>,
    rows: Vec<Vec<Text>>,
    flex: usize,
}

/// The flexible column never gets narrower than this, even if the table overflows.
const MIN_FLEX: usize = 12;
/// The widest a short column's header may be before it wraps.
const MAX_HEADER: usize = 16;

impl FlexTable {
    /// Header cells of the short columns are wrapped to [`MAX_HEADER`] columns: a file's label
    /// can be a whole sentence.
    fn new(header: Vec<String>, flex: usize) -> Self {
        let header = header
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                if i == flex {
                    h
                } else {
                    view::fit(&h, MAX_HEADER)
                }
            })
            .collect();
        Self {
            header,
            rows: Vec::new(),
            flex,
        }
    }

    fn push(&mut self, row: Vec<Text>) {
        self.rows.push(row);
    }

    /// Columns left for the flexible column once the others are whole.
    fn room(&self, options: &RenderOptions) -> usize {
        let width = usize::from(options.width.unwrap_or(DEFAULT_WIDTH));
        let others: usize = (0..self.header.len())
            .filter(|&i| i != self.flex)
            .map(|i| self.column_width(i))
            .sum();
        let padding_and_borders = 3 * self.header.len() + 1;
        width.saturating_sub(others + padding_and_borders)
    }

    fn column_width(&self, index: usize) -> usize {
        let cells = self.rows.iter().filter_map(|row| row.get(index));
        std::iter::once(self.header.get(index).map_or(0, |h| text_width(h)))
            .chain(cells.map(|cell| text_width(&cell.text)))
            .max()
            .unwrap_or(0)
    }

    fn into_table(self, options: &RenderOptions) -> Table {
        let room = self.room(options).max(MIN_FLEX);
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let mut table = new_table(options, &header);
        for row in self.rows {
            table.add_row(row.into_iter().enumerate().map(|(i, cell)| {
                let text = if i == self.flex {
                    view::fit(&cell.text, room)
                } else {
                    cell.text
                };
                match cell.color {
                    Some(color) if options.color => Cell::new(text).fg(color),
                    _ => Cell::new(text),
                }
            }));
        }
        let all: Vec<usize> = (0..self.header.len()).collect();
        keep_whole(&mut table, &all);
        table
    }
}

fn text_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn gaps_everywhere(out: &mut Out<'_>, c: &Comparison, options: &RenderOptions) {
    out.heading(&format!(
        "{} ({})",
        view::everywhere_heading(c),
        c.gaps_everywhere.len()
    ));
    if c.gaps_everywhere.is_empty() {
        out.line("None.");
        out.blank();
        return;
    }
    out.paragraph(view::everywhere_line(c));
    let mut table = FlexTable::new(vec!["Priority".into(), "Item".into()], 1);
    for gap in &c.gaps_everywhere {
        table.push(vec![
            Text::plain(priority(gap.priority)),
            Text::plain(titled(&gap.title, &gap.id)),
        ]);
    }
    out.table(table.into_table(options));
    out.blank();
}

fn trend(
    out: &mut Out<'_>,
    c: &Comparison,
    whole: &crate::compare::TrendStep,
    options: &RenderOptions,
) {
    out.heading("Trend");
    if let Some(trend) = &c.trend
        && trend.span.is_some()
    {
        for step in &trend.steps {
            out.line(&view::step_headline(step));
        }
    }
    out.line(&view::step_headline(whole));
    out.line(&format!("Items: {}.", view::step_counts(whole)));
    out.blank();
    for (heading, list) in view::step_lists(whole) {
        out.heading(&format!("{heading} ({})", list.len()));
        out.table(changes_table(list, options));
        out.blank();
    }
}

fn changes_table(list: &[ItemChange], options: &RenderOptions) -> Table {
    let header = ["Priority", "Item", "From", "To"]
        .map(String::from)
        .to_vec();
    let mut table = FlexTable::new(header, 1);
    for change in list {
        table.push(vec![
            Text::plain(priority(change.priority)),
            Text::plain(&change.id),
            Text::plain(&change.from),
            Text::plain(&change.to),
        ]);
    }
    table.into_table(options)
}

fn item_matrix(out: &mut Out<'_>, c: &Comparison, options: &RenderOptions) {
    let differing = c.items.iter().filter(|row| row.differs).count();
    match c.item_filter {
        ItemFilter::All => {
            out.heading(&format!("Items ({})", c.items.len()));
            out.paragraph(&format!(
                "{differing} of {} items differ; --only-differences keeps only those.",
                c.item_total
            ));
        }
        ItemFilter::Differences => {
            out.heading(&format!(
                "Items that differ ({} of {})",
                c.items.len(),
                c.item_total
            ));
        }
    }
    if c.items.is_empty() {
        out.line("No item differs.");
        return;
    }
    let full = matrix(c, false);
    // Narrow terminals get the scale's short values, with a legend, rather than ids in slivers.
    let table = if full.room(options) >= MATRIX_MIN_ROOM {
        full
    } else {
        let cells = c.items.iter().flat_map(|row| &row.cells);
        out.labelled("Statuses:", &view::short_status_legend(cells));
        matrix(c, true)
    };
    out.table(table.into_table(options));
}

/// Below this many columns for the item ids, the matrix switches to short statuses.
const MATRIX_MIN_ROOM: usize = 28;

fn matrix(c: &Comparison, short: bool) -> FlexTable {
    let mut table = FlexTable::new(header_with_labels(c, &["Item", "Priority"]), 0);
    for row in &c.items {
        let mut cells = vec![Text::plain(&row.id), Text::plain(priority(row.priority))];
        cells.extend(row.cells.iter().map(|cell| status_text(cell, short)));
        table.push(cells);
    }
    table
}

fn status_text(cell: &ItemCell, short: bool) -> Text {
    let text = if short {
        view::short_status(cell)
    } else {
        cell.label.clone()
    };
    let color = match cell.state {
        CellState::NotInPlace => Color::Red,
        CellState::Partial | CellState::Unanswered => Color::Yellow,
        CellState::InPlace => Color::Green,
        CellState::NotApplicable | CellState::NotInScope => Color::DarkGrey,
    };
    Text {
        text,
        color: Some(color),
    }
}

/// Two-line cells keep the table readable at 80 columns: the district name gets the room.
fn districts_table(rows: &[DistrictRow], options: &RenderOptions) -> Table {
    let header = [
        "District",
        "Date\nprofile",
        "Overall\nband",
        "Answered",
        "Critical\ngaps",
    ];
    let mut table = FlexTable::new(header.map(String::from).to_vec(), 0);
    for row in rows {
        table.push(vec![
            Text::plain(format!(
                "{}\n{}",
                view::district_name(row),
                view::role_cell(row)
            )),
            Text::plain(format!("{}\n{}", row.date, row.profile)),
            Text::plain(format!(
                "{}\n{}",
                percent(row.overall.percent),
                // On two lines, so an unrated row keeps the table within 80 columns.
                view::district_band(row).replacen(": ", ":\n", 1)
            )),
            Text::plain(format!("{:.1}%", row.coverage.percent())),
            Text::plain(view::critical_cell(row)),
        ]);
    }
    table.into_table(options)
}

fn section_averages_table(s: &Summary, options: &RenderOptions) -> Table {
    let mut table = new_table(options, &["Section", "Average", "Districts"]);
    for section in &s.sections {
        table.add_row(vec![
            Cell::new(&section.title),
            right(percent(section.average)),
            right(section.districts),
        ]);
    }
    table.add_row(vec![
        Cell::new("Overall"),
        right(percent(s.overall_average)),
        right(s.districts.iter().filter(|d| d.averaged).count()),
    ]);
    keep_whole(&mut table, &[1, 2]);
    table
}

fn common_gaps(out: &mut Out<'_>, s: &Summary, options: &RenderOptions) {
    let shown = s.common_gaps.len().min(view::COMMON_GAPS_SHOWN);
    out.heading(&format!(
        "Most common gaps ({shown} of {} items that are a gap somewhere)",
        s.common_gaps.len()
    ));
    if shown == 0 {
        out.line("No item is a gap in any district.");
        return;
    }
    let header = [
        "Priority",
        "Item",
        "Districts\nwith the gap",
        "Of which\nunanswered",
    ];
    let mut table = FlexTable::new(header.map(String::from).to_vec(), 1);
    for gap in s.common_gaps.iter().take(shown) {
        table.push(vec![
            Text::plain(priority(gap.priority)),
            Text::plain(titled(&gap.title, &gap.id)),
            Text::plain(view::share(gap.districts, gap.applies, gap.share)),
            Text::plain(gap.unanswered.to_string()),
        ]);
    }
    out.table(table.into_table(options));
}
