//! Character-level text repair: what a line or paragraph looks like once the
//! export's debris is gone. Pure functions on strings.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// A pattern written into the splitter.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

/// Whether `c` is set full-width in CJK typesetting: ideographs, kana, hangul,
/// CJK and full-width punctuation, and the curly quotes and dashes Chinese text
/// uses. Spaces next to these are artefacts of the PDF export, not word breaks.
pub fn is_wide(c: char) -> bool {
    // The common cases first: Latin text, then the unified ideographs.
    if c < '·' {
        return false;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '■' | '▲' | '◆' | '●' | '★')
}

/// A Han ideograph (the characters names and headlines are made of).
pub fn is_han(c: char) -> bool {
    // The unified ideographs (most characters of a page) first.
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || matches!(c,
            '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFD}')
}

/// Whether `c` may be a Han-script character as regular expressions know
/// them (`\p{Han}`): the ideographs, radicals, iteration and numeral marks.
/// A cheap look before a pattern that needs one runs.
pub fn may_be_han(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}' | '\u{3005}' | '\u{3007}' | '\u{3021}'..='\u{3029}'
            | '\u{3038}'..='\u{303B}')
        || c > '\u{FFFF}'
}

/// Whether `text` opens with `word`, their first three bytes (one CJK
/// character) compared before the whole word: cheap when a list of words
/// is tried and most differ in their first character.
pub fn opens_with(text: &str, word: &str) -> bool {
    match word.as_bytes().first_chunk::<3>() {
        Some(head) => text.as_bytes().first_chunk::<3>() == Some(head) && text.starts_with(word),
        None => text.starts_with(word),
    }
}

/// Where the text after a paragraph's last sentence opens: the byte after
/// the last of the sentence ends `ends` (a closing byline or credit may be
/// glued there).
pub fn after_last_sentence(paragraph: &str, ends: &[char]) -> Option<usize> {
    let (at, end) = paragraph.char_indices().rfind(|(_, c)| ends.contains(c))?;
    Some(at + end.len_utf8())
}

/// Width of `s` in columns: wide characters take two.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// Drops what must never reach a reader: characters XML 1.0 forbids, other
/// control characters, byte-order marks, zero-width and bidi-override
/// characters (they hide or reorder text), and noncharacters. Tabs and the
/// odd spaces PDF exports use become plain spaces. The look-alikes a PDF
/// font's text map gives for ideographs (Kangxi radicals `⽇`, compatibility
/// ideographs) become the ideographs they stand for (`日`), so that the
/// rules and the reader see the same characters as in any other text.
pub fn clean_chars(line: &str) -> Cow<'_, str> {
    if surely_clean(line) {
        return Cow::Borrowed(line);
    }
    clean_chars_read(line)
}

/// A page's line as the splitter reads it: out of bold ([`without_bold`]),
/// cleaned ([`clean_chars`]), trimmed, spaced-out figures closed up
/// ([`close_spaced_figures`]). A
/// line whose bytes show it clean and without a space (most lines of a
/// page) is all three already, told in one pass over its bytes.
pub fn read_line(raw: &str) -> String {
    let raw = without_bold(raw);
    let (clean, space) = byte_look(raw);
    if clean && !space {
        return raw.to_string();
    }
    let cleaned = if clean {
        Cow::Borrowed(raw)
    } else {
        clean_chars_read(raw)
    };
    close_spaced_figures(cleaned.trim())
}

/// A line set in bold on a page marked up with markdown (`**标题**`, a
/// headline the way `#` marks one) reads as its words.
fn without_bold(line: &str) -> &str {
    match line
        .trim()
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
    {
        Some(words) if !words.trim().is_empty() && !words.contains("**") => words,
        _ => line,
    }
}

/// [`clean_chars`] for a line its bytes did not clear: read character by
/// character.
fn clean_chars_read(line: &str) -> Cow<'_, str> {
    if !line.chars().any(needs_cleaning) {
        return Cow::Borrowed(line);
    }
    let cleaned = line
        .chars()
        .filter_map(|c| match c {
            '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => None,
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => None,
            '\u{FDD0}'..='\u{FDEF}' => None,
            c if (c as u32) & 0xFFFE == 0xFFFE => None,
            c if is_ideograph_look_alike(c) => Some(ideograph_of(c)),
            c => Some(c),
        })
        .collect();
    Cow::Owned(cleaned)
}

/// Whether [`clean_chars`] changes or drops `c`.
fn needs_cleaning(c: char) -> bool {
    // Printable ASCII and the ideographs, kana and CJK punctuation between
    // U+3001 and U+FDCF (most of a page; the compatibility ideographs
    // apart) need nothing: asked first, they spare most characters the
    // full list.
    !matches!(c, ' '..='~' | '\u{3001}'..='\u{F8FF}' | '\u{FB00}'..='\u{FDCF}')
        && (matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{A0}' | '\u{AD}' | '\u{2000}'..='\u{200F}' | '\u{202A}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FEFF}')
            || (c as u32) & 0xFFFE == 0xFFFE
            || is_ideograph_look_alike(c))
}

/// Whether every character of `line` is one that [`clean_chars`] keeps as
/// it is, told from its bytes alone: printable ASCII, a character from
/// U+3001 to U+EFFF (ideographs, kana, CJK punctuation: lead bytes E3 to
/// EE), or a full-width form from U+FF00 to U+FF7F (`，` `：` `（`: EF BC,
/// EF BD). U+3000, the one character of those lead bytes to clean, is
/// E3 80 80; no line with the byte pair 80 80 (rare: U+4000, U+5000 …) is
/// taken. One pass over byte pairs without early exit, which the compiler
/// turns into vector instructions, clears most lines of a page; the others
/// (curly quotes, dashes, odd spaces) are read character by character.
fn surely_clean(line: &str) -> bool {
    byte_look(line).0
}

/// One pass over a line's bytes: whether they show it clean (see
/// [`surely_clean`]), and whether it holds an ASCII space. A clean line
/// holds no other white space: no control character, and no character
/// with the lead bytes of U+0085, U+00A0, U+1680 or U+2000 to U+205F
/// (`C2`, `E1`, `E2`), nor U+3000. So a clean line without a space is
/// trimmed, and no figures in it are spaced out.
fn byte_look(line: &str) -> (bool, bool) {
    let bytes = line.as_bytes();
    let Some(&last) = bytes.last() else {
        return (true, false);
    };
    let kept = |byte: u8, next: u8| {
        matches!(byte, b' '..=b'~' | 0x81..=0xBF | 0xE3..=0xEE)
            || (byte == 0x80 && next != 0x80)
            || (byte == 0xEF && matches!(next, 0xBC | 0xBD))
    };
    // The last byte ends a character: printable ASCII or a continuation.
    let (clean, space) = bytes.iter().zip(&bytes[1..]).fold(
        (matches!(last, b' '..=b'~' | 0x80..=0xBF), last == b' '),
        |(clean, space), (&byte, &next)| (clean & kept(byte, next), space | (byte == b' ')),
    );
    (clean, space)
}

/// Figures a PDF export spaced out, up to the unit they count (`1 9 8 6 年`,
/// `1 2 月2 8 日`, `第3 8 2 4 号`, `今日8 版`).
static SPACED_FIGURES: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9](?: [0-9])* ?[年月日号版期]"));

/// The line with spaced-out figures closed up (see [`SPACED_FIGURES`]); a
/// line spaced out letter by letter (see [`is_letter_spaced`]) closed up
/// whole.
pub fn close_spaced_figures(line: &str) -> String {
    // Most lines hold no space: one vector pass tells so.
    let spaced = has_space(line)
        && line
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1] == b' ');
    if !spaced {
        return line.to_string();
    }
    if is_letter_spaced(line) {
        return line.split_whitespace().collect();
    }
    SPACED_FIGURES
        .replace_all(line, |caps: &regex::Captures| caps[0].replace(' ', ""))
        .into_owned()
}

/// Spaced-out text (`1 9 8 6 年`, `星 期 六`): most tokens are one
/// character, so the spaces are letter-spacing, not word breaks.
pub fn is_letter_spaced(line: &str) -> bool {
    let (tokens, singles) = line.split_whitespace().fold((0, 0), |(n, s), t| {
        (n + 1, s + usize::from(t.chars().nth(1).is_none()))
    });
    tokens >= 4 && singles * 10 >= tokens * 6
}

/// Kangxi radicals and CJK compatibility ideographs: characters that look
/// like an ideograph and have a compatibility mapping to it.
fn is_ideograph_look_alike(c: char) -> bool {
    matches!(c, '\u{2F00}'..='\u{2FD5}' | '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}')
}

/// The one ideograph a look-alike maps to, or the character itself.
fn ideograph_of(c: char) -> char {
    let mut mapped = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |m| {
        mapped = Some(m);
        count += 1;
    });
    match mapped {
        Some(m) if count == 1 => m,
        _ => c,
    }
}

/// Whether `s` holds white space. Text has been through [`clean_chars`],
/// which turns the odd spaces of PDF exports into plain ones, so a byte
/// scan finds them.
pub fn has_space(s: &str) -> bool {
    // Without an early exit, the compiler turns the pass into vector
    // instructions; most lines hold no space and are read to the end.
    s.bytes()
        .fold(false, |space, b| space | b.is_ascii_whitespace())
}

/// Collapses runs of white space to one space and trims the ends.
pub fn squeeze_spaces(s: &str) -> String {
    // Most paragraphs of Chinese text hold no space: a plain pass over
    // the characters tells so sooner than the splitter.
    if !s.chars().any(char::is_whitespace) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes the spaces OCR and column layout put inside CJK text (`武汉 市`,
/// `1.6万 人次`) while keeping the spaces that separate Latin words
/// (`DXC Technology`). A space goes when a wide character stands on one side
/// and a wide character, digit or punctuation mark on the other. Runs of
/// white space count as one space, and the ends are trimmed.
pub fn close_cjk_spaces(s: &str) -> String {
    // As in `squeeze_spaces`: most paragraphs hold no space.
    if !s.chars().any(char::is_whitespace) {
        return s.to_string();
    }
    let narrow_ok = |x: char| is_wide(x) || x.is_ascii_digit() || x.is_ascii_punctuation();
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if let (Some(a), Some(b)) = (out.chars().next_back(), word.chars().next()) {
            if !((is_wide(a) && narrow_ok(b)) || (is_wide(b) && narrow_ok(a))) {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// Joins the hard-wrapped lines of one paragraph. Narrow newspaper columns
/// break words anywhere, so lines are joined without a space, except where a
/// long line of Latin text was wrapped at a word boundary.
pub fn join_wrapped<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.as_ref().len() + 1).sum());
    for line in lines {
        let line = line.as_ref();
        if let (Some(a), Some(b)) = (out.chars().last(), line.chars().next()) {
            let latin = |c: char| c.is_ascii_alphanumeric();
            if latin(a) && latin(b) && display_width(line) > 30 {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Closing quotes and brackets that may follow the end of a sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | '》'
    )
}

/// Whether a paragraph ends a sentence (so the next block starts a new one).
/// A bare closing quote does not count: `……“开门红”` is cut mid-sentence.
pub fn ends_sentence(s: &str) -> bool {
    // One read back from the end: the closers, then the mark before them.
    let mut chars = s.chars();
    let mut last = chars.next_back();
    let mut had_closer = false;
    while last.is_some_and(is_closer) {
        had_closer = true;
        last = chars.next_back();
    }
    match last {
        Some('。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':') => true,
        // Something stands before the full stop, or no closer after it.
        Some('.') => !had_closer || !chars.as_str().is_empty(),
        _ => false,
    }
}

/// Whether a text ends in a mark that can only stand inside a sentence.
pub fn ends_mid_clause(s: &str) -> bool {
    matches!(
        s.chars().last(),
        Some('，' | ',' | '、' | '；' | ';' | '：' | ':' | '（' | '(' | '“')
    )
}

/// The first non-empty sentence of `s`, without its closing mark, cut to
/// `max` characters (all of `s`, cut, when no sentence has words).
pub fn first_sentence(s: &str, max: usize) -> String {
    let sentence = s
        .split(['。', '！', '？', '!', '?', '；'])
        .map(str::trim)
        .find(|part| part.chars().any(char::is_alphanumeric))
        .unwrap_or(s.trim());
    truncate_chars(sentence, max)
}

/// Cuts `s` to at most `max` characters, marking a cut with an ellipsis.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The pairs of adjacent Han characters in some texts, as a set of 65536
/// hashed bits: a pair is marked by one bit, so sets are built and
/// compared without sorting. Two windows of 300 pairs share about one bit
/// by chance, against the tens that one story's windows share.
pub struct PairSet([u64; 1024]);

impl PairSet {
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> PairSet {
        let mut bits = [0u64; 1024];
        for text in texts {
            let mut previous = None;
            for c in text.chars().filter(|&c| is_han(c)) {
                if let Some(p) = previous {
                    let h = (u32::from(p).wrapping_mul(0x9E37_79B1) ^ u32::from(c))
                        .wrapping_mul(0x85EB_CA6B)
                        >> 16;
                    bits[(h >> 6) as usize] |= 1 << (h & 63);
                }
                previous = Some(c);
            }
        }
        PairSet(bits)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn shared(&self, other: &PairSet) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_set_in_bold_reads_as_its_words() {
        assert_eq!(
            read_line("**千余名新生参与志愿服务**"),
            "千余名新生参与志愿服务"
        );
        assert_eq!(read_line(" **标题** "), "标题");
        // Bold inside a line, or marks around nothing, stay as printed.
        assert_eq!(read_line("**甲**和**乙**"), "**甲**和**乙**");
        assert_eq!(read_line("****"), "****");
    }

    #[test]
    fn spaced_figures_are_closed_up_to_their_unit() {
        assert_eq!(
            close_spaced_figures("仅从1 1 月到1 2 月中旬"),
            "仅从11月到12月中旬"
        );
        assert_eq!(
            close_spaced_figures("本报合肥1 8 日电 在"),
            "本报合肥18日电 在"
        );
        assert_eq!(
            close_spaced_figures("第3 8 2 4 号 今日8 版"),
            "第3824号今日8版"
        );
        assert_eq!(
            close_spaced_figures("1 9 6 5 年 7 月 1 3 日 星 期 二"),
            "1965年7月13日星期二"
        );
        // Figures that count nothing a date or a page counts stay apart.
        assert_eq!(close_spaced_figures("比分 3 2 领先"), "比分 3 2 领先");
    }

    #[test]
    fn cjk_spaces_go_latin_spaces_stay() {
        assert_eq!(close_cjk_spaces("在武汉 市武昌区"), "在武汉市武昌区");
        assert_eq!(close_cjk_spaces("由1.6万 人次提高"), "由1.6万人次提高");
        assert_eq!(close_cjk_spaces("列入省政府 2023年"), "列入省政府2023年");
        assert_eq!(close_cjk_spaces("强大。\" 刘珊珊"), "强大。\"刘珊珊");
        assert_eq!(
            close_cjk_spaces("今年以来,DXC Technology龙湾"),
            "今年以来,DXC Technology龙湾"
        );
        assert_eq!(close_cjk_spaces("体系 and 15分钟"), "体系 and 15分钟");
    }

    #[test]
    fn forbidden_and_invisible_characters_are_dropped() {
        assert_eq!(
            clean_chars("a\u{0}b\u{7}c\u{FFFE}d\u{202E}e\u{200B}f\u{FEFF}"),
            "abcdef"
        );
        assert_eq!(clean_chars("a\u{3000}b\tc"), "a b c");
    }

    proptest::proptest! {
        /// A line the byte look clears holds no character to clean.
        #[test]
        fn a_line_cleared_by_its_bytes_needs_no_cleaning(
            line in "[a ~\t\u{0}\u{7F}\u{80}\u{A0}\u{AD}·\u{2000}\u{200B}“—\u{2F47}\u{3000}、。\u{3040}\u{4000}一\u{5000}\u{9FFF}\u{E000}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}\u{FDD0}\u{FEFF}\u{FF00}，\u{FF7F}\u{FF80}\u{FFFE}\u{2F800}]{0,8}"
        ) {
            if surely_clean(&line) {
                proptest::prop_assert!(!line.chars().any(needs_cleaning));
            }
        }
    }

    proptest::proptest! {
        /// The one read back from the end answers as trimming the closers
        /// and asking the last character did.
        #[test]
        fn a_sentence_end_is_read_as_the_trimmed_text_tells(s in "[a.。!?：”’\"'）)】》」』，一 ]{0,6}") {
            let trimmed = s.trim_end_matches(is_closer);
            let had_closer = trimmed.len() != s.len();
            let expected = match trimmed.chars().last() {
                Some('。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':') => true,
                Some('.') => !had_closer || trimmed.len() > 1,
                _ => false,
            };
            proptest::prop_assert_eq!(ends_sentence(&s), expected);
        }
    }

    proptest::proptest! {
        /// A line read in one look at its bytes comes out as cleaning,
        /// trimming and closing up figures would make it.
        #[test]
        fn a_line_is_read_as_its_three_passes_would_read_it(
            line in "[a 1~\t\u{0}\u{85}\u{A0}\u{1680}\u{2000}\u{2028}\u{205F}\u{3000}、。年一\u{4000}\u{F900}，“]{0,8}"
        ) {
            proptest::prop_assert_eq!(read_line(&line), close_spaced_figures(clean_chars(&line).trim()));
            if byte_look(&line) == (true, false) {
                proptest::prop_assert!(!line.chars().any(char::is_whitespace));
            }
        }
    }

    #[test]
    fn common_lines_are_cleared_by_their_bytes() {
        assert!(surely_clean(
            "新华社北京5月3日电（记者 王小明）今天，会议在京召开。"
        ));
        assert!(!surely_clean("会议\u{3000}召开"));
        assert!(!surely_clean("“会议”"));
        assert!(surely_clean(""));
    }

    #[test]
    fn ideograph_look_alikes_of_pdf_fonts_become_the_ideographs() {
        // Compatibility ideographs 年 and 六, a Kangxi radical 日.
        assert_eq!(
            clean_chars("2021\u{F98E}10月 星期\u{F9D1}"),
            "2021年10月 星期六"
        );
        assert_eq!(clean_chars("\u{2F47}报"), "日报");
        assert!(matches!(clean_chars("日报"), Cow::Borrowed(_)));
    }

    #[test]
    fn words_open_texts() {
        assert!(opens_with("本版编辑：王", "本版编辑"));
        assert!(!opens_with("本版编", "本版编辑"));
        assert!(!opens_with("责任编辑", "本版编辑"));
        assert!(opens_with("ab", "a") && opens_with("abc", "ab"));
        assert!(!opens_with("a", "ab"));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("全力冲刺新年第一季度“开门红”。"));
        assert!(ends_sentence("“这感觉真好。”"));
        assert!(!ends_sentence("全力冲刺“开门红”"));
        assert!(!ends_sentence("为保障企业节后用工，"));
        assert!(!ends_sentence("温州前三季度城镇新增就业7.68万人"));
        assert!(ends_mid_clause("“身为社区监察工作联络站成员，"));
    }

    #[test]
    fn wrapped_lines_join_without_spaces() {
        let lines = [
            "本报讯 记者曾晨路 通".to_string(),
            "讯员徐冬云报道".to_string(),
        ];
        assert_eq!(join_wrapped(&lines), "本报讯 记者曾晨路 通讯员徐冬云报道");
        let latin = ["(ASLE RE".to_string(), "IME)一行".to_string()];
        assert_eq!(join_wrapped(&latin), "(ASLE REIME)一行");
    }

    #[test]
    fn first_sentence_and_truncation() {
        assert_eq!(
            first_sentence("春和景明,人们踏青。图为", 40),
            "春和景明,人们踏青"
        );
        assert_eq!(truncate_chars("一二三四五", 3), "一二…");
    }
}
