//! The report's parts, in the PDF's order (see `pdf::content`): cover, summary, gaps, MOU,
//! action plan, every item, unanswered items, method, sources, stamp. The prose is the PDF's.

use maud::{Markup, html};

use super::chart;
use crate::model::Priority;
use crate::report::pdf::content::{method_sentence, plural};
use crate::report::view;
use crate::score::{Assessment, ItemResult, Outcome};

/// The top-level parts, as (anchor, heading): the contents list and the `h2`s share them.
fn part_titles(a: &Assessment) -> [(&'static str, String); 9] {
    [
        ("summary", "Summary".to_string()),
        (
            "gaps",
            format!("Gaps in priority order ({})", a.gaps().count()),
        ),
        ("mou", "What the next MOU should say".to_string()),
        ("action-plan", "Action plan".to_string()),
        ("every-item", "Every item, by section".to_string()),
        (
            "unanswered",
            format!("Unanswered items ({})", a.unanswered().count()),
        ),
        ("method", "How this was scored".to_string()),
        ("sources", "Sources".to_string()),
        ("stamp", "Reproducibility".to_string()),
    ]
}

fn part_heading(a: &Assessment, anchor: &str) -> Markup {
    let titles = part_titles(a);
    let title = titles
        .iter()
        .find(|(id, _)| *id == anchor)
        .map_or("", |(_, t)| t.as_str());
    html! { h2 id=(anchor) { (title) } }
}

/// A status as words with a shape beside them: never colour alone.
fn status(item: &ItemResult) -> Markup {
    let class = match item.outcome {
        Outcome::InPlace => "in-place",
        Outcome::Partial => "partial",
        Outcome::NotInPlace => "not-in-place",
        Outcome::NotApplicable => "not-applicable",
        Outcome::Unanswered => "unanswered",
    };
    html! {
        span class={ "status " (class) } {
            span class="mark" aria-hidden="true" {}
            (item.status_label)
        }
    }
}

fn priority(item: &ItemResult) -> Markup {
    let text = view::priority(item.priority);
    html! {
        @if item.priority == Priority::Critical {
            strong class="critical" { (text) }
        } @else {
            (text)
        }
    }
}

/// An item's title with its id in small type beneath, as in the PDF's tables.
fn item_cell(item: &ItemResult) -> Markup {
    html! {
        (item.title)
        br;
        span class="id" { (item.id) }
        @if let Some(basis) = item.basis { " " span class="basis" { (basis.label()) } }
    }
}

fn owner_due(item: &ItemResult) -> Markup {
    let answer = item.answer.as_ref();
    let owner = answer.and_then(|a| a.owner.as_deref());
    let due = answer.and_then(|a| a.due);
    html! {
        @if owner.is_none() && due.is_none() {
            span aria-hidden="true" { "\u{2014}" }
            span class="visually-hidden" { "none" }
        }
        @if let Some(owner) = owner { (owner) }
        @if owner.is_some() && due.is_some() { br; }
        @if let Some(due) = due { "due " (due) }
    }
}

/// A table that scrolls sideways on its own when it is wider than a phone, so the page
/// never does; focusable, so keyboard users can scroll it too.
fn table(id: &str, caption: &str, head: &[&str], rows: Markup) -> Markup {
    let caption_id = format!("{id}-caption");
    html! {
        div class="scroll" role="region" aria-labelledby=(caption_id) tabindex="0" {
            table id=(id) {
                caption id=(caption_id) { (caption) }
                thead { tr { @for h in head { th scope="col" { (h) } } } }
                tbody { (rows) }
            }
        }
    }
}

/// The cover: what the PDF's first page says, and CONFIDENTIAL first when notes are in.
pub(super) fn cover(a: &Assessment, confidential: bool) -> Markup {
    let m = &a.meta;
    html! {
        header class="cover" {
            @if let Some(draft) = view::draft_line(a) {
                p class="draft" { strong { (draft) } }
            }
            @if confidential {
                p class="confidential" {
                    strong { "CONFIDENTIAL: this report includes internal notes. Do not publish it." }
                }
            }
            p class="eyebrow" { "School Resource Officer program" }
            h1 { "Gap Report" span class="district" { (m.district) } }
            dl class="facts" {
                dt { "Assessment" } dd { (m.label) }
                dt { "Date" } dd { (m.date) }
                @if let Some(by) = &m.prepared_by { dt { "Prepared by" } dd { (by) } }
                dt { "Checklist" } dd { (view::checklist_line(a)) }
                dt { "Profile" } dd { (view::profile_line(a)) }
                @if let Some(line) = view::tailoring_line(a) { dt { "Local checklist" } dd { (line) } }
            }
            div class="overall" {
                p class="label" { "Overall score" }
                p class="headline" { (view::headline(a)) }
                p { (view::arithmetic(&a.overall)) }
                p { (view::coverage(a)) }
                p { "Score over answered items: " (view::answered_score(a)) }
                @if let Some(note) = view::rating_note(a) { p class="warning" { (note) } }
            }
            @if let Some(warning) = view::version_warning(a) { p class="warning" { (warning) } }
            @if !confidential {
                p class="small" { "Internal notes are not included: this report may be published." }
            }
        }
    }
}

/// A list of the parts, so a reader can jump to one (a screen reader's heading list works too).
pub(super) fn contents(a: &Assessment) -> Markup {
    html! {
        nav class="contents" aria-labelledby="contents-heading" {
            h2 id="contents-heading" { "Contents" }
            ol { @for (id, title) in part_titles(a) { li { a href={ "#" (id) } { (title) } } } }
        }
    }
}

pub(super) fn summary(a: &Assessment) -> Markup {
    let headline = format!(
        "{} scores {} on this checklist: {}.",
        a.meta.district,
        view::headline(a),
        view::arithmetic(&a.overall)
    );
    let gaps = format!(
        "{} answered, plus {} unanswered",
        a.gaps().count(),
        a.unanswered().count()
    );
    html! {
        section class="part page" aria-labelledby="summary" {
            (part_heading(a, "summary"))
            p { strong { (headline) } }
            p { (method_sentence(a)) }
            dl class="facts" {
                dt { "Coverage" } dd { (view::coverage(a)) }
                dt { "Answered" } dd { (view::answered_score(a)) }
                dt { "Statuses" } dd { (view::counts_line(a)) }
                dt { "Strengths" } dd { (view::strengths_line(a)) }
                dt { "Gaps" } dd { (gaps) }
            }
            h3 { "Section scores" }
            (chart::section_chart(a))
            (section_table(a))
            (critical_gaps(a))
            (top_strengths(a))
        }
    }
}

/// The chart's figures as a table: the same numbers for anyone who cannot see the bars.
fn section_table(a: &Assessment) -> Markup {
    let rows = html! {
        @for s in &a.sections {
            tr {
                th scope="row" { (s.title) }
                td class="num" { (view::percent(s.score.percent)) }
                td class="num" { (view::fraction(&s.score)) }
            }
        }
    };
    table(
        "section-scores",
        "Section scores (the figures of the chart above)",
        &["Section", "Score", "Earned / possible weight"],
        rows,
    )
}

fn critical_gaps(a: &Assessment) -> Markup {
    let lines = view::critical_gap_lines(a);
    let open = view::critical_unanswered_lines(a);
    html! {
        h3 { "Critical gaps (" (lines.len()) ")" }
        @if lines.is_empty() {
            p { "No critical practice is answered as missing." }
        } @else {
            ul { @for line in &lines { li { (line) } } }
        }
        @if !open.is_empty() {
            h3 { "Critical items not yet answered (" (open.len()) ")" }
            ul { @for line in &open { li { (line) } } }
        }
    }
}

fn top_strengths(a: &Assessment) -> Markup {
    const SHOWN: usize = view::STRENGTHS_SHOWN;
    let strengths: Vec<&ItemResult> = a.strengths().collect();
    html! {
        h3 { "Top strengths" }
        @if strengths.is_empty() {
            p { "No practice is fully in place yet." }
        } @else {
            ul { @for item in strengths.iter().take(SHOWN) { li { (item.title) } } }
            @if strengths.len() > SHOWN {
                p class="small" {
                    "and " (plural(strengths.len() - SHOWN, "item", "items"))
                    " more (see " a href="#every-item" { "\u{201C}Every item, by section\u{201D}" } ")."
                }
            }
        }
    }
}

pub(super) fn gaps(a: &Assessment) -> Markup {
    let gaps: Vec<&ItemResult> = a.gaps().collect();
    let rows = html! {
        @for item in &gaps {
            tr {
                td class="num" { (item.gap_rank.unwrap_or(0)) }
                td { (priority(item)) }
                th scope="row" { (item_cell(item)) }
                td { (status(item)) }
                td { (item.responsible.label()) }
                td { (item.recommendation) }
                td { (owner_due(item)) }
            }
        }
    };
    html! {
        section class="part page" aria-labelledby="gaps" {
            (part_heading(a, "gaps"))
            @if gaps.is_empty() {
                p { "No gaps among the answered items." }
            } @else {
                p {
                    "Practices partly or not in place, most urgent first: by priority, then by the \
                     weight lost, then in checklist order. Unanswered items are listed apart, further on."
                }
                (table("gaps-table", "Gaps, most urgent first",
                    &["#", "Priority", "Item", "Status", "Responsible", "Next step", "Owner / due"], rows))
            }
        }
    }
}

pub(super) fn mou(a: &Assessment) -> Markup {
    let items = a.mou_gaps();
    html! {
        section class="part page" aria-labelledby="mou" {
            (part_heading(a, "mou"))
            @if items.is_empty() {
                p { "No gap concerns a practice that belongs in the memorandum of understanding (MOU)." }
            } @else {
                p {
                    "These gaps concern practices that belong in the written memorandum of understanding \
                     (MOU) between the district and the law enforcement agency. Take this list to the MOU \
                     renewal."
                }
                ol class="mou" {
                    @for item in &items {
                        li {
                            strong { (item.title) }
                            p class="meta" {
                                (status(item)) " \u{00B7} " (view::priority(item.priority)) " priority \u{00B7} responsible: "
                                (item.responsible.label()) " \u{00B7} " span class="id" { (item.id) }
                                @if let Some(basis) = item.basis { " \u{00B7} " (basis.label()) }
                            }
                            p { (item.recommendation) }
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn action_plan(a: &Assessment) -> Markup {
    let planned = a.action_plan();
    let others = match a.gaps().count() - planned.len() {
        1 => "1 other gap has".to_string(),
        n => format!("{n} other gaps have"),
    };
    let rows = html! {
        @for item in &planned {
            @let answer = item.answer.as_ref();
            tr {
                td { strong { @if let Some(due) = answer.and_then(|a| a.due) { (due) } } }
                td { (answer.and_then(|a| a.owner.as_deref()).unwrap_or_default()) }
                th scope="row" { (item_cell(item)) }
                td { (priority(item)) }
                td { (item.recommendation) }
            }
        }
    };
    html! {
        section class="part" aria-labelledby="action-plan" {
            (part_heading(a, "action-plan"))
            @if planned.is_empty() {
                p {
                    "No gap has both an owner and a due date yet. Add " code { "owner" } " and "
                    code { "due" } " to the answers to build the plan."
                }
            } @else {
                p { "Gaps with an owner and a due date, soonest first. " (others) " no owner or due date yet." }
                (table("plan-table", "Action plan, soonest first",
                    &["Due", "Owner", "Item", "Priority", "Next step"], rows))
            }
        }
    }
}

pub(super) fn every_item(a: &Assessment, internal: bool) -> Markup {
    html! {
        section class="part page" aria-labelledby="every-item" {
            (part_heading(a, "every-item"))
            @for section in &a.sections {
                h3 { (section.title) }
                p class="small" {
                    (view::percent(section.score.percent)) " (" (view::fraction(&section.score))
                    " weight) \u{00B7} " (plural(section.items, "item", "items"))
                }
                @for item in a.section_items(&section.id) { (item_block(item, internal)) }
            }
        }
    }
}

fn item_block(item: &ItemResult, internal: bool) -> Markup {
    let answer = item.answer.as_ref();
    let secret = answer
        .and_then(|a| a.internal_note.as_deref())
        .filter(|_| internal);
    html! {
        div class="item" {
            h4 { (item.title) }
            p class="meta" {
                (status(item)) " \u{00B7} " (view::priority(item.priority)) " priority \u{00B7} "
                (item.responsible.label()) " \u{00B7} " span class="id" { (item.id) }
                                @if let Some(basis) = item.basis { " \u{00B7} " (basis.label()) }
            }
            @if let Some(evidence) = answer.and_then(|a| a.evidence.as_deref()) {
                p class="note" { "Evidence: " (evidence) }
            }
            @if let Some(note) = answer.and_then(|a| a.note.as_deref()) {
                p class="note" { "Note: " (note) }
            }
            @if let Some(secret) = secret {
                p class="note internal" { strong { "Internal note (CONFIDENTIAL): " } (secret) }
            }
        }
    }
}

pub(super) fn unanswered(a: &Assessment) -> Markup {
    let items: Vec<&ItemResult> = a.unanswered().collect();
    let rows = html! {
        @for item in &items {
            tr {
                td { (priority(item)) }
                th scope="row" { (item_cell(item)) }
                td { (item.responsible.label()) }
                td class="num" { (view::weight(item.weight)) }
            }
        }
    };
    html! {
        section class="part" aria-labelledby="unanswered" {
            (part_heading(a, "unanswered"))
            @if items.is_empty() {
                p { "Every item of the profile is answered." }
            } @else {
                p {
                    "These items have no answer. Each scores 0 (its weight counts as possible, none as \
                     earned) until it is answered; they are not counted among the gaps above."
                }
                (table("unanswered-table", "Unanswered items, most urgent first",
                    &["Priority", "Item", "Responsible", "Weight"], rows))
            }
        }
    }
}

pub(super) fn method(a: &Assessment) -> Markup {
    html! {
        section class="part page" aria-labelledby="method" {
            (part_heading(a, "method"))
            @for line in view::method_limits(a) { p { (line) } }
            p { (method_sentence(a)) }
            p {
                "Formula: score = sum(weight \u{00D7} credit) / sum(weight) \u{00D7} 100, over the applicable \
                 items, rounded to one decimal. The same formula gives each section's score and the overall score."
            }
            (scale_table(a))
            (weights_table(a))
            (bands_table(a))
            (tailoring(a))
            (not_applicable(a))
            (section_arithmetic(a))
        }
    }
}

fn scale_table(a: &Assessment) -> Markup {
    let rows = html! {
        @for lvl in &a.method.scale {
            tr {
                th scope="row" { (lvl.label) }
                td { code { (lvl.value) } }
                td { (lvl.credit.map_or_else(|| "left out (not applicable)".to_string(), view::weight)) }
            }
        }
    };
    html! {
        h3 { "Response scale" }
        (table("scale-table", "Response scale and the credit of each status",
            &["Status", "Written as", "Credit"], rows))
    }
}

fn weights_table(a: &Assessment) -> Markup {
    let rows = html! {
        @for p in Priority::ALL {
            tr { th scope="row" { (view::priority(p)) } td class="num" { (view::weight(a.method.weights.of(p))) } }
        }
    };
    html! {
        h3 { "Weights" }
        (table("weights-table", "Weight of each priority", &["Priority", "Weight"], rows))
    }
}

fn bands_table(a: &Assessment) -> Markup {
    let rows = html! {
        @for b in &a.method.bands {
            tr { th scope="row" { (b.label) } td { (view::weight(b.min)) "% or more" } }
        }
    };
    html! {
        h3 { "Ratings" }
        (table("bands-table", "Rating by overall score", &["Rating", "Overall score"], rows))
    }
}

fn tailoring(a: &Assessment) -> Markup {
    html! {
        @if let Some(t) = &a.meta.tailoring {
            h3 { "Local changes to the checklist" }
            p { "Scored against a " (t.summary()) "." }
            ul {
                @for r in &t.removed { li { "Removed " (r.title) " (" (r.item_id) "): " (r.reason) } }
                @for added in &t.added { li { "Added " (added) } }
                @for c in &t.overridden { li { "Changed " (c.item_id) ": " (c.fields.join(", ")) } }
            }
        }
    }
}

fn not_applicable(a: &Assessment) -> Markup {
    let na: Vec<String> = a
        .method
        .scale
        .iter()
        .filter(|lvl| lvl.credit.is_none())
        .map(|lvl| format!("\u{201C}{}\u{201D}", lvl.label))
        .collect();
    html! {
        h3 { "Not applicable and unanswered items" }
        @if !na.is_empty() {
            p {
                "An item answered " (na.join(" or ")) " is left out of both the earned and the possible \
                 weight: it neither raises nor lowers a score."
            }
        }
        p {
            "An item with no answer counts in the possible weight with no credit, so it lowers the \
             score until it is answered. Unanswered items are listed apart from the gaps, and the \
             coverage line shows how many items were answered."
        }
        p {
            "Gaps (items partly or not in place) are ordered by priority, then by the weight they \
             lose, then in checklist order."
        }
    }
}

fn section_arithmetic(a: &Assessment) -> Markup {
    let rows = html! {
        @for s in &a.sections {
            tr {
                th scope="row" { (s.title) }
                td class="num" { (s.items) }
                td class="num" { (view::fraction(&s.score)) }
                td class="num" { (view::percent(s.score.percent)) }
            }
        }
        tr class="total" {
            th scope="row" { "Overall" }
            td class="num" { (a.coverage.items) }
            td class="num" { (view::fraction(&a.overall)) }
            td class="num" { (view::percent(a.overall.percent)) }
        }
    };
    html! {
        h3 { "The arithmetic, section by section" }
        (table("arithmetic-table", "Earned and possible weight per section",
            &["Section", "Items", "Earned / possible", "Score"], rows))
    }
}

/// Only web addresses become links: a local checklist could cite a `javascript:` URL.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

pub(super) fn sources(a: &Assessment) -> Markup {
    html! {
        section class="part" aria-labelledby="sources" {
            (part_heading(a, "sources"))
            p { "Every source the checklist cites. Each item names the part of a source it rests on." }
            ul class="sources" {
                @for s in &a.sources {
                    li {
                        strong { (s.title) }
                        br;
                        span class="small" { (s.publisher) ", " (s.year) }
                        br;
                        @if is_web_address(&s.url) { a href=(s.url) { (s.url) } } @else { (s.url) }
                        @if let Some(note) = &s.note { br; span class="small" { (note) } }
                    }
                }
            }
        }
    }
}

/// The stamp the PDF prints at the foot of every page, once at the end here.
pub(super) fn stamp(a: &Assessment, confidential: bool) -> Markup {
    html! {
        footer class="stamp" aria-labelledby="stamp" {
            (part_heading(a, "stamp"))
            p { (view::stamp(a)) }
            @if let Some(draft) = view::draft_line(a) { p { strong { (draft) } } }
            @if confidential {
                p { strong { "CONFIDENTIAL: includes internal notes. Do not publish or share." } }
            }
        }
    }
}
