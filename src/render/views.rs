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
    /// The question texts of the home page's review, loaded by the runtime only when reviewing.
    pub review: String,
    /// The words of every scenario's choices and endings, loaded by the progress report and the
    /// supervisor view only.
    pub scenario_texts: String,
    /// The search index (`render::search`), loaded by the runtime when search is first used.
    pub search: String,
    pub favicon: String,
    /// The web app manifest of an offline course (`None` otherwise, and in `serve`).
    pub manifest: Option<String>,
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
    /// Commentary shown in the ending's debrief when the learner took this choice.
    pub debrief_html: String,
    /// The node the link follows without JavaScript: the otherwise branch of a conditional `next:`.
    pub next: String,
    /// Whether the node it leads to depends on earlier choices (a `next:` with `when:` branches).
    pub conditional: bool,
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
    /// A choice question that must be answered correctly for the quiz to pass.
    pub required: bool,
    /// A counting scenario's passing outcomes (empty when it does not count).
    pub pass_on: Vec<Outcome>,
    /// A counting scenario's minimum path scores, as `rapport at least 2` phrases.
    pub pass_score: Vec<String>,
    pub options: Vec<OptionView>,
    pub start: String,
    pub nodes: Vec<NodeView>,
    pub model_answer_html: String,
    pub rubric: Vec<PartView>,
    pub scored: bool,
    /// Ordering items in the order shown; matching pairs in the author's order.
    pub items: Vec<PartView>,
    /// Matching: the right sides in the order shown, as plain text for a list to pick from.
    pub matches: Vec<MatchView>,
}

/// A criterion, an ordering item or a matching pair: its id, text and feedback as HTML.
#[derive(Debug, Serialize)]
pub struct PartView {
    pub id: String,
    pub text_html: String,
    pub feedback_html: String,
}

#[derive(Debug, Serialize)]
pub struct MatchView {
    /// The pair whose right side this is.
    pub id: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct QuizView {
    pub id: String,
    pub title: String,
    pub pass_mark: u32,
    /// A question pool: how many of `pool` answerable questions each attempt asks.
    pub draw: Option<usize>,
    pub pool: usize,
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

    fn part(&self, id: &str, text: &str, feedback: Option<&str>) -> PartView {
        PartView { id: id.to_string(), text_html: inline_html(text, self.linker), feedback_html: self.md(feedback) }
    }

    fn see(&self, see: Option<&SeeLink>) -> Option<SeeView> {
        see.map(|s| SeeView { url: format!("{}{}", self.root, s.url), label: s.label.clone() })
    }
}

impl QuizView {
    /// The quiz as embedded whole: without the questions that are embedded on their own
    /// elsewhere (`standalone` holds their `quiz-id/question-id` keys), numbered from 1.
    pub fn whole(quiz: &Quiz, standalone: &std::collections::BTreeSet<String>, page: &Projection<'_>) -> Self {
        let questions = quiz.numbered(standalone).map(|(number, q)| question_view(number, quiz, q, page)).collect();
        Self::with_questions(quiz, questions)
    }

    /// The quiz's frame and one of its questions, embedded on its own (unnumbered: other
    /// questions of the quiz may be numbered on the same page).
    pub fn single(quiz: &Quiz, question_id: &str, page: &Projection<'_>) -> Option<(Self, QuestionView)> {
        let question = quiz.question(question_id)?;
        Some((Self::with_questions(quiz, Vec::new()), question_view(1, quiz, question, page)))
    }

    fn with_questions(quiz: &Quiz, questions: Vec<QuestionView>) -> Self {
        Self {
            id: quiz.id.clone(),
            title: quiz.title.clone(),
            pass_mark: quiz.pass.mark,
            draw: quiz.draw,
            pool: quiz.pool_size(),
            questions,
        }
    }
}

/// `number` is the question's number in its quiz form, 0 for a question embedded on its own.
fn question_view(number: usize, quiz: &Quiz, q: &Question, page: &Projection<'_>) -> QuestionView {
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
        required: quiz.pass.required.contains(&q.id),
        pass_on: quiz.pass.scenarios.get(&q.id).cloned().unwrap_or_default(),
        pass_score: quiz.pass.scores.get(&q.id).map(|m| m.iter().map(|(k, v)| format!("{k} at least {v}")).collect()).unwrap_or_default(),
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
        model_answer_html: page.md(q.model_answer.as_deref()),
        rubric: q.rubric.iter().map(|c| page.part(&c.id, &c.text, None)).collect(),
        scored: q.scored,
        items: parts_view(q, page),
        matches: q.shown.iter().filter_map(|&i| q.pairs.get(i)).map(|p| MatchView { id: p.id.clone(), text: p.right.clone() }).collect(),
    }
}

/// Ordering items in the order shown, or matching pairs (their left sides) in order.
fn parts_view(q: &Question, page: &Projection<'_>) -> Vec<PartView> {
    match q.kind {
        QuestionKind::Ordering => {
            q.shown.iter().filter_map(|&i| q.items.get(i)).map(|i| page.part(&i.id, &i.text, i.feedback.as_deref())).collect()
        }
        QuestionKind::Matching => q.pairs.iter().map(|p| page.part(&p.id, &p.left, p.feedback.as_deref())).collect(),
        _ => Vec::new(),
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
                debrief_html: page.md(c.debrief.as_deref()),
                next: c.next.clone(),
                conditional: !c.branches.is_empty(),
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
