//! `feeds.opml`: every feed, for importing into a reader in one go.

use crate::config::Site;
use crate::model::Archive;
use crate::render::html::escape;
use crate::render::{Format, Layout};

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
    let feeds =
        std::iter::once((site.title.as_str(), String::new())).chain(archives.iter().map(|a| {
            (
                a.publication.title.as_str(),
                Layout::publication_dir(&a.publication.slug),
            )
        }));
    for (title, dir) in feeds {
        for format in Format::ALL {
            let xml_url = layout.url(&format!("{dir}{}", format.file(None)));
            out.push_str(&outline(title, format.name(), &xml_url, &layout.url(&dir)));
        }
    }
    out.push_str("  </body>\n</opml>\n");
    out.into_bytes()
}
