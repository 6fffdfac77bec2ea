#!/usr/bin/env python3
"""Where a profiled paperboy build spent its CPU, by pipeline stage.

Reads `perf script -F ip,sym --no-inline` output of a `perf record
--call-graph dwarf` run (docs/performance.md has the commands) and counts
each sample once, under the innermost paperboy stage on its stack, split by
what ran: paperboy's own code, the C allocator, or the kernel.

  perf script -i perf.data -F ip,sym --no-inline | benches/profile_stages.py
"""
import collections
import re
import sys

# (function path prefix, stage); the innermost frame that matches decides.
STAGES = [
    ('check::check_file', 'the gate: parsing and checking every document'),
    ('store::files::commit', 'committing: sync and rename into place'),
    ('store::files::finish', 'committing: sync and rename into place'),
    ('store::files::', 'staging: create, compare and write temporary files'),
    ('store::texts::load', 'loading text records for rendering'),
    ('store::texts::', 'writing text records'),
    ('store::last_build::', 'stamping every output file for the no-op check'),
    ('store::Transaction::claim', 'claiming each output file (stat, catalog)'),
    ('store::Transaction::commit', 'catalog: stamps, save'),
    ('store::', 'catalog load and the rest of the output folder'),
    ('render::', 'rendering documents'),
    ('split::', 'splitting pages into articles'),
    ('seeds::', 'discovering and reading seed files'),
    ('regular::', 'discovering and reading seed files'),
    ('identity::', 'ids and dates'),
    ('build::', 'build: the rest'),
]
ALLOCATOR = re.compile(r'malloc|free|realloc|unlink_chunk|_int_|consolidate')
KERNEL_ADDRESS = 'ffffffff'


def stage_of(symbols):
    for symbol in symbols:
        for prefix, stage in STAGES:
            if 'paperboy::' + prefix in symbol:
                return stage
    return 'stack not unwound'


def kind_of(leaf_frame):
    address, _, symbol = leaf_frame.partition(' ')
    if address.startswith(KERNEL_ADDRESS):
        return 'kernel'
    return 'allocator' if ALLOCATOR.search(symbol) else 'own code'


def samples(lines):
    """Each sample's frames, innermost first, as 'address symbol'."""
    frames = []
    for line in lines:
        line = line.strip()
        if line:
            frames.append(line)
        elif frames:
            yield frames
            frames = []
    if frames:
        yield frames


def main():
    by_stage = collections.Counter()
    by_kind = collections.Counter()
    total = 0
    for frames in samples(sys.stdin):
        stage = stage_of(f.partition(' ')[2] for f in frames)
        by_stage[stage] += 1
        by_kind[stage, kind_of(frames[0])] += 1
        total += 1
    if total == 0:
        sys.exit('profile_stages.py: no samples on standard input')
    print('| stage | share of CPU | own code / allocator / kernel |')
    print('|---|---|---|')
    for stage, count in by_stage.most_common():
        kinds = ' / '.join('%.1f' % (100 * by_kind[stage, k] / total)
                           for k in ('own code', 'allocator', 'kernel'))
        print('| %s | %.1f%% | %s |' % (stage, 100 * count / total, kinds))
    print('\n%d samples' % total)


if __name__ == '__main__':
    main()
