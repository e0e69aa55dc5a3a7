//! Any bytes as a checklist file: loading must return a checklist or diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sro_assess::load;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.yaml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(loaded) = load::parse_checklist(text, path) {
        // A checklist that loads must also render and lint.
        let _ = sro_assess::lint::lint(&loaded.checklist);
    }
});
