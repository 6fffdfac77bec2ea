//! Article building shared by both readings of a page: a fresh article,
//! captions and credits, paragraphs rejoined across breaks, the final shape.

use super::rules::Credit;
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
/// off mid-sentence (a column break or a box in between).
pub(super) fn push_paragraph(article: &mut Article, text: &str) {
    let text = close_cjk_spaces(text);
    if text.is_empty() {
        return;
    }
    if let Some(BodyPart::Paragraph(previous)) = article.body.last_mut() {
        if !ends_sentence(previous) {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(previous.chars().last()) && latin(text.chars().next()) {
                previous.push(' ');
            }
            previous.push_str(&text);
            return;
        }
    }
    article.body.push(BodyPart::Paragraph(text));
}

/// Gives an article read from the page its final shape: a title when none
/// was printed, its kind; `None` when nothing of it is worth an entry.
pub(super) fn complete(mut article: Article) -> Option<Article> {
    let has_text = article.paragraphs().next().is_some();
    if !has_text && article.captions.iter().all(|c| c.text.is_empty()) {
        return None;
    }
    if !has_text && article.kind == ArticleKind::Story {
        article.kind = ArticleKind::Photo;
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
        let sentence = first_sentence(&source, 30);
        article.title = match &article.column {
            Some(column) => format!("{column}：{sentence}"),
            None => sentence,
        };
    }
    Some(article)
}
