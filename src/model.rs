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
/// the issue, and its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// Fragment id of the article on its issue page.
    pub anchor: String,
    pub publication: String,
    pub issue: NaiveDate,
    pub page: PageLabel,
    pub published: DateTime<FixedOffset>,
    /// When what the entry shows last changed (`published` until an edit).
    pub updated: DateTime<FixedOffset>,
    /// SHA-256 of what the entry shows, to notice edits.
    pub content_hash: String,
    pub article: Article,
}

/// One day's issue of a publication: its entries in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub date: NaiveDate,
    pub entries: Vec<Entry>,
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
