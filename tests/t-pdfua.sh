#!/bin/sh
# The PDF as a screen reader, a search box and a PDF/UA validator read
# it: the project's own checker (tests/pdfua/check.py) over both sample
# reports, the words of poppler's structure text against its page text
# (tests/pdfua/words.py), and a deliberately broken copy the checker
# must refuse, each fault named.  The XMP packet's pdfuaid:part claim
# rests on these checks.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

if ! "$BIN" build --quiet --format pdf --content "$TOP/content" --out out \
    2>err; then
	fail "sample reports build" "$(cat err)"
	exit 0
fi
for y in 2015 2016; do
	pdf=out/$y/rapport-$y.pdf
	if python3 "$TOP/tests/pdfua/check.py" "$pdf" >ua-$y.out 2>&1; then
		pass "$y: the PDF/UA checker passes ($(grep -c '^ok' ua-$y.out) checks)"
	else
		fail "$y: the PDF/UA checker passes" "$(grep -v '^ok' ua-$y.out)"
	fi
	grep '^#' ua-$y.out
	# Paragraphs cut by a page are one element each.
	n=$(sed -n 's/^# \([0-9]*\) paragraphs or tables.*/\1/p' ua-$y.out)
	if [ "${n:-0}" -gt 0 ]; then
		pass "$y: paragraphs and tables cut by a page are one element ($n)"
	else
		fail "$y: paragraphs and tables cut by a page are one element" \
		    "none found"
	fi
	# Poppler's structure text holds the words of the pages' body
	# (running heads and page numbers are artifacts).
	if python3 "$TOP/tests/pdfua/words.py" "$pdf" 99.5 99 >w-$y.out 2>&1
	then
		pass "$y: structure text ÷ page text ≥ 99.5 %, 99 % of the words found"
	else
		fail "$y: structure text ÷ page text ≥ 99.5 %, 99 % of the words found" \
		    "$(cat w-$y.out)"
	fi
	head -1 w-$y.out
	# Searching: no soft hyphen, no empty span left in the text layer.
	n=$(pdftotext "$pdf" - | grep -c "$(printf '\302\255')")
	[ "$n" -eq 0 ] && pass "$y: no U+00AD in the extracted text" ||
	    fail "$y: no U+00AD in the extracted text" "$n lines"
done

# Destinations: a contents entry shows the label above its title.
pdf=out/2016/rapport-2016.pdf
qpdf --json "$pdf" >pdf.json
if python3 - pdf.json <<'EOF'
import json, re, sys
j = json.load(open(sys.argv[1]))["qpdf"][1]
objs = {k[4:]: v.get("value") for k, v in j.items() if k.startswith("obj:")}
def get(v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get(v)
    return v
root = get(j["trailer"]["value"]["/Root"])
names = get(get(root["/Names"])["/Dests"])["/Names"]
bad = []
n = 0
for i in range(0, len(names), 2):
    name = names[i][2:] if names[i].startswith("u:") else names[i]
    if not re.match(r"m\d|priorite-|objectif-", name):
        continue
    n += 1
    top = get(names[i + 1])[3]
    # The label (8.5 pt capitals, 18 pt or more above its title) must be
    # below the top of the window: the destination 6 pt above it.
    if not isinstance(top, (int, float)):
        bad.append(name)
print("# %d section destinations" % n)
sys.exit(1 if bad or n == 0 else 0)
EOF
then pass "section destinations have a position"
else fail "section destinations have a position"
fi
# Each destination sits above the label: the label's text (pdftotext
# -bbox) is below the destination's top on its page, by less than a
# line.
if python3 - "$pdf" pdf.json <<'EOF'
import json, re, subprocess, sys
j = json.load(open(sys.argv[2]))["qpdf"][1]
objs = {k[4:]: v.get("value") for k, v in j.items() if k.startswith("obj:")}
def get(v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get(v)
    return v
root = get(j["trailer"]["value"]["/Root"])
pages = get(get(root["/Pages"])["/Kids"])
names = get(get(root["/Names"])["/Dests"])["/Names"]
html = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"],
                      capture_output=True, check=True).stdout.decode()
words = []   # per page: (ymin, word)
for p in html.split("<page ")[1:]:
    words.append([(float(m.group(1)), m.group(2)) for m in re.finditer(
        r'<word xMin="[^"]*" yMin="([^"]*)"[^>]*>([^<]*)</word>', p)])
bad = []
for i in range(0, len(names), 2):
    name = names[i]
    m = re.fullmatch(r"m(\d+)|priorite-(.*)|objectif-(.*)", name)
    if not m:
        continue
    d = get(names[i + 1])
    page = pages.index(d[0])
    top = 841.89 - d[3]
    label = "MESURE" if m.group(1) else "PRIORITÉ" if m.group(2) else "OBJECTIF"
    ys = [y for y, w in words[page] if w == label and y >= top - 1]
    if not ys or min(ys) - top > 40:
        bad.append("%s: top %.1f, %s at %s" % (name, top, label,
                                                min(ys) if ys else None))
for b in bad[:5]:
    print("#   " + b)
sys.exit(1 if bad else 0)
EOF
then pass "each section destination shows the label above its title"
else fail "each section destination shows the label above its title"
fi

# A broken copy: the artifacts' text untagged, no /Lang, a TH without
# /Scope, a heading level skipped, a page with links without /Tabs, a
# Figure without /Alt, a link without /Contents.  Each must be named.
qpdf --qdf --object-streams=disable "$pdf" qdf.pdf
python3 - <<'EOF'
import re
d = open("qdf.pdf", "rb").read()
d = d.replace(b"/Artifact BMC", b"/Foo BMC")
d = d.replace(b"/Lang", b"/Xang", 1)
d = d.replace(b"/Scope", b"/Xcope", 1)
d = re.sub(rb"/S /H2\n", b"/S /H4\n", d, count=1)
d = d.replace(b"/Tabs /S", b"/Xabs /S", 1)
d = d.replace(b"/Alt", b"/Xlt", 1)
d = re.sub(rb"/Contents \(", b"/Xontents (", d, count=1)
open("broken-qdf.pdf", "wb").write(d)
EOF
fix-qdf broken-qdf.pdf >broken.pdf
if python3 "$TOP/tests/pdfua/check.py" broken.pdf >broken.out 2>&1; then
	fail "the checker refuses a broken PDF" "$(cat broken.out)"
else
	pass "the checker refuses a broken PDF"
fi
for what in "tagged or an artifact" "/Lang" "TH has a /Scope" \
    "heading levels" "/Tabs /S" "Figure has an /Alt" "its annotation a /Contents"; do
	if grep "^not ok" broken.out | grep -qF "$what"; then
		pass "broken PDF: \"$what\" check fails"
	else
		fail "broken PDF: \"$what\" check fails" "$(cat broken.out)"
	fi
done
