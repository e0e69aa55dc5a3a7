//! The DRAFT notice of a comparison or summary: which of its assessments are drafts, and why,
//! gathered once so that every format says the same thing.
//!
//! A comparison is a draft when any of its columns is. A summary is a draft when any district's
//! latest assessment is, whether or not it is averaged: the item counts and common gaps take
//! every latest assessment. Earlier assessments and planning options that are drafts are marked
//! in their own rows and do not make the summary a draft.

use serde::Serialize;

use crate::score::{Coverage, Draft};

/// The draft assessments behind a comparison or summary (present only when there is one).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DraftNotice {
    /// The draft assessments, in column order (comparison) or district order (summary).
    pub assessments: Vec<DraftAssessment>,
    /// The assessments they are among: every column, or every district's latest assessment.
    pub out_of: usize,
}

/// One draft assessment and why it is a draft.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DraftAssessment {
    /// The column label (comparison), or `district, label` (summary).
    pub label: String,
    /// Scored answers copied by `init --from` that nobody has confirmed yet.
    pub carried_unconfirmed: usize,
    /// The earlier assessments they were copied from, in first-seen order.
    pub carried_from: Vec<String>,
    /// Whether fewer items are answered than the coverage threshold.
    pub below_coverage_threshold: bool,
    /// Answered items out of the items of the profile.
    pub coverage: Coverage,
    /// The percentage of items that must be answered for a rating.
    pub coverage_threshold: f64,
}

impl DraftNotice {
    /// The notice over `assessments` (label, draft, coverage, threshold), or `None` when no
    /// assessment is a draft.
    pub(crate) fn over<'a>(
        assessments: impl Iterator<Item = (String, &'a Draft, Coverage, f64)>,
    ) -> Option<Self> {
        let mut out_of = 0;
        let mut drafts = Vec::new();
        for (label, draft, coverage, coverage_threshold) in assessments {
            out_of += 1;
            if draft.is_draft {
                drafts.push(DraftAssessment {
                    label,
                    carried_unconfirmed: draft.carried_unconfirmed,
                    carried_from: draft.carried_from.clone(),
                    below_coverage_threshold: draft.below_coverage_threshold,
                    coverage,
                    coverage_threshold,
                });
            }
        }
        (!drafts.is_empty()).then_some(Self {
            assessments: drafts,
            out_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(carried: usize, below: bool) -> Draft {
        Draft {
            is_draft: carried > 0 || below,
            carried_unconfirmed: carried,
            carried_from: if carried > 0 {
                vec!["2025 review".into()]
            } else {
                Vec::new()
            },
            below_coverage_threshold: below,
            unsettled: 0,
        }
    }

    const FULL: Coverage = Coverage {
        answered: 10,
        items: 10,
    };

    #[test]
    fn no_draft_assessment_gives_no_notice() {
        let clean = draft(0, false);
        let notice = DraftNotice::over(
            [
                ("A".to_string(), &clean, FULL, 80.0),
                ("B".into(), &clean, FULL, 80.0),
            ]
            .into_iter(),
        );
        assert_eq!(notice, None);
    }

    #[test]
    fn the_notice_names_each_draft_with_its_reasons_and_counts_all() {
        let clean = draft(0, false);
        let carried = draft(3, false);
        let thin = draft(0, true);
        let low = Coverage {
            answered: 2,
            items: 10,
        };
        let notice = DraftNotice::over(
            [
                ("A".to_string(), &clean, FULL, 80.0),
                ("B".into(), &carried, FULL, 80.0),
                ("C".into(), &thin, low, 80.0),
            ]
            .into_iter(),
        )
        .unwrap();
        assert_eq!(notice.out_of, 3);
        let labels: Vec<&str> = notice
            .assessments
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels, ["B", "C"]);
        assert_eq!(notice.assessments[0].carried_unconfirmed, 3);
        assert_eq!(notice.assessments[0].carried_from, ["2025 review"]);
        assert!(!notice.assessments[0].below_coverage_threshold);
        assert!(notice.assessments[1].below_coverage_threshold);
        assert_eq!(notice.assessments[1].coverage, low);
    }
}
