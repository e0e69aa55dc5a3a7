//! Changing one answer in the text of an answers file, keeping every other byte (comments,
//! order, blank lines, quoting, line breaks) as the committee wrote it.
//!
//! The text is scanned with yaml-rust2 into tokens with exact spans and a tree of nodes; an
//! edit replaces only the spans of the fields it changes. The result is parsed again and
//! compared with the original before it is returned: a change that would alter anything but
//! the fields asked for is refused with an error, never written.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_yaml::{Mapping, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, Scanner, TScalarStyle, Token, TokenType};

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

fn is_null_text(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// A value as written in a field: a text as `scalar_text`, anything else in flow style.
fn value_text(value: &Value, flow: bool) -> Result<String, EditError> {
    match value {
        Value::String(s) => Ok(scalar_text(s, flow)),
        other => flow_text(other),
    }
}

fn only_status(fields: &Mapping) -> Option<Option<&Value>> {
    match fields.len() {
        0 => Some(None),
        1 => fields.get("status").map(Some),
        _ => None,
    }
}

/// The fields of an answer as `key: value` texts, in order.
fn field_texts(fields: &Mapping, flow: bool) -> Result<Vec<(String, String)>, EditError> {
    fields
        .iter()
        .map(|(k, v)| Ok((flow_text(k)?, value_text(v, flow)?)))
        .collect()
}

fn flow_mapping_text(fields: &[(String, String)]) -> String {
    let parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", parts.join(", "))
}

/// An item written in a flow mapping: short form when it only has a status.
fn flow_item(key: &str, fields: &[(String, String)]) -> String {
    match fields {
        [(k, v)] if k == "status" => format!("{key}: {v}"),
        _ => format!("{key}: {}", flow_mapping_text(fields)),
    }
}

/// An item written in a block mapping, as lines without the item's own indentation.
fn block_item(key: &str, fields: &[(String, String)], step: usize) -> Vec<String> {
    match fields {
        [(k, v)] if k == "status" => vec![format!("{key}: {v}")],
        _ => std::iter::once(format!("{key}:"))
            .chain(
                fields
                    .iter()
                    .map(|(k, v)| format!("{}{k}: {v}", spaces(step))),
            )
            .collect(),
    }
}

fn plan(
    layout: &Layout<'_>,
    old_root: &Value,
    old_item: Option<&Value>,
    expected: &Mapping,
    id: &str,
    changes: &[(Field, Option<String>)],
) -> Result<Vec<Edit>, EditError> {
    let mut p = Planner::new(layout);
    let root = &layout.root;
    let NodeKind::Map {
        flow: root_flow,
        entries: root_entries,
        braces: root_braces,
    } = &root.kind
    else {
        return Err(layout_error("the top level is not a mapping"));
    };
    let anchored = &layout.anchored_text;
    let answers = root_entries
        .iter()
        .find(|(k, _)| k.text(anchored) == Some("answers"));
    let Some((answers_key, answers_node)) = answers else {
        // No `answers:` yet: add it with the item at the end of the file's mapping.
        let fields = field_texts(expected, *root_flow)?;
        let key = scalar_text(id, *root_flow);
        if let Some((open, _)) = root_braces {
            let item = flow_item(&key, &fields);
            match root_entries.last() {
                Some((k, v)) => {
                    let end = p.entry_span(k, v).end;
                    p.insert(end, format!(", answers: {{{item}}}"));
                }
                None => p.insert(open + 1, format!("answers: {{{item}}}")),
            }
        } else {
            let indent = column(p.text, root.content);
            let pad = format!("{}{}", p.nl, spaces(indent + 2));
            let lines = block_item(&key, &fields, 2).join(&pad);
            let at = line_end(p.text, root.end);
            p.insert(
                at,
                format!("{}{}answers:{pad}{lines}", p.nl, spaces(indent)),
            );
        }
        return Ok(p.edits);
    };
    if let Some(old_answers) = old_root.get("answers") {
        p.changes_node(answers_node, old_answers);
    }
    match &answers_node.kind {
        NodeKind::Map {
            flow,
            entries,
            braces,
        } => {
            let mut found = entries.iter().filter(|(k, _)| k.text(anchored) == Some(id));
            let item = found.next();
            if found.next().is_some() {
                return Err(EditError {
                    message: format!(
                        "the item `{id}` is answered twice; keep one answer and delete the other"
                    ),
                });
            }
            let step = indent_step(&p, entries);
            match item {
                Some((key, value)) => {
                    let ctx = ItemContext {
                        flow: *flow,
                        step,
                        old_item,
                        expected,
                        changes,
                    };
                    edit_item(&mut p, key, value, &ctx)?;
                }
                None => {
                    let fields = field_texts(expected, *flow)?;
                    let key = scalar_text(id, *flow);
                    if let Some((open, _)) = braces {
                        match entries.last() {
                            Some((k, v)) => {
                                let end = p.entry_span(k, v).end;
                                p.insert(end, format!(", {}", flow_item(&key, &fields)));
                            }
                            None => p.insert(open + 1, flow_item(&key, &fields)),
                        }
                    } else {
                        let indent = entries
                            .first()
                            .map_or(2, |(k, v)| column(p.text, p.entry_span(k, v).start));
                        let pad = format!("{}{}", p.nl, spaces(indent));
                        let lines = block_item(&key, &fields, step).join(&pad);
                        let at = line_end(p.text, answers_node.end);
                        p.insert(at, format!("{pad}{lines}"));
                    }
                }
            }
        }
        NodeKind::Scalar {
            value,
            style: TScalarStyle::Plain,
            ..
        } if answers_node.anchor == 0 && !answers_node.tagged && is_null_text(value) => {
            let fields = field_texts(expected, *root_flow)?;
            let key = scalar_text(id, *root_flow);
            let span = p.entry_span(answers_key, answers_node);
            if *root_flow {
                let text = format!("{{{}}}", flow_item(&key, &fields));
                p.set_value(answers_key, answers_node, text, true, 0);
            } else {
                let indent = column(p.text, span.start) + 2;
                let pad = format!("{}{}", p.nl, spaces(indent));
                let lines = block_item(&key, &fields, 2).join(&pad);
                p.clear_value(answers_node, span);
                let at = line_end(p.text, span.end);
                p.insert(at, format!("{pad}{lines}"));
            }
        }
        NodeKind::Alias(_) => {
            return Err(EditError {
                message: "`answers:` refers to another part of the file (`*name`); write the \
                          answers out in full to edit them"
                    .into(),
            });
        }
        _ => {
            return Err(EditError {
                message: "`answers:` must be a mapping of item ids to answers; fix it in a text \
                          editor, then try again"
                    .into(),
            });
        }
    }
    p.expand_aliases()?;
    Ok(p.edits)
}

/// How far the fields of a long-form answer are indented from its key (2 if none is).
fn indent_step(p: &Planner<'_, '_>, entries: &[(Node, Node)]) -> usize {
    entries
        .iter()
        .find_map(|(k, v)| match &v.kind {
            NodeKind::Map {
                flow: false,
                entries: fields,
                ..
            } => {
                let (fk, fv) = fields.first()?;
                let item = column(p.text, p.entry_span(k, v).start);
                let field = column(p.text, p.entry_span(fk, fv).start);
                field.checked_sub(item).filter(|&s| s > 0)
            }
            _ => None,
        })
        .unwrap_or(2)
}

struct ItemContext<'a> {
    /// The answers mapping is a flow mapping.
    flow: bool,
    step: usize,
    old_item: Option<&'a Value>,
    expected: &'a Mapping,
    changes: &'a [(Field, Option<String>)],
}

fn edit_item(
    p: &mut Planner<'_, '_>,
    key: &Node,
    value: &Node,
    ctx: &ItemContext<'_>,
) -> Result<(), EditError> {
    let span = p.entry_span(key, value);
    let indent = column(p.text, span.start);
    match &value.kind {
        NodeKind::Alias(_) => {
            let text = match only_status(ctx.expected) {
                Some(None) => "null".to_string(),
                Some(Some(status)) => value_text(status, true)?,
                None => flow_text(&Value::Mapping(ctx.expected.clone()))?,
            };
            p.replace(value, text, indent + ctx.step);
        }
        NodeKind::Scalar { .. } => {
            if let Some(old) = ctx.old_item {
                p.changes_node(value, old);
            }
            match only_status(ctx.expected) {
                Some(None) => p.clear_value(value, span),
                Some(Some(status)) => {
                    let text = value_text(status, ctx.flow)?;
                    p.set_value(key, value, text, ctx.flow, indent);
                }
                None => short_to_long(p, key, value, span, ctx, indent)?,
            }
        }
        NodeKind::Map {
            flow,
            entries,
            braces,
        } => {
            if let Some(old) = ctx.old_item {
                p.changes_node(value, old);
            }
            edit_fields(p, value, *flow, entries, *braces, ctx)?;
        }
        NodeKind::Seq => {
            return Err(EditError {
                message: "this answer is written as a list; fix it in a text editor, then try \
                          again"
                    .into(),
            });
        }
    }
    Ok(())
}

/// A short-form (or empty) answer that gets more fields becomes a mapping of them.
fn short_to_long(
    p: &mut Planner<'_, '_>,
    key: &Node,
    value: &Node,
    span: EntrySpan,
    ctx: &ItemContext<'_>,
    indent: usize,
) -> Result<(), EditError> {
    let mut fields = field_texts(ctx.expected, ctx.flow)?;
    // An unchanged status keeps its text when it is on one line.
    let status_kept = !ctx.changes.iter().any(|(f, _)| *f == Field::Status);
    let source = &p.text[value.content..value.end];
    let one_line = !value.is_empty() && !value.tagged && !source.contains(['\r', '\n']);
    let fits =
        !ctx.flow || !source.contains([',', '[', ']', '{', '}']) || source.starts_with(['"', '\'']);
    if status_kept
        && one_line
        && fits
        && let Some(slot) = fields.iter_mut().find(|(k, _)| k == "status")
    {
        slot.1 = source.to_string();
    }
    if ctx.flow {
        let text = flow_mapping_text(&fields);
        if value.is_empty() && value.start == value.content {
            p.fill_empty(key, span, &text, true, indent);
        } else {
            p.replace(value, text, indent);
        }
        return Ok(());
    }
    p.clear_value(value, span);
    let at = line_end(p.text, span.end);
    let mut text = String::new();
    if span.colon.is_none() {
        let _ = write!(text, "{}{}:", p.nl, spaces(indent));
    }
    for (k, v) in &fields {
        let _ = write!(text, "{}{}{k}: {v}", p.nl, spaces(indent + ctx.step));
    }
    p.insert(at, text);
    Ok(())
}

/// Sets, adds and removes fields of a long-form answer.
fn edit_fields(
    p: &mut Planner<'_, '_>,
    item: &Node,
    flow: bool,
    entries: &[(Node, Node)],
    braces: Option<(usize, usize)>,
    ctx: &ItemContext<'_>,
) -> Result<(), EditError> {
    let anchored = &p.layout.anchored_text;
    let indent = entries
        .first()
        .map_or(0, |(k, v)| column(p.text, p.entry_span(k, v).start));
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for (field, change) in ctx.changes {
        let mut found = entries
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| k.text(anchored) == Some(field.key()));
        let entry = found.next();
        if found.next().is_some() {
            return Err(EditError {
                message: format!(
                    "this answer has `{}:` twice; keep one and delete the other",
                    field.key()
                ),
            });
        }
        let old = ctx
            .old_item
            .and_then(|v| v.get(field.key()))
            .cloned()
            .unwrap_or(Value::Null);
        match (entry, change) {
            (Some((_, (k, v))), Some(new)) => {
                p.changes_node(v, &old);
                p.set_value(k, v, scalar_text(new, flow), flow, indent);
            }
            (Some((i, (k, v))), None) => {
                p.changes_node(v, &old);
                p.changes_node(k, &Value::String(field.key().into()));
                removed.push(i);
            }
            (None, Some(new)) => added.push((field.key(), scalar_text(new, flow))),
            (None, None) => {}
        }
    }
    let spans: Vec<EntrySpan> = entries.iter().map(|(k, v)| p.entry_span(k, v)).collect();
    if flow {
        remove_flow_entries(p, &spans, &removed);
        let kept = (0..entries.len()).rev().find(|i| !removed.contains(i));
        let parts: Vec<String> = added.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        if !parts.is_empty() {
            match (kept, braces) {
                (Some(i), _) => p.insert(spans[i].end, format!(", {}", parts.join(", "))),
                (None, Some((open, _))) => p.insert(open + 1, parts.join(", ")),
                (None, None) => return Err(layout_error("a flow mapping without braces")),
            }
        }
    } else {
        for &i in &removed {
            // A comment after the value moves to the key's column: left where it was, it
            // could become part of a block text above.
            let end = spans[i].end;
            let rest = &p.text[end..line_end(p.text, end)];
            let comment = rest.trim_start_matches([' ', '\t']);
            let end = if comment.starts_with('#') {
                end + rest.len() - comment.len()
            } else {
                end
            };
            p.remove(spans[i].start, end);
        }
        if !added.is_empty() {
            let at = line_end(p.text, item.end);
            let mut text = String::new();
            for (k, v) in &added {
                let _ = write!(text, "{}{}{k}: {v}", p.nl, spaces(indent));
            }
            p.insert(at, text);
        }
    }
    Ok(())
}

/// Removes entries of a flow mapping with their commas.
fn remove_flow_entries(p: &mut Planner<'_, '_>, spans: &[EntrySpan], removed: &[usize]) {
    let comma_after = |p: &Planner<'_, '_>, end: usize| {
        p.layout
            .token_after(end)
            .filter(|t| t.kind == Kind::FlowEntry)
            .map(|t| t.end)
    };
    let mut handled = vec![false; spans.len()];
    let last = spans.len().checked_sub(1);
    if let Some(last) = last.filter(|&l| removed.contains(&l))
        && comma_after(p, spans[last].end).is_none()
    {
        let kept = (0..last).rev().find(|i| !removed.contains(i));
        let from = match kept {
            Some(k) => comma_after(p, spans[k].end).map_or(spans[k + 1].start, |c| c - 1),
            None => spans[0].start,
        };
        let first = kept.map_or(0, |k| k + 1);
        handled[first..].iter_mut().for_each(|h| *h = true);
        p.remove(from, spans[last].end);
    }

    for &i in removed {
        if handled[i] {
            continue;
        }
        let mut end = comma_after(p, spans[i].end).unwrap_or(spans[i].end);
        let bytes = p.text.as_bytes();
        while matches!(bytes.get(end), Some(b' ' | b'\t')) {
            end += 1;
        }
        p.remove(spans[i].start, end);
    }
}

// ---------------------------------------------------------------------------------------------
// Planning the edit: byte ranges to replace, computed on the layout.
// ---------------------------------------------------------------------------------------------

/// One change to the text: `start..end` becomes `text`. A `tidy` edit removes text; a line it
/// leaves holding only spaces is dropped.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
    tidy: bool,
}

/// Where one `key: value` entry sits.
#[derive(Debug, Clone, Copy)]
struct EntrySpan {
    start: usize,
    colon: Option<usize>,
    end: usize,
    explicit: bool,
}

struct Planner<'l, 't> {
    layout: &'l Layout<'t>,
    text: &'t str,
    nl: &'static str,
    edits: Vec<Edit>,
    /// Anchors whose node changes, with the value their aliases must keep.
    keep_for_aliases: Vec<(usize, Value)>,
}

/// The file's own line break: that of its first line.
fn line_break_of(text: &str) -> &'static str {
    match text.find(['\r', '\n']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// A field value as the file should hold it: `yaml_text`, unless that would not read back as
/// the same text here (in a flow mapping a comma ends a plain value), then double-quoted.
fn scalar_text(value: &str, flow: bool) -> String {
    let written = yaml_text(value);
    let plain = !written.starts_with('"');
    let misread_in_flow = flow && plain && written.contains([',', '[', ']', '{', '}']);
    let reads_back = serde_yaml::from_str::<Value>(&written)
        .is_ok_and(|v| v == Value::String(value.to_string()));
    if reads_back && !misread_in_flow {
        written
    } else {
        double_quoted(value)
    }
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value written in flow style, on one line.
fn flow_text(value: &Value) -> Result<String, EditError> {
    Ok(match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_text(s, true),
        Value::Sequence(items) => {
            let items: Result<Vec<_>, _> = items.iter().map(flow_text).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Mapping(map) => {
            let mut parts = Vec::with_capacity(map.len());
            for (k, v) in map {
                parts.push(format!("{}: {}", flow_text(k)?, flow_text(v)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Value::Tagged(tagged) => format!("{} {}", tagged.tag, flow_text(&tagged.value)?),
    })
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

impl<'l, 't> Planner<'l, 't> {
    fn new(layout: &'l Layout<'t>) -> Self {
        Self {
            layout,
            text: layout.text,
            nl: line_break_of(layout.text),
            edits: Vec::new(),
            keep_for_aliases: Vec::new(),
        }
    }

    fn entry_span(&self, key: &Node, value: &Node) -> EntrySpan {
        let before = self.layout.token_before(key.start);
        let explicit = before.is_some_and(|t| t.kind == Kind::ExplicitKey);
        let start = match before {
            Some(t) if explicit => t.start,
            _ => key.start,
        };
        let colon = self
            .layout
            .token_after(key.end)
            .filter(|t| t.kind == Kind::Value && t.end <= value.start)
            .map(|t| t.start);
        let end = value.end.max(key.end).max(colon.map_or(0, |c| c + 1));
        EntrySpan {
            start,
            colon,
            end,
            explicit,
        }
    }

    fn insert(&mut self, at: usize, mut text: String) {
        // `key:,` would read as the key `key:`; a colon needs a space after it.
        if text.starts_with(',') && self.text[..at].ends_with(':') {
            text.insert(0, ' ');
        }
        self.edits.push(Edit {
            start: at,
            end: at,
            text,
            tidy: false,
        });
    }

    /// Removes `start..end` but not the comments in it (nor the line break that ends one).
    fn remove(&mut self, start: usize, end: usize) {
        let mut from = start;
        let bytes = self.text.as_bytes();
        for (c_start, c_end) in self.layout.comments_in(start, end) {
            // The white space before a comment stays: `#` must follow a space.
            let mut keep_from = c_start;
            while keep_from > from && matches!(bytes[keep_from - 1], b' ' | b'\t') {
                keep_from -= 1;
            }
            if keep_from > from {
                self.edits.push(Edit {
                    start: from,
                    end: keep_from,
                    text: String::new(),
                    tidy: true,
                });
            }
            from = c_end;
            let rest = &self.text[c_end..];
            from += if rest.starts_with("\r\n") {
                2
            } else {
                usize::from(rest.starts_with(['\r', '\n']))
            };
        }
        if end > from {
            self.edits.push(Edit {
                start: from,
                end,
                text: String::new(),
                tidy: true,
            });
        }
    }

    /// Replaces a node's text, keeping the comments inside it after the new text.
    fn replace(&mut self, node: &Node, text: String, indent: usize) {
        let comments = self.layout.comments_in(node.start, node.end);
        let mut out = text;
        for (i, &(s, e)) in comments.iter().enumerate() {
            if i > 0 {
                out.push_str(self.nl);
                out.push_str(&spaces(indent));
            } else {
                out.push_str("  ");
            }
            out.push_str(&self.text[s..e]);
        }
        if !comments.is_empty() {
            // Whatever followed on the line must not end up inside the comment.
            let rest_end = line_end(self.text, node.end);
            let rest = self.text[node.end..rest_end].trim_start_matches([' ', '\t']);
            if !rest.is_empty() && !rest.starts_with('#') {
                out.push_str(self.nl);
                out.push_str(&spaces(indent));
            }
        }
        self.edits.push(Edit {
            start: node.start,
            end: node.end,
            text: out,
            tidy: false,
        });
    }

    /// Where a node that holds nothing gets a value: after its colon, or after the key.
    fn fill_empty(&mut self, key: &Node, span: EntrySpan, text: &str, flow: bool, indent: usize) {
        match span.colon {
            Some(colon) => self.insert(colon + 1, format!(" {text}")),
            None if span.explicit && !flow => {
                let at = line_end(self.text, key.end);
                self.insert(at, format!("{}{}: {text}", self.nl, spaces(indent)));
            }
            None => self.insert(key.end, format!(": {text}")),
        }
    }

    /// Sets an entry's value to `text`.
    fn set_value(&mut self, key: &Node, value: &Node, text: String, flow: bool, indent: usize) {
        let span = self.entry_span(key, value);
        if value.is_empty() && value.start == value.content {
            self.fill_empty(key, span, &text, flow, indent);
        } else {
            self.replace(value, text, indent + 2);
        }
    }

    /// Removes an entry's value, keeping the key (`key:` then means nothing).
    fn clear_value(&mut self, value: &Node, span: EntrySpan) {
        if value.is_empty() && value.start == value.content {
            return;
        }
        // In a flow mapping (`key: x,`) the space after the colon stays.
        let line_ends_after = self
            .text
            .as_bytes()
            .get(value.end)
            .is_none_or(|&c| is_ws(c));
        let same_line = line_ends_after
            && span
                .colon
                .is_some_and(|c| line_end(self.text, c) >= value.start);
        match span.colon {
            Some(colon) if same_line => self.remove(colon + 1, value.end),
            _ => self.remove(value.start, value.end),
        }
    }

    /// Records that the node's value changes, so aliases to it must get a copy of the old one.
    fn changes_node(&mut self, node: &Node, old: &Value) {
        if node.anchor > 0 {
            self.keep_for_aliases.push((node.anchor, old.clone()));
        }
    }

    /// Copies the old value into each alias of a changed anchor; refuses when an anchor inside
    /// removed text is used elsewhere in a way that cannot be copied.
    fn expand_aliases(&mut self) -> Result<(), EditError> {
        let changed: Vec<(usize, usize)> = self
            .edits
            .iter()
            .filter(|e| e.end > e.start)
            .map(|e| (e.start, e.end))
            .collect();
        let inside = |s: usize, e: usize| changed.iter().any(|&(cs, ce)| s >= cs && e <= ce);
        for &(id, s, e) in &self.layout.anchors {
            let kept = self.keep_for_aliases.iter().any(|(k, _)| *k == id);
            let used = self
                .layout
                .aliases
                .iter()
                .any(|&(a, s2, e2)| a == id && !inside(s2, e2));
            if inside(s, e) && used && !kept {
                return Err(EditError {
                    message: "the changed answer holds an anchor (`&name`) that other parts of \
                              the file refer to (`*name`); write those values out in full, then \
                              try again"
                        .into(),
                });
            }
        }
        let mut copies = Vec::new();
        for (id, value) in &self.keep_for_aliases {
            for &(a, s, e) in &self.layout.aliases {
                if a != *id || inside(s, e) {
                    continue;
                }
                if changed.iter().any(|&(cs, ce)| s < ce && e > cs) {
                    return Err(layout_error("an alias overlaps the change"));
                }
                copies.push(Edit {
                    start: s,
                    end: e,
                    text: flow_text(value)?,
                    tidy: false,
                });
            }
        }
        self.edits.extend(copies);
        Ok(())
    }
}

/// Applies the edits, then drops the lines that removals left holding only spaces.
fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, EditError> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    let mut markers = Vec::new();
    for edit in &edits {
        if edit.start < at || edit.end < edit.start || edit.end > text.len() {
            return Err(layout_error("two changes overlap"));
        }
        out.push_str(&text[at..edit.start]);
        if edit.tidy {
            markers.push(out.len());
        }
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    let mut lines: Vec<(usize, usize)> = markers
        .into_iter()
        .map(|m| (line_start(&out, m), line_end(&out, m)))
        .filter(|&(s, e)| out[s..e].bytes().all(|c| c == b' ' || c == b'\t'))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    for &(s, e) in lines.iter().rev() {
        let rest = &out[e..];
        let break_len = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with(['\r', '\n']))
        };
        if break_len > 0 {
            out.replace_range(s..e + break_len, "");
        } else if s > 0 {
            let before = if out[..s].ends_with("\r\n") { 2 } else { 1 };
            out.replace_range(s - before..e, "");
        } else {
            out.replace_range(s..e, "");
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The layout of the text: every token with its exact byte span, every comment, and the tree of
// nodes (each with the span of its properties, content and end).
//
// yaml-rust2 marks where each token starts (line and column; its char index drifts after
// non-ASCII block scalar content, so it is not used). Ends are computed here: between two
// tokens there is only white space and comments, which `Layout::check_gaps` verifies, so any
// mistake in a span is caught before an edit is planned on it.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Takes no room: stream start and end, block starts and ends, an implicit key.
    Zero,
    BlockMappingStart,
    BlockSequenceStart,
    ImplicitKey,
    ExplicitKey,
    Value,
    FlowEntry,
    BlockEntry,
    FlowOpen,
    FlowClose,
    Document,
    Directive,
    Anchor,
    Alias,
    Tag,
    Scalar(TScalarStyle),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    /// Where yaml-rust2 says the token is (a block scalar's first content line).
    mark: usize,
    start: usize,
    end: usize,
}

impl Tok {
    fn takes_room(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Zero | Kind::BlockMappingStart | Kind::BlockSequenceStart | Kind::ImplicitKey
        )
    }
}

#[derive(Debug, Clone)]
enum NodeKind {
    Scalar {
        value: String,
        style: TScalarStyle,
        /// No content at all (`key:` with nothing after it).
        empty: bool,
    },
    Alias(usize),
    Map {
        flow: bool,
        entries: Vec<(Node, Node)>,
        /// The `{` and `}` of a flow mapping.
        braces: Option<(usize, usize)>,
    },
    Seq,
}

#[derive(Debug, Clone)]
struct Node {
    kind: NodeKind,
    anchor: usize,
    tagged: bool,
    /// Start of the node's properties (anchor, tag), else of its content.
    start: usize,
    /// Start of the content (a block scalar's `|` or `>`); for an empty node, where it would be.
    content: usize,
    end: usize,
}

impl Node {
    fn is_empty(&self) -> bool {
        matches!(self.kind, NodeKind::Scalar { empty: true, .. })
    }

    /// The text of a scalar key or value (an alias resolves to its anchored scalar).
    fn text<'n>(&'n self, anchored: &'n HashMap<usize, String>) -> Option<&'n str> {
        match &self.kind {
            NodeKind::Scalar { value, empty, .. } => (!empty).then_some(value.as_str()),
            NodeKind::Alias(id) => anchored.get(id).map(String::as_str),
            _ => None,
        }
    }
}

struct Layout<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    /// The tokens that take room, in order, without overlap.
    toks: Vec<Tok>,
    comments: Vec<(usize, usize)>,
    root: Node,
    /// The text of each anchored scalar, for keys written as aliases.
    anchored_text: HashMap<usize, String>,
    /// Every alias: (anchor id, start, end).
    aliases: Vec<(usize, usize, usize)>,
    /// Every anchored node: (anchor id, start, end).
    anchors: Vec<(usize, usize, usize)>,
}

fn layout_error(what: &str) -> EditError {
    EditError {
        message: format!(
            "the answers file could not be edited in place ({what}); nothing was saved. \
             Edit the file in a text editor instead, or report this with the file attached"
        ),
    }
}

/// yaml-rust2 is stricter than the loader in a few places (a flow mapping's closing brace at
/// the start of a line): say where, and what to do.
fn scan_error(e: &yaml_rust2::ScanError) -> EditError {
    EditError {
        message: format!(
            "the answers file cannot be edited in place: at line {}, column {}, {}; indent that \
             line (or rewrite that part in the usual `key: value` form), then try again",
            e.marker().line(),
            e.marker().col() + 1,
            e.info()
        ),
    }
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_break(c: u8) -> bool {
    matches!(c, b'\r' | b'\n')
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                starts.push(i);
            }
            b'\r' | b'\n' => {
                i += 1;
                starts.push(i);
            }
            _ => i += 1,
        }
    }
    starts
}

/// Where the current line ends (its line break, or the end of the text).
fn line_end(text: &str, pos: usize) -> usize {
    text.as_bytes()[pos..]
        .iter()
        .position(|&c| is_break(c))
        .map_or(text.len(), |i| pos + i)
}

/// Where the current line starts.
fn line_start(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos]
        .iter()
        .rposition(|&c| is_break(c))
        .map_or(0, |i| i + 1)
}

fn column(text: &str, pos: usize) -> usize {
    text[line_start(text, pos)..pos].chars().count()
}

impl<'t> Layout<'t> {
    fn parse(text: &'t str) -> Result<Self, EditError> {
        if text.contains('\0') {
            return Err(layout_error("it contains a NUL character"));
        }
        let line_starts = line_starts(text);
        let mut layout = Layout {
            text,
            line_starts,
            toks: Vec::new(),
            comments: Vec::new(),
            root: Node {
                kind: NodeKind::Seq,
                anchor: 0,
                tagged: false,
                start: 0,
                content: 0,
                end: 0,
            },
            anchored_text: HashMap::new(),
            aliases: Vec::new(),
            anchors: Vec::new(),
        };
        let all = layout.scan()?;
        layout.check_gaps()?;
        let mut builder = TreeBuilder {
            layout: &layout,
            all: &all,
            cursor: 0,
            stack: Vec::new(),
            roots: Vec::new(),
            anchored_text: HashMap::new(),
            aliases: Vec::new(),
            anchors: Vec::new(),
            error: None,
        };
        let mut parser = Parser::new_from_str(text);
        parser
            .load(&mut builder, true)
            .map_err(|e| scan_error(&e))?;
        if let Some(error) = builder.error {
            return Err(layout_error(error));
        }
        let mut roots = std::mem::take(&mut builder.roots);
        let anchored_text = std::mem::take(&mut builder.anchored_text);
        let aliases = std::mem::take(&mut builder.aliases);
        let anchors = std::mem::take(&mut builder.anchors);
        if roots.len() != 1 {
            return Err(EditError {
                message: "the answers file must hold exactly one YAML document".into(),
            });
        }
        layout.root = roots.remove(0);
        layout.anchored_text = anchored_text;
        layout.aliases = aliases;
        layout.anchors = anchors;
        Ok(layout)
    }

    fn offset(&self, mark: Marker) -> usize {
        let Some(&start) = mark
            .line()
            .checked_sub(1)
            .and_then(|l| self.line_starts.get(l))
        else {
            return self.text.len();
        };
        let end = line_end(self.text, start);
        self.text[start..end]
            .char_indices()
            .nth(mark.col())
            .map_or(end, |(i, _)| start + i)
    }

    /// All tokens (those without room too) with their spans; keeps those with room in `toks`.
    fn scan(&mut self) -> Result<Vec<Tok>, EditError> {
        let mut raw: Vec<(Token, usize)> = Vec::new();
        let mut scanner = Scanner::new(self.text.chars());
        for token in scanner.by_ref() {
            let at = self.offset(token.0);
            raw.push((token, at));
        }
        if let Some(e) = scanner.get_error() {
            return Err(scan_error(&e));
        }
        let bytes = self.text.as_bytes();
        let mut all: Vec<Tok> = Vec::with_capacity(raw.len());
        let mut block_indents: Vec<usize> = Vec::new();
        let mut previous_end = 0;
        for (i, (Token(_, token), at)) in raw.iter().enumerate() {
            let at = *at;
            let next_mark = raw.get(i + 1).map_or(self.text.len(), |(_, p)| *p);
            let one = (at + 1).min(self.text.len());
            let (kind, start, end) = match token {
                TokenType::StreamStart(_) | TokenType::StreamEnd | TokenType::BlockEnd => {
                    if matches!(token, TokenType::BlockEnd) {
                        block_indents.pop();
                    }
                    (Kind::Zero, at, at)
                }
                TokenType::BlockMappingStart | TokenType::BlockSequenceStart => {
                    // yaml-rust2 marks a block mapping at its first colon; it starts at its
                    // first key, the next token.
                    let at = if matches!(token, TokenType::BlockMappingStart) {
                        next_mark
                    } else {
                        at
                    };
                    block_indents.push(column(self.text, at));
                    let kind = if matches!(token, TokenType::BlockMappingStart) {
                        Kind::BlockMappingStart
                    } else {
                        Kind::BlockSequenceStart
                    };
                    (kind, at, at)
                }
                TokenType::Key => {
                    let explicit =
                        bytes.get(at) == Some(&b'?') && bytes.get(at + 1).is_none_or(|&c| is_ws(c));
                    if explicit {
                        (Kind::ExplicitKey, at, one)
                    } else {
                        (Kind::ImplicitKey, at, at)
                    }
                }
                TokenType::Value => (Kind::Value, at, one),
                TokenType::FlowEntry => (Kind::FlowEntry, at, one),
                TokenType::BlockEntry => (Kind::BlockEntry, at, one),
                TokenType::FlowSequenceStart | TokenType::FlowMappingStart => {
                    (Kind::FlowOpen, at, one)
                }
                TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => {
                    (Kind::FlowClose, at, one)
                }
                TokenType::DocumentStart | TokenType::DocumentEnd => {
                    (Kind::Document, at, (at + 3).min(self.text.len()))
                }
                TokenType::VersionDirective(..) | TokenType::TagDirective(..) => {
                    (Kind::Directive, at, plain_end(self.text, at, next_mark))
                }
                TokenType::Anchor(name) => (Kind::Anchor, at, at + 1 + name.len()),
                TokenType::Alias(name) => (Kind::Alias, at, at + 1 + name.len()),
                TokenType::Tag(..) => (Kind::Tag, at, tag_end(self.text, at)),
                TokenType::Scalar(style, _) => match style {
                    TScalarStyle::Plain => (
                        Kind::Scalar(*style),
                        at,
                        plain_end(self.text, at, next_mark),
                    ),
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => (
                        Kind::Scalar(*style),
                        at,
                        quoted_end(self.text, at, *style == TScalarStyle::DoubleQuoted)
                            .ok_or_else(|| layout_error("an unterminated quoted text"))?,
                    ),
                    _ => {
                        let header = skip_gap(self.text, previous_end);
                        let parent = block_indents.last().map_or(-1, |&c| c as isize);
                        let end = block_scalar_end(self.text, header, parent).ok_or_else(|| {
                            layout_error("a block text (`|` or `>`) it could not follow")
                        })?;
                        (Kind::Scalar(*style), header, end)
                    }
                },
            };
            let tok = Tok {
                kind,
                mark: at,
                start,
                end,
            };
            if tok.takes_room() {
                previous_end = end;
                self.toks.push(tok);
            }
            all.push(tok);
        }
        Ok(all)
    }

    /// Checks that between tokens there is only white space and comments, and records those.
    fn check_gaps(&mut self) -> Result<(), EditError> {
        let mut at = 0;
        let mut comments = Vec::new();
        let bytes = self.text.as_bytes();
        for tok in self.toks.iter().copied().chain(std::iter::once(Tok {
            kind: Kind::Zero,
            mark: self.text.len(),
            start: self.text.len(),
            end: self.text.len(),
        })) {
            if tok.start < at {
                return Err(layout_error("two tokens overlap"));
            }
            let mut i = at;
            while i < tok.start {
                if is_ws(bytes[i]) {
                    i += 1;
                } else if bytes[i] == b'#' && (i == 0 || is_ws(bytes[i - 1])) {
                    let end = line_end(self.text, i);
                    if end > tok.start {
                        return Err(layout_error("a comment runs into a token"));
                    }
                    comments.push((i, end));
                    i = end;
                } else {
                    return Err(layout_error("unexpected text between tokens"));
                }
            }
            if let Kind::Scalar(TScalarStyle::Literal | TScalarStyle::Folded) = tok.kind
                && let Some(comment) = block_header_comment(self.text, tok.start)
            {
                comments.push(comment);
            }
            at = tok.end;
        }
        self.comments = comments;
        Ok(())
    }

    /// The last token with room that ends at or before `pos`.
    fn token_before(&self, pos: usize) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.end <= pos);
        i.checked_sub(1).and_then(|i| self.toks.get(i))
    }

    /// The first token with room that starts at or after `pos`.
    fn token_after(&self, pos: usize) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.start < pos);
        self.toks.get(i)
    }

    fn comments_in(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        self.comments
            .iter()
            .copied()
            .filter(|&(s, e)| s >= start && e <= end)
            .collect()
    }
}

/// Where a plain scalar (or a directive) that starts at `at` ends, given the next token's mark.
fn plain_end(text: &str, at: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let limit = limit.max(at).min(text.len());
    let mut end = limit;
    for i in at + 1..limit {
        if bytes[i] == b'#' && is_ws(bytes[i - 1]) {
            end = i;
            break;
        }
    }
    while end > at + 1 && is_ws(bytes[end - 1]) {
        end -= 1;
    }
    end.max((at + 1).min(text.len()))
}

fn quoted_end(text: &str, at: usize, double: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = if double { b'"' } else { b'\'' };
    let mut i = at + 1;
    while i < bytes.len() {
        let c = bytes[i];
        if double && c == b'\\' {
            i += 2;
        } else if c == quote {
            if !double && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
            } else {
                return Some(i + 1);
            }
        } else {
            i += 1;
        }
    }
    None
}

fn tag_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(at + 1) == Some(&b'<') {
        return bytes[at..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(text.len(), |i| at + i + 1);
    }
    bytes[at..]
        .iter()
        .position(|&c| is_ws(c) || b",[]{}".contains(&c))
        .map_or(text.len(), |i| at + i)
}

/// The first position at or after `pos` that is neither white space nor in a comment.
fn skip_gap(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        if is_ws(bytes[pos]) {
            pos += 1;
        } else if bytes[pos] == b'#' && (pos == 0 || is_ws(bytes[pos - 1])) {
            pos = line_end(text, pos);
        } else {
            break;
        }
    }
    pos
}

/// The `|`/`>` header's indicators: (explicit indentation, end of the indicators).
fn block_header(text: &str, header: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(header), Some(b'|' | b'>')) {
        return None;
    }
    let mut i = header + 1;
    let mut increment = 0;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'+' | b'-' => i += 1,
            b'1'..=b'9' => {
                increment = usize::from(c - b'0');
                i += 1;
            }
            _ => break,
        }
    }
    Some((increment, i))
}

fn block_header_comment(text: &str, header: usize) -> Option<(usize, usize)> {
    let (_, after) = block_header(text, header)?;
    let end = line_end(text, after);
    let hash = text[after..end].find('#')? + after;
    Some((hash, end))
}

/// Where a block scalar whose header is at `header` ends: after its last content line (or its
/// header when it has none). `parent` is the indentation of the enclosing block collection.
/// Follows yaml-rust2's own rules for the content indentation.
fn block_scalar_end(text: &str, header: usize, parent: isize) -> Option<usize> {
    let (increment, indicators_end) = block_header(text, header)?;
    let bytes = text.as_bytes();
    let mut end = indicators_end;
    let first_line = line_end(text, header);
    if first_line >= text.len() {
        return Some(end);
    }
    let mut pos = first_line
        + if text[first_line..].starts_with("\r\n") {
            2
        } else {
            1
        };
    let spaces = |p: usize| bytes[p..].iter().take_while(|&&c| c == b' ').count();
    let indent = if increment > 0 {
        usize::try_from(parent).map_or(increment, |p| p + increment)
    } else {
        // The longest leading blank line or the first content line decides.
        let mut max = 0;
        let mut p = pos;
        loop {
            let s = spaces(p);
            max = max.max(s);
            let after = p + s;
            if after < bytes.len() && is_break(bytes[after]) {
                p = after
                    + if text[after..].starts_with("\r\n") {
                        2
                    } else {
                        1
                    };
            } else {
                break;
            }
        }
        let floor = usize::try_from(parent + 1).unwrap_or(0);
        let mut indent = max.max(floor);
        if parent > 0 {
            indent = indent.max(1);
        }
        indent
    };
    while pos < bytes.len() {
        let s = spaces(pos).min(indent);
        let after = pos + s;
        let eol = line_end(text, pos);
        if after >= bytes.len() {
            break;
        }
        if is_break(bytes[after]) {
            // A blank line: part of the scalar only if content follows.
        } else if s < indent {
            break;
        } else {
            if indent == 0 && text[pos..].starts_with("...") {
                let c = bytes.get(pos + 3);
                if c.is_none_or(|&c| is_ws(c)) {
                    break;
                }
            }
            end = eol;
        }
        if eol >= bytes.len() {
            break;
        }
        pos = eol
            + if text[eol..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    Some(end)
}

/// Builds the node tree from the parser's events, giving each node its span.
struct TreeBuilder<'l, 't> {
    layout: &'l Layout<'t>,
    all: &'l [Tok],
    cursor: usize,
    stack: Vec<Node>,
    roots: Vec<Node>,
    anchored_text: HashMap<usize, String>,
    aliases: Vec<(usize, usize, usize)>,
    anchors: Vec<(usize, usize, usize)>,
    error: Option<&'static str>,
}

impl TreeBuilder<'_, '_> {
    /// The index of the next token at `pos` that `accept` takes.
    fn find(&mut self, pos: usize, accept: impl Fn(Kind) -> bool) -> Option<usize> {
        let mut i = self.cursor;
        while let Some(tok) = self.all.get(i) {
            // Tokens come in order of their marks, except block mapping starts (marked at
            // the colon after their first key).
            if tok.mark > pos && tok.kind != Kind::BlockMappingStart {
                break;
            }
            if tok.mark == pos && accept(tok.kind) {
                self.cursor = i + 1;
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The start of the node's properties, walking back from token `i` (exclusive).
    fn properties_start(&self, i: usize, count: usize) -> Option<usize> {
        let mut found = 0;
        let mut start = None;
        let mut j = i;
        while found < count {
            j = j.checked_sub(1)?;
            let tok = self.all[j];
            match tok.kind {
                Kind::Anchor | Kind::Tag => {
                    found += 1;
                    start = Some(tok.start);
                }
                k if !tok.takes_room() || k == Kind::ImplicitKey => {}
                _ => return None,
            }
        }
        start
    }

    fn fail(&mut self, what: &'static str) {
        if self.error.is_none() {
            self.error = Some(what);
        }
    }

    fn push_node(&mut self, node: Node) {
        if node.anchor > 0 {
            self.anchors.push((node.anchor, node.start, node.end));
            if let NodeKind::Scalar {
                value,
                empty: false,
                ..
            } = &node.kind
            {
                self.anchored_text.insert(node.anchor, value.clone());
            }
        }
        match self.stack.last_mut() {
            Some(Node {
                kind: NodeKind::Map { entries, .. },
                ..
            }) => {
                // Keys wait in a placeholder entry until their value arrives.
                match entries.last_mut() {
                    Some((_, value)) if value.end == usize::MAX => *value = node,
                    _ => {
                        let placeholder = Node {
                            end: usize::MAX,
                            ..node.clone()
                        };
                        entries.push((node, placeholder));
                    }
                }
            }
            Some(Node {
                kind: NodeKind::Seq,
                end,
                ..
            }) => *end = node.end,
            Some(_) => self.fail("a node inside a scalar"),
            None => self.roots.push(node),
        }
    }

    fn scalar(
        &mut self,
        value: String,
        style: TScalarStyle,
        anchor: usize,
        tagged: bool,
        pos: usize,
    ) {
        let props = usize::from(anchor > 0) + usize::from(tagged);
        let empty = style == TScalarStyle::Plain && value.is_empty();
        let node = if empty {
            // No token: the node sits after the previous token (its properties, if any).
            let toks = &self.layout.toks;
            let mut j = toks.partition_point(|t| t.start < pos);
            // An empty value in a flow mapping is marked at its colon; it sits after it.
            let awaiting_value = matches!(
                self.stack.last(),
                Some(Node { kind: NodeKind::Map { entries, .. }, .. })
                    if entries.last().is_some_and(|(_, v)| v.end == usize::MAX)
            );
            if awaiting_value
                && toks
                    .get(j)
                    .is_some_and(|t| t.start == pos && t.kind == Kind::Value)
            {
                j += 1;
            }
            let point = j.checked_sub(1).map_or(0, |i| toks[i].end);
            let mut start = point;
            let mut found = 0;
            for tok in toks[..j].iter().rev().take(props) {
                if matches!(tok.kind, Kind::Anchor | Kind::Tag) {
                    start = tok.start;
                    found += 1;
                }
            }
            if found != props {
                return self.fail("properties without their node");
            }
            Node {
                kind: NodeKind::Scalar {
                    value,
                    style,
                    empty,
                },
                anchor,
                tagged,
                start,
                content: point,
                end: point,
            }
        } else {
            let Some(i) = self.find(pos, |k| matches!(k, Kind::Scalar(_))) else {
                return self.fail("a text without its token");
            };
            let tok = self.all[i];
            let start = if props > 0 {
                self.properties_start(i, props).unwrap_or(tok.start)
            } else {
                tok.start
            };
            Node {
                kind: NodeKind::Scalar {
                    value,
                    style,
                    empty,
                },
                anchor,
                tagged,
                start,
                content: tok.start,
                end: tok.end,
            }
        };
        self.push_node(node);
    }

    fn collection_start(&mut self, mapping: bool, anchor: usize, tagged: bool, pos: usize) {
        let Some(i) = self.find(pos, |k| {
            matches!(
                k,
                Kind::BlockMappingStart
                    | Kind::BlockSequenceStart
                    | Kind::FlowOpen
                    | Kind::ImplicitKey
                    | Kind::ExplicitKey
            )
        }) else {
            return self.fail("a collection without its token");
        };
        let tok = self.all[i];
        let props = usize::from(anchor > 0) + usize::from(tagged);
        let start = if props > 0 {
            self.properties_start(i, props).unwrap_or(tok.start)
        } else {
            tok.start
        };
        let flow = tok.kind == Kind::FlowOpen;
        let kind = if mapping {
            NodeKind::Map {
                flow,
                entries: Vec::new(),
                braces: flow.then_some((tok.start, tok.start)),
            }
        } else {
            NodeKind::Seq
        };
        self.stack.push(Node {
            kind,
            anchor,
            tagged,
            start,
            content: tok.start,
            end: tok.end,
        });
    }

    fn collection_end(&mut self, pos: usize) {
        let Some(mut node) = self.stack.pop() else {
            return self.fail("an unbalanced collection");
        };
        let bytes = self.layout.text.as_bytes();
        // A flow mapping with a trailing comma is marked as ending at that comma.
        let mut close = self.layout.token_after(pos);
        if close.is_some_and(|t| t.kind == Kind::FlowEntry) {
            close = close.and_then(|t| self.layout.token_after(t.end));
        }
        let close = close.filter(|t| t.kind == Kind::FlowClose).map(|t| t.start);
        let flow_close = close.is_some();
        let pos = close.unwrap_or(pos);
        match &mut node.kind {
            NodeKind::Map {
                entries, braces, ..
            } => {
                if entries.last().is_some_and(|(_, v)| v.end == usize::MAX) {
                    return self.fail("a key without a value");
                }
                if let Some((_, close)) = braces {
                    if !flow_close {
                        return self.fail("a flow mapping without its `}`");
                    }
                    *close = pos;
                    node.end = pos + 1;
                } else if let Some((k, v)) = entries.last() {
                    node.end = v.end.max(k.end);
                }
            }
            NodeKind::Seq if bytes.get(node.content) == Some(&b'[') => node.end = pos + 1,
            _ => {}
        }
        self.push_node(node);
    }
}

impl MarkedEventReceiver for TreeBuilder<'_, '_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = self.layout.offset(mark);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(value, style, anchor, tag.is_some(), pos);
            }
            Event::Alias(id) => {
                let Some(i) = self.find(pos, |k| k == Kind::Alias) else {
                    return self.fail("an alias without its token");
                };
                let tok = self.all[i];
                self.aliases.push((id, tok.start, tok.end));
                self.push_node(Node {
                    kind: NodeKind::Alias(id),
                    anchor: 0,
                    tagged: false,
                    start: tok.start,
                    content: tok.start,
                    end: tok.end,
                });
            }
            Event::MappingStart(anchor, tag) => {
                self.collection_start(true, anchor, tag.is_some(), pos);
            }
            Event::SequenceStart(anchor, tag) => {
                self.collection_start(false, anchor, tag.is_some(), pos);
            }
            Event::MappingEnd | Event::SequenceEnd => self.collection_end(pos),
            _ => {}
        }
    }
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

    const FIELDS: [Field; 7] = Field::ALL;
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
