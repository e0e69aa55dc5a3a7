//! The PDF medium: any document laid out through the page model's primitives
//! ([`Layout`]) and written by `pdf::draw`, so whatever those primitives add (tags, fonts,
//! an outline) every document gets.
//!
//! The title block is a cover; a page break starts a new page; a heading is kept with what
//! follows it; a table's caption and header are kept with its first two rows; a chart has one
//! bar per series, a legend, and its thresholds drawn across the bars. Every page's footer says
//! "Page N of M", the running footer and, for a confidential document, CONFIDENTIAL.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::report::document::{
    BarGroup, Block, Chart, Document, Heading, KeyValue, Link, List, Note, Paragraph, Table, Title,
    Tone, section_end,
};
use crate::report::pdf::draw;
use crate::report::pdf::layout::{
    CellText, Column, FillBox, Footer, Geometry, Layout, Mark, Rgb, Rule, TableStyle, TextStyle,
};
use crate::report::pdf::metrics::{Face, text_width};
use crate::report::{RenderOptions, Rendered};

use crate::report::pdf::tags::LinkTarget;
use crate::report::subject::packet::CONTENTS_ID;

use super::{
    CONFIDENTIAL_NOTICE, chart_alt, has_legend, is_safe_link, list_marker, printed_span,
    printed_text, scale_share, series_name, thresholds_line,
};

const INK: Rgb = Rgb(0.11, 0.11, 0.13);
const MUTED: Rgb = Rgb(0.38, 0.39, 0.42);
const NAVY: Rgb = Rgb(0.10, 0.22, 0.40);
const GREEN: Rgb = Rgb(0.10, 0.45, 0.22);
const AMBER: Rgb = Rgb(0.66, 0.40, 0.0);
const RED: Rgb = Rgb(0.70, 0.10, 0.10);
const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
const TRACK: Rgb = Rgb(0.90, 0.91, 0.93);
/// One color per series, from the Okabe-Ito palette (told apart by readers with any common
/// color-vision deficiency); the first two, the usual pair, are far apart in a gray copy too.
/// Every bar also has an ink outline and a direct label, so no reader depends on the fill.
const SERIES: [Rgb; 4] = [
    Rgb(0.0, 0.447, 0.698),
    Rgb(0.902, 0.624, 0.0),
    Rgb(0.0, 0.620, 0.451),
    Rgb(0.800, 0.475, 0.655),
];
/// The widest series name printed beside its bars; longer names are numbered instead.
const DIRECT_NAME_WIDTH: f32 = 72.0;

const BODY: TextStyle = TextStyle::new(Face::Regular, 9.5, INK);
const LEAD: TextStyle = TextStyle::new(Face::Bold, 11.0, INK);
const SMALL: TextStyle = TextStyle::new(Face::Regular, 8.0, MUTED);
const H1: TextStyle = TextStyle::new(Face::Bold, 17.0, NAVY);
const H2: TextStyle = TextStyle::new(Face::Bold, 12.0, NAVY);
const H3: TextStyle = TextStyle::new(Face::Bold, 10.0, NAVY);
const CAPTION: TextStyle = TextStyle::new(Face::Bold, 9.0, NAVY);
const CELL: TextStyle = TextStyle::new(Face::Regular, 8.0, INK);
const CELL_NOTE: TextStyle = TextStyle::new(Face::Regular, 7.0, MUTED);
const NOTE: TextStyle = TextStyle::new(Face::Bold, 10.0, WHITE);
const CHART_LABEL: TextStyle = TextStyle::new(Face::Regular, 8.5, INK);
const CHART_VALUE: TextStyle = TextStyle::new(Face::Bold, 8.0, INK);
const CHART_KEY: TextStyle = TextStyle::new(Face::Bold, 7.5, INK);
const CHART_SCALE: TextStyle = TextStyle::new(Face::Regular, 7.0, MUTED);

const TABLE: TableStyle = TableStyle {
    header: TextStyle::new(Face::Bold, 8.0, NAVY),
    header_fill: Rgb(0.88, 0.91, 0.95),
    stripe: Rgb(0.965, 0.97, 0.98),
    rule: Rgb(0.82, 0.84, 0.87),
    padding: 3.0,
};

/// Space between blocks.
const BLOCK_GAP: f32 = 6.0;
/// A list's text hangs this far right of its marker.
const HANG: f32 = 14.0;
/// The least space between a list marker and its text.
const MARKER_GAP: f32 = 4.0;

/// Draws `document` as a tagged PDF; the warnings name each character the embedded fonts
/// cannot show.
pub fn draw(document: Document, options: &RenderOptions) -> Result<Rendered> {
    let meta = draw::Meta {
        title: document.title.clone(),
        author: document.author.clone().unwrap_or_default(),
        subject: document.subject.clone().unwrap_or_default(),
        // A document without a date gets a fixed one, never the clock: two runs, same bytes.
        date: document.date.unwrap_or((1970, 1, 1)),
        language: document.language.to_string(),
    };
    let layout = lay_out(&document, options);
    // The layout holds every line it draws: the document can go before the file is written.
    drop(document);
    let (bytes, warnings) = layout.into_pdf(&meta);
    Ok(Rendered { bytes, warnings })
}

/// The page (as the footer numbers it, from 1) of each heading with an id.
type PageNumbers = BTreeMap<String, usize>;

/// Most passes a document with a contents list is laid out: the contents' entries are as tall
/// with numbers as without, so the second pass keeps the first one's pages; more are only a
/// guard.
const MOST_PASSES: usize = 4;

/// Every block on pages of the options' paper, footers not yet added. A document with a
/// contents list is laid out once more to print each entry's page, known only once the
/// headings are placed; one without is laid out once.
pub fn lay_out(document: &Document, options: &RenderOptions) -> Layout {
    let mut pages = PageNumbers::new();
    let mut layout = lay_out_pass(document, options, &pages);
    if !has_contents(&document.blocks) {
        return layout;
    }
    for _ in 1..MOST_PASSES {
        let found = heading_pages(&layout);
        if found == pages {
            break;
        }
        pages = found;
        layout = lay_out_pass(document, options, &pages);
    }
    layout
}

/// Whether the blocks have a printed contents: the list under the heading [`CONTENTS_ID`].
fn has_contents(blocks: &[Block]) -> bool {
    (0..blocks.len()).any(|index| is_contents(blocks, index))
}

/// Whether `blocks[index]` is the contents list: a list right under the Contents heading.
fn is_contents(blocks: &[Block], index: usize) -> bool {
    matches!(blocks.get(index), Some(Block::List(_)))
        && index > 0
        && matches!(
            blocks.get(index - 1),
            Some(Block::Heading(h)) if h.id.as_deref() == Some(CONTENTS_ID)
        )
}

fn heading_pages(layout: &Layout) -> PageNumbers {
    layout
        .tree()
        .headings()
        .into_iter()
        .filter_map(|(_, _, page, _, id)| Some((id?.to_string(), page + 1)))
        .collect()
}

/// One pass: every block, each contents entry with its number from `pages` when known.
fn lay_out_pass(document: &Document, options: &RenderOptions, pages: &PageNumbers) -> Layout {
    let mut l = Layout::new(
        Geometry::for_paper(options.paper),
        Footer {
            stamp: document.running_footer.clone(),
            confidential: document.confidential,
            draft: None,
        },
    );
    if document.confidential {
        l.banner(CONFIDENTIAL_NOTICE, NOTE, RED);
        l.advance(BLOCK_GAP);
    }
    for index in 0..document.blocks.len() {
        block(&mut l, &document.blocks, index, pages);
    }
    l
}

/// Lays out `blocks[index]`, followed by the gap between blocks.
fn block(l: &mut Layout, blocks: &[Block], index: usize, pages: &PageNumbers) {
    match &blocks[index] {
        Block::Title(title) => cover(l, title),
        Block::Heading(heading) => {
            let whole = heading
                .keep_together
                .then(|| section_height(l, blocks, index, pages))
                .flatten();
            match whole {
                Some(height) => self::heading(l, heading, height, true),
                None => {
                    let follow = keep_height(l, blocks, index + 1);
                    // A chart's keep is already at most a page (all of it, or its title and
                    // first bars): the heading stays with it whole.
                    let whole = matches!(blocks.get(index + 1), Some(Block::Chart(_)));
                    self::heading(l, heading, follow, whole);
                }
            }
        }
        Block::Paragraph(p) => paragraph(l, p, 0.0),
        Block::KeyValues(pairs) => key_values(l, pairs),
        Block::Table(table) => self::table(l, table),
        Block::Chart(chart) => self::chart(l, chart),
        Block::List(list) if is_contents(blocks, index) => contents(l, list, pages),
        Block::List(list) => self::list(l, list),
        Block::Note(note) => self::note(l, note),
        Block::PageBreak => {
            l.new_page();
            return;
        }
    }
    l.space(BLOCK_GAP);
}

/// The height of what follows the heading at `index` up to the next heading of its level or
/// above, laid out on a page of its own; `None` when it would not fit on one.
fn section_height(l: &Layout, blocks: &[Block], index: usize, pages: &PageNumbers) -> Option<f32> {
    let Block::Heading(_) = &blocks[index] else {
        return None;
    };
    let end = section_end(blocks, index);
    let mut scratch = Layout::new(l.geometry(), l.footer().clone());
    for n in index + 1..end {
        block(&mut scratch, blocks, n, pages);
    }
    let height = scratch.cursor() - scratch.geometry().top();
    (scratch.page_count() == 1).then_some(height)
}

fn tone_color(tone: Tone) -> Rgb {
    match tone {
        Tone::Normal => INK,
        Tone::Muted => MUTED,
        Tone::Good => GREEN,
        Tone::Caution => AMBER,
        Tone::Bad => RED,
    }
}

/// The title block set as a cover, a third of the way down a page of its own.
fn cover(l: &mut Layout, title: &Title) {
    if !l.at_page_top() && l.cursor() > l.geometry().top() + 60.0 {
        l.new_page();
    }
    l.advance(90.0);
    if let Some(kicker) = &title.kicker {
        l.paragraph(kicker, TextStyle::new(Face::Bold, 10.0, MUTED), 0.0);
        l.advance(4.0);
    }
    l.paragraph(&title.title, TextStyle::new(Face::Bold, 30.0, NAVY), 0.0);
    if let Some(subtitle) = &title.subtitle {
        l.advance(6.0);
        l.paragraph(subtitle, TextStyle::new(Face::Regular, 17.0, INK), 0.0);
    }
    l.advance(14.0);
    l.rule(NAVY, 1.5);
    l.advance(14.0);
}

/// A heading, kept on one page with `follow` points of what comes after it: never more than
/// half a page (a longer block starts under its heading and runs on) unless `whole` asks for
/// the whole section, which was measured to fit on a page.
fn heading(l: &mut Layout, heading: &Heading, follow: f32, whole: bool) {
    let page = l.body_bottom() - l.geometry().top();
    let follow = if whole {
        follow
    } else {
        follow.min(page / 2.0)
    };
    let id = heading.id.as_deref();
    match heading.level {
        0 | 1 => {
            l.space(8.0);
            l.heading_level(1, id, &heading.text, H1, follow + 8.0);
            l.rule(NAVY, 1.0);
            l.advance(6.0);
        }
        2 => {
            l.space(8.0);
            l.heading_level(2, id, &heading.text, H2, follow + 2.0);
            l.advance(2.0);
        }
        _ => {
            l.space(4.0);
            l.heading_level(heading.level.min(6), id, &heading.text, H3, follow + 1.0);
            l.advance(1.0);
        }
    }
}

/// What a heading must keep on its page of the block after it: the first two lines of text,
/// a table's caption, header and two rows, a chart's title and first group, a whole note.
fn keep_height(l: &mut Layout, blocks: &[Block], next: usize) -> f32 {
    let width = l.geometry().text_width();
    let two_lines = |l: &mut Layout, text: &str, style: TextStyle| {
        l.wrap_text(text, style, width).len().min(2) as f32 * style.line_height()
    };
    let body = match blocks.get(next) {
        None | Some(Block::Title(_) | Block::PageBreak) => return 0.0,
        // A heading right under a heading: it, the space around it and what it keeps itself,
        // so that it does not leave the first heading alone at the foot of the page.
        Some(Block::Heading(h)) => {
            let style = if h.level <= 1 {
                H1
            } else if h.level == 2 {
                H2
            } else {
                H3
            };
            let page = l.body_bottom() - l.geometry().top();
            two_lines(l, &h.text, style) + 18.0 + keep_height(l, blocks, next + 1).min(page / 2.0)
        }
        Some(Block::Paragraph(p)) => two_lines(l, &printed_text(p), paragraph_style(p)),
        Some(Block::KeyValues(_) | Block::List(_)) => 2.0 * BODY.line_height(),
        Some(Block::Table(t)) => {
            let (columns, rows) = table_parts(t);
            caption_and_first_rows_height(l, t, &columns, &rows)
        }
        Some(Block::Chart(c)) => {
            let frame = chart_frame(l, c);
            chart_keep(l, c, &frame)
        }
        Some(Block::Note(n)) => {
            let lines = l.wrap_text(&n.text, NOTE, width - 12.0).len();
            lines as f32 * NOTE.line_height() + 12.0
        }
    };
    body + BLOCK_GAP
}

fn paragraph_style(p: &Paragraph) -> TextStyle {
    let base = if p.lead { LEAD } else { BODY };
    base.colored(tone_color(p.tone))
}

/// A paragraph; its bold runs stay bold and its links clickable when it fits on one line (a
/// longer one links as a whole to its first target).
fn paragraph(l: &mut Layout, p: &Paragraph, indent: f32) {
    let style = paragraph_style(p);
    let mixed = p.spans.iter().any(|s| s.strong) && !p.spans.iter().all(|s| s.strong);
    let linked = p
        .spans
        .iter()
        .any(|s| link_target(s.link.as_ref()).is_some());
    if mixed || linked {
        let runs: Vec<(String, TextStyle, Option<LinkTarget>)> = p
            .spans
            .iter()
            .map(|s| {
                let face = if s.strong { style.bold() } else { style };
                (printed_span(s), face, link_target(s.link.as_ref()))
            })
            .collect();
        l.linked_runs(&runs, indent);
    } else {
        let style = if p.spans.iter().all(|s| s.strong) && !p.spans.is_empty() {
            style.bold()
        } else {
            style
        };
        l.paragraph(&printed_text(p), style, indent);
    }
}

/// Where a click goes in the PDF: only the links any medium may make clickable.
fn link_target(link: Option<&Link>) -> Option<LinkTarget> {
    match link.filter(|link| is_safe_link(link))? {
        Link::Url(url) => Some(LinkTarget::Url(url.trim().to_string())),
        Link::Section(id) => Some(LinkTarget::Heading(id.clone())),
    }
}

fn key_values(l: &mut Layout, pairs: &[KeyValue]) {
    let label = BODY.bold().colored(MUTED);
    let widest = pairs
        .iter()
        .map(|kv| text_width(&kv.key, label.face, label.size))
        .fold(0.0, f32::max);
    let label_width = (widest + 14.0).clamp(60.0, l.geometry().text_width() * 0.35);
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|kv| (kv.key.clone(), kv.value.clone()))
        .collect();
    l.key_values(&pairs, label, BODY, label_width);
}

/// A table under its caption; caption, header and the first two rows start on one page.
fn table(l: &mut Layout, table: &Table) {
    let (columns, rows) = table_parts(table);
    let start = caption_and_first_rows_height(l, table, &columns, &rows);
    let page = l.body_bottom() - l.geometry().top();
    if start <= page {
        l.ensure(start);
    }
    l.paragraph(&table.caption, CAPTION, 0.0);
    l.advance(2.0);
    let links: Vec<Vec<Option<LinkTarget>>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| link_target(cell.link.as_ref()))
                .collect()
        })
        .collect();
    l.table_with_links(&columns, &rows, &links, &TABLE);
}

/// The table's columns and cells as the page model sets them.
fn table_parts(table: &Table) -> (Vec<Column>, Vec<Vec<Vec<CellText>>>) {
    let columns: Vec<Column> = table
        .columns
        .iter()
        .map(|c| Column {
            title: c.title.clone(),
            share: c.share.max(0.01),
        })
        .collect();
    let rows: Vec<Vec<Vec<CellText>>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let mut style = CELL.colored(tone_color(cell.tone));
                    if cell.strong {
                        style = style.bold();
                    }
                    let span = crate::report::document::Span {
                        text: cell.text.clone(),
                        strong: cell.strong,
                        link: cell.link.clone(),
                    };
                    let mut parts = vec![CellText {
                        text: printed_span(&span),
                        style,
                    }];
                    if let Some(detail) = &cell.detail {
                        parts.push(CellText {
                            text: detail.clone(),
                            style: CELL_NOTE,
                        });
                    }
                    parts
                })
                .collect()
        })
        .collect();
    (columns, rows)
}

/// Height of the caption, the header and the first two rows, as the table will set them.
fn caption_and_first_rows_height(
    l: &mut Layout,
    table: &Table,
    columns: &[Column],
    rows: &[Vec<Vec<CellText>>],
) -> f32 {
    let text_width = l.geometry().text_width();
    let total: f32 = columns
        .iter()
        .map(|c| c.share)
        .sum::<f32>()
        .max(f32::EPSILON);
    let inner: Vec<f32> = columns
        .iter()
        .map(|c| (text_width * c.share / total - 2.0 * TABLE.padding).max(1.0))
        .collect();
    let caption =
        l.wrap_text(&table.caption, CAPTION, text_width).len() as f32 * CAPTION.line_height() + 2.0;
    let mut height = caption;
    let header: Vec<Vec<CellText>> = columns
        .iter()
        .map(|c| {
            vec![CellText {
                text: c.title.clone(),
                style: TABLE.header,
            }]
        })
        .collect();
    for row in std::iter::once(&header).chain(rows.iter().take(2)) {
        let tallest = row
            .iter()
            .zip(&inner)
            .map(|(cell, &width)| {
                cell.iter()
                    .map(|part| {
                        l.wrap_text(&part.text, part.style, width).len() as f32
                            * part.style.line_height()
                    })
                    .sum::<f32>()
            })
            .fold(0.0, f32::max);
        height += tallest + 2.0 * TABLE.padding;
    }
    height
}

/// Where a chart's parts go across the page.
struct ChartFrame {
    label_width: f32,
    /// What is printed just left of each bar: its series' name or number (none for one series).
    keys: Vec<String>,
    track_left: f32,
    track_width: f32,
    value_width: f32,
    bar_height: f32,
}

/// Room between the bars of one group.
const BAR_GAP: f32 = 2.0;

/// A horizontal bar chart on a 0-100 % scale: the label on the left, one bar per series with
/// its figure after it, each threshold a line across the bars; under it the scale, the marks
/// in words and, for several series, a legend.
/// How a chart is drawn: the widths of its label, key and value columns, and its track.
fn chart_frame(l: &Layout, chart: &Chart) -> ChartFrame {
    let g = l.geometry();
    let series = chart_series(chart);
    let label_width = (g.text_width() * 0.34).round();
    let value_width = chart
        .groups
        .iter()
        .flat_map(|gr| &gr.bars)
        .map(|b| text_width(&b.value, CHART_VALUE.face, CHART_VALUE.size))
        .fold(0.0, f32::max)
        .min(g.text_width() * 0.25)
        + 6.0;
    let keys = series_keys(chart);
    let key_width = keys
        .iter()
        .map(|k| text_width(k, CHART_KEY.face, CHART_KEY.size))
        .fold(0.0, f32::max);
    let track_left = g.left()
        + label_width
        + 8.0
        + if keys.is_empty() {
            0.0
        } else {
            key_width + 4.0
        };
    ChartFrame {
        label_width,
        keys,
        track_left,
        track_width: (g.right() - value_width - track_left).max(40.0),
        value_width,
        bar_height: if series == 1 { 13.0 } else { 9.0 },
    }
}

/// The most bars in one group (one per series), at least 1.
fn chart_series(chart: &Chart) -> usize {
    chart
        .groups
        .iter()
        .map(|gr| gr.bars.len())
        .max()
        .unwrap_or(1)
        .max(1)
}

/// What of a chart must start on one page: all of it when it fits on a page, else its title
/// (the figure's caption) with the first group of bars.
fn chart_keep(l: &mut Layout, chart: &Chart, frame: &ChartFrame) -> f32 {
    let g = l.geometry();
    let title_lines = l.wrap_text(&chart.title, CAPTION, g.text_width()).len();
    let title_height = title_lines as f32 * CAPTION.line_height();
    let whole = chart_height(l, chart, frame, title_height);
    if whole <= l.body_bottom() - g.top() {
        whole
    } else {
        title_height + 2.0 * frame.bar_height * chart_series(chart) as f32 + 20.0
    }
}

fn chart(l: &mut Layout, chart: &Chart) {
    let frame = chart_frame(l, chart);
    let label_width = frame.label_width;
    let keep = chart_keep(l, chart, &frame);
    l.ensure(keep);
    l.paragraph(&chart.title, CAPTION, 0.0);
    l.advance(2.0);
    l.figure(&chart_alt(chart), |l| {
        for group in &chart.groups {
            chart_group(l, group, chart, &frame);
        }
        scale(l, frame.track_left, frame.track_width);
        if !chart.thresholds.is_empty() {
            let text = format!(
                "Vertical lines mark {}.",
                thresholds_line(&chart.thresholds)
            );
            l.paragraph(&text, SMALL, label_width + 8.0);
        }
        if has_legend(chart) {
            legend(l, chart, label_width + 8.0);
        }
    });
}

/// The height a chart takes as [`chart`] draws it: its title, 2 points, each group's row, the
/// scale, the thresholds' line and the legend.
fn chart_height(l: &mut Layout, chart: &Chart, frame: &ChartFrame, title_height: f32) -> f32 {
    let indent = frame.label_width + 8.0;
    let text_width = l.geometry().text_width();
    let groups: f32 = chart
        .groups
        .iter()
        .map(|group| group_row_height(l, group, frame))
        .sum();
    let thresholds = if chart.thresholds.is_empty() {
        0.0
    } else {
        let text = format!(
            "Vertical lines mark {}.",
            thresholds_line(&chart.thresholds)
        );
        l.wrap_text(&text, SMALL, text_width - indent).len() as f32 * SMALL.line_height()
    };
    let legend = if has_legend(chart) {
        legend_lines(l, chart, indent) as f32 * SMALL.line_height()
    } else {
        0.0
    };
    title_height + 2.0 + groups + CHART_SCALE.line_height() + thresholds + legend
}

/// The height of one group's row: its wrapped label or its bars, whichever is taller.
fn group_row_height(l: &mut Layout, group: &BarGroup, frame: &ChartFrame) -> f32 {
    let labels = l.wrap_text(&group.label, CHART_LABEL, frame.label_width);
    let label_height = labels.len() as f32 * CHART_LABEL.line_height();
    let bars_height = group.bars.len() as f32 * (frame.bar_height + BAR_GAP) - BAR_GAP;
    label_height.max(bars_height) + 6.0
}

/// One label and its bars, kept on one page, the threshold lines across them.
fn chart_group(l: &mut Layout, group: &BarGroup, chart: &Chart, frame: &ChartFrame) {
    let g = l.geometry();
    let labels = l.wrap_text(&group.label, CHART_LABEL, frame.label_width);
    let label_height = labels.len() as f32 * CHART_LABEL.line_height();
    let bars_height = group.bars.len() as f32 * (frame.bar_height + BAR_GAP) - BAR_GAP;
    let row_height = group_row_height(l, group, frame);
    l.ensure(row_height);
    let top = l.cursor();
    let label_top = top + (row_height - 6.0 - label_height) / 2.0;
    for (i, line) in labels.into_iter().enumerate() {
        let line_top = label_top + i as f32 * CHART_LABEL.line_height();
        l.place_line(line, CHART_LABEL, g.left(), line_top);
    }
    let bars_top = top + (row_height - 6.0 - bars_height) / 2.0;
    for (i, bar) in group.bars.iter().enumerate() {
        let bar_top = bars_top + i as f32 * (frame.bar_height + BAR_GAP);
        let area = (
            frame.track_left,
            bar_top,
            frame.track_width,
            frame.bar_height,
        );
        draw_bar(l, area, bar.percent, SERIES[i % SERIES.len()]);
        if let Some(key) = frame.keys.get(i) {
            let x = frame.track_left - 4.0 - text_width(key, CHART_KEY.face, CHART_KEY.size);
            let key_top = bar_top + (frame.bar_height - CHART_KEY.line_height()) / 2.0;
            l.place_line(key.clone(), CHART_KEY, x, key_top);
        }
        // The figure in the column right of the track, clear of every bar and mark.
        let value = l
            .wrap_text(
                &bar.value,
                CHART_VALUE,
                frame.value_width + frame.track_width,
            )
            .join(" ");
        let x = (g.right() - text_width(&value, CHART_VALUE.face, CHART_VALUE.size))
            .min(frame.track_left + frame.track_width + 4.0);
        let value_top = bar_top + (frame.bar_height - CHART_VALUE.line_height()) / 2.0;
        l.place_line(value, CHART_VALUE, x.max(frame.track_left), value_top);
    }
    for threshold in &chart.thresholds {
        let x = frame.track_left + frame.track_width * scale_share(Some(threshold.percent)) as f32;
        // A white halo keeps the ink mark visible across a dark bar, in color and in gray.
        for (thickness, color) in [(2.6, WHITE), (1.0, INK)] {
            l.push(Mark::Line(Rule {
                from: (x, bars_top - 2.0),
                to: (x, bars_top + bars_height + 2.0),
                thickness,
                color,
            }));
        }
    }
    l.advance(row_height);
}

/// A bar's track and, over it, the bar itself.
fn draw_bar(l: &mut Layout, area: (f32, f32, f32, f32), percent: Option<f64>, color: Rgb) {
    let (x, y, width, height) = area;
    l.push(Mark::Fill(FillBox {
        x,
        y,
        width,
        height,
        color: TRACK,
    }));
    let fraction = scale_share(percent) as f32;
    if fraction > 0.0 {
        // An ink outline under the fill: the bar's edge stands out from the track whatever
        // its color, on screen and in gray.
        l.push(Mark::Fill(FillBox {
            x,
            y,
            width: width * fraction,
            height,
            color: INK,
        }));
        let inset = BAR_OUTLINE.min(width * fraction / 2.0);
        l.push(Mark::Fill(FillBox {
            x: x + inset,
            y: y + inset,
            width: width * fraction - 2.0 * inset,
            height: height - 2.0 * inset,
            color,
        }));
    }
}

/// The outline's width around a bar.
const BAR_OUTLINE: f32 = 0.6;

/// The direct label of each series: its name when every name is short, else its number, which
/// the legend then spells out; none for a single series.
fn series_keys(chart: &Chart) -> Vec<String> {
    if !has_legend(chart) {
        return Vec::new();
    }
    let names: Vec<String> = (0..chart.series.len())
        .map(|i| series_name(chart, i))
        .collect();
    if names
        .iter()
        .all(|n| text_width(n, CHART_KEY.face, CHART_KEY.size) <= DIRECT_NAME_WIDTH)
    {
        return names;
    }
    (1..=names.len()).map(|n| n.to_string()).collect()
}

/// 0 %, 25 %, ... 100 % under the tracks.
fn scale(l: &mut Layout, left: f32, width: f32) {
    let lh = CHART_SCALE.line_height();
    l.ensure(lh);
    let top = l.cursor();
    for step in 0..=4 {
        let label = format!("{}%", step * 25);
        let label_width = text_width(&label, CHART_SCALE.face, CHART_SCALE.size);
        let at = left + width * step as f32 / 4.0;
        let x = (at - label_width / 2.0).clamp(left, left + width - label_width);
        l.place_line(label, CHART_SCALE, x, top);
    }
    l.advance(lh);
}

/// The lines [`legend`] takes: its entries placed left to right, a new line where one would
/// pass the margin.
fn legend_lines(l: &mut Layout, chart: &Chart, indent: f32) -> usize {
    let g = l.geometry();
    let keys = series_keys(chart);
    let mut lines = 1;
    let mut x = g.left() + indent;
    for index in 0..chart.series.len() {
        let width = legend_entry_width(l, chart, &keys, index, indent);
        if x + width > g.right() && x > g.left() + indent {
            lines += 1;
            x = g.left() + indent;
        }
        x += width;
    }
    lines
}

/// A legend entry's name as placed (a numbered bar's says what the number stands for).
fn legend_entry(
    l: &mut Layout,
    chart: &Chart,
    keys: &[String],
    index: usize,
    indent: f32,
) -> String {
    let name = series_name(chart, index);
    let entry = match keys.get(index) {
        Some(key) if *key != name => format!("{key}  {name}"),
        _ => name,
    };
    let width = l.geometry().text_width() - indent - 20.0;
    l.wrap_text(&entry, SMALL, width).join(" ")
}

/// The width a legend entry takes: its swatch, the name, and the gap after it.
fn legend_entry_width(
    l: &mut Layout,
    chart: &Chart,
    keys: &[String],
    index: usize,
    indent: f32,
) -> f32 {
    let name = legend_entry(l, chart, keys, index, indent);
    LEGEND_SWATCH + 4.0 + text_width(&name, SMALL.face, SMALL.size) + 12.0
}

/// The side of a legend's color square.
const LEGEND_SWATCH: f32 = 7.0;

/// A swatch and the name of each series, on as many lines as they need.
fn legend(l: &mut Layout, chart: &Chart, indent: f32) {
    let g = l.geometry();
    let lh = SMALL.line_height();
    let swatch = LEGEND_SWATCH;
    l.ensure(lh);
    let mut x = g.left() + indent;
    let keys = series_keys(chart);
    for index in 0..chart.series.len() {
        let name = legend_entry(l, chart, &keys, index, indent);
        let width = legend_entry_width(l, chart, &keys, index, indent);
        if x + width > g.right() && x > g.left() + indent {
            l.advance(lh);
            l.ensure(lh);
            x = g.left() + indent;
        }
        let top = l.cursor();
        l.push(Mark::Fill(FillBox {
            x,
            y: top + (lh - swatch) / 2.0,
            width: swatch,
            height: swatch,
            color: SERIES[index % SERIES.len()],
        }));
        l.place_line(name, SMALL.colored(INK), x + swatch + 4.0, top);
        x += width;
    }
    l.advance(lh);
}

/// A list: bullets or numbers, the text hanging after them.
fn list(l: &mut Layout, list: &List) {
    // Every entry's text hangs after the widest marker ("10." is wider than "9."), with a gap.
    let hang = list
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let style = paragraph_style(item);
            let marker = list_marker(list, index, "\u{2022}");
            text_width(&marker, style.face, style.size) + MARKER_GAP
        })
        .fold(HANG, f32::max);
    for (index, item) in list.items.iter().enumerate() {
        let style = paragraph_style(item);
        let marker = list_marker(list, index, "\u{2022}");
        l.list_item(&marker, style, 4.0, hang, |l, indent| {
            paragraph(l, item, indent);
        });
        l.advance(1.5);
    }
}

/// The contents list: each entry linked to its chapter, with the chapter's page flush right
/// after dot leaders (a blank column until the pages are known).
fn contents(l: &mut Layout, list: &List, pages: &PageNumbers) {
    for (index, item) in list.items.iter().enumerate() {
        let style = paragraph_style(item);
        let marker = list_marker(list, index, "\u{2022}");
        let link = item.spans.iter().find_map(|s| s.link.as_ref());
        let page = match link {
            Some(Link::Section(id)) => pages.get(id).map(usize::to_string),
            _ => None,
        };
        let target = link_target(link);
        let text = printed_text(item);
        l.list_item(&marker, style, 4.0, HANG, |l, indent| {
            l.contents_entry(&text, style, target, page.as_deref(), indent);
        });
        l.advance(1.5);
    }
}

/// A note: a band in its tone's color, the words in white.
fn note(l: &mut Layout, note: &Note) {
    let fill = match note.tone {
        Tone::Normal => NAVY,
        other => tone_color(other),
    };
    l.banner(&note.text, NOTE, fill);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Paper;
    use crate::report::medium::sample_document;
    use crate::report::pdf::layout::Page;

    fn page_text(page: &Page) -> String {
        page.marks
            .iter()
            .filter_map(|m| match m {
                // Without the space a soft line break leaves at the end of a line.
                Mark::Text(t) => Some(t.text.trim_end_matches(' ')),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn pages(doc: &Document) -> Vec<Page> {
        lay_out(doc, &RenderOptions::default()).finish().0
    }

    /// A document whose contents list has entries long enough to wrap and chapters of
    /// different lengths.
    fn with_contents() -> Document {
        let mut doc = Document::new("Contents test");
        doc.paragraph("Before the contents.");
        for n in 0..12 {
            let title = if n == 3 {
                format!("Chapter {n}, {}", "whose title runs long ".repeat(6))
            } else {
                format!("Chapter {n}")
            };
            doc.heading(1, title, Some(&format!("chapter-{n}")));
            for _ in 0..n * 3 {
                doc.paragraph("The MOU names who decides on discipline. ".repeat(8));
            }
        }
        crate::report::subject::packet::insert_contents(&mut doc, 1);
        doc
    }

    #[test]
    fn filling_in_the_page_numbers_moves_no_heading() {
        let doc = with_contents();
        let options = RenderOptions::default();
        let first = heading_pages(&lay_out_pass(&doc, &options, &PageNumbers::new()));
        assert!(first.values().any(|&page| page > 3), "{first:?}");
        let second = heading_pages(&lay_out_pass(&doc, &options, &first));
        assert_eq!(first, second);
        // And the numbers are drawn: each chapter's page, as the last mark of its entry line.
        let (pages, _) = lay_out(&doc, &options).finish();
        let text = page_text(&pages[0]);
        for n in [0, 5, 11] {
            let page = first[&format!("chapter-{n}")];
            assert!(
                text.contains(&format!("Chapter {n}\n . ."))
                    && text.contains(&format!("\n{page}\n")),
                "chapter {n} on page {page}:\n{text}"
            );
        }
    }

    #[test]
    fn a_document_without_contents_is_laid_out_as_before() {
        let doc = sample_document();
        assert!(!has_contents(&doc.blocks));
        let options = RenderOptions::default();
        assert_eq!(
            lay_out(&doc, &options).finish().0,
            lay_out_pass(&doc, &options, &PageNumbers::new()).finish().0
        );
    }

    #[test]
    fn every_block_is_laid_out_and_page_breaks_are_honored() {
        let pages = pages(&sample_document());
        assert_eq!(pages.len(), 3, "cover, summary, method");
        let cover = page_text(&pages[0]);
        for expected in [
            "CONFIDENTIAL: this report",
            "SCHOOL RESOURCE OFFICER PROGRAM",
            "Gap report",
            "Example Area School District",
            "Prepared by",
            "DRAFT: 9 of 29",
            "Page 1 of 3",
        ] {
            assert!(
                cover.contains(expected),
                "missing {expected:?} on the cover:\n{cover}"
            );
        }
        let summary = page_text(&pages[1]).replace('\n', " ");
        for expected in [
            "Summary",
            "72.4% (Developing)",
            "Wisconsin DOJ guidance (https://www.doj.state.wi.us/sro-guidance)",
            "Section scores",
            "82.5% (8.3 / 10)",
            "Vertical lines mark 50% Developing, 75% Proficient.",
            "Gaps, most urgent first",
            "MOU signed | dated",
            "Critical items",
            "\u{2022}",
            "1.",
            "Train the officer.",
            "Internal note (CONFIDENTIAL)",
            "CONFIDENTIAL: includes internal notes",
            "sro-assess 0.1.0",
        ] {
            assert!(
                summary.contains(expected),
                "missing {expected:?} on page 2:\n{summary}"
            );
        }
        let method = page_text(&pages[2]);
        for expected in [
            "How this was scored",
            "Spring 2025",
            "Spring 2026",
            "Column 9",
            "9999",
            "Page 3 of 3",
        ] {
            assert!(
                method.contains(expected),
                "missing {expected:?} on page 3:\n{method}"
            );
        }
    }

    #[test]
    fn every_series_has_its_own_bars_and_the_thresholds_are_drawn() {
        let pages = pages(&sample_document());
        let fills = |color: Rgb| {
            pages[2]
                .marks
                .iter()
                .filter(|m| matches!(m, Mark::Fill(f) if f.color == color))
                .count()
        };
        // Two groups: one bar each of the first and second series, plus a legend swatch.
        assert_eq!(fills(SERIES[0]), 3);
        assert_eq!(fills(SERIES[1]), 3);
        let marks = pages[2]
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Line(r) if r.color == INK && r.from.0 == r.to.0))
            .count();
        assert_eq!(marks, 2, "one threshold line per group");
    }

    #[test]
    fn each_bar_has_its_series_label_beside_it_and_an_outline() {
        let doc = sample_document();
        let Some(chart) = doc.blocks.iter().find_map(|b| match b {
            Block::Chart(c) if c.series.len() > 1 => Some(c),
            _ => None,
        }) else {
            panic!("the sample has a chart of several series");
        };
        let keys = series_keys(chart);
        assert_eq!(keys.len(), chart.series.len());
        let pages = pages(&doc);
        let texts: Vec<&str> = pages[2]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(t) if t.style == CHART_KEY => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        for key in &keys {
            let beside = texts.iter().filter(|t| *t == key).count();
            assert_eq!(
                beside,
                chart.groups.len(),
                "`{key}` beside each of its bars"
            );
        }
        let outlines = pages[2]
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Fill(f) if f.color == INK))
            .count();
        assert!(
            outlines >= 2 * chart.groups.len(),
            "an ink outline under every bar"
        );
    }

    #[test]
    fn long_series_names_are_numbered_and_the_legend_says_what_each_number_is() {
        let chart = Chart {
            title: "Scores".into(),
            series: vec![
                "Option A: contract a school resource officer".into(),
                "B".into(),
            ],
            groups: Vec::new(),
            thresholds: Vec::new(),
            alt: String::new(),
        };
        assert_eq!(series_keys(&chart), ["1", "2"]);
        let short = Chart {
            series: vec!["2025".into(), "2026".into()],
            ..chart
        };
        assert_eq!(series_keys(&short), ["2025", "2026"]);
    }

    #[test]
    fn a_heading_is_never_alone_at_the_foot_of_a_page() {
        let mut doc = Document::new("t");
        for n in 0..60 {
            doc.heading(2, format!("Heading {n}"), None);
            doc.paragraph("Some words under the heading, long enough to take a line of the page.");
            doc.paragraph("More words.");
        }
        for page in pages(&doc) {
            let last_body = page.marks.iter().rev().find_map(|m| match m {
                Mark::Text(t) if t.style.size > 7.0 => Some(t.text.as_str()),
                _ => None,
            });
            assert!(
                !last_body.is_some_and(|t| t.starts_with("Heading")),
                "{last_body:?}"
            );
        }
    }

    #[test]
    fn a_heading_stays_with_the_table_under_it() {
        let Some(Block::Table(table)) = sample_document()
            .blocks
            .into_iter()
            .find(|b| matches!(b, Block::Table(_)))
        else {
            unreachable!("the sample has a table")
        };
        // Wherever the page runs out, the heading goes where the table's caption goes.
        for filler in 30..60 {
            let mut doc = Document::new("t");
            for _ in 0..filler {
                doc.paragraph("Filler text that pushes the heading down the page.");
            }
            doc.heading(2, "Gaps heading", None);
            doc.push(Block::Table(table.clone()));
            for page in pages(&doc) {
                let text = page_text(&page);
                assert_eq!(
                    text.contains("Gaps heading"),
                    text.contains("Gaps, most urgent first"),
                    "{filler} fillers:\n{text}"
                );
            }
        }
    }

    /// An agenda item: a heading kept together with its lines and the room for a decision.
    fn agenda_item(doc: &mut Document, keep_together: bool) {
        doc.push(Block::Heading(Heading {
            level: 2,
            text: "Agenda item".into(),
            id: None,
            keep_together,
        }));
        for n in 0..8 {
            doc.paragraph(format!("Member {n} rated it."));
        }
        doc.paragraph("Decision: the end of the item");
    }

    #[test]
    fn a_heading_kept_together_moves_its_whole_section_to_the_next_page() {
        let mut split_somewhere = false;
        for filler in 30..50 {
            for keep in [true, false] {
                let mut doc = Document::new("t");
                for _ in 0..filler {
                    doc.paragraph("Filler text that pushes the item down the page.");
                }
                agenda_item(&mut doc, keep);
                let pages = pages(&doc);
                let on = |needle: &str| pages.iter().position(|p| page_text(p).contains(needle));
                let together = on("Agenda item") == on("Decision: the end of the item");
                if keep {
                    assert!(together, "{filler} fillers: the kept item split");
                } else {
                    split_somewhere |= !together;
                }
            }
        }
        assert!(
            split_somewhere,
            "without the keep, some filler splits the item"
        );
    }

    /// Where a chart of `groups` bars starts and ends, by page, after `filler` paragraphs.
    fn chart_pages(filler: usize, groups: usize) -> (usize, usize) {
        use crate::report::document::{Bar, Threshold};
        let mut doc = Document::new("t");
        for n in 0..filler {
            doc.paragraph(format!("Filler paragraph {n} of the page."));
        }
        doc.heading(2, "Scores by section", None);
        doc.push(Block::Chart(Chart {
            title: "A chart of many bars".into(),
            series: vec![String::new()],
            groups: (0..groups)
                .map(|n| BarGroup {
                    label: format!("Group {n}"),
                    bars: vec![Bar {
                        percent: Some(50.0),
                        value: "50.0%".into(),
                    }],
                })
                .collect(),
            thresholds: vec![Threshold {
                percent: 75.0,
                label: "Established".into(),
            }],
            alt: "bars".into(),
        }));
        let pages = pages(&doc);
        let page_of = |needle: &str| {
            pages
                .iter()
                .position(|p| page_text(p).lines().any(|l| l == needle))
                .unwrap_or(usize::MAX)
        };
        let title = page_of("A chart of many bars");
        assert_eq!(
            page_of("Scores by section"),
            title,
            "the heading is left apart from its chart"
        );
        (title, page_of(&format!("Group {}", groups - 1)))
    }

    #[test]
    fn a_chart_that_fits_on_a_page_is_never_split_nor_left_by_its_heading() {
        // Wherever the filler leaves the chart to start, its heading, title and last bar share
        // a page.
        let mut moved = false;
        for filler in (20..60).step_by(3) {
            let (first, last) = chart_pages(filler, 12);
            assert_eq!(first, last, "after {filler} paragraphs the chart splits");
            moved |= first > 0;
        }
        assert!(moved, "no filler pushed the chart past the first page");
        // A chart taller than a page still starts with its title and runs on.
        let (first, last) = chart_pages(0, 60);
        assert!(last > first);
    }

    #[test]
    fn a_section_longer_than_a_page_runs_on_under_its_heading() {
        let mut doc = Document::new("t");
        doc.paragraph("First page text.");
        doc.push(Block::Heading(Heading {
            level: 2,
            text: "Long item".into(),
            id: None,
            keep_together: true,
        }));
        for n in 0..120 {
            doc.paragraph(format!("Line {n} of a section no page can hold."));
        }
        let pages = pages(&doc);
        assert!(
            page_text(&pages[0]).contains("Long item"),
            "it starts where it stands"
        );
    }

    #[test]
    fn a_table_header_starts_with_two_rows() {
        let mut doc = Document::new("t");
        for _ in 0..40 {
            doc.paragraph("Filler text that pushes the table down the page.");
        }
        let mut table = match sample_document()
            .blocks
            .into_iter()
            .find(|b| matches!(b, Block::Table(_)))
        {
            Some(Block::Table(t)) => t,
            _ => unreachable!("the sample has a table"),
        };
        table.rows[0][4].text = "A long next step. ".repeat(12);
        for _ in 0..6 {
            doc.push(Block::Table(table.clone()));
        }
        let pages = pages(&doc);
        for page in &pages {
            let text = page_text(page);
            let captions = text.matches("Gaps, most urgent first").count();
            let rows = text.matches("Schedule 40 hours").count();
            assert!(
                rows >= captions,
                "a caption left without its two rows:\n{text}"
            );
        }
    }

    #[test]
    fn paper_size_and_warnings_and_metadata() {
        let mut doc = sample_document();
        doc.paragraph("Emoji \u{1F600} and \u{0416}.");
        let a4 = RenderOptions {
            paper: Paper::A4,
            ..RenderOptions::default()
        };
        let rendered = draw(doc, &a4).unwrap();
        assert!(
            rendered.warnings.iter().any(|w| w.contains("U+1F600")),
            "{:?}",
            rendered.warnings
        );
        let pdf = lopdf::Document::load_mem(&rendered.bytes).unwrap();
        let pages = pdf.get_pages();
        let first = pdf.get_dictionary(pages[&1]).unwrap();
        let media = first.get(b"MediaBox").unwrap().as_array().unwrap();
        let width = media[2].as_float().unwrap();
        assert!((width - 595.3).abs() < 1.0, "A4 width, got {width}");
        let info_id = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = pdf.get_dictionary(info_id).unwrap();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(text(b"Title"), "Gap report: Example Area School District");
        assert_eq!(
            text(b"Subject"),
            "School Resource Officer program gap report"
        );
        assert!(
            text(b"CreationDate").starts_with("D:20260314"),
            "{}",
            text(b"CreationDate")
        );
        assert!(text(b"Author").contains("Jordan Rivera"));
    }

    /// The bytes without the trailer's file identifier, which printpdf numbers anew for each
    /// document a process makes (two processes give the same one).
    fn without_id(bytes: &[u8]) -> Vec<u8> {
        let mut doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.trailer.remove(b"ID");
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let doc = sample_document();
        let options = RenderOptions::default();
        let first = draw(doc.clone(), &options).unwrap();
        let second = draw(doc, &options).unwrap();
        assert!(
            without_id(&first.bytes) == without_id(&second.bytes),
            "the two PDFs differ"
        );
        assert_eq!(first.warnings, second.warnings);
    }
}
