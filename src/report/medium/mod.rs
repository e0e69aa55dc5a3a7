//! One backend per medium (terminal, Markdown, HTML, PDF, Word), each drawing any [`Document`].
//!
//! A subject states what it says once, as a [`Document`]; the media here only decide how each
//! block looks. CSV and JSON are not media: they export the score model directly, so asking a
//! medium for them is [`Error::FormatNotAvailable`]. Helpers every medium needs (wrapping by
//! display width, list numbering, heading anchors) live here, once.

mod chart_png;
pub mod docx;
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
use super::{FORMATS, Format, Making, RenderOptions, Rendered, name_list};
use crate::error::{Error, Result};

/// The sentence every medium puts at the top of a confidential document.
pub const CONFIDENTIAL_NOTICE: &str =
    "CONFIDENTIAL: this report includes internal notes. Do not publish it.";

/// Draws `document` in `format`. CSV and JSON export the model directly, not a document.
pub fn draw(document: Document, format: Format, options: &RenderOptions) -> Result<Rendered> {
    match format {
        Format::Table => terminal::draw(&controls_shown(document), options),
        Format::Markdown => markdown::draw(&controls_shown(document), options),
        Format::Html => html::draw(&document, options),
        // PDF drops a control character, with a warning.
        Format::Pdf => pdf::draw(document, options),
        Format::Docx => docx::draw(&document, options),
        Format::Csv | Format::Json => Err(Error::FormatNotAvailable {
            subject: "a formatted report",
            format: format.name(),
            available: name_list(
                FORMATS
                    .iter()
                    .filter(|e| e.making == Making::Drawn)
                    .map(|e| e.format),
            ),
        }),
    }
}

/// The document with each control character shown as what it is, as text media print it.
fn controls_shown(mut document: Document) -> Document {
    document.show_controls_visibly();
    document
}

/// Columns `text` takes in a terminal (wide characters count two, combining marks none).
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
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

/// Whether a link may be clickable: a section of the document, or a web or mail address
/// (never `javascript:` or `data:`: a link's target can come from a checklist file).
pub(crate) fn is_safe_link(link: &Link) -> bool {
    match link {
        Link::Section(_) => true,
        Link::Url(url) => {
            let url = url.trim_start().to_ascii_lowercase();
            ["https://", "http://", "mailto:"]
                .iter()
                .any(|scheme| url.starts_with(scheme))
        }
    }
}

/// The anchor of each heading, by its index among the document's blocks: its own id, or one
/// made from its words; unique in the document (a repeat gets `-2`, `-3`; the first keeps it).
pub(crate) fn anchors(document: &Document) -> HashMap<usize, String> {
    let given: BTreeSet<&str> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(Heading { id: Some(id), .. }) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut anchors = HashMap::new();
    for (index, block) in document.blocks.iter().enumerate() {
        let Block::Heading(heading) = block else {
            continue;
        };
        let anchor = match &heading.id {
            Some(id) if !used.contains(id) => id.clone(),
            _ => {
                let base = heading.id.clone().unwrap_or_else(|| slug(&heading.text));
                let mut candidate = base.clone();
                let mut n = 2;
                while used.contains(&candidate)
                    || (heading.id.is_none() && given.contains(candidate.as_str()))
                {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                candidate
            }
        };
        used.insert(anchor.clone());
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

/// How much of a chart's full scale a percentage fills, 0 to 1; nothing for no figure or one
/// that is not a number.
pub(crate) fn scale_share(percent: Option<f64>) -> f64 {
    percent
        .filter(|p| p.is_finite())
        .map_or(0.0, |p| (p / 100.0).clamp(0.0, 1.0))
}

/// The chart's figures in words: its own text, or when it has none, each label and its figures
/// (a chart must never be a picture without words).
pub(crate) fn chart_alt(chart: &Chart) -> String {
    if !chart.alt.trim().is_empty() {
        return chart.alt.clone();
    }
    let groups: Vec<String> = chart
        .groups
        .iter()
        .map(|group| {
            let values: Vec<&str> = group.bars.iter().map(|b| b.value.as_str()).collect();
            format!("{}: {}", group.label, values.join(", "))
        })
        .collect();
    if groups.is_empty() {
        "A chart with no figures.".to_string()
    } else {
        format!("{}.", groups.join("; "))
    }
}

/// `text`, or `fallback` when it is blank (a caption or title a reader must not miss).
pub(crate) fn or_else(text: &str, fallback: impl FnOnce() -> String) -> String {
    if text.trim().is_empty() {
        fallback()
    } else {
        text.to_string()
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
    fn anchors_keep_given_ids_and_make_unique_ones() {
        let mut doc = Document::new("t");
        doc.heading(1, "Gaps", Some("gaps"));
        doc.heading(2, "Gaps", None);
        doc.heading(2, "Gaps", None);
        doc.heading(2, "?!", None);
        doc.heading(2, "Again", Some("gaps"));
        let anchors = anchors(&doc);
        assert_eq!(anchors[&4], "gaps-4", "a repeated id is made unique");
        assert_eq!(anchors[&0], "gaps");
        assert_eq!(anchors[&1], "gaps-2");
        assert_eq!(anchors[&2], "gaps-3");
        assert_eq!(anchors[&3], "section");
    }

    #[test]
    fn only_web_mail_and_section_links_are_clickable() {
        assert!(is_safe_link(&Link::Url("https://dpi.wi.gov".into())));
        assert!(is_safe_link(&Link::Url("mailto:clerk@example.org".into())));
        assert!(is_safe_link(&Link::Section("gaps".into())));
        assert!(!is_safe_link(&Link::Url("JavaScript:alert(1)".into())));
        assert!(!is_safe_link(&Link::Url(" data:text/html,x".into())));
    }

    #[test]
    fn a_chart_without_words_gets_its_figures_as_words() {
        let mut chart = match sample_document()
            .blocks
            .into_iter()
            .find(|b| matches!(b, Block::Chart(_)))
        {
            Some(Block::Chart(c)) => c,
            _ => unreachable!("the sample has a chart"),
        };
        assert!(chart_alt(&chart).starts_with("Score of each section"));
        chart.alt = " ".into();
        assert_eq!(
            chart_alt(&chart),
            "Governance and the memorandum of understanding: 82.5% (8.3 / 10); Training: 40.0% (4 / 10); Student rights and discipline: n/a (0 / 0)."
        );
        chart.groups.clear();
        assert_eq!(chart_alt(&chart), "A chart with no figures.");
    }

    #[test]
    fn csv_and_json_are_not_media() {
        let doc = sample_document();
        for format in [Format::Csv, Format::Json] {
            let err = draw(doc.clone(), format, &RenderOptions::default()).unwrap_err();
            assert!(matches!(err, Error::FormatNotAvailable { .. }), "{err}");
            assert!(
                err.to_string()
                    .contains("use table, markdown, html, pdf or docx")
            );
        }
    }

    /// Blocks at the edges of what a builder could state: empty, ragged, unbounded.
    fn odd_document() -> Document {
        let long_word = "x".repeat(300);
        let mut doc = Document::new(&long_word);
        doc.push(Block::Heading(Heading {
            level: 0,
            text: long_word.clone(),
            id: None,
            keep_together: false,
        }));
        doc.push(Block::Heading(Heading {
            level: 9,
            text: "\u{65E5}\u{672C}\u{8A9E}".repeat(40),
            id: Some("same".into()),
            keep_together: false,
        }));
        doc.push(Block::Heading(Heading {
            level: 2,
            text: String::new(),
            id: Some("same".into()),
            keep_together: false,
        }));
        doc.push(Block::Paragraph(Paragraph::default()));
        doc.push(Block::KeyValues(Vec::new()));
        doc.push(Block::KeyValues(vec![
            kv(&long_word, ""),
            kv("", &long_word),
        ]));
        doc.push(Block::List(List::default()));
        doc.push(Block::Note(Note::default()));
        doc.push(Block::Table(Table {
            caption: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
        }));
        doc.push(Block::Table(Table {
            caption: long_word.clone(),
            columns: vec![Column::new("A", 0.0), Column::new(&long_word, 0.0)],
            rows: vec![
                Vec::new(),
                vec![Cell::plain("one")],
                vec![
                    Cell::plain(&long_word),
                    Cell::plain("two"),
                    Cell::plain("extra"),
                ],
            ],
        }));
        doc.push(Block::Chart(Chart {
            title: String::new(),
            series: Vec::new(),
            groups: Vec::new(),
            thresholds: Vec::new(),
            alt: String::new(),
        }));
        doc.push(Block::Chart(Chart {
            title: long_word.clone(),
            series: vec![long_word.clone(), String::new(), "c".into()],
            groups: vec![
                group(
                    &long_word,
                    &[
                        (Some(f64::NAN), "NaN"),
                        (Some(-20.0), "-20%"),
                        (Some(150.0), &long_word),
                    ],
                ),
                group("", &[]),
            ],
            thresholds: vec![
                Threshold {
                    percent: f64::INFINITY,
                    label: long_word.clone(),
                },
                Threshold {
                    percent: -5.0,
                    label: String::new(),
                },
            ],
            alt: long_word.clone(),
        }));
        doc.push(Block::PageBreak);
        doc.push(Block::PageBreak);
        doc.push(Block::Title(Title::default()));
        doc
    }

    #[test]
    fn odd_documents_draw_in_every_medium() {
        for doc in [Document::default(), odd_document()] {
            for width in [None, Some(40), Some(20), Some(0)] {
                let options = RenderOptions {
                    width,
                    ..RenderOptions::default()
                };
                let text = draw(doc.clone(), Format::Table, &options).unwrap().bytes;
                let limit = usize::from(width.unwrap_or(100)).max(20);
                for line in String::from_utf8(text).unwrap().lines() {
                    assert!(display_width(line) <= limit, "{width:?}: {line:?}");
                }
            }
            let markdown = String::from_utf8(
                draw(doc.clone(), Format::Markdown, &RenderOptions::default())
                    .unwrap()
                    .bytes,
            )
            .unwrap();
            assert!(
                doc.blocks.is_empty() || markdown.contains("| one |   |"),
                "a short row is filled up:\n{markdown}"
            );
            let html = draw(doc.clone(), Format::Html, &RenderOptions::default())
                .unwrap()
                .bytes;
            assert!(!html.is_empty());
            let pdf = draw(doc.clone(), Format::Pdf, &RenderOptions::default())
                .unwrap()
                .bytes;
            let read = lopdf::Document::load_mem(&pdf).unwrap();
            assert!(!read.get_pages().is_empty());
            assert!(
                !String::from_utf8_lossy(&pdf).contains("NaN"),
                "no NaN reaches the PDF"
            );
            let docx = draw(doc.clone(), Format::Docx, &RenderOptions::default())
                .unwrap()
                .bytes;
            assert!(zip::ZipArchive::new(std::io::Cursor::new(docx)).is_ok());
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
