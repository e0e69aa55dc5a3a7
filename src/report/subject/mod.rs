//! Each subject stated once as a [`Document`]: the assessment report, the comparison, the summary,
//! the worksheet and the checklist listing. Builders take every figure from the score model, the
//! comparison model or the checklist and every sentence from [`super::view`]; the media in
//! `report::medium` draw the result.

mod agenda;
mod assessment;
mod checklist;
mod comparison;
mod comparison_packet;
pub mod packet;
mod several;
mod summary;
mod worksheet;

pub use agenda::agenda;
pub use assessment::assessment;
pub use checklist::checklist;
pub use comparison::comparison;
pub use summary::summary;
pub use worksheet::worksheet;

use super::document::{
    Block, Cell, Column, Document, Heading, Link, List, Paragraph, Span, Table, Tone,
};
use super::view;
use crate::model::Priority;
use crate::model::Source;
use crate::score::{ItemResult, Outcome};

/// How a status stands out: in place is good news, partly a caution, missing bad.
fn status_tone(outcome: Outcome) -> Tone {
    match outcome {
        Outcome::InPlace => Tone::Good,
        Outcome::Partial => Tone::Caution,
        Outcome::NotInPlace => Tone::Bad,
        Outcome::NotApplicable | Outcome::Unanswered | Outcome::Unverified => Tone::Muted,
    }
}

/// An item's title with its id and basis in small type under it.
fn item_cell(item: &ItemResult) -> Cell {
    Cell {
        text: item.title.clone(),
        detail: Some(view::assessment::id_and_basis(item)),
        ..Cell::default()
    }
}

/// The priority, bold for a critical item.
pub(super) fn priority_cell(priority: Priority) -> Cell {
    Cell {
        text: view::priority(priority).to_string(),
        strong: priority == Priority::Critical,
        tone: if priority == Priority::Critical {
            Tone::Bad
        } else {
            Tone::Normal
        },
        ..Cell::default()
    }
}

/// The status in words, toned.
fn status_cell(item: &ItemResult) -> Cell {
    Cell {
        text: item.status_label.clone(),
        strong: true,
        tone: status_tone(item.outcome),
        ..Cell::default()
    }
}

/// A bulleted list of plain lines.
pub(crate) fn bullets<I: IntoIterator<Item = String>>(lines: I) -> Block {
    Block::List(List {
        ordered: false,
        items: lines.into_iter().map(Paragraph::plain).collect(),
    })
}

/// A paragraph that ends with a link to another part of the document.
fn with_link(before: &str, text: &str, id: &str, after: &str) -> Paragraph {
    Paragraph {
        spans: vec![
            Span::plain(before),
            Span::linked(text, Link::Section(id.to_string())),
            Span::plain(after),
        ],
        ..Paragraph::default()
    }
}

/// The sources, one row each (a row stays on one page, so a long address is never split by a
/// page break): the title, linked to the address when it is a web address, then publisher and
/// year in small type. One column, so no reader interleaves the address with other text.
fn sources_table(sources: &[Source]) -> Table {
    let rows = sources
        .iter()
        .map(|s| {
            let mut about = view::assessment::publisher_year(&s.publisher, &s.year);
            if let Some(note) = &s.note {
                about.push_str(if about.ends_with('.') { " " } else { ". " });
                about.push_str(note);
            }
            // A web address is the title's link (print shows it beside the title); any other
            // address is only text, never a link.
            let link = view::assessment::is_web_address(&s.url).then(|| Link::Url(s.url.clone()));
            if link.is_none() {
                about.push('\n');
                about.push_str(&s.url);
            }
            vec![Cell {
                detail: Some(about),
                strong: true,
                link,
                ..Cell::plain(&s.title)
            }]
        })
        .collect();
    Table {
        caption: "Sources and where to read them".into(),
        columns: vec![Column::new("Source", 1.0)],
        rows,
    }
}

/// Every heading id of a document, in order (for tests and for callers that build a contents
/// list).
pub fn heading_ids(document: &Document) -> Vec<&str> {
    headings(document).filter_map(|h| h.id.as_deref()).collect()
}

fn headings(document: &Document) -> impl Iterator<Item = &Heading> {
    document.blocks.iter().filter_map(|b| match b {
        Block::Heading(h) => Some(h),
        _ => None,
    })
}

#[cfg(test)]
mod compare_tests;
#[cfg(test)]
mod tests;
