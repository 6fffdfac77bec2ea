//! `paperboy serve`: the output folder over HTTP on this machine, with the
//! headers feed readers rely on: the feed media types, `ETag` and
//! `Last-Modified`, and `304 Not Modified` for conditional requests. For
//! trying the demo with a real reader; production sites use a web server.
//!
//! It serves the site and nothing else: no path, link or `.paperboy` state
//! outside it, only to `Host` names of this machine (a web page cannot
//! reach it through a DNS name rebound to 127.0.0.1), with bounded request
//! heads. Each connection is served on one of a bounded set of threads,
//! with read and write timeouts, so a client that stops reading holds one
//! thread for a while, never the others.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::layout::{Format, Kind, FOLDER_PAGE};

/// Connections served at once; more wait in a bounded queue, and beyond
/// that are closed.
const WORKERS: usize = 32;
const QUEUE: usize = 256;
/// Longest request head (request line and headers) and request target.
const MAX_HEAD: usize = 8 * 1024;
const MAX_TARGET: usize = 2048;
/// A client that sends nothing, or reads nothing, for this long is dropped.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The media type a file is served with to a client that sends `accept`.
/// A browser following a link asks for HTML first and names no feed type;
/// it shows a feed readably (with the feeds' CSS stylesheet) only when the
/// feed comes as plain XML, so it gets that. Feed readers, which name feed
/// types or take anything, get the feed types.
pub fn negotiated_type(path: &Path, accept: Option<&str>) -> String {
    let kind = Kind::of(path);
    let browser = accept.is_some_and(|a| {
        let a = a.to_ascii_lowercase();
        a.contains("text/html") && !a.contains("atom+xml") && !a.contains("rss+xml")
    });
    if browser && matches!(kind, Kind::Feed(Format::Atom | Format::Rss)) {
        Kind::Xml.content_type()
    } else {
        kind.content_type()
    }
}

/// Maps a request path to a file under `root` (a canonical path),
/// refusing anything that would leave it or reach the build's state:
/// `..`, hidden names, and links that resolve outside the folder.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push(FOLDER_PAGE);
    }
    let real = std::fs::canonicalize(&file).ok()?;
    let inside = real.strip_prefix(root).ok()?;
    let hidden = inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    (!hidden && real.is_file()).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A parsed request head.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request gets no file: its status and reason.
type Refusal = (u16, &'static str);

/// Reads a request head, refusing one larger than [`MAX_HEAD`].
fn read_head(stream: &mut TcpStream) -> std::result::Result<Option<Vec<u8>>, Refusal> {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 1024];
    loop {
        let read = match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => n,
        };
        head.extend_from_slice(&buffer[..read]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end);
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Err((431, "Request Header Fields Too Large"));
        }
    }
}

fn parse_head(head: &[u8]) -> std::result::Result<Request, Refusal> {
    let bad = (400, "Bad Request");
    let text = std::str::from_utf8(head).map_err(|_| bad)?;
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) = (
        request_line.next(),
        request_line.next(),
        request_line.next(),
        request_line.next(),
    ) else {
        return Err(bad);
    };
    if !version.starts_with("HTTP/1.") {
        return Err((505, "HTTP Version Not Supported"));
    }
    if target.len() > MAX_TARGET {
        return Err((414, "URI Too Long"));
    }
    let headers = lines
        .map(|line| {
            line.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .ok_or(bad)
        })
        .collect::<std::result::Result<_, _>>()?;
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    })
}

/// Whether a `Host` header names this machine: `localhost` (or a name
/// under it), a loopback address, or the bound address, with no port or
/// the bound one.
fn host_allowed(host: &str, bound: &SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    if port.is_some_and(|p| p.parse::<u16>().ok() != Some(bound.port())) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip == bound.ip())
}

/// Whether an `If-None-Match` list matches `etag`; the comparison is weak
/// (RFC 9110 §13.1.2), so `W/"x"` matches `"x"`.
fn etag_matches(list: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    list.split(',')
        .any(|t| t.trim() == "*" || opaque(t) == opaque(etag))
}

fn write_head(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    headers: &[(&str, String)],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())
}

fn refuse(stream: &mut TcpStream, (status, reason): Refusal) -> std::io::Result<()> {
    let body = format!("{reason}\n");
    let headers = [
        ("Content-Type", "text/plain; charset=utf-8".to_string()),
        ("Content-Length", body.len().to_string()),
    ];
    write_head(stream, status, reason, &headers)?;
    stream.write_all(body.as_bytes())?;
    // What the client is still sending (a head too large) is read and
    // dropped, up to a bound, so that closing does not reset the
    // connection before the client has read the answer.
    stream.shutdown(std::net::Shutdown::Write)?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    let _ = std::io::copy(&mut stream.take(64 * 1024), &mut std::io::sink());
    Ok(())
}

/// Answers one request on `stream`, then closes it.
fn answer(root: &Path, bound: &SocketAddr, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let request =
        match read_head(&mut stream).and_then(|head| head.map(|h| parse_head(&h)).transpose()) {
            Ok(Some(request)) => request,
            Ok(None) => return Ok(()),
            Err(refusal) => return refuse(&mut stream, refusal),
        };
    if !request
        .header("Host")
        .is_some_and(|h| host_allowed(h, bound))
    {
        return refuse(&mut stream, (421, "Misdirected Request"));
    }
    let head_only = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => return refuse(&mut stream, (405, "Method Not Allowed")),
    };
    let opened = resolve(root, &request.target)
        .and_then(|path| crate::regular::open(&path).ok().map(|f| (path, f)));
    let Some((path, file)) = opened else {
        return refuse(&mut stream, (404, "Not Found"));
    };
    let meta = file.metadata()?;
    let modified: DateTime<Utc> = meta.modified().unwrap_or(UNIX_EPOCH).into();
    let stamp = crate::model::FileStamp::of(&meta);
    let etag = format!("\"{:x}-{:x}\"", stamp.size, stamp.modified_ns);
    // Last-Modified counts whole seconds. A file written in the current
    // second may be written again within it, and a reader holding that
    // second would take the new file for the one it has (curl drops the
    // body when the date is not later). Until its second has passed, the
    // ETag alone validates it.
    let settled = modified.timestamp() < Utc::now().timestamp();
    let not_modified = match request.header("If-None-Match") {
        Some(tags) => etag_matches(tags, &etag),
        None => {
            settled
                && request.header("If-Modified-Since").is_some_and(|since| {
                    DateTime::parse_from_rfc2822(&since.replace("GMT", "+0000"))
                        .is_ok_and(|s| modified.timestamp() <= s.timestamp())
                })
        }
    };
    let mut headers = vec![
        (
            "Content-Type",
            negotiated_type(&path, request.header("Accept")),
        ),
        ("Vary", "Accept".to_string()),
        ("ETag", etag),
        ("Cache-Control", "no-cache".to_string()),
    ];
    if settled {
        let last_modified = modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        headers.push(("Last-Modified", last_modified));
    }
    if not_modified {
        // A 304 has no body and says nothing of its length.
        return write_head(&mut stream, 304, "Not Modified", &headers);
    }
    headers.push(("Content-Length", meta.len().to_string()));
    write_head(&mut stream, 200, "OK", &headers)?;
    if !head_only {
        std::io::copy(&mut file.take(meta.len()), &mut stream)?;
    }
    stream.flush()
}

/// Serves `root` on `address` (such as `127.0.0.1:8000`) until killed.
/// Calls `ready` with the bound address once it accepts connections.
pub fn serve(root: &Path, address: &str, ready: impl FnOnce(&str)) -> Result<()> {
    if !root.is_dir() {
        return Err(Error::Config {
            path: root.to_path_buf(),
            message: "there is no folder to serve here; build first, or name the output folder"
                .to_string(),
        });
    }
    let root = std::fs::canonicalize(root).map_err(Error::io(root))?;
    let listener = TcpListener::bind(address).map_err(|e| Error::Config {
        path: root.clone(),
        message: format!("cannot listen on {address}: {e}; choose another --port"),
    })?;
    let bound = listener.local_addr().map_err(Error::io(&root))?;
    let (queue, waiting) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let (root, waiting) = (root.clone(), Arc::clone(&waiting));
        std::thread::spawn(move || loop {
            let next = waiting.lock().map(|w| w.recv());
            let Ok(Ok(stream)) = next else {
                return;
            };
            // A client that went away is no error of the server's.
            let _ = answer(&root, &bound, stream);
        });
    }
    ready(&bound.to_string());
    for stream in listener.incoming().flatten() {
        // When every thread is busy and the queue is full, the connection
        // is closed rather than waited on.
        let _ = queue.try_send(stream);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_get_feeds_as_plain_xml_and_readers_as_feeds() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        let atom = Path::new("rmrb/atom.xml");
        assert_eq!(
            negotiated_type(atom, Some(browser)),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            negotiated_type(Path::new("archive/rss-2.xml"), Some(browser)),
            "application/xml; charset=utf-8"
        );
        let reader = "application/atom+xml, application/rss+xml, text/html;q=0.1";
        assert_eq!(
            negotiated_type(atom, Some(reader)),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            negotiated_type(atom, Some("*/*")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            negotiated_type(atom, None),
            "application/atom+xml; charset=utf-8"
        );
        // Pages and JSON feeds are the same for everyone.
        assert_eq!(
            negotiated_type(Path::new("index.html"), Some(browser)),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            negotiated_type(Path::new("feed.json"), Some(browser)),
            "application/feed+json; charset=utf-8"
        );
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("a/.paperboy")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::fs::write(root.join("a/.paperboy/state"), "x").unwrap();
        assert_eq!(resolve(&root, "/a/"), Some(root.join("a/index.html")));
        assert_eq!(resolve(&root, "/a/../a/index.html"), None);
        assert_eq!(resolve(&root, "/a/%2e%2e/a/index.html"), None);
        assert_eq!(resolve(&root, "/a/.paperboy/state"), None);
        assert_eq!(resolve(&root, "/nothing"), None);
        // Links out of the folder, or into its state, are not followed.
        std::os::unix::fs::symlink("/etc/passwd", root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("a/.paperboy"), root.join("state")).unwrap();
        std::os::unix::fs::symlink(root.join("a/index.html"), root.join("inside.html")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), None);
        assert_eq!(resolve(&root, "/state/state"), None);
        assert_eq!(
            resolve(&root, "/inside.html"),
            Some(root.join("a/index.html"))
        );
    }

    #[test]
    fn only_host_names_of_this_machine_are_answered() {
        let bound: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        for good in [
            "localhost:8000",
            "127.0.0.1:8000",
            "localhost",
            "[::1]:8000",
            "LOCALHOST.:8000",
            "app.localhost:8000",
        ] {
            assert!(host_allowed(good, &bound), "{good}");
        }
        for bad in [
            "evil.example:8000",
            "localhost:9000",
            "127.0.0.1.evil.example",
            "",
            "10.0.0.1:8000",
        ] {
            assert!(!host_allowed(bad, &bound), "{bad}");
        }
    }

    #[test]
    fn weak_etags_match() {
        assert!(etag_matches("W/\"a-1\"", "\"a-1\""));
        assert!(etag_matches("\"x\", W/\"a-1\"", "\"a-1\""));
        assert!(etag_matches("*", "\"a-1\""));
        assert!(!etag_matches("\"a-2\"", "\"a-1\""));
    }
}
