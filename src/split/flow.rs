//! Flowing pages → articles. Text taken out of a newspaper PDF (`pdftotext`,
//! PyMuPDF) has no blank line between paragraphs or between pieces, lines
//! hard-wrapped at the column width, and headlines printed apart from their
//! bodies. Such a page is read line by line:
//!
//! 1. each line gets a **kind** (furniture, column label, opener — a dateline,
//!    a byline, an editors' note —, names, photo credit, text);
//! 2. every line after a closed one (a finished sentence, a credit, furniture)
//!    is a **candidate boundary**; its score adds independent cues (see
//!    [`Cue`]) with the weights in [`Cue::weight`];
//! 3. the page's **best segmentation** is found by dynamic programming over
//!    the candidates: the sum of the chosen boundaries' scores, less a
//!    penalty for every piece too short to be an article;
//! 4. each piece is read into an article: its headline group (kicker,
//!    headline, subtitle, deck), byline or dateline, paragraphs (rejoined
//!    across wraps and furniture), subheads, captions and closing byline.

use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Block;
use super::names::{is_personal_name, read_name_line, strip_role};
use super::rules;
use super::text::{close_cjk_spaces, display_width, ends_sentence, is_han, squeeze_spaces};
use super::{caption, complete, empty_article, push_paragraph, trim_dashes, Marker};
use crate::model::{Article, ArticleKind, BodyPart, Caption};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

/// Whether a page flows: blocks that hold several paragraphs (a line that
/// ends a sentence inside a block), as PDF exports do; a page whose blocks
/// are paragraphs is read block by block instead.
pub fn is_flowing(blocks: &[Block]) -> bool {
    let lines: usize = blocks.iter().map(|b| b.lines.len()).sum();
    let inner_ends = blocks
        .iter()
        .flat_map(|b| &b.lines[..b.lines.len() - 1])
        .filter(|l| l.ends_with(['。', '！', '？']) || l.ends_with("。”"))
        .count();
    inner_ends >= 2 && inner_ends * 40 >= lines
}

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
    fn name(&self) -> &'static str {
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
}

/// The independent cues that speak for a boundary before a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// An editor's `@@` marker.
    Marker,
    /// A column, genre or briefs label.
    Label,
    /// A dateline opens the line.
    Dateline,
    /// Headline-shaped lines stand before the body.
    Headline,
    /// Two or more headline units (kicker, headline, subtitle).
    HeadlineGroup,
    /// A byline or dateline follows the headline lines.
    BylineAfter,
    /// A blank line before.
    Gap,
    /// Furniture (a footer, a page label, a contents box) between the text
    /// before and this line: the reading order jumped.
    FurnitureBefore,
    /// A headline line wider than the column (set across columns).
    WiderThanColumn,
    /// The piece before ended in a byline, a credit or a source.
    PieceEnded,
    /// One short line and no byline: the shape of a subhead.
    SubheadShape,
    /// An editors' note (`编者按：`) opens the line: a piece of its own.
    EditorsNote,
}

impl Cue {
    /// Weights fitted on the development pages: each cue was set to the
    /// smallest whole number that kept the boundaries it alone decides, with
    /// a boundary taken when the sum reaches [`THRESHOLD`]. A subhead's shape
    /// outweighs a gap and a headline together; a byline or dateline alone
    /// is enough.
    pub fn weight(self) -> i32 {
        match self {
            Cue::Marker => 100,
            Cue::Label => 4,
            Cue::Dateline => 3,
            Cue::Headline => 1,
            Cue::HeadlineGroup => 1,
            Cue::BylineAfter => 3,
            Cue::Gap => 1,
            Cue::FurnitureBefore => 1,
            Cue::WiderThanColumn => 1,
            Cue::PieceEnded => 2,
            Cue::SubheadShape => -3,
            Cue::EditorsNote => 3,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Cue::Marker => "marker",
            Cue::Label => "label",
            Cue::Dateline => "dateline",
            Cue::Headline => "headline",
            Cue::HeadlineGroup => "headline-group",
            Cue::BylineAfter => "byline-after",
            Cue::Gap => "gap",
            Cue::FurnitureBefore => "furniture-before",
            Cue::WiderThanColumn => "wider-than-column",
            Cue::PieceEnded => "piece-ended",
            Cue::SubheadShape => "subhead-shape",
            Cue::EditorsNote => "editors-note",
        }
    }
}

/// Score a boundary needs to be worth taking.
pub const THRESHOLD: i32 = 3;
/// What a piece with fewer than [`MIN_PIECE_LINES`] lines of text costs.
const SHORT_PIECE_PENALTY: i32 = 4;
const MIN_PIECE_LINES: usize = 2;
/// Most lines a headline group (kicker, headline, subtitle, deck) takes.
const MAX_HEADER_LINES: usize = 12;

/// A line where a new piece may begin, with what speaks for it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the first line of the piece.
    pub at: usize,
    /// Index of the first body line (after headline lines and byline).
    pub header_end: usize,
    pub cues: Vec<Cue>,
    pub score: i32,
    pub chosen: bool,
}

/// A flowing page read: its lines, the candidate boundaries, the column
/// width.
pub struct Reading {
    pub lines: Vec<Line>,
    pub candidates: Vec<Candidate>,
    pub width: usize,
}

/// Spaced-out text (`1 9 8 6 年`, `星 期 六`): most tokens are one
/// character, so the spaces are letter-spacing, not word breaks.
fn unspace(line: &str) -> String {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1).count();
    if tokens.len() >= 4 && singles * 10 >= tokens.len() * 6 {
        tokens.concat()
    } else {
        squeeze_spaces(line)
    }
}

static CHINESE_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日\s*(星期|周)[一二三四五六日天]$",
    )
});
static PAGE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([A-Za-z]\d{2}|[A-Za-z]?\d{1,4}\s*版(\s*\S{0,8})?)$"));
static PAPER_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{1,6}(日报|晚报|时报|报|消息|周刊)$"));
static CONTENTS_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(本期|今日|本版)?(导读|要闻提要|内容提要|提要)$"));
static EDITOR_NOTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[【\[（(]?(编者按|编者的话|开栏的话|编后)[】\]）)]?\s*[:：]"));

/// Furniture a line shows on its own: masthead dates and numbers, page
/// labels, the editors' footer, debris.
fn furniture_shape(line: &str) -> bool {
    rules::is_masthead_marker(line)
        || CHINESE_DATE_LINE.is_match(line)
        || PAGE_LABEL.is_match(line)
        || rules::is_page_number(line)
        || rules::is_editor_line(line)
        || rules::is_debris(line)
}

const NUMERAL: &str = "[0-9〇○零一二三四五六七八九十]";

static DATELINE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!("({NUMERAL}{{2,4}}年)?({NUMERAL}{{1,3}}月)?{NUMERAL}{{1,3}}日");
    re(&format!(
        r"^(?:[【\[]\s*(?:本刊|本报|\p{{Han}}{{1,5}}社)\p{{Han}}{{0,8}}?(?:{date})?\s*(?:电|讯|专电)\s*[】\]]|据?(?:本报|\p{{Han}}{{1,4}}社)\p{{Han}}{{0,8}}?{date}\s*(?:电|讯|专电)|(?:本报|本刊)讯|据\p{{Han}}{{1,6}}(?:社|报|网|台)(?:电|消息|报道)?\s)"
    ))
});
static REPORTER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:本报|新华社)?(?:特约|见习|实习)?(?:记者|通讯员)\s*([\p{Han}、，\s]{2,24}?)\s*报道\s*[:：]?",
    )
});
static PAREN_NAMES: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[（(]([^()（）]{2,40})[)）]\s*"));
static ROLE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{0,8}?(记者|通讯员|撰稿|读者)\s*"));
static WRITER_AND_PHOTOGRAPHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\p{Han}{2,4})\s*/\s*文\s*(\p{Han}{2,4})\s*/\s*图$"));
static ORG_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]?\p{Han}{0,6}(记者|社|报)摄[)）]?$"));

/// Whether a paragraph opens with a dateline or a reporter's line.
fn opens_story(text: &str) -> bool {
    DATELINE_HEAD.is_match(text) || REPORTER_HEAD.is_match(text)
}

/// Names in a byline: `记者张锦芳、李拯宇`, `本报记者 戴月`.
fn names_in(text: &str) -> Vec<String> {
    text.replace(['、', '，', ',', '；'], " ")
        .split_whitespace()
        .map(|t| strip_role(t.trim_end_matches("报道")))
        .filter(|t| is_personal_name(t))
        .map(str::to_string)
        .collect()
}

/// The names of a byline line (`大学生科技报记者 何亮`, `杨孝慈 任光明`); one
/// bare name only after a blank line (else it is the tail of a wrapped
/// headline: `长城全周影院建` / `成开业`).
fn byline_names(line: &str, gap_before: bool) -> Option<Vec<String>> {
    if line.chars().count() > 30 || ends_sentence(line) {
        return None;
    }
    if let Some(caps) = WRITER_AND_PHOTOGRAPHER.captures(line) {
        let names: Vec<String> = [&caps[1], &caps[2]]
            .into_iter()
            .filter(|n| is_personal_name(n))
            .map(str::to_string)
            .collect();
        return (!names.is_empty()).then_some(names);
    }
    let line = line.replace('、', " ");
    let bare = ROLE_PREFIX.replace(&line, "");
    let had_role = bare.len() != line.len();
    let read = read_name_line(&bare)?;
    let signed =
        had_role || read.has_role || (read.all_personal && (read.names.len() >= 2 || gap_before));
    (!read.names.is_empty() && signed).then_some(read.names)
}

/// Reads the dateline or reporter's line a paragraph opens with: the
/// reporters named, and where the story starts.
fn read_dateline(text: &str) -> Option<(Vec<String>, String)> {
    let mut rest = text.trim();
    let head = DATELINE_HEAD
        .find(rest)
        .or_else(|| REPORTER_HEAD.find(rest))?;
    let mut names = Vec::new();
    if let Some(caps) = REPORTER_HEAD.captures(rest) {
        names = names_in(&caps[1]);
    }
    rest = rest[head.end()..].trim_start_matches([' ', ':', '：']);
    if let Some(caps) = PAREN_NAMES.captures(rest) {
        let inner = names_in(&caps[1]);
        if !inner.is_empty() || caps[1].contains("记者") {
            names.extend(inner);
            rest = &rest[caps.get(0).map_or(0, |m| m.end())..];
        }
    } else if let Some(caps) = REPORTER_HEAD.captures(rest) {
        names.extend(names_in(&caps[1]));
        rest = &rest[caps.get(0).map_or(0, |m| m.end())..];
    }
    Some((names, rest.trim().to_string()))
}

static CLOSING_NAMES: LazyLock<Regex> =
    LazyLock::new(|| re(r"[（(]([^()（）]{2,24})[)）]$|\s(\p{Han}{2,4}(?:\s\p{Han}{2,4}){0,3})$"));
static CLOSING_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"((^|\s)据\p{Han}{1,8}|\s*[（(]\p{Han}{1,8}(社|报|台|网)[)）])$"));

/// A paragraph's closing byline or source (`…份。 （杨季平）`, `…工作。 张庆龙`,
/// `…天。 据央视`, `（新华社）`): the names, and the paragraph without it.
fn closing_byline(paragraph: &str) -> Option<(Vec<String>, String)> {
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
fn role_credit(text: &str) -> bool {
    let bare = text.trim_matches(['（', '）', '(', ')', ' ']);
    let Some(who) = bare
        .strip_suffix("摄影")
        .or_else(|| bare.strip_suffix('摄'))
    else {
        return false;
    };
    let who = ROLE_PREFIX.replace(who.trim(), "");
    who.len() < bare.len() && byline_names(&who, true).is_some()
}

/// Reads the page's lines and kinds, from the blocks already cut.
fn read_lines(blocks: &[Block]) -> Vec<Line> {
    let mut lines = Vec::new();
    for block in blocks {
        for (k, raw) in block.lines.iter().enumerate() {
            let text = unspace(raw);
            lines.push(Line {
                no: block.line_no + k,
                width: display_width(&text),
                gap_before: if k == 0 { block.gap_before } else { 0 },
                kind: LineKind::Text,
                text,
            });
        }
    }
    for i in 0..lines.len() {
        let next = lines.get(i + 1).map_or("", |l| l.text.as_str());
        lines[i].kind = line_kind(&lines[i].text, next, lines[i].gap_before > 0);
    }
    mark_masthead(&mut lines);
    keep_wrap_tails(&mut lines);
    mark_boxed_furniture(&mut lines);
    lines
}

fn line_kind(text: &str, next: &str, gap_before: bool) -> LineKind {
    if let Some(m) = super::marker(text) {
        return LineKind::Marker(m);
    }
    if furniture_shape(text) {
        return LineKind::Furniture;
    }
    if let Some(label) = rules::column_label(text)
        .or_else(|| rules::brief_label(text))
        .or_else(|| rules::banner_label(text))
    {
        return LineKind::Label(label);
    }
    let head: String = format!("{text}{next}").chars().take(40).collect();
    if opens_story(&head) || EDITOR_NOTE.is_match(text) {
        return LineKind::Opener;
    }
    if let Some(names) = byline_names(text, gap_before) {
        return LineKind::Names(names);
    }
    if ORG_CREDIT.is_match(text) || rules::credit_line(text).is_some() || role_credit(text) {
        return LineKind::Credit;
    }
    LineKind::Text
}

/// The masthead: the paper's name among the page's first lines, before any
/// line of text longer than a section label.
fn mark_masthead(lines: &mut [Line]) {
    for line in lines.iter_mut().take(8) {
        if PAPER_NAME.is_match(&line.text) {
            line.kind = LineKind::Furniture;
        } else if line.kind != LineKind::Furniture && line.text.chars().count() > 6 {
            break;
        }
    }
}

/// One character under a line of text with no blank line between is the
/// tail of a wrap (`中国不会屈服于外来压` / `力`), not debris.
fn keep_wrap_tails(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let single = lines[i].text.chars().count() == 1 && lines[i].text.chars().all(is_han);
        if single && lines[i].gap_before == 0 && lines[i - 1].kind == LineKind::Text {
            lines[i].kind = LineKind::Text;
        }
    }
}

/// Furniture known by its place: a contents box (its label and the lines up
/// to the next blank line), a short section label or a lone name line set
/// between furniture.
fn mark_boxed_furniture(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if CONTENTS_LABEL.is_match(&lines[i].text) {
            lines[i].kind = LineKind::Furniture;
            i += 1;
            while i < lines.len() && lines[i].gap_before == 0 {
                lines[i].kind = LineKind::Furniture;
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    for i in 0..lines.len() {
        let furniture = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.kind == LineKind::Furniture)
        };
        let before = furniture(i.checked_sub(1));
        let after = furniture(Some(i + 1));
        let text = &lines[i].text;
        let short_label = lines[i].kind == LineKind::Text
            && text.chars().count() <= 4
            && text.chars().all(is_han)
            && (lines.get(i + 1).is_none_or(|l| l.gap_before > 0) || after);
        // A page label alone at the foot of the page.
        let foot_label = short_label && i + 1 == lines.len() && lines[i].gap_before > 0;
        let lone_names = matches!(lines[i].kind, LineKind::Names(_)) && after;
        if (before && i > 0 && (short_label || lone_names)) || foot_label {
            lines[i].kind = LineKind::Furniture;
        }
    }
}

/// The column width: the median width of text lines that run on into the
/// next line.
fn column_width(lines: &[Line]) -> usize {
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
    widths[widths.len() / 2]
}

impl Reading {
    fn is_full(&self, i: usize) -> bool {
        let l = &self.lines[i];
        self.width > 0
            && l.kind == LineKind::Text
            && l.width + 3 >= self.width
            && l.width <= self.width + 3
    }

    fn is_wide(&self, i: usize) -> bool {
        self.width > 0 && self.lines[i].width > self.width + 3
    }

    /// The next line that is not furniture, from `i` on.
    fn content_from(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&j| self.lines[j].kind != LineKind::Furniture)
    }

    /// The previous line that is not furniture, before `i`.
    fn content_before(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| self.lines[j].kind != LineKind::Furniture)
    }

    /// Whether the text before line `i` has closed: a finished sentence, a
    /// byline, a credit, or nothing at all.
    fn closed_before(&self, i: usize) -> bool {
        self.content_before(i).is_none_or(|p| {
            let l = &self.lines[p];
            match l.kind {
                LineKind::Text | LineKind::Opener => {
                    ends_sentence(&l.text) || closing_byline(&self.tail_text(p)).is_some()
                }
                LineKind::Label(_) => false,
                _ => true,
            }
        })
    }

    /// The end of the paragraph at line `p`: the line, with the one before
    /// when a closing byline was wrapped onto it (`…天。 据` / `央视`).
    fn tail_text(&self, p: usize) -> String {
        match p.checked_sub(1).map(|q| &self.lines[q]) {
            Some(q) if q.kind == LineKind::Text && self.lines[p].gap_before == 0 => {
                format!("{}{}", q.text, self.lines[p].text)
            }
            _ => self.lines[p].text.clone(),
        }
    }

    /// Whether the piece before line `i` ended in a byline, credit or source.
    fn piece_ended_before(&self, i: usize) -> bool {
        self.content_before(i).is_some_and(|p| {
            let l = &self.lines[p];
            let after_text = self
                .content_before(p)
                .is_some_and(|q| ends_sentence(&self.lines[q].text));
            (matches!(l.kind, LineKind::Names(_)) && after_text)
                || l.kind == LineKind::Credit
                || closing_byline(&self.tail_text(p)).is_some_and(|(_, before)| !before.is_empty())
        })
    }

    /// Whether the body starts at line `i`: a text line followed by two
    /// column-wide lines of the same paragraph.
    fn body_starts(&self, i: usize) -> bool {
        let l = &self.lines[i];
        if l.kind != LineKind::Text {
            return false;
        }
        let next: Vec<usize> = (i + 1..self.lines.len())
            .filter(|&j| self.lines[j].kind != LineKind::Furniture)
            .take(2)
            .collect();
        next.len() == 2
            && next.iter().all(|&j| self.is_full(j))
            && self.lines[next[0]].gap_before == 0
    }

    /// Where the headline lines that open at `at` end: the index of the
    /// first line after them (an opener, or the body), or `None` when no
    /// body follows within reach.
    fn header_end(&self, at: usize) -> Option<usize> {
        let mut count = 0;
        for j in at..self.lines.len() {
            match &self.lines[j].kind {
                LineKind::Furniture => continue,
                LineKind::Opener | LineKind::Names(_) => return Some(j),
                LineKind::Label(_) | LineKind::Marker(_) | LineKind::Credit if j > at => {
                    return None
                }
                // The first line starts the body only when it is not much
                // narrower than the column (else it is a short headline).
                _ if self.body_starts(j)
                    && (j > at || self.lines[j].width * 10 >= self.width * 6) =>
                {
                    return Some(j)
                }
                // A finished sentence is text, unless set wider than the
                // column (a deck).
                _ if ends_sentence(&self.lines[j].text) && !self.is_wide(j) => return None,
                _ => {}
            }
            count += 1;
            if count > MAX_HEADER_LINES {
                return None;
            }
        }
        None
    }

    /// The candidate boundary before line `i`, when the text before has
    /// closed (or a label or marker stands there).
    fn candidate(&self, i: usize) -> Option<Candidate> {
        let line = &self.lines[i];
        let mut cues = Vec::new();
        let mut header_end = i;
        match &line.kind {
            LineKind::Furniture => return None,
            LineKind::Marker(_) => cues.push(Cue::Marker),
            LineKind::Label(_) => {
                cues.push(Cue::Label);
                header_end = i + 1;
            }
            _ if !self.closed_before(i) => return None,
            LineKind::Opener if opens_story(&line.text) && !self.after_editors_note(i) => {
                cues.push(Cue::Dateline)
            }
            LineKind::Opener if EDITOR_NOTE.is_match(&line.text) => cues.push(Cue::EditorsNote),
            LineKind::Text => {
                let end = self.header_end(i)?;
                if end == i {
                    return None;
                }
                header_end = end;
                cues.push(Cue::Headline);
                let units = header_units(self, i, end);
                if units.len() >= 2 {
                    cues.push(Cue::HeadlineGroup);
                }
                let byline_after =
                    matches!(self.lines[end].kind, LineKind::Opener | LineKind::Names(_));
                if byline_after {
                    cues.push(Cue::BylineAfter);
                }
                if (i..end).any(|j| self.is_wide(j)) {
                    cues.push(Cue::WiderThanColumn);
                }
                let text_lines = (i..end)
                    .filter(|&j| self.lines[j].kind != LineKind::Furniture)
                    .count();
                if !byline_after && text_lines == 1 && line.text.chars().count() <= 12 {
                    cues.push(Cue::SubheadShape);
                }
            }
            _ => return None,
        }
        if line.gap_before > 0 && i > 0 {
            cues.push(Cue::Gap);
        }
        let furniture_before = self
            .content_before(i)
            .is_some_and(|p| (p + 1..i).any(|q| self.lines[q].kind == LineKind::Furniture));
        if furniture_before {
            cues.push(Cue::FurnitureBefore);
        }
        if self.piece_ended_before(i) {
            cues.push(Cue::PieceEnded);
        }
        let score = cues.iter().map(|c| c.weight()).sum();
        Some(Candidate {
            at: i,
            header_end,
            cues,
            score,
            chosen: false,
        })
    }

    /// Whether the paragraph before line `i` is an editors' note, which
    /// stands over the story that follows it.
    fn after_editors_note(&self, i: usize) -> bool {
        (0..i)
            .rev()
            .take_while(|&j| matches!(self.lines[j].kind, LineKind::Text | LineKind::Opener))
            .find(|&j| self.lines[j].kind == LineKind::Opener)
            .is_some_and(|j| EDITOR_NOTE.is_match(&self.lines[j].text))
    }

    /// Lines of text (not furniture) in `from..to`.
    fn text_lines(&self, from: usize, to: usize) -> usize {
        (from..to)
            .filter(|&j| self.lines[j].kind != LineKind::Furniture)
            .count()
    }

    /// Chooses the page's best set of boundaries: dynamic programming over
    /// the candidates, maximising the sum of (score − threshold) less a
    /// penalty for each piece shorter than [`MIN_PIECE_LINES`].
    fn choose(&mut self) {
        let n = self.candidates.len();
        let start = self.content_from(0).unwrap_or(0);
        // best[k]: the best total for a segmentation whose last boundary is
        // candidate k; from[k]: the boundary before it (None: the page top).
        let mut best = vec![i32::MIN; n];
        let mut from: Vec<Option<usize>> = vec![None; n];
        for k in 0..n {
            let at = self.candidates[k].at;
            if at <= start {
                continue;
            }
            // A score that reaches the threshold gains.
            let gain = self.candidates[k].score - THRESHOLD + 1;
            // A piece's body starts after its headline lines; when these run
            // into the next piece, after its first line.
            let cost = |piece: &Candidate| {
                let body_from = if piece.header_end <= at {
                    piece.header_end
                } else {
                    piece.at + 1
                };
                if self.text_lines(body_from.min(at), at) < MIN_PIECE_LINES {
                    SHORT_PIECE_PENALTY
                } else {
                    0
                }
            };
            best[k] = gain - cost(&self.candidate_at_top(start));
            for p in 0..k {
                if best[p] == i32::MIN {
                    continue;
                }
                let total = best[p] + gain - cost(&self.candidates[p]);
                if total > best[k] {
                    best[k] = total;
                    from[k] = Some(p);
                }
            }
        }
        let end = self.lines.len();
        let mut last = None;
        let mut total = 0;
        for (k, &score) in best.iter().enumerate() {
            if score == i32::MIN {
                continue;
            }
            let tail = if self.text_lines(self.candidates[k].at, end) < MIN_PIECE_LINES {
                SHORT_PIECE_PENALTY
            } else {
                0
            };
            if score - tail > total {
                total = score - tail;
                last = Some(k);
            }
        }
        while let Some(k) = last {
            self.candidates[k].chosen = true;
            last = from[k];
        }
    }
}

/// Reads a flowing page: line kinds, candidates, the chosen boundaries.
pub fn read_page(blocks: &[Block]) -> Reading {
    let lines = read_lines(blocks);
    let width = column_width(&lines);
    let mut reading = Reading {
        lines,
        candidates: Vec::new(),
        width,
    };
    reading.candidates = (0..reading.lines.len())
        .filter_map(|i| reading.candidate(i))
        .collect();
    reading.choose();
    reading
}

/// A headline unit: one headline line, or several wrapped at one width.
struct Unit {
    text: String,
    lines: usize,
    gap_before: bool,
}

/// Cuts headline lines into units: a line runs on from the one before when
/// it has the same width (a wrap) or is much shorter (the wrap's tail).
fn header_units(reading: &Reading, from: usize, to: usize) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut last_width = 0;
    let mut tail_taken = true;
    for j in from..to {
        let line = &reading.lines[j];
        if !matches!(line.kind, LineKind::Text | LineKind::Credit) {
            continue;
        }
        let w = line.width;
        let wraps = !tail_taken
            && line.gap_before == 0
            && (w.abs_diff(last_width) <= 1 || w * 10 <= last_width * 7);
        match units.last_mut() {
            Some(unit) if wraps => {
                unit.text = super::text::join_wrapped(&[unit.text.clone(), line.text.clone()]);
                unit.lines += 1;
                tail_taken = w + 1 < last_width;
            }
            _ => {
                units.push(Unit {
                    text: line.text.clone(),
                    lines: 1,
                    gap_before: line.gap_before > 0 && j > from,
                });
                tail_taken = false;
            }
        }
        last_width = w;
    }
    units
}

/// How much a unit looks like the headline of its group.
fn headline_likeness(unit: &Unit, index: usize, count: usize) -> i32 {
    let text = unit.text.as_str();
    let mut score = 0;
    if unit.lines >= 2 {
        score += 4;
    }
    if text.contains(['，', '、', '；', ',', ';']) {
        score -= 2;
    }
    if text.chars().count() > 24 {
        score -= 2;
    }
    if ends_sentence(text) {
        score -= 4;
    }
    if text.starts_with(['—', '-']) || text.ends_with(['—', '-']) {
        score -= 4;
    }
    let speech = ["说", "认为", "强调", "表示", "指出"];
    if text.ends_with([':', '：']) || speech.iter().any(|s| text.ends_with(s)) {
        score -= 4;
    }
    let preferred = if count >= 3 { 1 } else { 0 };
    if index == preferred {
        score += 1;
    }
    score
}

/// Reads the headline group: the title and the rest as subtitle.
fn title_and_subtitle(units: &[Unit]) -> (String, Option<String>) {
    let best = (0..units.len())
        .max_by_key(|&i| (headline_likeness(&units[i], i, units.len()), -(i as i32)))
        .unwrap_or(0);
    let title = squeeze_spaces(&units[best].text);
    let rest: Vec<String> = units
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, u)| close_cjk_spaces(&trim_dashes(&u.text)))
        .filter(|s| !s.is_empty())
        .collect();
    (title, (!rest.is_empty()).then(|| rest.join(" ")))
}

/// Builds the articles of a flowing page from its chosen boundaries.
pub fn articles(reading: &Reading) -> Vec<Article> {
    let mut starts: Vec<&Candidate> = reading.candidates.iter().filter(|c| c.chosen).collect();
    let first = reading.content_from(0);
    let mut out = Vec::new();
    let Some(first) = first else {
        return out;
    };
    // The page top opens the first piece, read like a candidate.
    let top = reading.candidate_at_top(first);
    if starts.first().is_none_or(|c| c.at > first) {
        starts.insert(0, &top);
    }
    let subheads: Vec<&Candidate> = reading
        .candidates
        .iter()
        .filter(|c| !c.chosen && c.cues.contains(&Cue::SubheadShape))
        .collect();
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(reading.lines.len(), |c| c.at);
        out.extend(
            piece(reading, start, end, &subheads)
                .into_iter()
                .filter_map(complete),
        );
    }
    out
}

impl Reading {
    /// The page's first piece, as if a boundary stood before it.
    fn candidate_at_top(&self, first: usize) -> Candidate {
        let header_end = match &self.lines[first].kind {
            LineKind::Label(_) | LineKind::Marker(_) => first + 1,
            LineKind::Text => self.header_end(first).unwrap_or(first),
            _ => first,
        };
        Candidate {
            at: first,
            header_end,
            cues: Vec::new(),
            score: 0,
            chosen: true,
        }
    }
}

/// Reads one piece (lines `start.at..end`) into its article, or several
/// when headlines were set together above their bodies.
fn piece(
    reading: &Reading,
    start: &Candidate,
    end: usize,
    subheads: &[&Candidate],
) -> Vec<Article> {
    let lines = &reading.lines;
    let mut article = empty_article();
    let mut header_from = start.at;
    let mut header_end = start.header_end.min(end);
    match &lines[start.at].kind {
        LineKind::Label(name) => {
            article.column = Some(name.clone());
            header_from = start.at + 1;
            header_end = if header_from < end {
                reading
                    .header_end(header_from)
                    .unwrap_or(header_from)
                    .min(end)
            } else {
                header_from
            };
        }
        LineKind::Marker(Marker::Headline(title)) => {
            article.title = title.clone();
            article.printed_title = true;
            header_from = start.at + 1;
            header_end = header_from;
        }
        LineKind::Marker(Marker::Break) => {
            header_from = start.at + 1;
            header_end = header_from;
        }
        _ => {}
    }
    // A piece whose lines never reach a body: its first unit, when shaped
    // like a headline, is the title and the rest is text.
    if header_end >= end && header_from < end {
        header_end = header_from;
        let units = header_units(reading, header_from, end);
        if let Some(unit) = units.first() {
            if !ends_sentence(&unit.text)
                && unit.text.chars().count() <= rules::MAX_HEADLINE_CHARS
                && units.len() > 1
            {
                header_end = (header_from..end)
                    .filter(|&j| lines[j].kind != LineKind::Furniture)
                    .nth(unit.lines)
                    .unwrap_or(end);
            }
        }
    }
    if header_from == header_end && header_from < end {
        if let Some(note) = EDITOR_NOTE.captures(&lines[header_from].text) {
            article.title = note[1].to_string();
            article.printed_title = true;
        }
    }
    let units = header_units(reading, header_from, header_end);
    let under_byline = header_end < end
        && matches!(
            lines[header_end].kind,
            LineKind::Opener | LineKind::Names(_)
        );
    let stacked = !under_byline && units.len() >= 2 && units.iter().skip(1).all(|u| u.gap_before);
    if stacked {
        if let Some(articles) = stacked_briefs(reading, &units, &article, header_end, end) {
            return articles;
        }
    }
    if !units.is_empty() && article.title.is_empty() {
        let (title, subtitle) = title_and_subtitle(&units);
        article.title = title;
        article.printed_title = true;
        article.subtitle = subtitle;
    }
    read_body(reading, &mut article, header_end, end, subheads);
    if article
        .column
        .as_deref()
        .is_some_and(|c| c.contains("图片"))
        && article.title.is_empty()
    {
        article.title = article.column.clone().unwrap_or_default();
        article.printed_title = true;
        article.kind = ArticleKind::Photo;
    }
    vec![article]
}

/// Headlines set one under another (each apart), then their bodies in the
/// same order, each body a block of its own: briefs under one label.
fn stacked_briefs(
    reading: &Reading,
    units: &[Unit],
    template: &Article,
    from: usize,
    end: usize,
) -> Option<Vec<Article>> {
    let lines = &reading.lines;
    let mut bodies: Vec<(usize, usize)> = Vec::new();
    for (j, line) in lines.iter().enumerate().take(end).skip(from) {
        if line.kind == LineKind::Furniture {
            continue;
        }
        let lone_source = closing_byline(&line.text).is_some_and(|(_, b)| b.is_empty());
        match bodies.last_mut() {
            Some(body) if line.gap_before == 0 || lone_source => body.1 = j + 1,
            _ => bodies.push((j, j + 1)),
        }
    }
    if bodies.len() < units.len() {
        return None;
    }
    let last = bodies.len() - 1;
    Some(
        units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let mut article = template.clone();
                article.title = squeeze_spaces(&unit.text);
                article.printed_title = true;
                let (a, b) = bodies[i];
                let b = if i + 1 == units.len() {
                    bodies[last].1
                } else {
                    b
                };
                read_body(reading, &mut article, a, b, &[]);
                article
            })
            .collect(),
    )
}

/// Reads body lines `from..to` into the article: byline, dateline,
/// paragraphs rejoined across wraps and furniture, subheads, captions, the
/// closing byline.
fn read_body(
    reading: &Reading,
    article: &mut Article,
    from: usize,
    to: usize,
    subheads: &[&Candidate],
) {
    let lines = &reading.lines;
    let mut paragraph: Vec<String> = Vec::new();
    let mut first_paragraph = true;
    let mut j = from;
    while j < to {
        let line = &lines[j];
        match &line.kind {
            LineKind::Furniture | LineKind::Marker(_) => {}
            LineKind::Label(name) => {
                if article.column.is_none() {
                    article.column = Some(name.clone());
                }
            }
            LineKind::Names(names) => {
                flush(article, &mut paragraph, &mut first_paragraph);
                if article.authors.is_empty() {
                    article.authors = names.clone();
                }
            }
            LineKind::Credit => {
                let credit = squeeze_spaces(&line.text);
                let text = paragraph.concat();
                paragraph.clear();
                let photo_piece = article.kind == ArticleKind::Photo
                    || article
                        .column
                        .as_deref()
                        .is_some_and(|c| c.contains("图片"));
                if photo_piece && article.authors.is_empty() {
                    article.authors = names_in(&credit.replace(['摄', '（', '）', '(', ')'], " "));
                }
                if text.is_empty() {
                    match article.captions.last_mut() {
                        Some(c) if c.credit.is_none() => c.credit = Some(credit),
                        _ => article.captions.push(Caption {
                            text: String::new(),
                            credit: Some(credit),
                        }),
                    }
                } else {
                    article.captions.push(Caption {
                        text: close_cjk_spaces(&text),
                        credit: Some(credit),
                    });
                }
            }
            LineKind::Opener | LineKind::Text => {
                if let Some(sub) = subheads.iter().find(|c| c.at == j && c.header_end > j) {
                    flush(article, &mut paragraph, &mut first_paragraph);
                    let heading: Vec<String> =
                        (j..sub.header_end).map(|k| lines[k].text.clone()).collect();
                    article
                        .body
                        .push(BodyPart::Subhead(squeeze_spaces(&heading.concat())));
                    j = sub.header_end;
                    continue;
                }
                let opens = line.kind == LineKind::Opener || line.gap_before > 0;
                if opens && paragraph.last().is_some_and(|l| ends_paragraph(l)) {
                    flush(article, &mut paragraph, &mut first_paragraph);
                }
                paragraph.push(line.text.clone());
                if ends_paragraph(&line.text)
                    || closing_byline(&line.text).is_some()
                    || BRACKET_CREDIT.is_match(&line.text)
                {
                    flush(article, &mut paragraph, &mut first_paragraph);
                }
            }
        }
        j += 1;
    }
    flush(article, &mut paragraph, &mut first_paragraph);
    if article.kind == ArticleKind::Story && article.paragraphs().next().is_none() {
        article.kind = ArticleKind::Photo;
    }
}

/// A line that can end a paragraph of a flowing page: a full stop, a
/// question or exclamation mark (a colon or semicolon at a line's end
/// mostly runs on into a list).
fn ends_paragraph(line: &str) -> bool {
    ends_sentence(line) && !line.trim_end().ends_with(['：', ':', '；', ';'])
}

/// Ends the paragraph being read: a dateline gives the authors, a caption
/// with its credit goes to the captions, a closing byline is taken off.
fn flush(article: &mut Article, paragraph: &mut Vec<String>, first: &mut bool) {
    if paragraph.is_empty() {
        return;
    }
    let mut text = super::text::join_wrapped(paragraph);
    paragraph.clear();
    if let Some((names, rest)) = read_dateline(&text) {
        if article.authors.is_empty() {
            article.authors = names;
        }
        text = rest;
    }
    if let Some((names, before)) = closing_byline(&text) {
        if article.authors.is_empty() {
            article.authors = names;
        }
        text = before;
    }
    let squeezed = squeeze_spaces(&text);
    if let Some((caption_text, credit)) = rules::caption_with_credit(&squeezed) {
        if !caption_text.is_empty() && !*first || article.body.is_empty() {
            article.captions.push(caption(&caption_text, Some(&credit)));
            if article.kind == ArticleKind::Photo && article.authors.is_empty() {
                article.authors = credit.names;
            }
            return;
        }
    }
    if let Some((caption_text, names)) = bracketed_credit(&squeezed) {
        if article.authors.is_empty()
            && article
                .column
                .as_deref()
                .is_some_and(|c| c.contains("图片"))
        {
            article.authors = names;
            push_paragraph(article, &caption_text);
        } else if article.body.is_empty() && !caption_text.is_empty() {
            article.captions.push(Caption {
                text: close_cjk_spaces(&squeezed),
                credit: None,
            });
        } else {
            push_paragraph(article, &caption_text);
        }
        *first = false;
        return;
    }
    *first = false;
    push_paragraph(article, &text);
}

static BRACKET_CREDIT: LazyLock<Regex> = LazyLock::new(|| re(r"[（(]([^()（）]{2,24})\s*摄[)）]$"));

/// Text ending in a bracketed photo credit (`…小女孩（程伟光 摄）`): the text
/// and the photographers.
fn bracketed_credit(text: &str) -> Option<(String, Vec<String>)> {
    let caps = BRACKET_CREDIT.captures(text)?;
    let names = names_in(&caps[1]);
    let before = text[..caps.get(0)?.start()].trim().to_string();
    (!names.is_empty()).then_some((before, names))
}

/// What `--explain` shows for a flowing page: every line's kind, every
/// candidate boundary with its cues and whether it was taken.
pub fn explain(reading: &Reading) -> String {
    let mut out = format!(
        "page read as a flowing export (column width {})\n",
        reading.width
    );
    for (i, line) in reading.lines.iter().enumerate() {
        if let Some(c) = reading.candidates.iter().find(|c| c.at == i) {
            let cues: Vec<String> = c
                .cues
                .iter()
                .map(|cue| format!("{}{:+}", cue.name(), cue.weight()))
                .collect();
            let _ = writeln!(
                out,
                "  {} boundary score {} (threshold {}): {}",
                if c.chosen { "==" } else { "--" },
                c.score,
                THRESHOLD,
                cues.join(" ")
            );
        }
        let _ = writeln!(out, "{:>5} {:<9} {}", line.no, line.kind.name(), line.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::blocks::split_blocks;
    use super::*;

    fn split(page: &str) -> Vec<Article> {
        articles(&read_page(&split_blocks(page)))
    }

    #[test]
    fn spaced_out_lines_close_up() {
        assert_eq!(unspace("1 9 8 6 年 1 0 月 4 日"), "1986年10月4日");
        assert_eq!(unspace("本版编辑：刘 畅 陈立新"), "本版编辑：刘 畅 陈立新");
    }

    #[test]
    fn datelines_in_chinese_numerals_and_brackets() {
        let (names, rest) = read_dateline("新华社一九七三年三月二十六日讯 国务院总理").unwrap();
        assert!(names.is_empty());
        assert_eq!(rest, "国务院总理");
        let (names, rest) =
            read_dateline("据新华社平壤6月27日电（记者张锦芳、李拯宇）朝鲜民主").unwrap();
        assert_eq!(names, ["张锦芳", "李拯宇"]);
        assert_eq!(rest, "朝鲜民主");
        let (names, rest) = read_dateline("本报鞍山18日电 记者陈迹、金雨困报道：我国").unwrap();
        assert_eq!(names, ["陈迹", "金雨困"]);
        assert_eq!(rest, "我国");
        let (_, rest) = read_dateline("【法新社北京十二日电】北京报纸").unwrap();
        assert_eq!(rest, "北京报纸");
        assert!(read_dateline("新华社的电讯具有非常重要的意义。").is_none());
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
    }

    #[test]
    fn pieces_without_blank_lines_split_at_headlines_confirmed_by_datelines() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "某某日报\n第一条新闻标题\n新华社北京五月三日电 这里是\n{body}正文结束了。\n第二条标\n题在这里\n本报讯 另一条\n{body}也结束了。\n"
        );
        let articles = split(&page);
        let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["第一条新闻标题", "第二条标题在这里"]);
        assert!(articles[1]
            .paragraphs()
            .next()
            .unwrap()
            .starts_with("另一条"));
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
        assert!(role_credit("新华社记者 王小明 摄"));
        assert!(role_credit("（本报记者 刘强 摄）"));
        let (names, _) = closing_byline("工作。（记者 张三）").unwrap();
        assert_eq!(names, ["张三"]);
        let (names, rest) = read_dateline("本报讯 通讯员王五、记者赵六报道：昨天").unwrap();
        assert_eq!(names, ["王五", "赵六"]);
        assert_eq!(rest, "昨天");
    }

    #[test]
    fn a_short_line_inside_a_story_is_a_subhead() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!("标题在此处\n本报记者 王小明\n{body}结束了。\n小标题\n{body}也完了。\n");
        let articles = split(&page);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].authors, ["王小明"]);
        assert!(articles[0]
            .body
            .contains(&BodyPart::Subhead("小标题".into())));
    }
}
