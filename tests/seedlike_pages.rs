//! Scores the block reading on seed-like pages of other papers and eras
//! (`tests/fixtures/seedlike`: real article text laid out the way the seed
//! pages are, blank lines between paragraphs, with their gold articles).
//! Builds them with the real binary, runs the shared scorer `segscore.py`,
//! prints its table and fails below the floors.

mod common;

use common::{copy_pages, hard_wrapped, project_root, segscore, without_blank_lines, Project};

/// Floors for the scorer's OVERALL line: what the block reading reaches on
/// these 187 pages now (F1 0.877, authors 317/328, body 302/328, 4 pieces
/// of furniture; 0.850, 306/316, 288/316, 8 with the build before the
/// round that read two headline lines without a kicker's shape as one
/// title, the twenty-eighth batch's round), so a regression fails. Each batch of new pages was scored
/// before any rule was written for it (the ninth batch of eight: F1 0.85,
/// authors 12/14, body 13/14, no furniture; 0.88, 15/15, 15/15 after its
/// rules; the tenth, on which no rule was written: 0.97, 16/17, 16/17, no
/// furniture; the eleventh, four pages: 0.89, 7/8, 7/8, no furniture, and
/// 1.00, 9/9, 9/9 after its two rules; the twelfth and thirteenth, six
/// pages: 0.55, 5/6, 4/6, 2 pieces of furniture, and 0.75, 9/9, 8/9, none,
/// after theirs; the fourteenth to seventeenth, nineteen pages: 0.64,
/// 19/24, 15/24, 3 pieces of furniture, and 0.68, 25/26, 18/26, 1 after
/// theirs, which took the whole set from 0.90 to 0.86; the eighteenth, six
/// pages on which no rule was written: 0.73, 9/11, 10/11, 5; the nineteenth
/// and twentieth, twelve pages: 0.73, 11/11, 9/11, 4 and 0.62, 6/8, 5/8, 4,
/// then 0.84, 13/13, 11/13, none and 0.77, 9/10, 9/10, none after their
/// rules; the twenty-first, six pages made while those rules were written
/// and scored after them: 0.67, 9/9, 8/9, 1, the same as with the build
/// before them, and 0.74, 10/10, 9/10, none after one rule read off it;
/// the twenty-second, six pages scored before any rule was written on it:
/// 0.71, 10/10, 6/10, 1, and 0.80, 12/12, 10/12, none after the rules of
/// its round; the twenty-third, six pages scored before any rule was
/// written on it: 0.67, 10/11, 9/11, 1, and 1.00, 18/18, 17/18, none after
/// the rules of its round; the twenty-fifth, six pages scored before any
/// rule was written on it: 0.86, 12/12, 11/12, 3, and 0.93, 14/14, 14/14,
/// 1 after the rules of its round, its photo news label read as the title
/// of the photos under it; the twenty-sixth, six pages on which no rule was
/// written: 0.61, 10/11, 8/11, 3 with the build before the round and the
/// same after it; the twenty-seventh, six pages made during the round and
/// scored before any rule was written on it: 0.69, 9/10, 7/10, 2, and
/// 0.87, 12/13, 10/13, none after the round's last two rules), which is the
/// better estimate for pages never seen;
/// docs/splitting.md lists what is still missed. Briefs under a label are
/// entries of their own, which the scorer counts against precision (no gold
/// headline matches an untitled brief).
const MIN_F1: f64 = 0.87;
const MIN_AUTHORS: f64 = 0.96;
const MIN_BODY: f64 = 0.92;
const MAX_FURNITURE: u64 = 4;

#[test]
fn seedlike_pages_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    let project = Project::empty();
    let s = segscore(&project, &fixtures.join("seeds"), &fixtures.join("gold"));
    assert_eq!(s.gold, 367, "every titled gold article is scored");
    s.assert_floors(MIN_F1, MIN_AUTHORS, MIN_BODY, MAX_FURNITURE);
}

/// The same pages with every blank line taken out: a page that prints one
/// paragraph per line is read line by line, a hard-wrapped one as a flowing
/// export. Floors at what the splitter reaches on the 187 pages (F1 0.842,
/// authors 295/312, body 278/312, 6 pieces of furniture: mastheads and page
/// labels that a blank line no longer sets apart). The eleventh to thirteenth batches
/// took F1 from 0.87 to 0.867 and the authors' share from 134/139 to
/// 151/157; the fourteenth to eighteenth took F1 to 0.84.
#[test]
fn seedlike_pages_without_blank_lines_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    let project = Project::empty();
    let seeds = project.path("no-blank-lines");
    copy_pages(&fixtures.join("seeds"), &seeds, without_blank_lines);
    let s = segscore(&project, &seeds, &fixtures.join("gold"));
    s.assert_floors(0.84, 0.94, 0.89, 6);
}

/// The same pages with their paragraphs hard-wrapped in narrow columns, 12
/// and 16 characters wide, blank lines kept between paragraphs (the shape of
/// the `zjgrrb` seed). A line that happens to end a sentence inside a
/// paragraph must not make the page read as a flowing export. Floors at what
/// the splitter reaches on the 187 pages (F1 0.842 and 0.861, authors
/// 304/316 and 306/320, body 283/316 and 289/320, furniture 4 and 5).
#[test]
fn seedlike_pages_in_hard_wrapped_columns_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    for width in [12, 16] {
        let project = Project::empty();
        let seeds = project.path("hard-wrapped");
        copy_pages(&fixtures.join("seeds"), &seeds, |text| {
            hard_wrapped(text, width)
        });
        let s = segscore(&project, &seeds, &fixtures.join("gold"));
        s.assert_floors(0.84, 0.95, 0.89, 5);
    }
}

/// The same pages hard-wrapped in 16-character columns with every blank
/// line taken out: what `pdftotext` makes of such a page, read as a flowing
/// export with nothing but the lines' shapes to cut it. Floors at what the
/// splitter reaches on the 187 pages (F1 0.716, authors 224/254, body
/// 195/254, 11 pieces of furniture; 0.717, 217/246, 190/246, 12 on the 181
/// before the twenty-eighth batch; 0.728, 200/226, 175/226, 8 on the 169
/// before the twenty-sixth and twenty-seventh batches; 0.723, 190/215,
/// 167/215, 8 on the 163
/// before the twenty-fifth batch; 0.709, 172/199, 153/199, 8 on the 157
/// before the twenty-third batch; 0.72, 165/192, 152/192, 8 on the 151
/// before the twenty-second batch; on the 133 before the nineteenth to
/// twenty-first batches, 0.71, 137/162, 129/162, 7, and 0.69, 135/158,
/// 126/158, 10 before their round's rules, which find photo items closed
/// by wrapped credits at an author's cost; 0.74, 114/130, 106/130 and 6
/// before the fourteenth to
/// eighteenth batches, 99/114, 94/114 and 5 before the eleventh to
/// thirteenth); before markdown
/// headings, one-line closing paragraphs, short lines and spaced phrases
/// over a body, speakers' kickers, closed-up footers and debris under a
/// finished sentence were read on flowing pages, 0.64, 82/98, 74/98, 7.
#[test]
fn seedlike_pages_hard_wrapped_without_blank_lines_score_at_or_above_the_floors() {
    let fixtures = project_root().join("tests/fixtures/seedlike");
    let project = Project::empty();
    let seeds = project.path("hard-wrapped-no-blank-lines");
    copy_pages(&fixtures.join("seeds"), &seeds, |text| {
        without_blank_lines(&hard_wrapped(text, 16))
    });
    let s = segscore(&project, &seeds, &fixtures.join("gold"));
    s.assert_floors(0.71, 0.88, 0.76, 11);
}
