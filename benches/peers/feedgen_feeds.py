#!/usr/bin/env python3
"""The python-feedgen peer of the benchmark (benches/run.sh).

The feed job of a paperboy build, done with feedgen: a site-wide and a
per-publication RSS 2.0 and Atom feed, every entry with its full text (Atom
content, RSS content:encoded), its summary, its authors (Atom author, RSS
dc:creator) and its publication as a category. Reads the entries that
convert.py took from paperboy's own JSON feeds.

  feedgen_feeds.py ENTRIES OUT_DIR

writes OUT_DIR/atom.xml, OUT_DIR/rss.xml and OUT_DIR/<slug>/{atom,rss}.xml.
"""
import datetime as dt
import json
import os
import sys

from feedgen.feed import FeedGenerator

BASE_URL = 'http://localhost:8000/'


def new_feed(title, path):
    feed = FeedGenerator()
    feed.load_extension('dc')
    feed.id(BASE_URL + path)
    feed.title(title)
    feed.author({'name': title})
    feed.link(href=BASE_URL + path, rel='alternate')
    feed.description(title)
    feed.language('zh-CN')
    return feed


def add_entry(feed, entry):
    item = feed.add_entry(order='append')
    item.id(entry['id'])
    item.guid(entry['id'], permalink=False)
    item.title(entry['title'])
    item.link(href=entry['url'], rel='alternate')
    item.published(dt.datetime.fromisoformat(entry['published']))
    item.updated(dt.datetime.fromisoformat(entry['updated']))
    item.author([{'name': name} for name in entry['authors']])
    for name in entry['authors']:
        item.dc.dc_creator(name)
    item.category({'term': entry['paper']})
    item.summary(entry['summary'])
    item.content(entry['content_html'], type='html')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    entries_path, out = sys.argv[1:]
    with open(entries_path, encoding='utf-8') as f:
        entries = [json.loads(line) for line in f]
    # Newest first, as paperboy's feeds and readers list them.
    entries.sort(key=lambda e: dt.datetime.fromisoformat(e['published']), reverse=True)
    site = new_feed('paperboy', '')
    papers = {}
    for entry in entries:
        slug = entry['slug']
        if slug not in papers:
            papers[slug] = new_feed(entry['paper'], slug + '/')
        add_entry(site, entry)
        add_entry(papers[slug], entry)
    for folder, feed in [(out, site)] + [(os.path.join(out, s), f) for s, f in papers.items()]:
        os.makedirs(folder, exist_ok=True)
        newest = feed.entry()[0].updated() if feed.entry() else None
        feed.updated(newest)
        feed.lastBuildDate(newest)
        feed.atom_file(os.path.join(folder, 'atom.xml'))
        feed.rss_file(os.path.join(folder, 'rss.xml'))
    print(len(entries))


if __name__ == '__main__':
    main()
