//! The site's settings (`paperboy.toml`) and a publication's
//! (`seeds/<slug>/publication.toml`). Unknown keys are errors, so a typo in a
//! setting is reported instead of silently ignored.

use std::path::Path;

use chrono::{FixedOffset, NaiveTime};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Publication;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    press_time: Option<String>,
    feed_entries: Option<usize>,
    feed_bytes: Option<usize>,
    hub: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct PublicationFile {
    title: String,
    language: Option<String>,
    description: Option<String>,
    timezone: Option<String>,
    press_time: Option<String>,
}

/// Site-wide settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub description: String,
    /// Absolute URL the output folder is served at, ending in `/`.
    pub base_url: String,
    pub language: String,
    pub timezone: FixedOffset,
    pub press_time: NaiveTime,
    /// Most entries a subscription feed (or an archive page) holds.
    pub feed_entries: usize,
    /// Largest a subscription feed may grow, in bytes; aggregators refuse
    /// larger ones.
    pub feed_bytes: usize,
    /// A WebSub hub to advertise in every feed.
    pub hub: Option<String>,
}

impl Default for Site {
    fn default() -> Site {
        Site {
            title: "paperboy".to_string(),
            description: "Newspaper issues as feeds".to_string(),
            base_url: "http://localhost:8000/".to_string(),
            language: "zh-CN".to_string(),
            timezone: FixedOffset::east_opt(8 * 3600).expect("valid offset"),
            press_time: NaiveTime::from_hms_opt(6, 0, 0).expect("valid time"),
            feed_entries: 50,
            feed_bytes: 1_000_000,
            hub: None,
        }
    }
}

/// An absolute http(s) URL with a host, and no white space.
pub fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/')) && !url.contains(char::is_whitespace)
}

/// Why `url` cannot be a setting's URL (`base_url`, `hub`), if it cannot:
/// it must be an absolute http(s) URL with a host name or address (and
/// port), and no credentials, query or fragment, since links and hub
/// subscriptions are built by appending to it.
fn url_setting_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("is not an absolute http(s) URL");
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("has white space or control characters");
    }
    if rest.contains(['?', '#']) {
        return Some("has a query or fragment");
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Some("has credentials (user:password@)");
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, port)) if address.parse::<std::net::Ipv6Addr>().is_ok() => ("v6", port),
            _ => return Some("has a malformed IPv6 address"),
        },
        None => match authority.split_once(':') {
            Some((host, _)) => (host, &authority[host.len()..]),
            None => (authority, ""),
        },
    };
    let host_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !host_ok {
        return Some("has no usable host name");
    }
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0)
        });
    if !port_ok {
        return Some("has a bad port");
    }
    None
}

fn check_url_setting(path: &Path, key: &str, url: &str) -> Result<()> {
    match url_setting_problem(url) {
        None => Ok(()),
        Some(problem) => Err(bad(
            path,
            format!("{key} = {url:?} {problem}; give an absolute http(s) URL without credentials, query or fragment, like \"https://example.org/feeds/\""),
        )),
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().replace('\n', "\n  "),
    })
}

fn bad(path: &Path, message: String) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        message,
    }
}

/// `+08:00`, `-05:30`, `Z` or `UTC`.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    if matches!(text, "Z" | "UTC" | "+00:00") {
        return FixedOffset::east_opt(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = text[1..].split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 || text.len() != 6 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn offset_setting(path: &Path, value: Option<String>, default: FixedOffset) -> Result<FixedOffset> {
    match value {
        None => Ok(default),
        Some(v) => parse_offset(&v).ok_or_else(|| {
            bad(
                path,
                format!("timezone = {v:?} is not an offset; write it like \"+08:00\""),
            )
        }),
    }
}

fn time_setting(path: &Path, value: Option<String>, default: NaiveTime) -> Result<NaiveTime> {
    match value {
        None => Ok(default),
        Some(v) => NaiveTime::parse_from_str(&v, "%H:%M").map_err(|_| {
            bad(
                path,
                format!("press_time = {v:?} is not a time of day; write it like \"06:00\""),
            )
        }),
    }
}

/// The longest title and description settings may give: they go into
/// every document (a feed per publication, the site-wide feed, each page),
/// so they are bounded, not shortened.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// Settings text cleaned as page text is (characters XML forbids, control,
/// zero-width and bidi-override characters dropped, white space squeezed),
/// and refused when longer than `max` characters.
fn settings_text(path: &Path, key: &str, value: &str, max: usize) -> Result<String> {
    let text = crate::split::text::squeeze_spaces(&crate::split::text::clean_chars(value));
    let length = text.chars().count();
    if length > max {
        return Err(bad(
            path,
            format!("{key} is {length} characters long; the limit is {max}"),
        ));
    }
    Ok(text)
}

fn check_language(path: &Path, language: &str) -> Result<()> {
    let ok = !language.is_empty()
        && language.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(())
    } else {
        Err(bad(
            path,
            format!("language = {language:?} is not a language tag; write it like \"zh-CN\""),
        ))
    }
}

impl Site {
    /// Reads `paperboy.toml`; a missing file means the defaults.
    pub fn load(path: &Path) -> Result<Site> {
        match crate::regular::read_settings(path)? {
            Some(text) => Site::parse(path, &text),
            None => Ok(Site::default()),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<Site> {
        let file: SiteFile = parse_toml(path, text)?;
        let default = Site::default();
        let mut base_url = file.base_url.unwrap_or(default.base_url);
        check_url_setting(path, "base_url", &base_url)?;
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let language = file.language.unwrap_or(default.language);
        check_language(path, &language)?;
        if let Some(hub) = &file.hub {
            check_url_setting(path, "hub", hub)?;
        }
        let feed_entries = file.feed_entries.unwrap_or(default.feed_entries);
        if !(1..=10_000).contains(&feed_entries) {
            return Err(bad(
                path,
                format!("feed_entries = {feed_entries} must be between 1 and 10000"),
            ));
        }
        let feed_bytes = file.feed_bytes.unwrap_or(default.feed_bytes);
        if feed_bytes < 10_000 {
            return Err(bad(
                path,
                format!("feed_bytes = {feed_bytes} is too small; give at least 10000"),
            ));
        }
        let title = match file.title {
            Some(title) => settings_text(path, "title", &title, MAX_TITLE_CHARS)?,
            None => default.title,
        };
        let description = match file.description {
            Some(text) => settings_text(path, "description", &text, MAX_DESCRIPTION_CHARS)?,
            None => default.description,
        };
        Ok(Site {
            title,
            description,
            base_url,
            language,
            timezone: offset_setting(path, file.timezone, default.timezone)?,
            press_time: time_setting(path, file.press_time, default.press_time)?,
            feed_entries,
            feed_bytes,
            hub: file.hub,
        })
    }

    /// Reads a publication's `publication.toml`, with the site's settings as
    /// defaults.
    pub fn publication(&self, slug: &str, path: &Path, text: &str) -> Result<Publication> {
        let file: PublicationFile = parse_toml(path, text)?;
        let title = settings_text(path, "title", &file.title, MAX_TITLE_CHARS)?;
        if title.is_empty() {
            return Err(bad(
                path,
                "title is empty; give the publication a name".to_string(),
            ));
        }
        let language = file.language.unwrap_or_else(|| self.language.clone());
        check_language(path, &language)?;
        Ok(Publication {
            slug: slug.to_string(),
            title,
            description: file
                .description
                .map(|d| settings_text(path, "description", &d, MAX_DESCRIPTION_CHARS))
                .transpose()?
                .filter(|d| !d.is_empty()),
            language,
            timezone: offset_setting(path, file.timezone, self.timezone)?,
            press_time: time_setting(path, file.press_time, self.press_time)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_defaults_and_trailing_slash() {
        let site = Site::parse(
            Path::new("p.toml"),
            "base_url = \"https://example.org/news\"",
        )
        .unwrap();
        assert_eq!(site.base_url, "https://example.org/news/");
        assert_eq!(site.timezone, FixedOffset::east_opt(8 * 3600).unwrap());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        let err = Site::parse(Path::new("p.toml"), "titel = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.toml") && err.contains("titel"), "{err}");
        assert!(Site::parse(Path::new("p.toml"), "base_url = \"/feeds\"").is_err());
        assert!(Site::parse(Path::new("p.toml"), "timezone = \"8\"").is_err());
        let site = Site::default();
        let err = site
            .publication("x", Path::new("publication.toml"), "title = ")
            .unwrap_err();
        assert!(err.to_string().contains("publication.toml"));
        assert!(site
            .publication("x", Path::new("p"), "title = \"T\"\nlanguage = \"zh CN\"")
            .is_err());
    }

    #[test]
    fn setting_urls_are_plain_absolute_http_urls() {
        for good in [
            "http://localhost:8000/",
            "https://example.org/feeds",
            "https://news.example.org",
            "http://[::1]:8080/x/",
            "http://127.0.0.1/",
        ] {
            assert_eq!(url_setting_problem(good), None, "{good}");
        }
        for bad in [
            "http://?",
            "http://x/#frag",
            "https://example.org/feeds/?a=1",
            "https://user:pass@example.org/",
            "http://",
            "http:///feeds",
            "ftp://example.org/",
            "/feeds",
            "http://exa mple.org/",
            "http://example.org:99999/",
            "http://example.org:/",
            "http://[zz]/",
        ] {
            assert!(url_setting_problem(bad).is_some(), "{bad}");
        }
        let err = Site::parse(Path::new("p.toml"), "hub = \"https://u:p@hub.example/\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("credentials") && err.contains("like \"https://"),
            "{err}"
        );
    }

    #[test]
    fn offsets() {
        assert_eq!(
            parse_offset("-05:30"),
            FixedOffset::west_opt(5 * 3600 + 1800)
        );
        assert_eq!(parse_offset("Z"), FixedOffset::east_opt(0));
        assert_eq!(parse_offset("+8:00"), None);
    }
}
