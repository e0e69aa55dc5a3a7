//! Reading a status as people write it: the scale's values, labels and aliases in any case or
//! spacing. A word that matches none gets a suggestion only when the suggestion means the same
//! thing: a hint must never turn a gap into a better score or take it out of the score.

use super::suggest::{nearest, quotable};
use crate::model::{Checklist, ScaleLevel};

/// Words (whole, after lowercasing) that say the practice is not there.
const NEGATIVE_WORDS: [&str; 13] = [
    "no", "not", "non", "none", "never", "nope", "nah", "false", "off", "missing", "absent",
    "without", "0",
];

/// Single letters and marks that people tick in a box; each could mean yes or no.
const AMBIGUOUS_MARKS: [&str; 1] = ["x"];

/// Shortest squashed word that gets a typo suggestion: below it, one edit turns any short word
/// into another (`no` into `na`, `not` into `met`).
const MIN_TYPO_LENGTH: usize = 4;

/// Lowercase letters and digits only: `Not met`, `not-met` and `NOT_MET` all become `notmet`.
pub(crate) fn status_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Why a written status names no scale value, and what may be suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusProblem {
    /// The status as written, trimmed.
    pub text: String,
    /// What is wrong with it.
    pub kind: StatusProblemKind,
    /// The one value the word most likely means, when its meaning is clear.
    pub suggestion: Option<String>,
    /// Every value with its label: `met (In place), partial (Partly in place), ...`.
    pub choices: String,
    /// Every value: `met, partial, not_met, na`.
    pub values: String,
}

/// What is wrong with a written status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusProblemKind {
    /// Nothing but spaces.
    Empty,
    /// A tick, cross or question mark: it could mean any status, so nothing is guessed.
    AmbiguousMark,
    /// A word that is not a value, a label or an alias of the scale.
    Unknown,
}

impl StatusProblem {
    /// The error message, naming the item when there is one.
    pub fn message(&self, item_id: Option<&str>) -> String {
        let of = item_id.map_or(String::new(), |id| format!(" for `{id}`"));
        match self.kind {
            StatusProblemKind::Empty => format!("the status{of} is empty"),
            StatusProblemKind::AmbiguousMark => format!(
                "the mark `{}`{of} is ambiguous: it could mean in place, partly in place, not in place or not applicable",
                quotable(&self.text)
            ),
            StatusProblemKind::Unknown => format!("unknown status `{}`{of}", quotable(&self.text)),
        }
    }

    /// What to write instead; `suggest` phrases a suggestion the way its caller's other hints
    /// do (`did you mean `x`?`).
    pub fn hint(&self, suggest: impl Fn(&str) -> String) -> String {
        match (&self.suggestion, self.kind) {
            (Some(best), _) => format!("{} the statuses are: {}", suggest(best), self.values),
            (None, StatusProblemKind::AmbiguousMark) => {
                format!("write the status it stands for, one of: {}", self.choices)
            }
            (None, _) => format!("use one of: {}", self.choices),
        }
    }
}

/// The scale level a written status names, or why it names none.
pub fn resolve_status<'c>(
    text: &str,
    checklist: &'c Checklist,
) -> Result<&'c ScaleLevel, StatusProblem> {
    let text = text.trim();
    let key = status_key(text);
    let scale = &checklist.scale;
    if let Some(level) = scale
        .iter()
        .find(|l| spellings(l).any(|s| status_key(s) == key))
    {
        return Ok(level);
    }
    let kind = if text.is_empty() {
        StatusProblemKind::Empty
    } else if key.is_empty() || AMBIGUOUS_MARKS.contains(&key.as_str()) {
        StatusProblemKind::AmbiguousMark
    } else {
        StatusProblemKind::Unknown
    };
    let suggestion = match kind {
        StatusProblemKind::Unknown => suggest(text, &key, scale).map(|l| l.value.clone()),
        _ => None,
    };
    Err(StatusProblem {
        text: text.to_string(),
        kind,
        suggestion,
        choices: choices(scale),
        values: scale
            .iter()
            .map(|l| l.value.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Every way a level may be written: its value, its label and its aliases.
fn spellings(level: &ScaleLevel) -> impl Iterator<Item = &str> {
    [level.value.as_str(), level.label.as_str()]
        .into_iter()
        .chain(level.aliases.iter().map(String::as_str))
}

/// A typo of a spelling that says the same (yes or no) as the word; else, for a word that says
/// no, the level that gives the least credit. Never `na` or more credit for a word that says no.
fn suggest<'c>(text: &str, key: &str, scale: &'c [ScaleLevel]) -> Option<&'c ScaleLevel> {
    let negative = says_no(text);
    if key.len() >= MIN_TYPO_LENGTH {
        let candidates: Vec<(String, &ScaleLevel)> = scale
            .iter()
            .flat_map(|l| spellings(l).map(move |s| (s, l)))
            .filter(|(s, _)| says_no(s) == negative)
            // "Don't know" takes an item out of the gaps, so a word that says no never gets it.
            .filter(|(_, l)| !(negative && l.is_unknown()))
            .map(|(s, l)| (status_key(s), l))
            .collect();
        let best = nearest(key, candidates.iter().map(|(k, _)| k.as_str()));
        if let Some(found) = best.and_then(|b| candidates.iter().find(|(k, _)| k == b)) {
            return Some(found.1);
        }
    }
    if negative {
        return scale
            .iter()
            .filter(|l| l.credit.is_some())
            .min_by(|a, b| a.credit.unwrap_or(0.0).total_cmp(&b.credit.unwrap_or(0.0)));
    }
    None
}

/// Whether the words say the practice is not there: `No`, `n`, `not done`, `non-compliant`.
fn says_no(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    lower.trim() == "n"
        || words.any(|w| NEGATIVE_WORDS.contains(&w) || (w.starts_with("not") && w.len() > 3))
}

fn choices(scale: &[ScaleLevel]) -> String {
    scale
        .iter()
        .map(|l| format!("{} ({})", l.value, l.label))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::checklist::parse_checklist;

    fn checklist(aliases: bool) -> Checklist {
        let scale = if aliases {
            "scale:\n  - { value: met, label: In place, credit: 1.0, aliases: [yes, y, done] }\n  \
             - { value: partial, label: Partly in place, credit: 0.5, aliases: [partly, in progress] }\n  \
             - { value: not_met, label: Not in place, credit: 0.0, aliases: [no, n] }\n  \
             - { value: na, label: Not applicable, credit: null, aliases: [n/a] }\n"
        } else {
            "scale:\n  - { value: met, label: In place, credit: 1.0 }\n  \
             - { value: partial, label: Partly in place, credit: 0.5 }\n  \
             - { value: not_met, label: Not in place, credit: 0.0 }\n  \
             - { value: na, label: Not applicable, credit: null }\n"
        };
        let text = format!(
            "id: t\ntitle: T\nversion: \"1\"\n{scale}weights: {{ critical: 5, high: 3, medium: 2, low: 1 }}\n\
             bands:\n  - {{ min: 0, label: Any }}\nsources:\n  - {{ id: s, title: S, publisher: P, year: 2020, url: \"https://example.org\" }}\n\
             sections:\n  - id: a\n    title: A\n    items:\n      - id: a.one\n        title: One\n        guidance: G\n        \
             priority: high\n        responsible: joint\n        recommendation: R\n        sources: [{{ source: s }}]\n"
        );
        parse_checklist(&text).unwrap().0
    }

    fn value(text: &str, aliases: bool) -> Result<String, StatusProblem> {
        let checklist = checklist(aliases);
        resolve_status(text, &checklist).map(|l| l.value.clone())
    }

    #[test]
    fn aliases_values_and_labels_match_in_any_case_and_spacing() {
        for (text, expected) in [
            ("YES", "met"),
            (" Done ", "met"),
            ("In Progress", "partial"),
            ("in-progress", "partial"),
            ("No", "not_met"),
            ("N", "not_met"),
            ("N/A", "na"),
            ("not met", "not_met"),
            ("Partly in place", "partial"),
        ] {
            assert_eq!(value(text, true).as_deref(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn a_word_that_says_no_is_never_offered_na_or_more_credit() {
        for text in ["No", "no", "n", "0", "not", "None", "false", "not done"] {
            let problem = value(text, false).unwrap_err();
            assert_eq!(problem.kind, StatusProblemKind::Unknown, "{text}");
            assert_eq!(problem.suggestion.as_deref(), Some("not_met"), "{text}");
        }
    }

    #[test]
    fn ambiguous_marks_list_the_choices_and_guess_nothing() {
        for text in ["x", "X", "✓", "✔", "?", "-", "✗"] {
            let problem = value(text, true).unwrap_err();
            assert_eq!(problem.kind, StatusProblemKind::AmbiguousMark, "{text}");
            assert_eq!(problem.suggestion, None, "{text}");
            assert!(problem.choices.contains("not_met (Not in place)"));
        }
    }

    #[test]
    fn typos_are_suggested_only_within_the_same_yes_or_no_meaning() {
        assert_eq!(
            value("mett", false).unwrap_err().suggestion.as_deref(),
            Some("met")
        );
        assert_eq!(
            value("partail", false).unwrap_err().suggestion.as_deref(),
            Some("partial")
        );
        assert_eq!(
            value("non applicable", false)
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("na")
        );
        assert_eq!(value("unsure", false).unwrap_err().suggestion, None);
        assert_eq!(value("ok", false).unwrap_err().suggestion, None);
    }

    fn bundled_value(text: &str) -> Result<String, StatusProblem> {
        let Some(Ok(loaded)) = crate::load::bundled_checklist("wi-sro-best-practices") else {
            panic!("the bundled checklist loads");
        };
        resolve_status(text, &loaded.checklist).map(|l| l.value.clone())
    }

    #[test]
    fn dont_know_and_its_aliases_resolve_to_unknown() {
        for text in [
            "DK",
            "dk",
            "Don't know",
            "DON'T KNOW",
            "unsure",
            "could not verify",
            "unknown",
        ] {
            assert_eq!(bundled_value(text).as_deref(), Ok("unknown"), "{text}");
        }
    }

    #[test]
    fn a_word_that_says_no_is_never_offered_dont_know() {
        for text in ["could not verifi", "not verified", "not knwon", "no"] {
            let suggestion = bundled_value(text).err().and_then(|p| p.suggestion);
            assert_ne!(suggestion.as_deref(), Some("unknown"), "{text}");
        }
    }

    #[test]
    fn a_checklist_without_unknown_does_not_accept_it() {
        let problem = value("unknown", true).unwrap_err();
        assert_eq!(problem.kind, StatusProblemKind::Unknown);
        assert!(!problem.values.contains("unknown"), "{}", problem.values);
        assert!(value("dk", true).is_err());
    }

    #[test]
    fn an_empty_status_is_its_own_problem() {
        assert_eq!(
            value("  ", false).unwrap_err().kind,
            StatusProblemKind::Empty
        );
    }
}
