//! One rebuild: check, plan, render into the live folder, tell the pages.

use super::events::Broadcaster;
use super::planner::{self, Plan};
use super::site::LiveSite;
use crate::diagnostics::{Diagnostics, Pos};
use crate::render::Theme;
use crate::resolve::Course;
use crate::{BuildError, BuildOptions};
use std::sync::Arc;
use std::time::Instant;

pub struct Builder {
    options: BuildOptions,
    site: LiveSite,
    events: Arc<Broadcaster>,
    /// The theme of the last good build, loaded again only when theme files or course.yaml change.
    theme: Option<(String, Theme)>,
    /// The course of the last good build (with later body-only edits applied).
    course: Option<Course>,
    /// Whether a build ever succeeded: until then the folder holds a placeholder page.
    built_once: bool,
}

/// What a rebuild did, for the terminal.
pub enum Outcome {
    Built { plan: Plan, changed: Vec<String>, warnings: usize, elapsed_ms: u128 },
    Failed { errors: usize },
}

impl Builder {
    pub fn new(options: BuildOptions, site: LiveSite, events: Arc<Broadcaster>) -> Self {
        Self { options, site, events, theme: None, course: None, built_once: false }
    }

    /// Rebuilds after the root-relative `changed` paths changed (everything when empty).
    pub fn rebuild(&mut self, changed: &[String]) -> Outcome {
        let started = Instant::now();
        match self.rebuild_pages(changed, started) {
            Some(outcome) => outcome,
            None => self.rebuild_all(changed, started),
        }
    }

    /// The fast path for body-only edits of pages; `None` when it does not apply.
    fn rebuild_pages(&mut self, changed: &[String], started: Instant) -> Option<Outcome> {
        // While the course is broken only a full check can tell that it is fixed.
        if self.events.is_failing() {
            return None;
        }
        let (course, (_, theme)) = (self.course.as_mut()?, self.theme.as_ref()?);
        let edits = planner::body_edits(&self.options.root, course, changed)?;
        let mut diags = Diagnostics::default();
        for edit in &edits {
            edit.diags.sorted().into_iter().for_each(|d| diags.push(d.clone()));
        }
        planner::apply(course, edits);
        let rendered = changed
            .iter()
            .try_fold(true, |all, path| Ok::<_, BuildError>(all && crate::render_doc(course, theme, &self.site, &self.options, path)?));
        let changed_files = match rendered {
            Ok(true) => self.site.commit(false).ok()?,
            _ => {
                // Let the full rebuild start from scratch.
                self.site.discard();
                self.course = None;
                return None;
            }
        };
        print_diagnostics(&diags);
        Some(self.built(Plan::Pages(changed.to_vec()), changed_files, diags.warning_count(), started))
    }

    fn rebuild_all(&mut self, changed: &[String], started: Instant) -> Outcome {
        let (course, diags) = crate::check(&self.options.root, self.options.drafts);
        print_diagnostics(&diags);
        if diags.has_errors() {
            return self.fail(&diags);
        }
        let theme_changed = changed.is_empty() || changed.iter().any(|p| p.starts_with("themes/") || p == crate::load::COURSE_FILE);
        if let Err(error) = self.load_theme(&course, theme_changed) {
            return self.fail_with(&course.config.theme, &error.to_string());
        }
        let Some((_, theme)) = &self.theme else {
            return Outcome::Failed { errors: 0 };
        };
        match crate::render_site(&course, theme, &self.site, &self.options).and_then(|_| Ok(self.site.commit(true)?)) {
            Ok(changed_files) => {
                self.course = Some(course);
                self.built_once = true;
                self.built(Plan::Full, changed_files, diags.warning_count(), started)
            }
            Err(error) => {
                self.site.discard();
                self.fail_with(&course.config.theme, &error.to_string())
            }
        }
    }

    fn built(&self, plan: Plan, changed: Vec<String>, warnings: usize, started: Instant) -> Outcome {
        if !changed.is_empty() || self.events.is_failing() {
            self.events.reload(&changed);
        }
        Outcome::Built { plan, changed, warnings, elapsed_ms: started.elapsed().as_millis() }
    }

    fn load_theme(&mut self, course: &Course, changed: bool) -> Result<(), crate::render::theme::ThemeError> {
        let name = &course.config.theme;
        let current = self.theme.as_ref().is_some_and(|(loaded, _)| loaded == name);
        if changed || !current {
            self.theme = Some((name.clone(), Theme::load(&self.options.root, name)?));
        }
        Ok(())
    }

    fn fail(&mut self, diags: &Diagnostics) -> Outcome {
        self.events.error(diags);
        if !self.built_once {
            // Nothing good was built yet: give the browser a page to show the overlay on.
            let page = placeholder(self.options.inject.as_deref().unwrap_or_default());
            if let Err(error) = self.site.write_placeholder("index.html", &page) {
                eprintln!("error: {error}");
            }
        }
        Outcome::Failed { errors: diags.error_count() }
    }

    /// A failure that is not about one course file: the theme, a template, the output folder.
    fn fail_with(&mut self, theme: &str, message: &str) -> Outcome {
        eprintln!("error: {message}");
        let mut diags = Diagnostics::default();
        let hint = "fix the theme file or the output folder named in the message; the last good site stays served";
        diags.error(&format!("themes/{theme}"), Pos::default(), message, Some(hint.to_string()));
        self.fail(&diags)
    }
}

/// The page shown until the course builds for the first time; the overlay lists the errors.
fn placeholder(snippet: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ingroup serve</title></head>\n<body><p>The course has errors, listed in the terminal. This page reloads when they are fixed.</p>\n{snippet}</body></html>\n"
    )
}

fn print_diagnostics(diags: &Diagnostics) {
    for diagnostic in diags.sorted() {
        eprintln!("{diagnostic}");
    }
}
