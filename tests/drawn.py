#!/usr/bin/env python3
"""drawn.py PDF: every CJK character of the PDF's text layer (CJK
ideographs, kana, hangul) is drawn.  Each character's box comes from
mupdf's structured text (mutool draw -F stext: one quad per character);
the page is rendered by poppler (pdftoppm, 150 dpi, grey); a character
whose box, from its baseline up to 0.7 em, holds no dark pixel is blank.
Prints the number of CJK characters checked and of distinct ones, then
each blank one (U+XXXX, the character, its page); exits 1 if any is
blank or none was found.  Used by t-realworld.sh and t-scripts.sh: a
glyph the font subset lost is in the text layer but not on the page."""
import os
import re
import subprocess
import sys
import tempfile

DPI = 150
CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                 "\uac00-\ud7af\uf900-\ufaff]")
CHAR = re.compile(r'<char quad="([^"]*)" x="([^"]*)" y="([^"]*)"'
                  r'[^>]* c="([^"]*)"/>')
SIZE = re.compile(r'<font name="[^"]*" size="([^"]*)"')
PAGE = re.compile(r"<page ")


def unescape(s):
    s = re.sub(r"&#x([0-9a-fA-F]+);", lambda m: chr(int(m.group(1), 16)), s)
    return (s.replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&amp;", "&"))


def chars(pdf):
    """(page, char, x0, x1, baseline, size) in points, for each CJK char."""
    xml = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-",
                          pdf], capture_output=True, text=True,
                         check=True).stdout
    page, size, out = 0, 0.0, []
    for line in xml.splitlines():
        if PAGE.search(line):
            page += 1
        m = SIZE.search(line)
        if m:
            size = float(m.group(1))
        m = CHAR.search(line)
        if not m:
            continue
        c = unescape(m.group(4))
        if not CJK.fullmatch(c):
            continue
        q = [float(v) for v in m.group(1).split()]
        out.append((page, c, min(q[0::2]), max(q[0::2]),
                    float(m.group(3)), size))
    return out


def pgm(path):
    d = open(path, "rb").read()
    f = d.split(maxsplit=4)
    assert f[0] == b"P5" and f[3] == b"255", path
    w, h = int(f[1]), int(f[2])
    return w, h, f[4][-w * h:]


def blanks(pdf, found, tmp):
    """The lines naming each character of found drawn blank."""
    pages, blank = {}, []
    for page, c, x0, x1, y, size in found:
        if page not in pages:
            base = os.path.join(tmp, "p%d" % page)
            subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f",
                            str(page), "-l", str(page), "-singlefile", pdf,
                            base], check=True)
            pages[page] = pgm(base + ".pgm")
        w, h, px = pages[page]
        k = DPI / 72
        # Inside the box, a margin off each side: a neighbour's stroke
        # is not this character's.
        m = 0.15 * (x1 - x0)
        xa, xb = int((x0 + m) * k), int((x1 - m) * k) + 1
        ya, yb = int((y - 0.7 * size) * k), int(y * k) + 1
        dark = any(px[r * w + col] < 128
                   for r in range(max(ya, 0), min(yb, h))
                   for col in range(max(xa, 0), min(xb, w)))
        if not dark:
            blank.append("U+%04X %s p.%d" % (ord(c), c, page))
    return blank


def main():
    pdf = sys.argv[1]
    found = chars(pdf)
    with tempfile.TemporaryDirectory() as tmp:
        blank = blanks(pdf, found, tmp)
    print(len(found), len(set(f[1] for f in found)))
    for b in blank:
        print(b)
    sys.exit(1 if blank or not found else 0)


main()
