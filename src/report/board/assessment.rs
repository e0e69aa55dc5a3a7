//! The first page of one assessment's board packet.
//!
//! The findings of one assessment are chosen by rule, in this order, at most five:
//! 1. the critical practices: those not fully in place, named (or, when every one is in place,
//!    that they all are);
//! 2. the critical practices nobody has answered yet, named;
//! 3. where the practices that belong in the MOU stand;
//! 4. the weakest area (section) by percentage, and how much of it is unanswered;
//! 5. the strongest area, when it differs from the weakest.
//!
//! Coverage is not a finding: when anything is unanswered, a caveat beside the result says so.

use super::{
    Committee, MOST_FINDINGS, SignOff, and_list, answered_phrase, duty_counts, long_date,
    named_titles, plural, practices, statutory_line,
};
use crate::report::view;
use crate::score::{Assessment, ItemResult, NotRatedReason, Outcome, SectionScore};

/// The first page of an assessment's board packet.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstPage {
    /// What was assessed, by whom and when.
    pub assessed: String,
    /// The result in words and numbers.
    pub result: String,
    /// What the reader must know before trusting the result: too few answers for a rating,
    /// unanswered practices counted as not in place, answers carried over and not confirmed.
    pub caveats: Vec<String>,
    /// The findings that matter most, chosen by the rule in this module's documentation.
    pub findings: Vec<Finding>,
    /// Every critical practice answered as not fully in place, most urgent first, with its
    /// status: `Signed MOU (partly in place)`.
    pub critical_gaps: Vec<String>,
    /// Every critical practice not yet answered, most urgent first.
    pub critical_unanswered: Vec<String>,
    /// Every critical practice nobody could verify, most urgent first.
    pub critical_unverified: Vec<String>,
    /// Where the statutory duties stand, apart from guidance, examples and local practice:
    /// `Statutory duties: 23 of 29 in place, 4 partly or not, 2 not answered.` and those not
    /// in place; `None` when the profile has none.
    pub statutory: Option<String>,
    /// The same with only the counts (`Statutory duties: 23 of 29 in place, ...`), for the
    /// brief, whose gap list names the practices.
    pub statutory_counts: Option<String>,
    /// Actions whose due date is before the assessment date and that are not in place:
    /// `Signed MOU: overdue since June 30, 2025 (Superintendent)`.
    pub overdue: Vec<String>,
    /// The committee's recommendation, the board action and the sign-off.
    pub committee: Committee,
}

impl FirstPage {
    /// Every sentence of the page, for [`crate::report::glossary::used_in`].
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![
            self.assessed.as_str(),
            self.result.as_str(),
            self.committee.recommendation_text(),
            self.committee.board_action_text(),
        ];
        texts.extend(self.caveats.iter().map(String::as_str));
        texts.extend(self.findings.iter().map(|f| f.text.as_str()));
        texts.extend(self.critical_gaps.iter().map(String::as_str));
        texts.extend(self.critical_unanswered.iter().map(String::as_str));
        texts.extend(self.critical_unverified.iter().map(String::as_str));
        texts.extend(self.statutory.as_deref());
        texts.extend(self.overdue.iter().map(String::as_str));
        texts
    }
}

/// One finding and the rule that chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Which rule chose it.
    pub kind: FindingKind,
    /// The finding, one or two sentences.
    pub text: String,
}

/// The rules that choose findings, in the order they are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Critical practices not fully in place, or all of them in place.
    Critical,
    /// Critical practices not yet answered.
    CriticalUnanswered,
    /// Critical practices nobody could verify ("don't know").
    CriticalUnverified,
    /// Where the practices that belong in the MOU stand.
    Mou,
    /// The area with the lowest percentage.
    WeakestArea,
    /// The area with the highest percentage.
    StrongestArea,
}

/// The first page of an assessment's board packet.
pub fn first_page(a: &Assessment) -> FirstPage {
    FirstPage {
        assessed: assessed(a),
        result: result(a),
        caveats: caveats(a),
        findings: findings(a),
        critical_gaps: view::assessment::critical_gap_lines(a),
        critical_unanswered: view::assessment::critical_unanswered_lines(a),
        critical_unverified: critical_unverified(a)
            .iter()
            .map(|i| i.title.clone())
            .collect(),
        statutory: a
            .statutory()
            .map(|s| statutory_line(s, |id| title_of(a, id))),
        statutory_counts: a.statutory().map(|s| {
            format!(
                "Statutory duties: {}.",
                duty_counts(&crate::compare::DutyCounts::of(s))
            )
        }),
        overdue: a
            .overdue()
            .into_iter()
            .map(view::assessment::overdue_line)
            .collect(),
        committee: Committee {
            recommendation: a.meta.board.recommendation.clone(),
            board_action: a.meta.board.board_action.clone(),
            sign_off: SignOff {
                prepared_by: a.meta.prepared_by.clone(),
                reviewed_by: a.meta.board.reviewed_by.clone(),
                presented_on: a.meta.board.presented_on,
            },
        },
    }
}

fn title_of(a: &Assessment, id: &str) -> String {
    a.items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_string(), |i| i.title.clone())
}

fn assessed(a: &Assessment) -> String {
    let m = &a.meta;
    let mut text = format!(
        "{} assessed \u{201c}{}\u{201d} on {} against {} of the {}, version {} (the set for \
         \u{201c}{}\u{201d}).",
        m.district,
        m.label,
        long_date(m.date),
        practices(a.coverage.items),
        m.checklist.title,
        m.checklist.version,
        m.profile.title
    );
    if m.describes_plan {
        text.push_str(
            " It scores a plan rather than a program at work: a practice counts when the plan \
             provides for it.",
        );
    }
    // Labeled rather than set in a sentence: a name such as "SRO program review committee"
    // needs an article a sentence cannot guess.
    if let Some(by) = m.prepared_by.as_deref() {
        text.push_str(&format!(" Prepared by: {by}."));
    }
    if let Some(by) = m.board.reviewed_by.as_deref() {
        text.push_str(&format!(" Reviewed by: {by}."));
    }
    text
}

fn result(a: &Assessment) -> String {
    let score = &a.overall;
    match (&a.band, a.rating.not_rated_reason) {
        (Some(band), _) => format!(
            "Overall score: {}, rated {band}, from {} of {} possible points. The ratings, from \
             lowest to highest, are {}.",
            view::percent(score.percent),
            view::weight(score.earned),
            view::weight(score.possible),
            and_list(&ratings_lowest_first(a))
        ),
        (None, Some(NotRatedReason::CoverageBelowThreshold)) => format!(
            "No rating yet: {}, and a rating needs at least {}%. Counting every unanswered \
             practice as not in place, the score is {}; over the answered practices alone it \
             is {}.",
            answered_phrase(a.coverage.answered, a.coverage.items),
            view::weight(a.rating.coverage_threshold),
            view::percent(score.percent),
            view::percent(a.answered_score.percent)
        ),
        (None, Some(NotRatedReason::NothingScorable)) => "No rating: every practice was \
                                                           marked not applicable, so none \
                                                           could be scored."
            .to_string(),
        // A checklist whose bands leave this percentage out: the score without a rating.
        (None, None) => format!(
            "Overall score: {}, from {} of {} possible points.",
            view::percent(score.percent),
            view::weight(score.earned),
            view::weight(score.possible)
        ),
    }
}

fn ratings_lowest_first(a: &Assessment) -> Vec<String> {
    a.method
        .bands
        .iter()
        .rev()
        .map(|b| b.label.clone())
        .collect()
}

fn caveats(a: &Assessment) -> Vec<String> {
    let mut caveats = Vec::new();
    // Not rated for too few answers: the result sentence already says so, with both scores.
    if view::assessment::rating_note(a).is_none() {
        let unanswered = a.unanswered().count();
        if unanswered > 0 && a.overall.percent.is_some() {
            caveats.push(format!(
                "{} of the {} {} no answer yet; each counts as not in place, so the score may \
                 rise when they are answered.",
                unanswered,
                practices(a.coverage.items),
                if unanswered == 1 { "has" } else { "have" }
            ));
        }
        let unverified = a.unverified().count();
        if unverified > 0 && a.overall.percent.is_some() {
            caveats.push(format!(
                "{} of the {} could not be verified; each counts as not in place, so the score \
                 may rise when someone who can see the evidence answers {}.",
                unverified,
                practices(a.coverage.items),
                if unverified == 1 { "it" } else { "them" }
            ));
        }
    }
    let draft = &a.draft;
    if draft.unsettled > 0 {
        caveats.push(format!(
            "The committee's members disagreed on {} that its meeting has not yet settled.",
            plural(draft.unsettled, "item", "items")
        ));
    }
    if draft.carried_unconfirmed > 0 {
        let from: Vec<String> = draft
            .carried_from
            .iter()
            .map(|f| format!("\u{201c}{f}\u{201d}"))
            .collect();
        caveats.push(format!(
            "{} copied from {} {} not yet been confirmed by the committee.",
            plural(draft.carried_unconfirmed, "answer", "answers"),
            and_list(&from),
            if draft.carried_unconfirmed == 1 {
                "has"
            } else {
                "have"
            }
        ));
    }
    caveats
}

fn findings(a: &Assessment) -> Vec<Finding> {
    let (weakest, strongest) = weakest_and_strongest(a);
    let candidates = [
        critical_finding(a).map(|t| (FindingKind::Critical, t)),
        critical_unanswered_finding(a).map(|t| (FindingKind::CriticalUnanswered, t)),
        critical_unverified_finding(a).map(|t| (FindingKind::CriticalUnverified, t)),
        mou_finding(a).map(|t| (FindingKind::Mou, t)),
        weakest.map(|s| (FindingKind::WeakestArea, area_finding(a, s, "weakest"))),
        strongest.map(|s| (FindingKind::StrongestArea, area_finding(a, s, "strongest"))),
    ];
    candidates
        .into_iter()
        .flatten()
        .take(MOST_FINDINGS)
        .map(|(kind, text)| Finding { kind, text })
        .collect()
}

fn critical_finding(a: &Assessment) -> Option<String> {
    let critical = a
        .items
        .iter()
        .filter(|i| crate::score::is_critical(i) && i.outcome != Outcome::NotApplicable)
        .count();
    let gaps: Vec<&ItemResult> = a.critical_gaps().collect();
    if critical == 0 {
        return None;
    }
    if gaps.is_empty() {
        // "All in place" only when every critical practice is known to be.
        let unknown = a.critical_unanswered().count() + critical_unverified(a).len();
        return (unknown == 0).then(|| {
            if critical == 1 {
                "The one critical practice is in place.".to_string()
            } else {
                format!("All {critical} critical practices are in place.")
            }
        });
    }
    Some(format!(
        "{} of the {critical} critical practices {} not fully in place: {}.",
        gaps.len(),
        if gaps.len() == 1 { "is" } else { "are" },
        named(&gaps)
    ))
}

fn critical_unverified(a: &Assessment) -> Vec<&ItemResult> {
    a.unverified()
        .filter(|i| crate::score::is_critical(i))
        .collect()
}

fn critical_unverified_finding(a: &Assessment) -> Option<String> {
    let open = critical_unverified(a);
    (!open.is_empty()).then(|| {
        format!(
            "{} could not be verified, so whether {} in place is not known: {}.",
            plural(open.len(), "critical practice", "critical practices"),
            if open.len() == 1 { "it is" } else { "they are" },
            named(&open)
        )
    })
}

fn critical_unanswered_finding(a: &Assessment) -> Option<String> {
    let open: Vec<&ItemResult> = a.critical_unanswered().collect();
    (!open.is_empty()).then(|| {
        format!(
            "{} {} no answer yet, so whether {} in place is not known: {}.",
            plural(open.len(), "critical practice", "critical practices"),
            if open.len() == 1 { "has" } else { "have" },
            if open.len() == 1 { "it is" } else { "they are" },
            named(&open)
        )
    })
}

/// Where the practices that belong in the MOU stand, by status, in scale order.
fn mou_finding(a: &Assessment) -> Option<String> {
    let in_mou: Vec<&ItemResult> = a
        .items
        .iter()
        .filter(|i| i.in_mou && i.outcome != Outcome::NotApplicable)
        .collect();
    if in_mou.is_empty() {
        return None;
    }
    let order = [
        Outcome::InPlace,
        Outcome::Partial,
        Outcome::NotInPlace,
        Outcome::Unverified,
        Outcome::Unanswered,
    ];
    let mut groups: Vec<(String, usize)> = Vec::new();
    for outcome in order {
        let mut labels: Vec<&str> = Vec::new();
        for item in in_mou.iter().filter(|i| i.outcome == outcome) {
            if !labels.contains(&item.status_label.as_str()) {
                labels.push(&item.status_label);
            }
        }
        for label in labels {
            let count = in_mou
                .iter()
                .filter(|i| i.outcome == outcome && i.status_label == label)
                .count();
            groups.push((status_phrase(outcome, label, count), count));
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(phrase, count)| format!("{count} {phrase}"))
        .collect();
    Some(format!(
        "Of the {} that belong in the written agreement between the district and the law \
         enforcement agency (the MOU), {}.",
        practices(in_mou.len()),
        and_list(&parts)
    ))
}

/// `is in place`, `are partly in place`, `have no answer yet`.
fn status_phrase(outcome: Outcome, label: &str, count: usize) -> String {
    let one = count == 1;
    if outcome == Outcome::Unverified {
        return "could not be verified".to_string();
    }
    if outcome == Outcome::Unanswered {
        return if one {
            "has no answer yet"
        } else {
            "have no answer yet"
        }
        .to_string();
    }
    format!(
        "{} {}",
        if one { "is" } else { "are" },
        label.to_lowercase()
    )
}

/// The areas with the lowest and the highest percentage (the first in checklist order on a
/// tie); `None` for both when the assessment is not rated (too little is answered for areas
/// to compare), when fewer than two areas are scored, or when all score the same.
fn weakest_and_strongest(a: &Assessment) -> (Option<&SectionScore>, Option<&SectionScore>) {
    if !a.rating.rated {
        return (None, None);
    }
    // An area too thinly answered is not weak, only unknown: the caveat covers it.
    let scored: Vec<(&SectionScore, f64)> = a
        .sections
        .iter()
        .filter(|s| s.rated)
        .filter_map(|s| s.score.percent.map(|p| (s, p)))
        .collect();
    let mut weakest: Option<(&SectionScore, f64)> = None;
    let mut strongest: Option<(&SectionScore, f64)> = None;
    for &(section, percent) in &scored {
        if weakest.is_none_or(|(_, p)| percent < p) {
            weakest = Some((section, percent));
        }
        if strongest.is_none_or(|(_, p)| percent > p) {
            strongest = Some((section, percent));
        }
    }
    match (weakest, strongest) {
        (Some((w, low)), Some((s, high))) if scored.len() >= 2 && low < high => (Some(w), Some(s)),
        _ => (None, None),
    }
}

fn area_finding(a: &Assessment, section: &SectionScore, which: &str) -> String {
    let earned = if section.score.earned > 0.0 {
        view::weight(section.score.earned)
    } else {
        "none".to_string()
    };
    let mut text = format!(
        "The {which} area is \u{201c}{}\u{201d}: {}, {earned} of {} possible points",
        section.title,
        view::percent(section.score.percent),
        view::weight(section.score.possible)
    );
    let unanswered = a
        .section_items(&section.id)
        .filter(|i| i.outcome == Outcome::Unanswered)
        .count();
    if unanswered > 0 {
        text.push_str(&format!(
            " ({unanswered} of its {} {} no answer yet)",
            practices(section.items),
            if unanswered == 1 { "has" } else { "have" }
        ));
        debug_assert!(
            unanswered < section.items,
            "an unanswered area is never chosen"
        );
    }
    text.push('.');
    text
}

/// Up to three practice titles, then `and N more`.
fn named(items: &[&ItemResult]) -> String {
    let titles: Vec<String> = items.iter().map(|i| i.title.clone()).collect();
    named_titles(&titles)
}
