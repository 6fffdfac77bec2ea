//! Atom (RFC 4287), written by the `atom_syndication` crate.

use atom_syndication::{
    Category, Content, Entry as AtomEntry, Feed as AtomFeed, Generator, Link, Person, Text,
    WriteConfig,
};

use crate::error::{Error, Result};
use crate::model::Entry;
use crate::render::html::{article_body, summary};
use crate::render::{archive_namespaces, Feed, Format, Layout, XML_DECLARATION};

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

/// The categories of an entry: its publication and its column.
pub fn categories<'a>(feed: &'a Feed, entry: &'a Entry) -> Vec<&'a str> {
    let mut terms = vec![feed.publication_title(entry)];
    terms.extend(entry.article.column.as_deref());
    terms
}

/// The entry's authors: its writers, or the publication when none is named.
pub fn authors<'a>(feed: &'a Feed, entry: &'a Entry) -> Vec<&'a str> {
    if entry.article.authors.is_empty() {
        vec![feed.publication_title(entry)]
    } else {
        entry.article.authors.iter().map(String::as_str).collect()
    }
}

fn entry(feed: &Feed, entry: &Entry, layout: &Layout) -> AtomEntry {
    AtomEntry {
        title: Text::plain(entry.article.title.clone()),
        id: entry.id.clone(),
        updated: entry.updated,
        published: Some(entry.published),
        authors: authors(feed, entry).into_iter().map(person).collect(),
        categories: categories(feed, entry).into_iter().map(category).collect(),
        links: vec![link(&layout.entry_url(entry), "alternate", "text/html")],
        summary: Some(Text::plain(summary(&entry.article))),
        content: Some(Content {
            value: Some(article_body(&entry.article)),
            content_type: Some("html".to_string()),
            ..Content::default()
        }),
        ..AtomEntry::default()
    }
}

/// The feed's links: itself, its HTML page, its place in the archive
/// (RFC 5005) and its WebSub hub, for any of the three formats.
pub fn feed_links(
    feed: &Feed,
    format: Format,
) -> Vec<(String, &'static str, Option<&'static str>)> {
    let mut links = vec![(feed.self_url(format), "self", Some(format.media_type()))];
    links.push((feed.home_url.clone(), "alternate", Some("text/html")));
    if feed.is_archive() {
        links.push((
            feed.current_url(format),
            "current",
            Some(format.media_type()),
        ));
    }
    if let Some(url) = feed.prev_archive(format) {
        links.push((url, "prev-archive", Some(format.media_type())));
    }
    if let Some(url) = feed.next_archive(format) {
        links.push((url, "next-archive", Some(format.media_type())));
    }
    if let Some(hub) = feed.hub {
        links.push((hub.to_string(), "hub", None));
    }
    links
}

/// RFC 5005's archive marker, written as the first child of `atom:feed`:
/// RFC 4287's schema allows extension elements only among the feed's own
/// elements, before the first entry.
const ARCHIVE_MARKER: &[u8] = b"\n  <fh:archive/>";

pub fn render(feed: &Feed, layout: &Layout) -> Result<Vec<u8>> {
    let links = feed_links(feed, Format::Atom)
        .into_iter()
        .map(|(href, rel, mime)| Link {
            href,
            rel: rel.to_string(),
            mime_type: mime.map(str::to_string),
            ..Link::default()
        })
        .collect();
    // The crate writes extension elements after the entries, so the archive
    // marker is placed by hand below; only its namespace is the crate's.
    let atom = AtomFeed {
        namespaces: archive_namespaces(feed),
        title: Text::plain(feed.title.clone()),
        subtitle: Some(Text::plain(feed.description.clone())),
        id: feed.id.clone(),
        updated: feed.updated(),
        authors: vec![person(&feed.author)],
        generator: Some(Generator {
            value: "paperboy".to_string(),
            ..Generator::default()
        }),
        links,
        lang: Some(feed.language.clone()),
        entries: feed
            .entries
            .iter()
            .map(|e| entry(feed, e, layout))
            .collect(),
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
