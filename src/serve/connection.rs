//! The sockets of `serve`, with every resource a client can hold bounded: at most
//! [`MAX_CONNECTIONS`] connections at once (one thread each; more are refused with 503), a
//! request head within [`HEAD_TIMEOUT`] and [`MAX_HEAD`] bytes, and every write making progress
//! within [`WRITE_TIMEOUT`], a whole answer within [`ANSWER_DEADLINE`] — so a client that sends
//! slowly, reads slowly or never reads cannot hold the preview for others.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Connections served at once, event streams not included (they hold no thread).
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// Time a client has to send a whole request head, and to send the next one on a kept-alive
/// connection.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest request head accepted; browsers send well under 8 KB.
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// Time a write may wait for a client that reads nothing.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(15);
/// Time one answer may take in all, however slowly the client reads.
pub(crate) const ANSWER_DEADLINE: Duration = Duration::from_secs(120);
/// Bytes written per call, so the deadline is looked at between them.
const CHUNK: usize = 64 * 1024;

/// A parsed request head: what `serve` needs of it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Head {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    /// The client asked to close, spoke HTTP/1.0, or sent a body whose framing is not read.
    pub close: bool,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HeadError {
    /// The client closed or went quiet between requests: nothing to answer.
    Gone,
    TooLarge,
    Malformed,
}

/// An answer: status, content type, extra headers, and a body.
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

pub(crate) enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

/// What the handler does with a request.
pub(crate) enum Outcome {
    Answer(Answer),
    /// The socket becomes an event stream, owned by the caller's broadcaster from now on.
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// The request handler: the head in, what to do out.
pub(crate) type Handler = dyn Fn(&Head) -> Outcome + Send + Sync;

/// The listening socket and its accept thread.
pub(crate) struct Listener {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: JoinHandle<()>,
}

impl Listener {
    pub(crate) fn bind(addr: SocketAddr, handler: Arc<Handler>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let accept = std::thread::spawn(move || accept_loop(&listener, &stopping, &handler));
        Ok(Self { addr, stop, accept })
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting (waking the accept thread with a connection of its own); connections
    /// being answered end within their timeouts.
    pub(crate) fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() { std::net::Ipv4Addr::LOCALHOST.into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        let _ = self.accept.join();
    }
}

fn accept_loop(listener: &TcpListener, stop: &AtomicBool, handler: &Arc<Handler>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let Some(slot) = Slot::take(&open) else {
            refuse_busy(stream);
            continue;
        };
        let handler = Arc::clone(handler);
        // When no thread can be made, the closure is dropped unrun: the slot and the socket with it.
        let _ = std::thread::Builder::new().name("serve-connection".into()).spawn(move || {
            let _slot = slot;
            serve_connection(stream, &*handler);
        });
    }
}

/// One of the [`MAX_CONNECTIONS`] places, given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Self> {
        open.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < MAX_CONNECTIONS).then_some(n + 1)).ok()?;
        Some(Self(Arc::clone(open)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n");
}

/// Answers requests on one connection until the client closes, asks to close, goes quiet or
/// cannot keep up.
fn serve_connection(mut stream: TcpStream, handler: &Handler) {
    let mut pending = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut pending, Instant::now() + HEAD_TIMEOUT) {
            Ok(head) => head,
            Err(HeadError::Gone) => return,
            Err(HeadError::TooLarge) => return answer_and_close(&mut stream, 431, "the request head is too large"),
            Err(HeadError::Malformed) => return answer_and_close(&mut stream, 400, "the request could not be read"),
        };
        match handler(&head) {
            Outcome::Stream(take) => return take(stream),
            Outcome::Answer(answer) => {
                let with_body = head.method != "HEAD";
                if write_answer(&mut stream, answer, with_body, head.close, Instant::now() + ANSWER_DEADLINE).is_err() || head.close {
                    return;
                }
            }
        }
    }
}

fn answer_and_close(stream: &mut TcpStream, status: u16, message: &str) {
    let answer =
        Answer { status, content_type: "text/plain; charset=utf-8", headers: Vec::new(), body: Body::Bytes(message.as_bytes().to_vec()) };
    let _ = write_answer(stream, answer, true, true, Instant::now() + Duration::from_secs(5));
}

/// Reads one request head, keeping bytes after it (a pipelined request) in `pending`.
fn read_head(stream: &mut TcpStream, pending: &mut Vec<u8>, deadline: Instant) -> Result<Head, HeadError> {
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            let head: Vec<u8> = pending.drain(..end + 4).collect();
            return parse_head(&head[..end]);
        }
        if pending.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(HeadError::Gone)?;
        stream.set_read_timeout(Some(left)).map_err(|_| HeadError::Gone)?;
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err(HeadError::Gone),
            Ok(n) => pending.extend_from_slice(&buffer[..n]),
        }
    }
}

/// Parses `METHOD target HTTP/1.x` and the header lines.
pub(crate) fn parse_head(bytes: &[u8]) -> Result<Head, HeadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split("\r\n");
    let mut request = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) = (request.next(), request.next(), request.next(), request.next()) else {
        return Err(HeadError::Malformed);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || target.is_empty() || target.bytes().any(|b| b.is_ascii_control()) {
        return Err(HeadError::Malformed);
    }
    let mut head = Head { method: method.to_string(), target: target.to_string(), host: None, close: version == "HTTP/1.0" };
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(HeadError::Malformed)?;
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => head.host = Some(value.to_string()),
            "connection" if value.eq_ignore_ascii_case("close") => head.close = true,
            "connection" if value.eq_ignore_ascii_case("keep-alive") => head.close = false,
            "content-length" if value != "0" => head.close = true,
            "transfer-encoding" => head.close = true,
            _ => {}
        }
    }
    Ok(head)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes the status line, headers and (unless `HEAD`) the body, giving up when the client
/// stops reading for [`WRITE_TIMEOUT`] or the answer passes `deadline`.
fn write_answer(stream: &mut TcpStream, answer: Answer, with_body: bool, close: bool, deadline: Instant) -> std::io::Result<()> {
    let length = match &answer.body {
        Body::Bytes(bytes) => bytes.len() as u64,
        Body::File(_, length) => *length,
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        answer.status,
        reason(answer.status),
        answer.content_type
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(if close { "Connection: close\r\n\r\n" } else { "Connection: keep-alive\r\n\r\n" });
    write_before(stream, head.as_bytes(), deadline)?;
    if !with_body {
        return Ok(());
    }
    match answer.body {
        Body::Bytes(bytes) => write_before(stream, &bytes, deadline),
        Body::File(file, length) => {
            let mut file = file.take(length);
            let mut chunk = vec![0u8; CHUNK];
            loop {
                let n = file.read(&mut chunk)?;
                if n == 0 {
                    return Ok(());
                }
                write_before(stream, &chunk[..n], deadline)?;
            }
        }
    }
}

fn write_before(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(std::io::ErrorKind::TimedOut)?;
        stream.set_write_timeout(Some(left.min(WRITE_TIMEOUT)))?;
        let n = stream.write(&bytes[..bytes.len().min(CHUNK)])?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_heads_are_parsed() {
        let head = parse_head(b"GET /intro/ HTTP/1.1\r\nHost: localhost:3000\r\nAccept: */*").unwrap();
        assert_eq!(head, Head { method: "GET".into(), target: "/intro/".into(), host: Some("localhost:3000".into()), close: false });
        assert!(parse_head(b"GET / HTTP/1.0").unwrap().close, "HTTP/1.0 closes");
        assert!(parse_head(b"GET / HTTP/1.1\r\nconnection: Close").unwrap().close);
        assert!(parse_head(b"GET / HTTP/1.1\r\nContent-Length: 5").unwrap().close, "a body that is not read ends the connection");
    }

    #[test]
    fn malformed_heads_are_refused() {
        for bad in
            [&b"GET /"[..], b"GET / HTTP/2", b"GET  / HTTP/1.1", b"GET / HTTP/1.1\r\nno colon", b"GET /\x7f HTTP/1.1", b"\xff / HTTP/1.1"]
        {
            assert_eq!(parse_head(bad), Err(HeadError::Malformed), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn slots_are_bounded_and_given_back() {
        let open = Arc::new(AtomicUsize::new(0));
        let slots: Vec<Slot> = std::iter::from_fn(|| Slot::take(&open)).take(MAX_CONNECTIONS + 5).collect();
        assert_eq!(slots.len(), MAX_CONNECTIONS);
        assert!(Slot::take(&open).is_none());
        drop(slots);
        assert_eq!(open.load(Ordering::SeqCst), 0);
        assert!(Slot::take(&open).is_some());
    }
}
