//! Scores the splitter on held-out PDF exports (`tests/fixtures/pdfexport`:
//! real article text of papers and eras the development pages do not hold,
//! laid out as newspaper PDFs and taken out again with pdftotext, its
//! `-raw` and `-layout` modes and PyMuPDF, with their gold articles). The
//! rules were not written on these pages, so their score is the honest
//! figure for e-paper text of other papers. Builds them with the real
//! binary, runs the shared scorer `segscore.py`, prints its table and fails
//! below the floors.

mod common;

use common::{project_root, segscore, Project};

/// Floors for the scorer's OVERALL line: what the splitter reaches on these
/// pages now, so a regression fails. On the first twelve pages it reaches
/// F1 0.57, authors 15/18, body 13/18, 1 piece of furniture in entries
/// (0.29, 5/8, 4/8 and 18 before any rule was written for them); the seven
/// pages added after those rules score F1 0.50, authors 5/10, body 6/10 and
/// 4 pieces of furniture, so the whole set stands at F1 0.54, authors
/// 20/28, body 19/28 and 5. Below the target of 0.70: headlines printed in one band
/// above several bodies, photos standing between a headline and its
/// dateline, headlines with no byline or dateline under them, section
/// labels over briefs and photo news, and pages whose columns stand side by
/// side; see docs/splitting.md, "Held-out PDF exports".
const MIN_F1: f64 = 0.54;
const MIN_AUTHORS: f64 = 0.71;
const MIN_BODY: f64 = 0.67;
const MAX_FURNITURE: u64 = 5;

#[test]
fn pdfexport_pages_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/pdfexport");
    let project = Project::empty();
    let s = segscore(&project, &fixtures.join("seeds"), &fixtures.join("gold"));
    assert_eq!(s.gold, 52, "every titled gold article is scored");
    s.assert_floors(MIN_F1, MIN_AUTHORS, MIN_BODY, MAX_FURNITURE);
}
