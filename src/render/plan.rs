//! The plan of the output folder: every document as a job, with the files
//! it makes (their paths fixed when it is planned) and its signature,
//! planned from the entries' metadata alone.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Site;
use crate::identity::{self, feed_id};
use crate::layout::{Format, Layout, FEED_STYLESHEET, FRONT_PAGE, OPML, PAGE_STYLESHEET};
use crate::model::{EntryMeta, PageMeta, Paper, Publication};
use crate::render::history::{entry_budget, paginate};
use crate::render::labels::month_of;
use crate::render::pages::Neighbours;
use crate::render::signature::{Signature, RENDERING};
use crate::render::view::{FeedHead, Page};
use crate::render::{feed_style, html};

/// How many of the newest articles the front page lists.
pub(super) const FRONT_PAGE_ARTICLES: usize = 30;

/// How many of the newest issues a publication's page lists with their
/// headlines; a longer archive is listed by month, a page per month.
pub(super) const RECENT_ISSUES: usize = 31;

/// A feed: what its documents say of it, and its entries.
pub(super) struct FeedPlan {
    pub head: FeedHead,
    /// Newest first.
    pub entries: Vec<EntryRef>,
}

/// An entry of a paper, by position: 12 bytes, so that ordering the
/// feeds of a large paper stays small.
#[derive(Debug, Clone, Copy)]
pub(super) struct EntryRef {
    pub paper: u32,
    pub page: u32,
    pub entry: u32,
}

impl EntryRef {
    pub fn meta(self, papers: &[Paper]) -> &EntryMeta {
        &papers[self.paper as usize].pages[self.page as usize].entries[self.entry as usize]
    }
}

/// What a job renders.
#[derive(Debug, Clone)]
pub(super) enum Document {
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
        neighbours: Neighbours,
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

/// A unit of rendering: a document (in one or more formats), the files it
/// makes, and a signature of everything they are made from, so that a
/// build renders only what changed.
pub struct Job {
    pub signature: u128,
    pub(super) document: Document,
    /// Relative to the output folder; for a feed, one per format in
    /// [`Format::ALL`]'s order, for an issue its page and then its
    /// articles' in page order.
    files: Vec<PathBuf>,
}

impl Job {
    fn new(signature: u128, document: Document, files: Vec<String>) -> Job {
        Job {
            signature,
            document,
            files: files.into_iter().map(PathBuf::from).collect(),
        }
    }

    /// The files the job makes, relative to the output folder.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// Every document of the output folder, planned from the entries' metadata
/// alone; texts are loaded only by the jobs that run.
pub struct Plan<'a> {
    pub(super) site: &'a Site,
    pub(super) papers: &'a [Paper],
    /// Publication titles by slug.
    pub(super) titles: BTreeMap<String, String>,
    pub(super) feeds: Vec<FeedPlan>,
    pub jobs: Vec<Job>,
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

/// The site-wide feed, then one per publication, each newest first.
fn feeds(site: &Site, papers: &[Paper]) -> Vec<FeedPlan> {
    let mut feeds = vec![FeedPlan {
        head: FeedHead {
            id: feed_id("*"),
            title: site.title.clone(),
            description: site.description.clone(),
            language: site.language.clone(),
            author: site.title.clone(),
            dir: String::new(),
        },
        entries: (0..papers.len()).flat_map(|a| refs(papers, a)).collect(),
    }];
    feeds.extend(papers.iter().enumerate().map(|(a, paper)| {
        let p = &paper.publication;
        FeedPlan {
            head: FeedHead {
                id: feed_id(&p.slug),
                title: p.title.clone(),
                description: p.description.clone().unwrap_or_else(|| p.title.clone()),
                language: p.language.clone(),
                author: p.title.clone(),
                dir: Layout::publication_dir(&p.slug),
            },
            entries: refs(papers, a).collect(),
        }
    }));
    feeds
        .par_iter_mut()
        .for_each(|f| newest_first(papers, &mut f.entries));
    feeds
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
        let feeds = feeds(site, papers);
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
        jobs.push(index_job(papers, &feeds[0], base, &own));
        jobs.extend(site_files_jobs(base, settings(&[])));
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
}

pub(super) fn issue_size(pages: &[PageMeta]) -> usize {
    pages.iter().map(|p| p.entries.len()).sum()
}

/// The front page: the newest articles, and each paper's latest issue.
fn index_job(papers: &[Paper], site_feed: &FeedPlan, base: u128, own: &[u128]) -> Job {
    let mut index = Signature::new(base, "index");
    for r in site_feed.entries.iter().take(FRONT_PAGE_ARTICLES) {
        index = index
            .entry(r.meta(papers))
            .with(&own[r.paper as usize].to_le_bytes());
    }
    for paper in papers {
        index = index.with(&paper.issues().count().to_le_bytes());
        if let Some(latest) = paper.issues().next_back() {
            index = index
                .with(latest[0].issue.to_string().as_bytes())
                .with(&issue_size(latest).to_le_bytes());
        }
    }
    Job::new(index.finish(), Document::Index, vec![FRONT_PAGE.into()])
}

/// The OPML list and the two stylesheets: `base` signs what every
/// publication's settings shape, `site` what only the site's do.
fn site_files_jobs(base: u128, site: u128) -> [Job; 3] {
    [
        Job::new(
            Signature::new(base, "opml").finish(),
            Document::Opml,
            vec![OPML.into()],
        ),
        Job::new(
            Signature::new(site, html::STYLESHEET).finish(),
            Document::Stylesheet,
            vec![PAGE_STYLESHEET.into()],
        ),
        Job::new(
            Signature::new(site, feed_style::STYLESHEET).finish(),
            Document::FeedStylesheet,
            vec![FEED_STYLESHEET.into()],
        ),
    ]
}

/// The job of issue `i` of paper `a` (whose pages start at `start`): its
/// table of contents and its articles' pages.
fn issue_job(
    paper: &Paper,
    a: usize,
    base: u128,
    issues: &[&[PageMeta]],
    (i, start): (usize, usize),
) -> Job {
    let slug = &paper.publication.slug;
    let pages = issues[i];
    let date = |i: Option<usize>| i.and_then(|i| issues.get(i)).map(|pages| pages[0].issue);
    let neighbours = Neighbours {
        previous: date(i.checked_sub(1)),
        next: date(Some(i + 1)),
    };
    let signature = Signature::new(base, "issue")
        .with(slug.as_bytes())
        .pages(pages)
        .with(format!("{neighbours:?}").as_bytes());
    let issue = pages[0].issue;
    let articles = pages
        .iter()
        .flat_map(|p| &p.entries)
        .map(|e| Layout::article_page(slug, issue, &identity::anchor(&e.id.to_string())));
    Job::new(
        signature.finish(),
        Document::Issue {
            paper: a,
            pages: start..start + pages.len(),
            neighbours,
        },
        std::iter::once(Layout::issue_page(slug, issue))
            .chain(articles)
            .collect(),
    )
}

/// A publication's pages: each issue's (its table of contents and its
/// articles), the publication's own, and on a long archive one per month.
fn publication_jobs(papers: &[Paper], base: u128, a: usize) -> Vec<Job> {
    let paper = &papers[a];
    let slug = &paper.publication.slug;
    let issues: Vec<&[PageMeta]> = paper.issues().collect();
    let mut jobs = Vec::with_capacity(issues.len() + 1);
    let mut listing = Signature::new(base, "publication").with(slug.as_bytes());
    let mut start = 0;
    for (i, pages) in issues.iter().enumerate() {
        listing = listing
            .with(pages[0].issue.to_string().as_bytes())
            .with(&issue_size(pages).to_le_bytes());
        if i + RECENT_ISSUES >= issues.len() {
            listing = listing.pages(pages);
        }
        jobs.push(issue_job(paper, a, base, &issues, (i, start)));
        start += pages.len();
    }
    jobs.push(Job::new(
        listing.finish(),
        Document::Publication { paper: a },
        vec![Layout::publication_page(slug)],
    ));
    if issues.len() > RECENT_ISSUES {
        let mut start = 0;
        for month in paper
            .pages
            .chunk_by(|x, y| month_of(x.issue) == month_of(y.issue))
        {
            jobs.push(Job::new(
                Signature::new(base, "month")
                    .with(slug.as_bytes())
                    .pages(month)
                    .finish(),
                Document::Month {
                    paper: a,
                    pages: start..start + month.len(),
                },
                vec![Layout::month_page(slug, month_of(month[0].issue))],
            ));
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
        let mut signature = Signature::new(base, "feed").with(feed.head.id.as_bytes());
        for p in position {
            signature = signature.with(&p.to_le_bytes());
        }
        for r in &feed.entries[range.clone()] {
            signature = signature
                .entry(r.meta(papers))
                .with(&publications[r.paper as usize].to_le_bytes());
        }
        let files = Format::ALL
            .iter()
            .map(|f| f.path(&feed.head.dir, page.archive_number()))
            .collect();
        jobs.push(Job::new(
            signature.finish(),
            Document::Feed {
                feed: index,
                page,
                entries: range,
                unarchived: history.unarchived,
            },
            files,
        ));
    }
    jobs
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::identity::dates::tests::{paper, publication};
    use crate::layout::Kind;

    #[test]
    fn every_file_is_planned_once_by_the_job_that_makes_it() {
        let site = Site {
            feed_entries: 3,
            ..Site::default()
        };
        let papers = [
            paper(publication("a", "+08:00"), "2024-01-02", &[4, 3]),
            paper(publication("b", "+08:00"), "2024-01-02", &[2]),
        ];
        let plan = Plan::new(&site, &papers);
        let mut planned = BTreeSet::new();
        for job in &plan.jobs {
            for file in job.files() {
                assert!(planned.insert(file.clone()), "{file:?} planned twice");
            }
            let kinds: Vec<Kind> = job.files().iter().map(|f| Kind::of(f)).collect();
            match &job.document {
                Document::Feed { page, .. } => {
                    assert_eq!(kinds, Format::ALL.map(Kind::Feed));
                    let archived = job.files()[0].starts_with("archive")
                        || job.files()[0].to_string_lossy().contains("/archive/");
                    assert_eq!(archived, page.archive_number().is_some());
                }
                Document::Issue { paper, pages, .. } => {
                    let articles: usize = papers[*paper].pages[pages.clone()]
                        .iter()
                        .map(|p| p.entries.len())
                        .sum();
                    assert_eq!(kinds, vec![Kind::Page; 1 + articles]);
                }
                _ => assert_eq!(job.files().len(), 1),
            }
        }
        // Nine entries, three to a document: the site's feed has archives.
        for file in [
            "archive/atom-1.xml",
            "a/2024-01-02.html",
            "b/rss.xml",
            "index.html",
        ] {
            assert!(planned.contains(Path::new(file)), "{file} not planned");
        }
    }
}
