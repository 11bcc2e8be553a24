//! What templates see: small serialisable views of the course model.
//!
//! Views that are the same on every page (course, module list, assets) are built once and
//! put in Tera's global context; each page adds only its own view.

use crate::load::schema::{Outcome, QuestionKind, Rating};
use crate::markdown::{Heading, Linker, inline_html};
use crate::resolve::quiz::option_id;
use crate::resolve::{Module, Objective, Quiz, Safety};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CourseView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description_html: String,
    pub language: String,
    pub version: Option<String>,
    pub authors: Vec<crate::load::schema::Author>,
    pub pass_mark: u32,
    pub license: Option<String>,
    pub contact: Option<String>,
    pub audience: Option<String>,
    pub cpd_hours: Option<f64>,
    /// The generated cover picture of the home page (inline SVG).
    pub cover_svg: String,
}

#[derive(Debug, Serialize)]
pub struct Assets {
    pub css: String,
    pub scripts: Vec<String>,
    pub data: String,
    pub favicon: String,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct ModuleView {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub summary: Option<String>,
    pub minutes: Option<u32>,
    pub url: String,
    pub objectives: Vec<Objective>,
    pub pages: Vec<PageLink>,
}

impl ModuleView {
    pub fn new(module: &Module) -> Self {
        Self {
            id: module.id.clone(),
            number: module.number,
            title: module.title.clone(),
            summary: module.summary.clone(),
            minutes: module.minutes,
            url: module.url().to_string(),
            objectives: module.objectives.clone(),
            pages: module.pages.iter().map(|p| PageLink { id: p.id.clone(), title: p.title.clone(), url: p.url.clone() }).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub index: usize,
    pub content_html: String,
    pub toc: Vec<&'a Heading>,
    pub safety: &'a Safety,
}

#[derive(Debug, Serialize)]
pub struct NavLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SeeView {
    pub url: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct OptionView {
    pub id: String,
    pub text_html: String,
    pub correct: bool,
    pub feedback_html: String,
    pub see: Option<SeeView>,
}

#[derive(Debug, Serialize)]
pub struct ChoiceView {
    pub id: String,
    pub text_html: String,
    pub rating: Option<Rating>,
    pub feedback_html: String,
    pub next: String,
    pub see: Option<SeeView>,
}

#[derive(Debug, Serialize)]
pub struct EndingView {
    pub outcome: Outcome,
    pub title: String,
    pub debrief_html: String,
}

#[derive(Debug, Serialize)]
pub struct NodeView {
    pub id: String,
    pub text_html: String,
    pub choices: Vec<ChoiceView>,
    pub ending: Option<EndingView>,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub key: String,
    pub kind: QuestionKind,
    pub number: usize,
    pub title: Option<String>,
    pub text_html: String,
    pub objectives: Vec<String>,
    pub explanation_html: String,
    pub shuffle: bool,
    pub options: Vec<OptionView>,
    pub start: String,
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Serialize)]
pub struct QuizView {
    pub id: String,
    pub title: String,
    pub pass_mark: u32,
    pub questions: Vec<QuestionView>,
}

/// Turns `see:` values into links; implemented by the page renderer.
pub trait SeeLinker: Linker {
    fn see(&self, see: &str) -> Option<SeeView>;
}

fn md(text: Option<&str>, linker: &dyn Linker) -> String {
    text.map(|t| inline_html(t, linker)).unwrap_or_default()
}

impl QuizView {
    /// The quiz as embedded whole: without the questions that are embedded on their own
    /// elsewhere (`standalone` holds their `quiz-id/question-id` keys), numbered from 1.
    pub fn whole(quiz: &Quiz, standalone: &std::collections::BTreeSet<String>, linker: &dyn SeeLinker) -> Self {
        let questions = quiz
            .file
            .questions
            .iter()
            .filter(|q| !standalone.contains(&format!("{}/{}", quiz.id, q.id.value)))
            .enumerate()
            .map(|(i, q)| question_view(quiz, i, q, linker))
            .collect();
        Self::with_questions(quiz, questions)
    }

    /// The quiz's frame and one of its questions, embedded on its own.
    pub fn single(quiz: &Quiz, question_id: &str, linker: &dyn SeeLinker) -> Option<(Self, QuestionView)> {
        let question = quiz.file.questions.iter().find(|q| q.id.value == question_id)?;
        Some((Self::with_questions(quiz, Vec::new()), question_view(quiz, 0, question, linker)))
    }

    fn with_questions(quiz: &Quiz, questions: Vec<QuestionView>) -> Self {
        Self { id: quiz.id.clone(), title: crate::markdown::plain_text(&quiz.file.title), pass_mark: quiz.pass_mark, questions }
    }
}

fn question_view(quiz: &Quiz, index: usize, q: &crate::load::schema::Question, linker: &dyn SeeLinker) -> QuestionView {
    let see = |s: &Option<crate::load::schema::Located>| s.as_ref().and_then(|s| linker.see(&s.value));
    QuestionView {
        id: q.id.value.clone(),
        key: format!("{}/{}", quiz.id, q.id.value),
        kind: q.kind,
        number: index + 1,
        title: q.title.as_deref().map(crate::markdown::plain_text),
        text_html: md(q.text.as_deref(), linker),
        objectives: q.objectives.iter().map(|o| o.value.clone()).collect(),
        explanation_html: md(q.explanation.as_deref(), linker),
        shuffle: q.shuffle.unwrap_or(quiz.file.shuffle),
        options: q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| OptionView {
                id: option_id(i, o.id.as_ref().map(|x| x.value.as_str())),
                text_html: inline_html(&o.text.value, linker),
                correct: o.correct,
                feedback_html: md(o.feedback.as_deref(), linker),
                see: see(&o.see),
            })
            .collect(),
        start: q.start.as_ref().map(|s| s.value.clone()).or_else(|| q.nodes.first().map(|n| n.id.value.clone())).unwrap_or_default(),
        nodes: q
            .nodes
            .iter()
            .map(|n| NodeView {
                id: n.id.value.clone(),
                text_html: md(n.text.as_deref(), linker),
                choices: n
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChoiceView {
                        id: option_id(i, c.id.as_ref().map(|x| x.value.as_str())),
                        text_html: inline_html(&c.text.value, linker),
                        rating: c.rating,
                        feedback_html: md(c.feedback.as_deref(), linker),
                        next: c.next.value.clone(),
                        see: see(&c.see),
                    })
                    .collect(),
                ending: n.ending.as_ref().map(|e| EndingView {
                    outcome: e.outcome,
                    title: e.title.clone(),
                    debrief_html: md(e.debrief.as_deref(), linker),
                }),
            })
            .collect(),
    }
}
