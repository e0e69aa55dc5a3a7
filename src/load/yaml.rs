//! The one place that calls serde_yaml: parse text, translate its errors into plain words.
//!
//! serde_yaml 0.9 is archived upstream; keeping every call here means a swap to a maintained
//! fork touches one file.

use serde::de::DeserializeOwned;

use super::positions::PositionIndex;
use crate::error::{Diagnostic, Location};

/// Parsed YAML with the position of every key and value.
pub struct Parsed<T> {
    /// The deserialized document.
    pub value: T,
    /// Where each key and value is.
    pub positions: PositionIndex,
}

/// Parses `text`, or returns the diagnostics that explain why it cannot be parsed: tabs used
/// for indentation, an empty file, a syntax or type error, keys written twice.
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let value = parse_without_positions(text, what)?;
    Ok(Parsed {
        value,
        positions: PositionIndex::build(text),
    })
}

/// Like [`parse`], without indexing positions on success: a second pass over the text that a
/// caller needs only once it has a problem to place (the bundled checklist has none).
pub fn parse_without_positions<T: DeserializeOwned>(
    text: &str,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let forbidden = crate::text::forbidden_characters(text);
    if !forbidden.is_empty() {
        return Err(forbidden);
    }
    let tabs = tab_indentation(text);
    if !tabs.is_empty() {
        return Err(tabs);
    }
    if is_blank(text) {
        return Err(vec![
            Diagnostic::error(
                Some(Location { line: 1, column: 1 }),
                format!("the file is empty; {what} needs at least its top-level keys"),
            )
            .with_hint(empty_hint(what)),
        ]);
    }
    if let Some(second) = second_document(text) {
        return Err(vec![second]);
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(err) => {
            // serde_yaml stops at the first repeated key and names neither occurrence well:
            // list every repeated key with both lines instead.
            let repeated = duplicate_keys(&PositionIndex::build(text));
            Err(if repeated.is_empty() {
                vec![translate(&err)]
            } else {
                repeated
            })
        }
    }
}

/// A second YAML document after the first (a `---` line after content, or content after
/// `...`): the parsers refuse the file without a position or a hint.
pub(super) fn second_document(text: &str) -> Option<Diagnostic> {
    let mut content = false;
    let mut ended = false;
    for (i, line) in text.lines().enumerate() {
        let marker = line == "---" || line.starts_with("--- ") || line.starts_with("---\t");
        let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
        if line == "..." || line.starts_with("... ") {
            ended = content;
            continue;
        }
        if (marker && content) || (ended && !blank) {
            return Some(
                Diagnostic::error(
                    Some(Location {
                        line: i + 1,
                        column: 1,
                    }),
                    "a second YAML document starts here; a file holds one checklist or one \
                     set of answers",
                )
                .with_hint(
                    "delete this line if the file is meant to go on; if two files were joined, \
                     split them into two files",
                ),
            );
        }
        if !blank && !marker && !line.starts_with('%') {
            content = true;
        }
    }
    None
}

/// One error per key written twice in the same mapping, naming the first occurrence.
fn duplicate_keys(positions: &PositionIndex) -> Vec<Diagnostic> {
    positions
        .duplicates
        .iter()
        .map(|dup| {
            let (message, hint) = if dup.parent == "answers" {
                (
                    format!(
                        "the item `{}` is answered twice (first at line {})",
                        dup.key, dup.first.line
                    ),
                    "keep one answer and delete the other; otherwise one would be lost",
                )
            } else {
                (
                    format!(
                        "the key `{}` is written twice (first at line {})",
                        dup.key, dup.first.line
                    ),
                    "keep one of the two",
                )
            };
            Diagnostic::error(Some(dup.at), message).with_hint(hint)
        })
        .collect()
}

fn empty_hint(what: &str) -> &'static str {
    if what.contains("answers") {
        "run `sro-assess init -o answers.yaml` to write a template to fill in"
    } else {
        "start from the bundled checklist: `sro-assess checklist show wi-sro-best-practices --format yaml`"
    }
}

pub(super) fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Every line indented with a tab: YAML forbids tabs there, and the parser's own message
/// ("found character that cannot start any token") does not say so.
pub(super) fn tab_indentation(text: &str) -> Vec<Diagnostic> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            // Spaces and tabs are one byte each: the indentation's length in bytes.
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let tab = line[..indent].find('\t')?;
            let rest = &line[indent..];
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            Some(
                Diagnostic::error(
                    Some(Location {
                        line: i + 1,
                        column: tab + 1,
                    }),
                    "a tab is used for indentation; YAML allows only spaces there",
                )
                .with_hint("replace the tab with spaces (two spaces per level is usual)"),
            )
        })
        .collect()
}

/// A serde_yaml error about a YAML tree that has no text (a merged local checklist): the
/// message in plain words, without a position.
pub(super) fn translate_without_position(err: &serde_yaml::Error) -> Diagnostic {
    let (message, hint) = explain(&strip_positions(&err.to_string()));
    let diagnostic = Diagnostic::error(None, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Turns a serde_yaml error into a diagnostic with its position and a plain-English hint.
fn translate(err: &serde_yaml::Error) -> Diagnostic {
    let full = err.to_string();
    // An unclosed quote is found at the end of the file; the quote itself is what to fix.
    let location = quote_start(&full).or_else(|| {
        err.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
        })
    });
    let message = strip_positions(&full);
    let (message, hint) = explain(&message);
    let diagnostic = Diagnostic::error(location, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Where the quoted text that is never closed starts, from the parser's message.
fn quote_start(message: &str) -> Option<Location> {
    const START: &str = "while scanning a quoted scalar at line ";
    let rest = &message[message.find(START)? + START.len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Location {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// Removes " at line N column M" from a parser message: the position is printed in front.
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(" at line ") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(tail);
        let after_line = &tail[line_len..];
        match after_line.strip_prefix(" column ") {
            Some(col) if line_len > 0 && digits(col) > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn explain(message: &str) -> (String, Option<String>) {
    if message.contains("recursion limit exceeded") {
        return (
            "the file is nested too deeply (more than 128 levels)".into(),
            Some(
                "a checklist or answers file needs only a few levels; check the indentation".into(),
            ),
        );
    }
    if message.contains("repetition limit exceeded") {
        return (
            "the file expands its aliases (`*name`) too many times".into(),
            Some("write the values out instead of using YAML aliases".into()),
        );
    }
    if message.starts_with("invalid type: sequence, expected") {
        return (
            "the file is a list, but it must be a mapping of keys (`district: ...`)".into(),
            Some("remove the leading `- ` so the top-level keys start at column 1".into()),
        );
    }
    if let Some((message, hint)) = super::serde_words::plain(message) {
        return (message, Some(hint));
    }
    if message.contains("while scanning a quoted scalar") {
        return (
            "a quotation mark is opened but never closed".into(),
            Some(
                "add the closing quote at the end of the text that starts with the quotation mark"
                    .into(),
            ),
        );
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        return (
            message.to_string(),
            Some("check the indentation of this line and the one before; a value with `: ` or `#` in it needs quotes".into()),
        );
    }
    (message.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_second_document_but_not_a_leading_marker() {
        let at = |text: &str| {
            second_document(text)
                .and_then(|d| d.location)
                .map(|l| l.line)
        };
        assert_eq!(at("---\na: 1\n"), None);
        assert_eq!(at("# c\n---\na: 1\n...\n# end\n"), None);
        assert_eq!(at("a: 1\n---\n"), Some(2));
        assert_eq!(at("---\na: 1\n--- \nb: 2\n"), Some(3));
        assert_eq!(at("a: 1\n...\nb: 2\n"), Some(3));
        assert_eq!(at("a: |\n  ---\n  x\n"), None);
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        district: String,
        count: u32,
    }

    fn first_error(text: &str) -> Diagnostic {
        parse::<Small>(text, "an answers file")
            .err()
            .unwrap()
            .remove(0)
    }

    #[test]
    fn suggests_the_nearest_field() {
        let d = first_error("distrct: x\ncount: 1\n");
        assert_eq!(d.message, "unknown key `distrct`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `district`?"));
        assert_eq!(d.location, Some(Location { line: 1, column: 1 }));
    }

    #[test]
    fn explains_tabs_and_empty_files() {
        assert!(
            first_error("district: x\n\tcount: 1\n")
                .message
                .contains("tab")
        );
        assert!(first_error("# only a comment\n").message.contains("empty"));
    }

    #[test]
    fn strips_inner_positions_from_parser_messages() {
        assert_eq!(
            strip_positions("found end at line 9 column 1, while scanning at line 8 column 5"),
            "found end, while scanning"
        );
        assert_eq!(strip_positions("no position here"), "no position here");
    }

    #[test]
    fn names_both_lines_of_a_repeated_key() {
        let d = first_error("district: a\ncount: 1\ndistrict: b\n");
        assert_eq!(
            d.message,
            "the key `district` is written twice (first at line 1)"
        );
        assert_eq!(d.location, Some(Location { line: 3, column: 1 }));
    }

    #[test]
    fn places_an_unclosed_quote_at_the_quote() {
        let d = first_error("district: x\ncount: \"1\n\n");
        assert!(d.message.contains("never closed"), "{d:?}");
        assert_eq!(d.location, Some(Location { line: 2, column: 8 }));
    }

    #[test]
    fn explains_a_top_level_list() {
        assert!(first_error("- district: x\n").message.contains("is a list"));
    }
}
