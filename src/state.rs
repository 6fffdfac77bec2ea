//! What a build remembers between runs, kept in the output folder under
//! `.paperboy/`:
//!
//! - the catalog (`catalog.bin`): each publication's settings, each seed
//!   page's fingerprint and its entries' ids, content hashes, dates and
//!   sizes, and for every output file a signature of what it was rendered
//!   from and its metadata once written;
//! - one text record per page (`texts/<slug>/<name>.json`): the articles
//!   the page was split into, named by the page's content, so a record is
//!   never rewritten in place.
//!
//! It lets a run skip pages and documents that did not change, keep
//! `published` and move `updated` only when an entry's content changed,
//! and keep publishing a page's entries when its file becomes unreadable.
//! Losing it costs nothing but time: a text record is made again from its
//! page, and a lost catalog's dates are taken back from the published
//! feeds.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Article, EntryMeta, FileStamp, PageMeta, Paper, Publication};

/// Reads a file of the state; one that is not a regular file (a FIFO put
/// there) is refused rather than waited on.
fn read_state_file(path: &Path) -> Result<Vec<u8>> {
    crate::seeds::read_regular(path, u64::MAX, "a state file")
}

/// The state folder, inside the output folder.
pub const STATE_DIR: &str = ".paperboy";

/// Bumped when the catalog's layout changes; a catalog of another format
/// is not read.
const CATALOG_FORMAT: &str = "paperboy-catalog-3";

/// The catalog, relative to the output folder.
fn catalog_path() -> PathBuf {
    Path::new(STATE_DIR).join("catalog.bin")
}

/// What the last build published, and from what.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Catalog {
    format: String,
    // Catalogs written before the rename called them archives.
    #[serde(alias = "archives")]
    pub papers: Vec<PaperRecord>,
    /// Every output file: what it was rendered from, and its metadata once
    /// written.
    pub documents: BTreeMap<String, Document>,
}

/// An output file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// A hash of the entries and settings it was rendered from.
    pub signature: u128,
    pub stamp: FileStamp,
}

/// A publication as last published.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaperRecord {
    pub publication: PublicationRecord,
    pub pages: Vec<PageMeta>,
}

impl From<Paper> for PaperRecord {
    fn from(paper: Paper) -> PaperRecord {
        PaperRecord {
            publication: PublicationRecord::from(&paper.publication),
            pages: paper.pages,
        }
    }
}

impl Catalog {
    pub fn new(papers: Vec<PaperRecord>, documents: BTreeMap<String, Document>) -> Catalog {
        Catalog {
            format: CATALOG_FORMAT.to_string(),
            papers,
            documents,
        }
    }

    /// The catalog of the last build; none when there is none, or it is
    /// unreadable or of another format.
    pub fn load(out: &Path) -> Option<Catalog> {
        let bytes = read_state_file(&out.join(catalog_path())).ok()?;
        let catalog: Catalog = postcard::from_bytes(&bytes).ok()?;
        (catalog.format == CATALOG_FORMAT).then_some(catalog)
    }

    /// Replaces the catalog atomically. It is not synced on its own: losing
    /// it to a crash costs a slower next run, not published entries.
    pub fn save(&self, out: &Path) -> Result<()> {
        let bytes = postcard::to_stdvec(self).expect("the catalog serialises");
        crate::publish::write_unsynced(&out.join(catalog_path()), &bytes)
    }
}

/// Where a page's text record lives, relative to the output folder: named
/// by the page's bytes and how they were read, so that a record, once
/// written, never changes.
pub fn text_path(slug: &str, page: &PageMeta) -> PathBuf {
    let name = xxhash_rust::xxh3::xxh3_128(
        &[
            &page.fingerprint.sha256[..],
            page.fingerprint.key.as_bytes(),
        ]
        .concat(),
    );
    Path::new(STATE_DIR)
        .join("texts")
        .join(slug)
        .join(format!("{name:032x}.json"))
}

/// Keeps the articles of a page, unless a record of the same name (and so
/// the same content) is already there.
pub fn save_text(out: &Path, slug: &str, page: &PageMeta, articles: &[Article]) -> Result<()> {
    let path = out.join(text_path(slug, page));
    if path.is_file() {
        return Ok(());
    }
    let bytes = serde_json::to_vec(articles).expect("articles serialise");
    crate::publish::write_unsynced(&path, &bytes)
}

/// Writes a page's text record over a damaged one.
pub fn replace_text(out: &Path, slug: &str, page: &PageMeta, articles: &[Article]) -> Result<()> {
    crate::publish::remove_if_present(&out.join(text_path(slug, page)))?;
    save_text(out, slug, page, articles)
}

/// The articles of a page, as split when its record was made.
pub fn load_text(out: &Path, slug: &str, page: &PageMeta) -> Result<Vec<Article>> {
    let path = out.join(text_path(slug, page));
    let damaged = |message: String| Error::State {
        path: path.clone(),
        message,
    };
    let bytes = read_state_file(&path).map_err(|e| damaged(e.to_string()))?;
    let articles: Vec<Article> =
        serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    if articles.len() != page.entries.len() {
        return Err(damaged(format!(
            "holds {} articles where {} were recorded",
            articles.len(),
            page.entries.len()
        )));
    }
    Ok(articles)
}

/// Removes the text records that no page of `papers` names any more.
pub fn remove_unused_texts(out: &Path, papers: &[PaperRecord]) -> Result<usize> {
    let used: HashSet<PathBuf> = papers
        .iter()
        .flat_map(|a| {
            a.pages
                .iter()
                .map(|p| out.join(text_path(&a.publication.slug, p)))
        })
        .collect();
    let texts = out.join(STATE_DIR).join("texts");
    let mut removed = 0;
    for slug in std::fs::read_dir(&texts).into_iter().flatten().flatten() {
        for record in std::fs::read_dir(slug.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = record.path();
            if !used.contains(&path) {
                crate::publish::remove_if_present(&path)?;
                removed += 1;
            }
        }
        // Leaves folders that still hold anything.
        let _ = std::fs::remove_dir(slug.path());
    }
    Ok(removed)
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

/// Reads a state file; a missing or unreadable one is simply not there.
pub fn load<T: DeserializeOwned>(out: &Path, relative: &Path) -> Option<T> {
    let bytes = read_state_file(&out.join(relative)).ok()?;
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

/// When the catalog is lost, the dates every entry was published with
/// are still in the output's JSON feeds (subscription and archive
/// documents): `date_published` and `date_modified`, by id.
pub fn published_dates(out: &Path) -> PublishedDates {
    fn walk(dir: &Path, depth: usize, dates: &mut PublishedDates) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            } else if kind.is_dir() && depth > 0 {
                walk(&path, depth - 1, dates);
            } else if kind.is_file() && name.ends_with(".json") {
                read_feed_dates(&path, dates);
            }
        }
    }
    let mut dates = PublishedDates::new();
    // The site, a publication, and a publication's archive folder.
    walk(out, 2, &mut dates);
    dates
}

fn read_feed_dates(path: &Path, dates: &mut PublishedDates) {
    let Ok(bytes) = crate::seeds::read_regular(path, u64::MAX, "a feed") else {
        return;
    };
    let Ok(feed) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return;
    };
    let date = |item: &serde_json::Value, key: &str| {
        DateTime::parse_from_rfc3339(item[key].as_str()?).ok()
    };
    for item in feed["items"].as_array().into_iter().flatten() {
        if let (Some(id), Some(published), Some(updated)) = (
            item["id"].as_str(),
            date(item, "date_published"),
            date(item, "date_modified"),
        ) {
            dates.insert(id.to_string(), (published, updated));
        }
    }
}

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
mod tests {
    use super::*;
    use crate::model::{Article, ArticleKind, EntryId, FileStamp, Fingerprint, PageLabel};

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
            content: crate::identity::content_hash(&article),
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

    #[test]
    fn the_catalog_keeps_instants_exactly_and_refuses_other_formats() {
        let dir = tempfile::tempdir().unwrap();
        let mut edited = entry(7, "x", "2024-01-01T06:00:00+08:00");
        edited.updated =
            DateTime::parse_from_rfc3339("2024-02-01T10:00:00.123456789+08:00").unwrap();
        let page = PageMeta {
            file_name: "2024-01-01.txt".into(),
            issue: edited.published.date_naive(),
            label: PageLabel::new(None),
            fingerprint: Fingerprint {
                stamp: FileStamp {
                    size: 1,
                    modified_ns: 2,
                    changed_ns: 3,
                    inode: 4,
                },
                sha256: [3; 32],
                key: "k".into(),
            },
            entries: vec![edited],
        };
        let record = PaperRecord {
            publication: PublicationRecord {
                slug: "p".into(),
                title: "P".into(),
                description: None,
                language: "zh-CN".into(),
                timezone: "+08:00".into(),
                press_time: "06:00".into(),
            },
            pages: vec![page.clone()],
        };
        let document = Document {
            signature: 9,
            stamp: FileStamp::default(),
        };
        Catalog::new(
            vec![record],
            BTreeMap::from([("atom.xml".into(), document)]),
        )
        .save(dir.path())
        .unwrap();
        let loaded = Catalog::load(dir.path()).unwrap();
        assert_eq!(loaded.papers[0].pages[0], page);
        assert_eq!(loaded.papers[0].pages[0].entries[0].updated, edited.updated);
        assert_eq!(loaded.documents["atom.xml"].signature, 9);
        let mut other = loaded;
        other.format = "paperboy-catalog-0".into();
        other.save(dir.path()).unwrap();
        assert!(Catalog::load(dir.path()).is_none());
    }
}
