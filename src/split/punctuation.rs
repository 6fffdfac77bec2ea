//! Full-width punctuation in Chinese text. E-paper exports often turn
//! `，` into `,` (`既有地方歇脚,更有服务暖心`); between CJK characters the
//! ASCII marks `, ; : ? ! ( )` become their full-width forms and paired
//! straight quotes become `“ ”`. Beside a Latin letter or a digit nothing
//! changes (`3.5`, `10:30`, `DXC Technology(中国)`, `"DXC"`), since the
//! mark may belong to Latin text there.

use crate::model::{Article, BodyPart};
use crate::split::is_han;

/// Whether `c` belongs to CJK text: ideographs, kana, hangul, CJK and
/// full-width punctuation, and the curly quotes Chinese text uses.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}' | '\u{FF00}'..='\u{FFEF}'
            | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2026}')
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The text's characters, with the neighbours of a position found past
/// spaces (OCR puts spaces around marks).
struct Text {
    chars: Vec<char>,
}

impl Text {
    fn before(&self, i: usize) -> Option<(usize, char)> {
        (0..i)
            .rev()
            .map(|j| (j, self.chars[j]))
            .find(|(_, c)| *c != ' ')
    }

    fn after(&self, i: usize) -> Option<(usize, char)> {
        (i + 1..self.chars.len())
            .map(|j| (j, self.chars[j]))
            .find(|(_, c)| *c != ' ')
    }

    fn is_cjk_at(found: Option<(usize, char)>) -> bool {
        found.is_some_and(|(_, c)| is_cjk(c))
    }

    fn is_latin_at(found: Option<(usize, char)>) -> bool {
        found.is_some_and(|(_, c)| c.is_ascii_alphanumeric())
    }

    /// Whether the pair `open..=close` encloses CJK text in CJK text: it
    /// starts with a CJK character, and no Latin letter or digit touches a
    /// mark from either side.
    fn is_cjk_pair(&self, open: usize, close: usize) -> bool {
        let inside = self.after(open).filter(|(j, _)| *j < close);
        Self::is_cjk_at(inside)
            && ![
                self.before(open),
                self.before(close).filter(|(j, _)| *j > open),
                self.after(close),
            ]
            .into_iter()
            .any(Self::is_latin_at)
    }

    /// Drops the spaces between the mark at `i` and its CJK neighbours.
    fn close_up(&mut self, i: usize, drop: &mut [bool]) {
        for (j, c) in [self.before(i), self.after(i)].into_iter().flatten() {
            if is_cjk(c) {
                drop[i.min(j) + 1..i.max(j)].fill(true);
            }
        }
    }
}

/// `text` with ASCII punctuation between CJK characters made full-width.
pub fn full_width_punctuation(text: &str) -> String {
    if !text.contains([',', ';', ':', '?', '!', '(', ')', '"']) {
        return text.to_string();
    }
    let mut text = Text {
        chars: text.chars().collect(),
    };
    let mut drop = vec![false; text.chars.len()];
    // Pairs first: quotes in order of appearance, brackets by nesting.
    let quotes: Vec<usize> = (0..text.chars.len())
        .filter(|&i| text.chars[i] == '"')
        .collect();
    let mut pairs: Vec<(usize, usize, char, char)> = quotes
        .chunks_exact(2)
        .map(|q| (q[0], q[1], '“', '”'))
        .collect();
    let mut open = Vec::new();
    for i in 0..text.chars.len() {
        match text.chars[i] {
            '(' => open.push(i),
            ')' => pairs.extend(open.pop().map(|o| (o, i, '（', '）'))),
            _ => {}
        }
    }
    for (o, c, left, right) in pairs {
        if text.is_cjk_pair(o, c) {
            text.chars[o] = left;
            text.chars[c] = right;
            text.close_up(o, &mut drop);
            text.close_up(c, &mut drop);
        }
    }
    // Then single marks: between CJK characters, or a question or an
    // exclamation closing CJK text.
    for i in 0..text.chars.len() {
        let c = text.chars[i];
        let Some(wide) = full_width(c).filter(|_| !matches!(c, '(' | ')')) else {
            continue;
        };
        let (before, after) = (text.before(i), text.after(i));
        let closes = matches!(c, '?' | '!') && after.is_none();
        if Text::is_cjk_at(before) && (Text::is_cjk_at(after) || closes) {
            text.chars[i] = wide;
            text.close_up(i, &mut drop);
        }
    }
    text.chars
        .iter()
        .zip(drop)
        .filter(|(_, dropped)| !dropped)
        .map(|(c, _)| c)
        .collect()
}

/// The article with full-width punctuation in what a reader reads as
/// text: headline, kicker or subtitle, body and captions. Names (authors,
/// credits) and the column label are left as printed.
pub fn full_width_article(mut article: Article) -> Article {
    article.title = full_width_punctuation(&article.title);
    article.subtitle = article.subtitle.as_deref().map(full_width_punctuation);
    for part in &mut article.body {
        let (BodyPart::Paragraph(text) | BodyPart::Subhead(text)) = part;
        *text = full_width_punctuation(text);
    }
    for caption in &mut article.captions {
        caption.text = full_width_punctuation(&caption.text);
    }
    article
}

#[cfg(test)]
mod tests {
    use super::full_width_punctuation as fix;

    #[test]
    fn marks_between_chinese_characters_become_full_width() {
        assert_eq!(
            fix("既有地方歇脚,更有服务暖心,还能充电"),
            "既有地方歇脚，更有服务暖心，还能充电"
        );
        assert_eq!(
            fix("做实对新就业群体的关爱措施和权益保障;创新参与机制"),
            "做实对新就业群体的关爱措施和权益保障；创新参与机制"
        );
        assert_eq!(
            fix("落脚的地方选在哪?大家纷纷支招"),
            "落脚的地方选在哪？大家纷纷支招"
        );
        assert_eq!(
            fix("负责人王勇说:站点仅三十平方米"),
            "负责人王勇说：站点仅三十平方米"
        );
        assert_eq!(fix("真不容易!"), "真不容易！");
    }

    #[test]
    fn paired_quotes_and_brackets_around_chinese_text() {
        assert_eq!(
            fix("如何把小哥们的\"漂泊感\"变成\"归属感\"?"),
            "如何把小哥们的“漂泊感”变成“归属感”？"
        );
        assert_eq!(
            fix("\"我们希望能有个落脚的地方。\"在武汉市武昌区"),
            "“我们希望能有个落脚的地方。”在武汉市武昌区"
        );
        assert_eq!(
            fix("太原4月9日电 (记者付明丽)记者近日从山西省获悉"),
            "太原4月9日电（记者付明丽）记者近日从山西省获悉"
        );
        assert_eq!(fix("全省117个县(市、区)中"), "全省117个县（市、区）中");
        assert_eq!(fix("李志军摄(新华社发)"), "李志军摄（新华社发）");
    }

    #[test]
    fn nothing_changes_beside_latin_letters_or_digits() {
        for text in [
            "增长3.5个百分点",
            "比分3:2,再战",
            "上午10:30召开",
            "今年以来,DXC Technology(中国)公司",
            "29个站点,500多名新就业群体",
            "《国民营养计划(2017—2030年)》",
            "记阿斯乐·冉孜(ASLE RENZI)一行",
            "名为\"DXC\"的公司",
            "Hello, world! (really)",
            "2022年以来,",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn unpaired_marks_stay() {
        assert_eq!(fix("他说\"你好"), "他说\"你好");
        assert_eq!(fix("见第3版)"), "见第3版)");
    }
}
