//! The W3C feed validator's rules, as listed in the project's feed-standards
//! notes, checked on every feed a build writes: each broken rule is named as
//! the validator would name it. (The validator itself is not packaged; this
//! checks the same rules with an independent XML parser.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, Utc};
use common::{feed_files, Project};
use roxmltree::{Document, Node};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const DC: &str = "http://purl.org/dc/elements/1.1/";

fn children<'a, 'i>(node: Node<'a, 'i>, ns: Option<&str>, name: &str) -> Vec<Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .collect()
}

fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.text().unwrap_or("")
}

fn is_absolute_iri(s: &str) -> bool {
    let scheme: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        .collect();
    !scheme.is_empty() && s[scheme.len()..].starts_with(':') && s.len() > scheme.len() + 1
}

fn is_http_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// ImplausibleDate: before 1990 or more than a day in the future.
fn plausible(date: DateTime<FixedOffset>) -> bool {
    date.year() >= 1990 && date.with_timezone(&Utc) <= Utc::now() + chrono::Duration::days(1)
}

/// SecurityRisk and ContainsRelRef in embedded HTML.
fn check_html(html: &str, what: &str, problems: &mut Vec<String>) {
    let lower = html.to_ascii_lowercase();
    for tag in ["<script", "<embed", "<object", "<meta", "<link", "<iframe"] {
        if lower.contains(tag) {
            problems.push(format!("SecurityRisk: {tag} in {what}"));
        }
    }
    for attr in ["href=\"", "src=\""] {
        for part in lower.split(attr).skip(1) {
            let url = part.split('"').next().unwrap_or("");
            if !is_http_url(url) && !url.starts_with('#') {
                problems.push(format!("ContainsRelRef: {attr}{url} in {what}"));
            }
        }
    }
}

fn check_atom(doc: &Document, problems: &mut Vec<String>) {
    let feed = doc.root_element();
    if feed.tag_name().namespace() != Some(ATOM) {
        problems.push("root is not atom:feed".into());
        return;
    }
    if feed
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .is_none()
    {
        problems.push("no xml:lang on the feed".into());
    }
    for name in ["id", "title", "updated"] {
        if children(feed, Some(ATOM), name).len() != 1 {
            problems.push(format!(
                "MissingElement/DuplicateElement: feed must have exactly one {name}"
            ));
        }
    }
    for name in ["generator", "icon", "logo", "rights", "subtitle"] {
        if children(feed, Some(ATOM), name).len() > 1 {
            problems.push(format!("DuplicateElement: feed has more than one {name}"));
        }
    }
    let links = children(feed, Some(ATOM), "link");
    let selfs: Vec<_> = links
        .iter()
        .filter(|l| l.attribute("rel") == Some("self"))
        .collect();
    if selfs.len() != 1 || selfs[0].attribute("type") != Some("application/atom+xml") {
        problems.push("MissingSelf: exactly one rel=self of type application/atom+xml".into());
    }
    let mut alternates = BTreeSet::new();
    for link in &links {
        let href = link.attribute("href").unwrap_or("");
        if !is_http_url(href) {
            problems.push(format!("InvalidFullLink: feed link {href:?}"));
        }
        if link.attribute("rel").unwrap_or("alternate") == "alternate"
            && !alternates.insert((link.attribute("type"), link.attribute("hreflang")))
        {
            problems.push("two rel=alternate links with one type and hreflang".into());
        }
    }
    let feed_has_author = !children(feed, Some(ATOM), "author").is_empty();
    let mut ids = BTreeSet::new();
    let (mut updated, mut published) = (BTreeSet::new(), BTreeSet::new());
    for entry in children(feed, Some(ATOM), "entry") {
        for name in ["id", "title", "updated"] {
            if children(entry, Some(ATOM), name).len() != 1 {
                problems.push(format!("entry must have exactly one {name}"));
            }
        }
        let id = children(entry, Some(ATOM), "id")
            .first()
            .map(|n| text(*n))
            .unwrap_or("");
        if !is_absolute_iri(id) {
            problems.push(format!("InvalidFullLink: entry id {id:?}"));
        }
        if !ids.insert(id.to_string()) {
            problems.push(format!("DuplicateIds: {id}"));
        }
        if children(entry, Some(ATOM), "title")
            .first()
            .is_none_or(|t| text(*t).trim().is_empty())
        {
            problems.push(format!("empty title in {id}"));
        }
        for name in ["updated", "published"] {
            for date in children(entry, Some(ATOM), name) {
                match DateTime::parse_from_rfc3339(text(date)) {
                    Ok(d) if plausible(d) => {}
                    Ok(_) => problems.push(format!("ImplausibleDate: {} in {id}", text(date))),
                    Err(_) => problems.push(format!("InvalidRFC3339Date: {} in {id}", text(date))),
                }
            }
        }
        if let Some(u) = children(entry, Some(ATOM), "updated").first() {
            if !updated.insert(instant(text(*u))) {
                problems.push(format!("DuplicateUpdated: {}", text(*u)));
            }
        }
        if let Some(p) = children(entry, Some(ATOM), "published").first() {
            if !published.insert(instant(text(*p))) {
                problems.push(format!("duplicate published: {}", text(*p)));
            }
        }
        let authors = children(entry, Some(ATOM), "author");
        if authors.is_empty() && !feed_has_author {
            problems.push(format!("MissingElement: author in {id}"));
        }
        for author in authors {
            let name = children(author, Some(ATOM), "name")
                .first()
                .map(|n| text(*n))
                .unwrap_or("");
            if name.trim().is_empty() || name.contains('@') {
                problems.push(format!(
                    "author name {name:?} (MissingElement/ContainsEmail)"
                ));
            }
        }
        for category in children(entry, Some(ATOM), "category") {
            if category.attribute("term").is_none_or(str::is_empty) {
                problems.push(format!("category without term in {id}"));
            }
        }
        let alternate = children(entry, Some(ATOM), "link")
            .into_iter()
            .find(|l| l.attribute("rel").unwrap_or("alternate") == "alternate");
        match alternate.and_then(|l| l.attribute("href")) {
            Some(href) if is_http_url(href) => {}
            other => problems.push(format!(
                "InvalidFullLink/MissingElement: entry link {other:?}"
            )),
        }
        if children(entry, Some(ATOM), "summary").is_empty() {
            problems.push(format!("MissingSummary in {id}"));
        }
        for content in children(entry, Some(ATOM), "content") {
            match content.attribute("type") {
                Some("html") => check_html(text(content), id, problems),
                other => problems.push(format!("content type {other:?} in {id}")),
            }
        }
    }
    if doc.descendants().any(|n| {
        n.is_element()
            && n.tag_name().namespace() == Some(ATOM)
            && n.lookup_prefix(ATOM).is_some_and(|p| !p.is_empty())
    }) {
        problems.push("AvoidNamespacePrefix".into());
    }
}

/// An RFC 3339 date as the instant it names (the same instant in two time
/// zones is one timestamp), or the text when it does not parse.
fn instant(value: &str) -> String {
    DateTime::parse_from_rfc3339(value).map_or_else(
        |_| value.to_string(),
        |d| d.with_timezone(&Utc).to_rfc3339(),
    )
}

fn check_rfc822(value: &str, problems: &mut Vec<String>) {
    match DateTime::parse_from_rfc2822(value) {
        Ok(date) => {
            let year_digits = value.split_whitespace().nth(3).map_or(0, str::len);
            if year_digits != 4 {
                problems.push(format!("ProblematicalRFC822Date: {value}"));
            }
            let weekday = value.split(',').next().unwrap_or("");
            if weekday != date.format("%a").to_string() {
                problems.push(format!("IncorrectDOW: {value}"));
            }
            if !plausible(date) {
                problems.push(format!("ImplausibleDate: {value}"));
            }
        }
        Err(_) => problems.push(format!("InvalidRFC2822Date: {value}")),
    }
}

fn check_rss(doc: &Document, problems: &mut Vec<String>) {
    let rss = doc.root_element();
    if rss.tag_name().name() != "rss" || rss.attribute("version") != Some("2.0") {
        problems.push("root is not <rss version=\"2.0\">".into());
        return;
    }
    let channels = children(rss, None, "channel");
    if channels.len() != 1 {
        problems.push("exactly one channel".into());
        return;
    }
    let channel = channels[0];
    for name in ["title", "link", "description", "language"] {
        if children(channel, None, name).len() != 1 {
            problems.push(format!("MissingElement: channel {name}"));
        }
    }
    for date in children(channel, None, "lastBuildDate")
        .into_iter()
        .chain(children(channel, None, "pubDate"))
    {
        check_rfc822(text(date), problems);
    }
    let self_link = children(channel, Some(ATOM), "link").into_iter().find(|l| {
        l.attribute("rel") == Some("self") && l.attribute("type") == Some("application/rss+xml")
    });
    if self_link
        .and_then(|l| l.attribute("href"))
        .is_none_or(|h| !is_http_url(h))
    {
        problems.push("MissingAtomSelfLink".into());
    }
    let mut guids = BTreeSet::new();
    let mut dates = BTreeSet::new();
    for item in children(channel, None, "item") {
        if children(item, None, "title").is_empty()
            && children(item, None, "description").is_empty()
        {
            problems.push("ItemMustContainTitleOrDescription".into());
        }
        match children(item, None, "guid").first() {
            None => problems.push("MissingGuid".into()),
            Some(guid) => {
                let value = text(*guid);
                let permalink = guid.attribute("isPermaLink") != Some("false");
                if permalink && !is_http_url(value) {
                    problems.push(format!("InvalidPermalink: {value}"));
                }
                if !guids.insert(value.to_string()) {
                    problems.push(format!("duplicate guid {value}"));
                }
            }
        }
        for date in children(item, None, "pubDate") {
            check_rfc822(text(date), problems);
            let instant = DateTime::parse_from_rfc2822(text(date)).map(|d| d.timestamp());
            if !dates.insert(instant.map_err(|_| text(date).to_string())) {
                problems.push(format!("duplicate pubDate: {}", text(date)));
            }
        }
        for author in children(item, None, "author") {
            if !text(author).contains('@') {
                problems.push(format!("InvalidContact: <author>{}</author>", text(author)));
            }
        }
        if !children(item, Some(DC), "date").is_empty()
            && !children(item, None, "pubDate").is_empty()
        {
            problems.push("DuplicateItemSemantics: dc:date and pubDate".into());
        }
        let elements: Vec<Node> = item.children().filter(Node::is_element).collect();
        let position = |ns: Option<&str>, name: &str| {
            elements
                .iter()
                .position(|n| n.tag_name().name() == name && n.tag_name().namespace() == ns)
        };
        if let (Some(d), Some(c)) = (
            position(None, "description"),
            position(Some(CONTENT), "encoded"),
        ) {
            if d > c {
                problems.push("NeedDescriptionBeforeContent".into());
            }
        }
        for html in children(item, None, "description")
            .into_iter()
            .chain(children(item, Some(CONTENT), "encoded"))
        {
            check_html(text(html), "an item", problems);
        }
        match children(item, None, "link").first() {
            Some(link) if is_http_url(text(*link)) => {}
            _ => problems.push("InvalidFullLink: item link".into()),
        }
    }
}

/// Every rule broken by the feed at `path`.
fn problems(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut problems = Vec::new();
    if bytes.len() > 5_000_000 {
        problems.push("ValidatorLimit: larger than 5,000,000 bytes".into());
    }
    if !bytes.starts_with(b"<?xml") {
        problems.push("SAXError: something before the XML declaration".into());
    }
    if !declares_utf8(&bytes) {
        problems.push("no encoding=\"utf-8\" in the XML declaration".into());
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(_) => return vec!["UnicodeError: not UTF-8".into()],
    };
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("SAXError: {e}")],
    };
    if doc.root_element().tag_name().name() == "feed" {
        check_atom(&doc, &mut problems);
    } else {
        check_rss(&doc, &mut problems);
    }
    problems
}

/// Whether an XML document's declaration names UTF-8 as its encoding, so
/// that a reader without the HTTP `Content-Type` does not guess ISO-8859-1.
fn declares_utf8(bytes: &[u8]) -> bool {
    let declaration = bytes.split(|&b| b == b'>').next().unwrap_or_default();
    bytes.starts_with(b"<?xml ")
        && String::from_utf8_lossy(declaration)
            .to_ascii_lowercase()
            .replace('\'', "\"")
            .contains("encoding=\"utf-8\"")
}

/// Every feed under `dir` breaks no rule but those `allowed` lets pass, and
/// every Atom document is valid against RFC 4287's schema.
fn assert_valid_but(dir: &Path, allowed: impl Fn(&str) -> bool) {
    let feeds = feed_files(dir);
    assert!(!feeds.is_empty());
    for feed in feeds {
        let found: Vec<String> = problems(&feed)
            .into_iter()
            .filter(|p| !allowed(p))
            .collect();
        assert!(
            found.is_empty(),
            "{}:\n  {}",
            feed.display(),
            found.join("\n  ")
        );
    }
    let invalid = common::atom_schema_errors(dir);
    assert!(invalid.is_empty(), "{}", invalid.join("\n"));
}

fn assert_valid(dir: &Path) {
    assert_valid_but(dir, |_| false);
}

#[test]
fn seed_feeds_break_no_validator_rule() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    assert_valid(&project.feeds());
}

#[test]
fn the_checker_catches_broken_feeds() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let rss = project.feeds().join("rss.xml");
    let text = std::fs::read_to_string(&rss).unwrap();
    std::fs::write(
        &rss,
        text.replacen(
            "<guid isPermaLink=\"false\">",
            "<author>李旨</author><guid>",
            1,
        ),
    )
    .unwrap();
    let found = problems(&rss);
    assert!(
        found.iter().any(|p| p.starts_with("InvalidPermalink")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("InvalidContact")),
        "{found:?}"
    );
    let atom = project.feeds().join("wenzhou/atom.xml");
    let text = std::fs::read_to_string(&atom).unwrap();
    std::fs::write(
        &atom,
        text.replace("2023-10-17T05:59:59+08:00", "2023-10-17T06:00:00+08:00")
            .replacen("rel=\"self\"", "rel=\"related\"", 1),
    )
    .unwrap();
    let found = problems(&atom);
    assert!(
        found.iter().any(|p| p.starts_with("DuplicateUpdated")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.starts_with("MissingSelf")),
        "{found:?}"
    );
}

#[test]
fn hostile_text_is_escaped_and_stays_valid() {
    let project = Project::empty();
    project.write(
        "seeds/hostile/publication.toml",
        "title = \"<b>报</b> & \\\"社\\\"\"\ndescription = \"]]> 结束\"\n",
    );
    let page = "# 标题<script>alert(1)</script> & ]]> 结束\n\n王小明\n\n正文里有 <img src=x onerror=alert(1)> 和 &amp; 还有 ]]> 以及\u{202E}反向\u{200B}零宽\u{FFFE}和\u{7}控制字符。\n\n第二段：<a href=\"javascript:alert(1)\">点我</a>。\n";
    project.write("seeds/hostile/2024-06-01.txt", page);
    let output = project.build();
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_valid(&project.feeds());
    let parsed = common::feedparser(&feed_files(&project.feeds()));
    assert!(parsed.values().all(|p| !p.bozo), "{parsed:?}");
    let feed = common::parse_feed_rs(&project.feeds().join("hostile/atom.xml"));
    let entry = &feed.entries[0];
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        "标题<script>alert(1)</script> & ]]> 结束",
        "titles are text, kept as printed"
    );
    let html = entry.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("<img") && !html.contains("<a "),
        "no markup from the page reaches the HTML"
    );
    for hidden in ['\u{202E}', '\u{200B}', '\u{FFFE}', '\u{7}'] {
        assert!(!html.contains(hidden), "{hidden:?} removed");
    }
    let page = std::fs::read_to_string(project.feeds().join("hostile/2024-06-01.html")).unwrap();
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
}

/// Seeds plus two papers printed on the day one of them is (the same
/// press time), one of them with a page of 700 articles before its second
/// page, and an issue printed in 1987; small archive pages.
fn crowded_day() -> Project {
    let project = Project::with_seeds();
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write("paperboy.toml", &format!("{config}\nfeed_entries = 20\n"));
    let day = std::fs::read_to_string(project.path("seeds/wenzhou/2023-10-17.txt")).unwrap();
    project.write("seeds/twin/publication.toml", "title = \"孪生日报\"\n");
    project.write("seeds/twin/2023-10-17.txt", &day);
    project.write("seeds/twin/1987-05-04.txt", &day);
    let crowded: Vec<String> = (1..=700)
        .map(|i| format!("@@ headline 第{i}条简讯\n\n这是第{i}条简讯的正文。"))
        .collect();
    project.write("seeds/big/publication.toml", "title = \"大版日报\"\n");
    project.write("seeds/big/2023-10-17-1.txt", &crowded.join("\n\n"));
    project.write("seeds/big/2023-10-17-2.txt", &day);
    project
}

/// Entry dates of a JSON Feed document: (published, modified) instants.
fn json_dates(path: &Path) -> Vec<(i64, i64)> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let instant = |item: &serde_json::Value, key: &str| {
        DateTime::parse_from_rfc3339(item[key].as_str().unwrap())
            .unwrap()
            .timestamp()
    };
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                instant(item, "date_published"),
                instant(item, "date_modified"),
            )
        })
        .collect()
}

#[test]
fn no_two_entries_of_any_feed_share_a_timestamp_and_archives_are_schema_valid() {
    let project = crowded_day();
    let output = project.build();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let tree = common::read_tree(&project.feeds());
    assert!(tree.contains_key(Path::new("archive/atom-2.xml")));
    assert!(tree.contains_key(Path::new("big/archive/atom-30.xml")));
    // Atom and RSS: no DuplicateUpdated, no shared published or pubDate;
    // only the 1987 issue's dates are implausible to the validator, and
    // they stay as printed.
    assert_valid_but(&project.feeds(), |p| {
        p.starts_with("ImplausibleDate") && (p.contains("1987-05-0") || p.contains("May 1987"))
    });
    let twin = std::fs::read_to_string(project.feeds().join("twin/atom.xml")).unwrap();
    assert!(twin.contains("<published>1987-05-04T06:00:00+08:00</published>"));
    // JSON Feed too.
    for (path, _) in tree
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "json"))
    {
        let dates = json_dates(&project.feeds().join(path));
        let published: BTreeSet<i64> = dates.iter().map(|d| d.0).collect();
        let modified: BTreeSet<i64> = dates.iter().map(|d| d.1).collect();
        assert_eq!(published.len(), dates.len(), "{}", path.display());
        assert_eq!(modified.len(), dates.len(), "{}", path.display());
    }
    // Past 600 articles, the first page still comes before the second,
    // newest first, in every reader's sort.
    let mut dates = std::collections::BTreeMap::new();
    for path in feed_files(&project.feeds().join("big")) {
        for entry in common::parse_feed_rs(&path).entries {
            let title = entry.title.unwrap().content;
            dates.insert(title, entry.published.unwrap());
        }
    }
    let first_page_last = dates["第700条简讯"];
    let second_page: Vec<_> = dates
        .iter()
        .filter(|(title, _)| !title.ends_with("条简讯"))
        .collect();
    assert!(!second_page.is_empty());
    assert_eq!(dates.len(), 700 + second_page.len(), "every entry is found");
    assert!(
        second_page.iter().all(|(_, d)| **d < first_page_last),
        "{second_page:?} after {first_page_last}"
    );
}

#[test]
fn every_xml_file_declares_its_encoding() {
    let project = crowded_day();
    assert!(project.build().status.success());
    let xml: Vec<_> = common::read_tree(&project.feeds())
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "xml" || e == "opml"))
        .collect();
    assert!(xml.iter().any(|(p, _)| p.ends_with("feeds.opml")));
    assert!(xml.iter().any(|(p, _)| p.ends_with("archive/atom-1.xml")));
    for (path, bytes) in xml {
        assert!(
            declares_utf8(&bytes),
            "{}: {:?}",
            path.display(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)])
        );
    }
}
