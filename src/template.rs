//! The answers template written by `init`: every item of a profile with its title, guidance
//! and evidence hint as comments, and the status left empty for the committee.

use std::fmt::Write as _;

use crate::model::{Checklist, Date, Profile};

/// What goes at the top of a new answers file.
#[derive(Debug, Clone)]
pub struct TemplateHeader<'a> {
    /// How the file names its checklist (a bundled id or a path).
    pub checklist_reference: &'a str,
    /// The district's name.
    pub district: &'a str,
    /// The assessment's label.
    pub label: &'a str,
    /// The assessment date.
    pub date: Date,
    /// Who prepares it.
    pub prepared_by: Option<&'a str>,
}

const WRAP: usize = 96;

/// Answers carried over from an earlier assessment by `init --from`.
#[derive(Debug, Clone, Default)]
pub struct CarryOver {
    /// Names the earlier assessment: `2025 annual review (2025-03-10)`.
    pub from: String,
    /// (item id, status, evidence) of each earlier answer.
    pub answers: Vec<(String, String, Option<String>)>,
}

impl CarryOver {
    /// Keeps the answers to items of `profile` and returns the ids of the others, which the
    /// template has no place for.
    pub fn retain_profile(&mut self, checklist: &Checklist, profile: &Profile) -> Vec<String> {
        let in_profile: Vec<&str> = checklist
            .items_in_profile(profile)
            .map(|(_, item)| item.id.as_str())
            .collect();
        let (kept, left): (Vec<_>, Vec<_>) = std::mem::take(&mut self.answers)
            .into_iter()
            .partition(|(id, ..)| in_profile.contains(&id.as_str()));
        self.answers = kept;
        left.into_iter().map(|(id, ..)| id).collect()
    }
}

/// Writes the template text.
pub fn answers_template(
    checklist: &Checklist,
    profile: &Profile,
    header: &TemplateHeader<'_>,
) -> String {
    answers_template_from(checklist, profile, header, None)
}

/// Writes the template text with earlier answers filled in, each marked `carried_from` so the
/// committee re-checks it (`validate` lists them; the questionnaire offers them for review).
pub fn answers_template_from(
    checklist: &Checklist,
    profile: &Profile,
    header: &TemplateHeader<'_>,
    carry: Option<&CarryOver>,
) -> String {
    let mut out = String::new();
    let items: Vec<_> = checklist.items_in_profile(profile).collect();
    let _ = writeln!(out, "# sro-assess answers file");
    let _ = writeln!(
        out,
        "# Checklist: {} (version {})",
        checklist.title, checklist.version
    );
    let _ = writeln!(
        out,
        "# Profile:   {}: {} ({} items)",
        profile.id,
        profile.title,
        items.len()
    );
    let _ = writeln!(out, "#");
    let _ = writeln!(out, "# For each item, write a status after the colon:");
    for level in &checklist.scale {
        let extra = if level.credit.is_none() {
            " (add a note saying why)"
        } else {
            ""
        };
        let _ = writeln!(out, "#   {:<8} {}{extra}", level.value, level.label);
    }
    let _ = writeln!(out, "# Short form:   governance.example-item: met");
    let _ = writeln!(out, "# Long form:    governance.example-item:");
    let _ = writeln!(out, "#                 status: partial");
    let _ = writeln!(
        out,
        "#                 evidence: What shows it (documents, minutes, rosters)"
    );
    let _ = writeln!(out, "#                 note: Printed in reports");
    let _ = writeln!(
        out,
        "#                 internal_note: Never printed unless asked for"
    );
    let _ = writeln!(out, "#                 owner: Who will close the gap");
    let _ = writeln!(out, "#                 due: 2026-06-30");
    let _ = writeln!(
        out,
        "# Items left empty count as unanswered: they score 0 and are listed apart."
    );
    if let Some(carry) = carry {
        let _ = writeln!(
            out,
            "# Answers marked `carried_from` were copied from {}: re-check each one,",
            carry.from
        );
        let _ = writeln!(
            out,
            "# then delete its `carried_from` line. `validate` lists those still to re-check."
        );
    }
    let _ = writeln!(
        out,
        "# Check the file at any time with: sro-assess validate <this file>\n"
    );
    let _ = writeln!(out, "checklist: {}", yaml_text(header.checklist_reference));
    let _ = writeln!(out, "checklist_version: {}", yaml_text(&checklist.version));
    let _ = writeln!(out, "profile: {}", yaml_text(&profile.id));
    let _ = writeln!(out, "district: {}", yaml_text(header.district));
    let _ = writeln!(out, "label: {}", yaml_text(header.label));
    let _ = writeln!(out, "date: {}", header.date);
    let _ = writeln!(
        out,
        "prepared_by: {}",
        yaml_text(header.prepared_by.unwrap_or(""))
    );
    let _ = writeln!(out, "answers:");
    let sections: Vec<_> = checklist
        .sections
        .iter()
        .filter(|s| items.iter().any(|(is, _)| is.id == s.id))
        .collect();
    for (number, section) in sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n  # === Section {} of {}: {} ===",
            number + 1,
            sections.len(),
            section.title
        );
        for (_, item) in items.iter().filter(|(s, _)| s.id == section.id) {
            let _ = writeln!(out);
            comment(
                &mut out,
                &format!("[{}] {}", item.priority.as_str(), item.title),
            );
            comment(&mut out, &format!("Guidance: {}", item.guidance));
            if !item.evidence.is_empty() {
                comment(&mut out, &format!("Evidence: {}", item.evidence));
            }
            let _ = writeln!(out, "  {}:", item.id);
            if let Some(carry) = carry {
                carried_entry(&mut out, carry, &item.id);
            }
        }
    }
    out
}

fn carried_entry(out: &mut String, carry: &CarryOver, item_id: &str) {
    let Some((_, status, evidence)) = carry.answers.iter().find(|(id, ..)| id == item_id) else {
        return;
    };
    let _ = writeln!(out, "    status: {}", yaml_text(status));
    if let Some(evidence) = evidence {
        let _ = writeln!(out, "    evidence: {}", yaml_text(evidence));
    }
    let _ = writeln!(out, "    carried_from: {}", yaml_text(&carry.from));
}

/// Writes `text` as `  # ` comment lines wrapped at [`WRAP`] columns.
fn comment(out: &mut String, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > WRAP {
            let _ = writeln!(out, "  # {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "  # {line}");
    }
}

/// A YAML scalar that reads back as the same text (quoted when YAML would read it otherwise).
pub fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " -_.,()/'".contains(c))
        && !text.starts_with(['-', ' ', '\''])
        && !text.ends_with(' ')
        && text.parse::<f64>().is_err()
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
        );
    if plain {
        text.to_string()
    } else {
        format!(
            "\"{}\"",
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_text_yaml_would_misread() {
        assert_eq!(
            yaml_text("Example Area School District"),
            "Example Area School District"
        );
        assert_eq!(yaml_text("2026.1"), "\"2026.1\"");
        assert_eq!(yaml_text("yes"), "\"yes\"");
        assert_eq!(yaml_text("Review: 2026"), "\"Review: 2026\"");
        assert_eq!(yaml_text(""), "\"\"");
        assert_eq!(yaml_text("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
