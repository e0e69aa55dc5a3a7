//! The words of every report: labels, number formats and sentences, one submodule per subject,
//! so every medium and export prints the same figures in the same words. What several subjects
//! say the same way (percentages, weights, money, draft notices) is here.

pub mod agenda;
pub mod assessment;
pub mod comparison;
pub mod summary;

use crate::compare::DraftNotice;
use crate::model::Priority;
use crate::score::{Coverage, Draft, NotRatedReason, Rating, Score};

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

/// The band, or why there is none, from the figures a comparison or summary keeps.
pub fn band_text(band: Option<&str>, rating: &Rating, coverage: &Coverage) -> String {
    match (band, rating.not_rated_reason) {
        (Some(band), _) => band.to_string(),
        (None, Some(NotRatedReason::CoverageBelowThreshold)) => {
            format!(
                "not rated: {} of {} answered",
                coverage.answered, coverage.items
            )
        }
        (None, _) => "not rated".to_string(),
    }
}

/// Why an assessment is a draft, one phrase per reason: `12 answers carried over from 2025 not
/// yet confirmed`, `9 of 112 items answered (8.0%), below the 80% needed for a rating`.
pub fn draft_reasons(draft: &Draft, answered: Coverage, threshold: f64) -> Vec<String> {
    let mut reasons = Vec::new();
    if draft.carried_unconfirmed > 0 {
        reasons.push(format!(
            "{} carried over from {} not yet confirmed",
            plural(draft.carried_unconfirmed, "answer", "answers"),
            draft.carried_from.join(" and ")
        ));
    }
    if draft.unsettled > 0 {
        reasons.push(format!(
            "{} the committee's meeting has still to settle",
            plural(draft.unsettled, "item", "items")
        ));
    }
    if draft.below_coverage_threshold {
        reasons.push(format!(
            "{}, below the {}% needed for a rating",
            coverage_of(answered),
            weight(threshold)
        ));
    }
    reasons
}

/// `1 item`, `3 items`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `98 of 102 items answered (96.1%)`.
pub fn coverage_of(c: Coverage) -> String {
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

/// `not rated (2 of 24 answered)`.
pub fn not_rated_section(coverage: crate::score::Coverage) -> String {
    format!(
        "not rated ({} of {} answered)",
        coverage.answered, coverage.items
    )
}

/// What follows the label of a draft column or the name of a draft district.
pub const DRAFT_MARK: &str = " (draft)";

/// Draft assessments a DRAFT line names; past this, a count (a summary of many files).
pub(crate) const DRAFTS_NAMED: usize = 5;

pub(crate) fn draft_footer(notice: &DraftNotice, among: &str) -> String {
    format!("{} The first page says why.", draft_headline(notice, among))
}

/// `DRAFT: 1 of 2 assessments is a draft, marked (draft).`
pub(crate) fn draft_headline(notice: &DraftNotice, among: &str) -> String {
    let count = notice.assessments.len();
    let verb = if count == 1 {
        "is a draft"
    } else {
        "are drafts"
    };
    format!(
        "DRAFT: {count} of {} {among} {verb}, marked{DRAFT_MARK}.",
        notice.out_of
    )
}

/// The DRAFT line of an export: the headline, then why each draft is one.
pub(crate) fn draft_notice_line(notice: &DraftNotice, among: &str) -> String {
    let mut line = draft_headline(notice, among);
    for reason in draft_reasons_each(notice) {
        line.push(' ');
        line.push_str(&reason);
    }
    line
}

/// Why each draft is one, a sentence each (`2026: 12 answers carried over … not yet
/// confirmed.`), the first [`DRAFTS_NAMED`], then how many more: what a document lists under
/// its DRAFT banner, which stays one line however many drafts there are.
pub(crate) fn draft_reasons_each(notice: &DraftNotice) -> Vec<String> {
    let count = notice.assessments.len();
    let mut lines = Vec::new();
    for d in notice.assessments.iter().take(DRAFTS_NAMED) {
        let draft = crate::score::Draft {
            is_draft: true,
            carried_unconfirmed: d.carried_unconfirmed,
            carried_from: d.carried_from.clone(),
            below_coverage_threshold: d.below_coverage_threshold,
            unsettled: 0,
        };
        let reasons = draft_reasons(&draft, d.coverage, d.coverage_threshold);
        lines.push(format!("{}: {}.", d.label, reasons.join("; ")));
    }
    if count > DRAFTS_NAMED {
        lines.push(format!("And {} more.", count - DRAFTS_NAMED));
    }
    lines
}

pub use crate::compare::ordinal;

/// `$98,000` (whole dollars; cents are noise in a budget comparison).
pub fn money(value: f64) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let digits = format!("{:.0}", value.abs());
    let mut grouped = String::new();
    for (n, digit) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}${grouped}")
}

/// `+4.2 pts`, `-3.0 pts`, `0.0 pts`, or `n/a`.
pub fn points(value: Option<f64>) -> String {
    match value {
        Some(p) if p > 0.0 => format!("+{p:.1} pts"),
        Some(p) if p < 0.0 => format!("{p:.1} pts"),
        Some(_) => "0.0 pts".to_string(),
        None => "n/a".to_string(),
    }
}

/// A number for CSV: one decimal, empty when absent.
pub fn csv_number(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.1}"))
}

/// A weight sum for CSV.
pub fn csv_weight(value: f64) -> String {
    weight(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_dollars_in_thousands() {
        assert_eq!(money(98000.0), "$98,000");
        assert_eq!(money(1234567.4), "$1,234,567");
        assert_eq!(money(950.0), "$950");
        assert_eq!(money(-1000.0), "-$1,000");
    }

    #[test]
    fn signs_changes() {
        assert_eq!(points(Some(4.24)), "+4.2 pts");
        assert_eq!(points(Some(-3.0)), "-3.0 pts");
        assert_eq!(points(Some(0.0)), "0.0 pts");
        assert_eq!(points(None), "n/a");
    }

    fn draft(label: &str, carried: usize, below: bool) -> crate::compare::DraftAssessment {
        crate::compare::DraftAssessment {
            label: label.into(),
            carried_unconfirmed: carried,
            carried_from: vec!["2025 review (2025-04-20)".into()],
            below_coverage_threshold: below,
            coverage: crate::score::Coverage {
                answered: 9,
                items: 112,
            },
            coverage_threshold: 80.0,
        }
    }

    #[test]
    fn the_draft_banner_stays_one_line_and_the_reasons_stop_at_five() {
        let notice = DraftNotice {
            assessments: (0..7)
                .map(|n| draft(&format!("Option {n}"), 1, false))
                .collect(),
            out_of: 9,
        };
        assert_eq!(
            draft_headline(&notice, "assessments"),
            "DRAFT: 7 of 9 assessments are drafts, marked (draft)."
        );
        let reasons = draft_reasons_each(&notice);
        assert_eq!(reasons.len(), DRAFTS_NAMED + 1);
        assert_eq!(reasons.last().map(String::as_str), Some("And 2 more."));
    }

    #[test]
    fn a_draft_line_counts_the_drafts_and_gives_each_its_reasons() {
        let notice = DraftNotice {
            assessments: vec![draft("2026", 12, false), draft("Option C", 0, true)],
            out_of: 3,
        };
        assert_eq!(
            draft_notice_line(&notice, "assessments"),
            "DRAFT: 2 of 3 assessments are drafts, marked (draft). 2026: 12 answers carried \
             over from 2025 review (2025-04-20) not yet confirmed. Option C: 9 of 112 items \
             answered (8.0%), below the 80% needed for a rating."
        );
        assert_eq!(
            draft_footer(&notice, "assessments"),
            "DRAFT: 2 of 3 assessments are drafts, marked (draft). The first page says why."
        );
    }

    #[test]
    fn a_draft_line_names_a_few_drafts_and_counts_the_rest() {
        let notice = DraftNotice {
            assessments: (0..8).map(|n| draft(&format!("D{n}"), 1, false)).collect(),
            out_of: 40,
        };
        let line = draft_notice_line(&notice, "latest assessments");
        assert!(line.starts_with("DRAFT: 8 of 40 latest assessments are drafts"));
        assert!(line.contains(" D4: 1 answer carried over"), "{line}");
        assert!(!line.contains("D5:"), "{line}");
        assert!(line.ends_with(" And 3 more."), "{line}");
    }
}
