//! `paperboy serve`: the output folder over HTTP on this machine, with the
//! headers feed readers rely on: the feed media types, `ETag` and
//! `Last-Modified`, and `304 Not Modified` for conditional requests. For
//! trying the demo with a real reader; production sites use a web server.

use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{Error, Result};

/// The media type a file is served with.
pub fn content_type(path: &Path) -> &'static str {
    let name = path.to_string_lossy();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if name.ends_with("rss.xml") || (name.contains("/archive/rss-") && ext == "xml") {
        "application/rss+xml; charset=utf-8"
    } else if ext == "xml" {
        "application/atom+xml; charset=utf-8"
    } else {
        match ext {
            "json" => "application/feed+json; charset=utf-8",
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "opml" => "text/x-opml; charset=utf-8",
            _ => "application/octet-stream",
        }
    }
}

/// Maps a request path to a file under `root`, refusing anything that
/// would leave it (or reach the build's state).
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
        file.push("index.html");
    }
    file.is_file().then_some(file)
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn request_header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn respond(root: &Path, request: Request) -> std::io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request
            .respond(Response::from_string("method not allowed\n").with_status_code(405));
    }
    let Some(file) = resolve(root, request.url()) else {
        return request.respond(Response::from_string("not found\n").with_status_code(404));
    };
    let bytes = std::fs::read(&file)?;
    let etag = format!(
        "\"{}\"",
        crate::identity::hex(&Sha256::digest(&bytes)[..12])
    );
    let modified: DateTime<Utc> = std::fs::metadata(&file)?
        .modified()
        .unwrap_or(UNIX_EPOCH)
        .into();
    let last_modified = modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let not_modified = match request_header(&request, "If-None-Match") {
        Some(tags) => tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
        None => request_header(&request, "If-Modified-Since").is_some_and(|since| {
            DateTime::parse_from_rfc2822(&since.replace("GMT", "+0000"))
                .is_ok_and(|s| modified.timestamp() <= s.timestamp())
        }),
    };
    let headers = [
        header("Content-Type", content_type(&file)),
        header("ETag", &etag),
        header("Last-Modified", &last_modified),
        header("Cache-Control", "no-cache"),
    ];
    let response = if not_modified {
        Response::from_data(Vec::new()).with_status_code(304)
    } else if request.method() == &Method::Head {
        Response::from_data(Vec::new())
            .with_header(header("Content-Length", &bytes.len().to_string()))
    } else {
        Response::from_data(bytes)
    };
    let response = headers.into_iter().fold(response, |r, h| r.with_header(h));
    request.respond(response)
}

/// Serves `root` on `address` (such as `127.0.0.1:8000`) until killed.
/// Calls `ready` with the bound address once it accepts connections.
pub fn serve(root: &Path, address: &str, ready: impl FnOnce(&str)) -> Result<()> {
    let server = Server::http(address).map_err(|e| Error::Config {
        path: root.to_path_buf(),
        message: format!("cannot listen on {address}: {e}; choose another --port"),
    })?;
    let bound = server
        .server_addr()
        .to_ip()
        .map_or(address.to_string(), |a| a.to_string());
    ready(&bound);
    for request in server.incoming_requests() {
        if let Err(e) = respond(root, request) {
            eprintln!("warning: {e}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types() {
        assert_eq!(
            content_type(Path::new("rmrb/atom.xml")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("rmrb/archive/rss-3.xml")),
            "application/rss+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("feed.json")),
            "application/feed+json; charset=utf-8"
        );
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/.paperboy")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("a/.paperboy/state"), "x").unwrap();
        assert_eq!(
            resolve(dir.path(), "/a/"),
            Some(dir.path().join("a/index.html"))
        );
        assert_eq!(resolve(dir.path(), "/a/../a/index.html"), None);
        assert_eq!(resolve(dir.path(), "/a/%2e%2e/a/index.html"), None);
        assert_eq!(resolve(dir.path(), "/a/.paperboy/state"), None);
        assert_eq!(resolve(dir.path(), "/nothing"), None);
    }
}
