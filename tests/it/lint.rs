//! Teaching lints: each folder in `tests/fixtures/lint/` is laid over the minimal course and
//! `check` must print exactly its `expected.txt` (warnings, exit 0); `clean` prints nothing.

use crate::harness::{fixtures, ingroup, stdout_of};
use crate::invalid::check_fixtures;

#[test]
fn every_lint_fixture_reports_exactly_its_expected_warnings() {
    check_fixtures("lint", 9, 0);
}

#[test]
fn report_counts_findings_of_lints_on_and_off() {
    let course = crate::harness::overlaid_course(&fixtures().join("lint/switched-off"));
    let text = stdout_of(&ingroup().args(["check", "--report", "--root"]).arg(course.path()).output().unwrap());
    assert!(text.contains("  answer-length    1 (off in course.yaml, not reported)\n"), "{text}");
    assert!(text.contains("  select-all       0\n"), "{text}");
    let output = ingroup().args(["check", "--report", "--format", "json", "--root"]).arg(course.path()).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["alignment"]["lints"][0], serde_json::json!({ "lint": "answer-length", "on": false, "findings": 1 }));
    assert_eq!(report["check"]["warnings"], 0);
}
