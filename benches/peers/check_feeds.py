#!/usr/bin/env python3
"""Checks that a peer did the whole job before its time counts.

For every feed a peer wrote (the site-wide one and one per publication, RSS
and Atom), parses it and checks that it holds exactly the entries it should
(every entry for the site, the publication's for its own), each with the
full text convert.py handed over. Exits 1 naming the first feed that falls
short.

  check_feeds.py ENTRIES OUT_DIR RSS_NAME ATOM_NAME
  (Hugo: index.xml atom.xml; feedgen: rss.xml atom.xml)
"""
import hashlib
import json
import os
import sys
import xml.etree.ElementTree as ET

ATOM = '{http://www.w3.org/2005/Atom}'
CONTENT_ENCODED = '{http://purl.org/rss/1.0/modules/content/}encoded'


def digest(html):
    return hashlib.sha256(html.strip().encode('utf-8')).hexdigest()


def feed_entries(path, item_tag, id_tag, content_tag):
    """(id, digest of the full text) of each entry, parsed incrementally."""
    for _event, elem in ET.iterparse(path):
        if elem.tag == item_tag:
            yield elem.findtext(id_tag), digest(elem.findtext(content_tag) or '')
            elem.clear()


def check(path, expected, kind):
    if kind == 'rss':
        found = dict(feed_entries(path, 'item', 'guid', CONTENT_ENCODED))
    else:
        found = dict(feed_entries(path, ATOM + 'entry', ATOM + 'id', ATOM + 'content'))
    if found.keys() != expected.keys():
        missing = len(expected.keys() - found.keys())
        extra = len(found.keys() - expected.keys())
        sys.exit('%s: %d entries missing, %d unexpected' % (path, missing, extra))
    wrong = [i for i, d in expected.items() if found[i] != d]
    if wrong:
        sys.exit('%s: %d entries without their full text (first: %s)' % (path, len(wrong), wrong[0]))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    entries_path, out, rss_name, atom_name = sys.argv[1:]
    site, papers = {}, {}
    with open(entries_path, encoding='utf-8') as f:
        for line in f:
            entry = json.loads(line)
            d = digest(entry['content_html'])
            site[entry['id']] = d
            papers.setdefault(entry['slug'], {})[entry['id']] = d
    for folder, expected in [(out, site)] + [(os.path.join(out, s), e) for s, e in papers.items()]:
        check(os.path.join(folder, rss_name), expected, 'rss')
        check(os.path.join(folder, atom_name), expected, 'atom')
    print('%s: %d feeds, %d entries each in the site-wide ones' % (out, 2 * (1 + len(papers)), len(site)))


if __name__ == '__main__':
    main()
