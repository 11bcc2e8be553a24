//! The course's lookups, built once: published pages and their anchors by source path, pages
//! by id, glossary terms by name, alias and id, and references by id.

use crate::resolve::model::*;
use std::collections::HashMap;

impl Index {
    /// Built after the documents and the (sorted) library are resolved.
    pub(super) fn build(course: &Course) -> Self {
        let mut index = Self::default();
        for module in &course.modules {
            for (page_index, page) in module.pages.iter().enumerate() {
                index.targets.insert(page.doc.path.clone(), target(&page.url, &page.doc));
                index.pages.insert(page.id.clone(), (module.position, page_index));
            }
        }
        for vignette in &course.vignettes {
            index.targets.insert(vignette.doc.path.clone(), target(&vignette.url, &vignette.doc));
        }
        if let Some(home) = &course.home {
            index.targets.insert(home.path.clone(), target("index.html", home));
        }
        index.terms = terms(&course.glossary);
        index.references = course.references.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        index
    }
}

fn target(url: &str, doc: &Doc) -> Target {
    Target { url: url.to_string(), anchors: doc.headings.iter().map(|h| h.id.clone()).collect() }
}

/// Id, term and aliases, lowercased; the first entry to claim a key keeps it.
fn terms(glossary: &[Term]) -> HashMap<String, usize> {
    let mut terms = HashMap::new();
    for (index, term) in glossary.iter().enumerate() {
        for key in [term.id.as_str(), term.term.as_str()].into_iter().chain(term.aliases.iter().map(String::as_str)) {
            terms.entry(key.trim().to_lowercase()).or_insert(index);
        }
    }
    terms
}
