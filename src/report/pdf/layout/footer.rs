//! The foot of every page: "Page N of M", the stamp, and DRAFT and CONFIDENTIAL when asked;
//! added when the layout is finished, once the page count is known.

use super::super::draw::{self, Meta};
use super::super::encode::Encoder;
use super::super::metrics::{Face, text_width};
use super::wrap::wrap;
use super::{Geometry, Layout, Mark, Page, Rgb, Rule, Tagged, TextBox, TextStyle};

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
pub(super) const FOOTER_GAP: f32 = 10.0;

/// Width kept free on the right of the footer for "Page N of M".
const PAGE_LABEL_WIDTH: f32 = 80.0;

/// The stamp's lines and the DRAFT lines, wrapped to leave room for "Page N of M".
pub(super) fn wrap_lines(
    footer: &Footer,
    geometry: Geometry,
    encoder: &mut Encoder,
) -> (Vec<String>, Vec<String>) {
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
    (footer_lines, draft_lines)
}

impl Layout {
    /// Height of the footer band: the rule, the DRAFT lines, an optional CONFIDENTIAL line,
    /// the stamp lines.
    pub(super) fn footer_height(&self) -> f32 {
        let lines = self.footer_lines.len().max(1)
            + usize::from(self.footer.confidential)
            + self.draft_lines.len();
        4.0 + lines as f32 * FOOTER_STYLE.line_height()
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
    pub fn into_pdf(self, meta: &Meta) -> (Vec<u8>, Vec<String>) {
        let tagged = self.finish_tagged();
        let warnings = tagged.encoder.warnings();
        (draw::to_pdf(tagged, meta), warnings)
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
