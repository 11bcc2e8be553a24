//! Path-sensitive scenarios: choices add to named scores and set flags, and a choice's `next:`
//! can be a list of branches chosen by `when:` conditions. This module parses conditions into
//! [`Cond`] (the course data carries them structured, so the browser only evaluates), and
//! checks a scenario by following its paths, up to [`PATH_LIMIT`] of them.
//!
//! Branches are ordered: the first whose condition holds is taken. A last branch without
//! `when:` is the otherwise, and then overlapping conditions are fine. Without an otherwise the
//! branches must cover every path exactly once: two true at once is a warning (the first
//! wins), none true is an error (the learner would be stuck).

use super::lints::{Finding, Lint};
use super::{at, suggest};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::schema::{self, Outcome, Question, Rating};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How many paths through one scenario `check` follows before it gives up with a warning.
pub(crate) const PATH_LIMIT: usize = 10_000;
/// How many decisions `check` follows in all, so that few but very long paths stay fast too.
const STEP_LIMIT: usize = 1_000_000;

/// A comparison operator of a condition; serialized as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cmp {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
}

impl Cmp {
    fn holds(self, left: i64, right: i64) -> bool {
        match self {
            Self::Ge => left >= right,
            Self::Gt => left > right,
            Self::Le => left <= right,
            Self::Lt => left < right,
            Self::Eq => left == right,
            Self::Ne => left != right,
        }
    }
}

/// A parsed `when:` condition. In the course data: `{"compare":{"score":"rapport","op":">=","value":2}}`,
/// `{"flag":"disclosed"}`, `{"not":…}`, `{"and":[…]}`, `{"or":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cond {
    Compare { score: String, op: Cmp, value: i64 },
    Flag(String),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

/// Scores and flags a learner has gathered along a path. A score never added to is 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Gathered {
    scores: BTreeMap<String, i64>,
    flags: BTreeSet<String>,
}

impl Gathered {
    fn apply(&mut self, scores: &BTreeMap<String, i64>, set: &[schema::Located]) {
        for (name, add) in scores {
            let score = self.scores.entry(name.clone()).or_default();
            *score = score.saturating_add(*add);
        }
        self.flags.extend(set.iter().map(|f| f.value.clone()));
    }

    /// For messages: `rapport 2, safety -1, flags: disclosed` (or `nothing gathered`).
    fn describe(&self) -> String {
        let mut parts: Vec<String> = self.scores.iter().map(|(k, v)| format!("{k} {v}")).collect();
        if !self.flags.is_empty() {
            parts.push(format!("flags: {}", self.flags.iter().cloned().collect::<Vec<_>>().join(", ")));
        }
        if parts.is_empty() { "no score or flag yet".to_string() } else { parts.join(", ") }
    }
}

impl Cond {
    pub fn holds(&self, tally: &Gathered) -> bool {
        match self {
            Self::Compare { score, op, value } => op.holds(tally.scores.get(score).copied().unwrap_or(0), *value),
            Self::Flag(flag) => tally.flags.contains(flag),
            Self::Not(inner) => !inner.holds(tally),
            Self::And(all) => all.iter().all(|c| c.holds(tally)),
            Self::Or(any) => any.iter().any(|c| c.holds(tally)),
        }
    }

    /// Every score and flag name the condition reads, with its byte offset in the text.
    fn names<'a>(&'a self, out: &mut Vec<(&'a str, bool)>) {
        match self {
            Self::Compare { score, .. } => out.push((score, true)),
            Self::Flag(flag) => out.push((flag, false)),
            Self::Not(inner) => inner.names(out),
            Self::And(all) | Self::Or(all) => all.iter().for_each(|c| c.names(out)),
        }
    }
}

/// A syntax error in a condition, at a byte offset of its text.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Name(String),
    Int(i64),
    Op(Cmp),
    Open,
    Close,
}

fn tokens(text: &str) -> Result<Vec<(usize, Token)>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let token = match b {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'(' => Token::Open,
            b')' => Token::Close,
            b'>' | b'<' | b'=' | b'!' => {
                let double = bytes.get(i + 1) == Some(&b'=');
                let op = match (b, double) {
                    (b'>', true) => Cmp::Ge,
                    (b'>', false) => Cmp::Gt,
                    (b'<', true) => Cmp::Le,
                    (b'<', false) => Cmp::Lt,
                    (b'=', true) => Cmp::Eq,
                    (b'!', true) => Cmp::Ne,
                    _ => return Err(SyntaxError { offset: start, message: format!("unexpected \"{}\"", b as char) }),
                };
                i += usize::from(double);
                Token::Op(op)
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                let number =
                    text[start..i].parse().map_err(|_| SyntaxError { offset: start, message: "not a whole number".to_string() })?;
                out.push((start, Token::Int(number)));
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while bytes.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-') {
                    i += 1;
                }
                out.push((start, Token::Name(text[start..i].to_string())));
                continue;
            }
            _ => {
                let c = text[start..].chars().next().unwrap_or('?');
                return Err(SyntaxError { offset: start, message: format!("unexpected \"{c}\"") });
            }
        };
        i += 1;
        out.push((start, token));
    }
    Ok(out)
}

/// A recursive-descent parser: `or` of `and` of (`not` unary | `( … )` | name [op number]).
struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    end: usize,
}

const MAX_DEPTH: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end, |(o, _)| *o)
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError { offset: self.offset(), message: message.to_string() }
    }

    fn keyword(&mut self, word: &str) -> bool {
        let found = matches!(self.peek(), Some(Token::Name(n)) if n == word);
        self.at += usize::from(found);
        found
    }

    fn any(&mut self, depth: usize) -> Result<Cond, SyntaxError> {
        let mut all = vec![self.all(depth)?];
        while self.keyword("or") {
            all.push(self.all(depth)?);
        }
        Ok(if all.len() == 1 { all.remove(0) } else { Cond::Or(all) })
    }

    fn all(&mut self, depth: usize) -> Result<Cond, SyntaxError> {
        let mut all = vec![self.unary(depth)?];
        while self.keyword("and") {
            all.push(self.unary(depth)?);
        }
        Ok(if all.len() == 1 { all.remove(0) } else { Cond::And(all) })
    }

    fn unary(&mut self, depth: usize) -> Result<Cond, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("condition nested too deeply"));
        }
        if self.keyword("not") {
            return Ok(Cond::Not(Box::new(self.unary(depth + 1)?)));
        }
        match self.peek().cloned() {
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.any(depth + 1)?;
                if self.peek() != Some(&Token::Close) {
                    return Err(self.error("expected \")\""));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Token::Name(name)) if !["and", "or", "not"].contains(&name.as_str()) => {
                self.at += 1;
                let Some(Token::Op(op)) = self.peek().cloned() else { return Ok(Cond::Flag(name)) };
                self.at += 1;
                let Some(Token::Int(value)) = self.peek().cloned() else { return Err(self.error("expected a whole number")) };
                self.at += 1;
                Ok(Cond::Compare { score: name, op, value })
            }
            _ => Err(self.error("expected a score or flag name")),
        }
    }
}

/// Parses a `when:` condition such as `rapport >= 2 and not (disclosed or safety < 0)`.
pub fn parse(text: &str) -> Result<Cond, SyntaxError> {
    let mut parser = Parser { tokens: tokens(text)?, at: 0, end: text.len() };
    let cond = parser.any(0)?;
    if parser.at < parser.tokens.len() {
        return Err(parser.error("expected \"and\", \"or\" or the end of the condition"));
    }
    Ok(cond)
}

/// One branch of a choice's `next:` in the model: taken when `when` holds (always, if none).
#[derive(Debug, Serialize)]
pub struct Branch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Cond>,
    pub next: String,
}

/// A choice's `next:` for the model: the node a plain link follows (the only target, or the
/// otherwise branch, else the last branch) and the branches (empty for a plain `next:`).
/// Conditions that do not parse are left out here; [`check`] reports them.
pub fn model_next(next: &schema::Next) -> (String, Vec<Branch>) {
    match next {
        schema::Next::Node(id) => (id.value.clone(), Vec::new()),
        schema::Next::Branches(list) => {
            let branches: Vec<Branch> = list
                .iter()
                .map(|b| Branch { when: b.when.as_ref().and_then(|w| parse(&w.value).ok()), next: b.next.value.clone() })
                .collect();
            let default = list.iter().find(|b| b.when.is_none()).or(list.last()).map(|b| b.next.value.clone()).unwrap_or_default();
            (default, branches)
        }
    }
}

/// Position of the byte `offset` of a string value; a quoted value starts one column later.
fn at_offset(value: &schema::Located, offset: usize) -> Pos {
    let base = at(value, 0);
    let quoted = usize::try_from(value.referenced.span().len()).is_ok_and(|len| len == value.value.chars().count() + 2);
    let chars = value.value.get(..offset).map_or(offset, |s| s.chars().count());
    Pos::new(base.line, base.column + chars + usize::from(quoted))
}

/// A choice prepared for path following: its branches with parsed conditions.
struct Step<'a> {
    choice: &'a schema::Choice,
    /// `(condition, target node index, position of the branch)`; `None` target: unknown node.
    branches: Vec<(Option<Cond>, Option<usize>, Pos)>,
    has_otherwise: bool,
}

/// What following every path found.
#[derive(Default)]
struct Walk {
    taken: HashSet<(usize, usize, usize)>,
    endings: HashSet<usize>,
    /// Per choice of the start node, the endings reached after it.
    endings_after_first: HashMap<usize, HashSet<usize>>,
    overlaps: BTreeMap<(usize, usize), (usize, usize, String)>,
    dead_ends: BTreeMap<(usize, usize), String>,
    /// Positive endings reached with a majority of poor choices: `ending -> (poor, choices)`.
    lucky: BTreeMap<usize, (usize, usize)>,
    /// Some path reaches an ending that passes the scenario's `pass_score:` (see [`Target`]).
    passable: bool,
    complete: bool,
}

/// What a play must reach to pass a scenario with `pass_score:`: an ending with one of
/// `outcomes`, with every score at least its minimum.
struct Target<'a> {
    outcomes: Vec<Outcome>,
    minimums: &'a BTreeMap<String, i64>,
}

impl Target<'_> {
    fn met(&self, ending: &schema::Ending, tally: &Gathered) -> bool {
        self.outcomes.contains(&ending.outcome)
            && self.minimums.iter().all(|(name, min)| tally.scores.get(name).copied().unwrap_or(0) >= *min)
    }
}

struct Frame {
    node: usize,
    tally: Gathered,
    next_choice: usize,
    poor: usize,
    depth: usize,
    first: Option<usize>,
}

/// Checks a scenario's scores, flags and conditions, and returns its convergence-lint findings
/// (reported or not by [`super::lints`]). Runs after the graph checks of [`super::quiz`];
/// unknown node ids are reported there and skipped here.
pub(crate) fn check(path: &str, question: &Question, diags: &mut Diagnostics) -> Vec<Finding> {
    let index: HashMap<&str, usize> = question.nodes.iter().enumerate().map(|(i, n)| (n.id.value.as_str(), i)).collect();
    let start = question.start.as_ref().map_or(Some(0), |s| index.get(s.value.as_str()).copied());
    let (Some(start), false) = (start, question.nodes.is_empty()) else { return Vec::new() };
    let steps = prepare(path, question, &index, diags);
    let minimums = question.pass_score.as_ref().filter(|m| !m.value.is_empty());
    let target = minimums.zip(super::questions::passing_outcomes(question)).map(|(m, outcomes)| Target { outcomes, minimums: &m.value });
    let walk = follow(&question.nodes, &steps, start, target.as_ref());
    report_walk(path, question, &steps, start, &walk, diags);
    if let Some(minimums) = minimums {
        check_pass_score(path, question, minimums, &walk, diags);
    }
    convergence(path, question, &steps, start, &walk)
}

/// A `pass_score:` names scores the scenario's choices add to, and some path reaches them at a
/// passing ending (judged only when every path was followed).
fn check_pass_score(
    path: &str,
    question: &Question,
    minimums: &serde_saphyr::Spanned<BTreeMap<String, i64>>,
    walk: &Walk,
    diags: &mut Diagnostics,
) {
    let scenario = &question.id.value;
    let at_field = super::pos(&minimums.referenced, 0);
    let scores: BTreeSet<&str> = question.nodes.iter().flat_map(|n| &n.choices).flat_map(|c| c.scores.keys()).map(String::as_str).collect();
    let unknown: Vec<&str> = minimums.value.keys().map(String::as_str).filter(|n| !scores.contains(n)).collect();
    for name in &unknown {
        let hint = suggest(
            name,
            scores.iter().copied(),
            &format!(
                "no choice of this scenario adds to \"{name}\": add `scores: {{ {name}: 1 }}` to a choice, or remove it from `pass_score:`"
            ),
        );
        diags.error(path, at_field, format!("`pass_score:` of scenario \"{scenario}\" names unknown score \"{name}\""), Some(hint));
    }
    if unknown.is_empty() && walk.complete && !walk.passable {
        let wanted: Vec<String> = minimums.value.iter().map(|(k, v)| format!("{k} {v}")).collect();
        diags.error(
            path,
            at_field,
            format!(
                "no path of scenario \"{scenario}\" reaches a passing ending with at least {}, so its quiz can never be passed",
                wanted.join(", ")
            ),
            Some(
                "lower a minimum of `pass_score:`, give the choices on the way to a passing ending more `scores:`, or widen `pass_on:`"
                    .to_string(),
            ),
        );
    }
}

/// Parses every condition (reporting syntax errors and names no choice sets) and indexes targets.
fn prepare<'a>(path: &str, question: &'a Question, index: &HashMap<&str, usize>, diags: &mut Diagnostics) -> Vec<Vec<Step<'a>>> {
    let scores: HashSet<&str> = question.nodes.iter().flat_map(|n| &n.choices).flat_map(|c| c.scores.keys()).map(String::as_str).collect();
    let flags: HashSet<&str> = question.nodes.iter().flat_map(|n| &n.choices).flat_map(|c| &c.set).map(|f| f.value.as_str()).collect();
    let scenario = &question.id.value;
    for choice in question.nodes.iter().flat_map(|n| &n.choices) {
        for name in choice.scores.keys().map(String::as_str).chain(choice.set.iter().map(|f| f.value.as_str())) {
            if !super::is_valid_id(name) || ["and", "or", "not"].contains(&name) {
                diags.error(
                    path,
                    at(&choice.text, 0),
                    format!("score or flag name \"{name}\" in scenario \"{scenario}\" is not a valid name"),
                    Some("use lowercase letters, digits and hyphens, and not `and`, `or` or `not`".to_string()),
                );
            }
        }
    }
    question
        .nodes
        .iter()
        .map(|node| {
            node.choices
                .iter()
                .map(|choice| {
                    let (branches, has_otherwise) = match &choice.next {
                        schema::Next::Node(id) => (vec![(None, index.get(id.value.as_str()).copied(), at(id, 0))], true),
                        schema::Next::Branches(list) => {
                            check_otherwise(path, scenario, choice, list, diags);
                            let branches = list
                                .iter()
                                .map(|b| {
                                    (condition(path, b, &scores, &flags, diags), index.get(b.next.value.as_str()).copied(), at(&b.next, 0))
                                })
                                .collect();
                            (branches, list.last().is_some_and(|b| b.when.is_none()))
                        }
                    };
                    Step { choice, branches, has_otherwise }
                })
                .collect()
        })
        .collect()
}

/// An empty branch list, or an otherwise that is not last (the branches after it never run).
fn check_otherwise(path: &str, scenario: &str, choice: &schema::Choice, list: &[schema::Branch], diags: &mut Diagnostics) {
    if list.is_empty() {
        diags.error(
            path,
            at(&choice.text, 0),
            format!("a choice in scenario \"{scenario}\" has an empty `next:` list"),
            Some("give `next:` a node id, or branches like `- { when: \"rapport >= 2\", next: node-id }`".to_string()),
        );
    }
    if let Some(early) = list.iter().rev().skip(1).find(|b| b.when.is_none()) {
        diags.error(
            path,
            at(&early.next, 0),
            format!("a branch without `when:` in scenario \"{scenario}\" is not the last one"),
            Some("branches are tried in order, so the otherwise (no `when:`) goes last".to_string()),
        );
    }
}

/// A branch's parsed condition; `None` for the otherwise or a condition with errors.
fn condition(path: &str, branch: &schema::Branch, scores: &HashSet<&str>, flags: &HashSet<&str>, diags: &mut Diagnostics) -> Option<Cond> {
    let when = branch.when.as_ref()?;
    let cond = match parse(&when.value) {
        Ok(cond) => cond,
        Err(e) => {
            diags.error(
                path,
                at_offset(when, e.offset),
                format!("condition \"{}\": {}", when.value, e.message),
                Some("write comparisons like `rapport >= 2` and flag names, joined by `and`, `or`, `not` and parentheses".to_string()),
            );
            return None;
        }
    };
    let mut names = Vec::new();
    cond.names(&mut names);
    let mut unknown = false;
    for (name, is_score) in names {
        let known = if is_score { scores } else { flags };
        if known.contains(name) {
            continue;
        }
        unknown = true;
        let what = if is_score { "score" } else { "flag" };
        let offset = when.value.find(name).unwrap_or(0);
        let hint = suggest(
            name,
            scores.iter().chain(flags.iter()).copied(),
            &format!("no choice of this scenario sets the {what}: add `scores: {{ {name}: 1 }}` or `set: [{name}]` to a choice"),
        );
        diags.error(path, at_offset(when, offset), format!("condition \"{}\" uses unknown {what} \"{name}\"", when.value), Some(hint));
    }
    (!unknown).then_some(cond)
}

/// Follows every path from the start, depth first, cutting a path where it comes back to a
/// node with the same scores and flags (a loop adds nothing new).
fn follow(nodes: &[schema::Node], steps: &[Vec<Step<'_>>], start: usize, target: Option<&Target<'_>>) -> Walk {
    let mut walk = Walk { complete: true, ..Walk::default() };
    let mut on_path: HashSet<(usize, Gathered)> = HashSet::from([(start, Gathered::default())]);
    let mut stack = vec![Frame { node: start, tally: Gathered::default(), next_choice: 0, poor: 0, depth: 0, first: None }];
    let (mut paths, mut taken_steps) = (0, 0);
    while let Some(frame) = stack.last_mut() {
        taken_steps += 1;
        if paths >= PATH_LIMIT || taken_steps > STEP_LIMIT {
            walk.complete = false;
            break;
        }
        let node = frame.node;
        if nodes[node].ending.is_some() || frame.next_choice >= steps[node].len() {
            if nodes[node].ending.is_some() {
                paths += 1;
                record_ending(&mut walk, &nodes[node], node, frame);
                let ending = nodes[node].ending.as_ref();
                walk.passable |= target.zip(ending).is_some_and(|(t, e)| t.met(e, &frame.tally));
            }
            if let Some(done) = stack.pop() {
                on_path.remove(&(done.node, done.tally));
            }
            continue;
        }
        let choice_index = frame.next_choice;
        frame.next_choice += 1;
        let step = &steps[node][choice_index];
        let mut tally = frame.tally.clone();
        tally.apply(&step.choice.scores, &step.choice.set);
        let Some(branch) = pick(&mut walk, step, (node, choice_index), &tally) else {
            paths += 1;
            continue;
        };
        walk.taken.insert((node, choice_index, branch));
        let Some(target) = step.branches[branch].1 else { continue };
        if !on_path.insert((target, tally.clone())) {
            paths += 1;
            continue;
        }
        let poor = frame.poor + usize::from(step.choice.rating == Some(Rating::Poor));
        let first = frame.first.or(Some(choice_index));
        let depth = frame.depth + 1;
        stack.push(Frame { node: target, tally, next_choice: 0, poor, depth, first });
    }
    walk
}

fn record_ending(walk: &mut Walk, node: &schema::Node, index: usize, frame: &Frame) {
    walk.endings.insert(index);
    if let Some(first) = frame.first {
        walk.endings_after_first.entry(first).or_default().insert(index);
    }
    let positive = node.ending.as_ref().is_some_and(|e| e.outcome == Outcome::Positive);
    if positive && frame.poor * 2 > frame.depth {
        let worst = walk.lucky.entry(index).or_insert((frame.poor, frame.depth));
        if frame.poor * worst.1 > worst.0 * frame.depth {
            *worst = (frame.poor, frame.depth);
        }
    }
}

/// The branch a choice takes with `tally`, noting overlaps (no otherwise) and dead ends.
fn pick(walk: &mut Walk, step: &Step<'_>, at: (usize, usize), tally: &Gathered) -> Option<usize> {
    let mut true_branches =
        step.branches.iter().enumerate().filter(|(_, (cond, _, _))| cond.as_ref().is_none_or(|c| c.holds(tally))).map(|(i, _)| i);
    let first = true_branches.next();
    match (first, true_branches.next()) {
        (None, _) if step.branches.is_empty() => {}
        (None, _) => {
            walk.dead_ends.entry(at).or_insert_with(|| tally.describe());
        }
        (Some(a), Some(b)) if !step.has_otherwise => {
            walk.overlaps.entry(at).or_insert_with(|| (a, b, tally.describe()));
        }
        _ => {}
    }
    first
}

fn choice_name(node: &schema::Node, index: usize) -> String {
    format!("choice {} of node \"{}\"", index + 1, node.id.value)
}

fn report_walk(path: &str, question: &Question, steps: &[Vec<Step<'_>>], start: usize, walk: &Walk, diags: &mut Diagnostics) {
    let scenario = &question.id.value;
    let conditional = steps.iter().flatten().any(|s| s.branches.iter().any(|b| b.0.is_some()));
    for (&(node, choice), gathered) in &walk.dead_ends {
        diags.error(
            path,
            at(&question.nodes[node].choices[choice].text, 0),
            format!("no branch of {} in scenario \"{scenario}\" applies with {gathered}", choice_name(&question.nodes[node], choice)),
            Some("add a last branch without `when:` as the otherwise, or widen a condition".to_string()),
        );
    }
    for (&(node, choice), (a, b, gathered)) in &walk.overlaps {
        diags.warning(
            path,
            steps[node][choice].branches[*b].2,
            format!(
                "branches {} and {} of {} in scenario \"{scenario}\" both apply with {gathered}; the first is taken",
                a + 1,
                b + 1,
                choice_name(&question.nodes[node], choice)
            ),
            Some(
                "make the conditions exclusive, or end the list with an otherwise branch (no `when:`) to make the order intended"
                    .to_string(),
            ),
        );
    }
    if !conditional {
        return;
    }
    if !walk.complete {
        diags.warning(
            path,
            at(&question.id, 0),
            format!("scenario \"{scenario}\" has more than {PATH_LIMIT} paths; `check` followed only the first ones"),
            Some("split the scenario, or cut loops that change scores, so that every path can be checked".to_string()),
        );
        return;
    }
    let visited: HashSet<usize> = walk.taken.iter().map(|&(node, _, _)| node).collect();
    for (node, node_steps) in steps.iter().enumerate().filter(|(node, _)| visited.contains(node)) {
        for (choice, step) in node_steps.iter().enumerate().filter(|(_, s)| s.branches.len() > 1) {
            for (branch, (_, _, pos)) in step.branches.iter().enumerate() {
                if !walk.taken.contains(&(node, choice, branch)) {
                    diags.warning(
                        path,
                        *pos,
                        format!("branch {} of {} in scenario \"{scenario}\" is never taken", branch + 1, choice_name(&question.nodes[node], choice)),
                        Some("no path gathers the scores and flags it needs, or an earlier branch always applies first: change the condition or delete the branch".to_string()),
                    );
                }
            }
        }
    }
    let structurally = linked_from(steps, start);
    for (index, node) in question.nodes.iter().enumerate() {
        if node.ending.is_some() && structurally.contains(&index) && !walk.endings.contains(&index) {
            diags.warning(
                path,
                at(&node.id, 0),
                format!("no path of scenario \"{scenario}\" reaches ending \"{}\"", node.id.value),
                Some("the conditions of the branches leading here never hold: lower a threshold or add a branch".to_string()),
            );
        }
    }
}

/// The nodes some chain of targets leads to from `start`, whatever the conditions.
fn linked_from(steps: &[Vec<Step<'_>>], start: usize) -> HashSet<usize> {
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(node) = stack.pop() {
        for target in steps[node].iter().flat_map(|s| &s.branches).filter_map(|b| b.1) {
            if seen.insert(target) {
                stack.push(target);
            }
        }
    }
    seen
}

fn same_consequence(a: &schema::Choice, b: &schema::Choice) -> bool {
    let targets = |c: &schema::Choice| -> Vec<(Option<String>, String)> {
        match &c.next {
            schema::Next::Node(id) => vec![(None, id.value.clone())],
            schema::Next::Branches(list) => list.iter().map(|b| (b.when.as_ref().map(|w| w.value.clone()), b.next.value.clone())).collect(),
        }
    };
    let flags = |c: &schema::Choice| c.set.iter().map(|f| f.value.clone()).collect::<BTreeSet<_>>();
    targets(a) == targets(b) && a.scores == b.scores && flags(a) == flags(b)
}

/// The three scenario-convergence lints: `poor-converges`, `early-choices`, `lucky-ending`.
fn convergence(path: &str, question: &Question, steps: &[Vec<Step<'_>>], start: usize, walk: &Walk) -> Vec<Finding> {
    let scenario = &question.id.value;
    let finding = |lint, pos, message: String, hint: &str| Finding { lint, file: path.to_string(), pos, message, hint: hint.to_string() };
    let mut findings = Vec::new();
    for node in &question.nodes {
        let best: Vec<&schema::Choice> = node.choices.iter().filter(|c| c.rating == Some(Rating::Best)).collect();
        for (index, poor) in node.choices.iter().enumerate().filter(|(_, c)| c.rating == Some(Rating::Poor)) {
            if best.iter().any(|b| same_consequence(b, poor)) {
                findings.push(finding(
                    Lint::PoorConverges,
                    at(&poor.text, 0),
                    format!("poor {} in scenario \"{scenario}\" leads where the best choice does", choice_name(node, index)),
                    "send it to a node that shows its consequence, or make it count: `scores: { rapport: -1 }` and a `when:` branch later",
                ));
            }
        }
    }
    let first_choices = steps[start].len();
    let endings = walk.endings.len();
    if walk.complete
        && first_choices > 1
        && endings > 1
        && (0..first_choices).all(|c| walk.endings_after_first.get(&c).is_some_and(|e| e.len() == endings))
    {
        findings.push(finding(
            Lint::EarlyChoices,
            at(&question.id, 0),
            format!("in scenario \"{scenario}\" every first choice can still reach every ending: early decisions never matter"),
            "let early choices add to a score or set a flag (`scores:`, `set:`) and choose later nodes or endings with `when:`",
        ));
    }
    for (&ending, &(poor, choices)) in &walk.lucky {
        findings.push(finding(
            Lint::LuckyEnding,
            at(&question.nodes[ending].id, 0),
            format!(
                "positive ending \"{}\" of scenario \"{scenario}\" is reached on a path with {poor} poor choices of {choices}",
                question.nodes[ending].id.value
            ),
            "guard the way in with a condition, e.g. `when: \"safety >= 1\"`, so that mostly poor decisions cannot end well",
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(scores: &[(&str, i64)], flags: &[&str]) -> Gathered {
        Gathered { scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(), flags: flags.iter().map(|f| f.to_string()).collect() }
    }

    #[test]
    fn parses_precedence_and_parentheses() {
        let cond = parse("a >= 2 and not b or (c < -1)").unwrap();
        let expected = Cond::Or(vec![
            Cond::And(vec![Cond::Compare { score: "a".into(), op: Cmp::Ge, value: 2 }, Cond::Not(Box::new(Cond::Flag("b".into())))]),
            Cond::Compare { score: "c".into(), op: Cmp::Lt, value: -1 },
        ]);
        assert_eq!(cond, expected);
        assert_eq!(parse("x != 0").unwrap(), Cond::Compare { score: "x".into(), op: Cmp::Ne, value: 0 });
    }

    #[test]
    fn syntax_errors_name_the_offset_of_the_bad_token() {
        assert_eq!(parse("rapport >= two").unwrap_err().offset, 11);
        assert_eq!(parse("rapport => 2").unwrap_err().offset, 8);
        assert_eq!(parse("(a and b").unwrap_err(), SyntaxError { offset: 8, message: "expected \")\"".into() });
        assert_eq!(parse("a b").unwrap_err().offset, 2);
        assert_eq!(parse("").unwrap_err().offset, 0);
        assert!(parse(&"not ".repeat(100)).is_err());
    }

    #[test]
    fn evaluates_against_a_tally() {
        let t = gathered(&[("rapport", 2)], &["disclosed"]);
        assert!(parse("rapport >= 2 and disclosed").unwrap().holds(&t));
        assert!(!parse("rapport > 2 or not disclosed").unwrap().holds(&t));
        assert!(parse("safety == 0").unwrap().holds(&t), "an unset score is 0");
        assert!(parse("not (rapport < 2)").unwrap().holds(&t));
    }

    fn diagnose(nodes: &str) -> String {
        let yaml = format!("title: T\nquestions:\n  - id: s\n    kind: scenario\n    nodes:\n{nodes}");
        let quiz: schema::QuizFile = crate::load::yaml::parse("q.yaml", &yaml, 1).unwrap();
        let mut diags = Diagnostics::default();
        let findings = check("q.yaml", &quiz.questions[0], &mut diags);
        crate::resolve::lints::Tally::default().record(findings, &crate::resolve::lints::Lints::default(), &mut diags);
        diags.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
    }

    const ENDINGS: &str =
        "      - id: good\n        ending: {outcome: positive, title: G}\n      - id: bad\n        ending: {outcome: negative, title: B}\n";

    #[test]
    fn early_choices_change_the_ending_of_the_same_last_choice() {
        let nodes = format!(
            "      - id: a\n        choices:\n          - {{text: warm, rating: best, feedback: f, scores: {{rapport: 1}}, next: b}}\n          - {{text: cold, rating: poor, feedback: f, next: b}}\n      - id: b\n        choices:\n          - text: ask\n            rating: best\n            feedback: f\n            next:\n              - {{when: \"rapport >= 1\", next: good}}\n              - {{next: bad}}\n{ENDINGS}"
        );
        assert_eq!(diagnose(&nodes), "");
    }

    #[test]
    fn reports_unknown_names_dead_ends_overlaps_and_unused_branches() {
        let nodes = format!(
            "      - id: a\n        choices:\n          - {{text: warm, rating: best, feedback: f, scores: {{rapport: 1}}, next: b}}\n          - {{text: cold, rating: poor, feedback: f, next: b}}\n      - id: b\n        choices:\n          - text: ask\n            rating: best\n            feedback: f\n            next:\n              - {{when: \"rapport >= 1\", next: good}}\n              - {{when: \"rapport >= 0\", next: bad}}\n              - {{when: \"rapport > 5\", next: bad}}\n          - text: wait\n            rating: poor\n            feedback: f\n            next:\n              - {{when: \"rapprt > 0\", next: bad}}\n              - {{when: \"rapport == 1\", next: good}}\n{ENDINGS}"
        );
        let out = diagnose(&nodes);
        assert!(out.contains("q.yaml:23:25: error: condition \"rapprt > 0\" uses unknown score \"rapprt\""), "{out}");
        assert!(out.contains("did you mean \"rapport\"?"), "{out}");
        // The unknown name is reported once, not again as a dead end of the same choice.
        assert!(!out.contains("no branch of choice 2"), "{out}");
        assert!(out.contains("branches 1 and 2 of choice 1 of node \"b\" in scenario \"s\" both apply with rapport 1"), "{out}");
        assert!(out.contains("branch 3 of choice 1 of node \"b\" in scenario \"s\" is never taken"), "{out}");
    }

    #[test]
    fn syntax_error_column_counts_the_quote() {
        let nodes = format!(
            "      - id: a\n        choices:\n          - text: go\n            rating: best\n            feedback: f\n            scores: {{x: 1}}\n            next:\n              - {{when: \"x >= y\", next: good}}\n              - {{next: bad}}\n{ENDINGS}"
        );
        let out = diagnose(&nodes);
        assert!(out.contains("q.yaml:13:30: error: condition \"x >= y\": expected a whole number"), "{out}");
    }

    #[test]
    fn convergence_lints() {
        let nodes = format!(
            "      - id: a\n        choices:\n          - {{text: listen, rating: best, feedback: f, next: b}}\n          - {{text: lecture, rating: poor, feedback: f, next: b}}\n      - id: b\n        choices:\n          - {{text: ask, rating: best, feedback: f, next: good}}\n          - {{text: tell, rating: poor, feedback: f, next: bad}}\n{ENDINGS}"
        );
        let out = diagnose(&nodes);
        assert!(out.contains("poor choice 2 of node \"a\" in scenario \"s\" leads where the best choice does"), "{out}");
        assert!(out.contains("every first choice can still reach every ending"), "{out}");
        assert!(!out.contains("positive ending"), "one poor choice of two is no majority: {out}");
    }

    /// 20 decisions of two choices each: 2^20 paths; the second choice branches when `conditional`.
    fn long_chain(conditional: bool) -> String {
        let mut nodes = String::new();
        for i in 0..20 {
            let next = format!("n{}", i + 1);
            let second = if conditional { format!("[{{when: \"s >= 0\", next: {next}}}, {{next: {next}}}]") } else { next.clone() };
            nodes.push_str(&format!(
                "      - id: n{i}\n        choices:\n          - {{text: x, rating: best, feedback: f, scores: {{s: 1}}, next: {next}}}\n          - {{text: y, rating: best, feedback: f, next: {second}}}\n"
            ));
        }
        nodes.push_str("      - id: n20\n        ending: {outcome: positive, title: E}\n");
        nodes
    }

    #[test]
    fn too_many_paths_are_reported_with_the_limit() {
        let out = diagnose(&long_chain(true));
        assert!(out.contains("has more than 10000 paths"), "{out}");
        assert!(!diagnose(&long_chain(false)).contains("paths"), "a scenario without conditions is checked by its graph alone");
    }
}
