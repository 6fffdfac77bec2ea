//! Properties of arbitrary pages: whatever text a page holds, splitting
//! never panics, and a build writes well-formed feeds that independent
//! parsers read, with unique ids, and the same bytes when run again.

mod common;

use std::path::Path;

use common::{assert_same_tree, feed_files, read_tree};
use paperboy::build::{build, BuildOptions, Quiet};
use paperboy::split::split_page;
use proptest::prelude::*;

/// Pieces real pages are made of, and some that break naive code.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[一二三四五六七八九十温州新闻报道记者王李张刘陈年月日]{1,12}",
        Just("。".to_string()),
        Just("，".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n\n\n\n".to_string()),
        Just("# ".to_string()),
        Just("## ".to_string()),
        Just("@@ break\n".to_string()),
        Just("@@ headline 标题\n".to_string()),
        Just("王小明 李小红".to_string()),
        Just("本报讯 记者张三报道 ".to_string()),
        Just("据新华社 ".to_string()),
        Just("本报太原4月9日电 (记者付明丽)".to_string()),
        Just("香港文匯報訊（記者 蘇榕".to_string()),
        Just("某某都市报讯 ".to_string()),
        // A layout export's gutter between columns side by side.
        Just("        ".to_string()),
        Just(" 摄".to_string()),
        Just("供图".to_string()),
        Just("RI民生观".to_string()),
        Just("核心阅读".to_string()),
        Just("本版责编：".to_string()),
        Just("2024年3月4日 星期一".to_string()),
        Just("<script>&]]>\"'".to_string()),
        Just("\u{202E}\u{200B}\u{FEFF}\u{FFFE}\u{0}\u{7}\r".to_string()),
        "[ -~]{0,20}",
        any::<char>().prop_map(String::from),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn splitting_any_text_gives_titled_articles_with_text(text in page()) {
        for article in split_page(&text) {
            prop_assert!(!article.title.trim().is_empty());
            prop_assert!(article.paragraphs().all(|p| !p.is_empty()));
            prop_assert!(article.paragraphs().next().is_some() || !article.captions.is_empty());
        }
    }
}

fn options(root: &Path, out: &str) -> BuildOptions {
    BuildOptions {
        now: chrono::DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap(),
        out: root.join(out),
        ..BuildOptions::new(root)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_pages_build_into_valid_identical_feeds(pages in prop::collection::vec(page(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds/any");
        std::fs::create_dir_all(&seeds).unwrap();
        std::fs::write(seeds.join("publication.toml"), "title = \"任意\"\n").unwrap();
        for (i, text) in pages.iter().enumerate() {
            std::fs::write(seeds.join(format!("2024-01-01-{}.txt", i + 1)), text).unwrap();
        }
        let report = build(&options(dir.path(), "one"), &Quiet).unwrap();
        prop_assert!(report.totals.entries > 0 || !report.errors.is_empty());
        for feed in feed_files(&dir.path().join("one")) {
            let bytes = std::fs::read(&feed).unwrap();
            let parsed = feed_rs::parser::parse(&bytes[..]);
            prop_assert!(parsed.is_ok(), "{} does not parse: {:?}", feed.display(), parsed.err());
            roxmltree::Document::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
            let ids: Vec<String> = parsed.unwrap().entries.into_iter().map(|e| e.id).collect();
            let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
            prop_assert_eq!(unique.len(), ids.len());
        }
        build(&options(dir.path(), "two"), &Quiet).unwrap();
        assert_same_tree(
            &read_tree(&dir.path().join("one")),
            &read_tree(&dir.path().join("two")),
            "two builds of the same pages",
        );
    }
}
