//! The weight check: would the ranking of the columns change if every item weighed the same?
//! Priorities weigh critical items five times a low one; a committee should know whether its
//! choice rests on that weighting.

use serde::Serialize;

use super::Column;
use super::round1;
use crate::score::{Assessment, ItemResult, Outcome, Score};

/// The ranking on the common items, with the checklist's weights and with equal weights.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WeightCheck {
    /// Whether every column keeps its rank.
    pub holds: bool,
    /// One entry per column, in column order.
    pub ranks: Vec<Rank>,
    /// The finding in one sentence.
    pub statement: String,
}

/// A column's rank both ways (1 = best; tied columns share a rank).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rank {
    /// The column's label.
    pub label: String,
    /// Rank by the weighted percentage.
    pub weighted: usize,
    /// Rank by the equal-weight percentage.
    pub equal: usize,
    /// The weighted percentage on the common items.
    pub weighted_percent: Option<f64>,
    /// The equal-weight percentage on the common items.
    pub equal_percent: Option<f64>,
}

/// The score with every scorable item weighing 1: credit summed over items in the profile that
/// are not "not applicable"; an unanswered item counts 0, as in the weighted score.
pub fn equal_weight_score(assessment: &Assessment) -> Score {
    equal_weight_of(assessment.items.iter())
}

/// The equal-weight score over `items` ("not applicable" left out).
pub(crate) fn equal_weight_of<'a>(items: impl Iterator<Item = &'a ItemResult>) -> Score {
    let (earned, possible) = items
        .filter(|i| i.outcome != Outcome::NotApplicable)
        .fold((0.0, 0.0), |(earned, possible), item| {
            (earned + item.credit.unwrap_or(0.0), possible + 1.0)
        });
    Score {
        earned,
        possible,
        percent: (possible > 0.0).then(|| round1(earned / possible * 100.0)),
    }
}

pub(crate) fn check(columns: &[Column]) -> WeightCheck {
    let weighted: Vec<Option<f64>> = columns.iter().map(|c| c.common.percent).collect();
    let equal: Vec<Option<f64>> = columns
        .iter()
        .map(|c| c.common_equal_weight.percent)
        .collect();
    let ranks: Vec<Rank> = columns
        .iter()
        .zip(ranks(&weighted).into_iter().zip(ranks(&equal)))
        .map(|(c, (weighted_rank, equal_rank))| Rank {
            label: c.label.clone(),
            weighted: weighted_rank,
            equal: equal_rank,
            weighted_percent: c.common.percent,
            equal_percent: c.common_equal_weight.percent,
        })
        .collect();
    let holds = ranks.iter().all(|r| r.weighted == r.equal);
    WeightCheck {
        holds,
        statement: statement(&ranks, holds),
        ranks,
    }
}

/// Competition ranking on the one-decimal percentages that reports print (1, 1, 3); a column
/// with nothing scorable ranks after every other.
fn ranks(percents: &[Option<f64>]) -> Vec<usize> {
    let key = |p: Option<f64>| p.map_or(i64::MIN, |v| (v * 10.0).round() as i64);
    percents
        .iter()
        .map(|&p| 1 + percents.iter().filter(|&&q| key(q) > key(p)).count())
        .collect()
}

fn statement(ranks: &[Rank], holds: bool) -> String {
    if holds {
        return "The ranking holds with equal weights.".to_string();
    }
    let moves: Vec<String> = ranks
        .iter()
        .filter(|r| r.weighted != r.equal)
        .map(|r| {
            format!(
                "{} moves from {} to {}",
                r.label,
                place(
                    r.weighted,
                    ranks.iter().filter(|o| o.weighted == r.weighted).count()
                ),
                place(r.equal, ranks.iter().filter(|o| o.equal == r.equal).count()),
            )
        })
        .collect();
    format!(
        "With equal weights the ranking changes: {}.",
        moves.join("; ")
    )
}

/// `1st`, `2nd`, `tied 3rd`.
fn place(rank: usize, sharing: usize) -> String {
    if sharing > 1 {
        format!("tied {}", ordinal(rank))
    } else {
        ordinal(rank)
    }
}

/// `1st`, `2nd`, `3rd`, `11th`.
pub fn ordinal(rank: usize) -> String {
    let suffix = match (rank % 10, rank % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{rank}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_places_on_ties() {
        assert_eq!(ranks(&[Some(50.0), Some(70.0), Some(50.0)]), vec![2, 1, 2]);
        assert_eq!(ranks(&[None, Some(0.0)]), vec![2, 1]);
    }

    #[test]
    fn names_places_in_english() {
        assert_eq!(place(1, 1), "1st");
        assert_eq!(place(2, 1), "2nd");
        assert_eq!(place(3, 2), "tied 3rd");
        assert_eq!(place(11, 1), "11th");
        assert_eq!(place(22, 1), "22nd");
    }
}
