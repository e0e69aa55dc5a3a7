//! CSV for spreadsheets. A comparison is wide (one column per assessment, as on screen); a
//! summary is long (one row per district, section average and item), told apart by `row_type`.

use crate::compare::{CellState, Column, Comparison, ItemCell, Role, Summary, TrendStep};
use crate::error::Result;
use crate::report::RenderOptions;
use crate::report::view::draft_reasons;
use crate::report::view::{self, csv_number, csv_weight};
use crate::score::{Coverage, Draft};

/// Renders comparisons and summaries as CSV.
pub struct CsvRenderer;

type Rows = Vec<Vec<String>>;

impl CsvRenderer {
    pub(crate) fn comparison(&self, c: &Comparison, _options: &RenderOptions) -> Result<Vec<u8>> {
        let whole = view::comparison::whole_trend(c);
        let mut header: Vec<String> = ["row_type", "id", "title", "priority"]
            .map(String::from)
            .to_vec();
        header.extend(c.columns.iter().map(|col| col.label.clone()));
        if whole.is_some() {
            header.push("change".into());
        }
        // The header first, always: a draft column says so in its `draft` row.
        let mut rows: Rows = vec![header];
        rows.extend(figure_rows(c, whole));
        rows.extend(section_rows(c, whole));
        rows.extend(item_rows(c, whole));
        write(rows)
    }

    pub(crate) fn summary(&self, s: &Summary, _options: &RenderOptions) -> Result<Vec<u8>> {
        // The header first, always: each district's row says in `draft` whether it is one.
        let mut rows: Rows = vec![SUMMARY_HEADER.map(String::from).to_vec()];
        rows.extend(district_rows(s));
        rows.extend(average_rows(s));
        rows.extend(gap_rows(s));
        write(rows)
    }
}

/// Why a file is a draft, in a few words for a cell; empty when it is not.
fn draft_cell(draft: &Draft, coverage: Coverage, threshold: f64) -> String {
    if draft.is_draft {
        draft_reasons(draft, coverage, threshold).join("; ")
    } else {
        String::new()
    }
}

fn write(rows: Rows) -> Result<Vec<u8>> {
    Ok(crate::spreadsheet::csv_cell::write_rows(rows))
}

fn figure_rows(c: &Comparison, whole: Option<&TrendStep>) -> Rows {
    let ranks = &c.weight_check.ranks;
    let costed = |col: &Column| {
        c.cost
            .as_ref()
            .and_then(|cost| cost.options.iter().find(|o| o.label == col.label))
    };
    let increment = |col: &Column| costed(col).and_then(|o| o.increment.as_ref());
    let figure = |id: &str, title: &str, value: &dyn Fn(usize, &Column) -> String| {
        let mut row = vec!["figure".to_string(), id.into(), title.into(), String::new()];
        row.extend(c.columns.iter().enumerate().map(|(n, col)| value(n, col)));
        if whole.is_some() {
            row.push(String::new());
        }
        row
    };
    let option = |col: &Column, f: fn(&crate::model::OptionFigures) -> Option<f64>| {
        col.option.as_ref().and_then(f)
    };
    let mut rows = vec![
        figure("district", "District", &|_, col| col.district.clone()),
        figure("date", "Date", &|_, col| col.date.to_string()),
        figure("profile", "Profile", &|_, col| col.profile.id.clone()),
        figure("profile_items", "Items in the profile", &|_, col| {
            col.coverage.items.to_string()
        }),
        figure("scored_items", "Items scored", &|_, col| {
            col.scored_items.to_string()
        }),
        figure("answered", "Items answered", &|_, col| {
            col.coverage.answered.to_string()
        }),
        figure("earned", "Earned weight", &|_, col| {
            csv_weight(col.overall.earned)
        }),
        figure("possible", "Possible weight", &|_, col| {
            csv_weight(col.overall.possible)
        }),
        figure("percent", "Overall percent", &|_, col| {
            csv_number(col.overall.percent)
        }),
        figure("band", "Band", &|_, col| {
            col.band.clone().unwrap_or_default()
        }),
        figure("critical_in_place", "Critical items in place", &|_, col| {
            col.critical.in_place.to_string()
        }),
        figure("critical_scored", "Critical items scored", &|_, col| {
            col.critical.scored.to_string()
        }),
        figure(
            "equal_weight_percent",
            "Percent with equal weights",
            &|_, col| csv_number(col.equal_weight.percent),
        ),
        figure("common_items", "Items every column scores", &|_, _| {
            c.common_items.items.to_string()
        }),
        figure(
            "common_percent",
            "Percent on the common items",
            &|_, col| csv_number(col.common.percent),
        ),
        figure(
            "common_equal_weight_percent",
            "Percent on the common items with equal weights",
            &|_, col| csv_number(col.common_equal_weight.percent),
        ),
        figure(
            "rank",
            "Rank on the common items (ties within the margin share one; empty: not rated)",
            &|_, col| col.rank.map_or(String::new(), |r| r.to_string()),
        ),
        figure(
            "equal_weight_rank",
            "Rank on the common items with equal weights",
            &|n, _| ranks.get(n).map_or(String::new(), |r| r.equal.to_string()),
        ),
        figure("annual_cost", "Annual cost", &|_, col| {
            option(col, |o| o.annual_cost).map_or(String::new(), |v| format!("{v}"))
        }),
        figure("one_time_cost", "One-time cost", &|_, col| {
            option(col, |o| o.one_time_cost).map_or(String::new(), |v| format!("{v}"))
        }),
        figure("staff_fte", "Staff (FTE)", &|_, col| {
            option(col, |o| o.staff_fte).map_or(String::new(), |v| format!("{v}"))
        }),
        figure("years", "Years planned over", &|_, col| {
            option(col, |o| o.years).map_or(String::new(), |v| format!("{v}"))
        }),
        figure(
            "in_place_common",
            "Practices in place on the common items",
            &|_, col| costed(col).map_or(String::new(), |o| o.in_place.to_string()),
        ),
        figure(
            "dominated_by",
            "Dominated by (costs no more, at least as many practices in place)",
            &|_, col| {
                costed(col)
                    .and_then(|o| o.dominated_by.clone())
                    .unwrap_or_default()
            },
        ),
        figure(
            "increment_over",
            "Set against the next less costly option that is not dominated",
            &|_, col| increment(col).map_or(String::new(), |i| i.over.clone()),
        ),
        figure(
            "extra_annual_cost",
            "Extra annual cost over that option",
            &|_, col| increment(col).map_or(String::new(), |i| format!("{}", i.extra_annual_cost)),
        ),
        figure(
            "extra_in_place",
            "Extra practices in place over that option",
            &|_, col| increment(col).map_or(String::new(), |i| i.extra_in_place.to_string()),
        ),
        figure(
            "critical_open",
            "Critical items partly or not in place",
            &|_, col| {
                let ids: Vec<&str> = col.critical_open.iter().map(|i| i.id.as_str()).collect();
                ids.join(" ")
            },
        ),
        figure(
            "critical_unanswered",
            "Critical items not yet answered",
            &|_, col| {
                let ids: Vec<&str> = col
                    .critical_unanswered
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect();
                ids.join(" ")
            },
        ),
        figure(
            "statutory_in_place",
            "Statutory duties in place",
            &|_, col| {
                col.statutory
                    .as_ref()
                    .map_or(String::new(), |s| s.in_place.to_string())
            },
        ),
        figure(
            "statutory_scored",
            "Statutory duties that apply",
            &|_, col| {
                col.statutory
                    .as_ref()
                    .map_or(String::new(), |s| s.scored().to_string())
            },
        ),
        figure("draft", "Why it is a draft (empty if not)", &|_, col| {
            draft_cell(&col.draft, col.coverage, col.rating.coverage_threshold)
        }),
    ];
    if let Some(step) = whole {
        let mut row = figure(
            "newly_unanswered",
            "Items answered first and unanswered last",
            &|_, _| String::new(),
        );
        if let Some(last) = row.last_mut() {
            *last = step.newly_unanswered.to_string();
        }
        rows.push(row);
    }
    // Only when some column has such items, so a comparison without them reads as before.
    if c.columns.iter().any(|col| col.unverified > 0) {
        let at = rows
            .iter()
            .position(|r| r[1] == "answered")
            .map_or(0, |n| n + 1);
        rows.insert(
            at,
            figure(
                "unverified",
                "Items that could not be verified",
                &|_, col| col.unverified.to_string(),
            ),
        );
    }
    let percent_row = rows.iter_mut().find(|r| r[1] == "percent");
    if let (Some(step), Some(last)) = (whole, percent_row.and_then(|r| r.last_mut())) {
        *last = csv_number(step.overall_like_for_like.points);
    }
    rows
}

fn section_rows(c: &Comparison, whole: Option<&TrendStep>) -> Rows {
    c.sections
        .iter()
        .map(|section| {
            let mut row = vec![
                "section".to_string(),
                section.id.clone(),
                section.title.clone(),
                String::new(),
            ];
            row.extend(section.scores.iter().map(|s| match s {
                None => "not_in_scope".into(),
                Some(s) if !s.rated => "not_rated".into(),
                Some(s) => csv_number(s.score.percent),
            }));
            if let Some(step) = whole {
                let change = step.sections.iter().find(|s| s.id == section.id);
                row.push(csv_number(change.and_then(|s| s.like_for_like.points)));
            }
            row
        })
        .collect()
}

fn item_rows(c: &Comparison, whole: Option<&TrendStep>) -> Rows {
    c.items
        .iter()
        .map(|item| {
            let mut row = vec![
                "item".to_string(),
                item.id.clone(),
                item.title.clone(),
                item.priority.as_str().to_string(),
            ];
            row.extend(item.cells.iter().map(status_value));
            if let Some(step) = whole {
                row.push(movement(step, &item.id).to_string());
            }
            row
        })
        .collect()
}

/// The scale value, or `unanswered` / `not_in_scope`.
fn status_value(cell: &ItemCell) -> String {
    match (&cell.status, cell.state) {
        (Some(status), _) => status.clone(),
        (None, CellState::NotInScope) => "not_in_scope".into(),
        (None, _) => "unanswered".into(),
    }
}

fn movement(step: &TrendStep, id: &str) -> &'static str {
    let lists = [
        ("improved", &step.improved),
        ("slipped", &step.regressed),
        ("newly_answered", &step.new),
        ("no_longer_answered", &step.dropped),
        ("reclassified", &step.reclassified),
    ];
    lists
        .iter()
        .find(|(_, list)| list.iter().any(|c| c.id == id))
        .map_or("unchanged", |(name, _)| name)
}

const SUMMARY_HEADER: [&str; 28] = [
    "row_type",
    "district",
    "label",
    "date",
    "profile",
    "source",
    "answers_hash",
    "id",
    "title",
    "priority",
    "percent",
    "earned",
    "possible",
    "band",
    "answered",
    "items",
    "critical_gaps",
    "critical_unanswered",
    "gaps",
    "unanswered",
    "districts",
    "district_id",
    "role",
    "averaged",
    "checklist_version",
    // Last, so readers that take columns by position keep working.
    "draft",
    "in_place",
    "partly_or_not",
];

fn district_rows(s: &Summary) -> Rows {
    s.districts
        .iter()
        .chain(&s.other_assessments)
        .map(|d| {
            vec![
                "district".into(),
                d.district.clone(),
                d.label.clone(),
                d.date.to_string(),
                d.profile.clone(),
                d.source.clone(),
                d.answers_hash.clone(),
                String::new(),
                String::new(),
                String::new(),
                csv_number(d.overall.percent),
                csv_weight(d.overall.earned),
                csv_weight(d.overall.possible),
                d.band.clone().unwrap_or_default(),
                d.coverage.answered.to_string(),
                d.coverage.items.to_string(),
                d.critical_gaps.to_string(),
                d.critical_unanswered.to_string(),
                d.gaps.to_string(),
                d.unanswered.to_string(),
                String::new(),
                d.district_id.clone().unwrap_or_default(),
                role_name(d.role).to_string(),
                d.averaged.to_string(),
                d.checklist_version.clone(),
                draft_cell(&d.draft, d.coverage, d.rating.coverage_threshold),
                String::new(),
                String::new(),
            ]
        })
        .collect()
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Latest => "latest",
        Role::Earlier => "earlier",
        Role::Option => "option",
    }
}

/// A row with only the given columns filled.
fn sparse(fields: &[(&str, String)]) -> Vec<String> {
    SUMMARY_HEADER
        .iter()
        .map(|column| {
            fields
                .iter()
                .find(|(name, _)| name == column)
                .map_or_else(String::new, |(_, value)| value.clone())
        })
        .collect()
}

fn average_rows(s: &Summary) -> Rows {
    let scored = s.districts.iter().filter(|d| d.averaged).count();
    let basis = s.average_basis.as_ref();
    let mut rows = vec![sparse(&[
        ("row_type", "overall_average".into()),
        ("title", "Overall".into()),
        ("percent", csv_number(s.overall_average)),
        ("districts", scored.to_string()),
        (
            "profile",
            basis.map(|b| b.profile.clone()).unwrap_or_default(),
        ),
        (
            "checklist_version",
            basis
                .map(|b| b.checklist_version.clone())
                .unwrap_or_default(),
        ),
    ])];
    rows.extend(s.sections.iter().map(|section| {
        sparse(&[
            ("row_type", "section_average".into()),
            ("id", section.id.clone()),
            ("title", section.title.clone()),
            ("percent", csv_number(section.average)),
            ("districts", section.districts.to_string()),
        ])
    }));
    rows
}

/// One row per item that is a gap somewhere, most common first: `gaps` districts of `districts`
/// where the item applies, `percent` their share.
fn gap_rows(s: &Summary) -> Rows {
    s.common_gaps
        .iter()
        .map(|gap| {
            sparse(&[
                ("row_type", "common_gap".into()),
                ("id", gap.id.clone()),
                ("title", gap.title.clone()),
                ("priority", gap.priority.as_str().into()),
                ("percent", format!("{:.1}", gap.share)),
                ("gaps", gap.districts.to_string()),
                ("answered", gap.answered.to_string()),
                ("districts", gap.applies.to_string()),
            ])
        })
        .chain(s.most_unanswered.iter().map(|item| {
            sparse(&[
                ("row_type", "unanswered_item".into()),
                ("id", item.id.clone()),
                ("title", item.title.clone()),
                ("priority", item.priority.as_str().into()),
                ("percent", format!("{:.1}", item.share)),
                ("unanswered", item.districts.to_string()),
                ("districts", item.applies.to_string()),
            ])
        }))
        .chain(std::iter::once(sparse(&[
            ("row_type", "statutory_duties".into()),
            ("title", "Statutory duties".into()),
            ("items", s.statutory.counts.scored.to_string()),
            ("in_place", s.statutory.counts.in_place.to_string()),
            (
                "partly_or_not",
                s.statutory.counts.partly_or_not.to_string(),
            ),
            ("unanswered", s.statutory.counts.unanswered.to_string()),
            ("districts", s.statutory.districts.to_string()),
        ])))
        .collect()
}
