//! Resolving modules, vignettes, glossary, references and quizzes into the course model, and
//! checking every reference made from Markdown.

use super::links::check_doc;
use super::questions::{SeeResolver, questions};
use super::quiz::{Known, check_quiz};
use super::{ResolveOptions, at, check_id, is_valid_id, suggest};
use crate::diagnostics::{Diagnostics, LineIndex, Pos};
use crate::load::schema::{FrontMatter, VignetteFront};
use crate::load::{GLOSSARY_FILE, LoadedCourse, MarkdownSource, ModuleSource, REFERENCES_FILE};
use crate::markdown::{self, Reference as MdRef};
use crate::resolve::model::*;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

pub const PROCESSES: [&str; 4] = ["entrepreneurship", "prototypicality", "advancement", "impresarioship"];

/// Lines before the YAML text in a Markdown file with front matter (the opening `---`).
const FRONT_OFFSET: usize = 1;

pub fn resolve_documents(course: &mut Course, loaded: LoadedCourse, options: ResolveOptions, diags: &mut Diagnostics) {
    let mut bodies = Bodies::parse_all(&loaded);
    course.home = loaded.home.map(|h| bodies.doc(h));
    course.broken_quizzes = loaded.broken_quizzes;
    course.glossary_broken = loaded.glossary_broken;
    course.references_broken = loaded.references_broken;
    course.modules = modules(loaded.modules, options, &mut bodies, diags);
    course.vignettes = vignettes(loaded.vignettes, options, &mut bodies, diags);
    glossary(course, loaded.glossary, diags);
    references(course, loaded.references, diags);
    index_targets(course, diags);
    quizzes(course, loaded.quizzes, diags);
    let usage = check_markdown(course, &loaded.media, diags);
    attach_vignettes(course, diags);
    // With errors present, "never used" findings are mostly their echoes: report them later.
    if !diags.has_errors() {
        report_unused(course, &usage, diags);
    }
}

/// Every Markdown body of the course, parsed in parallel, by source path.
struct Bodies(HashMap<String, ParsedBody>);

impl Bodies {
    fn parse_all(loaded: &LoadedCourse) -> Self {
        let mut sources: Vec<(&str, &str)> =
            loaded.modules.iter().flat_map(|m| m.pages.iter().map(|p| (p.path.as_str(), p.body()))).collect();
        sources.extend(loaded.vignettes.iter().map(|v| (v.path.as_str(), v.body())));
        sources.extend(loaded.home.iter().map(|h| (h.path.as_str(), h.body())));
        Self(sources.par_iter().map(|(path, body)| (path.to_string(), parse_body(body))).collect())
    }

    fn doc<F>(&mut self, source: MarkdownSource<F>) -> Doc {
        match self.0.remove(&source.path) {
            Some((headings, references)) => {
                Doc { path: source.path, text: source.text, body_start: source.body_start, headings, references }
            }
            None => Doc::parse(source.path, source.text, source.body_start),
        }
    }
}

fn safety(front: &FrontMatter) -> Safety {
    Safety { content_warning: front.content_warning.clone(), fictional: front.fictional, reviewed: front.reviewed.clone() }
}

fn modules(sources: Vec<ModuleSource>, options: ResolveOptions, bodies: &mut Bodies, diags: &mut Diagnostics) -> Vec<Module> {
    let mut sources: Vec<ModuleSource> = sources.into_iter().filter(|m| options.drafts || !m.pages[0].front.draft).collect();
    sources.sort_by(|a, b| (a.pages[0].front.order.or(a.number), &a.slug).cmp(&(b.pages[0].front.order.or(b.number), &b.slug)));
    let mut seen_ids = HashSet::new();
    let mut seen_objectives = HashSet::new();
    let mut out = Vec::new();
    for source in sources {
        let first = &source.pages[0];
        if !is_valid_id(&source.slug) {
            diags.error(
                &first.path,
                Pos::default(),
                format!("module name \"{}\" is not a valid id", source.slug),
                Some(format!("rename it to lowercase letters, digits and hyphens, e.g. \"{}\"", markdown::slugify(&source.slug))),
            );
            continue;
        }
        if !seen_ids.insert(source.slug.clone()) {
            diags.error(
                &first.path,
                Pos::default(),
                format!("two modules have the id \"{}\"", source.slug),
                Some("rename one of the files or folders".to_string()),
            );
            continue;
        }
        let objectives = objectives(first, &mut seen_objectives, diags);
        if first.front.minutes.is_none() {
            diags.warning(
                &first.path,
                Pos::new(1, 1),
                "module has no estimated time",
                Some("add `minutes:` to the front matter, e.g. `minutes: 40`".to_string()),
            );
        }
        let position = out.len();
        let number = source.number.map_or(position + 1, |n| n as usize);
        let id = source.slug.clone();
        let title = first.front.title.as_deref().map(markdown::plain_text).unwrap_or_default();
        let summary = first.front.summary.clone();
        let minutes = first.front.minutes;
        let pages = pages(&id, source.pages, options, bodies, diags);
        out.push(Module { id, position, number, title, summary, minutes, objectives, pages, quizzes: Vec::new() });
    }
    out
}

fn objectives(first: &MarkdownSource<FrontMatter>, seen: &mut HashSet<String>, diags: &mut Diagnostics) -> Vec<Objective> {
    let mut out = Vec::new();
    for objective in &first.front.objectives {
        if !check_id(&objective.id, &first.path, FRONT_OFFSET, "objective id", diags) {
            continue;
        }
        if !seen.insert(objective.id.value.clone()) {
            diags.error(
                &first.path,
                at(&objective.id, FRONT_OFFSET),
                format!("duplicate objective id \"{}\"", objective.id.value),
                Some("objective ids are unique across the course; prefix them with the module, e.g. \"wg-explain\"".to_string()),
            );
            continue;
        }
        out.push(Objective { id: objective.id.value.clone(), text: objective.text.clone() });
    }
    out
}

fn pages(
    module_id: &str,
    sources: Vec<MarkdownSource<FrontMatter>>,
    options: ResolveOptions,
    bodies: &mut Bodies,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (index, source) in sources.into_iter().enumerate() {
        if index > 0 && source.front.draft && !options.drafts {
            continue;
        }
        let title = match &source.front.title {
            Some(title) if !title.trim().is_empty() => markdown::plain_text(title),
            _ => {
                diags.error(&source.path, Pos::new(1, 1), "page has no title", Some("add `title: …` to the front matter".to_string()));
                source.slug.clone()
            }
        };
        if index > 0 && !source.front.objectives.is_empty() {
            diags.warning(
                &source.path,
                Pos::new(1, 1),
                "objectives on a module's later page are ignored",
                Some("move `objectives:` to the module's index.md".to_string()),
            );
        }
        let (id, url) = if index == 0 {
            (module_id.to_string(), format!("{module_id}/index.html"))
        } else {
            if !is_valid_id(&source.slug) || !seen.insert(source.slug.clone()) {
                diags.error(
                    &source.path,
                    Pos::default(),
                    format!("page name \"{}\" is not a valid, unique id", source.slug),
                    Some("use lowercase letters, digits and hyphens, unique within the module".to_string()),
                );
                continue;
            }
            (format!("{module_id}/{}", source.slug), format!("{module_id}/{}/index.html", source.slug))
        };
        let safety = safety(&source.front);
        out.push(Page { id, url, title, safety, doc: bodies.doc(source) });
    }
    out
}

fn vignettes(
    sources: Vec<MarkdownSource<VignetteFront>>,
    options: ResolveOptions,
    bodies: &mut Bodies,
    diags: &mut Diagnostics,
) -> Vec<Vignette> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for source in sources.into_iter().filter(|v| options.drafts || !v.front.draft) {
        if !is_valid_id(&source.slug) || !seen.insert(source.slug.clone()) {
            diags.error(
                &source.path,
                Pos::default(),
                format!("vignette name \"{}\" is not a valid, unique id", source.slug),
                Some("rename the file with lowercase letters, digits and hyphens".to_string()),
            );
            continue;
        }
        let front = &source.front;
        for process in &front.processes {
            if !PROCESSES.contains(&process.value.as_str()) {
                diags.error(
                    &source.path,
                    at(process, FRONT_OFFSET),
                    format!("unknown process \"{}\"", process.value),
                    Some(suggest(&process.value, PROCESSES, "use entrepreneurship, prototypicality, advancement or impresarioship")),
                );
            }
        }
        let mut prompts: Vec<Prompt> = Vec::new();
        for prompt in &front.prompts {
            if !check_id(&prompt.id, &source.path, FRONT_OFFSET, "prompt id", diags) {
                continue;
            }
            if prompts.iter().any(|p| p.id == prompt.id.value) {
                diags.error(
                    &source.path,
                    at(&prompt.id, FRONT_OFFSET),
                    format!("duplicate prompt id \"{}\"", prompt.id.value),
                    Some("give every prompt its own id".to_string()),
                );
                continue;
            }
            let key = format!("vignette:{}/{}", source.slug, prompt.id.value);
            prompts.push(Prompt { id: prompt.id.value.clone(), key, text: prompt.text.clone() });
        }
        let safety = Safety {
            content_warning: front.content_warning.clone(),
            fictional: front.fictional.unwrap_or(true),
            reviewed: front.reviewed.clone(),
        };
        out.push(Vignette {
            id: source.slug.clone(),
            url: format!("vignettes/{}/index.html", source.slug),
            title: markdown::plain_text(&front.title),
            setting: front.setting.clone(),
            processes: front.processes.iter().map(|p| p.value.clone()).collect(),
            module: front.module.as_ref().map(|m| m.value.clone()),
            scenario: front.scenario.as_ref().map(|s| ScenarioLink { key: s.value.clone(), title: String::new(), url: None }),
            prompts,
            safety,
            doc: bodies.doc(source),
        });
    }
    out
}

fn glossary(course: &mut Course, entries: Vec<crate::load::schema::TermEntry>, diags: &mut Diagnostics) {
    let mut ids = HashSet::new();
    for entry in &entries {
        let id = entry.id.as_ref().map_or_else(|| markdown::slugify(&entry.term.value), |i| i.value.clone());
        let position = entry.id.as_ref().map_or_else(|| at(&entry.term, 0), |i| at(i, 0));
        if !is_valid_id(&id) || !ids.insert(id.clone()) {
            diags.error(
                GLOSSARY_FILE,
                position,
                format!("glossary id \"{id}\" is invalid or used twice"),
                Some("give the term a unique `id:` of lowercase letters, digits and hyphens".to_string()),
            );
            continue;
        }
        course.glossary.push(Term {
            id,
            pos: position,
            term: entry.term.value.clone(),
            aliases: entry.aliases.clone(),
            definition: entry.definition.clone(),
            see: entry.see.iter().map(|s| s.value.clone()).collect(),
        });
    }
    for entry in &entries {
        for see in &entry.see {
            if !ids.contains(&see.value) {
                diags.error(
                    GLOSSARY_FILE,
                    at(see, 0),
                    format!("`see:` names unknown term \"{}\"", see.value),
                    Some(suggest(&see.value, ids.iter().map(String::as_str), "name the id of another glossary term")),
                );
            }
        }
    }
    course.glossary.sort_by_key(|t| t.term.to_lowercase());
    reindex_terms(course);
}

/// Sorting the glossary moved entries; rebuild the lookup from the sorted list.
fn reindex_terms(course: &mut Course) {
    course.term_index.clear();
    for (index, term) in course.glossary.iter().enumerate() {
        for key in [term.id.as_str(), term.term.as_str()].into_iter().chain(term.aliases.iter().map(String::as_str)) {
            course.term_index.entry(key.trim().to_lowercase()).or_insert(index);
        }
    }
}

fn references(course: &mut Course, entries: Vec<crate::load::schema::ReferenceEntry>, diags: &mut Diagnostics) {
    for entry in entries {
        if !check_id(&entry.id, REFERENCES_FILE, 0, "reference id", diags) {
            continue;
        }
        if course.reference_index.contains_key(&entry.id.value) {
            diags.error(
                REFERENCES_FILE,
                at(&entry.id, 0),
                format!("duplicate reference id \"{}\"", entry.id.value),
                Some("give each reference its own id".to_string()),
            );
            continue;
        }
        course.reference_index.insert(entry.id.value.clone(), course.references.len());
        course.references.push(Reference {
            pos: at(&entry.id, 0),
            id: entry.id.value,
            cite: entry.cite,
            apa: entry.apa,
            doi: entry.doi,
            url: entry.url,
        });
    }
}

fn index_targets(course: &mut Course, _diags: &mut Diagnostics) {
    let mut targets = HashMap::new();
    let mut page_ids = HashMap::new();
    for (_, page) in course.pages() {
        targets.insert(page.doc.path.clone(), Target { url: page.url.clone(), anchors: anchors(&page.doc) });
        page_ids.insert(page.id.clone(), page.doc.path.clone());
    }
    for vignette in &course.vignettes {
        targets.insert(vignette.doc.path.clone(), Target { url: vignette.url.clone(), anchors: anchors(&vignette.doc) });
    }
    if let Some(home) = &course.home {
        targets.insert(home.path.clone(), Target { url: "index.html".to_string(), anchors: anchors(home) });
    }
    course.targets = targets;
    course.page_ids = page_ids;
}

fn anchors(doc: &Doc) -> Vec<String> {
    doc.headings.iter().map(|h| h.id.clone()).collect()
}

fn quizzes(course: &mut Course, sources: Vec<crate::load::QuizSource>, diags: &mut Diagnostics) {
    let objectives: HashSet<String> = course.modules.iter().flat_map(|m| m.objectives.iter().map(|o| o.id.clone())).collect();
    let known = Known { objectives: &objectives };
    let see = SeeResolver::new(course);
    let mut resolved = std::collections::BTreeMap::new();
    for source in sources {
        let id = source.quiz.id.as_ref().map_or_else(|| source.stem.clone(), |i| i.value.clone());
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
        check_quiz(&source.path, &source.quiz, &known, diags);
        let pass_mark = source.quiz.pass_mark.as_ref().map_or(course.config.pass_mark, |m| m.value.min(100));
        let title = markdown::plain_text(&source.quiz.title);
        let questions = questions(&id, &source.path, source.quiz, &see, diags);
        resolved.insert(id.clone(), Quiz { id, path: source.path, title, pass_mark, module: None, page_url: None, questions });
    }
    course.quizzes = resolved;
}

/// What Markdown used, for the "never used" warnings.
#[derive(Default)]
struct Usage {
    terms: HashSet<String>,
    references: HashSet<String>,
    objectives_assessed: HashSet<String>,
}

/// Checks links, images, terms, citations and directives of every page and vignette.
fn check_markdown(course: &mut Course, media: &std::collections::BTreeMap<String, std::path::PathBuf>, diags: &mut Diagnostics) -> Usage {
    let mut usage = Usage::default();
    let mut embeds: Vec<(String, String, String)> = Vec::new();
    let mut used_media = BTreeSet::new();
    let docs: Vec<(Option<(String, String)>, &Doc)> = course
        .modules
        .iter()
        .flat_map(|m| m.pages.iter().map(move |p| (Some((m.id.clone(), p.url.clone())), &p.doc)))
        .chain(course.vignettes.iter().map(|v| (None, &v.doc)))
        .chain(course.home.iter().map(|h| (None, h)))
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
    let mut whole_quiz_pages = std::collections::BTreeMap::new();
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
                "question" | "scenario" | "reflection" => standalone.insert(directive.target.clone()),
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
    for (quiz_id, url) in whole_quiz_pages {
        if let Some(quiz) = course.quizzes.get_mut(&quiz_id) {
            quiz.page_url = Some(url);
        }
    }
    course.standalone_questions = standalone;
}

fn attach_vignettes(course: &mut Course, diags: &mut Diagnostics) {
    let mut links = Vec::new();
    for vignette in &course.vignettes {
        if let Some(module) = vignette.module.as_ref().filter(|id| !course.modules.iter().any(|m| &m.id == *id)) {
            diags.error(
                &vignette.doc.path,
                Pos::new(1, 1),
                format!("vignette names unknown module \"{module}\""),
                Some(suggest(module, course.modules.iter().map(|m| m.id.as_str()), "`module:` takes a module id")),
            );
        }
        links.push(vignette.scenario.as_ref().and_then(|link| scenario_link(course, &vignette.doc.path, &link.key, diags)));
    }
    for (vignette, link) in course.vignettes.iter_mut().zip(links) {
        vignette.scenario = link;
    }
}

/// The linked scenario `key` of a vignette, if it names one.
fn scenario_link(course: &Course, path: &str, key: &str, diags: &mut Diagnostics) -> Option<ScenarioLink> {
    let found = key.split_once('/').and_then(|(q, s)| course.quizzes.get(q).and_then(|quiz| Some((quiz, quiz.question(s)?))));
    match found {
        Some((quiz, question)) if question.kind == QuestionKind::Scenario => {
            let title = question.title.clone().unwrap_or_else(|| quiz.title.clone());
            Some(ScenarioLink { key: key.to_string(), title, url: quiz.question_url(question) })
        }
        Some(_) => {
            let hint = Some("`scenario:` names a question of kind scenario".to_string());
            diags.error(path, Pos::new(1, 1), format!("\"{key}\" is not a scenario"), hint);
            None
        }
        None => {
            let hint = Some("write `scenario: quiz-id/question-id`".to_string());
            diags.error(path, Pos::new(1, 1), format!("vignette names unknown scenario \"{key}\""), hint);
            None
        }
    }
}

fn report_unused(course: &Course, usage: &Usage, diags: &mut Diagnostics) {
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
