//! A row's runs of text: cut at gaps of two or more blank characters, with
//! their display columns; a run that crosses a column edge at one space cut
//! in two.

use super::{is_blank, Run, GAP_CHARS, INDENT, MAX_GLUE_SPACES, MIN_RUN_WIDTH, TAB_WIDTH};
use crate::split::text::is_wide;

/// The runs of text in one line, split at gaps of two or more blank
/// characters, with their display columns (CJK characters take two, tabs
/// go to the next tab stop).
pub(super) fn runs(line: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut x = 0;
    let mut open: Option<Run> = None;
    let mut blanks = 0;
    for (at, c) in line.char_indices() {
        if is_blank(c) {
            x = match c {
                '\t' => (x / TAB_WIDTH + 1) * TAB_WIDTH,
                '\u{3000}' => x + 2,
                _ => x + 1,
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
        let width = if is_wide(c) { 2 } else { 1 };
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
            x += if c == '\u{3000}' { 2 } else { 1 };
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
                    start: run.start,
                    end: left_end,
                    bytes: (run.bytes.0, blank),
                };
                let right = Run {
                    start: x,
                    end: run.end,
                    bytes: (at, run.bytes.1),
                };
                return (left, Some(right));
            }
        }
        x += if is_wide(c) { 2 } else { 1 };
    }
    (*run, None)
}
