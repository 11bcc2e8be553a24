//! An installable site that works offline (course.yaml `offline: true`): the web app manifest
//! `render` made, and a service worker that precaches every file the build wrote.
//!
//! The worker's file list and version come from the bytes actually written: a [`Recorder`]
//! sits in front of the build's sink, and [`Recorder::write_worker`] writes `sw.js` last.

use super::{Sink, WriteError};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The manifest's name, at the site root beside `index.html`.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The service worker's name, at the site root so that its scope is the whole site.
pub const WORKER: &str = "sw.js";
const WORKER_JS: &str = include_str!("sw.js");

/// Writes the web app manifest at the site root; returns its URL.
pub fn write_manifest(sink: &dyn Sink, json: &str) -> Result<String, WriteError> {
    sink.write(MANIFEST, json.as_bytes())?;
    Ok(MANIFEST.to_string())
}

/// A sink that passes every file on and remembers its path and the hash of its bytes.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    files: Mutex<BTreeMap<String, u64>>,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Self { inner, files: Mutex::new(BTreeMap::new()) }
    }

    /// Writes `sw.js` into the inner sink: every recorded file but ingroup's marker, and a
    /// version that changes with any of their bytes.
    pub fn write_worker(self) -> Result<(), WriteError> {
        let files = self.files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.inner.write(WORKER, worker(&files).as_bytes())
    }
}

impl Sink for Recorder<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.inner.write(rel, bytes)?;
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(rel.to_string(), hash);
        Ok(())
    }
}

/// The worker script for the files written (path → hash of their bytes).
fn worker(files: &BTreeMap<String, u64>) -> String {
    let cached: Vec<&str> = files.keys().map(String::as_str).filter(|path| *path != super::MARKER).collect();
    let mut version = xxhash_rust::xxh3::Xxh3::new();
    for path in &cached {
        version.update(path.as_bytes());
        version.update(&files[*path].to_le_bytes());
    }
    let list = serde_json::to_string(&cached).unwrap_or_else(|_| "[]".to_string());
    format!("var VERSION = \"{:016x}\";\nvar FILES = {list};\n{WORKER_JS}", version.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, u64)]) -> BTreeMap<String, u64> {
        entries.iter().map(|(path, hash)| (path.to_string(), *hash)).collect()
    }

    #[test]
    fn lists_every_file_but_the_marker() {
        let script = worker(&files(&[("index.html", 1), (super::super::MARKER, 2), ("assets/a.1.js", 3)]));
        assert!(script.contains("var FILES = [\"assets/a.1.js\",\"index.html\"];"), "{script}");
    }

    #[test]
    fn version_changes_with_any_byte_and_only_then() {
        let one = worker(&files(&[("index.html", 1), ("a.js", 2)]));
        assert_eq!(one, worker(&files(&[("a.js", 2), ("index.html", 1)])));
        assert_ne!(one, worker(&files(&[("index.html", 1), ("a.js", 3)])));
    }
}
