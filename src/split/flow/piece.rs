//! One piece of a flowing page read into its article: headline group,
//! byline or dateline, paragraphs rejoined across wraps and furniture,
//! subheads, captions, the closing byline.

use std::borrow::Cow;
use std::ops::Range;

use super::bylines::{bracketed_credit, closing_byline, ends_in_bracketed_credit, read_dateline};
use super::cues::Candidate;
use super::headline::{header_units, title_and_subtitle, Unit};
use super::lines::{Line, LineKind};
use super::Reading;
use crate::model::{Article, ArticleKind, BodyPart, Caption};
use crate::split::article::{
    add_names, caption, empty_article, photographers, push_paragraph_spaced, sign_by_closing_credit,
};
use crate::split::names::{names_in, read_name_line};
use crate::split::rules;
use crate::split::text::{close_cjk_spaces, ends_sentence, join_wrapped, squeeze_spaces};
use crate::split::Marker;

/// Reads one piece (lines `start.at..end`) into its article, or several
/// when headlines were set together above their bodies. `headline` names
/// the lines its headline is read from when they were printed apart.
pub(super) fn piece(
    reading: &Reading,
    start: &Candidate,
    end: usize,
    headline: Option<Range<usize>>,
    subheads: &[&Candidate],
) -> Vec<Article> {
    let lines = &reading.lines;
    let mut article = empty_article();
    let (header_from, header_end) = header_bounds(reading, start, end, &mut article);
    let headline = headline.unwrap_or(header_from..header_end);
    let units = header_units(reading, headline.start, headline.end);
    let under_byline = header_end < end
        && matches!(
            lines[header_end].kind,
            LineKind::Opener | LineKind::Names(_)
        );
    // Headlines set one under another: each apart from the one before, or
    // close together under a briefs label (an export with no blank lines).
    let under_briefs_label = rules::brief_label(&lines[start.at].text).is_some();
    let stacked = !under_byline && units.len() >= 2 && (under_briefs_label || units_apart(&units));
    if stacked {
        if let Some(articles) = stacked_briefs(reading, &units, &article, header_end, end) {
            return articles;
        }
    }
    if !units.is_empty() && article.title.is_empty() {
        let (title, subtitle) = title_and_subtitle(&units);
        article.title = title;
        article.printed_title = true;
        article.subtitle = subtitle;
    }
    read_body(reading, &mut article, header_end, end, subheads);
    if under_photo_label(&article) && article.title.is_empty() {
        article.title = article.column.clone().unwrap_or_default();
        article.printed_title = true;
        article.kind = ArticleKind::Photo;
    }
    vec![article]
}

/// Where the headline lines of the piece `start.at..end` stand: after a
/// label or marker (whose column or title goes to the article), up to the
/// byline or body. A piece whose lines never reach a body keeps its first
/// unit, when shaped like a headline, as the title.
fn header_bounds(
    reading: &Reading,
    start: &Candidate,
    end: usize,
    article: &mut Article,
) -> (usize, usize) {
    let lines = &reading.lines;
    let mut header_from = start.at;
    let mut header_end = start.header_end.min(end);
    match &lines[start.at].kind {
        LineKind::Label(name) => {
            article.column = Some(name.clone());
            header_from = start.at + 1;
            // Right under a briefs label, the first item's headline over
            // its text's full lines, however near the column's width.
            let item_headline = rules::brief_label(name).is_some()
                && header_from + 1 < end
                && reading.is_full(header_from + 1)
                && reading.is_item_headline(header_from);
            header_end = if item_headline {
                header_from + 1
            } else if header_from < end {
                reading
                    .header_end(header_from)
                    .unwrap_or(header_from)
                    .min(end)
            } else {
                header_from
            };
        }
        LineKind::Marker(Marker::Headline(title)) => {
            article.title = title.clone();
            article.printed_title = true;
            header_from = start.at + 1;
            header_end = header_from;
        }
        LineKind::Marker(Marker::Break) => {
            header_from = start.at + 1;
            header_end = header_from;
        }
        _ => {}
    }
    // A piece whose lines never reach a body: its first unit, when shaped
    // like a headline, is the title and the rest is text.
    if header_end >= end && header_from < end {
        header_end = header_from;
        let units = header_units(reading, header_from, end);
        if let Some(unit) = units.first() {
            if !ends_sentence(&unit.text)
                && unit.text.chars().count() <= rules::MAX_HEADLINE_CHARS
                && units.len() > 1
            {
                header_end = (header_from..end)
                    .filter(|&j| lines[j].kind != LineKind::Furniture)
                    .nth(unit.lines)
                    .unwrap_or(end);
            }
        }
    }
    if header_from == header_end && header_from < end {
        if let Some(note) = rules::EDITOR_NOTE.captures(&lines[header_from].text) {
            article.title = note[1].to_string();
            article.printed_title = true;
        }
    }
    (header_from, header_end)
}

/// Headlines set one under another (each apart), then their bodies in the
/// same order, each body a block of its own: briefs under one label.
pub(super) fn stacked_briefs(
    reading: &Reading,
    units: &[Unit],
    template: &Article,
    from: usize,
    end: usize,
) -> Option<Vec<Article>> {
    // Headlines set apart may have bodies of several paragraphs (the last
    // takes the rest); headlines set close together need one body each.
    let apart = units_apart(units);
    let fits = |bodies: &[(usize, usize)]| {
        bodies.len() == units.len() || (apart && bodies.len() > units.len())
    };
    let mut bodies = brief_bodies(reading, from, end, |j| reading.lines[j].gap_before > 0);
    if !apart && !fits(&bodies) {
        // No blank lines at all: each body opens with an indented line
        // after a closed paragraph.
        bodies = brief_bodies(reading, from, end, |j| reading.indented_opening(j));
    }
    if !fits(&bodies) {
        return None;
    }
    let last = bodies.len() - 1;
    Some(
        units
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let mut article = template.clone();
                article.title = squeeze_spaces(&unit.text);
                article.printed_title = true;
                let (a, b) = bodies[i];
                let b = if i + 1 == units.len() {
                    bodies[last].1
                } else {
                    b
                };
                read_body(reading, &mut article, a, b, &[]);
                article
            })
            .collect(),
    )
}

/// Whether each headline unit stands apart from the one before.
fn units_apart(units: &[Unit]) -> bool {
    units.iter().skip(1).all(|u| u.gap_before)
}

/// The bodies of stacked briefs in lines `from..end`: a body opens where
/// `opens` says, and runs on over a lone source line (`（新华社）`).
fn brief_bodies(
    reading: &Reading,
    from: usize,
    end: usize,
    opens: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut bodies: Vec<(usize, usize)> = Vec::new();
    for (j, line) in reading.lines.iter().enumerate().take(end).skip(from) {
        if line.kind == LineKind::Furniture {
            continue;
        }
        let lone_source = closing_byline(&line.text).is_some_and(|(_, b)| b.is_empty());
        match bodies.last_mut() {
            Some(body) if !opens(j) || lone_source => body.1 = j + 1,
            _ => bodies.push((j, j + 1)),
        }
    }
    bodies
}

/// The most paragraphs, besides its caption, a story told by its one photo
/// has: a longer one has a writer, even if unnamed.
const MAX_PHOTO_STORY_PARAGRAPHS: usize = 2;

/// Reads body lines `from..to` into the article: byline, dateline,
/// paragraphs rejoined across wraps and furniture, subheads, captions, the
/// closing byline.
pub(super) fn read_body(
    reading: &Reading,
    article: &mut Article,
    from: usize,
    to: usize,
    subheads: &[&Candidate],
) {
    let lines = &reading.lines;
    let mut paragraph = Paragraph::default();
    let mut first_paragraph = true;
    // Whether the line before closed its paragraph with a byline.
    let mut signed = false;
    let mut j = from;
    while j < to {
        let line = &lines[j];
        // A closing byline's names wrapped onto the next line (`…参加。
        // 张三` / `李四`): the line is the byline's end, not a paragraph.
        if std::mem::take(&mut signed) && line.kind == LineKind::Text {
            if let Some(names) = wrapped_names(&line.text) {
                add_names(&mut article.authors, &names);
                j += 1;
                continue;
            }
        }
        match &line.kind {
            LineKind::Furniture | LineKind::Marker(_) => {}
            LineKind::Label(name) if reading.is_subhead_label(j) => {
                flush(article, &mut paragraph, &mut first_paragraph);
                article.body.push(BodyPart::Subhead(name.clone()));
            }
            LineKind::Label(name) => {
                if article.column.is_none() {
                    article.column = Some(name.clone());
                }
            }
            LineKind::Names(names) => {
                flush(article, &mut paragraph, &mut first_paragraph);
                if article.authors.is_empty() {
                    article.authors = names.clone();
                }
            }
            LineKind::Credit => {
                let mut text = paragraph.lines.concat();
                paragraph.clear();
                // The piece's one paragraph so far, with no byline or
                // dateline, and then a credit: the caption of a titled photo.
                let no_opener = (from..j).all(|k| lines[k].kind != LineKind::Opener);
                if text.is_empty() && no_opener {
                    if let [BodyPart::Paragraph(only)] = article.body.as_slice() {
                        text = only.clone();
                        article.body.clear();
                    }
                }
                read_credit(article, &text, &line.text);
                // A short unsigned story closed by its one photo's credit is
                // a photo story: the photographer tells it.
                let closes_piece = (j + 1..to).all(|k| lines[k].kind == LineKind::Furniture);
                if closes_piece
                    && no_opener
                    && article.authors.is_empty()
                    && article.captions.len() == 1
                    && article.paragraphs().count() <= MAX_PHOTO_STORY_PARAGRAPHS
                {
                    article.authors = signed_by_photographer(article);
                }
            }
            LineKind::Opener | LineKind::Text => {
                if let Some(sub) = subheads.iter().find(|c| c.at == j && c.header_end > j) {
                    flush(article, &mut paragraph, &mut first_paragraph);
                    let heading: Vec<String> =
                        (j..sub.header_end).map(|k| lines[k].text.clone()).collect();
                    article
                        .body
                        .push(BodyPart::Subhead(squeeze_spaces(&heading.concat())));
                    j = sub.header_end;
                    continue;
                }
                let opens = line.kind == LineKind::Opener || line.gap_before > 0;
                if opens && paragraph.lines.last().is_some_and(|l| ends_paragraph(l)) {
                    flush(article, &mut paragraph, &mut first_paragraph);
                }
                paragraph.push(line);
                // A line that ends a sentence ends in no byline.
                let ends = ends_paragraph(&line.text);
                let closing = (!ends && reading.line_may_close(j))
                    .then(|| closing_byline(&line.text))
                    .flatten();
                if ends
                    || closing.is_some()
                    || ends_in_bracketed_credit(&line.text)
                    || reading.credited[j]
                {
                    flush(article, &mut paragraph, &mut first_paragraph);
                }
                // Only names that became the authors may run on.
                signed =
                    closing.is_some_and(|(names, _)| !names.is_empty() && article.authors == names);
            }
        }
        j += 1;
    }
    flush(article, &mut paragraph, &mut first_paragraph);
    sign_by_closing_credit(article);
    if article.kind == ArticleKind::Story && article.paragraphs().next().is_none() {
        article.kind = ArticleKind::Photo;
    }
    if article.kind == ArticleKind::Photo && article.paragraphs().next().is_none() {
        // Photos printed under a title are by everyone their captions
        // credit, unless a writer signed for them.
        let credited = photographers(article);
        if !credited.is_empty() && article.authors.iter().all(|a| credited.contains(a)) {
            article.authors = credited;
        }
        if article.authors.is_empty() {
            article.authors = signed_by_photographer(article);
        }
    }
}

/// The names a line holds when it holds nothing else: one to three
/// personal names.
fn wrapped_names(line: &str) -> Option<Vec<String>> {
    read_name_line(line)
        .filter(|l| l.all_personal && !l.has_role && (1..=3).contains(&l.tokens))
        .map(|l| l.names)
}

/// Whether the article stands under a photo news label.
fn under_photo_label(article: &Article) -> bool {
    article
        .column
        .as_deref()
        .is_some_and(rules::is_photo_news_label)
}

/// The names the article's first photo credit gives.
pub(super) fn signed_by_photographer(article: &Article) -> Vec<String> {
    let credit = article.captions.iter().find_map(|c| c.credit.as_deref());
    credit.map(credit_names).unwrap_or_default()
}

/// A photo credit on a line of its own: it goes with the text read just
/// before (a caption) or to the last caption without one; in a photo piece
/// its names are the authors.
fn read_credit(article: &mut Article, text: &str, line: &str) {
    let credit = squeeze_spaces(line);
    let photo_piece = article.kind == ArticleKind::Photo || under_photo_label(article);
    if photo_piece && article.authors.is_empty() {
        article.authors = credit_names(&credit);
    }
    if text.is_empty() {
        match article.captions.last_mut() {
            Some(c) if c.credit.is_none() => c.credit = Some(credit),
            _ => article.captions.push(Caption {
                text: String::new(),
                credit: Some(credit),
            }),
        }
    } else {
        article.captions.push(Caption {
            text: close_cjk_spaces(text),
            credit: Some(credit),
        });
    }
}

/// The names a photo credit gives (`本报记者 刘强 摄`, `（李四 摄）`).
fn credit_names(credit: &str) -> Vec<String> {
    names_in(&credit.replace(['摄', '（', '）', '(', ')'], " "))
}

/// A line that can end a paragraph of a flowing page: a full stop, a
/// question or exclamation mark (a colon or semicolon at a line's end
/// mostly runs on into a list).
pub(super) fn ends_paragraph(line: &str) -> bool {
    ends_sentence(line) && !line.trim_end().ends_with(['：', ':', '；', ';'])
}

/// The lines of the paragraph being read, and whether any of them holds
/// white space, from their glances: a paragraph with none (most of a
/// page) is not read again for spaces to squeeze or close up.
#[derive(Default)]
pub(super) struct Paragraph<'a> {
    lines: Vec<&'a str>,
    white: bool,
    /// Whether it may open with a dateline (see [`super::lines::Glance::may_open_paragraph`]).
    may_open: bool,
    /// Whether a line holds `摄` or `图`, as a caption's credit does.
    credit: bool,
}

impl<'a> Paragraph<'a> {
    fn push(&mut self, line: &'a Line) {
        self.may_open |= line.glance.may_open_paragraph(self.lines.is_empty());
        self.lines.push(&line.text);
        self.white |= line.glance.white;
        self.credit |= line.glance.credit;
    }

    fn clear(&mut self) {
        self.lines.clear();
        self.white = false;
        self.may_open = false;
        self.credit = false;
    }
}

/// Ends the paragraph being read: a dateline gives the authors, a caption
/// with its credit goes to the captions, a closing byline is taken off.
pub(super) fn flush(article: &mut Article, paragraph: &mut Paragraph, first: &mut bool) {
    if paragraph.lines.is_empty() {
        return;
    }
    let mut text = join_wrapped(&paragraph.lines);
    // Joining puts a space between Latin words wrapped at a line's end.
    let joined_len: usize = paragraph.lines.iter().map(|l| l.len()).sum();
    // Whether the text may hold white space; the dateline and closing
    // byline taken off below leave a part of it.
    let white = paragraph.white || text.len() != joined_len;
    let (may_open, credit) = (paragraph.may_open, paragraph.credit);
    paragraph.clear();
    if let Some((names, rest)) = may_open.then(|| read_dateline(&text)).flatten() {
        // A dateline naming the byline's names and more is the fuller one.
        let fuller = names.len() > article.authors.len()
            && article.authors.iter().all(|a| names.contains(a));
        if fuller {
            article.authors = names;
        }
        text = rest;
    }
    if let Some((names, before)) = closing_byline(&text) {
        if article.authors.is_empty() {
            article.authors = names;
        }
        text = before;
    }
    let squeezed = if white {
        Cow::Owned(squeeze_spaces(&text))
    } else {
        Cow::Borrowed(text.as_str())
    };
    if rules::opens_caption(&squeezed) {
        article.captions.push(caption(&squeezed, None));
        return;
    }
    // A caption's credit holds `摄` or `图` (what is read is a part of the
    // paragraph's lines).
    if let Some((caption_text, credit)) = credit
        .then(|| rules::caption_with_credit(&squeezed))
        .flatten()
    {
        if !caption_text.is_empty() && !*first || article.body.is_empty() {
            article.captions.push(caption(&caption_text, Some(&credit)));
            if article.kind == ArticleKind::Photo && article.authors.is_empty() {
                article.authors = credit.names;
            }
            return;
        }
    }
    if let Some((caption_text, names)) = bracketed_credit(&squeezed) {
        if article.authors.is_empty() && under_photo_label(article) {
            article.authors = names;
            push_paragraph_spaced(article, &caption_text, white);
        } else if article.body.is_empty() && !caption_text.is_empty() {
            article.captions.push(Caption {
                text: close_cjk_spaces(&squeezed),
                credit: None,
            });
        } else {
            push_paragraph_spaced(article, &caption_text, white);
        }
        *first = false;
        return;
    }
    *first = false;
    push_paragraph_spaced(article, &text, white);
}

#[cfg(test)]
mod tests {
    use super::super::lines::Glance;
    use super::*;
    use crate::split::text::close_cjk_spaces;

    proptest::proptest! {
        /// The lines' glances never turn away a paragraph that opens with
        /// a dateline or ends in a caption's credit.
        #[test]
        fn a_paragraphs_glances_keep_every_dateline_and_credit(
            lines in proptest::collection::vec(
                "(新华社|本报讯|据|【|（|本报|海都)?[北京日电讯社一二三四五六七八九十月记者通讯员王小明报道：（）【】 摄图为。]{1,8}",
                1..4,
            )
        ) {
            // Lines are trimmed and never empty.
            let lines: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
            let text = join_wrapped(&lines);
            let glances: Vec<Glance> = lines.iter().map(|l| Glance::of(l)).collect();
            let may_open = glances
                .iter()
                .enumerate()
                .any(|(k, g)| g.may_open_paragraph(k == 0));
            let credit = glances.iter().any(|g| g.credit);
            if read_dateline(&text).is_some() {
                proptest::prop_assert!(may_open);
            }
            if rules::caption_with_credit(&squeeze_spaces(&text)).is_some() {
                proptest::prop_assert!(credit);
            }
        }
    }

    proptest::proptest! {
        /// A paragraph whose lines hold no white space, joined without a
        /// space, holds none: squeezing and closing up its spaces leave it
        /// as it is, so both are skipped.
        #[test]
        fn a_paragraph_of_lines_without_white_space_needs_no_squeezing(
            lines in proptest::collection::vec("[a-zA-Z0-9一二三，。 \u{3000}\u{A0}\u{2028}]{0,40}", 1..5)
        ) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let text = join_wrapped(&lines);
            let joined_len: usize = lines.iter().map(|l| l.len()).sum();
            let white = lines.iter().any(|l| l.chars().any(char::is_whitespace))
                || text.len() != joined_len;
            if !white {
                proptest::prop_assert!(!text.chars().any(char::is_whitespace));
                proptest::prop_assert_eq!(&squeeze_spaces(&text), &text);
                proptest::prop_assert_eq!(&close_cjk_spaces(&text), &text);
            }
        }
    }
}
