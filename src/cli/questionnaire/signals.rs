//! Ending the questionnaire cleanly on SIGINT, SIGTERM or SIGHUP (`kill`, a closed terminal
//! window, Ctrl-C outside a prompt): the terminal is restored, the user is told how many
//! answers were saved, and the process exits with the shell's code for that signal.
//!
//! The signals are received on a thread of their own (signal-hook's iterator), so the handler
//! is ordinary code; it waits for a save under way to finish before the process ends.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use sro_assess::answer::Progress;

// Called only by the Unix watcher: Windows has no handler yet (console control events).
#[cfg_attr(not(unix), allow(dead_code))]
/// The exit code a shell gives a process ended by `signal`: 128 + its number.
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

// Called only by the Unix watcher: Windows has no handler yet (console control events).
#[cfg_attr(not(unix), allow(dead_code))]
/// What the user reads when the questionnaire is ended by a signal.
pub fn stopped_message(path: &Path, saved: usize, signal: i32) -> String {
    format!(
        "{}: stopped by {}; saved {saved} answer{}; run the same command to resume",
        path.display(),
        signal_name(signal),
        if saved == 1 { "" } else { "s" }
    )
}

// Called only by the Unix watcher: Windows has no handler yet (console control events).
#[cfg_attr(not(unix), allow(dead_code))]
fn signal_name(signal: i32) -> String {
    #[cfg(unix)]
    {
        use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
        match signal {
            SIGINT => return "an interrupt (SIGINT)".into(),
            SIGTERM => return "a request to end (SIGTERM)".into(),
            SIGHUP => return "the terminal closing (SIGHUP)".into(),
            _ => {}
        }
    }
    format!("signal {signal}")
}

// Called only by the Unix watcher: Windows has no handler yet (console control events).
#[cfg_attr(not(unix), allow(dead_code))]
/// Handles one signal: waits for any save under way, keeps others from starting, restores the
/// terminal, says what was saved, and calls `exit` with the conventional code.
pub fn on_signal(
    signal: i32,
    path: &Path,
    progress: &Progress,
    restore: impl FnOnce(),
    out: &mut dyn Write,
    exit: impl FnOnce(i32),
) {
    let state = progress.hold();
    restore();
    if let Some(undecided) = &state.undecided {
        let _ = match undecided.set_aside() {
            Ok(aside) => writeln!(
                out,
                "Kept the file's version of `{}`; yours is saved in {}.",
                undecided.id,
                aside.display()
            ),
            Err(err) => writeln!(
                out,
                "Your version of `{}` could not be kept: {err}",
                undecided.id
            ),
        };
    }
    let _ = writeln!(out, "{}", stopped_message(path, state.saved.len(), signal));
    let _ = out.flush();
    exit(exit_code(signal));
}

/// Starts the thread that ends the process on SIGINT, SIGTERM or SIGHUP.
#[cfg(unix)]
pub fn watch(path: &Path, progress: Arc<Progress>) -> std::io::Result<()> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    let path = path.to_path_buf();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                on_signal(
                    signal,
                    &path,
                    &progress,
                    super::terminal::restore,
                    &mut std::io::stderr(),
                    |code| std::process::exit(code),
                );
            }
        })?;
    Ok(())
}

/// Elsewhere the default handling stays (Ctrl-C inside a prompt is still caught by inquire).
#[cfg(not(unix))]
pub fn watch(_path: &Path, _progress: Arc<Progress>) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use sro_assess::answer::Undecided;

    #[cfg(unix)]
    #[test]
    fn exit_codes_are_the_shells() {
        use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
        assert_eq!([SIGINT, SIGTERM, SIGHUP].map(exit_code), [130, 143, 129]);
        assert_eq!(
            stopped_message(Path::new("a.yaml"), 1, SIGTERM),
            "a.yaml: stopped by a request to end (SIGTERM); saved 1 answer; run the same \
             command to resume"
        );
    }

    #[test]
    fn restores_the_terminal_then_reports_and_exits() {
        let progress = Progress::default();
        progress.hold().saved.insert("mou.a".into());
        progress.hold().saved.insert("mou.b".into());
        let restored = AtomicBool::new(false);
        let mut out = Vec::new();
        let mut code = None;
        on_signal(
            15,
            Path::new("a.yaml"),
            &progress,
            || restored.store(true, Ordering::SeqCst),
            &mut out,
            |c| code = Some(c),
        );
        assert!(restored.load(Ordering::SeqCst));
        assert_eq!(code, Some(143));
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("a.yaml: stopped by"), "{text}");
        assert!(text.contains("saved 2 answers"), "{text}");
    }

    #[test]
    fn sets_aside_the_version_the_user_was_asked_about() {
        let dir = tempfile::tempdir().unwrap();
        let progress = Progress::default();
        progress.hold().undecided = Some(Undecided {
            path: dir.path().join("a.yaml"),
            id: "mou.a".into(),
            text: "mou.a: met\n".into(),
        });
        let mut out = Vec::new();
        on_signal(1, Path::new("a.yaml"), &progress, || {}, &mut out, |_| {});
        let aside = dir.path().join("a.mou.a.yours.yaml");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "mou.a: met\n");
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(&aside.display().to_string()), "{text}");
    }

    #[test]
    fn waits_for_a_save_under_way() {
        let progress = Arc::new(Progress::default());
        let saving = progress.hold();
        let (sent, received) = mpsc::channel();
        let handler = {
            let progress = Arc::clone(&progress);
            std::thread::spawn(move || {
                on_signal(
                    2,
                    Path::new("a.yaml"),
                    &progress,
                    || {},
                    &mut Vec::new(),
                    |code| sent.send(code).unwrap(),
                );
            })
        };
        assert!(
            received.recv_timeout(Duration::from_millis(200)).is_err(),
            "exited during a save"
        );
        drop(saving);
        assert_eq!(received.recv_timeout(Duration::from_secs(5)), Ok(130));
        handler.join().unwrap();
    }
}
