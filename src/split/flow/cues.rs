//! Candidate boundaries of a flowing page: where a new piece may begin and
//! the independent cues, with their weights, that speak for it.

use super::bylines::{ends_like_closing, opens_story};
use super::headline::{header_units, Unit};
use super::lines::LineKind;
use super::piece::ends_paragraph;
use super::Reading;
use crate::split::names::BYLINE_SYMBOLS;
use crate::split::rules;
use crate::split::text::ends_sentence;

/// The independent cues that speak for a boundary before a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// An editor's `@@` marker.
    Marker,
    /// A column, genre or briefs label.
    Label,
    /// A dateline opens the line.
    Dateline,
    /// Headline-shaped lines stand before the body.
    Headline,
    /// Two or more headline units (kicker, headline, subtitle).
    HeadlineGroup,
    /// A byline or dateline follows the headline lines.
    BylineAfter,
    /// A blank line before.
    Gap,
    /// Furniture (a footer, a page label, a contents box) between the text
    /// before and this line: the reading order jumped.
    FurnitureBefore,
    /// A headline line wider than the column (set across columns).
    WiderThanColumn,
    /// One headline wrapped over lines narrower than the column: set in
    /// larger type than the text.
    WrappedHeadline,
    /// The piece before ended in a byline, a credit or a source.
    PieceEnded,
    /// One short line and no byline: the shape of a subhead.
    SubheadShape,
    /// An editors' note (`编者按：`) opens the line: a piece of its own.
    EditorsNote,
    /// A caption ending in a photo credit follows the headline line, or the
    /// one paragraph under a short headline closes in its photo credit.
    CreditedPhoto,
    /// A headline of phrases set apart by spaces, with no punctuation
    /// (`社区信息勤沟通 居民连心零距离`): a headline's shape, never a
    /// sentence's.
    SpacedPhrases,
    /// A markdown heading (`# 标题`): the page marks its headlines.
    Heading,
    /// A briefs label (`简讯`, `新闻简报`) stands above, and only items'
    /// text between: a short headline there opens the next item.
    BriefsItem,
    /// A letter's salutation (`编辑同志：`) follows the headline lines: a
    /// letter opens there.
    Salutation,
}

impl Cue {
    /// Weights fitted on the development pages: each cue was set to the
    /// smallest whole number that kept the boundaries it alone decides, with
    /// a boundary taken when the sum reaches [`THRESHOLD`]. A subhead's shape
    /// outweighs a gap and a headline together; a byline or dateline alone
    /// is enough.
    pub fn weight(self) -> i32 {
        match self {
            Cue::Marker => 100,
            Cue::Label => 4,
            Cue::Dateline => 3,
            Cue::Headline => 1,
            Cue::HeadlineGroup => 1,
            Cue::BylineAfter => 3,
            Cue::Gap => 1,
            Cue::FurnitureBefore => 1,
            Cue::WiderThanColumn => 1,
            Cue::WrappedHeadline => 1,
            Cue::PieceEnded => 2,
            Cue::SubheadShape => -3,
            Cue::EditorsNote => 3,
            Cue::CreditedPhoto => 2,
            Cue::SpacedPhrases => 1,
            Cue::Heading => 3,
            Cue::BriefsItem => 2,
            Cue::Salutation => 2,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Cue::Marker => "marker",
            Cue::Label => "label",
            Cue::Dateline => "dateline",
            Cue::Headline => "headline",
            Cue::HeadlineGroup => "headline-group",
            Cue::BylineAfter => "byline-after",
            Cue::Gap => "gap",
            Cue::FurnitureBefore => "furniture-before",
            Cue::WiderThanColumn => "wider-than-column",
            Cue::WrappedHeadline => "wrapped-headline",
            Cue::PieceEnded => "piece-ended",
            Cue::SubheadShape => "subhead-shape",
            Cue::EditorsNote => "editors-note",
            Cue::CreditedPhoto => "credited-photo",
            Cue::SpacedPhrases => "spaced-phrases",
            Cue::Heading => "heading",
            Cue::BriefsItem => "briefs-item",
            Cue::Salutation => "salutation",
        }
    }
}

/// Score a boundary needs to be worth taking.
pub const THRESHOLD: i32 = 3;
/// Most lines of items read back to their briefs label.
const MAX_BRIEFS_LINES: usize = 80;

/// Most lines a headline group (kicker, headline, subtitle, deck) takes.
const MAX_HEADER_LINES: usize = 12;
/// The most lines of a headline group that opens a story over its dateline
/// after text broken off (kicker, two headline lines, subtitle).
const MAX_GROUP_OVER_DATELINE: usize = 4;
/// The most characters of a line that holds the end of a photo credit
/// wrapped from the line above (`永刚摄`, `剑 摄`, `者詹松 摄`).
const MAX_CREDIT_WRAP_CHARS: usize = 8;

/// A line where a new piece may begin, with what speaks for it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the first line of the piece.
    pub at: usize,
    /// Index of the first body line (after headline lines and byline).
    pub header_end: usize,
    pub cues: Vec<Cue>,
    pub score: i32,
    pub chosen: bool,
}

impl Reading {
    pub(super) fn is_full(&self, i: usize) -> bool {
        let l = &self.lines[i];
        self.width > 0
            && l.kind == LineKind::Text
            && l.width + 3 >= self.width
            && l.width <= self.width + 3
    }

    /// Whether the label at line `i` is a subhead of the text around it: a
    /// symbol's label (`■中国入世`) between running text and a full line of
    /// body under it, where a column's label stands over a headline.
    pub(super) fn is_subhead_label(&self, i: usize) -> bool {
        let symbol = self.lines[i]
            .text
            .starts_with(|c: char| BYLINE_SYMBOLS.contains(&c));
        let in_text = self
            .content_before(i)
            .is_some_and(|p| matches!(self.lines[p].kind, LineKind::Text | LineKind::Opener));
        // The paragraph under it may open set in; its next line runs full.
        let under = i + 1..self.lines.len().min(i + 3);
        let body_under = under.clone().all(|k| !self.lines[k].text.starts_with('#'))
            && under.into_iter().any(|k| self.is_full(k));
        symbol && in_text && body_under
    }

    pub(super) fn is_wide(&self, i: usize) -> bool {
        self.width > 0 && self.lines[i].width > self.width + 3
    }

    /// Whether line `i` is set across columns, half as wide again as the
    /// column or more (a deck, a summary): no column's line runs so far.
    fn is_across(&self, i: usize) -> bool {
        self.width > 0 && self.lines[i].width * 2 >= self.width * 3
    }

    /// The next line that is not furniture, from `i` on.
    pub(super) fn content_from(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&j| self.lines[j].kind != LineKind::Furniture)
    }

    /// The previous line that is not furniture, before `i`.
    pub(super) fn content_before(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| self.lines[j].kind != LineKind::Furniture)
    }

    /// Whether the text before line `i` has closed: a finished sentence, a
    /// byline, a credit (maybe closing a caption), or nothing at all.
    pub(super) fn closed_before(&self, i: usize) -> bool {
        self.content_before(i).is_none_or(|p| {
            let l = &self.lines[p];
            match l.kind {
                // A box of facts (`投票方式：…`) closed by furniture (its
                // hotline) has ended too.
                LineKind::Text | LineKind::Opener => {
                    ends_sentence(&l.text)
                        || self.closings[p].is_some()
                        || self.closes_in_credit(p)
                        || ((p + 1..i).any(|q| self.lines[q].kind == LineKind::Furniture)
                            && rules::fact_label(&l.text).is_some())
                }
                LineKind::Label(_) => false,
                _ => true,
            }
        })
    }

    /// Whether line `i` is a sentence closed by its photo credit (a caption,
    /// `…会见印度总理莫迪。新华社记者鞠鹏摄`); the glance tells which lines
    /// may hold a credit.
    fn closes_in_credit(&self, i: usize) -> bool {
        self.lines[i].glance.credit
            && self.ends_in_credit(i, |t| rules::closing_credit(t).is_some())
    }

    /// Whether line `i` ends in a photo credit by `read`: alone, or with the
    /// line before when the credit was wrapped (`…景象。记者李` / `永刚摄`).
    pub(super) fn ends_in_credit(&self, i: usize, read: impl Fn(&str) -> bool) -> bool {
        read(&self.lines[i].text) || {
            let [before, line] = self.tail_parts(i);
            !before.is_empty()
                && line.chars().count() <= MAX_CREDIT_WRAP_CHARS
                && read(&[before, line].concat())
        }
    }

    /// The end of the paragraph at line `p`: the line, with the one before
    /// when a closing byline was wrapped onto it (`…天。 据` / `央视`).
    pub(super) fn tail_text(&self, p: usize) -> String {
        self.tail_parts(p).concat()
    }

    /// Whether line `i` opens a paragraph by its shape alone: it follows a
    /// closed paragraph and is set in (shorter than the text line after it,
    /// which runs the column's width).
    pub(super) fn indented_opening(&self, i: usize) -> bool {
        let closed = self
            .content_before(i)
            .is_some_and(|p| ends_paragraph(&self.lines[p].text) || self.closings[p].is_some());
        let next = self.content_from(i + 1).map(|n| &self.lines[n]);
        closed
            && next.is_some_and(|n| {
                n.kind == LineKind::Text && n.gap_before == 0 && self.lines[i].width + 2 <= n.width
            })
    }

    /// Whether the paragraph ending at line `p` may close in a byline or
    /// source ([`super::bylines::may_close`] of [`Reading::tail_parts`]),
    /// with the spaces and `据` taken from the lines' glances.
    pub(super) fn may_close_at(&self, p: usize) -> bool {
        let [before, line] = self.tail_parts(p);
        ends_like_closing(line, || {
            self.lines[p].glance.space_or_ju
                || (!before.is_empty() && self.lines[p - 1].glance.space_or_ju)
        })
    }

    /// Whether line `i` alone may close in a byline or source (the cheap
    /// look [`super::bylines::closing_byline`] takes first), from its glance.
    pub(super) fn line_may_close(&self, i: usize) -> bool {
        let line = &self.lines[i];
        ends_like_closing(&line.text, || line.glance.space_or_ju)
    }

    /// The parts of [`Reading::tail_text`], not joined.
    pub(super) fn tail_parts(&self, p: usize) -> [&str; 2] {
        let line = self.lines[p].text.as_str();
        match p.checked_sub(1).map(|q| &self.lines[q]) {
            Some(q) if q.kind == LineKind::Text && self.lines[p].gap_before == 0 => {
                [q.text.as_str(), line]
            }
            _ => ["", line],
        }
    }

    /// Whether the piece before line `i` ended in a byline, credit or source.
    pub(super) fn piece_ended_before(&self, i: usize) -> bool {
        self.content_before(i).is_some_and(|p| {
            let l = &self.lines[p];
            let after_text = self
                .content_before(p)
                .is_some_and(|q| ends_sentence(&self.lines[q].text));
            (matches!(l.kind, LineKind::Names(_)) && after_text)
                || l.kind == LineKind::Credit
                || self.closings[p] == Some(true)
                || self.closes_in_credit(p)
        })
    }

    /// Whether the body starts at line `i`: a text line followed by two
    /// column-wide lines of the same paragraph.
    pub(super) fn body_starts(&self, i: usize) -> bool {
        let l = &self.lines[i];
        if l.kind != LineKind::Text {
            return false;
        }
        let mut next = (i + 1..self.lines.len())
            .filter(|&j| self.lines[j].kind != LineKind::Furniture)
            .take(2);
        match (next.next(), next.next()) {
            (Some(a), Some(b)) => {
                let b_runs_on = self.is_full(b)
                    || self.lines[b].kind == LineKind::Text && ends_sentence(&self.lines[b].text);
                self.is_full(a) && b_runs_on && self.lines[a].gap_before == 0
            }
            _ => false,
        }
    }

    /// Whether a byline, a dateline or the body opens at line `i` (a body's
    /// first line not much narrower than the column, else it is the next
    /// headline).
    fn opens_at(&self, i: usize) -> bool {
        i < self.lines.len()
            && (matches!(self.lines[i].kind, LineKind::Opener | LineKind::Names(_))
                || (self.body_starts(i) && self.body_wide(i)))
    }

    /// Whether lines `i` and `i + 1` are both `label:value` fact lines.
    fn fact_run_at(&self, i: usize) -> bool {
        self.lines[i..]
            .iter()
            .take(2)
            .filter(|l| rules::fact_label(&l.text).is_some())
            .count()
            == 2
    }

    /// Whether line `i` is not much narrower than the column, as a body's
    /// first line is (a short line there is a headline).
    fn body_wide(&self, i: usize) -> bool {
        self.lines[i].width * 10 >= self.width * 6
    }

    /// Where the headline lines that open at `at` end: the index of the
    /// first line after them (an opener, or the body), or `None` when no
    /// body follows within reach.
    pub(super) fn header_end(&self, at: usize) -> Option<usize> {
        // A page marked up with headings marks where its headline ends.
        if self.lines[at].heading {
            let end = (at..self.lines.len()).find(|&j| !self.lines[j].heading)?;
            return Some(end);
        }
        let mut count = 0;
        for j in at..self.lines.len() {
            match &self.lines[j].kind {
                LineKind::Furniture => continue,
                LineKind::Opener | LineKind::Names(_) => return Some(j),
                LineKind::Label(_) | LineKind::Marker(_) | LineKind::Credit if j > at => {
                    return None
                }
                // A line starts the body only when it is not much narrower
                // than the column: a short line over full ones is a
                // headline line (`百姓热线` / `污水管道该治理` / the body).
                _ if self.body_opens(j) && !self.heads_photo_over_opening(j) => return Some(j),
                // Photos between the headline and the story's opening.
                _ if j > at && self.captions_end(j).is_some_and(|e| self.opens_at(e)) => {
                    return Some(j)
                }
                // A run of fact lines (`时间:…` / `地点:…`) opens the body.
                _ if j > at && self.fact_run_at(j) => return Some(j),
                // A line ending in a colon over the body's full lines
                // introduces what follows (a speaker, a quotation): the
                // body's first line, however short.
                _ if j > at
                    && j + 1 < self.lines.len()
                    && self.lines[j].text.ends_with([':', '：'])
                    && self.body_opens(j + 1) =>
                {
                    return Some(j)
                }
                // A deck's last words, wrapped onto a line of their own.
                _ if j > at && self.is_across(j - 1) && !self.is_wide(at) => {}
                // A finished sentence is text, unless set wider than the
                // column (a deck, or a headline ending in `！`); a wide line
                // closed by a full stop is a paragraph of one line that may
                // close the piece before, never a group's first line. A
                // kicker naming the speaker (`水利部:`) over a headline line
                // is no sentence, nor is a question opening the group over
                // one (`…谁给我一片阴凉？` / `遮阳设施缺乏…`).
                _ if ends_sentence(&self.lines[j].text)
                    && (!self.is_wide(j) || j == at && self.lines[j].text.ends_with('。'))
                    && !self.kicker_over_headline(j)
                    && !(j == at
                        && rules::is_question_headline(&self.lines[j].text)
                        && self.over_headline_line(j)) =>
                {
                    return None
                }
                _ => {}
            }
            count += 1;
            if count > MAX_HEADER_LINES {
                return None;
            }
        }
        None
    }

    /// Whether the body opens at line `j`: a line not much narrower than
    /// the column over full lines, and no headline's spaced phrases.
    fn body_opens(&self, j: usize) -> bool {
        self.body_starts(j) && self.body_wide(j) && !rules::spaced_phrases(&self.lines[j].text)
    }

    /// Whether line `j` is a short kicker (`水利部:`, `太嚣张!`) over a
    /// headline line.
    fn kicker_over_headline(&self, j: usize) -> bool {
        rules::is_short_kicker(&self.lines[j].text) && self.over_headline_line(j)
    }

    /// Whether the line under line `j` is a line of text that is neither a
    /// sentence nor a body's first line: a headline line.
    fn over_headline_line(&self, j: usize) -> bool {
        self.lines.get(j + 1).is_some_and(|next| {
            next.kind == LineKind::Text && !ends_sentence(&next.text) && !self.body_opens(j + 1)
        })
    }

    /// Whether the lines from `j` are headline lines over a photo's caption
    /// and credit, with the story's opening under them: a headline as wide
    /// as the column looks like a paragraph's first line by its width alone.
    fn heads_photo_over_opening(&self, j: usize) -> bool {
        (j + 1..self.lines.len().min(j + 3)).any(|c| {
            (j..c).all(|k| {
                self.lines[k].kind == LineKind::Text && !ends_sentence(&self.lines[k].text)
            }) && self.captions_end(c).is_some_and(|e| self.opens_at(e))
        })
    }

    /// Whether lines from `i` on are two to four headline-shaped lines right
    /// over a dateline (`本报成都11月3日电记者X报道：`), or one set wider
    /// than the column, as no line of text is. Furniture may stand among
    /// them: a contents box's label set between a kicker and its headline.
    fn headlines_over_dateline(&self, i: usize) -> bool {
        let across = self.width > 0 && self.lines[i].width > self.width + 3;
        let mut group = 0;
        for (k, l) in self.lines.iter().enumerate().skip(i) {
            match l.kind {
                LineKind::Furniture if group > 0 => {}
                LineKind::Opener => return group >= 2 || (group == 1 && across),
                LineKind::Text
                    if group < MAX_GROUP_OVER_DATELINE
                        && rules::is_headline_shaped(&l.text)
                        && !self.is_full(k) =>
                {
                    group += 1
                }
                _ => return false,
            }
        }
        false
    }

    /// The candidate boundary before line `i`, when the text before has
    /// closed (or a label or marker stands there).
    pub(super) fn candidate(&self, i: usize) -> Option<Candidate> {
        let line = &self.lines[i];
        let mut cues = Vec::new();
        let mut header_end = i;
        // Set apart by blank lines, a headline over its byline or dateline
        // opens a piece even where the text before breaks off mid-sentence
        // (a layout export clips a column at the page's edge).
        let unclosed = !self.closed_before(i) && !line.heading;
        // So does a headline group set apart by a blank line right over a
        // dateline: `pdftotext` reads a story's columns apart with another
        // story's headlines and text between them.
        let after_clipped_column = || {
            line.kind == LineKind::Text
                && self.content_before(i).is_some_and(|p| self.is_full(p))
                && (line.gap_before >= 2 || line.gap_before >= 1 && self.headlines_over_dateline(i))
        };
        match &line.kind {
            LineKind::Furniture => return None,
            LineKind::Marker(_) => cues.push(Cue::Marker),
            LineKind::Label(_) if self.is_subhead_label(i) => return None,
            LineKind::Label(_) => {
                cues.push(Cue::Label);
                header_end = i + 1;
            }
            // A headline the page marks opens a piece wherever it stands.
            _ if unclosed && !after_clipped_column() => return None,
            LineKind::Opener
                if self.opens_story_at(i)
                    && !self.after_editors_note(i)
                    && !self.under_photo_captions(i, true) =>
            {
                cues.push(Cue::Dateline)
            }
            LineKind::Opener if rules::is_editors_note(&line.text) => cues.push(Cue::EditorsNote),
            LineKind::Text if !self.under_photo_captions(i, false) => {
                header_end = self.headline_cues(i, &mut cues)?;
                if self.is_item_headline(i) && self.under_briefs_label(i) {
                    cues.retain(|&c| c != Cue::SubheadShape);
                    cues.push(Cue::BriefsItem);
                }
            }
            _ => return None,
        }
        if unclosed && line.kind == LineKind::Text && !cues.contains(&Cue::BylineAfter) {
            return None;
        }
        if line.gap_before > 0 && i > 0 {
            cues.push(Cue::Gap);
        }
        let furniture_before = self
            .content_before(i)
            .is_some_and(|p| (p + 1..i).any(|q| self.lines[q].kind == LineKind::Furniture));
        if furniture_before {
            // A subhead runs on from its story's text; furniture between
            // (debris, a box, a label) parts a headline from the text above.
            cues.push(Cue::FurnitureBefore);
            cues.retain(|&c| c != Cue::SubheadShape);
        }
        if self.piece_ended_before(i) {
            cues.push(Cue::PieceEnded);
        }
        let score = cues.iter().map(|c| c.weight()).sum();
        Some(Candidate {
            at: i,
            header_end,
            cues,
            score,
            chosen: false,
        })
    }

    /// Whether line `i` may head an item under a briefs label: short and
    /// shaped like a headline, never a source closing the item above
    /// (`（新华社）`), a credit or a line of text.
    pub(super) fn is_item_headline(&self, i: usize) -> bool {
        let text = &self.lines[i].text;
        rules::is_headline_shaped(text)
            && !self.is_full(i)
            && !text.contains(['，', ',', '（', '('])
            && self.closings[i].is_none()
    }

    /// Whether line `i` stands under a briefs label with nothing but text
    /// lines and datelines between (no furniture, byline or other label):
    /// among the label's items.
    fn under_briefs_label(&self, i: usize) -> bool {
        let above = self.lines[..i]
            .iter()
            .rev()
            .take(MAX_BRIEFS_LINES)
            .find(|l| !matches!(l.kind, LineKind::Text | LineKind::Opener));
        above.is_some_and(|l| {
            matches!(l.kind, LineKind::Label(_)) && rules::brief_label(&l.text).is_some()
        })
    }

    /// Whether a story opens at line `i` with its dateline or reporter's
    /// line, which may be wrapped onto the next line
    /// (`新华社一九七三年三月二十六` / `日讯 …`).
    fn opens_story_at(&self, i: usize) -> bool {
        let text = &self.lines[i].text;
        opens_story(text)
            || self.lines.get(i + 1).is_some_and(|next| {
                next.kind == LineKind::Text
                    && opens_story(&[text.as_str(), next.text.as_str()].concat())
            })
    }

    /// Where a deck under a headline group ends, at the dateline it
    /// stands over: a few lines of text none of which ends a sentence
    /// (`赵紫阳祝酒说，…是` / … / `一起，继续共同努力`).
    fn deck_end(&self, from: usize) -> Option<usize> {
        let end = (from..self.lines.len().min(from + 6)).find(|&k| {
            self.lines[k].kind != LineKind::Text || ends_sentence(&self.lines[k].text)
        })?;
        (end > from && self.lines[end].kind == LineKind::Opener).then_some(end)
    }

    /// The cues of headline lines opening at text line `i`, and where they
    /// end; `None` when no headline stands there.
    fn headline_cues(&self, i: usize, cues: &mut Vec<Cue>) -> Option<usize> {
        // A caption (`图为…`, or a sentence closed by its photo credit)
        // stands beside a photo, never over a piece.
        if rules::opens_caption(&self.lines[i].text) || self.closes_in_credit(i) {
            return None;
        }
        let Some(end) = self.header_end(i) else {
            let title_end = self.photo_title_end(i)?;
            cues.extend([Cue::Headline, Cue::CreditedPhoto]);
            return Some(title_end);
        };
        if end == i {
            return None;
        }
        cues.push(Cue::Headline);
        if self.lines[i].heading {
            cues.push(Cue::Heading);
        }
        let units = header_units(self, i, end);
        if units.len() >= 2 {
            cues.push(Cue::HeadlineGroup);
        }
        let narrow_wrap = |u: &Unit| {
            u.lines >= 2 && self.width > 0 && u.width + 4 <= self.width && !ends_sentence(&u.text)
        };
        if units.len() == 1 && units.iter().all(narrow_wrap) {
            cues.push(Cue::WrappedHeadline);
        }
        if units.iter().any(|u| rules::spaced_phrases(&u.text)) {
            cues.push(Cue::SpacedPhrases);
        }
        // Photos may stand between the headline and its byline.
        let captions_end = self.captions_end(end);
        if captions_end.is_some() {
            cues.push(Cue::CreditedPhoto);
        }
        let after = captions_end.unwrap_or(end);
        let deck = self.deck_end(after);
        let byline_after = self
            .lines
            .get(deck.unwrap_or(after))
            .is_some_and(|l| matches!(l.kind, LineKind::Opener | LineKind::Names(_)));
        if byline_after {
            cues.push(Cue::BylineAfter);
        }
        let salutation = (self.lines.get(after)).is_some_and(|l| rules::is_salutation(&l.text));
        if salutation {
            cues.push(Cue::Salutation);
        }
        // The deck belongs to the headline group, over the story.
        let end = match (captions_end, deck) {
            (None, Some(deck_end)) => deck_end,
            _ => end,
        };
        if (i..end).any(|j| self.is_wide(j)) {
            cues.push(Cue::WiderThanColumn);
        }
        if rules::is_editors_note_heading(&self.lines[i].text) {
            cues.push(Cue::EditorsNote);
            return Some(end);
        }
        // A piece closed by its byline has no more subheads; a line the page
        // marks a heading is a headline.
        let text_lines = self.text_lines(i, end);
        if !byline_after
            && !salutation
            && !self.lines[i].heading
            && text_lines == 1
            && self.lines[i].text.chars().count() <= 12
            && !self.piece_ended_before(i)
        {
            // A short headline over a paragraph that closes in a photo
            // credit heads a photo piece.
            if !self.photo_story_under(end) {
                cues.push(Cue::SubheadShape);
            } else if captions_end.is_none() {
                cues.push(Cue::CreditedPhoto);
            }
        }
        Some(end)
    }

    /// Whether the one paragraph from line `from` closes in its photo
    /// credit (`…参加了初赛。通讯员X 记者Y 摄影报道`, or a photographers'
    /// line under it) with nothing of the piece after it: a gap, a line
    /// that is no text, or another photo's paragraph closed by its credit.
    fn photo_story_under(&self, from: usize) -> bool {
        self.photo_paragraph_end(from).is_some_and(|p| {
            self.content_from(p + 1).is_none_or(|q| {
                self.lines[q].kind != LineKind::Text
                    || self.lines[q].gap_before > 0
                    || self.photo_paragraph_end(q).is_some()
            })
        })
    }

    /// The line of the photo credit that closes the one paragraph from
    /// line `from`, when it closes in one.
    fn photo_paragraph_end(&self, from: usize) -> Option<usize> {
        let end = (from..self.lines.len().min(from + MAX_HEADER_LINES)).find(|&p| {
            let line = &self.lines[p];
            line.kind != LineKind::Text
                || ends_paragraph(&line.text)
                || self.closings[p].is_some()
                || self.credited[p]
        })?;
        // The credit may stand on a line of its own under the paragraph.
        let credit_under = |p: usize| {
            self.content_from(p + 1)
                .filter(|&q| matches!(self.lines[q].kind, LineKind::Credit | LineKind::Names(_)))
        };
        let p = match self.lines[end].kind {
            LineKind::Text => credit_under(end).unwrap_or(end),
            _ => end,
        };
        let line = &self.lines[p];
        let photo_credit = match line.kind {
            LineKind::Credit => true,
            // A photographers' line (`摄影 记者 王蓉`).
            LineKind::Names(_) => line.text.contains('摄'),
            LineKind::Text => {
                self.credited[p]
                    || line.glance.credit
                        && rules::caption_with_credit(&self.tail_text(p)).is_some()
            }
            _ => false,
        };
        photo_credit.then_some(p)
    }

    /// Where the title of a photo printed with it ends, when line `i` opens
    /// one: one or two short lines that do not end a sentence (a title set
    /// in large type wraps), over its captions.
    fn photo_title_end(&self, i: usize) -> Option<usize> {
        let titles = |j: usize| {
            self.lines.get(j).is_some_and(|line| {
                line.kind == LineKind::Text && !ends_sentence(&line.text) && !self.is_full(j)
            })
        };
        // A paragraph's first line, set in by two characters from the
        // line under it, is no title.
        let set_in = self
            .lines
            .get(i + 1)
            .is_some_and(|next| (2..=6).contains(&next.width.saturating_sub(self.lines[i].width)));
        if !titles(i) || set_in {
            return None;
        }
        [i + 2, i + 1]
            .into_iter()
            .find(|&end| (end == i + 1 || titles(i + 1)) && self.captions_end(end).is_some())
    }

    /// Where the photo captions that open at line `from` end: each one to
    /// three lines, the last over a credit on a line of its own, or ending
    /// in a credit itself (`…秀丽。 城市摄影队 张三 摄`).
    /// `None` when no caption opens there.
    pub(super) fn captions_end(&self, from: usize) -> Option<usize> {
        self.captions.get(from).copied().flatten()
    }

    /// The caption runs of every line (see [`Reading::captions_end`]), read
    /// from the page's end: a caption's run goes on with the run after it.
    pub(super) fn caption_runs(&self) -> Vec<Option<usize>> {
        let mut runs: Vec<Option<usize>> = vec![None; self.lines.len()];
        for from in (0..self.lines.len()).rev() {
            runs[from] = self
                .caption_end(from)
                .map(|end| runs.get(end).copied().flatten().unwrap_or(end));
        }
        runs
    }

    /// Where the one photo caption that opens at line `from` ends (see
    /// [`Reading::captions_end`]).
    fn caption_end(&self, from: usize) -> Option<usize> {
        let marked = self
            .lines
            .get(from)
            .is_some_and(|l| rules::opens_caption(&l.text));
        let mut chars = 0;
        for last in from..self.lines.len() {
            let line = &self.lines[last];
            chars += line.glance.chars;
            // Three lines, or more of a narrow column (a caption wrapped at
            // thirteen characters runs to five), up to a caption's length.
            if line.kind != LineKind::Text || (last >= from + 3 && chars > rules::MAX_CAPTION_CHARS)
            {
                return None;
            }
            let credit_below = self
                .lines
                .get(last + 1)
                .is_some_and(|l| l.kind == LineKind::Credit);
            // A caption over its credit may be a phrase (`“福”字送市民`).
            if credit_below {
                return Some(last + 2);
            }
            if self.credited[last] || (marked && ends_sentence(&line.text)) {
                return Some(last + 1);
            }
            // A caption wraps only at the column's width, or at its own
            // when set wider: its next line runs no wider.
            let wider_below = self
                .lines
                .get(last + 1)
                .is_some_and(|l| l.width > line.width + 3);
            if (!self.is_full(last) && !self.is_wide(last)) || wider_below {
                return None;
            }
        }
        None
    }

    /// Whether line `i` stands among the photo captions under a headline,
    /// or (`at_end`) right after them: a story opening there without a
    /// headline of its own is the story that headline heads.
    fn under_photo_captions(&self, i: usize, at_end: bool) -> bool {
        (i.saturating_sub(MAX_HEADER_LINES)..i).any(|c| {
            self.captions_end(c)
                .is_some_and(|e| e > i || (at_end && e == i))
                && (c.saturating_sub(3)..c).any(|h| {
                    self.closed_before(h)
                        && (self.photo_title_end(h) == Some(c) || self.header_end(h) == Some(c))
                })
        })
    }

    /// Whether the paragraph before line `i` is an editors' note, which
    /// stands over the story that follows it.
    pub(super) fn after_editors_note(&self, i: usize) -> bool {
        (0..i)
            .rev()
            .take_while(|&j| matches!(self.lines[j].kind, LineKind::Text | LineKind::Opener))
            .find(|&j| self.lines[j].kind == LineKind::Opener)
            .is_some_and(|j| rules::is_editors_note(&self.lines[j].text))
    }
}
