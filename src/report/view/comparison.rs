//! The sentences and figures of a comparison, for its document and its CSV and JSON exports.

use super::{
    DRAFT_MARK, band_text, draft_footer, draft_notice_line, fraction, money, not_rated_section,
    ordinal, percent, plural, points, weight,
};
use crate::compare::{
    CellState, Column, Comparison, ComparisonKind, CostedOption, SectionCell, TrendStep, Verdict,
};
use crate::report::board::and_list;

/// `SRO program comparison: Example Area School District` (or the number of districts).
pub fn comparison_title(c: &Comparison) -> String {
    let first = c.columns.first().map(|col| col.district.as_str());
    match first {
        Some(district) if c.columns.iter().all(|col| col.district == district) => {
            format!("SRO program comparison: {district}")
        }
        _ => format!("SRO program comparison: {} assessments", c.columns.len()),
    }
}

/// A column's label as a table header prints it: `2026 review (draft)` for a draft.
pub fn column_heading(col: &Column) -> String {
    if col.draft.is_draft {
        format!("{}{DRAFT_MARK}", col.label)
    } else {
        col.label.clone()
    }
}

/// The DRAFT line under a comparison's title:
/// `DRAFT: 1 of 2 assessments is a draft, marked (draft). 2026 review: 12 answers carried over
/// from 2025 review (2025-04-20) not yet confirmed.`
pub fn comparison_draft_line(c: &Comparison) -> Option<String> {
    c.draft
        .as_ref()
        .map(|notice| draft_notice_line(notice, DRAFTS_AMONG))
}

/// What a comparison's drafts are counted among.
pub const DRAFTS_AMONG: &str = "assessments";

/// The DRAFT line every printed page of a comparison repeats: the count, the reasons left to
/// the first page so that the footer stays short.
pub fn comparison_draft_footer(c: &Comparison) -> Option<String> {
    c.draft
        .as_ref()
        .map(|notice| draft_footer(notice, DRAFTS_AMONG))
}

/// What is compared, in one line.
pub fn comparison_kind_line(c: &Comparison) -> String {
    let labels: Vec<&str> = c.columns.iter().map(|col| col.label.as_str()).collect();
    match c.kind {
        ComparisonKind::Options => {
            format!(
                "{} options side by side: {}",
                labels.len(),
                labels.join(", ")
            )
        }
        ComparisonKind::Trend => format!(
            "{} assessments of one district, oldest first: {}",
            labels.len(),
            labels.join(", ")
        ),
    }
}

/// `Title, version 2026.1`.
pub fn checklist_line(c: &Comparison) -> String {
    format!("{}, version {}", c.checklist.title, c.checklist.version)
}

/// The side-by-side figures: a label and one value per column.
pub fn figure_rows(c: &Comparison) -> Vec<(&'static str, Vec<String>)> {
    let per_column = |f: &dyn Fn(&Column) -> String| c.columns.iter().map(f).collect::<Vec<_>>();
    let mut rows = Vec::new();
    // One district: the title names it already.
    if c.columns.windows(2).any(|w| w[0].district != w[1].district) {
        rows.push(("District", per_column(&|col| col.district.clone())));
    }
    rows.extend([
        ("Date", per_column(&|col| col.date.to_string())),
        ("Profile", per_column(&|col| col.profile.id.clone())),
        ("Items scored", per_column(&scored_line)),
        ("Overall", per_column(&|col| percent(col.overall.percent))),
        ("Common items", per_column(&|col| common_cell(c, col))),
        (
            "Earned / possible",
            per_column(&|col| fraction(&col.overall)),
        ),
        ("Band", per_column(&column_band)),
        ("Coverage", per_column(&coverage)),
        (
            "Critical in place",
            per_column(&|col| format!("{} of {}", col.critical.in_place, col.critical.scored)),
        ),
        (
            "Equal weights",
            per_column(&|col| percent(col.equal_weight.percent)),
        ),
    ]);
    let cost = |col: &Column| col.option.and_then(|o| o.annual_cost);
    if c.columns.iter().any(|col| cost(col).is_some()) {
        rows.push((
            "Annual cost",
            per_column(&|col| cost(col).map_or_else(not_given, money)),
        ));
    }
    let one_time = |col: &Column| col.option.and_then(|o| o.one_time_cost);
    if c.columns.iter().any(|col| one_time(col).is_some()) {
        rows.push((
            "One-time cost",
            per_column(&|col| one_time(col).map_or_else(not_given, money)),
        ));
    }
    let spread = |col: &Column| {
        let cost = c.cost.as_ref()?;
        cost.options
            .iter()
            .find(|o| o.label == col.label)?
            .cost_per_year_over_years
            .zip(col.option.and_then(|o| o.years))
    };
    if c.columns.iter().any(|col| spread(col).is_some()) {
        rows.push((
            "Cost a year, one-time cost spread",
            per_column(&|col| {
                spread(col).map_or_else(not_given, |(v, years)| {
                    format!("{} over {years:.0} years", money(v))
                })
            }),
        ));
    }
    let fte = |col: &Column| col.option.and_then(|o| o.staff_fte);
    if c.columns.iter().any(|col| fte(col).is_some()) {
        rows.push((
            "Staff (FTE)",
            per_column(&|col| fte(col).map_or_else(not_given, |v| format!("{v:.1}"))),
        ));
    }
    rows
}

/// `91.2% (1st)`: the score on the items every column scores, and the rank on it: `tied
/// 1st` within the margin, `about the same` when no order holds, `not ranked` without a
/// rating (a trend is not ranked: its columns are years of one program).
pub fn common_cell(c: &Comparison, col: &Column) -> String {
    match c.kind {
        ComparisonKind::Options => format!("{} ({})", percent(col.common.percent), place(c, col)),
        ComparisonKind::Trend => percent(col.common.percent),
    }
}

/// An option's place on the common items, in words.
pub fn place(c: &Comparison, col: &Column) -> String {
    let Some(rank) = col.rank else {
        return "not ranked: no rating".to_string();
    };
    if c.standing.verdict == Verdict::AboutTheSame {
        return "about the same".to_string();
    }
    let sharing = c.columns.iter().filter(|o| o.rank == Some(rank)).count();
    if sharing > 1 {
        format!("tied {}", ordinal(rank))
    } else {
        ordinal(rank)
    }
}

/// How the options stand on the practices they share, in one sentence; `None` for a trend or
/// a single option.
pub fn standing_line(c: &Comparison) -> Option<String> {
    if c.kind != ComparisonKind::Options || c.columns.len() < 2 || c.common_items.items == 0 {
        return None;
    }
    let shared = format!(
        "the {} practices every option is scored on",
        c.common_items.items
    );
    let margin = weight(c.standing.margin_points);
    let figures = |cols: &mut dyn Iterator<Item = &Column>| -> Vec<String> {
        cols.map(|col| {
            format!(
                "\u{201c}{}\u{201d} {}",
                col.label,
                percent(col.common.percent)
            )
        })
        .collect()
    };
    let mut ranked: Vec<&Column> = c.columns.iter().filter(|col| col.rank.is_some()).collect();
    ranked.sort_by_key(|col| col.rank);
    let mut line = match c.standing.verdict {
        Verdict::NotRanked => {
            format!("Fewer than two options are rated, so the options are not ranked on {shared}.")
        }
        Verdict::AboutTheSame => {
            let why = if c.weight_check.holds {
                format!("they are within {margin} points of each other")
            } else {
                "their order changes when every practice weighs the same".to_string()
            };
            format!(
                "The options are about the same on {shared} ({}): {why}.",
                and_list(&figures(&mut ranked.iter().copied()))
            )
        }
        Verdict::Ranked => {
            let order: Vec<String> = ranked
                .iter()
                .map(|col| {
                    format!(
                        "{} \u{201c}{}\u{201d} ({})",
                        place(c, col),
                        col.label,
                        percent(col.common.percent)
                    )
                })
                .collect();
            let weights = if c.weight_check.holds {
                "the order is the same when every practice weighs the same"
            } else {
                "options whose order changes when every practice weighs the same are tied too"
            };
            format!(
                "On {shared}, the options rank {}; options within {margin} points of each \
                 other are tied, and {weights}.",
                and_list(&order)
            )
        }
    };
    if !c.standing.not_ranked.is_empty() {
        let names: Vec<String> = c
            .standing
            .not_ranked
            .iter()
            .map(|l| format!("\u{201c}{l}\u{201d}"))
            .collect();
        line.push_str(&format!(
            " Not ranked, for too few practices answered: {}.",
            and_list(&names)
        ));
    }
    Some(line)
}

/// What the ranking rests on, in one paragraph.
pub fn ranking_line(c: &Comparison) -> String {
    let (lead, each) = match c.kind {
        ComparisonKind::Options => ("Ranked on", "option"),
        ComparisonKind::Trend => ("On", "assessment"),
    };
    let ranked: Vec<String> = c
        .columns
        .iter()
        .map(|col| format!("{} {}", col.label, common_cell(c, col)))
        .collect();
    let mut line = format!(
        "{lead} the {} items every {each} scores (possible weight {}): {}. \"Overall\" is \
         each {each}'s own score, on its own items.",
        c.common_items.items,
        weight(c.common_items.possible),
        ranked.join("; ")
    );
    if c.kind == ComparisonKind::Options {
        line.push_str(&format!(
            " Options within {} points of each other on the common items share a rank.",
            weight(c.standing.margin_points)
        ));
    }
    line
}

/// The title on a comparison's first page: of districts when each file is another district's.
pub fn document_heading(c: &Comparison) -> &'static str {
    let mut districts: Vec<&str> = c.columns.iter().map(|col| col.district.as_str()).collect();
    districts.sort_unstable();
    districts.dedup();
    match c.kind {
        ComparisonKind::Options if districts.len() > 1 && districts.len() == c.columns.len() => {
            "Comparison of districts"
        }
        ComparisonKind::Options => "Comparison of options",
        ComparisonKind::Trend => "Progress over time",
    }
}

/// The district, or every district named (options may come from neighboring districts).
pub fn districts_line(c: &Comparison) -> String {
    let mut names: Vec<&str> = Vec::new();
    for column in &c.columns {
        if !names.contains(&column.district.as_str()) {
            names.push(&column.district);
        }
    }
    names.join("; ")
}

/// What one column is, as a table header names it: `Option`, `Assessment`.
pub fn column_noun(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "Option",
        ComparisonKind::Trend => "Assessment",
    }
}

/// `one bar per option` / `one bar per assessment, oldest first`.
pub fn series_line(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "one bar per option",
        ComparisonKind::Trend => "one bar per assessment, oldest first",
    }
}

/// Explains the weight check under its statement.
pub const WEIGHT_CHECK_LINE: &str = "The checklist weighs items by priority. This check ranks \
     the options again with every scored item weighing the same, so the board can see whether \
     the ranking rests on the weighting. Rank 1 is the highest score; tied scores share a rank.";

/// Said instead of an empty list of gaps that every column shares.
pub fn nothing_everywhere_line(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "No gap remains under every option.",
        ComparisonKind::Trend => "No gap was open in every assessment.",
    }
}

/// Per column, the critical items it leaves open: `title (status)`, or `none`; then those not
/// yet answered, apart.
pub fn critical_open_lines(c: &Comparison) -> Vec<(String, String)> {
    c.columns
        .iter()
        .map(|col| {
            let mut items: Vec<String> = col
                .critical_open
                .iter()
                .map(|i| format!("{} ({})", i.title, i.label.to_lowercase()))
                .collect();
            if items.is_empty() {
                items.push("none".to_string());
            }
            if !col.critical_unanswered.is_empty() {
                let titles: Vec<&str> = col
                    .critical_unanswered
                    .iter()
                    .map(|i| i.title.as_str())
                    .collect();
                items.push(format!("Not yet answered: {}", titles.join("; ")));
            }
            if !col.critical_unverified.is_empty() {
                let titles: Vec<&str> = col
                    .critical_unverified
                    .iter()
                    .map(|i| i.title.as_str())
                    .collect();
                items.push(format!("Could not be verified: {}", titles.join("; ")));
            }
            (col.label.clone(), items.join("; "))
        })
        .collect()
}

/// Per column with statutory duties: their counts, then each duty partly or not in place.
pub fn statutory_open_lines(c: &Comparison) -> Vec<(String, String)> {
    c.columns
        .iter()
        .filter_map(|col| {
            let s = col.statutory.as_ref()?;
            let counts = crate::report::board::duty_counts(&crate::compare::DutyCounts::of(s));
            let titles: Vec<String> = s
                .not_in_place_ids
                .iter()
                .map(|id| crate::report::board::comparison_title_of(c, id))
                .collect();
            let mut text = format!("{counts}.");
            for title in titles {
                text.push('\n');
                text.push_str(&title);
            }
            Some((col.label.clone(), text))
        })
        .collect()
}

/// The heading over [`critical_open_lines`].
pub const CRITICAL_OPEN_HEADING: &str = "Critical items left open";

/// The sentence under [`CRITICAL_OPEN_HEADING`].
pub fn critical_open_line(c: &Comparison) -> String {
    format!(
        "Critical items that each {} answers partly or not in place. Items not yet answered \
         are named apart: they are not known to be gaps. An item outside a profile, or \
         answered not applicable, does not apply and is not listed.",
        column_noun(c).to_lowercase()
    )
}

/// A section's change in a trend, over the items answered both times, with the items that
/// lost their answer counted apart: `+4.7 pts`, `0.0 pts (3 newly unanswered)`.
pub fn section_change(step: &TrendStep, section_id: &str) -> String {
    match step.sections.iter().find(|s| s.id == section_id) {
        Some(s) => change_with_unanswered(s.like_for_like.points, s.newly_unanswered),
        None => points(None),
    }
}

/// The overall change over the items answered both times, as [`section_change`].
pub fn overall_change(step: &TrendStep) -> String {
    change_with_unanswered(step.overall_like_for_like.points, step.newly_unanswered)
}

fn change_with_unanswered(change: Option<f64>, newly_unanswered: usize) -> String {
    if newly_unanswered == 0 {
        points(change)
    } else {
        format!("{} ({newly_unanswered} newly unanswered)", points(change))
    }
}

/// Explains the change column of a trend's section table.
pub fn change_note(step: &TrendStep) -> String {
    format!(
        "Change: over the items answered both times ({} items; not applicable left out), so \
         an item left unanswered does not count as a loss; {} newly unanswered, counted apart. \
         Overall on those items: {} to {}.",
        step.items_compared,
        plural_items(step.newly_unanswered),
        percent(step.overall_like_for_like.from),
        percent(step.overall_like_for_like.to),
    )
}

fn plural_items(n: usize) -> String {
    format!("{n} {}", if n == 1 { "item" } else { "items" })
}

fn not_given() -> String {
    "not given".to_string()
}

/// `98 of 102 (4 n/a)`: how many of the profile's items the percentage rests on.
pub fn scored_line(col: &Column) -> String {
    let not_applicable = col.coverage.items - col.scored_items.min(col.coverage.items);
    if not_applicable == 0 {
        format!("{} of {}", col.scored_items, col.coverage.items)
    } else {
        format!(
            "{} of {} ({not_applicable} n/a)",
            col.scored_items, col.coverage.items
        )
    }
}

/// `98 of 102 (96.1%)`, and `; 2 could not be verified` when some items were answered
/// "don't know".
pub fn coverage(col: &Column) -> String {
    let c = col.coverage;
    let mut line = format!("{} of {} ({:.1}%)", c.answered, c.items, c.percent());
    if col.unverified > 0 {
        line.push_str(&unverified_phrase(col.unverified));
    }
    line
}

/// `; 2 could not be verified`: what follows a column's coverage when it has such items.
pub fn unverified_phrase(count: usize) -> String {
    format!("; {count} could not be verified")
}

/// A section's percentage, `not in scope`, or `not rated (2 of 24 answered)` when too little
/// of it is answered for its score to mean anything.
pub fn section_cell(cell: Option<&SectionCell>) -> String {
    match cell {
        None => "not in scope".to_string(),
        Some(cell) if !cell.rated => not_rated_section(cell.coverage),
        Some(cell) => percent(cell.score.percent),
    }
}

/// `2025 review to 2026 review: 64.0% to 71.2% (+7.2 pts)`.
pub fn step_headline(step: &TrendStep) -> String {
    format!(
        "{} to {}: {} to {} ({})",
        step.from,
        step.to,
        percent(step.overall.from),
        percent(step.overall.to),
        points(step.overall.points)
    )
}

/// `Items: 12 improved, 3 slipped, 90 unchanged.`: only the counts that are not zero.
pub fn step_counts(step: &TrendStep) -> String {
    let parts: Vec<String> = [
        (step.improved.len(), "improved"),
        (step.regressed.len(), "slipped"),
        (step.unchanged, "unchanged"),
        (step.new.len(), "newly answered"),
        (step.dropped.len(), "no longer answered"),
        (step.reclassified.len(), "changed to or from not applicable"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect();
    if parts.is_empty() {
        "No item was compared.".to_string()
    } else {
        format!("Items: {}.", parts.join(", "))
    }
}

/// The item lists of a trend step that have entries, with their headings.
pub fn step_lists(step: &TrendStep) -> Vec<(&'static str, &[crate::compare::ItemChange])> {
    [
        ("Improved", step.improved.as_slice()),
        ("Slipped", step.regressed.as_slice()),
        ("Critical gaps closed", step.critical_closed.as_slice()),
        ("Newly answered", step.new.as_slice()),
        ("No longer answered", step.dropped.as_slice()),
        (
            "Changed to or from not applicable",
            step.reclassified.as_slice(),
        ),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .collect()
}

/// The first-to-last step of a trend (the only step when there are two assessments).
pub fn whole_trend(c: &Comparison) -> Option<&TrendStep> {
    let trend = c.trend.as_ref()?;
    trend.span.as_ref().or(trend.steps.first())
}

/// `Option A closes 1 of 2 that apply; Option B closes 0 of 1 that applies (the FERPA item
/// does not apply: outside its profile)`; a trend: `2025: 3 of 14 in place`.
pub fn closes_line(c: &Comparison) -> String {
    let parts: Vec<String> = c
        .columns
        .iter()
        .map(|col| {
            let closing = &col.critical_closing;
            let (closed, apply) = (closing.closed, closing.apply);
            let mut part = match c.kind {
                ComparisonKind::Options => format!(
                    "{} closes {closed} of {apply} that {}",
                    col.label,
                    if apply == 1 { "applies" } else { "apply" }
                ),
                ComparisonKind::Trend => format!("{}: {closed} of {apply} in place", col.label),
            };
            if !closing.not_applying.is_empty() {
                let why: Vec<String> = closing
                    .not_applying
                    .iter()
                    .map(|n| format!("{} ({})", n.title, not_applying_reason(n.state)))
                    .collect();
                part.push_str(&format!("; does not apply: {}", why.join("; ")));
            }
            part
        })
        .collect();
    parts.join(". ")
}

/// Why an item does not apply to a column.
pub fn not_applying_reason(state: CellState) -> &'static str {
    match state {
        CellState::NotApplicable => "answered not applicable",
        _ => "outside its profile",
    }
}

/// The heading over the critical gaps: options close gaps; a trend shows them over time.
pub fn critical_heading(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "Critical gaps: which option closes them",
        ComparisonKind::Trend => "Critical gaps over time",
    }
}

/// The sentence under [`everywhere_heading`].
pub fn everywhere_line(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => {
            "Answered partly or not in place under every option. Unanswered items are not gaps."
        }
        ComparisonKind::Trend => {
            "Answered partly or not in place every time. Unanswered items are not gaps."
        }
    }
}

/// The heading over the gaps that every column shares.
pub fn everywhere_heading(c: &Comparison) -> &'static str {
    match c.kind {
        ComparisonKind::Options => "Gaps that remain under every option",
        ComparisonKind::Trend => "Gaps open in every assessment",
    }
}

/// A column's band, or why it has none: `not rated: 9 of 112 answered`.
pub fn column_band(col: &Column) -> String {
    band_text(col.band.as_deref(), &col.rating, &col.coverage)
}

/// How the cost comparison is made, under its table.
pub const COST_METHOD: &str = "How this is worked out: the options that give an annual cost \
     are put in order of it, least first. Each is set against the next less costly option \
     that is not dominated, and the table shows the extra cost a year and the extra practices \
     in place (critical and high-priority counted apart) on the items every option is scored \
     on. An option is dominated when another costs no more and puts at least as many \
     practices in place. A one-time cost is shown beside; where a file says how many years \
     it plans over, the cost a year over those years adds the one-time cost spread evenly. No \
     cost is divided by a percentage, and an option without a cost is never taken as free.";

/// `$98,000 a year` and, beside it, the one-time cost and the cost a year over the years the
/// option plans for: `$98,000 a year; $12,000 once; $100,400 a year over the first 5 years`.
pub fn option_cost(option: &CostedOption) -> String {
    let mut text = format!("{} a year", money(option.annual_cost));
    if let Some(once) = option.one_time_cost {
        text.push_str(&format!("; {} once", money(once)));
    }
    if let (Some(spread), Some(years)) = (option.cost_per_year_over_years, option.years) {
        text.push_str(&format!(
            "; {} a year over the first {years:.0} years",
            money(spread)
        ));
    }
    text
}

/// `12 in place (3 critical, 4 high)`.
pub fn in_place_text(option: &CostedOption) -> String {
    format!(
        "{} in place ({} critical, {} high)",
        option.in_place, option.critical_in_place, option.high_in_place
    )
}

/// `+3 (1 critical, 2 high)`, `-2 (0 critical, -1 high)`.
fn signed_count(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// What an option adds over the next cheaper one, or why it is not set against one:
/// `$14,000 a year more than "A" for +3 practices in place (1 critical, 2 high)`.
pub fn increment_text(option: &CostedOption) -> String {
    if let Some(by) = &option.dominated_by {
        return format!("Dominated by \u{201c}{by}\u{201d}");
    }
    match &option.increment {
        None => "Least costly".to_string(),
        Some(inc) => format!(
            "{} a year more than \u{201c}{}\u{201d} for {} practices in place ({} critical, {} high)",
            money(inc.extra_annual_cost),
            inc.over,
            signed_count(inc.extra_in_place),
            signed_count(inc.extra_critical_in_place),
            signed_count(inc.extra_high_in_place),
        ),
    }
}

/// What an option adds, as a sentence: `"B" costs $14,000 a year more than "A" and puts 3
/// more practices in place ...`, or `"B" is dominated: ...`; `None` for the least costly.
fn increment_sentence(option: &CostedOption, all: &[CostedOption]) -> Option<String> {
    let name = format!("\u{201c}{}\u{201d}", option.label);
    if let Some(by) = &option.dominated_by {
        let other = all.iter().find(|o| &o.label == by)?;
        return Some(format!(
            "{name} is dominated by \u{201c}{by}\u{201d}: {} a year against {}, for {} practices \
             in place against {}.",
            money(option.annual_cost),
            money(other.annual_cost),
            option.in_place,
            other.in_place
        ));
    }
    let inc = option.increment.as_ref()?;
    let more = |n: i64| match n {
        0 => "no more".to_string(),
        n if n > 0 => format!("{n} more"),
        n => format!("{} fewer", -n),
    };
    Some(format!(
        "{name} costs {} a year more than \u{201c}{}\u{201d} and puts {} {} in place ({} \
         critical, {} high-priority).",
        money(inc.extra_annual_cost),
        inc.over,
        more(inc.extra_in_place),
        if inc.extra_in_place.abs() == 1 {
            "practice"
        } else {
            "practices"
        },
        more(inc.extra_critical_in_place),
        more(inc.extra_high_in_place),
    ))
}

/// The cost comparison in sentences: the order by cost, what each step buys, what is
/// dominated, and the options without a cost or a rating. Empty for a trend.
pub fn cost_lines(c: &Comparison) -> Vec<String> {
    let Some(cost) = &c.cost else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let quoted = |l: &str| format!("\u{201c}{l}\u{201d}");
    if cost.options.is_empty() {
        lines.push(
            "No option gives an annual cost, so the options' costs are not compared.".to_string(),
        );
    } else {
        let order: Vec<String> = cost
            .options
            .iter()
            .map(|o| format!("{} ({})", quoted(&o.label), option_cost(o)))
            .collect();
        lines.push(format!(
            "By annual cost, least first: {}. Each is set against the next less costly option \
             that is not dominated, by the practices in place on the {} every option is scored on.",
            and_list(&order),
            practices_count(c.common_items.items)
        ));
        for option in &cost.options {
            if let Some(line) = increment_sentence(option, &cost.options) {
                lines.push(line);
            }
        }
    }
    if !cost.no_cost.is_empty() {
        let names: Vec<String> = cost.no_cost.iter().map(|l| quoted(l)).collect();
        lines.push(format!(
            "{} {} no annual cost, so {} not placed by cost.",
            and_list(&names),
            if names.len() == 1 { "gives" } else { "give" },
            if names.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        ));
    }
    if !cost.not_rated.is_empty() {
        let names: Vec<String> = cost.not_rated.iter().map(|l| quoted(l)).collect();
        lines.push(format!(
            "{} {} not rated (too few practices answered), so {} cost is not compared.",
            and_list(&names),
            if names.len() == 1 { "is" } else { "are" },
            if names.len() == 1 { "its" } else { "their" }
        ));
    }
    lines
}

/// The cost comparison as the first page states it: what each step buys and what is
/// dominated, without the order and method sentence the body gives.
pub fn cost_findings(c: &Comparison) -> Vec<String> {
    let mut lines = cost_lines(c);
    if c.cost.as_ref().is_some_and(|cost| !cost.options.is_empty()) && lines.len() > 1 {
        lines.remove(0);
    }
    lines
}

/// `45 practices`, `1 practice`.
fn practices_count(n: usize) -> String {
    plural(n, "practice", "practices")
}
