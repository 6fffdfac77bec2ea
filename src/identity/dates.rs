//! Dates for entries: when an article counts as published, the same
//! second never given twice on the site, and dates carried over from the
//! last build (or, when its state is lost, from the published feeds), so
//! that a reader never sees an entry come back as new.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::model::{EntryId, EntryMeta, Paper, Publication};

/// Seconds between the press times of consecutive pages of an issue.
const PAGE_STEP: i64 = 600;

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

/// What changed between a page's last entries and its new ones.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

impl std::ops::AddAssign for Changes {
    fn add_assign(&mut self, other: Changes) {
        self.added += other.added;
        self.updated += other.updated;
        self.removed += other.removed;
    }
}

/// Carries dates over from a page's last entries: an entry seen before
/// keeps its `published`, and keeps its `updated` unless what it shows
/// changed, in which case `updated` becomes `now`.
pub fn reconcile(
    entries: &mut [EntryMeta],
    old: &[EntryMeta],
    now: DateTime<FixedOffset>,
) -> Changes {
    let mut changes = Changes::default();
    for entry in entries.iter_mut() {
        match old.iter().find(|o| o.id == entry.id) {
            Some(o) => {
                entry.published = o.published;
                if o.content == entry.content {
                    entry.updated = o.updated;
                } else {
                    entry.updated = now.with_timezone(&o.published.timezone()).max(o.updated);
                    changes.updated += 1;
                }
            }
            None => changes.added += 1,
        }
    }
    changes.removed = old
        .iter()
        .filter(|o| !entries.iter().any(|e| e.id == o.id))
        .count();
    changes
}

/// Entries' dates as the output's own feeds publish them, by id.
pub type PublishedDates = HashMap<String, (DateTime<FixedOffset>, DateTime<FixedOffset>)>;

/// Gives entries the dates their ids were published with (the state that
/// held them being lost); the others are new.
pub fn adopt_published(entries: &mut [EntryMeta], published: &PublishedDates) -> Changes {
    let mut changes = Changes::default();
    for entry in entries.iter_mut() {
        match published.get(&entry.id.to_string()) {
            Some(&(first, last)) => {
                entry.published = first;
                entry.updated = last;
            }
            None => changes.added += 1,
        }
    }
    changes
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::identity::{article_id, content_hash};
    use crate::model::{Article, ArticleKind, PageLabel, PageMeta};

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

    fn entry(id: u128, body: &str, published: &str) -> EntryMeta {
        let date = DateTime::parse_from_rfc3339(published).unwrap();
        let article = Article {
            title: "t".into(),
            printed_title: true,
            subtitle: None,
            column: None,
            authors: vec![],
            body: vec![crate::model::BodyPart::Paragraph(body.into())],
            captions: vec![],
            kind: ArticleKind::Story,
        };
        EntryMeta {
            id: EntryId(id),
            content: content_hash(&article),
            published: date,
            updated: date,
            size: 100,
        }
    }

    #[test]
    fn unchanged_entries_keep_dates_and_edits_move_updated() {
        let old = vec![
            entry(1, "正文", "2024-01-01T06:00:00+08:00"),
            entry(2, "旧", "2024-01-01T05:59:59+08:00"),
        ];
        // The page was reordered (computed dates swapped), 2 was edited, 3 is new, 1 stays.
        let mut new = vec![
            entry(2, "新", "2024-01-01T06:00:00+08:00"),
            entry(1, "正文", "2024-01-01T05:59:59+08:00"),
            entry(3, "另一篇", "2024-01-01T05:59:58+08:00"),
        ];
        let now = DateTime::parse_from_rfc3339("2024-02-01T10:00:00.5Z").unwrap();
        let changes = reconcile(&mut new, &old, now);
        assert_eq!(
            changes,
            Changes {
                added: 1,
                updated: 1,
                removed: 0
            }
        );
        assert_eq!(new[1].published, old[0].published);
        assert_eq!(new[1].updated, old[0].updated);
        assert_eq!(new[0].published, old[1].published);
        assert_eq!(new[0].updated, now);
        assert_eq!(
            new[0].updated.offset().local_minus_utc(),
            8 * 3600,
            "kept in the publication's offset"
        );
        let changes = reconcile(&mut new[..1], &old, now);
        assert_eq!(changes.removed, 1);
    }
}
