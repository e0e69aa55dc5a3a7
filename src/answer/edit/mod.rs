//! Changing one answer in the text of an answers file, keeping every other byte (comments,
//! order, blank lines, quoting, line breaks) as the committee wrote it.
//!
//! The text is scanned with yaml-rust2 into tokens with exact spans and a tree of nodes; an
//! edit replaces only the spans of the fields it changes. The result is parsed again and
//! compared with the original before it is returned: a change that would alter anything but
//! the fields asked for is refused with an error, never written.

use serde_yaml::{Mapping, Value};

use crate::template::yaml_text;

mod apply;
mod plan;
mod scan;
mod tree;

use apply::apply;
use plan::{EntrySpan, Planner, plan, remove_flow_entries};
use scan::Layout;
use tree::NodeKind;

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

/// Whether the file lets one answer be replaced in place (comments kept).
pub fn editable(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_yaml(body).is_ok_and(|root| answers_of(&root).is_ok()) && Layout::parse(body).is_ok()
}

/// The text with `id`'s answer replaced by `entry` (added at the end of the block when the
/// item has no answer yet), or `None` when the file cannot be edited in place.
pub fn set_answer(text: &str, id: &str, entry: &Entry) -> Option<String> {
    let changes = [
        (Field::Status, Some(entry.status.clone())),
        (Field::Evidence, entry.evidence.clone()),
        (Field::Note, entry.note.clone()),
        (Field::InternalNote, entry.internal_note.clone()),
        (Field::Owner, entry.owner.clone()),
        (Field::Due, entry.due.clone()),
        (Field::CarriedFrom, None),
    ];
    set_fields(text, id, &changes).ok()
}

/// The text without the answers to `ids` (comments between them stay), or `None` when the file
/// cannot be edited in place. The questionnaire drops the old ids of an item it has just saved
/// under its new id: the saved answer already holds what they said. Like [`set_fields`], the
/// result is parsed and compared with the original: only those answers may be gone.
pub fn remove_entries(text: &str, ids: &[&str]) -> Option<String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let old_root = parse_yaml(body).ok()?;
    let layout = Layout::parse(body).ok()?;
    let mut p = Planner::new(&layout);
    let anchored = &layout.anchored_text;
    let NodeKind::Map { entries: root, .. } = &layout.root.kind else {
        return None;
    };
    let (_, answers) = root
        .iter()
        .find(|(k, _)| k.text(anchored) == Some("answers"))?;
    let NodeKind::Map { flow, entries, .. } = &answers.kind else {
        return None;
    };
    let removed: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k.text(anchored).is_some_and(|key| ids.contains(&key)))
        .map(|(i, _)| i)
        .collect();
    if removed.is_empty() {
        return Some(text.to_string());
    }
    let old_answers = old_root.get("answers")?;
    p.changes_node(answers, old_answers);
    for &i in &removed {
        let (k, v) = &entries[i];
        let old = k
            .text(anchored)
            .and_then(|key| old_answers.get(key))
            .cloned()
            .unwrap_or(Value::Null);
        p.changes_node(v, &old);
    }
    let spans: Vec<EntrySpan> = entries.iter().map(|(k, v)| p.entry_span(k, v)).collect();
    if *flow {
        remove_flow_entries(&mut p, &spans, &removed);
    } else {
        for &i in &removed {
            p.remove(spans[i].start, spans[i].end);
        }
    }
    p.expand_aliases().ok()?;
    let new_body = apply(body, p.edits).ok()?;
    only_removed(&old_root, &new_body, ids).then(|| format!("{bom}{new_body}"))
}

/// Whether `new_text` is `old_root` with the answers to `ids` gone and nothing else changed.
fn only_removed(old_root: &Value, new_text: &str, ids: &[&str]) -> bool {
    let Ok(new_root) = serde_yaml::from_str::<Value>(new_text) else {
        return false;
    };
    let (Some(old_map), Some(new_map)) = (old_root.as_mapping(), new_root.as_mapping()) else {
        return false;
    };
    let answers = Value::String("answers".into());
    let same_keys = old_map.len() == new_map.len()
        && old_map
            .iter()
            .all(|(k, v)| *k == answers || new_map.get(k) == Some(v));
    let (Ok(Some(old_answers)), Ok(Some(new_answers))) =
        (answers_of(old_root), answers_of(&new_root))
    else {
        return false;
    };
    let kept = |k: &Value| !key_text(k).is_some_and(|key| ids.contains(&key.as_str()));
    same_keys
        && new_answers.len() == old_answers.keys().filter(|k| kept(k)).count()
        && old_answers
            .iter()
            .filter(|(k, _)| kept(k))
            .all(|(k, v)| new_answers.get(k) == Some(v))
}

/// One field of an answer, as the questionnaire saves it: the model's table of fields.
pub use crate::model::AnswerField as Field;

/// Why an answers file could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// What is wrong, in words for the user.
    pub message: String,
}

/// The text with the named fields of item `id`'s answer set (`Some`) or removed (`None`),
/// adding the item when it has no answer yet. Every other byte of the file is kept; the result
/// is parsed and compared with the original before it is returned, so a change that would
/// touch anything else is refused instead of written.
pub fn set_fields(
    text: &str,
    id: &str,
    changes: &[(Field, Option<String>)],
) -> Result<String, EditError> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let old_root = parse_yaml(body)?;
    let old_item = item_of(answers_of(&old_root)?, id)?;
    let old_fields = answer_fields(old_item, id)?;
    let changes = effective_changes(&old_fields, changes);
    if changes.is_empty() {
        return Ok(text.to_string());
    }
    let mut expected = old_fields.clone();
    for (field, value) in &changes {
        let key = Value::String(field.key().into());
        match value {
            Some(v) => {
                expected.insert(key, Value::String(v.clone()));
            }
            None => {
                expected.remove(&key);
            }
        }
    }
    let layout = Layout::parse(body)?;
    let edits = plan(&layout, &old_root, old_item, &expected, id, &changes)?;
    let new_body = apply(body, edits)?;
    verify(&old_root, &new_body, id, &expected)?;
    Ok(format!("{bom}{new_body}"))
}

fn parse_yaml(text: &str) -> Result<Value, EditError> {
    serde_yaml::from_str(text).map_err(|e| EditError {
        message: format!("the answers file is not valid YAML ({e}); fix it, then try again"),
    })
}

/// The `answers` mapping, `None` when the file has none yet.
fn answers_of(root: &Value) -> Result<Option<&Mapping>, EditError> {
    let Some(root) = root.as_mapping() else {
        return Err(EditError {
            message: "the answers file is not a mapping of keys (`district: ...`)".into(),
        });
    };
    match root.get("answers") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Mapping(m)) => Ok(Some(m)),
        Some(_) => Err(EditError {
            message: "`answers:` must be a mapping of item ids to answers; fix it in a text \
                      editor, then try again"
                .into(),
        }),
    }
}

/// A key as the loader reads it: strings as written, numbers and booleans as printed.
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn item_of<'v>(answers: Option<&'v Mapping>, id: &str) -> Result<Option<&'v Value>, EditError> {
    let mut found = answers
        .into_iter()
        .flatten()
        .filter(|(k, _)| key_text(k).as_deref() == Some(id))
        .map(|(_, v)| v);
    let first = found.next();
    if found.next().is_some() {
        return Err(EditError {
            message: format!(
                "the item `{id}` is answered twice; keep one answer and delete the other"
            ),
        });
    }
    Ok(first)
}

/// An answer's fields: the short form is its status; nothing means no fields.
fn answer_fields(item: Option<&Value>, id: &str) -> Result<Mapping, EditError> {
    match item {
        None | Some(Value::Null) => Ok(Mapping::new()),
        Some(Value::Mapping(m)) => Ok(m.clone()),
        Some(status @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
            let mut fields = Mapping::new();
            fields.insert(Value::String("status".into()), status.clone());
            Ok(fields)
        }
        Some(_) => Err(EditError {
            message: format!(
                "the answer to `{id}` is neither a status nor a mapping of fields; fix it in a \
                 text editor, then try again"
            ),
        }),
    }
}

/// The changes that change something, the last one per field winning.
fn effective_changes(
    old: &Mapping,
    changes: &[(Field, Option<String>)],
) -> Vec<(Field, Option<String>)> {
    let mut last: Vec<(Field, Option<String>)> = Vec::new();
    for (field, value) in changes {
        match last.iter_mut().find(|(f, _)| f == field) {
            Some(slot) => slot.1.clone_from(value),
            None => last.push((*field, value.clone())),
        }
    }
    last.retain(|(field, value)| {
        let now = old.get(field.key());
        match value {
            Some(v) => now != Some(&Value::String(v.clone())),
            None => now.is_some(),
        }
    });
    last
}

/// The answer's fields keep their meaning whatever their form.
fn same_fields(a: &Mapping, b: &Mapping) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v))
}

/// Parses the new text and compares it with the old: everything but item `id` equal, and the
/// item holding exactly `expected`.
fn verify(old_root: &Value, new_text: &str, id: &str, expected: &Mapping) -> Result<(), EditError> {
    let refuse = |what: &str| {
        Err(EditError {
            message: format!(
                "saving this answer in place would have changed {what}, so nothing was saved. \
                 Edit the file in a text editor instead, or report this with the file attached"
            ),
        })
    };
    let Ok(new_root) = serde_yaml::from_str::<Value>(new_text) else {
        return refuse("the file into one that is not valid YAML");
    };
    let (Some(old_map), Some(new_map)) = (old_root.as_mapping(), new_root.as_mapping()) else {
        return refuse("the shape of the file");
    };
    let answers = Value::String("answers".into());
    for (key, value) in old_map {
        if *key != answers && new_map.get(key) != Some(value) {
            return refuse("another key of the file");
        }
    }
    let extra = usize::from(!old_map.contains_key(&answers));
    if new_map.len() != old_map.len() + extra {
        return refuse("the keys of the file");
    }
    let old_answers = answers_of(old_root)?;
    let Ok(Some(new_answers)) = answers_of(&new_root) else {
        return refuse("the `answers:` mapping");
    };
    let is_item = |k: &Value| key_text(k).as_deref() == Some(id);
    let mut others = 0;
    for (key, value) in old_answers.into_iter().flatten() {
        if !is_item(key) {
            others += 1;
            if new_answers.get(key) != Some(value) {
                return refuse("another item's answer");
            }
        }
    }
    if new_answers.keys().filter(|k| !is_item(k)).count() != others {
        return refuse("the list of answered items");
    }
    let Ok(item) = item_of(Some(new_answers), id) else {
        return refuse("this item into two");
    };
    let Ok(fields) = answer_fields(item, id) else {
        return refuse("this answer's shape");
    };
    if !same_fields(&fields, expected) {
        return refuse("this answer's other fields");
    }
    Ok(())
}

pub(super) fn is_null_text(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, id: &str, changes: &[(Field, Option<&str>)]) -> String {
        let changes: Vec<(Field, Option<String>)> = changes
            .iter()
            .map(|(f, v)| (*f, v.map(str::to_string)))
            .collect();
        match set_fields(text, id, &changes) {
            Ok(text) => text,
            Err(e) => panic!("{}\n--- text:\n{text}", e.message),
        }
    }

    fn answers(text: &str) -> Value {
        let root: Value = serde_yaml::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        root["answers"].clone()
    }

    const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\ndate: 2026-03-15\n";

    #[test]
    fn a_two_paragraph_internal_note_stays_in_its_field() {
        let text = format!(
            "{HEAD}answers:\n  governance.written-mou:\n    status: partial\n    owner: Principal\n    internal_note: |\n      Closed session.\n\n      Student Jane Doe referred to police.\n"
        );
        let same = set(
            &text,
            "governance.written-mou",
            &[(Field::Status, Some("partial"))],
        );
        assert_eq!(same, text);
        let out = set(
            &text,
            "governance.written-mou",
            &[
                (Field::Status, Some("met")),
                (Field::Owner, Some("Vice Principal")),
            ],
        );
        assert_eq!(
            out,
            format!(
                "{HEAD}answers:\n  governance.written-mou:\n    status: met\n    owner: Vice Principal\n    internal_note: |\n      Closed session.\n\n      Student Jane Doe referred to police.\n"
            )
        );
        let out = set(
            &text,
            "governance.written-mou",
            &[(Field::InternalNote, Some("Sealed."))],
        );
        assert!(
            out.ends_with("    owner: Principal\n    internal_note: Sealed.\n"),
            "{out}"
        );
    }

    #[test]
    fn comments_inside_an_entry_and_above_a_field_stay() {
        let text = format!(
            "{HEAD}answers:\n  # [critical] A signed MOU\n  a.b:\n    # checked by the board\n    status: partial  # for now\n    # copied last year\n    carried_from: 2025 (2025-03-01)\n  # next\n  c.d: met\n"
        );
        let out = set(
            &text,
            "a.b",
            &[(Field::Status, Some("met")), (Field::CarriedFrom, None)],
        );
        assert_eq!(
            out,
            format!(
                "{HEAD}answers:\n  # [critical] A signed MOU\n  a.b:\n    # checked by the board\n    status: met  # for now\n    # copied last year\n  # next\n  c.d: met\n"
            )
        );
    }

    #[test]
    fn a_quoted_or_explicit_key_is_found_by_its_value() {
        let text = format!(
            "{HEAD}answers:\n  \"a.b\": met\n  'c.d':\n    status: partial\n  ? e.f\n  : not_met\n"
        );
        let out = set(&text, "a.b", &[(Field::Status, Some("partial"))]);
        assert!(out.contains("  \"a.b\": partial\n"), "{out}");
        let out = set(&text, "c.d", &[(Field::Note, Some("Soon"))]);
        assert!(
            out.contains("  'c.d':\n    status: partial\n    note: Soon\n"),
            "{out}"
        );
        let out = set(&text, "e.f", &[(Field::Status, Some("met"))]);
        assert!(out.ends_with("  ? e.f\n  : met\n"), "{out}");
    }

    #[test]
    fn flow_answers_keep_the_other_items_carried_from() {
        let text =
            format!("{HEAD}answers: {{a.b: met, c.d: {{status: partial, carried_from: x}}}}\n");
        let out = set(
            &text,
            "a.b",
            &[
                (Field::Status, Some("not_met")),
                (Field::Note, Some("Gone")),
            ],
        );
        assert_eq!(
            out,
            format!(
                "{HEAD}answers: {{a.b: {{status: not_met, note: Gone}}, c.d: {{status: partial, carried_from: x}}}}\n"
            )
        );
        let out = set(&text, "c.d", &[(Field::CarriedFrom, None)]);
        assert_eq!(
            out,
            format!("{HEAD}answers: {{a.b: met, c.d: {{status: partial}}}}\n")
        );
        let out = set(&text, "e.f", &[(Field::Status, Some("met"))]);
        assert!(out.contains("carried_from: x}, e.f: met}"), "{out}");
        let spread = format!(
            "{HEAD}answers: {{\n  a.b: met,   # first\n  c.d: {{status: partial,\n        carried_from: x}}\n}}\n"
        );
        let out = set(&spread, "c.d", &[(Field::CarriedFrom, None)]);
        assert_eq!(
            out,
            format!("{HEAD}answers: {{\n  a.b: met,   # first\n  c.d: {{status: partial}}\n}}\n")
        );
    }

    #[test]
    fn crlf_no_final_newline_and_bom_are_kept() {
        let text = "\u{feff}district: X\r\nanswers:\r\n  a.b: met\r\n  c.d:\r\n    status: partial";
        let out = set(text, "c.d", &[(Field::Note, Some("two\nlines"))]);
        assert_eq!(
            out,
            "\u{feff}district: X\r\nanswers:\r\n  a.b: met\r\n  c.d:\r\n    status: partial\r\n    note: \"two\\nlines\""
        );
        let out = set(text, "a.b", &[(Field::Owner, Some("Chief"))]);
        assert_eq!(
            out,
            "\u{feff}district: X\r\nanswers:\r\n  a.b:\r\n    status: met\r\n    owner: Chief\r\n  c.d:\r\n    status: partial"
        );
        let out = set(text, "e.f", &[(Field::Status, Some("na"))]);
        assert!(out.ends_with("    status: partial\r\n  e.f: na"), "{out:?}");
    }

    #[test]
    fn empty_answers_get_their_first_item() {
        let out = set(
            "district: X\nanswers:\n",
            "a.b",
            &[(Field::Status, Some("met"))],
        );
        assert_eq!(out, "district: X\nanswers:\n  a.b: met\n");
        let out = set(
            "district: X\nanswers: ~  # none yet\ndate: 2026-01-01\n",
            "a.b",
            &[(Field::Status, Some("met")), (Field::Owner, Some("Me"))],
        );
        assert_eq!(
            out,
            "district: X\nanswers:  # none yet\n  a.b:\n    status: met\n    owner: Me\ndate: 2026-01-01\n"
        );
        let out = set(
            "district: X\nanswers: {}\n",
            "a.b",
            &[(Field::Status, Some("met"))],
        );
        assert_eq!(out, "district: X\nanswers: {a.b: met}\n");
        let out = set("district: X\n", "a.b", &[(Field::Status, Some("met"))]);
        assert_eq!(out, "district: X\nanswers:\n  a.b: met\n");
    }

    #[test]
    fn short_form_grows_into_long_form_and_fields_are_removed() {
        let text = format!(
            "{HEAD}answers:\n  a.b: met  # ok\n  c.d:\n  e.f:\n    status: partial\n    owner: Principal\n    due: 2026-06-30\n"
        );
        let out = set(&text, "a.b", &[(Field::Evidence, Some("Signed MOU"))]);
        assert!(
            out.contains("  a.b:  # ok\n    status: met\n    evidence: Signed MOU\n  c.d:\n"),
            "{out}"
        );
        let out = set(&text, "c.d", &[(Field::Status, Some("na"))]);
        assert!(out.contains("  c.d: na\n  e.f:\n"), "{out}");
        let out = set(
            &text,
            "c.d",
            &[(Field::Status, Some("na")), (Field::Note, Some("No SRO"))],
        );
        assert!(
            out.contains("  c.d:\n    status: na\n    note: No SRO\n  e.f:\n"),
            "{out}"
        );
        let out = set(&text, "e.f", &[(Field::Owner, None), (Field::Due, None)]);
        assert!(out.ends_with("  e.f:\n    status: partial\n"), "{out}");
    }

    #[test]
    fn an_alias_answer_gets_its_own_value() {
        let text = format!(
            "{HEAD}answers:\n  a.b: &same {{status: partial, owner: Board}}\n  c.d: *same\n"
        );
        let out = set(&text, "c.d", &[(Field::Status, Some("met"))]);
        assert_eq!(
            out,
            format!(
                "{HEAD}answers:\n  a.b: &same {{status: partial, owner: Board}}\n  c.d: {{status: met, owner: Board}}\n"
            )
        );
        let out = set(&text, "a.b", &[(Field::Status, Some("met"))]);
        let reloaded = answers(&out);
        assert_eq!(reloaded["a.b"]["status"], Value::from("met"));
        assert_eq!(reloaded["c.d"]["status"], Value::from("partial"));
        assert_eq!(reloaded["c.d"]["owner"], Value::from("Board"));
    }

    #[test]
    fn values_are_quoted_when_yaml_would_misread_them() {
        let text = format!("{HEAD}answers:\n  a.b: met\n");
        let out = set(
            &text,
            "a.b",
            &[
                (Field::Note, Some("yes")),
                (Field::Owner, Some("a # b: c")),
                (Field::Evidence, Some("tab\there\r")),
            ],
        );
        let reloaded = answers(&out);
        assert_eq!(reloaded["a.b"]["note"], Value::from("yes"));
        assert_eq!(reloaded["a.b"]["owner"], Value::from("a # b: c"));
        assert_eq!(reloaded["a.b"]["evidence"], Value::from("tab\there\r"));
        let flow = format!("{HEAD}answers: {{a.b: met}}\n");
        let out = set(&flow, "a.b", &[(Field::Note, Some("one, two"))]);
        assert_eq!(answers(&out)["a.b"]["note"], Value::from("one, two"));
    }

    #[test]
    fn document_markers_tags_and_odd_comments_are_followed() {
        let text = "%YAML 1.2\n---\ndistrict: X\nanswers:\n  a.b: !!str met\n  c.d:\n    note: # why\n      |2-\n        kept\n    status: partial # so far\n...\n";
        let out = set(
            text,
            "c.d",
            &[(Field::Note, Some("new")), (Field::Status, None)],
        );
        let reloaded = answers(out.trim_end_matches("...\n"));
        assert_eq!(reloaded["c.d"]["note"], Value::from("new"));
        assert!(reloaded["c.d"].get("status").is_none());
        assert_eq!(
            out,
            "%YAML 1.2\n---\ndistrict: X\nanswers:\n  a.b: !!str met\n  c.d:\n    note: # why\n      new\n    # so far\n...\n"
        );
        let out = set(text, "a.b", &[(Field::Status, Some("partial"))]);
        assert!(out.contains("  a.b: partial\n"), "{out}");
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let err = set_fields(
            "answers: [a]\n",
            "a.b",
            &[(Field::Status, Some("met".into()))],
        )
        .unwrap_err();
        assert!(err.message.contains("must be a mapping"), "{}", err.message);
        let err = set_fields(
            "answers: {a: b\n",
            "a.b",
            &[(Field::Status, Some("met".into()))],
        )
        .unwrap_err();
        assert!(err.message.contains("not valid YAML"), "{}", err.message);
    }

    #[test]
    fn set_answer_still_replaces_a_whole_entry() {
        let text = "district: X\nanswers:\n  # [medium] Reviewed yearly\n  mou.review:\n    status: partial\n    carried_from: 2025 (2025-03-01)\n  # trailing comment\n";
        let entry = Entry {
            status: "met".into(),
            ..Entry::default()
        };
        let out = set_answer(text, "mou.review", &entry).unwrap();
        assert_eq!(
            out,
            "district: X\nanswers:\n  # [medium] Reviewed yearly\n  mou.review:\n    status: met\n  # trailing comment\n"
        );
        assert!(editable(text));
        assert!(editable("district: X\nanswers: {}\n"));
        assert!(!editable("answers: [1]\n"));
    }

    #[test]
    fn removes_old_entries_and_keeps_the_rest() {
        let text = "answers:\n  # [high] Old\n  old.a:\n    status: met\n    evidence: E\n  new.b: partial\n  old.c: not_met\n";
        let out = remove_entries(text, &["old.a", "old.c"]).unwrap();
        assert_eq!(out, "answers:\n  # [high] Old\n  new.b: partial\n");
    }

    #[test]
    fn removing_old_entries_keeps_block_texts_flow_style_and_crlf() {
        let text = "answers:\n  old.a:\n    status: met\n    internal_note: |\n      One.\n\n      Two.\n  new.b: partial\n";
        let out = remove_entries(text, &["old.a"]).unwrap();
        assert_eq!(out, "answers:\n  new.b: partial\n");
        let flow = "answers: {old.a: met, new.b: {status: partial, carried_from: x}}\r\n";
        let out = remove_entries(flow, &["old.a"]).unwrap();
        assert_eq!(
            out,
            "answers: {new.b: {status: partial, carried_from: x}}\r\n"
        );
        let kept = "answers:\n  new.b: partial\n  old.a: &x {status: met}\n  old.c: *x\n";
        let out = remove_entries(kept, &["old.a"]).unwrap();
        assert_eq!(answers(&out).get("old.c"), answers(kept).get("old.c"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const FIELDS: [Field; Field::EDITABLE.len()] = Field::EDITABLE;
    const PLAIN: [&str; 5] = ["met", "Principal", "2026-06-30", "two words", "not_met"];
    const QUOTED: [&str; 3] = ["'it''s'", "\"a: b # c\"", "\"line\\nbreak\""];
    const NEW_VALUES: [&str; 8] = [
        "met",
        "partial",
        "two\nparagraphs\n\nhere",
        "a: b # c",
        "one, two",
        "yes",
        "",
        "Jane \"JD\" Doe",
    ];

    #[derive(Debug, Clone)]
    struct Item {
        key_style: u8,
        /// 0 short, 1 empty, 2 null, 3 block mapping, 4 flow mapping.
        form: u8,
        fields: Vec<(usize, u8, usize)>,
        comments: u8,
    }

    #[derive(Debug, Clone)]
    struct File {
        flow: bool,
        items: Vec<Item>,
        anchor: bool,
        crlf: bool,
        final_newline: bool,
        bom: bool,
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            0u8..4,
            0u8..5,
            proptest::collection::vec((0usize..7, 0u8..4, 0usize..5), 0..4),
            any::<u8>(),
        )
            .prop_map(|(key_style, form, fields, comments)| Item {
                key_style,
                form,
                fields,
                comments,
            })
    }

    fn file() -> impl Strategy<Value = File> {
        (
            any::<bool>(),
            proptest::collection::vec(item(), 1..5),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(flow, items, anchor, crlf, final_newline, bom)| File {
                flow,
                items,
                anchor,
                crlf,
                final_newline,
                bom,
            })
    }

    struct Rendered {
        text: String,
        ids: Vec<String>,
        comments: Vec<String>,
    }

    fn key_text(style: u8, id: &str, explicit_ok: bool) -> (String, bool) {
        match style {
            1 => (format!("'{id}'"), false),
            2 => (format!("\"{id}\""), false),
            3 if explicit_ok => (format!("? {id}"), true),
            _ => (id.to_string(), false),
        }
    }

    /// A field value: plain, quoted, or (in block context) a block scalar with blank and `#`
    /// lines inside.
    fn value(style: u8, pick: usize, flow: bool, indent: usize) -> String {
        match style {
            0 => PLAIN[pick % PLAIN.len()].to_string(),
            1 => QUOTED[pick % QUOTED.len()].to_string(),
            2 if !flow => {
                let header = ["|", "|-", ">", "|2"][pick % 4];
                let pad = " ".repeat(indent + 2);
                format!("{header}\n{pad}Closed session.\n\n{pad}# not a comment\n{pad}Student X.")
            }
            _ => PLAIN[(pick + 1) % PLAIN.len()].to_string(),
        }
    }

    fn render(file: &File) -> Rendered {
        let mut comments = Vec::new();
        let comment = |comments: &mut Vec<String>| {
            let c = format!("# c{}", comments.len());
            comments.push(c.clone());
            c
        };
        let mut out = format!("district: X  {}\n", comment(&mut comments));
        out.push_str(&format!("{}\nanswers:", comment(&mut comments)));
        let mut ids = Vec::new();
        if file.flow {
            out.push_str(" {");
        }
        out.push('\n');
        for (n, item) in file.items.iter().enumerate() {
            let id = format!("s{n}.item");
            ids.push(id.clone());
            let anchor = if file.anchor && n == 0 { "&a0 " } else { "" };
            let mut fields: Vec<(usize, u8, usize)> = Vec::new();
            for f in &item.fields {
                if !fields.iter().any(|g| g.0 == f.0) {
                    fields.push(*f);
                }
            }
            if file.flow {
                let (key, _) = key_text(item.key_style, &id, false);
                let body = match item.form {
                    0 => format!("{anchor}met"),
                    1 if anchor.is_empty() => String::new(),
                    2 | 1 => format!("{anchor}~"),
                    _ => {
                        let parts: Vec<String> = fields
                            .iter()
                            .map(|&(f, s, p)| {
                                format!("{}: {}", FIELDS[f].key(), value(s, p, true, 0))
                            })
                            .collect();
                        format!("{anchor}{{{}}}", parts.join(", "))
                    }
                };
                out.push_str(&format!("  {key}: {body},"));
                if item.comments & 1 == 1 {
                    out.push_str(&format!(" {}", comment(&mut comments)));
                }
                out.push('\n');
                continue;
            }
            if item.comments & 1 == 1 {
                out.push_str(&format!("  {}\n", comment(&mut comments)));
            }
            let (key, explicit) = key_text(item.key_style, &id, true);
            let colon = if explicit { "\n  :" } else { ":" };
            match item.form {
                0 => out.push_str(&format!("  {key}{colon} {anchor}met")),
                1 if anchor.is_empty() => out.push_str(&format!("  {key}{colon}")),
                1 | 2 => out.push_str(&format!("  {key}{colon} {anchor}~")),
                3 if !fields.is_empty() => {
                    out.push_str(&format!("  {key}{colon} {}", anchor.trim_end()));
                    for (i, &(f, s, p)) in fields.iter().enumerate() {
                        if item.comments & (2 << i) != 0 {
                            out.push_str(&format!("\n    {}", comment(&mut comments)));
                        }
                        out.push_str(&format!(
                            "\n    {}: {}",
                            FIELDS[f].key(),
                            value(s, p, false, 4)
                        ));
                        if item.comments & (32 << i) != 0 && s != 2 {
                            out.push_str(&format!("  {}", comment(&mut comments)));
                        }
                    }
                }
                _ => {
                    let parts: Vec<String> = fields
                        .iter()
                        .map(|&(f, s, p)| format!("{}: {}", FIELDS[f].key(), value(s, p, true, 0)))
                        .collect();
                    out.push_str(&format!("  {key}{colon} {anchor}{{{}}}", parts.join(", ")));
                }
            }
            // After a block text's last line a `#` would be more text, not a comment.
            let ends_in_block_text = item.form == 3 && fields.last().is_some_and(|f| f.1 == 2);
            if item.comments & 64 != 0 && !ends_in_block_text {
                out.push_str(&format!("  {}", comment(&mut comments)));
            }
            out.push('\n');
        }
        if file.anchor {
            ids.push("zz.alias".into());
            out.push_str("  zz.alias: *a0\n");
        }
        if file.flow {
            // yaml-rust2 (unlike the loader) wants the closing brace indented.
            out.push_str(" }\n");
        }
        out.push_str(&format!("{}\ndate: 2026-03-15", comment(&mut comments)));
        if file.final_newline {
            out.push('\n');
        }
        if file.crlf {
            out = out.replace('\n', "\r\n");
        }
        if file.bom {
            out.insert(0, '\u{feff}');
        }
        Rendered {
            text: out,
            ids,
            comments,
        }
    }

    fn fields_of(item: Option<&Value>) -> Mapping {
        answer_fields(item, "x").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn an_edit_changes_only_the_fields_it_names(
            file in file(),
            target in 0usize..6,
            changes in proptest::collection::vec((0usize..7, proptest::option::of(0usize..8)), 1..4),
        ) {
            let rendered = render(&file);
            let text = &rendered.text;
            let body = text.trim_start_matches('\u{feff}');
            let old: Value = serde_yaml::from_str(body)
                .unwrap_or_else(|e| panic!("generated file is not YAML: {e}\n{text}"));
            let id = rendered.ids.get(target).cloned().unwrap_or_else(|| "new.item".into());
            let changes: Vec<(Field, Option<String>)> = changes
                .iter()
                .map(|&(f, v)| (FIELDS[f], v.map(|v| NEW_VALUES[v].to_string())))
                .collect();
            let new_text = set_fields(text, &id, &changes)
                .unwrap_or_else(|e| panic!("{}\n--- text:\n{text}", e.message));
            prop_assert_eq!(text.starts_with('\u{feff}'), new_text.starts_with('\u{feff}'));
            if file.crlf {
                prop_assert!(!new_text.replace("\r\n", "").contains('\n'), "LF line in a CRLF file:\n{}", new_text);
            }
            let new: Value = serde_yaml::from_str(new_text.trim_start_matches('\u{feff}')).unwrap();
            prop_assert_eq!(&old["district"], &new["district"]);
            prop_assert_eq!(&old["date"], &new["date"]);
            for other in rendered.ids.iter().filter(|o| **o != id) {
                prop_assert_eq!(&old["answers"][other.as_str()], &new["answers"][other.as_str()], "{} changed:\n{}", other, new_text);
            }
            let mut expected = fields_of(old["answers"].get(id.as_str()));
            for (field, value) in &changes {
                match value {
                    Some(v) => { expected.insert(field.key().into(), v.as_str().into()); }
                    None => { expected.remove(field.key()); }
                }
            }
            let got = fields_of(new["answers"].get(id.as_str()));
            prop_assert!(same_fields(&got, &expected), "{:?} != {:?}\n{}", got, expected, new_text);
            for c in &rendered.comments {
                prop_assert!(new_text.contains(c.as_str()), "{} lost:\n{}\n---\n{}", c, text, new_text);
            }
        }
    }
}
