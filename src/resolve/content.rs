//! Resolving modules, vignettes, glossary, references and quizzes into the course model, and
//! checking every reference made from Markdown.

use super::quiz::{Known, check_quiz};
use super::{ResolveOptions, at, check_id, is_valid_id, suggest};
use crate::diagnostics::{Diagnostics, LineIndex, Pos};
use crate::load::schema::{FrontMatter, QuestionKind, VignetteFront};
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
            prompts.push(Prompt { id: prompt.id.value.clone(), text: prompt.text.clone() });
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
            scenario: front.scenario.as_ref().map(|s| s.value.clone()),
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
    let see_target = |see: &str| see_target(course, see);
    let known = Known { objectives: &objectives, see_target: &see_target };
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
        resolved.insert(id.clone(), Quiz { id, path: source.path, pass_mark, module: None, page_url: None, file: source.quiz });
    }
    course.quizzes = resolved;
}

/// Checks a `see:` value: `page-id#anchor` or `glossary:term`.
pub fn see_target(course: &Course, see: &str) -> Result<(), String> {
    if let Some(term) = see.strip_prefix("glossary:") {
        return course.term(term).map(|_| ()).ok_or_else(|| format!("`see:` names unknown glossary term \"{term}\""));
    }
    let (page, anchor) = see.split_once('#').unwrap_or((see, ""));
    let Some(path) = course.page_ids.get(page) else {
        return Err(format!("`see:` names unknown page \"{page}\"{}", did_you_mean_page(course, page)));
    };
    if !anchor.is_empty() && !course.targets[path].anchors.iter().any(|a| a == anchor) {
        return Err(format!("page \"{page}\" has no heading with id \"{anchor}\""));
    }
    Ok(())
}

fn did_you_mean_page(course: &Course, page: &str) -> String {
    crate::diagnostics::did_you_mean(page, course.page_ids.keys().map(String::as_str))
        .map(|p| format!(" (did you mean \"{p}\"?)"))
        .unwrap_or_default()
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
        for question in &quiz.file.questions {
            usage.objectives_assessed.extend(question.objectives.iter().map(|o| o.value.clone()));
        }
    }
    course.media = fingerprint_media(media, used_media, diags);
    usage
}

/// What one document uses, as found by [`check_doc`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DocUsage {
    /// Ids of the glossary terms it links.
    pub terms: BTreeSet<String>,
    /// Ids of the references it cites.
    pub references: BTreeSet<String>,
    /// Ids of the quizzes it embeds (whole or one question), in order of appearance.
    pub quizzes: Vec<String>,
    /// Root-relative paths of the media files it links or shows.
    pub media: BTreeSet<String>,
}

/// Checks the Markdown of one document of a resolved course: heading levels, links, images,
/// terms, citations and directives. `media` holds the course's non-Markdown files by
/// root-relative path. `serve` uses it to re-check one edited page without the whole course.
pub fn check_doc(
    course: &Course,
    doc: &Doc,
    media: &std::collections::BTreeMap<String, std::path::PathBuf>,
    diags: &mut Diagnostics,
) -> DocUsage {
    let mut usage = DocUsage::default();
    let lines = LineIndex::new(&doc.text);
    check_heading_levels(doc, &lines, diags);
    for (reference, offset) in doc.references.iter().cloned() {
        let pos = lines.pos(doc.body_start + offset);
        let checker = RefCheck { course, doc, pos, media };
        match reference {
            MdRef::Link { dest } => checker.link(&dest, &mut usage.media, diags),
            MdRef::Image { dest, has_alt } => checker.image(&dest, has_alt, &mut usage.media, diags),
            MdRef::Term { name } => usage.terms.extend(checker.term(&name, diags)),
            MdRef::Cite { keys } => usage.references.extend(checker.cite(&keys, diags)),
            MdRef::Directive(directive) => usage.quizzes.extend(checker.directive(&directive, diags)),
            MdRef::BadDirective { text } => diags.warning(
                &doc.path,
                pos,
                format!("text \"{}\" looks like a directive but is not one", text.trim()),
                Some("a directive stands alone in its paragraph, e.g. `{{quiz my-quiz}}`, with a blank line before and after".to_string()),
            ),
        }
    }
    usage
}

fn check_heading_levels(doc: &Doc, lines: &LineIndex<'_>, diags: &mut Diagnostics) {
    let mut previous = 1;
    for heading in &doc.headings {
        if heading.level == 1 {
            diags.warning(
                &doc.path,
                lines.pos(doc.body_start + heading.offset),
                "level-1 heading in page text",
                Some("the page title is the level-1 heading; start sections at `##`".to_string()),
            );
        } else if heading.level > previous + 1 {
            diags.warning(
                &doc.path,
                lines.pos(doc.body_start + heading.offset),
                format!("heading level skips from {previous} to {}", heading.level),
                Some(format!("use a level-{} heading (`{}`)", previous + 1, "#".repeat(usize::from(previous) + 1))),
            );
        }
        previous = heading.level;
    }
}

/// Checks of one reference in one document.
struct RefCheck<'a> {
    course: &'a Course,
    doc: &'a Doc,
    pos: Pos,
    media: &'a std::collections::BTreeMap<String, std::path::PathBuf>,
}

impl RefCheck<'_> {
    fn link(&self, dest: &str, used_media: &mut BTreeSet<String>, diags: &mut Diagnostics) {
        match resolve_local(&self.doc.path, dest) {
            Local::External => {}
            Local::Outside => self.outside(dest, diags),
            Local::SamePage(anchor) => {
                if !self.doc.headings.iter().any(|h| h.id == anchor) {
                    diags.error(
                        &self.doc.path,
                        self.pos,
                        format!("link to unknown anchor \"#{anchor}\""),
                        Some(suggest(&anchor, self.doc.headings.iter().map(|h| h.id.as_str()), "link to the id of a heading on this page")),
                    );
                }
            }
            Local::File(path, anchor) => match self.course.targets.get(&path) {
                Some(target) if anchor.as_ref().is_some_and(|a| !target.anchors.contains(a)) => {
                    let anchor = anchor.unwrap_or_default();
                    diags.error(
                        &self.doc.path,
                        self.pos,
                        format!("\"{path}\" has no heading with id \"{anchor}\""),
                        Some(suggest(&anchor, target.anchors.iter().map(String::as_str), "link to the id of one of its headings")),
                    );
                }
                Some(_) => {}
                None if self.media.contains_key(&path) => {
                    used_media.insert(path);
                }
                None => self.missing("link", dest, &path, diags),
            },
        }
    }

    fn image(&self, dest: &str, has_alt: bool, used_media: &mut BTreeSet<String>, diags: &mut Diagnostics) {
        if !has_alt {
            diags.warning(
                &self.doc.path,
                self.pos,
                format!("image \"{dest}\" has no alt text"),
                Some("describe the image for screen-reader users: `![what it shows](file.png)`".to_string()),
            );
        }
        match resolve_local(&self.doc.path, dest) {
            Local::External => diags.warning(
                &self.doc.path,
                self.pos,
                format!("image \"{dest}\" is loaded from another site"),
                Some("copy the image into the course folder: the site makes no third-party requests and works offline".to_string()),
            ),
            Local::Outside => self.outside(dest, diags),
            Local::File(path, _) if self.media.contains_key(&path) => {
                used_media.insert(path);
            }
            Local::File(path, _) if self.course.targets.contains_key(&path) => {
                diags.error(
                    &self.doc.path,
                    self.pos,
                    format!("image \"{dest}\" is a page, not an image"),
                    Some("use a link `[text](page.md)` for pages, `![alt](file.png)` for images".to_string()),
                );
            }
            Local::File(path, _) => self.missing("image", dest, &path, diags),
            Local::SamePage(_) => diags.error(
                &self.doc.path,
                self.pos,
                format!("image \"{dest}\" is not a file"),
                Some("give the path of an image file".to_string()),
            ),
        }
    }

    fn outside(&self, dest: &str, diags: &mut Diagnostics) {
        diags.error(
            &self.doc.path,
            self.pos,
            format!("\"{dest}\" points outside the course folder"),
            Some("only files inside content/ can be linked or shown".to_string()),
        );
    }

    fn missing(&self, what: &str, dest: &str, path: &str, diags: &mut Diagnostics) {
        let known = self.course.targets.keys().map(String::as_str).chain(self.media.keys().map(String::as_str));
        let hint = suggest(path, known, "paths are relative to this file; `@/` starts at content/");
        diags.error(&self.doc.path, self.pos, format!("broken {what}: \"{dest}\" (no file {path})"), Some(hint));
    }

    fn term(&self, name: &str, diags: &mut Diagnostics) -> Option<String> {
        let found = self.course.term(name).map(|t| t.id.clone());
        if found.is_none() && !self.course.glossary_broken {
            let keys = self.course.term_index.keys().map(String::as_str);
            diags.error(
                &self.doc.path,
                self.pos,
                format!("unknown glossary term \"{name}\""),
                Some(suggest(&name.to_lowercase(), keys, "add the term to glossary.yaml or fix the spelling")),
            );
        }
        found
    }

    fn cite(&self, keys: &[String], diags: &mut Diagnostics) -> Vec<String> {
        let mut found = Vec::new();
        for key in keys {
            if self.course.reference(key).is_some() {
                found.push(key.clone());
            } else if !self.course.references_broken {
                let hint = suggest(
                    key,
                    self.course.reference_index.keys().map(String::as_str),
                    "add the reference to references.yaml or fix the id",
                );
                diags.error(&self.doc.path, self.pos, format!("unknown citation \"@{key}\""), Some(hint));
            }
        }
        found
    }

    /// Checks a directive; returns the quiz it embeds, if any.
    fn directive(&self, directive: &markdown::Directive, diags: &mut Diagnostics) -> Option<String> {
        let target = directive.target.as_str();
        match directive.kind.as_str() {
            "quiz" => self.quiz_exists(target, diags).then(|| target.to_string()),
            "question" | "scenario" | "reflection" => self.question(&directive.kind, target, diags),
            "vignette" => {
                if !self.course.vignettes.iter().any(|v| v.id == target) {
                    let hint = suggest(
                        target,
                        self.course.vignettes.iter().map(|v| v.id.as_str()),
                        "vignette ids are the file names in content/vignettes/",
                    );
                    diags.error(&self.doc.path, self.pos, format!("unknown vignette \"{target}\""), Some(hint));
                }
                None
            }
            other => {
                let hint = suggest(other, markdown::DIRECTIVE_KINDS, "directives are quiz, question, scenario, reflection and vignette");
                diags.error(&self.doc.path, self.pos, format!("unknown directive \"{other}\""), Some(hint));
                None
            }
        }
    }

    fn quiz_exists(&self, id: &str, diags: &mut Diagnostics) -> bool {
        let exists = self.course.quizzes.contains_key(id);
        if !exists && !self.course.broken_quizzes.contains(id) {
            let hint =
                suggest(id, self.course.quizzes.keys().map(String::as_str), "quiz ids are the file names in quizzes/ (or their `id:`)");
            diags.error(&self.doc.path, self.pos, format!("unknown quiz \"{id}\""), Some(hint));
        }
        exists
    }

    fn question(&self, kind: &str, target: &str, diags: &mut Diagnostics) -> Option<String> {
        let Some((quiz_id, question_id)) = target.split_once('/') else {
            diags.error(
                &self.doc.path,
                self.pos,
                format!("`{{{{{kind} {target}}}}}` needs quiz-id/question-id"),
                Some(format!("write e.g. `{{{{{kind} my-quiz/{target}}}}}`")),
            );
            return None;
        };
        if !self.quiz_exists(quiz_id, diags) {
            return None;
        }
        let questions = &self.course.quizzes[quiz_id].file.questions;
        let Some(question) = questions.iter().find(|q| q.id.value == question_id) else {
            let hint = suggest(question_id, questions.iter().map(|q| q.id.value.as_str()), "name a question id of that quiz");
            diags.error(&self.doc.path, self.pos, format!("quiz \"{quiz_id}\" has no question \"{question_id}\""), Some(hint));
            return None;
        };
        let expected = match kind {
            "scenario" => Some(QuestionKind::Scenario),
            "reflection" => Some(QuestionKind::Reflection),
            _ => None,
        };
        if expected.is_some_and(|k| k != question.kind) {
            diags.error(
                &self.doc.path,
                self.pos,
                format!("\"{target}\" is not a {kind}"),
                Some("use `{{question …}}` for questions of any kind".to_string()),
            );
        }
        Some(quiz_id.to_string())
    }
}

enum Local {
    External,
    Outside,
    SamePage(String),
    /// Root-relative path and optional anchor.
    File(String, Option<String>),
}

/// Resolves a link destination written in `from` (root-relative) to a root-relative path.
fn resolve_local(from: &str, dest: &str) -> Local {
    let dest = dest.trim();
    if dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:")
        || dest.starts_with("//")
    {
        return Local::External;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Local::SamePage(anchor.to_string());
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let path = String::from_utf8_lossy(&crate::url::percent_decode(path)).into_owned();
    let joined = match path.strip_prefix("@/") {
        Some(rest) => format!("content/{rest}"),
        None if path.starts_with('/') => return Local::Outside,
        None => match from.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{path}"),
            None => path.clone(),
        },
    };
    match normalize(&joined) {
        Some(normal) if normal.starts_with("content/") || normal.starts_with("quizzes/") => Local::File(normal, anchor),
        _ => Local::Outside,
    }
}

/// Folds `.` and `..`; `None` when the path climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Public for the renderer: the root-relative URL (with anchor) a local link points to.
pub fn link_target(course: &Course, from: &str, dest: &str) -> Option<String> {
    match resolve_local(from, dest) {
        Local::File(path, anchor) => {
            let url = course.targets.get(&path).map(|t| t.url.clone()).or_else(|| course.media.get(&path).map(|(_, url)| url.clone()))?;
            Some(anchor.map_or(url.clone(), |a| format!("{url}#{a}")))
        }
        _ => None,
    }
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

fn attach_vignettes(course: &Course, diags: &mut Diagnostics) {
    for vignette in &course.vignettes {
        if let Some(module) = vignette.module.as_ref().filter(|id| !course.modules.iter().any(|m| &m.id == *id)) {
            diags.error(
                &vignette.doc.path,
                Pos::new(1, 1),
                format!("vignette names unknown module \"{module}\""),
                Some(suggest(module, course.modules.iter().map(|m| m.id.as_str()), "`module:` takes a module id")),
            );
        }
        if let Some(key) = &vignette.scenario {
            let found = key
                .split_once('/')
                .and_then(|(q, s)| course.quizzes.get(q).and_then(|quiz| quiz.file.questions.iter().find(|x| x.id.value == s)));
            match found {
                Some(q) if q.kind == QuestionKind::Scenario => {}
                Some(_) => diags.error(
                    &vignette.doc.path,
                    Pos::new(1, 1),
                    format!("\"{key}\" is not a scenario"),
                    Some("`scenario:` names a question of kind scenario".to_string()),
                ),
                None => diags.error(
                    &vignette.doc.path,
                    Pos::new(1, 1),
                    format!("vignette names unknown scenario \"{key}\""),
                    Some("write `scenario: quiz-id/question-id`".to_string()),
                ),
            }
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

/// Gives each used media file a content-hashed URL under `assets/media/`.
fn fingerprint_media(
    media: &std::collections::BTreeMap<String, std::path::PathBuf>,
    used: BTreeSet<String>,
    diags: &mut Diagnostics,
) -> std::collections::BTreeMap<String, (std::path::PathBuf, String)> {
    let mut out = std::collections::BTreeMap::new();
    for path in used {
        let Some(abs) = media.get(&path) else { continue };
        match std::fs::read(abs) {
            Ok(bytes) => {
                let url = format!("assets/media/{}", crate::write::fingerprinted_name(&path, &bytes));
                out.insert(path, (abs.clone(), url));
            }
            Err(err) => diags.error(&path, Pos::default(), format!("cannot read file: {err}"), None),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_links_resolve_relative_and_from_content_root() {
        assert!(
            matches!(resolve_local("content/01-a/index.md", "../02-b.md#x"), Local::File(p, Some(a)) if p == "content/02-b.md" && a == "x")
        );
        assert!(matches!(resolve_local("content/01-a.md", "@/02-b.md"), Local::File(p, None) if p == "content/02-b.md"));
        assert!(matches!(resolve_local("content/a.md", "../../etc/passwd"), Local::Outside));
        assert!(matches!(resolve_local("content/a.md", "%2e%2e/%2e%2e/x"), Local::Outside));
        assert!(matches!(resolve_local("content/a.md", "https://x.org"), Local::External));
    }
}
