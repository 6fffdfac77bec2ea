//! Runs placed in the columns they cover, and the recursive X-Y cut that
//! reads the regions in order.

use super::runs::unglue;
use super::{Item, Piece, Run};

/// Places every run in the columns it covers. A run covers a column when it
/// fills at least half of it; a run that fills none goes to the column it
/// overlaps most. A row of several runs standing alone between blank rows (a
/// masthead, a footer) runs across the whole page.
pub(super) fn place(
    lines: &[&str],
    rows: &[Vec<Run>],
    from: usize,
    to: usize,
    starts: &[usize],
    typical_width: usize,
) -> Vec<Item> {
    let columns: Vec<(usize, usize)> = (0..starts.len())
        .map(|k| {
            let left = if k == 0 { 0 } else { starts[k] };
            (left, starts.get(k + 1).copied().unwrap_or(usize::MAX))
        })
        .collect();
    let last_column = starts.len() - 1;
    let mut items = Vec::new();
    for (row, runs) in rows.iter().enumerate().take(to).skip(from) {
        let alone = runs.len() > 1
            && (row == from || rows[row - 1].is_empty())
            && (row + 1 == to || rows[row + 1].is_empty());
        let runs = runs.iter().flat_map(|run| {
            let (left, right) = unglue(lines[row], run, starts);
            std::iter::once(left).chain(right)
        });
        for run in runs {
            let (first, last) = if alone {
                (0, last_column)
            } else {
                covered_columns(&run, &columns, starts, typical_width)
            };
            items.push(Item {
                row,
                first,
                last,
                bytes: run.bytes,
            });
        }
    }
    items
}

pub(super) fn covered_columns(
    run: &Run,
    columns: &[(usize, usize)],
    starts: &[usize],
    typical_width: usize,
) -> (usize, usize) {
    let overlap = |k: usize| {
        let (left, right) = columns[k];
        run.end.min(right).saturating_sub(run.start.max(left))
    };
    let width = |k: usize| {
        starts
            .get(k + 1)
            .map_or(typical_width, |next| next - starts[k])
    };
    let mut filled = (0..columns.len()).filter(|&k| overlap(k) * 2 >= width(k).max(1));
    let first = filled.next();
    match (first, filled.next_back().or(first)) {
        (Some(first), Some(last)) => (first, last),
        _ => {
            let best = (0..columns.len())
                .max_by_key(|&k| (overlap(k), std::cmp::Reverse(k)))
                .unwrap_or(0);
            (best, best)
        }
    }
}

/// Rows where runs stand in two or more columns without running across.
pub(super) fn side_by_side_rows(items: &[Item]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < items.len() {
        let row = items[i].row;
        let j = i + items[i..].iter().take_while(|item| item.row == row).count();
        let same_row = &items[i..j];
        if same_row.iter().all(|item| !item.spans())
            && same_row.iter().any(|item| item.first != same_row[0].first)
        {
            count += 1;
        }
        i = j;
    }
    count
}

/// The recursive X-Y cut: a region splits at every column boundary no run
/// crosses, and is read left part first; where every boundary is crossed, it
/// splits above and below the first row with a run across columns (a
/// headline over its columns), which is read between the two.
pub(super) fn read_region(mut items: Vec<Item>, pieces: &mut Vec<Piece>) {
    loop {
        let Some(first) = items.iter().map(|item| item.first).min() else {
            return;
        };
        let last = items.iter().map(|item| item.last).max().unwrap_or(first);
        let free: Vec<usize> = (first + 1..=last)
            .filter(|&b| !items.iter().any(|item| item.first < b && b <= item.last))
            .collect();
        if !free.is_empty() {
            let mut groups: Vec<Vec<Item>> = vec![Vec::new(); free.len() + 1];
            for item in items {
                groups[free.partition_point(|&b| b <= item.first)].push(item);
            }
            for group in groups {
                read_region(group, pieces);
            }
            return;
        }
        let Some(cut) = items.iter().find(|item| item.spans()).map(|item| item.row) else {
            pieces.push(piece(&items));
            return;
        };
        if items.iter().all(|item| item.row == cut) {
            pieces.push(piece(&items));
            return;
        }
        let (above, rest): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| i.row < cut);
        let (at, below): (Vec<Item>, Vec<Item>) = rest.into_iter().partition(|i| i.row == cut);
        read_region(above, pieces);
        pieces.push(piece(&at));
        items = below;
    }
}

/// One column's (or one region's) lines: the runs of each row, from the first
/// run's start to the last one's end.
pub(super) fn piece(items: &[Item]) -> Piece {
    let mut piece: Piece = Vec::new();
    for item in items {
        match piece.last_mut() {
            Some((row, bytes)) if *row == item.row => bytes.1 = item.bytes.1,
            _ => piece.push((item.row, item.bytes)),
        }
    }
    piece
}
