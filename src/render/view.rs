//! The feed as the Atom, RSS and JSON writers all see it: its URLs and
//! links (RFC 5005 included), its entries' authors and categories, its
//! `updated`, and the marker of an archive document.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use crate::layout::{self, Format, Kind, Layout, FEED_STYLESHEET};
use crate::model::Entry;

/// RFC 5005's namespace, for `fh:archive`.
pub const FEED_HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// Extension elements by prefix and name, as both feed crates keep them.
pub type Extensions<E> = BTreeMap<String, BTreeMap<String, Vec<E>>>;

/// The XML declaration every XML document starts with. The encoding is
/// declared: a reader that loses the HTTP `Content-Type` on the way falls
/// back to ISO-8859-1 otherwise.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// Which document of a feed's history a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The subscription document, with this many archive pages behind it.
    Subscription { archives: usize },
    /// Archive page `n` of `of` (1 is the oldest).
    Archive { n: usize, of: usize },
}

impl Page {
    /// The archive page's number; none for the subscription document.
    pub fn archive_number(self) -> Option<usize> {
        match self {
            Page::Subscription { .. } => None,
            Page::Archive { n, .. } => Some(n),
        }
    }
}

/// What every document of one feed says of the feed.
pub struct FeedHead {
    pub id: String,
    pub title: String,
    pub description: String,
    pub language: String,
    /// Who the feed is by, when an entry names nobody.
    pub author: String,
    /// The feed's folder in the output (`""` or `<slug>/`).
    pub dir: String,
}

/// One feed document, as the Atom, RSS and JSON writers see it.
pub struct Feed<'a> {
    pub head: &'a FeedHead,
    pub layout: Layout<'a>,
    pub hub: Option<&'a str>,
    pub page: Page,
    /// Newest first.
    pub entries: Vec<&'a Entry>,
    /// Publication titles by slug, for categories and authorless entries.
    pub publication_titles: &'a BTreeMap<String, String>,
}

/// A link of a feed's: where, what relation, and the media type.
pub struct Link {
    pub href: String,
    pub rel: &'static str,
    pub media_type: Option<&'static str>,
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

    /// The categories of an entry: its publication and its column.
    pub fn categories<'e>(&'e self, entry: &'e Entry) -> Vec<&'e str> {
        let mut terms = vec![self.publication_title(entry)];
        terms.extend(entry.article.column.as_deref());
        terms
    }

    /// The entry's authors: its writers, or the publication when none is
    /// named.
    pub fn authors<'e>(&'e self, entry: &'e Entry) -> Vec<&'e str> {
        if entry.article.authors.is_empty() {
            vec![self.publication_title(entry)]
        } else {
            entry.article.authors.iter().map(String::as_str).collect()
        }
    }

    /// The feed's HTML page.
    pub fn home_url(&self) -> String {
        self.layout.url(&self.head.dir)
    }

    fn url_of(&self, format: Format, archive_page: Option<usize>) -> String {
        self.layout.url(&format.path(&self.head.dir, archive_page))
    }

    /// This document's own URL.
    pub fn self_url(&self, format: Format) -> String {
        self.url_of(format, self.page.archive_number())
    }

    /// The subscription document's URL (RFC 5005 `current`).
    pub fn current_url(&self, format: Format) -> String {
        self.url_of(format, None)
    }

    /// The next older archive page (RFC 5005 `prev-archive`).
    pub fn prev_archive(&self, format: Format) -> Option<String> {
        match self.page {
            Page::Subscription { archives } if archives > 0 => {
                Some(self.url_of(format, Some(archives)))
            }
            Page::Archive { n, .. } if n > 1 => Some(self.url_of(format, Some(n - 1))),
            _ => None,
        }
    }

    /// The next newer archive page (RFC 5005 `next-archive`).
    pub fn next_archive(&self, format: Format) -> Option<String> {
        match self.page {
            Page::Archive { n, of } if n < of => Some(self.url_of(format, Some(n + 1))),
            _ => None,
        }
    }

    pub fn is_archive(&self) -> bool {
        matches!(self.page, Page::Archive { .. })
    }

    /// The feed stylesheet, relative to this document (which may be read
    /// from any address).
    pub fn stylesheet_href(&self, format: Format) -> String {
        let path = format.path(&self.head.dir, self.page.archive_number());
        layout::relative(&path, FEED_STYLESHEET)
    }

    /// The feed's links: itself, its HTML page, its place in the archive
    /// (RFC 5005) and its WebSub hub, for any of the three formats.
    pub fn links(&self, format: Format) -> Vec<Link> {
        let link = |href, rel, media_type| Link {
            href,
            rel,
            media_type,
        };
        let own = Some(format.media_type());
        let mut links = vec![
            link(self.self_url(format), "self", own),
            link(self.home_url(), "alternate", Some(Kind::Page.media_type())),
        ];
        if self.is_archive() {
            links.push(link(self.current_url(format), "current", own));
        }
        if let Some(url) = self.prev_archive(format) {
            links.push(link(url, "prev-archive", own));
        }
        if let Some(url) = self.next_archive(format) {
            links.push(link(url, "next-archive", own));
        }
        if let Some(hub) = self.hub {
            links.push(link(hub.to_string(), "hub", None));
        }
        links
    }

    /// The `fh` namespace declaration an archive document (RFC 5005 §4)
    /// needs; none for a subscription document.
    pub fn archive_namespaces(&self) -> BTreeMap<String, String> {
        if self.is_archive() {
            BTreeMap::from([("fh".to_string(), FEED_HISTORY_NS.to_string())])
        } else {
            BTreeMap::new()
        }
    }

    /// The `fh` namespace declaration and the `<fh:archive/>` element that
    /// mark an archive document (RFC 5005 §4), built with a feed crate's
    /// own extension type; nothing for a subscription document.
    pub fn archive_marker<E>(
        &self,
        element: impl FnOnce(String) -> E,
    ) -> (BTreeMap<String, String>, Extensions<E>) {
        if !self.is_archive() {
            return Default::default();
        }
        let archive = BTreeMap::from([(
            "archive".to_string(),
            vec![element("fh:archive".to_string())],
        )]);
        (
            self.archive_namespaces(),
            BTreeMap::from([("fh".to_string(), archive)]),
        )
    }
}
