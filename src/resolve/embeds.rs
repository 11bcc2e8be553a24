//! What pages embed and link: every document's Markdown checked, quizzes placed on the pages
//! that embed them, vignettes tied to their module and scenario, and what was used recorded.

use super::links::check_doc;
use super::suggest;
use super::usage::Usage;
use crate::diagnostics::{Diagnostics, LineIndex, Pos};
use crate::markdown::Reference as MdRef;
use crate::resolve::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Checks links, images, terms, citations and directives of every page and vignette.
pub(super) fn check_markdown(course: &mut Course, media: &BTreeMap<String, PathBuf>, diags: &mut Diagnostics) -> Usage {
    let mut usage = Usage::default();
    let mut embeds: Vec<(String, String, String)> = Vec::new();
    let mut used_media = BTreeSet::new();
    let docs: Vec<(Option<(String, String)>, &Doc)> = course
        .documents()
        .map(|(owner, doc)| match owner {
            Owner::Page(module, page) => (Some((module.id.clone(), page.url.clone())), doc),
            Owner::Vignette(_) | Owner::Home => (None, doc),
        })
        .collect();
    for (owner, doc) in docs {
        let doc_usage = check_doc(course, doc, media, diags);
        usage.terms.extend(doc_usage.terms);
        usage.references.extend(doc_usage.references);
        used_media.extend(doc_usage.media);
        if let Some((module, url)) = &owner {
            embeds.extend(doc_usage.quizzes.into_iter().map(|quiz| (quiz, module.clone(), url.clone())));
        }
    }
    register_embeds(course, embeds, diags);
    place_questions(course, diags);
    for quiz in course.quizzes.values() {
        for question in &quiz.questions {
            usage.objectives_assessed.extend(question.objectives.iter().cloned());
        }
    }
    course.media = used_media.into_iter().filter_map(|path| media.get(&path).map(|abs| (path, abs.clone()))).collect();
    usage
}

fn register_embeds(course: &mut Course, embeds: Vec<(String, String, String)>, diags: &mut Diagnostics) {
    for (quiz_id, module_id, page_url) in embeds {
        let Some(quiz) = course.quizzes.get_mut(&quiz_id) else { continue };
        match &quiz.module {
            Some(existing) if *existing != module_id => diags.warning(
                &quiz.path,
                Pos::default(),
                format!("quiz \"{quiz_id}\" is embedded in modules \"{existing}\" and \"{module_id}\""),
                Some("embed a quiz in one module so completion is clear; split it into two quizzes".to_string()),
            ),
            Some(_) => {}
            None => {
                quiz.module = Some(module_id.clone());
                quiz.page_url = Some(page_url);
                if let Some(module) = course.modules.iter_mut().find(|m| m.id == module_id) {
                    module.quizzes.push(quiz_id);
                }
            }
        }
    }
}

/// Questions embedded on their own are left out where their whole quiz is embedded (a page
/// would otherwise show them twice), and a quiz's page is the one that embeds it whole.
/// Each quiz and each question is embedded once: twice would give two forms the same ids.
fn place_questions(course: &mut Course, diags: &mut Diagnostics) {
    let mut standalone = BTreeSet::new();
    let mut alone = Vec::new();
    let mut whole_quiz_pages = BTreeMap::new();
    for (_, page) in course.pages() {
        let lines = LineIndex::new(&page.doc.text);
        for (reference, offset) in &page.doc.references {
            let MdRef::Directive(directive) = reference else { continue };
            let first_time = match directive.kind.as_str() {
                "quiz" => match whole_quiz_pages.entry(directive.target.clone()) {
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(page.url.clone());
                        true
                    }
                    std::collections::btree_map::Entry::Occupied(_) => false,
                },
                "question" | "scenario" | "reflection" => {
                    let first = standalone.insert(directive.target.clone());
                    if first {
                        alone.push((page.doc.path.clone(), lines.pos(page.doc.body_start + offset), directive.target.clone()));
                    }
                    first
                }
                _ => true,
            };
            if !first_time {
                diags.warning(
                    &page.doc.path,
                    lines.pos(page.doc.body_start + offset),
                    format!("\"{}\" is embedded more than once", directive.target),
                    Some("embed each quiz and each question in one place; link to it from elsewhere".to_string()),
                );
            }
        }
    }
    for (path, pos, key) in alone {
        report_scored_outside_form(course, &whole_quiz_pages, &path, pos, &key, diags);
    }
    for (quiz_id, url) in whole_quiz_pages {
        if let Some(quiz) = course.quizzes.get_mut(&quiz_id) {
            quiz.page_url = Some(url);
        }
    }
    course.standalone_questions = standalone;
}

/// A scored question embedded on its own while its quiz is embedded whole would be counted
/// by the quiz's score but be missing from its form ("1 of 4" under three questions).
fn report_scored_outside_form(
    course: &Course,
    whole_quiz_pages: &BTreeMap<String, String>,
    path: &str,
    pos: Pos,
    key: &str,
    diags: &mut Diagnostics,
) {
    let Some((quiz_id, question_id)) = key.split_once('/') else { return };
    let Some(quiz) = course.quizzes.get(quiz_id) else { return };
    let Some(question) = quiz.question(question_id) else { return };
    if quiz.draw.is_some() && question.kind.is_answerable() {
        diags.error(
            path,
            pos,
            format!("\"{key}\" belongs to quiz \"{quiz_id}\", which draws its questions (`draw:`)"),
            Some(format!(
                "a drawn question is asked only in its quiz's form: embed `{{{{quiz {quiz_id}}}}}`, or move \"{question_id}\" into a quiz file of its own"
            )),
        );
        return;
    }
    let scored = matches!(question.kind, QuestionKind::Single | QuestionKind::Multiple);
    if scored && whole_quiz_pages.contains_key(quiz_id) {
        diags.error(
            path,
            pos,
            format!("\"{key}\" is a scored question of quiz \"{quiz_id}\", which is embedded whole elsewhere"),
            Some(format!(
                "the quiz's score would count a question its form does not show: embed only `{{{{quiz {quiz_id}}}}}`, or move \"{question_id}\" into a quiz file of its own and embed that"
            )),
        );
    }
}

pub(super) fn attach_vignettes(course: &mut Course, diags: &mut Diagnostics) {
    let mut links = Vec::new();
    for vignette in &course.vignettes {
        let unknown =
            |id: &&String| !course.modules.iter().any(|m| &m.id == *id) && !course.is_unreadable(&Unreadable::Page((*id).clone()));
        if let Some(module) = vignette.module.as_ref().filter(unknown) {
            diags.error(
                &vignette.doc.path,
                vignette.written_at.module,
                format!("vignette names unknown module \"{module}\""),
                Some(suggest(module, course.modules.iter().map(|m| m.id.as_str()), "`module:` takes a module id")),
            );
        }
        let at = (vignette.doc.path.as_str(), vignette.written_at.scenario);
        links.push(vignette.scenario.as_ref().and_then(|link| scenario_link(course, at, &link.key, diags)));
    }
    for (vignette, link) in course.vignettes.iter_mut().zip(links) {
        vignette.scenario = link;
    }
}

/// The linked scenario `key` of a vignette, if it names one.
/// `at` is where the vignette names it. A key into a quiz file that failed to load is left
/// unchecked: that file's error is reported already.
fn scenario_link(course: &Course, (path, pos): (&str, Pos), key: &str, diags: &mut Diagnostics) -> Option<ScenarioLink> {
    let found = key.split_once('/').and_then(|(q, s)| course.quizzes.get(q).and_then(|quiz| Some((quiz, quiz.question(s)?))));
    match found {
        Some((quiz, question)) if question.kind == QuestionKind::Scenario => {
            let title = question.title.clone().unwrap_or_else(|| quiz.title.clone());
            Some(ScenarioLink { key: key.to_string(), title, url: quiz.question_url(question) })
        }
        Some(_) => {
            let hint = Some("`scenario:` names a question of kind scenario".to_string());
            diags.error(path, pos, format!("\"{key}\" is not a scenario"), hint);
            None
        }
        None if key.split_once('/').is_some_and(|(quiz, _)| course.is_unreadable(&Unreadable::Quiz(quiz.to_string()))) => None,
        None => {
            let hint = Some("write `scenario: quiz-id/question-id`".to_string());
            diags.error(path, pos, format!("vignette names unknown scenario \"{key}\""), hint);
            None
        }
    }
}
