//! Hostile and broken input: each gets a clear error (exit 2), never a panic or a hang.

use std::fs;

use crate::common::tool;

fn assert_refused(args: &[&str], path: &std::path::Path, fragment: &str) {
    let output = tool().args(args).arg(path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(fragment),
        "missing `{fragment}` in:\n{stderr}"
    );
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let flow = dir.path().join("flow.yaml");
    fs::write(
        &flow,
        format!("answers: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .unwrap();
    assert_refused(&["validate"], &flow, "nested too deeply");
    let block = dir.path().join("block.yaml");
    // Block style at 10,000 levels would be 50 MB of indentation; 2,000 levels (2 MB) stays
    // under the size limit and still far beyond the parser's depth limit.
    let text: String = (0..2_000)
        .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
        .collect();
    fs::write(&block, text).unwrap();
    assert_refused(&["validate"], &block, "nested too deeply");
    let checklist = dir.path().join("checklist.yaml");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    fs::write(&checklist, format!("id: x\ndescription: {deep}\n")).unwrap();
    // Read into typed fields, the checklist fails at the first wrong type, before any depth.
    assert_refused(
        &["checklist", "show"],
        &checklist,
        "`description` is a list, but it must be text",
    );
}

#[test]
fn alias_bombs_are_refused_in_answers_and_checklists() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        bomb.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    let answers = dir.path().join("answers.yaml");
    fs::write(&answers, &bomb).unwrap();
    assert_refused(&["validate"], &answers, "expands its aliases");
    // A checklist is read into typed fields: the bomb is refused before anything expands.
    let checklist = dir.path().join("checklist.yaml");
    fs::write(
        &checklist,
        format!("id: x\ntitle: x\nversion: \"1\"\ndescription: *a9\n{bomb}"),
    )
    .unwrap();
    assert_refused(&["checklist", "show"], &checklist, "error");
}

#[test]
fn a_one_gigabyte_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    // Sparse: takes no disk space, but its size is 1 GiB.
    fs::File::create(&path).unwrap().set_len(1 << 30).unwrap();
    assert_refused(&["report"], &path, "over the limit of 16777216 bytes");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_unreadable_file_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    assert_refused(&["validate"], &a, "cannot read the file");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_refused_clearly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.yaml");
    fs::write(&path, "checklist: wi-sro-best-practices\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root (as CI does): permissions do not stop reads, so there is nothing to refuse.
        return;
    }
    assert_refused(&["validate"], &path, "Permission denied");
}

#[test]
fn binary_garbage_and_nul_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.yaml");
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    fs::write(&path, bytes).unwrap();
    assert_refused(&["validate"], &path, "error");
    fs::write(&path, b"checklist: wi-sro\0-best-practices\n").unwrap();
    assert_refused(&["validate"], &path, "error");
}

#[cfg(unix)]
#[test]
fn reports_into_a_folder_that_refuses_files_fail_cleanly() {
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "-o",
            "/proc/sro-assess.md",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/proc/sro-assess.md: cannot write the file"),
        "{stderr}"
    );
}
