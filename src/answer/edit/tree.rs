//! The tree of nodes, built from yaml-rust2's parser events, each node with its span in the text.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::scan::{Kind, Layout, Tok};

#[derive(Debug, Clone)]
pub(super) enum NodeKind {
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
pub(super) struct Node {
    pub(super) kind: NodeKind,
    pub(super) anchor: usize,
    pub(super) tagged: bool,
    /// Start of the node's properties (anchor, tag), else of its content.
    pub(super) start: usize,
    /// Start of the content (a block scalar's `|` or `>`); for an empty node, where it would be.
    pub(super) content: usize,
    pub(super) end: usize,
}

impl Node {
    pub(super) fn is_empty(&self) -> bool {
        matches!(self.kind, NodeKind::Scalar { empty: true, .. })
    }

    /// The text of a scalar key or value (an alias resolves to its anchored scalar).
    pub(super) fn text<'n>(&'n self, anchored: &'n HashMap<usize, String>) -> Option<&'n str> {
        match &self.kind {
            NodeKind::Scalar { value, empty, .. } => (!empty).then_some(value.as_str()),
            NodeKind::Alias(id) => anchored.get(id).map(String::as_str),
            _ => None,
        }
    }
}

/// Builds the node tree from the parser's events, giving each node its span.
pub(super) struct TreeBuilder<'l, 't> {
    pub(super) layout: &'l Layout<'t>,
    pub(super) all: &'l [Tok],
    pub(super) cursor: usize,
    pub(super) stack: Vec<Node>,
    pub(super) roots: Vec<Node>,
    pub(super) anchored_text: HashMap<usize, String>,
    pub(super) aliases: Vec<(usize, usize, usize)>,
    pub(super) anchors: Vec<(usize, usize, usize)>,
    pub(super) error: Option<&'static str>,
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
