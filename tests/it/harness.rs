//! Helpers: copy fixture courses into scratch folders and run the real binary on them.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn ingroup() -> Command {
    Command::cargo_bin("ingroup").expect("the ingroup binary is built by cargo test")
}

/// Copies `src` into `dst`, creating folders; symbolic links are recreated, not followed.
pub fn copy_tree(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src).follow_links(false) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(src).expect("inside the fixture");
        let target = dst.join(rel);
        if entry.path_is_symlink() {
            let link = fs::read_link(entry.path()).expect("readable link");
            let _ = fs::remove_file(&target);
            std::os::unix::fs::symlink(link, &target).expect("symlink created");
        } else if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("folder created");
        } else {
            fs::copy(entry.path(), &target).expect("file copied");
        }
    }
}

/// A scratch copy of the minimal course, to break on purpose.
pub fn minimal_course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join("minimal"), dir.path());
    dir
}

/// A scratch copy of the minimal course with the fixture folder `case` laid over it: a
/// `remove.txt` in `case` lists files to delete first; `expected.txt` and `remove.txt` are not copied.
pub fn overlaid_course(case: &Path) -> tempfile::TempDir {
    let course = minimal_course();
    if let Ok(list) = fs::read_to_string(case.join("remove.txt")) {
        for file in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(course.path().join(file.trim())).unwrap_or_else(|e| panic!("remove {file}: {e}"));
        }
    }
    copy_tree(case, course.path());
    for meta in ["expected.txt", "remove.txt"] {
        let _ = fs::remove_file(course.path().join(meta));
    }
    course
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
