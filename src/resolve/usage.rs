//! The "never used" findings: glossary terms no page links, references nobody cites,
//! objectives no question assesses and quizzes no page embeds.

use crate::diagnostics::{Diagnostics, Pos};
use crate::load::{GLOSSARY_FILE, REFERENCES_FILE};
use crate::resolve::model::*;
use std::collections::HashSet;

/// What Markdown used, for the "never used" warnings.
#[derive(Default)]
pub(super) struct Usage {
    pub(super) terms: HashSet<String>,
    pub(super) references: HashSet<String>,
    pub(super) objectives_assessed: HashSet<String>,
}

pub(super) fn report_unused(course: &Course, usage: &Usage, diags: &mut Diagnostics) {
    for term in &course.glossary {
        if !usage.terms.contains(&term.id) {
            diags.warning(
                GLOSSARY_FILE,
                term.pos,
                format!("glossary term \"{}\" is never used", term.term),
                Some(format!("link it from a page with `[[{}]]` or remove it", term.term)),
            );
        }
    }
    for reference in &course.references {
        if !usage.references.contains(&reference.id) {
            diags.warning(
                REFERENCES_FILE,
                reference.pos,
                format!("reference \"{}\" is never cited", reference.id),
                Some(format!("cite it with `[@{}]` or remove it", reference.id)),
            );
        }
    }
    for module in &course.modules {
        for objective in &module.objectives {
            if !usage.objectives_assessed.contains(&objective.id) {
                diags.warning(
                    &module.pages[0].doc.path,
                    Pos::new(1, 1),
                    format!("objective \"{}\" is not assessed by any question", objective.id),
                    Some(format!("add `objectives: [{}]` to a question that assesses it", objective.id)),
                );
            }
        }
    }
    for quiz in course.quizzes.values() {
        if quiz.module.is_none() {
            diags.warning(
                &quiz.path,
                Pos::default(),
                format!("quiz \"{}\" is not embedded in any module", quiz.id),
                Some(format!("add `{{{{quiz {}}}}}` to a module page", quiz.id)),
            );
        }
    }
}
