//! The dates the output's own feeds published, read back when the catalog
//! that held them is lost.

use std::path::Path;

use chrono::DateTime;

use crate::identity::dates::PublishedDates;

/// When the catalog is lost, the dates every entry was published with
/// are still in the output's JSON feeds (subscription and archive
/// documents): `date_published` and `date_modified`, by id.
pub fn published_dates(out: &Path) -> PublishedDates {
    fn walk(dir: &Path, depth: usize, dates: &mut PublishedDates) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            } else if kind.is_dir() && depth > 0 {
                walk(&path, depth - 1, dates);
            } else if kind.is_file() && name.ends_with(".json") {
                read_feed_dates(&path, dates);
            }
        }
    }
    let mut dates = PublishedDates::new();
    // The site, a publication, and a publication's archive folder.
    walk(out, 2, &mut dates);
    dates
}

fn read_feed_dates(path: &Path, dates: &mut PublishedDates) {
    let Ok(bytes) = crate::regular::read(path, u64::MAX, "a feed") else {
        return;
    };
    let Ok(feed) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return;
    };
    let date = |item: &serde_json::Value, key: &str| {
        DateTime::parse_from_rfc3339(item[key].as_str()?).ok()
    };
    for item in feed["items"].as_array().into_iter().flatten() {
        if let (Some(id), Some(published), Some(updated)) = (
            item["id"].as_str(),
            date(item, "date_published"),
            date(item, "date_modified"),
        ) {
            dates.insert(id.to_string(), (published, updated));
        }
    }
}
