//! The files a command has read, so that no output ever replaces one of them.
//!
//! Every reader notes the file it opens ([`note_input`]); before a command writes an output it
//! asks [`refuse_input_as_output`]. Files are compared by device and inode (on Windows, by
//! volume serial number and file index), so `a.yaml`, `./o/../a.yaml`, a hard link and a
//! symlink to it are all the same file.
//!
//! The log is per thread: a command runs on one thread from reading to writing, and tests that
//! run commands side by side on their own threads never see each other's files.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Which file a path leads to: its device and inode, or on Windows its volume serial number and
/// file index (symlinks followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    /// The identity of the file `path` leads to, or `None` when it cannot be looked up
    /// (a missing file is nobody's input).
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            device: metadata.dev(),
            inode: metadata.ino(),
        })
    }

    /// The identity of the file `path` leads to, or `None` when it cannot be looked up
    /// (a missing file is nobody's input). The file is opened (sharing read, write and delete,
    /// so nothing else is kept from it) just long enough to ask for its volume and index.
    #[cfg(windows)]
    pub fn of(path: &Path) -> Option<Self> {
        let handle = winapi_util::Handle::from_path_any(path).ok()?;
        let information = winapi_util::file::information(&handle).ok()?;
        Some(Self {
            device: information.volume_serial_number(),
            inode: information.file_index(),
        })
    }
}

thread_local! {
    /// Each file read, by the name it was first read under. `None` while no command is
    /// running: library use outside a command keeps no log.
    static INPUTS: RefCell<Option<HashMap<FileIdentity, PathBuf>>> = const { RefCell::new(None) };
}

/// Keeps the log of files read while it lives; a command holds one from start to end.
#[must_use = "the log is kept only while the guard lives"]
pub struct InputLog {
    _private: (),
}

impl InputLog {
    /// Starts an empty log for this thread.
    pub fn start() -> Self {
        INPUTS.with(|inputs| *inputs.borrow_mut() = Some(HashMap::new()));
        Self { _private: () }
    }
}

impl Drop for InputLog {
    fn drop(&mut self) {
        INPUTS.with(|inputs| *inputs.borrow_mut() = None);
    }
}

/// Records that `path` was read (a no-op when no log is kept or the file has gone).
pub fn note_input(path: &Path) {
    let Some(identity) = FileIdentity::of(path) else {
        return;
    };
    INPUTS.with(|inputs| {
        if let Some(files) = inputs.borrow_mut().as_mut() {
            files.entry(identity).or_insert_with(|| path.to_path_buf());
        }
    });
}

/// Refuses an output that is one of the files read so far.
pub fn refuse_input_as_output(output: &Path) -> Result<()> {
    let Some(identity) = FileIdentity::of(output) else {
        return Ok(());
    };
    let input = INPUTS.with(|inputs| {
        inputs
            .borrow()
            .as_ref()
            .and_then(|files| files.get(&identity).cloned())
    });
    match input {
        Some(input) => Err(Error::OutputIsInput {
            output: output.to_path_buf(),
            input,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_reached_by_another_path_is_refused_as_output() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("a.yaml");
        std::fs::write(&answers, "answers").unwrap();
        let other = dir.path().join("o");
        std::fs::create_dir(&other).unwrap();
        let roundabout = other.join("..").join("a.yaml");
        let hard = dir.path().join("hard.yaml");
        std::fs::hard_link(&answers, &hard).unwrap();
        let soft = dir.path().join("soft.yaml");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&answers, &soft).unwrap();
        // A file symlink needs a privilege on Windows; a hard link is the same test there.
        #[cfg(windows)]
        std::fs::hard_link(&answers, &soft).unwrap();
        let report = dir.path().join("report.md");
        std::fs::write(&report, "old report").unwrap();

        let _log = InputLog::start();
        note_input(&answers);
        for same in [&answers, &roundabout, &hard, &soft] {
            let err = refuse_input_as_output(same).unwrap_err();
            assert!(
                matches!(&err, Error::OutputIsInput { input, .. } if *input == answers),
                "{err}"
            );
        }
        refuse_input_as_output(&report).unwrap();
        refuse_input_as_output(&dir.path().join("new.md")).unwrap();
    }

    #[test]
    fn nothing_is_kept_without_a_log() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("a.yaml");
        std::fs::write(&answers, "answers").unwrap();
        note_input(&answers);
        refuse_input_as_output(&answers).unwrap();
        {
            let _log = InputLog::start();
            note_input(&answers);
            assert!(refuse_input_as_output(&answers).is_err());
        }
        refuse_input_as_output(&answers).unwrap();
    }
}
