//! The HTTP side of `serve`: static files from the live folder, the event stream and the
//! reload client. Any path that could leave the folder (`..`, encoded or not, backslashes,
//! drive letters, symbolic links pointing out) is refused with 403.

use super::connection::{Answer, Body, Head, Listener, Outcome};
use super::events::Broadcaster;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const EVENTS_PATH: &str = "/__ingroup/events";
pub const CLIENT_PATH: &str = "/__ingroup/reload.js";
/// The reload client: opens the event stream, reloads, shows the error overlay.
const CLIENT_JS: &str = include_str!("reload.js");
/// Time an event may wait for a page that reads nothing before its stream is dropped.
const EVENT_WRITE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {addr}: {source}")]
pub struct BindError {
    addr: SocketAddr,
    source: std::io::Error,
}

/// A running server; [`Http::stop`] ends it.
pub struct Http {
    listener: Listener,
}

impl Http {
    /// Listens on `addr` (port 0 picks a free port) and serves `root`.
    pub fn start(addr: SocketAddr, root: &Path, events: Arc<Broadcaster>) -> Result<Self, BindError> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let handler = Arc::new(move |head: &Head| handle(head, &root, &events));
        let listener = Listener::bind(addr, handler).map_err(|source| BindError { addr, source })?;
        Ok(Self { listener })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener.addr()
    }

    /// Stops accepting connections; those being answered end within their timeouts.
    pub fn stop(self) {
        self.listener.stop();
    }
}

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    Events,
    Client,
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    Forbidden,
    NotFound,
}

fn handle(head: &Head, root: &Path, events: &Arc<Broadcaster>) -> Outcome {
    if !head.host.as_deref().is_none_or(is_allowed_host) {
        return Outcome::Answer(text(421, "this preview answers only to localhost or an IP address (DNS rebinding protection)"));
    }
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        return Outcome::Answer(text(405, "only GET and HEAD are served"));
    }
    let answer = match route(&head.target, root) {
        Route::Events => {
            let events = Arc::clone(events);
            return Outcome::Stream(Box::new(move |stream| {
                // A page that stops reading its stream must not hold up the others' events.
                let _ = stream.set_write_timeout(Some(EVENT_WRITE_TIMEOUT));
                events.subscribe(Box::new(stream));
            }));
        }
        Route::Client => body(200, "text/javascript; charset=utf-8", CLIENT_JS.as_bytes().to_vec()),
        Route::File(path) => match std::fs::File::open(&path).and_then(|file| Ok((file.metadata()?.len(), file))) {
            Ok((length, file)) => {
                Answer { status: 200, content_type: content_type(&path), headers: Vec::new(), body: Body::File(file, length) }
            }
            Err(_) => not_found(root),
        },
        Route::Redirect(location) => Answer { headers: vec![("Location", location)], ..text(301, "moved") },
        Route::Forbidden => text(403, "forbidden: the path leaves the site folder"),
        Route::NotFound => not_found(root),
    };
    Outcome::Answer(answer)
}

/// A page of another site may point a name it controls at this machine (DNS rebinding) and
/// then read the preview: only loopback names and IP addresses, never other names, are served.
fn is_allowed_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

fn body(status: u16, content_type: &'static str, bytes: Vec<u8>) -> Answer {
    Answer { status, content_type, headers: Vec::new(), body: Body::Bytes(bytes) }
}

fn text(status: u16, message: &str) -> Answer {
    body(status, "text/plain; charset=utf-8", message.as_bytes().to_vec())
}

fn not_found(root: &Path) -> Answer {
    match std::fs::read(root.join("404.html")) {
        Ok(page) => body(404, "text/html; charset=utf-8", page),
        Err(_) => text(404, "not found"),
    }
}

/// Maps a request target to what it asks for, refusing anything outside `root`.
fn route(url: &str, root: &Path) -> Route {
    let raw = url.split(['?', '#']).next().unwrap_or_default();
    if !raw.starts_with('/') {
        return Route::Forbidden;
    }
    let Ok(path) = String::from_utf8(crate::url::percent_decode(raw)) else {
        return Route::Forbidden;
    };
    match path.as_str() {
        EVENTS_PATH => return Route::Events,
        CLIENT_PATH => return Route::Client,
        _ => {}
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let unsafe_segment = |s: &&str| *s == "." || *s == ".." || s.contains(['\\', ':', '\0']);
    if segments.iter().any(unsafe_segment) {
        return Route::Forbidden;
    }
    let mut file = segments.iter().fold(root.to_path_buf(), |p, s| p.join(s));
    if file.is_dir() {
        if !path.ends_with('/') {
            return Route::Redirect(format!("{raw}/"));
        }
        file.push("index.html");
    }
    match std::fs::canonicalize(&file) {
        Ok(real) if !real.starts_with(root) => Route::Forbidden,
        Ok(real) if real.is_file() => Route::File(real),
        _ => Route::NotFound,
    }
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_loopback_names_and_addresses_are_served() {
        for ok in ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "app.localhost", "192.168.1.5:80", "LOCALHOST."] {
            assert!(super::is_allowed_host(ok), "{ok}");
        }
        for bad in ["evil.example:8000", "localhost.evil.example", ""] {
            assert!(!super::is_allowed_host(bad), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn paths_out_of_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap().join("site");
        std::fs::create_dir_all(root.join("intro")).unwrap();
        std::fs::write(root.join("intro/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(route("/intro/", &root), Route::File(root.join("intro/index.html")));
        assert_eq!(route("/intro?x=1", &root), Route::Redirect("/intro/".to_string()));
        assert_eq!(route("/__ingroup/events", &root), Route::Events);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/intro/..%5c..%5csecret.txt",
            "/link.txt",
            "/C:/x",
            "http://x/../secret.txt",
        ] {
            assert_eq!(route(bad, &root), Route::Forbidden, "{bad}");
        }
        assert_eq!(route("//etc/passwd", &root), Route::NotFound);
        assert_eq!(route("/missing.html", &root), Route::NotFound);
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("assets/app.1234.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("m.SVG")), "image/svg+xml");
    }
}
