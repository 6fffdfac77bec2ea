//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → check → write. [`build`] reads
//! as that list; each stage is a module ([`read`], [`output`]) or a call
//! into the library's stage modules, and every file goes through the
//! output folder's one transaction ([`crate::store`]).

mod folders;
mod output;
mod read;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use xxhash_rust::xxh3::Xxh3;

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::dates::{distinct_dates, Changes};
use crate::model::{EntryId, Paper};
use crate::render::{Plan, RENDERING};
use crate::seeds::{discover, Discovery};
use crate::store::{Contents, OutputDir, PaperRecord, Previous, Seal, Totals, WriteReport};

pub use read::RECORD_FORMAT;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub seeds: PathBuf,
    pub out: PathBuf,
    pub config: PathBuf,
    /// How long to wait for another run on the same output folder.
    pub wait: Duration,
    /// The time of the run, given to entries whose content changed.
    pub now: DateTime<FixedOffset>,
    /// Build into a folder that holds other files and no build state.
    pub force: bool,
}

impl BuildOptions {
    /// The default options relative to a project folder, at the current time.
    pub fn new(root: &Path) -> BuildOptions {
        BuildOptions {
            seeds: root.join("seeds"),
            out: root.join("feeds"),
            config: root.join("paperboy.toml"),
            wait: Duration::from_secs(10),
            now: Utc::now().fixed_offset(),
            force: false,
        }
    }
}

/// What a build tells whoever runs it while it works (the command line
/// shows it; the library prints nothing).
pub trait Progress: Sync {
    /// `done` of the run's `total` pages have been read.
    fn pages_read(&self, done: usize, total: usize);
}

/// For runs that show no progress.
pub struct Quiet;

impl Progress for Quiet {
    fn pages_read(&self, _: usize, _: usize) {}
}

/// What a build did, and what it could not use.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub totals: Totals,
    pub changes: Changes,
    pub files: WriteReport,
    /// Inputs that could not be used this time, each naming its file; what
    /// they published before is still published.
    pub errors: Vec<Error>,
    pub warnings: Vec<String>,
    /// Whether the saved state was lost and rebuilt (dates from the
    /// published feeds).
    pub state_rebuilt: bool,
}

/// A cheap fingerprint of everything a build reads: paperboy's version and
/// rendering, the settings, the day (a page refused as dated after the run
/// becomes valid with time), what could not be used, and every page file's
/// name, size and mtime.
fn input_fingerprint(options: &BuildOptions, site: &Site, found: &Discovery) -> String {
    let mut hasher = Xxh3::new();
    hasher.update(
        format!(
            "{RECORD_FORMAT}|{RENDERING}|{}|{site:?}|{:?}",
            options.now.date_naive(),
            found.errors
        )
        .as_bytes(),
    );
    for seeds in &found.publications {
        hasher.update(format!("{}|{:?}", seeds.slug, seeds.settings).as_bytes());
        for page in &seeds.pages {
            hasher.update(page.path.as_os_str().as_encoded_bytes());
            hasher.update(format!("{:?}", page.stamp).as_bytes());
        }
    }
    format!("{:032x}", hasher.digest128())
}

/// Every publication as read.
struct PapersRead {
    papers: Vec<Paper>,
    /// Whether a page or publication was dropped or split anew, so that a
    /// text record may have fallen out of use.
    texts_dropped: bool,
}

/// Reads every publication (decode, split, identify); a publication whose
/// folder or settings are gone keeps nothing, one whose settings cannot be
/// read keeps its last ones.
fn read_papers(
    options: &BuildOptions,
    out: &OutputDir,
    found: Discovery,
    mut previous: Previous,
    report: &mut BuildReport,
    progress: &dyn Progress,
) -> Result<PapersRead> {
    let total = found.publications.iter().map(|p| p.pages.len()).sum();
    let done = AtomicUsize::new(0);
    let tick = || progress.pages_read(done.fetch_add(1, Ordering::Relaxed) + 1, total);
    let reading = read::Reading {
        out,
        now: options.now,
        published: &previous.published,
        tick: &tick,
    };
    let mut texts_dropped = false;
    let mut papers = Vec::new();
    for seeds in found.publications {
        let last = previous.papers.remove(&seeds.slug);
        let settings = match seeds.settings {
            Ok(publication) => Some(publication),
            Err(e) => {
                report.errors.push(e);
                last.as_ref().and_then(|p| p.publication.publication())
            }
        };
        let Some(publication) = settings else {
            continue;
        };
        let read = read::read_paper(&reading, publication, &seeds.pages, last)?;
        report.errors.extend(read.pages.errors);
        report.warnings.extend(read.pages.warnings);
        report.changes += read.pages.changes;
        texts_dropped |= read.pages.texts_dropped;
        papers.push(read.paper);
    }
    // Publications whose folders are gone take their entries with them.
    report.changes.removed += previous
        .papers
        .values()
        .flat_map(|p| &p.pages)
        .map(|p| p.entries.len())
        .sum::<usize>();
    texts_dropped |= !previous.papers.is_empty();
    Ok(PapersRead {
        papers,
        texts_dropped,
    })
}

/// The ids the last build published, which keep their dates first.
fn seen_ids(previous: &Previous) -> HashSet<EntryId> {
    previous
        .papers
        .values()
        .flat_map(|p| &p.pages)
        .flat_map(|p| &p.entries)
        .map(|e| e.id)
        .collect()
}

fn totals(papers: &[Paper]) -> Totals {
    Totals {
        publications: papers.len(),
        issues: papers.iter().map(|p| p.issues().count()).sum(),
        entries: papers.iter().map(|p| p.entries().count()).sum(),
    }
}

/// Runs the whole pipeline. Inputs that cannot be used are listed in the
/// report's `errors` (the rest is still built, and what they published
/// before stays published); an `Err` means nothing was replaced.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let site = Site::load(&options.config)?;
    folders::check(options)?;
    let out = OutputDir::open(&options.out, options.wait)?;
    let mut found = discover(&options.seeds, &site)?;
    let inputs = input_fingerprint(options, &site, &found);
    if let Some(last) = out.last_build(&inputs, options.now) {
        return Ok(BuildReport {
            totals: last.totals,
            files: WriteReport {
                unchanged: last.files,
                ..WriteReport::default()
            },
            ..BuildReport::default()
        });
    }
    let (previous, mut transaction) = out.begin(options.now)?;
    let mut report = BuildReport {
        errors: std::mem::take(&mut found.errors),
        state_rebuilt: !previous.published.is_empty(),
        ..BuildReport::default()
    };
    let seen = seen_ids(&previous);
    let PapersRead {
        mut papers,
        texts_dropped,
    } = read_papers(options, &out, found, previous, &mut report, progress)?;
    report.totals = totals(&papers);
    distinct_dates(&mut papers, &seen);
    drop(seen);
    let plan = Plan::new(&site, &papers);
    let unchanged = output::render_changed(&plan, options, &out, &mut transaction)?;
    drop(plan);
    let contents = Contents {
        papers: papers.into_iter().map(PaperRecord::from).collect(),
        texts_dropped,
    };
    let seal = report.errors.is_empty().then_some(Seal {
        inputs,
        totals: report.totals,
    });
    report.files = transaction.commit(contents, seal)?;
    report.files.unchanged = unchanged;
    Ok(report)
}
