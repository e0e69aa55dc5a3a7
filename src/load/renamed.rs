//! Answers written for an earlier checklist version, under item ids that the checklist's
//! `renamed:` map now sends to other items: carried to those items, so last year's answers
//! still count, with a warning for each so the committee re-checks them.

use crate::error::{Diagnostic, Location};
use crate::model::{Answer, Checklist};

/// An answer given under an old item id, already moved to the new id.
pub(super) struct OldAnswer {
    /// The id the file used.
    pub old_id: String,
    /// The answer, its `item_id` already the new id.
    pub answer: Answer,
    /// Where the old key is in the file.
    pub location: Option<Location>,
}

/// Whether the file's own answer to a merged item takes part in the merge: yes for a file
/// written for an earlier version (its answer covered only part of the merged duty), no for a
/// file already written for this version (an old key left in it is stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// For an earlier checklist version, or for no recorded version.
    ForEarlierVersion,
    /// For the checklist version being loaded.
    ForThisVersion,
}

/// Adds the carried answers to `answers`: one per new item. Where several old items were
/// merged into one, the answer with the least credit is carried (a merged duty is only as
/// far along as its weakest part) and the others are named. Returns a warning for every old
/// id. `located` gives where the file answers an item, for the warnings.
pub(super) fn carry_renamed(
    answers: &mut Vec<Answer>,
    old: Vec<OldAnswer>,
    checklist: &Checklist,
    written: Written,
    located: impl Fn(&str) -> Option<Location>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut targets: Vec<String> = Vec::new();
    for entry in &old {
        if !targets.contains(&entry.answer.item_id) {
            targets.push(entry.answer.item_id.clone());
        }
    }
    let mut pending = old;
    for target in targets {
        let (mut group, rest): (Vec<OldAnswer>, Vec<OldAnswer>) = pending
            .into_iter()
            .partition(|o| o.answer.item_id == target);
        pending = rest;
        if let Some(position) = answers.iter().position(|a| a.item_id == target) {
            if written == Written::ForThisVersion {
                for entry in &group {
                    warnings.push(already_answered(entry, &target));
                }
                continue;
            }
            let answer = answers.remove(position);
            group.insert(
                0,
                OldAnswer {
                    old_id: target.clone(),
                    answer,
                    location: located(&target),
                },
            );
        }
        let members: Vec<&OldAnswer> = group.iter().collect();
        let Some(winner) = least_credit(&members, checklist) else {
            continue;
        };
        warnings.push(carried(winner, &members, &target, checklist));
        answers.push(merged_answer(winner, &members));
    }
    warnings
}

/// The answer with the least credit; not-applicable answers only when every one is.
fn least_credit<'a>(group: &[&'a OldAnswer], checklist: &Checklist) -> Option<&'a OldAnswer> {
    let credit = |entry: &OldAnswer| {
        checklist
            .scale_level(entry.answer.status()?)
            .and_then(|level| level.credit)
    };
    let scored = group
        .iter()
        .copied()
        .filter(|entry| credit(entry).is_some())
        .min_by(|a, b| {
            credit(a)
                .partial_cmp(&credit(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    let answered = || group.iter().copied().find(|e| e.answer.status.is_some());
    scored.or_else(answered).or_else(|| group.first().copied())
}

/// The winner's status, owner and due date, with the evidence and notes of every merged
/// answer kept side by side so nothing the committee wrote is dropped.
fn merged_answer(winner: &OldAnswer, group: &[&OldAnswer]) -> Answer {
    let joined = |field: fn(&Answer) -> Option<&String>| {
        let mut parts: Vec<String> = Vec::new();
        for entry in group {
            let Some(text) = field(&entry.answer) else {
                continue;
            };
            let text = if group.len() > 1 {
                format!("{}: {text}", entry.old_id)
            } else {
                text.clone()
            };
            if !parts.contains(&text) {
                parts.push(text);
            }
        }
        (!parts.is_empty()).then(|| parts.join(" / "))
    };
    Answer {
        item_id: winner.answer.item_id.clone(),
        status: winner.answer.status.clone(),
        evidence: joined(|a| a.evidence.as_ref()),
        note: joined(|a| a.note.as_ref()),
        internal_note: joined(|a| a.internal_note.as_ref()),
        owner: winner.answer.owner.clone(),
        due: winner.answer.due,
        // Still to re-check if any merged part was carried over and not confirmed.
        carried_from: group.iter().find_map(|e| e.answer.carried_from.clone()),
        unsettled: group.iter().find_map(|e| e.answer.unsettled.clone()),
        ratings: winner.answer.ratings.clone(),
    }
}

/// A status as messages quote it.
fn shown(answer: &Answer) -> &str {
    answer.status().unwrap_or("no status yet")
}

fn carried(
    winner: &OldAnswer,
    group: &[&OldAnswer],
    target: &str,
    checklist: &Checklist,
) -> Diagnostic {
    if group.len() == 1 {
        return Diagnostic::warning(
            winner.location,
            format!(
                "item `{}` is now `{target}` (checklist version {}); its answer was carried over",
                winner.old_id, checklist.version
            ),
        )
        .with_hint(format!("rename the key to `{target}`"));
    }
    let olds: Vec<String> = group.iter().map(|e| format!("`{}`", e.old_id)).collect();
    let others: Vec<String> = group
        .iter()
        .filter(|e| e.old_id != winner.old_id)
        .map(|e| format!("`{}` was `{}`", e.old_id, shown(&e.answer)))
        .collect();
    Diagnostic::warning(
        winner.location,
        format!(
            "items {} were merged into `{target}` (checklist version {}); it takes the lowest \
             status, `{}` (from `{}`); the others: {}; their evidence and notes are kept",
            olds.join(", "),
            checklist.version,
            shown(&winner.answer),
            winner.old_id,
            others.join(", ")
        ),
    )
    .with_hint(format!(
        "check the answer to `{target}`, then replace the old keys with it"
    ))
}

fn already_answered(entry: &OldAnswer, target: &str) -> Diagnostic {
    Diagnostic::warning(
        entry.location,
        format!(
            "item `{}` is now part of `{target}`, which this file already answers; the answer \
             to `{}` (`{}`) was not carried",
            entry.old_id,
            entry.old_id,
            shown(&entry.answer)
        ),
    )
    .with_hint(format!(
        "move anything still needed into the answer to `{target}`, then delete `{}`",
        entry.old_id
    ))
}

#[cfg(test)]
mod tests {
    use crate::load::answers::AnswersDocument;
    use crate::load::checklist::parse_checklist;
    use crate::model::{Answers, Checklist};

    const CHECKLIST: &str = r#"
id: tiny
title: Tiny
version: "2"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands: [{ min: 0, label: Any }]
profiles:
  - { id: all, title: All }
  - { id: later, title: Later, valid_from: 2024-01-01 }
sources: [{ id: src, title: S, publisher: P, year: 2020, url: "https://example.org" }]
renamed:
  roles.old-a: roles.merged
  roles.old-b: roles.merged
  roles.old-name: roles.new-name
sections:
  - id: roles
    title: Roles
    items:
      - { id: roles.merged, title: M, guidance: g, priority: high, responsible: joint, recommendation: r, sources: [{ source: src }] }
      - { id: roles.new-name, title: N, guidance: g, priority: low, responsible: joint, recommendation: r, sources: [{ source: src }] }
"#;

    fn checklist() -> Checklist {
        parse_checklist(CHECKLIST).unwrap().0
    }

    fn load(answers: &str, profile: &str, date: &str) -> (Answers, Vec<String>) {
        load_version("\"1\"", answers, profile, date)
    }

    fn load_version(
        version: &str,
        answers: &str,
        profile: &str,
        date: &str,
    ) -> (Answers, Vec<String>) {
        let text = format!(
            "checklist: tiny\nchecklist_version: {version}\nprofile: {profile}\ndistrict: D\ndate: {date}\nanswers:\n{answers}"
        );
        let document = AnswersDocument::parse(&text).unwrap();
        let (answers, warnings) = document.validate(&checklist()).unwrap();
        (answers, warnings.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn carries_a_renamed_answer_to_the_new_id() {
        let (answers, warnings) = load(
            "  roles.old-name: { status: met, evidence: Policy 5.1 }\n",
            "all",
            "2026-03-01",
        );
        let answer = answers.answer("roles.new-name").unwrap();
        assert_eq!(answer.status(), Some("met"));
        assert_eq!(answer.evidence.as_deref(), Some("Policy 5.1"));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("is now `roles.new-name`")),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_merge_takes_the_lowest_credit_and_names_the_others() {
        let (answers, warnings) = load(
            "  roles.old-a: { status: met, evidence: MOU 4 }\n  roles.old-b: { status: partial, evidence: MOU 7 }\n",
            "all",
            "2026-03-01",
        );
        let answer = answers.answer("roles.merged").unwrap();
        assert_eq!(answer.status(), Some("partial"));
        assert_eq!(
            answer.evidence.as_deref(),
            Some("roles.old-a: MOU 4 / roles.old-b: MOU 7")
        );
        assert_eq!(answers.answers.len(), 1);
        let merged = warnings.iter().find(|w| w.contains("merged")).unwrap();
        assert!(
            merged.contains("`partial` (from `roles.old-b`)"),
            "{merged}"
        );
        assert!(merged.contains("`roles.old-a` was `met`"), "{merged}");
    }

    #[test]
    fn not_applicable_loses_to_any_scored_status_in_a_merge() {
        let (answers, _) = load(
            "  roles.old-a: { status: na, note: No SRO }\n  roles.old-b: met\n",
            "all",
            "2026-03-01",
        );
        assert_eq!(
            answers.answer("roles.merged").unwrap().status(),
            Some("met")
        );
    }

    #[test]
    fn an_earlier_file_merges_its_answer_to_the_surviving_item_with_the_old_ones() {
        let (answers, warnings) = load(
            "  roles.merged: { status: met, evidence: Clause 2 }\n  roles.old-a: not_met\n",
            "all",
            "2026-03-01",
        );
        let answer = answers.answer("roles.merged").unwrap();
        assert_eq!(answer.status(), Some("not_met"));
        assert_eq!(answer.evidence.as_deref(), Some("roles.merged: Clause 2"));
        let merged = warnings.iter().find(|w| w.contains("merged")).unwrap();
        assert!(merged.contains("`roles.merged` was `met`"), "{merged}");
    }

    #[test]
    fn in_a_file_for_this_version_the_new_id_wins_over_a_stale_old_one() {
        let (answers, warnings) = load_version(
            "\"2\"",
            "  roles.new-name: partial\n  roles.old-name: met\n",
            "all",
            "2026-03-01",
        );
        assert_eq!(
            answers.answer("roles.new-name").unwrap().status(),
            Some("partial")
        );
        assert_eq!(answers.answers.len(), 1);
        assert!(
            warnings.iter().any(|w| w.contains("was not carried")),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_unknown_id_outside_the_map_is_still_an_error() {
        let text = "checklist: tiny\nprofile: all\ndistrict: D\ndate: 2026-03-01\nanswers:\n  roles.old-c: met\n";
        let document = AnswersDocument::parse(text).unwrap();
        let errors = document.validate(&checklist()).unwrap_err();
        assert!(errors[0].message.contains("unknown item `roles.old-c`"));
    }

    #[test]
    fn warns_when_a_profile_is_used_before_its_valid_from_date() {
        let (_, warnings) = load("  roles.merged: met\n", "later", "2023-10-01");
        assert!(
            warnings
                .iter()
                .any(|w| w
                    .contains("applies from 2024-01-01, but this assessment is dated 2023-10-01")),
            "{warnings:?}"
        );
        let (_, warnings) = load_version("\"2\"", "  roles.merged: met\n", "later", "2024-01-01");
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
