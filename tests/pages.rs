//! The site people see: an article page per entry, links that work at any
//! address, the front page, publication and issue pages in the page's
//! language, and feeds a browser shows readably.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{assert_same_tree, html_links, parse_feed_rs, read_tree, resolve_link, Project};

const BASE_URL: &str = "http://localhost:8000/";

fn html_pages(feeds: &Path) -> BTreeMap<PathBuf, String> {
    read_tree(feeds)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

fn read(project: &Project, relative: &str) -> String {
    std::fs::read_to_string(project.feeds().join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every feed document (subscription and archive pages) in every format:
/// each entry's link, by id.
fn entry_links(project: &Project) -> Vec<(PathBuf, BTreeMap<String, String>)> {
    read_tree(&project.feeds())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "json"))
        .map(|p| project.feeds().join(p))
        .map(|path| {
            let feed = parse_feed_rs(&path);
            let links = feed
                .entries
                .iter()
                .map(|e| {
                    let link = e
                        .links
                        .iter()
                        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                        .unwrap_or_else(|| {
                            panic!("{}: entry {} has no link", path.display(), e.id)
                        });
                    (e.id.clone(), link.href.clone())
                })
                .collect();
            (path, links)
        })
        .collect()
}

#[test]
fn every_entry_links_to_a_page_of_its_own() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let mut page_of: BTreeMap<String, String> = BTreeMap::new();
    let documents = entry_links(&project);
    let papers = std::fs::read_dir(project.path("seeds")).unwrap().count();
    assert_eq!(
        documents.len(),
        (papers + 1) * ["atom.xml", "rss.xml", "feed.json"].len(),
        "each format, site-wide and per paper"
    );
    for (path, links) in documents {
        let distinct: BTreeSet<&String> = links.values().collect();
        assert_eq!(
            distinct.len(),
            links.len(),
            "{}: shared links",
            path.display()
        );
        for (id, link) in links {
            assert!(!link.contains('#'), "{link}: a page, not a fragment");
            let relative = link.strip_prefix(BASE_URL).expect("feeds link absolutely");
            let page = read(&project, relative);
            assert!(page.contains("<article>"), "{relative} is an article page");
            // Atom, RSS and JSON, site-wide and per paper, agree.
            let known = page_of.entry(id.clone()).or_insert_with(|| link.clone());
            assert_eq!(*known, link, "{id} links to one page everywhere");
        }
    }
    assert_eq!(page_of.len(), 45);
    // An article page shows what the entry shows: headline, byline, date
    // and page, full text with subheads.
    let feed = parse_feed_rs(&project.feeds().join("rmrb/atom.xml"));
    let first = &feed.entries[0];
    let page = read(
        &project,
        first.links[0].href.strip_prefix(BASE_URL).unwrap(),
    );
    let title = first.title.as_ref().unwrap().content.as_str();
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
    assert!(page.contains("李旨"));
    assert!(page.contains("2023年4月10日 星期一"));
    assert!(page.contains("第1版"));
    assert!(page.contains("<h3>打造温馨驿站 开展关爱服务</h3>"));
    assert!(page.contains("rel=\"next\""), "a link to the next article");
    assert!(
        page.contains("href=\"../2023-04-10.html#"),
        "a link back to its issue"
    );
}

#[test]
fn entry_ids_never_change_when_links_do() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let ids: BTreeSet<String> = entry_links(&project)
        .into_iter()
        .flat_map(|(_, links)| links.into_keys())
        .collect();
    let recorded: BTreeSet<String> =
        std::fs::read_to_string(common::project_root().join("tests/fixtures/entry-ids.txt"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
    assert_eq!(
        ids, recorded,
        "the ids published before entries linked to article pages"
    );
}

#[test]
fn no_html_page_links_to_base_url_and_every_link_resolves_on_disk() {
    let project = Project::with_seeds();
    // A base URL that is not where the files are: links must not need it.
    let config = read_config(&project).replace(BASE_URL, "https://news.example.org/paper/");
    project.write("paperboy.toml", &config);
    assert!(project.build().status.success());
    let pages = html_pages(&project.feeds());
    assert!(pages.len() > 50, "article pages are written");
    for (path, html) in &pages {
        for link in html_links(html) {
            assert!(
                !link.contains("://") && !link.starts_with('/'),
                "{}: {link} is not relative",
                path.display()
            );
            let (target, fragment) = resolve_link(path, &link);
            let target_path = project.feeds().join(&target);
            assert!(
                target_path.is_file(),
                "{}: {link} → {target} is missing",
                path.display()
            );
            if let Some(fragment) = fragment {
                let text = std::fs::read_to_string(&target_path).unwrap();
                assert!(
                    text.contains(&format!("id=\"{fragment}\"")),
                    "{}: {link}",
                    path.display()
                );
            }
        }
        assert!(
            !html.contains("href=\"https://news.example.org"),
            "{}",
            path.display()
        );
    }
    // Feeds keep absolute links, as the specs require.
    let atom = read(&project, "atom.xml");
    assert!(atom.contains("href=\"https://news.example.org/paper/"));
}

fn read_config(project: &Project) -> String {
    std::fs::read_to_string(project.path("paperboy.toml")).unwrap()
}

#[test]
fn the_front_page_lists_the_newest_articles_then_the_papers() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let index = read(&project, "index.html");
    let feed = parse_feed_rs(&project.feeds().join("atom.xml"));
    let newest: Vec<String> = feed
        .entries
        .iter()
        .take(30)
        .map(|e| e.links[0].href.strip_prefix(BASE_URL).unwrap().to_string())
        .collect();
    assert_eq!(newest.len(), 30);
    let listed: Vec<String> = html_links(&index)
        .into_iter()
        .filter(|l| l.matches('/').count() == 2)
        .collect();
    assert_eq!(listed, newest, "the newest 30 articles, newest first");
    let summary = feed.entries[0].summary.as_ref().unwrap().content.clone();
    assert!(index.contains(&summary), "with their summaries");
    let papers = index.find("<ul class=\"papers\">").unwrap();
    for (paper, issue) in [
        ("rmrb/index.html", "rmrb/2023-04-10.html"),
        ("wenzhou/index.html", "wenzhou/2023-10-17.html"),
        ("zjgrrb/index.html", "zjgrrb/2024-03-04.html"),
    ] {
        let at = index.find(&format!("href=\"{paper}\"")).unwrap();
        assert!(at > papers);
        assert!(index[at..].contains(&format!("href=\"{issue}\"")));
    }
    assert!(index.contains("3期"), "counts in the page's language");
}

#[test]
fn pages_speak_their_language_and_link_neighbouring_issues() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    for (path, html) in html_pages(&project.feeds()) {
        for english in [" issues", " issue<", " articles", " article<", "page 1"] {
            assert!(!html.contains(english), "{}: {english}", path.display());
        }
    }
    let listing = read(&project, "wenzhou/index.html");
    assert!(listing.contains("2023年10月"), "months as headings");
    assert!(listing.contains("10月17日 星期二"), "the weekday");
    let issue = read(&project, "wenzhou/2023-01-13.html");
    assert!(issue.contains("rel=\"prev\" href=\"2021-12-28.html\""));
    assert!(issue.contains("rel=\"next\" href=\"2023-10-17.html\""));
    assert!(issue.contains("篇") && issue.contains("第1版"));
    // The issue page is a table of contents: headlines and summaries, and
    // the full text is on the article pages only.
    let feed = parse_feed_rs(&project.feeds().join("wenzhou/atom.xml"));
    let entry = feed
        .entries
        .iter()
        .find(|e| e.links[0].href.contains("2023-01-13/"))
        .unwrap();
    let summary = &entry.summary.as_ref().unwrap().content;
    assert!(issue.contains(summary.as_str()));
    assert!(!issue.contains("<article"));
    // Every page tells what a feed is and offers its address to copy.
    assert!(issue.contains("订阅源（feed）"));
    assert!(issue.contains("value=\"http://localhost:8000/wenzhou/atom.xml\""));
}

#[test]
fn a_long_archive_is_listed_by_month_with_headlines() {
    let project = Project::with_repeated_seeds(2022, 3, 20);
    for day in 1..=15 {
        std::fs::copy(
            project.path("seeds/zjgrrb/2024-03-04-01.txt"),
            project.path(&format!("seeds/zjgrrb/2022-02-{day:02}.txt")),
        )
        .unwrap();
    }
    assert!(project.build().status.success());
    let listing = read(&project, "zjgrrb/index.html");
    let issue_links = html_links(&listing)
        .into_iter()
        .filter(|l| l.starts_with("20") && l.len() == "2022-03-01.html".len())
        .count();
    assert_eq!(issue_links, 31, "the newest issues, linked by day");
    assert!(listing.contains("href=\"2022-02.html\"") && listing.contains("15期"));
    let february = read(&project, "zjgrrb/2022-02.html");
    assert!(february.contains("2月1日 星期二") && february.contains("2月15日 星期二"));
    assert!(
        html_links(&february)
            .iter()
            .any(|l| l.starts_with("2022-02-01/a-")),
        "headlines link to article pages"
    );
}

#[test]
fn article_pages_follow_their_issue_in_incremental_builds() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let articles = project.feeds().join("wenzhou/2023-01-13");
    let entries = parse_feed_rs(&project.feeds().join("wenzhou/atom.xml"))
        .entries
        .into_iter()
        .filter(|e| e.links[0].href.contains("/2023-01-13/"))
        .count();
    assert_eq!(
        std::fs::read_dir(&articles).unwrap().count(),
        entries,
        "a page for each of the issue's articles"
    );
    std::fs::remove_file(project.path("seeds/wenzhou/2023-01-13.txt")).unwrap();
    assert!(project.build().status.success());
    assert!(
        !articles.exists(),
        "the issue's article pages and folder are gone"
    );
    let issue = read(&project, "wenzhou/2021-12-28.html");
    assert!(
        issue.contains("rel=\"next\" href=\"2023-10-17.html\""),
        "the neighbour re-rendered"
    );
    let fresh = Project::with_seeds();
    std::fs::remove_file(fresh.path("seeds/wenzhou/2023-01-13.txt")).unwrap();
    assert!(fresh.build().status.success());
    assert_same_tree(
        &read_tree(&fresh.feeds()),
        &read_tree(&project.feeds()),
        "a fresh build without the page (first) and the incremental one (second)",
    );
}

#[test]
fn feeds_name_a_css_stylesheet_that_exists() {
    let project = Project::with_seeds();
    let config = read_config(&project);
    project.write("paperboy.toml", &format!("{config}feed_entries = 10\n"));
    assert!(project.build().status.success());
    let xml: Vec<PathBuf> = read_tree(&project.feeds())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    assert!(xml.iter().any(|p| p.starts_with("wenzhou/archive")));
    for path in xml {
        let text = read(&project, &path.to_string_lossy());
        let doc = roxmltree::Document::parse(&text).unwrap();
        let instruction = doc
            .root()
            .children()
            .find_map(|n| n.pi().filter(|pi| pi.target == "xml-stylesheet"))
            .unwrap_or_else(|| panic!("{}: no stylesheet", path.display()));
        let value = instruction.value.unwrap();
        assert!(value.starts_with("type=\"text/css\" href=\""), "{value}");
        let href = value.split('"').nth(3).unwrap();
        let (target, _) = resolve_link(&path, href);
        assert_eq!(target, "feed.css", "{}", path.display());
    }
    assert!(read(&project, "feed.css").contains("entry"));
}
