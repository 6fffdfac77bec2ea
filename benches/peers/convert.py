#!/usr/bin/env python3
"""Hands the articles paperboy split to the peers of the benchmark.

Reads every entry of every publication's JSON feeds in a paperboy output
folder (<slug>/feed.json and <slug>/archive/feed-N.json), so that the peers
get the same articles, already split and rendered as HTML paragraphs, and do
only the feed job. Writes:

  ENTRIES            one JSON object per line: slug, paper, id, title,
                     authors, published, updated, summary, content_html, url
                     (read by feedgen_feeds.py)
  HUGO_SITE/content  content/<slug>/_index.html (the paper) and
                     content/<slug>/<date>-<name>.html per entry: JSON front
                     matter (title, date, lastmod, authors, publication,
                     summary, uid) and the entry's HTML as the body

  convert.py PAPERBOY_OUT ENTRIES HUGO_SITE

Python 3 standard library only.
"""
import glob
import json
import os
import re
import sys


def feed_pages(paper_dir):
    """The subscription document and its archive pages, oldest page first."""
    def number(path):
        return int(re.search(r'feed-(\d+)\.json$', path).group(1))
    archive = sorted(glob.glob(os.path.join(paper_dir, 'archive', 'feed-*.json')), key=number)
    return archive + [os.path.join(paper_dir, 'feed.json')]


def papers(out):
    """(slug, folder) of every publication in a paperboy output folder."""
    for slug in sorted(os.listdir(out)):
        folder = os.path.join(out, slug)
        if slug != 'archive' and os.path.isfile(os.path.join(folder, 'feed.json')):
            yield slug, folder


def entries_of(slug, folder):
    """Each entry of a paper once: the subscription document repeats some
    of the newest archive page's entries."""
    seen = set()
    for path in feed_pages(folder):
        with open(path, encoding='utf-8') as f:
            feed = json.load(f)
        for item in feed['items']:
            if item['id'] in seen:
                continue
            seen.add(item['id'])
            yield {
                'slug': slug,
                'paper': feed['title'],
                'id': item['id'],
                'title': item.get('title', ''),
                'authors': [a['name'] for a in item.get('authors', [])],
                'published': item['date_published'],
                'updated': item.get('date_modified', item['date_published']),
                'summary': item.get('summary', ''),
                'content_html': item.get('content_html', ''),
                'url': item['url'],
            }


def hugo_file_name(entry):
    # The article's own address ends in <date>/a-<hash>.html: keep both parts,
    # so the name is unique within the paper and sorts by date.
    date, name = entry['url'].rstrip('/').split('/')[-2:]
    return '%s-%s' % (date, name)


def write_hugo_page(path, front_matter, body):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(front_matter, f, ensure_ascii=False)
        f.write('\n')
        f.write(body)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    out, entries_path, site = sys.argv[1:]
    content = os.path.join(site, 'content')
    count = 0
    with open(entries_path, 'w', encoding='utf-8') as entries:
        for slug, folder in papers(out):
            paper_dir = os.path.join(content, slug)
            os.makedirs(paper_dir, exist_ok=True)
            title = None
            for entry in entries_of(slug, folder):
                title = entry['paper']
                entries.write(json.dumps(entry, ensure_ascii=False) + '\n')
                write_hugo_page(os.path.join(paper_dir, hugo_file_name(entry)), {
                    'title': entry['title'],
                    'date': entry['published'],
                    'lastmod': entry['updated'],
                    'authors': entry['authors'],
                    'publication': entry['paper'],
                    'summary': entry['summary'],
                    'uid': entry['id'],
                }, entry['content_html'])
                count += 1
            write_hugo_page(os.path.join(paper_dir, '_index.html'), {'title': title or slug}, '')
    if count == 0:
        sys.exit('convert.py: no entries in %s (not a paperboy output folder?)' % out)
    print(count)


if __name__ == '__main__':
    main()
