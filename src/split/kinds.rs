//! Blocks → kinds: what each block of a page read block by block is (its
//! kind), and what it says as a paragraph, a headline or a byline.

use super::blocks::Block;
use super::names::{
    bracketed_byline, is_institution_signature, name_under_workplace, post_byline, read_name_line,
    NameLine,
};
use super::rules::{self, Credit};
use super::text::{display_width, join_wrapped, squeeze_spaces};
use super::{marker, Marker};

/// What a block is, read on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Furniture,
    Marker(Marker),
    Column(String),
    Heading(String),
    Names(Vec<String>),
    Credit(Credit),
    Caption(String, Credit),
    Text,
}

pub(super) fn classify(block: &Block) -> Kind {
    let single = block.is_single_line();
    let line = block.first();
    // A contents box (its label marked up as a heading or not), or a
    // notice under its label (`更正` / `本报…特此更正。`).
    if rules::is_contents_label(line) || (!single && rules::is_notice_label(line)) {
        return Kind::Furniture;
    }
    if single {
        if let Some(m) = marker(line) {
            return Kind::Marker(m);
        }
        if line.starts_with('#') {
            let title = squeeze_spaces(line.trim_start_matches('#'));
            if title.is_empty() {
                return Kind::Furniture;
            }
            // A label over briefs heads its items however it is marked up.
            return match rules::brief_label(&title) {
                Some(name) => Kind::Column(name),
                None => Kind::Heading(title),
            };
        }
        if rules::is_debris(line)
            || rules::is_page_number(line)
            || rules::is_box_label(line)
            || rules::is_masthead_band(line)
            || rules::is_notice(line)
        {
            return Kind::Furniture;
        }
    }
    // A contents box under a label not known as one (`本报今日四版`).
    let contents_lines = || block.lines[1..].iter().all(|l| rules::is_contents_line(l));
    if block.lines.len() > rules::MIN_CONTENTS_LINES && contents_lines() {
        return Kind::Furniture;
    }
    // Footers, credits, author lines and captions are short; a long block
    // is text.
    if block.lines.iter().map(String::len).sum::<usize>() > 600 {
        return Kind::Text;
    }
    let joined = squeeze_spaces(&block.lines.join(" "));
    // The imprint is one line.
    let imprint = || single && rules::is_imprint(&joined);
    let footer = |line: &str| rules::is_editor_line(line) || rules::is_contact_line(line);
    // A footer's lines may stand in one block (a hotline over the editors,
    // under a box's notices).
    let footer_lines = || {
        !single && (block.lines.iter()).all(|l| footer(&squeeze_spaces(l)) || rules::is_notice(l))
    };
    // The editors' sign-off (`——编者`) closes their note; it is no byline.
    let sign_off = || single && rules::is_editors_sign_off_line(line);
    if footer(&joined) || imprint() || footer_lines() || sign_off() {
        return Kind::Furniture;
    }
    if is_institution_signature(&joined) {
        return Kind::Names(Vec::new());
    }
    if let Some(names) = rules::writer_credit(&joined) {
        return Kind::Names(names);
    }
    if let Some(name) = single.then(|| post_byline(&joined)).flatten() {
        return Kind::Names(vec![name]);
    }
    if let [workplace, post] = &block.lines[..] {
        if let Some(name) = name_under_workplace(workplace, post) {
            return Kind::Names(vec![name]);
        }
    }
    if single {
        // A label over briefs (`简讯`) heads its items as a column does, and
        // is read before names, since such labels read as names (`简`).
        if let Some(name) = rules::column_label(line).or_else(|| rules::brief_label(line)) {
            return Kind::Column(name);
        }
    }
    if let Some(credit) = rules::credit_line(&joined) {
        return Kind::Credit(credit);
    }
    // A byline or source in brackets on a line of its own closes the piece
    // above.
    if single && rules::is_bracketed_source(&joined) {
        return Kind::Names(Vec::new());
    }
    if let Some((0, names)) = bracketed_byline(&joined) {
        return Kind::Names(names);
    }
    if let Some(NameLine {
        names,
        all_personal: true,
        ..
    }) = read_name_line(&joined)
    {
        return Kind::Names(names);
    }
    // A caption wrapped in a narrow column may break inside its credit
    // (`（新快` / `报 王小明 摄）`): read it rejoined as a paragraph too.
    let caption = rules::caption_with_credit(&joined).or_else(|| {
        (block.lines.len() > 1)
            .then(|| rules::caption_with_credit(&join_wrapped(&block.lines)))
            .flatten()
    });
    if let Some((caption, credit)) = caption {
        return Kind::Caption(caption, credit);
    }
    Kind::Text
}

/// What a block says, read once: its text as a paragraph, and as a
/// headline or byline when it has that shape.
pub(super) struct Reading {
    pub(super) text: String,
    pub(super) headline: Option<String>,
    pub(super) byline: Option<(Vec<String>, Option<String>)>,
}

/// Reads a block once for what the assembly asks of it.
pub(super) fn read(block: &Block, kind: &Kind) -> Reading {
    let text = join_wrapped(&block.lines);
    let headline = match kind {
        Kind::Heading(title) => Some(title.clone()),
        Kind::Text if block.lines.len() <= 3 && text.len() <= 4 * rules::MAX_HEADLINE_CHARS => {
            let line = squeeze_spaces(&block.lines.join(" "));
            rules::is_headline_shaped(&line).then_some(line)
        }
        _ => None,
    };
    let byline = match kind {
        Kind::Names(names) => Some((names.clone(), None)),
        Kind::Text => rules::dateline(&text)
            .map(|d| (d.names, Some(d.rest)))
            .or_else(|| {
                // Right under a headline an author line may carry a
                // non-personal token (`永检 戚祥浩`).
                if text.len() > 120 {
                    return None;
                }
                let line = read_name_line(&squeeze_spaces(&text))?;
                (!line.names.is_empty() && 2 * line.names.len() >= line.tokens)
                    .then_some((line.names, None))
            }),
        _ => None,
    };
    Reading {
        text,
        headline,
        byline,
    }
}

/// The masthead: the run of short blocks at the top of the page up to the
/// last one only a masthead prints (issue date with weekday, serial number).
/// A headline set above the date line (lines longer than a masthead's
/// slogan) stays what it is.
pub(super) fn mark_masthead(blocks: &[Block], kinds: &mut [Kind]) {
    let mut end = 0;
    for (i, block) in blocks.iter().enumerate().take(12) {
        let text = block.lines.join(" ");
        // A hard-wrapped page may print the masthead's lines as one block.
        if block.lines.len() > 4 || display_width(&text) > 100 {
            break;
        }
        if rules::is_masthead_marker(&text) || rules::is_date_part(&text) {
            end = i + 1;
        }
    }
    for (block, kind) in blocks.iter().zip(kinds.iter_mut()).take(end) {
        if !headline_above_date(block) {
            *kind = Kind::Furniture;
        }
    }
}

/// Whether a block above the masthead's date line is a headline: shaped
/// like one, with a line longer than a masthead's slogan or a subtitle
/// under a dash (`——…`), which no masthead prints, and no page label or
/// serial number (no Latin letters or figures).
fn headline_above_date(block: &Block) -> bool {
    let text = squeeze_spaces(&block.lines.join(" "));
    let dash_subtitle = block.lines.iter().skip(1).any(|l| l.starts_with("——"));
    (dash_subtitle
        || block
            .lines
            .iter()
            .any(|l| l.chars().count() > rules::MASTHEAD_PART_CHARS))
        && !text.contains(|c: char| c.is_ascii_alphanumeric())
        && !rules::is_masthead_marker(&text)
        && rules::is_headline_shaped(&text)
}

/// The label of a one-line `label:value` block (`地点:胜利南路天桥下`).
fn fact_label(block: &Block) -> Option<&str> {
    block
        .is_single_line()
        .then(|| rules::fact_label(block.first()))
        .flatten()
}

/// Fact lines: two or more `label:value` lines in a row with short labels
/// (`时间:3月6日上午` / `地点:胜利南路天桥下`) state the when and where of
/// a piece; alone, such a line may be a headline (`北京:…`), in a run it is
/// not. Their readings lose the headline shape.
pub(super) fn mark_fact_lines(blocks: &[Block], readings: &mut [Reading]) {
    let mut i = 0;
    while i < blocks.len() {
        let run = blocks[i..]
            .iter()
            .take_while(|b| fact_label(b).is_some())
            .count();
        if run >= 2 {
            for reading in &mut readings[i..i + run] {
                reading.headline = None;
            }
        }
        i += run.max(1);
    }
}

/// A contents box whose label stands alone (a line read on its own, a
/// markdown heading) with no blank line under it: the lines that point to
/// pages under it, blocks of their own or one block of nothing but page
/// references, are furniture with it (see [`rules::contents_box_len`]).
pub(super) fn mark_contents_box(blocks: &[Block], kinds: &mut [Kind]) {
    // Lines that end in their pages, each a block, with no label.
    let mut i = 0;
    while i < blocks.len() {
        let run = blocks[i..]
            .iter()
            .enumerate()
            .take_while(|&(k, b)| {
                (k == 0 || b.gap_before == 0)
                    && b.is_single_line()
                    && rules::is_contents_line(b.first())
            })
            .count();
        if run >= rules::MIN_CONTENTS_LINES {
            kinds[i..i + run].fill(Kind::Furniture);
        }
        i += run.max(1);
    }
    for i in 0..blocks.len() {
        if !(blocks[i].is_single_line() && rules::is_contents_label(blocks[i].first())) {
            continue;
        }
        let references = |b: &Block| b.lines.iter().all(|l| rules::is_page_reference(l));
        let under = blocks[i + 1..]
            .iter()
            .take_while(|b| b.gap_before == 0 && (b.is_single_line() || references(b)))
            .flat_map(|b| b.lines.iter().map(String::as_str));
        let mut left = rules::contents_box_len(under);
        for (block, kind) in blocks[i + 1..].iter().zip(&mut kinds[i + 1..]) {
            if left < block.lines.len() {
                break;
            }
            left -= block.lines.len();
            *kind = Kind::Furniture;
        }
    }
}

/// The most characters of the notice under a label (`更正`) standing in a
/// block of its own: a notice is a sentence or two.
const MAX_NOTICE_CHARS: usize = 200;

/// One of the paper's notices whose label stands in a block of its own
/// (`更正` / `本报…特此更正。`): the label and the paragraph under it are
/// furniture.
pub(super) fn mark_notice(blocks: &[Block], kinds: &mut [Kind]) {
    for i in 1..blocks.len() {
        let label = &blocks[i - 1];
        let notice = || {
            blocks[i]
                .lines
                .iter()
                .map(|l| l.chars().count())
                .sum::<usize>()
        };
        if label.is_single_line()
            && rules::is_notice_label(label.first())
            && kinds[i] == Kind::Text
            && notice() <= MAX_NOTICE_CHARS
        {
            kinds[i - 1] = Kind::Furniture;
            kinds[i] = Kind::Furniture;
        }
    }
}

/// On a page marked up with headings, short lines above the first heading
/// are the page's title (`最美南大门看苍南`), not an article.
pub(super) fn mark_page_title(blocks: &[Block], kinds: &mut [Kind]) {
    let Some(first) = kinds.iter().position(|k| matches!(k, Kind::Heading(_))) else {
        return;
    };
    for i in 0..first {
        let text = squeeze_spaces(&blocks[i].lines.join(" "));
        if kinds[i] == Kind::Text && rules::is_headline_shaped(&text) {
            kinds[i] = Kind::Furniture;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::blocks::split_blocks;

    fn kind(line: &str) -> Kind {
        classify(&split_blocks(line)[0])
    }

    #[test]
    fn signatures_and_writer_credits_are_bylines_and_contacts_furniture() {
        assert_eq!(kind("本报评论员 新华社评论员"), Kind::Names(Vec::new()));
        assert_eq!(
            kind("本报记者 高 凯 刘栓阳 文/图"),
            Kind::Names(vec!["高凯".to_string(), "刘栓阳".to_string()])
        );
        assert_eq!(
            kind("光明日报记者 李 菲 刘瑞一"),
            Kind::Names(vec!["李菲".to_string(), "刘瑞一".to_string()])
        );
        assert_eq!(kind("有奖新闻热线:88881111"), Kind::Furniture);
        assert_eq!(kind("人民日报 国际 第3版"), Kind::Furniture);
        assert_eq!(kind("评论员们说,这是好事。"), Kind::Text);
    }

    #[test]
    fn a_footer_s_lines_in_one_block_are_furniture() {
        assert_eq!(
            kind("新闻热线:0511-85011111\n责任编辑:姚 远 美编:孙 倩 校对:王 芳"),
            Kind::Furniture
        );
        // A line of text among them keeps the block text.
        assert_ne!(
            kind("新闻热线:0511-85011111\n市民可以拨打热线反映情况。"),
            Kind::Furniture
        );
    }

    #[test]
    fn a_bracketed_byline_alone_is_a_byline_and_a_bracketed_credit_a_credit() {
        assert_eq!(kind("(朱冬娅)"), Kind::Names(vec!["朱冬娅".to_string()]));
        assert_eq!(kind("■郑蜀炎"), Kind::Names(vec!["郑蜀炎".to_string()]));
        assert_eq!(kind("简讯"), Kind::Column("简讯".to_string()));
        assert_eq!(kind("（记者 郑九）"), Kind::Names(vec!["郑九".to_string()]));
        assert!(matches!(kind("（李四 摄）"), Kind::Credit(_)));
        assert_eq!(kind("（试行）"), Kind::Text);
        assert_eq!(kind("（新华社）"), Kind::Names(Vec::new()));
        assert_eq!(
            kind("中共沈阳变压器厂金工车间支部书记 刘凤洲"),
            Kind::Names(vec!["刘凤洲".to_string()])
        );
    }

    #[test]
    fn a_contents_box_and_a_masthead_wrapped_into_one_block_are_furniture() {
        assert_eq!(
            kind("本期导读\n外贸形势仍然复杂 3版\n试点城市再扩容 5版"),
            Kind::Furniture
        );
        let blocks = split_blocks("湖北日报\n2009年6月17日\n星期三\n第5版\n\n标题\n\n正文。");
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_masthead(&blocks, &mut kinds);
        assert_eq!(kinds[0], Kind::Furniture);
        assert_eq!(kinds[2], Kind::Text);
        // The date's parts in blocks of their own.
        let blocks = split_blocks("湖北日报\n\n2009年6月17日\n\n星期三\n\n标题\n\n正文。");
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_masthead(&blocks, &mut kinds);
        assert_eq!(
            kinds[..3],
            [Kind::Furniture, Kind::Furniture, Kind::Furniture]
        );
        assert_eq!(kinds[3], Kind::Text);
    }

    #[test]
    fn labels_marked_up_as_headings_are_read_as_labels() {
        assert_eq!(kind("## 简讯"), Kind::Column("简讯".to_string()));
        assert_eq!(
            kind("## 鲜花靓城 迎国庆"),
            Kind::Heading("鲜花靓城 迎国庆".to_string())
        );
        // A contents box under a heading: the label and a block of page
        // references under it, with no blank line between.
        let blocks =
            split_blocks("## 今日导读\n▲我市召开推进会　2版\n▲秋粮收购有序开展　3版\n\n# 标题");
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_contents_box(&blocks, &mut kinds);
        assert_eq!(kinds[..2], [Kind::Furniture, Kind::Furniture]);
        assert_eq!(kinds[2], Kind::Heading("标题".to_string()));
    }

    #[test]
    fn a_box_of_contents_lines_or_of_notices_is_furniture() {
        assert_eq!(
            kind("本报今日四版\n▲我市冬季供热全面启动…………2版\n▲鸭绿江畔话今昔………………4版"),
            Kind::Furniture
        );
        assert_eq!(
            kind("【扫码看海口】\n扫描二维码，关注海口日报微信公众号\n新闻热线：0898-66810345"),
            Kind::Furniture
        );
        // Lines that end in their pages, each a block of its own.
        let page = "▲我市冬季供热全面启动……2版\n\n▲鸭绿江畔话今昔……4版\n\n标题\n\n正文。";
        let blocks: Vec<Block> = split_blocks(page)
            .into_iter()
            .map(|b| Block { gap_before: 0, ..b })
            .collect();
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_contents_box(&blocks, &mut kinds);
        assert_eq!(kinds[..2], [Kind::Furniture, Kind::Furniture]);
        assert_eq!(kinds[2], Kind::Text);
    }

    #[test]
    fn a_notice_under_its_label_in_a_block_of_its_own_is_furniture() {
        let page = "正文。\n\n更正\n\n本报3月26日第2版《春灌准备工作有序推进》一文中，“白碱滩区”误为“白碱区”，特此更正。\n\n下一段。";
        let blocks = split_blocks(page);
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_notice(&blocks, &mut kinds);
        assert_eq!(
            kinds,
            [Kind::Text, Kind::Furniture, Kind::Furniture, Kind::Text]
        );
    }

    #[test]
    fn a_notice_under_its_label_is_furniture() {
        assert_eq!(
            kind("更正\n本报3月9日第5版《委员驻地的灯光》一文中，“十四届”误为“十三届”，特此更正。"),
            Kind::Furniture
        );
        assert_eq!(
            kind("征文启事\n本报征文活动截稿日期延至6月10日。"),
            Kind::Furniture
        );
    }

    #[test]
    fn a_contents_box_without_blank_lines_is_furniture_up_to_its_last_page_reference() {
        // Each line a block, as on a page of one paragraph per line.
        let page = "本期导读\n外贸形势仍然复杂 3版\n试点城市再扩容 5版\n钢材价格指数发布\n本报讯 自今年1月起，某中心将每周发布钢材价格指数。\n指数每周五发布。";
        let blocks: Vec<Block> = (page.lines().enumerate())
            .map(|(k, line)| Block {
                lines: vec![line.to_string()],
                gap_before: 0,
                line_no: k + 1,
            })
            .collect();
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_contents_box(&blocks, &mut kinds);
        assert_eq!(
            kinds[..3],
            [Kind::Furniture, Kind::Furniture, Kind::Furniture]
        );
        assert_eq!(kinds[3], Kind::Text);
    }

    #[test]
    fn a_headline_set_above_the_masthead_date_stays_a_headline() {
        let page = "人民日报\n\n拿出大搞钢铁的劲头搞好群众生活\n源源供应城乡副食品\n\nA4:视点 总第2960期\n\n1958年12月28日 星期日\n\n正文。";
        let blocks = split_blocks(page);
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_masthead(&blocks, &mut kinds);
        assert_eq!(kinds[0], Kind::Furniture);
        assert_ne!(kinds[1], Kind::Furniture);
        assert_eq!(kinds[2], Kind::Furniture);
        assert_eq!(kinds[3], Kind::Furniture);
        // A short headline over a dash subtitle.
        let page = "某某日报\n\n向前走去\n——访某地\n\n1995年10月4日 星期三\n\n正文。";
        let blocks = split_blocks(page);
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_masthead(&blocks, &mut kinds);
        assert_ne!(kinds[1], Kind::Furniture);
    }

    #[test]
    fn an_institution_signature_confirms_the_headline_above_it() {
        let block = &split_blocks("本报评论员")[0];
        let reading = read(block, &classify(block));
        assert_eq!(reading.byline, Some((Vec::new(), None)));
    }

    #[test]
    fn a_run_of_fact_lines_is_no_headline_but_one_such_line_may_be() {
        let blocks =
            split_blocks("时间:3月6日上午\n\n地点:胜利南路天桥下\n\n北京:春来早\n\n正文。");
        let kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        let mut readings: Vec<Reading> =
            blocks.iter().zip(&kinds).map(|(b, k)| read(b, k)).collect();
        assert!(readings[0].headline.is_some());
        mark_fact_lines(&blocks[..2], &mut readings[..2]);
        assert!(readings[0].headline.is_none() && readings[1].headline.is_none());
        mark_fact_lines(&blocks[2..], &mut readings[2..]);
        assert!(readings[2].headline.is_some());
        // A paragraph opened by a label (`编者按:…`) is no fact line: the
        // headline under it keeps its shape.
        let blocks = split_blocks(
            "编者按:新一届两会出现了许多新的面孔,我们欣喜地看到,他们当中有很多是我们的同龄人。\n\n静云:户籍机关重服务\n\n正文。",
        );
        let kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        let mut readings: Vec<Reading> =
            blocks.iter().zip(&kinds).map(|(b, k)| read(b, k)).collect();
        mark_fact_lines(&blocks, &mut readings);
        assert!(readings[1].headline.is_some());
    }
}
