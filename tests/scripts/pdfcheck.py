"""Checks of tests/t-scripts.sh on a built PDF and its narratives.

    python3 pdfcheck.py words PDF MD...   every word of the paragraphs of
        the narratives is in the PDF's text (pdftotext)
    python3 pdfcheck.py rtl PDF           the Arabic paragraph is set right
        to left, justified, its last line flush right (pdftotext -bbox)
    python3 pdfcheck.py nohyphen PDF      no line of Arabic or Chinese text
        ends with a hyphen
    python3 pdfcheck.py glyph0 PDF        no glyph 0 (.notdef) is drawn
    python3 pdfcheck.py cjk PDF           the Chinese paragraph runs over
        lines broken between characters, none starting with a closing
        punctuation mark

Each prints what is wrong and exits 1, or exits 0.
"""
import re
import subprocess
import sys
import unicodedata

# poppler gives the two letters of an Arabic ligature (lam-alef, lam-yeh)
# in the order they are drawn: the expected words are written that way.
LIGATURES = [("لا", "ال"), ("لأ", "أل"), ("لإ", "إل"), ("لآ", "آل"),
             ("لى", "ىل")]


def text(pdf, *opts):
    return subprocess.run(["pdftotext", *opts, pdf, "-"], check=True,
                          capture_output=True, text=True).stdout


def paragraphs(md):
    """The prose paragraphs of a narrative (no heading)."""
    out = []
    for block in open(md, encoding="utf-8").read().split("\n\n"):
        block = block.strip()
        if block and not block.startswith("#"):
            out.append(block.replace("\n", " "))
    return out


def han(s):
    return any(unicodedata.name(c, "").startswith("CJK UNIFIED") for c in s)


def words(pdf, mds):
    got = text(pdf)
    flat = re.sub(r"[-\u2010]\n", "", got)          # hyphenated Latin words
    flat = re.sub(r"\s+", " ", flat)
    nospace = re.sub(r"\s+", "", got)
    bad = []
    if "\ufffd" in got:
        bad.append("U+FFFD in the text")
    n = 0
    for md in mds:
        for para in paragraphs(md):
            if han(para):
                parts = [p for p in re.split(r"[，。、；：]", para) if p]
                hay = nospace
            else:
                parts = [w.strip(".,;:!?()`«»\u202f\u00a0") for w in
                         para.split()]
                parts = [w.strip("\u060c\u061b\u061f") for w in parts]
                hay = flat
            for w in filter(None, parts):
                for a, b in LIGATURES:
                    w = w.replace(a, b)
                n += 1
                if w not in hay:
                    bad.append("missing: " + w)
    if n < 50:
        bad.append("only %d words checked" % n)
    return bad


def rtl(pdf):
    """The first Arabic paragraph starts with تهدف and ends with ضعيفا."""
    page = None
    for i in range(1, 40):
        if "تهدف" in text(pdf, "-f", str(i), "-l", str(i)):
            page = i
            break
    if page is None:
        return ["no page has the Arabic paragraph"]
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                       r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                       text(pdf, "-bbox", "-f", str(page), "-l", str(page)))
    lines = {}
    for x0, y0, x1, w in boxes:
        if re.search("[\u0600-\u06ff]", w):
            lines.setdefault(round(float(y0)), []).append(
                (float(x0), float(x1), w))
    if len(lines) < 2:
        return ["Arabic text on fewer than 2 lines"]
    ys = sorted(lines)
    first = sorted(lines[ys[0]], key=lambda b: -b[1])
    second = sorted(lines[ys[1]], key=lambda b: -b[1])
    bad = []
    # Reading order is right to left: the rightmost letters are the
    # paragraph's first, the leftmost of its last line are its last.
    head = "".join(b[2] for b in first)[:4]
    if head != "تهدف":
        bad.append("first line, right to left, starts %r, not تهدف" % head)
    tail = "".join(b[2] for b in second)[-5:]
    if tail != "ضعيفا":
        bad.append("last line, right to left, ends %r, not ضعيفا" % tail)
    right = first[0][1]
    left_first = min(b[0] for b in first)
    left_last = min(b[0] for b in second)
    if abs(second[0][1] - right) > 0.5:
        bad.append("last line not flush right: %.1f vs %.1f" %
                   (second[0][1], right))
    if left_last < left_first + 20:
        bad.append("last line stretched to the left edge (%.1f)" % left_last)
    return bad


def nohyphen(pdf):
    bad = []
    for line in text(pdf).splitlines():
        line = line.rstrip().rstrip("\u202c\u202b")
        if (re.search("[\u0590-\u06ff]", line) or han(line)) and \
                line.endswith(("-", "\u2010", "\u00ad")):
            bad.append("hyphen at the end of: " + line)
    return bad


def cjk(pdf):
    lines = [l for l in text(pdf).splitlines() if han(l)]
    bad = []
    if len(lines) < 2:
        bad.append("Chinese text on %d line(s)" % len(lines))
    for l in lines:
        if l[:1] in "，。、；：）」』":
            bad.append("line starts with a closing mark: " + l)
        if " " in l.strip():
            bad.append("a space in a Chinese line: " + l)
    return bad


def glyph0(pdf):
    """In the uncompressed content streams: a CID font's glyph 0 is <0000>
    in a hex string, a simple font's is code 0 in a literal string."""
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf,
                        "-"], check=True, capture_output=True).stdout
    bad = []
    shown = re.findall(rb"\[((?:[^\]\\]|\\.)*)\]\s*TJ", q) + \
        re.findall(rb"(<[0-9a-fA-F]*>|\((?:[^()\\]|\\.)*\))\s*Tj", q)
    for s in shown:
        for hexstr in re.findall(rb"<([0-9a-fA-F]*)>", s):
            codes = [hexstr[i:i + 4] for i in range(0, len(hexstr), 4)]
            if b"0000" in codes:
                bad.append("glyph 0 in <%s>" % hexstr[:40].decode())
        for lit in re.findall(rb"\((?:[^()\\]|\\.)*\)", s):
            if b"\\000" in lit or b"\0" in lit:
                bad.append("code 0 in %r" % lit[:40])
    if not shown:
        bad.append("no text found in the content streams")
    return bad


def main():
    what, pdf = sys.argv[1], sys.argv[2]
    bad = {"words": lambda: words(pdf, sys.argv[3:]), "rtl": lambda: rtl(pdf),
           "nohyphen": lambda: nohyphen(pdf),
           "glyph0": lambda: glyph0(pdf), "cjk": lambda: cjk(pdf)}[what]()
    for b in bad[:20]:
        print(b)
    sys.exit(1 if bad else 0)


main()
