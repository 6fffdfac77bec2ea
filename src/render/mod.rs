//! Entries → the output folder's files: feeds (Atom, RSS, JSON Feed) with
//! their RFC 5005 archives, HTML pages, OPML. Pure: every renderer returns
//! bytes, and `publish` writes them.
//!
//! The parts: [`plan`] makes the jobs (with [`signature`]s), [`history`]
//! cuts feeds into documents, [`view`] is the feed the three formats
//! ([`atom`], [`rss`], [`json`]) write, [`pages`] (in [`labels`]' words)
//! and [`opml`] the rest, [`html`] and [`feed_style`] what pages and feeds
//! share. [`Plan::render`], here, renders one job.

pub mod atom;
pub mod feed_style;
pub mod history;
pub mod html;
pub mod json;
pub mod labels;
pub mod opml;
pub mod pages;
pub mod plan;
pub mod rss;
pub mod signature;
pub mod view;

use std::collections::{hash_map, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::identity;
use crate::layout::{Format, Layout};
use crate::model::{Article, Entry, Issue, PageMeta, Paper};
use history::{entry_budget, within_budget};
use plan::{Document, EntryRef, FeedPlan, FRONT_PAGE_ARTICLES, RECENT_ISSUES};
pub use plan::{Job, Plan};
pub use signature::RENDERING;
use view::{Feed, Page};

/// Gives a page's articles, in page order (the build reads them from the
/// page's text record).
pub type TextLoader<'a> = dyn Fn(&Paper, &PageMeta) -> Result<Vec<Article>> + Sync + 'a;

impl Plan<'_> {
    fn layout(&self) -> Layout<'_> {
        Layout {
            base_url: &self.site.base_url,
        }
    }

    /// Renders one job's files (as [`Job::files`] names them). `load`
    /// gives a page's articles.
    pub fn render(&self, job: &Job, load: &TextLoader<'_>) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let (site, layout) = (self.site, self.layout());
        let files = job.files();
        let one = |bytes: Vec<u8>| Ok(vec![(files[0].clone(), bytes)]);
        match job.document {
            Document::Feed {
                feed,
                page,
                ref entries,
                unarchived,
            } => self.feed_documents(
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
                one(self.publication_page(&self.papers[paper], load)?)
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
            Document::Index => one(self.front_page(files, load)?),
            Document::Opml => one(opml::render(site, self.papers, &layout)),
            Document::Stylesheet => one(html::STYLESHEET.as_bytes().to_vec()),
            Document::FeedStylesheet => one(feed_style::STYLESHEET.as_bytes().to_vec()),
        }
    }

    /// A publication's page: its recent issues with their headlines, and
    /// on a long archive every month.
    fn publication_page(&self, paper: &Paper, load: &TextLoader<'_>) -> Result<Vec<u8>> {
        let issues: Vec<&[PageMeta]> = paper.issues().collect();
        let recent = issues
            .iter()
            .rev()
            .take(RECENT_ISSUES)
            .map(|pages| load_issue(paper, pages, load))
            .collect::<Result<Vec<Issue>>>()?;
        let months: Vec<pages::MonthSummary> = if issues.len() > RECENT_ISSUES {
            issues
                .chunk_by(|a, b| labels::month_of(a[0].issue) == labels::month_of(b[0].issue))
                .rev()
                .map(|month| pages::MonthSummary {
                    month: labels::month_of(month[0][0].issue),
                    issues: month.len(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(pages::publication_page(
            self.site,
            &self.layout(),
            &paper.publication,
            &recent,
            &months,
        ))
    }

    /// The front page: the newest articles, then every paper.
    fn front_page(&self, files: &[PathBuf], load: &TextLoader<'_>) -> Result<Vec<u8>> {
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
                    .map(|issue| (issue[0].issue, plan::issue_size(issue))),
            })
            .collect();
        Ok(pages::front_page(
            self.site,
            &self.layout(),
            &latest,
            &papers,
        ))
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
    fn feed_documents(
        &self,
        files: &[PathBuf],
        plan: &FeedPlan,
        page: Page,
        range: Range<usize>,
        unarchived: usize,
        load: &TextLoader<'_>,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let site = self.site;
        let layout = self.layout();
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
            head: &plan.head,
            layout,
            hub: site.hub.as_deref(),
            page,
            entries: entries.iter().collect(),
            publication_titles: &self.titles,
        };
        let mut out = Vec::new();
        for (format, file) in Format::ALL.into_iter().zip(files) {
            let mut bytes = feed_document(&feed, format)?;
            while matches!(page, Page::Subscription { .. })
                && bytes.len() > site.feed_bytes
                && feed.entries.len() > unarchived
            {
                feed.entries.pop();
                bytes = feed_document(&feed, format)?;
            }
            feed.entries = entries.iter().collect();
            out.push((file.clone(), bytes));
        }
        Ok(out)
    }
}

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

/// One feed document in one format; the XML ones name the feed stylesheet.
fn feed_document(feed: &Feed, format: Format) -> Result<Vec<u8>> {
    let styled = |xml| feed_style::with_stylesheet(xml, &feed.stylesheet_href(format));
    Ok(match format {
        Format::Atom => styled(atom::render(feed)?),
        Format::Rss => styled(rss::render(feed)?),
        Format::Json => json::render(feed),
    })
}
