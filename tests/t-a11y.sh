#!/bin/sh
# The site in a real browser: the sample content built with --format html,
# served on 127.0.0.1, every page of the newest edition and the editions
# index checked in Debian's Chromium (playwright-core, axe-core from
# tests/package.json) by tests/a11y/check.js: axe-core WCAG 2.0/2.1 A and
# AA with 0 violations, the skip link, Tab order and focus styles, charts'
# text alternatives and data tables, statuses in words, no sideways
# scrolling at 320 px, no table or figure wider than 320 px outside a
# scroll container; on the pages with charts the same at 600, 641, 800,
# 1024 and 1280 px too, and each chart's file as chosen at each of these
# widths with its proportions, its text 11 CSS px or more and no two
# texts overlapping.  Then the same checks
# on a deliberately broken copy must fail, so that a green run means
# something.
# Screenshots of the dashboard and a measure page at 390 and 1280 px go to
# tests/work/a11y/ (or $A11Y_SHOTS), for people to look at.
#   A11Y_KEEP=DIR sh tests/t-a11y.sh   keeps the logs in DIR
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

NM=$TOP/tests/node_modules
CHECK=$TOP/tests/a11y/check.js
SHOTS=${A11Y_SHOTS:-$TOP/tests/work/a11y}
OUT=$WORK/out

if [ ! -f "$NM/playwright-core/package.json" ] ||
    [ ! -f "$NM/axe-core/axe.min.js" ]; then
	if command -v npm >/dev/null 2>&1; then
		(cd "$TOP/tests" && npm ci --no-audit --no-fund \
		    --loglevel=error) >"$WORK/npm.log" 2>&1
	fi
fi
if ! command -v node >/dev/null 2>&1 ||
    [ ! -f "$NM/playwright-core/package.json" ] ||
    [ ! -f "$NM/axe-core/axe.min.js" ]; then
	fail "a11y: node, playwright-core and axe-core available (npm ci)" \
	    "$(tail -5 "$WORK/npm.log" 2>/dev/null)"
	exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
	fail "a11y: Debian chromium installed (make deps)"
	exit 0
fi

if ! "$BIN" build --format html --content content --out "$OUT" --quiet \
    2>"$WORK/build.err"; then
	fail "a11y: the sample content builds" "$(head -20 "$WORK/build.err")"
	exit 0
fi
year=$(ls content/editions | sort | tail -1)
measure=mesure-08.html
[ -f "$OUT/$year/$measure" ] || measure=mesure-01.html

# For the search: the longest word of the oldest and of the newest
# edition's narratives that the other edition does not have.
first=$(ls content/editions | sort | head -1)
pick() {
	node -e '
	    const fs = require("fs"), p = require("path");
	    const words = (d) => new Set(fs.readdirSync(d).flatMap((f) =>
		fs.readFileSync(p.join(d, f), "utf8").toLowerCase()
		.split(/[^\p{L}]+/u)));
	    const mine = words(process.argv[1]), other = words(process.argv[2]);
	    const w = [...mine].filter((x) => !other.has(x)).sort((a, b) =>
		b.length - a.length || (a < b ? -1 : 1))[0];
	    console.log(w);' "content/editions/$1/measures" \
	    "content/editions/$2/measures"
}
search="$first:$(pick "$first" "$year"),$year:$(pick "$year" "$first")"

# Every page of the newest edition, the editions index and the search.
node "$CHECK" --root "$OUT" --year "$year" --shots "$SHOTS" \
    --measure "$measure" --search "$search" >"$WORK/a11y.log" 2>&1
st=$?
cat "$WORK/a11y.log"
if [ $st -ne 0 ] && ! grep -q '^not ok - ' "$WORK/a11y.log"; then
	fail "a11y: the browser checks ran (status $st)"
fi
echo "# screenshots for review in $SHOTS"

# ---- the checks bite: a broken copy of two pages must fail them ----

BAD=$WORK/bad
cp -R "$OUT" "$BAD"
d=$BAD/$year
# Status text too pale for its background.
sed 's/--status-partial-text: #[0-9a-f]*;/--status-partial-text: #8fcbef;/' \
    "$d/assets/theme.css" >"$WORK/t.css" && cp "$WORK/t.css" "$d/assets/theme.css"
# No focus style at all; large headings at 3.5:1 (enough for axe's
# default, not for our 4.5:1).
printf '%s\n' ':focus-visible, a:focus-visible { outline: none !important;' \
    '  box-shadow: none !important; background: none !important; }' \
    'h2 { color: #878787 !important; }' \
    '.mainnav a:focus-visible { color: #ffffff !important; }' >>"$d/assets/site.css"
# An image without text alternative; a badge without its words.
sed -e 's|<main id="contenu" class="wrap" tabindex="-1">|&<img src="charts/statuts.svg">|' \
    -e 's|aria-hidden="true"></span>Réalisée</span>|aria-hidden="true"></span></span>|' \
    "$d/index.html" >"$WORK/p.html" && cp "$WORK/p.html" "$d/index.html"
# No skip link; a chart whose alternative names no data.
sed -e 's|<a class="skip" href="#contenu">Aller au contenu</a>||' \
    -e '0,/<img src="charts\/[^"]*" alt="[^"]*"/s//<img src="charts\/x.svg" alt="Graphique"/' \
    "$d/$measure" >"$WORK/p.html" && cp "$WORK/p.html" "$d/$measure"
# At 320 px: the measure page's charts without their narrow variant
# (text about 4 px), a table region that no longer scrolls, and two texts
# drawn on each other in the narrow status chart.
sed 's|<source media="[^"]*" srcset="[^"]*">||g' "$d/$measure" >"$WORK/p.html" &&
    cp "$WORK/p.html" "$d/$measure"
printf '%s\n' '.table-wrap { overflow: visible !important; }' \
    'table.data { min-width: 30rem; }' >>"$d/assets/site.css"
sed '0,/<text [^>]*>[^<]*<\/text>/s//&&/' "$d/charts/statuts-etroit.svg" \
    >"$WORK/s.svg" && cp "$WORK/s.svg" "$d/charts/statuts-etroit.svg"
# At 600 px: the dashboard's full-width files chosen from 30rem up
# (shown 24rem wide: text about 7 px); charts' images squeezed to a
# fixed height.
sed 's|<source media="(max-width: 40rem)"|<source media="(max-width: 30rem)"|g' \
    "$d/index.html" >"$WORK/p.html" && cp "$WORK/p.html" "$d/index.html"
printf '%s\n' '.chart img { height: 12rem; }' >>"$d/assets/site.css"
node "$CHECK" --root "$BAD" --year "$year" --shots "$WORK/badshots" \
    --measure "$measure" --pages "$year/index.html,$year/$measure" \
    >"$WORK/bad.log" 2>&1
# A11Y_KEEP=DIR keeps the logs of both runs, to read what was found.
[ -n "$A11Y_KEEP" ] && cp "$WORK/a11y.log" "$WORK/bad.log" "$A11Y_KEEP/"
msg=
for want in 'axe-core' 'skip link' 'visible focus style' 'focus contrast' \
    'text alternative with its data' 'statuses named in words' \
    'outside a scroll container' 'text is 11 CSS px or more'; do
	grep -q "^not ok - a11y: .*$want" "$WORK/bad.log" ||
	    msg="$msg not caught: $want;"
done
for rule in color-contrast image-alt; do
	grep -q "^#   $year/index.html: $rule " "$WORK/bad.log" ||
	    msg="$msg axe did not report $rule;"
done
grep -q "^#   $year/index.html: color-contrast .*: #chiffres" "$WORK/bad.log" ||
    msg="$msg a large heading at 3.5:1 passed;"
grep -q "^#   $year/charts/statuts-etroit.svg at .*: overlap: " "$WORK/bad.log" ||
    msg="$msg two texts on each other passed;"
grep "^#   $year/charts/m[0-9]*-.*\.svg at .*: \".*\" [0-9.]* px" \
    "$WORK/bad.log" | grep -qv -e '-etroit\.svg at' ||
    msg="$msg a full-width chart at 320 px passed;"
grep -q "^#   $year/charts/[a-z]*\.svg at .*($year/index\.html at 600 px): \".*\" [0-9.]* px" \
    "$WORK/bad.log" || msg="$msg a full-width chart at 600 px passed;"
grep -q "^#   $year/index\.html: [a-z0-9-]*\.svg shown .* px at 1280 px, its file " \
    "$WORK/bad.log" || msg="$msg a chart out of its proportions passed;"
grep -q "^#   $year/$measure: table#.* outside any scroll container" \
    "$WORK/bad.log" || msg="$msg a table wider than the screen passed;"
if [ -z "$msg" ]; then
	pass "a11y: a broken copy fails (contrast, alt, focus, skip link, chart alternative, badge words, 320 px: table, chart text size and overlap; 600 px: chart text size; chart proportions)"
else
	fail "a11y: a broken copy fails the checks" "$msg" \
	    "$(head -30 "$WORK/bad.log")"
fi
