//! Checks of quiz files: ids, answer keys, scenario graphs and objectives (`see:` links are
//! checked where [`super::questions`] resolves them).

use super::questions::option_id;
use super::{at, check_id, suggest};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::schema::{Node, Question, QuestionKind, QuizFile};
use std::collections::{HashMap, HashSet};

/// Everything a quiz check needs to know about the rest of the course.
pub struct Known<'a> {
    pub objectives: &'a HashSet<String>,
    /// False when a module failed to load: an objective not in the list may be one of its.
    pub complete: bool,
}

pub fn check_quiz(path: &str, quiz: &QuizFile, known: &Known<'_>, diags: &mut Diagnostics) {
    let mut ids = HashSet::new();
    if quiz.questions.is_empty() {
        diags.error(path, Pos::new(1, 1), "quiz has no questions", Some("add a `questions:` list with at least one question".to_string()));
    }
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
        match question.kind {
            QuestionKind::Single | QuestionKind::Multiple => check_choice(path, question, diags),
            QuestionKind::Scenario => check_scenario(path, question, diags),
            QuestionKind::Reflection => require_text(path, question, "a reflection needs `text:`, the prompt the learner answers", diags),
        }
    }
}

fn require_text(path: &str, question: &Question, hint: &str, diags: &mut Diagnostics) {
    if question.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.error(path, at(&question.id, 0), format!("question \"{}\" has no text", question.id.value), Some(hint.to_string()));
    }
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

fn check_scenario(path: &str, question: &Question, diags: &mut Diagnostics) {
    let id = &question.id.value;
    if question.nodes.is_empty() {
        diags.error(
            path,
            at(&question.id, 0),
            format!("scenario \"{id}\" has no nodes"),
            Some("add `nodes:`, each with `choices:` or an `ending:`".to_string()),
        );
        return;
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
        return;
    }
    check_graph(path, id, start, question, &nodes, diags);
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
        if !ids.contains(choice.next.value.as_str()) {
            diags.error(
                path,
                at(&choice.next, 0),
                format!("choice leads to unknown node \"{}\"", choice.next.value),
                Some(suggest(&choice.next.value, ids.iter().copied(), "`next:` names a node id of this scenario")),
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
            let next = choice.next.value.as_str();
            if nodes.contains_key(next) && seen.insert(next) {
                stack.push(next);
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
            came_from.entry(choice.next.value.as_str()).or_default().push(*id);
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

    #[test]
    fn scenario_graph_errors() {
        let yaml = "title: T\nquestions:\n  - id: s\n    kind: scenario\n    nodes:\n      - id: a\n        choices:\n          - {text: go, rating: best, feedback: f, next: b}\n          - {text: loop, rating: poor, feedback: f, next: a}\n      - id: b\n        choices:\n          - {text: back, rating: poor, feedback: f, next: a}\n      - id: lost\n        ending: {outcome: mixed, title: L}\n";
        let out = diagnose(yaml).join("\n");
        assert!(out.contains("ending \"lost\" of scenario \"s\" is unreachable"), "{out}");
        assert!(out.contains("from node \"a\" of scenario \"s\" no path reaches an ending"), "{out}");
    }
}
