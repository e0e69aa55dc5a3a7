//! Shared by the fuzz targets: the bundled checklist, loaded once, and an answers text scored
//! against it.

use std::sync::OnceLock;

use sro_assess::load::{self, AnswersFile, LoadedChecklist};
use sro_assess::score::{self, Assessment};

/// The bundled checklist, loaded once per fuzzing process.
pub fn bundled() -> &'static LoadedChecklist {
    static CHECKLIST: OnceLock<LoadedChecklist> = OnceLock::new();
    CHECKLIST.get_or_init(|| {
        load::bundled_checklist("wi-sro-best-practices")
            .expect("bundled checklist exists")
            .expect("bundled checklist is valid")
    })
}

/// The assessment of an answers text, or `None` when it does not load or validate.
pub fn assess(text: &str) -> Option<Assessment> {
    let file = AnswersFile::from_text(text, std::path::Path::new("fuzz.yaml")).ok()?;
    let checklist = &bundled().checklist;
    let (answers, _warnings) = file.validate(checklist).ok()?;
    Some(score::score(checklist, &answers, &file.hash))
}
