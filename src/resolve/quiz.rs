//! Checks of quiz files: ids, answer keys, scenario graphs, objectives and pass rules (`see:`
//! links are checked where [`super::questions`] resolves them).

use super::lints::Finding;
use super::questions::{option_id, passing_outcomes};
use super::{at, check_id, suggest};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::schema::{Located, Node, Outcome, Question, QuestionKind, QuizFile};
use std::collections::{HashMap, HashSet};

/// Everything a quiz check needs to know about the rest of the course.
pub struct Known<'a> {
    pub objectives: &'a HashSet<String>,
    /// False when a module failed to load: an objective not in the list may be one of its.
    pub complete: bool,
}

/// Reports a quiz's errors, and returns its scenarios' convergence-lint findings.
pub(crate) fn check_quiz(path: &str, quiz: &QuizFile, known: &Known<'_>, diags: &mut Diagnostics) -> Vec<Finding> {
    let mut ids = HashSet::new();
    let mut findings = Vec::new();
    if quiz.questions.is_empty() {
        diags.error(path, Pos::new(1, 1), "quiz has no questions", Some("add a `questions:` list with at least one question".to_string()));
    }
    if let Some(mark) = quiz.pass_mark.as_ref().filter(|m| m.value > 100) {
        diags.error(
            path,
            super::pos(&mark.referenced, 0),
            format!("pass_mark {} is over 100", mark.value),
            Some("pass_mark is a percentage from 0 to 100".to_string()),
        );
    }
    check_draw(path, quiz, diags);
    for question in &quiz.questions {
        if check_id(&question.id, path, 0, "question id", diags) && !ids.insert(question.id.value.as_str()) {
            diags.error(
                path,
                at(&question.id, 0),
                format!("duplicate question id \"{}\"", question.id.value),
                Some("give every question of a quiz its own id".to_string()),
            );
        }
        check_objectives(path, question, known, diags);
        check_pass_rule(path, question, diags);
        match question.kind {
            QuestionKind::Single | QuestionKind::Multiple => check_choice(path, question, diags),
            QuestionKind::Scenario => findings.extend(check_scenario(path, question, diags)),
            QuestionKind::Reflection => require_text(path, question, "a reflection needs `text:`, the prompt the learner answers", diags),
            QuestionKind::Short => check_short(path, question, diags),
            QuestionKind::Ordering => check_ordering(path, question, diags),
            QuestionKind::Matching => check_matching(path, question, diags),
        }
    }
    findings
}

fn require_text(path: &str, question: &Question, hint: &str, diags: &mut Diagnostics) {
    if question.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.error(path, at(&question.id, 0), format!("question \"{}\" has no text", question.id.value), Some(hint.to_string()));
    }
}

/// `required:` fits choice questions and scenarios, `pass_on:` scenarios only, and a counting
/// scenario must have an ending whose outcome passes.
fn check_pass_rule(path: &str, question: &Question, diags: &mut Diagnostics) {
    let id = &question.id.value;
    let required = question.required.as_ref().filter(|r| r.value);
    if let Some(required) = required.filter(|_| question.kind == QuestionKind::Reflection) {
        diags.error(
            path,
            super::pos(&required.referenced, 0),
            format!("reflection \"{id}\" cannot be required"),
            Some("a reflection is never scored; remove `required: true`, or ask a `single` or `multiple` question".to_string()),
        );
    }
    if let Some(pass_on) = &question.pass_on {
        let at_field = super::pos(&pass_on.referenced, 0);
        if question.kind != QuestionKind::Scenario {
            let hint = match question.kind {
                QuestionKind::Reflection => "a reflection is never scored; remove `pass_on:`",
                _ => "`pass_on:` names scenario endings; for a question that must be answered correctly write `required: true`",
            };
            diags.error(path, at_field, format!("question \"{id}\" is not a scenario but has `pass_on:`"), Some(hint.to_string()));
            return;
        }
        if pass_on.value.is_empty() {
            let hint = "list the passing outcomes, e.g. `pass_on: [positive]`, or remove `pass_on:`";
            diags.error(path, at_field, format!("scenario \"{id}\" has an empty `pass_on:`"), Some(hint.to_string()));
            return;
        }
    }
    if let Some(pass_score) = &question.pass_score {
        let at_field = super::pos(&pass_score.referenced, 0);
        if question.kind != QuestionKind::Scenario {
            let hint = "`pass_score:` sets minimum scores of a scenario's path; remove it, or write `required: true` for a question that must be answered correctly";
            diags.error(path, at_field, format!("question \"{id}\" is not a scenario but has `pass_score:`"), Some(hint.to_string()));
            return;
        }
        if pass_score.value.is_empty() {
            let hint = "name at least one score with its minimum, e.g. `pass_score: { rapport: 2 }`, or remove `pass_score:`";
            diags.error(path, at_field, format!("scenario \"{id}\" has an empty `pass_score:`"), Some(hint.to_string()));
            return;
        }
    }
    let Some(passing) = passing_outcomes(question) else { return };
    let outcomes: Vec<Outcome> = question.nodes.iter().filter_map(|n| n.ending.as_ref().map(|e| e.outcome)).collect();
    if !outcomes.is_empty() && !passing.iter().any(|o| outcomes.contains(o)) {
        let field = question.pass_on.as_ref().map(|p| &p.referenced).or(required.map(|r| &r.referenced));
        diags.error(
            path,
            field.map_or_else(|| at(&question.id, 0), |f| super::pos(f, 0)),
            format!("no ending of scenario \"{id}\" has a passing outcome ({}), so its quiz can never be passed", outcome_names(&passing)),
            Some(format!(
                "its endings are {}: name one of them in `pass_on:`, or give an ending such an outcome",
                outcome_names(&outcomes)
            )),
        );
    }
}

/// A pool's `draw:` asks at least one question, no more than the quiz can draw from, and no
/// fewer than its required questions (which every draw includes).
fn check_draw(path: &str, quiz: &QuizFile, diags: &mut Diagnostics) {
    let Some(draw) = &quiz.draw else { return };
    let n = usize::try_from(draw.value).unwrap_or(usize::MAX);
    let pool = quiz.questions.iter().filter(|q| q.kind.is_answerable()).count();
    let is_required =
        |q: &&Question| q.required.as_ref().is_some_and(|r| r.value) && matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple);
    let required = quiz.questions.iter().filter(is_required).count();
    let at_field = super::pos(&draw.referenced, 0);
    let problem = if n == 0 {
        Some(("`draw: 0` asks no question".to_string(), "draw at least 1 question per attempt, or remove `draw:`".to_string()))
    } else if n > pool {
        Some((
            format!("the quiz draws {} per attempt but has only {pool} to draw from", questions(n)),
            format!(
                "write `draw:` from 1 to {pool}, or add questions: only choice, short, ordering and matching questions are drawn (scenarios and reflections are always shown)"
            ),
        ))
    } else if n < required {
        Some((
            format!("the quiz draws {} per attempt but has {required} required questions, which every draw includes", questions(n)),
            format!("raise `draw:` to at least {required}, or make fewer questions `required: true`"),
        ))
    } else {
        None
    };
    if let Some((message, hint)) = problem {
        diags.error(path, at_field, message, Some(hint));
    }
}

/// "1 question", "3 questions".
fn questions(n: usize) -> String {
    if n == 1 { "1 question".to_string() } else { format!("{n} questions") }
}

fn outcome_names(outcomes: &[Outcome]) -> String {
    let mut names: Vec<&str> = outcomes.iter().map(|o| o.name()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(", ")
}

fn check_objectives(path: &str, question: &Question, known: &Known<'_>, diags: &mut Diagnostics) {
    for objective in &question.objectives {
        if known.complete && !known.objectives.contains(&objective.value) {
            let hint = suggest(
                &objective.value,
                known.objectives.iter().map(String::as_str),
                "objective ids are declared in the `objectives:` of module front matter",
            );
            diags.warning(
                path,
                at(objective, 0),
                format!("question \"{}\" names unknown objective \"{}\"", question.id.value, objective.value),
                Some(hint),
            );
        }
    }
}

fn check_choice(path: &str, question: &Question, diags: &mut Diagnostics) {
    let id = &question.id.value;
    require_text(path, question, "add `text:` with the question", diags);
    if question.options.len() < 2 {
        diags.error(
            path,
            at(&question.id, 0),
            format!("question \"{id}\" has fewer than two options"),
            Some("add `options:` with at least two entries".to_string()),
        );
    }
    let correct = question.options.iter().filter(|o| o.correct).count();
    match (question.kind, correct) {
        (_, 0) => diags.error(
            path,
            at(&question.id, 0),
            format!("question \"{id}\" has no correct option"),
            Some("mark one option with `correct: true`".to_string()),
        ),
        (QuestionKind::Single, n) if n > 1 => diags.error(
            path,
            at(&question.id, 0),
            format!("single-choice question \"{id}\" has {n} correct options"),
            Some("keep one `correct: true`, or make it `kind: multiple`".to_string()),
        ),
        _ => {}
    }
    let mut option_ids = HashSet::new();
    for (index, option) in question.options.iter().enumerate() {
        let option_key = option_id(index, option.id.as_ref());
        if !option_ids.insert(option_key.clone()) {
            diags.error(
                path,
                at(&option.text, 0),
                format!("duplicate option id \"{option_key}\" in question \"{id}\""),
                Some("give each option its own `id:` or none at all".to_string()),
            );
        }
        if option.feedback.as_deref().is_none_or(|f| f.trim().is_empty()) {
            diags.warning(
                path,
                at(&option.text, 0),
                format!("option \"{option_key}\" of question \"{id}\" has no feedback"),
                Some("add `feedback:` saying why this option is right or wrong".to_string()),
            );
        }
    }
    if question.explanation.as_deref().is_none_or(|e| e.trim().is_empty()) {
        diags.warning(
            path,
            at(&question.id, 0),
            format!("question \"{id}\" has no explanation"),
            Some("add `explanation:` that points back to the module's teaching".to_string()),
        );
    }
}

/// A short answer needs its prompt, and a scored one a rubric to rate against (a missing model
/// answer or rubric is a teaching lint, see [`super::teaching`]).
fn check_short(path: &str, question: &Question, diags: &mut Diagnostics) {
    require_text(path, question, "add `text:` with the task the learner answers in writing", diags);
    if question.scored && question.rubric.is_empty() {
        diags.error(
            path,
            at(&question.id, 0),
            format!("scored short answer \"{}\" has no rubric", question.id.value),
            Some("add `rubric:` criteria for the learner to rate their answer against, or remove `scored: true`".to_string()),
        );
    }
    let criteria = question.rubric.iter().map(|c| (c.id.as_ref(), &c.text));
    check_part_ids(path, question, "criterion", criteria, diags);
}

fn check_ordering(path: &str, question: &Question, diags: &mut Diagnostics) {
    require_text(path, question, "add `text:` saying what to put in order", diags);
    if question.items.len() < 2 {
        diags.error(
            path,
            at(&question.id, 0),
            format!("ordering question \"{}\" has fewer than two items", question.id.value),
            Some("add `items:` with at least two entries, written in the correct order".to_string()),
        );
    }
    check_part_ids(path, question, "item", question.items.iter().map(|i| (i.id.as_ref(), &i.text)), diags);
    warn_without_explanation(path, question, diags);
}

fn check_matching(path: &str, question: &Question, diags: &mut Diagnostics) {
    let id = &question.id.value;
    require_text(path, question, "add `text:` saying what to match", diags);
    if question.pairs.len() < 2 {
        diags.error(
            path,
            at(&question.id, 0),
            format!("matching question \"{id}\" has fewer than two pairs"),
            Some("add `pairs:` with at least two `{ left, right }` entries".to_string()),
        );
    }
    check_part_ids(path, question, "pair", question.pairs.iter().map(|p| (p.id.as_ref(), &p.left)), diags);
    for (side, texts) in
        [("left", question.pairs.iter().map(|p| &p.left).collect::<Vec<_>>()), ("right", question.pairs.iter().map(|p| &p.right).collect())]
    {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, text) in texts.iter().enumerate() {
            let plain = crate::markdown::plain_text(&text.value).trim().to_lowercase();
            if let Some(first) = seen.insert(plain, index) {
                diags.error(
                    path,
                    at(text, 0),
                    format!("pairs {} and {} of matching question \"{id}\" have the same {side} side", first + 1, index + 1),
                    Some(format!("make every {side} side different, so that each one has exactly one match")),
                );
            }
        }
    }
    warn_without_explanation(path, question, diags);
}

/// The ids of a question's parts (criteria, items, pairs), given or defaulted by position,
/// must be well formed and unique.
fn check_part_ids<'a>(
    path: &str,
    question: &Question,
    what: &str,
    parts: impl Iterator<Item = (Option<&'a Located>, &'a Located)>,
    diags: &mut Diagnostics,
) {
    let mut ids = HashSet::new();
    for (index, (given, text)) in parts.enumerate() {
        if given.is_some_and(|g| !check_id(g, path, 0, &format!("{what} id"), diags)) {
            continue;
        }
        let part_id = option_id(index, given);
        if !ids.insert(part_id.clone()) {
            diags.error(
                path,
                at(given.unwrap_or(text), 0),
                format!("duplicate {what} id \"{part_id}\" in question \"{}\"", question.id.value),
                Some(format!("give each {what} its own `id:` or none at all")),
            );
        }
    }
}

fn warn_without_explanation(path: &str, question: &Question, diags: &mut Diagnostics) {
    if question.explanation.as_deref().is_none_or(|e| e.trim().is_empty()) {
        diags.warning(
            path,
            at(&question.id, 0),
            format!("question \"{}\" has no explanation", question.id.value),
            Some("add `explanation:` that points back to the module's teaching".to_string()),
        );
    }
}

fn check_scenario(path: &str, question: &Question, diags: &mut Diagnostics) -> Vec<Finding> {
    let id = &question.id.value;
    if question.nodes.is_empty() {
        diags.error(
            path,
            at(&question.id, 0),
            format!("scenario \"{id}\" has no nodes"),
            Some("add `nodes:`, each with `choices:` or an `ending:`".to_string()),
        );
        return Vec::new();
    }
    let mut nodes: HashMap<&str, &Node> = HashMap::new();
    let ids = nodes_ids(question);
    for node in &question.nodes {
        if check_id(&node.id, path, 0, "node id", diags) && nodes.insert(node.id.value.as_str(), node).is_some() {
            diags.error(
                path,
                at(&node.id, 0),
                format!("duplicate node id \"{}\" in scenario \"{id}\"", node.id.value),
                Some("give every node of a scenario its own id".to_string()),
            );
        }
        check_node(path, id, node, &ids, diags);
    }
    let start = question.start.as_ref().map_or(question.nodes[0].id.value.as_str(), |s| s.value.as_str());
    if let Some(start_value) = question.start.as_ref().filter(|s| !nodes.contains_key(s.value.as_str())) {
        diags.error(
            path,
            at(start_value, 0),
            format!("scenario \"{id}\" starts at unknown node \"{}\"", start_value.value),
            Some(suggest(&start_value.value, nodes.keys().copied(), "name one of the scenario's node ids")),
        );
        return Vec::new();
    }
    check_graph(path, id, start, question, &nodes, diags);
    super::scenario::check(path, question, diags)
}

fn nodes_ids(question: &Question) -> HashSet<&str> {
    question.nodes.iter().map(|n| n.id.value.as_str()).collect()
}

fn check_node(path: &str, scenario: &str, node: &Node, ids: &HashSet<&str>, diags: &mut Diagnostics) {
    let node_id = &node.id.value;
    match (node.choices.is_empty(), node.ending.is_some()) {
        (true, false) => diags.error(
            path,
            at(&node.id, 0),
            format!("node \"{node_id}\" of scenario \"{scenario}\" leads nowhere"),
            Some("give it `choices:` or make it an `ending:`".to_string()),
        ),
        (false, true) => diags.error(
            path,
            at(&node.id, 0),
            format!("node \"{node_id}\" has both choices and an ending"),
            Some("an ending has no choices; move the choices to another node".to_string()),
        ),
        _ => {}
    }
    for choice in &node.choices {
        for next in choice.next.targets().into_iter().filter(|next| !ids.contains(next.value.as_str())) {
            diags.error(
                path,
                at(next, 0),
                format!("choice leads to unknown node \"{}\"", next.value),
                Some(suggest(&next.value, ids.iter().copied(), "`next:` names a node id of this scenario")),
            );
        }
        if choice.rating.is_none() {
            diags.warning(
                path,
                at(&choice.text, 0),
                format!("choice in node \"{node_id}\" has no rating"),
                Some("add `rating: best`, `acceptable` or `poor` so the debrief can rate the decision".to_string()),
            );
        }
        if choice.feedback.as_deref().is_none_or(|f| f.trim().is_empty()) {
            diags.warning(
                path,
                at(&choice.text, 0),
                format!("choice in node \"{node_id}\" has no feedback"),
                Some("add `feedback:` with the consequence and its rationale".to_string()),
            );
        }
    }
}

/// Every node must be reachable from the start and every reachable node must reach an ending.
fn check_graph(path: &str, scenario: &str, start: &str, question: &Question, nodes: &HashMap<&str, &Node>, diags: &mut Diagnostics) {
    let reachable = reach_from(start, nodes);
    for node in &question.nodes {
        if reachable.contains(node.id.value.as_str()) {
            continue;
        }
        let what = if node.ending.is_some() { "ending" } else { "node" };
        let message = format!("{what} \"{}\" of scenario \"{scenario}\" is unreachable", node.id.value);
        let hint = Some(format!("point a choice's `next:` at \"{}\" or delete it", node.id.value));
        if node.ending.is_some() {
            diags.warning(path, at(&node.id, 0), message, hint);
        } else {
            diags.error(path, at(&node.id, 0), message, hint);
        }
    }
    let finishing = nodes_reaching_an_ending(nodes);
    for node in question.nodes.iter().filter(|n| reachable.contains(n.id.value.as_str()) && !finishing.contains(n.id.value.as_str())) {
        if node.ending.is_none() && !node.choices.is_empty() {
            diags.error(
                path,
                at(&node.id, 0),
                format!("from node \"{}\" of scenario \"{scenario}\" no path reaches an ending", node.id.value),
                Some("break the loop: let at least one choice lead towards an ending".to_string()),
            );
        }
    }
    let endings = question.nodes.iter().filter(|n| n.ending.is_some() && reachable.contains(n.id.value.as_str())).count();
    if endings < 2 {
        diags.warning(
            path,
            at(&question.id, 0),
            format!("scenario \"{scenario}\" has a single path to one ending"),
            Some("add a second ending so choices have consequences".to_string()),
        );
    }
}

fn reach_from<'a>(start: &'a str, nodes: &HashMap<&'a str, &'a Node>) -> HashSet<&'a str> {
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        for choice in nodes.get(id).map(|n| n.choices.as_slice()).unwrap_or_default() {
            for next in choice.next.targets() {
                let next = next.value.as_str();
                if nodes.contains_key(next) && seen.insert(next) {
                    stack.push(next);
                }
            }
        }
    }
    seen
}

/// The nodes from which some path leads to an ending: a walk backwards from the endings over
/// reversed choices, linear in nodes plus choices.
fn nodes_reaching_an_ending<'a>(nodes: &HashMap<&'a str, &'a Node>) -> HashSet<&'a str> {
    let mut came_from: HashMap<&str, Vec<&'a str>> = HashMap::new();
    for (id, node) in nodes {
        for choice in &node.choices {
            for next in choice.next.targets() {
                came_from.entry(next.value.as_str()).or_default().push(*id);
            }
        }
    }
    let mut done: HashSet<&str> = nodes.iter().filter(|(_, n)| n.ending.is_some()).map(|(id, _)| *id).collect();
    let mut stack: Vec<&str> = done.iter().copied().collect();
    while let Some(id) = stack.pop() {
        for &previous in came_from.get(id).map(Vec::as_slice).unwrap_or_default() {
            if done.insert(previous) {
                stack.push(previous);
            }
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnose(yaml: &str) -> Vec<String> {
        let quiz: QuizFile = crate::load::yaml::parse("q.yaml", yaml, 1).unwrap();
        let objectives = HashSet::from(["known".to_string()]);
        let known = Known { objectives: &objectives, complete: true };
        let mut diags = Diagnostics::default();
        check_quiz("q.yaml", &quiz, &known, &mut diags);
        diags.sorted().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn choice_question_without_correct_option_is_located() {
        let out = diagnose(
            "title: T\nquestions:\n  - id: q1\n    kind: single\n    text: Q\n    explanation: E\n    options:\n      - text: A\n        feedback: F\n      - text: B\n        feedback: F\n",
        );
        assert_eq!(out, ["q.yaml:3:9: error: question \"q1\" has no correct option\n  help: mark one option with `correct: true`"]);
    }

    const SCENARIO: &str = "    nodes:\n      - id: a\n        choices:\n          - {text: go, rating: best, feedback: f, next: good}\n          - {text: stop, rating: poor, feedback: f, next: bad}\n      - id: good\n        ending: {outcome: positive, title: G}\n      - id: bad\n        ending: {outcome: negative, title: B}\n";

    #[test]
    fn pass_rules_fit_their_question_kinds() {
        let yaml = format!(
            "title: T\npass_mark: 120\nquestions:\n  - id: r\n    kind: reflection\n    text: Why?\n    required: true\n  - id: c\n    kind: single\n    text: Q\n    explanation: E\n    pass_on: [positive]\n    options:\n      - {{text: A, correct: true, feedback: F}}\n      - {{text: B, feedback: F}}\n  - id: s\n    kind: scenario\n    pass_on: []\n{SCENARIO}"
        );
        let out = diagnose(&yaml);
        assert_eq!(
            out,
            [
                "q.yaml:2:12: error: pass_mark 120 is over 100\n  help: pass_mark is a percentage from 0 to 100",
                "q.yaml:7:15: error: reflection \"r\" cannot be required\n  help: a reflection is never scored; remove `required: true`, or ask a `single` or `multiple` question",
                "q.yaml:12:14: error: question \"c\" is not a scenario but has `pass_on:`\n  help: `pass_on:` names scenario endings; for a question that must be answered correctly write `required: true`",
                "q.yaml:18:14: error: scenario \"s\" has an empty `pass_on:`\n  help: list the passing outcomes, e.g. `pass_on: [positive]`, or remove `pass_on:`",
            ]
        );
    }

    #[test]
    fn a_counting_scenario_needs_an_ending_that_passes() {
        let required =
            format!("title: T\nquestions:\n  - id: s\n    kind: scenario\n    required: true\n{}", SCENARIO.replace("positive", "mixed"));
        let out = diagnose(&required).join("\n");
        assert!(out.starts_with("q.yaml:5:15: error: no ending of scenario \"s\" has a passing outcome (positive)"), "{out}");
        assert!(out.contains("its endings are mixed, negative"), "{out}");
        let fine = format!("title: T\nquestions:\n  - id: s\n    kind: scenario\n    pass_on: [positive, mixed]\n{SCENARIO}");
        assert!(diagnose(&fine).is_empty(), "{:?}", diagnose(&fine));
    }

    #[test]
    fn new_kinds_report_too_few_parts_duplicates_and_a_scored_answer_without_rubric() {
        let yaml = "title: T\nquestions:\n  - id: s\n    kind: short\n    text: Why?\n    scored: true\n  - id: o\n    kind: ordering\n    text: Order\n    explanation: E\n    items:\n      - text: one\n  - id: m\n    kind: matching\n    text: Match\n    explanation: E\n    pairs:\n      - {left: A, right: x}\n      - {left: B, right: X}\n      - {id: a, left: C, right: y}\n";
        let out = diagnose(yaml);
        assert_eq!(
            out,
            [
                "q.yaml:3:9: error: scored short answer \"s\" has no rubric\n  help: add `rubric:` criteria for the learner to rate their answer against, or remove `scored: true`",
                "q.yaml:7:9: error: ordering question \"o\" has fewer than two items\n  help: add `items:` with at least two entries, written in the correct order",
                "q.yaml:19:26: error: pairs 1 and 2 of matching question \"m\" have the same right side\n  help: make every right side different, so that each one has exactly one match",
                "q.yaml:20:14: error: duplicate pair id \"a\" in question \"m\"\n  help: give each pair its own `id:` or none at all",
            ]
        );
    }

    #[test]
    fn scenario_graph_errors() {
        let yaml = "title: T\nquestions:\n  - id: s\n    kind: scenario\n    nodes:\n      - id: a\n        choices:\n          - {text: go, rating: best, feedback: f, next: b}\n          - {text: loop, rating: poor, feedback: f, next: a}\n      - id: b\n        choices:\n          - {text: back, rating: poor, feedback: f, next: a}\n      - id: lost\n        ending: {outcome: mixed, title: L}\n";
        let out = diagnose(yaml).join("\n");
        assert!(out.contains("ending \"lost\" of scenario \"s\" is unreachable"), "{out}");
        assert!(out.contains("from node \"a\" of scenario \"s\" no path reaches an ending"), "{out}");
    }
}
