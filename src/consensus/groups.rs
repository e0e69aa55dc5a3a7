//! Each group's view of the program: section scores from the ratings of its members alone, so
//! that a board can see where, say, law enforcement and families see a practice differently.

use serde::Serialize;

use super::Member;
use crate::model::{Checklist, Item, Profile};

/// Groups whose section scores lie this many points apart or more see that section differently.
pub const SECTION_DIFFERENCE_POINTS: f64 = 25.0;

/// The groups side by side.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GroupView {
    /// The groups, in the order their first member was given.
    pub groups: Vec<String>,
    /// The sections where groups differ by [`SECTION_DIFFERENCE_POINTS`] or more, widest
    /// difference first, then the others in checklist order.
    pub sections: Vec<GroupSection>,
}

/// One section, as each group scores it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GroupSection {
    /// Section id.
    pub section_id: String,
    /// Section title.
    pub title: String,
    /// Each group's score (percent of the weight its ratings on the scale earn), in the order
    /// of [`GroupView::groups`]; `None` when none of its members rated an item of the section.
    pub percents: Vec<Option<f64>>,
    /// How many ratings on the scale each score rests on.
    pub ratings: Vec<usize>,
    /// Points between the highest and the lowest group score, when two or more groups scored.
    pub difference: Option<f64>,
    /// Whether the difference reaches [`SECTION_DIFFERENCE_POINTS`].
    pub differs: bool,
}

/// The groups' section scores, when members of two or more groups rated.
pub(super) fn view(
    checklist: &Checklist,
    profile: &Profile,
    members: &[Member<'_>],
    credits: &[(&str, f64)],
) -> Option<GroupView> {
    let mut groups: Vec<&str> = Vec::new();
    for group in members.iter().filter_map(|m| m.group) {
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    if groups.len() < 2 {
        return None;
    }
    let mut sections: Vec<GroupSection> = checklist
        .sections_in(Some(profile))
        .into_iter()
        .map(|(section, items)| {
            let scores: Vec<Pooled> = groups
                .iter()
                .map(|group| pooled(checklist, members, group, &items, credits))
                .collect();
            let scored: Vec<f64> = scores.iter().filter_map(Pooled::percent).collect();
            let difference = (scored.len() >= 2).then(|| {
                let high = scored.iter().copied().fold(f64::MIN, f64::max);
                let low = scored.iter().copied().fold(f64::MAX, f64::min);
                high - low
            });
            GroupSection {
                section_id: section.id.clone(),
                title: section.title.clone(),
                percents: scores.iter().map(Pooled::percent).collect(),
                ratings: scores.iter().map(|s| s.ratings).collect(),
                differs: difference.is_some_and(|d| d >= SECTION_DIFFERENCE_POINTS),
                difference,
            }
        })
        .collect();
    // Stable: sections that differ come first, widest first; the rest keep checklist order.
    sections.sort_by(|a, b| {
        let key = |s: &GroupSection| {
            if s.differs {
                -s.difference.unwrap_or(0.0)
            } else {
                0.0
            }
        };
        key(a).total_cmp(&key(b))
    });
    Some(GroupView {
        groups: groups.iter().map(|g| g.to_string()).collect(),
        sections,
    })
}

/// A group's ratings on the scale of a section's items, pooled over its members.
fn pooled(
    checklist: &Checklist,
    members: &[Member<'_>],
    group: &str,
    items: &[&Item],
    credits: &[(&str, f64)],
) -> Pooled {
    let mut score = Pooled::default();
    for member in members.iter().filter(|m| m.group == Some(group)) {
        for item in items {
            let status = member.answers.answer(&item.id).and_then(|a| a.status());
            let credit = credits.iter().find(|(value, _)| Some(*value) == status);
            if let Some((_, credit)) = credit {
                score.add(checklist.weights.of(item.priority), *credit);
            }
        }
    }
    score
}

/// Weight earned and possible over a group's ratings on the scale.
#[derive(Default)]
struct Pooled {
    earned: f64,
    possible: f64,
    ratings: usize,
}

impl Pooled {
    fn add(&mut self, weight: f64, credit: f64) {
        self.earned += weight * credit;
        self.possible += weight;
        self.ratings += 1;
    }

    fn percent(&self) -> Option<f64> {
        (self.possible > 0.0).then(|| 100.0 * self.earned / self.possible)
    }
}
