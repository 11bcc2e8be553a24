//! What templates see: small serialisable views of the course model.
//!
//! Views that are the same on every page (course, module list, assets) are built once and
//! put in Tera's global context; each page adds only its own view.

use crate::markdown::{Heading, Linker, inline_html};
use crate::resolve::{Module, Objective, Outcome, Question, QuestionKind, Quiz, Rating, Safety, SeeLink};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CourseView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description_html: String,
    pub language: String,
    pub version: Option<String>,
    pub authors: Vec<crate::resolve::Author>,
    pub pass_mark: u32,
    pub license: Option<String>,
    pub contact: Option<String>,
    pub audience: Option<String>,
    pub cpd_hours: Option<f64>,
    /// The generated cover picture of the home page (inline SVG).
    pub cover_svg: String,
}

/// The URLs `write` gave the files it copied, for templates and links.
#[derive(Debug, Default, Serialize)]
pub struct Assets {
    pub css: String,
    pub scripts: Vec<String>,
    pub data: String,
    pub favicon: String,
    /// Media source path → URL from the site root; links use it, templates do not see it.
    #[serde(skip)]
    pub media: std::collections::BTreeMap<String, String>,
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
    pub anchor: String,
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

/// How a page shows Markdown: its links resolved, and the path back to the site root.
pub struct Projection<'a> {
    pub linker: &'a dyn Linker,
    pub root: &'a str,
}

impl Projection<'_> {
    fn md(&self, text: Option<&str>) -> String {
        text.map(|t| inline_html(t, self.linker)).unwrap_or_default()
    }

    fn see(&self, see: Option<&SeeLink>) -> Option<SeeView> {
        see.map(|s| SeeView { url: format!("{}{}", self.root, s.url), label: s.label.clone() })
    }
}

impl QuizView {
    /// The quiz as embedded whole: without the questions that are embedded on their own
    /// elsewhere (`standalone` holds their `quiz-id/question-id` keys), numbered from 1.
    pub fn whole(quiz: &Quiz, standalone: &std::collections::BTreeSet<String>, page: &Projection<'_>) -> Self {
        let questions = quiz
            .questions
            .iter()
            .filter(|q| !standalone.contains(&q.key))
            .enumerate()
            .map(|(i, q)| question_view(i + 1, q, page))
            .collect();
        Self::with_questions(quiz, questions)
    }

    /// The quiz's frame and one of its questions, embedded on its own (unnumbered: other
    /// questions of the quiz may be numbered on the same page).
    pub fn single(quiz: &Quiz, question_id: &str, page: &Projection<'_>) -> Option<(Self, QuestionView)> {
        let question = quiz.question(question_id)?;
        Some((Self::with_questions(quiz, Vec::new()), question_view(0, question, page)))
    }

    fn with_questions(quiz: &Quiz, questions: Vec<QuestionView>) -> Self {
        Self { id: quiz.id.clone(), title: quiz.title.clone(), pass_mark: quiz.pass_mark, questions }
    }
}

/// `number` is the question's number in its quiz form, 0 for a question embedded on its own.
fn question_view(number: usize, q: &Question, page: &Projection<'_>) -> QuestionView {
    QuestionView {
        id: q.id.clone(),
        key: q.key.clone(),
        anchor: q.anchor.clone(),
        kind: q.kind,
        number,
        title: q.title.clone(),
        text_html: page.md(q.text.as_deref()),
        objectives: q.objectives.clone(),
        explanation_html: page.md(q.explanation.as_deref()),
        shuffle: q.shuffle,
        options: q
            .options
            .iter()
            .map(|o| OptionView {
                id: o.id.clone(),
                text_html: inline_html(&o.text, page.linker),
                correct: o.correct,
                feedback_html: page.md(o.feedback.as_deref()),
                see: page.see(o.see.as_ref()),
            })
            .collect(),
        start: q.start.clone(),
        nodes: q.nodes.iter().map(|n| node_view(n, page)).collect(),
    }
}

fn node_view(n: &crate::resolve::Node, page: &Projection<'_>) -> NodeView {
    NodeView {
        id: n.id.clone(),
        text_html: page.md(n.text.as_deref()),
        choices: n
            .choices
            .iter()
            .map(|c| ChoiceView {
                id: c.id.clone(),
                text_html: inline_html(&c.text, page.linker),
                rating: c.rating,
                feedback_html: page.md(c.feedback.as_deref()),
                next: c.next.clone(),
                see: page.see(c.see.as_ref()),
            })
            .collect(),
        ending: n.ending.as_ref().map(|e| EndingView {
            outcome: e.outcome,
            title: e.title.clone(),
            debrief_html: page.md(e.debrief.as_deref()),
        }),
    }
}
