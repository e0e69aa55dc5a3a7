//! Where a write really goes: a regular file (through any chain of symlinks), or something
//! that is not a file (a device, a named pipe) and must be written to, never replaced.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Links followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// What a path to be written leads to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A folder: nothing can be written there.
    Folder,
    /// A device or named pipe (`/dev/null`, `/dev/full`, a FIFO), or an open file descriptor
    /// (`/dev/stderr`, `/proc/self/fd/N`): written straight to. `append` for a descriptor that
    /// is a file, so that what the shell opened with `>>` is added to, not overwritten.
    Stream { append: bool },
    /// A regular file, existing or not: the final target when the path is a symlink, so that
    /// the link stays a link and its target gets the new bytes.
    File(PathBuf),
}

pub(super) fn resolve(path: &Path) -> io::Result<Target> {
    if cfg!(windows) && is_windows_device(path) {
        return Ok(Target::Stream { append: false });
    }
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => return Ok(Target::Folder),
        Ok(metadata) if !metadata.is_file() => return Ok(Target::Stream { append: false }),
        Ok(_) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(err),
    }
    let (target, through_descriptor) = follow_links(path)?;
    if through_descriptor {
        return Ok(Target::Stream { append: true });
    }
    Ok(Target::File(target))
}

/// The end of the symlink chain starting at `path` (which may not exist: a dangling link's
/// target is created), and whether the chain passed an open file descriptor's link.
fn follow_links(path: &Path) -> io::Result<(PathBuf, bool)> {
    let mut current = path.to_path_buf();
    let mut through_descriptor = false;
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                through_descriptor |= is_descriptor_link(&current);
                let next = fs::read_link(&current)?;
                // A relative link is relative to the folder that holds it.
                current = if next.is_absolute() {
                    next
                } else {
                    super::parent_folder(&current).join(next)
                };
            }
            Ok(_) => return Ok((current, through_descriptor)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok((current, through_descriptor));
            }
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// A Windows device: a reserved name (`NUL`, `CON`, `COM1`, in any case, with or without an
/// extension, as Windows reads `nul.txt`) or a `\\.\` path. Asking for such a name's
/// metadata fails on Windows, and it must be opened, never replaced.
fn is_windows_device(path: &Path) -> bool {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    if path.as_os_str().to_string_lossy().starts_with(r"\\.\") {
        return true;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
    };
    RESERVED.contains(&stem.as_str()) || numbered("com") || numbered("lpt")
}

/// `/proc/self/fd/1`, `/proc/1234/fd/2`, `/dev/fd/1`: a link to whatever a process has open.
fn is_descriptor_link(path: &Path) -> bool {
    let in_fd_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "fd");
    in_fd_folder && (path.starts_with("/proc") || path.starts_with("/dev"))
}

#[cfg(test)]
mod device_tests {
    use super::*;

    #[test]
    fn windows_device_names_are_told_from_files() {
        for device in [
            "NUL",
            "nul",
            "nul.txt",
            "out/NUL",
            "CON",
            "com1",
            "LPT9.md",
            r"\\.\pipe\x",
        ] {
            assert!(is_windows_device(Path::new(device)), "{device}");
        }
        for file in [
            "null",
            "nul2",
            "com0",
            "com10",
            "console.md",
            "report.pdf",
            "annul.txt",
        ] {
            assert!(!is_windows_device(Path::new(file)), "{file}");
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_a_chain_of_relative_and_absolute_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        symlink("real.md", dir.path().join("one")).unwrap();
        symlink(dir.path().join("one"), dir.path().join("two")).unwrap();
        let target = resolve(&dir.path().join("two")).unwrap();
        assert_eq!(target, Target::File(dir.path().join("real.md")));
    }

    #[test]
    fn a_dangling_link_leads_to_the_file_to_create() {
        let dir = tempfile::tempdir().unwrap();
        symlink("sub/new.md", dir.path().join("link")).unwrap();
        let target = resolve(&dir.path().join("link")).unwrap();
        assert_eq!(target, Target::File(dir.path().join("sub/new.md")));
    }

    #[test]
    fn a_link_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        symlink("b", dir.path().join("a")).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        assert!(resolve(&dir.path().join("a")).is_err());
    }

    #[test]
    fn devices_folders_and_descriptors_are_told_apart() {
        assert_eq!(
            resolve(Path::new("/dev/null")).unwrap(),
            Target::Stream { append: false }
        );
        assert_eq!(resolve(Path::new("/tmp")).unwrap(), Target::Folder);
        assert!(is_descriptor_link(Path::new("/proc/self/fd/1")));
        assert!(is_descriptor_link(Path::new("/dev/fd/2")));
        assert!(!is_descriptor_link(Path::new("/home/fd/notes.md")));
    }
}
