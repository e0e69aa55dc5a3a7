//! The summary of many districts: built one assessment at a time, keeping only small
//! aggregates (a row per district, counters per item and section), never the files themselves.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{DraftNotice, district_keys, round1};
use crate::model::Basis;
use crate::model::{Band, Checklist, Date, Priority};
use crate::score::{
    Assessment, BasisStanding, ChecklistMeta, Coverage, Draft, Outcome, Rating, Score,
};

/// Many districts' results on one checklist.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Summary {
    /// The checklist every file was scored against.
    pub checklist: ChecklistMeta,
    /// Files summarised.
    pub files: usize,
    /// Files skipped because they could not be read or validated, and folder entries named
    /// like answers files that were left out (hidden, not plain files); set by the caller.
    pub skipped: usize,
    /// Districts told apart by `district_id`, or by name when a file has none.
    pub district_count: usize,
    /// Each district's latest assessment of its program (not a plan), by district: the rows
    /// the averages, item counts and common gaps are taken over.
    pub districts: Vec<DistrictRow>,
    /// Every other file, never averaged in: earlier assessments of a district, and planning
    /// options (files that describe a plan, or share a district's latest date), by district.
    pub other_assessments: Vec<DistrictRow>,
    /// Which of `districts` the averages are over: one checklist version and one profile.
    pub average_basis: Option<AverageBasis>,
    /// Mean overall percentage over the rows of `districts` marked `averaged`.
    pub overall_average: Option<f64>,
    /// Mean percentage per section over the same rows, each over the section's answered items
    /// only, in checklist order.
    pub sections: Vec<SectionAverage>,
    /// Every item of the checklist with how the districts (their latest assessments) stand on
    /// it, in checklist order.
    pub items: Vec<ItemTally>,
    /// Items answered partly or not in place somewhere, most common first (then by share,
    /// priority, checklist order). An unanswered item is never a gap.
    pub common_gaps: Vec<CommonGap>,
    /// Items left unanswered somewhere, most often first: not gaps, listed apart.
    pub most_unanswered: Vec<UnansweredTally>,
    /// Items answered "don't know" somewhere, most often first (`districts` counts those
    /// answers): not gaps, listed apart; left out of the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub most_unverified: Vec<UnansweredTally>,
    /// Where the statutory duties stand across the districts' latest assessments.
    pub statutory: StatutorySummary,
    /// The districts whose latest assessment is a draft, and why; `None` when none is. Any of
    /// them makes the summary a draft, averaged or not: the item counts take every latest
    /// assessment. Draft earlier assessments and options are marked in their rows only.
    pub draft: Option<DraftNotice>,
    /// The checklist's rating bands, highest first, that charts mark across their scale (the
    /// JSON leaves the list out).
    #[serde(skip)]
    pub bands: Vec<Band>,
}

/// The assessments the averages are over.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AverageBasis {
    /// The profile they were all scored on.
    pub profile: String,
    /// The checklist version they were all scored against.
    pub checklist_version: String,
    /// How many assessments (one per district).
    pub assessments: usize,
    /// Latest assessments left out of the averages for another profile or version.
    pub left_out: usize,
    /// Latest assessments left out of the averages because they are not rated (too few items
    /// answered): their percentage measures how much was answered, not the program.
    pub not_rated: usize,
}

/// What a file is in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The district's latest assessment of its program.
    Latest,
    /// An older assessment of a district that has a later one.
    Earlier,
    /// A planning option: a plan, or one of several files of a district on its latest date.
    Option,
}

/// One district's assessment in a summary.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DistrictRow {
    /// The district.
    pub district: String,
    /// The district's code, when the file gives one.
    pub district_id: Option<String>,
    /// What the file is in the summary.
    pub role: Role,
    /// Whether its figures are in the averages.
    pub averaged: bool,
    /// The checklist version it was scored against.
    pub checklist_version: String,
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
    /// Whether the assessment is a draft (unconfirmed carried answers, too few answered).
    pub draft: Draft,
    /// Critical items partly or not in place.
    pub critical_gaps: usize,
    /// Critical items without an answer (not gaps: not yet known).
    pub critical_unanswered: usize,
    /// Where the statutory duties of its profile stand; `None` when the profile has none.
    pub statutory: Option<DutyCounts>,
    /// Items partly or not in place.
    pub gaps: usize,
    /// Items without an answer.
    pub unanswered: usize,
    /// Items answered "don't know" (left out of the JSON when none is).
    #[serde(skip_serializing_if = "is_zero")]
    pub unverified: usize,
}

/// Where one assessment's statutory duties stand, in counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DutyCounts {
    /// Duties of the profile not answered "not applicable".
    pub scored: usize,
    /// In place.
    pub in_place: usize,
    /// Partly or not in place.
    pub partly_or_not: usize,
    /// Not answered.
    pub unanswered: usize,
    /// Answered "don't know" (left out of the JSON when none is).
    #[serde(skip_serializing_if = "is_zero")]
    pub unverified: usize,
}

impl DutyCounts {
    /// The counts of one assessment's standing on a basis.
    pub fn of(standing: &BasisStanding) -> Self {
        Self {
            scored: standing.scored(),
            in_place: standing.in_place,
            partly_or_not: standing.partly_or_not(),
            unanswered: standing.unanswered,
            unverified: standing.unverified,
        }
    }
}

/// The statutory duties across the districts' latest assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StatutorySummary {
    /// Latest assessments whose profile has statutory duties.
    pub districts: usize,
    /// Of those, districts with every scored duty in place.
    pub every_duty_in_place: usize,
    /// The duties' counts summed over those districts.
    #[serde(flatten)]
    pub counts: DutyCounts,
}

/// A section's mean percentage across districts.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionAverage {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Mean of the averaged districts' section percentages over the section's answered items,
    /// one decimal.
    pub average: Option<f64>,
    /// Averaged districts that answered at least one scorable item of the section: the
    /// districts the mean is over.
    pub districts: usize,
}

/// How the districts stand on one item. `applies` = the sum of the six status counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemTally {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section_id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// What the item rests on.
    pub basis: Option<Basis>,
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
    /// Districts that answered "don't know" (left out of the JSON when none did).
    #[serde(skip_serializing_if = "is_zero")]
    pub unverified: usize,
}

pub(crate) fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl ItemTally {
    /// Districts where the item is a gap: answered partly or not in place.
    pub fn gaps(&self) -> usize {
        self.partial + self.not_in_place
    }

    /// Districts that answered the item with a scored status (in place, partly, not).
    pub fn rated(&self) -> usize {
        self.in_place + self.partial + self.not_in_place
    }
}

/// An item that is a gap in some districts.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CommonGap {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// What the item rests on.
    pub basis: Option<Basis>,
    /// Districts where it is a gap (answered partly or not in place).
    pub districts: usize,
    /// Districts that answered it in place, partly or not: the count the share is over.
    pub answered: usize,
    /// Districts whose profile includes the item.
    pub applies: usize,
    /// `districts` out of `answered`, in percent, one decimal.
    pub share: f64,
}

/// An item some districts left unanswered.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct UnansweredTally {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// Districts that left it unanswered.
    pub districts: usize,
    /// Districts whose profile includes the item.
    pub applies: usize,
    /// `districts` out of `applies`, in percent, one decimal.
    pub share: f64,
}

/// Folds assessments into a [`Summary`] one at a time. Each file leaves a small record (its
/// row, its section percentages and one outcome per item); which files are averaged is decided
/// at the end, once every district's latest assessment is known.
pub struct SummaryBuilder {
    checklist: ChecklistMeta,
    bands: Vec<Band>,
    items: Vec<ItemTally>,
    item_index: HashMap<String, usize>,
    sections: Vec<SectionSum>,
    section_index: HashMap<String, usize>,
    files: Vec<FileRecord>,
}

struct SectionSum {
    id: String,
    title: String,
    percent_sum: f64,
    districts: usize,
}

/// What the summary keeps of one file: its row and, packed, what it adds to the averages and
/// the item counts once its role is known.
struct FileRecord {
    row: DistrictRow,
    /// Set once every file is in (a file without a code may join another's).
    district_key: String,
    plan: bool,
    /// Section index and percentage, in the assessment's order (the sums add them in it).
    sections: Box<[(u32, f64)]>,
    outcomes: PackedOutcomes,
}

/// One outcome per item of the summary, four bits each (0: not in the file's profile): a
/// district's item outcomes take half a byte per item rather than sixteen.
struct PackedOutcomes(Box<[u8]>);

impl PackedOutcomes {
    fn pack(outcomes: &[(usize, Outcome)]) -> Self {
        let slots = outcomes
            .iter()
            .map(|&(index, _)| index + 1)
            .max()
            .unwrap_or(0);
        let mut bytes = vec![0u8; slots.div_ceil(2)];
        for &(index, outcome) in outcomes {
            bytes[index / 2] |= outcome_code(outcome) << (4 * (index % 2));
        }
        Self(bytes.into_boxed_slice())
    }

    /// Item index and outcome, in item order.
    fn iter(&self) -> impl Iterator<Item = (usize, Outcome)> + '_ {
        self.0
            .iter()
            .flat_map(|byte| [byte & 0x0f, byte >> 4])
            .enumerate()
            .filter_map(|(index, code)| Some((index, outcome_of(code)?)))
    }
}

fn outcome_code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::InPlace => 1,
        Outcome::Partial => 2,
        Outcome::NotInPlace => 3,
        Outcome::NotApplicable => 4,
        Outcome::Unanswered => 5,
        Outcome::Unverified => 6,
    }
}

fn outcome_of(code: u8) -> Option<Outcome> {
    match code {
        1 => Some(Outcome::InPlace),
        2 => Some(Outcome::Partial),
        3 => Some(Outcome::NotInPlace),
        4 => Some(Outcome::NotApplicable),
        5 => Some(Outcome::Unanswered),
        6 => Some(Outcome::Unverified),
        _ => None,
    }
}

impl SummaryBuilder {
    /// Starts an empty summary over `checklist`.
    pub fn new(checklist: &Checklist) -> Self {
        let items: Vec<ItemTally> = checklist
            .items()
            .map(|(section, item)| {
                empty_tally(
                    &item.id,
                    &section.id,
                    &item.title,
                    item.priority,
                    item.basis,
                )
            })
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
            bands: checklist.bands.clone(),
            item_index: index_of(items.iter().map(|i| i.id.as_str())),
            section_index: index_of(sections.iter().map(|s| s.id.as_str())),
            items,
            sections,
            files: Vec::new(),
        }
    }

    /// Adds one district's assessment; `source` names where it came from.
    pub fn add(&mut self, assessment: &Assessment, source: &str) {
        let sections = assessment
            .sections
            .iter()
            .filter_map(|section| {
                let percent = section.answered_score.percent?;
                let index = self.section_index(&section.id, &section.title);
                Some((u32::try_from(index).ok()?, percent))
            })
            .collect();
        let outcomes: Vec<(usize, Outcome)> = assessment
            .items
            .iter()
            .map(|item| (self.tally_index(item), item.outcome))
            .collect();
        self.files.push(FileRecord {
            row: district_row(assessment, source),
            district_key: String::new(),
            plan: assessment.meta.describes_plan,
            sections,
            outcomes: PackedOutcomes::pack(&outcomes),
        });
    }

    /// Files added so far.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// The summary of every assessment added.
    pub fn finish(mut self) -> Summary {
        let files_count = self.files.len();
        let keys = district_keys(
            self.files
                .iter()
                .map(|f| (f.row.district.as_str(), f.row.district_id.as_deref())),
        );
        for (file, key) in self.files.iter_mut().zip(keys) {
            file.district_key = key;
        }
        self.files.sort_by(|a, b| {
            fn key(f: &FileRecord) -> (Date, &str, &str) {
                (f.row.date, &f.row.label, &f.row.source)
            }
            a.row
                .district
                .cmp(&b.row.district)
                .then(key(a).cmp(&key(b)))
        });
        assign_roles(&mut self.files);
        let basis = average_basis(&self.files);
        for file in &mut self.files {
            file.row.averaged = file.row.role == Role::Latest
                && file.row.overall.percent.is_some()
                && file.row.rating.rated
                && basis.as_ref().is_some_and(|b| {
                    b.profile == file.row.profile
                        && b.checklist_version == file.row.checklist_version
                });
        }
        for file in self.files.iter().filter(|f| f.row.role == Role::Latest) {
            for (index, outcome) in file.outcomes.iter() {
                count(&mut self.items[index], outcome);
            }
        }
        for file in self.files.iter().filter(|f| f.row.averaged) {
            for &(index, percent) in &file.sections {
                let section = &mut self.sections[index as usize];
                section.percent_sum += percent;
                section.districts += 1;
            }
        }
        let percents: Vec<f64> = self
            .files
            .iter()
            .filter(|f| f.row.averaged)
            .filter_map(|f| f.row.overall.percent)
            .collect();
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
        let mut keys: Vec<&str> = self.files.iter().map(|f| f.district_key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        let district_count = keys.len();
        let (districts, other_assessments): (Vec<DistrictRow>, Vec<DistrictRow>) = self
            .files
            .into_iter()
            .map(|f| f.row)
            .partition(|row| row.role == Role::Latest);
        let average_basis = basis.map(|b| AverageBasis {
            assessments: districts.iter().filter(|d| d.averaged).count(),
            left_out: districts
                .iter()
                .filter(|d| !d.averaged && d.overall.percent.is_some() && d.rating.rated)
                .count(),
            not_rated: districts
                .iter()
                .filter(|d| d.overall.percent.is_some() && !d.rating.rated)
                .count(),
            ..b
        });
        let draft = DraftNotice::over(districts.iter().map(|d| {
            let label = match d.label.trim() {
                "" => d.district.clone(),
                label => format!("{}, {label}", d.district),
            };
            (label, &d.draft, d.coverage, d.rating.coverage_threshold)
        }));
        let statutory = statutory_summary(&districts);
        Summary {
            statutory,
            draft,
            checklist: self.checklist,
            files: files_count,
            skipped: 0,
            district_count,
            districts,
            other_assessments,
            average_basis,
            overall_average,
            sections,
            common_gaps: common_gaps(&self.items),
            most_unanswered: most_open(&self.items, |t| t.unanswered),
            most_unverified: most_open(&self.items, |t| t.unverified),
            items: self.items,
            bands: self.bands,
        }
    }

    fn section_index(&mut self, id: &str, title: &str) -> usize {
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
        index
    }

    fn tally_index(&mut self, item: &crate::score::ItemResult) -> usize {
        let next = self.items.len();
        let index = *self.item_index.entry(item.id.clone()).or_insert(next);
        if index == next {
            // An item the summary's checklist lacks (another version): keep it, at the end.
            self.items.push(empty_tally(
                &item.id,
                &item.section_id,
                &item.title,
                item.priority,
                item.basis,
            ));
        }
        index
    }
}

fn count(tally: &mut ItemTally, outcome: Outcome) {
    tally.applies += 1;
    match outcome {
        Outcome::InPlace => tally.in_place += 1,
        Outcome::Partial => tally.partial += 1,
        Outcome::NotInPlace => tally.not_in_place += 1,
        Outcome::NotApplicable => tally.not_applicable += 1,
        Outcome::Unanswered => tally.unanswered += 1,
        Outcome::Unverified => tally.unverified += 1,
    }
}

/// Per district: plans are options; of the rest, the latest date wins, and other files on
/// that same date are taken as options (equal dates are alternatives, not years); the
/// remaining, older files are earlier assessments. `files` is sorted by district, then date.
fn assign_roles(files: &mut [FileRecord]) {
    let mut members_by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, file) in files.iter().enumerate() {
        members_by_key
            .entry(file.district_key.clone())
            .or_default()
            .push(n);
    }
    for members in members_by_key.into_values() {
        let latest_date = members
            .iter()
            .filter(|&&n| !files[n].plan)
            .map(|&n| files[n].row.date)
            .max();
        let mut latest_taken = false;
        for n in members {
            let file = &mut files[n];
            file.row.role = if file.plan {
                Role::Option
            } else if Some(file.row.date) != latest_date {
                Role::Earlier
            } else if latest_taken {
                Role::Option
            } else {
                latest_taken = true;
                Role::Latest
            };
        }
    }
}

/// The profile and checklist version most latest assessments share (ties: the first in
/// district order), over which the averages are taken.
fn average_basis(files: &[FileRecord]) -> Option<AverageBasis> {
    let latest: Vec<&DistrictRow> = files
        .iter()
        .map(|f| &f.row)
        .filter(|r| r.role == Role::Latest && r.overall.percent.is_some() && r.rating.rated)
        .collect();
    fn group(r: &DistrictRow) -> (&str, &str) {
        (&r.profile, &r.checklist_version)
    }
    let mut sizes: HashMap<(&str, &str), usize> = HashMap::new();
    for row in &latest {
        *sizes.entry(group(row)).or_default() += 1;
    }
    let largest = sizes.values().copied().max()?;
    let first = latest
        .iter()
        .find(|row| sizes.get(&group(row)) == Some(&largest))?;
    Some(AverageBasis {
        profile: first.profile.clone(),
        checklist_version: first.checklist_version.clone(),
        assessments: 0,
        left_out: 0,
        not_rated: 0,
    })
}

fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    ids.enumerate().map(|(n, id)| (id.to_string(), n)).collect()
}

fn empty_tally(
    id: &str,
    section_id: &str,
    title: &str,
    priority: Priority,
    basis: Option<Basis>,
) -> ItemTally {
    ItemTally {
        id: id.to_string(),
        section_id: section_id.to_string(),
        title: title.to_string(),
        priority,
        basis,
        applies: 0,
        in_place: 0,
        partial: 0,
        not_in_place: 0,
        not_applicable: 0,
        unanswered: 0,
        unverified: 0,
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
        district_id: a.meta.district_id.clone(),
        role: Role::Latest,
        averaged: false,
        checklist_version: a.meta.checklist.version.clone(),
        label: a.meta.label.clone(),
        date: a.meta.date,
        profile: a.meta.profile.id.clone(),
        source: source.to_string(),
        answers_hash: a.meta.answers_hash.clone(),
        overall: a.overall,
        band: a.band.clone(),
        rating: a.rating,
        coverage: a.coverage,
        draft: a.draft.clone(),
        critical_gaps: critical(&[Outcome::Partial, Outcome::NotInPlace]),
        critical_unanswered: critical(&[Outcome::Unanswered]),
        statutory: a.statutory().map(DutyCounts::of),
        gaps: a.gap_order.len(),
        unanswered: a.unanswered_order.len(),
        unverified: a.unverified_order.len(),
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
            basis: t.basis,
            districts: t.gaps(),
            answered: t.rated(),
            applies: t.applies,
            share: round1(t.gaps() as f64 / t.rated() as f64 * 100.0),
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

/// The items `open` counts somewhere (unanswered, or "don't know"), most often first.
fn most_open(items: &[ItemTally], open: fn(&ItemTally) -> usize) -> Vec<UnansweredTally> {
    let mut unanswered: Vec<UnansweredTally> = items
        .iter()
        .filter(|t| open(t) > 0)
        .map(|t| UnansweredTally {
            id: t.id.clone(),
            title: t.title.clone(),
            priority: t.priority,
            districts: open(t),
            applies: t.applies,
            share: round1(open(t) as f64 / t.applies as f64 * 100.0),
        })
        .collect();
    // Stable: checklist order breaks the remaining ties.
    unanswered.sort_by(|a, b| {
        b.districts
            .cmp(&a.districts)
            .then(b.share.total_cmp(&a.share))
            .then(a.priority.cmp(&b.priority))
    });
    unanswered
}

fn statutory_summary(latest: &[DistrictRow]) -> StatutorySummary {
    let mut summary = StatutorySummary::default();
    for counts in latest.iter().filter_map(|row| row.statutory) {
        summary.districts += 1;
        summary.every_duty_in_place += usize::from(counts.in_place == counts.scored);
        summary.counts.scored += counts.scored;
        summary.counts.in_place += counts.in_place;
        summary.counts.partly_or_not += counts.partly_or_not;
        summary.counts.unanswered += counts.unanswered;
        summary.counts.unverified += counts.unverified;
    }
    summary
}
