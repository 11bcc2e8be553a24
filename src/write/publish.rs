//! Publishing a staged site when the output folder cannot simply be swapped, and OS errors in
//! sentences an author can act on.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// Whether a failed rename of the output folder calls for replacing its contents instead: the
/// folder is a mount point (EBUSY) or on another file system (EXDEV).
pub fn needs_in_place(error: &std::io::Error) -> bool {
    matches!(error.kind(), ErrorKind::ResourceBusy | ErrorKind::CrossesDevices)
}

/// Replaces what `target` holds by what `staging` holds, keeping `target` itself (a mount
/// point cannot be renamed or removed). The target was checked to be ours before the build.
pub fn replace_contents(staging: &Path, target: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(target)? {
        let path = entry?.path();
        if fs::symlink_metadata(&path)?.is_dir() { fs::remove_dir_all(&path)? } else { fs::remove_file(&path)? }
    }
    copy_tree(staging, target)?;
    fs::remove_dir_all(staging)
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&dest)?;
            copy_tree(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// A sentence that explains what an OS error means for the output folder, or "".
pub fn explain(error: &std::io::Error) -> &'static str {
    match error.kind() {
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory => {
            " (a file stands where a folder is needed: remove or rename that file, or choose another --out)"
        }
        ErrorKind::ResourceBusy => {
            " (the folder is in use or is a mount point, e.g. a container volume; ingroup then replaces its contents)"
        }
        ErrorKind::PermissionDenied => " (you may not write there: choose a folder you own, or fix its permissions)",
        ErrorKind::ReadOnlyFilesystem => " (the disk is mounted read-only: choose another --out)",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => " (the disk is full: free some space and build again)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_are_replaced_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, target) = (dir.path().join("staging"), dir.path().join("public"));
        fs::create_dir_all(staging.join("a")).unwrap();
        fs::write(staging.join("a/new.html"), "new").unwrap();
        fs::create_dir_all(target.join("old")).unwrap();
        fs::write(target.join("old/old.html"), "old").unwrap();
        fs::write(target.join("stale.txt"), "x").unwrap();
        replace_contents(&staging, &target).unwrap();
        assert_eq!(fs::read_to_string(target.join("a/new.html")).unwrap(), "new");
        assert!(!target.join("old").exists() && !target.join("stale.txt").exists() && !staging.exists());
    }

    #[test]
    fn os_errors_are_explained() {
        assert!(explain(&std::io::Error::from(ErrorKind::ResourceBusy)).contains("mount point"));
        assert!(explain(&std::io::Error::from(ErrorKind::AlreadyExists)).contains("a file stands"));
    }
}
