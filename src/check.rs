//! The validation gate: what must hold of the output before any published
//! file is replaced, and what `paperboy check` verifies of a folder.
//!
//! Every feed document must be well-formed, carry its required elements,
//! give each entry a unique id, link only to absolute URLs, and carry dates
//! that parse and are plausible (not before 1800, not after the run).

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use roxmltree::{Document, Node};

use crate::config::is_http_url;
use crate::error::{Error, Result};
use crate::layout::{Format, Kind};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn is_absolute_iri(id: &str) -> bool {
    let scheme_len = id.find(':').unwrap_or(0);
    scheme_len > 0
        && id[..scheme_len]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && id.len() > scheme_len + 1
}

/// The latest date a document may carry: a day after the run, for clocks
/// a little off and issues out the evening before their date. Pages are
/// refused at input by the same bound, so what is read always passes.
pub fn latest_plausible(now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    now + Duration::days(1)
}

/// Checks applied to one document, collecting what is wrong.
struct Checker<'a> {
    file: &'a Path,
    latest: DateTime<FixedOffset>,
    problems: Vec<String>,
    ids: BTreeSet<String>,
}

impl Checker<'_> {
    fn problem(&mut self, message: String) {
        self.problems
            .push(format!("{}: {message}", self.file.display()));
    }

    fn id(&mut self, id: &str) {
        if !is_absolute_iri(id) {
            self.problem(format!("id {id:?} is not an absolute IRI"));
        }
        if !self.ids.insert(id.to_string()) {
            self.problem(format!("id {id} appears twice"));
        }
    }

    fn link(&mut self, url: &str) {
        if !is_http_url(url) {
            self.problem(format!("link {url:?} is not an absolute http(s) URL"));
        }
    }

    fn date(&mut self, parsed: Result<DateTime<FixedOffset>, chrono::ParseError>, text: &str) {
        match parsed {
            Ok(date) if date.year() >= 1800 && date <= self.latest => {}
            Ok(_) => self.problem(format!(
                "date {text} is implausible (before 1800 or after the run)"
            )),
            Err(_) => self.problem(format!("date {text:?} does not parse")),
        }
    }

    fn required<'n, 'i>(
        &mut self,
        node: Node<'n, 'i>,
        ns: Option<&str>,
        name: &str,
    ) -> Option<Node<'n, 'i>> {
        let found = node.children().find(|c| {
            c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns
        });
        if found.is_none() {
            self.problem(format!("<{}> has no <{name}>", node.tag_name().name()));
        }
        found
    }

    fn atom(&mut self, feed: Node) {
        for name in ["id", "title", "updated"] {
            self.required(feed, Some(ATOM), name);
        }
        for link in feed.children().filter(|c| c.tag_name().name() == "link") {
            self.link(link.attribute("href").unwrap_or(""));
        }
        for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
            if let Some(id) = self.required(entry, Some(ATOM), "id") {
                self.id(id.text().unwrap_or(""));
            }
            self.required(entry, Some(ATOM), "title");
            for name in ["updated", "published"] {
                for date in entry.children().filter(|c| c.tag_name().name() == name) {
                    let text = date.text().unwrap_or("");
                    self.date(DateTime::parse_from_rfc3339(text), text);
                }
            }
            self.required(entry, Some(ATOM), "updated");
            if let Some(link) = self.required(entry, Some(ATOM), "link") {
                self.link(link.attribute("href").unwrap_or(""));
            }
        }
    }

    fn rss(&mut self, rss: Node) {
        let Some(channel) = self.required(rss, None, "channel") else {
            return;
        };
        for name in ["title", "description"] {
            self.required(channel, None, name);
        }
        if let Some(link) = self.required(channel, None, "link") {
            self.link(link.text().unwrap_or(""));
        }
        for item in channel.children().filter(|c| c.tag_name().name() == "item") {
            if let Some(guid) = self.required(item, None, "guid") {
                self.id(guid.text().unwrap_or(""));
            }
            self.required(item, None, "title");
            if let Some(link) = self.required(item, None, "link") {
                self.link(link.text().unwrap_or(""));
            }
            if let Some(date) = self.required(item, None, "pubDate") {
                let text = date.text().unwrap_or("");
                self.date(DateTime::parse_from_rfc2822(text), text);
            }
        }
    }

    fn json(&mut self, feed: &serde_json::Value) {
        if feed["version"] != "https://jsonfeed.org/version/1.1" || !feed["title"].is_string() {
            self.problem("not a JSON Feed 1.1 (version, title)".to_string());
        }
        let Some(items) = feed["items"].as_array() else {
            return self.problem("no items".to_string());
        };
        for item in items {
            self.id(item["id"].as_str().unwrap_or(""));
            self.link(item["url"].as_str().unwrap_or(""));
            for key in ["date_published", "date_modified"] {
                let text = item[key].as_str().unwrap_or("");
                self.date(DateTime::parse_from_rfc3339(text), text);
            }
            if !item["content_html"].is_string() {
                self.problem(format!("item {} has no content_html", item["id"]));
            }
        }
    }
}

/// Checks one output file; files other than feeds and OPML pass as they are.
pub fn check_file(file: &Path, bytes: &[u8], now: DateTime<FixedOffset>) -> Vec<String> {
    let mut checker = Checker {
        file,
        latest: latest_plausible(now),
        problems: Vec::new(),
        ids: BTreeSet::new(),
    };
    let kind = Kind::of(file);
    if matches!(kind, Kind::Feed(Format::Json) | Kind::Json)
        && !file.to_string_lossy().contains(".paperboy")
    {
        match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(feed) => checker.json(&feed),
            Err(e) => checker.problem(format!("not JSON: {e}")),
        }
    } else if matches!(
        kind,
        Kind::Feed(Format::Atom | Format::Rss) | Kind::Xml | Kind::Opml
    ) {
        // Which XML document it is, the root element says.
        let Ok(text) = std::str::from_utf8(bytes) else {
            checker.problem("not UTF-8".to_string());
            return checker.problems;
        };
        match Document::parse(text) {
            Ok(doc) => match doc.root_element().tag_name().name() {
                "feed" => checker.atom(doc.root_element()),
                "rss" => checker.rss(doc.root_element()),
                "opml" => {}
                other => checker.problem(format!("unexpected root element <{other}>")),
            },
            Err(e) => checker.problem(format!("not well-formed XML: {e}")),
        }
    }
    checker.problems
}

/// `paperboy check`: the same checks on every file of an output folder.
pub fn check_folder(dir: &Path, now: DateTime<FixedOffset>) -> Result<Vec<String>> {
    fn walk(
        root: &Path,
        dir: &Path,
        now: DateTime<FixedOffset>,
        problems: &mut Vec<String>,
    ) -> Result<usize> {
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).map_err(Error::io(dir))? {
            let path = entry.map_err(Error::io(dir))?.path();
            if path.file_name().is_some_and(|n| n == ".paperboy") {
                continue;
            }
            if path.is_dir() {
                checked += walk(root, &path, now, problems)?;
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                match crate::regular::read(&path, u64::MAX, "a file") {
                    Ok(bytes) => problems.extend(check_file(relative, &bytes, now)),
                    Err(e @ Error::NotRegular { .. }) => problems.push(e.to_string()),
                    Err(e) => return Err(e),
                }
                checked += 1;
            }
        }
        Ok(checked)
    }
    let mut problems = Vec::new();
    let checked = walk(dir, dir, now, &mut problems)?;
    if checked == 0 {
        problems.push(format!("{}: no files to check", dir.display()));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap()
    }

    #[test]
    fn broken_documents_are_caught() {
        let p = Path::new("x.xml");
        assert!(check_file(p, b"<feed", now())[0].contains("well-formed"));
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:a</id><title>t</title><updated>2024-01-01T00:00:00Z</updated>
            <entry><id>urn:1</id><title>a</title><updated>2024-01-01T00:00:00Z</updated><link href="/rel"/></entry>
            <entry><id>urn:1</id><title>b</title><updated>2999-01-01T00:00:00Z</updated><link href="http://x.org/"/></entry></feed>"#;
        let problems = check_file(p, atom, now()).join("\n");
        assert!(problems.contains("appears twice"), "{problems}");
        assert!(problems.contains("\"/rel\""), "{problems}");
        assert!(problems.contains("implausible"), "{problems}");
        let rss = br#"<rss version="2.0"><channel><title>t</title><link>http://x.org/</link><description>d</description>
            <item><title>a</title><link>http://x.org/a</link><guid>urn:1</guid><pubDate>not a date</pubDate></item></channel></rss>"#;
        assert!(check_file(p, rss, now())
            .join("\n")
            .contains("does not parse"));
        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"x","url":"http://x.org/","content_html":"","date_published":"2024-01-01T00:00:00Z","date_modified":"2024-01-01T00:00:00Z"}]}"#;
        assert!(check_file(Path::new("feed.json"), json, now())
            .join("\n")
            .contains("absolute IRI"));
    }
}
