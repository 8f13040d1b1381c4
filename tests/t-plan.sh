#!/bin/sh
# A plan's own structure and status scale (plan.xml <levels>, <statuses>),
# on two content sets of tests/plans/: an English plan of 4 levels numbered
# across the plan, 12 priorities, 3 statuses, evaluated two years after its
# end (en/), and one shaped like the French plan 2019-2021: 6 « axes », 13
# « actions » numbered across the plan, 45 measures, 3 statuses, evaluated
# in 2023 (fr-2019/), and a plan of one level, eight recommendations and no
# priority (one-level/).  All check clean and build; their labels are found
# in the site and the PDF; legends list the declared statuses only; the
# synthesis sheet and the PDF keep every word on the page, none on another;
# the plan of one level shows no priority anywhere, nor an empty heading;
# the interface's sentences name the items in the plan's own words, in
# French with no agreement where the name is not the default « mesure ».
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

PLANS=$TOP/tests/plans
NB=$(printf '\302\240')

# flat FILE...: the text of files, no-break spaces made plain spaces.
flat() {
	sed "s/$NB/ /g" "$@"
}

# has NAME FILE STRING...: every string is in the (flattened) file.
has() {
	name=$1 file=$2
	shift 2
	miss=
	for s in "$@"; do
		flat "$file" | grep -qF -- "$s" || miss="$miss [$s]"
	done
	if [ -z "$miss" ]; then pass "$name"
	else fail "$name" "missing:$miss"; fi
}

# hasnt NAME FILE STRING...: no string is in the file.
hasnt() {
	name=$1 file=$2
	shift 2
	found=
	for s in "$@"; do
		flat "$file" | grep -qF -- "$s" && found="$found [$s]"
	done
	if [ -z "$found" ]; then pass "$name"
	else fail "$name" "found:$found"; fi
}

# inside NAME PDF: with pdftotext -bbox, every word lies inside its page,
# 18 pt from each edge at least, and no two words of a page overlap
# (boxes run from the font's ascent to its descent, so lines set tight
# touch: an overlap is more than 40 % of the lower box's height).
inside() {
	rm -f "$WORK/bbox.html"	# not the previous PDF's words
	pdftotext -bbox "$2" "$WORK/bbox.html" 2>/dev/null
	if python3 - "$WORK/bbox.html" >"$WORK/inside.log" 2>&1 <<'PY'
import re, sys
bad = []
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
    open(sys.argv[1]).read(), re.S)
for n, (w, h, body) in enumerate(pages, 1):
    w, h = float(w), float(h)
    words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
        re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                   r'yMax="([\d.]+)">(.*?)</word>', body)]
    for x0, y0, x1, y1, t in words:
        if x0 < 18 or y0 < 18 or x1 > w - 18 or y1 > h - 18:
            bad.append("page %d: %r at %.0f,%.0f-%.0f,%.0f outside" %
                (n, t, x0, y0, x1, y1))
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1 and dy > 0.4 * min(a[3] - a[1], b[3] - b[1]):
                bad.append("page %d: %r and %r overlap" % (n, a[4], b[4]))
if not pages:
    bad.append("no page")
print("\n".join(bad[:20]))
sys.exit(1 if bad else 0)
PY
	then pass "$1"
	else fail "$1" "$(cat "$WORK/inside.log")"; fi
}

for set in en fr-2019 one-level; do
	check "$set: check --werror is clean" \
	    "$BIN" check --werror --content "$PLANS/$set"
	check "$set: builds" "$BIN" build --quiet --content "$PLANS/$set" \
	    --out "$WORK/$set"
done

# ---- the English plan: 4 levels, numbers across the plan ----
E=$WORK/en/2022
pdftotext "$E/report-2022.pdf" "$WORK/en.txt"
has "en: four levels, numbered across the plan, in the PDF" "$WORK/en.txt" \
    "Priority 12 — Coordination and evaluation" \
    "Objective 12 — Make coordination and evaluation effective" \
    "Action 24 — Coordination and evaluation action 2" \
    "Measure 36 — " "PRIORITY 12" "OBJECTIVE 12" "ACTION 24" "MEASURE 36"
# Numbers run on across priorities: Priority 2 opens with Action 3.
pdftotext -layout -f 2 -l 2 "$E/report-2022.pdf" "$WORK/en-toc.txt"
if flat "$WORK/en-toc.txt" | grep -A3 -F "Priority 2 — Identification" |
    grep -qF "Action 3 — "; then pass "en: actions numbered across the plan"
else fail "en: actions numbered across the plan"; fi
has "en: labels in the site" "$E/priority-12.html" \
    "Priority 12" "Objective 12" "Action 23" "Action 24" \
    "<span class=\"visually-hidden\">Measure </span>34"
has "en: a measure page names its priority, objective and action" \
    "$E/measure-36.html" "<dt>Priority</dt>" "<dt>Objective</dt><dd>12: " \
    "<dt>Action</dt><dd>24: " "Measure 36"
has "en: the data page's column and links" "$E/data.html" \
    "<th scope=\"col\">Measure</th>" ">Measure 33</a>"
# Legends: the three statuses of the scale, none of the CNCDH's.
has "en: the status legend lists the plan's scale" "$E/charts/statuses.svg" \
    "Implemented (12)" "Under way (12)" "Not implemented (12)"
for f in "$E/charts/statuses.svg" "$E/synthesis-2022.svg" "$E/index.html" \
    "$WORK/en.txt"; do
	hasnt "en: no status outside the scale in $(basename "$f")" "$f" \
	    "Partiellement réalisée" "Information insuffisante" \
	    "Réalisée" "En cours" "badge-partial" "badge-not-assessed"
done
# The ex-post edition: values of 2021 and 2022 (after the plan's end, 2020)
# and a target of 2030 are kept.
"$BIN" tree --content "$PLANS/en" >"$WORK/en.tree" 2>&1
has "en: values and assessments after the plan's end" "$WORK/en.tree" \
    "2021=1264 2022=1541.5" "assessment 2022 done" \
    "edition 2022 final 2022-11-15"
has "en: a target beyond the plan's end" "$WORK/en.txt" "2030"
# diff names the measure and the statuses as the plan does.
cp -R "$PLANS/en" "$WORK/en-mod"
sed -i 's/status="done"/status="ongoing"/' "$WORK/en-mod/indicators/m03.xml"
"$BIN" diff --content "$WORK/en-mod" --base "$PLANS/en" --format json \
    >"$WORK/en-diff.json" 2>&1
has "en: diff in the plan's labels and status ids" "$WORK/en-diff.json" \
    '"old": "done", "new": "ongoing"' \
    'Measure 3, 2022: status Implemented → Under way'
# The review of a draft: its gaps named by the plan's labels.
sed -i 's/status="final"/status="draft"/' \
    "$WORK/en-mod/editions/2022/edition.xml"
sed -i '/<assessment/d' "$WORK/en-mod/indicators/m07.xml"
"$BIN" build --quiet --draft --format html --content "$WORK/en-mod" \
    --out "$WORK/en-draft" 2>/dev/null
has "en: the review names a gap by the plan's label" \
    "$WORK/en-draft/2022/review.html" "Measure 7: no assessment"
hasnt "en: a measure not assessed yet is not in the legend's scale" \
    "$WORK/en-draft/2022/charts/statuses.svg" "Partiellement"
has "en: a measure not assessed yet is counted apart" \
    "$WORK/en-draft/2022/charts/statuses.svg" "Insufficient information (1)"
# The synthesis sheet: 12 priorities in columns, every word on the sheet.
rsvg-convert -f pdf -o "$WORK/en-sheet.pdf" "$E/synthesis-2022.svg"
pdftotext "$WORK/en-sheet.pdf" "$WORK/en-sheet.txt"
has "en: the synthesis sheet shows the 12 priorities" "$WORK/en-sheet.txt" \
    "Priority 1 · Prevention" "Priority 12 · Coordination and evaluation"
inside "en: the synthesis sheet keeps every word on it, none overlapping" \
    "$WORK/en-sheet.pdf"
inside "en: the PDF keeps every word on its page, none overlapping" \
    "$E/report-2022.pdf"

# ---- the French plan 2019-2021: Axe 1, Action n° 3, Mesure 12 ----
F=$WORK/fr-2019/2023
pdftotext "$F/rapport-2023.pdf" "$WORK/fr.txt"
has "fr-2019: Axe, Action n° and Mesure in the PDF" "$WORK/fr.txt" \
    "Axe 1 — Informer et communiquer" "Action n° 3 — " "Action n° 13 — " \
    "Mesure 12 — " "Mesure 45 — " "AXE 6" "ACTION N° 13" "MESURE 45"
has "fr-2019: Axe, Action n° and Mesure in the site" "$F/priorite-2.html" \
    "Axe 2" "Action n° 3" "Action n° 4"
has "fr-2019: a measure's facts" "$F/mesure-12.html" "<dt>Axe</dt>" \
    "<dt>Action</dt><dd>n° 4 : " "Mesure 12"
has "fr-2019: the status legend lists the plan's scale" \
    "$F/charts/statuts.svg" "Réalisée (9)" "En cours (" "Non réalisée ("
for f in "$F/charts/statuts.svg" "$F/index.html" "$WORK/fr.txt"; do
	hasnt "fr-2019: no status outside the scale in $(basename "$f")" "$f" \
	    "Partiellement réalisée" "Information insuffisante" \
	    "badge-partial" "badge-not-assessed"
done
rsvg-convert -f pdf -o "$WORK/fr-sheet.pdf" "$F/synthese-2023.svg"
inside "fr-2019: the synthesis sheet keeps every word on it" \
    "$WORK/fr-sheet.pdf"

# ---- other numberings of the English plan ----
# Roman priorities past X, and measures numbered in each action: the
# ids and numbers rewritten to match, then checked and built.
cp -R "$PLANS/en" "$WORK/en-num"
python3 - "$WORK/en-num/plan.xml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('<level singular="Priority" plural="Priorities" numbering="arabic"/>',
    '<level singular="Priority" plural="Priorities" numbering="roman"/>')
s = s.replace('<level singular="Measure" plural="Measures" numbering="arabic"/>',
    '<level singular="Measure" plural="Measures" numbering="arabic" scope="parent"/>')
val = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
def roman(n):
    r = ""
    for v, c in val:
        while n >= v:
            r += c
            n -= v
    return r
s = re.sub(r'<priority id="(\d+)">', lambda m: '<priority id="%s">' % roman(int(m.group(1))), s)
out, k = [], 0
for line in s.split("\n"):
    if re.search(r'<objective id=', line):
        k = 0
    m = re.search(r'number="(\d+)"', line)
    if m:
        k += 1
        line = line.replace(m.group(0), 'number="%d"' % k)
    out.append(line)
open(p, "w").write("\n".join(out))
PY
check "en, roman priorities and measures per action: check is clean" \
    "$BIN" check --werror --content "$WORK/en-num"
"$BIN" build --quiet --format html --content "$WORK/en-num" \
    --out "$WORK/en-num-out" 2>/dev/null
has "en, roman priorities past X and measures per action in the site" \
    "$WORK/en-num-out/2022/priority-12.html" "Priority XII" "Priority XI" \
    "<span class=\"visually-hidden\">Measure </span>1</span>" \
    "<span class=\"visually-hidden\">Measure </span>2</span>"

# ---- the sample: declaring its default structure changes nothing ----
cp -R "$TOP/content" "$WORK/sample"
sed -i 's|^  <priority id="I">|  <levels>\
    <level singular="Priorité" plural="Priorités" numbering="roman"/>\
    <level singular="Objectif" plural="Objectifs" numbering="id"/>\
    <level singular="Mesure" plural="Mesures" numbering="arabic"/>\
  </levels>\
&|' "$WORK/sample/plan.xml"
"$BIN" build --quiet --content "$TOP/content" --out "$WORK/s0" &&
    "$BIN" build --quiet --content "$WORK/sample" --out "$WORK/s1"
if grep -q "<levels>" "$WORK/sample/plan.xml" &&
    diff -r "$WORK/s0" "$WORK/s1" >"$WORK/s.diff"; then
	pass "sample: the default levels declared build the same bytes"
else
	fail "sample: the default levels declared build the same bytes" \
	    "$(head -20 "$WORK/s.diff")"
fi
has "sample: the sentences written for « mesure »" "$WORK/s1/2016/index.html" \
    "mesures évaluées</span>" "Les mesures, par priorité</h2>" \
    "mesures réalisées ou partiellement réalisées</span>" \
    "mesures en progrès depuis 2015" "1 passée par « "
has "sample: a measure page's sentences written for « mesure »" \
    "$WORK/s1/2016/mesure-07.html" "Cette mesure dans les autres éditions" \
    'aria-label="Mesures précédente et suivante"' "Mesure précédente" \
    "Mesure suivante"

# ---- a plan of one level: its measures alone ----
O=$WORK/one-level/2021
"$BIN" tree --content "$PLANS/one-level" >"$WORK/one.tree" 2>&1
has "one-level: eight measures in the model" "$WORK/one.tree" \
    "levels=1 measures=8" "measure m08 8 "
hasnt "one-level: no priority in the model" "$WORK/one.tree" "priority"
# No page, link, word or empty label for the implicit priority, in any
# text the site holds (pages, charts, CSV, search index, site map).
if ls "$O" | grep -qE '^priorit(e|y)-'; then
	fail "one-level: no priority page" "$(ls "$O" | grep -E '^priorit(e|y)-')"
else
	pass "one-level: no priority page"
fi
if grep -rIlE '\bPriorit(y|ies|é|és)\b|\(null\)|priorit(e|y)-[0-9]' \
    "$WORK/one-level" >"$WORK/one-prio.txt"; then
	fail "one-level: no priority named or linked in the site" \
	    "$(head "$WORK/one-prio.txt")"
else
	pass "one-level: no priority named or linked in the site"
fi
# Every heading of every page has words; no list or facts list is empty;
# heading levels never skip (h1, then h2 at most one level deeper...).
if python3 - "$WORK/one-level" >"$WORK/one-h.log" 2>&1 <<'PY'
import glob, re, sys
bad, n = [], 0
for f in sorted(glob.glob(sys.argv[1] + "/**/*.html", recursive=True)):
    s = open(f, encoding="utf-8").read()
    last = 0
    for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", s, re.S):
        n += 1
        lv = int(m.group(1))
        words = re.sub(r"<[^>]*>|&nbsp;|\s|\xa0", "", m.group(2))
        if not words:
            bad.append("%s: empty <h%d>" % (f, lv))
        if lv > last + 1:
            bad.append("%s: <h%d> after <h%d>" % (f, lv, last))
        last = lv
    # (The search page's list of results is the script's to fill.)
    for m in re.finditer(r"<(ul|ol|dl|section)\b(?![^>]*search-results)"
                         r"[^>]*>\s*</\1>", s):
        bad.append("%s: empty <%s>" % (f, m.group(1)))
print("\n".join(bad[:20]) if bad else "%d headings" % n)
sys.exit(1 if bad or n == 0 else 0)
PY
then pass "one-level: no empty heading, list or section, no level skipped ($(cat "$WORK/one-h.log"))"
else fail "one-level: no empty heading, list or section, no level skipped" \
    "$(cat "$WORK/one-h.log")"; fi
has "one-level: the dashboard lists the measures under their level's name" \
    "$O/index.html" '<h2 id="priorites">Recommendations</h2>' \
    '<a href="measure-01.html">' '<a href="measure-08.html">'
has "one-level: a measure page's breadcrumb and aside" "$O/measure-03.html" \
    '<li><a href="index.html">Report 2021</a></li>
<li aria-current="page">Recommendation 3</li>' \
    '<h2 class="aside-title">Recommendations</h2>' "<dt>Lead</dt>"
has "one-level: the site map lists the measures of each edition" \
    "$WORK/one-level/sitemap.html" \
    '<a href="2021/measure-08.html">Recommendation 8: ' \
    '<a href="2020/measure-01.html">Recommendation 1: '
has "one-level: the status overview's text starts with a status" \
    "$O/index.html" "not implemented 1. Implemented, recommendations 1, 4, 7, 8; under way, recommendations 2, 3, 6; not implemented, recommendation 5."
rsvg-convert -f pdf -o "$WORK/one-sheet.pdf" "$O/synthesis-2021.svg"
pdftotext "$WORK/one-sheet.pdf" "$WORK/one-sheet.txt"
hasnt "one-level: the synthesis sheet has no priority heading" \
    "$WORK/one-sheet.txt" " · " "Recommendation ·"
inside "one-level: the synthesis sheet keeps every word on it" \
    "$WORK/one-sheet.pdf"
# The PDF: the measures at the top of the contents and the outline, each
# title a first-level heading with words.
pdftotext "$O/report-2021.pdf" "$WORK/one.txt"
has "one-level: the contents list the measures" "$WORK/one.txt" \
    "Recommendation 1 — Set up a national referral mechanism for victims" \
    "Recommendation 8 — Evaluate the plan independently" "RECOMMENDATION 8"
pdftotext -layout -f 2 -l 2 "$O/report-2021.pdf" "$WORK/one-toc.txt"
if grep -A1 "^Foreword " "$WORK/one-toc.txt" |
    grep -q "^Recommendation 1 — "; then
	pass "one-level: the contents go from the foreword to measure 1"
else
	fail "one-level: the contents go from the foreword to measure 1" \
	    "$(cat "$WORK/one-toc.txt")"
fi
qpdf --json "$O/report-2021.pdf" >"$WORK/one.json"
if python3 - "$WORK/one.json" >"$WORK/one-outline.log" 2>&1 <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1]))["qpdf"][1]
objs = {k[4:]: v.get("value") for k, v in j.items() if k.startswith("obj:")}
def get(v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get(v)
    return v
def text(s):
    if s.startswith("u:"):
        return s[2:]
    if s.startswith("b:"):
        b = bytes.fromhex(s[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return s
root = get(j["trailer"]["value"]["/Root"])
top, kids = [], 0
it = get(get(root["/Outlines"])["/First"])
while it is not None:
    top.append(text(it["/Title"]))
    kids += "/First" in it
    it = get(it.get("/Next"))
want = ["Contents", "Foreword"] + ["Recommendation %d — \\S" % i
    for i in range(1, 9)] + ["Method", "Annex — Table of indicators"]
ok = len(top) == len(want) and kids == 0 and all(
    re.match(w, t) for t, w in zip(top, want))
print("\n".join(top))
sys.exit(0 if ok else 1)
PY
then pass "one-level: the outline lists the measures at its top, alone"
else fail "one-level: the outline lists the measures at its top, alone" \
    "$(cat "$WORK/one-outline.log")"; fi
pdfinfo -struct-text "$O/report-2021.pdf" >"$WORK/one-struct.txt" 2>&1
if python3 - "$WORK/one-struct.txt" >"$WORK/one-hs.log" 2>&1 <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
hs, bad = [], []
for i, l in enumerate(lines):
    m = re.match(r"\s*(H[1-6]) \(block\)$", l)
    if m:
        t = lines[i + 1].strip() if i + 1 < len(lines) else ""
        hs.append((m.group(1), t))
        if not re.match(r'"\S', t):
            bad.append("empty %s" % m.group(1))
h1 = [t for h, t in hs if h == "H1"]
for title in ("Set up a national referral", "Evaluate the plan"):
    if not any(t.startswith('"' + title) for t in h1):
        bad.append("no H1 " + title)
if len(h1) != 2 + 8 + 2:
    bad.append("%d H1, want 12: %s" % (len(h1), h1))
print("\n".join(bad) if bad else "%d headings" % len(hs))
sys.exit(1 if bad else 0)
PY
then pass "one-level: each measure's title is an H1, no heading is empty ($(cat "$WORK/one-hs.log"))"
else fail "one-level: each measure's title is an H1, no heading is empty" \
    "$(cat "$WORK/one-hs.log")"; fi
if python3 "$TOP/tests/pdfua/check.py" "$O/report-2021.pdf" \
    >"$WORK/one-ua.log" 2>&1; then
	pass "one-level: the PDF/UA checker passes (headings never skip a level)"
else
	fail "one-level: the PDF/UA checker passes (headings never skip a level)" \
	    "$(grep -v '^ok' "$WORK/one-ua.log")"
fi
inside "one-level: the PDF keeps every word on its page, none overlapping" \
    "$O/report-2021.pdf"
# The review of a draft and diff name measures by their level.
cp -R "$PLANS/one-level" "$WORK/one-mod"
sed -i 's/status="final"/status="draft"/' \
    "$WORK/one-mod/editions/2021/edition.xml"
sed -i '/<assessment year="2021"/d' "$WORK/one-mod/indicators/m07.xml"
sed -i '/year="2021" status="ongoing"/s/ongoing/done/' \
    "$WORK/one-mod/indicators/m03.xml"
"$BIN" build --quiet --draft --format html --content "$WORK/one-mod" \
    --out "$WORK/one-draft" 2>/dev/null
has "one-level: the review names a gap by the measure's label" \
    "$WORK/one-draft/2021/review.html" "Recommendation 7: no assessment"
"$BIN" diff --content "$WORK/one-mod" --base "$PLANS/one-level" \
    --format json >"$WORK/one-diff.json" 2>&1
has "one-level: diff names the measure by its label" "$WORK/one-diff.json" \
    "Recommendation 3, 2021" '"old": "ongoing", "new": "done"'
hasnt "one-level: no empty label in the review or diff" \
    "$WORK/one-draft/2021/review.html" "(null)" "Priorit"

# ---- the interface's sentences in the plan's words ----
# iface DIR OUT: the words a reader meets in a build, one text a line:
# the text and the aria-label, alt and title of every page and chart
# (not <code>: the CSV's column names, which programs read, stay), and
# the text of every PDF.  File names and classes are not words.
iface() {
	python3 - "$1" >"$2" <<'PY'
import glob, html, re, sys
for f in sorted(glob.glob(sys.argv[1] + "/**/*.html", recursive=True) +
                glob.glob(sys.argv[1] + "/**/*.svg", recursive=True)):
    s = open(f, encoding="utf-8").read()
    s = re.sub(r"<(style|script|code)\b.*?</\1>", " ", s, flags=re.S)
    out = re.findall(r'\b(?:aria-label|alt|title)="([^"]*)"', s)
    out += re.sub(r"<[^>]*>", "\n", s).split("\n")
    for t in out:
        t = html.unescape(t).strip()
        if t:
            print(t)
PY
	for pdf in $(find "$1" -name '*.pdf' | sort); do
		pdftotext "$pdf" - >>"$2"
	done
}

# The one-level plan names its items "Recommendation": every sentence
# that counts or names them says so, and none says "measure".
iface "$WORK/one-level" "$WORK/one-words.txt"
has "one-level: the dashboard counts recommendations" "$O/index.html" \
    "recommendations assessed</span>" \
    "Progress of the 8 recommendations in 2021" \
    "Number of recommendations by assessment in 2021" \
    '<th scope="col" class="num">Recommendations</th>' \
    "recommendations improved since 2020"
has "one-level: one recommendation, in the singular" "$O/index.html" \
    ">1</span> <span class=\"kf-lab\">recommendation with the status “Not implemented”"
has "one-level: a recommendation's page names it" "$O/measure-03.html" \
    "<h3>Recommendation 3 in the other editions</h3>" \
    'aria-label="Previous and next recommendations"'
has "one-level: the data page" "$O/data.html" \
    "Indicators by recommendation, latest known value" \
    "Number, in the plan, of the item assessed."
has "one-level: the charts' titles and text alternatives" \
    "$O/charts/statuses.svg" "Status of the plan's 8 recommendations in 2021" \
    "Status of the 8 recommendations in 2021: "
has "one-level: the progress chart's text alternative" \
    "$O/charts/progress.svg" "Number of recommendations by status in 2020"
has "one-level: the synthesis sheet's source line" "$O/synthesis-2021.svg" \
    "The detail of the recommendations, the indicators"
if grep -nE '\b[Mm]easures?\b' "$WORK/one-words.txt" >"$WORK/one-m.txt"; then
	fail "one-level: no \"measure\" in the site's, charts' and PDFs' words" \
	    "$(head "$WORK/one-m.txt")"
elif grep -q "recommendations assessed" "$WORK/one-words.txt"; then
	pass "one-level: no \"measure\" in the site's, charts' and PDFs' words ($(wc -l <"$WORK/one-words.txt") texts)"
else
	fail "one-level: no \"measure\" in the site's, charts' and PDFs' words" \
	    "no text found"
fi

# fr-2019 groups its measures in « axes ».
has "fr-2019: the dashboard groups the measures by axis" "$F/index.html" \
    "Les mesures, par axe</h2>"
hasnt "fr-2019: no priority in the dashboard" "$F/index.html" "priorité"

# French measures with another name, masculine and starting with a
# vowel (« engagements »): sentences that agree with « mesure » in gender
# or elide give way to ones that need no agreement.  The plan's own
# titles and narratives, which say « mesure », are reworded first, so
# that any « mesure » left is the interface's.
cp -R "$PLANS/fr-2019" "$WORK/fr-eng"
sed -i 's/singular="Mesure" plural="Mesures"/singular="Engagement" plural="Engagements"/;
    s/Mesure illustrative/Intitulé illustratif/' "$WORK/fr-eng/plan.xml"
find "$WORK/fr-eng/editions" -name '*.md' -exec sed -i \
    's/de la mesure/de l’engagement/g; s/[Mm]esures\?/engagements/g' {} +
check "fr-2019, measures named « Engagement »: builds" "$BIN" build --quiet \
    --content "$WORK/fr-eng" --out "$WORK/fr-eng-out"
G=$WORK/fr-eng-out/2023
has "fr-2019, « Engagement »: the dashboard's sentences" "$G/index.html" \
    "engagements ayant reçu une appréciation</span>" \
    "engagements au statut « Réalisée »" \
    "Avancement des 45 engagements en 2023" \
    "Répartition des engagements par appréciation en 2023" \
    "Les engagements, par axe</h2>"
has "fr-2019, « Engagement »: a measure page's pager" "$G/mesure-12.html" \
    'aria-label="Navigation entre les engagements"' \
    '<span class="pager-dir">Précédent</span>' \
    '<span class="pager-dir">Suivant</span>'
has "fr-2019, « Engagement »: the charts" "$G/charts/progression.svg" \
    "Statut des engagements du plan, édition 2023" \
    "Répartition des engagements par statut en 2023"
iface "$WORK/fr-eng-out" "$WORK/fr-eng-words.txt"
# (The legal notice's « outil de mesure d’audience » is a measurement.)
if grep -nE '\b[Mm]esures?\b|\bde engagements' "$WORK/fr-eng-words.txt" |
    grep -v "mesure d’audience" >"$WORK/fr-eng-m.txt"; then
	fail "fr-2019, « Engagement »: no « mesure » nor « de engagements »" \
	    "$(head "$WORK/fr-eng-m.txt")"
else
	pass "fr-2019, « Engagement »: no « mesure » nor « de engagements » ($(wc -l <"$WORK/fr-eng-words.txt") texts)"
fi

# The same with the CNCDH's scale (no <statuses>): its key figures name
# the statuses rather than agree with them.
cp -R "$WORK/fr-eng" "$WORK/fr-eng5"
sed -i '/<statuses>/,/<\/statuses>/d' "$WORK/fr-eng5/plan.xml"
sed -i 's/status="realisee"/status="implemented"/;
    s/status="en-cours"/status="partial"/;
    s/status="non-realisee"/status="not-implemented"/' \
    "$WORK"/fr-eng5/indicators/*.xml
check "fr-2019, « Engagement », the CNCDH's scale: builds" "$BIN" build \
    --quiet --content "$WORK/fr-eng5" --out "$WORK/fr-eng5-out"
has "fr-2019, « Engagement », the CNCDH's scale: key figures" \
    "$WORK/fr-eng5-out/2023/index.html" \
    "engagements au statut « Réalisée » ou « Partiellement réalisée »" \
    "engagements au statut « Non réalisée »"
has "fr-2019, « Engagement », the CNCDH's scale: the synthesis sheet" \
    "$WORK/fr-eng5-out/2023/synthese-2023.svg" \
    "engagements au statut « Réalisée » ou « Partiellement réalisée »" \
    "dont 9 au statut « Réalisée »"

# A draft's missing narrative, in the site and the PDF, without « this
# measure ».
cp -R "$PLANS/one-level" "$WORK/one-gap"
sed -i 's/status="final"/status="draft"/' \
    "$WORK/one-gap/editions/2021/edition.xml"
rm "$WORK/one-gap/editions/2021/measures/m05.md"
"$BIN" build --quiet --draft --content "$WORK/one-gap" \
    --out "$WORK/one-gap-out" 2>/dev/null
has "one-level: a draft's gap in the site" \
    "$WORK/one-gap-out/2021/measure-05.html" \
    "<strong>To be written</strong>: the narrative for the 2021 edition."
pdftotext "$WORK/one-gap-out/2021/report-2021.pdf" "$WORK/one-gap.txt"
has "one-level: a draft's gap in the PDF" "$WORK/one-gap.txt" \
    "To be written: the narrative for the 2021 edition."
