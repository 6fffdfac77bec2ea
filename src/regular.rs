//! Reading files paperboy did not make safe to read: only regular files
//! are opened (a FIFO or device named like an input would hang the run and
//! the lock it holds), and never more bytes than the file's kind can need.

use std::path::Path;

use crate::error::{Error, Result};

/// What a file that is not a regular file is, for messages.
fn special_kind(kind: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else {
        Some("a special file")
    }
}

/// Opens a file that must be a regular one. Its type is checked before it
/// is opened, and it is opened without blocking and checked again, so a
/// FIFO or device named like an input is refused instead of hanging the run
/// (and the lock it holds).
pub fn open(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let refuse = |kind: std::fs::FileType| match special_kind(kind) {
        Some(kind) => Err(Error::NotRegular {
            path: path.to_path_buf(),
            kind,
        }),
        None => Ok(()),
    };
    refuse(
        std::fs::metadata(path)
            .map_err(Error::io(path))?
            .file_type(),
    )?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(Error::io(path))?;
    refuse(file.metadata().map_err(Error::io(path))?.file_type())?;
    Ok(file)
}

/// Reads at most `limit` bytes of a regular file; more is refused, saying
/// it is too large for `what`.
pub fn read(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_large = |size| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
        what,
    };
    let file = open(path)?;
    let size = file.metadata().map_err(Error::io(path))?.len();
    if size > limit {
        return Err(too_large(size));
    }
    // The file may grow while it is read.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Error::io(path))?;
    match bytes.len() as u64 {
        read if read > limit => Err(too_large(read)),
        _ => Ok(bytes),
    }
}

/// Settings files are a few lines; a larger one is not a settings file.
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// Reads a settings file (`publication.toml`, `paperboy.toml`) as text;
/// `None` when there is none.
pub fn read_settings(path: &Path) -> Result<Option<String>> {
    let bytes = match read(path, MAX_SETTINGS_BYTES, "a settings file") {
        Ok(bytes) => bytes,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!(
                "not UTF-8 text (first bad byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })
}
