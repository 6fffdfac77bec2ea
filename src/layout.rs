//! Where everything lives in the output folder: file names, page and feed
//! paths, URLs, and what kind of document (and media type) a path is.
//! Render writes these paths, serve and check read them.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Entry;

/// A folder's page, served when a URL names the folder.
pub const FOLDER_PAGE: &str = "index.html";

/// The front page: the site folder's page.
pub const FRONT_PAGE: &str = FOLDER_PAGE;

/// Every publication's feed, for importing into a reader.
pub const OPML: &str = "feeds.opml";

/// The pages' stylesheet.
pub const PAGE_STYLESHEET: &str = "style.css";

/// The stylesheet a browser shows a feed in.
pub const FEED_STYLESHEET: &str = "feed.css";

/// The folder of a feed's archive pages, inside the feed's folder.
const ARCHIVE_DIR: &str = "archive";

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
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    pub base_url: &'a str,
}

impl Layout<'_> {
    /// The absolute URL of a path in the output folder.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// A publication's folder: its feeds and pages.
    pub fn publication_dir(slug: &str) -> String {
        format!("{}/", url_segment(slug))
    }

    pub fn publication_page(slug: &str) -> String {
        format!("{}{FOLDER_PAGE}", Self::publication_dir(slug))
    }

    pub fn issue_page(slug: &str, issue: NaiveDate) -> String {
        format!("{}/{}.html", url_segment(slug), issue)
    }

    /// A month's page of a long archive.
    pub fn month_page(slug: &str, (year, month): (i32, u32)) -> String {
        format!("{}/{year:04}-{month:02}.html", url_segment(slug))
    }

    /// An article's page, in a folder of its issue's.
    pub fn article_page(slug: &str, issue: NaiveDate, anchor: &str) -> String {
        format!("{}/{}/{}.html", url_segment(slug), issue, anchor)
    }

    /// Where an entry links to: its article's page.
    pub fn entry_url(&self, entry: &Entry) -> String {
        self.url(&Self::article_page(
            &entry.publication,
            entry.issue,
            &entry.anchor,
        ))
    }
}

/// The three feed formats every feed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Atom,
    Rss,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Atom, Format::Rss, Format::Json];

    /// The subscription document's file name, and how an archive page's
    /// name starts and ends (`atom-3.xml`).
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Format::Atom => ("atom.xml", "atom-", ".xml"),
            Format::Rss => ("rss.xml", "rss-", ".xml"),
            Format::Json => ("feed.json", "feed-", ".json"),
        }
    }

    /// A document of the feed in folder `dir` (`""` or `<slug>/`): the
    /// subscription document, or archive page `n` (1 is the oldest).
    pub fn path(self, dir: &str, archive_page: Option<usize>) -> String {
        let (subscription, stem, extension) = self.names();
        match archive_page {
            None => format!("{dir}{subscription}"),
            Some(n) => format!("{dir}{ARCHIVE_DIR}/{stem}{n}{extension}"),
        }
    }

    /// The format of a feed document, by its path: a subscription
    /// document's name, or an archive page's in an archive folder.
    fn of_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        let in_archive = path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|dir| dir == ARCHIVE_DIR);
        Format::ALL.into_iter().find(|format| {
            let (subscription, stem, extension) = format.names();
            name == subscription
                || (in_archive
                    && name
                        .strip_prefix(stem)
                        .and_then(|rest| rest.strip_suffix(extension))
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        })
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml",
            Format::Rss => "application/rss+xml",
            Format::Json => "application/feed+json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Atom => "Atom",
            Format::Rss => "RSS",
            Format::Json => "JSON Feed",
        }
    }
}

/// What kind of document a file is, by its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Feed(Format),
    Opml,
    Page,
    Stylesheet,
    /// XML that is none of the above by its name.
    Xml,
    /// JSON that is not a feed by its name.
    Json,
    Other,
}

impl Kind {
    /// The kind of the file at `path`: a feed document by its name (see
    /// [`Format::path`]), anything else by its extension.
    pub fn of(path: &Path) -> Kind {
        if let Some(format) = Format::of_path(path) {
            return Kind::Feed(format);
        }
        match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "xml" => Kind::Xml,
            "json" => Kind::Json,
            "opml" => Kind::Opml,
            "html" => Kind::Page,
            "css" => Kind::Stylesheet,
            _ => Kind::Other,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Feed(format) => format.media_type(),
            Kind::Opml => "text/x-opml",
            Kind::Page => "text/html",
            Kind::Stylesheet => "text/css",
            Kind::Xml => "application/xml",
            Kind::Json => "application/json",
            Kind::Other => "application/octet-stream",
        }
    }

    /// The `Content-Type` the file is served with: its media type, and
    /// for text the charset every paperboy document is written in.
    pub fn content_type(self) -> String {
        match self {
            Kind::Other => self.media_type().to_string(),
            _ => format!("{}; charset=utf-8", self.media_type()),
        }
    }
}

/// A relative link from the document at path `from` to the one at `to`
/// (both in the output folder): up to the folder both share, then down.
pub fn relative(from: &str, to: &str) -> String {
    let here: Vec<&str> = from.split('/').collect();
    let there: Vec<&str> = to.split('/').collect();
    let (here_dirs, there_dirs) = (&here[..here.len() - 1], &there[..there.len() - 1]);
    let shared = here_dirs
        .iter()
        .zip(there_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let up = "../".repeat(here_dirs.len() - shared);
    format!("{up}{}", there[shared..].join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_documents_are_named_and_recognised_by_one_rule() {
        let dir = Layout::publication_dir("rmrb");
        for format in Format::ALL {
            for page in [None, Some(1), Some(12)] {
                let path = format.path(&dir, page);
                assert_eq!(Kind::of(Path::new(&path)), Kind::Feed(format), "{path}");
                let site_wide = format.path("", page);
                assert_eq!(Kind::of(Path::new(&site_wide)), Kind::Feed(format));
            }
        }
        assert_eq!(Format::Rss.path("rmrb/", Some(3)), "rmrb/archive/rss-3.xml");
        assert_eq!(Format::Json.path("", None), "feed.json");
        // Only archive folders hold numbered pages.
        assert_eq!(Kind::of(Path::new("rmrb/rss-3.xml")), Kind::Xml);
        assert_eq!(Kind::of(Path::new("archive/rss-.xml")), Kind::Xml);
        assert_eq!(Kind::of(Path::new("state.json")), Kind::Json);
    }

    #[test]
    fn media_types() {
        let served = |path: &str| Kind::of(Path::new(path)).content_type();
        assert_eq!(
            served("rmrb/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            served("rmrb/archive/rss-3.xml"),
            "application/rss+xml; charset=utf-8"
        );
        assert_eq!(
            served("archive/rss-2.xml"),
            "application/rss+xml; charset=utf-8"
        );
        assert_eq!(served("feed.json"), "application/feed+json; charset=utf-8");
        assert_eq!(served(FRONT_PAGE), "text/html; charset=utf-8");
        assert_eq!(served(OPML), "text/x-opml; charset=utf-8");
        assert_eq!(served(FEED_STYLESHEET), "text/css; charset=utf-8");
        assert_eq!(served("photo.jpg"), "application/octet-stream");
    }

    #[test]
    fn links_climb_to_the_root_from_where_the_page_sits() {
        let deep = "p/2024-01-01/a-1.html";
        assert_eq!(relative(deep, PAGE_STYLESHEET), "../../style.css");
        assert_eq!(
            relative(deep, "p/2024-01-01.html#a-1"),
            "../2024-01-01.html#a-1"
        );
        assert_eq!(relative(deep, "p/2024-01-01/a-2.html"), "a-2.html");
        assert_eq!(
            relative(deep, "q/2024-01-01/a-2.html"),
            "../../q/2024-01-01/a-2.html"
        );
        assert_eq!(relative(FRONT_PAGE, "p/index.html"), "p/index.html");
        let archive = Format::Atom.path("p/", Some(2));
        assert_eq!(relative(&archive, FEED_STYLESHEET), "../../feed.css");
    }

    #[test]
    fn urls_escape_what_a_segment_cannot_hold() {
        assert_eq!(url_segment("a b/ü"), "a%20b%2F%C3%BC");
        let layout = Layout {
            base_url: "http://example.org/news/",
        };
        assert_eq!(
            layout.url(&Layout::issue_page(
                "p q",
                NaiveDate::from_ymd_opt(2024, 1, 2).unwrap()
            )),
            "http://example.org/news/p%20q/2024-01-02.html"
        );
    }
}
