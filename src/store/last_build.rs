//! The record of the last clean build (`.paperboy/last-build.json`): what it
//! was made from and how the output folder looked after it, so that a run
//! with nothing new to do can stop after reading it.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::model::FileStamp;
use crate::store::{read_state_file, Document, STATE_DIR};

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

/// One file's part of a folder stamp: its path (relative to the output
/// folder) and its metadata.
fn file_hash(path: &[u8], stamp: Option<&FileStamp>) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(path);
    hasher.update(&[0]);
    if let Some(s) = stamp {
        hasher.update(&s.size.to_le_bytes());
        hasher.update(&s.modified_ns.to_le_bytes());
        hasher.update(&s.changed_ns.to_le_bytes());
        hasher.update(&s.inode.to_le_bytes());
    }
    hasher.digest128()
}

/// The files' hashes summed: the same in any order, so the folder can be
/// read in parallel and the catalog can give the same figure without
/// reading the folder at all.
fn folder_stamp(hashes: impl Iterator<Item = u128>) -> String {
    format!("{:032x}", hashes.fold(0u128, u128::wrapping_add))
}

/// A stamp of every file of the output folder (outside the state) with
/// its metadata: a file added, removed, or changed by anything else than a
/// build (truncated, edited, even with its mtime put back) changes it.
pub(super) fn output_stamp(out: &Path) -> String {
    folder_stamp(file_hashes(out, Path::new(""), &|_| true).into_iter())
}

/// What [`output_stamp`] gives once a build has written the folder: the
/// files the catalog lists are hashed with the metadata it recorded, and
/// only the others (a host's robots.txt) are stat-ed; the folder is only
/// listed.
pub(super) fn written_stamp(out: &Path, documents: &BTreeMap<String, Document>) -> String {
    let others = file_hashes(out, Path::new(""), &|name| {
        !name.is_some_and(|name| documents.contains_key(name))
    });
    let written = documents
        .iter()
        .map(|(name, d)| file_hash(name.as_bytes(), Some(&d.stamp)));
    folder_stamp(written.chain(others))
}

/// The files under `dir` that `stat` asks for (by relative path, when it
/// is UTF-8), hashed with their metadata; folders are read in parallel.
fn file_hashes(
    dir: &Path,
    relative: &Path,
    stat: &(dyn Fn(Option<&str>) -> bool + Sync),
) -> Vec<u128> {
    let entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    entries
        .par_iter()
        .filter(|e| !(relative.as_os_str().is_empty() && e.file_name() == STATE_DIR))
        .flat_map_iter(|entry| {
            let path = relative.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => file_hashes(&entry.path(), &path, stat),
                _ if !stat(path.to_str()) => Vec::new(),
                _ => {
                    let stamp = entry.metadata().ok().map(|m| FileStamp::of(&m));
                    vec![file_hash(
                        path.as_os_str().as_encoded_bytes(),
                        stamp.as_ref(),
                    )]
                }
            }
        })
        .collect()
}
