//! The sentences of one assessment's report.

use super::{
    band_text, coverage_of, draft_reasons, fraction, not_rated_section, percent, plural, priority,
    weight,
};
use crate::consensus::Reliability;
use crate::model::ScaleLevel;
use crate::score::{Assessment, ConsensusMeta, ItemResult, NotRatedReason, Score, SectionScore};

/// The sentence that shows the arithmetic behind the overall percentage.
pub fn arithmetic(score: &Score) -> String {
    match score.percent {
        Some(p) => format!(
            "{} earned of {} possible weight = {p:.1}%",
            weight(score.earned),
            weight(score.possible)
        ),
        None => "no item could be scored (every item is not applicable)".to_string(),
    }
}

/// The overall result in one line: `72.4% (Developing)`, or
/// `6.0% (not rated: 9 of 112 answered)` while too few items are answered for a band.
pub fn headline(assessment: &Assessment) -> String {
    format!(
        "{} ({})",
        percent(assessment.overall.percent),
        band_or_reason(assessment)
    )
}

/// The band, or why there is none: `Developing`, `not rated: 9 of 112 answered`.
pub fn band_or_reason(assessment: &Assessment) -> String {
    band_text(
        assessment.band.as_deref(),
        &assessment.rating,
        &assessment.coverage,
    )
}

/// The score over the answered items alone: `83.3% over the 9 answered items (25 / 30)`.
pub fn answered_score(assessment: &Assessment) -> String {
    let n = assessment.coverage.answered;
    format!(
        "{} over the {n} answered item{} ({})",
        percent(assessment.answered_score.percent),
        if n == 1 { "" } else { "s" },
        fraction(&assessment.answered_score)
    )
}

/// Why no band is given, in a sentence, when there is none for lack of answers.
pub fn rating_note(assessment: &Assessment) -> Option<String> {
    let r = &assessment.rating;
    (r.not_rated_reason == Some(NotRatedReason::CoverageBelowThreshold)).then(|| {
        format!(
            "No rating is given until at least {}% of the items are answered: the overall score \
             counts every unanswered item as 0, so it measures how much was answered more than \
             the program.",
            weight(r.coverage_threshold)
        )
    })
}

/// The DRAFT line every format prints at the top (and PDF and HTML on every page):
/// `DRAFT: 12 answers carried over from 2025 not yet confirmed; 9 of 112 items answered
/// (8.0%), below the 80% needed for a rating`.
pub fn draft_line(assessment: &Assessment) -> Option<String> {
    let d = &assessment.draft;
    if !d.is_draft {
        return None;
    }
    let reasons = draft_reasons(d, assessment.coverage, assessment.rating.coverage_threshold);
    Some(format!("DRAFT: {}", reasons.join("; ")))
}

/// How a report marks an item of a consensus file the committee has not yet settled.
pub fn unsettled_note(why: &str) -> String {
    format!("Not yet settled by the committee ({why})")
}

/// How a gap table marks an answer copied from an earlier assessment and not yet confirmed.
pub fn carried_note(from: &str) -> String {
    format!("Carried over from {from}, not yet confirmed")
}

/// Coverage in words: `92 of 97 items answered (94.8%)`.
pub fn coverage(assessment: &Assessment) -> String {
    coverage_of(assessment.coverage)
}

/// The item id with its basis: `governance.written-mou · Guidance`.
pub fn id_and_basis(item: &ItemResult) -> String {
    match item.basis {
        Some(b) => format!("{} \u{00B7} {}", item.id, b.label()),
        None => item.id.clone(),
    }
}

/// Each basis with its item count: `Statute 30, Guidance 60, Example 12, Local practice 18`.
pub fn basis_counts(assessment: &Assessment) -> Option<String> {
    let counts = &assessment.method.basis_counts;
    (!counts.is_empty()).then(|| {
        counts
            .iter()
            .map(|c| format!("{} {}", c.label, c.count))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The method page's statement of what each basis label means and what the checklist is not.
pub fn method_limits(assessment: &Assessment) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(limits) = &assessment.method.limits {
        lines.push(limits.trim().to_string());
    }
    if let Some(counts) = basis_counts(assessment) {
        lines.push(format!(
            "Each item is labeled by what it rests on: Statute (a statute or regulation states \
             it), Guidance (agency or professional guidance states it), Example (a Wisconsin \
             agreement or district shows it in use), Local practice (no source states it \
             directly). Items of the checklist by basis: {counts}."
        ));
    }
    lines
}

/// The status counts in one line: `60 in place · 15 partly in place · ...`.
pub fn counts_line(assessment: &Assessment) -> String {
    assessment
        .counts
        .iter()
        .map(|c| format!("{} {}", c.count, c.label.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The stamp that lets anyone reproduce the report.
pub fn stamp(assessment: &Assessment) -> String {
    let m = &assessment.meta;
    format!(
        "Checklist {} {}; sro-assess {}; answers file {}",
        m.checklist.id, m.checklist.version, m.tool_version, m.answers_hash
    )
}

/// `Parent (family)`: who rated and for which group, when the file names a rater. A group
/// without a rater is not shown: it says nothing about who answered.
pub fn rater_line(assessment: &Assessment) -> Option<String> {
    let m = &assessment.meta;
    let rater = m.rater.as_deref()?;
    Some(match m.rater_group.as_deref() {
        Some(group) => format!("{rater} ({group})"),
        None => rater.to_string(),
    })
}

/// `Title, version 2026.1`.
pub fn checklist_line(assessment: &Assessment) -> String {
    let c = &assessment.meta.checklist;
    format!("{}, version {}", c.title, c.version)
}

/// `existing-program: Assessing an existing SRO program`.
pub fn profile_line(assessment: &Assessment) -> String {
    let p = &assessment.meta.profile;
    format!("{}: {}", p.id, p.title)
}

/// A line saying the checklist is a local one, and how it differs from its base.
pub fn tailoring_line(assessment: &Assessment) -> Option<String> {
    let t = assessment.meta.tailoring.as_ref()?;
    Some(format!("Scored against a {}.", t.summary()))
}

/// A warning line when the answers record another checklist version.
pub fn version_warning(assessment: &Assessment) -> Option<String> {
    let m = &assessment.meta;
    let recorded = m.answers_checklist_version.as_deref()?;
    (recorded != m.checklist.version).then(|| {
        format!(
            "The answers were written for checklist version {recorded}; scored against version {}.",
            m.checklist.version
        )
    })
}

/// Summary of strengths: `60 items in place`.
pub fn strengths_line(assessment: &Assessment) -> String {
    let n = assessment.strengths().count();
    format!("{n} item{} in place", if n == 1 { "" } else { "s" })
}

/// How many strengths the summary names before "and N more".
pub const STRENGTHS_SHOWN: usize = 5;

/// Every critical practice answered as not (fully) in place, one line each, most urgent first,
/// with its status: `Signed MOU (partly in place)`. Unanswered items are not gaps until
/// answered; [`critical_unanswered_lines`] lists them.
pub fn critical_gap_lines(assessment: &Assessment) -> Vec<String> {
    assessment
        .critical_gaps()
        .map(|i| format!("{} ({})", i.title, i.status_label.to_lowercase()))
        .collect()
}

/// Every critical practice not yet answered, one title each, most urgent first.
pub fn critical_unanswered_lines(assessment: &Assessment) -> Vec<String> {
    assessment
        .critical_unanswered()
        .map(|i| i.title.clone())
        .collect()
}

/// The report's title, as a viewer shows it: `SRO program gap report: Example Area School District`.
pub fn report_title(assessment: &Assessment) -> String {
    format!("SRO program gap report: {}", assessment.meta.district)
}

/// The title a viewer shows (a browser tab, a PDF reader's title bar), DRAFT and CONFIDENTIAL
/// first when they apply, so they show even where the page itself is out of sight.
pub fn document_title(assessment: &Assessment, confidential: bool) -> String {
    let mut title = report_title(assessment);
    if assessment.draft.is_draft {
        title.insert_str(0, "DRAFT: ");
    }
    if confidential {
        title.insert_str(0, "CONFIDENTIAL: ");
    }
    title
}

/// The line a public report carries instead.
pub const PUBLIC_NOTICE: &str = "Internal notes are not included: this report may be published.";

/// The summary's first sentence: `Example Area School District scores 72.4% (Developing) on
/// this checklist: 90.5 earned of 125 possible weight.` (the percentage once).
pub fn summary_headline(assessment: &Assessment) -> String {
    let score = &assessment.overall;
    let basis = match score.percent {
        Some(_) => format!(
            "{} earned of {} possible weight",
            weight(score.earned),
            weight(score.possible)
        ),
        None => arithmetic(score),
    };
    format!(
        "{} scores {} on this checklist: {basis}.",
        assessment.meta.district,
        headline(assessment),
    )
}

/// The scoring rule in one plain sentence, from the checklist's own scale and weights.
pub fn method_sentence(assessment: &Assessment) -> String {
    let w = &assessment.method.weights;
    let credits: Vec<String> = assessment
        .method
        .scale
        .iter()
        .filter_map(|lvl| {
            lvl.credit
                .map(|c| format!("{} {}", lvl.label.to_lowercase(), weight(c)))
        })
        .collect();
    format!(
        "Each practice carries a weight by priority (critical {}, high {}, medium {}, low {}) and \
         earns that weight times its credit ({}). The score is the weight earned over the weight \
         possible.",
        weight(w.critical),
        weight(w.high),
        weight(w.medium),
        weight(w.low),
        credits.join(", ")
    )
}

/// The heading of the method's account of a committee's consensus.
pub const CONSENSUS_HEADING: &str = "How the consensus was reached";

/// How a committee's consensus was reached, for a consensus file; `None` for any other.
pub fn consensus_method(assessment: &Assessment) -> Option<String> {
    assessment.meta.consensus.as_ref().map(consensus_account)
}

fn consensus_account(c: &ConsensusMeta) -> String {
    format!(
        "{} {} {}",
        who_rated(c),
        how_far_they_agreed(c),
        how_the_proposal_was_made(c)
    )
}

/// `4 committee members rated alone (1 district staff, 1 law enforcement, 1 family).`
fn who_rated(c: &ConsensusMeta) -> String {
    let r = &c.record;
    let members = plural(r.members, "committee member", "committee members");
    if r.groups.is_empty() {
        return format!("{members} rated alone.");
    }
    let mut parts: Vec<String> = r
        .groups
        .iter()
        .map(|g| format!("{} {}", g.members, g.group))
        .collect();
    let grouped: usize = r.groups.iter().map(|g| g.members).sum();
    if let Some(ungrouped) = r.members.checked_sub(grouped).filter(|n| *n > 0) {
        parts.push(format!("{ungrouped} gave no group"));
    }
    format!("{members} rated alone ({}).", parts.join(", "))
}

/// The share of items all agreed on, and the agreement beyond chance with what it means.
fn how_far_they_agreed(c: &ConsensusMeta) -> String {
    let r = &c.record;
    let share = match r.percent_agreement {
        Some(p) => format!(
            "All who answered agreed on {} of the items two or more answered",
            percent(Some(p))
        ),
        None => "No item was answered by two or more members".to_string(),
    };
    let alpha = match r.krippendorff_alpha_ordinal {
        Some(alpha) => format!(
            "agreement beyond chance (Krippendorff's alpha, ordinal) was {alpha:.3}, {}",
            super::agenda::reliability_word(Reliability::of(alpha))
        ),
        None => "agreement beyond chance (Krippendorff's alpha) could not be computed".to_string(),
    };
    format!("{share}; {alpha}.")
}

/// The rule of the proposal, and how far the meeting has got with the flagged items.
fn how_the_proposal_was_made(c: &ConsensusMeta) -> String {
    let r = &c.record;
    let rule = "The proposal for each item was the lower median of the members' ratings";
    if r.flagged == 0 {
        return format!("{rule}; no item was flagged for the meeting.");
    }
    let flagged = format!(
        "{} flagged for the meeting (ratings more than {} apart, or not applicable beside ratings)",
        plural(r.flagged, "item was", "items were"),
        plural(r.threshold, "step", "steps")
    );
    let progress = match (c.settled, c.remaining()) {
        (_, 0) => format!("which has settled all {}", r.flagged),
        (0, _) => "which has not settled any yet".to_string(),
        (_, remaining) => format!(
            "which has settled {}; {remaining} {}",
            c.settled,
            if remaining == 1 { "remains" } else { "remain" }
        ),
    };
    format!("{rule}; {flagged}, {progress}.")
}

/// How many gaps, and how many items wait for an answer (named only when some do):
/// `30 answered, plus 5 unanswered items`.
pub fn gaps_line(assessment: &Assessment) -> String {
    let gaps = assessment.gaps().count();
    let mut line = match assessment.unanswered().count() {
        0 => format!("{gaps} among the answered items"),
        open => format!(
            "{gaps} among the answered items, plus {}",
            plural(open, "unanswered item", "unanswered items")
        ),
    };
    match assessment.unverified().count() {
        0 => {}
        n => line.push_str(&format!(
            "; {} could not be verified",
            plural(n, "item", "items")
        )),
    }
    line
}

/// What follows the first strengths: `and 55 more items in place.`
pub fn more_strengths(more: usize) -> String {
    format!(
        "and {more} more {} in place.",
        if more == 1 { "item" } else { "items" }
    )
}

/// When no strength can be named.
pub const NO_STRENGTHS: &str = "No practice is fully in place yet.";

/// When no critical practice is a gap.
pub const NO_CRITICAL_GAPS: &str = "No critical practice is answered as missing.";

/// The gap list's opening sentence.
pub const GAPS_INTRO: &str = "Practices partly or not in place, most urgent first: by priority, \
    then by the weight lost, then in checklist order. Each gap's evidence is under its next step.";

/// Where the gap list sends a reader for the items not yet answered (before the link).
pub const UNANSWERED_APART: &str = "Items not yet answered are not gaps; they are listed under";

/// When there is no gap.
pub const NO_GAPS: &str = "No gaps among the answered items.";

/// The MOU list's opening sentence.
pub const MOU_INTRO: &str = "These gaps concern practices that belong in the written memorandum \
    of understanding (MOU) between the district and the law enforcement agency. Take this list to \
    the MOU renewal; each gap's next step and evidence are in the gap list.";

/// How the MOU list and the action plan name a gap of the gap list: `gap 3`.
pub fn gap_reference(item: &ItemResult) -> String {
    format!("gap {}", item.gap_rank.unwrap_or(0))
}

/// An MOU entry's facts: `not in place; critical priority; responsible: Joint`.
pub fn mou_facts(item: &ItemResult) -> String {
    format!(
        "{}; {} priority; responsible: {}",
        item.status_label.to_lowercase(),
        priority(item.priority).to_lowercase(),
        item.responsible.label()
    )
}

/// When no gap concerns the MOU.
pub const NO_MOU_GAPS: &str =
    "No gap concerns a practice that belongs in the memorandum of understanding (MOU).";

/// The action plan's opening sentence; the gaps still without a plan are counted only when
/// there are some.
pub fn action_plan_intro(unplanned: usize) -> String {
    let mut text =
        "Gaps with an owner and a due date, soonest first; the gap list says what each needs."
            .to_string();
    match unplanned {
        0 => {}
        1 => text.push_str(" 1 other gap has no owner or due date yet."),
        n => text.push_str(&format!(" {n} other gaps have no owner or due date yet.")),
    }
    text
}

/// When no gap has an owner and a due date.
pub const NO_ACTION_PLAN: &str = "No gap has both an owner and a due date yet. Once the committee \
    names an owner and a due date for a gap, it is listed here.";

/// The unanswered list's opening sentence.
pub const UNANSWERED_INTRO: &str = "These items have no answer. Each scores 0 (its weight counts \
    as possible, none as earned) until it is answered; they are not counted among the gaps.";

/// A "not answered" count that names the items answered "don't know" among them, so that
/// the counts of a row still add up: `2`, or `3 (1 don't know)`.
pub fn not_answered_count(unanswered: usize, unverified: usize) -> String {
    match unverified {
        0 => unanswered.to_string(),
        n => format!("{} ({n} don't know)", unanswered + n),
    }
}

/// The heading of the items nobody could verify: `Could not be verified (2)`.
pub fn unverified_heading(count: usize) -> String {
    format!("Could not be verified ({count})")
}

/// The opening sentence of the items nobody could verify.
pub const UNVERIFIED_INTRO: &str = "The committee could not verify these items (answered \
    \u{201C}don\u{2019}t know\u{201D}). Each scores 0, as an unanswered item does, until someone \
    who can see the evidence answers it; they are not counted among the gaps.";

/// When every item is answered.
pub const ALL_ANSWERED: &str = "Every item of the profile is answered.";

/// The formula, in words and symbols.
pub const FORMULA: &str = "Formula: score = sum(weight \u{00D7} credit) / sum(weight) \u{00D7} 100, \
    over the applicable items, rounded to one decimal. The same formula gives each section's score \
    and the overall score.";

/// What a not-applicable answer does to a score, naming the scale's not-applicable labels;
/// `None` when the scale has none.
pub fn not_applicable_rule(assessment: &Assessment) -> Option<String> {
    let labels: Vec<String> = assessment
        .method
        .scale
        .iter()
        .filter(|lvl| lvl.is_not_applicable())
        .map(|lvl| format!("\u{201C}{}\u{201D}", lvl.label))
        .collect();
    (!labels.is_empty()).then(|| {
        format!(
            "An item answered {} is left out of both the earned and the possible weight: it \
             neither raises nor lowers a score.",
            labels.join(" or ")
        )
    })
}

/// What a "don't know" answer does to a score, naming the scale's label for it; `None` when
/// the scale has no such value.
pub fn unverified_rule(assessment: &Assessment) -> Option<String> {
    let level = assessment.method.scale.iter().find(|l| l.is_unknown())?;
    Some(format!(
        "An item answered \u{201C}{}\u{201D} counts as an unanswered item does: in the \
         possible weight with no credit, never as a gap. Such items are listed apart as could \
         not be verified, with what the committee noted.",
        level.label
    ))
}

/// What an unanswered item does to a score.
pub const UNANSWERED_RULE: &str = "An item with no answer counts in the possible weight with no \
    credit, so it lowers the score until it is answered. Unanswered items are listed apart from \
    the gaps, and the coverage line shows how many items were answered.";

/// How gaps are ordered.
pub const GAP_ORDER: &str = "Gaps (items partly or not in place) are ordered by priority, then by \
    the weight they lose, then in checklist order.";

/// What the reproducibility stamp is for.
pub const STAMP_INTRO: &str = "The same checklist and answers file give the same report. These \
    identify them:";

/// The sources list's opening sentence.
pub const SOURCES_INTRO: &str =
    "Every source the checklist cites. Each item names the part of a source it rests on.";

/// A credit as the method's scale table prints it: `0.5`, `left out (not applicable)`.
pub fn credit(level: &ScaleLevel) -> String {
    if level.is_unknown() {
        return "0, as unanswered".to_string();
    }
    level
        .credit
        .map_or_else(|| "left out (not applicable)".to_string(), weight)
}

/// A band's range of scores, from its lower bound to the next band's: `75% or more` for the
/// top band, `50% to under 75%`, and `under 50%` for a band that starts at 0.
pub fn band_range(min: f64, next: Option<f64>) -> String {
    match next {
        None => format!("{}% or more", weight(min)),
        Some(next) if min <= 0.0 => format!("under {}%", weight(next)),
        Some(next) => format!("{}% to under {}%", weight(min), weight(next)),
    }
}

/// A section's figures under its title, its statuses counted (only those it has):
/// `72.4% (21 / 29 weight), 12 items: 8 in place, 3 partly in place, 1 unanswered`.
pub fn section_line(section: &SectionScore) -> String {
    let counts: Vec<String> = section
        .counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.count, c.label.to_lowercase()))
        .collect();
    format!(
        "{}, {}: {}",
        section_score(section),
        plural(section.items, "item", "items"),
        counts.join(", ")
    )
}

/// `72.4% (21 / 29 weight)`, or `not rated (2 of 24 answered)` for a section too thinly
/// answered for its score to say anything about the program.
pub fn section_score(section: &SectionScore) -> String {
    if section.rated {
        format!(
            "{} ({} weight)",
            percent(section.score.percent),
            fraction(&section.score)
        )
    } else {
        not_rated_section(section.coverage)
    }
}

/// A bar's figure: `72.4% (21 / 29)`.
pub fn bar_value(score: &Score) -> String {
    format!("{} ({})", percent(score.percent), fraction(score))
}

/// An item's facts in one line: `Partly in place · Critical priority · responsible: Joint ·
/// mou.signed · Guidance`.
pub fn item_facts(item: &ItemResult) -> String {
    format!(
        "{} \u{00B7} {} priority \u{00B7} responsible: {} \u{00B7} {}",
        item.status_label,
        priority(item.priority),
        item.responsible.label(),
        id_and_basis(item)
    )
}

/// Who closes the gap and by when: `Owner: Superintendent, due 2026-06-30`, `Due 2026-06-30`;
/// `None` when neither is set.
pub fn owner_due(item: &ItemResult) -> Option<String> {
    let answer = item.answer.as_ref()?;
    let text = match (&answer.owner, answer.due) {
        (Some(owner), Some(due)) => format!("Owner: {owner}, due {due}"),
        (Some(owner), None) => format!("Owner: {owner}"),
        (None, Some(due)) => format!("Due {due}"),
        (None, None) => return None,
    };
    Some(match item.overdue_since {
        Some(due) => format!("{text} ({})", overdue_mark(due)),
        None => text,
    })
}

/// Under the brief's gap list: `12 more gaps of medium or low priority are listed in the full
/// report.`
pub fn more_gaps_line(n: usize) -> String {
    format!(
        "{} of medium or low priority {} listed, with their next steps, in the full report.",
        plural(n, "more gap", "more gaps"),
        if n == 1 { "is" } else { "are" }
    )
}

/// Explains the score-by-basis table.
pub const BASIS_LINE: &str = "Each item says what it rests on: a statute (a legal duty), \
     guidance, an example from Wisconsin agreements, or local practice. Items answered not \
     applicable are left out; the score is over the answered items of each basis.";

/// `OVERDUE since 2025-06-30`: a due date before the assessment date, on a practice not in
/// place.
pub fn overdue_mark(due: crate::model::Date) -> String {
    format!("OVERDUE since {due}")
}

/// `Signed MOU: overdue since June 30, 2025 (owner: Superintendent)`, for the first page.
pub fn overdue_line(item: &ItemResult) -> String {
    let since = item
        .overdue_since
        .map(crate::report::board::long_date)
        .unwrap_or_default();
    let owner = item
        .answer
        .as_ref()
        .and_then(|a| a.owner.as_deref())
        .map_or_else(|| "no owner named".to_string(), |o| format!("owner: {o}"));
    format!("{}: overdue since {since} ({owner})", item.title)
}

/// What the committee wrote about an item, one line each: evidence, note, carried over, and the
/// internal note only when `internal` (marked CONFIDENTIAL).
pub fn answer_lines(item: &ItemResult, internal: bool) -> Vec<String> {
    let Some(answer) = &item.answer else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some(evidence) = &answer.evidence {
        lines.push(format!("Evidence: {evidence}"));
    }
    if let Some(note) = &answer.note {
        lines.push(format!("Note: {note}"));
    }
    if let Some(from) = &answer.carried_from {
        lines.push(carried_note(from));
    }
    if let Some(why) = &answer.unsettled {
        lines.push(unsettled_note(why));
    }
    if internal && let Some(secret) = &answer.internal_note {
        lines.push(internal_note(secret));
    }
    lines
}

/// How an internal note is printed when asked for.
pub fn internal_note(text: &str) -> String {
    format!("Internal note (CONFIDENTIAL): {text}")
}

/// A local checklist's changes, one line each: `Removed A signed MOU (mou.signed): reason`.
pub fn tailoring_changes(assessment: &Assessment) -> Vec<String> {
    let Some(t) = &assessment.meta.tailoring else {
        return Vec::new();
    };
    let removed = t
        .removed
        .iter()
        .map(|r| format!("Removed {} ({}): {}", r.title, r.item_id, r.reason));
    let added = t.added.iter().map(|id| format!("Added {id}"));
    let changed = t
        .overridden
        .iter()
        .map(|c| format!("Changed {}: {}", c.item_id, c.fields.join(", ")));
    removed.chain(added).chain(changed).collect()
}

/// A source's publisher and year: `Wisconsin DPI, 2024`.
pub fn publisher_year(publisher: &str, year: &str) -> String {
    format!("{publisher}, {year}")
}

/// Whether a URL may become a link: only web addresses (a local checklist could cite a
/// `javascript:` URL).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_reads_as_its_range_of_scores() {
        assert_eq!(band_range(90.0, None), "90% or more");
        assert_eq!(band_range(75.0, Some(90.0)), "75% to under 90%");
        assert_eq!(band_range(0.0, Some(50.0)), "under 50%");
    }

    #[test]
    fn formats_weights_without_needless_decimals() {
        assert_eq!(weight(12.0), "12");
        assert_eq!(weight(12.5), "12.5");
        assert_eq!(weight(0.0), "0");
    }

    #[test]
    fn counts_nothing_only_when_there_is_something() {
        assert_eq!(
            action_plan_intro(0),
            "Gaps with an owner and a due date, soonest first; the gap list says what each needs."
        );
        assert!(action_plan_intro(1).ends_with(" 1 other gap has no owner or due date yet."));
        assert!(action_plan_intro(4).ends_with(" 4 other gaps have no owner or due date yet."));
        assert_eq!(more_strengths(1), "and 1 more item in place.");
        assert_eq!(more_strengths(3), "and 3 more items in place.");
    }

    #[test]
    fn only_web_addresses_are_web_addresses() {
        assert!(is_web_address("https://dpi.wi.gov"));
        assert!(is_web_address(" HTTP://example.org"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("file:///etc/passwd"));
    }

    fn consensus(groups: &[(&str, usize)], flagged: usize, settled: usize) -> ConsensusMeta {
        let groups = groups
            .iter()
            .map(|(group, members)| crate::model::GroupCount {
                group: (*group).to_string(),
                members: *members,
            })
            .collect();
        ConsensusMeta {
            record: crate::model::ConsensusRecord {
                members: 3,
                groups,
                threshold: 1,
                percent_agreement: None,
                krippendorff_alpha_ordinal: Some(0.85),
                flagged,
            },
            settled,
        }
    }

    #[test]
    fn the_consensus_account_counts_the_ungrouped_and_the_meeting_s_progress() {
        let partly = consensus_account(&consensus(&[("family", 2)], 2, 1));
        assert!(
            partly.starts_with("3 committee members rated alone (2 family, 1 gave no group)."),
            "{partly}"
        );
        assert!(partly.contains("No item was answered by two or more members;"));
        assert!(partly.contains("was 0.850, reliable."));
        assert!(partly.ends_with("2 items were flagged for the meeting (ratings more than 1 step apart, or not applicable beside ratings), which has settled 1; 1 remains."));
        let none_yet = consensus_account(&consensus(&[], 1, 0));
        assert!(none_yet.starts_with("3 committee members rated alone. "));
        assert!(none_yet.contains("1 item was flagged"));
        assert!(none_yet.ends_with("which has not settled any yet."));
        let all = consensus_account(&consensus(&[], 2, 2));
        assert!(all.ends_with("which has settled all 2."));
        let no_flags = consensus_account(&consensus(&[], 0, 0));
        assert!(no_flags.ends_with("ratings; no item was flagged for the meeting."));
    }

    #[test]
    fn formats_percentages() {
        assert_eq!(percent(Some(72.44)), "72.4%");
        assert_eq!(percent(None), "n/a");
    }
}
