//! Rendering what changed: the jobs whose files are not what the last
//! build wrote from the same entries are rendered in parallel, checked,
//! and staged in the run's transaction.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use crate::model::{Article, PageMeta, Paper};
use crate::render::{Job, Plan};
use crate::seeds::{decode, read_bytes};
use crate::split::page_articles;
use crate::store::{OutputDir, Transaction};

/// How many jobs' files are claimed at once.
const CLAIM_BATCH: usize = 4096;

/// What rendering one job gave.
#[derive(Default)]
struct JobOutcome {
    unchanged: usize,
    problems: Vec<String>,
}

/// Makes a lost or damaged text record again from its seed page, when the
/// page still holds the bytes it was made from; the catalog's entries (and
/// so their dates) stay as they are.
fn heal_text(out: &OutputDir, seeds: &Path, slug: &str, page: &PageMeta) -> Option<Vec<Article>> {
    let path = seeds.join(slug).join(&page.file_name);
    let bytes = read_bytes(&path).ok()?;
    if <[u8; 32]>::from(Sha256::digest(&bytes)) != page.fingerprint.sha256 {
        return None;
    }
    let articles = page_articles(&decode(&path, &bytes).ok()?.text);
    if articles.len() != page.entries.len() {
        return None;
    }
    out.replace_text(slug, page, &articles).ok()?;
    Some(articles)
}

/// Renders a job, checks its files, and stages those that changed.
fn render_job(
    plan: &Plan,
    job: &Job,
    options: &BuildOptions,
    out: &OutputDir,
    transaction: &Transaction,
) -> Result<JobOutcome> {
    let load = |paper: &Paper, page: &PageMeta| {
        let slug = &paper.publication.slug;
        out.load_text(slug, page)
            .or_else(|damaged| heal_text(out, &options.seeds, slug, page).ok_or(damaged))
    };
    let rendered = plan.render(job, &load)?;
    let problems: Vec<String> = rendered
        .iter()
        .flat_map(|(relative, bytes)| crate::check::check_file(relative, bytes, options.now))
        .collect();
    if !problems.is_empty() {
        return Ok(JobOutcome {
            problems,
            ..JobOutcome::default()
        });
    }
    let mut outcome = JobOutcome::default();
    for (relative, bytes) in rendered {
        if !transaction.stage(&relative, &bytes)? {
            outcome.unchanged += 1;
        }
    }
    Ok(outcome)
}

/// Renders every job whose files are not current, and stages what changed;
/// gives how many files were left as they were. An `Err` (a file that cannot be written, or output that fails its
/// checks) means nothing is to be committed.
pub fn render_changed(
    plan: &Plan,
    options: &BuildOptions,
    out: &OutputDir,
    transaction: &mut Transaction,
) -> Result<usize> {
    let mut due = Vec::new();
    let mut unchanged = 0;
    // In batches, so that the list of files claimed at once stays small.
    for jobs in plan.jobs.chunks(CLAIM_BATCH) {
        let files: Vec<(&Path, u128)> = jobs
            .iter()
            .flat_map(|job| job.files().iter().map(|f| (f.as_path(), job.signature)))
            .collect();
        let mut current = transaction.claim(&files).into_iter();
        for job in jobs {
            let n = job.files().len();
            if current.by_ref().take(n).fold(true, |all, c| all & c) {
                unchanged += n;
            } else {
                due.push(job);
            }
        }
    }
    let transaction = &*transaction;
    let outcomes: Vec<Result<JobOutcome>> = due
        .par_iter()
        .map(|job| render_job(plan, job, options, out, transaction))
        .collect();
    let mut problems = Vec::new();
    for outcome in outcomes {
        let outcome = outcome?;
        unchanged += outcome.unchanged;
        problems.extend(outcome.problems);
    }
    if !problems.is_empty() {
        return Err(Error::Gate { problems });
    }
    Ok(unchanged)
}
