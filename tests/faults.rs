//! Faults that once blocked every publication, lost state or served files
//! outside the site: one bad input, client, clock or stray file must never
//! block the rest. One test per row of docs/robustness.md.

mod common;

use common::{
    files_under, header, mount_tmpfs, parse_feed_rs, stderr, temporary_files, Project, Server,
};

/// A project with one good publication (`demo`, one article) to show that
/// the rest is still built.
fn demo() -> Project {
    Project::demo("2024-04-30")
}

fn titles(project: &Project, slug: &str) -> Vec<String> {
    parse_feed_rs(&project.feeds().join(format!("{slug}/atom.xml")))
        .entries
        .into_iter()
        .map(|e| e.title.unwrap().content)
        .collect()
}

/// The stderr lines that name `file`.
fn lines_naming(output: &std::process::Output, file: &str) -> String {
    stderr(output)
        .lines()
        .filter(|l| l.contains(file))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_page_dated_in_the_future_in_its_own_time_zone_is_refused_alone() {
    let project = demo();
    project.write(
        "seeds/utc/publication.toml",
        "title = \"UTC\"\ntimezone = \"+00:00\"\n",
    );
    project.write(
        "seeds/utc/2024-05-02.txt",
        "明天的标题\n\n王小明\n\n正文。\n",
    );
    project.write(
        "seeds/west/publication.toml",
        "title = \"西\"\ntimezone = \"-12:00\"\npress_time = \"23:00\"\n",
    );
    project.write(
        "seeds/west/2024-05-01.txt",
        "西边的标题\n\n王小明\n\n正文。\n",
    );
    project.write(
        "seeds/west/2024-04-29.txt",
        "西边旧标题\n\n王小明\n\n正文。\n",
    );
    // East of UTC, tomorrow's issue may be out before midnight UTC.
    project.write(
        "seeds/demo/2024-05-02.txt",
        "东边的标题\n\n王小明\n\n正文。\n",
    );
    let output = project.build_at("2024-05-01T00:30:00Z");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    for file in ["utc/2024-05-02.txt", "west/2024-05-01.txt"] {
        let says = lines_naming(&output, file);
        assert!(says.contains("dated in the future"), "{file}: {says}");
    }
    assert!(titles(&project, "demo").contains(&"东边的标题".to_string()));
    assert_eq!(titles(&project, "west"), ["西边旧标题"]);
    assert!(project
        .run(
            &["check", "feeds"],
            &[("PAPERBOY_NOW", "2024-05-01T00:30:00Z")]
        )
        .status
        .success());
}

/// Runs `paperboy ARGS` in the project folder; `None` when it has not
/// finished within `seconds` (it is killed then).
fn run_within(project: &Project, args: &[&str], seconds: u64) -> Option<std::process::Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"))
        .current_dir(project.dir.path())
        .args(args)
        .env("PAPERBOY_NOW", "2025-01-01T00:00:00Z")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Some(child.wait_with_output().unwrap())
}

fn mkfifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn fifos_named_like_inputs_are_refused_without_hanging() {
    let project = demo();
    mkfifo(&project.path("seeds/demo/2024-04-29.txt"));
    project.write("seeds/piped/2024-04-30.txt", "标题\n\n王小明\n\n正文。\n");
    mkfifo(&project.path("seeds/piped/publication.toml"));
    let output = run_within(&project, &["build"], 20).expect("build does not hang");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    for file in ["demo/2024-04-29.txt", "piped/publication.toml"] {
        let says = lines_naming(&output, file);
        assert!(says.contains("named pipe (FIFO)"), "{file}: {says}");
    }
    assert_eq!(titles(&project, "demo"), ["好的标题"]);

    mkfifo(&project.path("feeds/stray.xml"));
    let output = run_within(&project, &["check", "feeds"], 20).expect("check does not hang");
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert!(lines_naming(&output, "stray.xml").contains("named pipe"));

    let output = run_within(&project, &["split", "seeds/demo/2024-04-29.txt"], 20)
        .expect("split does not hang");
    assert_eq!(output.status.code(), Some(1));
    assert!(lines_naming(&output, "2024-04-29.txt").contains("named pipe"));

    mkfifo(&project.path("paperboy.toml"));
    let output = run_within(&project, &["build"], 20).expect("build does not hang");
    assert_eq!(output.status.code(), Some(3));
    assert!(lines_naming(&output, "paperboy.toml").contains("named pipe"));
    // The lock was not held by a hung run.
    std::fs::remove_file(project.path("paperboy.toml")).unwrap();
    let output = run_within(&project, &["build", "--wait", "0"], 20).unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn settings_text_is_cleaned_like_page_text_and_bounded() {
    let project = demo();
    project.write(
        "seeds/demo/publication.toml",
        "title = \"示例\\u0001日报\\uFFFF\\u202E\\u200B\"\ndescription = \"说明\\u0001\"\n",
    );
    project.write(
        "paperboy.toml",
        "title = \"站点\\u0001\"\ndescription = \"站点\\uFFFE说明\"\n",
    );
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let feed = parse_feed_rs(&project.feeds().join("demo/atom.xml"));
    assert_eq!(feed.title.unwrap().content, "示例日报");
    let site = parse_feed_rs(&project.feeds().join("atom.xml"));
    assert_eq!(site.title.unwrap().content, "站点");

    // A title beyond the limit is refused, naming the file and the limit;
    // the publication keeps its last good settings, the others build.
    project.write("seeds/other/publication.toml", "title = \"另一份\"\n");
    project.write(
        "seeds/other/2024-04-30.txt",
        "另一标题\n\n王小明\n\n正文。\n",
    );
    let huge = "长".repeat(10_000);
    project.write(
        "seeds/demo/publication.toml",
        &format!("title = \"{huge}\"\n"),
    );
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let says = lines_naming(&output, "demo/publication.toml");
    assert!(says.contains("the limit is 200"), "{says}");
    let feed = parse_feed_rs(&project.feeds().join("demo/atom.xml"));
    assert_eq!(feed.title.unwrap().content, "示例日报");
    assert_eq!(titles(&project, "other"), ["另一标题"]);
    let size = std::fs::metadata(project.feeds().join("atom.xml"))
        .unwrap()
        .len();
    assert!(size < 100_000, "the site-wide feed is {size} bytes");
}

/// Every entry's `published` and `updated`, by id, as feed-rs reads them.
fn dates(path: &std::path::Path) -> std::collections::BTreeMap<String, (String, String)> {
    parse_feed_rs(path)
        .entries
        .into_iter()
        .map(|e| {
            (
                e.id,
                (format!("{:?}", e.published), format!("{:?}", e.updated)),
            )
        })
        .collect()
}

#[test]
fn lost_or_damaged_text_records_are_made_again_from_the_seeds() {
    let project = demo();
    assert!(project.build_at("2024-05-01T00:00:00Z").status.success());
    // An edit, so that the entry's `updated` is not its `published`.
    project.write(
        "seeds/demo/2024-04-30.txt",
        "好的标题\n\n王小明\n\n改过的正文。\n",
    );
    assert!(project.build_at("2024-06-01T00:00:00Z").status.success());
    let before = dates(&project.feeds().join("demo/atom.xml"));
    std::fs::remove_dir_all(project.feeds().join(".paperboy/texts")).unwrap();
    project.write(
        "seeds/demo/2024-07-01.txt",
        "新的标题\n\n王小明\n\n新的正文。\n",
    );
    let output = project.build_at("2024-07-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = dates(&project.feeds().join("demo/atom.xml"));
    assert_eq!(after.len(), 2);
    for (id, dates) in &before {
        assert_eq!(&after[id], dates, "the catalog's dates are kept");
    }
    // A truncated record heals the same way.
    for record in files_under(&project.feeds().join(".paperboy/texts")) {
        std::fs::write(&record, b"[{").unwrap();
    }
    project.write(
        "seeds/demo/2024-07-02.txt",
        "又一标题\n\n王小明\n\n又一正文。\n",
    );
    let output = project.build_at("2024-07-02T00:00:00Z");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(titles(&project, "demo").len(), 3);
    assert!(project.run(&["check", "feeds"], &[]).status.success());
}

#[test]
fn orphaned_temporary_files_are_swept_by_every_run() {
    let project = demo();
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    // Left by a run that failed (or a second run let in) without a marker.
    std::fs::write(project.feeds().join(".atom.xml.paperboy-4242.tmp"), "half").unwrap();
    std::fs::write(
        project.feeds().join("demo/.rss.xml.paperboy-4242-7.tmp"),
        "half",
    )
    .unwrap();
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        temporary_files(&project.feeds()),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn unlinking_the_lock_under_a_running_build_does_not_let_a_second_in() {
    let project = Project::with_repeated_seeds(2019, 1, 28);
    let mut first = std::process::Command::new(env!("CARGO_BIN_EXE_paperboy"))
        .current_dir(project.dir.path())
        .args(["build", "--quiet"])
        .env("PAPERBOY_NOW", "2025-01-01T00:00:00Z")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lock = project.feeds().join(".paperboy/lock");
    while !lock.exists() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // What the advice "delete the .paperboy folder" did to a running build.
    // The build keeps writing into it, so a removal can meet a file made
    // meanwhile (not empty) and is tried again, as a user would.
    let state = project.feeds().join(".paperboy");
    let mut tries = 0;
    while let Err(e) = std::fs::remove_dir_all(&state) {
        tries += 1;
        assert!(tries < 100, "{} cannot be removed: {e}", state.display());
    }
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first build still runs"
    );
    let second = project.run(
        &["build", "--wait", "0"],
        &[("PAPERBOY_NOW", "2025-01-01T00:00:00Z")],
    );
    assert_eq!(second.status.code(), Some(4), "{}", stderr(&second));
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        temporary_files(&project.feeds()),
        Vec::<std::path::PathBuf>::new()
    );
    assert!(project.run(&["check", "feeds"], &[]).status.success());
}

#[test]
fn a_lost_catalog_takes_the_dates_back_from_the_published_feeds() {
    let project = demo();
    project.write(
        "seeds/demo/2024-04-29.txt",
        "前一天标题\n\n王小明\n\n正文。\n",
    );
    assert!(project.build_at("2024-05-01T00:00:00Z").status.success());
    // Edited fourteen months after it was published.
    project.write(
        "seeds/demo/2024-04-30.txt",
        "好的标题\n\n王小明\n\n改过的正文。\n",
    );
    assert!(project.build_at("2025-07-01T00:00:00Z").status.success());
    let before = dates(&project.feeds().join("demo/atom.xml"));
    for damage in ["truncated", "deleted"] {
        let catalog = project.feeds().join(".paperboy/catalog.bin");
        match damage {
            "truncated" => {
                let bytes = std::fs::read(&catalog).unwrap();
                std::fs::write(&catalog, &bytes[..bytes.len() / 2]).unwrap();
            }
            _ => std::fs::remove_file(&catalog).unwrap(),
        }
        let new_page = format!(
            "seeds/demo/2025-07-0{}.txt",
            if damage == "deleted" { 2 } else { 1 }
        );
        project.write(&new_page, &format!("{damage}新标题\n\n王小明\n\n正文。\n"));
        let output = project.build_at("2025-07-02T00:00:00Z");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let summary = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            summary.contains("(1 added, 0 updated"),
            "{damage}: {summary}"
        );
        assert!(summary.contains("state was rebuilt"), "{damage}: {summary}");
        let after = dates(&project.feeds().join("demo/atom.xml"));
        for (id, dates) in &before {
            assert_eq!(&after[id], dates, "{damage}: the published dates are kept");
        }
    }
}

/// Overwrites `path` with `bytes`, then puts its mtime back.
fn overwrite_keeping_mtime(path: &std::path::Path, bytes: &[u8]) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
}

#[test]
fn published_files_damaged_from_outside_are_written_again() {
    let project = demo();
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    let atom = project.feeds().join("atom.xml");
    let rss = project.feeds().join("demo/rss.xml");
    let (atom_bytes, rss_bytes) = (std::fs::read(&atom).unwrap(), std::fs::read(&rss).unwrap());
    // Truncated by something else, and edited with the same size and mtime.
    std::fs::write(&atom, &atom_bytes[..atom_bytes.len() / 2]).unwrap();
    let mut edited = rss_bytes.clone();
    let at = edited.len() / 2;
    edited[at] = b'!';
    overwrite_keeping_mtime(&rss, &edited);
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read(&atom).unwrap() == atom_bytes,
        "atom.xml is whole again"
    );
    assert!(
        std::fs::read(&rss).unwrap() == rss_bytes,
        "rss.xml is as built"
    );
    assert!(project.run(&["check", "feeds"], &[]).status.success());
}

#[test]
fn a_page_edited_with_its_size_and_mtime_put_back_is_read_again() {
    let project = demo();
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    // The same number of bytes: one ideograph for another.
    overwrite_keeping_mtime(
        &project.path("seeds/demo/2024-04-30.txt"),
        "好的标题\n\n王小明\n\n坏的正文。\n".as_bytes(),
    );
    let output = project.build_at("2025-01-02T00:00:00Z");
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(summary.contains("0 added, 1 updated"), "{summary}");
}

#[test]
fn output_folders_that_are_not_paperboys_own_are_refused() {
    let project = demo();
    let now = [("PAPERBOY_NOW", "2025-01-01T00:00:00Z")];
    // Someone's site, with a file named like one paperboy writes.
    project.write("site/index.html", "<p>my own page</p>");
    for (args, says) in [
        (
            &["build", "--out", "seeds"][..],
            "the same or one is inside the other",
        ),
        (
            &["build", "--out", "seeds/demo/feeds"][..],
            "the same or one is inside the other",
        ),
        (
            &["build", "--out", "."][..],
            "the same or one is inside the other",
        ),
        (&["build", "--out", "site"][..], "pass --force"),
    ] {
        let output = project.run(args, &now);
        assert_eq!(
            output.status.code(),
            Some(3),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_to_string(project.path("site/index.html")).unwrap(),
        "<p>my own page</p>"
    );
    assert!(!project.path("seeds/demo/atom.xml").exists());
    let output = project.run(&["build", "--out", "site", "--force"], &now);
    assert!(output.status.success(), "{}", stderr(&output));
    // A build's own folder is still its own when its state was deleted.
    std::fs::remove_dir_all(project.path("site/.paperboy")).unwrap();
    let output = project.run(&["build", "--out", "site"], &now);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = project.run(&["build", "--out", "/"], &now);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("root of the file system"));
}

#[test]
fn base_url_and_hub_must_be_plain_absolute_urls() {
    let project = demo();
    for setting in [
        "base_url = \"http://?\"",
        "base_url = \"http://x/#frag\"",
        "base_url = \"https://example.org/feeds/?page=1\"",
        "base_url = \"https://user:pass@example.org/\"",
        "hub = \"https://user:pass@hub.example.org/\"",
        "hub = \"http://?\"",
    ] {
        project.write("paperboy.toml", &format!("{setting}\n"));
        let output = project.build_at("2025-01-01T00:00:00Z");
        assert_eq!(
            output.status.code(),
            Some(3),
            "{setting}: {}",
            stderr(&output)
        );
        let says = lines_naming(&output, "paperboy.toml");
        assert!(
            says.contains("like \"https://example.org/feeds/\""),
            "{setting}: {says}"
        );
    }
}

#[test]
fn serve_refuses_a_missing_folder() {
    let project = demo();
    let output = run_within(&project, &["serve", "--port", "0", "nowhere"], 10)
        .expect("serve exits instead of serving 404s");
    assert_eq!(output.status.code(), Some(3));
    assert!(lines_naming(&output, "nowhere").contains("no folder to serve"));
}

#[test]
fn serve_shows_only_the_site_with_sound_headers() {
    let project = demo();
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    let feeds = project.feeds();
    std::os::unix::fs::symlink("/etc/passwd", feeds.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(feeds.join(".paperboy"), feeds.join("state")).unwrap();
    std::fs::write(feeds.join("big.json"), vec![b' '; 8 << 20]).unwrap();
    let server = Server::start(&project, 0);
    assert_eq!(server.get("/leak.txt", "").0, 404);
    // The state file is there behind the link, and never served.
    assert!(feeds.join("state/catalog.bin").is_file());
    assert_eq!(server.get("/state/catalog.bin", "").0, 404);

    let (code, head, body) = server.get("/atom.xml", "");
    assert_eq!(code, 200);
    assert_eq!(
        header(&head, "Content-Length"),
        Some(body.len().to_string().as_str())
    );
    let etag = header(&head, "ETag").unwrap().to_string();
    let (code, head, body) = server.get("/atom.xml", &format!("If-None-Match: W/{etag}\r\n"));
    assert_eq!((code, body.len()), (304, 0), "a weak ETag matches");
    assert_eq!(
        header(&head, "Content-Length"),
        None,
        "a 304 has no Content-Length"
    );

    let host = &server.address;
    let (code, head, body) = server.send(&format!("HEAD /big.json HTTP/1.1\r\nHost: {host}"));
    assert_eq!((code, body.len()), (200, 0));
    assert_eq!(header(&head, "Content-Length"), Some("8388608"));

    // DNS rebinding: a page on another name reaching this port.
    let port = host.rsplit_once(':').unwrap().1;
    let (code, _, _) = server.send(&format!(
        "GET /atom.xml HTTP/1.1\r\nHost: rebound.example:{port}"
    ));
    assert_eq!(code, 421);
    let (code, _, _) = server.send(&format!("GET /atom.xml HTTP/1.1\r\nHost: localhost:{port}"));
    assert_eq!(code, 200);

    let long = "x".repeat(16 * 1024);
    assert_eq!(
        server.get("/atom.xml", &format!("X-Long: {long}\r\n")).0,
        431
    );
    assert_eq!(server.get(&format!("/{}", &long[..4096]), "").0, 414);
}

#[test]
fn serve_answers_every_client_while_one_stalls() {
    use std::io::Write;
    let project = demo();
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    std::fs::write(project.feeds().join("big.json"), vec![b' '; 64 << 20]).unwrap();
    let server = std::sync::Arc::new(Server::start(&project, 0));
    // A client that asks for a large file and never reads it.
    let mut staller = std::net::TcpStream::connect(&server.address).unwrap();
    let host = server.address.clone();
    write!(staller, "GET /big.json HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    // 500 requests, 50 at a time (loopback only).
    let workers: Vec<_> = (0..50)
        .map(|_| {
            let server = std::sync::Arc::clone(&server);
            std::thread::spawn(move || {
                (0..10)
                    .map(|_| {
                        let start = std::time::Instant::now();
                        let (code, _, body) = server.get("/demo/atom.xml", "");
                        assert!(code == 200 && !body.is_empty());
                        start.elapsed()
                    })
                    .max()
                    .unwrap()
            })
        })
        .collect();
    let slowest = workers
        .into_iter()
        .map(|w| w.join().unwrap())
        .max()
        .unwrap();
    eprintln!("slowest of 500 answers while one client stalls: {slowest:?}");
    assert!(slowest < std::time::Duration::from_secs(1), "{slowest:?}");
    drop(staller);
}

#[test]
fn small_ones_are_named_escaped_and_exit_as_documented() {
    let project = demo();
    project.write("seeds/demo/2024-05-02.TXT", "标题\n\n王小明\n\n正文。\n");
    project.write(
        "seeds/demo/2024-05/2024-05-03.txt",
        "标题\n\n王小明\n\n正文。\n",
    );
    project.write(
        "seeds/demo/2024-05-04\u{1b}[2J.txt",
        "标题\n\n王小明\n\n正文。\n",
    );
    project.write("seeds/Bad Slug/publication.toml", "title = \"报\"\n");
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(lines_naming(&output, "2024-05-02.TXT").contains("lower-case .txt"));
    assert!(lines_naming(&output, "demo/2024-05").contains("a folder inside a publication"));
    let err = stderr(&output);
    assert!(
        !err.contains('\u{1b}'),
        "no escape sequence reaches the terminal: {err:?}"
    );
    assert!(err.contains("2024-05-04\\u{1b}[2J.txt"), "{err}");
    assert!(lines_naming(&output, "Bad Slug").contains("a-z, 0-9, '-' and '_'"));
}

#[test]
fn a_full_disk_while_saving_a_text_record_stops_the_run_with_exit_3() {
    let project = demo();
    let disk = project.path("disk");
    let mounted = mount_tmpfs(&disk, "size=256k");
    let now = [("PAPERBOY_NOW", "2025-01-01T00:00:00Z")];
    let output = project.run(&["build", "--out", "disk"], &now);
    assert!(output.status.success(), "{}", stderr(&output));
    // The disk fills up; the next page's text record cannot be saved.
    let mut filler = std::fs::File::create(disk.join("filler")).unwrap();
    let _ = std::io::Write::write_all(&mut filler, &vec![0u8; 1 << 20]);
    drop(filler);
    project.write(
        "seeds/demo/2024-05-02.txt",
        &format!("标题\n\n王小明\n\n{}\n", "正文。".repeat(2000)),
    );
    let output = project.run(&["build", "--out", "disk"], &now);
    drop(mounted);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("No space left on device"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn one_huge_article_is_shortened_in_feeds_with_a_link_to_its_full_text() {
    let project = demo();
    let body: String = (0..30_000)
        .map(|i| format!("这是一篇极长文章的第{i}段，内容很多。\n\n"))
        .collect();
    project.write(
        "seeds/demo/2024-05-01.txt",
        &format!("极长的标题\n\n王小明\n\n{body}"),
    );
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert!(output.status.success(), "{}", stderr(&output));
    for feed in [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "demo/atom.xml",
        "demo/rss.xml",
        "demo/feed.json",
    ] {
        let size = std::fs::metadata(project.feeds().join(feed)).unwrap().len();
        eprintln!("{feed}: {size} bytes");
        assert!(size <= 1_000_000, "{feed} is {size} bytes");
    }
    let entry = parse_feed_rs(&project.feeds().join("demo/atom.xml"))
        .entries
        .into_iter()
        .find(|e| e.title.as_ref().unwrap().content == "极长的标题")
        .expect("the long article is in the subscription feed");
    let html = entry.content.unwrap().body.unwrap();
    let link = &entry.links[0].href;
    assert!(
        html.contains("Shortened for this feed"),
        "the entry says so"
    );
    assert!(
        html.contains(link.as_str()),
        "and links to the full text {link}"
    );
    // The link is the article's own page, which keeps the whole text.
    let path = link
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(_, path)| path)
        .expect("an absolute link");
    let page = std::fs::read_to_string(project.feeds().join(path)).unwrap();
    assert!(
        page.contains("第29999段"),
        "the article page has the full text"
    );
}

/// A folder of more output files than are all checked on every run: the
/// seeds' pages as the issues of every day of January and February 2019.
fn large_project() -> Project {
    let project = Project::with_repeated_seeds(2019, 1, 28);
    for page in files_under(&project.path("seeds")) {
        let name = page.file_name().unwrap().to_str().unwrap();
        if let Some(rest) = name.strip_prefix("2019-01-") {
            std::fs::copy(&page, page.with_file_name(format!("2019-02-{rest}"))).unwrap();
        }
    }
    project
}

/// The files of `paths` whose bytes are not `originals`.
fn still_damaged(paths: &[std::path::PathBuf], originals: &[Vec<u8>]) -> usize {
    paths
        .iter()
        .zip(originals)
        .filter(|(path, bytes)| std::fs::read(path).ok().as_ref() != Some(*bytes))
        .count()
}

#[test]
fn in_a_large_folder_edits_in_place_are_repaired_within_a_rotation_and_the_rest_at_once() {
    let project = large_project();
    let hour = |h: u32| format!("2025-01-01T{h:02}:00:00Z");
    let build = |h: u32| {
        let output = project.build_at(&hour(h));
        assert!(output.status.success(), "{}", stderr(&output));
    };
    build(0);
    let feeds = project.feeds();
    let published: Vec<_> = files_under(&feeds)
        .into_iter()
        .filter(|p| !p.starts_with(feeds.join(".paperboy")))
        .collect();
    assert!(published.len() > 2000, "{} files", published.len());
    // Article pages (in their issue's folder) and archive pages, edited in
    // place: their folders keep their metadata.
    let bulk: Vec<_> = published
        .iter()
        .filter(|p| {
            let folder = p.parent().unwrap().file_name().unwrap().to_str().unwrap();
            folder == "archive" || folder.starts_with("2019-")
        })
        .step_by(40)
        .cloned()
        .collect();
    assert!(bulk.len() >= 40, "{} files", bulk.len());
    let originals: Vec<Vec<u8>> = bulk.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for (path, bytes) in bulk.iter().zip(&originals) {
        let mut edited = bytes.clone();
        edited.truncate(bytes.len() / 2);
        overwrite_keeping_mtime(path, &edited);
    }
    let atom = feeds.join("atom.xml");
    let atom_bytes = std::fs::read(&atom).unwrap();
    std::fs::write(&atom, &atom_bytes[..atom_bytes.len() / 2]).unwrap();
    // A head is repaired on the next run; the rest, one share an hour.
    build(1);
    assert!(
        std::fs::read(&atom).unwrap() == atom_bytes,
        "atom.xml is whole"
    );
    let left = still_damaged(&bulk, &originals);
    assert!(left > 0, "not every file is checked on every run");
    let mut repaired_at = Vec::new();
    let mut before = left;
    for h in 2..=17 {
        build(h);
        let now = still_damaged(&bulk, &originals);
        if now < before {
            repaired_at.push(h);
        }
        before = now;
    }
    assert_eq!(before, 0, "every file is repaired within 17 hourly runs");
    assert!(
        repaired_at.len() > 1,
        "repaired share by share: {repaired_at:?}"
    );
    assert!(project.run(&["check", "feeds"], &[]).status.success());
    // Files removed, or replaced by renaming another over them, change
    // their folders: they are repaired on the next run.
    let removed: Vec<_> = bulk.iter().step_by(3).cloned().collect();
    for path in &removed {
        std::fs::remove_file(path).unwrap();
    }
    build(18);
    assert_eq!(
        still_damaged(&bulk, &originals),
        0,
        "removed files are back"
    );
    for path in &removed {
        let other = path.with_extension("new");
        std::fs::write(&other, "replaced").unwrap();
        std::fs::rename(&other, path).unwrap();
    }
    build(19);
    assert_eq!(
        still_damaged(&bulk, &originals),
        0,
        "replaced files are whole"
    );
    assert!(project.run(&["check", "feeds"], &[]).status.success());
}
