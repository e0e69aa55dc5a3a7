//! Scoring: a pure function from a checklist and answers to an [`Assessment`].
//! No I/O, no clock, no printing, and no panics on any validated input.

mod assessment;
pub(crate) mod labels;

use std::collections::HashMap;

pub(crate) use assessment::round1;
pub use assessment::{
    AnswerDetail, Assessment, BasisCount, BasisStanding, ChecklistMeta, ConsensusMeta, Coverage,
    Draft, ItemResult, Meta, Method, NotRatedReason, Outcome, ProfileMeta, Rating, Score,
    SectionScore, StatusCount,
};

use crate::model::{Answer, Answers, Checklist, Priority, Profile};

/// Scores `answers` against `checklist`. `answers_hash` identifies the answers file on reports.
pub fn score(checklist: &Checklist, answers: &Answers, answers_hash: &str) -> Assessment {
    let every_item = Profile {
        id: answers.profile.clone(),
        title: answers.profile.clone(),
        description: String::new(),
        include: Vec::new(),
        exclude: Vec::new(),
        labels: Vec::new(),
        valid_from: None,
    };
    let profile = checklist.profile(&answers.profile).unwrap_or(&every_item);
    let by_item: HashMap<&str, &Answer> = answers
        .answers
        .iter()
        .map(|a| (a.item_id.as_str(), a))
        .collect();

    let items: Vec<ItemResult> = checklist
        .items_in_profile(profile)
        .map(|(section, item)| {
            let weight = checklist.weights.of(item.priority);
            ItemResult::new(
                section,
                item,
                weight,
                by_item.get(item.id.as_str()).copied(),
                checklist,
            )
        })
        .collect();

    let sections = checklist
        .sections
        .iter()
        .filter_map(|section| {
            let members: Vec<&ItemResult> = items
                .iter()
                .filter(|i| i.section_id == section.id)
                .collect();
            (!members.is_empty()).then(|| SectionScore::new(section, &members, checklist))
        })
        .collect();

    let overall = Score::from_items(items.iter());
    let answered_score = Score::from_items(items.iter().filter(|i| i.outcome.is_answered()));
    let coverage = Coverage {
        answered: items.iter().filter(|i| i.outcome.is_answered()).count(),
        items: items.len(),
    };
    let rating = Rating::new(&overall, &coverage, checklist.coverage_threshold);
    // A band for a thinly answered assessment would rate how much was answered, not the program.
    let band = overall
        .percent
        .filter(|_| rating.rated)
        .and_then(|p| checklist.band_for(p))
        .map(|b| b.label.clone());
    let draft = Draft::new(&items, &rating);
    let mut items = items;
    let plan = labels::describes_plan(profile, answers);
    relabel(&mut items, checklist, profile, plan);
    let mut counts = StatusCount::tally(items.iter(), checklist);
    relabel_counts(&mut counts, checklist, profile, plan);
    let mut sections: Vec<SectionScore> = sections;
    for section in &mut sections {
        relabel_counts(&mut section.counts, checklist, profile, plan);
    }

    let mut assessment = Assessment {
        meta: Meta {
            describes_plan: plan,
            ..Meta::new(checklist, profile, answers, answers_hash)
        },
        overall,
        band,
        answered_score,
        rating,
        draft,
        coverage,
        counts,
        sections,
        by_basis: Vec::new(),
        items,
        gap_order: Vec::new(),
        unanswered_order: Vec::new(),
        unverified_order: Vec::new(),
        strength_order: Vec::new(),
        method: Method::from(checklist),
        sources: checklist.sources.clone(),
    };
    rank(&mut assessment);
    mark_overdue(&mut assessment.items, answers.date);
    assessment.by_basis = BasisStanding::tally(&assessment.items, &assessment.gap_order);
    assessment
}

/// A due date before the assessment date, on a practice still not in place, is overdue.
fn mark_overdue(items: &mut [ItemResult], date: crate::model::Date) {
    for item in items {
        let open = matches!(
            item.outcome,
            Outcome::Partial | Outcome::NotInPlace | Outcome::Unanswered | Outcome::Unverified
        );
        item.overdue_since = item
            .answer
            .as_ref()
            .and_then(|a| a.due)
            .filter(|due| open && *due < date);
    }
}

/// Gives each answered item the label its profile prints (a plan's own wording).
fn relabel(items: &mut [ItemResult], checklist: &Checklist, profile: &Profile, plan: bool) {
    for item in items {
        if let Some(label) = item
            .status
            .as_deref()
            .and_then(|v| labels::value_label(checklist, profile, plan, v))
        {
            item.status_label = label;
        }
    }
}

fn relabel_counts(
    counts: &mut [StatusCount],
    checklist: &Checklist,
    profile: &Profile,
    plan: bool,
) {
    for count in counts {
        if let Some(label) = labels::value_label(checklist, profile, plan, &count.status) {
            count.label = label;
        }
    }
}

/// Orders gaps, unanswered items and strengths, and numbers the gaps.
fn rank(assessment: &mut Assessment) {
    let items = &assessment.items;
    let by_priority_then_lost = |a: &usize, b: &usize| {
        let (x, y) = (&items[*a], &items[*b]);
        x.priority
            .cmp(&y.priority)
            .then(y.lost.total_cmp(&x.lost))
            .then(a.cmp(b))
    };
    let select = |outcomes: &[Outcome]| -> Vec<usize> {
        let mut picked: Vec<usize> = (0..items.len())
            .filter(|&i| outcomes.contains(&items[i].outcome))
            .collect();
        picked.sort_by(by_priority_then_lost);
        picked
    };
    let gaps = select(&[Outcome::Partial, Outcome::NotInPlace]);
    let unanswered = select(&[Outcome::Unanswered]);
    let unverified = select(&[Outcome::Unverified]);
    let strengths = select(&[Outcome::InPlace]);
    for (rank, &index) in gaps.iter().enumerate() {
        assessment.items[index].gap_rank = Some(rank + 1);
    }
    assessment.gap_order = gaps;
    assessment.unanswered_order = unanswered;
    assessment.unverified_order = unverified;
    assessment.strength_order = strengths;
}

/// Items of a priority, for summaries ("every critical gap").
pub fn is_critical(item: &ItemResult) -> bool {
    item.priority == Priority::Critical
}

#[cfg(test)]
mod tests;
