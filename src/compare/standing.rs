//! How options stand against each other on the practices they share: ranked only where the
//! difference is larger than a stated margin and survives the weight check; options without a
//! rating are listed, never ranked.

use serde::Serialize;

use super::{Column, WeightCheck};

/// Options closer than this many percentage points on the common items are "about the same".
pub const TIE_MARGIN_POINTS: f64 = 3.0;

/// The verdict on the options' order.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Standing {
    /// What the order says.
    pub verdict: Verdict,
    /// The margin in percentage points under which options are taken as tied.
    pub margin_points: f64,
    /// Labels of the options left out of the ranking because they are not rated.
    pub not_ranked: Vec<String>,
}

/// What the order of the options says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The rated options differ by the margin or more, and the weight check keeps their order
    /// (options within the margin of each other share a rank).
    Ranked,
    /// Every rated option is within the margin of the next, or the weight check reverses their
    /// order: "about the same on the practices they share".
    AboutTheSame,
    /// Fewer than two options are rated: nothing to rank.
    NotRanked,
}

/// Each column's rank (`None`: not rated, so not ranked) and the verdict. Ranks come from
/// the common-items score, highest first; neighbors closer than the margin, and any options
/// the weight check swaps (with all between them), share a rank.
pub(crate) fn standing(
    columns: &[Column],
    weight_check: &WeightCheck,
) -> (Vec<Option<usize>>, Standing) {
    let mut rated: Vec<usize> = (0..columns.len())
        .filter(|&n| columns[n].rating.rated && columns[n].common.percent.is_some())
        .collect();
    let percent = |n: usize| columns[n].common.percent.unwrap_or(0.0);
    rated.sort_by(|&a, &b| percent(b).total_cmp(&percent(a)).then(a.cmp(&b)));
    // tied[k]: sorted positions k and k + 1 share a rank.
    let mut tied: Vec<bool> = rated
        .windows(2)
        .map(|w| percent(w[0]) - percent(w[1]) < TIE_MARGIN_POINTS)
        .collect();
    let equal = |n: usize| {
        weight_check
            .ranks
            .get(n)
            .and_then(|r| r.equal_percent)
            .unwrap_or(0.0)
    };
    for p in 0..rated.len() {
        for q in p + 1..rated.len() {
            if percent(rated[p]) > percent(rated[q]) && equal(rated[p]) < equal(rated[q]) {
                tied[p..q].iter_mut().for_each(|t| *t = true);
            }
        }
    }
    let mut ranks = vec![None; columns.len()];
    let mut rank = 1;
    for (k, &n) in rated.iter().enumerate() {
        if k > 0 && !tied[k - 1] {
            rank = k + 1;
        }
        ranks[n] = Some(rank);
    }
    let verdict = match rated.len() {
        0 | 1 => Verdict::NotRanked,
        _ if tied.iter().all(|t| *t) => Verdict::AboutTheSame,
        _ => Verdict::Ranked,
    };
    let not_ranked = (0..columns.len())
        .filter(|n| ranks[*n].is_none())
        .map(|n| columns[n].label.clone())
        .collect();
    (
        ranks,
        Standing {
            verdict,
            margin_points: TIE_MARGIN_POINTS,
            not_ranked,
        },
    )
}
