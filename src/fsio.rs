//! Writing files safely: every file the tool writes goes through [`write_atomic`].

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it.
    Allow,
    /// Refuse with [`Error::WouldOverwrite`] (answers files are hours of committee work).
    Refuse,
}

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it into
/// place: a failed or interrupted write leaves any previous file byte-identical.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if overwrite == Overwrite::Refuse && path.exists() {
        return Err(Error::WouldOverwrite {
            path: path.to_path_buf(),
        });
    }
    if path.is_dir() {
        return Err(write_error(std::io::Error::other("it is a folder")));
    }
    let folder = parent_folder(path);
    if !folder.is_dir() {
        return Err(write_error(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        )));
    }
    let temp = temporary_path(path, &folder);
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if overwrite == Overwrite::Refuse {
            // Refuse even if the file appeared since the check: link fails when the target exists.
            fs::hard_link(&temp, path)?;
            fs::remove_file(&temp)
        } else {
            fs::rename(&temp, path)
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists if overwrite == Overwrite::Refuse => {
            Error::WouldOverwrite {
                path: path.to_path_buf(),
            }
        }
        _ => write_error(source),
    })
}

fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temporary_path(path: &Path, folder: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    folder.join(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        write_atomic(&path, b"one", Overwrite::Allow).unwrap();
        write_atomic(&path, b"two", Overwrite::Allow).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn refuses_to_overwrite_and_keeps_the_old_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        fs::write(&path, b"committee work").unwrap();
        let err = write_atomic(&path, b"template", Overwrite::Refuse).unwrap_err();
        assert!(matches!(err, Error::WouldOverwrite { .. }));
        assert_eq!(fs::read(&path).unwrap(), b"committee work");
    }

    #[test]
    fn reports_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(
            &dir.path().join("no/such/report.md"),
            b"x",
            Overwrite::Allow,
        )
        .unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
