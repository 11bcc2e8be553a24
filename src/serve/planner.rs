//! How little a rebuild may redo.
//!
//! A full rebuild checks the whole course and renders every page (writing only the files whose
//! bytes changed). When every changed file is a module page or vignette whose Markdown body
//! alone changed, it is enough to re-check and re-render those pages: their front matter is
//! byte-identical, their headings (which other pages link to and label) are the same, they use
//! the same terms, references, quizzes and media as before, and they have no errors. Anything
//! else — and any doubt — takes the full rebuild, whose diagnostics are authoritative.

use crate::diagnostics::Diagnostics;
use crate::resolve::{Course, Doc, Owner, check_doc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// Re-render only the pages published from these sources.
    Pages(Vec<String>),
    /// Check the whole course and render the whole site.
    Full,
}

/// The new text of a page whose body alone changed, and its diagnostics (warnings only).
pub struct BodyEdit {
    pub doc: Doc,
    pub diags: Diagnostics,
}

/// The edits, when every path of `changed` is a body-only edit of a page of `course` (the
/// last good build); `None` when the whole course must be rebuilt.
pub fn body_edits(root: &Path, course: &Course, changed: &[String]) -> Option<Vec<BodyEdit>> {
    if changed.is_empty() {
        return None;
    }
    // What the old pages used is in the course already: a page that starts to use another
    // media file is reported as an error here and so takes the full rebuild.
    changed.iter().map(|path| body_edit(root, course, &course.media, path)).collect()
}

fn body_edit(root: &Path, course: &Course, media: &BTreeMap<String, PathBuf>, path: &str) -> Option<BodyEdit> {
    if !path.starts_with("content/") || !path.ends_with(".md") {
        return None;
    }
    let (_, old) = course.document(path).filter(|(owner, _)| !matches!(owner, Owner::Home))?;
    let text = crate::load::read_text(root, &root.join(path), &mut Diagnostics::default())?;
    let (_, _, body_start) = crate::load::split_front_matter(&text)?;
    if text[..body_start] != old.text[..old.body_start] {
        return None;
    }
    let doc = Doc::parse(path.to_string(), text, body_start);
    let same_headings = doc.headings.len() == old.headings.len()
        && doc.headings.iter().zip(&old.headings).all(|(a, b)| (a.level, &a.id, &a.text) == (b.level, &b.id, &b.text));
    if !same_headings {
        return None;
    }
    let mut diags = Diagnostics::default();
    let uses = check_doc(course, &doc, media, &mut diags);
    let used = check_doc(course, old, media, &mut Diagnostics::default());
    (uses == used && !diags.has_errors()).then_some(BodyEdit { doc, diags })
}

/// Puts the edited documents into the course in place of the old ones.
pub fn apply(course: &mut Course, edits: Vec<BodyEdit>) {
    for edit in edits {
        let pages = course.modules.iter_mut().flat_map(|m| m.pages.iter_mut().map(|p| &mut p.doc));
        let vignettes = course.vignettes.iter_mut().map(|v| &mut v.doc);
        if let Some(doc) = pages.chain(vignettes).find(|doc| doc.path == edit.doc.path) {
            *doc = edit.doc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "---\ntitle: A\nminutes: 5\n---\n## One\n\nText [[Term]].\n";
    const B: &str = "---\ntitle: B\nminutes: 5\n---\nMore.\n";

    /// Plans the edit of content/01-a.md from `before` to `after`.
    fn edit(before: &str, after: &str) -> Option<Vec<BodyEdit>> {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("course.yaml", "id: t\ntitle: T\n");
        write("glossary.yaml", "- term: Term\n  definition: D.\n- term: Other\n  definition: D.\n");
        write("content/01-a.md", before);
        write("content/02-b.md", B);
        let (course, diags) = crate::check(dir.path(), false);
        assert!(!diags.has_errors(), "{:?}", diags.sorted());
        write("content/01-a.md", after);
        body_edits(dir.path(), &course, &["content/01-a.md".to_string()])
    }

    #[test]
    fn body_edit_is_re_rendered_alone() {
        let edits = edit(A, &A.replace("Text", "Other text")).expect("a body-only edit");
        assert!(edits[0].doc.body().starts_with("## One\n\nOther text"));
    }

    #[test]
    fn anything_that_other_pages_see_rebuilds_everything() {
        assert!(edit(A, &A.replace("title: A", "title: A2")).is_none(), "front matter");
        assert!(edit(A, &A.replace("## One", "## Two")).is_none(), "headings");
        assert!(edit(A, &A.replace("[[Term]]", "[[Other]]")).is_none(), "terms used");
        assert!(edit(A, &A.replace("[[Term]]", "[[Term]] [broken](nowhere.md)")).is_none(), "errors");
    }
}
