//! HTML: the one place text is escaped for markup, the article body shared
//! by feeds and pages, and the site's pages.

use crate::config::Site;
use crate::model::{Archive, Article, BodyPart, Entry, Issue, Publication};
use crate::render::{Format, Layout};

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

/// The article's text as HTML: subtitle, paragraphs, subheads, captions.
pub fn article_body(article: &Article) -> String {
    let mut out = String::new();
    if let Some(subtitle) = &article.subtitle {
        out.push_str(&format!(
            "<p class=\"subtitle\"><strong>{}</strong></p>\n",
            escape(subtitle)
        ));
    }
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

pub const STYLESHEET: &str = "body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#222}\n\
a{color:#0645ad}h1{font-size:1.6rem}article{border-top:1px solid #ddd;padding-top:1rem;margin-top:2rem}\n\
.meta,.subtitle{color:#555}figcaption{color:#555;font-size:.9rem;border-left:3px solid #ccc;padding-left:.6rem}\n\
.feeds a{margin-right:1rem}ul.issues li{margin:.3rem 0}\n";

fn page(lang: &str, title: &str, head_extra: &str, body: &str, css: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n{head_extra}</head>\n<body>\n{body}</body>\n</html>\n",
        lang = escape(lang),
        title = escape(title),
        css = escape(css),
    )
    .into_bytes()
}

/// `<link rel="alternate">` for each format of the feed in `dir`.
fn autodiscovery(title: &str, dir: &str, layout: &Layout) -> String {
    Format::ALL
        .iter()
        .map(|f| {
            format!(
                "<link rel=\"alternate\" type=\"{}\" title=\"{} ({})\" href=\"{}\">\n",
                f.media_type(),
                escape(title),
                f.name(),
                escape(&layout.url(&format!("{dir}{}", f.file(None))))
            )
        })
        .collect()
}

/// Links to the feed in `dir`, one per format.
fn feed_links(dir: &str, layout: &Layout) -> String {
    Format::ALL
        .iter()
        .map(|f| {
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&layout.url(&format!("{dir}{}", f.file(None)))),
                f.name()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `index.html`: the publications, with their feeds.
pub fn index_page(site: &Site, archives: &[Archive], layout: &Layout) -> Vec<u8> {
    let mut head = autodiscovery(&site.title, "", layout);
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&site.title),
        escape(&site.description)
    );
    body.push_str(&format!(
        "<p class=\"feeds\">{}</p>\n",
        feed_links("", layout)
    ));
    body.push_str(&format!(
        "<p><a href=\"{}\">OPML</a></p>\n<ul>\n",
        escape(&layout.url("feeds.opml"))
    ));
    for archive in archives {
        let p = &archive.publication;
        let dir = Layout::publication_dir(&p.slug);
        head.push_str(&autodiscovery(&p.title, &dir, layout));
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a> — {} issues · {}</li>\n",
            escape(&layout.url(&dir)),
            escape(&p.title),
            archive.issues().count(),
            feed_links(&dir, layout)
        ));
    }
    body.push_str("</ul>\n");
    page(
        &site.language,
        &site.title,
        &head,
        &body,
        &layout.url("style.css"),
    )
}

/// `<slug>/index.html`: a publication's issues, newest first, each with
/// its number of articles: the titles are on the issue pages, so that a
/// new issue does not need every old article's text to list it.
pub fn publication_page(site: &Site, archive: &Archive, layout: &Layout) -> Vec<u8> {
    let p = &archive.publication;
    let dir = Layout::publication_dir(&p.slug);
    let mut body = format!(
        "<p><a href=\"{}\">{}</a></p>\n<h1>{}</h1>\n",
        escape(&layout.url("")),
        escape(&site.title),
        escape(&p.title)
    );
    if let Some(d) = &p.description {
        body.push_str(&format!("<p>{}</p>\n", escape(d)));
    }
    body.push_str(&format!(
        "<p class=\"feeds\">{}</p>\n",
        feed_links(&dir, layout)
    ));
    body.push_str("<ul class=\"issues\">\n");
    for issue in archive.issues().rev() {
        let date = issue[0].issue;
        let articles: usize = issue.iter().map(|p| p.entries.len()).sum();
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a> — {} {}</li>\n",
            escape(&layout.url(&Layout::issue_page(&p.slug, date))),
            date,
            articles,
            if articles == 1 { "article" } else { "articles" }
        ));
    }
    body.push_str("</ul>\n");
    page(
        &p.language,
        &p.title,
        &autodiscovery(&p.title, &dir, layout),
        &body,
        &layout.url("style.css"),
    )
}

fn byline(entry: &Entry) -> String {
    let a = &entry.article;
    let mut parts = Vec::new();
    if let Some(column) = &a.column {
        parts.push(escape(column));
    }
    if !a.authors.is_empty() {
        parts.push(escape(&a.authors.join(" ")));
    }
    parts.push(format!("第{}版", escape(entry.page.as_str())));
    parts.join(" · ")
}

/// `<slug>/<date>.html`: one issue, every article with its own anchor.
pub fn issue_page(site: &Site, p: &Publication, issue: &Issue, layout: &Layout) -> Vec<u8> {
    let dir = Layout::publication_dir(&p.slug);
    let title = format!("{} {}", p.title, issue.date);
    let mut body = format!(
        "<p><a href=\"{}\">{}</a> › <a href=\"{}\">{}</a></p>\n<h1>{}</h1>\n",
        escape(&layout.url("")),
        escape(&site.title),
        escape(&layout.url(&dir)),
        escape(&p.title),
        escape(&title)
    );
    body.push_str("<nav><ol>\n");
    for entry in &issue.entries {
        body.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            entry.anchor,
            escape(&entry.article.title)
        ));
    }
    body.push_str("</ol></nav>\n");
    for entry in &issue.entries {
        body.push_str(&format!(
            "<article id=\"{}\">\n<h2>{}</h2>\n<p class=\"meta\">{}</p>\n{}</article>\n",
            entry.anchor,
            escape(&entry.article.title),
            byline(entry),
            article_body(&entry.article)
        ));
    }
    page(
        &p.language,
        &title,
        &autodiscovery(&p.title, &dir, layout),
        &body,
        &layout.url("style.css"),
    )
}

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
