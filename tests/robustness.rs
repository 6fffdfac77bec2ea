//! Hostile and broken input, one test per row of docs/robustness.md: each
//! is refused with an error naming the file, or built into valid feeds, and
//! nothing outside the output folder is touched.

mod common;

use common::{
    assert_same_tree, feed_files, mount_tmpfs, parse_feed_rs, read_tree, stderr, temporary_files,
    Project,
};

/// A project with one good publication (`demo`, one article) to show that
/// the rest is still built.
fn demo() -> Project {
    Project::demo("2024-05-01")
}

/// Builds and expects exit 1 with an error line naming `file` and saying `says`.
fn refused(project: &Project, file: &str, says: &str) {
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    let at = err
        .find(file)
        .unwrap_or_else(|| panic!("no error names {file}:\n{err}"));
    let message = &err[at..err[at..]
        .find("\nerror: ")
        .map_or(err.len(), |end| at + end)];
    assert!(message.contains(says), "{file}: {message}");
    assert_valid_output(project);
}

/// Every feed parses, and the good publication is there.
fn assert_valid_output(project: &Project) {
    for feed in feed_files(&project.feeds()) {
        parse_feed_rs(&feed);
    }
    assert!(project.run(&["check", "feeds"], &[]).status.success());
    let demo = parse_feed_rs(&project.feeds().join("demo/atom.xml"));
    assert!(demo
        .entries
        .iter()
        .any(|e| e.title.as_ref().unwrap().content == "好的标题"));
}

fn entries(project: &Project, slug: &str) -> Vec<feed_rs::model::Entry> {
    parse_feed_rs(&project.feeds().join(format!("{slug}/atom.xml"))).entries
}

#[test]
fn empty_and_whitespace_only_pages_are_refused() {
    let project = demo();
    project.write("seeds/demo/2024-05-02.txt", "");
    project.write("seeds/demo/2024-05-03.txt", " \n\t\n\u{3000}\n");
    refused(&project, "2024-05-02.txt", "the page is empty");
    refused(&project, "2024-05-03.txt", "the page is empty");
}

#[test]
fn binary_files_are_refused_with_what_they_are() {
    let project = demo();
    std::fs::write(
        project.path("seeds/demo/2024-05-02.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .unwrap();
    std::fs::write(
        project.path("seeds/demo/2024-05-03.txt"),
        [0u8, 7, 0, 3, 0, 0, 1, 2].repeat(64),
    )
    .unwrap();
    refused(&project, "2024-05-02.txt", "this is a PNG image");
    refused(&project, "2024-05-03.txt", "this is binary data");
}

#[test]
fn text_that_is_neither_utf8_nor_gb18030_is_refused() {
    let project = demo();
    std::fs::write(
        project.path("seeds/demo/2024-05-02.txt"),
        b"\x80\x81\xff\xfe plain \xff",
    )
    .unwrap();
    refused(&project, "2024-05-02.txt", "neither UTF-8 nor GB18030");
}

#[test]
fn a_50_mb_file_is_refused_with_the_limit_named() {
    let project = demo();
    let file = std::fs::File::create(project.path("seeds/demo/2024-05-02.txt")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    refused(
        &project,
        "2024-05-02.txt",
        "more than the 4194304-byte limit",
    );
}

#[test]
fn a_single_one_megabyte_line_is_built() {
    let project = demo();
    let line = "这是一句很长的话，".repeat(1024 * 1024 / 27);
    project.write("seeds/demo/2024-05-02.txt", &format!("{line}。\n"));
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert!(output.status.success(), "{}", stderr(&output));
    for feed in feed_files(&project.feeds()) {
        parse_feed_rs(&feed);
    }
    // The long entry is shortened in feeds, so both fit the subscription feed.
    assert_eq!(entries(&project, "demo").len(), 2);
    assert!(!project.feeds().join("demo/archive").exists());
}

#[test]
fn a_page_without_a_recognisable_headline_becomes_one_article() {
    let project = demo();
    project.write(
        "seeds/demo/2024-05-02.txt",
        "今天天气晴朗，适合散步。\n\n公园里的花开了。\n",
    );
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    let titles: Vec<String> = entries(&project, "demo")
        .into_iter()
        .map(|e| e.title.unwrap().content)
        .collect();
    assert!(
        titles.contains(&"今天天气晴朗，适合散步".to_string()),
        "{titles:?}"
    );
}

#[test]
fn a_page_of_500_one_line_articles_is_built_with_distinct_ids_and_dates() {
    let project = demo();
    let page: String = (1..=500)
        .map(|i| format!("第{i}条简讯标题\n\n王小明\n\n第{i}条简讯的正文。\n\n"))
        .collect();
    project.write("seeds/demo/2024-05-02.txt", &page);
    let config = "feed_entries = 1000\nfeed_bytes = 4000000\n";
    project.write("paperboy.toml", config);
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    assert_valid_output(&project);
    let all = entries(&project, "demo");
    assert_eq!(all.len(), 501);
    let ids: std::collections::BTreeSet<_> = all.iter().map(|e| &e.id).collect();
    let dates: std::collections::BTreeSet<_> = all.iter().map(|e| e.published).collect();
    assert_eq!((ids.len(), dates.len()), (501, 501));
}

#[test]
fn duplicated_headlines_get_distinct_ids() {
    let project = demo();
    project.write(
        "seeds/demo/2024-05-02.txt",
        "同一个标题\n\n王小明\n\n第一篇。\n\n同一个标题\n\n李小红\n\n第二篇。\n",
    );
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    let same: Vec<_> = entries(&project, "demo")
        .into_iter()
        .filter(|e| e.title.as_ref().unwrap().content == "同一个标题")
        .collect();
    assert_eq!(same.len(), 2);
    assert_ne!(same[0].id, same[1].id);
}

#[test]
fn bad_impossible_future_and_ancient_dates() {
    let project = demo();
    for name in [
        "2024-5-2.txt",
        "2023-02-30.txt",
        "2025-06-01.txt",
        "1799-12-31.txt",
    ] {
        project.write(&format!("seeds/demo/{name}"), "标题\n\n王小明\n\n正文。\n");
    }
    project.write(
        "seeds/demo/1899-12-31.txt",
        "旧报标题\n\n王小明\n\n一百多年前的正文。\n",
    );
    refused(&project, "2024-5-2.txt", "is not YYYY-MM-DD");
    refused(&project, "2023-02-30.txt", "not a calendar date");
    refused(&project, "2025-06-01.txt", "after the date of this run");
    refused(&project, "1799-12-31.txt", "before 1800");
    assert!(
        entries(&project, "demo")
            .iter()
            .any(|e| e.title.as_ref().unwrap().content == "旧报标题"),
        "1899 is a date old papers have"
    );
}

#[test]
fn publication_folders_without_or_with_broken_or_unknown_settings() {
    let project = demo();
    project.write("seeds/missing/2024-05-01.txt", "标题\n\n王小明\n\n正文。\n");
    project.write("seeds/broken/publication.toml", "title = \"未闭合\n");
    project.write(
        "seeds/typo/publication.toml",
        "title = \"报\"\ndescripton = \"拼错\"\n",
    );
    refused(
        &project,
        "missing/publication.toml",
        "missing publication.toml",
    );
    refused(&project, "broken/publication.toml", "line 1");
    refused(
        &project,
        "typo/publication.toml",
        "unknown field `descripton`, expected one of",
    );
}

#[test]
fn unsafe_slugs_are_refused_and_nothing_is_written_outside_the_output() {
    let project = demo();
    for slug in ["a b", "Upper", "温州", "..x", "x%2F..%2Fy"] {
        project.write(
            &format!("seeds/{slug}/publication.toml"),
            "title = \"报\"\n",
        );
        project.write(
            &format!("seeds/{slug}/2024-05-01.txt"),
            "标题\n\n王小明\n\n正文。\n",
        );
    }
    refused(&project, "seeds/a b", "not a usable publication slug");
    for slug in ["Upper", "温州", "x%2F..%2Fy"] {
        let err = stderr(&project.build_at("2025-01-01T00:00:00Z"));
        assert!(
            err.contains(&format!(
                "seeds/{slug}: the folder name is not a usable publication slug"
            )),
            "{slug}: {err}"
        );
    }
    let mut beside: Vec<String> = std::fs::read_dir(project.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["feeds", "seeds"],
        "nothing new beside seeds/ and feeds/"
    );
    let published: Vec<String> = read_tree(&project.feeds())
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        published
            .iter()
            .all(|p| p.starts_with("demo/") || !p.contains('/') || p.starts_with("archive/")),
        "{published:?}"
    );
    assert!(
        !stderr(&project.build_at("2025-01-01T00:00:00Z")).contains("..x"),
        "a hidden folder (..x) is ignored"
    );
}

#[test]
fn symlinks_out_of_the_seeds_folder_and_loops_are_not_followed() {
    let project = demo();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("publication.toml"),
        "title = \"外面\"\n",
    )
    .unwrap();
    std::fs::write(
        outside.path().join("2024-05-01.txt"),
        "外面的标题\n\n王小明\n\n不该读到。\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path("seeds/escape")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("2024-05-01.txt"),
        project.path("seeds/demo/2024-05-02.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(project.path("seeds/loop"), project.path("seeds/loop")).unwrap();
    std::os::unix::fs::symlink(
        project.path("seeds/demo/2024-05-01.txt"),
        project.path("seeds/demo/2024-05-03.txt"),
    )
    .unwrap();
    refused(&project, "seeds/escape", "points outside the seeds folder");
    refused(
        &project,
        "demo/2024-05-02.txt",
        "points outside the seeds folder",
    );
    refused(&project, "seeds/loop", "broken or part of a loop");
    let text = read_tree(&project.feeds())
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect::<String>();
    assert!(
        !text.contains("外面的标题"),
        "nothing from outside the seeds folder is published"
    );
    assert_eq!(
        entries(&project, "demo").len(),
        2,
        "a link inside the seeds folder is followed"
    );
}

#[test]
fn markup_control_bidi_and_broken_unicode_are_escaped_or_removed() {
    let project = demo();
    let mut page = "标题<script>alert(1)</script> & ]]>\n\n王小明\n\n正文\u{202E}反向\u{200B}零宽\u{FFFE}有 <b>粗</b> & ]]> 和".as_bytes().to_vec();
    page.extend_from_slice(b"\xED\xA0\x80");
    page.extend_from_slice("孤立代理。\n".as_bytes());
    std::fs::write(project.path("seeds/demo/2024-05-02.txt"), page).unwrap();
    let output = project.build_at("2025-01-01T00:00:00Z");
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("broken UTF-8"),
        "the broken sequence is reported"
    );
    assert_valid_output(&project);
    let entry = entries(&project, "demo")
        .into_iter()
        .find(|e| e.title.as_ref().unwrap().content.starts_with("标题"))
        .unwrap();
    let html = entry.content.unwrap().body.unwrap();
    assert!(
        html.contains("有&lt;b&gt;粗&lt;/b&gt; &amp; ]]&gt;和孤立代理。"),
        "{html}"
    );
    assert!(!html.contains(['\u{202E}', '\u{200B}', '\u{FFFE}', '\u{FFFD}']));
}

#[test]
fn a_missing_output_folder_is_created_and_an_unwritable_one_is_an_error() {
    let project = demo();
    let output = project.run(
        &["build", "--out", "new/deeper/feeds"],
        &[("PAPERBOY_NOW", "2025-01-01T00:00:00Z")],
    );
    assert!(output.status.success());
    assert!(project.path("new/deeper/feeds/atom.xml").is_file());
    let readonly = project.path("readonly");
    let _mount = mount_tmpfs(&readonly, "ro,size=1m");
    let output = project.run(
        &["build", "--out", "readonly"],
        &[("PAPERBOY_NOW", "2025-01-01T00:00:00Z")],
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("readonly") && stderr(&output).contains("Read-only file system"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_full_disk_leaves_the_previous_feeds_intact() {
    let project = demo();
    let disk = project.path("disk");
    let _mount = mount_tmpfs(&disk, "size=256k");
    let output = project.run(
        &["build", "--out", "disk"],
        &[("PAPERBOY_NOW", "2025-01-01T00:00:00Z")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let before = read_tree(&disk);
    // A big new issue that cannot fit on the disk.
    let page: String = (1..=60)
        .map(|i| format!("第{i}条标题\n\n王小明\n\n{}\n\n", "很长的正文。".repeat(60)))
        .collect();
    project.write("seeds/demo/2024-05-02.txt", &page);
    let output = project.run(
        &["build", "--out", "disk"],
        &[("PAPERBOY_NOW", "2025-01-01T00:00:00Z")],
    );
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("No space left on device"),
        "{}",
        stderr(&output)
    );
    assert_same_tree(
        &before,
        &read_tree(&disk),
        "every published file is as it was (first: before the run)",
    );
    assert_eq!(
        temporary_files(&disk),
        Vec::<std::path::PathBuf>::new(),
        "staged files are removed"
    );
}
