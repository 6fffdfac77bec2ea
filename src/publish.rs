//! Putting the rendered files in place: each is written to a temporary file
//! beside its target and renamed over it, so a reader (or a web server) sees
//! the old file or the new one, never half of one. A file whose bytes would
//! not change is left alone, so its mtime (and HTTP `Last-Modified`) stays.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a write of the output folder did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    /// Files an earlier build wrote that this one no longer makes.
    pub removed: usize,
}

fn temporary_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    dir.join(format!(".{name}.paperboy-{}.tmp", std::process::id()))
}

/// Writes `bytes` to a temporary file beside `path`, synced to disk, and
/// returns its name; nothing is replaced yet.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let temp = temporary_path(path);
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path)(e));
    }
    Ok(temp)
}

/// Whether `path` already holds exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes `bytes` to `path` atomically (same-folder temporary file, fsync,
/// rename). Returns false, touching nothing, when the file already holds
/// exactly these bytes.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if unchanged(path, bytes) {
        return Ok(false);
    }
    let temp = stage(path, bytes)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path)(e)
    })?;
    Ok(true)
}

/// Removes a file; true when there was one.
pub fn remove_if_present(path: &Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path)(e)),
    }
}

/// The list of files the last build wrote, so the next can remove the ones
/// it no longer makes (and never touch anything else in the folder).
const MANIFEST: &str = ".paperboy/manifest.json";
/// Present while files are being replaced; found at the start of a run, it
/// means the last run was killed and may have left temporary files.
const WRITING: &str = ".paperboy/writing";

fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.contains(".paperboy-") && name.ends_with(".tmp")
}

/// Removes temporary files a killed run left behind.
fn sweep_temporary(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(Error::io(dir))? {
        let path = entry.map_err(Error::io(dir))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() && !path.is_symlink() {
            sweep_temporary(&path)?;
        } else if is_temporary(name) {
            std::fs::remove_file(&path).map_err(Error::io(&path))?;
        }
    }
    Ok(())
}

/// Whether a manifest line is a plain relative path inside the folder.
fn is_inside(relative: &Path) -> bool {
    relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Writes every file under `out` (creating folders as needed), then removes
/// the files the previous build wrote that are no longer made, and last
/// writes `seal` (a record that all of this is done), if any.
pub fn write_output(
    out: &Path,
    files: &BTreeMap<PathBuf, Vec<u8>>,
    seal: Option<(&Path, &[u8])>,
) -> Result<WriteReport> {
    let writing = out.join(WRITING);
    if writing.exists() {
        sweep_temporary(out)?;
    }
    // Only the marker's existence matters, so it is created in place.
    if let Some(dir) = writing.parent() {
        std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    }
    std::fs::File::create(&writing).map_err(Error::io(&writing))?;
    let previous: Vec<PathBuf> = crate::state::load(out, Path::new(MANIFEST)).unwrap_or_default();
    let mut report = WriteReport::default();
    // Stage every changed file first: if one cannot be written (a full
    // disk), nothing has been replaced and the staged files are removed.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (relative, bytes) in files {
        let path = out.join(relative);
        if unchanged(&path, bytes) {
            report.unchanged += 1;
            continue;
        }
        match stage(&path, bytes) {
            Ok(temp) => staged.push((temp, path)),
            Err(e) => {
                for (temp, _) in &staged {
                    let _ = std::fs::remove_file(temp);
                }
                return Err(e);
            }
        }
    }
    for (temp, path) in &staged {
        std::fs::rename(temp, path).map_err(Error::io(path))?;
        report.written += 1;
    }
    for stale in previous
        .iter()
        .filter(|p| is_inside(p) && !files.contains_key(*p))
    {
        let path = out.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path)(e)),
        }
        if let Some(parent) = path.parent() {
            // Leaves folders that still hold anything.
            let _ = std::fs::remove_dir(parent);
        }
    }
    let manifest: Vec<&PathBuf> = files.keys().collect();
    write_if_changed(&out.join(MANIFEST), &crate::state::to_bytes(&manifest))?;
    if let Some((relative, bytes)) = seal {
        write_if_changed(&out.join(relative), bytes)?;
    }
    std::fs::remove_file(&writing).map_err(Error::io(&writing))?;
    Ok(report)
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
    fn files_no_longer_made_are_removed_and_others_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let files = |names: &[&str]| -> BTreeMap<PathBuf, Vec<u8>> {
            names
                .iter()
                .map(|n| (PathBuf::from(n), n.as_bytes().to_vec()))
                .collect()
        };
        std::fs::write(dir.path().join("mine.txt"), "not paperboy's").unwrap();
        write_output(dir.path(), &files(&["a.xml", "x/b.html"]), None).unwrap();
        let report = write_output(dir.path(), &files(&["a.xml"]), None).unwrap();
        assert_eq!(
            (report.written, report.unchanged, report.removed),
            (0, 1, 1)
        );
        assert!(!dir.path().join("x").exists(), "an emptied folder goes too");
        assert!(dir.path().join("mine.txt").exists());
    }

    #[test]
    fn a_killed_runs_temporary_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".paperboy")).unwrap();
        std::fs::write(dir.path().join(WRITING), "").unwrap();
        std::fs::write(dir.path().join(".atom.xml.paperboy-99.tmp"), "half").unwrap();
        write_output(dir.path(), &BTreeMap::new(), None).unwrap();
        assert!(!dir.path().join(".atom.xml.paperboy-99.tmp").exists());
        assert!(!dir.path().join(WRITING).exists());
    }
}
