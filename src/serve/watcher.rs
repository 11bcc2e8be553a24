//! Watching the course's sources: debounced file events, filtered to the files a build reads.
//!
//! The root folder is watched on its own (for course.yaml, glossary.yaml, references.yaml and
//! source folders that appear or vanish) and content/, quizzes/ and themes/ recursively.
//! Nothing else is watched, so the output folder never is. Editors' atomic saves (write a
//! temporary file, rename it over the original) are stitched into one change by the debouncer,
//! and their droppings (`.#x`, `x~`, `.x.swp`, `4913`) are ignored. Where file events do not
//! work, [`super::poll`] looks at the files instead.

use super::Message;
use super::poll::Poller;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Quiet time after the last event before a change is reported.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Folders watched recursively, relative to the course root.
pub const SOURCE_DIRS: [&str; 3] = ["content", "quizzes", "themes"];
/// Files of the course root that a build reads.
pub const ROOT_FILES: [&str; 3] = [crate::load::COURSE_FILE, crate::load::GLOSSARY_FILE, crate::load::REFERENCES_FILE];

#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path}: {source}")]
pub struct WatchError {
    path: String,
    source: notify::Error,
}

enum Backend {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Kept for its `Drop`, which stops the polling thread.
    Poll {
        _poller: Poller,
    },
}

/// Watches a course and sends the root-relative paths of changed sources to `changes`
/// ([`Message::Changed`]). Dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    backend: Backend,
}

impl Watcher {
    /// Starts watching `root` (an absolute path). Polls when `poll` is set, and falls back to
    /// polling when the system's limit of watches is reached.
    pub fn start(root: &Path, poll: bool, changes: Sender<Message>) -> Result<Self, WatchError> {
        if !poll {
            match Self::with_events(root, changes.clone()) {
                Err(error) if limit_reached(&error.source) => {
                    eprintln!("note: the system's limit of file watches is reached; polling for changes instead");
                }
                other => return other,
            }
        }
        Ok(Self { root: root.to_path_buf(), backend: Backend::Poll { _poller: Poller::start(root, changes) } })
    }

    fn with_events(root: &Path, changes: Sender<Message>) -> Result<Self, WatchError> {
        let error = |path: &Path| {
            let path = path.display().to_string();
            move |source| WatchError { path, source }
        };
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler(root, changes)).map_err(error(root))?;
        debouncer.watch(root, RecursiveMode::NonRecursive).map_err(error(root))?;
        for dir in SOURCE_DIRS.map(|d| root.join(d)).iter().filter(|d| d.is_dir()) {
            debouncer.watch(dir, RecursiveMode::Recursive).map_err(error(dir))?;
        }
        Ok(Self { root: root.to_path_buf(), backend: Backend::Events(debouncer) })
    }

    pub fn is_polling(&self) -> bool {
        matches!(self.backend, Backend::Poll { .. })
    }

    /// Watches the source folder `dir` (e.g. `content`) anew: call it when a change names the
    /// folder itself, which may have been created, removed or replaced. (Polling needs nothing.)
    pub fn refresh(&mut self, dir: &str) {
        let Backend::Events(debouncer) = &mut self.backend else { return };
        let path = self.root.join(dir);
        let _ = debouncer.unwatch(&path);
        if path.is_dir()
            && let Err(error) = debouncer.watch(&path, RecursiveMode::Recursive)
        {
            eprintln!("warning: cannot watch {}: {error}", path.display());
        }
    }
}

/// True when the error says the system's limit of watches or instances is reached.
fn limit_reached(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => io.raw_os_error() == Some(28) || io.kind() == std::io::ErrorKind::StorageFull,
        _ => false,
    }
}

/// Turns debounced events into root-relative source paths; errors are printed, not fatal.
fn handler(root: &Path, changes: Sender<Message>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    let root = root.to_path_buf();
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            let paths: BTreeSet<String> = events
                .iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths.iter())
                .filter_map(|p| source_path(&root, p))
                .collect();
            if !paths.is_empty() {
                let _ = changes.send(Message::Changed(paths.into_iter().collect()));
            }
        }
        Err(errors) => {
            for error in errors {
                eprintln!("warning: file watching: {error}");
            }
        }
    }
}

/// The root-relative, `/`-separated path of `path` if a build reads it (or a source folder
/// itself); `None` for everything else, editor droppings included.
pub fn source_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let first = parts.first()?;
    let relevant = if parts.len() == 1 {
        ROOT_FILES.contains(&first.as_str()) || SOURCE_DIRS.contains(&first.as_str())
    } else {
        SOURCE_DIRS.contains(&first.as_str())
    };
    let ignored = parts.iter().any(|p| crate::load::is_ignored(p));
    (relevant && !ignored).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_reported() {
        let root = Path::new("/course");
        let rel = |p: &str| source_path(root, &root.join(p));
        assert_eq!(rel("course.yaml").as_deref(), Some("course.yaml"));
        assert_eq!(rel("content/01-a.md").as_deref(), Some("content/01-a.md"));
        assert_eq!(rel("content").as_deref(), Some("content"));
        assert_eq!(rel("themes/mine/templates/page.html").as_deref(), Some("themes/mine/templates/page.html"));
        for ignored in [
            "README.md",
            "public/index.html",
            "content/.01-a.md.swp",
            "content/01-a.md~",
            "content/.#01-a.md",
            "content/4913",
            ".git/index",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
        assert_eq!(source_path(root, Path::new("/elsewhere/course.yaml")), None);
    }
}
