//! Regenerating from cron: edit-aware dates, minimal writes, one run at a
//! time, nothing lost on bad input, bounded feeds with RFC 5005 archives,
//! the validation gate, JSON Feed and WebSub, and quiet runs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{assert_same_tree, parse_feed_rs, read_tree, stderr, Project};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// id → (title, published, updated) of a feed, as feed-rs reads it.
fn dates(path: &Path) -> BTreeMap<String, (String, String, String)> {
    parse_feed_rs(path)
        .entries
        .into_iter()
        .map(|e| {
            let title = e.title.unwrap().content;
            (
                e.id,
                (
                    title,
                    e.published.unwrap().to_rfc3339(),
                    e.updated.unwrap().to_rfc3339(),
                ),
            )
        })
        .collect()
}

fn edit(project: &Project, page: &str, from: &str, to: &str) {
    let path = project.path(page);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_edit_keeps_id_and_published_and_moves_updated_to_the_run() {
    let project = Project::with_seeds();
    assert!(project.build_at("2024-06-01T00:00:00Z").status.success());
    let before = dates(&project.feeds().join("wenzhou/atom.xml"));
    edit(
        &project,
        "seeds/wenzhou/2023-01-13.txt",
        "精心出台多条暖心举措",
        "精心出台多项暖心举措",
    );
    let output = project.build_at("2024-06-02T03:04:05Z");
    assert!(output.status.success());
    assert!(
        stdout(&output).contains("0 added, 1 updated, 0 removed"),
        "{}",
        stdout(&output)
    );
    let after = dates(&project.feeds().join("wenzhou/atom.xml"));
    assert_eq!(after.len(), before.len());
    for (id, (title, published, updated)) in &after {
        let (_, old_published, old_updated) = &before[id];
        assert_eq!(published, old_published, "{title}: published never moves");
        if title == "瓯海发放“新春礼包”助企稳岗" {
            assert_eq!(
                updated, "2024-06-02T03:04:05+00:00",
                "the edited entry is updated at the run's time"
            );
        } else {
            assert_eq!(
                updated, old_updated,
                "{title}: untouched entries keep their dates"
            );
        }
    }
    let atom = std::fs::read_to_string(project.feeds().join("wenzhou/atom.xml")).unwrap();
    assert!(
        atom.contains("<updated>2024-06-02T11:04:05+08:00</updated>\n  <author>"),
        "the feed's updated follows its newest entry, in the publication's offset"
    );

    // A rebuild of the same input changes nothing, whenever it runs.
    let output = project.build_at("2024-07-01T00:00:00Z");
    assert!(
        stdout(&output).contains("0 added, 0 updated, 0 removed); 0 files written"),
        "{}",
        stdout(&output)
    );

    // Losing the state costs no churn: dates are taken back from the
    // published feeds, the edited entry's `updated` too.
    std::fs::remove_dir_all(project.feeds().join(".paperboy")).unwrap();
    assert!(project.build_at("2024-07-02T00:00:00Z").status.success());
    let rebuilt = dates(&project.feeds().join("wenzhou/atom.xml"));
    assert_eq!(rebuilt, after);
}

#[test]
fn only_files_whose_bytes_change_are_rewritten() {
    let project = Project::with_seeds();
    assert!(project.build_at("2024-06-01T00:00:00Z").status.success());
    let untouched = [
        "zjgrrb/atom.xml",
        "zjgrrb/rss.xml",
        "rmrb/2023-04-10.html",
        "style.css",
    ];
    let before: Vec<_> = untouched
        .iter()
        .map(|f| mtime(&project.feeds().join(f)))
        .collect();
    let wenzhou_before = mtime(&project.feeds().join("wenzhou/atom.xml"));
    std::thread::sleep(std::time::Duration::from_millis(50));
    edit(
        &project,
        "seeds/wenzhou/2023-01-13.txt",
        "精心出台多条暖心举措",
        "精心出台多项暖心举措",
    );
    assert!(project.build_at("2024-06-02T00:00:00Z").status.success());
    let after: Vec<_> = untouched
        .iter()
        .map(|f| mtime(&project.feeds().join(f)))
        .collect();
    assert_eq!(
        before, after,
        "files of other publications keep their mtime"
    );
    assert_ne!(
        mtime(&project.feeds().join("wenzhou/atom.xml")),
        wenzhou_before
    );
}

#[test]
fn a_second_run_waits_then_gives_up_with_exit_4_and_a_stale_lock_does_not_block() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    // A build holds a lock on the output folder itself.
    let lock = std::fs::File::open(project.feeds()).unwrap();
    lock.lock().unwrap();
    let start = std::time::Instant::now();
    let output = project.run(&["build", "--wait", "1"], &[]);
    assert_eq!(output.status.code(), Some(4));
    assert!(
        start.elapsed() >= std::time::Duration::from_millis(900),
        "it waited before giving up"
    );
    assert!(
        stderr(&output).contains("another paperboy build"),
        "{}",
        stderr(&output)
    );
    drop(lock);
    // A holder file left by a killed run (its pid long gone) holds no lock.
    std::fs::write(project.feeds().join(".paperboy/lock"), "999999").unwrap();
    assert!(project.run(&["build", "--wait", "0"], &[]).status.success());
}

#[test]
fn a_page_that_goes_bad_keeps_its_entries_until_its_file_is_deleted() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let page = project.path("seeds/wenzhou/2023-01-13.txt");
    let count = |p: &Project| {
        parse_feed_rs(&p.feeds().join("wenzhou/atom.xml"))
            .entries
            .len()
    };
    assert_eq!(count(&project), 29);
    for (bad, says) in [
        (&b""[..], "empty"),
        (b"\x80\x81\xff binary", "neither UTF-8 nor GB18030"),
        (b"\n\n\xe5\x8f\xa3\n\n", "no article"),
    ] {
        std::fs::write(&page, bad).unwrap();
        let output = project.build();
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(
            err.contains("wenzhou/2023-01-13.txt") && err.contains(says),
            "{err}"
        );
        assert_eq!(count(&project), 29, "the entries it published stay");
        assert!(project.feeds().join("wenzhou/2023-01-13.html").is_file());
    }
    std::fs::remove_file(&page).unwrap();
    let output = project.build();
    assert!(output.status.success());
    assert!(
        stdout(&output).contains("0 added, 0 updated, 9 removed"),
        "{}",
        stdout(&output)
    );
    assert_eq!(count(&project), 20);
    assert!(
        !project.feeds().join("wenzhou/2023-01-13.html").exists(),
        "its issue page goes too"
    );
}

#[test]
fn a_broken_publication_toml_keeps_the_publication_published() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let before = read_tree(&project.feeds());
    project.write("seeds/rmrb/publication.toml", "title = \n");
    let output = project.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("rmrb/publication.toml"));
    assert_same_tree(
        &before,
        &read_tree(&project.feeds()),
        "every published file stays as it was (first: before the run)",
    );
}

/// Follows `prev-archive` links from a subscription document back to the
/// oldest archive, collecting every entry id and checking each archive.
fn walk_history(project: &Project, subscription: &str) -> (usize, BTreeMap<String, String>) {
    let mut seen = BTreeMap::new();
    let mut path = project.feeds().join(subscription);
    let mut archives = 0;
    loop {
        let feed = parse_feed_rs(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        for entry in &feed.entries {
            // The newest copy of an entry wins: walking back, keep the first seen.
            seen.entry(entry.id.clone())
                .or_insert_with(|| path.display().to_string());
        }
        let doc = roxmltree::Document::parse(&text).unwrap();
        let link = |rel: &str| {
            doc.descendants()
                .find(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some(rel))
                .and_then(|n| n.attribute("href"))
                .map(str::to_string)
        };
        if path.to_string_lossy().contains("/archive/") {
            archives += 1;
            assert!(
                text.contains("<fh:archive"),
                "{} is marked as an archive",
                path.display()
            );
            assert!(text.contains("xmlns:fh=\"http://purl.org/syndication/history/1.0\""));
            assert!(
                link("current").is_some_and(|c| c.ends_with(subscription)),
                "{} links its current document",
                path.display()
            );
        }
        match link("prev-archive") {
            Some(url) => {
                path = project
                    .feeds()
                    .join(url.trim_start_matches("http://localhost:8000/"))
            }
            None => return (archives, seen),
        }
    }
}

fn small_feeds(project: &Project) {
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write("paperboy.toml", &format!("{config}feed_entries = 10\n"));
}

#[test]
fn feeds_hold_the_newest_entries_and_archives_hold_the_whole_history() {
    let project = Project::with_seeds();
    small_feeds(&project);
    assert!(project.build().status.success());
    for (subscription, total, pages) in [
        ("atom.xml", 45, 4),
        ("rss.xml", 45, 4),
        ("wenzhou/atom.xml", 29, 2),
        ("zjgrrb/atom.xml", 7, 0),
    ] {
        assert_eq!(
            parse_feed_rs(&project.feeds().join(subscription))
                .entries
                .len(),
            total.min(10),
            "{subscription} holds the newest entries, as many as fit"
        );
        let (archives, seen) = walk_history(&project, subscription);
        assert_eq!(
            (archives, seen.len()),
            (pages, total),
            "{subscription}: every entry is reachable"
        );
    }
    let files = common::feed_files(&project.feeds());
    let parsed = common::feedparser(&files);
    assert!(
        parsed.values().all(|p| !p.bozo),
        "feedparser reads every archive"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.feeds().join("feed.json")).unwrap()).unwrap();
    assert_eq!(
        json["next_url"],
        "http://localhost:8000/archive/feed-4.json"
    );

    // A new issue leaves every full archive page as it was.
    let archive_dir = project.feeds().join("archive");
    let before: BTreeMap<_, _> = read_tree(&archive_dir)
        .into_keys()
        .map(|p| {
            let time = mtime(&archive_dir.join(&p));
            (p, time)
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(50));
    project.write(
        "seeds/zjgrrb/2024-03-05.txt",
        "新的一期标题\n\n王小明\n\n新的一期正文。\n",
    );
    assert!(project.build().status.success());
    for (path, time) in &before {
        assert_eq!(
            &mtime(&archive_dir.join(path)),
            time,
            "{} was not rewritten",
            path.display()
        );
    }
    let (_, seen) = walk_history(&project, "atom.xml");
    assert_eq!(seen.len(), 46);
}

#[test]
fn subscription_feeds_stay_within_the_byte_budget() {
    let project = Project::with_seeds();
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write("paperboy.toml", &format!("{config}feed_bytes = 30000\n"));
    assert!(project.build().status.success());
    for feed in [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "rmrb/atom.xml",
        "wenzhou/rss.xml",
    ] {
        let size = std::fs::metadata(project.feeds().join(feed)).unwrap().len();
        assert!(size <= 30000, "{feed} is {size} bytes");
    }
    let (_, seen) = walk_history(&project, "atom.xml");
    assert_eq!(seen.len(), 45, "what does not fit is archived, not lost");
}

#[test]
fn a_build_whose_output_fails_the_checks_replaces_nothing() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let before = read_tree(&project.feeds());
    // A clock set decades back makes every entry look dated in the future;
    // new settings have every document rendered again, and checked.
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write("paperboy.toml", &format!("{config}feed_entries = 40\n"));
    let output = project.build_at("2001-01-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(5));
    assert!(
        stderr(&output).contains("left as they were") && stderr(&output).contains("implausible"),
        "{}",
        stderr(&output)
    );
    assert_same_tree(
        &before,
        &read_tree(&project.feeds()),
        "a run that fails the checks replaces nothing (first: before the run)",
    );
}

#[test]
fn check_command_passes_good_output_and_names_broken_files() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let output = project.run(&["check", "feeds"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = project.feeds().join("rmrb/rss.xml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "<link>http://localhost:8000/rmrb/2023-04-10/",
            "<link>rmrb/2023-04-10/",
            1,
        ),
    )
    .unwrap();
    std::fs::write(project.feeds().join("atom.xml"), "<feed>").unwrap();
    let output = project.run(&["check", "feeds"], &[]);
    assert_eq!(output.status.code(), Some(5));
    let err = stderr(&output);
    assert!(
        err.contains("rmrb/rss.xml") && err.contains("not an absolute"),
        "{err}"
    );
    assert!(err.contains("atom.xml: not well-formed"), "{err}");
}

#[test]
fn json_feeds_match_atom_and_every_format_is_listed_and_can_carry_a_hub() {
    let project = Project::with_seeds();
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write(
        "paperboy.toml",
        &format!("{config}hub = \"https://hub.example.org/\"\n"),
    );
    assert!(project.build().status.success());
    for dir in ["", "rmrb/", "wenzhou/", "zjgrrb/"] {
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(project.feeds().join(format!("{dir}feed.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(
            json["feed_url"],
            format!("http://localhost:8000/{dir}feed.json")
        );
        assert_eq!(json["hubs"][0]["url"], "https://hub.example.org/");
        let ids: Vec<&str> = json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            common::ids(&project.feeds().join(format!("{dir}atom.xml"))),
            "{dir}"
        );
        for item in json["items"].as_array().unwrap() {
            assert!(item["content_html"].as_str().unwrap().starts_with('<'));
            assert!(item["date_published"].as_str().unwrap().contains('T'));
        }
        for feed in ["atom.xml", "rss.xml"] {
            let text =
                std::fs::read_to_string(project.feeds().join(format!("{dir}{feed}"))).unwrap();
            assert!(
                text.contains("href=\"https://hub.example.org/\" rel=\"hub\""),
                "{dir}{feed}"
            );
        }
    }
    let index = std::fs::read_to_string(project.feeds().join("index.html")).unwrap();
    assert!(
        index.contains("type=\"application/feed+json\"")
            && index.contains("href=\"rmrb/feed.json\"")
    );
    let opml = std::fs::read_to_string(project.feeds().join("feeds.opml")).unwrap();
    // The OPML offers each paper once, in Atom (readers key items by id).
    assert!(opml.contains("xmlUrl=\"http://localhost:8000/wenzhou/atom.xml\""));
    assert!(!opml.contains("feed.json"));
}

#[test]
fn quiet_runs_print_nothing_and_others_one_line() {
    let project = Project::with_seeds();
    let output = project.run(&["build", "--quiet"], &[]);
    assert!(output.status.success());
    assert!(
        output.stdout.is_empty() && output.stderr.is_empty(),
        "a quiet successful run prints nothing"
    );
    let output = project.run(&["build"], &[]);
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(
        stdout(&output).contains("0 added, 0 updated, 0 removed); 0 files written, 69 unchanged"),
        "{}",
        stdout(&output)
    );
    assert!(
        output.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    project.write("seeds/rmrb/bad-name.txt", "x");
    let output = project.run(&["build", "--quiet"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("error: ") && stderr(&output).contains("bad-name.txt"));
}

#[test]
fn a_run_with_nothing_changed_still_notices_deleted_output_settings_and_touched_pages() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let atom = project.feeds().join("rmrb/atom.xml");
    let bytes = std::fs::read(&atom).unwrap();
    std::fs::remove_file(&atom).unwrap();
    let output = project.build();
    assert!(output.status.success());
    assert_eq!(
        std::fs::read(&atom).unwrap(),
        bytes,
        "a deleted output file is written again"
    );
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write(
        "paperboy.toml",
        &config.replace("http://localhost:8000/", "http://localhost:9000/"),
    );
    let output = project.build();
    assert!(
        !stdout(&output).contains("; 0 files written"),
        "new settings are a new build: {}",
        stdout(&output)
    );
    // A page touched but not changed is read again (not taken for a no-op
    // run), and changes nothing published.
    let before = read_tree(&project.feeds());
    let page = project.path("seeds/zjgrrb/2024-03-04-01.txt");
    std::fs::write(&page, std::fs::read(&page).unwrap()).unwrap();
    let last_build = project.feeds().join(".paperboy/last-build.json");
    let sealed = std::fs::read(&last_build).unwrap();
    let output = project.build();
    assert!(
        stdout(&output).contains("; 0 files written"),
        "{}",
        stdout(&output)
    );
    assert_same_tree(
        &before,
        &read_tree(&project.feeds()),
        "a touched page changes nothing published (first: before the run)",
    );
    assert_ne!(
        std::fs::read(&last_build).unwrap(),
        sealed,
        "the run records the page's new mtime"
    );
}

/// The inode and mtime of the record a sealed build leaves: a run that
/// writes removes it first and writes it anew.
fn seal_of(project: &Project) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(project.feeds().join(".paperboy/last-build.json")).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[test]
fn a_run_with_nothing_new_stops_at_the_seal_of_the_last_build() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let sealed = seal_of(&project);
    // The seal the build computed from its catalog is what reading the
    // folder gives, so the next run stops there.
    let output = project.build();
    assert!(output.status.success());
    assert!(stdout(&output).contains("; 0 files written"));
    assert_eq!(seal_of(&project), sealed, "the second run wrote nothing");
    // A file that is not the build's (a host's robots.txt) makes the folder
    // differ from the seal: the run checks everything and changes nothing,
    // and seals the folder with it, so the next run stops again.
    let before = read_tree(&project.feeds());
    project.write("feeds/robots.txt", "User-agent: *\n");
    let output = project.build();
    assert!(output.status.success());
    let resealed = seal_of(&project);
    assert_ne!(resealed, sealed, "the run went past the seal");
    let mut after = read_tree(&project.feeds());
    assert!(after.remove(std::path::Path::new("robots.txt")).is_some());
    assert_same_tree(&before, &after, "a run past the seal (first: before)");
    assert!(project.build().status.success());
    assert_eq!(
        seal_of(&project),
        resealed,
        "the host's file is in the seal"
    );
}

#[test]
fn a_new_issue_renders_only_the_documents_it_changes() {
    let project = Project::with_seeds();
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write("paperboy.toml", &format!("{config}feed_entries = 5\n"));
    assert!(project.build().status.success());
    let before = read_tree(&project.feeds());
    // Without the texts of a page, any document that shows one of its
    // entries cannot be rendered: the run must not try. The texts of
    // wenzhou's two older issues go (the site's newest archive page, which
    // gains a link to the next one, shows only zjgrrb's issue; the front
    // page's newest 30 entries reach into rmrb's issue and wenzhou's newest).
    let texts = project.feeds().join(".paperboy/texts/wenzhou");
    for record in std::fs::read_dir(&texts).unwrap() {
        let record = record.unwrap().path();
        if !std::fs::read_to_string(&record)
            .unwrap()
            .contains("温州前三季度城镇新增就业7.68万人")
        {
            std::fs::remove_file(record).unwrap();
        }
    }
    assert_eq!(std::fs::read_dir(&texts).unwrap().count(), 1);
    project.write("seeds/demo/publication.toml", "title = \"示例日报\"\n");
    let page: String = (1..=6)
        .map(|i| format!("第{i}条新闻的标题\n\n王小明\n\n第{i}条新闻的正文。\n\n"))
        .collect();
    project.write("seeds/demo/2024-05-01.txt", &page);
    let output = project.build();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("6 added"), "{}", stdout(&output));
    let after = read_tree(&project.feeds());
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.to_string_lossy().into_owned())
        .collect();
    // The new publication's documents ...
    for expected in [
        "demo/atom.xml",
        "demo/archive/atom-1.xml",
        "demo/2024-05-01.html",
        "demo/index.html",
    ] {
        assert!(
            changed.contains(&expected.to_string()),
            "{expected} not in {changed:?}"
        );
    }
    // ... and outside it exactly the site's subscription documents, its new
    // archive page in each format, the Atom and RSS archive page before it
    // (which gains a next-archive link; JSON Feed links only to older pages),
    // and the site index and OPML that list the publication.
    let mut outside: Vec<&str> = changed
        .iter()
        .map(String::as_str)
        .filter(|p| !p.starts_with("demo/"))
        .collect();
    outside.sort();
    let mut expected = vec![
        "atom.xml",
        "rss.xml",
        "feed.json",
        "archive/atom-10.xml",
        "archive/rss-10.xml",
        "archive/feed-10.json",
        "archive/atom-9.xml",
        "archive/rss-9.xml",
        "index.html",
        "feeds.opml",
    ];
    expected.sort();
    assert_eq!(outside, expected, "{changed:?}");
}

#[test]
fn a_run_after_one_killed_while_renaming_checks_every_document() {
    let project = Project::with_seeds();
    assert!(project.build().status.success());
    let atom = project.feeds().join("rmrb/atom.xml");
    let bytes = std::fs::read(&atom).unwrap();
    // As a killed run leaves things: a file replaced, no record of a clean
    // build, the renaming marker in place.
    std::fs::write(&atom, b"<feed/>").unwrap();
    std::fs::remove_file(project.feeds().join(".paperboy/last-build.json")).unwrap();
    std::fs::write(project.feeds().join(".paperboy/writing"), b"").unwrap();
    let output = project.build();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("; 1 file written"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(&atom).unwrap(), bytes);
    assert!(!project.feeds().join(".paperboy/writing").exists());
}
