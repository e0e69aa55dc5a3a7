//! Reading input files safely: regular files only, a size limit, UTF-8 with a clear error.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::error::{Diagnostic, Error, Location, Result};

/// Largest input file accepted, in bytes (16 MiB): the bundled checklist is 130 KB and a
/// 10,000-item local checklist about 5 MB, so this leaves room while refusing runaway files
/// before parsing.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a checklist or answers file as text, refusing folders, FIFOs, devices and
/// files over [`MAX_INPUT_BYTES`] before reading them.
pub fn read_input(path: &Path) -> Result<String> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let metadata = fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind: file_kind(&metadata),
        });
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    let file = fs::File::open(path).map_err(read_error)?;
    // So that no output of this command replaces it.
    crate::fsio::note_input(path);
    let mut bytes = Vec::new();
    // The file may grow between the check and the read: never read past the limit.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    decode_utf8(path, bytes)
}

/// Reads a stream (standard input) as [`read_input`] reads a file: at most
/// [`MAX_INPUT_BYTES`], decoded as UTF-8; `name` names it in errors.
pub fn read_bounded(stream: impl Read, name: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    stream
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: name.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(name, bytes.len() as u64));
    }
    decode_utf8(name, bytes)
}

fn too_large(path: &Path, size: u64) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_INPUT_BYTES,
    }
}

fn file_kind(metadata: &fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        return "it is a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "it is a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "it is a device";
        }
        if kind.is_socket() {
            return "it is a socket";
        }
    }
    "it is not a plain file"
}

/// Decodes UTF-8, dropping a leading byte-order mark (Windows editors write one).
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Error::Invalid {
            path: path.to_path_buf(),
            diagnostics: vec![
                Diagnostic::error(
                    Some(Location { line, column }),
                    "the file is not valid UTF-8 text",
                )
                .with_hint(
                    "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8); \
                     the byte here was written in another encoding",
                ),
            ],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_position_of_invalid_utf8() {
        let err = decode_utf8(Path::new("a.yaml"), b"a: 1\nb: caf\xE9\n".to_vec()).unwrap_err();
        let Error::Invalid { diagnostics, .. } = err else {
            panic!("wrong error: {err}")
        };
        assert_eq!(
            diagnostics[0].location,
            Some(Location { line: 2, column: 7 })
        );
    }

    #[test]
    fn strips_a_byte_order_mark() {
        let text = decode_utf8(Path::new("a.yaml"), b"\xEF\xBB\xBFa: 1".to_vec()).unwrap();
        assert_eq!(text, "a: 1");
    }

    #[test]
    fn refuses_a_folder() {
        let dir = std::env::temp_dir();
        assert!(matches!(read_input(&dir), Err(Error::NotAFile { .. })));
    }
}
