//! The trend of one district over time: overall and section change, and what moved item by item.

use serde::Serialize;

use super::catalogue::Catalogue;
use super::round1;
use super::{CellState, Column, ItemCell, ItemLookup};
use crate::model::{Checklist, Date, Priority};
use crate::score::{Assessment, ItemResult};

/// The change over time, in date order.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Trend {
    /// From each assessment to the next.
    pub steps: Vec<TrendStep>,
    /// From the first to the last, when there are more than two.
    pub span: Option<TrendStep>,
}

/// What changed from one assessment to a later one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TrendStep {
    /// The earlier column's label.
    pub from: String,
    /// The later column's label.
    pub to: String,
    /// The earlier date.
    pub from_date: Date,
    /// The later date.
    pub to_date: Date,
    /// The overall percentage then and now.
    pub overall: Change,
    /// The overall percentage then and now over only the items answered (and not "not
    /// applicable") both times: the change that is not driven by what was left unanswered.
    pub overall_like_for_like: Change,
    /// Items answered both times (the basis of `overall_like_for_like`).
    pub items_compared: usize,
    /// Items answered before that are unanswered now (counted apart, not as regressions).
    pub newly_unanswered: usize,
    /// Each section's percentage then and now, in checklist order.
    pub sections: Vec<SectionChange>,
    /// Items with more credit now, most important first.
    pub improved: Vec<ItemChange>,
    /// Items with less credit now, most important first.
    pub regressed: Vec<ItemChange>,
    /// Items answered now that had no answer before (unanswered or outside the profile).
    pub new: Vec<ItemChange>,
    /// Items answered before that have no answer now.
    pub dropped: Vec<ItemChange>,
    /// Items that changed to or from "not applicable".
    pub reclassified: Vec<ItemChange>,
    /// Items with the same status both times (including unanswered both times).
    pub unchanged: usize,
    /// Critical items that were a gap before and are in place now: closed in the later year.
    pub critical_closed: Vec<ItemChange>,
    /// What became of the earlier assessment's dated actions.
    pub actions: ActionFollowUp,
}

/// The earlier assessment's dated actions (gaps with a due date), followed into the later one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ActionFollowUp {
    /// Dated actions in the earlier assessment.
    pub dated: usize,
    /// Those in place in the later assessment.
    pub done: Vec<ActionItem>,
    /// Those not in place later whose due date is before the later assessment's date.
    pub overdue: Vec<ActionItem>,
    /// Those not in place later and not yet due.
    pub not_yet_due: Vec<ActionItem>,
}

/// One dated action of an earlier assessment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ActionItem {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Who was to close it.
    pub owner: Option<String>,
    /// By when.
    pub due: Date,
    /// Its status label in the later assessment.
    pub now: String,
}

/// A percentage then and now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Change {
    /// The earlier percentage.
    pub from: Option<f64>,
    /// The later percentage.
    pub to: Option<f64>,
    /// Percentage points gained (negative: lost); `None` when either side has no score.
    pub points: Option<f64>,
}

impl Change {
    fn new(from: Option<f64>, to: Option<f64>) -> Self {
        Self {
            from,
            to,
            points: from.zip(to).map(|(f, t)| round1(t - f)),
        }
    }
}

/// A section's percentage then and now.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionChange {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Then and now, as each assessment scored the section.
    pub change: Change,
    /// Then and now over the section's items answered both times: the delta reports print.
    pub like_for_like: Change,
    /// The section's items answered both times.
    pub items_compared: usize,
    /// The section's items answered before and unanswered now.
    pub newly_unanswered: usize,
}

/// One item's status then and now.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemChange {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// The earlier status label.
    pub from: String,
    /// The later status label.
    pub to: String,
}

/// How an item moved between two assessments.
enum Movement {
    Improved,
    Regressed,
    New,
    Dropped,
    Reclassified,
    Unchanged,
    /// Outside both profiles: not part of either assessment.
    Absent,
}

/// The trend from `from` to `to` (labels from the files), both scored against `checklist`.
pub fn trend_step(checklist: &Checklist, from: &Assessment, to: &Assessment) -> TrendStep {
    let catalogue = Catalogue::new(checklist, [from, to].into_iter());
    step(&catalogue, (from, &from.meta.label), (to, &to.meta.label))
}

pub(crate) fn trend(catalogue: &Catalogue, ordered: &[&Assessment], columns: &[Column]) -> Trend {
    let labelled: Vec<(&Assessment, &str)> = ordered
        .iter()
        .zip(columns)
        .map(|(a, c)| (*a, c.label.as_str()))
        .collect();
    let steps = labelled
        .windows(2)
        .map(|w| step(catalogue, w[0], w[1]))
        .collect();
    let span = match labelled.as_slice() {
        [first, _, _, ..] => labelled.last().map(|last| step(catalogue, *first, *last)),
        _ => None,
    };
    Trend { steps, span }
}

fn step(
    catalogue: &Catalogue,
    (from, from_label): (&Assessment, &str),
    (to, to_label): (&Assessment, &str),
) -> TrendStep {
    let (before, after) = (ItemLookup::new(from), ItemLookup::new(to));
    let sections = section_changes(catalogue, from, to);
    let (sections, overall_basis) = like_for_like(catalogue, sections, &before, &after);
    let mut result = TrendStep {
        from: from_label.to_string(),
        to: to_label.to_string(),
        from_date: from.meta.date,
        to_date: to.meta.date,
        overall: Change::new(from.overall.percent, to.overall.percent),
        overall_like_for_like: overall_basis.change(),
        items_compared: overall_basis.items,
        newly_unanswered: overall_basis.newly_unanswered,
        sections,
        improved: Vec::new(),
        regressed: Vec::new(),
        new: Vec::new(),
        dropped: Vec::new(),
        reclassified: Vec::new(),
        unchanged: 0,
        critical_closed: Vec::new(),
        actions: follow_actions(from, &after, to.meta.date),
    };
    for item in &catalogue.items {
        let (was, now) = (before.cell(&item.id), after.cell(&item.id));
        let change = || ItemChange {
            id: item.id.clone(),
            title: item.title.clone(),
            priority: item.priority,
            from: was.label.clone(),
            to: now.label.clone(),
        };
        match movement(&was, &now) {
            Movement::Improved => {
                if item.priority == Priority::Critical
                    && was.state.is_gap()
                    && now.state == CellState::InPlace
                {
                    result.critical_closed.push(change());
                }
                result.improved.push(change());
            }
            Movement::Regressed => result.regressed.push(change()),
            Movement::New => result.new.push(change()),
            Movement::Dropped => result.dropped.push(change()),
            Movement::Reclassified => result.reclassified.push(change()),
            Movement::Unchanged => result.unchanged += 1,
            Movement::Absent => {}
        }
    }
    for list in [
        &mut result.improved,
        &mut result.regressed,
        &mut result.new,
        &mut result.dropped,
        &mut result.reclassified,
    ] {
        // Stable: checklist order within a priority.
        list.sort_by_key(|c| c.priority);
    }
    result
}

/// The dated actions of `from` (gaps with a due date), as `after` finds them on `date`.
fn follow_actions(from: &Assessment, after: &ItemLookup<'_>, date: Date) -> ActionFollowUp {
    let mut follow = ActionFollowUp::default();
    for item in from.gaps() {
        let Some((answer, due)) = item.answer.as_ref().and_then(|a| a.due.map(|due| (a, due)))
        else {
            continue;
        };
        let now = after.cell(&item.id);
        let action = ActionItem {
            id: item.id.clone(),
            title: item.title.clone(),
            owner: answer.owner.clone(),
            due,
            now: now.label.clone(),
        };
        follow.dated += 1;
        match now.state {
            CellState::InPlace => follow.done.push(action),
            // Out of scope or not applicable now: no longer an action.
            CellState::NotInScope | CellState::NotApplicable => follow.dated -= 1,
            _ if due < date => follow.overdue.push(action),
            _ => follow.not_yet_due.push(action),
        }
    }
    for list in [
        &mut follow.done,
        &mut follow.overdue,
        &mut follow.not_yet_due,
    ] {
        list.sort_by_key(|a| a.due);
    }
    follow
}

/// Symmetric by construction: swapping `was` and `now` swaps improved with regressed and new
/// with dropped, and keeps the rest.
fn movement(was: &ItemCell, now: &ItemCell) -> Movement {
    match (was.state.is_answered(), now.state.is_answered()) {
        (false, false) if was.state == CellState::NotInScope && was.state == now.state => {
            Movement::Absent
        }
        (false, false) => Movement::Unchanged,
        (false, true) => Movement::New,
        (true, false) => Movement::Dropped,
        (true, true) => match (was.credit, now.credit) {
            (Some(a), Some(b)) if b > a => Movement::Improved,
            (Some(a), Some(b)) if b < a => Movement::Regressed,
            (Some(_), Some(_)) => Movement::Unchanged,
            _ if was.status == now.status => Movement::Unchanged,
            _ => Movement::Reclassified,
        },
    }
}

fn section_changes(
    catalogue: &Catalogue,
    from: &Assessment,
    to: &Assessment,
) -> Vec<SectionChange> {
    let percent = |a: &Assessment, id: &str| {
        a.sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.score.percent)
    };
    catalogue
        .sections
        .iter()
        .filter_map(|section| {
            let (was, now) = (percent(from, &section.id), percent(to, &section.id));
            (was.is_some() || now.is_some()).then(|| SectionChange {
                id: section.id.clone(),
                title: section.title.clone(),
                change: Change::new(was.flatten(), now.flatten()),
                like_for_like: Change::new(None, None),
                items_compared: 0,
                newly_unanswered: 0,
            })
        })
        .collect()
}

/// Earned and possible weight then and now over items answered both times.
#[derive(Default)]
struct Basis {
    earned: (f64, f64),
    possible: (f64, f64),
    items: usize,
    newly_unanswered: usize,
}

impl Basis {
    fn add(&mut self, was: &ItemResult, now: &ItemResult) {
        self.earned.0 += was.earned;
        self.earned.1 += now.earned;
        self.possible.0 += was.possible;
        self.possible.1 += now.possible;
        self.items += 1;
    }

    fn change(&self) -> Change {
        let percent = |earned: f64, possible: f64| {
            (possible > 0.0).then(|| round1(earned / possible * 100.0))
        };
        Change::new(
            percent(self.earned.0, self.possible.0),
            percent(self.earned.1, self.possible.1),
        )
    }
}

/// Fills each section's like-for-like change; returns the sections and the overall basis.
fn like_for_like(
    catalogue: &Catalogue,
    mut sections: Vec<SectionChange>,
    before: &ItemLookup<'_>,
    after: &ItemLookup<'_>,
) -> (Vec<SectionChange>, Basis) {
    let scored = |i: &&&ItemResult| i.credit.is_some();
    let mut overall = Basis::default();
    let mut per_section: Vec<(String, Basis)> = Vec::new();
    for item in &catalogue.items {
        let (was, now) = (
            before.by_id.get(item.id.as_str()),
            after.by_id.get(item.id.as_str()),
        );
        let index = match per_section
            .iter()
            .position(|(id, _)| *id == item.section_id)
        {
            Some(index) => index,
            None => {
                per_section.push((item.section_id.clone(), Basis::default()));
                per_section.len() - 1
            }
        };
        let basis = &mut per_section[index].1;
        match (was.filter(scored).copied(), now.filter(scored).copied()) {
            (Some(was), Some(now)) => {
                basis.add(was, now);
                overall.add(was, now);
            }
            _ => {
                // "Don't know" now after an answer before is as much a loss of sight as no answer.
                let answered_before = was.is_some_and(|w| w.outcome.is_answered());
                let unanswered_now = now.is_some_and(|n| !n.outcome.is_answered());
                if answered_before && unanswered_now {
                    basis.newly_unanswered += 1;
                    overall.newly_unanswered += 1;
                }
            }
        }
    }
    for section in &mut sections {
        if let Some((_, basis)) = per_section.iter().find(|(id, _)| *id == section.id) {
            section.like_for_like = basis.change();
            section.items_compared = basis.items;
            section.newly_unanswered = basis.newly_unanswered;
        }
    }
    (sections, overall)
}
