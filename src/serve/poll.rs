//! The polling fallback (`serve --poll`, and when the system's limit of file watches is
//! reached): where file events do not arrive — network drives, WSL, containers — look at the
//! modification time and size of every source a few times a second instead.

use super::Message;
use super::watcher::{ROOT_FILES, SOURCE_DIRS, source_path};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// How long the poller waits between two looks.
const INTERVAL: Duration = Duration::from_millis(300);

/// What a look at a file records: its modification time (to the nanosecond where the file
/// system keeps it) and its size.
type Stamp = (Option<SystemTime>, u64);

/// A thread that polls; dropping it stops the thread and waits for it.
pub struct Poller {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Poller {
    pub fn start(root: &Path, changes: Sender<Message>) -> Self {
        let root = root.to_path_buf();
        let (stop, stopped) = channel::<()>();
        let mut last = look(&root);
        let thread = std::thread::spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(INTERVAL) {
                let now = look(&root);
                let changed = differences(&last, &now);
                if !changed.is_empty() && changes.send(Message::Changed(changed)).is_err() {
                    return;
                }
                last = now;
            }
        });
        Self { stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The stamp of every source file, by root-relative path.
fn look(root: &Path) -> BTreeMap<String, Stamp> {
    let stamp = |meta: std::fs::Metadata| (meta.modified().ok(), meta.len());
    let mut stamps = BTreeMap::new();
    for name in ROOT_FILES {
        if let Ok(meta) = std::fs::metadata(root.join(name)) {
            stamps.insert(name.to_string(), stamp(meta));
        }
    }
    for dir in SOURCE_DIRS {
        let files = walkdir::WalkDir::new(root.join(dir))
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file());
        for entry in files {
            if let (Some(rel), Ok(meta)) = (source_path(root, entry.path()), entry.metadata()) {
                stamps.insert(rel, stamp(meta));
            }
        }
    }
    stamps
}

/// Paths added, removed or changed between two looks, sorted.
fn differences(before: &BTreeMap<String, Stamp>, after: &BTreeMap<String, Stamp>) -> Vec<String> {
    let changed = after.iter().filter(|(path, stamp)| before.get(*path) != Some(*stamp)).map(|(path, _)| path.clone());
    let removed = before.keys().filter(|path| !after.contains_key(*path)).cloned();
    let mut paths: Vec<String> = changed.chain(removed).collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_find_edits_additions_and_removals_of_sources_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("course.yaml"), "id: a\n").unwrap();
        std::fs::write(root.join("content/01-a.md"), "one").unwrap();
        std::fs::write(root.join("notes.txt"), "not a source").unwrap();
        let before = look(root);
        assert_eq!(before.keys().collect::<Vec<_>>(), ["content/01-a.md", "course.yaml"]);
        std::fs::write(root.join("content/01-a.md"), "one, longer").unwrap();
        std::fs::write(root.join("content/02-b.md"), "two").unwrap();
        std::fs::remove_file(root.join("course.yaml")).unwrap();
        std::fs::write(root.join("content/.02-b.md.swp"), "dropping").unwrap();
        assert_eq!(differences(&before, &look(root)), ["content/01-a.md", "content/02-b.md", "course.yaml"]);
    }
}
