//! Layout-preserving exports on the development pages
//! (`../shared/splitting/dev`): the pages printed with columns side by side
//! are reread column by column so that each article's body comes out in one
//! piece, in order; every other page passes through untouched.

mod common;

use std::borrow::Cow;
use std::path::PathBuf;

use paperboy::split::reading_order;
use serde_json::Value;

fn dev_dir() -> PathBuf {
    common::project_root().join("../shared/splitting/dev")
}

/// Every development page: its name (`slug/stem`), text and gold.
fn dev_pages() -> Vec<(String, String, Value)> {
    let seeds = dev_dir().join("seeds");
    assert!(
        seeds.is_dir(),
        "{} is missing (the shared splitting pages)",
        seeds.display()
    );
    let mut pages = Vec::new();
    for path in common::files_under(&seeds) {
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let slug = path.parent().unwrap().file_name().unwrap();
        let name = format!(
            "{}/{}",
            slug.to_string_lossy(),
            path.file_stem().unwrap().to_string_lossy()
        );
        let gold_path = dev_dir().join("gold").join(format!("{name}.json"));
        let gold = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        pages.push((name, std::fs::read_to_string(&path).unwrap(), gold));
    }
    assert_eq!(pages.len(), 17, "the development pages are all there");
    pages
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a gold article's body opens and closes in `text` (whitespace
/// ignored), or why it is not in one piece: the opening must be found, the
/// closing after it, and no other article's opening in between.
fn body_span(text: &str, gold: &Value, article: &Value) -> Result<(usize, usize), String> {
    let flat = without_whitespace(text);
    let field = |a: &Value, key: &str| without_whitespace(a[key].as_str().unwrap_or(""));
    let (start, end) = (field(article, "body_start"), field(article, "body_end"));
    let open = flat
        .find(&start)
        .ok_or_else(|| format!("body start {start} not found"))?;
    let close = flat[open..]
        .find(&end)
        .map(|at| open + at + end.len())
        .ok_or_else(|| format!("body end {end} not found after its start"))?;
    for other in gold["articles"].as_array().expect("gold articles") {
        let other_start = field(other, "body_start");
        if other_start != start && flat[open..close].contains(&other_start) {
            return Err("another article's body inside it".to_string());
        }
    }
    Ok((open, close))
}

/// Articles whose body the export ran into another column with no blank at
/// all between them (`…生态环` printed straight after the neighbouring
/// column's headline): no character position tells them apart, so they stay
/// broken. Listed so that the test notices when they come out whole.
const RUN_TOGETHER: [&str; 1] = ["wxrb/2021-11-26-11: 老城蝶变迎新生"];

#[test]
fn side_by_side_pages_are_read_one_article_at_a_time() {
    let mut reread = Vec::new();
    let mut whole = 0;
    for (name, text, gold) in dev_pages() {
        let Cow::Owned(read) = reading_order(&text) else {
            continue;
        };
        reread.push(name.clone());
        for article in gold["articles"].as_array().unwrap() {
            let title = article["title"].as_str().unwrap();
            let key = format!("{name}: {title}");
            let printed = body_span(&text, &gold, article);
            let result = body_span(&read, &gold, article);
            println!("{key}\n  as printed: {printed:?}\n  reread:     {result:?}");
            match (result, RUN_TOGETHER.contains(&key.as_str())) {
                (Ok(_), false) => whole += 1,
                (Err(e), false) => panic!("{key}: {e}\n{read}"),
                (Ok(_), true) => panic!("{key} now comes out whole: take it off RUN_TOGETHER"),
                (Err(_), true) => {}
            }
        }
    }
    assert_eq!(
        reread,
        [
            "rmrb/1962-09-25-02",
            "rmrb/1973-03-27-01",
            "wxrb/2021-11-26-11"
        ],
        "the pages printed side by side, and only those, are reread"
    );
    assert_eq!(whole, 5, "articles read whole");
}

/// Sentences read off the page images that run down one column across rows
/// where other columns print beside them (and, in 1973, from the foot of one
/// column to the top of the next).
const SENTENCES: [(&str, &str); 4] = [
    (
        "rmrb/1962-09-25-02",
        "许多毕业生怀着建设社会主义的雄心壮志，纷纷要求到祖国最需要、最艰苦的地方去。",
    ),
    (
        "rmrb/1962-09-25-02",
        "他们还召开了全厂职工大会，在厂部走道旁边的玻璃橱窗里，贴起了冯益昌的照片和先进事迹",
    ),
    (
        "rmrb/1973-03-27-01",
        "马杜·阿希乔和夫人以及随同来访的其他喀麦隆贵宾。",
    ),
    (
        "wxrb/2021-11-26-11",
        "记者走进道路宽敞整洁的村巷，许多居民围上来，",
    ),
];

#[test]
fn sentences_across_side_by_side_rows_come_out_whole() {
    let pages = dev_pages();
    for (page, sentence) in SENTENCES {
        let (_, text, _) = pages.iter().find(|(name, _, _)| name == page).unwrap();
        let read = reading_order(text);
        assert!(
            !without_whitespace(text).contains(sentence),
            "{page}: as printed, the other columns' lines cut into {sentence}"
        );
        assert!(
            without_whitespace(&read).contains(sentence),
            "{page}: {sentence} not read whole:\n{read}"
        );
    }
}
