//! The fields of an answer, stated once: the loader's keys, the questionnaire's fields, the
//! spreadsheet's columns, the template's help and the report's answer detail are read from
//! this table, so a new field is one entry here plus the matches the compiler points to.

use super::{Answer, Date, MemberRating};

/// One field of an answer, in the order an answers file writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerField {
    /// A scale value.
    Status,
    /// What shows it.
    Evidence,
    /// Public note.
    Note,
    /// Private note.
    InternalNote,
    /// Who will close the gap.
    Owner,
    /// Due date, YYYY-MM-DD.
    Due,
    /// Marks an answer copied by `init --from`, not yet re-checked.
    CarriedFrom,
    /// Marks an item of a consensus file the committee's meeting has still to settle.
    Unsettled,
    /// Each committee member's rating, in a consensus file.
    Ratings,
}

/// What kind of value a field holds, which decides how it is read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One of the checklist's scale values, matched forgivingly.
    Status,
    /// Free text, trimmed; empty is absent.
    Text,
    /// A day, written YYYY-MM-DD (month/day/year is read with a warning).
    Date,
    /// A mapping of each committee member's name to their status (or null).
    Ratings,
}

impl AnswerField {
    /// Every field, in the order an answers file, the questionnaire and the sheet use.
    pub const ALL: [Self; 9] = [
        Self::Status,
        Self::Evidence,
        Self::Note,
        Self::InternalNote,
        Self::Owner,
        Self::Due,
        Self::CarriedFrom,
        Self::Unsettled,
        Self::Ratings,
    ];

    /// The key as it is written in an answers file.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Evidence => "evidence",
            Self::Note => "note",
            Self::InternalNote => "internal_note",
            Self::Owner => "owner",
            Self::Due => "due",
            Self::CarriedFrom => "carried_from",
            Self::Unsettled => "unsettled",
            Self::Ratings => "ratings",
        }
    }

    /// The kind of value the field holds.
    pub const fn kind(self) -> FieldKind {
        match self {
            Self::Status => FieldKind::Status,
            Self::Due => FieldKind::Date,
            Self::Ratings => FieldKind::Ratings,
            Self::Evidence
            | Self::Note
            | Self::InternalNote
            | Self::Owner
            | Self::CarriedFrom
            | Self::Unsettled => FieldKind::Text,
        }
    }

    /// The column header a spreadsheet writes, in plain words; the words in parentheses
    /// may be left out when the sheet is read back.
    pub const fn sheet_header(self) -> &'static str {
        match self {
            Self::Status => "Status",
            Self::Evidence => "Evidence",
            Self::Note => "Note (printed in reports)",
            Self::InternalNote => "Internal note (never published)",
            Self::Owner => "Owner (who will close the gap)",
            Self::Due => "Due date",
            Self::CarriedFrom => "Carried from (clear once checked)",
            Self::Unsettled => "Unsettled (clear once the meeting decides)",
            Self::Ratings => "Members' ratings",
        }
    }

    /// What the template's long-form example writes after the key, to say what goes there;
    /// `None` for a mark the tool writes itself, which the committee never types.
    pub const fn example(self) -> Option<&'static str> {
        match self {
            Self::Status => Some("partial"),
            Self::Evidence => Some("What shows it (documents, minutes, rosters)"),
            Self::Note => Some("Printed in reports"),
            Self::InternalNote => Some("Never printed unless asked for"),
            Self::Owner => Some("Who will close the gap"),
            Self::Due => Some("2026-06-30"),
            Self::CarriedFrom | Self::Unsettled | Self::Ratings => None,
        }
    }

    /// Whether the tool writes the field (a mark for the committee to clear), not the
    /// committee: it is not in the blank template, and it alone does not make an entry.
    pub const fn written_by_tool(self) -> bool {
        self.example().is_none()
    }

    /// Whether only a committee's consensus file has the field (`consensus --answers-out`
    /// writes it): sheets never hold it, and exports give it only when an answer has it.
    pub const fn consensus_only(self) -> bool {
        matches!(self, Self::Unsettled | Self::Ratings)
    }

    /// The field an answers file names by `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.key() == key)
    }

    /// The fields the committee fills in (all but the marks the tool writes).
    pub fn filled_in() -> impl Iterator<Item = Self> {
        Self::ALL.into_iter().filter(|f| !f.written_by_tool())
    }
}

impl AnswerField {
    /// The fields held as one line of text or a date, which the questionnaire shows and edits:
    /// all but the members' ratings, which only `consensus` writes.
    pub const EDITABLE: [Self; Self::ALL.len() - 1] = {
        let mut fields = [Self::Status; Self::ALL.len() - 1];
        let (mut i, mut n) = (0, 0);
        while i < Self::ALL.len() {
            if !matches!(Self::ALL[i].kind(), FieldKind::Ratings) {
                fields[n] = Self::ALL[i];
                n += 1;
            }
            i += 1;
        }
        fields
    };
}

/// The keys of [`AnswerField::ALL`], in its order.
pub const ANSWER_KEYS: [&str; AnswerField::ALL.len()] = {
    let mut keys = [""; AnswerField::ALL.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = AnswerField::ALL[i].key();
        i += 1;
    }
    keys
};

/// A field's value in an answer: text (the status counts as text), a date or the members'
/// ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// A text field; `None` when the answer leaves it out.
    Text(Option<&'a str>),
    /// A date field; `None` when the answer leaves it out.
    Date(Option<Date>),
    /// The members' ratings; empty when the answer has none.
    Ratings(&'a [MemberRating]),
}

/// Where a field's value is kept in an answer, for the loader to fill.
#[derive(Debug)]
pub enum FieldSlot<'a> {
    /// A text field.
    Text(&'a mut Option<String>),
    /// A date field.
    Date(&'a mut Option<Date>),
    /// The members' ratings.
    Ratings(&'a mut Vec<MemberRating>),
}

impl Answer {
    /// A field's value.
    pub fn value(&self, field: AnswerField) -> FieldValue<'_> {
        match field {
            AnswerField::Status => FieldValue::Text(self.status.as_deref()),
            AnswerField::Evidence => FieldValue::Text(self.evidence.as_deref()),
            AnswerField::Note => FieldValue::Text(self.note.as_deref()),
            AnswerField::InternalNote => FieldValue::Text(self.internal_note.as_deref()),
            AnswerField::Owner => FieldValue::Text(self.owner.as_deref()),
            AnswerField::Due => FieldValue::Date(self.due),
            AnswerField::CarriedFrom => FieldValue::Text(self.carried_from.as_deref()),
            AnswerField::Unsettled => FieldValue::Text(self.unsettled.as_deref()),
            AnswerField::Ratings => FieldValue::Ratings(&self.ratings),
        }
    }

    /// Where a field's value is kept.
    pub fn slot(&mut self, field: AnswerField) -> FieldSlot<'_> {
        match field {
            AnswerField::Status => FieldSlot::Text(&mut self.status),
            AnswerField::Evidence => FieldSlot::Text(&mut self.evidence),
            AnswerField::Note => FieldSlot::Text(&mut self.note),
            AnswerField::InternalNote => FieldSlot::Text(&mut self.internal_note),
            AnswerField::Owner => FieldSlot::Text(&mut self.owner),
            AnswerField::Due => FieldSlot::Date(&mut self.due),
            AnswerField::CarriedFrom => FieldSlot::Text(&mut self.carried_from),
            AnswerField::Unsettled => FieldSlot::Text(&mut self.unsettled),
            AnswerField::Ratings => FieldSlot::Ratings(&mut self.ratings),
        }
    }

    /// A field's value as one line of text (a date as YYYY-MM-DD, ratings as `name: status`
    /// joined by `; `), `None` when the answer leaves it out.
    pub fn written(&self, field: AnswerField) -> Option<String> {
        match self.value(field) {
            FieldValue::Text(text) => text.map(str::to_string),
            FieldValue::Date(date) => date.map(|d| d.to_string()),
            FieldValue::Ratings([]) => None,
            FieldValue::Ratings(ratings) => Some(
                ratings
                    .iter()
                    .map(|r| format!("{}: {}", r.rater, r.status.as_deref().unwrap_or("none")))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }

    /// Whether the answer gives the field.
    pub fn gives(&self, field: AnswerField) -> bool {
        match self.value(field) {
            FieldValue::Text(text) => text.is_some(),
            FieldValue::Date(date) => date.is_some(),
            FieldValue::Ratings(ratings) => !ratings.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_listed_once_and_read_back_by_its_key() {
        for (i, field) in AnswerField::ALL.into_iter().enumerate() {
            assert_eq!(AnswerField::from_key(field.key()), Some(field));
            assert_eq!(ANSWER_KEYS[i], field.key());
        }
    }
}
