//! One build at a time per output folder: an advisory lock on
//! `.paperboy/lock`. The kernel drops the lock when its holder dies, so a
//! killed run never leaves a lock that blocks the next one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::state::STATE_DIR;

/// Held for as long as the build runs.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// Takes the output folder's lock, waiting up to `wait` for another run to
/// finish.
pub fn acquire(out: &Path, wait: Duration) -> Result<RunLock> {
    let dir = out.join(STATE_DIR);
    std::fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
    let path = dir.join("lock");
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(Error::io(&path))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(Error::Locked {
                    path,
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path)(e)),
        }
    }
    let write_pid = |file: &mut File| -> std::io::Result<()> {
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())
    };
    write_pid(&mut file).map_err(Error::io(&path))?;
    Ok(RunLock { _file: file })
}
