//! Committee consensus: several members' answers to one checklist, compared item by item. Pure:
//! no I/O, no clock; `report` states the result as an agenda.
//!
//! Each member rates alone; [`consensus`] then proposes one rating per item (the lower median
//! of the members' ratings on the scale, the cautious side of the middle), flags the items
//! where they disagree by more than a threshold, and measures how far they agree overall with
//! Krippendorff's alpha at the ordinal level.

mod alpha;
mod answers_file;
mod groups;
#[cfg(test)]
mod tests;

pub use alpha::{AlphaUnavailable, ordinal_alpha};
pub use answers_file::answers_file;
pub use groups::{GroupSection, GroupView, SECTION_DIFFERENCE_POINTS};

use serde::Serialize;

use crate::model::{
    Answer, Answers, Checklist, ConsensusRecord, Date, GroupCount, Priority, Profile, ScaleLevel,
};
use crate::score::{ChecklistMeta, ProfileMeta, labels, round1};

/// The scale value that means "don't know": it takes no part in the proposal or the agreement.
pub use crate::model::UNKNOWN_STATUS as DONT_KNOW;

/// The spread, in scale steps, that flags an item unless a caller says otherwise: "In place"
/// beside "Not in place" is flagged, "In place" beside "Partly in place" is not.
pub const DEFAULT_THRESHOLD: usize = 1;

/// One member's answers, as the caller read them.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The member's name or role, as the reports print it.
    pub rater: &'a str,
    /// The group the member speaks for (district staff, law enforcement, family...).
    pub group: Option<&'a str>,
    /// The file the answers came from, as the caller names it.
    pub file: &'a str,
    /// The answers.
    pub answers: &'a Answers,
}

/// Who rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rater {
    /// Name or role.
    pub name: String,
    /// Group, when the member gave one.
    pub group: Option<String>,
    /// The member's file.
    pub file: String,
}

/// The members' answers side by side, with a proposal per item and the agreement.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Consensus {
    /// The checklist the members answered.
    pub checklist: ChecklistMeta,
    /// The checklist as the first member's file names it (a bundled id or a path).
    pub checklist_reference: String,
    /// Their profile.
    pub profile: ProfileMeta,
    /// Their district.
    pub district: String,
    /// The latest of the members' dates.
    pub date: Option<Date>,
    /// Every scale value with the label it prints as, in scale order.
    pub scale: Vec<ScaleLabel>,
    /// The members, in the order given.
    pub raters: Vec<Rater>,
    /// The spread in scale steps above which an item is flagged.
    pub threshold: usize,
    /// How far the members agree.
    pub agreement: Agreement,
    /// Every item of the profile, in checklist order.
    pub items: Vec<ConsensusItem>,
    /// Each group's section scores, when two or more groups rated.
    pub groups: Option<GroupView>,
}

/// A scale value and the words it prints as under the members' profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ScaleLabel {
    /// The value answers write.
    pub value: String,
    /// The words.
    pub label: String,
}

/// How far the members agree, over the whole checklist.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Agreement {
    /// Number of members.
    pub raters: usize,
    /// Number of items of the profile.
    pub items: usize,
    /// Items that one or more members answered (with a scale value or "not applicable").
    pub items_answered: usize,
    /// Items that two or more members answered (with a scale value or "not applicable").
    pub items_answered_by_two: usize,
    /// Of those, the items on which every member who answered gave the same answer.
    pub items_all_agree: usize,
    /// `items_all_agree` as a percentage of `items_answered_by_two` (one decimal); `None` when
    /// that is 0.
    pub percent_agreement: Option<f64>,
    /// Krippendorff's alpha at the ordinal level over the scale's credited values (three
    /// decimals), with "not applicable", "don't know" and unanswered as missing values.
    pub krippendorff_alpha_ordinal: Option<f64>,
    /// Why alpha has no value, when it has none.
    pub alpha_unavailable: Option<AlphaUnavailable>,
    /// What alpha means, when it has a value.
    pub reliability: Option<Reliability>,
}

/// What a value of alpha means, by Krippendorff's customary cut-offs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    /// At or above 0.800.
    Reliable,
    /// From 0.667 up to 0.800.
    Tentative,
    /// Below 0.667.
    Low,
}

impl Reliability {
    /// The reading of an alpha value.
    pub fn of(alpha: f64) -> Self {
        if alpha >= 0.800 {
            Reliability::Reliable
        } else if alpha >= 0.667 {
            Reliability::Tentative
        } else {
            Reliability::Low
        }
    }
}

/// One item, as every member rated it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConsensusItem {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section_id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// Each member's answer, in the order of [`Consensus::raters`]; `None` when unanswered.
    pub ratings: Vec<Option<Answer>>,
    /// The proposed status; `None` when no member answered the item.
    pub proposed: Option<String>,
    /// Why the meeting should discuss the item, when it should.
    pub flag: Option<Flag>,
    /// How many members answered "don't know".
    pub dont_know: usize,
}

/// Why an item goes on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Flag {
    /// The members' ratings on the scale lie this many steps apart, more than the threshold.
    Spread {
        /// Steps between the lowest and the highest rating.
        steps: usize,
    },
    /// Some members rated the item on the scale and others found it not applicable.
    NotApplicableMixed,
}

impl ConsensusItem {
    /// Whether more than half of the members answered "don't know": the committee lacks
    /// what it needs to judge the item.
    pub fn mostly_dont_know(&self) -> bool {
        self.dont_know * 2 > self.ratings.len()
    }
}

impl Consensus {
    /// The flagged items, critical first, then in checklist order: the meeting's agenda.
    pub fn agenda(&self) -> Vec<&ConsensusItem> {
        let mut flagged: Vec<&ConsensusItem> =
            self.items.iter().filter(|i| i.flag.is_some()).collect();
        flagged.sort_by_key(|item| item.priority);
        flagged
    }

    /// The items, not flagged, that most members could not judge.
    pub fn mostly_dont_know(&self) -> Vec<&ConsensusItem> {
        self.items
            .iter()
            .filter(|i| i.flag.is_none() && i.mostly_dont_know())
            .collect()
    }

    /// The items with a proposal that need no discussion: not flagged, and not mostly "don't
    /// know".
    pub fn settled(&self) -> Vec<&ConsensusItem> {
        self.items
            .iter()
            .filter(|i| i.flag.is_none() && !i.mostly_dont_know() && i.proposed.is_some())
            .collect()
    }

    /// The items that no member answered (unanswered, or "don't know" by too few to list them
    /// apart).
    pub fn nobody_answered(&self) -> usize {
        let listed = |i: &&ConsensusItem| i.flag.is_some() || i.mostly_dont_know();
        self.items
            .iter()
            .filter(|i| !listed(i) && i.proposed.is_none())
            .count()
    }

    /// Whether any member's answer holds an internal note.
    pub fn has_internal_notes(&self) -> bool {
        self.answers().any(|a| a.internal_note.is_some())
    }

    /// The same consensus with every internal note removed, for public documents.
    pub fn without_internal_notes(&self) -> Consensus {
        let mut public = self.clone();
        for item in &mut public.items {
            for answer in item.ratings.iter_mut().flatten() {
                answer.internal_note = None;
            }
        }
        public
    }

    /// The words a scale value prints as (the value itself when the scale lacks it).
    pub fn label_of<'a>(&'a self, value: &'a str) -> &'a str {
        self.scale
            .iter()
            .find(|l| l.value == value)
            .map_or(value, |l| l.label.as_str())
    }

    /// How the consensus was reached, as the consensus file records it for the report.
    pub fn record(&self) -> ConsensusRecord {
        ConsensusRecord {
            members: self.raters.len(),
            groups: self.group_counts(),
            threshold: self.threshold,
            percent_agreement: self.agreement.percent_agreement,
            krippendorff_alpha_ordinal: self.agreement.krippendorff_alpha_ordinal,
            flagged: self.agenda().len(),
        }
    }

    /// The members of each group given, in the order the groups first appear.
    fn group_counts(&self) -> Vec<GroupCount> {
        let mut counts: Vec<GroupCount> = Vec::new();
        for group in self.raters.iter().filter_map(|r| r.group.as_deref()) {
            match counts.iter_mut().find(|c| c.group == group) {
                Some(count) => count.members += 1,
                None => counts.push(GroupCount {
                    group: group.to_string(),
                    members: 1,
                }),
            }
        }
        counts
    }

    fn answers(&self) -> impl Iterator<Item = &Answer> {
        self.items.iter().flat_map(|i| i.ratings.iter().flatten())
    }
}

/// What one member's answer to an item is, for the proposal and the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judgment<'c> {
    /// A credited value, by rank (0 for the lowest credit).
    Rated(usize),
    /// A value without credit: not applicable.
    NotApplicable(&'c str),
    /// "Don't know".
    DontKnow,
    /// No answer, or an entry without a status.
    Unanswered,
}

/// The scale's credited values, lowest credit first (scale order among equal credits).
struct Ranks<'c> {
    credited: Vec<&'c ScaleLevel>,
    checklist: &'c Checklist,
}

impl<'c> Ranks<'c> {
    fn new(checklist: &'c Checklist) -> Self {
        let mut credited: Vec<&ScaleLevel> = checklist
            .scale
            .iter()
            .filter(|l| l.credit.is_some())
            .collect();
        credited.sort_by(|a, b| {
            a.credit
                .partial_cmp(&b.credit)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Self {
            credited,
            checklist,
        }
    }

    fn judge(&self, answer: Option<&Answer>) -> Judgment<'c> {
        let Some(status) = answer.and_then(Answer::status) else {
            return Judgment::Unanswered;
        };
        if let Some(rank) = self.credited.iter().position(|l| l.value == status) {
            return Judgment::Rated(rank);
        }
        match self.checklist.scale_level(status) {
            Some(level) if level.is_unknown() => Judgment::DontKnow,
            Some(level) => Judgment::NotApplicable(&level.value),
            None => Judgment::Unanswered,
        }
    }

    fn value(&self, rank: usize) -> &'c str {
        &self.credited[rank].value
    }
}

/// Compares the members' answers to every item of `profile`.
pub fn consensus(
    checklist: &Checklist,
    profile: &Profile,
    members: &[Member<'_>],
    threshold: usize,
) -> Consensus {
    let ranks = Ranks::new(checklist);
    let mut rated_items: Vec<Vec<usize>> = Vec::new();
    let mut items = Vec::new();
    let (mut answered_by_one, mut answered_by_two, mut all_agree) = (0, 0, 0);
    for (section, item) in checklist.items_in_profile(profile) {
        let ratings: Vec<Option<Answer>> = members
            .iter()
            .map(|m| m.answers.answer(&item.id).cloned())
            .collect();
        let judgments: Vec<Judgment> = ratings.iter().map(|a| ranks.judge(a.as_ref())).collect();
        let answered: Vec<&Judgment> = judgments.iter().filter(|j| is_answer(j)).collect();
        answered_by_one += usize::from(!answered.is_empty());
        if answered.len() >= 2 {
            answered_by_two += 1;
            all_agree += usize::from(answered.windows(2).all(|w| w[0] == w[1]));
        }
        rated_items.push(judgments.iter().filter_map(rank_of).collect());
        items.push(ConsensusItem {
            id: item.id.clone(),
            section_id: section.id.clone(),
            title: item.title.clone(),
            priority: item.priority,
            proposed: propose(&judgments, &ranks),
            flag: flag(&judgments, threshold),
            dont_know: judgments
                .iter()
                .filter(|j| **j == Judgment::DontKnow)
                .count(),
            ratings,
        });
    }
    // Rounded as printed, so the reading always matches the figure a reader sees.
    let alpha = ordinal_alpha(&rated_items, ranks.credited.len()).map(round3);
    let agreement = Agreement {
        raters: members.len(),
        items: items.len(),
        items_answered: answered_by_one,
        items_answered_by_two: answered_by_two,
        items_all_agree: all_agree,
        percent_agreement: (answered_by_two > 0)
            .then(|| round1(100.0 * all_agree as f64 / answered_by_two as f64)),
        krippendorff_alpha_ordinal: alpha.ok(),
        alpha_unavailable: alpha.err(),
        reliability: alpha.ok().map(Reliability::of),
    };
    Consensus {
        checklist: ChecklistMeta {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            version: checklist.version.clone(),
        },
        checklist_reference: members
            .first()
            .map_or_else(|| checklist.id.clone(), |m| m.answers.checklist.clone()),
        profile: ProfileMeta {
            id: profile.id.clone(),
            title: profile.title.clone(),
        },
        district: members
            .first()
            .map(|m| m.answers.district.clone())
            .unwrap_or_default(),
        date: members.iter().map(|m| m.answers.date).max(),
        scale: scale_labels(checklist, profile, members),
        raters: raters(members),
        threshold,
        agreement,
        groups: groups::view(checklist, profile, members, &ranks_credit(&ranks)),
        items,
    }
}

/// The members as raters; a name given twice gets its file beside it, so that every rating
/// can be told apart.
fn raters(members: &[Member<'_>]) -> Vec<Rater> {
    let shared = |name: &str| members.iter().filter(|m| m.rater == name).count() > 1;
    members
        .iter()
        .map(|m| Rater {
            name: if shared(m.rater) {
                format!("{} ({})", m.rater, m.file)
            } else {
                m.rater.to_string()
            },
            group: m.group.map(str::to_string),
            file: m.file.to_string(),
        })
        .collect()
}

/// The scale's words under the profile; a planning option's plan wording when the first
/// member's file describes a plan.
fn scale_labels(
    checklist: &Checklist,
    profile: &Profile,
    members: &[Member<'_>],
) -> Vec<ScaleLabel> {
    let plan = members
        .first()
        .is_some_and(|m| labels::describes_plan(profile, m.answers));
    checklist
        .scale
        .iter()
        .map(|level| ScaleLabel {
            value: level.value.clone(),
            label: labels::level_label(profile, plan, level),
        })
        .collect()
}

/// Each credited value's credit, by value: what the group view scores with.
fn ranks_credit<'c>(ranks: &Ranks<'c>) -> Vec<(&'c str, f64)> {
    ranks
        .credited
        .iter()
        .filter_map(|l| Some((l.value.as_str(), l.credit?)))
        .collect()
}

/// Alpha to three decimals, the precision Krippendorff reports it in.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn is_answer(judgment: &&Judgment) -> bool {
    matches!(judgment, Judgment::Rated(_) | Judgment::NotApplicable(_))
}

fn rank_of(judgment: &Judgment) -> Option<usize> {
    match judgment {
        Judgment::Rated(rank) => Some(*rank),
        _ => None,
    }
}

/// The proposal: "not applicable" when more than half of the members who answered chose it,
/// else the lower median of the ratings on the scale; none when nobody answered.
fn propose(judgments: &[Judgment], ranks: &Ranks) -> Option<String> {
    let mut rated: Vec<usize> = judgments.iter().filter_map(rank_of).collect();
    let not_applicable: Vec<&str> = judgments
        .iter()
        .filter_map(|j| match j {
            Judgment::NotApplicable(value) => Some(*value),
            _ => None,
        })
        .collect();
    let answered = rated.len() + not_applicable.len();
    if not_applicable.len() * 2 > answered {
        return not_applicable.first().map(|v| v.to_string());
    }
    rated.sort_unstable();
    let lower_median = *rated.get(rated.len().checked_sub(1)? / 2)?;
    Some(ranks.value(lower_median).to_string())
}

/// Why the item should be discussed: ratings too far apart, or "not applicable" beside ratings.
fn flag(judgments: &[Judgment], threshold: usize) -> Option<Flag> {
    let rated: Vec<usize> = judgments.iter().filter_map(rank_of).collect();
    let steps = rated.iter().max()? - rated.iter().min()?;
    if steps > threshold {
        return Some(Flag::Spread { steps });
    }
    let mixed = judgments
        .iter()
        .any(|j| matches!(j, Judgment::NotApplicable(_)));
    mixed.then_some(Flag::NotApplicableMixed)
}
