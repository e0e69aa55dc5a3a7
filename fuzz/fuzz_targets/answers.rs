//! Any bytes as an answers file for the bundled checklist: load, validate, score and render
//! every format. Each step must return a value or an error, never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sro_assess::load::{self, AnswersFile, LoadedChecklist};
use sro_assess::report::{self, Format, RenderOptions};
use sro_assess::score;

fn bundled() -> &'static LoadedChecklist {
    static CHECKLIST: OnceLock<LoadedChecklist> = OnceLock::new();
    CHECKLIST.get_or_init(|| {
        load::bundled_checklist("wi-sro-best-practices")
            .expect("bundled checklist exists")
            .expect("bundled checklist is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.yaml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = AnswersFile::from_text(text, path) else { return };
    let checklist = &bundled().checklist;
    let Ok((answers, _warnings)) = file.validate(checklist) else { return };
    let assessment = score::score(checklist, &answers, &file.hash);
    let options = RenderOptions { include_internal_notes: data.len() % 2 == 0, ..RenderOptions::default() };
    for format in Format::ALL {
        let _ = report::render_to_vec(&assessment, format, &options);
    }
});
