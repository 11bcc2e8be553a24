//! JSON Schemas of the files an author writes, generated from the types in
//! [`crate::load::schema`] so that they cannot drift from what `check` accepts.
//!
//! Editors use them for completion, hover help and validation while typing; `ingroup schema
//! --out DIR` writes them, and a test keeps the copies in `docs/schema/` current.

use crate::load::schema::{CourseFile, FrontMatter, QuizFile, ReferenceEntry, TermEntry, VignetteFront};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// One schema file: its name and its JSON text.
pub struct SchemaFile {
    pub name: &'static str,
    pub json: String,
}

/// Every schema, in a fixed order.
pub fn all() -> Vec<SchemaFile> {
    vec![
        file::<CourseFile>("course.schema.json", "course.yaml", "The course itself: title, id and settings."),
        file::<FrontMatter>(
            "module.schema.json",
            "Module and page front matter",
            "The `---` block at the top of a module's or page's Markdown file in content/.",
        ),
        file::<VignetteFront>(
            "vignette.schema.json",
            "Vignette front matter",
            "The `---` block at the top of a vignette in content/vignettes/.",
        ),
        file::<QuizFile>("quiz.schema.json", "Quiz", "One quiz in quizzes/ID.yaml."),
        file::<Vec<TermEntry>>("glossary.schema.json", "glossary.yaml", "The glossary: a list of terms."),
        file::<Vec<ReferenceEntry>>("references.schema.json", "references.yaml", "The bibliography: a list of references."),
    ]
}

/// Draft-07, the version every YAML language server understands.
fn file<T: JsonSchema>(name: &'static str, title: &str, description: &str) -> SchemaFile {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    let json = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    SchemaFile { name, json }
}

/// Writes every schema into `dir` (created if needed) and returns the paths written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    let error = |path: &Path| {
        let path = path.display().to_string();
        move |source| SchemaError::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(error(dir))?;
    all()
        .into_iter()
        .map(|schema| {
            let path = dir.join(schema.name);
            std::fs::write(&path, schema.json).map_err(error(&path))?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanned_fields_are_plain_values_with_id_patterns() {
        let quiz = all().into_iter().find(|s| s.name == "quiz.schema.json").map(|s| s.json).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&quiz).unwrap();
        let question = &value["definitions"]["Question"];
        assert_eq!(question["properties"]["id"]["type"], "string");
        assert!(question["properties"]["id"]["pattern"].is_string());
        assert_eq!(question["additionalProperties"], false);
        assert_eq!(value["title"], "Quiz");
    }
}
