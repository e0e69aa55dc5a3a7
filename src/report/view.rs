//! Labels and number formats shared by every renderer, so all formats print the same figures.

use crate::model::Priority;
use crate::score::{Assessment, ItemResult, Score};

/// A weight or weight sum: whole numbers without decimals, others with one (`12`, `12.5`).
pub fn weight(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A percentage with one decimal, or `n/a` when nothing was scorable.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |p| format!("{p:.1}%"))
}

/// `98.5 / 125` : earned over possible weight.
pub fn fraction(score: &Score) -> String {
    format!("{} / {}", weight(score.earned), weight(score.possible))
}

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

/// The overall result in one line: `72.4% (Developing)`.
pub fn headline(assessment: &Assessment) -> String {
    let band = assessment.band.as_deref().unwrap_or("not rated");
    format!("{} ({band})", percent(assessment.overall.percent))
}

/// Coverage in words: `92 of 97 items answered (94.8%)`.
pub fn coverage(assessment: &Assessment) -> String {
    let c = assessment.coverage;
    format!(
        "{} of {} items answered ({:.1}%)",
        c.answered,
        c.items,
        c.percent()
    )
}

/// `Critical`, `High`, ...
pub fn priority(priority: Priority) -> &'static str {
    match priority {
        Priority::Critical => "Critical",
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

/// What an item rests on, as printed beside it (`Local practice`); empty when the checklist
/// does not say.
pub fn basis(item: &ItemResult) -> &'static str {
    item.basis.map_or("", |b| b.label())
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

/// The next step, with owner and due date when the committee gave them.
pub fn next_step(item: &ItemResult) -> String {
    let mut text = item.recommendation.clone();
    if let Some(answer) = &item.answer {
        let owner = answer.owner.as_deref().map(|o| format!("Owner: {o}"));
        let due = answer.due.map(|d| format!("due {d}"));
        let plan: Vec<String> = [owner, due].into_iter().flatten().collect();
        if !plan.is_empty() {
            text.push_str(&format!(" ({})", plan.join(", ")));
        }
    }
    text
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

/// `2025-26 annual review (2026-03-15)`.
pub fn assessment_line(assessment: &Assessment) -> String {
    format!("{} ({})", assessment.meta.label, assessment.meta.date)
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

/// Every critical practice not in place, one line each, most urgent first: the answered gaps
/// with their status (`Signed MOU (partly in place)`), then the unanswered ones.
pub fn critical_gap_lines(assessment: &Assessment) -> Vec<String> {
    let critical = |i: &&ItemResult| i.priority == Priority::Critical;
    let answered = assessment
        .gaps()
        .filter(critical)
        .map(|i| format!("{} ({})", i.title, i.status_label.to_lowercase()));
    let open = assessment
        .unanswered()
        .filter(critical)
        .map(|i| format!("{} (unanswered)", i.title));
    answered.chain(open).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_weights_without_needless_decimals() {
        assert_eq!(weight(12.0), "12");
        assert_eq!(weight(12.5), "12.5");
        assert_eq!(weight(0.0), "0");
    }

    #[test]
    fn formats_percentages() {
        assert_eq!(percent(Some(72.44)), "72.4%");
        assert_eq!(percent(None), "n/a");
    }
}
