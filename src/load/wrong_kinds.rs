//! Every field of every `Raw` type of a checklist and a local checklist, given a value of the
//! wrong kind: each message must say it in a YAML writer's words, never in serde's.

use serde_yaml::{Mapping, Value};

use super::checklist::parse_checklist;
use super::extends::parse_tailored;
use crate::error::{Diagnostic, Error};

/// A checklist that gives every key a checklist may have.
const FULL: &str = r#"
id: full
title: Full checklist
version: "1"
description: Every key
coverage_threshold: 60
limits: What it does not cover
scale:
  - { value: met, label: In place, credit: 1.0, aliases: [yes] }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 0, label: Any }
profiles:
  - id: all
    title: Everything
    description: All items
    include: [mou.*]
    exclude: [mou.other]
    labels: { met: Provided for }
    valid_from: 2020-01-01
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org", note: n }
renamed: { mou.old: mou.signed }
sections:
  - id: mou
    title: MOU
    description: The agreement
    items:
      - id: mou.signed
        title: A signed MOU
        guidance: Look for signatures
        priority: critical
        basis: statute
        responsible: joint
        in_mou: true
        recommendation: Sign it
        recommendation_partial: Finish it
        evidence: The signed copy
        sources: [{ source: src, at: "Section 1" }]
      - id: mou.other
        title: Another
        guidance: g
        priority: low
        responsible: district
        recommendation: r
        sources: [{ source: src }]
"#;

/// A local checklist that gives every key a local checklist may have.
/// It extends [`FULL`] (a small base keeps the hundreds of loads quick).
const LOCAL: &str = r#"
extends: full.yaml
id: local
title: Local
version: "2"
description: Ours
remove:
  - { item: mou.other, reason: Not Milwaukee }
override:
  - { item: mou.signed, priority: high, recommendation: r, guidance: g }
add:
  sources:
    - { id: board-policy, title: Policy, publisher: Board, year: 2024, url: "https://example.org" }
  sections:
    - id: local
      title: Local
      items:
        - { id: local.one, title: One, guidance: g, priority: low, responsible: district, recommendation: r, sources: [{ source: board-policy }] }
  items:
    - section: mou
      items:
        - { id: mou.liaison, title: Liaison, guidance: g, priority: low, responsible: district, recommendation: r, sources: [{ source: board-policy }] }
"#;

/// Words that name a Rust type or serde's terms instead of what a YAML writer calls things.
const JARGON: [&str; 14] = [
    "struct",
    "Raw",
    "variant",
    "sequence",
    "map",
    "enum",
    "f64",
    "u32",
    "usize",
    "identifier",
    "invalid type",
    "unit value",
    "floating point",
    "serde",
];

/// Values of every kind YAML has.
fn wrong_values() -> Vec<Value> {
    let mut mapping = Mapping::new();
    mapping.insert("zz".into(), 1.into());
    vec![
        Value::from(5),
        Value::from(1.5),
        Value::from("x"),
        Value::from(true),
        Value::Null,
        Value::Sequence(vec![Value::from(1)]),
        Value::Mapping(mapping),
    ]
}

/// The path (keys and list indexes) of every value under `value`.
fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                prefix.push(key.clone());
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Value::from(i));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn replaced(root: &Value, path: &[Value], with: &Value) -> Value {
    let mut copy = root.clone();
    let mut node = &mut copy;
    for step in path {
        node = match (node, step.as_u64()) {
            (Value::Sequence(items), Some(i)) => &mut items[i as usize],
            (node, _) => &mut node[step],
        };
    }
    *node = with.clone();
    copy
}

fn jargon_in(diagnostic: &Diagnostic) -> Option<&'static str> {
    let text = format!(
        "{} {}",
        diagnostic.message,
        diagnostic.hint.as_deref().unwrap_or("")
    );
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != ' ')
        .flat_map(|part| part.split(' '))
        .collect();
    JARGON.into_iter().find(|jargon| {
        if jargon.contains(' ') {
            text.contains(jargon)
        } else if *jargon == "Raw" {
            words.iter().any(|w| w.starts_with("Raw"))
        } else {
            words.contains(jargon)
        }
    })
}

fn check_every_field(text: &str, problems: impl Fn(&str) -> Vec<Diagnostic>) {
    let root: Value = serde_yaml::from_str(text).unwrap();
    let mut all = Vec::new();
    paths(&root, &mut Vec::new(), &mut all);
    let mut found = Vec::new();
    for path in &all {
        for wrong in wrong_values() {
            let text = serde_yaml::to_string(&replaced(&root, path, &wrong)).unwrap();
            for diagnostic in problems(&text) {
                if let Some(jargon) = jargon_in(&diagnostic) {
                    found.push(format!(
                        "{path:?} = {wrong:?}: `{jargon}` in {diagnostic:?}"
                    ));
                }
            }
        }
    }
    assert!(all.len() > 40, "only {} fields tried", all.len());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_checklist_value_of_the_wrong_kind_is_named_in_plain_words() {
    check_every_field(FULL, |text| parse_checklist(text).err().unwrap_or_default());
}

fn local_checklist_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("full.yaml"), FULL).unwrap();
    folder
}

#[test]
fn a_local_checklist_value_of_the_wrong_kind_is_named_in_plain_words() {
    let folder = local_checklist_folder();
    let origin = folder.path().join("local.yaml");
    check_every_field(LOCAL, |text| match parse_tailored(text, &origin) {
        Ok(_) => Vec::new(),
        Err(Error::Invalid { diagnostics, .. }) => diagnostics,
        Err(other) => vec![Diagnostic::error(None, other.to_string())],
    });
}

#[test]
fn the_full_checklists_load() {
    assert!(
        parse_checklist(FULL).is_ok(),
        "{:?}",
        parse_checklist(FULL).err()
    );
    let folder = local_checklist_folder();
    let local = parse_tailored(LOCAL, &folder.path().join("local.yaml"));
    assert!(local.is_ok(), "{:?}", local.err());
}
