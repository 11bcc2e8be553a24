//! The teaching lints of `check`: their names, the `lints:` switches of `course.yaml`, and
//! the tally of what each found.
//!
//! A lint finding is a warning when its lint is on. Whether on or off, every finding is
//! counted, so `check --report` shows what a switched-off lint would still report.

use super::{pos, suggest};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::COURSE_FILE;
use crate::load::schema::Switch;
use serde::Serialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, BTreeSet};

/// A lint family an author can switch off by its name in `course.yaml`'s `lints:` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    /// The correct option is the longest too often.
    AnswerLength,
    /// The correct option sits in the same place too often when options are not shuffled.
    AnswerPosition,
    /// "Select all" questions where most options are correct.
    SelectAll,
    /// A design/justify/construct/appraise objective assessed by recognition questions only.
    HigherOrder,
    /// A scenario choice rated poor leads where the best choice at its node does, with the same scores and flags.
    PoorConverges,
    /// Every first choice of a scenario can still reach every one of its endings.
    EarlyChoices,
    /// A positive ending reached on a path where most choices were poor.
    LuckyEnding,
    /// A question or scenario that must be passed has no `see:` back to the teaching.
    RequiredSee,
}

impl Lint {
    pub const ALL: [Lint; 8] = [
        Lint::AnswerLength,
        Lint::AnswerPosition,
        Lint::SelectAll,
        Lint::HigherOrder,
        Lint::PoorConverges,
        Lint::EarlyChoices,
        Lint::LuckyEnding,
        Lint::RequiredSee,
    ];

    /// The name written in `lints:`.
    pub fn name(self) -> &'static str {
        match self {
            Lint::AnswerLength => "answer-length",
            Lint::AnswerPosition => "answer-position",
            Lint::SelectAll => "select-all",
            Lint::HigherOrder => "higher-order",
            Lint::PoorConverges => "poor-converges",
            Lint::EarlyChoices => "early-choices",
            Lint::LuckyEnding => "lucky-ending",
            Lint::RequiredSee => "required-see",
        }
    }

    fn named(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|lint| lint.name() == name)
    }
}

/// Which lints are switched off; every lint is on unless `course.yaml` says otherwise.
#[derive(Debug, Clone, Default)]
pub struct Lints {
    off: BTreeSet<Lint>,
}

impl Lints {
    pub fn is_on(&self, lint: Lint) -> bool {
        !self.off.contains(&lint)
    }
}

/// Reads the `lints:` map of `course.yaml`; an unknown lint name is an error.
pub(crate) fn switches(map: &BTreeMap<String, Spanned<Switch>>, diags: &mut Diagnostics) -> Lints {
    let mut off = BTreeSet::new();
    for (name, switch) in map {
        match Lint::named(name) {
            Some(lint) if switch.value == Switch::Off => {
                off.insert(lint);
            }
            Some(_) => {}
            None => diags.error(
                COURSE_FILE,
                pos(&switch.referenced, 0),
                format!("unknown lint \"{name}\" in `lints:`"),
                Some(suggest(name, Lint::ALL.map(Lint::name), &format!("the lints are {}", names()))),
            ),
        }
    }
    Lints { off }
}

fn names() -> String {
    Lint::ALL.map(Lint::name).join(", ")
}

/// One thing a lint found, located in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub lint: Lint,
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// How many findings each lint made.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    counts: BTreeMap<Lint, usize>,
}

/// One lint's line in `check --report`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LintCount {
    pub lint: Lint,
    pub on: bool,
    pub findings: usize,
}

impl Tally {
    /// Every lint with its count, in the order of [`Lint::ALL`] (lints that found nothing too).
    pub fn counts(&self, lints: &Lints) -> Vec<LintCount> {
        Lint::ALL
            .into_iter()
            .map(|lint| LintCount { lint, on: lints.is_on(lint), findings: self.counts.get(&lint).copied().unwrap_or(0) })
            .collect()
    }

    /// Counts the findings and reports those of lints that are on as warnings.
    pub(crate) fn record(&mut self, findings: Vec<Finding>, lints: &Lints, diags: &mut Diagnostics) {
        for finding in findings {
            *self.counts.entry(finding.lint).or_default() += 1;
            if lints.is_on(finding.lint) {
                diags.warning(&finding.file, finding.pos, finding.message, Some(finding.hint));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(lint: Lint) -> Finding {
        Finding { lint, file: "q.yaml".to_string(), pos: Pos::new(3, 9), message: "m".to_string(), hint: "h".to_string() }
    }

    #[test]
    fn a_switched_off_lint_is_counted_but_not_reported() {
        let lints = Lints { off: BTreeSet::from([Lint::AnswerLength]) };
        let mut tally = Tally::default();
        let mut diags = Diagnostics::default();
        tally.record(vec![finding(Lint::AnswerLength), finding(Lint::SelectAll)], &lints, &mut diags);
        assert_eq!(diags.warning_count(), 1);
        let counts: Vec<_> = tally.counts(&lints).iter().map(|c| (c.lint, c.on, c.findings)).collect();
        assert_eq!(
            counts,
            [
                (Lint::AnswerLength, false, 1),
                (Lint::AnswerPosition, true, 0),
                (Lint::SelectAll, true, 1),
                (Lint::HigherOrder, true, 0),
                (Lint::PoorConverges, true, 0),
                (Lint::EarlyChoices, true, 0),
                (Lint::LuckyEnding, true, 0),
                (Lint::RequiredSee, true, 0)
            ]
        );
    }

    #[test]
    fn switches_read_names_and_refuse_unknown_ones() {
        let file: crate::load::schema::CourseFile = crate::load::yaml::parse(
            "course.yaml",
            "id: c\ntitle: T\nlints:\n  answer-length: off\n  select-all: on\n  answer-lenght: off\n",
            1,
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let lints = switches(&file.lints, &mut diags);
        assert!(!lints.is_on(Lint::AnswerLength));
        assert!(lints.is_on(Lint::SelectAll));
        let out: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(out, ["course.yaml:6:18: error: unknown lint \"answer-lenght\" in `lints:`\n  help: did you mean \"answer-length\"?"]);
    }
}
