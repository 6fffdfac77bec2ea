//! A real feed reader, newsboat, subscribed to the feeds as `paperboy serve`
//! serves them: rebuilds, reorders and typo fixes show no new items, a new
//! issue shows exactly its articles, a deleted page shows no duplicate. And
//! `paperboy serve` itself, over raw HTTP.

mod common;

use std::process::Command;

use common::{header, Project, Server};

/// A newsboat profile: its subscriptions and its cache.
struct Reader {
    dir: tempfile::TempDir,
}

impl Reader {
    fn new(urls: &[String]) -> Reader {
        common::require(common::Tool::Newsboat);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("urls"), urls.join("\n") + "\n").unwrap();
        std::fs::write(dir.path().join("config"), "").unwrap();
        Reader { dir }
    }

    /// Runs newsboat with `args` on this profile's subscriptions, cache
    /// and config.
    fn newsboat(&self, args: &[&std::ffi::OsStr]) {
        let p = |f: &str| self.dir.path().join(f);
        let status = Command::new("newsboat")
            .args(args)
            .arg("-u")
            .arg(p("urls"))
            .arg("-c")
            .arg(p("cache.db"))
            .arg("-C")
            .arg(p("config"))
            .env("HOME", self.dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "newsboat {args:?}");
    }

    /// Fetches every subscription, as `newsboat -x reload` does from cron.
    fn reload(&self) {
        self.newsboat(&["-x".as_ref(), "reload".as_ref()]);
    }

    /// The rows `sql` selects from the cache, as JSON arrays.
    fn query(&self, sql: &str) -> Vec<serde_json::Value> {
        let script = "import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchall(); c.commit(); print(json.dumps(r))";
        let output = Command::new("python3")
            .args(["-c", script])
            .arg(self.dir.path().join("cache.db"))
            .arg(sql)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// (items in the cache, unread items)
    fn counts(&self) -> (usize, usize) {
        let rows = self.query("SELECT COUNT(*), COALESCE(SUM(unread), 0) FROM rss_item");
        let number = |column: usize| rows[0][column].as_u64().unwrap() as usize;
        (number(0), number(1))
    }

    /// The titles of the unread items, sorted.
    fn unread_titles(&self) -> Vec<String> {
        self.query("SELECT title FROM rss_item WHERE unread = 1 ORDER BY title")
            .iter()
            .map(|row| row[0].as_str().unwrap().to_string())
            .collect()
    }

    /// Items that stand twice in one subscription.
    fn duplicates(&self) -> Vec<serde_json::Value> {
        self.query("SELECT guid, COUNT(*) FROM rss_item GROUP BY guid, feedurl HAVING COUNT(*) > 1")
    }
}

fn edit(project: &Project, page: &str, change: impl FnOnce(String) -> String) {
    let path = project.path(page);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, change(text)).unwrap();
}

#[test]
fn newsboat_sees_only_what_is_really_new() {
    let project = Project::with_seeds();
    assert!(project.build_at("2024-06-01T00:00:00Z").status.success());
    let server = Server::start(&project, 0);
    let urls: Vec<String> = ["wenzhou/atom.xml", "rmrb/rss.xml", "zjgrrb/rss.xml"]
        .iter()
        .map(|f| format!("{}{f}", server.base))
        .collect();
    let reader = Reader::new(&urls);
    reader.reload();
    // What the subscribed documents carry, each article once.
    let articles: usize = ["wenzhou/atom.xml", "rmrb/rss.xml", "zjgrrb/rss.xml"]
        .iter()
        .map(|f| common::ids(&project.feeds().join(f)).len())
        .sum();
    assert_eq!(
        reader.counts(),
        (articles, articles),
        "every article arrives once"
    );
    // Mark everything read, as a subscriber would.
    reader.query("UPDATE rss_item SET unread = 0");

    // Rebuild with nothing changed: nothing new.
    assert!(project.build_at("2024-06-02T00:00:00Z").status.success());
    reader.reload();
    assert_eq!(
        reader.counts(),
        (articles, 0),
        "a rebuild shows nothing new"
    );

    // Reorder a page's articles and fix a typo: still nothing new.
    edit(&project, "seeds/wenzhou/2023-01-13.txt", |text| {
        let cut = text.find("关爱宣教进校园").unwrap();
        format!("{}\n\n{}", &text[cut..], &text[..cut]).replacen(
            "精心出台多条暖心举措",
            "精心出台多项暖心举措",
            1,
        )
    });
    assert!(project.build_at("2024-06-03T00:00:00Z").status.success());
    reader.reload();
    assert_eq!(
        reader.counts(),
        (articles, 0),
        "no item appears twice or unread after a reorder and a typo fix"
    );
    assert_eq!(reader.duplicates(), [] as [serde_json::Value; 0]);

    // A new issue: exactly its articles are new.
    let new_issue = [
        (
            "北方春耕全面展开",
            "本报记者 王小明",
            "春耕时节,田间地头一片繁忙。",
        ),
        (
            "城市书房延长开放",
            "李小红",
            "城市书房从本周起延长开放时间。",
        ),
    ];
    let page: Vec<String> = new_issue
        .iter()
        .map(|(title, byline, body)| format!("{title}\n\n{byline}\n\n{body}"))
        .collect();
    project.write("seeds/rmrb/2023-04-11.txt", &(page.join("\n\n") + "\n"));
    assert!(project.build_at("2024-06-04T00:00:00Z").status.success());
    reader.reload();
    let total = articles + new_issue.len();
    assert_eq!(reader.counts(), (total, new_issue.len()));
    let mut new_titles: Vec<&str> = new_issue.iter().map(|(title, _, _)| *title).collect();
    new_titles.sort();
    assert_eq!(
        reader.unread_titles(),
        new_titles,
        "the new issue's articles, and only those, are unread"
    );
    reader.query("UPDATE rss_item SET unread = 0");

    // A page deleted: no duplicate appears, nothing shows as new.
    std::fs::remove_file(project.path("seeds/zjgrrb/2024-03-04-01.txt")).unwrap();
    assert!(project.build_at("2024-06-05T00:00:00Z").status.success());
    reader.reload();
    assert_eq!(reader.counts(), (total, 0));
    assert_eq!(reader.duplicates(), [] as [serde_json::Value; 0]);
}

#[test]
fn a_browser_gets_feeds_as_plain_xml_to_show_them_with_their_stylesheet() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let server = Server::start(&project, 0);
    let browser = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n";
    let reader = "Accept: application/atom+xml, application/rss+xml;q=0.9, */*;q=0.1\r\n";
    for (path, kind) in [
        ("/atom.xml", "application/atom+xml"),
        ("/rmrb/rss.xml", "application/rss+xml"),
    ] {
        let (code, head, body) = server.get(path, browser);
        assert_eq!(code, 200, "{path}");
        assert!(
            header(&head, "Content-Type")
                .unwrap()
                .starts_with("application/xml"),
            "{path} for a browser: {head}"
        );
        assert_eq!(header(&head, "Vary"), Some("Accept"), "{path}");
        assert!(String::from_utf8(body)
            .unwrap()
            .contains("<?xml-stylesheet type=\"text/css\""));
        let (_, head, _) = server.get(path, reader);
        assert!(
            header(&head, "Content-Type").unwrap().starts_with(kind),
            "{path} for a feed reader: {head}"
        );
    }
}

#[test]
fn serve_answers_with_feed_types_validators_and_304s() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let server = Server::start(&project, 0);
    // The file a path serves, dated `time`.
    let set_modified = |path: &str, time: std::time::SystemTime| {
        let mut file = project.feeds().join(path.trim_start_matches('/'));
        if path.ends_with('/') {
            file.push("index.html");
        }
        let file = std::fs::File::options().write(true).open(file).unwrap();
        file.set_modified(time).unwrap();
    };
    let now = std::time::SystemTime::now();
    for (path, kind) in [
        ("/atom.xml", "application/atom+xml"),
        ("/rmrb/rss.xml", "application/rss+xml"),
        ("/zjgrrb/feed.json", "application/feed+json"),
        ("/", "text/html"),
        ("/feeds.opml", "text/x-opml"),
    ] {
        // Written a while ago: its Last-Modified second has passed.
        set_modified(path, now - std::time::Duration::from_secs(10));
        let (code, head, body) = server.get(path, "");
        assert_eq!(code, 200, "{path}");
        assert!(
            header(&head, "Content-Type").unwrap().starts_with(kind),
            "{path}: {head}"
        );
        assert!(!body.is_empty());
        let etag = header(&head, "ETag").unwrap().to_string();
        let modified = header(&head, "Last-Modified").unwrap().to_string();
        let (code, _, body) = server.get(path, &format!("If-None-Match: {etag}\r\n"));
        assert_eq!((code, body.len()), (304, 0), "{path} with its ETag");
        let (code, _, _) = server.get(path, &format!("If-Modified-Since: {modified}\r\n"));
        assert_eq!(code, 304, "{path} since its Last-Modified");
        let (code, _, _) = server.get(path, "If-None-Match: \"stale\"\r\n");
        assert_eq!(code, 200);
    }
    // A file written within the current second may change again within
    // it: no Last-Modified yet, and a date does not stand for it.
    set_modified("/atom.xml", now + std::time::Duration::from_secs(60));
    let (code, head, _) = server.get("/atom.xml", "");
    assert_eq!(code, 200);
    assert!(header(&head, "ETag").is_some());
    assert_eq!(header(&head, "Last-Modified"), None, "{head}");
    let later = "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n";
    assert_eq!(server.get("/atom.xml", later).0, 200);
    assert_eq!(server.get("/../Cargo.toml", "").0, 404);
    // The build's state is there on disk, and never served.
    assert!(project.feeds().join(".paperboy/last-build.json").is_file());
    assert_eq!(server.get("/.paperboy/last-build.json", "").0, 404);
    assert_eq!(server.get("/nothing.xml", "").0, 404);
}

#[test]
fn pages_and_every_link_on_them_work_under_serve_on_another_port() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let server = Server::start(&project, 0);
    assert!(
        !server.base.contains(":8000/"),
        "not the configured address"
    );
    // Crawl from the front page, following every link between pages.
    let mut seen = std::collections::BTreeSet::from(["index.html".to_string()]);
    let mut queue = vec!["index.html".to_string()];
    while let Some(page) = queue.pop() {
        let (code, _, body) = server.get(&format!("/{page}"), "");
        assert_eq!(code, 200, "{page}");
        if !page.ends_with(".html") {
            continue;
        }
        for link in common::html_links(&String::from_utf8(body).unwrap()) {
            let (target, _) = common::resolve_link(std::path::Path::new(&page), &link);
            if seen.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    for kind in ["style.css", "rmrb/atom.xml", "feeds.opml"] {
        assert!(seen.contains(kind), "{kind} is linked");
    }
    assert!(
        seen.iter().filter(|p| p.contains("/a-")).count() == 45,
        "every article page is reachable"
    );
}

#[test]
fn importing_the_opml_shows_each_article_once() {
    let project = Project::with_seeds();
    // The feeds' links must reach the server, so the site is built for the
    // address it is served at.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write(
        "paperboy.toml",
        &config.replace(
            "http://localhost:8000/",
            &format!("http://127.0.0.1:{port}/"),
        ),
    );
    assert!(project.build().status.success());
    let server = Server::start(&project, port);
    let reader = Reader::new(&[]);
    reader.newsboat(&[
        "-i".as_ref(),
        project.feeds().join("feeds.opml").as_os_str(),
    ]);
    let urls = std::fs::read_to_string(reader.dir.path().join("urls")).unwrap();
    let subscriptions: Vec<&str> = urls
        .lines()
        .filter(|l| l.starts_with("http"))
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let papers = std::fs::read_dir(project.path("seeds")).unwrap().count();
    assert_eq!(subscriptions.len(), papers, "one per paper: {urls}");
    assert!(subscriptions.iter().all(|u| u.starts_with(&server.base)
        && u.ends_with("/atom.xml")
        && *u != format!("{}atom.xml", server.base)));
    reader.reload();
    let entries = common::ids(&project.feeds().join("atom.xml")).len();
    assert_eq!(
        reader.counts(),
        (entries, entries),
        "every article arrives once"
    );
    assert_eq!(
        reader.query("SELECT COUNT(*) FROM rss_feed f WHERE NOT EXISTS (SELECT 1 FROM rss_item i WHERE i.feedurl = f.rssurl)"),
        [serde_json::json!([0])],
        "no empty subscription"
    );
}
