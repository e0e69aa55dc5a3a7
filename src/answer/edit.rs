//! Changing one answer in the text of an answers file, keeping every other line (comments,
//! order, blank lines) as the committee wrote it. When the file's shape does not allow that
//! (`answers:` written inline, odd indentation), the caller rewrites the whole file instead.

use crate::template::yaml_text;

/// One answer as the questionnaire writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// A scale value.
    pub status: String,
    /// What shows it.
    pub evidence: Option<String>,
    /// Public note.
    pub note: Option<String>,
    /// Private note.
    pub internal_note: Option<String>,
    /// Who will close the gap.
    pub owner: Option<String>,
    /// Due date, YYYY-MM-DD.
    pub due: Option<String>,
}

impl Entry {
    /// The entry's lines at `indent` spaces: the short form when only the status is given.
    pub fn render(&self, id: &str, indent: usize) -> Vec<String> {
        let pad = " ".repeat(indent);
        let fields = [
            ("evidence", &self.evidence),
            ("note", &self.note),
            ("internal_note", &self.internal_note),
            ("owner", &self.owner),
            ("due", &self.due),
        ];
        if fields.iter().all(|(_, v)| v.is_none()) {
            return vec![format!("{pad}{id}: {}", yaml_text(&self.status))];
        }
        let mut lines = vec![
            format!("{pad}{id}:"),
            format!("{pad}  status: {}", yaml_text(&self.status)),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                lines.push(format!("{pad}  {key}: {}", yaml_text(value)));
            }
        }
        lines
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// The `answers:` block: the line after `answers:`, the end (exclusive), the entries' indent.
fn answers_block(lines: &[&str]) -> Option<(usize, usize, usize)> {
    let head = lines.iter().position(|l| {
        l.strip_prefix("answers:")
            .is_some_and(|rest| !is_content(rest))
    })?;
    let start = head + 1;
    let end = (start..lines.len())
        .find(|&i| is_content(lines[i]) && indent_of(lines[i]) == 0)
        .unwrap_or(lines.len());
    let indent = (start..end)
        .find(|&i| is_content(lines[i]))
        .map_or(2, |i| indent_of(lines[i]));
    (indent > 0).then_some((start, end, indent))
}

/// Whether the file lets one answer be replaced in place (comments kept).
pub fn editable(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    answers_block(&lines).is_some()
}

/// The text with `id`'s answer replaced by `entry` (added at the end of the block when the
/// item has no line yet), or `None` when the file's shape does not allow an edit in place.
pub fn set_answer(text: &str, id: &str, entry: &Entry) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let (start, end, indent) = answers_block(&lines)?;
    let key = format!("{id}:");
    let found = (start..end)
        .find(|&i| indent_of(lines[i]) == indent && lines[i].trim_start().starts_with(&key));
    let rendered = entry.render(id, indent);
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + rendered.len());
    match found {
        Some(at) => {
            // The entry's own lines: more indented and contiguous; the next item's comments
            // sit at the entry indent and stay.
            let stop = (at + 1..end)
                .find(|&i| !is_content(lines[i]) || indent_of(lines[i]) <= indent)
                .unwrap_or(end);
            out.extend(lines[..at].iter().map(|l| (*l).to_string()));
            out.extend(rendered);
            out.extend(lines[stop..].iter().map(|l| (*l).to_string()));
        }
        None => {
            // After the block's last content line, before any trailing blank lines or comments.
            let insert = (start..end)
                .rev()
                .find(|&i| is_content(lines[i]))
                .map_or(start, |i| i + 1);
            out.extend(lines[..insert].iter().map(|l| (*l).to_string()));
            out.extend(rendered);
            out.extend(lines[insert..].iter().map(|l| (*l).to_string()));
        }
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    Some(joined)
}

/// The text without the entries of `ids` (their comments stay), or `None` when the file's
/// shape does not allow an edit in place. The questionnaire drops the old ids of an item it
/// has just saved under its new id: the saved answer already holds what they said.
pub fn remove_entries(text: &str, ids: &[&str]) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let (start, end, indent) = answers_block(&lines)?;
    let is_key_of = |line: &str| {
        indent_of(line) == indent
            && ids
                .iter()
                .any(|id| line.trim_start().starts_with(&format!("{id}:")))
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if (start..end).contains(&i) && is_key_of(lines[i]) {
            i = (i + 1..end)
                .find(|&k| !is_content(lines[k]) || indent_of(lines[k]) <= indent)
                .unwrap_or(end);
            continue;
        }
        out.push(lines[i].to_string());
        i += 1;
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    Some(joined)
}

/// One field of an answer, as the questionnaire saves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A scale value.
    Status,
    /// What shows it.
    Evidence,
    /// Public note.
    Note,
    /// Private note.
    InternalNote,
    /// Who will close the gap.
    Owner,
    /// Due date, YYYY-MM-DD.
    Due,
    /// Marks an answer copied by `init --from`, not yet re-checked.
    CarriedFrom,
}

impl Field {
    /// The key as it is written in an answers file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Evidence => "evidence",
            Self::Note => "note",
            Self::InternalNote => "internal_note",
            Self::Owner => "owner",
            Self::Due => "due",
            Self::CarriedFrom => "carried_from",
        }
    }
}

/// Why an answers file could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// What is wrong, in words for the user.
    pub message: String,
}

/// The text with the named fields of item `id`'s answer set (`Some`) or removed (`None`),
/// adding the item when it has no answer yet. Every other byte of the file is kept.
pub fn set_fields(
    text: &str,
    id: &str,
    changes: &[(Field, Option<String>)],
) -> Result<String, EditError> {
    let fail = |message: &str| EditError {
        message: message.to_string(),
    };
    let root: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|_| fail("the file is not valid YAML"))?;
    let current = root.get("answers").and_then(|a| a.get(id));
    let field = |key: &str| -> Option<String> {
        match current? {
            serde_yaml::Value::Mapping(m) => {
                m.get(key).and_then(|v| v.as_str()).map(str::to_string)
            }
            serde_yaml::Value::String(s) if key == "status" => Some(s.clone()),
            _ => None,
        }
    };
    let mut entry = Entry {
        status: field("status").unwrap_or_default(),
        evidence: field("evidence"),
        note: field("note"),
        internal_note: field("internal_note"),
        owner: field("owner"),
        due: field("due"),
    };
    for (which, value) in changes {
        match which {
            Field::Status => entry.status = value.clone().unwrap_or_default(),
            Field::Evidence => entry.evidence.clone_from(value),
            Field::Note => entry.note.clone_from(value),
            Field::InternalNote => entry.internal_note.clone_from(value),
            Field::Owner => entry.owner.clone_from(value),
            Field::Due => entry.due.clone_from(value),
            Field::CarriedFrom => {}
        }
    }
    set_answer(text, id, &entry).ok_or_else(|| fail("the answers cannot be edited in place"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
district: X
answers:

  # === Section 1 ===
  # [critical] A signed MOU
  mou.signed:

  # [medium] Reviewed yearly
  mou.review:
    status: partial
    carried_from: 2025 (2025-03-01)
  # trailing comment
";

    #[test]
    fn replaces_an_entry_and_keeps_comments() {
        let entry = Entry {
            status: "met".into(),
            evidence: Some("Signed 2025-08-01".into()),
            ..Entry::default()
        };
        let text = set_answer(TEXT, "mou.signed", &entry).unwrap();
        assert!(text.contains("  # [critical] A signed MOU\n  mou.signed:\n    status: met\n    evidence: Signed 2025-08-01\n\n  # [medium]"), "{text}");
        let text = set_answer(
            &text,
            "mou.review",
            &Entry {
                status: "met".into(),
                ..Entry::default()
            },
        )
        .unwrap();
        assert!(
            text.contains("  mou.review: met\n  # trailing comment\n"),
            "{text}"
        );
    }

    #[test]
    fn adds_a_missing_entry_and_refuses_inline_answers() {
        let text = set_answer(
            TEXT,
            "mou.other",
            &Entry {
                status: "na".into(),
                ..Entry::default()
            },
        )
        .unwrap();
        assert!(
            text.contains("    carried_from: 2025 (2025-03-01)\n  mou.other: na\n"),
            "{text}"
        );
        assert!(set_answer("district: X\nanswers: {}\n", "a.b", &Entry::default()).is_none());
    }

    #[test]
    fn removes_old_entries_and_keeps_the_rest() {
        let text = "answers:\n  # [high] Old\n  old.a:\n    status: met\n    evidence: E\n  new.b: partial\n  old.c: not_met\n";
        let out = remove_entries(text, &["old.a", "old.c"]).unwrap();
        assert_eq!(out, "answers:\n  # [high] Old\n  new.b: partial\n");
    }
}
