//! The printable worksheet for a committee meeting: a cover with room for the district, the
//! date and who was present, then each section on a new page, each item with its id (so the
//! answers can be typed in afterwards without doubt), its guidance, a box per value of the
//! scale and room for the evidence and notes.

use super::checklist::{item_facts, scope_line};
use super::view;
use crate::model::{Checklist, Item, Profile};
use crate::report::document::{Block, Cell, Column, Document, Paragraph, Table, Title, Tone};

/// Lines on the cover for the names of those present.
const PRESENT_LINES: usize = 8;

/// A line to write on, about as wide as a meeting-table cell (a blank cell would shrink to
/// nothing).
const WRITE_IN: &str = "________________________________________";

/// The lines to write the evidence and notes on beside the boxes: one per scale value.
fn evidence_lines(values: usize) -> String {
    // An empty line between two lines to write on leaves room for handwriting.
    vec!["__________________________________________________"; values.max(3)].join("\n\n")
}

/// The worksheet of `checklist`, limited to `profile` when one is given.
pub fn worksheet(checklist: &Checklist, profile: Option<&Profile>) -> Document {
    let mut doc = Document::new(format!("SRO program review worksheet: {}", checklist.title));
    doc.subject = Some(scope_line(checklist, profile));
    let sections = checklist.sections_in(profile);
    cover(
        &mut doc,
        checklist,
        profile,
        sections.iter().map(|(_, i)| i.len()),
    );
    for (number, (section, items)) in sections.iter().enumerate() {
        doc.push(Block::PageBreak);
        doc.heading(
            1,
            format!("{}. {}", number + 1, section.title),
            Some(&format!("section-{}", section.id)),
        );
        let count = view::plural(items.len(), "item", "items");
        let about = format!(
            "{count}, section id {}. {}",
            section.id, section.description
        );
        doc.push(Block::Paragraph(Paragraph::toned(
            about.trim_end(),
            Tone::Muted,
        )));
        for item in items {
            item_form(&mut doc, checklist, item);
        }
    }
    doc
}

fn cover(
    doc: &mut Document,
    checklist: &Checklist,
    profile: Option<&Profile>,
    section_sizes: impl Iterator<Item = usize>,
) {
    doc.push(Block::Title(Title {
        kicker: Some("SCHOOL RESOURCE OFFICER PROGRAM".into()),
        title: "Review Worksheet".into(),
        subtitle: Some(checklist.title.clone()),
    }));
    let sizes: Vec<usize> = section_sizes.collect();
    let items: usize = sizes.iter().sum();
    let facts = [
        (
            "Checklist",
            format!("{}, version {}", checklist.id, checklist.version),
        ),
        (
            "Profile",
            profile.map_or_else(
                || "every item (no profile chosen)".to_string(),
                |p| format!("{}: {}", p.id, p.title),
            ),
        ),
        (
            "Items",
            format!(
                "{} in {}",
                view::plural(items, "item", "items"),
                view::plural(sizes.len(), "section", "sections")
            ),
        ),
    ];
    doc.push(Block::key_values(facts));
    doc.push(Block::Paragraph(Paragraph::toned(
        format!(
            "Worksheet for checklist {} {}; sro-assess {}.",
            checklist.id,
            checklist.version,
            env!("CARGO_PKG_VERSION")
        ),
        Tone::Muted,
    )));
    let meeting = ["District", "Date of the meeting", "Recorded by"]
        .into_iter()
        .map(|label| vec![Cell::plain(label), Cell::plain(WRITE_IN)])
        .collect();
    doc.push(Block::Table(Table {
        caption: "The meeting".into(),
        columns: vec![Column::new("", 0.3), Column::new("", 0.7)],
        rows: meeting,
    }));
    doc.push(Block::Table(Table {
        caption: "Present at the meeting".into(),
        columns: vec![
            Column::new("Name", 0.55),
            Column::new("Role or organization", 0.45),
        ],
        rows: (0..PRESENT_LINES)
            .map(|_| vec![Cell::plain(WRITE_IN), Cell::plain(WRITE_IN)])
            .collect(),
    }));
    how_to(doc, checklist);
}

fn how_to(doc: &mut Document, checklist: &Checklist) {
    doc.heading(1, "How to fill it in", Some("how-to"));
    let scale: Vec<String> = checklist
        .scale
        .iter()
        .map(|s| format!("\u{201C}{}\u{201D} ({})", s.label, s.value))
        .collect();
    doc.push(super::bullets([
        format!(
            "Tick one box per item: {}. Leave an item blank when the committee cannot answer \
             it yet; it is then listed as unanswered.",
            scale.join(", ")
        ),
        "Write what shows it (a signed MOU, board minutes, a training roster) and any note. \
         Say why an item does not apply."
            .to_string(),
        "Each item's id is printed under its title: type the answers in afterwards with \
         sro-assess answer, in the spreadsheet from sro-assess init, or straight into the \
         answers file under that id."
            .to_string(),
    ]));
}

/// One item: its title, facts and guidance, then a box per scale value beside room to write.
fn item_form(doc: &mut Document, checklist: &Checklist, item: &Item) {
    doc.heading(2, &item.title, Some(&format!("item-{}", item.id)));
    doc.push(Block::Paragraph(Paragraph::toned(
        item_facts(item),
        Tone::Muted,
    )));
    doc.push(Block::Paragraph(Paragraph::toned(
        &item.guidance,
        Tone::Muted,
    )));
    let boxes: Vec<String> = checklist
        .scale
        .iter()
        .map(|level| format!("[  ] {}", level.label))
        .collect();
    doc.push(Block::Table(Table {
        caption: format!("Answer for {}", item.id),
        columns: vec![
            Column::new("Status (tick one)", 0.32),
            Column::new("Evidence and notes", 0.68),
        ],
        rows: vec![vec![
            Cell::plain(boxes.join("\n")),
            Cell::plain(evidence_lines(boxes.len())),
        ]],
    }));
}
