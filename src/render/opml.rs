//! `feeds.opml`: one Atom feed per publication, for importing into a reader
//! in one go. Readers key items by id, so an import that also held the
//! site-wide feed, or the same feed in three formats, would show every
//! article several times; the site-wide feed is offered on its own.

use crate::config::Site;
use crate::layout::{Format, Layout};
use crate::model::Paper;
use crate::render::html::escape;
use crate::render::view::XML_DECLARATION;

fn outline(title: &str, xml_url: &str, html_url: &str) -> String {
    format!(
        "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\" htmlUrl=\"{h}\"/>\n",
        t = escape(title),
        x = escape(xml_url),
        h = escape(html_url)
    )
}

pub fn render(site: &Site, papers: &[Paper], layout: &Layout) -> Vec<u8> {
    let mut out = format!(
        "{XML_DECLARATION}<opml version=\"2.0\">\n  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        escape(&site.title)
    );
    for paper in papers {
        let dir = Layout::publication_dir(&paper.publication.slug);
        let xml_url = layout.url(&Format::Atom.path(&dir, None));
        out.push_str(&outline(
            &paper.publication.title,
            &xml_url,
            &layout.url(&dir),
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out.into_bytes()
}
