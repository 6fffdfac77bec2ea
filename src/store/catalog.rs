//! The catalog (`.paperboy/catalog.bin`): what the last build published,
//! and from what: each publication's settings, each seed page's fingerprint
//! and its entries' ids, content hashes, dates and sizes, and for every
//! output file a signature of what it was rendered from and its metadata
//! once written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{FileStamp, PageMeta, Paper, Publication};
use crate::store::files::write_unsynced;
use crate::store::{read_state_file, STATE_DIR};

/// Bumped when the catalog's layout changes; a catalog of another format
/// is not read.
const CATALOG_FORMAT: &str = "paperboy-catalog-4";

/// The catalog, relative to the output folder.
fn catalog_path() -> PathBuf {
    Path::new(STATE_DIR).join("catalog.bin")
}

/// What the last build published, and from what.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Catalog {
    format: String,
    pub papers: Vec<PaperRecord>,
    /// Every output file: what it was rendered from, and its metadata once
    /// written.
    pub documents: BTreeMap<String, Document>,
    /// Every folder that holds an output file, by path (`""`: the output
    /// folder): its metadata once the files were in place.
    pub folders: BTreeMap<String, FileStamp>,
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
    pub fn new(
        papers: Vec<PaperRecord>,
        documents: BTreeMap<String, Document>,
        folders: BTreeMap<String, FileStamp>,
    ) -> Catalog {
        Catalog {
            format: CATALOG_FORMAT.to_string(),
            papers,
            documents,
            folders,
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
        write_unsynced(&out.join(catalog_path()), &bytes)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, EntryMeta, FileStamp, Fingerprint, PageLabel};
    use chrono::DateTime;

    #[test]
    fn the_catalog_keeps_instants_exactly_and_refuses_other_formats() {
        let dir = tempfile::tempdir().unwrap();
        let published = DateTime::parse_from_rfc3339("2024-01-01T06:00:00+08:00").unwrap();
        let edited = EntryMeta {
            id: EntryId(7),
            content: 1,
            published,
            updated: DateTime::parse_from_rfc3339("2024-02-01T10:00:00.123456789+08:00").unwrap(),
            size: 100,
        };
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
            BTreeMap::from([(String::new(), FileStamp::default())]),
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
