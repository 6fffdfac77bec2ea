//! Entries → the output folder's files: feeds (Atom, RSS, JSON Feed) with
//! their RFC 5005 archives, HTML pages, OPML. Pure: every renderer returns
//! bytes, and `publish` writes them.

pub mod atom;
pub mod html;
pub mod json;
pub mod opml;
pub mod rss;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use rayon::prelude::*;

use crate::config::Site;
use crate::error::Result;
use crate::identity::feed_id;
use crate::model::{BodyPart, Entry, Issue, Publication};

/// RFC 5005's namespace, for `fh:archive`.
pub const FEED_HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// Extension elements by prefix and name, as both feed crates keep them.
pub type Extensions<E> = BTreeMap<String, BTreeMap<String, Vec<E>>>;

/// The `fh` namespace declaration and the `<fh:archive/>` element that mark
/// an archive document (RFC 5005 §4), built with a feed crate's own
/// extension type.
pub fn archive_marker<E>(
    element: impl FnOnce(String) -> E,
) -> (BTreeMap<String, String>, Extensions<E>) {
    let namespaces = BTreeMap::from([("fh".to_string(), FEED_HISTORY_NS.to_string())]);
    let archive = BTreeMap::from([(
        "archive".to_string(),
        vec![element("fh:archive".to_string())],
    )]);
    (namespaces, BTreeMap::from([("fh".to_string(), archive)]))
}

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

/// The three feed formats every feed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Atom,
    Rss,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Atom, Format::Rss, Format::Json];

    /// The document's path in its feed's folder: the subscription document,
    /// or archive page `n` (1 is the oldest).
    pub fn file(self, page: Option<usize>) -> String {
        match (self, page) {
            (Format::Atom, None) => "atom.xml".into(),
            (Format::Rss, None) => "rss.xml".into(),
            (Format::Json, None) => "feed.json".into(),
            (Format::Atom, Some(n)) => format!("archive/atom-{n}.xml"),
            (Format::Rss, Some(n)) => format!("archive/rss-{n}.xml"),
            (Format::Json, Some(n)) => format!("archive/feed-{n}.json"),
        }
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

/// Which document of a feed's history a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The subscription document, with this many archive pages behind it.
    Subscription { archives: usize },
    /// Archive page `n` of `of` (1 is the oldest).
    Archive { n: usize, of: usize },
}

/// One feed document, as the Atom, RSS and JSON renderers see it.
pub struct Feed<'a> {
    pub id: String,
    pub title: String,
    pub description: String,
    pub language: String,
    /// Who the feed is by, when an entry names nobody.
    pub author: String,
    pub home_url: String,
    /// The feed's folder in the output (`""` or `<slug>/`).
    pub dir: String,
    pub base_url: &'a str,
    pub hub: Option<&'a str>,
    pub page: Page,
    /// Newest first.
    pub entries: Vec<&'a Entry>,
    /// Publication titles by slug, for categories and authorless entries.
    pub publication_titles: &'a BTreeMap<String, String>,
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

    fn url_of(&self, format: Format, page: Option<usize>) -> String {
        format!("{}{}{}", self.base_url, self.dir, format.file(page))
    }

    /// This document's own URL.
    pub fn self_url(&self, format: Format) -> String {
        match self.page {
            Page::Subscription { .. } => self.url_of(format, None),
            Page::Archive { n, .. } => self.url_of(format, Some(n)),
        }
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
}

/// About how many bytes an entry takes in a feed document (escaped HTML
/// body, summary, metadata).
fn estimated_bytes(entry: &Entry) -> usize {
    let a = &entry.article;
    let text: usize = a
        .body
        .iter()
        .map(|p| match p {
            BodyPart::Paragraph(t) | BodyPart::Subhead(t) => t.len() + 16,
        })
        .sum::<usize>()
        + a.captions.iter().map(|c| c.text.len() + 64).sum::<usize>()
        + a.title.len() * 2;
    text * 3 / 2 + 1200
}

/// A feed's history: archive pages (oldest first, each newest first), and
/// the subscription document's entries (newest first), of which the first
/// `unarchived` are in no archive page.
pub struct History<'a> {
    pub archives: Vec<Vec<&'a Entry>>,
    pub subscription: Vec<&'a Entry>,
    pub unarchived: usize,
}

/// Cuts a feed's entries into its history.
///
/// Pages are cut from the oldest entry on, closing at `max_entries` or
/// when the next entry would pass `max_bytes`; only full pages are archived.
/// New entries therefore change only the newest, unarchived part, and an
/// archive page never changes unless an entry in it does. The subscription
/// document holds every unarchived entry and, up to the same limits, the
/// newest archived ones.
pub fn paginate<'a>(
    newest_first: &[&'a Entry],
    max_entries: usize,
    max_bytes: usize,
) -> History<'a> {
    let budget = max_bytes.saturating_sub(4000);
    let mut pages: Vec<Vec<&Entry>> = Vec::new();
    let mut current: Vec<&Entry> = Vec::new();
    let mut bytes = 0;
    for &entry in newest_first.iter().rev() {
        let size = estimated_bytes(entry);
        if !current.is_empty() && (current.len() == max_entries || bytes + size > budget) {
            pages.push(std::mem::take(&mut current));
            bytes = 0;
        }
        current.push(entry);
        bytes += size;
    }
    if current.len() == max_entries {
        pages.push(std::mem::take(&mut current));
        bytes = 0;
    }
    let unarchived = current.len();
    let mut subscription: Vec<&Entry> = current.iter().rev().copied().collect();
    for &entry in pages.iter().rev().flat_map(|p| p.iter().rev()) {
        let size = estimated_bytes(entry);
        if subscription.len() >= max_entries || bytes + size > budget {
            break;
        }
        subscription.push(entry);
        bytes += size;
    }
    for page in &mut pages {
        page.reverse();
    }
    History {
        archives: pages,
        subscription,
        unarchived,
    }
}

/// What every document of one feed shares.
struct FeedInfo<'a> {
    id: String,
    title: String,
    description: String,
    language: String,
    author: String,
    dir: String,
    entries: Vec<&'a Entry>,
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

    let mut feeds = vec![FeedInfo {
        id: feed_id("*"),
        title: site.title.clone(),
        description: site.description.clone(),
        language: site.language.clone(),
        author: site.title.clone(),
        dir: String::new(),
        entries: newest_first(archives.iter().flat_map(Archive::entries)),
    }];
    for archive in archives {
        let p = &archive.publication;
        feeds.push(FeedInfo {
            id: feed_id(&p.slug),
            title: p.title.clone(),
            description: p.description.clone().unwrap_or_else(|| p.title.clone()),
            language: p.language.clone(),
            author: p.title.clone(),
            dir: Layout::publication_dir(&p.slug),
            entries: newest_first(archive.entries()),
        });
        files.insert(
            PathBuf::from(format!("{}index.html", Layout::publication_dir(&p.slug))),
            html::publication_page(site, archive, &layout),
        );
    }
    let issue_pages: Vec<(PathBuf, Vec<u8>)> = archives
        .par_iter()
        .flat_map(|archive| {
            let p = &archive.publication;
            let layout = Layout {
                base_url: &site.base_url,
            };
            archive.issues.par_iter().map(move |issue| {
                (
                    PathBuf::from(Layout::issue_page(&p.slug, issue.date)),
                    html::issue_page(site, p, issue, &layout),
                )
            })
        })
        .collect();
    files.extend(issue_pages);
    let feed_files: Vec<Vec<(PathBuf, Vec<u8>)>> = feeds
        .par_iter()
        .map(|info| render_feed(site, info, &titles))
        .collect::<Result<_>>()?;
    files.extend(feed_files.into_iter().flatten());
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

/// Newest first; ties (same instant) in id order, so output is stable.
fn newest_first<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut entries: Vec<&Entry> = entries.collect();
    entries.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    entries
}

fn render_format(feed: &Feed, format: Format, layout: &Layout) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Atom => atom::render(feed, layout)?,
        Format::Rss => rss::render(feed, layout)?,
        Format::Json => json::render(feed, layout),
    })
}

/// Writes a feed's subscription documents and archive pages in every format.
/// A feed's subscription documents and archive pages in every format,
/// rendered in parallel.
fn render_feed(
    site: &Site,
    info: &FeedInfo,
    titles: &BTreeMap<String, String>,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let history = paginate(&info.entries, site.feed_entries, site.feed_bytes);
    let of = history.archives.len();
    let unarchived = history.unarchived;
    let documents: Vec<(Page, Vec<&Entry>)> =
        std::iter::once((Page::Subscription { archives: of }, history.subscription))
            .chain(
                history
                    .archives
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| (Page::Archive { n: i + 1, of }, p)),
            )
            .collect();
    let layout = Layout {
        base_url: &site.base_url,
    };
    let rendered: Vec<Vec<(PathBuf, Vec<u8>)>> = documents
        .into_par_iter()
        .map(|(page, entries)| {
            let number = match page {
                Page::Subscription { .. } => None,
                Page::Archive { n, .. } => Some(n),
            };
            let mut feed = Feed {
                id: info.id.clone(),
                title: info.title.clone(),
                description: info.description.clone(),
                language: info.language.clone(),
                author: info.author.clone(),
                home_url: format!("{}{}", site.base_url, info.dir),
                dir: info.dir.clone(),
                base_url: &site.base_url,
                hub: site.hub.as_deref(),
                page,
                entries,
                publication_titles: titles,
            };
            let mut out = Vec::new();
            for format in Format::ALL {
                let mut bytes = render_format(&feed, format, &layout)?;
                // The budget was estimated; a subscription document that came
                // out larger gives up archived entries (never unarchived ones).
                let all = feed.entries.clone();
                while number.is_none()
                    && bytes.len() > site.feed_bytes
                    && feed.entries.len() > unarchived
                {
                    feed.entries.pop();
                    bytes = render_format(&feed, format, &layout)?;
                }
                feed.entries = all;
                out.push((
                    PathBuf::from(format!("{}{}", info.dir, format.file(number))),
                    bytes,
                ));
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    Ok(rendered.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleKind, PageLabel};

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| {
                let date = DateTime::parse_from_rfc3339("2024-01-01T06:00:00+08:00").unwrap()
                    + chrono::Duration::seconds(i as i64);
                Entry {
                    id: format!("urn:x:{i}"),
                    anchor: String::new(),
                    publication: "p".into(),
                    issue: date.date_naive(),
                    page: PageLabel::new(None),
                    published: date,
                    updated: date,
                    content_hash: String::new(),
                    article: Article {
                        title: format!("t{i}"),
                        printed_title: true,
                        subtitle: None,
                        column: None,
                        authors: vec![],
                        body: vec![BodyPart::Paragraph("正文".repeat(50))],
                        captions: vec![],
                        kind: ArticleKind::Story,
                    },
                }
            })
            .collect()
    }

    fn ids(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(|e| e.id.clone()).collect()
    }

    #[test]
    fn archives_are_full_pages_from_the_oldest_and_new_entries_leave_them_alone() {
        let all = entries(23);
        let newest: Vec<&Entry> = all.iter().rev().collect();
        let History {
            archives: pages,
            subscription,
            unarchived,
        } = paginate(&newest, 10, 1_000_000);
        assert_eq!(unarchived, 3);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            ids(&pages[0]).last().unwrap(),
            "urn:x:0",
            "page 1 holds the oldest, newest first"
        );
        assert_eq!(pages[0].len(), 10);
        assert_eq!(ids(&subscription)[0], "urn:x:22");
        assert_eq!(
            subscription.len(),
            10,
            "3 unarchived and 7 of the newest archived"
        );
        let more = entries(27);
        let newest: Vec<&Entry> = more.iter().rev().collect();
        let later = paginate(&newest, 10, 1_000_000).archives;
        assert_eq!(ids(&later[0]), ids(&pages[0]));
        assert_eq!(ids(&later[1]), ids(&pages[1]));
    }

    #[test]
    fn the_byte_budget_cuts_pages_and_every_entry_is_somewhere() {
        let all = entries(40);
        let newest: Vec<&Entry> = all.iter().rev().collect();
        let History {
            archives: pages,
            subscription,
            ..
        } = paginate(&newest, 50, 20_000);
        assert!(pages.len() > 1);
        let mut seen: Vec<String> = pages.iter().flat_map(|p| ids(p)).collect();
        seen.extend(ids(&subscription));
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 40);
        let size: usize = subscription.iter().map(|e| estimated_bytes(e)).sum();
        assert!(size <= 20_000);
    }
}
