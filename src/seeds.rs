//! Finding the seed pages and decoding their text.
//!
//! Layout: `<seeds>/<slug>/publication.toml` and
//! `<seeds>/<slug>/<YYYY-MM-DD>[-<page>].txt`, one file per issue page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::config::Site;
use crate::error::{Error, Result};
use crate::model::{FileStamp, PageLabel, Publication};

/// Pages are a few tens of kilobytes; a file far larger is not one page.
pub const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

/// One page file of an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    pub path: PathBuf,
    pub date: NaiveDate,
    pub page: PageLabel,
    /// Its metadata, when the file could be stat-ed; enough to tell that it
    /// did not change.
    pub stamp: Option<FileStamp>,
}

/// A publication folder with its settings and page files.
#[derive(Debug)]
pub struct PublicationSeeds {
    pub slug: String,
    /// The settings, or why `publication.toml` could not be used (the
    /// pages are still listed, so that what they published can be kept).
    pub settings: Result<Publication>,
    /// In issue order: by date, then page.
    pub pages: Vec<PageFile>,
}

/// What was found, and what could not be used.
#[derive(Debug, Default)]
pub struct Discovery {
    pub publications: Vec<PublicationSeeds>,
    pub errors: Vec<Error>,
}

/// Checks a folder name for use in URLs and paths.
pub fn check_slug(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 64 {
        return Err("it must have 1 to 64 characters".into());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Err("it has characters other than a-z, 0-9, '-' and '_'".into());
    }
    if name.starts_with(['-', '_']) {
        return Err("it must start with a letter or digit".into());
    }
    Ok(())
}

/// Reads `YYYY-MM-DD.txt` or `YYYY-MM-DD-<page>.txt`.
pub fn parse_page_name(name: &str) -> Result<(NaiveDate, PageLabel), String> {
    let stem = name.strip_suffix(".txt").ok_or("it does not end in .txt")?;
    let (date, page) = match stem.get(..10) {
        Some(date) => (date, &stem[10..]),
        None => return Err(format!("{stem:?} is not YYYY-MM-DD")),
    };
    let shape_ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return Err(format!("{date:?} is not YYYY-MM-DD"));
    }
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| format!("{date} is not a calendar date"))?;
    if date.year() < 1800 {
        return Err(format!("{date} is before 1800"));
    }
    let page = match page {
        "" => None,
        p => {
            let label = p
                .strip_prefix('-')
                .ok_or(format!("{p:?} should be -<page>"))?;
            let ok =
                (1..=8).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_alphanumeric());
            if !ok {
                return Err(format!("page {label:?} should be 1 to 8 letters or digits"));
            }
            Some(label)
        }
    };
    Ok((date, PageLabel::new(page)))
}

/// A folder's entries sorted by name, with their types (read with the
/// listing, so no file is stat-ed here).
fn sorted_entries(dir: &Path) -> Result<Vec<(PathBuf, std::fs::FileType)>> {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(Error::io(dir))?
        .map(|e| {
            let e = e.map_err(Error::io(dir))?;
            let kind = e.file_type().map_err(Error::io(e.path()))?;
            Ok((e.path(), kind))
        })
        .collect::<Result<_>>()?;
    entries.sort_unstable_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(entries)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Follows a symbolic link only when it stays inside the seeds folder.
fn check_link(path: &Path, kind: std::fs::FileType, root: &Path) -> Result<()> {
    if !kind.is_symlink() {
        return Ok(());
    }
    let refuse = |reason: &str| Error::Symlink {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(root) => Ok(()),
        Ok(_) => Err(refuse("it points outside the seeds folder")),
        Err(_) => Err(refuse("it is broken or part of a loop")),
    }
}

/// Finds every publication folder under `seeds` and its pages. A folder or
/// file that cannot be used is reported in `errors` and left out; the rest
/// are still found. Fails only when `seeds` itself cannot be read.
pub fn discover(seeds: &Path, site: &Site) -> Result<Discovery> {
    let root = std::fs::canonicalize(seeds).map_err(Error::io(seeds))?;
    let mut found = Discovery::default();
    for (dir, kind) in sorted_entries(seeds)? {
        if is_hidden(&dir) {
            continue;
        }
        if let Err(e) = check_link(&dir, kind, &root) {
            found.errors.push(e);
            continue;
        }
        if !(kind.is_dir() || kind.is_symlink() && dir.is_dir()) {
            continue;
        }
        match publication_seeds(&dir, site, &root) {
            Ok((publication, errors)) => {
                found.errors.extend(errors);
                found.publications.push(publication);
            }
            Err(e) => found.errors.push(e),
        }
    }
    Ok(found)
}

fn read_settings(dir: &Path, slug: &str, site: &Site) -> Result<Publication> {
    let config_path = dir.join("publication.toml");
    match crate::regular::read_settings(&config_path)? {
        Some(config) => site.publication(slug, &config_path, &config),
        None => Err(Error::MissingPublicationConfig { path: config_path }),
    }
}

/// Which issue page a file of a publication's folder is: none for files
/// that are not pages (settings, hidden files, other extensions), an error
/// naming the file for anything that might be meant as a page but cannot
/// be read as one.
fn page_of(
    path: &Path,
    kind: std::fs::FileType,
    root: &Path,
) -> Result<Option<(NaiveDate, PageLabel)>> {
    if is_hidden(path) || path.file_name().is_some_and(|n| n == "publication.toml") {
        return Ok(None);
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let not_a_page = if kind.is_dir() {
        Some("a folder inside a publication; pages go directly in the publication's folder")
    } else if extension.eq_ignore_ascii_case("txt") && extension != "txt" {
        Some("pages end in lower-case .txt; rename the file")
    } else {
        None
    };
    if let Some(reason) = not_a_page {
        let path = path.to_path_buf();
        return Err(Error::NotAPage { path, reason });
    }
    if extension != "txt" {
        return Ok(None);
    }
    check_link(path, kind, root)?;
    let file_name = path.file_name().and_then(|n| n.to_str());
    parse_page_name(file_name.unwrap_or_default())
        .map(Some)
        .map_err(|reason| Error::BadFileName {
            path: path.to_path_buf(),
            reason,
        })
}

fn publication_seeds(
    dir: &Path,
    site: &Site,
    root: &Path,
) -> Result<(PublicationSeeds, Vec<Error>)> {
    let slug = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    check_slug(&slug).map_err(|reason| Error::BadSlug {
        path: dir.to_path_buf(),
        reason,
    })?;
    let settings = read_settings(dir, &slug, site);
    let mut errors = Vec::new();
    let mut pages: BTreeMap<(NaiveDate, PageLabel), PageFile> = BTreeMap::new();
    for (path, kind) in sorted_entries(dir)? {
        let (date, page) = match page_of(&path, kind, root) {
            Ok(Some(found)) => found,
            Ok(None) => continue,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match pages.get(&(date, page.clone())) {
            Some(other) => errors.push(Error::DuplicatePage {
                path,
                other: other.path.clone(),
            }),
            None => {
                let file = PageFile {
                    path,
                    date,
                    page: page.clone(),
                    stamp: None,
                };
                pages.insert((date, page), file);
            }
        }
    }
    let mut pages: Vec<PageFile> = pages.into_values().collect();
    pages.par_iter_mut().for_each(|page| {
        page.stamp = FileStamp::read(&page.path);
    });
    Ok((
        PublicationSeeds {
            slug,
            settings,
            pages,
        },
        errors,
    ))
}

/// Decoded page text, and a note when it was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Known signatures of files that are not text.
const BINARY_MAGIC: [(&[u8], &str); 8] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "a program"),
    (b"RIFF", "a media file"),
];

/// Why `bytes` are not a page's text, if they are not: a known binary
/// signature, or more control characters than any text has. (A stray NUL
/// or two in an export is text; they are removed later.)
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = BINARY_MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    (controls * 20 > head.len()).then_some("binary data")
}

/// Decodes a page: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// GB18030/GBK (common in Chinese exports; reported as a warning). Text that
/// is UTF-8 but for a few broken sequences (a bad decoder upstream, lone
/// surrogates) is read as UTF-8 with those sequences dropped, and reported.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            kind,
        });
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(path, rest)?
    } else if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Error::Undecodable {
                path: path.to_path_buf(),
                offset: 0,
            });
        }
        Decoded {
            text: text.into_owned(),
            warning: None,
        }
    } else {
        utf8(path, bytes)?
    };
    if text.text.trim().is_empty() {
        return Err(Error::EmptyPage {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// UTF-8, or mostly UTF-8, or else GB18030.
fn utf8(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    let first_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                warning: None,
            })
        }
        Err(e) => e.valid_up_to(),
    };
    let lossy = String::from_utf8_lossy(bytes);
    // One broken sequence may become several replacement characters.
    let broken = lossy
        .split('\u{FFFD}')
        .filter(|part| !part.is_empty())
        .count()
        .saturating_sub(1)
        .max(1);
    let wide = lossy.chars().filter(|c| !c.is_ascii()).count();
    if broken * 20 <= wide {
        return Ok(Decoded {
            text: lossy.replace('\u{FFFD}', ""),
            warning: Some(format!(
                "{}: {broken} broken UTF-8 sequences (first at byte {first_error}) were dropped",
                path.display()
            )),
        });
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| Decoded {
            text: text.into_owned(),
            warning: Some(format!("{}: not UTF-8; decoded as GB18030", path.display())),
        })
        .ok_or_else(|| Error::Undecodable {
            path: path.to_path_buf(),
            offset: first_error,
        })
}

/// Reads a page file's bytes, refusing files too large to be a page.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    crate::regular::read(path, MAX_PAGE_BYTES, "one page; split the file into pages")
}

/// Reads and decodes one page file.
pub fn read_page(path: &Path) -> Result<Decoded> {
    decode(path, &read_bytes(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        let (d, p) = parse_page_name("2024-03-04-01.txt").unwrap();
        assert_eq!((d.to_string(), p.as_str()), ("2024-03-04".to_string(), "1"));
        assert_eq!(
            parse_page_name("2023-10-17.txt").unwrap().1,
            PageLabel::new(None)
        );
        assert!(parse_page_name("2023-02-30.txt")
            .unwrap_err()
            .contains("calendar"));
        assert!(parse_page_name("notes.txt").is_err());
        assert!(parse_page_name("2023-1-5.txt").is_err());
        assert!(parse_page_name("2023-01-05_a.txt").is_err());
        assert!(parse_page_name("1700-01-05.txt").is_err());
    }

    #[test]
    fn slugs() {
        assert!(check_slug("zjgrrb").is_ok());
        for bad in ["../x", "a b", "Upper", "温州", "", "-x"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decoding() {
        let p = Path::new("p.txt");
        assert_eq!(decode(p, "\u{feff}标题".as_bytes()).unwrap().text, "标题");
        let (gbk, _, _) = encoding_rs::GB18030.encode("温州新闻，今日要闻");
        let d = decode(p, &gbk).unwrap();
        assert_eq!(d.text, "温州新闻，今日要闻");
        assert!(d.warning.unwrap().contains("GB18030"));
        assert!(matches!(decode(p, b" \n\t"), Err(Error::EmptyPage { .. })));
        assert!(matches!(
            decode(p, b"\xff\xff\xff"),
            Err(Error::Undecodable { .. })
        ));
    }
}
