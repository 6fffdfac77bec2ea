//! The `paperboy` command line. Everything it does is in the library; this
//! file only reads arguments, prints, and chooses the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Parser, Subcommand};
use paperboy::build::{build, BuildOptions};
use paperboy::error::Error;
use paperboy::model::Article;
use paperboy::seeds::read_page;
use paperboy::split::{explain_page, page_articles};

/// Exit codes, as documented in the README.
const EXIT_INPUT_ERRORS: u8 = 1;
const EXIT_FATAL: u8 = 3;
const EXIT_LOCKED: u8 = 4;
const EXIT_CHECK_FAILED: u8 = 5;

#[derive(Parser)]
#[command(
    name = "paperboy",
    version,
    about = "Turns newspaper pages (plain text from e-paper PDFs) into Atom and RSS feeds and a static site.",
    long_about = "Turns newspaper pages (plain text from e-paper PDFs) into Atom and RSS feeds and a static site.\n\n\
Seeds are laid out as <seeds>/<slug>/publication.toml and <seeds>/<slug>/<YYYY-MM-DD>[-<page>].txt.\n\
`paperboy build` writes a site-wide feed, a feed per publication, an HTML page per issue, an\n\
index page and an OPML list into the output folder, ready to be served as static files.",
    after_help = "Examples:\n  paperboy build                      build feeds/ from seeds/ with paperboy.toml\n  paperboy build --out /var/www/feeds  build somewhere else\n  paperboy split seeds/rmrb/2023-04-10.txt   see how one page is cut into articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the feeds and pages from the seed pages.
    ///
    /// Safe to run from cron: one run at a time per output folder, every file
    /// replaced atomically and only when its bytes change, and what a page
    /// published stays published while its file is unreadable.
    ///
    /// Exit status: 0 when everything was built; 1 when some inputs could not
    /// be used (each is named on stderr; the rest was built and what they
    /// published before is kept); 3 when nothing could be built or written;
    /// 4 when another build holds the output folder; 5 when the new output
    /// failed its checks (the published files were left as they were).
    ///
    /// The environment variable PAPERBOY_NOW (an RFC 3339 time) sets the time
    /// given to edited entries, for reproducible runs.
    #[command(after_help = MARKERS_HELP)]
    Build {
        /// Folder of publications (<slug>/publication.toml, <slug>/<date>.txt).
        #[arg(long, default_value = "seeds", value_name = "DIR")]
        seeds: PathBuf,
        /// Output folder; it can be served as it is.
        #[arg(long, default_value = "feeds", value_name = "DIR")]
        out: PathBuf,
        /// Site settings (title, base_url, timezone, press_time); missing means defaults.
        #[arg(long, default_value = "paperboy.toml", value_name = "FILE")]
        config: PathBuf,
        /// Print nothing on success (errors still go to stderr).
        #[arg(short, long)]
        quiet: bool,
        /// Seconds to wait for another build on the same output folder.
        #[arg(long, default_value_t = 10, value_name = "SECONDS")]
        wait: u64,
        /// Build into a folder that holds other files and no earlier build
        /// (files with the names paperboy writes are replaced).
        #[arg(long)]
        force: bool,
    },
    /// Check an output folder as a build checks its output before publishing:
    /// well-formed feeds, required elements, unique ids, absolute links, sane
    /// dates. Exit status 0 when it passes, 5 when it does not.
    Check {
        /// The output folder.
        #[arg(default_value = "feeds", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Serve an output folder on this machine, with feed media types, ETag,
    /// Last-Modified and 304 answers, so a real feed reader can subscribe to it.
    Serve {
        /// The output folder.
        #[arg(default_value = "feeds", value_name = "DIR")]
        dir: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Show how one page is split into articles, to see why it came out as it did.
    #[command(after_help = MARKERS_HELP)]
    Split {
        /// A page file (UTF-8 or GB18030 text).
        file: PathBuf,
        /// Print the whole structure as JSON.
        #[arg(long)]
        json: bool,
        /// Show each line's kind and each candidate boundary with the cues
        /// that decided it (== taken, -- not taken).
        #[arg(long, conflicts_with = "json")]
        explain: bool,
    },
}

/// The editors' markers, shown under `split --help` and `build --help`.
const MARKERS_HELP: &str = "Editors' markers: a line of its own in a page file corrects the splitter.\n  \
@@ break             a new article starts on the next line\n  \
@@ headline TITLE    a new article titled TITLE starts on the next line\n\
`paperboy split --explain FILE` shows where the page was cut and why, so you can see where a marker is needed.";

/// Writes to stdout; a reader that stopped reading (`| head`) is no error.
fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: writing to stdout: {e}");
        }
    }
}

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

fn split_command(file: PathBuf, json: bool, explain: bool) -> ExitCode {
    let decoded = match read_page(&file) {
        Ok(decoded) => decoded,
        Err(e) => {
            eprintln!("error: {}", printable(&e));
            return ExitCode::from(EXIT_INPUT_ERRORS);
        }
    };
    if let Some(warning) = decoded.warning {
        eprintln!("warning: {}", printable(warning));
    }
    if explain {
        out(&explain_page(&decoded.text));
        return ExitCode::SUCCESS;
    }
    let articles = page_articles(&decoded.text);
    if json {
        match serde_json::to_string_pretty(&articles) {
            Ok(text) => out(&format!("{text}\n")),
            Err(e) => {
                eprintln!("error: {}", printable(&e));
                return ExitCode::from(EXIT_FATAL);
            }
        }
    } else {
        let mut text = format!("{}: {} articles\n", file.display(), articles.len());
        for (i, article) in articles.iter().enumerate() {
            text.push_str(&describe(i, article));
        }
        out(&text);
    }
    ExitCode::SUCCESS
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

/// The time of the run: PAPERBOY_NOW when set, the clock otherwise.
fn now() -> Result<DateTime<FixedOffset>, String> {
    match std::env::var("PAPERBOY_NOW") {
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .map_err(|e| format!("PAPERBOY_NOW={text:?} is not an RFC 3339 time ({e}); write it like 2024-05-01T06:00:00+08:00")),
        Err(_) => Ok(Utc::now().fixed_offset()),
    }
}

fn build_command(options: BuildOptions, quiet: bool) -> ExitCode {
    let report = match build(&options) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {}", printable(&e));
            return ExitCode::from(match e {
                Error::Locked { .. } => EXIT_LOCKED,
                Error::Gate { .. } => EXIT_CHECK_FAILED,
                _ => EXIT_FATAL,
            });
        }
    };
    for warning in &report.warnings {
        eprintln!("warning: {}", printable(warning));
    }
    for error in &report.errors {
        eprintln!("error: {}", printable(error));
    }
    if !quiet {
        let c = report.changes;
        out(&format!(
            "{}, {}, {} ({} added, {} updated, {} removed); {} written, {} unchanged, {} removed in {}{}\n",
            counted(report.publications, "publication"),
            counted(report.issues, "issue"),
            counted(report.entries, "entry"),
            c.added,
            c.updated,
            c.removed,
            counted(report.files.written, "file"),
            report.files.unchanged,
            report.files.removed,
            options.out.display(),
            if report.state_rebuilt {
                "; the lost state was rebuilt, with the dates its feeds published"
            } else {
                ""
            }
        ));
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INPUT_ERRORS)
    }
}

fn check_command(dir: PathBuf) -> ExitCode {
    let now = match now() {
        Ok(now) => now,
        Err(message) => {
            eprintln!("error: {}", printable(&message));
            return ExitCode::from(EXIT_FATAL);
        }
    };
    match paperboy::check::check_folder(&dir, now) {
        Ok(problems) if problems.is_empty() => {
            out(&format!("{}: all feeds pass\n", dir.display()));
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for problem in &problems {
                eprintln!("error: {}", printable(problem));
            }
            ExitCode::from(EXIT_CHECK_FAILED)
        }
        Err(e) => {
            eprintln!("error: {}", printable(&e));
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn serve_command(dir: PathBuf, port: u16) -> ExitCode {
    let address = format!("127.0.0.1:{port}");
    let ready = |bound: &str| {
        println!(
            "serving {} at http://{bound}/ (Ctrl-C stops)",
            dir.display()
        );
        let _ = std::io::Write::flush(&mut std::io::stdout());
    };
    match paperboy::serve::serve(&dir, &address, ready) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", printable(&e));
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            seeds,
            out,
            config,
            quiet,
            wait,
            force,
        } => {
            let now = match now() {
                Ok(now) => now,
                Err(message) => {
                    eprintln!("error: {}", printable(&message));
                    return ExitCode::from(EXIT_FATAL);
                }
            };
            let wait = Duration::from_secs(wait);
            let progress = !quiet && std::io::stderr().is_terminal();
            build_command(
                BuildOptions {
                    seeds,
                    out,
                    config,
                    wait,
                    now,
                    progress,
                    force,
                },
                quiet,
            )
        }
        Command::Check { dir } => check_command(dir),
        Command::Serve { dir, port } => serve_command(dir, port),
        Command::Split {
            file,
            json,
            explain,
        } => split_command(file, json, explain),
    }
}

/// `1 issue`, `2 issues`: a count with its noun in the right number.
fn counted(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}
