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
//! 4. headlines printed apart from their stories go to the stories whose
//!    openings share their words;
//! 5. each piece is read into an article: its headline group (kicker,
//!    headline, subtitle, deck), byline or dateline, paragraphs (rejoined
//!    across wraps and furniture), subheads, captions and closing byline.
//!
//! Files: `lines` (kinds), `bylines` (datelines, bylines, credits), `cues`
//! (candidate boundaries), `segment` (the dynamic programme), `headline`
//! (headline groups), `piece` (a piece read into its article).

mod bylines;
mod cues;
mod headline;
mod lines;
mod piece;
mod segment;

use std::fmt::Write as _;
use std::ops::Range;

use super::article::complete;
use super::blocks::{prints_no_blank_line, Block};
use super::rules;
use super::text::{ends_sentence, PairSet};
use crate::model::Article;
use bylines::closing_byline;
pub use cues::{Candidate, Cue, THRESHOLD};
use lines::{column_width, read_lines, sign_lone_names_under_headlines};
pub use lines::{Line, LineKind};
use piece::{piece, signed_by_photographer};

pub(super) use crate::split::text::re;

/// Whether a page flows: blocks that hold several paragraphs (a line that
/// ends a sentence inside a block), as PDF exports do; a page whose blocks
/// are paragraphs is read block by block instead. A paragraph hard-wrapped
/// in a narrow column ends a sentence at a line's end now and then too, so
/// such lines must be many (one in forty) and at least half as many as the
/// blocks that end a sentence. A page with no blank line at all between
/// lines run together is never a page of paragraphs.
pub fn is_flowing(blocks: &[Block]) -> bool {
    if runs_together(blocks) {
        return true;
    }
    let closes = |l: &&String| l.ends_with(['。', '！', '？']) || l.ends_with("。”");
    let lines: usize = blocks.iter().map(|b| b.lines.len()).sum();
    let inner_ends = blocks
        .iter()
        .flat_map(|b| &b.lines[..b.lines.len() - 1])
        .filter(closes)
        .count();
    let block_ends = blocks
        .iter()
        .filter_map(|b| b.lines.last())
        .filter(closes)
        .count();
    inner_ends >= 2 && inner_ends * 40 >= lines && inner_ends * 2 > block_ends
}

/// Whether the page prints no blank line between its lines, and some of
/// them run on in one block (a page of a paragraph per line is cut into
/// one block a line before it gets here).
fn runs_together(blocks: &[Block]) -> bool {
    prints_no_blank_line(blocks) && blocks.iter().any(|b| b.lines.len() >= 4)
}

/// A flowing page read: its lines, the candidate boundaries, the column
/// width.
pub struct Reading {
    pub lines: Vec<Line>,
    pub candidates: Vec<Candidate>,
    pub width: usize,
    /// For each line, how its paragraph closes: `Some(true)` when a closing
    /// byline or source follows text, `Some(false)` when the line is only
    /// one, `None` when there is none. Read once, asked for every candidate.
    closings: Vec<Option<bool>>,
    /// `text_before[i]`: lines that are not furniture before line `i`, so
    /// that the segmentation counts a piece's lines in one subtraction.
    text_before: Vec<usize>,
    /// `credited[i]`: whether line `i` ends in a photo credit after its
    /// caption (`…秀丽。 城市摄影队 张三 摄`).
    credited: Vec<bool>,
    /// `captions[i]`: where the photo captions that open at line `i` end
    /// (see [`Reading::captions_end`]). Read once, asked for every
    /// candidate and headline line.
    captions: Vec<Option<usize>>,
}

/// Reads a flowing page: line kinds, candidates, the chosen boundaries.
/// The blocks' lines become the page's lines (taken, not copied).
pub fn read_page(blocks: Vec<Block>) -> Reading {
    let mut lines = read_lines(blocks);
    let width = column_width(&lines);
    sign_lone_names_under_headlines(&mut lines, width);
    let mut text_before = Vec::with_capacity(lines.len() + 1);
    text_before.push(0);
    for line in &lines {
        let before = text_before.last().copied().unwrap_or(0);
        text_before.push(before + usize::from(line.kind != LineKind::Furniture));
    }
    let mut reading = Reading {
        lines,
        candidates: Vec::new(),
        width,
        closings: Vec::new(),
        text_before,
        credited: Vec::new(),
        captions: Vec::new(),
    };
    // A credit ends in a word with `摄` or `图`: the glance tells which
    // lines hold one.
    reading.credited = (0..reading.lines.len())
        .map(|i| {
            let l = &reading.lines[i];
            l.kind == LineKind::Text
                && l.glance.credit
                && reading.ends_in_credit(i, |t| rules::caption_with_credit(t).is_some())
        })
        .collect();
    reading.captions = reading.caption_runs();
    reading.closings = (0..reading.lines.len())
        .map(|p| {
            let closes = reading.lines[p].kind != LineKind::Furniture && reading.may_close_at(p);
            closes
                .then(|| closing_byline(&reading.tail_text(p)))
                .flatten()
                .map(|(_, before)| !before.is_empty())
        })
        .collect();
    reading.candidates = (0..reading.lines.len())
        .filter_map(|i| reading.candidate(i))
        .collect();
    reading.choose();
    reading
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
    let mut headlines = headlines_apart(reading, &starts);
    let stacks = headline_stacks(reading, &starts, &mut headlines);
    // Under a photo news label (`图片新闻`), each piece is a photo's story
    // and its photographer signs it, up to the next label.
    let mut photo_news = false;
    for (k, start) in starts.iter().enumerate() {
        if stacks[k] {
            continue;
        }
        let end = starts.get(k + 1).map_or(reading.lines.len(), |c| c.at);
        if let LineKind::Label(name) = &reading.lines[start.at].kind {
            photo_news = rules::is_photo_news_label(name);
        }
        out.extend(
            piece(reading, start, end, headlines[k].clone(), &subheads)
                .into_iter()
                .filter_map(complete)
                .map(|mut article| {
                    if photo_news && article.authors.is_empty() {
                        article.authors = signed_by_photographer(&article);
                    }
                    article
                }),
        );
    }
    out
}

/// Headlines printed apart from their bodies: the first piece's headline
/// lines hold groups parted by furniture (a page label printed between
/// them), and later pieces open on a dateline with no headline of their
/// own. Each such piece takes the next group, in page order; the first
/// keeps the first. For each piece, the lines its headline is read from
/// when they are not its own.
fn headlines_apart(reading: &Reading, starts: &[&Candidate]) -> Vec<Option<Range<usize>>> {
    let mut taken = vec![None; starts.len()];
    let Some(first) = starts.first() else {
        return taken;
    };
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut parted = false;
    for j in first.at..first.header_end.min(reading.lines.len()) {
        match reading.lines[j].kind {
            LineKind::Furniture => parted = true,
            LineKind::Text => match groups.last_mut() {
                Some(group) if !parted => group.end = j + 1,
                _ => {
                    groups.push(j..j + 1);
                    parted = false;
                }
            },
            _ => {}
        }
    }
    let headless: Vec<usize> = (1..starts.len())
        .filter(|&k| opens_headless(reading, starts[k]))
        .collect();
    if groups.len() < 2 || headless.len() + 1 < groups.len() {
        return taken;
    }
    taken[0] = Some(first.at..groups[1].start);
    for (group, &k) in groups[1..].iter().zip(&headless) {
        taken[k] = Some(group.clone());
    }
    taken
}

/// Whether the piece at `start` opens on its dateline with no headline
/// lines of its own.
fn opens_headless(reading: &Reading, start: &Candidate) -> bool {
    start.header_end <= start.at && reading.lines[start.at].kind == LineKind::Opener
}

/// Fewest pairs of Han characters a headline shares with the opening of
/// the story it heads, when it was printed apart from it.
const MIN_SHARED_PAIRS: usize = 2;
/// Most headlines in one stack that are matched to their stories.
const MAX_STACKED: usize = 5;
/// How many lines of a story's opening are read for the words it shares
/// with its headline.
const OPENING_LINES: usize = 8;

/// Headlines stacked apart from their stories. A piece of headline lines
/// only (captions may stand among them) over as many pieces opening on a
/// dateline with no headline as the stack holds headlines (groups set
/// apart by blank lines); or a piece whose own headline lines hold such
/// groups, one more than the headless pieces after it. The reading order
/// need not be the page's, so each headline goes to the story whose opening
/// shares the most pairs of characters with it: every one must share some,
/// and more than with any other story (a kicker apart from its headline
/// shares most with their own story, and stays). Fills `headlines` for the
/// stories; returns which pieces were stacks only (they are no articles).
fn headline_stacks(
    reading: &Reading,
    starts: &[&Candidate],
    headlines: &mut [Option<Range<usize>>],
) -> Vec<bool> {
    let mut stacks = vec![false; starts.len()];
    let end_of = |k: usize| starts.get(k + 1).map_or(reading.lines.len(), |c| c.at);
    for k in 0..starts.len() {
        if headlines[k].is_some() {
            continue;
        }
        let header_end = starts[k].header_end.min(end_of(k));
        let (groups, own) = match stacked_groups(reading, starts[k].at, end_of(k)) {
            Some(groups) => (groups, false),
            None => match stacked_groups(reading, starts[k].at, header_end) {
                Some(groups) => (groups, true),
                None => continue,
            },
        };
        let mut stories: Vec<usize> = own.then_some(k).into_iter().collect();
        stories.extend(
            (k + 1..starts.len())
                .take_while(|&j| opens_headless(reading, starts[j]) && headlines[j].is_none())
                .take(groups.len() - stories.len()),
        );
        if stories.len() != groups.len() || groups.len() > MAX_STACKED {
            continue;
        }
        let opening = |j: usize| {
            let from = if j == k { header_end } else { starts[j].at };
            let lines =
                (from..end_of(j).min(from + OPENING_LINES)).map(|l| reading.lines[l].text.as_str());
            PairSet::of(lines)
        };
        let openings: Vec<PairSet> = stories.iter().map(|&j| opening(j)).collect();
        let shared: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| {
                let head = PairSet::of(g.clone().map(|j| reading.lines[j].text.as_str()));
                openings.iter().map(|o| head.shared(o)).collect()
            })
            .collect();
        let Some(order) = best_matching(&shared) else {
            continue;
        };
        let favourite = |g: usize| {
            let row = &shared[g];
            (0..row.len()).all(|s| s == order[g] || row[s] < row[order[g]])
        };
        if (0..groups.len()).all(favourite) {
            for (g, &s) in order.iter().enumerate() {
                headlines[stories[s]] = Some(groups[g].clone());
            }
            stacks[k] = !own;
        }
    }
    stacks
}

/// The headline groups of piece `from..to` when it holds only headline
/// lines and captions: runs of lines that end no sentence, set apart by
/// blank lines or captions. `None` when a line of another kind, or a long
/// one that ends a sentence, stands there, or fewer than two groups.
fn stacked_groups(reading: &Reading, from: usize, to: usize) -> Option<Vec<Range<usize>>> {
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut parted = true;
    for j in from..to {
        let line = &reading.lines[j];
        match line.kind {
            LineKind::Furniture => continue,
            LineKind::Text if ends_sentence(&line.text) => {
                if line.text.chars().count() > rules::MAX_HEADLINE_CHARS {
                    return None;
                }
                parted = true;
            }
            LineKind::Text => match groups.last_mut() {
                Some(group) if !parted && line.gap_before == 0 => group.end = j + 1,
                _ => {
                    groups.push(j..j + 1);
                    parted = false;
                }
            },
            _ => return None,
        }
    }
    (groups.len() >= 2).then_some(groups)
}

/// The matching of rows to columns (a permutation) with the largest sum
/// of `shared`, every pair sharing at least [`MIN_SHARED_PAIRS`]; `None`
/// when there is none.
fn best_matching(shared: &[Vec<usize>]) -> Option<Vec<usize>> {
    fn extend(
        shared: &[Vec<usize>],
        order: &mut Vec<usize>,
        sum: usize,
        best: &mut Option<(usize, Vec<usize>)>,
    ) {
        let row = order.len();
        if row == shared.len() {
            if best.as_ref().is_none_or(|(b, _)| sum > *b) {
                *best = Some((sum, order.clone()));
            }
            return;
        }
        for col in 0..shared.len() {
            let pairs = shared[row][col];
            if !order.contains(&col) && pairs >= MIN_SHARED_PAIRS {
                order.push(col);
                extend(shared, order, sum + pairs, best);
                order.pop();
            }
        }
    }
    let mut best = None;
    extend(shared, &mut Vec::new(), 0, &mut best);
    best.map(|(_, order)| order)
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
    use super::*;
    use crate::model::{ArticleKind, BodyPart};
    use crate::split::blocks::split_blocks;

    fn split(page: &str) -> Vec<Article> {
        articles(&read_page(split_blocks(page)))
    }

    fn titles(articles: &[Article]) -> Vec<&str> {
        articles.iter().map(|a| a.title.as_str()).collect()
    }

    /// `count` lines of text that fill a 16-character column.
    fn full_lines(count: usize) -> String {
        "一二三四五六七八九十一二三四五六\n".repeat(count)
    }

    fn first_paragraph(article: &Article) -> &str {
        article.paragraphs().next().unwrap()
    }

    #[test]
    fn a_headline_of_spaced_phrases_after_a_closed_piece_opens_the_next() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n新风新景来眼前\n社区信息勤沟通 居民连心零距离\n“特大好消息，我们社区有了自\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        assert!(first_paragraph(&articles[1]).starts_with("“特大好消息"));
        // Without the spaces the two lines could be a section's subheads.
        let page = page.replace("勤沟通 居民", "勤沟通居民");
        assert_eq!(split(&page).len(), 1);
    }

    #[test]
    fn a_markdown_heading_on_a_flowing_page_is_a_headline_without_its_marks() {
        let body = full_lines(3);
        let page = format!(
            "# 第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了\n# 新风新景\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "新风新景"]);
        // Unmarked, the short line under a paragraph left open is a subhead.
        assert_eq!(split(&page.replace("# ", "")).len(), 1);
    }

    #[test]
    fn a_speakers_line_ending_in_a_colon_opens_the_body_under_a_headline() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n记者 王明 通讯员 李静 文/摄\n听，大家怎么说\n东风社区居民张女士：\n我们的小区是二十多年的老区，\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "听，大家怎么说"]);
        assert_eq!(articles[0].authors, ["王明", "李静"]);
        assert!(first_paragraph(&articles[1]).starts_with("东风社区居民张女士："));
    }

    #[test]
    fn a_sentence_closed_by_its_photo_credit_is_a_caption_never_a_headline() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n\n10月11日，国家主席在会场会见来访的总理。新华社记者张三摄\n\n新华社北京10月11日电\n（记者李四、王五）国\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert!(
            titles(&articles).iter().all(|t| !t.contains("摄")),
            "{:?}",
            titles(&articles)
        );
        assert!(articles.iter().any(|a| a.authors == ["李四", "王五"]));
    }

    #[test]
    fn a_caption_closed_by_its_credit_closes_the_text_before_a_headline() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n领导同志到机场迎接主席。新华社记者 王传国摄\n口\n美国国会推翻总统的否决\n新华社华盛顿十月二日电 美国参议\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "美国国会推翻总统的否决"]
        );
        // The debris under the credit is no wrap's tail, nor a headline's
        // line.
        assert_eq!(articles[1].subtitle, None);
        assert!(articles
            .iter()
            .all(|a| !a.paragraphs().any(|p| p.contains('口'))));
    }

    #[test]
    fn a_short_headline_after_furniture_is_no_subhead() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n\n口\n\n■\n\n刘开吉千里问富\n\n汽车在土路上颠簸前进。我们要去\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "刘开吉千里问富"]);
        // With nothing between, the short line is the story's subhead.
        let page = page.replace("\n\n口\n\n■\n", "\n");
        assert_eq!(titles(&split(&page)), ["第一条新闻的标题"]);
    }

    #[test]
    fn under_a_briefs_label_a_short_headline_after_a_closed_item_opens_the_next() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n新闻简报\n绵羊改良显著\n{body}第一则结束了。\n热水炉问世\n{body}第二则结束了。\n（存生）\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "绵羊改良显著", "热水炉问世"]
        );
        // Without the label, the short lines are subheads of one story.
        let page = page.replace("新闻简报\n", "");
        assert_eq!(titles(&split(&page)), ["第一条新闻的标题"]);
        // An item's dateline leaves the next item under the label.
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n简讯\n绵羊改良显著\n本报讯 （记者王小明）\n{body}第一则结束了。\n热水炉问世\n{body}第二则结束了。\n"
        );
        assert_eq!(
            titles(&split(&page)),
            ["第一条新闻的标题", "绵羊改良显著", "热水炉问世"]
        );
    }

    #[test]
    fn a_lone_name_between_a_short_headline_and_the_body_is_the_byline() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n\n永远革命 永不变质\n姚文锦\n今年才三十二岁的臧仓，是山西\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "永远革命 永不变质"]);
        assert_eq!(articles[1].authors, ["姚文锦"]);
        // Set apart from the body by a blank line, it is a headline's tail.
        let page = page.replace("姚文锦\n", "姚文锦\n\n");
        assert!(split(&page).iter().all(|a| a.authors.is_empty()));
    }

    #[test]
    fn a_writer_signs_after_their_post_under_a_kicker_in_clauses() {
        let body = full_lines(3);
        let page = format!(
            "厉行全面节约，克服一切浪费\n我们怎样发起“不领原材料工作日”\n中共沈阳变压器厂金工车间支部书记 刘凤洲\n自从党中央提出厉行全面节\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["我们怎样发起“不领原材料工作日”"]);
        assert_eq!(articles[0].authors, ["刘凤洲"]);
    }

    #[test]
    fn a_headline_over_its_dateline_set_apart_by_blank_lines_opens_a_piece_after_a_clipped_column()
    {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}\n\n\n港口开发紧锣密鼓\n本报海口电 记者王五报道：\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "港口开发紧锣密鼓"]);
        assert_eq!(articles[1].authors, ["王五"]);
        // One blank line is a paragraph's gap: the column runs on.
        let page = page.replace("\n\n\n港口", "\n港口");
        assert_eq!(split(&page).len(), 1);
        // Unless the one headline line over the dateline is set wider than
        // the column, as no line of text is.
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}\n“松花江第一漂”皮筏昨破浪抵哈港口开发\n本报海口电 记者王五报道：\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles)[1], "“松花江第一漂”皮筏昨破浪抵哈港口开发");
    }

    #[test]
    fn a_short_line_over_the_column_s_full_lines_is_a_headline_not_the_body_s_first() {
        let body = full_lines(3);
        let page = format!("热线电话\n路灯坏了该修了\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(titles(&articles), ["路灯坏了该修了"]);
        assert!(first_paragraph(&articles[0]).starts_with("一二三"));
    }

    #[test]
    fn spaced_phrases_as_wide_as_a_body_line_are_a_headline() {
        let body = full_lines(3);
        let page = format!("长江和黄河 可能发生秋汛\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(titles(&articles), ["长江和黄河 可能发生秋汛"]);
        assert!(first_paragraph(&articles[0]).starts_with("一二三"));
    }

    #[test]
    fn a_speaker_s_kicker_with_a_colon_stands_over_the_headline() {
        let body = full_lines(3);
        let page = format!("水利部:\n江河或有秋汛\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(articles.len(), 1);
        assert!(
            articles[0].title.contains("江河或有秋汛"),
            "{}",
            articles[0].title
        );
        assert!(first_paragraph(&articles[0]).starts_with("一二三"));
    }

    #[test]
    fn one_character_under_a_finished_sentence_is_debris_not_a_wrap_tail() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n口\n第二条新闻的标题\n本报讯 第二条的\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "第二条新闻的标题"]);
        assert_eq!(articles[1].subtitle, None);
        assert!(articles
            .iter()
            .all(|a| a.paragraphs().all(|p| !p.contains('口'))));
        // Under an unfinished line, one character is the wrap's tail.
        let page = page.replace("正文结束了。\n口", "正文到这里结\n束");
        assert!(first_paragraph(&split(&page)[0]).contains("正文到这里结束"));
    }

    #[test]
    fn a_wide_line_closed_by_a_full_stop_ends_the_piece_before_and_heads_nothing() {
        // A closing paragraph of one line, set wider than the column,
        // over the next story's headline group.
        let body = full_lines(4);
        let page = format!(
            "第一条新闻的标题\n本报北京三月五日电\n{body}正文到这里结束了。\n会见时在座的还有外交部副部长和秘书长。\n第二条新闻的标题\n本报北京三月六日电\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "第二条新闻的标题"]);
        assert!(articles[0]
            .paragraphs()
            .any(|p| p == "会见时在座的还有外交部副部长和秘书长。"));
    }

    #[test]
    fn the_first_item_under_a_briefs_label_keeps_its_headline() {
        // The item's headline runs near the column's width; its text's
        // lines run the full width.
        let text = "受来势凶猛的强热带风暴“凤凰”台风\n暴雨影响，地处宁海跃龙街道水车村上\n桥桥面积水严重，当地村民出行因此受\n".repeat(2);
        let page = format!(
            "第一条新闻的标题\n本报讯 记者张三报道：\n{text}正文到这里结束了。\n简讯\n宁海党员干部全力疏通积水\n{text}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].title, "宁海党员干部全力疏通积水");
        assert_eq!(articles[1].column.as_deref(), Some("简讯"));
    }

    #[test]
    fn a_headline_group_over_a_dateline_opens_a_story_after_text_broken_off() {
        // `pdftotext` read the first story's column apart: its text breaks
        // off mid-sentence, another story's headlines and dateline follow.
        let text = "一二三四五六七八九十一二三四五六七八，\n".repeat(4);
        let page = format!(
            "第一条新闻的标题\n本报长沙6月12日电记者吴兴华报道：\n{text}在合唱节中，各地区领导和县、市党委、人\n\n艺术节送戏到基层\n\n十多个剧团为6万多观众演出11场\n本报成都11月3日电记者刘玉琴报道：\n{text}今天上午，金牛乡鼓乐齐鸣。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].authors, ["刘玉琴"]);
        assert!(articles[1].title.starts_with("艺术节送戏到基层"));
        // A contents box's label may stand between the kicker and the headline.
        let page = format!(
            "第一条新闻的标题\n本报长沙6月12日电记者吴兴华报道：\n{text}在合唱节中，各地区领导和县、市党委、人\n\n各地剧团纷纷下乡演出\n\n本版要目\n\n艺术节送戏到基层\n十多个剧团为6万多观众演出11场\n本报成都11月3日电记者刘玉琴报道：\n{text}今天上午，金牛乡鼓乐齐鸣。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].title, "艺术节送戏到基层");
    }

    #[test]
    fn a_quotation_over_a_plain_line_is_the_headline() {
        let text = "一二三四五六七八九十一二三四五六七八，\n".repeat(4);
        let page = format!(
            "某某日报\n“有了这张地图，出门就不怕了”\n五百多份地图发放首日被领光\n本报12月11日讯（记者 张小明）\n{text}今天上午，金牛乡鼓乐齐鸣。\n"
        );
        let articles = split(&page);
        assert_eq!(articles[0].title, "“有了这张地图，出门就不怕了”");
    }

    #[test]
    fn photo_items_closed_by_their_credits_wrapped_or_glued_are_pieces_of_their_own() {
        let text = "一二三四五六七八九十一二三四五六七八，\n".repeat(3);
        let page = format!(
            "某某晚报\n冬捕时节 大鱼满网\n1月7日，湖上冬捕正在紧张进行中。数条\n{text}民驻足欣赏这一难得的丰收景象。记者李\n永刚摄\n水落石出\n1月6日，随着冬季枯水期的到来，长\n{text}来。 记者 李子云 摄\n碎石报气温\n1月7日，汉口常青路一栋写字楼门前，\n{text}里的上班族增添些许生活情趣。 记者 苗\n剑 摄\n购票不再排长队\n1月7日，在武昌火车站看到，这里的\n{text}还可以直接凭身份证刷脸进站乘车。 记\n者詹松 摄\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            [
                "冬捕时节 大鱼满网",
                "水落石出",
                "碎石报气温",
                "购票不再排长队"
            ]
        );
        // Each by its photographer, a wrapped credit's too.
        assert_eq!(articles[0].authors, ["李永刚"]);
        assert_eq!(articles[2].authors, ["苗剑"]);
    }

    #[test]
    fn a_headline_as_wide_as_the_column_over_a_credited_photo_heads_the_story_under_it() {
        // The headline and its subtitle run nearly the column's width.
        let body = "一二三四五六七八九十一二三四\n".repeat(3);
        let page = format!(
            "第一条新闻的标题\n新华社北京三月五日电\n{body}正文到这里结束了。\n华主席会见坦桑革命党代表团\n会见在亲切友好的气氛中进行\n华主席同卡瓦瓦团长亲切交谈。\n新华社记者摄\n新华社北京九月二十八日电\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        assert!(articles[1].title.starts_with("华主席会见坦桑革命党代表团"));
        assert_eq!(articles[1].captions.len(), 1);
        assert!(first_paragraph(&articles[1]).starts_with("一二三"));
    }

    #[test]
    fn headlines_stacked_apart_go_to_the_stories_whose_words_they_share() {
        let school = "昨日，我市中小学正式开学，全市\n中小学生结束了愉快的暑假生活。\n";
        let rain = "秋雨淅淅沥沥，带着欢乐的节奏来到\n校园，市建设路小学欢迎学生返校。\n";
        // The second story's headline is read first, a caption among them.
        let page = format!(
            "中小学生昨日欢喜入学\n\n校园书声起 入秋学子归\n市建设路小学迎开学\n\n老师扮卡通人偶，欢迎学生返校。\n\n本报讯（记者 魏新傲）\n{rain}{rain}\n本报讯（记者 李刚业）\n{school}{school}"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["校园书声起 入秋学子归", "中小学生昨日欢喜入学"]
        );
        assert_eq!(articles[0].authors, ["魏新傲"]);
        assert_eq!(articles[1].authors, ["李刚业"]);
        // Headlines that share no words with the stories stay where read.
        let page = page
            .replace("中小学生昨日欢喜入学", "甲乙丙丁戊己庚辛")
            .replace(
                "校园书声起 入秋学子归\n市建设路小学迎开学",
                "子丑寅卯辰巳午未",
            );
        assert_ne!(titles(&split(&page))[0], "子丑寅卯辰巳午未");
    }

    #[test]
    fn a_headline_read_over_another_storys_goes_to_the_story_whose_words_it_shares() {
        let statue = "网友发现书生铜像的嘴里叼了一根\n烟头，这些人真无聊，书生铜像是\n城市形象。\n";
        let guards = "长沙城管系统迅速响应，城管队员\n化身防疫战士，筑起安全屏障。\n";
        let page = format!(
            "长沙城管化身防疫战士\n\n谁给书生铜像叼的烟\n\n{statue}{statue}（见习记者 李心如）\n\n长沙晚报掌上长沙4月1日\n讯（全媒体记者 唐朝昭）{guards}{guards}"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["谁给书生铜像叼的烟", "长沙城管化身防疫战士"]
        );
        // The dateline wrapped before its `讯` opens the second story.
        assert_eq!(articles[1].authors, ["唐朝昭"]);
        // A kicker set apart from its headline shares most with their own
        // story: it stays.
        let page = page.replace("长沙城管化身防疫战士", "书生铜像又叼上烟头");
        assert!(titles(&split(&page))[0].starts_with("书生铜像又叼上烟头"));
    }

    #[test]
    fn a_short_headline_over_a_paragraph_closed_by_its_photo_credit_heads_a_photo_piece() {
        let body = "一二三四五六七八九十一二三四五六七八\n".repeat(3);
        let photo = "为了丰富职工业余文化生活，市总工会主\n办了歌唱比赛，来自全市二十名通过海选\n的选手参加了初赛。通讯员张锦清 记者\n羊荣江 摄影报道\n";
        let page = format!(
            "第一条新闻的标题\n本报讯 记者李大为报道 今\n{body}正文到这里结束了。\n外来建设者比拼好声音\n{photo}责任编辑：王芳\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "外来建设者比拼好声音"]
        );
        assert_eq!(articles[1].kind, ArticleKind::Photo);
        // The photographers on a line of their own under the paragraph.
        let own_line = page.replace("通讯员张锦清 记者\n羊荣江 摄影报道", "\n摄影 记者 王 蓉");
        assert_eq!(
            titles(&split(&own_line)),
            ["第一条新闻的标题", "外来建设者比拼好声音"]
        );
        // Without the credit the line is the story's subhead.
        let page = page.replace("通讯员张锦清 记者\n羊荣江 摄影报道", "\n大家都很高兴。");
        assert_eq!(titles(&split(&page)), ["第一条新闻的标题"]);
    }

    #[test]
    fn a_run_of_fact_lines_under_a_headline_is_body_not_headline() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(3);
        // Labels of two characters, and of four (`蹲点记者:`, `蹲点地区:`).
        for (head, title, first) in [
            ("街拍\n时间:3月6日上午\n地点:胜利南路天桥下\n有市民反映，天桥下", "街拍", "时间"),
            (
                "蹲点就是最好的城市日记\n蹲点记者:竺捷(时政要闻部记者)\n蹲点地区:四牌楼街道\n很多人以为，社区里",
                "蹲点就是最好的城市日记",
                "蹲点记者",
            ),
        ] {
            let article = &split(&format!("{head}\n{body}正文结束了。\n"))[0];
            assert_eq!(article.title, title);
            assert!(first_paragraph(article).starts_with(first));
        }
    }

    #[test]
    fn paragraphs_hard_wrapped_between_blank_lines_do_not_flow() {
        // Narrow columns: now and then a wrap falls right after a sentence.
        let plain = "一二三四五六七八九十\n一二三四五六七八九十\n一二三四五六七结束。\n\n";
        let wrapped_at_a_stop = "一二三四五六七八九十。\n一二三四五六七八九十\n一二三结束。\n\n";
        let page = format!(
            "标题在这里\n\n{}{}",
            plain.repeat(4),
            wrapped_at_a_stop.repeat(2)
        );
        assert!(!is_flowing(&split_blocks(&page)));
        // A PDF export: paragraphs end inside the blocks.
        let page = page.replace("\n\n", "\n");
        assert!(is_flowing(&split_blocks(&page)));
    }

    #[test]
    fn a_page_with_no_blank_line_flows_however_few_sentences_end_a_line() {
        let page = "标题在这里\n".to_string() + &"一二三四五六七八九十\n".repeat(6) + "结束。\n";
        assert!(is_flowing(&split_blocks(&page)));
        assert!(!is_flowing(&split_blocks(&page.replacen('\n', "\n\n", 1))));
    }

    #[test]
    fn pieces_without_blank_lines_split_at_headlines_confirmed_by_datelines() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "某某日报\n第一条新闻标题\n新华社北京五月三日电 这里是\n{body}正文结束了。\n第二条标\n题在这里\n本报讯 另一条\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻标题", "第二条标题在这里"]);
        assert!(first_paragraph(&articles[1]).starts_with("另一条"));
    }

    #[test]
    fn the_headline_is_the_unit_set_in_the_largest_type() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(3);
        // A kicker wrapped after 17 characters, the headline after 10, a
        // third line of the kicker's width that wraps on: units of their own.
        let page = format!(
            "决心改变某某市某某工厂连年亏损的\n局面\n\n五名青年站出来签\n订承包合同\n本报讯 为了改变\n{body}正文结束了。\n"
        );
        assert_eq!(split(&page)[0].title, "五名青年站出来签订承包合同");
        let page = format!(
            "为建设新生活而努力工作\n到祖国需要的地方\n首都一万余名毕\n业生走向工作岗\n位\n据新华社二十四日讯 首都\n{body}正文结束了。\n"
        );
        let article = &split(&page)[0];
        assert_eq!(article.title, "首都一万余名毕业生走向工作岗位");
        assert_eq!(
            article.subtitle.as_deref(),
            Some("为建设新生活而努力工作 到祖国需要的地方")
        );
    }

    #[test]
    fn headlines_printed_apart_go_to_the_pieces_that_open_without_one() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(3);
        let page = format!(
            "某某日报\n第一条新闻的标\n题在这里\n第1版\n总第16537期\n第二条新闻的标\n题在那里\n本报讯 第一条的\n{body}正文结束了。\n第2版\n新华社北京五月三日电 第二条的\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题在这里", "第二条新闻的标题在那里"]
        );
        assert!(first_paragraph(&articles[1]).starts_with("第二条的"));
    }

    #[test]
    fn briefs_under_a_label_with_no_blank_lines_part_at_indented_openings() {
        // Headlines stacked under the label, then each brief's body: its
        // first line set in by two characters, after a closed paragraph.
        let full = "一二三四五六七八九十一二\n";
        let page = format!(
            "某某日报\n新闻简报\n甲地宾馆定最\n低价格\n乙地煤矿营造\n森林\n甲地政府批准从九月\n{full}{full}{full}实施。\n乙地一手抓生产一手\n{full}{full}完成。\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["甲地宾馆定最低价格", "乙地煤矿营造森林"]
        );
        assert!(first_paragraph(&articles[1]).starts_with("乙地一手抓"));
    }

    #[test]
    fn a_headline_wrapped_in_large_type_after_a_page_break_opens_a_piece() {
        // The piece before closed, furniture, then one headline wrapped at
        // a narrower width than the text, and the body: no blank lines.
        let body = "一二三四五六七八九十一二\n".repeat(4);
        let page = format!(
            "某某晚报\n第一条的标题在此\n本报讯 第一条\n{body}第一条完了。\n校对：王小明\n另一篇稿件的\n标题在这里了\n甲乙丙丁戊己庚辛辰\n{body}第二条完了。\n"
        );
        assert_eq!(
            titles(&split(&page)),
            ["第一条的标题在此", "另一篇稿件的标题在这里了"]
        );
    }

    #[test]
    fn a_section_name_over_a_headline_and_byline_is_furniture() {
        let body = "一二三四五六七八九十一二\n".repeat(3);
        let page =
            format!("某某日报\n第3版\n国内新闻\n欢乐的农场\n本报记者 王小明\n{body}完了。\n");
        let articles = split(&page);
        assert_eq!(articles[0].title, "欢乐的农场");
        assert!(articles[0].subtitle.is_none());
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

    #[test]
    fn after_a_bracketed_byline_a_short_headline_opens_a_piece_without_one() {
        // The first story closes with its byline on a line of its own; the
        // second has no byline and a body of one short paragraph.
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n（记者 张三）\n春耕展开\n{}农民很忙。\n（朱冬娅）\n",
            "一二三四五六七八九十一二三\n".repeat(2)
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "春耕展开"]);
        assert_eq!(articles[1].authors, ["朱冬娅"]);
        assert!(!articles[0]
            .body
            .iter()
            .any(|p| matches!(p, BodyPart::Subhead(_))));
    }

    #[test]
    fn a_line_opening_with_a_dash_is_a_subtitle_even_at_the_headline_width() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page =
            format!("引题在这里\n标题在此处一二\n——副题在这里\n本报记者 王小明\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处一二"]);
        assert_eq!(
            articles[0].subtitle.as_deref(),
            Some("引题在这里 副题在这里")
        );
    }

    #[test]
    fn a_titled_photo_between_stories_is_a_photo_by_its_photographer() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n春色满园\n游客在公园赏花。\n本报记者 刘强 摄\n第二条标题\n本报记者 李四\n{body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "春色满园", "第二条标题"]);
        assert_eq!(articles[1].kind, ArticleKind::Photo);
        assert_eq!(articles[1].authors, ["刘强"]);
        assert_eq!(articles[1].captions[0].text, "游客在公园赏花。");
    }

    #[test]
    fn photos_between_a_headline_and_its_dateline_are_its_captions() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "江城的节日\n湖边日出，霞光满天。 城市摄影队 张三 摄\n游客在巷口合影留念。\n城市摄影队 李四 摄\n本报10月2日讯（记者王五）\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["江城的节日"]);
        assert_eq!(articles[0].authors, ["王五"]);
        let captions: Vec<&str> = articles[0]
            .captions
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(captions, ["湖边日出，霞光满天。", "游客在巷口合影留念。"]);
        assert!(articles[0].paragraphs().all(|p| p.starts_with('一')));
    }

    #[test]
    fn a_headline_wider_than_the_column_over_a_wider_caption_is_no_caption_line() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "搭建平台共享培训资源\n市报小记者站今天进驻城东学区\n学区部分小记者代表和报社代表在校门口合影留念。本报记者王五摄\n本报讯（记者王五）\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 1);
        assert!(articles[0].title.ends_with("市报小记者站今天进驻城东学区"));
        assert_eq!(articles[0].captions.len(), 1);
    }

    #[test]
    fn photo_captions_of_a_phrase_each_over_its_credit_stay_under_the_headline() {
        let page = "春节氛围组已就位\n“福”字送市民\n兰州日报社全媒体记者 谭安丽 摄\n年货节年味拉满\n兰州日报社全媒体记者 张鹏伟 摄\n这个时节的忙碌都是\n充满喜悦的：到年货节置\n办年货、在黄河岸边领取\n一副书法家现场写就的春\n联，新春的脚步越来越近了。\n";
        let articles = split(page);
        assert_eq!(titles(&articles), ["春节氛围组已就位"]);
        let captions: Vec<&str> = articles[0]
            .captions
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(captions, ["“福”字送市民", "年货节年味拉满"]);
        assert!(articles[0].paragraphs().all(|p| p.starts_with("这个时节")));
    }

    #[test]
    fn a_short_headline_over_its_byline_under_the_masthead_is_no_section_name() {
        let page = "北京日報\n\n一九五二年十月四日 星期六\n\n第 三 版\n\n报喜去\n\n贡振宝 作\n\n高炉响,轰隆隆,烟囱突突冒火星,\n天上的星星千千万,工厂里模范事迹数不清!\n嘿,报喜队,又来喽,前呼后拥紧着走。\n";
        let articles = split(page);
        assert_eq!(titles(&articles), ["报喜去"]);
        assert_eq!(articles[0].authors, ["贡振宝"]);
    }

    #[test]
    fn a_photo_title_in_two_lines_over_a_headless_story_heads_it() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "第一条标题\n新华社六日讯 {body}结束了。\n林枫副委员长接\n见外宾\n图为林枫同外宾交谈。\n新华社记者 张彬摄\n新华社六日讯 {body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条标题", "林枫副委员长接见外宾"]);
        assert_eq!(articles[1].captions[0].text, "图为林枫同外宾交谈。");
        assert_eq!(articles[1].paragraphs().count(), 1);
    }

    #[test]
    fn photo_news_pieces_are_signed_by_their_photographers() {
        let page = "图片新闻\n市民不文明旅游\n春节期间，记者发现有个别市民不文\n明旅游。在市区清风楼广场附近的运河段，\n记者看到一个空塑料瓶被丢弃在河边的杂\n草中，十分刺眼。\n爱护环境是每位市民的责任。大家春\n节放假出游时，莫要忘记带上“文明”。\n吕依霖 摄影报道\n井盖“张大口”\n六月十一日，记者途经市区南滨路时看\n到，该路段市体育场过洞下人行路面上一\n井盖损坏严重，希望相关部门尽快更换。\n本报记者 肖金雄 摄\n";
        let articles = split(page);
        assert_eq!(titles(&articles), ["市民不文明旅游", "井盖“张大口”"]);
        assert_eq!(articles[0].authors, ["吕依霖"]);
        assert_eq!(articles[1].authors, ["肖金雄"]);
    }

    #[test]
    fn a_short_unsigned_story_closed_by_its_photo_credit_is_the_photographers() {
        let body = "经过多番打听，记者昨日找到了其中一位\n民警。据了解，当天帮忙推车的除了他，\n还有中队的民警，以及四位附近的辅警。\n".repeat(4);
        let story = "“一年好景君须记，最是橙黄菊绿时。”\n近日，市区第三十九届群众菊花展在公园\n正式开展，为城市带来冬日限定浪漫，\n吸引大批市民游客前来打卡赏景。市民或\n携家带口漫步花径，或驻足花前拍照留念，\n孩童追着花香奔跑，老者在花境旁闲话家\n常，构成一幅温馨的城市生活画卷。\n";
        let page = format!(
            "第一条新闻的标题\n本报讯 记者李大为报道 今\n{body}正文到这里结束了。\n本报记者 朱敏敏\n市民打卡“菊展”美\n景\n{story}本报记者 袁笙 摄\n责任编辑：王芳\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "市民打卡“菊展”美景"]
        );
        assert_eq!(articles[1].authors, ["袁笙"]);
        // A longer story has a writer the page does not name.
        let more = "游客们说，今年的菊花开得格外好，比往\n年更美，大家流连忘返，久久不愿离去。\n"
            .repeat(3);
        let long = page.replace("本报记者 袁笙", &format!("{more}本报记者 袁笙"));
        let articles = split(&long);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "市民打卡“菊展”美景"]
        );
        assert!(articles[1].authors.is_empty());
    }

    #[test]
    fn a_summary_set_across_columns_under_a_headline_stays_over_its_dateline() {
        let summary = "今年大部地区棉花丰收，社员爱国热情高涨，踊跃售棉，收购进度是历年来最快的一年。现在广大棉农还在继续出售余棉，同时积极准\n备争取明年棉花增产。\n";
        let body: String = ["一", "二", "三", "四"]
            .iter()
            .map(|n| {
                format!("据有关部门负责人说，今年第{n}批棉花\n收购进度是历年以来最快的一年。\n")
            })
            .collect();
        let page = format!(
            "1963年12月29日 星期日\n\n全国棉花收购计划超额完成\n\n{summary}新华社二十七日讯 今年全国棉花收\n购计划已经提前超额完成。\n{body}"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["全国棉花收购计划超额完成"]);
        assert!(articles[0]
            .subtitle
            .as_deref()
            .is_some_and(|s| s.ends_with("增产。")));
    }

    #[test]
    fn a_headline_over_a_letters_salutation_opens_the_letter() {
        let story = "粮食厅最近组织了八十个工作组对全省\n的粮食保管工作进行了普查。会上就普查\n中所发现的问题作了认真的研究，并指出\n要认真加强对干部的政治思想教育。\n";
        let letter = "煤炭工业部在去年七月刚成立时，机关\n编制人数是八百二十一人，实有人数是九\n百多人，当时领导上准备精简一百人。\n";
        let page = format!(
            "全面检查粮食保管工作\n新华社南京30日电 江苏省\n{story}为什么要这样庞大的机构\n编辑同志：\n{letter}"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["全面检查粮食保管工作", "为什么要这样庞大的机构"]
        );
        // Without the salutation the line reads as the story's subhead.
        let page = page.replace("编辑同志：\n", "");
        assert_eq!(titles(&split(&page)), ["全面检查粮食保管工作"]);
    }

    /// The title and subtitle read from a headline group over a dateline
    /// and a body.
    fn read_group(group: &str) -> (String, Option<String>) {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!("{group}\n本报讯 （通讯员张俊杰）\n{body}结束了。\n");
        let articles = split(&page);
        (articles[0].title.clone(), articles[0].subtitle.clone())
    }

    #[test]
    fn a_box_of_facts_closed_by_its_hotline_has_ended_before_a_headline() {
        let story = "有人说：报纸是现实生活的缩影，上自天\n下大事，下至黎巷琐闻，都缩摄在这小小\n尺幅之中。现代人，更多地是把报纸作为\n了解社会的信息源。作为一个老人来说，\n我深有同感，喜爱之余还多了一份感恩。\n";
        let page = format!(
            "本市十大新闻候选条目\n本报讯 全市各地从多个层次、多个角度\n对城市精神展开大讨论，步伐明显加快。\n十大新闻评选\n投票时间：即日起至1月31日\n投票方式：剪下本报选票寄至本报总编室\n热线：（0754）8270000\n我与日报结缘\n忆起这半世报纸缘\n{story}"
        );
        // (Which of the two lines is the column's label, only type tells.)
        let articles = split(&page);
        assert_eq!(articles.len(), 2);
        let head = format!("{} {:?}", articles[1].title, articles[1].subtitle);
        assert!(head.contains("忆起这半世报纸缘"), "{head}");
        assert!(articles[1]
            .paragraphs()
            .next()
            .is_some_and(|p| p.starts_with("有人说")));
    }

    #[test]
    fn a_note_in_brackets_under_a_headline_is_no_part_of_it() {
        let (title, subtitle) = read_group("本市十大新闻候选条目\n（按事件发生时间为序）");
        assert_eq!(title, "本市十大新闻候选条目");
        assert_eq!(subtitle.as_deref(), Some("（按事件发生时间为序）"));
    }

    #[test]
    fn a_couplet_of_short_phrases_is_the_headline_of_its_group() {
        // Under a plain kicker, the couplet is the headline.
        let (title, subtitle) = read_group("新风新景来眼前\n社区信息勤沟通 居民连心零距离");
        assert_eq!(title, "社区信息勤沟通 居民连心零距离");
        assert_eq!(subtitle.as_deref(), Some("新风新景来眼前"));
        // A subtitle's spaced clauses run longer: no couplet, and nothing
        // tells the headline of the two lines, which together are the title.
        let (title, subtitle) =
            read_group("射击田径健儿顶风冒雨创纪录\n神枪手大比武鸣金收兵 田径场金牌战接近尾声");
        assert_eq!(
            title,
            "射击田径健儿顶风冒雨创纪录 神枪手大比武鸣金收兵 田径场金牌战接近尾声"
        );
        assert_eq!(subtitle, None);
    }

    #[test]
    fn a_couplet_opening_a_group_of_three_is_its_kicker() {
        let (title, subtitle) = read_group(
            "打破分割局面 实行行业管理\n扬州食品工业在改革中日趋繁荣\n去年年产值九亿二千万元居全市各行业第三位",
        );
        assert_eq!(title, "扬州食品工业在改革中日趋繁荣");
        assert_eq!(
            subtitle.as_deref(),
            Some("打破分割局面实行行业管理 去年年产值九亿二千万元居全市各行业第三位")
        );
    }

    #[test]
    fn two_single_headline_lines_nothing_tells_apart_are_one_title() {
        // Lines of one width would be one headline wrapped.
        let (title, subtitle) = read_group("美国国会推翻里根的否决\n参院通过对南非实行制裁的法案");
        assert_eq!(title, "美国国会推翻里根的否决 参院通过对南非实行制裁的法案");
        assert_eq!(subtitle, None);
        // A jump line between them sets the second apart: a subhead-like
        // line under the headline stays its subtitle.
        let (title, subtitle) = read_group("天津港的发展回顾\n（上接第1版）\n“天津港就是我的家”");
        assert_eq!(title, "天津港的发展回顾");
        assert_eq!(subtitle.as_deref(), Some("“天津港就是我的家”"));
    }

    #[test]
    fn a_deck_wrapped_wider_than_the_column_in_clauses_is_no_headline() {
        let (title, subtitle) =
            read_group("全市职工代表大会今天闭幕\n会议选举张三、李四为副主席，王五等十\n人为常委");
        assert_eq!(title, "全市职工代表大会今天闭幕");
        assert_eq!(
            subtitle.as_deref(),
            Some("会议选举张三、李四为副主席，王五等十人为常委")
        );
    }

    #[test]
    fn a_line_with_a_tail_of_its_own_opens_a_headline_unit() {
        let (title, _) = read_group(
            "纪念省劳动模范大会召开三十周年、全省职工技能比赛举办十周年\n全省职工决心发扬优良传统加快现代化\n建设\n省总工会领导机关集会决心做出新贡献",
        );
        assert_eq!(title, "全省职工决心发扬优良传统加快现代化建设");
    }

    #[test]
    fn a_datelines_bracket_wrapped_over_three_lines_names_all_its_reporters() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "我国建成五十个商品粮基地县\n新华社北京3月7日电 （经\n济日报记者田积金、新华社记者\n周贻昶）我国“六五”期间采用国\n{body}结束了。\n"
        );
        let article = &split(&page)[0];
        assert_eq!(article.authors, ["田积金", "周贻昶"]);
        assert!(first_paragraph(article).starts_with("我国“六五”"));
    }

    #[test]
    fn a_place_or_section_name_over_a_headline_is_its_kicker() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page =
            format!("武陟县\n留守儿童有了代理妈妈\n本报讯 （通讯员张俊杰）\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(titles(&articles), ["留守儿童有了代理妈妈"]);
        assert_eq!(articles[0].subtitle.as_deref(), Some("武陟县"));
    }

    #[test]
    fn a_dateline_of_a_papers_short_name_opens_a_piece() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n第二条新闻的标题\n快报讯（记者 田雪亭）\n{body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "第二条新闻的标题"]);
        assert_eq!(articles[1].authors, ["田雪亭"]);
    }

    #[test]
    fn a_dateline_of_an_outlets_full_name_opens_a_piece_in_either_script() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        for (dateline, wrapped, reporter) in [
            ("某某都市报讯（记者 王小", "明 某地报道）", "王小明"),
            ("某某文匯報訊（記者 蘇小", "明 某地報道）", "蘇小明"),
        ] {
            let page = format!(
                "标题在此处\n本报记者 李四\n{body}结束了。\n第二条新闻的标题\n{dateline}\n{wrapped}{body}也完了。\n"
            );
            let articles = split(&page);
            assert_eq!(titles(&articles), ["标题在此处", "第二条新闻的标题"]);
            assert_eq!(articles[1].authors, [reporter], "{dateline}");
            assert!(first_paragraph(&articles[1]).starts_with("一二三"));
        }
    }

    #[test]
    fn closing_names_wrapped_onto_the_next_line_sign_the_piece() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n第二条新闻的标题\n本报讯 {body}也完了。 李四海\n张三丰\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "第二条新闻的标题"]);
        assert_eq!(articles[1].authors, ["李四海", "张三丰"]);
        assert!(articles[1].paragraphs().all(|p| !p.contains("张三丰")));
        // A piece its dateline signed takes no closing names, nor their
        // wrapped tail.
        let page = page.replace("本报讯 ", "本报讯（记者 王五）");
        assert_eq!(split(&page)[1].authors, ["王五"]);
    }

    #[test]
    fn a_lone_name_between_a_headline_and_its_dateline_is_its_byline() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n\n祝福你，闯红灯的市民\n田雪亭\n\n快报讯（记者 田雪亭 见\n习记者 张颖）{body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "祝福你，闯红灯的市民"]);
        // The dateline names the byline's name and more: it is the fuller.
        assert_eq!(articles[1].authors, ["田雪亭", "张颖"]);
        // A name over another reporter's dateline is the headline's own.
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n\n深切缅怀杂交水稻之父\n袁隆平\n\n本报讯（记者 张颖）{body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles[1].authors, ["张颖"]);
        assert!(articles[1].title.contains("袁隆平"));
    }

    #[test]
    fn a_section_name_printed_again_at_the_foot_is_furniture() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "第02版\n声音\n某某晚报\n2013年8月19日 星期一\n标题在此处\n本报记者 王小明\n{body}结束了。\n声音\n投稿请寄本报评论部\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处"]);
        assert!(articles[0].paragraphs().all(|p| !p.contains("声音")));
    }

    #[test]
    fn a_symbols_label_inside_running_text_is_a_subhead_and_a_note_heading_no_headline_line() {
        let line = "一二三四五六七八九十一二三四五六七八\n";
        let body = line.repeat(3);
        let page = format!(
            "我们经历的一年\n编者按\n{body}祝广大读者新年好！\n■中国入世\n  三四五六七八九十一二三四五六七八\n{body}都结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["我们经历的一年"]);
        assert!(articles[0]
            .body
            .iter()
            .any(|part| matches!(part, BodyPart::Subhead(s) if s.contains("中国入世"))));
    }

    #[test]
    fn a_deck_without_final_punctuation_over_a_dateline_belongs_to_the_headline() {
        let body = "一二三四五六七八九十一二三四五六七八\n".repeat(2);
        let page = format!(
            "标题在此处\n本报记者 王小明\n{body}结束了。\n\
             赵紫阳总理举行招待会\n热烈庆祝新中国成立三\n十三周年\n七百多位中外人士出席\n\
             赵紫阳祝酒说，早日实现祖国统一，是\n十亿中国人民坚定不移的共同意志。我\n\
             们要同台湾同胞、港澳同胞和国外侨胞\n一起，继续共同努力\n\
             新华社北京9月30日电 国务院总理赵\n紫阳今晚在人民大会堂宴会厅举行招待会，\n\
             热烈庆祝中华人民共和国成立三十三周年。\n"
        );
        let articles = split(&page);
        assert_eq!(articles.len(), 2, "{:?}", titles(&articles));
        // The story opens at its dateline; the deck stays out of it.
        assert!(first_paragraph(&articles[1]).starts_with("国务院总理"));
    }

    #[test]
    fn a_byline_behind_a_symbol_or_a_logos_debris_is_a_byline() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "标题在此处\n□晚报记者 苏莉\n{body}结束了。\n第二条新闻的标题\nN海都记者 朱敏敏\n{body}也完了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处", "第二条新闻的标题"]);
        assert_eq!(articles[0].authors, ["苏莉"]);
        assert_eq!(articles[1].authors, ["朱敏敏"]);
    }

    #[test]
    fn a_writers_workplace_over_their_post_and_name_is_no_part_of_the_headline() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n我改变了对一位老社员的看法\n辽宁某县某某公社胜利大队\n某某沟生产队长 张德财\n{body}也结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(
            titles(&articles),
            ["第一条新闻的标题", "我改变了对一位老社员的看法"]
        );
        assert_eq!(articles[1].authors, ["张德财"]);
    }

    #[test]
    fn captions_wrapped_over_five_lines_of_a_narrow_column_stay_under_their_title() {
        let caption = "一二三四五六七八九十一二三\n".repeat(4) + "这是工人在生产的情形。\n";
        let page = format!(
            "某某日报\n给节日的献礼\n{caption}新华社记者 岳国芳摄\n{caption}新华社记者 白媖摄\n{caption}新华社记者 贾承滨摄\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["给节日的献礼"]);
        assert_eq!(articles[0].authors, ["岳国芳", "白媖", "贾承滨"]);
    }

    #[test]
    fn a_lone_name_under_a_dashed_subtitle_signs_the_piece() {
        let body = "一二三四五六七八九十一二三四五六七八\n".repeat(3);
        let page = format!(
            "某某日报\n为农民提供施展才华的舞台\n——某某沿海农村专业技术研究会扫瞄\n常征\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["为农民提供施展才华的舞台"]);
        assert_eq!(articles[0].authors, ["常征"]);
    }

    #[test]
    fn a_lone_name_under_a_subtitle_set_across_columns_signs_the_piece() {
        let body = "一二三四五六七八九十一二三\n".repeat(8);
        let page = format!(
            "某某日报\n炎炎夏日谁给我一片阴凉？\n遮阳设施缺乏令外出市民饱受日晒之苦\n曹文清\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(articles[0].authors, ["曹文清"]);
        // The question over it is the headline too, not a paragraph.
        assert_eq!(
            articles[0].title,
            "炎炎夏日谁给我一片阴凉？ 遮阳设施缺乏令外出市民饱受日晒之苦"
        );
        assert!(first_paragraph(&articles[0]).starts_with("一二三"));
    }

    #[test]
    fn a_short_headline_over_a_photos_paragraph_closed_by_its_credit_opens_a_photo_piece() {
        let body = "一二三四五六七八九十一二三四五六七\n".repeat(4);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n苗乡梨 助增收\n{body}群众稳定增收。严钦龙 摄\n{body}传统剪纸的魅力。\n张春林摄\n"
        );
        // Another photo's paragraph closed by its credit follows, not the
        // story's next paragraph.
        let articles = split(&page);
        assert_eq!(titles(&articles), ["第一条新闻的标题", "苗乡梨 助增收"]);
    }

    #[test]
    fn a_lone_name_after_the_last_sentence_at_the_pages_foot_signs_the_piece() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n郑依群\n责任编辑：钱晓东 美编：陆燕\n"
        );
        assert_eq!(split(&page)[0].authors, ["郑依群"]);
        // Above more text, the name may head what follows: it stays text.
        let page = format!("第一条新闻的标题\n本报讯 第一条的\n{body}正文结束了。\n郑依群\n{body}");
        assert!(split(&page)[0].authors.is_empty());
    }

    #[test]
    fn a_pen_name_in_brackets_under_the_last_sentence_signs_the_piece() {
        let body = full_lines(3);
        let page = format!(
            "第一条新闻的标题\n本报讯 第一条的\n{body}获金奖。\n（存生）\n第二条新闻的标题\n本报讯 第二条的\n{body}也结束了。\n"
        );
        assert_eq!(split(&page)[0].authors, ["存生"]);
        // Under a headline, the same shape is the headline's note.
        let page = format!("某某市物业管理办法\n（试行）\n本报讯 第一条的\n{body}结束了。\n");
        assert!(split(&page)[0].authors.is_empty());
    }

    #[test]
    fn short_lines_among_the_mastheads_parts_are_furniture() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!("A09\n社会/24小时\n海峡都市报\n2018年3月21日 星期三\n标题在此处\n本报记者 王小明\n{body}结束了。\n");
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处"]);
        assert_eq!(articles[0].subtitle, None);
    }

    #[test]
    fn teasers_hotlines_duty_editors_and_page_counts_are_furniture() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "兰州晚报\n今日16版 总第15000期\n标题在此处\n本报记者 王小明\n{body}结束了。\n新华社记者 张彬摄\n中共中央政治局召开会议 >>>02\n汉口江滩樱花进入盛花期 >>10版\n新闻热线：4286666 发行热线：6132999\n总值班：万星 值班主任：徐晓兵 美编：焦翔\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["标题在此处"]);
        assert_eq!(articles[0].authors, ["王小明"]);
        let text: String = articles[0].paragraphs().collect();
        assert_eq!(
            articles[0].captions[0].credit.as_deref(),
            Some("新华社记者 张彬摄")
        );
        for furniture in ["16版", ">>", "热线", "值班", "张彬"] {
            assert!(!text.contains(furniture), "{furniture} in {text}");
        }
    }

    #[test]
    fn a_frame_of_place_or_time_over_a_headline_is_its_kicker() {
        let body = "一二三四五六七八九十一二三\n".repeat(3);
        let page = format!(
            "在执行委员会会议上\n两位代表分别作了报告\n新华社北京十二日电 会议\n{body}结束了。\n"
        );
        let articles = split(&page);
        assert_eq!(titles(&articles), ["两位代表分别作了报告"]);
        assert_eq!(articles[0].subtitle.as_deref(), Some("在执行委员会会议上"));
    }
}
