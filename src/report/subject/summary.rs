//! The summary for a state office or consortium: the average, one row per district, the
//! average per section and the most common gaps.

use super::several::{
    KICKER, date_parts, draft_note, figure_column, item_cell, muted, stamp_line, strong_cell,
    thresholds,
};
use super::{comparison_packet, priority_cell};
use crate::compare::{DistrictRow, Summary, UnansweredTally};
use crate::report::RenderOptions;
use crate::report::document::{
    Bar, BarGroup, Block, Cell, Chart, Column, Document, List, Paragraph, Table, Title,
};
use crate::report::view;
use crate::report::view::percent;

/// The whole summary. Summaries carry no internal notes, so the options change nothing of what
/// it says.
pub fn summary(s: &Summary, _options: &RenderOptions) -> Document {
    let mut doc = Document::new(view::summary::summary_title(s));
    let all = || s.districts.iter().chain(&s.other_assessments);
    doc.date = date_parts(all().map(|d| d.date).max());
    doc.running_footer = view::summary::summary_draft_footer(s).unwrap_or_default();
    doc.push(Block::Title(Title {
        kicker: Some(KICKER.to_string()),
        title: "Summary of districts".into(),
        subtitle: Some(format!(
            "{}, {}",
            view::plural(s.district_count, "district", "districts"),
            view::plural(s.files, "assessment", "assessments")
        )),
    }));
    draft_note(&mut doc, s.draft.as_ref(), view::summary::DRAFTS_AMONG);
    let mut pairs = vec![
        ("Checklist", view::summary::summary_checklist_line(s)),
        ("Files", view::summary::files_line(s)),
    ];
    if let (Some(first), Some(last)) = (all().map(|d| d.date).min(), all().map(|d| d.date).max()) {
        let span = if first == last {
            first.to_string()
        } else {
            format!("{first} to {last}")
        };
        pairs.push(("Assessed", span));
    }
    doc.push(Block::key_values(pairs));
    at_a_glance(&mut doc, s);
    let contents_at = doc.blocks.len();
    districts(&mut doc, s);
    section_averages(&mut doc, s);
    common_gaps(&mut doc, s);
    most_unanswered(&mut doc, s);
    most_unverified(&mut doc, s);
    method(&mut doc, s);
    comparison_packet::contents_and_glossary(&mut doc, contents_at, "method");
    doc
}

/// The lead a reader of many districts starts from: the average, the districts with critical
/// gaps, the weakest and strongest sections on average and the most common gap. A summary has
/// no board page: it goes to state or consortium staff, not to one board with one decision.
fn at_a_glance(doc: &mut Document, s: &Summary) {
    doc.heading(1, "At a glance", Some("at-a-glance"));
    doc.push(Block::Paragraph(Paragraph {
        lead: true,
        ..Paragraph::plain(format!("Overall: {}.", view::summary::average_line(s)))
    }));
    let points = glance_points(s);
    if !points.is_empty() {
        doc.push(Block::List(List {
            ordered: false,
            items: points.into_iter().map(Paragraph::plain).collect(),
        }));
    }
    muted(doc, view::summary::GROUPING_NOTE);
}

fn glance_points(s: &Summary) -> Vec<String> {
    let mut points = Vec::new();
    let latest = s.districts.len();
    let count = |f: fn(&DistrictRow) -> bool| s.districts.iter().filter(|d| f(d)).count();
    let critical = count(|d| d.critical_gaps > 0);
    let critical_unanswered = count(|d| d.critical_unanswered > 0);
    if latest > 0 {
        let districts = view::plural(latest, "district", "districts");
        points.push(if critical == 0 {
            format!("None of the {districts} has a critical practice answered as not fully in place in its latest assessment.")
        } else {
            format!(
                "{critical} of {districts} with a current assessment {} a critical practice \
                 answered as not fully in place in {} latest assessment.",
                if critical == 1 { "has" } else { "have" },
                if critical == 1 { "its" } else { "their" }
            )
        });
        if critical_unanswered > 0 {
            points.push(format!(
                "{critical_unanswered} of {districts} {} a critical practice not yet answered \
                 (not counted as a gap: not yet known).",
                if critical_unanswered == 1 {
                    "leaves"
                } else {
                    "leave"
                },
            ));
        }
    }
    points.extend(view::summary::statutory_summary_line(s));
    if let Some(line) = view::summary::weakest_strongest_line(s) {
        points.push(line);
    }
    if let Some(gap) = s.common_gaps.first() {
        points.push(format!(
            "Most common gap: {} ({}).",
            gap.title,
            view::summary::gap_share(gap)
        ));
    }
    if let Some(item) = s.most_unanswered.first() {
        points.push(format!(
            "Most often unanswered: {} ({} of {} it applies to; not a gap).",
            item.title,
            item.districts,
            view::plural(item.applies, "district", "districts")
        ));
    }
    if let Some(item) = s.most_unverified.first() {
        points.push(format!(
            "Most often could not be verified: {} ({} of {} it applies to; not a gap).",
            item.title,
            item.districts,
            view::plural(item.applies, "district", "districts")
        ));
    }
    points
}

fn districts(doc: &mut Document, s: &Summary) {
    doc.heading(1, view::summary::districts_heading(s), Some("districts"));
    if s.districts.is_empty() {
        doc.paragraph(view::summary::NO_LATEST);
    } else {
        doc.push(Block::Table(district_table(
            "The latest assessment of each district",
            &s.districts,
        )));
        muted(doc, view::summary::CRITICAL_GAPS_NOTE);
    }
    if !s.other_assessments.is_empty() {
        doc.heading(
            1,
            view::summary::others_heading(s),
            Some("other-assessments"),
        );
        doc.push(Block::Table(district_table(
            "Earlier assessments and planning options",
            &s.other_assessments,
        )));
    }
}

fn district_table(caption: &str, rows: &[DistrictRow]) -> Table {
    Table {
        caption: caption.into(),
        columns: vec![
            Column::new("District", 0.31),
            Column::new("Date", 0.11),
            Column::new("Profile", 0.14),
            Column::new("Overall", 0.15),
            Column::new("Coverage", 0.18),
            figure_column("Critical gaps", 0.11),
        ],
        rows: rows
            .iter()
            .map(|d| {
                vec![
                    Cell {
                        detail: Some(assessment_line(d)),
                        ..strong_cell(view::summary::district_name(d))
                    },
                    Cell::plain(d.date.to_string()),
                    Cell::plain(&d.profile),
                    strong_cell(view::summary::district_headline(d)),
                    Cell::plain(view::summary::district_coverage(d)),
                    Cell::plain(view::summary::critical_cell(d)),
                ]
            })
            .collect(),
    }
}

/// The assessment's label, when it has one, and whether it is averaged in.
fn assessment_line(d: &DistrictRow) -> String {
    match d.label.trim() {
        "" => view::summary::role_cell(d),
        label => format!("{label}; {}", view::summary::role_cell(d)),
    }
}

fn section_averages(doc: &mut Document, s: &Summary) {
    doc.heading(1, "Average per section", Some("sections"));
    doc.paragraph(view::summary::SECTION_AVERAGE_LINE);
    let groups: Vec<BarGroup> = s
        .sections
        .iter()
        .map(|section| BarGroup {
            label: section.title.clone(),
            bars: vec![Bar {
                percent: section.average,
                value: format!(
                    "{} over {}",
                    percent(section.average),
                    view::plural(section.districts, "district", "districts")
                ),
            }],
        })
        .collect();
    let alt = groups
        .iter()
        .map(|g| {
            let value = g.bars.first().map_or("", |b| b.value.as_str());
            format!("{}: {value}.", g.label)
        })
        .collect::<Vec<_>>()
        .join(" ");
    doc.push(Block::Chart(Chart {
        title: "Average score per section, over each district's answered items".into(),
        series: vec![String::new()],
        groups,
        thresholds: thresholds(&s.bands),
        alt,
    }));
    let mut rows: Vec<Vec<Cell>> = s
        .sections
        .iter()
        .map(|section| {
            vec![
                Cell::plain(&section.title),
                Cell::plain(percent(section.average)),
                Cell::plain(section.districts.to_string()),
            ]
        })
        .collect();
    let averaged = s.districts.iter().filter(|d| d.averaged).count();
    rows.push(vec![
        strong_cell("Overall"),
        strong_cell(percent(s.overall_average)),
        strong_cell(averaged.to_string()),
    ]);
    doc.push(Block::Table(Table {
        caption: "Average score per section".into(),
        columns: vec![
            Column::new("Section", 0.64),
            figure_column("Average", 0.18),
            figure_column("Districts", 0.18),
        ],
        rows,
    }));
}

fn common_gaps(doc: &mut Document, s: &Summary) {
    let shown = s.common_gaps.len().min(view::summary::COMMON_GAPS_SHOWN);
    doc.heading(1, "Most common gaps", Some("common-gaps"));
    if shown == 0 {
        doc.paragraph("No item is a gap in any district.");
        return;
    }
    doc.paragraph(view::summary::common_gaps_line(shown, s.common_gaps.len()));
    let rows = s
        .common_gaps
        .iter()
        .take(shown)
        .map(|gap| {
            vec![
                priority_cell(gap.priority),
                item_cell(&gap.title, &gap.id),
                Cell::plain(view::summary::share(gap.districts, gap.answered, gap.share)),
                Cell::plain(gap.applies.to_string()),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "The items that are a gap in the most districts".into(),
        columns: vec![
            Column::new("Priority", 0.12),
            Column::new("Item", 0.46),
            Column::new("Gap in, of those that answered", 0.26),
            figure_column("Applies to", 0.16),
        ],
        rows,
    }));
}

/// The items most often left unanswered: not gaps, so apart from them.
fn most_unanswered(doc: &mut Document, s: &Summary) {
    let shown = s
        .most_unanswered
        .len()
        .min(view::summary::COMMON_GAPS_SHOWN);
    doc.heading(1, "Most often unanswered", Some("most-unanswered"));
    if shown == 0 {
        doc.paragraph("Every district answered every item of its profile.");
        return;
    }
    doc.paragraph(view::summary::most_unanswered_line(
        shown,
        s.most_unanswered.len(),
    ));
    doc.push(Block::Table(open_items_table(
        &s.most_unanswered[..shown],
        "The items left unanswered in the most districts",
        "Unanswered in",
    )));
}

/// The items most often answered "don't know", apart from the unanswered ones; only when
/// there are some, so a summary without them reads as before.
fn most_unverified(doc: &mut Document, s: &Summary) {
    let shown = s
        .most_unverified
        .len()
        .min(view::summary::COMMON_GAPS_SHOWN);
    if shown == 0 {
        return;
    }
    doc.heading(
        1,
        format!("Could not be verified ({})", s.most_unverified.len()),
        Some("most-unverified"),
    );
    doc.paragraph(view::summary::most_unverified_line(
        shown,
        s.most_unverified.len(),
    ));
    doc.push(Block::Table(open_items_table(
        &s.most_unverified[..shown],
        "The items that could not be verified in the most districts",
        "Could not be verified in",
    )));
}

/// Items without a usable answer somewhere, with the share of districts.
fn open_items_table(items: &[UnansweredTally], caption: &str, counted: &str) -> Table {
    let rows = items
        .iter()
        .map(|item| {
            vec![
                priority_cell(item.priority),
                item_cell(&item.title, &item.id),
                Cell::plain(view::summary::share(
                    item.districts,
                    item.applies,
                    item.share,
                )),
            ]
        })
        .collect();
    Table {
        caption: caption.into(),
        columns: vec![
            Column::new("Priority", 0.12),
            Column::new("Item", 0.58),
            Column::new(counted, 0.30),
        ],
        rows,
    }
}

/// What a reader needs to make the same summary again: each file and its hash.
fn method(doc: &mut Document, s: &Summary) {
    doc.heading(1, "About this summary", Some("method"));
    doc.paragraph(
        "Summaries carry no internal notes: this document may be published. Each answers file \
         is named by a short hash of its contents, so that anyone can check which file a \
         figure comes from.",
    );
    let rows = s
        .districts
        .iter()
        .chain(&s.other_assessments)
        .map(|d| {
            vec![
                strong_cell(view::summary::district_name(d)),
                Cell::plain(&d.label),
                Cell::plain(&d.source),
                Cell::plain(&d.answers_hash),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        caption: "The answers files summarized".into(),
        columns: vec![
            Column::new("District", 0.30),
            Column::new("Assessment", 0.24),
            Column::new("File", 0.28),
            Column::new("Answers file hash", 0.18),
        ],
        rows,
    }));
    muted(doc, stamp_line(&s.checklist.id, &s.checklist.version));
}
