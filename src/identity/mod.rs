//! Stable ids and dates for entries.
//!
//! An entry's id is a `urn:uuid:` whose UUID (version 8, RFC 9562) is the
//! SHA-256 of what identifies the article and nothing else:
//!
//! ```text
//! "paperboy/article/v1" NUL slug NUL YYYY-MM-DD NUL page NUL key
//! ```
//!
//! `page` is the page label with leading zeros dropped (`1` for a file
//! without a suffix); `key` is `h:` and the headline with white space and
//! punctuation removed and full-width forms folded (so an OCR space or a
//! `：` for `:` does not change it), or, for a piece printed without a
//! headline, `c:` and its column or `photo:`; a second piece with the same key on the
//! same page gets `#2`, and so on. Body text, file times, the base URL, the
//! output folder and the time of the run never enter it.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::model::{
    Article, ArticleKind, Entry, EntryId, EntryMeta, PageLabel, PageMeta, Publication,
};

pub mod dates;

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Folds full-width forms, lower-cases, and keeps letters and digits only.
pub fn normalise_headline(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What identifies an article on its page, before disambiguation.
fn article_key(article: &Article) -> String {
    if article.printed_title {
        format!("h:{}", normalise_headline(&article.title))
    } else if let Some(column) = &article.column {
        format!("c:{}", normalise_headline(column))
    } else if article.kind == ArticleKind::Photo {
        "photo:".to_string()
    } else {
        "untitled:".to_string()
    }
}

/// Keys for a page's articles, a repeated key numbered from its second use.
pub fn page_keys(articles: &[Article]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    articles
        .iter()
        .map(|a| {
            let key = article_key(a);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

fn digest(parts: &[&str]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0u8]);
        }
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// A version-8 UUID from the first 16 bytes of a SHA-256 digest.
fn uuid(hash: &[u8; 32]) -> EntryId {
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    EntryId(u128::from_be_bytes(b))
}

/// The id of an article: see the module documentation.
pub fn article_id(slug: &str, issue: NaiveDate, page: &PageLabel, key: &str) -> EntryId {
    uuid(&digest(&[
        "paperboy/article/v1",
        slug,
        &issue.to_string(),
        page.as_str(),
        key,
    ]))
}

/// The id of a feed: `scope` is a publication slug, or `*` for the site.
pub fn feed_id(scope: &str) -> String {
    uuid(&digest(&["paperboy/feed/v1", scope])).to_string()
}

/// Fragment id of an article on its issue page, made from its id.
pub fn anchor(id: &str) -> String {
    let hash = digest(&[id]);
    format!("a-{}", hex(&hash[..5]))
}

/// A hash of everything an entry shows a reader, to notice edits.
pub fn content_hash(article: &Article) -> u128 {
    let json = serde_json::to_vec(article).expect("an article serialises");
    let digest = Sha256::digest(&json);
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// Ids, dates and sizes for the articles of one page, in page order.
pub fn identify(
    publication: &Publication,
    issue: NaiveDate,
    page: &PageLabel,
    page_ordinal: usize,
    articles: &[Article],
) -> Vec<EntryMeta> {
    let keys = page_keys(articles);
    articles
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(index, (article, key))| {
            let date = dates::published(publication, issue, page_ordinal, index);
            EntryMeta {
                id: article_id(&publication.slug, issue, page, &key),
                content: content_hash(article),
                published: date,
                updated: date,
                size: article.estimated_feed_bytes(),
            }
        })
        .collect()
}

/// An entry ready to render: what is known of it, and its article.
pub fn entry(slug: &str, page: &PageMeta, meta: &EntryMeta, article: Article) -> Entry {
    let id = meta.id.to_string();
    Entry {
        anchor: anchor(&id),
        id,
        publication: slug.to_string(),
        issue: page.issue,
        page: page.label.clone(),
        published: meta.published,
        updated: meta.updated,
        article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_normalisation_ignores_spacing_and_width() {
        assert_eq!(
            normalise_headline("龙湾:集聚 人才"),
            normalise_headline("龙湾：集聚人才")
        );
        assert_eq!(normalise_headline("ＤＸＣ Tech"), "dxctech");
    }

    #[test]
    fn ids_are_uuid_urns() {
        let id = article_id(
            "wenzhou",
            NaiveDate::from_ymd_opt(2023, 1, 13).unwrap(),
            &PageLabel::new(None),
            "h:x",
        )
        .to_string();
        assert!(id.starts_with("urn:uuid:"));
        let uuid = &id[9..];
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(feed_id("*"), feed_id("wenzhou"));
    }
}
