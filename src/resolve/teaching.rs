//! Item-writing lints: cues that let a learner score without knowing the answer, and
//! higher-order objectives that only recognition questions assess.
//!
//! Thresholds (documented in docs/authoring.md, "Teaching lints"); a quiz with fewer
//! qualifying questions than a lint's minimum is never flagged:
//! - `answer-length`: the correct option is strictly the longest in more than a third of at
//!   least 3 single-answer questions;
//! - `answer-position`: the correct option sits in the same position in more than half of at
//!   least 4 single-answer questions whose options are not shuffled;
//! - `select-all`: more than half the options are correct in more than half of at least 3
//!   `multiple` questions;
//! - `higher-order`: an objective asking to design, justify, construct or appraise is assessed
//!   only by `single`/`multiple` questions (one no question assesses is reported elsewhere).

use super::at;
use super::lints::{Finding, Lint};
use super::model::Course;
use crate::diagnostics::Pos;
use crate::load::schema::{Question, QuestionKind, QuizFile};
use crate::markdown::plain_text;

/// The verbs that mark an objective as asking for more than recognition, in their usual forms.
const HIGHER_ORDER_VERBS: [(&str, &[&str]); 4] = [
    ("design", &["design", "designs", "designed", "designing"]),
    ("justify", &["justify", "justifies", "justified", "justifying", "justification"]),
    ("construct", &["construct", "constructs", "constructed", "constructing"]),
    ("appraise", &["appraise", "appraises", "appraised", "appraising", "appraisal"]),
];

/// The higher-order verb an objective's text uses, if any (whole words, any case).
pub(crate) fn higher_order_verb(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect();
    HIGHER_ORDER_VERBS.iter().find(|(_, forms)| words.iter().any(|w| forms.contains(&w.as_str()))).map(|(verb, _)| *verb)
}

/// The cue lints of one quiz file.
pub(crate) fn quiz_findings(path: &str, quiz: &QuizFile) -> Vec<Finding> {
    [answer_length(path, quiz), answer_position(path, quiz), select_all(path, quiz)].into_iter().flatten().collect()
}

/// A finding about a quiz: `flagged` of `total` questions show the cue; it points at the
/// first flagged question and names them all.
fn quiz_finding(lint: Lint, path: &str, flagged: &[&Question], what: String, fix: &str) -> Finding {
    let pos = flagged.first().map_or(Pos::default(), |q| at(&q.id, 0));
    let ids: Vec<&str> = flagged.iter().map(|q| q.id.value.as_str()).collect();
    Finding { lint, file: path.to_string(), pos, message: what, hint: format!("{fix} (questions {})", ids.join(", ")) }
}

/// Single-answer questions with a well-formed key: two or more options, exactly one correct.
fn single_answer(quiz: &QuizFile) -> impl Iterator<Item = (&Question, usize)> {
    quiz.questions.iter().filter(|q| q.kind == QuestionKind::Single && q.options.len() >= 2).filter_map(|q| {
        let mut correct = q.options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, _)| i);
        match (correct.next(), correct.next()) {
            (Some(index), None) => Some((q, index)),
            _ => None,
        }
    })
}

fn answer_length(path: &str, quiz: &QuizFile) -> Option<Finding> {
    let items: Vec<(&Question, usize)> = single_answer(quiz).collect();
    let flagged: Vec<&Question> = items.iter().filter(|(q, key)| key_is_longest(q, *key)).map(|(q, _)| *q).collect();
    (items.len() >= 3 && flagged.len() * 3 > items.len()).then(|| {
        let what = format!("the correct option is the longest in {} of {} single-answer questions", flagged.len(), items.len());
        let fix = "vary the lengths so length gives nothing away: shorten the correct option or lengthen the distractors";
        quiz_finding(Lint::AnswerLength, path, &flagged, what, fix)
    })
}

/// The correct option is strictly longer, as learners read it, than every other option.
fn key_is_longest(question: &Question, key: usize) -> bool {
    let lengths: Vec<usize> = question.options.iter().map(|o| plain_text(&o.text.value).chars().count()).collect();
    lengths.iter().enumerate().all(|(i, &length)| i == key || length < lengths[key])
}

fn answer_position(path: &str, quiz: &QuizFile) -> Option<Finding> {
    let items: Vec<(&Question, usize)> = single_answer(quiz).filter(|(q, _)| !q.shuffle.unwrap_or(quiz.shuffle)).collect();
    let most_common = (0..items.iter().map(|(_, key)| key + 1).max().unwrap_or(0))
        .max_by_key(|&position| (items.iter().filter(|(_, key)| *key == position).count(), std::cmp::Reverse(position)))?;
    let flagged: Vec<&Question> = items.iter().filter(|(_, key)| *key == most_common).map(|(q, _)| *q).collect();
    (items.len() >= 4 && flagged.len() * 2 > items.len()).then(|| {
        let what = format!(
            "the correct option is option {} in {} of {} unshuffled single-answer questions",
            most_common + 1,
            flagged.len(),
            items.len()
        );
        let fix = "move the correct option to different positions, or set `shuffle: true` on the quiz";
        quiz_finding(Lint::AnswerPosition, path, &flagged, what, fix)
    })
}

fn select_all(path: &str, quiz: &QuizFile) -> Option<Finding> {
    let items: Vec<&Question> = quiz.questions.iter().filter(|q| q.kind == QuestionKind::Multiple && q.options.len() >= 2).collect();
    let flagged: Vec<&Question> =
        items.iter().copied().filter(|q| q.options.iter().filter(|o| o.correct).count() * 2 > q.options.len()).collect();
    (items.len() >= 3 && flagged.len() * 2 > items.len()).then(|| {
        let what = format!("most options are correct in {} of {} \"select all\" questions", flagged.len(), items.len());
        let fix = "ticking nearly everything scores well here: make half or fewer of the options correct, with plausible distractors";
        quiz_finding(Lint::SelectAll, path, &flagged, what, fix)
    })
}

/// Objectives that ask to design, justify, construct or appraise but that only recognition
/// questions assess, pointed at in their module's front matter.
pub(crate) fn objective_findings(course: &Course) -> Vec<Finding> {
    let mut findings = Vec::new();
    for module in &course.modules {
        for objective in &module.objectives {
            let Some(verb) = higher_order_verb(&objective.text) else { continue };
            let assessing: Vec<(&str, &super::model::Question)> = course
                .quizzes
                .values()
                .flat_map(|quiz| quiz.questions.iter().map(move |q| (quiz.id.as_str(), q)))
                .filter(|(_, q)| q.objectives.contains(&objective.id))
                .collect();
            let recognition_only = assessing.iter().all(|(_, q)| matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple));
            if assessing.is_empty() || !recognition_only {
                continue;
            }
            let names: Vec<String> = assessing.iter().map(|(quiz, q)| format!("{quiz}/{}", q.id)).collect();
            findings.push(Finding {
                lint: Lint::HigherOrder,
                file: module.pages[0].doc.path.clone(),
                pos: objective.pos,
                message: format!(
                    "objective \"{}\" asks learners to {verb}, but only recognition questions assess it ({})",
                    objective.id,
                    names.join(", ")
                ),
                hint: format!(
                    "add a scenario, or an open question with a model answer and a rubric, that makes the learner {verb}, with `objectives: [{}]`",
                    objective.id
                ),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(yaml: &str) -> Vec<String> {
        let quiz: QuizFile = crate::load::yaml::parse("q.yaml", yaml, 1).unwrap();
        quiz_findings("q.yaml", &quiz)
            .into_iter()
            .map(|f| format!("{}:{}: {} | {}", f.pos.line, f.lint.name(), f.message, f.hint))
            .collect()
    }

    /// A single-answer question whose options have the given texts; `key` is correct.
    fn single(id: &str, options: &[&str], key: usize) -> String {
        let options: String =
            options.iter().enumerate().map(|(i, text)| format!("      - {{text: \"{text}\", correct: {}}}\n", i == key)).collect();
        format!("  - id: {id}\n    kind: single\n    text: Q\n    options:\n{options}")
    }

    fn multiple(id: &str, correct: usize, total: usize) -> String {
        let options: String = (0..total).map(|i| format!("      - {{text: \"o{i}\", correct: {}}}\n", i < correct)).collect();
        format!("  - id: {id}\n    kind: multiple\n    text: Q\n    options:\n{options}")
    }

    fn quiz(shuffle: bool, questions: &[String]) -> String {
        format!("title: T\nshuffle: {shuffle}\nquestions:\n{}", questions.concat())
    }

    #[test]
    fn longest_key_in_more_than_a_third_is_flagged_with_the_ratio() {
        let long = single("a", &["the long correct one", "short", "tiny"], 0);
        let even = single("b", &["same", "same", "same"], 1);
        let yaml = quiz(true, &[even.clone(), long.clone(), even.replace("id: b", "id: c"), long.replace("id: a", "id: d")]);
        let out = findings(&yaml);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("11:answer-length: the correct option is the longest in 2 of 4 single-answer questions"), "{out:?}");
        assert!(out[0].ends_with("(questions a, d)"), "{out:?}");
    }

    #[test]
    fn a_tie_for_longest_is_no_cue_and_a_third_is_not_more_than_a_third() {
        let tie = single("a", &["twelve chars", "twelve chars", "x"], 0);
        let long = single("b", &["the long correct one", "short"], 0);
        let even = single("c", &["x", "y"], 1);
        assert!(findings(&quiz(true, &[tie, long, even])).is_empty());
    }

    #[test]
    fn small_quizzes_are_never_flagged() {
        let long = single("a", &["the long correct one", "short"], 0);
        assert!(findings(&quiz(true, &[long.clone(), long.replace("id: a", "id: b")])).is_empty());
    }

    #[test]
    fn same_position_in_more_than_half_of_unshuffled_items_is_flagged() {
        let first = |id: &str| single(id, &["yes", "nope", "nah"], 0);
        let second = single("d", &["nope", "yes", "nah"], 1);
        let out = findings(&quiz(false, &[first("a"), first("b"), first("c"), second.clone()]));
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("4:answer-position: the correct option is option 1 in 3 of 4 unshuffled"), "{out:?}");
        assert!(findings(&quiz(true, &[first("a"), first("b"), first("c"), second])).is_empty(), "shuffled options give no cue");
    }

    #[test]
    fn select_all_with_mostly_correct_options_is_flagged() {
        let out = findings(&quiz(true, &[multiple("a", 3, 4), multiple("b", 2, 4), multiple("c", 4, 5)]));
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("4:select-all: most options are correct in 2 of 3 \"select all\" questions"), "{out:?}");
        assert!(findings(&quiz(true, &[multiple("a", 3, 4), multiple("b", 2, 4), multiple("c", 1, 4)])).is_empty());
    }

    #[test]
    fn higher_order_verbs_are_found_in_their_forms_as_whole_words() {
        assert_eq!(higher_order_verb("Design a first session"), Some("design"));
        assert_eq!(higher_order_verb("Critically appraising the evidence"), Some("appraise"));
        assert_eq!(higher_order_verb("Name the justification for a rule"), Some("justify"));
        assert_eq!(higher_order_verb("Reconstruct the designer's view"), None);
        assert_eq!(higher_order_verb("Name the course's one idea."), None);
    }
}
