//! Rules that read one block's text: is it page furniture, a column label, a
//! photo credit, a caption, a dateline, a headline? Each rule describes a
//! shape of newspaper text, never a particular paper's words.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{is_personal_name, read_name_line, strip_role, ROLES};
use super::text::{display_width, ends_mid_clause, ends_sentence, is_han, squeeze_spaces};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

/// OCR debris: a lone character, a few stray Latin letters or digits (what is
/// left of a logo), or a line of symbols.
pub fn is_debris(line: &str) -> bool {
    let visible = || line.chars().filter(|c| !c.is_whitespace());
    let count = visible().take(4).count();
    count <= 1
        || (count <= 3 && visible().all(|c| c.is_ascii_alphanumeric()))
        || !line.chars().any(char::is_alphanumeric)
}

static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*(星期|周)[一二三四五六日天]"));
static SERIAL: LazyLock<Regex> = LazyLock::new(|| re(r"^(总)?第\s*\d+\s*[号期]$"));
static REGISTRATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"出版物号|邮发代号|国内统一刊号|CN\s*\d{2}\s*[-—–]"));

/// A line that only a masthead carries: the issue's date with its weekday,
/// the serial number, the registration and postal codes.
pub fn is_masthead_marker(line: &str) -> bool {
    // Each pattern needs a character the line is checked for first, in
    // one pass over the line.
    let (mut weekday, mut registration) = (false, false);
    for c in line.chars() {
        weekday |= c == '期' || c == '周';
        registration |= c == '号' || c == 'C';
    }
    let serial = line.starts_with(['第', '总']) && line.ends_with(['号', '期']);
    (weekday || serial || registration)
        && display_width(line) <= 100
        && ((weekday && line.contains('年') && DATE_LINE.is_match(line))
            || (serial && SERIAL.is_match(line))
            || (registration && REGISTRATION.is_match(line)))
}

static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(第\s*)?[A-Za-z]?\s*\d{1,3}\s*版(\s*\S{0,8})?$"));

/// Page numbers such as `第3版` or `A03版`.
pub fn is_page_number(line: &str) -> bool {
    line.contains('版') && PAGE_NUMBER.is_match(line)
}

const EDITOR_ROLES: [&str; 11] = [
    "本版责编",
    "本版编辑",
    "责任编辑",
    "责任校对",
    "美术编辑",
    "版式设计",
    "本版制图",
    "责编",
    "美编",
    "校对",
    "编辑",
];

/// The page editors' footer (`本版责编：…`, `责任编辑：…`).
pub fn is_editor_line(line: &str) -> bool {
    line.starts_with(['本', '责', '美', '版', '编', '校'])
        && line.len() <= 240
        && EDITOR_ROLES.iter().any(|role| {
            line.strip_prefix(role)
                .is_some_and(|rest| rest.starts_with([':', '：', ' ', '|', '丨']))
        })
}

/// Labels of boxes that belong to an article but are not one: the label is
/// dropped, its text stays with the article.
const BOX_LABELS: [&str; 9] = [
    "核心阅读",
    "延伸阅读",
    "相关链接",
    "新闻链接",
    "背景链接",
    "链接",
    "小贴士",
    "编者按",
    "编后",
];

pub fn is_box_label(line: &str) -> bool {
    let bare = line.trim_matches(|c: char| !is_han(c));
    BOX_LABELS.contains(&bare) && bare.chars().count() + 4 >= line.chars().count()
}

/// Genre labels a page prints over a piece instead of a column logo.
const GENRE_LABELS: [&str; 10] = [
    "记者手记",
    "短评",
    "图片新闻",
    "时评",
    "社论",
    "评论员文章",
    "编辑手记",
    "记者观察",
    "新闻特写",
    "今日谈",
];

static LOGO_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z]{1,3}\s?(\p{Han}{2,8})$"));
static BRACKET_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[【\[［〖]\s*(\p{Han}{2,10})\s*[】\]］〗]$"));
static SYMBOL_COLUMN: LazyLock<Regex> = LazyLock::new(|| re(r"^[■▲◆●★□]\s*(\p{Han}{2,8})$"));

/// A column label: the name of a recurring column, printed beside the paper's
/// logo (which OCR leaves as a few Latin letters: `RI民生观`), in brackets
/// (`【民生观】`), behind a symbol (`■民生观`), or a known genre label.
/// Returns the column's name.
pub fn column_label(line: &str) -> Option<String> {
    let line = line.trim();
    // The three shapes differ in their first character.
    let pattern = match line.chars().next()? {
        c if c.is_ascii_alphabetic() => Some(&*LOGO_COLUMN),
        '【' | '[' | '［' | '〖' => Some(&*BRACKET_COLUMN),
        '■' | '▲' | '◆' | '●' | '★' | '□' => Some(&*SYMBOL_COLUMN),
        _ => None,
    };
    if let Some(caps) = pattern.and_then(|p| p.captures(line)) {
        return Some(caps[1].to_string());
    }
    GENRE_LABELS.contains(&line).then(|| line.to_string())
}

static BRIEF_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(新闻简报|要闻简报|简讯|快讯|简报|短讯|图片新闻)\s*[—\-─]*$"));

/// A label over short items or photos (`新闻简报 ——`, `简讯`, `图片新闻`).
pub fn brief_label(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.starts_with(['新', '要', '简', '快', '短', '图']) {
        return None;
    }
    BRIEF_LABEL.captures(line).map(|caps| caps[1].to_string())
}

static BANNER: LazyLock<Regex> = LazyLock::new(|| re(r"^[【〖]([^【】〖〗]{2,30})[】〗]$"));

/// A banner over a series (`【纪念…来自国外的祝贺】`): a bracketed line that
/// is not a dateline.
pub fn banner_label(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.starts_with(['【', '〖']) {
        return None;
    }
    let caps = BANNER.captures(line)?;
    let inner = &caps[1];
    (!inner.ends_with(['电', '讯'])).then(|| inner.to_string())
}

/// Who took or supplied a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// Personal names (`谷向荣 江维海 摄` → both).
    pub names: Vec<String>,
    /// The credit as printed, normalised (`谷向荣 江维海 摄`).
    pub text: String,
}

static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?P<who>.*?)\s*(?P<verb>摄影|摄|供图|制图|图)\s*(?P<note>[（(][^()（）]{1,12}[)）])?$")
});

/// Endings of the organisations that supply photos (`…街道供图`).
const ORGANISATION_ENDINGS: [char; 22] = [
    '区', '县', '市', '省', '镇', '乡', '村', '道', '局', '院', '部', '委', '会', '司', '心', '馆',
    '站', '所', '队', '办', '厅', '社',
];

/// Reads `who` as the giver of a credit: names (with role words), or for a
/// supplied picture (`供图`) one organisation. Returns the personal names.
fn credit_names(who: &str, verb: &str) -> Option<Vec<String>> {
    let who = who.trim();
    if let Some(line) = read_name_line(who) {
        if line.all_personal || line.has_role {
            return Some(line.names);
        }
    }
    let org = who.chars().collect::<Vec<char>>();
    let organisation = matches!(verb, "供图" | "制图")
        && (3..=20).contains(&org.len())
        && org.iter().all(|&c| is_han(c))
        && org.last().is_some_and(|c| ORGANISATION_ENDINGS.contains(c));
    organisation.then(Vec::new)
}

/// A cheap look at the end of a line before the credit pattern runs.
fn ends_like_credit(line: &str) -> bool {
    let end = line.trim_end().trim_end_matches([')', '）']);
    end.chars().rev().take(14).any(|c| c == '摄' || c == '图')
}

/// A line that is only a photo credit: `谷向荣 江维海 摄`, `通讯员蒋友青 摄`,
/// `李志军摄(新华社发)`, `鹿城区南汇街道供图`.
pub fn credit_line(line: &str) -> Option<Credit> {
    if line.len() > 120 || !ends_like_credit(line) {
        return None;
    }
    let caps = CREDIT_TAIL.captures(line.trim())?;
    let names = credit_names(&caps["who"], &caps["verb"])?;
    Some(Credit {
        names,
        text: squeeze_spaces(line),
    })
}

/// A photo caption that ends in its credit:
/// `设在产业园内的人才咖啡驿站 陈立波 摄` → (`设在产业园内的人才咖啡驿站`, credit).
pub fn caption_with_credit(line: &str) -> Option<(String, Credit)> {
    if line.len() > 600 || !ends_like_credit(line) {
        return None;
    }
    let line = squeeze_spaces(line);
    let caps = CREDIT_TAIL.captures(&line)?;
    // The credit is the tail of space-separated tokens that reads as names
    // (or one organisation); the caption is everything before it.
    let tokens: Vec<&str> = caps["who"].split(' ').collect();
    (1..tokens.len()).find_map(|start| {
        let names = credit_names(&tokens[start..].join(" "), &caps["verb"])?;
        let caption = tokens[..start].join(" ");
        if read_name_line(&caption).is_some_and(|l| !l.names.is_empty()) {
            return None;
        }
        let text = line[caption.len()..].trim().to_string();
        Some((caption, Credit { names, text }))
    })
}

/// What a dateline or wire credit at the head of a paragraph says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub names: Vec<String>,
    /// The paragraph after the dateline: where the story starts.
    pub rest: String,
}

static LOCAL_NEWS: LazyLock<Regex> = LazyLock::new(|| re(r"^本报讯\s*[:：]?\s*"));
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(本报|\p{Han}{1,4}社)\p{Han}{0,10}?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(电|讯)\s*")
});
static WIRE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^据\p{Han}{1,6}(社|报|网|台)(电|消息|报道)?\s+"));
static PAREN_BYLINE: LazyLock<Regex> = LazyLock::new(|| re(r"^[（(]([^()（）]{2,40})[)）]\s*"));

/// Names written glued to role words, up to `报道`: `记者曾晨路 通讯员徐冬云报道`.
fn reporter_names(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|t| strip_role(t.trim_end_matches("报道")))
        .filter(|t| is_personal_name(t))
        .map(str::to_string)
        .collect()
}

/// Reads the byline a paragraph opens with: `本报讯 记者曾晨路 通讯员徐冬云报道
/// 日前,…`, `本报太原4月9日电 (记者付明丽)记者近日…`, `据新华社 …`.
pub fn dateline(paragraph: &str) -> Option<Dateline> {
    let p = paragraph.trim();
    let after = if let Some(m) = LOCAL_NEWS.find(p) {
        &p[m.end()..]
    } else if let Some(m) = DATED.find(p) {
        &p[m.end()..]
    } else if let Some(m) = WIRE.find(p) {
        return Some(Dateline {
            names: Vec::new(),
            rest: p[m.end()..].trim().to_string(),
        });
    } else {
        return None;
    };
    if let Some(caps) = PAREN_BYLINE.captures(after) {
        let inner = caps[1].replace(['，', ',', '、'], " ");
        let names = reporter_names(&inner);
        if !names.is_empty() || ROLES.iter().any(|r| inner.contains(r)) {
            let rest = after[caps.get(0).map_or(0, |m| m.end())..]
                .trim()
                .to_string();
            return Some(Dateline { names, rest });
        }
    }
    // Role-and-name tokens up to `报道` (or up to the first token that is not one).
    let mut names = Vec::new();
    let mut consumed = 0;
    for (i, token) in after.split_whitespace().enumerate().take(8) {
        let bare = token.trim_end_matches("报道");
        let role = ROLES.iter().any(|r| bare.starts_with(r));
        let name = strip_role(bare);
        if !(role || is_personal_name(name)) || !name.chars().all(is_han) {
            break;
        }
        if !name.is_empty() {
            names.push(name.to_string());
        }
        consumed = i + 1;
        if token.ends_with("报道") {
            break;
        }
    }
    let rest: Vec<&str> = after.split_whitespace().skip(consumed).collect();
    let rest = if consumed == 0 {
        after.trim().to_string()
    } else {
        rest.join(" ")
    };
    Some(Dateline { names, rest })
}

/// Longest headline, in characters, a page prints on one line or two.
pub const MAX_HEADLINE_CHARS: usize = 48;

/// The shape of a headline, kicker or subhead: short, not a finished
/// sentence, without a full stop inside, not broken off after a comma.
pub fn is_headline_shaped(text: &str) -> bool {
    let n = text.chars().count();
    (2..=MAX_HEADLINE_CHARS).contains(&n)
        && !ends_sentence(text)
        && !ends_mid_clause(text)
        && !text.contains('。')
        && text.chars().filter(|&c| is_han(c)).count() >= 2
}

/// A subhead inside an article is shorter still and has no clause breaks; a
/// short line with a comma is a paragraph broken by a column.
pub fn is_subhead_shaped(text: &str) -> bool {
    is_headline_shaped(text)
        && text.chars().count() <= 24
        && !text.contains([',', '，', '、', ';', '；', ':', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_and_furniture() {
        assert!(is_debris("口"));
        assert!(is_debris("RI"));
        assert!(is_debris("■ ■"));
        assert!(!is_debris("周洁"));
        assert!(is_masthead_marker("2024年3月4日 星期一 甲辰年正月廿四"));
        assert!(is_masthead_marker("总第12604号"));
        assert!(is_masthead_marker(
            "国内统一连续出版物号:CN33—0018 邮发代号:31—2"
        ));
        assert!(!is_masthead_marker(
            "3月1日,挪威工业和能源工会代表团应邀来浙访问。"
        ));
        assert!(is_editor_line("本版责编:李智勇 徐 阳 罗阳奇"));
        assert!(is_editor_line("责任编辑：张三"));
        assert!(!is_editor_line("责编们说，今年的版面更好看。"));
        assert!(is_page_number("第3版"));
        assert!(is_box_label("核心阅读"));
        assert!(!is_box_label("核心阅读是什么"));
    }

    #[test]
    fn column_labels() {
        assert_eq!(column_label("RI民生观").as_deref(), Some("民生观"));
        assert_eq!(column_label("RI一线探民生").as_deref(), Some("一线探民生"));
        assert_eq!(column_label("【今日谈】").as_deref(), Some("今日谈"));
        assert_eq!(column_label("■ 记者观察").as_deref(), Some("记者观察"));
        assert_eq!(column_label("短评").as_deref(), Some("短评"));
        assert_eq!(column_label("武汉推动新就业群体融入城市"), None);
    }

    #[test]
    fn credits() {
        let c = credit_line("谷向荣 江维海 摄").unwrap();
        assert_eq!(c.names, vec!["谷向荣", "江维海"]);
        assert_eq!(
            credit_line("通讯员蒋友青 摄").unwrap().names,
            vec!["蒋友青"]
        );
        assert_eq!(credit_line("记者邹伟锋 摄").unwrap().names, vec!["邹伟锋"]);
        assert_eq!(
            credit_line("李志军摄(新华社发)").unwrap().names,
            vec!["李志军"]
        );
        assert!(credit_line("鹿城区南汇街道供图").unwrap().names.is_empty());
        assert!(credit_line("他们在现场拍摄").is_none());
        assert!(credit_line("设在产业园内的人才咖啡驿站 陈立波 摄").is_none());
    }

    #[test]
    fn captions_with_credits() {
        let (text, credit) = caption_with_credit("设在产业园内的人才咖啡驿站 陈立波 摄").unwrap();
        assert_eq!(text, "设在产业园内的人才咖啡驿站");
        assert_eq!(credit.names, vec!["陈立波"]);
        assert_eq!(credit.text, "陈立波 摄");
        let (text, credit) =
            caption_with_credit("伯蔚山庄投用“小哥+驿站”关爱新就业群体 鹿城区南汇街道供图")
                .unwrap();
        assert_eq!(text, "伯蔚山庄投用“小哥+驿站”关爱新就业群体");
        assert_eq!(credit.text, "鹿城区南汇街道供图");
        assert!(caption_with_credit("谷向荣 江维海 摄").is_none());
    }

    #[test]
    fn datelines() {
        let d = dateline("本报讯 记者曾晨路 通讯员徐冬云报道 日前,2024年衢州市").unwrap();
        assert_eq!(d.names, vec!["曾晨路", "徐冬云"]);
        assert_eq!(d.rest, "日前,2024年衢州市");
        let d = dateline("本报太原4月9日电 (记者付明丽)记者近日从山西省人社厅获悉").unwrap();
        assert_eq!(d.names, vec!["付明丽"]);
        assert_eq!(d.rest, "记者近日从山西省人社厅获悉");
        let d = dateline("据新华社 全国政协十四届二次会议").unwrap();
        assert!(d.names.is_empty());
        assert_eq!(d.rest, "全国政协十四届二次会议");
        let d = dateline("本报讯（记者 张三 通讯员 李四）昨天").unwrap();
        assert_eq!(d.names, vec!["张三", "李四"]);
        assert_eq!(d.rest, "昨天");
        assert!(dateline("据悉,为确保会市安全有序").is_none());
        assert!(dateline("据介绍,平台将通过整合").is_none());
    }

    #[test]
    fn headline_shapes() {
        assert!(is_headline_shaped("瓯海发放“新春礼包”助企稳岗"));
        assert!(is_headline_shaped("既有地方歇脚,更有服务暖心,还能参与治理"));
        assert!(is_headline_shaped(
            "聚焦高校毕业生、农民工、就业困难人员等重点群体——"
        ));
        assert!(!is_headline_shaped("“身为社区监察工作联络站成员，"));
        assert!(!is_headline_shaped("服务。"));
        assert!(is_subhead_shaped("打造温馨驿站 开展关爱服务"));
        assert!(!is_subhead_shaped("针对用工难题，瓯海将组织开展"));
    }
}
