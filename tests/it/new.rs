//! `ingroup new`: the scaffold is a complete course that builds without a single warning.

use crate::harness::{ingroup, stderr_of, stdout_of};
use std::fs;

#[test]
fn new_course_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("Group Skills");
    let output = ingroup().arg("new").arg(&course).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("ingroup serve"), "tells the author what to do next");

    let check = ingroup().args(["check", "--deny-warnings", "--format", "json", "--root"]).arg(&course).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(0), Some(0)), "{report:#}");
    assert!(check.status.success());

    let out = dir.path().join("site");
    let build = ingroup().args(["build", "--root"]).arg(&course).arg("--out").arg(&out).output().unwrap();
    assert!(build.status.success(), "{}", stderr_of(&build));
    for page in [
        "index.html",
        "welcome/index.html",
        "first-session/index.html",
        "first-session/norms/index.html",
        "vignettes/late-arrival/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was built");
    }
    let norms = fs::read_to_string(out.join("first-session/norms/index.html")).unwrap();
    assert!(!norms.contains("__ingroup"), "the live-reload client is never part of a built site");
    assert!(
        fs::read_to_string(course.join("course.yaml")).unwrap().contains("\nid: group-skills\n"),
        "the course id comes from the folder name"
    );
}

#[test]
fn scaffold_shows_every_kind_of_content() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ingroup().arg("new").arg(dir.path()).output().unwrap().status.success(), "an existing empty folder is fine");
    let quiz = fs::read_to_string(dir.path().join("quizzes/first-session.yaml")).unwrap();
    for kind in ["single", "multiple", "scenario", "reflection"] {
        assert!(quiz.contains(&format!("kind: {kind}\n")), "a {kind} question");
    }
    assert!(quiz.matches("ending:").count() >= 2, "a scenario with two endings at least");
    let vignette = fs::read_to_string(dir.path().join("content/vignettes/late-arrival.md")).unwrap();
    assert!(vignette.contains("prompts:"));
    assert!(dir.path().join("content/02-first-session/01-norms.md").is_file(), "a folder module with two pages");
    for file in ["README.md", "glossary.yaml", "references.yaml"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = ingroup().arg("new").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("is not empty"), "{}", stderr_of(&output));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing was written");
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
}
