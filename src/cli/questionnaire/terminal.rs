//! The questionnaire on a real terminal, through inquire.

use inquire::error::InquireResult;
use inquire::{InquireError, Select, Text};

use sro_assess::answer::Prompter;

/// Prompts on the terminal. Ctrl-C stops the questionnaire (answers so far are saved); Esc
/// is reported through [`Prompter::escaped`], and the questionnaire goes back a step.
#[derive(Default)]
pub struct Terminal {
    escaped: bool,
}

impl Terminal {
    /// The answer, remembering whether a missing one was Esc.
    fn answer<T>(&mut self, result: InquireResult<T>) -> Option<T> {
        self.escaped = matches!(result, Err(InquireError::OperationCanceled));
        result.ok()
    }
}

impl Prompter for Terminal {
    fn say(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn choose(&mut self, prompt: &str, options: &[String], default: usize) -> Option<usize> {
        let result = Select::new(prompt, options.to_vec())
            .with_starting_cursor(default.min(options.len().saturating_sub(1)))
            .with_page_size(options.len().max(1))
            .with_help_message("↑↓ to move, Enter to choose, Esc to go back")
            .raw_prompt();
        self.answer(result).map(|choice| choice.index)
    }

    fn text(&mut self, prompt: &str, initial: &str) -> Option<String> {
        let result = Text::new(prompt)
            .with_initial_value(initial)
            .with_help_message("Enter to save, Esc to go back to the status")
            .prompt();
        self.answer(result)
    }

    fn escaped(&mut self) -> bool {
        self.escaped
    }

    fn width(&self) -> usize {
        crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns))
    }
}

// Called only by the Unix signal watcher (see signals.rs).
#[cfg_attr(not(unix), allow(dead_code))]
/// Puts the terminal back as inquire found it (cooked mode, cursor shown, no bracketed paste)
/// and clears what an open prompt drew below its line (a list of options), for when the
/// process is ended in the middle of a prompt. Harmless when no prompt is open; errors are
/// ignored, since after a hang-up there may be no terminal left to restore.
pub fn restore() {
    use crossterm::terminal::{Clear, ClearType, disable_raw_mode};
    let _ = disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stderr(),
        crossterm::event::DisableBracketedPaste,
        crossterm::cursor::Show,
        crossterm::cursor::MoveToNextLine(1),
        Clear(ClearType::FromCursorDown)
    );
}
