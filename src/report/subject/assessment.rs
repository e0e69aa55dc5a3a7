//! The gap report of one assessment, in the order a board reads it: cover, the board's first
//! page, contents, summary with the section chart, critical gaps and strengths, gaps in
//! priority order, MOU, action plan, every item by section, unanswered items, local changes,
//! method, glossary and sources.
//!
//! The brief (for a consent agenda) is the title, the first page and the gap list.

use super::{bullets, item_cell, packet, priority_cell, status_cell, status_tone, view, with_link};
use crate::model::Priority;
use crate::report::RenderOptions;
use crate::report::document::{
    Align, Bar, BarGroup, Block, Cell, Chart, Column, Document, Link, List, Note, Paragraph, Span,
    Table, Threshold, Title, Tone,
};
use crate::score::{Assessment, ItemResult};

/// The whole gap report. Internal notes appear only when the options ask for them, and then
/// the document is marked confidential.
pub fn assessment(a: &Assessment, options: &RenderOptions) -> Document {
    let internal = options.include_internal_notes;
    let confidential = internal && a.has_internal_notes();
    let mut doc = Document::new(view::assessment::document_title(a, confidential));
    doc.author = a.meta.prepared_by.clone();
    doc.subject = Some(format!(
        "{}, {}",
        view::assessment::checklist_line(a),
        a.meta.label
    ));
    doc.date = Some((a.meta.date.year(), a.meta.date.month(), a.meta.date.day()));
    doc.confidential = confidential;
    doc.running_footer = view::assessment::draft_line(a).unwrap_or_default();
    if options.brief {
        brief_title(&mut doc, a);
        packet::first_page(&mut doc, a, true);
        gaps(&mut doc, a, internal, true);
        return doc;
    }
    cover(&mut doc, a);
    doc.push(Block::PageBreak);
    packet::first_page(&mut doc, a, false);
    let first_page_end = doc.blocks.len();
    doc.push(Block::PageBreak);
    summary(&mut doc, a);
    gaps(&mut doc, a, internal, false);
    mou(&mut doc, a);
    action_plan(&mut doc, a);
    every_item(&mut doc, a, internal);
    unanswered(&mut doc, a, internal);
    unverified(&mut doc, a, internal);
    tailoring(&mut doc, a);
    method(&mut doc, a);
    let sources_at = doc.blocks.len();
    sources(&mut doc, a);
    // The glossary explains the words of everything before and after it, sources included.
    let glossary = packet::glossary(&doc.plain_text());
    let has_glossary = !glossary.is_empty();
    doc.blocks.splice(sources_at..sources_at, glossary);
    // The contents follow the first page's page break; the pointer to the glossary follows
    // them (the first page has no line to spare).
    let contents_at = first_page_end + 1;
    packet::insert_contents(&mut doc, contents_at);
    if has_glossary {
        doc.blocks
            .insert(contents_at + 2, packet::glossary_pointer());
    }
    doc
}

/// The brief's title block: the title and the notices a reader must see, without the cover's
/// facts (the first page states them in words).
fn brief_title(doc: &mut Document, a: &Assessment) {
    doc.push(Block::Title(Title {
        kicker: Some("SCHOOL RESOURCE OFFICER PROGRAM".into()),
        title: "Board Brief".into(),
        subtitle: Some(a.meta.district.clone()),
    }));
    if let Some(draft) = view::assessment::draft_line(a) {
        note(doc, Tone::Caution, draft);
    }
    if let Some(warning) = view::assessment::version_warning(a) {
        note(doc, Tone::Caution, warning);
    }
    if !doc.confidential {
        muted(doc, view::assessment::PUBLIC_NOTICE);
    }
}

fn note(doc: &mut Document, tone: Tone, text: impl Into<String>) {
    doc.push(Block::Note(Note {
        tone,
        text: text.into(),
    }));
}

fn muted(doc: &mut Document, text: impl Into<String>) {
    doc.push(Block::Paragraph(Paragraph::toned(text, Tone::Muted)));
}

fn cover(doc: &mut Document, a: &Assessment) {
    doc.push(Block::Title(Title {
        kicker: Some("SCHOOL RESOURCE OFFICER PROGRAM".into()),
        title: "Gap Report".into(),
        subtitle: Some(a.meta.district.clone()),
    }));
    if let Some(draft) = view::assessment::draft_line(a) {
        note(doc, Tone::Caution, draft);
    }
    let m = &a.meta;
    let mut facts = vec![
        ("Assessment", m.label.clone()),
        ("Date", m.date.to_string()),
    ];
    if let Some(by) = &m.prepared_by {
        facts.push(("Prepared by", by.clone()));
    }
    if let Some(rater) = view::assessment::rater_line(a) {
        facts.push(("Rated by", rater));
    }
    facts.push(("Checklist", view::assessment::checklist_line(a)));
    facts.push(("Profile", view::assessment::profile_line(a)));
    if let Some(line) = view::assessment::tailoring_line(a) {
        facts.push(("Local checklist", line));
    }
    doc.push(Block::key_values(facts));
    muted(doc, "Overall score");
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![Span::strong(view::assessment::headline(a))],
        lead: true,
        ..Paragraph::default()
    }));
    // The score once, with the coverage it rests on; its arithmetic and the score over the
    // answered items are in the summary. Only where too few items are answered for a rating
    // does the cover also give the score over the answered ones, which the overall score,
    // counting every unanswered item as 0, would otherwise hide.
    muted(doc, view::assessment::coverage(a));
    if let Some(rating) = view::assessment::rating_note(a) {
        muted(
            doc,
            format!(
                "Score over answered items: {}",
                view::assessment::answered_score(a)
            ),
        );
        doc.push(Block::Paragraph(Paragraph::toned(rating, Tone::Caution)));
    }
    if let Some(warning) = view::assessment::version_warning(a) {
        note(doc, Tone::Caution, warning);
    }
    if !doc.confidential {
        muted(doc, view::assessment::PUBLIC_NOTICE);
    }
}

fn summary(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "Summary", Some("summary"));
    doc.push(Block::Paragraph(Paragraph {
        spans: vec![Span::strong(view::assessment::summary_headline(a))],
        ..Paragraph::default()
    }));
    doc.paragraph(view::assessment::method_sentence(a));
    doc.push(Block::key_values(vec![
        ("Coverage", view::assessment::coverage(a)),
        ("Answered", view::assessment::answered_score(a)),
        ("Statuses", view::assessment::counts_line(a)),
        ("Strengths", view::assessment::strengths_line(a)),
        ("Gaps", view::assessment::gaps_line(a)),
    ]));
    doc.heading(2, "Section scores", Some("section-scores"));
    doc.push(Block::Chart(section_chart(a)));
    critical(doc, a);
    strengths(doc, a);
}

fn section_chart(a: &Assessment) -> Chart {
    let groups: Vec<BarGroup> = a
        .sections
        .iter()
        .map(|s| BarGroup {
            label: s.title.clone(),
            bars: vec![if s.rated {
                Bar {
                    percent: s.score.percent,
                    value: view::assessment::bar_value(&s.score),
                }
            } else {
                // Too little answered for a score: a short bar would read as a weak section.
                Bar {
                    percent: None,
                    value: view::not_rated_section(s.coverage),
                }
            }],
        })
        .collect();
    let alt = groups
        .iter()
        .map(|g| format!("{}: {}", g.label, g.bars[0].value))
        .collect::<Vec<_>>()
        .join("; ");
    Chart {
        title: "Each section's score: percent (earned / possible weight)".into(),
        series: vec![String::new()],
        groups,
        thresholds: a
            .method
            .bands
            .iter()
            .filter(|b| b.min > 0.0)
            .map(|b| Threshold {
                percent: b.min,
                label: b.label.clone(),
            })
            .collect(),
        alt: format!("Score of each section, percent (earned / possible weight). {alt}."),
    }
}

fn figure(text: String) -> Cell {
    Cell::plain(text)
}

fn right(title: &str, share: f32) -> Column {
    Column {
        align: Align::Right,
        ..Column::new(title, share)
    }
}

fn critical(doc: &mut Document, a: &Assessment) {
    let lines = view::assessment::critical_gap_lines(a);
    doc.heading(
        2,
        format!("Critical gaps ({})", lines.len()),
        Some("critical-gaps"),
    );
    if lines.is_empty() {
        doc.paragraph(view::assessment::NO_CRITICAL_GAPS);
    } else {
        doc.push(bullets(lines));
    }
    let open = view::assessment::critical_unanswered_lines(a);
    if !open.is_empty() {
        doc.heading(
            2,
            format!("Critical items not yet answered ({})", open.len()),
            Some("critical-open"),
        );
        doc.push(bullets(open));
    }
}

fn strengths(doc: &mut Document, a: &Assessment) {
    let strengths: Vec<&ItemResult> = a.strengths().collect();
    doc.heading(2, "Top strengths", Some("strengths"));
    if strengths.is_empty() {
        doc.paragraph(view::assessment::NO_STRENGTHS);
        return;
    }
    let shown = view::assessment::STRENGTHS_SHOWN;
    doc.push(bullets(
        strengths.iter().take(shown).map(|i| i.title.clone()),
    ));
    if strengths.len() > shown {
        let more = format!(
            "{} See ",
            view::assessment::more_strengths(strengths.len() - shown)
        );
        doc.push(Block::Paragraph(Paragraph {
            tone: Tone::Muted,
            ..with_link(&more, "Every item, by section", "every-item", ".")
        }));
    }
}

// Every chapter after the contents follows on from what comes before it rather than start a
// page: a new page there leaves the page before it mostly empty whenever the table before it
// runs a few rows over (a page with one row of the action plan). A heading still keeps its
// first lines with it.
/// A `compact` list (the brief's) leaves out each item's id and basis, which a board member
/// does not need to weigh a gap, so the brief stays within four pages.
fn gaps(doc: &mut Document, a: &Assessment, internal: bool, compact: bool) {
    let gaps: Vec<&ItemResult> = a.gaps().collect();
    doc.heading(
        1,
        format!("Gaps in priority order ({})", gaps.len()),
        Some("gaps"),
    );
    if gaps.is_empty() {
        doc.paragraph(view::assessment::NO_GAPS);
        return;
    }
    doc.paragraph(view::assessment::GAPS_INTRO);
    // The brief has no list of unanswered items to point to; its first page counts them.
    if !compact {
        doc.push(Block::Paragraph(with_link(
            &format!("{} ", view::assessment::UNANSWERED_APART),
            "Unanswered items",
            "unanswered",
            ".",
        )));
    }
    // The brief lists the critical and high-priority gaps in full and counts the rest, so it
    // stays within four pages; the full report lists every one.
    let shown: Vec<&ItemResult> = if compact {
        gaps.iter()
            .copied()
            .filter(|i| matches!(i.priority, Priority::Critical | Priority::High))
            .collect()
    } else {
        gaps.clone()
    };
    let rows = shown
        .iter()
        .map(|item| {
            let lines = view::assessment::answer_lines(item, internal);
            vec![
                figure(item.gap_rank.unwrap_or(0).to_string()),
                priority_cell(item.priority),
                if compact {
                    Cell::plain(&item.title)
                } else {
                    item_cell(item)
                },
                status_cell(item),
                Cell {
                    detail: (!lines.is_empty()).then(|| lines.join("\n")),
                    ..Cell::plain(&item.recommendation)
                },
                Cell {
                    detail: view::assessment::owner_due(item),
                    ..Cell::plain(item.responsible.label())
                },
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Gaps, most urgent first".into(),
        columns: vec![
            right("#", 0.04),
            Column::new("Priority", 0.09),
            Column::new("Item", if compact { 0.22 } else { 0.27 }),
            Column::new("Status", 0.10),
            Column::new("Next step and evidence", if compact { 0.39 } else { 0.34 }),
            Column::new("Responsible, owner", 0.16),
        ],
        rows,
    }));
    if shown.len() < gaps.len() {
        doc.paragraph(view::assessment::more_gaps_line(gaps.len() - shown.len()));
    }
}

fn mou(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "What the next MOU should say", Some("mou"));
    let items = a.mou_gaps();
    if items.is_empty() {
        doc.paragraph(view::assessment::NO_MOU_GAPS);
        return;
    }
    doc.paragraph(view::assessment::MOU_INTRO);
    let entries = items
        .iter()
        .map(|item| Paragraph {
            spans: vec![
                Span::strong(&item.title),
                Span::plain(format!(" ({}); see ", view::assessment::mou_facts(item))),
                Span::linked(
                    view::assessment::gap_reference(item),
                    Link::Section("gaps".into()),
                ),
                Span::plain("."),
            ],
            ..Paragraph::default()
        })
        .collect();
    doc.push(Block::List(List {
        ordered: true,
        items: entries,
    }));
}

fn action_plan(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "Action plan", Some("action-plan"));
    let planned = a.action_plan();
    if planned.is_empty() {
        doc.paragraph(view::assessment::NO_ACTION_PLAN);
        return;
    }
    doc.paragraph(view::assessment::action_plan_intro(
        a.gaps().count() - planned.len(),
    ));
    let rows = planned
        .iter()
        .map(|item| {
            let answer = item.answer.as_ref();
            let due = match item.overdue_since {
                Some(due) => view::assessment::overdue_mark(due),
                None => answer
                    .and_then(|a| a.due)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            };
            let owner = answer.and_then(|a| a.owner.clone());
            vec![
                Cell {
                    strong: true,
                    tone: if item.overdue_since.is_some() {
                        Tone::Bad
                    } else {
                        Tone::Normal
                    },
                    ..Cell::plain(due)
                },
                Cell::plain(owner.unwrap_or_default()),
                item_cell(item),
                priority_cell(item.priority),
                Cell {
                    link: Some(Link::Section("gaps".into())),
                    ..Cell::plain(view::assessment::gap_reference(item))
                },
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Action plan, soonest first".into(),
        columns: vec![
            Column::new("Due", 0.12),
            Column::new("Owner", 0.22),
            Column::new("Item", 0.44),
            Column::new("Priority", 0.11),
            Column::new("Gap list", 0.11),
        ],
        rows,
    }));
}

fn every_item(doc: &mut Document, a: &Assessment, internal: bool) {
    doc.heading(1, "Every item, by section", Some("every-item"));
    for section in &a.sections {
        let id = format!("items-{}", section.id);
        doc.heading(2, &section.title, Some(&id));
        muted(doc, view::assessment::section_line(section));
        for item in a.section_items(&section.id) {
            doc.push(Block::Paragraph(Paragraph {
                spans: vec![Span::strong(&item.title)],
                ..Paragraph::default()
            }));
            doc.push(Block::Paragraph(Paragraph::toned(
                view::assessment::item_facts(item),
                status_tone(item.outcome),
            )));
            for line in view::assessment::answer_lines(item, internal) {
                let tone = if line.starts_with(&view::assessment::internal_note("")) {
                    Tone::Bad
                } else {
                    Tone::Normal
                };
                doc.push(Block::Paragraph(Paragraph::toned(line, tone)));
            }
        }
    }
}

fn unanswered(doc: &mut Document, a: &Assessment, internal: bool) {
    let items: Vec<&ItemResult> = a.unanswered().collect();
    doc.heading(
        1,
        format!("Unanswered items ({})", items.len()),
        Some("unanswered"),
    );
    if items.is_empty() {
        doc.paragraph(view::assessment::ALL_ANSWERED);
        return;
    }
    doc.paragraph(view::assessment::UNANSWERED_INTRO);
    doc.push(Block::Table(open_items_table(
        &items,
        "Unanswered items, most urgent first",
        internal,
    )));
}

/// The items answered "don't know", apart from the unanswered ones; only when there are some,
/// so a report without them reads as before.
fn unverified(doc: &mut Document, a: &Assessment, internal: bool) {
    let items: Vec<&ItemResult> = a.unverified().collect();
    if items.is_empty() {
        return;
    }
    doc.heading(
        1,
        view::assessment::unverified_heading(items.len()),
        Some("unverified"),
    );
    doc.paragraph(view::assessment::UNVERIFIED_INTRO);
    doc.push(Block::Table(open_items_table(
        &items,
        "Items that could not be verified, most urgent first",
        internal,
    )));
}

/// Items without a usable answer, with what the committee noted about each.
fn open_items_table(items: &[&ItemResult], caption: &str, internal: bool) -> Table {
    let rows = items
        .iter()
        .map(|item| {
            vec![
                priority_cell(item.priority),
                item_cell(item),
                // What the committee wrote although it could not answer ("the clause exists
                // but its text was not visible") is the reader's only clue.
                Cell::plain(view::assessment::answer_lines(item, internal).join("\n")),
                Cell::plain(item.responsible.label()),
                figure(view::weight(item.weight)),
            ]
        })
        .collect();
    Table {
        caption: caption.into(),
        columns: vec![
            Column::new("Priority", 0.11),
            Column::new("Item", 0.38),
            Column::new("What the committee noted", 0.28),
            Column::new("Responsible", 0.12),
            right("Weight", 0.11),
        ],
        rows,
    }
}

/// What a local checklist changed from the one it extends, with each removal's reason, so the
/// board sees that the score is not on the standard checklist.
fn tailoring(doc: &mut Document, a: &Assessment) {
    let Some(line) = view::assessment::tailoring_line(a) else {
        return;
    };
    doc.heading(1, "Local changes to the checklist", Some("tailoring"));
    doc.paragraph(line);
    let changes = view::assessment::tailoring_changes(a);
    if !changes.is_empty() {
        doc.push(bullets(changes));
    }
}

fn method(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "How this was scored", Some("method"));
    for line in view::assessment::method_limits(a) {
        doc.paragraph(line);
    }
    doc.paragraph(view::assessment::method_sentence(a));
    doc.paragraph(view::assessment::FORMULA);
    if let Some(account) = view::assessment::consensus_method(a) {
        doc.heading(
            2,
            view::assessment::CONSENSUS_HEADING,
            Some("consensus-method"),
        );
        doc.paragraph(account);
    }
    method_tables(doc, a);
    doc.heading(
        2,
        "Not applicable and unanswered items",
        Some("not-applicable"),
    );
    if let Some(rule) = view::assessment::not_applicable_rule(a) {
        doc.paragraph(rule);
    }
    doc.paragraph(view::assessment::UNANSWERED_RULE);
    if let Some(rule) = view::assessment::unverified_rule(a) {
        doc.paragraph(rule);
    }
    doc.paragraph(view::assessment::GAP_ORDER);
    doc.heading(2, "The arithmetic, section by section", Some("arithmetic"));
    doc.push(Block::Table(arithmetic_table(a)));
    doc.heading(2, "Reproducibility", Some("stamp"));
    doc.paragraph(view::assessment::STAMP_INTRO);
    muted(doc, view::assessment::stamp(a));
}

fn method_tables(doc: &mut Document, a: &Assessment) {
    doc.heading(2, "Response scale", Some("scale"));
    let scale = a
        .method
        .scale
        .iter()
        .map(|lvl| {
            vec![
                Cell::plain(&lvl.label),
                Cell::plain(&lvl.value),
                Cell::plain(view::assessment::credit(lvl)),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Response scale and the credit of each status".into(),
        columns: vec![
            Column::new("Status", 0.4),
            Column::new("Written as", 0.3),
            Column::new("Credit", 0.3),
        ],
        rows: scale,
    }));
    doc.heading(2, "Weights", Some("weights"));
    let weights = Priority::ALL
        .iter()
        .map(|&p| {
            vec![
                Cell::plain(view::priority(p)),
                figure(view::weight(a.method.weights.of(p))),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Weight of each priority".into(),
        columns: vec![Column::new("Priority", 0.4), right("Weight", 0.6)],
        rows: weights,
    }));
    basis_table(doc, a);
    doc.heading(2, "Ratings", Some("ratings"));
    let bands = a
        .method
        .bands
        .iter()
        .map(|b| {
            let next = a
                .method
                .bands
                .iter()
                .map(|other| other.min)
                .filter(|&min| min > b.min)
                .min_by(f64::total_cmp);
            vec![
                Cell::plain(&b.label),
                Cell::plain(view::assessment::band_range(b.min, next)),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Rating by overall score".into(),
        columns: vec![
            Column::new("Rating", 0.4),
            Column::new("Overall score", 0.6),
        ],
        rows: bands,
    }));
}

/// The score by basis: the statutory duties apart from guidance, examples and local practice.
fn basis_table(doc: &mut Document, a: &Assessment) {
    if a.by_basis.is_empty() {
        return;
    }
    doc.heading(2, "Score by basis", Some("by-basis"));
    doc.paragraph(view::assessment::BASIS_LINE);
    let rows = a
        .by_basis
        .iter()
        .map(|b| {
            vec![
                Cell::plain(&b.label),
                figure(b.scored().to_string()),
                figure(b.in_place.to_string()),
                figure(b.partly_or_not().to_string()),
                figure(view::assessment::not_answered_count(
                    b.unanswered,
                    b.unverified,
                )),
                figure(view::percent(b.answered_score.percent)),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "Where the items of each basis stand".into(),
        columns: vec![
            Column::new("Basis", 0.24),
            right("Items that apply", 0.16),
            right("In place", 0.14),
            right("Partly or not", 0.16),
            right("Not answered", 0.14),
            right("Score, answered", 0.16),
        ],
        rows,
    }));
}

fn arithmetic_table(a: &Assessment) -> Table {
    let mut rows: Vec<Vec<Cell>> = a
        .sections
        .iter()
        .map(|s| {
            vec![
                Cell::plain(&s.title),
                figure(s.items.to_string()),
                figure(view::fraction(&s.score)),
                figure(if s.rated {
                    view::percent(s.score.percent)
                } else {
                    view::not_rated_section(s.coverage)
                }),
            ]
        })
        .collect();
    let total = [
        Cell::plain("Overall"),
        figure(a.coverage.items.to_string()),
        figure(view::fraction(&a.overall)),
        figure(view::percent(a.overall.percent)),
    ];
    rows.push(
        total
            .into_iter()
            .map(|c| Cell { strong: true, ..c })
            .collect(),
    );
    Table {
        caption: "Earned and possible weight per section".into(),
        columns: vec![
            Column::new("Section", 0.52),
            right("Items", 0.12),
            right("Earned / possible", 0.2),
            right("Score", 0.16),
        ],
        rows,
    }
}

fn sources(doc: &mut Document, a: &Assessment) {
    doc.heading(1, "Sources", Some("sources"));
    doc.paragraph(view::assessment::SOURCES_INTRO);
    doc.push(Block::Table(super::sources_table(&a.sources)));
}
