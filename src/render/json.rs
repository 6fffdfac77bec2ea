//! JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Archive pages are
//! chained with `next_url`, JSON Feed's link to older items.

use serde::Serialize;

use crate::layout::Format;
use crate::model::Entry;
use crate::render::html::{article_body, summary};
use crate::render::view::Feed;

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    content_html: String,
    summary: String,
    date_published: String,
    date_modified: String,
    authors: Vec<Author<'a>>,
    tags: Vec<&'a str>,
    language: &'a str,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'a str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    items: Vec<Item<'a>>,
}

fn item<'a>(feed: &'a Feed, entry: &'a Entry) -> Item<'a> {
    Item {
        id: &entry.id,
        url: feed.layout.entry_url(entry),
        title: &entry.article.title,
        content_html: article_body(&entry.article),
        summary: summary(&entry.article),
        date_published: entry.published.to_rfc3339(),
        date_modified: entry.updated.to_rfc3339(),
        authors: feed
            .authors(entry)
            .into_iter()
            .map(|name| Author { name })
            .collect(),
        tags: feed.categories(entry),
        language: &feed.head.language,
    }
}

pub fn render(feed: &Feed) -> Vec<u8> {
    let json = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.head.title,
        home_page_url: feed.home_url(),
        feed_url: feed.self_url(Format::Json),
        description: &feed.head.description,
        language: &feed.head.language,
        authors: vec![Author {
            name: &feed.head.author,
        }],
        next_url: feed.prev_archive(Format::Json),
        hubs: feed
            .hub
            .map(|url| Hub {
                kind: "WebSub",
                url,
            })
            .into_iter()
            .collect(),
        items: feed.entries.iter().map(|e| item(feed, e)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&json).expect("a feed serialises");
    bytes.push(b'\n');
    bytes
}
