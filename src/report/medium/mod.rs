//! One backend per medium (terminal, Markdown, HTML, PDF), each drawing any [`Document`].
//!
//! A subject states what it says once, as a [`Document`]; the media here only decide how each
//! block looks. CSV and JSON are not media: they export the score model directly, so asking a
//! medium for them is [`Error::FormatNotAvailable`]. Helpers every medium needs (wrapping by
//! display width, list numbering, heading anchors) live here, once.

pub mod html;
pub mod markdown;
pub mod pdf;
pub mod terminal;

use std::collections::{BTreeSet, HashMap};

use unicode_width::UnicodeWidthChar;

use super::document::{
    Bar, BarGroup, Block, Cell, Chart, Column, Document, Heading, KeyValue, Link, List, Note,
    Paragraph, Span, Table, Threshold, Title, Tone,
};
use super::{Format, RenderOptions, Rendered};
use crate::error::{Error, Result};

/// The formats a document can be drawn in, as an error lists them.
const MEDIA: &str = "table, markdown, html or pdf";

/// The sentence every medium puts at the top of a confidential document.
pub const CONFIDENTIAL_NOTICE: &str =
    "CONFIDENTIAL: this report includes internal notes. Do not publish it.";

/// Draws `document` in `format`. CSV and JSON export the model directly, not a document.
pub fn draw(document: &Document, format: Format, options: &RenderOptions) -> Result<Rendered> {
    match format {
        Format::Table => terminal::draw(document, options),
        Format::Markdown => markdown::draw(document, options),
        Format::Html => html::draw(document, options),
        Format::Pdf => pdf::draw(document, options),
        Format::Csv | Format::Json => Err(Error::FormatNotAvailable {
            subject: "a formatted report",
            format: format.name(),
            available: MEDIA,
        }),
    }
}

/// Columns `text` takes in a terminal (wide characters count two, combining marks none).
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Splits `text` into lines no wider than `width` columns, between words; a word wider than a
/// line is broken. Line breaks in `text` are kept; an empty text gives one empty line.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let word_width = display_width(word);
            if used > 0 && used + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + word_width;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// The marker of a list entry: `1.` for the first of a numbered list, a bullet otherwise.
pub(crate) fn list_marker(list: &List, index: usize, bullet: &str) -> String {
    if list.ordered {
        format!("{}.", index + 1)
    } else {
        bullet.to_string()
    }
}

/// A link's text as print shows it: a web address follows the words unless they are the
/// address (a reader of paper cannot click).
pub(crate) fn printed_span(span: &Span) -> String {
    match &span.link {
        Some(Link::Url(url)) if url != &span.text => format!("{} ({url})", span.text),
        _ => span.text.clone(),
    }
}

/// A paragraph's words as print shows them (see [`printed_span`]).
pub(crate) fn printed_text(paragraph: &Paragraph) -> String {
    paragraph.spans.iter().map(printed_span).collect()
}

/// The anchor of each heading, by its index among the document's blocks: its own id, or one
/// made from its words; unique in the document (a repeat gets `-2`, `-3`).
pub(crate) fn anchors(document: &Document) -> HashMap<usize, String> {
    let mut taken: BTreeSet<String> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(Heading { id: Some(id), .. }) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let mut anchors = HashMap::new();
    for (index, block) in document.blocks.iter().enumerate() {
        let Block::Heading(heading) = block else {
            continue;
        };
        let anchor = match &heading.id {
            Some(id) => id.clone(),
            None => {
                let base = slug(&heading.text);
                let mut candidate = base.clone();
                let mut n = 2;
                while taken.contains(&candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                taken.insert(candidate.clone());
                candidate
            }
        };
        anchors.insert(index, anchor);
    }
    anchors
}

/// Lowercase letters and digits joined by hyphens (`Gaps in priority order (3)` gives
/// `gaps-in-priority-order-3`); `section` when nothing is left.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// Each chart's threshold marks in words: `50% Developing, 75% Proficient`.
pub(crate) fn thresholds_line(thresholds: &[Threshold]) -> String {
    let marks: Vec<String> = thresholds
        .iter()
        .map(|t| format!("{}% {}", trim_percent(t.percent), t.label))
        .collect();
    marks.join(", ")
}

/// `50` for 50.0, `62.5` for 62.5.
fn trim_percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A series' name as a chart shows it: `Series 2` for an unnamed one.
pub(crate) fn series_name(chart: &Chart, index: usize) -> String {
    match chart.series.get(index) {
        Some(name) if !name.is_empty() => name.clone(),
        _ => format!("Series {}", index + 1),
    }
}

/// Whether the chart compares several series (and so needs a legend).
pub(crate) fn has_legend(chart: &Chart) -> bool {
    chart.series.len() > 1
}

/// A document that holds every block kind, every tone, links of both kinds, text that each
/// medium must escape, long words and wide tables: what every medium's tests draw.
#[doc(hidden)]
pub fn sample_document() -> Document {
    let mut doc = Document::new("Gap report: Example Area School District");
    doc.author = Some("Jordan Rivera, Director of Student Services".into());
    doc.subject = Some("School Resource Officer program gap report".into());
    doc.date = Some((2026, 3, 14));
    doc.confidential = true;
    doc.running_footer =
        "sro-assess 0.1.0 \u{00B7} checklist wi-doj-dpi-2024 \u{00B7} answers sha256 3f9a0c2e"
            .into();
    doc.push(Block::Title(Title {
        kicker: Some("SCHOOL RESOURCE OFFICER PROGRAM".into()),
        title: "Gap report".into(),
        subtitle: Some("Example Area School District".into()),
    }));
    doc.push(Block::KeyValues(vec![
        kv("Assessment", "Spring review 2026"),
        kv("Date", "2026-03-14"),
        kv("Prepared by", "Jordan Rivera, Director of Student Services"),
        kv(
            "Checklist",
            "Wisconsin DOJ/DPI SRO best practices (wi-doj-dpi-2024), version 2024.1",
        ),
    ]));
    doc.push(Block::Note(Note {
        tone: Tone::Caution,
        text: "DRAFT: 9 of 29 items are unanswered. Answer them before the board meeting.".into(),
    }));
    doc.push(Block::PageBreak);
    doc.heading(1, "Summary", Some("summary"));
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![Span::strong(
            "Example Area School District scores 72.4% (Developing): 21 earned of 29 possible weight.",
        )],
        tone: Tone::Normal,
        lead: true,
    }));
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![
            Span::plain("Each item earns its weight times its credit; see "),
            Span::linked("How this was scored", Link::Section("method".into())),
            Span::plain(" and the "),
            Span::linked(
                "Wisconsin DOJ guidance",
                Link::Url("https://www.doj.state.wi.us/sro-guidance".into()),
            ),
            Span::plain(". Markup stays text: <b>5 * 3</b> | a_b # [x](y) & `code`."),
        ],
        tone: Tone::Normal,
        lead: false,
    }));
    doc.push(Block::Paragraph(Paragraph::toned(
        "A very long identifier that must still fit: governance.memorandum-of-understanding-renewal-signed-by-both-parties-before-the-school-year",
        Tone::Muted,
    )));
    doc.push(Block::Chart(Chart {
        title: "Section scores".into(),
        series: vec![String::new()],
        groups: vec![
            group("Governance and the memorandum of understanding", &[(Some(82.5), "82.5% (8.3 / 10)")]),
            group("Training", &[(Some(40.0), "40.0% (4 / 10)")]),
            group("Student rights and discipline", &[(None, "n/a (0 / 0)")]),
        ],
        thresholds: vec![
            Threshold { percent: 50.0, label: "Developing".into() },
            Threshold { percent: 75.0, label: "Proficient".into() },
        ],
        alt: "Score of each section: Governance and the memorandum of understanding 82.5% (8.3 / 10); Training 40.0% (4 / 10); Student rights and discipline n/a (0 / 0).".into(),
    }));
    doc.heading(2, "Gaps in priority order (2)", Some("gaps"));
    doc.push(Block::Table(Table {
        caption: "Gaps, most urgent first".into(),
        columns: vec![
            Column {
                title: "#".into(),
                share: 0.06,
                align: super::document::Align::Right,
            },
            Column::new("Priority", 0.12),
            Column::new("Item", 0.34),
            Column::new("Status", 0.14),
            Column::new("Next step", 0.34),
        ],
        rows: vec![
            vec![
                Cell::plain("1"),
                Cell {
                    strong: true,
                    tone: Tone::Bad,
                    ..Cell::plain("Critical")
                },
                Cell {
                    detail: Some(
                        "governance.mou-signed-by-superintendent-and-chief \u{00B7} Statute".into(),
                    ),
                    ..Cell::plain("MOU signed | dated")
                },
                Cell {
                    tone: Tone::Bad,
                    ..Cell::plain("Not in place")
                },
                Cell::plain("Sign the MOU.\nFile it with the *board* clerk_office."),
            ],
            vec![
                Cell::plain("2"),
                Cell::plain("High"),
                Cell {
                    link: Some(Link::Section("summary".into())),
                    ..Cell::plain("# Training hours")
                },
                Cell {
                    tone: Tone::Caution,
                    ..Cell::plain("Partial")
                },
                Cell {
                    tone: Tone::Good,
                    ..Cell::plain("Schedule 40 hours of training in adolescent development.")
                },
            ],
        ],
    }));
    doc.heading(3, "Critical items", None);
    doc.push(Block::List(List {
        ordered: false,
        items: vec![
            Paragraph::plain("MOU signed (governance.mou-signed)"),
            Paragraph::toned("Data sharing limits written down", Tone::Bad),
        ],
    }));
    doc.push(Block::List(List {
        ordered: true,
        items: vec![
            Paragraph::plain("Sign the MOU."),
            Paragraph::plain("Train the officer."),
        ],
    }));
    doc.push(Block::Note(Note {
        tone: Tone::Bad,
        text: "Internal note (CONFIDENTIAL): talk to the family of a student before the meeting."
            .into(),
    }));
    doc.push(Block::PageBreak);
    doc.heading(1, "How this was scored", Some("method"));
    doc.paragraph("Score = sum(weight \u{00D7} credit) / sum(weight) \u{00D7} 100.");
    doc.push(Block::Chart(Chart {
        title: "Section scores by option".into(),
        series: vec!["Spring 2025".into(), "Spring 2026".into()],
        groups: vec![
            group("Governance", &[(Some(60.0), "60.0%"), (Some(82.5), "82.5%")]),
            group("Training", &[(Some(55.0), "55.0%"), (Some(40.0), "40.0%")]),
        ],
        thresholds: vec![Threshold { percent: 50.0, label: "Developing".into() }],
        alt: "Governance: Spring 2025 60.0%, Spring 2026 82.5%. Training: Spring 2025 55.0%, Spring 2026 40.0%.".into(),
    }));
    doc.push(Block::Table(Table {
        caption: "A wide table".into(),
        columns: (1..=9)
            .map(|n| Column {
                title: format!("Column {n}"),
                share: 1.0 / 9.0,
                align: super::document::Align::Right,
            })
            .collect(),
        rows: vec![
            (1..=9)
                .map(|n| Cell::plain(format!("{}", n * 1111)))
                .collect(),
        ],
    }));
    doc
}

fn kv(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: value.into(),
    }
}

fn group(label: &str, bars: &[(Option<f64>, &str)]) -> BarGroup {
    BarGroup {
        label: label.into(),
        bars: bars
            .iter()
            .map(|&(percent, value)| Bar {
                percent,
                value: value.into(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_and_inside_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
        assert!(
            wrap("日本語のテキスト", 5)
                .iter()
                .all(|l| display_width(l) <= 5)
        );
    }

    #[test]
    fn anchors_keep_given_ids_and_make_unique_ones() {
        let mut doc = Document::new("t");
        doc.heading(1, "Gaps", Some("gaps"));
        doc.heading(2, "Gaps", None);
        doc.heading(2, "Gaps", None);
        doc.heading(2, "?!", None);
        let anchors = anchors(&doc);
        assert_eq!(anchors[&0], "gaps");
        assert_eq!(anchors[&1], "gaps-2");
        assert_eq!(anchors[&2], "gaps-3");
        assert_eq!(anchors[&3], "section");
    }

    #[test]
    fn csv_and_json_are_not_media() {
        let doc = sample_document();
        for format in [Format::Csv, Format::Json] {
            let err = draw(&doc, format, &RenderOptions::default()).unwrap_err();
            assert!(matches!(err, Error::FormatNotAvailable { .. }), "{err}");
            assert!(err.to_string().contains("use table, markdown, html or pdf"));
        }
    }

    #[test]
    fn the_sample_holds_every_block_kind() {
        let doc = sample_document();
        let kinds: BTreeSet<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Title(_) => "title",
                Block::Heading(_) => "heading",
                Block::Paragraph(_) => "paragraph",
                Block::KeyValues(_) => "key-values",
                Block::Table(_) => "table",
                Block::Chart(_) => "chart",
                Block::List(_) => "list",
                Block::Note(_) => "note",
                Block::PageBreak => "page-break",
            })
            .collect();
        assert_eq!(kinds.len(), 9, "{kinds:?}");
    }
}
