//! The HTML medium: one self-contained, accessible page (WCAG 2.1 AA) for a district website.
//!
//! Built with maud, which escapes every interpolated value. The stylesheet is inlined; nothing
//! is scripted or fetched. Landmarks: the title block is the page's banner, the body its main
//! part, the running footer its content info; a skip link leads past the banner. The title is
//! the one `h1`, a level-1 heading an `h2`, and so on. A wide table scrolls inside its own
//! focusable region, so the page never scrolls sideways at 320 px.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{
    CONFIDENTIAL_NOTICE, anchors, chart_alt, has_legend, is_safe_link, or_else, scale_share,
    series_name, thresholds_line,
};
use crate::error::Result;
use crate::report::document::{
    Align, Block, Cell, Chart, Document, KeyValue, Link, List, Note, Paragraph, Span, Table, Title,
    Tone,
};
use crate::report::{RenderOptions, Rendered};

/// The stylesheet, inlined so the file stands alone (no network, no second file to post).
const STYLE: &str = include_str!("style.css");

/// How many series colors the stylesheet has; more series reuse them, and the legend and the
/// words beside each bar tell them apart.
const SERIES_COLORS: usize = 4;

/// A table of more columns than this keeps a readable width on a phone and scrolls instead.
const WIDE_TABLE_COLUMNS: usize = 3;

/// The page title of a document without one.
const UNTITLED: &str = "School Resource Officer program report";

/// Draws `document` as one HTML page.
pub fn draw(document: &Document, _options: &RenderOptions) -> Result<Rendered> {
    let anchors = anchors(document);
    let leading_titles = document
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::Title(_)))
        .count();
    let (banner, body) = document.blocks.split_at(leading_titles);
    // A page must name its language and have a title (WCAG 3.1.1, 2.4.2), even when the
    // document left them empty.
    let language = if document.language.is_empty() {
        "en-US"
    } else {
        document.language
    };
    let mut title = if document.title.trim().is_empty() {
        UNTITLED.to_string()
    } else {
        document.title.clone()
    };
    // The mark once, whether or not the document's own title carries it.
    if document.confidential && !title.starts_with("CONFIDENTIAL") {
        title.insert_str(0, "CONFIDENTIAL: ");
    }
    let mut charts = 0;
    let mut tables = 0;
    let page = html! {
        (DOCTYPE)
        html lang=(language) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a class="skip-link" href="#main" { "Skip to main content" }
                @if document.confidential || !banner.is_empty() {
                    header class="cover" {
                        @if document.confidential {
                            p class="confidential" { strong { (CONFIDENTIAL_NOTICE) } }
                        }
                        @for block in banner {
                            @if let Block::Title(t) = block { (title_block(t)) }
                        }
                    }
                }
                main id="main" tabindex="-1" {
                    @for (offset, block) in body.iter().enumerate() {
                        @let index = leading_titles + offset;
                        @match block {
                            Block::Title(t) => { (title_block(t)) }
                            Block::Heading(h) => {
                                @let id = anchors.get(&index).cloned().unwrap_or_default();
                                @match h.level {
                                    0 | 1 => { h2 id=(id) { (h.text) } }
                                    2 => { h3 id=(id) { (h.text) } }
                                    _ => { h4 id=(id) { (h.text) } }
                                }
                            }
                            Block::Paragraph(p) => { (paragraph(p)) }
                            Block::KeyValues(pairs) => { (key_values(pairs)) }
                            Block::Table(t) => {
                                @let n = { tables += 1; tables };
                                (table(t, n))
                            }
                            Block::Chart(c) => {
                                @let n = { charts += 1; charts };
                                (chart(c, n))
                            }
                            Block::List(l) => { (list(l)) }
                            Block::Note(n) => { (note(n)) }
                            Block::PageBreak => { div class="page-break" {} }
                        }
                    }
                }
                @if !document.running_footer.is_empty() {
                    footer class="stamp" { p class="small" { (document.running_footer) } }
                }
            }
        }
    };
    Ok(Rendered::plain(page.into_string().into_bytes()))
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Normal => "",
        Tone::Muted => "muted",
        Tone::Good => "good",
        Tone::Caution => "caution",
        Tone::Bad => "bad",
    }
}

/// Where a click goes; `None` for a link that may not be clickable (see [`is_safe_link`]).
fn href(link: Option<&Link>) -> Option<String> {
    match link.filter(|l| is_safe_link(l))? {
        Link::Url(url) => Some(url.clone()),
        Link::Section(id) => Some(format!("#{id}")),
    }
}

fn title_block(title: &Title) -> Markup {
    html! {
        @if let Some(kicker) = &title.kicker { p class="eyebrow" { (kicker) } }
        h1 {
            (title.title)
            @if let Some(subtitle) = &title.subtitle { span class="subtitle" { (subtitle) } }
        }
    }
}

fn span(span: &Span) -> Markup {
    let words = html! {
        @if span.strong { strong { (span.text) } } @else { (span.text) }
    };
    html! {
        @match href(span.link.as_ref()) {
            Some(target) => { a href=(target) { (words) } }
            None => { (words) }
        }
    }
}

fn spans(spans: &[Span]) -> Markup {
    html! { @for s in spans { (span(s)) } }
}

fn paragraph(p: &Paragraph) -> Markup {
    let class = format!(
        "{} {}",
        if p.lead { "lead" } else { "" },
        tone_class(p.tone)
    );
    let class = class.trim();
    html! {
        @if class.is_empty() { p { (spans(&p.spans)) } } @else { p class=(class) { (spans(&p.spans)) } }
    }
}

fn key_values(pairs: &[KeyValue]) -> Markup {
    html! {
        dl class="facts" {
            @for kv in pairs { dt { (kv.key) } dd { (kv.value) } }
        }
    }
}

/// A table in a region that scrolls sideways on its own when it is wider than the screen;
/// focusable, so keyboard users can scroll it too. The first column heads its row.
fn table(t: &Table, number: usize) -> Markup {
    let caption_id = format!("table-{number}-caption");
    let wide = t.columns.len() > WIDE_TABLE_COLUMNS;
    html! {
        div class="scroll" role="region" aria-labelledby=(caption_id) tabindex="0" {
            // Shown on narrow screens only, where the table's last columns are out of sight;
            // hidden from screen readers, which read every column.
            @if wide { p class="scroll-cue" aria-hidden="true" { "Scroll sideways to see every column →" } }
            table class=[wide.then_some("wide")] {
                caption id=(caption_id) { (or_else(&t.caption, || format!("Table {number}"))) }
                thead {
                    tr { @for c in &t.columns { th scope="col" class=[num_class(c.align)] { (c.title) } } }
                }
                tbody {
                    @for row in &t.rows {
                        tr {
                            @for (i, (cell, column)) in row.iter().zip(&t.columns).enumerate() {
                                @if i == 0 {
                                    th scope="row" class=[cell_class(cell, column.align)] { (cell_body(cell)) }
                                } @else {
                                    td class=[cell_class(cell, column.align)] { (cell_body(cell)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn num_class(align: Align) -> Option<&'static str> {
    (align == Align::Right).then_some("num")
}

fn cell_class(cell: &Cell, align: Align) -> Option<String> {
    let class = format!(
        "{} {}",
        num_class(align).unwrap_or_default(),
        tone_class(cell.tone)
    );
    let class = class.trim();
    (!class.is_empty()).then(|| class.to_string())
}

/// A cell's text (its line breaks kept) and its detail in small type under it.
fn cell_body(cell: &Cell) -> Markup {
    let text = html! {
        @for (i, line) in cell.text.split('\n').enumerate() {
            @if i > 0 { br; }
            @if cell.strong { strong { (line) } } @else { (line) }
        }
    };
    html! {
        @match href(cell.link.as_ref()) {
            Some(target) => { a href=(target) { (text) } }
            None => { (text) }
        }
        @if let Some(detail) = &cell.detail { br; span class="detail" { (detail) } }
    }
}

/// A chart as a figure: the drawing is one image whose name is the chart's figures in words;
/// the marks and the series are written out under it, so nothing depends on seeing colors.
fn chart(c: &Chart, number: usize) -> Markup {
    let title_id = format!("chart-{number}-title");
    let legend = has_legend(c);
    let thresholds: Vec<(String, f64)> = c
        .thresholds
        .iter()
        .map(|t| (t.label.clone(), 100.0 * scale_share(Some(t.percent))))
        .collect();
    // Every figure gets the room of the longest, so all tracks share one scale.
    let value_chars = c
        .groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| b.value.chars().count())
        .max()
        .unwrap_or(0);
    html! {
        figure class="chart" aria-labelledby=(title_id) style={ "--value-width: " (value_chars + 1) "ch" } {
            figcaption id=(title_id) { (or_else(&c.title, || format!("Chart {number}"))) }
            div class="bars" role="img" aria-label=(chart_alt(c)) {
                @for group in &c.groups {
                    div class="group" {
                        p class="label" { (group.label) }
                        @for (i, bar) in group.bars.iter().enumerate() {
                            @let width = 100.0 * scale_share(bar.percent);
                            div class={ "bar-row series-" (i % SERIES_COLORS) } {
                                @if legend { span class="series-name" { (series_name(c, i)) } }
                                span class="track" {
                                    span class="bar" style={ "width: " (format!("{width:.1}")) "%" } {}
                                    @for (_, at) in &thresholds {
                                        span class="mark" style={ "left: " (format!("{at:.1}")) "%" } {}
                                    }
                                }
                                span class="value" { (bar.value) }
                            }
                        }
                    }
                }
            }
            @if legend {
                ul class="legend" {
                    @for i in 0..c.series.len() {
                        li class={ "series-" (i % SERIES_COLORS) } {
                            span class="swatch" {} (series_name(c, i))
                        }
                    }
                }
            }
            @if !thresholds.is_empty() {
                p class="small" { "Vertical lines mark " (thresholds_line(&c.thresholds)) "." }
            }
        }
    }
}

fn list(l: &List) -> Markup {
    let items = html! {
        @for item in &l.items {
            @let class = tone_class(item.tone);
            @if class.is_empty() { li { (spans(&item.spans)) } } @else { li class=(class) { (spans(&item.spans)) } }
        }
    };
    html! {
        @if l.ordered { ol { (items) } } @else { ul { (items) } }
    }
}

/// A call-out: a note (`role="note"`), its tone as a class (the words say what it is).
fn note(n: &Note) -> Markup {
    html! {
        div class={ "note " (tone_class(n.tone)) } role="note" {
            @for line in n.text.split('\n') { p { (line) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::medium::sample_document;

    fn sample() -> String {
        let rendered = draw(&sample_document(), &RenderOptions::default()).unwrap();
        String::from_utf8(rendered.bytes).unwrap()
    }

    #[test]
    fn a_page_with_landmarks_skip_link_and_language() {
        let out = sample();
        assert!(
            out.starts_with("<!DOCTYPE html><html lang=\"en-US\">"),
            "{out}"
        );
        for expected in [
            "<title>CONFIDENTIAL: Gap report: Example Area School District</title>",
            "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>",
            "<header class=\"cover\"><p class=\"confidential\"><strong>CONFIDENTIAL:",
            "<h1>Gap report<span class=\"subtitle\">Example Area School District</span></h1>",
            "<main id=\"main\" tabindex=\"-1\">",
            "<footer class=\"stamp\"><p class=\"small\">sro-assess 0.1.0",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in\n{out}");
        }
        assert!(!out.contains("<script"));
        assert!(!out.contains("src="));
    }

    #[test]
    fn a_title_that_already_says_confidential_says_it_once() {
        let mut document = sample_document();
        document.title = format!("CONFIDENTIAL: {}", document.title);
        let rendered = draw(&document, &RenderOptions::default()).unwrap();
        let out = String::from_utf8(rendered.bytes).unwrap();
        assert!(
            out.contains("<title>CONFIDENTIAL: Gap report: Example Area School District</title>"),
            "{out}"
        );
    }

    #[test]
    fn every_block_is_drawn() {
        let out = sample();
        for expected in [
            "<dt>Prepared by</dt><dd>Jordan Rivera",
            "<div class=\"note caution\" role=\"note\"><p>DRAFT: 9 of 29",
            "<h2 id=\"summary\">Summary</h2>",
            "<h3 id=\"gaps\">Gaps in priority order (2)</h3>",
            "<h4 id=\"critical-items\">Critical items</h4>",
            "<p class=\"lead\"><strong>Example Area",
            "<a href=\"#method\">How this was scored</a>",
            "<a href=\"https://www.doj.state.wi.us/sro-guidance\">Wisconsin DOJ guidance</a>",
            "<table class=\"wide\"><caption id=\"table-1-caption\">Gaps, most urgent first</caption>",
            "<th scope=\"col\" class=\"num\">#</th>",
            "<th scope=\"row\" class=\"num\">1</th>",
            "Sign the MOU.<br>File it with",
            "<span class=\"detail\">governance.mou-signed",
            "<li class=\"bad\">Data sharing limits written down</li>",
            "<ol><li>Sign the MOU.</li>",
            "<figure class=\"chart\" aria-labelledby=\"chart-1-title\" style=\"--value-width: 17ch\"><figcaption id=\"chart-1-title\">Section scores</figcaption>",
            "role=\"img\" aria-label=\"Score of each section: Governance",
            "Vertical lines mark 50% Developing, 75% Proficient.",
            "<ul class=\"legend\"><li class=\"series-0\"><span class=\"swatch\"></span>Spring 2025</li>",
            "<div class=\"page-break\"></div>",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in\n{out}");
        }
    }

    #[test]
    fn a_script_link_is_printed_as_words() {
        let mut doc = Document::new("t");
        doc.push(Block::Paragraph(Paragraph {
            spans: vec![Span::linked(
                "click",
                Link::Url("javascript:alert(1)".into()),
            )],
            ..Paragraph::default()
        }));
        let out = String::from_utf8(draw(&doc, &RenderOptions::default()).unwrap().bytes).unwrap();
        assert!(out.contains("<p>click</p>"), "{out}");
        assert!(!out.contains("javascript:"));
        assert!(!out.contains("<header"), "no empty banner landmark");
    }

    #[test]
    fn a_table_or_chart_without_words_is_still_named() {
        let mut doc = Document::new("t");
        doc.push(Block::Table(Table {
            caption: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
        }));
        doc.push(Block::Chart(Chart {
            title: String::new(),
            series: Vec::new(),
            groups: Vec::new(),
            thresholds: Vec::new(),
            alt: String::new(),
        }));
        let out = String::from_utf8(draw(&doc, &RenderOptions::default()).unwrap().bytes).unwrap();
        assert!(
            out.contains("<caption id=\"table-1-caption\">Table 1</caption>"),
            "{out}"
        );
        assert!(
            out.contains("<figcaption id=\"chart-1-title\">Chart 1</figcaption>"),
            "{out}"
        );
        assert!(
            out.contains("aria-label=\"A chart with no figures.\""),
            "{out}"
        );
    }

    #[test]
    fn an_empty_document_still_names_its_language_and_title() {
        let empty = draw(&Document::default(), &RenderOptions::default()).unwrap();
        let empty = String::from_utf8(empty.bytes).unwrap();
        assert!(empty.contains("<html lang=\"en-US\">"), "{empty}");
        assert!(
            empty.contains(&format!("<title>{UNTITLED}</title>")),
            "{empty}"
        );
    }

    #[test]
    fn text_from_the_document_is_escaped() {
        let out = sample();
        assert!(
            out.contains("&lt;b&gt;5 * 3&lt;/b&gt; | a_b # [x](y) &amp; `code`"),
            "{out}"
        );
        assert!(!out.contains("<b>5"));
    }
}
