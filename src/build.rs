//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → check → write.

use std::collections::{BTreeMap, HashMap, HashSet};
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
use crate::layout::Format;
use crate::model::{Article, EntryId, FileStamp, Fingerprint, PageMeta, Paper, Publication};
use crate::publish::WriteReport;
use crate::render::{Job, Plan, RENDERING};
use crate::seeds::{decode, discover, read_bytes, Discovery, PageFile, PublicationSeeds};
use crate::split::page_articles;
use crate::state::{self, Catalog, Changes, Document, PaperRecord};

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
            progress: false,
            force: false,
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
    /// Whether the saved state was lost and rebuilt (dates from the
    /// published feeds).
    pub state_rebuilt: bool,
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
    /// What stops the whole run (the output cannot be written).
    failure: Option<Error>,
}

/// A publication's settings, or the ones it was last published with when
/// its `publication.toml` cannot be used.
fn settings(
    settings: Result<Publication>,
    previous: Option<&PaperRecord>,
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
    published: &state::PublishedDates,
) -> PageOutcome {
    let refuse = |error: Error, previous: Option<PageMeta>| PageOutcome {
        page: previous,
        errors: vec![error],
        ..PageOutcome::default()
    };
    // A page whose press time is after the run (in its publication's time
    // zone) is a typo in the file name or a wrong clock: it is refused like
    // any other bad input, keeping what it published.
    let press = crate::identity::published(publication, page.date, 0, 0);
    if press > crate::check::latest_plausible(options.now) {
        return refuse(
            Error::FutureIssue {
                path: page.path.clone(),
                press: press.to_rfc3339(),
            },
            previous,
        );
    }
    let key = fingerprint_key(publication, page, ordinal);
    let Some(stamp) = page.stamp else {
        let e = std::fs::metadata(&page.path).err().unwrap_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "the file went away")
        });
        return refuse(Error::io(&page.path)(e), previous);
    };
    let unchanged = |f: &Fingerprint| f.stamp == stamp && f.key == key;
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
        stamp,
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
    let articles: Vec<Article> = page_articles(&decoded.text);
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
    let changes = match &previous {
        None if !published.is_empty() => state::adopt_published(&mut entries, published),
        _ => state::reconcile(&mut entries, old, now),
    };
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
    // A record that cannot be written is the output's fault (a full disk),
    // not the page's: the run stops, replacing nothing.
    if let Err(e) = state::save_text(&options.out, &publication.slug, &meta, &articles) {
        return PageOutcome {
            failure: Some(e),
            ..PageOutcome::default()
        };
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
    previous: Option<PaperRecord>,
    published: &state::PublishedDates,
    report: &mut BuildReport,
    progress: &Progress,
) -> Result<(Option<Paper>, bool)> {
    let PublicationSeeds {
        settings: read,
        pages,
        ..
    } = seeds;
    let Some(publication) = settings(read, previous.as_ref(), report) else {
        return Ok((None, false));
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
            let outcome = read_page(options, &publication, page, ordinal, previous, published);
            progress.tick();
            outcome
        })
        .collect();
    // Pages whose files are gone take their entries with them.
    report.changes.removed += old.values().map(|p| p.entries.len()).sum::<usize>();
    let mut texts_dropped = !old.is_empty();
    let mut kept = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        if let Some(failure) = outcome.failure {
            return Err(failure);
        }
        report.errors.extend(outcome.errors);
        report.warnings.extend(outcome.warnings);
        report.changes += outcome.changes;
        texts_dropped |= outcome.text_replaced;
        kept.extend(outcome.page);
    }
    let paper = Paper {
        publication,
        pages: kept,
    };
    Ok((Some(paper), texts_dropped))
}

/// What the last clean build (one with no input errors) was made from, and
/// how the output folder looked after it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct LastBuild {
    inputs: String,
    /// A hash of every file in the output folder with its metadata.
    output: String,
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
            hasher.update(format!("{:?}", page.stamp).as_bytes());
        }
    }
    format!("{:032x}", hasher.digest128())
}

/// A hash of every file of the output folder (outside the state) with
/// its metadata: a file added, removed, or changed by anything else than a
/// build (truncated, edited, even with its mtime put back) changes it.
fn output_stamp(out: &Path) -> String {
    /// Every file under `dir` with its metadata, in name order; folders are
    /// read in parallel (a no-op run stats every output file).
    fn walk(dir: &Path, relative: &Path) -> Vec<(PathBuf, Option<FileStamp>)> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        entries
            .par_iter()
            .filter(|e| !(relative.as_os_str().is_empty() && e.file_name() == state::STATE_DIR))
            .flat_map_iter(|entry| {
                let path = relative.join(entry.file_name());
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => walk(&entry.path(), &path),
                    _ => vec![(path, entry.metadata().ok().map(|m| FileStamp::of(&m)))],
                }
            })
            .collect()
    }
    let mut hasher = Xxh3::new();
    for (path, stamp) in walk(out, Path::new("")) {
        hasher.update(path.as_os_str().as_encoded_bytes());
        hasher.update(format!("{stamp:?}").as_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

/// When nothing a build reads has changed since the last clean build and
/// no file of the output folder was touched since, the output is already
/// what this build would write.
fn unchanged_since_last_build(options: &BuildOptions, inputs: &str) -> Option<BuildReport> {
    let last: LastBuild = state::load(&options.out, Path::new(LAST_BUILD))?;
    if last.inputs != inputs || last.output != output_stamp(&options.out) {
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

/// Makes a lost or damaged text record again from its seed page, when the
/// page still holds the bytes it was made from; the catalog's entries (and
/// so their dates) stay as they are.
fn heal_text(
    options: &BuildOptions,
    slug: &str,
    page: &PageMeta,
) -> Option<Vec<crate::model::Article>> {
    let path = options.seeds.join(slug).join(&page.file_name);
    let bytes = read_bytes(&path).ok()?;
    if <[u8; 32]>::from(Sha256::digest(&bytes)) != page.fingerprint.sha256 {
        return None;
    }
    let articles = page_articles(&decode(&path, &bytes).ok()?.text);
    if articles.len() != page.entries.len() {
        return None;
    }
    state::replace_text(&options.out, slug, page, &articles).ok()?;
    Some(articles)
}

/// Renders a job, checks its files, and stages those that changed.
fn render_job(plan: &Plan, job: &Job, options: &BuildOptions) -> Result<Rendered> {
    let load = |paper: &Paper, page: &PageMeta| {
        let slug = &paper.publication.slug;
        state::load_text(&options.out, slug, page)
            .or_else(|damaged| heal_text(options, slug, page).ok_or(damaged))
    };
    let mut rendered = Rendered::default();
    let files = plan.render(job, &load)?;
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

/// `path` made absolute with every link resolved, for the part of it that
/// exists (an output folder may not exist yet).
fn resolved(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match std::fs::canonicalize(existing) {
            Ok(real) => return Ok(rest.iter().rev().fold(real, |p, part| p.join(part))),
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => return Ok(absolute),
            },
        }
    }
}

/// Whether `out` already holds what a build wrote: its state, or a
/// site-wide feed paperboy generated (the state may have been deleted).
fn holds_a_build(out: &Path) -> bool {
    out.join(state::STATE_DIR).is_dir()
        || crate::seeds::read_regular(&out.join(Format::Atom.path("", None)), 8 << 20, "a feed")
            .is_ok_and(|bytes| {
                String::from_utf8_lossy(&bytes).contains("<generator>paperboy</generator>")
            })
}

/// Refuses output folders a build must not write into: the root, the seeds
/// folder or a folder inside or around it, and (unless forced) a folder
/// holding someone else's files, which could be overwritten.
fn check_output_folder(options: &BuildOptions) -> Result<()> {
    let refuse = |message: String| Error::Config {
        path: options.out.clone(),
        message,
    };
    let out = resolved(&options.out).map_err(Error::io(&options.out))?;
    let seeds = resolved(&options.seeds).map_err(Error::io(&options.seeds))?;
    if out.parent().is_none() {
        return Err(refuse("the output folder is the root of the file system; choose a folder of its own, like feeds".into()));
    }
    if out.starts_with(&seeds) || seeds.starts_with(&out) {
        return Err(refuse(format!(
            "the output folder and the seeds folder {} are the same or one is inside the other; choose an output folder beside the seeds",
            options.seeds.display()
        )));
    }
    let holds_files = std::fs::read_dir(&out).is_ok_and(|mut entries| entries.next().is_some());
    if holds_files && !options.force && !holds_a_build(&out) {
        return Err(refuse("the folder holds files and no paperboy build; choose an empty or new folder, or pass --force to build into it (files with the names paperboy writes are replaced)".into()));
    }
    Ok(())
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
    check_output_folder(options)?;
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
    let mut report = BuildReport {
        errors: found.errors,
        ..BuildReport::default()
    };
    // A lost catalog is rebuilt; the dates entries were published with are
    // taken from the output's own feeds, so that none goes back.
    let (mut previous, published) = match Catalog::load(&options.out) {
        Some(catalog) => (catalog, state::PublishedDates::new()),
        None => (Catalog::default(), state::published_dates(&options.out)),
    };
    report.state_rebuilt = !published.is_empty();
    // After a killed run, files may not be what the catalog says they were
    // made from; while the folder is untouched, every file it lists is there.
    if interrupted {
        previous.documents.clear();
    }
    let seen: HashSet<EntryId> = previous
        .papers
        .iter()
        .flat_map(|a| &a.pages)
        .flat_map(|p| &p.entries)
        .map(|e| e.id)
        .collect();
    let mut old: HashMap<String, PaperRecord> = std::mem::take(&mut previous.papers)
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
    let mut papers = Vec::new();
    for seeds in found.publications {
        let previous = old.remove(&seeds.slug);
        let (paper, dropped) =
            read_publication(options, seeds, previous, &published, &mut report, &progress)?;
        texts_dropped |= dropped;
        papers.extend(paper);
    }
    progress.finish();
    // Publications whose folders are gone take their entries with them.
    report.changes.removed += old
        .values()
        .flat_map(|a| &a.pages)
        .map(|p| p.entries.len())
        .sum::<usize>();
    texts_dropped |= !old.is_empty();
    report.publications = papers.len();
    report.issues = papers.iter().map(|a| a.issues().count()).sum();
    report.entries = papers.iter().map(|a| a.entries().count()).sum();

    distinct_dates(&mut papers, &seen);
    drop(seen);
    let plan = Plan::new(&site, &papers);
    // One pass over the jobs: every file's signature for the catalog, and
    // the jobs with a file that is not what its signature says.
    let mut documents: BTreeMap<String, u128> = BTreeMap::new();
    let mut due: Vec<&Job> = Vec::new();
    let mut unchanged = 0;
    for job in &plan.jobs {
        let files = job.files();
        let mut current = true;
        for file in files {
            let name = file.to_string_lossy().into_owned();
            // A file damaged from outside (truncated, edited) no longer has
            // the metadata it was written with, and is written again.
            current &= previous.documents.get(&name).is_some_and(|d| {
                d.signature == job.signature
                    && FileStamp::read(&options.out.join(file)) == Some(d.stamp)
            });
            documents.insert(name, job.signature);
        }
        if current {
            unchanged += files.len();
        } else {
            due.push(job);
        }
    }
    let outcomes: Vec<Result<Rendered>> = due
        .par_iter()
        .map(|job| render_job(&plan, job, options))
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
    let documents: BTreeMap<String, Document> = documents
        .into_iter()
        .map(|(name, signature)| {
            let stamp = FileStamp::read(&options.out.join(&name)).unwrap_or_default();
            (name, Document { signature, stamp })
        })
        .collect();
    let records: Vec<PaperRecord> = papers.into_iter().map(PaperRecord::from).collect();
    let catalog = Catalog::new(records, documents);
    catalog.save(&options.out)?;
    if texts_dropped {
        state::remove_unused_texts(&options.out, &catalog.papers)?;
    }
    let last = report.errors.is_empty().then_some(LastBuild {
        inputs,
        output: output_stamp(&options.out),
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
