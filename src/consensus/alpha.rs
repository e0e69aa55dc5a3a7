//! Krippendorff's alpha, the agreement among raters corrected for the agreement chance would
//! give, computed through the coincidence matrix as in Krippendorff (2011), "Computing
//! Krippendorff's alpha-reliability". Missing values are left out of each item: an item that
//! fewer than two raters rated takes no part.

use serde::Serialize;

/// Why alpha has no value for these ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlphaUnavailable {
    /// No item was rated on the scale by two or more raters, so no two ratings can be compared.
    NoItemRatedTwice,
    /// Every rating is the same value: agreement cannot be told apart from chance.
    OneValueOnly,
}

impl AlphaUnavailable {
    /// The reason in a sentence.
    pub fn reason(self) -> &'static str {
        match self {
            AlphaUnavailable::NoItemRatedTwice => {
                "no item was rated on the scale by two or more members"
            }
            AlphaUnavailable::OneValueOnly => {
                "every rating is the same value, so agreement cannot be told apart from chance"
            }
        }
    }
}

/// Alpha at the ordinal level: `items` lists, per item, the ranks (0 for the lowest value of
/// the scale, `levels - 1` for the highest) its raters gave, missing ratings left out.
pub fn ordinal_alpha(items: &[Vec<usize>], levels: usize) -> Result<f64, AlphaUnavailable> {
    alpha(items, levels, ordinal_distance)
}

/// Alpha for any metric: `distance(c, k, totals)` is the squared difference of values `c` and
/// `k`, given the number of pairable values of each rank.
fn alpha(
    items: &[Vec<usize>],
    levels: usize,
    distance: fn(usize, usize, &[f64]) -> f64,
) -> Result<f64, AlphaUnavailable> {
    let coincidences = coincidences(items, levels);
    let totals: Vec<f64> = coincidences.iter().map(|row| row.iter().sum()).collect();
    let pairable: f64 = totals.iter().sum();
    if pairable < 2.0 {
        return Err(AlphaUnavailable::NoItemRatedTwice);
    }
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..levels {
        for k in 0..levels {
            let delta = distance(c, k, &totals);
            observed += coincidences[c][k] * delta;
            expected += totals[c] * totals[k] * delta;
        }
    }
    if expected == 0.0 {
        return Err(AlphaUnavailable::OneValueOnly);
    }
    Ok(1.0 - (pairable - 1.0) * observed / expected)
}

/// The coincidence matrix: every ordered pair of ratings by two raters of one item, each
/// item's pairs weighted by 1 / (its ratings - 1).
fn coincidences(items: &[Vec<usize>], levels: usize) -> Vec<Vec<f64>> {
    let mut matrix = vec![vec![0.0; levels]; levels];
    for ratings in items.iter().filter(|ratings| ratings.len() >= 2) {
        let mut counts = vec![0.0; levels];
        for &rank in ratings {
            counts[rank] += 1.0;
        }
        let weight = 1.0 / (ratings.len() as f64 - 1.0);
        for c in 0..levels {
            for k in 0..levels {
                let pairs = counts[c] * (counts[k] - if c == k { 1.0 } else { 0.0 });
                matrix[c][k] += pairs * weight;
            }
        }
    }
    matrix
}

/// Ordinal distance: how many pairable values lie between `c` and `k` (half of each end's).
fn ordinal_distance(c: usize, k: usize, totals: &[f64]) -> f64 {
    if c == k {
        return 0.0;
    }
    let (low, high) = (c.min(k), c.max(k));
    let between: f64 = totals[low..=high].iter().sum();
    let d = between - (totals[low] + totals[high]) / 2.0;
    d * d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nominal(c: usize, k: usize, _: &[f64]) -> f64 {
        if c == k { 0.0 } else { 1.0 }
    }

    fn interval(c: usize, k: usize, _: &[f64]) -> f64 {
        let d = c as f64 - k as f64;
        d * d
    }

    /// Krippendorff (2011), section C: four observers, twelve units, values 1 to 5 with
    /// missing data (here as ranks 0 to 4), for which he gives alpha at each level.
    fn four_observers() -> Vec<Vec<usize>> {
        let observers: [[Option<usize>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        (0..12)
            .map(|unit| {
                observers
                    .iter()
                    .filter_map(|o| o[unit])
                    .map(|v| v - 1)
                    .collect()
            })
            .collect()
    }

    fn rounded(value: f64) -> f64 {
        (value * 1000.0).round() / 1000.0
    }

    #[test]
    fn krippendorffs_four_observer_example_gives_his_published_values() {
        let units = four_observers();
        assert_eq!(rounded(alpha(&units, 5, nominal).unwrap()), 0.743);
        assert_eq!(rounded(ordinal_alpha(&units, 5).unwrap()), 0.815);
        assert_eq!(rounded(alpha(&units, 5, interval).unwrap()), 0.849);
    }

    /// Krippendorff (2011), section A: two observers, ten units, binary values, no missing
    /// data; with two values every metric gives the nominal alpha he publishes.
    #[test]
    fn krippendorffs_two_observer_binary_example_gives_his_published_value() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let units: Vec<Vec<usize>> = a.iter().zip(b).map(|(&a, b)| vec![a, b]).collect();
        assert_eq!(rounded(ordinal_alpha(&units, 2).unwrap()), 0.095);
    }

    #[test]
    fn perfect_agreement_is_one_and_items_rated_once_take_no_part() {
        let units = vec![vec![0, 0, 0], vec![2, 2], vec![1], vec![1, 1]];
        assert_eq!(ordinal_alpha(&units, 3), Ok(1.0));
    }

    #[test]
    fn alpha_is_unavailable_without_two_ratings_of_an_item_or_with_one_value() {
        assert_eq!(
            ordinal_alpha(&[vec![0], vec![2], vec![]], 3),
            Err(AlphaUnavailable::NoItemRatedTwice)
        );
        assert_eq!(
            ordinal_alpha(&[vec![1, 1], vec![1, 1, 1]], 3),
            Err(AlphaUnavailable::OneValueOnly)
        );
    }

    #[test]
    fn ordinal_alpha_penalizes_distant_disagreement_more_than_near() {
        let near = vec![vec![2, 1], vec![0, 0], vec![2, 2], vec![1, 1]];
        let far = vec![vec![2, 0], vec![0, 0], vec![2, 2], vec![1, 1]];
        assert!(ordinal_alpha(&near, 3).unwrap() > ordinal_alpha(&far, 3).unwrap());
    }
}
