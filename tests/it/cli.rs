use crate::harness::{fixtures, ingroup, stdout_of};

#[test]
fn every_command_has_help() {
    for command in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["serve", "--help"],
        vec!["new", "--help"],
        vec!["schema", "--help"],
    ] {
        let output = ingroup().args(&command).output().unwrap();
        assert!(output.status.success(), "{command:?}");
        assert!(stdout_of(&output).contains("Usage:"), "{command:?}");
    }
}

#[test]
fn version_is_printed() {
    let output = ingroup().arg("--version").output().unwrap();
    assert_eq!(stdout_of(&output).trim(), format!("ingroup {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    let output = ingroup().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn check_passes_on_minimal_course() {
    let output = ingroup().args(["check", "--root"]).arg(fixtures().join("minimal")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout_of(&output).contains("0 error(s), 0 warning(s)"));
}

#[test]
fn check_json_has_counts_and_located_diagnostics() {
    let course = crate::harness::minimal_course();
    std::fs::write(
        course.path().join("quizzes/intro.yaml"),
        "title: T\nquestions:\n  - id: q\n    kind: single\n    text: Q\n    options:\n      - text: A\n      - text: B\n",
    )
    .unwrap();
    let output = ingroup().args(["check", "--format", "json", "--root"]).arg(course.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["file"], "quizzes/intro.yaml");
    assert_eq!(first["line"], 3);
    assert_eq!(first["severity"], "error");
    assert!(first["hint"].as_str().unwrap().contains("correct: true"));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let course = crate::harness::minimal_course();
    let quiz = std::fs::read_to_string(course.path().join("quizzes/intro.yaml")).unwrap();
    std::fs::write(course.path().join("quizzes/intro.yaml"), quiz.replace("        feedback: No.\n", "")).unwrap();
    let plain = ingroup().args(["check", "--root"]).arg(course.path()).output().unwrap();
    assert!(plain.status.success());
    let strict = ingroup().args(["check", "--deny-warnings", "--root"]).arg(course.path()).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
}
