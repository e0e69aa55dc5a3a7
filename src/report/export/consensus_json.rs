//! JSON for a committee's consensus: the raters, the agreement, and every item with each
//! member's rating keyed by the member's name.

use std::collections::BTreeMap;

use serde::Serialize;

use super::envelope::{self, Kind};
use crate::consensus::{Agreement, Consensus, ConsensusItem, Flag, GroupView, Rater};
use crate::error::Result;
use crate::model::{Answer, Priority};
use crate::report::{RenderOptions, public_consensus};

const CONSENSUS: Kind = Kind {
    name: "sro-assess/consensus",
    format_version: 1,
};

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Body<'a> {
    checklist: &'a crate::score::ChecklistMeta,
    profile: &'a crate::score::ProfileMeta,
    district: &'a str,
    threshold: usize,
    raters: &'a [Rater],
    agreement: &'a Agreement,
    items: Vec<Item<'a>>,
    groups: &'a Option<GroupView>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Item<'a> {
    id: &'a str,
    section_id: &'a str,
    title: &'a str,
    priority: Priority,
    /// Each member's status by name; `null` when the member did not answer.
    ratings: BTreeMap<&'a str, Option<&'a str>>,
    /// What each member wrote, by name, for members who wrote something.
    notes: BTreeMap<&'a str, Notes<'a>>,
    proposed: Option<&'a str>,
    flagged: bool,
    flag: Option<Flag>,
    dont_know: usize,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Notes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_note: Option<&'a str>,
}

/// The JSON Schema of the consensus's JSON.
pub(crate) fn consensus_schema() -> Result<Vec<u8>> {
    envelope::schema_json::<Body<'static>>(CONSENSUS)
}

/// The consensus as JSON; members' internal notes only when the options ask for them.
pub(crate) fn consensus(c: &Consensus, options: &RenderOptions) -> Result<Vec<u8>> {
    let c = public_consensus(c, options);
    let body = Body {
        checklist: &c.checklist,
        profile: &c.profile,
        district: &c.district,
        threshold: c.threshold,
        raters: &c.raters,
        agreement: &c.agreement,
        items: c.items.iter().map(|i| item(&c.raters, i)).collect(),
        groups: &c.groups,
    };
    envelope::to_json(CONSENSUS, c.has_internal_notes(), &body)
}

fn item<'a>(raters: &'a [Rater], item: &'a ConsensusItem) -> Item<'a> {
    let by_name = || raters.iter().map(|r| r.name.as_str()).zip(&item.ratings);
    Item {
        id: &item.id,
        section_id: &item.section_id,
        title: &item.title,
        priority: item.priority,
        ratings: by_name()
            .map(|(name, a)| (name, a.as_ref().and_then(Answer::status)))
            .collect(),
        notes: by_name()
            .filter_map(|(name, a)| Some((name, notes(a.as_ref()?)?)))
            .collect(),
        proposed: item.proposed.as_deref(),
        flagged: item.flag.is_some(),
        flag: item.flag,
        dont_know: item.dont_know,
    }
}

fn notes(answer: &Answer) -> Option<Notes<'_>> {
    let notes = Notes {
        evidence: answer.evidence.as_deref(),
        note: answer.note.as_deref(),
        internal_note: answer.internal_note.as_deref(),
    };
    (notes.evidence.is_some() || notes.note.is_some() || notes.internal_note.is_some())
        .then_some(notes)
}
