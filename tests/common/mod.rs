//! Helpers shared by the integration tests: run the real binary on fixture
//! trees, and read what it wrote with independent parsers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, PoisonError};

pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies a tree of seeds with each page's text changed by `change` (other
/// files as they are): the same pages as another export prints them.
pub fn copy_pages(from: &Path, to: &Path, change: impl Fn(&str) -> String) {
    for paper in std::fs::read_dir(from).unwrap() {
        let paper = paper.unwrap().path();
        let dir = to.join(paper.file_name().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        for file in std::fs::read_dir(&paper).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            let text = if file.extension().is_some_and(|e| e == "txt") {
                change(&text)
            } else {
                text
            };
            std::fs::write(dir.join(file.file_name().unwrap()), text).unwrap();
        }
    }
}

/// A page with every blank line taken out, as an export that prints none
/// (PyMuPDF's plain text, text copied from an article page) gives it.
pub fn without_blank_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.join("\n") + "\n"
}

/// A page whose paragraphs are hard-wrapped at `width` characters, as a
/// narrow newspaper column prints them (the `zjgrrb` seed): every line of 30
/// characters or more that ends in punctuation is a paragraph and is cut
/// into lines of `width`; headlines, mastheads and markdown headings stay
/// whole, and blank lines stay where they were.
pub fn hard_wrapped(text: &str, width: usize) -> String {
    let mut page = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.trim_end().chars().collect();
        let paragraph = chars.len() >= 30
            && !line.starts_with('#')
            && chars
                .last()
                .is_some_and(|c| "。！？!?”」）)：:；;，,、".contains(*c));
        if paragraph {
            for row in chars.chunks(width) {
                page.extend(row);
                page.push('\n');
            }
        } else {
            page.push_str(line);
            page.push('\n');
        }
    }
    page
}

/// A scratch project: a copy of the checked-in seeds and config.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn with_seeds() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&project_root().join("seeds"), &dir.path().join("seeds"));
        std::fs::copy(
            project_root().join("paperboy.toml"),
            dir.path().join("paperboy.toml"),
        )
        .unwrap();
        Project { dir }
    }

    /// The seeds, each page also copied as pages of the issues of days 1 to
    /// `days` of `year`-`month` (`YYYY-MM-DD-<n>.txt`): a corpus large
    /// enough for a build to take a while.
    pub fn with_repeated_seeds(year: u32, month: u32, days: u32) -> Project {
        let project = Project::with_seeds();
        for slug in ["rmrb", "wenzhou", "zjgrrb"] {
            let dir = project.path(&format!("seeds/{slug}"));
            let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            pages.sort();
            for (i, page) in pages.iter().enumerate() {
                for day in 1..=days {
                    std::fs::copy(
                        page,
                        dir.join(format!("{year}-{month:02}-{day:02}-{}.txt", i + 1)),
                    )
                    .unwrap();
                }
            }
        }
        project
    }

    /// One good publication (`demo`, one article on the page of `issue`),
    /// to show that the rest is still built beside a bad input.
    pub fn demo(issue: &str) -> Project {
        let project = Project::empty();
        project.write("seeds/demo/publication.toml", "title = \"示例日报\"\n");
        project.write(
            &format!("seeds/demo/{issue}.txt"),
            "好的标题\n\n王小明\n\n好的正文。\n",
        );
        project
    }

    pub fn empty() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        Project { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `paperboy build` in the project folder.
    pub fn build(&self) -> Output {
        self.build_into("feeds")
    }

    pub fn build_into(&self, out: &str) -> Output {
        self.run(&["build", "--out", out], &[])
    }

    /// Runs `paperboy ARGS` in the project folder with extra environment.
    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .current_dir(self.dir.path())
            .args(args)
            .envs(env.iter().copied())
            .output()
            .unwrap()
    }

    /// Runs `paperboy build` as if at the time `now` (RFC 3339).
    pub fn build_at(&self, now: &str) -> Output {
        self.run(&["build"], &[("PAPERBOY_NOW", now)])
    }

    pub fn feeds(&self) -> PathBuf {
        self.path("feeds")
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, hidden ones and the build's state too, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The files left by a run while it stages its writes (`….tmp`).
pub fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

/// Published files by path relative to their output folder, with their bytes.
pub type Tree = BTreeMap<PathBuf, Vec<u8>>;

/// Every published file under `dir` (the build's own `.paperboy` state
/// left out), by relative path.
pub fn read_tree(dir: &Path) -> Tree {
    files_under(dir)
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if relative.iter().any(|part| part == ".paperboy") {
                return None;
            }
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            Some((relative, bytes))
        })
        .collect()
}

/// Fails unless the two trees hold the same files with the same bytes,
/// naming the first file that differs and how (`what` says which trees).
#[track_caller]
pub fn assert_same_tree(first: &Tree, second: &Tree, what: &str) {
    let paths: std::collections::BTreeSet<&PathBuf> = first.keys().chain(second.keys()).collect();
    for path in paths {
        let how = match (first.get(path), second.get(path)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(a), Some(b)) => {
                let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                let excerpt = |bytes: &[u8]| {
                    let from = at.saturating_sub(30);
                    let to = (at + 50).min(bytes.len());
                    String::from_utf8_lossy(&bytes[from..to]).into_owned()
                };
                format!(
                    "differs from byte {at} ({} bytes against {}):\n  first:  {:?}\n  second: {:?}",
                    a.len(),
                    b.len(),
                    excerpt(a),
                    excerpt(b)
                )
            }
            (Some(_), None) => "is only in the first tree".to_string(),
            (None, _) => "is only in the second tree".to_string(),
        };
        panic!("{what}: {} {how}", path.display());
    }
}

/// The feed files (Atom and RSS) under `dir`.
pub fn feed_files(dir: &Path) -> Vec<PathBuf> {
    read_tree(dir)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .map(|p| dir.join(p))
        .collect()
}

pub fn parse_feed_rs(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap();
    feed_rs::parser::parse(&bytes[..])
        .unwrap_or_else(|e| panic!("feed-rs cannot parse {}: {e}", path.display()))
}

/// Entry ids in document order, as feed-rs reads them.
pub fn ids(path: &Path) -> Vec<String> {
    parse_feed_rs(path)
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// What a test needs from the machine beyond the binary and cargo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    /// The feed reader the tests subscribe to the served feeds.
    Newsboat,
    /// Python's feedparser, an independent feed parser.
    Feedparser,
    /// libxml2's `xmllint`, which validates Atom against RFC 4287's schema.
    Xmllint,
    /// Running as root, to mount the small file systems that fill up or
    /// are read-only.
    Root,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Newsboat => "newsboat",
            Tool::Feedparser => "Python's feedparser",
            Tool::Xmllint => "xmllint",
            Tool::Root => "root",
        }
    }

    fn present(self) -> bool {
        let succeeds = |program: &str, args: &[&str]| {
            // Output captured: a missing tool is expected here, and its
            // messages would read as a failure in a passing run.
            Command::new(program)
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        match self {
            Tool::Newsboat => succeeds("newsboat", &["--version"]),
            Tool::Feedparser => succeeds("python3", &["-c", "import feedparser"]),
            Tool::Xmllint => succeeds("xmllint", &["--version"]),
            Tool::Root => Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout.trim_ascii() == b"0"),
        }
    }

    /// The shell command that installs it, if a test can run one.
    fn install(self) -> Option<&'static str> {
        match self {
            Tool::Newsboat => Some(APT_NEWSBOAT),
            Tool::Feedparser => {
                Some("python3 -m pip install --quiet --disable-pip-version-check feedparser")
            }
            Tool::Xmllint => Some(APT_XMLLINT),
            Tool::Root => None,
        }
    }

    /// Present, or installed now; otherwise what to do about it.
    fn make_ready(self) -> Result<(), String> {
        if self.present() {
            return Ok(());
        }
        let Some(install) = self.install() else {
            return Err(format!(
                "this test needs {}: run it as root (sudo cargo test)",
                self.name()
            ));
        };
        let tried = Command::new("sh").args(["-c", install]).output();
        if self.present() {
            return Ok(());
        }
        let said = tried.map_or_else(|e| e.to_string(), |o| stderr(&o));
        Err(format!(
            "this test needs {}: install it with `{install}` ({})",
            self.name(),
            said.trim()
        ))
    }
}

const APT_NEWSBOAT: &str =
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat";
const APT_XMLLINT: &str =
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils";

/// Makes sure `tool` is there, installing it the first time a test of this
/// process asks for it; panics, saying what to install, when it cannot be
/// had. A test never passes without what it needs.
#[track_caller]
pub fn require(tool: Tool) {
    // One lock for every tool: two package installs must not run at once.
    static READY: Mutex<BTreeMap<Tool, Result<(), String>>> = Mutex::new(BTreeMap::new());
    let mut ready = READY.lock().unwrap_or_else(PoisonError::into_inner);
    if let Err(message) = ready.entry(tool).or_insert_with(|| tool.make_ready()) {
        panic!("{message}");
    }
}

/// What Python's feedparser makes of a feed file.
#[derive(Debug, serde::Deserialize)]
pub struct Parsed {
    pub bozo: bool,
    pub bozo_exception: String,
    pub version: String,
    pub ids: Vec<String>,
    pub titles: Vec<String>,
    pub links: Vec<String>,
    pub authors: Vec<Vec<String>>,
    pub dates: Vec<Option<String>>,
}

const FEEDPARSER_SCRIPT: &str = r#"
import json, sys, time, feedparser
out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {
        "bozo": bool(d.bozo),
        "bozo_exception": repr(d.get("bozo_exception", "")),
        "version": d.version,
        "ids": [e.get("id", "") for e in d.entries],
        "titles": [e.get("title", "") for e in d.entries],
        "links": [e.get("link", "") for e in d.entries],
        "authors": [[a.get("name", "") for a in e.get("authors", [])] for e in d.entries],
        "dates": [time.strftime("%Y-%m-%dT%H:%M:%SZ", e.published_parsed) if e.get("published_parsed") else None for e in d.entries],
    }
print(json.dumps(out))
"#;

pub fn feedparser(paths: &[PathBuf]) -> BTreeMap<PathBuf, Parsed> {
    require(Tool::Feedparser);
    let output = Command::new("python3")
        .arg("-c")
        .arg(FEEDPARSER_SCRIPT)
        .args(paths)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "feedparser script failed: {}",
        stderr(&output)
    );
    let map: BTreeMap<String, Parsed> = serde_json::from_slice(&output.stdout).unwrap();
    map.into_iter()
        .map(|(k, v)| (PathBuf::from(k), v))
        .collect()
}

/// The `href` values of an HTML page in document order, then its `src`
/// values (`&amp;` undone).
pub fn html_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            links.push(rest[..end].replace("&amp;", "&"));
        }
    }
    links
}

/// A relative link from the page at `from` (a path in the output folder)
/// as a path in the output folder, and its fragment.
pub fn resolve_link(from: &Path, link: &str) -> (String, Option<String>) {
    let (path, fragment) = match link.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (link, None),
    };
    let mut parts: Vec<&str> = from
        .parent()
        .map(|p| {
            p.to_str()
                .unwrap()
                .split('/')
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if path.is_empty() {
        return (from.to_string_lossy().into_owned(), fragment);
    }
    for segment in path.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), fragment)
}

/// The Atom documents under `dir` (`atom.xml`, `archive/atom-N.xml`) that
/// RFC 4287's RELAX NG schema (Appendix B, in `tests/schema/`) rejects,
/// each with xmllint's messages; panics if there is no Atom document.
pub fn atom_schema_errors(dir: &Path) -> Vec<String> {
    require(Tool::Xmllint);
    let atom: Vec<PathBuf> = feed_files(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("atom"))
        })
        .collect();
    assert!(!atom.is_empty(), "no Atom documents in {}", dir.display());
    let output = Command::new("xmllint")
        .args(["--noout", "--relaxng"])
        .arg(project_root().join("tests/schema/atom.rng"))
        .args(&atom)
        .output()
        .expect("xmllint runs");
    let messages = stderr(&output);
    atom.iter()
        .map(|p| p.display().to_string())
        .filter(|name| !messages.lines().any(|l| l == format!("{name} validates")))
        .map(|name| {
            let lines: Vec<&str> = messages.lines().filter(|l| l.starts_with(&name)).collect();
            format!("{name}:\n    {}", lines.join("\n    "))
        })
        .collect()
}

/// Mounts a tmpfs of `options` (`size=256k`, `ro,size=1m`) on `dir`, which
/// is made if missing; unmounted when the guard is dropped.
#[track_caller]
pub fn mount_tmpfs(dir: &Path, options: &str) -> Unmount {
    require(Tool::Root);
    std::fs::create_dir_all(dir).unwrap();
    let mount = Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs"])
        .arg(dir)
        .output()
        .expect("mount runs");
    assert!(
        mount.status.success(),
        "mounting a tmpfs on {} failed even as root: {}",
        dir.display(),
        stderr(&mount)
    );
    Unmount(dir.to_path_buf())
}

pub struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// `paperboy serve` of a project's `feeds` on `port` (0: a free one),
/// stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// `host:port`
    pub address: String,
    /// `http://host:port/`
    pub base: String,
}

impl Server {
    pub fn start(project: &Project, port: u16) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .current_dir(project.dir.path())
            .args(["serve", "--port", &port.to_string(), "feeds"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        let base = format!("http://{address}/");
        Server {
            child,
            address,
            base,
        }
    }

    /// Sends `head` (CRLF line ends, without the blank line) and reads the
    /// answer: status, head and body.
    pub fn send(&self, head: &str) -> (u16, String, Vec<u8>) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        stream
            .write_all(format!("{head}\r\n\r\n").as_bytes())
            .unwrap();
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .expect("an answer within 5 s");
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head");
        let text = String::from_utf8_lossy(&response[..split]).into_owned();
        let code = text.split_whitespace().nth(1).unwrap().parse().unwrap();
        (code, text, response[split + 4..].to_vec())
    }

    /// One HTTP/1.1 GET with `extra` header lines (each ending in CRLF).
    pub fn get(&self, path: &str, extra: &str) -> (u16, String, Vec<u8>) {
        let host = &self.address;
        let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}");
        self.send(head.trim_end_matches("\r\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The value of the header `name` in an HTTP head.
pub fn header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// The OVERALL figures of `segscore.py` (`../shared/splitting`) for a build.
pub struct Score {
    /// Gold articles the scorer could match by title.
    pub gold: u64,
    pub f1: f64,
    pub authors: f64,
    pub body: f64,
    pub furniture: u64,
}

/// Builds `seeds` with the real binary and scores the feeds against the
/// gold in `gold` with `segscore.py`, printing the scorer's table.
pub fn segscore(project: &Project, seeds: &Path, gold: &Path) -> Score {
    let scorer = project_root().join("../shared/splitting/segscore.py");
    assert!(
        scorer.is_file(),
        "the scorer is missing: {} (CI copies it beside the clone as ../shared)",
        scorer.display()
    );
    // A run after every scored page's date (a page dated after the run is
    // refused as a wrong file name).
    let built = project.run(
        &[
            "build",
            "--quiet",
            "--seeds",
            seeds.to_str().unwrap(),
            "--out",
            "scored-feeds",
        ],
        &[("PAPERBOY_NOW", "2026-12-01T00:00:00Z")],
    );
    assert!(built.status.success(), "build failed: {}", stderr(&built));
    let json = project.path("score.json");
    let scored = Command::new("python3")
        .arg(&scorer)
        .args(["--gold", gold.to_str().unwrap()])
        .args(["--feeds", project.path("scored-feeds").to_str().unwrap()])
        .args(["--json", json.to_str().unwrap(), "--verbose"])
        .output()
        .expect("python3 runs segscore.py");
    assert!(scored.status.success(), "segscore failed");
    println!("{}", String::from_utf8_lossy(&scored.stdout));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let overall = &report["overall"];
    let number = |key: &str| overall[key].as_f64().unwrap();
    let score = Score {
        gold: overall["gold"].as_u64().unwrap(),
        f1: number("f1"),
        authors: number("author_accuracy"),
        body: number("body_accuracy"),
        furniture: overall["furn"].as_u64().unwrap(),
    };
    println!(
        "OVERALL F1 {:.2}, authors {:.2}, body {:.2}, furniture {}",
        score.f1, score.authors, score.body, score.furniture
    );
    score
}

impl Score {
    /// Fails unless every figure reaches its floor (at most `furniture`
    /// pieces of furniture in entries).
    pub fn assert_floors(&self, f1: f64, authors: f64, body: f64, furniture: u64) {
        assert!(self.f1 >= f1, "headline F1 {:.2} below {f1}", self.f1);
        assert!(
            self.authors >= authors,
            "authors {:.2} below {authors}",
            self.authors
        );
        assert!(
            self.body >= body,
            "body bounds {:.2} below {body}",
            self.body
        );
        assert!(
            self.furniture <= furniture,
            "{} pieces of furniture in entries",
            self.furniture
        );
    }
}
