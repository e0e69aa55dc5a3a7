//! The answers template written by `init`: every item of a profile with its title, guidance
//! and evidence hint as comments, and the status left empty for the committee.

use std::fmt::Write as _;

use crate::model::{AnswerField, Checklist, Date, Profile};
use crate::text::LongWords;

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
    /// Who rates, by name or role, when each committee member rates alone.
    pub rater: Option<&'a str>,
    /// The group the rater speaks for.
    pub rater_group: Option<&'a str>,
}

/// The district name `init` writes when no `--district` is given: plainly not a name, so that
/// `validate` and `report` ask for the real one.
pub const DISTRICT_PLACEHOLDER: &str = "(your district's name)";

const WRAP: usize = 96;

/// Answers carried over from an earlier assessment by `init --from`.
#[derive(Debug, Clone, Default)]
pub struct CarryOver {
    /// Names the earlier assessment: `2025 annual review (2025-03-10)`.
    pub from: String,
    /// Each earlier answer.
    pub answers: Vec<CarriedAnswer>,
}

/// One earlier answer as `init --from` copies it.
#[derive(Debug, Clone, Default)]
pub struct CarriedAnswer {
    /// The item id.
    pub item_id: String,
    /// The status; `None` for an item left unanswered whose note is carried.
    pub status: Option<String>,
    /// What showed it.
    pub evidence: Option<String>,
    /// The public note, kept for not-applicable answers: it is the reason the item does not
    /// apply, which the new file needs as much as the old one.
    pub note: Option<String>,
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
            .partition(|a| in_profile.contains(&a.item_id.as_str()));
        self.answers = kept;
        left.into_iter().map(|a| a.item_id).collect()
    }
}

/// The optional fields of the board packet, as comments to fill in. They are printed on the
/// first page of every report, so the comment says they are public.
fn board_placeholders(out: &mut String) {
    let _ = writeln!(
        out,
        "# For the school board, remove the # signs below and write in plain words. These lines\n\
         # are printed on the first page of every report, which is public: write nothing here\n\
         # about a student or a staff member (keep that in an answer's internal_note).\n\
         # reviewed_by: District leadership team   # who reviewed the assessment\n\
         # presented_on: 2026-04-20                # the board meeting that receives it\n\
         # recommendation: >\n\
         #   What the committee recommends, in a few sentences. Lines indented under\n\
         #   `recommendation: >` are joined into one paragraph.\n\
         # board_action: Approve the revised agreement with the police department"
    );
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
        let extra = if level.is_unknown() {
            " (note what could not be seen)"
        } else if level.credit.is_none() {
            " (add a note saying why)"
        } else {
            ""
        };
        let also = if level.aliases.is_empty() {
            String::new()
        } else {
            format!(" (or: {})", level.aliases.join(", "))
        };
        let _ = writeln!(out, "#   {:<8} {}{also}{extra}", level.value, level.label);
    }
    let _ = writeln!(out, "# Short form:   governance.example-item: met");
    let _ = writeln!(out, "# Long form:    governance.example-item:");
    for field in AnswerField::ALL {
        if let Some(example) = field.example() {
            let _ = writeln!(out, "#                 {}: {example}", field.key());
        }
    }
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
    let _ = writeln!(
        out,
        "# district_id: \"0000\"  # optional: the state or NCES district code, in quotes, so that\n\
         #                        # files of one district are joined even if the name is written differently"
    );
    let _ = writeln!(out, "label: {}", yaml_text(header.label));
    let _ = writeln!(out, "date: {}", header.date);
    let _ = writeln!(
        out,
        "prepared_by: {}",
        yaml_text(header.prepared_by.unwrap_or(""))
    );
    rater_lines(&mut out, header);
    board_placeholders(&mut out);
    let _ = writeln!(
        out,
        "# For a planning option, remove the # signs below and give its figures in digits\n\
         # (dollars without $ or commas); leave them out when assessing a program at work.\n\
         # option:\n\
         #   annual_cost: 98000    # what the option costs each year\n\
         #   one_time_cost: 15000  # start-up cost paid once: hiring, equipment, training\n\
         #   staff_fte: 1.0        # staff it needs, in full-time equivalents"
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

/// Who rates and for which group: a committee whose members rate alone puts them side by side
/// with `sro-assess consensus`. The groups are suggestions, not a list the loader checks.
fn rater_lines(out: &mut String, header: &TemplateHeader<'_>) {
    let _ = writeln!(
        out,
        "# When each committee member rates alone: who rates (a name or a role), and the group\n\
         # they speak for: district staff, law enforcement, family, student, community, board."
    );
    let _ = writeln!(out, "rater: {}", yaml_text(header.rater.unwrap_or("")));
    let _ = writeln!(
        out,
        "rater_group: {}",
        yaml_text(header.rater_group.unwrap_or(""))
    );
}

fn carried_entry(out: &mut String, carry: &CarryOver, item_id: &str) {
    let Some(answer) = carry.answers.iter().find(|a| a.item_id == item_id) else {
        return;
    };
    if let Some(status) = &answer.status {
        let _ = writeln!(out, "    status: {}", yaml_text(status));
    }
    if let Some(evidence) = &answer.evidence {
        let _ = writeln!(out, "    evidence: {}", yaml_text(evidence));
    }
    if let Some(note) = &answer.note {
        let _ = writeln!(out, "    note: {}", yaml_text(note));
    }
    // Only a status is re-checked: an unanswered item's note is carried as it was.
    if answer.status.is_some() {
        let _ = writeln!(out, "    carried_from: {}", yaml_text(&carry.from));
    }
}

/// Writes `text` as `  # ` comment lines wrapped at [`WRAP`] columns, its line breaks read as
/// spaces; a word longer than a line (a web address) stays whole.
fn comment(out: &mut String, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    for line in crate::text::wrap(&text.replace('\n', " "), WRAP, LongWords::KeepWhole) {
        let _ = writeln!(out, "  # {line}");
    }
}

/// A YAML scalar that reads back as the same text under YAML 1.1 and 1.2 (serde_yaml and
/// yaml-rust2 both read answers files): plain only when it cannot be anything but a string,
/// double-quoted with escapes otherwise.
///
/// One exception: a valid calendar date written exactly as `YYYY-MM-DD` stays plain, as the
/// `date:` and `due:` fields are written everywhere. serde_yaml and yaml-rust2 read it back as
/// the same text (neither resolves timestamps), and a YAML 1.1 reader that does gets the date
/// the field means. Any other timestamp shape (`2026-3-5`, a time of day) is quoted.
pub fn yaml_text(text: &str) -> String {
    if reads_back_as_plain_text(text) || is_calendar_date(text) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

/// Words YAML 1.1 or 1.2 reads as a bool, a null or a float, in any case (`yes`, `No`, `ON`,
/// `Null`), and the ones Rust's float parser would take.
const YAML_WORDS: [&str; 12] = [
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity",
];

/// Deliberately narrow: letters, digits, spaces and `-_.,()/'` only, starting with a letter
/// (or with a digit when a space follows somewhere: `2025-26 annual review`; no number, date
/// or time YAML knows has a space without a colon). That rules out every number in any base,
/// `.inf`, `1:30`, dates, indicators (`!&*%@|>{[#`), `: ` and ` #`.
fn reads_back_as_plain_text(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let safe_chars = text
        .chars()
        .all(|c| c.is_alphanumeric() || " -_.,()/'".contains(c));
    let safe_start = first.is_alphabetic() || (first.is_ascii_digit() && text.contains(' '));
    let word = text.to_lowercase();
    safe_chars && safe_start && !text.ends_with(' ') && !YAML_WORDS.contains(&word.as_str())
}

fn is_calendar_date(text: &str) -> bool {
    Date::parse(text).is_ok_and(|date| date.to_string() == text)
}

/// `"..."` with every character YAML would not keep as is written as an escape.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters outside YAML's printable set, and line breaks YAML 1.1 knows (NEL, LS, PS).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `key: {yaml_text(text)}` reads back as: serde_yaml into a String, serde_yaml into
    /// an untyped value, and yaml-rust2.
    fn read_back(text: &str) -> (Option<String>, Option<String>, Option<String>) {
        let document = format!("key: {}\n", yaml_text(text));
        let typed = serde_yaml::from_str::<std::collections::BTreeMap<String, String>>(&document)
            .ok()
            .and_then(|m| m.get("key").cloned());
        let untyped = serde_yaml::from_str::<serde_yaml::Value>(&document)
            .ok()
            .and_then(|v| v.get("key").and_then(|k| k.as_str()).map(String::from));
        let rust2 = yaml_rust2::YamlLoader::load_from_str(&document)
            .ok()
            .and_then(|docs| {
                docs.first()
                    .and_then(|d| d["key"].as_str())
                    .map(String::from)
            });
        (typed, untyped, rust2)
    }

    fn assert_reads_back(text: &str) {
        let same = Some(text.to_string());
        assert_eq!(
            read_back(text),
            (same.clone(), same.clone(), same),
            "{text:?} written as {}",
            yaml_text(text)
        );
    }

    /// The template with the board fields' `# ` removed, as a committee would fill them in.
    fn with_board_fields_filled_in(template: &str) -> String {
        let board_keys = [
            "reviewed_by",
            "presented_on",
            "recommendation",
            "board_action",
        ];
        let mut in_recommendation = false;
        let mut out = String::new();
        for line in template.lines() {
            let bare = line.strip_prefix("# ");
            let starts_field =
                bare.is_some_and(|b| board_keys.iter().any(|k| b.starts_with(&format!("{k}:"))));
            let continues = in_recommendation && bare.is_some_and(|b| b.starts_with("  "));
            in_recommendation =
                starts_field && bare.is_some_and(|b| b.starts_with("recommendation")) || continues;
            match bare {
                Some(text) if starts_field || continues => out.push_str(text),
                _ => out.push_str(line),
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn the_board_placeholders_become_valid_fields_once_uncommented() {
        let checklist = crate::load::bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let profile = checklist.profile("existing-program").unwrap();
        let header = TemplateHeader {
            checklist_reference: "wi-sro-best-practices",
            district: "Example Area School District",
            label: "2025-26 annual review",
            date: Date::parse("2026-03-15").unwrap(),
            prepared_by: None,
            rater: None,
            rater_group: None,
        };
        let template = answers_template(&checklist, profile, &header);
        assert!(template.contains("which is public"));
        let filled = with_board_fields_filled_in(&template);
        let document = crate::load::AnswersDocument::parse(&filled).unwrap();
        let (answers, _) = document.validate(&checklist).unwrap();
        let board = answers.board;
        assert_eq!(
            board.reviewed_by.as_deref(),
            Some("District leadership team")
        );
        assert_eq!(
            board.presented_on.map(|d| d.to_string()).as_deref(),
            Some("2026-04-20")
        );
        assert!(
            board
                .recommendation
                .unwrap()
                .starts_with("What the committee recommends")
        );
        assert!(board.board_action.unwrap().starts_with("Approve"));
    }

    #[test]
    fn quotes_text_yaml_would_misread() {
        assert_eq!(
            yaml_text("Example Area School District"),
            "Example Area School District"
        );
        assert_eq!(yaml_text("2026 assessment"), "2026 assessment");
        assert_eq!(yaml_text("2026.1"), "\"2026.1\"");
        assert_eq!(yaml_text("yes"), "\"yes\"");
        assert_eq!(yaml_text("0x10"), "\"0x10\"");
        assert_eq!(yaml_text("2026-06-30"), "2026-06-30");
        assert_eq!(yaml_text("2026-6-30"), "\"2026-6-30\"");
        assert_eq!(yaml_text("2026-02-30"), "\"2026-02-30\"");
        assert_eq!(yaml_text("2026-06-30 10:00"), "\"2026-06-30 10:00\"");
        assert_eq!(yaml_text("Review: 2026"), "\"Review: 2026\"");
        assert_eq!(yaml_text(""), "\"\"");
        assert_eq!(yaml_text("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(yaml_text("a\rb\u{85}"), "\"a\\rb\\u0085\"");
    }

    #[test]
    fn every_non_string_spelling_reads_back_as_text() {
        let cases = [
            "0x10",
            "0o17",
            "0b101",
            "017",
            "1_000",
            "+12",
            "-0",
            "0x_1F",
            "1e5",
            "-1.5E-3",
            ".5",
            "1.",
            ".inf",
            "-.INF",
            ".NaN",
            "nan",
            "inf",
            "Infinity",
            "1:30",
            "190:20:30",
            "-1:30",
            "2026-03-15",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "true",
            "False",
            "TRUE",
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "N",
            "~",
            "null",
            "Null",
            "NULL",
            "",
            "!tag",
            "&anchor",
            "*alias",
            "%YAML",
            "@x",
            "`x",
            "|",
            ">",
            "{a: 1}",
            "[1]",
            "# no comment",
            "a: b",
            "a #b",
            "- item",
            "? key",
            ":x",
            "'quoted'",
            "\"dq\"",
            " lead",
            "trail ",
            "a\nb",
            "a\tb",
            "tab\t",
            "\u{feff}bom",
            "<<",
            "=",
            "line\u{2028}sep",
            "nel\u{85}",
            "bell\u{7}",
            "del\u{7f}",
            "back\\slash",
        ];
        for case in cases {
            assert_reads_back(case);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_itself(text in "\\PC{0,16}|[-+.0-9a-fA-FxobeE_:]{1,8}|\\p{Any}{0,6}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ tT0-9:.Z-]{0,6}") {
            let same = Some(text.clone());
            proptest::prop_assert_eq!(read_back(&text), (same.clone(), same.clone(), same));
        }
    }
}
