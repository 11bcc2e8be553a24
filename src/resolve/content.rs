//! Resolving the loaded documents into the course model, in order: documents, library,
//! index, quizzes, then what pages embed and use.

use super::documents::{Bodies, left_out, modules, vignettes};
use super::embeds::{attach_vignettes, check_markdown};
use super::library::{glossary, references};
use super::questions::{SeeResolver, pass_rule, questions};
use super::quiz::{Known, check_quiz};
use super::teaching;
use super::usage::report_unused;
use super::{ResolveOptions, at, is_valid_id};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::{DocumentId, LoadedCourse};
use crate::markdown;
use crate::resolve::model::*;
use std::collections::HashSet;

pub fn resolve_documents(course: &mut Course, loaded: LoadedCourse, options: ResolveOptions, diags: &mut Diagnostics) {
    let mut bodies = Bodies::parse_all(&loaded);
    course.unreadable = unreadable(&loaded);
    course.left_out = left_out(&loaded, options);
    course.home = loaded.home.map(|h| bodies.doc(h));
    course.modules = modules(loaded.modules, options, &mut bodies, diags);
    course.vignettes = vignettes(loaded.vignettes, &course.config, options, &mut bodies, diags);
    glossary(course, loaded.glossary, diags);
    super::tags::check_glossary_links(course, diags);
    references(course, loaded.references, diags);
    course.index = Index::build(course);
    let published = loaded.quizzes.into_iter().filter(|q| options.drafts || !q.quiz.draft).collect();
    quizzes(course, published, diags);
    let mut usage = check_markdown(course, &loaded.media, diags);
    usage.terms.extend(course.config.vocabularies.iter().flat_map(|v| v.terms.iter().filter_map(|t| Some(t.glossary.as_ref()?.0.clone()))));
    attach_vignettes(course, diags);
    // With errors present, "never used" findings are mostly their echoes: report them later.
    if !diags.has_errors() {
        report_unused(course, &usage, diags);
    }
}

fn unreadable(loaded: &LoadedCourse) -> std::collections::BTreeSet<Unreadable> {
    let quizzes = loaded.broken_quizzes.iter().map(|id| Unreadable::Quiz(id.clone()));
    let glossary = loaded.glossary_broken.then_some(Unreadable::Glossary);
    let references = loaded.references_broken.then_some(Unreadable::References);
    let documents = loaded.broken_documents.iter().flat_map(|broken| {
        let id = match &broken.id {
            DocumentId::Page(id) => Some(Unreadable::Page(id.clone())),
            DocumentId::Vignette(id) => Some(Unreadable::Vignette(id.clone())),
            DocumentId::Home => None,
        };
        std::iter::once(Unreadable::File(broken.path.clone())).chain(id)
    });
    quizzes.chain(glossary).chain(references).chain(documents).collect()
}

/// The quiz's `id:`, else its file name.
pub(super) fn quiz_id(source: &crate::load::QuizSource) -> String {
    source.quiz.id.as_ref().map_or_else(|| source.stem.clone(), |i| i.value.clone())
}

fn quizzes(course: &mut Course, sources: Vec<crate::load::QuizSource>, diags: &mut Diagnostics) {
    let objectives: HashSet<String> = course.modules.iter().flat_map(|m| m.objectives.iter().map(|o| o.id.clone())).collect();
    // A module that failed to load may declare objectives that questions name.
    let modules_unread = course.unreadable.iter().any(|u| matches!(u, Unreadable::Page(id) if !id.contains('/')));
    let known = Known { objectives: &objectives, complete: !modules_unread };
    let see = SeeResolver::new(course);
    let mut resolved = std::collections::BTreeMap::new();
    let mut findings = Vec::new();
    for source in sources {
        let id = quiz_id(&source);
        let position = source.quiz.id.as_ref().map_or(Pos::default(), |i| at(i, 0));
        if !is_valid_id(&id) {
            diags.error(
                &source.path,
                position,
                format!("quiz id \"{id}\" is not a valid id"),
                Some("use lowercase letters, digits and hyphens (the file name is the default id)".to_string()),
            );
            continue;
        }
        if resolved.contains_key(&id) {
            diags.error(&source.path, position, format!("duplicate quiz id \"{id}\""), Some("give every quiz file its own id".to_string()));
            continue;
        }
        findings.extend(check_quiz(&source.path, &source.quiz, &known, diags));
        findings.extend(teaching::quiz_findings(&source.path, &source.quiz));
        let pass_mark = source.quiz.pass_mark.as_ref().map_or(course.config.pass_mark, |m| m.value.min(100));
        let pass = pass_rule(pass_mark, &source.quiz);
        let draw = source.quiz.draw.as_ref().and_then(|d| usize::try_from(d.value).ok());
        let title = markdown::plain_text(&source.quiz.title);
        let questions = questions(&id, &source.path, source.quiz, &see, diags);
        resolved.insert(id.clone(), Quiz { id, path: source.path, title, pass, draw, module: None, page_url: None, questions });
    }
    course.quizzes = resolved;
    // How objectives are assessed is unknown while a quiz file cannot be read.
    if !course.unreadable.iter().any(|u| matches!(u, Unreadable::Quiz(_))) {
        findings.extend(teaching::objective_findings(course));
    }
    course.lint_findings.record(findings, &course.config.lints, diags);
}
