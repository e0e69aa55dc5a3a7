//! The board packet's first page, as finished sentences in plain words for a school board
//! member: what was assessed, by whom and when; the result in words and numbers, with the
//! caveats a thin assessment needs; the findings that matter most; the critical gaps; the
//! committee's recommendation and the action it asks of the board; the sign-off.
//!
//! Pure functions of the score and comparison models: the document builders place these
//! sentences, every medium draws them. No tool words reach them: no option names, item ids,
//! hashes or counts of nothing. One submodule per subject; what both pages say the same way
//! (the committee's part, the sign-off, dates, lists of names) is here.

mod assessment;
mod comparison;

pub use assessment::{Finding, FindingKind, FirstPage, first_page};
pub(crate) use comparison::comparison_title_of;
pub use comparison::{ComparisonFirstPage, OptionLine, actions_line, comparison_first_page};

use crate::compare::DutyCounts;
use crate::model::Date;
use crate::score::BasisStanding;

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

/// `Statutory duties: 23 of 29 in place, 4 partly or not, 2 not answered. Not fully in place:
/// A; B; and 2 more.` The duties answered not applicable are left out of the 29.
pub fn statutory_line(s: &BasisStanding, title: impl Fn(&str) -> String) -> String {
    format!("Statutory duties: {}", statutory_counts(s, title))
}

/// [`statutory_line`] without its lead: `23 of 29 in place, ... Not fully in place: A.`
pub fn statutory_counts(s: &BasisStanding, title: impl Fn(&str) -> String) -> String {
    let mut line = format!("{}.", duty_counts(&DutyCounts::of(s)));
    if !s.not_in_place_ids.is_empty() {
        let titles: Vec<String> = s.not_in_place_ids.iter().map(|id| title(id)).collect();
        line.push_str(&format!(" Not fully in place: {}.", named_titles(&titles)));
    }
    line
}

/// `23 of 29 in place, 4 partly or not, 2 not answered` (the counts that are zero left out,
/// but the first).
pub fn duty_counts(counts: &DutyCounts) -> String {
    let mut parts = vec![format!("{} of {} in place", counts.in_place, counts.scored)];
    if counts.partly_or_not > 0 {
        parts.push(format!("{} partly or not", counts.partly_or_not));
    }
    if counts.unanswered > 0 {
        parts.push(format!("{} not answered", counts.unanswered));
    }
    if counts.unverified > 0 {
        parts.push(format!("{} could not be verified", counts.unverified));
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

fn named_titles(titles: &[String]) -> String {
    // Quoted, a title keeps its own capital mid-sentence ("; and “An SRO who…”").
    let mut shown: Vec<String> = titles
        .iter()
        .take(NAMED)
        .map(|t| format!("“{t}”"))
        .collect();
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

#[cfg(test)]
mod tests;
