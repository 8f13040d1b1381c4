#!/bin/sh
# The static site (gen/html.c): the sample content built with --format html,
# every page valid for the Nu HTML Checker, every internal href and src
# resolving, facts checked against the content, no script anywhere, hostile
# content escaped, --base-url, reproducible bytes, a golden page.
#   REGEN=1 sh tests/t-site.sh   rewrites the golden page after a change
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

SITE=$TOP/tests/site
OUT=$WORK/out
VNU=$TOP/tests/node_modules/vnu-jar/build/dist/vnu.jar

# The Nu HTML Checker comes from npm (tests/package.json); Java from Debian.
if [ ! -f "$VNU" ] && command -v npm >/dev/null 2>&1; then
	(cd "$TOP/tests" && npm ci --no-audit --no-fund --loglevel=error) \
	    >"$WORK/npm.log" 2>&1
fi

# xp FILE XPATH: an XPath 1.0 expression over an XML file (content).
xp() {
	xmllint --nonet --xpath "$2" "$1" 2>/dev/null
}

# The sum of an XPath count() over the indicator files of a content folder.
count_ind() {
	n=0
	for f in "$1"/indicators/*.xml; do
		n=$((n + $(xp "$f" "count($2)")))
	done
	echo "$n"
}

# vnu_check DIR: every page under DIR valid, no error at all.
vnu_check() {
	find "$1" -name '*.html' | sort >"$WORK/pages"
	if [ ! -s "$WORK/pages" ]; then
		echo "no page under $1"
		return 1
	fi
	java -jar "$VNU" --errors-only --format gnu $(cat "$WORK/pages") \
	    >"$WORK/vnu.log" 2>&1
	st=$?
	if [ $st -ne 0 ] || [ -s "$WORK/vnu.log" ]; then
		head -40 "$WORK/vnu.log"
		return 1
	fi
	echo "$(wc -l <"$WORK/pages") pages, 0 errors"
}

# The year column (7th) of a CSV file, quoted fields understood.
csv_years() {
	awk 'NR > 1 {
		f = 1; q = 0; v = ""
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\"") q = !q
			else if (c == "," && !q) { if (f == 7) break; f++; v = "" }
			else v = v c
		}
		print v
	}' "$1"
}

# ---- the sample content ----

if ! "$BIN" build --format html --content content --out "$OUT" --quiet \
    2>"$WORK/build.err"; then
	fail "site: the sample content builds" "$(head -20 "$WORK/build.err")"
	exit 0
fi
pass "site: the sample content builds"

# The social card is PNG written by gen/svg.c itself, not by libpng: a
# decoder of its own checks every CRC and filter, the size Open Graph
# asks for and that the sheet is drawn on it (not one flat colour).
for y in 2015 2016; do
	if card=$(python3 "$TOP/tests/pngpix.py" "$OUT/$y/partage-$y.png" \
	    2>&1) && [ "${card% *}" = "1200 630 2" ] && [ "${card##* }" -gt 100 ]
	then pass "site: the $y social card decodes, 1200 x 630 RGB, drawn"
	else fail "site: the $y social card decodes, 1200 x 630 RGB, drawn" \
	    "$card"; fi
done

if ! command -v java >/dev/null 2>&1 || [ ! -f "$VNU" ]; then
	fail "site: Nu HTML Checker available (java, tests/node_modules)" \
	    "$(tail -5 "$WORK/npm.log" 2>/dev/null)"
else
	check "site: every page valid for the Nu HTML Checker" \
	    vnu_check "$OUT"
fi

check "site: every internal href and src resolves" linkcheck "$OUT"

# The narrow variant of a chart is chosen on the very screens where the
# style sheet caps its size (gen/html.c chart_picture, styles/site.css).
media=$(cat "$OUT"/*/*.html | sed -n 's/.*<source media="\([^"]*\)".*/\1/p' |
    sort -u)
if [ -n "$media" ] && [ "$(echo "$media" | wc -l)" -eq 1 ] &&
    grep -A1 -xF "@media $media {" "$OUT/2016/assets/site.css" |
    grep -qx '  \.chart img {'
then pass "site: charts' narrow variants chosen where site.css caps them ($media)"
else fail "site: charts' narrow variants chosen where site.css caps them" \
    "<source media>: $media"; fi

years=$(ls content/editions)
nmeasures=$(xp content/plan.xml 'count(//measure)')
nprios=$(xp content/plan.xml 'count(//priority)')
for y in $years; do
	# One page per measure and per priority.
	n=$(ls "$OUT/$y"/mesure-*.html 2>/dev/null | wc -l)
	if [ "$n" -eq "$nmeasures" ] && [ "$n" -eq 23 ]; then
		pass "site $y: $n measure pages"
	else
		fail "site $y: measure pages" "$n pages, $nmeasures measures"
	fi
	n=$(ls "$OUT/$y"/priorite-*.html 2>/dev/null | wc -l)
	if [ "$n" -eq "$nprios" ]; then
		pass "site $y: $n priority pages"
	else
		fail "site $y: priority pages" "$n pages, $nprios priorities"
	fi

	# The dashboard counts are the assessments of the content.
	msg=
	for s in implemented partial in-progress not-implemented \
	    not-assessed; do
		want=$(count_ind content \
		    "//assessment[@year='$y'][@status='$s']")
		got=$(grep -o "badge-$s\"><span class=\"badge-icon\" aria-hidden=\"true\"></span>[^<]*</span></th><td class=\"num\">[0-9]*<" \
		    "$OUT/$y/index.html" | sed 's/.*"num">//; s/<$//')
		[ "$got" = "$want" ] || msg="$msg $s: page ${got:-none}, content $want;"
	done
	if [ -z "$msg" ]; then
		pass "site $y: dashboard counts match the assessments"
	else
		fail "site $y: dashboard counts" "$msg"
	fi

	# The CSV: one row per value up to the edition's year, plus a head.
	csv=$OUT/$y/data/indicateurs-$y.csv
	want=$(count_ind content "//value[@year<=$y]")
	got=$(($(wc -l <"$csv") - 1))
	if [ "$got" -eq "$want" ] && [ "$want" -gt 0 ] &&
	    head -1 "$csv" | grep -q '^edition,mesure,indicateur,'; then
		pass "site $y: CSV has $got rows, one per value up to $y"
	else
		fail "site $y: CSV rows" "file $got, content $want"
	fi
	# No value after the edition's year, anywhere.
	if csv_years "$csv" | awk -v y="$y" '$1 !~ /^[0-9][0-9][0-9][0-9]$/ ||
	    $1 + 0 > y { bad = 1 } END { exit bad }'; then
		pass "site $y: no value after $y in the CSV"
	else
		fail "site $y: no value after $y in the CSV"
	fi
done

# One script in the whole site: the search page's own, from the site.
if grep -ril '<script' "$OUT" | grep -v "^$OUT/recherche.html$" \
    >"$WORK/scripts"; [ -s "$WORK/scripts" ] ||
    [ "$(grep -c '<script' "$OUT/recherche.html")" != 1 ] ||
    ! grep -q '^<script src="assets/recherche.js" defer></script>$' \
    "$OUT/recherche.html"; then
	fail "site: no <script but the search page's own" "$(cat "$WORK/scripts")"
else
	pass "site: no <script but the search page's own"
fi
csp="Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self'; "
if grep -L "${csp}base-uri" $(find "$OUT" -name '*.html') |
    grep -v "^$OUT/recherche.html$" >"$WORK/nocsp"; [ -s "$WORK/nocsp" ] ||
    ! grep -q "${csp}script-src 'self'; connect-src 'self';" "$OUT/recherche.html"
then
	fail "site: every page forbids scripts (CSP), the search page all but its own" \
	    "$(cat "$WORK/nocsp")"
else
	pass "site: every page forbids scripts (CSP), the search page all but its own"
fi

# Every page: French, one h1, the landmarks, a skip link to main.
msg=
for page in $(find "$OUT" -name '*.html' ! -name revue.html | sort); do
	grep -q '^<html lang="fr">$' "$page" || msg="$msg $page: lang;"
	[ "$(grep -c '<h1[ >]' "$page")" -eq 1 ] || msg="$msg $page: h1;"
	for l in '<header' '<nav' '<main id="contenu"' '<footer' \
	    'class="skip" href="#contenu"'; do
		grep -q "$l" "$page" || msg="$msg $page: $l;"
	done
done
if [ -z "$msg" ]; then
	pass "site: lang, one h1, landmarks and skip link on every page"
else
	fail "site: page structure" "$msg"
fi

# Every chart image has a text alternative; every table a caption and
# header cells with a scope.
if grep -h '<img ' $(find "$OUT" -name '*.html') | grep -v ' alt="[^"]' \
    >"$WORK/noalt"; [ -s "$WORK/noalt" ]; then
	fail "site: every image has a text alternative" "$(head -5 "$WORK/noalt")"
else
	pass "site: every image has a text alternative"
fi
msg=
for page in $(find "$OUT" -name '*.html' ! -name revue.html); do
	t=$(grep -c '<table' "$page")
	c=$(grep -c '<caption' "$page")
	[ "$t" -eq "$c" ] || msg="$msg $page: $t tables, $c captions;"
	grep -q '<th>' "$page" && msg="$msg $page: th without scope;"
done
if [ -z "$msg" ]; then
	pass "site: tables have captions and scoped header cells"
else
	fail "site: tables" "$msg"
fi

# The editions index: newest first, each with its site.
first=$(grep -o 'href="[0-9]*/index.html"' "$OUT/index.html" | head -1)
newest=$(ls content/editions | sort | tail -1)
if [ "$first" = "href=\"$newest/index.html\"" ]; then
	pass "site: editions index lists the newest edition first"
else
	fail "site: editions index order" "first link $first"
fi

# Values after the edition year never shown: the 2015 measure pages have
# no 2016 row.
if grep -l '<th scope="row">2016</th>\|scope="col" class="num">2016<' \
    "$OUT"/2015/mesure-*.html >"$WORK/late"; then
	fail "site: 2015 pages show no 2016 value" "$(cat "$WORK/late")"
else
	pass "site: 2015 pages show no 2016 value"
fi

# ---- every format: the site links the PDF, and the links still resolve ----

if "$BIN" build --content content --out "$WORK/all" --quiet \
    2>"$WORK/all.err"; then
	if grep -q '<a class="button" href="rapport-2016.pdf">' \
	    "$WORK/all/2016/index.html" &&
	    grep -q 'href="2016/rapport-2016.pdf"' "$WORK/all/index.html"; then
		pass "site: with the PDF built, the site links it"
	else
		fail "site: with the PDF built, the site links it"
	fi
	check "site: every link resolves with every format built" \
	    linkcheck "$WORK/all"
else
	fail "site: build with every format" "$(head -5 "$WORK/all.err")"
fi

# ---- reproducible: a second build, one thread, gives the same bytes ----

"$BIN" build --format html --content content --out "$WORK/out2" --quiet \
    --jobs 1 2>/dev/null
check "site: a second build gives identical files" \
    diff -r "$OUT" "$WORK/out2"

# ---- --base-url: canonical links and sitemap.xml ----

if "$BIN" build --format html --content content --out "$WORK/outb" --quiet \
    --base-url 'https://www.example.org/rapport/' 2>"$WORK/b.err"; then
	sm=$WORK/outb/sitemap.xml
	npages=$(find "$WORK/outb" -name '*.html' ! -name revue.html ! -name 404.html ! -name recherche.html | wc -l)
	nurls=$(xmllint --nonet --xpath \
	    "count(//*[local-name()='loc'])" "$sm" 2>/dev/null)
	if [ "$nurls" = "$npages" ] &&
	    grep -q '<loc>https://www.example.org/rapport/2016/mesure-08.html</loc>' "$sm" &&
	    grep -q '<link rel="canonical" href="https://www.example.org/rapport/2016/mesure-08.html">' \
	    "$WORK/outb/2016/mesure-08.html"; then
		pass "site: --base-url writes canonical links and a sitemap of $nurls pages"
	else
		fail "site: --base-url" "$nurls urls for $npages pages"
	fi
else
	fail "site: --base-url build" "$(head -5 "$WORK/b.err")"
fi
if [ ! -e "$OUT/sitemap.xml" ] && ! grep -q 'rel="canonical"' \
    "$OUT/2016/index.html"; then
	pass "site: no sitemap nor canonical link without --base-url"
else
	fail "site: no sitemap nor canonical link without --base-url"
fi

# ---- hostile content: markup in every field stays text ----

H=$WORK/hostile
if "$BIN" build --format html --content "$SITE/hostile" --out "$H" \
    --quiet 2>/dev/null; then
	pass "site: the hostile fixture builds"
	if { grep -il '<script\|<iframe' $(find "$H" -name '*.html');
	    grep -il '<style' $(find "$H" -name '*.html' ! -name revue.html)
	    } >"$WORK/hs"; then
		fail "site: hostile markup never becomes an element" \
		    "$(cat "$WORK/hs")"
	else
		pass "site: hostile markup never becomes an element"
	fi
	# No event-handler attribute, no javascript: address.  (Attribute
	# values are escaped text: a title quoting "onerror=" in a meta
	# tag's content is no handler, so values are blanked first.)
	grep -o '<[a-z][^>]*>' $(find "$H" -name '*.html') >"$WORK/tags"
	if { grep -i '="javascript:' "$WORK/tags"
	    sed 's/="[^"]*"/=""/g' "$WORK/tags" | grep -i ' on[a-z]*='
	    } >"$WORK/hs"; then
		fail "site: no event handler or javascript: link" \
		    "$(head -5 "$WORK/hs")"
	else
		pass "site: no event handler or javascript: link"
	fi
	p=$H/2016/mesure-01.html
	if grep -q '<code class="raw">&lt;img src=x onerror="alert(13)"&gt;</code>' "$p" &&
	    grep -q '<pre class="raw"><code>&lt;script&gt;alert(15)&lt;/script&gt;' "$p" &&
	    grep -q 'href="https://example.org/?a=1&amp;b=%22%3E%3Cscript%3Ealert(5)%3C/script%3E"' "$p"; then
		pass "site: raw HTML shown as text, addresses encoded"
	else
		fail "site: raw HTML shown as text, addresses encoded"
	fi
	if [ -f "$VNU" ]; then
		check "site: hostile pages valid for the Nu HTML Checker" \
		    vnu_check "$H"
	fi
	check "site: hostile site links resolve" linkcheck "$H"
	# A narrative's image is copied beside the pages that show it,
	# named by the hash of its bytes.
	h=$(sha256sum "$SITE/hostile/images/schema.png" | cut -c1-16)
	if cmp -s "$SITE/hostile/images/schema.png" "$H/2016/img/$h.png" &&
	    grep -q "<img src=\"img/$h.png\" alt=\"Schéma &lt;b&gt;" \
	    "$H/2016/mesure-02.html"; then
		pass "site: narrative images copied, with their text alternative"
	else
		fail "site: narrative images copied, with their text alternative"
	fi
	# The golden page: the whole measure page, byte for byte.
	gold=$SITE/hostile-mesure-01.html
	if [ -n "$REGEN" ]; then
		cp "$p" "$gold"
	fi
	check "site: hostile measure page matches tests/site/$(basename "$gold")" \
	    diff -u "$gold" "$p"
else
	fail "site: the hostile fixture builds"
fi

# --draft: every page says so, with the build label escaped.
if "$BIN" build --format html --content "$SITE/hostile" --out "$WORK/draft" \
    --quiet --draft --label 'abc<i>"' 2>/dev/null; then
	n=$(grep -L '<div class="draft-banner"><p class="wrap"><strong>Version de travail</strong>.*(abc&lt;i&gt;")' \
	    $(find "$WORK/draft" -name '*.html' ! -name revue.html) | wc -l)
	if [ "$n" -eq 0 ]; then
		pass "site: --draft marks every page, label escaped"
	else
		fail "site: --draft marks every page" "$n pages without"
	fi
else
	fail "site: --draft build"
fi

# A javascript: link in a narrative is an error: nothing is written.
cp -R "$SITE/hostile" "$WORK/js"
printf '\n[clic](javascript:alert(1))\n' \
    >>"$WORK/js/editions/2016/measures/m02.md"
"$BIN" build --format html --content "$WORK/js" --out "$WORK/jsout" \
    --quiet 2>"$WORK/js.err"
st=$?
if [ $st -eq 1 ] && [ ! -e "$WORK/jsout" ] &&
    grep -q 'm02.md:.*javascript' "$WORK/js.err"; then
	pass "site: a javascript: link stops the build"
else
	fail "site: a javascript: link stops the build" "status $st" \
	    "$(head -3 "$WORK/js.err")"
fi

# CSV cells that a spreadsheet would take for formulas (= + - @, tab,
# carriage return first) are written with an apostrophe before them.
cp -R "$TOP/tests/fixtures/mini" "$WORK/formula"
sed -i 's|<label>Victimes identifiées</label>|<label>=1+cmd\|A0</label>|;
    s|unit="personnes"|unit="+33"|;
    s|<source>Source d’essai</source>|<source>-2+3 source</source>|;
    s|<value year="2015">12.5</value>|<value year="2015" note="@SUM(A1:A9)">12.5</value>|' \
    "$WORK/formula/indicators/m01.xml"
if "$BIN" build --format html --content "$WORK/formula" --out "$WORK/fout" \
    --quiet 2>"$WORK/formula.err" && python3 - \
    "$WORK/fout/2016/data/indicateurs-2016.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
r = [x for x in rows if x["indicateur"] == "victimes" and x["mesure"] == "1"]
assert len(r) == 3, r
for x in r:
    assert x["libelle"] == "'=1+cmd|A0", x
    assert x["unite"] == "'+33", x
    assert x["source"] == "'-2+3 source", x
assert [x["remarque"] for x in r] == ["", "'@SUM(A1:A9)", ""], r
for x in rows:
    for k, v in x.items():
        assert k in ("valeur",) or not v or v[0] not in "=+-@\t\r", (k, v)
PY
then pass "site: CSV cells never start a formula (apostrophe first)"
else fail "site: CSV cells never start a formula" "$(cat "$WORK/formula.err")"; fi

# CSV numbers as "%.15g" writes them (gen/csv.c writes the short ones
# digit by digit), "%.17g" when 15 digits do not give the value back,
# with a decimal comma in the spreadsheet's copy; quotes doubled.
cp -R "$TOP/tests/fixtures/mini" "$WORK/nums"
sed -i 's|<source>|<source url="https://example.org/?q=\&quot;a\&quot;\&quot;">|;
    s|<value year="2014">10</value>|<baseline year="2014" value="1000000000000000"/>\
    <target year="2016" value="0.30000000000000004"/>\
    <value year="2014">0.0001</value>|;
    s|<value year="2015">12.5</value>|<value year="2015">123456.7891</value>|;
    s|<value year="2016" illustrative="true">14</value>|<value year="2016">0.00001</value>|' \
    "$WORK/nums/indicators/m01.xml"
tail='personnes,non,,2014,1e+15,2016,0.30000000000000004,Source d’essai,'
tail=$tail'"https://example.org/?q=""a""""",'
printf '2014,0.0001,%s\r\n2015,123456.7891,%s\r\n2016,1e-05,%s\r\n' \
    "$tail" "$tail" "$tail" >"$WORK/nums.want"
printf '2014;0,0001;%s\r\n2015;123456,7891;%s\r\n2016;1e-05;%s\r\n' \
    "$(echo "$tail" | tr , ';' | sed 's/0\.3/0,3/')" \
    "$(echo "$tail" | tr , ';' | sed 's/0\.3/0,3/')" \
    "$(echo "$tail" | tr , ';' | sed 's/0\.3/0,3/')" >"$WORK/nums.want2"
if "$BIN" build --format html --content "$WORK/nums" --out "$WORK/nout" \
    --quiet 2>"$WORK/nums.err" &&
    grep '^2016,1,victimes,' "$WORK/nout/2016/data/indicateurs-2016.csv" |
    cut -d, -f7- | cmp -s - "$WORK/nums.want" &&
    grep '^2016;1;victimes;' \
    "$WORK/nout/2016/data/indicateurs-2016-tableur.csv" |
    cut -d';' -f7- | cmp -s - "$WORK/nums.want2"; then
	pass "site: CSV numbers, short, long and tiny, in both forms; quotes"
else fail "site: CSV numbers, short, long and tiny, in both forms; quotes" \
	"$(cat "$WORK/nums.err")" \
	"$(grep victimes "$WORK/nout/2016/data/indicateurs-2016.csv")"; fi

# ---- a large priority: the measures around the page's own ----
#
# The aside lists a priority's measures; past 15 (SIB_WINDOW, html.c),
# the 15 around the page's own and a link to the page of them all.  The
# benchmark's generator (its K = 2: 22 measures in priority I, 8 in
# priority III) and a plan of one level grown to 20 measures.

# sib_nums FILE: the numbers of the aside's list, the page's own in [ ].
sib_nums() {
	sed -n '/<ol class="siblings">/,/<\/ol>/p' "$1" | awk '
	    /class="sib-num"/ {
		n = $0
		sub(/.*<span class="sib-num">/, "", n)
		sub(/<.*/, "", n)
		printf (/aria-current="page"/ ? "[%s] " : "%s "), n
	    }'
}
# sib_all FILE: the link past the list, or nothing.
sib_all() { grep '<p class="sib-all">' "$1"; }
NBSP=$(printf '\302\240')

G=$WORK/gencontent
if cc -std=c11 -D_GNU_SOURCE -O2 -o "$G" "$TOP/tests/bench/gencontent.c" \
    2>"$WORK/gen.err" && "$G" 2 "$WORK/k2" &&
    "$BIN" build --format html --content "$WORK/k2" --out "$WORK/k2out" \
    --quiet 2>"$WORK/k2.err"; then
	pass "site: a plan of 22 measures a priority builds"
	K2=$WORK/k2out/2016
	want1='[1] 2 3 4 5 6 7 8 9 10 11 12 13 14 15 '
	want12='5 6 7 8 9 10 11 [12] 13 14 15 16 17 18 19 '
	want22='8 9 10 11 12 13 14 15 16 17 18 19 20 21 [22] '
	if [ "$(sib_nums "$K2/mesure-01.html")" = "$want1" ] &&
	    [ "$(sib_nums "$K2/mesure-12.html")" = "$want12" ] &&
	    [ "$(sib_nums "$K2/mesure-22.html")" = "$want22" ]; then
		pass "site: 15 of a priority's 22 measures, around the page's own"
	else fail "site: 15 of a priority's 22 measures, around the page's own" \
		"1: $(sib_nums "$K2/mesure-01.html")" \
		"12: $(sib_nums "$K2/mesure-12.html")" \
		"22: $(sib_nums "$K2/mesure-22.html")"; fi
	# Every page of priority I: 15 entries, its own among them, and the
	# link to the priority's page.
	bad=
	for i in $(seq 1 22); do
		f=$K2/mesure-$(printf %02d "$i").html
		n=$(sib_nums "$f" | wc -w)
		case " $(sib_nums "$f")" in *" [$i] "*) ;; *) n=0 ;; esac
		[ "$n" -eq 15 ] && [ "$(sib_all "$f")" = '<p class="sib-all"><a href="priorite-1.html">Liste complète (22'"$NBSP"'mesures)</a></p>' ] ||
		    bad="$bad $i"
	done
	[ -z "$bad" ] && pass "site: each of the 22, 15 entries and the full list's link" ||
	    fail "site: each of the 22, 15 entries and the full list's link" \
	    "measures:$bad" "$(sib_all "$K2/mesure-01.html")"
	# Priority III's 8 (measures 39 to 46): all, and no link.
	f=$K2/mesure-40.html
	if [ "$(sib_nums "$f")" = '39 [40] 41 42 43 44 45 46 ' ] &&
	    [ -z "$(sib_all "$f")" ]; then
		pass "site: a priority of 8 measures lists them all, no link"
	else fail "site: a priority of 8 measures lists them all, no link" \
		"$(sib_nums "$f")" "$(sib_all "$f")"; fi
	if command -v java >/dev/null 2>&1 && [ -f "$VNU" ]; then
		mkdir -p "$WORK/sibvnu"
		cp "$K2/mesure-01.html" "$K2/mesure-12.html" "$WORK/sibvnu/"
		check "site: those pages valid for the Nu HTML Checker" \
		    vnu_check "$WORK/sibvnu"
	fi
	check "site: the 22 measures' links resolve" linkcheck "$WORK/k2out"
else
	fail "site: a plan of 22 measures a priority builds" \
	    "$(cat "$WORK/gen.err" "$WORK/k2.err" 2>/dev/null | head -20)"
fi

# A plan of one level: its dashboard lists every measure.
P=$WORK/flat20
cp -R "$TOP/tests/plans/one-level" "$P"
i=9
add=
while [ "$i" -le 20 ]; do
	m=$(printf m%02d "$i")
	add="$add  <measure id=\"$m\" number=\"$i\">
    <title>Recommendation $i, added by the test</title>
    <lead>Ministry of Justice</lead>
  </measure>
"
	sed "s/measure=\"m01\"/measure=\"$m\"/" "$P/indicators/m01.xml" \
	    >"$P/indicators/$m.xml"
	for y in 2020 2021; do
		cp "$P/editions/$y/measures/m01.md" "$P/editions/$y/measures/$m.md"
	done
	i=$((i + 1))
done
awk -v add="$add" '/^<\/plan>/ { printf "%s", add } { print }' \
    "$P/plan.xml" >"$P/plan.new" && mv "$P/plan.new" "$P/plan.xml"
if "$BIN" build --format html --content "$P" --out "$WORK/flatout" --quiet \
    2>"$WORK/flat.err"; then
	f=$WORK/flatout/2021/measure-20.html
	if [ "$(sib_nums "$f")" = '6 7 8 9 10 11 12 13 14 15 16 17 18 19 [20] ' ] &&
	    [ "$(sib_all "$f")" = '<p class="sib-all"><a href="index.html">Full list (20 recommendations)</a></p>' ] &&
	    [ "$(grep -c 'href="measure-[0-9]*\.html"' \
	    "$WORK/flatout/2021/index.html")" -ge 20 ]; then
		pass "site: a plan of one level links to its dashboard, in its words"
	else fail "site: a plan of one level links to its dashboard, in its words" \
		"$(sib_nums "$f")" "$(sib_all "$f")"; fi
else
	fail "site: a plan of one level and 20 measures builds" \
	    "$(head -20 "$WORK/flat.err")"
fi
