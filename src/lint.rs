//! `checklist lint`: checks a checklist for its authors. Loading already refuses what would make
//! scores wrong (repeated ids, unknown sources, empty recommendations, profile patterns that
//! match nothing, bands that miss 0); lint reports those, plus what a reader would trip on.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::error::Diagnostic;
use crate::model::{Basis, Checklist, id_diagnostic};

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
    one_duty_per_subsection(checklist, &mut found);
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
            if citation.at.trim().is_empty() {
                warn(
                    found,
                    format!(
                        "item `{}` cites source `{}` without saying where in it",
                        item.id, citation.source
                    ),
                    "add `at`: the section heading, statute subsection or question title the item rests on",
                );
            }
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

/// Statute subsections that hold two duties, each scored by its own item. Any other subsection cited
/// by two `statute` items is reported: the same duty would be weighed twice. Each entry: the
/// subsection as written in `at` (spaces removed), the items that may share it, and why.
pub const SHARED_SUBSECTIONS: [(&str, &[&str], &str); 2] = [
    (
        "118.07(4)(cp)",
        &[
            "governance.annual-violence-drill",
            "governance.drill-evaluation-reviewed",
        ],
        "one paragraph requires the yearly school-violence drill in each building and, separately, \
         the written evaluation of each drill and the board's review of it",
    ),
    (
        "62.90(8)",
        &[
            "governance.mps-act12-staffing",
            "selection.sworn-community-policing",
        ],
        "2023 Wis. Act 12's subsection sets Milwaukee's 25-officer requirement and defines the \
         school resource officer that fills it",
    ),
];

/// Two `statute` items citing the same subsection score the same duty twice, unless the
/// subsection is in [`SHARED_SUBSECTIONS`] for exactly those items.
fn one_duty_per_subsection(checklist: &Checklist, found: &mut Vec<Diagnostic>) {
    let mut citing: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (_, item) in checklist.items() {
        if item.basis != Some(Basis::Statute) {
            continue;
        }
        for citation in &item.sources {
            for reference in statute_references(&citation.at) {
                citing
                    .entry(reference)
                    .or_default()
                    .insert(item.id.as_str());
            }
        }
    }
    for (reference, items) in &citing {
        if items.len() < 2 {
            continue;
        }
        let shared = SHARED_SUBSECTIONS
            .iter()
            .any(|(at, allowed, _)| at == reference && items.iter().all(|i| allowed.contains(i)));
        if shared {
            continue;
        }
        let names: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
        error(
            found,
            format!(
                "{} cite `{reference}` as their statute: one duty would be scored {} times",
                names.join(" and "),
                items.len()
            ),
            "merge the items (map the old id in `renamed`), or cite the subsection each duty is in; \
             where two duties share one subsection, list it in SHARED_SUBSECTIONS in src/lint.rs with the reason",
        );
    }
}

/// The statute and regulation references in an `at`: "s. 118.07(4)(cp)" gives `118.07(4)(cp)`,
/// "s. 118.305(4)(a)1." gives `118.305(4)(a)1.`, "34 CFR 99.8(b)(2)" gives `34CFR99.8(b)(2)`.
fn statute_references(at: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = at.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start_of_word = i == 0 || !chars[i - 1].is_alphanumeric();
        let after_prefix = if start_of_word {
            prefix_end(&chars, i, "ss. ").or_else(|| prefix_end(&chars, i, "s. "))
        } else {
            None
        };
        if let Some(number_at) = after_prefix
            && let Some((reference, end)) = section_number(&chars, number_at)
        {
            found.push(reference);
            i = end;
            continue;
        }
        if start_of_word && chars[i].is_ascii_digit() {
            let title_end = chars[i..]
                .iter()
                .position(|c| !c.is_ascii_digit())
                .map_or(chars.len(), |n| i + n);
            if let Some(part_at) = prefix_end(&chars, title_end, " CFR ")
                && let Some((part, end)) = section_number(&chars, part_at)
            {
                let title: String = chars[i..title_end].iter().collect();
                found.push(format!("{title}CFR{part}"));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Where `prefix` ends if it starts at `at`.
fn prefix_end(chars: &[char], at: usize, prefix: &str) -> Option<usize> {
    let mut i = at;
    for p in prefix.chars() {
        if chars.get(i) != Some(&p) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// `118.305(4)(a)1.` from `at`: digits, a dot, digits, then any `(x)` groups and a subdivision
/// (`1.`, `2.b.`). Spaces inside the groups ("118.07 (4) (cp)") are dropped.
fn section_number(chars: &[char], at: usize) -> Option<(String, usize)> {
    let digits = |from: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let chapter = digits(at);
    if chapter == 0 || chars.get(at + chapter) != Some(&'.') {
        return None;
    }
    let section = digits(at + chapter + 1);
    if section == 0 {
        return None;
    }
    let mut end = at + chapter + 1 + section;
    let mut reference: String = chars[at..end].iter().collect();
    loop {
        let mut next = end;
        while chars.get(next) == Some(&' ') {
            next += 1;
        }
        if chars.get(next) != Some(&'(') {
            break;
        }
        let Some(close) = chars[next..].iter().position(|c| *c == ')') else {
            break;
        };
        let inner: String = chars[next + 1..next + close].iter().collect();
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        reference.push('(');
        reference.push_str(&inner);
        reference.push(')');
        end = next + close + 1;
    }
    // A subdivision and subparagraph: `1.`, then `b.`.
    for kind in [
        (|c: &char| c.is_ascii_digit()) as fn(&char) -> bool,
        |c: &char| c.is_ascii_lowercase(),
    ] {
        let run = chars[end.min(chars.len())..]
            .iter()
            .take_while(|c| kind(c))
            .count();
        if run > 0 && chars.get(end + run) == Some(&'.') {
            reference.extend(&chars[end..=end + run]);
            end += run + 1;
        } else {
            break;
        }
    }
    Some((reference, end))
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
    #[test]
    fn reads_statute_references_in_an_at() {
        assert_eq!(
            statute_references("s. 118.07(4)(cp)"),
            vec!["118.07(4)(cp)"]
        );
        assert_eq!(
            statute_references("s. 118.305(4)(a)1. and s. 118.305(1)(c)2.b."),
            vec!["118.305(4)(a)1.", "118.305(1)(c)2.b."]
        );
        assert_eq!(
            statute_references("ss. 118.07 (4) (cm) 1. to 3."),
            vec!["118.07(4)(cm)"]
        );
        assert_eq!(
            statute_references("34 CFR 99.8(b)(2)"),
            vec!["34CFR99.8(b)(2)"]
        );
        assert_eq!(
            statute_references("Title (s. 118.305(4)(b) renumbered)"),
            vec!["118.305(4)(b)"]
        );
        assert!(statute_references("Opening (SRO roles)").is_empty());
        assert!(statute_references("Pages 2.5 and s. x").is_empty());
    }

    #[test]
    fn finds_two_statute_items_scoring_one_subsection() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let (first, second) = {
            let mut statute = checklist
                .sections
                .iter_mut()
                .flat_map(|s| s.items.iter_mut())
                .filter(|i| i.basis == Some(Basis::Statute));
            let first = statute.next().unwrap();
            first.sources[0].at = "s. 999.1(2)(a)".into();
            let first_id = first.id.clone();
            let second = statute.next().unwrap();
            second.sources[0].at = "Paragraph s. 999.1 (2) (a)".into();
            (first_id, second.id.clone())
        };
        let found: Vec<String> = lint(&checklist)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| d.message)
            .collect();
        assert!(
            found.contains(&format!(
                "`{first}` and `{second}` cite `999.1(2)(a)` as their statute: one duty would be scored 2 times"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn a_shared_subsection_is_allowed_only_for_its_listed_items() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let third = checklist
            .sections
            .iter_mut()
            .flat_map(|s| s.items.iter_mut())
            .find(|i| i.basis == Some(Basis::Statute) && i.id == "governance.safety-plan-review")
            .unwrap();
        third.sources[0].at = "s. 118.07(4)(cp)".into();
        let found: Vec<String> = lint(&checklist).into_iter().map(|d| d.message).collect();
        assert!(
            found
                .iter()
                .any(|m| m.contains("`governance.safety-plan-review`")
                    && m.contains("`118.07(4)(cp)`")),
            "{found:#?}"
        );
    }

    #[test]
    fn finds_a_source_without_an_address_and_a_citation_without_a_place() {
        let mut checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let source = checklist.sources[1].id.clone();
        checklist.sources[1].url = "  ".into();
        let item = checklist.sections[0].items[0].id.clone();
        let cited = checklist.sections[0].items[0].sources[0].source.clone();
        checklist.sections[0].items[0].sources[0].at = String::new();
        let errors: Vec<String> = lint(&checklist)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| d.message)
            .collect();
        assert!(
            errors.contains(&format!("source `{source}` has no URL")),
            "{errors:#?}"
        );
        let found: Vec<String> = lint(&checklist).into_iter().map(|d| d.message).collect();
        assert!(
            found.contains(&format!("source `{source}` has no URL")),
            "{found:#?}"
        );
        assert!(
            found.contains(&format!(
                "item `{item}` cites source `{cited}` without saying where in it"
            )),
            "{found:#?}"
        );
    }

    #[test]
    fn every_shared_subsection_names_items_of_the_bundled_checklist() {
        let checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        for (at, items, why) in SHARED_SUBSECTIONS {
            assert!(!why.is_empty(), "{at}");
            for id in items {
                assert!(
                    checklist.items().any(|(_, i)| i.id == *id),
                    "{at} lists `{id}`, which is not an item"
                );
            }
        }
    }
}
