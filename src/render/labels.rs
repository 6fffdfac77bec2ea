//! The words of the site's pages in their language (Chinese for `zh*`,
//! English otherwise): labels for counts, dates, months and pages.

use chrono::{Datelike, NaiveDate};

use crate::model::PageLabel;

/// The words of a page, in its language.
pub struct Words {
    weekdays: [&'static str; 7],
    pub latest: &'static str,
    pub papers: &'static str,
    pub newest_issue: &'static str,
    pub contents: &'static str,
    pub previous_issue: &'static str,
    pub next_issue: &'static str,
    pub previous_article: &'static str,
    pub next_article: &'static str,
    pub back_to_issue: &'static str,
    pub by_month: &'static str,
    pub subscribe: &'static str,
    pub what_is_a_feed: &'static str,
    pub all_feeds: &'static str,
}

const ZH: Words = Words {
    weekdays: [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ],
    latest: "最新文章",
    papers: "报纸",
    newest_issue: "最新一期",
    contents: "本期目录",
    previous_issue: "上一期",
    next_issue: "下一期",
    previous_article: "上一篇",
    next_article: "下一篇",
    back_to_issue: "返回本期目录",
    by_month: "往期（按月）",
    subscribe: "订阅",
    what_is_a_feed: "订阅源（feed）是一个网址，阅读器（如 NetNewsWire、Feedly、Inoreader、Thunderbird）定时查看它，有新文章时自动送到你面前，不必再回来查看本站。复制下面的网址，粘贴到阅读器的“添加订阅”里即可。三种格式内容相同，选阅读器支持的一种。",
    all_feeds: "所有订阅源（OPML，可一次导入阅读器）",
};

const EN: Words = Words {
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    latest: "Latest articles",
    papers: "Papers",
    newest_issue: "latest issue",
    contents: "Contents",
    previous_issue: "Previous issue",
    next_issue: "Next issue",
    previous_article: "Previous article",
    next_article: "Next article",
    back_to_issue: "Back to the issue's contents",
    by_month: "Earlier issues, by month",
    subscribe: "Subscribe",
    what_is_a_feed: "A feed is an address that a feed reader (NetNewsWire, Feedly, Inoreader, Thunderbird…) checks for you: new articles come to you, and you need not come back here to look. Copy an address below and paste it into your reader's “add subscription”. The three formats carry the same articles; pick one your reader supports.",
    all_feeds: "Every feed (OPML, to import into a reader at once)",
};

/// Labels for counts, dates and pages in a page's language: Chinese for
/// `zh*`, English otherwise.
pub struct Labels {
    zh: bool,
    pub words: &'static Words,
}

impl Labels {
    pub fn new(language: &str) -> Labels {
        let zh = language.to_ascii_lowercase().starts_with("zh");
        Labels {
            zh,
            words: if zh { &ZH } else { &EN },
        }
    }

    fn count(&self, n: usize, zh_unit: &str, one: &str, many: &str) -> String {
        match (self.zh, n) {
            (true, _) => format!("{n}{zh_unit}"),
            (false, 1) => format!("1 {one}"),
            (false, _) => format!("{n} {many}"),
        }
    }

    pub fn issues(&self, n: usize) -> String {
        self.count(n, "期", "issue", "issues")
    }

    pub fn articles(&self, n: usize) -> String {
        self.count(n, "篇", "article", "articles")
    }

    pub fn page(&self, label: &PageLabel) -> String {
        let label = label.as_str().to_uppercase();
        if self.zh {
            format!("第{label}版")
        } else {
            format!("page {label}")
        }
    }

    fn weekday(&self, date: NaiveDate) -> &'static str {
        self.words.weekdays[date.weekday().num_days_from_monday() as usize]
    }

    /// The date with its weekday.
    pub fn date(&self, date: NaiveDate) -> String {
        if self.zh {
            format!(
                "{}年{}月{}日 {}",
                date.year(),
                date.month(),
                date.day(),
                self.weekday(date)
            )
        } else {
            format!("{} {}", self.weekday(date), date.format("%-d %B %Y"))
        }
    }

    /// The day within a month listing, with its weekday.
    pub fn day(&self, date: NaiveDate) -> String {
        if self.zh {
            format!("{}月{}日 {}", date.month(), date.day(), self.weekday(date))
        } else {
            format!("{} {}", self.weekday(date), date.format("%-d %B"))
        }
    }

    pub fn month(&self, (year, month): (i32, u32)) -> String {
        if self.zh {
            format!("{year}年{month}月")
        } else {
            NaiveDate::from_ymd_opt(year, month, 1).map_or_else(
                || format!("{year}-{month:02}"),
                |d| d.format("%B %Y").to_string(),
            )
        }
    }
}

/// The year and month of a date.
pub fn month_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_speak_the_pages_language_and_count_properly() {
        let zh = Labels::new("zh-CN");
        assert_eq!(zh.issues(1), "1期");
        assert_eq!(zh.articles(12), "12篇");
        assert_eq!(zh.page(&PageLabel::new(Some("a03"))), "第A3版");
        let monday = NaiveDate::from_ymd_opt(2023, 4, 10).unwrap();
        assert_eq!(zh.date(monday), "2023年4月10日 星期一");
        assert_eq!(zh.month(month_of(monday)), "2023年4月");
        let en = Labels::new("en");
        assert_eq!(en.issues(1), "1 issue");
        assert_eq!(en.issues(2), "2 issues");
        assert_eq!(en.articles(1), "1 article");
        assert_eq!(en.date(monday), "Monday 10 April 2023");
        assert_eq!(en.page(&PageLabel::new(None)), "page 1");
    }
}
