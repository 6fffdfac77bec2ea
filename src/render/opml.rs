//! `feeds.opml`: every feed, for importing into a reader in one go.

use crate::config::Site;
use crate::render::html::escape;
use crate::render::{Archive, Layout};

fn outline(title: &str, kind: &str, xml_url: &str, html_url: &str) -> String {
    format!(
        "    <outline type=\"rss\" text=\"{t} ({kind})\" title=\"{t} ({kind})\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>\n",
        t = escape(title),
        x = escape(xml_url),
        h = escape(html_url)
    )
}

pub fn render(site: &Site, archives: &[Archive], layout: &Layout) -> Vec<u8> {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        escape(&site.title)
    );
    out.push_str(&outline(
        &site.title,
        "Atom",
        &layout.url("atom.xml"),
        &layout.url(""),
    ));
    out.push_str(&outline(
        &site.title,
        "RSS",
        &layout.url("rss.xml"),
        &layout.url(""),
    ));
    for archive in archives {
        let p = &archive.publication;
        let dir = Layout::publication_dir(&p.slug);
        out.push_str(&outline(
            &p.title,
            "Atom",
            &layout.url(&format!("{dir}atom.xml")),
            &layout.url(&dir),
        ));
        out.push_str(&outline(
            &p.title,
            "RSS",
            &layout.url(&format!("{dir}rss.xml")),
            &layout.url(&dir),
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out.into_bytes()
}
