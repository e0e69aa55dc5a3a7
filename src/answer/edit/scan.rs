//! The layout of the text: every token with its exact byte span, every comment, and the tree of
//! nodes (each with the span of its properties, content and end; built in `tree`).
//!
//! yaml-rust2 marks where each token starts (line and column; its char index drifts after
//! non-ASCII block scalar content, so it is not used). Ends are computed here: between two
//! tokens there is only white space and comments, which `Layout::check_gaps` verifies, so any
//! mistake in a span is caught before an edit is planned on it.

use std::collections::HashMap;

use yaml_rust2::parser::Parser;
use yaml_rust2::scanner::{Marker, Scanner, TScalarStyle, Token, TokenType};

use super::EditError;
use super::tree::{Node, NodeKind, TreeBuilder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Tok {
    pub(super) kind: Kind,
    /// Where yaml-rust2 says the token is (a block scalar's first content line).
    pub(super) mark: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Tok {
    pub(super) fn takes_room(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Zero | Kind::BlockMappingStart | Kind::BlockSequenceStart | Kind::ImplicitKey
        )
    }
}

pub(super) struct Layout<'t> {
    pub(super) text: &'t str,
    pub(super) line_starts: Vec<usize>,
    /// The tokens that take room, in order, without overlap.
    pub(super) toks: Vec<Tok>,
    pub(super) comments: Vec<(usize, usize)>,
    pub(super) root: Node,
    /// The text of each anchored scalar, for keys written as aliases.
    pub(super) anchored_text: HashMap<usize, String>,
    /// Every alias: (anchor id, start, end).
    pub(super) aliases: Vec<(usize, usize, usize)>,
    /// Every anchored node: (anchor id, start, end).
    pub(super) anchors: Vec<(usize, usize, usize)>,
}

pub(super) fn layout_error(what: &str) -> EditError {
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

pub(super) fn is_ws(c: u8) -> bool {
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
pub(super) fn line_end(text: &str, pos: usize) -> usize {
    text.as_bytes()[pos..]
        .iter()
        .position(|&c| is_break(c))
        .map_or(text.len(), |i| pos + i)
}

/// Where the current line starts.
pub(super) fn line_start(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos]
        .iter()
        .rposition(|&c| is_break(c))
        .map_or(0, |i| i + 1)
}

pub(super) fn column(text: &str, pos: usize) -> usize {
    text[line_start(text, pos)..pos].chars().count()
}

impl<'t> Layout<'t> {
    pub(super) fn parse(text: &'t str) -> Result<Self, EditError> {
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

    pub(super) fn offset(&self, mark: Marker) -> usize {
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
    pub(super) fn token_before(&self, pos: usize) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.end <= pos);
        i.checked_sub(1).and_then(|i| self.toks.get(i))
    }

    /// The first token with room that starts at or after `pos`.
    pub(super) fn token_after(&self, pos: usize) -> Option<&Tok> {
        let i = self.toks.partition_point(|t| t.start < pos);
        self.toks.get(i)
    }

    pub(super) fn comments_in(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
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
