//! The `consensus:` block of a consensus file: how the committee's consensus was reached, as
//! `sro-assess consensus --answers-out` records it for the report's method page.

use std::ops::RangeInclusive;

use serde_yaml::Value;

use super::raw::{MappingOr, RawConsensus, Shaped, consensus_keys};
use super::{Check, listed, scalar_text, type_name};
use crate::load::positions::child;
use crate::load::suggest::nearest;
use crate::model::{ConsensusRecord, GroupCount};

/// The hint of every error in the block: its figures are the tool's, not the committee's, so
/// the fix is to restore them rather than to choose new ones.
const LEAVE_AS_WRITTEN: &str =
    "this block is written by `sro-assess consensus --answers-out`; leave it as written";

impl Check<'_> {
    /// Reads the block; `None`, with every problem reported, when any figure is wrong: a
    /// method page must not state half of how the consensus was reached.
    pub(super) fn consensus(&mut self, block: &Shaped<RawConsensus>) -> Option<ConsensusRecord> {
        let block = match block {
            MappingOr::Mapping(block) => block,
            MappingOr::Other(value) => {
                self.error(
                    self.at("consensus"),
                    format!(
                        "`consensus` should be a mapping of keys, but it is {}",
                        type_name(value)
                    ),
                    LEAVE_AS_WRITTEN,
                );
                return None;
            }
        };
        // Only errors are reported here, so a longer list means a wrong figure.
        let reported = self.diagnostics.len();
        self.unknown_consensus_keys(&block.unknown);
        let raw = &block.known;
        let members = self.required_count(raw.members.as_ref(), "members", 1);
        let record = ConsensusRecord {
            members,
            groups: self.groups(raw.groups.as_ref(), members),
            threshold: self.required_count(raw.threshold.as_ref(), "threshold", 0),
            percent_agreement: self.measure(
                raw.percent_agreement.as_ref(),
                "percent_agreement",
                0.0..=100.0,
            ),
            krippendorff_alpha_ordinal: self.measure(
                raw.krippendorff_alpha_ordinal.as_ref(),
                "krippendorff_alpha_ordinal",
                f64::MIN..=1.0,
            ),
            flagged: self.required_count(raw.flagged.as_ref(), "flagged", 0),
        };
        (self.diagnostics.len() == reported).then_some(record)
    }

    fn unknown_consensus_keys(&mut self, unknown: &[Option<String>]) {
        for key in unknown {
            let name = key.as_deref().unwrap_or("?");
            let hint = nearest(name, consensus_keys().iter().copied()).map_or_else(
                || {
                    format!(
                        "the keys are {}; {LEAVE_AS_WRITTEN}",
                        listed(consensus_keys())
                    )
                },
                |best| format!("did you mean `{best}`? {LEAVE_AS_WRITTEN}"),
            );
            self.error(
                self.key_at(&child("consensus", name)),
                format!("unknown key `{name}` in `consensus`"),
                hint,
            );
        }
    }

    /// A count the block must give, of `least` or more; 0 after reporting it missing or wrong.
    fn required_count(&mut self, value: Option<&Value>, key: &str, least: usize) -> usize {
        let Some(value) = value else {
            self.error(
                self.key_at("consensus"),
                format!("`consensus` has no `{key}`"),
                LEAVE_AS_WRITTEN,
            );
            return 0;
        };
        self.count(value, &child("consensus", key), least)
            .unwrap_or(0)
    }

    /// A whole number of `least` or more at `path`.
    fn count(&mut self, value: &Value, path: &str, least: usize) -> Option<usize> {
        let count = value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n >= least);
        if count.is_none() {
            self.error(
                self.at(path),
                format!(
                    "`{}` should be a whole number of {least} or more, but it is {}",
                    dotted(path),
                    shown(value)
                ),
                LEAVE_AS_WRITTEN,
            );
        }
        count
    }

    /// An optional figure within `range`; `None` when absent, or after reporting it wrong.
    fn measure(
        &mut self,
        value: Option<&Value>,
        key: &str,
        range: RangeInclusive<f64>,
    ) -> Option<f64> {
        let value = value?;
        let figure = value.as_f64().filter(|n| range.contains(n));
        if figure.is_none() {
            let path = child("consensus", key);
            let bounds = match *range.start() {
                start if start > f64::MIN => format!("from {start} to {}", range.end()),
                _ => format!("of {} or less", range.end()),
            };
            self.error(
                self.at(&path),
                format!(
                    "`{}` should be a number {bounds}, but it is {}",
                    dotted(&path),
                    shown(value)
                ),
                LEAVE_AS_WRITTEN,
            );
        }
        figure
    }

    /// `groups:`, each group's name with its members, which together are at most `members`.
    fn groups(&mut self, value: Option<&Value>, members: usize) -> Vec<GroupCount> {
        let Some(value) = value else {
            return Vec::new();
        };
        let Value::Mapping(by_group) = value else {
            self.error(
                self.at("consensus/groups"),
                format!(
                    "`consensus.groups` should list each group with its members, but it is {}",
                    type_name(value)
                ),
                LEAVE_AS_WRITTEN,
            );
            return Vec::new();
        };
        let mut groups = Vec::with_capacity(by_group.len());
        for (name, count) in by_group {
            let Some(group) = scalar_text(name).filter(|n| !n.trim().is_empty()) else {
                self.error(
                    self.key_at("consensus/groups"),
                    "a group's name under `consensus.groups` should be text".into(),
                    LEAVE_AS_WRITTEN,
                );
                continue;
            };
            let path = child("consensus/groups", &group);
            if let Some(members) = self.count(count, &path, 1) {
                groups.push(GroupCount { group, members });
            }
        }
        let counted: usize = groups.iter().map(|g| g.members).sum();
        if counted > members && members > 0 {
            self.error(
                self.key_at("consensus/groups"),
                format!(
                    "`consensus.groups` count {counted} members, more than `consensus.members` \
                     ({members})"
                ),
                LEAVE_AS_WRITTEN,
            );
        }
        groups
    }
}

/// `consensus.members` for the path `consensus/members`: the key as the file nests it.
fn dotted(path: &str) -> String {
    path.replace('/', ".")
}

/// A wrong value in the error: a number as it reads, anything else by its kind.
fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::String(text) => format!("the text \"{text}\""),
        other => type_name(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::error::{Diagnostic, Location};
    use crate::load::{AnswersDocument, bundled_checklist};
    use crate::model::{Answers, ConsensusRecord, GroupCount};

    const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                        district: Example Area School District\ndate: 2026-03-15\n";

    const BLOCK: &str = "consensus:\n  members: 4\n  groups:\n    district staff: 1\n    \
                         law enforcement: 2\n  threshold: 1\n  percent_agreement: 16.7\n  \
                         krippendorff_alpha_ordinal: 0.025\n  flagged: 4\n";

    fn validate(block: &str) -> Result<(Answers, Vec<Diagnostic>), Vec<Diagnostic>> {
        let checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let text = format!("{HEAD}{block}answers:\n  governance.written-mou: met\n");
        AnswersDocument::parse(&text).unwrap().validate(&checklist)
    }

    /// The only error, which must be at `line`, `column`.
    fn error_at(block: &str, line: usize, column: usize) -> Diagnostic {
        let found: Vec<Diagnostic> = validate(block)
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location, Some(Location { line, column }));
        assert!(
            found[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("leave it as written")),
            "{found:?}"
        );
        found[0].clone()
    }

    #[test]
    fn reads_the_block_as_written() {
        let (answers, warnings) = validate(BLOCK).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let group = |name: &str, members| GroupCount {
            group: name.to_string(),
            members,
        };
        assert_eq!(
            answers.consensus,
            Some(ConsensusRecord {
                members: 4,
                groups: vec![group("district staff", 1), group("law enforcement", 2)],
                threshold: 1,
                percent_agreement: Some(16.7),
                krippendorff_alpha_ordinal: Some(0.025),
                flagged: 4,
            })
        );
    }

    #[test]
    fn groups_and_measures_may_be_absent() {
        let (answers, _) =
            validate("consensus:\n  members: 2\n  threshold: 1\n  flagged: 0\n").unwrap();
        let record = answers.consensus.unwrap();
        assert!(record.groups.is_empty());
        assert_eq!(record.percent_agreement, None);
        assert_eq!(record.krippendorff_alpha_ordinal, None);
    }

    #[test]
    fn an_ordinary_answers_file_has_no_record() {
        let (answers, _) = validate("").unwrap();
        assert_eq!(answers.consensus, None);
    }

    #[test]
    fn a_count_that_is_not_a_whole_number_is_an_error_at_its_value() {
        let found = error_at(&BLOCK.replace("members: 4", "members: four"), 6, 12);
        assert_eq!(
            found.message,
            "`consensus.members` should be a whole number of 1 or more, but it is the text \"four\""
        );
        let found = error_at(&BLOCK.replace("flagged: 4", "flagged: 2.5"), 13, 12);
        assert!(
            found
                .message
                .contains("`consensus.flagged` should be a whole number")
        );
    }

    #[test]
    fn a_group_count_and_a_measure_out_of_range_are_errors_at_their_values() {
        let found = error_at(&BLOCK.replace("staff: 1", "staff: 0"), 8, 21);
        assert!(
            found
                .message
                .starts_with("`consensus.groups.district staff` should be a whole number of 1")
        );
        let found = error_at(&BLOCK.replace("16.7", "116.7"), 11, 22);
        assert_eq!(
            found.message,
            "`consensus.percent_agreement` should be a number from 0 to 100, but it is 116.7"
        );
    }

    #[test]
    fn a_missing_count_an_unknown_key_and_too_many_in_groups_are_errors() {
        let found = error_at(&BLOCK.replace("  threshold: 1\n", ""), 5, 1);
        assert_eq!(found.message, "`consensus` has no `threshold`");
        let found = error_at(&format!("{BLOCK}  flaged: 4\n"), 14, 3);
        assert!(
            found
                .message
                .contains("unknown key `flaged` in `consensus`")
        );
        assert!(found.hint.unwrap().starts_with("did you mean `flagged`?"));
        let found = error_at(&BLOCK.replace("members: 4", "members: 2"), 7, 3);
        assert!(found.message.contains("count 3 members, more than"));
        let found = error_at("consensus: yes\n", 5, 12);
        assert!(found.message.contains("should be a mapping of keys"));
    }
}
