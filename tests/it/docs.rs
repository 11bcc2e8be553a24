//! The authoring guide's examples form one course: every fenced block preceded by
//! `<!-- file: PATH -->` is written to PATH, and the course must check without warnings and build.

use crate::harness::{ingroup, stderr_of};
use std::fs;
use std::path::Path;

/// (path, content) of every example file in a Markdown guide.
fn example_files(guide: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.trim().strip_prefix("<!-- file: ").and_then(|r| r.strip_suffix(" -->")) else { continue };
        let fence = lines.next().unwrap_or_default();
        assert!(fence.starts_with("```"), "a fenced block follows the marker for {path}");
        let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        files.push((path.to_string(), body.join("\n") + "\n"));
    }
    files
}

#[test]
fn authoring_guide_examples_build_without_warnings() {
    let guide = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/authoring.md")).unwrap();
    let files = example_files(&guide);
    assert!(files.len() >= 7, "the guide shows a whole course");
    let course = tempfile::tempdir().unwrap();
    for (path, content) in &files {
        let target = course.path().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, content).unwrap();
    }
    let check = ingroup().args(["check", "--deny-warnings", "--root"]).arg(course.path()).output().unwrap();
    assert!(check.status.success(), "{}", stderr_of(&check));
    let out = tempfile::tempdir().unwrap();
    let build = ingroup().args(["build", "--root"]).arg(course.path()).arg("--out").arg(out.path().join("site")).output().unwrap();
    assert!(build.status.success(), "{}", stderr_of(&build));
}
