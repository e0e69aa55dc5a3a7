//! The Word medium: a .docx a district can edit before it shares it, drawn with docx-rs.
//!
//! Headings use Word's built-in Heading 1-3 styles (so the navigation pane and a table of
//! contents find them), tables are real tables whose header row repeats on every page, lists
//! are numbered by Word, links are clickable (a section link goes to a bookmark on its
//! heading), a chart is a picture with its figures as its description and, under it, the same
//! figures as a table. CONFIDENTIAL is in every page's header; the running footer (the DRAFT
//! line) and "Page N of M" in every footer.
//!
//! docx-rs writes no repeated header row, no picture description and no language: those are
//! added to the parts it built, before they are zipped (see `finish`).

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, Hyperlink, HyperlinkType,
    IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumPages, NumberFormat, Numbering,
    NumberingId, PageMargin, PageNum, Pic, Run, RunFonts, Shading, SpecialIndentType, Start, Style,
    StyleType, TableCell, TableRow, WidthType,
};

use super::chart_png;
use super::{
    CONFIDENTIAL_NOTICE, anchors, chart_alt, has_legend, is_safe_link, or_else, series_name,
    thresholds_line,
};
use crate::error::{Error, Result};
use crate::report::document::{
    Align, Block, Cell, Chart, Document, Heading, KeyValue, Link, List, Note, Paragraph, Span,
    Table, Title, Tone, section_end,
};
use crate::report::{Paper, RenderOptions, Rendered};

const INK: &str = "1C1C21";
const MUTED: &str = "61636B";
const NAVY: &str = "1A3866";
const GREEN: &str = "1A7338";
const AMBER: &str = "A86600";
const RED: &str = "B31A1A";
const LINK: &str = "1F4E9A";
const HEADER_FILL: &str = "E1E8F2";

/// Twentieths of a point per inch.
const TWIPS_PER_INCH: u32 = 1440;
/// English Metric Units per inch (picture sizes).
const EMU_PER_INCH: u32 = 914_400;
/// Three-quarter-inch margins all round, as the PDF has.
const MARGIN: u32 = TWIPS_PER_INCH * 3 / 4;

/// The numbering of bulleted lists (docx-rs writes a numbering 1 of its own). Each numbered
/// list has its own, from `FIRST_NUMBERED` up, so that each starts at 1 in Word and
/// LibreOffice alike.
const BULLETS: usize = 2;
const FIRST_NUMBERED: usize = 100;

/// The page in twips (width, height) for the paper asked for.
fn page_size(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::Letter => (12_240, 15_840),
        Paper::A4 => (11_906, 16_838),
    }
}

/// Draws `document` as a Word document.
pub fn draw(document: &Document, options: &RenderOptions) -> Result<Rendered> {
    let (width, height) = page_size(options.paper);
    let text_width = width - 2 * MARGIN;
    let mut w = Writer {
        docx: styled(Docx::new()),
        anchors: bookmarks(document),
        numbering: FIRST_NUMBERED,
        bookmark: 0,
        pictures: Vec::new(),
        text_width,
        after_table: false,
    };
    w.docx = w
        .docx
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(MARGIN as i32)
                .bottom(MARGIN as i32)
                .left(MARGIN as i32)
                .right(MARGIN as i32)
                .header(TWIPS_PER_INCH as i32 / 3)
                .footer(TWIPS_PER_INCH as i32 / 3),
        )
        .header(header(document))
        .footer(footer(document));
    if document.confidential {
        w.add(
            docx_rs::Paragraph::new()
                .add_run(run(CONFIDENTIAL_NOTICE).bold().color(RED))
                .style("Note"),
        );
    }
    let keep = kept_with_next(&document.blocks);
    let heading_anchors = anchors(document);
    for (index, block) in document.blocks.iter().enumerate() {
        w.block(block, keep[index], heading_anchors.get(&index));
    }
    finish(w, document)
}

/// Builds the package and writes it, with what docx-rs cannot state added to its parts.
fn finish(w: Writer, document: &Document) -> Result<Rendered> {
    let Writer { docx, pictures, .. } = w;
    let mut xml = docx.build();
    let language = if document.language.is_empty() {
        "en-US"
    } else {
        document.language
    };
    xml.styles = with_default_normal(&with_language(&xml.styles, language));
    xml.document = with_header_rows(&xml.document);
    xml.document = with_descriptions(&xml.document, &pictures);
    xml.doc_props.core = core_properties(document, language).into_bytes();
    xml.document_rels = sorted_relationships(&xml.document_rels);
    // docx-rs and this crate use different versions of the zip crate, each its own error.
    fn encode(e: impl std::fmt::Display) -> Error {
        Error::Encode {
            format: "Word",
            message: e.to_string(),
        }
    }
    let mut stored = Cursor::new(Vec::new());
    xml.pack(&mut stored).map_err(encode)?;
    deflated(&stored.into_inner())
        .map_err(encode)
        .map(Rendered::plain)
}

/// The package with every part compressed: docx-rs stores them as they are, which makes a
/// long report's file ten times the size it needs. Same parts, same order, a fixed date.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for n in 0..archive.len() {
        let mut part = archive.by_index(n)?;
        if part.is_dir() {
            continue;
        }
        out.start_file(part.name().to_string(), options)?;
        std::io::copy(&mut part, &mut out)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The relationships in one order: docx-rs collects a document's hyperlinks in a hash set, so
/// two runs would list them differently and the same report would not give the same file.
fn sorted_relationships(rels: &[u8]) -> Vec<u8> {
    const OPEN: &str = "<Relationship ";
    const CLOSE: &str = "</Relationships>";
    let text = String::from_utf8_lossy(rels);
    let (Some(start), Some(end)) = (text.find(OPEN), text.rfind(CLOSE)) else {
        return rels.to_vec();
    };
    let mut entries: Vec<&str> = text[start..end]
        .split(OPEN)
        .filter(|e| !e.is_empty())
        .collect();
    entries.sort_unstable();
    let mut out = text[..start].to_string();
    for entry in entries {
        out.push_str(OPEN);
        out.push_str(entry);
    }
    out.push_str(&text[end..]);
    out.into_bytes()
}

/// Marks docx-rs's Normal style as the default paragraph style, which Word and python-docx
/// give a paragraph without a style of its own.
fn with_default_normal(styles: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(styles)
        .replacen(
            "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">",
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">",
            1,
        )
        .into_bytes()
}

/// The document language as every run's default (Word's spelling and a screen reader's voice
/// follow it): `w:lang` closes `w:rPr` in the schema's order, so it goes last.
fn with_language(styles: &[u8], language: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    let lang = format!("<w:lang w:val=\"{}\" />", escape(language));
    let text = if let Some(at) = text.find("<w:rPrDefault><w:rPr>") {
        let end = text[at..].find("</w:rPr>").map(|n| at + n);
        match end {
            Some(end) => format!("{}{lang}{}", &text[..end], &text[end..]),
            None => text.into_owned(),
        }
    } else {
        text.replace(
            "<w:rPrDefault><w:rPr />",
            &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr>"),
        )
    };
    text.into_bytes()
}

/// Marks each table's header row as one Word repeats at the top of every page: header rows
/// are the only rows built with `cantSplit`, and a table's text is escaped, so the marker
/// cannot come from the document's words.
fn with_header_rows(document: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(document)
        .replace(
            "<w:trPr><w:cantSplit />",
            "<w:trPr><w:cantSplit /><w:tblHeader />",
        )
        .into_bytes()
}

/// Gives each picture a unique id and its chart's figures as its description (what a screen
/// reader says and Word's Alt Text pane shows); docx-rs writes `id="1" name="Figure"` for all.
fn with_descriptions(document: &[u8], descriptions: &[String]) -> Vec<u8> {
    const PLACEHOLDER: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut n = 0;
    while let Some(at) = rest.find(PLACEHOLDER) {
        out.push_str(&rest[..at]);
        let descr = descriptions.get(n).map_or("", String::as_str);
        n += 1;
        out.push_str(&format!(
            "<wp:docPr id=\"{n}\" name=\"Chart {n}\" descr=\"{}\" />",
            escape(descr)
        ));
        rest = &rest[at + PLACEHOLDER.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The package's core properties: title, author, subject, language and the document's own
/// date (never the clock, so two runs write the same file).
fn core_properties(document: &Document, language: &str) -> String {
    let (y, m, d) = document.date.unwrap_or((1970, 1, 1));
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    let mut title = document.title.clone();
    if document.confidential {
        title.insert_str(0, "CONFIDENTIAL: ");
    }
    let optional = |tag: &str, value: Option<&String>| {
        value.map_or(String::new(), |v| format!("<{tag}>{}</{tag}>", escape(v)))
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>{creator}{subject}<dc:language>{language}</dc:language>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&title),
        creator = optional("dc:creator", document.author.as_ref()),
        subject = optional("dc:subject", document.subject.as_ref()),
        language = escape(language),
        date = date,
    )
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_text(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` with each character XML cannot hold (a control character, U+FFFE, U+FFFF) written
/// out visibly, as the text media print it: Word refuses a file with one.
fn xml_text(text: &str) -> String {
    let shown = crate::text::visible(text);
    shown
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c if c.is_control() && !matches!(c, '\t' | '\n') => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Word's built-in styles by their built-in names ("heading 1" is what Word shows as
/// Heading 1 and lists in its navigation pane), set in the report's colors.
fn styled(docx: Docx) -> Docx {
    let font = RunFonts::new()
        .ascii("Liberation Sans")
        .hi_ansi("Liberation Sans")
        .cs("Liberation Sans");
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color(NAVY)
            .outline_lvl(level)
            .line_spacing(
                LineSpacing::new()
                    .before(if level == 0 { 300 } else { 200 })
                    .after(80),
            )
    };
    docx.default_fonts(font)
        .default_size(19)
        .default_line_spacing(LineSpacing::new().after(100))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(56)
                .bold()
                .color(NAVY),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(32)
                .color(INK),
        )
        .add_style(heading("Heading1", "heading 1", 34, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
        .add_style(heading("Heading3", "heading 3", 21, 2))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(18)
                .bold()
                .color(NAVY)
                .line_spacing(LineSpacing::new().before(120).after(40)),
        )
        .add_style(
            Style::new("Note", StyleType::Paragraph)
                .name("Note")
                .based_on("Normal")
                .size(20)
                .bold(),
        )
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .q_format(true)
                .line_spacing(LineSpacing::new().after(40)),
        )
        .add_abstract_numbering(list_numbering(BULLETS, false))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// A one-level list: a bullet, or `1.` `2.` ...
fn list_numbering(id: usize, ordered: bool) -> AbstractNumbering {
    let (format, text) = if ordered {
        ("decimal", "%1.")
    } else {
        ("bullet", "\u{2022}")
    };
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

/// Every page's header: CONFIDENTIAL, when the report carries internal notes.
fn header(document: &Document) -> Header {
    let header = Header::new();
    if document.confidential {
        header.add_paragraph(
            docx_rs::Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run("CONFIDENTIAL").bold().color(RED).size(18)),
        )
    } else {
        header
    }
}

/// Every page's footer: the running footer (the DRAFT line) and "Page N of M".
fn footer(document: &Document) -> Footer {
    let mut footer = Footer::new();
    if !document.running_footer.is_empty() {
        footer = footer.add_paragraph(docx_rs::Paragraph::new().add_run(
            run(&document.running_footer).size(15).color(
                if document.running_footer.starts_with("DRAFT") {
                    AMBER
                } else {
                    MUTED
                },
            ),
        ));
    }
    let mut page = docx_rs::Paragraph::new().align(AlignmentType::Right);
    if document.confidential {
        page = page.add_run(run("CONFIDENTIAL \u{00B7} ").bold().color(RED).size(15));
    }
    footer.add_paragraph(
        page.add_run(run("Page ").size(15).color(MUTED))
            .add_page_num(PageNum::new())
            .add_run(run(" of ").size(15).color(MUTED))
            .add_num_pages(NumPages::new()),
    )
}

/// For each block, whether it must stay on the page of the next one: a heading with what
/// follows it, and every block of a section its heading asks to keep together, but its last.
fn kept_with_next(blocks: &[Block]) -> Vec<bool> {
    let mut keep = vec![false; blocks.len()];
    for (index, block) in blocks.iter().enumerate() {
        let Block::Heading(heading) = block else {
            continue;
        };
        keep[index] = true;
        if !heading.keep_together {
            continue;
        }
        let end = section_end(blocks, index);
        for flag in &mut keep[index..end.saturating_sub(1).max(index)] {
            *flag = true;
        }
    }
    keep
}

/// Each heading's bookmark, by its anchor: Word bookmark names are letters, digits and
/// underscores, at most 40 characters, unique.
fn bookmarks(document: &Document) -> HashMap<String, String> {
    let mut names = HashMap::new();
    let mut used = std::collections::BTreeSet::new();
    let mut anchors: Vec<(usize, String)> = anchors(document).into_iter().collect();
    anchors.sort();
    for (index, anchor) in anchors {
        let mut name: String = std::iter::once('s')
            .chain(
                anchor
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
            )
            .take(40)
            .collect();
        if used.contains(&name) {
            name = format!("s_{index}");
        }
        used.insert(name.clone());
        names.insert(anchor, name);
    }
    names
}

/// A run of text; a line break in the text is a line break in Word.
fn run(text: &str) -> Run {
    let text = xml_text(text);
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// A table cell's paragraph spacing: a little room above and below the words.
fn tight() -> LineSpacing {
    LineSpacing::new().before(20).after(20)
}

fn tone_color(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Normal => None,
        Tone::Muted => Some(MUTED),
        Tone::Good => Some(GREEN),
        Tone::Caution => Some(AMBER),
        Tone::Bad => Some(RED),
    }
}

fn toned(run: Run, tone: Tone) -> Run {
    match tone_color(tone) {
        Some(color) => run.color(color),
        None => run,
    }
}

struct Writer {
    docx: Docx,
    /// Each heading anchor's bookmark name.
    anchors: HashMap<String, String>,
    /// The next numbered list's numbering.
    numbering: usize,
    /// The last bookmark id given.
    bookmark: usize,
    /// Each picture's description, in document order.
    pictures: Vec<String>,
    /// The width between the margins, in twips.
    text_width: u32,
    /// The last block added was a table.
    after_table: bool,
}

impl Writer {
    fn add(&mut self, mut p: docx_rs::Paragraph) {
        // Word sets a paragraph right under a table's last rule: give it room.
        if std::mem::take(&mut self.after_table) {
            p = p.line_spacing(LineSpacing::new().before(120).after(100));
        }
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn add_table(&mut self, t: docx_rs::Table) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(t);
        self.after_table = true;
    }

    fn block(&mut self, block: &Block, keep: bool, anchor: Option<&String>) {
        match block {
            Block::Title(t) => self.title(t),
            Block::Heading(h) => self.heading(h, anchor),
            Block::Paragraph(p) => {
                let para = self.paragraph(p).keep_next(keep);
                self.add(para);
            }
            Block::KeyValues(pairs) => self.key_values(pairs, keep),
            Block::Table(t) => self.table(t, keep),
            Block::Chart(c) => self.chart(c, keep),
            Block::List(l) => self.list(l, keep),
            Block::Note(n) => self.note(n, keep),
            Block::PageBreak => {
                self.add(docx_rs::Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
            }
        }
    }

    fn title(&mut self, title: &Title) {
        if let Some(kicker) = &title.kicker {
            self.add(docx_rs::Paragraph::new().add_run(run(kicker).bold().color(MUTED).size(20)));
        }
        self.add(
            docx_rs::Paragraph::new()
                .style("Title")
                .add_run(run(&title.title)),
        );
        if let Some(subtitle) = &title.subtitle {
            self.add(
                docx_rs::Paragraph::new()
                    .style("Subtitle")
                    .add_run(run(subtitle)),
            );
        }
    }

    fn heading(&mut self, heading: &Heading, anchor: Option<&String>) {
        let style = match heading.level {
            0 | 1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        let mut p = docx_rs::Paragraph::new().style(style).keep_next(true);
        let bookmark = anchor.and_then(|a| self.anchors.get(a)).cloned();
        self.bookmark += 1;
        let id = self.bookmark;
        if let Some(name) = &bookmark {
            p = p.add_bookmark_start(id, name);
        }
        p = p.add_run(run(&heading.text));
        if bookmark.is_some() {
            p = p.add_bookmark_end(id);
        }
        self.add(p);
    }

    /// Where a click goes in Word: only links any medium may make clickable, and a section
    /// only when the document has its heading.
    fn hyperlink(&self, link: Option<&Link>) -> Option<Hyperlink> {
        match link.filter(|l| is_safe_link(l))? {
            Link::Url(url) => Some(Hyperlink::new(url.trim(), HyperlinkType::External)),
            Link::Section(id) => self
                .anchors
                .get(id)
                .map(|name| Hyperlink::new(name, HyperlinkType::Anchor)),
        }
    }

    fn spans(&self, mut p: docx_rs::Paragraph, spans: &[Span], tone: Tone) -> docx_rs::Paragraph {
        for span in spans {
            let mut r = toned(run(&span.text), tone);
            if span.strong {
                r = r.bold();
            }
            match self.hyperlink(span.link.as_ref()) {
                Some(link) => {
                    p = p.add_hyperlink(link.add_run(r.color(LINK).underline("single")));
                }
                None => p = p.add_run(r),
            }
        }
        p
    }

    fn paragraph(&self, p: &Paragraph) -> docx_rs::Paragraph {
        let mut para = self.spans(docx_rs::Paragraph::new(), &p.spans, p.tone);
        if p.lead {
            para = para.size(23).bold();
        }
        para
    }

    fn key_values(&mut self, pairs: &[KeyValue], keep: bool) {
        for (i, kv) in pairs.iter().enumerate() {
            let p = docx_rs::Paragraph::new()
                .add_run(run(&format!("{}: ", kv.key)).bold().color(MUTED))
                .add_run(run(&kv.value))
                .keep_next(keep || i + 1 < pairs.len());
            self.add(p);
        }
    }

    fn caption(&mut self, text: &str) {
        self.add(
            docx_rs::Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(run(text)),
        );
    }

    /// A table under its caption; its header row repeats on every page and never splits.
    fn table(&mut self, table: &Table, keep: bool) {
        self.caption(&table.caption);
        let total: f32 = table.columns.iter().map(|c| c.share.max(0.01)).sum();
        let widths: Vec<usize> = table
            .columns
            .iter()
            .map(|c| (self.text_width as f32 * c.share.max(0.01) / total.max(0.01)) as usize)
            .collect();
        let align = |a: Align| match a {
            Align::Left => AlignmentType::Left,
            Align::Right => AlignmentType::Right,
        };
        let header = TableRow::new(
            table
                .columns
                .iter()
                .zip(&widths)
                .map(|(column, &width)| {
                    TableCell::new()
                        .width(width, WidthType::Dxa)
                        .shading(Shading::new().fill(HEADER_FILL))
                        .add_paragraph(
                            docx_rs::Paragraph::new()
                                .align(align(column.align))
                                .keep_next(true)
                                .line_spacing(tight())
                                .add_run(run(&column.title).bold().color(NAVY).size(17)),
                        )
                })
                .collect(),
        )
        .cant_split();
        let mut rows = vec![header];
        let last = table.rows.len().saturating_sub(1);
        for (n, row) in table.rows.iter().enumerate() {
            let cells = table
                .columns
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (column, &width))| {
                    let empty = Cell::default();
                    let cell = row.get(i).unwrap_or(&empty);
                    self.cell(cell, align(column.align), width, keep && n == last)
                })
                .collect();
            rows.push(TableRow::new(cells));
        }
        if table.columns.is_empty() {
            // A table needs a column to be a table at all: say there is nothing to show.
            self.add(docx_rs::Paragraph::new().add_run(toned(run("(empty table)"), Tone::Muted)));
            return;
        }
        let t = docx_rs::Table::new(rows)
            .set_grid(widths)
            .width(self.text_width as usize, WidthType::Dxa);
        self.add_table(t);
    }

    fn cell(&self, cell: &Cell, align: AlignmentType, width: usize, keep: bool) -> TableCell {
        let mut r = toned(run(&cell.text), cell.tone).size(17);
        if cell.strong {
            r = r.bold();
        }
        let mut p = docx_rs::Paragraph::new()
            .align(align)
            .keep_next(keep)
            .line_spacing(tight());
        p = match self.hyperlink(cell.link.as_ref()) {
            Some(link) => p.add_hyperlink(link.add_run(r.color(LINK).underline("single"))),
            None => p.add_run(r),
        };
        let mut c = TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(p);
        if let Some(detail) = &cell.detail {
            c = c.add_paragraph(
                docx_rs::Paragraph::new()
                    .align(align)
                    .line_spacing(tight())
                    .add_run(run(detail).size(14).color(MUTED)),
            );
        }
        c
    }

    /// A chart: its title, the bars as a picture whose description is the figures in words,
    /// then the figures themselves as a table (the picture has no words of its own) and the
    /// marks in words.
    fn chart(&mut self, chart: &Chart, keep: bool) {
        self.caption(&or_else(&chart.title, || "Chart".to_string()));
        let picture = chart_png::draw(chart);
        let width_emu = self.text_width / 20 * (EMU_PER_INCH / 72);
        let height_emu =
            (f64::from(width_emu) * f64::from(picture.height) / f64::from(picture.width)) as u32;
        self.pictures.push(chart_alt(chart));
        let id = format!("rIdChart{}", self.pictures.len());
        let pic = Pic::new_with_dimensions(picture.png, picture.width, picture.height)
            .id(id)
            .size(width_emu, height_emu);
        self.add(
            docx_rs::Paragraph::new()
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        );
        let series = chart
            .groups
            .iter()
            .map(|g| g.bars.len())
            .max()
            .unwrap_or(0)
            .max(chart.series.len())
            .max(1);
        let label_share = 0.5;
        let mut columns = vec![crate::report::document::Column::new("", label_share)];
        for i in 0..series {
            let title = if series == 1 {
                "Figure".to_string()
            } else {
                series_name(chart, i)
            };
            columns.push(crate::report::document::Column {
                title,
                share: (1.0 - label_share) / series as f32,
                align: Align::Right,
            });
        }
        let rows = chart
            .groups
            .iter()
            .map(|group| {
                std::iter::once(Cell::plain(&group.label))
                    .chain(group.bars.iter().map(|b| Cell::plain(&b.value)))
                    .collect()
            })
            .collect();
        let figures = Table {
            caption: format!(
                "{}: the figures of the chart, top to bottom",
                or_else(&chart.title, || "Chart".to_string())
            ),
            columns,
            rows,
        };
        let legend = has_legend(chart).then(|| {
            let names: Vec<String> = (0..chart.series.len())
                .map(|i| format!("{} ({})", series_name(chart, i), chart_png::color_name(i)))
                .collect();
            format!(
                "In each group the bars are, top to bottom: {}.",
                names.join(", ")
            )
        });
        let marks = (!chart.thresholds.is_empty()).then(|| {
            format!(
                "Vertical lines mark {}.",
                thresholds_line(&chart.thresholds)
            )
        });
        self.table(&figures, keep || legend.is_some() || marks.is_some());
        let notes: Vec<String> = legend.into_iter().chain(marks).collect();
        let last = notes.len().saturating_sub(1);
        for (i, text) in notes.iter().enumerate() {
            self.add(
                docx_rs::Paragraph::new()
                    .keep_next(keep || i < last)
                    .add_run(run(text).size(16).color(MUTED)),
            );
        }
    }

    fn list(&mut self, list: &List, keep: bool) {
        let num = if list.ordered {
            self.numbering += 1;
            let id = self.numbering;
            let docx = std::mem::take(&mut self.docx);
            self.docx = docx
                .add_abstract_numbering(list_numbering(id, true))
                .add_numbering(Numbering::new(id, id));
            id
        } else {
            BULLETS
        };
        let last = list.items.len().saturating_sub(1);
        for (i, item) in list.items.iter().enumerate() {
            let p = self
                .spans(
                    docx_rs::Paragraph::new().style("ListParagraph"),
                    &item.spans,
                    item.tone,
                )
                .numbering(NumberingId::new(num), IndentLevel::new(0))
                .keep_next(keep || i < last);
            self.add(p);
        }
    }

    fn note(&mut self, note: &Note, keep: bool) {
        let color = tone_color(note.tone).unwrap_or(INK);
        let p = docx_rs::Paragraph::new()
            .style("Note")
            .keep_next(keep)
            .add_run(run(&note.text).bold().color(color));
        self.add(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::medium::sample_document;
    use std::io::Read;

    /// The named part of a .docx, as text.
    pub(crate) fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut file = zip.by_name(name).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        text
    }

    fn sample(paper: Paper) -> Vec<u8> {
        let options = RenderOptions {
            paper,
            ..RenderOptions::default()
        };
        draw(&sample_document(), &options).unwrap().bytes
    }

    #[test]
    fn headings_use_words_built_in_styles() {
        let bytes = sample(Paper::Letter);
        let document = part(&bytes, "word/document.xml");
        for style in ["Heading1", "Heading2", "Heading3", "Title", "Caption"] {
            assert!(
                document.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
                "{style}"
            );
        }
        let styles = part(&bytes, "word/styles.xml");
        for name in ["heading 1", "heading 2", "heading 3"] {
            assert!(
                styles.contains(&format!("<w:name w:val=\"{name}\" />")),
                "{name}"
            );
        }
        assert!(styles.contains("<w:outlineLvl w:val=\"0\" />"), "{styles}");
    }

    #[test]
    fn tables_repeat_their_header_row_and_charts_describe_themselves() {
        let document = part(&sample(Paper::Letter), "word/document.xml");
        // Two tables and the figures of two charts, each with one header row.
        assert_eq!(document.matches("<w:tblHeader />").count(), 4);
        assert_eq!(document.matches("<w:tbl>").count(), 4);
        assert!(
            document.contains("descr=\"Score of each section: Governance and the memorandum"),
            "{document}"
        );
        assert!(document.contains("<wp:docPr id=\"2\" name=\"Chart 2\""));
        assert!(document.contains(
            "In each group the bars are, top to bottom: Spring 2025 (blue), Spring 2026 (orange)."
        ));
        assert!(document.contains("Vertical lines mark 50% Developing, 75% Proficient."));
        assert!(!document.contains("name=\"Figure\""));
    }

    #[test]
    fn links_lists_marks_paper_and_language() {
        let bytes = sample(Paper::A4);
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("w:anchor=\"smethod\""), "{document}");
        assert!(document.contains("<w:bookmarkStart w:id="), "{document}");
        assert!(document.contains("w:name=\"smethod\""), "{document}");
        assert!(document.contains("<w:numId w:val=\"2\" />"), "bullets");
        assert!(
            document.contains("<w:numId w:val=\"101\" />"),
            "a numbered list"
        );
        let numbering = part(&bytes, "word/numbering.xml");
        assert!(numbering.contains("<w:abstractNum w:abstractNumId=\"101\">"));
        assert!(
            document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""),
            "A4"
        );
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(
            rels.contains("https://www.doj.state.wi.us/sro-guidance"),
            "{rels}"
        );
        assert!(part(&bytes, "word/styles.xml").contains("<w:lang w:val=\"en-US\" />"));
        assert!(part(&bytes, "word/header1.xml").contains("CONFIDENTIAL"));
        let footer = part(&bytes, "word/footer1.xml");
        assert!(footer.contains("sro-assess 0.1.0") && footer.contains("PAGE"));
        let core = part(&bytes, "docProps/core.xml");
        assert!(core.contains(
            "<dc:title>CONFIDENTIAL: Gap report: Example Area School District</dc:title>"
        ));
        assert!(core.contains("2026-03-14T00:00:00Z"));
        let letter = part(&sample(Paper::Letter), "word/document.xml");
        assert!(
            letter.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\""),
            "Letter"
        );
    }

    #[test]
    fn text_is_escaped_and_controls_are_shown() {
        let mut doc = Document::new("a < b & \u{1b}[2J");
        doc.paragraph("5 < 6 & <b>bold</b> \u{7}");
        doc.push(Block::Paragraph(Paragraph {
            spans: vec![Span::linked(
                "click",
                Link::Url("javascript:alert(1)".into()),
            )],
            ..Paragraph::default()
        }));
        let bytes = draw(&doc, &RenderOptions::default()).unwrap().bytes;
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("5 &lt; 6 &amp; &lt;b&gt;bold&lt;/b&gt; U+0007"));
        assert!(!document.contains("javascript"), "{document}");
        assert!(part(&bytes, "docProps/core.xml").contains("a &lt; b &amp; \\e[2J"));
    }

    #[test]
    fn relationships_are_listed_in_one_order() {
        let rels = br#"<?xml?><Relationships x="y"><Relationship Id="rId9" Target="b" /><Relationship Id="rId1" Target="a" /></Relationships>"#;
        assert_eq!(
            String::from_utf8(sorted_relationships(rels)).unwrap(),
            r#"<?xml?><Relationships x="y"><Relationship Id="rId1" Target="a" /><Relationship Id="rId9" Target="b" /></Relationships>"#
        );
    }

    #[test]
    fn keeping_a_section_together_keeps_all_but_its_last_block_with_the_next() {
        let mut doc = Document::new("t");
        doc.push(Block::Heading(Heading {
            level: 2,
            text: "Item".into(),
            id: None,
            keep_together: true,
        }));
        doc.paragraph("one");
        doc.paragraph("two");
        doc.heading(2, "Next", None);
        doc.paragraph("three");
        assert_eq!(
            kept_with_next(&doc.blocks),
            [true, true, false, true, false]
        );
    }
}
