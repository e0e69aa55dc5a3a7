//! The sentences and figures of a summary of many districts.

use super::{DRAFT_MARK, band_text, draft_footer, draft_notice_line, percent, plural};
use crate::compare::{DistrictRow, Role, Summary};

/// How many of the most common gaps the summary's document lists (CSV and JSON list all).
pub const COMMON_GAPS_SHOWN: usize = 15;

/// The DRAFT line under a summary's title: the districts whose
/// latest assessment is a draft, averaged or not.
pub fn summary_draft_line(s: &Summary) -> Option<String> {
    s.draft
        .as_ref()
        .map(|notice| draft_notice_line(notice, DRAFTS_AMONG))
}

/// What a summary's drafts are counted among.
pub const DRAFTS_AMONG: &str = "latest assessments";

/// The DRAFT line every printed page of a summary repeats.
pub fn summary_draft_footer(s: &Summary) -> Option<String> {
    s.draft
        .as_ref()
        .map(|notice| draft_footer(notice, DRAFTS_AMONG))
}

/// `SRO program summary: 3 districts, 5 assessments`.
pub fn summary_title(s: &Summary) -> String {
    format!(
        "SRO program summary: {}, {}",
        plural(s.district_count, "district", "districts"),
        plural(s.files, "assessment", "assessments")
    )
}

/// `84.4% on average over the latest assessment of 2 districts (profile existing-program,
/// checklist version 2026.1)`.
pub fn average_line(s: &Summary) -> String {
    let Some(basis) = &s.average_basis else {
        let not_rated = s.districts.iter().filter(|d| !d.rating.rated).count();
        return if not_rated > 0 {
            format!(
                "no average: {} not rated (too few items answered)",
                plural(not_rated, "latest assessment is", "latest assessments are")
            )
        } else {
            "no assessment to average".to_string()
        };
    };
    // One district's score is its own, not an average.
    let over = if basis.assessments == 1 {
        "for the latest assessment of the one district".to_string()
    } else {
        format!(
            "on average over the latest assessment of {}",
            plural(basis.assessments, "district", "districts")
        )
    };
    let mut line = format!(
        "{} {over} (profile {}, checklist version {})",
        percent(s.overall_average),
        basis.profile,
        basis.checklist_version
    );
    if basis.left_out > 0 {
        line.push_str(&format!(
            "; {} on another profile or version not averaged in",
            plural(basis.left_out, "latest assessment", "latest assessments")
        ));
    }
    if basis.not_rated > 0 {
        line.push_str(&format!(
            "; {} not rated (too few items answered) not averaged in",
            plural(basis.not_rated, "latest assessment", "latest assessments")
        ));
    }
    if !s.other_assessments.is_empty() {
        line.push_str(&format!(
            "; {} listed apart",
            plural(
                s.other_assessments.len(),
                "earlier assessment or planning option",
                "earlier assessments and planning options"
            )
        ));
    }
    line
}

/// The heading over the latest assessment of each district.
pub fn districts_heading(s: &Summary) -> String {
    format!(
        "Latest assessment per district ({} of {})",
        s.districts.len(),
        plural(s.district_count, "district", "districts")
    )
}

/// The heading over the files never averaged in.
pub fn others_heading(s: &Summary) -> String {
    format!(
        "Earlier assessments and planning options, not averaged ({})",
        s.other_assessments.len()
    )
}

/// Why a row is or is not in the averages: `averaged`, `earlier assessment`, `planning
/// option`, `not averaged: profile without-sro`.
pub fn role_cell(row: &DistrictRow) -> String {
    match row.role {
        Role::Latest if row.averaged => "averaged".to_string(),
        Role::Latest if row.overall.percent.is_none() => "not averaged: nothing scored".into(),
        Role::Latest if !row.rating.rated => "not averaged: not rated".into(),
        Role::Latest => format!(
            "not averaged: profile {}, version {}",
            row.profile, row.checklist_version
        ),
        Role::Earlier => "earlier assessment".to_string(),
        Role::Option => "planning option".to_string(),
    }
}

/// The district's name, with its code when the file gives one.
pub fn district_name(row: &DistrictRow) -> String {
    let name = match &row.district_id {
        Some(id) => format!("{} ({id})", row.district),
        None => row.district.clone(),
    };
    if row.draft.is_draft {
        format!("{name}{DRAFT_MARK}")
    } else {
        name
    }
}

/// Said instead of an empty table when no district has a latest assessment.
pub const NO_LATEST: &str = "No district has a current assessment of its program: every file is \
     a planning option or an earlier year, listed below.";

/// Explains the average per section.
pub const SECTION_AVERAGE_LINE: &str = "The mean of the districts' section percentages, each \
     taken over the section's answered items only (an unanswered item is not known to be a gap), \
     over the districts that answered at least one of the section's items; each average says \
     how many districts it is over.";

/// What the list of the most common gaps holds.
pub fn common_gaps_line(shown: usize, total: usize) -> String {
    format!(
        "The {shown} items that are a gap in the most districts, of {} that are a gap \
         somewhere. A gap is an item answered partly or not in place; an unanswered item is \
         never a gap (the most often unanswered are listed apart). The share is out of the \
         districts that answered the item.",
        plural(total, "item", "items")
    )
}

/// What the list of the items most often answered "don't know" holds.
pub fn most_unverified_line(shown: usize, total: usize) -> String {
    format!(
        "The {shown} items that could not be verified in the most districts (answered \
         \u{201C}don\u{2019}t know\u{201D}), of {} somewhere. These are not gaps: whether \
         they are in place is not known. The share is out of the districts whose profile \
         includes the item.",
        plural(total, "item", "items")
    )
}

/// What the list of the most often unanswered items holds.
pub fn most_unanswered_line(shown: usize, total: usize) -> String {
    format!(
        "The {shown} items left unanswered in the most districts, of {} left unanswered \
         somewhere. These are not gaps: whether they are in place is not yet known. The share \
         is out of the districts whose profile includes the item.",
        plural(total, "item", "items")
    )
}

/// `3 of 8 districts that answered it (37.5%)`.
pub fn gap_share(gap: &crate::compare::CommonGap) -> String {
    format!(
        "a gap in {} of {} that answered it, {:.1}%",
        gap.districts,
        plural(gap.answered, "district", "districts"),
        gap.share
    )
}

/// `Weakest section on average: Training (62.0% over 5 districts); strongest: ...`, over the
/// sections' answered items; `None` with fewer than two sections averaged.
pub fn weakest_strongest_line(s: &Summary) -> Option<String> {
    let scored: Vec<(&str, f64, usize)> = s
        .sections
        .iter()
        .filter_map(|section| {
            section
                .average
                .map(|a| (section.title.as_str(), a, section.districts))
        })
        .collect();
    let low = scored.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let high = scored.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    if scored.len() < 2 || low.1 >= high.1 {
        return None;
    }
    let figure = |(title, percent_value, districts): &(&str, f64, usize)| {
        let over = if *districts == 1 {
            "in the one district that answered it".to_string()
        } else {
            format!("on average over {districts} districts")
        };
        format!("{title} ({} {over})", percent(Some(*percent_value)))
    };
    Some(format!(
        "Weakest section, over answered items: {}; strongest: {}.",
        figure(low),
        figure(high)
    ))
}

/// `Statutory duties: across 6 districts, 150 of 170 in place, 12 partly or not, 8 not
/// answered; 2 districts have every one in place.`
pub fn statutory_summary_line(s: &Summary) -> Option<String> {
    let st = &s.statutory;
    if st.districts == 0 {
        return None;
    }
    let counts = crate::report::board::duty_counts(&st.counts);
    Some(format!(
        "Statutory duties, across the latest assessments of {}: {counts}; {} {} every one in place.",
        plural(st.districts, "district", "districts"),
        st.every_duty_in_place,
        if st.every_duty_in_place == 1 {
            "has"
        } else {
            "have"
        }
    ))
}

/// Explains how files are grouped into districts.
pub const GROUPING_NOTE: &str = "Files are grouped by district_id, or by district name when a \
     file has none. Each district counts once, by its latest assessment; earlier assessments and \
     planning options (files that describe a plan, or share the latest date) are listed apart and \
     never averaged in. Averages are over one profile and one checklist version.";

/// `12 files summarized` plus skipped files when there were any.
pub fn files_line(s: &Summary) -> String {
    let mut line = format!(
        "{} file{} summarized",
        s.files,
        if s.files == 1 { "" } else { "s" }
    );
    if s.skipped > 0 {
        line.push_str(&format!(
            "; {} skipped because of errors (listed on standard error)",
            s.skipped
        ));
    }
    line
}

/// `Title, version 2026.1`.
pub fn summary_checklist_line(s: &Summary) -> String {
    format!("{}, version {}", s.checklist.title, s.checklist.version)
}

/// `3`, or `3 (+2)` when critical items are unanswered too (see [`CRITICAL_GAPS_NOTE`]).
pub fn critical_cell(row: &DistrictRow) -> String {
    if row.critical_unanswered == 0 {
        row.critical_gaps.to_string()
    } else {
        format!("{} (+{})", row.critical_gaps, row.critical_unanswered)
    }
}

/// Explains the critical gaps column of the district table.
pub const CRITICAL_GAPS_NOTE: &str =
    "Critical gaps: critical items partly or not in place; (+n): critical items unanswered.";

/// `98 of 102 (96.1%)`.
pub fn district_coverage(row: &DistrictRow) -> String {
    let c = row.coverage;
    let mut line = format!("{} of {} ({:.1}%)", c.answered, c.items, c.percent());
    if row.unverified > 0 {
        line.push_str(&super::comparison::unverified_phrase(row.unverified));
    }
    line
}

/// `12 of 40 (30.0%)`.
pub fn share(districts: usize, applies: usize, share: f64) -> String {
    format!("{districts} of {applies} ({share:.1}%)")
}

/// `72.4% (Developing)`.
pub fn district_headline(row: &DistrictRow) -> String {
    format!("{} ({})", percent(row.overall.percent), district_band(row))
}

/// A district's band, or why it has none.
pub fn district_band(row: &DistrictRow) -> String {
    band_text(row.band.as_deref(), &row.rating, &row.coverage)
}
