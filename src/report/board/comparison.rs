//! The first page of a comparison's board packet: planning options side by side, or one
//! district's assessments over time.

use super::{
    Committee, MOST_FINDINGS, SignOff, and_list, answered_phrase, duty_counts, long_date,
    named_titles, plural, practices,
};
use crate::compare::{Column, Comparison, ComparisonKind, TrendStep};
use crate::model::Date;
use crate::report::view;
use crate::report::view::money;
use crate::score::NotRatedReason;

/// The first page of a comparison's board packet: planning options side by side, or one
/// district's assessments over time.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonFirstPage {
    /// Options or a trend.
    pub kind: ComparisonKind,
    /// What was compared, and when.
    pub compared: String,
    /// One line per option (or assessment), in the comparison's order: its result and
    /// coverage beside its cost.
    pub options: Vec<OptionLine>,
    /// What the reader must know first: options or years without a rating, and why.
    pub caveats: Vec<String>,
    /// The findings that matter most. Options: the ranking on the practices every option is
    /// scored on (and whether it holds with equal weights), the critical practices some option
    /// leaves open, the gaps every option shares, the cost of each point of score. Trend: the
    /// change in score, what improved, regressed, is new or no longer answered, what slipped,
    /// and the critical practices still open in the latest assessment.
    pub findings: Vec<String>,
    /// The critical practices not fully in place under at least one column, each with where
    /// it is open: `Signed MOU (not fully in place under Option A)`; a trend: those open in the
    /// latest assessment only (the others are closed, stated in the findings).
    pub critical_gaps: Vec<String>,
    /// Where each column's statutory duties stand, one entry per column that has any (a
    /// trend: the latest assessment's only): `"Option A" 27 of 27 in place`.
    pub statutory: Vec<String>,
    /// The committee's recommendation and the board action (options: the one the files give,
    /// each file's labeled when they differ; a trend: the latest assessment's), and the
    /// sign-off (a trend: the latest assessment's names; options: every name the files give,
    /// once each; the latest board date given).
    pub committee: Committee,
}

impl ComparisonFirstPage {
    /// Every sentence of the page, for [`crate::report::glossary::used_in`].
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![
            self.compared.as_str(),
            self.committee.recommendation_text(),
            self.committee.board_action_text(),
        ];
        texts.extend(self.options.iter().map(|o| o.sentence.as_str()));
        texts.extend(self.caveats.iter().map(String::as_str));
        texts.extend(self.findings.iter().map(String::as_str));
        texts.extend(self.critical_gaps.iter().map(String::as_str));
        texts.extend(self.statutory.iter().map(String::as_str));
        texts
    }
}

/// One option (or assessment) of a comparison, for the first page.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionLine {
    /// Its label.
    pub label: String,
    /// `72.4%, rated Developing`, or `8.0%, no rating yet`: its own score, on its own items.
    pub result: String,
    /// `88.1% (1st)`: the score on the practices every column is scored on, and the place.
    pub common: String,
    /// `92 of 97 practices answered (94.8%)`.
    pub coverage: String,
    /// `$98,000 a year and $12,000 once`; `None` when the file gives no cost.
    pub cost: Option<String>,
    /// `1.0 full-time equivalent staff`; `None` when not given.
    pub staff: Option<String>,
    /// All of it in one sentence.
    pub sentence: String,
}

/// The first page of a comparison's board packet.
pub fn comparison_first_page(c: &Comparison) -> ComparisonFirstPage {
    let options: Vec<OptionLine> = c.columns.iter().map(|col| option_line(c, col)).collect();
    let findings = match c.kind {
        ComparisonKind::Options => option_findings(c),
        ComparisonKind::Trend => trend_findings(c),
    };
    let chosen = |field: fn(&Column) -> Option<String>| chosen_text(c, field);
    ComparisonFirstPage {
        kind: c.kind,
        compared: compared(c),
        options,
        caveats: comparison_caveats(c),
        findings,
        // A trend's earlier years are history: the board reads where the duties stand now.
        statutory: c
            .columns
            .iter()
            .skip(match c.kind {
                ComparisonKind::Trend => c.columns.len().saturating_sub(1),
                ComparisonKind::Options => 0,
            })
            .filter_map(|col| {
                // Counts only: the comparison's chapter on what is left open names them.
                let s = col.statutory.as_ref()?;
                let counts = duty_counts(&crate::compare::DutyCounts::of(s));
                Some(format!("\u{201c}{}\u{201d} {counts}", col.label))
            })
            .collect(),
        critical_gaps: c
            .critical_gaps
            .iter()
            .filter(|g| match (c.kind, c.columns.last()) {
                (ComparisonKind::Trend, Some(latest)) => g.open_under.contains(&latest.label),
                _ => !g.open_under.is_empty(),
            })
            .map(|g| {
                let under = if c.kind == ComparisonKind::Trend {
                    "in"
                } else {
                    "under"
                };
                format!(
                    "{} (not fully in place {under} {})",
                    g.title,
                    and_list(&g.open_under)
                )
            })
            .collect(),
        committee: Committee {
            recommendation: chosen(|col| col.board.recommendation.clone()),
            board_action: chosen(|col| col.board.board_action.clone()),
            sign_off: SignOff {
                prepared_by: chosen_names(c, |col| col.prepared_by.clone()),
                reviewed_by: chosen_names(c, |col| col.board.reviewed_by.clone()),
                presented_on: presented_on(c),
            },
        },
    }
}

/// A trend's text comes from its latest assessment (an earlier year's recommendation is
/// history); options' from the files that give one: the text itself when they agree, each
/// file's labeled when they differ.
fn chosen_text(c: &Comparison, field: fn(&Column) -> Option<String>) -> Option<String> {
    if c.kind == ComparisonKind::Trend {
        return c.columns.last().and_then(field);
    }
    let mut given: Vec<(&str, String)> = Vec::new();
    for col in &c.columns {
        if let Some(text) = field(col) {
            given.push((&col.label, text));
        }
    }
    let first = given.first()?.1.clone();
    if given.iter().all(|(_, text)| *text == first) {
        return Some(first);
    }
    let labeled: Vec<String> = given
        .iter()
        .map(|(label, text)| format!("{label}: {text}"))
        .collect();
    Some(labeled.join("\n\n"))
}

/// Names for the sign-off: a trend's latest; options' distinct names, in column order, joined
/// with semicolons (a sign-off line names people, not options).
fn chosen_names(c: &Comparison, field: fn(&Column) -> Option<String>) -> Option<String> {
    if c.kind == ComparisonKind::Trend {
        return c.columns.last().and_then(field);
    }
    let names: Vec<String> = c.columns.iter().filter_map(field).collect();
    let names = distinct(names.iter().map(String::as_str));
    (!names.is_empty()).then(|| names.join("; "))
}

fn presented_on(c: &Comparison) -> Option<Date> {
    match c.kind {
        ComparisonKind::Trend => c.columns.last().and_then(|col| col.board.presented_on),
        ComparisonKind::Options => c
            .columns
            .iter()
            .filter_map(|col| col.board.presented_on)
            .max(),
    }
}

fn compared(c: &Comparison) -> String {
    let labels: Vec<String> = c
        .columns
        .iter()
        .map(|col| format!("\u{201c}{}\u{201d}", col.label))
        .collect();
    let districts = distinct(c.columns.iter().map(|col| col.district.as_str()));
    let checklist = format!("the {}, version {}", c.checklist.title, c.checklist.version);
    match c.kind {
        ComparisonKind::Options => format!(
            "{} compared {}: {}, each scored against {checklist}, as of {}.",
            and_list(&districts),
            plural(c.columns.len(), "option", "options"),
            and_list(&labels),
            and_list(&distinct_dates(c))
        ),
        ComparisonKind::Trend => {
            let (first, last) = (c.columns.first(), c.columns.last());
            let span = match (first, last) {
                (Some(f), Some(l)) => {
                    format!(", from {} to {}", long_date(f.date), long_date(l.date))
                }
                _ => String::new(),
            };
            let times = match c.columns.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            format!(
                "{} assessed its program {times}{span}: {}, each scored against {checklist}.",
                and_list(&districts),
                and_list(&labels)
            )
        }
    }
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !seen.iter().any(|s| s == value) {
            seen.push(value.to_string());
        }
    }
    seen
}

fn distinct_dates(c: &Comparison) -> Vec<String> {
    let mut dates: Vec<Date> = c.columns.iter().map(|col| col.date).collect();
    dates.sort();
    dates.dedup();
    dates.into_iter().map(long_date).collect()
}

/// An item's title in a comparison, or its id when the comparison has no such item.
pub(crate) fn comparison_title_of(c: &Comparison, id: &str) -> String {
    c.items
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_string(), |i| i.title.clone())
}

fn option_line(c: &Comparison, col: &Column) -> OptionLine {
    let result = match &col.band {
        Some(band) => format!("{}, rated {band}", view::percent(col.overall.percent)),
        None if col.overall.percent.is_none() => "no practice could be scored".to_string(),
        None => format!("{}, no rating yet", view::percent(col.overall.percent)),
    };
    let cov = col.coverage;
    let mut coverage = if cov.answered == cov.items {
        format!("all {} answered", practices(cov.items))
    } else {
        format!(
            "{} of {} answered ({:.1}%)",
            cov.answered,
            practices(cov.items),
            cov.percent()
        )
    };
    if col.unverified > 0 {
        coverage.push_str(&view::comparison::unverified_phrase(col.unverified));
    }
    let figures = col.option.unwrap_or(crate::model::OptionFigures {
        annual_cost: None,
        one_time_cost: None,
        staff_fte: None,
        years: None,
    });
    let common = match c.kind {
        ComparisonKind::Options => crate::report::view::comparison::common_cell(c, col),
        ComparisonKind::Trend => view::percent(col.common.percent),
    };
    let costs: Vec<String> = [
        figures.annual_cost.map(|v| format!("{} a year", money(v))),
        figures.one_time_cost.map(|v| format!("{} once", money(v))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let cost = (!costs.is_empty()).then(|| and_list(&costs));
    let staff = figures
        .staff_fte
        .map(|v| format!("{v:.1} full-time equivalent staff"));
    let mut sentence = format!(
        "\u{201c}{}\u{201d}: {common} on the practices every {} is scored on; its own score \
         {result}, with {coverage}",
        col.label,
        if c.kind == ComparisonKind::Options {
            "option"
        } else {
            "assessment"
        }
    );
    for extra in [&cost, &staff].into_iter().flatten() {
        sentence.push_str("; ");
        sentence.push_str(extra);
    }
    sentence.push('.');
    OptionLine {
        label: col.label.clone(),
        result,
        common,
        coverage,
        cost,
        staff,
        sentence,
    }
}

fn comparison_caveats(c: &Comparison) -> Vec<String> {
    c.columns
        .iter()
        .filter(|col| col.rating.not_rated_reason == Some(NotRatedReason::CoverageBelowThreshold))
        .map(|col| {
            format!(
                "\u{201c}{}\u{201d} has no rating yet: {}, and a rating needs at least {}%.",
                col.label,
                answered_phrase(col.coverage.answered, col.coverage.items),
                view::weight(col.rating.coverage_threshold)
            )
        })
        .collect()
}

fn option_findings(c: &Comparison) -> Vec<String> {
    let mut findings = Vec::new();
    findings.extend(crate::report::view::comparison::standing_line(c));
    let open: Vec<String> = c
        .critical_gaps
        .iter()
        .filter(|g| !g.open_under.is_empty())
        .map(|g| g.title.clone())
        .collect();
    if open.is_empty() {
        if c.columns.iter().all(|col| col.critical.scored > 0) {
            findings.push("Every option has every critical practice in place.".to_string());
        }
    } else {
        findings.push(format!(
            "{} {} not fully in place under at least one option: {}.",
            plural(open.len(), "critical practice", "critical practices"),
            if open.len() == 1 { "is" } else { "are" },
            named_titles(&open)
        ));
    }
    if !c.gaps_everywhere.is_empty() {
        let titles: Vec<String> = c.gaps_everywhere.iter().map(|g| g.title.clone()).collect();
        findings.push(format!(
            "{} {} not fully in place under any option: {}.",
            practices(titles.len()),
            if titles.len() == 1 { "is" } else { "are" },
            named_titles(&titles)
        ));
    }
    let cost = crate::report::view::comparison::cost_findings(c);
    if !cost.is_empty() {
        findings.push(cost.join(" "));
    }
    findings.truncate(MOST_FINDINGS);
    findings
}

fn trend_findings(c: &Comparison) -> Vec<String> {
    let Some(trend) = &c.trend else {
        return Vec::new();
    };
    let Some(step) = trend.span.as_ref().or(trend.steps.last()) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let change = match step.overall.points {
        Some(points) => format!(", a change of {}", signed_points(points)),
        None => String::new(),
    };
    let mut overall = format!(
        "The overall score went from {} in \u{201c}{}\u{201d} to {} in \u{201c}{}\u{201d}{change}.",
        view::percent(step.overall.from),
        step.from,
        view::percent(step.overall.to),
        step.to
    );
    if let Some(points) = step.overall_like_for_like.points {
        overall.push_str(&format!(
            " On the {} answered both times, the change is {}.",
            practices(step.items_compared),
            signed_points(points)
        ));
    }
    findings.push(overall);
    findings.push(movement(step));
    if !step.critical_closed.is_empty() {
        let titles: Vec<String> = step
            .critical_closed
            .iter()
            .map(|i| i.title.clone())
            .collect();
        findings.push(format!(
            "Closed in \u{201c}{}\u{201d}: {} that {} a gap in \u{201c}{}\u{201d}: {}.",
            step.to,
            plural(titles.len(), "critical practice", "critical practices"),
            if titles.len() == 1 { "was" } else { "were" },
            step.from,
            named_titles(&titles)
        ));
    }
    if let Some(line) = actions_line(step) {
        findings.push(line);
    }
    if !step.regressed.is_empty() {
        let slipped: Vec<String> = step
            .regressed
            .iter()
            .map(|i| {
                format!(
                    "{} (from {} to {})",
                    i.title,
                    i.from.to_lowercase(),
                    i.to.to_lowercase()
                )
            })
            .collect();
        findings.push(format!("What slipped: {}.", named_titles(&slipped)));
    }
    if let Some(latest) = c.columns.last() {
        let open: Vec<String> = c
            .critical_gaps
            .iter()
            .filter(|g| g.open_under.contains(&latest.label))
            .map(|g| g.title.clone())
            .collect();
        if !open.is_empty() {
            findings.push(format!(
                "In \u{201c}{}\u{201d}, {} {} still not fully in place: {}.",
                latest.label,
                plural(open.len(), "critical practice", "critical practices"),
                if open.len() == 1 { "is" } else { "are" },
                named_titles(&open)
            ));
        }
    }
    findings.truncate(MOST_FINDINGS);
    findings
}

/// `3 of the 12 dated actions of "2025" are done and 2 are overdue: Signed MOU (due June 30,
/// 2025; owner: Superintendent) ...`; `None` when the earlier assessment dated none.
pub fn actions_line(step: &TrendStep) -> Option<String> {
    let actions = &step.actions;
    if actions.dated == 0 {
        return None;
    }
    let mut line = format!(
        "{} of the {} dated {} of \u{201c}{}\u{201d} {} done",
        actions.done.len(),
        actions.dated,
        if actions.dated == 1 {
            "action"
        } else {
            "actions"
        },
        step.from,
        if actions.done.len() == 1 { "is" } else { "are" },
    );
    if actions.overdue.is_empty() {
        line.push('.');
    } else {
        let overdue: Vec<String> = actions
            .overdue
            .iter()
            .map(|a| {
                let owner = a
                    .owner
                    .as_deref()
                    .map_or_else(|| "no owner named".to_string(), |o| format!("owner: {o}"));
                format!("{} (due {}; {owner})", a.title, long_date(a.due))
            })
            .collect();
        line.push_str(&format!(
            " and {} overdue: {}.",
            plural(overdue.len(), "is", "are"),
            named_titles(&overdue)
        ));
    }
    Some(line)
}

/// `+9.5 points`, `-3.0 points`, `no change`.
fn signed_points(points: f64) -> String {
    if points > 0.0 {
        format!("+{points:.1} points")
    } else if points < 0.0 {
        format!("{points:.1} points")
    } else {
        "no change".to_string()
    }
}

/// What moved, leading with improvement: `Since "2025": 12 practices improved, 3 slipped, 5
/// were answered for the first time and 2 are no longer answered.` Movements of none are left
/// out.
fn movement(step: &TrendStep) -> String {
    let verb = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let moves = [
        (step.improved.len(), "improved", "improved"),
        (step.regressed.len(), "slipped", "slipped"),
        (
            step.new.len(),
            "was answered for the first time",
            "were answered for the first time",
        ),
        (
            step.dropped.len(),
            "is no longer answered",
            "are no longer answered",
        ),
    ];
    let mut parts: Vec<String> = moves
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| verb(n, one, many))
        .collect();
    let Some(first) = parts.first_mut() else {
        return format!(
            "No practice changed status since \u{201c}{}\u{201d}.",
            step.from
        );
    };
    // The first count names what is counted; the others share it.
    if let Some((count, rest)) = first.split_once(' ') {
        let noun = if count == "1" {
            "practice"
        } else {
            "practices"
        };
        *first = format!("{count} {noun} {rest}");
    }
    format!("Since \u{201c}{}\u{201d}: {}.", step.from, and_list(&parts))
}
