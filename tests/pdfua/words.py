#!/usr/bin/env python3
"""How much of a PDF's text is in its structure tree, as poppler reads
both.

    words.py FILE.pdf MIN_RATIO MIN_FOUND

Words of `pdftotext` over the body of each page (running heads and page
numbers, artifacts above 60 pt and below 790 pt of an A4 page, left
out), against the words of `pdfinfo -struct-text`.  Words are runs of
letters and digits after NFKC (a ligature is its letters) with soft
hyphens removed (and a hyphen between letters joins them: pdftotext
joins a word hyphenated at a line's end).  Prints the ratio of the
structure text's words to the body's, and the share of the body's
words found in the structure text (as a multiset: the same words, not
only as many); exits 1 if the ratio is below MIN_RATIO percent or the
share below MIN_FOUND percent.  The share misses what pdftotext glues
that the structure keeps apart (a note call's superscript number after
a word) and what is drawn for the eye only (a table's header repeated
above its continuation).  Poppler
prints the text of each marked-content sequence of an element on a line
of its own: consecutive lines of one element are one text.
"""
import collections
import re
import subprocess
import sys
import unicodedata


def words(text):
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", ""))
    # pdftotext joins a word hyphenated at a line's end: a hyphen
    # between letters joins them, in both texts alike.
    text = re.sub(r"(\w)-\s*(?=\w)", r"\1", text)
    return collections.Counter(re.findall(r"\w+", text))


def main(path, min_ratio, min_found):
    body = subprocess.run(["pdftotext", "-x", "0", "-y", "60", "-W", "596",
                           "-H", "730", path, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    st = subprocess.run(["pdfinfo", "-struct-text", path], check=True,
                        capture_output=True).stdout.decode("utf-8")
    # Element names are bare lines; text is quoted, one line per
    # marked-content sequence: those of one element (consecutive lines)
    # are one text.
    parts, last = [], None
    for line in st.split("\n"):
        m = re.fullmatch(r'(\s*)"(.*)"\s*', line)
        if m is None:
            last = None
            continue
        if last == m.group(1) and parts:
            parts[-1] += m.group(2)
        else:
            parts.append(m.group(2))
        last = m.group(1)
    text = "\n".join(parts)
    a, b = words(body), words(text)
    total = sum(a.values())
    found = sum((a & b).values())
    share = 100.0 * found / total if total else 0.0
    ratio = 100.0 * sum(b.values()) / total if total else 0.0
    missing = (a - b).most_common(12)
    print("# %s: structure text %d words, body %d: ratio %.2f %%; %d of "
          "the body's words found (%.2f %%)" % (path, sum(b.values()),
                                               total, ratio, found, share))
    if missing:
        print("# missing most: " + ", ".join("%s×%d" % m for m in missing))
    sys.exit(0 if ratio >= min_ratio and share >= min_found else 1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: words.py FILE.pdf MIN_RATIO MIN_FOUND")
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
