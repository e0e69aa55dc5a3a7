//! Checklist files: the serde mirror (`Raw*`) and its validation into [`Checklist`].

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::positions::{PositionIndex, child};
use super::status::status_key;
use super::suggest::nearest;
use super::yaml;
use crate::error::{Diagnostic, Location};
use crate::model::{
    Band, Basis, Checklist, DEFAULT_COVERAGE_THRESHOLD, Date, Item, Priority, Profile, Rename,
    Responsible, ScaleLevel, Section, Source, SourceRef, UNKNOWN_STATUS, Weights, id_diagnostic,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(
    expecting = "a checklist: a mapping with id, title, version, scale, weights, bands, sources and sections"
)]
struct RawChecklist {
    id: String,
    title: String,
    version: String,
    #[serde(default)]
    description: String,
    scale: Vec<RawScaleLevel>,
    weights: RawWeights,
    bands: Vec<RawBand>,
    coverage_threshold: Option<f64>,
    #[serde(default)]
    profiles: Vec<RawProfile>,
    sources: Vec<RawSource>,
    sections: Vec<RawSection>,
    /// Old item id -> the id that scores it now; a mapping keeps the file's order.
    #[serde(default)]
    renamed: serde_yaml::Mapping,
    #[serde(default)]
    limits: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a scale level: a mapping with value, label and credit")]
struct RawScaleLevel {
    value: String,
    label: String,
    credit: Option<f64>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a mapping of each priority to its weight (critical, high, medium, low)")]
struct RawWeights {
    critical: f64,
    high: f64,
    medium: f64,
    low: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a band: a mapping with min and label")]
struct RawBand {
    min: f64,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a profile: a mapping with id, title and include or exclude")]
struct RawProfile {
    id: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    /// Scale labels by scale value, for this profile only.
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    valid_from: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a source: a mapping with id, title, publisher, year and url")]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    year: serde_yaml::Value,
    url: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a section: a mapping with id, title and items")]
struct RawSection {
    id: String,
    title: String,
    #[serde(default)]
    description: String,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(
    expecting = "an item: a mapping with id, title, guidance, priority, responsible, recommendation and sources"
)]
struct RawItem {
    id: String,
    title: String,
    guidance: String,
    priority: Priority,
    basis: Option<RawBasis>,
    responsible: RawResponsible,
    #[serde(default)]
    in_mou: bool,
    recommendation: String,
    #[serde(default)]
    recommendation_partial: Option<String>,
    #[serde(default)]
    evidence: String,
    sources: Vec<RawSourceRef>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
#[serde(expecting = "one of statute, guidance, example, local_practice")]
enum RawBasis {
    Statute,
    Guidance,
    Example,
    LocalPractice,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
#[serde(expecting = "one of district, law_enforcement, joint")]
enum RawResponsible {
    District,
    LawEnforcement,
    Joint,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(expecting = "a source reference: a mapping with source and, optionally, at")]
struct RawSourceRef {
    source: String,
    #[serde(default)]
    at: String,
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[serde(expecting = "one of critical, high, medium, low")]
        enum Raw {
            Critical,
            High,
            Medium,
            Low,
        }
        Ok(match Raw::deserialize(deserializer)? {
            Raw::Critical => Priority::Critical,
            Raw::High => Priority::High,
            Raw::Medium => Priority::Medium,
            Raw::Low => Priority::Low,
        })
    }
}

/// Parses and validates a checklist; every problem found is returned at once.
pub fn parse_checklist(text: &str) -> Result<(Checklist, Vec<Diagnostic>), Vec<Diagnostic>> {
    let raw = yaml::parse_without_positions::<RawChecklist>(text, "a checklist")?;
    let (mut checklist, mut diagnostics) = check(raw, &PositionIndex::default());
    if !diagnostics.is_empty() {
        // Only now are positions worth a second pass: check again with every key placed.
        let parsed = yaml::parse::<RawChecklist>(text, "a checklist")?;
        (checklist, diagnostics) = check(parsed.value, &parsed.positions);
    }
    diagnostics.sort_by_key(|d| d.location);
    if diagnostics.iter().any(Diagnostic::is_error) {
        Err(diagnostics)
    } else {
        Ok((checklist, diagnostics))
    }
}

fn check(raw: RawChecklist, positions: &PositionIndex) -> (Checklist, Vec<Diagnostic>) {
    let mut checker = Checker {
        positions,
        diagnostics: Vec::new(),
    };
    let checklist = checker.build(raw);
    (checklist, checker.diagnostics)
}

/// Validates a checklist given as a YAML tree: the merged result of a local checklist
/// (`extends:`), which has no text of its own, so problems carry no line numbers.
pub(super) fn validate_value(
    value: serde_yaml::Value,
) -> Result<(Checklist, Vec<Diagnostic>), Vec<Diagnostic>> {
    let raw = match RawChecklist::deserialize(&value) {
        Ok(raw) => raw,
        // A tree's own error names no path; the same tree as text does, so the message can
        // name the key (the text's positions are not the file's: they are left out).
        Err(err) => {
            let err = serde_yaml::to_string(&value)
                .ok()
                .and_then(|text| serde_yaml::from_str::<RawChecklist>(&text).err())
                .unwrap_or(err);
            return Err(vec![yaml::translate_without_position(&err)]);
        }
    };
    let positions = PositionIndex::default();
    let mut check = Checker {
        positions: &positions,
        diagnostics: Vec::new(),
    };
    let checklist = check.build(raw);
    if check.diagnostics.iter().any(Diagnostic::is_error) {
        Err(check.diagnostics)
    } else {
        Ok((checklist, check.diagnostics))
    }
}

struct Checker<'a> {
    positions: &'a PositionIndex,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at(&self, path: &str) -> Option<Location> {
        self.positions.nearest(path)
    }

    fn error(&mut self, path: &str, message: String, hint: impl Into<String>) {
        let diagnostic = Diagnostic::error(self.at(path), message).with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    /// Reports an id outside the one character set; an empty id is reported as empty.
    fn valid_id(&mut self, path: &str, kind: &str, id: &str) {
        if id.trim().is_empty() {
            return;
        }
        if let Some(diagnostic) = id_diagnostic(kind, id, self.at(path)) {
            self.diagnostics.push(diagnostic);
        }
    }

    fn require_text(&mut self, path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(
                path,
                format!("{what} is empty"),
                format!("write the {what}"),
            );
        }
    }

    fn build(&mut self, raw: RawChecklist) -> Checklist {
        self.require_text("id", &raw.id, "checklist id");
        let scale = self.scale(raw.scale);
        let weights = self.weights(&raw.weights);
        let bands = self.bands(raw.bands);
        let coverage_threshold = self.coverage_threshold(raw.coverage_threshold);
        let sources = self.sources(raw.sources);
        let sections = self.sections(raw.sections, &sources);
        let profiles = self.profiles(raw.profiles, &sections, &scale);
        let renamed = self.renamed(raw.renamed, &sections);
        let checklist = Checklist {
            id: raw.id,
            title: raw.title,
            version: raw.version,
            description: raw.description,
            scale,
            weights,
            bands,
            coverage_threshold,
            profiles,
            sources,
            sections,
            tailoring: None,
            renamed,
            limits: raw.limits.filter(|text| !text.trim().is_empty()),
        };
        self.selects_items(&checklist);
        checklist
    }

    /// Refuses a checklist with no item, and a profile that selects none: either would be
    /// scored as "0 of 0 items, 100%".
    fn selects_items(&mut self, checklist: &Checklist) {
        if checklist.item_count() == 0 {
            self.error(
                "sections",
                "the checklist has no items, so there is nothing to assess".into(),
                "add a section with at least one item (a local checklist may not remove every item)",
            );
            return;
        }
        for (pi, profile) in checklist.profiles.iter().enumerate() {
            // A pattern that matches nothing is reported already, and is the likelier cause.
            let patterns_match = (profile.include.iter().chain(&profile.exclude))
                .all(|pattern| pattern_matches_any(pattern, &checklist.sections));
            if patterns_match && checklist.selects_nothing(profile) {
                self.error(
                    &child(&child("profiles", pi), "id"),
                    format!(
                        "profile `{}` selects no item, so it cannot be scored",
                        profile.id
                    ),
                    "check the profile's `include` and `exclude` patterns; \
                     `sro-assess checklist lint FILE` lists every problem of a checklist file",
                );
            }
        }
    }

    /// The `renamed:` map: every old id must be gone from the checklist and every new id in it,
    /// or answers would be carried to nothing, or shadow a live item.
    fn renamed(&mut self, raw: serde_yaml::Mapping, sections: &[Section]) -> Vec<Rename> {
        let exists = |id: &str| sections.iter().flat_map(|s| &s.items).any(|i| i.id == id);
        let mut renamed = Vec::with_capacity(raw.len());
        for (key, value) in raw {
            let (Some(from), Some(to)) = (key.as_str(), value.as_str()) else {
                self.error(
                    "renamed",
                    "each `renamed` entry must give an old item id and the new id that scores it"
                        .into(),
                    "write `old.item-id: new.item-id`, one per line",
                );
                continue;
            };
            let path = child("renamed", from);
            if exists(from) {
                self.error(
                    &path,
                    format!("`renamed` lists `{from}`, but the checklist still has that item"),
                    "list only ids that no item uses any more",
                );
            }
            if !exists(to) {
                let ids = sections
                    .iter()
                    .flat_map(|s| s.items.iter().map(|i| i.id.as_str()));
                let hint = match nearest(to, ids) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "name an item of this checklist".into(),
                };
                self.error(
                    &path,
                    format!(
                        "`renamed` maps `{from}` to `{to}`, which is not an item of the checklist"
                    ),
                    hint,
                );
            }
            renamed.push(Rename {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        renamed
    }

    fn scale(&mut self, raw: Vec<RawScaleLevel>) -> Vec<ScaleLevel> {
        if raw.is_empty() {
            self.error(
                "scale",
                "the scale has no values".into(),
                "list at least `met` and `not_met`",
            );
        }
        if !raw.iter().any(|l| l.credit.is_some()) {
            self.error(
                "scale",
                "no scale value gives credit".into(),
                "give `met` a credit of 1.0",
            );
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, level) in raw.iter().enumerate() {
            let path = child("scale", i);
            if let Some(credit) = level.credit
                && !(0.0..=1.0).contains(&credit)
            {
                self.error(
                    &child(&path, "credit"),
                    format!(
                        "scale value `{}` has credit {credit}, outside 0 to 1",
                        level.value
                    ),
                    "use a credit between 0.0 and 1.0, or null for not applicable",
                );
            }
            if level.value == UNKNOWN_STATUS && level.credit.is_some() {
                self.error(
                    &child(&path, "credit"),
                    format!("scale value `{UNKNOWN_STATUS}` (don't know) has a credit"),
                    "write `credit: null`: an item nobody could verify scores as unanswered",
                );
            }
            if let Some(first) = seen.insert(level.value.clone(), i) {
                self.error(
                    &child(&path, "value"),
                    format!(
                        "scale value `{}` is listed twice (also entry {})",
                        level.value,
                        first + 1
                    ),
                    "give each scale value a different name",
                );
            }
        }
        self.aliases(&raw);
        raw.into_iter()
            .map(|l| ScaleLevel {
                value: l.value,
                label: l.label,
                credit: l.credit,
                aliases: l.aliases,
            })
            .collect()
    }

    /// Every word a status may be written as (value, label, aliases) must name one value only,
    /// or an answer written that way could be scored either way.
    fn aliases(&mut self, raw: &[RawScaleLevel]) {
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (i, level) in raw.iter().enumerate() {
            for word in [&level.value, &level.label] {
                owner.entry(status_key(word)).or_insert(i);
            }
        }
        for (i, level) in raw.iter().enumerate() {
            for (j, alias) in level.aliases.iter().enumerate() {
                let path = child(&child(&child("scale", i), "aliases"), j);
                let key = status_key(alias);
                if key.is_empty() {
                    self.error(
                        &path,
                        format!(
                            "alias `{alias}` of scale value `{}` has no letters or digits",
                            level.value
                        ),
                        "write aliases as words (`yes`, `in place`); marks such as x or ✓ are ambiguous",
                    );
                    continue;
                }
                match owner.get(&key) {
                    Some(&other) if other != i => {
                        let other_value = raw.get(other).map_or("", |l| l.value.as_str());
                        self.error(
                            &path,
                            format!(
                                "alias `{alias}` of scale value `{}` also names scale value `{other_value}`",
                                level.value
                            ),
                            "give each alias to one scale value only (case and spaces are ignored)",
                        );
                    }
                    _ => {
                        owner.insert(key, i);
                    }
                }
            }
        }
    }

    fn coverage_threshold(&mut self, raw: Option<f64>) -> f64 {
        let Some(threshold) = raw else {
            return DEFAULT_COVERAGE_THRESHOLD;
        };
        if !(0.0..=100.0).contains(&threshold) {
            self.error(
                "coverage_threshold",
                format!("`coverage_threshold` is {threshold}, outside 0 to 100"),
                "give the share of items (in percent) that must be answered before a rating, e.g. 80",
            );
        }
        threshold
    }

    fn weights(&mut self, raw: &RawWeights) -> Weights {
        for (name, weight) in [
            ("critical", raw.critical),
            ("high", raw.high),
            ("medium", raw.medium),
            ("low", raw.low),
        ] {
            if !weight.is_finite() || weight <= 0.0 || weight > 1000.0 {
                self.error(
                    &child("weights", name),
                    format!(
                        "weight `{name}` is {weight}; weights must be above 0 and at most 1000"
                    ),
                    "use small whole numbers such as critical: 5, high: 3, medium: 2, low: 1",
                );
            }
        }
        Weights {
            critical: raw.critical,
            high: raw.high,
            medium: raw.medium,
            low: raw.low,
        }
    }

    fn bands(&mut self, raw: Vec<RawBand>) -> Vec<Band> {
        let descending = raw.windows(2).all(|w| w[0].min > w[1].min);
        if !descending {
            self.error(
                "bands",
                "bands must be listed highest `min` first, each lower than the one before".into(),
                "reorder the bands, e.g. 90, 75, 50, 0",
            );
        }
        if raw.last().is_none_or(|b| b.min != 0.0) {
            self.error(
                "bands",
                "the last band must start at 0 so every score gets a rating".into(),
                "add a band with `min: 0`",
            );
        }
        if raw.iter().any(|b| !(0.0..=100.0).contains(&b.min)) {
            self.error(
                "bands",
                "a band's `min` is outside 0 to 100".into(),
                "use percentages from 0 to 100",
            );
        }
        raw.into_iter()
            .map(|b| Band {
                min: b.min,
                label: b.label,
            })
            .collect()
    }

    fn sources(&mut self, raw: Vec<RawSource>) -> Vec<Source> {
        let mut seen = HashMap::new();
        let mut sources = Vec::with_capacity(raw.len());
        for (i, s) in raw.into_iter().enumerate() {
            let path = child("sources", i);
            if seen.insert(s.id.clone(), i).is_some() {
                self.error(
                    &child(&path, "id"),
                    format!("source id `{}` is used twice", s.id),
                    "give each source its own id",
                );
            }
            if s.url.trim().is_empty() {
                self.error(
                    &child(&path, "url"),
                    format!("source `{}` has no URL", s.id),
                    "add the address where the source can be read",
                );
            }
            let year = match s.year {
                serde_yaml::Value::String(text) => text,
                serde_yaml::Value::Number(n) => n.to_string(),
                _ => String::from("n.d."),
            };
            sources.push(Source {
                id: s.id,
                title: s.title,
                publisher: s.publisher,
                year,
                url: s.url,
                note: s.note,
            });
        }
        sources
    }

    fn sections(&mut self, raw: Vec<RawSection>, sources: &[Source]) -> Vec<Section> {
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        let mut item_ids: HashMap<String, String> = HashMap::new();
        let mut sections = Vec::with_capacity(raw.len());
        for (si, section) in raw.into_iter().enumerate() {
            let path = child("sections", si);
            self.require_text(&child(&path, "id"), &section.id, "section id");
            self.valid_id(&child(&path, "id"), "section", &section.id);
            if section_ids.insert(section.id.clone(), si).is_some() {
                self.error(
                    &child(&path, "id"),
                    format!("section id `{}` is used twice", section.id),
                    "give each section its own id",
                );
            }
            let mut items = Vec::with_capacity(section.items.len());
            for (ii, item) in section.items.into_iter().enumerate() {
                let item_path = child(&child(&path, "items"), ii);
                items.push(self.item(item, &item_path, &mut item_ids, sources));
            }
            sections.push(Section {
                id: section.id,
                title: section.title,
                description: section.description,
                items,
            });
        }
        sections
    }

    fn item(
        &mut self,
        raw: RawItem,
        path: &str,
        item_ids: &mut HashMap<String, String>,
        sources: &[Source],
    ) -> Item {
        let id_path = child(path, "id");
        self.require_text(&id_path, &raw.id, "item id");
        self.valid_id(&id_path, "item", &raw.id);
        if let Some(first) = item_ids.insert(raw.id.clone(), id_path.clone()) {
            let first_line = self
                .at(&first)
                .map_or(String::new(), |l| format!(" (first at line {})", l.line));
            self.error(
                &id_path,
                format!("item id `{}` is used twice{first_line}", raw.id),
                "give each item its own id; answers refer to items by id",
            );
        }
        self.require_text(&child(path, "title"), &raw.title, "item title");
        self.require_text(
            &child(path, "recommendation"),
            &raw.recommendation,
            "recommendation",
        );
        if raw.sources.is_empty() {
            self.error(
                &child(path, "sources"),
                format!("item `{}` cites no source", raw.id),
                "cite at least one source from the checklist's `sources` list",
            );
        }
        for (ri, citation) in raw.sources.iter().enumerate() {
            if !sources.iter().any(|s| s.id == citation.source) {
                let hint = match nearest(&citation.source, sources.iter().map(|s| s.id.as_str())) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "add the source to the checklist's `sources` list".into(),
                };
                let at = child(&child(&child(path, "sources"), ri), "source");
                self.error(
                    &at,
                    format!(
                        "item `{}` cites unknown source `{}`",
                        raw.id, citation.source
                    ),
                    hint,
                );
            }
        }
        Item {
            id: raw.id,
            title: raw.title,
            guidance: raw.guidance,
            priority: raw.priority,
            basis: raw.basis.map(|b| match b {
                RawBasis::Statute => Basis::Statute,
                RawBasis::Guidance => Basis::Guidance,
                RawBasis::Example => Basis::Example,
                RawBasis::LocalPractice => Basis::LocalPractice,
            }),
            responsible: match raw.responsible {
                RawResponsible::District => Responsible::District,
                RawResponsible::LawEnforcement => Responsible::LawEnforcement,
                RawResponsible::Joint => Responsible::Joint,
            },
            in_mou: raw.in_mou,
            recommendation: raw.recommendation,
            recommendation_partial: raw
                .recommendation_partial
                .filter(|text| !text.trim().is_empty()),
            evidence: raw.evidence,
            sources: raw
                .sources
                .into_iter()
                .map(|r| SourceRef {
                    source: r.source,
                    at: r.at,
                })
                .collect(),
        }
    }

    fn profiles(
        &mut self,
        raw: Vec<RawProfile>,
        sections: &[Section],
        scale: &[ScaleLevel],
    ) -> Vec<Profile> {
        let mut seen = HashMap::new();
        let mut profiles = Vec::with_capacity(raw.len());
        for (pi, p) in raw.into_iter().enumerate() {
            let path = child("profiles", pi);
            if seen.insert(p.id.clone(), pi).is_some() {
                self.error(
                    &child(&path, "id"),
                    format!("profile id `{}` is used twice", p.id),
                    "give each profile its own id",
                );
            }
            for (list, patterns) in [("include", &p.include), ("exclude", &p.exclude)] {
                for (k, pattern) in patterns.iter().enumerate() {
                    if !pattern_matches_any(pattern, sections) {
                        let candidates = sections.iter().flat_map(|s| {
                            std::iter::once(s.id.as_str())
                                .chain(s.items.iter().map(|i| i.id.as_str()))
                        });
                        let hint = match nearest(pattern, candidates) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "use an item id, a section id, or `section.*`".into(),
                        };
                        let at = child(&child(&path, list), k);
                        self.error(
                            &at,
                            format!(
                                "profile `{}` {list} pattern `{pattern}` matches no item",
                                p.id
                            ),
                            hint,
                        );
                    }
                }
            }
            let labels = self.profile_labels(&path, p.labels, scale);
            let valid_from = p.valid_from.as_deref().and_then(|text| {
                Date::parse(text.trim())
                    .map_err(|message| {
                        self.error(
                            &child(&path, "valid_from"),
                            format!("profile `{}` `valid_from`: {message}", p.id),
                            "write the date as YYYY-MM-DD, e.g. 2024-01-01",
                        );
                    })
                    .ok()
            });
            profiles.push(Profile {
                id: p.id,
                title: p.title,
                description: p.description,
                include: p.include,
                exclude: p.exclude,
                labels,
                valid_from,
            });
        }
        if profiles.is_empty() {
            profiles.push(Profile {
                id: "all".into(),
                title: "Every item".into(),
                description: "The checklist defines no profiles, so every item applies.".into(),
                include: Vec::new(),
                exclude: Vec::new(),
                labels: Vec::new(),
                valid_from: None,
            });
        }
        profiles
    }

    /// A profile's own scale labels, in scale order; a value the scale lacks is an error.
    fn profile_labels(
        &mut self,
        path: &str,
        labels: BTreeMap<String, String>,
        scale: &[ScaleLevel],
    ) -> Vec<(String, String)> {
        for (value, label) in &labels {
            if !scale.iter().any(|l| l.value == *value) {
                let values = scale.iter().map(|l| l.value.as_str());
                let hint = nearest(value, values).map_or_else(
                    || "use the scale's values as keys".to_string(),
                    |b| format!("did you mean `{b}`?"),
                );
                self.error(
                    &child(&child(path, "labels"), value.as_str()),
                    format!("profile label `{value}` is not a value of the scale"),
                    hint,
                );
            } else if label.trim().is_empty() {
                self.error(
                    &child(&child(path, "labels"), value.as_str()),
                    format!("profile label for `{value}` is empty"),
                    "write the words reports print, or leave the value out",
                );
            }
        }
        scale
            .iter()
            .filter_map(|l| {
                labels
                    .get(&l.value)
                    .map(|t| (l.value.clone(), t.trim().to_string()))
            })
            .collect()
    }
}

fn pattern_matches_any(pattern: &str, sections: &[Section]) -> bool {
    sections.iter().any(|s| {
        s.items
            .iter()
            .any(|i| crate::model::checklist_pattern_matches(pattern, &s.id, &i.id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const MINIMAL: &str = r#"
id: tiny
title: Tiny checklist
version: "1"
scale:
  - { value: met, label: In place, credit: 1.0 }
  - { value: partial, label: Partly in place, credit: 0.5 }
  - { value: not_met, label: Not in place, credit: 0.0 }
  - { value: na, label: Not applicable, credit: null }
weights: { critical: 5, high: 3, medium: 2, low: 1 }
bands:
  - { min: 75, label: Good }
  - { min: 0, label: Weak }
profiles:
  - { id: all, title: Everything }
  - { id: mou-only, title: MOU only, include: [mou.*] }
sources:
  - { id: src, title: A source, publisher: Someone, year: 2020, url: "https://example.org" }
sections:
  - id: mou
    title: MOU
    items:
      - id: mou.signed
        title: A signed MOU
        guidance: Look for signatures
        priority: critical
        responsible: joint
        in_mou: true
        recommendation: Sign it
        sources: [{ source: src, at: "Section 1" }]
      - id: mou.review
        title: Reviewed yearly
        guidance: Look for minutes
        priority: medium
        responsible: joint
        recommendation: Review it
        sources: [{ source: src, at: "Section 2" }]
  - id: climate
    title: Climate
    items:
      - id: climate.survey
        title: Climate survey
        guidance: Look for the survey
        priority: high
        responsible: district
        recommendation: Run one
        sources: [{ source: src }]
"#;

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_checklist(text) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics,
        }
    }

    #[test]
    fn loads_a_minimal_checklist() {
        let (checklist, warnings) = parse_checklist(MINIMAL).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(checklist.item_count(), 3);
        assert_eq!(checklist.sources[0].year, "2020");
        let mou_only = checklist.profile("mou-only").unwrap();
        assert_eq!(checklist.items_in_profile(mou_only).count(), 2);
    }

    #[test]
    fn reports_duplicate_item_ids_and_unknown_sources_together() {
        let text = MINIMAL.replace("id: mou.review", "id: mou.signed").replace(
            "source: src, at: \"Section 2\"",
            "source: scr, at: \"Section 2\"",
        );
        let found = errors(&text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("item id `mou.signed` is used twice"))
        );
        let unknown = found
            .iter()
            .find(|d| d.message.contains("unknown source `scr`"))
            .unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `src`?"));
        assert!(unknown.location.is_some());
    }

    #[test]
    fn rejects_profile_patterns_that_match_nothing() {
        let found = errors(&MINIMAL.replace("include: [mou.*]", "include: [mou.signd]"));
        assert!(found[0].message.contains("matches no item"), "{found:#?}");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `mou.signed`?"));
    }

    #[test]
    fn rejects_a_profile_that_selects_no_item() {
        let text = MINIMAL.replace("include: [mou.*]", "include: [mou.*], exclude: [mou]");
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .contains("profile `mou-only` selects no item"),
            "{found:#?}"
        );
        assert_eq!(found[0].location.map(|l| l.line), Some(16));
    }

    #[test]
    fn rejects_a_checklist_without_items() {
        let text = MINIMAL.replace("include: [mou.*]", "include: []");
        let start = text.find("sections:").unwrap();
        let text = format!("{}sections: []\n", &text[..start]);
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("the checklist has no items"));
    }

    #[test]
    fn rejects_bands_that_do_not_reach_zero() {
        let found = errors(&MINIMAL.replace("{ min: 0, label: Weak }", "{ min: 10, label: Weak }"));
        assert!(found[0].message.contains("must start at 0"), "{found:#?}");
    }

    #[test]
    fn reads_aliases_and_the_coverage_threshold() {
        let text = MINIMAL
            .replace("credit: 1.0 }", "credit: 1.0, aliases: [yes, In Place] }")
            .replace("bands:", "coverage_threshold: 60\nbands:");
        let (checklist, _) = parse_checklist(&text).unwrap();
        assert_eq!(checklist.scale[0].aliases, ["yes", "In Place"]);
        assert_eq!(checklist.coverage_threshold, 60.0);
        let (default, _) = parse_checklist(MINIMAL).unwrap();
        assert_eq!(default.coverage_threshold, DEFAULT_COVERAGE_THRESHOLD);
    }

    #[test]
    fn rejects_an_alias_that_names_two_values() {
        let text = MINIMAL
            .replace("credit: 1.0 }", "credit: 1.0, aliases: [done] }")
            .replace(
                "credit: 0.0 }",
                "credit: 0.0, aliases: [not-in-place, DONE] }",
            );
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .contains("alias `DONE` of scale value `not_met` also names scale value `met`"),
            "{found:?}"
        );
        let label_clash = MINIMAL.replace("credit: 0.5 }", "credit: 0.5, aliases: [in place] }");
        assert_eq!(errors(&label_clash).len(), 1);
    }

    #[test]
    fn reads_an_unknown_value_without_credit_and_rejects_one_with_credit() {
        let declared = "credit: null }\n  - { value: unknown, label: Don't know, credit: null }";
        let text = MINIMAL.replacen("credit: null }", declared, 1);
        let (checklist, _) = parse_checklist(&text).unwrap();
        let unknown = checklist.scale_level(UNKNOWN_STATUS).unwrap();
        assert!(unknown.is_unknown() && !unknown.is_not_applicable());
        let credited = text.replace("Don't know, credit: null", "Don't know, credit: 0.0");
        let found = errors(&credited);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .contains("`unknown` (don't know) has a credit")
        );
        assert!(found[0].hint.as_deref().unwrap().contains("credit: null"));
        let at = found[0].location.unwrap();
        assert_eq!((at.line, at.column), (10, 50), "{found:#?}");
    }

    #[test]
    fn rejects_marks_as_aliases_and_thresholds_outside_0_to_100() {
        let mark = MINIMAL.replace("credit: 1.0 }", "credit: 1.0, aliases: [\"✓\"] }");
        assert!(
            errors(&mark)[0]
                .message
                .contains("has no letters or digits")
        );
        let threshold = MINIMAL.replace("bands:", "coverage_threshold: 120\nbands:");
        assert!(errors(&threshold)[0].message.contains("outside 0 to 100"));
    }

    #[test]
    fn reads_renamed_ids_and_the_partial_next_step() {
        let text =
            format!("{MINIMAL}renamed:\n  mou.old-signed: mou.signed\n  mou.annual: mou.signed\n")
                .replace(
                    "recommendation: Sign it",
                    "recommendation: Sign it\n        recommendation_partial: Finish signing it",
                );
        let (checklist, _) = parse_checklist(&text).unwrap();
        assert_eq!(checklist.renamed_to("mou.annual"), Some("mou.signed"));
        assert_eq!(checklist.renamed.len(), 2);
        let item = &checklist.sections[0].items[0];
        assert_eq!(
            item.recommendation_partial.as_deref(),
            Some("Finish signing it")
        );
    }

    #[test]
    fn rejects_renamed_ids_that_still_exist_or_point_nowhere() {
        let text = format!("{MINIMAL}renamed:\n  mou.review: mou.signed\n  mou.gone: mou.signd\n");
        let found = errors(&text);
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("still has that item")),
            "{found:#?}"
        );
        let nowhere = found
            .iter()
            .find(|d| d.message.contains("not an item of the checklist"))
            .unwrap();
        assert_eq!(nowhere.hint.as_deref(), Some("did you mean `mou.signed`?"));
        assert!(nowhere.location.is_some());
    }

    #[test]
    fn reads_a_profile_valid_from_date_and_rejects_a_bad_one() {
        let text = MINIMAL.replace(
            "{ id: mou-only, title: MOU only, include: [mou.*] }",
            "{ id: mou-only, title: MOU only, include: [mou.*], valid_from: 2024-01-01 }",
        );
        let (checklist, _) = parse_checklist(&text).unwrap();
        let from = checklist.profile("mou-only").unwrap().valid_from.unwrap();
        assert_eq!(from.to_string(), "2024-01-01");
        let found = errors(&text.replace("2024-01-01", "2024-13-01"));
        assert!(found[0].message.contains("valid_from"), "{found:#?}");
    }
}
