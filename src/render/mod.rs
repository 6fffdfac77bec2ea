//! Entries → the output folder's files: feeds, HTML pages, OPML. Pure: every
//! renderer returns bytes, and `publish` writes them.

pub mod atom;
pub mod html;
pub mod opml;
pub mod rss;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use crate::config::Site;
use crate::error::Result;
use crate::identity::feed_id;
use crate::model::{Entry, Issue, Publication};

/// A publication with its issues, oldest first.
#[derive(Debug, Clone)]
pub struct Archive {
    pub publication: Publication,
    pub issues: Vec<Issue>,
}

impl Archive {
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.issues.iter().flat_map(|i| &i.entries)
    }
}

/// Percent-encodes one URL path segment (RFC 3986 unreserved characters
/// stay as they are).
pub fn url_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where things live in the output folder, and their absolute URLs.
pub struct Layout<'a> {
    pub base_url: &'a str,
}

impl Layout<'_> {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    pub fn publication_dir(slug: &str) -> String {
        format!("{}/", url_segment(slug))
    }

    pub fn issue_page(slug: &str, issue: chrono::NaiveDate) -> String {
        format!("{}/{}.html", url_segment(slug), issue)
    }

    pub fn entry_url(&self, entry: &Entry) -> String {
        format!(
            "{}#{}",
            self.url(&Self::issue_page(&entry.publication, entry.issue)),
            entry.anchor
        )
    }
}

/// One subscription feed, as both Atom and RSS render it.
pub struct Feed<'a> {
    pub id: String,
    pub title: String,
    pub description: String,
    pub language: String,
    /// Who the feed is by, when an entry names nobody.
    pub author: String,
    pub home_url: String,
    pub atom_url: String,
    pub rss_url: String,
    /// Newest first.
    pub entries: Vec<&'a Entry>,
    /// Publication titles by slug, for categories and authorless entries.
    pub publication_titles: BTreeMap<String, String>,
}

/// A feed with nothing in it yet is dated at a fixed, plausible instant
/// rather than at the time of the run.
fn empty_feed_date() -> DateTime<FixedOffset> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .expect("valid date")
        .fixed_offset()
}

impl Feed<'_> {
    /// The feed's `updated`: its newest entry's, never the clock's.
    pub fn updated(&self) -> DateTime<FixedOffset> {
        self.entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or_else(empty_feed_date)
    }

    pub fn publication_title<'e>(&'e self, entry: &'e Entry) -> &'e str {
        self.publication_titles
            .get(&entry.publication)
            .map_or(entry.publication.as_str(), String::as_str)
    }
}

/// Newest first; ties (same instant) in id order, so output is stable.
fn newest_first<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut entries: Vec<&Entry> = entries.collect();
    entries.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    entries
}

/// Every file of the output folder, by path relative to it.
pub fn render_site(site: &Site, archives: &[Archive]) -> Result<BTreeMap<PathBuf, Vec<u8>>> {
    let layout = Layout {
        base_url: &site.base_url,
    };
    let titles: BTreeMap<String, String> = archives
        .iter()
        .map(|a| (a.publication.slug.clone(), a.publication.title.clone()))
        .collect();
    let mut files = BTreeMap::new();

    let site_feed = Feed {
        id: feed_id("*"),
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        author: site.title.clone(),
        home_url: layout.url(""),
        atom_url: layout.url("atom.xml"),
        rss_url: layout.url("rss.xml"),
        entries: newest_first(archives.iter().flat_map(Archive::entries)),
        publication_titles: titles.clone(),
    };
    write_feed(&mut files, "", &site_feed, &layout)?;

    for archive in archives {
        let p = &archive.publication;
        let dir = Layout::publication_dir(&p.slug);
        let feed = Feed {
            id: feed_id(&p.slug),
            title: p.title.clone(),
            description: p.description.clone().unwrap_or_else(|| p.title.clone()),
            language: p.language.clone(),
            author: p.title.clone(),
            home_url: layout.url(&dir),
            atom_url: layout.url(&format!("{dir}atom.xml")),
            rss_url: layout.url(&format!("{dir}rss.xml")),
            entries: newest_first(archive.entries()),
            publication_titles: titles.clone(),
        };
        write_feed(&mut files, &dir, &feed, &layout)?;
        files.insert(
            PathBuf::from(format!("{dir}index.html")),
            html::publication_page(site, archive, &layout),
        );
        for issue in &archive.issues {
            let path = Layout::issue_page(&p.slug, issue.date);
            files.insert(
                PathBuf::from(path),
                html::issue_page(site, p, issue, &layout),
            );
        }
    }
    files.insert(
        PathBuf::from("index.html"),
        html::index_page(site, archives, &layout),
    );
    files.insert(
        PathBuf::from("feeds.opml"),
        opml::render(site, archives, &layout),
    );
    files.insert(
        PathBuf::from("style.css"),
        html::STYLESHEET.as_bytes().to_vec(),
    );
    Ok(files)
}

fn write_feed(
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
    dir: &str,
    feed: &Feed,
    layout: &Layout,
) -> Result<()> {
    files.insert(
        PathBuf::from(format!("{dir}atom.xml")),
        atom::render(feed, layout)?,
    );
    files.insert(
        PathBuf::from(format!("{dir}rss.xml")),
        rss::render(feed, layout)?,
    );
    Ok(())
}
