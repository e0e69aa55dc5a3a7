//! Planning an edit: which entries of the answer change and how they are written, as byte
//! ranges of the text to replace, computed on its layout.

use std::fmt::Write as _;

use serde_yaml::{Mapping, Value};
use yaml_rust2::scanner::TScalarStyle;

use super::scan::{Kind, Layout, column, is_ws, layout_error, line_end};
use super::tree::{Node, NodeKind};
use super::{EditError, Field, is_null_text};
use crate::template::yaml_text;

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

pub(super) fn plan(
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
pub(super) fn remove_flow_entries(p: &mut Planner<'_, '_>, spans: &[EntrySpan], removed: &[usize]) {
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

/// One change to the text: `start..end` becomes `text`. A `tidy` edit removes text; a line it
/// leaves holding only spaces is dropped.
#[derive(Debug, Clone)]
pub(super) struct Edit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) tidy: bool,
}

/// Where one `key: value` entry sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct EntrySpan {
    pub(super) start: usize,
    pub(super) colon: Option<usize>,
    pub(super) end: usize,
    pub(super) explicit: bool,
}

pub(super) struct Planner<'l, 't> {
    pub(super) layout: &'l Layout<'t>,
    pub(super) text: &'t str,
    pub(super) nl: &'static str,
    pub(super) edits: Vec<Edit>,
    /// Anchors whose node changes, with the value their aliases must keep.
    pub(super) keep_for_aliases: Vec<(usize, Value)>,
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
    pub(super) fn new(layout: &'l Layout<'t>) -> Self {
        Self {
            layout,
            text: layout.text,
            nl: line_break_of(layout.text),
            edits: Vec::new(),
            keep_for_aliases: Vec::new(),
        }
    }

    pub(super) fn entry_span(&self, key: &Node, value: &Node) -> EntrySpan {
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
    pub(super) fn remove(&mut self, start: usize, end: usize) {
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
    pub(super) fn changes_node(&mut self, node: &Node, old: &Value) {
        if node.anchor > 0 {
            self.keep_for_aliases.push((node.anchor, old.clone()));
        }
    }

    /// Copies the old value into each alias of a changed anchor; refuses when an anchor inside
    /// removed text is used elsewhere in a way that cannot be copied.
    pub(super) fn expand_aliases(&mut self) -> Result<(), EditError> {
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
