//! Layout-preserving exports → reading order. `pdftotext -layout` and tools
//! like it print a page's columns side by side on one line, padded with
//! spaces, so the lines of different articles alternate. Before anything else
//! reads the page, this pass finds the columns from where each run of text
//! starts and re-reads the page column by column, top to bottom, cutting it
//! into regions where a headline or a banner runs across columns (a recursive
//! X-Y cut over the columns). Pages that are not laid out that way come back
//! unchanged.
//!
//! Files: `runs` (a row's runs of text and their columns), `layout`
//! (a block's column edges and bands), `xycut` (runs placed in columns, the
//! regions read in order).

mod layout;
mod runs;
mod xycut;

use std::borrow::Cow;

use layout::{block_end, layout};
use runs::{page_rows, Cells};

/// Blank characters in a row that separate two runs of text; one space is a
/// word space (or spaced-out text: `1 9 8 6 年`).
const GAP_CHARS: usize = 2;
/// Tab stops of the export.
const TAB_WIDTH: usize = 8;
/// Blank lines that end a block of the layout: one blank row can sit inside
/// the columns, where every column happens to have a gap at the same height.
const BLOCK_GAP: usize = 2;
/// How far a column's lines may start right of its left edge: a paragraph
/// indent of two CJK characters.
const INDENT: usize = 4;
/// Narrower runs (a lone character, a two-character name) do not tell where
/// a column starts.
const MIN_RUN_WIDTH: usize = 4;
/// Columns are never narrower than this many display columns.
const MIN_COLUMN_WIDTH: usize = 8;
/// Fewest rows that must show a feature (a gapped line, a column start, two
/// columns side by side) before the page is read as columns.
const MIN_ROWS: usize = 3;
/// Rows between two uses of a column edge that still belong to one stretch.
const STRETCH_GAP: usize = 4;
/// How often a block may be cut into bands of different columns.
const MAX_BANDS: usize = 8;
/// Single spaces a run may hold and still be two columns' lines run together
/// (more is spaced-out text: `1 9 8 6 年`).
const MAX_GLUE_SPACES: usize = 2;

/// A run of text in one row: its columns, its bytes in the line and the
/// grid its columns are counted on.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    bytes: (usize, usize),
    cells: Cells,
}

/// A run placed in the layout: the columns it covers (`first..=last`).
#[derive(Debug, Clone, Copy)]
struct Item {
    row: usize,
    first: usize,
    last: usize,
    bytes: (usize, usize),
}

impl Item {
    fn spans(&self) -> bool {
        self.first < self.last
    }
}

/// Rereads a page printed with columns side by side (see the module doc):
/// each column's lines in order, lines trimmed, one blank line between
/// columns and regions. Any other page is returned as it is.
pub fn reading_order(text: &str) -> Cow<'_, str> {
    if !has_gapped_lines(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let rows = page_rows(&lines);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut changed = false;
    let mut row = 0;
    while row < rows.len() {
        if rows[row].is_empty() {
            out.push('\n');
            row += 1;
            continue;
        }
        let end = block_end(&rows, row);
        match layout(&lines, &rows, row, end, 0) {
            Some(pieces) => {
                changed = true;
                for (i, piece) in pieces.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    for &(r, (from, to)) in piece {
                        out.push_str(lines[r][from..to].trim());
                        out.push('\n');
                    }
                }
            }
            None => {
                for line in &lines[row..end] {
                    out.push_str(line.trim());
                    out.push('\n');
                }
            }
        }
        row = end;
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    // The loop wrote one newline per row; the text had one fewer.
    out.pop();
    Cow::Owned(out)
}

/// The cheap test run on every page: enough lines with a gap of two or more
/// blank characters inside their text. Ordinary pages have none or a footer's
/// worth.
fn has_gapped_lines(text: &str) -> bool {
    // Most pages hold no gap anywhere: one pass over the page tells so,
    // and no line is read.
    if !may_hold_gap(text) {
        return false;
    }
    let (mut inked, mut gapped) = (0usize, 0usize);
    for line in text.lines() {
        let inner = line.trim_matches(is_blank);
        if inner.is_empty() {
            continue;
        }
        inked += 1;
        if holds_gap(inner) {
            gapped += 1;
        }
    }
    gapped >= MIN_ROWS && gapped * 8 >= inked
}

/// Whether a text may hold a gap (see [`holds_gap`]) somewhere: a tab,
/// two spaces, or the byte pair `80 80` that an ideographic space
/// (`E3 80 80`) ends in. One pass over byte pairs without early exit,
/// which the compiler turns into vector instructions.
fn may_hold_gap(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (gap, ideographic) = pairs_show_gap(bytes);
    bytes.first() == Some(&b'\t') || gap || ideographic
}

/// One pass over a text's byte pairs: whether it holds two spaces or a tab
/// after its first byte, and whether it holds the pair `80 80` (as an
/// ideographic space does).
fn pairs_show_gap(bytes: &[u8]) -> (bool, bool) {
    bytes.iter().zip(bytes.get(1..).unwrap_or_default()).fold(
        (false, false),
        |(gap, ideographic), (&a, &b)| {
            (
                gap | (a == b' ' && b == b' ') | (b == b'\t'),
                ideographic | (a == 0x80 && b == 0x80),
            )
        },
    )
}

/// Whether a line's inked text holds a gap: two spaces, a tab, or an
/// ideographic space beside another blank. Two spaces and tabs are looked
/// for in one pass over byte pairs without early exit, which the compiler
/// turns into vector instructions: most lines hold neither and are read to
/// the end, and a search for two spaces costs more to set up than the pass.
/// The same pass tells whether an ideographic space may stand in the line.
fn holds_gap(inner: &str) -> bool {
    let bytes = inner.as_bytes();
    let (gap, ideographic) = pairs_show_gap(bytes);
    bytes.first() == Some(&b'\t')
        || gap
        || ideographic
            && inner.contains('\u{3000}')
            && inner.chars().filter(|&c| is_blank(c)).count() > 1
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// A piece of the reading: rows and the bytes of each row to print.
type Piece = Vec<(usize, (usize, usize))>;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lays columns out side by side the way a layout-preserving export does:
    /// each column padded to `width` display columns, `gutter` spaces
    /// between, trailing blanks dropped. Columns may end at different rows.
    fn side_by_side(columns: &[&[&str]], width: usize, gutter: usize) -> String {
        side_by_side_on(columns, width, gutter, display_width)
    }

    /// [`side_by_side`] on a grid whose cells `measure` counts.
    fn side_by_side_on(
        columns: &[&[&str]],
        width: usize,
        gutter: usize,
        measure: fn(&str) -> usize,
    ) -> String {
        let rows = columns.iter().map(|c| c.len()).max().unwrap_or(0);
        let mut page = String::new();
        for row in 0..rows {
            let mut line = String::new();
            for (k, column) in columns.iter().enumerate() {
                let cell = column.get(row).copied().unwrap_or("");
                line.push_str(cell);
                if k + 1 < columns.len() {
                    let pad = width.saturating_sub(measure(cell)) + gutter;
                    line.push_str(&" ".repeat(pad));
                }
            }
            page.push_str(line.trim_end());
            page.push('\n');
        }
        page
    }

    use crate::split::text::display_width;

    /// The expected reading: pieces of lines, one blank line between pieces.
    fn reading(pieces: &[&[&str]]) -> String {
        let pieces: Vec<String> = pieces
            .iter()
            .map(|p| {
                p.iter()
                    .map(|line| line.trim())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        pieces.join("\n\n") + "\n"
    }

    const LEFT: [&str; 6] = [
        "本报讯 今年春天，全县农民",
        "在荒山上种下了十万棵树苗，",
        "预计三年以后可以成林。县里",
        "还组织了技术员下乡指导，帮",
        "助农民解决育苗中的问题。",
        "  群众说，这是一件大好事。",
    ];
    const MIDDLE: [&str; 5] = [
        "新华社北京五月三日电 工厂",
        "的工人们提前完成了全年计划",
        "，产品质量也有了显著提高，",
        "受到了上级的表扬。厂里决定",
        "继续开展劳动竞赛。",
    ];
    const RIGHT: [&str; 4] = [
        "  编者按：这两篇报道说明了",
        "一个道理：只要依靠群众，就",
        "没有克服不了的困难。希望各",
        "地认真学习。",
    ];

    #[test]
    fn two_columns_are_read_left_then_right() {
        let page = side_by_side(&[&LEFT, &MIDDLE], 28, 4);
        assert_eq!(reading_order(&page), reading(&[&LEFT, &MIDDLE]));
    }

    #[test]
    fn three_columns_with_ragged_ends_are_read_in_turn() {
        let page = side_by_side(&[&LEFT, &MIDDLE, &RIGHT], 28, 3);
        assert_eq!(reading_order(&page), reading(&[&LEFT, &MIDDLE, &RIGHT]));
    }

    /// Three long columns of ragged lines.
    fn long_columns() -> [Vec<&'static str>; 3] {
        [
            [&LEFT[..], &RIGHT, &MIDDLE].concat(),
            [&MIDDLE[..], &LEFT, &RIGHT].concat(),
            [&RIGHT[..], &MIDDLE, &LEFT].concat(),
        ]
    }

    #[test]
    fn columns_padded_one_cell_a_character_are_read_in_turn() {
        // `pdftotext -layout` pads on a grid of one cell a character, so
        // a short line of CJK text ends further left than its padding says.
        let columns = long_columns();
        let columns: Vec<&[&str]> = columns.iter().map(Vec::as_slice).collect();
        let page = side_by_side_on(&columns, 14, 3, |s| s.chars().count());
        assert_eq!(reading_order(&page), reading(&columns));
    }

    /// The grid a page's runs were counted on.
    fn grid(lines: &[&str]) -> Cells {
        page_rows(lines)
            .iter()
            .flatten()
            .next()
            .map(|run| run.cells)
            .unwrap()
    }

    #[test]
    fn the_grid_is_the_one_the_columns_line_up_on() {
        // Long columns of ragged lines: on the other grid their starts scatter.
        let columns = long_columns();
        let columns: Vec<&[&str]> = columns.iter().map(Vec::as_slice).collect();
        let chars = side_by_side_on(&columns, 14, 3, |s| s.chars().count());
        let lines: Vec<&str> = chars.lines().collect();
        assert_eq!(grid(&lines), Cells::Chars);
        let display = side_by_side(&columns, 28, 3);
        let lines: Vec<&str> = display.lines().collect();
        assert_eq!(grid(&lines), Cells::Display);
    }

    #[test]
    fn a_headline_over_all_columns_is_read_before_them() {
        let headline = format!(
            "{}新华社记者报道：全国春耕生产进展顺利，各地抓紧时机播种，确保今年农业丰收",
            " ".repeat(10)
        );
        let page = format!(
            "{headline}\n{}",
            side_by_side(&[&LEFT, &MIDDLE, &RIGHT], 28, 4)
        );
        assert_eq!(
            reading_order(&page),
            reading(&[&[headline.trim()], &LEFT, &MIDDLE, &RIGHT])
        );
    }

    #[test]
    fn a_headline_over_later_columns_splits_only_those() {
        // Rows 0-5: three columns; row 6: a headline over columns two and
        // three; rows 7-10: the new story's two columns; the first column
        // runs on beside it.
        let left: Vec<&str> = LEFT.iter().chain(&RIGHT).copied().collect();
        let above = side_by_side(&[&left[..6], &MIDDLE, &RIGHT[..2]], 28, 4);
        let headline = format!("{}全县春耕生产进展顺利，各地都在抓紧播种。", " ".repeat(44));
        let below = side_by_side(&[&left[6..], &RIGHT, &RIGHT[2..]], 28, 4);
        let page = format!("{above}{headline}\n{below}");
        assert_eq!(
            reading_order(&page),
            reading(&[
                &left,
                &MIDDLE,
                &RIGHT[..2],
                &[headline.trim()],
                &RIGHT,
                &RIGHT[2..]
            ])
        );
    }

    #[test]
    fn a_masthead_row_alone_runs_across_the_columns() {
        let masthead = format!(
            "第2版{}人民日报{}一九六二年九月二十五日 星期二",
            " ".repeat(30),
            " ".repeat(20)
        );
        let page = format!("{masthead}\n\n{}", side_by_side(&[&LEFT, &MIDDLE], 28, 4));
        assert_eq!(
            reading_order(&page),
            format!("{masthead}\n\n{}", reading(&[&LEFT, &MIDDLE]))
        );
    }

    #[test]
    fn interleaved_rows_of_a_left_column_stay_in_their_column() {
        // The left column's lines sit between the right columns' lines, as
        // when the columns' baselines differ.
        let mut page = String::new();
        for row in 0..4 {
            page.push_str(LEFT[row]);
            page.push('\n');
            page.push_str(&" ".repeat(30));
            page.push_str(MIDDLE[row]);
            page.push_str("    ");
            page.push_str(RIGHT[row]);
            page.push('\n');
        }
        assert_eq!(
            reading_order(&page),
            reading(&[&LEFT[..4], &MIDDLE[..4], &RIGHT])
        );
    }

    #[test]
    fn columns_are_found_by_display_width_not_characters() {
        // Left lines mix digits and CJK: the same display width, different
        // character counts. Counted in characters, the right column would
        // start at a different place on every row.
        let left = [
            "1986年10月4日上午，",
            "全市共有3000多名",
            "工人参加了义务劳动。",
            "劳动从早上8点开始，",
        ];
        let page = side_by_side(&[&left, &MIDDLE[..4]], 22, 2);
        assert_eq!(reading_order(&page), reading(&[&left, &MIDDLE[..4]]));
    }

    #[test]
    fn tabs_advance_to_the_next_tab_stop() {
        let left = ["甲乙丙丁戊己庚", "子丑寅卯辰巳", "一二三四五六七", "天地玄"];
        let page: String = left
            .iter()
            .zip(MIDDLE)
            .map(|(l, r)| {
                let tabs = if display_width(l) < 8 {
                    "\t\t\t"
                } else {
                    "\t\t"
                };
                format!("{l}{tabs}{r}\n")
            })
            .collect();
        assert_eq!(reading_order(&page), reading(&[&left, &MIDDLE[..4]]));
    }

    #[test]
    fn a_wide_single_column_page_is_left_alone() {
        let paragraph = "新华社北京五月三日电 国务院今天召开常务会议，研究部署进一步做好春耕生产工作，会议指出，";
        let mut page = String::from("人民日报\n\n");
        for _ in 0..20 {
            page.push_str(paragraph);
            page.push('\n');
        }
        page.push_str("本版编辑：胡一鸣  王海波  校对：郭美玲\n");
        page.push_str("  （记者  张三）\n");
        assert!(matches!(reading_order(&page), Cow::Borrowed(_)));
    }

    #[test]
    fn stories_side_by_side_are_read_one_after_the_other() {
        // Left: a story's headline, the rows its photo leaves empty, its
        // column, the next story's headline. Right: a label over a piece
        // set in one column and then in three. No blank row anywhere: only
        // the stripe down the page parts the two.
        let cells = |cells: &[(usize, &str)]| {
            let mut line = String::new();
            for &(x, text) in cells {
                let pad = x.saturating_sub(display_width(&line));
                line.push_str(&" ".repeat(pad));
                line.push_str(text);
            }
            line + "\n"
        };
        let mut page = cells(&[(70, "图片新闻")]);
        page += &cells(&[(0, "全县春耕生产进展顺利")]);
        for line in MIDDLE {
            page += &cells(&[(40, line)]);
        }
        for row in 0..4 {
            page += &cells(&[
                (0, LEFT[row]),
                (32, RIGHT[row]),
                (64, MIDDLE[row]),
                (96, LEFT[row]),
            ]);
        }
        page += &cells(&[(0, "工厂提前完成全年计划"), (90, "本报记者 李明 摄")]);
        let read = reading_order(&page);
        let left = [
            "全县春耕生产进展顺利",
            LEFT[0],
            LEFT[1],
            LEFT[2],
            LEFT[3],
            "工厂提前完成全年计划",
        ];
        assert!(read.starts_with(&(left.join("\n") + "\n")), "{read}");
    }

    #[test]
    fn a_block_too_short_to_show_its_columns_is_read_by_its_blank_stripes() {
        // A headline in two lines beside a contents box, then two columns of
        // three and two rows: too few rows for column edges, but blank
        // stripes run down each stretch.
        let band = side_by_side(
            &[
                &["工厂提前完成全年计划", "", "产品质量显著提高"],
                &["本版导读", "春耕生产 >>08", "植树造林 >>09"],
            ],
            40,
            6,
        );
        let body = side_by_side(&[&MIDDLE[..3], &LEFT[..2]], 28, 4);
        let page = format!("{band}\n{body}");
        assert_eq!(
            reading_order(&page),
            reading(&[
                &["工厂提前完成全年计划", "产品质量显著提高"],
                &["本版导读", "春耕生产 >>08", "植树造林 >>09"],
                &MIDDLE[..3],
                &LEFT[..2],
            ])
        );
    }

    #[test]
    fn spaced_out_fields_of_a_running_head_are_not_cut_apart() {
        // Each field has a line of text in one row only: no stripe cuts.
        let head = "某某日报          2023年3月15日\n第7版             星期三\n";
        let body = side_by_side(&[&MIDDLE[..3], &LEFT[..3]], 28, 4);
        let page = format!("{head}\n\n{body}");
        let read = reading_order(&page);
        assert!(
            read.starts_with("某某日报          2023年3月15日\n第7版             星期三\n"),
            "{read}"
        );
    }

    proptest! {
        /// The byte passes find a gap exactly where the plain searches do.
        #[test]
        fn a_gap_is_found_as_the_searches_find_it(line in "[ \t\u{3000}一甲a、\u{3001}\u{4E80}]{0,12}") {
            let searched = line.contains("  ")
                || line.contains('\t')
                || line.contains('\u{3000}') && line.chars().filter(|&c| is_blank(c)).count() > 1;
            prop_assert_eq!(holds_gap(&line), searched);
        }

        /// A page the one look over its bytes clears holds no line with a
        /// gap.
        #[test]
        fn a_page_cleared_at_a_glance_has_no_gapped_line(page in "[ \t\u{3000}一甲a、\u{4000}\n]{0,30}") {
            if !may_hold_gap(&page) {
                prop_assert!(page.lines().all(|l| !holds_gap(l.trim_matches(is_blank))));
            }
        }
    }

    /// Text pieces the generator below puts on a row.
    fn cell() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "甲乙丙丁戊己庚辛",
            "新华社24日电",
            "ab",
            " ",
            "  ",
            "      ",
            "\t",
            "\u{3000}",
            "\r",
            "“”—…",
            "一",
        ])
    }

    proptest! {
        /// Whatever the rows, the pass neither panics nor loses or invents
        /// a character: it only moves text and white space.
        #[test]
        fn only_moves_text(rows in prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..30)) {
            let page: String = rows.iter().map(|r| r.concat() + "\n").collect();
            let ink = |s: &str| {
                let mut chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
                chars.sort_unstable();
                chars
            };
            prop_assert_eq!(ink(&reading_order(&page)), ink(&page));
        }
    }
}
