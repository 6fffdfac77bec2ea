//! Article building shared by both readings of a page: a fresh article,
//! captions and credits, paragraphs rejoined across breaks, the final shape.

use super::names::{bracketed_byline, is_personal_name, spaced_closing_byline, BYLINE_SYMBOLS};
use super::rules::{
    closing_credit, closing_writer_credit, credit_line, editors_sign_off, is_standfirst_point,
    Credit,
};
use super::text::{close_cjk_spaces, ends_sentence, first_sentence};
use crate::model::{Article, ArticleKind, BodyPart, Caption};

pub(super) fn empty_article() -> Article {
    Article {
        title: String::new(),
        printed_title: false,
        subtitle: None,
        column: None,
        authors: Vec::new(),
        body: Vec::new(),
        captions: Vec::new(),
        kind: ArticleKind::Story,
    }
}

pub(super) fn titled(title: String) -> Article {
    Article {
        title,
        printed_title: true,
        ..empty_article()
    }
}

/// Kicker and subtitle lines lose the dashes that tie them to the headline.
pub(super) fn trim_dashes(s: &str) -> String {
    s.trim_matches(|c| matches!(c, '—' | '-' | '─' | ' '))
        .to_string()
}

pub(super) fn caption(text: &str, credit: Option<&Credit>) -> Caption {
    Caption {
        text: close_cjk_spaces(text),
        credit: credit.map(|c| c.text.clone()),
    }
}

/// Gives a credit to the last caption still without one.
pub(super) fn attach_credit(captions: &mut Vec<Caption>, credit: &Credit) {
    match captions.last_mut() {
        Some(c) if c.credit.is_none() => c.credit = Some(credit.text.clone()),
        _ => captions.push(Caption {
            text: String::new(),
            credit: Some(credit.text.clone()),
        }),
    }
}

/// Adds a paragraph, rejoining it to the previous one when that one broke
/// off mid-sentence (a column break or a box in between). Returns whether
/// the paragraph closed in a byline (`…评比。(谢辉)`): the piece has ended.
pub(super) fn push_paragraph(article: &mut Article, text: &str) -> bool {
    push_paragraph_spaced(article, text, true)
}

/// [`push_paragraph`] for a text known to hold no white space when
/// `white` is false, so that it is not read again for spaces to close up.
pub(super) fn push_paragraph_spaced(article: &mut Article, text: &str, white: bool) -> bool {
    // A closing `… 读者 X` is read before the spaces between Han
    // characters close up, since only the space sets it apart.
    // A closing `（记者 X）` is the byline printed after the body, read
    // before the spaces close up too, since they part its names.
    let closing = spaced_closing_byline(text)
        .or_else(|| bracketed_byline(text))
        .or_else(|| closing_writer_credit(text))
        .or_else(|| editors_sign_off(text).map(|at| (at, Vec::new())));
    let mut signed = closing.is_some();
    let text = match closing {
        Some((at, names)) => {
            if article.authors.is_empty() {
                article.authors = names;
            }
            &text[..at]
        }
        None => text,
    };
    let mut text = if white {
        close_cjk_spaces(text)
    } else {
        text.to_string()
    };
    if let Some((at, names)) = bracketed_byline(&text) {
        if article.authors.is_empty() {
            article.authors = names;
        }
        text.truncate(at);
        signed = true;
    }
    if text.is_empty() {
        return signed;
    }
    if let Some(BodyPart::Paragraph(previous)) = article.body.last_mut() {
        // A standfirst point (`● …`) is printed without a full stop, and
        // a paragraph may close with its photo's credit (`…桥梁。徐率摄`).
        let closed = ends_sentence(previous) || closing_credit(previous).is_some();
        if !closed && !is_standfirst_point(previous) {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(previous.chars().last()) && latin(text.chars().next()) {
                previous.push(' ');
            }
            previous.push_str(&text);
            return signed;
        }
    }
    article.body.push(BodyPart::Paragraph(text));
    signed
}

/// Signs a piece closed by a photo credit, with no other caption to tell
/// that photo, by its photographer: photo news (`…体验滑雪。曹建雄摄/光明图片`,
/// `…丰收景象。记者李永刚摄`).
pub(super) fn sign_by_closing_credit(article: &mut Article) {
    if article.authors.is_empty() && article.captions.is_empty() {
        if let Some(names) = article.paragraphs().last().and_then(closing_credit) {
            article.authors = names;
        }
    }
}

/// Signs an unsigned piece with the writer's name glued after its last
/// sentence (`…响起一片掌声。金海亮`), taken out of the text: three Han
/// characters that read as a personal name (two could as well be a word).
pub(super) fn take_glued_signature(article: &mut Article) {
    if !article.authors.is_empty() {
        return;
    }
    let Some(BodyPart::Paragraph(last)) = article.body.last_mut() else {
        return;
    };
    let Some((at, end)) = last.char_indices().rev().nth(3) else {
        return;
    };
    let name = &last[at + end.len_utf8()..];
    let signed = matches!(end, '。' | '！' | '？' | '”')
        && name.chars().count() == 3
        && !name.ends_with(['摄', '图', '文'])
        && is_personal_name(name);
    if signed {
        article.authors = vec![name.to_string()];
        last.truncate(at + end.len_utf8());
    }
}

/// The photographers of a piece told in pictures (more credited captions
/// than paragraphs, at least two), in page order: they are its authors when
/// no byline names a writer. A story with one photo keeps no author.
fn photographers_of_a_photo_piece(article: &Article) -> Vec<String> {
    let credits = article
        .captions
        .iter()
        .filter(|c| c.credit.is_some())
        .count();
    if credits < 2 || credits <= article.paragraphs().count() {
        return Vec::new();
    }
    photographers(article)
}

/// Adds the names not yet in the list, in order.
pub(super) fn add_names(list: &mut Vec<String>, names: &[String]) {
    for name in names {
        if !list.contains(name) {
            list.push(name.clone());
        }
    }
}

/// Everyone the article's captions credit, in page order, once each.
pub(super) fn photographers(article: &Article) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in article
        .captions
        .iter()
        .filter_map(|c| c.credit.as_deref())
        .filter_map(credit_line)
        .flat_map(|c| c.names)
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Gives an article read from the page its final shape: a title when none
/// was printed, its kind; `None` when nothing of it is worth an entry.
pub(super) fn complete(mut article: Article) -> Option<Article> {
    // The standfirst of a headless piece or one under a column label, with
    // nothing under it, was the piece's only text: it must not be lost with
    // an empty piece.
    let headless = article.title.is_empty() || article.column.is_some();
    if headless && article.body.is_empty() && article.captions.is_empty() {
        if let Some(only) = article.subtitle.take() {
            push_paragraph(&mut article, &only);
        }
    }
    let has_text = article.paragraphs().next().is_some();
    if !has_text && article.captions.iter().all(|c| c.text.is_empty()) {
        return None;
    }
    if !has_text && article.kind == ArticleKind::Story {
        article.kind = ArticleKind::Photo;
    }
    if article.authors.is_empty() {
        article.authors = photographers_of_a_photo_piece(&article);
    }
    if article.title.is_empty() {
        let source = article
            .subtitle
            .clone()
            .or_else(|| article.paragraphs().next().map(str::to_string))
            .or_else(|| {
                article
                    .captions
                    .iter()
                    .find(|c| !c.text.is_empty())
                    .map(|c| c.text.clone())
            })
            .unwrap_or_default();
        // A brief's bullet (`◆9月23日，…`, one of the symbols set before
        // bylines too) marks the item, not its words.
        let source =
            source.trim_start_matches(|c: char| BYLINE_SYMBOLS.contains(&c) || c.is_whitespace());
        let sentence = first_sentence(source, 30);
        article.title = match &article.column {
            Some(column) => format!("{column}：{sentence}"),
            None => sentence,
        };
    }
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credited(text: &str, credit: &str) -> Caption {
        Caption {
            text: text.to_string(),
            credit: Some(credit.to_string()),
        }
    }

    #[test]
    fn a_piece_told_in_pictures_is_by_its_photographers() {
        let mut piece = titled("山乡丰景".to_string());
        piece.captions = vec![
            credited("稻谷即将成熟。", "朱云平 摄"),
            credited("村民采摘秋梨。", "记者 王忠虎 摄"),
            credited("村民晾晒玉米。", "记者 王忠虎 摄"),
        ];
        push_paragraph(&mut piece, "大地流金,丰收如画。");
        let piece = complete(piece).unwrap();
        assert_eq!(piece.authors, vec!["朱云平", "王忠虎"]);
    }

    #[test]
    fn a_paragraph_closed_by_a_photo_credit_is_not_joined_to_the_next() {
        let mut piece = titled("图片新闻".to_string());
        push_paragraph(&mut piece, "列车停靠在盘古站。徐率摄");
        push_paragraph(&mut piece, "图①为列车停靠。");
        push_paragraph(&mut piece, "这个句子被分栏");
        push_paragraph(&mut piece, "截断了。");
        let paragraphs: Vec<&str> = piece.paragraphs().collect();
        assert_eq!(
            paragraphs,
            [
                "列车停靠在盘古站。徐率摄",
                "图①为列车停靠。",
                "这个句子被分栏截断了。"
            ]
        );
    }

    #[test]
    fn a_closing_byline_names_the_authors_and_leaves_the_text() {
        let mut story = titled("新闻".to_string());
        push_paragraph(&mut story, "第一段。");
        push_paragraph(&mut story, "活动很热闹。（记者 周七）");
        assert_eq!(story.authors, vec!["周七"]);
        assert_eq!(story.paragraphs().last(), Some("活动很热闹。"));
        let mut story = titled("新闻".to_string());
        push_paragraph(&mut story, "劝导近千起。(记者 兰超 通讯员 榕警 文/摄)");
        assert_eq!(story.authors, vec!["兰超", "榕警"]);
        assert_eq!(story.paragraphs().last(), Some("劝导近千起。"));
        // Text and pictures credited, glued after the last sentence.
        let mut story = titled("新闻".to_string());
        push_paragraph(
            &mut story,
            "月亮若隐若现挂在空中。某某都市报记者 刘孙谋 文/图",
        );
        assert_eq!(story.authors, vec!["刘孙谋"]);
        assert_eq!(story.paragraphs().last(), Some("月亮若隐若现挂在空中。"));
        let mut signed = titled("新闻".to_string());
        signed.authors = vec!["张三".to_string()];
        push_paragraph(&mut signed, "完了。（记者 周七）");
        assert_eq!(signed.authors, vec!["张三"]);
        assert_eq!(signed.paragraphs().last(), Some("完了。"));
    }

    #[test]
    fn a_story_with_a_photo_or_a_byline_keeps_its_authors() {
        let mut story = titled("新闻".to_string());
        story.captions = vec![credited("现场。", "李四 摄"), credited("会场。", "李四 摄")];
        push_paragraph(&mut story, "第一段。");
        push_paragraph(&mut story, "第二段。");
        assert!(complete(story.clone()).unwrap().authors.is_empty());
        story.captions.push(credited("场外。", "王五 摄"));
        story.authors = vec!["张三".to_string()];
        assert_eq!(complete(story).unwrap().authors, vec!["张三"]);
    }
}
