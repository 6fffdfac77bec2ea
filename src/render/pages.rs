//! The site's HTML pages: the front page, a publication's page (and its
//! month pages on a long archive), an issue's table of contents, and one
//! page per article.
//!
//! Every link between pages is relative (a page knows how deep it sits), so
//! the site works at any address, from `paperboy serve --port N` and opened
//! from disk. Only the subscription boxes show feeds' absolute URLs, as text
//! to copy: a feed's address is where its `self` link says it lives.

use chrono::NaiveDate;

use crate::config::Site;
use crate::layout::{self, Format, Layout, FRONT_PAGE, OPML, PAGE_STYLESHEET};
use crate::model::{Entry, Issue, Publication};
use crate::render::html::{article_text, escape, summary};
use crate::render::labels::{month_of, Labels};

/// A page being written: its language, and the way back to the site's root.
struct Context<'a> {
    site: &'a Site,
    layout: &'a Layout<'a>,
    labels: Labels,
    /// The page's path in the output folder.
    path: String,
}

impl<'a> Context<'a> {
    fn new(site: &'a Site, layout: &'a Layout<'a>, language: &str, path: String) -> Context<'a> {
        Context {
            site,
            layout,
            labels: Labels::new(language),
            path,
        }
    }

    /// A relative link to a file given by its path in the output folder:
    /// up from this page's folder to the folder both share, then down.
    fn href(&self, target: &str) -> String {
        escape(&layout::relative(&self.path, target))
    }

    fn link(&self, path: &str, text: &str) -> String {
        format!("<a href=\"{}\">{}</a>", self.href(path), escape(text))
    }

    fn publication_link(&self, p: &Publication) -> String {
        self.link(&Layout::publication_page(&p.slug), &p.title)
    }

    fn article_href(&self, entry: &Entry) -> String {
        self.href(&Layout::article_page(
            &entry.publication,
            entry.issue,
            &entry.anchor,
        ))
    }

    /// `<link rel="alternate">` for each format of the feed in `dir`.
    fn autodiscovery(&self, title: &str, dir: &str) -> String {
        Format::ALL
            .iter()
            .map(|f| {
                format!(
                    "<link rel=\"alternate\" type=\"{}\" title=\"{} ({})\" href=\"{}\">\n",
                    f.media_type(),
                    escape(title),
                    f.name(),
                    self.href(&f.path(dir, None))
                )
            })
            .collect()
    }

    /// What a feed is, and the feed in `dir` in every format, each with
    /// its address to copy.
    fn subscribe(&self, title: &str, dir: &str) -> String {
        let words = self.labels.words;
        let mut out = format!(
            "<section class=\"subscribe\">\n<h2>{}: {}</h2>\n<p>{}</p>\n<ul>\n",
            words.subscribe,
            escape(title),
            words.what_is_a_feed
        );
        for f in Format::ALL {
            let path = f.path(dir, None);
            out.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <input readonly value=\"{}\" aria-label=\"{} {}\" onfocus=\"this.select()\"></li>\n",
                self.href(&path),
                f.name(),
                escape(&self.layout.url(&path)),
                escape(title),
                f.name()
            ));
        }
        out.push_str("</ul>\n</section>\n");
        out
    }

    /// The footer: the page's feed, and every feed of the site.
    fn footer(&self, title: &str, dir: &str) -> String {
        format!(
            "<footer>\n{}<p>{} · {}</p>\n</footer>\n",
            self.subscribe(title, dir),
            self.link(FRONT_PAGE, &self.site.title),
            self.link(OPML, self.labels.words.all_feeds)
        )
    }

    fn page(&self, language: &str, title: &str, head: &str, body: &str) -> Vec<u8> {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n{head}</head>\n<body>\n{body}</body>\n</html>\n",
            lang = escape(language),
            title = escape(title),
            css = self.href(PAGE_STYLESHEET),
        )
        .into_bytes()
    }

    /// A page of one publication's: its feeds in the head and in the footer.
    fn publication_document(
        &self,
        p: &Publication,
        title: &str,
        dir: &str,
        mut body: String,
    ) -> Vec<u8> {
        body.push_str(&self.footer(&p.title, dir));
        self.page(
            &p.language,
            title,
            &self.autodiscovery(&p.title, dir),
            &body,
        )
    }

    /// Where a page sits: the site, then the given links.
    fn breadcrumbs(&self, trail: &[String]) -> String {
        let mut out = format!(
            "<nav class=\"crumbs\">{}",
            self.link(FRONT_PAGE, &self.site.title)
        );
        for step in trail {
            out.push_str(" › ");
            out.push_str(step);
        }
        out.push_str("</nav>\n");
        out
    }

    /// An issue's line in a listing: its day, weekday and size, then its
    /// headlines.
    fn issue_listing(&self, p: &Publication, issue: &Issue) -> String {
        let headlines: Vec<String> = issue
            .entries
            .iter()
            .map(|e| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    self.article_href(e),
                    escape(&e.article.title)
                )
            })
            .collect();
        format!(
            "<li><a class=\"day\" href=\"{}\">{}</a> <span class=\"meta\">{}</span>\n<p class=\"headlines\">{}</p></li>\n",
            self.href(&Layout::issue_page(&p.slug, issue.date)),
            escape(&self.labels.day(issue.date)),
            self.labels.articles(issue.entries.len()),
            headlines.join(" · ")
        )
    }

    /// Issues (newest first) under a heading per month.
    fn issues_by_month(&self, p: &Publication, issues: &[Issue]) -> String {
        let mut out = String::new();
        for month in issues.chunk_by(|a, b| month_of(a.date) == month_of(b.date)) {
            out.push_str(&format!(
                "<h2>{}</h2>\n<ul class=\"issues\">\n",
                self.labels.month(month_of(month[0].date))
            ));
            for issue in month {
                out.push_str(&self.issue_listing(p, issue));
            }
            out.push_str("</ul>\n");
        }
        out
    }
}

/// A publication on the front page: its size and its latest issue.
pub struct PaperSummary<'a> {
    pub publication: &'a Publication,
    pub issues: usize,
    /// The latest issue's date and number of articles.
    pub latest: Option<(NaiveDate, usize)>,
}

/// `index.html`: the newest articles across papers, then the papers with
/// their latest issue.
pub fn front_page(
    site: &Site,
    layout: &Layout,
    latest: &[Entry],
    papers: &[PaperSummary],
) -> Vec<u8> {
    let cx = Context::new(site, layout, &site.language, FRONT_PAGE.into());
    let words = cx.labels.words;
    let mut head = cx.autodiscovery(&site.title, "");
    let mut body = format!(
        "<header><h1>{}</h1>\n<p>{}</p></header>\n<h2>{}</h2>\n<ul class=\"latest\">\n",
        escape(&site.title),
        escape(&site.description),
        words.latest
    );
    for entry in latest {
        let paper = papers
            .iter()
            .find(|s| s.publication.slug == entry.publication)
            .map_or(entry.publication.as_str(), |s| s.publication.title.as_str());
        body.push_str(&format!(
            "<li><a class=\"headline\" href=\"{}\">{}</a>\n<p class=\"meta\">{} · {} · {}</p>\n<p class=\"summary\">{}</p></li>\n",
            cx.article_href(entry),
            escape(&entry.article.title),
            escape(paper),
            escape(&cx.labels.date(entry.issue)),
            cx.labels.page(&entry.page),
            escape(&summary(&entry.article))
        ));
    }
    body.push_str(&format!(
        "</ul>\n<h2>{}</h2>\n<ul class=\"papers\">\n",
        words.papers
    ));
    for paper in papers {
        let p = paper.publication;
        head.push_str(&cx.autodiscovery(&p.title, &Layout::publication_dir(&p.slug)));
        let latest = paper.latest.map_or_else(String::new, |(date, articles)| {
            format!(
                " — {}: {} <span class=\"meta\">{}</span>",
                words.newest_issue,
                cx.link(&Layout::issue_page(&p.slug, date), &cx.labels.date(date)),
                cx.labels.articles(articles)
            )
        });
        body.push_str(&format!(
            "<li>{} <span class=\"meta\">{}</span>{latest}</li>\n",
            cx.publication_link(p),
            cx.labels.issues(paper.issues),
        ));
    }
    body.push_str("</ul>\n");
    body.push_str(&cx.footer(&site.title, ""));
    cx.page(&site.language, &site.title, &head, &body)
}

/// A month of a long archive, with its number of issues.
pub struct MonthSummary {
    pub month: (i32, u32),
    pub issues: usize,
}

/// `<slug>/index.html`: the newest issues with weekday and headlines,
/// grouped by month; on a long archive, then every month (each listed on a
/// page of its own), so that the page never needs every article's text.
pub fn publication_page(
    site: &Site,
    layout: &Layout,
    p: &Publication,
    recent: &[Issue],
    months: &[MonthSummary],
) -> Vec<u8> {
    let dir = Layout::publication_dir(&p.slug);
    let cx = Context::new(site, layout, &p.language, Layout::publication_page(&p.slug));
    let mut body = cx.breadcrumbs(&[]);
    body.push_str(&format!("<h1>{}</h1>\n", escape(&p.title)));
    if let Some(d) = &p.description {
        body.push_str(&format!("<p>{}</p>\n", escape(d)));
    }
    body.push_str(&cx.issues_by_month(p, recent));
    if !months.is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2>\n<ul class=\"months\">\n",
            cx.labels.words.by_month
        ));
        for m in months {
            body.push_str(&format!(
                "<li>{} <span class=\"meta\">{}</span></li>\n",
                cx.link(
                    &Layout::month_page(&p.slug, m.month),
                    &cx.labels.month(m.month)
                ),
                cx.labels.issues(m.issues)
            ));
        }
        body.push_str("</ul>\n");
    }
    cx.publication_document(p, &p.title, &dir, body)
}

/// `<slug>/<YYYY-MM>.html`: one month of a long archive, newest issue first.
pub fn month_page(site: &Site, layout: &Layout, p: &Publication, issues: &[Issue]) -> Vec<u8> {
    let dir = Layout::publication_dir(&p.slug);
    let Some(first) = issues.first() else {
        return Vec::new();
    };
    let month = month_of(first.date);
    let cx = Context::new(
        site,
        layout,
        &p.language,
        Layout::month_page(&p.slug, month),
    );
    let title = format!("{} {}", p.title, cx.labels.month(month));
    let mut body = cx.breadcrumbs(&[cx.publication_link(p)]);
    body.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    body.push_str(&cx.issues_by_month(p, issues));
    cx.publication_document(p, &title, &dir, body)
}

impl Context<'_> {
    /// The links to an issue's previous and next issues.
    fn issue_pager(&self, p: &Publication, neighbours: Neighbours) -> String {
        let words = self.labels.words;
        let mut pager = Vec::new();
        if let Some(date) = neighbours.previous {
            pager.push(format!(
                "<a rel=\"prev\" href=\"{}\">← {} {}</a>",
                self.href(&Layout::issue_page(&p.slug, date)),
                words.previous_issue,
                escape(&self.labels.date(date))
            ));
        }
        if let Some(date) = neighbours.next {
            pager.push(format!(
                "<a rel=\"next\" href=\"{}\">{} {} →</a>",
                self.href(&Layout::issue_page(&p.slug, date)),
                words.next_issue,
                escape(&self.labels.date(date))
            ));
        }
        format!("<nav class=\"pager\">{}</nav>\n", pager.join(" "))
    }

    /// An article page's header: headline, subtitle, byline, and where
    /// the article was printed.
    fn article_header(&self, p: &Publication, date: NaiveDate, entry: &Entry) -> String {
        let a = &entry.article;
        let mut out = format!("<article>\n<header>\n<h1>{}</h1>\n", escape(&a.title));
        if let Some(subtitle) = &a.subtitle {
            out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(subtitle)));
        }
        let mut byline: Vec<String> = a.column.iter().map(|c| escape(c)).collect();
        if !a.authors.is_empty() {
            byline.push(escape(&a.authors.join(" ")));
        }
        if !byline.is_empty() {
            out.push_str(&format!("<p class=\"byline\">{}</p>\n", byline.join(" · ")));
        }
        out.push_str(&format!(
            "<p class=\"meta\">{} · {} · {}</p>\n</header>\n",
            escape(&p.title),
            escape(&self.labels.date(date)),
            self.labels.page(&entry.page)
        ));
        out
    }
}

/// An issue's neighbours in its publication.
#[derive(Debug, Clone, Copy, Default)]
pub struct Neighbours {
    pub previous: Option<NaiveDate>,
    pub next: Option<NaiveDate>,
}

/// `<slug>/<date>.html`: the issue's table of contents, page by page: each
/// article's headline and summary.
pub fn issue_page(
    site: &Site,
    layout: &Layout,
    p: &Publication,
    issue: &Issue,
    neighbours: Neighbours,
) -> Vec<u8> {
    let dir = Layout::publication_dir(&p.slug);
    let cx = Context::new(
        site,
        layout,
        &p.language,
        Layout::issue_page(&p.slug, issue.date),
    );
    let words = cx.labels.words;
    let title = format!("{} {}", p.title, cx.labels.date(issue.date));
    let mut body = cx.breadcrumbs(&[cx.publication_link(p)]);
    body.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"meta\">{}</p>\n",
        escape(&title),
        cx.labels.articles(issue.entries.len())
    ));
    let pager = cx.issue_pager(p, neighbours);
    body.push_str(&pager);
    body.push_str(&format!("<h2 class=\"contents\">{}</h2>\n", words.contents));
    for page in issue.entries.chunk_by(|a, b| a.page == b.page) {
        body.push_str(&format!(
            "<section class=\"page\">\n<h3>{}</h3>\n<ul class=\"toc\">\n",
            cx.labels.page(&page[0].page)
        ));
        for entry in page {
            body.push_str(&format!(
                "<li id=\"{}\"><a class=\"headline\" href=\"{}\">{}</a>\n<p class=\"summary\">{}</p></li>\n",
                entry.anchor,
                cx.article_href(entry),
                escape(&entry.article.title),
                escape(&summary(&entry.article))
            ));
        }
        body.push_str("</ul>\n</section>\n");
    }
    body.push_str(&pager);
    cx.publication_document(p, &title, &dir, body)
}

/// `<slug>/<date>/<anchor>.html`: one article, with links to its issue and
/// to the articles before and after it.
pub fn article_page(
    site: &Site,
    layout: &Layout,
    p: &Publication,
    issue: &Issue,
    at: usize,
) -> Vec<u8> {
    let Some(entry) = issue.entries.get(at) else {
        return Vec::new();
    };
    let dir = Layout::publication_dir(&p.slug);
    let cx = Context::new(
        site,
        layout,
        &p.language,
        Layout::article_page(&p.slug, issue.date, &entry.anchor),
    );
    let words = cx.labels.words;
    let a = &entry.article;
    let issue_path = Layout::issue_page(&p.slug, issue.date);
    let mut body = cx.breadcrumbs(&[
        cx.publication_link(p),
        cx.link(&issue_path, &cx.labels.date(issue.date)),
    ]);
    body.push_str(&cx.article_header(p, issue.date, entry));
    body.push_str(&article_text(a));
    body.push_str("</article>\n<nav class=\"pager\">");
    let neighbour = |i: Option<usize>, rel: &str, label: &str| {
        i.and_then(|i| issue.entries.get(i)).map(|e| {
            format!(
                "<a rel=\"{rel}\" href=\"{}\">{label}: {}</a>",
                cx.article_href(e),
                escape(&e.article.title)
            )
        })
    };
    let links: Vec<String> = [
        neighbour(at.checked_sub(1), "prev", words.previous_article),
        Some(cx.link(
            &format!("{issue_path}#{}", entry.anchor),
            words.back_to_issue,
        )),
        neighbour(Some(at + 1), "next", words.next_article),
    ]
    .into_iter()
    .flatten()
    .collect();
    body.push_str(&links.join("\n"));
    body.push_str("</nav>\n");
    let title = format!("{} – {}", a.title, p.title);
    cx.publication_document(p, &title, &dir, body)
}
