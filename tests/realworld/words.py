"""python3 words.py MD PAGE PDF: the words of the Markdown file MD (its
text without link addresses, HTML comments and code fences' info strings)
missing from the site's PAGE (its <main>, images' alt text included) and from the PDF's text.
Prints three lines: "N words", "site: MISSING...", "pdf: MISSING..."
(nothing missing: empty lists).  A word is a run of letters and digits,
looked for anywhere in the text (a link's note number or emphasis may
touch it); a run of Han characters is looked for with the white space of
the text taken out (a line may break between any two), and so is a run of
Arabic letters (poppler cuts a word before a vowel mark it draws apart,
and gives a mark after the letter that carries it on the page: Arabic is
compared without its marks; and where a line holds a run of the other
direction, it may give the line in two pieces, the end of one word's
letters before its start: an Arabic word is also found as two parts less
than 400 characters apart, in either order).  In the PDF's text, hyphenated line ends
are joined again, and the ligatures lam-alef and lam-yeh read in
poppler's order (tests/scripts/pdfcheck.py)."""
import html
import re
import subprocess
import sys

LIGATURES = [("لا", "ال"), ("لأ", "أل"), ("لإ", "إل"), ("لآ", "آل"),
             ("لى", "ىل")]
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
MARKS = re.compile("[\u064b-\u065f\u0670]")
# Spaces, and the bidi controls poppler puts around a run of the other
# direction.
BLANKS = re.compile("[\\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+")

src = open(sys.argv[1], encoding="utf-8").read()
src = re.sub(r"<!--.*?-->", " ", src, flags=re.S)
src = re.sub(r"(?m)^\s*(```|~~~).*$", "", src)
src = re.sub(r"\]\([^)\s]*\)", "]", src)
words = re.findall(r"[%s]+|[%s]+|[^\W%s%s]+" % (HAN, ARABIC, HAN, ARABIC),
                   MARKS.sub("", src))

page = open(sys.argv[2], encoding="utf-8").read()
main = page[page.index("<main"):page.index("</main>")]
# An image's text is its alt attribute.
site = html.unescape(re.sub(r"<[^>]+>", " ", main) + " " +
                     " ".join(re.findall(r' alt="([^"]*)"', main)))
pdf = subprocess.run(["pdftotext", sys.argv[3], "-"], capture_output=True,
                     text=True, check=True).stdout
pdf = pdf.replace("\u00ad", "")
pdf = pdf + " " + re.sub(r"[-\u2010]\n", "", pdf)


def in_two(w, text):
    """Is w in text as two parts, in either order, near each other?"""
    for k in range(2, len(w) - 1):
        for i in (m.start() for m in re.finditer(re.escape(w[:k]), text)):
            near = text[max(0, i - 400):i + 400]
            if w[k:] in near:
                return True
    return False


def missing(text, poppler):
    text = MARKS.sub("", text)
    flat = BLANKS.sub("", text)
    out = set()
    for w in words:
        if re.match("[%s%s]" % (HAN, ARABIC), w):
            ok = w in flat
            if poppler and not ok:
                for a, b in LIGATURES:
                    w = w.replace(a, b)
                ok = w in flat or in_two(w, flat)
        else:
            ok = w in text
            if poppler and not ok:
                for a, b in LIGATURES:
                    w = w.replace(a, b)
                ok = w in text
        if not ok:
            out.add(w)
    return sorted(out)


print(len(words), "words")
print("site:", " ".join(missing(site, False)))
print("pdf:", " ".join(missing(pdf, True)))
