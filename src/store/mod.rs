//! The output folder: the one owner of everything a build writes there.
//!
//! Beside the published files, a build keeps what it remembers between runs
//! under `.paperboy/`:
//!
//! - `catalog.bin` ([`catalog`]): each publication's settings, each seed
//!   page's fingerprint and its entries' ids, content hashes, dates and
//!   sizes, for every output file a signature of what it was rendered
//!   from and its metadata once written, and every output folder's
//!   metadata;
//! - `texts/<slug>/<name>.json` ([`texts`]): the articles each page was
//!   split into;
//! - `last-build.json` and `sealed-names` ([`last_build`]): what the last
//!   clean build was made from, so that a run with nothing to do stops
//!   early;
//! - `lock` ([`lock`]) and `writing` ([`files`]): one run at a time, and a
//!   mark while files are being renamed into place.
//!
//! A run that writes goes [`OutputDir::open`] (lock) →
//! [`OutputDir::last_build`] (stop if nothing changed) → [`OutputDir::begin`]
//! (sweep what a killed run left, forget the last build, read the catalog) →
//! [`Transaction::stage`] for every changed file → [`Transaction::commit`]
//! (one sync, renames, stale files removed, catalog saved, unused text
//! records removed, the build sealed). Losing the state costs nothing but
//! time: a text record is made again from its page, and a lost catalog's
//! dates are taken back from the published feeds.

mod catalog;
mod feed_dates;
mod files;
mod last_build;
mod lock;
mod rotation;
mod texts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::identity::dates::PublishedDates;
use crate::model::{Article, FileStamp, PageMeta};

pub use catalog::{Document, PaperRecord};
pub use files::WriteReport;
pub use last_build::{LastBuild, Totals};
use rotation::Rotation;

/// The state folder, inside the output folder.
pub const STATE_DIR: &str = ".paperboy";

/// Reads a file of the state; one that is not a regular file (a FIFO put
/// there) is refused rather than waited on.
fn read_state_file(path: &Path) -> Result<Vec<u8>> {
    crate::regular::read(path, u64::MAX, "a state file")
}

/// A list shared by the threads of a run; a thread that panicked while
/// holding it left nothing half-pushed.
fn locked<T>(list: &Mutex<Vec<T>>) -> std::sync::MutexGuard<'_, Vec<T>> {
    list.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An output folder, locked for one run.
#[derive(Debug)]
pub struct OutputDir {
    root: PathBuf,
    _lock: lock::RunLock,
    /// Text records this run wrote, made durable by the commit.
    unsynced: Mutex<Vec<PathBuf>>,
}

/// What the last build published, as a run that writes finds it.
#[derive(Debug, Default)]
pub struct Previous {
    /// Each publication as last published, by slug.
    pub papers: HashMap<String, PaperRecord>,
    /// When the catalog was lost: the dates its feeds published, by id.
    pub published: PublishedDates,
}

/// What a build publishes, for the catalog.
pub struct Contents {
    pub papers: Vec<PaperRecord>,
    /// Whether a page was dropped or split anew, so a text record may have
    /// fallen out of use.
    pub texts_dropped: bool,
}

/// What a clean build leaves for the next run to compare with.
pub struct Seal {
    /// A fingerprint of everything the build read.
    pub inputs: String,
    pub totals: Totals,
}

impl OutputDir {
    /// Creates the folder if need be and takes its lock, waiting up to
    /// `wait` for another run to finish.
    pub fn open(root: &Path, wait: Duration) -> Result<OutputDir> {
        std::fs::create_dir_all(root).map_err(Error::io(root))?;
        let lock = lock::acquire(root, wait)?;
        Ok(OutputDir {
            root: root.to_path_buf(),
            _lock: lock,
            unsynced: Mutex::new(Vec::new()),
        })
    }

    /// The last clean build, when it was made from these `inputs` and no
    /// file of the folder that a run at `now` checks was touched since: the
    /// folder already holds what this run would write.
    pub fn last_build(&self, inputs: &str, now: DateTime<FixedOffset>) -> Option<LastBuild> {
        let last = LastBuild::load(&self.root)?;
        (last.inputs == inputs
            && last.output_unchanged(&self.root, Rotation::of_run(now, last.files)))
        .then_some(last)
    }

    /// Starts a run that writes: removes what a killed run left behind,
    /// forgets the last build (only a finished clean build stands in for
    /// the next), and reads what it published. A lost catalog is rebuilt
    /// with the dates the folder's own feeds published, so none goes back.
    /// The run checks its files for damage as a run at `now` does.
    pub fn begin(&self, now: DateTime<FixedOffset>) -> Result<(Previous, Transaction<'_>)> {
        let interrupted = files::recover(&self.root)?;
        files::remove_if_present(&self.root.join(last_build::LAST_BUILD))?;
        let (catalog, published) = match catalog::Catalog::load(&self.root) {
            Some(catalog) => (catalog, PublishedDates::new()),
            None => (
                catalog::Catalog::default(),
                feed_dates::published_dates(&self.root),
            ),
        };
        let previous = Previous {
            papers: catalog
                .papers
                .into_iter()
                .map(|p| (p.publication.slug.clone(), p))
                .collect(),
            published,
        };
        // After a killed run, files may not be what the catalog says they
        // were made from; while the folder is untouched, every file it
        // lists is there.
        let documents = if interrupted {
            BTreeMap::new()
        } else {
            catalog.documents
        };
        let transaction = Transaction {
            dir: self,
            rotation: Rotation::of_run(now, documents.len()),
            settled: self.settled_folders(catalog.folders),
            previous: documents,
            next: BTreeMap::new(),
            staged: Mutex::new(Vec::new()),
        };
        Ok((previous, transaction))
    }

    /// The folders whose metadata is still what the last build recorded:
    /// no file in them was added, removed or renamed over since.
    fn settled_folders(&self, recorded: BTreeMap<String, FileStamp>) -> HashSet<String> {
        recorded
            .into_par_iter()
            .filter(|(name, stamp)| FileStamp::read(&self.root.join(name)) == Some(*stamp))
            .map(|(name, _)| name)
            .collect()
    }

    /// Keeps the articles a page was split into.
    pub fn save_text(&self, slug: &str, page: &PageMeta, articles: &[Article]) -> Result<()> {
        let written = texts::save(&self.root, slug, page, articles)?;
        locked(&self.unsynced).extend(written);
        Ok(())
    }

    /// Writes a page's text record over a damaged one.
    pub fn replace_text(&self, slug: &str, page: &PageMeta, articles: &[Article]) -> Result<()> {
        let written = texts::replace(&self.root, slug, page, articles)?;
        locked(&self.unsynced).extend(written);
        Ok(())
    }

    /// The articles of a page, as split when its record was made.
    pub fn load_text(&self, slug: &str, page: &PageMeta) -> Result<Vec<Article>> {
        texts::load(&self.root, slug, page)
    }
}

/// The files of one run, staged beside their targets until [`commit`]
/// puts them in place; dropped uncommitted, it removes what it staged, so a
/// failed run replaces nothing.
///
/// [`commit`]: Transaction::commit
pub struct Transaction<'a> {
    dir: &'a OutputDir,
    /// Which files of the last build this run checks for damage.
    rotation: Rotation,
    /// The folders untouched since the last build; every file of the
    /// others is checked.
    settled: HashSet<String>,
    /// The files the last build wrote, with what they were made from, that
    /// this run has not claimed: what is left at the commit is stale.
    previous: BTreeMap<String, Document>,
    /// Every file this run makes; entries move here from `previous`, so
    /// the two together hold each name once.
    next: BTreeMap<String, Document>,
    staged: Mutex<Vec<PathBuf>>,
}

/// The stamp of a file this run may have written, read at the commit (no
/// file has inode 0).
const UNREAD: FileStamp = FileStamp {
    size: 0,
    modified_ns: 0,
    changed_ns: 0,
    inode: 0,
};

impl Transaction<'_> {
    /// Claims these files (relative paths, each with what it is made from)
    /// for this run; for each, whether it is what the last build wrote from
    /// the same signature, untouched since (a file damaged from outside,
    /// truncated or edited, no longer has the metadata it was written
    /// with). Of the files made from the same signature, those the run
    /// checks (the heads, this hour's share, every file of a folder
    /// touched since) are stat-ed, in parallel.
    pub fn claim(&mut self, files: &[(&Path, u128)]) -> Vec<bool> {
        // Paths are UTF-8, so the names borrow them; a name is allocated
        // only for a file the last build did not write.
        let names: Vec<std::borrow::Cow<str>> = files
            .iter()
            .map(|(path, _)| path.to_string_lossy())
            .collect();
        let current: Vec<bool> = names
            .par_iter()
            .zip(files)
            .map(|(name, &(path, signature))| {
                self.previous.get(name.as_ref()).is_some_and(|last| {
                    last.signature == signature
                        && (!self.checks(name)
                            || FileStamp::read(&self.dir.root.join(path)) == Some(last.stamp))
                })
            })
            .collect();
        for ((name, &(_, signature)), &current) in names.into_iter().zip(files).zip(&current) {
            let (name, stamp) = match self.previous.remove_entry(name.as_ref()) {
                Some((name, last)) if current => (name, last.stamp),
                Some((name, _)) => (name, UNREAD),
                None => (name.into_owned(), UNREAD),
            };
            self.next.insert(name, Document { signature, stamp });
        }
        current
    }

    /// Whether this run stats the file `name` the last build wrote.
    fn checks(&self, name: &str) -> bool {
        let folder = Path::new(name).parent().and_then(Path::to_str);
        self.rotation.checks(name) || !folder.is_some_and(|f| self.settled.contains(f))
    }

    /// Stages `bytes` for the file at `relative` unless it already holds
    /// them; true when staged.
    pub fn stage(&self, relative: &Path, bytes: &[u8]) -> Result<bool> {
        let path = self.dir.root.join(relative);
        let staged = files::stage_if_changed(&path, bytes)?;
        if staged {
            locked(&self.staged).push(path);
        }
        Ok(staged)
    }

    /// Puts every staged file in place and removes the files the last build
    /// wrote that this one no longer makes; then saves the catalog, removes
    /// text records no page uses, and, for a clean build, seals it.
    pub fn commit(mut self, contents: Contents, seal: Option<Seal>) -> Result<WriteReport> {
        let root = &self.dir.root;
        let staged = std::mem::take(&mut *locked(&self.staged));
        let unsynced = std::mem::take(&mut *locked(&self.dir.unsynced));
        let stale: Vec<PathBuf> = self.previous.keys().map(PathBuf::from).collect();
        let report = files::commit(root, &staged, &unsynced, &stale)?;
        let mut unread: Vec<(&String, &mut Document)> = self
            .next
            .iter_mut()
            .filter(|(_, d)| d.stamp == UNREAD)
            .collect();
        unread.par_iter_mut().for_each(|(name, document)| {
            document.stamp = FileStamp::read(&root.join(name.as_str())).unwrap_or_default();
        });
        let documents = std::mem::take(&mut self.next);
        let files = documents.len();
        let folders = folder_stamps(root, &documents);
        let sealed = seal.map(|seal| (seal, last_build::seal(&documents, &folders)));
        let catalog = catalog::Catalog::new(contents.papers, documents, folders);
        catalog.save(root)?;
        if contents.texts_dropped {
            texts::remove_unused(root, &catalog.papers)?;
        }
        if let Some((_, output)) = &sealed {
            files::write_unsynced(&root.join(last_build::SEALED_NAMES), &output.names)?;
        }
        let last = sealed.map(|(seal, output)| LastBuild {
            inputs: seal.inputs,
            output: output.hashes,
            totals: seal.totals,
            files,
        });
        let bytes = last.as_ref().map(LastBuild::to_bytes);
        files::finish(
            root,
            bytes
                .as_deref()
                .map(|bytes| (Path::new(last_build::LAST_BUILD), bytes)),
        )?;
        Ok(report)
    }
}

/// The metadata of every folder that holds a file of `documents`, up to the
/// output folder itself (`""`), as the files are now in place.
fn folder_stamps(
    root: &Path,
    documents: &BTreeMap<String, Document>,
) -> BTreeMap<String, FileStamp> {
    let folders: HashSet<&str> = documents
        .keys()
        .flat_map(|name| Path::new(name.as_str()).ancestors().skip(1))
        .filter_map(Path::to_str)
        .collect();
    folders
        .into_par_iter()
        .map(|name| {
            let stamp = FileStamp::read(&root.join(name)).unwrap_or_default();
            (name.to_string(), stamp)
        })
        .collect()
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        files::discard(&locked(&self.staged));
    }
}
