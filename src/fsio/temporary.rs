//! The temporary file written beside a target before the rename: a short name of its own,
//! readable by its owner only, given the replaced file's mode and owner before it takes its
//! place; temporaries left by crashed runs are removed when the same target is next written.
//!
//! On Windows the temporary is opened with no sharing (no other process can open, rename or
//! delete it while it is written: the counterpart of mode 0600, and what tells a live run's
//! temporary from a crashed one's), it gets the replaced file's read-only attribute, and a
//! read-only target is replaced by clearing the attribute just before the rename (restored if
//! the rename fails), since Windows refuses to rename over a read-only file.

use std::ffi::OsStr;
use std::fs;
use std::io;
#[cfg(unix)]
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
#[cfg(windows)]
use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

const PREFIX: &str = ".sro-";
const SUFFIX: &str = ".tmp";
/// Used when the process's umask cannot be read.
#[cfg(unix)]
const DEFAULT_UMASK: u32 = 0o022;

/// The start of every temporary's name for this target: `.sro-1a2b3c4d-`. A hash of the
/// target's name keeps it short (a 255-byte target name still fits) and tells which target a
/// leftover belonged to.
fn stem(target_name: &OsStr) -> String {
    format!("{PREFIX}{:08x}-", fnv1a(target_name.as_encoded_bytes()))
}

/// 32-bit FNV-1a: stable across runs and builds, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// Creates a new, empty temporary for `target_name` in `folder`, mode 0600 (it holds every
/// answer and internal note until the rename; on Windows, shared with no other process):
/// `.sro-HASH-PID-N.tmp`.
pub(super) fn create(folder: &Path, target_name: &OsStr) -> io::Result<(PathBuf, fs::File)> {
    let stem = stem(target_name);
    let pid = std::process::id();
    for attempt in 0..100 {
        let temp = folder.join(format!("{stem}{pid}-{attempt}{SUFFIX}"));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        options.mode(0o600);
        #[cfg(windows)]
        options.share_mode(0);
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "100 temporary files of this process are already beside it",
    ))
}

/// Removes the temporaries of `target_name` whose process has ended (a crash between the write
/// and the rename). A live process's temporary is never touched, and nothing is removed where
/// the system cannot say which processes are alive. On Windows a live run holds its temporary
/// open unshared, so removing it fails; this process's own are skipped.
pub(super) fn remove_stale(folder: &Path, target_name: &OsStr) {
    #[cfg(unix)]
    if !Path::new("/proc/self").exists() {
        return;
    }
    let stem = stem(target_name);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| temporary_pid(n, &stem)) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && !process_is_alive(pid) {
            // Another run may have removed it first: that is fine.
            let _ = remove(&entry.path());
        }
    }
}

/// The process id in a temporary's name, when `name` is one of this target's temporaries.
fn temporary_pid(name: &str, stem: &str) -> Option<u32> {
    let rest = name.strip_prefix(stem)?.strip_suffix(SUFFIX)?;
    let (pid, attempt) = rest.split_once('-')?;
    attempt.parse::<u32>().ok()?;
    pid.parse().ok()
}

#[cfg(unix)]
fn process_is_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Only this process's own: another live run's temporary is open unshared, so it cannot be
/// removed (process ids are reused too soon on Windows to tell from the name alone).
#[cfg(windows)]
fn process_is_alive(pid: u32) -> bool {
    pid == std::process::id()
}

/// Removes a temporary (on Windows a read-only one loses the attribute first: Windows refuses to
/// delete a read-only file; one held open by a live run cannot be changed or removed).
// On Windows permissions are the read-only attribute alone: clearing it opens nothing to others.
#[cfg_attr(windows, allow(clippy::permissions_set_readonly_false))]
pub(super) fn remove(temp: &Path) -> io::Result<()> {
    #[cfg(windows)]
    if let Ok(metadata) = fs::metadata(temp) {
        let mut permissions = metadata.permissions();
        if permissions.readonly() {
            permissions.set_readonly(false);
            fs::set_permissions(temp, permissions)?;
        }
    }
    fs::remove_file(temp)
}

/// Renames the temporary over `target`. On Windows a read-only `target` loses the attribute
/// just before (the temporary already has it) and gets it back if the rename fails.
// On Windows permissions are the read-only attribute alone: clearing it opens nothing to others.
#[cfg_attr(windows, allow(clippy::permissions_set_readonly_false))]
pub(super) fn rename_over(temp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        let old = fs::metadata(target).ok().map(|m| m.permissions());
        if let Some(old) = old.filter(fs::Permissions::readonly) {
            let mut writable = old.clone();
            writable.set_readonly(false);
            fs::set_permissions(target, writable)?;
            let renamed = fs::rename(temp, target);
            if renamed.is_err() {
                let _ = fs::set_permissions(target, old);
            }
            return renamed;
        }
    }
    fs::rename(temp, target)
}

/// After a hard link gave the temporary its final name: removes the temporary's name. On
/// Windows a read-only file's attribute is shared by both names, so it is cleared for the
/// removal and set again on `target`.
pub(super) fn unlink_after_link(temp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(windows)]
    {
        let permissions = fs::metadata(target)?.permissions();
        if permissions.readonly() {
            remove(temp)?;
            return fs::set_permissions(target, permissions);
        }
    }
    #[cfg(not(windows))]
    let _ = target;
    fs::remove_file(temp)
}

/// Gives the temporary the replaced file's owner and group (where the process may: root may
/// give a file to anyone, others only to a group they are in) and its permission bits; a new
/// file gets what creating it directly would have given (0666 less the umask).
#[cfg(unix)]
pub(super) fn take_over(file: &fs::File, replaced: Option<&fs::Metadata>) -> io::Result<()> {
    let mode = match replaced {
        Some(old) => {
            keep_owner(file, old)?;
            old.mode() & 0o7777
        }
        None => 0o666 & !umask(),
    };
    // After the owner: changing the owner clears set-user-id and set-group-id bits.
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// Gives the temporary the replaced file's read-only attribute (all that Windows permissions
/// hold; the access control list is the folder's inherited one, as for a file created there
/// directly). A new file keeps what creating it directly gives.
#[cfg(windows)]
pub(super) fn take_over(file: &fs::File, replaced: Option<&fs::Metadata>) -> io::Result<()> {
    match replaced {
        Some(old) if old.permissions().readonly() => {
            let mut permissions = file.metadata()?.permissions();
            permissions.set_readonly(true);
            file.set_permissions(permissions)
        }
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn keep_owner(file: &fs::File, old: &fs::Metadata) -> io::Result<()> {
    let ours = file.metadata()?;
    if (ours.uid(), ours.gid()) == (old.uid(), old.gid()) {
        return Ok(());
    }
    // Not permitted is not an error: the file is still written, owned by whoever wrote it.
    if std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    Ok(())
}

/// The process's umask, read from /proc (asking the system call would change it).
#[cfg(unix)]
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Umask:"))
                .and_then(|value| u32::from_str_radix(value.trim(), 8).ok())
        })
        .unwrap_or(DEFAULT_UMASK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_short_whatever_the_target_name() {
        let long = "x".repeat(255);
        let dir = tempfile::tempdir().unwrap();
        let (temp, _file) = create(dir.path(), OsStr::new(&long)).unwrap();
        let name = temp.file_name().unwrap().len();
        assert!(name < 40, "{}", temp.display());
    }

    #[test]
    fn recognizes_only_this_targets_temporaries() {
        let stem = stem(OsStr::new("report.md"));
        assert_eq!(temporary_pid(&format!("{stem}42-0.tmp"), &stem), Some(42));
        assert_eq!(temporary_pid(&format!("{stem}42.tmp"), &stem), None);
        assert_eq!(temporary_pid(&format!("{stem}x-0.tmp"), &stem), None);
        let other = super::stem(OsStr::new("answers.yaml"));
        assert_eq!(temporary_pid(&format!("{other}42-0.tmp"), &stem), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_a_direct_create_gives() {
        let dir = tempfile::tempdir().unwrap();
        let direct = fs::File::create(dir.path().join("direct")).unwrap();
        let (_, temp) = create(dir.path(), OsStr::new("new")).unwrap();
        take_over(&temp, None).unwrap();
        let mode = |file: &fs::File| file.metadata().unwrap().mode() & 0o7777;
        assert_eq!(mode(&temp), mode(&direct));
    }
}
