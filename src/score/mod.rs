//! Scoring: a pure function from a checklist and answers to an [`Assessment`].
//! No I/O, no clock, no printing, and no panics on any validated input.

mod assessment;

use std::collections::HashMap;

pub use assessment::{
    AnswerDetail, Assessment, BasisCount, ChecklistMeta, Coverage, ItemResult, Meta, Method,
    Outcome, ProfileMeta, Score, SectionScore, StatusCount,
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
    let band = overall
        .percent
        .and_then(|p| checklist.band_for(p))
        .map(|b| b.label.clone());
    let coverage = Coverage {
        answered: items
            .iter()
            .filter(|i| i.outcome != Outcome::Unanswered)
            .count(),
        items: items.len(),
    };
    let counts = StatusCount::tally(items.iter(), checklist);

    let mut assessment = Assessment {
        meta: Meta::new(checklist, profile, answers, answers_hash),
        overall,
        band,
        coverage,
        counts,
        sections,
        items,
        gap_order: Vec::new(),
        unanswered_order: Vec::new(),
        strength_order: Vec::new(),
        method: Method::from(checklist),
        sources: checklist.sources.clone(),
    };
    rank(&mut assessment);
    assessment
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
    let strengths = select(&[Outcome::InPlace]);
    for (rank, &index) in gaps.iter().enumerate() {
        assessment.items[index].gap_rank = Some(rank + 1);
    }
    assessment.gap_order = gaps;
    assessment.unanswered_order = unanswered;
    assessment.strength_order = strengths;
}

/// Items of a priority, for summaries ("every critical gap").
pub fn is_critical(item: &ItemResult) -> bool {
    item.priority == Priority::Critical
}

#[cfg(test)]
mod tests;
