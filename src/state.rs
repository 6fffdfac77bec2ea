//! What a build remembers between runs, kept in the output folder under
//! `.paperboy/`: for each seed page, its fingerprint and the entries it
//! published (with their dates), and each publication's settings.
//!
//! It lets a run skip pages that did not change, keep `published` and move
//! `updated` only when an entry's content changed, and keep publishing a
//! page's entries when its file becomes unreadable. Losing it costs nothing
//! but time: dates fall back to the ones computed from the issue.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::model::{Entry, Publication};

/// The state folder, inside the output folder.
pub const STATE_DIR: &str = ".paperboy";

/// How a seed file looked when it was last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub modified_ns: u128,
    pub sha256: String,
    /// What else its entries depend on (format, timezone, press time, the
    /// page's place in its issue); a different key means read it again.
    pub key: String,
}

/// One seed page as last published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRecord {
    pub fingerprint: Fingerprint,
    pub entries: Vec<Entry>,
}

/// A publication's settings as last read, used when its
/// `publication.toml` becomes unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationRecord {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub timezone: String,
    pub press_time: String,
}

impl From<&Publication> for PublicationRecord {
    fn from(p: &Publication) -> PublicationRecord {
        PublicationRecord {
            slug: p.slug.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            language: p.language.clone(),
            timezone: p.timezone.to_string(),
            press_time: p.press_time.format("%H:%M").to_string(),
        }
    }
}

impl PublicationRecord {
    pub fn publication(&self) -> Option<Publication> {
        Some(Publication {
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            language: self.language.clone(),
            timezone: crate::config::parse_offset(&self.timezone)?,
            press_time: chrono::NaiveTime::parse_from_str(&self.press_time, "%H:%M").ok()?,
        })
    }
}

/// Where state lives, relative to the output folder.
pub fn page_record_path(slug: &str, file_name: &str) -> PathBuf {
    Path::new(STATE_DIR)
        .join("pages")
        .join(slug)
        .join(format!("{file_name}.json"))
}

pub fn publication_record_path(slug: &str) -> PathBuf {
    Path::new(STATE_DIR)
        .join("publications")
        .join(format!("{slug}.json"))
}

/// Reads a state file; a missing or unreadable one is simply not there.
pub fn load<T: DeserializeOwned>(out: &Path, relative: &Path) -> Option<T> {
    let bytes = std::fs::read(out.join(relative)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("state serialises");
    bytes.push(b'\n');
    bytes
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

/// Carries dates over from the page's last entries: an entry seen before
/// keeps its `published`, and keeps its `updated` unless what it shows
/// changed, in which case `updated` becomes `now`.
pub fn reconcile(
    entries: &mut [Entry],
    previous: Option<&PageRecord>,
    now: DateTime<FixedOffset>,
) -> Changes {
    let old = previous.map_or(&[][..], |r| r.entries.as_slice());
    let mut changes = Changes::default();
    for entry in entries.iter_mut() {
        match old.iter().find(|o| o.id == entry.id) {
            Some(o) => {
                entry.published = o.published;
                if o.content_hash == entry.content_hash {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleKind, PageLabel};

    fn entry(id: &str, body: &str, published: &str) -> Entry {
        let date = DateTime::parse_from_rfc3339(published).unwrap();
        let article = Article {
            title: id.into(),
            printed_title: true,
            subtitle: None,
            column: None,
            authors: vec![],
            body: vec![crate::model::BodyPart::Paragraph(body.into())],
            captions: vec![],
            kind: ArticleKind::Story,
        };
        Entry {
            id: id.into(),
            anchor: "a".into(),
            publication: "p".into(),
            issue: date.date_naive(),
            page: PageLabel::new(None),
            published: date,
            updated: date,
            content_hash: crate::identity::content_hash(&article),
            article,
        }
    }

    #[test]
    fn unchanged_entries_keep_dates_and_edits_move_updated() {
        let old = PageRecord {
            fingerprint: Fingerprint {
                size: 0,
                modified_ns: 0,
                sha256: String::new(),
                key: String::new(),
            },
            entries: vec![
                entry("a", "正文", "2024-01-01T06:00:00+08:00"),
                entry("b", "旧", "2024-01-01T05:59:59+08:00"),
            ],
        };
        // The page was reordered (computed dates swapped), b was edited, c is new, a... stays.
        let mut new = vec![
            entry("b", "新", "2024-01-01T06:00:00+08:00"),
            entry("a", "正文", "2024-01-01T05:59:59+08:00"),
            entry("c", "另一篇", "2024-01-01T05:59:58+08:00"),
        ];
        let now = DateTime::parse_from_rfc3339("2024-02-01T10:00:00Z").unwrap();
        let changes = reconcile(&mut new, Some(&old), now);
        assert_eq!(
            changes,
            Changes {
                added: 1,
                updated: 1,
                removed: 0
            }
        );
        assert_eq!(new[1].published, old.entries[0].published);
        assert_eq!(new[1].updated, old.entries[0].updated);
        assert_eq!(new[0].published, old.entries[1].published);
        assert_eq!(new[0].updated, now);
        assert_eq!(
            new[0].updated.offset().local_minus_utc(),
            8 * 3600,
            "kept in the publication's offset"
        );
        let changes = reconcile(&mut new[..1], Some(&old), now);
        assert_eq!(changes.removed, 1);
    }
}
