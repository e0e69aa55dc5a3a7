//! Where each key and value sits in a YAML file, and which keys repeat.
//!
//! serde_yaml reports positions only for syntax and type errors, and keeps the last of two
//! equal keys without a word. Errors found after parsing (an unknown item id, an item answered
//! twice) need their line and column, so this module walks the same text with yaml-rust2's
//! event parser, which marks every node, and records them by path.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::error::Location;

/// Positions of keys and values by path, e.g. `answers/mou.review/status` or `sections/0/id`.
#[derive(Debug, Default)]
pub struct PositionIndex {
    keys: HashMap<String, Location>,
    values: HashMap<String, Location>,
    /// Keys written twice in one mapping: (path, where repeated, where first written).
    pub duplicates: Vec<DuplicateKey>,
}

/// A key written twice in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Path of the mapping that holds the key.
    pub parent: String,
    /// The key.
    pub key: String,
    /// The second occurrence.
    pub at: Location,
    /// The first occurrence.
    pub first: Location,
}

impl PositionIndex {
    /// Indexes `text`; a text the event parser cannot read gives an empty index (the caller
    /// reports serde_yaml's own syntax error instead).
    pub fn build(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            return Self::default();
        }
        builder.index
    }

    /// Where the key at `path` is written.
    pub fn key(&self, path: &str) -> Option<Location> {
        self.keys.get(path).copied()
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Location> {
        self.values.get(path).copied()
    }

    /// Every key's and value's position, as `key PATH LOCATION` and `value PATH LOCATION`
    /// lines sorted by path: for comparing two indexes.
    #[cfg(test)]
    pub(super) fn sorted_entries(&self) -> Vec<String> {
        let keys = self
            .keys
            .iter()
            .map(|(path, at)| format!("key {path} {at}"));
        let values = self
            .values
            .iter()
            .map(|(path, at)| format!("value {path} {at}"));
        let mut entries: Vec<String> = keys.chain(values).collect();
        entries.sort();
        entries
    }

    /// The value's position, else the key's, else the nearest enclosing path's.
    pub fn nearest(&self, path: &str) -> Option<Location> {
        let mut path = path;
        loop {
            if let Some(loc) = self.value(path).or_else(|| self.key(path)) {
                return Some(loc);
            }
            path = &path[..path.rfind('/')?];
        }
    }
}

/// Joins a path and a segment.
pub fn child(path: &str, segment: impl std::fmt::Display) -> String {
    if path.is_empty() {
        segment.to_string()
    } else {
        format!("{path}/{segment}")
    }
}

enum Frame {
    Map {
        path: String,
        current_key: Option<String>,
        seen: HashMap<String, Location>,
    },
    Seq {
        path: String,
        next_index: usize,
    },
    ComplexKey,
}

/// Records positions from the event parser's events; [`super::tree`] drives one too.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) index: PositionIndex,
    stack: Vec<Frame>,
}

fn location(mark: Marker) -> Location {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Builder {
    /// Path for a value node starting now, or `None` when the node is a mapping key.
    fn value_path(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Map {
                current_key: None, ..
            })
            | Some(Frame::ComplexKey) => None,
            Some(Frame::Map {
                path,
                current_key: Some(key),
                ..
            }) => Some(child(path, key)),
            Some(Frame::Seq { path, next_index }) => Some(child(path, next_index)),
        }
    }

    /// A value node finished: the parent moves on to its next key or element.
    fn finish_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { current_key, .. }) => *current_key = None,
            Some(Frame::Seq { next_index, .. }) => *next_index += 1,
            _ => {}
        }
    }

    fn scalar(&mut self, text: &str, mark: Marker) {
        match self.value_path() {
            Some(path) => {
                self.index.values.insert(path, location(mark));
                self.finish_value();
            }
            None => self.key(text, mark),
        }
    }

    fn key(&mut self, key: &str, mark: Marker) {
        let Some(Frame::Map {
            path,
            current_key,
            seen,
        }) = self.stack.last_mut()
        else {
            return;
        };
        let at = location(mark);
        if let Some(&first) = seen.get(key) {
            self.index.duplicates.push(DuplicateKey {
                parent: path.clone(),
                key: key.to_string(),
                at,
                first,
            });
        } else {
            seen.insert(key.to_string(), at);
            self.index.keys.insert(child(path, key), at);
        }
        *current_key = Some(key.to_string());
    }

    fn open(&mut self, is_map: bool, mark: Marker) {
        let Some(path) = self.value_path() else {
            self.stack.push(Frame::ComplexKey);
            return;
        };
        self.index.values.insert(path.clone(), location(mark));
        self.stack.push(if is_map {
            Frame::Map {
                path,
                current_key: None,
                seen: HashMap::new(),
            }
        } else {
            Frame::Seq {
                path,
                next_index: 0,
            }
        });
    }

    fn close(&mut self) {
        match self.stack.pop() {
            Some(Frame::ComplexKey) => {
                // A mapping or sequence used as a key: name it so its value still gets a path.
                if let Some(Frame::Map { current_key, .. }) = self.stack.last_mut() {
                    *current_key = Some("?".to_string());
                }
            }
            Some(_) => self.finish_value(),
            None => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.record(&event, mark);
    }
}

impl Builder {
    /// Records the position an event marks.
    pub(super) fn record(&mut self, event: &Event, mark: Marker) {
        match event {
            Event::Scalar(text, ..) => self.scalar(text, mark),
            Event::Alias(_) => self.scalar("*alias", mark),
            Event::MappingStart(..) => self.open(true, mark),
            Event::SequenceStart(..) => self.open(false, mark),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
district: Example
answers:
  mou.signed: met
  mou.review:
    status: partial
  mou.signed: not_met
sections:
  - id: mou
    items:
      - id: mou.signed
";

    #[test]
    fn records_key_and_value_positions() {
        let index = PositionIndex::build(TEXT);
        assert_eq!(index.key("district"), Some(Location { line: 1, column: 1 }));
        assert_eq!(
            index.value("district"),
            Some(Location {
                line: 1,
                column: 11
            })
        );
        assert_eq!(
            index.key("answers/mou.review/status"),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(
            index.value("sections/0/items/0/id"),
            Some(Location {
                line: 10,
                column: 13
            })
        );
    }

    #[test]
    fn finds_repeated_keys_with_both_positions() {
        let index = PositionIndex::build(TEXT);
        assert_eq!(
            index.duplicates,
            vec![DuplicateKey {
                parent: "answers".into(),
                key: "mou.signed".into(),
                at: Location { line: 6, column: 3 },
                first: Location { line: 3, column: 3 },
            }]
        );
    }

    #[test]
    fn nearest_falls_back_to_the_enclosing_node() {
        let index = PositionIndex::build(TEXT);
        assert_eq!(
            index.nearest("answers/mou.review/owner"),
            index.value("answers/mou.review")
        );
    }

    #[test]
    fn unreadable_text_gives_an_empty_index() {
        let index = PositionIndex::build("a: [unclosed");
        assert_eq!(index.key("a"), None);
    }
}
