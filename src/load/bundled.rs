//! The bundled checklists' models, compiled by build.rs from their YAML with the loader's own
//! code: loading one builds the values directly, without parsing YAML at start.

// The generated code names whichever of these the bundled checklists use.
#[allow(unused_imports)]
use crate::error::{Diagnostic, Location, Severity};
use crate::model::{
    Band, Basis, Checklist, Date, Item, Priority, Profile, Rename, Responsible, ScaleLevel,
    Section, Source, SourceRef, Weights,
};
#[allow(unused_imports)]
use crate::model::{OverrideNote, Removal, Tailoring};

include!(concat!(env!("OUT_DIR"), "/bundled_checklists.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{BUNDLED, checklist};

    #[test]
    fn every_bundled_checklist_is_compiled_as_the_loader_reads_its_text() {
        for bundled in BUNDLED {
            let Some((compiled, compiled_warnings)) = model(bundled.id) else {
                panic!("{} has no compiled model: add it to build.rs", bundled.id);
            };
            let (parsed, parsed_warnings) = checklist::parse_checklist(bundled.text).unwrap();
            assert_eq!(
                format!("{compiled:?}"),
                format!("{parsed:?}"),
                "{}",
                bundled.id
            );
            assert_eq!(compiled_warnings, parsed_warnings, "{}", bundled.id);
        }
    }

    #[test]
    fn an_unknown_id_has_no_compiled_model() {
        assert!(model("no-such-checklist").is_none());
    }
}
