//! Warnings of commands over many files (`summary`, `validate` of several files): counted by
//! kind and printed at the end with one example each, so that thousands of files with the
//! same small problem leave a few lines, not a screenful per file. `--verbose` prints every
//! warning as it is found. Errors never come through here: they are always printed whole.

use std::collections::HashMap;

use super::{Io, stdout_error};
use sro_assess::error::{Diagnostic, Result};

/// Where the warnings of a run go.
pub(super) struct Warnings {
    verbose: bool,
    /// Each kind seen, in the order first seen.
    kinds: Vec<KindCount>,
    by_kind: HashMap<String, usize>,
    /// How many files (or checklists) have handed in their warnings.
    sources: usize,
}

struct KindCount {
    /// The first warning of the kind, rendered with its file.
    example: String,
    count: usize,
    sources: usize,
    last_source: usize,
}

impl Warnings {
    /// Every warning printed as found when `verbose`, else counted by kind.
    pub(super) fn new(verbose: bool) -> Self {
        Self {
            verbose,
            kinds: Vec::new(),
            by_kind: HashMap::new(),
            sources: 0,
        }
    }

    /// Takes the warnings of one file, `path`.
    pub(super) fn add(
        &mut self,
        path: &str,
        warnings: &[Diagnostic],
        io: &mut Io<'_>,
    ) -> Result<()> {
        if self.verbose {
            return io.warn(path, warnings);
        }
        self.sources += 1;
        for warning in warnings {
            let next = self.kinds.len();
            let index = *self.by_kind.entry(warning.kind()).or_insert(next);
            if index == next {
                self.kinds.push(KindCount {
                    example: warning.render(path),
                    count: 0,
                    sources: 0,
                    last_source: 0,
                });
            }
            let kind = &mut self.kinds[index];
            kind.count += 1;
            if kind.last_source != self.sources {
                kind.last_source = self.sources;
                kind.sources += 1;
            }
        }
        Ok(())
    }

    /// Prints what was counted: each kind's example, and how many more there are. Nothing is
    /// left to print afterwards.
    pub(super) fn print(&mut self, io: &mut Io<'_>) -> Result<()> {
        for kind in std::mem::take(&mut self.kinds) {
            let mut text = kind.example;
            if kind.count > 1 {
                text.push_str(&format!(
                    "\n  {} warnings like this one in {} file{}; `sro-assess validate FILE` \
                     lists a file's warnings, --verbose lists them all",
                    thousands(kind.count),
                    thousands(kind.sources),
                    if kind.sources == 1 { "" } else { "s" }
                ));
            }
            writeln!(io.stderr, "{text}").map_err(stdout_error)?;
        }
        self.by_kind.clear();
        Ok(())
    }
}

/// `21000` as `21,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sro_assess::error::Location;

    fn na(item: &str, line: usize) -> Diagnostic {
        Diagnostic::warning(
            Some(Location { line, column: 3 }),
            format!("`{item}` is marked not applicable without a note saying why"),
        )
        .with_hint("add `note:` with the reason")
    }

    fn printed(warnings: &mut Warnings, files: &[(&str, Vec<Diagnostic>)]) -> String {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let mut io = Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            stdout_is_terminal: false,
            terminal_width: None,
            no_color: true,
        };
        for (path, diagnostics) in files {
            warnings.add(path, diagnostics, &mut io).unwrap();
        }
        warnings.print(&mut io).unwrap();
        String::from_utf8(stderr).unwrap()
    }

    #[test]
    fn counts_each_kind_once_with_its_first_example() {
        let files = [
            ("a.yaml", vec![na("x.one", 4), na("x.two", 9)]),
            ("b.yaml", vec![]),
            (
                "c.yaml",
                vec![
                    na("x.three", 5),
                    Diagnostic::warning(None, "there are no answers yet"),
                ],
            ),
        ];
        assert_eq!(
            printed(&mut Warnings::new(false), &files),
            "a.yaml:4:3: warning: `x.one` is marked not applicable without a note saying why\n  \
             hint: add `note:` with the reason\n  3 warnings like this one in 2 files; \
             `sro-assess validate FILE` lists a file's warnings, --verbose lists them all\n\
             c.yaml: warning: there are no answers yet\n"
        );
    }

    #[test]
    fn verbose_prints_every_warning_as_found() {
        let files = [("a.yaml", vec![na("x.one", 4), na("x.two", 9)])];
        let text = printed(&mut Warnings::new(true), &files);
        assert_eq!(text.lines().filter(|l| l.contains("warning:")).count(), 2);
        assert!(!text.contains("like this one"));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(544_691), "544,691");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
