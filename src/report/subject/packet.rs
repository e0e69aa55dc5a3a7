//! The board packet's parts of the gap report: the first page a board member reads (from
//! [`board::first_page`]), the table of contents and the glossary of the terms the report
//! uses. Each part is a run of ordinary blocks, so every medium draws it.

use super::bullets;
use crate::report::board::{self, FirstPage};
use crate::report::document::{Block, Document, Link, List, Paragraph, Span, Tone};
use crate::report::glossary;
use crate::score::Assessment;

/// The heading id of the first page.
pub const FIRST_PAGE_ID: &str = "for-the-board";
/// The heading id of the table of contents.
pub const CONTENTS_ID: &str = "contents";
/// The heading id of the glossary.
pub const GLOSSARY_ID: &str = "glossary";

/// Appends the first page: what was assessed, the result, the findings, the critical gaps,
/// the recommendation, the action asked of the board and the sign-off block.
/// A `compact` page (the brief's) states the statutory duties' counts without naming them:
/// its gap list, which follows, names every one.
pub fn first_page(doc: &mut Document, a: &Assessment, compact: bool) {
    let page = board::first_page(a);
    doc.heading(1, "For the board", Some(FIRST_PAGE_ID));
    doc.paragraph(&page.assessed);
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![Span::strong(&page.result)],
        lead: true,
        ..Paragraph::default()
    }));
    for caveat in &page.caveats {
        doc.push(Block::Paragraph(Paragraph::toned(caveat, Tone::Caution)));
    }
    let statutory = if compact {
        &page.statutory_counts
    } else {
        &page.statutory
    };
    if let Some(statutory) = statutory {
        doc.paragraph(statutory);
    }
    doc.heading(2, "What the assessment found", Some("board-findings"));
    doc.push(Block::List(List {
        ordered: true,
        items: page
            .findings
            .iter()
            .map(|f| Paragraph::plain(&f.text))
            .collect(),
    }));
    critical_gaps(doc, &page);
    // One paragraph, not a list: the first page has few lines to spare.
    if !page.overdue.is_empty() {
        doc.push(Block::Paragraph(Paragraph::toned(
            format!("Overdue: {}.", page.overdue.join("; ")),
            Tone::Caution,
        )));
    }
    committee_and_sign_off(doc, &page.committee);
}

/// The end of a board page: the committee's recommendation and the action it asks of the
/// board (each as given, or its placeholder, muted), then the sign-off block.
pub fn committee_and_sign_off(doc: &mut Document, committee: &board::Committee) {
    doc.heading(
        2,
        "The committee's recommendation",
        Some("board-recommendation"),
    );
    board_text(
        doc,
        committee.recommendation.as_deref(),
        committee.recommendation_text(),
    );
    doc.heading(2, "Action requested of the board", Some("board-action"));
    board_text(
        doc,
        committee.board_action.as_deref(),
        committee.board_action_text(),
    );
    doc.heading(2, "Sign-off", Some("sign-off"));
    doc.push(Block::key_values(
        committee
            .sign_off
            .lines()
            .iter()
            .map(|line| (line.label, line.text().to_string())),
    ));
}

/// The line under the contents of a document with a glossary, so a reader who meets "MOU"
/// knows where it is explained.
pub fn glossary_pointer() -> Block {
    Block::Paragraph(Paragraph {
        tone: Tone::Muted,
        ..super::with_link(
            "Abbreviations and terms of art are explained in the ",
            "Glossary",
            GLOSSARY_ID,
            " near the end.",
        )
    })
}

fn critical_gaps(doc: &mut Document, page: &FirstPage) {
    doc.heading(2, "Critical gaps", Some("board-critical-gaps"));
    if page.critical_gaps.is_empty()
        && page.critical_unanswered.is_empty()
        && page.critical_unverified.is_empty()
    {
        doc.paragraph(crate::report::view::assessment::NO_CRITICAL_GAPS);
        return;
    }
    if !page.critical_gaps.is_empty() {
        doc.push(bullets(page.critical_gaps.iter().cloned()));
    }
    if !page.critical_unanswered.is_empty() {
        doc.paragraph("Critical practices not yet answered:");
        doc.push(bullets(page.critical_unanswered.iter().cloned()));
    }
    if !page.critical_unverified.is_empty() {
        doc.paragraph("Critical practices that could not be verified:");
        doc.push(bullets(page.critical_unverified.iter().cloned()));
    }
}

/// The committee's own words, one paragraph per paragraph of the file; the
/// placeholder, muted, when the file gives none.
fn board_text(doc: &mut Document, given: Option<&str>, shown: &str) {
    if given.is_none() {
        doc.push(Block::Paragraph(Paragraph::toned(shown, Tone::Muted)));
        return;
    }
    for part in paragraphs(shown) {
        doc.paragraph(part);
    }
}

/// A text's paragraphs (split at blank lines), each with its line breaks joined: a YAML block
/// keeps the line breaks of the editor that wrote it, which are no part of the wording.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Inserts a table of contents at block `at`: a link to every chapter (level-1 heading)
/// that follows it.
pub fn insert_contents(doc: &mut Document, at: usize) {
    let entries: Vec<Paragraph> = doc.blocks[at.min(doc.blocks.len())..]
        .iter()
        .filter_map(|block| match block {
            Block::Heading(h) if h.level == 1 => h.id.as_ref().map(|id| Paragraph {
                spans: vec![Span::linked(&h.text, Link::Section(id.clone()))],
                ..Paragraph::default()
            }),
            _ => None,
        })
        .collect();
    let contents = [
        Block::Heading(crate::report::document::Heading {
            level: 1,
            text: "Contents".into(),
            id: Some(CONTENTS_ID.into()),
            keep_together: false,
        }),
        Block::List(List {
            ordered: false,
            items: entries,
        }),
    ];
    let at = at.min(doc.blocks.len());
    doc.blocks.splice(at..at, contents);
}

/// The glossary of the terms `text` uses, as a chapter; nothing when it uses none.
pub fn glossary(text: &str) -> Vec<Block> {
    let terms = glossary::used_in([text]);
    if terms.is_empty() {
        return Vec::new();
    }
    let entries = terms
        .iter()
        .map(|term| Paragraph {
            spans: vec![
                Span::strong(term.heading()),
                Span::plain(format!(": {}", term.definition)),
            ],
            ..Paragraph::default()
        })
        .collect();
    vec![
        Block::Heading(crate::report::document::Heading {
            level: 1,
            text: "Glossary".into(),
            id: Some(GLOSSARY_ID.into()),
            keep_together: false,
        }),
        Block::Paragraph(Paragraph::toned(
            "The abbreviations and terms this report uses, in plain words.",
            Tone::Muted,
        )),
        Block::List(List {
            ordered: false,
            items: entries,
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yaml_block_keeps_its_paragraphs_but_not_its_line_breaks() {
        let text = "Renew the agreement\nfor two years.\n\n  Report back in January.\n\n\n";
        assert_eq!(
            paragraphs(text),
            [
                "Renew the agreement for two years.",
                "Report back in January."
            ]
        );
    }

    #[test]
    fn contents_link_only_the_chapters_after_them() {
        let mut doc = Document::new("Gap report");
        doc.heading(1, "For the board", Some(FIRST_PAGE_ID));
        let at = doc.blocks.len();
        doc.heading(1, "Summary", Some("summary"));
        doc.heading(2, "Section scores", Some("section-scores"));
        doc.heading(1, "Sources", Some("sources"));
        insert_contents(&mut doc, at);
        let Some(Block::List(list)) = doc.blocks.get(at + 1) else {
            panic!("a list after the contents heading");
        };
        let links: Vec<(String, Option<Link>)> = list
            .items
            .iter()
            .map(|p| (p.text(), p.spans[0].link.clone()))
            .collect();
        assert_eq!(
            links,
            [
                ("Summary".into(), Some(Link::Section("summary".into()))),
                ("Sources".into(), Some(Link::Section("sources".into()))),
            ]
        );
    }

    #[test]
    fn a_text_without_terms_gets_no_glossary() {
        assert!(glossary("The board met on Monday.").is_empty());
        let blocks = glossary("The MOU names the SRO.");
        let Some(Block::List(list)) = blocks.get(2) else {
            panic!("a glossary list");
        };
        let terms: Vec<String> = list.items.iter().map(|p| p.spans[0].text.clone()).collect();
        assert!(terms.iter().any(|t| t.starts_with("MOU")), "{terms:?}");
        assert!(terms.iter().any(|t| t.starts_with("SRO")), "{terms:?}");
        assert!(!terms.iter().any(|t| t.starts_with("FERPA")), "{terms:?}");
    }
}
