//! The course data file (`assets/course.<hash>.js`): the structure the browser runtime needs
//! for the dashboard, navigation status, journal, report and score recomputation.
//!
//! It is a classic script that assigns one global, so it loads from `file://` where
//! `fetch()` of local JSON would be refused.

use crate::load::schema::{Outcome, QuestionKind, Rating};
use crate::markdown::plain_text;
use crate::resolve::quiz::option_id;
use crate::resolve::{Course, Quiz};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Data<'a> {
    id: &'a str,
    title: &'a str,
    version: Option<&'a str>,
    pass_mark: u32,
    modules: Vec<ModuleData<'a>>,
    quizzes: BTreeMap<&'a str, QuizData<'a>>,
    reflections: Vec<ReflectionData>,
    vignettes: Vec<Link<'a>>,
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
    title: String,
    pass_mark: u32,
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
        options: Vec<String>,
        correct: Vec<String>,
        objectives: Vec<&'a str>,
    },
    Scenario {
        id: &'a str,
        kind: QuestionKind,
        title: Option<String>,
        start: &'a str,
        nodes: BTreeMap<&'a str, NodeData<'a>>,
        objectives: Vec<&'a str>,
    },
    Reflection {
        id: &'a str,
        kind: QuestionKind,
        prompt: String,
    },
}

#[derive(Serialize)]
struct NodeData<'a> {
    choices: Vec<ChoiceData<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ending: Option<EndingData<'a>>,
}

#[derive(Serialize)]
struct ChoiceData<'a> {
    id: String,
    /// Plain text, for the progress report's list of decisions.
    text: String,
    next: &'a str,
    rating: Option<Rating>,
}

#[derive(Serialize)]
struct EndingData<'a> {
    outcome: Outcome,
    title: &'a str,
}

#[derive(Serialize)]
struct ReflectionData {
    key: String,
    prompt: String,
    module: Option<String>,
    title: String,
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
        quizzes: course.quizzes.iter().map(|(id, q)| (id.as_str(), quiz_data(q))).collect(),
        reflections: reflections(course),
        vignettes: course.vignettes.iter().map(|v| Link { id: &v.id, title: &v.title, url: &v.url }).collect(),
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    // `</script` cannot occur in a separate file, but keep the JSON safe for any embedding.
    format!("window.INGROUP_COURSE={};\n", json.replace("</", "<\\/"))
}

fn quiz_data(quiz: &Quiz) -> QuizData<'_> {
    QuizData {
        title: plain_text(&quiz.file.title),
        pass_mark: quiz.pass_mark,
        module: quiz.module.as_deref(),
        url: quiz.page_url.as_deref(),
        questions: quiz.file.questions.iter().map(question_data).collect(),
    }
}

fn question_data(q: &crate::load::schema::Question) -> QuestionData<'_> {
    let id = q.id.value.as_str();
    let objectives = q.objectives.iter().map(|o| o.value.as_str()).collect();
    match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let ids: Vec<(String, bool)> =
                q.options.iter().enumerate().map(|(i, o)| (option_id(i, o.id.as_ref().map(|x| x.value.as_str())), o.correct)).collect();
            QuestionData::Choice {
                id,
                kind: q.kind,
                options: ids.iter().map(|(i, _)| i.clone()).collect(),
                correct: ids.into_iter().filter(|(_, c)| *c).map(|(i, _)| i).collect(),
                objectives,
            }
        }
        QuestionKind::Scenario => QuestionData::Scenario {
            id,
            kind: q.kind,
            title: q.title.as_deref().map(plain_text),
            start: q.start.as_ref().map_or_else(|| q.nodes.first().map_or("", |n| n.id.value.as_str()), |s| s.value.as_str()),
            nodes: q
                .nodes
                .iter()
                .map(|n| {
                    let choices = n
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| ChoiceData {
                            id: option_id(i, c.id.as_ref().map(|x| x.value.as_str())),
                            text: plain_text(&c.text.value),
                            next: &c.next.value,
                            rating: c.rating,
                        })
                        .collect();
                    (
                        n.id.value.as_str(),
                        NodeData { choices, ending: n.ending.as_ref().map(|e| EndingData { outcome: e.outcome, title: &e.title }) },
                    )
                })
                .collect(),
            objectives,
        },
        QuestionKind::Reflection => {
            QuestionData::Reflection { id, kind: q.kind, prompt: plain_text(q.text.as_deref().unwrap_or_default()) }
        }
    }
}

fn reflections(course: &Course) -> Vec<ReflectionData> {
    let mut out = Vec::new();
    for quiz in course.quizzes.values() {
        for q in quiz.file.questions.iter().filter(|q| q.kind == QuestionKind::Reflection) {
            out.push(ReflectionData {
                key: format!("{}/{}", quiz.id, q.id.value),
                prompt: plain_text(q.text.as_deref().unwrap_or_default()),
                module: quiz.module.clone(),
                title: plain_text(&quiz.file.title),
                url: quiz.page_url.as_ref().map(|u| format!("{u}#q-{}-{}", quiz.id, q.id.value)),
            });
        }
    }
    for vignette in &course.vignettes {
        for prompt in &vignette.prompts {
            out.push(ReflectionData {
                key: format!("vignette:{}/{}", vignette.id, prompt.id),
                prompt: prompt.text.clone(),
                module: vignette.module.clone(),
                title: vignette.title.clone(),
                url: Some(vignette.url.clone()),
            });
        }
    }
    let order: BTreeMap<&str, usize> = course.modules.iter().map(|m| (m.id.as_str(), m.position)).collect();
    out.sort_by_key(|r| r.module.as_deref().and_then(|m| order.get(m).copied()).unwrap_or(usize::MAX));
    out
}
