//! Writing files safely: every file the tool writes goes through [`write_atomic`], and every
//! output a command writes through [`write_output`], which first refuses any of its inputs.
//!
//! A regular file is replaced atomically: a temporary file beside it (mode 0600), fsync,
//! rename; the replacement keeps the old file's permission bits and, where the process may, its
//! owner and group. Through a symlink, the link's final target is replaced and the link stays.
//! Anything else that exists (a device such as `/dev/null`, a named pipe) is written straight
//! to, and its write errors (`/dev/full`: no space left on device) are reported.

mod inputs;
mod target;
mod temporary;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use inputs::{FileIdentity, InputLog, note_input, refuse_input_as_output};

use crate::error::{Error, Result};
use target::Target;

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it.
    Allow,
    /// Refuse with [`Error::WouldOverwrite`] (answers files are hours of committee work).
    Refuse,
}

/// What a write went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// A regular file, created or replaced: the final target when the path was a symlink.
    File(PathBuf),
    /// A device, a named pipe or an open descriptor, written straight to.
    Stream,
}

/// Writes a command's output: refuses a file the command read ([`refuse_input_as_output`]),
/// then
/// [`write_atomic`].
pub fn write_output(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<Written> {
    refuse_input_as_output(path)?;
    write_atomic(path, bytes, overwrite)
}

/// Whether writing `path` with [`Overwrite::Refuse`] would be refused: it leads to an existing
/// regular file (a device or a named pipe is written to, not replaced). `-` is standard
/// output, whatever file of that name the folder holds.
pub fn would_overwrite(path: &Path) -> bool {
    path != Path::new("-") && fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it into
/// place: a failed or interrupted write leaves any previous file byte-identical.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<Written> {
    write_atomic_with(path, overwrite, None, |file| file.write_all(bytes))
}

/// [`write_atomic`] for a copy of `original` (a set-aside version of its answers): the copy gets
/// `original`'s permission bits and owner, never looser ones from the umask or from an older
/// copy, since it holds the same private notes.
pub fn write_copy_atomic(
    path: &Path,
    bytes: &[u8],
    original: &Path,
    overwrite: Overwrite,
) -> Result<Written> {
    write_atomic_with(path, overwrite, Some(original), |file| {
        file.write_all(bytes)
    })
}

/// [`write_atomic`] with the contents written by `fill`: when `fill` fails part-way (a full
/// disk, say), the temporary file is removed and the target is left as it was.
fn write_atomic_with(
    path: &Path,
    overwrite: Overwrite,
    permissions_of: Option<&Path>,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<Written> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    match target::resolve(path).map_err(write_error)? {
        Target::Folder => Err(write_error(std::io::Error::other("it is a folder"))),
        Target::Stream { append } => {
            write_stream(path, append, fill).map_err(write_error)?;
            Ok(Written::Stream)
        }
        Target::File(target) => replace_file(path, &target, overwrite, permissions_of, fill),
    }
}

/// Writes into what is there (a device, a pipe): no temporary, nothing created or truncated.
fn write_stream(
    path: &Path,
    append: bool,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut stream = fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)?;
    fill(&mut stream)?;
    stream.flush()
}

/// Replaces (or creates) the regular file `target`, which `path` (as the user gave it) leads to,
/// with the permissions of the file replaced, or of `permissions_of` when given.
fn replace_file(
    path: &Path,
    target: &Path,
    overwrite: Overwrite,
    permissions_of: Option<&Path>,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<Written> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let replaced = match fs::metadata(target) {
        Ok(metadata) => Some(metadata),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(write_error(err)),
    };
    if overwrite == Overwrite::Refuse && replaced.is_some() {
        return Err(Error::WouldOverwrite {
            path: path.to_path_buf(),
        });
    }
    // A copy whose original has gone since it was read is still written, as a new file is.
    let model = match permissions_of {
        Some(original) => fs::metadata(original).ok(),
        None => replaced,
    };
    let folder = parent_folder(target);
    if !folder.is_dir() {
        return Err(write_error(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        )));
    }
    let Some(name) = target.file_name() else {
        return Err(write_error(std::io::Error::other("it names no file")));
    };
    temporary::remove_stale(&folder, name);
    let (temp, mut file) = temporary::create(&folder, name).map_err(write_error)?;
    let result = (|| {
        fill(&mut file)?;
        temporary::take_over(&file, model.as_ref())?;
        file.sync_all()?;
        drop(file);
        if overwrite == Overwrite::Refuse {
            // Refuse even if the file appeared since the check: link fails when the target exists.
            fs::hard_link(&temp, target)?;
            temporary::unlink_after_link(&temp, target)
        } else {
            temporary::rename_over(&temp, target)
        }
    })();
    if result.is_err() {
        let _ = temporary::remove(&temp);
    }
    result.map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists if overwrite == Overwrite::Refuse => {
            Error::WouldOverwrite {
                path: path.to_path_buf(),
            }
        }
        _ => write_error(source),
    })?;
    sync_folder(&folder);
    Ok(Written::File(target.to_path_buf()))
}

/// Makes the rename itself durable. Best effort: some file systems cannot sync a folder, and
/// the file is in place either way.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

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
        let err = write_atomic_with(&path, Overwrite::Allow, None, |file| {
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

    /// A temporary named as a run with process id `pid` would have named it for `report.md`.
    fn temporary_of(dir: &Path, pid: u32) -> PathBuf {
        let (temp, _) = temporary::create(dir, std::ffi::OsStr::new("report.md")).unwrap();
        let name = temp.file_name().unwrap().to_str().unwrap();
        let ours = format!("-{}-", std::process::id());
        let renamed = dir.join(name.replacen(&ours, &format!("-{pid}-"), 1));
        fs::rename(&temp, &renamed).unwrap();
        fs::write(&renamed, b"left by a crash").unwrap();
        renamed
    }

    #[test]
    fn a_dead_processs_temporary_is_removed_when_the_target_is_next_written() {
        let dir = tempfile::tempdir().unwrap();
        // Above the kernel's largest process id (2^22): no such process can be alive.
        let dead = temporary_of(dir.path(), 999_999_999);
        write_atomic(&dir.path().join("report.md"), b"new", Overwrite::Allow).unwrap();
        assert!(!dead.exists(), "{} was left behind", dead.display());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_live_processs_temporary_is_never_touched() {
        let dir = tempfile::tempdir().unwrap();
        // Process 1 is alive as long as the system is.
        let live = temporary_of(dir.path(), 1);
        let ours = temporary_of(dir.path(), std::process::id());
        write_atomic(&dir.path().join("report.md"), b"new", Overwrite::Allow).unwrap();
        assert_eq!(fs::read(&live).unwrap(), b"left by a crash");
        assert_eq!(fs::read(&ours).unwrap(), b"left by a crash");
        assert_eq!(fs::read(dir.path().join("report.md")).unwrap(), b"new");
    }

    #[test]
    fn another_targets_temporary_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let dead = temporary_of(dir.path(), 999_999_999);
        write_atomic(&dir.path().join("other.md"), b"new", Overwrite::Allow).unwrap();
        assert!(dead.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_temporary_is_private_while_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        let mut mode_while_writing = 0;
        write_atomic_with(&path, Overwrite::Allow, None, |file| {
            mode_while_writing = file.metadata()?.mode() & 0o777;
            file.write_all(b"internal notes")
        })
        .unwrap();
        assert_eq!(mode_while_writing, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permission_bits() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o600, 0o640, 0o444, 0o755] {
            let path = dir.path().join(format!("answers-{mode:o}.yaml"));
            fs::write(&path, b"old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            write_atomic(&path, b"new", Overwrite::Allow).unwrap();
            let kept = fs::metadata(&path).unwrap().mode() & 0o7777;
            assert_eq!(kept, mode, "{mode:o} became {kept:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_copy_gets_the_originals_permissions_not_the_umasks() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("answers.yaml");
        fs::write(&original, b"internal notes").unwrap();
        fs::set_permissions(&original, fs::Permissions::from_mode(0o600)).unwrap();
        let backup = dir.path().join("answers.yaml.bak");
        write_copy_atomic(&backup, b"internal notes", &original, Overwrite::Allow).unwrap();
        assert_eq!(
            fs::metadata(&backup).unwrap().mode() & 0o777,
            0o600,
            "new copy"
        );
        fs::set_permissions(&backup, fs::Permissions::from_mode(0o644)).unwrap();
        write_copy_atomic(&backup, b"internal notes", &original, Overwrite::Allow).unwrap();
        assert_eq!(
            fs::metadata(&backup).unwrap().mode() & 0o777,
            0o600,
            "older copy"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_owner_and_group_when_run_as_root() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        fs::write(&path, b"old").unwrap();
        if std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_err() {
            return; // only root may give a file away, and only root can keep it given away
        }
        write_atomic(&path, b"new", Overwrite::Allow).unwrap();
        let metadata = fs::metadata(&path).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4322));
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink("real.md", dir.path().join("one")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("one"), dir.path().join("two")).unwrap();
        let written = write_atomic(&dir.path().join("two"), b"new", Overwrite::Allow).unwrap();
        assert_eq!(written, Written::File(real.clone()));
        for link in ["one", "two"] {
            let kind = fs::symlink_metadata(dir.path().join(link)).unwrap();
            assert!(kind.file_type().is_symlink(), "{link} was replaced");
        }
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::metadata(&real).unwrap().mode() & 0o777, 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn refuse_applies_to_the_file_a_link_leads_to() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("real.yaml"), b"committee work").unwrap();
        std::os::unix::fs::symlink("real.yaml", dir.path().join("link.yaml")).unwrap();
        let err = write_atomic(&dir.path().join("link.yaml"), b"x", Overwrite::Refuse);
        assert!(matches!(err, Err(Error::WouldOverwrite { .. })));
        assert!(would_overwrite(&dir.path().join("link.yaml")));
        assert!(!would_overwrite(Path::new("/dev/null")));
    }

    #[cfg(unix)]
    /// A character device of our own (`mknod`, as root), so that a regression replaces a node
    /// in a temporary folder, never the system's; `/dev/...` itself when not root (the system
    /// then forbids replacing it).
    fn device(dir: &Path, name: &str, major_minor: (&str, &str)) -> PathBuf {
        let path = dir.join(name);
        let made = std::process::Command::new("mknod")
            .arg(&path)
            .args(["c", major_minor.0, major_minor.1])
            .status()
            .is_ok_and(|status| status.success());
        if made {
            path
        } else {
            Path::new("/dev").join(name)
        }
    }

    #[cfg(unix)]
    fn is_char_device(path: &Path) -> bool {
        use std::os::unix::fs::FileTypeExt;
        fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let null = device(dir.path(), "null", ("1", "3"));
        let written = write_atomic(&null, b"report", Overwrite::Allow).unwrap();
        assert_eq!(written, Written::Stream);
        assert!(is_char_device(&null), "{} was replaced", null.display());
        let refused = write_atomic(&null, b"report", Overwrite::Refuse).unwrap();
        assert_eq!(refused, Written::Stream, "a device is not a file to keep");
    }

    #[cfg(unix)]
    #[test]
    fn a_full_device_reports_no_space() {
        let dir = tempfile::tempdir().unwrap();
        let full = device(dir.path(), "full", ("1", "7"));
        let err = write_atomic(&full, b"report", Overwrite::Allow).unwrap_err();
        assert!(err.to_string().contains("No space left on device"), "{err}");
        assert!(is_char_device(&full), "{} was replaced", full.display());
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_to() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"report", Overwrite::Allow).unwrap();
        assert_eq!(reader.join().unwrap(), b"report");
        let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
    }

    #[cfg(unix)]
    #[test]
    fn an_open_descriptor_that_is_a_file_is_appended_to() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log.txt");
        fs::write(&log, b"earlier lines\n").unwrap();
        let open = fs::OpenOptions::new().append(true).open(&log).unwrap();
        let descriptor = PathBuf::from(format!("/proc/self/fd/{}", open.as_raw_fd()));
        let written = write_atomic(&descriptor, b"report\n", Overwrite::Allow).unwrap();
        assert_eq!(written, Written::Stream);
        assert_eq!(fs::read(&log).unwrap(), b"earlier lines\nreport\n");
    }

    #[test]
    fn names_of_up_to_255_bytes_work() {
        let dir = tempfile::tempdir().unwrap();
        for length in [235, 250, 255] {
            let name = format!("{}.md", "r".repeat(length - 3));
            let path = dir.path().join(&name);
            write_atomic(&path, b"one", Overwrite::Allow).unwrap();
            write_atomic(&path, b"two", Overwrite::Allow).unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"two");
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            3,
            "no temporaries left"
        );
    }

    #[cfg(unix)]
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

    #[cfg(windows)]
    #[test]
    fn the_temporary_is_shared_with_no_one_while_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        let mut opened_elsewhere = None;
        write_atomic_with(&path, Overwrite::Allow, None, |file| {
            file.write_all(b"internal notes")?;
            let temp = fs::read_dir(dir.path())?
                .flatten()
                .find(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
                .map(|entry| entry.path());
            opened_elsewhere = temp.map(|temp| {
                (
                    fs::File::open(&temp).is_ok(),
                    fs::remove_file(&temp).is_ok(),
                )
            });
            Ok(())
        })
        .unwrap();
        assert_eq!(opened_elsewhere, Some((false, false)));
        assert_eq!(fs::read(&path).unwrap(), b"internal notes");
    }

    #[cfg(windows)]
    #[test]
    fn a_read_only_file_is_replaced_and_stays_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        fs::write(&path, b"old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        write_atomic(&path, b"new", Overwrite::Allow).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert!(fs::metadata(&path).unwrap().permissions().readonly());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        let writable = dir.path().join("report.md");
        write_atomic(&writable, b"one", Overwrite::Allow).unwrap();
        write_atomic(&writable, b"two", Overwrite::Allow).unwrap();
        assert!(!fs::metadata(&writable).unwrap().permissions().readonly());
    }

    #[cfg(windows)]
    #[test]
    fn a_copy_of_a_read_only_original_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("answers.yaml");
        fs::write(&original, b"internal notes").unwrap();
        let mut permissions = fs::metadata(&original).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&original, permissions).unwrap();
        let copy = dir.path().join("answers.yours.yaml");
        write_copy_atomic(&copy, b"internal notes", &original, Overwrite::Refuse).unwrap();
        assert!(fs::metadata(&copy).unwrap().permissions().readonly());
        assert_eq!(fs::read(&copy).unwrap(), b"internal notes");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
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
