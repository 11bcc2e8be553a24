//! Stage 2: turn loaded documents into one checked [`Course`].
//!
//! Invariant: resolving never fails; it returns the model plus every problem it found, each
//! with file, line and a hint. Later stages run only when there are no errors.

pub mod colors;
mod content;
mod documents;
mod embeds;
pub mod html;
mod index;
mod library;
mod links;
pub mod lints;
pub mod model;
pub mod outputs;
mod questions;
pub mod quiz;
pub mod scenario;
mod tags;
mod teaching;
mod usage;

use crate::diagnostics::{Diagnostics, Pos, did_you_mean};
use crate::load::schema::Located;
use crate::load::{COURSE_FILE, LoadedCourse};
pub use links::{DocUsage, check_doc, link_target, links_to_left_out};
pub use model::*;
pub use tags::PROCESSES;

/// Options that change what the course contains.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    pub drafts: bool,
}

pub fn resolve(loaded: LoadedCourse, options: ResolveOptions, diags: &mut Diagnostics) -> Course {
    let mut course = Course { root: loaded.root.clone(), ..Default::default() };
    if let Some(file) = &loaded.course {
        course.config = config(file, diags);
        check_theme(&loaded.root, file, diags);
    } else {
        course.config.unchecked_tags.every = true;
    }
    content::resolve_documents(&mut course, loaded, options, diags);
    course
}

fn config(file: &crate::load::schema::CourseFile, diags: &mut Diagnostics) -> Config {
    check_id(&file.id, COURSE_FILE, 0, "course id", diags);
    let pass_mark = match &file.pass_mark {
        Some(mark) if mark.value > 100 => {
            diags.error(
                COURSE_FILE,
                pos(&mark.referenced, 0),
                format!("pass_mark {} is over 100", mark.value),
                Some("pass_mark is a percentage from 0 to 100".to_string()),
            );
            100
        }
        Some(mark) => mark.value,
        None => 80,
    };
    let (vocabularies, unchecked_tags) = tags::vocabularies(&file.vocabularies, diags);
    Config {
        id: file.id.value.clone(),
        title: crate::markdown::plain_text(&file.title),
        subtitle: file.subtitle.as_deref().map(crate::markdown::plain_text),
        description: file.description.clone(),
        language: file.language.clone().unwrap_or_else(|| "en".to_string()),
        version: file.version.clone(),
        authors: file.authors.clone(),
        pass_mark,
        theme: file.theme.as_ref().map_or_else(|| "default".to_string(), |t| t.value.clone()),
        audience: file.audience.clone(),
        cpd_hours: file.cpd_hours,
        colors: colors::resolve(file.colors.as_ref(), diags),
        license: file.license.clone(),
        contact: file.contact.clone(),
        base_url: base_url(file, diags),
        offline: file.offline,
        lints: lints::switches(&file.lints, diags),
        vocabularies,
        unchecked_tags,
    }
}

/// `base_url` must be an absolute http(s) URL; it is stored with a trailing `/`.
fn base_url(file: &crate::load::schema::CourseFile, diags: &mut Diagnostics) -> Option<String> {
    let url = file.base_url.as_ref()?;
    let value = url.value.trim();
    if !(value.starts_with("https://") || value.starts_with("http://")) || value.contains(char::is_whitespace) {
        diags.error(
            COURSE_FILE,
            at(url, 0),
            format!("base_url \"{value}\" is not an absolute web address"),
            Some("write it like `https://example.org/course/`, or leave it out".to_string()),
        );
        return None;
    }
    Some(if value.ends_with('/') { value.to_string() } else { format!("{value}/") })
}

/// A theme other than the built-in one must exist as a folder in the course.
fn check_theme(root: &std::path::Path, file: &crate::load::schema::CourseFile, diags: &mut Diagnostics) {
    if let Some(theme) = file.theme.as_ref().filter(|t| t.value != "default" && !root.join("themes").join(&t.value).is_dir()) {
        diags.error(
            COURSE_FILE,
            at(theme, 0),
            format!("theme \"{}\" not found", theme.value),
            Some(format!(
                "create themes/{}/ with the templates or assets you override, or remove `theme:` to use the built-in theme",
                theme.value
            )),
        );
    }
}

/// Position of a YAML value; `line_offset` is the number of file lines before the YAML text.
pub fn pos(location: &serde_saphyr::Location, line_offset: usize) -> Pos {
    let line = usize::try_from(location.line()).unwrap_or(0);
    let column = usize::try_from(location.column()).unwrap_or(0);
    if line == 0 { Pos::default() } else { Pos::new(line + line_offset, column) }
}

pub fn at(value: &Located, line_offset: usize) -> Pos {
    pos(&value.referenced, line_offset)
}

/// Ids are lowercase letters, digits and hyphens: they become URLs and storage keys.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

pub fn check_id(id: &Located, file: &str, line_offset: usize, what: &str, diags: &mut Diagnostics) -> bool {
    let ok = is_valid_id(&id.value);
    if !ok {
        diags.error(
            file,
            at(id, line_offset),
            format!("{what} \"{}\" is not a valid id", id.value),
            Some(format!("use lowercase letters, digits and hyphens, e.g. \"{}\"", crate::markdown::slugify(&id.value))),
        );
    }
    ok
}

/// A hint naming the closest known id, if any.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>, fallback: &str) -> String {
    match did_you_mean(unknown, known) {
        Some(close) => format!("did you mean \"{close}\"?"),
        None => fallback.to_string(),
    }
}
