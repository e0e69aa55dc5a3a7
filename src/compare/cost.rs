//! Cost compared the way budgets are: options ordered by annual cost, each set against the
//! next cheaper option that is not dominated, by what the extra money buys in practices in
//! place on the items every option is scored on (the incremental comparison of
//! cost-effectiveness analysis). Never a ratio of dollars to a percentage.

use serde::Serialize;

use super::Column;

/// The cost comparison of the options that give an annual cost.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CostComparison {
    /// The rated options that give an annual cost, cheapest first (ties: more practices in
    /// place first, then column order).
    pub options: Vec<CostedOption>,
    /// Options that give no annual cost: not placed, never taken as $0.
    pub no_cost: Vec<String>,
    /// Options left out because they are not rated (too few items answered): their counts
    /// of practices in place measure how much was answered.
    pub not_rated: Vec<String>,
}

/// One option in the cost comparison.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CostedOption {
    /// The option's label.
    pub label: String,
    /// Dollars a year.
    pub annual_cost: f64,
    /// Dollars once, when the file gives it.
    pub one_time_cost: Option<f64>,
    /// The years the committee plans over, when the file says.
    pub years: Option<f64>,
    /// Cost per year over those years: the annual cost plus the one-time cost spread over
    /// them; `None` without `years`.
    pub cost_per_year_over_years: Option<f64>,
    /// Common items in place under this option.
    pub in_place: usize,
    /// Of those, critical ones.
    pub critical_in_place: usize,
    /// Of those, high-priority ones.
    pub high_in_place: usize,
    /// The label of an option that costs no more and puts at least as many practices in
    /// place (more in place, or the same for less): this option is dominated.
    pub dominated_by: Option<String>,
    /// What this option adds over the next cheaper option that is not dominated; `None`
    /// for the cheapest such option and for a dominated one.
    pub increment: Option<Increment>,
}

/// What an option adds over a cheaper one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Increment {
    /// The cheaper option it is set against.
    pub over: String,
    /// Extra dollars a year.
    pub extra_annual_cost: f64,
    /// Extra common items in place.
    pub extra_in_place: i64,
    /// Of those, critical.
    pub extra_critical_in_place: i64,
    /// Of those, high-priority.
    pub extra_high_in_place: i64,
}

/// How many common items each column has in place: (all, critical, high), column order.
pub(crate) type InPlaceCounts = (usize, usize, usize);

/// The cost comparison of two or more options (`None` for fewer).
pub(crate) fn compare_costs(
    columns: &[Column],
    in_place: &[InPlaceCounts],
) -> Option<CostComparison> {
    let mut options: Vec<(usize, CostedOption)> = Vec::new();
    let mut no_cost = Vec::new();
    let mut not_rated = Vec::new();
    for (n, (column, &(all, critical, high))) in columns.iter().zip(in_place).enumerate() {
        let figures = column.option;
        let Some(annual_cost) = figures.and_then(|f| f.annual_cost) else {
            no_cost.push(column.label.clone());
            continue;
        };
        if !column.rating.rated {
            not_rated.push(column.label.clone());
            continue;
        }
        let one_time_cost = figures.and_then(|f| f.one_time_cost);
        let years = figures.and_then(|f| f.years).filter(|y| *y >= 1.0);
        options.push((
            n,
            CostedOption {
                label: column.label.clone(),
                annual_cost,
                one_time_cost,
                years,
                cost_per_year_over_years: years
                    .map(|y| (annual_cost + one_time_cost.unwrap_or(0.0) / y).round()),
                in_place: all,
                critical_in_place: critical,
                high_in_place: high,
                dominated_by: None,
                increment: None,
            },
        ));
    }
    if columns.len() < 2 {
        return None;
    }
    options.sort_by(|(n, a), (m, b)| {
        a.annual_cost
            .total_cmp(&b.annual_cost)
            .then(b.in_place.cmp(&a.in_place))
            .then(n.cmp(m))
    });
    let mut options: Vec<CostedOption> = options.into_iter().map(|(_, o)| o).collect();
    mark_dominated(&mut options);
    add_increments(&mut options);
    Some(CostComparison {
        options,
        no_cost,
        not_rated,
    })
}

/// An option is dominated when another costs no more and puts at least as many practices in
/// place, and is better on one of the two. `options` is cheapest first.
fn mark_dominated(options: &mut [CostedOption]) {
    for n in 0..options.len() {
        let this = &options[n];
        let by = options.iter().enumerate().find(|(m, other)| {
            *m != n
                && other.annual_cost <= this.annual_cost
                && other.in_place >= this.in_place
                && (other.annual_cost < this.annual_cost || other.in_place > this.in_place)
        });
        let label = by.map(|(_, other)| other.label.clone());
        options[n].dominated_by = label;
    }
}

fn add_increments(options: &mut [CostedOption]) {
    let mut previous: Option<usize> = None;
    for n in 0..options.len() {
        if options[n].dominated_by.is_some() {
            continue;
        }
        if let Some(p) = previous {
            let (cheaper, this) = (&options[p], &options[n]);
            let signed = |a: usize, b: usize| a as i64 - b as i64;
            let increment = Increment {
                over: cheaper.label.clone(),
                extra_annual_cost: this.annual_cost - cheaper.annual_cost,
                extra_in_place: signed(this.in_place, cheaper.in_place),
                extra_critical_in_place: signed(this.critical_in_place, cheaper.critical_in_place),
                extra_high_in_place: signed(this.high_in_place, cheaper.high_in_place),
            };
            options[n].increment = Some(increment);
        }
        previous = Some(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(label: &str, cost: f64, in_place: usize) -> CostedOption {
        CostedOption {
            label: label.into(),
            annual_cost: cost,
            one_time_cost: None,
            years: None,
            cost_per_year_over_years: None,
            in_place,
            critical_in_place: 0,
            high_in_place: 0,
            dominated_by: None,
            increment: None,
        }
    }

    #[test]
    fn an_option_that_costs_more_for_fewer_practices_is_dominated() {
        let mut options = vec![
            option("A", 0.0, 30),
            option("B", 50_000.0, 28),
            option("C", 90_000.0, 40),
        ];
        mark_dominated(&mut options);
        add_increments(&mut options);
        assert_eq!(options[1].dominated_by.as_deref(), Some("A"));
        assert_eq!(options[1].increment, None);
        let c = options[2].increment.as_ref().unwrap();
        assert_eq!(c.over, "A");
        assert_eq!(c.extra_annual_cost, 90_000.0);
        assert_eq!(c.extra_in_place, 10);
        assert_eq!(options[0].dominated_by, None);
    }

    #[test]
    fn equal_cost_and_practices_dominate_neither() {
        let mut options = vec![option("A", 10.0, 5), option("B", 10.0, 5)];
        mark_dominated(&mut options);
        add_increments(&mut options);
        assert!(options.iter().all(|o| o.dominated_by.is_none()));
        assert_eq!(options[1].increment.as_ref().unwrap().extra_in_place, 0);
    }

    #[test]
    fn the_same_cost_for_more_practices_dominates() {
        let mut options = vec![option("A", 10.0, 7), option("B", 10.0, 5)];
        mark_dominated(&mut options);
        assert_eq!(options[1].dominated_by.as_deref(), Some("A"));
        assert_eq!(options[0].dominated_by, None);
    }
}
