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

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use sha2::{Digest, Sha256};

use crate::model::{
    Article, ArticleKind, Entry, EntryId, EntryMeta, PageLabel, PageMeta, Paper, Publication,
};

/// Seconds between the press times of consecutive pages of an issue.
const PAGE_STEP: i64 = 600;

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

/// When an article counts as published: its issue's press time, less
/// `PAGE_STEP` seconds per page before it and one second per article before
/// it on its page, so that newest-first readers list an issue in page order.
pub fn published(
    publication: &Publication,
    issue: NaiveDate,
    page_ordinal: usize,
    index: usize,
) -> DateTime<FixedOffset> {
    let local = issue.and_time(publication.press_time);
    let press = publication
        .timezone
        .from_local_datetime(&local)
        .single()
        .unwrap_or_else(|| publication.timezone.from_utc_datetime(&local));
    press - Duration::seconds(PAGE_STEP * page_ordinal as i64 + index as i64)
}

/// Seconds already given to an entry, and for each a hint where the next
/// free second below it may be (a union-find with path compression, so that
/// thousands of entries wanting one second cost no more than a few steps each).
#[derive(Default)]
struct Seconds {
    below: HashMap<i64, i64>,
}

impl Seconds {
    /// The latest free second at or before `wanted`, now taken.
    fn take(&mut self, wanted: i64) -> i64 {
        let mut path = Vec::new();
        let mut second = wanted;
        while let Some(&next) = self.below.get(&second) {
            path.push(second);
            second = next;
        }
        for taken in path {
            self.below.insert(taken, second - 1);
        }
        self.below.insert(second, second - 1);
        second
    }

    /// Gives an entry its `published` second (and its `updated` the same,
    /// unless it was edited).
    fn publish(&mut self, entry: &mut EntryMeta) {
        let edited = entry.updated != entry.published;
        entry.published = at_second(entry.published, self.take(entry.published.timestamp()));
        if !edited {
            entry.updated = entry.published;
        }
    }
}

/// `date` moved to whole second `second`, in its own time zone.
fn at_second(date: DateTime<FixedOffset>, second: i64) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(second, 0).map_or(date, |t| t.with_timezone(&date.timezone()))
}

fn entries_mut(papers: &mut [Paper]) -> impl Iterator<Item = &mut EntryMeta> {
    papers
        .iter_mut()
        .flat_map(|a| &mut a.pages)
        .flat_map(|p| &mut p.entries)
}

/// Makes every `published`, and every `updated`, of the site distinct to
/// the second, so that no feed (the site-wide one holds them all) shows two
/// entries with one timestamp: two papers printed on the same day share
/// press times, a page of more than 600 articles reaches into the next
/// page's seconds, and one run dates all its edits alike.
///
/// An entry keeps its second when it is free and otherwise takes the latest
/// free second before it. Entries published before (`seen`) choose first,
/// then their edits, then new entries, so that a new issue never moves a
/// date readers have seen; within each, publications, issues and pages
/// choose in order, so that an issue still reads in page order. Distinct
/// dates stay as they are (a second run changes nothing), and dates only go
/// back, by about as many seconds as entries share them: an issue stays on
/// the day it was printed, however implausible that day is to a validator.
pub fn distinct_dates(papers: &mut [Paper], seen: &HashSet<EntryId>) {
    let mut seconds = Seconds::default();
    for entry in entries_mut(papers).filter(|e| seen.contains(&e.id)) {
        seconds.publish(entry);
    }
    for entry in entries_mut(papers).filter(|e| seen.contains(&e.id) && e.updated != e.published) {
        entry.updated = at_second(entry.updated, seconds.take(entry.updated.timestamp()));
    }
    for entry in entries_mut(papers).filter(|e| !seen.contains(&e.id)) {
        seconds.publish(entry);
    }
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
            let date = published(publication, issue, page_ordinal, index);
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
pub(crate) mod tests {
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

    pub(crate) fn publication(slug: &str, timezone: &str) -> Publication {
        Publication {
            slug: slug.to_string(),
            title: slug.to_string(),
            description: None,
            language: "zh-CN".to_string(),
            timezone: timezone.parse().unwrap(),
            press_time: chrono::NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
        }
    }

    /// A paper of one issue whose pages hold `counts` articles, dated
    /// as a build first dates them.
    pub(crate) fn paper(publication: Publication, issue: &str, counts: &[usize]) -> Paper {
        let issue: NaiveDate = issue.parse().unwrap();
        let pages = counts
            .iter()
            .enumerate()
            .map(|(ordinal, &count)| {
                let label = PageLabel::new(Some(&(ordinal + 1).to_string()));
                let entries = (0..count)
                    .map(|index| {
                        let date = published(&publication, issue, ordinal, index);
                        let key = format!("h:{index}");
                        EntryMeta {
                            id: article_id(&publication.slug, issue, &label, &key),
                            content: 0,
                            published: date,
                            updated: date,
                            size: 0,
                        }
                    })
                    .collect();
                PageMeta {
                    file_name: String::new(),
                    issue,
                    label,
                    fingerprint: crate::model::Fingerprint {
                        stamp: crate::model::FileStamp::default(),
                        sha256: [0; 32],
                        key: String::new(),
                    },
                    entries,
                }
            })
            .collect();
        Paper { publication, pages }
    }

    fn seconds(papers: &[Paper], date: impl Fn(&EntryMeta) -> i64) -> Vec<i64> {
        papers.iter().flat_map(|a| a.entries()).map(date).collect()
    }

    fn all_distinct(seconds: &[i64]) -> bool {
        seconds.iter().collect::<HashSet<_>>().len() == seconds.len()
    }

    #[test]
    fn papers_printed_on_one_day_get_distinct_seconds_and_keep_their_order() {
        // The same press time, and a paper whose 06:00 is another's 05:00.
        let mut papers = vec![
            paper(publication("a", "+08:00"), "2023-10-17", &[30, 12]),
            paper(publication("b", "+08:00"), "2023-10-17", &[25, 8]),
            paper(publication("c", "+09:00"), "2023-10-17", &[40]),
        ];
        let natural = seconds(&papers, |e| e.published.timestamp());
        assert!(!all_distinct(&natural));
        distinct_dates(&mut papers, &HashSet::new());
        let published = seconds(&papers, |e| e.published.timestamp());
        assert!(all_distinct(&published), "{published:?}");
        assert_eq!(published, seconds(&papers, |e| e.updated.timestamp()));
        // The first paper keeps its dates; every issue still reads in page
        // order, newest first; nothing moves forward, nor off its day.
        assert_eq!(published[..42], natural[..42]);
        for paper in &papers {
            let dates: Vec<_> = paper.entries().map(|e| e.published).collect();
            assert!(dates.windows(2).all(|w| w[0] > w[1]));
            assert!(dates
                .iter()
                .all(|d| d.date_naive().to_string() == "2023-10-17"));
        }
        assert!(published.iter().zip(&natural).all(|(p, n)| p <= n));
    }

    #[test]
    fn a_page_of_more_than_600_articles_keeps_its_seconds_from_the_next_page() {
        let mut papers = vec![paper(publication("a", "+08:00"), "1985-06-01", &[700, 5])];
        distinct_dates(&mut papers, &HashSet::new());
        let dates: Vec<_> = papers[0].entries().map(|e| e.published).collect();
        assert!(dates.windows(2).all(|w| w[0] > w[1]), "page order kept");
        // The second page starts after the first one's 700 seconds.
        assert_eq!((dates[0] - dates[700]).num_seconds(), 700);
        assert_eq!(
            dates[0].to_rfc3339(),
            "1985-06-01T06:00:00+08:00",
            "as printed"
        );
    }

    #[test]
    fn dates_readers_have_seen_stay_and_a_second_run_changes_nothing() {
        let mut papers = vec![
            paper(publication("a", "+08:00"), "2023-10-17", &[10]),
            paper(publication("b", "+08:00"), "2023-10-17", &[10]),
        ];
        // Paper b was published first; a arrives later.
        let seen: HashSet<EntryId> = papers[1].entries().map(|e| e.id).collect();
        let before = seconds(&papers[1..], |e| e.published.timestamp());
        distinct_dates(&mut papers, &seen);
        assert_eq!(seconds(&papers[1..], |e| e.published.timestamp()), before);
        let once = papers.clone();
        let everything = papers
            .iter()
            .flat_map(|a| a.entries())
            .map(|e| e.id)
            .collect();
        distinct_dates(&mut papers, &everything);
        assert_eq!(
            seconds(&papers, |e| e.published.timestamp()),
            seconds(&once, |e| e.published.timestamp())
        );
    }

    #[test]
    fn edits_of_one_run_get_distinct_updated_seconds() {
        let mut papers = vec![paper(publication("a", "+08:00"), "2023-10-17", &[10])];
        let now = DateTime::parse_from_rfc3339("2024-06-02T08:00:00.25+08:00").unwrap();
        for entry in &mut papers[0].pages[0].entries[..4] {
            entry.updated = now;
        }
        let seen = papers[0].entries().map(|e| e.id).collect();
        distinct_dates(&mut papers, &seen);
        let updated = seconds(&papers, |e| e.updated.timestamp());
        assert!(all_distinct(&updated), "{updated:?}");
        assert_eq!(
            papers[0].pages[0].entries[0].updated.to_rfc3339(),
            "2024-06-02T08:00:00+08:00"
        );
        assert!(papers[0].entries().all(|e| e.updated >= e.published));
    }
}
