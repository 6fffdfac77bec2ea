//! Which output files a run checks for damage from outside (a file
//! truncated, edited, removed or replaced by something else than a build).
//!
//! Checking a file costs a `stat`; at 100k files that is most of a run
//! with nothing to do. So a run checks every folder (adding, removing or
//! renaming a file over another changes its folder's metadata, and then
//! every file in it is checked), the heads (the documents subscribers poll,
//! see [`is_head`]), and one share of the other files: a file belongs to
//! share `hash(path) mod SHARES`, and a run checks the share of its hour.
//! A file edited in place is thus found within `SHARES` runs made at
//! different hours. An output folder of at most [`CHECK_ALL_UP_TO`] files
//! has every file checked on every run.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::layout::{Format, Kind, FOLDER_PAGE};

/// How many shares the files that are not heads fall into. Prime, so that
/// runs made every `p` hours cycle through all of them whenever `p` is not
/// a multiple of it: daily runs step by 24 mod 17 = 7, weekly ones by
/// 168 mod 17 = 15, both coprime with 17.
pub const SHARES: u32 = 17;

/// Up to this many output files, every file is checked on every run:
/// stat-ing them costs a few milliseconds.
pub const CHECK_ALL_UP_TO: usize = 2000;

/// The share a file (by its path relative to the output folder) falls in.
pub fn share_of(name: &str) -> u32 {
    (xxhash_rust::xxh3::xxh3_64(name.as_bytes()) % u64::from(SHARES)) as u32
}

/// Whether a file is a document subscribers poll or every page uses: a
/// feed's subscription document (its first page; archive pages are not),
/// a folder's page, the OPML, a stylesheet.
pub fn is_head(name: &str) -> bool {
    let path = Path::new(name);
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match Kind::of(path) {
        Kind::Feed(format) => file_name == Format::path(format, "", None),
        Kind::Page => file_name == FOLDER_PAGE,
        Kind::Opml | Kind::Stylesheet => true,
        Kind::Xml | Kind::Json | Kind::Other => false,
    }
}

/// What one run checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    /// The share checked this run; `None`: every file is.
    share: Option<u32>,
}

impl Rotation {
    /// The rotation of a run at `now` on a folder of `files` output files,
    /// every file checked up to `check_all_up_to` of them.
    pub fn new(now: DateTime<FixedOffset>, files: usize, check_all_up_to: usize) -> Rotation {
        let hour = now.timestamp().div_euclid(3600);
        let share = hour.rem_euclid(i64::from(SHARES)) as u32;
        Rotation {
            share: (files > check_all_up_to).then_some(share),
        }
    }

    /// The rotation of a run at `now` on a folder of `files` output files.
    pub fn of_run(now: DateTime<FixedOffset>, files: usize) -> Rotation {
        Rotation::new(now, files, CHECK_ALL_UP_TO)
    }

    /// Whether this run checks the files of `share`.
    pub fn checks_share(self, share: u32) -> bool {
        self.share.is_none_or(|due| due == share)
    }

    /// Whether this run checks the file `name` (its folder left aside).
    pub fn checks(self, name: &str) -> bool {
        self.share.is_none() || is_head(name) || self.checks_share(share_of(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    /// Article, issue, month and archive pages: the bulk of a folder.
    fn bulk() -> Vec<String> {
        (1..=400)
            .flat_map(|n| {
                [
                    format!("p/2024-01-{:02}/a-{n}.html", n % 28 + 1),
                    format!("p/2024-{:02}-{:02}.html", n % 12 + 1, n % 28 + 1),
                    format!("p/archive/atom-{n}.xml"),
                    format!("archive/feed-{n}.json"),
                ]
            })
            .collect()
    }

    /// How many times each file is checked by runs at these times.
    fn times_checked(runs: &[DateTime<FixedOffset>], names: &[String]) -> Vec<usize> {
        names
            .iter()
            .map(|name| {
                runs.iter()
                    .filter(|now| Rotation::new(**now, 10_000, 1000).checks(name))
                    .count()
            })
            .collect()
    }

    #[test]
    fn heads_are_subscription_documents_folder_pages_the_opml_and_stylesheets() {
        for head in [
            "atom.xml",
            "rss.xml",
            "feed.json",
            "index.html",
            "feeds.opml",
            "style.css",
            "feed.css",
            "p/atom.xml",
            "p/feed.json",
            "p/index.html",
        ] {
            assert!(is_head(head), "{head}");
        }
        for other in [
            "archive/atom-1.xml",
            "p/archive/rss-12.xml",
            "p/archive/feed-3.json",
            "p/2024-01-01.html",
            "p/2024-01.html",
            "p/2024-01-01/a-1.html",
        ] {
            assert!(!is_head(other), "{other}");
        }
    }

    #[test]
    fn shares_are_spread_and_every_share_has_files() {
        let mut counts = [0usize; SHARES as usize];
        let names = bulk();
        for name in &names {
            counts[share_of(name) as usize] += 1;
        }
        let mean = names.len() / SHARES as usize;
        for count in counts {
            assert!(count > mean / 2 && count < mean * 2, "{counts:?}");
        }
    }

    #[test]
    fn successive_hours_check_every_file_exactly_once_per_cycle() {
        let start = at("2025-03-30T05:00:00+08:00");
        let runs: Vec<_> = (0..SHARES)
            .map(|h| start + Duration::hours(i64::from(h)))
            .collect();
        let names = bulk();
        assert!(times_checked(&runs, &names).iter().all(|&n| n == 1));
        // Minutes within the hour do not matter; the next hour does.
        let first = Rotation::new(start, 10_000, 1000);
        assert_eq!(
            Rotation::new(start + Duration::minutes(59), 10_000, 1000),
            first
        );
        assert_ne!(
            Rotation::new(start + Duration::hours(1), 10_000, 1000),
            first
        );
    }

    #[test]
    fn daily_and_weekly_runs_check_every_file_within_a_cycle() {
        let start = at("2024-12-31T23:30:00Z");
        let names = bulk();
        for every in [Duration::days(1), Duration::weeks(1)] {
            let runs: Vec<_> = (0..SHARES).map(|n| start + every * n as i32).collect();
            assert!(
                times_checked(&runs, &names).iter().all(|&n| n == 1),
                "runs every {every}"
            );
        }
        // A period that is a multiple of the shares would not.
        let runs: Vec<_> = (0..SHARES)
            .map(|n| start + Duration::hours(i64::from(SHARES * n)))
            .collect();
        assert!(times_checked(&runs, &names).contains(&0));
    }

    #[test]
    fn heads_and_small_folders_are_checked_on_every_run() {
        let now = at("2025-01-01T00:00:00Z");
        let names = bulk();
        let big = Rotation::new(now, 1001, 1000);
        let checked = names.iter().filter(|name| big.checks(name)).count();
        assert!(checked < names.len() / 4, "{checked} of {}", names.len());
        assert!(big.checks("p/atom.xml") && big.checks("index.html"));
        let small = Rotation::new(now, 1000, 1000);
        assert!(names.iter().all(|name| small.checks(name)));
        assert!((0..SHARES).all(|share| small.checks_share(share)));
        assert_eq!(
            (0..SHARES).filter(|&share| big.checks_share(share)).count(),
            1
        );
    }
}
