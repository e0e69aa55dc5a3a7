//! A validated checklist: sections of items, the response scale, weights, bands and profiles.

use serde::Serialize;

use super::Date;
use crate::error::{Diagnostic, Location};

/// A checklist that passed validation: ids unique, sources resolved, profiles match items.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Checklist {
    /// Stable id that answers files refer to.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Version string; answers record it.
    pub version: String,
    /// What the checklist is and where it comes from.
    pub description: String,
    /// The response scale, in the order it was written.
    pub scale: Vec<ScaleLevel>,
    /// Weight per priority.
    pub weights: Weights,
    /// Ratings by overall percentage, highest `min` first.
    pub bands: Vec<Band>,
    /// The least share of items (percent) that must be answered before a band is given.
    pub coverage_threshold: f64,
    /// Who the items apply to.
    pub profiles: Vec<Profile>,
    /// Every source the items cite.
    pub sources: Vec<Source>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// What a local checklist changed in the one it extends; `None` for a checklist as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tailoring: Option<Tailoring>,
    /// Item ids of earlier versions and the items that now score them, so earlier answers
    /// carry over (several old ids may point to one merged item).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<Rename>,
    /// What the checklist is not, said once on every report's method page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<String>,
}

/// An item id of an earlier version and the item that took its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Rename {
    /// The id earlier answers files use.
    pub from: String,
    /// The id of the item that scores it now.
    pub to: String,
}

/// How a local checklist (`extends:`) differs from its base, so every report can say so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Tailoring {
    /// The base checklist's id.
    pub base_id: String,
    /// The base checklist's version.
    pub base_version: String,
    /// Ids of the items added.
    pub added: Vec<String>,
    /// The items removed, each with the reason given.
    pub removed: Vec<Removal>,
    /// The items changed, with the fields overridden.
    pub overridden: Vec<OverrideNote>,
}

/// An item dropped by a local checklist.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Removal {
    /// The item id.
    pub item_id: String,
    /// The item's title in the base checklist.
    pub title: String,
    /// Why the district dropped it (printed on the methodology page).
    pub reason: String,
}

/// An item whose priority, recommendation or guidance a local checklist changed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OverrideNote {
    /// The item id.
    pub item_id: String,
    /// The fields changed (`priority`, `recommendation`, `guidance`).
    pub fields: Vec<String>,
}

impl Tailoring {
    /// One line for report headers: `tailored from X 2026.1: 1 item added, 2 removed, 1 changed`.
    pub fn summary(&self) -> String {
        format!(
            "local checklist based on {} {}: {} item{} added, {} removed, {} changed",
            self.base_id,
            self.base_version,
            self.added.len(),
            if self.added.len() == 1 { "" } else { "s" },
            self.removed.len(),
            self.overridden.len()
        )
    }
}

/// One value of the response scale.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ScaleLevel {
    /// What answers write (`met`).
    pub value: String,
    /// What reports print (`In place`).
    pub label: String,
    /// Share of the weight earned; `None` means not applicable (out of the denominator).
    pub credit: Option<f64>,
    /// Other words that mean this value (`yes`, `in place`), matched ignoring case and spaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The scale value that says an item could not be judged ("Don't know"). It is read like any
/// other value but scores as unanswered, so a scale that lists it must give it no credit.
pub const UNKNOWN_STATUS: &str = "unknown";

impl ScaleLevel {
    /// Whether this is the "Don't know" value: no answer the board can count, kept with its note.
    pub fn is_unknown(&self) -> bool {
        self.value == UNKNOWN_STATUS
    }

    /// Whether an answer with this value leaves the item out of the score ("not applicable").
    pub fn is_not_applicable(&self) -> bool {
        self.credit.is_none() && !self.is_unknown()
    }
}

/// Weight per priority.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Weights {
    /// Weight of a critical item.
    pub critical: f64,
    /// Weight of a high-priority item.
    pub high: f64,
    /// Weight of a medium-priority item.
    pub medium: f64,
    /// Weight of a low-priority item.
    pub low: f64,
}

impl Weights {
    /// The weight of an item of this priority.
    pub fn of(&self, priority: Priority) -> f64 {
        match priority {
            Priority::Critical => self.critical,
            Priority::High => self.high,
            Priority::Medium => self.medium,
            Priority::Low => self.low,
        }
    }
}

/// A rating given to an overall percentage at or above `min`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Band {
    /// Lowest percentage of this band.
    pub min: f64,
    /// The rating's name.
    pub label: String,
}

/// Which items apply to one kind of user.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Profile {
    /// Stable id.
    pub id: String,
    /// Human title.
    pub title: String,
    /// What it is for.
    pub description: String,
    /// Patterns taken in: an item id, a section id or `section.*`; empty means every item.
    pub include: Vec<String>,
    /// Patterns left out after `include`.
    pub exclude: Vec<String>,
    /// The first assessment date the profile fits (a law that took effect then); an earlier
    /// assessment gets a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Scale labels this profile prints instead of the scale's, by scale value (a plan is
    /// "Provided for in the plan", not "In place"); empty keeps the scale's labels.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "as_map")]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub labels: Vec<(String, String)>,
}

/// Writes the labels as the checklist does: a map from scale value to label, in scale order.
fn as_map<S: serde::Serializer>(labels: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(labels.iter().map(|(value, label)| (value, label)))
}

impl Profile {
    /// Whether an item of `section_id` with id `item_id` belongs to this profile.
    pub fn applies_to(&self, section_id: &str, item_id: &str) -> bool {
        let matches = |pattern: &String| pattern_matches(pattern, section_id, item_id);
        let included = self.include.is_empty() || self.include.iter().any(matches);
        included && !self.exclude.iter().any(matches)
    }

    /// The label this profile prints for a scale value, if it sets one.
    pub fn label_for(&self, value: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, label)| label.as_str())
    }
}

/// Whether a profile pattern (item id, section id, or `section.*`) selects an item.
pub(crate) fn pattern_matches(pattern: &str, section_id: &str, item_id: &str) -> bool {
    match pattern.strip_suffix(".*") {
        Some(section) => section == section_id,
        None => pattern == item_id || pattern == section_id,
    }
}

/// What a section or item id may hold, as a user reads it in an error.
pub const ID_RULE: &str = "an id starts with a lowercase letter (a-z) and holds only \
     lowercase letters, digits (0-9), `-`, `_` and `.`";

/// Words YAML reads as something other than text, so an answers file could not name them.
const RESERVED_IDS: [&str; 3] = ["true", "false", "null"];

/// The error for an invalid section or item id (`kind` is `section` or `item`), placed at
/// `location`; `None` when the id is valid. The loader, local checklists and lint all
/// report ids through this one function.
pub fn id_diagnostic(kind: &str, id: &str, location: Option<Location>) -> Option<Diagnostic> {
    let problem = id_problem(id)?;
    let hint = match id_suggestion(id) {
        Some(valid) => format!("rename it, e.g. `{valid}`: {ID_RULE}"),
        None => format!("rename it: {ID_RULE}"),
    };
    Some(Diagnostic::error(location, format!("{kind} id `{id}` {problem}")).with_hint(hint))
}

/// The longest id: a plain YAML key is at most 1,024 characters, and an answers file writes
/// each item id as one.
pub const MAX_ID_CHARS: usize = 1_000;

/// Why `id` is not a valid section or item id, or `None` when it is.
///
/// The one rule for every id: answers files and the template `init` writes use ids as YAML
/// keys as they are, unquoted, and people type them; this set is read back as the same text
/// by any YAML reader and never needs quoting or escaping.
fn id_problem(id: &str) -> Option<String> {
    let Some(first) = id.chars().next() else {
        return Some("is empty".into());
    };
    // YAML reads a plain key of at most 1,024 characters; answers files write ids as keys.
    let length = id.chars().count();
    if length > MAX_ID_CHARS {
        return Some(format!(
            "is {length} characters long; an id may have at most {MAX_ID_CHARS}, since answers \
             files use ids as YAML keys and YAML reads no longer plain key"
        ));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
    if let Some((index, bad)) = id.chars().enumerate().find(|&(_, c)| !allowed(c)) {
        return Some(format!(
            "has {} at character {}",
            describe_character(bad),
            index + 1
        ));
    }
    if !first.is_ascii_lowercase() {
        return Some(format!(
            "starts with {}, not a letter",
            describe_character(first)
        ));
    }
    if RESERVED_IDS.contains(&id) {
        return Some(format!(
            "is `{id}`, which YAML reads as a value, not a name"
        ));
    }
    None
}

/// A character as an error names it: `#`, a space, U+0009.
fn describe_character(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '`' => "a backquote".into(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c if c.is_ascii_uppercase() => format!("the capital letter `{c}`"),
        c => format!("`{c}`"),
    }
}

/// A valid id close to an invalid one, to offer in a hint: lowercase, with every other
/// character turned into `-`.
fn id_suggestion(id: &str) -> Option<String> {
    let mut suggestion = String::with_capacity(id.len());
    for c in id.chars().map(|c| c.to_ascii_lowercase()) {
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || "_.".contains(c);
        if keep {
            suggestion.push(c);
        } else if !suggestion.is_empty() && !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    let suggestion = suggestion.trim_end_matches('-').to_string();
    Some(suggestion).filter(|s| id_problem(s).is_none())
}

/// A cited document.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// Id that items cite.
    pub id: String,
    /// Title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Year (or `n.d.`).
    pub year: String,
    /// Where to read it.
    pub url: String,
    /// What was read of it, caveats.
    pub note: Option<String>,
}

/// A group of items on one theme.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Section {
    /// Stable id.
    pub id: String,
    /// Human title.
    pub title: String,
    /// One or two sentences on the theme.
    pub description: String,
    /// The items, in order.
    pub items: Vec<Item>,
}

/// One practice to check.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Item {
    /// Stable id, `section.slug`.
    pub id: String,
    /// The practice, phrased as in place.
    pub title: String,
    /// What to look for; what counts as in place or partly in place.
    pub guidance: String,
    /// How much it matters.
    pub priority: Priority,
    /// What the item rests on.
    pub basis: Option<Basis>,
    /// Who can close the gap.
    pub responsible: Responsible,
    /// Whether the practice belongs in the written MOU.
    pub in_mou: bool,
    /// The next step when it is not in place.
    pub recommendation: String,
    /// The next step when it is partly in place, where that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendation_partial: Option<String>,
    /// What documents show it.
    pub evidence: String,
    /// Where it comes from.
    pub sources: Vec<SourceRef>,
}

/// A citation: a source id and where in it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceRef {
    /// A source id of the checklist.
    pub source: String,
    /// Section, subsection or question title.
    pub at: String,
}

/// How much an item matters; the order is the order of gaps in a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Must be in place.
    Critical,
    /// Should be in place.
    High,
    /// Good practice.
    Medium,
    /// Nice to have.
    Low,
}

impl Priority {
    /// Every priority, most important first.
    pub const ALL: [Priority; 4] = [Self::Critical, Self::High, Self::Medium, Self::Low];

    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// Who can close a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Responsible {
    /// The school district.
    District,
    /// The police department or sheriff's office.
    LawEnforcement,
    /// Both together.
    Joint,
}

impl Responsible {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::District => "district",
            Self::LawEnforcement => "law_enforcement",
            Self::Joint => "joint",
        }
    }

    /// The name printed in reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::District => "District",
            Self::LawEnforcement => "Law enforcement",
            Self::Joint => "Joint",
        }
    }
}

/// What an item rests on, so a reader can weigh it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A statute or regulation states it.
    Statute,
    /// Agency or professional guidance states it.
    Guidance,
    /// A Wisconsin agreement shows it in use.
    Example,
    /// A local-practice suggestion no source states directly.
    LocalPractice,
}

impl Basis {
    /// Every basis, in the order reports list them (statute first).
    pub const ALL: [Basis; 4] = [
        Basis::Statute,
        Basis::Guidance,
        Basis::Example,
        Basis::LocalPractice,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Statute => "statute",
            Self::Guidance => "guidance",
            Self::Example => "example",
            Self::LocalPractice => "local_practice",
        }
    }

    /// The short label printed beside an item in reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Statute => "Statute",
            Self::Guidance => "Guidance",
            Self::Example => "Example",
            Self::LocalPractice => "Local practice",
        }
    }
}

/// The coverage threshold a checklist gets when it does not set one: 80 % answered.
pub const DEFAULT_COVERAGE_THRESHOLD: f64 = 80.0;

impl Checklist {
    /// The profile with this id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The scale level whose value is `value`.
    pub fn scale_level(&self, value: &str) -> Option<&ScaleLevel> {
        self.scale.iter().find(|level| level.value == value)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Every item with its section, in checklist order.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    /// Every item of a profile with its section, in checklist order.
    pub fn items_in_profile<'a>(
        &'a self,
        profile: &'a Profile,
    ) -> impl Iterator<Item = (&'a Section, &'a Item)> + 'a {
        self.items()
            .filter(move |(s, i)| profile.applies_to(&s.id, &i.id))
    }

    /// Whether `profile` selects no item of this checklist: scoring it would report "0 of 0
    /// items, 100%", so loading refuses such a profile and lint reports it.
    pub fn selects_nothing(&self, profile: &Profile) -> bool {
        self.items_in_profile(profile).next().is_none()
    }

    /// The sections with at least one item in the profile (every section when there is no
    /// profile), each with those items, in checklist order.
    pub fn sections_in<'a>(
        &'a self,
        profile: Option<&Profile>,
    ) -> Vec<(&'a Section, Vec<&'a Item>)> {
        self.sections
            .iter()
            .map(|s| {
                let items: Vec<&Item> = s
                    .items
                    .iter()
                    .filter(|i| profile.is_none_or(|p| p.applies_to(&s.id, &i.id)))
                    .collect();
                (s, items)
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }

    /// The band for a percentage: the first band (highest first) whose `min` it reaches.
    pub fn band_for(&self, percent: f64) -> Option<&Band> {
        self.bands.iter().find(|b| percent >= b.min)
    }

    /// The item that now scores answers given to `old_id` in an earlier version.
    pub fn renamed_to(&self, old_id: &str) -> Option<&str> {
        self.renamed
            .iter()
            .find(|r| r.from == old_id)
            .map(|r| r.to.as_str())
    }

    /// Number of items in the checklist.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(include: &[&str], exclude: &[&str]) -> Profile {
        Profile {
            id: "p".into(),
            title: "P".into(),
            description: String::new(),
            include: include.iter().map(|s| s.to_string()).collect(),
            labels: Vec::new(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
            valid_from: None,
        }
    }

    #[test]
    fn ids_hold_one_character_set() {
        for good in [
            "governance",
            "governance.written-mou",
            "s0.item_1",
            "a",
            "x.y.z-2",
        ] {
            assert_eq!(id_problem(good), None, "{good}");
        }
        let cases = [
            ("s0.item #1", "has a space at character 8"),
            ("s0.a: b", "has `:` at character 5"),
            ("- s0.x", "has a space at character 2"),
            ("-s0.x", "starts with `-`, not a letter"),
            ("1st", "starts with `1`, not a letter"),
            (
                "Governance.mou",
                "has the capital letter `G` at character 1",
            ),
            ("mou\tsigned", "has a tab at character 4"),
            ("mou.café", "has `é` at character 8"),
            ("null", "is `null`, which YAML reads as a value"),
            ("", "is empty"),
        ];
        for (bad, problem) in cases {
            let found = id_problem(bad).unwrap_or_default();
            assert!(found.contains(problem), "{bad:?}: {found}");
        }
    }

    #[test]
    fn suggests_a_valid_id_for_an_invalid_one() {
        assert_eq!(id_suggestion("s0.item #1").as_deref(), Some("s0.item-1"));
        assert_eq!(id_suggestion("s0.a: b").as_deref(), Some("s0.a-b"));
        assert_eq!(id_suggestion("- s0.x").as_deref(), Some("s0.x"));
        assert_eq!(
            id_suggestion("Governance.MOU").as_deref(),
            Some("governance.mou")
        );
        assert_eq!(id_suggestion("###"), None);
        assert_eq!(id_suggestion("1st"), None);
    }

    #[test]
    fn profile_without_patterns_takes_every_item() {
        assert!(profile(&[], &[]).applies_to("mou", "mou.signed"));
    }

    #[test]
    fn profile_patterns_match_items_sections_and_wildcards() {
        let p = profile(&["equity.*", "mou.signed", "records"], &["records.video"]);
        assert!(p.applies_to("equity", "equity.data"));
        assert!(p.applies_to("mou", "mou.signed"));
        assert!(!p.applies_to("mou", "mou.review"));
        assert!(p.applies_to("records", "records.leu"));
        assert!(!p.applies_to("records", "records.video"));
    }
}
