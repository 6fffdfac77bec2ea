//! Every message the command line prints, in one place: nothing else in
//! paperboy prints. A reader that stopped reading (`| head`) is no error.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use paperboy::build::{BuildReport, Progress};
use paperboy::model::Article;

/// Writes to a stream; a closed pipe ends the output quietly.
fn write(mut stream: impl Write, text: &str) -> std::io::Result<()> {
    match stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

/// Prints to stdout.
pub fn out(text: &str) {
    if let Err(e) = write(std::io::stdout().lock(), text) {
        error(format!("writing to stdout: {e}"));
    }
}

/// A message as it is safe to show on a terminal: control characters
/// (ESC sequences in a file name) escaped, line ends kept.
fn printable(message: impl std::fmt::Display) -> String {
    message
        .to_string()
        .chars()
        .map(|c| match c {
            '\n' => c.to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `error: …` on stderr.
pub fn error(message: impl std::fmt::Display) {
    let _ = write(
        std::io::stderr().lock(),
        &format!("error: {}\n", printable(message)),
    );
}

/// `warning: …` on stderr.
pub fn warning(message: impl std::fmt::Display) {
    let _ = write(
        std::io::stderr().lock(),
        &format!("warning: {}\n", printable(message)),
    );
}

/// `1 issue`, `2 issues`: a count with its noun in the right number.
fn counted(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// The one line a build prints when it is not quiet.
pub fn build_summary(report: &BuildReport, out: &Path) -> String {
    let (t, c, f) = (report.totals, report.changes, report.files);
    format!(
        "{}, {}, {} ({} added, {} updated, {} removed); {} written, {} unchanged, {} removed in {}{}\n",
        counted(t.publications, "publication"),
        counted(t.issues, "issue"),
        counted(t.entries, "entry"),
        c.added,
        c.updated,
        c.removed,
        counted(f.written, "file"),
        f.unchanged,
        f.removed,
        out.display(),
        if report.state_rebuilt {
            "; the lost state was rebuilt, with the dates its feeds published"
        } else {
            ""
        }
    )
}

/// The first and last `n` characters of a text.
fn ends(text: &str, n: usize) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let head: String = chars.iter().take(n).collect();
    let tail: String = chars[chars.len().saturating_sub(n)..].iter().collect();
    (head, tail)
}

fn describe(index: usize, article: &Article) -> String {
    let mut out = format!("{:>2}. {}\n", index + 1, article.title);
    if let Some(subtitle) = &article.subtitle {
        out.push_str(&format!("    subtitle: {subtitle}\n"));
    }
    if let Some(column) = &article.column {
        out.push_str(&format!("    column:   {column}\n"));
    }
    out.push_str(&format!("    authors:  {}\n", article.authors.join(", ")));
    let body: String = article.paragraphs().collect();
    let (head, tail) = ends(&body, 12);
    out.push_str(&format!(
        "    kind: {:?}, {} paragraphs, {} captions\n    body: {head} … {tail}\n",
        article.kind,
        article.paragraphs().count(),
        article.captions.len()
    ));
    out
}

/// `paperboy split`'s listing of a page's articles.
pub fn split_listing(file: &Path, articles: &[Article]) -> String {
    let mut text = format!("{}: {} articles\n", file.display(), articles.len());
    for (i, article) in articles.iter().enumerate() {
        text.push_str(&describe(i, article));
    }
    text
}

pub fn check_passed(dir: &Path) -> String {
    format!("{}: all feeds pass\n", dir.display())
}

pub fn serving(dir: &Path, bound: &str) -> String {
    format!(
        "serving {} at http://{bound}/ (Ctrl-C stops)\n",
        dir.display()
    )
}

/// A one-line count of pages read on stderr, shown only on a terminal and
/// once a run has taken more than a second.
pub struct TerminalProgress {
    enabled: bool,
    start: Instant,
    shown: AtomicBool,
}

impl TerminalProgress {
    pub fn new(enabled: bool) -> TerminalProgress {
        TerminalProgress {
            enabled,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// Clears the count, if it was shown.
    pub fn finish(&self) {
        if self.shown.load(Ordering::Relaxed) {
            let _ = write(std::io::stderr().lock(), "\r\x1b[K");
        }
    }
}

impl Progress for TerminalProgress {
    fn pages_read(&self, done: usize, total: usize) {
        if self.enabled
            && (done.is_multiple_of(100) || done == total)
            && self.start.elapsed() > Duration::from_secs(1)
        {
            let _ = write(
                std::io::stderr().lock(),
                &format!("\rreading pages {done}/{total}"),
            );
            self.shown.store(true, Ordering::Relaxed);
        }
    }
}
