//! One build at a time per output folder: an advisory lock on the output
//! folder itself. A lock on a file could be lost by unlinking the file (or
//! the state folder) under a running build, letting a second one in; the
//! folder a build writes cannot be unlinked from under it. The kernel drops
//! the lock when its holder dies, so a killed run never blocks the next.
//! `.paperboy/lock` names the holder's pid, for the message of the runs it
//! turns away.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::store::STATE_DIR;

/// Held for as long as the build runs.
#[derive(Debug)]
pub struct RunLock {
    _folder: File,
}

fn holder_path(out: &Path) -> PathBuf {
    out.join(STATE_DIR).join("lock")
}

/// Takes the output folder's lock, waiting up to `wait` for another run to
/// finish.
pub fn acquire(out: &Path, wait: Duration) -> Result<RunLock> {
    let folder = File::open(out).map_err(Error::io(out))?;
    let start = Instant::now();
    loop {
        match folder.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(TryLockError::WouldBlock) => {
                let path = holder_path(out);
                let holder = crate::regular::read(&path, 64, "a lock file")
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                return Err(Error::Locked {
                    path: out.to_path_buf(),
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(out)(e)),
        }
    }
    let path = holder_path(out);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    }
    crate::store::files::write_unsynced(&path, std::process::id().to_string().as_bytes())?;
    Ok(RunLock { _folder: folder })
}
