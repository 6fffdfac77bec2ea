//! The `paperboy` command line. Everything it does is in the library; this
//! file only reads arguments, runs the command, and chooses the exit code;
//! what it prints is in `messages.rs`.

mod messages;

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Parser, Subcommand};
use paperboy::build::{build, BuildOptions};
use paperboy::error::Exit;
use paperboy::seeds::read_page;
use paperboy::split::{explain_page, page_articles};

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

fn exit(code: Exit) -> ExitCode {
    ExitCode::from(code as u8)
}

fn split_command(file: PathBuf, json: bool, explain: bool) -> Exit {
    let decoded = match read_page(&file) {
        Ok(decoded) => decoded,
        Err(e) => {
            messages::error(&e);
            return Exit::InputErrors;
        }
    };
    if let Some(warning) = decoded.warning {
        messages::warning(warning);
    }
    if explain {
        messages::out(&explain_page(&decoded.text));
        return Exit::Success;
    }
    let articles = page_articles(&decoded.text);
    if json {
        match serde_json::to_string_pretty(&articles) {
            Ok(text) => messages::out(&format!("{text}\n")),
            Err(e) => {
                messages::error(e);
                return Exit::Fatal;
            }
        }
    } else {
        messages::out(&messages::split_listing(&file, &articles));
    }
    Exit::Success
}

/// The time of the run: PAPERBOY_NOW when set, the clock otherwise.
fn now() -> Result<DateTime<FixedOffset>, String> {
    match std::env::var("PAPERBOY_NOW") {
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .map_err(|e| format!("PAPERBOY_NOW={text:?} is not an RFC 3339 time ({e}); write it like 2024-05-01T06:00:00+08:00")),
        Err(_) => Ok(Utc::now().fixed_offset()),
    }
}

fn build_command(options: BuildOptions, quiet: bool) -> Exit {
    let progress = messages::TerminalProgress::new(!quiet && std::io::stderr().is_terminal());
    let result = build(&options, &progress);
    progress.finish();
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            messages::error(&e);
            return e.code();
        }
    };
    for warning in &report.warnings {
        messages::warning(warning);
    }
    for error in &report.errors {
        messages::error(error);
    }
    if !quiet {
        messages::out(&messages::build_summary(&report, &options.out));
    }
    if report.errors.is_empty() {
        Exit::Success
    } else {
        Exit::InputErrors
    }
}

fn check_command(dir: PathBuf, now: DateTime<FixedOffset>) -> Exit {
    match paperboy::check::check_folder(&dir, now) {
        Ok(problems) if problems.is_empty() => {
            messages::out(&messages::check_passed(&dir));
            Exit::Success
        }
        Ok(problems) => {
            for problem in &problems {
                messages::error(problem);
            }
            Exit::CheckFailed
        }
        Err(e) => {
            messages::error(&e);
            e.code()
        }
    }
}

fn serve_command(dir: PathBuf, port: u16) -> Exit {
    let address = format!("127.0.0.1:{port}");
    let ready = |bound: &str| messages::out(&messages::serving(&dir, bound));
    match paperboy::serve::serve(&dir, &address, ready) {
        Ok(()) => Exit::Success,
        Err(e) => {
            messages::error(&e);
            e.code()
        }
    }
}

fn run(command: Command) -> Exit {
    // Only the commands that date things read PAPERBOY_NOW.
    let now = || {
        now().map_err(|message| {
            messages::error(message);
            Exit::Fatal
        })
    };
    match command {
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
                Err(exit) => return exit,
            };
            let wait = Duration::from_secs(wait);
            let options = BuildOptions {
                seeds,
                out,
                config,
                wait,
                now,
                force,
            };
            build_command(options, quiet)
        }
        Command::Check { dir } => match now() {
            Ok(now) => check_command(dir, now),
            Err(exit) => exit,
        },
        Command::Serve { dir, port } => serve_command(dir, port),
        Command::Split {
            file,
            json,
            explain,
        } => split_command(file, json, explain),
    }
}

fn main() -> ExitCode {
    exit(run(Cli::parse().command))
}
