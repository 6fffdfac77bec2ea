//! `paperboy build` end to end: run the binary on fixture trees and read
//! what it wrote with independent parsers (feed-rs, Python's feedparser).

mod common;

use std::collections::BTreeSet;

use common::{
    assert_same_tree, feed_files, feedparser, ids, parse_feed_rs, read_tree, stderr, Project,
};

#[test]
fn seeds_build_into_every_promised_file() {
    let project = Project::with_seeds();
    let output = project.build();
    assert!(output.status.success(), "{}", stderr(&output));
    let files: BTreeSet<String> = read_tree(&project.feeds())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for expected in [
        "atom.xml",
        "rss.xml",
        "index.html",
        "feeds.opml",
        "style.css",
        "rmrb/atom.xml",
        "rmrb/rss.xml",
        "rmrb/index.html",
        "rmrb/2023-04-10.html",
        "wenzhou/atom.xml",
        "wenzhou/rss.xml",
        "wenzhou/2021-12-28.html",
        "wenzhou/2023-01-13.html",
        "wenzhou/2023-10-17.html",
        "zjgrrb/atom.xml",
        "zjgrrb/rss.xml",
        "zjgrrb/2024-03-04.html",
    ] {
        assert!(
            files.contains(expected),
            "missing feeds/{expected}; have {files:?}"
        );
    }
}

#[test]
fn every_feed_parses_with_feed_rs_and_feedparser() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let feeds = feed_files(&project.feeds());
    assert_eq!(feeds.len(), 8);
    let parsed = feedparser(&feeds);
    for feed in &feeds {
        let rs = parse_feed_rs(feed);
        assert!(!rs.entries.is_empty(), "{} has no entries", feed.display());
        let py = &parsed[feed];
        assert!(
            !py.bozo,
            "feedparser: {} is malformed: {}",
            feed.display(),
            py.bozo_exception
        );
        assert_eq!(
            py.ids,
            ids(feed),
            "feedparser and feed-rs disagree on {}",
            feed.display()
        );
        let expected_version = if feed.ends_with("atom.xml") {
            "atom10"
        } else {
            "rss20"
        };
        assert_eq!(py.version, expected_version, "{}", feed.display());
        assert!(py.titles.iter().all(|t| !t.is_empty()));
        assert!(
            py.links
                .iter()
                .all(|l| l.starts_with("http://localhost:8000/")),
            "{:?}",
            py.links
        );
        assert!(
            py.dates.iter().all(Option::is_some),
            "every entry has a date feedparser understands"
        );
    }
    let site = &parsed[&project.feeds().join("atom.xml")];
    assert_eq!(
        site.ids.len(),
        45,
        "the site-wide feed carries every article"
    );
}

#[test]
fn atom_and_rss_carry_the_same_entries() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    for dir in ["", "rmrb/", "wenzhou/", "zjgrrb/"] {
        let atom = parse_feed_rs(&project.feeds().join(format!("{dir}atom.xml")));
        let rss = parse_feed_rs(&project.feeds().join(format!("{dir}rss.xml")));
        let key = |f: &feed_rs::model::Feed| -> Vec<(String, String, Option<String>)> {
            f.entries
                .iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        e.title.as_ref().unwrap().content.clone(),
                        e.published.map(|d| d.to_rfc3339()),
                    )
                })
                .collect()
        };
        assert_eq!(
            key(&atom),
            key(&rss),
            "{dir}atom.xml and {dir}rss.xml differ"
        );
    }
}

#[test]
fn feeds_are_newest_first_and_an_issue_reads_in_page_order() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let feed = parse_feed_rs(&project.feeds().join("wenzhou/atom.xml"));
    let dates: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] > w[1]),
        "strictly newest first, no two entries at one instant"
    );
    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.as_str())
        .collect();
    assert_eq!(
        titles[0], "温州前三季度城镇新增就业7.68万人",
        "newest issue first, its first article on top"
    );
    assert_eq!(titles[1], "苍南多措并举稳就业");
    assert_eq!(
        titles.last(),
        Some(&"永嘉为交通项目建设套上“紧箍”"),
        "oldest issue's last article at the bottom"
    );
    assert_eq!(
        feed.updated,
        Some(dates[0]),
        "the feed's updated is its newest entry's"
    );
    assert_eq!(
        dates[0].to_rfc3339(),
        "2023-10-16T22:00:00+00:00",
        "06:00 at +08:00 (feed-rs reads it as UTC)"
    );
    let atom = std::fs::read_to_string(project.feeds().join("wenzhou/atom.xml")).unwrap();
    assert!(
        atom.contains("<published>2023-10-17T06:00:00+08:00</published>"),
        "dates keep the publication offset"
    );
}

#[test]
fn entries_carry_authors_categories_summary_and_full_text() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let feed = parse_feed_rs(&project.feeds().join("rmrb/atom.xml"));
    let first = &feed.entries[0];
    assert_eq!(first.authors[0].name, "李旨");
    let terms: Vec<&str> = first.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["人民日报", "一线探民生"]);
    assert!(first
        .summary
        .as_ref()
        .unwrap()
        .content
        .starts_with("湖北省武汉市两江交汇"));
    let content = first.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(content.contains("<h3>打造温馨驿站 开展关爱服务</h3>"));
    assert!(content.contains("<p>湖北省武汉市两江交汇"));
    let link = &first.links[0].href;
    assert!(
        link.starts_with("http://localhost:8000/rmrb/2023-04-10/a-"),
        "{link}"
    );
    let page = std::fs::read_to_string(project.feeds().join("rmrb/2023-04-10.html")).unwrap();
    let article = link.rsplit('/').next().unwrap();
    assert!(
        page.contains(&format!("href=\"2023-04-10/{article}\"")),
        "the issue page lists the linked article"
    );

    let rss = std::fs::read_to_string(project.feeds().join("rmrb/rss.xml")).unwrap();
    assert!(rss.contains("<dc:creator>李旨</dc:creator>"));
    assert!(
        !rss.contains("<author>"),
        "name-only bylines never go in <author>"
    );
    assert!(rss.contains("<guid isPermaLink=\"false\">urn:uuid:"));
    let description = rss.find("<description><![CDATA[湖北").unwrap();
    let content = rss.find("<content:encoded>").unwrap();
    assert!(
        description < content,
        "description comes before content:encoded"
    );
}

#[test]
fn index_page_discovers_every_feed() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let index = std::fs::read_to_string(project.feeds().join("index.html")).unwrap();
    for feed in [
        "atom.xml",
        "rss.xml",
        "rmrb/atom.xml",
        "rmrb/rss.xml",
        "wenzhou/atom.xml",
        "zjgrrb/rss.xml",
    ] {
        let kind = if feed.ends_with("atom.xml") {
            "application/atom+xml"
        } else {
            "application/rss+xml"
        };
        assert!(
            index.contains(&format!("<link rel=\"alternate\" type=\"{kind}\"")),
            "{kind}"
        );
        assert!(
            index.contains(&format!("href=\"{feed}\"")),
            "index links {feed}"
        );
    }
}

#[test]
fn opml_lists_one_atom_feed_per_paper_and_not_the_site_wide_one() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let opml = std::fs::read_to_string(project.feeds().join("feeds.opml")).unwrap();
    let doc = roxmltree::Document::parse(&opml).unwrap();
    let outlines: Vec<(&str, &str)> = doc
        .descendants()
        .filter_map(|n| Some((n.attribute("xmlUrl")?, n.attribute("title")?)))
        .collect();
    assert_eq!(
        outlines,
        [
            ("http://localhost:8000/rmrb/atom.xml", "人民日报"),
            ("http://localhost:8000/wenzhou/atom.xml", "温州新闻"),
            ("http://localhost:8000/zjgrrb/atom.xml", "浙江工人日报"),
        ]
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let project = Project::with_seeds();
    assert!(project.build_into("one").status.success());
    assert!(project.build_into("two").status.success());
    assert_same_tree(
        &read_tree(&project.path("one")),
        &read_tree(&project.path("two")),
        "two builds of the same seeds",
    );
}

#[test]
fn committed_feeds_folder_is_a_fresh_build() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    assert_same_tree(
        &read_tree(&common::project_root().join("feeds")),
        &read_tree(&project.feeds()),
        "feeds/ (first) is not a fresh build (second); run `cargo run --release -- build` and commit",
    );
}

#[test]
fn rebuilding_unchanged_input_rewrites_nothing() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let output = project.build();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("0 files written"), "{stdout}");
}

#[test]
fn bad_input_is_named_and_the_rest_is_still_built() {
    let project = Project::with_seeds();
    project.write("seeds/nopub/2024-01-01.txt", "标题\n\n王艳琼\n\n正文。\n");
    project.write("seeds/broken/publication.toml", "title = \"未闭合\n");
    project.write("seeds/broken/2024-01-01.txt", "标题\n\n王艳琼\n\n正文。\n");
    project.write("seeds/rmrb/notes.txt", "not a page name");
    project.write("seeds/rmrb/2023-02-30.txt", "日期不存在");
    project.write("seeds/rmrb/2023-04-11.txt", "  \n\n");
    std::fs::write(
        project.path("seeds/rmrb/2023-04-12.txt"),
        b"\x80\x81\xff plain",
    )
    .unwrap();
    let output = project.build();
    assert_eq!(output.status.code(), Some(1), "input errors exit with 1");
    let err = stderr(&output);
    for (file, says) in [
        ("nopub/publication.toml", "missing publication.toml"),
        ("broken/publication.toml", "line 1"),
        ("rmrb/notes.txt", "YYYY-MM-DD.txt"),
        ("rmrb/2023-02-30.txt", "not a calendar date"),
        ("rmrb/2023-04-11.txt", "the page is empty"),
        ("rmrb/2023-04-12.txt", "neither UTF-8 nor GB18030"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error names {file}:\n{err}"));
        assert!(line.contains(says) || err.contains(says), "{file}: {line}");
    }
    // The good publications and pages are still built.
    let feed = parse_feed_rs(&project.feeds().join("atom.xml"));
    assert_eq!(feed.entries.len(), 45);
    assert!(project.feeds().join("wenzhou/atom.xml").is_file());
}

#[test]
fn an_unusable_config_exits_3_and_writes_nothing() {
    let project = Project::with_seeds();
    project.write("paperboy.toml", "base_url = \"feeds/\"\n");
    let output = project.build();
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("paperboy.toml"),
        "{}",
        stderr(&output)
    );
    assert!(!project.feeds().exists());
}

fn split(args: &[&str]) -> Vec<u8> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"))
        .current_dir(common::project_root())
        .arg("split")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    output.stdout
}

#[test]
fn split_command_shows_the_articles_of_a_page() {
    let text = String::from_utf8(split(&["seeds/zjgrrb/2024-03-04-01.txt"])).unwrap();
    assert!(text.contains("7 articles"), "{text}");
    assert!(text.contains("subtitle: 计划投入1300万元"));
    assert!(text.contains("authors:  曾晨路, 徐冬云"));
    let articles: serde_json::Value =
        serde_json::from_slice(&split(&["--json", "seeds/zjgrrb/2024-03-04-01.txt"])).unwrap();
    assert_eq!(articles.as_array().unwrap().len(), 7);
    assert_eq!(articles[2]["kind"], "photo_story");
}

#[test]
fn a_gb18030_page_is_built_with_a_warning_naming_it() {
    let project = Project::empty();
    project.write("seeds/demo/publication.toml", "title = \"示例日报\"\n");
    std::fs::copy(
        common::project_root().join("tests/fixtures/pages/gb18030-crlf.txt"),
        project.path("seeds/demo/2024-05-01.txt"),
    )
    .unwrap();
    let output = project.build();
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("warning: ") && err.contains("demo/2024-05-01.txt") && err.contains("GB18030"),
        "{err}"
    );
    let feed = parse_feed_rs(&project.feeds().join("demo/atom.xml"));
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "乡村振兴看新村"
    );
}

#[test]
fn a_reader_that_stops_reading_is_no_error() {
    use std::io::Read;
    // A page whose JSON is far larger than a pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2024-05-01.txt");
    let text: String = (1..=3000)
        .map(|i| format!("第{i}条标题\n\n王小明\n\n第{i}条正文。\n\n"))
        .collect();
    std::fs::write(&page, text).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"))
        .args(["split", "--json"])
        .arg(&page)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, as `| head -c1` would.
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
}
