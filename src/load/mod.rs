//! Stage 1: read the course folder into typed, located, but not yet cross-checked documents.
//!
//! Invariant: loading never panics and never reads outside the course root; every unreadable
//! or malformed file becomes a diagnostic and is left out.

pub mod read;
pub mod schema;
pub mod yaml;

use crate::diagnostics::{Diagnostics, Pos};
use rayon::prelude::*;
use schema::{CourseFile, FrontMatter, QuizFile, ReferenceEntry, TermEntry, VignetteFront};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A Markdown file split into front matter and body.
#[derive(Debug)]
pub struct MarkdownSource<F> {
    /// Path relative to the course root, `/`-separated.
    pub path: String,
    pub front: F,
    /// The whole file, so that byte offsets map to lines.
    pub text: String,
    /// Byte offset where the Markdown body starts in `text`.
    pub body_start: usize,
    /// Number prefix of the file name (`03-` → 3), if any.
    pub number: Option<u32>,
    /// File or folder name without number prefix and extension.
    pub slug: String,
}

impl<F> MarkdownSource<F> {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

#[derive(Debug)]
pub struct ModuleSource {
    /// Folder of the module relative to the root (for folder modules) or the file's folder.
    pub number: Option<u32>,
    pub slug: String,
    /// The first page carries the module's front matter.
    pub pages: Vec<MarkdownSource<FrontMatter>>,
}

#[derive(Debug)]
pub struct QuizSource {
    pub path: String,
    pub stem: String,
    pub quiz: QuizFile,
}

/// Everything read from a course folder.
#[derive(Debug, Default)]
pub struct LoadedCourse {
    pub root: PathBuf,
    pub course: Option<CourseFile>,
    pub home: Option<MarkdownSource<FrontMatter>>,
    pub modules: Vec<ModuleSource>,
    pub vignettes: Vec<MarkdownSource<VignetteFront>>,
    pub quizzes: Vec<QuizSource>,
    pub glossary: Vec<TermEntry>,
    pub references: Vec<ReferenceEntry>,
    /// Non-Markdown files under `content/` (images), by root-relative path.
    pub media: BTreeMap<String, PathBuf>,
    /// Ids (file stems) of quiz files that exist but could not be read; references to them
    /// are not reported again as unknown.
    pub broken_quizzes: std::collections::BTreeSet<String>,
    pub glossary_broken: bool,
    pub references_broken: bool,
    /// Markdown files that exist but could not be read (already reported once); links,
    /// `see:`, `module:` and directives that point into them are not reported again.
    pub broken_documents: Vec<BrokenDocument>,
}

/// A Markdown file that could not be read, with the id the course would have known it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenDocument {
    /// Root-relative path.
    pub path: String,
    pub id: DocumentId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentId {
    /// A module's first page (`module`) or a later page (`module/page`).
    Page(String),
    Vignette(String),
    Home,
}

pub const COURSE_FILE: &str = "course.yaml";
pub const GLOSSARY_FILE: &str = "glossary.yaml";
pub const REFERENCES_FILE: &str = "references.yaml";

/// Reads the course at `root`. Problems are added to `diags`; what could be read is returned.
pub fn load(root: &Path, diags: &mut Diagnostics) -> LoadedCourse {
    let mut loaded = LoadedCourse { root: root.to_path_buf(), ..Default::default() };
    let course_path = root.join(COURSE_FILE);
    if course_path.symlink_metadata().is_ok() {
        if let Some(text) = read_text(root, &course_path, diags) {
            loaded.course = parse_yaml(COURSE_FILE, &text, diags);
        }
    } else {
        diags.error(
            COURSE_FILE,
            Pos::default(),
            format!("{COURSE_FILE} not found: the course folder must hold it"),
            Some("run ingroup in the course folder, pass --root DIR, or create a course with `ingroup new DIR`".to_string()),
        );
    }
    (loaded.glossary, loaded.glossary_broken) = load_optional_list(root, GLOSSARY_FILE, diags);
    (loaded.references, loaded.references_broken) = load_optional_list(root, REFERENCES_FILE, diags);
    load_content(root, &mut loaded, diags);
    load_quizzes(root, &mut loaded, diags);
    loaded
}

/// A list file that may be absent: (entries, whether it exists but could not be read).
fn load_optional_list<T: serde::de::DeserializeOwned>(root: &Path, name: &str, diags: &mut Diagnostics) -> (Vec<T>, bool) {
    let path = root.join(name);
    if path.symlink_metadata().is_err() {
        return (Vec::new(), false);
    }
    match read_text(root, &path, diags).and_then(|text| parse_yaml(name, &text, diags)) {
        Some(list) => (list, false),
        None => (Vec::new(), true),
    }
}

fn parse_yaml<T: serde::de::DeserializeOwned>(file: &str, text: &str, diags: &mut Diagnostics) -> Option<T> {
    yaml::parse(file, text, 1).map_err(|d| diags.push(d)).ok()
}

/// Path of `path` relative to `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads a text file, refusing huge, binary, non-UTF-8 and empty files with a diagnostic.
pub fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<String> {
    let rel = relative(root, path);
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(message) => {
            diags.error(&rel, Pos::default(), message, Some("check the file exists, is readable and is a text file".to_string()));
            return None;
        }
    };
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        diags.error(
            &rel,
            Pos::new(line, 0),
            "binary file: contains a NUL byte",
            Some(
                "course text files must be UTF-8 text; move images out of quizzes/ and keep them beside the Markdown that uses them"
                    .to_string(),
            ),
        );
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            diags.error(&rel, Pos::default(), "empty file", Some("write content into the file or delete it".to_string()));
            None
        }
        Ok(text) => Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
        Err(err) => {
            let pos = first_invalid_utf8(err.as_bytes(), err.utf8_error().valid_up_to());
            diags.error(&rel, pos, "file is not valid UTF-8", Some("save the file as UTF-8 in your editor".to_string()));
            None
        }
    }
}

/// The line and column (in characters) of the first byte that is not UTF-8, given how many
/// bytes before it are valid.
pub(crate) fn first_invalid_utf8(bytes: &[u8], valid_up_to: usize) -> Pos {
    let valid = &bytes[..valid_up_to.min(bytes.len())];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = valid.rsplit(|&b| b == b'\n').next().map_or(1, |l| String::from_utf8_lossy(l).chars().count() + 1);
    Pos::new(line, column)
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    read::read_regular(path, MAX_FILE_BYTES)
}

/// Splits `---` front matter from a Markdown text: (front matter text, its first line, body start).
pub fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'))?;
    let start = text.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&text[start..offset], 2, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// Reads a Markdown file with front matter of type `F`.
fn read_markdown<F: serde::de::DeserializeOwned + Default>(
    root: &Path,
    path: &Path,
    require_front: bool,
    diags: &mut Diagnostics,
) -> Option<MarkdownSource<F>> {
    let rel = relative(root, path);
    let text = read_text(root, path, diags)?;
    let (front, body_start) = match split_front_matter(&text) {
        Some((yaml_text, _, body_start)) if yaml_text.trim().is_empty() => (F::default(), body_start),
        Some((yaml_text, first_line, body_start)) => {
            (yaml::parse(&rel, yaml_text, first_line).map_err(|d| diags.push(d)).ok()?, body_start)
        }
        None if text.starts_with("---") => {
            diags.error(
                &rel,
                Pos::new(1, 1),
                "front matter is not closed",
                Some("end the front matter with a line holding only `---`".to_string()),
            );
            return None;
        }
        None if require_front => {
            diags.error(
                &rel,
                Pos::new(1, 1),
                "missing front matter",
                Some("start the file with `---`, a line `title: …`, and `---`".to_string()),
            );
            return None;
        }
        None => (F::default(), 0),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (number, slug) = split_number(name.strip_suffix(".md").unwrap_or(&name));
    Some(MarkdownSource { path: rel, front, text, body_start, number, slug })
}

/// `03-pathways` → (Some(3), "pathways"); `pathways` → (None, "pathways").
pub fn split_number(name: &str) -> (Option<u32>, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    let rest = &name[digits.len()..];
    match (digits.parse().ok(), rest.strip_prefix(['-', '_'])) {
        (Some(n), Some(slug)) if !slug.is_empty() => (Some(n), slug.to_string()),
        _ => (None, name.to_string()),
    }
}

/// The slug a Markdown file gives its page or vignette: `03-pathways.md` → `pathways`.
fn markdown_slug(path: &Path) -> String {
    split_number(&path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()).1
}

impl LoadedCourse {
    fn broken(&mut self, root: &Path, path: &Path, id: DocumentId) {
        self.broken_documents.push(BrokenDocument { path: relative(root, path), id });
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn load_content(root: &Path, loaded: &mut LoadedCourse, diags: &mut Diagnostics) {
    let content = root.join("content");
    if refuse_linked_folder(root, &content, diags) {
        return;
    }
    if !content.is_dir() {
        diags.error(
            "content",
            Pos::default(),
            "no content/ folder",
            Some("create content/ with at least one module, e.g. content/01-introduction.md".to_string()),
        );
        return;
    }
    for entry in sorted_entries(root, &content, diags) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if entry.is_dir() && name == "vignettes" {
            load_vignettes(root, &entry, loaded, diags);
        } else if entry.is_dir() {
            load_folder_module(root, &entry, loaded, diags);
        } else if name == "index.md" {
            loaded.home = read_markdown(root, &entry, false, diags);
            if loaded.home.is_none() {
                loaded.broken(root, &entry, DocumentId::Home);
            }
        } else if is_markdown(&entry) {
            match read_markdown(root, &entry, true, diags) {
                Some(page) => loaded.modules.push(ModuleSource { number: page.number, slug: page.slug.clone(), pages: vec![page] }),
                None => loaded.broken(root, &entry, DocumentId::Page(markdown_slug(&entry))),
            }
        } else {
            loaded.media.insert(relative(root, &entry), entry);
        }
    }
}

fn load_folder_module(root: &Path, dir: &Path, loaded: &mut LoadedCourse, diags: &mut Diagnostics) {
    let rel = relative(root, dir);
    let index = dir.join("index.md");
    if !index.is_file() {
        diags.error(
            &rel,
            Pos::default(),
            "module folder has no index.md",
            Some(format!("add {rel}/index.md with the module's front matter (title, objectives…)")),
        );
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (number, slug) = split_number(&name);
    let Some(first) = index.is_file().then(|| read_markdown::<FrontMatter>(root, &index, true, diags)).flatten() else {
        // Without its first page the module is unknown: its other pages are left unread too.
        loaded.broken(root, &index, DocumentId::Page(slug.clone()));
        for entry in sorted_entries(root, dir, &mut Diagnostics::default()).iter().filter(|e| e.is_file() && is_markdown(e)) {
            loaded.broken(root, entry, DocumentId::Page(format!("{slug}/{}", markdown_slug(entry))));
        }
        collect_media_below(root, dir, loaded, diags);
        return;
    };
    let mut pages = vec![first];
    for entry in sorted_entries(root, dir, diags) {
        if entry == index {
            continue;
        }
        if entry.is_file() && is_markdown(&entry) {
            match read_markdown(root, &entry, true, diags) {
                Some(page) => pages.push(page),
                None => loaded.broken(root, &entry, DocumentId::Page(format!("{slug}/{}", markdown_slug(&entry)))),
            }
        } else if entry.is_dir() {
            collect_media_below(root, &entry, loaded, diags);
        } else {
            loaded.media.insert(relative(root, &entry), entry);
        }
    }
    pages[1..].sort_by(|a, b| (a.front.order.or(a.number), &a.slug).cmp(&(b.front.order.or(b.number), &b.slug)));
    loaded.modules.push(ModuleSource { number, slug, pages });
}

fn collect_media_below(root: &Path, dir: &Path, loaded: &mut LoadedCourse, diags: &mut Diagnostics) {
    for entry in sorted_entries(root, dir, diags) {
        if entry.is_dir() {
            collect_media_below(root, &entry, loaded, diags);
        } else if !is_markdown(&entry) {
            loaded.media.insert(relative(root, &entry), entry);
        }
    }
}

fn load_vignettes(root: &Path, dir: &Path, loaded: &mut LoadedCourse, diags: &mut Diagnostics) {
    for entry in sorted_entries(root, dir, diags) {
        if entry.is_file() && is_markdown(&entry) {
            match read_markdown::<VignetteFront>(root, &entry, true, diags) {
                Some(vignette) => loaded.vignettes.push(vignette),
                None => loaded.broken(root, &entry, DocumentId::Vignette(markdown_slug(&entry))),
            }
        } else if entry.is_dir() {
            collect_media_below(root, &entry, loaded, diags);
        } else {
            loaded.media.insert(relative(root, &entry), entry);
        }
    }
}

fn load_quizzes(root: &Path, loaded: &mut LoadedCourse, diags: &mut Diagnostics) {
    let dir = root.join("quizzes");
    if refuse_linked_folder(root, &dir, diags) || !dir.is_dir() {
        return;
    }
    let files: Vec<PathBuf> = sorted_entries(root, &dir, diags)
        .into_iter()
        .filter(|entry| entry.is_file() && entry.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    // Quiz files are independent: read and parse them in parallel, then keep file order.
    let results: Vec<(String, String, Option<QuizFile>, Diagnostics)> = files
        .par_iter()
        .map(|entry| {
            let mut local = Diagnostics::default();
            let path = relative(root, entry);
            let stem = entry.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let quiz = read_text(root, entry, &mut local).and_then(|text| parse_yaml::<QuizFile>(&path, &text, &mut local));
            (path, stem, quiz, local)
        })
        .collect();
    for (path, stem, quiz, local) in results {
        diags.append(local);
        match quiz {
            Some(quiz) => loaded.quizzes.push(QuizSource { path, stem, quiz }),
            None => {
                loaded.broken_quizzes.insert(stem);
            }
        }
    }
}

/// The entries of a folder, sorted by name, leaving out hidden files and editor droppings.
/// Symbolic links are never followed: a link could point outside the course or loop.
fn sorted_entries(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).max_depth(1).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(entry) if is_ignored(&entry.file_name().to_string_lossy()) => {}
            Ok(entry) if entry.path_is_symlink() => diags.error(
                &relative(root, entry.path()),
                Pos::default(),
                "symbolic links are not followed",
                Some("copy the file into the course folder instead of linking to it".to_string()),
            ),
            Ok(entry) if !entry.file_type().is_file() && !entry.file_type().is_dir() => diags.error(
                &relative(root, entry.path()),
                Pos::default(),
                format!(
                    "this is {}: only regular files and folders are read",
                    entry.metadata().ok().as_ref().and_then(read::not_regular).unwrap_or("not a regular file")
                ),
                Some("remove it from the course folder; course files must be ordinary files".to_string()),
            ),
            Ok(entry) => entries.push(entry.into_path()),
            Err(err) => diags.error(&relative(root, dir), Pos::default(), format!("cannot read folder: {err}"), None),
        }
    }
    entries
}

/// A top-level course folder that is a symbolic link is refused like any linked file.
fn refuse_linked_folder(root: &Path, dir: &Path, diags: &mut Diagnostics) -> bool {
    let linked = read::is_linked_folder(dir);
    if linked {
        diags.error(
            &relative(root, dir),
            Pos::default(),
            "symbolic links are not followed",
            Some("move the folder into the course folder instead of linking to it".to_string()),
        );
    }
    linked
}

/// Hidden files and the droppings of editors' atomic saves.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_body() {
        let (yaml, line, body) = split_front_matter("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!((yaml, line), ("title: A\n", 2));
        assert_eq!(&"---\ntitle: A\n---\nBody\n"[body..], "Body\n");
        assert!(split_front_matter("no front matter").is_none());
    }

    #[test]
    fn number_prefix_is_split_from_slug() {
        assert_eq!(split_number("03-pathways"), (Some(3), "pathways".to_string()));
        assert_eq!(split_number("pathways"), (None, "pathways".to_string()));
        assert_eq!(split_number("2024"), (None, "2024".to_string()));
    }
}
