//! Golden files: every text format of the report for every sample in examples/, rendered in
//! process; one check per format that the binary prints the same.
//! Review a change by reading the `.snap.new` files insta writes beside the old ones.

use sro_assess::report::Format;

use crate::common::{example_files, root, run_ok, stem};
use crate::in_process::render_report;

const TEXT_FORMATS: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

#[test]
fn report_formats_of_the_samples_match_their_snapshots() {
    for example in example_files() {
        let relative = example.strip_prefix(root()).unwrap();
        for format in TEXT_FORMATS {
            let text = render_report(relative, format, 100);
            let name = format.name();
            insta::assert_snapshot!(format!("report__{}__{name}", stem(&example)), text);
        }
    }
}

#[test]
fn the_binary_prints_what_the_library_renders() {
    let example = example_files().remove(0);
    let relative = example.strip_prefix(root()).unwrap();
    for format in TEXT_FORMATS {
        let path = relative.to_str().unwrap();
        let printed = run_ok(&["report", "--format", format.name(), "--width", "100", path]);
        assert_eq!(
            printed,
            render_report(relative, format, 100),
            "{}",
            format.name()
        );
    }
}
