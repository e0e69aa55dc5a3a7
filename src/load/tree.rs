//! One pass over an answers file: the YAML tree serde_yaml would read and the position of
//! every key and value, both from yaml-rust2's events.
//!
//! The validator reads a `serde_yaml::Value` and asks for positions only when it has something
//! to report; reading the tree here saves serde_yaml's pass over the text. This pass stands in
//! only where it reads the same tree: a file with an anchor, an alias, a tag, a block scalar
//! (`|`, `>`), a key that is a mapping or a list, a key written twice, more than one document,
//! deep nesting or anything the event parser refuses gives `None`, and the caller takes
//! serde_yaml's path, whose messages and recovery are the ones users know.

use std::num::ParseIntError;

use serde_yaml::{Mapping, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::positions::{Builder, PositionIndex};
use super::yaml::{is_blank, tab_indentation};

/// A document read in one pass.
pub struct Tree {
    /// The document as serde_yaml reads it into a `Value`.
    pub root: Value,
    /// Where each key and value is.
    pub positions: PositionIndex,
}

/// Nesting deeper than this is left to serde_yaml, which refuses it past 128 levels with its
/// own message; an answers file needs four.
const MAX_DEPTH: usize = 100;

/// Reads `text` in one pass, or `None` where serde_yaml's path must read it (see the module).
pub fn read(text: &str) -> Option<Tree> {
    // The two-pass path explains these itself, with their own messages; yaml-rust2 reads a
    // byte-order mark as part of the first key, where serde_yaml skips it.
    if text.starts_with('\u{feff}') || is_blank(text) || !tab_indentation(text).is_empty() {
        return None;
    }
    let mut reader = Reader::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut reader, false).ok()?;
    // serde_yaml refuses a second document, and so does this pass: the next event must end
    // the stream (yaml-rust2 answers the end again once it has been reached).
    if !matches!(parser.next_token(), Ok((Event::StreamEnd, _))) {
        return None;
    }
    if reader.unsupported || !reader.positions.index.duplicates.is_empty() {
        return None;
    }
    // Checked only for the files that have a block scalar: most answers files have none.
    if reader.block_scalars && blocks_may_differ(text) {
        return None;
    }
    Some(Tree {
        root: reader.root?,
        positions: reader.positions.index,
    })
}

/// A mapping or list still being read.
enum Open {
    Map { map: Mapping, key: Option<Value> },
    Seq(Vec<Value>),
}

#[derive(Default)]
struct Reader {
    positions: Builder,
    open: Vec<Open>,
    root: Option<Value>,
    /// Something this pass leaves to serde_yaml was met; the rest is only read through.
    unsupported: bool,
    /// A `|` or `>` scalar was read: the text must then pass [`blocks_may_differ`].
    block_scalars: bool,
}

impl Reader {
    fn give_up(&mut self) {
        self.unsupported = true;
        self.open.clear();
    }

    /// A finished node: the root, an element, a mapping's key or its value.
    fn finished(&mut self, value: Value) {
        match self.open.last_mut() {
            None => self.root = Some(value),
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map {
                key: key @ None, ..
            }) => *key = Some(value),
            Some(Open::Map { map, key }) => {
                let Some(key) = key.take() else { return };
                if map.insert(key, value).is_some() {
                    self.give_up();
                }
            }
        }
    }

    /// Whether a mapping or list starting now would be a mapping's key.
    fn opens_a_key(&self) -> bool {
        matches!(self.open.last(), Some(Open::Map { key: None, .. }))
    }

    fn open(&mut self, node: Open, anchored: bool, tagged: bool) {
        if anchored || tagged || self.opens_a_key() || self.open.len() >= MAX_DEPTH {
            self.give_up();
            return;
        }
        self.open.push(node);
    }

    fn close(&mut self) {
        let value = match self.open.pop() {
            Some(Open::Map { map, key: None }) => Value::Mapping(map),
            Some(Open::Seq(items)) => Value::Sequence(items),
            // A key without its value cannot end a mapping: the parser would have said so.
            Some(Open::Map { key: Some(_), .. }) | None => return self.give_up(),
        };
        self.finished(value);
    }

    fn read_event(&mut self, event: Event) {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return self.give_up();
                }
                let value = match style {
                    TScalarStyle::Plain => match resolve_plain(text) {
                        Some(value) => value,
                        None => return self.give_up(),
                    },
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Value::String(text),
                    // yaml-rust2 and libyaml end some block scalars differently (an empty `|`
                    // is "\n" for one and "" for the other): serde_yaml reads them.
                    TScalarStyle::Literal | TScalarStyle::Folded if !block_reads_alike(&text) => {
                        return self.give_up();
                    }
                    TScalarStyle::Literal | TScalarStyle::Folded => {
                        self.block_scalars = true;
                        Value::String(text)
                    }
                };
                self.finished(value);
            }
            Event::MappingStart(anchor, tag) => self.open(
                Open::Map {
                    map: Mapping::new(),
                    key: None,
                },
                anchor != 0,
                tag.is_some(),
            ),
            Event::SequenceStart(anchor, tag) => {
                self.open(Open::Seq(Vec::new()), anchor != 0, tag.is_some());
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            Event::Alias(_) => self.give_up(),
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd
            | Event::Nothing => {}
        }
    }
}

impl MarkedEventReceiver for Reader {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.positions.record(&event, mark);
        if !self.unsupported {
            self.read_event(event);
        }
    }
}

/// A plain (unquoted) scalar as serde_yaml 0.9 reads it into a `Value`: null, true/false, an
/// integer (decimal, 0x, 0o, 0b), a float (with .inf and .nan), else text; an integer too
/// large for 64 bits is text.
pub(super) fn resolve_plain(text: String) -> Option<Value> {
    if text.is_empty() || matches!(text.as_str(), "~" | "null" | "Null" | "NULL") {
        return Some(Value::Null);
    }
    match text.as_str() {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Text that cannot be a number skips the number rules: most scalars of an answers file.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Some(Value::String(text));
    }
    if let Some(int) = parse_unsigned_int(&text, u64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    if let Some(int) = parse_negative_int(&text, i64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    // Too large for 64 bits: serde_yaml refuses the whole file in its own words ("invalid
    // type: integer ... as u128"); as text, a long reference number in evidence is kept as
    // written and a field that needs a number says so.
    if parse_unsigned_int(&text, u128::from_str_radix).is_some()
        || parse_negative_int(&text, i128::from_str_radix).is_some()
    {
        return Some(Value::String(text));
    }
    if !digits_but_not_number(&text)
        && let Some(float) = parse_f64(&text)
    {
        return Some(Value::Number(Number::from(float)));
    }
    Some(Value::String(text))
}

// The number rules below are serde_yaml 0.9.34's own (src/de.rs), so both paths read a scalar
// the same way.

fn parse_unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(scalar, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(scalar, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive
        .parse::<f64>()
        .ok()
        .filter(|float| float.is_finite())
}

/// Texts where libyaml (serde_yaml's parser) and yaml-rust2 may end a block scalar
/// differently: one whose last line has no line break (yaml-rust2 adds one), or with a tab
/// in a line's indentation (perhaps a line of nothing else, which libyaml refuses inside a
/// block scalar and yaml-rust2 reads as its end).
fn blocks_may_differ(text: &str) -> bool {
    !text.ends_with('\n')
        || text.lines().any(|line| {
            line.trim_start_matches([' ', '\t']).len() < line.trim_start_matches(' ').len()
        })
}

/// Whether libyaml (serde_yaml's parser) ends a block scalar as yaml-rust2 does: they differ
/// on one with no content (`|` alone is "\n" for one and "" for the other).
fn block_reads_alike(text: &str) -> bool {
    !text.trim_matches('\n').is_empty()
}

/// Leading zeros followed by digits is text in YAML 1.2 (`007`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml reads, when it reads the text.
    fn serde_yaml_tree(text: &str) -> Option<Value> {
        serde_yaml::from_str::<Value>(text).ok()
    }

    /// Whenever the one pass reads a text, it reads what serde_yaml reads, with the positions
    /// the two-pass path indexes.
    fn assert_same_as_serde_yaml(text: &str) {
        let Some(tree) = read(text) else { return };
        let expected = serde_yaml_tree(text);
        assert_eq!(Some(&tree.root), expected.as_ref(), "{text:?}");
        let two_pass = PositionIndex::build(text);
        assert_eq!(
            tree.positions.sorted_entries(),
            two_pass.sorted_entries(),
            "{text:?}"
        );
    }

    #[test]
    fn reads_scalars_as_serde_yaml_does() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "0",
            "00",
            "007",
            "-007",
            "+7",
            "-7",
            "+-7",
            "1.5",
            "-1.5",
            "1e3",
            "1E-3",
            "0x1F",
            "0x-1",
            "-0x1F",
            "0o17",
            "-0o17",
            "0b101",
            "-0b101",
            "0xZZ",
            ".inf",
            "-.inf",
            "+.inf",
            ".Inf",
            ".nan",
            ".NaN",
            "nan",
            "inf",
            "1_000",
            "2026-03-15",
            "2026.1",
            "98000",
            "1.0",
            "1.",
            ".5",
            "+.5",
            "-",
            "+",
            ".",
            "1:2",
            "12:30:00",
            "3/15/2026",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1e400",
            "Example Area",
        ];
        let mut left = Vec::new();
        for scalar in scalars {
            let text = format!("key: {scalar}\n");
            let expected = serde_yaml_tree(&text);
            let too_large = ["18446744073709551616", "-9223372036854775809"].contains(&scalar);
            match read(&text) {
                // serde_yaml refuses the whole file; this pass keeps the digits as text.
                Some(tree) if too_large => {
                    assert_eq!(expected, None, "{scalar:?}");
                    let mut map = Mapping::new();
                    map.insert("key".into(), Value::String(scalar.into()));
                    assert_eq!(tree.root, Value::Mapping(map), "{scalar:?}");
                }
                Some(tree) => assert_eq!(Some(tree.root), expected, "{scalar:?}"),
                None => left.push(scalar),
            }
        }
        // What yaml-rust2 refuses or this pass does not read goes to serde_yaml's path.
        assert_eq!(left, ["-"], "left to serde_yaml");
    }

    #[test]
    fn reads_every_shipped_answers_file_as_serde_yaml_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read_any = 0;
        for folder in ["examples", "tests/bad-inputs", "reports"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                    && let Ok(text) = std::fs::read_to_string(&path)
                    // Refused before either parser sees it.
                    && crate::text::forbidden_characters(&text).is_empty()
                {
                    assert_same_as_serde_yaml(&text);
                    read_any += usize::from(read(&text).is_some());
                }
            }
        }
        assert!(read_any > 10, "only {read_any} files read in one pass");
    }

    #[test]
    fn reads_styles_flows_and_nesting() {
        for text in [
            "a: 'quoted 1'\nb: \"2\"\n",
            "a: [1, two, {c: 3}]\nb: {x: null, y: ~}\n",
            "answers:\n  mou.x:\n    status: met\n    due: 2026-06-30\n  mou.y: na\n",
            "- a\n- b\n",
            "just text\n",
            "a:\n  - b: 1\n    c: [x, y]\n  - 2\n",
            "---\na: 1\n...\n",
            "a: first line\n  continued\n",
            "a: 1\r\nb: 2\r\n",
            "a: |\n  literal\n  two lines\n",
            "a: >\n  folded\n  words\n\n  new paragraph\nb: |-\n  stripped\n",
            "recommendation: |\n  Keep the SRO.\n\n  Review the MOU.\nanswers: {}\n",
        ] {
            assert!(read(text).is_some(), "{text:?}");
            assert_same_as_serde_yaml(text);
        }
    }

    /// Lines an answers file might hold, well or badly written: keys at three depths,
    /// scalars of every kind and style, flows, comments, documents, anchors and tabs.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("answers"),
            Just("status"),
            Just("note"),
            Just("mou.signed"),
            Just("mou.review"),
            Just("1"),
            Just("true"),
            Just("\"quoted key\""),
            Just("- item"),
        ];
        let scalar = prop_oneof![
            Just(""),
            Just("met"),
            Just("~"),
            Just("007"),
            Just("0x1F"),
            Just("-1.5e3"),
            Just(".nan"),
            Just("2026-03-15"),
            Just("'it''s'"),
            Just("\"a \\u00e9 \\n b\""),
            Just("[a, 1, {b: c}]"),
            Just("{x: 1, y: [2]}"),
            Just("|"),
            Just(">-"),
            Just("|+"),
            Just("&a 1"),
            Just("*a"),
            Just("!!str 1"),
            Just("a: b"),
            Just("text # comment"),
            Just("\"unclosed"),
            Just("multi word text"),
        ];
        let indent = prop_oneof![Just(""), Just("  "), Just("    "), Just("\t"), Just(" ")];
        prop_oneof![
            4 => (indent, key, scalar).prop_map(|(i, k, v)| format!("{i}{k}: {v}")),
            1 => Just("# a comment".to_string()),
            1 => Just(String::new()),
            1 => Just("---".to_string()),
            1 => Just("  continued text".to_string()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text_it_reads_is_read_as_serde_yaml_reads_it(
            lines in proptest::collection::vec(line(), 1..12),
        ) {
            let text = lines.join("\n") + "\n";
            if let Some(tree) = read(&text) {
                let expected = serde_yaml::from_str::<Value>(&text);
                proptest::prop_assert!(
                    expected.is_ok(),
                    "serde_yaml refuses {:?}: {:?}",
                    text,
                    expected
                );
                proptest::prop_assert_eq!(Some(tree.root), expected.ok(), "{:?}", text);
            }
        }
    }

    /// Block scalars as people write them in notes and recommendations: chomping and
    /// indentation indicators, blank lines inside and after, more-indented lines, comments.
    fn block_scalar() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let header = prop_oneof![
            Just("|"),
            Just(">"),
            Just("|-"),
            Just(">-"),
            Just("|+"),
            Just(">+"),
            Just("|2"),
            Just(">2-"),
            Just("| # comment"),
            Just("|4"),
        ];
        let body_line = prop_oneof![
            4 => Just("  some words"),
            1 => Just("    more indented"),
            1 => Just("   odd indent"),
            2 => Just(""),
            1 => Just("  "),
            1 => Just("      "),
            1 => Just("  # not a comment"),
            1 => Just("  - dash"),
            1 => Just("  key: value"),
            1 => Just("  \ttab inside"),
            1 => Just("\t"),
        ];
        let after = prop_oneof![
            Just(""),
            Just("next: 1\n"),
            Just("# trailing comment\n"),
            Just("\n\n"),
            Just("next:\n  deeper: x\n"),
        ];
        let end = prop_oneof![Just("\n"), Just(""), Just("\n\n"), Just("\r\n")];
        (
            header,
            proptest::collection::vec(body_line, 0..7),
            end,
            after,
        )
            .prop_map(|(header, lines, end, after)| {
                let body = lines.join("\n");
                let sep = if body.is_empty() { "" } else { "\n" };
                format!("a: {header}{sep}{body}{end}{after}")
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        #[test]
        fn block_scalars_it_reads_are_read_as_serde_yaml_reads_them(text in block_scalar()) {
            if let Some(tree) = read(&text) {
                let expected = serde_yaml::from_str::<Value>(&text);
                proptest::prop_assert!(expected.is_ok(), "serde_yaml refuses {:?}", text);
                proptest::prop_assert_eq!(Some(tree.root), expected.ok(), "{:?}", text);
                proptest::prop_assert_eq!(
                    tree.positions.sorted_entries(),
                    PositionIndex::build(&text).sorted_entries(),
                    "{:?}",
                    text
                );
            }
        }
    }

    #[test]
    fn leaves_what_it_might_read_differently_to_serde_yaml() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n",
            "a: >-\n\n\n",
            "a: |\n  no line break at the end",
            "a: |\n  x\n\t\nb: 1\n",
            "? [a, b]\n: 1\n",
            "a: 1\na: 2\n",
            "answers:\n  x.y: met\n  x.y: na\n",
            "a: 1\n---\nb: 2\n",
            "a: [unclosed\n",
            "a:\n\tb: 1\n",
            "\u{feff}a: 1\n",
            "# nothing\n",
            "",
        ] {
            assert!(read(text).is_none(), "{text:?}");
        }
        let deep = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(read(&deep).is_none());
    }
}
