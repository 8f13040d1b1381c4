#!/usr/bin/env python3
"""How much of a PDF's text is in its structure tree, as poppler reads
both.

    words.py FILE.pdf MIN

Words of `pdftotext` over the body of each page (running heads and page
numbers, artifacts above 60 pt and below 790 pt of an A4 page, left
out), against the words of `pdfinfo -struct-text`.  Words are runs of
letters and digits after NFKC (a ligature is its letters) with soft
hyphens removed.  Prints the share of the body's words found in the
structure text (as a multiset) and exits 1 below MIN percent.
"""
import collections
import re
import subprocess
import sys
import unicodedata


def words(text):
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", ""))
    return collections.Counter(re.findall(r"\w+", text))


def main(path, minimum):
    body = subprocess.run(["pdftotext", "-x", "0", "-y", "60", "-W", "596",
                           "-H", "730", path, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    st = subprocess.run(["pdfinfo", "-struct-text", path], check=True,
                        capture_output=True).stdout.decode("utf-8")
    # Element names are bare lines; text is quoted.
    text = "\n".join(m.group(1) for m in
                     re.finditer(r'^\s*"(.*)"\s*$', st, re.M))
    a, b = words(body), words(text)
    total = sum(a.values())
    found = sum((a & b).values())
    share = 100.0 * found / total if total else 0.0
    missing = (a - b).most_common(12)
    print("# %s: %d of %d words in the structure text (%.2f %%); "
          "structure text %d words" % (path, found, total, share,
                                       sum(b.values())))
    if missing:
        print("# missing most: " + ", ".join("%s×%d" % m for m in missing))
    sys.exit(0 if share >= minimum else 1)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: words.py FILE.pdf MIN")
    main(sys.argv[1], float(sys.argv[2]))
