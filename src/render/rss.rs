//! RSS 2.0, written by the `rss` crate, following the RSS Best Practices
//! Profile: `atom:link rel="self"`, a summary in `description` before the
//! full text in `content:encoded`, name-only bylines in `dc:creator`, and
//! `guid isPermaLink="false"` for the URN ids.

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::Extension;
use rss::{Category, Channel, Guid, Item};

use crate::error::{Error, Result};
use crate::layout::Format;
use crate::model::Entry;
use crate::render::html::{article_body, escape, summary};
use crate::render::view::Feed;

fn item(feed: &Feed, entry: &Entry) -> Item {
    let dublin_core = DublinCoreExtension {
        creators: feed
            .authors(entry)
            .into_iter()
            .map(str::to_string)
            .collect(),
        ..DublinCoreExtension::default()
    };
    Item {
        title: Some(entry.article.title.clone()),
        link: Some(feed.layout.entry_url(entry)),
        description: Some(escape(&summary(&entry.article))),
        content: Some(article_body(&entry.article)),
        categories: feed
            .categories(entry)
            .into_iter()
            .map(|name| Category {
                name: name.to_string(),
                domain: None,
            })
            .collect(),
        guid: Some(Guid {
            value: entry.id.clone(),
            permalink: false,
        }),
        pub_date: Some(entry.published.to_rfc2822()),
        dublin_core_ext: Some(dublin_core),
        ..Item::default()
    }
}

pub fn render(feed: &Feed) -> Result<Vec<u8>> {
    let updated = feed.updated().to_rfc2822();
    // The channel's own `link` is its HTML page.
    let links = feed
        .links(Format::Rss)
        .into_iter()
        .filter(|l| l.rel != "alternate")
        .map(|l| Link {
            href: l.href,
            rel: l.rel.to_string(),
            mime_type: l.media_type.map(str::to_string),
            ..Link::default()
        })
        .collect();
    let (namespaces, extensions) = feed.archive_marker(|name| Extension {
        name,
        ..Extension::default()
    });
    let channel = Channel {
        namespaces,
        extensions,
        title: feed.head.title.clone(),
        link: feed.home_url(),
        description: feed.head.description.clone(),
        language: Some(feed.head.language.to_ascii_lowercase()),
        generator: Some("paperboy".to_string()),
        docs: Some("https://www.rssboard.org/rss-specification".to_string()),
        last_build_date: Some(updated.clone()),
        pub_date: Some(updated),
        atom_ext: Some(AtomExtension { links }),
        items: feed.entries.iter().map(|e| item(feed, e)).collect(),
        ..Channel::default()
    };
    let mut bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .map_err(|e| Error::Render {
            path: feed.self_url(Format::Rss).into(),
            message: e.to_string(),
        })?;
    bytes.push(b'\n');
    Ok(bytes)
}
