//! Stage 3: the resolved course becomes HTML pages through the theme's Tera templates.
//!
//! Invariant: rendering is a pure function of the resolved course and the theme. Everything
//! that is the same on every page (course, module list, asset URLs) is serialised once into
//! Tera's global context; a page's own context holds only that page.

mod cover;
pub mod data;
pub mod manifest;
pub mod search;
pub mod theme;
mod views;

use crate::markdown::{self, Directive, Linker, escape};
use crate::resolve::{Course, Doc, Module, Page, Vignette};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use tera::{Context, Tera};
pub use theme::Theme;
pub use views::Assets;
use views::*;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template error in {template}: {message}")]
    Template { template: String, message: String },
}

/// One output file: a path under the output folder and its HTML.
pub struct Output {
    pub path: String,
    pub html: String,
}

pub struct Renderer<'a> {
    course: &'a Course,
    /// Media URLs, for links and images.
    media: std::collections::BTreeMap<String, String>,
    tera: Tera,
    /// Built once; pages take a window of it for their sidebar.
    module_views: Vec<ModuleView>,
    /// What 404.html's links start with: `base_url`, or `/` in `serve`'s preview.
    not_found_root: String,
}

/// Courses up to this many modules list them all in every page's sidebar; larger courses
/// list a window around the current module (the page size would otherwise grow with the
/// course, and the build time with its square).
const FULL_SIDEBAR_LIMIT: usize = 60;
const SIDEBAR_WINDOW: usize = 5;

/// Where the glossary and reference list are published, and their titles.
const GLOSSARY_URL: &str = "glossary/index.html";
const GLOSSARY_TITLE: &str = "Glossary";
const REFERENCES_URL: &str = "references/index.html";
const REFERENCES_TITLE: &str = "References";

/// Templates every theme must have.
const PAGE_TEMPLATES: [&str; 12] = [
    "home.html",
    "page.html",
    "vignette.html",
    "vignettes.html",
    "glossary.html",
    "references.html",
    "journal.html",
    "progress.html",
    "certificate.html",
    "supervisor.html",
    "404.html",
    "base.html",
];

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, theme: &Theme, assets: &Assets) -> Result<Self, RenderError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        let templates: Vec<(&str, String)> = theme.templates().collect();
        tera.add_raw_templates(templates.iter().map(|(n, c)| (*n, c.as_str()))).map_err(|e| template_error("theme", &e))?;
        for name in PAGE_TEMPLATES {
            if !tera.contains_template(name) {
                return Err(RenderError::Template { template: name.to_string(), message: "the theme has no such template".to_string() });
            }
        }
        let module_views: Vec<ModuleView> = course.modules.iter().map(ModuleView::new).collect();
        let globals = tera.global_context();
        globals.insert("course", &course_view(course));
        globals.insert("modules", &module_views);
        globals.insert("assets", assets);
        let not_found_root = course.config.base_url.clone().unwrap_or_default();
        Ok(Self { course, media: assets.media.clone(), tera, module_views, not_found_root })
    }

    /// For `serve`: the preview server shows 404.html for a missing address at any depth,
    /// from its own root, so the page links from there rather than by the published address.
    pub fn previewed_at_server_root(mut self) -> Self {
        self.not_found_root = "/".to_string();
        self
    }

    /// Renders every page of the site in parallel and hands each to `sink` as it is ready.
    pub fn render_all<E: Send>(&self, sink: &(dyn Fn(Output) -> Result<(), E> + Sync)) -> Result<(), RenderOrSink<E>> {
        let pages: Vec<(&Module, usize)> = self.course.modules.iter().flat_map(|m| (0..m.pages.len()).map(move |i| (m, i))).collect();
        pages.par_iter().try_for_each(|(module, index)| {
            self.module_page(module, *index).map_err(RenderOrSink::Render).and_then(|o| sink(o).map_err(RenderOrSink::Sink))
        })?;
        self.course
            .vignettes
            .par_iter()
            .try_for_each(|v| self.vignette(v).map_err(RenderOrSink::Render).and_then(|o| sink(o).map_err(RenderOrSink::Sink)))?;
        for output in self.fixed_pages().map_err(RenderOrSink::Render)? {
            sink(output).map_err(RenderOrSink::Sink)?;
        }
        Ok(())
    }

    fn render(&self, template: &str, context: &Context) -> Result<String, RenderError> {
        self.tera.render(template, context).map_err(|e| template_error(template, &e))
    }

    fn base_context(&self, kind: &str, title: &str, root: &str, module_position: usize) -> Context {
        let mut context = Context::new();
        context.insert("kind", kind);
        context.insert("title", title);
        context.insert("root", root);
        context.insert("sidebar", self.sidebar(module_position));
        context
    }

    /// The modules a page's sidebar lists: all of them, or a window around `position`.
    fn sidebar(&self, position: usize) -> &[ModuleView] {
        let all = &self.module_views;
        if all.len() <= FULL_SIDEBAR_LIMIT {
            return all;
        }
        let start = position.saturating_sub(SIDEBAR_WINDOW);
        let end = (position + SIDEBAR_WINDOW + 1).min(all.len());
        &all[start..end]
    }

    pub fn module_page(&self, module: &Module, index: usize) -> Result<Output, RenderError> {
        let page = &module.pages[index];
        let root = root_for(&page.url);
        let content_html = self.doc_html(&page.doc, &root)?;
        let position = module.position;
        let mut context = self.base_context("page", &page.title, &root, position);
        context.insert("module", &self.module_views[position]);
        context.insert("page", &page_view(page, index, content_html));
        let (prev, next) = self.neighbours(module, index);
        if let Some(prev) = prev {
            context.insert("prev", &prev);
        }
        if let Some(next) = next {
            context.insert("next", &next);
        }
        Ok(Output { path: page.url.clone(), html: self.render("page.html", &context)? })
    }

    fn neighbours(&self, module: &'a Module, index: usize) -> (Option<NavLink<'a>>, Option<NavLink<'a>>) {
        let link = |p: &'a Page| NavLink { title: &p.title, url: &p.url };
        let position = module.position;
        let prev = if index > 0 {
            Some(link(&module.pages[index - 1]))
        } else {
            position.checked_sub(1).and_then(|p| self.course.modules[p].pages.last()).map(link)
        };
        let next = module.pages.get(index + 1).or_else(|| self.course.modules.get(position + 1).map(|m| &m.pages[0])).map(link);
        (prev, next)
    }

    fn doc_html(&self, doc: &Doc, root: &str) -> Result<String, RenderError> {
        let linker = PageLinker { renderer: self, from: &doc.path, root, errors: RefCell::new(Vec::new()) };
        let html = markdown::to_html(markdown::events(doc.body()), &doc.headings, &linker);
        match linker.errors.into_inner().into_iter().next() {
            Some(error) => Err(error),
            None => Ok(html),
        }
    }

    pub fn vignette(&self, vignette: &Vignette) -> Result<Output, RenderError> {
        let root = root_for(&vignette.url);
        let content_html = self.doc_html(&vignette.doc, &root)?;
        let position = vignette.module.as_ref().and_then(|id| self.course.modules.iter().find(|m| &m.id == id)).map_or(0, |m| m.position);
        let mut context = self.base_context("vignette", &vignette.title, &root, position);
        context.insert("vignette", &self.vignette_view(vignette, Some(content_html)));
        Ok(Output { path: vignette.url.clone(), html: self.render("vignette.html", &context)? })
    }

    fn vignette_view(&self, vignette: &'a Vignette, content_html: Option<String>) -> VignetteView<'a> {
        let module = vignette
            .module
            .as_ref()
            .and_then(|id| self.course.modules.iter().find(|m| &m.id == id))
            .map(|m| NavLink { title: &m.title, url: m.url() });
        let scenario = vignette.scenario.as_ref().and_then(|link| Some(NavLink { title: &link.title, url: link.url.as_deref()? }));
        VignetteView {
            id: &vignette.id,
            title: &vignette.title,
            url: &vignette.url,
            setting: vignette.setting.as_deref(),
            tags: &vignette.tags,
            processes: vignette
                .tags
                .iter()
                .filter(|g| g.vocabulary == crate::resolve::PROCESSES)
                .flat_map(|g| g.terms.iter().map(|t| t.id.as_str()))
                .collect(),
            content_html,
            prompts: vignette.prompts.iter().map(|p| PromptView { id: &p.id, key: &p.key, text: &p.text }).collect(),
            module,
            scenario,
            safety: &vignette.safety,
        }
    }

    fn fixed_pages(&self) -> Result<Vec<Output>, RenderError> {
        let mut out = Vec::new();
        let home_intro = match &self.course.home {
            Some(doc) => self.doc_html(doc, "")?,
            None => String::new(),
        };
        let mut home = self.base_context("home", &self.course.config.title, "", 0);
        home.insert("intro_html", &home_intro);
        let total_minutes = self.course.modules.iter().filter_map(|m| m.minutes).sum::<u32>();
        home.insert("total_minutes", &total_minutes);
        let vignettes: Vec<VignetteView<'_>> = self.course.vignettes.iter().map(|v| self.vignette_view(v, None)).collect();
        home.insert("vignettes", &vignettes);
        out.push(Output { path: "index.html".into(), html: self.render("home.html", &home)? });

        let mut list = self.base_context("vignettes", "Clinical vignettes", "../", 0);
        list.insert("vignettes", &vignettes);
        list.insert("vocabularies", &self.vignettes_by_tag("../"));
        out.push(Output { path: "vignettes/index.html".into(), html: self.render("vignettes.html", &list)? });

        let mut glossary = self.base_context("glossary", GLOSSARY_TITLE, "../", 0);
        glossary.insert("terms", &self.term_views("../"));
        out.push(Output { path: GLOSSARY_URL.into(), html: self.render("glossary.html", &glossary)? });

        let mut references = self.base_context("references", REFERENCES_TITLE, "../", 0);
        references.insert("references", &self.reference_views("../"));
        out.push(Output { path: REFERENCES_URL.into(), html: self.render("references.html", &references)? });

        let learner_pages = [
            ("journal", "Reflective journal"),
            ("progress", "Progress report"),
            ("certificate", "Certificate"),
            ("supervisor", "Supervisor view"),
        ];
        for (kind, title) in learner_pages {
            let mut context = self.base_context(kind, title, "../", 0);
            context.insert("total_minutes", &total_minutes);
            if kind == "certificate" {
                let objectives: Vec<&str> = self.course.modules.iter().flat_map(|m| m.objectives.iter().map(|o| o.text.as_str())).collect();
                context.insert("objectives", &objectives);
            }
            out.push(Output { path: format!("{kind}/index.html"), html: self.render(&format!("{kind}.html"), &context)? });
        }
        // A server shows 404.html at whatever depth the missing URL had: relative links would
        // break there, so it uses the site's address when the course gives one.
        let not_found = self.base_context("404", "Page not found", &self.not_found_root, 0);
        out.push(Output { path: "404.html".into(), html: self.render("404.html", &not_found)? });
        Ok(out)
    }

    /// For the vignette list: each vocabulary the vignettes use, with its terms and the
    /// vignettes tagged with each, in the course's order.
    fn vignettes_by_tag(&self, root: &str) -> Vec<VocabularyView<'_>> {
        let tagged = |vocabulary: &str, term: &str| -> Vec<NavLink<'_>> {
            self.course
                .vignettes
                .iter()
                .filter(|v| v.tags.iter().any(|g| g.vocabulary == vocabulary && g.terms.iter().any(|t| t.id == term)))
                .map(|v| NavLink { title: &v.title, url: &v.url })
                .collect()
        };
        self.course
            .config
            .vocabularies
            .iter()
            .map(|vocabulary| VocabularyView {
                id: &vocabulary.id,
                label: &vocabulary.label,
                terms: vocabulary
                    .terms
                    .iter()
                    .map(|term| TaggedView {
                        id: &term.id,
                        label: &term.label,
                        glossary_url: term.glossary.as_ref().map(|(id, _)| format!("{root}glossary/index.html#{id}")),
                        vignettes: tagged(&vocabulary.id, &term.id),
                    })
                    .filter(|t| !t.vignettes.is_empty())
                    .collect(),
            })
            .filter(|v| !v.terms.is_empty())
            .collect()
    }

    fn term_views(&self, root: &str) -> Vec<TermView<'_>> {
        let linker = PageLinker { renderer: self, from: crate::load::GLOSSARY_FILE, root, errors: RefCell::new(Vec::new()) };
        self.course
            .glossary
            .iter()
            .map(|t| TermView {
                id: &t.id,
                term: &t.term,
                aliases: &t.aliases,
                definition_html: markdown::inline_html(&t.definition, &linker),
                see: t.see.iter().filter_map(|id| self.course.term(id)).map(|s| TermLink { id: &s.id, term: &s.term }).collect(),
            })
            .collect()
    }

    fn reference_views(&self, root: &str) -> Vec<ReferenceView<'_>> {
        let linker = PageLinker { renderer: self, from: crate::load::REFERENCES_FILE, root, errors: RefCell::new(Vec::new()) };
        self.course
            .references
            .iter()
            .map(|r| ReferenceView {
                id: &r.id,
                cite: &r.cite,
                apa_html: markdown::inline_html(&r.apa, &linker),
                doi: r.doi.as_deref(),
                url: r.url.as_deref(),
            })
            .collect()
    }
}

/// Errors from either side of [`Renderer::render_all`].
#[derive(Debug)]
pub enum RenderOrSink<E> {
    Render(RenderError),
    Sink(E),
}

fn template_error(template: &str, error: &tera::Error) -> RenderError {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    RenderError::Template { template: template.to_string(), message }
}

/// `a/b/index.html` → `../../`.
pub fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn course_view(course: &Course) -> CourseView {
    let config = &course.config;
    let linker = NoLinks;
    CourseView {
        id: config.id.clone(),
        title: config.title.clone(),
        subtitle: config.subtitle.clone(),
        description_html: config.description.as_deref().map(|d| markdown::to_html(markdown::events(d), &[], &linker)).unwrap_or_default(),
        language: config.language.clone(),
        version: config.version.clone(),
        authors: config.authors.clone(),
        pass_mark: config.pass_mark,
        license: config.license.clone(),
        contact: config.contact.clone(),
        audience: config.audience.clone(),
        cpd_hours: config.cpd_hours,
        cover_svg: cover::svg(&config.title),
    }
}

fn page_view(page: &Page, index: usize, content_html: String) -> PageView<'_> {
    PageView {
        id: &page.id,
        title: &page.title,
        url: &page.url,
        index,
        content_html,
        toc: page.doc.headings.iter().filter(|h| h.level == 2).collect(),
        safety: &page.safety,
    }
}

#[derive(Debug, Serialize)]
struct PromptView<'a> {
    id: &'a str,
    key: &'a str,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct VignetteView<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    setting: Option<&'a str>,
    tags: &'a [crate::resolve::TagGroup],
    /// Ids of the `processes` tags, for themes written before vocabularies.
    processes: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    prompts: Vec<PromptView<'a>>,
    module: Option<NavLink<'a>>,
    scenario: Option<NavLink<'a>>,
    safety: &'a crate::resolve::Safety,
}

#[derive(Debug, Serialize)]
struct VocabularyView<'a> {
    id: &'a str,
    label: &'a str,
    terms: Vec<TaggedView<'a>>,
}

/// A vocabulary term with the vignettes that carry it.
#[derive(Debug, Serialize)]
struct TaggedView<'a> {
    id: &'a str,
    label: &'a str,
    glossary_url: Option<String>,
    vignettes: Vec<NavLink<'a>>,
}

#[derive(Debug, Serialize)]
struct TermLink<'a> {
    id: &'a str,
    term: &'a str,
}

#[derive(Debug, Serialize)]
struct TermView<'a> {
    id: &'a str,
    term: &'a str,
    aliases: &'a [String],
    definition_html: String,
    see: Vec<TermLink<'a>>,
}

#[derive(Debug, Serialize)]
struct ReferenceView<'a> {
    id: &'a str,
    cite: &'a str,
    apa_html: String,
    doi: Option<&'a str>,
    url: Option<&'a str>,
}

/// A linker for text that cannot link anywhere (the course description).
struct NoLinks;

impl Linker for NoLinks {
    fn link(&self, _: &str) -> Option<String> {
        None
    }
    fn image(&self, _: &str) -> Option<String> {
        None
    }
    fn term(&self, _: &str) -> Option<markdown::TermLink> {
        None
    }
    fn cite(&self, _: &[String]) -> Option<String> {
        None
    }
    fn directive(&self, _: &Directive) -> Option<String> {
        None
    }
}

/// Resolves a document's references into URLs relative to the page it is rendered on.
struct PageLinker<'r, 'a> {
    renderer: &'r Renderer<'a>,
    /// Source path of the document, for relative links.
    from: &'r str,
    root: &'r str,
    errors: RefCell<Vec<RenderError>>,
}

impl PageLinker<'_, '_> {
    fn course(&self) -> &Course {
        self.renderer.course
    }

    fn projection(&self) -> Projection<'_> {
        Projection { linker: self, root: self.root }
    }

    /// Whether a directive embeds a draft this build leaves out (it then shows nothing).
    fn embeds_left_out(&self, directive: &Directive) -> bool {
        let left_out = &self.course().left_out;
        match directive.kind.as_str() {
            "quiz" => left_out.quizzes.contains(&directive.target),
            "question" | "scenario" | "reflection" => {
                directive.target.split_once('/').is_some_and(|(quiz, _)| left_out.quizzes.contains(quiz))
            }
            "vignette" => left_out.vignettes.contains(&directive.target),
            _ => false,
        }
    }

    fn partial(&self, template: &str, context: &Context) -> Option<String> {
        self.renderer.render(template, context).map_err(|e| self.errors.borrow_mut().push(e)).ok()
    }
}

impl Linker for PageLinker<'_, '_> {
    fn link(&self, dest: &str) -> Option<String> {
        crate::resolve::link_target(self.course(), self.from, dest, &self.renderer.media).map(|url| format!("{}{url}", self.root))
    }

    fn image(&self, dest: &str) -> Option<String> {
        self.link(dest)
    }

    fn term(&self, name: &str) -> Option<markdown::TermLink> {
        let term = self.course().term(name)?;
        Some(markdown::TermLink {
            id: term.id.clone(),
            url: format!("{}glossary/index.html#{}", self.root, term.id),
            term: term.term.clone(),
            definition: markdown::plain_text(&term.definition),
        })
    }

    fn cite(&self, keys: &[String]) -> Option<String> {
        let links: Vec<String> = keys
            .iter()
            .filter_map(|k| self.course().reference(k))
            .map(|r| format!("<a class=\"cite\" href=\"{}references/index.html#ref-{}\">{}</a>", self.root, escape(&r.id), escape(&r.cite)))
            .collect();
        (!links.is_empty()).then(|| format!("<span class=\"citation\">({})</span>", links.join("; ")))
    }

    fn narrative_cite(&self, key: &str) -> Option<String> {
        let r = self.course().reference(key)?;
        Some(format!("<a class=\"cite\" href=\"{}references/index.html#ref-{}\">{}</a>", self.root, escape(&r.id), escape(&r.narrative)))
    }

    fn left_out(&self, dest: &str) -> bool {
        crate::resolve::links_to_left_out(self.course(), self.from, dest)
    }

    fn directive(&self, directive: &Directive) -> Option<String> {
        if self.embeds_left_out(directive) {
            return Some(String::new());
        }
        let mut context = Context::new();
        context.insert("root", self.root);
        match directive.kind.as_str() {
            "quiz" => {
                let quiz = self.course().quizzes.get(&directive.target)?;
                context.insert("quiz", &QuizView::whole(quiz, &self.course().standalone_questions, &self.projection()));
                self.partial("partials/quiz.html", &context)
            }
            "question" | "scenario" | "reflection" => {
                let (quiz_id, question_id) = directive.target.split_once('/')?;
                let quiz = self.course().quizzes.get(quiz_id)?;
                let (view, question) = QuizView::single(quiz, question_id, &self.projection())?;
                context.insert("quiz", &view);
                context.insert("question", &question);
                self.partial("partials/question.html", &context)
            }
            "vignette" => {
                let vignette = self.course().vignettes.iter().find(|v| v.id == directive.target)?;
                context.insert("vignette", &self.renderer.vignette_view(vignette, None));
                self.partial("partials/vignette-card.html", &context)
            }
            _ => None,
        }
    }
}
