#!/usr/bin/env python3
"""Lists where a colour of a theme appears in a built output folder.

usage: colours.py THEME.css OUT QDF.pdf...

Each #rrggbb of THEME.css is looked for in the output's text files (HTML,
CSS, SVG, JSON) as #rrggbb, as #rgb where it has that form, and as the
rgb(r%,g%,b%) cairo's SVG surface writes; and in the PDFs (given
uncompressed by qpdf --qdf) as the "r g b rg" or "RG" operands cairo
writes.  Prints one line a find; exit status 1 if any.
"""
import os
import re
import sys


def forms(hexv):
    r, g, b = (int(hexv[i:i + 2], 16) for i in (0, 2, 4))
    text = ["#" + hexv]
    if all(hexv[i] == hexv[i + 1] for i in (0, 2, 4)):
        text.append("#" + hexv[0] + hexv[2] + hexv[4])
    pct = "rgb(%s)" % ",".join(pc(v) for v in (r, g, b))
    text.append(pct)
    pdf = " ".join("%.6g" % (v / 255) for v in (r, g, b))
    return text, pdf


def pc(v):
    s = "%f" % (v / 255 * 100)
    s = s.rstrip("0").rstrip(".")
    return s + "%"


def main():
    theme, out, pdfs = sys.argv[1], sys.argv[2], sys.argv[3:]
    css = open(theme, encoding="utf-8").read()
    colours = sorted(set(m.lower() for m in
                         re.findall(r"--[a-z0-9-]+:\s*#([0-9a-fA-F]{6})\b",
                                    css)))
    found = 0
    texts = []
    for root, dirs, files in os.walk(out):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".html", ".css", ".svg", ".json")):
                p = os.path.join(root, f)
                texts.append((p, open(p, encoding="utf-8").read().lower()))
    streams = [(p, open(p, "rb").read()) for p in pdfs]
    for c in colours:
        text, pdf = forms(c)
        for p, t in texts:
            for form in text:
                if re.search(re.escape(form) + r"(?![0-9a-f])", t):
                    print("%s: %s" % (p, form))
                    found = 1
        for p, data in streams:
            pat = rb"(^|[\s\[])" + re.escape(pdf.encode()) + rb" (rg|RG)\b"
            if re.search(pat, data, re.M):
                print("%s: %s rg" % (p, pdf))
                found = 1
    sys.exit(found)


if __name__ == "__main__":
    main()
