//! Line kinds of a flowing page: each line cleaned and read as furniture,
//! a label, an opener, a byline, a photo credit or text; furniture known by
//! its place; the column width.

use std::sync::LazyLock;

use regex::Regex;

use super::bylines::{
    byline_names, has_role_word, is_name_char, line_opens_story, role_credit, ORG_CREDIT,
};
use super::re;
use crate::split::blocks::{heading_marks, Block};
use crate::split::names::{
    bracketed_byline, is_institution_signature, is_personal_name, name_under_workplace, pen_name,
    post_byline, BYLINE_SYMBOLS,
};
use crate::split::rules;
use crate::split::text::{
    ends_sentence, has_space, is_han, is_letter_spaced, is_wide, squeeze_spaces,
};
use crate::split::{marker, Marker};

/// What a line is, read on its own (and, for furniture, beside its
/// neighbours).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Furniture,
    Marker(Marker),
    /// A column, genre or briefs label: the name of what follows.
    Label(String),
    /// A dateline, `本报记者X报道：` or an editors' note: a story opens here.
    Opener,
    /// A line of personal names (a byline).
    Names(Vec<String>),
    /// A photo credit on a line of its own.
    Credit,
    Text,
}

impl LineKind {
    pub(super) fn name(&self) -> &'static str {
        match self {
            LineKind::Furniture => "furniture",
            LineKind::Marker(_) => "marker",
            LineKind::Label(_) => "label",
            LineKind::Opener => "opener",
            LineKind::Names(_) => "names",
            LineKind::Credit => "credit",
            LineKind::Text => "text",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the page.
    pub no: usize,
    pub text: String,
    pub gap_before: usize,
    pub width: usize,
    pub kind: LineKind,
    /// The page marks the line a heading of its headlines' level (`# 标题`
    /// where deeper ones, `## …`, stand for subtitles and subheads); `text`
    /// is without the marks, as it is for the deeper ones.
    pub heading: bool,
    /// What the line's one pass found (see [`Glance`]), kept so that the
    /// page-wide tables ask it instead of reading the line again.
    pub(super) glance: Glance,
}

/// Spaced-out text closed up (see [`is_letter_spaced`]); other spaces
/// squeezed.
pub(super) fn unspace(line: String) -> String {
    if !has_space(&line) {
        return line;
    }
    if is_letter_spaced(&line) {
        line.split_whitespace().collect()
    } else {
        squeeze_spaces(&line)
    }
}

pub(super) static CHINESE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日\s*(星期|周)[一二三四五六日天]$",
    )
});

/// Whether a line ends in a weekday (`星期三`, `周三`), as a masthead date does.
fn ends_with_weekday(line: &str) -> bool {
    let mut end = line.chars().rev();
    end.next();
    matches!(end.next(), Some('期' | '周'))
}

/// A line's width and the characters the costlier furniture, byline and
/// credit rules need, found in one pass over the line, so that each rule
/// reads the line only when it may match (most lines of a page are text
/// and match none).
#[derive(Debug, Clone)]
pub(super) struct Glance {
    /// Width in columns, as `display_width` counts it.
    width: usize,
    /// Characters in the line.
    pub(super) chars: usize,
    /// The line's first and last characters.
    first: Option<char>,
    last: Option<char>,
    /// White space of any kind ([`char::is_whitespace`]).
    pub(super) white: bool,
    /// Only the characters a byline is made of ([`is_name_char`]).
    name_chars: bool,
    /// `期`, `周`, `号` or `C`: every masthead date, serial number and
    /// registration holds one.
    masthead: bool,
    /// `版`: every page label that does not open with a Latin letter or a
    /// digit holds it.
    page: bool,
    /// `摄` or `图`: every photo credit ends in a word with one.
    pub(super) credit: bool,
    /// `电` or `讯`: every outlet's dateline holds one.
    wire: bool,
    /// `社`: an agency's dateline may hold one and no `讯` (see
    /// [`Glance::may_open_story`]).
    agency: bool,
    /// `编` or `开`: every editors' note opens with one in its first two
    /// characters.
    note: bool,
    /// An ASCII white-space character or `据`: a closing byline or source
    /// that does not end in a bracket follows one (see
    /// [`super::bylines::may_close`]).
    pub(super) space_or_ju: bool,
}

/// The marks [`Glance`] notes, one bit each.
const MASTHEAD: u8 = 1;
const PAGE: u8 = 1 << 1;
const CREDIT: u8 = 1 << 2;
const WIRE: u8 = 1 << 3;
const AGENCY: u8 = 1 << 4;
const NOTE: u8 = 1 << 5;
const SPACE_OR_JU: u8 = 1 << 6;
const WHITE: u8 = 1 << 7;

/// The first of the unified ideographs (`一`), most characters of a page.
const IDEOGRAPHS: char = '\u{4E00}';

/// The marks of each unified ideograph, by its offset from [`IDEOGRAPHS`]:
/// one table read per character instead of a chain of comparisons, which
/// the random order of a page's characters makes the costliest part of
/// reading a line.
static IDEOGRAPH_MARKS: [u8; 0x5200] = {
    let marked = [
        ('期', MASTHEAD),
        ('周', MASTHEAD),
        ('号', MASTHEAD),
        ('版', PAGE),
        ('摄', CREDIT),
        ('图', CREDIT),
        ('电', WIRE),
        ('讯', WIRE),
        ('電', WIRE),
        ('訊', WIRE),
        ('社', AGENCY),
        ('编', NOTE),
        ('开', NOTE),
        ('据', SPACE_OR_JU),
    ];
    let mut table = [0; 0x5200];
    let mut i = 0;
    while i < marked.len() {
        table[marked[i].0 as usize - IDEOGRAPHS as usize] = marked[i].1;
        i += 1;
    }
    table
};

/// The marks of a character that is not a unified ideograph.
fn other_marks(c: char) -> u8 {
    match c {
        'C' => MASTHEAD,
        ' ' | '\t' | '\n' | '\x0C' | '\r' => SPACE_OR_JU | WHITE,
        c if c.is_whitespace() => WHITE,
        _ => 0,
    }
}

impl Glance {
    pub(super) fn of(line: &str) -> Glance {
        let mut width = 0;
        let mut chars = 0;
        let mut last = None;
        let mut name_chars = true;
        let mut marks = 0;
        for c in line.chars() {
            chars += 1;
            last = Some(c);
            match IDEOGRAPH_MARKS.get((c as usize).wrapping_sub(IDEOGRAPHS as usize)) {
                // Wide and a name's character, as every ideograph is.
                Some(&m) => {
                    width += 2;
                    marks |= m;
                }
                None => {
                    width += if is_wide(c) { 2 } else { 1 };
                    // Once a character is not, the rest need not be asked.
                    name_chars = name_chars && is_name_char(c);
                    marks |= other_marks(c);
                }
            }
        }
        let has = |mark: u8| marks & mark != 0;
        Glance {
            width,
            chars,
            first: line.chars().next(),
            last,
            white: has(WHITE),
            name_chars,
            masthead: has(MASTHEAD),
            page: has(PAGE),
            credit: has(CREDIT),
            wire: has(WIRE),
            agency: has(AGENCY),
            note: has(NOTE),
            space_or_ju: has(SPACE_OR_JU),
        }
    }

    /// Whether the line may open with a dateline or reporter's line (see
    /// [`may_open_story`]): its first character is one they open with, or
    /// it holds `社` or `讯`.
    fn may_open_story(&self) -> bool {
        self.wire
            || self.agency
            // A dateline wrapped before its `讯` (`长沙晚报掌上长沙4月1日` / `讯`).
            || self.last == Some('日')
            || self.first.is_some_and(|c| {
                matches!(
                    c,
                    '【' | '[' | '据' | '本' | '新' | '特' | '见' | '实' | '记' | '通'
                )
            })
    }

    /// Whether a paragraph may open with a dateline or reporter's line
    /// (see `read_dateline`) given this line's glance, `first` when it is
    /// the paragraph's first line: its first character is one they open
    /// with (or a bracket), or any of its lines holds `社`, `电` or `讯`.
    pub(super) fn may_open_paragraph(&self, first: bool) -> bool {
        self.wire
            || self.agency
            || (first && (self.may_open_story() || matches!(self.first, Some('（' | '('))))
    }

    /// Whether the line ends in a closing bracket.
    fn ends_in_bracket(&self) -> bool {
        matches!(self.last, Some(')' | '）'))
    }
}

/// Furniture a line shows on its own: masthead dates and numbers, page
/// labels, the editors' footer, debris.
fn furniture_shape(line: &str, glance: &Glance) -> bool {
    let opens_label = opens_label(glance.first);
    (glance.masthead && rules::is_masthead_marker(line))
        || (glance.masthead && ends_with_weekday(line) && CHINESE_DATE_LINE.is_match(line))
        || (opens_label && rules::PAGE_LABEL.is_match(line))
        || ((glance.page || opens_label || ends_in_number(glance.last))
            && rules::is_page_number(line))
        || (rules::may_open_editor_line(glance.first) && rules::is_editor_line(line))
        // Every imprint names the paper's `报社` (`天津日报社出版`).
        || (glance.agency && rules::is_imprint(line))
        || (rules::may_be_debris(glance.white, glance.chars, glance.first) && rules::is_debris(line))
        // Most lines have no space (the glance tells): no parts to look at.
        || (glance.space_or_ju && rules::is_masthead_band(line))
        || (ends_in_number(glance.last) && points_to_page(line))
        // The numbers may have the editors' names after them.
        || ((ends_in_number(glance.last) || glance.space_or_ju) && rules::is_contact_line(line))
        // The paper's notices: price, printer, licence, website.
        || (glance.chars <= 40 && rules::is_notice(line))
        // How to send the paper a piece (`投稿请寄…`, `来稿请…`, `读者来信请寄…`).
        || (matches!(glance.first, Some('投' | '来' | '读')) && rules::is_contact_line(line))
}

/// Whether a line opens with a Latin letter or a digit, as page labels do.
/// The unified ideographs (letters all) are answered before the Unicode
/// tables, which most lines would otherwise search.
fn opens_label(first: Option<char>) -> bool {
    first.is_some_and(|c| {
        !('\u{4E00}'..='\u{9FFF}').contains(&c) && (c.is_ascii_alphabetic() || c.is_numeric())
    })
}

/// Whether a line ends in a digit or `版`, as telephone lines and page
/// pointers do: a cheap look before their patterns.
fn ends_in_number(last: Option<char>) -> bool {
    last.is_some_and(|c| c.is_ascii_digit() || c == '版')
}

/// A teaser for a story on another page (`中共中央政治局召开会议 >>>02`,
/// `汉口江滩樱花进入盛花期 >>10版`, the figures spaced out: `>>A0 2`):
/// never a story's own text.
fn points_to_page(line: &str) -> bool {
    line.len() <= 120 && PAGE_POINTER.is_match(line)
}

static PAGE_POINTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(>{2,3}|》|▶|►|→)\s*[A-Za-z]?\d(\s?\d){0,2}\s*版?$"));

/// Reads the page's lines and kinds, from the blocks already cut.
pub(super) fn read_lines(blocks: Vec<Block>) -> Vec<Line> {
    let count = blocks.iter().map(|b| b.lines.len()).sum();
    let mut lines: Vec<Line> = Vec::with_capacity(count);
    let mut levels: Vec<usize> = Vec::with_capacity(count);
    for block in blocks {
        for (k, raw) in block.lines.into_iter().enumerate() {
            let (level, text) = match heading(&raw) {
                Some((level, title)) => (level, title),
                None => (0, without_mark(unspace(raw))),
            };
            levels.push(level);
            let glance = Glance::of(&text);
            lines.push(Line {
                no: block.line_no + k,
                width: glance.width,
                gap_before: if k == 0 { block.gap_before } else { 0 },
                kind: LineKind::Text,
                heading: false,
                text,
                glance,
            });
        }
    }
    let headline_level = levels.iter().copied().filter(|&l| l > 0).min();
    for (line, level) in lines.iter_mut().zip(levels) {
        line.heading = Some(level) == headline_level;
    }
    for i in 0..lines.len() {
        let next = lines.get(i + 1).map_or("", |l| l.text.as_str());
        let line = &lines[i];
        let kind = line_kind(&line.text, next, line.gap_before > 0, &line.glance);
        lines[i].kind = kind;
    }
    mark_masthead(&mut lines);
    keep_wrap_tails(&mut lines);
    keep_bracketed_reporters(&mut lines);
    sign_lone_names_over_datelines(&mut lines);
    sign_workplaces_over_posts(&mut lines);
    sign_lone_names_at_the_foot(&mut lines);
    sign_pen_names_under_sentences(&mut lines);
    mark_repeated_running_heads(&mut lines);
    mark_boxed_furniture(&mut lines);
    lines
}

/// The level and title of a markdown heading line (`## 会见在亲切友好的
/// 气氛中进行` → 2), when the line is one and holds a title. The marks are
/// followed by a space, as markdown has them: a topic tag opening a line
/// (`#两会#代表委员…`) is text.
fn heading(line: &str) -> Option<(usize, String)> {
    let marks = heading_marks(line);
    if marks == 0 || !line[marks..].starts_with([' ', '\u{3000}']) {
        return None;
    }
    let title = squeeze_spaces(&line[marks..]);
    (!title.is_empty()).then_some((marks, title))
}

/// A byline or dateline behind a symbol or a logo's debris (`□晚报记者
/// 苏莉`, `N海都记者 朱敏敏`, `□快报讯（记者 X）`): the mark is dropped, so
/// the line reads as what it is.
fn without_mark(line: String) -> String {
    // The mark may stand apart by a space (`□ 本报记者 X`).
    let bare = line
        .trim_start_matches(BYLINE_SYMBOLS)
        .trim_start_matches(|c: char| c.is_ascii_uppercase())
        .trim_start_matches(' ');
    let dropped = line.len() - bare.len();
    let byline_like = (1..=4).contains(&dropped)
        && bare.starts_with(|c: char| is_han(c))
        && (has_role_word(bare) || bare.chars().take(5).any(|c| c == '讯'));
    if byline_like {
        bare.trim_start().to_string()
    } else {
        line
    }
}

pub(super) fn line_kind(text: &str, next: &str, gap_before: bool, glance: &Glance) -> LineKind {
    if let Some(m) = marker(text) {
        return LineKind::Marker(m);
    }
    if furniture_shape(text, glance) {
        return LineKind::Furniture;
    }
    // Most lines open and end with characters no label opens or ends with.
    if let Some(label) = rules::may_be_label(glance.first, glance.last)
        .then(|| {
            rules::column_label(text)
                .or_else(|| rules::brief_label(text))
                .or_else(|| rules::banner_label(text))
        })
        .flatten()
    {
        return LineKind::Label(label);
    }
    // The line and the next, cut after 40 characters.
    let head = || -> String {
        let mut head = [text, next].concat();
        if let Some((cut, _)) = head.char_indices().nth(40) {
            head.truncate(cut);
        }
        head
    };
    let credit_end = matches!(glance.last, Some(')' | '）' | ' ' | '摄' | '影'))
        && text
            .trim_end_matches([')', '）', ' '])
            .ends_with(['摄', '影']);
    // A line that ends in its photographer's verb opens no story
    // (`新华社记者摄`).
    let opener = !credit_end
        && line_opens_story(
            text,
            head,
            glance.chars <= 4,
            glance.may_open_story(),
            glance.wire,
        )
        || (glance.note && rules::is_editors_note(text));
    if opener {
        return LineKind::Opener;
    }
    if let Some(names) = glance
        .name_chars
        .then(|| byline_names(text, gap_before))
        .flatten()
    {
        return LineKind::Names(names);
    }
    // A byline in brackets on a line of its own (`（记者 张三）`).
    if let Some((0, names)) = glance
        .ends_in_bracket()
        .then(|| bracketed_byline(text))
        .flatten()
    {
        return LineKind::Names(names);
    }
    let marked = glance.first.is_some_and(|c| BYLINE_SYMBOLS.contains(&c));
    // A writer's credit (`文/张三`, `张三 文`, `作者：张三`, `撰文 X 摄影 Y`):
    // short, it opens with a role or a byline's mark, or ends in the role.
    let credit_shape = glance.chars <= 40
        && (matches!(
            glance.first,
            Some('文' | '撰' | '作' | '图' | '拍' | '摄' | '记' | '本')
        ) || marked
            || matches!(glance.last, Some('文' | '图' | '摄')));
    if let Some(names) = credit_shape.then(|| rules::writer_credit(text)).flatten() {
        return LineKind::Names(names);
    }
    // A piece signed by the paper's desk or commentators (`本报编辑部`), or
    // an editors' note by its editors (`——编者`).
    let signature = || is_institution_signature(text) || rules::is_editors_sign_off_line(text);
    if matches!(glance.last, Some('员' | '部' | '组' | '者')) && signature() {
        return LineKind::Names(Vec::new());
    }
    // A writer's name after their post (`…车间支部书记 刘凤洲`).
    if let Some(name) = (glance.space_or_ju && glance.chars <= 30)
        .then(|| post_byline(text))
        .flatten()
    {
        return LineKind::Names(vec![name]);
    }
    // A writer's name behind a byline's mark (`□侯敬方`), as commentaries
    // print it: the mark tells it from a short line of text.
    if let Some(name) = marked
        .then(|| text.strip_prefix(BYLINE_SYMBOLS).map(str::trim_start))
        .flatten()
        .filter(|name| is_personal_name(name))
    {
        return LineKind::Names(vec![name.to_string()]);
    }
    if (credit_end && ORG_CREDIT.is_match(text))
        || (glance.credit && rules::credit_line(text).is_some())
        || (credit_end && role_credit(text))
    {
        return LineKind::Credit;
    }
    LineKind::Text
}

/// How many of the page's first lines a masthead may take.
const MASTHEAD_LINES: usize = 8;

/// The masthead: the paper's name and its date's parts (`2017年9月10日`,
/// `星期日`) among the page's first lines, before any
/// line of text longer than a section label; and a short line set between
/// two of the masthead's parts (a section's name: `社会/24小时`).
pub(super) fn mark_masthead(lines: &mut [Line]) {
    let mut band_end = 0;
    for (i, line) in lines.iter_mut().take(MASTHEAD_LINES).enumerate() {
        // A jump line stands under the headline of a story continued here.
        if rules::is_jump(&line.text) {
            break;
        }
        // `新闻简报` ends like a paper's name but labels briefs; the name
        // may be spaced out (`清 徐 报`).
        let name = || {
            let bare: String = line.text.split_whitespace().collect();
            rules::PAPER_NAME.is_match(&bare)
        };
        if (!matches!(line.kind, LineKind::Label(_)) && name()) || rules::is_date_part(&line.text) {
            line.kind = LineKind::Furniture;
        }
        // One character is debris (or a wrap's tail), no masthead part.
        if line.kind == LineKind::Furniture && line.text.chars().nth(1).is_some() {
            band_end = i + 1;
        } else if line.text.chars().nth(rules::MASTHEAD_PART_CHARS).is_some()
            || ends_sentence(&line.text)
        {
            break;
        }
    }
    // Up to the masthead's last marker (its date with the weekday, the
    // serial number, the registration code) among the first lines, a line
    // with figures or Latin letters is the masthead's (the paper's name in
    // Latin letters beside its own, a lunar date, a hotline); a headline
    // set among them has neither.
    let last_marker = lines
        .iter()
        .take(MASTHEAD_LINES)
        .rposition(|l| rules::is_masthead_marker(&l.text));
    for line in lines.iter_mut().take(last_marker.unwrap_or(0)) {
        if line.kind == LineKind::Text && line.text.contains(|c: char| c.is_ascii_alphanumeric()) {
            line.kind = LineKind::Furniture;
        }
    }
    // A short line set between two of the masthead's parts; not a
    // headline's lines, which run on into each other.
    for i in 1..band_end.saturating_sub(1) {
        let between =
            lines[i - 1].kind == LineKind::Furniture && lines[i + 1].kind == LineKind::Furniture;
        if lines[i].kind == LineKind::Text && between {
            lines[i].kind = LineKind::Furniture;
        }
    }
}

/// One character under a line of text with no blank line between is the
/// tail of a wrap (`中国不会屈服于外来压` / `力`), not debris; under a
/// finished sentence, or a caption closed by its photo credit, nothing
/// wraps on, so it is debris (`口`).
pub(super) fn keep_wrap_tails(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let glance = &lines[i].glance;
        let single = glance.chars == 1 && glance.first.is_some_and(is_han);
        let above = &lines[i - 1];
        if single
            && lines[i].gap_before == 0
            && above.kind == LineKind::Text
            && !ends_sentence(&above.text)
            && !(above.glance.credit && rules::closing_credit(&above.text).is_some())
        {
            lines[i].kind = LineKind::Text;
        }
    }
}

/// A line of reporters under a dateline whose bracket it continues
/// (`新华社北京3月7日电 （经` / `济日报记者田积金、新华社记者` /
/// `周贻昶）我国…`) is the dateline's, read with it, not a byline of its
/// own.
fn keep_bracketed_reporters(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let open_bracket =
            |t: &str| t.matches(['（', '(']).count() > t.matches(['）', ')']).count();
        let continues = lines[i].gap_before == 0
            && lines[i - 1].kind == LineKind::Opener
            && open_bracket(&lines[i - 1].text);
        if continues && matches!(lines[i].kind, LineKind::Names(_)) {
            lines[i].kind = LineKind::Text;
        }
    }
}

/// A text line that is one personal name of two to four characters.
fn is_lone_name(line: &Line) -> bool {
    line.kind == LineKind::Text
        && line.glance.name_chars
        && (2..=4).contains(&line.glance.chars)
        && is_personal_name(&line.text)
}

/// A lone name after a finished sentence, with nothing after it but the
/// page's furniture, signs the piece that sentence ends (`…细细请教了。` /
/// `郑依群` / `责任编辑：…`): no headline stands at a page's foot.
fn sign_lone_names_at_the_foot(lines: &mut [Line]) {
    let Some(i) = lines.iter().rposition(|l| l.kind != LineKind::Furniture) else {
        return;
    };
    if i > 0
        && is_lone_name(&lines[i])
        && lines[i - 1].kind == LineKind::Text
        && ends_sentence(&lines[i - 1].text)
    {
        lines[i].kind = LineKind::Names(vec![lines[i].text.clone()]);
    }
}

/// A pen name in brackets on a line of its own under a finished sentence
/// (`…获金奖。` / `（存生）`) signs the piece; under a headline the same
/// shape is its note (`…办法` / `（试行）`).
fn sign_pen_names_under_sentences(lines: &mut [Line]) {
    for i in 1..lines.len() {
        if lines[i].kind == LineKind::Text
            && lines[i].glance.chars <= 5
            && lines[i - 1].kind == LineKind::Text
            && ends_sentence(&lines[i - 1].text)
        {
            if let Some(name) = pen_name(&lines[i].text) {
                lines[i].kind = LineKind::Names(vec![name.to_string()]);
            }
        }
    }
}

/// The writer's workplace over their post and name (see
/// [`name_under_workplace`]) is the byline's first line, not the
/// headline's wrapped tail.
fn sign_workplaces_over_posts(lines: &mut [Line]) {
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i].kind == LineKind::Text
            && matches!(lines[i + 1].kind, LineKind::Names(_))
            && name_under_workplace(&lines[i].text, &lines[i + 1].text).is_some()
        {
            lines[i].kind = LineKind::Names(Vec::new());
        }
    }
}

/// A lone name of two to four characters between a line that ends no
/// sentence (a headline) and a dateline that names it or no one
/// (`祝福你，闯红灯的市民` / `张三` / `快报讯（记者 张三…`) is the byline,
/// not a headline's wrapped tail (`深切缅怀…之父` / `袁隆平` over another
/// reporter's dateline).
fn sign_lone_names_over_datelines(lines: &mut [Line]) {
    for i in 1..lines.len().saturating_sub(1) {
        let dateline = &lines[i + 1].text;
        if is_lone_name(&lines[i])
            && lines[i + 1].kind == LineKind::Opener
            && (dateline.contains(lines[i].text.as_str()) || !has_role_word(dateline))
            && lines[i - 1].kind == LineKind::Text
            && !ends_sentence(&lines[i - 1].text)
        {
            lines[i].kind = LineKind::Names(vec![lines[i].text.clone()]);
        }
    }
}

/// A lone name of two to four characters between a headline that did not
/// wrap (narrower than seven tenths of the column `width`, or set wider
/// than the column; opening after a gap or closed text) or a dashed
/// subtitle and the body's wide first line is the byline (`永远革命 永不变质`
/// / `姚文锦` / `今年才三十二岁的臧仓，是`): a wrapped headline's first line
/// runs the column's full width.
pub(super) fn sign_lone_names_under_headlines(lines: &mut [Line], width: usize) {
    for i in 1..lines.len().saturating_sub(1) {
        if !is_lone_name(&lines[i]) {
            continue;
        }
        let head = &lines[i - 1];
        let opens_group = head.gap_before > 0
            || i < 2
            || lines[i - 2].kind == LineKind::Furniture
            || ends_sentence(&lines[i - 2].text);
        // Narrower than the column, the headline did not wrap; wider, it
        // is set across columns, where no text runs.
        let short_head = head.kind == LineKind::Text
            && !ends_sentence(&head.text)
            && head.glance.chars > 4
            && (head.width * 10 < width * 7 || head.width > width + 3);
        // A subtitle opened by a dash ends the headline group however wide
        // it is (`——南粤沿海…扫瞄` / `常征`).
        let dashed_subtitle = head.kind == LineKind::Text
            && rules::opens_with_dash(&head.text)
            && !ends_sentence(&head.text);
        let body = &lines[i + 1];
        // Set apart from the body, the name is the tail of a headline
        // stacked over it (`长城全周影院建` / `成开业`).
        let body_under = matches!(body.kind, LineKind::Text | LineKind::Opener)
            && body.gap_before == 0
            && body.width * 10 >= width * 6;
        if (opens_group && short_head || dashed_subtitle) && body_under {
            lines[i].kind = LineKind::Names(vec![lines[i].text.clone()]);
        }
    }
}

/// A short line that repeats one of the page's furniture lines word for
/// word (the section's name printed again at the foot: `声音` … `声音`) is
/// furniture too.
fn mark_repeated_running_heads(lines: &mut [Line]) {
    let short = |line: &Line| (1..=6).contains(&line.glance.chars);
    let heads: Vec<String> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Furniture && short(l))
        .map(|l| l.text.clone())
        .collect();
    if heads.is_empty() {
        return;
    }
    for line in lines.iter_mut() {
        if line.kind == LineKind::Text && short(line) && heads.contains(&line.text) {
            line.kind = LineKind::Furniture;
        }
    }
}

/// Most lines of a notice under its label (`更正`), the label's included.
const MAX_NOTICE_LINES: usize = 8;

/// Where the contents box whose label is line `label` ends: at the next
/// blank line, or before the text after it (see [`rules::contents_box_len`]).
fn contents_box_end(lines: &[Line], label: usize) -> usize {
    let under = lines[label + 1..]
        .iter()
        .take_while(|l| l.gap_before == 0)
        .map(|l| l.text.as_str());
    label + 1 + rules::contents_box_len(under)
}

/// How many lines from line `i` on, with no blank line between, are a
/// contents box's lines (see [`rules::is_contents_line`]).
fn contents_lines_at(lines: &[Line], i: usize) -> usize {
    lines[i..]
        .iter()
        .enumerate()
        .take_while(|&(k, l)| (k == 0 || l.gap_before == 0) && rules::is_contents_line(&l.text))
        .count()
}

/// Furniture known by its place: a contents box (its label and the lines up
/// to the next blank line, or lines that end in their pages without a
/// label), a short section label or a lone name line set between
/// furniture.
pub(super) fn mark_boxed_furniture(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        // A notice runs from its label to the next blank line, when one
        // comes soon.
        let notice_end = || {
            (lines[i].glance.chars <= 8 && rules::is_notice_label(&lines[i].text))
                .then(|| {
                    (i + 1..lines.len().min(i + MAX_NOTICE_LINES))
                        .find(|&j| lines[j].gap_before > 0)
                })
                .flatten()
        };
        if let Some(end) = notice_end() {
            for line in &mut lines[i..end] {
                line.kind = LineKind::Furniture;
            }
            i = end;
            continue;
        }
        if lines[i].glance.chars <= 8 && rules::is_contents_label(&lines[i].text) {
            let end = contents_box_end(lines, i);
            for line in &mut lines[i..end] {
                line.kind = LineKind::Furniture;
            }
            i = end;
            continue;
        }
        let run = contents_lines_at(lines, i);
        if run >= rules::MIN_CONTENTS_LINES {
            for line in &mut lines[i..i + run] {
                line.kind = LineKind::Furniture;
            }
        }
        i += run.max(1);
    }
    for i in 0..lines.len() {
        let furniture = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.kind == LineKind::Furniture)
        };
        let before = furniture(i.checked_sub(1));
        let after = furniture(Some(i + 1));
        let text = &lines[i].text;
        // A section's name over a headline and its byline, in an export
        // with no blank line under the name.
        let over_headline = lines.get(i + 1).is_some_and(|l| l.kind == LineKind::Text)
            && lines[i + 1..]
                .iter()
                .take(3)
                .any(|l| matches!(l.kind, LineKind::Names(_) | LineKind::Opener));
        // A short headline has its byline right under it (`报喜去` / `贡振宝 作`).
        let over_byline = lines
            .get(i + 1)
            .is_some_and(|l| matches!(l.kind, LineKind::Names(_) | LineKind::Opener));
        let short_label = lines[i].kind == LineKind::Text
            && lines[i].glance.chars <= 4
            && text.chars().all(is_han)
            && !over_byline
            && (lines.get(i + 1).is_none_or(|l| l.gap_before > 0) || after || over_headline);
        // A page label alone at the foot of the page.
        let foot_label = short_label && i + 1 == lines.len() && lines[i].gap_before > 0;
        let lone_names = matches!(lines[i].kind, LineKind::Names(_)) && after;
        // A box's title right over its telephone lines (`快报热线` /
        // `新闻热线：…`).
        let contact_box_title = lines[i].kind == LineKind::Text
            && lines[i].glance.chars <= 6
            && text.chars().all(is_han)
            && lines.get(i + 1).is_some_and(|l| {
                l.gap_before == 0
                    && l.kind == LineKind::Furniture
                    && rules::is_contact_line(&l.text)
            });
        if (before && i > 0 && (short_label || lone_names)) || foot_label || contact_box_title {
            lines[i].kind = LineKind::Furniture;
        }
    }
}

/// The column width: the median width of text lines that run on into the
/// next line.
pub(super) fn column_width(lines: &[Line]) -> usize {
    let mut widths: Vec<usize> = lines
        .windows(2)
        .filter(|w| {
            w[0].kind == LineKind::Text
                && w[1].kind == LineKind::Text
                && w[1].gap_before == 0
                && !ends_sentence(&w[0].text)
                && w[0].width >= 8
        })
        .map(|w| w[0].width)
        .collect();
    if widths.len() < 4 {
        return 0;
    }
    widths.sort_unstable();
    widths[widths.len() * 3 / 4]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which lines of `page` are furniture.
    fn furniture(page: &str) -> Vec<bool> {
        read_lines(crate::split::blocks::split_blocks(page))
            .iter()
            .map(|l| l.kind == LineKind::Furniture)
            .collect()
    }

    #[test]
    fn a_heading_is_read_by_its_marks_and_a_space() {
        assert_eq!(
            heading("## 会见在亲切友好的气氛中进行"),
            Some((2, "会见在亲切友好的气氛中进行".into()))
        );
        assert_eq!(heading("# "), None);
        assert_eq!(heading("#两会#代表委员热议民生"), None);
        assert_eq!(heading("代表委员热议民生"), None);
    }

    #[test]
    fn a_masthead_date_printed_over_two_lines_is_furniture() {
        let page = "某某日报\n2017年9月10日\n星期日\n第02版\n综合新闻\n\n外地观众——“没想到科博会办得这么好！”\n本报讯（记者田明霞）昨日，记者在展馆里看到。";
        assert_eq!(
            furniture(page),
            [true, true, true, true, true, false, false]
        );
    }

    #[test]
    fn a_masthead_band_on_one_line_is_furniture() {
        let furniture = |line: &str| furniture_shape(line, &Glance::of(line));
        assert!(furniture(
            "第2版 人民日报 国内新闻 一九六二年九月二十五日 星期二"
        ));
        assert!(furniture("某某晚报 2021年11月26日 星期五 A11版 区域新闻"));
        assert!(furniture("今日八版 零售价0.40元"));
        // A date and a place in a sentence, a headline with a date: text.
        assert!(!furniture("北京 2021年11月26日 代表团抵达"));
        assert!(!furniture("一九六二年九月二十五日 首都举行大会"));
        // A section's name and the page's number, with neither `版` nor a
        // leading figure.
        assert!(furniture("综合新闻 02"));
        // A paper's name in traditional characters.
        assert!(rules::PAPER_NAME.is_match("北京日報"));
    }

    proptest::proptest! {
        /// The glance never turns away a line that a rule it gates reads.
        #[test]
        fn the_glance_keeps_every_match(
            line in "[第总期周号C版摄图影年月日星一二三0-9A-Za-z \t\r\x0B\x0C\u{3000}据记者通讯员王小明李（）()：:/、。综合新闻]{0,16}"
        ) {
            let glance = Glance::of(&line);
            let opens_label = opens_label(line.chars().next());
            if rules::is_masthead_marker(&line) {
                proptest::prop_assert!(glance.masthead);
            }
            if rules::is_page_number(&line) {
                proptest::prop_assert!(glance.page || opens_label || ends_in_number(glance.last));
            }
            if rules::credit_line(&line).is_some() || rules::caption_with_credit(&line).is_some() {
                proptest::prop_assert!(glance.credit);
            }
            if bracketed_byline(&line).is_some() {
                proptest::prop_assert!(glance.ends_in_bracket());
            }
            if line.trim_end_matches([')', '）', ' ']).ends_with(['摄', '影']) {
                proptest::prop_assert!(matches!(glance.last, Some(')' | '）' | ' ' | '摄' | '影')));
            }
            if ends_with_weekday(&line) && CHINESE_DATE_LINE.is_match(&line) {
                proptest::prop_assert!(glance.masthead);
            }
            let space_or_ju = line.bytes().any(|b| b.is_ascii_whitespace()) || line.contains('据');
            proptest::prop_assert_eq!(glance.space_or_ju, space_or_ju);
        }
    }

    proptest::proptest! {
        /// Each mark of the glance is set exactly when the line holds one
        /// of its characters; width and name characters are as the
        /// functions that define them count them.
        #[test]
        fn the_glance_marks_what_the_line_holds(
            line in "[期周号C版摄图电讯電訊社编开据一龥丁〇々㐀𠀀ＡA/、·“ \t\r\n\x0B\x0C\u{85}\u{A0}\u{2009}\u{3000}]{0,12}"
        ) {
            let glance = Glance::of(&line);
            let holds = |set: &str| line.chars().any(|c| set.contains(c));
            proptest::prop_assert_eq!(glance.masthead, holds("期周号C"));
            proptest::prop_assert_eq!(glance.page, holds("版"));
            proptest::prop_assert_eq!(glance.credit, holds("摄图"));
            proptest::prop_assert_eq!(glance.wire, holds("电讯電訊"));
            proptest::prop_assert_eq!(glance.agency, holds("社"));
            proptest::prop_assert_eq!(glance.note, holds("编开"));
            proptest::prop_assert_eq!(glance.space_or_ju, holds(" \t\r\n\x0C据"));
            proptest::prop_assert_eq!(glance.white, line.chars().any(char::is_whitespace));
            proptest::prop_assert_eq!(glance.width, crate::split::text::display_width(&line));
            proptest::prop_assert_eq!(glance.name_chars, line.chars().all(is_name_char));
        }
    }

    proptest::proptest! {
        /// The glance counts and finds what it says, and its first and
        /// last characters never turn away a line that the label, footer or
        /// debris rules read.
        #[test]
        fn the_glances_first_and_last_characters_keep_every_label_footer_and_debris(
            line in "(本版编辑|责任编辑|\\(本版编辑|（|短评|今日谈|记者手记|新闻简报|图片新闻|简讯|【|〖|■ ?|□|RI|口 |Ｔ)?[口■Ｔ２2RIa一记者王小明新闻短评简讯】〗：: \t\u{3000}\u{A0}\u{2028}\x0B—]{0,8}(时评|微评)?"
        ) {
            let glance = Glance::of(&line);
            proptest::prop_assert_eq!(glance.chars, line.chars().count());
            proptest::prop_assert_eq!(glance.first, line.chars().next());
            proptest::prop_assert_eq!(glance.last, line.chars().last());
            proptest::prop_assert_eq!(glance.white, line.chars().any(char::is_whitespace));
            if rules::column_label(&line).is_some()
                || rules::brief_label(&line).is_some()
                || rules::banner_label(&line).is_some()
            {
                proptest::prop_assert!(rules::may_be_label(glance.first, glance.last));
            }
            if rules::is_editor_line(&line) {
                proptest::prop_assert!(rules::may_open_editor_line(glance.first));
            }
            if rules::is_debris(&line) {
                proptest::prop_assert!(rules::may_be_debris(glance.white, glance.chars, glance.first));
            }
        }
    }

    proptest::proptest! {
        /// The glance never turns away a line that opens a story or an
        /// editors' note.
        #[test]
        fn the_glance_keeps_every_story_opening_and_editors_note(
            line in "(新华社|本报讯|据|【|开栏的话：|编者按：|（编者按）：|海都讯)?[北京日电讯社一二三四五六七八九十月记者通讯员王小明编者按开栏的话（）【】：: ]{0,10}"
        ) {
            let glance = Glance::of(&line);
            if super::super::bylines::may_open_story(&line) {
                proptest::prop_assert!(glance.may_open_story());
            }
            if rules::is_editors_note(&line) {
                proptest::prop_assert!(glance.note);
            }
        }
    }

    #[test]
    fn a_photographers_credit_without_a_name_opens_no_story() {
        let page = "华主席同团长亲切交谈。\n新华社记者摄\n新华社北京九月二十八日电\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        let kinds: Vec<&LineKind> = lines.iter().map(|l| &l.kind).collect();
        assert_eq!(
            kinds,
            [&LineKind::Text, &LineKind::Credit, &LineKind::Opener]
        );
    }

    #[test]
    fn no_unified_ideograph_is_a_number() {
        assert!(('\u{4E00}'..='\u{9FFF}').all(|c| !c.is_numeric()));
    }

    #[test]
    fn teasers_point_to_pages_whose_figures_may_be_spaced_out() {
        assert!(points_to_page("中共中央政治局召开会议 >>>02"));
        assert!(points_to_page("清明假期全省迎客流高峰 >>A0 2"));
        assert!(!points_to_page("增长了 >> 2 0 1 9 年"));
    }

    #[test]
    fn a_box_s_title_over_its_telephone_lines_is_furniture() {
        let page =
            "第一条新闻的标题\n\n快报热线\n新闻热线：23602360\n\n正文一二三四五六七八九十。\n";
        assert_eq!(furniture(page), [false, true, true, false]);
    }

    #[test]
    fn a_notice_runs_from_its_label_to_the_next_blank_line() {
        let page = "第一条新闻的标题\n\n更正\n本报3月9日第5版一文中，“十四届全国政协”误\n为“十三届全国政协”，特此更正。\n\n正文一二三四五六七八九十。\n";
        assert_eq!(furniture(page), [false, true, true, true, false]);
    }

    #[test]
    fn a_contents_box_without_blank_lines_ends_after_its_last_page_reference() {
        let page = "今日导读\n某地新闻一则▶\nA03\nA06版 另一则新闻的标\n题\n第一条新闻的标题\n本报讯 今年九月\n正文一二三四五六七八九十。\n";
        assert_eq!(
            furniture(page),
            [true, true, true, true, true, false, false, false]
        );
    }

    #[test]
    fn lines_that_end_in_their_pages_are_a_contents_box_without_a_label() {
        let page = "正文一二三四五六七八九十。\n\n本报今日四版\n▲我市冬季供热全面启动…………2版\n▲丹东港新增两个万吨级泊位……2版\n赵紫阳谈钢铁工业的道路问题\n本报讯 正文一二三四五六七八九十。\n";
        assert_eq!(furniture(page), [false, true, true, true, false, false]);
        // One such line is no box.
        assert_eq!(furniture("标题一则……2版\n正文。\n"), [false, false]);
    }

    #[test]
    fn a_promo_box_and_a_hotline_with_the_editors_are_furniture() {
        let page = "【扫码看海口】\n扫描二维码，关注海口日报微信公众号\n新闻热线：3310000　责任编辑：冯 彬　美编：李 娜\n";
        assert_eq!(furniture(page), [true, true, true]);
    }

    #[test]
    fn the_masthead_runs_to_its_last_marker_but_for_a_headline_among_it() {
        // A Latin name, a lunar date and a hotline over the serial number;
        // a spaced-out paper's name.
        let page = "某 某 报\nMOUMOU DAILY\n2024年1月31日 农历癸卯年十二月廿一\n服务找政府拨12345\n今日16版 总第3640期\n标题在这里\n本报讯 正文一二三四五六七八九十。\n";
        assert_eq!(
            furniture(page),
            [true, true, true, true, true, false, false]
        );
        // A headline set between the date line and the serial number.
        let page = "1983年2月1日 星期二\n某某日报\n决心扭转某某厂连年亏损\n局面\n总第16537期\n正文一二三四五六七八九十。\n";
        assert_eq!(furniture(page), [true, true, false, false, true, false]);
    }

    #[test]
    fn reporters_inside_a_datelines_wrapped_bracket_are_the_datelines() {
        let page =
            "新华社北京3月7日电 （经\n济日报记者田积金、新华社记者\n周贻昶）我国“六五”期间采用国\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert_eq!(lines[0].kind, LineKind::Opener);
        assert_eq!(lines[1].kind, LineKind::Text);
        // Under a dateline whose bracket closed, a name line is a byline.
        let page = "新华社北京3月7日电 （记者张三）\n李四 王五\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert!(matches!(lines[1].kind, LineKind::Names(_)));
    }

    #[test]
    fn a_name_behind_a_bylines_mark_is_a_byline() {
        let page = "公共场合请多点公德意识\n□侯敬方\n立秋后高温天气仍在持续，溽热越发\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert_eq!(lines[1].kind, LineKind::Names(vec!["侯敬方".to_string()]));
        // The mark set apart by a space, the name behind a role.
        let page = "公共场合请多点公德意识\n□ 本报记者 张守坤\n立秋后高温天气仍在持续，溽热越发\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert_eq!(lines[1].kind, LineKind::Names(vec!["张守坤".to_string()]));
        // A writer's credit on a line of its own.
        let page = "公共场合请多点公德意识\n文/侯敬方\n立秋后高温天气仍在持续，溽热越发\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert_eq!(lines[1].kind, LineKind::Names(vec!["侯敬方".to_string()]));
        // A bullet before words that are no name is text.
        let page = "标题\n●立秋后高温\n";
        let lines = read_lines(crate::split::blocks::split_blocks(page));
        assert!(!matches!(lines[1].kind, LineKind::Names(_)));
    }

    #[test]
    fn spaced_out_lines_close_up() {
        assert_eq!(unspace("1 9 8 6 年 1 0 月 4 日".into()), "1986年10月4日");
        assert_eq!(
            unspace("本版编辑：刘 畅 陈立新".into()),
            "本版编辑：刘 畅 陈立新"
        );
    }
}
