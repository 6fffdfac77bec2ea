//! The pipeline, stage after stage: discover seeds → decode → split into
//! articles → identify and date → render → write.

use std::path::{Path, PathBuf};

use crate::config::Site;
use crate::error::{Error, Result};
use crate::identity::identify;
use crate::model::{Entry, Issue};
use crate::publish::{write_files, WriteReport};
use crate::render::{render_site, Archive};
use crate::seeds::{discover, read_page, PublicationSeeds};
use crate::split::split_page;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub seeds: PathBuf,
    pub out: PathBuf,
    pub config: PathBuf,
}

/// What a build did, and what it could not use.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub publications: usize,
    pub issues: usize,
    pub entries: usize,
    pub files: WriteReport,
    /// Inputs left out of this build, each naming its file.
    pub errors: Vec<Error>,
    pub warnings: Vec<String>,
}

/// Reads one publication's pages into its archive. A page that cannot be
/// read is reported and left out; the others are still read.
fn read_archive(seeds: PublicationSeeds, report: &mut BuildReport) -> Archive {
    let publication = seeds.publication;
    let mut issues: Vec<Issue> = Vec::new();
    for page_file in seeds.pages {
        let decoded = match read_page(&page_file.path) {
            Ok(decoded) => decoded,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(decoded.warning);
        let articles = split_page(&decoded.text);
        if articles.is_empty() {
            report.errors.push(Error::NoArticles {
                path: page_file.path,
            });
            continue;
        }
        let issue = match issues.last_mut() {
            Some(issue) if issue.date == page_file.date => issue,
            _ => {
                issues.push(Issue {
                    date: page_file.date,
                    entries: Vec::new(),
                });
                issues.last_mut().expect("just pushed")
            }
        };
        let ordinal = distinct_pages(&issue.entries);
        let entries = identify(
            &publication,
            page_file.date,
            &page_file.page,
            ordinal,
            articles,
        );
        issue.entries.extend(entries);
    }
    Archive {
        publication,
        issues,
    }
}

/// How many pages of an issue have been read so far.
fn distinct_pages(entries: &[Entry]) -> usize {
    let mut pages: Vec<_> = entries.iter().map(|e| &e.page).collect();
    pages.dedup();
    pages.len()
}

/// Runs the whole pipeline. Inputs that cannot be used are listed in the
/// report's `errors` (the rest is still built); an `Err` means nothing could
/// be built or written.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let site = Site::load(&options.config)?;
    if !options.seeds.is_dir() {
        return Err(Error::Config {
            path: options.seeds.clone(),
            message: "the seeds folder does not exist; pass --seeds DIR".to_string(),
        });
    }
    let found = discover(&options.seeds, &site)?;
    let mut report = BuildReport {
        errors: found.errors,
        ..BuildReport::default()
    };
    let archives: Vec<Archive> = found
        .publications
        .into_iter()
        .map(|seeds| read_archive(seeds, &mut report))
        .collect();
    report.publications = archives.len();
    report.issues = archives.iter().map(|a| a.issues.len()).sum();
    report.entries = archives.iter().map(|a| a.entries().count()).sum();
    let files = render_site(&site, &archives)?;
    report.files = write_files(&options.out, &files)?;
    Ok(report)
}

/// The default options relative to a project folder.
pub fn default_options(root: &Path) -> BuildOptions {
    BuildOptions {
        seeds: root.join("seeds"),
        out: root.join("feeds"),
        config: root.join("paperboy.toml"),
    }
}
