//! The course data file (`assets/course.<hash>.js`): the structure the browser runtime needs
//! for the dashboard, navigation status, journal, report and score recomputation.
//!
//! It is a classic script that assigns one global, so it loads from `file://` where
//! `fetch()` of local JSON would be refused.

use crate::markdown::plain_text;
use crate::resolve::scenario::Branch;
use crate::resolve::{Course, Outcome, Question, QuestionKind, Quiz, Rating, TagGroup};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
struct Data<'a> {
    id: &'a str,
    title: &'a str,
    version: Option<&'a str>,
    pass_mark: u32,
    modules: Vec<ModuleData<'a>>,
    quizzes: BTreeMap<&'a str, QuizData<'a>>,
    reflections: Vec<ReflectionData<'a>>,
    vignettes: Vec<Link<'a>>,
    /// The course's tag sets, for the report's results by tag.
    vocabularies: Vec<VocabularyData<'a>>,
    /// Every learning objective with its text (plain), for mastery per objective.
    objectives: Vec<Labelled<'a>>,
}

#[derive(Serialize)]
struct VocabularyData<'a> {
    id: &'a str,
    label: &'a str,
    terms: Vec<TermData<'a>>,
}

#[derive(Serialize)]
struct TermData<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Link<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct ModuleData<'a> {
    id: &'a str,
    number: usize,
    title: &'a str,
    url: &'a str,
    minutes: Option<u32>,
    pages: Vec<Link<'a>>,
    quizzes: &'a [String],
    /// Ids of the learning objectives (an LMS receives one `cmi.objectives` record each).
    objectives: Vec<&'a str>,
}

#[derive(Serialize)]
struct QuizData<'a> {
    title: &'a str,
    pass_mark: u32,
    /// Ids of the choice questions the passing attempt must answer correctly.
    required: &'a [String],
    /// Counting scenarios by question id, with the ending outcomes that pass them.
    pass_on: &'a BTreeMap<String, Vec<Outcome>>,
    /// Minimum path scores of counting scenarios, by question id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pass_score: &'a BTreeMap<String, BTreeMap<String, i64>>,
    /// A question pool: how many answerable questions an attempt draws.
    #[serde(skip_serializing_if = "Option::is_none")]
    draw: Option<usize>,
    module: Option<&'a str>,
    url: Option<&'a str>,
    questions: Vec<QuestionData<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum QuestionData<'a> {
    Choice {
        id: &'a str,
        kind: QuestionKind,
        /// "Question N" as the whole quiz shows it; none when embedded on its own.
        #[serde(skip_serializing_if = "Option::is_none")]
        number: Option<usize>,
        options: Vec<&'a str>,
        correct: Vec<&'a str>,
        objectives: Vec<&'a str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
    },
    Scenario {
        id: &'a str,
        kind: QuestionKind,
        title: Option<&'a str>,
        start: &'a str,
        nodes: BTreeMap<&'a str, NodeData<'a>>,
        objectives: Vec<&'a str>,
    },
    Reflection {
        id: &'a str,
        kind: QuestionKind,
        prompt: String,
    },
    /// A short written answer; `rubric` holds its criteria, `scored` whether ratings score.
    Short {
        id: &'a str,
        kind: QuestionKind,
        /// Plain text of the title or the task, for the progress report.
        label: String,
        rubric: Vec<Labelled<'a>>,
        scored: bool,
        objectives: Vec<&'a str>,
    },
    /// Ordering (`items` in the correct order) or matching (`pairs` ids; a left side matches
    /// the right side of its own pair).
    Arranged {
        id: &'a str,
        kind: QuestionKind,
        label: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        items: Vec<&'a str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pairs: Vec<&'a str>,
        objectives: Vec<&'a str>,
    },
}

/// An id with its plain text.
#[derive(Serialize)]
struct Labelled<'a> {
    id: &'a str,
    text: String,
}

#[derive(Serialize)]
struct NodeData<'a> {
    choices: Vec<ChoiceData<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ending: Option<EndingData>,
}

#[derive(Serialize)]
struct ChoiceData<'a> {
    id: &'a str,
    next: &'a str,
    rating: Option<Rating>,
    /// Tried in order by the runtime, which evaluates the structured conditions.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    branches: &'a [Branch],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    scores: &'a BTreeMap<String, i64>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    set: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct EndingData {
    outcome: Outcome,
}

#[derive(Serialize)]
struct ReflectionData<'a> {
    key: &'a str,
    prompt: String,
    module: Option<&'a str>,
    title: &'a str,
    url: Option<String>,
}

/// The data file's JavaScript text.
pub fn course_data_js(course: &Course) -> String {
    let data = Data {
        id: &course.config.id,
        title: &course.config.title,
        version: course.config.version.as_deref(),
        pass_mark: course.config.pass_mark,
        modules: course
            .modules
            .iter()
            .map(|m| ModuleData {
                id: &m.id,
                number: m.number,
                title: &m.title,
                url: m.url(),
                minutes: m.minutes,
                pages: m.pages.iter().map(|p| Link { id: &p.id, title: &p.title, url: &p.url }).collect(),
                quizzes: &m.quizzes,
                objectives: m.objectives.iter().map(|o| o.id.as_str()).collect(),
            })
            .collect(),
        quizzes: course.quizzes.iter().map(|(id, q)| (id.as_str(), quiz_data(q, &course.standalone_questions))).collect(),
        reflections: reflections(course),
        vignettes: course.vignettes.iter().map(|v| Link { id: &v.id, title: &v.title, url: &v.url }).collect(),
        vocabularies: course
            .config
            .vocabularies
            .iter()
            .map(|v| VocabularyData {
                id: &v.id,
                label: &v.label,
                terms: v.terms.iter().map(|t| TermData { id: &t.id, label: &t.label }).collect(),
            })
            .collect(),
        objectives: course.modules.iter().flat_map(|m| &m.objectives).map(|o| Labelled { id: &o.id, text: plain_text(&o.text) }).collect(),
    };
    assign("INGROUP_COURSE", &data)
}

/// A classic script that sets the global `name` to `value` as JSON.
fn assign(name: &str, value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // `</script` cannot occur in a separate file, but keep the JSON safe for any embedding.
    format!("window.{name}={};\n", json.replace("</", "<\\/"))
}

fn quiz_data<'a>(quiz: &'a Quiz, standalone: &'a BTreeSet<String>) -> QuizData<'a> {
    let numbers: BTreeMap<&str, usize> = quiz.numbered(standalone).map(|(n, q)| (q.id.as_str(), n)).collect();
    QuizData {
        title: &quiz.title,
        pass_mark: quiz.pass.mark,
        required: &quiz.pass.required,
        pass_on: &quiz.pass.scenarios,
        pass_score: &quiz.pass.scores,
        draw: quiz.draw,
        module: quiz.module.as_deref(),
        url: quiz.page_url.as_deref(),
        questions: quiz.questions.iter().map(|q| question_data(q, numbers.get(q.id.as_str()).copied())).collect(),
    }
}

fn question_data(q: &Question, number: Option<usize>) -> QuestionData<'_> {
    let id = q.id.as_str();
    let objectives = q.objectives.iter().map(String::as_str).collect();
    match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => QuestionData::Choice {
            id,
            kind: q.kind,
            number,
            options: q.options.iter().map(|o| o.id.as_str()).collect(),
            correct: q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()).collect(),
            objectives,
            tags: tag_keys(&q.tags),
        },
        QuestionKind::Scenario => QuestionData::Scenario {
            id,
            kind: q.kind,
            title: q.title.as_deref(),
            start: &q.start,
            nodes: q
                .nodes
                .iter()
                .map(|n| {
                    let choices = n
                        .choices
                        .iter()
                        .map(|c| ChoiceData {
                            id: &c.id,
                            next: &c.next,
                            rating: c.rating,
                            branches: &c.branches,
                            scores: &c.scores,
                            set: &c.set,
                            tags: tag_keys(&c.tags),
                        })
                        .collect();
                    let ending = n.ending.as_ref().map(|e| EndingData { outcome: e.outcome });
                    (n.id.as_str(), NodeData { choices, ending })
                })
                .collect(),
            objectives,
        },
        QuestionKind::Reflection => {
            QuestionData::Reflection { id, kind: q.kind, prompt: plain_text(q.text.as_deref().unwrap_or_default()) }
        }
        QuestionKind::Short => QuestionData::Short {
            id,
            kind: q.kind,
            label: label(q),
            rubric: q.rubric.iter().map(|c| Labelled { id: &c.id, text: plain_text(&c.text) }).collect(),
            scored: q.scored,
            objectives,
        },
        QuestionKind::Ordering | QuestionKind::Matching => QuestionData::Arranged {
            id,
            kind: q.kind,
            label: label(q),
            items: q.items.iter().map(|i| i.id.as_str()).collect(),
            pairs: q.pairs.iter().map(|p| p.id.as_str()).collect(),
            objectives,
        },
    }
}

/// What the progress report calls a question: its title, else its text, as plain text.
fn label(q: &Question) -> String {
    q.title.clone().unwrap_or_else(|| plain_text(q.text.as_deref().unwrap_or_default()))
}

/// Tags as `vocabulary:term` keys.
fn tag_keys(groups: &[TagGroup]) -> Vec<String> {
    groups.iter().flat_map(|g| g.terms.iter().map(move |t| format!("{}:{}", g.vocabulary, t.id))).collect()
}

fn reflections(course: &Course) -> Vec<ReflectionData<'_>> {
    let mut out = Vec::new();
    for quiz in course.quizzes.values() {
        for q in quiz.questions.iter().filter(|q| q.kind == QuestionKind::Reflection) {
            out.push(ReflectionData {
                key: &q.key,
                prompt: plain_text(q.text.as_deref().unwrap_or_default()),
                module: quiz.module.as_deref(),
                title: &quiz.title,
                url: quiz.question_url(q),
            });
        }
    }
    for vignette in &course.vignettes {
        for prompt in &vignette.prompts {
            out.push(ReflectionData {
                key: &prompt.key,
                prompt: prompt.text.clone(),
                module: vignette.module.as_deref(),
                title: &vignette.title,
                url: Some(vignette.url.clone()),
            });
        }
    }
    let order: BTreeMap<&str, usize> = course.modules.iter().map(|m| (m.id.as_str(), m.position)).collect();
    out.sort_by_key(|r| r.module.and_then(|m| order.get(m).copied()).unwrap_or(usize::MAX));
    out
}

/// One choice question as the spaced review shows it on the home page (plain text).
#[derive(Serialize)]
struct ReviewQuestion<'a> {
    text: String,
    /// Where the question lives, relative to the site root.
    url: Option<String>,
    options: Vec<ReviewOption<'a>>,
    explanation: Option<String>,
}

#[derive(Serialize)]
struct ReviewOption<'a> {
    id: &'a str,
    text: String,
    feedback: Option<String>,
}

/// The review data file's JavaScript text: `window.INGROUP_REVIEW = {"quiz-id/question-id": …}`
/// for every choice question. It is a separate file because only the home page's review needs
/// the question texts, and only once the learner opens a review item.
pub fn review_data_js(course: &Course) -> String {
    let mut questions = BTreeMap::new();
    for quiz in course.quizzes.values() {
        for q in quiz.questions.iter().filter(|q| matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple)) {
            let options = q
                .options
                .iter()
                .map(|o| ReviewOption { id: &o.id, text: plain_text(&o.text), feedback: o.feedback.as_deref().map(plain_text) })
                .collect();
            let review = ReviewQuestion {
                text: plain_text(q.text.as_deref().unwrap_or_default()),
                url: quiz.question_url(q),
                options,
                explanation: q.explanation.as_deref().map(plain_text),
            };
            questions.insert(q.key.as_str(), review);
        }
    }
    assign("INGROUP_REVIEW", &questions)
}

/// A scenario node's words: its choices' texts by choice id and its ending's title.
#[derive(Serialize)]
struct NodeTexts<'a> {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    choices: BTreeMap<&'a str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ending: Option<&'a str>,
}

/// The scenario texts file's JavaScript text: `window.INGROUP_SCENARIO_TEXTS = {"quiz-id/question-id":
/// {"node-id": {choices: {"choice-id": text}, ending: title}}}` (plain text). The progress
/// report and the supervisor view list the decisions and endings of finished scenarios; no
/// other page needs the words, so they stay out of the course data file every page loads.
pub fn scenario_texts_js(course: &Course) -> String {
    let mut scenarios = BTreeMap::new();
    for quiz in course.quizzes.values() {
        for q in quiz.questions.iter().filter(|q| q.kind == QuestionKind::Scenario) {
            let nodes: BTreeMap<&str, NodeTexts<'_>> = q
                .nodes
                .iter()
                .map(|n| {
                    let choices = n.choices.iter().map(|c| (c.id.as_str(), plain_text(&c.text))).collect();
                    (n.id.as_str(), NodeTexts { choices, ending: n.ending.as_ref().map(|e| e.title.as_str()) })
                })
                .collect();
            scenarios.insert(q.key.as_str(), nodes);
        }
    }
    assign("INGROUP_SCENARIO_TEXTS", &scenarios)
}
