//! Parsing that goes on after a problem confined to part of the file.
//!
//! serde_yaml stops at the first syntax error, and a file with several took one run of
//! `validate` per problem. Here a problem inside one answer sets that answer aside (its lines
//! are blanked, so every other line keeps its number) and the file is parsed again; a key
//! written without a space after its colon is repaired in place, since the fix is certain.
//! Every problem met on the way is kept, so validation still fails, but with all of them.

use serde_yaml::Value;

use super::super::positions::PositionIndex;
use super::super::yaml;
use super::{ANSWER_KEYS, option_keys, top_keys};
use crate::error::{Diagnostic, Location};

/// Each round sets aside at least one answer; a bound keeps a file of nothing but broken
/// answers from costing one parse per line.
const MAX_ROUNDS: usize = 50;

/// A parsed document, the text it was parsed from (repaired, same line numbers) and the
/// problems repaired or set aside on the way.
pub struct Recovered {
    pub root: Value,
    pub text: String,
    pub problems: Vec<Diagnostic>,
}

/// Parses `text`, recovering where the structure allows; the error holds every problem found.
pub fn parse(text: &str) -> Result<Recovered, Vec<Diagnostic>> {
    let mut current = text.to_string();
    let mut found = Vec::new();
    for round in 1..=MAX_ROUNDS {
        let problems = match yaml::parse_without_positions::<Value>(&current, "an answers file") {
            Ok(root) => {
                return Ok(Recovered {
                    root,
                    text: current,
                    problems: found,
                });
            }
            Err(problems) => problems,
        };
        let mut lines: Vec<String> = current.split('\n').map(str::to_string).collect();
        let spaces = add_missing_spaces(&mut lines);
        if !spaces.is_empty() {
            found.extend(spaces);
            current = lines.join("\n");
            continue;
        }
        let problems: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| repeated_entry(&lines, p))
            .filter(|p| !found.contains(p))
            .collect();
        let repeated = !PositionIndex::build(&current).duplicates.is_empty()
            || problems
                .iter()
                .any(|p| p.message.contains(" twice (first at line "));
        let mut set_aside = 0;
        let mut confined = true;
        for problem in &problems {
            let line = problem.location.map(|at| at.line.saturating_sub(1));
            let block = line.and_then(|line| {
                if repeated {
                    block_at(&lines, line)
                } else {
                    answer_around(&lines, line)
                }
            });
            match block {
                Some(range) => set_aside += blank(&mut lines, range),
                None => confined = false,
            }
        }
        found.extend(problems);
        if !confined || set_aside == 0 {
            break;
        }
        current = lines.join("\n");
        if round == MAX_ROUNDS {
            found.sort_by_key(|d| d.location);
            let last = found.last().and_then(|d| d.location);
            found.push(
                Diagnostic::warning(
                    last,
                    format!("stopped looking after {MAX_ROUNDS} broken answers; the lines after this one are not checked yet"),
                )
                .with_hint("fix these and run `sro-assess validate` again"),
            );
        }
    }
    found.sort_by_key(|d| d.location);
    Err(found)
}

/// serde_yaml's own "duplicate entry" error, met when the positions cannot be indexed
/// (another problem further on): placed at the repeated key, naming the first.
fn repeated_entry(lines: &[String], problem: Diagnostic) -> Diagnostic {
    const MARK: &str = "duplicate entry with key \"";
    let (Some(start), Some(first)) = (problem.message.find(MARK), problem.location) else {
        return problem;
    };
    let key = &problem.message[start + MARK.len()..];
    let key = key.strip_suffix('"').unwrap_or(key);
    let depth = first.column.saturating_sub(1);
    let Some(second) = (first.line..lines.len()).find(|&i| {
        indent(&lines[i]) == depth
            && lines[i]
                .trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
    }) else {
        return problem;
    };
    let (message, hint) = if problem.message.starts_with("answers: ") {
        (
            format!(
                "the item `{key}` is answered twice (first at line {})",
                first.line
            ),
            "keep one answer and delete the other; otherwise one would be lost",
        )
    } else {
        (
            format!(
                "the key `{key}` is written twice (first at line {})",
                first.line
            ),
            "keep one of the two",
        )
    };
    let at = Location {
        line: second + 1,
        column: first.column,
    };
    Diagnostic::error(Some(at), message).with_hint(hint)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank lines and comments belong to no block.
fn is_content(line: &str) -> bool {
    let rest = line.trim();
    !rest.is_empty() && !rest.starts_with('#')
}

/// The line at `start` and the lines indented deeper below it: a key and its value.
fn block_at(lines: &[String], start: usize) -> Option<std::ops::Range<usize>> {
    let depth = indent(lines.get(start)?);
    let end = (start + 1..lines.len())
        .find(|&i| is_content(&lines[i]) && indent(&lines[i]) <= depth)
        .unwrap_or(lines.len());
    Some(start..end)
}

/// The whole answer under `answers:` that holds line `at`, or `None` when the line is not
/// inside one (a problem in the top-level keys cannot be set aside without hiding them).
fn answer_around(lines: &[String], at: usize) -> Option<std::ops::Range<usize>> {
    let header = lines
        .iter()
        .position(|l| l.starts_with("answers:") && l["answers:".len()..].trim().is_empty())?;
    let at = at.min(lines.len().checked_sub(1)?);
    if at <= header {
        return None;
    }
    let depth = lines[header + 1..]
        .iter()
        .find(|l| is_content(l))
        .map(|l| indent(l))
        .filter(|&d| d > 0)?;
    let mut start = at;
    loop {
        let line = &lines[start];
        if is_content(line) {
            match indent(line) {
                0 => return None,
                d if d == depth => break,
                d if d < depth => return None,
                _ => {}
            }
        }
        start = start.checked_sub(1).filter(|&s| s > header)?;
    }
    block_at(lines, start)
}

/// Blanks the lines of `range` (keeping the line count); how many had content.
fn blank(lines: &mut [String], range: std::ops::Range<usize>) -> usize {
    let mut blanked = 0;
    for line in &mut lines[range] {
        if is_content(line) {
            blanked += 1;
        }
        line.clear();
    }
    blanked
}

/// Finds keys written `key:value`, which YAML reads as one piece of text (and then reports
/// the next line), puts the space in, and returns an error for each at its own line.
fn add_missing_spaces(lines: &mut [String]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (number, line) in lines.iter_mut().enumerate() {
        let Some(colon) = missing_space_at(line) else {
            continue;
        };
        let written = line.trim().to_string();
        line.insert(colon + 1, ' ');
        let fixed = line.trim().to_string();
        found.push(
            Diagnostic::error(
                Some(Location {
                    line: number + 1,
                    column: colon + 1,
                }),
                format!("a space is missing after the colon in `{written}`"),
            )
            .with_hint(format!(
                "write `{fixed}`: YAML needs a space after the colon of a key"
            )),
        );
    }
    found
}

/// The byte offset of the colon in `key:value`, for a key of the answers file (a top-level,
/// answer or option key, or an item id) directly followed by a value.
pub fn missing_space_at(line: &str) -> Option<usize> {
    let start = indent(line);
    let rest = &line[start..];
    let rest_start = if rest.starts_with("- ") {
        start + 2
    } else {
        start
    };
    let key_len = line[rest_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))?;
    let colon = rest_start + key_len;
    let key = &line[rest_start..colon];
    let after = line[colon..].strip_prefix(':')?.chars().next()?;
    let known = top_keys().contains(&key)
        || ANSWER_KEYS.contains(&key)
        || option_keys().contains(&key)
        || (key.contains('.') && key.starts_with(|c: char| c.is_ascii_alphabetic()));
    let value_follows = !after.is_whitespace() && !matches!(after, ':' | '/');
    (known && value_follows).then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                        district: D\ndate: 2026-03-15\nanswers:\n";

    fn problems(answers: &str) -> Vec<Diagnostic> {
        match parse(&format!("{HEAD}{answers}")) {
            Ok(recovered) => recovered.problems,
            Err(problems) => problems,
        }
    }

    #[test]
    fn finds_a_missing_space_at_its_own_line() {
        let found = problems("  governance.written-mou:\n    status:met\n    note: x\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].location,
            Some(Location {
                line: 7,
                column: 11
            })
        );
        assert!(found[0].hint.as_deref().unwrap().contains("`status: met`"));
        let short = problems("  governance.written-mou:met\n  governance.mou-goals: met\n");
        assert_eq!(short[0].location.map(|l| l.line), Some(6));
    }

    #[test]
    fn leaves_urls_times_and_prose_alone() {
        for line in [
            "    evidence: http://x.org",
            "  note: see 3:1",
            "    http://example.org",
            "  mou:",
            "  ratio:3",
        ] {
            assert_eq!(missing_space_at(line), None, "{line}");
        }
    }

    #[test]
    fn reports_the_problems_of_two_broken_answers_in_one_pass() {
        let found = problems(
            "  governance.written-mou:\n    status: met\n      note: x\n  \
             governance.mou-goals: partial\n  governance.mou-goals: met\n  \
             governance.x: \"open\n",
        );
        let lines: Vec<usize> = found
            .iter()
            .filter_map(|d| d.location)
            .map(|l| l.line)
            .collect();
        assert!(lines.len() >= 3, "{found:?}");
        assert!(lines.contains(&10), "the duplicate: {found:?}");
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("answered twice (first at line 9)"))
        );
    }

    #[test]
    fn a_problem_in_the_top_level_keys_stops_there() {
        let err = parse("district: \"open\nanswers:\n  a.b: met\n")
            .err()
            .unwrap();
        assert_eq!(err.len(), 1);
    }

    #[test]
    fn a_file_of_broken_answers_stops_after_a_bound_and_says_so() {
        let broken = "  governance.x:\n    status: met\n      note: x\n".repeat(MAX_ROUNDS + 10);
        let found = problems(&broken);
        assert_eq!(found.len(), MAX_ROUNDS + 1);
        assert!(
            found[MAX_ROUNDS]
                .message
                .starts_with("stopped looking after 50")
        );
    }

    #[test]
    fn a_clean_file_has_no_problems() {
        assert!(problems("  governance.written-mou: met\n").is_empty());
    }
}
