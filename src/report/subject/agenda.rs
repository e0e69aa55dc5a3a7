//! A committee's consensus agenda: how far the members agree, then the items the meeting must
//! settle (one block each, a line per member and room for the decision), the items most members
//! could not judge, the items that need no discussion, and each group's view.

use super::bullets;
use super::several::{KICKER, date_parts, figure_column, muted, stamp_line, strong_cell};
use crate::consensus::{Consensus, ConsensusItem};
use crate::report::RenderOptions;
use crate::report::document::{
    Block, Cell, Column, Document, Heading, Paragraph, Span, Table, Title, Tone,
};
use crate::report::view;
use crate::report::view::agenda as words;

/// The whole agenda. Members' internal notes appear only when the options ask for them, and
/// then the document is marked confidential.
pub fn agenda(c: &Consensus, options: &RenderOptions) -> Document {
    let internal = options.include_internal_notes;
    let confidential = internal && c.has_internal_notes();
    let mut doc = Document::new(words::agenda_title(c, confidential));
    doc.confidential = confidential;
    doc.subject = Some(format!(
        "{} {}, {}",
        c.checklist.title, c.checklist.version, c.profile.title
    ));
    doc.date = date_parts(c.date);
    doc.push(Block::Title(Title {
        kicker: Some(KICKER.to_string()),
        title: "Consensus agenda".into(),
        subtitle: Some(c.district.clone()),
    }));
    let mut facts = vec![
        (
            "Checklist",
            format!("{} {}", c.checklist.title, c.checklist.version),
        ),
        ("Profile", c.profile.title.clone()),
        ("Members", words::members_line(c)),
    ];
    if let Some(date) = c.date {
        facts.push(("Latest rating", date.to_string()));
    }
    doc.push(Block::key_values(facts));
    if !doc.confidential {
        muted(
            &mut doc,
            "Internal notes are not included: this agenda may be shared.",
        );
    }
    agreement(&mut doc, c);
    for_discussion(&mut doc, c, internal);
    dont_know(&mut doc, c);
    settled(&mut doc, c);
    groups(&mut doc, c);
    method(&mut doc, c);
    doc
}

fn agreement(doc: &mut Document, c: &Consensus) {
    doc.heading(1, "Agreement", Some("agreement"));
    doc.push(Block::Paragraph(Paragraph {
        lead: true,
        ..Paragraph::plain(words::agreement_line(&c.agreement))
    }));
    doc.paragraph(words::alpha_line(&c.agreement));
    let flagged = c.agenda().len();
    doc.paragraph(format!(
        "{} for the meeting to settle; {} that most members could not judge.",
        view::plural(flagged, "item", "items"),
        view::plural(c.mostly_dont_know().len(), "item", "items")
    ));
}

fn for_discussion(doc: &mut Document, c: &Consensus, internal: bool) {
    let agenda = c.agenda();
    doc.heading(
        1,
        format!("For discussion ({})", agenda.len()),
        Some("discussion"),
    );
    if agenda.is_empty() {
        doc.paragraph("No item is flagged: the members' ratings are close on every item.");
        return;
    }
    muted(
        doc,
        "Critical items first. Each shows every member's rating and what they wrote, the proposal, and room for the meeting's decision.",
    );
    for item in agenda {
        discussion_item(doc, c, item, internal);
    }
}

fn discussion_item(doc: &mut Document, c: &Consensus, item: &ConsensusItem, internal: bool) {
    // On paper each item stays whole: the members' lines and the room for the decision.
    doc.push(Block::Heading(Heading {
        level: 2,
        text: item.title.clone(),
        id: None,
        keep_together: true,
    }));
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![
            Span::strong(format!("{} priority", view::priority(item.priority))),
            Span::plain(format!(" · {} · ", item.id)),
            Span::plain(
                item.flag
                    .map(|f| words::flag_line(c, f))
                    .unwrap_or_default(),
            ),
        ],
        ..Paragraph::default()
    }));
    doc.push(Block::Table(ratings_table(c, item, internal)));
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![Span::strong(words::proposal_line(c, item))],
        ..Paragraph::default()
    }));
    doc.paragraph("Decision: ______________________________________________");
}

fn ratings_table(c: &Consensus, item: &ConsensusItem, internal: bool) -> Table {
    let rows = c
        .raters
        .iter()
        .zip(&item.ratings)
        .map(|(rater, answer)| {
            vec![
                strong_cell(&rater.name),
                Cell::plain(rater.group.as_deref().unwrap_or("")),
                Cell::plain(words::rating_words(c, answer.as_ref())),
                Cell::plain(words::member_notes(answer.as_ref(), internal)),
            ]
        })
        .collect();
    Table {
        caption: "Members' ratings".into(),
        columns: vec![
            Column::new("Member", 0.2),
            Column::new("Group", 0.18),
            Column::new("Rating", 0.17),
            Column::new("Evidence and notes", 0.45),
        ],
        rows,
    }
}

fn dont_know(doc: &mut Document, c: &Consensus) {
    let items = c.mostly_dont_know();
    if items.is_empty() {
        return;
    }
    doc.heading(
        1,
        format!("Most members could not judge ({})", items.len()),
        Some("dont-know"),
    );
    doc.paragraph("The committee lacks what it needs to judge these items: worth a line for the board, and a document or a person to ask before the next review.");
    doc.push(bullets(items.iter().map(|i| words::dont_know_line(c, i))));
}

/// The items that need no discussion, counted: their proposals stand and go into the
/// consensus file, so the meeting's paper spends no pages on them.
fn settled(doc: &mut Document, c: &Consensus) {
    let settled = c.settled();
    doc.heading(
        1,
        format!("No discussion needed ({})", settled.len()),
        Some("settled"),
    );
    doc.paragraph(words::settled_line(c));
    if let Some(line) = words::nobody_answered_line(c) {
        muted(doc, line);
    }
}

fn groups(doc: &mut Document, c: &Consensus) {
    let Some(view) = &c.groups else {
        return;
    };
    doc.heading(1, "How each group sees the program", Some("groups"));
    let differing: Vec<String> = view
        .sections
        .iter()
        .filter(|s| s.differs)
        .map(|s| words::group_difference_line(view, s))
        .collect();
    if differing.is_empty() {
        doc.paragraph(format!(
            "No section's scores differ by {} points or more between groups.",
            crate::consensus::SECTION_DIFFERENCE_POINTS
        ));
    } else {
        doc.push(bullets(differing));
    }
    let mut columns = vec![Column::new("Section", 0.3)];
    let share = 0.7 / view.groups.len() as f32;
    columns.extend(view.groups.iter().map(|g| figure_column(g, share)));
    let rows = view
        .sections
        .iter()
        .map(|s| {
            let mut row = vec![Cell {
                strong: s.differs,
                ..Cell::plain(&s.title)
            }];
            row.extend(s.percents.iter().zip(&s.ratings).map(|(p, n)| Cell {
                tone: if s.differs {
                    Tone::Caution
                } else {
                    Tone::Normal
                },
                ..Cell::plain(words::group_score(*p, *n))
            }));
            row
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Each group's section scores, from its members' ratings".into(),
        columns,
        rows,
    }));
}

fn method(doc: &mut Document, c: &Consensus) {
    doc.heading(1, "How the consensus is proposed", Some("method"));
    for line in words::method_lines(c) {
        doc.paragraph(line);
    }
    let files: Vec<String> = c
        .raters
        .iter()
        .map(|r| format!("{}: {}", r.name, r.file))
        .collect();
    doc.heading(2, "Members' files", None);
    doc.push(bullets(files));
    muted(doc, stamp_line(&c.checklist.id, &c.checklist.version));
}
