//! Checking what Markdown points at — links, anchors, images, glossary terms, citations and
//! directives — and turning local links into the URLs of published pages.

use super::model::QuestionKind;
use super::model::{Course, Doc, Unreadable};
use super::suggest;
use crate::diagnostics::{Diagnostics, LineIndex, Pos};
use crate::markdown::{self, Reference as MdRef};
use std::collections::{BTreeMap, BTreeSet};

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
            MdRef::UnsupportedCite { text } => diags.warning(
                &doc.path,
                pos,
                format!("unsupported citation syntax \"{text}\" is shown as written"),
                Some("write `[@key]` for (Author, year), `[@a; @b]` for several, or `@key` for Author (year)".to_string()),
            ),
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
            Local::File(path, anchor) => match self.course.index.targets.get(&path) {
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
                None if self.course.left_out.documents.contains(&path) => self.draft(&format!("\"{dest}\" links to"), diags),
                None if self.course.is_unreadable(&Unreadable::File(path.clone())) => {}
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
            Local::File(path, _) if self.course.index.targets.contains_key(&path) => {
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

    /// A reference to a draft that this build leaves out: `what` names the reference.
    fn draft(&self, what: &str, diags: &mut Diagnostics) {
        diags.warning(
            &self.doc.path,
            self.pos,
            format!("{what} a draft, left out of this build"),
            Some("build with `--drafts` to preview it, or remove `draft: true` from it before publishing".to_string()),
        );
    }

    fn missing(&self, what: &str, dest: &str, path: &str, diags: &mut Diagnostics) {
        // The page being edited is never what its author meant to link to.
        let known = self.course.index.targets.keys().chain(self.media.keys()).map(String::as_str).filter(|p| *p != self.doc.path);
        let hint = suggest(path, known, "paths are relative to this file; `@/` starts at content/");
        diags.error(&self.doc.path, self.pos, format!("broken {what}: \"{dest}\" (no file {path})"), Some(hint));
    }

    fn term(&self, name: &str, diags: &mut Diagnostics) -> Option<String> {
        let found = self.course.term(name).map(|t| t.id.clone());
        if found.is_none() && !self.course.is_unreadable(&Unreadable::Glossary) {
            let keys = self.course.index.terms.keys().map(String::as_str);
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
            } else if !self.course.is_unreadable(&Unreadable::References) {
                let hint = suggest(
                    key,
                    self.course.index.references.keys().map(String::as_str),
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
                if self.course.left_out.vignettes.contains(target) {
                    self.draft(&format!("vignette \"{target}\" is"), diags);
                } else if !self.course.vignettes.iter().any(|v| v.id == target)
                    && !self.course.is_unreadable(&Unreadable::Vignette(target.to_string()))
                {
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
        if !exists && self.course.left_out.quizzes.contains(id) {
            self.draft(&format!("quiz \"{id}\" is"), diags);
        } else if !exists && !self.course.is_unreadable(&Unreadable::Quiz(id.to_string())) {
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
        let questions = &self.course.quizzes[quiz_id].questions;
        let Some(question) = questions.iter().find(|q| q.id == question_id) else {
            let hint = suggest(question_id, questions.iter().map(|q| q.id.as_str()), "name a question id of that quiz");
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

/// Public for the renderer: whether a local link points to a draft this build leaves out.
pub fn links_to_left_out(course: &Course, from: &str, dest: &str) -> bool {
    matches!(resolve_local(from, dest), Local::File(path, _) if course.left_out.documents.contains(&path))
}

/// Public for the renderer: the root-relative URL (with anchor) a local link points to.
/// `media_urls` maps the media files of the course to the URLs `write` gave them.
pub fn link_target(course: &Course, from: &str, dest: &str, media_urls: &BTreeMap<String, String>) -> Option<String> {
    match resolve_local(from, dest) {
        Local::File(path, anchor) => {
            let url = course.index.targets.get(&path).map(|t| t.url.clone()).or_else(|| media_urls.get(&path).cloned())?;
            Some(anchor.map_or(url.clone(), |a| format!("{url}#{a}")))
        }
        _ => None,
    }
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
