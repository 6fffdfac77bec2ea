//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → check → write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::{hex, identify};
use crate::model::{Issue, Publication};
use crate::publish::{write_output, WriteReport};
use crate::render::{render_site, Archive};
use crate::seeds::{decode, discover, read_bytes, PageFile, PublicationSeeds};
use crate::split::split_page;
use crate::state::{self, Changes, Fingerprint, PageRecord, PublicationRecord};

/// Bumped when splitting or identity changes, so that cached pages are read
/// again (dates are kept: they are carried over by id).
const RECORD_FORMAT: &str = "paperboy-page-record-1";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub seeds: PathBuf,
    pub out: PathBuf,
    pub config: PathBuf,
    /// How long to wait for another run on the same output folder.
    pub wait: Duration,
    /// The time of the run, given to entries whose content changed.
    pub now: DateTime<FixedOffset>,
    /// Show progress on stderr when the run takes a while (for terminals).
    pub progress: bool,
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
            progress: false,
        }
    }
}

/// What a build did, and what it could not use.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub publications: usize,
    pub issues: usize,
    pub entries: usize,
    pub changes: Changes,
    pub files: WriteReport,
    /// Inputs that could not be used this time, each naming its file; what
    /// they published before is still published.
    pub errors: Vec<Error>,
    pub warnings: Vec<String>,
}

/// A one-line progress count on stderr, shown only once a run has taken
/// more than a second. Pages are read in parallel, so the count is atomic.
struct Progress {
    enabled: bool,
    start: Instant,
    done: AtomicUsize,
    total: usize,
    shown: AtomicBool,
}

impl Progress {
    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.enabled
            && (done.is_multiple_of(100) || done == self.total)
            && self.start.elapsed() > Duration::from_secs(1)
        {
            eprint!("\rreading pages {done}/{}", self.total);
            self.shown.store(true, Ordering::Relaxed);
        }
    }

    fn finish(&self) {
        if self.shown.load(Ordering::Relaxed) {
            eprint!("\r\x1b[K");
        }
    }
}

/// What reading one page gave: its record (new, or the one it published
/// last time), and what to report.
#[derive(Default)]
struct PageOutcome {
    record: Option<PageRecord>,
    errors: Vec<Error>,
    warnings: Vec<String>,
    changes: Changes,
}

/// A publication's settings, or the ones it was last published with when
/// its `publication.toml` cannot be used.
fn settings(
    out: &Path,
    slug: &str,
    settings: Result<Publication>,
    report: &mut BuildReport,
) -> Option<Publication> {
    match settings {
        Ok(publication) => Some(publication),
        Err(e) => {
            report.errors.push(e);
            let record: PublicationRecord =
                state::load(out, &state::publication_record_path(slug))?;
            record.publication()
        }
    }
}

fn fingerprint_key(publication: &Publication, page: &PageFile, ordinal: usize) -> String {
    format!(
        "{RECORD_FORMAT}|{}|{}|{}|{}",
        publication.timezone,
        publication.press_time,
        page.page.as_str(),
        ordinal
    )
}

fn modified_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// One page's entries: the recorded ones when the file did not change (or
/// cannot be used now), freshly split ones otherwise.
fn read_page_record(
    options: &BuildOptions,
    publication: &Publication,
    page: &PageFile,
    ordinal: usize,
) -> PageOutcome {
    let file_name = page
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let previous: Option<PageRecord> = state::load(
        &options.out,
        &state::page_record_path(&publication.slug, file_name),
    );
    let refuse = |error: Error, previous: Option<PageRecord>| PageOutcome {
        record: previous,
        errors: vec![error],
        ..PageOutcome::default()
    };
    // A date after the run is a typo in the file name (or a wrong clock):
    // the page is refused like any other bad input, keeping what it published.
    if page.date > (options.now + chrono::Duration::days(1)).date_naive() {
        let reason = format!("{} is after the date of this run", page.date);
        return refuse(
            Error::BadFileName {
                path: page.path.clone(),
                reason,
            },
            previous,
        );
    }
    let key = fingerprint_key(publication, page, ordinal);
    let meta = match std::fs::metadata(&page.path) {
        Ok(meta) => meta,
        Err(e) => return refuse(Error::io(&page.path)(e), previous),
    };
    let unchanged = |f: &Fingerprint| {
        f.size == meta.len() && f.modified_ns == modified_ns(&meta) && f.key == key
    };
    if previous.as_ref().is_some_and(|r| unchanged(&r.fingerprint)) {
        return PageOutcome {
            record: previous,
            ..PageOutcome::default()
        };
    }
    let bytes = match read_bytes(&page.path) {
        Ok(bytes) => bytes,
        Err(e) => return refuse(e, previous),
    };
    let fingerprint = Fingerprint {
        size: meta.len(),
        modified_ns: modified_ns(&meta),
        sha256: hex(&Sha256::digest(&bytes)),
        key,
    };
    if let Some(record) = previous.as_ref().filter(|r| {
        r.fingerprint.sha256 == fingerprint.sha256 && r.fingerprint.key == fingerprint.key
    }) {
        let record = PageRecord {
            fingerprint,
            entries: record.entries.clone(),
        };
        return PageOutcome {
            record: Some(record),
            ..PageOutcome::default()
        };
    }
    let decoded = match decode(&page.path, &bytes) {
        Ok(decoded) => decoded,
        Err(e) => return refuse(e, previous),
    };
    let warnings: Vec<String> = decoded.warning.into_iter().collect();
    let articles = split_page(&decoded.text);
    if articles.is_empty() {
        return PageOutcome {
            warnings,
            ..refuse(
                Error::NoArticles {
                    path: page.path.clone(),
                },
                previous,
            )
        };
    }
    let mut entries = identify(publication, page.date, &page.page, ordinal, articles);
    let now = options.now.with_timezone(&publication.timezone);
    let changes = state::reconcile(&mut entries, previous.as_ref(), now);
    PageOutcome {
        record: Some(PageRecord {
            fingerprint,
            entries,
        }),
        warnings,
        changes,
        ..PageOutcome::default()
    }
}

/// Reads one publication: its settings and every page, into its archive
/// and the state files that remember them.
fn read_publication(
    options: &BuildOptions,
    seeds: PublicationSeeds,
    report: &mut BuildReport,
    state_files: &mut BTreeMap<PathBuf, Vec<u8>>,
    progress: &Progress,
) -> Option<Archive> {
    let PublicationSeeds {
        slug,
        settings: read,
        pages,
    } = seeds;
    let publication = settings(&options.out, &slug, read, report)?;
    state_files.insert(
        state::publication_record_path(&publication.slug),
        state::to_bytes(&PublicationRecord::from(&publication)),
    );
    // A page's place in its issue, then every page read in parallel; the
    // outcomes are taken in page order, so the output does not depend on
    // which thread finished first.
    let ordinals: Vec<usize> = pages
        .iter()
        .scan(
            None,
            |last: &mut Option<(chrono::NaiveDate, usize)>, page| {
                let ordinal = match *last {
                    Some((date, n)) if date == page.date => n + 1,
                    _ => 0,
                };
                *last = Some((page.date, ordinal));
                Some(ordinal)
            },
        )
        .collect();
    let outcomes: Vec<PageOutcome> = pages
        .par_iter()
        .zip(ordinals.par_iter())
        .map(|(page, &ordinal)| {
            let outcome = read_page_record(options, &publication, page, ordinal);
            progress.tick();
            outcome
        })
        .collect();
    let mut issues: Vec<Issue> = Vec::new();
    for (page, outcome) in pages.iter().zip(outcomes) {
        report.errors.extend(outcome.errors);
        report.warnings.extend(outcome.warnings);
        report.changes += outcome.changes;
        let Some(record) = outcome.record else {
            continue;
        };
        let file_name = page
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        state_files.insert(
            state::page_record_path(&publication.slug, file_name),
            state::to_bytes(&record),
        );
        match issues.last_mut() {
            Some(issue) if issue.date == page.date => issue.entries.extend(record.entries),
            _ => issues.push(Issue {
                date: page.date,
                entries: record.entries,
            }),
        }
    }
    Some(Archive {
        publication,
        issues,
    })
}

/// Entries that pages deleted since the last run had published.
fn removed_entries(out: &Path, state_files: &BTreeMap<PathBuf, Vec<u8>>) -> usize {
    let pages = out.join(state::STATE_DIR).join("pages");
    let Ok(slugs) = std::fs::read_dir(&pages) else {
        return 0;
    };
    let mut removed = 0;
    for slug in slugs.flatten() {
        for record in std::fs::read_dir(slug.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let relative = record
                .path()
                .strip_prefix(out)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            if !state_files.contains_key(&relative) {
                let old: Option<PageRecord> = state::load(out, &relative);
                removed += old.map_or(0, |r| r.entries.len());
            }
        }
    }
    removed
}

/// What the last clean build (one with no input errors) was made from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct LastBuild {
    inputs: String,
    publications: usize,
    issues: usize,
    entries: usize,
}

const LAST_BUILD: &str = ".paperboy/last-build.json";

/// A cheap fingerprint of everything a build reads: paperboy's version,
/// the settings, the day (a page refused as dated after the run becomes
/// valid with time), and every seed file's name, size and mtime.
fn input_fingerprint(options: &BuildOptions) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "{RECORD_FORMAT}|{}|{}",
        env!("CARGO_PKG_VERSION"),
        options.now.date_naive()
    ));
    hasher.update(std::fs::read(&options.config).unwrap_or_default());
    fn walk(dir: &Path, hasher: &mut Sha256) -> Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(Error::io(dir))?
            .map(|e| e.map(|e| e.path()).map_err(Error::io(dir)))
            .collect::<Result<_>>()?;
        entries.sort();
        for path in entries {
            hasher.update(path.as_os_str().as_encoded_bytes());
            let Ok(meta) = std::fs::metadata(&path) else {
                hasher.update(b"?");
                continue;
            };
            if meta.is_dir() {
                walk(&path, hasher)?;
            } else if path.file_name().is_some_and(|n| n == "publication.toml") {
                hasher.update(std::fs::read(&path).unwrap_or_default());
            } else {
                hasher.update(format!("|{}|{}", meta.len(), modified_ns(&meta)));
            }
        }
        Ok(())
    }
    walk(&options.seeds, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

/// When nothing a build reads has changed since the last clean build and
/// every file it wrote is still there, the output is already what this
/// build would write.
fn unchanged_since_last_build(options: &BuildOptions, inputs: &str) -> Option<BuildReport> {
    let last: LastBuild = state::load(&options.out, Path::new(LAST_BUILD))?;
    if last.inputs != inputs {
        return None;
    }
    let manifest: Vec<PathBuf> = state::load(&options.out, Path::new(".paperboy/manifest.json"))?;
    if !manifest.iter().all(|f| options.out.join(f).is_file()) {
        return None;
    }
    Some(BuildReport {
        publications: last.publications,
        issues: last.issues,
        entries: last.entries,
        files: WriteReport {
            unchanged: manifest.len(),
            ..WriteReport::default()
        },
        ..BuildReport::default()
    })
}

/// Runs the whole pipeline. Inputs that cannot be used are listed in the
/// report's `errors` (the rest is still built, and what they published
/// before stays published); an `Err` means nothing was replaced.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let site = Site::load(&options.config)?;
    if !options.seeds.is_dir() {
        return Err(Error::Config {
            path: options.seeds.clone(),
            message: "the seeds folder does not exist; pass --seeds DIR".to_string(),
        });
    }
    std::fs::create_dir_all(&options.out).map_err(Error::io(&options.out))?;
    let _lock = crate::lock::acquire(&options.out, options.wait)?;
    let inputs = input_fingerprint(options)?;
    if let Some(report) = unchanged_since_last_build(options, &inputs) {
        return Ok(report);
    }
    let found = discover(&options.seeds, &site)?;
    let mut report = BuildReport {
        errors: found.errors,
        ..BuildReport::default()
    };
    let mut state_files = BTreeMap::new();
    let total = found.publications.iter().map(|p| p.pages.len()).sum();
    let progress = Progress {
        enabled: options.progress,
        start: Instant::now(),
        done: AtomicUsize::new(0),
        total,
        shown: AtomicBool::new(false),
    };
    let archives: Vec<Archive> = found
        .publications
        .into_iter()
        .filter_map(|seeds| {
            read_publication(options, seeds, &mut report, &mut state_files, &progress)
        })
        .collect();
    progress.finish();
    report.changes.removed += removed_entries(&options.out, &state_files);
    report.publications = archives.len();
    report.issues = archives.iter().map(|a| a.issues.len()).sum();
    report.entries = archives.iter().map(|a| a.entries().count()).sum();
    let mut files = render_site(&site, &archives)?;
    let problems = crate::check::check_files(&files, options.now);
    if !problems.is_empty() {
        return Err(Error::Gate { problems });
    }
    files.append(&mut state_files);
    // Only a clean build can stand in for the next (one with input errors
    // must report them again), and only once all it wrote is in place.
    crate::publish::remove_if_present(&options.out.join(LAST_BUILD))?;
    let last = report.errors.is_empty().then_some(LastBuild {
        inputs,
        publications: report.publications,
        issues: report.issues,
        entries: report.entries,
    });
    let seal = last.as_ref().map(state::to_bytes);
    report.files = write_output(
        &options.out,
        &files,
        seal.as_deref().map(|bytes| (Path::new(LAST_BUILD), bytes)),
    )?;
    Ok(report)
}
