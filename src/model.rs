//! What the pipeline is about: publications, their issues, the articles on an
//! issue's pages, and the feed entries those articles become.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One article as read from a page, before it has an id or a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The headline; for a piece printed without one, a title made from its
    /// column and first sentence.
    pub title: String,
    /// Whether `title` was printed on the page (ids are made from printed
    /// headlines only, never from body text).
    pub printed_title: bool,
    /// Kicker or subtitle printed around the headline.
    pub subtitle: Option<String>,
    /// The column the piece ran in (`民生观`).
    pub column: Option<String>,
    /// Personal names of the writers (or of the photographer of a photo).
    pub authors: Vec<String>,
    pub body: Vec<BodyPart>,
    pub captions: Vec<Caption>,
    pub kind: ArticleKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// A story with a byline or dateline.
    Story,
    /// Photos with a few paragraphs, credited at the end.
    PhotoStory,
    /// A photo printed on its own, with only a caption.
    Photo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "text")]
pub enum BodyPart {
    Paragraph(String),
    /// A section heading inside the article.
    Subhead(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub text: String,
    /// The photo credit as printed (`陈立波 摄`).
    pub credit: Option<String>,
}

impl Article {
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|part| match part {
            BodyPart::Paragraph(p) => Some(p.as_str()),
            BodyPart::Subhead(_) => None,
        })
    }

    /// About how many bytes the article takes in a feed document (escaped
    /// HTML body, summary, metadata): what a build plans feeds' pages by
    /// before any text is rendered.
    pub fn estimated_feed_bytes(&self) -> u32 {
        let text: usize = self
            .body
            .iter()
            .map(|p| match p {
                BodyPart::Paragraph(t) | BodyPart::Subhead(t) => t.len() + 16,
            })
            .sum::<usize>()
            + self
                .captions
                .iter()
                .map(|c| c.text.len() + 64)
                .sum::<usize>()
            + self.title.len() * 2;
        u32::try_from(text * 3 / 2 + 1200).unwrap_or(u32::MAX)
    }
}

/// A page's place in its issue: the file name's suffix (`-01`, `-A3`), or
/// page 1 when the issue has one page without a suffix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PageLabel(String);

impl PageLabel {
    /// Normalises a printed label: lower case, leading zeros of the number
    /// dropped, so that `01`, `1` and no suffix are the same page.
    pub fn new(raw: Option<&str>) -> PageLabel {
        let raw = raw.unwrap_or("1").to_ascii_lowercase();
        let split = raw.find(|c: char| c.is_ascii_digit()).unwrap_or(raw.len());
        let (prefix, digits) = raw.split_at(split);
        let digits = digits.trim_start_matches('0');
        let digits = if digits.is_empty() && !raw[split..].is_empty() {
            "0"
        } else {
            digits
        };
        PageLabel(format!("{prefix}{digits}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The page's number within its section, for ordering (1 when none).
    pub fn number(&self) -> u32 {
        self.0
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap_or(1)
    }
}

/// A publication's settings, merged from `paperboy.toml` and its own
/// `publication.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub timezone: FixedOffset,
    /// Local time of day an issue is taken to appear.
    pub press_time: chrono::NaiveTime,
}

/// An article with what makes it a feed entry: a stable id, its place in
/// the issue, and its dates. Assembled for rendering from an [`EntryMeta`]
/// and the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The id as feeds show it (`urn:uuid:…`).
    pub id: String,
    /// Fragment id of the article on its issue page.
    pub anchor: String,
    pub publication: String,
    pub issue: NaiveDate,
    pub page: PageLabel,
    pub published: DateTime<FixedOffset>,
    /// When what the entry shows last changed (`published` until an edit).
    pub updated: DateTime<FixedOffset>,
    pub article: Article,
}

/// One day's issue of a publication: its entries in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
}

/// An entry's id: a version-8 UUID (see [`crate::identity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntryId(pub u128);

impl std::fmt::Display for EntryId {
    /// As a URN, `urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hex = format!("{:032x}", self.0);
        write!(
            f,
            "urn:uuid:{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}

/// What a build keeps of an entry between runs: enough to order, date and
/// paginate the feeds and to notice an edit, without the text (which stays
/// on disk until a document that shows it is rendered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMeta {
    pub id: EntryId,
    /// Hash of what the entry shows a reader.
    pub content: u128,
    #[serde(with = "instant")]
    pub published: DateTime<FixedOffset>,
    #[serde(with = "instant")]
    pub updated: DateTime<FixedOffset>,
    /// About how many bytes the entry takes in a feed document.
    pub size: u32,
}

/// How a seed file looked when it was last read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub stamp: FileStamp,
    pub sha256: [u8; 32],
    /// What else its entries depend on (format, timezone, press time, the
    /// page's place in its issue); a different key means read it again.
    pub key: String,
}

/// What a file's metadata tells of its content without reading it: an
/// edit changes its size or mtime, one that puts both back (`touch -r`)
/// still changes its ctime, and a file put in its place has another inode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Modification and status-change times, in nanoseconds since the epoch.
    pub modified_ns: i128,
    pub changed_ns: i128,
    pub inode: u64,
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        FileStamp {
            size: meta.len(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    /// The stamp of the file at `path` now, if it is there.
    pub fn read(path: &std::path::Path) -> Option<FileStamp> {
        std::fs::metadata(path).ok().map(|m| FileStamp::of(&m))
    }
}

/// A seed page as last read: where it sits, how its file looked, and its
/// entries in page order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    pub file_name: String,
    pub issue: NaiveDate,
    pub label: PageLabel,
    pub fingerprint: Fingerprint,
    pub entries: Vec<EntryMeta>,
}

/// A publication with every page it publishes, oldest issue first and in
/// page order within an issue.
#[derive(Debug, Clone)]
pub struct Paper {
    pub publication: Publication,
    pub pages: Vec<PageMeta>,
}

impl Paper {
    /// The issues, each as its run of pages.
    pub fn issues(&self) -> impl DoubleEndedIterator<Item = &[PageMeta]> {
        self.pages.chunk_by(|a, b| a.issue == b.issue)
    }

    pub fn entries(&self) -> impl Iterator<Item = &EntryMeta> {
        self.pages.iter().flat_map(|p| &p.entries)
    }
}

/// Instants kept compactly: seconds, nanoseconds and the UTC offset.
mod instant {
    use chrono::{DateTime, FixedOffset};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        (
            t.timestamp(),
            t.timestamp_subsec_nanos(),
            t.offset().local_minus_utc(),
        )
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let (secs, nanos, offset): (i64, u32, i32) = Deserialize::deserialize(d)?;
        let offset = FixedOffset::east_opt(offset).ok_or_else(|| D::Error::custom("bad offset"))?;
        DateTime::from_timestamp(secs, nanos)
            .map(|t| t.with_timezone(&offset))
            .ok_or_else(|| D::Error::custom("bad instant"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels_normalise() {
        assert_eq!(PageLabel::new(Some("01")), PageLabel::new(None));
        assert_eq!(PageLabel::new(Some("A03")).as_str(), "a3");
        assert_eq!(PageLabel::new(Some("A03")).number(), 3);
        assert_eq!(PageLabel::new(Some("12")).number(), 12);
    }
}
