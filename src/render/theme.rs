//! The theme: the built-in files embedded in the binary, overridden file by file by the
//! course's own `themes/NAME/` folder.

use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme \"{0}\" not found: there is no folder themes/{0}/ in the course")]
    Missing(String),
    #[error("cannot read theme file {path}: {source}")]
    Read { path: String, source: std::io::Error },
}

/// Theme files by path inside the theme (`templates/page.html`, `static/ingroup.css`).
#[derive(Debug, Clone)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme with the course's overrides from `root/themes/NAME/`.
    pub fn load(root: &Path, name: &str) -> Result<Self, ThemeError> {
        let mut files = BTreeMap::new();
        collect_builtin(&BUILTIN, &mut files);
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
                let entry = entry.map_err(|e| ThemeError::Read { path: dir.display().to_string(), source: e.into() })?;
                if !entry.file_type().is_file() || crate::load::is_ignored(&entry.file_name().to_string_lossy()) {
                    continue;
                }
                let rel = crate::load::relative(&dir, entry.path());
                let bytes =
                    std::fs::read(entry.path()).map_err(|source| ThemeError::Read { path: format!("themes/{name}/{rel}"), source })?;
                files.insert(rel, bytes);
            }
        } else if name != "default" {
            return Err(ThemeError::Missing(name.to_string()));
        }
        Ok(Self { files })
    }

    /// Templates by name (path under `templates/`).
    pub fn templates(&self) -> impl Iterator<Item = (&str, String)> {
        self.files
            .iter()
            .filter_map(|(path, bytes)| path.strip_prefix("templates/").map(|name| (name, String::from_utf8_lossy(bytes).into_owned())))
    }

    /// Static files by path under `static/`.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, bytes)| path.strip_prefix("static/").map(|name| (name, bytes.as_slice())))
    }
}

fn collect_builtin(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        files.insert(path, file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_builtin(sub, files);
    }
}
