//! serde's messages about a value of the wrong kind, said in the words of someone writing
//! YAML: "a list" and "a mapping", never a Rust type, "struct", "variant" or "sequence".
//!
//! serde_yaml prefixes a message with the path of the value (`sections[0].items[2]: `); the
//! value's line and column are printed in front of the message, so the path is only named by
//! its last key.

use super::suggest::nearest;

/// The message and hint for one of serde's messages (without its position), or `None` when
/// it is not one of serde's.
pub(super) fn plain(message: &str) -> Option<(String, String)> {
    let (path, body) = split_path(message);
    let subject = subject(path);
    if let Some(rest) = body
        .strip_prefix("invalid type: ")
        .or_else(|| body.strip_prefix("invalid value: "))
    {
        let (unexpected, expected) = rest.split_once(", expected ")?;
        let expected = expected_kind(expected);
        return Some((
            format!(
                "{subject} is {}, but it must be {expected}",
                unexpected_kind(unexpected)
            ),
            hint_for(&expected),
        ));
    }
    if let Some(rest) = body.strip_prefix("invalid length ") {
        let (length, expected) = rest.split_once(", expected ")?;
        return Some((
            format!(
                "{subject} has {length} entries, but it must have {}",
                expected_kind(expected)
            ),
            "add or remove entries to match".into(),
        ));
    }
    if let Some(rest) = body.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Some((
            format!("{subject} has no `{key}`, which is required"),
            format!("add `{key}:` with its value, indented like the keys beside it"),
        ));
    }
    if let Some(rest) = body.strip_prefix("unknown field `") {
        let (key, listed) = rest.split_once('`')?;
        let names = quoted_names(listed);
        let place = if path.is_empty() {
            String::new()
        } else {
            format!(" in {subject}")
        };
        return Some((
            format!("unknown key `{key}`{place}"),
            suggestion(key, &names, "the keys here are"),
        ));
    }
    if let Some(rest) = body.strip_prefix("unknown variant `") {
        let (value, listed) = rest.split_once('`')?;
        let names = quoted_names(listed);
        return Some((
            format!(
                "{subject} cannot be `{value}`; it must be one of: {}",
                names.join(", ")
            ),
            nearest(value, names.iter().copied()).map_or_else(
                || "write one of them, spelled as listed".to_string(),
                |best| format!("did you mean `{best}`?"),
            ),
        ));
    }
    None
}

/// `sections[0].items[2]: missing field ...` as (`sections[0].items[2]`, `missing field ...`).
fn split_path(message: &str) -> (&str, &str) {
    let is_path = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
    };
    match message.split_once(": ") {
        Some((path, body)) if is_path(path) && is_serde_body(body) => (path, body),
        _ => ("", message),
    }
}

fn is_serde_body(body: &str) -> bool {
    [
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "missing field `",
        "unknown field `",
        "unknown variant `",
    ]
    .iter()
    .any(|start| body.starts_with(start))
}

/// The value a path leads to, as a message names it: its key, or for a list's entry the
/// list's key.
fn subject(path: &str) -> String {
    if path.is_empty() {
        return "the file".into();
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    match last.split_once('[') {
        Some((list, _)) if last.ends_with(']') => format!("an entry of `{list}`"),
        _ => format!("`{last}`"),
    }
}

/// serde's name for what was found (`integer \`5\``, `sequence`) in plain words.
fn unexpected_kind(unexpected: &str) -> String {
    let quoted = |prefix: &str| {
        unexpected
            .strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_string())
    };
    if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {number}");
    }
    if let Some(flag) = quoted("boolean ") {
        return format!("`{flag}`");
    }
    if let Some(text) = unexpected.strip_prefix("string ") {
        return format!("the text {text}");
    }
    match unexpected {
        "sequence" => "a list".into(),
        "map" => "a mapping".into(),
        "unit value" | "null" | "none" => "empty".into(),
        other => format!("`{other}`"),
    }
}

/// serde's name for what was expected in plain words; a Raw type states its own with
/// `#[serde(expecting = ...)]`.
fn expected_kind(expected: &str) -> String {
    let plain = match expected {
        "a sequence" | "a YAML sequence" => "a list",
        "a map" | "a YAML mapping" => "a mapping",
        "a string" | "a borrowed string" | "a character" => "text",
        "a boolean" => "true or false",
        "f32" | "f64" => "a number",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        other if other.starts_with("struct ") => "a mapping of keys",
        other if other.starts_with("enum ") || other.contains("identifier") => {
            "one of the values listed for it"
        }
        other => other,
    };
    plain.to_string()
}

fn hint_for(expected: &str) -> String {
    let hint = if expected.contains("mapping") {
        "write its keys as `key: value` lines indented under it, or `{ key: value }` on one line"
    } else if expected.contains("list") {
        "write one `- ` line per entry, indented under the key, or `[a, b]` on one line"
    } else if expected.contains("number") {
        "write digits only, without quotes, `%` or commas, e.g. `1.5`"
    } else if expected == "text" {
        "put quotes around the value to keep it as text"
    } else if expected == "true or false" {
        "write `true` or `false`"
    } else if expected.starts_with("one of") {
        "write one of the values named, in lowercase"
    } else {
        "compare it with the same key in the bundled checklist \
         (`sro-assess checklist show wi-sro-best-practices --format yaml`)"
    };
    hint.into()
}

/// The names serde lists after "expected one of": `` `a`, `b` ``.
fn quoted_names(listed: &str) -> Vec<&str> {
    listed.split('`').skip(1).step_by(2).collect()
}

fn suggestion(written: &str, names: &[&str], lead: &str) -> String {
    match nearest(written, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if names.is_empty() => "remove it".into(),
        None => format!("{lead}: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_was_written_and_what_belongs_there() {
        let (message, hint) =
            plain("sections[0]: invalid type: integer `5`, expected a section: a mapping with id, title and items").unwrap();
        assert_eq!(
            message,
            "an entry of `sections` is the number 5, but it must be a section: a mapping with \
             id, title and items"
        );
        assert!(hint.contains("key: value"), "{hint}");
        let (message, _) = plain("weights: invalid type: sequence, expected a mapping").unwrap();
        assert_eq!(message, "`weights` is a list, but it must be a mapping");
    }

    #[test]
    fn names_the_nearest_key_or_value() {
        let (message, hint) = plain(
            "sections[0].items[1].priority: unknown variant `critcal`, expected one of `critical`, `high`",
        )
        .unwrap();
        assert_eq!(
            message,
            "`priority` cannot be `critcal`; it must be one of: critical, high"
        );
        assert_eq!(hint, "did you mean `critical`?");
        let (message, _) = plain("unknown field `titel`, expected one of `id`, `title`").unwrap();
        assert_eq!(message, "unknown key `titel`");
    }

    #[test]
    fn leaves_other_messages_alone() {
        assert_eq!(plain("did not find expected key"), None);
        assert_eq!(plain("note: see the guide"), None);
    }
}
