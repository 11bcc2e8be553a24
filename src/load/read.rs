//! One rule for opening every input file: a regular file inside the course, never a symbolic
//! link, a named pipe, a device or a socket (reading a pipe would wait forever).

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// What a path is, in words, when it is not a regular file; `None` for a regular file.
pub fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    Some(if kind.is_symlink() {
        "a symbolic link (links are not followed)"
    } else if kind.is_dir() {
        "a folder"
    } else {
        special_kind(&kind)
    })
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// Reads at most `limit` bytes of the regular file at `path`; the error is a sentence.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if let Some(kind) = not_regular(&meta) {
        return Err(format!("this is {kind}, not a regular file"));
    }
    if meta.len() > limit {
        return Err(format!("file is too large ({} bytes; the limit is {limit} bytes)", meta.len()));
    }
    let file = File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    // The path may have been swapped between the look and the open: look at what was opened.
    let opened = file.metadata().map_err(|e| format!("cannot read file: {e}"))?;
    if let Some(kind) = not_regular(&opened) {
        return Err(format!("this is {kind}, not a regular file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("file is too large (over {limit} bytes)"));
    }
    Ok(bytes)
}

/// A course folder (`content/`, `quizzes/`, a theme) that is a symbolic link: its contents would
/// come from outside the course.
pub fn is_linked_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
