//! The live output folder of `serve`: updated in place, one file at a time, and only where
//! bytes changed, so that a rebuild touches little and open pages reload only when needed.
//!
//! A rebuild stages the files whose bytes differ from what is on disk in memory and writes
//! them only when the whole rebuild succeeded ([`LiveSite::commit`]); a failed rebuild
//! ([`LiveSite::discard`]) leaves the last good site served as it was.

use crate::write::{Sink, WriteError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct LiveSite {
    dir: PathBuf,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Hash of every file on disk, by path under the folder.
    on_disk: HashMap<String, u64>,
    /// Paths produced by the rebuild in progress.
    produced: HashSet<String>,
    /// Files of the rebuild in progress whose bytes differ from those on disk.
    pending: BTreeMap<String, Vec<u8>>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.display().to_string(), source }
}

impl LiveSite {
    /// Uses `dir` (created if needed; emptied of anything found there) as the live folder.
    /// An existing folder is kept, with its permissions, and only its contents removed.
    pub fn new(dir: &Path) -> Result<Self, WriteError> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        for entry in fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            let removed = if path.is_dir() && !path.is_symlink() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.map_err(io(&path))?;
        }
        Ok(Self { dir: dir.to_path_buf(), state: Mutex::new(State::default()) })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep using it.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets what a failed rebuild produced.
    pub fn discard(&self) {
        let mut state = self.state();
        state.produced.clear();
        state.pending.clear();
    }

    /// Writes the files that changed; with `complete` (a full rebuild) also removes the files
    /// the rebuild no longer produces. Returns the paths written or removed, sorted.
    pub fn commit(&self, complete: bool) -> Result<Vec<String>, WriteError> {
        let mut state = self.state();
        let pending = std::mem::take(&mut state.pending);
        let produced = std::mem::take(&mut state.produced);
        let mut changed = Vec::new();
        for (rel, bytes) in pending {
            self.replace(&rel, &bytes)?;
            state.on_disk.insert(rel.clone(), xxhash_rust::xxh3::xxh3_64(&bytes));
            changed.push(rel);
        }
        if complete {
            let stale: Vec<String> = state.on_disk.keys().filter(|rel| !produced.contains(*rel)).cloned().collect();
            for rel in stale {
                let path = self.dir.join(&rel);
                match fs::remove_file(&path) {
                    Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                        return Err(io(&path)(error));
                    }
                    _ => {}
                }
                state.on_disk.remove(&rel);
                changed.push(rel);
            }
        }
        changed.sort();
        Ok(changed)
    }

    /// Writes a file beside its target and renames it into place, so that the server never
    /// sends half a file.
    fn replace(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.ingroup-tmp"));
        fs::write(&temporary, bytes).map_err(io(&temporary))?;
        fs::rename(&temporary, &path).map_err(io(&path))
    }

    /// Writes a page outside any rebuild: the placeholder shown until a first build succeeds.
    pub fn write_placeholder(&self, rel: &str, html: &str) -> Result<(), WriteError> {
        self.replace(rel, html.as_bytes())?;
        self.state().on_disk.remove(rel);
        Ok(())
    }
}

impl Sink for LiveSite {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let mut state = self.state();
        state.produced.insert(rel.to_string());
        if state.on_disk.get(rel) != Some(&hash) {
            state.pending.insert(rel.to_string(), bytes.to_vec());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let site = LiveSite::new(&out).unwrap();
        site.write("a/index.html", b"one").unwrap();
        site.write("b.css", b"css").unwrap();
        assert_eq!(site.commit(true).unwrap(), ["a/index.html", "b.css"]);
        site.write("a/index.html", b"one").unwrap();
        site.write("c.js", b"js").unwrap();
        assert_eq!(site.commit(true).unwrap(), ["b.css", "c.js"], "b.css removed, c.js added, a unchanged");
        assert!(!out.join("b.css").exists());
        site.write("c.js", b"changed").unwrap();
        site.discard();
        assert_eq!(fs::read_to_string(out.join("c.js")).unwrap(), "js", "a discarded rebuild writes nothing");
        assert_eq!(site.commit(false).unwrap(), Vec::<String>::new());
    }
}
