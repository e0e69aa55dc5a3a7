//! The checklist listing (`checklist show`): every section and item of a checklist, or of one
//! of its profiles, with guidance, next steps and sources, then the sources themselves.

use super::view;
use crate::model::{Checklist, Item, Profile};
use crate::report::document::{Block, Document, Paragraph, Title, Tone};

/// The listing of `checklist`, limited to `profile` when one is given.
pub fn checklist(checklist: &Checklist, profile: Option<&Profile>) -> Document {
    let mut doc = Document::new(scope_line(checklist, profile));
    doc.subject = Some(checklist.title.clone());
    doc.push(Block::Title(Title {
        title: scope_line(checklist, profile),
        ..Title::default()
    }));
    doc.paragraph(&checklist.description);
    for (number, (section, items)) in checklist.sections_in(profile).into_iter().enumerate() {
        doc.heading(
            1,
            format!("{}. {}", number + 1, section.title),
            Some(&format!("section-{}", section.id)),
        );
        doc.push(Block::Paragraph(Paragraph::toned(
            format!(
                "{}, section id {}. {}",
                view::plural(items.len(), "item", "items"),
                section.id,
                section.description
            ),
            Tone::Muted,
        )));
        for item in items {
            item_entry(&mut doc, checklist, item);
        }
    }
    sources(&mut doc, checklist);
    doc
}

/// `Title (version 2026.1), profile existing-program: Assessing an existing SRO program`.
pub(super) fn scope_line(checklist: &Checklist, profile: Option<&Profile>) -> String {
    match profile {
        Some(p) => format!(
            "{} (version {}), profile {}: {}",
            checklist.title, checklist.version, p.id, p.title
        ),
        None => format!("{} (version {})", checklist.title, checklist.version),
    }
}

/// `mou.signed · critical priority · responsible: Joint · belongs in the MOU · basis: Guidance`.
pub(super) fn item_facts(item: &Item) -> String {
    let mut facts = vec![
        item.id.clone(),
        format!("{} priority", view::priority(item.priority)),
        format!("responsible: {}", item.responsible.label()),
    ];
    if item.in_mou {
        facts.push("belongs in the MOU".into());
    }
    if let Some(basis) = item.basis {
        facts.push(format!("basis: {}", basis.label()));
    }
    facts.join(" \u{00B7} ")
}

fn item_entry(doc: &mut Document, checklist: &Checklist, item: &Item) {
    doc.heading(2, &item.title, Some(&format!("item-{}", item.id)));
    doc.push(Block::Paragraph(Paragraph::toned(
        item_facts(item),
        Tone::Muted,
    )));
    let mut pairs = vec![("Guidance", item.guidance.clone())];
    if !item.evidence.is_empty() {
        pairs.push(("Evidence", item.evidence.clone()));
    }
    pairs.push(("Next step if missing", item.recommendation.clone()));
    if let Some(partial) = &item.recommendation_partial {
        pairs.push(("Next step if partly in place", partial.clone()));
    }
    pairs.push(("Sources", citations(checklist, item)));
    doc.push(Block::key_values(pairs));
}

fn citations(checklist: &Checklist, item: &Item) -> String {
    item.sources
        .iter()
        .map(|r| {
            let title = checklist
                .source(&r.source)
                .map_or(r.source.as_str(), |s| s.title.as_str());
            if r.at.is_empty() {
                title.to_string()
            } else {
                format!("{title}, {}", r.at)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn sources(doc: &mut Document, checklist: &Checklist) {
    doc.heading(1, "Sources", Some("sources"));
    doc.push(Block::Table(super::sources_table(&checklist.sources)));
}
