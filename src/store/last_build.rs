//! The record of the last clean build (`.paperboy/last-build.json`): what it
//! was made from and how the output folder looked after it, so that a run
//! with nothing new to do can stop after reading it.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::model::FileStamp;
use crate::store::{read_state_file, STATE_DIR};

/// Where the record lives, relative to the output folder.
pub(super) const LAST_BUILD: &str = ".paperboy/last-build.json";

/// What a build published, counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub publications: usize,
    pub issues: usize,
    pub entries: usize,
}

/// What a clean build (one with no input errors) leaves for the next run:
/// it can stand in for the next one made from the same inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastBuild {
    pub(super) inputs: String,
    /// A hash of every file in the output folder with its metadata.
    pub(super) output: String,
    #[serde(flatten)]
    pub totals: Totals,
    pub files: usize,
}

impl LastBuild {
    pub(super) fn load(out: &Path) -> Option<LastBuild> {
        let bytes = read_state_file(&out.join(LAST_BUILD)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("the record serialises");
        bytes.push(b'\n');
        bytes
    }
}

/// A hash of every file of the output folder (outside the state) with
/// its metadata: a file added, removed, or changed by anything else than a
/// build (truncated, edited, even with its mtime put back) changes it.
pub(super) fn output_stamp(out: &Path) -> String {
    let mut hasher = Xxh3::new();
    for (path, stamp) in stamps(out, Path::new("")) {
        hasher.update(path.as_os_str().as_encoded_bytes());
        hasher.update(format!("{stamp:?}").as_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

/// Every file under `dir` with its metadata, in name order; folders are
/// read in parallel (a no-op run stats every output file).
fn stamps(dir: &Path, relative: &Path) -> Vec<(PathBuf, Option<FileStamp>)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    entries
        .par_iter()
        .filter(|e| !(relative.as_os_str().is_empty() && e.file_name() == STATE_DIR))
        .flat_map_iter(|entry| {
            let path = relative.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => stamps(&entry.path(), &path),
                _ => vec![(path, entry.metadata().ok().map(|m| FileStamp::of(&m)))],
            }
        })
        .collect()
}
