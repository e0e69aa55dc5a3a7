//! The questionnaire on a real terminal, through inquire.

use inquire::{Select, Text};

use super::Prompter;

/// Prompts on the terminal; Ctrl-C and Esc stop the questionnaire (answers so far are saved).
pub struct Terminal;

impl Prompter for Terminal {
    fn say(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn choose(&mut self, prompt: &str, options: &[String], default: usize) -> Option<usize> {
        Select::new(prompt, options.to_vec())
            .with_starting_cursor(default.min(options.len().saturating_sub(1)))
            .with_page_size(options.len().max(1))
            .raw_prompt()
            .ok()
            .map(|choice| choice.index)
    }

    fn text(&mut self, prompt: &str, initial: &str) -> Option<String> {
        Text::new(prompt).with_initial_value(initial).prompt().ok()
    }
}

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
