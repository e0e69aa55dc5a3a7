//! Checklist trust: bounded "did you mean", profiles that select nothing, one character set
//! for ids, and local checklists that contradict themselves.

use crate::common::tool;

/// An answers file for the bundled checklist whose only answer is keyed by `item_key`.
fn answers_with_key(item_key: &str) -> String {
    format!(
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\n\
         date: 2026-03-15\nanswers:\n  ? {item_key}\n  : met\n"
    )
}

#[test]
fn a_two_megabyte_unknown_id_is_refused_without_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge-id.yaml");
    let id = "governance.written-mou".repeat(2 * 1024 * 1024 / 22);
    std::fs::write(&path, answers_with_key(&id)).unwrap();
    let output = tool().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("huge-id.yaml:6:5: error: unknown item `governance.written-mou"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.contains(&format!("({} characters)", id.len())));
    assert!(stderr.contains("list the item ids with `sro-assess checklist show"));
    assert!(
        stderr.len() < 2000,
        "the id is quoted whole: {} bytes",
        stderr.len()
    );
}
