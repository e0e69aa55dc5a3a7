//! The board packet's first page, as finished sentences in plain words for a school board
//! member: what was assessed, by whom and when; the result in words and numbers, with the
//! caveats a thin assessment needs; the findings that matter most; the critical gaps; the
//! committee's recommendation and the action it asks of the board; the sign-off.
//!
//! Pure functions of the score and comparison models: the document builders place these
//! sentences, every medium draws them. No tool words reach them: no option names, item ids,
//! hashes or counts of nothing.
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

use crate::compare::{Column, Comparison, ComparisonKind, TrendStep};
use crate::model::Date;
use crate::report::compare::view::money;
use crate::report::view;
use crate::score::{Assessment, BasisStanding, ItemResult, NotRatedReason, Outcome, SectionScore};

/// What a report prints where the committee has not written its recommendation.
pub const RECOMMENDATION_PLACEHOLDER: &str =
    "The committee has not yet written its recommendation to the board.";

/// What a report prints where the committee has not stated the action it asks of the board.
pub const BOARD_ACTION_PLACEHOLDER: &str =
    "The committee has not yet stated the action it asks of the board.";

/// A blank line to sign or write on, where a sign-off field is not given.
pub const BLANK: &str = "______________________________";

/// How many practices a finding names before "and N more".
const NAMED: usize = 3;

/// The most findings a first page states.
const MOST_FINDINGS: usize = 5;

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
    /// Where the practices that belong in the MOU stand.
    Mou,
    /// The area with the lowest percentage.
    WeakestArea,
    /// The area with the highest percentage.
    StrongestArea,
}

/// What the committee tells the board, on either kind of first page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Committee {
    /// The committee's recommendation; `None`: print [`RECOMMENDATION_PLACEHOLDER`].
    pub recommendation: Option<String>,
    /// The action asked of the board; `None`: print [`BOARD_ACTION_PLACEHOLDER`].
    pub board_action: Option<String>,
    /// Prepared by, reviewed by, presented to the board on.
    pub sign_off: SignOff,
}

impl Committee {
    /// The recommendation, or the placeholder.
    pub fn recommendation_text(&self) -> &str {
        self.recommendation
            .as_deref()
            .unwrap_or(RECOMMENDATION_PLACEHOLDER)
    }

    /// The board action, or the placeholder.
    pub fn board_action_text(&self) -> &str {
        self.board_action
            .as_deref()
            .unwrap_or(BOARD_ACTION_PLACEHOLDER)
    }
}

/// The sign-off block: prepared by, reviewed by, presented to the board on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignOff {
    /// Who prepared the assessment.
    pub prepared_by: Option<String>,
    /// Who reviewed it.
    pub reviewed_by: Option<String>,
    /// The board meeting that receives it.
    pub presented_on: Option<Date>,
}

/// One line of the sign-off block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffLine {
    /// `Prepared by`, `Reviewed by`, `Presented to the board on`.
    pub label: &'static str,
    /// What the file gives; `None`: a blank line to write on.
    pub value: Option<String>,
}

impl SignOffLine {
    /// The value, or a blank line ([`BLANK`]).
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or(BLANK)
    }
}

impl SignOff {
    /// The three lines in the order they are printed; a missing one is a blank line.
    pub fn lines(&self) -> [SignOffLine; 3] {
        [
            SignOffLine {
                label: "Prepared by",
                value: self.prepared_by.clone(),
            },
            SignOffLine {
                label: "Reviewed by",
                value: self.reviewed_by.clone(),
            },
            SignOffLine {
                label: "Presented to the board on",
                value: self.presented_on.map(long_date),
            },
        ]
    }

    /// Whether none of the three is given (the block is all blank lines).
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }
}

/// The first page of an assessment's board packet.
pub fn first_page(a: &Assessment) -> FirstPage {
    FirstPage {
        assessed: assessed(a),
        result: result(a),
        caveats: caveats(a),
        findings: findings(a),
        critical_gaps: view::critical_gap_lines(a),
        critical_unanswered: view::critical_unanswered_lines(a),
        statutory: a
            .statutory()
            .map(|s| statutory_line(s, |id| title_of(a, id))),
        statutory_counts: a.statutory().map(|s| {
            format!(
                "Statutory duties: {}.",
                duty_counts(s.in_place, s.scored(), s.partly_or_not(), s.unanswered)
            )
        }),
        overdue: a.overdue().into_iter().map(view::overdue_line).collect(),
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

/// `Statutory duties: 23 of 29 in place, 4 partly or not, 2 not answered. Not fully in place:
/// A; B; and 2 more.` The duties answered not applicable are left out of the 29.
pub fn statutory_line(s: &BasisStanding, title: impl Fn(&str) -> String) -> String {
    format!("Statutory duties: {}", statutory_counts(s, title))
}

/// [`statutory_line`] without its lead: `23 of 29 in place, ... Not fully in place: A.`
pub fn statutory_counts(s: &BasisStanding, title: impl Fn(&str) -> String) -> String {
    let mut line = format!(
        "{}.",
        duty_counts(s.in_place, s.scored(), s.partly_or_not(), s.unanswered)
    );
    if !s.not_in_place_ids.is_empty() {
        let titles: Vec<String> = s.not_in_place_ids.iter().map(|id| title(id)).collect();
        line.push_str(&format!(" Not fully in place: {}.", named_titles(&titles)));
    }
    line
}

/// `23 of 29 in place, 4 partly or not, 2 not answered` (the counts that are zero left out,
/// but the first).
pub fn duty_counts(
    in_place: usize,
    scored: usize,
    partly_or_not: usize,
    unanswered: usize,
) -> String {
    let mut parts = vec![format!("{in_place} of {scored} in place")];
    if partly_or_not > 0 {
        parts.push(format!("{partly_or_not} partly or not"));
    }
    if unanswered > 0 {
        parts.push(format!("{unanswered} not answered"));
    }
    parts.join(", ")
}

/// `March 15, 2026`: how a board packet writes a date.
pub fn long_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{month} {}, {}", date.day(), date.year())
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
    if view::rating_note(a).is_none() {
        let unanswered = a.coverage.items - a.coverage.answered.min(a.coverage.items);
        if unanswered > 0 && a.overall.percent.is_some() {
            caveats.push(format!(
                "{} of the {} {} no answer yet; each counts as not in place, so the score may \
                 rise when they are answered.",
                unanswered,
                practices(a.coverage.items),
                if unanswered == 1 { "has" } else { "have" }
            ));
        }
    }
    let draft = &a.draft;
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
        let unanswered = a.critical_unanswered().count();
        return (unanswered == 0).then(|| {
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

fn named_titles(titles: &[String]) -> String {
    let mut shown: Vec<String> = titles.iter().take(NAMED).cloned().collect();
    if titles.len() > NAMED {
        shown.push(format!("{} more", titles.len() - NAMED));
    }
    // Titles are phrases that may hold commas of their own: semicolons keep them apart.
    if titles.iter().any(|t| t.contains(',')) {
        return match shown.as_slice() {
            [init @ .., last] if !init.is_empty() => format!("{}; and {last}", init.join("; ")),
            _ => and_list(&shown),
        };
    }
    and_list(&shown)
}

/// `A`, `A and B`, `A, B and C`.
pub(crate) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn practices(n: usize) -> String {
    plural(n, "practice", "practices")
}

/// `9 of 112 practices are answered (8.0%)`.
fn answered_phrase(answered: usize, items: usize) -> String {
    let coverage = crate::score::Coverage { answered, items };
    format!(
        "{answered} of {} {} answered ({:.1}%)",
        practices(items),
        if answered == 1 { "is" } else { "are" },
        coverage.percent()
    )
}

// ----- Comparison -----

/// The first page of a comparison's board packet: planning options side by side, or one
/// district's assessments over time.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonFirstPage {
    /// Options or a trend.
    pub kind: ComparisonKind,
    /// What was compared, and when.
    pub compared: String,
    /// One line per option (or assessment), in the comparison's order: its result and
    /// coverage beside its cost.
    pub options: Vec<OptionLine>,
    /// What the reader must know first: options or years without a rating, and why.
    pub caveats: Vec<String>,
    /// The findings that matter most. Options: the ranking on the practices every option is
    /// scored on (and whether it holds with equal weights), the critical practices some option
    /// leaves open, the gaps every option shares, the cost of each point of score. Trend: the
    /// change in score, what improved, regressed, is new or no longer answered, what slipped,
    /// and the critical practices still open in the latest assessment.
    pub findings: Vec<String>,
    /// The critical practices not fully in place under at least one column, each with where
    /// it is open: `Signed MOU (not fully in place under Option A)`; a trend: those open in the
    /// latest assessment only (the others are closed, stated in the findings).
    pub critical_gaps: Vec<String>,
    /// Where each column's statutory duties stand, one entry per column that has any (a
    /// trend: the latest assessment's only): `"Option A" 27 of 27 in place`.
    pub statutory: Vec<String>,
    /// The committee's recommendation and the board action (options: the one the files give,
    /// each file's labeled when they differ; a trend: the latest assessment's), and the
    /// sign-off (a trend: the latest assessment's names; options: every name the files give,
    /// once each; the latest board date given).
    pub committee: Committee,
}

impl ComparisonFirstPage {
    /// Every sentence of the page, for [`crate::report::glossary::used_in`].
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![
            self.compared.as_str(),
            self.committee.recommendation_text(),
            self.committee.board_action_text(),
        ];
        texts.extend(self.options.iter().map(|o| o.sentence.as_str()));
        texts.extend(self.caveats.iter().map(String::as_str));
        texts.extend(self.findings.iter().map(String::as_str));
        texts.extend(self.critical_gaps.iter().map(String::as_str));
        texts.extend(self.statutory.iter().map(String::as_str));
        texts
    }
}

/// One option (or assessment) of a comparison, for the first page.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionLine {
    /// Its label.
    pub label: String,
    /// `72.4%, rated Developing`, or `8.0%, no rating yet`: its own score, on its own items.
    pub result: String,
    /// `88.1% (1st)`: the score on the practices every column is scored on, and the place.
    pub common: String,
    /// `92 of 97 practices answered (94.8%)`.
    pub coverage: String,
    /// `$98,000 a year and $12,000 once`; `None` when the file gives no cost.
    pub cost: Option<String>,
    /// `1.0 full-time equivalent staff`; `None` when not given.
    pub staff: Option<String>,
    /// All of it in one sentence.
    pub sentence: String,
}

/// The first page of a comparison's board packet.
pub fn comparison_first_page(c: &Comparison) -> ComparisonFirstPage {
    let options: Vec<OptionLine> = c.columns.iter().map(|col| option_line(c, col)).collect();
    let findings = match c.kind {
        ComparisonKind::Options => option_findings(c),
        ComparisonKind::Trend => trend_findings(c),
    };
    let chosen = |field: fn(&Column) -> Option<String>| chosen_text(c, field);
    ComparisonFirstPage {
        kind: c.kind,
        compared: compared(c),
        options,
        caveats: comparison_caveats(c),
        findings,
        // A trend's earlier years are history: the board reads where the duties stand now.
        statutory: c
            .columns
            .iter()
            .skip(match c.kind {
                ComparisonKind::Trend => c.columns.len().saturating_sub(1),
                ComparisonKind::Options => 0,
            })
            .filter_map(|col| {
                // Counts only: the comparison's chapter on what is left open names them.
                let s = col.statutory.as_ref()?;
                let counts = duty_counts(s.in_place, s.scored(), s.partly_or_not(), s.unanswered);
                Some(format!("\u{201c}{}\u{201d} {counts}", col.label))
            })
            .collect(),
        critical_gaps: c
            .critical_gaps
            .iter()
            .filter(|g| match (c.kind, c.columns.last()) {
                (ComparisonKind::Trend, Some(latest)) => g.open_under.contains(&latest.label),
                _ => !g.open_under.is_empty(),
            })
            .map(|g| {
                let under = if c.kind == ComparisonKind::Trend {
                    "in"
                } else {
                    "under"
                };
                format!(
                    "{} (not fully in place {under} {})",
                    g.title,
                    and_list(&g.open_under)
                )
            })
            .collect(),
        committee: Committee {
            recommendation: chosen(|col| col.board.recommendation.clone()),
            board_action: chosen(|col| col.board.board_action.clone()),
            sign_off: SignOff {
                prepared_by: chosen_names(c, |col| col.prepared_by.clone()),
                reviewed_by: chosen_names(c, |col| col.board.reviewed_by.clone()),
                presented_on: presented_on(c),
            },
        },
    }
}

/// A trend's text comes from its latest assessment (an earlier year's recommendation is
/// history); options' from the files that give one: the text itself when they agree, each
/// file's labeled when they differ.
fn chosen_text(c: &Comparison, field: fn(&Column) -> Option<String>) -> Option<String> {
    if c.kind == ComparisonKind::Trend {
        return c.columns.last().and_then(field);
    }
    let mut given: Vec<(&str, String)> = Vec::new();
    for col in &c.columns {
        if let Some(text) = field(col) {
            given.push((&col.label, text));
        }
    }
    let first = given.first()?.1.clone();
    if given.iter().all(|(_, text)| *text == first) {
        return Some(first);
    }
    let labeled: Vec<String> = given
        .iter()
        .map(|(label, text)| format!("{label}: {text}"))
        .collect();
    Some(labeled.join("\n\n"))
}

/// Names for the sign-off: a trend's latest; options' distinct names, in column order, joined
/// with semicolons (a sign-off line names people, not options).
fn chosen_names(c: &Comparison, field: fn(&Column) -> Option<String>) -> Option<String> {
    if c.kind == ComparisonKind::Trend {
        return c.columns.last().and_then(field);
    }
    let names: Vec<String> = c.columns.iter().filter_map(field).collect();
    let names = distinct(names.iter().map(String::as_str));
    (!names.is_empty()).then(|| names.join("; "))
}

fn presented_on(c: &Comparison) -> Option<Date> {
    match c.kind {
        ComparisonKind::Trend => c.columns.last().and_then(|col| col.board.presented_on),
        ComparisonKind::Options => c
            .columns
            .iter()
            .filter_map(|col| col.board.presented_on)
            .max(),
    }
}

fn compared(c: &Comparison) -> String {
    let labels: Vec<String> = c
        .columns
        .iter()
        .map(|col| format!("\u{201c}{}\u{201d}", col.label))
        .collect();
    let districts = distinct(c.columns.iter().map(|col| col.district.as_str()));
    let checklist = format!("the {}, version {}", c.checklist.title, c.checklist.version);
    match c.kind {
        ComparisonKind::Options => format!(
            "{} compared {}: {}, each scored against {checklist}, as of {}.",
            and_list(&districts),
            plural(c.columns.len(), "option", "options"),
            and_list(&labels),
            and_list(&distinct_dates(c))
        ),
        ComparisonKind::Trend => {
            let (first, last) = (c.columns.first(), c.columns.last());
            let span = match (first, last) {
                (Some(f), Some(l)) => {
                    format!(", from {} to {}", long_date(f.date), long_date(l.date))
                }
                _ => String::new(),
            };
            let times = match c.columns.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            format!(
                "{} assessed its program {times}{span}: {}, each scored against {checklist}.",
                and_list(&districts),
                and_list(&labels)
            )
        }
    }
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !seen.iter().any(|s| s == value) {
            seen.push(value.to_string());
        }
    }
    seen
}

fn distinct_dates(c: &Comparison) -> Vec<String> {
    let mut dates: Vec<Date> = c.columns.iter().map(|col| col.date).collect();
    dates.sort();
    dates.dedup();
    dates.into_iter().map(long_date).collect()
}

/// An item's title in a comparison, or its id when the comparison has no such item.
pub(crate) fn comparison_title_of(c: &Comparison, id: &str) -> String {
    c.items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_string(), |i| i.title.clone())
}

fn option_line(c: &Comparison, col: &Column) -> OptionLine {
    let result = match &col.band {
        Some(band) => format!("{}, rated {band}", view::percent(col.overall.percent)),
        None if col.overall.percent.is_none() => "no practice could be scored".to_string(),
        None => format!("{}, no rating yet", view::percent(col.overall.percent)),
    };
    let cov = col.coverage;
    let coverage = if cov.answered == cov.items {
        format!("all {} answered", practices(cov.items))
    } else {
        format!(
            "{} of {} answered ({:.1}%)",
            cov.answered,
            practices(cov.items),
            cov.percent()
        )
    };
    let figures = col.option.unwrap_or(crate::model::OptionFigures {
        annual_cost: None,
        one_time_cost: None,
        staff_fte: None,
        years: None,
    });
    let common = match c.kind {
        ComparisonKind::Options => crate::report::compare::view::common_cell(c, col),
        ComparisonKind::Trend => view::percent(col.common.percent),
    };
    let costs: Vec<String> = [
        figures.annual_cost.map(|v| format!("{} a year", money(v))),
        figures.one_time_cost.map(|v| format!("{} once", money(v))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let cost = (!costs.is_empty()).then(|| and_list(&costs));
    let staff = figures
        .staff_fte
        .map(|v| format!("{v:.1} full-time equivalent staff"));
    let mut sentence = format!(
        "\u{201c}{}\u{201d}: {common} on the practices every {} is scored on; its own score \
         {result}, with {coverage}",
        col.label,
        if c.kind == ComparisonKind::Options {
            "option"
        } else {
            "assessment"
        }
    );
    for extra in [&cost, &staff].into_iter().flatten() {
        sentence.push_str("; ");
        sentence.push_str(extra);
    }
    sentence.push('.');
    OptionLine {
        label: col.label.clone(),
        result,
        common,
        coverage,
        cost,
        staff,
        sentence,
    }
}

fn comparison_caveats(c: &Comparison) -> Vec<String> {
    c.columns
        .iter()
        .filter(|col| col.rating.not_rated_reason == Some(NotRatedReason::CoverageBelowThreshold))
        .map(|col| {
            format!(
                "\u{201c}{}\u{201d} has no rating yet: {}, and a rating needs at least {}%.",
                col.label,
                answered_phrase(col.coverage.answered, col.coverage.items),
                view::weight(col.rating.coverage_threshold)
            )
        })
        .collect()
}

fn option_findings(c: &Comparison) -> Vec<String> {
    let mut findings = Vec::new();
    findings.extend(crate::report::compare::view::standing_line(c));
    let open: Vec<String> = c
        .critical_gaps
        .iter()
        .filter(|g| !g.open_under.is_empty())
        .map(|g| g.title.clone())
        .collect();
    if open.is_empty() {
        if c.columns.iter().all(|col| col.critical.scored > 0) {
            findings.push("Every option has every critical practice in place.".to_string());
        }
    } else {
        findings.push(format!(
            "{} {} not fully in place under at least one option: {}.",
            plural(open.len(), "critical practice", "critical practices"),
            if open.len() == 1 { "is" } else { "are" },
            named_titles(&open)
        ));
    }
    if !c.gaps_everywhere.is_empty() {
        let titles: Vec<String> = c.gaps_everywhere.iter().map(|g| g.title.clone()).collect();
        findings.push(format!(
            "{} {} not fully in place under any option: {}.",
            practices(titles.len()),
            if titles.len() == 1 { "is" } else { "are" },
            named_titles(&titles)
        ));
    }
    let cost = crate::report::compare::view::cost_findings(c);
    if !cost.is_empty() {
        findings.push(cost.join(" "));
    }
    findings.truncate(MOST_FINDINGS);
    findings
}

fn trend_findings(c: &Comparison) -> Vec<String> {
    let Some(trend) = &c.trend else {
        return Vec::new();
    };
    let Some(step) = trend.span.as_ref().or(trend.steps.last()) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let change = match step.overall.points {
        Some(points) => format!(", a change of {}", signed_points(points)),
        None => String::new(),
    };
    let mut overall = format!(
        "The overall score went from {} in \u{201c}{}\u{201d} to {} in \u{201c}{}\u{201d}{change}.",
        view::percent(step.overall.from),
        step.from,
        view::percent(step.overall.to),
        step.to
    );
    if let Some(points) = step.overall_like_for_like.points {
        overall.push_str(&format!(
            " On the {} answered both times, the change is {}.",
            practices(step.items_compared),
            signed_points(points)
        ));
    }
    findings.push(overall);
    findings.push(movement(step));
    if !step.critical_closed.is_empty() {
        let titles: Vec<String> = step
            .critical_closed
            .iter()
            .map(|i| i.title.clone())
            .collect();
        findings.push(format!(
            "Closed in \u{201c}{}\u{201d}: {} that {} a gap in \u{201c}{}\u{201d}: {}.",
            step.to,
            plural(titles.len(), "critical practice", "critical practices"),
            if titles.len() == 1 { "was" } else { "were" },
            step.from,
            named_titles(&titles)
        ));
    }
    if let Some(line) = actions_line(step) {
        findings.push(line);
    }
    if !step.regressed.is_empty() {
        let slipped: Vec<String> = step
            .regressed
            .iter()
            .map(|i| {
                format!(
                    "{} (from {} to {})",
                    i.title,
                    i.from.to_lowercase(),
                    i.to.to_lowercase()
                )
            })
            .collect();
        findings.push(format!("What slipped: {}.", named_titles(&slipped)));
    }
    if let Some(latest) = c.columns.last() {
        let open: Vec<String> = c
            .critical_gaps
            .iter()
            .filter(|g| g.open_under.contains(&latest.label))
            .map(|g| g.title.clone())
            .collect();
        if !open.is_empty() {
            findings.push(format!(
                "In \u{201c}{}\u{201d}, {} {} still not fully in place: {}.",
                latest.label,
                plural(open.len(), "critical practice", "critical practices"),
                if open.len() == 1 { "is" } else { "are" },
                named_titles(&open)
            ));
        }
    }
    findings.truncate(MOST_FINDINGS);
    findings
}

/// `3 of the 12 dated actions of "2025" are done and 2 are overdue: Signed MOU (due June 30,
/// 2025; owner: Superintendent) ...`; `None` when the earlier assessment dated none.
pub fn actions_line(step: &TrendStep) -> Option<String> {
    let actions = &step.actions;
    if actions.dated == 0 {
        return None;
    }
    let mut line = format!(
        "{} of the {} dated {} of \u{201c}{}\u{201d} {} done",
        actions.done.len(),
        actions.dated,
        if actions.dated == 1 {
            "action"
        } else {
            "actions"
        },
        step.from,
        if actions.done.len() == 1 { "is" } else { "are" },
    );
    if actions.overdue.is_empty() {
        line.push('.');
    } else {
        let overdue: Vec<String> = actions
            .overdue
            .iter()
            .map(|a| {
                let owner = a
                    .owner
                    .as_deref()
                    .map_or_else(|| "no owner named".to_string(), |o| format!("owner: {o}"));
                format!("{} (due {}; {owner})", a.title, long_date(a.due))
            })
            .collect();
        line.push_str(&format!(
            " and {} overdue: {}.",
            plural(overdue.len(), "is", "are"),
            named_titles(&overdue)
        ));
    }
    Some(line)
}

/// `+9.5 points`, `-3.0 points`, `no change`.
fn signed_points(points: f64) -> String {
    if points > 0.0 {
        format!("+{points:.1} points")
    } else if points < 0.0 {
        format!("{points:.1} points")
    } else {
        "no change".to_string()
    }
}

/// What moved, leading with improvement: `Since "2025": 12 practices improved, 3 slipped, 5
/// were answered for the first time and 2 are no longer answered.` Movements of none are left
/// out.
fn movement(step: &TrendStep) -> String {
    let verb = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let moves = [
        (step.improved.len(), "improved", "improved"),
        (step.regressed.len(), "slipped", "slipped"),
        (
            step.new.len(),
            "was answered for the first time",
            "were answered for the first time",
        ),
        (
            step.dropped.len(),
            "is no longer answered",
            "are no longer answered",
        ),
    ];
    let mut parts: Vec<String> = moves
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| verb(n, one, many))
        .collect();
    let Some(first) = parts.first_mut() else {
        return format!(
            "No practice changed status since \u{201c}{}\u{201d}.",
            step.from
        );
    };
    // The first count names what is counted; the others share it.
    if let Some((count, rest)) = first.split_once(' ') {
        let noun = if count == "1" {
            "practice"
        } else {
            "practices"
        };
        *first = format!("{count} {noun} {rest}");
    }
    format!("Since \u{201c}{}\u{201d}: {}.", step.from, and_list(&parts))
}

#[cfg(test)]
mod tests;
