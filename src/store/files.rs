//! Putting the rendered files in place. Every changed file is first staged
//! as a temporary file beside its target; once all are staged and checked,
//! they are made durable and each is renamed over its target, so a reader
//! (or a web server) sees the old file or the new one, never half of one,
//! and a failed run replaces nothing. A file whose bytes would not change is
//! left alone, so its mtime (and HTTP `Last-Modified`) stays.
//!
//! Durability is in proportion to the change: a run that wrote a few files
//! syncs each of them (and the folders of new text records), a run that
//! wrote many syncs the filesystem once, which costs less than thousands of
//! fsyncs but waits for every dirty page of the disk, other programs'
//! writes included.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// What a write of the output folder did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    /// Files an earlier build wrote that this one no longer makes.
    pub removed: usize,
}

/// A temporary name beside `path`. Files staged for a commit are named by
/// the process (one per target in a run); files renamed at once also carry
/// a counter, since two threads may write the same target.
fn temporary_path(path: &Path, staged: bool) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let pid = std::process::id();
    if staged {
        dir.join(format!(".{name}.paperboy-{pid}.tmp"))
    } else {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        dir.join(format!(".{name}.paperboy-{pid}-{n}.tmp"))
    }
}

/// Writes `bytes` to the temporary file `temp` beside `path`; nothing is
/// replaced yet. With `sync`, the file is on disk on return; without,
/// [`commit`] syncs the filesystem once for every staged file.
fn stage(path: &Path, temp: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let result = (|| {
        let mut file = std::fs::File::create(temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(temp);
        Error::io(path)(e)
    })
}

/// Whether `path` already holds exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

fn rename(temp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(temp, path).map_err(|e| {
        let _ = std::fs::remove_file(temp);
        Error::io(path)(e)
    })
}

/// Writes `bytes` to `path` atomically: a same-folder temporary file,
/// synced when `sync`, renamed over it.
fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let temp = temporary_path(path, false);
    stage(path, &temp, bytes, sync)?;
    rename(&temp, path)
}

/// Writes `bytes` to `path` atomically and durably. Returns false, touching
/// nothing, when the file already holds exactly these bytes.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if unchanged(path, bytes) {
        return Ok(false);
    }
    replace(path, bytes, true)?;
    Ok(true)
}

/// Writes `bytes` to `path` atomically; the next [`commit`] makes it
/// durable. For state that only files written after that commit refer to.
pub fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, false)
}

/// Stages `bytes` for `path` unless the file already holds them; true when
/// staged. Nothing is visible until [`commit`].
pub fn stage_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if unchanged(path, bytes) {
        return Ok(false);
    }
    stage(path, &temporary_path(path, true), bytes, false).map(|_| true)
}

/// Removes what [`stage_if_changed`] staged for these paths.
pub fn discard(staged: &[PathBuf]) {
    for path in staged {
        let _ = std::fs::remove_file(temporary_path(path, true));
    }
}

/// Removes a file; true when there was one.
pub fn remove_if_present(path: &Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path)(e)),
    }
}

/// Present while staged files are renamed into place; found at the start of
/// a run, it means files may not be what the catalog says they were made
/// from.
const WRITING: &str = ".paperboy/writing";

fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.contains(".paperboy-") && name.ends_with(".tmp")
}

/// Removes temporary files a killed run left behind. (Called under the
/// run lock, so no other run's files are live.)
fn sweep_temporary(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(Error::io(dir))? {
        let entry = entry.map_err(Error::io(dir))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(Error::io(&path))?;
        let name = entry.file_name();
        if kind.is_dir() {
            sweep_temporary(&path)?;
        } else if is_temporary(&name.to_string_lossy()) {
            remove_if_present(&path)?;
        }
    }
    Ok(())
}

/// At the start of every run that writes: removes the temporary files any
/// earlier run left behind (killed, or failed where it could not clean
/// up), and says whether the last run stopped while renaming files.
pub fn recover(out: &Path) -> Result<bool> {
    let writing = out.join(WRITING).exists();
    sweep_temporary(out)?;
    Ok(writing)
}

/// Creates a marker file (only its existence matters).
fn mark(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    }
    std::fs::File::create(path)
        .map(|_| ())
        .map_err(Error::io(path))
}

/// Whether a relative path is a plain path inside the folder.
pub fn is_inside(relative: &Path) -> bool {
    relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Up to this many files are synced one by one; more, the filesystem at once.
const FEW_FILES: usize = 256;

/// Syncs the filesystem that holds `dir`: one call for every file written.
fn sync_filesystem(dir: &Path) -> Result<()> {
    let folder = std::fs::File::open(dir).map_err(Error::io(dir))?;
    rustix::fs::syncfs(&folder)
        .map_err(|e| Error::io(dir)(std::io::Error::from_raw_os_error(e.raw_os_error())))
}

/// Syncs one file or folder to disk.
fn sync_path(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(Error::io(path))
}

/// Makes the staged files' bytes durable before they are renamed into
/// place, and the `written` files (new text records) too, since the files
/// about to be renamed refer to them; with them every folder they are in,
/// up to `out`, so that folders made for them stay.
fn sync_written(out: &Path, staged: &[PathBuf], written: &[PathBuf]) -> Result<()> {
    if staged.len() + written.len() > FEW_FILES {
        return sync_filesystem(out);
    }
    let folders: std::collections::BTreeSet<&Path> = staged
        .iter()
        .chain(written)
        .flat_map(|p| p.ancestors().skip(1).take_while(|a| a.starts_with(out)))
        .collect();
    staged
        .par_iter()
        .map(|path| temporary_path(path, true))
        .chain(written.par_iter().cloned())
        .chain(folders.into_par_iter().map(Path::to_path_buf))
        .try_for_each(|path| sync_path(&path))
}

/// Puts the staged files in place under `out` and removes `stale` ones
/// (relative paths the previous build wrote and this one no longer makes),
/// once they and the `written` ones are durable. Marks the folder as being
/// written until [`finish`].
pub fn commit(
    out: &Path,
    staged: &[PathBuf],
    written: &[PathBuf],
    stale: &[PathBuf],
) -> Result<WriteReport> {
    sync_written(out, staged, written)?;
    mark(&out.join(WRITING))?;
    staged
        .par_iter()
        .try_for_each(|path| rename(&temporary_path(path, true), path))?;
    let mut report = WriteReport {
        written: staged.len(),
        ..WriteReport::default()
    };
    for relative in stale.iter().filter(|p| is_inside(p)) {
        let path = out.join(relative);
        if remove_if_present(&path)? {
            report.removed += 1;
        }
        if let Some(parent) = path.parent() {
            // Leaves folders that still hold anything.
            let _ = std::fs::remove_dir(parent);
        }
    }
    Ok(report)
}

/// Ends what [`commit`] began, once the state that describes the new files
/// is written; last writes `seal` (a record that all of this is done), if
/// any.
pub fn finish(out: &Path, seal: Option<(&Path, &[u8])>) -> Result<()> {
    remove_if_present(&out.join(WRITING))?;
    if let Some((relative, bytes)) = seal {
        write_if_changed(&out.join(relative), bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.xml");
        assert!(write_if_changed(&path, b"one").unwrap());
        let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        assert!(write_if_changed(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }

    #[test]
    fn staged_files_appear_only_on_commit_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("mine.txt"), "not paperboy's").unwrap();
        std::fs::create_dir_all(out.join("x")).unwrap();
        std::fs::write(out.join("x/old.xml"), "old").unwrap();
        std::fs::write(out.join("same.xml"), "same").unwrap();
        let new = out.join("a/new.xml");
        assert!(stage_if_changed(&new, b"new").unwrap());
        assert!(!stage_if_changed(&out.join("same.xml"), b"same").unwrap());
        assert!(!new.exists(), "nothing is visible before the commit");
        let report = commit(
            out,
            std::slice::from_ref(&new),
            &[],
            &[PathBuf::from("x/old.xml"), PathBuf::from("../mine.txt")],
        )
        .unwrap();
        assert!(out.join(WRITING).exists(), "marked until finished");
        finish(out, None).unwrap();
        assert!(!out.join(WRITING).exists());
        assert_eq!((report.written, report.removed), (1, 1));
        assert_eq!(std::fs::read(&new).unwrap(), b"new");
        assert!(!out.join("x").exists(), "an emptied folder goes too");
        assert!(out.join("mine.txt").exists());
        assert!(!recover(out).unwrap());
    }

    #[test]
    fn discarded_files_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("atom.xml");
        assert!(stage_if_changed(&path, b"x").unwrap());
        discard(std::slice::from_ref(&path));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_killed_runs_temporary_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".paperboy")).unwrap();
        std::fs::write(dir.path().join(WRITING), "").unwrap();
        std::fs::write(dir.path().join(".atom.xml.paperboy-99.tmp"), "half").unwrap();
        assert!(recover(dir.path()).unwrap(), "killed while renaming");
        assert!(!dir.path().join(".atom.xml.paperboy-99.tmp").exists());
        std::fs::remove_file(dir.path().join(WRITING)).unwrap();
        std::fs::write(dir.path().join(".rss.xml.paperboy-98-3.tmp"), "half").unwrap();
        assert!(!recover(dir.path()).unwrap(), "killed before renaming");
        assert!(!dir.path().join(".rss.xml.paperboy-98-3.tmp").exists());
    }

    #[test]
    fn a_few_files_are_synced_one_by_one_and_many_by_the_filesystem() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let staged = out.join("a/atom.xml");
        assert!(stage_if_changed(&staged, b"x").unwrap());
        let record = out.join(".paperboy/texts/p/r.json");
        write_unsynced(&record, b"[]").unwrap();
        sync_written(
            out,
            std::slice::from_ref(&staged),
            std::slice::from_ref(&record),
        )
        .unwrap();
        // A file that is not there shows which way was taken: synced one by
        // one, it is an error naming it; with the filesystem, nothing is
        // opened by name.
        let gone = out.join("gone.xml");
        let error = sync_written(out, std::slice::from_ref(&gone), &[]).unwrap_err();
        assert!(error.to_string().contains("gone.xml.paperboy-"), "{error}");
        let many = vec![gone; FEW_FILES + 1];
        sync_written(out, &many, &[]).unwrap();
        discard(std::slice::from_ref(&staged));
    }
}
