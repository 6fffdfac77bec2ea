//! Which folders a build may write into.

use std::path::{Path, PathBuf};

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use crate::layout::Format;
use crate::store::STATE_DIR;

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
    out.join(STATE_DIR).is_dir()
        || crate::regular::read(&out.join(Format::Atom.path("", None)), 8 << 20, "a feed")
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

/// Refuses a seeds folder that is not there and an output folder a build
/// must not write into.
pub fn check(options: &BuildOptions) -> Result<()> {
    if !options.seeds.is_dir() {
        return Err(Error::Config {
            path: options.seeds.clone(),
            message: "the seeds folder does not exist; pass --seeds DIR".to_string(),
        });
    }
    check_output_folder(options)
}
