//! A checked quiz file becomes render-ready questions: ids, storage keys, anchors, plain
//! titles and every default applied, with each `see:` resolved once to a URL and a label;
//! and its pass rule.

use super::at;
use super::model::{
    Choice, Course, Criterion, Ending, Node, OrderItem, Pair, PassRule, Question, QuizOption, SeeLink, TagGroup, Unreadable,
};
use crate::diagnostics::Diagnostics;
use crate::load::schema::{self, Located, Outcome, QuestionKind, QuizFile};
use crate::markdown::plain_text;

/// The option id an author gave, or `a`, `b`, `c`… by position.
pub fn option_id(index: usize, given: Option<&Located>) -> String {
    given.map_or_else(|| position_letter(index), |id| id.value.clone())
}

fn position_letter(index: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    if index < letters.len() { (letters[index] as char).to_string() } else { format!("o{}", index + 1) }
}

/// Resolves `see:` values against the pages and glossary of the course (and `tags:` against
/// its vocabularies), with its lookups built once.
pub struct SeeResolver<'a> {
    course: &'a Course,
}

impl<'a> SeeResolver<'a> {
    pub fn new(course: &'a Course) -> Self {
        Self { course }
    }

    /// `module-id#heading-id`, `module-id/page-id` or `glossary:term-id`, or why not.
    pub fn resolve(&self, see: &str) -> Result<SeeLink, String> {
        if let Some(term_id) = see.strip_prefix("glossary:") {
            let term = self.course.term(term_id).ok_or_else(|| format!("`see:` names unknown glossary term \"{term_id}\""))?;
            return Ok(SeeLink { url: format!("glossary/index.html#{}", term.id), label: format!("Glossary: {}", term.term) });
        }
        let (page_id, anchor) = see.split_once('#').unwrap_or((see, ""));
        let Some(page) = self.course.page(page_id) else {
            return Err(format!("`see:` names unknown page \"{page_id}\"{}", self.did_you_mean(page_id)));
        };
        if anchor.is_empty() {
            return Ok(SeeLink { url: page.url.clone(), label: page.title.clone() });
        }
        let heading = page.doc.headings.iter().find(|h| h.id == anchor);
        let heading = heading.ok_or_else(|| format!("page \"{page_id}\" has no heading with id \"{anchor}\""))?;
        Ok(SeeLink { url: format!("{}#{anchor}", page.url), label: format!("{}: {}", page.title, heading.text) })
    }

    fn did_you_mean(&self, page: &str) -> String {
        crate::diagnostics::did_you_mean(page, self.course.index.pages.keys().map(String::as_str))
            .map(|p| format!(" (did you mean \"{p}\"?)"))
            .unwrap_or_default()
    }

    /// Resolves one `see:` of the quiz file `path`, reporting a bad one.
    /// An item's `tags:` checked against the course's vocabularies.
    fn tags(&self, path: &str, tags: &schema::Tags, diags: &mut Diagnostics) -> Vec<TagGroup> {
        super::tags::resolve(&self.course.config, &super::tags::pairs(tags), path, 0, diags)
    }

    fn located(&self, path: &str, see: Option<&Located>, diags: &mut Diagnostics) -> Option<SeeLink> {
        let see = see?;
        self.resolve(&see.value)
            .map_err(|message| {
                if !self.points_points_into_unreadable(&see.value) {
                    let hint = "write `see: module-id#heading-id`, `see: module-id/page-id` or `see: glossary:term-id`";
                    diags.error(path, at(see, 0), message, Some(hint.to_string()));
                }
            })
            .ok()
    }

    /// Whether `see` points into a file that failed to load (and was reported already).
    fn points_points_into_unreadable(&self, see: &str) -> bool {
        let unreadable = match see.strip_prefix("glossary:") {
            Some(_) => Unreadable::Glossary,
            None => Unreadable::Page(see.split_once('#').map_or(see, |(page, _)| page).to_string()),
        };
        self.course.is_unreadable(&unreadable)
    }
}

/// The ending outcomes that pass a scenario that counts towards its quiz, or `None` when it does
/// not count: its `pass_on:`, else `[positive]` when it is `required: true`.
pub(crate) fn passing_outcomes(question: &schema::Question) -> Option<Vec<Outcome>> {
    if question.kind != QuestionKind::Scenario {
        return None;
    }
    let required = question.required.as_ref().is_some_and(|r| r.value);
    let by_score = question.pass_score.is_some();
    question
        .pass_on
        .as_ref()
        .map(|p| p.value.clone())
        .or_else(|| required.then(|| vec![Outcome::Positive]))
        .or_else(|| by_score.then(|| vec![Outcome::Positive, Outcome::Mixed, Outcome::Negative]))
}

/// What passing the quiz takes: `mark` percent, its required choice questions answered
/// correctly in the same attempt and each counting scenario once ended in a passing outcome.
pub fn pass_rule(mark: u32, file: &QuizFile) -> PassRule {
    let is_required = |q: &&schema::Question| q.required.as_ref().is_some_and(|r| r.value);
    PassRule {
        mark,
        required: file
            .questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple))
            .filter(is_required)
            .map(|q| q.id.value.clone())
            .collect(),
        scenarios: file.questions.iter().filter_map(|q| passing_outcomes(q).map(|p| (q.id.value.clone(), p))).collect(),
        scores: file
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Scenario)
            .filter_map(|q| q.pass_score.as_ref().map(|s| (q.id.value.clone(), s.value.clone())))
            .collect(),
    }
}

/// The questions of the quiz `quiz_id` read from `path`.
pub fn questions(quiz_id: &str, path: &str, file: QuizFile, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Vec<Question> {
    let shuffle = file.shuffle;
    file.questions.into_iter().map(|q| question(quiz_id, path, shuffle, q, see, diags)).collect()
}

fn question(quiz_id: &str, path: &str, shuffle: bool, q: schema::Question, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Question {
    let id = q.id.value;
    let start = q.start.map(|s| s.value).or_else(|| q.nodes.first().map(|n| n.id.value.clone())).unwrap_or_default();
    let options = q
        .options
        .into_iter()
        .enumerate()
        .map(|(i, o)| QuizOption {
            id: option_id(i, o.id.as_ref()),
            see: see.located(path, o.see.as_ref(), diags),
            text: o.text.value,
            correct: o.correct,
            feedback: o.feedback,
        })
        .collect();
    let nodes = q.nodes.into_iter().map(|n| node(path, n, see, diags)).collect();
    let rubric = q.rubric.into_iter().enumerate().map(|(i, c)| Criterion { id: option_id(i, c.id.as_ref()), text: c.text.value }).collect();
    let items: Vec<OrderItem> = q
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| OrderItem { id: option_id(i, item.id.as_ref()), text: item.text.value, feedback: item.feedback })
        .collect();
    let pairs: Vec<Pair> = q
        .pairs
        .into_iter()
        .enumerate()
        .map(|(i, p)| Pair { id: option_id(i, p.id.as_ref()), left: p.left.value, right: plain_text(&p.right.value), feedback: p.feedback })
        .collect();
    let shown = match q.kind {
        QuestionKind::Ordering => shown_order(items.iter().map(|i| plain_text(&i.text)).collect()),
        QuestionKind::Matching => shown_order(pairs.iter().map(|p| p.right.clone()).collect()),
        _ => Vec::new(),
    };
    let tags = see.tags(path, &q.tags, diags);
    Question {
        key: format!("{quiz_id}/{id}"),
        anchor: format!("q-{quiz_id}-{id}"),
        id,
        kind: q.kind,
        title: q.title.as_deref().map(plain_text),
        text: q.text,
        objectives: q.objectives.into_iter().map(|o| o.value).collect(),
        explanation: q.explanation,
        shuffle: q.shuffle.unwrap_or(shuffle),
        options,
        start,
        nodes,
        model_answer: q.model_answer,
        rubric,
        scored: q.scored,
        items,
        pairs,
        shown,
        tags,
    }
}

/// Indices of `texts` sorted alphabetically (case-insensitively), rotated by one when that is
/// the authored order, so the order shown never gives the answer away.
fn shown_order(texts: Vec<String>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&i| (texts[i].to_lowercase(), i));
    if order.iter().enumerate().all(|(position, &i)| position == i) {
        order.rotate_left(1);
    }
    order
}

fn node(path: &str, n: schema::Node, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Node {
    let choices = n
        .choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let (next, branches) = super::scenario::model_next(&c.next);
            Choice {
                id: option_id(i, c.id.as_ref()),
                see: see.located(path, c.see.as_ref(), diags),
                tags: see.tags(path, &c.tags, diags),
                text: c.text.value,
                rating: c.rating,
                feedback: c.feedback,
                next,
                branches,
                scores: c.scores,
                set: c.set.into_iter().map(|f| f.value).collect(),
                debrief: c.debrief,
            }
        })
        .collect();
    let ending = n.ending.map(|e| Ending { outcome: e.outcome, title: e.title, debrief: e.debrief });
    Node { id: n.id.value, text: n.text, choices, ending }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_shown_is_alphabetical_but_never_the_answer() {
        let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect();
        assert_eq!(shown_order(texts(&["Plan", "act", "Review"])), [1, 0, 2]);
        assert_eq!(shown_order(texts(&["a", "b", "c"])), [1, 2, 0]);
        assert_eq!(shown_order(texts(&["only"])), [0]);
    }

    #[test]
    fn pass_rule_gathers_required_questions_and_counting_scenarios() {
        let yaml = "title: T\nquestions:\n  - {id: a, kind: single, required: true}\n  - {id: b, kind: multiple, required: false}\n  - {id: s, kind: scenario, required: true}\n  - {id: t, kind: scenario, pass_on: [mixed, positive]}\n  - {id: u, kind: scenario}\n";
        let file: QuizFile = crate::load::yaml::parse("q.yaml", yaml, 1).unwrap();
        let rule = pass_rule(70, &file);
        assert_eq!(rule.mark, 70);
        assert_eq!(rule.required, ["a"]);
        let scenarios: Vec<(&str, &[Outcome])> = rule.scenarios.iter().map(|(id, o)| (id.as_str(), o.as_slice())).collect();
        assert_eq!(scenarios, [("s", &[Outcome::Positive][..]), ("t", &[Outcome::Mixed, Outcome::Positive][..])]);
    }

    #[test]
    fn option_ids_default_to_letters() {
        let option: schema::ChoiceOption = crate::load::yaml::parse("q.yaml", "id: x\ntext: T\n", 1).unwrap();
        assert_eq!(option_id(0, None), "a");
        assert_eq!(option_id(2, option.id.as_ref()), "x");
        assert_eq!(option_id(26, None), "o27");
    }
}
