//! A validated answers file: one assessment of one district against one checklist profile.

use serde::Serialize;

use super::{AnswerField, Date};

/// An answers file that passed validation against its checklist.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Answers {
    /// The checklist reference as written (a bundled id or a path).
    pub checklist: String,
    /// The checklist version the answers were written against, if recorded.
    pub checklist_version: Option<String>,
    /// The profile id.
    pub profile: String,
    /// The district's name.
    pub district: String,
    /// A code that identifies the district across files (a state or NCES district code).
    pub district_id: Option<String>,
    /// Names this assessment in comparisons ("2025-26 annual review", "Option A").
    pub label: String,
    /// The assessment date.
    pub date: Date,
    /// Who prepared it.
    pub prepared_by: Option<String>,
    /// Who rated, by name or role, when one committee member rates alone.
    pub rater: Option<String>,
    /// The group the rater speaks for (district staff, law enforcement, family, ...): free
    /// text, so a committee names its groups in its own words.
    pub rater_group: Option<String>,
    /// What the committee tells the board, and the rest of the sign-off.
    #[serde(flatten)]
    pub board: BoardFields,
    /// Cost and staffing figures of a planning option.
    pub option: Option<OptionFigures>,
    /// How a committee's consensus was reached, in a file `sro-assess consensus` wrote.
    pub consensus: Option<ConsensusRecord>,
    /// The answers, in file order; at most one per item.
    pub answers: Vec<Answer>,
}

/// What the committee tells the school board, and the sign-off beside `prepared_by`. Every
/// field is optional: a report shows a placeholder where one is missing. These are public by
/// nature (they are printed on the first page of every report), unlike internal notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BoardFields {
    /// The committee's recommendation, in its own words (prose, may span paragraphs).
    pub recommendation: Option<String>,
    /// The action the committee asks of the board ("Approve the revised MOU").
    pub board_action: Option<String>,
    /// Who reviewed the assessment before it went to the board.
    pub reviewed_by: Option<String>,
    /// The day the assessment is presented to the board.
    pub presented_on: Option<Date>,
}

/// Figures that describe a planning option.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OptionFigures {
    /// Annual cost in dollars.
    pub annual_cost: Option<f64>,
    /// One-off cost in dollars (start-up, equipment, training), paid once.
    pub one_time_cost: Option<f64>,
    /// Staff in full-time equivalents.
    pub staff_fte: Option<f64>,
    /// The years the committee plans over: the one-time cost is spread over them when
    /// options are compared (`None`: not said).
    pub years: Option<f64>,
}

/// How a committee's consensus was reached, as `sro-assess consensus` records it in the
/// consensus file: what the method page states, so a reader can weigh the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConsensusRecord {
    /// How many members rated alone.
    pub members: usize,
    /// The members of each group, in the order the groups first appear; only the members who
    /// gave a group are counted, so the counts may add up to fewer than `members`.
    pub groups: Vec<GroupCount>,
    /// The spread in scale steps above which an item was flagged.
    pub threshold: usize,
    /// The share of the items two or more members answered on which all who answered agreed
    /// (one decimal); `None` when no item was answered by two.
    pub percent_agreement: Option<f64>,
    /// Krippendorff's alpha at the ordinal level; `None` when the ratings do not allow it.
    pub krippendorff_alpha_ordinal: Option<f64>,
    /// How many items were flagged for the committee's meeting.
    pub flagged: usize,
}

/// How many members spoke for one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GroupCount {
    /// The group, in the members' words.
    pub group: String,
    /// Its members.
    pub members: usize,
}

/// The answer to one item.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Answer {
    /// The item id.
    pub item_id: String,
    /// A scale value of the checklist; `None` when the entry gives a note or evidence but no
    /// status yet (the item is unanswered, and its note still reaches the reports).
    pub status: Option<String>,
    /// What shows it.
    pub evidence: Option<String>,
    /// Public note, printed in reports.
    pub note: Option<String>,
    /// Private note, printed only when asked for.
    pub internal_note: Option<String>,
    /// Who will close the gap.
    pub owner: Option<String>,
    /// When the gap is to be closed.
    pub due: Option<Date>,
    /// The earlier assessment this answer was copied from by `init --from`, while nobody has
    /// confirmed it (`None` once re-checked).
    pub carried_from: Option<String>,
    /// Why the committee's meeting has still to settle this item, in a consensus file whose
    /// members disagreed on it (`None` once settled).
    pub unsettled: Option<String>,
    /// Each committee member's rating, in a consensus file: kept so the meeting and later
    /// readers can see how the proposal was reached.
    pub ratings: Vec<MemberRating>,
}

/// One committee member's rating of an item, as a consensus file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MemberRating {
    /// The member's name or role.
    pub rater: String,
    /// The scale value they chose; `None` when they left the item unanswered.
    pub status: Option<String>,
}

impl Answer {
    /// An entry for `item_id` with nothing in it yet.
    pub fn empty(item_id: impl Into<String>) -> Self {
        Self {
            item_id: item_id.into(),
            status: None,
            evidence: None,
            note: None,
            internal_note: None,
            owner: None,
            due: None,
            carried_from: None,
            unsettled: None,
            ratings: Vec::new(),
        }
    }

    /// An entry for `item_id` answered `status`, with nothing else.
    pub fn with_status(item_id: impl Into<String>, status: impl Into<String>) -> Self {
        Self {
            status: Some(status.into()),
            ..Self::empty(item_id)
        }
    }

    /// Whether the entry holds any text besides its status (evidence, a note, an owner...).
    pub fn has_text(&self) -> bool {
        AnswerField::filled_in().any(|field| field != AnswerField::Status && self.gives(field))
    }

    /// The scale value answered, `None` while the item is unanswered.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
}

impl Answers {
    /// The answer to an item, if any.
    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item_id == item_id)
    }
}
