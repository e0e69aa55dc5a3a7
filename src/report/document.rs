//! A format-neutral document: what a report says, stated once per subject from the score
//! model, and drawn by one backend per medium (terminal, Markdown, HTML, PDF).
//!
//! A document holds finished words and figures: its builders take every sentence and number
//! from the score model and [`super::view`], and backends only choose how each block looks.
//! Nothing here knows about pages, points, colors or escaping.

/// One subject (an assessment report, a comparison, a summary, a worksheet, the checklist
/// listing), ready to draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The title a viewer shows (PDF title, HTML `<title>`), e.g. "Gap report: Example Area
    /// School District".
    pub title: String,
    /// The document's language tag (`en-US`).
    pub language: &'static str,
    /// Who the document is about or by (PDF author).
    pub author: Option<String>,
    /// What it is about (PDF subject).
    pub subject: Option<String>,
    /// The date the document is as of (`YYYY-MM-DD`), for metadata; never the clock.
    pub date: Option<(u16, u8, u8)>,
    /// The report carries internal notes: every page and the top say CONFIDENTIAL.
    pub confidential: bool,
    /// Small print every page repeats beside the page number (empty for none).
    pub running_footer: String,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's own title block (a cover in print, the page header on screen).
    Title(Title),
    /// A section heading.
    Heading(Heading),
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// Label and value pairs (a definition list).
    KeyValues(Vec<KeyValue>),
    /// A table with a header row.
    Table(Table),
    /// A bar chart, with the text that states its figures.
    Chart(Chart),
    /// A bulleted or numbered list.
    List(List),
    /// A call-out set apart from the text (a draft, a confidential or a caution notice).
    Note(Note),
    /// Start a new page here in print (ignored on screen).
    PageBreak,
}

/// The title block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Title {
    /// A small line above the title ("SCHOOL RESOURCE OFFICER PROGRAM").
    pub kicker: Option<String>,
    /// The title ("Gap report").
    pub title: String,
    /// The line under it (the district).
    pub subtitle: Option<String>,
}

/// A heading: level 1 is a chapter, 2 a section, 3 a subsection.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1, 2 or 3; a document never skips a level going down.
    pub level: u8,
    /// The words.
    pub text: String,
    /// A stable anchor other blocks link to (`gaps`, `method`), unique in the document.
    pub id: Option<String>,
    /// In print, keep the heading and everything up to the next heading of its level or
    /// above on one page when they fit on one (an agenda item with its room for the decision).
    pub keep_together: bool,
}

/// How a run of text or a block stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Ordinary text.
    #[default]
    Normal,
    /// Secondary text (explanations, small print).
    Muted,
    /// Good news (in place, improved).
    Good,
    /// A caution (partial, thin evidence, a draft).
    Caution,
    /// Bad news (missing, regressed, confidential).
    Bad,
}

/// A run of text with one look, optionally a link.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// Where a click goes.
    pub link: Option<Link>,
}

/// The target of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A web address.
    Url(String),
    /// A heading of the same document, by its id.
    Section(String),
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// Its runs, in order.
    pub spans: Vec<Span>,
    /// How the whole paragraph stands out.
    pub tone: Tone,
    /// A lead paragraph: the one sentence a reader must not miss (set larger or bold).
    pub lead: bool,
}

/// One label and its value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyValue {
    /// The label ("Date").
    pub key: String,
    /// The value.
    pub value: String,
}

impl Block {
    fn for_each_text_mut(&mut self, f: &mut impl FnMut(&mut String)) {
        let link = |link: &mut Option<Link>, f: &mut dyn FnMut(&mut String)| match link {
            Some(Link::Url(text) | Link::Section(text)) => f(text),
            None => {}
        };
        let paragraph = |p: &mut Paragraph, f: &mut dyn FnMut(&mut String)| {
            for span in &mut p.spans {
                f(&mut span.text);
                link(&mut span.link, f);
            }
        };
        match self {
            Block::Title(title) => {
                title.kicker.iter_mut().for_each(&mut *f);
                f(&mut title.title);
                title.subtitle.iter_mut().for_each(&mut *f);
            }
            Block::Heading(heading) => {
                f(&mut heading.text);
                heading.id.iter_mut().for_each(&mut *f);
            }
            Block::Paragraph(p) => paragraph(p, f),
            Block::KeyValues(pairs) => {
                for pair in pairs {
                    f(&mut pair.key);
                    f(&mut pair.value);
                }
            }
            Block::Table(table) => {
                f(&mut table.caption);
                for column in &mut table.columns {
                    f(&mut column.title);
                }
                for cell in table.rows.iter_mut().flatten() {
                    f(&mut cell.text);
                    cell.detail.iter_mut().for_each(&mut *f);
                    link(&mut cell.link, f);
                }
            }
            Block::Chart(chart) => {
                f(&mut chart.title);
                chart.series.iter_mut().for_each(&mut *f);
                for group in &mut chart.groups {
                    f(&mut group.label);
                    for bar in &mut group.bars {
                        f(&mut bar.value);
                    }
                }
                for threshold in &mut chart.thresholds {
                    f(&mut threshold.label);
                }
                f(&mut chart.alt);
            }
            Block::List(list) => {
                for item in &mut list.items {
                    paragraph(item, f);
                }
            }
            Block::Note(note) => f(&mut note.text),
            Block::PageBreak => {}
        }
    }
}

impl Block {
    /// Labelled values, in the order given.
    pub fn key_values<K: Into<String>>(pairs: impl IntoIterator<Item = (K, String)>) -> Self {
        Block::KeyValues(
            pairs
                .into_iter()
                .map(|(key, value)| KeyValue {
                    key: key.into(),
                    value,
                })
                .collect(),
        )
    }
}

/// Which way a column's text lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Text.
    #[default]
    Left,
    /// Figures.
    Right,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its header.
    pub title: String,
    /// Its share of the width in print (the shares of a table add up to 1).
    pub share: f32,
    /// How its cells line up.
    pub align: Align,
}

/// A table cell: a main text and an optional smaller line under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The main text (may hold line breaks).
    pub text: String,
    /// A second, smaller line (an item's id and basis).
    pub detail: Option<String>,
    /// How the cell stands out.
    pub tone: Tone,
    /// Bold.
    pub strong: bool,
    /// Where a click on the text goes.
    pub link: Option<Link>,
}

/// A table: one header row, then body rows; the first column names each row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the table holds, for a screen reader and as a caption.
    pub caption: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The body rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// A horizontal bar chart of percentages: one group per label, one bar per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What it shows.
    pub title: String,
    /// The names of the series (one per option in a comparison; one empty name otherwise).
    pub series: Vec<String>,
    /// One group of bars per label.
    pub groups: Vec<BarGroup>,
    /// Marks across the scale (the band thresholds), in percent.
    pub thresholds: Vec<Threshold>,
    /// The chart's figures in words, for a screen reader and for readers of a gray copy.
    pub alt: String,
}

/// One label's bars.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// The label (a section title).
    pub label: String,
    /// One bar per series, in series order.
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Its length in percent, or `None` when nothing could be scored.
    pub percent: Option<f64>,
    /// The figure printed beside it ("72.4% (21 / 29)").
    pub value: String,
}

/// A mark across a chart's scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// Where, in percent.
    pub percent: f64,
    /// Its name (a band).
    pub label: String,
}

/// A list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct List {
    /// Numbered rather than bulleted.
    pub ordered: bool,
    /// The entries.
    pub items: Vec<Paragraph>,
}

/// A call-out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    /// Caution for a draft or thin evidence, Bad for confidential.
    pub tone: Tone,
    /// The words.
    pub text: String,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Bold text.
    pub fn strong(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            strong: true,
            link: None,
        }
    }

    /// Text that links somewhere.
    pub fn linked(text: impl Into<String>, link: Link) -> Self {
        Self {
            text: text.into(),
            strong: false,
            link: Some(link),
        }
    }
}

impl Paragraph {
    /// A plain paragraph of one run.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            spans: vec![Span::plain(text)],
            ..Self::default()
        }
    }

    /// A paragraph of one run in a tone.
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Self {
            spans: vec![Span::plain(text)],
            tone,
            lead: false,
        }
    }

    /// The paragraph's words without their looks.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

impl Cell {
    /// A cell of plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

impl Column {
    /// A left-aligned column.
    pub fn new(title: impl Into<String>, share: f32) -> Self {
        Self {
            title: title.into(),
            share,
            align: Align::Left,
        }
    }
}

impl Document {
    /// An empty document with a title, in US English.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            language: "en-US",
            ..Self::default()
        }
    }

    /// Every text the document holds, for a medium that must change each the same way.
    pub fn for_each_text_mut(&mut self, f: &mut impl FnMut(&mut String)) {
        f(&mut self.title);
        self.author.iter_mut().for_each(&mut *f);
        self.subject.iter_mut().for_each(&mut *f);
        f(&mut self.running_footer);
        for block in &mut self.blocks {
            block.for_each_text_mut(f);
        }
    }

    /// Writes every control character that could act on a terminal (an escape sequence that
    /// clears the screen, sets the window title, erases lines) visibly, as `\e` or `U+0007`:
    /// a document drawn as text shows what the file says and nothing acts.
    pub fn show_controls_visibly(&mut self) {
        self.for_each_text_mut(&mut |text| {
            if let std::borrow::Cow::Owned(shown) = crate::text::visible(text) {
                *text = shown;
            }
        });
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Appends a heading.
    pub fn heading(&mut self, level: u8, text: impl Into<String>, id: Option<&str>) {
        self.push(Block::Heading(Heading {
            level,
            text: text.into(),
            id: id.map(str::to_string),
            keep_together: false,
        }));
    }

    /// Appends a plain paragraph.
    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.push(Block::Paragraph(Paragraph::plain(text)));
    }

    /// Every word of the document in reading order, one block per line, for tests that check
    /// each medium states the same figures.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => {
                    for line in [t.kicker.as_deref(), Some(&t.title), t.subtitle.as_deref()]
                        .into_iter()
                        .flatten()
                    {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                Block::Heading(h) => out.push_str(&h.text),
                Block::Paragraph(p) => out.push_str(&p.text()),
                Block::KeyValues(pairs) => {
                    for kv in pairs {
                        out.push_str(&format!("{}: {}\n", kv.key, kv.value));
                    }
                }
                Block::Table(t) => {
                    out.push_str(&t.caption);
                    for row in &t.rows {
                        out.push('\n');
                        let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                        out.push_str(&cells.join(" | "));
                    }
                }
                Block::Chart(c) => out.push_str(&c.alt),
                Block::List(l) => {
                    for item in &l.items {
                        out.push_str(&item.text());
                        out.push('\n');
                    }
                }
                Block::Note(n) => out.push_str(&n.text),
                Block::PageBreak => {}
            }
            out.push('\n');
        }
        out
    }
}

/// Where the section under the heading at `blocks[index]` ends: the index of the next heading
/// of its level or above, title or page break, or the end of the blocks; `index + 1` when the
/// block there is not a heading.
pub fn section_end(blocks: &[Block], index: usize) -> usize {
    let Some(Block::Heading(heading)) = blocks.get(index) else {
        return index + 1;
    };
    blocks[index + 1..]
        .iter()
        .position(|b| match b {
            Block::Heading(h) => h.level <= heading.level,
            Block::Title(_) | Block::PageBreak => true,
            _ => false,
        })
        .map_or(blocks.len(), |n| index + 1 + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_reading_order_and_every_figure() {
        let mut doc = Document::new("Gap report");
        doc.heading(1, "Summary", Some("summary"));
        doc.paragraph("72.4% (Developing)");
        doc.push(Block::Table(Table {
            caption: "Gaps".into(),
            columns: vec![Column::new("Item", 0.5), Column::new("Status", 0.5)],
            rows: vec![vec![Cell::plain("MOU signed"), Cell::plain("Not met")]],
        }));
        let text = doc.plain_text();
        assert_eq!(
            text,
            "Summary\n72.4% (Developing)\nGaps\nMOU signed | Not met\n"
        );
        assert_eq!(doc.language, "en-US");
    }
}
