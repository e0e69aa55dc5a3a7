//! The comparison and summary PDFs for boards and state offices: the same cover style, footer
//! ("Page N of M" and a reproducibility stamp) and type as the single-assessment report, built
//! with the same [`Layout`] so tables repeat their header after a page break.
//!
//! Figures are read from the [`Comparison`] or [`Summary`] and formatted by
//! [`super::view`], so the PDF prints what the other formats print.

mod comparison;
mod summary;

use crate::compare::{CellState, Comparison, ItemCell, Summary};
use crate::model::{Date, Priority};
use crate::report::pdf::content::{AMBER, CELL, CELL_NOTE, GREEN, INK, MUTED, NAVY, RED, WHITE};
use crate::report::pdf::draw;
use crate::report::pdf::layout::{Cell, CellText, Footer, Geometry, Layout, Page, TextStyle};
use crate::report::pdf::metrics::Face;
use crate::report::{RenderOptions, Rendered};

/// Draws comparisons and summaries as PDF.
pub struct PdfRenderer;

impl PdfRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, options: &RenderOptions) -> Rendered {
        let layout = comparison::build(c, options);
        let meta = draw::Meta {
            title: super::view::comparison_title(c),
            author: String::new(),
            date: date_parts(c.columns.iter().map(|col| col.date).max()),
            language: String::new(),
        };
        to_rendered(layout, &meta)
    }

    pub(crate) fn summary(&self, s: &Summary, options: &RenderOptions) -> Rendered {
        let layout = summary::build(s, options);
        let meta = draw::Meta {
            title: super::view::summary_title(s),
            author: String::new(),
            date: date_parts(
                s.districts
                    .iter()
                    .chain(&s.other_assessments)
                    .map(|d| d.date)
                    .max(),
            ),
            language: String::new(),
        };
        to_rendered(layout, &meta)
    }
}

/// The bytes and the font's warnings, from the one layout.
fn to_rendered(layout: Layout, meta: &draw::Meta) -> Rendered {
    let (bytes, warnings) = layout.into_pdf(meta);
    Rendered { bytes, warnings }
}

/// The document date: the latest assessment's, never the clock, so two runs give the same
/// bytes. A summary always has a district; the fallback only keeps this total.
fn date_parts(latest: Option<Date>) -> (u16, u8, u8) {
    latest.map_or((1970, 1, 1), |d| (d.year(), d.month(), d.day()))
}

/// The laid-out pages of a comparison's PDF, footers included.
pub fn comparison_pages(c: &Comparison, options: &RenderOptions) -> Vec<Page> {
    comparison::build(c, options).finish().0
}

/// The laid-out pages of a summary's PDF, footers included.
pub fn summary_pages(s: &Summary, options: &RenderOptions) -> Vec<Page> {
    summary::build(s, options).finish().0
}

/// Answers hashes listed in full in the footer; past this, the first few and a count (a
/// summary of a thousand files would otherwise fill the page with hashes).
const HASHES_IN_STAMP: usize = 6;
/// Hashes kept when the list is shortened.
const HASHES_WHEN_SHORTENED: usize = 4;

/// `Checklist wi-sro 2026.1; sro-assess 0.1.0; answers files 9a7f…, 3c4d…`: what a reader
/// needs to make the same document again.
fn stamp(checklist_id: &str, version: &str, hashes: &[&str], shortened_note: &str) -> String {
    let files = if hashes.len() <= HASHES_IN_STAMP {
        hashes.join(", ")
    } else {
        format!(
            "{} and {} more ({shortened_note})",
            hashes[..HASHES_WHEN_SHORTENED].join(", "),
            hashes.len() - HASHES_WHEN_SHORTENED
        )
    };
    let noun = if hashes.len() == 1 { "file" } else { "files" };
    format!(
        "Checklist {checklist_id} {version}; sro-assess {}; answers {noun} {files}",
        env!("CARGO_PKG_VERSION")
    )
}

/// A fresh layout on the paper asked for, its footer saying DRAFT on every page when `draft`
/// is set. Comparisons never carry internal notes, so the footer is never marked confidential.
fn new_layout(options: &RenderOptions, stamp: String, draft: Option<String>) -> Layout {
    let geometry = Geometry::for_paper(options.paper);
    Layout::new(
        geometry,
        Footer {
            stamp,
            confidential: false,
            draft,
        },
    )
}

/// The full DRAFT line on the cover, as the single report's cover sets it.
fn draft_banner(l: &mut Layout, draft: Option<String>) {
    if let Some(draft) = draft {
        l.banner(&draft, TextStyle::new(Face::Bold, 11.0, WHITE), AMBER);
        l.advance(8.0);
    }
}

/// The cover's opening lines, set as the report PDF's cover sets them.
fn cover_title(l: &mut Layout, title: &str, subtitle: &str) {
    l.advance(90.0);
    l.paragraph(
        "SCHOOL RESOURCE OFFICER PROGRAM",
        TextStyle::new(Face::Bold, 10.0, MUTED),
        0.0,
    );
    l.advance(4.0);
    l.paragraph(title, TextStyle::new(Face::Bold, 30.0, NAVY), 0.0);
    l.advance(6.0);
    l.paragraph(subtitle, TextStyle::new(Face::Regular, 17.0, INK), 0.0);
    l.advance(14.0);
    l.rule(NAVY, 1.5);
    l.advance(14.0);
}

/// A cell with the practice's title and, under it in small type, its id.
fn item_cell(title: &str, id: &str) -> Cell {
    vec![
        CellText {
            text: title.to_string(),
            style: CELL,
        },
        CellText {
            text: id.to_string(),
            style: CELL_NOTE,
        },
    ]
}

/// Critical priorities stand out in red, as in the report's gap table.
fn priority_style(priority: Priority) -> TextStyle {
    if priority == Priority::Critical {
        CELL.bold().colored(RED)
    } else {
        CELL
    }
}

/// A status cell coloured by where the item stands (green in place, amber partly, red not).
fn status_style(cell: &ItemCell) -> TextStyle {
    match cell.state {
        CellState::InPlace => CELL.bold().colored(GREEN),
        CellState::Partial => CELL.bold().colored(AMBER),
        CellState::NotInPlace => CELL.bold().colored(RED),
        CellState::NotApplicable | CellState::Unanswered | CellState::NotInScope => {
            CELL.colored(MUTED)
        }
    }
}

/// `1 item` / `3 items`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests;
