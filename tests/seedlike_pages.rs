//! Scores the block reading on seed-like pages of other papers and eras
//! (`tests/fixtures/seedlike`: real article text laid out the way the seed
//! pages are, blank lines between paragraphs, with their gold articles).
//! Builds them with the real binary, runs the shared scorer `segscore.py`,
//! prints its table and fails below the floors.

mod common;

use common::{copy_without_blank_lines, project_root, segscore, Project};

/// Floors for the scorer's OVERALL line: what the block reading reaches on
/// these pages now (F1 0.79, authors 15/17, body 16/17), so a regression
/// fails; no furniture may leak. Below the target of 0.90: the five
/// articles still missed need the assembly to start a piece without a
/// byline (a headline after a closed piece, a standfirst between headline
/// and byline) and to pick the first of three headline lines; the two
/// authors missed are a photographer credited inside a paragraph
/// (`…滑雪。曹建雄摄/光明图片`) and four of five photographers of a photo page;
/// see docs/splitting.md.
const MIN_F1: f64 = 0.78;
const MIN_AUTHORS: f64 = 0.85;
const MIN_BODY: f64 = 0.90;

#[test]
fn seedlike_pages_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    let project = Project::empty();
    let s = segscore(&project, &fixtures.join("seeds"), &fixtures.join("gold"));
    assert_eq!(s.gold, 22, "every gold article is scored");
    s.assert_floors(MIN_F1, MIN_AUTHORS, MIN_BODY, 0);
}

/// The same pages with every blank line taken out: a page that prints one
/// paragraph per line is read line by line, a hard-wrapped one as a flowing
/// export. Floors at what the splitter reaches (F1 0.83, authors 17/17,
/// body 14/17, no furniture).
#[test]
fn seedlike_pages_without_blank_lines_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    let project = Project::empty();
    let seeds = project.path("no-blank-lines");
    copy_without_blank_lines(&fixtures.join("seeds"), &seeds);
    let s = segscore(&project, &seeds, &fixtures.join("gold"));
    s.assert_floors(0.82, 0.95, 0.80, 0);
}
