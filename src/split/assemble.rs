//! Kinds → articles for pages read block by block: a headline is a headline
//! when a byline confirms it or the short piece it opens ends in a photo
//! credit; otherwise a short line is a subhead or a broken paragraph.

use std::cell::OnceCell;
use std::fmt::Write as _;

use super::article::{
    add_names, attach_credit, caption, complete, empty_article, photographers, push_paragraph,
    sign_by_closing_credit, take_glued_signature, titled, trim_dashes,
};
use super::blocks::{heading_marks, wrap_width, Block, IMAGE_GAP};
use super::kinds::{
    classify, mark_contents_box, mark_fact_lines, mark_masthead, mark_notice, mark_page_title,
    read, Kind, Reading,
};
use super::names::{pen_name, BYLINE_SYMBOLS};
use super::rules;
use super::text::{
    close_cjk_spaces, display_width, ends_sentence, join_wrapped, squeeze_spaces, PairSet,
};
use super::Marker;
use crate::model::{Article, ArticleKind, BodyPart, Caption};

/// A headline group's lines (kicker, headline, subtitle), in page order.
#[derive(Default)]
struct Group {
    lines: Vec<String>,
    /// The markdown level of each line (0: not a heading).
    levels: Vec<usize>,
    /// How many printed lines each line was set on.
    rows: Vec<usize>,
}

impl Group {
    fn push(&mut self, line: String, level: usize, rows: usize) {
        self.lines.push(line);
        self.levels.push(level);
        self.rows.push(rows);
    }

    fn remove(&mut self, k: usize) -> String {
        self.levels.remove(k);
        self.rows.remove(k);
        self.lines.remove(k)
    }
}

/// A headline with what confirmed it.
struct Header {
    group: Group,
    authors: Vec<String>,
    captions: Vec<Caption>,
    /// Standfirst points printed between the headline and the byline.
    standfirst: Vec<String>,
    /// The story's first paragraph, when the byline opened it.
    lead: Option<String>,
    /// Index of the first block after the header.
    end: usize,
}

/// Fewest pairs of Han characters on each side for cohesion to be read.
const MIN_PAIRS: usize = 40;
/// A new story shares fewer than one in this many of the pairs of the
/// shorter side.
const COHESION_DIVISOR: usize = 25;

/// Characters (about) of text read on each side for cohesion.
const COHESION_WINDOW: usize = 300;

struct Splitter {
    blocks: Vec<Block>,
    kinds: Vec<Kind>,
    readings: Vec<Reading>,
    /// Column width of a hard-wrapped page.
    wrap: Option<usize>,
    articles: Vec<Article>,
    current: Option<Article>,
    /// The markdown level of the heading that opened the current article.
    opening_level: Option<usize>,
    /// Whether the current article has ended: its last paragraph closed in
    /// a byline, or a byline or a jump to another page followed its text.
    /// A headline after it needs no byline.
    closed: bool,
}

/// Reads a page's blocks into its articles.
pub(super) fn articles(blocks: Vec<Block>) -> Vec<Article> {
    Splitter::new(blocks).run()
}

/// What `--explain` shows for a page read block by block: each block's kind.
pub(super) fn explain(blocks: Vec<Block>) -> String {
    let splitter = Splitter::new(blocks);
    let mut out = String::from("page read block by block (blank lines between paragraphs)\n");
    for (i, (block, kind)) in splitter.blocks.iter().zip(&splitter.kinds).enumerate() {
        let name = match kind {
            Kind::Furniture => "furniture",
            Kind::Marker(_) => "marker",
            Kind::Column(_) => "label",
            Kind::Heading(_) => "heading",
            Kind::Names(_) => "names",
            Kind::Credit(_) => "credit",
            Kind::Caption(..) => "caption",
            Kind::Text if splitter.readings[i].headline.is_some() => "headline?",
            Kind::Text => "text",
        };
        let _ = writeln!(
            out,
            "{:>5} {:<9} {}",
            block.line_no,
            name,
            block.lines.join(" ")
        );
    }
    out
}

/// A piece under a photo news label with no headline of its own is titled
/// by the label, and a piece under a label or headed by one is signed by
/// its photographers: those its captions credit and those credited after a
/// paragraph's last sentence (`…桥梁。徐率摄`).
fn photo_news(mut article: Article) -> Article {
    // The label may be printed as the piece's heading (`## 图片新闻`).
    let headed_by_label =
        rules::brief_label(&article.title).is_some_and(|label| rules::is_photo_news_label(&label));
    let label = article.column.clone();
    match label.filter(|l| rules::is_photo_news_label(l) && article.title.is_empty()) {
        Some(label) => {
            article.title = label;
            article.printed_title = true;
        }
        None if headed_by_label => {}
        None => return article,
    }
    if article.authors.is_empty() {
        let mut names = photographers(&article);
        let closing = article.paragraphs().filter_map(rules::closing_credit);
        add_names(&mut names, &closing.flatten().collect::<Vec<_>>());
        article.authors = names;
    }
    article
}

/// Longest section name a page prints over its columns (`要闻`, `国内新闻`).
const MAX_SECTION_NAME: usize = 6;

/// An article that is only a title as short as a section's name, which no
/// byline confirmed.
fn is_lone_title(article: &Article) -> bool {
    (1..=MAX_SECTION_NAME).contains(&article.title.chars().count())
        && article.body.is_empty()
        && article.authors.is_empty()
        && article.captions.is_empty()
        && article.kind == ArticleKind::Story
}

/// A photo story is by everyone credited for its photos, in page order.
fn add_photographers(article: &mut Article, names: &[String]) {
    add_names(&mut article.authors, names);
}

impl Splitter {
    fn new(blocks: Vec<Block>) -> Splitter {
        let mut kinds: Vec<Kind> = blocks.iter().map(classify).collect();
        mark_masthead(&blocks, &mut kinds);
        mark_page_title(&blocks, &mut kinds);
        mark_contents_box(&blocks, &mut kinds);
        mark_notice(&blocks, &mut kinds);
        let wrap = wrap_width(&blocks);
        let mut readings: Vec<Reading> =
            blocks.iter().zip(&kinds).map(|(b, k)| read(b, k)).collect();
        mark_fact_lines(&blocks, &mut readings);
        Splitter {
            blocks,
            kinds,
            readings,
            wrap,
            articles: Vec::new(),
            current: None,
            opening_level: None,
            closed: false,
        }
    }

    /// The text of the next text block from `i` on, past furniture.
    fn next_text(&self, i: usize) -> Option<&str> {
        let k = (i..self.blocks.len()).find(|&k| self.kinds[k] != Kind::Furniture)?;
        (self.kinds[k] == Kind::Text).then(|| self.readings[k].text.as_str())
    }

    /// The block's text as a paragraph.
    fn body_text(&self, i: usize) -> String {
        self.readings[i].text.clone()
    }

    /// An item set off by a bullet with its headline on the block's first
    /// line and its text under it (`◆某地开展某项工作` / `5日，…`), past
    /// debris over it: the headline and the text. The headline line is
    /// well short of the text's widest line (a wrapped paragraph's first
    /// line is as wide as the rest).
    fn bulleted_item_at(&self, i: usize) -> Option<(String, String)> {
        let lines = &self.blocks[i].lines;
        let first = lines.iter().position(|l| !rules::is_debris(l))?;
        let title = lines[first].strip_prefix(BYLINE_SYMBOLS)?.trim();
        let rest = &lines[first + 1..];
        let widest = rest.iter().map(|l| display_width(l)).max().unwrap_or(0);
        let narrow = display_width(title) * 4 <= widest * 3;
        // A headline runs in no clauses; a standfirst point does.
        let item = narrow && rules::is_headline_shaped(title) && !title.contains(['，', ',']);
        let text = item.then(|| join_wrapped(rest)).filter(|t| !t.is_empty())?;
        Some((squeeze_spaces(title), text))
    }

    /// Whether debris (`■`, `口`) stands between block `i` and a story's
    /// last paragraph, which finished its sentence.
    fn after_debris(&self, i: usize) -> bool {
        let debris = (0..i)
            .rev()
            .take_while(|&k| self.kinds[k] == Kind::Furniture)
            .any(|k| rules::is_debris(self.blocks[k].first()));
        debris
            && (self.current.as_ref())
                .and_then(|a| a.paragraphs().last())
                .is_some_and(ends_sentence)
    }

    /// The block's text if it has the shape of a headline (or kicker).
    fn headline_at(&self, i: usize) -> Option<String> {
        self.readings[i].headline.clone()
    }

    /// The block's text if it is a headline line: headline-shaped, or a
    /// quoted question or exclamation (which a byline must then confirm).
    fn header_line_at(&self, i: usize) -> Option<String> {
        let text = &self.readings[i].text;
        if rules::is_standfirst_point(text) {
            return None;
        }
        self.headline_at(i).or_else(|| {
            let quoted = rules::is_quoted_headline(text);
            // A short kicker over the headline (`水利部:`, `太嚣张!`).
            let kicker = rules::is_short_kicker(text)
                && self
                    .readings
                    .get(i + 1)
                    .is_some_and(|r| r.headline.is_some());
            // A question or exclamation under a headline line (a kicker
            // such as `新华访谈` over `…我们该怎么干？`).
            let asked =
                i > 0 && rules::is_question_headline(text) && self.headline_at(i - 1).is_some();
            (self.kinds[i] == Kind::Text && (quoted || kicker || asked)).then(|| text.clone())
        })
    }

    /// Authors and lead paragraph when block `i` is a byline that confirms
    /// the headline above it.
    fn byline_at(&self, i: usize) -> Option<(Vec<String>, Option<String>)> {
        self.readings.get(i)?.byline.clone()
    }

    /// Captions between a headline and its byline; returns the next index.
    fn header_captions(&self, mut j: usize, captions: &mut Vec<Caption>) -> usize {
        while j < self.blocks.len() {
            match &self.kinds[j] {
                Kind::Caption(text, credit) => captions.push(caption(text, Some(credit))),
                Kind::Credit(credit) => attach_credit(captions, credit),
                Kind::Text if self.byline_at(j).is_none() => {
                    let text = self.body_text(j);
                    let credited = matches!(self.kinds.get(j + 1), Some(Kind::Credit(_)));
                    // A caption is a few sentences; a long paragraph over
                    // the names is a short piece's text, signed after it.
                    let before_byline = self.byline_at(j + 1).is_some()
                        && (text.chars().count() <= rules::MAX_CAPTION_CHARS
                            || rules::opens_caption(&text));
                    if !(credited || before_byline) || !ends_sentence(&text) {
                        break;
                    }
                    captions.push(caption(&text, None));
                }
                _ => break,
            }
            j += 1;
        }
        j
    }

    /// The headline group from block `i` on (up to three blocks of
    /// headline lines: kicker, headline, subtitle) and the next index.
    fn header_lines(&self, i: usize) -> (Group, usize) {
        let mut group = Group::default();
        let mut j = i;
        while j < self.blocks.len() && group.lines.len() < 3 && self.byline_at(j).is_none() {
            // OCR debris between two headline lines (`鲁青·图片` / `■` / …).
            let debris = self.kinds[j] == Kind::Furniture
                && self.blocks[j].is_single_line()
                && rules::is_debris(self.blocks[j].first());
            let line_follows = j + 1 < self.blocks.len() && self.header_line_at(j + 1).is_some();
            if debris && !group.lines.is_empty() && line_follows {
                j += 1;
                continue;
            }
            let Some(line) = self.header_line_at(j) else {
                break;
            };
            let level = match self.kinds[j] {
                Kind::Heading(_) => self.heading_level(j),
                _ => 0,
            };
            // A dash subtitle set in the headline's block is a line of its
            // own (`…密码` / `——写在…`).
            let parts = match line.split_once(" —") {
                Some((headline, subtitle)) => vec![headline.to_string(), format!("—{subtitle}")],
                None => vec![line],
            };
            for part in parts {
                group.push(part, level, self.blocks[j].lines.len());
            }
            j += 1;
            if ends_in_subtitle(&group.lines) {
                break;
            }
        }
        (group, j)
    }

    /// A headline (with kicker or subtitle) confirmed by the byline below
    /// it; captions and standfirst points (`● …`) may stand between them.
    fn header_at(&self, i: usize) -> Option<Header> {
        let (group, mut j) = self.header_lines(i);
        if group.lines.is_empty() {
            return None;
        }
        let mut captions = Vec::new();
        // Under a dash subtitle, which ends the group, and right over the
        // byline, a caption may go unpunctuated (`工人在加工钛产品`).
        if ends_in_subtitle(&group.lines)
            && self.kinds.get(j) == Some(&Kind::Text)
            && self.headline_at(j).is_some()
            && self.byline_at(j + 1).is_some()
        {
            captions.push(caption(&self.body_text(j), None));
            j += 1;
        }
        j = self.header_captions(j, &mut captions);
        let mut standfirst = Vec::new();
        while j < self.blocks.len()
            && self.kinds[j] == Kind::Text
            && rules::is_standfirst_point(&self.readings[j].text)
        {
            standfirst.push(self.body_text(j));
            j += 1;
        }
        let (authors, lead) = self.byline_at(j)?;
        Some(Header {
            group,
            authors,
            captions,
            standfirst,
            lead,
            end: j + 1,
        })
    }

    /// The page's first piece, or one after a piece that has ended:
    /// headline lines over a paragraph (maybe behind a box label such as
    /// `编者按`) need no byline; the piece is unsigned. Markdown headings
    /// are left to their levels.
    fn opening_header_at(&self, i: usize) -> Option<Header> {
        // Read once, whether `ruled_off` asks for it first or not.
        let header = OnceCell::new();
        let header_lines = || header.get_or_init(|| self.header_lines(i));
        // Debris over a headline group of two lines or more (a subhead
        // stands alone) is what is left of the rule between two pieces.
        let ruled_off = || self.after_debris(i) && header_lines().0.lines.len() >= 2;
        // Asked only of a text block after a piece: cohesion builds two
        // sets of character pairs.
        let ended = || {
            self.closed
                || ruled_off()
                || self.note_under(i)
                || self.topic_changes_at(i + 1)
                || self.next_brief_at(i)
        };
        if self.kinds[i] != Kind::Text || (self.current.is_some() && !ended()) {
            return None;
        }
        let (group, end) = header.into_inner().unwrap_or_else(|| self.header_lines(i));
        // Captions of the piece's photos may stand between its headline
        // and its first paragraph (a credit alone under a headline opens a
        // photo story instead).
        let mut captions = Vec::new();
        let mut j = end;
        while let Some(Kind::Caption(text, credit)) = self.kinds.get(j) {
            captions.push(caption(text, Some(credit)));
            j += 1;
        }
        while j < self.blocks.len() && self.kinds[j] == Kind::Furniture {
            j += 1;
        }
        let paragraph = j < self.blocks.len()
            && self.kinds[j] == Kind::Text
            && self.header_line_at(j).is_none()
            && self.byline_at(j).is_none();
        let end = if captions.is_empty() { end } else { j };
        (!group.lines.is_empty() && paragraph).then_some(Header {
            group,
            authors: Vec::new(),
            captions,
            standfirst: Vec::new(),
            lead: None,
            end,
        })
    }

    /// The pen name in brackets that block `i` signs the current piece
    /// with, standing under its last sentence with no author named yet
    /// (`…相处。` / `（茶花）`); under a headline the same shape is the
    /// headline's note (`（试行）`).
    fn pen_name_at(&self, i: usize) -> Option<String> {
        let article = self.current.as_ref()?;
        let signs =
            article.authors.is_empty() && article.paragraphs().last().is_some_and(ends_sentence);
        signs
            .then(|| pen_name(&self.readings[i].text))
            .flatten()
            .map(str::to_string)
    }

    /// Whether the headline lines from block `i` on stand over an editors'
    /// note (`编者按：…`): a note is a piece of its own and never continues
    /// the story before it.
    fn note_under(&self, i: usize) -> bool {
        let headline = |k: usize| match self.kinds[k] {
            Kind::Heading(_) | Kind::Furniture => true,
            Kind::Text => self.readings[k].headline.is_some(),
            _ => false,
        };
        let first_text = (i..self.blocks.len()).take(4).find(|&k| !headline(k));
        first_text.is_some_and(|k| {
            self.kinds[k] == Kind::Text && rules::is_editors_note(&self.readings[k].text)
        })
    }

    /// Whether block `i` heads the next item under a briefs label
    /// (`简讯`): briefs have no subheads, so a headline after a finished
    /// sentence there opens the next one.
    fn next_brief_at(&self, i: usize) -> bool {
        let finished = self
            .current
            .as_ref()
            .and_then(|a| a.paragraphs().last())
            .is_some_and(ends_sentence);
        let label = (0..i)
            .rev()
            .find(|&k| matches!(self.kinds[k], Kind::Column(_) | Kind::Heading(_)));
        finished
            && label.is_some_and(|k| {
                matches!(&self.kinds[k], Kind::Column(name) if rules::brief_label(name).is_some())
            })
    }

    /// Whether the blocks from `j` on, past any furniture, end the page or
    /// head another piece.
    fn piece_ends_at(&self, j: usize) -> bool {
        let next = (j..self.blocks.len()).find(|&k| self.kinds[k] != Kind::Furniture);
        next.is_none_or(|k| {
            matches!(self.kinds[k], Kind::Heading(_) | Kind::Column(_))
                || self.readings[k].headline.is_some()
        })
    }

    /// Whether the short piece headed by block `i` ends in a photo credit
    /// before anything else that could head a piece, or opens on a credited
    /// photo printed right under it: a photo story.
    fn photo_story_at(&self, i: usize) -> bool {
        let mut saw_text = false;
        for j in i + 1..self.blocks.len().min(i + 16) {
            match &self.kinds[j] {
                // A credit right under the headline is its photo's.
                Kind::Credit(_) => return saw_text || j == i + 1,
                // A credited photo right under the headline: after a
                // photo's gap, or as the whole piece (a photo page's item).
                Kind::Caption(..)
                    if j == i + 1
                        && (self.blocks[j].gap_before >= IMAGE_GAP
                            || self.piece_ends_at(j + 1)) =>
                {
                    return true
                }
                Kind::Furniture | Kind::Caption(..) => {}
                Kind::Text if self.headline_at(j).is_none() => saw_text = true,
                _ => return false,
            }
        }
        false
    }

    /// A caption-and-credit pair standing between articles after a photo's
    /// gap: a photo printed on its own.
    fn lone_photo_at(&self, i: usize) -> Option<Article> {
        let Some(Kind::Credit(credit)) = self.kinds.get(i + 1) else {
            return None;
        };
        let text = close_cjk_spaces(&self.body_text(i));
        let previous_done = self
            .current
            .as_ref()
            .and_then(|a| a.paragraphs().last())
            .is_none_or(ends_sentence);
        let alone = self.blocks[i].gap_before >= IMAGE_GAP && previous_done;
        (alone && ends_sentence(&text) && self.headline_at(i).is_none()).then(|| Article {
            authors: credit.names.clone(),
            captions: vec![caption(&text, Some(credit))],
            kind: ArticleKind::Photo,
            ..empty_article()
        })
    }

    /// A short sentence alone between photo gaps after an article's text: the
    /// caption of a photo whose credit was not printed.
    fn is_gap_caption(&self, i: usize) -> bool {
        let text = self.body_text(i);
        let gap_after = self
            .blocks
            .get(i + 1)
            .is_none_or(|b| b.gap_before >= IMAGE_GAP);
        self.blocks[i].gap_before >= IMAGE_GAP
            && gap_after
            && ends_sentence(&text)
            && text.chars().count() <= 40
            && text.matches(['。', '！', '？']).count() <= 1
            && self.current.as_ref().is_some_and(|a| !a.body.is_empty())
    }

    fn finish(&mut self) {
        let signed = self.current.take().map(|mut article| {
            sign_by_closing_credit(&mut article);
            article
        });
        if let Some(article) = signed.map(photo_news).and_then(complete) {
            self.articles.push(article);
        }
    }

    fn start(&mut self, article: Article) {
        self.finish();
        self.current = Some(article);
        self.opening_level = None;
        self.closed = false;
    }

    /// Whether the text from block `from` on shares few of the current
    /// piece's pairs of Han characters: a new story rather than the next
    /// part of this one (lexical cohesion, as TextTiling reads it). Asked
    /// only after a paragraph that ends a sentence.
    fn topic_changes_at(&self, from: usize) -> bool {
        let Some(article) = self.current.as_ref() else {
            return false;
        };
        let last = article.paragraphs().last();
        if !last.is_some_and(ends_sentence) {
            return false;
        }
        // Windows of like size on both sides: the piece's last paragraphs
        // and the text's first blocks.
        let paragraphs: Vec<&str> = article.paragraphs().collect();
        let mut before: Vec<&str> = paragraphs
            .iter()
            .copied()
            .rev()
            .scan(0, |chars, p| {
                let taken = *chars < COHESION_WINDOW;
                *chars += p.len() / 3;
                taken.then_some(p)
            })
            .collect();
        before.reverse();
        let after = (from..self.blocks.len())
            .take_while(|&k| self.kinds[k] == Kind::Text || self.kinds[k] == Kind::Furniture)
            .filter(|&k| self.kinds[k] == Kind::Text)
            .take(3)
            .map(|k| self.readings[k].text.as_str());
        let (a, b) = (PairSet::of(before), PairSet::of(after));
        let (a_len, b_len) = (a.len(), b.len());
        if a_len < MIN_PAIRS || b_len < MIN_PAIRS {
            return false;
        }
        a.shared(&b) * COHESION_DIVISOR < a_len.min(b_len)
    }

    /// Whether the current article holds text.
    fn has_body(&self) -> bool {
        self.current.as_ref().is_some_and(|a| !a.body.is_empty())
    }

    /// Notes the markdown level of block `i` when it opened the article.
    fn opened_by(&mut self, i: usize) {
        if let Kind::Heading(_) = self.kinds[i] {
            self.opening_level = Some(self.heading_level(i));
        }
    }

    fn current(&mut self) -> &mut Article {
        self.current.get_or_insert_with(empty_article)
    }

    fn run(mut self) -> Vec<Article> {
        let mut i = 0;
        while i < self.blocks.len() {
            i = self.step(i);
        }
        self.finish();
        self.articles
    }

    /// Reads block `i` into the articles; returns the next block's index.
    fn step(&mut self, i: usize) -> usize {
        match self.kinds[i].clone() {
            Kind::Furniture => {
                let line = self.blocks[i].first();
                if self.has_body()
                    && (rules::is_jump_out(line) || rules::is_editors_sign_off_line(line))
                {
                    self.closed = true;
                }
            }
            Kind::Marker(Marker::Break) => self.start(empty_article()),
            Kind::Marker(Marker::Headline(title)) => self.start(titled(title)),
            Kind::Column(name) => match &mut self.current {
                // A lone short line over a column label was a section's
                // name, not a headline: no headline stands over a column.
                Some(a) if a.body.is_empty() && a.column.is_none() && !is_lone_title(a) => {
                    a.column = Some(name)
                }
                _ => self.start(Article {
                    column: Some(name),
                    ..empty_article()
                }),
            },
            Kind::Heading(_) => return self.headline_block(i),
            Kind::Text => match self.pen_name_at(i) {
                Some(name) => self.sign_with_pen_name(name),
                None if self.readings[i].headline.is_some() => return self.headline_block(i),
                None => return self.text(i),
            },
            Kind::Names(names) => {
                self.closed = self.has_body();
                let article = self.current();
                if article.authors.is_empty() {
                    article.authors = names;
                }
            }
            Kind::Credit(credit) => {
                let ends_piece = self.piece_ends_at(i + 1);
                // A credit wrapped over two lines after the text (`本报记者 X`
                // / `通讯员 Y 摄`): the names line above was its first part.
                let wrapped = i > 0 && matches!(self.kinds[i - 1], Kind::Names(_));
                let article = self.current();
                if article.kind == ArticleKind::PhotoStory {
                    add_photographers(article, &credit.names);
                } else if wrapped && !(article.body.is_empty() && article.captions.is_empty()) {
                    add_names(&mut article.authors, &credit.names);
                    attach_credit(&mut article.captions, &credit);
                } else {
                    // A credit closing an unsigned piece with no other
                    // caption: its text told the photo, by its photographer.
                    let photo_told = ends_piece
                        && article.authors.is_empty()
                        && article.captions.is_empty()
                        && article.paragraphs().next().is_some();
                    if photo_told {
                        article.authors = credit.names.clone();
                    }
                    attach_credit(&mut article.captions, &credit);
                }
            }
            Kind::Caption(text, credit) => {
                let article = self.current();
                if article.kind == ArticleKind::PhotoStory {
                    add_photographers(article, &credit.names);
                }
                article.captions.push(caption(&text, Some(&credit)))
            }
        }
        i + 1
    }

    /// Signs the current piece with the pen name under its last sentence.
    fn sign_with_pen_name(&mut self, name: String) {
        let article = self.current();
        // The name read as the headline's last line was the byline under
        // it (`一语中的` / `茶花` … `（茶花）`).
        if article.title == name {
            if let Some(kicker) = article.subtitle.take() {
                article.title = kicker;
            }
        } else if let Some(headline) = article.title.strip_suffix(&format!(" {name}")) {
            article.title = headline.to_string();
        }
        article.authors = vec![name];
        self.closed = true;
    }

    /// A heading or headline-shaped block: a headline when a byline confirms
    /// it, or when the short piece it opens ends in a photo credit; else a
    /// heading is a subhead and a text line is read as text.
    fn headline_block(&mut self, i: usize) -> usize {
        if let Some(header) = self.header_at(i).or_else(|| self.opening_header_at(i)) {
            let end = header.end;
            self.start_from_header(header);
            self.opened_by(i);
            return end;
        }
        let title = self.headline_at(i).unwrap_or_default();
        if self.photo_story_at(i) {
            self.start(Article {
                kind: ArticleKind::PhotoStory,
                ..titled(title)
            });
            self.opened_by(i);
            return i + 1;
        }
        // A photo story is short and has no subheads: a headline after its
        // text opens the next piece. So does one after its credit when that
        // is all it has: its "headline" was a photo's caption.
        if let Some(story) = self.current.as_mut().filter(|a| {
            a.kind == ArticleKind::PhotoStory && !(a.body.is_empty() && a.authors.is_empty())
        }) {
            if story.body.is_empty() {
                let text = std::mem::take(&mut story.title);
                story.captions.push(caption(&text, None));
                story.printed_title = false;
                story.kind = ArticleKind::Photo;
            }
            self.start(titled(title));
            self.opened_by(i);
            return i + 1;
        }
        match self.kinds[i] {
            Kind::Heading(_) => {
                self.heading(i, title);
                i + 1
            }
            _ => self.text(i),
        }
    }

    /// The markdown level of a heading block (`## …` → 2).
    fn heading_level(&self, i: usize) -> usize {
        heading_marks(self.blocks[i].first())
    }

    fn start_from_header(&mut self, header: Header) {
        let Header {
            mut group,
            authors,
            captions,
            standfirst,
            lead,
            ..
        } = header;
        // A note in brackets under the headline (`（按事件发生时间为序）`) is
        // none of its lines: it goes to the subtitle.
        let mut notes = Vec::new();
        while group.lines.len() >= 2 {
            let Some(k) = group.lines.iter().position(|l| rules::is_headline_note(l)) else {
                break;
            };
            notes.push(group.remove(k));
        }
        // A line opening with a dash is a subtitle under the headline, one
        // closing with a dash a kicker above it. Without dashes only type
        // size would tell the headline (papers print kicker-headline and
        // headline-subtitle alike), so the whole group is the title: never
        // wrong, never missing a part. Only a line that is a kicker by its
        // own shape (`太嚣张!`, a quotation, a label half the headline's
        // length, lines over a one-line headline) is set apart from the
        // headline under it.
        let dashed = |l: &String| rules::is_dashed(l);
        // Of markdown headings, the shallowest is the headline
        // (`# 我市举行中秋联谊活动` / `## 领导等出席`).
        let levels = &group.levels;
        let shallowest = levels
            .iter()
            .enumerate()
            .filter(|&(_, &l)| l > 0)
            .min_by_key(|&(_, &l)| l)
            .filter(|&(_, &top)| levels.iter().any(|&l| l > top))
            .map(|(k, _)| k);
        // A short kicker (`温州：`) stands right over its headline: a line
        // above it names the column the piece stands in (`各地动态`).
        let column = (shallowest.is_none()
            && group.lines.len() == 3
            && rules::is_short_kicker(&group.lines[1])
            && !group.lines.iter().any(dashed))
        .then(|| group.remove(0));
        let Group {
            mut lines, rows, ..
        } = group;
        let undashed = shallowest.is_none() && !lines.iter().any(dashed);
        // A couplet of short phrases over a plain line is the headline over
        // its subtitle (`居民齐添力 老巷大变样` / `…`).
        let couplet_first =
            lines.len() == 2 && rules::is_couplet(&lines[0]) && !rules::is_couplet(&lines[1]);
        // A kicker may be set over two lines or more, above a one-line
        // headline.
        let kicker_first = lines.len() == 2
            && (is_kicker_over(&lines[0], &lines[1]) || (rows[0] > 1 && rows[1] == 1));
        let title_at = if undashed && couplet_first {
            Some(0)
        } else if undashed && lines.len() >= 2 && !kicker_first {
            None
        } else {
            shallowest.or_else(|| lines.iter().rposition(|l| !dashed(l)))
        };
        let mut article = match title_at {
            None => titled(lines.join(" ")),
            Some(k) => {
                let mut title = lines.remove(k);
                // A speaker's kicker (`水利部：`) is read with the headline
                // it stands over, as the headline's first words.
                if k > 0
                    && lines[k - 1].ends_with([':', '：'])
                    && rules::is_short_kicker(&lines[k - 1])
                {
                    title.insert_str(0, &lines.remove(k - 1));
                }
                let subtitle: Vec<String> = lines.iter().map(|l| trim_dashes(l)).collect();
                let mut article = titled(title);
                article.subtitle = (!subtitle.is_empty()).then(|| subtitle.join(" "));
                article
            }
        };
        if !notes.is_empty() {
            let subtitle = article.subtitle.iter().chain(&notes);
            article.subtitle = Some(subtitle.cloned().collect::<Vec<_>>().join(" "));
        }
        article.authors = authors;
        article.captions = captions;
        article.column = column.or(article.column);
        self.start(article);
        for point in &standfirst {
            push_paragraph(self.current(), point);
        }
        if let Some(lead) = lead.filter(|l| !l.is_empty()) {
            push_paragraph(self.current(), &lead);
        }
    }

    fn heading(&mut self, i: usize, title: String) {
        let level = self.heading_level(i);
        // A deeper heading right under the headline heading is the story's
        // first part heading (`# 标题` / `## 白天:…`); one of the same level
        // is the headline's second line (`# 新会举办巡回论坛` / `# 警民…`).
        let previous = (0..i).rev().find(|&k| self.kinds[k] != Kind::Furniture);
        let previous_level = previous
            .filter(|&k| matches!(self.kinds[k], Kind::Heading(_)))
            .map(|k| self.heading_level(k));
        let under_headline = previous_level.is_some_and(|l| l < level);
        let second_line = previous_level == Some(level) && self.opening_level == Some(level);
        // After the text, a heading at or above the level of the one that
        // opened the article opens the next (`## 交警连线` … `# 新会举办巡回论坛`;
        // `# 某林场创造人工林海奇迹纪实` … `# 十大新闻评选活动启帷`).
        let above_opening = self.opening_level.is_some_and(|l| level <= l);
        // A heading over a deeper one opened by a dash is a headline with
        // its subtitle (`# 向未来 再出发` / `## ——写在…之际`): no subhead
        // has one.
        let next = (i + 1..self.blocks.len()).find(|&k| self.kinds[k] != Kind::Furniture);
        let dashed =
            |k: usize| matches!(&self.kinds[k], Kind::Heading(t) if rules::opens_with_dash(t));
        let over_subtitle = next.is_some_and(|k| dashed(k) && self.heading_level(k) > level);
        let is_subtitle = under_headline && dashed(i) && !self.has_body();
        let over_note = self.note_under(i);
        match &mut self.current {
            Some(a) if is_subtitle && a.subtitle.is_none() => {
                a.subtitle = Some(trim_dashes(&title));
                return;
            }
            Some(a) if !a.body.is_empty() && (above_opening || over_subtitle || over_note) => {}
            Some(a) if !a.body.is_empty() || (under_headline && !a.title.is_empty()) => {
                return a.body.push(BodyPart::Subhead(title));
            }
            Some(a) if a.title.is_empty() => {
                a.title = title;
                a.printed_title = true;
                return;
            }
            Some(a) if second_line && a.subtitle.is_none() => {
                a.subtitle = Some(title);
                return;
            }
            _ => {}
        }
        self.start(titled(title));
        self.opened_by(i);
    }

    fn text(&mut self, i: usize) -> usize {
        let text = self.body_text(i);
        if rules::is_quoted_headline(&text) {
            if let Some(header) = self.header_at(i) {
                let end = header.end;
                self.start_from_header(header);
                return end;
            }
        }
        // A short kicker (`太嚣张!`) opens the headline group under it.
        if rules::is_short_kicker(&text) && self.header_line_at(i).is_some() {
            if let Some(header) = self.header_at(i).or_else(|| self.opening_header_at(i)) {
                let end = header.end;
                self.start_from_header(header);
                self.opened_by(i);
                return end;
            }
        }
        // A byline that carries a lead paragraph is a dateline.
        if let Some((names, Some(rest))) = self.byline_at(i) {
            let fresh = self.current.as_ref().is_none_or(|a| !a.body.is_empty());
            if fresh {
                self.start(empty_article());
            }
            let article = self.current();
            if article.authors.is_empty() {
                article.authors = names;
            }
            push_paragraph(article, &rest);
            return i + 1;
        }
        if let Some(photo) = self.lone_photo_at(i) {
            self.start(photo);
            self.finish();
            return i + 2;
        }
        if self.is_gap_caption(i) {
            let text = close_cjk_spaces(&text);
            self.current().captions.push(Caption { text, credit: None });
            return i + 1;
        }
        if let Some(line) = self.headline_at(i) {
            if self.short_line(i, line) {
                return i + 1;
            }
        }
        // An item's headline over its text in one block: a piece of its
        // own, under the label of the items before it.
        if let Some((title, rest)) = self.bulleted_item_at(i) {
            // The label's own piece, empty, is dropped when it finishes.
            let column = self.current.as_ref().and_then(|a| a.column.clone());
            self.start(Article {
                column,
                ..titled(title)
            });
            self.closed = push_paragraph(self.current(), &rest);
            return i + 1;
        }
        // Under a briefs label, each item set off by a bullet (`◆…`) is a
        // piece of its own.
        let brief = self.current.as_ref().and_then(|a| {
            let column = a.column.as_ref()?;
            let item = !a.body.is_empty()
                && text.starts_with(BYLINE_SYMBOLS)
                && rules::brief_label(column).is_some();
            item.then(|| column.clone())
        });
        if let Some(column) = brief {
            self.start(Article {
                column: Some(column),
                ..empty_article()
            });
        }
        let article = self.current();
        let headless =
            article.title.is_empty() && article.body.is_empty() && article.column.is_some();
        let unterminated = !ends_sentence(&text) && rules::closing_credit(&text).is_none();
        if headless && unterminated && article.subtitle.is_none() {
            // The standfirst of a headless column piece (a paragraph closed
            // by a photo credit is none).
            article.subtitle = Some(close_cjk_spaces(&text));
            return i + 1;
        }
        self.closed = push_paragraph(article, &text);
        if !self.closed && self.piece_ends_at(i + 1) {
            take_glued_signature(self.current());
        }
        i + 1
    }

    /// A headline-shaped line that no byline confirmed. Returns false when it
    /// is only a paragraph broken by a column (and must be read as text).
    fn short_line(&mut self, i: usize, line: String) -> bool {
        if let Some(width) = self.wrap {
            // On a hard-wrapped page a line wider than the column is a
            // headline; one within the column is a broken paragraph. A
            // headline wrapped well within the column is set in larger type
            // than the text (`江溪:老小区人防工程` / `标识牌换新颜`).
            let lines = &self.blocks[i].lines;
            let wide = lines.len() == 1 && display_width(&line) > width + 4;
            let large_type = (2..=3).contains(&lines.len())
                && lines.iter().all(|l| display_width(l) * 4 <= width * 3);
            // So is one wrapped at the column's width and set apart from a
            // finished story by debris (`■`): no column break leaves debris
            // between a paragraph's parts, and a subhead (which may stand
            // under an ornament) fits the column. Its lines are rejoined as
            // text is.
            let apart = lines.len() >= 2 && self.after_debris(i) && !ends_sentence(&line);
            if wide || large_type {
                self.start(titled(line));
            } else if apart {
                self.start(titled(join_wrapped(lines)));
            }
            return wide || large_type || apart;
        }
        if !rules::is_subhead_shaped(&line) {
            return false;
        }
        // A line over a lead that dates its news to another day than the
        // story above heads a story of its own.
        let other_day = self.current.as_ref().is_some_and(|a| {
            let begun = !a.title.is_empty() || !a.body.is_empty();
            begun && !dated_alike(a, self.next_text(i + 1))
        });
        match &mut self.current {
            Some(a) if a.title.is_empty() && a.body.is_empty() => {
                a.title = line;
                a.printed_title = true;
            }
            Some(_) if other_day => self.start(titled(line)),
            Some(a) => a.body.push(BodyPart::Subhead(line)),
            None => self.start(titled(line)),
        }
        true
    }
}

/// Whether headline lines end in a subtitle opened by a dash under a
/// headline (`…开新局` / `——…综述`): nothing under it is of the group.
fn ends_in_subtitle(lines: &[String]) -> bool {
    lines.len() >= 2 && lines.last().is_some_and(|l| rules::opens_with_dash(l))
}

/// Whether a headline line is a kicker by its own shape over the headline
/// under it: a speaker's or an exclamation's (`水利部:`, `太嚣张!`), a
/// quotation, clauses over a headline of one (`既有地方歇脚，更有服务暖心`),
/// or a label at most half the headline's length (`新华访谈`).
fn is_kicker_over(kicker: &str, headline: &str) -> bool {
    let clauses = |l: &str| l.contains(['，', ',']);
    rules::is_short_kicker(kicker)
        || rules::is_quoted_headline(kicker)
        || (clauses(kicker) && !clauses(headline))
        || kicker.chars().count() * 2 <= headline.chars().count()
}

/// Whether a lead that opens with its day (`6月14日，…`) dates its news
/// like the article's first paragraph: true unless both open with a day
/// and the days differ.
fn dated_alike(article: &Article, lead: Option<&str>) -> bool {
    let first = article.paragraphs().next().and_then(rules::lead_day);
    match (first, lead.and_then(rules::lead_day)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::split_page;

    fn titles(page: &str) -> Vec<String> {
        split_page(page).into_iter().map(|a| a.title).collect()
    }

    #[test]
    fn a_headline_after_a_photo_of_a_caption_and_credit_alone_opens_the_next_piece() {
        let page = "社员自动多卖余粮\n\n本报讯 大队的社员热情高涨，自动卖出余粮一万二千一百斤，支援国家建设。\n\n黄泥洼公社社员正在装运交售的粮食\n\n新华社记者 姜可运摄\n\n日报发表社论《光荣的行动》\n\n日报在十日刊出了这封信，并且发表社论表扬了他的这一爱国主义的行动。\n";
        let articles = split_page(page);
        assert_eq!(articles.len(), 3, "{articles:#?}");
        // The caption over its credit was a photo of its own.
        assert_eq!(articles[1].kind, ArticleKind::Photo);
        assert_eq!(
            articles[1].captions[0].text,
            "黄泥洼公社社员正在装运交售的粮食"
        );
        assert_eq!(articles[1].authors, ["姜可运"]);
        assert_eq!(articles[2].title, "日报发表社论《光荣的行动》");
        assert!(articles[2].authors.is_empty());
    }

    #[test]
    fn a_line_over_a_lead_dated_another_day_heads_a_story_of_its_own() {
        let page = "主题采访活动走进鄂托克旗\n\n12月19日至20日，市委宣传部组织主题采访活动走进鄂托克旗，开启深入全面的采访之旅。\n\n此次采访活动将充分展示当地在文明建设方面的积极探索。\n\n多家媒体记者走进高新区调研采访\n\n6月14日，多家中央媒体及自治区主流媒体记者齐聚暖城，走进高新技术产业开发区。\n";
        assert_eq!(
            titles(page),
            ["主题采访活动走进鄂托克旗", "多家媒体记者走进高新区调研采访"]
        );
        // A lead of the story's own day under it: the story's subhead.
        let page = page.replace("6月14日", "12月19日");
        assert_eq!(titles(&page), ["主题采访活动走进鄂托克旗"]);
    }

    #[test]
    fn a_note_in_brackets_under_a_headline_goes_to_its_subtitle() {
        let page = "本市十大新闻候选条目\n\n（按事件发生时间为序）\n\n本报讯 记者王小明 1月7日，全国5个空气质量达优城市，本市榜上有名。\n";
        let articles = split_page(page);
        assert_eq!(articles[0].title, "本市十大新闻候选条目");
        assert_eq!(
            articles[0].subtitle.as_deref(),
            Some("（按事件发生时间为序）")
        );
    }

    #[test]
    fn a_heading_as_high_as_the_opening_one_after_the_text_opens_the_next_piece() {
        let page = "# 某林场创造人工林海奇迹纪实\n\n第一段。\n\n## 小标题\n\n第二段。\n\n# 十大新闻事件\n# 和十大新闻人物评选活动启帷\n\n另一篇。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].body[1], BodyPart::Subhead("小标题".into()));
        assert_eq!(articles[1].title, "十大新闻事件");
        assert_eq!(articles[1].paragraphs().next(), Some("另一篇。"));
    }

    #[test]
    fn a_headline_needs_a_byline_to_start_an_article() {
        let page = "甲地新闻\n\n王小明\n\n第一段。\n\n短小标题\n\n第二段。\n\n乙地新闻\n\n本报讯 记者李大为报道 正文。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].body[1], BodyPart::Subhead("短小标题".into()));
        assert_eq!(articles[1].title, "乙地新闻");
        assert_eq!(articles[1].authors, vec!["李大为"]);
        assert_eq!(articles[1].paragraphs().next(), Some("正文。"));
    }

    #[test]
    fn a_headline_after_a_piece_closed_by_its_byline_or_a_jump_needs_no_byline() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let signed = format!("第一篇的标题\n\n{body}\n\n{body}（谢辉）\n\n第二篇的标题\n\n{body}");
        assert_eq!(titles(&signed), ["第一篇的标题", "第二篇的标题"]);
        let jumped = format!("第一篇的标题\n\n{body}\n\n（下转第四版）\n\n第二篇的标题\n\n{body}");
        assert_eq!(titles(&jumped), ["第一篇的标题", "第二篇的标题"]);
        let note = format!("第一篇的标题\n\n{body}   编者\n\n第二篇的标题\n\n{body}");
        assert_eq!(titles(&note), ["第一篇的标题", "第二篇的标题"]);
        // After a paragraph that only ends a sentence, it is a subhead.
        let open = format!("第一篇的标题\n\n{body}\n\n小标题在这里\n\n{body}");
        assert_eq!(titles(&open), ["第一篇的标题"]);
    }

    #[test]
    fn three_headline_lines_in_one_block_over_a_dateline_head_a_piece() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page = format!(
            "第一篇的标题\n\n{body}\n\n代表律师交证明\n刘某又没到\n检察官建议检查\n\n【本报讯】{body}"
        );
        assert_eq!(
            titles(&page),
            ["第一篇的标题", "代表律师交证明 刘某又没到 检察官建议检查"]
        );
    }

    #[test]
    fn a_heading_over_a_dash_subtitle_opens_a_piece_and_the_shallowest_heading_is_its_title() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page = format!(
            "# 相约论坛 聚焦生态\n\n{body}\n\n# 向未来 再出发\n\n## ——写在复刊之际\n\n{body}\n\n# 我市举行中秋联谊活动\n\n## 领导等出席\n\n本报讯 （记者 陈胜龙） {body}"
        );
        let articles = split_page(&page);
        let heads: Vec<(&str, Option<&str>)> = articles
            .iter()
            .map(|a| (a.title.as_str(), a.subtitle.as_deref()))
            .collect();
        assert_eq!(
            heads,
            [
                ("相约论坛 聚焦生态", None),
                ("向未来 再出发", Some("写在复刊之际")),
                ("我市举行中秋联谊活动", Some("领导等出席")),
            ]
        );
    }

    #[test]
    fn a_name_glued_after_an_unsigned_pieces_last_sentence_signs_it() {
        let page = "烈日下的热情\n\n一二三四五六七八九十。\n\n人群里立刻响起一片掌声。金海亮\n\n下一篇的标题\n\n本报讯 一二三四五六七八九十。";
        let articles = split_page(page);
        assert_eq!(articles[0].authors, ["金海亮"]);
        assert!(articles[0]
            .paragraphs()
            .last()
            .is_some_and(|p| p.ends_with("掌声。")));
    }

    #[test]
    fn a_headline_over_a_story_on_another_topic_opens_a_piece_without_byline() {
        let first = "过去人们一提起做家具讲排场就是城市居民的事情农民连想也不敢想。如今山里的农民手头有了钱也开始赶时髦了家具一套接一套地买回家。";
        let second = "五十年代固原地区曾经办过州报但是时间不长就停刊了。一九八四年办报伊始报社一无所有白手起家借用办公设施艰苦创业。";
        let page = format!("山里农民也赶时髦了\n\n{first}\n\n前进中的固原报\n\n{second}");
        assert_eq!(titles(&page), ["山里农民也赶时髦了", "前进中的固原报"]);
        // A subhead over more of the same story stays in it.
        let more = "山里的农民手头有了钱以后也开始讲排场了，家具一套接一套地买回家，城市居民的时髦农民也赶上了。";
        let page = format!("山里农民也赶时髦了\n\n{first}\n\n家具一套接一套\n\n{more}");
        assert_eq!(titles(&page), ["山里农民也赶时髦了"]);
    }

    #[test]
    fn each_bulleted_item_under_a_briefs_label_is_a_piece() {
        let page = "要闻简报\n\n◆9月23日，我县召开调度会。\n\n◆ 9月27日，我县召开护航会议。\n";
        let articles = split_page(page);
        assert_eq!(articles.len(), 2);
        assert!(articles
            .iter()
            .all(|a| a.column.as_deref() == Some("要闻简报")));
        // Each is titled by its first sentence, without the bullet.
        assert_eq!(articles[1].title, "要闻简报：9月27日，我县召开护航会议");
    }

    #[test]
    fn a_bulleted_headline_over_its_text_in_one_block_is_an_item_of_its_own() {
        let page = "某某报\n\n【本地要闻】\n\n◆河滩的树苗清理完毕\n5日，二十多名工人在洲子上清理树苗。预计10日前完成。(王明)\n\n■\n◆市长到现场调度工作\n6日，市长到现场调度工作。他强调，要确保工作落实到位。(李华)";
        let articles = split_page(page);
        assert_eq!(titles(page), ["河滩的树苗清理完毕", "市长到现场调度工作"]);
        assert_eq!(articles[0].column.as_deref(), Some("本地要闻"));
        assert_eq!(articles[1].authors, ["李华"]);
        // A point wrapped as wide as the lines under it is a paragraph.
        let page = "标题在这里\n\n本报记者 王小明\n\n◆ 一二三四五六七八九十一二三四五六\n七八九十一二三四五六七八九十一二\n三四五。\n\n正文说了很多事情。";
        assert_eq!(titles(page), ["标题在这里"]);
    }

    #[test]
    fn each_headline_under_a_briefs_label_opens_a_brief_after_a_finished_sentence() {
        // The same words in both items: no change of topic tells them apart.
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page = format!(
            "简讯\n\n第一条简讯的标题\n\n本报讯 {body}\n\n{body}\n\n第二条简讯的标题\n\n{body}"
        );
        assert_eq!(titles(&page), ["第一条简讯的标题", "第二条简讯的标题"]);
        // Under no label it is the piece's subhead.
        let page = page.replacen("简讯\n\n", "", 1);
        assert_eq!(titles(&page), ["第一条简讯的标题"]);
    }

    #[test]
    fn a_short_exclamation_over_the_headline_is_its_kicker() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page = format!("太嚣张！\n\n改装三轮车被查竟砸伤民警\n\n{body}\n\n{body}");
        let a = &split_page(&page)[0];
        assert_eq!(a.title, "改装三轮车被查竟砸伤民警");
        assert_eq!(a.subtitle.as_deref(), Some("太嚣张！"));
        assert_eq!(a.paragraphs().next(), Some(body));
    }

    #[test]
    fn a_question_under_a_kicker_is_the_headline() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page = format!("新华访谈\n\n加快建设旅游强国，我们该怎么干？\n\n{body}\n\n{body}");
        let a = &split_page(&page)[0];
        assert_eq!(a.title, "加快建设旅游强国，我们该怎么干？");
        assert_eq!(a.paragraphs().next(), Some(body));
    }

    #[test]
    fn on_a_hard_wrapped_page_a_headline_wrapped_in_large_type_opens_a_piece() {
        let paragraph = "一二三四五六七八九十一二三四五六七八\n".repeat(3) + "一二三四五。";
        let page = format!(
            "江溪：老小区人防\n标识牌换新颜\n\n{paragraph}\n\n硕放：评曲新作\n获市银奖\n\n{paragraph}\n\n梅村：引导居民\n将环保化作行动\n\n{paragraph}\n"
        );
        assert_eq!(
            titles(&page),
            [
                "江溪：老小区人防 标识牌换新颜",
                "硕放：评曲新作 获市银奖",
                "梅村：引导居民 将环保化作行动"
            ]
        );
        // Lines as wide as the text's are a paragraph broken by the column.
        let broken = page.replace(
            "硕放：评曲新作\n获市银奖",
            "硕放街道评曲新作近日获得了无锡\n市群芳奖的银奖",
        );
        assert_eq!(titles(&broken).len(), 2);
        // A headline wrapped at the column's width, set apart from the
        // finished story above by debris.
        let apart = format!(
            "江溪：老小区人防\n标识牌换新颜\n\n{paragraph}\n\n■\n\n全省很多农业合作社都在贯彻多种\n经营方针\n\n{paragraph}\n"
        );
        assert_eq!(
            titles(&apart),
            [
                "江溪：老小区人防 标识牌换新颜",
                "全省很多农业合作社都在贯彻多种经营方针"
            ]
        );
    }

    #[test]
    fn a_speakers_kicker_with_a_colon_stands_in_the_headline_group() {
        let body = "一二三四五六七八九十，一二三四五六七八九十。";
        let page =
            format!("聚焦防汛抗洪\n\n水利部:\n\n长江和黄河 可能发生秋汛\n\n{body}\n\n{body}");
        let a = &split_page(&page)[0];
        // The kicker opens the title; the line above it names the column.
        assert_eq!(a.title, "水利部:长江和黄河 可能发生秋汛");
        assert_eq!(a.column.as_deref(), Some("聚焦防汛抗洪"));
        assert_eq!(a.subtitle, None);
        assert_eq!(a.paragraphs().next(), Some(body));
        // Over text, a line ending in a colon opens what it introduces.
        let page = format!("某地新闻的标题\n\n{body}\n\n水利部:\n\n{body}");
        assert_eq!(split_page(&page)[0].paragraphs().nth(1), Some("水利部:"));
    }

    #[test]
    fn a_long_paragraph_between_a_headline_and_names_is_text_signed_after_it() {
        let long = "近日，某某组织离休干部进行健康休养活动。".repeat(8);
        let page = format!(
            "健康休养 动静结合\n\n{long}\n\n通讯员 吴剑峰 本报记者 陈思伊\n\n秋菊雅韵 橘乡溢彩\n\n近日，菊花展隆重举办。\n\n通讯员 兰大海 本报记者 陈思伊"
        );
        let articles = split_page(&page);
        assert_eq!(titles(&page), ["健康休养 动静结合", "秋菊雅韵 橘乡溢彩"]);
        assert_eq!(articles[0].paragraphs().next(), Some(long.as_str()));
        assert!(articles[0].captions.is_empty());
        // A caption's few sentences there stay a caption.
        let page = "标题在上\n\n图为会场。\n\n本报记者 王小明\n\n正文。";
        assert_eq!(split_page(page)[0].captions.len(), 1);
    }

    #[test]
    fn the_pages_first_headline_needs_no_byline() {
        let page = "某某晚报\n\n2025年12月18日 星期四\n\n栏目的名称\n\n那些年,我们一起走过\n\n编者按\n\n三十年过去了。\n\n第二段。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "那些年,我们一起走过");
        assert_eq!(a.subtitle.as_deref(), Some("栏目的名称"));
        assert!(a.authors.is_empty());
        // Once a piece is open, an unsigned headline-shaped line is not one.
        let page = "标题\n\n王小明\n\n正文。\n\n短小标题\n\n第二段。";
        assert_eq!(titles(page), ["标题"]);
    }

    #[test]
    fn a_headline_over_one_credited_caption_is_a_photo_item() {
        let page = "图片专版\n\n家长打地铺过夜\n\n子夜,家长们打地铺过夜。(某某晚报 邱焰 摄)\n\n玫瑰盛开的地方\n\n花农的双手被刺扎伤。(新快报 王小明 摄)";
        assert_eq!(titles(page), ["家长打地铺过夜", "玫瑰盛开的地方"]);
        let articles = split_page(page);
        assert_eq!(articles[0].authors, vec!["邱焰"]);
        assert_eq!(articles[1].authors, vec!["王小明"]);
    }

    #[test]
    fn a_photo_story_is_by_all_its_photographers_and_one_credited_paragraph_by_its_own() {
        let page = "标题在上\n\n王小明\n\n正文。\n\n山乡晒秋忙\n\n\n\n稻谷即将成熟。 朱云平 摄\n\n村民采摘秋梨。记者 王忠虎 摄\n\n村民晾晒玉米。记者 王忠虎 摄\n\n大地流金,丰收如画。\n\n冰雪运动热起来\n\n近年来,这里推进冰雪产业。图为游客体验滑雪。曹建雄摄/光明图片";
        let articles = split_page(page);
        assert_eq!(titles(page), ["标题在上", "山乡晒秋忙", "冰雪运动热起来"]);
        assert_eq!(articles[1].authors, vec!["朱云平", "王忠虎"]);
        assert_eq!(articles[2].authors, vec!["曹建雄"]);
        // So does a longer piece with no other caption; one with a captioned
        // photo keeps no author.
        let page = "标题\n\n第一段。\n\n第二段。图为现场。李四摄";
        assert_eq!(split_page(page)[0].authors, vec!["李四"]);
        let page = "标题\n\n图为会场。王五 摄\n\n第一段。\n\n第二段。图为现场。李四摄";
        assert!(split_page(page)[0].authors.is_empty());
    }

    #[test]
    fn a_quoted_question_over_standfirst_points_is_confirmed_by_the_byline() {
        let page = "“看电视怎么这么费劲?”\n\n记者调查智能电视的套路\n\n● 智能电视机增加了可选择的范围,但问题不少\n\n● 付费收看的情况十分普遍,应当明确提示消费者\n\n□ 本报记者 张守坤\n\n“看个电视怎么这么麻烦!”\n\n正文。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(a.title, "记者调查智能电视的套路");
        assert_eq!(a.subtitle.as_deref(), Some("“看电视怎么这么费劲?”"));
        assert_eq!(a.authors, vec!["张守坤"]);
        assert_eq!(a.paragraphs().count(), 4);
        // A quoted exclamation inside a story stays text.
        assert_eq!(a.paragraphs().nth(2), Some("“看个电视怎么这么麻烦!”"));
    }

    #[test]
    fn a_deeper_heading_right_under_a_headline_heading_is_its_first_part() {
        let page =
            "# 城市生活的镜头\n\n## 白天:街头所见\n\n编者按:先看几组镜头。\n\n记者来到老东门。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title, "城市生活的镜头");
        assert_eq!(
            articles[0].body[0],
            BodyPart::Subhead("白天:街头所见".into())
        );
    }

    #[test]
    fn a_headline_over_an_editors_note_opens_a_piece_after_a_story() {
        // A deeper heading, once the story has text.
        let page = "# 大标题\n\n第一段说了很多事情。\n\n第二段也说了很多事情。\n\n## 另一个话题的标题\n\n编者按:这是编者的话。\n\n### 小标题\n\n# 正文的标题\n\n王小明\n\n正文。";
        assert_eq!(titles(page), ["大标题", "另一个话题的标题", "正文的标题"]);
        // A plain headline line, after a paragraph that ends a sentence.
        let page = "标题在上\n\n王小明\n\n第一段说了很多事情。\n\n编者的话题之二\n\n编者按:这是编者的话。\n\n正文之后。";
        assert_eq!(titles(page), ["标题在上", "编者的话题之二"]);
    }

    #[test]
    fn a_pen_name_in_brackets_under_the_last_sentence_signs_the_piece() {
        let page =
            "标题在上\n\n正文说了一件事。\n\n（茶花）\n\n另一条新闻的标题\n\n王小明\n\n正文。";
        assert_eq!(split_page(page)[0].authors, ["茶花"]);
        // Printed under the headline too, the name is no part of it.
        let page = "一语中的\n\n茶花\n\n正文说了一件事。\n\n（茶花）";
        let a = &split_page(page)[0];
        assert_eq!(
            (a.title.as_str(), a.subtitle.as_deref()),
            ("一语中的", None)
        );
        // Under a headline it is the headline's note, and signs nothing.
        let page = "某某市物业管理办法\n\n（试行）\n\n第一条 为了规范物业管理。";
        assert!(split_page(page)[0].authors.is_empty());
    }

    #[test]
    fn a_writers_workplace_over_their_post_and_name_is_their_byline() {
        let page = "我改变了对一位老社员的看法\n\n辽宁某县某某公社胜利大队\n某某沟生产队长 张德财\n\n正文。";
        let articles = split_page(page);
        assert_eq!(titles(page), ["我改变了对一位老社员的看法"]);
        assert_eq!(articles[0].authors, ["张德财"]);
    }

    #[test]
    fn the_pages_first_headline_keeps_the_captions_between_it_and_its_text() {
        let page = "赛龙讲龙育龙\n\n文化代代传承\n\n猎德龙舟文化尽显魅力。本报记者莫伟浓摄\n\n\
                    鸦岗村村民在进行龙舟训练。本报记者陈忧子摄\n\n在荔湾泮塘,村民乐此不疲地分享龙舟文化。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].captions.len(), 2);
        assert_eq!(articles[0].paragraphs().count(), 1);
    }

    #[test]
    fn a_heading_above_the_one_that_opened_the_piece_opens_the_next() {
        let page = "## 交警连线\n\n交警发现一辆车。为此拖走了。张三 李四\n\n# 新会举办论坛\n\n# 警民共创文明\n\n论坛吸引了市民。 张三 王五";
        let articles = split_page(page);
        assert_eq!(titles(page), ["交警连线", "新会举办论坛"]);
        assert_eq!(articles[0].authors, vec!["张三", "李四"]);
        assert_eq!(articles[1].subtitle.as_deref(), Some("警民共创文明"));
        assert_eq!(articles[1].authors, vec!["张三", "王五"]);
        // Deeper headings after the text stay subheads.
        let page = "# 大标题\n\n第一段。\n\n## 小节\n\n第二段。";
        assert_eq!(titles(page), ["大标题"]);
    }

    #[test]
    fn a_photo_news_label_titles_its_headless_piece_signed_by_its_photographers() {
        let page = "要闻\n\n■图片新闻\n\n交警开展专项整治。图为执勤交警劝导市民。\n\n本报见习记者 黄恬恬 摄";
        let articles = split_page(page);
        assert_eq!(titles(page), ["图片新闻"]);
        assert_eq!(articles[0].authors, vec!["黄恬恬"]);
        // A headline over a genre label keeps the label as its column.
        let page = "市民盼望早日修好这条路\n\n短评\n\n路修好了,大家都高兴。";
        assert_eq!(split_page(page)[0].title, "市民盼望早日修好这条路");
        let page = "图片新闻\n\n列车是通往林区的唯一客车。它被称为采山专列。徐率摄\n\n图①为列车停靠在盘古站。";
        let articles = split_page(page);
        assert_eq!(titles(page), ["图片新闻"]);
        assert_eq!(articles[0].authors, vec!["徐率"]);
        assert_eq!(articles[0].paragraphs().count(), 2);
        // The label printed as the piece's heading.
        let page = "# 某地新闻的标题\n\n日前，市总工会给快递小哥送去了护膝。\n\n本报记者 田国垒 摄\n\n## 图片新闻\n\n社区成立了一支志愿服务队，由社区内热心公益事业的老人们组成，为身体不便的老人提供服务，给需要帮助的老人买菜，陪他们聊天、去医院等，将互帮互助的温暖爱心传递开来。 新华社记者 徐昱 摄";
        let articles = split_page(page);
        assert_eq!(articles[1].title, "图片新闻");
        assert_eq!(articles[1].authors, vec!["徐昱"]);
    }

    #[test]
    fn a_credit_closing_an_unsigned_piece_without_captions_signs_it() {
        let page = "铁路线上的青春力量\n\n职工在设备室检查设备。\n\n他们承担设备养护。\n\n新华社记者 李然 摄";
        assert_eq!(split_page(page)[0].authors, vec!["李然"]);
        // A story whose photo has its caption keeps no author.
        let page = "标题\n\n第一段。\n\n图为现场。\n\n李四 摄\n\n第二段。";
        assert!(split_page(page)[0].authors.is_empty());
    }

    #[test]
    fn a_credit_wrapped_over_two_lines_after_the_text_names_both() {
        let page = "扩建排水渠\n\n施工人员正在扩建排水渠。\n\n本报记者 李震宇\n\n通讯员 王飞超 摄";
        assert_eq!(split_page(page)[0].authors, vec!["李震宇", "王飞超"]);
    }

    #[test]
    fn a_headless_column_piece_of_one_unterminated_paragraph_is_kept() {
        let page =
            "标题在此\n\n第一段写完了。\n\n图片新闻\n\n大年初一一大早，牧民便钻进牛圈里添加饲草";
        let articles = split_page(page);
        assert_eq!(articles.len(), 2);
        assert!(articles[1]
            .paragraphs()
            .any(|p| p.contains("牧民便钻进牛圈里")));
    }

    #[test]
    fn debris_between_headline_lines_does_not_part_them() {
        let page = "鲁青·图片\n\n■\n\n清泉明月相映生辉\n\n今年70岁的市民特别高兴。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "鲁青·图片 清泉明月相映生辉");
        // Debris closing the page after a headline line is only debris.
        assert_eq!(titles("清泉明月相映生辉\n\n■"), Vec::<String>::new());
    }

    #[test]
    fn debris_over_a_headline_group_of_two_lines_rules_off_the_piece_before() {
        let page = "第一篇的标题\n\n王小明\n\n第一篇的正文说完了。\n\n■\n\n“糊涂夫妻”出国忘关冷气\n\n致邻家三户墙面冒水珠\n\n第二篇的正文。";
        assert_eq!(
            titles(page),
            [
                "第一篇的标题",
                "“糊涂夫妻”出国忘关冷气 致邻家三户墙面冒水珠"
            ]
        );
        // A subhead alone under debris stays in its story.
        let page = "第一篇的标题\n\n王小明\n\n第一篇的正文说完了。\n\n■\n\n消防通道上又停车\n\n正文还在继续。";
        assert_eq!(titles(page), ["第一篇的标题"]);
    }

    #[test]
    fn kicker_and_dash_subtitle() {
        let page = "引题在上面——\n\n主标题在这里\n\n——副题在下面\n\n张三 李四\n\n正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "主标题在这里");
        assert_eq!(a.subtitle.as_deref(), Some("引题在上面 副题在下面"));
        // A line under the dash subtitle, right over the byline, is a
        // caption, unpunctuated as it may be.
        let page = "主标题在这里\n\n——副题在下面\n\n工人在加工钛产品\n\n本报记者 王小明\n\n正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "主标题在这里");
        assert_eq!(a.captions[0].text, "工人在加工钛产品");
        assert_eq!(a.authors, ["王小明"]);
        // The dash subtitle set in the headline's own block.
        let page = "主标题在这里\n——副题在下面\n\n张三 李四\n\n正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "主标题在这里");
        assert_eq!(a.subtitle.as_deref(), Some("副题在下面"));
    }

    #[test]
    fn a_couplet_over_a_plain_line_is_the_headline_over_its_subtitle() {
        let page =
            "居民齐添力 老巷大变样\n\n街道投入资金改造老旧小区\n\n本报讯 记者李大为报道 正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "居民齐添力 老巷大变样");
        assert_eq!(a.subtitle.as_deref(), Some("街道投入资金改造老旧小区"));
        // Under a plain line as long, the couplet is no surer a headline:
        // both lines are the title.
        let page =
            "街道投入资金改造老旧小区\n\n居民齐添力 老巷大变样\n\n本报讯 记者李大为报道 正文。";
        assert_eq!(
            titles(page),
            ["街道投入资金改造老旧小区 居民齐添力 老巷大变样"]
        );
    }

    #[test]
    fn headline_lines_without_dashes_are_one_title_unless_a_kicker_shows() {
        let page = "第一行标题\n\n第二行标题\n\n第三行标题\n\n本报讯 记者李大为报道 正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "第一行标题 第二行标题 第三行标题");
        assert_eq!(a.subtitle, None);
        // So are two, unless the first is a kicker by its shape: a
        // speaker's, an exclamation, a label half as long as the headline.
        let page = "引题在上面\n\n主标题在这里\n\n本报讯 记者李大为报道 正文。";
        assert_eq!(titles(page), ["引题在上面 主标题在这里"]);
        let page = "新华访谈\n\n这是一条长得多的主标题\n\n本报讯 记者李大为报道 正文。";
        let a = &split_page(page)[0];
        assert_eq!(a.title, "这是一条长得多的主标题");
        assert_eq!(a.subtitle.as_deref(), Some("新华访谈"));
        let page =
            "既有地方歇脚，更有服务暖心\n\n某市推动群体融入城市\n\n本报讯 记者李大为报道 正文。";
        assert_eq!(titles(page), ["某市推动群体融入城市"]);
    }

    #[test]
    fn a_heading_without_byline_is_a_subhead_unless_a_credit_ends_its_piece() {
        let page = "# 大标题\n\n王小明\n\n第一段。\n\n## 小节\n\n第二段。\n\n## 图片故事\n\n图说文字一段。\n\n赵一 钱二 摄\n\n## 下一篇\n\n孙三\n\n正文。";
        let articles = split_page(page);
        assert_eq!(titles(page), ["大标题", "图片故事", "下一篇"]);
        assert_eq!(articles[0].body[1], BodyPart::Subhead("小节".into()));
        assert_eq!(articles[1].kind, ArticleKind::PhotoStory);
        assert_eq!(articles[1].authors, vec!["赵一", "钱二"]);
    }

    #[test]
    fn a_headline_over_a_credited_photo_opens_a_photo_story_and_the_next_headline_a_piece() {
        let page = "长篇报道的标题\n\n王小明\n\n正文说了很多事情。\n\n某地:冬捕忙\n\n\n\n村民围观转运到网箱里的鲜鱼。新华网发 郑家裕摄\n\n连日来,水库进入冬季捕鱼季。\n\n另一地:冰雪运动热起来\n\n近年来,这里大力推进冰雪产业发展。";
        let articles = split_page(page);
        let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["长篇报道的标题", "某地:冬捕忙", "另一地:冰雪运动热起来"]
        );
        assert_eq!(articles[1].kind, ArticleKind::PhotoStory);
        assert_eq!(articles[1].authors, vec!["郑家裕"]);
    }

    #[test]
    fn a_credit_right_under_a_headline_opens_a_photo_story_by_its_photographer() {
        let page = "春天来了\n\n新华社记者 赵丹平 摄\n\n图为游客在公园赏花。\n\n另一条新闻\n\n本报记者 李四\n\n正文。";
        let articles = split_page(page);
        assert_eq!(titles(page), ["春天来了", "另一条新闻"]);
        assert_eq!(articles[0].kind, ArticleKind::PhotoStory);
        assert_eq!(articles[0].authors, vec!["赵丹平"]);
    }

    #[test]
    fn a_caption_and_credit_between_articles_is_a_photo_entry() {
        let page = "新闻标题\n\n王小明\n\n正文结束了。\n\n\n\n春天来了,花都开了。图为公园一角。\n\n李四摄\n\n下一条新闻\n\n张三\n\n正文。";
        let articles = split_page(page);
        assert_eq!(articles.len(), 3);
        assert_eq!(articles[1].kind, ArticleKind::Photo);
        assert_eq!(articles[1].title, "春天来了,花都开了");
        assert_eq!(articles[1].authors, vec!["李四"]);
        assert_eq!(articles[1].captions[0].credit.as_deref(), Some("李四摄"));
    }

    #[test]
    fn column_labels_start_headless_pieces_titled_from_column_and_standfirst() {
        let page = "新闻标题\n\n王小明\n\nRI走基层\n\n正文一段。\n\nRI今日谈\n\n导语一句话,没有句号\n\n评论正文。";
        let articles = split_page(page);
        assert_eq!(articles[0].column.as_deref(), Some("走基层"));
        assert_eq!(articles[1].title, "今日谈：导语一句话,没有句号");
        assert_eq!(articles[1].subtitle.as_deref(), Some("导语一句话,没有句号"));
        assert!(!articles[1].printed_title);
    }

    #[test]
    fn paragraphs_rejoin_across_column_breaks_and_boxes_but_not_after_a_full_stop() {
        let page = "标题\n\n王小明\n\n这个句子,被分栏\n\n核心阅读\n\n截断了。\n\n新的一段。";
        let a = &split_page(page)[0];
        let paragraphs: Vec<&str> = a.paragraphs().collect();
        assert_eq!(paragraphs, ["这个句子,被分栏截断了。", "新的一段。"]);
    }

    #[test]
    fn on_wrapped_pages_a_column_wide_line_is_a_broken_paragraph() {
        let column = "一二三四五六七八九十\n一二三四五六七八九十\n一二三四。\n\n";
        let page = format!(
            "标题一\n\n本报讯 记者王小明报道 开头。\n\n{}九十年代的老房子\n\n一二三四五六七八九十\n完。\n\n这是一条比栏宽得多的独立标题行\n\n{}",
            column.repeat(3),
            column
        );
        let articles = split_page(&page);
        assert_eq!(articles.len(), 2);
        assert!(articles[0]
            .paragraphs()
            .any(|p| p.starts_with("九十年代的老房子一二三")));
        assert_eq!(articles[1].title, "这是一条比栏宽得多的独立标题行");
    }

    #[test]
    fn masthead_and_page_title_are_furniture() {
        let page = "某某日报\n\n2024年1月2日 星期二\n\n总第100号\n\n标题\n\n王小明\n\n正文。";
        assert_eq!(titles(page), ["标题"]);
        let page = "版面标题\n\n# 标题\n\n王小明\n\n正文。";
        assert_eq!(titles(page), ["标题"]);
    }

    #[test]
    fn editor_markers_force_breaks_and_headlines() {
        let page = "第一段。\n\n@@ break\n\n第二篇的正文。\n\n@@ headline 指定的标题\n\n第三篇。";
        assert_eq!(titles(page), ["第一段", "第二篇的正文", "指定的标题"]);
    }

    #[test]
    fn a_page_without_headlines_is_one_article_titled_by_its_first_sentence() {
        assert_eq!(
            titles("天气晴朗,适合散步。\n\n公园里花开了。"),
            ["天气晴朗,适合散步"]
        );
        assert!(split_page(" \n\n口\n\n").is_empty());
    }

    #[test]
    fn a_short_sentence_between_photo_gaps_after_the_text_is_a_caption() {
        let page = "标题\n\n王小明\n\n正文。\n\n\n\n图片说明。";
        let a = &split_page(page)[0];
        assert_eq!(a.captions[0].text, "图片说明。");
        assert_eq!(a.paragraphs().count(), 1);
    }

    /// Found by the property tests: headings without any text, and a
    /// paragraph opening with a full stop.
    #[test]
    fn regressions_found_by_property_tests() {
        assert!(
            split_page("\n供图\n\n六州\n").is_empty(),
            "headings without text are no article"
        );
        let articles = split_page("。<script>&]]>报李道");
        assert_eq!(articles[0].title, "<script>&]]>报李道");
        // Found by the fuzz target: a dash subtitle closing the page.
        assert!(split_page("主标题在这里\n\n——副题在下面\n").is_empty());
    }
}
