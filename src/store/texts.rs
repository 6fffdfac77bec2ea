//! Text records: the articles each page was split into, one JSON file per
//! page under `.paperboy/texts/<slug>/`, named by the page's content, so a
//! record is never rewritten in place. Renders read articles from them
//! instead of splitting every page again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Article, PageMeta};
use crate::store::catalog::PaperRecord;
use crate::store::files::{remove_if_present, write_unsynced};
use crate::store::{read_state_file, STATE_DIR};

/// Where a page's text record lives, relative to the output folder: named
/// by the page's bytes and how they were read, so that a record, once
/// written, never changes.
fn text_path(slug: &str, page: &PageMeta) -> PathBuf {
    let name = xxhash_rust::xxh3::xxh3_128(
        &[
            &page.fingerprint.sha256[..],
            page.fingerprint.key.as_bytes(),
        ]
        .concat(),
    );
    Path::new(STATE_DIR)
        .join("texts")
        .join(slug)
        .join(format!("{name:032x}.json"))
}

/// Keeps the articles of a page, unless a record of the same name (and so
/// the same content) is already there; gives the path written, if any.
pub fn save(
    out: &Path,
    slug: &str,
    page: &PageMeta,
    articles: &[Article],
) -> Result<Option<PathBuf>> {
    let path = out.join(text_path(slug, page));
    if path.is_file() {
        return Ok(None);
    }
    let bytes = serde_json::to_vec(articles).expect("articles serialise");
    write_unsynced(&path, &bytes)?;
    Ok(Some(path))
}

/// Writes a page's text record over a damaged one.
pub fn replace(
    out: &Path,
    slug: &str,
    page: &PageMeta,
    articles: &[Article],
) -> Result<Option<PathBuf>> {
    remove_if_present(&out.join(text_path(slug, page)))?;
    save(out, slug, page, articles)
}

/// The articles of a page, as split when its record was made.
pub fn load(out: &Path, slug: &str, page: &PageMeta) -> Result<Vec<Article>> {
    let path = out.join(text_path(slug, page));
    let damaged = |message: String| Error::State {
        path: path.clone(),
        message,
    };
    let bytes = read_state_file(&path).map_err(|e| damaged(e.to_string()))?;
    let articles: Vec<Article> =
        serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
    if articles.len() != page.entries.len() {
        return Err(damaged(format!(
            "holds {} articles where {} were recorded",
            articles.len(),
            page.entries.len()
        )));
    }
    Ok(articles)
}

/// Removes the text records that no page of `papers` names any more.
pub fn remove_unused(out: &Path, papers: &[PaperRecord]) -> Result<usize> {
    let used: HashSet<PathBuf> = papers
        .iter()
        .flat_map(|a| {
            a.pages
                .iter()
                .map(|p| out.join(text_path(&a.publication.slug, p)))
        })
        .collect();
    let texts = out.join(STATE_DIR).join("texts");
    let mut removed = 0;
    for slug in std::fs::read_dir(&texts).into_iter().flatten().flatten() {
        for record in std::fs::read_dir(slug.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = record.path();
            if !used.contains(&path) {
                remove_if_present(&path)?;
                removed += 1;
            }
        }
        // Leaves folders that still hold anything.
        let _ = std::fs::remove_dir(slug.path());
    }
    Ok(removed)
}
