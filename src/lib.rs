//! ingroup: compiles a course folder into a self-contained static training site.
//!
//! The pipeline runs one way: [`load`] → [`resolve`] → [`render`] → [`write`].
//! `check` stops after resolve; `build` runs all four.

pub mod diagnostics;
pub mod load;
pub mod markdown;
pub mod render;
pub mod report;
pub mod resolve;
pub mod scaffold;
pub mod schemas;
pub mod serve;
pub mod url;
pub mod write;

use diagnostics::{Diagnostics, Pos};
use render::{Renderer, Theme};
use resolve::{Course, ResolveOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    pub minify: bool,
    /// HTML inserted before `</body>` of every page (the live-reload client of `serve`).
    pub inject: Option<String>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub warnings: usize,
    pub elapsed_ms: u128,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the course has {} error(s)", .0.error_count())]
    Content(Diagnostics),
    #[error(transparent)]
    Theme(#[from] render::theme::ThemeError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Loads and resolves the course: the model plus every problem found.
pub fn check(root: &Path, drafts: bool) -> (Course, Diagnostics) {
    let mut diags = Diagnostics::default();
    let loaded = load::load(root, &mut diags);
    let settings_unknown = loaded.course.is_none();
    resolve::html::check_course(&loaded, &mut diags);
    let course = resolve::resolve(loaded, ResolveOptions { drafts }, &mut diags);
    write::package::lms_warnings(&course, &mut diags);
    resolve::outputs::check_collisions(&course, &mut diags);
    render::theme::check_overrides(root, &course.config.theme, &mut diags);
    if settings_unknown {
        // course.yaml switches lints and sets the pass mark that other warnings compare
        // with: without it they cannot be judged. They return once it loads again.
        diags.retain_errors();
    }
    (course, diags)
}

/// Builds the site into `options.out`. On any error the previous output is left untouched.
pub fn build(options: &BuildOptions) -> Result<(BuildReport, Diagnostics), BuildError> {
    build_course(options).map(|(report, diags, _)| (report, diags))
}

/// Builds the site, then packages it for an LMS in a zip beside `options.out`.
pub fn build_package(
    options: &BuildOptions,
    standard: write::package::Standard,
) -> Result<(BuildReport, Diagnostics, write::package::Package), BuildError> {
    let (report, diags, course) = build_course(options)?;
    let package = write::package::write(&options.out, &course, standard)?;
    Ok((report, diags, package))
}

fn build_course(options: &BuildOptions) -> Result<(BuildReport, Diagnostics, Course), BuildError> {
    let started = Instant::now();
    let (course, mut diags) = check(&options.root, options.drafts);
    check_output_location(&options.root, &options.out, &mut diags);
    if diags.has_errors() {
        return Err(BuildError::Content(diags));
    }
    let theme = Theme::load(&options.root, &course.config.theme)?;
    let staging = write::Staging::new(&options.out)?;
    match render_site(&course, &theme, &staging, options) {
        Ok(pages) => {
            staging.publish()?;
            let report = BuildReport { pages, warnings: diags.warning_count(), elapsed_ms: started.elapsed().as_millis() };
            Ok((report, diags, course))
        }
        Err(error) => {
            staging.abandon();
            Err(error)
        }
    }
}

/// Writes the theme's files (minified with `options.minify`), the course data, the course's colour tokens, the search index and
/// its media; with `offline`, the web app manifest too.
fn write_course_assets(
    course: &Course,
    theme: &Theme,
    sink: &dyn write::Sink,
    options: &BuildOptions,
    offline: bool,
) -> Result<render::Assets, BuildError> {
    let files = write::CourseFiles {
        data: &render::data::course_data_js(course),
        review: &render::data::review_data_js(course),
        scenario_texts: &render::data::scenario_texts_js(course),
        css: &resolve::colors::css(&course.config.colors),
        search: &render::search::SearchIndex::build(course),
        media: &course.media,
    };
    let mut assets = write::write_assets(sink, theme, &files, options.minify)?;
    if offline {
        let manifest = render::manifest::web_manifest(course, &assets.favicon);
        assets.manifest = Some(write::offline::write_manifest(sink, &manifest)?);
    }
    Ok(assets)
}

/// Renders a checked course into `sink`: assets, media and every page, and for an offline
/// course the service worker, written last from the list of files written before it. Returns
/// the number of pages. `build` passes its staging folder; `serve` a folder that it updates
/// in place.
pub fn render_site(course: &Course, theme: &Theme, sink: &dyn write::Sink, options: &BuildOptions) -> Result<usize, BuildError> {
    // `serve` never installs a worker: the browser would go on showing a cached preview.
    if !course.config.offline || options.inject.is_some() {
        return render_pages(course, theme, sink, options, false);
    }
    let recorder = write::offline::Recorder::new(sink);
    let pages = render_pages(course, theme, &recorder, options, true)?;
    recorder.write_worker()?;
    Ok(pages)
}

fn render_pages(
    course: &Course,
    theme: &Theme,
    sink: &dyn write::Sink,
    options: &BuildOptions,
    offline: bool,
) -> Result<usize, BuildError> {
    let assets = write_course_assets(course, theme, sink, options, offline)?;
    let renderer = Renderer::new(course, theme, &assets)?;
    // Only `serve` injects its live-reload client, and its server has the site at `/`.
    let renderer = if options.inject.is_some() { renderer.previewed_at_server_root() } else { renderer };
    let count = std::sync::atomic::AtomicUsize::new(0);
    let page_sink = |output: render::Output| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        write_page(sink, output, options)
    };
    renderer.render_all(&page_sink).map_err(|e| match e {
        render::RenderOrSink::Render(e) => BuildError::Render(e),
        render::RenderOrSink::Sink(e) => BuildError::Write(e),
    })?;
    Ok(count.into_inner())
}

/// Renders only the page published from the Markdown source `path` (a module page or a
/// vignette), with the assets it links to. Returns false when no such page exists.
///
/// Other pages are left as they are: the caller (`serve`) makes sure that they do not depend
/// on what changed in `path`.
pub fn render_doc(course: &Course, theme: &Theme, sink: &dyn write::Sink, options: &BuildOptions, path: &str) -> Result<bool, BuildError> {
    let assets = write_course_assets(course, theme, sink, options, false)?;
    let renderer = Renderer::new(course, theme, &assets)?;
    let output = match course.document(path) {
        Some((resolve::Owner::Page(module, page), _)) => {
            let index = module.pages.iter().position(|p| std::ptr::eq(p, page)).unwrap_or_default();
            renderer.module_page(module, index)?
        }
        Some((resolve::Owner::Vignette(vignette), _)) => renderer.vignette(vignette)?,
        Some((resolve::Owner::Home, _)) | None => return Ok(false),
    };
    write_page(sink, output, options)?;
    Ok(true)
}

fn write_page(sink: &dyn write::Sink, mut output: render::Output, options: &BuildOptions) -> Result<(), write::WriteError> {
    if let Some(snippet) = &options.inject {
        inject_before_body_end(&mut output.html, snippet);
    }
    write::write_page(sink, output, options.minify)
}

fn inject_before_body_end(html: &mut String, snippet: &str) {
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, snippet),
        None => html.push_str(snippet),
    }
}

/// The output folder must not be the course folder or hold the course's sources. Both paths
/// are compared with `..` and symbolic links resolved, so no spelling of a path slips through.
fn check_output_location(root: &Path, out: &Path, diags: &mut Diagnostics) {
    let (root, out) = (resolved(root), resolved(out));
    let sources = ["content", "quizzes", "themes"].map(|d| resolved(&root.join(d)));
    let inside_sources = sources.iter().any(|s| out.starts_with(s));
    if inside_sources || root.starts_with(&out) {
        diags.error(
            "course.yaml",
            Pos::default(),
            format!("the output folder {} would overwrite the course's sources", out.display()),
            Some("choose an output folder outside content/, quizzes/ and themes/, e.g. --out public".to_string()),
        );
    }
}

/// `path` made absolute, each existing part with its symbolic links resolved and each `..`
/// applied to what the part before really is; parts that do not exist yet are kept as written.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}
