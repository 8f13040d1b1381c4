#!/usr/bin/env python3
"""Checks the narrow variants of the charts (tests/t-charts.sh): every
<text> at least MIN user units high, so that 11 CSS px or more once the
190 pt drawing fills 280 CSS px (a 320 px screen), and no two texts'
boxes overlapping.  A box runs from the baseline's x over the textLength
pango measured, from 0.72 of the font size above the baseline (capital
height of Noto Sans) to 0.22 below (most descenders); rotated text is
left out.  Prints what is wrong; exits 1 if anything is.

usage: narrow.py MIN FILE.svg...
"""
import re
import sys


def boxes(path):
    """(x0, y0, x1, y1, size, text) of each unrotated <text> of path."""
    with open(path, encoding='utf-8') as f:
        s = f.read()
    for m in re.finditer(r'<text ([^>]*)>([^<]*)</text>', s):
        a = dict(re.findall(r'([a-zA-Z-]+)="([^"]*)"', m.group(1)))
        if 'transform' in a:
            continue
        x, y, fs, tl = (float(a[k]) for k in
                        ('x', 'y', 'font-size', 'textLength'))
        yield (x, y - 0.72 * fs, x + tl, y + 0.22 * fs, fs, m.group(2))


def main():
    least = float(sys.argv[1])
    bad = []
    for path in sys.argv[2:]:
        seen = []
        for b in boxes(path):
            if b[4] < least:
                bad.append(f'{path}: "{b[5]}" {b[4]} units high')
            for o in seen:
                if (min(b[2], o[2]) - max(b[0], o[0]) > 0.5 and
                        min(b[3], o[3]) - max(b[1], o[1]) > 0.5):
                    bad.append(f'{path}: "{o[5]}" and "{b[5]}" overlap')
            seen.append(b)
        if not seen:
            bad.append(f'{path}: no text')
    print('\n'.join(bad))
    return 1 if bad else 0


sys.exit(main())
