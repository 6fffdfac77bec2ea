//! The record of the last clean build (`.paperboy/last-build.json`): what it
//! was made from and how the output folder looked after it, so that a run
//! with nothing new to do can stop after reading it.
//!
//! How the folder looked is kept in groups, as a run checks it (see
//! [`rotation`](super::rotation)): the folders, the heads, and each share
//! of the other files. The record holds each group's hash, and
//! `.paperboy/sealed-names` the names in each group, so that a run with
//! nothing to do stats the folders, the heads and its one share, and reads
//! neither the catalog nor the rest of the names.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::model::FileStamp;
use crate::store::rotation::{is_head, share_of, Rotation, SHARES};
use crate::store::{read_state_file, Document};

/// Where the record lives, relative to the output folder.
pub(super) const LAST_BUILD: &str = ".paperboy/last-build.json";

/// The names of each group the record hashes, relative to the output
/// folder.
pub(super) const SEALED_NAMES: &str = ".paperboy/sealed-names";

/// The groups: the folders, the heads, then each share.
const FOLDERS: usize = 0;
const HEADS: usize = 1;
const GROUPS: usize = 2 + SHARES as usize;

fn share_group(share: u32) -> usize {
    2 + share as usize
}

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
    /// For each group (folders, heads, shares), a hash of its members'
    /// names and metadata.
    pub(super) output: Vec<String>,
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

    /// Whether the output folder is as the build left it, as far as a run
    /// with `rotation` checks: its folders, its heads and the shares due.
    pub(super) fn output_unchanged(&self, out: &Path, rotation: Rotation) -> bool {
        let Ok(names) = read_state_file(&out.join(SEALED_NAMES)) else {
            return false;
        };
        let Some(groups) = groups(&names) else {
            return false;
        };
        groups.len() == self.output.len()
            && groups
                .iter()
                .zip(&self.output)
                .enumerate()
                .filter(|(group, _)| {
                    *group < share_group(0)
                        || rotation.checks_share((group - share_group(0)) as u32)
                })
                .all(|(_, (names, sealed))| hash_now(out, names) == *sealed)
    }
}

/// One file's or folder's part of a group's hash: its path (relative to
/// the output folder) and its metadata.
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

/// The members' hashes summed: the same in any order, so members can be
/// stat-ed in parallel and the catalog gives the same figure.
fn group_hash(hashes: impl Iterator<Item = u128>) -> String {
    format!("{:032x}", hashes.fold(0u128, u128::wrapping_add))
}

/// The hash of a group of names (each ended by a NUL) as the folder is now.
fn hash_now(out: &Path, names: &[u8]) -> String {
    let names: Vec<&[u8]> = match names.strip_suffix(&[0]) {
        Some(names) => names.split(|&b| b == 0).collect(),
        None => Vec::new(),
    };
    let hashes: Vec<u128> = names
        .par_iter()
        .map(|name| {
            let stamp = FileStamp::read(&out.join(OsStr::from_bytes(name)));
            file_hash(name, stamp.as_ref())
        })
        .collect();
    group_hash(hashes.into_iter())
}

/// The groups of the names file: each a length (8 bytes, little-endian)
/// and that many bytes of names.
fn groups(mut bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut groups = Vec::with_capacity(GROUPS);
    while !bytes.is_empty() {
        let (length, rest) = bytes.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        if length > rest.len() {
            return None;
        }
        let (group, rest) = rest.split_at(length);
        groups.push(group);
        bytes = rest;
    }
    Some(groups)
}

/// How a build left the output folder, grouped as runs check it.
pub(super) struct SealedOutput {
    /// Each group's hash, for the record.
    pub(super) hashes: Vec<String>,
    /// The bytes of the names file.
    pub(super) names: Vec<u8>,
}

/// The seal of a folder a build has just written, from what the catalog
/// records.
pub(super) fn seal(
    documents: &BTreeMap<String, Document>,
    folders: &BTreeMap<String, FileStamp>,
) -> SealedOutput {
    let mut groups: Vec<Vec<(&str, &FileStamp)>> = vec![Vec::new(); GROUPS];
    groups[FOLDERS].extend(folders.iter().map(|(name, stamp)| (name.as_str(), stamp)));
    for (name, document) in documents {
        let group = if is_head(name) {
            HEADS
        } else {
            share_group(share_of(name))
        };
        groups[group].push((name, &document.stamp));
    }
    let hashes = groups
        .iter()
        .map(|group| {
            group_hash(
                group
                    .iter()
                    .map(|(name, stamp)| file_hash(name.as_bytes(), Some(stamp))),
            )
        })
        .collect();
    let mut names = Vec::new();
    for group in &groups {
        let length: usize = group.iter().map(|(name, _)| name.len() + 1).sum();
        names.extend_from_slice(&(length as u64).to_le_bytes());
        for (name, _) in group {
            names.extend_from_slice(name.as_bytes());
            names.push(0);
        }
    }
    SealedOutput { hashes, names }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    /// A run at the hour whose share is `share`, on a folder too large for
    /// every file to be checked.
    fn run_checking(share: u32) -> Rotation {
        let now = DateTime::from_timestamp(i64::from(share) * 3600, 0).unwrap();
        Rotation::new(now.fixed_offset(), 100, 0)
    }

    /// Seals the folder `out` holding `names`, as a build's commit does.
    fn sealed(out: &Path, names: &[String]) -> LastBuild {
        let documents: BTreeMap<String, Document> = names
            .iter()
            .map(|name| {
                let stamp = FileStamp::read(&out.join(name)).unwrap();
                (
                    name.clone(),
                    Document {
                        signature: 0,
                        stamp,
                    },
                )
            })
            .collect();
        // As in a build, the state folder is there before the seal.
        std::fs::create_dir_all(out.join(".paperboy")).unwrap();
        let folders = crate::store::folder_stamps(out, &documents);
        let output = seal(&documents, &folders);
        std::fs::write(out.join(SEALED_NAMES), output.names).unwrap();
        // The kernel's clock for file times ticks every few milliseconds:
        // what follows happens after the sealed times.
        std::thread::sleep(std::time::Duration::from_millis(20));
        LastBuild {
            inputs: String::new(),
            output: output.hashes,
            totals: Totals::default(),
            files: documents.len(),
        }
    }

    #[test]
    fn a_run_checks_the_folders_the_heads_and_its_share() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let mut names = vec!["atom.xml".to_string(), "p/index.html".to_string()];
        names.extend((1..=40).map(|n| format!("p/2024-01-01/a-{n}.html")));
        for name in &names {
            std::fs::create_dir_all(out.join(name).parent().unwrap()).unwrap();
            std::fs::write(out.join(name), name).unwrap();
        }
        let last = sealed(out, &names);
        let every_run = |last: &LastBuild| -> Vec<bool> {
            (0..SHARES)
                .map(|s| last.output_unchanged(out, run_checking(s)))
                .collect()
        };
        assert!(every_run(&last).iter().all(|&unchanged| unchanged));
        // Edited in place: seen by the run of its share only.
        let article = &names[2];
        std::fs::write(out.join(article), "edited").unwrap();
        let seen: Vec<u32> = (0..SHARES)
            .filter(|&s| !last.output_unchanged(out, run_checking(s)))
            .collect();
        assert_eq!(seen, vec![share_of(article)]);
        // A head, by every run.
        let last = sealed(out, &names);
        std::fs::write(out.join("p/index.html"), "edited").unwrap();
        assert!(every_run(&last).iter().all(|&unchanged| !unchanged));
        // A file added beside the articles (or one removed, or renamed
        // over), by every run: its folder changed.
        let last = sealed(out, &names);
        std::fs::write(out.join("p/2024-01-01/other.html"), "").unwrap();
        assert!(every_run(&last).iter().all(|&unchanged| !unchanged));
        let last = sealed(out, &names);
        std::fs::rename(out.join(&names[3]), out.join(&names[4])).unwrap();
        assert!(every_run(&last).iter().all(|&unchanged| !unchanged));
        // Without its names, the seal holds for no run.
        std::fs::remove_file(out.join(SEALED_NAMES)).unwrap();
        assert!(every_run(&last).iter().all(|&unchanged| !unchanged));
    }
}
