//! Entries → the output folder's files: feeds (Atom, RSS, JSON Feed) with
//! their RFC 5005 archives, HTML pages, OPML. Pure: every renderer returns
//! bytes, and `publish` writes them.

pub mod atom;
pub mod feed_style;
pub mod html;
pub mod json;
pub mod opml;
pub mod pages;
pub mod rss;

use std::collections::{hash_map, BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use rayon::prelude::*;

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::{self, feed_id};
use crate::model::{Article, BodyPart, Entry, EntryMeta, Issue, PageMeta, Paper, Publication};
use xxhash_rust::xxh3::Xxh3;

/// RFC 5005's namespace, for `fh:archive`.
pub const FEED_HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

/// Extension elements by prefix and name, as both feed crates keep them.
pub type Extensions<E> = BTreeMap<String, BTreeMap<String, Vec<E>>>;

/// The XML declaration every XML document starts with. The encoding is
/// declared: a reader that loses the HTTP `Content-Type` on the way falls
/// back to ISO-8859-1 otherwise.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// The `fh` namespace declaration an archive document (RFC 5005 §4) needs;
/// none for a subscription document.
pub fn archive_namespaces(feed: &Feed) -> BTreeMap<String, String> {
    if feed.is_archive() {
        BTreeMap::from([("fh".to_string(), FEED_HISTORY_NS.to_string())])
    } else {
        BTreeMap::new()
    }
}

/// The `fh` namespace declaration and the `<fh:archive/>` element that mark
/// an archive document (RFC 5005 §4), built with a feed crate's own
/// extension type; nothing for a subscription document.
pub fn archive_marker<E>(
    feed: &Feed,
    element: impl FnOnce(String) -> E,
) -> (BTreeMap<String, String>, Extensions<E>) {
    if !feed.is_archive() {
        return Default::default();
    }
    let archive = BTreeMap::from([(
        "archive".to_string(),
        vec![element("fh:archive".to_string())],
    )]);
    (
        archive_namespaces(feed),
        BTreeMap::from([("fh".to_string(), archive)]),
    )
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

    pub fn publication_page(slug: &str) -> String {
        format!("{}index.html", Self::publication_dir(slug))
    }

    pub fn issue_page(slug: &str, issue: chrono::NaiveDate) -> String {
        format!("{}/{}.html", url_segment(slug), issue)
    }

    /// A month's page of a long archive.
    pub fn month_page(slug: &str, (year, month): (i32, u32)) -> String {
        format!("{}/{year:04}-{month:02}.html", url_segment(slug))
    }

    /// An article's page, in a folder of its issue's.
    pub fn article_page(slug: &str, issue: chrono::NaiveDate, anchor: &str) -> String {
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

    /// The feed stylesheet, relative to this document (which may be read
    /// from any address).
    fn stylesheet_href(&self) -> String {
        let depth = self.dir.matches('/').count() + usize::from(self.is_archive());
        format!("{}{}", "../".repeat(depth), feed_style::FILE)
    }
}

/// About how many bytes an article takes in a feed document (escaped HTML
/// body, summary, metadata).
pub fn estimated_bytes(a: &Article) -> u32 {
    let text: usize = a
        .body
        .iter()
        .map(|p| match p {
            BodyPart::Paragraph(t) | BodyPart::Subhead(t) => t.len() + 16,
        })
        .sum::<usize>()
        + a.captions.iter().map(|c| c.text.len() + 64).sum::<usize>()
        + a.title.len() * 2;
    u32::try_from(text * 3 / 2 + 1200).unwrap_or(u32::MAX)
}

/// The most of a feed document one entry may take: an article larger than
/// this (a whole page run together, say) is shortened in feeds, which say
/// so and link to its full text on its article page.
fn entry_budget(feed_bytes: usize) -> usize {
    feed_bytes / 4
}

/// The article as feeds carry it: whole, or, when larger than `budget`,
/// its first parts up to about that size and a note saying it was
/// shortened and where the full text is.
fn within_budget(mut article: Article, budget: usize, full_text: &str) -> Article {
    if estimated_bytes(&article) as usize <= budget {
        return article;
    }
    // Escaping and markup take up to about half again the text's bytes.
    let room = budget / 2;
    let mut kept = 0;
    let mut body = Vec::new();
    for part in std::mem::take(&mut article.body) {
        let (BodyPart::Paragraph(text) | BodyPart::Subhead(text)) = &part;
        if kept + text.len() > room {
            if body.is_empty() {
                let mut end = room;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                body.push(BodyPart::Paragraph(format!("{}…", &text[..end])));
            }
            break;
        }
        kept += text.len();
        body.push(part);
    }
    body.push(BodyPart::Paragraph(format!(
        "（全文过长，此处为节选。全文：{full_text}） (Shortened for this feed; the full article: {full_text})"
    )));
    article.body = body;
    article
}

/// A feed's history, as positions in its newest-first entries: archive
/// pages (oldest first), and the subscription document's entries, of which
/// the first `unarchived` are in no archive page.
#[derive(Debug, PartialEq, Eq)]
pub struct History {
    pub archives: Vec<Range<usize>>,
    pub subscription: Range<usize>,
    pub unarchived: usize,
}

/// Cuts a feed's entries (given by their sizes, newest first) into its
/// history.
///
/// Pages are cut from the oldest entry on, closing at `max_entries` or
/// when the next entry would pass `max_bytes`; only full pages are archived.
/// New entries therefore change only the newest, unarchived part, and an
/// archive page never changes unless an entry in it does. The subscription
/// document holds every unarchived entry and, up to the same limits, the
/// newest archived ones.
pub fn paginate(sizes: &[u32], max_entries: usize, max_bytes: usize) -> History {
    let budget = max_bytes.saturating_sub(4000);
    let mut archives = Vec::new();
    // The page being filled is `i + 1..end`, growing towards the newest.
    let mut end = sizes.len();
    let (mut count, mut bytes) = (0, 0);
    for i in (0..sizes.len()).rev() {
        let size = sizes[i] as usize;
        if count > 0 && (count == max_entries || bytes + size > budget) {
            archives.push(i + 1..end);
            (end, count, bytes) = (i + 1, 0, 0);
        }
        count += 1;
        bytes += size;
    }
    if count == max_entries {
        archives.push(0..end);
        (end, bytes) = (0, 0);
    }
    let unarchived = end;
    let mut newest = unarchived;
    while newest < sizes.len() {
        let size = sizes[newest] as usize;
        if newest >= max_entries || bytes + size > budget {
            break;
        }
        newest += 1;
        bytes += size;
    }
    History {
        archives,
        subscription: 0..newest,
        unarchived,
    }
}

/// What every document of one feed shares, and its entries.
struct FeedPlan {
    id: String,
    title: String,
    description: String,
    language: String,
    author: String,
    dir: String,
    /// Newest first.
    entries: Vec<EntryRef>,
}

/// An entry of an paper, by position: 12 bytes, so that ordering the
/// feeds of a large paper stays small.
#[derive(Debug, Clone, Copy)]
struct EntryRef {
    paper: u32,
    page: u32,
    entry: u32,
}

impl EntryRef {
    fn meta(self, papers: &[Paper]) -> &EntryMeta {
        &papers[self.paper as usize].pages[self.page as usize].entries[self.entry as usize]
    }
}

/// What a job renders.
#[derive(Debug, Clone)]
enum Document {
    /// One page of a feed's history, in every format.
    Feed {
        feed: usize,
        page: Page,
        entries: Range<usize>,
        unarchived: usize,
    },
    /// An issue's table of contents and its articles' pages.
    Issue {
        paper: usize,
        pages: Range<usize>,
        neighbours: pages::Neighbours,
    },
    Publication {
        paper: usize,
    },
    /// One month of a long archive.
    Month {
        paper: usize,
        pages: Range<usize>,
    },
    Index,
    Opml,
    Stylesheet,
    FeedStylesheet,
}

/// How many of the newest articles the front page lists.
const FRONT_PAGE_ARTICLES: usize = 30;

/// How many of the newest issues a publication's page lists with their
/// headlines; a longer archive is listed by month, a page per month.
const RECENT_ISSUES: usize = 31;

/// A unit of rendering: a document (in one or more formats), and a
/// signature of everything its files are made from, so that a build renders
/// only what changed.
pub struct Job {
    pub signature: u128,
    document: Document,
}

/// Every document of the output folder, planned from the entries' metadata
/// alone; texts are loaded only by the jobs that run.
pub struct Plan<'a> {
    site: &'a Site,
    papers: &'a [Paper],
    titles: BTreeMap<String, String>,
    feeds: Vec<FeedPlan>,
    pub jobs: Vec<Job>,
}

/// Changed whenever rendering changes in a way the inputs do not show.
pub const RENDERING: &str = concat!("paperboy-rendering-3|", env!("CARGO_PKG_VERSION"));

/// Signatures: a fast 128-bit hash (XXH3) of what a document is made from.
struct Signature(Xxh3);

impl Signature {
    fn new(base: u128, kind: &str) -> Signature {
        let mut hasher = Xxh3::new();
        hasher.update(&base.to_le_bytes());
        hasher.update(kind.as_bytes());
        Signature(hasher)
    }

    fn add(mut self, bytes: &[u8]) -> Signature {
        self.0.update(bytes);
        self
    }

    fn entry(self, e: &EntryMeta) -> Signature {
        let mut bytes = [0u8; 64];
        bytes[..16].copy_from_slice(&e.id.0.to_le_bytes());
        bytes[16..32].copy_from_slice(&e.content.to_le_bytes());
        for (i, t) in [e.published, e.updated].iter().enumerate() {
            let at = 32 + i * 16;
            bytes[at..at + 8].copy_from_slice(&t.timestamp().to_le_bytes());
            bytes[at + 8..at + 12].copy_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
            bytes[at + 12..at + 16].copy_from_slice(&t.offset().local_minus_utc().to_le_bytes());
        }
        self.add(&bytes)
    }

    fn finish(self) -> u128 {
        self.0.digest128()
    }
}

/// Newest first; ties (same instant) in id order, so output is stable.
/// (Ids are unique, so an unstable sort gives one order; it also needs no
/// buffer, which counts with a million entries.)
fn newest_first(papers: &[Paper], entries: &mut [EntryRef]) {
    entries.sort_unstable_by(|a, b| {
        let (a, b) = (a.meta(papers), b.meta(papers));
        b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id))
    });
}

fn refs(papers: &[Paper], which: usize) -> impl Iterator<Item = EntryRef> + '_ {
    papers[which]
        .pages
        .iter()
        .enumerate()
        .flat_map(move |(p, page)| {
            (0..page.entries.len()).map(move |e| EntryRef {
                paper: which as u32,
                page: p as u32,
                entry: e as u32,
            })
        })
}

impl<'a> Plan<'a> {
    /// Plans the whole output folder.
    pub fn new(site: &'a Site, papers: &'a [Paper]) -> Plan<'a> {
        // Settings are hashed through their Debug form: every field counts,
        // and RENDERING carries the version that fixes the form. A
        // publication's own documents depend on its settings and the
        // site's; the site-wide ones on every publication's.
        let settings = |publications: &[&Publication]| {
            xxhash_rust::xxh3::xxh3_128(format!("{RENDERING}|{site:?}|{publications:?}").as_bytes())
        };
        let base = settings(&papers.iter().map(|a| &a.publication).collect::<Vec<_>>());
        let own: Vec<u128> = papers.iter().map(|a| settings(&[&a.publication])).collect();
        let mut feeds = vec![FeedPlan {
            id: feed_id("*"),
            title: site.title.clone(),
            description: site.description.clone(),
            language: site.language.clone(),
            author: site.title.clone(),
            dir: String::new(),
            entries: (0..papers.len()).flat_map(|a| refs(papers, a)).collect(),
        }];
        feeds.extend(papers.iter().enumerate().map(|(a, paper)| {
            let p = &paper.publication;
            FeedPlan {
                id: feed_id(&p.slug),
                title: p.title.clone(),
                description: p.description.clone().unwrap_or_else(|| p.title.clone()),
                language: p.language.clone(),
                author: p.title.clone(),
                dir: Layout::publication_dir(&p.slug),
                entries: refs(papers, a).collect(),
            }
        }));
        feeds
            .par_iter_mut()
            .for_each(|f| newest_first(papers, &mut f.entries));
        let feed_jobs: Vec<Vec<Job>> = feeds
            .par_iter()
            .enumerate()
            .map(|(f, feed)| {
                // The site's feed shows each entry with its publication's title.
                let base = f.checked_sub(1).map_or_else(|| settings(&[]), |a| own[a]);
                feed_jobs(site, papers, (base, &own), f, feed)
            })
            .collect();
        let mut jobs: Vec<Job> = feed_jobs.into_iter().flatten().collect();
        for (a, &own) in own.iter().enumerate() {
            jobs.extend(publication_jobs(papers, own, a));
        }
        let mut index = Signature::new(base, "index");
        for r in feeds[0].entries.iter().take(FRONT_PAGE_ARTICLES) {
            index = index
                .entry(r.meta(papers))
                .add(&own[r.paper as usize].to_le_bytes());
        }
        for paper in papers {
            index = index.add(&paper.issues().count().to_le_bytes());
            if let Some(latest) = paper.issues().next_back() {
                index = index
                    .add(latest[0].issue.to_string().as_bytes())
                    .add(&issue_size(latest).to_le_bytes());
            }
        }
        jobs.push(Job {
            signature: index.finish(),
            document: Document::Index,
        });
        jobs.push(Job {
            signature: Signature::new(base, "opml").finish(),
            document: Document::Opml,
        });
        jobs.push(Job {
            signature: Signature::new(settings(&[]), html::STYLESHEET).finish(),
            document: Document::Stylesheet,
        });
        jobs.push(Job {
            signature: Signature::new(settings(&[]), feed_style::STYLESHEET).finish(),
            document: Document::FeedStylesheet,
        });
        Plan {
            site,
            papers,
            titles: papers
                .iter()
                .map(|a| (a.publication.slug.clone(), a.publication.title.clone()))
                .collect(),
            feeds,
            jobs,
        }
    }

    /// The files a job makes, relative to the output folder.
    pub fn files(&self, job: &Job) -> Vec<PathBuf> {
        let one = |path: String| vec![PathBuf::from(path)];
        match job.document {
            Document::Feed { feed, page, .. } => {
                let number = match page {
                    Page::Subscription { .. } => None,
                    Page::Archive { n, .. } => Some(n),
                };
                let dir = &self.feeds[feed].dir;
                Format::ALL
                    .iter()
                    .map(|f| PathBuf::from(format!("{dir}{}", f.file(number))))
                    .collect()
            }
            Document::Issue {
                paper, ref pages, ..
            } => {
                let paper = &self.papers[paper];
                let slug = &paper.publication.slug;
                let date = paper.pages[pages.start].issue;
                let articles = paper.pages[pages.clone()]
                    .iter()
                    .flat_map(|p| &p.entries)
                    .map(|e| {
                        Layout::article_page(slug, date, &identity::anchor(&e.id.to_string()))
                    });
                std::iter::once(Layout::issue_page(slug, date))
                    .chain(articles)
                    .map(PathBuf::from)
                    .collect()
            }
            Document::Publication { paper } => one(Layout::publication_page(
                &self.papers[paper].publication.slug,
            )),
            Document::Month { paper, ref pages } => {
                let paper = &self.papers[paper];
                let month = pages::month_of(paper.pages[pages.start].issue);
                one(Layout::month_page(&paper.publication.slug, month))
            }
            Document::Index => one("index.html".into()),
            Document::Opml => one("feeds.opml".into()),
            Document::Stylesheet => one("style.css".into()),
            Document::FeedStylesheet => one(feed_style::FILE.into()),
        }
    }

    /// Renders one job's files (as [`Plan::files`] names them). `load`
    /// gives a page's articles.
    pub fn render(
        &self,
        job: &Job,
        files: &[PathBuf],
        load: &TextLoader<'_>,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let site = self.site;
        let layout = Layout {
            base_url: &site.base_url,
        };
        let one = |bytes: Vec<u8>| Ok(vec![(files[0].clone(), bytes)]);
        match job.document {
            Document::Feed {
                feed,
                page,
                ref entries,
                unarchived,
            } => self.render_feed(
                files,
                &self.feeds[feed],
                page,
                entries.clone(),
                unarchived,
                load,
            ),
            Document::Issue {
                paper,
                ref pages,
                neighbours,
            } => {
                let paper = &self.papers[paper];
                let p = &paper.publication;
                let issue = load_issue(paper, &paper.pages[pages.clone()], load)?;
                let mut out = Vec::with_capacity(files.len());
                out.push(pages::issue_page(site, &layout, p, &issue, neighbours));
                for at in 0..issue.entries.len() {
                    out.push(pages::article_page(site, &layout, p, &issue, at));
                }
                Ok(files.iter().cloned().zip(out).collect())
            }
            Document::Publication { paper } => {
                let paper = &self.papers[paper];
                let issues: Vec<&[PageMeta]> = paper.issues().collect();
                let recent = issues
                    .iter()
                    .rev()
                    .take(RECENT_ISSUES)
                    .map(|pages| load_issue(paper, pages, load))
                    .collect::<Result<Vec<Issue>>>()?;
                let months: Vec<pages::MonthSummary> = if issues.len() > RECENT_ISSUES {
                    issues
                        .chunk_by(|a, b| pages::month_of(a[0].issue) == pages::month_of(b[0].issue))
                        .rev()
                        .map(|month| pages::MonthSummary {
                            month: pages::month_of(month[0][0].issue),
                            issues: month.len(),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                one(pages::publication_page(
                    site,
                    &layout,
                    &paper.publication,
                    &recent,
                    &months,
                ))
            }
            Document::Month { paper, ref pages } => {
                let paper = &self.papers[paper];
                let issues = paper.pages[pages.clone()]
                    .chunk_by(|a, b| a.issue == b.issue)
                    .rev()
                    .map(|pages| load_issue(paper, pages, load))
                    .collect::<Result<Vec<Issue>>>()?;
                one(pages::month_page(
                    site,
                    &layout,
                    &paper.publication,
                    &issues,
                ))
            }
            Document::Index => {
                let newest = &self.feeds[0].entries;
                let latest = self.load_entries(
                    &newest[..newest.len().min(FRONT_PAGE_ARTICLES)],
                    files,
                    load,
                )?;
                let papers: Vec<pages::PaperSummary> = self
                    .papers
                    .iter()
                    .map(|a| pages::PaperSummary {
                        publication: &a.publication,
                        issues: a.issues().count(),
                        latest: a
                            .issues()
                            .next_back()
                            .map(|issue| (issue[0].issue, issue_size(issue))),
                    })
                    .collect();
                one(pages::front_page(site, &layout, &latest, &papers))
            }
            Document::Opml => one(opml::render(site, self.papers, &layout)),
            Document::Stylesheet => one(html::STYLESHEET.as_bytes().to_vec()),
            Document::FeedStylesheet => one(feed_style::STYLESHEET.as_bytes().to_vec()),
        }
    }

    /// The entries `refs` point at, each page's text loaded once.
    fn load_entries(
        &self,
        refs: &[EntryRef],
        files: &[PathBuf],
        load: &TextLoader<'_>,
    ) -> Result<Vec<Entry>> {
        let mut texts: HashMap<(u32, u32), Vec<Option<Article>>> = HashMap::new();
        let mut entries = Vec::with_capacity(refs.len());
        for r in refs {
            let paper = &self.papers[r.paper as usize];
            let page = &paper.pages[r.page as usize];
            let articles = match texts.entry((r.paper, r.page)) {
                hash_map::Entry::Occupied(o) => o.into_mut(),
                hash_map::Entry::Vacant(v) => {
                    v.insert(load(paper, page)?.into_iter().map(Some).collect())
                }
            };
            let article = articles[r.entry as usize]
                .take()
                .ok_or_else(|| Error::Render {
                    path: files[0].clone(),
                    message: format!("entry {} listed twice", page.entries[r.entry as usize].id),
                })?;
            entries.push(identity::entry(
                &paper.publication.slug,
                page,
                &page.entries[r.entry as usize],
                article,
            ));
        }
        Ok(entries)
    }

    /// A feed's document in every format. The budget was estimated; a
    /// subscription document that came out larger gives up archived entries
    /// (never unarchived ones).
    fn render_feed(
        &self,
        files: &[PathBuf],
        plan: &FeedPlan,
        page: Page,
        range: Range<usize>,
        unarchived: usize,
        load: &TextLoader<'_>,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let site = self.site;
        let layout = Layout {
            base_url: &site.base_url,
        };
        // One oversize article would take a whole subscription document's budget.
        let budget = entry_budget(site.feed_bytes);
        let entries: Vec<Entry> = self
            .load_entries(&plan.entries[range], files, load)?
            .into_iter()
            .map(|mut entry| {
                let full_text = layout.entry_url(&entry);
                entry.article = within_budget(entry.article, budget, &full_text);
                entry
            })
            .collect();
        let mut feed = Feed {
            id: plan.id.clone(),
            title: plan.title.clone(),
            description: plan.description.clone(),
            language: plan.language.clone(),
            author: plan.author.clone(),
            home_url: format!("{}{}", site.base_url, plan.dir),
            dir: plan.dir.clone(),
            base_url: &site.base_url,
            hub: site.hub.as_deref(),
            page,
            entries: entries.iter().collect(),
            publication_titles: &self.titles,
        };
        let mut out = Vec::new();
        for (format, file) in Format::ALL.into_iter().zip(files) {
            let mut bytes = render_format(&feed, format, &layout)?;
            while matches!(page, Page::Subscription { .. })
                && bytes.len() > site.feed_bytes
                && feed.entries.len() > unarchived
            {
                feed.entries.pop();
                bytes = render_format(&feed, format, &layout)?;
            }
            feed.entries = entries.iter().collect();
            out.push((file.clone(), bytes));
        }
        Ok(out)
    }
}

/// Gives a page's articles, in page order (the build reads them from the
/// page's text record).
pub type TextLoader<'a> = dyn Fn(&Paper, &PageMeta) -> Result<Vec<Article>> + Sync + 'a;

/// An issue, given by its pages, with its articles' texts.
fn load_issue(paper: &Paper, pages: &[PageMeta], load: &TextLoader<'_>) -> Result<Issue> {
    let mut entries = Vec::new();
    for page in pages {
        let articles = load(paper, page)?;
        entries.extend(
            page.entries.iter().zip(articles).map(|(meta, article)| {
                identity::entry(&paper.publication.slug, page, meta, article)
            }),
        );
    }
    Ok(Issue {
        date: pages[0].issue,
        entries,
    })
}

fn issue_size(pages: &[PageMeta]) -> usize {
    pages.iter().map(|p| p.entries.len()).sum()
}

/// The signature of the entries on `pages`, page by page.
fn pages_signature(mut signature: Signature, pages: &[PageMeta]) -> Signature {
    for page in pages {
        signature = signature.add(page.label.as_str().as_bytes());
        for e in &page.entries {
            signature = signature.entry(e);
        }
    }
    signature
}

/// A publication's pages: each issue's (its table of contents and its
/// articles), the publication's own, and on a long archive one per month.
fn publication_jobs(papers: &[Paper], base: u128, a: usize) -> Vec<Job> {
    let paper = &papers[a];
    let slug = paper.publication.slug.as_bytes();
    let issues: Vec<&[PageMeta]> = paper.issues().collect();
    let mut jobs = Vec::with_capacity(issues.len() + 1);
    let mut start = 0;
    let mut listing = Signature::new(base, "publication").add(slug);
    for (i, pages) in issues.iter().enumerate() {
        let date = |i: Option<usize>| i.and_then(|i| issues.get(i)).map(|pages| pages[0].issue);
        let neighbours = pages::Neighbours {
            previous: date(i.checked_sub(1)),
            next: date(Some(i + 1)),
        };
        let signature = pages_signature(Signature::new(base, "issue").add(slug), pages)
            .add(format!("{neighbours:?}").as_bytes());
        listing = listing
            .add(pages[0].issue.to_string().as_bytes())
            .add(&issue_size(pages).to_le_bytes());
        if i + RECENT_ISSUES >= issues.len() {
            listing = pages_signature(listing, pages);
        }
        jobs.push(Job {
            signature: signature.finish(),
            document: Document::Issue {
                paper: a,
                pages: start..start + pages.len(),
                neighbours,
            },
        });
        start += pages.len();
    }
    jobs.push(Job {
        signature: listing.finish(),
        document: Document::Publication { paper: a },
    });
    if issues.len() > RECENT_ISSUES {
        let mut start = 0;
        for month in paper
            .pages
            .chunk_by(|x, y| pages::month_of(x.issue) == pages::month_of(y.issue))
        {
            jobs.push(Job {
                signature: pages_signature(Signature::new(base, "month").add(slug), month).finish(),
                document: Document::Month {
                    paper: a,
                    pages: start..start + month.len(),
                },
            });
            start += month.len();
        }
    }
    jobs
}

/// The jobs of one feed: its subscription document and archive pages.
fn feed_jobs(
    site: &Site,
    papers: &[Paper],
    (base, publications): (u128, &[u128]),
    index: usize,
    feed: &FeedPlan,
) -> Vec<Job> {
    let most = u32::try_from(entry_budget(site.feed_bytes)).unwrap_or(u32::MAX);
    let sizes: Vec<u32> = feed
        .entries
        .iter()
        .map(|r| r.meta(papers).size.min(most))
        .collect();
    let history = paginate(&sizes, site.feed_entries, site.feed_bytes);
    let of = history.archives.len();
    let documents = std::iter::once((Page::Subscription { archives: of }, history.subscription))
        .chain(
            history
                .archives
                .into_iter()
                .enumerate()
                .map(|(i, range)| (Page::Archive { n: i + 1, of }, range)),
        );
    let mut jobs = Vec::with_capacity(of + 1);
    for (page, range) in documents {
        // An archive page shows whether a newer one follows, not how many.
        let position = match page {
            Page::Subscription { archives } => [0, archives, history.unarchived],
            Page::Archive { n, of } => [n, usize::from(n < of), 0],
        };
        let mut signature = Signature::new(base, "feed").add(feed.id.as_bytes());
        for p in position {
            signature = signature.add(&p.to_le_bytes());
        }
        for r in &feed.entries[range.clone()] {
            signature = signature
                .entry(r.meta(papers))
                .add(&publications[r.paper as usize].to_le_bytes());
        }
        jobs.push(Job {
            signature: signature.finish(),
            document: Document::Feed {
                feed: index,
                page,
                entries: range,
                unarchived: history.unarchived,
            },
        });
    }
    jobs
}

fn render_format(feed: &Feed, format: Format, layout: &Layout) -> Result<Vec<u8>> {
    let styled = |xml| feed_style::with_stylesheet(xml, &feed.stylesheet_href());
    Ok(match format {
        Format::Atom => styled(atom::render(feed, layout)?),
        Format::Rss => styled(rss::render(feed, layout)?),
        Format::Json => json::render(feed, layout),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_full_pages_from_the_oldest_and_new_entries_leave_them_alone() {
        let history = paginate(&[100; 23], 10, 1_000_000);
        assert_eq!(
            history,
            History {
                // Newest first: 0..3 are unarchived, page 1 (the oldest) is 13..23.
                archives: vec![13..23, 3..13],
                subscription: 0..10,
                unarchived: 3,
            }
        );
        // Four more entries shift positions by four; the pages hold the
        // same entries.
        let later = paginate(&[100; 27], 10, 1_000_000);
        assert_eq!(later.archives, vec![17..27, 7..17]);
        assert_eq!(later.unarchived, 7);
    }

    #[test]
    fn the_byte_budget_cuts_pages_and_every_entry_is_somewhere() {
        let sizes: Vec<u32> = (0..40).map(|i| 1500 + i * 10).collect();
        let history = paginate(&sizes, 50, 20_000);
        assert!(history.archives.len() > 1);
        let mut covered = vec![false; sizes.len()];
        for range in history.archives.iter().chain([&history.subscription]) {
            for i in range.clone() {
                covered[i] = true;
            }
        }
        assert!(covered.iter().all(|&c| c));
        for range in history.archives.iter().chain([&history.subscription]) {
            let size: u32 = sizes[range.clone()].iter().sum();
            assert!(size as usize <= 20_000 - 4000);
        }
        assert!(history.subscription.end >= history.unarchived);
    }

    #[test]
    fn a_full_last_page_is_archived_and_the_subscription_repeats_it() {
        let history = paginate(&[100; 20], 10, 1_000_000);
        assert_eq!(history.archives, vec![10..20, 0..10]);
        assert_eq!(history.unarchived, 0);
        assert_eq!(history.subscription, 0..10);
    }
}
