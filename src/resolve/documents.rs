//! Modules, their pages and vignettes: order, ids, URLs, objectives and prompts, with every
//! Markdown body parsed once, in parallel.

use super::tags;
use super::{ResolveOptions, at, check_id, is_valid_id};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::schema::{FrontMatter, VignetteFront};
use crate::load::{LoadedCourse, MarkdownSource, ModuleSource};
use crate::markdown;
use crate::resolve::model::*;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Lines before the YAML text in a Markdown file with front matter (the opening `---`).
const FRONT_OFFSET: usize = 1;

/// Every Markdown body of the course, parsed in parallel, by source path.
pub(super) struct Bodies(HashMap<String, ParsedBody>);

impl Bodies {
    pub(super) fn parse_all(loaded: &LoadedCourse) -> Self {
        let mut sources: Vec<(&str, &str)> =
            loaded.modules.iter().flat_map(|m| m.pages.iter().map(|p| (p.path.as_str(), p.body()))).collect();
        sources.extend(loaded.vignettes.iter().map(|v| (v.path.as_str(), v.body())));
        sources.extend(loaded.home.iter().map(|h| (h.path.as_str(), h.body())));
        Self(sources.par_iter().map(|(path, body)| (path.to_string(), parse_body(body))).collect())
    }

    pub(super) fn doc<F>(&mut self, source: MarkdownSource<F>) -> Doc {
        match self.0.remove(&source.path) {
            Some((headings, references)) => {
                Doc { path: source.path, text: source.text, body_start: source.body_start, headings, references }
            }
            None => Doc::parse(source.path, source.text, source.body_start),
        }
    }
}

/// What a build without `--drafts` leaves out: every page of a draft module, draft pages,
/// draft vignettes and draft quizzes.
pub(super) fn left_out(loaded: &LoadedCourse, options: ResolveOptions) -> LeftOut {
    if options.drafts {
        return LeftOut::default();
    }
    let pages = loaded.modules.iter().flat_map(|m| {
        let whole_module = m.pages[0].front.draft;
        m.pages.iter().filter(move |p| whole_module || p.front.draft).map(|p| p.path.clone())
    });
    let vignettes: Vec<&MarkdownSource<VignetteFront>> = loaded.vignettes.iter().filter(|v| v.front.draft).collect();
    LeftOut {
        documents: pages.chain(vignettes.iter().map(|v| v.path.clone())).collect(),
        vignettes: vignettes.iter().map(|v| v.slug.clone()).collect(),
        quizzes: loaded.quizzes.iter().filter(|q| q.quiz.draft).map(super::content::quiz_id).collect(),
    }
}

fn safety(front: &FrontMatter) -> Safety {
    Safety { content_warning: front.content_warning.clone(), fictional: front.fictional, reviewed: front.reviewed.clone() }
}

pub(super) fn modules(sources: Vec<ModuleSource>, options: ResolveOptions, bodies: &mut Bodies, diags: &mut Diagnostics) -> Vec<Module> {
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
        out.push(Objective { id: objective.id.value.clone(), text: objective.text.clone(), pos: at(&objective.id, FRONT_OFFSET) });
    }
    if let Some(sixth) = out.get(MAX_OBJECTIVES) {
        diags.warning(
            &first.path,
            sixth.pos,
            format!("module has {} learning objectives; a module states at most {MAX_OBJECTIVES}", out.len()),
            Some("merge related objectives or split the module in two".to_string()),
        );
    }
    out
}

/// More objectives than this dilute a module's focus (docs/authoring.md: three to five).
const MAX_OBJECTIVES: usize = 5;

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

pub(super) fn vignettes(
    sources: Vec<MarkdownSource<VignetteFront>>,
    config: &Config,
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
        let mut given = tags::pairs(&front.tags);
        if !front.processes.is_empty() {
            given.push((tags::PROCESSES, &front.processes));
        }
        let tags = tags::resolve(config, &given, &source.path, FRONT_OFFSET, diags);
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
            tags,
            module: front.module.as_ref().map(|m| m.value.clone()),
            scenario: front.scenario.as_ref().map(|s| ScenarioLink { key: s.value.clone(), title: String::new(), url: None }),
            prompts,
            safety,
            written_at: VignetteFields {
                module: front.module.as_ref().map_or_else(Pos::default, |m| at(m, FRONT_OFFSET)),
                scenario: front.scenario.as_ref().map_or_else(Pos::default, |s| at(s, FRONT_OFFSET)),
            },
            doc: bodies.doc(source),
        });
    }
    out
}
