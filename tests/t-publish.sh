#!/bin/sh
# What a public body's site must publish, and what a draft must not: the
# accessibility statement, legal notices, site map and contact linked from
# every page; 404 and robots.txt; the review only in drafts, never indexed;
# editions that link each other; --base-url refused when unsafe; the two
# CSV files.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

OUT=$WORK/out
"$BIN" build --quiet --format html --content content --out "$OUT" \
    2>"$WORK/err" || fail "publish: the sample builds" "$(cat "$WORK/err")"

# Every page links the four pages, each of which exists, and says the
# accessibility result.
msg=
for page in $(find "$OUT" -name '*.html' ! -name 404.html | sort); do
	up=$(dirname "${page#$OUT/}" | sed 's#[^/.][^/]*#..#g; s#^\.$##')
	[ -n "$up" ] && up=$up/
	for f in accessibilite.html mentions-legales.html plan-du-site.html \
	    contact.html; do
		grep -q "href=\"$up$f\"" "$page" || msg="$msg ${page#$OUT/}: $f;"
	done
	grep -q 'Accessibilité.*: non conforme</a>' "$page" ||
	    msg="$msg ${page#$OUT/}: no result;"
done
for f in accessibilite.html mentions-legales.html plan-du-site.html \
    contact.html 404.html robots.txt; do
	[ -s "$OUT/$f" ] || msg="$msg no $f;"
done
if [ -z "$msg" ]; then
	pass "publish: every page links the statement, legal notices, site map and contact"
else
	fail "publish: compliance pages" "$msg"
fi

# The statement follows the RGAA model; the legal notices name the
# publisher, the host and the licence from content/site.xml.
a=$OUT/accessibilite.html
msg=
for h in 'État de conformité' 'Résultats des tests' 'Contenus non accessibles' \
    'Établissement de cette déclaration' 'Retour d’information et contact' \
    'Voies de recours'; do
	grep -q "<h2>$h</h2>" "$a" || msg="$msg $h;"
done
grep -q '<strong>non conforme</strong>' "$a" || msg="$msg status;"
grep -q 'Licence Ouverte 2.0' "$OUT/mentions-legales.html" || msg="$msg licence;"
grep -q '<h2>Hébergement</h2>' "$OUT/mentions-legales.html" || msg="$msg host;"
n=$(grep -c '<a href="20[0-9][0-9]/mesure-' "$OUT/plan-du-site.html")
[ "$n" = 46 ] || msg="$msg site map has $n measure links, not 46;"
if [ -z "$msg" ]; then pass "publish: statement in the RGAA structure, legal notices, site map"
else fail "publish: statement, legal notices, site map" "$msg"; fi

# A site.xml declaring an audit: the result, rate and date shown.
cp -R content "$WORK/c2"
sed -i 's|<accessibility status="none" standard="RGAA 4.1"/>|<accessibility status="partial" date="2017-06-30" rate="76.5"><auditor>Un auditeur</auditor><exception>Les graphiques du PDF</exception></accessibility>|' \
    "$WORK/c2/site.xml"
"$BIN" build --quiet --format html --content "$WORK/c2" --out "$WORK/o2" 2>"$WORK/err"
a=$WORK/o2/accessibilite.html
if grep -q '<strong>partiellement conforme</strong>' "$a" &&
    grep -q 'Un auditeur révèle que 76,5.*% des critères' "$a" &&
    grep -q 'établie le 30 juin 2017' "$a" &&
    grep -q '<li>Les graphiques du PDF</li>' "$a" &&
    grep -q 'Accessibilité.*: partiellement conforme</a>' "$WORK/o2/2016/mesure-08.html"
then pass "publish: a declared audit: result, rate, date, exceptions, footer"
else fail "publish: a declared audit" "$(cat "$WORK/err")"; fi

# No site.xml: the pages say what is missing, never invent it.
"$BIN" build --quiet --format html --content tests/fixtures/mini \
    --out "$WORK/o3" 2>"$WORK/err"
if grep -q 'non renseigné' "$WORK/o3/mentions-legales.html" &&
    grep -q '<strong>non conforme</strong>' "$WORK/o3/accessibilite.html"
then pass "publish: without site.xml the notices say what is missing"
else fail "publish: without site.xml" "$(cat "$WORK/err")"; fi

# 404.html: its links resolve from the site's root wherever it is served.
if grep -q '<base href="/">' "$OUT/404.html" &&
    grep -q "base-uri 'self'" "$OUT/404.html" &&
    ! grep -q '<base' "$OUT/index.html"; then
	pass "publish: 404 page based at the site's root, no <base> elsewhere"
else fail "publish: 404 page"; fi

# Robots: a final site is open, a draft closed; a draft edition alone is
# closed in a final build.
if grep -qx 'Allow: /' "$OUT/robots.txt" && ! grep -q Disallow "$OUT/robots.txt"
then pass "publish: robots.txt of a final build allows all"
else fail "publish: robots.txt of a final build" "$(cat "$OUT/robots.txt")"; fi
"$BIN" build --quiet --draft --format html --content content --out "$WORK/d" \
    2>"$WORK/err"
n=$(grep -L '<meta name="robots" content="noindex' $(find "$WORK/d" -name '*.html'))
if grep -qx 'Disallow: /' "$WORK/d/robots.txt" && [ -z "$n" ] &&
    [ -f "$WORK/d/2016/revue.html" ]
then pass "publish: a draft: robots.txt refuses, noindex on every page, review pages"
else fail "publish: a draft build" "$n" "$(cat "$WORK/d/robots.txt")"; fi
sed -i 's/status="final"/status="draft"/' "$WORK/c2/editions/2016/edition.xml"
"$BIN" build --quiet --format html --content "$WORK/c2" --out "$WORK/o4" \
    --base-url https://example.org/rapports/ 2>"$WORK/err"
if grep -qx 'Disallow: /rapports/2016/' "$WORK/o4/robots.txt" &&
    grep -qx 'Sitemap: https://example.org/rapports/sitemap.xml' "$WORK/o4/robots.txt" &&
    [ -f "$WORK/o4/2016/revue.html" ] && [ ! -e "$WORK/o4/2015/revue.html" ]
then pass "publish: a draft edition in a final build: its folder disallowed, its review only"
else fail "publish: a draft edition" "$(cat "$WORK/o4/robots.txt")"; fi

# Archive: every measure page links the same measure in every other
# edition; an older edition's pages point at the newest.
msg=
for y in 2015 2016; do
	o=$((4031 - y))
	for page in "$OUT/$y"/mesure-*.html; do
		f=$(basename "$page")
		grep -q "href=\"../$o/$f\"" "$page" || msg="$msg $y/$f;"
	done
done
n=$(grep -L 'href="../2016/' $(find "$OUT/2015" -name '*.html'))
if [ -z "$msg" ] && [ -z "$n" ] &&
    grep -q 'voir le rapport d’évaluation 2016' "$OUT/2015/mesure-08.html" &&
    grep -q 'href="../2016/mesure-08.html">voir' "$OUT/2015/mesure-08.html" &&
    ! grep -q 'newer-banner' "$OUT/2016/mesure-08.html"
then pass "publish: measures link each other across editions; 2015 points at 2016"
else fail "publish: archive links" "$msg" "$n"; fi

# --base-url: http or https with a host, nothing to escape.
msg=
for u in 'ftp://example.org/' 'javascript:alert(1)' 'https://ex ample.org/' \
    'https://' 'example.org' 'https://example.org/a"b' 'https://example.org/?q'; do
	"$BIN" build --quiet --format html --content content \
	    --out "$WORK/bu" --base-url "$u" 2>"$WORK/err"
	st=$?
	{ [ $st = 2 ] && [ ! -e "$WORK/bu" ] && grep -q 'base-url' "$WORK/err"; } ||
	    msg="$msg $u: status $st;"
done
if [ -z "$msg" ]; then pass "publish: unsafe --base-url refused (status 2, nothing written)"
else fail "publish: unsafe --base-url" "$msg"; fi

# A part whose file name is 60 characters (+ ".html": past the 64 bytes
# a fixed buffer once held): its sitemap address is whole.
cp -R tests/fixtures/mini "$WORK/c5"
long=une-partie-dont-le-nom-de-fichier-depasse-la-taille-de-64-o
printf '# Partie\n\nTexte.\n' >"$WORK/c5/editions/2016/$long.md"
sed -i "s|</edition>|<back><part file=\"$long.md\">Partie</part></back></edition>|" \
    "$WORK/c5/editions/2016/edition.xml"
"$BIN" build --quiet --format html --content "$WORK/c5" --out "$WORK/o5" \
    --base-url https://example.org/ 2>"$WORK/err"
if grep -q "<loc>https://example.org/2016/$long.html</loc>" "$WORK/o5/sitemap.xml"
then pass "publish: a 60-character part name in the sitemap"
else fail "publish: a 60-character part name in the sitemap" "$(cat "$WORK/err")"; fi

# The CSV files: RFC 4180 and the spreadsheet copy, same rows, with the
# reference, target, source address and licence columns.
c=$OUT/2016/data/indicateurs-2016.csv
t=$OUT/2016/data/indicateurs-2016-tableur.csv
h='edition,mesure,indicateur,libelle,categorie,categorie_libelle,annee,valeur,unite,illustratif,remarque,reference_annee,reference_valeur,cible_annee,cible_valeur,source,source_url,licence'
if [ "$(head -1 "$c" | tr -d '\r')" = "$h" ] &&
    [ "$(head -c 3 "$t" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    [ "$(head -1 "$t" | tail -c +4 | tr -d '\r')" = "$(echo "$h" | tr , ';')" ] &&
    [ "$(wc -l <"$c")" = "$(wc -l <"$t")" ] &&
    grep -q ';12,5;\|;[0-9]*,[0-9];' "$t" &&
    grep -q 'Licence Ouverte 2.0 (Etalab)' "$c"
then pass "publish: CSV and spreadsheet CSV: columns, BOM, ';', decimal comma, licence"
else fail "publish: CSV files" "$(head -2 "$c")" "$(head -2 "$t")"; fi
