//! Server-sent events to the open pages: `reload` after a good rebuild, `error` with the
//! diagnostics after a failed one.
//!
//! Each page holds one `GET /__ingroup/events` connection. Its socket is taken from the HTTP
//! request (`Request::into_writer`) and every event is flushed at once; a client whose socket
//! fails is dropped. The last error is kept and sent to pages that connect later, so a page
//! opened while the course is broken shows the overlay too.

use crate::diagnostics::Diagnostics;
use serde::Serialize;
use std::io::Write;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Above this many changed pages a reload event just says "all".
const MAX_LISTED: usize = 200;
/// Event streams kept at once; a newer one replaces the oldest (whose page reconnects).
pub(crate) const MAX_STREAMS: usize = 64;

type Client = Box<dyn Write + Send>;

#[derive(Default)]
pub struct Broadcaster {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    clients: Vec<Client>,
    /// The data of the last `error` event, while the course stays broken.
    error: Option<String>,
}

/// Data of a `reload` event: the pages that changed, or all of them.
#[derive(Serialize)]
struct Reload<'a> {
    all: bool,
    pages: Vec<&'a str>,
}

/// Data of an `error` event: the same shape as `ingroup check --format json`.
#[derive(Serialize)]
struct ErrorReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<&'a crate::diagnostics::Diagnostic>,
}

impl Broadcaster {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes over an HTTP connection as an event stream: writes the response head and, when the
    /// course is broken, the current error. Once a client has read the head it gets every
    /// later event.
    pub fn subscribe(&self, mut client: Client) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";
        let mut state = self.state();
        let written = client.write_all(head.as_bytes()).and_then(|()| match &state.error {
            Some(error) => send(&mut client, "error", error),
            None => client.flush(),
        });
        if written.is_ok() {
            if state.clients.len() >= MAX_STREAMS {
                state.clients.remove(0);
            }
            state.clients.push(client);
        }
    }

    /// Tells pages to reload: those whose file is among `changed`, every page when anything
    /// else changed, and pages showing an error overlay.
    pub fn reload(&self, changed: &[String]) {
        let changed: Vec<&String> = changed.iter().filter(|path| !loaded_on_demand(path)).collect();
        let all = changed.len() > MAX_LISTED || changed.iter().any(|path| !path.ends_with(".html"));
        let pages = if all { Vec::new() } else { changed.iter().map(|path| path.as_str()).collect() };
        let data = serde_json::to_string(&Reload { all, pages }).unwrap_or_default();
        let mut state = self.state();
        state.error = None;
        broadcast(&mut state, "reload", &data);
    }

    /// Shows `diags` (which hold errors) on every page, now and on pages that connect later.
    pub fn error(&self, diags: &Diagnostics) {
        let report = ErrorReport { errors: diags.error_count(), warnings: diags.warning_count(), diagnostics: diags.sorted() };
        let data = serde_json::to_string(&report).unwrap_or_default();
        let mut state = self.state();
        broadcast(&mut state, "error", &data);
        state.error = Some(data);
    }

    pub fn is_failing(&self) -> bool {
        self.state().error.is_some()
    }

    /// Closes every event stream.
    pub fn close(&self) {
        self.state().clients.clear();
    }
}

fn broadcast(state: &mut State, event: &str, data: &str) {
    state.clients.retain_mut(|client| send(client, event, data).is_ok());
}

/// One event; `data` is JSON on one line, as the protocol needs.
fn send(client: &mut Client, event: &str, data: &str) -> std::io::Result<()> {
    write!(client, "event: {event}\ndata: {data}\n\n")?;
    client.flush()
}

/// The search index and its text, which pages load only when search is used: an edit changes
/// them on every rebuild, and an open page needs no reload for it.
fn loaded_on_demand(path: &str) -> bool {
    path == "assets/search-index.js" || path.starts_with("assets/search/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A client that records what it was sent.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<u8>>>);

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn late_subscribers_get_the_current_error_until_a_reload() {
        let broadcaster = Broadcaster::default();
        let mut diags = Diagnostics::default();
        diags.error("content/a.md", crate::diagnostics::Pos::new(3, 1), "broken", Some("fix it".to_string()));
        broadcaster.error(&diags);
        let late = Recorder::default();
        broadcaster.subscribe(Box::new(late.clone()));
        broadcaster.reload(&["a/index.html".to_string()]);
        let text = String::from_utf8(late.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("event: error\ndata: {\"errors\":1"), "{text}");
        assert!(text.contains("\"file\":\"content/a.md\",\"line\":3"), "{text}");
        assert!(text.ends_with("event: reload\ndata: {\"all\":false,\"pages\":[\"a/index.html\"]}\n\n"), "{text}");
        assert!(!broadcaster.is_failing());
    }
}
