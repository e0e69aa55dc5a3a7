//! The board packet's parts of the comparison: the first page a board member reads (from
//! [`board::comparison_first_page`]), then the contents and the glossary the assessment
//! report has too. Each part is a run of ordinary blocks, so every medium draws it.

use super::several::strong_cell;
use crate::compare::{Comparison, ComparisonKind};
use crate::report::board::{self, ComparisonFirstPage, OptionLine};
use crate::report::document::{Block, Cell, Column, Document, List, Paragraph, Table, Tone};
use crate::report::subject::packet;

/// The heading id of the first page.
pub const FIRST_PAGE_ID: &str = "for-the-board";

/// Appends the first page: what was compared, by whom and when; a year comparison's trend
/// first; each option's result and coverage beside its cost; the findings; the critical
/// gaps; the recommendation, the action asked of the board and the sign-off block.
pub fn first_page(doc: &mut Document, c: &Comparison) {
    let page = board::comparison_first_page(c);
    doc.heading(1, "For the board", Some(FIRST_PAGE_ID));
    doc.paragraph(&page.compared);
    for caveat in &page.caveats {
        doc.push(Block::Paragraph(Paragraph::toned(caveat, Tone::Caution)));
    }
    match page.kind {
        ComparisonKind::Trend => {
            findings(doc, &page, "What changed", "board-trend");
            doc.push(Block::Table(options_table(&page, c)));
        }
        ComparisonKind::Options => {
            doc.push(Block::Table(options_table(&page, c)));
            findings(doc, &page, "What the comparison found", "board-findings");
        }
    }
    critical_gaps(doc, &page, c.kind);
    // One paragraph: the first page has few lines to spare.
    if !page.statutory.is_empty() {
        doc.paragraph(format!("Statutory duties: {}.", page.statutory.join("; ")));
    }
    packet::committee_and_sign_off(doc, &page.committee);
}

fn findings(doc: &mut Document, page: &ComparisonFirstPage, heading: &str, id: &str) {
    if page.findings.is_empty() {
        return;
    }
    doc.heading(2, heading, Some(id));
    doc.push(Block::List(List {
        ordered: true,
        items: page.findings.iter().map(Paragraph::plain).collect(),
    }));
}

/// Each option (or assessment) on one row: its result and coverage beside its cost, so a
/// board weighs what it buys against what it costs. The cost column is left out when no
/// file gives one (a year comparison seldom does).
fn options_table(page: &ComparisonFirstPage, c: &Comparison) -> Table {
    let noun = match page.kind {
        ComparisonKind::Options => "Option",
        ComparisonKind::Trend => "Assessment",
    };
    let costed = page
        .options
        .iter()
        .any(|o| o.cost.is_some() || o.staff.is_some());
    // Options are read on common ground first: the shared practices, then each one's own.
    let shared = format!("On the {} shared practices", c.common_items.items);
    let mut columns = vec![
        Column::new(noun, 0.24),
        Column::new(shared, 0.17),
        Column::new("Own score, own practices", 0.17),
        Column::new("Practices answered", 0.16),
    ];
    if costed {
        columns.push(Column::new("Cost", 0.26));
    } else {
        columns[0].share = 0.28;
        columns[1].share = 0.24;
        columns[2].share = 0.24;
        columns[3].share = 0.24;
    }
    let rows = page
        .options
        .iter()
        .map(|option| option_row(option, costed))
        .collect();
    let caption = match page.kind {
        ComparisonKind::Options => {
            "Each option's score on the practices all are scored on, its own score and coverage, \
             beside its cost"
                .into()
        }
        ComparisonKind::Trend => format!(
            "Each assessment of {}",
            crate::report::view::comparison::districts_line(c)
        ),
    };
    Table {
        caption,
        columns,
        rows,
    }
}

fn option_row(option: &OptionLine, costed: bool) -> Vec<Cell> {
    let mut row = vec![
        strong_cell(&option.label),
        Cell::plain(&option.common),
        Cell::plain(&option.result),
        Cell::plain(capitalized(&option.coverage)),
    ];
    if costed {
        let cost = match (&option.cost, &option.staff) {
            (Some(cost), Some(staff)) => format!("{cost}; {staff}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => "Not given".to_string(),
        };
        row.push(Cell {
            tone: if option.cost.is_none() && option.staff.is_none() {
                Tone::Muted
            } else {
                Tone::Normal
            },
            ..Cell::plain(capitalized(&cost))
        });
    }
    row
}

/// `All 97 practices answered` from `all 97 practices answered`: a cell starts a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn critical_gaps(doc: &mut Document, page: &ComparisonFirstPage, kind: ComparisonKind) {
    doc.heading(2, "Critical gaps", Some("board-critical-gaps"));
    if page.critical_gaps.is_empty() {
        doc.paragraph(match kind {
            ComparisonKind::Options => "Every critical practice is in place under every option.",
            ComparisonKind::Trend => "Every critical practice is in place in every assessment.",
        });
        return;
    }
    doc.push(Block::List(List {
        ordered: false,
        items: page.critical_gaps.iter().map(Paragraph::plain).collect(),
    }));
}

/// Puts the contents (a link to every chapter after `at`) at block `at` and, when the
/// document has a glossary, the line that points to it; then the glossary of the terms the
/// whole document uses goes before the chapter `glossary_before`.
pub fn contents_and_glossary(doc: &mut Document, at: usize, glossary_before: &str) {
    let glossary_at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(h) if h.id.as_deref() == Some(glossary_before)))
        .unwrap_or(doc.blocks.len());
    let glossary = packet::glossary(&doc.plain_text());
    let has_glossary = !glossary.is_empty();
    doc.blocks.splice(glossary_at..glossary_at, glossary);
    packet::insert_contents(doc, at);
    if has_glossary {
        doc.blocks
            .insert((at + 2).min(doc.blocks.len()), packet::glossary_pointer());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_starts_with_a_capital() {
        assert_eq!(
            capitalized("all 97 practices answered"),
            "All 97 practices answered"
        );
        assert_eq!(capitalized(""), "");
    }

    #[test]
    fn the_glossary_goes_before_the_named_chapter_and_the_contents_point_to_it() {
        let mut doc = Document::new("Comparison");
        doc.heading(1, "For the board", Some(FIRST_PAGE_ID));
        doc.paragraph("The MOU names the SRO.");
        doc.push(Block::PageBreak);
        let at = doc.blocks.len();
        doc.heading(1, "Side by side", Some("side-by-side"));
        doc.heading(1, "About this comparison", Some("method"));
        contents_and_glossary(&mut doc, at, "method");
        let ids: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => h.id.as_deref(),
                _ => None,
            })
            .collect();
        assert_eq!(
            ids,
            [
                FIRST_PAGE_ID,
                "contents",
                "side-by-side",
                "glossary",
                "method"
            ]
        );
        let pointer = doc.blocks.get(at + 2).map(|b| match b {
            Block::Paragraph(p) => p.text(),
            _ => String::new(),
        });
        assert!(
            pointer.is_some_and(|t| t.contains("Glossary")),
            "{:?}",
            doc.blocks.get(at + 2)
        );
    }
}
