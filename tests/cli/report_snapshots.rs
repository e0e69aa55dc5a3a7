//! Golden files: every text format of the report for every sample in examples/.
//! Review a change by reading the `.snap.new` files insta writes beside the old ones.

use crate::common::{example_files, stem, tool};

#[test]
fn report_formats_of_the_samples_match_their_snapshots() {
    for example in example_files() {
        for format in ["table", "markdown", "csv", "json"] {
            let output = tool()
                .args(["report", "--format", format, "--width", "100"])
                .arg(example.strip_prefix(crate::common::root()).unwrap())
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let text = String::from_utf8(output.stdout).unwrap();
            insta::assert_snapshot!(format!("report__{}__{format}", stem(&example)), text);
        }
    }
}
