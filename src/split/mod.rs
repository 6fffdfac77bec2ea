//! Page → articles: the splitter.
//!
//! A page is read in three layers (see `docs/splitting.md`):
//! 1. **lines → blocks** (`blocks`): runs of non-blank lines, with the blank
//!    lines before each kept, because a wide gap is where a photo stood;
//! 2. **blocks → kinds** (`kinds`, `rules`, `names`): each block read on its
//!    own as furniture, a column label, an author line, a photo credit, a
//!    caption, a markdown heading, an editor's marker, or text;
//! 3. **kinds → articles** (`assemble`, `article`): a headline is a headline
//!    when an author line or dateline confirms it, or when the short piece it
//!    opens ends in a photo credit; otherwise a short line inside an article
//!    is a subhead, or a paragraph broken by a column.
//!
//! Before them, `columns` puts columns printed side by side in reading
//! order; after the blocks are cut, a page that flows (PDF exports without
//! blank lines between paragraphs, and every page whose columns stood side
//! by side) is read line by line by `flow` instead.

mod article;
mod assemble;
mod blocks;
mod columns;
mod flow;
mod kinds;
mod names;
pub mod punctuation;
mod rules;
pub(crate) mod text;

use std::borrow::Cow;

use crate::model::Article;
use blocks::{bylines_apart, lines_as_paragraphs, split_blocks};
pub use columns::reading_order;
use text::squeeze_spaces;
pub use text::{clean_chars, ends_sentence, is_han, truncate_chars};

/// Splits the text of one page into its articles, in page order.
pub fn split_page(text: &str) -> Vec<Article> {
    let (blocks, flows) = page_blocks(text);
    if flows {
        return flow::articles(&flow::read_page(blocks));
    }
    assemble::articles(blocks)
}

/// A page's articles as they are published: split, then their ASCII
/// punctuation between CJK characters made full-width. Every caller that
/// publishes or shows articles (a build, a healed text record, `split`)
/// goes through here, so they all see the same text.
pub fn page_articles(text: &str) -> Vec<Article> {
    split_page(text)
        .into_iter()
        .map(punctuation::full_width_article)
        .collect()
}

/// Why a page was cut where it was: each line's (or block's) kind and, on a
/// flowing page, each candidate boundary with the cues that decided it.
pub fn explain_page(text: &str) -> String {
    let (blocks, flows) = page_blocks(text);
    if flows {
        return flow::explain(&flow::read_page(blocks));
    }
    assemble::explain(blocks)
}

/// The page's blocks, in reading order, and whether they are read line by
/// line: an export's flowing text, or columns printed side by side.
fn page_blocks(text: &str) -> (Vec<blocks::Block>, bool) {
    match columns::reading_order(text) {
        // Columns printed side by side were wrapped at their width.
        Cow::Owned(read) => (split_blocks(&read), true),
        Cow::Borrowed(text) => {
            let blocks = bylines_apart(lines_as_paragraphs(split_blocks(text)));
            let flows = flow::is_flowing(&blocks);
            (blocks, flows)
        }
    }
}

/// An editor's instruction written into a page (`@@ break`, `@@ headline …`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    Break,
    Headline(String),
}

fn marker(line: &str) -> Option<Marker> {
    let rest = line.strip_prefix("@@")?.trim();
    if rest.eq_ignore_ascii_case("break") {
        return Some(Marker::Break);
    }
    let title = rest.strip_prefix("headline")?.trim();
    (!title.is_empty()).then(|| Marker::Headline(squeeze_spaces(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_side_by_side_columns_flows_however_few_sentences_end_inside_its_columns() {
        // Two stories, each a headline over two short columns: no column
        // ends a sentence inside it, which would read as a page of
        // paragraphs (each headline run into its column); the columns
        // printed side by side tell it is an export.
        let page = "\
工厂提前完成全年计划
  新华社北京五月三日电 工厂的    人们提前完成了全年计划，产品
工人和技术员们齐心协力，工厂    质量也有了显著提高。
里的机器日夜运转，车间里的工


春耕生产进展顺利
  新华社南京五月三日电 各地的    农民正在抓紧时机播种，确保今
年农业丰收，县里组织了技术员    下乡指导，帮助解决问题。
到各乡各村去，许多地方的广大
";
        let articles = split_page(page);
        let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["工厂提前完成全年计划", "春耕生产进展顺利"]);
    }
}
