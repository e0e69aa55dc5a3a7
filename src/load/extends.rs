//! Local checklists: `extends: <bundled id or path>` plus `add`, `remove` and `override`, so a
//! district can tailor the bundled checklist without copying it. The base is merged as a YAML
//! tree and validated like any checklist; the result records what changed so reports say so.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::checklist;
use super::positions::{PositionIndex, child};
use super::suggest::nearest;
use super::{BUNDLED, read_input, yaml};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::{Checklist, OverrideNote, Removal, Tailoring, id_diagnostic};

/// Whether checklist text is a local checklist (it has a top-level `extends:` key).
pub fn is_tailoring(text: &str) -> bool {
    text.lines().any(|line| line.starts_with("extends:"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(
    expecting = "a local checklist: a mapping with extends and its changes (add, remove, override)"
)]
struct RawTailoring {
    extends: String,
    id: Option<String>,
    title: Option<String>,
    version: Option<String>,
    description: Option<String>,
    #[serde(default)]
    add: RawAdd,
    #[serde(default)]
    remove: Vec<RawRemove>,
    #[serde(default, rename = "override")]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a mapping with sources, sections or items to add")]
struct RawAdd {
    #[serde(default)]
    sources: Vec<Value>,
    #[serde(default)]
    sections: Vec<Value>,
    #[serde(default)]
    items: Vec<RawAddItems>,
}

/// Items added to a section of the base checklist.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a mapping with section and items")]
struct RawAddItems {
    section: String,
    items: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a mapping with item and reason")]
struct RawRemove {
    item: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a mapping with item and what it changes (priority, recommendation, guidance)")]
struct RawOverride {
    item: String,
    priority: Option<String>,
    recommendation: Option<String>,
    guidance: Option<String>,
}

const PRIORITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// Parses a local checklist, loads its base (relative paths from `origin`'s folder), applies
/// the changes and validates the result. Every problem is returned at once.
pub fn parse_tailored(text: &str, origin: &Path) -> Result<Checklist> {
    let invalid = |diagnostics| Error::Invalid {
        path: origin.to_path_buf(),
        diagnostics,
    };
    let parsed = yaml::parse::<RawTailoring>(text, "a checklist").map_err(invalid)?;
    let raw = parsed.value;
    let base_text = base_text(&raw.extends, origin, &parsed.positions)?;
    if is_tailoring(&base_text) {
        return Err(invalid(vec![
            Diagnostic::error(
                parsed.positions.nearest("extends"),
                format!("`{}` is itself a local checklist", raw.extends),
            )
            .with_hint(
                "extend the bundled checklist or a full checklist file, not another local one",
            ),
        ]));
    }
    let base_name = Path::new(&format!("base checklist `{}`", raw.extends)).to_path_buf();
    let (base, _) =
        checklist::parse_checklist(&base_text).map_err(|diagnostics| Error::Invalid {
            path: base_name.clone(),
            diagnostics,
        })?;
    let mut tree = yaml::parse::<Value>(&base_text, "a checklist")
        .map_err(|diagnostics| Error::Invalid {
            path: base_name,
            diagnostics,
        })?
        .value;
    let mut merge = Merge {
        positions: &parsed.positions,
        base: &base,
        diagnostics: Vec::new(),
        tailoring: Tailoring {
            base_id: base.id.clone(),
            base_version: base.version.clone(),
            ..Tailoring::default()
        },
    };
    merge.apply(&raw, &mut tree);
    merge.diagnostics.sort_by_key(|d| d.location);
    if merge.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(invalid(merge.diagnostics));
    }
    let tailoring = merge.tailoring;
    let (mut checklist, _) = checklist::validate_value(tree).map_err(invalid)?;
    checklist.tailoring = Some(tailoring);
    Ok(checklist)
}

/// The base checklist's text: a bundled id, or a file beside the local checklist.
fn base_text(reference: &str, origin: &Path, positions: &PositionIndex) -> Result<String> {
    if let Some(bundled) = BUNDLED.iter().find(|b| b.id == reference) {
        return Ok(bundled.text.to_string());
    }
    let folder = origin.parent().unwrap_or(Path::new("."));
    let path = folder.join(reference);
    if path.is_file() {
        return read_input(&path);
    }
    let hint = match nearest(reference, BUNDLED.iter().map(|b| b.id)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "name a bundled checklist (`sro-assess checklist list`) or a checklist file beside this one".into(),
    };
    Err(Error::Invalid {
        path: origin.to_path_buf(),
        diagnostics: vec![
            Diagnostic::error(
                positions.nearest("extends"),
                format!("`extends: {reference}` names neither a bundled checklist nor a file"),
            )
            .with_hint(hint),
        ],
    })
}

struct Merge<'a> {
    positions: &'a PositionIndex,
    base: &'a Checklist,
    diagnostics: Vec<Diagnostic>,
    tailoring: Tailoring,
}

impl Merge<'_> {
    fn at(&self, path: &str) -> Option<Location> {
        self.positions.nearest(path)
    }

    fn error(&mut self, path: &str, message: String, hint: impl Into<String>) {
        let diagnostic = Diagnostic::error(self.at(path), message).with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    fn apply(&mut self, raw: &RawTailoring, tree: &mut Value) {
        let Some(root) = tree.as_mapping_mut() else {
            return;
        };
        let id = raw
            .id
            .clone()
            .unwrap_or_else(|| format!("{}-local", self.base.id));
        root.insert("id".into(), id.into());
        for (key, value) in [
            ("title", &raw.title),
            ("version", &raw.version),
            ("description", &raw.description),
        ] {
            if let Some(value) = value {
                root.insert(key.into(), value.clone().into());
            }
        }
        let adds_items = !raw.add.items.is_empty() || !raw.add.sections.is_empty();
        let contradicted = self.contradictions(raw);
        self.added_ids(&raw.add, &raw.remove);
        self.remove(&raw.remove, adds_items, &contradicted, root);
        self.overrides(&raw.overrides, &contradicted, root);
        self.add(&raw.add, root);
    }

    /// Every place the file names an item, in the order of the file.
    fn mentions<'r>(&self, raw: &'r RawTailoring) -> Vec<Mention<'r>> {
        let mut mentions = Vec::new();
        let mut push = |item: &'r str, change: Change, path: String| {
            let location = self.at(&path);
            mentions.push(Mention {
                item,
                change,
                location,
                order: mentions.len(),
            });
        };
        for (i, remove) in raw.remove.iter().enumerate() {
            push(
                &remove.item,
                Change::Remove,
                child(&child("remove", i), "item"),
            );
        }
        for (i, change) in raw.overrides.iter().enumerate() {
            push(
                &change.item,
                Change::Override,
                child(&child("override", i), "item"),
            );
        }
        // Adding an item the base has is its own error (see `added_ids`), whatever else names it.
        for (path, item) in added_items(&raw.add) {
            if let Some(id) = item.get("id").and_then(Value::as_str)
                && !self.base.items().any(|(_, i)| i.id == id)
            {
                push(id, Change::Add, child(&path, "id"));
            }
        }
        mentions.sort_by_key(|m| (m.location, m.order));
        mentions
    }

    /// Refuses an item named twice under `remove`, `override` and `add` (or twice under one of
    /// them), at the later mention; returns those items, which are left out of the changes.
    fn contradictions<'r>(&mut self, raw: &'r RawTailoring) -> HashSet<&'r str> {
        let mut first: std::collections::HashMap<&str, Mention<'_>> =
            std::collections::HashMap::new();
        let mut contradicted = HashSet::new();
        for mention in self.mentions(raw) {
            let Some(earlier) = first.get(mention.item) else {
                first.insert(mention.item, mention);
                continue;
            };
            contradicted.insert(mention.item);
            let line = |prefix: &str| {
                earlier
                    .location
                    .map_or(String::new(), |l| format!(" ({prefix}line {})", l.line))
            };
            let message = if earlier.change == mention.change {
                format!(
                    "`{}` is under `{}` twice{}",
                    mention.item,
                    mention.change.key(),
                    line("first at ")
                )
            } else {
                format!(
                    "`{}` is under both `{}`{} and `{}`",
                    mention.item,
                    earlier.change.key(),
                    line(""),
                    mention.change.key()
                )
            };
            let hint = contradiction_hint(earlier.change, mention.change);
            self.diagnostics
                .push(Diagnostic::error(mention.location, message).with_hint(hint));
        }
        contradicted
    }

    /// Checks the ids of the sections and items added: the one character set, and ids the
    /// base does not have (an item added twice is reported by [`Self::contradictions`]).
    fn added_ids(&mut self, add: &RawAdd, removes: &[RawRemove]) {
        for (k, section) in add.sections.iter().enumerate() {
            let path = child(&child("add/sections", k), "id");
            let Some(id) = section.get("id").and_then(Value::as_str) else {
                continue;
            };
            self.diagnostics
                .extend(id_diagnostic("section", id, self.at(&path)));
            if self.base.sections.iter().any(|s| s.id == id) {
                self.error(
                    &path,
                    format!("`{}` already has a section `{id}`", self.base.id),
                    format!(
                        "to add items to it, list them under `add: items:` with `section: {id}`"
                    ),
                );
            }
        }
        for (path, item) in added_items(add) {
            let path = child(&path, "id");
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                continue;
            };
            self.diagnostics
                .extend(id_diagnostic("item", id, self.at(&path)));
            if !self.base.items().any(|(_, i)| i.id == id) {
                continue;
            }
            let removal = removes.iter().position(|r| r.item == id);
            match removal {
                Some(r) => {
                    let removed_at = self.at(&child(&child("remove", r), "item"));
                    let added_at = self.at(&path);
                    // Reported where the file names the item the second time.
                    let ((first, first_at), (second, second_at)) = if removed_at <= added_at {
                        ((Change::Remove, removed_at), (Change::Add, added_at))
                    } else {
                        ((Change::Add, added_at), (Change::Remove, removed_at))
                    };
                    let line = first_at.map_or(String::new(), |l| format!(" (line {})", l.line));
                    let message = format!(
                        "`{id}` is under both `{}`{line} and `{}`",
                        first.key(),
                        second.key()
                    );
                    let hint = contradiction_hint(first, second);
                    self.diagnostics
                        .push(Diagnostic::error(second_at, message).with_hint(hint));
                }
                None => self.error(
                    &path,
                    format!("`{}` already has an item `{id}`", self.base.id),
                    "give the new item an id of its own, or change the existing one under `override`",
                ),
            }
        }
    }

    /// The base item's title, or an error naming the nearest item id.
    fn known_item(&mut self, item_id: &str, path: &str) -> Option<String> {
        if let Some((_, item)) = self.base.items().find(|(_, i)| i.id == item_id) {
            return Some(item.title.clone());
        }
        let renamed = self.base.renamed_to(item_id).map(str::to_string);
        let hint = match (
            renamed,
            nearest(item_id, self.base.items().map(|(_, i)| i.id.as_str())),
        ) {
            (Some(new_id), _) => format!(
                "version {} scores `{item_id}` as `{new_id}` (see its `renamed:` list); name `{new_id}`",
                self.base.version
            ),
            (None, Some(best)) => format!("did you mean `{best}`?"),
            (None, None) => format!(
                "list the item ids with `sro-assess checklist show {}`",
                self.base.id
            ),
        };
        self.error(
            path,
            format!("`{}` has no item `{item_id}`", self.base.id),
            hint,
        );
        None
    }

    fn remove(
        &mut self,
        removes: &[RawRemove],
        adds_items: bool,
        contradicted: &HashSet<&str>,
        root: &mut Mapping,
    ) {
        let mut removed = HashSet::new();
        for (i, remove) in removes.iter().enumerate() {
            if contradicted.contains(remove.item.as_str()) {
                continue;
            }
            let path = child("remove", i);
            let Some(title) = self.known_item(&remove.item, &child(&path, "item")) else {
                continue;
            };
            if remove.reason.trim().is_empty() {
                self.error(
                    &path,
                    format!("removing `{}` needs a reason", remove.item),
                    "add `reason: ...`; the report's methodology prints it",
                );
            }
            removed.insert(remove.item.clone());
            self.tailoring.removed.push(Removal {
                item_id: remove.item.clone(),
                title,
                reason: remove.reason.trim().to_string(),
            });
        }
        let emptied_profiles = remove_items(root, &removed);
        if removed.len() == self.base.item_count() && !adds_items {
            self.error(
                "remove",
                format!(
                    "every item of `{}` is removed, so there is nothing to assess",
                    self.base.id
                ),
                "keep the items that apply to the district; remove only those that do not",
            );
            return;
        }
        for profile in emptied_profiles {
            self.error(
                "remove",
                format!(
                    "profile `{profile}` of `{}` selects no item once these items are removed \
                     (every item it includes is removed)",
                    self.base.id
                ),
                "keep at least one of the items it includes: every profile of a checklist must select an item",
            );
        }
    }

    fn overrides(
        &mut self,
        overrides: &[RawOverride],
        contradicted: &HashSet<&str>,
        root: &mut Mapping,
    ) {
        for (i, change) in overrides.iter().enumerate() {
            if contradicted.contains(change.item.as_str()) {
                continue;
            }
            let path = child("override", i);
            if self
                .known_item(&change.item, &child(&path, "item"))
                .is_none()
            {
                continue;
            }
            if let Some(priority) = &change.priority
                && !PRIORITIES.contains(&priority.as_str())
            {
                let hint = nearest(priority, PRIORITIES).map_or_else(
                    || format!("use one of: {}", PRIORITIES.join(", ")),
                    |b| format!("did you mean `{b}`?"),
                );
                self.error(
                    &child(&path, "priority"),
                    format!("unknown priority `{priority}`"),
                    hint,
                );
                continue;
            }
            let fields: Vec<(&str, &String)> = [
                ("priority", &change.priority),
                ("recommendation", &change.recommendation),
                ("guidance", &change.guidance),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_ref()?)))
            .collect();
            if fields.is_empty() {
                self.error(
                    &path,
                    format!("the override of `{}` changes nothing", change.item),
                    "give `priority`, `recommendation` or `guidance`",
                );
                continue;
            }
            if let Some(item) = find_item(root, &change.item) {
                for (key, value) in &fields {
                    item.insert((*key).into(), (*value).clone().into());
                }
            }
            self.tailoring.overridden.push(OverrideNote {
                item_id: change.item.clone(),
                fields: fields.iter().map(|(k, _)| (*k).to_string()).collect(),
            });
        }
    }

    fn add(&mut self, add: &RawAdd, root: &mut Mapping) {
        append(root, "sources", &add.sources);
        append(root, "sections", &add.sections);
        for section in &add.sections {
            self.note_added(section.get("items"));
        }
        for (i, group) in add.items.iter().enumerate() {
            let Some(items) = section_items(root, &group.section) else {
                let ids = self.base.sections.iter().map(|s| s.id.as_str());
                let hint = nearest(&group.section, ids).map_or_else(
                    || "add a whole section under `add: sections:` instead".to_string(),
                    |b| format!("did you mean `{b}`?"),
                );
                self.error(
                    &child(&child("add/items", i), "section"),
                    format!("`{}` has no section `{}`", self.base.id, group.section),
                    hint,
                );
                continue;
            };
            items.extend(group.items.iter().cloned());
            let added = Value::Sequence(group.items.clone());
            self.note_added(Some(&added));
        }
    }

    fn note_added(&mut self, items: Option<&Value>) {
        let ids = items
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .filter_map(|item| item.get("id")?.as_str().map(str::to_string));
        self.tailoring.added.extend(ids);
    }
}

/// What a local checklist does to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Remove,
    Override,
    Add,
}

impl Change {
    /// The top-level key it is written under.
    fn key(self) -> &'static str {
        match self {
            Self::Remove => "remove",
            Self::Override => "override",
            Self::Add => "add",
        }
    }
}

/// One place where a local checklist names an item.
struct Mention<'r> {
    item: &'r str,
    change: Change,
    location: Option<Location>,
    /// Position in the lists, to order mentions when the file gives no positions.
    order: usize,
}

/// What to do about an item named under `first` and again under `second`.
fn contradiction_hint(first: Change, second: Change) -> &'static str {
    use Change::{Add, Override, Remove};
    match (first, second) {
        (Remove, Remove) => "remove it once",
        (Override, Override) => "put every change to the item in one override",
        (Add, Add) => "give each added item an id of its own",
        (Remove, Override) | (Override, Remove) => {
            "a removed item cannot be changed: keep the removal or the override, not both"
        }
        (Remove, Add) | (Add, Remove) => {
            "an item cannot be removed and added back: change it under `override`, or give the new item an id of its own"
        }
        (Override, Add) | (Add, Override) => {
            "an added item is written in full under `add`: change it there and drop the override"
        }
    }
}

/// Every item the file adds, with its path: under `add: items:` and in `add: sections:`.
fn added_items(add: &RawAdd) -> Vec<(String, &Value)> {
    let grouped = add.items.iter().enumerate().flat_map(|(i, group)| {
        let base = child(&child("add/items", i), "items");
        group
            .items
            .iter()
            .enumerate()
            .map(move |(j, item)| (child(&base, j), item))
    });
    let in_sections = add.sections.iter().enumerate().flat_map(|(k, section)| {
        let base = child(&child("add/sections", k), "items");
        section
            .get("items")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .enumerate()
            .map(move |(j, item)| (child(&base, j), item))
    });
    grouped.chain(in_sections).collect()
}

fn append(root: &mut Mapping, key: &str, values: &[Value]) {
    if values.is_empty() {
        return;
    }
    if let Some(list) = root.get_mut(key).and_then(Value::as_sequence_mut) {
        list.extend(values.iter().cloned());
    }
}

fn sections_mut(root: &mut Mapping) -> impl Iterator<Item = &mut Mapping> {
    root.get_mut("sections")
        .and_then(Value::as_sequence_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_mapping_mut)
}

fn section_items<'a>(root: &'a mut Mapping, section_id: &str) -> Option<&'a mut Vec<Value>> {
    sections_mut(root)
        .find(|s| s.get("id").and_then(Value::as_str) == Some(section_id))?
        .get_mut("items")?
        .as_sequence_mut()
}

fn find_item<'a>(root: &'a mut Mapping, item_id: &str) -> Option<&'a mut Mapping> {
    sections_mut(root)
        .filter_map(|s| s.get_mut("items")?.as_sequence_mut())
        .flatten()
        .filter_map(Value::as_mapping_mut)
        .find(|i| i.get("id").and_then(Value::as_str) == Some(item_id))
}

/// Drops the removed items, the sections left empty, and the profile patterns that named
/// only what was removed (otherwise they would match nothing and fail validation). Returns
/// the profiles whose every `include` pattern went: an empty `include` means every item, so
/// such a profile would silently turn from "these items" into "all items".
fn remove_items(root: &mut Mapping, removed: &HashSet<String>) -> Vec<String> {
    if removed.is_empty() {
        return Vec::new();
    }
    let mut emptied = HashSet::new();
    for section in sections_mut(root) {
        if let Some(items) = section.get_mut("items").and_then(Value::as_sequence_mut) {
            items.retain(|i| {
                !i.get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| removed.contains(id))
            });
            if items.is_empty()
                && let Some(id) = section.get("id").and_then(Value::as_str)
            {
                emptied.insert(id.to_string());
            }
        }
    }
    if let Some(sections) = root.get_mut("sections").and_then(Value::as_sequence_mut) {
        sections.retain(|s| {
            !s.get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| emptied.contains(id))
        });
    }
    let gone = |pattern: &str| {
        removed.contains(pattern)
            || emptied.contains(pattern)
            || pattern
                .strip_suffix(".*")
                .is_some_and(|s| emptied.contains(s))
    };
    let mut emptied_profiles = Vec::new();
    let profiles = root.get_mut("profiles").and_then(Value::as_sequence_mut);
    for profile in profiles.into_iter().flatten() {
        for list in ["include", "exclude"] {
            if let Some(patterns) = profile.get_mut(list).and_then(Value::as_sequence_mut) {
                let had_patterns = !patterns.is_empty();
                patterns.retain(|p| !p.as_str().is_some_and(gone));
                if list == "include" && had_patterns && patterns.is_empty() {
                    let id = profile.get("id").and_then(Value::as_str).unwrap_or("?");
                    emptied_profiles.push(id.to_string());
                }
            }
        }
    }
    // An old id that led to a removed item has nowhere to go; its answers are reported unknown.
    if let Some(renamed) = root.get_mut("renamed").and_then(Value::as_mapping_mut) {
        renamed.retain(|_, to| !to.as_str().is_some_and(|id| removed.contains(id)));
    }
    emptied_profiles
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: &str = "\
extends: wi-sro-best-practices
id: example-local
title: Example district checklist
remove:
  - { item: governance.mps-act12-staffing, reason: We are not Milwaukee Public Schools }
override:
  - { item: governance.written-mou, priority: high, guidance: Our own words }
add:
  sources:
    - { id: board-policy, title: Board policy 5400, publisher: Example district, year: 2024, url: \"https://example.org/5400\" }
  items:
    - section: governance
      items:
        - id: governance.local-liaison
          title: A named board liaison
          guidance: Look for the board minutes
          priority: low
          responsible: district
          recommendation: Name one
          sources: [{ source: board-policy }]
";

    #[test]
    fn applies_remove_override_and_add() {
        let checklist = parse_tailored(LOCAL, Path::new("local.yaml")).unwrap();
        assert_eq!(checklist.id, "example-local");
        assert!(
            checklist
                .items()
                .all(|(_, i)| i.id != "governance.mps-act12-staffing")
        );
        let (_, mou) = checklist
            .items()
            .find(|(_, i)| i.id == "governance.written-mou")
            .unwrap();
        assert_eq!(mou.guidance, "Our own words");
        let tailoring = checklist.tailoring.unwrap();
        assert_eq!(tailoring.added, vec!["governance.local-liaison"]);
        assert_eq!(
            tailoring.removed[0].reason,
            "We are not Milwaukee Public Schools"
        );
        assert_eq!(tailoring.overridden[0].fields, vec!["priority", "guidance"]);
    }

    #[test]
    fn names_unknown_items_with_their_position() {
        let text = LOCAL.replace(
            "item: governance.written-mou",
            "item: governance.writen-mou",
        );
        let Err(Error::Invalid { diagnostics, .. }) = parse_tailored(&text, Path::new("l.yaml"))
        else {
            panic!("expected an error")
        };
        assert!(
            diagnostics[0]
                .message
                .contains("no item `governance.writen-mou`")
        );
        assert_eq!(
            diagnostics[0].hint.as_deref(),
            Some("did you mean `governance.written-mou`?")
        );
        assert_eq!(diagnostics[0].location.map(|l| l.line), Some(7));
    }

    fn errors_of(text: &str) -> Vec<Diagnostic> {
        match parse_tailored(text, Path::new("l.yaml")) {
            Err(Error::Invalid { diagnostics, .. }) => diagnostics,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn an_item_removed_and_overridden_is_refused_at_the_second_mention() {
        let text = LOCAL.replace(
            "item: governance.written-mou, priority: high",
            "item: governance.mps-act12-staffing, priority: high",
        );
        let found = errors_of(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "`governance.mps-act12-staffing` is under both `remove` (line 5) and `override`"
        );
        assert_eq!(found[0].location.map(|l| l.line), Some(7));
    }

    #[test]
    fn an_added_item_may_not_be_overridden_nor_reuse_an_id() {
        let text = LOCAL
            .replace(
                "item: governance.written-mou, priority: high",
                "item: governance.local-liaison, priority: high",
            )
            .replace(
                "        - id: governance.local-liaison",
                "        - id: governance.local-liaison\n          title: x\n          guidance: g\n          priority: low\n          responsible: district\n          recommendation: r\n          sources: [{ source: board-policy }]\n        - id: governance.written-mou",
            );
        let found = errors_of(&text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.contains(
                &"`governance.local-liaison` is under both `override` (line 7) and `add`"
            ),
            "{messages:#?}"
        );
        assert!(
            messages
                .contains(&"`wi-sro-best-practices` already has an item `governance.written-mou`"),
            "{messages:#?}"
        );
        assert!(found.iter().all(|d| d.location.is_some()), "{found:#?}");
    }

    #[test]
    fn added_ids_hold_the_same_character_set_with_a_position() {
        let text = LOCAL.replace("id: governance.local-liaison", "id: \"governance.a: b\"");
        let found = errors_of(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .starts_with("item id `governance.a: b` has `:` at character 13"),
            "{found:#?}"
        );
        assert_eq!(found[0].location.map(|l| l.line), Some(14));
    }

    #[test]
    fn a_removal_needs_a_reason() {
        let text = LOCAL.replace(", reason: We are not Milwaukee Public Schools", "");
        let err = parse_tailored(&text, Path::new("l.yaml")).unwrap_err();
        assert!(err.to_string().contains("needs a reason"), "{err}");
    }

    #[test]
    fn an_old_item_id_is_pointed_to_the_item_that_now_scores_it() {
        let text = LOCAL.replace(
            "item: governance.written-mou",
            "item: governance.mou-minimum-content",
        );
        let Err(Error::Invalid { diagnostics, .. }) = parse_tailored(&text, Path::new("l.yaml"))
        else {
            panic!("expected an error")
        };
        let hint = diagnostics[0].hint.as_deref().unwrap_or_default();
        assert!(
            hint.contains("scores `governance.mou-minimum-content` as `governance.written-mou`"),
            "{hint}"
        );
    }
}
