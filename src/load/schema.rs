//! The typed shape of every YAML document an author writes, exactly as written.
//!
//! These structs reject unknown fields so that a typo (`titel:`) is an error with a
//! did-you-mean, not a silently ignored value. Positions are kept with [`Spanned`] where a
//! later, semantic check needs to point at a value.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Located = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    pub id: Located,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub version: Option<String>,
    #[serde(default)]
    pub authors: Vec<Author>,
    pub pass_mark: Option<Spanned<u32>>,
    pub theme: Option<Located>,
    pub license: Option<String>,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    pub role: Option<String>,
}

/// Front matter of a module, a module page or the home page text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub order: Option<u32>,
    pub summary: Option<String>,
    pub minutes: Option<u32>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub draft: bool,
    pub content_warning: Option<String>,
    #[serde(default)]
    pub fictional: bool,
    pub reviewed: Option<Reviewed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Located,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    pub date: String,
    pub by: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VignetteFront {
    pub title: String,
    pub setting: Option<String>,
    #[serde(default)]
    pub processes: Vec<Located>,
    pub module: Option<Located>,
    pub scenario: Option<Located>,
    #[serde(default)]
    pub prompts: Vec<Prompt>,
    #[serde(default)]
    pub draft: bool,
    pub content_warning: Option<String>,
    pub fictional: Option<bool>,
    pub reviewed: Option<Reviewed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: Located,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub id: Option<Located>,
    pub title: String,
    pub pass_mark: Option<Spanned<u32>>,
    #[serde(default)]
    pub shuffle: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Single,
    Multiple,
    Scenario,
    Reflection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Located,
    pub kind: QuestionKind,
    pub title: Option<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub objectives: Vec<Located>,
    pub explanation: Option<String>,
    pub shuffle: Option<bool>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    pub start: Option<Located>,
    #[serde(default)]
    pub nodes: Vec<Node>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: Option<Located>,
    pub text: Located,
    #[serde(default)]
    pub correct: bool,
    pub feedback: Option<String>,
    pub see: Option<Located>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: Located,
    pub text: Option<String>,
    #[serde(default)]
    pub choices: Vec<Choice>,
    pub ending: Option<Ending>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Best,
    Acceptable,
    Poor,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: Option<Located>,
    pub text: Located,
    pub rating: Option<Rating>,
    pub feedback: Option<String>,
    pub next: Located,
    pub see: Option<Located>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Positive,
    Mixed,
    Negative,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub title: String,
    pub debrief: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub id: Option<Located>,
    pub term: Located,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
    #[serde(default)]
    pub see: Vec<Located>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEntry {
    pub id: Located,
    pub cite: String,
    pub apa: String,
    pub doi: Option<String>,
    pub url: Option<String>,
}
