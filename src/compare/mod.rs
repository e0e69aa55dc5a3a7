//! Comparing and summarising: pure functions over several [`Assessment`]s. No I/O, no clock,
//! no printing; `report` states them as documents (`report::subject`) and exports (CSV, JSON).
//!
//! - [`compare`] puts two or more assessments of one checklist side by side (planning options,
//!   or one district's assessments over time, then with a [`Trend`]).
//! - [`SummaryBuilder`] folds many districts' assessments into a [`Summary`], one at a time, so a
//!   caller can stream files and keep only small aggregates.
//! - [`check_one_checklist`] is the rule that all of them answer one checklist.

mod catalogue;
mod cost;
mod draft;
mod one_checklist;
mod standing;
mod summary;
pub mod synthetic;
mod trend;
mod weight_check;

pub use weight_check::ordinal;

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Band, BoardFields, Checklist, Date, OptionFigures, Priority};
use crate::score::{
    Assessment, BasisStanding, ChecklistMeta, Coverage, Draft, ItemResult, Outcome, ProfileMeta,
    Rating, Score,
};

use catalogue::Catalogue;
pub use cost::{CostComparison, CostedOption, Increment};
pub use draft::{DraftAssessment, DraftNotice};
pub use one_checklist::{OtherChecklist, OtherVersion, check_one_checklist};
pub use standing::{Standing, TIE_MARGIN_POINTS, Verdict};
pub use summary::{
    AverageBasis, CommonGap, DistrictRow, DutyCounts, ItemTally, Role, SectionAverage,
    StatutorySummary, Summary, SummaryBuilder, UnansweredTally,
};
pub use trend::{
    ActionFollowUp, ActionItem, Change, ItemChange, SectionChange, Trend, TrendStep, trend_step,
};
use weight_check::equal_weight_of;
pub use weight_check::{Rank, WeightCheck, equal_weight_score};

/// Two or more assessments of one checklist, side by side.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Comparison {
    /// The checklist every assessment was scored against (the first file's).
    pub checklist: ChecklistMeta,
    /// Planning options, or one district over time.
    pub kind: ComparisonKind,
    /// One column per assessment: argument order for options, date order for a trend.
    pub columns: Vec<Column>,
    /// Each section's score per column (`None` where the section is outside the profile).
    pub sections: Vec<SectionRow>,
    /// The item matrix, in checklist order.
    pub items: Vec<ItemRow>,
    /// Whether `items` holds every item or only those whose status differs.
    pub item_filter: ItemFilter,
    /// Items of the matrix before any filter.
    pub item_total: usize,
    /// Critical items that are a gap under at least one column, and who closes them.
    pub critical_gaps: Vec<CriticalGap>,
    /// Items answered partly or not in place under every column (an unanswered item is no
    /// gap, and an item outside a column's profile is out of its scope).
    pub gaps_everywhere: Vec<GapEverywhere>,
    /// The items every column scores, on which the columns are ranked.
    pub common_items: CommonItems,
    /// Whether the ranking of the columns (on the common items) holds when every item weighs
    /// the same.
    pub weight_check: WeightCheck,
    /// Whether the options can be ranked on the common items, or are about the same.
    pub standing: Standing,
    /// Options' costs set against what each buys (options only; `None` for a trend).
    pub cost: Option<CostComparison>,
    /// The change over time, when every file is the same district at a different date.
    pub trend: Option<Trend>,
    /// Things a reader must know before reading the figures (different profiles, versions).
    pub notes: Vec<String>,
    /// The columns that are drafts and why; `None` when none is. Any draft column makes the
    /// whole comparison a draft.
    pub draft: Option<DraftNotice>,
    /// The checklist's rating bands, highest first, that charts mark across their scale
    /// (each column's band is in its own figures; the JSON leaves the list out).
    #[serde(skip)]
    pub bands: Vec<Band>,
}

/// The items every column scores: in every column's profile and answered "not applicable" in
/// none. Ranking on them compares like with like; each column's own score stays beside it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CommonItems {
    /// How many items.
    pub items: usize,
    /// Their summed weight (the possible weight of every column's common score).
    pub possible: f64,
}

/// What is being compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    /// Alternatives weighed by a planning committee (argument order).
    Options,
    /// One district at different dates (date order).
    Trend,
}

/// Which rows of the item matrix are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemFilter {
    /// Every item in scope of at least one column.
    All,
    /// Only items whose status differs between columns.
    Differences,
}

/// One assessment's figures in a comparison.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Column {
    /// Names the column (the file's `label`, made unique if two files share one).
    pub label: String,
    /// The district.
    pub district: String,
    /// The assessment date.
    pub date: Date,
    /// The profile scored.
    pub profile: ProfileMeta,
    /// The checklist version scored against.
    pub checklist_version: String,
    /// Short hash of the answers file.
    pub answers_hash: String,
    /// Weighted score.
    pub overall: Score,
    /// The band of the weighted score (`None` when not rated).
    pub band: Option<String>,
    /// Whether the assessment is rated, and if not, why.
    pub rating: Rating,
    /// Answered items out of the items of the profile.
    pub coverage: Coverage,
    /// Items answered "don't know" (not answered, counted apart); left out of the JSON when
    /// there are none.
    #[serde(skip_serializing_if = "summary::is_zero")]
    pub unverified: usize,
    /// Whether the assessment is a draft (unconfirmed carried answers, too few answered).
    pub draft: Draft,
    /// Items that count in the score (in the profile and not "not applicable").
    pub scored_items: usize,
    /// The score if every item weighed the same (for the weight check).
    pub equal_weight: Score,
    /// Critical items in place out of the critical items scored.
    pub critical: CriticalTally,
    /// Where the statutory duties of its profile stand; `None` when the profile has none.
    pub statutory: Option<BasisStanding>,
    /// Cost and staffing, when the file gives them.
    pub option: Option<OptionFigures>,
    /// Whether the file describes a plan (its statuses read "Provided for in the plan").
    pub describes_plan: bool,
    /// Who prepared it.
    pub prepared_by: Option<String>,
    /// What the file tells the board (recommendation, action requested, sign-off).
    #[serde(flatten)]
    pub board: BoardFields,
    /// Weighted score over the common items only (see [`CommonItems`]).
    pub common: Score,
    /// Equal-weight score over the common items only.
    pub common_equal_weight: Score,
    /// Rank by `common` (1 = highest; columns within the tie margin share a rank); `None`
    /// when the column is not rated, and so not ranked.
    pub rank: Option<usize>,
    /// Critical items of the profile answered partly or not in place, in checklist order.
    pub critical_open: Vec<OpenItem>,
    /// Critical items of the profile not yet answered (not gaps: listed apart).
    pub critical_unanswered: Vec<OpenItem>,
    /// Critical items of the profile nobody could verify (not gaps: listed apart).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub critical_unverified: Vec<OpenItem>,
    /// Of the comparison's critical gaps, how many this column closes among those that apply
    /// to it, and which do not apply and why.
    pub critical_closing: CriticalClosing,
}

/// How many of the comparison's critical gaps one column closes, counted over only the items
/// that apply to it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CriticalClosing {
    /// Critical gaps of the comparison in place under this column.
    pub closed: usize,
    /// Critical gaps of the comparison in this column's profile and not answered "not
    /// applicable".
    pub apply: usize,
    /// Those that do not apply to this column, each with why.
    pub not_applying: Vec<NotApplying>,
}

/// A critical item that does not apply to a column.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NotApplying {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Why: `not_in_scope` (outside the column's profile) or `not_applicable` (so answered).
    pub state: CellState,
}

/// A critical item a column leaves open.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OpenItem {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Where it stands (`partial`, `not_in_place`, `unanswered` or `not_applicable`).
    pub state: CellState,
    /// What reports print for the status.
    pub label: String,
}

/// Critical items in place out of the critical items scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CriticalTally {
    /// Critical items fully in place.
    pub in_place: usize,
    /// Critical items in the profile and not "not applicable".
    pub scored: usize,
}

/// A section's score in every column.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionRow {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// One figure per column; `None` where the section is outside the column's profile.
    pub scores: Vec<Option<SectionCell>>,
}

/// A section's figure in one column.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionCell {
    /// Earned, possible and percent over the section's items (unanswered count 0).
    #[serde(flatten)]
    pub score: Score,
    /// The section's answered items out of its items.
    pub coverage: Coverage,
    /// Whether enough of the section is answered for its score to be shown.
    pub rated: bool,
}

/// One item's status in every column.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemRow {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section_id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
    /// One cell per column.
    pub cells: Vec<ItemCell>,
    /// Whether the cells differ.
    pub differs: bool,
}

/// Where an item stands in one column.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemCell {
    /// Where it stands, or `not_in_scope`.
    pub state: CellState,
    /// The scale value answered, if any.
    pub status: Option<String>,
    /// What reports print.
    pub label: String,
    /// Credit from the scale (`None` when not applicable, unanswered or not in scope).
    #[serde(skip)]
    pub credit: Option<f64>,
}

/// Where an item stands in one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// Full credit.
    InPlace,
    /// Some credit.
    Partial,
    /// No credit.
    NotInPlace,
    /// Answered "not applicable".
    NotApplicable,
    /// In the profile, no answer.
    Unanswered,
    /// Answered "don't know": like unanswered, never a gap, and counted apart.
    Unverified,
    /// Outside the column's profile: not scored at all.
    NotInScope,
}

/// What reports print for an item outside a column's profile.
pub const NOT_IN_SCOPE: &str = "Not in scope";

impl CellState {
    /// Whether the item is a gap here: answered, in scope, credit under 1. An unanswered item
    /// is never a gap (it is not known to be one).
    pub fn is_gap(self) -> bool {
        matches!(self, Self::Partial | Self::NotInPlace)
    }

    /// Whether the item has an answer here (any status, including not applicable).
    pub fn is_answered(self) -> bool {
        !matches!(self, Self::Unanswered | Self::Unverified | Self::NotInScope)
    }
}

impl From<Outcome> for CellState {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::InPlace => Self::InPlace,
            Outcome::Partial => Self::Partial,
            Outcome::NotInPlace => Self::NotInPlace,
            Outcome::NotApplicable => Self::NotApplicable,
            Outcome::Unanswered => Self::Unanswered,
            Outcome::Unverified => Self::Unverified,
        }
    }
}

impl ItemCell {
    /// The cell of an item result, or "not in scope" when the profile leaves the item out.
    pub fn of(item: Option<&ItemResult>) -> Self {
        match item {
            Some(item) => Self {
                state: item.outcome.into(),
                status: item.status.clone(),
                label: item.status_label.clone(),
                credit: item.credit,
            },
            None => Self {
                state: CellState::NotInScope,
                status: None,
                label: NOT_IN_SCOPE.to_string(),
                credit: None,
            },
        }
    }
}

/// A critical item that is a gap under at least one column.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CriticalGap {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Labels of the columns where it is in place.
    pub closed_by: Vec<String>,
    /// Labels of the columns where it is partly or not in place.
    pub open_under: Vec<String>,
    /// Labels of the columns that leave it unanswered (not a gap there: not yet known).
    pub unanswered_under: Vec<String>,
    /// Labels of the columns that answer it "don't know" (not a gap there either).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unverified_under: Vec<String>,
    /// Labels of the columns that answer it "not applicable" or leave it out of their profile.
    pub not_scored_by: Vec<String>,
    /// Where it stands in each column.
    pub cells: Vec<ItemCell>,
}

/// An item that remains a gap whichever column is chosen.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GapEverywhere {
    /// Item id.
    pub id: String,
    /// The practice.
    pub title: String,
    /// Priority.
    pub priority: Priority,
}

/// Compares assessments scored against `checklist` (the first file's checklist: it fixes the
/// order of sections and items). Callers check that every assessment uses that checklist.
pub fn compare(checklist: &Checklist, assessments: &[Assessment]) -> Comparison {
    let kind = comparison_kind(assessments);
    let ordered = column_order(kind, assessments);
    let catalogue = Catalogue::new(checklist, ordered.iter().copied());
    let lookups: Vec<ItemLookup<'_>> = ordered.iter().map(|a| ItemLookup::new(a)).collect();
    let common_ids = common_item_ids(&catalogue, &lookups);
    let mut columns = columns(&ordered);
    let common_items = score_common_items(&mut columns, &common_ids, &lookups);
    let items = item_rows(&catalogue, &lookups);
    let weight_check = weight_check::check(&columns);
    let (ranks, standing) = standing::standing(&columns, &weight_check);
    for (column, rank) in columns.iter_mut().zip(ranks) {
        column.rank = rank;
    }
    let critical_gaps = critical_gaps(&items, &columns);
    for (n, column) in columns.iter_mut().enumerate() {
        column.critical_closing = critical_closing(&critical_gaps, n);
    }
    let cost = (kind == ComparisonKind::Options)
        .then(|| cost::compare_costs(&columns, &in_place_counts(&common_ids, &lookups)))
        .flatten();
    let trend =
        (kind == ComparisonKind::Trend).then(|| trend::trend(&catalogue, &ordered, &columns));
    Comparison {
        checklist: ordered
            .first()
            .map_or_else(|| checklist_meta(checklist), |a| a.meta.checklist.clone()),
        kind,
        sections: section_rows(&catalogue, &ordered),
        critical_gaps,
        gaps_everywhere: gaps_everywhere(&items),
        item_total: items.len(),
        items,
        item_filter: ItemFilter::All,
        notes: notes(kind, &columns, &ordered),
        draft: DraftNotice::over(columns.iter().map(|col| {
            let threshold = col.rating.coverage_threshold;
            (col.label.clone(), &col.draft, col.coverage, threshold)
        })),
        columns,
        common_items,
        weight_check,
        standing,
        cost,
        trend,
        bands: checklist.bands.clone(),
    }
}

impl Comparison {
    /// Keeps only the rows of the item matrix whose status differs between columns.
    #[must_use]
    pub fn only_differences(mut self) -> Self {
        self.items.retain(|row| row.differs);
        self.item_filter = ItemFilter::Differences;
        self
    }

    /// Whether the columns were scored on more than one profile.
    pub fn has_mixed_profiles(&self) -> bool {
        self.columns
            .windows(2)
            .any(|w| w[0].profile.id != w[1].profile.id)
    }
}

fn checklist_meta(checklist: &Checklist) -> ChecklistMeta {
    ChecklistMeta {
        id: checklist.id.clone(),
        title: checklist.title.clone(),
        version: checklist.version.clone(),
    }
}

/// A trend when every file is the same district at a different date; options otherwise.
fn comparison_kind(assessments: &[Assessment]) -> ComparisonKind {
    let keys = district_keys(assessments.iter().map(district_of));
    let same_district = keys.iter().all(|k| keys.first() == Some(k));
    let mut dates: Vec<Date> = assessments.iter().map(|a| a.meta.date).collect();
    dates.sort();
    let distinct_dates = dates.windows(2).all(|w| w[0] != w[1]);
    if assessments.len() >= 2 && same_district && distinct_dates {
        ComparisonKind::Trend
    } else {
        ComparisonKind::Options
    }
}

/// An assessment's district name and code.
pub(crate) fn district_of(a: &Assessment) -> (&str, Option<&str>) {
    (&a.meta.district, a.meta.district_id.as_deref())
}

/// What tells districts apart, one key per file: the `district_id` when the file gives one,
/// else the name (case and spacing aside). A file without a code whose name the other files
/// give exactly one code for joins that code: a district that adds its code in the second
/// year is still one district.
pub(crate) fn district_keys<'a>(
    districts: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<String> {
    let normalized = |name: &str| {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let files: Vec<(String, Option<&str>)> = districts
        .map(|(name, id)| {
            (
                normalized(name),
                id.map(str::trim).filter(|i| !i.is_empty()),
            )
        })
        .collect();
    // Each name's codes, gathered once: looking them up file by file is quadratic in files.
    let mut codes_by_name: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (name, id) in &files {
        if let Some(id) = id {
            codes_by_name.entry(name.as_str()).or_default().push(id);
        }
    }
    for codes in codes_by_name.values_mut() {
        codes.sort_unstable();
        codes.dedup();
    }
    let code_for = |name: &str| match codes_by_name.get(name).map(Vec::as_slice) {
        Some([only]) => Some(*only),
        _ => None,
    };
    files
        .iter()
        .map(|(name, id)| match id.or_else(|| code_for(name)) {
            Some(code) => format!("id:{code}"),
            None => format!("name:{name}"),
        })
        .collect()
}

fn column_order(kind: ComparisonKind, assessments: &[Assessment]) -> Vec<&Assessment> {
    let mut ordered: Vec<&Assessment> = assessments.iter().collect();
    if kind == ComparisonKind::Trend {
        ordered.sort_by_key(|a| a.meta.date);
    }
    ordered
}

/// An assessment's items by id.
struct ItemLookup<'a> {
    by_id: HashMap<&'a str, &'a ItemResult>,
}

impl<'a> ItemLookup<'a> {
    fn new(assessment: &'a Assessment) -> Self {
        Self {
            by_id: assessment
                .items
                .iter()
                .map(|i| (i.id.as_str(), i))
                .collect(),
        }
    }

    fn cell(&self, id: &str) -> ItemCell {
        ItemCell::of(self.by_id.get(id).copied())
    }
}

fn columns(ordered: &[&Assessment]) -> Vec<Column> {
    let labels = unique_labels(ordered);
    ordered
        .iter()
        .zip(labels)
        .map(|(a, label)| column(a, label))
        .collect()
}

fn column(a: &Assessment, label: String) -> Column {
    let scored = |i: &&ItemResult| i.outcome != Outcome::NotApplicable;
    let critical: Vec<&ItemResult> = a
        .items
        .iter()
        .filter(|i| i.priority == Priority::Critical)
        .filter(scored)
        .collect();
    Column {
        label,
        district: a.meta.district.clone(),
        date: a.meta.date,
        profile: a.meta.profile.clone(),
        checklist_version: a.meta.checklist.version.clone(),
        answers_hash: a.meta.answers_hash.clone(),
        overall: a.overall,
        band: a.band.clone(),
        rating: a.rating,
        coverage: a.coverage,
        unverified: a.unverified().count(),
        draft: a.draft.clone(),
        scored_items: a.items.iter().filter(scored).count(),
        equal_weight: equal_weight_score(a),
        critical: CriticalTally {
            in_place: critical
                .iter()
                .filter(|i| i.outcome == Outcome::InPlace)
                .count(),
            scored: critical.len(),
        },
        statutory: a.statutory().cloned(),
        option: a.meta.option,
        describes_plan: a.meta.describes_plan,
        prepared_by: a.meta.prepared_by.clone(),
        board: a.meta.board.clone(),
        common: a.overall,
        common_equal_weight: equal_weight_score(a),
        rank: None,
        critical_open: critical_items(a, &[Outcome::Partial, Outcome::NotInPlace]),
        critical_unanswered: critical_items(a, &[Outcome::Unanswered]),
        critical_unverified: critical_items(a, &[Outcome::Unverified]),
        critical_closing: CriticalClosing::default(),
    }
}

/// The critical items of `a` with one of `outcomes`, in checklist order.
fn critical_items(a: &Assessment, outcomes: &[Outcome]) -> Vec<OpenItem> {
    a.items
        .iter()
        .filter(|i| i.priority == Priority::Critical && outcomes.contains(&i.outcome))
        .map(|i| OpenItem {
            id: i.id.clone(),
            title: i.title.clone(),
            state: i.outcome.into(),
            label: i.status_label.clone(),
        })
        .collect()
}

/// Of the comparison's critical gaps, those column `n` closes out of those that apply to it.
fn critical_closing(gaps: &[CriticalGap], n: usize) -> CriticalClosing {
    let mut closing = CriticalClosing::default();
    for gap in gaps {
        let Some(cell) = gap.cells.get(n) else {
            continue;
        };
        match cell.state {
            CellState::NotInScope | CellState::NotApplicable => {
                closing.not_applying.push(NotApplying {
                    id: gap.id.clone(),
                    title: gap.title.clone(),
                    state: cell.state,
                });
            }
            state => {
                closing.apply += 1;
                closing.closed += usize::from(state == CellState::InPlace);
            }
        }
    }
    closing
}

/// Each column's common items in place: all, critical, high.
fn in_place_counts(common_ids: &[&str], lookups: &[ItemLookup<'_>]) -> Vec<cost::InPlaceCounts> {
    lookups
        .iter()
        .map(|lookup| {
            let in_place: Vec<&ItemResult> = common_ids
                .iter()
                .filter_map(|id| lookup.by_id.get(id).copied())
                .filter(|i| i.outcome == Outcome::InPlace)
                .collect();
            let of = |p: Priority| in_place.iter().filter(|i| i.priority == p).count();
            (in_place.len(), of(Priority::Critical), of(Priority::High))
        })
        .collect()
}

/// Ids of the items every column scores (in scope and not "not applicable"), checklist order.
fn common_item_ids<'c>(catalogue: &'c Catalogue, lookups: &[ItemLookup<'_>]) -> Vec<&'c str> {
    catalogue
        .items
        .iter()
        .map(|item| item.id.as_str())
        .filter(|id| {
            lookups.iter().all(|l| {
                l.by_id
                    .get(id)
                    .is_some_and(|i| i.outcome != Outcome::NotApplicable)
            })
        })
        .collect()
}

/// Scores every column on the common items.
fn score_common_items(
    columns: &mut [Column],
    common_ids: &[&str],
    lookups: &[ItemLookup<'_>],
) -> CommonItems {
    let mut possible = 0.0;
    for (n, (column, lookup)) in columns.iter_mut().zip(lookups).enumerate() {
        let items: Vec<&ItemResult> = common_ids
            .iter()
            .filter_map(|id| lookup.by_id.get(id).copied())
            .collect();
        column.common = Score::from_items(items.iter().copied());
        column.common_equal_weight = equal_weight_of(items.iter().copied());
        if n == 0 {
            possible = column.common.possible;
        }
    }
    CommonItems {
        items: common_ids.len(),
        possible,
    }
}

/// Each file's label; an empty or repeated label gets the date, then a number, so that every
/// column can be told apart.
fn unique_labels(ordered: &[&Assessment]) -> Vec<String> {
    let base: Vec<String> = ordered
        .iter()
        .enumerate()
        .map(|(n, a)| match a.meta.label.trim() {
            "" => format!("Assessment {}", n + 1),
            label => label.to_string(),
        })
        .collect();
    let dated: Vec<String> = ordered
        .iter()
        .zip(&base)
        .map(|(a, label)| {
            if base.iter().filter(|b| *b == label).count() > 1 {
                format!("{label} ({})", a.meta.date)
            } else {
                label.clone()
            }
        })
        .collect();
    dated
        .iter()
        .enumerate()
        .map(|(n, label)| {
            if dated.iter().filter(|d| *d == label).count() > 1 {
                format!("{label} #{}", n + 1)
            } else {
                label.clone()
            }
        })
        .collect()
}

fn section_rows(catalogue: &Catalogue, ordered: &[&Assessment]) -> Vec<SectionRow> {
    catalogue
        .sections
        .iter()
        .map(|section| SectionRow {
            id: section.id.clone(),
            title: section.title.clone(),
            scores: ordered
                .iter()
                .map(|a| {
                    a.sections
                        .iter()
                        .find(|s| s.id == section.id)
                        .map(|s| SectionCell {
                            score: s.score,
                            coverage: s.coverage,
                            rated: s.rated,
                        })
                })
                .collect(),
        })
        .filter(|row| row.scores.iter().any(Option::is_some))
        .collect()
}

fn item_rows(catalogue: &Catalogue, lookups: &[ItemLookup<'_>]) -> Vec<ItemRow> {
    catalogue
        .items
        .iter()
        .filter_map(|item| {
            let cells: Vec<ItemCell> = lookups.iter().map(|l| l.cell(&item.id)).collect();
            if cells.iter().all(|c| c.state == CellState::NotInScope) {
                return None;
            }
            let differs = cells
                .windows(2)
                .any(|w| w[0].state != w[1].state || w[0].status != w[1].status);
            Some(ItemRow {
                id: item.id.clone(),
                section_id: item.section_id.clone(),
                title: item.title.clone(),
                priority: item.priority,
                cells,
                differs,
            })
        })
        .collect()
}

fn critical_gaps(items: &[ItemRow], columns: &[Column]) -> Vec<CriticalGap> {
    let labels_where = |row: &ItemRow, keep: &dyn Fn(CellState) -> bool| -> Vec<String> {
        row.cells
            .iter()
            .zip(columns)
            .filter(|(cell, _)| keep(cell.state))
            .map(|(_, column)| column.label.clone())
            .collect()
    };
    items
        .iter()
        .filter(|row| row.priority == Priority::Critical)
        .filter(|row| row.cells.iter().any(|c| c.state.is_gap()))
        .map(|row| CriticalGap {
            id: row.id.clone(),
            title: row.title.clone(),
            closed_by: labels_where(row, &|s| s == CellState::InPlace),
            open_under: labels_where(row, &CellState::is_gap),
            unanswered_under: labels_where(row, &|s| s == CellState::Unanswered),
            unverified_under: labels_where(row, &|s| s == CellState::Unverified),
            not_scored_by: labels_where(row, &|s| {
                matches!(s, CellState::NotApplicable | CellState::NotInScope)
            }),
            cells: row.cells.clone(),
        })
        .collect()
}

fn gaps_everywhere(items: &[ItemRow]) -> Vec<GapEverywhere> {
    let mut gaps: Vec<GapEverywhere> = items
        .iter()
        .filter(|row| row.cells.iter().all(|c| c.state.is_gap()))
        .map(|row| GapEverywhere {
            id: row.id.clone(),
            title: row.title.clone(),
            priority: row.priority,
        })
        .collect();
    // Stable: checklist order within a priority.
    gaps.sort_by_key(|g| g.priority);
    gaps
}

fn notes(kind: ComparisonKind, columns: &[Column], ordered: &[&Assessment]) -> Vec<String> {
    let mut notes = Vec::new();
    let mixed_profiles = columns
        .windows(2)
        .any(|w| w[0].profile.id != w[1].profile.id);
    if mixed_profiles {
        let counts: Vec<String> = columns
            .iter()
            .map(|c| format!("{} on {} items ({})", c.label, c.scored_items, c.profile.id))
            .collect();
        notes.push(format!(
            "The columns were scored on different profiles: {}. Items outside a column's \
             profile show as \"not in scope\"; compare percentages with the item counts in view.",
            counts.join(", ")
        ));
    }
    let versions: Vec<&str> = columns
        .iter()
        .map(|c| c.checklist_version.as_str())
        .collect();
    if versions.windows(2).any(|w| w[0] != w[1]) {
        notes.push(format!(
            "The files were scored against different checklist versions ({}); items added or \
             removed between versions show as \"not in scope\".",
            versions.join(", ")
        ));
    }
    for (column, a) in columns.iter().zip(ordered) {
        if let Some(recorded) = a.meta.answers_checklist_version.as_deref()
            && recorded != column.checklist_version
        {
            notes.push(format!(
                "{} was written for checklist version {recorded} and scored against version {}.",
                column.label, column.checklist_version
            ));
        }
    }
    let mut districts: Vec<&str> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let file_keys = district_keys(ordered.iter().map(|a| district_of(a)));
    for (a, key) in ordered.iter().zip(file_keys) {
        if !keys.contains(&key) {
            keys.push(key);
            districts.push(&a.meta.district);
        }
    }
    if keys.len() > 1 {
        notes.push(format!(
            "The files come from {} different districts ({}): each district's figures rest on \
             its own answers, so read the comparison as one district against another, not as \
             one district's choices.",
            keys.len(),
            districts.join("; ")
        ));
    }
    let one_date = ordered.windows(2).all(|w| w[0].meta.date == w[1].meta.date);
    if kind == ComparisonKind::Options && keys.len() == 1 && one_date && ordered.len() > 1 {
        notes.push(
            "Every file has the same district and date, so they are taken as options side by \
             side, not as years."
                .to_string(),
        );
    }
    notes
}

pub(crate) use crate::score::round1;

#[cfg(test)]
mod tests;
