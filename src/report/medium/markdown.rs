//! The Markdown medium: headings with stable anchors, pipe tables, lists, notes as block
//! quotes, links; a chart as the table of its figures. Every text from the document is
//! escaped, so an answer holding `|`, `*` or `<b>` prints as written.

use super::{
    CONFIDENTIAL_NOTICE, anchors, has_legend, is_safe_link, list_marker, series_name,
    thresholds_line,
};
use crate::error::Result;
use crate::report::document::{
    Align, Block, Cell, Chart, Document, KeyValue, Link, List, Note, Paragraph, Span, Table, Title,
    Tone,
};
use crate::report::{RenderOptions, Rendered};

/// Draws `document` as Markdown.
pub fn draw(document: &Document, _options: &RenderOptions) -> Result<Rendered> {
    let anchors = anchors(document);
    let mut parts: Vec<String> = Vec::new();
    if document.confidential {
        parts.push(format!("> **{}**", escape(CONFIDENTIAL_NOTICE)));
    }
    for (index, block) in document.blocks.iter().enumerate() {
        let part = match block {
            Block::Title(title) => title_block(title),
            Block::Heading(heading) => {
                let marks = "#".repeat(usize::from(heading.level.clamp(1, 5)) + 1);
                let anchor = anchors.get(&index).map_or(String::new(), |id| {
                    format!("<a id=\"{}\"></a>\n", attribute(id))
                });
                format!("{anchor}{marks} {}", escape_line(&heading.text))
            }
            Block::Paragraph(paragraph) => paragraph_text(paragraph),
            Block::KeyValues(pairs) => key_values(pairs),
            Block::Table(table) => table_text(table),
            Block::Chart(chart) => chart_text(chart),
            Block::List(list) => list_text(list),
            Block::Note(note) => note_text(note),
            Block::PageBreak => continue,
        };
        parts.push(part);
    }
    if !document.running_footer.is_empty() {
        parts.push(format!("---\n\n{}", escape(&document.running_footer)));
    }
    let mut text = parts.join("\n\n");
    text.push('\n');
    Ok(Rendered::plain(text.into_bytes()))
}

/// Escapes every character Markdown or HTML inside it would read, and turns line breaks into
/// hard breaks. A line cannot start a heading, quote, list or rule.
pub(crate) fn escape(text: &str) -> String {
    escape_from(text, true)
}

/// [`escape`] for text that may stand mid-line (`at_line_start` false): its first line is left
/// as it starts, spaces included.
fn escape_from(text: &str, at_line_start: bool) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let escaped = escape_chars(line);
            if i > 0 || at_line_start {
                guard_line_start(escaped)
            } else {
                escaped
            }
        })
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// [`escape`] for text that must stay on one line (a heading, a table cell).
fn escape_line(text: &str) -> String {
    guard_line_start(escape_chars(&text.replace(['\n', '\r'], " ")))
}

/// A backslash before every character Markdown (or HTML inside it) would read.
fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A line that cannot open a heading, a list, a rule or an indented code block.
fn guard_line_start(line: String) -> String {
    let mut out = line.trim_start().to_string();
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(at) = list_number_end(&out) {
        out.insert(at, '\\');
    }
    out
}

/// Where the `.` or `)` of a leading `1. ` or `12)` is: it would start a numbered list.
fn list_number_end(text: &str) -> Option<usize> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = text[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && (after.is_empty() || after.starts_with(' '))).then_some(digits)
}

/// A value for an HTML attribute or a URL in parentheses: only characters that cannot end it.
fn attribute(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect()
}

/// A web address as a link destination: in angle brackets, with the characters that would
/// end it percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '<' | '>' | ' ' | '\n' | '\r' | '\\' => out.push_str(&format!("%{:02X}", u32::from(c))),
            _ => out.push(c),
        }
    }
    out.push('>');
    out
}

fn link_target(link: &Link) -> String {
    match link {
        Link::Url(url) => destination(url),
        Link::Section(id) => format!("#{}", attribute(id)),
    }
}

/// A run of text; `at_line_start` when it opens a paragraph or a list entry.
fn span_text(span: &Span, at_line_start: bool) -> String {
    let words = escape_from(&span.text, at_line_start);
    let words = if span.strong { strong(&words) } else { words };
    match span.link.as_ref().filter(|l| is_safe_link(l)) {
        Some(link) => format!("[{words}]({})", link_target(link)),
        None => words,
    }
}

/// `**words**`, the spaces around the words kept outside (else it would not be bold).
fn strong(words: &str) -> String {
    let inner = words.trim();
    if inner.is_empty() {
        return words.to_string();
    }
    let lead = &words[..words.len() - words.trim_start().len()];
    let trail = &words[words.trim_end().len()..];
    format!("{lead}**{inner}**{trail}")
}

fn paragraph_text(paragraph: &Paragraph) -> String {
    let text: String = paragraph
        .spans
        .iter()
        .enumerate()
        .map(|(i, span)| span_text(span, i == 0))
        .collect();
    let bold_already = paragraph.spans.iter().all(|s| s.strong);
    let stands_out = paragraph.lead || matches!(paragraph.tone, Tone::Bad | Tone::Caution);
    if stands_out && !bold_already && !text.is_empty() {
        strong(&text)
    } else if paragraph.tone == Tone::Muted && !text.is_empty() {
        format!("*{text}*")
    } else {
        text
    }
}

fn title_block(title: &Title) -> String {
    let mut lines = Vec::new();
    if let Some(kicker) = &title.kicker {
        lines.push(escape(kicker));
        lines.push(String::new());
    }
    lines.push(format!("# {}", escape_line(&title.title)));
    if let Some(subtitle) = &title.subtitle {
        lines.push(String::new());
        lines.push(strong(&escape(subtitle)));
    }
    lines.join("\n")
}

fn key_values(pairs: &[KeyValue]) -> String {
    pairs
        .iter()
        .map(|kv| format!("- {}: {}", strong(&escape_line(&kv.key)), escape(&kv.value)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A table cell on one line: line breaks as `<br>`, the detail after one in italics.
fn cell_text(cell: &Cell) -> String {
    let span = Span {
        text: cell.text.clone(),
        strong: cell.strong,
        link: cell.link.clone(),
    };
    let lines: Vec<String> = span
        .text
        .split('\n')
        .map(|line| {
            span_text(
                &Span {
                    text: line.to_string(),
                    ..span.clone()
                },
                true,
            )
        })
        .collect();
    let mut text = lines.join("<br>");
    if let Some(detail) = &cell.detail {
        let detail: Vec<String> = detail.split('\n').map(escape_line).collect();
        text.push_str(&format!("<br>*{}*", detail.join("<br>")));
    }
    if text.is_empty() { " ".into() } else { text }
}

fn pipe_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn pipe_table(caption: &str, header: &[String], aligns: &[Align], rows: &[Vec<String>]) -> String {
    // An empty caption is left out: `****` alone would draw a rule.
    let mut lines = if caption.trim().is_empty() {
        Vec::new()
    } else {
        vec![strong(&escape(caption)), String::new()]
    };
    lines.push(pipe_row(header));
    let rule: Vec<&str> = aligns
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    lines.push(format!("|{}|", rule.join("|")));
    lines.extend(rows.iter().map(|r| pipe_row(r)));
    lines.join("\n")
}

fn table_text(table: &Table) -> String {
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| escape_line(&c.title))
        .collect();
    let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            // As many cells as the header has, whatever the row holds: else the table breaks.
            let mut cells: Vec<String> = row.iter().take(header.len()).map(cell_text).collect();
            cells.resize(header.len(), " ".into());
            cells
        })
        .collect();
    pipe_table(&table.caption, &header, &aligns, &rows)
}

/// A chart as the table of its figures, one column per series, and its marks in words.
fn chart_text(chart: &Chart) -> String {
    let mut header = vec![" ".to_string()];
    if has_legend(chart) {
        header.extend((0..chart.series.len()).map(|i| escape_line(&series_name(chart, i))));
    } else {
        header.push("Score".into());
    }
    let mut aligns = vec![Align::Left];
    aligns.extend(header.iter().skip(1).map(|_| Align::Right));
    let rows: Vec<Vec<String>> = chart
        .groups
        .iter()
        .map(|group| {
            let mut row = vec![escape_line(&group.label)];
            row.extend(group.bars.iter().map(|b| escape_line(&b.value)));
            row.resize(header.len(), " ".into());
            row
        })
        .collect();
    let mut text = pipe_table(&chart.title, &header, &aligns, &rows);
    if !chart.thresholds.is_empty() {
        text.push_str(&format!(
            "\n\nMarks: {}.",
            escape(&thresholds_line(&chart.thresholds))
        ));
    }
    text
}

fn list_text(list: &List) -> String {
    list.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let marker = list_marker(list, i, "-");
            let indent = " ".repeat(marker.len() + 1);
            let text = paragraph_text(item).replace("\\\n", &format!("\\\n{indent}"));
            format!("{marker} {text}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn note_text(note: &Note) -> String {
    let text = escape(&note.text);
    let text = match note.tone {
        Tone::Bad | Tone::Caution => strong(&text),
        _ => text,
    };
    text.split('\n')
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\n")
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
    fn every_block_is_drawn() {
        let out = sample();
        for expected in [
            "> **CONFIDENTIAL: this report includes internal notes. Do not publish it.**",
            "SCHOOL RESOURCE OFFICER PROGRAM\n\n# Gap report\n\n**Example Area School District**",
            "- **Prepared by**: Jordan Rivera",
            "> **DRAFT: 9 of 29 items are unanswered.",
            "<a id=\"summary\"></a>\n## Summary",
            "<a id=\"gaps\"></a>\n### Gaps in priority order (2)",
            "<a id=\"critical-items\"></a>\n#### Critical items",
            "[How this was scored](#method)",
            "[Wisconsin DOJ guidance](<https://www.doj.state.wi.us/sro-guidance>)",
            "**Gaps, most urgent first**\n\n| \\# | Priority | Item | Status | Next step |\n|---:|---|---|---|---|",
            "- MOU signed (governance.mou-signed)",
            "1. Sign the MOU.\n2. Train the officer.",
            "| Governance and the memorandum of understanding | 82.5% (8.3 / 10) |",
            "|   | Spring 2025 | Spring 2026 |",
            "Marks: 50% Developing, 75% Proficient.",
            "---\n\nsro-assess 0.1.0",
        ] {
            assert!(out.contains(expected), "missing {expected:?} in\n{out}");
        }
    }

    #[test]
    fn table_cells_escape_pipes_breaks_and_markup() {
        let out = sample();
        assert!(
            out.contains("[How this was scored](#method) and the ["),
            "{out}"
        );
        assert!(
            out.contains(
                "| MOU signed \\| dated<br>*governance.mou-signed-by-superintendent-and-chief"
            ),
            "{out}"
        );
        assert!(
            out.contains("Sign the MOU.<br>File it with the \\*board\\* clerk\\_office."),
            "{out}"
        );
        assert!(out.contains("[\\# Training hours](#summary)"), "{out}");
        assert!(
            out.contains("\\<b\\>5 \\* 3\\</b\\> \\| a\\_b # \\[x\\](y) \\& \\`code\\`"),
            "{out}"
        );
        // Every table row has as many cells as its header: no pipe leaked from a cell.
        for line in out.lines().filter(|l| l.starts_with("| ")) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(
                cells == 6 || cells == 3 || cells == 4 || cells == 10,
                "{line}"
            );
        }
    }

    #[test]
    fn a_line_never_starts_a_heading_list_or_quote_by_accident() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("- not a bullet"), "\\- not a bullet");
        assert_eq!(escape_line("2024. not a list"), "2024\\. not a list");
        assert_eq!(escape_line("> no quote"), "\\> no quote");
        assert_eq!(escape("one\n# two"), "one\\\n\\# two");
        assert_eq!(escape_line("C# 5"), "C# 5");
        assert_eq!(escape_line("82.5%"), "82.5%");
        assert_eq!(escape_line("3."), "3\\.");
    }

    #[test]
    fn an_empty_caption_is_left_out() {
        let table = Table {
            caption: String::new(),
            columns: vec![crate::report::document::Column::new("A", 1.0)],
            rows: vec![vec![Cell::plain("x")]],
        };
        assert_eq!(table_text(&table), "| A |\n|---|\n| x |");
    }

    #[test]
    fn a_script_link_is_printed_as_words() {
        let span = Span::linked("click", Link::Url("javascript:alert(1)".into()));
        assert_eq!(span_text(&span, true), "click");
    }

    #[test]
    fn anchors_and_links_cannot_break_out() {
        assert_eq!(attribute("a\" onclick=\"x"), "aonclickx");
        assert_eq!(
            destination("https://x.org/a b>c"),
            "<https://x.org/a%20b%3Ec>"
        );
    }
}
