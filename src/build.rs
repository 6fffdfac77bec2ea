//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → check → write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::identify;
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
/// more than a second.
struct Progress {
    enabled: bool,
    start: Instant,
    done: usize,
    total: usize,
    shown: bool,
}

impl Progress {
    fn tick(&mut self) {
        self.done += 1;
        if self.enabled
            && (self.done.is_multiple_of(100) || self.done == self.total)
            && self.start.elapsed() > Duration::from_secs(1)
        {
            eprint!("\rreading pages {}/{}", self.done, self.total);
            self.shown = true;
        }
    }

    fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
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

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn modified_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// One page's entries: the recorded ones when the file did not change (or
/// cannot be read now), freshly split ones otherwise.
fn read_page_record(
    options: &BuildOptions,
    publication: &Publication,
    page: &PageFile,
    ordinal: usize,
    report: &mut BuildReport,
) -> Option<PageRecord> {
    let file_name = page
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let previous: Option<PageRecord> = state::load(
        &options.out,
        &state::page_record_path(&publication.slug, file_name),
    );
    // A date after the run is a typo in the file name (or a wrong clock):
    // the page is refused like any other bad input, keeping what it published.
    if page.date > (options.now + chrono::Duration::days(1)).date_naive() {
        let reason = format!("{} is after the date of this run", page.date);
        report.errors.push(Error::BadFileName {
            path: page.path.clone(),
            reason,
        });
        return previous;
    }
    let key = fingerprint_key(publication, page, ordinal);
    let meta = match std::fs::metadata(&page.path) {
        Ok(meta) => meta,
        Err(e) => {
            report.errors.push(Error::io(&page.path)(e));
            return previous;
        }
    };
    let unchanged = |f: &Fingerprint| {
        f.size == meta.len() && f.modified_ns == modified_ns(&meta) && f.key == key
    };
    if let Some(record) = previous.as_ref().filter(|r| unchanged(&r.fingerprint)) {
        return Some(record.clone());
    }
    let bytes = match read_bytes(&page.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            report.errors.push(e);
            return previous;
        }
    };
    let fingerprint = Fingerprint {
        size: meta.len(),
        modified_ns: modified_ns(&meta),
        sha256: sha256_hex(&bytes),
        key,
    };
    if let Some(record) = previous.as_ref().filter(|r| {
        r.fingerprint.sha256 == fingerprint.sha256 && r.fingerprint.key == fingerprint.key
    }) {
        return Some(PageRecord {
            fingerprint,
            entries: record.entries.clone(),
        });
    }
    let decoded = match decode(&page.path, &bytes) {
        Ok(decoded) => decoded,
        Err(e) => {
            report.errors.push(e);
            return previous;
        }
    };
    report.warnings.extend(decoded.warning);
    let articles = split_page(&decoded.text);
    if articles.is_empty() {
        report.errors.push(Error::NoArticles {
            path: page.path.clone(),
        });
        return previous;
    }
    let mut entries = identify(publication, page.date, &page.page, ordinal, articles);
    let now = options.now.with_timezone(&publication.timezone);
    report.changes += state::reconcile(&mut entries, previous.as_ref(), now);
    Some(PageRecord {
        fingerprint,
        entries,
    })
}

/// Reads one publication: its settings and every page, into its archive
/// and the state files that remember them.
fn read_publication(
    options: &BuildOptions,
    seeds: PublicationSeeds,
    report: &mut BuildReport,
    state_files: &mut BTreeMap<PathBuf, Vec<u8>>,
    progress: &mut Progress,
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
    let mut issues: Vec<Issue> = Vec::new();
    let mut ordinal = 0;
    for (i, page) in pages.iter().enumerate() {
        progress.tick();
        ordinal = if i > 0 && pages[i - 1].date == page.date {
            ordinal + 1
        } else {
            0
        };
        let Some(record) = read_page_record(options, &publication, page, ordinal, report) else {
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
    let mut report = BuildReport {
        errors: found.errors,
        ..BuildReport::default()
    };
    let mut state_files = BTreeMap::new();
    let total = found.publications.iter().map(|p| p.pages.len()).sum();
    let mut progress = Progress {
        enabled: options.progress,
        start: Instant::now(),
        done: 0,
        total,
        shown: false,
    };
    let archives: Vec<Archive> = found
        .publications
        .into_iter()
        .filter_map(|seeds| {
            read_publication(options, seeds, &mut report, &mut state_files, &mut progress)
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
    report.files = write_output(&options.out, &files)?;
    Ok(report)
}
