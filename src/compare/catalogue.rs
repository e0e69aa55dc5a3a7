//! The sections and items a comparison walks through, in checklist order.

use std::collections::HashSet;

use crate::model::{Checklist, Priority};
use crate::score::Assessment;

pub(crate) struct CatalogueSection {
    pub(crate) id: String,
    pub(crate) title: String,
}

pub(crate) struct CatalogueItem {
    pub(crate) id: String,
    pub(crate) section_id: String,
    pub(crate) title: String,
    pub(crate) priority: Priority,
}

/// Every section and item of the checklist, then any that only an assessment has (a file
/// scored against another version of the checklist), so that nothing is silently dropped.
pub(crate) struct Catalogue {
    pub(crate) sections: Vec<CatalogueSection>,
    pub(crate) items: Vec<CatalogueItem>,
}

impl Catalogue {
    pub(crate) fn new<'a>(
        checklist: &Checklist,
        assessments: impl Iterator<Item = &'a Assessment>,
    ) -> Self {
        let mut sections: Vec<CatalogueSection> = checklist
            .sections
            .iter()
            .map(|s| CatalogueSection {
                id: s.id.clone(),
                title: s.title.clone(),
            })
            .collect();
        let mut items: Vec<CatalogueItem> = checklist
            .items()
            .map(|(section, item)| CatalogueItem {
                id: item.id.clone(),
                section_id: section.id.clone(),
                title: item.title.clone(),
                priority: item.priority,
            })
            .collect();
        let mut known_sections: HashSet<String> = sections.iter().map(|s| s.id.clone()).collect();
        let mut known_items: HashSet<String> = items.iter().map(|i| i.id.clone()).collect();
        for assessment in assessments {
            for section in &assessment.sections {
                if known_sections.insert(section.id.clone()) {
                    sections.push(CatalogueSection {
                        id: section.id.clone(),
                        title: section.title.clone(),
                    });
                }
            }
            for item in &assessment.items {
                if known_items.insert(item.id.clone()) {
                    items.push(CatalogueItem {
                        id: item.id.clone(),
                        section_id: item.section_id.clone(),
                        title: item.title.clone(),
                        priority: item.priority,
                    });
                }
            }
        }
        Self { sections, items }
    }
}
