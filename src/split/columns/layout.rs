//! A block's columns: where its column edges stand, where the columns
//! change from one band of rows to the next, and the block read as columns.

use super::xycut::{place, read_region, side_by_side_rows};
use super::{
    Piece, Run, BLOCK_GAP, GAP_CHARS, INDENT, MAX_BANDS, MIN_COLUMN_WIDTH, MIN_ROWS, MIN_RUN_WIDTH,
    STRETCH_GAP,
};

/// The row after the block that starts at `from`: blocks end at two blank
/// rows or the page end.
pub(super) fn block_end(rows: &[Vec<Run>], from: usize) -> usize {
    let mut end = from;
    let mut blank = 0;
    for (i, row) in rows.iter().enumerate().skip(from) {
        if row.is_empty() {
            blank += 1;
            if blank >= BLOCK_GAP {
                break;
            }
        } else {
            blank = 0;
            end = i + 1;
        }
    }
    end
}

/// The block `rows[from..to]` read as columns, or `None` when it does not
/// stand in side-by-side columns. Where the columns change from one band of
/// rows to the next (a column edge used above is never used below), each
/// band is read on its own. A block too short to show its column edges (a
/// headline beside a contents box, the last lines of two columns) is read by
/// the blank stripes that run down it from top to bottom.
pub(super) fn layout(
    lines: &[&str],
    rows: &[Vec<Run>],
    from: usize,
    to: usize,
    depth: usize,
) -> Option<Vec<Piece>> {
    side_by_side(lines, rows, from, to, depth)
        .or_else(|| columns(lines, rows, from, to, depth))
        .or_else(|| stripes(rows, from, to))
}

/// A block with no blank row cut first at the blank stripes that run down
/// all its rows, each part laid out on its own, left part first: pieces
/// set side by side (a story beside another, each with its headline over
/// its own columns) are read one after the other before their columns are
/// looked for. Each part must hold lines of a column in several rows, so a
/// photo's caption or a lone heading is no part of its own; a block with
/// blank rows (a headline over a contents box, then columns) is left to the
/// column edges, whose stripes need not run through it all.
fn side_by_side(
    lines: &[&str],
    rows: &[Vec<Run>],
    from: usize,
    to: usize,
    depth: usize,
) -> Option<Vec<Piece>> {
    if depth >= MAX_BANDS || rows[from..to].iter().any(|row| row.is_empty()) {
        return None;
    }
    let parts = ink_parts(rows, from, to);
    if parts.len() < 2
        || !parts
            .iter()
            .all(|&part| lined_rows(&rows[from..to], part) >= MIN_ROWS)
    {
        return None;
    }
    let mut pieces = Vec::new();
    for &part in &parts {
        // The block's rows with only the part's runs; the rows above the
        // block stay empty so that row numbers still index the lines.
        let inside: Vec<Vec<Run>> = (0..to)
            .map(|row| match row >= from {
                true => rows[row]
                    .iter()
                    .filter(|r| within(r, part))
                    .copied()
                    .collect(),
                false => Vec::new(),
            })
            .collect();
        match layout(lines, &inside, from, to, depth + 1) {
            Some(read) => pieces.extend(read),
            None => pieces.push(whole_rows(&inside, from, to)),
        }
    }
    pieces.retain(|piece| !piece.is_empty());
    Some(pieces)
}

/// The display columns the ink of `rows[from..to]` covers, merged where
/// less than a gap apart: the parts between the blank stripes that run
/// down every row.
fn ink_parts(rows: &[Vec<Run>], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = rows[from..to]
        .iter()
        .flatten()
        .map(|r| (r.start, r.end))
        .collect();
    spans.sort_unstable();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match parts.last_mut() {
            Some(part) if start < part.1 + GAP_CHARS => part.1 = part.1.max(end),
            _ => parts.push((start, end)),
        }
    }
    parts
}

/// Whether a run stands inside the display columns `part` (`left..right`).
fn within(run: &Run, (left, right): (usize, usize)) -> bool {
    left <= run.start && run.end <= right
}

/// Rows of `block` holding a line of a column (a run of a column's least
/// width) inside the display columns `part`.
fn lined_rows(block: &[Vec<Run>], part: (usize, usize)) -> usize {
    block
        .iter()
        .filter(|row| {
            row.iter()
                .any(|r| within(r, part) && r.end - r.start >= MIN_COLUMN_WIDTH)
        })
        .count()
}

fn columns(
    lines: &[&str],
    rows: &[Vec<Run>],
    from: usize,
    to: usize,
    depth: usize,
) -> Option<Vec<Piece>> {
    let block = &rows[from..to];
    let mut widths: Vec<usize> = block
        .iter()
        .flatten()
        .map(|run| run.end - run.start)
        .filter(|&w| w >= MIN_RUN_WIDTH)
        .collect();
    if widths.is_empty() {
        return None;
    }
    widths.sort_unstable();
    let typical_width = widths[widths.len() / 2];
    let inked = block.iter().filter(|row| !row.is_empty()).count();
    let starts = column_starts(block, typical_width, inked);
    if starts.len() < 2 {
        return None;
    }
    if depth < MAX_BANDS {
        if let Some(cut) = band_cut(block, &starts, typical_width).map(|cut| from + cut) {
            let upper = layout(lines, rows, from, cut, depth + 1);
            let lower = layout(lines, rows, cut, to, depth + 1);
            if upper.is_some() || lower.is_some() {
                let mut pieces = upper.unwrap_or_else(|| vec![whole_rows(rows, from, cut)]);
                pieces.extend(lower.unwrap_or_else(|| vec![whole_rows(rows, cut, to)]));
                pieces.retain(|piece| !piece.is_empty());
                return Some(pieces);
            }
        }
    }
    let items = place(lines, rows, from, to, &starts, typical_width);
    if side_by_side_rows(&items) < MIN_ROWS {
        return None;
    }
    let mut pieces = Vec::new();
    read_region(items, &mut pieces);
    Some(pieces)
}

/// The block read by its blank stripes: cut first at its blank rows, then
/// each stretch at every blank stripe that runs down all of its rows, each
/// part read top to bottom, left part first. `None` unless some stretch is
/// cut so; a stretch is cut only into parts that each hold a line of text (a
/// run of a column's least width) in two rows at least, so a masthead's or
/// a footer's spaced-out fields are never cut apart.
fn stripes(rows: &[Vec<Run>], from: usize, to: usize) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut cut = false;
    let mut stretches = 0;
    let mut row = from;
    while row < to {
        if rows[row].is_empty() {
            row += 1;
            continue;
        }
        let end = (row..to).find(|&r| rows[r].is_empty()).unwrap_or(to);
        stretches += 1;
        match stretch_parts(rows, row, end) {
            Some(parts) => {
                cut = true;
                pieces.extend(parts);
            }
            None => pieces.push(whole_rows(rows, row, end)),
        }
        row = end;
    }
    match (cut, stretches) {
        (true, _) => Some(pieces),
        // One stretch was the whole block, already asked.
        (false, 1) => None,
        (false, _) => stretch_parts(rows, from, to),
    }
}

/// A stretch of rows with no blank row, cut at its blank stripes (see
/// [`stripes`]).
fn stretch_parts(rows: &[Vec<Run>], from: usize, to: usize) -> Option<Vec<Piece>> {
    let parts = ink_parts(rows, from, to);
    if parts.len() < 2
        || !parts
            .iter()
            .all(|&part| lined_rows(&rows[from..to], part) >= 2)
    {
        return None;
    }
    let pieces = parts
        .iter()
        .map(|&part| {
            (from..to)
                .filter_map(|row| {
                    let mut inside = rows[row].iter().filter(|r| within(r, part));
                    let first = inside.next()?;
                    let last = inside.next_back().unwrap_or(first);
                    Some((row, (first.bytes.0, last.bytes.1)))
                })
                .collect()
        })
        .collect();
    Some(pieces)
}

/// The first row of a new band: the row after the last one that uses a
/// column edge which is not used again, when another edge less than a column
/// width away is only used from there on (the column moved). An edge's use is its longest stretch of rows with no more than
/// a few rows between uses (a stray headline line starting there does not
/// count).
pub(super) fn band_cut(
    block: &[Vec<Run>],
    starts: &[usize],
    typical_width: usize,
) -> Option<usize> {
    let used: Vec<(usize, usize, usize)> = starts
        .iter()
        .filter_map(|&s| {
            let rows = block.iter().enumerate().filter(|(_, runs)| {
                runs.iter().any(|run| {
                    run.end - run.start >= MIN_RUN_WIDTH && (s..=s + INDENT).contains(&run.start)
                })
            });
            let mut stretches: Vec<(usize, usize, usize)> = Vec::new();
            for (row, _) in rows {
                match stretches.last_mut() {
                    Some((_, last, count)) if row - *last <= STRETCH_GAP => {
                        *last = row;
                        *count += 1;
                    }
                    _ => stretches.push((row, row, 1)),
                }
            }
            let longest = stretches.into_iter().max_by_key(|&(_, _, count)| count)?;
            Some((s, longest.0, longest.1))
        })
        .collect();
    used.iter()
        .flat_map(|a| {
            used.iter()
                .filter(move |b| a.2 < b.1 && a.0.abs_diff(b.0) < typical_width)
                .map(move |_| a.2 + 1)
        })
        .min()
}

/// A band read as printed: each row from its first run to its last.
pub(super) fn whole_rows(rows: &[Vec<Run>], from: usize, to: usize) -> Piece {
    (from..to)
        .filter_map(|row| {
            let (first, last) = (rows[row].first()?, rows[row].last()?);
            Some((row, (first.bytes.0, last.bytes.1)))
        })
        .collect()
}

/// Left edges of the columns: positions where many runs start (within a
/// paragraph indent), at least half a typical line apart.
pub(super) fn column_starts(block: &[Vec<Run>], typical_width: usize, inked: usize) -> Vec<usize> {
    let mut starts: Vec<usize> = block
        .iter()
        .flatten()
        .filter(|run| run.end - run.start >= MIN_RUN_WIDTH)
        .map(|run| run.start)
        .collect();
    starts.sort_unstable();
    let support = MIN_ROWS.max(inked / 10);
    let separation = MIN_COLUMN_WIDTH.max(typical_width / 2);
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, &x) in starts.iter().enumerate() {
        if i > 0 && starts[i - 1] == x {
            continue;
        }
        let count = starts[i..].partition_point(|&s| s <= x + INDENT);
        candidates.push((count, x));
    }
    candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<usize> = Vec::new();
    for (count, x) in candidates {
        if count < support {
            break;
        }
        if chosen.iter().all(|&c| c.abs_diff(x) >= separation) {
            chosen.push(x);
        }
    }
    chosen.sort_unstable();
    chosen
}
