//! HTML: the one place text is escaped for markup, the article body shared
//! by feeds and pages, and the pages' style (the pages are in `pages.rs`).

use crate::model::{Article, BodyPart};

/// Escapes text for HTML and XML content and attribute values. Article
/// text only ever reaches markup through here.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut plain = 0;
    // The five characters are ASCII, so byte offsets around them are
    // character boundaries; runs between them are copied whole.
    for (at, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
    out
}

/// The article's text as HTML for feeds: subtitle, paragraphs, subheads,
/// captions.
pub fn article_body(article: &Article) -> String {
    let mut out = String::new();
    if let Some(subtitle) = &article.subtitle {
        out.push_str(&format!(
            "<p class=\"subtitle\"><strong>{}</strong></p>\n",
            escape(subtitle)
        ));
    }
    out.push_str(&article_text(article));
    out
}

/// Paragraphs, subheads and captions (an article page shows the subtitle
/// in its header).
pub fn article_text(article: &Article) -> String {
    let mut out = String::new();
    for part in &article.body {
        match part {
            BodyPart::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", escape(p))),
            BodyPart::Subhead(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
        }
    }
    for caption in &article.captions {
        let credit = caption
            .credit
            .as_deref()
            .map(|c| format!("（{}）", escape(c)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<figure><figcaption>{}{credit}</figcaption></figure>\n",
            escape(&caption.text)
        ));
    }
    out
}

/// A short plain-text summary: the opening sentences, up to about 120
/// characters.
pub fn summary(article: &Article) -> String {
    let source = article
        .paragraphs()
        .next()
        .or_else(|| {
            article
                .captions
                .iter()
                .map(|c| c.text.as_str())
                .find(|t| !t.is_empty())
        })
        .unwrap_or(&article.title);
    let mut out = String::new();
    for sentence in source.split_inclusive(['。', '！', '？']) {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > 120 {
            break;
        }
        out.push_str(sentence);
    }
    crate::split::truncate_chars(&out, 150)
}

/// The pages' style.
pub const STYLESHEET: &str = "body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#222}\n\
a{color:#0645ad}h1{font-size:1.6rem;line-height:1.4}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem}\n\
.meta,.subtitle,.byline,.crumbs{color:#555}.subtitle{font-size:1.1rem;margin-top:-.5rem}.meta{font-size:.9rem}\n\
figcaption{color:#555;font-size:.9rem;border-left:3px solid #ccc;padding-left:.6rem}\n\
ul.latest,ul.toc,ul.issues,ul.papers,ul.months{list-style:none;padding:0}ul.latest li,ul.toc li,ul.issues li{margin:0 0 1rem}\n\
.headline{font-weight:600}li p{margin:.15rem 0}.summary,.headlines{color:#333}.headlines{font-size:.95rem}\n\
article header{border-bottom:1px solid #ddd;margin-bottom:1rem}.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin:2rem 0}\n\
footer{border-top:1px solid #ddd;margin-top:3rem;font-size:.9rem}.subscribe ul{list-style:none;padding:0}\n\
.subscribe li{display:flex;gap:.6rem;align-items:center;margin:.4rem 0}.subscribe a{min-width:6rem}.subscribe input{flex:1;font:inherit;padding:.2rem .4rem}\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(
            escape("标题<b>与“引号”</b>。"),
            "标题&lt;b&gt;与“引号”&lt;/b&gt;。"
        );
        assert_eq!(escape(""), "");
    }
}
