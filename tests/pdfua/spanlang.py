#!/usr/bin/env python3
"""The spans of a tagged PDF in another language, with their text.

    spanlang.py FILE.pdf LANG TEXT...    (a TEXT "!x": x not in it)

Walks the structure tree (through qpdf, as check.py does) and the tree
poppler prints with its text (`pdfinfo -struct-text`), both depth first,
and pairs their elements in order: the same tree, or it fails.  Exits 0
when some Span element has /Lang LANG and its text holds each TEXT (and
none of the "!" ones); each element with a /Lang is printed with its
text.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import Pdf, ref_num  # noqa: E402


def plain(s):
    """A qpdf JSON string as its text (qpdf 11 prefixes "u:")."""
    return s[2:] if isinstance(s, str) and s.startswith("u:") else s


def qpdf_elems(path):
    """(type, /Lang or None) of each element, depth first."""
    pdf = Pdf(path)
    root = pdf.get(pdf.trailer["/Root"])
    out = []

    def walk(r, depth):
        d = pdf.get(r)
        if depth > 200 or not isinstance(d, dict) or "/S" not in d:
            return
        out.append((d["/S"][1:], plain(d.get("/Lang"))))
        k = d.get("/K")
        for kid in k if isinstance(k, list) else [k]:
            if ref_num(kid) is not None:
                walk(kid, depth + 1)

    k = (pdf.get(root.get("/StructTreeRoot")) or {}).get("/K")
    for kid in k if isinstance(k, list) else [k]:
        walk(kid, 0)
    return out


def poppler_elems(path):
    """(type, text) of each element, depth first: its own text lines."""
    lines = subprocess.run(["pdfinfo", "-struct-text", path], check=True,
                           capture_output=True, text=True).stdout
    out = []
    for ln in lines.splitlines():
        s = ln.strip()
        if s.startswith('"') and out:
            out[-1][1].append(s[1:-1])
        elif re.match(r"[A-Za-z][A-Za-z0-9]*( \((inline|block)\))?:?$", s):
            out.append((s.split(" ")[0].rstrip(":"), []))
    return [(t, "".join(x)) for t, x in out]


def main(path, lang, texts):
    q = qpdf_elems(path)
    p = poppler_elems(path)
    if [t for t, _ in q] != [t for t, _ in p]:
        print("not ok - qpdf and poppler read the same structure tree "
              "(%d and %d elements)" % (len(q), len(p)))
        return 1
    found = False
    for (t, lg), (_, text) in zip(q, p):
        if lg is None:
            continue
        print("# %s /Lang (%s): %s" % (t, lg, text))
        if t == "Span" and lg == lang and all(
                (x[1:] not in text) if x.startswith("!") else (x in text)
                for x in texts):
            found = True
    print("%s - a Span with /Lang (%s) holds %s" %
          ("ok" if found else "not ok", lang, " ".join(texts)))
    return 0 if found else 1


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit("usage: spanlang.py FILE.pdf LANG TEXT...")
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
