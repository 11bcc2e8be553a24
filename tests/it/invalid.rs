//! Broken courses: each folder in `tests/fixtures/invalid/` is laid over a copy of the minimal
//! course (a `remove.txt` lists files to delete first) and `ingroup check` must print exactly
//! the diagnostics in its `expected.txt` and exit 1. Set `UPDATE_EXPECTED=1` to rewrite them.
//! `tests/fixtures/lint/` holds courses laid over the minimal one the same way, whose teaching
//! lints are warnings (exit 0).

use crate::harness::{fixtures, ingroup, minimal_course, overlaid_course, stderr_of};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// Lays `case` over the minimal course and compares `check`'s stderr and exit code.
pub(crate) fn check_case(case: &Path, exit: i32) -> Result<(), String> {
    let course = overlaid_course(case);
    let output = ingroup().args(["check", "--root"]).arg(course.path()).output().map_err(|e| e.to_string())?;
    let actual = stderr_of(&output);
    let expected_path = case.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::write(&expected_path, &actual).map_err(|e| e.to_string())?;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if output.status.code() != Some(exit) {
        return Err(format!("exit code {:?}, expected {exit}", output.status.code()));
    }
    if actual != expected {
        return Err(format!("--- expected\n{expected}--- actual\n{actual}"));
    }
    Ok(())
}

/// Checks every fixture in `tests/fixtures/{folder}` (at least `min` of them) against its expected output.
pub(crate) fn check_fixtures(folder: &str, min: usize, exit: i32) {
    let mut failures = Vec::new();
    let mut cases: Vec<_> = fs::read_dir(fixtures().join(folder)).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= min, "the {folder} fixtures are there");
    for case in &cases {
        if let Err(message) = check_case(case, exit) {
            failures.push(format!("{}:\n{message}", case.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_invalid_fixture_reports_exactly_its_expected_diagnostics() {
    check_fixtures("invalid", 17, 1);
}

#[test]
fn huge_file_is_refused_quickly() {
    let course = minimal_course();
    let line = "Groups matter. ".repeat(100) + "\n";
    fs::write(course.path().join("content/02-huge.md"), format!("---\ntitle: Huge\n---\n{}", line.repeat(5_000))).unwrap();
    let started = Instant::now();
    let output = ingroup().args(["check", "--root"]).arg(course.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).starts_with("content/02-huge.md: error: file is too large"), "{}", stderr_of(&output));
    assert!(started.elapsed() < Duration::from_secs(60), "ends rather than hangs");
}

#[test]
fn output_inside_content_is_refused() {
    let course = minimal_course();
    let output =
        ingroup().args(["build", "--root"]).arg(course.path()).arg("--out").arg(course.path().join("content/site")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("would overwrite the course's sources"), "{}", stderr_of(&output));
    assert!(!course.path().join("content/site").exists());
}
