//! Bytes → decoded text → articles → entry HTML: never a panic, and every
//! article has a title and something to show.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperboy::render::html::{article_body, summary};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = paperboy::seeds::decode(std::path::Path::new("fuzz.txt"), data) else {
        return;
    };
    for article in paperboy::split::split_page(&decoded.text) {
        assert!(!article.title.trim().is_empty());
        assert!(article.paragraphs().next().is_some() || !article.captions.is_empty());
        let html = article_body(&article);
        assert!(!html.contains("<script"));
        let _ = summary(&article);
        let _ = paperboy::identity::content_hash(&article);
    }
});
