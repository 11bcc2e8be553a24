//! The JSON Schemas in docs/schema/ are generated from the Rust types: this test fails when
//! they drift. `UPDATE_SCHEMAS=1 cargo test --test it schema` (or `ingroup schema --out
//! docs/schema`) writes them again.

use crate::harness::{ingroup, stderr_of};
use std::fs;
use std::path::Path;

fn committed() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

#[test]
fn committed_schemas_match_the_types() {
    let dir = tempfile::tempdir().unwrap();
    let target = if std::env::var_os("UPDATE_SCHEMAS").is_some() { committed() } else { dir.path().to_path_buf() };
    let output = ingroup().args(["schema", "--out"]).arg(&target).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let mut names: Vec<String> = fs::read_dir(&target).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "course.schema.json",
            "glossary.schema.json",
            "module.schema.json",
            "quiz.schema.json",
            "references.schema.json",
            "vignette.schema.json"
        ]
    );
    for name in names {
        let fresh = fs::read_to_string(target.join(&name)).unwrap();
        let kept = fs::read_to_string(committed().join(&name)).unwrap_or_default();
        assert!(
            fresh == kept,
            "docs/schema/{name} is out of date: run `UPDATE_SCHEMAS=1 cargo test --test it schema` and commit the result"
        );
    }
}

/// Every key the scaffold course uses is a property the schema declares.
#[test]
fn schemas_know_every_field_the_scaffold_uses() {
    let scaffold = Path::new(env!("CARGO_MANIFEST_DIR")).join("scaffold");
    let schema = |name: &str| -> serde_json::Value { serde_json::from_str(&fs::read_to_string(committed().join(name)).unwrap()).unwrap() };
    let yaml = |path: &str| -> serde_json::Value {
        ingroup::load::yaml::parse(path, &fs::read_to_string(scaffold.join(path)).unwrap(), 1).unwrap()
    };
    let assert_known = |value: &serde_json::Value, properties: &serde_json::Value, what: &str| {
        for key in value.as_object().unwrap().keys() {
            assert!(properties.get(key).is_some(), "{what}: `{key}` is not in the schema");
        }
    };
    let course = schema("course.schema.json");
    assert_known(&yaml("course.yaml"), &course["properties"], "course.yaml");
    let quiz = schema("quiz.schema.json");
    let quiz_file = yaml("quizzes/first-session.yaml");
    assert_known(&quiz_file, &quiz["properties"], "quiz");
    for question in quiz_file["questions"].as_array().unwrap() {
        assert_known(question, &quiz["definitions"]["Question"]["properties"], "question");
    }
    let glossary = schema("glossary.schema.json");
    for term in yaml("glossary.yaml").as_array().unwrap() {
        assert_known(term, &glossary["definitions"]["TermEntry"]["properties"], "glossary term");
    }
    assert_eq!(course["additionalProperties"], false, "typos are flagged in the editor too");
}
