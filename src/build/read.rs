//! Reading a publication's pages: each page's entries come from the
//! catalog when its file did not change (a cache lookup), and otherwise
//! from decoding, splitting and identifying it again (a pure step).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::identity::dates::{self, Changes, PublishedDates};
use crate::identity::identify;
use crate::model::{Article, Fingerprint, PageMeta, Paper, Publication};
use crate::seeds::{decode, read_bytes, PageFile};
use crate::split::page_articles;
use crate::store::{OutputDir, PaperRecord};

/// Bumped when splitting or identity changes, so that cached pages are read
/// again (dates are kept: they are carried over by id).
pub const RECORD_FORMAT: &str = "paperboy-page-record-3";

/// What a publication's pages are read with.
pub struct Reading<'a> {
    pub out: &'a OutputDir,
    /// The time of the run.
    pub now: DateTime<FixedOffset>,
    /// When the catalog was lost: the dates the published feeds show.
    pub published: &'a PublishedDates,
    /// Called once per page read.
    pub tick: &'a (dyn Fn() + Sync),
}

/// What one page gives this run.
enum PageRead {
    /// The file did not change: what it published last time.
    Unchanged(PageMeta),
    /// The file changed, and was split anew.
    Split {
        page: PageMeta,
        articles: Vec<Article>,
        changes: Changes,
        warnings: Vec<String>,
        /// Whether it replaces a page's earlier record.
        replaces: bool,
    },
    /// The file cannot be used now; what it published last time stays.
    Refused {
        kept: Option<PageMeta>,
        error: Error,
        warnings: Vec<String>,
    },
}

/// What the catalog has for a page file.
enum Lookup {
    /// What the page published last time, from the same bytes.
    Hit(PageMeta),
    /// The page's bytes, new or changed.
    Miss {
        bytes: Vec<u8>,
        fingerprint: Fingerprint,
    },
}

/// One publication as read: its paper, and what its pages report.
pub struct PaperRead {
    pub paper: Paper,
    pub pages: PagesReport,
}

/// What a publication's pages report.
#[derive(Default)]
pub struct PagesReport {
    pub errors: Vec<Error>,
    pub warnings: Vec<String>,
    pub changes: Changes,
    /// Whether a page was dropped or split anew, so that a text record
    /// may have fallen out of use.
    pub texts_dropped: bool,
}

/// What distinguishes two readings of the same bytes.
fn fingerprint_key(publication: &Publication, page: &PageFile, ordinal: usize) -> String {
    format!(
        "{RECORD_FORMAT}|{}|{}|{}|{}",
        publication.timezone,
        publication.press_time,
        page.page.as_str(),
        ordinal
    )
}

/// Looks a page file up in what it published last time: unchanged when its
/// metadata, or else its bytes, are the same.
fn look_up(page: &PageFile, key: String, previous: Option<&PageMeta>) -> Result<Lookup> {
    let Some(stamp) = page.stamp else {
        let e = std::fs::metadata(&page.path).err().unwrap_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "the file went away")
        });
        return Err(Error::io(&page.path)(e));
    };
    let same_key = previous.filter(|p| p.fingerprint.key == key);
    if let Some(previous) = same_key.filter(|p| p.fingerprint.stamp == stamp) {
        return Ok(Lookup::Hit(previous.clone()));
    }
    let bytes = read_bytes(&page.path)?;
    let fingerprint = Fingerprint {
        stamp,
        sha256: Sha256::digest(&bytes).into(),
        key,
    };
    match same_key.filter(|p| p.fingerprint.sha256 == fingerprint.sha256) {
        Some(previous) => Ok(Lookup::Hit(PageMeta {
            fingerprint,
            ..previous.clone()
        })),
        None => Ok(Lookup::Miss { bytes, fingerprint }),
    }
}

/// The articles of a page's bytes and their entries, dated as they were
/// published before (by the last build, or by the published feeds).
fn split_file(
    reading: &Reading,
    publication: &Publication,
    (page, ordinal): (&PageFile, usize),
    (bytes, fingerprint): (Vec<u8>, Fingerprint),
    previous: Option<&PageMeta>,
) -> PageRead {
    let refused = |error, warnings| PageRead::Refused {
        kept: previous.cloned(),
        error,
        warnings,
    };
    let decoded = match decode(&page.path, &bytes) {
        Ok(decoded) => decoded,
        Err(e) => return refused(e, Vec::new()),
    };
    let warnings: Vec<String> = decoded.warning.into_iter().collect();
    let articles = page_articles(&decoded.text);
    if articles.is_empty() {
        let error = Error::NoArticles {
            path: page.path.clone(),
        };
        return refused(error, warnings);
    }
    let mut entries = identify(publication, page.date, &page.page, ordinal, &articles);
    let changes = match previous {
        None if !reading.published.is_empty() => {
            dates::adopt_published(&mut entries, reading.published)
        }
        _ => {
            let old = previous.map_or(&[][..], |p| p.entries.as_slice());
            let now = reading.now.with_timezone(&publication.timezone);
            dates::reconcile(&mut entries, old, now)
        }
    };
    let file_name = page.path.file_name().and_then(|n| n.to_str());
    let meta = PageMeta {
        file_name: file_name.unwrap_or_default().to_string(),
        issue: page.date,
        label: page.page.clone(),
        fingerprint,
        entries,
    };
    PageRead::Split {
        page: meta,
        articles,
        changes,
        warnings,
        replaces: previous.is_some(),
    }
}

/// One page's entries: the recorded ones when the file did not change (or
/// cannot be used now), freshly split ones otherwise.
fn read_page(
    reading: &Reading,
    publication: &Publication,
    (page, ordinal): (&PageFile, usize),
    previous: Option<PageMeta>,
) -> PageRead {
    // A page whose press time is after the run (in its publication's time
    // zone) is a typo in the file name or a wrong clock: it is refused like
    // any other bad input, keeping what it published.
    let press = dates::published(publication, page.date, 0, 0);
    if press > crate::check::latest_plausible(reading.now) {
        let error = Error::FutureIssue {
            path: page.path.clone(),
            press: press.to_rfc3339(),
        };
        return PageRead::Refused {
            kept: previous,
            error,
            warnings: Vec::new(),
        };
    }
    let key = fingerprint_key(publication, page, ordinal);
    match look_up(page, key, previous.as_ref()) {
        Ok(Lookup::Hit(meta)) => PageRead::Unchanged(meta),
        Ok(Lookup::Miss { bytes, fingerprint }) => split_file(
            reading,
            publication,
            (page, ordinal),
            (bytes, fingerprint),
            previous.as_ref(),
        ),
        Err(error) => PageRead::Refused {
            kept: previous,
            error,
            warnings: Vec::new(),
        },
    }
}

/// Each page with its place in its issue (0 for the first page).
fn with_ordinals(pages: &[PageFile]) -> impl Iterator<Item = (&PageFile, usize)> {
    pages.iter().scan(None, |last, page| {
        let ordinal = match *last {
            Some((date, n)) if date == page.date => n + 1,
            _ => 0,
        };
        *last = Some((page.date, ordinal));
        Some((page, ordinal))
    })
}

/// Reads one publication's pages in parallel, each read again only when its
/// file changed; the outcomes are taken in page order, so the output does
/// not depend on which thread finished first. An `Err` is the output's
/// fault (a text record that cannot be written): the run stops.
pub fn read_paper(
    reading: &Reading,
    publication: Publication,
    pages: &[PageFile],
    previous: Option<PaperRecord>,
) -> Result<PaperRead> {
    let mut old: HashMap<String, PageMeta> = previous
        .map(|p| p.pages)
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.file_name.clone(), p))
        .collect();
    let work: Vec<_> = with_ordinals(pages)
        .map(|(page, ordinal)| {
            let name = page.path.file_name().and_then(|n| n.to_str());
            ((page, ordinal), name.and_then(|n| old.remove(n)))
        })
        .collect();
    let outcomes: Vec<Result<PageRead>> = work
        .into_par_iter()
        .map(|(page, previous)| {
            let read = read_page(reading, &publication, page, previous);
            if let PageRead::Split { page, articles, .. } = &read {
                reading.out.save_text(&publication.slug, page, articles)?;
            }
            (reading.tick)();
            Ok(read)
        })
        .collect();
    // Pages whose files are gone take their entries with them.
    let mut report = PagesReport {
        texts_dropped: !old.is_empty(),
        ..PagesReport::default()
    };
    report.changes.removed = old.values().map(|p| p.entries.len()).sum();
    let mut kept = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        kept.extend(report.take(outcome?));
    }
    let paper = Paper {
        publication,
        pages: kept,
    };
    Ok(PaperRead {
        paper,
        pages: report,
    })
}

impl PagesReport {
    /// Takes a page's report; gives what the page publishes.
    fn take(&mut self, read: PageRead) -> Option<PageMeta> {
        match read {
            PageRead::Unchanged(page) => Some(page),
            PageRead::Split {
                page,
                changes,
                warnings,
                replaces,
                ..
            } => {
                self.changes += changes;
                self.warnings.extend(warnings);
                self.texts_dropped |= replaces;
                Some(page)
            }
            PageRead::Refused {
                kept,
                error,
                warnings,
            } => {
                self.errors.push(error);
                self.warnings.extend(warnings);
                kept
            }
        }
    }
}
