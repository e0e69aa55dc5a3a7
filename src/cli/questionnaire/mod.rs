//! `sro-assess answer` on a real terminal: the check that standard input is one, the prompts
//! (inquire, in `terminal`) and the handling of signals (`signals`). The questionnaire's flow
//! and its saving are the library's ([`sro_assess::answer`]); this is what it talks through.

mod signals;
mod terminal;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use sro_assess::answer::{self, Progress, Selection, Summary};
use sro_assess::error::{Diagnostic, Error, Result};

/// Runs the questionnaire on the terminal, refusing when standard input is not one; the line
/// that says what was saved goes to `out`.
pub fn run(path: &Path, selection: &Selection, out: &mut dyn Write) -> Result<Summary> {
    answer::check_path(path)?;
    if !std::io::stdin().is_terminal() {
        return Err(not_a_terminal(path));
    }
    let progress = Arc::new(Progress::default());
    if let Err(err) = signals::watch(path, Arc::clone(&progress)) {
        let _ = writeln!(
            out,
            "note: cannot watch for signals ({err}); if this session is killed, type \
             `stty sane` and Enter to restore the terminal"
        );
    }
    let mut prompter = terminal::Terminal::default();
    let summary = answer::run_with(path, selection, &mut prompter, progress)?;
    let _ = writeln!(
        out,
        "{}: saved {} answer{} ({} of {} items visited{})",
        path.display(),
        summary.saved,
        if summary.saved == 1 { "" } else { "s" },
        summary.visited,
        summary.offered,
        if summary.stopped {
            "; run the same command to resume"
        } else {
            ""
        }
    );
    Ok(summary)
}

/// The error for a standard input that is not a terminal, with the ways to answer without one.
fn not_a_terminal(path: &Path) -> Error {
    Error::Invalid {
        path: path.to_path_buf(),
        diagnostics: vec![
            Diagnostic::error(
                None,
                "`sro-assess answer` asks questions, but standard input is not a terminal",
            )
            .with_hint(
                "run it in a terminal; or fill in the answers without it: edit the YAML file \
                 (each item has its guidance as comments), or use the spreadsheet round trip: \
                 `sro-assess init -o answers.xlsx`, fill it in, then \
                 `sro-assess import answers.xlsx -o answers.yaml`",
            ),
        ],
    }
}
