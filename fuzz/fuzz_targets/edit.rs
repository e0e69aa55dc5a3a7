//! Any bytes as an answers text, with an item id and field changes derived from the first
//! bytes: whenever `set_fields` returns a text, it must be valid YAML in which every top-level
//! key and every other item is unchanged, the item holds exactly the old fields with the
//! changes applied, and every comment line of the old text is still there.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_yaml::{Mapping, Value};
use sro_assess::answer::{Field, set_fields};

// The fields held as text: the members' ratings of a consensus file are never edited.
const FIELDS: [Field; Field::EDITABLE.len()] = Field::EDITABLE;
const VALUES: [&str; 12] = [
    "met",
    "partial",
    "",
    "two\nparagraphs\n\nhere",
    "a: b # c",
    "one, two",
    "yes",
    "0x10",
    "'quoted\"",
    " padded ",
    "tab\tcr\r",
    "{x}",
];

fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn answers(root: &Value) -> Mapping {
    root.get("answers")
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default()
}

fn item<'m>(answers: &'m Mapping, id: &str) -> Vec<&'m Value> {
    answers
        .iter()
        .filter(|(k, _)| key_text(k).as_deref() == Some(id))
        .map(|(_, v)| v)
        .collect()
}

fn fields(item: Option<&Value>) -> Option<Mapping> {
    match item {
        None | Some(Value::Null) => Some(Mapping::new()),
        Some(Value::Mapping(m)) => Some(m.clone()),
        Some(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
            let mut m = Mapping::new();
            m.insert("status".into(), v.clone());
            Some(m)
        }
        Some(_) => None,
    }
}

/// The lines of a text with their line breaks; like YAML, a lone CR breaks a line too.
fn lines_of(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if len > 0 {
            lines.push(&text[start..i + len]);
            start = i + len;
            i += len;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Whole-line comments whose removal leaves the document unchanged (so not text in a scalar).
fn real_comment_lines(text: &str, root: &Value) -> Vec<String> {
    let lines = lines_of(text);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if !trimmed.starts_with('#') || found.len() >= 16 {
            continue;
        }
        let without: String = lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| *l)
            .collect();
        if serde_yaml::from_str::<Value>(&without).is_ok_and(|v| v == *root) {
            found.push(trimmed.to_string());
        }
    }
    found
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(4);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(old_root) = serde_yaml::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
        return;
    };
    let old_answers = answers(&old_root);
    // The item: one of the file's own (by the first byte), or a new one.
    let ids: Vec<String> = old_answers.keys().filter_map(key_text).collect();
    let id = match ids.get(usize::from(head[0]) % (ids.len() + 1)) {
        Some(id) => id.clone(),
        None => "fuzz.new-item".to_string(),
    };
    let mut changes = Vec::new();
    for &b in &head[1..] {
        let field = FIELDS[usize::from(b & 7) % FIELDS.len()];
        let value = (b & 0x80 == 0).then(|| VALUES[usize::from(b >> 3) % VALUES.len()].to_string());
        changes.push((field, value));
    }
    let Ok(new_text) = set_fields(text, &id, &changes) else {
        return;
    };

    let new_root: Value = serde_yaml::from_str(new_text.trim_start_matches('\u{feff}'))
        .unwrap_or_else(|e| panic!("the edit is not valid YAML: {e}\n{new_text}"));
    let (old_map, new_map) = (
        old_root.as_mapping().unwrap(),
        new_root.as_mapping().unwrap(),
    );
    for (k, v) in old_map {
        if k.as_str() != Some("answers") {
            assert_eq!(
                new_map.get(k),
                Some(v),
                "top-level key {k:?} changed\n{new_text}"
            );
        }
    }
    let new_answers = answers(&new_root);
    for (k, v) in &old_answers {
        if key_text(k).as_deref() != Some(id.as_str()) {
            assert_eq!(
                new_answers.get(k),
                Some(v),
                "item {k:?} changed\n{new_text}"
            );
        }
    }
    let others = |m: &Mapping| {
        m.keys()
            .filter(|k| key_text(k).as_deref() != Some(id.as_str()))
            .count()
    };
    assert_eq!(
        others(&old_answers),
        others(&new_answers),
        "items added or lost\n{new_text}"
    );
    let old_item = item(&old_answers, &id);
    let new_item = item(&new_answers, &id);
    assert!(new_item.len() <= 1, "the item is written twice\n{new_text}");
    let mut expected =
        fields(old_item.first().copied()).expect("set_fields accepted the item's shape");
    for (field, value) in &changes {
        match value {
            Some(v) => {
                expected.insert(field.key().into(), v.as_str().into());
            }
            None => {
                expected.remove(field.key());
            }
        }
    }
    let got = fields(new_item.first().copied()).expect("the item is still an answer");
    assert!(
        got.len() == expected.len() && got.iter().all(|(k, v)| expected.get(k) == Some(v)),
        "item {id} holds {got:?}, expected {expected:?}\n{new_text}"
    );
    // A block text may hold a line that reads like a comment: count only real comments.
    let comments = real_comment_lines(text.trim_start_matches('\u{feff}'), &old_root);
    for comment in &comments {
        let before = comments.iter().filter(|c| *c == comment).count();
        let after = new_text.matches(comment.as_str()).count();
        assert!(
            after >= before,
            "comment {comment:?} lost\n--- old\n{text}\n--- new\n{new_text}"
        );
    }
});
