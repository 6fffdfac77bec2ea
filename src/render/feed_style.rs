//! How a browser shows a feed someone clicked: the Atom and RSS documents
//! name a CSS stylesheet with an `<?xml-stylesheet type="text/css"?>`
//! instruction. CSS on XML is part of the CSS standards and is not going
//! away, where XSLT in browsers is being removed; a reader ignores it.

/// Shows the feed as a page: a note on what a feed is, the feed's title,
/// then each entry's title, date and summary. Element names match in any
/// namespace, so one sheet serves Atom and RSS.
pub const STYLESHEET: &str = "feed,rss{display:block;font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#222}\n\
feed::before,channel::before{content:\"这是一个订阅源（feed）：把浏览器地址栏里的网址复制到阅读器里即可订阅，新文章会自动送达。 This is a feed: copy the address in the address bar into a feed reader to subscribe.\";display:block;padding:.8rem 1rem;margin-bottom:1.5rem;background:#fff8d6;border:1px solid #e6d68a}\n\
channel{display:block}\n\
feed>title,channel>title{display:block;font-size:1.6rem;font-weight:700}\n\
feed>subtitle,channel>description{display:block;color:#555;margin-bottom:1rem}\n\
entry,item{display:block;border-top:1px solid #ddd;padding:.8rem 0}\n\
entry>title,item>title{display:block;font-weight:600;font-size:1.1rem}\n\
entry>published,item>pubDate{display:block;color:#555;font-size:.9rem}\n\
entry>summary,item>description{display:block;margin-top:.3rem}\n\
id,updated,link,author,category,generator,content,rights,guid,encoded,creator,archive,lastBuildDate,channel>pubDate,language,ttl,docs{display:none}\n";

/// Puts the stylesheet instruction for `href` right after the XML
/// declaration (or first, when there is none).
pub fn with_stylesheet(xml: Vec<u8>, href: &str) -> Vec<u8> {
    let instruction = format!("<?xml-stylesheet type=\"text/css\" href=\"{href}\"?>\n");
    let after_declaration = if xml.starts_with(b"<?xml ") {
        xml.windows(2)
            .position(|w| w == b"?>")
            .map_or(0, |at| at + 2)
    } else {
        0
    };
    let mut out = Vec::with_capacity(xml.len() + instruction.len() + 1);
    out.extend_from_slice(&xml[..after_declaration]);
    if after_declaration > 0 {
        out.push(b'\n');
    }
    out.extend_from_slice(instruction.as_bytes());
    out.extend_from_slice(xml[after_declaration..].trim_ascii_start());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instruction_follows_the_declaration_whatever_it_declares() {
        let out = with_stylesheet(
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed/>".to_vec(),
            "../feed.css",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"../feed.css\"?>\n<feed/>"
        );
        let bare = with_stylesheet(b"<rss/>".to_vec(), "feed.css");
        assert!(bare.starts_with(b"<?xml-stylesheet"));
        assert!(roxmltree::Document::parse(std::str::from_utf8(&bare).unwrap()).is_ok());
    }
}
