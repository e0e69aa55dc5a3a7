//! The page model: where every piece of text, fill and rule goes, computed without producing a PDF.
//!
//! Coordinates are points measured from the page's top-left corner (y grows downward), the way
//! a reader thinks about a page; `draw` flips them for PDF. Everything placed here stays inside
//! the margins: text is wrapped with the embedded font's widths ([`wrap`]), words longer than a
//! line are broken, and a block that does not fit moves to the next page (a table repeats its
//! header there).
//!
//! This module holds the marks, the page geometry and the cursor; the primitives that place
//! text (paragraphs, headings, lists, banners) are in `flow`, tables in `table`, the page
//! footers in `footer`. As it places marks the layout records what they are
//! ([`super::tags`], through `structure`): each primitive opens its structure element (a
//! heading, a paragraph, a list, a table, a figure), so every PDF drawn from a layout is
//! tagged without its caller doing anything.

mod flow;
mod footer;
mod structure;
mod table;
mod wrap;

use footer::FOOTER_GAP;
pub use footer::Footer;
pub use table::{Cell, CellText, Column, TableStyle, text_cell};
pub use wrap::wrap;

use super::encode::Encoder;
use super::metrics::{ASCENT, DESCENT, Face};
use super::tags::{LinkArea, Tag, Tree};

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
        let (footer_lines, draft_lines) = footer::wrap_lines(&footer, geometry, &mut encoder);
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

    /// The page geometry.
    pub fn geometry(&self) -> Geometry {
        self.geometry
    }

    /// What every page's foot prints (it decides how low the body may reach).
    pub fn footer(&self) -> &Footer {
        &self.footer
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

    pub(super) fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }
}

#[cfg(test)]
mod tests;
