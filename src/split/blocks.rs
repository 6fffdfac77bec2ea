//! Lines → blocks. A block is a run of non-blank lines; the blank lines before
//! it are kept as `gap_before`, because two or more blank lines are where the
//! export dropped a photo.

use std::borrow::Cow;

use super::names::{read_name_line, BYLINE_SYMBOLS, ROLES};
use super::rules::is_headline_shaped;
use super::text::{display_width, ends_sentence, read_line};

/// Blank lines that mark where a picture stood.
pub const IMAGE_GAP: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's lines, cleaned and trimmed, never empty.
    pub lines: Vec<String>,
    /// Blank lines between this block and the one before (or the page top).
    pub gap_before: usize,
    /// 1-based line number of the first line in the page.
    pub line_no: usize,
}

impl Block {
    pub fn is_single_line(&self) -> bool {
        self.lines.len() == 1
    }

    pub fn first(&self) -> &str {
        &self.lines[0]
    }
}

/// The `#` marks that open a markdown heading line (`## …` → 2).
pub fn heading_marks(line: &str) -> usize {
    line.len() - line.trim_start_matches('#').len()
}

/// Lines that always stand alone, even without blank lines around them:
/// markdown headings and the editors' `@@` markers.
fn stands_alone(line: &str) -> bool {
    line.starts_with('#') || line.starts_with("@@")
}

/// Splits page text into blocks. Line endings may be LF, CRLF or CR.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = 0;
    let mut open = false;
    let normalised = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    for (i, raw) in normalised.split('\n').enumerate() {
        let line = read_line(raw);
        if line.is_empty() {
            gap += 1;
            open = false;
            continue;
        }
        let alone = stands_alone(&line);
        match blocks.last_mut() {
            Some(block) if open && !alone && !stands_alone(block.first()) => block.lines.push(line),
            _ => {
                blocks.push(Block {
                    lines: vec![line],
                    gap_before: gap,
                    line_no: i + 1,
                });
                gap = 0;
            }
        }
        open = true;
    }
    blocks
}

/// Characters a line ending a sentence must have, at the median, for the
/// page to print a paragraph per line: wider than the columns of pages
/// wrapped at the column.
const MIN_PARAGRAPH_LINE: usize = 24;

/// A page that prints one paragraph per line with no blank line between
/// (text copied from an article page) is read as if each line stood apart.
/// Its lines that end a sentence are whole paragraphs, at least twice as
/// long as the others (headlines, bylines, furniture); on a hard-wrapped
/// page they are paragraphs' last lines, no longer than the rest. Other
/// pages come back as they are.
pub fn lines_as_paragraphs(blocks: Vec<Block>) -> Vec<Block> {
    let mut ended = Vec::new();
    let mut open = Vec::new();
    for line in blocks.iter().flat_map(|b| &b.lines[..b.lines.len() - 1]) {
        let chars = line.chars().count();
        if ends_sentence(line) {
            ended.push(chars);
        } else {
            open.push(chars);
        }
    }
    let (ended, open) = (median(&mut ended), median(&mut open));
    let by_sentence_ends = ended >= MIN_PARAGRAPH_LINE && 2 * ended >= 3 * open;
    if !by_sentence_ends && !runs_on_in_long_lines(&blocks) {
        return blocks;
    }
    blocks
        .into_iter()
        .flat_map(|block| {
            let Block {
                lines,
                gap_before,
                line_no,
            } = block;
            lines.into_iter().enumerate().map(move |(k, line)| Block {
                lines: vec![line],
                gap_before: if k == 0 { gap_before } else { 0 },
                line_no: line_no + k,
            })
        })
        .collect()
}

/// Whether no blank line stands anywhere between the page's blocks.
pub fn prints_no_blank_line(blocks: &[Block]) -> bool {
    blocks.iter().skip(1).all(|b| b.gap_before == 0)
}

/// Display width from which a line is wider than any newspaper column: a
/// paragraph printed on one line.
const PARAGRAPH_LINE_WIDTH: usize = 100;

/// Whether the page prints no blank line at all and most of its text (in
/// bytes) stands in lines wider than any column: paragraphs a line each,
/// whatever their last characters (a credit, a semicolon). A line is never
/// wider than its bytes, so only long ones are measured.
fn runs_on_in_long_lines(blocks: &[Block]) -> bool {
    if !prints_no_blank_line(blocks) {
        return false;
    }
    let (mut long, mut all) = (0, 0);
    for line in blocks.iter().flat_map(|b| &b.lines) {
        all += line.len();
        if line.len() >= PARAGRAPH_LINE_WIDTH && display_width(line) >= PARAGRAPH_LINE_WIDTH {
            long += line.len();
        }
    }
    2 * long >= all && all > 0
}

/// A byline printed as the first line of a block, the text run on under it
/// with no blank line (`□张持坚` / `传来纪念…的消息`), stands apart: a
/// line behind a byline's mark, or opening with a role word, that holds
/// personal names only. So does one printed as the last line of a
/// headline's lines (`…过大年` / `活跃南京春节氛围` / `中新社记者 王国安 陈思平`),
/// and a lone name under a headline line too short to have wrapped
/// (`我要继续前进` / `穆祥雄`).
pub fn bylines_apart(blocks: Vec<Block>) -> Vec<Block> {
    // The page's wrap width is asked only of a page that holds a block of
    // that shape: sorting every line's width is no work for every page.
    let width = blocks
        .iter()
        .any(is_headline_over_lone_name)
        .then(|| wrap_width(&blocks))
        .flatten();
    let mut apart = Vec::with_capacity(blocks.len());
    for block in blocks {
        if byline_under_headline(&block) || name_under_short_headline(&block, width) {
            let last = block.lines.len() - 1;
            part(block, last, &mut apart);
            continue;
        }
        let first = block.first();
        let marked =
            first.starts_with(BYLINE_SYMBOLS) || ROLES.iter().any(|r| first.starts_with(r));
        let byline = block.lines.len() > 1
            && marked
            && first.chars().count() <= MAX_BYLINE_CHARS
            && read_name_line(first).is_some_and(|l| l.all_personal && !l.names.is_empty());
        if byline {
            part(block, 1, &mut apart);
        } else {
            apart.push(block);
        }
    }
    apart
}

/// Pushes the block parted before its line `at`: the lines from there on
/// stand as a block of their own, run on with no gap.
fn part(mut block: Block, at: usize, apart: &mut Vec<Block>) {
    let rest = block.lines.split_off(at);
    let line_no = block.line_no + at;
    apart.push(block);
    apart.push(Block {
        lines: rest,
        gap_before: 0,
        line_no,
    });
}

/// Whether the last line of a block of headline lines is a byline: a role
/// (`中新社记者`) and personal names only.
fn byline_under_headline(block: &Block) -> bool {
    block.lines.split_last().is_some_and(|(last, heads)| {
        !heads.is_empty()
            && last.chars().count() <= MAX_BYLINE_CHARS
            && heads.iter().all(|l| is_headline_shaped(l))
            && read_name_line(last)
                .is_some_and(|l| l.has_role && l.all_personal && !l.names.is_empty())
    })
}

/// Whether a block is a headline line and a lone personal name: the line
/// runs less than half the page's wrap `width`, so the name is no wrapped
/// tail of it (a headline in large type wraps at fewer characters than the
/// text, but at more than half as many: `长城全周影院建` / `成开业`).
fn name_under_short_headline(block: &Block, width: Option<usize>) -> bool {
    width.is_some_and(|width| display_width(block.first()) * 2 < width)
        && is_headline_over_lone_name(block)
}

/// Whether a block is two lines, a headline line over a lone personal name
/// with no role (`我要继续前进` / `穆祥雄`).
fn is_headline_over_lone_name(block: &Block) -> bool {
    let [head, name] = &block.lines[..] else {
        return false;
    };
    head.chars().count() > 4
        && is_headline_shaped(head)
        && read_name_line(name).is_some_and(|l| l.all_personal && l.tokens == 1 && !l.has_role)
}

/// The most characters of a byline line set apart from its block.
const MAX_BYLINE_CHARS: usize = 24;

/// The middle value, 0 for none.
fn median(values: &mut [usize]) -> usize {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or(0)
}

/// The width (in columns) to which the page's text was hard-wrapped, if it
/// was: the median width of the lines that are not the last of their block.
/// Pages whose paragraphs are one line each have none.
pub fn wrap_width(blocks: &[Block]) -> Option<usize> {
    let mut widths: Vec<usize> = blocks
        .iter()
        .filter(|b| b.lines.len() > 1)
        .flat_map(|b| {
            b.lines[..b.lines.len() - 1]
                .iter()
                .map(|l| display_width(l))
        })
        .collect();
    if widths.len() < 6 {
        return None;
    }
    widths.sort_unstable();
    Some(widths[widths.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_gaps_and_line_numbers() {
        let b = split_blocks("\n\n标题\n\n正文一行\r\n续行\n\n\n\n图片说明");
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].gap_before, b[0].line_no), (2, 3));
        assert_eq!(b[1].lines, vec!["正文一行", "续行"]);
        assert_eq!(b[2].gap_before, 3);
    }

    #[test]
    fn headings_and_markers_stand_alone() {
        let b = split_blocks("# 标题\n作者\n@@ break\n正文");
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn wrap_width_is_found_only_on_wrapped_pages() {
        let wrapped = "一二三四五六七八九十\n一二三四五六七八九十\n一二\n\n".repeat(4);
        assert_eq!(wrap_width(&split_blocks(&wrapped)), Some(20));
        assert_eq!(wrap_width(&split_blocks("一段。\n\n又一段。\n\n")), None);
    }

    #[test]
    fn a_page_of_one_paragraph_per_line_is_read_line_by_line() {
        let page = "城市更新让生活更美好\n本报记者 王小明\n".to_string()
            + &"近日，某市完成了老旧小区改造工作，居民们纷纷表示满意。\n".repeat(8);
        let blocks = lines_as_paragraphs(split_blocks(&page));
        assert_eq!(blocks.len(), 10);
        assert_eq!(blocks[1].lines, vec!["本报记者 王小明"]);
        // A hard-wrapped page keeps its blocks.
        let wrapped = "近日，某市完成了老旧小区改造\n工作，共涉及小区四十多个，惠\n及居民两万余户，居民们纷纷表\n示满意。\n".repeat(4);
        assert_eq!(lines_as_paragraphs(split_blocks(&wrapped)).len(), 1);
    }

    #[test]
    fn a_byline_over_the_text_it_runs_into_stands_apart() {
        let page =
            "前行路上的老师\n\n□张持坚\n传来纪念创办75周年的消息\n,脑海里立刻浮现出老报人的形象。";
        let blocks = bylines_apart(split_blocks(page));
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].lines, ["□张持坚"]);
        assert_eq!((blocks[2].line_no, blocks[2].gap_before), (4, 0));
        // A paragraph's first line is no byline, even when a name opens it.
        let text = "张持坚说\n传来纪念创办75周年的消息。";
        assert_eq!(bylines_apart(split_blocks(text)).len(), 1);
    }

    #[test]
    fn a_byline_under_the_headline_lines_of_its_block_stands_apart() {
        let page =
            "南京百万市民城乡互动过大年\n活跃南京春节氛围\n中新社记者 王国安 陈思平\n\n正文。";
        let blocks = bylines_apart(split_blocks(page));
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].lines.len(), 2);
        assert_eq!(blocks[1].lines, ["中新社记者 王国安 陈思平"]);
        assert_eq!((blocks[1].line_no, blocks[1].gap_before), (3, 0));
        // Under a sentence, a line of names stays where it is.
        let text = "活动很热闹。\n记者 王国安";
        assert_eq!(bylines_apart(split_blocks(text)).len(), 1);
    }

    #[test]
    fn a_lone_name_under_a_headline_too_short_to_have_wrapped_stands_apart() {
        let text = "从八月三十日第二次破世界\n纪录后，我对在全运会上创\n造更好的成绩充满信心。\n\n"
            .repeat(4);
        let page = format!("我要再前进\n穆祥雄\n\n{text}长城全周影院建\n成开业\n\n{text}");
        let blocks = bylines_apart(split_blocks(&page));
        assert_eq!(blocks[0].lines, ["我要再前进"]);
        assert_eq!(blocks[1].lines, ["穆祥雄"]);
        // A headline over half the column's width may have wrapped its tail.
        assert!(blocks
            .iter()
            .any(|b| b.lines == ["长城全周影院建", "成开业"]));
    }

    #[test]
    fn a_page_of_long_lines_with_no_blank_line_is_read_line_by_line() {
        // Its one paragraph ends in a photo credit, not a sentence.
        let paragraph = "近日，某市完成了老旧小区改造工作，共涉及小区四十多个，惠及居民两万余户。居民们纷纷表示满意。本报记者 王小明 摄";
        let page =
            format!("某某日报 2024年3月5日\n■ 图片新闻\n井盖破损\n{paragraph}\n责任编辑：李四");
        assert_eq!(lines_as_paragraphs(split_blocks(&page)).len(), 5);
        // With a blank line somewhere, the page's blocks are its own.
        let spaced = page.replacen('\n', "\n\n", 1);
        assert_eq!(lines_as_paragraphs(split_blocks(&spaced)).len(), 2);
    }
}
