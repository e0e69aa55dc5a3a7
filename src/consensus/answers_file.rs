//! The consensus as an ordinary answers file: each item's status is the proposal, each
//! member's rating is kept under the item, and the items the meeting must settle are marked.

use std::fmt::Write as _;

use super::{Consensus, ConsensusItem, DONT_KNOW, Flag};
use crate::model::{Answer, ConsensusRecord};
use crate::template::yaml_text;

/// The answers file text. Public evidence and notes are joined, each with the member's name;
/// internal notes stay internal notes. Items nobody answered are left out (unanswered).
pub fn answers_file(c: &Consensus) -> String {
    let mut out = String::new();
    let members = c.raters.len();
    let _ = writeln!(
        out,
        "# The committee's consensus, proposed by `sro-assess consensus` from {members} members' ratings:\n\
         # each status is the lower median of the members' ratings. Items marked `unsettled` were\n\
         # flagged for the meeting: decide each (`sro-assess answer THIS_FILE --flagged`), which\n\
         # removes the mark. Each member's rating is kept under `ratings`."
    );
    let _ = writeln!(out, "checklist: {}", yaml_text(&c.checklist_reference));
    let _ = writeln!(
        out,
        "checklist_version: {}",
        yaml_text(&c.checklist.version)
    );
    let _ = writeln!(out, "profile: {}", yaml_text(&c.profile.id));
    let _ = writeln!(out, "district: {}", yaml_text(&c.district));
    let _ = writeln!(out, "label: Committee consensus");
    if let Some(date) = c.date {
        let _ = writeln!(out, "date: {date}");
    }
    let _ = writeln!(
        out,
        "prepared_by: {}",
        yaml_text(&format!("Consensus of {members} committee members"))
    );
    write_record(&mut out, &c.record());
    let _ = writeln!(out, "answers:");
    for item in &c.items {
        write_item(&mut out, c, item);
    }
    out
}

/// The `consensus:` block: how the consensus was reached, for the report's method page.
fn write_record(out: &mut String, record: &ConsensusRecord) {
    let _ = writeln!(out, "consensus:");
    let _ = writeln!(out, "  members: {}", record.members);
    if !record.groups.is_empty() {
        let _ = writeln!(out, "  groups:");
        for group in &record.groups {
            let _ = writeln!(out, "    {}: {}", yaml_text(&group.group), group.members);
        }
    }
    let _ = writeln!(out, "  threshold: {}", record.threshold);
    if let Some(share) = record.percent_agreement {
        let _ = writeln!(out, "  percent_agreement: {share}");
    }
    if let Some(alpha) = record.krippendorff_alpha_ordinal {
        let _ = writeln!(out, "  krippendorff_alpha_ordinal: {alpha}");
    }
    let _ = writeln!(out, "  flagged: {}", record.flagged);
}

fn write_item(out: &mut String, c: &Consensus, item: &ConsensusItem) {
    let status = match (&item.proposed, item.dont_know) {
        (Some(value), _) => value.as_str(),
        (None, n) if n > 0 => DONT_KNOW,
        (None, _) => return,
    };
    let _ = writeln!(out, "  {}:", yaml_text(&item.id));
    let _ = writeln!(out, "    status: {}", yaml_text(status));
    if let Some(flag) = item.flag {
        let _ = writeln!(out, "    unsettled: {}", yaml_text(&unsettled_reason(flag)));
    }
    let joined = |field: fn(&Answer) -> Option<&String>| joined_text(c, item, field);
    for (key, text) in [
        ("evidence", joined(|a| a.evidence.as_ref())),
        ("note", joined(|a| a.note.as_ref())),
        ("internal_note", joined(|a| a.internal_note.as_ref())),
    ] {
        if let Some(text) = text {
            let _ = writeln!(out, "    {key}: {}", yaml_text(&text));
        }
    }
    let _ = writeln!(out, "    ratings:");
    for (rater, answer) in c.raters.iter().zip(&item.ratings) {
        // A member who left the item unanswered is kept, with no status.
        let rating = answer
            .as_ref()
            .and_then(Answer::status)
            .map_or_else(|| "null".to_string(), yaml_text);
        let _ = writeln!(out, "      {}: {rating}", yaml_text(&rater.name));
    }
}

/// Why the meeting must settle the item, in the words the mark keeps.
fn unsettled_reason(flag: Flag) -> String {
    match flag {
        Flag::Spread { steps } => format!("ratings {steps} steps apart"),
        Flag::NotApplicableMixed => "not applicable beside ratings".to_string(),
    }
}

/// Each member's text of one field, `Name: text`, joined; `None` when nobody wrote any.
fn joined_text(
    c: &Consensus,
    item: &ConsensusItem,
    field: fn(&Answer) -> Option<&String>,
) -> Option<String> {
    let parts: Vec<String> = c
        .raters
        .iter()
        .zip(&item.ratings)
        .filter_map(|(rater, answer)| Some(format!("{}: {}", rater.name, field(answer.as_ref()?)?)))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}
