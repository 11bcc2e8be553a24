//! `ingroup new DIR`: a small, complete course to start from.
//!
//! The files live in `scaffold/` at the repository root and are embedded in the binary, so the
//! scaffold is the same wherever ingroup runs. A test keeps it free of warnings.

use include_dir::{Dir, DirEntry, include_dir};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// The `id:` line of the scaffold's course.yaml, replaced by one made from the folder's name.
const ID_LINE: &str = "\nid: running-groups\n";

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} is not empty; ingroup new never overwrites files: choose a new or empty folder")]
    NotEmpty(String),
    #[error("{0} exists and is not a folder")]
    NotAFolder(String),
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io { path: path.display().to_string(), source }
}

/// Writes the scaffold course into `dir`, which must not exist or be empty. Returns the files
/// written, relative to `dir`.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_target(dir)?;
    fs::create_dir_all(dir).map_err(io(dir))?;
    let course_id = course_id(dir);
    let mut written = Vec::new();
    for file in files(&SCAFFOLD) {
        let target = dir.join(file.path());
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let contents = match (&course_id, file.path() == Path::new(crate::load::COURSE_FILE)) {
            (Some(id), true) => String::from_utf8_lossy(file.contents()).replacen(ID_LINE, &format!("\nid: {id}\n"), 1).into_bytes(),
            _ => file.contents().to_vec(),
        };
        // `create_new`: a file that appeared meanwhile is never overwritten.
        let mut out = fs::OpenOptions::new().write(true).create_new(true).open(&target).map_err(io(&target))?;
        out.write_all(&contents).map_err(io(&target))?;
        written.push(file.path().to_path_buf());
    }
    Ok(written)
}

fn check_target(dir: &Path) -> Result<(), ScaffoldError> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(ScaffoldError::NotAFolder(dir.display().to_string()));
    }
    match fs::read_dir(dir).map_err(io(dir))?.next() {
        None => Ok(()),
        Some(_) => Err(ScaffoldError::NotEmpty(dir.display().to_string())),
    }
}

/// The course id made from the folder's name (`My Course` → `my-course`), if it makes a valid id.
fn course_id(dir: &Path) -> Option<String> {
    let name = std::path::absolute(dir).ok()?.file_name()?.to_string_lossy().into_owned();
    let id = crate::markdown::slugify(&name);
    crate::resolve::is_valid_id(&id).then_some(id)
}

/// Every embedded file, depth first, in a stable order.
fn files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => out.extend(files(sub)),
            DirEntry::File(file) => out.push(file),
        }
    }
    out.sort_by_key(|f| f.path());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_holds_the_course_files() {
        let paths: Vec<String> = files(&SCAFFOLD).iter().map(|f| f.path().to_string_lossy().replace('\\', "/")).collect();
        for expected in ["course.yaml", "README.md", "glossary.yaml", "references.yaml", "quizzes/first-session.yaml"] {
            assert!(paths.iter().any(|p| p == expected), "{expected} missing from {paths:?}");
        }
        let course = SCAFFOLD.get_file("course.yaml").map(|f| String::from_utf8_lossy(f.contents()).into_owned()).unwrap_or_default();
        assert!(course.contains(ID_LINE), "course.yaml must keep the id line that `new` replaces");
    }

    #[test]
    fn course_id_comes_from_the_folder_name() {
        assert_eq!(course_id(Path::new("courses/My Course")), Some("my-course".to_string()));
        assert_eq!(course_id(Path::new("courses/ÉÉ")), None);
    }
}
