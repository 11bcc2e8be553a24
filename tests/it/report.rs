//! `ingroup check --report`: which questions assess each learning objective.

use crate::harness::{fixtures, ingroup, minimal_course, stdout_of};
use std::fs;

#[test]
fn report_lists_objectives_with_their_questions() {
    let output = ingroup().args(["check", "--report", "--root"]).arg(fixtures().join("minimal")).output().unwrap();
    assert!(output.status.success());
    let text = stdout_of(&output);
    assert!(text.contains("Module 1: Introduction (intro, content/01-intro.md)"), "{text}");
    assert!(text.contains("ok      intro-name: Name the course's one idea."), "{text}");
    assert!(text.contains("            intro/idea (single)"), "{text}");
    assert!(text.contains("1 objective(s): 1 assessed, 0 not assessed"), "{text}");
}

#[test]
fn report_flags_objectives_nothing_assesses() {
    let course = minimal_course();
    let quiz = course.path().join("quizzes/intro.yaml");
    fs::write(&quiz, fs::read_to_string(&quiz).unwrap().replace("    objectives: [intro-name]\n", "")).unwrap();
    let output = ingroup().args(["check", "--report", "--root"]).arg(course.path()).output().unwrap();
    assert!(output.status.success(), "a missing assessment is a warning");
    let text = stdout_of(&output);
    assert!(text.contains("MISSING intro-name"), "{text}");
    assert!(text.contains("add `objectives: [intro-name]`"), "{text}");
    assert!(text.contains("Scored questions that assess no objective:\n  intro/idea (single)"), "{text}");
}

#[test]
fn report_json_has_alignment_and_diagnostics() {
    let output = ingroup().args(["check", "--report", "--format", "json", "--root"]).arg(fixtures().join("minimal")).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let module = &report["alignment"]["modules"][0];
    assert_eq!(module["id"], "intro");
    assert_eq!(module["number"], 1);
    assert_eq!(module["file"], "content/01-intro.md");
    let objective = &module["objectives"][0];
    assert_eq!(objective["id"], "intro-name");
    assert_eq!(objective["assessed"], true);
    assert_eq!(objective["assessed_by"], serde_json::json!([{ "quiz": "intro", "question": "idea", "kind": "single" }]));
    assert_eq!(report["alignment"]["summary"], serde_json::json!({ "objectives": 1, "assessed": 1, "not_assessed": 0 }));
    assert_eq!(report["alignment"]["unaligned_questions"], serde_json::json!([]));
    assert_eq!((report["check"]["errors"].as_u64(), report["check"]["warnings"].as_u64()), (Some(0), Some(0)));
    assert!(report["check"]["diagnostics"].is_array());
}
