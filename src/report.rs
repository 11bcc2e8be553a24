//! `ingroup check --report`: the alignment of learning objectives and questions.
//!
//! For every module, each objective and the questions (`quiz-id/question-id`, kind) that name
//! it in their `objectives:`; objectives nothing assesses are flagged, and scored questions that
//! assess no objective are listed, so an author sees at a glance what the course tests.

use crate::resolve::Course;
use crate::resolve::QuestionKind;
use crate::resolve::lints::LintCount;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Serialize)]
pub struct Alignment {
    pub modules: Vec<ModuleAlignment>,
    /// Scored questions (single, multiple, scenario) that name no objective.
    pub unaligned_questions: Vec<QuestionRef>,
    /// Each teaching lint, whether it is on and how many findings it made (counted when off too).
    pub lints: Vec<LintCount>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct ModuleAlignment {
    pub id: String,
    pub number: usize,
    pub title: String,
    /// The file holding the module's front matter.
    pub file: String,
    pub objectives: Vec<ObjectiveAlignment>,
}

#[derive(Debug, Serialize)]
pub struct ObjectiveAlignment {
    pub id: String,
    pub text: String,
    pub assessed: bool,
    pub assessed_by: Vec<QuestionRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionRef {
    pub quiz: String,
    pub question: String,
    pub kind: QuestionKind,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub objectives: usize,
    pub assessed: usize,
    pub not_assessed: usize,
}

/// Builds the report from a resolved course (best effort when the course has errors).
pub fn alignment(course: &Course) -> Alignment {
    let questions: Vec<(QuestionRef, Vec<&str>)> = course
        .quizzes
        .values()
        .flat_map(|quiz| {
            quiz.questions.iter().map(|q| {
                let reference = QuestionRef { quiz: quiz.id.clone(), question: q.id.clone(), kind: q.kind };
                (reference, q.objectives.iter().map(String::as_str).collect())
            })
        })
        .collect();
    let modules: Vec<ModuleAlignment> = course
        .modules
        .iter()
        .map(|module| ModuleAlignment {
            id: module.id.clone(),
            number: module.number,
            title: module.title.clone(),
            file: module.pages[0].doc.path.clone(),
            objectives: module
                .objectives
                .iter()
                .map(|objective| {
                    let assessed_by: Vec<QuestionRef> =
                        questions.iter().filter(|(_, names)| names.contains(&objective.id.as_str())).map(|(q, _)| q.clone()).collect();
                    ObjectiveAlignment {
                        id: objective.id.clone(),
                        text: objective.text.clone(),
                        assessed: !assessed_by.is_empty(),
                        assessed_by,
                    }
                })
                .collect(),
        })
        .collect();
    let unaligned_questions =
        questions.into_iter().filter(|(q, names)| q.kind != QuestionKind::Reflection && names.is_empty()).map(|(q, _)| q).collect();
    let all: Vec<&ObjectiveAlignment> = modules.iter().flat_map(|m| &m.objectives).collect();
    let assessed = all.iter().filter(|o| o.assessed).count();
    let summary = Summary { objectives: all.len(), assessed, not_assessed: all.len() - assessed };
    let lints = course.lint_findings.counts(&course.config.lints);
    Alignment { modules, unaligned_questions, lints, summary }
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Scenario => "scenario",
            QuestionKind::Reflection => "reflection",
        };
        write!(f, "{}/{} ({kind})", self.quiz, self.question)
    }
}

/// The human form: one block per module, one line per objective, its questions indented below.
impl fmt::Display for Alignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Learning objectives and the questions that assess them")?;
        for module in &self.modules {
            writeln!(f, "\nModule {}: {} ({}, {})", module.number, module.title, module.id, module.file)?;
            if module.objectives.is_empty() {
                writeln!(f, "  (no objectives: add `objectives:` to the module's front matter)")?;
            }
            for objective in &module.objectives {
                let mark = if objective.assessed { "ok     " } else { "MISSING" };
                writeln!(f, "  {mark} {}: {}", objective.id, objective.text)?;
                for question in &objective.assessed_by {
                    writeln!(f, "            {question}")?;
                }
                if !objective.assessed {
                    writeln!(f, "            no question assesses it: add `objectives: [{}]` to one that does", objective.id)?;
                }
            }
        }
        if !self.unaligned_questions.is_empty() {
            writeln!(f, "\nScored questions that assess no objective:")?;
            for question in &self.unaligned_questions {
                writeln!(f, "  {question}")?;
            }
        }
        writeln!(f, "\nTeaching lints (findings):")?;
        for count in &self.lints {
            let state = if count.on { "" } else { " (off in course.yaml, not reported)" };
            writeln!(f, "  {:<16} {}{state}", count.lint.name(), count.findings)?;
        }
        let s = &self.summary;
        writeln!(f, "\n{} objective(s): {} assessed, {} not assessed", s.objectives, s.assessed, s.not_assessed)
    }
}

/// The JSON form: the alignment plus the diagnostics, as `check --format json` prints them.
pub fn json(alignment: &Alignment, diags: &crate::diagnostics::Diagnostics) -> String {
    #[derive(Serialize)]
    struct Checked<'a> {
        errors: usize,
        warnings: usize,
        diagnostics: Vec<&'a crate::diagnostics::Diagnostic>,
    }
    #[derive(Serialize)]
    struct Report<'a> {
        alignment: &'a Alignment,
        check: Checked<'a>,
    }
    let check = Checked { errors: diags.error_count(), warnings: diags.warning_count(), diagnostics: diags.sorted() };
    serde_json::to_string_pretty(&Report { alignment, check }).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
