//! The segmentation of a flowing page: the set of candidate boundaries
//! with the greatest total, found by dynamic programming.

use super::cues::{Candidate, THRESHOLD};
use super::lines::LineKind;
use super::Reading;

/// What a piece with fewer than [`MIN_PIECE_LINES`] lines of text costs.
const SHORT_PIECE_PENALTY: i32 = 4;
const MIN_PIECE_LINES: usize = 2;

impl Reading {
    /// Lines of text (not furniture) in `from..to`.
    pub(super) fn text_lines(&self, from: usize, to: usize) -> usize {
        self.text_before[to] - self.text_before[from]
    }

    /// Chooses the page's best set of boundaries: dynamic programming over
    /// the candidates, maximising the sum of (score − threshold) less a
    /// penalty for each piece shorter than [`MIN_PIECE_LINES`].
    pub(super) fn choose(&mut self) {
        let (best, from) = self.best_totals();
        let end = self.lines.len();
        let mut last = None;
        let mut total = 0;
        for (k, &score) in best.iter().enumerate() {
            if score == i32::MIN {
                continue;
            }
            let tail = if self.text_lines(self.candidates[k].at, end) < MIN_PIECE_LINES {
                SHORT_PIECE_PENALTY
            } else {
                0
            };
            if score - tail > total {
                total = score - tail;
                last = Some(k);
            }
        }
        while let Some(k) = last {
            self.candidates[k].chosen = true;
            last = from[k];
        }
    }

    /// `best[k]`: the best total for a segmentation whose last boundary is
    /// candidate `k`; `from[k]`: the boundary before it (`None`: the page
    /// top). Pieces are weighed in O(1) each, so the whole is quadratic in
    /// the candidates, not in the lines.
    fn best_totals(&self) -> (Vec<i32>, Vec<Option<usize>>) {
        let n = self.candidates.len();
        let start = self.content_from(0).unwrap_or(0);
        let mut best = vec![i32::MIN; n];
        let mut from: Vec<Option<usize>> = vec![None; n];
        let top = self.candidate_at_top(start);
        for k in 0..n {
            let at = self.candidates[k].at;
            if at <= start {
                continue;
            }
            // A score that reaches the threshold gains.
            let gain = self.candidates[k].score - THRESHOLD + 1;
            best[k] = gain - self.piece_cost(&top, at);
            for p in 0..k {
                if best[p] == i32::MIN {
                    continue;
                }
                let total = best[p] + gain - self.piece_cost(&self.candidates[p], at);
                if total > best[k] {
                    best[k] = total;
                    from[k] = Some(p);
                }
            }
        }
        (best, from)
    }

    /// What the piece opened by `piece` and ended at line `at` costs: the
    /// penalty when it has too few lines of body. Its body starts after its
    /// headline lines; when these run into the next piece, after its first
    /// line.
    fn piece_cost(&self, piece: &Candidate, at: usize) -> i32 {
        let body_from = if piece.header_end <= at {
            piece.header_end
        } else {
            piece.at + 1
        };
        if self.text_lines(body_from.min(at), at) < MIN_PIECE_LINES {
            SHORT_PIECE_PENALTY
        } else {
            0
        }
    }

    /// The page's first piece, as if a boundary stood before it.
    pub(super) fn candidate_at_top(&self, first: usize) -> Candidate {
        let header_end = match &self.lines[first].kind {
            LineKind::Label(_) | LineKind::Marker(_) => first + 1,
            LineKind::Text => self.header_end(first).unwrap_or(first),
            _ => first,
        };
        Candidate {
            at: first,
            header_end,
            cues: Vec::new(),
            score: 0,
            chosen: true,
        }
    }
}
