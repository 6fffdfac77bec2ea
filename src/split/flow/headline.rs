//! Headline groups of a flowing page: headline lines cut into units
//! (kicker, headline, subtitle, deck) and the unit that is the headline.

use super::lines::LineKind;
use super::Reading;
use crate::split::article::trim_dashes;
use crate::split::rules;
use crate::split::text::{close_cjk_spaces, ends_sentence, is_han, join_wrapped, squeeze_spaces};

/// A headline unit: one headline line, or several wrapped at one width.
pub(super) struct Unit {
    pub(super) text: String,
    pub(super) lines: usize,
    /// The width of its first line: where a wrapped unit wraps.
    pub(super) width: usize,
    /// Its first line is wider than the column.
    pub(super) wide: bool,
    pub(super) gap_before: bool,
    /// Furniture (a jump line, a label) stands between it and the unit
    /// before: it is set apart from the group.
    pub(super) set_apart: bool,
}

/// Cuts headline lines into units: a line runs on from the one before when
/// it has the same width (a wrap) or is much shorter (the wrap's tail) and
/// does not itself wrap into a line of its width (then it opens a unit
/// set in larger type).
pub(super) fn header_units(reading: &Reading, from: usize, to: usize) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut last_width = 0;
    let mut tail_taken = true;
    let headline_line =
        |j: usize| matches!(reading.lines[j].kind, LineKind::Text | LineKind::Credit);
    let mut furniture_before = false;
    for j in from..to {
        let line = &reading.lines[j];
        // An editors' note's heading (`编者按`) under a headline heads the
        // note, not a line of the headline; alone, it titles the note.
        if !headline_line(j) || (!units.is_empty() && rules::is_editors_note_heading(&line.text)) {
            furniture_before |= line.kind == LineKind::Furniture;
            continue;
        }
        let w = line.width;
        // The line wraps on into a line of its width, or into a tail of its
        // own: then it opens a unit rather than ending one.
        let wraps_on = (j + 1..to).find(|&k| headline_line(k)).is_some_and(|k| {
            let next = reading.lines[k].width;
            reading.lines[k].gap_before == 0 && (next.abs_diff(w) <= 1 || next * 10 <= w * 7)
        });
        let tail = w * 10 <= last_width * 7 && !wraps_on;
        // A dash opens a subtitle and closes a kicker: never a wrap.
        let dashed = rules::opens_with_dash(&line.text)
            || units.last().is_some_and(|u| u.text.ends_with(['—', '-']));
        let wraps =
            !tail_taken && !dashed && line.gap_before == 0 && (w.abs_diff(last_width) <= 1 || tail);
        match units.last_mut() {
            Some(unit) if wraps => {
                unit.text = join_wrapped(&[unit.text.as_str(), line.text.as_str()]);
                unit.lines += 1;
                tail_taken = w + 1 < last_width;
            }
            _ => {
                units.push(Unit {
                    text: line.text.clone(),
                    lines: 1,
                    width: w,
                    wide: reading.is_wide(j),
                    gap_before: line.gap_before > 0 && j > from,
                    set_apart: furniture_before && !units.is_empty(),
                });
                tail_taken = false;
            }
        }
        last_width = w;
        furniture_before = false;
    }
    units
}

/// Whether a headline line runs in clauses (commas, enumeration or
/// semicolons): a deck's or a kicker's slogan rather than the headline.
fn in_clauses(text: &str) -> bool {
    text.contains(['，', '、', '；', ',', ';'])
}

/// How much a unit looks like the headline of its group. `narrowest` is
/// the narrowest wrap among the group's wrapped units: the headline is set
/// in the largest type, so it wraps after the fewest characters.
pub(super) fn headline_likeness(
    unit: &Unit,
    index: usize,
    count: usize,
    narrowest: Option<usize>,
) -> i32 {
    let text = unit.text.as_str();
    let mut score = 0;
    // A quotation set as the headline (`“有了地图，不怕找不到厕所了”`) keeps
    // its speaker's commas: it is no slogan in clauses.
    let clauses = in_clauses(text) && rules::quotation(text).is_none();
    // A unit wrapped wider than the column in clauses is a deck that runs
    // long, not a headline wrapped for its large type.
    if unit.lines >= 2 && !(unit.wide && clauses) {
        score += 4;
        if narrowest == Some(unit.width) {
            score += 2;
        }
    }
    if clauses {
        score -= 2;
    }
    if text.chars().count() > 24 {
        score -= 2;
    }
    // A question may end a headline (`…谁给我一片阴凉？`).
    if ends_sentence(text) && !rules::is_question_headline(text) {
        score -= 4;
    }
    if rules::is_dashed(text) {
        score -= 4;
    }
    // A place or section name over the headline (`武陟县`, `城市表情`).
    if count >= 2 && text.chars().count() <= 4 && text.chars().all(is_han) {
        score -= 4;
    }
    // A frame of place or time (`在…会议上`, `在…期间`) sets the scene for
    // the headline under it.
    let frame = text.starts_with('在')
        && (text.ends_with(['上', '中', '时', '后', '前', '里']) || text.ends_with("期间"));
    if count >= 2 && frame {
        score -= 4;
    }
    let speech = ["说", "认为", "强调", "表示", "指出"];
    if text.ends_with([':', '：']) || speech.iter().any(|s| text.ends_with(s)) {
        score -= 4;
    }
    // Short phrases set apart by spaces (`社区信息勤沟通 居民连心零距离`): a
    // headline's couplet, over or under a plain kicker or subtitle (whose
    // spaced clauses run longer: `神枪手大比武鸣金收兵 田径场金牌战…`); opening
    // a group of three, the kicker (`打破分割局面 实行行业管理` over the
    // headline and its deck).
    if (count == 2 || (count >= 3 && index > 0)) && rules::is_couplet(text) {
        score += 2;
    }
    let preferred = if count >= 3 { 1 } else { 0 };
    if index == preferred {
        score += 1;
    }
    score
}

/// Reads the headline group: the title and the rest as subtitle. Of two
/// single lines that neither shape nor type size tells apart (their
/// likeness, with the first line's preference, differs by a point at most:
/// kicker over headline and headline over subtitle print alike), both are
/// the title, in order: never wrong, never missing a part. A note in
/// brackets is never the title.
pub(super) fn title_and_subtitle(units: &[Unit]) -> (String, Option<String>) {
    let wrapped: Vec<usize> = units
        .iter()
        .filter(|u| u.lines >= 2)
        .map(|u| u.width)
        .collect();
    let narrowest = (wrapped.len() >= 2)
        .then(|| wrapped.iter().min().copied())
        .flatten();
    let likeness: Vec<i32> = (0..units.len())
        .map(|i| headline_likeness(&units[i], i, units.len(), narrowest))
        .collect();
    if let [first, second] = units {
        let texts = [first.text.as_str(), second.text.as_str()];
        // Wrapped units show their type size; single lines do not.
        let single = first.lines == 1 && second.lines == 1;
        // A line in clauses over one without them is a kicker's slogan
        // (`厉行全面节约，克服一切浪费` / the headline): told apart.
        let told = in_clauses(texts[0]) && !in_clauses(texts[1]);
        let tie = single && !told && likeness[0].abs_diff(likeness[1]) <= 1;
        if tie
            && !second.set_apart
            && !rules::is_headline_note(texts[1])
            && rules::may_join_heads(texts)
        {
            return (squeeze_spaces(&texts.join(" ")), None);
        }
    }
    let best = (0..units.len())
        .max_by_key(|&i| {
            (
                !rules::is_headline_note(&units[i].text),
                likeness[i],
                -(i as i32),
            )
        })
        .unwrap_or(0);
    let title = squeeze_spaces(&units[best].text);
    let rest: Vec<String> = units
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, u)| close_cjk_spaces(&trim_dashes(&u.text)))
        .filter(|s| !s.is_empty())
        .collect();
    (title, (!rest.is_empty()).then(|| rest.join(" ")))
}
