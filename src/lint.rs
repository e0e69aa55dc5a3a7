//! `checklist lint`: checks a checklist for its authors. Loading already refuses what would make
//! scores wrong (repeated ids, unknown sources, empty recommendations, profile patterns that
//! match nothing, bands that miss 0); lint reports those, plus what a reader would trip on.

use std::collections::HashSet;

use crate::error::Diagnostic;
use crate::model::{Checklist, id_diagnostic};

/// Findings about a checklist that loaded: errors (lint fails) and warnings.
pub fn lint(checklist: &Checklist) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    unique_ids(checklist, &mut found);
    sources(checklist, &mut found);
    items(checklist, &mut found);
    bands(checklist, &mut found);
    profiles(checklist, &mut found);
    renamed(checklist, &mut found);
    research_hedges(checklist, &mut found);
    found
}

fn error(found: &mut Vec<Diagnostic>, message: String, hint: &str) {
    found.push(Diagnostic::error(None, message).with_hint(hint));
}

fn warn(found: &mut Vec<Diagnostic>, message: String, hint: &str) {
    found.push(Diagnostic::warning(None, message).with_hint(hint));
}

/// Every id in one namespace: sections and items share the profile patterns' namespace.
fn unique_ids(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    let ids = checklist
        .sections
        .iter()
        .map(|s| ("section", s.id.as_str()))
        .chain(checklist.items().map(|(_, i)| ("item", i.id.as_str())));
    for (kind, id) in ids {
        if !seen.insert(id) {
            error(
                found,
                format!("{kind} id `{id}` is used twice"),
                "give every section and item its own id",
            );
        }
    }
    let mut sources = HashSet::new();
    for source in &checklist.sources {
        if !sources.insert(source.id.as_str()) {
            error(
                found,
                format!("source id `{}` is used twice", source.id),
                "give each source its own id",
            );
        }
    }
}

fn sources(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    let mut cited = HashSet::new();
    for (_, item) in checklist.items() {
        for citation in &item.sources {
            cited.insert(citation.source.as_str());
            if checklist.source(&citation.source).is_none() {
                error(
                    found,
                    format!(
                        "item `{}` cites unknown source `{}`",
                        item.id, citation.source
                    ),
                    "add the source to `sources`, or fix the id",
                );
            }
        }
    }
    for source in &checklist.sources {
        let url = source.url.trim();
        if url.is_empty() {
            error(
                found,
                format!("source `{}` has no URL", source.id),
                "add the address where the source can be read",
            );
        } else if !(url.starts_with("https://") || url.starts_with("http://")) {
            error(
                found,
                format!(
                    "source `{}` has a URL that is not a web address: `{url}`",
                    source.id
                ),
                "write the full address, starting with https://",
            );
        }
        if !cited.contains(source.id.as_str()) {
            warn(
                found,
                format!("source `{}` is listed but no item cites it", source.id),
                "cite it from an item, or remove it",
            );
        }
    }
}

fn items(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    for section in &checklist.sections {
        found.extend(id_diagnostic("section", &section.id, None));
    }
    for (section, item) in checklist.items() {
        found.extend(id_diagnostic("item", &item.id, None));
        if item.recommendation.trim().is_empty() {
            error(
                found,
                format!("item `{}` has an empty recommendation", item.id),
                "write the concrete next step when the practice is not in place",
            );
        }
        if item.sources.is_empty() {
            error(
                found,
                format!("item `{}` cites no source", item.id),
                "cite at least one source",
            );
        }
        if item.guidance.trim().is_empty() {
            warn(
                found,
                format!("item `{}` has no guidance", item.id),
                "say what to look for and what counts as in place",
            );
        }
        if !item.id.starts_with(&format!("{}.", section.id)) {
            warn(
                found,
                format!(
                    "item `{}` does not start with its section's id `{}.`",
                    item.id, section.id
                ),
                "name items `section.slug` so `section.*` profile patterns select them",
            );
        }
    }
}

fn bands(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    let hint = "list bands highest first, e.g. 90, 75, 50, 0, all within 0 to 100";
    let descending = checklist.bands.windows(2).all(|w| w[0].min > w[1].min);
    if !descending {
        error(
            found,
            "bands are not listed highest `min` first".into(),
            hint,
        );
    }
    if checklist.bands.last().is_none_or(|b| b.min != 0.0) {
        error(
            found,
            "the bands do not reach 0, so a low score gets no rating".into(),
            hint,
        );
    }
    if checklist
        .bands
        .iter()
        .any(|b| !(0.0..=100.0).contains(&b.min))
    {
        error(found, "a band's `min` is outside 0 to 100".into(), hint);
    }
}

fn profiles(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    for profile in &checklist.profiles {
        for (list, patterns) in [("include", &profile.include), ("exclude", &profile.exclude)] {
            for pattern in patterns {
                let matches = checklist
                    .items()
                    .any(|(s, i)| crate::model::checklist_pattern_matches(pattern, &s.id, &i.id));
                if !matches {
                    error(
                        found,
                        format!(
                            "profile `{}` {list} pattern `{pattern}` matches no item",
                            profile.id
                        ),
                        "use an item id, a section id, or `section.*`",
                    );
                }
            }
        }
        if checklist.selects_nothing(profile) {
            error(
                found,
                format!("profile `{}` selects no item", profile.id),
                "check its include and exclude patterns",
            );
        }
    }
}

/// Old ids must be gone and new ids present, or earlier answers would carry to nothing.
fn renamed(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    let is_item = |id: &str| checklist.items().any(|(_, i)| i.id == id);
    for rename in &checklist.renamed {
        if is_item(&rename.from) {
            error(
                found,
                format!("`renamed` lists `{}`, which is still an item", rename.from),
                "list only ids that no item uses any more",
            );
        }
        if !is_item(&rename.to) {
            error(
                found,
                format!(
                    "`renamed` maps `{}` to `{}`, which is not an item",
                    rename.from, rename.to
                ),
                "name an item of this checklist",
            );
        }
    }
}

/// Words of the authors' research notes that a committee or board should never read.
const HEDGES: [&str; 9] = [
    "(verify",
    "text not read",
    "was not read",
    "were not read",
    "could not be read",
    "not verified",
    "read in part",
    "local-practice suggestion",
    "check the current text",
];

/// Every text a report prints from the checklist, named for the author: item fields, section and
/// profile descriptions, source notes, the checklist's description and limits.
fn printed_texts(checklist: &Checklist) -> Vec<(String, &str)> {
    let mut texts = vec![(
        "the checklist description".to_string(),
        checklist.description.as_str(),
    )];
    if let Some(limits) = &checklist.limits {
        texts.push(("the checklist `limits`".to_string(), limits.as_str()));
    }
    for profile in &checklist.profiles {
        texts.push((
            format!("profile `{}` description", profile.id),
            &profile.description,
        ));
    }
    for source in &checklist.sources {
        if let Some(note) = &source.note {
            texts.push((format!("source `{}` note", source.id), note.as_str()));
        }
    }
    for section in &checklist.sections {
        texts.push((
            format!("section `{}` description", section.id),
            &section.description,
        ));
    }
    for (_, item) in checklist.items() {
        let fields = [
            ("title", Some(&item.title)),
            ("guidance", Some(&item.guidance)),
            ("recommendation", Some(&item.recommendation)),
            (
                "recommendation_partial",
                item.recommendation_partial.as_ref(),
            ),
            ("evidence", Some(&item.evidence)),
        ];
        for (field, text) in fields {
            if let Some(text) = text {
                texts.push((format!("item `{}` {field}", item.id), text.as_str()));
            }
        }
    }
    texts
}

fn research_hedges(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    for (what, text) in printed_texts(checklist) {
        let lower = text.to_lowercase();
        if let Some(hedge) = HEDGES.iter().find(|h| lower.contains(*h)) {
            warn(
                found,
                format!("{what} reads like a research note (`{hedge}`)"),
                "say it plainly for the committee: what the source is and what the checklist \
                 takes from it; the `basis` label shows how firm an item is",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::bundled_checklist;

    #[test]
    fn the_bundled_checklist_passes() {
        let loaded = bundled_checklist("wi-sro-best-practices").unwrap().unwrap();
        let errors: Vec<_> = lint(&loaded.checklist)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn finds_ids_outside_the_character_set() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        checklist.sections[0].id = "Governance".into();
        checklist.sections[1].items[0].id = "training.item #1".into();
        let found: Vec<String> = lint(&checklist).into_iter().map(|d| d.message).collect();
        assert!(
            found.contains(
                &"section id `Governance` has the capital letter `G` at character 1".into()
            ),
            "{found:#?}"
        );
        assert!(
            found.contains(&"item id `training.item #1` has a space at character 14".into()),
            "{found:#?}"
        );
    }

    #[test]
    fn finds_a_bad_url_and_an_empty_recommendation() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        checklist.sources[0].url = "www.example.org".into();
        checklist.sections[0].items[0].recommendation = " ".into();
        let found = lint(&checklist);
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("not a web address"))
        );
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("empty recommendation"))
        );
    }

    #[test]
    fn finds_renames_that_point_nowhere_and_research_hedges() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let first = checklist.sections[0].items[0].id.clone();
        checklist.renamed.push(crate::model::Rename {
            from: first,
            to: "governance.no-such-item".into(),
        });
        checklist.sections[0].items[0]
            .title
            .push_str(" (verify s. 1)");
        let found = lint(&checklist);
        assert!(found.iter().any(|d| d.message.contains("still an item")));
        assert!(
            found
                .iter()
                .any(|d| d.message.contains("which is not an item"))
        );
        assert!(found.iter().any(|d| d.message.contains("research note")));
    }

    #[test]
    fn finds_a_research_note_in_a_source_note() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let id = checklist.sources[0].id.clone();
        checklist.sources[0].note = Some("Opening read; the body was not read.".into());
        let found: Vec<String> = lint(&checklist).into_iter().map(|d| d.message).collect();
        assert!(
            found.contains(&format!(
                "source `{id}` note reads like a research note (`was not read`)"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn the_bundled_checklist_has_no_research_notes() {
        let loaded = bundled_checklist("wi-sro-best-practices").unwrap().unwrap();
        let hedges: Vec<String> = lint(&loaded.checklist)
            .into_iter()
            .map(|d| d.message)
            .filter(|m| m.contains("research note"))
            .collect();
        assert!(hedges.is_empty(), "{hedges:#?}");
    }
}
