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

/// Writes `checklist.yaml` (a copy of a corpus checklist) and two answers files naming it.
fn folder_with_checklist(corpus_checklist: &str, profile: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::common::repo_path("tests/bad-inputs/checklists");
    for name in [corpus_checklist, "small-base.yaml"] {
        std::fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    for (file, label) in [("a.yaml", "Option A"), ("b.yaml", "Option B")] {
        std::fs::write(
            dir.path().join(file),
            format!(
                "checklist: {corpus_checklist}\nprofile: {profile}\ndistrict: X\nlabel: {label}\n\
                 date: 2026-03-15\nanswers:\n  mou.signed: met\n"
            ),
        )
        .unwrap();
    }
    dir
}

/// Runs the tool in `dir` and returns its standard error, asserting exit code 2.
fn refused(dir: &std::path::Path, args: &[&str]) -> String {
    let output = tool().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{args:?}:\n{stderr}");
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("100.0%"),
        "{args:?} scored it"
    );
    stderr
}

#[test]
fn a_profile_that_selects_no_item_is_refused_by_every_command() {
    let dir = folder_with_checklist("profile-selects-nothing.yaml", "records-only");
    let expected =
        "profile-selects-nothing.yaml:12:11: error: profile `records-only` selects no item";
    for args in [
        &["report", "a.yaml"][..],
        &["validate", "a.yaml"],
        &["compare", "a.yaml", "b.yaml"],
        &["summary", "a.yaml", "b.yaml"],
        &[
            "init",
            "--checklist",
            "profile-selects-nothing.yaml",
            "--profile",
            "records-only",
            "--district",
            "X",
            "-o",
            "new.yaml",
        ],
        &["checklist", "lint", "profile-selects-nothing.yaml"],
    ] {
        let stderr = refused(dir.path(), args);
        assert!(stderr.contains(expected), "{args:?}:\n{stderr}");
        assert!(
            stderr.contains("`include` and `exclude`"),
            "{args:?}:\n{stderr}"
        );
    }
    assert!(!dir.path().join("new.yaml").exists());
}

#[test]
fn a_local_checklist_whose_removals_empty_a_profile_is_refused() {
    let dir = folder_with_checklist("remove-profile-items.yaml", "records-only");
    for args in [&["report", "a.yaml"][..], &["compare", "a.yaml", "b.yaml"]] {
        let stderr = refused(dir.path(), args);
        assert!(
            stderr.contains("remove-profile-items.yaml:4:3: error: profile `records-only` of `small-base` selects no item"),
            "{args:?}:\n{stderr}"
        );
    }
    // Any profile, not only the emptied one: the checklist itself is refused.
    let dir = folder_with_checklist("remove-profile-items.yaml", "everything");
    refused(dir.path(), &["report", "a.yaml"]);
}

#[test]
fn ids_outside_the_character_set_are_refused_by_lint_and_init() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::common::repo_path("tests/bad-inputs/checklists/id-with-colon.yaml");
    std::fs::copy(source, dir.path().join("c.yaml")).unwrap();
    let lint = refused(dir.path(), &["checklist", "lint", "c.yaml"]);
    assert!(
        lint.contains("c.yaml:20:15: error: item id `mou.a: b` has `:` at character 6"),
        "{lint}"
    );
    assert!(lint.contains("holds only lowercase letters, digits (0-9), `-`, `_` and `.`"));
    let init = refused(
        dir.path(),
        &[
            "init",
            "--checklist",
            "c.yaml",
            "--district",
            "X",
            "-o",
            "a.yaml",
        ],
    );
    assert!(init.contains("item id `mou.a: b`"), "{init}");
    assert!(!dir.path().join("a.yaml").exists());
}

#[test]
fn every_kind_of_character_the_rule_allows_survives_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(crate::common::repo_path(
        "tests/bad-inputs/checklists/small-base.yaml",
    ))
    .unwrap()
    .replace("id: mou.signed,", "id: mou.s_1.v-2,")
    .replace("id: mou.reviewed,", "id: mou.true,")
    .replace("- id: records\n", "- id: r2_d-2\n")
    .replace("id: records.leu,", "id: r2_d-2.x,")
    .replace("[records.*]", "[r2_d-2.*]");
    std::fs::write(dir.path().join("c.yaml"), base).unwrap();
    let lint = tool()
        .current_dir(dir.path())
        .args(["checklist", "lint", "c.yaml"])
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    let init = tool()
        .current_dir(dir.path())
        .args(["init", "--checklist", "c.yaml", "--profile", "everything"])
        .args(["--district", "X", "-o", "a.yaml"])
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let template = std::fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    let filled = template
        .replace("  mou.s_1.v-2:\n", "  mou.s_1.v-2: met\n")
        .replace("  mou.true:\n", "  mou.true: met\n")
        .replace("  r2_d-2.x:\n", "  r2_d-2.x: met\n");
    assert_ne!(filled, template, "the template names the ids as keys");
    std::fs::write(dir.path().join("a.yaml"), filled).unwrap();
    let report = tool()
        .current_dir(dir.path())
        .args(["report", "a.yaml", "--format", "csv"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&report.stdout);
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    for id in ["mou.s_1.v-2", "mou.true", "r2_d-2.x"] {
        assert!(stdout.contains(id), "{id} missing from:\n{stdout}");
    }
    assert!(!stdout.contains("Unanswered"), "{stdout}");
}
