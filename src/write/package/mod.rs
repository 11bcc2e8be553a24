//! SCORM packages (`build --package scorm12|scorm2004`): the built site plus a launcher that
//! holds the LMS session, `imsmanifest.xml` and the schema files, in a deterministic zip
//! written beside the site.

pub mod manifest;

use super::{MARKER, WriteError};
use crate::diagnostics::{Diagnostics, Pos};
use crate::resolve::Course;
use include_dir::{Dir, include_dir};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The SCO's launch page, at the package root beside the site's `index.html`.
pub const LAUNCHER: &str = "ingroup-lms.html";
const LAUNCHER_HTML: &str = include_str!("launcher.html");
const LAUNCHER_JS: &[u8] = include_bytes!("launcher.js");
const LAUNCHER_CSS: &[u8] = include_bytes!("launcher.css");
static SCHEMAS_12: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/write/package/schemas/scorm12");
static SCHEMAS_2004: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/write/package/schemas/scorm2004");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
}

impl Standard {
    fn name(self) -> &'static str {
        match self {
            Self::Scorm12 => "scorm12",
            Self::Scorm2004 => "scorm2004",
        }
    }

    fn schemas(self) -> &'static Dir<'static> {
        match self {
            Self::Scorm12 => &SCHEMAS_12,
            Self::Scorm2004 => &SCHEMAS_2004,
        }
    }
}

/// A written package: where it is and its size in bytes.
#[derive(Debug)]
pub struct Package {
    pub path: PathBuf,
    pub bytes: u64,
}

/// `identity-leadership-1.0-scorm12.zip`, beside the site folder `site`.
pub fn package_path(site: &Path, course: &Course, standard: Standard) -> PathBuf {
    let config = &course.config;
    let version = config.version.as_deref().map(|v| format!("-{}", safe_name(v))).unwrap_or_default();
    let name = format!("{}{version}-{}.zip", safe_name(&config.id), standard.name());
    site.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(name)
}

fn safe_name(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect()
}

/// Packages the built site in `site` for `standard`. The zip is written to a temporary file
/// and renamed into place, so a failure leaves any previous package as it was.
pub fn write(site: &Path, course: &Course, standard: Standard) -> Result<Package, WriteError> {
    let files = entries(site, course, standard)?;
    let path = package_path(site, course, standard);
    let partial = path.with_extension("zip.partial");
    let io = |source: std::io::Error| WriteError::Io { path: path.display().to_string(), source };
    let file = std::fs::File::create(&partial).map_err(io)?;
    let result = zip_entries(std::io::BufWriter::new(file), &files).and_then(|mut w| w.flush());
    if let Err(source) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(io(source));
    }
    std::fs::rename(&partial, &path).map_err(io)?;
    let bytes = std::fs::metadata(&path).map_err(io)?.len();
    Ok(Package { path, bytes })
}

/// Every file of the package (path, bytes), manifest first, the rest in path order.
fn entries(site: &Path, course: &Course, standard: Standard) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    let mut files = site_files(site)?;
    let launcher = LAUNCHER_HTML
        .replace("{lang}", &manifest::escape(&course.config.language))
        .replace("{version}", if standard == Standard::Scorm12 { "1.2" } else { "2004" })
        .replace("{title}", &manifest::escape(&course.config.title));
    files.push((LAUNCHER.to_string(), launcher.into_bytes()));
    files.push(("ingroup-lms.js".to_string(), LAUNCHER_JS.to_vec()));
    files.push(("ingroup-lms.css".to_string(), LAUNCHER_CSS.to_vec()));
    if standard == Standard::Scorm12 {
        files.push((manifest::METADATA_12.to_string(), manifest::metadata_12(&course.config).into_bytes()));
    }
    files.sort();
    let listed: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut all =
        vec![("imsmanifest.xml".to_string(), manifest::manifest(standard, &course.config, mastery(course), &listed).into_bytes())];
    let mut schemas: Vec<(String, Vec<u8>)> =
        standard.schemas().files().map(|f| (f.path().to_string_lossy().into_owned(), f.contents().to_vec())).collect();
    schemas.sort();
    all.extend(schemas);
    all.extend(files);
    Ok(all)
}

/// The site's files with `/`-separated paths, without ingroup's marker file.
fn site_files(site: &Path) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(|e| WriteError::Io { path: site.display().to_string(), source: e.into() })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let rel = rel.join("/");
        if rel == MARKER {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| WriteError::Io { path: entry.path().display().to_string(), source })?;
        out.push((rel, bytes));
    }
    Ok(out)
}

/// Writes the zip: fixed dates (1980-01-01) and permissions and the given order, so the same
/// site gives the same bytes.
fn zip_entries<W: std::io::Write + std::io::Seek>(sink: W, files: &[(String, Vec<u8>)]) -> std::io::Result<W> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(sink);
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(std::io::Error::other)
}

/// Warnings about what an LMS will reject or alter, for `check` (every course may be packaged).
pub fn lms_warnings(course: &Course, diags: &mut Diagnostics) {
    let config = &course.config;
    if let Some(version) = &config.version
        && version.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        diags.warning(
            "course.yaml",
            Pos::default(),
            format!(
                "version \"{version}\" has characters a SCORM manifest identifier cannot carry; the package uses \"{}\"",
                manifest::identifier(config)
            ),
            Some("use letters, digits, dots, hyphens and underscores, e.g. version: \"1.2\"".to_string()),
        );
    }
    for source in course.media.keys() {
        if let Some(problem) = mangled(source) {
            diags.warning(
                source,
                Pos::default(),
                format!("the file name {source} {problem}; some LMSs change or refuse such names when they unpack a SCORM package"),
                Some("rename the file with lowercase letters, digits, hyphens and dots only".to_string()),
            );
        }
    }
    for quiz in course.quizzes.values().filter(|q| q.pass.mark != config.pass_mark) {
        diags.warning(
            &quiz.path,
            Pos::default(),
            format!(
                "this quiz's pass mark ({}%) differs from the course's ({}%); a SCORM mastery score is one number, so an LMS would judge the course by {}% alone",
                quiz.pass.mark, config.pass_mark, config.pass_mark
            ),
            Some("give every quiz the course's pass_mark (set it once in course.yaml) if the course is published in an LMS".to_string()),
        );
    }
}

/// The course's pass mark as the package's mastery score, unless a quiz has required questions
/// or counting scenarios: an LMS that judged by the score alone would then overrule the course's
/// own pass decision, so the course reports success itself.
fn mastery(course: &Course) -> Option<u32> {
    let score_only = course.quizzes.values().all(|q| q.pass.required.is_empty() && q.pass.scenarios.is_empty());
    score_only.then_some(course.config.pass_mark)
}

/// Why an LMS might mangle a file name, if it would.
fn mangled(url: &str) -> Option<&'static str> {
    let name = url.rsplit('/').next().unwrap_or(url);
    if !url.is_ascii() {
        Some("has non-ASCII characters")
    } else if url.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))) {
        Some("has spaces or punctuation")
    } else if name.chars().any(|c| c.is_ascii_uppercase()) {
        Some("has capital letters (LMSs on case-insensitive disks may mix up names)")
    } else if url.len() > 200 {
        Some("is longer than 200 characters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_names() {
        assert_eq!(mangled("media/photo.1a2b3c4d.jpg"), None);
        assert!(mangled("media/my photo.jpg").is_some());
        assert!(mangled("media/café.jpg").is_some());
        assert!(mangled("media/Photo.jpg").is_some());
    }

    #[test]
    fn zip_is_deterministic() {
        let files = vec![("a.txt".to_string(), b"one".to_vec()), ("b/c.txt".to_string(), b"two".to_vec())];
        let first = zip_entries(std::io::Cursor::new(Vec::new()), &files).unwrap().into_inner();
        let second = zip_entries(std::io::Cursor::new(Vec::new()), &files).unwrap().into_inner();
        assert_eq!(first, second);
        let archive = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
        assert_eq!(archive.len(), 2);
    }
}
