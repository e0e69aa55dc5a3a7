//! The `sro-assess` binary: parse arguments, run, print errors once, map the exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Cli, Io, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (stdout_is_terminal, terminal_width, no_color) = cli::terminal_facts();
    let mut stdout = std::io::stdout().lock();
    // Every message echoes values and file names: none may act on the terminal.
    let mut stderr = sro_assess::text::VisibleWriter::new(std::io::stderr());
    let mut io = Io {
        stdout: &mut stdout,
        stderr: &mut stderr,
        stdout_is_terminal,
        terminal_width,
        no_color,
    };
    match cli::run(cli, &mut io) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::BelowThreshold) => ExitCode::from(1),
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let text = cli::error_text(&err);
            if !text.is_empty() {
                // Not eprintln!, which panics when standard error is closed.
                let _ = writeln!(stderr, "{text}");
            }
            ExitCode::from(2)
        }
    }
}
