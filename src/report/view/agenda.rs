//! The words of a committee's consensus agenda.

use super::{percent, plural};
use crate::consensus::{
    Agreement, Consensus, ConsensusItem, Flag, GroupSection, GroupView, Reliability,
};
use crate::model::Answer;

/// The document's title.
pub fn agenda_title(c: &Consensus, confidential: bool) -> String {
    let title = format!("SRO program consensus agenda: {}", c.district);
    if confidential {
        format!("CONFIDENTIAL: {title}")
    } else {
        title
    }
}

/// `4 members: 2 law enforcement, 1 family, 1 not given`.
pub fn members_line(c: &Consensus) -> String {
    let members = plural(c.raters.len(), "member", "members");
    if c.raters.iter().all(|r| r.group.is_none()) {
        return members;
    }
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for rater in &c.raters {
        let group = rater.group.as_deref().unwrap_or("no group given");
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, n)) => *n += 1,
            None => groups.push((group, 1)),
        }
    }
    let parts: Vec<String> = groups.iter().map(|(g, n)| format!("{n} {g}")).collect();
    format!("{members}: {}", parts.join(", "))
}

/// How many items the members answered, and how often all who answered agreed.
pub fn agreement_line(a: &Agreement) -> String {
    let answered = format!(
        "{} answered {} of the profile's {}.",
        plural(a.raters, "member", "members"),
        a.items_answered,
        plural(a.items, "item", "items")
    );
    match a.percent_agreement {
        Some(share) => format!(
            "{answered} Of the {} that two or more members answered, all who answered agree on {} ({}).",
            plural(a.items_answered_by_two, "item", "items"),
            a.items_all_agree,
            percent(Some(share))
        ),
        None => format!("{answered} No item was answered by two or more members."),
    }
}

/// Alpha, and what it means, or why there is none.
pub fn alpha_line(a: &Agreement) -> String {
    match (a.krippendorff_alpha_ordinal, a.reliability) {
        (Some(alpha), Some(reliability)) => format!(
            "Agreement beyond chance (Krippendorff's alpha, ordinal): {alpha:.3}, {}.",
            reliability_words(reliability)
        ),
        _ => format!(
            "Agreement beyond chance (Krippendorff's alpha) cannot be computed: {}.",
            a.alpha_unavailable
                .map_or("the ratings do not allow it", |why| why.reason())
        ),
    }
}

fn reliability_words(reliability: Reliability) -> String {
    let word = reliability_word(reliability);
    match reliability {
        Reliability::Reliable => format!("{word} (0.800 or more): the members rate alike"),
        Reliability::Tentative => format!(
            "{word} (0.667 to 0.800): the members mostly rate alike; settle the flagged items before relying on the ratings"
        ),
        Reliability::Low => format!(
            "{word} (below 0.667): the members rate too differently to rely on the ratings before the meeting settles the flagged items"
        ),
    }
}

/// `reliable`, `tentative` or `low`: what a value of alpha means, in one word.
pub fn reliability_word(reliability: Reliability) -> &'static str {
    match reliability {
        Reliability::Reliable => "reliable",
        Reliability::Tentative => "tentative",
        Reliability::Low => "low",
    }
}

/// Why an item is on the agenda.
pub fn flag_line(c: &Consensus, flag: Flag) -> String {
    match flag {
        Flag::Spread { steps } => format!(
            "Ratings lie {} apart (more than the {} the committee allows).",
            plural(steps, "step", "steps"),
            plural(c.threshold, "step", "steps")
        ),
        Flag::NotApplicableMixed => {
            "Some members rated the practice and others found it not applicable.".to_string()
        }
    }
}

/// The proposal in words.
pub fn proposal_line(c: &Consensus, item: &ConsensusItem) -> String {
    match &item.proposed {
        Some(value) => format!("Proposed: {}.", c.label_of(value)),
        None => "Proposed: nothing (no member answered).".to_string(),
    }
}

/// A member's rating in words.
pub fn rating_words<'a>(c: &'a Consensus, answer: Option<&'a Answer>) -> &'a str {
    match answer.and_then(Answer::status) {
        Some(value) => c.label_of(value),
        None => "Not answered",
    }
}

/// What a member wrote about an item: evidence and note, and the internal note only when
/// `internal` (marked CONFIDENTIAL).
pub fn member_notes(answer: Option<&Answer>, internal: bool) -> String {
    let Some(answer) = answer else {
        return String::new();
    };
    let mut lines = Vec::new();
    if let Some(evidence) = &answer.evidence {
        lines.push(format!("Evidence: {evidence}"));
    }
    if let Some(note) = &answer.note {
        lines.push(format!("Note: {note}"));
    }
    if internal && let Some(secret) = &answer.internal_note {
        lines.push(super::assessment::internal_note(secret));
    }
    lines.join("\n")
}

/// `Who may see records (records.access): 3 of 4 members don't know.`
pub fn dont_know_line(c: &Consensus, item: &ConsensusItem) -> String {
    format!(
        "{} ({}): {} of {} don't know.",
        item.title,
        item.id,
        item.dont_know,
        plural(c.raters.len(), "member", "members")
    )
}

/// The items that need no discussion, counted.
pub fn settled_line(c: &Consensus) -> String {
    format!(
        "{} need no discussion: the members who answered are at most {} apart and none found them not applicable while others rated them. The proposal stands for them unless the meeting decides otherwise.",
        plural(c.settled().len(), "item", "items"),
        plural(c.threshold, "step", "steps")
    )
}

/// The items nobody answered, counted; `None` when there are none.
pub fn nobody_answered_line(c: &Consensus) -> Option<String> {
    let n = c.nobody_answered();
    (n > 0).then(|| {
        format!(
            "{} no member answered: not gaps, and nothing to propose.",
            plural(n, "item", "items")
        )
    })
}

/// `Law enforcement and family see Records differently: 100.0% and 14.3%.`
pub fn group_difference_line(view: &GroupView, section: &GroupSection) -> String {
    let scored: Vec<(&str, f64)> = view
        .groups
        .iter()
        .zip(&section.percents)
        .filter_map(|(g, p)| Some((g.as_str(), (*p)?)))
        .collect();
    let high = scored.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let low = scored.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
    match (high, low) {
        (Some(high), Some(low)) => format!(
            "{} and {} members see {} differently: {} and {}.",
            capitalized(high.0),
            low.0,
            section.title,
            percent(Some(high.1)),
            percent(Some(low.1))
        ),
        _ => String::new(),
    }
}

/// A group's score of a section and how many ratings it rests on.
pub fn group_score(percent_value: Option<f64>, ratings: usize) -> String {
    match percent_value {
        Some(p) => format!(
            "{} ({})",
            percent(Some(p)),
            plural(ratings, "rating", "ratings")
        ),
        None => "not rated".to_string(),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// How the consensus was reached, for the method section.
pub fn method_lines(c: &Consensus) -> Vec<String> {
    let mut lines = vec![
        "Each member rated the checklist alone. For each item the proposal is the lower median of the members' ratings on the scale: the cautious side of the middle. When more than half of the members who answered found an item not applicable, the proposal is not applicable.".to_string(),
        format!(
            "An item is flagged for discussion when the members' ratings lie more than {} apart on the scale, or when some found it not applicable while others rated it. \"Don't know\" and unanswered items are never gaps and take no part in the proposal.",
            plural(c.threshold, "step", "steps")
        ),
        "Agreement beyond chance is Krippendorff's alpha at the ordinal level over the scale's rated values in order, with not applicable, don't know and unanswered as missing values (Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. University of Pennsylvania). 1 is perfect agreement, 0 is what chance alone would give; 0.800 or more is customarily taken as reliable and 0.667 as the lowest value to draw tentative conclusions from.".to_string(),
    ];
    if c.groups.is_some() {
        lines.push("A group's section score is the weight its members' ratings on the scale earn, as a percentage of the weight of the items they rated; the number of ratings it rests on is beside it.".to_string());
    }
    lines
}
