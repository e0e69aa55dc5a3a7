//! The terminal medium: plain text wrapped to the terminal's width, tables drawn by
//! comfy-table (ASCII without color, UTF-8 with it), color only when the options ask for it.
//! No line is ever wider than the width: a table too wide for it is printed row by row.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, CellAlignment, Color, ContentArrangement};

use super::{
    CONFIDENTIAL_NOTICE, display_width, has_legend, list_marker, printed_span, printed_text,
    scale_share, series_name, thresholds_line,
};
use crate::error::Result;
use crate::report::document::{
    Align, Block, Cell, Chart, Document, Heading, KeyValue, List, Note, Paragraph, Table, Title,
    Tone,
};
use crate::report::{RenderOptions, Rendered};
use crate::text::LongWords;

/// The width when the options give none.
const DEFAULT_WIDTH: usize = 100;
/// The narrowest width drawn: below it, a bar or a bordered table has no room at all.
const MIN_WIDTH: usize = 20;

/// Draws `document` as terminal text.
pub fn draw(document: &Document, options: &RenderOptions) -> Result<Rendered> {
    let width = options
        .width
        .map_or(DEFAULT_WIDTH, usize::from)
        .max(MIN_WIDTH);
    let pen = Pen {
        color: options.color,
        width,
    };
    let mut out = Vec::new();
    if document.confidential {
        out.extend(pen.wrapped(CONFIDENTIAL_NOTICE, Look::tone(Tone::Bad).bold(), ""));
        out.push(String::new());
    }
    for block in &document.blocks {
        let lines = pen.block(block);
        if lines.is_empty() {
            continue;
        }
        out.extend(lines);
        out.push(String::new());
    }
    if !document.running_footer.is_empty() {
        out.extend(pen.wrapped(&document.running_footer, Look::tone(Tone::Muted), ""));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    Ok(Rendered::plain(text.into_bytes()))
}

/// How a run of text looks: bold and a tone.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    tone: Tone,
}

impl Look {
    fn tone(tone: Tone) -> Self {
        Self { bold: false, tone }
    }

    fn bold(self) -> Self {
        Self { bold: true, ..self }
    }
}

/// `text` in lines no wider than `width`: a word wider than a line is broken, since no line
/// of the terminal medium is ever wider than its width.
fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::text::wrap(text, width, LongWords::Break)
}

/// Draws blocks at one width, in color or not.
struct Pen {
    color: bool,
    width: usize,
}

impl Pen {
    fn block(&self, block: &Block) -> Vec<String> {
        match block {
            Block::Title(title) => self.title(title),
            Block::Heading(heading) => self.heading(heading),
            Block::Paragraph(paragraph) => self.paragraph(paragraph, "", ""),
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Table(table) => self.table(table),
            Block::Chart(chart) => self.chart(chart),
            Block::List(list) => self.list(list),
            Block::Note(note) => self.note(note),
            Block::PageBreak => Vec::new(),
        }
    }

    /// `text` in a look: bold and a color only when color is on.
    fn paint(&self, text: &str, look: Look) -> String {
        if !self.color || text.is_empty() {
            return text.to_string();
        }
        let mut codes = Vec::new();
        if look.bold {
            codes.push("1");
        }
        codes.extend(match look.tone {
            Tone::Normal => None,
            Tone::Muted => Some("2"),
            Tone::Good => Some("32"),
            Tone::Caution => Some("33"),
            Tone::Bad => Some("31"),
        });
        if codes.is_empty() {
            text.to_string()
        } else {
            format!("\x1b[{}m{text}\x1b[0m", codes.join(";"))
        }
    }

    /// `text` wrapped to the width after `first` (first line) or as many spaces (the others).
    fn wrapped(&self, text: &str, look: Look, first: &str) -> Vec<String> {
        let indent = display_width(first);
        let hang = " ".repeat(indent);
        wrap(text, self.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let lead = if i == 0 { first } else { hang.as_str() };
                format!("{lead}{}", self.paint(&line, look))
            })
            .collect()
    }

    fn title(&self, title: &Title) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(kicker) = &title.kicker {
            lines.extend(self.wrapped(kicker, Look::tone(Tone::Muted), ""));
        }
        lines.extend(self.underlined(&title.title, '='));
        if let Some(subtitle) = &title.subtitle {
            lines.extend(self.wrapped(subtitle, Look::default(), ""));
        }
        lines
    }

    /// A bold line with a rule of `mark` under it, as long as its longest line.
    fn underlined(&self, text: &str, mark: char) -> Vec<String> {
        let plain = wrap(text, self.width);
        let longest = plain.iter().map(|l| display_width(l)).max().unwrap_or(0);
        let mut lines: Vec<String> = plain
            .iter()
            .map(|l| self.paint(l, Look::default().bold()))
            .collect();
        lines.push(mark.to_string().repeat(longest.max(1)));
        lines
    }

    /// A heading set apart: a chapter underlined with `=`, a section with `-`, a subsection
    /// bold (the words as written, so a search finds them in every medium).
    fn heading(&self, heading: &Heading) -> Vec<String> {
        match heading.level {
            0 | 1 => self.underlined(&heading.text, '='),
            2 => self.underlined(&heading.text, '-'),
            _ => self.wrapped(&heading.text, Look::default().bold(), ""),
        }
    }

    /// A paragraph after `first` (later lines after `rest`), in the look of its tone; bold
    /// for a lead or when every run is bold (a bold word inside plain text prints plain).
    fn paragraph(&self, paragraph: &Paragraph, first: &str, rest: &str) -> Vec<String> {
        let look = Look {
            bold: paragraph.lead,
            tone: paragraph.tone,
        };
        let strong_everywhere = paragraph.spans.iter().all(|s| s.strong);
        let look = if strong_everywhere && !paragraph.spans.is_empty() {
            look.bold()
        } else {
            look
        };
        let text = printed_text(paragraph);
        let indent = display_width(first).max(display_width(rest));
        wrap(&text, self.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let lead = if i == 0 { first } else { rest };
                format!("{lead}{}", self.paint(&line, look))
            })
            .collect()
    }

    /// Labels in a column as wide as the longest (up to a third of the width), values wrapped
    /// beside them; on a narrow terminal, each value under its label.
    fn key_values(&self, pairs: &[KeyValue]) -> Vec<String> {
        let longest = pairs
            .iter()
            .map(|kv| display_width(&kv.key) + 2)
            .max()
            .unwrap_or(0);
        let mut lines = Vec::new();
        if longest > self.width / 3 {
            for kv in pairs {
                lines.extend(self.wrapped(&format!("{}:", kv.key), Look::default().bold(), ""));
                lines.extend(self.wrapped(&kv.value, Look::default(), "  "));
            }
            return lines;
        }
        for kv in pairs {
            let label = format!("{}:", kv.key);
            let pad = " ".repeat(longest - display_width(&label));
            let first = format!("{}{pad}", self.paint(&label, Look::default().bold()));
            let hang = " ".repeat(longest);
            for (i, line) in wrap(&kv.value, self.width - longest)
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 {
                    first.as_str()
                } else {
                    hang.as_str()
                };
                lines.push(format!("{lead}{line}").trim_end().to_string());
            }
        }
        lines
    }

    fn table(&self, table: &Table) -> Vec<String> {
        let mut lines = self.wrapped(&table.caption, Look::default().bold(), "");
        let drawn = if grid_fits(table, self.width) {
            self.grid(table)
        } else {
            Vec::new()
        };
        if !drawn.is_empty() && drawn.iter().all(|l| visible_width(l) <= self.width) {
            lines.extend(drawn);
        } else {
            lines.extend(self.records(table));
        }
        lines
    }

    /// The table as comfy-table draws it, fitted to the width where it can be.
    fn grid(&self, table: &Table) -> Vec<String> {
        let mut grid = comfy_table::Table::new();
        if self.color {
            grid.load_style(UTF8_FULL_CONDENSED).enforce_styling();
        } else {
            grid.load_style(ASCII_FULL_CONDENSED).force_no_tty();
        }
        let width = u16::try_from(self.width).unwrap_or(u16::MAX);
        grid.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width)
            .set_header(table.columns.iter().map(|c| {
                let cell = comfy_table::Cell::new(&c.title);
                if self.color {
                    cell.add_attribute(Attribute::Bold)
                } else {
                    cell
                }
            }));
        for row in &table.rows {
            grid.add_row(
                row.iter()
                    .zip(&table.columns)
                    .map(|(cell, column)| self.grid_cell(cell, column.align)),
            );
        }
        grid.lines().collect()
    }

    fn grid_cell(&self, cell: &Cell, align: Align) -> comfy_table::Cell {
        let mut cell_out = comfy_table::Cell::new(cell_text(cell));
        if align == Align::Right {
            cell_out = cell_out.set_alignment(CellAlignment::Right);
        }
        if !self.color {
            return cell_out;
        }
        if cell.strong {
            cell_out = cell_out.add_attribute(Attribute::Bold);
        }
        match cell.tone {
            Tone::Normal => cell_out,
            Tone::Muted => cell_out.add_attribute(Attribute::Dim),
            Tone::Good => cell_out.fg(Color::Green),
            Tone::Caution => cell_out.fg(Color::Yellow),
            Tone::Bad => cell_out.fg(Color::Red),
        }
    }

    /// A table too wide for the terminal, one row at a time: the first cell as a title, then
    /// every other column as `Label: value`.
    fn records(&self, table: &Table) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &table.rows {
            let mut cells = row.iter().zip(&table.columns);
            if let Some((cell, column)) = cells.next() {
                let text = format!("{}: {}", column.title, cell_text(cell).replace('\n', " "));
                lines.extend(self.wrapped(&text, Look::default().bold(), "- "));
            }
            for (cell, column) in cells {
                let text = format!("{}: {}", column.title, cell_text(cell).replace('\n', " "));
                let look = Look {
                    bold: cell.strong,
                    tone: cell.tone,
                };
                lines.extend(self.wrapped(&text, look, "  "));
            }
        }
        lines
    }

    /// Each label, then one bar per series on a track of `.` with `|` at each threshold, the
    /// figure after it (under it when there is no room); the marks and the legend below.
    fn chart(&self, chart: &Chart) -> Vec<String> {
        let mut lines = self.wrapped(&chart.title, Look::default().bold(), "");
        let (keys, legend) = self.series_keys(chart);
        let name_width = keys.iter().map(|k| display_width(k)).max().unwrap_or(0);
        let value_width = chart
            .groups
            .iter()
            .flat_map(|g| &g.bars)
            .map(|b| display_width(&b.value))
            .max()
            .unwrap_or(0);
        let prefix = 2 + if keys.is_empty() { 0 } else { name_width + 1 };
        let beside = self.width >= prefix + 10 + 1 + value_width;
        let track = if beside {
            (self.width - prefix - 1 - value_width).min(50)
        } else {
            self.width - prefix
        };
        for group in &chart.groups {
            lines.extend(self.wrapped(&group.label, Look::default(), ""));
            for (index, bar) in group.bars.iter().enumerate() {
                let name = if keys.is_empty() {
                    String::new()
                } else {
                    let key = keys.get(index).map_or("", String::as_str);
                    let pad = " ".repeat(name_width - display_width(key));
                    format!("{key}{pad} ")
                };
                let drawn = self.bar(bar.percent, &chart.thresholds, track);
                if beside {
                    lines.push(format!("  {name}{drawn} {}", bar.value));
                } else {
                    lines.push(format!("  {name}{drawn}"));
                    lines.extend(self.wrapped(&bar.value, Look::default(), "  "));
                }
            }
        }
        if !chart.thresholds.is_empty() {
            let marks = format!("Marks (|): {}", thresholds_line(&chart.thresholds));
            lines.extend(self.wrapped(&marks, Look::tone(Tone::Muted), ""));
        }
        if let Some(legend) = legend {
            lines.extend(self.wrapped(&legend, Look::tone(Tone::Muted), ""));
        }
        lines
    }

    /// What stands before each bar of a chart of several series (none for one series): its
    /// name, or when a name is too long to stand beside its bar, a number for every series
    /// and a legend line saying whose each number is.
    fn series_keys(&self, chart: &Chart) -> (Vec<String>, Option<String>) {
        if !has_legend(chart) {
            return (Vec::new(), None);
        }
        let names: Vec<String> = (0..chart.series.len())
            .map(|i| series_name(chart, i))
            .collect();
        if names.iter().all(|n| display_width(n) <= self.width / 4) {
            return (names, None);
        }
        let keys: Vec<String> = (1..=names.len()).map(|n| format!("({n})")).collect();
        let legend: Vec<String> = keys
            .iter()
            .zip(&names)
            .map(|(key, name)| format!("{key} {name}"))
            .collect();
        (keys, Some(format!("Series: {}", legend.join(", "))))
    }

    /// One bar `track` columns long: `#` (a block with color) up to the figure, `.` beyond,
    /// `|` at each threshold.
    fn bar(
        &self,
        percent: Option<f64>,
        thresholds: &[crate::report::document::Threshold],
        track: usize,
    ) -> String {
        let cells = |p: Option<f64>| (scale_share(p) * track as f64).round() as usize;
        let filled = cells(percent);
        let marks: Vec<usize> = thresholds
            .iter()
            .map(|t| cells(Some(t.percent)).min(track.saturating_sub(1)))
            .collect();
        let (full, empty) = if self.color {
            ('\u{2588}', '\u{00B7}')
        } else {
            ('#', '.')
        };
        let mut drawn = String::new();
        for i in 0..track {
            drawn.push(if marks.contains(&i) {
                '|'
            } else if i < filled {
                full
            } else {
                empty
            });
        }
        drawn
    }

    fn list(&self, list: &List) -> Vec<String> {
        let markers: Vec<String> = (0..list.items.len())
            .map(|i| list_marker(list, i, "-"))
            .collect();
        let widest = markers.iter().map(|m| display_width(m)).max().unwrap_or(1);
        let mut lines = Vec::new();
        for (item, marker) in list.items.iter().zip(&markers) {
            let first = format!("{marker:<widest$} ");
            let rest = " ".repeat(widest + 1);
            lines.extend(self.paragraph(item, &first, &rest));
        }
        lines
    }

    /// A note stands apart: quoted (a bar down its left side with color), bold in its tone.
    fn note(&self, note: &Note) -> Vec<String> {
        let bar = if self.color { "\u{2503} " } else { "> " };
        let look = Look::tone(note.tone).bold();
        wrap(&note.text, self.width - 2)
            .into_iter()
            .map(|line| format!("{bar}{}", self.paint(&line, look)))
            .collect()
    }
}

/// A cell's words: its text, then its detail on a line of its own; a web address after the
/// words it links.
fn cell_text(cell: &Cell) -> String {
    let span = crate::report::document::Span {
        text: cell.text.clone(),
        strong: cell.strong,
        link: cell.link.clone(),
    };
    let mut text = printed_span(&span);
    if let Some(detail) = &cell.detail {
        text.push('\n');
        text.push_str(detail);
    }
    text
}

/// Whether a grid of the table leaves every column room for its longest word (up to
/// [`READABLE_WORD`] columns): else comfy-table would fit it by breaking words to slivers.
fn grid_fits(table: &Table, width: usize) -> bool {
    let longest_word = |text: &str| {
        text.split_whitespace()
            .map(display_width)
            .max()
            .unwrap_or(0)
    };
    let needed: usize = table
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let cells = table
                .rows
                .iter()
                .filter_map(|row| row.get(index))
                .map(|cell| longest_word(&cell_text(cell)));
            let widest = cells
                .chain([longest_word(&column.title)])
                .max()
                .unwrap_or(0);
            // Padding on both sides and the border on the left.
            widest.clamp(1, READABLE_WORD) + 3
        })
        .sum();
    needed < width
}

/// A column narrower than this many characters breaks ordinary words.
const READABLE_WORD: usize = 12;

/// Columns a line takes on screen, color codes left out.
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for code in chars.by_ref() {
                if code.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            width += display_width(c.encode_utf8(&mut [0; 4]));
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::medium::sample_document;

    fn text(width: Option<u16>, color: bool) -> String {
        let options = RenderOptions {
            width,
            color,
            ..RenderOptions::default()
        };
        let rendered = draw(&sample_document(), &options).unwrap();
        String::from_utf8(rendered.bytes).unwrap()
    }

    #[test]
    fn every_block_is_drawn() {
        let out = text(None, false);
        let joined = out.replace('\n', " ");
        assert!(
            joined.contains("Wisconsin DOJ guidance (https://www.doj.state.wi.us/sro-guidance)"),
            "{out}"
        );
        for expected in [
            "CONFIDENTIAL: this report includes internal notes",
            "SCHOOL RESOURCE OFFICER PROGRAM",
            "Gap report\n==========",
            "Prepared by: Jordan Rivera",
            "> DRAFT: 9 of 29 items",
            "Summary\n=======",
            "Gaps in priority order (2)\n--------------------------",
            "Gaps, most urgent first",
            "MOU signed | dated",
            "- MOU signed (governance.mou-signed)",
            "1. Sign the MOU.",
            "2. Train the officer.",
            "Marks (|): 50% Developing, 75% Proficient",
            "  Spring 2025 ####",
            "sro-assess 0.1.0",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in\n{out}");
        }
        assert!(!out.contains('\x1b'), "no color unless asked for");
    }

    #[test]
    fn a_bar_is_as_long_as_its_figure_with_the_marks_on_it() {
        let pen = Pen {
            color: false,
            width: 100,
        };
        let marks = [crate::report::document::Threshold {
            percent: 50.0,
            label: "Developing".into(),
        }];
        assert_eq!(pen.bar(Some(30.0), &marks, 10), "###..|....");
        assert_eq!(pen.bar(Some(80.0), &marks, 10), "#####|##..");
        assert_eq!(pen.bar(None, &[], 4), "....");
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        for width in [100, 60, 40, 20] {
            for color in [false, true] {
                let out = text(Some(width), color);
                for line in out.lines() {
                    assert!(
                        visible_width(line) <= usize::from(width),
                        "{width} columns, color {color}: {line:?} is {} wide",
                        visible_width(line)
                    );
                }
            }
        }
    }

    #[test]
    fn series_too_long_to_name_beside_their_bars_are_numbered() {
        let narrow = text(Some(40), false);
        assert!(narrow.contains("  (1) ####"), "{narrow}");
        assert!(narrow.contains("  (2) ####"), "{narrow}");
        assert!(
            narrow.contains("Series: (1) Spring 2025, (2) Spring 2026"),
            "{narrow}"
        );
        assert!(
            !text(None, false).contains("Series:"),
            "whole names need no legend"
        );
    }

    #[test]
    fn a_table_too_wide_for_the_terminal_is_printed_row_by_row() {
        let out = text(Some(40), false);
        assert!(out.contains("- Column 1: 1111"), "{out}");
        assert!(out.contains("  Column 9: 9999"), "{out}");
        let wide = text(Some(100), false);
        assert!(wide.contains("| Column 1 |"), "{wide}");
    }

    #[test]
    fn color_only_when_asked_and_tones_keep_their_colors() {
        let out = text(None, true);
        assert!(out.contains("\x1b[1;31mCONFIDENTIAL"), "{out}");
        assert!(out.contains('\u{2588}'), "bars drawn in blocks");
        assert!(
            out.contains("\u{250C}") || out.contains("\u{2502}"),
            "UTF-8 borders"
        );
    }
}
