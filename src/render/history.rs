//! A feed's history (RFC 5005): its entries cut into a subscription
//! document and archive pages within the entry and byte budgets, and an
//! entry too large for a document shortened to fit.

use std::ops::Range;

use crate::model::{Article, BodyPart};

/// The most of a feed document one entry may take: an article larger than
/// this (a whole page run together, say) is shortened in feeds, which say
/// so and link to its full text on its article page.
pub fn entry_budget(feed_bytes: usize) -> usize {
    feed_bytes / 4
}

/// The article as feeds carry it: whole, or, when larger than `budget`,
/// its first parts up to about that size and a note saying it was
/// shortened and where the full text is.
pub fn within_budget(mut article: Article, budget: usize, full_text: &str) -> Article {
    if article.estimated_feed_bytes() as usize <= budget {
        return article;
    }
    // Escaping and markup take up to about half again the text's bytes.
    let room = budget / 2;
    let mut kept = 0;
    let mut body = Vec::new();
    for part in std::mem::take(&mut article.body) {
        let (BodyPart::Paragraph(text) | BodyPart::Subhead(text)) = &part;
        if kept + text.len() > room {
            if body.is_empty() {
                let mut end = room;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                body.push(BodyPart::Paragraph(format!("{}…", &text[..end])));
            }
            break;
        }
        kept += text.len();
        body.push(part);
    }
    body.push(BodyPart::Paragraph(format!(
        "（全文过长，此处为节选。全文：{full_text}） (Shortened for this feed; the full article: {full_text})"
    )));
    article.body = body;
    article
}

/// A feed's history, as positions in its newest-first entries: archive
/// pages (oldest first), and the subscription document's entries, of which
/// the first `unarchived` are in no archive page.
#[derive(Debug, PartialEq, Eq)]
pub struct History {
    pub archives: Vec<Range<usize>>,
    pub subscription: Range<usize>,
    pub unarchived: usize,
}

/// Cuts a feed's entries (given by their sizes, newest first) into its
/// history.
///
/// Pages are cut from the oldest entry on, closing at `max_entries` or
/// when the next entry would pass `max_bytes`; only full pages are archived.
/// New entries therefore change only the newest, unarchived part, and an
/// archive page never changes unless an entry in it does. The subscription
/// document holds every unarchived entry and, up to the same limits, the
/// newest archived ones.
pub fn paginate(sizes: &[u32], max_entries: usize, max_bytes: usize) -> History {
    let budget = max_bytes.saturating_sub(4000);
    let mut archives = Vec::new();
    // The page being filled is `i + 1..end`, growing towards the newest.
    let mut end = sizes.len();
    let (mut count, mut bytes) = (0, 0);
    for i in (0..sizes.len()).rev() {
        let size = sizes[i] as usize;
        if count > 0 && (count == max_entries || bytes + size > budget) {
            archives.push(i + 1..end);
            (end, count, bytes) = (i + 1, 0, 0);
        }
        count += 1;
        bytes += size;
    }
    if count == max_entries {
        archives.push(0..end);
        (end, bytes) = (0, 0);
    }
    let unarchived = end;
    let mut newest = unarchived;
    while newest < sizes.len() {
        let size = sizes[newest] as usize;
        if newest >= max_entries || bytes + size > budget {
            break;
        }
        newest += 1;
        bytes += size;
    }
    History {
        archives,
        subscription: 0..newest,
        unarchived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_full_pages_from_the_oldest_and_new_entries_leave_them_alone() {
        let history = paginate(&[100; 23], 10, 1_000_000);
        assert_eq!(
            history,
            History {
                // Newest first: 0..3 are unarchived, page 1 (the oldest) is 13..23.
                archives: vec![13..23, 3..13],
                subscription: 0..10,
                unarchived: 3,
            }
        );
        // Four more entries shift positions by four; the pages hold the
        // same entries.
        let later = paginate(&[100; 27], 10, 1_000_000);
        assert_eq!(later.archives, vec![17..27, 7..17]);
        assert_eq!(later.unarchived, 7);
    }

    #[test]
    fn the_byte_budget_cuts_pages_and_every_entry_is_somewhere() {
        let sizes: Vec<u32> = (0..40).map(|i| 1500 + i * 10).collect();
        let history = paginate(&sizes, 50, 20_000);
        assert!(history.archives.len() > 1);
        let mut covered = vec![false; sizes.len()];
        for range in history.archives.iter().chain([&history.subscription]) {
            for i in range.clone() {
                covered[i] = true;
            }
        }
        assert!(covered.iter().all(|&c| c));
        for range in history.archives.iter().chain([&history.subscription]) {
            let size: u32 = sizes[range.clone()].iter().sum();
            assert!(size as usize <= 20_000 - 4000);
        }
        assert!(history.subscription.end >= history.unarchived);
    }

    #[test]
    fn a_full_last_page_is_archived_and_the_subscription_repeats_it() {
        let history = paginate(&[100; 20], 10, 1_000_000);
        assert_eq!(history.archives, vec![10..20, 0..10]);
        assert_eq!(history.unarchived, 0);
        assert_eq!(history.subscription, 0..10);
    }
}
