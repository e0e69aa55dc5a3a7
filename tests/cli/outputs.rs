//! What the tool writes: never over one of its inputs, straight into devices, through links,
//! with the replaced file's permissions, under any name a file system allows; a closed pipe
//! ends a run quietly; `summary` counts each file once.

#[cfg(unix)]
use std::collections::VecDeque;
use std::fs;
#[cfg(unix)]
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
#[cfg(windows)]
use std::os::windows::fs::symlink_file as symlink;
#[cfg(unix)]
use std::path::Path;
use std::path::PathBuf;
use std::process::Output;

#[cfg(unix)]
use sro_assess::answer::{self, Prompter, Selection};

use crate::common::{repo_path, tool};

/// A folder holding two answers files, a CSV sheet, and a local checklist that extends a
/// checklist file beside it.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::copy(
            repo_path("examples/existing-program.yaml"),
            root.join("a.yaml"),
        )
        .unwrap();
        fs::copy(repo_path("examples/year-2026.yaml"), root.join("b.yaml")).unwrap();
        fs::create_dir(root.join("o")).unwrap();
        fs::create_dir(root.join("dir")).unwrap();
        fs::copy(root.join("a.yaml"), root.join("dir/a.yaml")).unwrap();
        let workspace = Self { dir };
        workspace.run(&["init", "--date", "2026-03-15", "-o", "sheet.csv"]);
        workspace.run(&["checklist", "show", "--format", "yaml", "-o", "base.yaml"]);
        let local = fs::read_to_string(repo_path("tests/fixtures/issue5/local-checklist.yaml"))
            .unwrap()
            .replace("extends: wi-sro-best-practices", "extends: base.yaml");
        fs::write(workspace.path("local.yaml"), local).unwrap();
        workspace
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        tool()
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap()
    }

    /// Every file's bytes, to show that a refused run changed nothing.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = ["a.yaml", "b.yaml", "dir/a.yaml", "sheet.csv", "base.yaml"]
            .iter()
            .chain(["local.yaml"].iter())
            .map(|name| (name.to_string(), fs::read(self.path(name)).unwrap()))
            .collect();
        files.sort();
        files
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn no_command_writes_over_a_file_it_read() {
    let workspace = Workspace::new();
    fs::hard_link(workspace.path("a.yaml"), workspace.path("hard.yaml")).unwrap();
    symlink("a.yaml", workspace.path("soft.yaml")).unwrap();
    let before = workspace.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &["report", "a.yaml", "-f", "markdown", "-o", "a.yaml"],
            "a.yaml",
        ),
        (
            &["report", "a.yaml", "-f", "json", "-o", "./o/../a.yaml"],
            "a.yaml",
        ),
        (
            &["report", "a.yaml", "-f", "json", "-o", "hard.yaml"],
            "a.yaml",
        ),
        (
            &["report", "a.yaml", "-f", "json", "-o", "soft.yaml"],
            "a.yaml",
        ),
        (
            &["report", "soft.yaml", "-f", "json", "-o", "a.yaml"],
            "soft.yaml",
        ),
        (&["report", "sheet.csv", "-o", "sheet.csv"], "sheet.csv"),
        (
            &["compare", "a.yaml", "b.yaml", "-o", "a.yaml", "-f", "json"],
            "a.yaml",
        ),
        (
            &["compare", "a.yaml", "b.yaml", "-o", "b.yaml", "-f", "json"],
            "b.yaml",
        ),
        (
            &["summary", "dir", "-o", "dir/a.yaml", "-f", "csv"],
            "dir/a.yaml",
        ),
        (
            &["summary", "dir", "a.yaml", "-o", "hard.yaml", "-f", "csv"],
            "a.yaml",
        ),
        (
            &[
                "checklist",
                "show",
                "local.yaml",
                "--format",
                "yaml",
                "-o",
                "local.yaml",
            ],
            "local.yaml",
        ),
        (
            &[
                "checklist",
                "show",
                "local.yaml",
                "--format",
                "markdown",
                "-o",
                "base.yaml",
            ],
            "base.yaml",
        ),
        (
            &["init", "--from", "a.yaml", "-o", "a.yaml", "--force"],
            "a.yaml",
        ),
        (
            &[
                "init",
                "--checklist",
                "local.yaml",
                "-o",
                "base.yaml",
                "--force",
            ],
            "base.yaml",
        ),
        (
            &["import", "sheet.csv", "-o", "sheet.csv", "--force"],
            "sheet.csv",
        ),
    ];
    for (args, input) in cases {
        let output = workspace.run(args);
        let text = stderr(&output);
        let command = args.join(" ");
        assert_eq!(output.status.code(), Some(2), "{command}: {text}");
        let out = args[args.iter().position(|a| *a == "-o").unwrap() + 1];
        assert!(
            text.contains(&format!("error: {out}: refusing to write over an input")),
            "{command}: {text}"
        );
        assert!(
            text.contains(input),
            "{command}: the input is not named: {text}"
        );
        assert!(
            text.contains("choose another output name"),
            "{command}: {text}"
        );
        assert!(!text.contains("wrote"), "{command}: {text}");
        assert_eq!(workspace.snapshot(), before, "{command} changed a file");
    }
}

#[test]
fn outputs_that_are_not_inputs_are_still_written() {
    let workspace = Workspace::new();
    for args in [
        &["report", "a.yaml", "-o", "report.md"][..],
        &["compare", "a.yaml", "b.yaml", "-o", "dir/comparison.json"],
        &[
            "checklist",
            "show",
            "local.yaml",
            "--format",
            "yaml",
            "-o",
            "copy.yaml",
        ],
        &["init", "--from", "a.yaml", "-o", "next.yaml"],
    ] {
        let output = workspace.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    }
}

#[cfg(unix)]
/// A character device of our own (`mknod`, as root) so that a regression could only replace
/// a node in a temporary folder; the system's own when not root (it then cannot be replaced).
fn device(dir: &Path, name: &str, minor: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mknod")
        .arg(&path)
        .args(["c", "1", minor])
        .status()
        .is_ok_and(|status| status.success());
    if made {
        path
    } else {
        Path::new("/dev").join(name)
    }
}

#[cfg(unix)]
fn is_char_device(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[cfg(unix)]
#[test]
fn devices_are_written_to_and_a_full_one_is_an_error() {
    let workspace = Workspace::new();
    let null = device(workspace.dir.path(), "null", "3");
    let full = device(workspace.dir.path(), "full", "7");
    let output = tool()
        .arg("report")
        .arg(repo_path("examples/existing-program.yaml"))
        .arg("-o")
        .arg(&null)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "no `wrote` line for a device");
    assert!(is_char_device(&null), "{} was replaced", null.display());

    let output = tool()
        .arg("report")
        .arg(repo_path("examples/existing-program.yaml"))
        .arg("-o")
        .arg(&full)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("No space left on device"),
        "{}",
        stderr(&output)
    );
    assert!(is_char_device(&full), "{} was replaced", full.display());

    // init without --force: a device holds no work to protect.
    let output = tool().args(["init", "-o"]).arg(&null).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn dev_stdout_and_dev_stderr_are_the_standard_streams() {
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "-f",
            "csv",
            "-o",
            "/dev/stdout",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("district,label,"));
    assert_eq!(stderr(&output), "");
    let output = tool()
        .args([
            "report",
            "examples/existing-program.yaml",
            "-o",
            "/dev/stderr",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Gap Report"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_link_stays_a_link_and_its_target_is_written() {
    let workspace = Workspace::new();
    fs::create_dir(workspace.path("reports")).unwrap();
    fs::write(workspace.path("reports/board.md"), "last year's report").unwrap();
    symlink("reports/board.md", workspace.path("current.md")).unwrap();
    symlink("current.md", workspace.path("latest.md")).unwrap();
    let output = workspace.run(&["report", "a.yaml", "-o", "latest.md"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for link in ["current.md", "latest.md"] {
        let kind = fs::symlink_metadata(workspace.path(link))
            .unwrap()
            .file_type();
        assert!(kind.is_symlink(), "{link} was replaced by a file");
    }
    let report = fs::read_to_string(workspace.path("reports/board.md")).unwrap();
    assert!(report.contains("\n# Gap Report"), "{report}");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_private_file_stays_private_when_it_is_replaced() {
    let workspace = Workspace::new();
    let private = workspace.path("private.yaml");
    fs::copy(workspace.path("a.yaml"), &private).unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let output = workspace.run(&["init", "--force", "-o", "private.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&private), 0o600, "init --force");

    let report = workspace.path("report.md");
    fs::write(&report, "old").unwrap();
    fs::set_permissions(&report, fs::Permissions::from_mode(0o640)).unwrap();
    let output = workspace.run(&["report", "a.yaml", "-o", "report.md"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&report), 0o640, "report -o");
    let leftovers: Vec<_> = fs::read_dir(workspace.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporaries left: {leftovers:?}");
}

/// One scripted reply, then Ctrl-C.
#[cfg(unix)]
struct OneAnswer(VecDeque<&'static str>);

#[cfg(unix)]
impl Prompter for OneAnswer {
    fn say(&mut self, _text: &str) {}
    fn choose(&mut self, _prompt: &str, options: &[String], _default: usize) -> Option<usize> {
        let reply = self.0.pop_front()?;
        options.iter().position(|o| o.starts_with(reply))
    }
    fn text(&mut self, _prompt: &str, _initial: &str) -> Option<String> {
        self.0.pop_front().map(str::to_string)
    }
}

#[cfg(unix)]
#[test]
fn a_questionnaire_answer_keeps_a_private_file_private() {
    let workspace = Workspace::new();
    let answers = workspace.path("private.yaml");
    let output = workspace.run(&["init", "--date", "2026-03-15", "-o", "private.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    fs::set_permissions(&answers, fs::Permissions::from_mode(0o600)).unwrap();
    let mut script = OneAnswer(["met", "no"].into_iter().collect());
    let summary = answer::run(&answers, &Selection::default(), &mut script).unwrap();
    assert_eq!(summary.saved, 1);
    assert_eq!(mode(&answers), 0o600);
}

#[cfg(unix)]
#[test]
fn the_questionnaire_keeps_a_private_inline_file_private_and_inline() {
    let workspace = Workspace::new();
    let answers = workspace.path("inline.yaml");
    fs::write(
        &answers,
        "checklist: wi-sro-best-practices\nprofile: existing-program\ndistrict: X\n\
         date: 2026-03-15\nanswers: {governance.written-mou: met}\n",
    )
    .unwrap();
    fs::set_permissions(&answers, fs::Permissions::from_mode(0o600)).unwrap();
    let selection = Selection {
        all: false,
        section: Some("governance".into()),
        flagged: false,
    };
    let mut script = OneAnswer(["partial", "no"].into_iter().collect());
    answer::run(&answers, &selection, &mut script).unwrap();
    let text = fs::read_to_string(&answers).unwrap();
    assert!(
        text.contains("answers: {governance.written-mou: met, "),
        "edited in its own flow style: {text}"
    );
    assert_eq!(mode(&answers), 0o600);
    let names: Vec<String> = fs::read_dir(workspace.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("inline"))
        .collect();
    assert_eq!(names, ["inline.yaml"], "no backup or other copy beside it");
}

#[test]
fn output_names_up_to_255_bytes_work() {
    let workspace = Workspace::new();
    for length in [235, 250, 255] {
        let name = format!("{}.md", "r".repeat(length - 3));
        let output = workspace.run(&["report", "a.yaml", "-o", &name]);
        assert!(output.status.success(), "{length}: {}", stderr(&output));
        assert!(workspace.path(&name).is_file());
    }
}

/// Runs the tool with standard output a pipe whose reading end is already closed.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sro-assess"));
    command
        .current_dir(crate::common::root())
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(writer);
    command.output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let a = "examples/existing-program.yaml";
    let b = "examples/year-2026.yaml";
    for args in [
        &["validate", a, b][..],
        &["report", a],
        &["report", a, "-o", "/dev/stdout"],
        &["compare", a, b],
        &["summary", a, b],
        &["summary", "--keep-going", a, b],
        &["checklist", "list"],
        &["checklist", "show"],
        &["checklist", "lint", "checklists/wi-sro-best-practices.yaml"],
        &["init"],
    ] {
        let output = into_closed_pipe(args);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {text}");
        for noise in ["Broken pipe", "files have errors", "panicked"] {
            assert!(!text.contains(noise), "{args:?}: {text}");
        }
    }
}

#[test]
fn summary_counts_each_file_once() {
    let workspace = Workspace::new();
    fs::hard_link(workspace.path("a.yaml"), workspace.path("hard.yaml")).unwrap();
    symlink("a.yaml", workspace.path("soft.yaml")).unwrap();
    for (args, skipped) in [
        (
            &["a.yaml", "a.yaml"][..],
            "a.yaml: warning: given twice; counted once",
        ),
        (
            &["dir", "dir/a.yaml"],
            "dir/a.yaml: warning: given twice; counted once",
        ),
        (
            &["dir", "./dir/a.yaml"],
            "./dir/a.yaml: warning: the same file as dir/a.yaml",
        ),
        (
            &["a.yaml", "hard.yaml"],
            "hard.yaml: warning: the same file as a.yaml",
        ),
        (
            &["soft.yaml", "a.yaml"],
            "a.yaml: warning: the same file as soft.yaml",
        ),
    ] {
        let output = workspace.run(&[&["summary", "-f", "json"], args].concat());
        let text = stderr(&output);
        assert!(output.status.success(), "{args:?}: {text}");
        assert!(text.contains(skipped), "{args:?}: {text}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let districts = json["districts"].as_array().map(Vec::len);
        assert_eq!(districts, Some(1), "{args:?}: {json}");
    }
}

#[cfg(unix)]
#[test]
fn output_to_dev_null_needs_no_format() {
    for args in [
        vec!["report", "examples/existing-program.yaml"],
        vec![
            "compare",
            "examples/year-2025.yaml",
            "examples/year-2026.yaml",
        ],
        vec!["checklist", "show"],
    ] {
        tool()
            .args(&args)
            .args(["-o", "/dev/null"])
            .assert()
            .success()
            .stdout("");
    }
}
