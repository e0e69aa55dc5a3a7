//! The Markdown report: the terminal report's content as headings and tables.

use std::fmt::Write as _;

use super::RenderOptions;
use super::view;
use crate::error::Result;
use crate::score::Assessment;

/// Renders the Markdown report.
pub struct MarkdownRenderer;

impl MarkdownRenderer {
    pub(crate) fn render(
        &self,
        assessment: &Assessment,
        options: &RenderOptions,
    ) -> Result<Vec<u8>> {
        let mut out = String::new();
        write_report(&mut out, assessment, options);
        Ok(out.into_bytes())
    }
}

/// Escapes text for a table cell: pipes, line breaks and characters Markdown would read.
fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// What a local checklist changed, with the reason for every removed item.
fn write_tailoring(out: &mut String, a: &Assessment) {
    let Some(t) = &a.meta.tailoring else {
        return;
    };
    let _ = writeln!(out, "> Scored against a {}.\n", cell(&t.summary()));
    for removal in &t.removed {
        let _ = writeln!(
            out,
            "- Removed `{}` ({}): {}",
            removal.item_id,
            cell(&removal.title),
            cell(&removal.reason)
        );
    }
    for added in &t.added {
        let _ = writeln!(out, "- Added `{added}`");
    }
    for change in &t.overridden {
        let _ = writeln!(
            out,
            "- Changed `{}`: {}",
            change.item_id,
            change.fields.join(", ")
        );
    }
    if !(t.removed.is_empty() && t.added.is_empty() && t.overridden.is_empty()) {
        out.push('\n');
    }
}

fn write_report(out: &mut String, a: &Assessment, options: &RenderOptions) {
    let confidential = options.include_internal_notes && a.has_internal_notes();
    let _ = writeln!(
        out,
        "# SRO program gap report: {}\n",
        cell(&a.meta.district)
    );
    if let Some(draft) = view::draft_line(a) {
        let text = draft.strip_prefix("DRAFT: ").unwrap_or(&draft);
        let _ = writeln!(out, "> **DRAFT**: {}\n", cell(text));
    }
    if confidential {
        let _ = writeln!(
            out,
            "> **CONFIDENTIAL**: this report includes internal notes. Do not publish it.\n"
        );
    }
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| District | {} |", cell(&a.meta.district));
    let _ = writeln!(out, "| Assessment | {} |", cell(&view::assessment_line(a)));
    if let Some(by) = &a.meta.prepared_by {
        let _ = writeln!(out, "| Prepared by | {} |", cell(by));
    }
    let _ = writeln!(out, "| Checklist | {} |", cell(&view::checklist_line(a)));
    let _ = writeln!(out, "| Profile | {} |\n", cell(&view::profile_line(a)));
    if let Some(warning) = view::version_warning(a) {
        let _ = writeln!(out, "> {}\n", cell(&warning));
    }
    write_tailoring(out, a);

    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(out, "- **Overall: {}**", view::headline(a));
    let _ = writeln!(out, "- Arithmetic: {}", view::arithmetic(&a.overall));
    let _ = writeln!(out, "- Coverage: {}", view::coverage(a));
    let _ = writeln!(
        out,
        "- Score over answered items: {}",
        view::answered_score(a)
    );
    if let Some(note) = view::rating_note(a) {
        let _ = writeln!(out, "- Rating: {}", cell(&note));
    }
    let _ = writeln!(out, "- Statuses: {}", view::counts_line(a));
    let _ = writeln!(out, "- Strengths: {}", view::strengths_line(a));
    let _ = writeln!(out, "- Critical: {}\n", view::critical_line(a));

    let _ = writeln!(out, "## Sections\n");
    let mut header = vec![
        "Section".to_string(),
        "Earned / possible".into(),
        "Score".into(),
    ];
    header.extend(a.counts.iter().map(|c| c.label.clone()));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let align: Vec<&str> = header
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { "---" } else { "---:" })
        .collect();
    let _ = writeln!(out, "|{}|", align.join("|"));
    for s in &a.sections {
        let counts: Vec<String> = s.counts.iter().map(|c| c.count.to_string()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&s.title),
            view::fraction(&s.score),
            view::percent(s.score.percent),
            counts.join(" | ")
        );
    }
    let counts: Vec<String> = a.counts.iter().map(|c| c.count.to_string()).collect();
    let _ = writeln!(
        out,
        "| **Overall** | **{}** | **{}** | {} |\n",
        view::fraction(&a.overall),
        view::percent(a.overall.percent),
        counts.join(" | ")
    );

    let gaps: Vec<_> = a.gaps().collect();
    let _ = writeln!(out, "## Gaps in priority order ({})\n", gaps.len());
    if gaps.is_empty() {
        let _ = writeln!(out, "No gaps among the answered items.\n");
    } else {
        let _ = writeln!(
            out,
            "| # | Priority | Item | Status | Responsible | Next step | Notes |"
        );
        let _ = writeln!(out, "|---:|---|---|---|---|---|---|");
        for item in gaps {
            let notes = notes(item, options);
            let _ = writeln!(
                out,
                "| {} | {} | {} (`{}`{}) | {} | {} | {} | {} |",
                item.gap_rank.unwrap_or(0),
                view::priority(item.priority),
                cell(&item.title),
                item.id,
                basis_suffix(item),
                cell(&item.status_label),
                item.responsible.label(),
                cell(&view::next_step(item)),
                cell(&notes),
            );
        }
        out.push('\n');
    }

    let unanswered: Vec<_> = a.unanswered().collect();
    let _ = writeln!(out, "## Unanswered items ({})\n", unanswered.len());
    if unanswered.is_empty() {
        let _ = writeln!(out, "Every item of the profile is answered.\n");
    } else {
        let _ = writeln!(out, "They score 0 until answered.\n");
        let _ = writeln!(
            out,
            "| Priority | Item | Basis | Title |\n|---|---|---|---|"
        );
        for item in unanswered {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                view::priority(item.priority),
                item.id,
                view::basis(item),
                cell(&item.title)
            );
        }
        out.push('\n');
    }
    let limits = view::method_limits(a);
    if !limits.is_empty() {
        let _ = writeln!(out, "## About this checklist\n");
        for line in limits {
            let _ = writeln!(out, "{}\n", cell(&line));
        }
    }
    let _ = writeln!(out, "---\n\n{}", cell(&view::stamp(a)));
}

/// `, Guidance` after the item id, or nothing when the checklist gives no basis.
fn basis_suffix(item: &crate::score::ItemResult) -> String {
    item.basis
        .map_or_else(String::new, |b| format!(", {}", b.label()))
}

/// Evidence and notes of a gap; the internal note only when asked for, marked as such.
fn notes(item: &crate::score::ItemResult, options: &RenderOptions) -> String {
    let Some(answer) = &item.answer else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(evidence) = &answer.evidence {
        parts.push(format!("Evidence: {evidence}"));
    }
    if let Some(note) = &answer.note {
        parts.push(format!("Note: {note}"));
    }
    if let Some(from) = &answer.carried_from {
        parts.push(view::carried_note(from));
    }
    if options.include_internal_notes
        && let Some(internal) = &answer.internal_note
    {
        parts.push(format!("CONFIDENTIAL internal note: {internal}"));
    }
    parts.join(" / ")
}
