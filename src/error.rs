//! Errors, each naming the file (and line where it helps) and saying what to
//! do about it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },

    #[error("{path}: missing publication.toml; create it with at least `title = \"…\"` (and `language = \"zh-CN\"`)")]
    MissingPublicationConfig { path: PathBuf },

    #[error("{path}: the file name is not an issue date; name pages YYYY-MM-DD.txt or YYYY-MM-DD-<page>.txt ({reason})")]
    BadFileName { path: PathBuf, reason: String },

    #[error("{path}: the page is dated in the future: its press time, {press}, is more than a day after the date of this run; correct the date in the file name (or the clock)")]
    FutureIssue { path: PathBuf, press: String },

    #[error("{path}: the folder name is not a usable publication slug; use only a-z, 0-9, '-' and '_', starting with a letter or digit, at most 64 ({reason})")]
    BadSlug { path: PathBuf, reason: String },

    #[error("{path}: not read: {reason}")]
    NotAPage { path: PathBuf, reason: &'static str },

    #[error("{path}: the same page as {other}; keep one of the two files")]
    DuplicatePage { path: PathBuf, other: PathBuf },

    #[error("{path}: the text is neither UTF-8 nor GB18030 (first bad byte at offset {offset}); re-export the page as UTF-8")]
    Undecodable { path: PathBuf, offset: usize },

    #[error(
        "{path}: the page is empty; export its text again, or delete the file to unpublish it"
    )]
    EmptyPage { path: PathBuf },

    #[error(
        "{path}: this is {kind}, not a page's text; export the page as text, or delete the file"
    )]
    Binary { path: PathBuf, kind: &'static str },

    #[error("{path}: this is {kind}, not a regular file; it was not opened (reading it could wait forever); replace it with a file or remove it")]
    NotRegular { path: PathBuf, kind: &'static str },

    #[error("{path}: symbolic link not followed: {reason}; copy the files into the seeds folder instead")]
    Symlink { path: PathBuf, reason: String },

    #[error("{path}: {size} bytes is more than the {limit}-byte limit for {what}")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        what: &'static str,
    },

    #[error("{path}: no article could be read from the page; check that it is a page's text, or mark its headlines with `@@ headline …` lines")]
    NoArticles { path: PathBuf },

    #[error("{path}: {message}")]
    Render { path: PathBuf, message: String },

    #[error("{path}: the build's saved state is damaged ({message}) and the seed page it was made from no longer gives it; correct or delete that page")]
    State { path: PathBuf, message: String },

    #[error("{path}: another paperboy build (pid {holder}) is running on this output folder; try again when it has finished")]
    Locked { path: PathBuf, holder: String },

    #[error("the new output failed its checks, so the published files were left as they were:\n  {}", problems.join("\n  "))]
    Gate { problems: Vec<String> },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The exit statuses of the command line, as `build --help` documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    /// Some inputs could not be used; the rest was built.
    InputErrors = 1,
    /// Nothing could be built or written.
    Fatal = 3,
    /// Another build holds the output folder.
    Locked = 4,
    /// The new output failed its checks; the published files stayed.
    CheckFailed = 5,
}

impl Error {
    /// The exit status of a run that ends with this error.
    pub fn code(&self) -> Exit {
        match self {
            Error::Locked { .. } => Exit::Locked,
            Error::Gate { .. } => Exit::CheckFailed,
            _ => Exit::Fatal,
        }
    }

    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
