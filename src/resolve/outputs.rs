//! Every published file has one source: two sources for one output path (a module called
//! `glossary`, two documents with one URL, names that differ only in case, which collide on
//! case-insensitive file systems) would silently lose a page.

use super::model::Course;
use crate::diagnostics::{Diagnostics, Pos};
use std::collections::HashMap;

/// The pages every site has, with the name an author knows them by.
const BUILT_IN: [(&str, &str); 9] = [
    ("index.html", "the built-in home page"),
    ("vignettes/index.html", "the built-in list of vignettes"),
    ("glossary/index.html", "the built-in glossary page"),
    ("references/index.html", "the built-in references page"),
    ("journal/index.html", "the built-in journal page"),
    ("progress/index.html", "the built-in progress page"),
    ("certificate/index.html", "the built-in certificate page"),
    ("supervisor/index.html", "the built-in supervisor page"),
    ("404.html", "the built-in not-found page"),
];

/// Folders of the site that only ingroup writes into.
const RESERVED_FOLDERS: [&str; 1] = ["assets"];

/// Reports every output path claimed by two sources, naming both.
pub fn check_collisions(course: &Course, diags: &mut Diagnostics) {
    let mut claimed: HashMap<String, String> = HashMap::new();
    for (url, owner) in BUILT_IN {
        claimed.insert(url.to_string(), owner.to_string());
    }
    if let Some(home) = &course.home {
        claimed.insert("index.html".to_string(), home.path.clone());
    }
    let pages = course.modules.iter().flat_map(|m| m.pages.iter().map(|p| (&p.url, &p.doc.path)));
    for (url, source) in pages.chain(course.vignettes.iter().map(|v| (&v.url, &v.doc.path))) {
        let key = url.to_lowercase();
        let folder = key.split('/').next().unwrap_or_default();
        if RESERVED_FOLDERS.contains(&folder) {
            collision(diags, source, url, &format!("the site's {folder}/ folder"));
        } else if let Some(other) = claimed.get(&key) {
            collision(diags, source, url, other);
        } else {
            claimed.insert(key, source.clone());
        }
    }
}

fn collision(diags: &mut Diagnostics, source: &str, url: &str, other: &str) {
    diags.error(
        source,
        Pos::default(),
        format!("{source} would be published as {url}, which {other} already writes (names that differ only in case count as one)"),
        Some("rename the file or folder (its name becomes the page's address) so each page has an address of its own".to_string()),
    );
}
