//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → check → write.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::Xxh3;

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::{distinct_dates, identify};
use crate::model::{Archive, Article, EntryId, Fingerprint, PageMeta, Publication};
use crate::publish::WriteReport;
use crate::render::{Job, Plan, RENDERING};
use crate::seeds::{decode, discover, read_bytes, Discovery, PageFile, PublicationSeeds};
use crate::split::punctuation::full_width_article;
use crate::split::split_page;
use crate::state::{self, ArchiveRecord, Catalog, Changes};

/// Bumped when splitting or identity changes, so that cached pages are read
/// again (dates are kept: they are carried over by id).
const RECORD_FORMAT: &str = "paperboy-page-record-3";

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

/// What reading one page gave: what it publishes (new, or what it
/// published last time), and what to report.
#[derive(Default)]
struct PageOutcome {
    page: Option<PageMeta>,
    errors: Vec<Error>,
    warnings: Vec<String>,
    changes: Changes,
    /// Whether the page was split anew, replacing its last text record.
    text_replaced: bool,
}

/// A publication's settings, or the ones it was last published with when
/// its `publication.toml` cannot be used.
fn settings(
    settings: Result<Publication>,
    previous: Option<&ArchiveRecord>,
    report: &mut BuildReport,
) -> Option<Publication> {
    match settings {
        Ok(publication) => Some(publication),
        Err(e) => {
            report.errors.push(e);
            previous?.publication.publication()
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

/// One page's entries: the recorded ones when the file did not change (or
/// cannot be used now), freshly split ones otherwise.
fn read_page(
    options: &BuildOptions,
    publication: &Publication,
    page: &PageFile,
    ordinal: usize,
    previous: Option<PageMeta>,
) -> PageOutcome {
    let refuse = |error: Error, previous: Option<PageMeta>| PageOutcome {
        page: previous,
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
    let Some((size, modified_ns)) = page.stamp else {
        let e = std::fs::metadata(&page.path).err().unwrap_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "the file went away")
        });
        return refuse(Error::io(&page.path)(e), previous);
    };
    let unchanged =
        |f: &Fingerprint| f.size == size && f.modified_ns == modified_ns && f.key == key;
    if previous.as_ref().is_some_and(|p| unchanged(&p.fingerprint)) {
        return PageOutcome {
            page: previous,
            ..PageOutcome::default()
        };
    }
    let bytes = match read_bytes(&page.path) {
        Ok(bytes) => bytes,
        Err(e) => return refuse(e, previous),
    };
    let fingerprint = Fingerprint {
        size,
        modified_ns,
        sha256: Sha256::digest(&bytes).into(),
        key,
    };
    if let Some(previous) = previous.as_ref().filter(|p| {
        p.fingerprint.sha256 == fingerprint.sha256 && p.fingerprint.key == fingerprint.key
    }) {
        return PageOutcome {
            page: Some(PageMeta {
                fingerprint,
                ..previous.clone()
            }),
            ..PageOutcome::default()
        };
    }
    let decoded = match decode(&page.path, &bytes) {
        Ok(decoded) => decoded,
        Err(e) => return refuse(e, previous),
    };
    let warnings: Vec<String> = decoded.warning.into_iter().collect();
    // Punctuation is mended on finished articles, whatever cut them.
    let articles: Vec<Article> = split_page(&decoded.text)
        .into_iter()
        .map(full_width_article)
        .collect();
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
    let mut entries = identify(publication, page.date, &page.page, ordinal, &articles);
    let now = options.now.with_timezone(&publication.timezone);
    let old = previous.as_ref().map_or(&[][..], |p| p.entries.as_slice());
    let changes = state::reconcile(&mut entries, old, now);
    let file_name = page
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let meta = PageMeta {
        file_name,
        issue: page.date,
        label: page.page.clone(),
        fingerprint,
        entries,
    };
    if let Err(e) = state::save_text(&options.out, &publication.slug, &meta, &articles) {
        return refuse(e, previous);
    }
    PageOutcome {
        page: Some(meta),
        warnings,
        changes,
        text_replaced: previous.is_some(),
        ..PageOutcome::default()
    }
}

/// Reads one publication: its settings and every page, each page read
/// again only when its file changed. Also says whether a text record may
/// have fallen out of use.
fn read_publication(
    options: &BuildOptions,
    seeds: PublicationSeeds,
    previous: Option<ArchiveRecord>,
    report: &mut BuildReport,
    progress: &Progress,
) -> (Option<Archive>, bool) {
    let PublicationSeeds {
        settings: read,
        pages,
        ..
    } = seeds;
    let Some(publication) = settings(read, previous.as_ref(), report) else {
        return (None, false);
    };
    let mut old: HashMap<String, PageMeta> = previous
        .map(|p| p.pages)
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.file_name.clone(), p))
        .collect();
    // A page's place in its issue, then every page read in parallel; the
    // outcomes are taken in page order, so the output does not depend on
    // which thread finished first.
    let work: Vec<(&PageFile, usize, Option<PageMeta>)> = pages
        .iter()
        .scan(
            None,
            |last: &mut Option<(chrono::NaiveDate, usize)>, page| {
                let ordinal = match *last {
                    Some((date, n)) if date == page.date => n + 1,
                    _ => 0,
                };
                *last = Some((page.date, ordinal));
                Some((page, ordinal))
            },
        )
        .map(|(page, ordinal)| {
            let name = page.path.file_name().and_then(|n| n.to_str());
            (page, ordinal, name.and_then(|n| old.remove(n)))
        })
        .collect();
    let outcomes: Vec<PageOutcome> = work
        .into_par_iter()
        .map(|(page, ordinal, previous)| {
            let outcome = read_page(options, &publication, page, ordinal, previous);
            progress.tick();
            outcome
        })
        .collect();
    // Pages whose files are gone take their entries with them.
    report.changes.removed += old.values().map(|p| p.entries.len()).sum::<usize>();
    let mut texts_dropped = !old.is_empty();
    let mut kept = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        report.errors.extend(outcome.errors);
        report.warnings.extend(outcome.warnings);
        report.changes += outcome.changes;
        texts_dropped |= outcome.text_replaced;
        kept.extend(outcome.page);
    }
    let archive = Archive {
        publication,
        pages: kept,
    };
    (Some(archive), texts_dropped)
}

/// What the last clean build (one with no input errors) was made from, and
/// how the output folder looked after it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct LastBuild {
    inputs: String,
    directories: Vec<(String, u128)>,
    publications: usize,
    issues: usize,
    entries: usize,
    files: usize,
}

const LAST_BUILD: &str = ".paperboy/last-build.json";

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
            let (size, modified) = page.stamp.unwrap_or((u64::MAX, u128::MAX));
            hasher.update(&size.to_le_bytes());
            hasher.update(&modified.to_le_bytes());
        }
    }
    format!("{:032x}", hasher.digest128())
}

/// The output folder's directories that hold documents, with their mtimes:
/// a file added to or removed from one changes its mtime.
fn directories(out: &Path, documents: &BTreeMap<String, u128>) -> Vec<(String, u128)> {
    let dirs: BTreeSet<&str> = std::iter::once("")
        .chain(
            documents
                .keys()
                .map(|f| f.rsplit_once('/').map_or("", |(dir, _)| dir)),
        )
        .collect();
    dirs.into_iter()
        .map(|dir| {
            let mtime = std::fs::metadata(out.join(dir)).map_or(0, |m| state::modified_ns(&m));
            (dir.to_string(), mtime)
        })
        .collect()
}

/// Whether no file was added to or removed from the output folder since
/// `recorded` was taken.
fn untouched(out: &Path, recorded: &[(String, u128)]) -> bool {
    !recorded.is_empty()
        && recorded.iter().all(|(dir, mtime)| {
            std::fs::metadata(out.join(dir)).is_ok_and(|m| state::modified_ns(&m) == *mtime)
        })
}

/// When nothing a build reads has changed since the last clean build and
/// nothing was added to or removed from the output folder since, the output
/// is already what this build would write.
fn unchanged_since_last_build(options: &BuildOptions, inputs: &str) -> Option<BuildReport> {
    let last: LastBuild = state::load(&options.out, Path::new(LAST_BUILD))?;
    if last.inputs != inputs || !untouched(&options.out, &last.directories) {
        return None;
    }
    Some(BuildReport {
        publications: last.publications,
        issues: last.issues,
        entries: last.entries,
        files: WriteReport {
            unchanged: last.files,
            ..WriteReport::default()
        },
        ..BuildReport::default()
    })
}

/// What rendering one job gave.
#[derive(Default)]
struct Rendered {
    staged: Vec<PathBuf>,
    unchanged: usize,
    problems: Vec<String>,
}

/// Renders a job, checks its files, and stages those that changed.
fn render_job(
    plan: &Plan,
    job: &Job,
    files: &[PathBuf],
    options: &BuildOptions,
) -> Result<Rendered> {
    let load = |archive: &Archive, page: &PageMeta| {
        state::load_text(&options.out, &archive.publication.slug, page)
    };
    let mut rendered = Rendered::default();
    let files = plan.render(job, files, &load)?;
    for (relative, bytes) in &files {
        rendered
            .problems
            .extend(crate::check::check_file(relative, bytes, options.now));
    }
    if !rendered.problems.is_empty() {
        return Ok(rendered);
    }
    for (relative, bytes) in files {
        let path = options.out.join(relative);
        match crate::publish::stage_if_changed(&path, &bytes) {
            Ok(true) => rendered.staged.push(path),
            Ok(false) => rendered.unchanged += 1,
            Err(e) => {
                crate::publish::discard(&rendered.staged);
                return Err(e);
            }
        }
    }
    Ok(rendered)
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
    let found = discover(&options.seeds, &site)?;
    let inputs = input_fingerprint(options, &site, &found);
    if let Some(report) = unchanged_since_last_build(options, &inputs) {
        return Ok(report);
    }
    let interrupted = crate::publish::recover(&options.out)?;
    // Only a clean build can stand in for the next (one with input errors
    // must report them again), and only once all it wrote is in place.
    crate::publish::remove_if_present(&options.out.join(LAST_BUILD))?;
    crate::publish::begin(&options.out)?;
    let mut report = BuildReport {
        errors: found.errors,
        ..BuildReport::default()
    };
    let mut previous = Catalog::load(&options.out).unwrap_or_default();
    // After a killed run, files may not be what the catalog says they were
    // made from; while the folder is untouched, every file it lists is there.
    if interrupted {
        previous.documents.clear();
    }
    let trusted = untouched(&options.out, &previous.directories);
    let seen: HashSet<EntryId> = previous
        .archives
        .iter()
        .flat_map(|a| &a.pages)
        .flat_map(|p| &p.entries)
        .map(|e| e.id)
        .collect();
    let mut old: HashMap<String, ArchiveRecord> = std::mem::take(&mut previous.archives)
        .into_iter()
        .map(|a| (a.publication.slug.clone(), a))
        .collect();
    let total = found.publications.iter().map(|p| p.pages.len()).sum();
    let progress = Progress {
        enabled: options.progress,
        start: Instant::now(),
        done: AtomicUsize::new(0),
        total,
        shown: AtomicBool::new(false),
    };
    let mut texts_dropped = false;
    let mut archives = Vec::new();
    for seeds in found.publications {
        let previous = old.remove(&seeds.slug);
        let (archive, dropped) = read_publication(options, seeds, previous, &mut report, &progress);
        texts_dropped |= dropped;
        archives.extend(archive);
    }
    progress.finish();
    // Publications whose folders are gone take their entries with them.
    report.changes.removed += old
        .values()
        .flat_map(|a| &a.pages)
        .map(|p| p.entries.len())
        .sum::<usize>();
    texts_dropped |= !old.is_empty();
    report.publications = archives.len();
    report.issues = archives.iter().map(|a| a.issues().count()).sum();
    report.entries = archives.iter().map(|a| a.entries().count()).sum();

    distinct_dates(&mut archives, &seen);
    drop(seen);
    let plan = Plan::new(&site, &archives);
    // One pass over the jobs: every file's signature for the catalog, and
    // the jobs with a file that is not what its signature says.
    let mut documents: BTreeMap<String, u128> = BTreeMap::new();
    let mut due: Vec<(&Job, Vec<PathBuf>)> = Vec::new();
    let mut unchanged = 0;
    for job in &plan.jobs {
        let files = plan.files(job);
        let mut current = true;
        for file in &files {
            let name = file.to_string_lossy().into_owned();
            current &= previous.documents.get(&name) == Some(&job.signature)
                && (trusted || options.out.join(file).is_file());
            documents.insert(name, job.signature);
        }
        if current {
            unchanged += files.len();
        } else {
            due.push((job, files));
        }
    }
    let outcomes: Vec<Result<Rendered>> = due
        .par_iter()
        .map(|(job, files)| render_job(&plan, job, files, options))
        .collect();
    let mut staged = Vec::new();
    let mut problems = Vec::new();
    let mut failure = None;
    for outcome in outcomes {
        match outcome {
            Ok(r) => {
                staged.extend(r.staged);
                problems.extend(r.problems);
                unchanged += r.unchanged;
            }
            Err(e) => failure = failure.or(Some(e)),
        }
    }
    if failure.is_some() || !problems.is_empty() {
        crate::publish::discard(&staged);
        return Err(failure.unwrap_or(Error::Gate { problems }));
    }
    drop(due);
    drop(plan);
    let stale: Vec<PathBuf> = previous
        .documents
        .keys()
        .filter(|f| !documents.contains_key(*f))
        .map(PathBuf::from)
        .collect();
    report.files = crate::publish::commit(&options.out, &staged, &stale)?;
    report.files.unchanged = unchanged;
    let directories = directories(&options.out, &documents);
    let records: Vec<ArchiveRecord> = archives.into_iter().map(ArchiveRecord::from).collect();
    let catalog = Catalog::new(records, documents, directories.clone());
    catalog.save(&options.out)?;
    if texts_dropped {
        state::remove_unused_texts(&options.out, &catalog.archives)?;
    }
    let last = report.errors.is_empty().then_some(LastBuild {
        inputs,
        directories,
        publications: report.publications,
        issues: report.issues,
        entries: report.entries,
        files: catalog.documents.len(),
    });
    let seal = last.as_ref().map(state::to_bytes);
    crate::publish::finish(
        &options.out,
        seal.as_deref().map(|bytes| (Path::new(LAST_BUILD), bytes)),
    )?;
    Ok(report)
}
