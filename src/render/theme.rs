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

/// What `check` can tell about the course's theme folders without rendering: a folder in
/// `themes/` that no `theme:` names (a misspelt override is otherwise ignored), files in the
/// used one that override nothing and nothing includes, templates that are not UTF-8 and
/// templates that do not compile.
pub fn check_overrides(root: &Path, name: &str, diags: &mut crate::diagnostics::Diagnostics) {
    let themes = root.join("themes");
    let Ok(entries) = std::fs::read_dir(&themes) else { return };
    let mut folders: Vec<String> =
        entries.filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    folders.sort();
    for folder in folders.iter().filter(|f| *f != name && !crate::load::is_ignored(f)) {
        diags.warning(
            &format!("themes/{folder}"),
            crate::diagnostics::Pos::default(),
            format!("theme folder \"{folder}\" is not used: the course uses the theme \"{name}\""),
            Some(format!("rename the folder to themes/{name}/ to override the theme, or set `theme: {folder}` in course.yaml")),
        );
    }
    if !folders.iter().any(|f| f == name) {
        return;
    }
    let Ok(theme) = Theme::load(root, name) else { return };
    let builtin: BTreeMap<String, Vec<u8>> = {
        let mut files = BTreeMap::new();
        collect_builtin(&BUILTIN, &mut files);
        files
    };
    report_unknown_overrides(&theme, &builtin, root, name, diags);
    if !report_non_utf8_templates(&theme, name, diags) {
        report_template_errors(&theme, name, diags);
    }
}

/// Templates whose bytes are not UTF-8, each at its first bad byte; `true` when there was one
/// (the theme is then not compiled, so the file is reported once, not again as a syntax error).
fn report_non_utf8_templates(theme: &Theme, name: &str, diags: &mut crate::diagnostics::Diagnostics) -> bool {
    let mut found = false;
    for (path, bytes) in theme.files.iter().filter(|(path, _)| path.starts_with("templates/")) {
        let Err(error) = std::str::from_utf8(bytes) else { continue };
        found = true;
        diags.error(
            &format!("themes/{name}/{path}"),
            crate::load::first_invalid_utf8(bytes, error.valid_up_to()),
            "template is not UTF-8 text",
            Some("save the file as UTF-8 in your editor (templates are text; images and fonts belong in static/)".to_string()),
        );
    }
    found
}

/// Override files that replace no built-in file: a template is fine when another template
/// names it (a partial of the course's own), anything else is a misspelling or a misplaced file.
fn report_unknown_overrides(
    theme: &Theme,
    builtin: &BTreeMap<String, Vec<u8>>,
    root: &Path,
    name: &str,
    diags: &mut crate::diagnostics::Diagnostics,
) {
    let dir = root.join("themes").join(name);
    let templates: Vec<(&str, String)> = theme.templates().collect();
    for path in theme.files.keys().filter(|p| !builtin.contains_key(*p) && dir.join(p).is_file()) {
        let included = path
            .strip_prefix("templates/")
            .is_some_and(|template| templates.iter().any(|(other, text)| *other != template && text.contains(&format!("\"{template}\""))));
        let is_static = path.starts_with("static/");
        if included || is_static {
            continue;
        }
        let known = builtin.keys().map(String::as_str);
        let hint = crate::resolve::suggest(
            path,
            known,
            "override a built-in file by its path (templates/page.html, static/ingroup.css; see docs/theme.md), or include a partial of your own from a template",
        );
        diags.warning(
            &format!("themes/{name}/{path}"),
            crate::diagnostics::Pos::default(),
            format!("\"{path}\" overrides no built-in theme file and no template uses it"),
            Some(hint),
        );
    }
}

/// Compiles the merged templates as `build` will, so a syntax error shows in `check`, at the
/// template's line when Tera names it (`--> page.html:2:23`).
fn report_template_errors(theme: &Theme, name: &str, diags: &mut crate::diagnostics::Diagnostics) {
    let mut tera = tera::Tera::new();
    let templates: Vec<(&str, String)> = theme.templates().collect();
    let Err(error) = tera.add_raw_templates(templates.iter().map(|(n, c)| (*n, c.as_str()))) else { return };
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push('\n');
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    let (file, pos) = template_location(&text).map_or_else(
        || (format!("themes/{name}/templates"), crate::diagnostics::Pos::default()),
        |(template, pos)| (format!("themes/{name}/templates/{template}"), pos),
    );
    let message = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().trim_start_matches("error: ");
    diags.error(
        &file,
        pos,
        format!("template does not compile: {message}"),
        Some("fix the template, or delete it to use the built-in one (see docs/theme.md)".to_string()),
    );
}

/// `--> page.html:2:23` in a Tera message → (`page.html`, 2:23).
fn template_location(text: &str) -> Option<(String, crate::diagnostics::Pos)> {
    let location = text.split("--> ").nth(1)?.split_whitespace().next()?;
    let mut parts = location.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), crate::diagnostics::Pos::new(line, column)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_errors_are_located_by_teras_arrow() {
        let (file, pos) = super::template_location("error: Found `%}`\n  --> glossary.html:2:23\n   |").unwrap();
        assert_eq!(file, "glossary.html");
        assert_eq!(pos, crate::diagnostics::Pos::new(2, 23));
        assert!(super::template_location("no arrow").is_none());
    }
}
