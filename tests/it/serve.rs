//! `ingroup serve` end to end: a real server on a free port, real file edits, the event stream
//! read as a browser would. Every wait is bounded; nothing asserts on timing.

use crate::harness::ingroup;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Upper bound for anything to happen (a debug build on a busy 2-core machine).
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `ingroup serve`; killed when dropped.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    lines: Receiver<String>,
    /// The server's temporary folder (its `TMPDIR`), where it makes its preview folder.
    tmp: tempfile::TempDir,
}

impl Serve {
    fn start(root: &Path) -> Self {
        let root = root.to_string_lossy();
        Self::spawn(&["serve", "--port", "0", "--root", &root], Path::new("."))
    }

    /// Runs `ingroup ARGS` in `cwd` and waits until it prints the address it serves.
    pub fn spawn(args: &[&str], cwd: &Path) -> Self {
        let binary = assert_cmd::cargo::cargo_bin("ingroup");
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args(args)
            .current_dir(cwd)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let mut serve = Self { child, addr: "127.0.0.1:0".parse().unwrap(), lines, tmp };
        let line = serve.wait_for_line("serving http://");
        let url = line.split_whitespace().nth(1).unwrap();
        serve.addr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
        serve
    }

    fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("the server never printed {needle:?}");
    }

    /// Sends SIGTERM (what Ctrl-C or a service manager sends) and waits for a clean exit.
    pub fn stop(&mut self) {
        let killed = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        self.wait_for_line("stopped");
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success());
    }

    /// The server's temporary output folder: the one folder it made in its `TMPDIR`.
    fn out_dir(&self) -> PathBuf {
        let made: Vec<PathBuf> = std::fs::read_dir(self.tmp.path()).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(made.len(), 1, "one preview folder: {made:?}");
        made[0].clone()
    }
}

/// Stops the server as Ctrl-C would, so that it removes its output folder; kills it if it
/// does not stop in time.
impl Drop for Serve {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
            let deadline = Instant::now() + PATIENCE;
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends `GET target` exactly as given (no normalisation of `..`, as curl or a browser would do).
pub fn get(addr: SocketAddr, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_string(), body: body.to_string() }
}

/// An open `/__ingroup/events` stream, parsed into (event, data) pairs.
struct Events(Receiver<(String, String)>);

impl Events {
    fn open(addr: SocketAddr) -> Self {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(stream, "GET /__ingroup/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        // The head and the `retry:` line: once read, this stream is registered.
        while !line.starts_with("retry:") {
            line.clear();
            assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream closed");
        }
        let (sender, events) = channel();
        std::thread::spawn(move || {
            let (mut event, mut line) = (String::new(), String::new());
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.trim().to_string();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && sender.send((event.clone(), data.trim().to_string())).is_err()
                {
                    return;
                }
                line.clear();
            }
        });
        Self(events)
    }

    /// The next event named `name`, skipping others.
    fn next(&self, name: &str) -> String {
        self.next_where(name, |_| true)
    }

    /// The next event named `name` whose data contains `needle`, skipping others (a slow
    /// machine may see a save as two changes, and so two events).
    fn next_where(&self, name: &str, matches: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.0.recv_timeout(left) {
                Ok((event, data)) if event == name && matches(&data) => return data,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no matching {name} event arrived");
    }
}

/// Waits until `page` served at `addr` contains `text`.
fn eventually_contains(addr: SocketAddr, page: &str, text: &str) {
    let deadline = Instant::now() + PATIENCE;
    while !get(addr, page).body.contains(text) {
        assert!(Instant::now() < deadline, "{page} never showed {text:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn new_course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    assert!(ingroup().arg("new").arg(&course).output().unwrap().status.success());
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serve_rebuilds_on_save_and_reloads_pages() {
    let dir = new_course();
    let course = dir.path().join("course");
    let serve = Serve::start(&course);
    let page = get(serve.addr, "/welcome/index.html");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("Content-Type: text/html; charset=utf-8"), "{}", page.head);
    assert!(page.body.contains("<script defer src=\"/__ingroup/reload.js\"></script></body>"), "the reload client is injected");
    let client = get(serve.addr, "/__ingroup/reload.js");
    assert!(client.head.contains("Content-Type: text/javascript"), "{}", client.head);
    assert!(client.body.contains("new EventSource(\"/__ingroup/events\")"));
    assert_eq!(get(serve.addr, "/welcome").status, 301, "folders get their trailing slash");

    let events = Events::open(serve.addr);
    let module = course.join("content/01-welcome.md");
    edit(&module, "Work through the modules in order.", "Take the modules one at a time.");
    events.next_where("reload", |data| data.contains("\"welcome/index.html\""));
    eventually_contains(serve.addr, "/welcome/", "Take the modules one at a time.");

    // An editor's atomic save: write a temporary file, rename it over the page.
    let temporary = course.join("content/.01-welcome.md.tmp");
    std::fs::write(
        &temporary,
        std::fs::read_to_string(&module).unwrap().replace("title: Welcome to the group", "title: Joining the group"),
    )
    .unwrap();
    std::fs::rename(&temporary, &module).unwrap();
    events.next_where("reload", |data| data.contains("\"all\":true"));
    eventually_contains(serve.addr, "/index.html", "Joining the group");
}

#[test]
fn serve_survives_a_broken_edit_and_shows_its_errors() {
    let dir = new_course();
    let course = dir.path().join("course");
    let serve = Serve::start(&course);
    let events = Events::open(serve.addr);
    let before = get(serve.addr, "/first-session/norms/").body;

    let quiz = course.join("quizzes/first-session.yaml");
    edit(&quiz, "        correct: true\n        feedback: Yes. This is universality", "        feedback: Yes. This is universality");
    let error: serde_json::Value = serde_json::from_str(&events.next_where("error", |data| data.contains("no correct option"))).unwrap();
    assert_eq!(error["errors"], 1, "{error:#}");
    let diagnostic = &error["diagnostics"][0];
    assert_eq!(diagnostic["file"], "quizzes/first-session.yaml");
    assert!(diagnostic["line"].as_u64().unwrap() > 0);
    assert!(diagnostic["message"].as_str().unwrap().contains("no correct option"), "{diagnostic}");
    assert!(diagnostic["hint"].as_str().unwrap().contains("correct: true"), "{diagnostic}");

    assert_eq!(get(serve.addr, "/first-session/norms/").body, before, "the last good site is still served");
    let late = Events::open(serve.addr);
    assert!(late.next("error").contains("no correct option"), "a page opened now shows the errors too");

    edit(&quiz, "        feedback: Yes. This is universality", "        correct: true\n        feedback: Yes. This is universality");
    events.next("reload");
    late.next("reload");
    assert_eq!(get(serve.addr, "/first-session/norms/").body, before);
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let dir = new_course();
    let serve = Serve::start(&dir.path().join("course"));
    for target in [
        "/../course/course.yaml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/welcome/..%5C..%5Ccourse.yaml",
        "/C:/Windows/win.ini",
    ] {
        let reply = get(serve.addr, target);
        assert_eq!(reply.status, 403, "{target}");
        assert!(!reply.body.contains("root:"), "{target}");
    }
    assert_eq!(get(serve.addr, "//etc/passwd").status, 404, "an absolute path stays inside the site");
    assert_eq!(get(serve.addr, "/no-such-page.html").status, 404);
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = new_course();
    let mut serve = Serve::start(&dir.path().join("course"));
    let out = serve.out_dir();
    assert!(out.join("index.html").is_file(), "the site is built outside the course, in {}", out.display());
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    assert_ne!(name, format!("ingroup-serve-{}", serve.child.id()), "the preview folder's name cannot be guessed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o077, 0, "only its owner may enter it");
    }
    assert!(!dir.path().join("course/public").exists());
    let _events = Events::open(serve.addr);
    serve.stop();
    assert!(!out.exists(), "the output folder is removed");
}

#[test]
fn serve_starts_on_a_broken_course_and_shows_the_errors() {
    let dir = new_course();
    let course = dir.path().join("course");
    edit(&course.join("content/01-welcome.md"), "[[universality]]", "[[universalty]]");
    let serve = Serve::start(&course);
    let page = get(serve.addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("/__ingroup/reload.js"), "a placeholder page that shows the overlay");
    let events = Events::open(serve.addr);
    assert!(events.next("error").contains("did you mean"), "the diagnostics carry their hints");
    edit(&course.join("content/01-welcome.md"), "[[universalty]]", "[[universality]]");
    events.next("reload");
    eventually_contains(serve.addr, "/welcome/", "universality");
}

/// Waits until `page` is answered with `status`.
fn eventually_status(addr: SocketAddr, page: &str, status: u16) {
    let deadline = Instant::now() + PATIENCE;
    while get(addr, page).status != status {
        assert!(Instant::now() < deadline, "{page} never answered {status}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_follows_modules_that_appear_and_vanish() {
    let dir = new_course();
    let course = dir.path().join("course");
    let serve = Serve::start(&course);
    let module = course.join("content/03-closing.md");
    std::fs::write(&module, "---\ntitle: Closing a group\nminutes: 5\n---\nEndings matter.\n").unwrap();
    eventually_status(serve.addr, "/closing/index.html", 200);
    std::fs::remove_file(&module).unwrap();
    eventually_status(serve.addr, "/closing/index.html", 404);
}

#[test]
fn serve_polls_when_asked() {
    let dir = new_course();
    let course = dir.path().join("course");
    let root = course.to_string_lossy();
    let serve = Serve::spawn(&["serve", "--poll", "--port", "0", "--root", &root], Path::new("."));
    let events = Events::open(serve.addr);
    edit(&course.join("content/01-welcome.md"), "Work through the modules in order.", "Polled edit.");
    events.next_where("reload", |data| data.contains("\"welcome/index.html\""));
    eventually_contains(serve.addr, "/welcome/", "Polled edit.");
}

#[test]
fn serve_never_installs_the_offline_worker() {
    let dir = new_course();
    let course = dir.path().join("course");
    let yaml = course.join("course.yaml");
    std::fs::write(&yaml, format!("{}\noffline: true\n", std::fs::read_to_string(&yaml).unwrap())).unwrap();
    let serve = Serve::start(&course);
    assert_eq!(get(serve.addr, "/sw.js").status, 404, "a worker would keep showing a cached preview");
    assert_eq!(get(serve.addr, "/manifest.webmanifest").status, 404);
    let page = get(serve.addr, "/welcome/index.html");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("rel=\"manifest\""), "{}", page.body);
}

/// Threads of the server process (Linux shows them in /proc).
#[cfg(target_os = "linux")]
fn threads_of(serve: &Serve) -> usize {
    std::fs::read_dir(format!("/proc/{}/task", serve.child.id())).map_or(0, Iterator::count)
}

#[test]
fn clients_that_never_read_do_not_block_the_preview() {
    let dir = new_course();
    let serve = Serve::start(&dir.path().join("course"));
    // Far larger than what the kernel buffers for a socket, so each answer blocks in a write.
    std::fs::write(serve.out_dir().join("large.bin"), vec![7u8; 64 << 20]).unwrap();
    let stalled: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut stream = TcpStream::connect(serve.addr).unwrap();
            write!(stream, "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let page = get(serve.addr, "/welcome/index.html");
    assert_eq!(page.status, 200, "a page is still served while {} clients read nothing", stalled.len());
}

#[test]
fn connections_are_bounded_and_the_rest_refused() {
    let dir = new_course();
    let serve = Serve::start(&dir.path().join("course"));
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(serve.addr).unwrap()).collect();
    let mut last = TcpStream::connect(serve.addr).unwrap();
    last.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut refusal = String::new();
    let _ = last.read_to_string(&mut refusal);
    assert!(refusal.starts_with("HTTP/1.1 503"), "a connection over the limit is told to come back: {refusal:?}");
    #[cfg(target_os = "linux")]
    assert!(threads_of(&serve) < 100, "300 idle connections hold {} threads", threads_of(&serve));
    drop(idle);
    let deadline = Instant::now() + PATIENCE;
    while get_status_or_zero(serve.addr) != 200 {
        assert!(Instant::now() < deadline, "closed connections give their places back");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The status of `GET /`, or 0 when the connection fails.
fn get_status_or_zero(addr: SocketAddr) -> u16 {
    let Ok(mut stream) = TcpStream::connect(addr) else { return 0 };
    let _ = stream.set_read_timeout(Some(PATIENCE));
    if write!(stream, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").is_err() {
        return 0;
    }
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    raw.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn kept_alive_connections_answer_request_after_request() {
    let dir = new_course();
    let serve = Serve::start(&dir.path().join("course"));
    let mut stream = TcpStream::connect(serve.addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "HEAD /welcome/index.html HTTP/1.1\r\nHost: localhost\r\n\r\nGET /missing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let statuses: Vec<&str> = raw.lines().filter(|l| l.starts_with("HTTP/1.1 ")).collect();
    assert_eq!(statuses, ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"], "{raw}");
}
