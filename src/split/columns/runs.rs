//! A row's runs of text: cut at gaps of two or more blank characters, with
//! their columns; a run that crosses a column edge at one space cut in two.

use std::collections::HashMap;

use super::{is_blank, Run, GAP_CHARS, INDENT, MAX_GLUE_SPACES, MIN_RUN_WIDTH, TAB_WIDTH};
use crate::split::text::is_wide;

/// How an export counted the columns it padded to. Most pad to a grid of
/// one cell a character, whatever its width (`pdftotext -layout` does); some
/// give a CJK character two cells, as a terminal shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cells {
    /// One cell a character.
    Chars,
    /// Two cells a CJK character (and an ideographic space), one for others.
    Display,
}

impl Cells {
    fn width(self, c: char) -> usize {
        match self {
            Cells::Display if is_wide(c) || c == '\u{3000}' => 2,
            _ => 1,
        }
    }
}

/// The runs of every line of a page, on the grid its columns line up on:
/// one cell a character when the runs after a gap start at the page's few
/// most used places clearly more often so (by [`GRID_MARGIN`]); else display
/// cells, on which columns whose lines line up about as well on either grid
/// read best.
pub(super) fn page_rows(lines: &[&str]) -> Vec<Vec<Run>> {
    let on =
        |cells: Cells| -> Vec<Vec<Run>> { lines.iter().map(|line| runs(line, cells)).collect() };
    let (chars, display) = (on(Cells::Chars), on(Cells::Display));
    if alignment(&chars) > alignment(&display) + GRID_MARGIN {
        chars
    } else {
        display
    }
}

/// The share of a page's gapped runs that start at its few most used
/// places, in thousandths.
fn alignment(rows: &[Vec<Run>]) -> usize {
    let mut starts: HashMap<usize, usize> = HashMap::new();
    for run in rows.iter().flatten().filter(|r| r.start > 0) {
        *starts.entry(run.start).or_default() += 1;
    }
    let mut counts: Vec<usize> = starts.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let total: usize = counts.iter().sum();
    let top: usize = counts.iter().take(COLUMN_EDGES).sum();
    top * 1000 / total.max(1)
}

/// Column edges a page is judged by: a broadsheet's inner edges.
const COLUMN_EDGES: usize = 6;
/// How much more of a page's gapped runs, in thousandths, must start at its
/// edges on the grid of characters before that grid is taken. Pages
/// exported on it show 250 to 580 more; pages on display cells, or
/// scrambled by a sorted extraction, under 170 (docs/splitting.md).
const GRID_MARGIN: usize = 200;

/// The runs of text in one line, split at gaps of two or more blank
/// characters, with their columns on the export's grid (tabs go to the next
/// tab stop).
fn runs(line: &str, cells: Cells) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut x = 0;
    let mut open: Option<Run> = None;
    let mut blanks = 0;
    for (at, c) in line.char_indices() {
        if is_blank(c) {
            x = match c {
                '\t' => (x / TAB_WIDTH + 1) * TAB_WIDTH,
                _ => x + cells.width(c),
            };
            blanks += if c == '\t' { GAP_CHARS } else { 1 };
            if blanks >= GAP_CHARS {
                runs.extend(open.take());
            }
            continue;
        }
        if c.is_control() {
            continue;
        }
        blanks = 0;
        let width = cells.width(c);
        let end = at + c.len_utf8();
        match open.as_mut() {
            Some(run) => {
                run.end = x + width;
                run.bytes.1 = end;
            }
            None => {
                open = Some(Run {
                    start: x,
                    end: x + width,
                    bytes: (at, end),
                    cells,
                })
            }
        }
        x += width;
    }
    runs.extend(open);
    runs
}

/// A run that crosses a column edge at a single space is two columns' lines
/// that the export set one space apart: it is cut there. The run, and the
/// right part when it was cut.
pub(super) fn unglue(line: &str, run: &Run, starts: &[usize]) -> (Run, Option<Run>) {
    let text = &line[run.bytes.0..run.bytes.1];
    // A run with no blank (most of them) has nowhere to be cut.
    let blanks = text.chars().filter(|&c| is_blank(c)).count();
    if blanks == 0 || blanks > MAX_GLUE_SPACES {
        return (*run, None);
    }
    let mut x = run.start;
    let mut blank_at: Option<(usize, usize)> = None;
    for (at, c) in text.char_indices() {
        let at = run.bytes.0 + at;
        if is_blank(c) {
            blank_at = Some((x, at));
            x += run.cells.width(c);
            continue;
        }
        if let Some((left_end, blank)) = blank_at.take() {
            let at_edge = starts.iter().any(|&s| s <= x + 2 && x <= s + INDENT);
            // Widths are counted as the run was (a control character may
            // count as none there): never below zero.
            let wide_enough = left_end.saturating_sub(run.start) >= MIN_RUN_WIDTH
                && run.end.saturating_sub(x) >= MIN_RUN_WIDTH;
            if at_edge && wide_enough {
                let left = Run {
                    end: left_end,
                    bytes: (run.bytes.0, blank),
                    ..*run
                };
                let right = Run {
                    start: x,
                    bytes: (at, run.bytes.1),
                    ..*run
                };
                return (left, Some(right));
            }
        }
        x += run.cells.width(c);
    }
    (*run, None)
}
