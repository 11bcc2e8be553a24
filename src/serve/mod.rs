//! `ingroup serve`: preview a course in the browser while writing it.
//!
//! Only this module knows about HTTP. A change travels through its parts in this order:
//! [`watcher`] (debounced file events, filtered to the course's sources) → [`rebuild`] (check
//! the course, then let [`planner`] decide how little to render) → [`site`] (the live output
//! folder, written only where bytes changed) → [`events`] (server-sent events to the open
//! pages) — and [`http`] serves the folder, the event stream and the reload client.
//!
//! Invariants: a failed rebuild leaves the served folder as it was and shows the diagnostics
//! in an overlay instead; the output folder is a temporary folder outside the course, never
//! watched, removed on shutdown; the reload client is injected here only, never by `build`.

mod connection;
mod events;
mod http;
mod planner;
mod poll;
mod rebuild;
mod site;
mod watcher;

use crate::BuildOptions;
use events::Broadcaster;
use planner::Plan;
use rebuild::{Builder, Outcome};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// The tag that loads the reload client; `BuildOptions::inject` puts it before `</body>`.
pub const CLIENT_TAG: &str = "<script defer src=\"/__ingroup/reload.js\"></script>";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The course folder.
    pub root: PathBuf,
    /// Address to listen on: 127.0.0.1 unless the author asks for more.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Poll for changes instead of using the system's file events.
    pub poll: bool,
    /// Include drafts.
    pub drafts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0} is not a folder")]
    NoCourse(String),
    #[error(transparent)]
    Bind(#[from] http::BindError),
    #[error(transparent)]
    Watch(#[from] watcher::WatchError),
    #[error("cannot prepare the preview folder: {0}")]
    Output(#[from] crate::write::WriteError),
}

/// What the watcher and the signal handler tell the rebuild loop.
pub enum Message {
    /// Root-relative paths of sources that changed.
    Changed(Vec<String>),
    Stop,
}

/// Ends [`Server::run`] from another thread (a Ctrl-C handler).
#[derive(Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

/// A running preview: serving, watching, and built once.
pub struct Server {
    url: String,
    http: http::Http,
    watcher: watcher::Watcher,
    builder: Builder,
    events: Arc<Broadcaster>,
    messages: Receiver<Message>,
    sender: Sender<Message>,
    /// The preview folder; removed when the server ends.
    preview: tempfile::TempDir,
}

impl Server {
    /// Listens, starts watching and builds the course once (a broken course is served too:
    /// its pages show the errors until they are fixed).
    pub fn start(options: &ServeOptions) -> Result<Self, ServeError> {
        let root = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
        if !root.is_dir() {
            return Err(ServeError::NoCourse(root.display().to_string()));
        }
        let preview = preview_folder()?;
        let out = preview.path().to_path_buf();
        let site = site::LiveSite::new(&out)?;
        let events = Arc::new(Broadcaster::default());
        let http = http::Http::start(SocketAddr::new(options.bind, options.port), &out, Arc::clone(&events))?;
        let (sender, messages) = channel();
        let watcher = watcher::Watcher::start(&root, options.poll, sender.clone())?;
        let build_options = BuildOptions { root, out, drafts: options.drafts, minify: false, inject: Some(CLIENT_TAG.to_string()) };
        let mut builder = Builder::new(build_options, site, Arc::clone(&events));
        report(&builder.rebuild(&[]));
        let url = url_of(http.addr());
        if watcher.is_polling() {
            println!("polling the course for changes");
        }
        Ok(Self { url, http, watcher, builder, events, messages, sender, preview })
    }

    /// The address to open in a browser.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// Rebuilds on every change until stopped, then shuts down: stops watching and serving,
    /// closes the event streams and removes the output folder.
    pub fn run(mut self) {
        while let Some(changed) = next_changes(&self.messages) {
            for dir in watcher::SOURCE_DIRS {
                if changed.iter().any(|p| p == dir) {
                    self.watcher.refresh(dir);
                }
            }
            report(&self.builder.rebuild(&changed));
        }
        let Self { http, watcher, events, preview, .. } = self;
        drop(watcher);
        http.stop();
        events.close();
        drop(preview);
    }
}

/// A new folder in the system's temporary folder, with an unpredictable name and only the
/// current user allowed in, so another local user can neither squat nor read it.
fn preview_folder() -> Result<tempfile::TempDir, crate::write::WriteError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("ingroup-serve-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    builder.tempdir().map_err(|source| crate::write::WriteError::Io { path: std::env::temp_dir().display().to_string(), source })
}

/// Waits for changes, then takes every change that arrived meanwhile; `None` means stop.
fn next_changes(messages: &Receiver<Message>) -> Option<Vec<String>> {
    let Message::Changed(mut changed) = messages.recv().ok()? else {
        return None;
    };
    for message in messages.try_iter() {
        match message {
            Message::Changed(more) => changed.extend(more),
            Message::Stop => return None,
        }
    }
    changed.sort();
    changed.dedup();
    Some(changed)
}

fn url_of(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

fn report(outcome: &Outcome) {
    match outcome {
        Outcome::Built { plan, changed, warnings, elapsed_ms } => {
            let what = match plan {
                Plan::Pages(paths) => paths.join(", "),
                Plan::Full => "the site".to_string(),
            };
            println!("rebuilt {what} in {elapsed_ms} ms: {} file(s) changed, {warnings} warning(s)", changed.len());
        }
        Outcome::Failed { errors } => {
            println!("the course has {errors} error(s); serving the last good build")
        }
    }
}

/// Opens `url` in the default browser; a failure only prints a note.
pub fn open_in_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = command {
        eprintln!("note: could not open a browser ({error}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_a_reachable_host() {
        assert_eq!(url_of("127.0.0.1:8000".parse().unwrap()), "http://127.0.0.1:8000/");
        assert_eq!(url_of("0.0.0.0:8000".parse().unwrap()), "http://127.0.0.1:8000/");
        assert_eq!(url_of("[::1]:8000".parse().unwrap()), "http://[::1]:8000/");
    }

    #[test]
    fn changes_are_coalesced_until_stop() {
        let (sender, receiver) = channel();
        sender.send(Message::Changed(vec!["b".into(), "a".into()])).unwrap();
        sender.send(Message::Changed(vec!["a".into()])).unwrap();
        assert_eq!(next_changes(&receiver), Some(vec!["a".to_string(), "b".to_string()]));
        sender.send(Message::Stop).unwrap();
        assert_eq!(next_changes(&receiver), None);
    }
}
