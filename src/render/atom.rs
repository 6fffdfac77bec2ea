//! Atom (RFC 4287), written by the `atom_syndication` crate.

use atom_syndication::{
    Category, Content, Entry as AtomEntry, Feed as AtomFeed, Generator, Link, Person, Text,
    WriteConfig,
};

use crate::error::{Error, Result};
use crate::layout::{Format, Kind};
use crate::model::Entry;
use crate::render::html::{article_body, summary};
use crate::render::view::{Feed, XML_DECLARATION};

fn link(href: &str, rel: &str, mime: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

fn category(term: &str) -> Category {
    Category {
        term: term.to_string(),
        ..Category::default()
    }
}

fn entry(feed: &Feed, entry: &Entry) -> AtomEntry {
    AtomEntry {
        title: Text::plain(entry.article.title.clone()),
        id: entry.id.clone(),
        updated: entry.updated,
        published: Some(entry.published),
        authors: feed.authors(entry).into_iter().map(person).collect(),
        categories: feed.categories(entry).into_iter().map(category).collect(),
        links: vec![link(
            &feed.layout.entry_url(entry),
            "alternate",
            Kind::Page.media_type(),
        )],
        summary: Some(Text::plain(summary(&entry.article))),
        content: Some(Content {
            value: Some(article_body(&entry.article)),
            content_type: Some("html".to_string()),
            ..Content::default()
        }),
        ..AtomEntry::default()
    }
}

/// RFC 5005's archive marker, written as the first child of `atom:feed`:
/// RFC 4287's schema allows extension elements only among the feed's own
/// elements, before the first entry.
const ARCHIVE_MARKER: &[u8] = b"\n  <fh:archive/>";

pub fn render(feed: &Feed) -> Result<Vec<u8>> {
    let links = feed
        .links(Format::Atom)
        .into_iter()
        .map(|l| Link {
            href: l.href,
            rel: l.rel.to_string(),
            mime_type: l.media_type.map(str::to_string),
            ..Link::default()
        })
        .collect();
    // The crate writes extension elements after the entries, so the archive
    // marker is placed by hand below; only its namespace is the crate's.
    let atom = AtomFeed {
        namespaces: feed.archive_namespaces(),
        title: Text::plain(feed.head.title.clone()),
        subtitle: Some(Text::plain(feed.head.description.clone())),
        id: feed.head.id.clone(),
        updated: feed.updated(),
        authors: vec![person(&feed.head.author)],
        generator: Some(Generator {
            value: "paperboy".to_string(),
            ..Generator::default()
        }),
        links,
        lang: Some(feed.head.language.clone()),
        entries: feed.entries.iter().map(|e| entry(feed, e)).collect(),
        ..AtomFeed::default()
    };
    let config = WriteConfig {
        write_document_declaration: false,
        indent_size: Some(2),
    };
    let xml = atom
        .write_with_config(Vec::new(), config)
        .map_err(|e| Error::Render {
            path: feed.self_url(Format::Atom).into(),
            message: e.to_string(),
        })?;
    let mut bytes = Vec::with_capacity(xml.len() + 64);
    bytes.extend_from_slice(XML_DECLARATION.as_bytes());
    // Attribute values are escaped, so the first `>` closes `<feed …>`.
    let root_end = xml.iter().position(|&b| b == b'>').map_or(0, |i| i + 1);
    bytes.extend_from_slice(&xml[..root_end]);
    if feed.is_archive() {
        bytes.extend_from_slice(ARCHIVE_MARKER);
    }
    bytes.extend_from_slice(&xml[root_end..]);
    bytes.push(b'\n');
    Ok(bytes)
}
