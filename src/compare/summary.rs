//! The summary of many districts: built one assessment at a time, keeping only small
//! aggregates (a row per district, counters per item and section), never the files themselves.

use std::collections::HashMap;

use serde::Serialize;

use super::round1;
use crate::model::{Checklist, Date, Priority};
use crate::score::{Assessment, ChecklistMeta, Coverage, Outcome, Rating, Score};

/// Many districts' results on one checklist.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The checklist every file was scored against.
    pub checklist: ChecklistMeta,
    /// Files summarised.
    pub files: usize,
    /// Files skipped because they could not be read or validated (set by the caller).
    pub skipped: usize,
    /// One row per file, by district, then date, then label.
    pub districts: Vec<DistrictRow>,
    /// Mean overall percentage over the files that have one.
    pub overall_average: Option<f64>,
    /// Mean percentage per section, in checklist order.
    pub sections: Vec<SectionAverage>,
    /// Every item of the checklist with how the districts stand on it, in checklist order.
    pub items: Vec<ItemTally>,
    /// Items that are a gap somewhere, most common first (then by share, priority, checklist order).
    pub common_gaps: Vec<CommonGap>,
}

/// One district's assessment in a summary.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictRow {
    /// The district.
    pub district: String,
    /// The assessment's label.
    pub label: String,
    /// The assessment date.
    pub date: Date,
    /// The profile id.
    pub profile: String,
    /// Where the answers came from (the file's path).
    pub source: String,
    /// Short hash of the answers file.
    pub answers_hash: String,
    /// Weighted score.
    pub overall: Score,
    /// Its band (`None` when not rated).
    pub band: Option<String>,
    /// Whether the assessment is rated, and if not, why.
    pub rating: Rating,
    /// Answered items out of the items of the profile.
    pub coverage: Coverage,
    /// Critical items partly or not in place.
    pub critical_gaps: usize,
    /// Critical items without an answer (also gaps: they score 0).
    pub critical_unanswered: usize,
    /// Items partly or not in place.
    pub gaps: usize,
    /// Items without an answer.
    pub unanswered: usize,
}

/// A section's mean percentage across districts.
#[derive(Debug, Clone, Serialize)]
pub struct SectionAverage {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Mean of the districts' section percentages, one decimal.
    pub average: Option<f64>,
    /// Districts whose profile scores the section.
    pub districts: usize,
}

/// How the districts stand on one item. `applies` = the sum of the five status counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemTally {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section_id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// Districts whose profile includes the item.
    pub applies: usize,
    /// Districts with the item in place.
    pub in_place: usize,
    /// Districts with the item partly in place.
    pub partial: usize,
    /// Districts with the item not in place.
    pub not_in_place: usize,
    /// Districts that answered "not applicable".
    pub not_applicable: usize,
    /// Districts that left it unanswered.
    pub unanswered: usize,
}

impl ItemTally {
    /// Districts where the item is a gap: partly, not in place or unanswered.
    pub fn gaps(&self) -> usize {
        self.partial + self.not_in_place + self.unanswered
    }
}

/// An item that is a gap in some districts.
#[derive(Debug, Clone, Serialize)]
pub struct CommonGap {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// Districts where it is a gap (partly, not in place or unanswered).
    pub districts: usize,
    /// Of those, districts that left it unanswered.
    pub unanswered: usize,
    /// Districts whose profile includes the item.
    pub applies: usize,
    /// `districts` out of `applies`, in percent, one decimal.
    pub share: f64,
}

/// Folds assessments into a [`Summary`] one at a time.
pub struct SummaryBuilder {
    checklist: ChecklistMeta,
    items: Vec<ItemTally>,
    item_index: HashMap<String, usize>,
    sections: Vec<SectionSum>,
    section_index: HashMap<String, usize>,
    districts: Vec<DistrictRow>,
}

struct SectionSum {
    id: String,
    title: String,
    percent_sum: f64,
    districts: usize,
}

impl SummaryBuilder {
    /// Starts an empty summary over `checklist`.
    pub fn new(checklist: &Checklist) -> Self {
        let items: Vec<ItemTally> = checklist
            .items()
            .map(|(section, item)| empty_tally(&item.id, &section.id, &item.title, item.priority))
            .collect();
        let sections: Vec<SectionSum> = checklist
            .sections
            .iter()
            .map(|s| SectionSum {
                id: s.id.clone(),
                title: s.title.clone(),
                percent_sum: 0.0,
                districts: 0,
            })
            .collect();
        Self {
            checklist: ChecklistMeta {
                id: checklist.id.clone(),
                title: checklist.title.clone(),
                version: checklist.version.clone(),
            },
            item_index: index_of(items.iter().map(|i| i.id.as_str())),
            section_index: index_of(sections.iter().map(|s| s.id.as_str())),
            items,
            sections,
            districts: Vec::new(),
        }
    }

    /// Adds one district's assessment; `source` names where it came from.
    pub fn add(&mut self, assessment: &Assessment, source: &str) {
        self.districts.push(district_row(assessment, source));
        for section in &assessment.sections {
            let Some(percent) = section.score.percent else {
                continue;
            };
            let sum = self.section_mut(&section.id, &section.title);
            sum.percent_sum += percent;
            sum.districts += 1;
        }
        for item in &assessment.items {
            let tally = self.tally_mut(item);
            tally.applies += 1;
            match item.outcome {
                Outcome::InPlace => tally.in_place += 1,
                Outcome::Partial => tally.partial += 1,
                Outcome::NotInPlace => tally.not_in_place += 1,
                Outcome::NotApplicable => tally.not_applicable += 1,
                Outcome::Unanswered => tally.unanswered += 1,
            }
        }
    }

    /// Files added so far.
    pub fn files(&self) -> usize {
        self.districts.len()
    }

    /// The summary of every assessment added.
    pub fn finish(self) -> Summary {
        let mut districts = self.districts;
        districts.sort_by(|a, b| {
            (&a.district, a.date, &a.label, &a.source).cmp(&(
                &b.district,
                b.date,
                &b.label,
                &b.source,
            ))
        });
        let percents: Vec<f64> = districts.iter().filter_map(|d| d.overall.percent).collect();
        let overall_average = mean(percents.iter().sum(), percents.len());
        let sections = self
            .sections
            .into_iter()
            .filter(|s| s.districts > 0)
            .map(|s| SectionAverage {
                average: mean(s.percent_sum, s.districts),
                id: s.id,
                title: s.title,
                districts: s.districts,
            })
            .collect();
        Summary {
            checklist: self.checklist,
            files: districts.len(),
            skipped: 0,
            districts,
            overall_average,
            sections,
            common_gaps: common_gaps(&self.items),
            items: self.items,
        }
    }

    fn section_mut(&mut self, id: &str, title: &str) -> &mut SectionSum {
        let next = self.sections.len();
        let index = *self.section_index.entry(id.to_string()).or_insert(next);
        if index == next {
            self.sections.push(SectionSum {
                id: id.to_string(),
                title: title.to_string(),
                percent_sum: 0.0,
                districts: 0,
            });
        }
        &mut self.sections[index]
    }

    fn tally_mut(&mut self, item: &crate::score::ItemResult) -> &mut ItemTally {
        let next = self.items.len();
        let index = *self.item_index.entry(item.id.clone()).or_insert(next);
        if index == next {
            // An item the summary's checklist lacks (another version): keep it, at the end.
            self.items.push(empty_tally(
                &item.id,
                &item.section_id,
                &item.title,
                item.priority,
            ));
        }
        &mut self.items[index]
    }
}

fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    ids.enumerate().map(|(n, id)| (id.to_string(), n)).collect()
}

fn empty_tally(id: &str, section_id: &str, title: &str, priority: Priority) -> ItemTally {
    ItemTally {
        id: id.to_string(),
        section_id: section_id.to_string(),
        title: title.to_string(),
        priority,
        applies: 0,
        in_place: 0,
        partial: 0,
        not_in_place: 0,
        not_applicable: 0,
        unanswered: 0,
    }
}

fn district_row(a: &Assessment, source: &str) -> DistrictRow {
    let critical = |outcomes: &[Outcome]| {
        a.items
            .iter()
            .filter(|i| i.priority == Priority::Critical && outcomes.contains(&i.outcome))
            .count()
    };
    DistrictRow {
        district: a.meta.district.clone(),
        label: a.meta.label.clone(),
        date: a.meta.date,
        profile: a.meta.profile.id.clone(),
        source: source.to_string(),
        answers_hash: a.meta.answers_hash.clone(),
        overall: a.overall,
        band: a.band.clone(),
        rating: a.rating,
        coverage: a.coverage,
        critical_gaps: critical(&[Outcome::Partial, Outcome::NotInPlace]),
        critical_unanswered: critical(&[Outcome::Unanswered]),
        gaps: a.gap_order.len(),
        unanswered: a.unanswered_order.len(),
    }
}

fn mean(sum: f64, count: usize) -> Option<f64> {
    (count > 0).then(|| round1(sum / count as f64))
}

fn common_gaps(items: &[ItemTally]) -> Vec<CommonGap> {
    let mut gaps: Vec<CommonGap> = items
        .iter()
        .filter(|t| t.gaps() > 0)
        .map(|t| CommonGap {
            id: t.id.clone(),
            title: t.title.clone(),
            priority: t.priority,
            districts: t.gaps(),
            unanswered: t.unanswered,
            applies: t.applies,
            share: round1(t.gaps() as f64 / t.applies as f64 * 100.0),
        })
        .collect();
    // Stable: checklist order breaks the remaining ties.
    gaps.sort_by(|a, b| {
        b.districts
            .cmp(&a.districts)
            .then(b.share.total_cmp(&a.share))
            .then(a.priority.cmp(&b.priority))
    });
    gaps
}
