//! Cells, columns and lines that the comparison and the summary (the subjects over several
//! assessments) set the same way.

use crate::compare::{CellState, DraftNotice, ItemCell};
use crate::model::{Band, Date};
use crate::report::document::{
    Block, Cell, Column, Document, List, Note, Paragraph, Threshold, Tone,
};
use crate::report::view;

/// The small line above a title, as the assessment report sets it.
pub(super) const KICKER: &str = "SCHOOL RESOURCE OFFICER PROGRAM";

/// A cell with an item's title and, under it, its id.
pub(super) fn item_cell(title: &str, id: &str) -> Cell {
    Cell {
        text: title.to_string(),
        detail: Some(id.to_string()),
        ..Cell::default()
    }
}

/// Where an item stands under one column, in the scale's words and a tone.
pub(super) fn status_cell(cell: &ItemCell) -> Cell {
    Cell {
        text: cell.label.clone(),
        tone: state_tone(cell.state),
        ..Cell::default()
    }
}

pub(super) fn state_tone(state: CellState) -> Tone {
    match state {
        CellState::InPlace => Tone::Good,
        CellState::Partial | CellState::Unanswered | CellState::Unverified => Tone::Caution,
        CellState::NotInPlace => Tone::Bad,
        CellState::NotApplicable | CellState::NotInScope => Tone::Muted,
    }
}

/// A cell of bold text (the label of a row).
pub(super) fn strong_cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        strong: true,
        ..Cell::default()
    }
}

/// A right-aligned column (figures).
pub(super) fn figure_column(title: impl Into<String>, share: f32) -> Column {
    Column {
        align: crate::report::document::Align::Right,
        ..Column::new(title, share)
    }
}

/// Columns after `first` that share what is left of the width equally, one per name.
pub(super) fn shared_columns(
    first: Vec<Column>,
    names: impl ExactSizeIterator<Item = String>,
) -> Vec<Column> {
    let used: f32 = first.iter().map(|c| c.share).sum();
    let share = (1.0 - used).max(0.0) / names.len().max(1) as f32;
    first
        .into_iter()
        .chain(names.map(|name| Column::new(name, share)))
        .collect()
}

/// The DRAFT call-out under the title.
/// The DRAFT banner, one line however many drafts there are, and under it why each is one.
pub(super) fn draft_note(doc: &mut Document, notice: Option<&DraftNotice>, among: &str) {
    let Some(notice) = notice else {
        return;
    };
    doc.push(Block::Note(Note {
        tone: Tone::Caution,
        text: view::draft_headline(notice, among),
    }));
    doc.push(Block::List(List {
        ordered: false,
        items: view::draft_reasons_each(notice)
            .into_iter()
            .map(Paragraph::plain)
            .collect(),
    }));
}

/// The rating bands as marks across a chart's scale (the lowest, at 0, marks nothing).
pub(super) fn thresholds(bands: &[Band]) -> Vec<Threshold> {
    bands
        .iter()
        .filter(|band| band.min > 0.0)
        .map(|band| Threshold {
            percent: band.min,
            label: band.label.clone(),
        })
        .collect()
}

/// A muted paragraph of explanation.
pub(super) fn muted(doc: &mut Document, text: impl Into<String>) {
    doc.push(Block::Paragraph(Paragraph::toned(text, Tone::Muted)));
}

/// The document date: the latest assessment's, never the clock.
pub(super) fn date_parts(latest: Option<Date>) -> Option<(u16, u8, u8)> {
    latest.map(|d| (d.year(), d.month(), d.day()))
}

/// `Checklist wi-sro 2026.1; sro-assess 0.1.0.`: with the files' hashes, what a reader needs
/// to make the same document again.
pub(super) fn stamp_line(checklist_id: &str, version: &str) -> String {
    format!(
        "Made with sro-assess {} from checklist {checklist_id} {version}.",
        env!("CARGO_PKG_VERSION")
    )
}
