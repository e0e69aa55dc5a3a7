//! The result of scoring: everything a renderer needs, computed once.

use serde::Serialize;

use crate::model::{
    Answer, AnswerField, Answers, Band, Basis, BoardFields, Checklist, ConsensusRecord, Date,
    FieldKind, FieldValue, Item, OptionFigures, Priority, Profile, Responsible, ScaleLevel,
    Section, Source, SourceRef, Tailoring, UNKNOWN_STATUS, Weights,
};

/// A scored assessment. Renderers read it; they never recompute a figure.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Assessment {
    /// Who, when, against what.
    pub meta: Meta,
    /// Overall earned and possible weight, and the percentage.
    pub overall: Score,
    /// The rating for the overall percentage; `None` when the assessment is not rated
    /// (too few items answered, or nothing scorable): see `rating`.
    pub band: Option<String>,
    /// Earned and possible weight over the answered items only: how the answered practices
    /// stand, whatever the share answered.
    pub answered_score: Score,
    /// Whether a band is given, and if not, why.
    pub rating: Rating,
    /// Whether the report is a draft, and why: answers carried over and not yet confirmed,
    /// or too few items answered for a rating.
    pub draft: Draft,
    /// Answered items out of the items of the profile.
    pub coverage: Coverage,
    /// Items per status, in scale order, then unanswered.
    pub counts: Vec<StatusCount>,
    /// One score per section that has items in the profile.
    pub sections: Vec<SectionScore>,
    /// Where the items of each basis stand (statute first), in the order of [`Basis`]:
    /// the legal duties apart from guidance, examples and local practice.
    pub by_basis: Vec<BasisStanding>,
    /// Every item of the profile, in checklist order.
    pub items: Vec<ItemResult>,
    /// Indices into `items` of the answered gaps, most urgent first.
    #[serde(skip)]
    pub gap_order: Vec<usize>,
    /// Indices into `items` of the unanswered items, most urgent first.
    #[serde(skip)]
    pub unanswered_order: Vec<usize>,
    /// Indices into `items` of the items answered "don't know", most urgent first.
    #[serde(skip)]
    pub unverified_order: Vec<usize>,
    /// Indices into `items` of the items in place, most important first.
    #[serde(skip)]
    pub strength_order: Vec<usize>,
    /// The scale, weights and bands used.
    pub method: Method,
    /// Every source the checklist cites.
    pub sources: Vec<Source>,
}

impl Assessment {
    /// Answered gaps (partly or not in place), most urgent first.
    pub fn gaps(&self) -> impl Iterator<Item = &ItemResult> {
        self.gap_order.iter().filter_map(|&i| self.items.get(i))
    }

    /// The gaps whose practice belongs in the MOU, most urgent first: what the next MOU
    /// should say.
    pub fn mou_gaps(&self) -> Vec<&ItemResult> {
        self.gaps().filter(|i| i.in_mou).collect()
    }

    /// The action plan: gaps with both an owner and a due date, soonest first (ties by urgency).
    pub fn action_plan(&self) -> Vec<&ItemResult> {
        let mut planned: Vec<&ItemResult> = self
            .gaps()
            .filter(|i| {
                i.answer
                    .as_ref()
                    .is_some_and(|ans| ans.owner.is_some() && ans.due.is_some())
            })
            .collect();
        planned.sort_by_key(|i| (i.answer.as_ref().and_then(|ans| ans.due), i.gap_rank));
        planned
    }

    /// Where the statutory duties stand; `None` when the profile has none.
    pub fn statutory(&self) -> Option<&BasisStanding> {
        self.by_basis.iter().find(|b| b.basis == Basis::Statute)
    }

    /// Gaps and unanswered items whose due date is before the assessment date, soonest first.
    pub fn overdue(&self) -> Vec<&ItemResult> {
        let mut overdue: Vec<&ItemResult> = self
            .items
            .iter()
            .filter(|i| i.overdue_since.is_some())
            .collect();
        overdue.sort_by_key(|i| (i.overdue_since, i.gap_rank));
        overdue
    }

    /// Critical practices answered partly or not in place, most urgent first.
    pub fn critical_gaps(&self) -> impl Iterator<Item = &ItemResult> {
        self.gaps().filter(|i| i.priority == Priority::Critical)
    }

    /// Critical practices nobody has answered yet: not known to be gaps, so listed apart.
    pub fn critical_unanswered(&self) -> impl Iterator<Item = &ItemResult> {
        self.unanswered()
            .filter(|i| i.priority == Priority::Critical)
    }

    /// Items of the profile with no answer, most urgent first.
    pub fn unanswered(&self) -> impl Iterator<Item = &ItemResult> {
        self.unanswered_order
            .iter()
            .filter_map(|&i| self.items.get(i))
    }

    /// Items answered "don't know": nobody could verify them, so they are listed apart from
    /// the gaps and from the unanswered items, most urgent first.
    pub fn unverified(&self) -> impl Iterator<Item = &ItemResult> {
        self.unverified_order
            .iter()
            .filter_map(|&i| self.items.get(i))
    }

    /// Items fully in place, most important first.
    pub fn strengths(&self) -> impl Iterator<Item = &ItemResult> {
        self.strength_order
            .iter()
            .filter_map(|&i| self.items.get(i))
    }

    /// The items of one section, in checklist order.
    pub fn section_items<'a>(
        &'a self,
        section_id: &'a str,
    ) -> impl Iterator<Item = &'a ItemResult> {
        self.items
            .iter()
            .filter(move |i| i.section_id == section_id)
    }

    /// Whether any answer carries an internal note.
    pub fn has_internal_notes(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.answer.as_ref().is_some_and(|a| a.internal_note.is_some()))
    }

    /// A copy without internal notes: what every public report is made from.
    pub fn without_internal_notes(&self) -> Assessment {
        let mut copy = self.clone();
        for item in &mut copy.items {
            if let Some(answer) = &mut item.answer {
                answer.internal_note = None;
            }
        }
        copy
    }
}

/// Who, when, against what.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Meta {
    /// The district.
    pub district: String,
    /// The district's code (state or NCES), when the file gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district_id: Option<String>,
    /// Names this assessment.
    pub label: String,
    /// The assessment date.
    pub date: Date,
    /// Who prepared it.
    pub prepared_by: Option<String>,
    /// Who rated, when one committee member rated alone; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
    /// The group the rater speaks for; absent when the file does not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater_group: Option<String>,
    /// The committee's recommendation, the action asked of the board, who reviewed it and
    /// when it goes to the board: public, each `null` when the file does not give it.
    #[serde(flatten)]
    pub board: BoardFields,
    /// The profile scored.
    pub profile: ProfileMeta,
    /// The checklist scored against.
    pub checklist: ChecklistMeta,
    /// The checklist version the answers record, if any.
    pub answers_checklist_version: Option<String>,
    /// First 12 hex digits of the SHA-256 of the answers file.
    pub answers_hash: String,
    /// The version of sro-assess that scored it.
    pub tool_version: String,
    /// Cost and staffing of a planning option.
    pub option: Option<OptionFigures>,
    /// Whether the answers describe a plan (an `option:` block, or a profile with its own
    /// labels): its statuses then read "Provided for in the plan" rather than "In place".
    pub describes_plan: bool,
    /// What a local checklist changed in its base; absent for a checklist as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tailoring: Option<Tailoring>,
    /// How a committee's consensus was reached, for a consensus file; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusMeta>,
}

/// How a committee's consensus was reached, and how far its meeting has got.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConsensusMeta {
    /// The figures the consensus file records.
    #[serde(flatten)]
    pub record: ConsensusRecord,
    /// Flagged items the meeting has settled: the flagged ones that no longer carry
    /// `unsettled`.
    pub settled: usize,
}

impl ConsensusMeta {
    fn of(answers: &Answers) -> Option<Self> {
        let record = answers.consensus.clone()?;
        let unsettled = answers
            .answers
            .iter()
            .filter(|a| a.unsettled.is_some())
            .count();
        // A mark added by hand is not a flag the meeting undid, so settled never goes below 0.
        let settled = record.flagged.saturating_sub(unsettled);
        Some(Self { record, settled })
    }

    /// The flagged items still to settle.
    pub fn remaining(&self) -> usize {
        self.record.flagged - self.settled
    }
}

impl Meta {
    pub(crate) fn new(
        checklist: &Checklist,
        profile: &Profile,
        answers: &Answers,
        hash: &str,
    ) -> Self {
        Self {
            district: answers.district.clone(),
            district_id: answers.district_id.clone(),
            label: answers.label.clone(),
            date: answers.date,
            prepared_by: answers.prepared_by.clone(),
            rater: answers.rater.clone(),
            rater_group: answers.rater_group.clone(),
            board: answers.board.clone(),
            profile: ProfileMeta {
                id: profile.id.clone(),
                title: profile.title.clone(),
            },
            checklist: ChecklistMeta {
                id: checklist.id.clone(),
                title: checklist.title.clone(),
                version: checklist.version.clone(),
            },
            answers_checklist_version: answers.checklist_version.clone(),
            answers_hash: hash.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            option: answers.option,
            describes_plan: false,
            tailoring: checklist.tailoring.clone(),
            consensus: ConsensusMeta::of(answers),
        }
    }
}

/// The profile scored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ProfileMeta {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// The checklist scored against.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ChecklistMeta {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
}

/// Earned and possible weight, and the percentage (one decimal).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Score {
    /// Sum of weight × credit over scorable items.
    pub earned: f64,
    /// Sum of weight over scorable items (not applicable left out).
    pub possible: f64,
    /// earned / possible × 100, rounded to one decimal; `None` when nothing is scorable.
    pub percent: Option<f64>,
}

impl Score {
    pub(crate) fn from_items<'a>(items: impl Iterator<Item = &'a ItemResult>) -> Self {
        let (earned, possible) = items.fold((0.0, 0.0), |(e, p), item| {
            (e + item.earned, p + item.possible)
        });
        let percent = (possible > 0.0).then(|| round1(earned / possible * 100.0));
        Self {
            earned,
            possible,
            percent,
        }
    }
}

/// Rounds to one decimal place: the precision every report prints.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Answered items out of the items of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Coverage {
    /// Items with an answer (any status, including not applicable, but not "don't know").
    pub answered: usize,
    /// Items of the profile.
    pub items: usize,
}

impl Coverage {
    /// Answered share in percent, one decimal.
    pub fn percent(&self) -> f64 {
        if self.items == 0 {
            100.0
        } else {
            round1(self.answered as f64 / self.items as f64 * 100.0)
        }
    }

    /// Whether fewer items are answered than `threshold` percent of the profile's items
    /// (compared exactly, not after rounding).
    pub fn is_below(&self, threshold: f64) -> bool {
        self.items > 0 && (self.answered as f64) * 100.0 < threshold * self.items as f64
    }
}

/// Whether the assessment gets a band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rating {
    /// Whether a band is given.
    pub rated: bool,
    /// Why no band is given; `None` when rated.
    pub not_rated_reason: Option<NotRatedReason>,
    /// The least coverage (percent of the profile's items answered) the checklist requires
    /// for a band.
    pub coverage_threshold: f64,
}

/// Why an assessment gets no band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotRatedReason {
    /// Fewer items are answered than the coverage threshold: the overall score would measure
    /// how much was answered rather than the program.
    CoverageBelowThreshold,
    /// No item can be scored (every item is not applicable).
    NothingScorable,
}

impl Rating {
    pub(crate) fn new(overall: &Score, coverage: &Coverage, threshold: f64) -> Self {
        let reason = if overall.percent.is_none() {
            Some(NotRatedReason::NothingScorable)
        } else if coverage.is_below(threshold) {
            Some(NotRatedReason::CoverageBelowThreshold)
        } else {
            None
        };
        Self {
            rated: reason.is_none(),
            not_rated_reason: reason,
            coverage_threshold: threshold,
        }
    }
}

/// Whether a report must say DRAFT, and the counts behind it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Draft {
    /// Whether the report is a draft (any reason below).
    pub is_draft: bool,
    /// Scored answers copied by `init --from` that nobody has confirmed yet.
    pub carried_unconfirmed: usize,
    /// The earlier assessments they were copied from, in first-seen order.
    pub carried_from: Vec<String>,
    /// Whether fewer items are answered than the coverage threshold.
    pub below_coverage_threshold: bool,
    /// Items of a committee's consensus file that its meeting has still to settle.
    #[serde(skip_serializing_if = "is_zero")]
    pub unsettled: usize,
}

impl Draft {
    pub(crate) fn new(items: &[ItemResult], rating: &Rating) -> Self {
        let mut carried_from: Vec<String> = Vec::new();
        let mut carried_unconfirmed = 0;
        for from in items
            .iter()
            .filter_map(|i| i.answer.as_ref()?.carried_from.as_ref())
        {
            carried_unconfirmed += 1;
            if !carried_from.contains(from) {
                carried_from.push(from.clone());
            }
        }
        let below_coverage_threshold =
            rating.not_rated_reason == Some(NotRatedReason::CoverageBelowThreshold);
        let unsettled = items
            .iter()
            .filter(|i| i.answer.as_ref().is_some_and(|a| a.unsettled.is_some()))
            .count();
        Self {
            is_draft: carried_unconfirmed > 0 || below_coverage_threshold || unsettled > 0,
            carried_unconfirmed,
            carried_from,
            below_coverage_threshold,
            unsettled,
        }
    }
}

/// How many items have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct StatusCount {
    /// The scale value, or `unanswered`.
    pub status: String,
    /// What reports print.
    pub label: String,
    /// How many items.
    pub count: usize,
}

impl StatusCount {
    pub(crate) fn tally<'a>(
        items: impl Iterator<Item = &'a ItemResult> + Clone,
        checklist: &Checklist,
    ) -> Vec<Self> {
        let mut counts: Vec<Self> = checklist
            .scale
            .iter()
            .map(|level| Self {
                status: level.value.clone(),
                label: level.label.clone(),
                count: items
                    .clone()
                    .filter(|i| i.status.as_deref() == Some(level.value.as_str()))
                    .count(),
            })
            // A scale's "don't know" is listed only when used, so that an assessment without
            // one reads as it did before the scale offered it.
            .filter(|count| count.count > 0 || count.status != UNKNOWN_STATUS)
            .collect();
        counts.push(Self {
            status: "unanswered".into(),
            label: "Unanswered".into(),
            count: items.filter(|i| i.status.is_none()).count(),
        });
        counts
    }
}

/// A section's score.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectionScore {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Earned, possible and percent over the section's scorable items (an unanswered item
    /// counts 0, as in the overall score).
    pub score: Score,
    /// The same over the section's answered items only: how the answered practices stand.
    pub answered_score: Score,
    /// Items of the section in the profile.
    pub items: usize,
    /// The section's answered items out of its items.
    pub coverage: Coverage,
    /// Whether enough of the section is answered (the checklist's coverage threshold) for its
    /// score to be shown; a section under it is "not rated", never drawn as a low score.
    pub rated: bool,
    /// Items per status, as in [`Assessment::counts`].
    pub counts: Vec<StatusCount>,
}

impl SectionScore {
    pub(crate) fn new(section: &Section, members: &[&ItemResult], checklist: &Checklist) -> Self {
        let answered = || members.iter().copied().filter(|i| i.outcome.is_answered());
        let coverage = Coverage {
            answered: answered().count(),
            items: members.len(),
        };
        let score = Score::from_items(members.iter().copied());
        Self {
            id: section.id.clone(),
            title: section.title.clone(),
            rated: score.percent.is_some() && !coverage.is_below(checklist.coverage_threshold),
            score,
            answered_score: Score::from_items(answered()),
            items: members.len(),
            coverage,
            counts: StatusCount::tally(members.iter().copied(), checklist),
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Full credit: a strength.
    InPlace,
    /// Some credit: a gap.
    Partial,
    /// No credit: a gap.
    NotInPlace,
    /// Left out of the denominator.
    NotApplicable,
    /// No answer: scores 0 and is listed apart.
    Unanswered,
    /// Answered "don't know": scores as unanswered, and is listed apart from both the gaps and
    /// the unanswered items, with its note.
    Unverified,
}

impl Outcome {
    /// Whether the item has an answer that says where the practice stands: the items that
    /// make up the coverage. An item nobody could verify is not answered.
    pub fn is_answered(self) -> bool {
        !matches!(self, Self::Unanswered | Self::Unverified)
    }
}

/// One item of the profile, scored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemResult {
    /// Item id.
    pub id: String,
    /// Its section's id.
    pub section_id: String,
    /// The practice.
    pub title: String,
    /// What to look for.
    pub guidance: String,
    /// Priority.
    pub priority: Priority,
    /// What the item rests on.
    pub basis: Option<Basis>,
    /// Who can close the gap.
    pub responsible: Responsible,
    /// Whether the practice belongs in the MOU.
    pub in_mou: bool,
    /// The next step for where it stands: the checklist's partial next step when the item is
    /// partly in place and the checklist gives one, else its next step.
    pub recommendation: String,
    /// What documents show it (from the checklist).
    pub evidence_hint: String,
    /// Citations.
    pub sources: Vec<SourceRef>,
    /// The item's weight.
    pub weight: f64,
    /// The scale value answered, `None` when unanswered.
    pub status: Option<String>,
    /// The scale label, or `Unanswered`.
    pub status_label: String,
    /// Where it stands.
    pub outcome: Outcome,
    /// Credit from the scale (`None` when not applicable or unanswered).
    pub credit: Option<f64>,
    /// weight × credit.
    pub earned: f64,
    /// The weight, or 0 when not applicable.
    pub possible: f64,
    /// possible − earned: what the gap costs.
    pub lost: f64,
    /// 1-based position among the answered gaps, most urgent first.
    pub gap_rank: Option<usize>,
    /// The due date, when it is before the assessment date and the practice is not in place
    /// (nor "not applicable"): the action is overdue since then.
    pub overdue_since: Option<Date>,
    /// What the committee wrote.
    #[serde(serialize_with = "serialize_detail")]
    #[schemars(schema_with = "detail_schema")]
    pub answer: Option<AnswerDetail>,
}

/// What the committee wrote for an item: its answer, whose JSON gives every field of the
/// model's table but the status and the id, which the item's result states already.
pub type AnswerDetail = Answer;

/// An answer's fields besides its status, by key, `null` where the answer leaves one out.
fn serialize_detail<S: serde::Serializer>(
    answer: &Option<AnswerDetail>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let Some(answer) = answer else {
        return serializer.serialize_none();
    };
    let fields = AnswerField::ALL
        .into_iter()
        .filter(|f| *f != AnswerField::Status);
    let mut map = serializer.serialize_map(None)?;
    for field in fields {
        match answer.value(field) {
            _ if field.consensus_only() && !answer.gives(field) => {}
            FieldValue::Ratings(ratings) => {
                let by_rater: Vec<(&str, Option<&str>)> = ratings
                    .iter()
                    .map(|r| (r.rater.as_str(), r.status.as_deref()))
                    .collect();
                map.serialize_entry(field.key(), &RatingsMap(&by_rater))?;
            }
            _ => map.serialize_entry(field.key(), &answer.written(field))?,
        }
    }
    map.end()
}

/// The schema of what `serialize_detail` writes, built from the same field list: `null`, or
/// every field but the status (text or date, `null` when left out), the consensus-only ones
/// present only when given.
fn detail_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let text = schemars::json_schema!({ "type": ["string", "null"] });
    let day = generator.subschema_for::<Date>();
    let date = schemars::json_schema!({ "anyOf": [day, { "type": "null" }] });
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for field in AnswerField::ALL
        .into_iter()
        .filter(|f| *f != AnswerField::Status)
    {
        let schema = match field.kind() {
            // Given only when the answer has some ratings: a map of member to status or null.
            FieldKind::Ratings => schemars::json_schema!({
                "type": "object",
                "additionalProperties": { "type": ["string", "null"] }
            }),
            // A consensus-only text field is written only when given, so never as null.
            _ if field.consensus_only() => schemars::json_schema!({ "type": "string" }),
            FieldKind::Date => date.clone(),
            FieldKind::Status | FieldKind::Text => text.clone(),
        };
        if !field.consensus_only() {
            required.push(field.key());
        }
        properties.insert(field.key().to_string(), schema.to_value());
    }
    schemars::json_schema!({
        "anyOf": [
            {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false
            },
            { "type": "null" }
        ]
    })
}

/// Each member's status by name, in the file's order.
struct RatingsMap<'a>(&'a [(&'a str, Option<&'a str>)]);

impl Serialize for RatingsMap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

impl ItemResult {
    pub(crate) fn new(
        section: &Section,
        item: &Item,
        weight: f64,
        answer: Option<&Answer>,
        checklist: &Checklist,
    ) -> Self {
        let level = answer.and_then(|a| checklist.scale_level(a.status()?));
        let (outcome, credit) = classify(answer, level);
        let possible = if outcome == Outcome::NotApplicable {
            0.0
        } else {
            weight
        };
        let earned = weight * credit.unwrap_or(0.0);
        Self {
            id: item.id.clone(),
            section_id: section.id.clone(),
            title: item.title.clone(),
            guidance: item.guidance.clone(),
            priority: item.priority,
            basis: item.basis,
            responsible: item.responsible,
            in_mou: item.in_mou,
            recommendation: next_step_for(item, outcome).to_string(),
            evidence_hint: item.evidence.clone(),
            sources: item.sources.clone(),
            weight,
            status: level.map(|l| l.value.clone()),
            status_label: level.map_or_else(|| "Unanswered".to_string(), |l| l.label.clone()),
            outcome,
            credit,
            earned,
            possible,
            lost: possible - earned,
            gap_rank: None,
            overdue_since: None,
            answer: answer.cloned(),
        }
    }
}

/// A partly-in-place item needs a different next step from a missing one ("Draft an MOU" does
/// not fit a district that has one), so the text is chosen once, here.
fn next_step_for(item: &Item, outcome: Outcome) -> &str {
    match (&item.recommendation_partial, outcome) {
        (Some(partial), Outcome::Partial) => partial,
        _ => &item.recommendation,
    }
}

fn classify(answer: Option<&Answer>, level: Option<&ScaleLevel>) -> (Outcome, Option<f64>) {
    match (answer, level) {
        (None, _) | (Some(_), None) => (Outcome::Unanswered, None),
        (Some(_), Some(level)) if level.is_unknown() => (Outcome::Unverified, None),
        (Some(_), Some(level)) => match level.credit {
            None => (Outcome::NotApplicable, None),
            Some(c) if c >= 1.0 => (Outcome::InPlace, Some(c.min(1.0))),
            Some(c) if c > 0.0 => (Outcome::Partial, Some(c)),
            Some(_) => (Outcome::NotInPlace, Some(0.0)),
        },
    }
}

/// How the assessment was scored, for the methodology section of reports.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Method {
    /// The response scale.
    pub scale: Vec<ScaleLevel>,
    /// Weight per priority.
    pub weights: Weights,
    /// Ratings by overall percentage.
    pub bands: Vec<Band>,
    /// The least coverage (percent answered) for a rating.
    pub coverage_threshold: f64,
    /// What the checklist is not (from the checklist), printed once on the method page.
    pub limits: Option<String>,
    /// How many items of the checklist rest on each basis, in the order of [`Basis`].
    pub basis_counts: Vec<BasisCount>,
}

/// How many items rest on one basis.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BasisCount {
    /// The basis.
    pub basis: Basis,
    /// Its label (`Local practice`).
    pub label: String,
    /// Items of the checklist with it.
    pub count: usize,
}

/// Where the items of one basis stand in an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BasisStanding {
    /// The basis.
    pub basis: Basis,
    /// Its label (`Statute`).
    pub label: String,
    /// Items of the profile with this basis.
    pub items: usize,
    /// In place.
    pub in_place: usize,
    /// Partly in place.
    pub partial: usize,
    /// Not in place.
    pub not_in_place: usize,
    /// Answered "not applicable" (left out of `scored`).
    pub not_applicable: usize,
    /// Not answered.
    pub unanswered: usize,
    /// Answered "don't know" (left out of the JSON when none is).
    #[serde(skip_serializing_if = "is_zero")]
    pub unverified: usize,
    /// Weighted score over the answered items of this basis.
    pub answered_score: Score,
    /// Ids of the items partly or not in place, most urgent first.
    pub not_in_place_ids: Vec<String>,
}

impl BasisStanding {
    /// Items that count: every item of the basis but those answered "not applicable".
    pub fn scored(&self) -> usize {
        self.items - self.not_applicable
    }

    /// Partly or not in place.
    pub fn partly_or_not(&self) -> usize {
        self.partial + self.not_in_place
    }

    /// Every basis the items have, statute first. The counts are taken in one pass over the
    /// items (this runs for every file of a summary).
    pub(crate) fn tally(items: &[ItemResult], gap_order: &[usize]) -> Vec<BasisStanding> {
        let mut standings: Vec<BasisStanding> = Basis::ALL
            .into_iter()
            .map(|basis| BasisStanding {
                basis,
                label: basis.label().to_string(),
                items: 0,
                in_place: 0,
                partial: 0,
                not_in_place: 0,
                not_applicable: 0,
                unanswered: 0,
                unverified: 0,
                answered_score: Score::from_items(std::iter::empty()),
                not_in_place_ids: Vec::new(),
            })
            .collect();
        let slot = |item: &ItemResult| {
            item.basis
                .and_then(|b| Basis::ALL.iter().position(|a| *a == b))
        };
        for item in items {
            let Some(s) = slot(item).and_then(|n| standings.get_mut(n)) else {
                continue;
            };
            s.items += 1;
            match item.outcome {
                Outcome::InPlace => s.in_place += 1,
                Outcome::Partial => s.partial += 1,
                Outcome::NotInPlace => s.not_in_place += 1,
                Outcome::NotApplicable => s.not_applicable += 1,
                Outcome::Unanswered => s.unanswered += 1,
                Outcome::Unverified => s.unverified += 1,
            }
        }
        for item in gap_order.iter().filter_map(|&n| items.get(n)) {
            if let Some(s) = slot(item).and_then(|n| standings.get_mut(n)) {
                s.not_in_place_ids.push(item.id.clone());
            }
        }
        standings.retain(|s| s.items > 0);
        for s in &mut standings {
            s.answered_score = Score::from_items(
                items
                    .iter()
                    .filter(|i| i.basis == Some(s.basis) && i.outcome.is_answered()),
            );
        }
        standings
    }
}

impl BasisCount {
    fn tally(checklist: &Checklist) -> Vec<BasisCount> {
        Basis::ALL
            .into_iter()
            .map(|basis| BasisCount {
                basis,
                label: basis.label().to_string(),
                count: checklist
                    .items()
                    .filter(|(_, item)| item.basis == Some(basis))
                    .count(),
            })
            .filter(|c| c.count > 0)
            .collect()
    }
}

impl From<&Checklist> for Method {
    fn from(checklist: &Checklist) -> Self {
        Self {
            limits: checklist.limits.clone(),
            basis_counts: BasisCount::tally(checklist),
            scale: checklist.scale.clone(),
            weights: checklist.weights,
            bands: checklist.bands.clone(),
            coverage_threshold: checklist.coverage_threshold,
        }
    }
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MemberRating;

    /// What `serialize_detail` writes for `answer`.
    fn detail(answer: Option<Answer>) -> serde_json::Value {
        serialize_detail(&answer, serde_json::value::Serializer).unwrap()
    }

    /// The hand-written schema of an item's answer names exactly the keys the hand-written
    /// serializer writes: the required ones always, the consensus-only ones when given.
    #[test]
    fn the_answer_schema_matches_what_the_answer_serializes_to() {
        let schema = detail_schema(&mut schemars::SchemaGenerator::default()).to_value();
        let object = &schema["anyOf"][0];
        let keys = |value: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        let mut required: Vec<String> = object["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        required.sort();
        assert_eq!(schema["anyOf"][1]["type"], "null");
        assert_eq!(detail(None), serde_json::Value::Null);

        let bare = detail(Some(Answer::empty("mou.signed")));
        assert_eq!(keys(&bare), required);
        assert!(bare.as_object().unwrap().values().all(|v| v.is_null()));

        let mut full = Answer::with_status("mou.signed", "met");
        full.evidence = Some("MOU, 2025".into());
        full.note = Some("Signed".into());
        full.internal_note = Some("Ask the chief".into());
        full.owner = Some("Principal".into());
        full.due = Some(Date::parse("2026-03-15").unwrap());
        full.carried_from = Some("year-2025.yaml".into());
        full.unsettled = Some("members disagree".into());
        full.ratings = vec![MemberRating {
            rater: "Officer".into(),
            status: None,
        }];
        let full = detail(Some(full));
        assert_eq!(keys(&full), keys(&object["properties"]));
        assert_eq!(full["due"], "2026-03-15");
        assert_eq!(full["ratings"], serde_json::json!({ "Officer": null }));
        assert_eq!(object["additionalProperties"], false);
    }
}
