"""python3 rtl.py PDF: the Arabic contribution guide's first heading and
paragraph are set right to left (pdftotext -bbox, which gives Arabic a
glyph a word): read from the right, a line starts « اتفاقية » (the
heading) and the one-line paragraph under it starts « من خلال » and ends
with its full stop; both are flush right at the same edge, the paragraph
not stretched to the left margin.  A list item's marker is right of its
text: a line reads, from the right, « – » then « دورات », the dash clear
of the text and within the heading's edge.  Prints what is wrong, exits
1."""
import re
import subprocess
import sys

bad = []
out = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], check=True,
                     capture_output=True, text=True).stdout
lines = []
for page in out.split("<page ")[1:]:
    if "ت" not in page:
        continue
    boxes = sorted((float(y0), float(x0), float(x1), w)
                   for x0, y0, x1, w in re.findall(
                       r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                       r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                       page))
    # A line: the glyphs whose tops are within 5 pt of its first's (a
    # full stop or a note number sits lower or higher).
    for y0, x0, x1, w in boxes:
        if not lines or lines[-1][0] is not page or y0 - lines[-1][1] > 5:
            lines.append((page, y0, []))
        lines[-1][2].append((x0, x1, w))
heading = para = None
for _, _, line in lines:
    boxes = sorted(line, key=lambda b: -b[1])
    text = "".join(b[2] for b in boxes)
    if heading is None and text.startswith("اتفاقية"):
        heading = boxes
    elif heading is not None and text.startswith("منخلال"):
        para = boxes
        break
if heading is None or para is None:
    sys.exit("no heading « اتفاقية » and paragraph « من خلال » after it")
if para[-1][2] != ".":
    bad.append("the paragraph's leftmost glyph is %r, not its full stop" %
               para[-1][2])
if abs(para[0][1] - heading[0][1]) > 1:
    bad.append("not flush right: paragraph %.1f, heading %.1f" %
               (para[0][1], heading[0][1]))
if para[-1][0] < 150:
    bad.append("the one-line paragraph stretched to %.1f" % para[-1][0])
item = None
for _, _, line in lines:
    boxes = sorted(line, key=lambda b: -b[1])
    if boxes[0][2] == "–" and \
            "".join(b[2] for b in boxes[1:]).startswith("دورات"):
        item = boxes
        break
if item is None:
    bad.append("no item « – دورات » with its dash on the right")
elif item[0][0] - item[1][1] < 3 or item[0][1] > heading[0][1] + 0.5:
    bad.append("the dash at %.1f-%.1f, its text ends at %.1f" %
               (item[0][0], item[0][1], item[1][1]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
