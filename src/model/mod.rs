//! The validated domain: if a value of these types exists, it has passed validation.

mod answer_field;
mod answers;
mod checklist;
mod date;

pub use answer_field::{ANSWER_KEYS, AnswerField, FieldKind, FieldSlot, FieldValue};
pub use answers::{
    Answer, Answers, BoardFields, ConsensusRecord, GroupCount, MemberRating, OptionFigures,
};
pub(crate) use checklist::pattern_matches as checklist_pattern_matches;
pub use checklist::{
    Band, Basis, Checklist, DEFAULT_COVERAGE_THRESHOLD, Item, OverrideNote, Priority, Profile,
    Removal, Rename, Responsible, ScaleLevel, Section, Source, SourceRef, Tailoring,
    UNKNOWN_STATUS, Weights, id_diagnostic,
};
pub use date::Date;
