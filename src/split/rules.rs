//! Rules that read one block's text: is it page furniture, a column label, a
//! photo credit, a caption, a dateline, a headline? Each rule describes a
//! shape of newspaper text, never a particular paper's words.

use std::sync::LazyLock;

use regex::Regex;

use super::names::{
    is_employer, is_personal_name, names_in, names_run_together, read_name_line, strip_role,
    BYLINE_SYMBOLS, ROLES,
};
use super::text::{
    after_last_sentence, close_cjk_spaces, display_width, ends_mid_clause, ends_sentence,
    has_space, is_han, opens_with, re, squeeze_spaces,
};

/// OCR debris: a lone character, a few stray Latin letters or digits (what is
/// left of a logo, in half or full width: `RI`, `Ｔ2`), a line of symbols, or
/// a line of Latin capitals (a masthead's English name, `ADVERTISEMENT`).
pub fn is_debris(line: &str) -> bool {
    is_debris_bit(line) || is_debris_run(line) || is_latin_capitals(line)
}

/// A line of Latin capitals only, four letters or more: no story on a
/// Chinese page is printed so, but a paper's English name and an advert's
/// mark are.
fn is_latin_capitals(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '\'' | '&' | '.' | '-'))
        && line.chars().filter(char::is_ascii_uppercase).count() >= 4
}

fn is_debris_bit(text: &str) -> bool {
    let visible = || text.chars().filter(|c| !c.is_whitespace());
    let count = visible().take(4).count();
    count <= 1
        || (count <= 3 && visible().all(is_latin_or_digit))
        || !text.chars().any(is_alphanumeric)
        // A stroke read off a rule beside a box's mark (`丨■`).
        || (count <= 3
            && visible().filter(|&c| is_alphanumeric(c)).count() <= 1
            && visible().any(is_box_mark))
}

/// A box-drawing or geometric mark (`─`, `■`, `▲`): a rule or a bullet, no
/// word.
fn is_box_mark(c: char) -> bool {
    ('\u{2500}'..='\u{25FF}').contains(&c)
}

/// Several bits of debris spaced out on one line (`口 ■`, `口 口 Ｔ2`). One
/// bit must be no Han character, or all be one character (`口 口`): lone
/// characters spaced out are also a padded name (`高 凯`) or a spaced
/// masthead.
fn is_debris_run(line: &str) -> bool {
    // A line opening with four characters and no space, a letter among
    // them, holds a word no debris has: most lines end here, unread.
    let head: [Option<char>; 4] = {
        let mut chars = line.trim_start().chars();
        std::array::from_fn(|_| chars.next())
    };
    if head.iter().all(|c| c.is_some_and(|c| !c.is_whitespace()))
        && head.iter().flatten().any(|&c| is_alphanumeric(c))
    {
        return false;
    }
    let (mut bits, mut not_han, mut first, mut repeated) = (0, false, None, true);
    for bit in line.split_whitespace() {
        if !is_debris_bit(bit) {
            return false;
        }
        bits += 1;
        not_han |= !bit.chars().any(is_han);
        repeated &= *first.get_or_insert(bit) == bit;
    }
    bits >= 2 && (not_han || repeated)
}

/// Whether a line with no white space, of `chars` characters opening with
/// `first`, may be debris: one of four characters or more opening with a
/// unified ideograph (a letter) is never (its first bit is a word, see
/// [`is_debris_bit`], and its first four characters hold a letter, see
/// [`is_debris_run`]); a shorter one may be a stroke beside a box's mark.
/// A cheap look for readers that know these of a line.
pub fn may_be_debris(white: bool, chars: usize, first: Option<char>) -> bool {
    white || chars <= 3 || !first.is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// [`char::is_alphanumeric`], with the unified ideographs (every one a
/// letter) answered before the Unicode tables are searched.
fn is_alphanumeric(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

/// A Latin letter or digit, half or full width.
fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// The weekday a masthead prints after the issue's date.
const WEEKDAY_AFTER: &str = r".*(星期|周)[一二三四五六日天]";
/// The issue's date with its weekday: `2024年3月4日 星期一`, `2013.12.11 星期三`,
/// `一九八四年五月二十九日 星期二`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|\d{{4}}[.\-/]\d{{1,2}}[.\-/]\d{{1,2}}|[〇○零OＯ一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}日){WEEKDAY_AFTER}",
    ))
});
/// The issue's date printed day first, as papers abroad print it
/// (`25.10.2025 星期六`): a pattern of its own, asked only of lines with a
/// figure's separator, so that most lines with `期` are read once.
static DAY_FIRST_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\d{{1,2}}[.\-/]\d{{1,2}}[.\-/]\d{{4}}{WEEKDAY_AFTER}"
    ))
});
/// The serial number, in figures or in Chinese numerals (`第八六一号`), with
/// the issue's page count glued before or after it (`第六二一八号今日四版`).
static SERIAL: LazyLock<Regex> = LazyLock::new(|| {
    let number = r"(\d+|[〇○零一二三四五六七八九十百千万]+)";
    let pages = format!(r"(今日|本期)\s*{number}\s*版");
    re(&format!(
        r"^({pages}\s*)?(总)?第\s*{number}\s*[号期](\s*{pages})?$"
    ))
});
/// The issue's date with its serial number instead of a weekday
/// (`2022年5月30日 第434期`).
static DATED_SERIAL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s+(总)?第\s*\d+\s*[号期]$"));
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
    let serial = line.ends_with(['号', '期', '版']);
    (weekday || serial || registration)
        && display_width(line) <= 100
        && ((weekday
            && line.contains(['年', '.', '-', '/'])
            && (DATE_LINE.is_match(line)
                || (line.contains(['.', '-', '/']) && DAY_FIRST_DATE_LINE.is_match(line))))
            || (serial && (SERIAL.is_match(line) || DATED_SERIAL.is_match(line)))
            || (registration && REGISTRATION.is_match(line)))
}

/// The section's name may follow with its characters spaced (`第03版:城 事`).
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(第\s*)?[A-Za-z]?\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*版(\s*\S{0,8}|\s*[:：·・]\s*(\p{Han}{2,8}|\p{Han}(\s\p{Han}){1,3}))?$",
    )
});
/// A page label inside a short line of the paper's and the section's names
/// (`人民日报 国际 第3版`).
static NAMED_PAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\p{Han}{2,10}\s+){1,3}第\s*[A-Za-z]?\d{1,3}\s*版(\s+\p{Han}{2,6})?$"));
/// A page's number and its section's name without `版` (`5 综合`, `A02 要闻`,
/// `A4 端午特别报道`).
static SECTION_PAGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z]?\d{1,3}(\s+|\s*[:：·・]\s*)\p{Han}{2,8}([·・]\p{Han}{2,8})?$"));
/// The section's name before the page's number (`综合新闻 02`, `要闻 A3`):
/// a number of two digits or behind a letter, so that a count (`新增 5`)
/// is not taken for a page.
static PAGE_AFTER_SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{2,6}\s+([A-Za-z]\d{1,2}|\d{2})$"));
/// A jump line: where the rest of a story stands (`》》》上接01版`, `下转第6版`).
static JUMP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\W*(上接|下转|接|转)第?\s*[A-Za-z]?(\d{1,3}|[一二三四五六七八九十]{1,3})\s*版\W*$")
});

/// A page label: `A05`, `5版`, `A11版 区域新闻`.
pub static PAGE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([A-Za-z]\d{2}|[A-Za-z]?\d{1,4}\s*版(\s*\S{0,8})?)$"));
/// A paper's name (`人民日报`, `北京日報`).
pub static PAPER_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{1,6}(日报|晚报|时报|报|報|消息|周刊)$"));

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[〇○零一二三四五六七八九\d]{2,4}年[一二三四五六七八九十\d]{1,3}月[一二三四五六七八九十\d]{1,3}日$",
    )
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| re(r"^(星期|周)[一二三四五六日天]$"));

/// A masthead band: the paper's name, the date, the weekday, the page
/// label and its section, the issue's pages and price set on one line
/// (`第2版 人民日报 国内新闻 一九六二年九月二十五日 星期二`, `今日八版
/// 零售价0.40元`). Every part has a masthead's shape, and at least two are
/// a date, a page label, a paper's name or one of its notices.
pub fn is_masthead_band(line: &str) -> bool {
    if !has_space(line) {
        return false;
    }
    let parts: Vec<&str> = line.split_whitespace().collect();
    let mark = |part: &str| {
        ISSUE_PAGES.is_match(part)
            || is_masthead_marker(part)
            || DATE.is_match(part)
            || PAPER_NAME.is_match(part)
            || is_page_number(part)
            || PAGE_LABEL.is_match(part)
            || is_notice(part)
    };
    let masthead_part = |part: &str| {
        WEEKDAY.is_match(part) || (part.chars().count() <= 4 && part.chars().all(is_han))
    };
    parts.len() >= 2
        && parts.iter().all(|p| mark(p) || masthead_part(p))
        && parts.iter().filter(|p| mark(p)).count() >= 2
}

/// A part of the masthead's date printed on a line of its own: the date
/// (`2017年9月10日`) or the weekday (`星期日`).
pub fn is_date_part(line: &str) -> bool {
    line.len() <= 30 && (DATE.is_match(line) || WEEKDAY.is_match(line))
}

/// How many pages the issue has (`今日16版`, `本期24版`, `本报今日四版`).
static ISSUE_PAGES: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(本报)?(今日|本期)\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*版$"));

/// Page labels: `第3版`, `A03版`, `人民日报 国际 第3版`, `5 综合`, `综合新闻 02`, and the
/// jump lines that point to another page.
pub fn is_page_number(line: &str) -> bool {
    let starts_with_digit = line
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ends_with_digit = line.ends_with(|c: char| c.is_ascii_digit());
    (line.contains('版')
        && (PAGE_NUMBER.is_match(line)
            || NAMED_PAGE.is_match(line)
            || JUMP.is_match(line)
            || SEE_PAGE.is_match(line)
            || ISSUE_PAGES.is_match(line)))
        || (starts_with_digit && SECTION_PAGE.is_match(line))
        || (ends_with_digit && PAGE_AFTER_SECTION.is_match(line))
}

const EDITOR_ROLES: [&str; 25] = [
    "本版责任编辑",
    "值班主任",
    "首席编辑",
    "总值班",
    "本版责编",
    "本版编辑",
    "责任编辑",
    "责任校对",
    "见习编辑",
    "美术编辑",
    "值班编委",
    "版式设计",
    "视觉设计",
    "本版制图",
    "责编",
    "美编",
    "校对",
    "文检",
    "编辑",
    "监制",
    "主编",
    "组版",
    "版式",
    "策划",
    "统筹",
];

/// The first characters of [`EDITOR_ROLES`]: most lines open with none,
/// and are turned away before the roles are compared one by one.
const EDITOR_ROLE_INITIALS: [char; 17] = [
    '本', '值', '首', '总', '责', '见', '美', '版', '视', '校', '文', '编', '监', '主', '组', '策',
    '统',
];

/// The traditional forms of the editors' roles' characters (`責任編輯`,
/// `版面設計`), as papers of Hong Kong, Macau and Taiwan print them.
const TRADITIONAL_ROLE_CHARS: [(char, char); 14] = [
    ('責', '责'),
    ('編', '编'),
    ('輯', '辑'),
    ('對', '对'),
    ('設', '设'),
    ('計', '计'),
    ('術', '术'),
    ('視', '视'),
    ('覺', '觉'),
    ('監', '监'),
    ('製', '制'),
    ('組', '组'),
    ('統', '统'),
    ('籌', '筹'),
];

fn simplified_role_char(c: char) -> char {
    simplified_in(&TRADITIONAL_ROLE_CHARS, c)
}

/// A character's simplified form, when `table` (traditional, simplified)
/// holds it; else the character.
fn simplified_in(table: &[(char, char)], c: char) -> char {
    table.iter().find(|(t, _)| *t == c).map_or(c, |&(_, s)| s)
}

/// Whether a line opening with `first` may be an editors' footer (see
/// [`is_editor_line`]): it opens with a role's first character (in either
/// script) or a bracket. A cheap look for readers that know a line's first
/// character.
pub fn may_open_editor_line(first: Option<char>) -> bool {
    first.is_some_and(|c| {
        matches!(c, '(' | '（') || EDITOR_ROLE_INITIALS.contains(&simplified_role_char(c))
    })
}

/// The page editors' footer (`本版责编：…`, `责任编辑：…`,
/// `值班编委/张广 本版编辑/陈广江`, `（本版编辑 刘军）`): an editor's role
/// followed by a colon, a space, a bar or a slash; or by a name of two to
/// four characters and the next role, the spaces closed up
/// (`责任编辑孙立组版王敏`).
pub fn is_editor_line(line: &str) -> bool {
    let line = line
        .strip_prefix(['(', '（'])
        .map_or(line, |inner| inner.trim_end_matches([')', '）']));
    // A two-character role spaced out to the width of three (`策 划：陈 磊`).
    let closed;
    let line = if line.chars().nth(1) == Some(' ') {
        closed = close_cjk_spaces(line);
        closed.as_str()
    } else {
        line
    };
    // A role in traditional characters is read in simplified ones
    // (`責任編輯`, `本版編輯`).
    if line.chars().take(4).any(|c| simplified_role_char(c) != c) {
        let simplified: String = line.chars().map(simplified_role_char).collect();
        return simplified_editor_line(&simplified);
    }
    simplified_editor_line(line)
}

/// [`is_editor_line`] of a line whose roles are printed in simplified
/// characters, out of its brackets.
fn simplified_editor_line(line: &str) -> bool {
    let next_role_after_name = |rest: &str| {
        rest.char_indices()
            .skip(2)
            .take(3)
            .any(|(at, _)| EDITOR_ROLES.iter().any(|r| rest[at..].starts_with(r)))
    };
    line.len() <= 240
        && line.starts_with(EDITOR_ROLE_INITIALS)
        && EDITOR_ROLES.iter().any(|role| {
            let rest = opens_with(line, role).then(|| &line[role.len()..]);
            rest.is_some_and(|rest| {
                rest.starts_with([':', '：', ' ', '|', '丨', '/', '／'])
                    || next_role_after_name(rest)
            })
        })
}

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([\p{Han}\d]{0,12}(热线|熱線|电话|電話|报料|傳真|传真|查询|查詢)\s*[:：]?\s*[\d\-—－ （）()]{5,20}\s*)+",
    )
});

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| re(r"^((本报|报社)地址|(本报)?社址)\s*[:：]"));
/// How to send the paper a piece or a letter (`投稿请寄本报评论部`,
/// `来稿请注明真实姓名`, `投稿邮箱：…`, `读者来信请寄本报X版`).
static SUBMISSIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(读者)?((投稿|来稿)(请|须|邮箱|信箱|地址|热线|电话)|来信(请寄|邮箱|信箱|地址))")
});

/// A line of the paper's telephone numbers (`有奖新闻热线:88881111`, `■
/// 本版热线:96706`, `24小时生活热线：63082486`), maybe with the editors'
/// names after them (`新闻热线：3310000　责任编辑：冯 彬`), or its address
/// (`本报地址:…`).
pub fn is_contact_line(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let numbers = || {
        CONTACT.find(line).is_some_and(|m| {
            let rest = line[m.end()..].trim();
            rest.is_empty() || is_editor_line(rest)
        })
    };
    line.len() <= 120 && (numbers() || ADDRESS.is_match(line) || SUBMISSIONS.is_match(line))
}

/// The paper's imprint at the foot of the page (`天津日报社出版 电话：…`,
/// `正報社出版 零售每份…`, `沈阳军区政治部出版`, `某某报社编印 本期四版`).
static IMPRINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^((\p{Han}{2,12}\s+)?\p{Han}{1,10}[报報]社(编辑|編輯)?(出版|编印|編印)|\p{Han}{2,14}(社|部|局|委员会)(编辑)?(出版|编印)$)",
    )
});

/// Whether a line is the paper's imprint.
pub fn is_imprint(line: &str) -> bool {
    line.len() <= 150
        && (line.contains("出版") || line.contains("编印") || line.contains("編印"))
        && IMPRINT.is_match(line)
}

/// The paper's notices at the head or foot of a page: its price, printer,
/// advertising licence, address, website and social accounts
/// (`定价：1.50元`, `广告许可证号：1234`, `地址：某市某路1号`, `公众号：某某日报`,
/// `扫码关注`), and who provided a special page's text (`本版文字由某某中心提供`).
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(定价|零售价|零售|每份|广告(经营)?许可证|印刷|发行|订阅|订报|地址|(微信)?公众号|官方微博|扫码|扫一扫|网址|邮编|邮政编码)\s*[:：号关\d]|^(扫码|扫一扫|扫描(下方)?二维码)\S{0,4}(关注|下载|阅读|观看|看)|^本版(文字|图片|稿件|图文|内容)?由\p{Han}{2,20}提供$",
    )
});
/// A web address alone on a line.
static WEB_ADDRESS: LazyLock<Regex> = LazyLock::new(|| re(r"^(https?://|www\.)\S+$"));
/// The paper's name in Latin capitals (`RENMIN RIBAO`, `PEOPLE'S DAILY`):
/// two words or more.
static LATIN_MASTHEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Z][A-Z'.&\-]+( [A-Z][A-Z'.&\-]+)+$"));

/// Whether a line is one of the paper's notices, a web address or its name
/// in Latin capitals: furniture.
pub fn is_notice(line: &str) -> bool {
    // A notice may stand in brackets as a box's title (`【扫码看海口】`).
    let bare = line.trim_start_matches(['【', '[', '〖', '■', '●', '▲', '★']);
    let Some(first) = bare.chars().next() else {
        return false;
    };
    line.len() <= 120
        && match first {
            'A'..='Z' => LATIN_MASTHEAD.is_match(line),
            'h' | 'w' => WEB_ADDRESS.is_match(line),
            '定' | '零' | '每' | '广' | '印' | '发' | '订' | '地' | '微' | '公' | '官' | '扫'
            | '网' | '邮' | '本' => NOTICE.is_match(bare),
            _ => is_copyright(line) || is_organ_line(line),
        }
}

/// The line naming whose organ the paper is, under a masthead
/// (`中国共产党中央委员会机关报`, `中共西藏工委机关报`), or who made a feature
/// (`科技日报•深瞳工作室出品`).
fn is_organ_line(line: &str) -> bool {
    let line = line.trim();
    // Made by a studio, an outlet or a desk, never `…联合出品` in a sentence.
    let maker = |made: &str| {
        ["工作室", "报", "网", "社", "台", "中心", "部", "团队"]
            .iter()
            .any(|m| made.ends_with(m))
    };
    let organ = line.ends_with("机关报") || line.ends_with("機關報");
    (organ || line.strip_suffix("出品").is_some_and(maker))
        && line.chars().count() <= 24
        && line
            .chars()
            .all(|c| is_han(c) || c.is_whitespace() || matches!(c, '·' | '•' | '・'))
}

/// The paper's copyright line (`某某日报社版权所有 未经授权禁止复制`), its
/// characters often spaced out.
fn is_copyright(line: &str) -> bool {
    // Asked of most short lines of a flowing page: substring searches,
    // which run on vector instructions, before anything else.
    (line.contains("权") || line.contains("權")) && {
        let bare = close_cjk_spaces(line);
        bare.contains("版权所有") || bare.contains("版權所有")
    }
}

/// Characters of the label of a fact line (`时间:`, `地点:`, `蹲点地区:`).
const MAX_FACT_LABEL: usize = 4;
/// Characters of a fact line's value: a when, a where, a name. A longer one
/// is a paragraph opened by a label (`编者按:…`).
const MAX_FACT_VALUE: usize = 30;

/// The label of a short `label:value` line (`地点:胜利南路天桥下`): in a run
/// of two or more, such lines state a piece's when and where.
pub fn fact_label(line: &str) -> Option<&str> {
    // The colon stands within the label's reach of the start: the rest of
    // a long line is never read.
    let (at, colon) = line
        .char_indices()
        .take(MAX_FACT_LABEL + 1)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let (label, value) = (&line[..at], &line[at + colon.len_utf8()..]);
    let short = (2..=MAX_FACT_LABEL).contains(&label.chars().count());
    let value = value.trim();
    let fact = !value.is_empty() && value.chars().nth(MAX_FACT_VALUE).is_none();
    (short && label.chars().all(is_han) && fact).then_some(label)
}

/// A pointer to pages that carry more (`详见02~04版`, `见第3版`).
static SEE_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[（(]?(详见|请看|见)\s*第?\s*[A-Za-z]?\d{1,2}(\s*[~～\-—至、]\s*[A-Za-z]?\d{1,2})?\s*版[）)]?$",
    )
});

/// A jump line: where the rest of a story stands, or where its start does.
pub fn is_jump(line: &str) -> bool {
    line.contains(['接', '转']) && JUMP.is_match(line)
}

/// Whether a headline is two to four phrases of two to twelve Han
/// characters (quotes allowed) set apart by single spaces
/// (`社区信息勤沟通 居民连心零距离`): a headline's shape, never a sentence's.
pub fn spaced_phrases(text: &str) -> bool {
    let phrases = || text.split(' ');
    (2..=4).contains(&phrases().count())
        && phrases().all(|p| {
            (2..=12).contains(&p.chars().count())
                && p.chars().all(|c| is_han(c) || "“”‘’《》".contains(c))
        })
}

/// Whether a headline line is a couplet: two [`spaced_phrases`] of eight
/// characters at most each. A subtitle's spaced clauses run longer
/// (`神枪手大比武鸣金收兵 田径场金牌战接近尾声`), and a kicker's slogans
/// come three or four (`遇强不惧 百折不挠 团结一致 顽强拚搏`).
pub fn is_couplet(text: &str) -> bool {
    spaced_phrases(text)
        && text.split_once(' ').is_some_and(|(first, second)| {
            !second.contains(' ') && [first, second].iter().all(|p| p.chars().count() <= 8)
        })
}

/// A line opened by a dash, as a subtitle under its headline is
/// (`——写在…之际`).
pub fn opens_with_dash(line: &str) -> bool {
    line.starts_with(['—', '-'])
}

/// A headline line a dash marks as subtitle (opening it) or as kicker
/// (closing it: `引题在上面——`).
pub fn is_dashed(line: &str) -> bool {
    opens_with_dash(line) || line.ends_with(['—', '-'])
}

/// A short kicker over a headline: two to eight Han characters and a colon,
/// naming who speaks in the headline (`水利部:`), or an exclamation mark,
/// calling out what it tells (`太嚣张!`).
pub fn is_short_kicker(line: &str) -> bool {
    line.strip_suffix([':', '：', '!', '！'])
        .is_some_and(|kicker| {
            (2..=8).contains(&kicker.chars().count()) && kicker.chars().all(is_han)
        })
}

/// A jump line sending the reader to another page (`(下转第四版)`,
/// `转A3版`): the story before it ends on this page.
pub fn is_jump_out(line: &str) -> bool {
    line.contains('转') && JUMP.captures(line).is_some_and(|c| c[1].ends_with('转'))
}

/// Whether two headline lines that nothing else tells apart may stand
/// together as the title (see `split::flow::headline::title_and_subtitle`):
/// neither is marked by a dash as kicker or subtitle, neither holds a
/// finished sentence (an epigraph, a deck), the first is no short page or
/// column label (`百姓热线`) and the second no note's heading (`开栏的话`).
pub fn may_join_heads(lines: [&str; 2]) -> bool {
    // A question or exclamation may end a headline; nothing ends one inside.
    let sentence = |l: &str| {
        l.ends_with('。')
            || l.trim_end_matches(['！', '？', '!', '?', '”', '’'])
                .contains(['。', '！', '？', '!', '?'])
    };
    lines[0].chars().count() > MAX_LABEL_CHARS
        && lines[1].chars().count() > MAX_NAME_LABEL_CHARS
        && !lines
            .iter()
            .any(|l| is_dashed(l) || sentence(l) || is_couplet(l))
}

/// The most characters of a page or column label set over a headline.
const MAX_LABEL_CHARS: usize = 6;
/// The most characters of a line that names what follows rather than
/// heads it (`开栏的话`, `编者按`, a place: `武陟县`).
const MAX_NAME_LABEL_CHARS: usize = 4;

/// Labels of a page's contents box (`本期导读`, `要闻提要` over the pages'
/// headlines).
static CONTENTS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(本报)?((本期|今日|本版|要闻|新闻)?(导读|要闻提要|内容提要|提要)|(本期|今日|本版)要目)$")
});

/// The first line of a contents box: the box is furniture, its lines point
/// to other pages.
pub fn is_contents_label(line: &str) -> bool {
    label_text(line).is_some_and(|bare| CONTENTS_LABEL.is_match(bare))
}

/// A label's words without the symbols and brackets around them (`■本期要目`
/// → `本期要目`), when the line is no more than a short label.
fn label_text(line: &str) -> Option<&str> {
    let bare = line.trim_matches(|c: char| !is_han(c));
    (bare.len() <= 18 && bare.chars().count() + 4 >= line.chars().count()).then_some(bare)
}

/// A source in brackets on a line of its own (`（新华社）`, `（据新华社电）`,
/// `(本报讯)`): it closes the piece above and names no one.
static BRACKETED_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]\s*据?\p{Han}{1,8}?(社|报|网|台)(电|讯|稿|消息)?\s*[）)]$"));

pub fn is_bracketed_source(line: &str) -> bool {
    line.len() <= 40 && BRACKETED_SOURCE.is_match(line.trim())
}

/// Labels of the paper's own notices: a correction, a call for entries, an
/// apology (`更正`, `征文启事`, `致歉`), the weather box (`天气预报`), and
/// the box of quotations a page of the 1960s and 1970s printed by its
/// masthead (`毛主席语录`, `最高指示`).
static NOTICE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(更正|(更正|\p{Han}{2,4})?启事|致歉(声明)?|(今日)?天气(预报)?|毛主席语录|最高指示)[:：]?$",
    )
});

/// The label over one of the paper's notices: the notice under it is
/// furniture, no story.
pub fn is_notice_label(line: &str) -> bool {
    label_text(line).is_some_and(|bare| NOTICE_LABEL.is_match(bare))
}

/// A contents box's line that points to a page (`▶ A05`, `A06版 …`, `3版`,
/// `（二版）`).
static PAGE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"▶|►|→|(^|\s|[^A-Za-z])[A-Z]\d{1,2}(版|\s|$)|第?\d{1,2}版|[（(]第?[一二三四五六七八九十]{1,3}版[)）]",
    )
});

pub fn is_page_reference(line: &str) -> bool {
    PAGE_REFERENCE.is_match(line)
}

/// A contents box's line: a headline that ends in its page
/// (`▲我市冬季供热全面启动…………2版`, `雁城金秋菊展开幕 （三版）`,
/// `老读者的剪报本 >>06`, a page numbered with its zero: `某地召开大会 02`).
static CONTENTS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{1,2}版|[A-Z]\d{1,2}版?|[（(]第?[一二三四五六七八九十]{1,3}版[)）]|>>\s*[A-Z]?\d{1,2}|\s0\d)$",
    )
});

/// The most characters of a contents box's line.
const MAX_CONTENTS_LINE_CHARS: usize = 32;

pub fn is_contents_line(line: &str) -> bool {
    line.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '版' | '）' | ')'))
        && line.chars().count() <= MAX_CONTENTS_LINE_CHARS
        && CONTENTS_LINE.is_match(line)
}

/// Two lines or more in a row that end in their pages: a contents box
/// printed without its label, or under a label not known as one.
pub const MIN_CONTENTS_LINES: usize = 2;

/// How many of the lines under a contents box's label, printed with no
/// blank line between them, belong to the box: up to its last line that
/// points to a page (`… 02`, `（二版）`), once three lines in a row point
/// nowhere (the text after the box); all of them when they run out first,
/// as long as a box's worth. A box pointing nowhere over a page printed
/// without blank lines holds none of the page's text.
pub fn contents_box_len<'a>(lines: impl IntoIterator<Item = &'a str>) -> usize {
    let mut last_reference = None;
    let mut count = 0;
    for (k, line) in lines.into_iter().enumerate() {
        if is_page_reference(line) || is_contents_line(line) {
            last_reference = Some(k);
        } else if let Some(r) = last_reference.filter(|&r| k - r >= 3) {
            return r + 1;
        } else if last_reference.is_none() && k >= MAX_CONTENTS_ITEMS {
            return 0;
        }
        count = k + 1;
    }
    count
}

/// The most lines a contents box lists.
const MAX_CONTENTS_ITEMS: usize = 12;

/// The labels of an editors' note, longest first where one opens another.
const EDITOR_NOTE_LABELS: [&str; 5] = ["编者按", "编者的话", "开栏的话", "编后语", "编后"];

pub static EDITOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    let labels = EDITOR_NOTE_LABELS.join("|");
    re(&format!(r"^[【\[（(]?({labels})[】\]）)]?\s*[:：]"))
});

/// The heading of an editors' note set on a line of its own (`开栏的话`,
/// `【编者按】`): the note is a piece of its own under it.
pub fn is_editors_note_heading(line: &str) -> bool {
    let bare = line.trim_matches(['【', '】', '[', ']', '（', '）', '(', ')']);
    EDITOR_NOTE_LABELS.contains(&bare)
}

/// The editors' sign-off closing their note (`…新气象。   编者`,
/// `…来函索书！——编者`, `…（编者）`): where it opens. The note is signed by
/// the desk, no person, and has ended.
pub fn editors_sign_off(paragraph: &str) -> Option<usize> {
    let paragraph = paragraph.trim_end();
    let inner = paragraph.trim_end_matches([')', '）']);
    let bracketed = inner.len() < paragraph.len();
    let before = inner
        .strip_suffix("编者")
        .or_else(|| inner.strip_suffix("編者"))?;
    let at = if bracketed {
        before.strip_suffix(['(', '（'])?
    } else if let Some(text) = before.strip_suffix("——") {
        text
    } else if before.ends_with(char::is_whitespace) {
        before.trim_end()
    } else {
        return None;
    };
    // Only the sign-off's own bracket closes the paragraph.
    (ends_sentence(at.trim_end()) && paragraph.len() - inner.len() <= 3).then_some(at.len())
}

/// The editors' sign-off on a line of its own under their note (`——编者`,
/// `（编者）`).
pub fn is_editors_sign_off_line(line: &str) -> bool {
    let line = line.trim();
    let bare = line
        .trim_start_matches(['—', '－', '-', '(', '（', ' '])
        .trim_end_matches([')', '）']);
    matches!(bare, "编者" | "編者") && bare.len() < line.len()
}

/// Whether a line opens with an editors' note (`编者按：`).
pub fn is_editors_note(text: &str) -> bool {
    let mut chars = text.chars();
    let lead = |c: Option<char>| c.is_some_and(|c| c == '编' || c == '开');
    (lead(chars.next()) || lead(chars.next())) && EDITOR_NOTE.is_match(text)
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
    label_text(line).is_some_and(|bare| BOX_LABELS.contains(&bare))
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
/// A commentary column's name: a brand and the genre of quick comment
/// (`新华微评`, `人民时评`, `晨报快评`).
static COMMENTARY_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{2,4}(时评|微评|快评|短评|锐评|热评)$"));

/// Whether a line opening with `first` and ending with `last` may be a
/// column, briefs or banner label (see [`column_label`], [`brief_label`],
/// [`banner_label`]): the trimmed line opens with a Latin letter, a
/// bracket, a symbol, or the first character of a genre or briefs label
/// (white space first: the rules trim the line), or ends as a commentary
/// column's name does (`评`). A cheap look for readers that know a line's
/// first and last characters.
pub fn may_be_label(first: Option<char>, last: Option<char>) -> bool {
    last == Some('评')
        || first.is_some_and(|c| {
            c.is_ascii_alphabetic()
                || matches!(
                    c,
                    '【' | '['
                        | '［'
                        | '〖'
                        | '■'
                        | '▲'
                        | '◆'
                        | '●'
                        | '★'
                        | '□'
                        | '记'
                        | '短'
                        | '图'
                        | '时'
                        | '社'
                        | '评'
                        | '编'
                        | '新'
                        | '今'
                        | '要'
                        | '简'
                        | '快'
                )
                || c.is_whitespace()
        })
}

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
        // Behind a symbol a short personal name is a byline (`■郑蜀炎`).
        let name = &caps[1];
        let byline = line.starts_with(['■', '□', '●', '◆', '▲', '★'])
            && name.chars().count() <= 3
            && is_personal_name(name);
        return (!byline).then(|| name.to_string());
    }
    (GENRE_LABELS.contains(&line) || line.ends_with('评') && COMMENTARY_COLUMN.is_match(line))
        .then(|| line.to_string())
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

/// A label over photo news (`图片新闻`, `■图片新闻`, `图片报道`): a piece
/// under it with no headline of its own is titled by the label.
pub fn is_photo_news_label(name: &str) -> bool {
    name.contains("图片")
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
    re(
        r"^(?P<who>.*?)\s*[/／]?\s*(?P<verb>摄影报道|摄影|摄|供图|制图|图)\s*(?P<note>[（(][^()（）]{1,12}[)）]|[/／]\p{Han}{2,8})?$",
    )
});

/// Longest slogan or section name a masthead sets among its parts.
pub const MASTHEAD_PART_CHARS: usize = 10;

/// Endings of the organisations that supply photos (`…街道供图`).
const ORGANISATION_ENDINGS: [char; 22] = [
    '区', '县', '市', '省', '镇', '乡', '村', '道', '局', '院', '部', '委', '会', '司', '心', '馆',
    '站', '所', '队', '办', '厅', '社',
];

/// Reads `who` as the giver of a credit: names (with role words), or for a
/// supplied picture (`供图`) one organisation. Returns the personal names.
fn credit_names(who: &str, verb: &str) -> Option<Vec<String>> {
    // Names joined by `、` (`记者夏强、廖靖文摄`).
    let who = who.trim().replace('、', " ");
    let who = who.as_str();
    // The photographer behind their paper's or team's name: `武汉晚报 邱焰`,
    // `城市摄影队 马里奥`.
    let employer = who
        .split_once(' ')
        .filter(|(front, _)| is_employer(front) || is_photo_desk(front));
    let who = employer.map_or(who, |(_, rest)| rest.trim());
    if let Some(line) = read_name_line(who) {
        if line.all_personal || line.has_role {
            return Some(line.names);
        }
    }
    // The verb vouches for photographers' names run together as a role
    // does (`张三李四王小五摄`): cut where only one cut fits, into more
    // names than one pen name would hold.
    let run_together = employer.is_none() && who.chars().count() >= 6;
    if let Some(names) = run_together.then(|| names_run_together(who)).flatten() {
        return Some(names.into_iter().map(str::to_string).collect());
    }
    // Behind a role, one photographer with a longer name (`…融媒体记者
    // 巴依斯古楞摄`): a credit names people.
    let behind_role = strip_role(who).trim();
    let long_name =
        |name: &str| (2..=5).contains(&name.chars().count()) && name.chars().all(is_han);
    if behind_role.len() < who.len() && long_name(behind_role) {
        return Some(vec![behind_role.to_string()]);
    }
    // Behind an employer, one photographer may sign with a pen name.
    let pen_name = long_name(who);
    if employer.is_some() && matches!(verb, "摄" | "摄影" | "摄影报道") && pen_name {
        return Some(vec![who.to_string()]);
    }
    (matches!(verb, "供图" | "制图") && is_organisation(who)).then(Vec::new)
}

/// A photographers' team or desk (`城市摄影队`, `…摄影部`).
fn is_photo_desk(name: &str) -> bool {
    is_organisation(name) && name.contains("摄影")
}

/// An organisation's name: Han characters ending in an organisation's word
/// (`…街道`, `…摄影队`).
fn is_organisation(name: &str) -> bool {
    (3..=20).contains(&name.chars().count())
        && name.chars().all(is_han)
        && name.ends_with(ORGANISATION_ENDINGS)
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
    // A credit may be printed in brackets: `（新华社记者 王小明 摄）`.
    let bare = line
        .trim()
        .strip_prefix(['(', '（'])
        .and_then(|inner| inner.strip_suffix([')', '）']))
        .unwrap_or(line);
    let names = match CREDIT_TAIL.captures(bare.trim()) {
        Some(caps) => credit_names(&caps["who"], &caps["verb"])?,
        // The role before the names: `特约摄影 沈果`, `摄影：张三 李四`.
        None => {
            let caps = CREDIT_HEAD.captures(bare.trim())?;
            read_name_line(&caps["who"])
                .filter(|l| l.all_personal)?
                .names
        }
    };
    Some(Credit {
        names,
        text: squeeze_spaces(bare),
    })
}

static CREDIT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(特约|本报|新华社)?摄影(记者)?\s*[:：]?\s*(?P<who>\p{Han}{2,4}(\s+\p{Han}{2,4}){0,3})$")
});

/// Arrows that point a caption to its photo (`▲…`, `◀…`).
const PHOTO_ARROWS: [char; 8] = ['▲', '◀', '▶', '▼', '△', '◁', '▷', '▽'];

/// A photo credit closing a paragraph after its last sentence
/// (`…游客正在体验滑雪。曹建雄摄/光明图片`): the photographers' names.
pub fn closing_credit(paragraph: &str) -> Option<Vec<String>> {
    credit_after_last_sentence(paragraph).map(|(_, credit)| credit.names)
}

/// The credit glued after a paragraph's last sentence, naming someone, and
/// where the sentence ends.
fn credit_after_last_sentence(paragraph: &str) -> Option<(usize, Credit)> {
    let paragraph = paragraph.trim_end();
    if !ends_like_credit(paragraph) {
        return None;
    }
    let at = after_last_sentence(paragraph, &['。', '！', '？'])?;
    let credit = credit_line(paragraph[at..].trim())?;
    (!credit.names.is_empty()).then_some((at, credit))
}

/// Characters of a one-sentence caption with its credit glued on
/// (`猎德龙舟文化尽显魅力。X报记者莫伟浓摄`); longer, it is a paragraph of
/// photo news signed by its photographer.
const MAX_GLUED_CAPTION: usize = 40;

static WRITER_AND_PHOTOGRAPHER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?P<writer>.+?)\s*[/／]\s*文\s+(?P<photographer>.+?)\s*[/／]\s*(图|摄)$")
});
/// The photographer first, without slashes: `张三摄 李四文`.
static PHOTOGRAPHER_AND_WRITER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<photographer>.+?)\s*摄\s+(?P<writer>.+?)\s*文$"));
static WROTE_AND_PHOTOGRAPHED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<who>.+?)\s*(文\s*[/／]?\s*[图摄]|[图摄]\s*[/／]?\s*文|\s文)$"));
/// Both roles in front of the same people: `文/图 本报记者 张三`, `文/摄 张三`.
static WROTE_AND_PHOTOGRAPHED_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(文\s*[/／·・]?\s*[图摄]|[图摄]\s*[/／·・]?\s*文)\s*[/／:：]?\s*(?P<who>.+)$")
});

/// The same with the roles in front: `文/张三 图/李四`, `文/本报记者 张三`,
/// `文：张三 摄影：李四`, `蹲点记者:张三(时政部记者)`, `拍摄者:本报记者 张三`.
static ROLES_IN_FRONT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(文|撰文|图文|作者|拍摄者?|摄影者?|\p{Han}{0,4}记者)\s*[/／:：]\s*(?P<writer>[^/／:：（(]+?)\s*([（(][^()（）]{1,16}[)）])?(\s+(图|摄影|摄)\s*[/／:：]\s*(?P<photographer>[^/／:：]+))?$",
    )
});

/// A byline that credits the text and the pictures glued after a
/// paragraph's last sentence (`…挂在空中。南国都市报记者 刘孙谋 文/图`):
/// where it opens, and the names.
pub fn closing_writer_credit(paragraph: &str) -> Option<(usize, Vec<String>)> {
    let paragraph = paragraph.trim_end();
    if !paragraph.ends_with(['图', '摄', '文']) {
        return None;
    }
    let open = after_last_sentence(paragraph, &['。', '！', '？', '”'])?;
    let tail = paragraph[open..].trim();
    if tail.len() > 60 || !tail.contains('文') {
        return None;
    }
    writer_credit(tail)
        .filter(|names| !names.is_empty())
        .map(|names| (open, names))
}

/// A byline that credits the text and the pictures: `张三/文 李四/图`,
/// `文/张三 图/李四`, `李四摄 张三文`, or the same people for both, `本报记者 高 凯 刘栓阳
/// 文/图`. Returns the personal names (the writers first).
pub fn writer_credit(line: &str) -> Option<Vec<String>> {
    if line.len() > 120 {
        return None;
    }
    let signed = |who: &str| {
        read_name_line(who)
            .filter(|l| !l.names.is_empty() && (l.all_personal || l.has_role))
            .map(|l| l.names)
    };
    // A symbol may stand before a byline (`□文/图 本报记者 张三`).
    let line = line.trim_start_matches(BYLINE_SYMBOLS).trim_start();
    if let Some(caps) = WROTE_AND_PHOTOGRAPHED_FIRST.captures(line) {
        return signed(&caps["who"]);
    }
    let role_first = line.starts_with(['文', '撰', '图', '作', '拍', '摄'])
        || line.contains("记者:")
        || line.contains("记者：");
    if role_first {
        let caps = ROLES_IN_FRONT.captures(line)?;
        let mut names = signed(&caps["writer"])?;
        if let Some(photographer) = caps.name("photographer") {
            names.extend(signed(photographer.as_str())?);
        }
        return Some(names);
    }
    if !line.ends_with(['图', '摄', '文']) {
        return None;
    }
    let both = [&WRITER_AND_PHOTOGRAPHER, &PHOTOGRAPHER_AND_WRITER]
        .into_iter()
        .find_map(|pattern| pattern.captures(line));
    if let Some(caps) = both {
        let mut names = signed(&caps["writer"])?;
        names.extend(signed(&caps["photographer"])?);
        return Some(names);
    }
    signed(&WROTE_AND_PHOTOGRAPHED.captures(line)?["who"])
}

/// A photo caption that ends in its credit:
/// `设在产业园内的人才咖啡驿站 陈立波 摄` → (`设在产业园内的人才咖啡驿站`, credit).
pub fn caption_with_credit(line: &str) -> Option<(String, Credit)> {
    if line.len() > 600 || !ends_like_credit(line) {
        return None;
    }
    let line = squeeze_spaces(line);
    // The credit in brackets after the caption: `图为比赛现场。（本报记者 冯十 摄）`.
    if let Some(open) = line
        .strip_suffix([')', '）'])
        .and_then(|body| body.rfind(['(', '（']))
    {
        let caption = line[..open].trim();
        if let Some(credit) = credit_line(&line[open..]).filter(|_| !caption.is_empty()) {
            return Some((caption.to_string(), credit));
        }
    }
    if let Some((at, credit)) = credit_after_last_sentence(&line) {
        let caption = &line[..at];
        let one_sentence = caption[..at - '。'.len_utf8()]
            .rfind(['。', '！', '？'])
            .is_none();
        // An arrow pointing to the photo makes a caption of any length.
        let pointed = line.starts_with(PHOTO_ARROWS);
        if pointed || (one_sentence && caption.chars().count() <= MAX_GLUED_CAPTION) {
            return Some((caption.trim_end().to_string(), credit));
        }
    }
    let caps = CREDIT_TAIL.captures(&line)?;
    // The credit is the tail of space-separated tokens that reads as names
    // (or one organisation); the caption is everything before it.
    let tokens: Vec<&str> = caps["who"].split(' ').collect();
    (1..tokens.len()).find_map(|start| {
        let credit = tokens[start..].join(" ");
        let mut names = credit_names(&credit, &caps["verb"])?;
        let mut caption = tokens[..start].join(" ");
        if read_name_line(&caption).is_some_and(|l| !l.names.is_empty()) {
            return None;
        }
        // The credit's first names may be glued to the caption's last
        // sentence (`…参加了初赛。通讯员张锦清 记者羊荣江 摄影报道`).
        if let Some(at) = after_last_sentence(&caption, &['。', '！', '？']) {
            let glued = credit_names(&format!("{} {credit}", &caption[at..]), &caps["verb"]);
            if let Some(more) = glued.filter(|more| more.len() > names.len()) {
                caption.truncate(at);
                names = more;
            }
        }
        let text = line[caption.len()..].trim().to_string();
        Some((caption, Credit { names, text }))
    })
}

/// Most characters of a photo caption: the longest of the captions held
/// is about 110. A longer paragraph is text, however it is placed (over a
/// byline, or wrapped past three lines in a narrow column).
pub const MAX_CAPTION_CHARS: usize = 150;

/// Whether a paragraph opens the way a photo caption does (`图为…`,
/// `上图：…`, `左图为…`).
pub fn opens_caption(text: &str) -> bool {
    let rest = text.trim_start_matches(['上', '下', '左', '右', '中']);
    text.len() - rest.len() <= 6 && ["图为", "图:", "图："].iter().any(|m| rest.starts_with(m))
}

/// What a dateline or wire credit at the head of a paragraph says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub names: Vec<String>,
    /// The paragraph after the dateline: where the story starts.
    pub rest: String,
}

/// A paper's, site's or app's full name, as it stands before `讯` in its
/// own dateline (`香港文汇报`, `…客户端`), or up to three such names apart
/// (`某某网 某某客户端`). It never holds `本`, so a headline's tail run into
/// `本报讯` (`行工作本报讯`) is not one.
pub const OUTLET_NAME: &str = r"(?:[\p{Han}&&[^本]]{2,12}?(?:报|网|客户端) ?){1,3}";

/// `本报讯`, or a paper's short name (`快报讯`, `海都讯`, `晨刊讯`; never holding
/// `本`: `…改变` + `本报讯` is a wrapped line's tail run into one) or full name
/// ([`OUTLET_NAME`]) before `讯`. `本报` or the full name may name the
/// place the report comes from (`本报南宁讯`, `南国早报南宁讯`), and may
/// be followed by `消息` instead (`【本报消息】`, `澳门日报消息`).
static LOCAL_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^((本报|{OUTLET_NAME})(\p{{Han}}{{2,3}}?)?(讯|消息)|[\p{{Han}}&&[^本]]{{1,3}}(报|都|刊)讯)"
    ))
});
/// Months and days are printed in Arabic or in Chinese numerals (`七月九日`);
/// the month may be left out (`本报合肥18日电`, `新华社六日讯`). A paper may
/// name itself and its app before the date (`长沙晚报掌上长沙4月1日讯`).
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(本报|\p{Han}{1,4}社|[\p{Han}&&[^本]]{2,6}?报)\p{Han}{0,10}?\s*((\d{1,2}|[一二三四五六七八九十〇]{1,3})\s*月\s*)?(\d{1,2}|[一二三四五六七八九十〇]{1,3})\s*日\s*(电|讯)\s*",
    )
});
/// The paper's dateline without a date (`本报海口电`, `本报北京专电`): a
/// place, or a place and a time of day, of two to four characters before
/// `电` or `专电`.
static UNDATED: LazyLock<Regex> = LazyLock::new(|| re(r"^本报\p{Han}{2,4}?专?电"));
/// A news site's or broadcaster's report (`央视网消息`, `人民网北京3月5日电`)
/// and the paper's roundup (`本报综合报道`).
static OUTLET_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(\p{Han}{1,5}[网台](\p{Han}{0,8}?((\d{1,2}|[一二三四五六七八九十〇]{1,3})\s*月\s*)?(\d{1,2}|[一二三四五六七八九十〇]{1,3})\s*日\s*电|消息)|本报综合(报道|消息))\s*[:：]?\s*",
    )
});
/// A place's report in round brackets, dated by the day or not, as Chinese
/// papers abroad open a story (`（槟城24日讯）`, `(新加坡讯)`). Most
/// paragraphs are asked for a dateline: the bracket is looked for first.
static PLACE_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[（(]\s*\p{Han}{2,6}?\s*((\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?\s*(讯|电)\s*[）)]\s*",
    )
});
static WIRE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^据\p{Han}{1,6}(社|报|网|台)(电|讯|消息|报道)?\s+"));
/// Reporters in round or lenticular brackets (`（记者 X）`, `【记者 X】`).
static PAREN_BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[（(]([^()（）]{2,40})[)）]|【([^【】]{2,40})】)\s*"));

static REPORTED: LazyLock<Regex> = LazyLock::new(|| re(r"报\s?道"));

/// Reporters glued to the dateline and to each other, up to `报道`:
/// `记者陈特安、李云飞报道:中华人民共和国…` → names, and the story after the
/// colon.
fn reported_by(after: &str) -> Option<Dateline> {
    let after = after.trim_start();
    let glue = |c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',');
    let has_role = |t: &str| strip_role(t).len() < t.len();
    // A role may stand behind its outlet, glued or wrapped apart from it
    // (`新闻报记者X、本报记者Y报道`, `新闻报 记者X`).
    let first = after.split(glue).next().unwrap_or_default();
    let outlet =
        !has_role(first) && first.chars().count() <= 6 && first.ends_with(['报', '社', '台', '网']);
    let after = if outlet {
        after[first.len()..].trim_start()
    } else {
        after
    };
    if !has_role(after) {
        return None;
    }
    // `报道` may be broken over two lines, joined by a space.
    let reported = REPORTED.find(after)?;
    let (end, after_end) = (reported.start(), reported.end());
    let head = &after[..end];
    if head.chars().count() > 40 || !head.chars().all(|c| is_han(c) || glue(c)) {
        return None;
    }
    let tokens: Vec<&str> = head.split(glue).map(strip_role).collect();
    let names = names_in(&tokens.join(" "));
    (!names.is_empty()).then(|| Dateline {
        names,
        rest: after[after_end..]
            .trim_start_matches([':', '：', ' '])
            .to_string(),
    })
}

/// Reads the byline a paragraph opens with: `本报讯 记者曾晨路 通讯员徐冬云报道
/// 日前,…`, `本报太原4月9日电 (记者付明丽)记者近日…`, `据新华社 …`.
/// What follows a paper's own dateline (`本报讯`, `快报讯 `, `海都讯（记者
/// X）`): a short name's must be set apart by a space, colon or bracket.
fn local_news(p: &str) -> Option<&str> {
    let Some(m) = LOCAL_NEWS.find(p) else {
        return news_by_reporters(p);
    };
    let rest = &p[m.end()..];
    let apart = rest.starts_with(|c: char| c.is_whitespace() || "：:（(【".contains(c));
    (m.as_str().starts_with("本报") || apart).then(|| {
        rest.trim_start()
            .trim_start_matches([':', '：'])
            .trim_start()
    })
}

/// Any short name before `讯` (an app's, `新天水讯`) is a dateline when
/// reporters in brackets follow it: what follows the name.
static NAMED_NEWS: LazyLock<Regex> = LazyLock::new(|| re(r"^[\p{Han}&&[^本]]{2,5}讯"));

fn news_by_reporters(p: &str) -> Option<&str> {
    let rest = &p[NAMED_NEWS.find(p)?.end()..];
    bracketed_reporters(rest)
        .is_some_and(|(names, role, _)| role && !names.is_empty())
        .then_some(rest)
}

/// Reporters opening a paragraph with no dateline before them: in brackets
/// with their role (`（本报记者 张三）近日…`), or up to `报道` (`记者 张三
/// 报道 近日…`).
fn opening_reporters(p: &str) -> Option<Dateline> {
    if let Some((names, role, rest)) = bracketed_reporters(p) {
        return (role && !names.is_empty() && !rest.is_empty()).then(|| Dateline {
            names,
            rest: rest.to_string(),
        });
    }
    reported_by(p)
}

/// Reporters in brackets opening a text (`（记者 张三、李四）…`): their
/// names, whether a role word stands among them, and the text after.
fn bracketed_reporters(text: &str) -> Option<(Vec<String>, bool, &str)> {
    let caps = PAREN_BYLINE.captures(text)?;
    let inner = caps.get(1).or(caps.get(2))?.as_str();
    let inner = inner.replace(['，', ',', '、'], " ");
    let role = ROLES.iter().any(|r| inner.contains(r));
    let rest = text[caps.get(0).map_or(0, |m| m.end())..].trim();
    // Writers and photographer told apart (`记者 X Y/文 Z/图`).
    let names = writer_credit(&inner).unwrap_or_else(|| names_in(&inner));
    Some((names, role, rest))
}

/// What follows the paper's undated dateline, when a space, a bracket, a
/// colon or the reporter's role sets it apart from the story (not more
/// words: `本报记者电话采访`).
pub fn undated(p: &str) -> Option<&str> {
    let rest = &p[UNDATED.find(p)?.end()..];
    let apart = rest.starts_with(|c: char| c.is_whitespace() || "：:（(【".contains(c))
        || ROLES.iter().any(|r| rest.starts_with(r));
    apart.then(|| rest.trim_start().trim_start_matches([':', '：']))
}

/// Traditional forms of the characters datelines and bylines are made of,
/// with their simplified forms: each pair is three bytes long in UTF-8, so
/// a head read in the simplified forms ends where the original's does.
const TRADITIONAL_HEAD: [(char, char); 8] = [
    ('報', '报'),
    ('訊', '讯'),
    ('電', '电'),
    ('記', '记'),
    ('員', '员'),
    ('據', '据'),
    ('攝', '摄'),
    ('習', '习'),
];

/// The text with the traditional forms of a head's characters simplified,
/// when one shows in its first dozen characters, as a traditional head does
/// (`本報訊`, `香港文匯報訊(記者…`); byte offsets stay those of the original.
pub fn simplified_head(text: &str) -> Option<String> {
    let simplified = |c: char| simplified_in(&TRADITIONAL_HEAD, c);
    text.chars()
        .take(12)
        .any(|c| simplified(c) != c)
        .then(|| text.chars().map(simplified).collect())
}

/// Reads the byline a paragraph opens with (see [`simplified_dateline`]),
/// also when the dateline stands in brackets (`【本报讯】`) or is printed in
/// traditional characters (`【本報訊】`, `香港文匯報訊(記者 X)`).
pub fn dateline(paragraph: &str) -> Option<Dateline> {
    let p = paragraph.trim();
    if let Some(bracketed) = p.strip_prefix(['【', '[']) {
        let (inner, rest) = bracketed.split_once(['】', ']'])?;
        return (inner.chars().count() <= 24)
            .then(|| dateline(&format!("{inner} {rest}")))
            .flatten();
    }
    read_head(p, |text| {
        simplified_dateline(text).map(|d| (d.names, d.rest))
    })
    .map(|(names, rest)| Dateline {
        names,
        rest: without_repeated_title(rest),
    })
}

/// What follows a dateline, without the headline the agency repeats after
/// it (`新华社济南4月17日电 题:…`): a title, with no sentence ended in it.
fn without_repeated_title(rest: String) -> String {
    let repeated = rest
        .strip_prefix('题')
        .is_some_and(|title| title.starts_with([':', '：']) && !title.contains(['。', '！', '？']));
    if repeated {
        String::new()
    } else {
        rest
    }
}

/// Reads a head with `read` (the names it gives and the text after it), in
/// simplified characters when the head is printed in traditional ones
/// ([`simplified_head`]); what was read comes back in the original's own
/// characters (`習`, not `习`): folding keeps every character's bytes, so
/// each part stands at the same place in both.
pub fn read_head(
    text: &str,
    read: impl Fn(&str) -> Option<(Vec<String>, String)>,
) -> Option<(Vec<String>, String)> {
    let Some(simple) = simplified_head(text) else {
        return read(text);
    };
    let (names, rest) = read(&simple)?;
    let rest = if simple.ends_with(&rest) {
        text[text.len() - rest.len()..].to_string()
    } else {
        rest
    };
    let names = names
        .into_iter()
        .map(|name| {
            simple
                .find(&name)
                .and_then(|at| text.get(at..at + name.len()))
                .map_or(name, str::to_string)
        })
        .collect();
    Some((names, rest))
}

fn simplified_dateline(p: &str) -> Option<Dateline> {
    let after = if let Some(rest) = local_news(p) {
        rest
    } else if let Some(m) = DATED.find(p) {
        &p[m.end()..]
    } else if let Some(rest) = undated(p) {
        rest
    } else if let Some(m) = OUTLET_NEWS.find(p) {
        &p[m.end()..]
    } else if let Some(m) = (p.starts_with(['（', '(']))
        .then(|| PLACE_NEWS.find(p))
        .flatten()
        .filter(|m| m.end() < p.len())
    {
        &p[m.end()..]
    } else if p.starts_with(['（', '(']) || ROLES.iter().any(|r| p.starts_with(r)) {
        return opening_reporters(p);
    } else if let Some(m) = WIRE.find(p) {
        return Some(Dateline {
            names: Vec::new(),
            rest: p[m.end()..].trim().to_string(),
        });
    } else {
        return None;
    };
    if let Some((names, role, rest)) = bracketed_reporters(after) {
        if !names.is_empty() || role {
            let rest = rest
                .trim_start_matches([':', '：'])
                .trim_start()
                .to_string();
            return Some(Dateline { names, rest });
        }
    }
    if let Some(reported) = reported_by(after) {
        return Some(reported);
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
        && !leads_in(text)
        && text.chars().filter(|&c| is_han(c)).count() >= 2
        // A date alone is when a notice or letter was signed.
        && !DATE.is_match(text)
}

/// A sentence of clauses that leads into what follows by a dash
/// (`然而，立冬时节的海口，却别有一番景象——`): a kicker ends in a dash
/// too, but holds one clause or two.
fn leads_in(text: &str) -> bool {
    text.ends_with(['—', '-']) && text.matches(['，', ',']).count() >= 2
}

/// The day a lead opens with (`6月14日，`, `12月19日至20日，`, `3月11日上午，`).
static LEAD_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{4}年)?\d{1,2}月\d{1,2}日"));

pub fn lead_day(text: &str) -> Option<&str> {
    LEAD_DAY.find(text).map(|m| m.as_str())
}

/// A line wholly in brackets under a headline (`（按事件发生时间为序）`): a
/// note on what follows, never the headline.
pub fn is_headline_note(text: &str) -> bool {
    text.starts_with(['（', '(']) && text.ends_with(['）', ')'])
}

/// A letter's salutation alone on its line (`编辑同志：`, `亲爱的读者朋友们：`).
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(亲爱的|尊敬的)?\p{Han}{0,4}(同志|先生|女士|编辑|编辑部|朋友|同学|老师|读者)们?\s*[:：]$")
});

pub fn is_salutation(line: &str) -> bool {
    line.len() <= 60 && SALUTATION.is_match(line)
}

/// A headline that asks or exclaims (`加快建设旅游强国，我们该怎么干？`):
/// one short sentence closed by its question or exclamation mark, with no
/// speaker's colon and no full stop.
pub fn is_question_headline(text: &str) -> bool {
    let count = text.chars().count();
    (6..=30).contains(&count)
        && text.ends_with(['?', '？', '!', '！'])
        && text
            .matches(['?', '？', '!', '！', '。', ':', '：'])
            .count()
            == 1
}

/// A headline printed as a quoted question or exclamation
/// (`“用电视机看电视怎么这么费劲?”`): it ends like a sentence, so only its
/// place over a byline tells it from a quoted line of the story.
pub fn is_quoted_headline(text: &str) -> bool {
    quotation(text).is_some_and(|inner| {
        (2..=30).contains(&inner.chars().count()) && inner.ends_with(['?', '？', '!', '！'])
    })
}

/// The words of a line that is one quotation and nothing else
/// (`“有了地图，不怕找不到厕所了”`): no sentence closes inside it, no other
/// quotation opens.
pub fn quotation(text: &str) -> Option<&str> {
    text.strip_prefix(['“', '「', '"'])
        .and_then(|t| t.strip_suffix(['”', '」', '"']))
        .filter(|inner| !inner.contains(['。', '“', '”', '「', '」']))
}

/// A standfirst point between a headline and its byline (`● 智能电视机…`).
pub fn is_standfirst_point(text: &str) -> bool {
    text.starts_with(['●', '◆']) && text.chars().count() > 12
}

/// A subhead inside an article is shorter still and has no clause breaks; a
/// short line with a comma is a paragraph broken by a column. A speaker may
/// head it behind a colon (`张三：促进经贸交流`): a short name's colon,
/// followed by words, never opens a broken paragraph's line.
pub fn is_subhead_shaped(text: &str) -> bool {
    let spoken = text
        .split_once(['：', ':'])
        .map_or(text, |(speaker, words)| {
            let named = (2..=6).contains(&speaker.chars().count()) && speaker.chars().all(is_han);
            if named && words.chars().count() >= 4 {
                words
            } else {
                text
            }
        });
    is_headline_shaped(text)
        && text.chars().count() <= 24
        && !spoken.contains([',', '，', '、', ';', '；', ':', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_sign_off_closes_their_note() {
        let note = "这几篇通讯写的是同一种风格。";
        for signed in ["   编者", "——编者", "（编者）", "(编者)", " 編者"] {
            assert_eq!(
                editors_sign_off(&format!("{note}{signed}")),
                Some(note.len())
            );
        }
        // The words in a sentence, or a note wholly in brackets, are no sign-off.
        assert_eq!(editors_sign_off("这是写给编者"), None);
        assert_eq!(editors_sign_off("他说：“好。”编者"), None);
        assert_eq!(editors_sign_off("（欢迎来函。——编者）"), None);
        assert_eq!(editors_sign_off("这是一句话，   编者"), None);
    }

    #[test]
    fn editors_note_headings() {
        assert!(is_editors_note_heading("开栏的话"));
        assert!(is_editors_note_heading("【编者按】"));
        assert!(!is_editors_note_heading("开栏的话很长"));
    }

    proptest::proptest! {
        /// The look at the first two characters never turns away an
        /// editors' note the pattern reads.
        #[test]
        fn the_editors_note_lead_keeps_every_note(line in "[【\\[（(编者按的话开栏后语】\\]）) ：:正文]{0,10}") {
            if EDITOR_NOTE.is_match(&line) {
                proptest::prop_assert!(is_editors_note(&line));
            }
        }
    }

    #[test]
    fn debris_and_furniture() {
        assert!(is_debris("口"));
        assert!(is_debris("RI"));
        assert!(is_debris("■ ■"));
        assert!(is_debris("口 ■"));
        assert!(is_debris("口 口 Ｔ2"));
        assert!(is_debris("丨■"));
        assert!(!is_debris("■好人"));
        assert!(!is_debris("高 凯"));
        // One character repeated, spaced out: no name repeats its surname.
        assert!(is_debris("口  口"));
        assert!(!is_debris("高 高凯"));
        assert!(!is_debris("周洁"));
        assert!(is_debris("ADVERTISEMENT"));
        assert!(is_debris("WORKERS' DAILY"));
        assert!(!is_debris("APEC峰会"));
        assert!(!is_debris("NBA总决赛"));
        assert!(is_masthead_marker("2024年3月4日 星期一 甲辰年正月廿四"));
        assert!(is_masthead_marker("总第12604号"));
        assert!(is_masthead_marker("2022年5月30日 第434期"));
        assert!(!is_masthead_marker("2022年5月30日出版的第434期"));
        assert!(is_masthead_marker(
            "国内统一连续出版物号:CN33—0018 邮发代号:31—2"
        ));
        assert!(!is_masthead_marker(
            "3月1日,挪威工业和能源工会代表团应邀来浙访问。"
        ));
        assert!(is_editor_line("本版责编:李智勇 徐 阳 罗阳奇"));
        assert!(is_editor_line("责任编辑：张三"));
        assert!(is_editor_line("责任编辑孙立组版王敏"));
        assert!(is_editor_line("策划:摄影美术部"));
        assert!(is_editor_line("策 划：陈 磊"));
        // The layout editor, and a footer whose spaced names were closed up.
        assert!(is_editor_line("版式：刘洋"));
        assert!(is_editor_line("本版编辑李娜版式刘洋"));
        assert!(!is_editor_line("编辑部的记者与校对员一起工作"));
        assert!(!is_editor_line("主编说，这本书的编辑工作很辛苦"));
        assert!(!is_editor_line("责编们说，今年的版面更好看。"));
        assert!(is_page_number("第3版"));
        assert!(is_page_number("第三版"));
        // The section's name after a separator.
        assert!(is_page_number("第4版 · 军营观察"));
        assert!(is_page_number("第12版：经济新闻"));
        assert!(is_masthead_marker("京江晚报 2013.12.11 星期三"));
        // The day first, as papers abroad print it.
        assert!(is_masthead_marker("25.10.2025 星期六 I 乙巳年九月初五"));
        assert!(is_masthead_marker("一九八四年五月二十九日 星期二 第二版"));
        assert!(!is_masthead_marker("2013.12.11"));
        assert!(is_editor_line("責任編輯：曹思遠 版面設計：袁耀誠"));
        assert!(may_open_editor_line(Some('責')));
        assert!(is_contents_label("本期导读"));
        assert!(is_contents_label("要闻导读"));
        assert!(is_contents_label("■本期要目"));
        assert!(is_contents_label("今日要目"));
        assert!(is_contents_label("本报今日要目"));
        assert!(is_question_headline("加快建设旅游强国，我们该怎么干？"));
        assert!(!is_question_headline("记者：您怎么看？"));
        assert!(!is_question_headline("他走了。你呢？"));
        assert!(is_bracketed_source("（新华社）"));
        assert!(is_bracketed_source("(据新华社电)"));
        assert!(!is_bracketed_source("（试行）"));
        assert!(is_notice_label("更正"));
        assert!(is_notice_label("■征文启事"));
        assert!(is_notice_label("毛主席语录"));
        assert!(is_notice_label("【天气预报】"));
        assert!(!is_notice_label("更正了错误的做法"));
        let box_lines = [
            "各地藏汉族人民欢庆自治区成立 （二版）",
            "山南农区青稞长势喜人 （三版）",
            "越南南方军民连续歼敌 （四版）",
            "正文一二三四五六七八九十",
            "正文一二三四五六七八九十",
            "正文一二三四五六七八九十",
        ];
        assert_eq!(contents_box_len(box_lines), 3);
        // Pages printed after the titles, without `版`; and a box that
        // points nowhere over a page without blank lines.
        let box_lines = ["某地召开工作会议 02", "某厂提前完成任务 03"];
        let text = ["正文一二三四五六七八九十"; 20];
        assert_eq!(contents_box_len(box_lines.into_iter().chain(text)), 2);
        assert_eq!(contents_box_len(text), 0);
        assert!(is_notice("中共西藏工委机关报"));
        assert!(is_notice("中国共产党中央委员会机关报"));
        assert!(is_notice("科技日报•深瞳工作室出品"));
        assert!(!is_notice("这部影片由三家公司联合出品"));
        assert!(!is_notice(
            "这份报纸曾是中共西藏工委的机关报，创刊于一九五六年"
        ));
        assert!(!is_contents_label("本期导读说明了什么问题"));
        assert!(is_box_label("核心阅读"));
        assert!(!is_box_label("核心阅读是什么"));
    }

    #[test]
    fn every_unified_ideograph_is_a_letter() {
        assert!(('\u{4E00}'..='\u{9FFF}').all(char::is_alphanumeric));
    }

    #[test]
    fn every_editor_role_opens_with_an_initial_the_gate_lets_through() {
        for role in EDITOR_ROLES {
            assert!(role.starts_with(EDITOR_ROLE_INITIALS), "{role}");
        }
    }

    #[test]
    fn every_label_opens_with_a_character_the_gate_lets_through() {
        let briefs = [
            "新闻简报",
            "要闻简报",
            "简讯",
            "快讯",
            "简报",
            "短讯",
            "图片新闻",
        ];
        assert_eq!(column_label("新华微评").as_deref(), Some("新华微评"));
        assert_eq!(column_label("人民时评").as_deref(), Some("人民时评"));
        assert_eq!(column_label("这篇时评写得很好"), None);
        for label in GENRE_LABELS.iter().chain(&briefs) {
            assert!(
                may_be_label(label.chars().next(), label.chars().last()),
                "{label}"
            );
            assert!(column_label(label).is_some() || brief_label(label).is_some());
        }
        for role in EDITOR_ROLES {
            assert!(may_open_editor_line(role.chars().next()), "{role}");
        }
    }

    #[test]
    fn two_headline_lines_join_unless_a_shape_tells_them_apart() {
        assert!(may_join_heads([
            "美国国会推翻里根的否决",
            "通过对南非实行制裁法案"
        ]));
        assert!(may_join_heads([
            "“用电视机看电视怎么这么费劲？”",
            "记者调查智能电视使用“套路”"
        ]));
        // A page's label over the headline; a note's heading under a line.
        assert!(!may_join_heads(["百姓热线", "污水管道该治理"]));
        assert!(!may_join_heads([
            "《柚都平和》—平和人自己的报纸",
            "开栏的话"
        ]));
        // An epigraph, a dash subtitle, a couplet.
        assert!(!may_join_heads([
            "风雨共青路",
            "不怕的人面前才有路。——鲁迅"
        ]));
        assert!(!may_join_heads([
            "一点一滴地做工作",
            "——南京皮革厂工会的经验"
        ]));
        assert!(!may_join_heads([
            "街道投入资金改造老旧小区",
            "居民齐添力 老巷大变样"
        ]));
    }

    #[test]
    fn column_labels() {
        assert_eq!(column_label("RI民生观").as_deref(), Some("民生观"));
        assert_eq!(column_label("RI一线探民生").as_deref(), Some("一线探民生"));
        assert_eq!(column_label("【今日谈】").as_deref(), Some("今日谈"));
        assert_eq!(column_label("■ 记者观察").as_deref(), Some("记者观察"));
        assert_eq!(column_label("■郑蜀炎"), None);
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
        // Photographers' names run together before the verb.
        assert_eq!(
            closing_credit("准备过大年。张鹏董冠男高梓健摄").unwrap(),
            vec!["张鹏", "董冠男", "高梓健"]
        );
        // One photographer behind a role with a longer (Mongolian) name.
        assert_eq!(
            credit_line("(内蒙古日报社融媒体记者巴依斯古楞摄)")
                .unwrap()
                .names,
            vec!["巴依斯古楞"]
        );
        assert_eq!(
            credit_line("（本报记者 巴依斯古楞 摄）").unwrap().names,
            vec!["巴依斯古楞"]
        );
        assert_eq!(
            credit_line("李志军摄(新华社发)").unwrap().names,
            vec!["李志军"]
        );
        assert!(credit_line("鹿城区南汇街道供图").unwrap().names.is_empty());
        assert_eq!(
            credit_line("（新华社记者 王小明 摄）").unwrap().names,
            vec!["王小明"]
        );
        assert_eq!(
            credit_line("(武汉晚报 邱焰 摄)").unwrap().names,
            vec!["邱焰"]
        );
        assert!(credit_line("武汉晚报 摄").is_none());
        assert_eq!(
            credit_line("曹建雄摄/光明图片").unwrap().names,
            vec!["曹建雄"]
        );
        assert!(credit_line("他们在现场拍摄").is_none());
        assert_eq!(credit_line("通讯员 陈军/摄").unwrap().names, ["陈军"]);
        assert_eq!(credit_line("特约摄影 沈果").unwrap().names, ["沈果"]);
        assert!(credit_line("摄影爱好者们").is_none());
        // An arrow points a caption of two sentences to its photo.
        let (caption, credit) = caption_with_credit(
            "▲近日，农户正在收获红薯。该乡大力发展红薯产业，助力乡村振兴。特约摄影 吕华",
        )
        .unwrap();
        assert!(caption.ends_with("振兴。"));
        assert_eq!(credit.names, ["吕华"]);
        assert_eq!(
            closing_credit("图为游客正在体验滑雪。曹建雄摄/光明图片").unwrap(),
            vec!["曹建雄"]
        );
        assert!(closing_credit("他拿出相机拍了一张图。").is_none());
        assert!(closing_credit("图为公园一角。鹿城区南汇街道供图").is_none());
        assert!(credit_line("设在产业园内的人才咖啡驿站 陈立波 摄").is_none());
    }

    #[test]
    fn writer_and_photographer_bylines() {
        assert_eq!(
            writer_credit("本报记者 高 凯 刘栓阳 李伟彬 文/图").unwrap(),
            vec!["高凯", "刘栓阳", "李伟彬"]
        );
        // The reporters took the photos too.
        assert_eq!(writer_credit("文/摄 本报记者 王明").unwrap(), vec!["王明"]);
        assert_eq!(
            writer_credit("记者 王明 通讯员 李静 沈燕 文/摄").unwrap(),
            vec!["王明", "李静", "沈燕"]
        );
        assert_eq!(
            writer_credit("张三/文 李四/图").unwrap(),
            vec!["张三", "李四"]
        );
        assert_eq!(writer_credit("王小明 图文").unwrap(), vec!["王小明"]);
        assert_eq!(
            writer_credit("李四摄 张三文").unwrap(),
            vec!["张三", "李四"]
        );
        assert_eq!(writer_credit("王小明 文").unwrap(), vec!["王小明"]);
        assert_eq!(writer_credit("文·图/王小明").unwrap(), vec!["王小明"]);
        assert_eq!(writer_credit("◎ 王小明 文").unwrap(), vec!["王小明"]);
        assert!(writer_credit("这是一篇散文").is_none());
        assert!(writer_credit("图文并茂的报道").is_none());
        assert_eq!(
            writer_credit("拍摄者:本报记者 张方志").unwrap(),
            vec!["张方志"]
        );
        assert!(writer_credit("拍摄地点:胜利南路").is_none());
        assert!(writer_credit("一组图文").is_none());
        assert_eq!(
            writer_credit("文/张三 图/李四").unwrap(),
            vec!["张三", "李四"]
        );
        assert_eq!(writer_credit("文/本报记者 王小明").unwrap(), vec!["王小明"]);
        assert_eq!(
            writer_credit("文：张三 摄影：李四").unwrap(),
            vec!["张三", "李四"]
        );
        assert_eq!(
            writer_credit("蹲点记者:竺捷(时政要闻部记者)").unwrap(),
            vec!["竺捷"]
        );
        assert!(writer_credit("记者:这次活动有什么特点?").is_none());
        assert!(writer_credit("文/图 来源于网络").is_none());
        assert_eq!(
            writer_credit("□文/图 本报记者 尹晓玉").unwrap(),
            vec!["尹晓玉"]
        );
        assert_eq!(
            writer_credit("图/文 张三 李四").unwrap(),
            vec!["张三", "李四"]
        );
        assert!(writer_credit("文化/旅游").is_none());
        assert!(writer_credit("谷向荣 江维海 摄").is_none());
        assert!(writer_credit("民生工程/文 建设忙/图").is_none());
    }

    #[test]
    fn caption_openings() {
        assert!(opens_caption("图为：1957年10月15日，武汉长江大桥通车。"));
        assert!(opens_caption("左上图：游客在赏花。"));
        assert!(!opens_caption("图书馆今天开放。"));
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
        let (text, credit) =
            caption_with_credit("龙潭村老中青三代扒龙舟。广州日报全媒体记者夏强、廖靖文摄")
                .unwrap();
        assert_eq!(text, "龙潭村老中青三代扒龙舟。");
        assert_eq!(credit.names, vec!["夏强", "廖靖文"]);
        // Several sentences before a glued credit are photo news, not a caption.
        assert!(caption_with_credit(
            "6月11日,记者途经南滨路时看到井盖损坏严重。希望尽快更换。本报记者 肖金雄 摄"
        )
        .is_none_or(|(text, _)| text.contains("6月11日")));
        // The credit's first names glued to the last sentence.
        let (text, credit) = caption_with_credit(
            "市总工会主办了歌唱比赛。近日，选手参加了初赛。通讯员张锦清 记者羊荣江 摄影报道",
        )
        .unwrap();
        assert_eq!(text, "市总工会主办了歌唱比赛。近日，选手参加了初赛。");
        assert_eq!(credit.names, vec!["张锦清", "羊荣江"]);
        let (text, credit) = caption_with_credit("图为比赛现场。（本报记者 冯十 摄）").unwrap();
        assert_eq!(text, "图为比赛现场。");
        assert_eq!(credit.names, vec!["冯十"]);
        assert_eq!(credit.text, "本报记者 冯十 摄");
        // A photo desk's photographer, by a pen name.
        let (text, credit) =
            caption_with_credit("汉阳琴断口。 长江日报城市摄影队 哈喽马里奥 摄").unwrap();
        assert_eq!(text, "汉阳琴断口。");
        assert_eq!(credit.names, vec!["哈喽马里奥"]);
        assert_eq!(
            credit_line("吕依霖 摄影报道").unwrap().names,
            vec!["吕依霖"]
        );
        // An organisation that is not a photo desk gives no pen names.
        assert!(credit_line("人才咖啡驿站 马里奥 摄").is_none());
    }

    #[test]
    fn datelines() {
        let d = dateline("本报讯 记者曾晨路 通讯员徐冬云报道 日前,2024年衢州市").unwrap();
        assert_eq!(d.names, vec!["曾晨路", "徐冬云"]);
        assert_eq!(d.rest, "日前,2024年衢州市");
        let d = dateline("本报太原4月9日电 (记者付明丽)记者近日从山西省人社厅获悉").unwrap();
        assert_eq!(d.names, vec!["付明丽"]);
        assert_eq!(d.rest, "记者近日从山西省人社厅获悉");
        let d = dateline("本报海口电记者鲍洪俊报道：记者近日看到").unwrap();
        assert_eq!(
            (d.names, d.rest.as_str()),
            (vec!["鲍洪俊".to_string()], "记者近日看到")
        );
        assert!(dateline("本报记者电话采访了他").is_none());
        assert!(dateline("据新华社讯 北京、天津、重庆等地").is_some());
        // A bracket of one byte before characters of three.
        assert!(dateline("[报讯").is_none());
        let d = dateline("（本报记者 张三）近日，某市完成了改造").unwrap();
        assert_eq!(
            (d.names, d.rest.as_str()),
            (vec!["张三".to_string()], "近日，某市完成了改造")
        );
        let d = dateline("记者 张三 报道 近日，某市完成了改造").unwrap();
        assert_eq!(
            (d.names, d.rest.as_str()),
            (vec!["张三".to_string()], "近日，某市完成了改造")
        );
        assert!(dateline("记者近日走访了这里").is_none());
        assert!(dateline("（图为会场）近日").is_none());
        // A paper's own report by `消息`, in lenticular brackets.
        let d = dateline("【本报消息】北区七十四个社团举办活动。").unwrap();
        assert_eq!(d.rest, "北区七十四个社团举办活动。");
        assert!(dateline("【某某日报消息】某会新一届领导层昨访本报。").is_some());
        let d = dateline("央视网消息（记者 张三）：近日，某市").unwrap();
        assert_eq!(
            (d.names, d.rest.as_str()),
            (vec!["张三".to_string()], "近日，某市")
        );
        let d = dateline("人民网北京3月5日电（记者张三）近日").unwrap();
        assert_eq!(d.names, ["张三"]);
        assert_eq!(
            dateline("本报综合报道 近日，某市").unwrap().rest,
            "近日，某市"
        );
        // In brackets, and in traditional characters.
        let d = dateline("【本报讯】澳门大学新学年开始迁入").unwrap();
        assert_eq!(d.rest, "澳门大学新学年开始迁入");
        let d = dateline("【本報訊】電訊管理局局長表示").unwrap();
        assert_eq!(d.rest, "電訊管理局局長表示");
        let d = dateline("本報訊（記者 蘇榕蓉）逾千兩岸青年").unwrap();
        assert_eq!(
            (d.names, d.rest.as_str()),
            (vec!["蘇榕蓉".to_string()], "逾千兩岸青年")
        );
        let d = dateline("某某文汇报讯（记者 张三 福州报道）近日").unwrap();
        assert_eq!((d.names, d.rest.as_str()), (vec!["张三".into()], "近日"));
        let d = dateline("某某文匯報訊（記者 習小明）近日").unwrap();
        assert_eq!(d.names, ["習小明"]);
        assert!(dateline("行工作本报讯 某区工会").is_none());
        assert!(is_masthead_marker("二O一三年五月十七日 星期五"));
        let d = dateline("据新华社 全国政协十四届二次会议").unwrap();
        assert!(d.names.is_empty());
        assert_eq!(d.rest, "全国政协十四届二次会议");
        let d = dateline("本报讯（记者 张三 通讯员 李四）昨天").unwrap();
        assert_eq!(d.names, vec!["张三", "李四"]);
        assert_eq!(d.rest, "昨天");
        assert!(dateline("据悉,为确保会市安全有序").is_none());
        assert!(dateline("本报记者在现场看到,工地上").is_none());
        assert!(dateline("据介绍,平台将通过整合").is_none());
        // A paper's short name before 讯, set apart from the story.
        let d = dateline("快报讯（记者 田雪亭 见习记者 张颖）昨天").unwrap();
        assert_eq!(d.names, vec!["田雪亭", "张颖"]);
        assert_eq!(dateline("海都讯 昨日上午").unwrap().rest, "昨日上午");
        // Reporters in lenticular brackets, behind a media group's brands;
        // an app's name before 讯 when reporters in brackets follow.
        let d = dateline("本报讯【新天水·天水日报记者马哲 王晓馨】7月26日").unwrap();
        assert_eq!(d.names, vec!["马哲", "王晓馨"]);
        assert_eq!(d.rest, "7月26日");
        let d = dateline("新天水讯【记者辛闻】7月12日至13日").unwrap();
        assert_eq!(d.names, vec!["辛闻"]);
        assert!(dateline("他们喜讯（连连）传来").is_none());
        // Writers and their photographer in the bracket.
        let d = dateline("本报讯 （记者 原晨瑜 林鹍鹏 唐屹超/文 张鹏远/图）1月26日").unwrap();
        assert_eq!(d.names, vec!["原晨瑜", "林鹍鹏", "唐屹超", "张鹏远"]);
        // The place the report comes from, after the paper's name.
        let d = dateline("南国早报南宁讯 （记者 张若凡）10月29日晚").unwrap();
        assert_eq!(d.names, vec!["张若凡"]);
        assert_eq!(d.rest, "10月29日晚");
        assert_eq!(dateline("本报南宁讯 昨日上午").unwrap().rest, "昨日上午");
        assert_eq!(dateline("本报合肥18日电 在淮北").unwrap().rest, "在淮北");
        // The headline the agency repeats after its dateline is no text.
        let d = dateline("新华社济南4月17日电 题:解锁“胜利”密码——写在发现60周年").unwrap();
        assert_eq!(d.rest, "");
        // A place's report in round brackets, as papers abroad print it.
        let d = dateline("（槟城24日讯）由马来西亚海南会馆联合会承办").unwrap();
        assert!(d.names.is_empty());
        assert_eq!(d.rest, "由马来西亚海南会馆联合会承办");
        assert_eq!(dateline("(新加坡讯)组屋楼下").unwrap().rest, "组屋楼下");
        assert!(dateline("（古晋十七日讯）").is_none());
        // A paper's dateline behind its name and its app's.
        let d = dateline("长沙晚报掌上长沙4月1日讯（全媒体记者 唐朝昭）疫情").unwrap();
        assert_eq!(d.names, vec!["唐朝昭"]);
        assert_eq!(d.rest, "疫情");
        // A special dispatch with no date (`本报北京专电`, `本报北京上午专电`).
        let d = dateline("本报北京上午专电 （实习生马明）").unwrap();
        assert_eq!(d.names, vec!["马明"]);
        assert_eq!(dateline("新华社六日讯 全国人大").unwrap().rest, "全国人大");
        assert!(dateline("商报讯息很多").is_none());
    }

    #[test]
    fn datelines_with_chinese_numerals_and_glued_reporters() {
        let d = dateline("本报北京七月九日讯记者廖先旺报道:今天下午,国务院").unwrap();
        assert_eq!(d.names, vec!["廖先旺"]);
        assert_eq!(d.rest, "今天下午,国务院");
        let d = dateline("本报费城10月30日电记者陈特安、李云飞报道:中华人民共和国").unwrap();
        assert_eq!(d.names, vec!["陈特安", "李云飞"]);
        assert_eq!(d.rest, "中华人民共和国");
        let d = dateline("本报曼谷8月13日电 记者刘正学、刘爱成报道：李鹏总理").unwrap();
        assert_eq!(d.names, vec!["刘正学", "刘爱成"]);
        assert_eq!(d.rest, "李鹏总理");
        // Another outlet's reporter first; `报道` broken over two lines.
        let d = dateline("本报上海2月13日电新闻报 记者蒋定国、本报记者萧关根报 道：上海").unwrap();
        assert_eq!(d.names, vec!["蒋定国", "萧关根"]);
        assert_eq!(d.rest, "上海");
        // A reporter's sentence that only mentions a report is no byline.
        let d = dateline("本报讯 记者近日从省里获悉，有关报道称").unwrap();
        assert!(d.names.is_empty());
        assert!(dateline("北京七月九日,天气晴").is_none());
    }

    #[test]
    fn page_labels_editors_and_contacts() {
        assert!(is_page_number("人民日报 国际 第3版"));
        assert!(is_page_number("5 综合"));
        assert!(is_page_number("A02 要闻"));
        assert!(is_page_number("A05 · 蹲点日记"));
        assert!(is_page_number("》》》上接01版"));
        assert!(is_page_number("下转第6版"));
        assert!(is_page_number("(下转第四版)"));
        assert!(is_page_number("A5 民生·热线"));
        assert!(is_page_number("中共固原地委机关报 第2版"));
        assert!(is_jump_out("(下转第四版)"));
        assert!(is_jump_out("转A3版"));
        assert!(!is_jump_out("》》》上接01版"));
        assert!(is_jump("（上接第1版）"));
        assert!(is_page_number("详见02~04版"));
        assert!(is_imprint("天津日报社出版 电话：二局三二五一"));
        assert!(is_imprint("沈阳军区政治部出版"));
        assert!(is_couplet("社区信息勤沟通 居民连心零距离"));
        assert!(!is_couplet("遇强不惧 百折不挠 团结一致 顽强拚搏"));
        assert!(!is_couplet("神枪手大比武鸣金收兵 田径场金牌战接近尾声"));
        assert!(!is_imprint("鲁迅全集新版出版"));
        assert!(is_masthead_marker("第六二一八号今日四版"));
        assert!(is_masthead_marker("今日四版第一万二千六百号"));
        assert!(!is_masthead_marker("今日四版"));
        assert!(is_imprint("正報社出版 零售每份澳門幣伍元"));
        assert!(is_imprint("中共鞍山市委機關報 鞍山日報社出版"));
        assert!(!is_imprint("人民出版社出版了这本书"));
        assert!(is_imprint("东山矿工报社编印　本期四版"));
        assert!(!is_imprint("这本小册子由工会编印"));
        assert!(is_contact_line("傳真：2873 1906"));
        assert!(is_contact_line("本报社址：某某市 电话：二○三"));
        // An area code in brackets.
        assert!(is_contact_line("热线：（0754）8270000"));
        assert!(is_contact_line("投稿请寄本报评论部"));
        assert!(is_contact_line("读者来信请寄本报城市记忆版"));
        assert!(!is_contact_line("来信请求帮助的读者越来越多"));
        assert!(is_page_number("今日16版"));
        for notice in [
            "定价：1.50元",
            "广告许可证号：1234",
            "公众号：某某日报",
            "扫码关注",
            "RENMIN RIBAO",
            "PEOPLE'S DAILY",
            "www.example.com",
            "印刷：某某印刷厂",
            "地址:吉林省长春市火炬路1158号",
            "吉 林 日 报 社 版 权 所 有  未 经 授 权 禁 止 复 制",
        ] {
            assert!(is_notice(notice), "{notice}");
        }
        for text in [
            "印刷厂的工人们说",
            "公众号运营者表示",
            "NBA",
            "A股市场",
            "发行人称",
        ] {
            assert!(!is_notice(text), "{text}");
        }
        assert!(!is_contact_line("投稿人说，他请了三天假"));
        assert!(is_masthead_band("佛山报 一九五九年三月二十一日 第二版"));
        assert!(!is_masthead_band(
            "佛山报 一九五九年三月二十一日 工人们夺高产"
        ));
        assert!(!is_page_number("5个社区"));
        assert!(is_page_number("A4 端午特别报道"));
        assert!(is_page_number("05 特刊·我与报纸七十年"));
        assert!(is_page_number("第03版:城 事"));
        assert!(is_page_number("综合新闻 02"));
        assert!(is_page_number("要闻 A3"));
        assert!(!is_page_number("新增病例 5"));
        assert!(!is_page_number("第3版:城市更新让生活更美好"));
        assert!(!is_page_number("第3版的文章说明了问题。"));
        assert!(is_editor_line(
            "值班编委/张广 本版编辑/陈广江 美编/张新宇 文检/张一帅"
        ));
        assert!(is_editor_line("责任编辑/张红梅 见习编辑/王硕"));
        assert!(is_editor_line("本版责任编辑 何加正"));
        assert!(is_editor_line("(本版编辑 刘军)"));
        assert!(!is_editor_line("(编辑们说,今年更忙)"));
        assert!(is_contact_line("有奖新闻热线:88881111"));
        assert!(is_contact_line("新闻热线 0577-88888888 广告热线 88889999"));
        assert!(!is_contact_line("市民可拨打热线反映问题。"));
        assert!(is_contact_line("■ 本版热线:96706"));
        assert!(is_contact_line("廣告查詢 604-231-8998"));
        assert!(is_contact_line("热线电话:65233333"));
        assert!(is_contact_line("本报地址:本溪市 电话:2417"));
        assert!(is_contact_line("24小时生活热线：63082486"));
        // The editors after the hotline, on one line.
        assert!(is_contact_line(
            "新闻热线：3310000　责任编辑：冯 彬　美编：李 娜"
        ));
        assert!(!is_contact_line("新闻热线：3310000 市民反映问题"));
        // A role in traditional characters after a simplified one.
        assert!(is_editor_line("本版編輯：梁　穎　　美術：何嘉欣"));
        // A promo box's lines.
        assert!(is_notice("【扫码看海口】"));
        assert!(is_notice("扫描二维码，关注海口日报微信公众号"));
        assert!(!is_notice("扫描二维码支付已经普及。"));
        assert!(is_editor_line("视觉设计:王 晨"));
        assert!(is_editor_line("主编：唐莉 责编：覃静 美编：黄海"));
        assert!(!is_editor_line("主编这份报纸的是一位老报人。"));
        assert!(is_masthead_marker("第八六一号"));
        assert!(!is_masthead_marker("第八个年头"));
        assert!(is_debris("Ｔ2"));
    }

    #[test]
    fn contents_lines_end_in_their_pages() {
        assert!(is_contents_line("▲我市冬季供热全面启动…………2版"));
        assert!(is_contents_line("雁城金秋菊展开幕 （三版）"));
        assert!(is_contents_line("老读者的剪报本 >>06"));
        assert!(!is_contents_line(
            "记者日前从市委宣传部获悉，本报今年将改为四版"
        ));
        assert!(!is_contents_line("全市今年新建学校12所。"));
        assert!(is_page_number("本报今日四版"));
    }

    #[test]
    fn a_sentence_that_leads_in_by_a_dash_is_no_kicker() {
        assert!(!is_headline_shaped(
            "然而，立冬时节的海口，却别有一番景象——"
        ));
        assert!(is_headline_shaped("坚持人民至上，守护万家灯火——"));
    }

    #[test]
    fn headline_shapes() {
        assert!(is_headline_shaped("瓯海发放“新春礼包”助企稳岗"));
        assert!(is_headline_shaped("既有地方歇脚,更有服务暖心,还能参与治理"));
        assert!(is_headline_shaped(
            "聚焦高校毕业生、农民工、就业困难人员等重点群体——"
        ));
        assert!(!is_headline_shaped("“身为社区监察工作联络站成员，"));
        assert!(is_salutation("编辑同志："));
        assert!(is_salutation("亲爱的读者朋友们："));
        assert!(!is_salutation("记者问他的同志："));
        // A notice's date, alone under it.
        assert!(!is_headline_shaped("一九五○年五月二十五日"));
        assert!(is_headline_shaped("一九五○年的五月"));
        assert!(!is_headline_shaped("服务。"));
        assert!(is_subhead_shaped("打造温馨驿站 开展关爱服务"));
        assert!(!is_subhead_shaped("针对用工难题，瓯海将组织开展"));
        assert!(is_subhead_shaped("张三：促进经贸文化交流"));
        assert!(!is_subhead_shaped("他在会上说：我们要"));
        assert!(!is_subhead_shaped("张三：促进交流，加强合作"));
        assert!(is_quoted_headline("“用电视机看电视怎么这么费劲?”"));
        assert!(!is_quoted_headline("“看个电视怎么这么麻烦!”他说。"));
        assert!(!is_quoted_headline("“我们要知道。政府能提供哪些服务?”"));
        assert!(is_standfirst_point(
            "● 智能电视机虽然增加了观看节目的可选择范围"
        ));
    }
}
