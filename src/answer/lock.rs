//! The advisory lock that questionnaire sessions take while they save an answers file.
//!
//! The lock is on the file's folder, opened as a file, not on the answers file itself: every
//! save replaces the file by renaming a new one over it, so a lock on the old file would guard
//! a file that is no longer there, and a second session opening the new one would not wait.
//! The folder stays the same through the rename, and locking it leaves nothing behind on disk
//! (a lock file beside the answers would be one more file a committee would wonder about).
//! It serializes saves of every answers file in that folder; each save takes milliseconds.
//! Windows cannot lock a folder: there the lock is a hidden file in it, opened without sharing
//! and deleted by Windows when it is closed.

use std::fs::File;
#[cfg(not(windows))]
use std::fs::TryLockError;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a save waits for another session's save before it gives up.
const PATIENCE: Duration = Duration::from_secs(10);

/// Held while a save re-reads, edits and replaces the file; released when dropped.
#[derive(Debug)]
pub struct SaveLock {
    /// What holds the lock: the locked folder (the lock file on Windows); `None` where the
    /// file system cannot lock (the save goes on without).
    _held: Option<File>,
}

/// The folder that holds `path`, as a path that can be opened.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl SaveLock {
    /// Takes the lock for saving `path`, waiting up to [`PATIENCE`] for another session.
    pub fn acquire(path: &Path) -> Result<Self> {
        Self::acquire_within(path, PATIENCE)
    }

    fn acquire_within(path: &Path, patience: Duration) -> Result<Self> {
        let folder_path = folder_of(path);
        let failed = |source: std::io::Error| Error::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                source.kind(),
                format!(
                    "cannot lock the folder {} against other sessions saving at the same time \
                     ({source}); nothing was changed",
                    folder_path.display()
                ),
            ),
        };
        let started = Instant::now();
        loop {
            match try_take(&folder_path).map_err(failed)? {
                Attempt::Taken(held) => return Ok(Self { _held: held }),
                Attempt::Busy if started.elapsed() < patience => {
                    sleep(Duration::from_millis(20));
                }
                Attempt::Busy => {
                    return Err(failed(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!(
                            "another program has held the lock for {} seconds; if no other \
                             `sro-assess answer` is saving, run the command again",
                            patience.as_secs()
                        ),
                    )));
                }
            }
        }
    }
}

/// One try at the lock.
enum Attempt {
    /// Taken (`None` where the file system cannot lock: the save goes on without, since
    /// re-reading before each save still keeps other writers' answers).
    Taken(Option<File>),
    /// Another session holds it.
    Busy,
}

/// Locks the folder itself, opened as a file.
#[cfg(not(windows))]
fn try_take(folder: &Path) -> std::io::Result<Attempt> {
    let handle = File::open(folder)?;
    match handle.try_lock() {
        Ok(()) => Ok(Attempt::Taken(Some(handle))),
        Err(TryLockError::WouldBlock) => Ok(Attempt::Busy),
        Err(TryLockError::Error(err)) if err.kind() == std::io::ErrorKind::Unsupported => {
            Ok(Attempt::Taken(None))
        }
        Err(TryLockError::Error(err)) => Err(err),
    }
}

/// Windows cannot lock a folder: the lock is a file in it that no one else may open while it
/// is held (no sharing) and that Windows deletes when it is closed, also when the program is
/// killed, so nothing stays behind.
#[cfg(windows)]
fn try_take(folder: &Path) -> std::io::Result<Attempt> {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    const FILE_FLAG_DELETE_ON_CLOSE: u32 = 0x0400_0000;
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    let opened = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .share_mode(0)
        .attributes(FILE_ATTRIBUTE_HIDDEN)
        .custom_flags(FILE_FLAG_DELETE_ON_CLOSE)
        .open(folder.join(WINDOWS_LOCK_NAME));
    match opened {
        Ok(handle) => Ok(Attempt::Taken(Some(handle))),
        // Held by another session, or being deleted as that session lets go.
        Err(err)
            if matches!(
                err.raw_os_error(),
                Some(ERROR_SHARING_VIOLATION | ERROR_ACCESS_DENIED)
            ) && folder.join(WINDOWS_LOCK_NAME).exists() =>
        {
            Ok(Attempt::Busy)
        }
        Err(err) => Err(err),
    }
}

/// The lock file's name on Windows, present only while a save is under way.
#[cfg(windows)]
const WINDOWS_LOCK_NAME: &str = ".sro-assess-saving.lock";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_waits_and_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        let held = SaveLock::acquire(&path).unwrap();
        let err = SaveLock::acquire_within(&path, Duration::from_millis(100)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("a.yaml: cannot write the file"), "{text}");
        assert!(text.contains("held the lock for 0 seconds"), "{text}");
        assert!(text.contains("nothing was changed"), "{text}");
        drop(held);
        SaveLock::acquire_within(&path, Duration::from_millis(100)).unwrap();
    }

    #[test]
    fn the_lock_outlives_a_rename_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "old").unwrap();
        let held = SaveLock::acquire(&path).unwrap();
        crate::fsio::write_atomic(&path, b"new", crate::fsio::Overwrite::Allow).unwrap();
        assert!(SaveLock::acquire_within(&path, Duration::from_millis(50)).is_err());
        drop(held);
        assert!(SaveLock::acquire_within(&path, Duration::from_millis(50)).is_ok());
    }

    #[test]
    fn leaves_nothing_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        drop(SaveLock::acquire(&path).unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_relative_file_name_locks_the_current_folder() {
        assert_eq!(folder_of(Path::new("a.yaml")), PathBuf::from("."));
        assert_eq!(folder_of(Path::new("x/a.yaml")), PathBuf::from("x"));
    }
}
