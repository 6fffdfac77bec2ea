//! Datelines, bylines and credits on a flowing page: where a story opens
//! and who wrote it, a paragraph's closing byline or source, photo credits.

use std::sync::LazyLock;

use regex::Regex;

use super::re;
use crate::split::names::{
    is_familiar_name, is_personal_name, names_in, read_name_line, read_names_after_role,
    strip_role, ROLES,
};
use crate::split::rules;
use crate::split::text::{ends_sentence, may_be_han, opens_with};

const NUMERAL: &str = "[0-9〇○零一二三四五六七八九十]";

pub(super) static DATELINE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!("({NUMERAL}{{2,4}}年)?({NUMERAL}{{1,3}}月)?{NUMERAL}{{1,3}}日");
    re(&format!(
        r"^(?:[【\[]\s*(?:本刊|本报|\p{{Han}}{{1,6}}(?:社|报|台|网))\p{{Han}}{{0,8}}?(?:{date})?\s*(?:电|讯|专电|报道)\s*[】\]]|据?(?:本报|\p{{Han}}{{1,4}}社|[\p{{Han}}&&[^本]]{{2,6}}?报)\p{{Han}}{{0,8}}?{date}\s*(?:电|讯|专电)|(?:本报|本刊)(?:\p{{Han}}{{2,3}})?讯|[\p{{Han}}&&[^本]]{{1,3}}(?:报|都|刊)讯[\s:：]*|据\p{{Han}}{{1,6}}(?:社|报|网|台)(?:电|讯|消息|报道)?\s)"
    ))
});
pub(super) static REPORTER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:本报|新华社)?(?:特约|见习|实习)?(?:记者|通讯员)\s*([\p{Han}、，\s]{2,24}?)\s*报道\s*[:：]?",
    )
});
/// Reporters after a dateline without brackets or `报道`, each behind a
/// role, set apart by spaces (`记者张三 通讯员李四 近日…`).
static REPORTER_TOKENS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:(?:本报)?(?:特约|见习|实习)?(?:记者|通讯员)\s*\p{Han}{2,4}\s+){1,4}")
});
pub(super) static PAREN_NAMES: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[（(]([^()（）]{2,40})[)）]\s*"));
pub(super) static ROLE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{0,8}?(记者|通讯员|撰稿人?|读者|主持人?)\s*"));
pub(super) static WRITER_AND_PHOTOGRAPHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\p{Han}{2,4})\s*/\s*文\s*(\p{Han}{2,4})\s*/\s*图$"));
pub(super) static ORG_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]?\p{Han}{0,6}(记者|社|报)摄[)）]?$"));

/// An outlet's own dateline: a name, a date, `电` or `讯`
/// (`长江日报大武汉客户端10月2日讯`), or a paper's, site's or app's full
/// name ([`rules::OUTLET_NAME`]) and `讯` (`香港文汇报讯`, `…客户端讯`). What follows it is checked
/// apart (see [`outlet_dateline`]).
pub(super) static OUTLET_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:\p{{Han}}{{2,14}}?({NUMERAL}{{1,3}}月)?{NUMERAL}{{1,3}}日(电|讯)|{outlet}讯)",
        outlet = rules::OUTLET_NAME
    ))
});
/// Reporters in brackets opening a story, glued to its first words
/// (`（长江日报 记者刘睿彻）前晚…`).
pub(super) static BRACKETED_REPORTERS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[（(]\p{Han}{0,8}?\s*(?:特约|见习|实习)?(?:记者|通讯员)\s*([^()（）]{2,24}?)\s*[)）]")
});

/// Whether a paragraph opens with a dateline or a reporter's line.
pub(super) fn opens_story(text: &str) -> bool {
    story_head(text).is_some()
}

/// Whether a line opens a story: a wire or paper's dateline, or a
/// reporter's line, that may run on into the next line (`joined`: the two
/// lines' head; a short line may be a dateline's first part); an outlet's
/// own dateline or bracketed reporters on the line itself (their patterns
/// would read the tail of a wrapped line joined to the next line's
/// dateline as one).
/// `short`: whether the line has four characters or fewer; `may_open`:
/// whether [`may_open_story`] may hold for it; `wire_chars`: whether it
/// holds `电` or `讯` (or `電`, `訊`), as every outlet's dateline does (all asked by the
/// caller in its one pass over the line). A line whose head is printed in
/// traditional characters (`香港文匯報訊`, `（記者 X）`) is read in
/// simplified ones.
pub(super) fn line_opens_story(
    line: &str,
    joined: impl FnOnce() -> String,
    short: bool,
    may_open: bool,
    wire_chars: bool,
) -> bool {
    let bracketed = line.starts_with(['（', '(']);
    let simple = (wire_chars || bracketed)
        .then(|| rules::simplified_head(line))
        .flatten();
    let line = simple.as_deref().unwrap_or(line);
    let joined = || {
        let joined = joined();
        match simple {
            Some(_) => rules::simplified_head(&joined).unwrap_or(joined),
            None => joined,
        }
    };
    ((short || (may_open && may_open_story(line))) && wire_head(&joined()).is_some())
        || ((wire_chars || bracketed) && own_head(line).is_some())
}

/// Where the dateline or reporter's line a paragraph opens with ends, and
/// the reporters it names.
fn story_head(text: &str) -> Option<(usize, Vec<String>)> {
    wire_head(text).or_else(|| own_head(text))
}

/// The head of a paragraph that opens with a wire or paper's dateline or
/// a reporter's line (`本报记者X报道：`).
fn wire_head(text: &str) -> Option<(usize, Vec<String>)> {
    if !may_open_story(text) {
        return None;
    }
    if let Some(head) = DATELINE_HEAD.find(text) {
        return Some((head.end(), Vec::new()));
    }
    if let Some(rest) = rules::undated(text) {
        let head = text.len() - rest.len();
        return Some(
            REPORTER_HEAD
                .captures(rest)
                .and_then(names_at)
                .map_or((head, Vec::new()), |(end, names)| (head + end, names)),
        );
    }
    REPORTER_HEAD.captures(text).and_then(names_at)
}

/// The head of a paragraph that opens with an outlet's own dateline or
/// with its reporters in brackets.
fn own_head(text: &str) -> Option<(usize, Vec<String>)> {
    if let Some(end) = wire_near_start(text)
        .then(|| outlet_dateline(text))
        .flatten()
    {
        return Some((end, Vec::new()));
    }
    // The story's words must follow on the line: a bracket alone closes one.
    text.starts_with(['（', '('])
        .then(|| BRACKETED_REPORTERS.captures(text))
        .flatten()
        .filter(|caps| {
            caps.get(0)
                .is_some_and(|m| !text[m.end()..].trim().is_empty())
        })
        .and_then(names_at)
}

/// Where a head's match ends, and the names in its first group.
fn names_at(caps: regex::Captures) -> Option<(usize, Vec<String>)> {
    Some((caps.get(0)?.end(), names_in(&caps[1])))
}

/// The end of an outlet's dateline, when a space, a bracket, a colon or
/// the line's end follows it (not more words: `…2日电视台`).
fn outlet_dateline(text: &str) -> Option<usize> {
    let end = OUTLET_DATELINE.find(text)?.end();
    let next = text[end..].chars().next();
    next.is_none_or(|c| c.is_whitespace() || matches!(c, '（' | '(' | '【' | ':' | '：'))
        .then_some(end)
}

/// What every dateline or reporter's line opens with, checked before their
/// patterns run: a bracket, `据`, a role or `本报`, or an agency (`…社`) in
/// the first few characters.
pub(super) fn may_open_story(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| {
        matches!(
            c,
            '【' | '[' | '据' | '本' | '新' | '特' | '见' | '实' | '记' | '通'
        )
    }) || chars.take(4).any(|c| matches!(c, '社' | '讯' | '报'))
}

/// Whether `日电`, `日讯` or an outlet's `报讯`, `刊讯`, `网讯`, `端讯` stands
/// within a dateline's reach of the start.
fn wire_near_start(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(66)];
    let wire = |w: &[u8], before: &str, after: &str| {
        w.starts_with(before.as_bytes()) && &w[3..] == after.as_bytes()
    };
    head.windows(6).any(|w| {
        wire(w, "日", "电")
            || ["日", "报", "刊", "网", "端"]
                .iter()
                .any(|b| wire(w, b, "讯"))
    })
}

/// The names of a byline line (`大学生科技报记者 何亮`, `杨孝慈 任光明`); one
/// bare name only after a blank line (else it is the tail of a wrapped
/// headline: `长城全周影院建` / `成开业`).
pub(super) fn byline_names(line: &str, gap_before: bool) -> Option<Vec<String>> {
    // A photographer's credit, its verb glued on (`新华社记者 张彬摄`).
    if line.ends_with('摄') {
        return None;
    }
    // Name characters only, at most 30 (so the line cannot end a
    // sentence), read in one pass that also notes what the next checks ask.
    let (mut chars, mut parted, mut role_initial) = (0, false, false);
    for c in line.chars() {
        chars += 1;
        if chars > 30 || !is_name_char(c) {
            return None;
        }
        parted |= !may_be_han(c);
        role_initial |= matches!(c, '记' | '通' | '撰' | '读' | '主');
    }
    // One run of Han characters longer than a name, with no role word, is
    // text (most lines of a narrow column). Every role word opens with one
    // of the characters noted.
    if !parted && chars > 4 && !(role_initial && has_role_word(line)) {
        return None;
    }
    // A shorter run is one token, so one name at most: only a role word in
    // front of it or a blank line above it makes it a byline.
    if !parted && !role_initial && !gap_before && !ROLES.iter().any(|r| opens_with(line, r)) {
        return None;
    }
    // A word longer than a name, with no role to strip or cut off and no
    // credit's `/`, is a line of text set with a space (most such lines).
    if holds_long_word_without_role(line) {
        return None;
    }
    if let Some(caps) = line
        .contains('/')
        .then(|| WRITER_AND_PHOTOGRAPHER.captures(line))
        .flatten()
    {
        let names: Vec<String> = [&caps[1], &caps[2]]
            .into_iter()
            .filter(|n| is_personal_name(n))
            .map(str::to_string)
            .collect();
        return (!names.is_empty()).then_some(names);
    }
    // A writer's name over a poem or a drawing, signed `作` (`贡振宝 作`).
    let (line, signed_as_maker) = match line.strip_suffix('作') {
        Some(rest) if rest.ends_with(' ') => (rest.trim_end(), true),
        _ => (line, false),
    };
    let line = line.replace('、', " ");
    let bare = strip_role_prefix(without_words_and_pictures(&line));
    let had_role = signed_as_maker || bare.len() != line.len();
    // A role set apart vouches for the name behind it; glued on, it may
    // head a subhead (`记者核实`), so the surname must.
    let role_apart = signed_as_maker || line[..line.len() - bare.len()].ends_with(' ');
    let read = if had_role && role_apart {
        read_names_after_role(bare)?
    } else {
        read_name_line(bare)?
    };
    let signed =
        had_role || read.has_role || (read.all_personal && (read.names.len() >= 2 || gap_before));
    (!read.names.is_empty() && signed).then_some(read.names)
}

/// Whether a line of name characters holds a word (parted by white space
/// or `、`) of five characters or more, and neither `/` nor a character
/// a role word holds first or glued on (`本` `特` `见` `实` `通` `记` `读`
/// `摄` `撰` `主`). Then nothing in it is a role to strip, no word is cut
/// before a glued role or read as names run together, so that long word
/// is a token of its own, longer than any name, and the line no byline.
fn holds_long_word_without_role(line: &str) -> bool {
    let (mut run, mut long) = (0, false);
    for c in line.chars() {
        if matches!(
            c,
            '/' | '本' | '特' | '见' | '实' | '通' | '记' | '读' | '摄' | '撰' | '主'
        ) {
            return false;
        }
        if c.is_whitespace() || c == '、' {
            run = 0;
        } else {
            run += 1;
            long |= run > 4;
        }
    }
    long
}

/// The line without the credit for both words and pictures it opens with
/// (`图/文 记者 田悦`): the role before the names.
fn without_words_and_pictures(line: &str) -> &str {
    ["图/文", "文/图", "图／文", "文／图"]
        .iter()
        .find_map(|credit| line.strip_prefix(credit))
        .map_or(line, |rest| rest.trim_start())
}

/// A character a byline line may hold: Han characters (names and role
/// words), spaces, `、` and the `/` of `X/文 Y/图`.
pub(super) fn is_name_char(c: char) -> bool {
    may_be_han(c) || c.is_whitespace() || c == '/' || c == '、'
}

/// The role words a byline may carry.
const ROLE_WORDS: [&str; 5] = ["记者", "通讯员", "撰稿", "读者", "主持"];

/// Whether a role word a byline may carry stands in the line. One pass
/// over the characters compares the words only where one of their first
/// characters stands: cheaper on a short line than five searches, each set
/// up anew.
pub(super) fn has_role_word(line: &str) -> bool {
    line.char_indices().any(|(at, c)| {
        matches!(c, '记' | '通' | '撰' | '读' | '主')
            && ROLE_WORDS.iter().any(|role| line[at..].starts_with(role))
    })
}

/// The line without a role word and what stands before it
/// (`大学生科技报记者 何亮` → `何亮`).
pub(super) fn strip_role_prefix(line: &str) -> &str {
    match has_role_word(line)
        .then(|| ROLE_PREFIX.find(line))
        .flatten()
    {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// Reads the dateline or reporter's line a paragraph opens with: the
/// reporters named, and where the story starts. A head printed in
/// traditional characters is read in simplified ones.
pub(super) fn read_dateline(text: &str) -> Option<(Vec<String>, String)> {
    rules::read_head(text.trim(), read_simplified_dateline)
}

fn read_simplified_dateline(text: &str) -> Option<(Vec<String>, String)> {
    let mut rest = text;
    let (end, mut names) = story_head(rest)?;
    rest = rest[end..].trim_start_matches([' ', ':', '：']);
    if let Some(caps) = PAREN_NAMES.captures(rest) {
        let inner = names_in(&caps[1]);
        if !inner.is_empty() || caps[1].contains("记者") {
            names.extend(inner);
            rest = &rest[caps.get(0).map_or(0, |m| m.end())..];
        }
    } else if let Some(caps) = REPORTER_HEAD.captures(rest) {
        names.extend(names_in(&caps[1]));
        rest = &rest[caps.get(0).map_or(0, |m| m.end())..];
    } else if let Some(m) = REPORTER_TOKENS.find(rest) {
        let reporters = names_in(m.as_str());
        if !reporters.is_empty() {
            names.extend(reporters);
            rest = &rest[m.end()..];
        }
    }
    Some((names, rest.trim().to_string()))
}

pub(super) static CLOSING_NAMES: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(]([^()（）]{2,36})[)）]$|\s(\p{Han}{2,4}(?:\s\p{Han}{2,4}){0,3})$"));
pub(super) static CLOSING_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((^|\s)据\p{Han}{1,8}|\s*[（(]\p{Han}{1,8}(社|报|台|网)(驻\p{Han}{1,6})?(特约)?(记者|通讯员)?[)）])$",
    )
});

/// Whether a paragraph (given in parts, so that it need not be joined to
/// be asked) may end in a closing byline or source: both patterns end in a
/// bracket, or in Han characters after a space or `据`.
pub(super) fn may_close(parts: &[&str]) -> bool {
    let Some(last) = parts.last() else {
        return false;
    };
    ends_like_closing(last, || parts.iter().any(|p| holds_space_or_ju(p)))
}

/// [`may_close`] for a paragraph ending in `last`, with whether a part
/// holds a space or `据` asked (of `space_or_ju`) only when the end is a
/// Han character.
pub(super) fn ends_like_closing(last: &str, space_or_ju: impl FnOnce() -> bool) -> bool {
    let han_end = last.chars().next_back().is_some_and(may_be_han);
    last.ends_with([')', '）']) || (han_end && space_or_ju())
}

/// Whether a part holds a space or `据`. One pass over the bytes without
/// early exit, which the compiler turns into vector instructions, looks
/// for a space and for the last byte of `据`; only then is `据` searched.
fn holds_space_or_ju(part: &str) -> bool {
    let ju_last = *"据".as_bytes().last().unwrap_or(&0);
    let (space, ju_byte) = part.bytes().fold((false, false), |(space, ju), b| {
        (space | b.is_ascii_whitespace(), ju | (b == ju_last))
    });
    space || (ju_byte && part.contains('据'))
}

/// A paragraph's closing byline or source (`…份。 （杨季平）`, `…工作。 张庆龙`,
/// `…天。 据央视`, `（新华社）`): the names, and the paragraph without it.
pub(super) fn closing_byline(paragraph: &str) -> Option<(Vec<String>, String)> {
    if !may_close(&[paragraph]) {
        return None;
    }
    if let Some(m) = CLOSING_SOURCE.find(paragraph) {
        let before = paragraph[..m.start()].trim_end();
        if before.is_empty() || ends_sentence(before) {
            return Some((Vec::new(), before.to_string()));
        }
    }
    let caps = CLOSING_NAMES.captures(paragraph)?;
    let whole = caps.get(0)?;
    let before = paragraph[..whole.start()].trim_end();
    if !(before.is_empty() || ends_sentence(before)) {
        return None;
    }
    let inner = caps.get(1).or_else(|| caps.get(2))?.as_str();
    // A writer signing with a familiar name in brackets (`（小杰）`).
    if caps.get(1).is_some() && !before.is_empty() && is_familiar_name(inner) {
        return Some((vec![inner.to_string()], before.to_string()));
    }
    let names = names_in(inner);
    let all_names = inner
        .replace(['、', '，'], " ")
        .split_whitespace()
        .map(strip_role)
        .filter(|t| !t.is_empty())
        .all(is_personal_name);
    (!names.is_empty() && all_names).then(|| (names, before.to_string()))
}

/// A credit naming photographers behind a role (`新华社记者 王小明 摄`,
/// `（本报记者 刘强 摄）`).
pub(super) fn role_credit(text: &str) -> bool {
    let bare = text.trim_matches(['（', '）', '(', ')', ' ']);
    let Some(who) = bare
        .strip_suffix("摄影")
        .or_else(|| bare.strip_suffix('摄'))
    else {
        return false;
    };
    let who = strip_role_prefix(who.trim());
    who.len() < bare.len() && byline_names(who, true).is_some()
}

/// Whether a line ends in a bracketed photo credit (`（程伟光 摄）`).
pub(super) fn ends_in_bracketed_credit(text: &str) -> bool {
    text.ends_with([')', '）']) && BRACKET_CREDIT.is_match(text)
}

pub(super) static BRACKET_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(]([^()（）]{2,24})\s*摄[)）]$"));

/// Text ending in a bracketed photo credit (`…小女孩（程伟光 摄）`): the text
/// and the photographers.
pub(super) fn bracketed_credit(text: &str) -> Option<(String, Vec<String>)> {
    if !text.ends_with([')', '）']) {
        return None;
    }
    let caps = BRACKET_CREDIT.captures(text)?;
    let names = names_in(&caps[1]);
    let before = text[..caps.get(0)?.start()].trim().to_string();
    (!names.is_empty()).then_some((before, names))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The cheap looks taken before the patterns never turn away a line
        /// that a pattern would read.
        #[test]
        fn cheap_checks_keep_every_match(
            line in "[据本新华社刊记者通讯员特约见习【】\\[\\]（）() 北京日电讯一二三月0-9张李明、。，编按开栏的话后：:]{0,14}"
        ) {
            if DATELINE_HEAD.is_match(&line) || REPORTER_HEAD.is_match(&line) {
                prop_assert!(may_open_story(&line));
            }
            if CLOSING_SOURCE.is_match(&line) || CLOSING_NAMES.is_match(&line) {
                prop_assert!(may_close(&[line.as_str()]));
            }
        }
    }

    #[test]
    fn datelines_in_chinese_numerals_and_brackets() {
        // A paper's short name before `讯`, glued to the text.
        let (names, rest) = read_dateline("晨刊讯近期，来安县水口镇").unwrap();
        assert!(names.is_empty());
        assert_eq!(rest, "近期，来安县水口镇");
        let (names, rest) = read_dateline("新华社一九七三年三月二十六日讯 国务院总理").unwrap();
        assert!(names.is_empty());
        assert_eq!(rest, "国务院总理");
        let (names, rest) =
            read_dateline("据新华社平壤6月27日电（记者张锦芳、李拯宇）朝鲜民主").unwrap();
        assert_eq!(names, ["张锦芳", "李拯宇"]);
        assert_eq!(rest, "朝鲜民主");
        let (names, rest) = read_dateline("本报讯 记者张三 通讯员李四 近日，某市").unwrap();
        assert_eq!(
            (names, rest.as_str()),
            (vec!["张三".into(), "李四".into()], "近日，某市")
        );
        // The paper may name the place the report comes from; its
        // correspondent (`通讯员`) is no place.
        let (names, rest) = read_dateline("本报汕头讯 （记者陈正新）昨日，汕头市").unwrap();
        assert_eq!(
            (names, rest.as_str()),
            (vec!["陈正新".into()], "昨日，汕头市")
        );
        let (names, rest) = read_dateline("本报通讯员王小明报道：今天").unwrap();
        assert_eq!((names, rest.as_str()), (vec!["王小明".into()], "今天"));
        assert_eq!(read_dateline("本报通讯员 王小明 今天"), None);
        let (names, rest) = read_dateline("本报讯 记者近日走访 了这里").unwrap();
        assert_eq!((names.len(), rest.as_str()), (0, "记者近日走访 了这里"));
        let (names, rest) = read_dateline("本报鞍山18日电 记者陈迹、金雨困报道：我国").unwrap();
        assert_eq!(names, ["陈迹", "金雨困"]);
        assert_eq!(rest, "我国");
        let (_, rest) = read_dateline("【法新社北京十二日电】北京报纸").unwrap();
        assert_eq!(rest, "北京报纸");
        let (_, rest) = read_dateline("【南京日报报道】树更绿了").unwrap();
        assert_eq!(rest, "树更绿了");
        assert!(read_dateline("新华社的电讯具有非常重要的意义。").is_none());
        // An outlet's own dateline, and reporters in brackets opening a story.
        let (names, rest) =
            read_dateline("长江日报大武汉客户端10月2日讯（见习记者李阳）国庆长假").unwrap();
        assert_eq!(names, ["李阳"]);
        assert_eq!(rest, "国庆长假");
        assert!(read_dateline("截至10月2日电视台已经播出").is_none());
        // A paper's full name before `讯`, in either script; names keep
        // their own characters.
        let (names, rest) = read_dateline("某某文汇报讯（记者 张三 福州报道）近日").unwrap();
        assert_eq!((names, rest.as_str()), (vec!["张三".into()], "近日"));
        let (names, rest) = read_dateline("某某文匯報訊（記者 習小明）近日").unwrap();
        let traditional_reporters = "（記者 蘇小明）近日";
        assert!(line_opens_story(
            traditional_reporters,
            String::new,
            false,
            true,
            false
        ));
        assert_eq!((names, rest.as_str()), (vec!["習小明".into()], "近日"));
        assert!(read_dateline("某某文汇报讯员").is_none());
        // Outlets named apart: a site and its app.
        let (_, rest) = read_dateline("某某网 某某客户端讯 长江水位回落").unwrap();
        assert_eq!(rest, "长江水位回落");
        let (names, rest) = read_dateline("（长江日报 记者刘睿彻）前晚清理").unwrap();
        assert_eq!(names, ["刘睿彻"]);
        assert_eq!(rest, "前晚清理");
    }

    #[test]
    fn a_line_opens_a_story_with_its_own_head_only_on_itself() {
        let opens = |line: &str, next: &str| {
            let wire_chars = line.contains(['电', '讯']);
            let short = line.chars().count() <= 4;
            line_opens_story(line, || format!("{line}{next}"), short, true, wire_chars)
        };
        // The tail of a wrapped headline over a wire dateline is no dateline.
        assert!(!opens("报告", "据新华社24日讯 首都"));
        assert!(opens("据新华", "社24日讯 首都"));
        // Nor is it an outlet's name run into `本报讯`.
        assert!(!opens("行工作", "本报讯 某区工会"));
        // Nor is a short wrap's tail (`…状况正在` / `改变`) run into it.
        assert!(!opens("改变", "本报讯 记者龚永泉报道：江苏省扬"));
        assert!(!opens("行工作本报讯 某区工会", ""));
        assert!(opens("某某都市报讯 某区工会", ""));
        // A closing bracket with no story after it closes the story before.
        assert!(!opens("（记者 张三）", "下一条标题"));
        assert!(opens("（记者张三）昨天上午", ""));
    }

    #[test]
    fn closing_bylines_and_sources() {
        let (names, before) = closing_byline("份数将达到3000多份。 （杨季平）").unwrap();
        assert_eq!(names, ["杨季平"]);
        assert_eq!(before, "份数将达到3000多份。");
        let (names, _) = closing_byline("具体的工作。 张庆龙").unwrap();
        assert_eq!(names, ["张庆龙"]);
        let (names, before) = closing_byline("间隔14天。 据央视").unwrap();
        assert!(names.is_empty());
        assert_eq!(before, "间隔14天。");
        assert!(closing_byline("这是一个（括号里的话）").is_none());
        let (names, _) = closing_byline("蝉联文化强县荣誉。（小杰）").unwrap();
        assert_eq!(names, ["小杰"]);
        assert!(closing_byline("荣誉。（小组赛第一轮）").is_none());
        // A long employer before the reporters' roles and names.
        let (names, before) = closing_byline(
            "这都是交警应该做的。（洛阳日报报业集团全媒体见习记者 寇玺 记者 马菁华）",
        )
        .unwrap();
        assert_eq!(names, ["寇玺", "马菁华"]);
        assert_eq!(before, "这都是交警应该做的。");
        // The paper's reporters left unnamed close it as a source does.
        let (names, before) = closing_byline("皆大欢喜。 （本报驻南京记者）").unwrap();
        assert!(names.is_empty());
        assert_eq!(before, "皆大欢喜。");
    }

    proptest! {
        /// A line with a long word and no role's character is never read
        /// as a byline.
        #[test]
        fn a_long_word_without_a_role_is_no_byline(
            line in "[王小明李张欧阳一二三四五六七八九记者通讯员本报特约见习实习生读摄影撰稿主持新华社作文图/、 ]{0,16}"
        ) {
            if holds_long_word_without_role(&line) {
                prop_assert!(byline_names(&line, false).is_none());
                prop_assert!(byline_names(&line, true).is_none());
            }
        }
    }

    proptest! {
        /// The one pass finds a role word wherever a search finds it.
        #[test]
        fn role_words_are_found_as_a_search_finds_them(line in "[记者通讯员撰稿读主持人王 ]{0,10}") {
            let searched = ROLE_WORDS.iter().any(|role| line.contains(role));
            prop_assert_eq!(has_role_word(&line), searched);
        }
    }

    #[test]
    fn role_words_open_with_the_characters_looked_for() {
        for role in ROLE_WORDS {
            assert!(role.starts_with(['记', '通', '撰', '读', '主']), "{role}");
        }
    }

    #[test]
    fn bylines_and_credits_of_several_shapes() {
        assert_eq!(
            byline_names("本报记者 张三、李四", false).unwrap(),
            ["张三", "李四"]
        );
        assert_eq!(byline_names("读者 王小明", false).unwrap(), ["王小明"]);
        assert_eq!(
            byline_names("张三/文 李四/图", false).unwrap(),
            ["张三", "李四"]
        );
        assert!(byline_names("成开业", false).is_none());
        assert_eq!(byline_names("图/文 记者 田悦", false).unwrap(), ["田悦"]);
        assert_eq!(byline_names("贡振宝 作", false).unwrap(), ["贡振宝"]);
        assert!(byline_names("合作", false).is_none());
        // A glued role vouches for a surname's name only.
        assert_eq!(byline_names("记者王小明", false).unwrap(), ["王小明"]);
        assert!(byline_names("记者核实", false).is_none());
        assert_eq!(byline_names("记者 禤浩", false).unwrap(), ["禤浩"]);
        assert!(role_credit("新华社记者 王小明 摄"));
        assert!(role_credit("（本报记者 刘强 摄）"));
        let (names, _) = closing_byline("工作。（记者 张三）").unwrap();
        assert_eq!(names, ["张三"]);
        let (names, rest) = read_dateline("本报讯 通讯员王五、记者赵六报道：昨天").unwrap();
        assert_eq!(names, ["王五", "赵六"]);
        assert_eq!(rest, "昨天");
    }
}
