//! The page model: where every piece of text, fill and rule goes, computed without producing a PDF.
//!
//! Coordinates are points measured from the page's top-left corner (y grows downward), the way
//! a reader thinks about a page; `draw` flips them for PDF. Everything placed here stays inside
//! the margins: text is wrapped with the embedded font's widths, words longer than a line are
//! broken, and a block that does not fit moves to the next page (a table repeats its header
//! there).
//!
//! As it places marks the layout records what they are ([`super::tags`]): each primitive
//! opens its structure element (a heading, a paragraph, a list, a table, a figure), so every
//! PDF drawn from a layout is tagged without its caller doing anything.

use super::encode::Encoder;
use super::metrics::{ASCENT, DESCENT, Face, text_width};
use super::tags::{Kid, LinkArea, LinkTarget, Role, Tag, Tree};

/// An RGB colour, each channel 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

/// Font face, size and colour of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Rgb,
}

impl TextStyle {
    /// A style.
    pub const fn new(face: Face, size: f32, color: Rgb) -> Self {
        Self { face, size, color }
    }

    /// Height of one line of this style: the size plus leading.
    pub fn line_height(&self) -> f32 {
        self.size * 1.3
    }

    /// The same style in another colour.
    pub const fn colored(self, color: Rgb) -> Self {
        Self { color, ..self }
    }

    /// The same style, bold.
    pub const fn bold(self) -> Self {
        Self {
            face: Face::Bold,
            ..self
        }
    }
}

/// One line of text at a fixed place.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub baseline: f32,
    /// The text, already limited to characters the fonts have.
    pub text: String,
    /// How it is set.
    pub style: TextStyle,
    /// Its measured width.
    pub width: f32,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FillBox {
    /// Left edge.
    pub x: f32,
    /// Top edge, from the top of the page.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Fill colour.
    pub color: Rgb,
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start, from the top-left corner.
    pub from: (f32, f32),
    /// End.
    pub to: (f32, f32),
    /// Thickness in points.
    pub thickness: f32,
    /// Colour.
    pub color: Rgb,
}

/// Anything drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Text.
    Text(TextBox),
    /// A filled rectangle.
    Fill(FillBox),
    /// A line.
    Line(Rule),
}

/// The box a mark covers: (left, top, right, bottom), from the top-left corner.
pub type Bounds = (f32, f32, f32, f32);

impl Mark {
    /// The area the mark covers, including the ascenders and descenders of text.
    pub fn bounds(&self) -> Bounds {
        match self {
            Mark::Text(t) => (
                t.x,
                t.baseline - t.style.size * ASCENT,
                t.x + t.width,
                t.baseline + t.style.size * DESCENT,
            ),
            Mark::Fill(f) => (f.x, f.y, f.x + f.width, f.y + f.height),
            Mark::Line(l) => {
                let half = l.thickness / 2.0;
                (
                    l.from.0.min(l.to.0),
                    l.from.1.min(l.to.1) - half,
                    l.from.0.max(l.to.0),
                    l.from.1.max(l.to.1) + half,
                )
            }
        }
    }
}

/// One page's marks, in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What is drawn, back to front.
    pub marks: Vec<Mark>,
    /// For each mark, the structure element and marked-content id it belongs to (`None`: an
    /// artifact, such as the footer or a rule).
    pub tags: Vec<Tag>,
    /// The page's link areas.
    pub links: Vec<LinkArea>,
    pub(crate) next_mcid: u32,
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Margin on every side.
    pub margin: f32,
}

impl Geometry {
    /// US Letter, 8.5 x 11 in, with 0.75 in margins.
    pub const LETTER: Geometry = Geometry {
        width: 612.0,
        height: 792.0,
        margin: 54.0,
    };
    /// ISO A4, 210 x 297 mm, with the same margins.
    pub const A4: Geometry = Geometry {
        width: 595.28,
        height: 841.89,
        margin: 54.0,
    };

    /// The page for a paper size.
    pub fn for_paper(paper: crate::report::Paper) -> Self {
        match paper {
            crate::report::Paper::Letter => Self::LETTER,
            crate::report::Paper::A4 => Self::A4,
        }
    }

    /// Left edge of the margin box.
    pub fn left(&self) -> f32 {
        self.margin
    }

    /// Right edge of the margin box.
    pub fn right(&self) -> f32 {
        self.width - self.margin
    }

    /// Top edge of the margin box.
    pub fn top(&self) -> f32 {
        self.margin
    }

    /// Bottom edge of the margin box (the footer sits just above it).
    pub fn bottom(&self) -> f32 {
        self.height - self.margin
    }

    /// Width between the margins.
    pub fn text_width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Whether `bounds` lies inside the margin box (with a hair of tolerance for rounding).
    pub fn contains(&self, bounds: Bounds) -> bool {
        const EPSILON: f32 = 0.01;
        bounds.0 >= self.left() - EPSILON
            && bounds.1 >= self.top() - EPSILON
            && bounds.2 <= self.right() + EPSILON
            && bounds.3 <= self.bottom() + EPSILON
    }
}

/// Horizontal placement of a line within its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Splits `text` (already cleaned) into lines no wider than `max_width`. Paragraph breaks
/// (`\n`) are kept; a word wider than a line is broken between characters, without adding a
/// hyphen, so a broken URL reads back whole once the line breaks are removed.
pub fn wrap(text: &str, face: Face, size: f32, max_width: f32) -> Vec<String> {
    wrap_paragraphs(text.split('\n'), face, size, max_width)
}

/// [`wrap`] for text already split at its line breaks.
fn wrap_paragraphs<P: AsRef<str>>(
    paragraphs: impl Iterator<Item = P>,
    face: Face,
    size: f32,
    max_width: f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref();
        if paragraph.trim().is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            continue;
        }
        wrap_paragraph(paragraph, face, size, max_width, &mut lines);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn wrap_paragraph(text: &str, face: Face, size: f32, max_width: f32, lines: &mut Vec<String>) {
    let space = text_width(" ", face, size);
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = text_width(word, face, size);
        if !current.is_empty() && current_width + space + word_width <= max_width {
            current.push(' ');
            current.push_str(word);
            current_width += space + word_width;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if word_width <= max_width {
            current = word.to_string();
            current_width = word_width;
        } else {
            let mut pieces = break_word(word, face, size, max_width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            current_width = text_width(&last, face, size);
            current = last;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
}

/// Breaks one over-long word into pieces that fit, preferring a break after `/`, `.`, `?`,
/// `&` or `=`, or before `-`, in the second half of a piece (so URLs and ids break where a
/// reader expects).
fn break_word(word: &str, face: Face, size: f32, max_width: f32) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = start;
        let mut width = 0.0;
        while end < chars.len() {
            let w = text_width(chars[end].encode_utf8(&mut [0; 4]), face, size);
            // Always take one character, so a line narrower than a glyph still makes progress.
            if end > start && width + w > max_width {
                break;
            }
            width += w;
            end += 1;
        }
        if end < chars.len() {
            let half = start + (end - start) / 2;
            // Break after a URL or id separator, or just before a `-`.
            let cut = (half.max(start + 1)..end)
                .rev()
                .find_map(|i| match chars[i] {
                    '/' | '.' | '?' | '&' | '=' => Some(i + 1),
                    '-' => Some(i),
                    _ => None,
                });
            if let Some(cut) = cut {
                end = cut;
            }
            // A line ending in `-` reads as a hyphenated word: text extractors drop the `-` and
            // join the halves, which would corrupt a URL. Move such a break one character back.
            if end - start > 1 && chars[end - 1] == '-' {
                end -= 1;
            }
        }
        pieces.push(chars[start..end].iter().collect());
        start = end;
    }
    pieces
}

/// What is printed at the foot of every page.
#[derive(Debug, Clone)]
pub struct Footer {
    /// The reproducibility stamp.
    pub stamp: String,
    /// Whether to mark every page CONFIDENTIAL.
    pub confidential: bool,
    /// The DRAFT line to print on every page, when the report is a draft.
    pub draft: Option<String>,
}

/// Footer type and spacing.
const FOOTER_STYLE: TextStyle = TextStyle::new(Face::Regular, 7.0, Rgb(0.35, 0.35, 0.38));
/// Space between the body and the footer rule.
const FOOTER_GAP: f32 = 10.0;
/// Width kept free on the right of the footer for "Page N of M".
const PAGE_LABEL_WIDTH: f32 = 80.0;

/// A column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Share of the text width (the shares of a table add up to 1).
    pub share: f32,
}

/// One paragraph inside a table cell.
#[derive(Debug, Clone)]
pub struct CellText {
    /// The text.
    pub text: String,
    /// How it is set.
    pub style: TextStyle,
}

/// A table cell: paragraphs stacked top to bottom.
pub type Cell = Vec<CellText>;

/// Table type, padding and colours.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// Header text.
    pub header: TextStyle,
    /// Header background.
    pub header_fill: Rgb,
    /// Background of every other row.
    pub stripe: Rgb,
    /// Rule under each row.
    pub rule: Rgb,
    /// Space around cell text.
    pub padding: f32,
}

/// The pages being laid out and the cursor on the current one.
#[derive(Debug)]
pub struct Layout {
    geometry: Geometry,
    footer: Footer,
    footer_lines: Vec<String>,
    draft_lines: Vec<String>,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
    encoder: Encoder,
    /// What the marks are.
    tree: Tree,
    /// The elements new elements go into (the Document at the bottom).
    containers: Vec<usize>,
    /// The element marks being placed belong to, when inside one.
    owner: Option<usize>,
    /// Marks being placed are artifacts (decoration, repeated headers).
    artifact: bool,
    /// The paragraph that text placed outside any element joins, while nothing else intervenes.
    loose_text: Option<usize>,
}

/// A finished layout: the pages, what their marks are, and the characters replaced.
#[derive(Debug)]
pub struct Tagged {
    /// The pages, footers included.
    pub pages: Vec<Page>,
    /// The structure tree.
    pub tree: Tree,
    /// The characters that had to be replaced.
    pub encoder: Encoder,
    /// Page size.
    pub geometry: Geometry,
}

impl Layout {
    /// An empty first page.
    pub fn new(geometry: Geometry, footer: Footer) -> Self {
        let mut encoder = Encoder::default();
        let stamp = encoder.clean(&footer.stamp);
        let footer_lines = wrap(
            &stamp,
            FOOTER_STYLE.face,
            FOOTER_STYLE.size,
            geometry.text_width() - PAGE_LABEL_WIDTH,
        );
        let draft_lines = footer.draft.as_deref().map_or_else(Vec::new, |draft| {
            let draft = encoder.clean(draft);
            wrap(
                &draft,
                Face::Bold,
                FOOTER_STYLE.size,
                geometry.text_width() - PAGE_LABEL_WIDTH,
            )
        });
        Self {
            geometry,
            footer,
            footer_lines,
            draft_lines,
            pages: vec![Page::default()],
            y: geometry.top(),
            encoder,
            tree: Tree::default(),
            containers: vec![0],
            owner: None,
            artifact: false,
            loose_text: None,
        }
    }

    /// The structure tree recorded so far.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Runs `place` with the marks it places recorded as artifacts (decoration a screen reader
    /// skips).
    pub fn artifact<R>(&mut self, place: impl FnOnce(&mut Self) -> R) -> R {
        let was = std::mem::replace(&mut self.artifact, true);
        let result = place(self);
        self.artifact = was;
        result
    }

    /// Makes the text `place` places a link to `target`: a Link element with one annotation per
    /// line of text.
    /// Outside any element the link gets a paragraph of its own (a Link is inline).
    pub fn link<R>(&mut self, target: LinkTarget, place: impl FnOnce(&mut Self) -> R) -> R {
        let parent = match self.owner {
            Some(owner) => owner,
            None => self.open(Role::Paragraph),
        };
        let link = self.tree.add(Role::Link, parent);
        self.loose_text = None;
        if let Some(element) = self.tree.get_mut(link) {
            element.details_mut().target = Some(target);
        }
        let was = self.owner.replace(link);
        let result = place(self);
        self.owner = was;
        result
    }

    fn container(&self) -> usize {
        self.containers.last().copied().unwrap_or(0)
    }

    /// A new element in the current container.
    fn open(&mut self, role: Role) -> usize {
        self.loose_text = None;
        let parent = self.container();
        self.tree.add(role, parent)
    }

    /// Runs `place` inside a new container element (a list, a table, a row).
    fn within<R>(&mut self, role: Role, place: impl FnOnce(&mut Self, usize) -> R) -> R {
        let id = self.open(role);
        self.containers.push(id);
        let result = place(self, id);
        self.containers.pop();
        self.loose_text = None;
        result
    }

    /// Runs `place` with its marks owned by a new leaf element `role`; inside another leaf (a
    /// heading's paragraph, a bullet's body) the marks stay with that one.
    fn leaf<R>(&mut self, role: Role, place: impl FnOnce(&mut Self, Option<usize>) -> R) -> R {
        if self.owner.is_some() {
            return place(self, None);
        }
        let id = self.open(role);
        self.owned_by(id, |l| place(l, Some(id)))
    }

    fn owned_by<R>(&mut self, id: usize, place: impl FnOnce(&mut Self) -> R) -> R {
        let was = self.owner.replace(id);
        let result = place(self);
        self.owner = was;
        result
    }

    /// The page geometry.
    pub fn geometry(&self) -> Geometry {
        self.geometry
    }

    /// Height of the footer band: the rule, the DRAFT lines, an optional CONFIDENTIAL line,
    /// the stamp lines.
    fn footer_height(&self) -> f32 {
        let lines = self.footer_lines.len().max(1)
            + usize::from(self.footer.confidential)
            + self.draft_lines.len();
        4.0 + lines as f32 * FOOTER_STYLE.line_height()
    }

    /// Lowest point the body may reach on a page.
    pub fn body_bottom(&self) -> f32 {
        self.geometry.bottom() - self.footer_height() - FOOTER_GAP
    }

    /// Space left on the current page.
    pub fn remaining(&self) -> f32 {
        self.body_bottom() - self.y
    }

    /// The cursor: top of the free space on the current page.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Whether nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.y <= self.geometry.top()
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page (unless the current one is still empty).
    pub fn new_page(&mut self) {
        if self.at_page_top() && self.current().marks.is_empty() {
            return;
        }
        self.pages.push(Page::default());
        self.y = self.geometry.top();
    }

    /// Moves to a new page when less than `height` is left, so a block is not split.
    pub fn ensure(&mut self, height: f32) {
        if self.remaining() < height && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; at most what is left on the page.
    pub fn space(&mut self, height: f32) {
        if !self.at_page_top() {
            self.y = (self.y + height).min(self.body_bottom());
        }
    }

    /// Moves the cursor down even at the top of a page (for the cover's placement).
    pub fn advance(&mut self, height: f32) {
        self.y = (self.y + height).min(self.body_bottom());
    }

    /// Runs of different styles on one line, left to right from `indent`; when they do not
    /// fit on one line they are set as one wrapped paragraph in the first run's style.
    pub fn runs(&mut self, runs: &[(String, TextStyle)], indent: f32) {
        let runs: Vec<(String, TextStyle, Option<LinkTarget>)> = runs
            .iter()
            .map(|(text, style)| (text.clone(), *style, None))
            .collect();
        self.linked_runs(&runs, indent);
    }

    /// [`Layout::runs`] where a run may be a link. When the runs do not fit on one line, the
    /// wrapped paragraph links to the first run's target, if any run has one.
    pub fn linked_runs(&mut self, runs: &[(String, TextStyle, Option<LinkTarget>)], indent: f32) {
        let Some((_, first_style, _)) = runs.first() else {
            return;
        };
        let first_style = *first_style;
        let cleaned: Vec<(String, TextStyle, Option<LinkTarget>)> = runs
            .iter()
            .map(|(text, style, link)| (self.encoder.clean(text), *style, link.clone()))
            .collect();
        let total: f32 = cleaned
            .iter()
            .map(|(t, s, _)| text_width(t, s.face, s.size))
            .sum();
        if total > self.geometry.text_width() - indent {
            let joined: String = cleaned.iter().map(|(t, _, _)| t.as_str()).collect();
            let target = cleaned.iter().find_map(|(_, _, link)| link.clone());
            self.leaf(Role::Paragraph, |l, _| match target {
                Some(target) => l.link(target, |l| l.paragraph(&joined, first_style, indent)),
                None => l.paragraph(&joined, first_style, indent),
            });
            return;
        }
        let lh = cleaned
            .iter()
            .map(|(_, s, _)| s.line_height())
            .fold(0.0, f32::max);
        self.ensure(lh);
        let top = self.y;
        let mut x = self.geometry.left() + indent;
        self.leaf(Role::Paragraph, |l, _| {
            for (text, style, target) in cleaned {
                let width = text_width(&text, style.face, style.size);
                let line_top = top + (lh - style.line_height()) / 2.0;
                match target {
                    Some(target) => l.link(target, |l| l.place_line(text, style, x, line_top)),
                    None => l.place_line(text, style, x, line_top),
                }
                x += width;
            }
        });
        self.y += lh;
    }

    fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Places a mark as part of the element being laid out; text outside any element becomes
    /// a paragraph, other marks outside one are artifacts.
    pub(crate) fn push(&mut self, mark: Mark) {
        let owner = match (self.artifact, self.owner) {
            (true, _) => None,
            (false, Some(owner)) => Some(owner),
            (false, None) if matches!(mark, Mark::Text(_)) => Some(self.loose_paragraph()),
            (false, None) => None,
        };
        self.push_owned(mark, owner);
    }

    /// Places a decoration: never part of the structure.
    fn push_artifact(&mut self, mark: Mark) {
        self.push_owned(mark, None);
    }

    fn loose_paragraph(&mut self) -> usize {
        match self.loose_text {
            Some(id) => id,
            None => {
                let id = self.open(Role::Paragraph);
                self.loose_text = Some(id);
                id
            }
        }
    }

    fn push_owned(&mut self, mark: Mark, owner: Option<usize>) {
        self.current();
        let page_index = self.pages.len() - 1;
        let link = owner.filter(|&id| {
            matches!(mark, Mark::Text(_)) && self.tree.get(id).is_some_and(|e| e.role == Role::Link)
        });
        let bounds = mark.bounds();
        let text = match &mark {
            Mark::Text(t) if link.is_some() => t.text.clone(),
            _ => String::new(),
        };
        let page = &mut self.pages[page_index];
        let tag = owner.map(|id| match page.tags.last() {
            Some(Some((last, mcid))) if *last as usize == id => (*last, *mcid),
            _ => {
                let mcid = page.next_mcid;
                page.next_mcid += 1;
                if let Some(element) = self.tree.get_mut(id) {
                    element.push(Kid::Content {
                        page: page_index as u32,
                        mcid,
                    });
                }
                (u32::try_from(id).unwrap_or(u32::MAX), mcid)
            }
        });
        page.marks.push(mark);
        page.tags.push(tag);
        if let Some(element) = link {
            page.links.push(LinkArea {
                bounds,
                element,
                text,
            });
            let index = page.links.len() - 1;
            if let Some(link) = self.tree.get_mut(element) {
                link.push(Kid::Annotation {
                    page: page_index as u32,
                    index: index as u32,
                });
            }
        }
    }

    /// Text cleaned for the embedded fonts (NFC, replacements for what they lack), and wrapped.
    pub fn wrap_text(&mut self, text: &str, style: TextStyle, max_width: f32) -> Vec<String> {
        let encoder = &mut self.encoder;
        let paragraphs = text.split('\n').map(|p| encoder.clean_borrowed(p));
        wrap_paragraphs(paragraphs, style.face, style.size, max_width)
    }

    /// Places one already-wrapped line in a line box whose top is `top`.
    pub(crate) fn place_line(&mut self, line: String, style: TextStyle, x: f32, top: f32) {
        let baseline = top + style.line_height() / 2.0 + style.size * 0.3;
        let width = text_width(&line, style.face, style.size);
        self.push(Mark::Text(TextBox {
            x,
            baseline,
            text: line,
            style,
            width,
        }));
    }

    /// A wrapped paragraph between `indent` and the right margin, breaking pages as needed.
    pub fn paragraph(&mut self, text: &str, style: TextStyle, indent: f32) {
        self.aligned(text, style, indent, Align::Left);
    }

    /// A wrapped paragraph aligned within the text width.
    pub fn aligned(&mut self, text: &str, style: TextStyle, indent: f32, align: Align) {
        let width = self.geometry.text_width() - indent;
        let lines = self.wrap_text(text, style, width);
        self.leaf(Role::Paragraph, |l, _| {
            l.aligned_lines(lines, style, indent, align);
        });
    }

    fn aligned_lines(&mut self, lines: Vec<String>, style: TextStyle, indent: f32, align: Align) {
        let width = self.geometry.text_width() - indent;
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            let line_width = || text_width(&line, style.face, style.size);
            let x = self.geometry.left()
                + indent
                + match align {
                    Align::Left => 0.0,
                    Align::Center => (width - line_width()) / 2.0,
                    Align::Right => width - line_width(),
                };
            let top = self.y;
            self.place_line(line, style, x, top);
            self.y += lh;
        }
    }

    /// A level-1 heading kept with at least `follow` points of what comes after it; see
    /// [`Layout::heading_level`].
    pub fn heading(&mut self, text: &str, style: TextStyle, follow: f32) {
        self.heading_level(1, None, text, style, follow);
    }

    /// A heading of `level` (1 a chapter, 2 a section, 3 a subsection: H1..H3 in the PDF and
    /// an entry of its outline), kept with at least `follow` points of what comes after it.
    /// `id` names it for links ([`LinkTarget::Heading`]).
    pub fn heading_level(
        &mut self,
        level: u8,
        id: Option<&str>,
        text: &str,
        style: TextStyle,
        follow: f32,
    ) {
        let lines = self.wrap_text(text, style, self.geometry.text_width());
        self.ensure(lines.len() as f32 * style.line_height() + follow);
        let words = lines.join(" ");
        let page = self.pages.len().saturating_sub(1);
        let top = self.y;
        self.leaf(Role::Heading(level.clamp(1, 6)), |l, element| {
            if let Some(element) = element.and_then(|e| l.tree.get_mut(e)) {
                let details = element.details_mut();
                details.alt = Some(words);
                details.id = id.map(str::to_string);
                details.anchor = Some((page, top));
            }
            l.aligned_lines(lines, style, 0.0, Align::Left);
        });
    }

    /// A bulleted paragraph: the bullet at `indent`, the text hanging after it. Bullets placed
    /// one after another form one list.
    pub fn bullet(&mut self, text: &str, style: TextStyle, indent: f32) {
        self.list_item("\u{2022}", style, indent, 11.0, |l, body_indent| {
            l.paragraph(text, style, body_indent);
        });
    }

    /// One entry of a list (L, LI, Lbl, LBody): `marker` at `indent`, then what `body` places
    /// at the indent it is given, `hang` further right. Items placed one after another form
    /// one list.
    pub fn list_item(
        &mut self,
        marker: &str,
        style: TextStyle,
        indent: f32,
        hang: f32,
        body: impl FnOnce(&mut Self, f32),
    ) {
        self.ensure(style.line_height());
        let top = self.y;
        let x = self.geometry.left() + indent;
        let list = self.current_list();
        self.containers.push(list);
        self.within(Role::ListItem, |l, _| {
            l.leaf(Role::Label, |l, _| {
                l.place_line(marker.to_string(), style, x, top);
            });
            l.leaf(Role::ListBody, |l, _| body(l, indent + hang));
        });
        self.containers.pop();
    }

    /// Runs `place` with every mark it places owned by one Figure element whose alternate
    /// text is `alt` (a chart a caller draws from marks of its own).
    pub fn figure<R>(&mut self, alt: &str, place: impl FnOnce(&mut Self) -> R) -> R {
        if self.owner.is_some() {
            return place(self);
        }
        let alt = self.encoder.clean(alt);
        let figure = self.open(Role::Figure);
        if let Some(element) = self.tree.get_mut(figure) {
            element.details_mut().alt = Some(alt);
        }
        self.owned_by(figure, place)
    }

    /// The list the next item joins: the one just placed, or a new one.
    fn current_list(&mut self) -> usize {
        let container = self.container();
        match self.tree.last_child(container) {
            Some(id)
                if self.loose_text.is_none()
                    && self.tree.get(id).is_some_and(|e| e.role == Role::List) =>
            {
                id
            }
            _ => self.open(Role::List),
        }
    }

    /// A thin rule across the text width.
    pub fn rule(&mut self, color: Rgb, thickness: f32) {
        self.ensure(thickness + 2.0);
        let y = self.y + thickness / 2.0;
        self.push_artifact(Mark::Line(Rule {
            from: (self.geometry.left(), y),
            to: (self.geometry.right(), y),
            thickness,
            color,
        }));
        self.y += thickness;
    }

    /// A filled band across the text width with one centred line of text (a banner).
    pub fn banner(&mut self, text: &str, style: TextStyle, fill: Rgb) {
        let padding = 6.0;
        let lines = self.wrap_text(text, style, self.geometry.text_width() - 2.0 * padding);
        let height = lines.len() as f32 * style.line_height() + 2.0 * padding;
        self.ensure(height);
        let (left, top) = (self.geometry.left(), self.y);
        self.push_artifact(Mark::Fill(FillBox {
            x: left,
            y: top,
            width: self.geometry.text_width(),
            height,
            color: fill,
        }));
        self.y += padding;
        self.leaf(Role::Paragraph, |l, _| {
            for line in lines {
                let w = text_width(&line, style.face, style.size);
                let x = left + (l.geometry.text_width() - w) / 2.0;
                let line_top = l.y;
                l.place_line(line, style, x, line_top);
                l.y += style.line_height();
            }
        });
        self.y += padding;
    }

    /// Label/value pairs: labels in a column of `label_width`, values wrapped beside them.
    /// Tagged as a list whose items' labels are the keys: a screen reader says "list, N items"
    /// and reads each label with its value (PDF has no definition list; a table would need
    /// column headers the pairs do not have).
    pub fn key_values(
        &mut self,
        pairs: &[(String, String)],
        label: TextStyle,
        value: TextStyle,
        label_width: f32,
    ) {
        if pairs.is_empty() {
            return;
        }
        let value_width = self.geometry.text_width() - label_width;
        let list = self.open(Role::List);
        for (key, text) in pairs {
            let item = self.tree.add(Role::ListItem, list);
            let label_element = self.tree.add(Role::Label, item);
            let value_element = self.tree.add(Role::ListBody, item);
            let keys = self.wrap_text(key, label, label_width - 6.0);
            let values = self.wrap_text(text, value, value_width);
            let rows = keys.len().max(values.len());
            let lh = label.line_height().max(value.line_height());
            self.ensure(lh * rows.min(3) as f32);
            let left = self.geometry.left();
            for i in 0..rows {
                self.ensure(lh);
                let top = self.y;
                if let Some(k) = keys.get(i) {
                    self.owned_by(label_element, |l| l.place_line(k.clone(), label, left, top));
                }
                if let Some(v) = values.get(i) {
                    let x = left + label_width;
                    self.owned_by(value_element, |l| l.place_line(v.clone(), value, x, top));
                }
                self.y += lh;
            }
            self.y += lh * 0.25;
        }
    }

    /// A table whose header row is repeated at the top of every page it runs onto. A row taller
    /// than the space left is split between pages, line by line, so no cell is ever cut off.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], style: &TableStyle) {
        self.table_with_links(columns, rows, &[], style);
    }

    /// [`Layout::table`] where a cell may link somewhere: `links[row][column]` (missing entries
    /// link nowhere). A linked cell's text is a Link inside its TD.
    pub fn table_with_links(
        &mut self,
        columns: &[Column],
        rows: &[Vec<Cell>],
        links: &[Vec<Option<LinkTarget>>],
        style: &TableStyle,
    ) {
        let table = TableGeometry::new(self, columns, style);
        let header: Vec<Vec<(String, TextStyle)>> = columns
            .iter()
            .zip(&table.inner_widths)
            .map(|(c, &w)| self.cell_lines(&text_cell(&c.title, style.header), w))
            .collect();
        let header_height = column_height(&header) + 2.0 * style.padding;
        let mut laid: Vec<Vec<Vec<(String, TextStyle)>>> = Vec::with_capacity(rows.len());
        for row in rows {
            let lines = row
                .iter()
                .zip(&table.inner_widths)
                .map(|(cell, &w)| self.cell_lines(cell, w))
                .collect();
            laid.push(lines);
        }
        // Keep the header with at least the first lines of the first row.
        let first = laid.first().map_or(0.0, |r| first_lines_height(r, 3));
        self.ensure(header_height + first + 2.0 * style.padding);
        self.within(Role::Table, |l, _| {
            let cells = l.row_cells(Role::HeaderCell, columns.len());
            l.table_header(&table, &header, header_height, style, Some(&cells));
            for (index, row) in laid.into_iter().enumerate() {
                let fill = (index % 2 == 1).then_some(style.stripe);
                let mut cells = l.row_cells(Role::DataCell, columns.len());
                if let Some(row_links) = links.get(index) {
                    l.link_cells(&mut cells, row_links);
                }
                let rows = TableRows {
                    header: &header,
                    header_height,
                    style,
                };
                l.table_row(&table, row, fill, &rows, &cells);
            }
        });
    }

    /// Gives each cell with a target a Link element, which then owns the cell's text.
    fn link_cells(&mut self, cells: &mut [usize], targets: &[Option<LinkTarget>]) {
        for (cell, target) in cells.iter_mut().zip(targets) {
            let Some(target) = target else { continue };
            let link = self.tree.add(Role::Link, *cell);
            if let Some(element) = self.tree.get_mut(link) {
                element.details_mut().target = Some(target.clone());
            }
            *cell = link;
        }
    }

    /// A row element (TR) in the current table with `count` cells of `role`.
    fn row_cells(&mut self, role: Role, count: usize) -> Vec<usize> {
        self.within(Role::Row, |l, row| {
            (0..count).map(|_| l.tree.add(role, row)).collect()
        })
    }

    fn cell_lines(&mut self, cell: &[CellText], width: f32) -> Vec<(String, TextStyle)> {
        let mut lines = Vec::new();
        for part in cell {
            for line in self.wrap_text(&part.text, part.style, width) {
                lines.push((line, part.style));
            }
        }
        lines
    }

    /// The header row; `cells` are its TH elements the first time, `None` when the header is
    /// repeated after a page break (an artifact: a screen reader has read it once).
    fn table_header(
        &mut self,
        table: &TableGeometry,
        header: &[Vec<(String, TextStyle)>],
        height: f32,
        style: &TableStyle,
        cells: Option<&[usize]>,
    ) {
        let top = self.y;
        self.push_artifact(Mark::Fill(FillBox {
            x: self.geometry.left(),
            y: top,
            width: self.geometry.text_width(),
            height,
            color: style.header_fill,
        }));
        match cells {
            Some(cells) => self.place_cells(table, header.to_vec(), top + style.padding, cells),
            None => self.artifact(|l| {
                l.place_cells(table, header.to_vec(), top + style.padding, &[]);
            }),
        }
        self.y = top + height;
    }

    /// Places each column's lines as part of its cell element in `owners` (artifacts when
    /// there is none).
    fn place_cells(
        &mut self,
        table: &TableGeometry,
        cells: Vec<Vec<(String, TextStyle)>>,
        top: f32,
        owners: &[usize],
    ) {
        for (column, lines) in cells.into_iter().enumerate() {
            let x = table.lefts[column] + table.padding;
            let mut line_top = top;
            let place = |l: &mut Self| {
                for (text, style) in lines {
                    l.place_line(text, style, x, line_top);
                    line_top += style.line_height();
                }
            };
            match owners.get(column) {
                Some(&owner) => self.owned_by(owner, place),
                None => place(self),
            }
        }
    }

    fn repeat_header(&mut self, table: &TableGeometry, rows: &TableRows<'_>) {
        self.pages.push(Page::default());
        self.y = self.geometry.top();
        self.table_header(table, rows.header, rows.header_height, rows.style, None);
    }

    fn table_row(
        &mut self,
        table: &TableGeometry,
        mut row: Vec<Vec<(String, TextStyle)>>,
        fill: Option<Rgb>,
        rows: &TableRows<'_>,
        cells: &[usize],
    ) {
        let (header_height, style) = (rows.header_height, rows.style);
        let whole = column_height(&row) + 2.0 * style.padding;
        let fresh_page = self.body_bottom() - self.geometry.top() - header_height;
        if whole > self.remaining() && whole <= fresh_page {
            // The row fits whole on the next page: move it there rather than split it.
            self.repeat_header(table, rows);
        }
        loop {
            let available = self.remaining() - 2.0 * style.padding;
            let part = take_lines(&mut row, available);
            let nothing_taken = part.iter().all(Vec::is_empty);
            if nothing_taken && row.iter().any(|c| !c.is_empty()) {
                // Not even one line fits: continue on a fresh page under a repeated header.
                self.restore_lines(&mut row, part);
                self.repeat_header(table, rows);
                if self.remaining() < 2.0 * style.padding + 12.0 {
                    return; // A page too small for any row: give up rather than loop.
                }
                continue;
            }
            let height = column_height(&part) + 2.0 * style.padding;
            let top = self.y;
            if let Some(color) = fill {
                self.push_artifact(Mark::Fill(FillBox {
                    x: self.geometry.left(),
                    y: top,
                    width: self.geometry.text_width(),
                    height,
                    color,
                }));
            }
            self.place_cells(table, part, top + style.padding, cells);
            self.y = top + height;
            self.push_artifact(Mark::Line(Rule {
                from: (self.geometry.left(), self.y),
                to: (self.geometry.right(), self.y),
                thickness: 0.5,
                color: style.rule,
            }));
            if row.iter().all(Vec::is_empty) {
                return;
            }
            self.repeat_header(table, rows);
        }
    }

    fn restore_lines(
        &mut self,
        row: &mut [Vec<(String, TextStyle)>],
        part: Vec<Vec<(String, TextStyle)>>,
    ) {
        for (cell, mut taken) in row.iter_mut().zip(part) {
            taken.append(cell);
            *cell = taken;
        }
    }

    /// Adds "Page N of M", the stamp and (when asked) DRAFT and CONFIDENTIAL to every page, and returns
    /// the pages with the characters that had to be replaced.
    pub fn finish(self) -> (Vec<Page>, Encoder) {
        let tagged = self.finish_tagged();
        (tagged.pages, tagged.encoder)
    }

    /// [`Layout::finish`] with the structure tree, for drawing a tagged PDF.
    pub fn finish_tagged(mut self) -> Tagged {
        let total = self.pages.len();
        let rule_y = self.geometry.bottom() - self.footer_height();
        for number in 1..=total {
            let marks = self.footer_marks(number, total, rule_y);
            if let Some(page) = self.pages.get_mut(number - 1) {
                page.tags.extend(marks.iter().map(|_| None));
                page.marks.extend(marks);
            }
        }
        Tagged {
            pages: self.pages,
            tree: self.tree,
            encoder: self.encoder,
            geometry: self.geometry,
        }
    }

    /// The tagged PDF of this layout and one warning per character the fonts could not show.
    pub fn into_pdf(self, meta: &super::draw::Meta) -> (Vec<u8>, Vec<String>) {
        let tagged = self.finish_tagged();
        let warnings = tagged.encoder.warnings();
        (super::draw::to_pdf(tagged, meta), warnings)
    }

    fn footer_marks(&self, number: usize, total: usize, rule_y: f32) -> Vec<Mark> {
        let g = self.geometry;
        let lh = FOOTER_STYLE.line_height();
        let mut marks = vec![Mark::Line(Rule {
            from: (g.left(), rule_y),
            to: (g.right(), rule_y),
            thickness: 0.5,
            color: Rgb(0.7, 0.7, 0.72),
        })];
        let first_top = rule_y + 4.0;
        let page_label = format!("Page {number} of {total}");
        let label_width = text_width(&page_label, Face::Bold, FOOTER_STYLE.size);
        marks.push(footer_text(
            page_label,
            FOOTER_STYLE.bold(),
            g.right() - label_width,
            first_top,
        ));
        let mut top = first_top;
        for line in &self.draft_lines {
            let style = FOOTER_STYLE.bold().colored(Rgb(0.55, 0.30, 0.0));
            marks.push(footer_text(line.clone(), style, g.left(), top));
            top += lh;
        }
        if self.footer.confidential {
            let style = FOOTER_STYLE.bold().colored(Rgb(0.70, 0.08, 0.08));
            let text = "CONFIDENTIAL: includes internal notes. Do not publish or share.";
            marks.push(footer_text(text.to_string(), style, g.left(), top));
            top += lh;
        }
        for line in &self.footer_lines {
            marks.push(footer_text(line.clone(), FOOTER_STYLE, g.left(), top));
            top += lh;
        }
        marks
    }
}

fn footer_text(text: String, style: TextStyle, x: f32, top: f32) -> Mark {
    let width = text_width(&text, style.face, style.size);
    Mark::Text(TextBox {
        x,
        baseline: top + style.line_height() / 2.0 + style.size * 0.3,
        text,
        style,
        width,
    })
}

/// A one-paragraph cell.
pub fn text_cell(text: &str, style: TextStyle) -> Cell {
    vec![CellText {
        text: text.to_string(),
        style,
    }]
}

/// What a table's rows repeat after a page break.
struct TableRows<'a> {
    header: &'a [Vec<(String, TextStyle)>],
    header_height: f32,
    style: &'a TableStyle,
}

/// Column positions of a table.
struct TableGeometry {
    lefts: Vec<f32>,
    inner_widths: Vec<f32>,
    padding: f32,
}

impl TableGeometry {
    fn new(layout: &Layout, columns: &[Column], style: &TableStyle) -> Self {
        let total: f32 = columns
            .iter()
            .map(|c| c.share)
            .sum::<f32>()
            .max(f32::EPSILON);
        let width = layout.geometry.text_width();
        let mut lefts = Vec::with_capacity(columns.len());
        let mut inner_widths = Vec::with_capacity(columns.len());
        let mut x = layout.geometry.left();
        for column in columns {
            let w = width * column.share / total;
            lefts.push(x);
            inner_widths.push((w - 2.0 * style.padding).max(1.0));
            x += w;
        }
        Self {
            lefts,
            inner_widths,
            padding: style.padding,
        }
    }
}

/// Height of the tallest cell.
fn column_height(cells: &[Vec<(String, TextStyle)>]) -> f32 {
    cells
        .iter()
        .map(|lines| lines.iter().map(|(_, s)| s.line_height()).sum::<f32>())
        .fold(0.0, f32::max)
}

/// Height of the first `n` lines of the tallest cell: enough to keep a header company.
fn first_lines_height(cells: &[Vec<(String, TextStyle)>], n: usize) -> f32 {
    cells
        .iter()
        .map(|lines| {
            lines
                .iter()
                .take(n)
                .map(|(_, s)| s.line_height())
                .sum::<f32>()
        })
        .fold(0.0, f32::max)
}

/// Takes from the front of every cell the lines that fit in `available` points.
fn take_lines(
    row: &mut [Vec<(String, TextStyle)>],
    available: f32,
) -> Vec<Vec<(String, TextStyle)>> {
    row.iter_mut()
        .map(|cell| {
            let mut used = 0.0;
            let count = cell
                .iter()
                .take_while(|(_, style)| {
                    used += style.line_height();
                    used <= available
                })
                .count();
            cell.drain(..count).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
