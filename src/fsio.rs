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
    write_atomic_with(path, overwrite, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the contents written by `fill`: when `fill` fails part-way (a full
/// disk, say), the temporary file is removed and the target is left as it was.
fn write_atomic_with(
    path: &Path,
    overwrite: Overwrite,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<()> {
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
    let (temp, mut file) = create_temporary(path, &folder).map_err(write_error)?;
    let result = (|| {
        fill(&mut file)?;
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

/// Creates a new temporary file beside `path`. A file left by a crashed run with the same
/// process id is not touched: the next free suffix is used instead.
fn create_temporary(path: &Path, folder: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let mut attempt = 0;
    loop {
        let temp = folder.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
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
    fn a_write_that_fails_midway_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        fs::write(&path, b"hours of committee work").unwrap();
        let err = write_atomic_with(&path, Overwrite::Allow, |file| {
            file.write_all(b"half of the new")?;
            Err(std::io::Error::other("no space left on device"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("no space left on device"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"hours of committee work");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file removed"
        );
    }

    #[test]
    fn a_stale_temporary_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        let stale = dir
            .path()
            .join(format!(".report.md.{}.0.tmp", std::process::id()));
        fs::write(&stale, b"left by a crash").unwrap();
        write_atomic(&path, b"new", Overwrite::Allow).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read(&stale).unwrap(), b"left by a crash");
    }

    #[test]
    fn a_folder_that_cannot_be_written_gives_a_clear_error() {
        // /proc refuses new files even to root, unlike a chmod'ed folder.
        let err = write_atomic(
            Path::new("/proc/sro-assess-report.md"),
            b"x",
            Overwrite::Allow,
        );
        if let Err(err) = err {
            assert!(
                err.to_string()
                    .starts_with("/proc/sro-assess-report.md: cannot write the file"),
                "{err}"
            );
        } else {
            panic!("writing into /proc succeeded");
        }
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
