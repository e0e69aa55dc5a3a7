//! The library, called the way the binary calls it: golden checks of text outputs run here,
//! without starting a process per check. Every in-process rendering of these tests goes through
//! [`render_report`], so a change of the render API is adapted in one place.

use std::path::Path;

use sro_assess::load::AnswersFile;
use sro_assess::report::{self, Format, RenderOptions};
use sro_assess::score;

/// What `sro-assess report ANSWERS --format FORMAT --width WIDTH` prints on standard output.
pub fn render_report(answers: &Path, format: Format, width: u16) -> String {
    let file = AnswersFile::read(answers).unwrap();
    let loaded = file.checklist(None).unwrap();
    let (validated, _warnings) = file.validate(&loaded.checklist).unwrap();
    let assessment = score::score(&loaded.checklist, &validated, &file.hash);
    let options = RenderOptions {
        width: Some(width),
        ..RenderOptions::default()
    };
    let rendered =
        report::render(report::Subject::Assessment(&assessment), format, &options).unwrap();
    String::from_utf8(rendered.bytes).unwrap()
}
